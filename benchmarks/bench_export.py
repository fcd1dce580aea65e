"""Export: DOT for a large map against networkx + pydot, in one run; then where each Graphviz layout stops finishing.

Usage: python -m benchmarks.bench_export [--claims N] [--repeat K] [--no-layout] [--layout-timeout S]
Needs pydot for the baseline (`pip install pydot`; argmap itself does not use it) and Graphviz for the layout part.

Part 1, target at 100,000 claims: our DOT at least 8x faster than `nx.nx_pydot.to_pydot(graph).to_string()`.
Both start from a map already loaded: ours selects the claims (`select`, over a `MapIndex`) and writes DOT
(`to_dot`); the baseline converts the networkx graph (`argmap.graph.to_graph`) with pydot and prints it. A second
line counts building the index and the graph too. Times are the best of `--repeat` runs.

Part 2 times each layout on maps from `generate.py` (about two links a claim, grouped by author) at the sizes
around its limit, then whole `argmap export` runs at sizes up to --claims, in each drawn format, against the 30 s
promise; the limits in `argmap/formats/render.py` come from these figures.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from argmap.collector import collector_paused
from argmap.filters import ClaimFilter
from argmap.formats.dot import to_dot
from argmap.formats.render import choose_layout
from argmap.graph import to_graph
from argmap.index import MapIndex
from argmap.selection import select
from argmap.store import load_map
from benchmarks.generate import generate_map
from benchmarks.timing import best_of

ENGINES = {
    "dot": ("dot",),
    "dot, fast settings": ("dot", "-Gnslimit=1", "-Gnslimit1=1", "-Gmclimit=0.1"),
    "sfdp": ("sfdp", "-Goverlap=prism", "-Gsplines=false"),
}
ENGINE_SIZES = {
    "dot": (100, 200, 250, 300, 350, 400),
    "dot, fast settings": (300, 350, 400, 450, 500),
    "sfdp": (1_000, 2_000, 5_000, 10_000),
}
EXPORT_SIZES = (300, 1_000, 5_000, 10_000, 30_000, 100_000)


def compare_dot(claims: int, repeat: int, folder: Path) -> None:
    import networkx

    path = generate_map(claims, folder / f"map{claims}")
    argument_map = load_map(path).argument_map
    index = MapIndex(argument_map)
    graph = to_graph(argument_map)

    def ours() -> str:
        selected, links = select(index, ClaimFilter())
        return to_dot(index, selected, links)

    def baseline() -> str:
        return networkx.nx_pydot.to_pydot(graph).to_string()

    def ours_with_index() -> str:
        with collector_paused():  # as `argmap export` does; the baseline runs as networkx and pydot do
            built = MapIndex(argument_map)
        selected, links = select(built, ClaimFilter())
        return to_dot(built, selected, links)

    def baseline_with_graph() -> str:
        return networkx.nx_pydot.to_pydot(to_graph(argument_map)).to_string()

    size = len(ours()) / 1e6
    ours_time = best_of(repeat, ours)
    baseline_time = best_of(repeat, baseline)
    ours_all = best_of(repeat, ours_with_index)
    baseline_all = best_of(repeat, baseline_with_graph)
    print(f"map: {claims:,} claims, {len(argument_map.links):,} links; our DOT {size:.1f} MB")
    print(f"nx_pydot.to_pydot(graph).to_string()      {baseline_time:7.3f} s  1.00x")
    print(f"argmap select + to_dot                    {ours_time:7.3f} s  {baseline_time / ours_time:.1f}x faster"
          "  (target >= 8x)")
    print(f"  counting to_graph / MapIndex too:       {baseline_all:7.3f} s vs {ours_all:.3f} s  "
          f"{baseline_all / ours_all:.1f}x faster")


def time_command(command: list[str], data: bytes, timeout: float) -> str:
    start = time.perf_counter()
    try:
        result = subprocess.run(command, input=data, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return f"> {timeout:g} s"
    took = time.perf_counter() - start
    return f"{took:.2f} s" if result.returncode == 0 else f"failed ({result.returncode})"


def measure_layouts(max_claims: int, timeout: float, folder: Path) -> None:
    if shutil.which("dot") is None:
        print("layouts: Graphviz is not installed; skipped")
        return
    maps: dict[int, Path] = {}

    def map_of(claims: int) -> Path:
        if claims not in maps:
            maps[claims] = generate_map(claims, folder / f"map{claims}")
        return maps[claims]

    print(f"\nlayout alone (SVG), each with a {timeout:g} s limit:")
    print(f"{'engine':20s} {'claims':>8s} {'links':>8s}  time")
    for engine, sizes in ENGINE_SIZES.items():
        for claims in sizes:
            index = MapIndex(load_map(map_of(claims)).argument_map)
            selected, links = select(index, ClaimFilter())
            data = to_dot(index, selected, links).encode("utf-8")
            status = time_command([*ENGINES[engine], "-Tsvg"], data, timeout)
            print(f"{engine:20s} {claims:8,d} {len(links):8,d}  {status}", flush=True)

    print("\nwhole `argmap export` runs (load, select, DOT, Graphviz, write), against the 30 s promise:")
    print(f"{'claims':>8s} {'links':>8s} {'format':6s} {'layout':32s} time")
    for claims in [size for size in EXPORT_SIZES if size <= max_claims]:
        path = map_of(claims)
        links = len(load_map(path).argument_map.links)
        for output_format in ("svg", "pdf", "png"):
            layout = choose_layout(claims, links, output_format)
            described = " ".join(layout.command[:2] if layout.grid else layout.command[:1])
            described += ", fast settings" if "-Gnslimit=1" in layout.command else ""
            described += "" if layout.labels else ", no text"
            described += "" if layout.links else ", no links"
            output = folder / f"out.{output_format}"
            status = time_command(
                [sys.executable, "-m", "argmap", "export", str(path), "--output", str(output)], b"", 60
            )
            output.unlink(missing_ok=True)
            print(f"{claims:8,d} {links:8,d} {output_format:6s} {described:32s} {status}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-layout", action="store_true", help="only the DOT comparison")
    parser.add_argument("--layout-timeout", type=float, default=30.0)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        compare_dot(arguments.claims, arguments.repeat, Path(folder))
        if not arguments.no_layout:
            measure_layouts(arguments.claims, arguments.layout_timeout, Path(folder))


if __name__ == "__main__":
    main()
