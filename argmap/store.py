"""Loading maps with clear errors, and saving them atomically in a stable, diff-friendly form.

A save writes a temporary file beside the map, flushes and fsyncs it, then renames it over the map, so the file on
disk is always either the old map or the new one, whatever happens to the process or the disk in between.
"""

from __future__ import annotations

import gc
import json
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from argmap.model import FORMAT_VERSION, MAP_ADAPTER, ArgumentMap, broken_rule, check_integrity
from argmap.sources import check_quotes


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


def save_map(argument_map: ArgumentMap, path: Path | str) -> None:
    """Write the map atomically, keeping the old file's permissions; raise `MapError` in one sentence on failure."""
    write_atomically(Path(path), dump_map(argument_map))


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a reader only ever sees the old bytes or the new ones."""
    if path.is_symlink():
        path = path.resolve()
    if _is_read_only(path):
        raise MapError([Problem(str(path), "", "cannot save: the file is read-only")])
    directory = path.parent
    mode = _mode_for(path)
    temp_name: str | None = None
    try:
        descriptor, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, mode)
        os.replace(temp_name, path)
        temp_name = None
        _fsync_directory(directory)
    except OSError as error:
        raise MapError([Problem(str(path), "", f"cannot save: {_os_reason(error)}")]) from None
    finally:
        if temp_name is not None:
            try:
                os.unlink(temp_name)
            except OSError:
                pass


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


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


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
