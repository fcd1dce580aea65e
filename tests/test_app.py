"""The real app, driven through Textual's pilot: what a reader sees and does."""

from __future__ import annotations

import html
import importlib
import io
import pkgutil
import re
from pathlib import Path

from rich.console import Console
from textual.binding import Binding
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Input, OptionList, SelectionList, Static

from argmap.compare import related_claims
from argmap.document import Document
from argmap.tui.app import ArgmapApp
from argmap.tui.browse import BrowseScreen
from argmap.tui.claim_view import ClaimView
from argmap.tui.compare import CompareCell, CompareScreen
from argmap.tui.help import HelpScreen
from argmap.tui.keybar import KeyBar
from argmap.tui.map_tree import ClaimNode, GroupNode, MapTree
from argmap.tui.matrix import LinksScreen, MatrixScreen
from tests.conftest import BUNDLED_MAP, derived_ready, small_map_document, write_map

SIZE = (140, 45)


def bundled_app() -> ArgmapApp:
    return ArgmapApp(Document.open(BUNDLED_MAP))


def shown_claim(app: ArgmapApp) -> str | None:
    return app.screen.query_one(ClaimView).claim_id


def group_labels(app: ArgmapApp) -> list[str]:
    tree = app.screen.query_one(MapTree)
    return [node.data.group.label for node in tree.root.children if isinstance(node.data, GroupNode)]


def screen_text(app: ArgmapApp) -> str:
    """What the terminal shows, as plain text (from the same SVG a screenshot would save)."""
    svg = app.export_screenshot()
    spans = re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S)
    return " ".join(html.unescape(" ".join(spans)).replace("\xa0", " ").split())


def claim_view_text(app: ArgmapApp) -> str:
    """The claim view's lines as plain text (details and links), as it renders them at a wide width."""
    view = app.screen.query_one(ClaimView)
    console = Console(width=400, record=True, file=io.StringIO())
    for position in range(view.option_count):
        console.print(view.get_option_at_index(position).prompt)
    return " ".join(console.export_text().split())


def static_text(app: ArgmapApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_opens_on_the_bundled_map_grouped_by_author() -> None:
    app = bundled_app()
    async with app.run_test(size=SIZE):
        assert isinstance(app.screen, BrowseScreen)
        assert app.title == "US–Mexico security cooperation and NAFTA: five authors"
        assert group_labels(app) == [
            "Katherine Pereira", "Jonathan Coleman", "María José Reyes Retana Fernández", "Duncan Wood",
            "Earl Anthony Wayne",
        ]
        first = app.document.argument_map.claims[0]
        assert shown_claim(app) == first.id
        assert first.text in claim_view_text(app)
        assert "fifth round of renegotiations" in claim_view_text(app), "the quote is shown in its context"


async def test_follow_a_link_then_go_back_and_forward() -> None:
    app = bundled_app()
    async with app.run_test(size=SIZE) as pilot:
        start = shown_claim(app)
        await pilot.press("down", "enter")
        opened = shown_claim(app)
        assert opened == app.document.argument_map.claims[1].id, "the cursor starts on the first claim"
        await pilot.press("l", "enter")
        followed = shown_claim(app)
        links = app.document.index.links_of(opened)
        assert followed != opened
        assert followed in {link.source_id for link in links} | {link.target_id for link in links}
        screen = app.screen
        assert screen.trail.visited == [opened, followed]
        assert "Trail" in static_text(app, "#trail")
        await pilot.press("left_square_bracket")
        assert shown_claim(app) == opened
        await pilot.press("right_square_bracket")
        assert shown_claim(app) == followed
        assert start is not None


async def test_search_as_you_type_and_jump_to_a_result() -> None:
    app = bundled_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"fentanyl")
        results = app.screen.query_one("#results", OptionList)
        assert results.display and results.option_count >= 2
        assert not app.screen.query_one(MapTree).display
        await pilot.press("enter", "down", "enter")
        chosen = app.document.index.claims[shown_claim(app)]
        assert "fentanyl" in (chosen.text + chosen.quote.text).lower()
        assert app.screen.trail.current == chosen.id
        await pilot.press("escape")
        assert app.screen.query_one(MapTree).display and not results.display


