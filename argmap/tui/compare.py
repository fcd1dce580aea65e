"""Authors side by side: one column each, one row per topic; choosing a claim marks its links in the other columns."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual import events, getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, ScrollableContainer, Vertical
from textual.content import Content
from textual.css.styles import RulesMap
from textual.message import Message
from textual.screen import Screen
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from argmap.colors import RELATION_COLORS, RELATION_MARKS
from argmap.compare import RelatedClaim, compare_authors, related_claims
from argmap.model import Claim, Relation
from argmap.tui.app import ArgmapApp
from argmap.tui.keybar import KeyBar
from argmap.tui.labels import author_badge
from argmap.tui.wrapped_list import WrappedList
from argmap.words import counted

CELL_LIMIT = 40
"""Claims shown in one cell; the rest are counted (search or filter in the browse screen to reach them)."""
CELL_HEIGHT = 16
"""The tallest a cell gets before it scrolls, or half the terminal's height if that is less: with its topic's label
above it a cell then fits the grid, and the cursor inside it stays in view."""
COLUMN_WIDTH = 20
"""The narrowest an author's column gets, its scrollbar and the gap to the next included: 16 characters of text
beside the bullet, so that no ordinary word ("Administration's") is cut. Columns that do not fit the screen scroll
sideways, the authors' names with them."""
BULLET = "• "
_PIECES = re.compile(r"\s+|\S+?(?:-(?=[^\s-])|(?=\s)|$)")
"""Runs of spaces, and words cut after each hyphen that joins two parts of a compound ("counter-|narcotics")."""


class ClaimPrompt(Visual):
    """A claim after a bullet, led by its marks, wrapped at word boundaries under its first word.

    Wrapped to the width it is drawn at, when it is drawn: a prompt wrapped ahead needs the cell's width, which is
    known only after the first layout, and the first frame drew it wrongly. Only a word wider than the cell is cut.
    """

    def __init__(self, body: Content) -> None:
        self.body = body
        self._breaks: dict[int, list[int]] = {}
        """Where lines start, by the widths asked for: a cell is measured at one width and drawn at the same."""
        self._drawn: tuple[int, Content] = (-1, Content())

    def _line_breaks(self, width: int) -> list[int]:
        breaks = self._breaks.get(width)
        if breaks is None:
            if len(self._breaks) > 4:
                self._breaks.clear()
            breaks = self._breaks[width] = line_breaks(self.body.plain, width - len(BULLET))
        return breaks

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        if self._drawn[0] != width:
            lines = [line.rstrip() for line in self.body.divide(self._line_breaks(width))]
            indents = [BULLET, *[" " * len(BULLET)] * (len(lines) - 1)]
            pairs = zip(indents, lines, strict=True)
            self._drawn = (width, Content("\n").join(Content.assemble(*pair) for pair in pairs))
        return self._drawn[1].render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return len(BULLET) + self.body.cell_length

    def get_minimal_width(self, rules: RulesMap) -> int:
        return len(BULLET) + self.body.get_minimal_width(rules)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self._line_breaks(width)) + 1


def line_breaks(text: str, width: int) -> list[int]:
    """Where lines of at most `width` cells start: after spaces, after a hyphen inside a compound word, and inside
    a word only when it is wider than a line."""
    width = max(1, width)
    breaks: list[int] = []
    used = 0
    for piece in _PIECES.finditer(text):
        word = piece.group()
        size = cell_len(word)
        if word.isspace() or used + size <= width:
            used += size
        elif size <= width:
            breaks.append(piece.start())
            used = size
        else:  # wider than a line: cut it where the lines end
            for offset, character in enumerate(word, piece.start()):
                cells = cell_len(character)
                if used + cells > width and used:
                    breaks.append(offset)
                    used = 0
                used += cells
    return breaks


