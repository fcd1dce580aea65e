"""Loading with clear errors, and stable, atomic saving."""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import pytest

from argmap.model import FORMAT_VERSION, json_schema_text
from argmap.store import MapError, dump_map, load_map, save_map
from tests.conftest import BUNDLED_MAP, ROOT, small_map_document, write_map


def problems_of(path: Path) -> list[str]:
    with pytest.raises(MapError) as caught:
        load_map(path)
    return [str(problem) for problem in caught.value.problems]


def test_bundled_map_round_trips_byte_for_byte(tmp_path: Path) -> None:
    copy = tmp_path / "maps" / BUNDLED_MAP.name
    copy.parent.mkdir()
    shutil.copy(BUNDLED_MAP, copy)
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    save_map(load_map(copy).argument_map, copy)
    assert copy.read_bytes() == BUNDLED_MAP.read_bytes()


def test_written_json_is_stable_and_diff_friendly(small_map: Path) -> None:
    data = dump_map(load_map(small_map).argument_map)
    text = data.decode("utf-8")
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert "Ana Núñez" in text, "non-ASCII is written as is, not escaped"
    assert '\n  "title": "Small map",' in text, "two-space indent"
    keys = list(json.loads(data))
    assert keys == ["format_version", "title", "description", "authors", "sources", "claims", "links"]
    first_link = json.loads(data)["links"][0]
    assert list(first_link) == ["from", "to", "relation", "why"]
    small_map.write_bytes(data)
    assert dump_map(load_map(small_map).argument_map) == data


def test_missing_file_is_one_sentence(tmp_path: Path) -> None:
    assert problems_of(tmp_path / "nope.json") == [f"{tmp_path / 'nope.json'}: does not exist"]


def test_not_json_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "format_version": 1,\n  "title": "x",,\n}', encoding="utf-8")
    (problem,) = problems_of(path)
    assert problem.startswith(f"{path}: line 3, column 16: not valid JSON")


def test_wrong_shape_names_the_json_path(tmp_path: Path) -> None:
    document = small_map_document()
    del document["claims"][1]["author"]
    document["links"][0]["relation"] = "refutes"
    problems = problems_of(write_map(tmp_path, document))
    assert any("claims[1].author: is required" in p for p in problems)
    assert any("links[0].relation: " in p and "supports" in p for p in problems)


def test_blank_text_and_spaced_ids_are_refused_in_plain_words(tmp_path: Path) -> None:
    document = small_map_document()
    document["claims"][0]["text"] = "   "
    document["claims"][1]["id"] = "two words"
    document["authors"][0]["name"] = ""
    document["claims"][2]["mood"] = "sure"
    problems = problems_of(write_map(tmp_path, document))
    assert any(p.endswith("claims[0].text: must not be empty or only spaces") for p in problems)
    assert any(p.endswith("claims[1].id: must be one word, without spaces or control characters") for p in problems)
    assert any(p.endswith("authors[0].name: must not be empty or only spaces") for p in problems)
    assert any(p.endswith("claims[2].mood: is not a field argmap knows") for p in problems)


def test_newer_format_version_says_upgrade(tmp_path: Path) -> None:
    document = small_map_document()
    document["format_version"] = FORMAT_VERSION + 1
    document["claims"][0]["confidence"] = 0.9
    (problem,) = problems_of(write_map(tmp_path, document))
    assert f"format version {FORMAT_VERSION + 1} is newer than this argmap reads" in problem


def test_integrity_errors_are_reported_together(tmp_path: Path) -> None:
    document = small_map_document()
    document["claims"][2]["id"] = "c1"
    document["claims"][1]["author"] = "nobody"
    document["links"].append({"from": "c2", "to": "c2", "relation": "supports"})
    document["links"].append({"from": "c1", "to": "c2", "relation": "supports"})
    document["links"].append({"from": "c2", "to": "ghost", "relation": "contradicts"})
    document["sources"][0]["author"] = "who"
    problems = problems_of(write_map(tmp_path, document))
    expected = [
        "claims[2].id: the id 'c1' is used more than once",
        "sources[0].author: no author has the id 'who'",
        "claims[1].author: no author has the id 'nobody'",
        "links[1].from: no claim has the id 'c3'",
        "links[2]: claim 'c2' is linked to itself",
        "links[3]: duplicate link: 'c1' supports 'c2' already exists",
        "links[4].to: no claim has the id 'ghost'",
    ]
    assert len(problems) == len(expected)
    for fragment in expected:
        assert any(fragment in problem for problem in problems), fragment


def test_quote_not_at_its_span_is_an_error(tmp_path: Path) -> None:
    document = small_map_document()
    document["claims"][1]["quote"]["start"] += 1
    document["claims"][1]["quote"]["end"] += 1
    (problem,) = problems_of(write_map(tmp_path, document))
    assert "claims[1].quote: the source text at" in problem
    assert "it is found at 16-62" in problem


def test_missing_source_file_is_a_warning(tmp_path: Path) -> None:
    path = write_map(tmp_path, small_map_document())
    (tmp_path / "source.txt").unlink()
    loaded = load_map(path)
    (warning,) = loaded.warnings
    assert warning.severity == "warning" and "does not exist" in str(warning)


def test_save_keeps_permissions_and_leaves_no_temporary_file(small_map: Path) -> None:
    os.chmod(small_map, 0o640)
    save_map(load_map(small_map).argument_map, small_map)
    assert stat.S_IMODE(small_map.stat().st_mode) == 0o640
    assert sorted(p.name for p in small_map.parent.iterdir()) == ["map.json", "source.txt"]


def test_save_over_a_read_only_file_is_refused(small_map: Path) -> None:
    before = small_map.read_bytes()
    os.chmod(small_map, 0o444)
    with pytest.raises(MapError, match="read-only"):
        save_map(load_map(small_map).argument_map, small_map)
    assert small_map.read_bytes() == before


def test_schema_file_is_in_sync_with_the_models() -> None:
    kept = (ROOT / "argmap" / "map.schema.json").read_text(encoding="utf-8")
    assert kept == json_schema_text(), "run: argmap schema > argmap/map.schema.json"


def test_a_misplaced_quote_is_reported_with_the_reference_errors(tmp_path: Path) -> None:
    document = small_map_document()
    document["links"][0]["to"] = "ghost"
    document["claims"][1]["quote"]["start"] += 1
    document["claims"][1]["quote"]["end"] += 1
    problems = problems_of(write_map(tmp_path, document))
    assert any("links[0].to: no claim has the id 'ghost'" in problem for problem in problems)
    assert any("claims[1].quote: the source text at 17-63 is not the quote" in problem for problem in problems)
