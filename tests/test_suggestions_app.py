"""Candidate links in the app: `L` on the claim shown lists other authors' claims likely to bear on it, with why;
enter opens the link form with the pair (and a guessed relation) filled in, and the saved link leaves the list."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Select

from argmap.document import Document
from argmap.edits import DeleteClaim
from argmap.model import Relation
from argmap.tui import suggestions
from argmap.tui.app import ArgmapApp
from argmap.tui.browse import BrowseScreen
from argmap.tui.claim_view import ClaimView
from argmap.tui.forms import LinkForm
from argmap.tui.suggestions import SuggestionsScreen
from argmap.tui.wrapped_list import WrappedList
from tests.conftest import BUNDLED_MAP
from tests.test_small_screens import screen_text

SMALL = (80, 24)


def bundled_app(path: Path = BUNDLED_MAP) -> ArgmapApp:
    return ArgmapApp(Document.open(path))


def listed(screen: SuggestionsScreen) -> list[str]:
    return [suggestion.other_id for suggestion in screen.suggestions]


async def test_accepting_a_candidate_saves_the_link_and_takes_it_off_the_list(bundled_copy: Path) -> None:
    app = bundled_app(bundled_copy)  # a copy: the edit's recovery file goes beside it
    async with app.run_test(size=SMALL) as pilot:
        claim_id = app.screen.query_one(ClaimView).claim_id
        await pilot.press("L")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SuggestionsScreen)
        expected = [s.other_id for s in app.document.version.suggestions.for_claim(claim_id)]
        assert listed(screen) == expected and len(expected) == 10
        first = app.document.index.claims[expected[0]]
        assert first.text[:30] in screen_text(app)
        assert screen.suggestions[0].reason(app.document.index).split(";")[0] in screen_text(app)

        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, LinkForm) and form.source_id == claim_id and form.target_id == first.id
        assert form.focused is form.query_one("#field-why", Input), "the pair is chosen: the cursor is on why"
        await pilot.press(*"both weigh the same stakes", "ctrl+s")
        await pilot.pause()

        assert app.screen is screen, "saving goes back to the candidates"
        added = app.document.argument_map.links[-1]
        assert (added.source_id, added.target_id, added.why) == (claim_id, first.id, "both weigh the same stakes")
        assert first.id not in listed(screen)
        now = [s.other_id for s in app.document.version.suggestions.for_claim(claim_id)]
        assert listed(screen) == now, "the list is the map's as it now is (the new link brings new neighbours)"
        assert first.text[:30] not in screen_text(app)

        await pilot.press("ctrl+z")
        await pilot.pause()
        assert listed(screen) == expected, "undoing the link puts the candidate back"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen)


async def test_a_guessed_relation_is_filled_in_and_a_candidate_without_one_keeps_supports() -> None:
    app = bundled_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("L")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SuggestionsScreen)
        guessed = [position for position, s in enumerate(screen.suggestions) if s.relation is not None]
        unguessed = [position for position, s in enumerate(screen.suggestions) if s.relation is None]
        assert guessed, "the bundled map's first claim has a candidate whose relation the links around it say"
        assert unguessed, "and one whose relation nothing says"
        await pilot.press(*["down"] * unguessed[0], "enter")
        await pilot.pause()
        assert app.screen.query_one("#field-relation", Select).value == Relation.SUPPORTS
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen, "a form left unchanged closes at once"
        await pilot.press(*["up"] * unguessed[0], *["down"] * guessed[0], "enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, LinkForm)
        wanted = screen.suggestions[guessed[0]]
        assert form.target_id == wanted.other_id
        assert form.query_one("#field-relation", Select).value == wanted.relation


async def test_the_candidates_follow_the_claim_shown_and_say_so_when_it_goes(bundled_copy: Path) -> None:
    app = bundled_app(bundled_copy)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("down", "down")
        await pilot.pause()
        claim_id = app.screen.query_one(ClaimView).claim_id
        await pilot.press("L")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SuggestionsScreen) and screen.claim_id == claim_id
        app.apply_edit(DeleteClaim(claim_id))
        await pilot.pause()
        assert "Candidate links for a claim no longer on the map" in screen_text(app)
        assert screen.query_one(WrappedList).highlighted is None


async def test_on_a_large_map_the_candidates_are_found_on_a_thread(monkeypatch) -> None:
    monkeypatch.setattr(suggestions, "SYNC_CLAIMS", 0)  # the bundled map stands in for a large one
    app = bundled_app()
    async with app.run_test(size=SMALL) as pilot:
        claim_id = app.screen.query_one(ClaimView).claim_id
        await pilot.press("L")
        screen = app.screen
        assert isinstance(screen, SuggestionsScreen)
        assert "Finding candidates…" in screen_text(app) or screen.suggestions
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert listed(screen) == [s.other_id for s in app.document.version.suggestions.for_claim(claim_id)]
        assert "Finding candidates…" not in screen_text(app)
