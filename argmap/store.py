"""Loading maps with clear errors, and saving them atomically in a stable, diff-friendly form.

A save writes a temporary file beside the map, flushes and fsyncs it, then renames it over the map, so the file on
disk is always either the old map or the new one, whatever happens to the process or the disk in between. The
temporary is locked while it is written, so the next open or save can tell a killed save's leftovers and remove them.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import re
import secrets
import stat
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jiter
from pydantic import TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from argmap.collector import collector_paused
from argmap.files import UnreadableFile, os_reason, read_regular_file
from argmap.model import (
    FORMAT_VERSION,
    MAP_ADAPTER,
    ArgumentMap,
    Author,
    Claim,
    Link,
    Source,
    broken_rule,
    check_integrity,
)
from argmap.sources import check_quotes
from argmap.words import counted

_ITEM_TYPES: dict[str, type[Any]] = {"authors": Author, "sources": Source, "claims": Claim, "links": Link}

SAVE_MARK = ".argmap-save-"
"""In the names of our temporaries, `.NAME.argmap-save-HEX.tmp`, so that a killed save's can be told and removed."""


@dataclass(frozen=True, slots=True)
class Problem:
    """A finding tied to a file: what the user reads as `file: place: message`."""

    file: str
    place: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        place = f"{self.place}: " if self.place else ""
        return f"{self.file}: {place}{prefix}{self.message}"


MAX_PROBLEMS = 20
"""Problems told about one file; past them a last line counts the rest (a broken list of a million claims must
not print a million lines)."""


class MapError(Exception):
    """A map could not be read or written; `problems` says every reason, each as one plain sentence.

    `total` counts them all; past `MAX_PROBLEMS`, `problems` keeps the first ones and a last line says how many more.
    """

    def __init__(self, problems: list[Problem], total: int | None = None) -> None:
        self.total = len(problems) if total is None else total
        if self.total > MAX_PROBLEMS:
            rest = self.total - MAX_PROBLEMS
            more = Problem(problems[0].file, "", f"… and {counted(rest, 'more problem')}")
            problems = [*problems[:MAX_PROBLEMS], more]
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


@dataclass(slots=True)
class LoadedMap:
    """A map read from disk, with the warnings that did not stop it loading and how many quotes were verified."""

    argument_map: ArgumentMap
    path: Path
    warnings: list[Problem] = field(default_factory=list)
    quotes_checked: int = 0


def load_map(path: Path | str) -> LoadedMap:
    """Read, validate and integrity-check a map; raise `MapError` listing every problem at once.

    A file that is not a map in shape (not JSON, a wrong field) stops at that; otherwise every broken rule and
    every misplaced quote is reported together.
    """
    path = Path(path)
    return check_map(_read_bytes(path), path)


def check_map(raw: bytes, path: Path, read_from: Path | None = None) -> LoadedMap:
    """The map in `raw`, checked as the map at `path` (its source files are found from there); problems name
    `read_from`, the file the bytes came from, when that is another (a recovery file)."""
    file_name = str(read_from or path)
    with collector_paused():
        argument_map = parse_map(raw, file_name)
        findings = check_integrity(argument_map)
        quotes = check_quotes(argument_map, path.parent)
        findings += quotes.findings
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        raise MapError([Problem(file_name, f.place, f.message) for f in errors[:MAX_PROBLEMS]], total=len(errors))
    problems = [Problem(file_name, f.place, f.message, f.severity) for f in findings]
    if raw.startswith(UTF8_BOM):
        bom = Problem(file_name, "", "starts with a byte order mark, which argmap ignores (saving drops it)", "warning")
        problems.insert(0, bom)
    return LoadedMap(argument_map, path, problems, quotes.checked)


def parse_map(raw: bytes, file_name: str) -> ArgumentMap:
    """Turn a map file's bytes into a map, or raise `MapError` naming the place in the file that is wrong.

    The JSON is read first on its own, strictly: a key given twice in one object is refused (a plain JSON reader
    keeps the last value and a save would silently drop the first), as are numbers of thousands of digits. The
    model then validates what was read, which costs less than validating the bytes again (`benchmarks/`).
    """
    raw = raw.removeprefix(UTF8_BOM)
    refuse_other_encodings(raw, file_name)
    try:
        document = jiter.from_json(raw, catch_duplicate_keys=True, cache_mode="keys", allow_inf_nan=False)
    except ValueError as error:
        raise MapError([json_problem(file_name, str(error))]) from None
    if not isinstance(document, dict):
        message = f"not a map: the file holds a JSON {_json_kind(document)}, not an object"
        raise MapError([Problem(file_name, "", message)])
    try:
        argument_map = MAP_ADAPTER.validate_python(document)
    except ValidationError as error:
        raise MapError(*_explain_invalid(document, file_name, error)) from None
    if argument_map.format_version > FORMAT_VERSION or argument_map.format_version < 1:
        raise MapError([_version_problem(file_name, argument_map.format_version)])
    return argument_map


