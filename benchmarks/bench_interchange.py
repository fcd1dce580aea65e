"""Interchange formats at scale: exporting and importing a generated map in each format, against loading the same map
from argmap's own JSON (`load_map`), in one run.

Usage: python -m benchmarks.bench_interchange [--claims N] [--repeat K] [--format NAME ...]
Each format is a row of `FORMATS`: how to export the loaded map, and how to import what that wrote. A format whose
import needs another tool's program (Argdown's parser, `argdown` on PATH; `bash .ci/run` installs it in
tests/js/node_modules/.bin) times that program too, and on its own, and says so when it is missing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from argmap.filters import ClaimFilter
from argmap.formats import export
from argmap.index import MapIndex
from argmap.interchange import import_file
from argmap.selection import select
from argmap.store import load_map
from benchmarks.generate import generate_map
from benchmarks.timing import best_of

TOOLS = Path(__file__).resolve().parent.parent / "tests" / "js" / "node_modules" / ".bin"


@dataclass(frozen=True)
class Step:
    """One timed action: its name, and what it does given the folder holding the map and what was exported."""

    name: str
    run: Callable[[Path], object]
    needs: str | None = None
    """A program the step runs, found on PATH (None: argmap alone)."""


def _export_to(format_name: str, suffix: str) -> Callable[[Path], object]:
    def run(folder: Path) -> object:
        index = MapIndex(load_map(folder / "map.json").argument_map)
        claims, links = select(index, ClaimFilter())
        content = export(index, claims, links, format_name)
        data = content.encode("utf-8") if isinstance(content, str) else content
        return (folder / f"exported{suffix}").write_bytes(data)

    return run


def _argdown_json(folder: Path) -> object:
    from argmap.formats.argdown import parse

    text = (folder / "exported.argdown").read_text(encoding="utf-8")
    import json

    return (folder / "parsed.json").write_text(json.dumps(parse(text, "exported.argdown")), encoding="utf-8")


REAL_AIF = Path(__file__).resolve().parent.parent / "tests" / "interop" / "aif"


FORMATS: dict[str, list[Step]] = {
    "argdown": [
        Step("export (load, select, write .argdown)", _export_to("argdown", ".argdown")),
        Step("parser alone (argdown json)", _argdown_json, needs="argdown"),
        Step("import .argdown (parser + read)", lambda folder: import_file(folder / "exported.argdown"),
             needs="argdown"),
        Step("import the parser's JSON", lambda folder: import_file(folder / "parsed.json", "argdown"),
             needs="argdown"),
    ],
    "aif": [
        Step("export (load, select, write AIFdb JSON)", _export_to("aif", ".aif.json")),
        Step("import the AIF", lambda folder: import_file(folder / "exported.aif.json", "aif")),
        Step("import the 7 real AIF files, tests/interop", lambda folder: [
            import_file(path, "aif") for path in sorted(REAL_AIF.glob("*.json"))]),
    ],
    "kialo": [
        Step("export (load, select, write the tree)", _export_to("kialo", ".kialo.txt")),
        Step("import the discussion", lambda folder: import_file(folder / "exported.kialo.txt", "kialo")),
    ],
    "graphml": [Step("export (load, select, write .graphml)", _export_to("graphml", ".graphml"))],
    "gexf": [Step("export (load, select, write .gexf)", _export_to("gexf", ".gexf"))],
}
"""Format -> its steps, in order (a later step may read what an earlier one wrote)."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--format", action="append", choices=sorted(FORMATS), help="only these formats")
    arguments = parser.parse_args()
    os.environ["PATH"] = f"{TOOLS}{os.pathsep}{os.environ.get('PATH', '')}"
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        path = generate_map(arguments.claims, folder)
        loaded = load_map(path).argument_map
        baseline = best_of(arguments.repeat, lambda: load_map(path))
        print(f"map: {len(loaded.claims):,} claims, {len(loaded.links):,} links, "
              f"{path.stat().st_size / 1e6:.1f} MB of argmap JSON; best of {arguments.repeat}")
        print(f"{'format':10} {'step':42} {'time':>9}  vs load_map")
        print(f"{'argmap':10} {'load_map (read, validate, check)':42} {baseline:7.3f} s  1.00x")
        for format_name in arguments.format or FORMATS:
            for step in FORMATS[format_name]:
                if step.needs and shutil.which(step.needs) is None:
                    print(f"{format_name:10} {step.name:42} skipped: {step.needs} is not installed")
                    continue
                seconds = best_of(arguments.repeat, lambda step=step: step.run(folder))
                print(f"{format_name:10} {step.name:42} {seconds:7.3f} s  {seconds / baseline:5.2f}x")
            sizes = [f"{file.name} {file.stat().st_size / 1e6:.1f} MB" for file in sorted(folder.glob("exported.*"))]
            print(f"{'':10} written: {', '.join(sizes)}")


if __name__ == "__main__":
    main()
