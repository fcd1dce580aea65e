"""Keys that save a reader presses: in the comparison, `page down` and `page up` move a topic at a time."""

from __future__ import annotations

from argmap.tui.compare import CompareCell
from tests.test_app import bundled_app


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
