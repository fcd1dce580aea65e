"""Load-and-validate and save of a large map, as ratios against json.loads and json.dumps(indent=2) in one run.

Usage: python -m benchmarks.bench_store [--claims N] [--repeat K]
Targets at 100,000 claims: load within 2.5x json.loads; save within 1x json.dumps(indent=2).
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from argmap.store import load_map, save_map
from benchmarks.generate import generate_map
from benchmarks.timing import best_of


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = generate_map(arguments.claims, Path(folder))
        raw = path.read_bytes()
        document = json.loads(raw)
        loaded = load_map(path)
        out = Path(folder) / "out.json"

        json_loads = best_of(arguments.repeat, lambda: json.loads(path.read_bytes()))
        argmap_load = best_of(arguments.repeat, lambda: load_map(path))
        json_dumps = best_of(
            arguments.repeat,
            lambda: out.write_text(json.dumps(document, indent=2, ensure_ascii=False), encoding="utf-8"),
        )
        argmap_save = best_of(arguments.repeat, lambda: save_map(loaded.argument_map, out))

    print(f"map: {arguments.claims} claims, {len(document['links'])} links, {len(raw) / 1e6:.1f} MB")
    print(f"json.loads (read + parse)          {json_loads:7.3f} s  1.00x")
    print(f"argmap load (+ validate, checks)   {argmap_load:7.3f} s  {argmap_load / json_loads:.2f}x  (target <= 2.5x)")
    print(f"json.dumps(indent=2) (+ write)     {json_dumps:7.3f} s  1.00x")
    print(f"argmap save (atomic, fsync)        {argmap_save:7.3f} s  {argmap_save / json_dumps:.2f}x  (target <= 1x)")


if __name__ == "__main__":
    main()
