"""The map's analysis (argmap.analysis) and the debate prep sheet (argmap.formats.prep): small maps worked by hand
for every measure, grounded labelling cross-checked against the formal-argumentation package, the bundled map, and
the `analyze` and `prep` commands."""

from __future__ import annotations

import json
from pathlib import Path

import networkx
import pytest
from argumentation.core.dung import ArgumentationFramework
from argumentation.core.labelling import Label as OracleLabel
from argumentation.core.labelling import grounded_labelling
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.analysis import Label, Standing, analyze, support_components
from argmap.formats.prep import author_sheet, claim_sheet
from argmap.index import MapIndex
from argmap.model import MAP_ADAPTER, ArgumentMap
from argmap.store import load_map
from tests.conftest import BUNDLED_MAP, run_argmap, small_map_document, write_map


def make_map(links: list[tuple[str, str, str]], claims: dict[str, str] | None = None) -> ArgumentMap:
    """A map whose claims are named in `claims` (id -> author) or else by the links, all by author `a`."""
    owners = dict(claims or {})
    for source, _, target in links:
        owners.setdefault(source, "a")
        owners.setdefault(target, "a")
    authors = sorted(set(owners.values()))
    return MAP_ADAPTER.validate_python({
        "format_version": 1,
        "title": "Hand-worked",
        "authors": [{"id": author, "name": f"Author {author.upper()}"} for author in authors],
        "claims": [
            {"id": claim_id, "author": author, "text": f"Claim {claim_id}."} for claim_id, author in owners.items()
        ],
        "links": [{"from": source, "to": target, "relation": relation, "why": f"{source} {relation} {target}"}
                  for source, relation, target in links],
    })


def analysis_of(links: list[tuple[str, str, str]], claims: dict[str, str] | None = None):
    index = MapIndex(make_map(links, claims))
    return index, analyze(index)


def labels(analysis) -> dict[str, str]:
    return {claim_id: standing.label.value for claim_id, standing in analysis.standings.items()}


# Standing: grounded semantics with contradicts as attack --------------------------------------------------------

def test_a_circle_of_three_contradictions_leaves_all_undecided() -> None:
    _, analysis = analysis_of([("a", "contradicts", "b"), ("b", "contradicts", "c"), ("c", "contradicts", "a")])
    assert labels(analysis) == {"a": "undecided", "b": "undecided", "c": "undecided"}


def test_a_chain_of_contradictions_alternates_and_reinstates() -> None:
    _, analysis = analysis_of([("a", "contradicts", "b"), ("b", "contradicts", "c")])
    assert labels(analysis) == {"a": "accepted", "b": "rejected", "c": "accepted"}


def test_two_claims_contradicting_each_other_leave_what_they_attack_undecided() -> None:
    _, analysis = analysis_of([("a", "contradicts", "b"), ("b", "contradicts", "a"), ("a", "contradicts", "c"),
                               ("d", "contradicts", "e")])
    assert labels(analysis) == {"a": "undecided", "b": "undecided", "c": "undecided", "d": "accepted",
                                "e": "rejected"}


def test_a_claim_whose_only_supporter_is_rejected_loses_its_support_but_keeps_its_label() -> None:
    _, analysis = analysis_of([("s", "supports", "t"), ("r", "contradicts", "s"),
                               ("u", "supports", "v"), ("s", "supports", "v")])
    assert analysis.standings["s"] == Standing(Label.REJECTED)
    assert analysis.standings["t"] == Standing(Label.ACCEPTED, lost_support=True)
    # v has one standing supporter left (u): not lost.
    assert analysis.standings["v"] == Standing(Label.ACCEPTED)
    assert analysis.counts()["lost_support"] == 1


