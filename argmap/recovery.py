"""Unsaved work kept beside a map: this run's own recovery file, and the work that runs which died left behind.

Each run keeps its own file, `.NAME.argmap-recovery-PID-HEX`, and holds its lock for as long as it runs (the lock
is taken on each new version before it is renamed into place, so it moves with the file). A recovery file whose
lock is free belongs to a run that crashed or was killed: that is the work the next open offers to restore. Two
runs on one map never touch each other's files, and a recovery file is never read or written through a link.
"""

from __future__ import annotations

import os
import re
import secrets
import stat
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from argmap.files import UnreadableFile, os_reason, read_regular_file
from argmap.store import LoadedMap, MapError, Problem, abandoned, check_map, entries_named, replace_locked, same_file

RECOVERY_MARK = ".argmap-recovery"


class RecoveryFile:
    """This run's copy of the unsaved map beside the map's file, created on the first write, locked while we run."""

    def __init__(self, map_path: Path) -> None:
        self.map_path = map_path
        self.path = map_path.with_name(f".{map_path.name}{RECOVERY_MARK}-{os.getpid()}-{secrets.token_hex(4)}")
        self._descriptor: int | None = None

    def write(self, data: bytes) -> None:
        """Replace the copy with `data`, with the map's mode, owner and group; raise `MapError` in one sentence."""
        try:
            like = self.map_path.stat()
        except OSError:
            like = None
        mode = stat.S_IMODE(like.st_mode) & 0o777 if like is not None else 0o600
        try:
            descriptor = replace_locked(self.path, data, mode, owner=like, base=self.map_path)
        except OSError as error:
            raise MapError([Problem(str(self.path), "", f"cannot write: {os_reason(error)}")]) from None
        if self._descriptor is not None:
            os.close(self._descriptor)
        self._descriptor = descriptor

    def remove(self) -> None:
        """Remove the copy (if its name still holds our file) and let go of its lock."""
        if self._descriptor is None:
            return
        try:
            if same_file(self.path, self._descriptor):
                self.path.unlink()
        except OSError:
            pass  # already gone, or the folder refuses: the lock we let go of marks it as crashed work
        finally:
            os.close(self._descriptor)
            self._descriptor = None


@dataclass(frozen=True, slots=True)
class CrashedWork:
    """A recovery file no running argmap holds: the unsaved work of a run that ended without saving."""

    path: Path
    modified: float


def find_crashed_work(map_path: Path) -> tuple[list[CrashedWork], list[Problem]]:
    """The crashed runs' work beside the map, newest first, and a problem for each recovery name not a plain file."""
    found: list[CrashedWork] = []
    problems: list[Problem] = []
    for path in entries_named(map_path.parent, _recovery_names(map_path.name)):
        kind = _kind_of(path)
        if kind is not None:
            problems.append(Problem(str(path), "", _not_read(kind)))
            continue
        with abandoned(path) as status:
            if status is not None:
                found.append(CrashedWork(path, status.st_mtime))
    return sorted(found, key=lambda work: work.modified, reverse=True), problems


def recovery_files(map_path: Path) -> list[Path]:
    """Every recovery file beside the map, whether its run is alive or gone."""
    return entries_named(map_path.parent, _recovery_names(map_path.name))


def read_crashed_work(path: Path, map_path: Path) -> LoadedMap:
    """Read and check a crashed run's work as the map at `map_path`; raise `MapError` saying what is wrong."""
    try:
        raw = read_regular_file(path, follow_links=False)
    except UnreadableFile as error:
        raise MapError([Problem(str(path), "", str(error))]) from None
    return check_map(raw, map_path, read_from=path)


def remove_crashed_work(path: Path) -> None:
    """Remove a crashed run's recovery file, unless a running argmap holds it by now."""
    with abandoned(path, exclusive=True) as status:
        if status is not None:
            with suppress(OSError):  # already gone, or the folder refuses: it is offered again next time
                path.unlink()


def _recovery_names(name: str) -> re.Pattern[str]:
    """`.NAME.argmap-recovery-PID-HEX`, and `.NAME.argmap-recovery` as argmap named it before each run had its own."""
    return re.compile(rf"\.{re.escape(name)}{RECOVERY_MARK}(-[0-9]+-[0-9a-f]{{8}})?")


def _kind_of(path: Path) -> str | None:
    """What the entry at `path` is when it is not a regular file ("a symbolic link", "a folder"...), else None."""
    try:
        return _kind(os.lstat(path).st_mode)
    except OSError:
        return None


def _kind(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return "a folder" if stat.S_ISDIR(mode) else "a special file"


def _not_read(kind: str) -> str:
    return f"is {kind}, not a recovery file argmap wrote, so it was not read"
