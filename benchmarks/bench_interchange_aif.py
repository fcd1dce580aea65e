"""Interchange formats at scale: exporting a large map as AIF, Kialo, GraphML and GEXF, and importing the AIF and
Kialo files back, each as a ratio against loading the same map from argmap's JSON, in one run.

Usage: python -m benchmarks.bench_interchange_aif [--claims N] [--repeat K]
Export: select every claim and write the text (`argmap.formats.export`), from a map already loaded. Import: what
`argmap import` does before saving (`import_file`, then the integrity check). The baseline, `load_map`, reads,
validates and checks the map and its quotes. A Kialo discussion holds one tree, the claims under its root: its
lines say how many. Last, the real AIF files in tests/interop/aif imported together.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from argmap.filters import ClaimFilter
from argmap.formats import export
from argmap.index import MapIndex
from argmap.interchange import import_file
from argmap.model import check_integrity
from argmap.selection import select
from argmap.store import load_map
from benchmarks.generate import generate_map
from benchmarks.timing import best_of

FORMATS = {"aif": "aif.json", "kialo": "kialo.txt", "graphml": "graphml", "gexf": "gexf"}
READABLE = ("aif", "kialo")
REAL_AIF = Path(__file__).resolve().parent.parent / "tests" / "interop" / "aif"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = generate_map(arguments.claims, Path(folder))
        argument_map = load_map(path).argument_map
        baseline = best_of(arguments.repeat, lambda: load_map(path))
        index = MapIndex(argument_map)
        claims, links = select(index, ClaimFilter())
        print(f"map: {len(argument_map.claims):,} claims, {len(argument_map.links):,} links")
        print(f"{'load_map (argmap JSON, baseline)':38s} {baseline:7.3f} s  1.00x")
        for name, suffix in FORMATS.items():
            def written(output_format: str = name) -> str | bytes:
                return export(index, claims, links, output_format)

            took = best_of(arguments.repeat, written)
            text = written()
            assert isinstance(text, str)
            output = Path(folder) / f"out.{suffix}"
            output.write_text(text, encoding="utf-8")
            size = f"{len(text.encode('utf-8')) / 1e6:.1f} MB"
            print(f"{'export ' + name + ' (' + size + ')':38s} {took:7.3f} s  {took / baseline:.2f}x")
            if name in READABLE:
                def imported(file: Path = output, format_name: str = name) -> int:
                    result = import_file(file, format_name, "Bench")
                    check_integrity(result.argument_map)
                    return len(result.argument_map.claims)

                took = best_of(arguments.repeat, imported)
                label = f"import {name} ({imported():,} claims)"
                print(f"{label:38s} {took:7.3f} s  {took / baseline:.2f}x")
    real = sorted(REAL_AIF.glob("*.json"))
    took = best_of(arguments.repeat, lambda: [import_file(file, "aif") for file in real])
    print(f"the {len(real)} real AIF files in tests/interop/aif, imported together: {took * 1000:.1f} ms")


if __name__ == "__main__":
    main()
