"""What the readers of other tools' files share: ids made from names, the author when a file names none, the file's
bytes read as JSON or text with one plain sentence for what is wrong.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, NoReturn

import jiter

from argmap.inert import without_unsafe
from argmap.model import ID_PATTERN, Author
from argmap.store import UTF8_BOM, MapError, Problem, json_problem, refuse_other_encodings
from argmap.words import fold

DEFAULT_AUTHOR = "Unknown author"
"""Who made the claims of a file that names nobody, when `--author` does not say."""

_ID = re.compile(ID_PATTERN)
_NOT_SLUG = re.compile(r"[^\w]+")
_MAX_SLUG = 60


def fail(path: Path, place: str, message: str) -> NoReturn:
    """Stop reading: one problem naming the file and the place."""
    raise MapError([Problem(str(path), place, message)])


class Ids:
    """Unique ids for one kind of thing (claims, authors, sources): a file's own id kept when argmap can use it,
    else a slug of a name, numbered from -2 when taken."""

    def __init__(self, fallback: str) -> None:
        self._fallback = fallback
        self._taken: set[str] = set()

    def keep(self, wanted: str) -> str:
        """`wanted` itself when it is a free, valid id; otherwise a slug made from it."""
        if len(wanted) <= 200 and wanted not in self._taken and _ID.match(wanted):
            self._taken.add(wanted)
            return wanted
        return self.make(wanted)

    def make(self, name: str) -> str:
        """A free id from a name: lower case, words joined by hyphens."""
        slug = _NOT_SLUG.sub("-", fold(name)).strip("-_")[:_MAX_SLUG].strip("-_") or self._fallback
        candidate, number = slug, 1
        while candidate in self._taken:
            number += 1
            candidate = f"{slug}-{number}"
        self._taken.add(candidate)
        return candidate


def default_author(name: str | None, ids: Ids, warnings: list[str], what: str) -> Author:
    """The author of the claims a file gives no author for: `--author NAME`, else `DEFAULT_AUTHOR`, with a warning
    that says how to name one. `what` says which claims, for the warning ("every claim")."""
    if name is not None and name.strip():
        return Author(id=ids.make(name), name=name.strip())
    warnings.append(f"the file does not say who made {what}; they are by {DEFAULT_AUTHOR!r} "
                    "(name the author with --author NAME)")
    return Author(id=ids.make(DEFAULT_AUTHOR), name=DEFAULT_AUTHOR)


def read_json(data: bytes, path: Path, what: str) -> Any:
    """The JSON document in `data`, or `MapError` naming the line and column where it breaks; `what` names the
    format for an empty file ("an AIF file")."""
    data = data.removeprefix(UTF8_BOM)
    if not data.strip():
        fail(path, "", f"is empty; {what} is a JSON object")
    refuse_other_encodings(data, str(path))
    try:
        return jiter.from_json(data, allow_inf_nan=False)
    except ValueError as error:
        raise MapError([json_problem(str(path), str(error))]) from None


def read_text(data: bytes, path: Path) -> str:
    """The UTF-8 text in `data`, without a byte order mark, or `MapError`."""
    data = data.removeprefix(UTF8_BOM)
    refuse_other_encodings(data, str(path))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        fail(path, "", f"is not UTF-8 text (byte {error.start})")


def json_kind(value: object) -> str:
    """The JSON name of a value's type, for "must be an object, not an array"."""
    names = {list: "an array", str: "a string", int: "a number", float: "a number", bool: "a boolean",
             type(None): "null", dict: "an object"}
    return names.get(type(value), type(value).__name__)


def safe_file_name(stem: str, fallback: str) -> str:
    """A file name part from an imported file's name, without the characters a map may not hold in a path."""
    cleaned = without_unsafe(stem).replace("/", "-").strip()
    return cleaned or fallback
