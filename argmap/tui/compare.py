"""Authors side by side: one column each, one row per topic; choosing a claim marks its links in the other columns."""

from __future__ import annotations

import textwrap
from collections import Counter
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from argmap.colors import RELATION_COLORS, RELATION_MARKS
from argmap.compare import RelatedClaim, compare_authors, related_claims
from argmap.model import Claim, Relation
from argmap.tui.keybar import KeyBar
from argmap.tui.labels import author_badge

if TYPE_CHECKING:
    from argmap.tui.app import ArgmapApp

CELL_LIMIT = 40
"""Claims shown in one cell; the rest are counted (search or filter in the browse screen to reach them)."""


class CompareCell(OptionList):
    """One author's claims on one topic."""

    def __init__(self, row: int, topic: str, author_id: str, claims: tuple[Claim, ...], **kwargs) -> None:
        super().__init__(**kwargs)
        self.row = row
        self.topic = topic
        self.author_id = author_id
        self.claims = claims[:CELL_LIMIT]
        self.hidden_count = max(0, len(claims) - CELL_LIMIT)
        self.marks: dict[str, tuple[RelatedClaim, ...]] = {}
        self._wrapped_at = 0

    def on_mount(self) -> None:
        self._fill()

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._wrapped_at:
            self._wrapped_at = event.size.width
            highlighted = self.highlighted
            self._fill()
            self.highlighted = highlighted

    def on_blur(self) -> None:
        self.highlighted = None  # one cursor on the screen: the focused cell's

    def action_cursor_down(self) -> None:
        """Past the last claim, go on into the same author's cell in the next topic."""
        if self.highlighted is None or self.highlighted >= len(self.claims) - 1:
            self.screen.action_next_row(1)  # type: ignore[attr-defined]
        else:
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        """Before the first claim, go back into the same author's cell in the previous topic."""
        if not self.highlighted:
            self.screen.action_next_row(-1)  # type: ignore[attr-defined]
        else:
            super().action_cursor_up()

    def action_page_down(self) -> None:
        """A topic at a time: the first claim of the same author's cell in the next topic."""
        self.screen.action_next_row(1)  # type: ignore[attr-defined]

    def action_page_up(self) -> None:
        """A topic at a time: the first claim of the same author's cell in the previous topic."""
        self.screen.action_next_row(-1, at_first=True)  # type: ignore[attr-defined]

    def mark(self, related: dict[str, tuple[RelatedClaim, ...]]) -> None:
        """Prefix each claim with how it links to the chosen claim, redrawing only the claims whose marks change."""
        marks = {claim.id: related[claim.id] for claim in self.claims if claim.id in related}
        width = self._width()
        for index, claim in enumerate(self.claims):
            if marks.get(claim.id, ()) != self.marks.get(claim.id, ()):
                self.replace_option_prompt_at_index(index, _claim_prompt(claim, marks.get(claim.id, ()), width))
        self.marks = marks

    def _fill(self) -> None:
        """All the claims, wrapped to the cell's width, with their current marks."""
        width = self._width()
        options = [Option(_claim_prompt(claim, self.marks.get(claim.id, ()), width), id=claim.id) for claim in self.claims]
        if self.hidden_count:
            options.append(Option(Text(f"… {self.hidden_count} more", style="dim"), disabled=True))
        if not options:
            options.append(Option(Text("—", style="dim"), disabled=True))
        self.set_options(options)

    def _width(self) -> int:
        return self.scrollable_content_region.width - 1  # a column kept free for a scrollbar, should one come


def _claim_prompt(claim: Claim, links: tuple[RelatedClaim, ...], width: int) -> Text:
    """A bulleted claim with a hanging indent, led by its links to the chosen claim (`→+`, `←×`, …).

    Wrapped here to the cell's width, as plain text: a Rich table gave the same look but was measured again for
    every claim of every cell whenever the marks changed (a tenth of a second a step on the bundled map).
    """
    marks = "".join(f"{'→' if link.outgoing else '←'}{RELATION_MARKS[link.relation]} " for link in links)
    lines = textwrap.wrap(marks + claim.text, width, initial_indent="• ", subsequent_indent="  ") if width > 4 else []
    prompt = Text("\n".join(lines) if lines else f"• {marks}{claim.text}")
    for position, link in enumerate(links):
        start = 2 + 3 * position
        prompt.stylize(f"bold reverse {RELATION_COLORS[link.relation]}", start, start + 2)
    if links:
        prompt.stylize("bold", 2 + len(marks))
    return prompt


