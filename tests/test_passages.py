"""Sentences and paragraphs of a source text: offsets a quote's span can use, and furniture told from argument."""

from __future__ import annotations

from argmap.passages import paragraphs_of, sentences_of

TEXT = (
    "Free Trade Strengthens Security\n\n"
    "By Jo Smith, Staff Writer\n\n"
    "Trade binds the two countries. It pays for the border too! “Who pays?” Nobody asks.\n\n"
    "  1. Commit to a revitalized Mérida Initiative, with resources and technical assistance for the police.\n\n"
    "¹ Peter Andreas, *Smuggler Nation*, Oxford University Press, 2013\n\n"
    "Jo Smith is an associate director at the Institute.\n\n"
    "Load more"
)


def test_sentences_are_spans_of_the_text() -> None:
    sentences = sentences_of(TEXT)
    assert all(TEXT[s.start : s.end] == s.text for s in sentences)
    texts = [s.text for s in sentences]
    assert "Trade binds the two countries." in texts
    assert "It pays for the border too!" in texts
    assert "“Who pays?”" in texts


def test_sentences_of_a_part_stay_within_it() -> None:
    start = TEXT.index("Trade binds")
    end = TEXT.index("“Who")
    assert [s.text for s in sentences_of(TEXT, start, end)] == ["Trade binds the two countries.",
                                                                "It pays for the border too!"]


def test_paragraphs_are_told_apart_by_what_they_are() -> None:
    paragraphs = paragraphs_of(TEXT)
    kinds = [(TEXT[p.start : p.end].split()[0], p.kind) for p in paragraphs]
    assert kinds == [
        ("Free", "heading"), ("By", "byline"), ("Trade", "argument"), ("1.", "argument"), ("¹", "note"),
        ("Jo", "byline"), ("Load", "furniture"),
    ]
    assert TEXT[paragraphs[3].start] == "1", "surrounding spaces are left out"


def test_a_footnote_number_ends_its_sentence_with_it() -> None:
    text = "Smuggling has grown with organized crime.⁸ The border is porous.⁹ “It is.”¹⁰ Yes."
    assert [s.text for s in sentences_of(text)] == [
        "Smuggling has grown with organized crime.⁸", "The border is porous.⁹", "“It is.”¹⁰", "Yes.",
    ]
