"""Building and editing maps in the real app, from the keyboard, and never losing work."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

from argmap.document import Document
from argmap.model import Relation
from argmap.recovery import recovery_files
from argmap.store import load_map
from argmap.tui.app import ArgmapApp
from argmap.tui.browse import BrowseScreen
from argmap.tui.forms import ClaimForm, LinkForm, QuestionScreen
from tests.conftest import ROOT
from tests.test_app import screen_text

SIZE = (120, 40)


async def add_author(pilot, name: str) -> None:
    await pilot.press("A")
    await pilot.pause()
    await pilot.press(*name, "ctrl+s")
    await pilot.pause()


async def add_claim(pilot, text: str, author_position: int, topics: str) -> None:
    """n opens the form in the sentence field; shift+tab reaches the author list; tab x4 reaches the topics."""
    await pilot.press("n")
    await pilot.pause()
    await pilot.press(*text, "shift+tab", "enter")
    await pilot.pause()
    await pilot.press("home", *["down"] * author_position, "enter")
    await pilot.pause()
    await pilot.press("tab", "tab", "tab", "tab", "tab", *topics, "ctrl+s")
    await pilot.pause()


async def open_claim(pilot, words: str) -> None:
    await pilot.press("slash", *words, "enter", "enter", "escape")
    await pilot.pause()


async def add_link(pilot, words: str, relation_position: int, why: str) -> None:
    await pilot.press("k")
    await pilot.pause()
    await pilot.press("shift+tab", "enter")
    await pilot.pause()
    await pilot.press("home", *["down"] * relation_position, "enter", "tab", *words, "enter")
    await pilot.pause()
    await pilot.press(*why, "ctrl+s")
    await pilot.pause()


async def test_build_a_map_from_nothing_with_the_keyboard_save_and_reopen(tmp_path: Path) -> None:
    path = tmp_path / "debate.json"
    app = ArgmapApp(Document.create(path, "Border debate"))
    async with app.run_test(size=SIZE) as pilot:
        await add_author(pilot, "Ana Núñez")
        await add_author(pilot, "Bo Li")
        await add_claim(pilot, "Trade binds the two countries", 0, "trade")
        await add_claim(pilot, "Mexico is a security partner", 0, "security")
        await add_claim(pilot, "Walls stop drugs", 1, "border")
        await add_claim(pilot, "Partnership costs sovereignty", 1, "security")
        assert isinstance(app.screen, BrowseScreen), "every form closed"
        await open_claim(pilot, "trade binds")
        await add_link(pilot, "security partner", 0, "economic ties build trust")
        await open_claim(pilot, "walls stop")
        await add_link(pilot, "security partner", 1, "walls say Mexico is a threat")
        await open_claim(pilot, "costs sovereignty")
        await add_link(pilot, "security partner", 2, "a cost of partnership")
        assert "unsaved" in app.sub_title
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "unsaved" not in app.sub_title
        await pilot.press("q")
        await pilot.pause()
    reopened = load_map(path).argument_map
    assert [a.name for a in reopened.authors] == ["Ana Núñez", "Bo Li"]
    claims = {c.text: c for c in reopened.claims}
    assert len(claims) == 4 and claims["Walls stop drugs"].author == reopened.authors[1].id
    assert claims["Trade binds the two countries"].topics == ["trade"]
    partner = claims["Mexico is a security partner"].id
    links = {(link.source_id, link.relation) for link in reopened.links}
    assert links == {
        (claims["Trade binds the two countries"].id, Relation.SUPPORTS),
        (claims["Walls stop drugs"].id, Relation.CONTRADICTS),
        (claims["Partnership costs sovereignty"].id, Relation.QUALIFIES),
    }
    assert all(link.target_id == partner and link.why for link in reopened.links)


async def test_undo_and_redo_from_the_keyboard(small_map: Path) -> None:
    app = ArgmapApp(Document.open(small_map))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen), "a claim with links asks before it goes"
        await pilot.press("y")
        await pilot.pause()
        assert "c1" not in app.document.index.claims and not app.document.argument_map.links[1:]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "c1" in app.document.index.claims and len(app.document.argument_map.links) == 2
        assert not app.document.dirty and "unsaved" not in app.sub_title
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert "c1" not in app.document.index.claims and "unsaved" in app.sub_title
        assert "unsaved changes" in screen_text(app), "the header shows it"


async def test_an_invalid_edit_is_refused_at_its_field(small_map: Path) -> None:
    app = ArgmapApp(Document.open(small_map))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ClaimForm)
        await pilot.press("tab", *["backspace"] * 30, *"c2", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ClaimForm), "the form stays open"
        assert "'c2'" in str(app.screen.query_one("#error-id").render())
        assert app.screen.focused.id == "field-id"
        await pilot.press("escape")
    assert not app.document.dirty


async def test_a_link_to_itself_is_refused(small_map: Path) -> None:
    app = ArgmapApp(Document.open(small_map))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("k")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, LinkForm)
        form.target_id = form.source_id
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "itself" in str(form.query_one("#error-to").render())


async def test_quitting_with_unsaved_changes_asks(small_map: Path) -> None:
    before = small_map.read_bytes()
    app = ArgmapApp(Document.open(small_map))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", "y")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen) and app.is_running
        await pilot.press("q", "d")
        await pilot.pause()
    assert small_map.read_bytes() == before
    assert recovery_files(small_map) == []


async def test_saving_over_a_file_changed_elsewhere_warns(small_map: Path) -> None:
    app = ArgmapApp(Document.open(small_map))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", "y")
        await pilot.pause()
        theirs = small_map.read_text(encoding="utf-8").replace("Small map", "Their title")
        small_map.write_text(theirs, encoding="utf-8")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen) and "changed on disk" in app.screen.question
        await pilot.press("escape")
        await pilot.pause()
        assert small_map.read_text(encoding="utf-8") == theirs, "cancelling keeps their file"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
    assert "c1" not in {c.id for c in load_map(small_map).argument_map.claims}


EDIT_IN_THE_APP_THEN_HANG = """
import sys, asyncio
from argmap.document import Document
from argmap.tui.app import ArgmapApp

