"""Exporting what the browse screen shows as a diagram beside the map, on a thread, never over an earlier export."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from argmap.filters import ClaimFilter
from argmap.model import Claim, Link
from argmap.outline import Grouping
from argmap.words import counted, shortened

if TYPE_CHECKING:
    from textual.screen import Screen

    from argmap.tui.app import ArgmapApp

    _Screen = Screen[None]
else:
    _Screen = object

EXPORT_NAMING = threading.Lock()
"""Held while an export picks a free file name and writes it, so two exports at once never take the same name."""


def free_name(path: Path) -> Path:
    """`path` when nothing has that name, else the first free one of NAME-2.EXT, NAME-3.EXT…: an export never
    replaces an earlier one."""
    candidate, number = path, 1
    while candidate.exists() or candidate.is_symlink():
        number += 1
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
    return candidate


class ViewExport(_Screen):
    """The browse screen's `o`: the claims the tree shows, as an SVG (DOT when Graphviz is missing)."""

    app: ArgmapApp
    claim_filter: ClaimFilter
    grouping: Grouping

    if TYPE_CHECKING:
        def _centre(self) -> str | None: ...

    def view_selection(self) -> tuple[list[Claim], list[Link], str]:
        """What the tree shows: the claims the filters pass, or in the "by relation" view the claim in the middle and
        those around it; the links between them; and what chose them, in words."""
        from argmap.selection import select, select_around

        index = self.app.document.index
        described = [self.claim_filter.describe(index)]
        if self.grouping is Grouping.AROUND:
            centre = self._centre()
            claims, links = select_around(index, self.claim_filter, centre) if centre else ([], [])
            described.append(f"around “{shortened(index.claims[centre].text)}”" if centre else "")
        else:
            claims, links = select(index, self.claim_filter)
        return claims, links, " · ".join(part for part in described if part)

    def action_export_view(self) -> None:
        """Draw what the tree shows as an SVG beside the map (DOT when Graphviz is missing), on a thread."""
        claims, links, description = self.view_selection()
        if not claims:
            self.notify("Nothing to export: no claim matches the filters.", severity="warning")
            return
        group = "topic" if self.grouping is Grouping.TOPIC else "author"
        self.notify(f"Exporting {counted(len(claims), 'claim')}…", timeout=2)
        self.run_worker(lambda: self._export(claims, links, description, group), thread=True, group="export")

    def _export(self, claims: list[Claim], links: list[Link], description: str, group: str) -> None:
        from argmap.formats import export
        from argmap.store import MapError, write_atomically

        document = self.app.document
        topics = self.claim_filter.topics
        notes: list[str] = []
        try:
            content = export(document.index, claims, links, "svg", group, topics, description, note=notes.append)
            suffix = "svg"
        except ValueError as error:
            notes.append(f"{error}; wrote DOT instead")
            content, suffix = export(document.index, claims, links, "dot", group, topics, description), "dot"
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        try:
            with EXPORT_NAMING:
                path = free_name(document.path.with_name(f"{document.path.stem}-view.{suffix}"))
                write_atomically(path, data)
        except MapError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error", markup=False)
            return
        said = f"Exported {counted(len(claims), 'claim')} and {counted(len(links), 'link')} to {path}"
        self.app.call_from_thread(self.notify, " ".join([said, *notes]), timeout=8, markup=False)
