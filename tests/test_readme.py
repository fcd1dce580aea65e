"""The README stays true: its example map is valid, and its commands are the ones CI runs."""

from __future__ import annotations

import re
from pathlib import Path

from argmap.store import load_map
from tests.conftest import ROOT, project_with_seeds

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_format_example_is_a_valid_map_whose_quotes_check(tmp_path: Path) -> None:
    example = re.search(r"```json\n(.*?)```", README, re.S).group(1)
    maps = project_with_seeds(tmp_path)
    (maps / "example.json").write_text(example, encoding="utf-8")
    loaded = load_map(maps / "example.json")
    assert loaded.warnings == []
    assert len(loaded.argument_map.claims) == 2


def test_the_readme_test_command_is_what_ci_runs() -> None:
    commands = re.findall(r"```sh\n(.*?)\n```", README, re.S)
    assert "bash .ci/run" in commands, "CI runs `bash .ci/run`: the README must give the same command"
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -q -e '.[test]'" in script and ".venv/bin/pytest" in script and "graphviz" in script
