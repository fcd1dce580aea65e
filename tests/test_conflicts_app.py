"""The app and merges: a map with recorded conflicts opens on them, and "merge" on a change made on disk."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from argmap.document import Document
from argmap.merge import merge_maps
from argmap.store import load_map, save_map
from argmap.tui.app import ArgmapApp
from argmap.tui.browse import BrowseScreen
from argmap.tui.conflicts import ConflictsScreen
from argmap.tui.forms import ClaimForm, QuestionScreen
from tests.conftest import small_map_document, write_map
from tests.test_app import screen_text


def _version(folder: Path, name: str, title: str, c2: str, drop_c3: bool = False) -> Path:
    document = small_map_document()
    document["title"] = title
    document["claims"][1]["text"] = c2
    if drop_c3:
        document["claims"] = [claim for claim in document["claims"] if claim["id"] != "c3"]
        document["links"] = [link for link in document["links"] if "c3" not in (link["from"], link["to"])]
    return write_map(folder, document, name)


@pytest.fixture
def conflicted(tmp_path: Path) -> Path:
    """A map merged by the tests with three conflicts: the title, claim c2's text, and c3 (edited on ours,
    deleted on theirs)."""
    base = load_map(write_map(tmp_path, small_map_document(), "base.json")).argument_map
    ours = load_map(_version(tmp_path, "ours.json", "Ours", "Mexico, says ours.")).argument_map
    ours.claims[2] = replace(ours.claims[2], text="Ours edited c3.")
    theirs = load_map(_version(tmp_path, "theirs.json", "Theirs", "Mexico, says theirs.", drop_c3=True)).argument_map
    merged = merge_maps(base, ours, theirs)
    assert len(merged.conflicts or []) == 3
    path = tmp_path / "merged.json"
    save_map(merged, path)
    return path


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
async def test_a_map_with_conflicts_opens_on_them_and_each_key_settles_one(conflicted: Path,
                                                                            size: tuple[int, int]) -> None:
    app = ArgmapApp(Document.open(conflicted))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ConflictsScreen)
        shown = screen_text(app)
        assert "Conflict 1 of 3: the title was changed differently on each side" in shown
        assert "Ours (in the map now)" in shown and "Theirs" in shown
        await pilot.press("n")
        await pilot.pause()
        shown = screen_text(app)
        assert "Mexico, says ours." in shown and "Mexico, says theirs." in shown, "both versions side by side"
        assert shown.index("text: Mexico, says ours.") < shown.index("author: ana"), "what differs comes first"
        await pilot.press("t")
        await pilot.pause()
        assert app.document.argument_map.claims[1].text == "Mexico, says theirs."
        assert "Conflict 2 of 2" in screen_text(app) and "deleted on this side" in screen_text(app)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert len(app.document.argument_map.conflicts or []) == 3, "undo brings the conflict back"
        assert app.document.argument_map.claims[1].text == "Mexico, says ours."
        await pilot.press("ctrl+y")
        await pilot.pause()
        await pilot.press("o")  # keeps our c3, with its link
        await pilot.pause()
        assert isinstance(app.screen, ConflictsScreen) and "Conflict 1 of 1" in screen_text(app)
        await pilot.press("e")  # keeps our title and opens the map's form to edit it
        await pilot.pause()
        assert not isinstance(app.screen, ConflictsScreen)
        assert app.document.argument_map.conflicts is None
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = load_map(conflicted)
    assert saved.argument_map.conflicts is None and not saved.warnings
    document = json.loads(conflicted.read_text(encoding="utf-8"))
    assert document["title"] == "Ours" and "conflicts" not in document
    assert [claim["text"] for claim in document["claims"]][1:] == ["Mexico, says theirs.", "Ours edited c3."]
    assert {(link["from"], link["to"]) for link in document["links"]} == {("c1", "c2"), ("c3", "c2")}


async def test_editing_a_claim_from_its_conflict_opens_its_form(conflicted: Path) -> None:
    app = ArgmapApp(Document.open(conflicted))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n", "e")
        await pilot.pause()
        assert isinstance(app.screen, ClaimForm)
        assert len(app.document.argument_map.conflicts or []) == 2


async def test_merge_on_a_change_on_disk_keeps_both_and_saves(tmp_path: Path) -> None:
    path = write_map(tmp_path, small_map_document())
    app = ArgmapApp(Document.open(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("d", "y")  # deletes the claim shown first, c1, and its link
        await pilot.pause()
        theirs = small_map_document()
        theirs["title"] = "Their title"
        theirs["claims"][2]["text"] = "Their words on c3."
        path.write_text(json.dumps(theirs, indent=2, ensure_ascii=False), encoding="utf-8")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen) and "m merge it with your edits" in screen_text(app)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen) and not app.document.dirty
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["title"] == "Their title" and "conflicts" not in document
    assert [claim["id"] for claim in document["claims"]] == ["c2", "c3"]
    assert document["claims"][1]["text"] == "Their words on c3."


async def test_merge_on_a_change_on_disk_that_conflicts_opens_the_conflicts(tmp_path: Path) -> None:
    path = write_map(tmp_path, small_map_document())
    app = ArgmapApp(Document.open(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("d", "y")  # ours deletes c1
        await pilot.pause()
        theirs = small_map_document()
        theirs["claims"][0]["text"] = "Their words on c1."
        path.write_text(json.dumps(theirs, indent=2, ensure_ascii=False), encoding="utf-8")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, ConflictsScreen)
        assert "claim “Trade ties bind the two countries.” was deleted on our side and edited on their side" in \
            screen_text(app)
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
    document = load_map(path).argument_map
    assert document.conflicts is None
    assert {claim.id: claim.text for claim in document.claims}["c1"] == "Their words on c1."
    assert {(link.source_id, link.target_id) for link in document.links} == {("c1", "c2"), ("c3", "c2")}