def claim_prompt(claim: Claim, links: tuple[RelatedClaim, ...]) -> ClaimPrompt:
    """A claim led by its links to the chosen claim (`→+`, `←×`, …), in bold when it has any."""
    parts: list[str | tuple[str, str]] = []
    for link in links:
        mark = f"{'→' if link.outgoing else '←'}{RELATION_MARKS[link.relation]}"
        parts += [(mark, f"bold reverse {RELATION_COLORS[link.relation]}"), " "]
    parts.append((claim.text, "bold") if links else claim.text)
    return ClaimPrompt(Content.assemble(*parts))


class CompareCell(WrappedList):
    """One author's claims on one topic; says `PastEnd` when the cursor goes on past its first or last claim."""

    class PastEnd(Message):
        """Go on into the same author's cell in the next topic (`step` 1) or the previous one (-1)."""

        def __init__(self, cell: CompareCell, step: int, at_first: bool = False) -> None:
            super().__init__()
            self.cell = cell
            self.step = step
            self.at_first = at_first

    def __init__(self, row: int, topic: str, author_id: str, claims: tuple[Claim, ...], **kwargs: Any) -> None:
        self.row = row
        self.topic = topic
        self.author_id = author_id
        self.claims = claims[:CELL_LIMIT]
        self.hidden_count = max(0, len(claims) - CELL_LIMIT)
        self.marks: dict[str, tuple[RelatedClaim, ...]] = {}
        options = [Option(claim_prompt(claim, ()), id=claim.id) for claim in self.claims]
        if self.hidden_count:
            options.append(Option(Text(f"… {self.hidden_count} more", style="dim"), disabled=True))
        if not options:
            options.append(Option(Text("—", style="dim"), disabled=True))
        super().__init__(*options, **kwargs)

    def on_blur(self) -> None:
        self.highlighted = None  # one cursor on the screen: the focused cell's

    def action_cursor_down(self) -> None:
        """Past the last claim, go on into the same author's cell in the next topic."""
        if self.highlighted is None or self.highlighted >= len(self.claims) - 1:
            self.post_message(self.PastEnd(self, 1))
        else:
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        """Before the first claim, go back into the same author's cell in the previous topic."""
        if not self.highlighted:
            self.post_message(self.PastEnd(self, -1))
        else:
            super().action_cursor_up()

    def action_page_down(self) -> None:
        """A topic at a time: the first claim of the same author's cell in the next topic."""
        self.post_message(self.PastEnd(self, 1))

    def action_page_up(self) -> None:
        """A topic at a time: the first claim of the same author's cell in the previous topic."""
        self.post_message(self.PastEnd(self, -1, at_first=True))

    def mark(self, related: dict[str, tuple[RelatedClaim, ...]]) -> None:
        """Prefix each claim with how it links to the chosen claim, redrawing only the claims whose marks change."""
        marks = {claim.id: related[claim.id] for claim in self.claims if claim.id in related}
        for index, claim in enumerate(self.claims):
            if marks.get(claim.id, ()) != self.marks.get(claim.id, ()):
                self.replace_option_prompt_at_index(index, claim_prompt(claim, marks.get(claim.id, ())))
        self.marks = marks


