"""The case screen, driven as a user would: `b` or the palette, the case and its blocks, proposed sides accepted
with a key (and undone), a new motion from its form, and hostile texts shown as typed."""

from __future__ import annotations

import json
from pathlib import Path

from rich.padding import Padding
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import OptionList

from argmap.document import Document
from argmap.tui.app import ArgmapApp
from argmap.tui.case import CaseScreen, MotionForm
from argmap.tui.claim_view import ClaimView
from argmap.tui.compare import CompareScreen, TopicRow
from argmap.tui.map_tree import MapTree
from tests.conftest import derived_ready, write_map
from tests.hostile import hostile_document
from tests.test_sides import sided_document

SMALL = (80, 24)


def lines_of(app: ArgmapApp) -> list[str]:
    """The plain text of every entry the case screen lists."""
    listing = app.screen.query_one(OptionList)
    texts = []
    for number in range(listing.option_count):
        prompt = listing.get_option_at_index(number).prompt
        inner = prompt.renderable if isinstance(prompt, Padding) else prompt
        assert isinstance(inner, Text), "user text goes in as Text, never as markup"
        texts.append(inner.plain)
    return texts


def sided_map(folder: Path, aff: list[str], neg: list[str]) -> Path:
    document = sided_document()
    document["motions"][0].update(aff=aff, neg=neg)
    return write_map(folder, document)


async def open_case(pilot: Pilot[None], app: ArgmapApp) -> None:
    await derived_ready(app)
    await pilot.press("b")
    await pilot.pause()
    assert isinstance(app.screen, CaseScreen)


async def test_b_lists_the_case_with_every_block_and_enter_opens_a_claim(tmp_path: Path) -> None:
    app = ArgmapApp(Document.open(sided_map(tmp_path, ["k", "s1", "s2", "c2"], ["n0", "c1", "d", "m", "x"])))
    async with app.run_test(size=SMALL) as pilot:
        await open_case(pilot, app)
        text = "\n".join(lines_of(app))
        assert "4 claims on the affirmative, strongest first (the best standing, then the most resting on it)" in text
        assert "4. Claim k says something." in text
        standings = [line.split("\n")[1] for line in lines_of(app) if "\nStanding: " in line]
        assert standings == ["Standing: accepted · 2 claims rest on it",
                             "Standing: accepted · about 2 claims rest on it", "Standing: accepted",
                             "Standing: accepted, qualified · 1 claim rests on it"]
        assert "1. Bo Li (negative) contradicts it: Claim c1 says something." in text
        assert "↳ contradicts the attack: Claim c2 says something." in text
        assert "↳ qualifies the attack: Claim r says something." in text
        assert "2. Ana Núñez qualifies it: Claim q says something." in text
        assert "No answer on the map to this attack; what holds the claim up speaks for it." in text
        await pilot.press("s")
        await pilot.pause()
        text = "\n".join(lines_of(app))
        assert "5 claims on the negative" in text and "Claim n0 says something." in text
        listing = app.screen.query_one(OptionList)
        listing.highlighted = next(i for i, line in enumerate(lines_of(app)) if line.endswith("n0 says something."))
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, CaseScreen)
        assert app.screen.query_one(ClaimView).claim_id == "n0"


async def test_proposed_sides_are_shown_with_reasons_and_accepted_only_by_a_key(tmp_path: Path) -> None:
    path = sided_map(tmp_path, ["k"], ["n0"])
    app = ArgmapApp(Document.open(path))
    async with app.run_test(size=SMALL) as pilot:
        await open_case(pilot, app)
        await pilot.press("p")
        await pilot.pause()
        text = "\n".join(lines_of(app))
        assert "For the affirmative: 3 claims" in text and "For the negative: 4 claims" in text
        assert "because it contradicts Bo Li's claim “Claim c1 says something.”, on the negative" in text
        assert "Reached for both sides, left to you: 1 claim" in text
        motion = app.document.argument_map.motions[0]
        assert (motion.aff, motion.neg) == (["k"], ["n0"]), "showing a proposal changes nothing"
        await pilot.press("a")
        await pilot.pause()
        motion = app.document.argument_map.motions[0]
        assert (motion.aff, motion.neg) == (["k", "s1", "s2", "c2"], ["n0", "c1", "d", "m", "x"])
        assert app.document.dirty
        assert "4 claims on the affirmative" in "\n".join(lines_of(app)), "back on the case, redrawn"
        await pilot.press("ctrl+z")
        await pilot.pause()
        motion = app.document.argument_map.motions[0]
        assert (motion.aff, motion.neg) == (["k"], ["n0"])
    assert json.loads(path.read_text(encoding="utf-8"))["motions"][0]["aff"] == ["k"], "nothing saved unasked"


