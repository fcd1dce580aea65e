"""The groups a reader browses a map by: by author, by topic, by relation around one claim, or by side of each
motion."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from argmap.filters import ClaimFilter
from argmap.index import MapIndex
from argmap.model import Claim, Link, Relation
from argmap.sides import side_rows
from argmap.topics import NO_TOPIC

INCOMING_LABELS: dict[Relation, str] = {
    Relation.SUPPORTS: "Supported by",
    Relation.CONTRADICTS: "Contradicted by",
    Relation.QUALIFIES: "Qualified by",
}
OUTGOING_LABELS: dict[Relation, str] = {
    Relation.SUPPORTS: "Supports",
    Relation.CONTRADICTS: "Contradicts",
    Relation.QUALIFIES: "Qualifies",
}


class Grouping(StrEnum):
    """How the browse tree groups claims."""

    AUTHOR = "author"
    TOPIC = "topic"
    AROUND = "relation"
    SIDE = "side"

    def next(self) -> Grouping:
        """The grouping after this one, cycling."""
        members = list(Grouping)
        return members[(members.index(self) + 1) % len(members)]


@dataclass(frozen=True, slots=True)
class Group:
    """A labelled list of claims; `links` pairs each claim with the link that put it here (relation groups)."""

    key: str
    label: str
    claims: tuple[Claim, ...]
    links: tuple[Link, ...] = ()
    author_id: str | None = None


def outline(index: MapIndex, grouping: Grouping, claim_filter: ClaimFilter, around: str | None = None) -> list[Group]:
    """The groups to show for a grouping; empty groups are left out, except an author's under an author filter."""
    if grouping is Grouping.AUTHOR:
        return by_author(index, claim_filter)
    if grouping is Grouping.TOPIC:
        return by_topic(index, claim_filter)
    if grouping is Grouping.SIDE:
        return by_side(index, claim_filter)
    return around_claim(index, around, claim_filter) if around else []


def by_author(index: MapIndex, claim_filter: ClaimFilter) -> list[Group]:
    """One group per author, in map order."""
    groups = []
    for author_id, claims in index.claims_by_author.items():
        kept = tuple(claim for claim in claims if claim_filter.matches(index, claim))
        if kept:
            groups.append(Group(f"author:{author_id}", index.author_name(author_id), kept, author_id=author_id))
    return groups


def by_topic(index: MapIndex, claim_filter: ClaimFilter) -> list[Group]:
    """One group per topic, most used first; claims without a topic last."""
    groups = []
    for topic, claims in index.claims_by_topic.items():
        kept = tuple(claim for claim in claims if claim_filter.matches(index, claim))
        if kept:
            groups.append(Group(f"topic:{topic}", topic, kept))
    untagged = tuple(c for c in index.map.claims if not c.topics and claim_filter.matches(index, c))
    if untagged:
        groups.append(Group("topic:", NO_TOPIC, untagged))
    return groups


def by_side(index: MapIndex, claim_filter: ClaimFilter) -> list[Group]:
    """For each motion, its affirmative then its negative (claims in the order assigned); then the claims on no side
    of any motion, in map order (`argmap.sides.side_rows`)."""
    if not index.map.motions:
        return []
    kept = (claim for claim in index.map.claims if claim_filter.matches(index, claim))
    return [Group(f"side:{label}", label, tuple(claims)) for label, claims in side_rows(index, kept).items()]


def around_claim(index: MapIndex, claim_id: str, claim_filter: ClaimFilter) -> list[Group]:
    """What supports, contradicts and qualifies the claim, then what it supports, contradicts and qualifies (under a
    relation filter, by those relations only)."""
    groups: list[Group] = []
    for direction, links_of, labels, other_end in (
        ("in", index.incoming, INCOMING_LABELS, _source_of),
        ("out", index.outgoing, OUTGOING_LABELS, _target_of),
    ):
        for relation in Relation:
            pairs = [
                (index.claims[other_end(link)], link)
                for link in links_of.get(claim_id, [])
                if link.relation is relation and claim_filter.keeps(link)
                and claim_filter.matches(index, index.claims[other_end(link)])
            ]
            if pairs:
                claims, links = zip(*pairs, strict=True)
                groups.append(Group(f"{direction}:{relation}", labels[relation], tuple(claims), tuple(links)))
    return groups


def _source_of(link: Link) -> str:
    return link.source_id


def _target_of(link: Link) -> str:
    return link.target_id
