"""The bundled map: valid, complete enough to trust, every claim quoted verbatim from its own author's text."""

from __future__ import annotations

import itertools
from collections import Counter
from pathlib import Path

import pytest

from argmap.analysis import analyze
from argmap.bundled import bundled_map_path
from argmap.coverage import TextCoverage, coverage_of
from argmap.index import MapIndex
from argmap.model import Relation
from argmap.store import load_map
from tests.conftest import BUNDLED_MAP, ROOT

SEEDS = {
    "pereira": "pereira.txt",
    "coleman": "coleman.txt",
    "reyes-retana": "reyes-retana.txt",
    "wood": "wood.txt",
    "wayne": "wayne.txt",
}
FLOORS = {"reyes-retana": 100, "coleman": 14, "pereira": 14, "wood": 12, "wayne": 6}
FURNITURE = ("{mosads}", "See all", "See All", "Skip to main content", "Read the full article", "About the Author",
             "Read More", "Most Popular", "Load more", "Bibliography", "The views expressed by contributors", "Ibid",
             "Staff Writer", "Graduate Student at")

NOT_THE_AUTHORS_ARGUMENT = {
    "coleman": ("While the kingpin strategy has been successful",
                "a pull quote: the page repeats, as a paragraph of its own, a sentence of the paragraph before"),
    "wayne": ("The Mexico Institute seeks",
              "the Wilson Center page's description of its Mexico Institute, printed around Wayne's excerpt"),
}
"""Paragraphs that the passage splitter reads as argument but that are not the author's argument, each with why."""


MAIN_THESES = {
    "pereira-nafta-underpins-security": ("coleman", "reyes-retana", "wayne"),
    "pereira-economics-impacts-security": ("coleman", "reyes-retana", "wayne"),
    "pereira-indispensable-partner": ("coleman", "reyes-retana", "wood", "wayne"),
    "pereira-not-a-threat": ("coleman", "reyes-retana", "wood", "wayne"),
    "pereira-drugs-pass-through": ("coleman", "reyes-retana", "wayne"),
    "pereira-attack-supply-chains": ("coleman", "reyes-retana", "wood", "wayne"),
    "pereira-curb-us-demand": ("coleman", "reyes-retana", "wayne"),
    "pereira-best-migration-partner": ("reyes-retana", "wood"),
    "pereira-stronger-together": ("coleman", "reyes-retana", "wood", "wayne"),
    "pereira-more-at-stake": ("reyes-retana", "wood"),
    "pereira-subject-to-change": ("coleman", "reyes-retana", "wood", "wayne"),
    "coleman-security-groundwork": ("pereira", "reyes-retana", "wood", "wayne"),
    "coleman-revamp-security-cooperation": ("pereira", "reyes-retana", "wood", "wayne"),
    "coleman-revitalized-merida": ("reyes-retana", "wood"),
    "coleman-forfeiture-not-kingpin": ("reyes-retana",),
    "coleman-demand-reduction": ("pereira", "reyes-retana", "wayne"),
    "coleman-close-gun-loopholes": ("reyes-retana", "wood"),
    "coleman-ratify-usmca": ("pereira", "reyes-retana", "wayne"),
    "coleman-partnership-not-unilateralism": ("pereira", "reyes-retana", "wood", "wayne"),
    "reyes-retana-trade-shapes-cooperation": ("pereira", "coleman", "wood", "wayne"),
    "reyes-retana-dependence-breeds-compliance": ("pereira", "wayne"),
    "reyes-retana-repeal-undermines-cooperation": ("pereira", "coleman", "wood", "wayne"),
    "reyes-retana-enforcement-strengthens-smugglers": ("pereira", "coleman", "wood"),
    "reyes-retana-supply-not-demand": ("pereira", "coleman", "wayne"),
    "reyes-retana-programs-reinforced": ("pereira", "coleman", "wood", "wayne"),
    "reyes-retana-mexico-needs-aid": ("pereira", "wood", "wayne"),
    "reyes-retana-frontera-sur-abuses": ("pereira", "wood"),
    "wood-invest-heavily": ("pereira", "coleman", "reyes-retana", "wayne"),
    "wood-ally-not-liability": ("pereira", "coleman", "reyes-retana", "wayne"),
    "wood-mexico-helps-us": ("pereira", "coleman", "reyes-retana", "wayne"),
    "wood-strengthen-border-controls": ("pereira", "coleman", "reyes-retana", "wayne"),
    "wood-perimeter-deal": ("pereira", "reyes-retana"),
    "wood-critical-choice": ("pereira", "coleman", "reyes-retana", "wayne"),
    "wood-frontera-sur": ("pereira", "reyes-retana"),
    "wayne-work-together": ("pereira", "coleman", "reyes-retana", "wood"),
    "wayne-stance-undermines": ("pereira", "coleman", "reyes-retana", "wood"),
    "wayne-shared-problem": ("pereira", "coleman", "reyes-retana", "wood"),
    "wayne-wall-dubious": ("reyes-retana",),
    "wayne-may-2017-strategy": ("pereira", "coleman", "reyes-retana", "wood"),
}
"""Each author's position as a reader would name it, and the other authors whose texts take a side on it (a
judgement made reading the five texts side by side: Wood, for one, never discusses drug demand)."""


@pytest.fixture(scope="module")
def index() -> MapIndex:
    loaded = load_map(BUNDLED_MAP)
    assert loaded.warnings == []
    return MapIndex(loaded.argument_map)


def test_the_cli_finds_the_bundled_map() -> None:
    assert bundled_map_path() == BUNDLED_MAP


