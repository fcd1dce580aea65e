"""Every way out of the app asks before unsaved changes are lost, and none leaves a recovery file behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.document import Document
from argmap.tui.app import ArgmapApp
from argmap.tui.browse import BrowseScreen
from argmap.tui.forms import QuestionScreen
from tests.test_recovery import copies

SIZE = (120, 40)


@pytest.mark.parametrize("keys", [["q"], ["ctrl+q"], ["ctrl+c", "ctrl+q"], ["ctrl+p", *"quit", "enter"]],
                         ids=["q", "ctrl+q", "ctrl+c then ctrl+q", "the palette's Quit"])
async def test_every_way_out_asks_when_there_are_unsaved_changes(small_map: Path, keys: list[str]) -> None:
    app = ArgmapApp(Document.open(small_map))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", "y")
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        assert isinstance(app.screen, QuestionScreen) and "unsaved changes" in app.screen.question
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert len([s for s in app.screen_stack if isinstance(s, QuestionScreen)]) == 1, "asked once"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen) and app.return_code is None, "cancelling stays"
        await pilot.press("ctrl+z")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code == 0, "with nothing unsaved, ctrl+q quits at once"
    assert copies(small_map) == []
