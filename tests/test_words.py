"""The word helpers every message and match goes through (argmap.words)."""

from __future__ import annotations

from argmap.words import counted, noun_for


def test_counted_agrees_the_noun_with_the_number_and_groups_thousands() -> None:
    assert counted(1, "claim") == "1 claim"
    assert counted(0, "claim") == "0 claims"
    assert counted(2, "link") == "2 links"
    assert counted(1_200, "claim") == "1,200 claims"
    assert counted(2, "main thesis", "main theses") == "2 main theses"
    assert counted(1, "main thesis", "main theses") == "1 main thesis"
    assert noun_for(5, "claim") == "claims" and noun_for(1, "claim") == "claim"
