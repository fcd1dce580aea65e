"""The prep brief as data: every attack on a claim and every answer the map holds to each, in the order a sheet
lists them, and an author's theses before what supports them."""

from __future__ import annotations

from pathlib import Path

from argmap.cards import card_of
from argmap.index import MapIndex
from argmap.model import ArgumentMap, Author, Claim, Link, Relation
from argmap.prep import brief_of, position_of
from argmap.sources import SourceTexts
from argmap.store import load_map


def _debate() -> MapIndex:
    claims = [Claim(id=name, author=author, text=f"{name} says so") for name, author in (
        ("thesis", "ana"), ("reason", "ana"), ("attack", "ben"), ("caveat", "ben"), ("rebuttal", "ana"),
        ("limit", "cy"), ("unanswered", "cy"))]
    links = [
        Link(source_id="reason", target_id="thesis"),
        Link(source_id="attack", target_id="thesis", relation=Relation.CONTRADICTS),
        Link(source_id="caveat", target_id="thesis", relation=Relation.QUALIFIES),
        Link(source_id="unanswered", target_id="thesis", relation=Relation.CONTRADICTS),
        Link(source_id="rebuttal", target_id="attack", relation=Relation.CONTRADICTS),
        Link(source_id="limit", target_id="attack", relation=Relation.QUALIFIES),
        Link(source_id="reason", target_id="attack"),
    ]
    authors = [Author(id=name, name=name.title()) for name in ("ana", "ben", "cy")]
    return MapIndex(ArgumentMap(format_version=1, title="t", authors=authors, claims=claims, links=links))


def test_a_brief_lists_every_attack_with_every_answer_contradictions_first() -> None:
    brief = brief_of(_debate(), "thesis")
    assert [link.source_id for link in brief.supporters] == ["reason"]
    assert [(o.link.source_id, o.link.relation) for o in brief.objections] == [
        ("attack", Relation.CONTRADICTS), ("unanswered", Relation.CONTRADICTS), ("caveat", Relation.QUALIFIES)]
    answers = {o.link.source_id: [link.source_id for link in o.answers] for o in brief.objections}
    assert answers == {"attack": ["rebuttal", "limit"], "unanswered": [], "caveat": []}


def test_a_position_puts_the_thesis_before_what_supports_it() -> None:
    position = position_of(_debate(), "ana")
    assert [claim.id for claim in position.theses] == ["thesis", "rebuttal"]
    assert [claim.id for claim in position.supporting] == ["reason"]


def test_a_card_reads_its_quote_exactly_inside_its_paragraph(bundled_copy: Path) -> None:
    loaded = load_map(bundled_copy)
    index = MapIndex(loaded.argument_map)
    texts = SourceTexts(loaded.argument_map, bundled_copy.parent)
    for claim in loaded.argument_map.claims:
        card = card_of(index, texts, claim)
        assert claim.quote is not None
        assert card.placed and card.read == claim.quote.text
        source_text = texts.text_of(claim.quote.source)
        assert (source_text is not None and card.before + card.read + card.after in source_text.replace("…", ""))  \
            or "…" in card.before + card.after
        assert "\n\n" not in card.before + card.after
    wood = next(claim for claim in loaded.argument_map.claims if claim.author == "wood")
    assert card_of(index, texts, wood).cite.full().startswith("Duncan Wood")
