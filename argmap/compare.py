"""Authors side by side: their claims by topic, and how their claims link to each other's.

The core of the comparison screen and of `argmap compare`: plain data, no Textual (the text is
`argmap.formats.comparison_text`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass

from argmap.index import MapIndex
from argmap.model import Claim, Link, Relation
from argmap.topics import by_topic
from argmap.words import fold

MIN_AUTHORS = 2
MAX_AUTHORS = 5


@dataclass(frozen=True, slots=True)
class Comparison:
    """Some authors' claims by topic: one row per topic, one cell per (topic, author), every cell present."""

    author_ids: tuple[str, ...]
    """In the order asked."""
    topics: tuple[str, ...]
    """Topics at least one of these authors uses, most used by them first (then by name); `argmap.topics.NO_TOPIC`
    last, if any."""
    cells: dict[tuple[str, str], tuple[Claim, ...]]
    """(topic, author id) -> that author's claims on the topic, in map order; empty when the author has none."""


@dataclass(frozen=True, slots=True)
class RelatedClaim:
    """A claim by another author linked to the claim in hand.

    `outgoing` is True when the claim in hand supports/contradicts/qualifies this one, False when this one does it
    to the claim in hand.
    """

    claim_id: str
    relation: Relation
    outgoing: bool
    why: str = ""


@dataclass(frozen=True, slots=True)
class AgreementCell:
    """How many links run from one author's claims to another's, by relation."""

    supports: int = 0
    contradicts: int = 0
    qualifies: int = 0

    @property
    def total(self) -> int:
        return self.supports + self.contradicts + self.qualifies

    def count(self, relation: Relation) -> int:
        count: int = getattr(self, relation.value)
        return count


def compare_authors(index: MapIndex, author_ids: Sequence[str]) -> Comparison:
    """Two to five authors' claims side by side, by topic.

    Read from the index's claims by author, which the version keeps: at 100,000 claims 18 ms once they are grouped
    (37 ms the first time), against 32 ms for a pass over every claim."""
    authors = _checked_authors(index, author_ids, limits=True)
    claims = (claim for author in authors for claim in index.claims_by_author.get(author, ()))
    grouped = by_topic(claims)
    cells: dict[tuple[str, str], list[Claim]] = {(topic, author): [] for topic in grouped for author in authors}
    for topic, topic_claims in grouped.items():
        for claim in topic_claims:
            cells[(topic, claim.author)].append(claim)
    return Comparison(tuple(authors), tuple(grouped), {key: tuple(value) for key, value in cells.items()})


def compare_by_side(index: MapIndex, author_ids: Sequence[str]) -> Comparison:
    """The authors' claims side by side as `compare_authors` gives them, in rows by side of each motion instead of
    by topic (`argmap.sides.side_rows`)."""
    from argmap.sides import side_rows

    authors = _checked_authors(index, author_ids, limits=True)
    wanted = set(authors)
    claims = [claim for claim in index.map.claims if claim.author in wanted]
    rows = side_rows(index, claims)
    cells = {(row, author): tuple(c for c in row_claims if c.author == author)
             for row, row_claims in rows.items() for author in authors}
    return Comparison(tuple(authors), tuple(rows), cells)


def related_claims(
    index: MapIndex, claim_id: str, among_authors: Collection[str]
) -> dict[str, tuple[RelatedClaim, ...]]:
    """The claims by other authors (among `among_authors`) linked to the claim, each with every link joining them.

    Keyed by the other claim's id, in the order of the claim's links (outgoing first, then incoming); a value holds
    more than one entry when two claims are joined by more than one link.
    """
    claim = index.claims.get(claim_id)
    if claim is None:
        raise ValueError(f"no claim has the id {claim_id!r}")
    others = set(among_authors) - {claim.author}
    related: dict[str, list[RelatedClaim]] = {}
    for link in index.links_of(claim_id):
        outgoing = link.source_id == claim_id
        other_id = link.target_id if outgoing else link.source_id
        other = index.claims.get(other_id)
        if other is None or other.author not in others:
            continue
        related.setdefault(other_id, []).append(RelatedClaim(other_id, link.relation, outgoing, link.why))
    return {key: tuple(value) for key, value in related.items()}


