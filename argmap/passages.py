"""A source text cut into the passages a reader moves by: sentences, and paragraphs told apart by what they are.

A paragraph is argument unless it is page furniture: a heading, a byline or an author's note, a footnote or a
reference list entry, a table of contents, a figure caption or a photo credit, or a web page's leftovers ("Load more",
a copyright line, a teaser ending in "Read more"). Each is told by its shape (`paragraph_kind`), and everything under
a "Bibliography" or "Notes" heading by its place. Only argument counts when a map's coverage of a text is measured,
so a reference list never shows as "not mapped yet"; the README says how each kind is told.
Offsets are character offsets into the text, end exclusive, like a quote's span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, NamedTuple

ParagraphKind = Literal["argument", "heading", "byline", "note", "references", "contents", "figure", "furniture"]

SENTENCE_END = re.compile(r"([.!?…][\"”’)]?[⁰¹²³⁴⁵⁶⁷⁸⁹]*)\s+(?=[A-ZÁÉÍÓÚÑ“\"‘(¿¡])|\n+")
"""Where a sentence ends: after . ! ? or … (and a closing quote, and a footnote's superscript number: "crime.⁸ The"),
before a capital; or at a line break. The group is the end of the sentence, kept in it."""

PARAGRAPH = re.compile(r"\S[^\n]*(?:\n(?![ \t\r]*(?:\n|$))[^\n]*)*")
"""A paragraph, from its first character that is not a space to the next blank line (spaces, tabs and a carriage
return aside): its trailing spaces are its match's last characters."""

MIN_ARGUMENT_WORDS = 20
"""A paragraph shorter than this with no sentence end is a title, a heading, a name or a date, not an argument."""

MAX_NOTE_WORDS = 40
"""A footnote marked only by a bare number ("12 Peter Andreas, ... 2013") is shorter than this; a longer paragraph
that opens with a number ("12 million Mexicans ...") is argument."""

_FOOTNOTE = re.compile(
    r"^\s*(?:[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\[\d+\]|\d{1,3}\s+(?=[A-ZÁÉÍÓÚÑ“\"‘*_].*(?:\b(?:1[89]|20)\d\d\b|https?://)))\s*\S"
    r"|^\s*(?i:editor[’']s note|author[’']s note|correction|clarification|update)\s*:",
    re.S,
)
"""A footnote: a superscript or bracketed number first, or a bare number, a capital and a year or a link (a numbered
list item, "1. Commit to ...", is argument); or an editor's note, a correction."""
_REFERENCE_ENTRY = re.compile(r"^\s*[-•*]\s+\S.*(?:\d{4}|https?://|\*[^*]+\*)", re.S)
_LINK_ONLY = re.compile(r"^\s*(?:from:?\s*)?<?https?://\S+>?\s*$", re.I)
_CONTENTS_LINE = re.compile(r"(?:\t|\.{3,}|…)\s*\d+\s*$", re.M)
"""A line of a table of contents: a title, then a tab or dot leaders, then a page number."""
_FIGURE = re.compile(
    r"^\s*[(\[]?\s*(?:(?:figure|fig\.|table|chart|graph|map|source|sources|photo(?:graph)?|image|illustration|"
    r"video|credit|caption)\b\s*[\d:.]|(?:photo(?:graph)?|image|illustration)\s+(?:by|credit|courtesy)\b)",
    re.I,
)
_PHOTO_CREDIT = re.compile(r"Getty Images|AP Photo|/AFP\b|\bAFP/|/Reuters\b|Shutterstock|Alamy")
"""An agency's name in a short paragraph: a photo's caption or credit."""
_BYLINE = re.compile(r"^\s*(?:by|por)\s+\S", re.I)
_BIOGRAPHY = re.compile(r"^\s*(?:[A-ZÁÉÍÓÚÑ][\w.'’-]*\s+){1,5}(?:is|was|serves as)\s+(?:an?|the)\s", re.U)
_FURNITURE = re.compile(
    r"^\s*(?:skip to (?:main )?content|load more|see all\b.*|most popular|read (?:the full article|more)\b.*|"
    r"share|advertisement|about the authors?|related|the views expressed .*|index|contents|table of contents|"
    r"print|email|comments?|continue reading\b.*)\s*$",
    re.I | re.S,
)
_WEB_LEFTOVER = re.compile(
    r"^\s*(?:subscribe|sign up|share (?:this|on)|follow (?:us|@|\w+ on)|click here|leave a (?:comment|reply)|"
    r"related(?: articles| stories| content)?\s*:|tags?\s*:|keywords?\s*:|topics?\s*:|filed under|posted in|"
    r"this (?:article|story|piece|post) (?:first |was )?(?:originally )?(?:appeared|published|ran)|"
    r"©|copyright\b)|all rights reserved\W*$",
    re.I,
)
"""What a web page puts around an article, in a short paragraph: calls to subscribe or share, tags, a copyright."""
_TEASER_END = re.compile(r"(?:read more|continue reading)\W*$", re.I)
"""The end of a teaser for another page ("The Mexico Institute seeks to ... Read more")."""
_SECTION_HEADINGS: dict[str, ParagraphKind] = {
    "bibliography": "references", "references": "references", "works cited": "references", "sources": "references",
    "notes": "note", "endnotes": "note", "footnotes": "note",
}
"""The heading of a section that runs to the end of the text and holds no argument, and what its paragraphs are."""
_SECTION_HEADING = re.compile(r"^\s*(?:\*\*|#+\s*)?([A-Za-z ]+?)\s*:?(?:\*\*)?\s*$")
_SENTENCE_AT_END = re.compile(r"[.!?…][\"”’)]?\s*$")
_QUESTION_HEADING_WORDS = 12
"""A question standing alone in fewer words than this is a heading ("What is the Mérida Initiative?")."""


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence (or a line that stands alone) and where it is."""

    start: int
    end: int
    text: str


class Paragraph(NamedTuple):
    """A paragraph, where it is, and what it is (a named tuple: a long text has a hundred thousand of them, and a
    tuple is made three times faster than a frozen dataclass)."""

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
    """The text's paragraphs (between blank lines, surrounding spaces left out), each with its kind.

    A paragraph's kind comes from its shape (`paragraph_kind`), and from one piece of context: after a heading such
    as "Bibliography" or "Notes", what would pass for argument is a reference or a note."""
    paragraphs: list[Paragraph] = []
    section: ParagraphKind | None = None
    for found in PARAGRAPH.finditer(text):
        paragraph = found[0].rstrip()
        kind = paragraph_kind(paragraph)
        if len(paragraph) <= _SECTION_HEADING_LENGTH and (heading := section_heading(paragraph)) is not None:
            section, kind = heading, "heading"
        elif section is not None and kind == "argument":
            kind = section
        start = found.start()
        paragraphs.append(Paragraph(start, start + len(paragraph), kind))
    return _without_pull_quotes(text, paragraphs)


PULL_QUOTE_LENGTH = 40, 600
"""The shortest and longest a pull quote is, in characters: a sentence or two, not a word."""


def _without_pull_quotes(text: str, paragraphs: list[Paragraph]) -> list[Paragraph]:
    """The paragraphs, an argument paragraph that repeats words of the paragraph before or after it word for word
    marked as furniture: a pull quote, which a web page prints again in large type beside the text it comes from."""
    shortest, longest = PULL_QUOTE_LENGTH
    last = len(paragraphs) - 1
    for position, (start, end, kind) in enumerate(paragraphs):
        length = end - start
        if kind != "argument" or length < shortest or length > longest:
            continue
        words = text[start:end]
        if (position and _holds(text, paragraphs[position - 1], words)) or (
                position < last and _holds(text, paragraphs[position + 1], words)):
            paragraphs[position] = Paragraph(start, end, "furniture")
    return paragraphs


def _holds(text: str, paragraph: Paragraph, words: str) -> bool:
    """Whether a longer paragraph holds these words."""
    return paragraph.end - paragraph.start > len(words) and text.find(words, paragraph.start, paragraph.end) >= 0


_SECTION_HEADING_LENGTH = 40


def section_heading(paragraph: str) -> ParagraphKind | None:
    """What the paragraphs under this one are, when it heads a list of references or notes."""
    if len(paragraph) > _SECTION_HEADING_LENGTH:
        return None
    found = _SECTION_HEADING.match(paragraph)
    return _SECTION_HEADINGS.get(found[1].lower()) if found else None


def paragraph_kind(paragraph: str) -> ParagraphKind:
    """What a paragraph is, from its shape alone: see the module's docstring and the README.

    Paragraphs run to the hundred thousand on a large map, so each test reads only the part of the paragraph it
    needs: one pattern tells whether its start is that of any kind told by its start, its end is read from its
    last characters, and its words are counted by the spaces between them."""
    words = word_count(paragraph)
    if _SPECIAL_START.match(paragraph):
        kind = _kind_by_start(paragraph, words)
        if kind is not None:
            return kind
    short = words < MIN_ARGUMENT_WORDS
    tail = paragraph[-_TAIL:]
    if (short and _WEB_LEFTOVER.search(paragraph)) or (words < MIN_ARGUMENT_WORDS * 4 and _TEASER_END.search(tail)):
        return "furniture"
    if _may_be_contents(paragraph) and len(_CONTENTS_LINE.findall(paragraph)) >= 2:
        return "contents"
    if short and _PHOTO_CREDIT.search(paragraph):
        return "figure"
    if words < MIN_ARGUMENT_WORDS * 4 and _may_be_biography(paragraph) and _names_a_post(paragraph):
        return "byline"
    if short and not _SENTENCE_AT_END.search(tail):
        return "heading"
    if words < _QUESTION_HEADING_WORDS and paragraph.endswith("?") and len(sentences_of(paragraph)) == 1:
        return "heading"
    return "argument"


def _kind_by_start(paragraph: str, words: int) -> ParagraphKind | None:
    """The kind a paragraph's first words say it is (a footnote's number, "Figure 2:", "By ..."), if any."""
    if _FURNITURE.match(paragraph) or _LINK_ONLY.match(paragraph):
        return "furniture"
    if _FOOTNOTE.match(paragraph) and (words < MAX_NOTE_WORDS or paragraph[0] not in "0123456789"):
        return "note"
    if _REFERENCE_ENTRY.match(paragraph):
        return "references"
    if _FIGURE.match(paragraph):
        return "figure"
    if words < MIN_ARGUMENT_WORDS and _BYLINE.match(paragraph):
        return "byline"
    return None


def _either(*patterns: re.Pattern[str]) -> re.Pattern[str]:
    """One pattern that matches at a text's start wherever one of these does, each keeping its own flags."""
    def flags(pattern: re.Pattern[str]) -> str:
        return "".join(letter for flag, letter in ((re.I, "i"), (re.S, "s"), (re.M, "m")) if pattern.flags & flag)

    return re.compile("|".join(f"(?{flags(p)}:{p.pattern})" if flags(p) else f"(?:{p.pattern})" for p in patterns))


