"""The word helpers every message and match goes through (argmap.words)."""

from __future__ import annotations

from argmap.compare import resolve_author
from argmap.index import MapIndex
from argmap.model import MAP_ADAPTER
from argmap.search import SearchIndex
from argmap.words import counted, fold, noun_for, slug


def test_counted_agrees_the_noun_with_the_number_and_groups_thousands() -> None:
    assert counted(1, "claim") == "1 claim"
    assert counted(0, "claim") == "0 claims"
    assert counted(2, "link") == "2 links"
    assert counted(1_200, "claim") == "1,200 claims"
    assert counted(2, "main thesis", "main theses") == "2 main theses"
    assert counted(1, "main thesis", "main theses") == "1 main thesis"
    assert noun_for(5, "claim") == "claims" and noun_for(1, "claim") == "claim"


def test_fold_drops_accents_and_spells_out_letters_without_them() -> None:
    assert fold("Núñez") == "nunez"
    assert fold("ŁÓDŹ Straße Ærø") == "lodz strasse aero"
    assert fold("Москва") == "москва"


def test_names_search_and_slugs_fold_the_same_way() -> None:
    """An author typed without the letters of their name is found by `compare`, by search, and gets an id alike."""
    argument_map = MAP_ADAPTER.validate_python({
        "format_version": 1, "title": "Folding",
        "authors": [{"id": "nowak", "name": "Łukasz Straße"}, {"id": "ana", "name": "Ana Núñez"}],
        "claims": [{"id": "c1", "author": "nowak", "text": "Łódź is far."},
                   {"id": "c2", "author": "ana", "text": "Mexico is a partner."}],
    })
    assert resolve_author(MapIndex(argument_map), "lukasz strasse") == "nowak"
    assert resolve_author(MapIndex(argument_map), "nunez") == "ana"
    assert [hit.claim_id for hit in SearchIndex(argument_map).search("lodz")] == ["c1"]
    assert slug("Łukasz Straße") == "lukasz-strasse"
    assert slug("Núñez: Mexico is a partner") == "nunez-mexico-is-a"
