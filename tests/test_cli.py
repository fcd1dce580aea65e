"""The real `argmap` command, run in a subprocess as a user would."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import BUNDLED_MAP, run_argmap, small_map_document, write_map


def test_help_lists_the_commands() -> None:
    result = run_argmap("--help")
    assert result.returncode == 0
    for command in ("open", "new", "validate", "info", "compare", "schema"):
        assert command in result.stdout


def test_validate_accepts_the_bundled_map() -> None:
    result = run_argmap("validate", BUNDLED_MAP)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "valid (" in result.stdout and "quotes checked against their sources" in result.stdout


def test_validate_lists_every_problem_as_file_place_message(tmp_path: Path) -> None:
    document = small_map_document()
    document["claims"][0]["author"] = "ghost"
    document["links"][0]["to"] = "c9"
    bad = write_map(tmp_path, document, "bad.json")
    good = write_map(tmp_path, small_map_document(), "good.json")
    result = run_argmap("validate", good, bad)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert f"{bad}: claims[0].author: no author has the id 'ghost'" in lines
    assert f"{bad}: links[0].to: no claim has the id 'c9'" in lines
    assert f"{bad}: invalid (2 problems)" in lines
    assert any(line.startswith(f"{good}: valid") for line in lines)
    assert "Traceback" not in result.stderr


def test_bad_input_is_one_plain_sentence_and_a_failure(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{ not json", encoding="utf-8")
    cases = {
        tmp_path / "missing.json": "does not exist",
        broken: "line 1, column 3: not valid JSON",
        tmp_path: "is a folder, not a file",
    }
    for path, message in cases.items():
        result = run_argmap("info", path)
        assert result.returncode == 1
        assert result.stderr.strip() == f"{path}: {message}" or message in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
        assert "Traceback" not in result.stderr


def test_newer_format_is_refused_with_advice(tmp_path: Path) -> None:
    document = small_map_document()
    document["format_version"] = 7
    result = run_argmap("validate", write_map(tmp_path, document))
    assert result.returncode == 1
    assert "format version 7 is newer than this argmap reads (up to 1); upgrade argmap" in result.stdout


def test_info_summarizes_authors_relations_and_topics(tmp_path: Path) -> None:
    result = run_argmap("info", write_map(tmp_path, small_map_document()))
    assert result.returncode == 0
    assert "Small map" in result.stdout
    assert "Ana Núñez" in result.stdout and "2 claims" in result.stdout
    assert "Links: 2 (supports 1, contradicts 0, qualifies 1)" in result.stdout
    assert "Topics (3): trade 1, security 1, drugs 1" in result.stdout


def test_schema_command_prints_valid_json_schema() -> None:
    result = run_argmap("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert set(schema["properties"]) >= {"format_version", "title", "authors", "sources", "claims", "links"}


def test_unknown_command_is_a_usage_error() -> None:
    result = run_argmap("frobnicate")
    assert result.returncode == 2
    assert result.stderr == "argmap: 'frobnicate' is neither a command nor a map file (see argmap --help)\n"


def test_opening_a_missing_map_fails_before_the_screen(tmp_path) -> None:
    result = run_argmap(tmp_path / "gone.json")
    assert result.returncode == 1
    assert result.stderr == f"{tmp_path / 'gone.json'}: does not exist\n"


def test_new_creates_an_empty_valid_map_and_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "debate.json"
    result = run_argmap("new", path, "--title", "Border debate")
    assert result.returncode == 0 and path.exists()
    assert run_argmap("validate", path).returncode == 0
    assert json.loads(path.read_text(encoding="utf-8"))["title"] == "Border debate"
    again = run_argmap("new", path, "--title", "Other")
    assert again.returncode == 1
    assert again.stderr == f"{path}: already exists; open it, or choose another name\n"
