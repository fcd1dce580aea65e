"""Source texts: read them, find a quote and its span, show the context around it, and check recorded quotes.

Spans are character offsets (Unicode code points) into the source text as decoded from UTF-8, end exclusive.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from argmap.files import UnreadableFile, read_regular_file
from argmap.model import ArgumentMap, Finding, Quote, Source


@dataclass(frozen=True, slots=True)
class QuoteContext:
    """A quote with a little of the source text on either side, for showing it in place."""

    before: str
    quote: str
    after: str


PROJECT_MARKER = ".argmap-project"
"""An empty file that makes its folder one argmap project: a map anywhere inside reads source texts from anywhere
inside (as the bundled map in `maps/` reads `seeds/`). Without one, a map reads only from its own folder and below."""

MAX_SOURCE_BYTES = 16 * 1024 * 1024
"""The largest source text read: a long book is 2 MB; a larger file is not an article someone quoted."""


def tree_root(map_folder: Path) -> Path:
    """The folder a map may read source texts from: the nearest folder at or above the map's that holds
    `PROJECT_MARKER`, else the map's own folder. A stranger's map cannot reach above either."""
    folder = map_folder.resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / PROJECT_MARKER).is_file():
            return candidate
    return folder


def read_source_text(path: Path, root: Path) -> str:
    """The UTF-8 text of a regular file inside `root` (after resolving links), at most `MAX_SOURCE_BYTES`.

    A map from a stranger names its source files: without these checks it could show any file the user can read
    (`/etc/passwd`, `/proc/self/environ`, a link to a key), or hang on a pipe or `/dev/zero`.
    """
    if "\x00" in str(path):
        raise UnreadableFile("has a NUL character in its name")
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError):
        raise UnreadableFile("cannot be resolved (a loop of symbolic links?)") from None
    if not resolved.is_relative_to(root):
        raise UnreadableFile(
            f"is outside {root}, so it is not read (a map reads source texts only from its own folder and below, "
            f"or from within a folder that holds an {PROJECT_MARKER} file)"
        )
    data = read_regular_file(resolved, MAX_SOURCE_BYTES, follow_links=False)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise UnreadableFile(f"is not UTF-8 text (byte {error.start})") from None


def recordable_source_file(file: Path, map_folder: Path) -> tuple[Path, str]:
    """Where `file` truly is, and the path a map in `map_folder` records for it (relative to that folder, with
    forward slashes), once it is a text the map could read back: an existing, non-empty, UTF-8 regular file of at most
    `MAX_SOURCE_BYTES` inside the map's folder tree (`tree_root`). Raises `UnreadableFile` saying why not."""
    if "\x00" in str(file):
        raise UnreadableFile("has a NUL character in its name")
    try:
        resolved = file.resolve()
    except (OSError, RuntimeError):
        raise UnreadableFile("cannot be resolved (a loop of symbolic links?)") from None
    if not os.path.lexists(resolved):
        raise UnreadableFile("does not exist")
    root = tree_root(map_folder)
    if not resolved.is_relative_to(root):
        raise UnreadableFile(
            f"is outside {root}, the folder tree the map reads its texts from, so the map could never read it back: "
            f"move or copy it inside, or put an empty {PROJECT_MARKER} file in a folder that holds both"
        )
    text = read_source_text(resolved, root)
    if not text.strip():
        raise UnreadableFile("is empty" if not text else "holds only spaces and blank lines")
    return resolved, Path(os.path.relpath(resolved, map_folder.resolve())).as_posix()


class SourceTexts:
    """The text files a map's sources point at, read once each, relative to the map's folder and only from within
    its folder tree (`tree_root`)."""

    def __init__(self, argument_map: ArgumentMap, base_dir: Path, root: Path | None = None) -> None:
        self._sources = {source.id: source for source in argument_map.sources}
        self._base_dir = base_dir
        self._root = root or tree_root(base_dir)
        self._texts: dict[str, str | None] = {}
        self._stamps: dict[str, tuple[int, int] | None] = {}
        self._errors: dict[str, str] = {}

    def for_map(self, argument_map: ArgumentMap) -> SourceTexts:
        """The texts of a new version of the map (after an edit). A text already read is kept while its source
        names the same file and the file is unchanged on disk (same size and time), so an edit costs a `stat` per
        source instead of reading them all again; a file that could not be read is tried again."""
        texts = SourceTexts(argument_map, self._base_dir, self._root)
        for source_id, text in self._texts.items():
            source = texts._sources.get(source_id)
            if text is None or source is None or source.file != self._sources[source_id].file:
                continue
            if _stamp(texts.path_of(source_id)) == self._stamps.get(source_id):
                texts._texts[source_id], texts._stamps[source_id] = text, self._stamps[source_id]
        return texts

    def path_of(self, source_id: str) -> Path | None:
        """Where the source's text file is, as the map names it (relative to the map's folder), or None when the
        source names none."""
        source = self._sources.get(source_id)
        if source is None or not source.file:
            return None
        return self._base_dir / source.file

    def text_of(self, source_id: str) -> str | None:
        """The source's text, or None when it has no file or the file cannot be read (see `error_of`)."""
        if source_id not in self._texts:
            self._texts[source_id] = self._read(source_id)
        return self._texts[source_id]

    def error_of(self, source_id: str) -> str | None:
        """Why the source's text could not be read, if it could not: one phrase naming the file."""
        self.text_of(source_id)
        return self._errors.get(source_id)

    def _read(self, source_id: str) -> str | None:
        path = self.path_of(source_id)
        if path is None:
            return None
        try:
            self._stamps[source_id] = _stamp(path)
            return read_source_text(path, self._root)
        except UnreadableFile as error:
            self._errors[source_id] = f"source text {self._sources[source_id].file!r} {error}"
        return None


