"""The agreement matrix: how many supports, contradicts and qualifies run from each author to each other one."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Header, Label, OptionList, Static
from textual.widgets.option_list import Option

from argmap.colors import RELATION_COLORS, RELATION_MARKS
from argmap.compare import AgreementCell, agreement_matrix, links_between
from argmap.index import MapIndex
from argmap.model import Link, Relation
from argmap.tui.app import ArgmapApp
from argmap.tui.keybar import KeyBar
from argmap.tui.labels import author_badge, relation_text
from argmap.tui.wrapped_list import WrappedList
from argmap.words import counted


def cell_text(cell: AgreementCell) -> Text:
    """`3+ 1× 2~` in the relations' colours; a dim dot for no links."""
    if not cell.total:
        return Text("·", style="dim")
    text = Text()
    for relation in Relation:
        count = cell.count(relation)
        if count:
            if text:
                text.append(" ")
            text.append(f"{count}{RELATION_MARKS[relation]}", style=f"bold {RELATION_COLORS[relation]}")
    return text


CORNER = "from ↓   to →"
MATRIX_MARGINS = 4
"""Columns around the table: its margin in matrix.tcss."""


class MatrixScreen(Screen[None]):
    """Rows are the authors whose claims link out, columns the authors they link to; enter lists a cell's links."""

    CSS_PATH = "matrix.tcss"
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    app = getters.app(ArgmapApp)

    def __init__(self, author_ids: list[str]) -> None:
        super().__init__()
        self.author_ids = author_ids
        self._cells: dict[str, list[Text]] = {}
        """Each author's column of counts, top to bottom."""
        self._label_width = 0

    def compose(self) -> ComposeResult:
        yield Header()
        legend = Text("Links from the row author's claims to the column author's:  ", style="dim")
        for relation in Relation:
            legend.append_text(relation_text(relation))
            legend.append("  ")
        legend.append("· enter lists them", style="dim")
        yield Static(legend, id="matrix-legend")
        yield DataTable(id="matrix", cursor_type="cell", zebra_stripes=True, fixed_columns=1)
        yield KeyBar()

    def on_mount(self) -> None:
        self._fill()
        self.query_one(DataTable).focus()
        self.sub_title = "agreement matrix"
        self.app.follow_versions(self, self.refresh_from_document)

    def refresh_from_document(self) -> None:
        """Count again after an edit."""
        index = self.app.document.index
        self.author_ids = [author_id for author_id in self.author_ids if author_id in index.authors]
        self._fill()

    def on_resize(self) -> None:
        if self._cells and self._label_width != self._fitting_label_width():
            self._fill()

    def _fill(self) -> None:
        """The table, its row labels (the authors' names) cut to leave room for every author's column."""
        document = self.app.document
        matrix = agreement_matrix(document.index, self.author_ids)
        self._cells = {
            target: [cell_text(matrix[(source, target)]) for source in self.author_ids] for target in self.author_ids
        }
        self._label_width = self._fitting_label_width()
        table = self.query_one(DataTable)
        cursor = table.cursor_coordinate if table.row_count else None
        table.clear(columns=True)
        table.add_column(Text(CORNER, style="dim"), key="from")
        for author_id in self.author_ids:
            table.add_column(Text(author_id, style=f"bold {document.colors.get(author_id, 'white')}"), key=author_id)
        for row, source in enumerate(self.author_ids):
            cells = [self._cells[target][row] for target in self.author_ids]
            table.add_row(self._author_label(source, self._label_width), *cells, key=source)
        if cursor is None:
            table.move_cursor(row=0, column=min(2, len(self.author_ids)))
        else:
            table.move_cursor(row=cursor.row, column=cursor.column)

    def _fitting_label_width(self) -> int:
        """The widest the names may be with every author's column on the screen (fixed while they scroll, if not)."""
        columns = sum(
            max(cell_len(author_id), *(cell.cell_len for cell in self._cells[author_id])) + 2
            for author_id in self.author_ids
        )
        room = self.app.size.width - MATRIX_MARGINS - columns - 2
        names = max((cell_len(self.app.document.index.author_name(a)) + 2 for a in self.author_ids), default=0)
        return max(cell_len(CORNER), min(names, room))

    def _author_label(self, author_id: str, width: int | None = None) -> Text:
        document = self.app.document
        label = author_badge(document.index.author_name(author_id), document.colors.get(author_id, "white"))
        if width is not None and label.cell_len > width:
            label.truncate(width - 1)
            label.append("…")
        return label

    @on(DataTable.CellSelected)
    def _open_cell(self, event: DataTable.CellSelected) -> None:
        source = event.cell_key.row_key.value
        target = event.cell_key.column_key.value
        if source is None or target is None or target == "from":
            return
        links = links_between(self.app.document.index, source, target)
        if links:
            self.app.push_screen(LinksScreen(source, target, links))
        else:
            self.notify("No links between these two.", timeout=2)


