"""Candidate links (argmap.suggest): ranking on a small map whose answers are known by construction, what is left
out (the claim's own author, claims already linked either way), the relation guessed only when the links around
say so, the whole map's best pairs, and finding a claim by a part of its text."""

from __future__ import annotations

from argmap import suggest
from argmap.document import Document
from argmap.edits import AddLink
from argmap.index import MapIndex
from argmap.model import MAP_ADAPTER, ArgumentMap, Link, Relation
from argmap.store import load_map
from argmap.suggest import Suggester, stem, words_of
from tests.conftest import BUNDLED_MAP, run_argmap, write_map

CLAIMS = [
    # (id, author, text, topics)
    ("a1", "ana", "Cartels profit from American drug demand.", ["drugs"]),
    ("a2", "ana", "Trade ties bind the two countries.", ["trade"]),
    ("a3", "ana", "Cartels answer to the demand for drugs.", ["drugs"]),
    ("b1", "bo", "Drug demand in America feeds the cartels.", ["drugs"]),
    ("b2", "bo", "Border walls do not stop drug smuggling.", ["drugs", "border"]),
    ("b3", "bo", "Tariffs would hurt manufacturing.", ["trade"]),
    ("c1", "cy", "Cartels launder money through banks.", ["guns-and-cash"]),
    ("c2", "cy", "Demand for drugs drives cartel violence.", ["drugs"]),
    ("c3", "cy", "Ports of entry need scanners.", ["border"]),
    ("c4", "cy", "Elections come every six years.", []),
]
CLAIMS_TEXT = {claim_id: text for claim_id, _, text, _ in CLAIMS}
LINKS = [("c2", "supports", "a1"), ("c3", "contradicts", "a3"), ("a3", "supports", "a1")]


def make_map(links: list[tuple[str, str, str]] = LINKS) -> ArgumentMap:
    return MAP_ADAPTER.validate_python({
        "format_version": 1,
        "title": "Hand-made candidates",
        "authors": [{"id": author, "name": author.title()} for author in ("ana", "bo", "cy")],
        "claims": [{"id": claim_id, "author": author, "text": text, "topics": topics}
                   for claim_id, author, text, topics in CLAIMS],
        "links": [{"from": source, "to": target, "relation": relation, "why": "by hand"}
                  for source, relation, target in links],
    })


def candidates(claim_id: str, links: list[tuple[str, str, str]] = LINKS, top: int = 10) -> list[str]:
    return [suggestion.other_id for suggestion in Suggester(MapIndex(make_map(links))).for_claim(claim_id, top)]


def test_candidates_rank_by_shared_words_then_topics_and_leave_out_the_same_author_and_linked_claims() -> None:
    # b1 shares three words and the topic; b2 one word and the topic; c3 no word but a neighbour (a3); c1 one
    # common word. a3 (same author) and c2 (already supports a1) would rank first; b3 and c4 share nothing.
    assert candidates("a1") == ["b1", "b2", "c3", "c1"]
    assert candidates("a1", top=2) == ["b1", "b2"]


def test_a_link_either_way_takes_the_pair_out_and_removing_it_brings_it_back() -> None:
    assert "c2" not in candidates("a1")  # c2 -> a1
    assert "a1" not in candidates("c2")  # the other end does not suggest it either
    without = [link for link in LINKS if link[0] != "c2"]
    assert candidates("a1", without) == ["b1", "c2", "b2", "c3", "c1"]


def test_a_claim_linked_to_a_neighbour_ranks_above_the_same_claim_unlinked() -> None:
    # c3 shares no word or topic with a1; it reaches a1 only through a3 (c3 contradicts a3, which supports a1)
    assert "c3" in candidates("a1")
    assert "c3" not in candidates("a1", [link for link in LINKS if link[0] != "c3"])


