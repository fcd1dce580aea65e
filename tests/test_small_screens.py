"""The app at 80x24, as a reader on a small terminal sees it: whole words, every column, the main keys, and no
frame drawn clipped and corrected later."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import DataTable, Label, OptionList

from argmap.compare import links_between
from argmap.document import Document
from argmap.tui.analysis import AnalysisScreen
from argmap.tui.app import ArgmapApp
from argmap.tui.claim_view import ClaimView
from argmap.tui.compare import CompareCell, CompareScreen
from argmap.tui.keybar import KeyBar
from argmap.tui.matrix import LinksScreen, MatrixScreen
from tests.conftest import BUNDLED_MAP, derived_ready

SMALL = (80, 24)
SCROLLBAR_GLYPHS = "▁▂▃▄▅▆▇█▔▏▕▎▍▌▋▊▉"
MARKS = {"•", "→+", "→×", "→~", "←+", "←×", "←~", "…", "—", "more"}
"""What a cell shows besides claim words: its bullet, the link marks, and "… N more"."""


def bundled_app() -> ArgmapApp:
    return ArgmapApp(Document.open(BUNDLED_MAP))


def shown_lines(widget: Widget) -> list[str]:
    """The lines a widget draws (with its border, without its scrollbars), as plain text."""
    width, height = widget.size
    return [strip.text.rstrip() for strip in widget.render_lines(Region(0, 0, width, height))]


def screen_text(app: ArgmapApp) -> str:
    """What the terminal shows, as plain text (from the same SVG a screenshot would save)."""
    svg = app.export_screenshot()
    spans = re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S)
    return " ".join(html.unescape(" ".join(spans)).replace("\xa0", " ").split())


def record_frames(app: ArgmapApp, look: Callable[[], object]) -> list[object]:
    """What `look()` sees at every frame the app writes to the terminal, from now on.

    The app's own display step is wrapped, not replaced: each frame is still drawn, and `look` reads the widgets
    just as the frame left them.
    """
    frames: list[object] = []
    display = app._display

    def recording(screen, renderable) -> None:
        if renderable is not None:
            frames.append(look())
        display(screen, renderable)

    app._display = recording  # type: ignore[method-assign]
    return frames


def cut_words(lines: list[str], words: set[str], width: int) -> list[str]:
    """The pieces of text on `lines` that are not whole words of `words` (a word wider than `width` may be cut)."""
    long_words = [word for word in words if len(word) > width]
    allowed = words | MARKS
    pieces = [piece.strip(SCROLLBAR_GLYPHS) for line in lines for piece in line.split()]
    return [
        piece for piece in pieces
        if piece and piece not in allowed and not piece.isdigit() and not any(piece in w for w in long_words)
    ]


def claim_words(app: ArgmapApp) -> set[str]:
    """Every word of every claim, and the parts of compound words, which may end a line at their hyphens."""
    words = {word for claim in app.document.argument_map.claims for word in claim.text.split()}
    return words | {part for word in words for part in re.split(r"(?<=-)(?=[^-])", word)}


async def open_comparison(pilot) -> None:
    await pilot.press("c")
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


async def test_the_comparison_wraps_claims_at_word_boundaries_at_80x24() -> None:
    app = bundled_app()
    async with app.run_test(size=SMALL) as pilot:
        await open_comparison(pilot)
        assert isinstance(app.screen, CompareScreen)
        words = claim_words(app)
        cells = [cell for cell in app.screen.query(CompareCell) if cell.claims]
        for cell in cells:
            lines = shown_lines(cell)
            text_width = cell.scrollable_content_region.width - 2
            assert cut_words(lines, words, text_width) == [], (cell.author_id, cell.topic, lines)
            if cell.size.height < cell.styles.max_height.value:  # not at its limit: every line shows, no scrolling
                assert cell.virtual_size.height <= cell.size.height, (cell.author_id, cell.topic, lines)
        first_coleman = next(cell for cell in cells if cell.author_id == "coleman")
        assert "relationship" in " ".join(shown_lines(first_coleman)).split()


async def test_a_cell_of_the_comparison_fits_below_its_topic_at_80x24() -> None:
    app = bundled_app()
    async with app.run_test(size=SMALL) as pilot:
        await open_comparison(pilot)
        focused = app.screen.focused
        assert isinstance(focused, CompareCell) and focused.virtual_size.height > focused.size.height  # it scrolls
        grid = app.screen.query_one("#compare-grid")
        for _ in range(len(focused.claims) - 1):
            await pilot.press("down")
            assert app.screen.focused is focused
            assert grid.scrollable_content_region.contains_region(focused.region), "the cursor went out of view"
            assert app.screen.query_one(f"#topic-{focused.row}").region.y >= grid.region.y, "the topic went"


async def test_the_comparison_scrolls_to_the_last_author_with_names_and_topic_in_view() -> None:
    app = bundled_app()
    async with app.run_test(size=SMALL) as pilot:
        await open_comparison(pilot)
        author_ids = app.screen.author_ids
        for _ in author_ids:
            await pilot.press("right")
        await pilot.pause()
        focused = app.screen.focused
        assert isinstance(focused, CompareCell) and focused.author_id == author_ids[-1]
        shown = screen_text(app)
        assert app.document.index.author_name(author_ids[-1]).split()[0] in shown
        assert focused.claims[0].text.split()[2] in shown
        assert focused.topic in shown
        row = [cell for cell in app.screen.query(CompareCell) if cell.row == focused.row]
        names = list(app.screen.query(".author-head"))
        assert [name.region.x for name in names] == [cell.region.x for cell in row]


async def test_the_comparison_draws_whole_words_from_its_first_frame() -> None:
    app = bundled_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await derived_ready(app)

        def cells_shown() -> list[tuple[int, list[str]]]:
            if not isinstance(app.screen, CompareScreen):
                return []
            cells = app.screen.query(CompareCell)
            return [(cell.scrollable_content_region.width - 2, shown_lines(cell)) for cell in cells if cell.size.width]

        frames = record_frames(app, cells_shown)
        await open_comparison(pilot)
        await pilot.pause()
        words = claim_words(app)
        drawn = [frame for frame in frames if frame]
        assert drawn
        for frame in drawn:
            for width, lines in frame:  # type: ignore[union-attr]
                assert cut_words(lines, words, width) == [], lines


async def test_the_matrix_shows_every_author_and_keeps_the_row_labels_at_80x24() -> None:
    app = bundled_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MatrixScreen)
        table = app.screen.query_one(DataTable)
        authors = app.document.argument_map.authors
        header = shown_lines(table)[0]
        for author in authors:
            assert author.id in header.split(), header
        labels = [line[:12] for line in shown_lines(table)[1 : 1 + len(authors)]]
        assert all(label.strip() for label in labels)
        for _ in authors:
            await pilot.press("right")
        await pilot.pause()
        assert [line[:12] for line in shown_lines(table)[1 : 1 + len(authors)]] == labels
        assert authors[-1].id in shown_lines(table)[0].split()


async def test_the_key_bar_fits_80_columns_and_always_shows_help() -> None:
    app = bundled_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        for keys in ([], ["c", "enter"], ["m"], ["z"]):
            for key in keys:
                await pilot.press(key)
                await pilot.pause()
            bar = app.screen.query_one(KeyBar)
            shown = shown_lines(bar)[0]
            assert "? Help" in shown, shown
            assert shown == str(bar.render()).rstrip(), shown  # every key shown whole, none cut at the edge
            await pilot.press("escape")
            await pilot.pause()
        shown = shown_lines(app.screen.query_one(KeyBar))[0]
        for label in ("/ Search", "[ Back", "c Compare", "? Help"):
            assert label in shown, shown
        await pilot.click(KeyBar, offset=(shown.index("? Help") + 1, 0))
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"


async def test_the_key_bar_keeps_all_keys_on_a_wide_screen() -> None:
    app = bundled_app()
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        shown = shown_lines(app.screen.query_one(KeyBar))[0]
        for label in ("/ Search", "n New claim", "k Link to…", "z Analysis", "? Help", "q Quit", "^s Save"):
            assert label in shown, shown


async def test_the_analysis_pair_list_says_which_way_its_links_go() -> None:
    app = bundled_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await derived_ready(app)
        await pilot.press("z")
        await pilot.pause()
        assert isinstance(app.screen, AnalysisScreen)
        listing = app.screen.query_one(OptionList)
        wanted = {"pereira", "reyes-retana"}
        position = next(i for i, option in enumerate(listing.options)
                        if (option.id or "").startswith("pair:") and set(option.id.split(":")[1:]) == wanted)
        first, second = listing.get_option_at_index(position).id.split(":")[1:]
        listing.highlighted = position
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LinksScreen)
        index = app.document.index
        forward, backward = links_between(index, first, second), links_between(index, second, first)
        assert forward and backward
        label = app.screen.query(Label).first()
        title = " ".join(" ".join(shown_lines(label)).split())
        first_name, second_name = index.author_name(first), index.author_name(second)
        assert title == (f"{len(forward) + len(backward)} links between ● {first_name} and ● {second_name}: "
                         f"{len(forward)} from {first_name}, {len(backward)} from {second_name}")
        listing = app.screen.query_one(OptionList)
        headings = [str(option.prompt) for option in listing.options if option.disabled]
        assert headings == [f"From ● {first_name} ({len(forward)})", f"From ● {second_name} ({len(backward)})"]
        assert headings[0] in " ".join(shown_lines(listing))


async def test_the_matrix_cell_list_keeps_its_title() -> None:
    app = bundled_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LinksScreen)
        title = str(app.screen.query(Label).first().render())
        assert title.startswith(f"{len(app.screen.links)} links from ● ")


async def test_the_link_list_draws_its_final_lines_from_its_first_frame() -> None:
    app = bundled_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("m")
        await pilot.pause()

        def list_shown() -> list[str] | None:
            if not isinstance(app.screen, LinksScreen):
                return None
            listing = app.screen.query_one(OptionList)
            return shown_lines(listing) if listing.size.width else None

        frames = record_frames(app, list_shown)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        drawn = [frame for frame in frames if frame]
        assert len(drawn) >= 1
        final = list_shown()
        assert all(frame == final for frame in drawn), drawn[0]


async def test_the_claim_view_shows_the_claim_from_its_top_at_every_frame() -> None:
    app = bundled_app()

    def top_line() -> str | None:
        if not app.screen_stack or not app.screen.is_mounted:
            return None
        views = app.screen.query(ClaimView)
        if not views or not views.first().size.width:
            return None
        lines = shown_lines(views.first())
        return lines[0] if lines else None

    frames = record_frames(app, top_line)
    first_claim = app.document.argument_map.claims[0].text
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await derived_ready(app)
        await pilot.pause()
    drawn = [frame for frame in frames if frame is not None]
    assert drawn
    assert all(first_claim.startswith(str(frame).strip()) for frame in drawn), drawn
