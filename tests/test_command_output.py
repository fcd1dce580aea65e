"""What the text commands print, byte for byte, on the bundled map and on a generated one with hostile texts.

A change meant to keep the output (moving the renderers, sharing a helper) must leave these snapshots as they are;
a change meant to alter it updates them on purpose: `pytest tests/test_command_output.py --snapshot-update`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.generate import generate_map
from tests.conftest import ROOT, run_argmap

BUNDLED = ("maps/us-mexico-security.json", ROOT)

COMMANDS: dict[str, tuple[str, ...]] = {
    "validate": ("validate", "{map}"),
    "info": ("info", "{map}"),
    "analyze": ("analyze", "{map}"),
    "analyze-json": ("analyze", "{map}", "--json"),
    "compare-five": ("compare", "{map}", "{first}", "{second}", "{third}", "{fourth}", "{fifth}"),
    "prep-claim": ("prep", "{map}", "{claim}"),
    "prep-author": ("prep", "{map}", "--author", "{fifth}"),
    "export-md": ("export", "{map}", "--format", "md", "--author", "{fifth}"),
    "export-dot-by-topic": ("export", "{map}", "--format", "dot", "--group", "topic", "--author", "{fifth}"),
    "export-mermaid-by-topic": ("export", "{map}", "--format", "mermaid", "--group", "topic", "--author", "{fifth}"),
    "suggest-map": ("suggest", "{map}"),
    "suggest-claim": ("suggest", "{map}", "{claim}", "--top", "5"),
}

BUNDLED_NAMES = {"first": "pereira", "second": "Duncan", "third": "coleman", "fourth": "reyes retana",
                 "fifth": "WAYNE", "claim": "pereira-drugs-pass-through"}
GENERATED_NAMES = {"first": "author-0", "second": "author-1", "third": "Author 2 Peña", "fourth": "author-3",
                   "fifth": "author-4", "claim": "c7"}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A map of 160 claims by 9 authors: more author pairs, rejected claims and circles than the text lists."""
    return generate_map(160, tmp_path_factory.mktemp("generated"), author_count=9).parent


def _output(command: str, map_name: str, cwd: Path, names: dict[str, str]) -> str:
    arguments = [word.format(map=map_name, **names) for word in COMMANDS[command]]
    result = run_argmap(*arguments, cwd=cwd)
    assert result.returncode == 0, result.stderr
    return result.stdout + ("\n--- stderr ---\n" + result.stderr if result.stderr else "")


@pytest.mark.parametrize("command", COMMANDS)
def test_the_bundled_maps_output_is_unchanged(command: str, snapshot) -> None:
    assert _output(command, *BUNDLED, BUNDLED_NAMES) == snapshot


@pytest.mark.parametrize("command", ["validate", "info", "analyze", "compare-five", "suggest-map"])
def test_a_generated_maps_output_is_unchanged(command: str, generated: Path, snapshot) -> None:
    assert _output(command, "map.json", generated, GENERATED_NAMES) == snapshot