def test_the_relation_is_guessed_only_from_links_around_that_agree() -> None:
    suggester = Suggester(MapIndex(make_map()))
    by_id = {suggestion.other_id: suggestion for suggestion in suggester.for_claim("a1")}
    # c3 contradicts a3, which supports a1: c3 perhaps contradicts a1
    assert by_id["c3"].relation is Relation.CONTRADICTS
    assert by_id["c3"].through == ("a3",)
    index = suggester.index
    assert "both linked to “Cartels answer to the demand for drugs.”" in by_id["c3"].reason(index)
    assert by_id["c3"].guess(index) == "perhaps contradicts, as the links through “Cartels answer to the demand for " \
        "drugs.” suggest"
    assert by_id["b1"].relation is None and by_id["b1"].guess(index) == ""  # wording alone says nothing of relation
    mixed = [*LINKS, ("c3", "supports", "c2")]  # c3 -> c2 -> a1 says supports, c3 -> a3 -> a1 contradicts
    mixed_suggester = Suggester(MapIndex(make_map(mixed)))
    mixed_by_id = {suggestion.other_id: suggestion for suggestion in mixed_suggester.for_claim("a1")}
    assert mixed_by_id["c3"].relation is None
    assert set(mixed_by_id["c3"].through) == {"a3", "c2"}


def test_the_reason_names_the_shared_topics_and_the_weightiest_shared_words_as_written() -> None:
    index = MapIndex(make_map())
    suggestion = Suggester(index).for_claim("a1")[0]
    assert suggestion.other_id == "b1"
    assert suggestion.topics == ("drugs",)
    assert suggestion.words == ("demand", "cartels", "drug")  # the rarest first, as a1 spells them
    assert suggestion.reason(index) == "shares topics: drugs; words: demand, cartels, drug"


def test_the_whole_map_gives_each_unlinked_cross_author_pair_once_best_first() -> None:
    pairs = Suggester(MapIndex(make_map())).best_pairs(top=50)
    keys = [frozenset((pair.claim_id, pair.other_id)) for pair in pairs]
    assert len(keys) == len(set(keys))
    authors = {claim_id: author for claim_id, author, _, _ in CLAIMS}
    assert all(authors[pair.claim_id] != authors[pair.other_id] for pair in pairs)
    linked = {frozenset((source, target)) for source, _, target in LINKS}
    assert not linked & set(keys)
    assert [pair.score for pair in pairs] == sorted((pair.score for pair in pairs), reverse=True)
    assert keys[:3] == [frozenset(("a3", "c2")), frozenset(("a3", "b1")), frozenset(("a1", "b1"))]


def test_a_claim_with_nothing_in_common_gets_no_candidates_and_an_unknown_id_none() -> None:
    suggester = Suggester(MapIndex(make_map()))
    assert suggester.for_claim("c4") == []
    assert [s.other_id for s in suggester.for_claim("b3")] == ["a2"]  # no shared word, one shared topic
    assert suggester.for_claim("nope") == []
    empty = MAP_ADAPTER.validate_python({"format_version": 1, "title": "Empty"})
    assert Suggester(MapIndex(empty)).best_pairs() == []


def test_words_are_folded_plural_free_and_stop_words_go() -> None:
    assert [term for term, _ in words_of("The Policías' policies, NOT the cartels, of 2017 & 12")] == [
        "policia", "policy", "cartel", "2017"]
    assert stem("process") == "process" and stem("crisis") == "crisis" and stem("gas") == "gas"


def test_each_version_of_an_open_map_has_its_own_candidates(tmp_path) -> None:
    document = Document.open(write_map(tmp_path, MAP_ADAPTER.dump_python(make_map(), by_alias=True)))
    before = document.version.suggestions
    assert candidates_of(document, "a1")[0] == "b1"
    document.apply(AddLink(Link(source_id="b1", target_id="a1", relation=Relation.SUPPORTS, why="same point")))
    assert document.version.suggestions is not before
    assert "b1" not in candidates_of(document, "a1")
    document.undo()
    assert candidates_of(document, "a1")[0] == "b1"


