"""The source reader: a source's whole text, every claim's quote marked in its author's colour, a cursor that moves
by sentence and paragraph, a claim made from a selection, and the argument paragraphs no claim quotes yet marked.

The text is wrapped once per width into line spans (`reader_text.wrap`) and only the lines in view are drawn
(Textual's line API): a 50,000-character paper opens and steps about as fast as a short text.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import cached_property
from itertools import pairwise

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events, getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.color import Color
from textual.geometry import Region, Size
from textual.message import Message
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from argmap.coverage import TextCoverage, coverage_of
from argmap.formats.coverage_text import percent
from argmap.model import Quote
from argmap.passages import sentences_of
from argmap.tui.app import ArgmapApp
from argmap.tui.keybar import KeyBar
from argmap.tui.labels import author_badge
from argmap.tui.reader_text import WORD, Mark, Runs, Span, marks_of, odd_widths, shown_text, wrap
from argmap.words import counted

MARGIN = 3
"""Cells left of the text: the glyph of a paragraph not mapped yet, the count of overlapping quotes, a space."""
UNMAPPED_FIRST, UNMAPPED_REST = "○", "┊"
READER_MARGIN = (
    "In the reader's margin, ○ (then ┊ down the paragraph) marks an argument paragraph no claim quotes yet (headings, "
    "bylines, notes, references and captions never count); a digit, how many quotes overlap on the line, where the "
    "text is also underlined."
)
MAX_LINE = 100
"""The longest line of text, in cells, however wide the terminal: longer lines are hard to read."""
CONTEXT_LINES = 2
"""Lines kept in view above and below the cursor as it moves."""
QUOTING_LINES = 2
UNQUOTED = "No claim quotes this. v selects it (↑↓ grow it), n makes a claim of it."
SELECTION_KEYS = "↑↓ by sentence · shift+←→ or < > its end by a word · ctrl+←→ or , . its start"
TINTS = (0.3, 0.4, 0.55)
"""How much of the author's colour a quote's background takes: two alternating strengths, and where quotes overlap."""
SELECTION_TINT = 0.6


class Sentences:
    """A text's sentences, where each starts and ends: cut when first needed (a few milliseconds on a long text,
    spent after the reader's first frame), and kept across versions of the map, since the text stays."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def _spans(self) -> tuple[list[int], list[int]]:
        sentences = sentences_of(self.text)
        return [s.start for s in sentences], [s.end for s in sentences]

    @property
    def starts(self) -> list[int]:
        return self._spans[0]

    @property
    def ends(self) -> list[int]:
        return self._spans[1]

    def at(self, position: int) -> Span:
        return self.starts[position], self.ends[position]


class Passages:
    """Where the cursor can go in a text: its sentences and paragraphs, and which paragraphs no quote touches."""

    def __init__(self, text: str, coverage: TextCoverage, sentences: Sentences | None = None) -> None:
        self.text = text
        self.sentences = sentences or Sentences(text)
        paragraphs = coverage.paragraphs
        self.paragraph_starts = [p.start for p in paragraphs]
        self.paragraph_ends = [p.end for p in paragraphs]
        untouched = {(p.start, p.end) for p in coverage.untouched}
        self.unmapped = [n for n, p in enumerate(paragraphs) if (p.start, p.end) in untouched]
        """The paragraphs (by position) that are argument and that no quote touches, in order."""

    def with_coverage(self, coverage: TextCoverage) -> Passages:
        """The same text's passages under another version's quotes."""
        return Passages(self.text, coverage, self.sentences)

    def paragraph_at(self, offset: int) -> int:
        """The paragraph the offset is in or after (-1 before the first)."""
        return bisect_right(self.paragraph_starts, offset) - 1

    def first_sentence_in(self, paragraph: int) -> Span:
        position = bisect_left(self.sentences.starts, self.paragraph_starts[paragraph])
        return self.sentences.at(position)

    def opening(self) -> Span:
        """The text's first sentence, found without cutting the whole text."""
        for start, end in zip(self.paragraph_starts, self.paragraph_ends, strict=True):
            first = next(iter(sentences_of(self.text, start, end)), None)
            if first is not None:
                return first.start, first.end
        return 0, 0


