"""The comparison screen after an edit: it redraws what changed in place, the reader's cursor and scroll kept."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from argmap.document import Document
from argmap.edits import AddClaim, UpdateClaim
from argmap.model import Claim
from argmap.tui.app import ArgmapApp
from argmap.tui.compare import CompareCell, CompareGrid, CompareScreen
from argmap.tui.matrix import MatrixScreen
from tests.test_small_screens import shown_lines

SIZE = (120, 40)


def drawn(cell: CompareCell) -> str:
    """The cell's lines as drawn, joined by spaces."""
    return " ".join(line.strip() for line in shown_lines(cell))


def prompts(cell: CompareCell) -> list[str]:
    return [cell.get_option_at_index(index).prompt.body.plain for index in range(len(cell.claims))]


async def test_an_edit_shows_in_its_cell_with_the_cursor_and_the_scroll_kept(bundled_copy: Path) -> None:
    app = ArgmapApp(Document.open(bundled_copy))  # a copy: the edits' recovery file must not land in maps/
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("enter", "pagedown", "pagedown", "down")
        await pilot.pause()
        screen, cell = app.screen, app.focused
        assert isinstance(screen, CompareScreen) and isinstance(cell, CompareCell) and cell.highlighted == 1
        grid = screen.query_one(CompareGrid)
        place = (grid.scroll_x, grid.scroll_y, cell.scroll_y, cell.region)
        assert place[1] > 0, "the reader has scrolled down to the third topic"
        claim = cell.claims[1]

        app.apply_edit(UpdateClaim(claim.id, replace(claim, text="Edited while compared.")))
        await pilot.pause()
        assert app.focused is cell and cell.highlighted == 1
        assert prompts(cell)[1] == "Edited while compared."
        assert "• Edited while compared." in drawn(cell)
        assert (grid.scroll_x, grid.scroll_y, cell.scroll_y, cell.region) == place

        added = Claim(id="added-in-compare", author=cell.author_id, text="A claim added while compared.",
                      topics=[cell.topic])
        app.apply_edit(AddClaim(added))
        await pilot.pause()
        assert app.focused is cell and cell.claims[cell.highlighted].id == claim.id, "the cursor stays on its claim"
        assert "A claim added while compared." in prompts(cell)
        assert (grid.scroll_x, grid.scroll_y) == place[:2]

        await pilot.press("m")  # another screen over the comparison; undo there
        assert isinstance(app.screen, MatrixScreen)
        await pilot.press("ctrl+z")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and app.focused is cell and cell.claims[cell.highlighted].id == claim.id
        assert "A claim added while compared." not in prompts(cell)
        assert prompts(cell)[1] == "Edited while compared."
        assert (grid.scroll_x, grid.scroll_y) == place[:2]