class LinksScreen(ModalScreen[None]):
    """The links from one author's claims to another's (a matrix cell), or both ways (a pair in the analysis);
    enter opens the claim the link starts from."""

    CSS_PATH = "matrix.tcss"
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    app = getters.app(ArgmapApp)

    def __init__(self, source: str, target: str, links: list[Link], returning: list[Link] | None = None) -> None:
        """`links` run from `source`'s claims to `target`'s; `returning`, when given, the other way."""
        super().__init__()
        self.source, self.target = source, target
        self.outgoing, self.returning = links, returning
        self.links = links + (returning or [])

    def compose(self) -> ComposeResult:
        index = self.app.document.index
        options: list[Option] = []
        if self.returning is None:
            title = Text.assemble((f"{counted(len(self.links), 'link')} from ", "bold"),
                                  self._author_label(self.source), (" to ", "bold"), self._author_label(self.target))
            options += [self._option(index, position, link) for position, link in enumerate(self.links)]
        else:
            source, target = index.author_name(self.source), index.author_name(self.target)
            title = Text.assemble(
                (f"{counted(len(self.links), 'link')} between ", "bold"), self._author_label(self.source),
                (" and ", "bold"), self._author_label(self.target),
                (f": {len(self.outgoing)} from ", "bold"), source, (f", {len(self.returning)} from ", "bold"), target,
            )
            directions = ((self.source, self.outgoing, 0), (self.target, self.returning, len(self.outgoing)))
            for author_id, links, first in directions:
                if links:
                    heading = Text.assemble(("From ", "bold"), self._author_label(author_id),
                                            (f" ({len(links)})", "bold"))
                    options.append(Option(heading, disabled=True))
                    options += [self._option(index, position, link) for position, link in enumerate(links, first)]
        with Vertical(id="links-box"):
            yield Label(title)
            yield WrappedList(*options)
            yield Label(Text("enter opens the claim a link starts from · escape goes back", style="dim"))

    def on_mount(self) -> None:
        listing = self.query_one(WrappedList)
        listing.highlighted = next((i for i, option in enumerate(listing.options) if not option.disabled), None)

    def _author_label(self, author_id: str) -> Text:
        document = self.app.document
        return author_badge(document.index.author_name(author_id), document.colors.get(author_id, "white"))

    def _option(self, index: MapIndex, position: int, link: Link) -> Option:
        first, second = index.claims[link.source_id], index.claims[link.target_id]
        prompt = Text(first.text)
        prompt.append("\n  ")
        prompt.append_text(relation_text(link.relation))
        prompt.append(" → ")
        prompt.append(second.text)
        if link.why:
            prompt.append(f"\n  why: {link.why}", style="dim italic")
        return Option(prompt, id=f"{position}")

    @on(OptionList.OptionSelected)
    def _open(self, event: OptionList.OptionSelected) -> None:
        link = self.links[int(event.option.id or 0)]
        self.app.open_claim(link.source_id)
