"""Coverage of a source text by quotes: hand-made text, known answers."""

from __future__ import annotations

from pathlib import Path

from argmap.coverage import coverage_of, map_coverage
from argmap.model import MAP_ADAPTER
from argmap.sources import SourceTexts

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


def test_argument_share_leaves_out_what_does_not_argue() -> None:
    quote = span("trade binds the two countries together")
    coverage = coverage_of(TEXT, [span("A Heading"), quote])
    argument = [p for p in coverage.paragraphs if p.is_argument]
    assert coverage.argument_characters == sum(p.end - p.start for p in argument)
    assert coverage.quoted_argument_characters == quote[1] - quote[0], "the quoted heading is not argument"
    assert coverage.share == (quote[1] - quote[0] + len("A Heading")) / len(TEXT)
    assert coverage.argument_share == (quote[1] - quote[0]) / coverage.argument_characters
    assert coverage.opening(argument[1], width=30) == "Second argument paragraph…"


def test_a_maps_coverage_per_source_counts_only_quotes_found_in_the_text(tmp_path: Path) -> None:
    (tmp_path / "source.txt").write_text(TEXT, encoding="utf-8")
    start, end = span("trade binds the two countries")
    wrong_start = TEXT.index("First")
    quotes = [
        {"source": "s1", "text": "trade binds the two countries", "start": start, "end": end},
        {"source": "s1", "text": "the border costs more"},
        {"source": "s1", "text": "nobody pays", "start": wrong_start, "end": wrong_start + 11},
        {"source": "s1", "text": "words that stand nowhere"},
        {"source": "s2", "text": "anything"},
    ]
    argument_map = MAP_ADAPTER.validate_python({
        "format_version": 1, "title": "T", "authors": [{"id": "a", "name": "A"}],
        "sources": [{"id": "s1", "author": "a", "title": "Text", "file": "source.txt"},
                    {"id": "s2", "author": "a", "title": "Gone", "file": "gone.txt"},
                    {"id": "s3", "author": "a", "title": "Fileless"}],
        "claims": [{"id": f"c{n}", "author": "a", "text": "x", "quote": q} for n, q in enumerate(quotes)],
    })
    coverages = map_coverage(argument_map, SourceTexts(argument_map, tmp_path))
    assert list(coverages) == ["s1", "s2", "s3"]
    first = coverages["s1"]
    assert (first.quotes, first.unplaced) == (3, 1)
    assert first.coverage is not None
    assert first.coverage.quoted_characters == len("trade binds the two countries") + len("the border costs more") + 11
    assert first.coverage.untouched == [], "both argument paragraphs are quoted"
    assert coverages["s2"].coverage is None and "'gone.txt' does not exist" in str(coverages["s2"].problem)
    assert (coverages["s2"].quotes, coverages["s2"].unplaced) == (0, 1)
    assert coverages["s3"].problem == "names no text file"
