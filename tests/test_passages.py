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


def kinds_of(paragraphs: list[str]) -> list[str]:
    text = "\n\n".join(paragraphs)
    return [paragraph.kind for paragraph in paragraphs_of(text)]


ARGUMENT = ("Trade binds the two countries together, and the border costs more every year while nobody asks who "
            "pays for it or why.")


def test_a_web_pages_leftovers_are_furniture() -> None:
    assert kinds_of([
        ARGUMENT,
        "The Mexico Institute seeks to improve understanding between Mexico and the United States by promoting "
        "original research and encouraging public discussion.   Read more",
        "Public Policy Fellow;\nformer Career Ambassador to Mexico\nRead More",
        "Sign up for our newsletter to get the news.",
        "© 2017 The Hill. All rights reserved.",
        "Tags: NAFTA, Mexico, security.",
        "This article first appeared on The National Interest.",
        "Continue reading",
    ]) == ["argument"] + ["furniture"] * 7


def test_a_paragraph_opening_with_a_number_is_a_note_only_when_it_reads_as_one() -> None:
    assert kinds_of([
        "12 Peter Andreas, Border Games, Cornell University Press, 2001.",
        "12 million Mexicans live in the United States, lawfully or not, and in 2016 they sent home more money "
        "than the country earned from oil.",
        "30 Mexican states signed the agreement in 2014, and every one of them has since asked the federal "
        "government for more police, more judges and more money than it had promised them, which it never gave, "
        "so the states now pay for their own.",
        "Editor's note: an earlier version of this article gave the wrong year.",
    ]) == ["note", "argument", "argument", "note"]


def test_under_a_references_or_notes_heading_everything_is_references_or_notes() -> None:
    assert kinds_of([
        ARGUMENT,
        "References",
        "Andreas, Peter. Smuggler Nation: How Illicit Trade Made America. New York: Oxford University Press, 2013.",
        "Wainwright, Tom. Narconomics: How to Run a Drug Cartel. New York: Public Affairs, 2016.",
        "**Notes:**",
        "See the appendix for the figures by year, which the government of Mexico published in the spring.",
    ]) == ["argument", "heading", "references", "references", "heading", "note"]


def test_captions_contents_and_question_headings_are_not_argument() -> None:
    assert kinds_of([
        "Photo by Eduardo Verdugo for the Associated Press.",
        "Migrants wait at the border in Tijuana. (AP Photo/Gregory Bull)",
        "Introduction ........ 3\nThe border ........ 7\nConclusion ........ 12",
        "What is the Mérida Initiative?",
        "Who pays? Nobody asks, and nobody in Washington or in Mexico City wants to be the first to answer.",
    ]) == ["figure", "figure", "contents", "heading", "argument"]


def test_a_text_with_windows_line_ends_has_its_paragraphs() -> None:
    text = "Free Trade\r\n\r\n" + ARGUMENT + "\r\n \r\n" + ARGUMENT + "\r\n"
    paragraphs = paragraphs_of(text)
    assert [(p.kind, text[p.start : p.end]) for p in paragraphs] == [
        ("heading", "Free Trade"), ("argument", ARGUMENT), ("argument", ARGUMENT)]


def test_a_pull_quote_repeating_words_of_a_paragraph_beside_it_is_furniture() -> None:
    pulled = "Trade binds the two countries together, and the border costs more every year."
    assert kinds_of([
        pulled,
        ARGUMENT,
        "The wall stops nothing that matters. " + pulled + " Nobody in either capital says so.",
        pulled,
        "Heading",
        pulled,
    ]) == ["argument", "argument", "argument", "furniture", "heading", "argument"]


def test_a_footnote_number_ends_its_sentence_with_it() -> None:
    text = "Smuggling has grown with organized crime.⁸ The border is porous.⁹ “It is.”¹⁰ Yes."
    assert [s.text for s in sentences_of(text)] == [
        "Smuggling has grown with organized crime.⁸", "The border is porous.⁹", "“It is.”¹⁰", "Yes.",
    ]
