"""Motions and sides: the format's rules, proposed sides, the case and its blocks, on hand-made maps."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from argmap.analysis import analyze
from argmap.case import case_of
from argmap.compare import compare_by_side
from argmap.filters import ClaimFilter
from argmap.index import MapIndex
from argmap.outline import Grouping, outline
from argmap.sides import propose_sides, reason
from argmap.sources import SourceTexts
from argmap.store import MapError, dump_map, load_map
from tests.conftest import run_argmap, small_map_document, write_map
from tests.hostile import POISON, hostile_document


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


# Proposed sides, on a hand-made map whose answer is known

CLAIMS = ["k", "s1", "s2", "c1", "c2", "x", "d", "t", "q", "up", "lone", "n0", "m", "r"]
LINKS = [
    ("s1", "k", "supports"),     # supports a key claim: affirmative
    ("s2", "s1", "supports"),    # through a chain of supports: affirmative
    ("c1", "k", "contradicts"),  # contradicts a key claim: negative
    ("c2", "c1", "contradicts"), # contradicts a negative claim: affirmative
    ("x", "c1", "supports"),     # supports a negative claim: negative
    ("k", "d", "contradicts"),   # contradicted by a key claim: negative
    ("t", "s1", "supports"),     # supports both an affirmative and a negative claim at one step: left to the user
    ("t", "c1", "supports"),
    ("q", "k", "qualifies"),     # a qualification takes no side
    ("k", "up", "supports"),     # what an affirmative claim supports is not thereby affirmative
    ("m", "n0", "supports"),     # supports a claim already on the negative
    ("r", "c1", "qualifies"),    # answers an attack, takes no side
]


def sided_document() -> dict:
    document = small_map_document()
    document["claims"] = [{"id": claim_id, "author": "bo" if claim_id.startswith(("c", "x", "d")) else "ana",
                           "text": f"Claim {claim_id} says something."} for claim_id in CLAIMS]
    document["links"] = [{"from": a, "to": b, "relation": relation, "why": f"{a} to {b}"} for a, b, relation in LINKS]
    document["motions"] = [{"id": "usmca", "text": "The United States should ratify the USMCA.", "aff": [],
                            "neg": ["n0"]}]
    return document


def test_sides_are_proposed_as_the_relations_compose_each_with_its_reason(tmp_path: Path) -> None:
    index = MapIndex(load_map(write_map(tmp_path, sided_document())).argument_map)
    motion = index.map.motions[0]
    proposal = propose_sides(index, motion, ["k"])
    assert [p.claim_id for p in proposal.on("aff")] == ["k", "s1", "s2", "c2"]
    assert [p.claim_id for p in proposal.on("neg")] == ["c1", "d", "m", "x"]
    assert [c.claim_id for c in proposal.contested] == ["t"]
    assert proposal.unreached == 4  # q, up, lone, r (n0 was on its side already)
    reasons = {p.claim_id: reason(index, p) for p in proposal.proposed}
    assert reasons["k"] == "it is a key claim of the motion"
    assert reasons["c2"] == "it contradicts Bo Li's claim “Claim c1 says something.”, on the negative"
    assert reasons["d"] == "it is contradicted by Ana Núñez's claim “Claim k says something.”, on the affirmative"
    assert reasons["m"] == "it supports Ana Núñez's claim “Claim n0 says something.”, on the negative"
    accepted = proposal.accepted()
    assert (accepted.aff, accepted.neg) == (["k", "s1", "s2", "c2"], ["n0", "c1", "d", "m", "x"])
    assert motion.aff == [] and motion.neg == ["n0"], "a proposal changes nothing by itself"


def test_without_key_claims_the_claims_on_the_sides_are_the_seeds(tmp_path: Path) -> None:
    document = sided_document()
    document["motions"][0]["aff"] = ["c2"]
    index = MapIndex(load_map(write_map(tmp_path, document)).argument_map)
    proposal = propose_sides(index, index.map.motions[0])
    assert [p.claim_id for p in proposal.on("neg")] == ["c1", "m", "x", "t", "d"]
    assert [p.claim_id for p in proposal.on("aff")] == ["k", "s1", "s2"]
    with pytest.raises(ValueError, match="'n0' is on the negative"):
        propose_sides(index, index.map.motions[0], ["n0"])


def test_sides_prints_the_proposal_and_writes_only_when_accepted(tmp_path: Path) -> None:
    path = write_map(tmp_path, sided_document())
    before = path.read_bytes()
    shown = run_argmap("sides", path, "--motion", "ratify", "--key", "k")
    assert shown.returncode == 0, shown.stderr
    assert "Proposed for the affirmative (4 claims):" in shown.stdout
    assert "Ana Núñez: Claim s2 says something.\n      because it supports Ana Núñez's claim" in shown.stdout
    assert "Reached for both sides, left to you (1 claim):" in shown.stdout
    assert "Nothing written: run again with --accept" in shown.stdout
    assert path.read_bytes() == before

    accepted = run_argmap("sides", path, "--motion", "usmca", "--key", "k", "--accept")
    assert accepted.returncode == 0, accepted.stderr
    assert "set the sides of motion 'The United States should…' (4 affirmative, 5 negative)" in accepted.stdout
    motion = json.loads(path.read_text(encoding="utf-8"))["motions"][0]
    assert (motion["aff"], motion["neg"]) == (["k", "s1", "s2", "c2"], ["n0", "c1", "d", "m", "x"])
    assert run_argmap("validate", path).returncode == 0


def test_sides_adds_a_new_motion_and_names_what_is_wrong(tmp_path: Path) -> None:
    path = write_map(tmp_path, small_map_document())
    missing = run_argmap("sides", path)
    assert missing.returncode == 1 and "the map holds no motion; add one with --motion ID --text" in missing.stderr
    added = run_argmap("sides", path, "--motion", "ratify", "--text", "Ratify it.", "--key", "c2", "--accept")
    assert added.returncode == 0, added.stderr
    motion = json.loads(path.read_text(encoding="utf-8"))["motions"][0]
    assert motion == {"id": "ratify", "text": "Ratify it.", "aff": ["c2", "c1"], "neg": []}
    for words, fault in ((["--motion", "two words", "--text", "Ratify."], "The id must be one word"),
                         (["--motion", "ratify", "--text", "  "], "The text must not be empty or only spaces")):
        refused = run_argmap("sides", path, *words)
        assert refused.returncode == 2 and fault in refused.stderr and "Traceback" not in refused.stderr, words
    unknown = run_argmap("sides", path, "--motion", "nothing like it")
    assert unknown.returncode == 1 and "no motion has the id 'nothing like it'" in unknown.stderr
    assert "Traceback" not in unknown.stderr


# The case and its blocks


def test_every_block_lists_every_attack_and_every_answer_the_map_holds(tmp_path: Path) -> None:
    document = sided_document()
    document["motions"][0].update(aff=["k", "s1", "s2", "c2"], neg=["n0", "c1", "d", "m", "x"])
    path = write_map(tmp_path, document)
    index = MapIndex(load_map(path).argument_map)
    analysis = analyze(index)
    case = case_of(index, analysis, SourceTexts(index.map, path.parent), index.map.motions[0], "aff")

    def into(claim_id: str, *relations: str) -> list[tuple[str, str]]:
        return [(a, relation) for a, b, relation in LINKS if b == claim_id and relation in relations]

    assert {block.card.claim_id for block in case.blocks} == {"k", "s1", "s2", "c2"}
    for block in case.blocks:
        claim_id = block.card.claim_id
        attacks = [(attack.entry.card.claim_id, attack.entry.link.relation.value) for attack in block.attacks]
        assert sorted(attacks) == sorted(into(claim_id, "contradicts", "qualifies"))
        assert [e.card.claim_id for e in block.supporters] == [a for a, _ in into(claim_id, "supports")]
        for attack in block.attacks:
            answers = [(e.card.claim_id, e.link.relation.value) for e in attack.answers]
            assert sorted(answers) == sorted(into(attack.entry.card.claim_id, "contradicts", "qualifies"))
    k = next(block for block in case.blocks if block.card.claim_id == "k")
    assert [(a.entry.card.claim_id, a.side) for a in k.attacks] == [("c1", "neg"), ("q", None)]
    assert sorted(e.card.claim_id for e in k.attacks[0].answers) == ["c2", "r"]
    # Accepted claims before the qualified one (k, which the accepted q qualifies); within, more resting first:
    # s1 holds up k and what k supports (2), s2 half of that and s1 (1.5), c2 nothing.
    assert [(block.card.claim_id, block.rests) for block in case.blocks] == [
        ("s1", 2.0), ("s2", 1.5), ("c2", 0.0), ("k", 1.0)]
    assert analysis.standings["k"].qualified


def test_prep_for_a_side_prints_the_case_and_its_blocks(tmp_path: Path) -> None:
    document = sided_document()
    document["motions"][0].update(aff=["k", "s1", "s2", "c2"], neg=["n0", "c1", "d", "m", "x"])
    path = write_map(tmp_path, document)
    result = run_argmap("prep", path, "--motion", "usmca", "--side", "aff")
    assert result.returncode == 0, result.stderr
    sheet = result.stdout
    assert sheet.startswith("# The affirmative case: The United States should ratify the USMCA.\n")
    assert "## 4. Claim k says something." in sheet
    assert "4 claims on the affirmative, strongest first (the best standing, then the most resting on it)." in sheet
    assert re.findall(r"^\*Standing: (.+)\.\*$", sheet, re.MULTILINE) == [
        "accepted; 2 claims rest on it", "accepted; about 2 claims rest on it", "accepted",
        "accepted, qualified; 1 claim rests on it"]
    assert "#### Attack 1: Bo Li contradicts it, on the negative" in sheet
    assert "*Contradicts the attack:*\n\n**Claim c2 says something.**" in sheet
    assert "*Qualifies the attack:*\n\n**Claim r says something.**" in sheet
    assert "#### Attack 2: Ana Núñez qualifies it\n" in sheet
    assert "No answer on the map: nothing contradicts or qualifies this attack" in sheet
    negative = run_argmap("prep", path, "--motion", "usmca", "--side", "neg", "-o", tmp_path / "neg.md")
    assert negative.returncode == 0 and (tmp_path / "neg.md").read_text(encoding="utf-8").startswith(
        "# The negative case:")
    empty = run_argmap("prep", write_map(tmp_path, sided_document(), "empty.json"), "--side", "aff").stdout
    assert "No claim is on the affirmative of this motion yet" in empty and "For each" not in empty
    assert "0 claims" not in empty
    wrong = run_argmap("prep", path, "--motion", "usmca")
    assert wrong.returncode == 2 and "--motion goes with --side aff|neg" in wrong.stderr


def test_a_case_card_holds_the_quote_exactly_in_its_context(bundled_copy: Path) -> None:
    document = json.loads(bundled_copy.read_text(encoding="utf-8"))
    document["motions"] = [{"id": "usmca", "text": "The United States should ratify the USMCA",
                            "aff": ["coleman-ratify-usmca"], "neg": []}]
    bundled_copy.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    result = run_argmap("prep", bundled_copy, "--side", "aff")
    assert result.returncode == 0, result.stderr
    claim = next(c for c in document["claims"] if c["id"] == "coleman-ratify-usmca")
    assert f"**{claim['quote']['text']}**" in " ".join(result.stdout.split())
    assert "Jonathan Coleman" in result.stdout


def test_every_card_of_a_case_is_laid_out_as_argmap_cards_writes_it(bundled_copy: Path) -> None:
    document = json.loads(bundled_copy.read_text(encoding="utf-8"))
    document["motions"] = [{"id": "usmca", "text": "The United States should ratify the USMCA",
                            "aff": ["coleman-ratify-usmca", "pereira-drugs-pass-through"], "neg": []}]
    bundled_copy.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    sheet = run_argmap("prep", bundled_copy, "--side", "aff").stdout
    cards = run_argmap("cards", bundled_copy).stdout
    bodies = dict(re.findall(r"^## ([^\n]+)\n\n(.+?)\n*(?=^## |\Z)", cards, re.MULTILINE | re.DOTALL))
    tags = re.findall(r"^## \d+\. (.+)$|^(?:\*[^*\n]+:\*|#### [^\n]+)\n\n\*\*(.+)\*\*$", sheet, re.MULTILINE)
    shown = [numbered or bold for numbered, bold in tags]
    assert len(shown) > 10 and set(shown) <= set(bodies)
    for tag in shown:
        assert re.search(re.escape(tag) + r"(\*\*)?\n\n" + re.escape(bodies[tag]) + "\n\n", sheet), tag


def test_sides_and_case_survive_hostile_texts(tmp_path: Path) -> None:
    document = hostile_document()
    ids = [claim["id"] for claim in document["claims"]]
    document["motions"] = [{"id": 'motion:"1"', "text": "Ratify \x1b]0;pwned\x07 [/] <b> & `it` \u202eesrever",
                            "aff": ids[:3], "neg": ids[3:5]}]
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    for command in (["sides", path], ["sides", path, "--key", ids[6], "--accept"],
                    ["prep", path, "--side", "aff"], ["prep", path, "--side", "neg"]):
        result = run_argmap(*command)
        output = result.stdout + result.stderr
        assert result.returncode == 0 and "Traceback" not in output, output
        assert not [character for character in POISON if character in output], command
        assert "esrever" in output
    sheet = run_argmap("prep", path, "--side", "aff").stdout
    assert "\\[/\\] \\<b\\> & \\`it\\`" in sheet, "markup in a motion is shown as typed"
    assert run_argmap("validate", path).returncode == 0


# Grouping by side


def test_the_tree_and_the_comparison_group_claims_by_side(tmp_path: Path) -> None:
    document = sided_document()
    document["motions"].append({"id": "other", "text": "Another motion.", "aff": ["q"], "neg": ["k"]})
    document["motions"][0].update(aff=["k", "s1"], neg=["n0", "c1"])
    index = MapIndex(load_map(write_map(tmp_path, document)).argument_map)
    groups = outline(index, Grouping.SIDE, ClaimFilter())
    assert [(g.label, [c.id for c in g.claims]) for g in groups] == [
        ("For: The United States should ratify the USMCA.", ["k", "s1"]),
        ("Against: The United States should ratify the USMCA.", ["n0", "c1"]),
        ("For: Another motion.", ["q"]),
        ("Against: Another motion.", ["k"]),
        ("On no side", ["s2", "c2", "x", "d", "t", "up", "lone", "m", "r"]),
    ]
    only_bo = outline(index, Grouping.SIDE, ClaimFilter(authors=frozenset({"bo"})))
    assert [(g.label, [c.id for c in g.claims]) for g in only_bo] == [
        ("Against: The United States should ratify the USMCA.", ["c1"]), ("On no side", ["c2", "x", "d"])]
    comparison = compare_by_side(index, ["ana", "bo"])
    assert comparison.topics[:2] == ("For: The United States should ratify the USMCA.",
                                     "Against: The United States should ratify the USMCA.")
    against = comparison.topics[1]
    assert ([c.id for c in comparison.cells[(against, "ana")]], [c.id for c in comparison.cells[(against, "bo")]]) \
        == (["n0"], ["c1"])
    assert outline(MapIndex(load_map(write_map(tmp_path, small_map_document())).argument_map), Grouping.SIDE,
                   ClaimFilter()) == [], "no motion, no sides"
