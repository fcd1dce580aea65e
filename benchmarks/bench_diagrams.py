"""What `--why` (rationales as arrow labels) costs `dot`'s layout, on the bundled map, as a ratio against the same
diagram without them; and the overviews' layout time.

Usage: python -m benchmarks.bench_diagrams [--repeat K] [--timeout S]

Each selection is laid out by `dot -Tsvg` with and without the labels (the best of K runs each); the ratio is what
`--why` multiplies the layout time by. `argmap.formats.dot.WHY_LIMIT` comes from these figures.
"""

from __future__ import annotations

import argparse
import subprocess

from argmap.analysis import analyze
from argmap.filters import ClaimFilter
from argmap.formats.dot import Marks, to_dot
from argmap.formats.overview import overview_dot
from argmap.index import MapIndex
from argmap.selection import select
from argmap.store import load_map
from benchmarks.timing import best_of
from tests.conftest import BUNDLED_MAP

SELECTIONS: dict[str, tuple[ClaimFilter, str | None, int]] = {
    "focus, depth 1": (ClaimFilter(), "pereira-drugs-pass-through", 1),
    "focus, depth 2": (ClaimFilter(), "pereira-drugs-pass-through", 2),
    "one author (Wood)": (ClaimFilter(authors=frozenset({"wood"})), None, 1),
    "two authors (Wood, Wayne)": (ClaimFilter(authors=frozenset({"wood", "wayne"})), None, 1),
    "one topic (trade)": (ClaimFilter(topics=frozenset({"trade"})), None, 1),
    "two topics (trade, drugs)": (ClaimFilter(topics=frozenset({"trade", "drugs"})), None, 1),
    "three authors": (ClaimFilter(authors=frozenset({"wood", "wayne", "coleman"})), None, 1),
    "focus, depth 3": (ClaimFilter(), "pereira-drugs-pass-through", 3),
    "whole map": (ClaimFilter(), None, 1),
}


def layout_time(dot_text: str, repeat: int, timeout: float) -> float | None:
    """The best time `dot -Tsvg` takes on the text, or None when it does not finish within `timeout`."""
    data = dot_text.encode("utf-8")
    try:
        return best_of(repeat, lambda: subprocess.run(["dot", "-Tsvg"], input=data, capture_output=True,
                                                      timeout=timeout, check=True))
    except subprocess.TimeoutExpired:
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=120.0)
    arguments = parser.parse_args()
    index = MapIndex(load_map(BUNDLED_MAP).argument_map)
    standings = analyze(index).standings
    print(f"{'selection':28} {'claims':>6} {'links':>6} {'plain':>8} {'--why':>8}  ratio")
    for name, (claim_filter, focus, depth) in SELECTIONS.items():
        claims, links = select(index, claim_filter, focus, depth)
        times = [
            layout_time(to_dot(index, claims, links, marks=Marks(focus=focus, standings=standings, why=why)),
                        arguments.repeat, arguments.timeout)
            for why in (False, True)
        ]
        shown = [f"{t:7.2f}s" if t is not None else f">{arguments.timeout:.0f}s".rjust(8) for t in times]
        ratio = f"{times[1] / times[0]:.1f}x" if None not in times and times[0] else "-"
        print(f"{name:28} {len(claims):6} {len(links):6} {shown[0]} {shown[1]}  {ratio}")
    for kind in ("author", "topic"):
        seconds = layout_time(overview_dot(index, kind), arguments.repeat, arguments.timeout)
        print(f"overview by {kind:8} {seconds:.2f} s" if seconds is not None else f"overview by {kind}: timed out")


if __name__ == "__main__":
    main()