def test_an_accepted_qualifier_marks_a_claim_qualified_and_a_rejected_one_does_not() -> None:
    _, analysis = analysis_of([("q", "qualifies", "t"), ("p", "qualifies", "u"), ("r", "contradicts", "p")])
    assert analysis.standings["t"] == Standing(Label.ACCEPTED, qualified=True)
    assert analysis.standings["t"].describe() == "accepted, qualified"
    assert analysis.standings["u"] == Standing(Label.ACCEPTED)
    assert analysis.counts() == {"accepted": 4, "rejected": 1, "undecided": 0, "qualified": 1, "lost_support": 0}


def test_supports_and_qualifies_never_change_a_label() -> None:
    _, with_all = analysis_of([("a", "contradicts", "b"), ("b", "supports", "a"), ("c", "qualifies", "a"),
                               ("b", "contradicts", "c"), ("c", "supports", "b")])
    assert labels(with_all) == {"a": "accepted", "b": "rejected", "c": "accepted"}


@st.composite
def attack_graphs(draw) -> tuple[int, list[tuple[int, str, int]]]:
    size = draw(st.integers(1, 9))
    pairs = [(a, b) for a in range(size) for b in range(size) if a != b]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=min(len(pairs), 24))) if pairs else []
    relations = draw(st.lists(st.sampled_from(["contradicts", "contradicts", "supports", "qualifies"]),
                              min_size=len(chosen), max_size=len(chosen)))
    return size, [(a, relation, b) for (a, b), relation in zip(chosen, relations, strict=True)]


@settings(max_examples=300, deadline=None)
@given(attack_graphs())
def test_grounded_labels_agree_with_the_formal_argumentation_package(graph) -> None:
    """The oracle iterates Dung's characteristic function to its least fixed point; argmap runs a queue with counts
    of live attackers. Supports and qualifies are in the map but must not change a label."""
    size, links = graph
    claims = {f"c{n}": "a" for n in range(size)}
    _, analysis = analysis_of([(f"c{a}", relation, f"c{b}") for a, relation, b in links], claims)
    framework = ArgumentationFramework(
        arguments=frozenset(claims),
        defeats=frozenset((f"c{a}", f"c{b}") for a, relation, b in links if relation == "contradicts"),
    )
    oracle = grounded_labelling(framework).statuses
    expected = {OracleLabel.IN: "accepted", OracleLabel.OUT: "rejected", OracleLabel.UNDEC: "undecided"}
    assert labels(analysis) == {claim_id: expected[oracle[claim_id]] for claim_id in claims}


# Contested and central -----------------------------------------------------------------------------------------

def test_contested_counts_contradictions_twice_and_qualifications_once() -> None:
    _, analysis = analysis_of([("a", "contradicts", "t"), ("b", "contradicts", "t"), ("c", "qualifies", "t"),
                               ("a", "qualifies", "u"), ("b", "qualifies", "u"), ("c", "contradicts", "v"),
                               ("a", "supports", "w")])
    ranked = [(item.claim_id, item.contradicted, item.qualified, item.score) for item in analysis.contested]
    # u and v tie at 2: map order (u was named first).
    assert ranked == [("t", 2, 1, 5), ("u", 0, 2, 2), ("v", 1, 0, 2)]


def test_central_splits_what_rests_on_a_claim_among_its_supporters() -> None:
    # a -> b -> d, a -> c -> d (a diamond), e -> b; x -> y -> z (a chain); p <-> q (a circle) -> r.
    _, analysis = analysis_of([
        ("a", "supports", "b"), ("a", "supports", "c"), ("b", "supports", "d"), ("c", "supports", "d"),
        ("e", "supports", "b"),
        ("x", "supports", "y"), ("y", "supports", "z"),
        ("p", "supports", "q"), ("q", "supports", "p"), ("q", "supports", "r"),
    ])
    rests = {item.claim_id: (item.rests, item.direct) for item in analysis.central}
    # d rests half on b and half on c: b and c hold 0.5 each. b rests half on a, half on e: (1 + 0.5) / 2 each.
    assert rests["b"] == (0.5, 1) and rests["c"] == (0.5, 1)
    assert rests["e"] == (0.75, 1)
    assert rests["a"] == (0.75 + 1.5, 2)
    assert rests["x"] == (2.0, 1) and rests["y"] == (1.0, 1)
    # p and q hold each other up, and r: 2 each.
    assert rests["p"] == (2.0, 1) and rests["q"] == (2.0, 2)
    assert "d" not in rests and "z" not in rests and "r" not in rests
    # Ties at 2.0: more direct supports first (q), then map order (x, p).
    assert [item.claim_id for item in analysis.central][:4] == ["a", "q", "x", "p"]


