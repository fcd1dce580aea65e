"""A source text cut into the passages a reader moves by: sentences, and paragraphs told apart by what they are.

A paragraph is argument unless it is page furniture: a heading, a byline or an author's note, a footnote or a
reference list entry, a table of contents, a figure caption, or a web page's leftovers ("Load more"). Only argument
counts when a map's coverage of a text is measured, so a reference list never shows as "not mapped yet".
Offsets are character offsets into the text, end exclusive, like a quote's span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

ParagraphKind = Literal["argument", "heading", "byline", "note", "references", "contents", "figure", "furniture"]

SENTENCE_END = re.compile(r"([.!?…][\"”’)]?[⁰¹²³⁴⁵⁶⁷⁸⁹]*)\s+(?=[A-ZÁÉÍÓÚÑ“\"‘(¿¡])|\n+")
"""Where a sentence ends: after . ! ? or … (and a closing quote, and a footnote's superscript number: "crime.⁸ The"),
before a capital; or at a line break. The group is the end of the sentence, kept in it."""

PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
"""A blank line (spaces and tabs aside) ends a paragraph."""

MIN_ARGUMENT_WORDS = 20
"""A paragraph shorter than this with no sentence end is a title, a heading, a name or a date, not an argument."""

_FOOTNOTE = re.compile(r"^\s*(?:[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\[\d+\]|\d{1,3}\s(?=.*(?:\b(?:1[89]|20)\d\d\b|https?://)))\s*\S", re.S)
"""A footnote: a superscript or bracketed number first, or a bare number and a year or a link (a numbered list item,
"1. Commit to ...", is argument)."""
_REFERENCE_ENTRY = re.compile(r"^\s*[-•*]\s+\S.*(?:\d{4}|https?://|\*[^*]+\*)", re.S)
_LINK_ONLY = re.compile(r"^\s*(?:from:?\s*)?<?https?://\S+>?\s*$", re.I)
_CONTENTS_LINE = re.compile(r"\t\s*\d+\s*$", re.M)
_FIGURE = re.compile(r"^\s*(?:figure|fig\.|table|chart|graph|source|sources|photo|image)\b\s*[\d:.]", re.I)
_BYLINE = re.compile(r"^\s*(?:by|por)\s+\S", re.I)
_BIOGRAPHY = re.compile(r"^\s*(?:[A-ZÁÉÍÓÚÑ][\w.'’-]*\s+){1,5}(?:is|was|serves as)\s+(?:an?|the)\s", re.U)
_FURNITURE = re.compile(
    r"^\s*(?:skip to (?:main )?content|load more|see all\b.*|most popular|read (?:the full article|more)\b.*|"
    r"share|advertisement|about the author|related|the views expressed .*|bibliography:?|references:?|"
    r"works cited:?|notes:?|index|contents|table of contents)\s*$",
    re.I | re.S,
)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence (or a line that stands alone) and where it is."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph, where it is, and what it is."""

    start: int
    end: int
    kind: ParagraphKind

    @property
    def is_argument(self) -> bool:
        return self.kind == "argument"


def sentences_of(text: str, start: int = 0, end: int | None = None) -> list[Sentence]:
    """The text (or its part from `start` to `end`) cut into sentences and lines, without their surrounding spaces:
    the quotes one can pick, and the steps of the reader's cursor."""
    end = len(text) if end is None else end
    pieces: list[Sentence] = []
    cursor = start
    for boundary in SENTENCE_END.finditer(text, start, end):
        _add_trimmed(pieces, text, cursor, boundary.end(1) if boundary.group(1) else boundary.start())
        cursor = boundary.end()
    _add_trimmed(pieces, text, cursor, end)
    return pieces


def _add_trimmed(pieces: list[Sentence], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        first = start + len(piece) - len(piece.lstrip())
        pieces.append(Sentence(first, first + len(stripped), stripped))


def paragraphs_of(text: str) -> list[Paragraph]:
    """The text's paragraphs (between blank lines, surrounding spaces left out), each with its kind."""
    paragraphs: list[Paragraph] = []
    cursor = 0
    for boundary in [*PARAGRAPH_BREAK.finditer(text), None]:
        stop = boundary.start() if boundary else len(text)
        piece = text[cursor:stop]
        stripped = piece.strip()
        if stripped:
            first = cursor + len(piece) - len(piece.lstrip())
            paragraphs.append(Paragraph(first, first + len(stripped), paragraph_kind(stripped)))
        cursor = boundary.end() if boundary else stop
    return paragraphs


def paragraph_kind(paragraph: str) -> ParagraphKind:
    """What a paragraph is, from its shape alone: see the module's docstring."""
    if _FURNITURE.match(paragraph) or _LINK_ONLY.match(paragraph):
        return "furniture"
    if len(_CONTENTS_LINE.findall(paragraph)) >= 2:
        return "contents"
    if _FOOTNOTE.match(paragraph):
        return "note"
    if _REFERENCE_ENTRY.match(paragraph):
        return "references"
    if _FIGURE.match(paragraph):
        return "figure"
    words = len(paragraph.split())
    if _BYLINE.match(paragraph) and words < MIN_ARGUMENT_WORDS:
        return "byline"
    if _BIOGRAPHY.match(paragraph) and words < MIN_ARGUMENT_WORDS * 4 and _names_a_post(paragraph):
        return "byline"
    if words < MIN_ARGUMENT_WORDS and not re.search(r"[.!?…][\"”’)]?\s*$", paragraph):
        return "heading"
    return "argument"


def _names_a_post(paragraph: str) -> bool:
    """Whether a paragraph that opens "X is a/the ..." says who the author is (a post, a school), not a claim."""
    return bool(re.search(
        r"\b(?:director|fellow|professor|candidate|student|writer|editor|analyst|ambassador|associate|researcher|"
        r"author|advisor|adviser|president|chair|member)\b", paragraph, re.I,
    ))