def dump_map(argument_map: ArgumentMap) -> bytes:
    """The map as argmap writes it: fixed key order, 2-space indent, UTF-8 as is, a trailing newline."""
    return MAP_ADAPTER.dump_json(argument_map, indent=2, by_alias=True, exclude_none=True) + b"\n"


def save_map(argument_map: ArgumentMap, path: Path | str) -> os.stat_result:
    """Write the map atomically, keeping the old file's permissions; raise `MapError` in one sentence on failure."""
    return write_atomically(Path(path), dump_map(argument_map))


def write_atomically(path: Path, data: bytes, before_replace: Callable[[Path], None] | None = None) -> os.stat_result:
    """Replace `path` with `data` so that a reader only ever sees the old bytes or the new ones.

    The new file keeps the old one's mode, owner and group (the owner only when we may: as root). `before_replace`
    checks the file about to be replaced, and may raise to leave it in place (see `replace_locked`). Returns the new
    file's status.
    """
    if path.is_symlink():
        path = path.resolve()
    if _is_read_only(path):
        raise MapError([Problem(str(path), "", "cannot save: the file is read-only")])
    old = _status_or_none(path)
    mode = stat.S_IMODE(old.st_mode) if old is not None else _new_file_mode()
    try:
        descriptor = replace_locked(path, data, mode, owner=old, base=path, before_replace=before_replace)
    except OSError as error:
        raise MapError([Problem(str(path), "", f"cannot save: {os_reason(error)}")]) from None
    try:
        return os.fstat(descriptor)
    finally:
        os.close(descriptor)


def replace_locked(path: Path, data: bytes, mode: int, *, owner: os.stat_result | None, base: Path,
                   before_replace: Callable[[Path], None] | None = None) -> int:
    """Write `data` to a locked temporary named after `base`, then rename it over `path`; return its descriptor.

    `before_replace(file)` raises when the file it is given is not the one the caller expects to replace. It is
    asked of `path` before the rename and, where the system can swap two names atomically (Linux), of the old file
    once swapped out: another program's file renamed onto `path` in between is then swapped back, never lost.
    A link at `path` is replaced, never followed. The returned descriptor still holds the file's lock, so whoever
    keeps it open shows every other argmap that the file is in use; raises `OSError` (or what `before_replace`
    raises), leaving no temporary behind.
    """
    descriptor, temporary = _locked_temporary(base)
    try:
        with open(descriptor, "wb", closefd=False) as handle:
            handle.write(data)
        if owner is not None:
            _keep_owner(descriptor, owner)
        os.fchmod(descriptor, mode)
        os.fsync(descriptor)
        if before_replace is None:
            os.replace(temporary, path)
        else:
            before_replace(path)
            _replace_checked(temporary, path, before_replace)
    except BaseException:
        os.close(descriptor)
        temporary.unlink(missing_ok=True)
        raise
    _fsync_directory(path.parent)
    return descriptor


def _replace_checked(temporary: Path, path: Path, check: Callable[[Path], None]) -> None:
    """Put `temporary` at `path` by swapping the two names, check the file swapped out, and swap back if it fails.

    Between the caller's last look at `path` and a plain rename, another program may rename its own file onto
    `path`, and the rename would destroy it unseen; a swap keeps it, under the temporary's name, to be checked.
    """
    try:
        swapped = _exchange(temporary, path)
    except FileNotFoundError:  # `path` went away since the check: ask again what the caller makes of that
        check(path)
        swapped = False
    if not swapped:
        os.replace(temporary, path)
        return
    try:
        check(temporary)
    except BaseException:
        _exchange(temporary, path)
        raise
    os.unlink(temporary)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> bool:
    """Swap two names atomically with Linux's `renameat2`; False where the system or file system cannot."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(error, os.strerror(error), str(second))


@cache
def _renameat2() -> Callable[[int, bytes, int, bytes, int], int] | None:
    """The C library's `renameat2`, or None (not Linux, or a C library without it)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    found: Callable[[int, bytes, int, bytes, int], int] = function
    return found


