"""The browse screen's `o`: a diagram of the current view, of the claim shown and those around it, or of the whole
argument at a glance, drawn beside the map on a thread, in a file named after what it shows, never over an earlier
export."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from argmap.filters import ClaimFilter
from argmap.model import Claim, Link
from argmap.outline import Grouping
from argmap.words import counted, shortened, slug

if TYPE_CHECKING:
    from textual.screen import Screen

    from argmap.tui.app import ArgmapApp

    _Screen = Screen[None]
else:
    _Screen = object

EXPORT_NAMING = threading.Lock()
"""Held while an export picks a free file name and writes it, so two exports at once never take the same name."""

Content = str | bytes
Drawing = Callable[[list[str]], tuple[Content, str]]
"""Makes a diagram on the worker thread, telling `notes` what the reader should know: (content, file suffix)."""


def free_name(path: Path) -> Path:
    """`path` when nothing has that name, else the first free one of NAME-2.EXT, NAME-3.EXT…: an export never
    replaces an earlier one."""
    candidate, number = path, 1
    while candidate.exists() or candidate.is_symlink():
        number += 1
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
    return candidate


class ExportChoice(ModalScreen[str | None]):
    """What `o` draws: the current view (first, so `o` then enter draws it), the claim shown and its neighbours, or
    an overview by author or by topic."""

    DEFAULT_CSS = """
    ExportChoice { align: center middle; }
    ExportChoice > Vertical { width: 72; max-width: 100%; height: auto; border: round $accent; padding: 0 1;
                              background: $surface; }
    ExportChoice OptionList { height: auto; max-height: 8; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, choices: list[tuple[str, Text]]) -> None:
        super().__init__()
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text("Export a diagram (SVG) of", style="bold"))
            yield OptionList(*(Option(prompt, id=key) for key, prompt in self.choices))
            yield Label(Text("enter draws it beside the map · escape cancels", style="dim"))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ViewExport(_Screen):
    """The browse screen's `o`: offers the diagrams (see `ExportChoice`), then draws the one chosen as an SVG (DOT
    when Graphviz is missing)."""

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
        """Offer what to draw: the current view, the claim shown with those around it, or an overview."""
        index = self.app.document.index
        choices = [("view", Text("the current view: the claims the tree shows"))]
        centre = self._centre()
        if centre in index.claims:
            choices.append(("focus", Text(f"the claim shown and those 1 link away: "
                                          f"{shortened(index.claims[centre].text, 40)}")))
        choices += [("author", Text("the argument at a glance, by author")),
                    ("topic", Text("the argument at a glance, by topic"))]
        self.app.push_screen(ExportChoice(choices), self._draw_chosen)

    def _draw_chosen(self, choice: str | None) -> None:
        if choice == "view":
            self._export_view()
        elif choice == "focus":
            self._export_focus()
        elif choice in ("author", "topic"):
            self._export_overview(choice)

    def _export_view(self) -> None:
        """Draw what the tree shows (see `view_selection`); named `NAME-view.svg`, or after the filters and the claim
        in the middle."""
        claims, links, description = self.view_selection()
        if not claims:
            self.notify("Nothing to export: no claim matches the filters.", severity="warning")
            return
        group = "topic" if self.grouping is Grouping.TOPIC else "author"
        centre = self._centre() if self.grouping is Grouping.AROUND else None
        named = [self.claim_filter.describe(self.app.document.index), f"around {centre}" if centre else ""]
        name = "-".join(["view", *(slug(part, 6) for part in named if part)])
        self._draw(self._claims_drawing(claims, links, description, group), name, claims, links)

    def _export_focus(self) -> None:
        """Draw the claim shown and those one link away, the focus standing out, links beyond counted on the boxes;
        named `NAME-focus-CLAIM.svg`."""
        from argmap.selection import beyond, focus_words, select

        index = self.app.document.index
        centre = self._centre()
        if centre not in index.claims:
            return
        claims, links = select(index, ClaimFilter(), centre, 1)
        _, _, cut = beyond(index, ClaimFilter(), claims, centre, 1)
        drawing = self._claims_drawing(claims, links, focus_words(index, centre, 1), "author", centre, cut)
        self._draw(drawing, f"focus-{slug(centre, 8) or 'claim'}", claims, links)

    def _export_overview(self, kind: str) -> None:
        """Draw the argument at a glance by author or topic; named `NAME-overview-authors.svg` (or `-topics`)."""
        index = self.app.document.index

        def drawing(notes: list[str]) -> tuple[Content, str]:
            from argmap.formats.overview import overview_dot
            from argmap.formats.render import Layout, RenderError, render

            dot_text = overview_dot(index, kind)
            try:
                return render(dot_text, "svg", Layout(("dot",)), len(index.map.authors)), "svg"
            except RenderError as error:
                notes.append(f"{error}; wrote DOT instead")
                return dot_text, "dot"

        self._draw(drawing, f"overview-{kind}s", None, None)

    def _claims_drawing(
        self, claims: list[Claim], links: list[Link], description: str, group: str, focus: str | None = None,
        cut: dict[str, int] | None = None,
    ) -> Drawing:
        """The drawing of these claims and links (tooltips with quotes and standings; a focus, links cut)."""
        index = self.app.document.index
        topics = self.claim_filter.topics

        def drawing(notes: list[str]) -> tuple[Content, str]:
            from argmap.analysis import analyze
            from argmap.formats import export
            from argmap.formats.dot import Marks

            marks = Marks(focus=focus, cut=cut or {}, standings=analyze(index).standings)
            try:
                return export(index, claims, links, "svg", group, topics, description, notes.append,
                              marks=marks), "svg"
            except ValueError as error:
                notes.append(f"{error}; wrote DOT instead")
                return export(index, claims, links, "dot", group, topics, description, marks=marks), "dot"

        return drawing

    def _draw(self, drawing: Drawing, name: str, claims: list[Claim] | None, links: list[Link] | None) -> None:
        what = f"{counted(len(claims), 'claim')}" if claims is not None else "the overview"
        self.notify(f"Exporting {what}…", timeout=2)
        self.run_worker(lambda: self._write(drawing, name, claims, links), thread=True, group="export")

    def _write(self, drawing: Drawing, name: str, claims: list[Claim] | None, links: list[Link] | None) -> None:
        from argmap.store import MapError, write_atomically

        document = self.app.document
        notes: list[str] = []
        content, suffix = drawing(notes)
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        try:
            with EXPORT_NAMING:
                path = free_name(document.path.with_name(f"{document.path.stem}-{name}.{suffix}"))
                write_atomically(path, data)
        except MapError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error", markup=False)
            return
        if claims is not None and links is not None:
            said = f"Exported {counted(len(claims), 'claim')} and {counted(len(links), 'link')} to {path}"
        else:
            said = f"Exported the overview to {path}"
        self.app.call_from_thread(self.notify, " ".join([said, *notes]), timeout=8, markup=False)