@settings(max_examples=200, deadline=None)
@given(attack_graphs())
def test_support_components_are_the_strongly_connected_components(graph) -> None:
    size, links = graph
    supports_out = [[] for _ in range(size)]
    for a, _, b in links:
        supports_out[a].append(b)
    component = support_components(supports_out)
    reference = networkx.DiGraph()
    reference.add_nodes_from(range(size))
    reference.add_edges_from((a, b) for a, _, b in links)
    ours = {frozenset(n for n in range(size) if component[n] == c) for c in set(component)}
    assert ours == {frozenset(c) for c in networkx.strongly_connected_components(reference)}
    # Numbered supported-first: every support runs from a higher or equal number to a lower or equal one.
    assert all(component[a] >= component[b] for a, _, b in links)


# Agreement -------------------------------------------------------------------------------------------------------

def test_agreement_nets_and_the_most_agreeing_and_opposed_pairs() -> None:
    owners = {"a1": "ann", "a2": "ann", "b1": "ben", "b2": "ben", "c1": "cy", "d1": "dee"}
    _, analysis = analysis_of([
        ("a1", "supports", "b1"), ("a2", "supports", "b2"),       # ann -> ben: 2 supports
        ("b1", "contradicts", "a2"), ("b2", "qualifies", "a1"),   # ben -> ann: 1 contradicts, 1 qualifies
        ("c1", "contradicts", "a1"),                              # cy -> ann: 1 contradicts
        ("d1", "supports", "c1"),                                 # dee -> cy: 1 support
        ("a1", "supports", "a2"),                                 # within ann: not a pair
    ], owners)
    pairs = {(pair.first, pair.second): pair for pair in analysis.pairs}
    assert len(pairs) == 6
    ann_ben = pairs[("ann", "ben")]
    assert (ann_ben.supports, ann_ben.contradicts, ann_ben.qualifies, ann_ben.total) == (2, 1, 1, 4)
    assert ann_ben.first_to_second.supports == 2 and ann_ben.second_to_first.contradicts == 1
    assert ann_ben.net == pytest.approx(0.25)
    assert pairs[("ann", "cy")].net == -1.0
    assert pairs[("cy", "dee")].net == 1.0
    assert pairs[("ben", "cy")].net is None
    assert [(p.first, p.second) for p in analysis.most_agreeing()] == [("cy", "dee"), ("ann", "ben")]
    assert [(p.first, p.second) for p in analysis.most_opposed()] == [("ann", "cy")]
    # Ranked by net, pairs with no link last.
    assert [pair.net for pair in analysis.pairs] == [1.0, 0.25, -1.0, None, None, None]


# Consistency -----------------------------------------------------------------------------------------------------

def test_consistency_finds_self_contradiction_support_circles_and_unlinked_claims() -> None:
    owners = {"a1": "ann", "a2": "ann", "b1": "ben", "x": "ben", "y": "ben", "z": "ben", "w": "ben",
              "lonely": "ann", "alone": "ben"}
    _, analysis = analysis_of([
        ("a1", "contradicts", "a2"),                                                # ann against herself
        ("b1", "contradicts", "a1"),                                                # across authors: fine
        ("x", "supports", "y"), ("y", "supports", "z"), ("z", "supports", "x"),     # a circle
        ("w", "supports", "x"),                                                     # into it, not in it
    ], owners)
    assert [(f.author_id, f.source_id, f.target_id) for f in analysis.self_contradictions] == [("ann", "a1", "a2")]
    assert len(analysis.support_cycles) == 1
    cycle = analysis.support_cycles[0]
    assert cycle.cycle == ("x", "y", "z", "x")
    assert cycle.claims == ("x", "y", "z")
    assert analysis.unlinked == ("lonely", "alone")


