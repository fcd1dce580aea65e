"""Comparing authors: claims by topic, the links between them, and `argmap compare`."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from argmap.compare import (
    AgreementCell,
    RelatedClaim,
    agreement_matrix,
    compare_authors,
    links_between,
    related_claims,
    resolve_author,
)
from argmap.formats.comparison_text import format_cell, render_comparison_text
from argmap.index import MapIndex
from argmap.model import MAP_ADAPTER, Relation, check_integrity
from argmap.topics import NO_TOPIC
from tests.conftest import BUNDLED_MAP, run_argmap

S, C, Q = Relation.SUPPORTS, Relation.CONTRADICTS, Relation.QUALIFIES


def three_author_map() -> MapIndex:
    """Ana, Bo and Cy, with links within and across authors; the expected numbers below are worked by hand."""
    claims = [
        ("a1", "ana", ["trade", "security"]),
        ("a2", "ana", ["trade"]),
        ("a3", "ana", []),
        ("b1", "bo", ["trade"]),
        ("b2", "bo", ["drugs"]),
        ("c1", "cy", ["security"]),
    ]
    links = [
        ("a1", "a2", "supports"),
        ("a3", "a1", "qualifies"),
        ("b1", "a1", "contradicts"),
        ("b1", "a2", "supports"),
        ("a2", "b2", "qualifies"),
        ("b2", "b1", "supports"),
        ("c1", "a1", "supports"),
        ("a1", "c1", "qualifies"),
        ("b1", "a1", "qualifies"),
    ]
    argument_map = MAP_ADAPTER.validate_python({
        "format_version": 1,
        "title": "Three authors",
        "authors": [
            {"id": "ana", "name": "Ana Núñez"},
            {"id": "bo", "name": "Bo Li"},
            {"id": "cy", "name": "Cy Núñez-Ortiz"},
        ],
        "claims": [
            {"id": claim_id, "author": author, "text": f"Claim {claim_id} says something.", "topics": topics}
            for claim_id, author, topics in claims
        ],
        "links": [{"from": a, "to": b, "relation": relation, "why": f"{a} to {b}"} for a, b, relation in links],
    })
    assert check_integrity(argument_map) == []
    return MapIndex(argument_map)


def ids(claims) -> tuple[str, ...]:
    return tuple(claim.id for claim in claims)


# The core, on a hand-built map


def test_comparison_rows_are_topics_most_used_first_with_no_topic_last() -> None:
    comparison = compare_authors(three_author_map(), ["ana", "bo"])
    assert comparison.author_ids == ("ana", "bo")
    # trade: a1, a2, b1 (3); drugs: b2 (1); security: a1 (1; c1 is Cy's, not compared); ties by name.
    assert comparison.topics == ("trade", "drugs", "security", NO_TOPIC)
    cells = {key: ids(value) for key, value in comparison.cells.items()}
    assert cells == {
        ("trade", "ana"): ("a1", "a2"), ("trade", "bo"): ("b1",),
        ("drugs", "ana"): (), ("drugs", "bo"): ("b2",),
        ("security", "ana"): ("a1",), ("security", "bo"): (),
        (NO_TOPIC, "ana"): ("a3",), (NO_TOPIC, "bo"): (),
    }


def test_comparison_keeps_the_order_asked_and_counts_only_the_chosen_authors() -> None:
    comparison = compare_authors(three_author_map(), ["cy", "bo"])
    assert comparison.author_ids == ("cy", "bo")
    assert comparison.topics == ("drugs", "security", "trade"), "no claim of Cy or Bo lacks a topic"
    assert ids(comparison.cells[("security", "cy")]) == ("c1",)


@pytest.mark.parametrize(
    ("authors", "words"),
    [
        (["ana"], ["2 to 5", "not 1"]),
        ([], ["2 to 5", "not 0"]),
        (["ana", "bo", "cy", "ana", "bo", "cy"], ["2 to 5", "not 6"]),
        (["ana", "ana"], ["'ana'", "more than once"]),
        (["ana", "ghost"], ["'ghost'", "ana, bo, cy"]),
    ],
)
def test_comparing_the_wrong_authors_is_a_plain_sentence(authors: list[str], words: list[str]) -> None:
    with pytest.raises(ValueError) as raised:
        compare_authors(three_author_map(), authors)
    message = str(raised.value)
    assert "\n" not in message
    for word in words:
        assert word in message


def test_agreement_matrix_counts_links_by_relation_from_row_author_to_column_author() -> None:
    matrix = agreement_matrix(three_author_map(), ["ana", "bo"])
    assert matrix == {
        ("ana", "ana"): AgreementCell(supports=1, contradicts=0, qualifies=1),  # a1>a2 s, a3>a1 q
        ("ana", "bo"): AgreementCell(supports=0, contradicts=0, qualifies=1),   # a2>b2 q
        ("bo", "ana"): AgreementCell(supports=1, contradicts=1, qualifies=1),   # b1>a1 c, b1>a2 s, b1>a1 q
        ("bo", "bo"): AgreementCell(supports=1, contradicts=0, qualifies=0),    # b2>b1 s
    }
    assert list(matrix) == [("ana", "ana"), ("ana", "bo"), ("bo", "ana"), ("bo", "bo")]
    assert matrix[("bo", "ana")].total == 3
    assert format_cell(matrix[("bo", "ana")]) == "1s 1c 1q"


def test_agreement_matrix_with_a_third_author() -> None:
    matrix = agreement_matrix(three_author_map(), ["ana", "bo", "cy"])
    assert len(matrix) == 9
    assert matrix[("cy", "ana")] == AgreementCell(1, 0, 0)
    assert matrix[("ana", "cy")] == AgreementCell(0, 0, 1)
    assert matrix[("cy", "bo")].total == matrix[("bo", "cy")].total == matrix[("cy", "cy")].total == 0
    assert sum(cell.total for cell in matrix.values()) == 9, "every link of the map is between these three"


def test_links_between_are_the_links_behind_a_cell_in_map_order() -> None:
    index = three_author_map()
    behind = links_between(index, "bo", "ana")
    assert [(link.source_id, link.target_id, link.relation) for link in behind] == [
        ("b1", "a1", C), ("b1", "a2", S), ("b1", "a1", Q)
    ]
    assert [link.key for link in links_between(index, "ana", "bo")] == [("a2", "b2", Q)]
    assert links_between(index, "cy", "bo") == []
    with pytest.raises(ValueError, match="'ghost'"):
        links_between(index, "ghost", "ana")


def test_related_claims_are_other_authors_claims_with_relation_and_direction() -> None:
    index = three_author_map()
    related = related_claims(index, "a1", {"ana", "bo", "cy"})
    # a1>a2 is Ana's own claim and left out; outgoing links come first, then incoming in map order.
    assert related == {
        "c1": (RelatedClaim("c1", Q, True, "a1 to c1"), RelatedClaim("c1", S, False, "c1 to a1")),
        "b1": (RelatedClaim("b1", C, False, "b1 to a1"), RelatedClaim("b1", Q, False, "b1 to a1")),
    }
    assert list(related_claims(index, "a1", ["bo"])) == ["b1"]
    assert related_claims(index, "a1", ["ana"]) == {}, "the claim's own author is never 'other'"
    assert related_claims(index, "b2", ["ana", "bo"]) == {"a2": (RelatedClaim("a2", Q, False, "a2 to b2"),)}
    with pytest.raises(ValueError, match="'zz'"):
        related_claims(index, "zz", ["ana"])


@pytest.mark.parametrize(
    ("asked", "author_id"),
    [("ana", "ana"), ("ANA", "ana"), ("Bo Li", "bo"), ("li", "bo"), ("ortiz", "cy"), ("nunez ortiz", "cy"),
     ("NÚÑEZ-ORTIZ", "cy"), ("ana nunez", "ana"), (" bo ", "bo")],
)
def test_resolve_author_takes_an_id_or_a_unique_part_of_the_name(asked: str, author_id: str) -> None:
    assert resolve_author(three_author_map(), asked) == author_id


def test_resolve_author_refuses_unknown_and_ambiguous_names_plainly() -> None:
    index = three_author_map()
    with pytest.raises(ValueError) as unknown:
        resolve_author(index, "zed")
    assert "'zed'" in str(unknown.value) and "ana, bo, cy" in str(unknown.value)
    with pytest.raises(ValueError) as ambiguous:
        resolve_author(index, "Nunez")
    assert "more than one author" in str(ambiguous.value)
    assert "Ana Núñez (ana)" in str(ambiguous.value) and "Cy Núñez-Ortiz (cy)" in str(ambiguous.value)
    with pytest.raises(ValueError):
        resolve_author(index, "  ")


def test_render_lists_each_authors_claims_per_topic_then_the_matrix() -> None:
    index = three_author_map()
    comparison = compare_authors(index, ["ana", "bo"])
    text = render_comparison_text(index, comparison, agreement_matrix(index, ["ana", "bo"]), width=60)
    lines = text.splitlines()
    for topic in comparison.topics:
        assert f"== {topic} ==" in lines
    assert "    - Claim a1 says something." in lines
    trade = lines.index("== trade ==")
    assert lines[trade + 1:trade + 5] == [
        "  Ana Núñez: 2 claims", "    - Claim a1 says something.", "    - Claim a2 says something.",
        "  Bo Li: 1 claim",
    ]
    assert "  from \\ to  Ana Núñez  Bo Li" in lines, "columns named by the authors' names, not their ids"
    assert "  Ana Núñez  1s 0c 1q   0s 0c 1q" in lines
    assert "  Bo Li      1s 1c 1q   1s 0c 0q" in lines
    assert any(line.startswith("Legend: s supports, c contradicts, q qualifies") for line in lines)
    assert all(len(line) <= 60 for line in lines)


def test_the_core_does_not_import_textual() -> None:
    code = "import sys, argmap.compare; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False"


# The core, on the bundled map (its links are still being written: expectations come from the map itself)



def expected_counts(index: MapIndex) -> Counter[tuple[str, str, Relation]]:
    return Counter(
        (index.claims[link.source_id].author, index.claims[link.target_id].author, link.relation)
        for link in index.map.links
    )


def test_bundled_comparison_of_pereira_and_wood(bundled: MapIndex) -> None:
    comparison = compare_authors(bundled, ["pereira", "wood"])
    chosen = [claim for claim in bundled.map.claims if claim.author in {"pereira", "wood"}]
    uses = Counter(topic for claim in chosen for topic in claim.topics)
    assert set(comparison.topics) - {NO_TOPIC} == set(uses)
    assert [uses[topic] for topic in comparison.topics if topic != NO_TOPIC] == sorted(uses.values(), reverse=True)
    assert any(comparison.cells[(topic, "pereira")] and comparison.cells[(topic, "wood")]
               for topic in comparison.topics), "some topic has claims of both"
    for (topic, author_id), claims in comparison.cells.items():
        assert all(claim.author == author_id for claim in claims)
        assert all(topic in claim.topics if topic != NO_TOPIC else not claim.topics for claim in claims)
    for author_id in ("pereira", "wood"):
        every = {claim.id for topic in comparison.topics for claim in comparison.cells[(topic, author_id)]}
        assert every == {claim.id for claim in bundled.claims_by_author[author_id]}


def test_bundled_matrix_matches_the_maps_links(bundled: MapIndex) -> None:
    authors = [author.id for author in bundled.map.authors]
    matrix = agreement_matrix(bundled, authors)
    counts = expected_counts(bundled)
    for (source, target), cell in matrix.items():
        assert (cell.supports, cell.contradicts, cell.qualifies) == tuple(counts[(source, target, r)] for r in Relation)
        assert len(links_between(bundled, source, target)) == cell.total
    for author_id in authors:
        within = sum(1 for link in bundled.map.links
                     if bundled.claims[link.source_id].author == bundled.claims[link.target_id].author == author_id)
        assert matrix[(author_id, author_id)].total == within
    assert sum(cell.total for cell in matrix.values()) == len(bundled.map.links)


def test_bundled_related_claims_match_the_maps_links(bundled: MapIndex) -> None:
    authors = {author.id for author in bundled.map.authors}
    for claim in bundled.map.claims:
        related = related_claims(bundled, claim.id, authors)
        expected = Counter()
        for link in bundled.links_of(claim.id):
            outgoing = link.source_id == claim.id
            other = bundled.claims[link.target_id if outgoing else link.source_id]
            if other.author != claim.author:
                expected[(other.id, link.relation, outgoing)] += 1
        got = Counter((item.claim_id, item.relation, item.outgoing) for items in related.values() for item in items)
        assert got == expected


# The command line


def test_compare_command_prints_topics_claims_and_the_matrix(bundled: MapIndex) -> None:
    result = run_argmap("compare", BUNDLED_MAP, "pereira", "Duncan")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    lines = out.splitlines()
    assert "Katherine Pereira" in out and "Duncan Wood" in out
    comparison = compare_authors(bundled, ["pereira", "wood"])
    for topic in comparison.topics:
        assert f"== {topic} ==" in lines
    first = bundled.claims_by_author["wood"][0]
    assert f"    - {first.text}" in lines and first.id not in out, "a claim is named by its sentence alone"
    assert lines[lines.index(next(line for line in lines if line.startswith("Links between"))) + 1].split() == [
        "from", "\\", "to", "Pereira", "Wood"], "the matrix's columns are named as a short cite names the authors"
    matrix = agreement_matrix(bundled, ["pereira", "wood"])
    assert any(line.startswith("  Katherine Pereira") and format_cell(matrix[("pereira", "pereira")]) in line
               and format_cell(matrix[("pereira", "wood")]) in line for line in lines)
    assert any(line.startswith("  Duncan Wood") and format_cell(matrix[("wood", "wood")]) in line for line in lines)
    assert any(line.startswith("Legend:") for line in lines)
    assert all(len(line) <= 100 for line in lines)


def test_compare_command_takes_five_authors_by_id_or_name() -> None:
    result = run_argmap("compare", BUNDLED_MAP, "pereira", "coleman", "reyes retana", "wood", "WAYNE")
    assert result.returncode == 0, result.stderr
    assert "María José Reyes Retana Fernández" in result.stdout
    assert all(len(line) <= 100 for line in result.stdout.splitlines())


@pytest.mark.parametrize(
    ("authors", "words"),
    [
        (["pereira", "ghost"], ["'ghost'", "pereira, coleman, reyes-retana, wood, wayne"]),
        (["pereira"], ["2 to 5", "not 1"]),
        (["wood", "Duncan"], ["'wood'", "more than once"]),
        (["pereira", "an"], ["'an'", "more than one author"]),
    ],
)
def test_compare_command_errors_are_one_plain_line(authors: list[str], words: list[str]) -> None:
    result = run_argmap("compare", BUNDLED_MAP, *authors)
    assert result.returncode == 1
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("argmap: ")
    for word in words:
        assert word in result.stderr


def test_compare_command_without_authors_is_a_usage_error(tmp_path: Path) -> None:
    result = run_argmap("compare", BUNDLED_MAP)
    assert result.returncode == 2
    assert "AUTHOR" in result.stderr and "Traceback" not in result.stderr


def test_compare_command_on_a_missing_map_names_the_file(tmp_path: Path) -> None:
    result = run_argmap("compare", tmp_path / "missing.json", "a", "b")
    assert result.returncode == 1
    assert "does not exist" in result.stderr and len(result.stderr.strip().splitlines()) == 1
