"""`argmap import`: what every format's reader shares (finding the reader, refusing what it cannot read, never
replacing a file). Each format's own tests live beside it."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_argmap


def test_an_unknown_format_is_one_sentence_and_no_map(tmp_path: Path) -> None:
    mystery = tmp_path / "mystery.xyz"
    mystery.write_text("nothing any reader knows", encoding="utf-8")
    result = run_argmap("import", mystery)
    assert result.returncode == 1
    assert result.stderr.startswith(f"{mystery}: cannot tell what format this is; give one with --from")
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "mystery.json").exists()


def test_a_missing_file_and_a_folder_are_refused(tmp_path: Path) -> None:
    for path, reason in ((tmp_path / "absent.argdown", "does not exist"), (tmp_path, "is a folder, not a file")):
        result = run_argmap("import", path, "--output", tmp_path / "out.json")
        assert result.returncode == 1
        assert result.stderr.strip() == f"{path}: {reason}"
    assert not (tmp_path / "out.json").exists()


def test_an_existing_output_is_never_replaced(tmp_path: Path) -> None:
    source = tmp_path / "discussion.txt"
    source.write_text("Discussion Title: T\n\n1. A thesis.\n", encoding="utf-8")
    existing = tmp_path / "discussion.json"
    existing.write_bytes(b"precious")
    result = run_argmap("import", source)
    assert result.returncode == 1
    assert result.stderr.strip() == f"{existing}: already exists; choose another name with --output"
    assert existing.read_bytes() == b"precious"