async def test_slash_puts_the_search_list_in_the_trees_place_until_the_search_is_left() -> None:
    app = bundled_app()
    async with app.run_test(size=SIZE) as pilot:
        tree, results = app.screen.query_one(MapTree), app.screen.query_one("#results", OptionList)
        await pilot.press("slash")
        assert results.display and not tree.display
        assert "Type to search" in str(results.get_option_at_index(0).prompt)
        await pilot.press("x", "backspace")
        assert results.display and "Type to search" in str(results.get_option_at_index(0).prompt)
        await pilot.press("down")
        assert isinstance(app.focused, Input), "no result to move down to"
        await pilot.press("escape")
        assert tree.display and not results.display and app.focused is tree
        await pilot.press("slash", "tab")
        assert tree.display and not results.display, "leaving an empty search brings the tree back"
        first = shown_claim(app)
        await pilot.press("slash", *"border wall")
        assert shown_claim(app) != first, "the top result is previewed"
        await pilot.press("escape")
        assert shown_claim(app) == first == tree.cursor_node.data.claim_id, "escape goes back to the tree's claim"


async def test_filters_combine_show_in_the_header_and_clear_with_one_key() -> None:
    app = bundled_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("down", "down", "down", "space", "enter")
        assert group_labels(app) == ["Duncan Wood"]
        await pilot.press("t")
        await pilot.pause()
        topics = app.screen.query_one(SelectionList)
        cyber = next(i for i in range(topics.option_count) if topics.get_option_at_index(i).value == "cybersecurity")
        topics.highlighted = cyber
        await pilot.press("space", "enter")
        tree = app.screen.query_one(MapTree)
        shown = [leaf.data.claim_id for leaf in tree.root.children[0].children if isinstance(leaf.data, ClaimNode)]
        assert shown and all(
            app.document.index.claims[c].author == "wood" and "cybersecurity" in app.document.index.claims[c].topics
            for c in shown
        )
        bar = static_text(app, "#filter-bar")
        assert "author: Duncan Wood" in bar and "topic: cybersecurity" in bar
        assert "Duncan Wood" in app.screen.sub_title
        await pilot.press("x")
        assert len(group_labels(app)) == 5
        assert not app.screen.query_one("#filter-bar").display


async def test_group_by_topic_then_by_relation_around_a_claim() -> None:
    app = bundled_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        assert group_labels(app)[0] == app.document.index.topics[0]
        await pilot.press("g")
        current = shown_claim(app)
        labels = group_labels(app)
        assert labels and set(labels) <= {
            "Supported by", "Contradicted by", "Qualified by", "Supports", "Contradicts", "Qualifies"}
        supporters = {link.source_id for link in app.document.index.incoming[current] if link.relation == "supports"}
        if supporters:
            assert "Supported by" in labels


async def test_compare_authors_marks_linked_claims_and_the_matrix_lists_links() -> None:
    app = bundled_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        assert app.screen.author_ids == ["pereira", "coleman", "reyes-retana", "wood", "wayne"]
        cells = list(app.screen.query(CompareCell))
        focused = app.focused
        assert isinstance(focused, CompareCell)
        claim_id = focused.highlighted_option.id
        for _ in range(30):
            if app.screen._marked:
                break
            await pilot.press("down")
            claim_id = focused.highlighted_option.id
        assert app.screen._marked, "some claim in the first cell has a link to another author"
        assert len(cells) == 5 * len(app.screen.comparison.topics)
        expected = related_claims(app.document.index, claim_id, app.screen.author_ids)
        marked = {c: m for cell in cells if cell is not focused for c, m in cell.marks.items()}
        assert marked == {c: m for c, m in expected.items() if c not in {x.id for x in focused.claims}}
        assert claim_id
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MatrixScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 5
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LinksScreen)
        first_link = app.screen.links[0]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen)
        assert shown_claim(app) == first_link.source_id


