"""The palette's "export as" and "import": the whole map written beside it in another tool's format, and another
tool's file made into a map beside that file and opened. Both work on a thread and never replace a file."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input, Static

from argmap.document import Document
from argmap.index import MapIndex
from argmap.model import Claim, Link
from argmap.store import MapError, Problem
from argmap.tui.app import ArgmapApp
from argmap.tui.forms import FormScreen, ask
from argmap.tui.palette import format_title
from argmap.tui.view_export import EXPORT_NAMING, free_name
from argmap.words import counted

SHOWN_WARNINGS = 3
"""Warnings of an import shown as toasts; past them, one more toast counts the rest."""


def suffix_for(format_name: str) -> str:
    """The file suffix a format is written with (the first `argmap export` knows it by)."""
    from argmap.formats import _SUFFIXES

    return next((suffix for suffix, name in _SUFFIXES.items() if name == format_name), f".{format_name}")


def beside(path: Path, suffix: str, label: str) -> Path:
    """`path` with another suffix, or NAME.LABEL.SUFFIX when that would be `path` itself (as `argmap import`
    names the map of a `.json` file)."""
    wanted = path.with_suffix(suffix)
    return wanted if wanted != path else path.with_name(f"{path.stem}.{label}{suffix}")


def export_beside(app: ArgmapApp, format_name: str) -> None:
    """Write the whole map in `format_name` beside its file, on a thread, under a name no file has."""
    from argmap.filters import ClaimFilter
    from argmap.selection import select

    document = app.document
    claims, links = select(document.index, ClaimFilter())
    if not claims:
        app.notify("Nothing to export: the map has no claims yet.", severity="warning")
        return
    app.notify(f"Exporting the map as {format_title(format_name)}…", timeout=2)
    index, path = document.index, document.path
    app.run_worker(lambda: _export(app, index, path, format_name, claims, links), thread=True, group="export")


def _export(app: ArgmapApp, index: MapIndex, map_path: Path, format_name: str, claims: list[Claim],
            links: list[Link]) -> None:
    from argmap.formats import export
    from argmap.store import write_atomically

    notes: list[str] = []
    try:
        content = export(index, claims, links, format_name, note=notes.append)
        data = content.encode("utf-8") if isinstance(content, str) else content
        with EXPORT_NAMING:
            path = free_name(beside(map_path, suffix_for(format_name), format_name))
            write_atomically(path, data)
    except (ValueError, MapError) as error:
        app.call_from_thread(app.notify, f"Could not export: {error}", severity="error", timeout=10)
        return
    said = (f"Exported {counted(len(claims), 'claim')} and {counted(len(links), 'link')} as "
            f"{format_title(format_name)} to {path}.")
    app.call_from_thread(app.notify, " ".join([said, *notes]), timeout=8)


def ask_for_import(app: ArgmapApp) -> None:
    """Ask which file to import, first asking what to do with unsaved changes (the imported map replaces this one
    in the window)."""
    if not app.document.dirty:
        app.push_screen(ImportForm(app.document.path))
        return

    def answer(key: str) -> None:
        if key == "s":
            app.action_save()
        elif key == "d":
            app.document.discard_recovery()
        if key == "d" or (key == "s" and not app.document.dirty):
            app.push_screen(ImportForm(app.document.path))

    ask(app, f"{app.document.path.name} has unsaved changes; importing opens another map.",
        [("s", "save them first"), ("d", "discard them"), ("escape", "cancel")], answer)


class ImportForm(FormScreen):
    """Which file to import, and whose claims they are when the file does not say."""

    heading = "Import a file"

    def __init__(self, current: Path) -> None:
        super().__init__()
        self.current = current

    def fields(self) -> ComposeResult:
        yield from self.field(
            "File (a relative name is taken from the current map's folder)", Input(id="field-path"), "path",
            "An Argdown file (.argdown, .ad) or the JSON of `argdown json`, an AIF or xAIF file (.json), or a Kialo "
            "discussion (.txt). The new map is written beside it (NAME.json, never over a file) and opened.",
        )
        yield from self.field("Author of its claims, when the file names none (optional)",
                              Input(id="field-author"), "author")

    def action_submit(self) -> None:
        typed = self.value("path")
        if not typed:
            self.query_one("#error-path", Static).update(Text("Give the file to import.", style="bold red"))
            return
        source = Path(typed).expanduser()
        if not source.is_absolute():
            source = self.current.parent / source
        author = self.value("author") or None
        app = self.app
        self.dismiss(True)
        app.notify(f"Importing {source.name}…", timeout=3)
        app.run_worker(lambda: _import(app, source, author), thread=True, group="import")


def _import(app: ArgmapApp, source: Path, author: str | None) -> None:
    from argmap.interchange import import_file, save_imported
    from argmap.model import check_integrity

    try:
        imported = import_file(source, None, author)
        broken = [finding for finding in check_integrity(imported.argument_map) if finding.severity == "error"]
        if broken:
            raise MapError([Problem(str(source), finding.place, finding.message) for finding in broken])
        with EXPORT_NAMING:
            path = free_name(beside(source, ".json", "argmap"))
            save_imported(imported, path)
        document = Document.open(path)
    except MapError as error:
        app.call_from_thread(app.notify, f"Could not import: {error.problems[0]}", severity="error", timeout=12)
        return
    app.call_from_thread(_opened, app, document, source, imported.warnings)


def _opened(app: ArgmapApp, document: Document, source: Path, warnings: list[str]) -> None:
    app.open_document(document)
    argument_map = document.argument_map
    app.notify(f"Imported {counted(len(argument_map.claims), 'claim')} and {counted(len(argument_map.links), 'link')} "
               f"from {source.name} into {document.path}.", timeout=8)
    for warning in warnings[:SHOWN_WARNINGS]:
        app.notify(f"{source.name}: {warning}", severity="warning", timeout=10)
    if len(warnings) > SHOWN_WARNINGS:
        more = counted(len(warnings) - SHOWN_WARNINGS, "more warning")
        app.notify(f"… and {more}; `argmap import` lists them all.", severity="warning", timeout=10)