async def test_a_new_motion_from_the_palette_with_a_key_claim_by_its_words(tmp_path: Path) -> None:
    document = sided_document()
    del document["motions"]
    app = ArgmapApp(Document.open(write_map(tmp_path, document)))
    async with app.run_test(size=SMALL) as pilot:
        await derived_ready(app)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"case and blocks")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
        assert "Press n to add one" in "\n".join(lines_of(app))
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, MotionForm)
        await pilot.press(*"Ratify [/b] it")
        await pilot.press("tab", "tab", *"claim k says")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
        motion = app.document.argument_map.motions[0]
        assert (motion.id, motion.text, motion.aff) == ("ratify-b-it", "Ratify [/b] it", ["k"])
        await pilot.press("p", "a")
        await pilot.pause()
        assert app.document.argument_map.motions[0].aff == ["k", "s1", "s2", "c2"]


async def test_a_key_claim_the_words_do_not_single_out_is_refused_beside_its_field(tmp_path: Path) -> None:
    app = ArgmapApp(Document.open(sided_map(tmp_path, [], [])))
    async with app.run_test(size=SMALL) as pilot:
        await open_case(pilot, app)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("tab", "tab", *"says something")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MotionForm)
        error = str(app.screen.query_one("#error-key").render())
        assert error == "14 claims hold the words 'says something': give more of the sentence, or its id."
        assert app.document.argument_map.motions[0].aff == []


async def test_the_case_screen_shows_hostile_texts_as_typed(tmp_path: Path) -> None:
    document = hostile_document()
    ids = [claim["id"] for claim in document["claims"]]
    document["motions"] = [{"id": 'm:"1"', "text": "Ratify [b]this[/b] \x1b[2J [/] now", "aff": ids[:6],
                            "neg": ids[6:9]}]
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    app = ArgmapApp(Document.open(path))
    async with app.run_test(size=SMALL) as pilot:
        await open_case(pilot, app)
        text = "\n".join(lines_of(app))
        assert "{braces} and [supports] [/x] |pipes|" in text
        assert "Quoting [/] a source [sic] [emphasis added] [/i] [b]not bold[/b]" in text
        for key in ("s", "p", "escape", "x"):
            await pilot.press(key)
            await pilot.pause()
        assert isinstance(app.screen, CaseScreen)


async def test_g_groups_the_tree_and_the_compare_rows_by_side(tmp_path: Path) -> None:
    app = ArgmapApp(Document.open(sided_map(tmp_path, ["k", "s1"], ["n0", "c1"])))
    async with app.run_test(size=SMALL) as pilot:
        await derived_ready(app)
        await pilot.press("g", "g", "g")
        await pilot.pause()
        tree = app.screen.query_one(MapTree)
        assert tree.border_title == "by side"
        labels = [node.label.plain for node in tree.root.children]
        assert labels == ["For: The United States should ratify the USMCA.  2",
                          "Against: The United States should ratify the USMCA.  2", "On no side  10"]
        await pilot.press("g")
        await pilot.pause()
        assert tree.border_title == "by author"

        app.push_screen(CompareScreen(["ana", "bo"]))
        await pilot.pause()
        assert [row.topic for row in app.screen.query(TopicRow)][:1] == ["(no topic)"]
        await pilot.press("g")
        await pilot.pause()
        await pilot.pause()
        rows = {row.topic: row for row in app.screen.query(TopicRow)}
        assert list(rows) == ["For: The United States should ratify the USMCA.",
                              "Against: The United States should ratify the USMCA.", "On no side"]
        against = app.screen.comparison.cells[("Against: The United States should ratify the USMCA.", "bo")]
        assert [claim.id for claim in against] == ["c1"]


async def test_without_a_motion_g_skips_the_side_grouping(tmp_path: Path) -> None:
    document = sided_document()
    del document["motions"]
    app = ArgmapApp(Document.open(write_map(tmp_path, document)))
    async with app.run_test(size=SMALL) as pilot:
        await derived_ready(app)
        await pilot.press("g", "g", "g")
        await pilot.pause()
        assert app.screen.query_one(MapTree).border_title == "by author"