def remove_stale_temporaries(path: Path) -> None:
    """Remove the temporaries that killed saves of the map at `path` left behind; a running save's stays.

    A running save holds its temporary's lock; the names of argmap before locks (`.NAME.XXXXXXXX.tmp`) never
    held one, so those go whenever seen.
    """
    for base in {path, path.resolve()}:
        pattern = _temporary_names(base.name)
        for temporary in entries_named(base.parent, pattern):
            with abandoned(temporary, exclusive=True) as status:
                if status is not None:
                    with suppress(OSError):
                        temporary.unlink()


@contextmanager
def abandoned(path: Path, exclusive: bool = False) -> Iterator[os.stat_result | None]:
    """The status of a regular file no running argmap holds, its lock held by us meanwhile; otherwise None.

    None too for a link, a folder or any other file that is not regular, or when the file system cannot lock.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        yield None
        return
    try:
        status = os.fstat(descriptor)
        held = stat.S_ISREG(status.st_mode) and _lock(descriptor, exclusive) and same_file(path, descriptor)
        yield status if held else None
    finally:
        os.close(descriptor)


def same_file(path: Path, descriptor: int) -> bool:
    """Whether the name `path` (not following a link) still names the file open at `descriptor`."""
    try:
        named = os.lstat(path)
    except OSError:
        return False
    opened = os.fstat(descriptor)
    return (named.st_dev, named.st_ino) == (opened.st_dev, opened.st_ino)


def entries_named(folder: Path, pattern: re.Pattern[str]) -> list[Path]:
    """The entries of `folder` whose whole name matches `pattern` (none when the folder cannot be listed)."""
    try:
        with os.scandir(folder) as entries:
            return [folder / entry.name for entry in entries if pattern.fullmatch(entry.name)]
    except OSError:
        return []


def _read_bytes(path: Path) -> bytes:
    try:
        return read_regular_file(path)
    except UnreadableFile as error:
        message = str(error)
    raise MapError([Problem(str(path), "", message)])


UTF8_BOM = b"\xef\xbb\xbf"
_WIDE_ENCODINGS = (
    (b"\x00\x00\xfe\xff", "UTF-32"), (b"\xff\xfe\x00\x00", "UTF-32"), (b"\xfe\xff", "UTF-16"), (b"\xff\xfe", "UTF-16"),
)


def refuse_other_encodings(raw: bytes, file_name: str) -> None:
    """Refuse a file saved as UTF-16 or UTF-32 (by its byte order mark, or by the NUL bytes beside its first
    character), naming the encoding: argmap maps and the formats it imports are UTF-8."""
    encoding = next((name for mark, name in _WIDE_ENCODINGS if raw.startswith(mark)), None)
    if encoding is None and len(raw) >= 4 and b"\x00" in raw[:4]:
        encoding = "UTF-32" if raw[:4].count(b"\x00") == 3 else "UTF-16"
    if encoding is not None:
        raise MapError([Problem(file_name, "", f"is {encoding} text; argmap reads maps in UTF-8: save it as UTF-8 "
                                               f"(e.g. iconv -f {encoding} -t UTF-8)")])


_JIT_ERROR = re.compile(r"^(?P<what>.*) at line (?P<line>\d+) column (?P<column>\d+)$", re.DOTALL)
_DUPLICATE_KEY = re.compile(r'^Detected duplicate key "(?P<key>.*)"$', re.DOTALL)


def json_problem(file_name: str, message: str) -> Problem:
    """A JSON reader's complaint as a problem at its line and column, in plain words."""
    found = _JIT_ERROR.match(message)
    what, place = (found["what"], f"line {found['line']}, column {found['column']}") if found else (message, "")
    duplicate = _DUPLICATE_KEY.match(what)
    if duplicate:
        return Problem(file_name, place, f"the key {duplicate['key']!r} appears twice in one object; keep one")
    if what == "number out of range":
        return Problem(file_name, place, "not valid JSON: a number too large to be one argmap could use")
    if what == "recursion limit exceeded":
        return Problem(file_name, place, "not a map: the JSON is nested too deeply")
    if what == "invalid unicode code point":
        return Problem(file_name, place, "not UTF-8 text")
    return Problem(file_name, place, f"not valid JSON: {what}")


