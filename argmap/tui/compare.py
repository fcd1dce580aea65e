"""Authors side by side: one column each, one row per topic; choosing a claim marks its links in the other columns.

Textual's cost is by the widget, and every cell is one: the screen opens with the rows the first frame shows, then
builds one more row after each frame (a row the cursor moves into at once). A row not yet built is as tall as it
will be, so nothing moves when it comes. After an edit only the cells whose claims changed are redrawn, in place:
the cursor and the scroll stay where the reader left them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual import events, getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, ScrollableContainer, Vertical
from textual.content import Content
from textual.css.styles import RulesMap
from textual.geometry import Region, Size
from textual.screen import Screen
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widget import AwaitMount, Widget
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from argmap.colors import RELATION_COLORS, RELATION_MARKS
from argmap.compare import Comparison, RelatedClaim, compare_authors, compare_by_side, related_claims
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
        self._drawn: tuple[int, Content] = (-1, Content())

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        if self._drawn[0] != width:
            lines = [line.rstrip() for line in self.body.divide(prompt_breaks(self.body.plain, width))]
            indents = [BULLET, *[" " * len(BULLET)] * (len(lines) - 1)]
            pairs = zip(indents, lines, strict=True)
            self._drawn = (width, Content("\n").join(Content.assemble(*pair) for pair in pairs))
        return self._drawn[1].render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return len(BULLET) + self.body.cell_length

    def get_minimal_width(self, rules: RulesMap) -> int:
        return len(BULLET) + self.body.get_minimal_width(rules)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return prompt_height(self.body.plain, width)


def prompt_breaks(text: str, width: int) -> tuple[int, ...]:
    """Where the lines of a prompt drawn `width` cells wide start in its text (the bullet's cells left out)."""
    return line_breaks(text, width - len(BULLET))


def prompt_height(text: str, width: int) -> int:
    """The lines a prompt of this text takes when drawn `width` cells wide."""
    return len(prompt_breaks(text, width)) + 1


@lru_cache(maxsize=1 << 15)
def line_breaks(text: str, width: int) -> tuple[int, ...]:
    """Where lines of at most `width` cells start: after spaces, after a hyphen inside a compound word, and inside
    a word only when it is wider than a line.

    Kept for the texts of the cells built and about to be: a row not yet built is measured with them, and its
    cells then find their lines already broken."""
    width = max(1, width)
    breaks: list[int] = []
    used = 0
    for start, size, word in _pieces(text):
        if not word or used + size <= width:  # a run of spaces, or a word that fits
            used += size
        elif size <= width:
            breaks.append(start)
            used = size
        else:  # wider than a line: cut it where the lines end
            for offset, character in enumerate(word, start):
                cells = cell_len(character)
                if used + cells > width and used:
                    breaks.append(offset)
                    used = 0
                used += cells
    return tuple(breaks)


@lru_cache(maxsize=1 << 14)
def _pieces(text: str) -> tuple[tuple[int, int, str], ...]:
    """Each run of spaces (its word empty) and each word piece of the text: where it starts, its cells, itself."""
    return tuple(
        (piece.start(), cell_len(piece.group()), "" if piece.group().isspace() else piece.group())
        for piece in _PIECES.finditer(text)
    )


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

    def __init__(
        self,
        row: int,
        topic: str,
        author_id: str,
        claims: tuple[Claim, ...],
        related: Mapping[str, tuple[RelatedClaim, ...]],
        past_end: Callable[[CompareCell, int, bool], None],
        **kwargs: Any,
    ) -> None:
        self.row = row
        """The number of the topic's row, given when the row was made; it stays when the topics reorder."""
        self.topic = topic
        self.author_id = author_id
        self.claims = claims[:CELL_LIMIT]
        self.hidden_count = max(0, len(claims) - CELL_LIMIT)
        self.marks: dict[str, tuple[RelatedClaim, ...]] = {
            claim.id: related[claim.id] for claim in self.claims if claim.id in related
        }
        self.measured_width = 0
        """The width Textual last measured the cell's height at: rows not yet built are measured at it."""
        self._past_end = past_end
        """What the screen does when the cursor goes on past the cell's end: (this cell, topics on, at the first
        claim); at once, within the key's own step, so that the next key finds the cursor where this one left it."""
        super().__init__(*self._claim_options(), **kwargs)

    def _claim_options(self) -> list[Option]:
        options = [Option(claim_prompt(claim, self.marks.get(claim.id, ())), id=claim.id) for claim in self.claims]
        if self.hidden_count:
            options.append(Option(Text(f"… {self.hidden_count} more", style="dim"), disabled=True))
        if not options:
            options.append(Option(Text("—", style="dim"), disabled=True))
        return options

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        self.measured_width = width
        return super().get_content_height(container, viewport, width)

    def height_for(self, claims: tuple[Claim, ...]) -> int:
        """The lines a cell of this column takes for `claims`, unmarked, at the width this one was measured at."""
        width = (self.measured_width - self.styles.scrollbar_size_vertical
                 - self.get_component_styles("option-list--option").padding.width)
        lines = sum(prompt_height(claim.text, width) for claim in claims[:CELL_LIMIT])
        return lines + (1 if len(claims) > CELL_LIMIT or not claims else 0)

    def show(self, claims: tuple[Claim, ...]) -> None:
        """Show these claims instead, redrawing only what changed: the cursor stays on its claim (or, when that one
        went, at its place), and the cell keeps its scroll."""
        shown, hidden = claims[:CELL_LIMIT], max(0, len(claims) - CELL_LIMIT)
        if shown == self.claims and hidden == self.hidden_count:
            return
        ids = [claim.id for claim in shown]
        if hidden == self.hidden_count and ids == [claim.id for claim in self.claims]:
            for index, (old, new) in enumerate(zip(self.claims, shown, strict=True)):
                if old != new:
                    self.replace_option_prompt_at_index(index, claim_prompt(new, self.marks.get(new.id, ())))
            self.claims = shown
            self.refresh(layout=True)  # a longer text may take another line
            return
        highlighted, scroll = self.highlighted, self.scroll_y
        chosen = self.claims[highlighted].id if highlighted is not None and highlighted < len(self.claims) else None
        self.claims, self.hidden_count = shown, hidden
        self.marks = {claim_id: marks for claim_id, marks in self.marks.items() if claim_id in ids}
        self.set_options(self._claim_options())
        self.scroll_y = scroll
        if highlighted is not None and self.claims:
            self.highlighted = ids.index(chosen) if chosen in ids else min(highlighted, len(self.claims) - 1)

    def on_blur(self) -> None:
        self.highlighted = None  # one cursor on the screen: the focused cell's

    def action_cursor_down(self) -> None:
        """Past the last claim, go on into the same author's cell in the next topic."""
        if self.highlighted is None or self.highlighted >= len(self.claims) - 1:
            self._past_end(self, 1, False)
        else:
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        """Before the first claim, go back into the same author's cell in the previous topic."""
        if not self.highlighted:
            self._past_end(self, -1, False)
        else:
            super().action_cursor_up()

    def action_page_down(self) -> None:
        """A topic at a time: the first claim of the same author's cell in the next topic."""
        self._past_end(self, 1, False)

    def action_page_up(self) -> None:
        """A topic at a time: the first claim of the same author's cell in the previous topic."""
        self._past_end(self, -1, True)

    def mark(self, related: Mapping[str, tuple[RelatedClaim, ...]]) -> None:
        """Prefix each claim with how it links to the chosen claim, redrawing only the claims whose marks change."""
        marks = {claim.id: related[claim.id] for claim in self.claims if claim.id in related}
        for index, claim in enumerate(self.claims):
            if marks.get(claim.id, ()) != self.marks.get(claim.id, ()):
                self.replace_option_prompt_at_index(index, claim_prompt(claim, marks.get(claim.id, ())))
        self.marks = marks


class TopicRow(Horizontal):
    """One topic's cells, one per author, under the topic's label.

    Until its cells are built it has none, and is as tall as they will be (`height` says, from the cells of each
    column already measured), so that the scroll bar and the rows below stay put when they come."""

    def __init__(self, number: int, topic: str, label: Static, height: Callable[[str], int],
                 cells: list[CompareCell] | None = None) -> None:
        super().__init__(*(cells or ()), classes="topic-row")
        self.number = number
        self.topic = topic
        self.label = label
        self._height = height
        self.built = bool(cells)

    def build(self, cells: list[CompareCell]) -> AwaitMount | None:
        """Mount the cells (once)."""
        if self.built:
            return None
        self.built = True
        return self.mount_all(cells)

    def cell(self, author_id: str) -> CompareCell | None:
        return next((cell for cell in self.query_children(CompareCell) if cell.author_id == author_id), None)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if self.built:
            return super().get_content_height(container, viewport, width)
        return self._height(self.topic)


class CompareGrid(ScrollableContainer):
    """The topics, one row of cells each; when it scrolls sideways, the authors' names above follow their columns
    and the topics' labels stay in view."""

    def watch_scroll_x(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_x(old_value, new_value)
        self.screen.query_one("#compare-head").scroll_to(x=new_value, animate=False, force=True, immediate=True)
        for label in self.query(".topic-label"):
            label.styles.offset = (round(new_value), 0)

    def shows(self, region: Region) -> bool:
        """Whether any of `region` (in the grid's content) is in view."""
        top, height = self.scroll_y, self.scrollable_content_region.height
        return region.y < top + height and region.bottom > top


class CompareScreen(Screen[None]):
    """Compare two to five authors topic by topic."""

    CSS_PATH = "compare.tcss"
    AUTO_FOCUS = ""
    """None: the first cell with claims takes the focus on mounting. Textual's default would first focus the grid,
    and each focus change of the grid restyles every cell (0.1-0.2 s at 10,000 claims)."""
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("m", "matrix", "Agreement matrix"),
        Binding("g", "group_by_side", "Rows by side / topic"),
        Binding("left", "neighbour(-1)", "Author to the left", show=False, priority=True),  # not the grid's scroll
        Binding("right", "neighbour(1)", "Author to the right", show=False, priority=True),
        Binding("down,up", "noop", "Past a cell's end: the next or previous topic", show=False),
        Binding("pagedown,pageup", "noop", "The next or previous topic", show=False),
    ]

    app = getters.app(ArgmapApp)

    def __init__(self, author_ids: list[str]) -> None:
        super().__init__()
        self.author_ids = author_ids
        self.by_side = False
        """Rows by side of each motion instead of by topic."""
        self.comparison = self._compare(author_ids)
        self._related: dict[str, tuple[RelatedClaim, ...]] = {}
        """The claims marked in the cells: those linked to the claim under the cursor."""
        self._rows_made = 0
        self._building = False
        self._first_frame_drawn = False

    @property
    def _marked(self) -> set[str]:
        return set(self._related)

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
                built = self._rows_in_first_frame()
                for position, topic in enumerate(self.comparison.topics):
                    yield from self._new_row(topic, build=position < built)
        yield KeyBar()

    def _new_row(self, topic: str, build: bool) -> tuple[Static, TopicRow]:
        """A topic's label and row, the row's cells built now or later."""
        number = self._rows_made
        self._rows_made += 1
        label = Static(Text(topic, style="bold"), classes="topic-label", id=f"topic-{number}")
        cells = self._cells(number, topic) if build else None
        return label, TopicRow(number, topic, label, self._unbuilt_height, cells)

    def _cells(self, number: int, topic: str) -> list[CompareCell]:
        cells = [
            CompareCell(number, topic, author_id, self.comparison.cells[(topic, author_id)], self._related,
                        past_end=self._next_topic)
            for author_id in self.author_ids
        ]
        for cell in cells:
            cell.styles.max_height = self._cell_height()
        return cells

    def _rows_in_first_frame(self) -> int:
        """How many rows the first frame may show, one more to be sure (rows are estimated no taller than they are)."""
        room = self.app.size.height - 5  # the header, legend, status line, names and key bar take at least five lines
        for count, topic in enumerate(self.comparison.topics, 1):
            room -= 3 + self._estimated_height(topic)
            if room <= 0:
                return count + 1
        return len(self.comparison.topics)

    def _estimated_height(self, topic: str) -> int:
        """A row's height from the terminal's width and the lengths of its claims, a line per text width each."""
        text_width = max(COLUMN_WIDTH, self.app.size.width // len(self.author_ids)) - 4  # bullet, scrollbar, gap
        return min(self._cell_height(), max(
            sum(1 + len(claim.text) // text_width for claim in self.comparison.cells[(topic, author_id)])
            for author_id in self.author_ids
        ))

    def _unbuilt_height(self, topic: str) -> int:
        """The height a row will have once built: its tallest cell, each measured like a built cell of its column.

        Estimated until the first frame is drawn: measuring every claim of the rows out of view took that frame
        50-100 ms longer at 10,000 claims."""
        if not self._first_frame_drawn:
            return self._estimated_height(topic)
        measured = {cell.author_id: cell for cell in self.query(CompareCell) if cell.measured_width}
        heights = []
        for author_id in self.author_ids:
            claims = self.comparison.cells[(topic, author_id)]
            reference = measured.get(author_id)
            lines = reference.height_for(claims) if reference is not None else max(1, len(claims))
            heights.append(min(self._cell_height(), lines))
        return max(heights, default=1)

    def on_mount(self) -> None:
        self.sub_title = "compare " + ", ".join(self.app.document.index.author_name(a) for a in self.author_ids)
        self.app.follow_versions(self, self.refresh_from_document)
        self._focus_first_claim()
        self._build_rows_later()

    def _focus_first_claim(self) -> None:
        first = next((cell for cell in self.query(CompareCell) if cell.claims), None)
        if first is not None:
            first.focus(scroll_visible=False)
            first.highlighted = 0
            self._mark_related(first)  # now, for the first frame, not when the focus message comes

    def _build_rows_later(self) -> None:
        """Build the rows not yet built, one after each frame, those in view first."""
        if not self._building:
            self._building = True
            self.call_after_refresh(self._build_next_row)

    def _build_next_row(self) -> None:
        unbuilt = [row for row in self.query(TopicRow) if not row.built]
        if not self._first_frame_drawn:
            self._first_frame_drawn = True
            for row in unbuilt:
                row.refresh(layout=True)  # measured now
        if not unbuilt or not self.is_attached:
            self._building = False
            return
        grid = self.query_one(CompareGrid)
        self._build(next((row for row in unbuilt if grid.shows(row.virtual_region)), unbuilt[0]))
        self.call_after_refresh(self._build_next_row)

    def _build(self, row: TopicRow) -> AwaitMount | None:
        return row.build(self._cells(row.number, row.topic))

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
        column = self._column_region(cell)
        x = min(max(grid.scroll_x, column.right - grid.scrollable_content_region.width), column.x)
        y = self.query_one(f"#topic-{cell.row}").virtual_region_with_margin.y
        grid.scroll_to(x=x, y=y, animate=False, immediate=True)

    def _column_region(self, cell: CompareCell) -> Region:
        """Where the cell's column is within its row: the cell's own region, or, while a cell just built is not yet
        laid out, the region of its author's cell in another row (every row has the same columns)."""
        if cell.virtual_region.width:
            return cell.virtual_region
        same_column = (other.virtual_region for other in self.query(CompareCell) if other.author_id == cell.author_id)
        return next((region for region in same_column if region.width), Region())

    def _mark_related(self, chosen_cell: CompareCell) -> None:
        """Mark, in the other cells, the claims linked to the claim under the cursor in `chosen_cell`."""
        option = chosen_cell.highlighted_option
        claim_id = option.id if option is not None else None
        related = related_claims(self.app.document.index, claim_id, self.author_ids) if claim_id else {}
        self.query_one("#compare-status", Static).update(self._status(related))
        if not related and not self._related:
            return
        for cell in self.query(CompareCell):
            if cell is not chosen_cell and any(c.id in related or c.id in self._related for c in cell.claims):
                cell.mark(related)
        self._related = related

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

    def _next_topic(self, cell: CompareCell, step: int, at_first: bool) -> None:
        """Move to the same author's cell in the next (or previous) topic that has claims, onto its first claim going
        down or `at_first`, else onto its last."""
        rows = list(self.query(TopicRow))
        if not isinstance(cell.parent, TopicRow) or cell.parent not in rows:
            return
        here = rows.index(cell.parent)
        ahead = rows[here + 1:] if step > 0 else rows[:here][::-1]
        row = next((row for row in ahead if self.comparison.cells.get((row.topic, cell.author_id))), None)
        if row is not None:
            self._go_to(row, cell.author_id, first=step > 0 or at_first)

    def _go_to(self, row: TopicRow, author_id: str, first: bool) -> None:
        """Move the cursor into the author's cell in `row`, onto its first claim or its last; a row not yet built is
        built first, and the cursor moves once its cells are mounted."""
        mounting = self._build(row)
        if mounting is None:
            self._move_into(row, author_id, first)
        else:
            self.call_later(self._move_when_built, mounting, row, author_id, first)

    async def _move_when_built(self, mounting: AwaitMount, row: TopicRow, author_id: str, first: bool) -> None:
        await mounting
        self._move_into(row, author_id, first)

    def _move_into(self, row: TopicRow, author_id: str, first: bool) -> None:
        target = row.cell(author_id)
        if target is not None:
            self._show_cell(target)
            self.set_focus(target, scroll_visible=False)
            target.highlighted = 0 if first else len(target.claims) - 1

    def refresh_from_document(self) -> None:
        """Bring the comparison up to date after an edit: the rows come, go and reorder with their topics, and only the
        cells whose claims changed are redrawn, in place (an author since deleted loses their column)."""
        index = self.app.document.index
        author_ids = [author_id for author_id in self.author_ids if author_id in index.authors]
        if len(author_ids) < 2:
            self.app.call_later(self.dismiss)
            return
        self.comparison = self._compare(author_ids)
        if author_ids != self.author_ids:
            self.author_ids = author_ids
            self._related = {}
            self.call_later(self._rebuild)
            return
        self._show_names()
        self._place_rows()
        for row in self.query(TopicRow):
            if not row.built:
                row.refresh(layout=True)
                continue
            for cell in row.query_children(CompareCell):
                cell.show(self.comparison.cells[(row.topic, cell.author_id)])
        focused = self.focused
        if isinstance(focused, CompareCell):
            self._mark_related(focused)

    def _compare(self, author_ids: list[str]) -> Comparison:
        index = self.app.document.index
        by_side = self.by_side and bool(index.map.motions)
        return compare_by_side(index, author_ids) if by_side else compare_authors(index, author_ids)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Rows by side only on a map that holds a motion."""
        return bool(self.app.document.argument_map.motions) if action == "group_by_side" else True

    def action_group_by_side(self) -> None:
        """Rows by side of each motion, or by topic again."""
        self.by_side = not self.by_side
        self.comparison = self._compare(self.author_ids)
        self._related = {}
        self.notify("Rows by side" if self.by_side else "Rows by topic", timeout=2)
        self.call_later(self._rebuild)

    async def _rebuild(self) -> None:
        """Every row again, for other columns."""
        await self.recompose()
        self._show_names()
        self._focus_first_claim()
        self._build_rows_later()

    def _show_names(self) -> None:
        """The authors' names above their columns, and in the sub-title, as the map now has them."""
        document = self.app.document
        for head, author_id in zip(self.query(".author-head").results(Static), self.author_ids, strict=True):
            badge = author_badge(document.index.author_name(author_id), document.colors.get(author_id, "white"))
            if head.content != badge:
                head.update(badge)
        self.sub_title = "compare " + ", ".join(document.index.author_name(a) for a in self.author_ids)

    def _place_rows(self) -> None:
        """One row per topic of the comparison, in its order: rows of topics gone are removed, new topics get a row
        (built later), and rows move when the topics reorder."""
        table = self.query_one("#compare-table", Vertical)
        rows = {row.topic: row for row in self.query(TopicRow)}
        wanted = self.comparison.topics
        gone = [row for topic, row in rows.items() if topic not in wanted]
        focused = self.focused
        lost = isinstance(focused, CompareCell) and focused.parent in gone
        for going in gone:
            going.label.remove()
            going.remove()
        kept = [topic for topic in rows if topic in wanted]
        in_order = kept == [topic for topic in wanted if topic in rows]
        previous: Widget | None = None
        for topic in wanted:
            row = rows.get(topic)
            if row is None:
                label, row = self._new_row(topic, build=False)
                if previous is None:
                    table.mount(label, row, before=0)
                else:
                    table.mount(label, row, after=previous)
                self._build_rows_later()
            elif not in_order:
                if previous is None:
                    table.move_child(row.label, before=0)
                else:
                    table.move_child(row.label, after=previous)
                table.move_child(row, after=row.label)
            previous = row
        if lost and isinstance(focused, CompareCell):
            self.call_later(self._focus_near, list(rows).index(focused.topic), focused.author_id)

    def _focus_near(self, position: int, author_id: str) -> None:
        """After the focused cell's topic went: the same author's cell in the row now at its place, or the nearest
        row below (else above) where the author has claims."""
        rows = list(self.query(TopicRow))
        position = min(position, len(rows))
        nearest = rows[position:] + rows[:position][::-1]
        row = next((row for row in nearest if self.comparison.cells.get((row.topic, author_id))), None)
        if row is None:
            self._focus_first_claim()
        else:
            self._go_to(row, author_id, first=True)

    def action_matrix(self) -> None:
        self.app.action_matrix(self.author_ids)

    def action_noop(self) -> None:
        """Listed in the help only: the cells handle up and down themselves."""
