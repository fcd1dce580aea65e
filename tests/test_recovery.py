"""The recovery file: unsaved work survives crashes, kills and other runs on the same map, is never read or written
through a link, and outlives nothing it was kept for. Real files, real processes (killed with SIGKILL), the real app."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from argmap.document import Document
from argmap.edits import SetTitle
from argmap.store import load_map
from argmap.tui.app import ArgmapApp
from argmap.tui.browse import BrowseScreen
from argmap.tui.forms import QuestionScreen
from tests.conftest import small_map_document
from tests.test_editing_app import EDIT_IN_THE_APP_THEN_HANG
from tests.test_saving import kill, start

SIZE = (120, 40)


def copies(map_path: Path) -> list[Path]:
    """The recovery files beside the map that are plain files, as `ls -a` shows them."""
    found = map_path.parent.glob(f".{map_path.name}.argmap-recovery*")
    return sorted(path for path in found if not path.is_symlink() and path.is_file())


def title_in(path: Path) -> str:
    return json.loads(path.read_bytes())["title"]


def quick_app(map_path: Path) -> ArgmapApp:
    """The app on the map, keeping its recovery copy 50 ms after an edit rather than a second."""
    app = ArgmapApp(Document.open(map_path))
    app.RECOVERY_DELAY = 0.05
    return app


async def until(pilot, condition: Callable[[], bool]) -> None:
    """Let the app run until `condition` holds (or ten seconds pass; the assertions that follow then say what)."""
    for _ in range(200):
        if condition():
            return
        await pilot.pause(0.05)


def notes(app: ArgmapApp) -> str:
    return "\n".join(str(notification.message) for notification in app._notifications)


# 8. Links -----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["a file", "nowhere yet"])
async def test_a_planted_recovery_link_is_neither_read_nor_written_through(small_map: Path, tmp_path: Path,
                                                                          target: str) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    victim = elsewhere / "victim"
    if target == "a file":
        victim.write_text("not argmap's to overwrite\n", encoding="utf-8")
    link = small_map.with_name(f".{small_map.name}.argmap-recovery")
    link.symlink_to(victim)
    app = quick_app(small_map)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not isinstance(app.screen, QuestionScreen), "a link is not offered as unsaved work"
        assert f"{link}: is a symbolic link, not a recovery file argmap wrote, so it was not read" in notes(app)
        await pilot.press("d", "y")
        await until(pilot, lambda: copies(small_map))
        [copy] = copies(small_map)
        assert "c1" not in {claim["id"] for claim in json.loads(copy.read_bytes())["claims"]}
    if target == "a file":
        assert victim.read_text(encoding="utf-8") == "not argmap's to overwrite\n"
    else:
        assert not victim.exists(), "a dangling link made argmap create a file where it points"
    assert link.is_symlink() and os.readlink(link) == str(victim)


def test_a_recovery_file_swapped_for_a_link_is_replaced_not_followed(small_map: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_text("not argmap's to overwrite\n", encoding="utf-8")
    document = Document.open(small_map)
    document.apply(SetTitle("First"))
    document.update_recovery()
    [copy] = copies(small_map)
    copy.unlink()
    copy.symlink_to(victim)
    document.apply(SetTitle("Second"))
    document.update_recovery()
    assert victim.read_text(encoding="utf-8") == "not argmap's to overwrite\n"
    assert not copy.is_symlink() and title_in(copy) == "Second"


# 9. Mode ------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", [0o600, 0o640])
def test_the_recovery_file_has_the_maps_mode(small_map: Path, mode: int) -> None:
    small_map.chmod(mode)
    umask = os.umask(0o022)
    try:
        document = Document.open(small_map)
        document.apply(SetTitle("Private work"))
        document.update_recovery()
    finally:
        os.umask(umask)
    [copy] = copies(small_map)
    assert stat.S_IMODE(copy.stat().st_mode) == mode


@pytest.mark.skipif(os.geteuid() != 0, reason="only root may give a file to another user")
def test_a_recovery_file_kept_by_root_belongs_to_the_maps_owner(small_map: Path) -> None:
    os.chown(small_map, 4242, 4343)
    document = Document.open(small_map)
    document.apply(SetTitle("Edited by root"))
    document.update_recovery()
    [copy] = copies(small_map)
    assert (copy.stat().st_uid, copy.stat().st_gid) == (4242, 4343), "the map's owner can restore it"


# 10. Two runs -------------------------------------------------------------------------------------------------------

EDIT_THEN_SAVE_ON_REQUEST = """
import sys
from argmap.document import Document
from argmap.edits import SetTitle
document = Document.open(sys.argv[1])
document.apply(SetTitle(sys.argv[2]))
document.update_recovery()
print("kept", flush=True)
for line in sys.stdin:
    document.save()
    print("saved", flush=True)
