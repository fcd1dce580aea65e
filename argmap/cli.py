"""The command line: parse the words, call the core, print. No map logic lives here."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from argmap import __version__
from argmap.bundled import bundled_map_path
from argmap.store import MapError, load_map
from argmap.summary import summarize

Command = Callable[[argparse.Namespace], int]


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit status: 0 done, 1 the map is bad or a file failed, 2 wrong usage."""
    parser = _parser()
    arguments = parser.parse_args(_with_open_by_default(parser, list(sys.argv[1:] if argv is None else argv)))
    command: Command = arguments.command
    try:
        return command(arguments)
    except MapError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="argmap",
        description="Build, navigate and compare argument maps. With no command, opens the app on the bundled map.",
    )
    parser.add_argument("--version", action="version", version=f"argmap {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    open_app = commands.add_parser("open", help="open the app on a map (the default: `argmap [MAP]`)")
    open_app.add_argument("map", type=Path, nargs="?", metavar="MAP", help="the map file (default: the bundled map)")
    open_app.set_defaults(command=_open_app)

    new = commands.add_parser("new", help="create an empty map with a title, ready to open and fill")
    new.add_argument("map", type=Path, metavar="PATH")
    new.add_argument("--title", required=True, help="the map's title")
    new.set_defaults(command=_new)

    validate = commands.add_parser("validate", help="check maps: format, references, links and every quote")
    validate.add_argument("maps", nargs="+", type=Path, metavar="MAP")
    validate.set_defaults(command=_validate)

    info = commands.add_parser("info", help="summarize a map: authors, claims, links by relation, topics")
    info.add_argument("map", type=Path, metavar="MAP")
    info.set_defaults(command=_info)

    compare = commands.add_parser("compare", help="compare 2 to 5 authors: their claims by topic, links between them")
    compare.add_argument("map", type=Path, metavar="MAP")
    compare.add_argument("authors", nargs="+", metavar="AUTHOR", help="an author's id or a unique part of the name")
    compare.set_defaults(command=_compare)

    schema = commands.add_parser("schema", help="print the JSON Schema of the map format")
    schema.set_defaults(command=_schema)
    return parser


def _new(arguments: argparse.Namespace) -> int:
    from argmap.document import Document

    Document.create(arguments.map, arguments.title)
    print(f"{arguments.map}: created; open it with: argmap {arguments.map}")
    return 0


def _validate(arguments: argparse.Namespace) -> int:
    status = 0
    for path in arguments.maps:
        try:
            loaded = load_map(path)
        except MapError as error:
            for problem in error.problems:
                print(problem)
            count = len(error.problems)
            print(f"{path}: invalid ({count} problem{'s' if count != 1 else ''})")
            status = 1
            continue
        for warning in loaded.warnings:
            print(warning)
        argument_map = loaded.argument_map
        quoted = sum(1 for claim in argument_map.claims if claim.quote is not None)
        print(
            f"{path}: valid ({len(argument_map.claims)} claims, {len(argument_map.links)} links, "
            f"{quoted} quotes checked against their sources"
            + (f", {len(loaded.warnings)} warnings)" if loaded.warnings else ")")
        )
    return status


def _info(arguments: argparse.Namespace) -> int:
    loaded = load_map(arguments.map)
    for warning in loaded.warnings:
        print(warning, file=sys.stderr)
    print(summarize(loaded.argument_map))
    return 0


def _compare(arguments: argparse.Namespace) -> int:
    from argmap.compare import agreement_matrix, compare_authors, render_comparison_text, resolve_author
    from argmap.index import MapIndex

    loaded = load_map(arguments.map)
    for warning in loaded.warnings:
        print(warning, file=sys.stderr)
    index = MapIndex(loaded.argument_map)
    try:
        author_ids = [resolve_author(index, author) for author in arguments.authors]
        comparison = compare_authors(index, author_ids)
        matrix = agreement_matrix(index, author_ids)
    except ValueError as error:
        print(f"argmap: {error}", file=sys.stderr)
        return 1
    sys.stdout.write(render_comparison_text(index, comparison, matrix))
    return 0


def _schema(arguments: argparse.Namespace) -> int:
    from argmap.model import json_schema_text

    sys.stdout.write(json_schema_text())
    return 0


def _with_open_by_default(parser: argparse.ArgumentParser, argv: list[str]) -> list[str]:
    """`argmap` and `argmap MAP` mean `argmap open [MAP]`."""
    commands = next(a.choices for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    if not argv or (argv[0] not in commands and not argv[0].startswith("-")):
        return ["open", *argv]
    return argv


def _open_app(arguments: argparse.Namespace) -> int:
    from argmap.document import Document

    path: Path | None = arguments.map
    if path is not None and not path.exists() and not path.suffix and len(path.parts) == 1:
        print(f"argmap: {str(path)!r} is neither a command nor a map file (see argmap --help)", file=sys.stderr)
        return 2
    document = Document.open(path or bundled_map_path())
    from argmap.tui.app import ArgmapApp

    ArgmapApp(document).run()
    return 0