async def test_compare_moves_topic_by_topic_past_a_cells_ends() -> None:
    """Past a cell's last claim (or with page down) the cursor goes on into the same author's cell of the next
    topic; before its first (or with page up), back into the previous one."""
    app = bundled_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        first = app.screen.focused
        assert isinstance(first, CompareCell) and first.highlighted == 0
        column = [cell for cell in app.screen.query(CompareCell) if cell.author_id == first.author_id and cell.claims]
        second = column[column.index(first) + 1]
        await pilot.press("pagedown")
        assert (app.screen.focused, second.highlighted) == (second, 0)
        await pilot.press("up")
        assert (app.screen.focused, first.highlighted) == (first, len(first.claims) - 1)
        await pilot.press("down")
        assert (app.screen.focused, second.highlighted) == (second, 0)
        await pilot.press("down")
        assert (app.screen.focused, second.highlighted) == (second, 1)
        await pilot.press("pageup")
        assert (app.screen.focused, first.highlighted) == (first, 0)


async def test_the_key_bar_shows_the_main_keys_and_a_click_presses_one() -> None:
    app = bundled_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = str(app.screen.query_one(KeyBar).render())
        assert "/ Search" in shown and "? Help" in shown and "q Quit" in shown
        await pilot.click(KeyBar, offset=(shown.index("? Help") + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_help_lists_every_binding() -> None:
    app = bundled_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for words in ("Search", "Group by", "Clear filters", "Back", "Forward", "Compare", "Agreement matrix"):
            assert words in text
        await pilot.press("escape")
        assert isinstance(app.screen, BrowseScreen)


async def test_help_lists_the_keys_of_every_full_screen() -> None:
    """Each screen a user can stand on (not a small dialog) has its keys in the help, so none is a secret."""
    import argmap.tui as tui_package

    for module in pkgutil.iter_modules(tui_package.__path__):
        importlib.import_module(f"argmap.tui.{module.name}")
    screens = {cls for cls in _subclasses(Screen) if cls.__module__.startswith("argmap.tui")
               and not issubclass(cls, ModalScreen) and "BINDINGS" in vars(cls)}
    assert len(screens) >= 9
    app = bundled_app()
    async with app.run_test(size=(200, 300)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        text = " ".join(re.sub(r"[█▀▄▌▐│┃]", " ", screen_text(app)).split())
    for screen in screens:
        for binding in screen.BINDINGS:
            description = binding.description if isinstance(binding, Binding) else binding[2]
            assert description in text, f"{screen.__name__}: {description!r} is not in the help"


def _subclasses(cls: type) -> set[type]:
    return {sub for direct in cls.__subclasses__() for sub in {direct, *_subclasses(direct)}}


async def test_command_palette_goes_to_a_claim() -> None:
    app = bundled_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"kingpin")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        claim = app.document.index.claims[shown_claim(app)]
        assert "kingpin" in (claim.text + claim.quote.text).lower()


async def test_markup_like_text_shows_as_typed(tmp_path: Path) -> None:
    document = small_map_document()
    document["claims"][2]["text"] = "Brackets [supports] and [/x] and [bold]not bold[/bold] stay."
    app = ArgmapApp(Document.open(write_map(tmp_path, document)))
    async with app.run_test(size=SIZE) as pilot:
        app.screen.open_claim("c3")
        await pilot.pause()
        assert "Brackets [supports] and [/x] and [bold]not bold[/bold] stay." in claim_view_text(app)
        app.screen.open_claim("c1")
        await pilot.press("slash", *"supports")
        await pilot.pause()
        assert "Brackets [supports] and [/x] and [bold]not bold[/bold] stay." in claim_view_text(app), "in the results"


async def test_analysis_screen_lists_tensions_and_jumps_into_the_map() -> None:
    from argmap.tui.analysis import AnalysisScreen

    app = bundled_app()
    async with app.run_test(size=SIZE) as pilot:
        await derived_ready(app)
        await pilot.pause()
        assert "Standing: accepted" in claim_view_text(app), "the claim view shows where the claim stands"
        await pilot.press("z")
        await pilot.pause()
        assert isinstance(app.screen, AnalysisScreen)
        shown = screen_text(app)
        assert "Agreement between authors" in shown and "Most contested" in shown
        listing = app.screen.query_one(OptionList)
        headings = " ".join(str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count))
        labels = [standing.label.value for standing in app.document.analysis.standings.values()]
        counts = ", ".join(f"{labels.count(label)} {label}" for label in ("accepted", "rejected", "undecided"))
        for words in ("Most central", f"What stands: {counts}", "Consistency"):
            assert words in headings
        contested = next(i for i in range(listing.option_count)
                         if (listing.get_option_at_index(i).id or "").startswith("claim:"))
        listing.highlighted = contested
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen)
        assert shown_claim(app) == app.document.analysis.contested[0].claim_id == "pereira-drugs-pass-through"


