"""Coverage of a source text by quotes: hand-made text, known answers."""

from __future__ import annotations

from argmap.coverage import coverage_of

TEXT = (
    "A Heading\n\n"
    "First argument paragraph, long enough to be one: trade binds the two countries together.\n\n"
    "Second argument paragraph, also long enough: the border costs more every year and nobody pays.\n\n"
    "¹ A footnote, Oxford University Press, 2013"
)


def span(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


def test_overlapping_quotes_count_once_and_mark_their_paragraph() -> None:
    coverage = coverage_of(TEXT, [span("trade binds the two"), span("binds the two countries"), span("¹ A footnote")])
    assert coverage.quoted_characters == len("trade binds the two countries") + len("¹ A footnote")
    assert [TEXT[p.start : p.end].split()[0] for p in coverage.untouched] == ["Second"]
    assert len(coverage.arguments) == 2


def test_a_span_outside_the_text_is_clipped_and_an_empty_one_ignored() -> None:
    coverage = coverage_of(TEXT, [(len(TEXT) - 4, len(TEXT) + 50), (5, 5), (-3, 0)])
    assert coverage.quoted == ((len(TEXT) - 4, len(TEXT)),)
    assert len(coverage.untouched) == 2
