"""Coverage in the app: each source's figure on the people screen, and the source form's file field (completion,
and the refusals `argmap add-source` gives)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList

from argmap.document import Document
from argmap.edits import AddClaim
from argmap.model import Claim, Quote
from argmap.tui.app import ArgmapApp
from argmap.tui.forms import SourceForm
from argmap.tui.people import PeopleScreen
from tests.conftest import SOURCE_TEXT, derived_ready, small_map_document, write_map
from tests.test_app import static_text

SIZE = (80, 24)
DEMAND = "Demand drives the trade in drugs."
ESSAY = ("A new essay on the border, long enough to be one paragraph of argument: the wall costs more every year and "
         "stops nothing that matters.\n")


def source_line(app: ArgmapApp, source_id: str) -> str:
    """The people screen's line for a source, as plain text."""
    people = app.screen.query_one(OptionList)
    index = next(n for n in range(people.option_count) if people.get_option_at_index(n).id == f"source:{source_id}")
    prompt = people.get_option_at_index(index).prompt
    return str(prompt.plain if hasattr(prompt, "plain") else prompt)


def demand_claim() -> AddClaim:
    start = SOURCE_TEXT.index(DEMAND)
    return AddClaim(Claim(id="c9", author="ana", text="Demand drives it.",
                          quote=Quote(source="s1", text=DEMAND, start=start, end=start + len(DEMAND))))


def test_a_versions_coverage_is_built_once_and_stays_that_versions(small_map: Path) -> None:
    document = Document.open(small_map)
    first = document.version
    assert first.coverage is first.coverage
    before = first.coverage["s1"].coverage
    assert before is not None and before.quoted_characters == len("Trade binds us.") + len(
        "Mexico is a partner in security, not a threat.")
    document.apply(demand_claim())
    after = document.version.coverage["s1"].coverage
    assert after is not None and after.quoted_characters == before.quoted_characters + len(DEMAND)
    assert first.coverage["s1"].coverage is before, "the older version keeps its own figure"


async def test_the_people_screen_shows_each_sources_figure_and_follows_edits(small_map: Path) -> None:
    app = ArgmapApp(Document.open(small_map))
    paragraph = len(SOURCE_TEXT.strip())
    quoted = len("Trade binds us.") + len("Mexico is a partner in security, not a threat.")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await derived_ready(app)
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)
        assert source_line(app, "s1").startswith(f"    ▪ {round(quoted / paragraph * 100)}% quoted · 1/1 paragraphs")
        app.apply_edit(demand_claim())
        await derived_ready(app)
        await pilot.pause()
        expected = round((quoted + len(DEMAND)) / paragraph * 100)
        assert source_line(app, "s1").startswith(f"    ▪ {expected}% quoted · 1/1 paragraphs")


async def open_source_form(app: ArgmapApp, pilot) -> SourceForm:
    await pilot.press("p")
    await pilot.pause()
    await pilot.press("S")
    await pilot.pause()
    assert isinstance(app.screen, SourceForm)
    return app.screen


async def test_the_file_field_completes_paths_relative_to_the_map(small_map: Path) -> None:
    (small_map.parent / "texts").mkdir()
    (small_map.parent / "texts" / "essay.txt").write_text(ESSAY, encoding="utf-8")
    (small_map.parent / "texts" / ".hidden.txt").write_text(ESSAY, encoding="utf-8")
    app = ArgmapApp(Document.open(small_map))
    async with app.run_test(size=SIZE) as pilot:
        form = await open_source_form(app, pilot)
        field = form.query_one("#field-file", Input)
        field.focus()
        for typed, completed in (("te", "texts/"), ("texts/", "texts/essay.txt")):
            field.value = typed
            field.cursor_position = len(typed)
            await pilot.pause(0.1)
            await pilot.press("right")
            await pilot.pause()
            assert field.value == completed


