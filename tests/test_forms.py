"""The forms in the real app: the quote picker, leaving a form, errors that go stale, what a missing file says."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from argmap.document import Document
from argmap.model import Relation
from argmap.tui.app import ArgmapApp
from argmap.tui.browse import BrowseScreen
from argmap.tui.forms import AuthorForm, ClaimForm, LinkForm, QuestionScreen, QuotePicker
from argmap.tui.people import PeopleScreen
from tests.test_app import screen_text, static_text

SIZE = (120, 40)


def last_notification(app: ArgmapApp) -> str:
    said = list(app._notifications)
    return said[-1].message if said else ""


async def open_picker(app: ArgmapApp, pilot) -> None:
    """Edit the first claim (quoted from `source.txt`) and press ctrl+o in its form."""
    await pilot.press("e")
    await pilot.pause()
    assert isinstance(app.screen, ClaimForm)
    await pilot.press("ctrl+o")
    await pilot.pause()


async def test_the_quote_picker_takes_a_sentence_with_one_enter_after_down(small_map: Path) -> None:
    app = ArgmapApp(Document.open(small_map))
    async with app.run_test(size=SIZE) as pilot:
        await open_picker(app, pilot)
        assert isinstance(app.screen, QuotePicker)
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ClaimForm), "one enter takes the sentence"
        assert app.screen.query_one("#field-quote", Input).value == "Mexico is a partner in security, not a threat."
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.press(*"demand", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ClaimForm), "enter in the filter takes the sentence highlighted"
        assert app.screen.query_one("#field-quote", Input).value == "Demand drives the trade in drugs."


async def test_escape_asks_before_discarding_a_half_filled_form_and_closes_an_untouched_one(small_map: Path) -> None:
    app = ArgmapApp(Document.open(small_map))
    async with app.run_test(size=SIZE) as pilot:
        for key, form in (("n", ClaimForm), ("e", ClaimForm), ("k", LinkForm), ("A", AuthorForm)):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, form)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, BrowseScreen), f"{form.__name__} closed without a question"
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("x", "backspace", "escape")
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen), "typing and taking it back leaves nothing to lose"
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Walls stop drugs", "escape")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen), "what was typed is not dropped without asking"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ClaimForm) and app.screen.value("text") == "Walls stop drugs"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen), "s saves the claim"
        assert app.document.argument_map.claims[-1].text == "Walls stop drugs"
        await pilot.press("A")
        await pilot.pause()
        await pilot.press(*"Cy", "escape")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen), "every form asks"
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen) and len(app.document.argument_map.authors) == 2


async def test_an_error_goes_when_its_field_changes(small_map: Path) -> None:
    app = ArgmapApp(Document.open(small_map))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("k")
        await pilot.pause()
        await pilot.press(*"security partner", "enter")
        await pilot.pause()
        await pilot.press(*"again", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, LinkForm)
        assert "already supports" in screen_text(app), "c1 already supports c2"
        await pilot.press("shift+tab", "shift+tab", "enter")
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.screen.choice("relation") is Relation.CONTRADICTS
        assert "already supports" not in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen)
    assert app.document.argument_map.links[-1].relation is Relation.CONTRADICTS


async def test_the_authors_list_counts_one_claim_in_the_singular(small_map: Path) -> None:
    app = ArgmapApp(Document.open(small_map))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)
        text = screen_text(app)
    assert "2 claims" in text and "1 claim ·" in text and "1 claims" not in text


async def test_the_quote_picker_says_which_file_is_missing(small_map: Path) -> None:
    missing = small_map.with_name("source.txt")
    missing.unlink()
    app = ArgmapApp(Document.open(small_map))
    async with app.run_test(size=SIZE) as pilot:
        await open_picker(app, pilot)
        assert isinstance(app.screen, ClaimForm)
        said = last_notification(app)
        assert f"'{missing.name}'" in said and "does not exist" in said, said
        assert "Choose a source" not in said
        assert "does not exist" in static_text(app, "#quote-status"), "the quote's status line says so too"
        await pilot.press("escape")
        await pilot.pause()
        app.screen.open_claim("c3")
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
    assert "Choose a source" in last_notification(app), "c3 has no source chosen"