def test_a_map_without_links_or_claims_analyses_to_nothing() -> None:
    _, analysis = analysis_of([], {"c": "a"})
    assert analysis.unlinked == ("c",)
    assert analysis.contested == () and analysis.central == () and analysis.support_cycles == ()
    assert analysis.pairs == ()
    index = MapIndex(MAP_ADAPTER.validate_python({"format_version": 1, "title": "Empty"}))
    assert analyze(index).standings == {}


# The prep sheet --------------------------------------------------------------------------------------------------

def test_prep_sheet_lists_objections_with_what_answers_them() -> None:
    owners = {"t": "ann", "s": "ann", "o": "ben", "q": "ben", "r": "cy"}
    index, analysis = analysis_of([
        ("s", "supports", "t"), ("o", "contradicts", "t"), ("q", "qualifies", "t"), ("r", "contradicts", "o"),
    ], owners)
    sheet = claim_sheet(index, analysis, "t")
    assert sheet.startswith("# Debate prep: Claim t.\n")
    supports = sheet.index("### What supports it")
    contradicts = sheet.index("### What contradicts it")
    qualifies = sheet.index("### What qualifies it")
    assert supports < contradicts < qualifies
    assert "**Author ANN** (accepted): Claim s." in sheet[supports:contradicts]
    objection = sheet[contradicts:qualifies]
    assert "**Author BEN** (rejected): Claim o." in objection
    assert "contradicted by **Author CY** (accepted): Claim r." in objection
    assert "nothing on the map contradicts or qualifies this objection" in sheet[qualifies:]
    assert ("**Standing.** Accepted: Author BEN's claim that “Claim o.” contradicts it but is rejected. "
            "Qualified: Author BEN's claim that “Claim q.” narrows it.\n") in sheet
    with pytest.raises(ValueError, match="no claim has the id"):
        claim_sheet(index, analysis, "nope")


def test_an_authors_sheet_puts_main_theses_first() -> None:
    owners = {"small": "ann", "support": "ann", "big": "ann", "s1": "ann", "s2": "ann", "other": "ben"}
    index, analysis = analysis_of([
        ("support", "supports", "small"), ("s1", "supports", "big"), ("s2", "supports", "s1"),
        ("big", "supports", "other"),
    ], owners)
    sheet = author_sheet(index, analysis, "ann")
    assert "5 claims: 2 main theses" in sheet
    headings = [line for line in sheet.splitlines() if line.startswith("### ")]
    # big rests on two claims of ann's (s1, s2), small on one: big first; then the rest in map order.
    assert headings == ["### Claim big.", "### Claim small.", "### Claim support.", "### Claim s1.", "### Claim s2."]
    assert sheet.index("## Main theses") < sheet.index("### Claim big.") < sheet.index("## Supporting claims")


# The bundled map -------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def bundled():
    index = MapIndex(load_map(BUNDLED_MAP).argument_map)
    return index, analyze(index)


def test_the_bundled_maps_analysis_shows_its_tensions(bundled) -> None:
    index, analysis = bundled
    assert len(analysis.standings) == len(index.claims)
    top = analysis.contested[0]
    assert (top.claim_id, top.contradicted) == ("pereira-drugs-pass-through", 3)
    contradicted = [item for item in analysis.contested if item.contradicted]
    assert len(contradicted) >= 5
    assert analysis.standings["pereira-drugs-pass-through"].label is Label.REJECTED
    assert analysis.with_label(Label.REJECTED)
    assert analysis.counts()["qualified"] > 0
    # Five authors, ten pairs, every one joined by links; Reyes Retana qualifies Pereira sixteen times.
    assert len(analysis.pairs) == 10 and all(pair.total for pair in analysis.pairs)
    pairs = {frozenset((pair.first, pair.second)): pair for pair in analysis.pairs}
    pereira_reyes = pairs[frozenset(("pereira", "reyes-retana"))]
    from_reyes = pereira_reyes.second_to_first if pereira_reyes.first == "pereira" else pereira_reyes.first_to_second
    assert from_reyes.qualifies == 16
    assert analysis.central and analysis.central[0].rests > 1


