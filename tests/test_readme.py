"""The README stays true: its example map is valid, its commands are the ones CI runs, and its tour works."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from argmap.document import Document
from argmap.store import load_map
from argmap.tui.app import ArgmapApp
from argmap.tui.browse import BrowseScreen
from argmap.tui.claim_view import ClaimView
from argmap.tui.compare import CompareCell, CompareScreen
from argmap.tui.forms import ClaimForm
from argmap.tui.matrix import MatrixScreen
from argmap.tui.reader import QuotingClaims, ReaderScreen
from tests.conftest import ROOT, project_with_seeds
from tests.test_cards import docx_cards
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
async def test_the_tour_does_what_it_says(size: tuple[int, int], bundled_copy: Path) -> None:
    """On a copy: the tour's last step makes a claim, whose recovery file must not land beside the bundled map."""
    app = ArgmapApp(Document.open(bundled_copy))
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

        await tour.step("`ctrl+p`, `read reyes`", "ctrl+p", *"read reyes")
        await pilot.pause(0.5)
        await tour.step("`enter`", "enter")
        assert isinstance(app.screen, ReaderScreen) and app.screen.source_id == "reyes-retana-note-2017"
        tour.says("61% of its argument quoted")
        assert str(app.screen.query_one("#reader-title", Static).render()).count("61% quoted") == 1
        reader = app.screen.view
        await tour.step("`u` would jump to the next paragraph no claim quotes yet", "u")
        tour.says("every argument paragraph carries a claim")
        assert not reader.passages.unmapped
        assert any("Every argument paragraph has a claim" in n.message for n in app._notifications)
        await tour.step("`→` seven times", *["right"] * 7)
        tour.says("(“The North American Free Trade Agreement…”)")
        assert reader.text[reader.cursor[0] :].startswith("The North American Free Trade Agreement")
        tour.says("this one no claim quotes yet, and it says so")
        assert not reader.quoted_here
        assert "No claim quotes this" in str(app.screen.query_one(QuotingClaims).render())
        await tour.step("`v` then `↓` selects the paragraph's first two sentences", "v", "down")
        assert reader.text[slice(*reader.selection)].count(". ") == 1
        claims_before = len(app.document.argument_map.claims)
        await tour.step("`n`", "n")
        assert isinstance(app.screen, ClaimForm)
        await tour.step("`ctrl+s`", *"NAFTA came into force in 1994 without migrant labour or drugs on the table",
                        "ctrl+s")
        assert isinstance(app.screen, ReaderScreen) and len(app.document.argument_map.claims) == claims_before + 1
        tour.says("the new claim is marked in the text and listed below it")
        new_claim = app.document.argument_map.claims[-1]
        assert new_claim.quote is not None and reader.text[new_claim.quote.start : new_claim.quote.end] == \
            new_claim.quote.text
        assert new_claim.id in {mark.claim_id for mark in reader.quoted_here}, "marked where the cursor is"
        assert new_claim.text in str(app.screen.query_one(QuotingClaims).render())

        await tour.step("`escape` back to the browse screen", "escape")
        assert isinstance(app.screen, BrowseScreen)
        shown = app.document.index.claims[app.screen.query_one(ClaimView).claim_id]
        await tour.step("`ctrl+p`, `cut cards`", "ctrl+p", *"cut cards")
        await pilot.pause(0.5)
        await tour.step("`enter`, `c` (the claim shown) and `w` (Word)", "enter", "c", "w")
        await app.workers.wait_for_complete()
        await pilot.pause()
        tour.says("in `us-mexico-security-cards.docx` beside the map")
        cards = docx_cards(bundled_copy.with_name("us-mexico-security-cards.docx"))
        assert [card["tag"] for card in cards] == [shown.text]
        assert cards[0]["read"] == (shown.quote.text if shown.quote else "")
