"""An open map: the map itself, what readers need derived from it, its undo history, and its file on disk.

Edits go through `apply`, `undo` and `redo` so that the derived views are rebuilt and the unsaved state is known.
Saving refuses to overwrite a file that changed on disk since it was read, and this run's own recovery file beside
the map holds unsaved work until the map is saved, the edits are undone or discarded (see `argmap.recovery`).
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from argmap.colors import author_colors
from argmap.edits import Edit, History
from argmap.index import MapIndex
from argmap.model import FORMAT_VERSION, ArgumentMap
from argmap.recovery import RecoveryFile, read_crashed_work, remove_crashed_work
from argmap.sources import SourceTexts
from argmap.store import (
    LoadedMap,
    MapError,
    Problem,
    dump_map,
    load_map,
    remove_stale_temporaries,
    save_map,
    write_atomically,
)

if TYPE_CHECKING:
    from argmap.analysis import Analysis
    from argmap.coverage import SourceCoverage
    from argmap.search import SearchIndex
    from argmap.suggest import Suggester


T = TypeVar("T")


class Lazy(Generic[T]):
    """A value built on first use by whichever thread asks first; a thread asking meanwhile waits for that build
    instead of starting its own. Unlike `functools.cached_property` (one lock for every instance in Python 3.11),
    a build for one version never makes a reader of another wait."""

    def __init__(self, build: Callable[[], T]) -> None:
        self._build: Callable[[], T] | None = build
        self._value: T  # set by the first `get`
        self._lock = threading.Lock()

    @property
    def ready(self) -> bool:
        return self._build is None

    def get(self) -> T:
        if self._build is not None:
            with self._lock:
                if self._build is not None:
                    self._value, self._build = self._build(), None
        return self._value


class Version:
    """One version of the open map, numbered, and everything derived from it.

    The map's lists are copied (the claims, links and the rest are values that edits never change in place), so a
    thread building this version's search index or analysis reads this version only, whatever the next edit does;
    and what it builds is this version's, never the next one's.
    """

    def __init__(self, number: int, argument_map: ArgumentMap, texts: SourceTexts) -> None:
        self.number = number
        self.index = MapIndex(_snapshot(argument_map))
        self.colors = author_colors(argument_map)
        self.texts = texts
        self._search = Lazy(self._build_search_index)
        self._analysis = Lazy(self._build_analysis)
        self._coverage = Lazy(self._build_coverage)
        self._suggestions = Lazy(self._build_suggestions)

    @property
    def search_index(self) -> SearchIndex:
        """The fuzzy index over claims, built when first searched."""
        return self._search.get()

    @property
    def analysis(self) -> Analysis:
        """Agreement, contest, centrality, standing and consistency."""
        return self._analysis.get()

    @property
    def analysis_ready(self) -> bool:
        return self._analysis.ready

    @property
    def coverage(self) -> dict[str, SourceCoverage]:
        """Each source's coverage by this version's quotes, by source id (reads the source texts)."""
        return self._coverage.get()

    @property
    def coverage_ready(self) -> bool:
        return self._coverage.ready

    @property
    def suggestions(self) -> Suggester:
        """Candidate links between claims of different authors, indexed when first asked for."""
        return self._suggestions.get()

    @property
    def suggestions_ready(self) -> bool:
        return self._suggestions.ready

    def _build_search_index(self) -> SearchIndex:
        from argmap.search import SearchIndex

        return SearchIndex(self.index.map)

    def _build_analysis(self) -> Analysis:
        from argmap.analysis import analyze

        return analyze(self.index)

    def _build_coverage(self) -> dict[str, SourceCoverage]:
        from argmap.coverage import map_coverage

        return map_coverage(self.index.map, self.texts)

    def _build_suggestions(self) -> Suggester:
        from argmap.suggest import Suggester

        return Suggester(self.index)


def _snapshot(argument_map: ArgumentMap) -> ArgumentMap:
    """The map with lists of its own: a shallow copy (no validation) whose lists later edits do not touch."""
    snapshot = copy.copy(argument_map)
    for item in dataclasses.fields(argument_map):
        value = getattr(argument_map, item.name)
        if isinstance(value, list):
            setattr(snapshot, item.name, list(value))
    return snapshot


class ExternalChange(Exception):
    """The map's file changed on disk since argmap read or wrote it: saving now would overwrite someone's work."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"{path}: the file changed on disk since it was opened; reload it or save under another name")