async def edit_and_wait(pilot):
    await pilot.press("d", "y")
    await asyncio.sleep(ArgmapApp.RECOVERY_DELAY + 0.5)
    print("edited", flush=True)
    await asyncio.sleep(60)

ArgmapApp(Document.open(sys.argv[1])).run(headless=True, size=(120, 40), auto_pilot=edit_and_wait)
"""


async def test_after_a_killed_app_the_next_open_offers_the_unsaved_work(small_map: Path) -> None:
    before = small_map.read_bytes()
    process = subprocess.Popen([sys.executable, "-c", EDIT_IN_THE_APP_THEN_HANG, str(small_map)], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert process.stdout.readline().strip() == "edited"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert small_map.read_bytes() == before
    app = ArgmapApp(Document.open(small_map))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen) and "Unsaved work" in app.screen.question
        await pilot.press("r")
        await pilot.pause()
        assert "c1" not in app.document.index.claims and app.document.dirty
        assert "c1" not in app.screen.query_one("#tree").root.children[0].label.plain
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert recovery_files(small_map) == []
    assert "c1" not in {c.id for c in load_map(small_map).argument_map.claims}


async def test_pick_a_quote_from_the_source_text(small_map: Path) -> None:
    app = ArgmapApp(Document.open(small_map))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Demand is the root", "ctrl+o")
        await pilot.pause()
        await pilot.press(*"demand", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ClaimForm)
        assert "Found in the source at 63–96" in str(app.screen.query_one("#quote-status").render())
        await pilot.press("ctrl+s")
        await pilot.pause()
    claim = app.document.argument_map.claims[-1]
    assert claim.text == "Demand is the root"
    assert (claim.quote.text, claim.quote.start, claim.quote.end) == ("Demand drives the trade in drugs.", 63, 96)


async def test_a_quote_not_in_the_source_is_kept_only_when_ticked(small_map: Path) -> None:
    app = ArgmapApp(Document.open(small_map))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        await pilot.press(*"Invented", "tab", "tab", "tab", *"Words nobody wrote", "ctrl+s")
        await pilot.pause()
        assert app.screen is form and "not in the source" in str(form.query_one("#error-quote").render())
        assert form.query_one("#keep-unfound").display
        await pilot.press("tab", "space", "ctrl+s")
        await pilot.pause()
    quote = app.document.argument_map.claims[-1].quote
    assert quote.text == "Words nobody wrote" and quote.start is None


async def test_edit_the_map_title_and_undo_it(small_map: Path) -> None:
    app = ArgmapApp(Document.open(small_map))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"map's title", "enter")
        await pilot.pause()
        await pilot.press("end", *["backspace"] * 20, *"Renamed map", "ctrl+s")
        await pilot.pause()
        assert app.title == "Renamed map"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.title == "Small map"


async def test_a_new_map_asks_about_unsaved_changes_first(small_map: Path) -> None:
    from argmap.tui.forms import NewMapForm

    app = ArgmapApp(Document.open(small_map))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", "y")
        await pilot.pause()
        app.action_new_map()
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, NewMapForm) and not app.document.dirty
        await pilot.press(*"Second map", "tab", *["backspace"] * 20, *"second.json", "ctrl+s")
        await pilot.pause()
    assert app.document.path == small_map.parent / "second.json"
    assert app.document.argument_map.title == "Second map"
    assert "c1" not in {c.id for c in load_map(small_map).argument_map.claims}, "the first map was saved"