def _explain_invalid(document: dict[str, Any], file_name: str, error: ValidationError) -> tuple[list[Problem], int]:
    """Why a JSON object is not a map: a newer format, or the fields that are wrong (the first `MAX_PROBLEMS` of
    them, and how many in all: listing a million errors would take seconds and a gigabyte)."""
    version = document.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        return [_version_problem(file_name, version)], 1
    total = error.error_count()
    items = error.errors(include_url=False, include_input=False) if total <= MAX_PROBLEMS else _first_errors(document)
    return [_shape_problem(file_name, item) for item in items[:MAX_PROBLEMS]], total


def _first_errors(document: dict[str, Any]) -> list[ErrorDetails]:
    """The first `MAX_PROBLEMS` validation errors of a map with many, found item by item so as to stop early."""
    lists = {name: value for name, value in document.items() if name in _ITEM_TYPES and isinstance(value, list)}
    errors: list[ErrorDetails] = []
    try:
        MAP_ADAPTER.validate_python({**document, **{name: [] for name in lists}})
    except ValidationError as error:
        errors += error.errors(include_url=False, include_input=False)
    for name, items in lists.items():
        adapter: TypeAdapter[Any] = TypeAdapter(_ITEM_TYPES[name])
        for position, item in enumerate(items):
            if len(errors) >= MAX_PROBLEMS:
                return errors
            try:
                adapter.validate_python(item)
            except ValidationError as error:
                for found in error.errors(include_url=False, include_input=False):
                    errors.append({**found, "loc": (name, position, *found["loc"])})
    return errors


def _version_problem(file_name: str, version: int) -> Problem:
    shown = str(version) if abs(version) < 10**12 else f"{str(version)[:12]}…"
    if version > FORMAT_VERSION:
        message = (
            f"format version {shown} is newer than this argmap reads (up to {FORMAT_VERSION}); upgrade argmap"
        )
    else:
        message = f"format version {shown} is not a version argmap ever wrote (1 to {FORMAT_VERSION})"
    return Problem(file_name, "format_version", message)


def _json_path(location: tuple[int | str, ...]) -> str:
    path = ""
    for part in location:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or "(top level)"


def _shape_problem(file_name: str, item: ErrorDetails) -> Problem:
    if item["type"] == "json_invalid":
        return Problem(file_name, "", f"not valid JSON: {item.get('ctx', {}).get('error', item['msg'])}")
    return Problem(file_name, _json_path(item["loc"]), broken_rule(item))


def _json_kind(value: object) -> str:
    names = {list: "array", str: "string", int: "number", float: "number", bool: "boolean", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def _is_read_only(path: Path) -> bool:
    """True for a file nobody may write (even root is stopped: the user marked it so), or that we may not."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(path, os.W_OK)


def _status_or_none(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except OSError:
        return None


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _temporary_names(name: str) -> re.Pattern[str]:
    """Our temporaries beside the file `name`: `.NAME.argmap-save-HEX.tmp`, and the names argmap used before."""
    name = re.escape(name)
    return re.compile(
        rf"\.{name}{SAVE_MARK}[0-9a-f]{{16}}\.tmp|\.{name}\.[a-z0-9_]{{8}}\.tmp"
        rf"|\.\.{name}\.argmap-recovery\.[a-z0-9_]{{8}}\.tmp"
    )


def _locked_temporary(base: Path) -> tuple[int, Path]:
    """Create `.BASE.argmap-save-HEX.tmp` beside `base`, readable by us alone, locked, never through a link."""
    while True:
        temporary = base.with_name(f".{base.name}{SAVE_MARK}{secrets.token_hex(8)}.tmp")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        if _lock(descriptor, exclusive=True, unsupported=True) and os.fstat(descriptor).st_nlink:
            return descriptor, temporary
        os.close(descriptor)  # another argmap's clean-up took it between our open and our lock: take another name


def _lock(descriptor: int, exclusive: bool, unsupported: bool = False) -> bool:
    """Take the file's lock without waiting; `unsupported` is the answer when the file system has no locks."""
    try:
        fcntl.flock(descriptor, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError:
        return unsupported
    return True


def _keep_owner(descriptor: int, old: os.stat_result) -> None:
    """Give the new file the old one's owner and group, or at least its group, as far as we are allowed."""
    for owner in (old.st_uid, -1):
        current = os.fstat(descriptor)
        if (current.st_uid, current.st_gid) == (old.st_uid, old.st_gid):
            return
        try:
            os.fchown(descriptor, owner, old.st_gid)
            return
        except OSError:  # not allowed (not root, not in the group), or an id this system cannot map
            continue


def _fsync_directory(directory: Path) -> None:
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