def agreement_matrix(index: MapIndex, author_ids: Sequence[str]) -> dict[tuple[str, str], AgreementCell]:
    """(from author, to author) -> the links from claims of the first to claims of the second, counted by relation.

    Every pair is present, in the order asked; the diagonal counts the links within one author's claims.
    """
    authors = _checked_authors(index, author_ids, limits=False)
    chosen = set(authors)
    counts: Counter[tuple[str, str, Relation]] = Counter()
    for link, source_author, target_author in _authored_links(index):
        if source_author in chosen and target_author in chosen:
            counts[(source_author, target_author, link.relation)] += 1
    return {
        (source, target): AgreementCell(
            supports=counts[(source, target, Relation.SUPPORTS)],
            contradicts=counts[(source, target, Relation.CONTRADICTS)],
            qualifies=counts[(source, target, Relation.QUALIFIES)],
        )
        for source in authors
        for target in authors
    }


def links_between(index: MapIndex, from_author: str, to_author: str) -> list[Link]:
    """The links behind one cell of the matrix: from claims of `from_author` to claims of `to_author`, map order."""
    for author_id in (from_author, to_author):
        if author_id not in index.authors:
            raise ValueError(_unknown_id_message(index, author_id))
    return [
        link
        for link, source_author, target_author in _authored_links(index)
        if source_author == from_author and target_author == to_author
    ]


def resolve_author(index: MapIndex, name_or_id: str) -> str:
    """The id of the author meant: an id ("wood"), or a unique part of the display name ("Duncan", "reyes retana").

    Case and accents do not matter. Tried in turn: the id, the whole name, whole words of the name, any part of it;
    the first that picks out authors decides, and it must pick out exactly one.
    """
    wanted = name_or_id.strip()
    if not wanted:
        raise ValueError("an author's id or name is empty")
    if wanted in index.authors:
        return wanted
    folded = _fold(wanted)
    names = {author.id: _fold(author.name) for author in index.map.authors}
    tiers = (
        lambda author_id, name: author_id.casefold() == wanted.casefold(),
        lambda author_id, name: name == folded,
        lambda author_id, name: f" {folded} " in f" {name} ",
        lambda author_id, name: folded in name,
    )
    for matches_tier in tiers:
        matches = [author_id for author_id, name in names.items() if matches_tier(author_id, name)]
        if len(matches) == 1:
            return matches[0]
        if matches:
            listed = ", ".join(f"{index.author_name(author_id)} ({author_id})" for author_id in matches)
            raise ValueError(f"{name_or_id!r} could be more than one author: {listed}; give more of the name or the id")
    raise ValueError(f"no author is called {name_or_id!r} or has that id; the known ids are {_known_ids(index)}")


def _checked_authors(index: MapIndex, author_ids: Sequence[str], *, limits: bool) -> list[str]:
    authors = list(author_ids)
    if limits and not MIN_AUTHORS <= len(authors) <= MAX_AUTHORS:
        raise ValueError(f"give {MIN_AUTHORS} to {MAX_AUTHORS} authors to compare, not {len(authors)}")
    for author_id in authors:
        if author_id not in index.authors:
            raise ValueError(_unknown_id_message(index, author_id))
    repeated = [author_id for author_id, count in Counter(authors).items() if count > 1]
    if repeated:
        raise ValueError(f"the author {repeated[0]!r} is named more than once; name each author once")
    return authors


def _authored_links(index: MapIndex) -> Iterator[tuple[Link, str, str]]:
    """Each link with the authors of its two ends (links with a dangling end are left out)."""
    for link in index.map.links:
        source = index.claims.get(link.source_id)
        target = index.claims.get(link.target_id)
        if source is not None and target is not None:
            yield link, source.author, target.author


def _unknown_id_message(index: MapIndex, author_id: str) -> str:
    return f"no author has the id {author_id!r}; the known ids are {_known_ids(index)}"


def _known_ids(index: MapIndex) -> str:
    return ", ".join(index.authors) or "none (the map has no authors)"


def _fold(text: str) -> str:
    """Folded (`argmap.words.fold`), hyphens as spaces, single spaces: how names are matched."""
    return " ".join(fold(text).replace("-", " ").replace("_", " ").split())
