"""What the source reader draws, without Textual: a text's lines wrapped to a width, and its claims' quotes cut into
runs where the same quotes cover it.

Offsets are character offsets into the source text, end exclusive, like a quote's span. The text is shown one
character to a cell wherever it can be (tabs and control characters as spaces), so an offset is a column.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from rich.cells import get_character_cell_size

from argmap.index import MapIndex
from argmap.inert import UNSAFE
from argmap.model import Source
from argmap.sources import locate_quote

Span = tuple[int, int]


def shown_text(text: str) -> str:
    """The text as the reader draws it: tabs, control characters and direction overrides as spaces, so that each
    character keeps its offset and none acts on the terminal."""
    return UNSAFE.sub(" ", text).replace("\t", " ")


def odd_widths(shown: str) -> frozenset[str]:
    """The characters of the text that do not take exactly one cell (wide letters, emoji, combining marks): where
    there are none, wrapping counts characters instead of measuring cells."""
    return frozenset(c for c in set(shown) if c != "\n" and get_character_cell_size(c) != 1)


def wrap(shown: str, width: int, odd: frozenset[str] = frozenset()) -> tuple[list[int], list[int]]:
    """The text's lines at `width` cells: where each starts and ends. Lines break at the text's line breaks and
    else at the last space that fits (a word longer than the line is cut); the spaces at a break are on no line."""
    starts: list[int] = []
    ends: list[int] = []
    width = max(width, 1)
    position = 0
    while True:
        newline = shown.find("\n", position)
        stop = len(shown) if newline < 0 else newline
        _wrap_line(shown, position, stop, width, odd, starts, ends)
        if newline < 0:
            return starts, ends
        position = newline + 1


def _wrap_line(shown: str, start: int, stop: int, width: int, odd: frozenset[str],
               starts: list[int], ends: list[int]) -> None:
    position = start
    while True:
        fits = _fitting(shown, position, stop, width, odd)
        if position + fits >= stop:
            starts.append(position)
            ends.append(stop)
            return
        space = shown.rfind(" ", position, position + fits + 1)
        end = space if space > position else position + fits
        following = end
        while following < stop and shown[following] == " ":
            following += 1
        starts.append(position)
        ends.append(end)
        if following >= stop:
            return
        position = following


def _fitting(shown: str, start: int, stop: int, width: int, odd: frozenset[str]) -> int:
    """How many characters from `start` fit in `width` cells (at least one)."""
    if not odd or odd.isdisjoint(shown[start : start + width]):
        return min(width, stop - start)
    cells = count = 0
    for character in shown[start:stop]:
        cells += get_character_cell_size(character)
        if cells > width:
            break
        count += 1
    return max(count, 1)


@dataclass(frozen=True, slots=True)
class Mark:
    """A claim's quote in the text."""

    claim_id: str
    author: str
    start: int
    end: int


def marks_of(index: MapIndex, source: Source, text: str) -> list[Mark]:
    """The quotes of the claims that quote `source`, where they stand in `text` (a quote whose recorded span is
    wrong is marked where it is found nearest that span, and one not found at all is not marked), in text order."""
    marks = []
    for claim in index.claims_by_author.get(source.author, ()):
        quote = claim.quote
        if quote is None or quote.source != source.id:
            continue
        span: Span | None = (quote.start, quote.end) if quote.start is not None and quote.end is not None else None
        if span is None or text[span[0] : span[1]] != quote.text:
            span = locate_quote(text, quote.text, near=quote.start)
        if span is not None:
            marks.append(Mark(claim.id, claim.author, *span))
    marks.sort(key=lambda mark: (mark.start, mark.end))
    return marks


class Runs:
    """The marked text cut at every quote's start and end: each run is covered by the same quotes throughout, so a
    line is drawn run by run, and the quotes at any place are found by bisection."""

    def __init__(self, marks: list[Mark]) -> None:
        self.marks = marks
        self.bounds: list[int] = sorted({mark.start for mark in marks} | {mark.end for mark in marks})
        self.covering: list[tuple[int, ...]] = [() for _ in self.bounds]
        """For each bound, the marks (by position in `marks`) covering the run from it to the next bound."""
        place = {bound: position for position, bound in enumerate(self.bounds)}
        for number, mark in enumerate(marks):
            for position in range(place[mark.start], place[mark.end]):
                self.covering[position] += (number,)

    def at(self, offset: int) -> tuple[int, ...]:
        """The marks covering the character at `offset`."""
        position = bisect_right(self.bounds, offset) - 1
        return self.covering[position] if position >= 0 else ()

    def bounds_within(self, start: int, end: int) -> list[int]:
        """The bounds strictly between `start` and `end`, where what covers the text changes."""
        return self.bounds[bisect_right(self.bounds, start) : bisect_left(self.bounds, end)]

    def deepest(self, start: int, end: int) -> int:
        """The most marks covering any one character between `start` and `end`."""
        first = max(bisect_right(self.bounds, start) - 1, 0)
        last = bisect_left(self.bounds, end)
        return max((len(covering) for covering in self.covering[first:last]), default=0)

    def touching(self, start: int, end: int) -> Iterator[Mark]:
        """The marks covering any character between `start` and `end`, in text order."""
        first = max(bisect_right(self.bounds, start) - 1, 0)
        last = bisect_left(self.bounds, end)
        seen: set[int] = set()
        for covering in self.covering[first:last]:
            seen.update(covering)
        return (self.marks[number] for number in sorted(seen))


WORD = re.compile(r"\S+")
