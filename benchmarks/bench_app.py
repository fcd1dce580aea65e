"""The app's speed, as ratios against a minimal Textual app measured the same way in the same run.

- start-up: `argmap MAP` launched in a pseudo-terminal until the map's first claim is drawn (bundled map, and each
  size), beside the minimal app and the minimal app after loading the map through argmap's model (the floor);
- a navigation step (cursor down in the tree, which redraws the claim view), a link followed, opening and leaving
  the search, a search keystroke, and a cursor step in the comparison of five authors, each driven through
  `run_test`, at 10,000 and 100,000 claims;
- opening the comparison of five authors, and an edit (a claim's text changed) made while it is open, until the
  comparison shows it, at the same sizes.

Usage: python -m benchmarks.bench_app [--sizes 10000 100000] [--starts 7]   (--sizes with no number: start-up only)
Targets: start-up on the bundled map within 1.3x the minimal app; every step and keystroke under 50 ms at 10,000
claims and under 100 ms at 100,000; the comparison open within 0.5 s and an edit shown in it within 100 ms at 10,000.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import fcntl
import json
import os
import pty
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.generate import generate_map

COMPARED_EDITS = 12
COMPARISON_OPENINGS = 6

ROOT = Path(__file__).resolve().parent.parent

MINIMAL_APP = """
from textual.app import App
from textual.widgets import Footer, Header, Static, Tree

class Minimal(App):
    def compose(self):
        yield Header()
        tree = Tree("root")
        for n in range(10):
            tree.root.add_leaf(f"node {n}")
        yield tree
        yield Static("minimal")
        yield Footer()
"""

START_MINIMAL = MINIMAL_APP + "Minimal().run()\n"

START_FLOOR = """
import sys
from argmap.store import load_map
load_map(sys.argv[1])
""" + MINIMAL_APP + "Minimal().run()\n"
"""The minimal app after reading the map through argmap's pydantic model: what any app on this design pays."""

START_ARGMAP = "from argmap.cli import main; main()\n"
"""The real command line, `argmap MAP`, as a user starts it."""


def first_paint(arguments: list[str], marker: bytes, size: tuple[int, int] = (45, 140)) -> float:
    """Seconds from launching `python ARGUMENTS` in a pseudo-terminal until `marker` is on its screen.

    A real terminal, not `run_test`: the pilot's wait for idle sleeps in steps of its own, and what counts for a
    user is when the first screen is drawn. The process is killed once it is.
    """
    process_id, terminal = pty.fork()
    if process_id == 0:
        os.chdir(ROOT)
        os.environ["TERM"] = "xterm-256color"
        os.execv(sys.executable, [sys.executable, *arguments])
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", *size, 0, 0))
    launched, screen = time.perf_counter(), b""
    try:
        while marker not in screen:
            readable, _, _ = select.select([terminal], [], [], 30)
            if not readable:
                raise TimeoutError(f"{arguments}: no {marker!r} on the screen after 30 s")
            try:
                screen += os.read(terminal, 1 << 16)
            except OSError:  # the child closed the terminal: it ended before drawing the marker
                raise RuntimeError(f"{arguments}: ended before drawing {marker!r}: {screen[-400:]!r}") from None
        return time.perf_counter() - launched
    finally:
        os.kill(process_id, signal.SIGKILL)
        os.waitpid(process_id, 0)
        os.close(terminal)


def first_paints(programs: dict[str, tuple[list[str], bytes]], runs: int) -> dict[str, list[float]]:
    """First-paint times of each program over `runs` rounds, the programs taking turns within a round so that
    the machine's drift over the run falls on all of them alike (one round first, not counted, warms the caches)."""
    times: dict[str, list[float]] = {name: [] for name in programs}
    for round_number in range(runs + 1):
        for name, (arguments, marker) in programs.items():
            seconds = first_paint(arguments, marker)
            if round_number:
                times[name].append(seconds)
    return times


def ratio(times: dict[str, list[float]], name: str, baseline: str) -> float:
    """The median over rounds of one program's time over the baseline's in the same round."""
    return statistics.median(mine / base for mine, base in zip(times[name], times[baseline], strict=True))


def first_claim_marker(path: Path) -> bytes:
    """The start of the map's first claim, which the first screen shows in full in the claim view."""
    return json.loads(path.read_bytes())["claims"][0]["text"][:24].encode()


async def time_keys(app, setup, keys: list[str], size=(140, 45)) -> list[float]:
    """CPU milliseconds per key press: handling it and redrawing, until the app is idle again.

    CPU time, not wall time: the pilot's wait for idle sleeps on the screen's refresh timer, a fixed wall-clock
    cost that is no work of the app's and would hide the difference between the apps.
    """
    durations = []
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await settled(app)
        await setup(pilot)
        for key in keys:
            start = time.process_time()
            await pilot.press(key)
            durations.append((time.process_time() - start) * 1000)
    return durations