class CompareGrid(ScrollableContainer):
    """The topics, one row of cells each; when it scrolls sideways, the authors' names above follow their columns
    and the topics' labels stay in view."""

    def watch_scroll_x(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_x(old_value, new_value)
        self.screen.query_one("#compare-head").scroll_to(x=new_value, animate=False, force=True, immediate=True)
        for label in self.query(".topic-label"):
            label.styles.offset = (round(new_value), 0)


class CompareScreen(Screen[None]):
    """Compare two to five authors topic by topic."""

    CSS_PATH = "compare.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("m", "matrix", "Agreement matrix"),
        Binding("left", "neighbour(-1)", "Author to the left", show=False, priority=True),  # not the grid's scroll
        Binding("right", "neighbour(1)", "Author to the right", show=False, priority=True),
        Binding("down,up", "noop", "Past a cell's end: the next or previous topic", show=False),
        Binding("pagedown,pageup", "noop", "The next or previous topic", show=False),
    ]

    app = getters.app(ArgmapApp)

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
        least_width = COLUMN_WIDTH * len(self.author_ids)
        with ScrollableContainer(id="compare-head", can_focus=False):
            with Horizontal(id="compare-names") as names:
                names.styles.min_width = least_width
                for author_id in self.author_ids:
                    name = document.index.author_name(author_id)
                    yield Static(author_badge(name, document.colors.get(author_id, "white")), classes="author-head")
        with CompareGrid(id="compare-grid"):
            with Vertical(id="compare-table") as table:
                table.styles.min_width = least_width
                for row, topic in enumerate(self.comparison.topics):
                    yield Static(Text(topic, style="bold"), classes="topic-label", id=f"topic-{row}")
                    with Horizontal(classes="topic-row"):
                        for author_id in self.author_ids:
                            cell = CompareCell(row, topic, author_id, self.comparison.cells[(topic, author_id)])
                            cell.styles.max_height = self._cell_height()
                            yield cell
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = "compare " + ", ".join(self.app.document.index.author_name(a) for a in self.author_ids)
        self.app.follow_versions(self, self.refresh_from_document)
        first = next((cell for cell in self.query(CompareCell) if cell.claims), None)
        if first is not None:
            first.focus(scroll_visible=False)
            first.highlighted = 0
            self._mark_related(first)  # now, for the first frame, not when the focus message comes

    def _cell_height(self) -> int:
        return min(CELL_HEIGHT, self.app.size.height // 2)

    def on_resize(self) -> None:
        for cell in self.query(CompareCell):
            cell.styles.max_height = self._cell_height()

    @on(OptionList.OptionHighlighted)
    def _claim_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if isinstance(event.option_list, CompareCell) and event.option_list.has_focus:
            self._mark_related(event.option_list)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, CompareCell):
            self._show_cell(event.widget)
            self._mark_related(event.widget)

    def _show_cell(self, cell: CompareCell) -> None:
        """Scroll the cell's topic to the top and its column into view now, not after the next frame, which would
        draw the grid twice."""
        grid = self.query_one(CompareGrid)
        column = cell.virtual_region  # within its row, which spans the grid's width
        x = min(max(grid.scroll_x, column.right - grid.scrollable_content_region.width), column.x)
        y = self.query_one(f"#topic-{cell.row}").virtual_region_with_margin.y
        grid.scroll_to(x=x, y=y, animate=False, immediate=True)

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
        status = Text(f"Linked to {counted(len(related), 'claim')} of the others:  ")
        in_order = sorted(counts.items(), key=lambda item: (not item[0][0], list(Relation).index(item[0][1])))
        for (outgoing, relation), count in in_order:
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
            self._show_cell(target)
            self.set_focus(target, scroll_visible=False)
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

    @on(CompareCell.PastEnd)
    def _next_row(self, event: CompareCell.PastEnd) -> None:
        """Move to the same author's cell in the next (or previous) topic that has claims, onto its first claim
        going down or `at_first`, else onto its last. One from a cell the cursor has already left (keys held down,
        faster than the moves) is dropped: taken from the new cell, it would skip a topic."""
        left = event.cell
        if left is not self.focused:
            return
        column = [cell for cell in self.query(CompareCell) if cell.author_id == left.author_id and cell.claims]
        position = column.index(left) + event.step if left in column else -1
        if 0 <= position < len(column):
            target = column[position]
            self._show_cell(target)
            self.set_focus(target, scroll_visible=False)
            target.highlighted = 0 if event.step > 0 or event.at_first else len(target.claims) - 1

    def action_matrix(self) -> None:
        self.app.action_matrix(self.author_ids)

    def action_noop(self) -> None:
        """Listed in the help only: the cells handle up and down themselves."""
