"""`argmap coverage` and `argmap add-source`, run as real processes on real files, as a user would."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from argmap.sources import MAX_SOURCE_BYTES
from tests.conftest import BUNDLED_MAP, run_argmap, small_map_document, write_map

ESSAY = (
    "Free Trade Strengthens Security\n\n"
    "By Jo Smith\n\n"
    "Trade binds the two countries together, and a partner that trades is a partner that cooperates on the "
    "border, on drugs and on migration.\n\n"
    "The border costs more every year, and nobody in either capital asks who pays for it, or whether the wall "
    "stops anything at all.\n\n"
    "¹ Peter Andreas, Border Games, Cornell University Press, 2001\n"
)


def essay_map(folder: Path) -> Path:
    """A map of one essay, whose one claim quotes the first argument paragraph's first words."""
    (folder / "essay.txt").write_text(ESSAY, encoding="utf-8")
    words = "Trade binds the two countries together"
    start = ESSAY.index(words)
    document = {
        "format_version": 1, "title": "Essay map", "authors": [{"id": "smith", "name": "Jo Smith"}],
        "sources": [{"id": "essay", "author": "smith", "title": "Free Trade", "file": "essay.txt"},
                    {"id": "lost", "author": "smith", "title": "Lost", "file": "lost.txt"}],
        "claims": [{"id": "c1", "author": "smith", "text": "Trade binds.",
                    "quote": {"source": "essay", "text": words, "start": start, "end": start + len(words)}}],
    }
    path = folder / "map.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def test_coverage_gives_the_share_and_the_paragraphs_not_mapped_yet(tmp_path: Path) -> None:
    path = essay_map(tmp_path)
    result = run_argmap("coverage", path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    argument = sum(len(p) for p in ESSAY.split("\n\n")[2:4])
    quoted = len("Trade binds the two countries together")
    assert f"  quoted: {round(quoted / argument * 100)}% of its argument, {round(quoted / len(ESSAY) * 100)}% of " \
           f"all its {len(ESSAY)} characters (1 quote)" in lines
    assert "  argument paragraphs touched: 1 of 2 (3 others: headings, notes…)" in lines
    assert f"    at {ESSAY.index('The border'):>7}  The border costs more every year, and nobody in either…" in lines
    assert "  not measured: source text 'lost.txt' does not exist" in lines
    assert lines[-1] == "2 sources: 1 of 2 argument paragraphs not mapped yet; 1 not measured."


def test_coverage_of_one_source_as_json(tmp_path: Path) -> None:
    path = essay_map(tmp_path)
    result = run_argmap("coverage", path, "--source", "essay", "--json")
    assert result.returncode == 0, result.stderr
    (source,) = json.loads(result.stdout)["sources"]
    assert source["id"] == "essay" and source["length"] == len(ESSAY)
    assert source["paragraphs"] == {"all": 5, "argument": 2, "touched": 1}
    assert [item["start"] for item in source["untouched"]] == [ESSAY.index("The border")]


def test_coverage_of_a_source_the_map_lacks_is_one_sentence_and_a_usage_error(tmp_path: Path) -> None:
    path = essay_map(tmp_path)
    result = run_argmap("coverage", path, "--source", "esay")
    assert result.returncode == 2 and result.stdout == ""
    warning, refusal = result.stderr.splitlines()
    assert "warning: source text 'lost.txt' does not exist" in warning, "the map's warnings come first, as ever"
    assert refusal == f"argmap: {path} has no source with the id 'esay'; did you mean 'essay'?"


def test_the_bundled_maps_texts_are_mapped_paragraph_by_paragraph() -> None:
    result = run_argmap("coverage", BUNDLED_MAP, "--source", "reyes-retana-note-2017")
    assert result.returncode == 0, result.stderr
    assert "  quoted: 61% of its argument, 37% of all its 52,114 characters (116 quotes)" in result.stdout
    assert "  argument paragraphs touched: 44 of 44 (98 others: headings, notes…)" in result.stdout
    whole = run_argmap("coverage", BUNDLED_MAP).stdout
    assert whole.endswith("5 sources: 0 of 92 argument paragraphs not mapped yet.\n")


# add-source


def refusal(tmp_path: Path, file: Path | str, *, author: str = "Ana Núñez") -> str:
    """Run add-source on the small map; it must refuse, leave the map's bytes as they were, and say one line."""
    path = write_map(tmp_path, small_map_document())
    before = path.read_bytes()
    result = run_argmap("add-source", path, file, "--author", author)
    assert result.returncode == 1, result.stdout
    assert path.read_bytes() == before, "a refused add-source must not touch the map"
    assert result.stdout == "" and len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert result.stderr.endswith(f"; {path} is unchanged\n")
    return result.stderr


def test_add_source_refuses_a_file_that_is_not_utf8_text(tmp_path: Path) -> None:
    (tmp_path / "latin.txt").write_bytes("Año de la seguridad".encode("latin-1"))
    assert f"argmap: {tmp_path / 'latin.txt'} is not UTF-8 text (byte 1)" in refusal(tmp_path, tmp_path / "latin.txt")


def test_add_source_refuses_an_empty_file_and_one_of_blank_lines(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\n\t\n", encoding="utf-8")
    assert f"{tmp_path / 'empty.txt'} is empty;" in refusal(tmp_path, tmp_path / "empty.txt")
    assert f"{tmp_path / 'blank.txt'} holds only spaces and blank lines;" in refusal(tmp_path, tmp_path / "blank.txt")


def test_add_source_refuses_a_folder_a_missing_file_and_a_pipe(tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    os.mkfifo(tmp_path / "pipe")
    assert f"{tmp_path / 'folder'} is a folder, not a file;" in refusal(tmp_path, tmp_path / "folder")
    assert f"{tmp_path / 'nowhere.txt'} does not exist;" in refusal(tmp_path, tmp_path / "nowhere.txt")
    assert f"{tmp_path / 'pipe'} is not a regular file (a device, a pipe or a socket);" in refusal(
        tmp_path, tmp_path / "pipe")


def test_add_source_refuses_a_file_larger_than_a_source_text_can_be(tmp_path: Path) -> None:
    with open(tmp_path / "huge.txt", "wb") as huge:
        huge.truncate(MAX_SOURCE_BYTES + 1)
    assert f"{tmp_path / 'huge.txt'} is larger than 16 MB;" in refusal(tmp_path, tmp_path / "huge.txt")


def test_add_source_refuses_a_file_the_map_could_never_read_back_and_says_what_to_do(tmp_path: Path) -> None:
    maps = tmp_path / "maps"
    maps.mkdir()
    (tmp_path / "beside.txt").write_text("A text beside the map's folder.", encoding="utf-8")
    (maps / "link.txt").symlink_to("/dev/zero")
    said = refusal(maps, tmp_path / "beside.txt")
    assert f"{tmp_path / 'beside.txt'} is outside {maps}" in said
    assert "could never read it back: move or copy it inside, or put an empty .argmap-project file" in said
    assert f"{maps / 'link.txt'} is outside" in refusal(maps, maps / "link.txt"), "a link to a device leads out"


def test_add_source_refuses_a_text_already_on_the_map(tmp_path: Path) -> None:
    said = refusal(tmp_path, tmp_path / "source.txt", author="bo")
    assert f"{tmp_path / 'source.txt'} is already the text of source 's1' (Essay) on this map;" in said


def test_add_source_refuses_part_of_an_authors_name_rather_than_adding_someone_new(tmp_path: Path) -> None:
    (tmp_path / "new.txt").write_text("A new essay.", encoding="utf-8")
    said = refusal(tmp_path, tmp_path / "new.txt", author="nunez")
    assert "'nunez' is part of the name of Ana Núñez (ana) but not the whole of any author's name" in said


@pytest.mark.parametrize("author", ["ANA NUNEZ", "ana"])
def test_add_source_records_a_text_of_an_existing_author_relative_to_the_map(tmp_path: Path, author: str) -> None:
    path = write_map(tmp_path, small_map_document())
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "essay two.txt").write_text(ESSAY, encoding="utf-8")
    result = run_argmap("add-source", path, "texts/essay two.txt", "--author", author, "--title", "Essay two",
                        "--date", "2018", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    source = json.loads(path.read_text(encoding="utf-8"))["sources"][-1]
    assert source == {"id": "ana-essay-two", "author": "ana", "title": "Essay two", "date": "2018",
                      "file": "texts/essay two.txt"}
    assert "added source 'ana-essay-two' (Essay two) by Ana Núñez (ana)" in result.stdout


def test_add_source_creates_a_new_author_and_coverage_shows_the_text_at_zero(tmp_path: Path) -> None:
    maps = tmp_path / "maps"
    maps.mkdir()
    (tmp_path / ".argmap-project").write_bytes(b"")
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "smith.txt").write_text(ESSAY, encoding="utf-8")
    path = write_map(maps, small_map_document())
    result = run_argmap("add-source", path, tmp_path / "seeds" / "smith.txt", "--author", "Jo Smith",
                        "--publication", "The Hill")
    assert result.returncode == 0, result.stderr
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["authors"][-1] == {"id": "smith", "name": "Jo Smith"}
    assert document["sources"][-1] == {"id": "smith-smith", "author": "smith", "title": "smith",
                                       "publication": "The Hill", "file": "../seeds/smith.txt"}
    assert "by new author 'Jo Smith' (smith)" in result.stdout
    assert run_argmap("validate", path).returncode == 0
    coverage = run_argmap("coverage", path, "--source", "smith-smith").stdout.splitlines()
    assert f"  quoted: 0% of its argument, 0% of all its {len(ESSAY)} characters (0 quotes)" in coverage
    assert "  argument paragraphs touched: 0 of 2 (3 others: headings, notes…)" in coverage


def test_add_source_refuses_a_blank_author_and_keeps_ids_short(tmp_path: Path) -> None:
    (tmp_path / "new.txt").write_text(ESSAY, encoding="utf-8")
    assert "the author's name is empty" in refusal(tmp_path, tmp_path / "new.txt", author="  ")
    path = tmp_path / "map.json"
    result = run_argmap("add-source", path, tmp_path / "new.txt", "--author", "Jo Smith", "--title", "w" * 300)
    assert result.returncode == 0, result.stderr
    source = json.loads(path.read_text(encoding="utf-8"))["sources"][-1]
    assert source["title"] == "w" * 300 and source["id"] == ("smith-" + "w" * 300)[:60]
