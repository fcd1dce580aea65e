"""What a debater prepares for a claim or an author, as data: what supports the claim, what contradicts or
qualifies it, and what on the map answers each of those; an author's main theses and what supports them.

"What answers" an objection is every claim on the map that contradicts or qualifies the objecting claim; the
claim's own supporters are what speaks for it. The sheets in `argmap.formats.prep`, the app and the web page all
read these, so they list the same attacks and answers.
"""

from __future__ import annotations

from dataclasses import dataclass

from argmap.analysis import support_rests
from argmap.index import MapIndex
from argmap.model import Author, Claim, Link, Relation

ANSWERING = (Relation.CONTRADICTS, Relation.QUALIFIES)
"""The relations by which a claim objects to another, and by which the map answers an objection."""


@dataclass(frozen=True, slots=True)
class Objection:
    """A link that contradicts or qualifies the claim, and the links that answer its source claim."""

    link: Link
    answers: tuple[Link, ...]


@dataclass(frozen=True, slots=True)
class Brief:
    """Everything the map says for and against one claim."""

    claim: Claim
    supporters: tuple[Link, ...]
    objections: tuple[Objection, ...]
    """Contradictions first, then qualifications, each in map order."""

    def objections_by(self, relation: Relation) -> list[Objection]:
        """The objections made by one relation."""
        return [objection for objection in self.objections if objection.link.relation is relation]


@dataclass(frozen=True, slots=True)
class Position:
    """An author's position: main theses (claims of theirs that support no other claim of theirs, those resting
    on more of their claims first), then the claims that support them, in map order."""

    author: Author
    theses: tuple[Claim, ...]
    supporting: tuple[Claim, ...]


def brief_of(index: MapIndex, claim_id: str) -> Brief:
    """The brief for one claim; `ValueError` when no claim has the id."""
    claim = index.claims.get(claim_id)
    if claim is None:
        raise ValueError(f"no claim has the id {claim_id!r}")
    incoming = index.incoming.get(claim_id, ())
    supporters = tuple(link for link in incoming if link.relation is Relation.SUPPORTS)
    objections = tuple(
        Objection(link, answers_to(index, link.source_id))
        for relation in ANSWERING
        for link in incoming
        if link.relation is relation
    )
    return Brief(claim, supporters, objections)


def answers_to(index: MapIndex, objection_id: str) -> tuple[Link, ...]:
    """The links by which claims on the map contradict or qualify an objecting claim."""
    return tuple(link for link in index.incoming.get(objection_id, ()) if link.relation in ANSWERING)


def position_of(index: MapIndex, author_id: str) -> Position:
    """An author's position; `ValueError` when no author has the id."""
    author = index.authors.get(author_id)
    if author is None:
        raise ValueError(f"no author has the id {author_id!r}")
    claims = index.claims_by_author.get(author_id, [])
    # The more of their position a thesis rests on (its supporters, theirs, through chains; a supporter of several
    # theses shared between them), the earlier it comes.
    place = {claim.id: number for number, claim in enumerate(claims)}
    supported_by: list[list[int]] = [[] for _ in claims]
    supports_own = [False] * len(claims)
    for number, claim in enumerate(claims):
        for link in index.outgoing.get(claim.id, ()):
            if link.relation is Relation.SUPPORTS and link.target_id in place:
                supported_by[place[link.target_id]].append(number)
                supports_own[number] = True
    weight = support_rests(supported_by)
    theses = [claim for number, claim in enumerate(claims) if not supports_own[number]]
    theses.sort(key=lambda claim: -weight[place[claim.id]])
    thesis_ids = {claim.id for claim in theses}
    supporting = tuple(claim for claim in claims if claim.id not in thesis_ids)
    return Position(author, tuple(theses), supporting)