def candidates_of(document: Document, claim_id: str) -> list[str]:
    return [suggestion.other_id for suggestion in document.version.suggestions.for_claim(claim_id)]


def test_on_the_bundled_map_no_claim_reaches_the_budgets_so_its_candidates_are_exact(monkeypatch) -> None:
    suggester = Suggester(MapIndex(load_map(BUNDLED_MAP).argument_map))
    budgeted = [(s.claim_id, s.other_id, s.score) for s in suggester.best_pairs(top=40)]
    one_claim = suggester.for_claim("pereira-economics-foundation")
    monkeypatch.setattr(suggest, "MAP_BUDGET", 10**9)
    monkeypatch.setattr(suggest, "CLAIM_BUDGET", 10**9)
    assert [(s.claim_id, s.other_id, s.score) for s in suggester.best_pairs(top=40)] == budgeted
    assert suggester.for_claim("pereira-economics-foundation") == one_claim
    monkeypatch.setattr(suggest, "MAP_BUDGET", 5)
    assert [(s.claim_id, s.other_id, s.score) for s in suggester.best_pairs(top=40)] != budgeted  # the test can fail


def test_shared_words_are_shown_as_the_claim_writes_them() -> None:
    assert list(words_of("Policías de Mérida, cafe\u0301s")) == [
        ("policia", "policías"), ("de", "de"), ("merida", "mérida"), ("cafe", "cafe\u0301s")]


# The command line -------------------------------------------------------------------------------------------------

def test_suggest_prints_the_whole_maps_best_pairs_or_one_claims_candidates(tmp_path) -> None:
    path = write_map(tmp_path, MAP_ADAPTER.dump_python(make_map(), by_alias=True))
    whole = run_argmap("suggest", path, "--top", "2")
    assert whole.returncode == 0, whole.stderr
    assert whole.stdout.count(" 1. 0.57  Ana and Cy\n    “Cartels answer to the demand for drugs.”\n") == 1
    assert " 2. 0.44  Ana and Bo\n    “Cartels answer to the demand for drugs.”\n" in whole.stdout
    assert " 3. " not in whole.stdout
    one = run_argmap("suggest", path, "profit from american")  # a1, by a part of its text
    assert one.returncode == 0, one.stderr
    assert one.stdout.startswith("Candidate links for Ana's claim\n  Cartels profit from American drug demand.\n")
    lines = one.stdout.splitlines()
    ranked = [lines[number + 1].strip() for number, line in enumerate(lines) if line[:4].strip().rstrip(".").isdigit()]
    assert ranked == [f"“{CLAIMS_TEXT[claim_id]}”" for claim_id in ("b1", "b2", "c3", "c1")]
    assert "    shares topics: drugs; words: demand, cartels, drug\n" in one.stdout
    assert "    perhaps contradicts, as the links through “Cartels answer to the demand for drugs.” suggest\n" \
        in one.stdout
    alone = run_argmap("suggest", path, "c4")
    assert alone.returncode == 0 and "No claim of another author that is not linked to it yet shares" in alone.stdout


def test_suggest_names_the_map_and_what_matched_when_the_claim_is_wrong_or_ambiguous(tmp_path) -> None:
    path = write_map(tmp_path, MAP_ADAPTER.dump_python(make_map(), by_alias=True))
    result = run_argmap("suggest", path, "zebra")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == f"argmap: {path}: no claim has the id 'zebra' or the words 'zebra' in its sentence\n"
    result = run_argmap("suggest", path, "cartel")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"argmap: {path}: 5 claims hold the words 'cartel'; give more of the sentence, or one of these ids:",
        "  a1  Cartels profit from American drug demand.",
        "  a3  Cartels answer to the demand for drugs.",
        "  b1  Drug demand in America feeds the cartels.",
        "  c1  Cartels launder money through banks.",
        "  c2  Demand for drugs drives cartel violence.",
    ]
