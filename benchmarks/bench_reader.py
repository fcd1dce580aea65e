"""The source reader's speed: opening a long text with its quotes marked, and a step of its cursor, as ratios
against the same measures of a plain screen in the same run.

- opening: on a claim that quotes the text, as `R` does, until the first frame that shows the reader's text with its
  quotes marked; against pushing a screen holding one short `Static` (what any screen costs to open);
- a cursor step: `↓` to the next sentence (the claims quoting it listed below), until the app is idle again (CPU)
  and until the frame that shows it (wall-clock); against a cursor step in a minimal Textual app's tree.

On the bundled map (María José Reyes Retana's paper, about 52,000 characters and 44 quotes), and on a generated
map whose first source text holds 2,000 quotes in about 400,000 characters (`--claims`, default 100,000).

Usage: python -m benchmarks.bench_reader [--claims N] [--runs 12]
Targets: open under 100 ms, a cursor step under 30 ms, on the bundled map.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.bench_app import MINIMAL_APP, Frames, nothing, settled, time_keys
from benchmarks.generate import generate_map

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "maps" / "us-mexico-security.json"
SIZE = (140, 45)


DRAWN: dict[int, tuple[int, int]] = {}
"""For each reader view (by id), the cursor it last drew with its text wrapped: the frame after shows it."""


def record_drawing() -> None:
    """Have every reader view note what it draws (its `render_lines` runs just before the frame is written)."""
    from argmap.tui.reader import ReaderView

    render_lines = ReaderView.render_lines

    def recording(view, crop):
        strips = render_lines(view, crop)
        if view.line_starts:
            DRAWN[id(view)] = view.cursor
        return strips

    ReaderView.render_lines = recording


def reader_shown(app) -> bool:
    """The reader is on screen with its text wrapped and drawn."""
    from argmap.tui.reader import ReaderScreen

    screen = app.screen
    return isinstance(screen, ReaderScreen) and id(screen.view) in DRAWN


async def time_openings(path: Path, source_id: str, runs: int) -> dict[str, list[float]]:
    """Milliseconds (CPU of the main thread, and wall-clock) from opening the reader on a claim's quote (what `R`
    does) to its first frame, and from pushing a plain screen to its first frame, taking turns, `runs` times each
    (one round first, not counted)."""
    from textual.screen import Screen
    from textual.widgets import Static

    from argmap.document import Document
    from argmap.tui.app import ArgmapApp
    from argmap.tui.reader import open_reader_at_quote

    class Plain(Screen[None]):
        def compose(self):
            yield Static("plain")

    app = ArgmapApp(Document.open(path))
    claim = next(c for c in app.document.argument_map.claims if c.quote and c.quote.source == source_id)
    times: dict[str, list[float]] = {"reader cpu": [], "reader wall": [], "plain cpu": [], "plain wall": []}
    openers = {
        "reader": (lambda: open_reader_at_quote(app, claim.id), lambda: reader_shown(app)),
        "plain": (lambda: app.push_screen(Plain()), lambda: isinstance(app.screen, Plain)),
    }
    async with app.run_test(size=SIZE) as pilot:
        frames = Frames(app)
        await pilot.pause()
        await settled(app)
        app.open_claim(claim.id)
        await pilot.pause()
        for round_number in range(runs + 1):
            for name, (opener, shown) in openers.items():
                since = frames.expect(shown)
                opener()
                wall, cpu = await frames.shown(since)
                if round_number:
                    times[f"{name} cpu"].append(cpu)
                    times[f"{name} wall"].append(wall)
                await pilot.pause()
                app.pop_screen()
                await pilot.pause()
    return times


async def time_steps(path: Path, source_id: str, count: int) -> tuple[list[float], list[float]]:
    """Milliseconds per `↓` in the reader: CPU until idle, and wall-clock until the frame that shows it."""
    from argmap.document import Document
    from argmap.tui.app import ArgmapApp

    app = ArgmapApp(Document.open(path))
    claim = next(c for c in app.document.argument_map.claims if c.quote and c.quote.source == source_id)
    cpu, wall = [], []
    async with app.run_test(size=SIZE) as pilot:
        frames = Frames(app)
        await pilot.pause()
        await settled(app)
        app.open_claim(claim.id)
        await pilot.pause()
        await pilot.press("R")
        await pilot.pause()
        view = app.screen.view
        for _ in range(count):
            before = view.cursor
            since = frames.expect(lambda before=before: view.cursor != before and DRAWN.get(id(view)) == view.cursor)
            start = time.process_time()
            await pilot.press("down")
            cpu.append((time.process_time() - start) * 1000)
            wall.append((await frames.shown(since))[0])
    return cpu, wall


def line(label: str, durations: list[float], baseline: list[float] | float) -> str:
    median = statistics.median(durations)
    base = statistics.median(baseline) if isinstance(baseline, list) else baseline
    return f"  {label:<44} median {median:6.1f} ms  max {max(durations):6.1f} ms  {median / base:5.1f}x baseline"


def report(title: str, path: Path, source_id: str, runs: int, minimal_step: float) -> None:
    openings = asyncio.run(time_openings(path, source_id, runs))
    cpu, wall = asyncio.run(time_steps(path, source_id, runs * 3))
    print(title)
    print(line("plain screen opened: first frame, wall", openings["plain wall"], openings["plain wall"]))
    print(line("reader opened, marks drawn: first frame, wall", openings["reader wall"], openings["plain wall"]))
    print(line("reader opened: main thread's CPU", openings["reader cpu"], openings["plain cpu"]))
    print(line("cursor step (↓): CPU until idle", cpu, minimal_step))
    print(line("cursor step (↓): frame shown, wall", wall, minimal_step))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=12)
    arguments = parser.parse_args()

    record_drawing()
    namespace: dict = {}
    exec(MINIMAL_APP, namespace)
    minimal = statistics.median(asyncio.run(time_keys(namespace["Minimal"](), nothing, ["down", "up"] * 15)))
    print(f"baseline for a step: a minimal Textual app's tree cursor step, {minimal:.1f} ms of CPU (median)")
    report("bundled map, Reyes Retana's paper (52,114 characters, 44 quotes):", BUNDLED, "reyes-retana-note-2017",
           arguments.runs, minimal)
    with tempfile.TemporaryDirectory() as folder:
        path = generate_map(arguments.claims, Path(folder))
        text = (Path(folder) / "sources" / "author-0.txt").read_text(encoding="utf-8")
        quotes = sum(1 for n in range(arguments.claims) if n % min(50, max(2, arguments.claims // 20)) == 0)
        report(f"generated map of {arguments.claims:,} claims, its first text ({len(text):,} characters, "
               f"{quotes:,} quotes):", path, "source-0", arguments.runs, minimal)


if __name__ == "__main__":
    main()
