"""Fuzzy search over claims, as a user typing into a search box sees it: on the bundled map, on small maps made
here, and on a synthetic map checked against a plain reading of every claim."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from argmap.model import MAP_ADAPTER, ArgumentMap
from argmap.search import FIELDS, SearchHit, SearchIndex
from argmap.store import load_map
from benchmarks.generate import generate_map
from tests.conftest import BUNDLED_MAP


@pytest.fixture(scope="module")
def bundled() -> ArgumentMap:
    return load_map(BUNDLED_MAP).argument_map


@pytest.fixture(scope="module")
def index(bundled: ArgumentMap) -> SearchIndex:
    return SearchIndex(bundled)


def ids(hits: list[SearchHit]) -> list[str]:
    return [hit.claim_id for hit in hits]


def authors(bundled: ArgumentMap, hits: list[SearchHit]) -> list[str]:
    author_of = {claim.id: claim.author for claim in bundled.claims}
    return [author_of[hit.claim_id] for hit in hits]


def small_map(texts: dict[str, str], author_name: str = "Ana Núñez") -> ArgumentMap:
    return MAP_ADAPTER.validate_python({
        "format_version": 1, "title": "Small", "authors": [{"id": "ana", "name": author_name}],
        "claims": [{"id": claim_id, "author": "ana", "text": text} for claim_id, text in texts.items()],
    })


# The bundled map -------------------------------------------------------------------------------------------------
def test_fentanyl_finds_pereiras_fentanyl_claims_first(index: SearchIndex) -> None:
    hits = index.search("fentanyl")
    assert set(ids(hits[:2])) == {"pereira-fentanyl-seizure", "pereira-fentanyl-lethality"}
    assert all(hit.score == 100 and hit.field == "text" for hit in hits[:2])


@pytest.mark.parametrize("query", ["Reyes Retana", "maria jose", "María José", "MARIA JOSÉ", "reyes-retana"])
def test_an_authors_name_finds_her_claims(bundled: ArgumentMap, index: SearchIndex, query: str) -> None:
    hers = sum(1 for claim in bundled.claims if claim.author == "reyes-retana")
    hits = index.search(query, limit=200)
    assert len(hits) >= hers
    assert set(authors(bundled, hits[:hers])) == {"reyes-retana"}
    assert hits[0].field == "author"


@pytest.mark.parametrize(("query", "intended"), [
    ("fentanil", "pereira-fentanyl-lethality"),  # a vowel for a consonant
    ("Colombus Ohio", "pereira-fentanyl-lethality"),  # a misspelt city among the words of the claim
    ("vulnerabel", "wood-cyber-vulnerable"),  # two letters swapped
    ("cyber atacks", "wood-cyber-vulnerable"),  # a letter missing
])
def test_a_typo_still_finds_the_intended_claim(index: SearchIndex, query: str, intended: str) -> None:
    assert intended in ids(index.search(query)[:2])


def test_merida_iniciative_finds_the_merida_initiative(bundled: ArgumentMap, index: SearchIndex) -> None:
    hits = index.search("merida iniciative")
    text_of = {claim.id: claim.text for claim in bundled.claims}
    top = [text_of[claim_id] for claim_id in ids(hits[:6])]
    assert all("Mérida" in text and "initiative" in text.lower() for text in top), top


def test_words_may_match_different_fields(bundled: ArgumentMap, index: SearchIndex) -> None:
    """'wood cyber': Wood (the author) and cyber (the claim): his cybersecurity claims come first."""
    cyber = {claim.id for claim in bundled.claims if claim.author == "wood" and "cybersecurity" in claim.topics}
    hits = index.search("wood cyber")
    assert set(ids(hits[: len(cyber)])) == cyber
    assert set(authors(bundled, hits)) == {"wood"}


def test_case_and_accents_do_not_matter(index: SearchIndex) -> None:
    assert ids(index.search("MÉRIDA")) == ids(index.search("merida")) == ids(index.search("Mérida"))
    assert len(index.search("merida")) >= 5


def test_every_keystroke_of_a_word_keeps_the_claim_on_top(index: SearchIndex) -> None:
    for end in range(3, len("fentanyl") + 1):
        top = ids(index.search("fentanyl"[:end])[:2])
        assert set(top) == {"pereira-fentanyl-seizure", "pereira-fentanyl-lethality"}, "fentanyl"[:end]


def test_the_query_in_a_row_ranks_above_its_words_apart(bundled: ArgumentMap, index: SearchIndex) -> None:
    hits = index.search("security cooperation", limit=200)
    texts = {claim.id: claim.text.lower() for claim in bundled.claims}
    first = hits[0]
    assert first.score == 100 and "security cooperation" in texts[first.claim_id]
    scores = [hit.score for hit in hits]
    assert scores == sorted(scores, reverse=True)


def test_topics_and_ids_are_searched(index: SearchIndex) -> None:
    assert index.search("guns-and-cash")[0].field == "topic"
    hit = index.search("pereira-fentanyl-seizure")[0]
    assert hit.claim_id == "pereira-fentanyl-seizure"


def test_within_restricts_to_the_active_claims(bundled: ArgumentMap, index: SearchIndex) -> None:
    wood = {claim.id for claim in bundled.claims if claim.author == "wood"}
    hits = index.search("security", within=wood, limit=500)
    assert hits and set(ids(hits)) <= wood
    assert ids(index.search("fentanyl", within={"pereira-fentanyl-lethality", "no-such-claim"})) == [
        "pereira-fentanyl-lethality"]
    assert index.search("fentanyl", within=[]) == []
    assert index.search("fentanyl", within=wood) == []
    # the same index still searches everything when no filter is given
    assert len(index.search("fentanyl")) >= 2


@pytest.mark.parametrize("query", ["", " ", "   \t\n"])
def test_a_blank_query_finds_nothing(index: SearchIndex, query: str) -> None:
    assert index.search(query) == []


def test_hits_are_well_formed(index: SearchIndex) -> None:
    for query in ["security", "trade wall", "fentanil", "[", "zzzz", "a"]:
        hits = index.search(query, limit=30)
        assert len(hits) <= 30
        assert len(set(ids(hits))) == len(hits)
        for hit in hits:
            assert 0 < hit.score <= 100 and hit.field in FIELDS
    assert index.search("security", limit=3) == index.search("security")[:3]
    assert index.search("security", limit=0) == []


# Small maps ----------------------------------------------------------------------------------------------------
def test_markup_like_text_is_searchable_as_typed() -> None:
    index = SearchIndex(small_map({
        "plain": "Trade supports the partnership.",
        "markup": "Trade [supports] the partnership [/x] in full.",
        "other": "Nothing in brackets here.",
    }))
    hits = index.search("[supports]")
    assert hits[0].claim_id == "markup" and hits[0].score == 100
    assert hits[0].score > next(hit.score for hit in hits if hit.claim_id == "plain")
    assert ids(index.search("[/x]"))[0] == "markup"
    assert ids(index.search("[")) == ["markup"]
    assert ids(index.search("[/")) == ["markup"]


def test_whole_words_rank_above_word_starts_above_fragments_above_typos() -> None:
    index = SearchIndex(small_map({
        "typo": "The police reform stalled.",
        "inside": "Geopolicy is a made-up word.",
        "start": "Policymakers met in Mexico City.",
        "whole": "A policy on the border.",
    }))
    hits = index.search("policy")
    assert ids(hits) == ["whole", "start", "inside", "typo"]
    assert [hit.score for hit in hits][:3] == [100, 90, 80]
    assert hits[3].score < 70


def test_accents_and_case_fold_both_ways() -> None:
    index = SearchIndex(small_map({
        "es": "La Policía Federal de México.",
        "de": "Die Straße nach Łódź.",
        "ru": "Москва и МЕКСИКА.",
    }, author_name="María José Reyes Retana Fernández"))
    assert ids(index.search("policia federal mexico")) == ["es"]
    assert ids(index.search("POLICÍA"))[0] == "es"
    assert ids(index.search("strasse lodz")) == ["de"]
    assert ids(index.search("мексика")) == ["ru"]
    assert len(index.search("maria jose")) == 3
    assert index.search("fernandez")[0].field == "author"


def test_control_characters_in_claims_do_not_break_search() -> None:
    index = SearchIndex(small_map({"odd": "zero\x00byte and \x01 separator", "even": "plain text"}))
    assert ids(index.search("separator")) == ["odd"]
    assert ids(index.search("plain")) == ["even"]
    assert index.search("\x00") == []


def test_an_empty_map_finds_nothing() -> None:
    assert SearchIndex(small_map({})).search("anything") == []


# A synthetic map, against a plain reading of every claim ---------------------------------------------------
def folded_fields(argument_map: ArgumentMap) -> dict[str, list[str]]:
    """Each claim's fields as a reader would compare them: lower case, no accents, punctuation as spaces."""
    names = {author.id: author.name for author in argument_map.authors}

    def fold(text: str) -> str:
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()
        return " " + re.sub(r"[^\w\\]", " ", text) + " "

    return {c.id: [fold(c.text), fold(c.quote.text if c.quote else ""), fold(f"{names[c.author]} {c.author}"),
                   fold(" ".join(c.topics)), fold(c.id)] for c in argument_map.claims}


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> ArgumentMap:
    return load_map(generate_map(3000, Path(tmp_path_factory.mktemp("synthetic")))).argument_map


