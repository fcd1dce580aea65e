"""How much of a source text a map covers: the share of its characters that claims quote, and which of its
argument paragraphs no claim quotes yet ("not mapped yet"). Furniture (headings, notes, references) never counts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from argmap.passages import Paragraph, paragraphs_of


@dataclass(frozen=True, slots=True)
class TextCoverage:
    """A text's paragraphs and the parts of it that quotes cover."""

    length: int
    paragraphs: tuple[Paragraph, ...]
    quoted: tuple[tuple[int, int], ...]
    """The quoted parts, merged where quotes overlap or touch, in order."""
    touched: tuple[bool, ...]
    """For each paragraph, whether any quote falls within it."""

    @property
    def quoted_characters(self) -> int:
        return sum(end - start for start, end in self.quoted)

    @property
    def arguments(self) -> list[Paragraph]:
        return [paragraph for paragraph in self.paragraphs if paragraph.is_argument]

    @property
    def untouched(self) -> list[Paragraph]:
        """The argument paragraphs no quote falls within: what is not mapped yet."""
        return [p for p, touched in zip(self.paragraphs, self.touched, strict=True) if p.is_argument and not touched]


def coverage_of(text: str, spans: Iterable[tuple[int, int]]) -> TextCoverage:
    """The coverage of `text` by quotes at `spans` (start, end exclusive); spans outside the text are clipped."""
    paragraphs = tuple(paragraphs_of(text))
    quoted = _merged(spans, len(text))
    return TextCoverage(len(text), paragraphs, quoted, _touched(paragraphs, quoted))


def _merged(spans: Iterable[tuple[int, int]], length: int) -> tuple[tuple[int, int], ...]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted((max(0, start), min(length, end)) for start, end in spans):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)


def _touched(paragraphs: tuple[Paragraph, ...], quoted: tuple[tuple[int, int], ...]) -> tuple[bool, ...]:
    """Both lists are in order, so one pass over each."""
    touched: list[bool] = []
    position = 0
    for paragraph in paragraphs:
        while position < len(quoted) and quoted[position][1] <= paragraph.start:
            position += 1
        touched.append(position < len(quoted) and quoted[position][0] < paragraph.end)
    return tuple(touched)
