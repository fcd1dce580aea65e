"""The full analysis of a large map (`argmap analyze`'s work), against building the networkx graph of the same map.

Usage: python -m benchmarks.bench_analysis [--claims N] [--repeat K]
Target at 100,000 claims: the whole analysis (index included) within 2 s. The baseline, `argmap.graph.to_graph`,
only builds the graph that a networkx-based analysis would start from.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from argmap.analysis import analyze
from argmap.graph import to_graph
from argmap.index import MapIndex
from argmap.store import load_map
from benchmarks.generate import generate_map
from benchmarks.timing import best_of

TARGET_SECONDS = 2.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        argument_map = load_map(generate_map(arguments.claims, Path(folder))).argument_map

    graph = best_of(arguments.repeat, lambda: to_graph(argument_map))
    index_time = best_of(arguments.repeat, lambda: MapIndex(argument_map))
    index = MapIndex(argument_map)
    analysis_time = best_of(arguments.repeat, lambda: analyze(index))
    full = best_of(arguments.repeat, lambda: analyze(MapIndex(argument_map)))
    analysis = analyze(index)
    counts = analysis.counts()

    print(f"map: {len(argument_map.claims)} claims, {len(argument_map.links)} links, "
          f"{len(argument_map.authors)} authors")
    print(f"found: {counts['accepted']} accepted, {counts['rejected']} rejected, {counts['undecided']} undecided; "
          f"{len(analysis.contested)} contested, {len(analysis.central)} supporting, "
          f"{len(analysis.support_cycles)} circles of supports, {len(analysis.pairs)} author pairs")
    print(f"networkx graph (to_graph, baseline)     {graph:7.3f} s  1.00x")
    print(f"index (MapIndex)                        {index_time:7.3f} s  {index_time / graph:.2f}x")
    print(f"analyze(index)                          {analysis_time:7.3f} s  {analysis_time / graph:.2f}x")
    print(f"full analysis (index + analyze)         {full:7.3f} s  {full / graph:.2f}x  "
          f"(target <= {TARGET_SECONDS:.0f} s: {'met' if full <= TARGET_SECONDS else 'MISSED'})")


if __name__ == "__main__":
    main()
