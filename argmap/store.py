"""Loading maps with clear errors, and saving them atomically in a stable, diff-friendly form.

A save writes a temporary file beside the map, flushes and fsyncs it, then renames it over the map, so the file on
disk is always either the old map or the new one, whatever happens to the process or the disk in between. The
temporary is locked while it is written, so the next open or save can tell a killed save's leftovers and remove them.
"""

from __future__ import annotations

import fcntl
import gc
import json
import os
import re
import secrets
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from argmap.model import FORMAT_VERSION, MAP_ADAPTER, ArgumentMap, broken_rule, check_integrity
from argmap.sources import check_quotes

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


class MapError(Exception):
    """A map could not be read or written; `problems` says every reason, each as one plain sentence."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


@dataclass(slots=True)
class LoadedMap:
    """A map read from disk, with the warnings that did not stop it loading."""

    argument_map: ArgumentMap
    path: Path
    warnings: list[Problem] = field(default_factory=list)


def load_map(path: Path | str) -> LoadedMap:
    """Read, validate and integrity-check a map; raise `MapError` listing every problem at once."""
    path = Path(path)
    raw = _read_bytes(path)
    with collector_paused():
        argument_map = parse_map(raw, str(path))
        findings = check_integrity(argument_map)
        if not any(f.severity == "error" for f in findings):
            findings += check_quotes(argument_map, path.parent)
    problems = [Problem(str(path), f.place, f.message, f.severity) for f in findings]
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise MapError(errors)
    return LoadedMap(argument_map, path, problems)


def parse_map(raw: bytes, file_name: str) -> ArgumentMap:
    """Turn a map file's bytes into a map, or raise `MapError` naming the place in the file that is wrong."""
    try:
        argument_map = MAP_ADAPTER.validate_json(raw)
    except ValidationError as error:
        raise MapError(_explain_invalid(raw, file_name, error)) from None
    if argument_map.format_version > FORMAT_VERSION or argument_map.format_version < 1:
        raise MapError([_version_problem(file_name, argument_map.format_version)])
    return argument_map


def dump_map(argument_map: ArgumentMap) -> bytes:
    """The map as argmap writes it: fixed key order, 2-space indent, UTF-8 as is, a trailing newline."""
    return MAP_ADAPTER.dump_json(argument_map, indent=2, by_alias=True, exclude_none=True) + b"\n"


def save_map(argument_map: ArgumentMap, path: Path | str) -> os.stat_result:
    """Write the map atomically, keeping the old file's permissions; raise `MapError` in one sentence on failure."""
    return write_atomically(Path(path), dump_map(argument_map))


def write_atomically(path: Path, data: bytes, before_replace: Callable[[], None] | None = None) -> os.stat_result:
    """Replace `path` with `data` so that a reader only ever sees the old bytes or the new ones.

    The new file keeps the old one's mode, owner and group (the owner only when we may: as root). `before_replace`
    runs last, just before the rename, and may raise to leave the old file in place. Returns the new file's status.
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
        raise MapError([Problem(str(path), "", f"cannot save: {_os_reason(error)}")]) from None
    try:
        return os.fstat(descriptor)
    finally:
        os.close(descriptor)


def replace_locked(path: Path, data: bytes, mode: int, *, owner: os.stat_result | None, base: Path,
                   before_replace: Callable[[], None] | None = None) -> int:
    """Write `data` to a locked temporary named after `base`, then rename it over `path`; return its descriptor.

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
        if before_replace is not None:
            before_replace()
        os.replace(temporary, path)
    except BaseException:
        os.close(descriptor)
        temporary.unlink(missing_ok=True)
        raise
    _fsync_directory(path.parent)
    return descriptor


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
                    try:
                        temporary.unlink()
                    except OSError:
                        pass


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


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: building a large map's objects would trigger it over and over."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        message = "no such file"
    except IsADirectoryError:
        message = "is a folder, not a map file"
    except OSError as error:
        message = f"cannot be read: {_os_reason(error)}"
    raise MapError([Problem(str(path), "", message)])


def _explain_invalid(raw: bytes, file_name: str, error: ValidationError) -> list[Problem]:
    """Say why bytes are not a map: bad JSON (line and column), a newer format, or the fields that are wrong."""
    try:
        document = json.loads(raw)
    except UnicodeDecodeError as decode_error:
        return [Problem(file_name, f"byte {decode_error.start}", "not UTF-8 text")]
    except json.JSONDecodeError as json_error:
        place = f"line {json_error.lineno}, column {json_error.colno}"
        return [Problem(file_name, place, f"not valid JSON: {json_error.msg}")]
    except RecursionError:
        return [Problem(file_name, "", "not a map: the JSON is nested too deeply")]
    if not isinstance(document, dict):
        return [Problem(file_name, "", f"not a map: the file holds a JSON {_json_kind(document)}, not an object")]
    version = document.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        return [_version_problem(file_name, version)]
    return [_shape_problem(file_name, item) for item in error.errors()]


def _version_problem(file_name: str, version: int) -> Problem:
    if version > FORMAT_VERSION:
        message = (
            f"format version {version} is newer than this argmap reads (up to {FORMAT_VERSION}); upgrade argmap"
        )
    else:
        message = f"format version {version} is not a version argmap ever wrote (1 to {FORMAT_VERSION})"
    return Problem(file_name, "format_version", message)


def _json_path(location: tuple[int | str, ...]) -> str:
    path = ""
    for part in location:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or "(top level)"


def _shape_problem(file_name: str, item: dict) -> Problem:
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


def _os_reason(error: OSError) -> str:
    reason = error.strerror or str(error)
    return reason[0].lower() + reason[1:] if reason else "unknown error"
