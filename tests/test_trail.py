"""Ways through the map: whatever way a reader reaches a claim's links (tree, search box, results), `tab` shows
them and `[` comes back to that claim after a link is followed; in the comparison, page keys move a topic at a time."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import OptionList

from argmap.tui.app import ArgmapApp
from argmap.tui.claim_view import ClaimView
from argmap.tui.compare import CompareCell
from argmap.tui.map_tree import MapTree
from tests.test_app import bundled_app, screen_text


def on_links_in_sight(app: ArgmapApp) -> bool:
    """The claim view has the focus and the link under its cursor shows on the screen."""
    view = app.screen.query_one(ClaimView)
    link = view.highlighted_link
    return app.focused is view and link is not None and f"why: {' '.join(link.why.split()[:3])}" in screen_text(app)


async def follow_and_come_back(app: ArgmapApp, pilot: Pilot) -> None:
    """On the links of the claim shown, the one under the cursor in sight: follow it, come back with `[`."""
    view = app.screen.query_one(ClaimView)
    read = view.claim_id
    assert on_links_in_sight(app)
    await pilot.press("enter")
    assert view.claim_id not in (None, read)
    await pilot.press("left_square_bracket")
    assert view.claim_id == read == app.screen.trail.current


async def test_tab_from_a_claim_previewed_in_the_tree() -> None:
    app = bundled_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "down")
        previewed = app.screen.query_one(MapTree).cursor_node.data.claim_id
        assert app.screen.trail.visited == [], "moving in the tree only previews"
        await pilot.press("tab")
        assert app.screen.query_one(ClaimView).claim_id == previewed
        await follow_and_come_back(app, pilot)


async def test_tab_from_the_search_box_goes_to_the_top_results_links() -> None:
    app = bundled_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"fentanyl")
        top = app.screen.query_one("#results", OptionList).get_option_at_index(0).id
        await pilot.press("tab")
        assert app.screen.query_one(ClaimView).claim_id == top
        await follow_and_come_back(app, pilot)


async def test_tab_from_the_results_goes_to_the_links_of_the_result_under_the_cursor() -> None:
    app = bundled_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"fentanyl", "down", "down")
        second = app.screen.query_one("#results", OptionList).get_option_at_index(1).id
        await pilot.press("tab")
        assert app.screen.query_one(ClaimView).claim_id == second
        await follow_and_come_back(app, pilot)


async def test_page_down_and_up_move_a_topic_at_a_time_in_the_comparison() -> None:
    app = bundled_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", "enter")
        await pilot.pause()
        topics = app.screen.comparison.topics
        await pilot.press("pagedown", "pagedown", "down")
        cell = app.focused
        assert isinstance(cell, CompareCell) and (cell.topic, cell.highlighted) == (topics[2], 1)
        await pilot.press("pageup")
        cell = app.focused
        assert isinstance(cell, CompareCell) and (cell.topic, cell.highlighted) == (topics[1], 0)
