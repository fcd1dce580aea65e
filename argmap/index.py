"""Lookups over a map that every reader needs: claims and authors by id, links in and out of each claim.

Built once per version of the map (an edit gives a new index), in linear time, without networkx.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import cached_property

from argmap.model import ArgumentMap, Author, Claim, Link, Relation, Source
from argmap.store import collector_paused


class MapIndex:
    """Read-only views of one map: by id, by author, by topic, and each claim's links in both directions."""

    def __init__(self, argument_map: ArgumentMap) -> None:
        self.map = argument_map
        with collector_paused():  # two lists per linked claim: at 100,000 claims 0.08 s, against 0.3-0.7 s collected
            self.claims: dict[str, Claim] = {claim.id: claim for claim in argument_map.claims}
            self.authors: dict[str, Author] = {author.id: author for author in argument_map.authors}
            self.sources: dict[str, Source] = {source.id: source for source in argument_map.sources}
            self.outgoing: dict[str, list[Link]] = defaultdict(list)
            self.incoming: dict[str, list[Link]] = defaultdict(list)
            for link in argument_map.links:
                self.outgoing[link.source_id].append(link)
                self.incoming[link.target_id].append(link)

    def author_of(self, claim: Claim) -> Author | None:
        """The claim's author (None only on a map that failed its integrity check)."""
        return self.authors.get(claim.author)

    def author_name(self, author_id: str) -> str:
        """An author's display name, or the id itself when the author is unknown."""
        author = self.authors.get(author_id)
        return author.name if author else author_id

    def links_of(self, claim_id: str) -> list[Link]:
        """Every link touching the claim: outgoing first, then incoming."""
        return self.outgoing.get(claim_id, []) + self.incoming.get(claim_id, [])

    @cached_property
    def claims_by_author(self) -> dict[str, list[Claim]]:
        """Each author's claims in map order; every author appears, even with no claims."""
        grouped: dict[str, list[Claim]] = {author.id: [] for author in self.map.authors}
        for claim in self.map.claims:
            grouped.setdefault(claim.author, []).append(claim)
        return grouped

    @cached_property
    def claims_by_topic(self) -> dict[str, list[Claim]]:
        """Each topic's claims, topics ordered by how many claims use them, then by name."""
        counts = Counter(topic for claim in self.map.claims for topic in claim.topics)
        by_count = sorted(counts.items(), key=lambda t: (-t[1], t[0]))
        grouped: dict[str, list[Claim]] = {topic: [] for topic, _ in by_count}
        for claim in self.map.claims:
            for topic in claim.topics:
                grouped[topic].append(claim)
        return grouped

    @cached_property
    def topics(self) -> list[str]:
        """All topics on the map, most used first."""
        return list(self.claims_by_topic)

    def relations_of(self, claim_id: str) -> set[Relation]:
        """The relations of every link touching the claim, in either direction."""
        return {link.relation for link in self.links_of(claim_id)}