def _stamp(path: Path | None) -> tuple[int, int] | None:
    """A file's size and modification time, to tell whether it changed since it was read."""
    try:
        status = path.stat() if path is not None else None
    except (OSError, ValueError):
        return None
    return (status.st_size, status.st_mtime_ns) if status is not None else None


def locate_quote(text: str, quote: str, near: int | None = None) -> tuple[int, int] | None:
    """The span of `quote` in `text`: the occurrence nearest `near` when given, else the first; None if absent."""
    start = text.find(quote)
    if start < 0:
        return None
    if near is not None:
        best = start
        while start >= 0:
            if abs(start - near) < abs(best - near):
                best = start
            start = text.find(quote, start + 1)
        start = best
    return (start, start + len(quote))


def context_around(text: str, start: int, end: int, width: int = 160) -> QuoteContext:
    """The quote at `start:end` with up to `width` characters around it, cut at word boundaries."""
    before = text[max(0, start - width) : start]
    after = text[end : end + width]
    if start - width > 0 and " " in before:
        before = "…" + before[before.index(" ") + 1 :]
    if end + width < len(text) and " " in after:
        after = after[: after.rindex(" ")] + "…"
    return QuoteContext(before=before, quote=text[start:end], after=after)


@dataclass(frozen=True, slots=True)
class QuoteCheck:
    """What checking a map's quotes found, and how many quotes were truly checked against their text."""

    findings: list[Finding]
    checked: int


def check_quotes(argument_map: ArgumentMap, base_dir: Path) -> QuoteCheck:
    """Every quote must stand in its source text at its recorded span; a source file that cannot be read only warns.

    A quote from a source the map lacks is the integrity check's to report, so it is skipped here; the others are
    checked even when the map has other errors, so that every problem is reported at once.
    """
    texts = SourceTexts(argument_map, base_dir)
    findings: list[Finding] = []
    unreadable: set[str] = set()
    for index, source in enumerate(argument_map.sources):
        error = texts.error_of(source.id)
        if error:
            findings.append(Finding(f"sources[{index}].file", f"{error}; its quotes are not checked", "warning"))
            unreadable.add(source.id)
    checked = 0
    for index, claim in enumerate(argument_map.claims):
        quote = claim.quote
        if quote is None or quote.source in unreadable:
            continue
        text = texts.text_of(quote.source)
        if text is None:
            continue
        place = f"claims[{index}].quote"
        if quote.start is None or quote.end is None:
            findings.append(Finding(place, _unplaced_message(text, quote.text), "warning"))
        elif text[quote.start : quote.end] != quote.text:
            findings.append(Finding(place, _mismatch_message(text, quote.text, quote.start, quote.end)))
        else:
            checked += 1
    return QuoteCheck(findings, checked)


def quote_context(text: str | None, quote: Quote) -> QuoteContext | None:
    """The quote amid its source text, when the text holds it at its recorded span (None when either is unknown)."""
    start, end = quote.start, quote.end
    if text is None or start is None or end is None or text[start:end] != quote.text:
        return None
    return context_around(text, start, end)


def _unplaced_message(text: str, quote: str) -> str:
    span = locate_quote(text, quote)
    if span is None:
        return "the quote has no span and is not found in its source"
    return f"the quote has no span; it is found at {span[0]}-{span[1]}"


def _mismatch_message(text: str, quote: str, start: int, end: int) -> str:
    """Where the quote is, never what the source holds at the wrong span: a map must not make argmap print a file."""
    span = locate_quote(text, quote, near=start)
    where = f"it is found at {span[0]}-{span[1]}" if span else "it is not found in the source at all"
    return f"the source text at {start}-{end} is not the quote; {where}"


def source_by_id(argument_map: ArgumentMap, source_id: str) -> Source | None:
    """The source with this id, if the map has one."""
    return next((source for source in argument_map.sources if source.id == source_id), None)