async def settled(app) -> None:
    """Steady state: the app's threads are done (for argmap: the search index, its word thread, the analysis)."""
    from argmap.tui.app import ArgmapApp

    while any(not worker.is_finished for worker in app.workers):  # builds an edit cancelled count as finished
        await asyncio.sleep(0.02)
    if isinstance(app, ArgmapApp):
        await asyncio.to_thread(app.document.search_index.vocabulary_ready.wait)


async def nothing(pilot) -> None:
    await pilot.pause()


async def open_comparison(pilot) -> None:
    """The first five authors side by side, every row built (rows out of view are built after the first frame, one
    per frame: a key pressed before they are all built would be charged for building them)."""
    from argmap.tui.compare import TopicRow

    await pilot.press("c")
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    while not all(row.built for row in pilot.app.screen.query(TopicRow)):
        await pilot.pause(0.05)


class Frames:
    """When the app writes each frame to its (headless) terminal, in wall-clock time and in the main thread's CPU
    time, and the first frames in which what is awaited shows."""

    def __init__(self, app) -> None:
        self.awaited: list[Callable[[], bool]] = []
        self.found: dict[int, tuple[float, float]] = {}
        display = app._display

        def recording(screen, renderable) -> None:
            display(screen, renderable)
            if renderable is not None:
                now = (time.perf_counter(), time.thread_time())
                for number, awaited in enumerate(self.awaited):
                    if number not in self.found and awaited():
                        self.found[number] = now

        app._display = recording

    def expect(self, *awaited: Callable[[], bool]) -> tuple[float, float]:
        """Look for each of `awaited` in the frames from now on; return the clocks' readings now."""
        self.awaited, self.found = list(awaited), {}
        return time.perf_counter(), time.thread_time()

    async def shown(self, since: tuple[float, float], number: int = 0) -> tuple[float, float]:
        """Milliseconds from `since` to the first frame showing the awaited `number`: wall-clock, main thread's
        CPU."""
        deadline = time.perf_counter() + 60
        while number not in self.found:
            if time.perf_counter() > deadline:
                raise TimeoutError("what was awaited never showed")
            await asyncio.sleep(0.002)
        wall, cpu = self.found[number]
        return (wall - since[0]) * 1000, (cpu - since[1]) * 1000


async def time_opening_comparison(app, runs: int, size=(140, 45)) -> tuple[list[float], list[float], list[float]]:
    """Milliseconds from choosing the first five authors to the comparison's first frame, `runs` times (going back
    to the browse screen in between): the main thread's CPU time and the wall-clock time; then its CPU time until
    the app is idle again (rows out of view are built after the first frame). The first opening also reads the
    screen's styles."""
    from argmap.tui.compare import CompareScreen

    first_cpu, first_wall, idle_cpu = [], [], []
    async with app.run_test(size=size) as pilot:
        frames = Frames(app)
        await pilot.pause()
        await settled(app)
        for _ in range(runs):
            await pilot.press("c")
            await pilot.pause()
            since = frames.expect(lambda: isinstance(app.screen, CompareScreen))
            await pilot.press("enter")
            wall, cpu = await frames.shown(since)
            first_cpu.append(cpu)
            first_wall.append(wall)
            await pilot.pause()
            idle_cpu.append((time.thread_time() - since[1]) * 1000)
            await pilot.press("escape")
            await pilot.pause()
    return first_cpu, first_wall, idle_cpu


async def time_compared_edits(app, count: int, size=(140, 45)) -> tuple[list[float], list[float]]:
    """Milliseconds from an edit of the claim under the comparison's cursor (its text changed, as the claim form
    does) to the first frame that shows the new text: the main thread's CPU time (the threads rebuilding the
    search index and the analysis after every edit are left out) and the wall-clock time. The app settles
    between edits, as between a reader's."""
    from dataclasses import replace

    from argmap.edits import UpdateClaim
    from argmap.tui.compare import CompareCell

    def shown(claim_id: str, text: str) -> bool:
        return any(
            claim.id == claim_id and claim.text == text
            for cell in app.screen.query(CompareCell) for claim in cell.claims
        )

    cpu, wall = [], []
    async with app.run_test(size=size) as pilot:
        frames = Frames(app)
        await pilot.pause()
        await settled(app)
        await open_comparison(pilot)
        for number in range(count):
            cell = app.focused
            if not isinstance(cell, CompareCell):  # the cursor is lost when the screen rebuilds itself
                cell = next(cell for cell in app.screen.query(CompareCell) if cell.claims)
            claim = cell.claims[cell.highlighted or 0]
            text = f"{claim.text.split(' (edit ')[0]} (edit {number})"
            since = frames.expect(lambda claim_id=claim.id, text=text: shown(claim_id, text))
            app.apply_edit(UpdateClaim(claim.id, replace(claim, text=text)))
            milliseconds, cpu_milliseconds = await frames.shown(since)
            wall.append(milliseconds)
            cpu.append(cpu_milliseconds)
            await settled(app)
            await pilot.pause()
        app.document.discard_recovery()  # the map's next opening should not offer these edits back
    return cpu, wall