class CompareScreen(Screen[None]):
    """Compare two to five authors topic by topic."""

    CSS_PATH = "compare.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("m", "matrix", "Agreement matrix"),
        Binding("left", "neighbour(-1)", "Author to the left"),
        Binding("right", "neighbour(1)", "Author to the right"),
        Binding("down,up", "noop", "Past a cell's end: the next or previous topic", show=False),
        Binding("pagedown,pageup", "noop", "The next or previous topic", show=False),
    ]

    app: ArgmapApp

    def __init__(self, author_ids: list[str]) -> None:
        super().__init__()
        self.author_ids = author_ids
        self.comparison = compare_authors(self.app.document.index, author_ids)
        self._marked: set[str] = set()

    def compose(self) -> ComposeResult:
        document = self.app.document
        yield Header()
        legend = Text("Marks on claims linked to the one under the cursor:  ", style="dim")
        for relation in Relation:
            legend.append(f"{RELATION_MARKS[relation]} {relation}", style=f"bold {RELATION_COLORS[relation]}")
            legend.append("  ")
        legend.append("→ it does it to them  ← they do it to it", style="dim")
        yield Static(legend, id="compare-legend")
        yield Static(id="compare-status")
        with Horizontal(id="compare-head"):
            for author_id in self.author_ids:
                name = document.index.author_name(author_id)
                yield Static(author_badge(name, document.colors.get(author_id, "white")), classes="author-head")
        with VerticalScroll(id="compare-grid"):
            for row, topic in enumerate(self.comparison.topics):
                yield Static(Text(topic, style="bold"), classes="topic-label", id=f"topic-{row}")
                with Horizontal(classes="topic-row"):
                    for author_id in self.author_ids:
                        yield CompareCell(row, topic, author_id, self.comparison.cells[(topic, author_id)])
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = "compare " + ", ".join(self.app.document.index.author_name(a) for a in self.author_ids)
        first = next((cell for cell in self.query(CompareCell) if cell.claims), None)
        if first is not None:
            first.focus(scroll_visible=False)
            first.highlighted = 0

    @on(OptionList.OptionHighlighted)
    def _claim_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if isinstance(event.option_list, CompareCell) and event.option_list.has_focus:
            self._mark_related(event.option_list)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, CompareCell):
            self._show_topic(event.widget.row)
            self._mark_related(event.widget)

    def _show_topic(self, row: int) -> None:
        """Scroll the row's topic to the top now, not after the next frame, which would draw the grid twice."""
        grid = self.query_one("#compare-grid", VerticalScroll)
        grid.scroll_to_widget(self.query_one(f"#topic-{row}"), top=True, animate=False, immediate=True)

    def _mark_related(self, chosen_cell: CompareCell) -> None:
        """Mark, in the other cells, the claims linked to the claim under the cursor in `chosen_cell`."""
        option = chosen_cell.highlighted_option
        claim_id = option.id if option is not None else None
        related = related_claims(self.app.document.index, claim_id, self.author_ids) if claim_id else {}
        self.query_one("#compare-status", Static).update(self._status(related))
        if not related and not self._marked:
            return
        for cell in self.query(CompareCell):
            if cell is not chosen_cell and any(c.id in related or c.id in self._marked for c in cell.claims):
                cell.mark(related)
        self._marked = set(related)

    @on(OptionList.OptionSelected)
    def _open(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.app.open_claim(event.option.id)

    def _status(self, related: dict[str, tuple[RelatedClaim, ...]]) -> Text:
        """How many claims in the other columns the chosen claim is linked to, by relation and direction."""
        if not related:
            return Text("No links from this claim to the other authors' claims.", style="dim")
        counts = Counter(
            (link.outgoing, link.relation) for links in related.values() for link in links
        )
        status = Text(f"Linked to {len(related)} claim{'s' if len(related) != 1 else ''} of the others:  ")
        for (outgoing, relation), count in sorted(counts.items(), key=lambda item: (not item[0][0], list(Relation).index(item[0][1]))):
            arrow = "→" if outgoing else "←"
            status.append(f"{arrow}{RELATION_MARKS[relation]} {count}  ", style=f"bold {RELATION_COLORS[relation]}")
        return status

    def action_neighbour(self, step: int) -> None:
        cells = list(self.query(CompareCell))
        focused = self.focused
        if not isinstance(focused, CompareCell):
            return
        row = [cell for cell in cells if cell.topic == focused.topic and (cell.claims or cell is focused)]
        position = row.index(focused) + step
        if 0 <= position < len(row):
            target = row[position]
            self.set_focus(target)
            if target.highlighted is None and target.claims:
                target.highlighted = 0

    def refresh_from_document(self) -> None:
        """Rebuild the columns from the edited map (authors since deleted are dropped)."""
        index = self.app.document.index
        self.author_ids = [author_id for author_id in self.author_ids if author_id in index.authors]
        if len(self.author_ids) < 2:
            self.app.call_later(self.dismiss)
            return
        self.comparison = compare_authors(index, self.author_ids)
        self._marked = set()
        self.call_later(self.recompose)

    def action_next_row(self, step: int, at_first: bool = False) -> None:
        """Move to the same author's cell in the next (or previous) topic that has claims, onto its first claim
        going down or `at_first`, else onto its last."""
        focused = self.focused
        if not isinstance(focused, CompareCell):
            return
        column = [cell for cell in self.query(CompareCell) if cell.author_id == focused.author_id and cell.claims]
        position = column.index(focused) + step if focused in column else -1
        if 0 <= position < len(column):
            target = column[position]
            self._show_topic(target.row)
            self.set_focus(target)
            target.highlighted = 0 if step > 0 or at_first else len(target.claims) - 1

    def action_matrix(self) -> None:
        self.app.action_matrix(self.author_ids)

    def action_noop(self) -> None:
        """Listed in the help only: the cells handle up and down themselves."""
