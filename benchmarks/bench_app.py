"""The app's speed, as ratios against a minimal Textual app measured the same way in the same run.

- start-up: a fresh process from launch to the first screen drawn (bundled map, and a 10,000-claim map);
- a navigation step (cursor down in the tree, which redraws the claim view), a link followed, and a search
  keystroke, each driven through `run_test`, at 10,000 and 100,000 claims.

Usage: python -m benchmarks.bench_app [--sizes 10000 100000] [--starts 5]
Targets: start-up on the bundled map within 1.3x the minimal app; every step and keystroke under 50 ms at 10,000
claims and under 100 ms at 100,000.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.generate import generate_map

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

START_MINIMAL = MINIMAL_APP + """
import sys, time
async def first_screen(pilot):
    await pilot.pause()
    print(time.time() - float(sys.argv[1]), flush=True)
    pilot.app.exit()
Minimal().run(headless=True, auto_pilot=first_screen)
"""

START_ARGMAP = """
import sys, time
from argmap.document import Document
from argmap.tui.app import ArgmapApp
async def first_screen(pilot):
    await pilot.pause()
    print(time.time() - float(sys.argv[1]), flush=True)
    pilot.app.exit()
ArgmapApp(Document.open(sys.argv[2])).run(headless=True, auto_pilot=first_screen)
"""


def time_process(code: str, *arguments: str, runs: int) -> float:
    """Median wall time from launching a fresh Python process to its first screen (one warm-up run not counted).

    The child prints the time since its launch when the first screen is up; what it does after (exiting, joining
    background threads) is not counted.
    """
    times = []
    for run in range(runs + 1):
        launched = time.time()
        result = subprocess.run([sys.executable, "-c", code, str(launched), *arguments], cwd=ROOT, check=True,
                                capture_output=True, text=True)
        if run:
            times.append(float(result.stdout.split()[-1]))
    return statistics.median(times)


async def time_keys(app, setup, keys: list[str], size=(140, 45)) -> list[float]:
    """CPU milliseconds per key press: handling it and redrawing, until the app is idle again.

    CPU time, not wall time: the pilot's wait for idle sleeps on the screen's refresh timer, a fixed wall-clock
    cost that is no work of the app's and would hide the difference between the apps.
    """
    durations = []
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()  # steady state: the search index and analysis threads are done
        await setup(pilot)
        for key in keys:
            start = time.process_time()
            await pilot.press(key)
            durations.append((time.process_time() - start) * 1000)
    return durations


async def nothing(pilot) -> None:
    await pilot.pause()


async def focus_search(pilot) -> None:
    await pilot.press("slash")
    await pilot.pause()


def summary(label: str, durations: list[float], baseline: float) -> str:
    median = statistics.median(durations)
    return (f"{label:<42} median {median:6.1f} ms  max {max(durations):6.1f} ms CPU  "
            f"{median / baseline:5.1f}x minimal")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--starts", type=int, default=5)
    arguments = parser.parse_args()

    from argmap.document import Document
    from argmap.tui.app import ArgmapApp

    namespace: dict = {}
    exec(MINIMAL_APP, namespace)
    minimal_steps = asyncio.run(time_keys(namespace["Minimal"](), nothing, ["down", "up"] * 15))
    baseline = statistics.median(minimal_steps)
    print(f"minimal Textual app: a tree cursor step takes {baseline:.1f} ms of CPU (median of {len(minimal_steps)})")

    bundled = ROOT / "maps" / "us-mexico-security.json"
    minimal_start = time_process(START_MINIMAL, runs=arguments.starts)
    bundled_start = time_process(START_ARGMAP, str(bundled), runs=arguments.starts)
    print(f"start-up to first screen: minimal {minimal_start:.2f} s, argmap on the bundled map "
          f"{bundled_start:.2f} s = {bundled_start / minimal_start:.2f}x (target <= 1.3x)")

    with tempfile.TemporaryDirectory() as folder:
        for size in arguments.sizes:
            path = generate_map(size, Path(folder) / str(size))
            start = time_process(START_ARGMAP, str(path), runs=max(1, arguments.starts // 2))
            print(f"\n{size:,} claims: start-up {start:.2f} s = {start / minimal_start:.1f}x minimal")
            steps = asyncio.run(time_keys(ArgmapApp(Document.open(path)), nothing, ["down"] * 30))
            print(summary("  tree cursor step (claim view redrawn)", steps, baseline))
            links = asyncio.run(time_keys(ArgmapApp(Document.open(path)), nothing, ["l", "enter"] * 10))
            print(summary("  focus links / follow a link", links, baseline))
            typed = list("security cooperation") + ["backspace"] * 5 + list("fentanil")
            searches = asyncio.run(time_keys(ArgmapApp(Document.open(path)), focus_search, typed))
            print(summary("  search keystroke (results redrawn)", searches, baseline))


if __name__ == "__main__":
    main()