async def test_prep_sheet_shows_and_saves_as_markdown(bundled_copy: Path) -> None:
    from argmap.tui.analysis import PrepScreen, SaveAsScreen

    maps = bundled_copy.parent
    app = ArgmapApp(Document.open(bundled_copy))
    async with app.run_test(size=SIZE) as pilot:
        app.screen.open_claim("pereira-drugs-pass-through")
        await pilot.press("P")
        await pilot.pause()
        assert isinstance(app.screen, PrepScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SaveAsScreen)
        await pilot.press("enter")  # Markdown, the first choice
        await app.workers.wait_for_complete()
        await pilot.pause()
        path = maps / "prep-mexico-is-not-obliged-to-do-this-since.md"
        assert any(str(path) in notification.message for notification in app._notifications)
    sheet = path.read_text(encoding="utf-8")
    assert "Mexico is not obliged to do this" in sheet
    for author in ("Earl Anthony Wayne", "Jonathan Coleman", "María José Reyes Retana Fernández"):
        assert author in sheet


async def test_P_on_an_author_in_the_tree_saves_their_position_as_pdf(bundled_copy: Path) -> None:
    from argmap.tui.analysis import SaveAsScreen

    app = ArgmapApp(Document.open(bundled_copy))
    async with app.run_test(size=SIZE) as pilot:
        tree = app.screen.query_one(MapTree)
        tree.focus()
        wayne = next(node for node in tree.root.children
                     if isinstance(node.data, GroupNode) and node.data.group.author_id == "wayne")
        tree.move_cursor(wayne)
        await pilot.pause()
        await pilot.press("P")
        await pilot.pause()
        assert isinstance(app.screen, SaveAsScreen)
        assert "Save Earl Anthony Wayne's prep sheet as" in str(app.screen.query_one("#choice-title").render())
        await pilot.press("down", "down", "enter")  # PDF
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen)
    path = bundled_copy.parent / "prep-earl-anthony-wayne.pdf"
    assert path.read_bytes().startswith(b"%PDF-")
    assert any(f"Saved the prep sheet to {path}" in notification.message for notification in app._notifications)


async def test_export_writes_what_the_filters_show_and_says_where(bundled_copy: Path) -> None:
    maps = bundled_copy.parent
    app = ArgmapApp(Document.open(bundled_copy))
    async with app.run_test(size=SIZE) as pilot:
        app.screen._apply_filter(app.screen.claim_filter.__class__(authors=frozenset({"wayne"})))
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("enter")  # the first choice: the current view
        await derived_ready(app)
        await pilot.pause()
        messages = [notification.message for notification in app._notifications]
    wayne = [c.id for c in app.document.argument_map.claims if c.author == "wayne"]
    svg = maps / "us-mexico-security-view-author-earl-anthony-wayne.svg"
    assert any(str(svg) in message and f"{len(wayne)} claims" in message for message in messages)
    titles = {html.unescape(title) for title in re.findall(r"<title>(.*?)</title>", svg.read_text(encoding="utf-8"))}
    assert set(wayne) <= titles, "every claim the filter shows is drawn"
    assert not any(title.startswith("pereira-") for title in titles), "and nothing it hides"
