"""Maps made by other tools, read into argmap: which reader a file needs, and the warnings of what did not carry over.

Each readable format has a module in `argmap.formats` with `read(data, path, author) -> Imported`, raising
`MapError` (one `Problem` naming the file and the place) for a file it cannot read. Writers live beside the readers
and are reached through `argmap.formats.export`.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from argmap.files import UnreadableFile, read_regular_file
from argmap.model import ArgumentMap
from argmap.store import MapError, Problem, save_map, write_atomically

MAX_IMPORT_BYTES = 64 * 1024 * 1024
"""The largest file imported: AIFdb's biggest corpora files are a few MB."""

READERS: dict[str, str] = {
    "argdown": "argmap.formats.argdown",
    "aif": "argmap.formats.aif",
    "kialo": "argmap.formats.kialo",
}
"""Format name -> the module under `argmap.formats` that reads it (imported only when used)."""

SUFFIXES: dict[str, str] = {
    ".argdown": "argdown",
    ".ad": "argdown",
    ".txt": "kialo",
}
"""File suffix (lower case, with the dot) -> format name, for `--from` left out."""


@dataclass(frozen=True, slots=True)
class Imported:
    """A map read from another tool's file, and what could not be carried over exactly, one sentence each."""

    argument_map: ArgumentMap
    warnings: list[str] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    """Source texts to write beside the new map: file name (as the map's sources name it) -> text."""


class Reader(Protocol):
    def __call__(self, data: bytes, path: Path, author: str | None) -> Imported: ...


def sniff(data: bytes) -> str | None:
    """The format a file's content looks like, when its suffix does not say: a reader's module may offer a
    `looks_like(data) -> bool`; the first that says yes wins."""
    for name, module_name in READERS.items():
        module = importlib.import_module(module_name)
        looks_like = getattr(module, "looks_like", None)
        if looks_like is not None and looks_like(data):
            return name
    return None


def import_file(path: Path, format_name: str | None = None, author: str | None = None) -> Imported:
    """Read another tool's file as a new argmap map: the format from `format_name`, else the suffix, else the
    content. Every failure is a `MapError` naming the file."""
    try:
        data = read_regular_file(path, MAX_IMPORT_BYTES)
    except UnreadableFile as error:
        raise MapError([Problem(str(path), "", str(error))]) from None
    chosen = format_name or SUFFIXES.get(path.suffix.lower()) or sniff(data)
    if chosen is None or chosen not in READERS:
        known = ", ".join(sorted(READERS)) or "none yet"
        raise MapError([Problem(str(path), "", f"cannot tell what format this is; give one with --from ({known})")])
    reader: Reader = importlib.import_module(READERS[chosen]).read
    return reader(data, path, author)


def save_imported(imported: Imported, output: Path) -> list[Path]:
    """Write the new map and, beside it, the source texts its quotes are checked against; return the texts' paths.

    Nothing is replaced: when any of the files exists, nothing is written. A failure part way removes the texts
    already written."""
    texts = {output.parent / name: text for name, text in imported.texts.items()}
    for path in (output, *texts):
        if path.exists() or path.is_symlink():
            message = "already exists; choose another name with --output" if path == output else (
                "already exists, and the imported map's source text goes there; import into another folder "
                "with --output")
            raise MapError([Problem(str(path), "", message)])
    written: list[Path] = []
    try:
        for path, text in texts.items():
            write_atomically(path, text.encode("utf-8"))
            written.append(path)
        save_map(imported.argument_map, output)
    except MapError:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return written
