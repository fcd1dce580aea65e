"""The reading core without a screen: trail, filters, outline groups."""

from __future__ import annotations

from pathlib import Path

from argmap.compare import compare_authors
from argmap.filters import ClaimFilter
from argmap.formats import ordered_topics
from argmap.index import MapIndex
from argmap.model import MAP_ADAPTER, Relation
from argmap.navigation import Trail
from argmap.outline import Grouping, outline
from argmap.store import load_map
from argmap.topics import NO_TOPIC


def test_trail_goes_back_and_forward_like_a_browser() -> None:
    trail = Trail()
    for claim_id in ("a", "b", "c"):
        trail.visit(claim_id)
    assert trail.back() == "b" and trail.back() == "a" and trail.back() is None
    assert trail.forward() == "b"
    trail.visit("d")
    assert trail.visited == ["a", "b", "d"] and trail.forward() is None
    trail.visit("d")
    assert trail.visited == ["a", "b", "d"]


def test_trail_forgets_deleted_claims() -> None:
    trail = Trail()
    for claim_id in ("a", "b", "a", "c"):
        trail.visit(claim_id)
    trail.back()
    trail.forget({"b"})
    assert trail.visited == ["a", "c"] and trail.current == "a"


def test_filters_combine_with_and_across_kinds_and_or_within(small_map: Path) -> None:
    index = MapIndex(load_map(small_map).argument_map)
    everything = ClaimFilter()
    assert everything.claim_ids(index) is None and not everything.active
    assert ClaimFilter(authors=frozenset({"ana"})).claim_ids(index) == {"c1", "c2"}
    assert ClaimFilter(authors=frozenset({"ana", "bo"}), topics=frozenset({"trade", "drugs"})).claim_ids(index) == {
        "c1", "c3"}
    assert ClaimFilter(relations=frozenset({Relation.QUALIFIES})).claim_ids(index) == {"c2", "c3"}
    both = ClaimFilter(authors=frozenset({"ana"}), relations=frozenset({Relation.QUALIFIES}))
    assert both.claim_ids(index) == {"c2"}
    assert both.describe(index) == "author: Ana Núñez · relation: qualifies"


def test_outline_groups_by_author_topic_and_around_a_claim(small_map: Path) -> None:
    index = MapIndex(load_map(small_map).argument_map)
    by_author = outline(index, Grouping.AUTHOR, ClaimFilter())
    assert [(g.label, [c.id for c in g.claims]) for g in by_author] == [("Ana Núñez", ["c1", "c2"]), ("Bo Li", ["c3"])]
    by_topic = outline(index, Grouping.TOPIC, ClaimFilter(authors=frozenset({"ana"})))
    assert [g.label for g in by_topic] == ["security", "trade"], "equal counts: by name"
    around = outline(index, Grouping.AROUND, ClaimFilter(), around="c2")
    assert [(g.label, [c.id for c in g.claims]) for g in around] == [("Supported by", ["c1"]), ("Qualified by", ["c3"])]
    assert [g.label for g in outline(index, Grouping.AROUND, ClaimFilter(), around="c3")] == ["Qualifies"]


def test_topics_come_in_one_order_everywhere_each_claim_once() -> None:
    """The browse tree's topic groups, the comparison's rows and a diagram's topic clusters list topics alike: most
    claims first, then by name, no topic last; a claim that names a topic twice counts, and shows, once."""
    argument_map = MAP_ADAPTER.validate_python({
        "format_version": 1, "title": "Topics",
        "authors": [{"id": "ana", "name": "Ana"}, {"id": "bo", "name": "Bo"}],
        "claims": [
            {"id": "c1", "author": "ana", "text": "One.", "topics": ["trade", "trade"]},
            {"id": "c2", "author": "bo", "text": "Two.", "topics": ["security"]},
            {"id": "c3", "author": "bo", "text": "Three."},
        ],
    })
    index = MapIndex(argument_map)
    groups = outline(index, Grouping.TOPIC, ClaimFilter())
    assert [(g.label, [c.id for c in g.claims]) for g in groups] == [
        ("security", ["c2"]), ("trade", ["c1"]), (NO_TOPIC, ["c3"])]
    assert compare_authors(index, ["ana", "bo"]).topics == ("security", "trade", NO_TOPIC)
    assert list(ordered_topics(argument_map.claims)) == ["security", "trade", NO_TOPIC]