async def focus_search(pilot) -> None:
    await pilot.press("slash")
    await pilot.pause()


def summary(label: str, durations: list[float], baseline: float) -> str:
    median = statistics.median(durations)
    return (f"{label:<42} median {median:6.1f} ms  max {max(durations):6.1f} ms CPU  "
            f"{median / baseline:5.1f}x minimal")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--starts", type=int, default=7)
    arguments = parser.parse_args()

    from argmap.document import Document
    from argmap.tui.app import ArgmapApp

    namespace: dict = {}
    exec(MINIMAL_APP, namespace)
    minimal_steps = asyncio.run(time_keys(namespace["Minimal"](), nothing, ["down", "up"] * 15))
    baseline = statistics.median(minimal_steps)
    print(f"minimal Textual app: a tree cursor step takes {baseline:.1f} ms of CPU (median of {len(minimal_steps)})")

    compileall.compile_dir(ROOT / "argmap", quiet=1)  # as an install does; PYTHONDONTWRITEBYTECODE may be set
    bundled = ROOT / "maps" / "us-mexico-security.json"
    times = first_paints({
        "minimal": (["-c", START_MINIMAL], b"minimal"),
        "floor": (["-c", START_FLOOR, str(bundled)], b"minimal"),
        "argmap": (["-c", START_ARGMAP, str(bundled)], first_claim_marker(bundled)),
    }, arguments.starts)
    minimal_start = statistics.median(times["minimal"])
    print(f"start-up to the first screen in a terminal (medians of {arguments.starts} rounds):\n"
          f"  minimal Textual app                        {minimal_start:.3f} s\n"
          f"  the same after loading the bundled map     {statistics.median(times['floor']):.3f} s = "
          f"{ratio(times, 'floor', 'minimal'):.2f}x minimal (pydantic and the model: this design's floor)\n"
          f"  argmap on the bundled map                  {statistics.median(times['argmap']):.3f} s = "
          f"{ratio(times, 'argmap', 'minimal'):.2f}x minimal (target <= 1.3x), "
          f"{ratio(times, 'argmap', 'floor'):.2f}x the floor")

    with tempfile.TemporaryDirectory() as folder:
        for size in arguments.sizes:
            path = generate_map(size, Path(folder) / str(size))
            start = statistics.median(first_paints(
                {"argmap": (["-c", START_ARGMAP, str(path)], first_claim_marker(path))}, max(1, arguments.starts // 2)
            )["argmap"])
            print(f"\n{size:,} claims: start-up {start:.2f} s = {start / minimal_start:.1f}x minimal")
            steps = asyncio.run(time_keys(ArgmapApp(Document.open(path)), nothing, ["down"] * 30))
            print(summary("  tree cursor step (claim view redrawn)", steps, baseline))
            links = asyncio.run(time_keys(ArgmapApp(Document.open(path)), nothing, ["l", "enter"] * 10))
            print(summary("  focus links / follow a link", links, baseline))
            toggles = asyncio.run(time_keys(ArgmapApp(Document.open(path)), nothing, ["slash", "escape"] * 10))
            print(summary("  open the search / back to the tree", toggles, baseline))
            compared = asyncio.run(time_keys(ArgmapApp(Document.open(path)), open_comparison, ["down"] * 20))
            print(summary("  compare: cursor step (links marked)", compared, baseline))
            first, first_wall, idle = asyncio.run(
                time_opening_comparison(ArgmapApp(Document.open(path)), COMPARISON_OPENINGS))
            print(summary("  compare five authors: first frame", first, baseline)
                  + f"  (wall: median {statistics.median(first_wall):.1f} ms, max {max(first_wall):.1f} ms)")
            print(summary("  compare five authors: until idle again", idle, baseline))
            cpu, wall = asyncio.run(time_compared_edits(ArgmapApp(Document.open(path)), COMPARED_EDITS))
            print(summary("  compare open: a claim's text edited, shown", cpu, baseline)
                  + f"  (wall: median {statistics.median(wall):.1f} ms, max {max(wall):.1f} ms)")
            typed = list("security cooperation") + ["backspace"] * 5 + list("fentanil")
            searches = asyncio.run(time_keys(ArgmapApp(Document.open(path)), focus_search, typed))
            print(summary("  search keystroke (results redrawn)", searches, baseline))


if __name__ == "__main__":
    main()
