"""The README stays true: its example map is valid, its commands are the ones CI runs, and its tour works."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from argmap.store import load_map
from argmap.tui.browse import BrowseScreen
from argmap.tui.claim_view import ClaimView
from argmap.tui.compare import CompareCell, CompareScreen
from argmap.tui.matrix import MatrixScreen
from tests.conftest import ROOT, project_with_seeds
from tests.test_app import bundled_app
from tests.test_trail import on_links_in_sight

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
    assert "pip install -q -e '.[test]'" in script and "graphviz" in script
    lines = script.splitlines()
    steps = [".venv/bin/ruff check argmap tests benchmarks", ".venv/bin/mypy", ".venv/bin/pytest"]
    assert [step for step in lines if step in steps] == steps, "the code is checked, then tested"
    assert "set -euo pipefail" in lines, "a failing step fails the run"


def test_the_readme_commands_run_in_a_new_terminal(tmp_path: Path) -> None:
    """A reader who opens a new terminal does what the README says there, then runs its first `argmap` command."""
    install = re.findall(r"```sh\n(.*?)\n```", README, re.S)[0]
    assert install.endswith("&& source .venv/bin/activate && argmap"), "the install line leaves `argmap` on the path"
    new_terminal = re.search(r"In a new terminal, `cd` to this folder and `(source [^`]+)`", README)
    validate = re.search(r"`(argmap validate [^`]+)` proves it", README)
    assert new_terminal and validate
    if not (ROOT / ".venv" / "bin" / "argmap").exists():
        pytest.skip("no .venv in this checkout: the README's install line makes one")
    shell = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", f"{new_terminal.group(1)} && {validate.group(1)}"],
        cwd=ROOT, env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}, capture_output=True, text=True, timeout=60,
    )
    assert shell.returncode == 0, shell.stderr
    assert "valid (237 claims" in shell.stdout


TOUR = " ".join(README[README.index("A first tour of the bundled map") :].split("\n## ", 1)[0].split())


class TourReader:
    """Follows the README's tour: each step's words must come next in the tour, then its keys are pressed."""

    def __init__(self, pilot: Pilot) -> None:
        self.pilot = pilot
        self.read_up_to = 0

    async def step(self, words: str, *keys: str) -> None:
        found = TOUR.find(words, self.read_up_to)
        assert found >= 0, f"the tour no longer says {words!r} after {TOUR[:self.read_up_to][-60:]!r}"
        self.read_up_to = found + len(words)
        await self.pilot.press(*keys)
        await self.pilot.pause()

    def says(self, words: str) -> None:
        assert words in TOUR, f"the tour no longer says {words!r}"


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_the_tour_does_what_it_says(size: tuple[int, int]) -> None:
    app = bundled_app()
    async with app.run_test(size=size) as pilot:
        tour = TourReader(pilot)
        await tour.step("`c`, then `enter`", "c", "enter")
        assert isinstance(app.screen, CompareScreen) and len(app.screen.author_ids) == 5

        await tour.step("`page down` three times", *["pagedown"] * 3)
        cell = app.focused
        assert isinstance(cell, CompareCell) and (cell.author_id, cell.topic) == ("pereira", "drugs")
        await tour.step("`↓` five times", *["down"] * 5)
        assert app.focused is cell
        tour.says("“Mexico is not obliged to do this…”")
        assert cell.claims[cell.highlighted].text.startswith("Mexico is not obliged to do this")
        tour.says("The line under the legend reads `←× 3 ←~ 2`")
        assert "←× 3  ←~ 2" in str(app.screen.query_one("#compare-status", Static).render())
        tour.says("Wayne's claims, in the same row, are marked `←×` and `←~`")
        wayne = next(c for c in app.screen.query(CompareCell) if (c.author_id, c.topic) == ("wayne", "drugs"))
        marks = [wayne.get_option_at_index(i).prompt.body.plain[:2] for i in range(wayne.option_count)]
        assert "←×" in marks and "←~" in marks

        await tour.step("`m`", "m")
        assert isinstance(app.screen, MatrixScreen)
        tour.says("Reyes Retana's claims qualify Pereira's sixteen times")
        table = app.screen.query_one(DataTable)
        assert "16~" in str(table.get_cell("reyes-retana", "pereira"))

        await tour.step("`escape` twice", "escape", "escape")
        assert isinstance(app.screen, BrowseScreen)
        await tour.step("`/` then `kingpin`", "slash", *"kingpin")
        tour.says("Coleman's case against the kingpin strategy")
        view = app.screen.query_one(ClaimView)
        kingpin = app.document.index.claims[view.claim_id]
        assert kingpin.author == "coleman" and "kingpin strategy" in kingpin.text

        await tour.step("`tab` to its links", "tab")
        assert on_links_in_sight(app)
        followed_link = view.highlighted_link
        await tour.step("`enter` follows", "enter")
        assert view.claim_id == followed_link.target_id != kingpin.id
        tour.says("Coleman's call to seize assets instead")
        assert "seizing criminal assets" in app.document.index.claims[view.claim_id].text
        await tour.step("`[` comes back to the kingpin claim", "left_square_bracket")
        assert view.claim_id == kingpin.id and app.screen.trail.current == kingpin.id
