"""Claims by words on the command line (argmap.lookup): an exact id first, then the one claim whose sentence holds
the words (case and accents aside); several are listed to choose from, none is one plain sentence. The same for
`prep`, `export --focus` and `suggest`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from argmap.index import MapIndex
from argmap.lookup import Ambiguous, resolve_claim
from argmap.model import MAP_ADAPTER, ArgumentMap
from tests.conftest import BUNDLED_MAP, run_argmap, write_map

CLAIMS = {
    "b2": "Border walls do not stop drug smuggling.",
    "c1": "Cartels launder money through banks.",
    "c2": "Demand for drugs drives cartel violence.",
    "policia": "La Policía Federal coordina con la DEA.",
    "walls": "Walls are expensive.",
}


def make_map() -> ArgumentMap:
    return MAP_ADAPTER.validate_python({
        "format_version": 1, "title": "Lookup",
        "authors": [{"id": "ana", "name": "Ana Núñez"}],
        "claims": [{"id": claim_id, "author": "ana", "text": text} for claim_id, text in CLAIMS.items()],
    })


@pytest.mark.parametrize(("wanted", "claim_id"), [
    ("b2", "b2"), ("B2", "b2"), ("walls", "walls"),  # an exact id wins over the words of b2's sentence
    ("border WALLS", "b2"), ("launder", "c1"), ("smuggling walls", "b2"), ("  drives   cartel ", "c2"),
    ("policia federal", "policia"), ("POLICÍA", "policia"),
])
def test_a_claim_is_found_by_its_id_or_by_words_of_its_sentence(wanted: str, claim_id: str) -> None:
    assert resolve_claim(MapIndex(make_map()), wanted) == claim_id


def test_several_matches_are_listed_with_id_and_sentence_and_none_is_one_sentence() -> None:
    index = MapIndex(make_map())
    with pytest.raises(Ambiguous) as raised:
        resolve_claim(index, "drug")
    assert str(raised.value).splitlines() == [
        "2 claims hold the words 'drug'; give more of the sentence, or one of these ids:",
        "  b2  Border walls do not stop drug smuggling.",
        "  c2  Demand for drugs drives cartel violence.",
    ]
    with pytest.raises(ValueError, match=r"^no claim has the id 'zebra' or the words 'zebra' in its sentence$"):
        resolve_claim(index, "zebra")
    with pytest.raises(ValueError, match="empty"):
        resolve_claim(index, "   ")


@pytest.mark.parametrize("command", [("prep",), ("suggest",), ("export", "--format", "md", "--focus")])
def test_every_command_that_takes_a_claim_takes_words(tmp_path: Path, command: tuple[str, ...]) -> None:
    found = run_argmap(command[0], BUNDLED_MAP, *command[1:], "not OBLIGED")
    assert found.returncode == 0, found.stderr
    assert "Mexico is not obliged to do this" in found.stdout
    several = run_argmap(command[0], BUNDLED_MAP, *command[1:], "Mérida")
    assert several.returncode == 2 and several.stdout == ""
    lines = several.stderr.splitlines()
    assert lines[0].startswith(f"argmap: {BUNDLED_MAP}: ") and "claims hold the words 'Mérida'" in lines[0]
    assert re.search(r"^  coleman-revitalized-merida +The two countries should recommit to a revitalized Mérida",
                     several.stderr, re.MULTILINE)
    none = run_argmap(command[0], BUNDLED_MAP, *command[1:], "zebra crossing")
    assert none.returncode == 2 and none.stdout == ""
    assert none.stderr == (f"argmap: {BUNDLED_MAP}: no claim has the id 'zebra crossing' or the words "
                           "'zebra crossing' in its sentence\n")


def test_prep_finds_an_author_by_part_of_the_name_and_lists_several(tmp_path: Path) -> None:
    path = write_map(tmp_path, MAP_ADAPTER.dump_python(make_map(), by_alias=True))
    assert run_argmap("prep", path, "--author", "nunez").stdout.startswith("# Debate prep: Ana Núñez's position")
    result = run_argmap("prep", BUNDLED_MAP, "--author", "a")
    assert result.returncode == 2 and "could be more than one author" in result.stderr
