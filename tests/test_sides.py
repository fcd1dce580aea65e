"""Motions and sides: the format's rules, proposed sides, the case and its blocks, on hand-made maps."""

from __future__ import annotations

import json
from pathlib import Path

from argmap.store import MapError, dump_map, load_map
from tests.conftest import small_map_document, write_map


def problems_of(path: Path) -> list[str]:
    try:
        load_map(path)
    except MapError as error:
        return [str(problem) for problem in error.problems]
    return []


def test_a_map_without_motions_is_written_without_the_field(small_map: Path) -> None:
    assert b"motions" not in dump_map(load_map(small_map).argument_map)


def test_motions_round_trip_and_their_broken_rules_are_named(tmp_path: Path) -> None:
    document = small_map_document()
    document["motions"] = [{"id": "usmca", "text": "The United States should ratify the USMCA.",
                            "aff": ["c1", "c2"], "neg": ["c3"]}]
    path = write_map(tmp_path, document)
    written = dump_map(load_map(path).argument_map)
    assert json.loads(written)["motions"] == document["motions"]

    document["motions"] = [{"id": "usmca", "text": "Ratify.", "aff": ["c1", "ghost", "c1"], "neg": ["c1"]},
                           {"id": "usmca", "text": "Again."}]
    problems = problems_of(write_map(tmp_path, document))
    expected = [
        "motions[0].aff[1]: no claim has the id 'ghost'",
        "motions[0].aff[2]: claim 'c1' is on the affirmative side twice",
        "motions[0].neg[0]: claim 'c1' is on both sides of motion 'usmca'",
        "motions[1].id: the id 'usmca' is used more than once",
    ]
    assert len(problems) == len(expected), problems
    for fragment in expected:
        assert any(fragment in problem for problem in problems), (fragment, problems)
