"""Which claims a reader wants to see: by author, topic and relation, combinable."""

from __future__ import annotations

from dataclasses import dataclass

from argmap.index import MapIndex
from argmap.model import Claim, Link, Relation


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    """Claims whose author is one of `authors`, with one of `topics`, taking part in a link of one of `relations`;
    and of the links between them, those of `relations`.

    An empty set does not filter; the three combine with AND, the members of each with OR.
    """

    authors: frozenset[str] = frozenset()
    topics: frozenset[str] = frozenset()
    relations: frozenset[Relation] = frozenset()

    @property
    def active(self) -> bool:
        """Whether anything is filtered out."""
        return bool(self.authors or self.topics or self.relations)

    def matches(self, index: MapIndex, claim: Claim) -> bool:
        """Whether the claim passes every part of the filter."""
        if self.authors and claim.author not in self.authors:
            return False
        if self.topics and self.topics.isdisjoint(claim.topics):
            return False
        if self.relations and self.relations.isdisjoint(index.relations_of(claim.id)):
            return False
        return True

    def keeps(self, link: Link) -> bool:
        """Whether a link between two claims shown is drawn: under a relation filter, only one of those relations."""
        return not self.relations or link.relation in self.relations

    def claim_ids(self, index: MapIndex) -> set[str] | None:
        """The ids of the claims that pass, or None when the filter is not active (everything passes)."""
        if not self.active:
            return None
        return {claim.id for claim in index.map.claims if self.matches(index, claim)}

    def describe(self, index: MapIndex) -> str:
        """The filter in words for the header, e.g. `author: Duncan Wood · topic: drugs`; empty when inactive."""
        parts = []
        if self.authors:
            parts.append("author: " + ", ".join(sorted(index.author_name(a) for a in self.authors)))
        if self.topics:
            parts.append("topic: " + ", ".join(sorted(self.topics)))
        if self.relations:
            parts.append("relation: " + ", ".join(sorted(str(r) for r in self.relations)))
        return " · ".join(parts)
