"""The agreement matrix: how many supports, contradicts and qualifies run from each author to each other one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
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
from argmap.tui.keybar import KeyBar
from argmap.tui.labels import author_badge, relation_text

if TYPE_CHECKING:
    from argmap.tui.app import ArgmapApp


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


class MatrixScreen(Screen[None]):
    """Rows are the authors whose claims link out, columns the authors they link to; enter lists a cell's links."""

    CSS_PATH = "matrix.tcss"
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    app: ArgmapApp

    def __init__(self, author_ids: list[str]) -> None:
        super().__init__()
        self.author_ids = author_ids

    def compose(self) -> ComposeResult:
        yield Header()
        legend = Text("Links from the row author's claims to the column author's:  ", style="dim")
        for relation in Relation:
            legend.append_text(relation_text(relation))
            legend.append("  ")
        legend.append("· enter lists them", style="dim")
        yield Static(legend, id="matrix-legend")
        yield DataTable(id="matrix", cursor_type="cell", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self._fill()
        self.query_one(DataTable).focus()
        self.sub_title = "agreement matrix"

    def refresh_from_document(self) -> None:
        """Count again after an edit."""
        index = self.app.document.index
        self.author_ids = [author_id for author_id in self.author_ids if author_id in index.authors]
        self._fill()

    def _fill(self) -> None:
        document = self.app.document
        matrix = agreement_matrix(document.index, self.author_ids)
        table = self.query_one(DataTable)
        table.clear(columns=True)
        table.add_column(Text("from ↓   to →", style="dim"), key="from")
        for author_id in self.author_ids:
            table.add_column(Text(author_id, style=f"bold {document.colors.get(author_id, 'white')}"), key=author_id)
        for source in self.author_ids:
            cells = [cell_text(matrix[(source, target)]) for target in self.author_ids]
            table.add_row(self._author_label(source), *cells, key=source)
        table.move_cursor(row=0, column=min(2, len(self.author_ids)))

    def _author_label(self, author_id: str) -> Text:
        document = self.app.document
        return author_badge(document.index.author_name(author_id), document.colors.get(author_id, "white"))

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
    """The links behind one matrix cell; enter opens the claim the link starts from."""

    CSS_PATH = "matrix.tcss"
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    app: ArgmapApp

    def __init__(self, source: str, target: str, links: list[Link]) -> None:
        super().__init__()
        self.source, self.target, self.links = source, target, links

    def compose(self) -> ComposeResult:
        index = self.app.document.index
        title = Text.assemble(
            (f"{len(self.links)} links from ", "bold"), self._author_label(self.source), (" to ", "bold"), self._author_label(self.target)
        )
        with Vertical(id="links-box"):
            yield Label(title)
            yield OptionList(*(self._option(index, position, link) for position, link in enumerate(self.links)))
            yield Label(Text("enter opens the first claim · escape goes back", style="dim"))

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
