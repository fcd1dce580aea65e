"""Adding a text to a map: the checks its file must pass, and the edits that record it as a source of an author.

`argmap add-source` and the app's source form refuse the same files with the same sentences, and change nothing
when they do: the checks run before any edit, and the edits go through `argmap.edits` like every other change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from argmap.edits import AddAuthor, AddSource, Edit, validated
from argmap.files import UnreadableFile
from argmap.model import FILE_PATTERN, ArgumentMap, Author, Source
from argmap.sources import recordable_source_file
from argmap.words import fold, slug


class Refused(Exception):
    """A text that cannot be added as it is; the message is one plain sentence naming the file or the author."""


def source_file(argument_map: ArgumentMap, map_folder: Path, file: Path, keep: str | None = None,
                name: str | None = None) -> str:
    """The path to record for `file` as a new source's text (relative to the map's folder); `keep` is the source
    being edited, whose own file does not count as taken. Raises `Refused` when the map could not read the file
    back, or a source of the map already has it; the sentence names the file by `name` (default: `file`)."""
    name = str(file) if name is None else name
    try:
        resolved, recorded = recordable_source_file(file, map_folder)
    except UnreadableFile as error:
        raise Refused(f"{name} {error}") from None
    if not re.fullmatch(FILE_PATTERN, recorded):
        raise Refused(f"{name} has control characters in its name, which a map cannot record: rename the file")
    for source in argument_map.sources:
        if source.file and source.id != keep and (map_folder / source.file).resolve() == resolved:
            raise Refused(f"{name} is already the text of source {source.id!r} ({source.title}) on this map")
    return recorded


@dataclass(frozen=True, slots=True)
class NewSource:
    """What adding a text takes: the edits to apply in order, and the source they add."""

    edits: list[Edit]
    source: Source
    new_author: bool


def new_source(argument_map: ArgumentMap, map_folder: Path, file: Path, author: str, title: str | None = None,
               publication: str | None = None, date: str | None = None) -> NewSource:
    """The edits that record `file` as a source by `author` (an author's id or whole name, case and accents aside;
    a name no author has adds an author). Raises `Refused` for a file the map could not read back, and for a name
    that is only part of an author's name (a slip for that author more likely than someone new)."""
    if not author.split():
        raise Refused("the author's name is empty: give an author's id or whole name")
    recorded = source_file(argument_map, map_folder, file)
    existing = find_author(argument_map, author)
    edits: list[Edit] = []
    if existing is None:
        author_id = _free_id(slug(author.split()[-1]), "author", {a.id for a in argument_map.authors})
        existing = validated(Author, {"id": author_id, "name": " ".join(author.split())})
        edits.append(AddAuthor(existing))
    title = " ".join((title or "").split()) or Path(recorded).stem
    source_id = _free_id(f"{existing.id[:_ID_PART]}-{slug(title, 3)}".rstrip("-"), f"{existing.id}-source",
                         {s.id for s in argument_map.sources})
    source = validated(Source, {"id": source_id, "author": existing.id, "title": title,
                                "publication": publication or None, "date": date or None, "file": recorded})
    return NewSource([*edits, AddSource(source)], source, bool(edits))


def find_author(argument_map: ArgumentMap, name_or_id: str) -> Author | None:
    """The author with this id or this whole name (case, accents and spacing aside); None when there is none.

    Raises `Refused` when the words are part of one or more authors' names but not the whole of any."""
    wanted = " ".join(fold(name_or_id).split())
    for author in argument_map.authors:
        if fold(author.id) == wanted or " ".join(fold(author.name).split()) == wanted:
            return author
    partly = [a for a in argument_map.authors if wanted and f" {wanted} " in f" {' '.join(fold(a.name).split())} "]
    if partly:
        named = ", ".join(f"{a.name} ({a.id})" for a in partly)
        raise Refused(f"{name_or_id!r} is part of the name of {named} but not the whole of any author's name: "
                      "give that author's id, or the new author's whole name")
    return None


_ID_PART = 60
"""The longest slug an id made here starts from: ids stay short enough to read (the model allows 200)."""


def _free_id(wanted: str, fallback: str, taken: set[str]) -> str:
    """`wanted` (or `fallback` when it is empty), cut to `_ID_PART` characters, numbered -2, -3… when another item
    has it."""
    base = wanted[:_ID_PART].rstrip("-") or fallback[:_ID_PART]
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate
