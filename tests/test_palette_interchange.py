"""The palette's "Export as FORMAT" and "Import a file…", driven as a user would: ctrl+p, a few words, enter."""

from __future__ import annotations

import json
from pathlib import Path

from textual.pilot import Pilot

from argmap.document import Document
from argmap.formats import TEXT_FORMATS
from argmap.tui.app import ArgmapApp
from argmap.tui.forms import QuestionScreen
from argmap.tui.interchange import ImportForm
from tests.conftest import derived_ready, run_argmap
from tests.test_argdown_bad_input import relations_json

SIZE = (100, 30)

async def palette(pilot: Pilot[None], words: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*words)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause()


async def test_export_as_argdown_writes_the_whole_map_beside_it_and_never_over_a_file(bundled_copy: Path) -> None:
    path = bundled_copy
    app = ArgmapApp(Document.open(path))
    async with app.run_test(size=SIZE) as pilot:
        await derived_ready(app)
        for _ in range(2):
            await palette(pilot, "export as argdown")
            await app.workers.wait_for_complete()
            await pilot.pause()
        messages = [notification.message for notification in app._notifications]
    first, second = path.with_suffix(".argdown"), path.with_name(f"{path.stem}-2.argdown")
    whole = f"{len(app.document.argument_map.claims)} claims and {len(app.document.argument_map.links)} links"
    assert f"Exported {whole} as Argdown to {first}." in messages
    assert f"Exported {whole} as Argdown to {second}." in messages
    expected = run_argmap("export", path, "--format", "argdown").stdout
    assert first.read_text(encoding="utf-8") == expected == second.read_text(encoding="utf-8")


async def test_every_text_format_has_an_export_entry(small_map: Path) -> None:
    app = ArgmapApp(Document.open(small_map))
    async with app.run_test(size=SIZE) as pilot:
        await palette(pilot, "export as mermaid")
        await app.workers.wait_for_complete()
        await pilot.pause()
        from argmap.tui.palette import InterchangeCommands

        names = [name for name, _, _ in InterchangeCommands(app.screen)._commands()]
    assert small_map.with_suffix(".mmd").read_text(encoding="utf-8").startswith("flowchart LR")
    assert len([name for name in names if name.startswith("Export as ")]) == len(TEXT_FORMATS)
    assert "Import a file…" in names


async def test_import_a_file_writes_the_map_beside_it_and_opens_it(small_map: Path, tmp_path: Path) -> None:
    source = tmp_path / "parsed.json"
    source.write_bytes(relations_json())
    app = ArgmapApp(Document.open(small_map))
    async with app.run_test(size=SIZE) as pilot:
        await palette(pilot, "import a file")
        assert isinstance(app.screen, ImportForm)
        await pilot.press(*"parsed.json", "tab", *"Ann Lee", "ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        messages = [notification.message for notification in app._notifications]
    imported = tmp_path / "parsed.argmap.json"
    assert app.document.path == imported
    assert [author.name for author in app.document.argument_map.authors] == ["Ann Lee"]
    assert f"Imported 2 claims and 1 link from parsed.json into {imported}." in messages
    assert json.loads(source.read_text(encoding="utf-8"))["statements"], "the source is left as it was"


async def test_a_file_that_cannot_be_imported_is_one_sentence_and_the_map_stays(small_map: Path,
                                                                                tmp_path: Path) -> None:
    broken = tmp_path / "broken.argdown"
    broken.write_bytes(b"")
    app = ArgmapApp(Document.open(small_map))
    async with app.run_test(size=SIZE) as pilot:
        await palette(pilot, "import a file")
        await pilot.press(*"broken.argdown", "ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        messages = [notification.message for notification in app._notifications]
    assert app.document.path == small_map
    assert f"Could not import: {broken}: is empty; there is nothing to import" in messages
    assert sorted(path.name for path in tmp_path.iterdir()) == ["broken.argdown", "map.json", "source.txt"]


async def test_import_asks_about_unsaved_changes_first(small_map: Path) -> None:
    app = ArgmapApp(Document.open(small_map))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", "y")
        await pilot.pause()
        assert app.document.dirty
        await palette(pilot, "import a file")
        assert isinstance(app.screen, QuestionScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ImportForm) and app.document.dirty