def test_the_bundled_prep_sheet_lists_the_three_authors_contradicting_pereira(bundled) -> None:
    index, analysis = bundled
    sheet = claim_sheet(index, analysis, "pereira-drugs-pass-through")
    objections = sheet[sheet.index("### What contradicts it"):sheet.index("### What qualifies it")]
    items = [line for line in objections.splitlines() if line.startswith("- ")]
    assert len(items) == 3
    for name in ("Earl Anthony Wayne", "María José Reyes Retana Fernández", "Jonathan Coleman"):
        assert f"**{name}**" in objections
    assert "Mexican organized crime groups help feed U.S. demand for illegal drugs" in objections
    assert ("**Standing.** Rejected: Earl Anthony Wayne's claim that “Drug trafficking is a shared problem in which "
            "Mexican…”, María José Reyes Retana Fernández's claim that “Since 2008 the Mérida Initiative has channeled "
            "anti-drug…” and Jonathan Coleman's claim that “Acting on shared responsibility, the two governments "
            "should…” stand against it.") in sheet


# The command line ------------------------------------------------------------------------------------------------

def test_analyze_prints_every_section() -> None:
    result = run_argmap("analyze", BUNDLED_MAP)
    assert result.returncode == 0, result.stderr
    for heading in ("Agreement between authors", "Most agreeing:", "Most opposed:", "Most contested claims",
                    "Most central claims", "Standing (grounded semantics", "Consistency"):
        assert heading in result.stdout
    assert "Katherine Pereira, rejected, qualified\n      Mexico is not obliged to do this" in result.stdout


def test_analyze_json_is_for_machines(tmp_path: Path) -> None:
    result = run_argmap("analyze", write_map(tmp_path, small_map_document()), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["agreement"][0]["authors"] == ["ana", "bo"]
    assert data["agreement"][0]["qualifies"] == 1 and data["agreement"][0]["net"] == 0.0
    assert data["standing"]["claims"]["c2"] == {"label": "accepted", "qualified": True, "lost_support": False}
    assert data["contested"] == [{"claim": "c2", "contradicted": 0, "qualified": 1, "score": 1}]
    assert data["central"] == [{"claim": "c1", "rests": 1.0, "direct": 1}]
    assert data["consistency"] == {"self_contradictions": [], "support_cycles": [], "unlinked": []}


def test_prep_writes_a_claims_or_an_authors_sheet(tmp_path: Path) -> None:
    result = run_argmap("prep", BUNDLED_MAP, "pereira-drugs-pass-through")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Debate prep: Mexico is not obliged")
    output = tmp_path / "wood.md"
    result = run_argmap("prep", BUNDLED_MAP, "--author", "Duncan", "--output", output)
    assert result.returncode == 0, result.stderr
    assert output.read_text(encoding="utf-8").startswith("# Debate prep: Duncan Wood's position\n")


def test_prep_refuses_an_unknown_claim_or_author_in_one_sentence() -> None:
    result = run_argmap("prep", BUNDLED_MAP, "pereira-drugs-pass-thru")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"argmap: {BUNDLED_MAP}: no claim has the id 'pereira-drugs-pass-thru' or the words "
        "'pereira-drugs-pass-thru' in its sentence; did you mean 'pereira-drugs-pass-through'?"
    ]
    result = run_argmap("prep", BUNDLED_MAP, "--author", "Nobody")
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("arguments", [(), ("pereira-drugs-pass-through", "--author", "wood")])
def test_prep_needs_exactly_one_of_claim_or_author(arguments) -> None:
    result = run_argmap("prep", BUNDLED_MAP, *arguments)
    assert result.returncode == 2
    assert "give either a claim (its id or words from its sentence) or --author NAME" in result.stderr
