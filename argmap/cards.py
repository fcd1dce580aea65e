"""Claims as debate cards: a tag (the claim in the debater's words), a full cite, and the evidence, with the words
read aloud (the claim's verbatim quote) inside a little of the text around them.

A card is data here; `argmap.formats.cards` writes it as Markdown, HTML, PDF or Word. Every claim with a quote is
a card; one without a quote is a tag with a cite and no evidence, and says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from argmap.model import Author, Claim
from argmap.sources import SourceTexts, context_around
from argmap.words import fold

if TYPE_CHECKING:
    from argmap.index import MapIndex

CARD_FORMATS = ("md", "html", "pdf", "docx")
"""How cards are written (`argmap.formats.cards`): Markdown (the default), HTML, PDF and Word."""

CONTEXT_WIDTH = 240
"""Characters of the source kept on each side of the quote, cut at a word and never past the quote's paragraph."""
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
_SLUG_PARTS = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Cite:
    """Who said it and where: the author (and the words of their name a short cite uses), their qualification, and
    the source's title, publication, date and URL."""

    author: str
    cited_as: str = ""
    qualification: str | None = None
    title: str | None = None
    publication: str | None = None
    date: str | None = None
    url: str | None = None

    def full(self) -> str:
        """The whole cite on one line: author, qualification; title, publication, date; URL."""
        who = ", ".join(part for part in (self.author, self.qualification) if part)
        where = ", ".join(part for part in (f"“{self.title}”" if self.title else None, self.publication, self.date)
                          if part)
        return "; ".join(part for part in (who, where, self.url) if part)

    def short(self) -> str:
        """The short cite a debater reads aloud and files by: the author's cited name and the year, "Wood 2017";
        "n.d." (no date) when the source's date holds no year."""
        year = _YEAR.search(self.date or "")
        return f"{self.cited_as or self.author} {year.group(1) if year else 'n.d.'}"


def cited_name(author: Author) -> str:
    """The words of the author's name a short cite uses: those the author's id spells, when they are a run of the
    name's words other than its first ("Reyes Retana" for María José Reyes Retana Fernández filed as
    `reyes-retana`, where the last word would be her mother's surname); else the whole name.

    A name alone cannot tell which of its words are the surname (Spanish and Portuguese names carry two, Chinese
    and Hungarian names put it first), so argmap never guesses the last word: the id is the name the map's maker
    files the author under, and the author form proposes it from the name for them to correct.
    """
    words = author.name.split()
    wanted = "".join(_SLUG_PARTS.findall(fold(author.id)))
    parts = ["".join(_SLUG_PARTS.findall(fold(word))) for word in words]
    for first in range(1, len(words)):
        for last in range(first + 1, len(words) + 1):
            if "".join(parts[first:last]) == wanted:
                return " ".join(words[first:last])
    return author.name


@dataclass(frozen=True, slots=True)
class Card:
    """One claim as a card. `before + read + after` is the evidence; `read` is exactly the claim's quote, empty
    when the claim has none; `placed` is False when the source text could not show the quote in context."""

    claim_id: str
    tag: str
    cite: Cite
    before: str = ""
    read: str = ""
    after: str = ""
    placed: bool = False


def card_of(index: MapIndex, texts: SourceTexts | None, claim: Claim) -> Card:
    """The card for a claim, with context from its source text when `texts` can read it at the quote's span."""
    author = index.authors.get(claim.author)
    quote = claim.quote
    source = index.sources.get(quote.source) if quote is not None else None
    cite = Cite(
        author=index.author_name(claim.author),
        cited_as=cited_name(author) if author is not None else "",
        qualification=author.affiliation if author is not None else None,
        title=source.title if source is not None else None,
        publication=source.publication if source is not None else None,
        date=source.date if source is not None else None,
        url=source.url if source is not None else None,
    )
    if quote is None:
        return Card(claim.id, claim.text, cite)
    text = texts.text_of(quote.source) if texts is not None else None
    start, end = quote.start, quote.end
    if text is None or start is None or end is None or text[start:end] != quote.text:
        return Card(claim.id, claim.text, cite, read=quote.text)
    around = context_around(text, start, end, CONTEXT_WIDTH)
    before = around.before.rsplit("\n\n", 1)[-1].lstrip()
    after = around.after.split("\n\n", 1)[0].rstrip()
    return Card(claim.id, claim.text, cite, before=before, read=quote.text, after=after, placed=True)


def cards_of(index: MapIndex, texts: SourceTexts | None, claims: Iterable[Claim]) -> list[Card]:
    """The cards of some claims, in the order given."""
    return [card_of(index, texts, claim) for claim in claims]