"""


async def test_two_runs_on_one_map_keep_their_own_recovery_files(small_map: Path) -> None:
    other = start(EDIT_THEN_SAVE_ON_REQUEST, small_map, "The other run's title")
    try:
        assert other.stdout.readline().strip() == "kept"
        app = quick_app(small_map)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert not isinstance(app.screen, QuestionScreen), "a running argmap's work is not offered as crashed"
            await pilot.press("d", "y")
            await until(pilot, lambda: len(copies(small_map)) == 2)
            assert sorted(map(title_in, copies(small_map))) == ["Small map", "The other run's title"]
            other.stdin.write("save\n")
            other.stdin.flush()
            assert other.stdout.readline().strip() == "saved"
            [mine] = copies(small_map)
            assert title_in(mine) == "Small map" and "c1" not in mine.read_text(encoding="utf-8")
            await pilot.press("q", "d")
            await pilot.pause()
        assert copies(small_map) == []
        assert load_map(small_map).argument_map.title == "The other run's title"
    finally:
        kill(other)


# 11. Bad recovery files ---------------------------------------------------------------------------------------------


def _bad_recovery(kind: str, map_bytes: bytes) -> bytes:
    if kind == "corrupt":
        return b"\x00\xff{ this is not JSON"
    if kind == "truncated":
        return map_bytes[: len(map_bytes) // 2]
    document = small_map_document()
    document["links"][0]["to"] = "c99"
    return json.dumps(document).encode()


@pytest.mark.parametrize("kind", ["corrupt", "truncated", "a dangling reference"])
async def test_a_bad_recovery_file_is_explained_and_both_files_are_kept(small_map: Path, kind: str) -> None:
    map_bytes = small_map.read_bytes()
    bad = small_map.with_name(f".{small_map.name}.argmap-recovery")
    bad.write_bytes(_bad_recovery(kind, map_bytes))
    bad_bytes = bad.read_bytes()
    app = ArgmapApp(Document.open(small_map))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen) and "Unsaved work" in app.screen.question
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen) and not app.document.dirty
        assert f"Could not restore the unsaved work: {bad}: " in notes(app)
        assert "the map and that file are both kept" in notes(app)
    assert bad.read_bytes() == bad_bytes and small_map.read_bytes() == map_bytes


async def test_a_folder_in_the_recovery_files_place_is_reported_not_restored(small_map: Path) -> None:
    folder = small_map.with_name(f".{small_map.name}.argmap-recovery")
    folder.mkdir()
    app = ArgmapApp(Document.open(small_map))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen)
        assert f"{folder}: is a folder, not a recovery file argmap wrote, so it was not read" in notes(app)
    assert folder.is_dir()


# 12. Undo to the saved state ----------------------------------------------------------------------------------------


async def test_undoing_back_to_the_saved_state_removes_the_recovery_file_at_once(small_map: Path) -> None:
    app = quick_app(small_map)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "V")
        await pilot.pause()
        assert app.document.dirty
        await until(pilot, lambda: copies(small_map))
        assert copies(small_map)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert not app.document.dirty and "unsaved" not in app.sub_title
        assert copies(small_map) == [], "the saved state needs no recovery file"
        await pilot.press("q")
        await pilot.pause()
        assert not isinstance(app.screen, QuestionScreen)
    assert app.return_code == 0
    assert copies(small_map) == []


# 13. Decide later ---------------------------------------------------------------------------------------------------


async def test_decide_later_keeps_a_killed_runs_work_for_the_next_open(small_map: Path) -> None:
    crashed_run = start(EDIT_IN_THE_APP_THEN_HANG, small_map)
    assert crashed_run.stdout.readline().strip() == "edited"
    kill(crashed_run)
    [crashed] = copies(small_map)
    crashed_bytes = crashed.read_bytes()
    assert b'"c1"' not in crashed_bytes

    app = quick_app(small_map)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen) and "Unsaved work" in app.screen.question
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("down", "d", "y")  # delete another claim: this run's own, different work
        await until(pilot, lambda: len(copies(small_map)) == 2)
        assert crashed.read_bytes() == crashed_bytes, "the killed run's work is untouched"
        await pilot.press("q", "d")
        await pilot.pause()
    assert copies(small_map) == [crashed] and crashed.read_bytes() == crashed_bytes

    app = quick_app(small_map)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen), "the work is offered again"
        await pilot.press("r")
        await pilot.pause()
        assert "c1" not in app.document.index.claims and app.document.dirty
        await until(pilot, lambda: crashed not in copies(small_map))
        [mine] = copies(small_map)
        assert mine.read_bytes() == crashed_bytes, "the restored work is kept in this run's own file"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert copies(small_map) == []
    assert "c1" not in {claim.id for claim in load_map(small_map).argument_map.claims}
