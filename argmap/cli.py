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
    arguments = parser.parse_args(argv)
    command: Command = getattr(arguments, "command", None) or _open_app
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

    validate = commands.add_parser("validate", help="check maps: format, references, links and every quote")
    validate.add_argument("maps", nargs="+", type=Path, metavar="MAP")
    validate.set_defaults(command=_validate)

    info = commands.add_parser("info", help="summarize a map: authors, claims, links by relation, topics")
    info.add_argument("map", type=Path, metavar="MAP")
    info.set_defaults(command=_info)

    schema = commands.add_parser("schema", help="print the JSON Schema of the map format")
    schema.set_defaults(command=_schema)
    return parser


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


def _schema(arguments: argparse.Namespace) -> int:
    from argmap.model import json_schema_text

    sys.stdout.write(json_schema_text())
    return 0


def _open_app(arguments: argparse.Namespace) -> int:
    path = bundled_map_path()
    print(
        "argmap: the app is not built yet. Try:\n"
        f"  argmap info {path}\n"
        f"  argmap validate {path}\n"
        "  argmap --help"
    )
    return 0