_SPECIAL_START = _either(_FURNITURE, _LINK_ONLY, _FOOTNOTE, _REFERENCE_ENTRY, _FIGURE, _BYLINE)
"""A paragraph that does not start like this is none of the kinds `_kind_by_start` tells."""
_TAIL = 24
"""The last characters of a paragraph that tell how it ends (a full stop, "Read more")."""


def word_count(paragraph: str) -> int:
    """About how many words a stripped paragraph has: one more than its spaces and line breaks (a double space
    counts twice, near enough for the thresholds here, and far cheaper than splitting the words out)."""
    return paragraph.count(" ") + paragraph.count("\n") + 1


def _may_be_biography(paragraph: str) -> bool:
    """Whether a paragraph opens "Duncan Wood is the director ..." (its verb within its first words)."""
    opening = paragraph[:_BIOGRAPHY_WITHIN]
    return (" is " in opening or " was " in opening or " serves as " in opening) and bool(_BIOGRAPHY.match(paragraph))


_BIOGRAPHY_WITHIN = 120


def _may_be_contents(paragraph: str) -> bool:
    """Whether a paragraph has lines, and what a contents line has between its title and page number."""
    return "\n" in paragraph and ("\t" in paragraph or "..." in paragraph or "…" in paragraph)


def _names_a_post(paragraph: str) -> bool:
    """Whether a paragraph that opens "X is a/the ..." says who the author is (a post, a school), not a claim; the
    post comes early ("Duncan Wood is the director of ...")."""
    return bool(_POST.search(paragraph[:_POST_WITHIN].lower()))


_POST = re.compile(r"\b(?:director|fellow|professor|candidate|student|writer|editor|analyst|ambassador|associate|"
                   r"researcher|author|advisor|adviser|president|chair|member)\b")
_POST_WITHIN = 160