@dataclass(frozen=True, slots=True)
class DiskStamp:
    """What the file on disk held when argmap last read or wrote it: its status, cheap to compare, and its digest."""

    status: tuple[int, int, int, int, int]
    digest: str

    @classmethod
    def of(cls, path: Path) -> DiskStamp | None:
        """The file's stamp, or None when it does not exist."""
        try:
            with path.open("rb") as handle:
                data = handle.read()
                return cls.written(os.fstat(handle.fileno()), data)
        except OSError:
            return None

    @classmethod
    def written(cls, status: os.stat_result, data: bytes) -> DiskStamp:
        """The stamp of a file holding `data`, whose status after writing was `status`."""
        return cls(_status_key(status), hashlib.sha256(data).hexdigest())


def _status_key(status: os.stat_result) -> tuple[int, int, int, int, int]:
    """What changes whenever a program writes or replaces a file (ctime even when mtime is set back)."""
    return status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, status.st_dev


@dataclass(frozen=True)
class _MergeWithDisk:
    """A merge with the file on disk: what a save compared against before it and after it."""

    edit: Edit
    before: tuple[DiskStamp | None, ArgumentMap]
    after: tuple[DiskStamp | None, ArgumentMap]


class Document:
    """A map opened from a file, edited through its history, saved back safely."""

    version: Version
    """The current version: the map as it now is, and what is derived from it."""

    def __init__(self, loaded: LoadedMap, recovered: bool = False) -> None:
        self.path: Path = loaded.path
        self.warnings: list[Problem] = loaded.warnings
        self.history = History()
        self._saved_edit: Edit | None = None
        self._recovered = recovered
        self._disk = DiskStamp.of(self.path)
        self._recovery = RecoveryFile(self.path)
        self._adopted: Path | None = None
        remove_stale_temporaries(self.path)
        self._derive(loaded.argument_map, SourceTexts(loaded.argument_map, self.path.parent))
        self._base = _snapshot(loaded.argument_map)
        """The map as last read from or written to its file: the base of a merge with a change on disk."""
        self._merges: list[_MergeWithDisk] = []
        """Merges with the file on disk since the last save, so undoing one makes that file a change again."""

    @classmethod
    def open(cls, path: Path | str) -> Document:
        """Load a map file (raises `MapError` with every problem)."""
        return cls(load_map(path))

    @classmethod
    def restore(cls, path: Path | str, work: Path) -> Document:
        """A crashed run's work (its recovery file at `work`) as the map at `path`, with unsaved changes.

        Raises `MapError` saying what is wrong, touching no file. The crashed run's file is removed once the work is
        kept in this run's own recovery file, or saved.
        """
        path = Path(path)
        document = cls(read_crashed_work(work, path), recovered=True)
        document._adopted = work
        return document

    @classmethod
    def create(cls, path: Path | str, title: str) -> Document:
        """Write a new, empty map with this title; refuse to replace an existing file."""
        path = Path(path)
        if path.exists():
            raise MapError([Problem(str(path), "", "already exists; open it, or choose another name")])
        if not title.strip():
            raise MapError([Problem(str(path), "title", "a new map needs a title")])
        save_map(ArgumentMap(format_version=FORMAT_VERSION, title=title.strip()), path)
        return cls.open(path)

    def _derive(self, argument_map: ArgumentMap, texts: SourceTexts | None = None) -> None:
        """Make the map as it now is the new current version (the first is 1); source texts already read are kept
        while their files are unchanged."""
        number = self.version.number + 1 if hasattr(self, "version") else 1
        self.version = Version(number, argument_map, texts or self.texts.for_map(argument_map))
        self._map = argument_map

    @property
    def argument_map(self) -> ArgumentMap:
        """The map itself, as edits change it."""
        return self._map

    @property
    def index(self) -> MapIndex:
        """The current version's lookups."""
        return self.version.index

    @property
    def colors(self) -> dict[str, str]:
        return self.version.colors

    @property
    def texts(self) -> SourceTexts:
        return self.version.texts

    @property
    def search_index(self) -> SearchIndex:
        """The current version's fuzzy index over claims, built when first searched."""
        return self.version.search_index

    @property
    def analysis(self) -> Analysis:
        """The current version's analysis, computed once per version."""
        return self.version.analysis

    @property
    def analysis_ready(self) -> bool:
        """Whether the analysis of this version of the map is already computed."""
        return self.version.analysis_ready

    # Editing ------------------------------------------------------------------------------------------------------

    def apply(self, edit: Edit) -> None:
        """Make an edit (raises `EditError`, changing nothing, when the edit would break the map)."""
        self.history.do(self.argument_map, edit)
        self._derive(self.argument_map)

    def undo(self) -> Edit | None:
        """Take back the latest edit; None when there is none."""
        edit = self.history.undo(self.argument_map)
        if edit is not None:
            self._derive(self.argument_map)
            self._follow_merge(edit, undone=True)
        return edit

    def redo(self) -> Edit | None:
        """Make the latest undone edit again; None when there is none."""
        edit = self.history.redo(self.argument_map)
        if edit is not None:
            self._derive(self.argument_map)
            self._follow_merge(edit, undone=False)
        return edit

    def _follow_merge(self, edit: Edit, undone: bool) -> None:
        """After undoing a merge with the disk, the file read for it is again a change a save would overwrite."""
        for merge in self._merges:
            if merge.edit is edit:
                self._disk, self._base = merge.before if undone else merge.after

    @property
    def dirty(self) -> bool:
        """Whether the map differs from what was last saved (undoing back to the saved state makes it clean)."""
        return self._recovered or self.history.latest is not self._saved_edit

    # Disk ---------------------------------------------------------------------------------------------------------

    def changed_on_disk(self) -> bool:
        """Whether another program changed (or removed) the file since argmap last read or wrote it.

        A stat answers when nothing changed; the file is read again only when its status differs (a `touch`, a
        rewrite of the same bytes), and then its digest decides.
        """
        try:
            status = _status_key(self.path.stat())
        except OSError:
            return self._disk is not None
        if self._disk is None:
            return True
        if status == self._disk.status:
            return False
        current = DiskStamp.of(self.path)
        if current is None or current.digest != self._disk.digest:
            return True
        self._disk = current
        return False

    def _still_on_disk(self, file: Path) -> bool:
        """Whether `file`, the map's old file under another name, is the file argmap last read or wrote: the same
        file unwritten since (a rename changes only its ctime), or one with the same bytes."""
        try:
            status = _status_key(file.stat())
        except OSError:
            return self._disk is None
        if self._disk is None:
            return False
        if status[:2] + status[3:] == self._disk.status[:2] + self._disk.status[3:]:
            return True
        found = DiskStamp.of(file)
        return found is not None and found.digest == self._disk.digest

    def save(self, path: Path | str | None = None, overwrite_changes: bool = False) -> None:
        """Save atomically to the map's file (or to `path`, which becomes the map's file).

        Raises `ExternalChange` when the map's own file changed on disk meanwhile, unless `overwrite_changes`: it is
        checked before writing and again just before the new file takes the old one's place, so a write by another
        program during a long save is not lost. Raises `MapError` in one sentence when the disk refuses, keeping
        every edit in memory.
        """
        target = Path(path) if path is not None else self.path
        guard = target == self.path and not overwrite_changes
        if guard:
            self._refuse_external_change()
        remove_stale_temporaries(target)
        data = dump_map(self.argument_map)
        status = write_atomically(target, data, before_replace=self._refuse_external_change if guard else None)
        self.discard_recovery()
        if target != self.path:
            self.path = target
            self._derive(self.argument_map, SourceTexts(self.argument_map, target.parent))
            self._recovery = RecoveryFile(target)
        self._disk = DiskStamp.written(status, data)
        self._base = _snapshot(self.argument_map)
        self._merges.clear()
        self._saved_edit = self.history.latest
        self._recovered = False

    def merge_with_disk(self) -> Edit:
        """Merge the file as another program left it (theirs) with this map's edits (ours), from the map as last read
        or saved (the base), as one edit; the file as read is then what a save may replace. Conflicts are recorded
        in the map (`argmap.merge`). Raises `MapError` when the file cannot be read as a map, `ExternalChange` when
        it changes again while read."""
        from argmap.merge import TakeMerged, merge_maps

        stamp = DiskStamp.of(self.path)
        theirs = load_map(self.path).argument_map
        if stamp is None or DiskStamp.of(self.path) != stamp:
            raise ExternalChange(self.path)
        edit = TakeMerged(merge_maps(self._base, self.argument_map, theirs))
        self.apply(edit)
        before = (self._disk, self._base)
        self._disk, self._base = stamp, _snapshot(theirs)
        self._merges.append(_MergeWithDisk(edit, before, (self._disk, self._base)))
        return edit

    def _refuse_external_change(self, file: Path | None = None) -> None:
        """Raise `ExternalChange` unless `file` (the map's file, or the old file a save swapped out of its place)
        holds what argmap last read or wrote."""
        changed = self.changed_on_disk() if file is None or file == self.path else not self._still_on_disk(file)
        if changed:
            raise ExternalChange(self.path)

    def update_recovery(self) -> None:
        """Keep this run's recovery file in step: the unsaved map while there are unsaved changes, no file when clean.

        A crash then loses at most the edits since the last call; a restored crashed run's file goes once its work
        is in ours.
        """
        if not self.dirty:
            self._recovery.remove()
            return
        self._recovery.write(dump_map(self.argument_map))
        self._forget_adopted()

    def discard_recovery(self) -> None:
        """Remove this run's recovery file, and a restored run's (after a save, or when the edits are discarded)."""
        self._recovery.remove()
        self._forget_adopted()

    def _forget_adopted(self) -> None:
        if self._adopted is not None:
            remove_crashed_work(self._adopted)
            self._adopted = None