def test_seeds_are_the_shared_texts_byte_for_byte() -> None:
    shared = ROOT.parent / "shared" / "seeds"
    if not shared.exists():
        pytest.skip("shared/ is not beside this checkout")
    originals = {path.read_bytes() for path in shared.glob("*.txt")}
    assert {(ROOT / "seeds" / name).read_bytes() for name in SEEDS.values()} == originals


def test_each_author_meets_the_floor_of_claims(index: MapIndex) -> None:
    counts = Counter(claim.author for claim in index.map.claims)
    for author, floor in FLOORS.items():
        assert counts[author] >= floor, f"{author} has {counts[author]} claims, fewer than {floor}"


def test_every_quote_lies_in_its_own_authors_text_and_in_prose(index: MapIndex) -> None:
    for claim in index.map.claims:
        quote = claim.quote
        assert quote is not None, f"{claim.id} has no quote"
        source = index.sources[quote.source]
        assert source.author == claim.author, f"{claim.id} quotes {source.author}'s source"
        assert Path(source.file).name == SEEDS[claim.author]
        text = (ROOT / "seeds" / SEEDS[claim.author]).read_text(encoding="utf-8")
        assert text[quote.start : quote.end] == quote.text
        assert not any(marker in quote.text for marker in FURNITURE), f"{claim.id} quotes page furniture"
        line_start = text.rfind("\n", 0, quote.start) + 1
        line_end = text.find("\n", quote.end)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        assert len(line) > 80, f"{claim.id} quotes a heading or a byline, not prose: {line!r}"
        assert claim.text.strip() != quote.text.strip(), f"{claim.id} copies its quote instead of stating the point"


def test_cross_author_links_meet_the_floors_for_every_pair(index: MapIndex) -> None:
    cross = [
        link for link in index.map.links
        if index.claims[link.source_id].author != index.claims[link.target_id].author
    ]
    assert len(cross) >= 180
    relations = Counter(link.relation for link in cross)
    assert relations[Relation.CONTRADICTS] >= 18
    assert relations[Relation.QUALIFIES] >= 40
    assert relations[Relation.SUPPORTS] >= 1
    pairs = Counter(
        frozenset((index.claims[link.source_id].author, index.claims[link.target_id].author)) for link in cross
    )
    for pair in itertools.combinations(FLOORS, 2):
        assert pairs[frozenset(pair)] >= 8, f"{pair} has {pairs[frozenset(pair)]} links"


@pytest.mark.parametrize("thesis", MAIN_THESES)
def test_each_main_thesis_is_linked_to_every_author_who_takes_a_side_on_it(index: MapIndex, thesis: str) -> None:
    others = {
        index.claims[link.target_id if link.source_id == thesis else link.source_id].author
        for link in index.links_of(thesis)
    }
    assert set(MAIN_THESES[thesis]) <= others, f"{thesis} is not linked to {set(MAIN_THESES[thesis]) - others}"


def test_every_link_has_a_rationale_and_every_claim_a_link(index: MapIndex) -> None:
    assert all(link.why.strip() for link in index.map.links)
    linked = {link.source_id for link in index.map.links} | {link.target_id for link in index.map.links}
    assert linked == set(index.claims)


def test_no_author_contradicts_themself_and_no_claims_support_each_other_in_a_circle(index: MapIndex) -> None:
    analysis = analyze(index)
    assert analysis.self_contradictions == ()
    assert analysis.support_cycles == ()


def test_topics_come_from_one_small_shared_vocabulary(index: MapIndex) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for topic in index.topics:
        assert f"`{topic}`" in readme, f"topic {topic} is not documented in the README"
    assert len(index.topics) <= 12



def coverage_by(index: MapIndex, author: str) -> tuple[str, TextCoverage]:
    """An author's seed text and how the author's claims' quotes cover it."""
    text = (ROOT / "seeds" / SEEDS[author]).read_text(encoding="utf-8")
    quotes = [claim.quote for claim in index.claims_by_author[author] if claim.quote]
    return text, coverage_of(text, [(q.start, q.end) for q in quotes if q.start is not None and q.end is not None])


@pytest.mark.parametrize("author", SEEDS)
def test_every_argument_paragraph_of_every_text_carries_a_claim(index: MapIndex, author: str) -> None:
    text, coverage = coverage_by(index, author)
    untouched = [text[paragraph.start : paragraph.end] for paragraph in coverage.untouched]
    opening, _why = NOT_THE_AUTHORS_ARGUMENT.get(author, ("", ""))
    assert [paragraph for paragraph in untouched if not (opening and paragraph.startswith(opening))] == []
    if opening:
        assert any(paragraph.startswith(opening) for paragraph in untouched), f"{opening!r} is no longer unmapped"


def test_the_unmapped_pull_quote_repeats_a_mapped_sentence(index: MapIndex) -> None:
    text, coverage = coverage_by(index, "coleman")
    pull_quote = next(text[p.start : p.end] for p in coverage.untouched)
    assert text.count(pull_quote) == 2
    assert any(claim.quote and claim.quote.text == pull_quote for claim in index.claims_by_author["coleman"])


def test_reyes_retanas_paper_is_mapped_with_its_reasons_and_figures(index: MapIndex) -> None:
    _text, coverage = coverage_by(index, "reyes-retana")
    argument = sum(paragraph.end - paragraph.start for paragraph in coverage.arguments)
    assert coverage.quoted_characters / argument >= 0.55, "most of her argument is quoted, as in the short texts"
    claims = index.claims_by_author["reyes-retana"]
    kinds = Counter(claim.kind for claim in claims)
    assert kinds["evidence"] >= 40 and kinds["claim"] >= 40
    figures = [claim for claim in claims if claim.kind == "evidence" and claim.quote
               and any(character.isdigit() for character in claim.quote.text)]
    for claim in figures:
        assert any(character.isdigit() for character in claim.text), f"{claim.id} leaves its figures out"