@pytest.mark.parametrize("query", ["fentanyl", "María", "security cooperation", "peña", "heroin wall", "c2999"])
@pytest.mark.parametrize("word_index", [True, False], ids=["word-index", "before-word-index"])
def test_whole_matches_are_exactly_the_claims_holding_the_query(
        synthetic: ArgumentMap, query: str, word_index: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    if not word_index:  # as in the first moments after opening a large map
        monkeypatch.setattr(SearchIndex, "_gather_words", lambda self: None)
    index = SearchIndex(synthetic)
    needle = " " + " ".join(folded_fields(small_map({"q": query})).get("q")[0].split()) + " "
    expected = {claim_id for claim_id, fields in folded_fields(synthetic).items()
                if any(needle in field for field in fields)}
    everything = index.search(query, limit=10**6)
    assert {hit.claim_id for hit in everything if hit.score == 100} == expected
    first = index.search(query, limit=20)
    assert all(hit.score == 100 and hit.claim_id in expected for hit in first[: min(20, len(expected))])


@pytest.mark.parametrize("word_index", [True, False], ids=["word-index", "before-word-index"])
def test_typing_a_query_gives_the_same_answers_as_asking_it_at_once(
        synthetic: ArgumentMap, word_index: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    if not word_index:
        monkeypatch.setattr(SearchIndex, "_gather_words", lambda self: None)
    typed, fresh = SearchIndex(synthetic), None
    for query in ["security cooperation", "fentanyl", "maria jose", "[supports]", "secur cooper"]:
        for end in range(1, len(query) + 1):
            fresh = SearchIndex(synthetic)
            assert typed.search(query[:end]) == fresh.search(query[:end]), query[:end]