class ReaderView(ScrollView, can_focus=False):
    """The text, wrapped, with the quotes marked, the cursor and the selection; paragraphs not mapped yet in the
    margin. It holds the reader's place; the screen's keys move it (the view itself takes no focus, so the screen's
    arrow keys are not a scroll container's)."""

    COMPONENT_CLASSES = {"reader--cursor", "reader--selection", "reader--unmapped", "reader--overlap"}

    class Moved(Message):
        """The cursor or the selection changed: the claims shown below follow."""

    def __init__(self, text: str, runs: Runs, passages: Passages, colors: dict[str, str], cursor: Span,
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = text
        self.shown = shown_text(text)
        self.odd = odd_widths(self.shown)
        self.runs = runs
        self.passages = passages
        self.author_colors = colors
        self.cursor = cursor
        self.origin: Span | None = None
        """Where the selection started, while there is one."""
        self.selection: Span | None = None
        self.line_starts: list[int] = []
        self.line_ends: list[int] = []
        self._wrapped_at = -1
        self._styles: dict[tuple[str, int], Style] = {}
        self._background: Color | None = None
        self._centre_cursor = True
        self._highlighted = cursor
        """The cursor or selection as last drawn: its lines are redrawn when it moves."""
        self._cursor_style = self._selection_style = self._unmapped_style = self._overlap_style = Style()
        self._base = Style()
        self._width = 0

    # What is shown --------------------------------------------------------------------------------------------

    def rebind(self, runs: Runs, passages: Passages, colors: dict[str, str]) -> None:
        """Show another version's quotes (after an edit) over the same text."""
        self.runs, self.passages, self.author_colors = runs, passages, colors
        self._styles.clear()
        self.refresh()
        self.post_message(self.Moved())

    def _wrap_to(self, width: int) -> None:
        """Wrap the text to the view's width, when it changed (at the first frame, after a resize), keeping the
        cursor in view. Done as the view is drawn, so that its first frame already shows the text."""
        text_width = min(max(width - MARGIN, 10), MAX_LINE)
        if text_width == self._wrapped_at:
            return
        self._wrapped_at = text_width
        self.line_starts, self.line_ends = wrap(self.shown, text_width, self.odd)
        self.virtual_size = Size(width, len(self.line_starts))
        self.reveal_cursor(centre=self._centre_cursor)
        self._centre_cursor = False

    def line_of(self, offset: int) -> int:
        return max(bisect_right(self.line_starts, offset) - 1, 0)

    def reveal_cursor(self, centre: bool = False) -> None:
        """Scroll so the cursor (or the selection's end) is in view with a little context; `centre` puts it a
        third of the way down, as when the reader opens on a quote."""
        height = self.scrollable_content_region.height
        if not self.line_starts or height <= 0:
            self._centre_cursor = self._centre_cursor or centre
            return
        start, end = self.selection or self.cursor
        top, bottom = self.line_of(start), self.line_of(max(end - 1, start))
        scroll = round(self.scroll_y)
        if centre:
            scroll = top - height // 3
        elif top < scroll + CONTEXT_LINES:
            scroll = top - CONTEXT_LINES
        elif bottom >= scroll + height - CONTEXT_LINES:
            scroll = min(bottom - height + 1 + CONTEXT_LINES, top - CONTEXT_LINES)
        self.scroll_to(y=max(scroll, 0), animate=False, immediate=True)

    def render_lines(self, crop: Region) -> list[Strip]:
        """Look up what every line needs once (the width, the styles), then draw the lines in view."""
        self._width = self.scrollable_content_region.width
        self._wrap_to(self._width)
        self._base = self.rich_style
        background = self.background_colors[1]
        if background != self._background:
            self._background = background
            self._styles.clear()
        self._cursor_style = self.get_component_rich_style("reader--cursor", partial=True)
        selection = self.get_component_rich_style("reader--selection", partial=True)
        if selection.bgcolor is not None:  # the theme's colour, blended as the quotes' tints are
            tint = background.blend(Color.from_rich_color(selection.bgcolor), SELECTION_TINT)
            selection += Style(bgcolor=tint.rich_color)
        self._selection_style = selection
        self._unmapped_style = self.get_component_rich_style("reader--unmapped", partial=True)
        self._overlap_style = self.get_component_rich_style("reader--overlap", partial=True)
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        number = y + round(self.scroll_y)
        width, base = self._width, self._base
        if number >= len(self.line_starts):
            return Strip.blank(width, base)
        start, end = self.line_starts[number], self.line_ends[number]
        segments = [*self._margin(start, end, base)]
        highlight, highlight_style = (
            (self.selection, self._selection_style) if self.selection else (self.cursor, self._cursor_style))
        cuts = {start, end, *self.runs.bounds_within(start, end)}
        cuts.update(bound for bound in highlight if start < bound < end)
        for piece_start, piece_end in pairwise(sorted(cuts)):
            style = base + self._mark_style(self.runs.at(piece_start))
            if highlight[0] <= piece_start and piece_end <= highlight[1]:
                style += highlight_style
            segments.append(Segment(self.shown[piece_start:piece_end], style))
        return Strip(segments).adjust_cell_length(width, base)

    def _margin(self, start: int, end: int, base: Style) -> list[Segment]:
        """A paragraph not mapped yet: ○ on its first line, ┊ on the others. Overlapping quotes: how many."""
        glyph = " "
        passages = self.passages
        paragraph = passages.paragraph_at(start)
        if paragraph >= 0 and start < passages.paragraph_ends[paragraph]:
            unmapped = bisect_left(passages.unmapped, paragraph)
            if unmapped < len(passages.unmapped) and passages.unmapped[unmapped] == paragraph:
                glyph = UNMAPPED_FIRST if passages.paragraph_starts[paragraph] >= start else UNMAPPED_REST
        depth = self.runs.deepest(start, end)
        count = " " if depth < 2 else str(depth) if depth < 10 else "+"
        return [Segment(glyph, base + self._unmapped_style), Segment(count, base + self._overlap_style),
                Segment(" ", base)]

    def _mark_style(self, covering: tuple[int, ...]) -> Style:
        """A quote's run: a tint of its author's colour, alternating in strength from one quote to the next so that
        adjacent quotes stay apart; where quotes overlap, a stronger tint, underlined."""
        if not covering:
            return Style()
        mark = self.runs.marks[covering[0]]
        strength = 2 if len(covering) > 1 else covering[0] % 2
        key = (mark.author, strength)
        style = self._styles.get(key)
        if style is None:
            background = self._background or Color(0, 0, 0)
            color = Color.parse(self.author_colors.get(mark.author, "#888888"))
            tint = background.blend(color, TINTS[strength])
            style = self._styles[key] = Style(bgcolor=tint.rich_color, underline=strength == 2)
        return style

    # Moving -----------------------------------------------------------------------------------------------------

    def put_cursor(self, span: Span, centre: bool = False) -> None:
        """Move the cursor to `span`, dropping any selection."""
        self.cursor, self.origin, self.selection = span, None, None
        self._moved(centre)

    def _moved(self, centre: bool = False) -> None:
        """Redraw the lines the highlight left and the lines it is on now (all of them when the view scrolls)."""
        before, self._highlighted = self._highlighted, self.selection or self.cursor
        if self.line_starts:
            for start, end in (before, self._highlighted):
                first = self.line_of(start)
                self.refresh_lines(first, self.line_of(max(end - 1, start)) - first + 1)
        self.reveal_cursor(centre)
        self.post_message(self.Moved())

    def step_sentence(self, step: int) -> str | None:
        """To the next (1) or previous (-1) sentence; while selecting, the selection grows or shrinks with it. Says
        why when it cannot move."""
        sentences = self.passages.sentences
        if step > 0:
            position = bisect_left(sentences.starts, self.cursor[1])
        else:
            position = bisect_left(sentences.starts, self.cursor[0]) - 1
        if not 0 <= position < len(sentences.starts):
            return None
        return self._go(sentences.at(position))

    def step_paragraph(self, step: int) -> str | None:
        """To the first sentence of the next paragraph, or of this one (then of the one before) going back."""
        passages = self.passages
        paragraph = passages.paragraph_at(self.cursor[0])
        if step < 0 and paragraph >= 0 and self.cursor[0] > passages.first_sentence_in(paragraph)[0]:
            target = paragraph
        else:
            target = paragraph + (1 if step > 0 else -1)
        if not 0 <= target < len(passages.paragraph_starts):
            return None
        return self._go(passages.first_sentence_in(target))

    def _go(self, span: Span) -> str | None:
        if self.origin is None:
            self.put_cursor(span)
            return None
        selection = (min(self.origin[0], span[0]), max(self.origin[1], span[1]))
        if "\n" in self.shown[selection[0] : selection[1]]:
            return "A quote stays on one line of the text: the selection cannot cross a line break."
        self.cursor, self.selection = span, selection
        self._moved()
        return None

    def next_unmapped(self, step: int) -> str | None:
        """To the next (or previous) argument paragraph no quote touches, round past the end; None when there is
        one, else a sentence saying there is none."""
        unmapped = self.passages.unmapped
        if not unmapped:
            return "Every argument paragraph has a claim quoting it."
        paragraph = self.passages.paragraph_at(self.cursor[0])
        position = bisect_right(unmapped, paragraph) if step > 0 else bisect_left(unmapped, paragraph) - 1
        wrapped = not 0 <= position < len(unmapped)
        self.put_cursor(self.passages.first_sentence_in(unmapped[position % len(unmapped)]), centre=True)
        if not wrapped:
            return None
        return "Round to the first paragraph not mapped yet." if step > 0 else "Round to the last one not mapped yet."

    def toggle_selection(self) -> None:
        """Start a selection at the cursor's sentence, or drop the one there is."""
        if self.selection is None:
            self.origin, self.selection = self.cursor, self.cursor
        else:
            self.origin, self.selection = None, None
        self._moved()

    def move_selection_edge(self, edge: int, step: int) -> None:
        """Move the selection's start (`edge` 0) or end (1) a word back (-1) or on (1), within its line; a
        selection starts at the cursor when there is none."""
        if self.selection is None:
            self.origin, self.selection = self.cursor, self.cursor
        start, end = self.selection
        if edge == 1:
            end = self._word_end_after(end) if step > 0 else self._word_end_before(start, end)
        else:
            start = self._word_start_before(start) if step < 0 else self._word_start_after(start, end)
        if start < end:
            self.origin = self.selection = (start, end)
            self.cursor = (start, end)
        self._moved()

    def _word_end_after(self, end: int) -> int:
        word = WORD.search(self.shown, end)
        if word is None or "\n" in self.shown[end : word.start()]:
            return end
        return word.end()

    def _word_end_before(self, start: int, end: int) -> int:
        ends = [word.end() for word in WORD.finditer(self.shown, start, end) if word.end() < end]
        return ends[-1] if ends else end

    def _word_start_after(self, start: int, end: int) -> int:
        starts = [word.start() for word in WORD.finditer(self.shown, start, end) if word.start() > start]
        return starts[0] if starts else start

    def _word_start_before(self, start: int) -> int:
        position = start
        while position > 0 and self.shown[position - 1] == " ":
            position -= 1
        while position > 0 and not self.shown[position - 1].isspace():
            position -= 1
        return position if "\n" not in self.shown[position:start] else start

    def page(self, step: int) -> None:
        """Scroll a screen down or up and put the cursor on the first sentence that starts in view."""
        height = self.scrollable_content_region.height
        top = min(max(round(self.scroll_y) + step * (height - CONTEXT_LINES), 0), int(self.max_scroll_y))
        self.scroll_to(y=top, animate=False, immediate=True)
        if not self.line_starts:
            return
        offset = self.line_starts[min(top, len(self.line_starts) - 1)]
        sentences = self.passages.sentences
        position = min(bisect_left(sentences.starts, offset), len(sentences.starts) - 1)
        if position >= 0:
            self.put_cursor(sentences.at(position))

    @property
    def quoted_here(self) -> list[Mark]:
        """The quotes that cover any of the cursor's (or the selection's) text."""
        start, end = self.selection or self.cursor
        return list(self.runs.touching(start, end))

    def on_click(self, event: events.Click) -> None:
        """A click puts the cursor on the sentence under the pointer."""
        offset = event.get_content_offset(self)
        sentences = self.passages.sentences
        if offset is None or not sentences.starts:
            return
        number = offset.y + round(self.scroll_y)
        if not 0 <= number < len(self.line_starts):
            return
        start, end = self.line_starts[number], self.line_ends[number]
        position = min(start + max(offset.x - MARGIN, 0), end)
        self.put_cursor(sentences.at(max(bisect_right(sentences.starts, position) - 1, 0)))


class QuotingClaims(Widget):
    """Below the text: the claims whose quotes the cursor is on (the chosen one for `enter`), or what the keys do.
    Repainted, never laid out again, as the cursor moves."""

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.shown = Text()

    def show(self, shown: Text) -> None:
        if shown != self.shown:
            self.shown = shown
            self.refresh()

    def render(self) -> Text:
        return self.shown


class ReaderScreen(Screen[None]):
    """Read a source with its claims' quotes marked; make claims from it; find what is not mapped yet."""

    CSS_PATH = "reader.tcss"
    BINDINGS = [  # in the order the key bar keeps them when the terminal is narrow
        Binding("escape", "back", "Back", key_display="esc"),
        Binding("u", "unmapped(1)", "Next ○ (no claim yet)"),
        Binding("U", "unmapped(-1)", "Previous paragraph with no claim yet (○)", show=False),
        Binding("v", "select", "Select"),
        Binding("n", "new_claim", "New claim from it"),
        Binding("down", "sentence(1)", "Next sentence", show=False),
        Binding("up", "sentence(-1)", "Previous sentence", show=False),
        Binding("right", "paragraph(1)", "Next paragraph", show=False),
        Binding("left", "paragraph(-1)", "Previous paragraph", show=False),
        Binding("pagedown", "page(1)", "A screen down", show=False),
        Binding("pageup", "page(-1)", "A screen up", show=False),
        Binding("shift+right,greater_than_sign", "edge(1, 1)", "The selection's end a word on", show=False),
        Binding("shift+left,less_than_sign", "edge(1, -1)", "The selection's end a word back", show=False),
        Binding("ctrl+right,full_stop", "edge(0, 1)", "The selection's start a word on", show=False),
        Binding("ctrl+left,comma", "edge(0, -1)", "The selection's start a word back", show=False),
        Binding("enter", "open_claim", "Open claim"),
        Binding("tab", "next_claim", "The next claim quoting the cursor's text (1/3 below)", show=False),
    ]

    app = getters.app(ArgmapApp)

    def __init__(self, source_id: str, text: str, span: Span | None = None) -> None:
        super().__init__()
        self.source_id = source_id
        self.chosen = 0
        """Which of the claims quoting the cursor's text `enter` opens."""
        document = self.app.document
        source = document.index.sources[source_id]
        marks = marks_of(document.index, source, text)
        self.coverage = coverage_of(text, [(mark.start, mark.end) for mark in marks])
        passages = Passages(text, self.coverage)
        if span is None:
            span = passages.opening()
        self.view = ReaderView(text, Runs(marks), passages, document.colors, span, id="reader-text")

    def compose(self) -> ComposeResult:
        yield Static(id="reader-title")  # no Header: its widgets cost a fifth of the screen's opening, for one line
        yield self.view
        yield QuotingClaims(id="reader-quoting")
        yield KeyBar()

    def on_mount(self) -> None:
        self.app.follow_versions(self, self._redraw)
        self.watch(self.app, "sub_title", lambda: self._show_title(), init=False)  # saved, or unsaved changes
        self.call_after_refresh(lambda: self.view.passages.sentences.starts)  # after the first frame, not in it
        self._show_title()
        self._show_quoting()

    def _redraw(self) -> None:
        """A new version of the map: mark its quotes (a claim just made shows at once) over the same text."""
        document = self.app.document
        source = document.index.sources.get(self.source_id)
        if source is None:
            self.view.rebind(Runs([]), self.view.passages, document.colors)
            self.query_one("#reader-title", Static).update(
                Text("This source is no longer on the map (ctrl+z brings it back).", style="bold yellow"))
            return
        marks = marks_of(document.index, source, self.view.text)
        self.coverage = coverage_of(self.view.text, [(mark.start, mark.end) for mark in marks])
        self.view.rebind(Runs(marks), self.view.passages.with_coverage(self.coverage), document.colors)
        self._show_title()

    def _show_title(self) -> None:
        """The author and title (marked when the map has unsaved changes), how much of the text is mapped, and what
        the margin's marks mean."""
        document = self.app.document
        source = document.index.sources.get(self.source_id)
        if source is None:
            return
        title = Text("● unsaved  ", style="bold yellow") if document.dirty else Text()
        title += author_badge(document.index.author_name(source.author), document.colors.get(source.author, "white"))
        title.append("  ")
        title.append(source.title, style="bold")
        coverage = self.coverage
        arguments = len(coverage.arguments)
        mapped = arguments - len(coverage.untouched)
        legend = Text(f"{percent(coverage.argument_share)} quoted · {mapped} of "
                      f"{counted(arguments, 'argument paragraph')} {'carries' if mapped == 1 else 'carry'} a claim · ",
                      style="dim")
        legend.append(UNMAPPED_FIRST, style="bold yellow")
        legend.append(" none yet: u · 2 two quotes overlap · ↑↓ sentence · ←→ paragraph", style="dim")
        shown = Text("\n").join([title, legend])
        shown.no_wrap, shown.overflow = True, "ellipsis"
        self.query_one("#reader-title", Static).update(shown)

    @on(ReaderView.Moved)
    def _show_quoting(self) -> None:
        self.chosen = 0
        self._show_claims()

    def _show_claims(self) -> None:
        """The claims quoting the cursor's text, the chosen one pointed at; or, with none, what the keys do."""
        view = self.view
        shown = Text(no_wrap=True, overflow="ellipsis")
        if view.selection is not None:
            start, end = view.selection
            shown.append(f"Selected {counted(end - start, 'character')}: ", style="bold")
            shown.append("n makes a claim of it · v or escape drops it\n", style="dim")
        marks = view.quoted_here
        if not marks:
            shown.append(SELECTION_KEYS if view.selection else UNQUOTED, style="dim")
        room = QUOTING_LINES - (1 if view.selection else 0)
        first = min(max(self.chosen - room + 1, 0), max(len(marks) - room, 0))
        for number, mark in enumerate(marks[first : first + room], start=first):
            shown.append_text(self._claim_line(mark, number, len(marks)))
            shown.append("\n")
        shown.rstrip()
        self.query_one(QuotingClaims).show(shown)

    def _claim_line(self, mark: Mark, number: int, count: int) -> Text:
        document = self.app.document
        claim = document.index.claims[mark.claim_id]
        chosen = number == self.chosen
        line = Text("▸ " if chosen else "  ", style="bold")
        if count > 1:
            line.append(f"{number + 1}/{count} ", style="dim")
        line.append("● ", style=document.colors.get(claim.author, "white"))
        line.append(claim.text, style="bold" if chosen else "")
        return line

    # Actions --------------------------------------------------------------------------------------------------

    def _say(self, message: str | None) -> None:
        if message:
            self.notify(message, timeout=3)

    def action_back(self) -> None:
        if self.view.selection is not None:
            self.view.toggle_selection()
        else:
            self.app.pop_screen()

    def action_sentence(self, step: int) -> None:
        self._say(self.view.step_sentence(step))

    def action_paragraph(self, step: int) -> None:
        self._say(self.view.step_paragraph(step))

    def action_page(self, step: int) -> None:
        self.view.page(step)

    def action_select(self) -> None:
        self.view.toggle_selection()

    def action_edge(self, edge: int, step: int) -> None:
        self.view.move_selection_edge(edge, step)

    def action_unmapped(self, step: int) -> None:
        self._say(self.view.next_unmapped(step))

    def action_next_claim(self) -> None:
        marks = self.view.quoted_here
        if len(marks) > 1:
            self.chosen = (self.chosen + 1) % len(marks)
            self._show_claims()

    def action_open_claim(self) -> None:
        marks = self.view.quoted_here
        if not marks:
            self.notify("No claim quotes this yet: n makes one.", timeout=3)
            return
        self.app.open_claim(marks[min(self.chosen, len(marks) - 1)].claim_id)

    def action_new_claim(self) -> None:
        """The claim form, its quote the selection (or the cursor's sentence) and its author the source's."""
        from argmap.tui.forms import ClaimForm

        document = self.app.document
        source = document.index.sources.get(self.source_id)
        start, end = self.view.selection or self.view.cursor
        if source is None or end <= start:
            return
        quote = Quote(source=source.id, text=self.view.text[start:end], start=start, end=end)
        self.app.push_screen(ClaimForm(author_id=source.author, quote=quote), self._claim_made)

    def _claim_made(self, saved: bool | None) -> None:
        """The new claim's quote becomes the cursor, marked (the version it made is already drawn)."""
        if not saved:
            return
        claim = self.app.document.argument_map.claims[-1]
        if claim.quote is not None and claim.quote.start is not None and claim.quote.end is not None:
            self.view.put_cursor((claim.quote.start, claim.quote.end))


def open_reader(app: ArgmapApp, source_id: str, span: Span | None = None) -> None:
    """Open the reader on a source (at `span` when given); a text that cannot be read is one sentence instead."""
    document = app.document
    source = document.index.sources.get(source_id)
    if source is None:
        return
    text = document.texts.text_of(source_id)
    if not text:
        problem = document.texts.error_of(source_id)
        reason = (problem[:1].upper() + problem[1:] + "." if problem
                  else "It names no text file." if text is None else "Its text file is empty.")
        app.notify(f"“{source.title}” cannot be read here. {reason}", severity="warning", timeout=8)
        return
    app.push_screen(ReaderScreen(source_id, text, span))


def open_reader_at_quote(app: ArgmapApp, claim_id: str) -> None:
    """Open the reader on the source a claim quotes, its quote under the cursor."""
    from argmap.sources import locate_quote

    document = app.document
    claim = document.index.claims.get(claim_id)
    if claim is None:
        return
    quote = claim.quote
    if quote is None:
        app.notify("This claim quotes no source; p lists the sources to read.", timeout=4)
        return
    text = document.texts.text_of(quote.source)
    span: Span | None = None
    if text:
        recorded = (quote.start, quote.end)
        if recorded[0] is not None and recorded[1] is not None and text[recorded[0] : recorded[1]] == quote.text:
            span = (recorded[0], recorded[1])
        else:
            span = locate_quote(text, quote.text, near=quote.start)
            if span is None:
                app.notify("The quote is not found in its source's text: the reader opens at its start.", timeout=5)
    open_reader(app, quote.source, span)