@pytest.mark.parametrize("case", ["latin", "empty", "folder", "missing", "outside", "taken", "pipe"])
async def test_the_source_form_refuses_what_add_source_refuses(tmp_path: Path, case: str) -> None:
    maps = tmp_path / "maps"
    maps.mkdir()
    path = write_map(maps, small_map_document())
    (maps / "latin.txt").write_bytes("Año".encode("latin-1"))
    (maps / "empty.txt").write_bytes(b"")
    (maps / "folder").mkdir()
    (tmp_path / "outside.txt").write_text(ESSAY, encoding="utf-8")
    os.mkfifo(maps / "pipe")
    typed, said = {
        "latin": ("latin.txt", "The file latin.txt is not UTF-8 text (byte 1)."),
        "empty": ("empty.txt", "The file empty.txt is empty."),
        "folder": ("folder", "The file folder is a folder, not a file."),
        "missing": ("nowhere.txt", "The file nowhere.txt does not exist."),
        "outside": ("../outside.txt", f"The file ../outside.txt is outside {maps}"),
        "taken": ("./source.txt", "The file ./source.txt is already the text of source 's1' (Essay) on this map."),
        "pipe": ("pipe", "The file pipe is not a regular file (a device, a pipe or a socket)."),
    }[case]
    before = path.read_bytes()
    app = ArgmapApp(Document.open(path))
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_source_form(app, pilot)
        form.query_one("#field-title", Input).value = "Another"
        form.query_one("#field-file", Input).value = typed
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form, "a refused file keeps the form open"
        assert static_text(app, "#error-file").startswith(said)
        assert not app.document.dirty and len(app.document.argument_map.sources) == 1
    assert path.read_bytes() == before


async def test_the_source_form_records_a_new_text_relative_to_the_map_and_lists_it_unmapped(small_map: Path) -> None:
    (small_map.parent / "texts").mkdir()
    essay = small_map.parent / "texts" / "essay.txt"
    essay.write_text(ESSAY, encoding="utf-8")
    app = ArgmapApp(Document.open(small_map))
    async with app.run_test(size=SIZE) as pilot:
        form = await open_source_form(app, pilot)
        form.query_one("#field-title", Input).value = "A new essay"
        form.query_one("#field-file", Input).value = str(essay)
        await pilot.press("ctrl+s")
        await derived_ready(app)
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)
        source = app.document.argument_map.sources[-1]
        assert source.file == "texts/essay.txt", "an absolute path inside the map's folder is kept relative"
        assert source_line(app, source.id).startswith("    ▪ 0% quoted · 0/1 paragraphs  ·  A new essay")


async def test_a_source_whose_file_is_gone_can_still_be_edited(small_map: Path) -> None:
    small_map.with_name("source.txt").unlink()
    app = ArgmapApp(Document.open(small_map))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await derived_ready(app)
        await pilot.pause()
        assert source_line(app, "s1").startswith("    ▪ not measured  ·  Essay")
        people = app.screen.query_one(OptionList)
        people.highlighted = next(n for n in range(people.option_count)
                                  if people.get_option_at_index(n).id == "source:s1")
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, SourceForm)
        app.screen.query_one("#field-title", Input).value = "Essay, renamed"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.document.argument_map.sources[0].title == "Essay, renamed"
    assert app.document.argument_map.sources[0].file == "source.txt"


async def test_the_reader_gives_the_same_figure_as_the_list_of_sources(small_map: Path) -> None:
    app = ArgmapApp(Document.open(small_map))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        await derived_ready(app)
        await pilot.pause()
        figure = source_line(app, "s1").split("·")[0].strip(" ▪")
        assert figure.endswith("% quoted")
        people = app.screen.query_one(OptionList)
        people.highlighted = next(n for n in range(people.option_count)
                                  if people.get_option_at_index(n).id == "source:s1")
        await pilot.press("R")
        await pilot.pause()
        assert f"{figure} · 1 of 1 argument paragraph carries a claim" in static_text(app, "#reader-title")
