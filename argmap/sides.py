"""Sides proposed for a motion from the map's links, each with its reason; never applied without the user.

From the seeds (the motion's key claims, put on the affirmative, and the claims already assigned, on their sides)
the proposal walks the links as the relations compose: a claim that supports a claim on a side is on that side; one
that contradicts it, or that it contradicts (the two cannot both be accepted), is on the other. So a claim
contradicting a negative claim is affirmative. What a claim on a side supports is not thereby on it (an affirmative
reason may support a claim both sides grant), and a qualification narrows a claim without taking a side: the walk
crosses neither. The walk goes out one step at a time from every seed at once: a claim takes the side of the
nearest claims on a side, and a claim that the same step reaches for both sides is left to the user (contested).
Claims already on a side never move.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from argmap.index import MapIndex
from argmap.model import SIDE_NAMES, Claim, Link, Motion, Relation, Side
from argmap.words import fold, shortened

OTHER: dict[Side, Side] = {"aff": "neg", "neg": "aff"}
SIDE_WORDS: dict[Side, str] = {"aff": "For", "neg": "Against"}
"""How a side heads a group of claims, the motion's sentence following."""
NO_SIDE = "On no side"


@dataclass(frozen=True, slots=True)
class Proposed:
    """A claim proposed for a side, and why: the link joining it to `through`, a claim already on a side (None for
    a key claim, which is on the affirmative because the user named it)."""

    claim_id: str
    side: Side
    link: Link | None = None
    through: str | None = None


@dataclass(frozen=True, slots=True)
class Contested:
    """A claim the same step of the walk reaches for both sides: one link each way, left to the user."""

    claim_id: str
    for_aff: Proposed
    for_neg: Proposed


@dataclass(frozen=True, slots=True)
class SidesProposal:
    """What the map suggests for a motion's sides: the claims proposed (key claims first, then nearest first, in map
    order within a step), the contested ones, and how many claims no chain reaches."""

    motion: Motion
    proposed: tuple[Proposed, ...]
    contested: tuple[Contested, ...]
    unreached: int

    def on(self, side: Side) -> list[Proposed]:
        """The claims proposed for one side."""
        return [item for item in self.proposed if item.side == side]

    def accepted(self) -> Motion:
        """The motion with the proposal taken: its sides as they were, then the proposed claims."""
        return replace(self.motion, aff=[*self.motion.aff, *(p.claim_id for p in self.on("aff"))],
                       neg=[*self.motion.neg, *(p.claim_id for p in self.on("neg"))])


def propose_sides(index: MapIndex, motion: Motion, keys: list[str] | tuple[str, ...] = ()) -> SidesProposal:
    """Propose sides for a motion from its key claims (ids; `ValueError` for one not on the map or on the
    negative already) and the claims on its sides."""
    for claim_id in keys:
        if claim_id not in index.claims:
            raise ValueError(f"no claim has the id {claim_id!r}")
        if claim_id in motion.neg:
            raise ValueError(f"claim {claim_id!r} is on the negative of this motion; a key claim is affirmative")
    position = {claim_id: number for number, claim_id in enumerate(index.claims)}
    sides: dict[str, Side] = dict.fromkeys(motion.aff, "aff")
    sides.update(dict.fromkeys(motion.neg, "neg"))
    proposed = [Proposed(claim_id, "aff") for claim_id in dict.fromkeys(keys) if claim_id not in sides]
    sides.update({item.claim_id: "aff" for item in proposed})
    contested: list[Contested] = []
    settled = set(sides)
    frontier = sorted(sides, key=lambda claim_id: position.get(claim_id, -1))
    while frontier:
        reached: dict[str, dict[Side, Proposed]] = {}
        for claim_id in frontier:
            for link in index.links_of(claim_id):
                if link.relation is Relation.QUALIFIES or (link.relation is Relation.SUPPORTS
                                                           and link.source_id == claim_id):
                    continue
                other = link.target_id if link.source_id == claim_id else link.source_id
                if other in settled:
                    continue
                side = sides[claim_id] if link.relation is Relation.SUPPORTS else OTHER[sides[claim_id]]
                reached.setdefault(other, {}).setdefault(side, Proposed(other, side, link, claim_id))
        frontier = []
        for other in sorted(reached, key=position.__getitem__):
            found = reached[other]
            settled.add(other)
            if len(found) == 2:
                contested.append(Contested(other, found["aff"], found["neg"]))
                continue
            (item,) = found.values()
            proposed.append(item)
            sides[other] = item.side
            frontier.append(other)
    return SidesProposal(motion, tuple(proposed), tuple(contested), len(index.claims) - len(settled))


def reason(index: MapIndex, item: Proposed, width: int = 60) -> str:
    """Why a claim is proposed for its side, in words: "it contradicts Wood's claim “…”, on the negative"."""
    if item.link is None or item.through is None:
        return "it is a key claim of the motion"
    through = index.claims[item.through]
    outgoing = item.link.source_id == item.claim_id
    verb = item.link.relation.value if outgoing else f"is {_participle(item.link.relation)} by"
    side = SIDE_NAMES[OTHER[item.side]] if item.link.relation is Relation.CONTRADICTS else SIDE_NAMES[item.side]
    return f"it {verb} {index.author_name(through.author)}'s claim “{shortened(through.text, width)}”, on the {side}"


def _participle(relation: Relation) -> str:
    return {Relation.SUPPORTS: "supported", Relation.CONTRADICTS: "contradicted", Relation.QUALIFIES: "qualified"}[
        relation]


def resolve_motion(motions: list[Motion], wanted: str | None) -> Motion:
    """The motion named by its id or a unique part of its sentence (any motion when the map holds one and none is
    named); `ValueError` in one plain sentence otherwise."""
    if not motions:
        raise ValueError("the map holds no motion")
    if wanted is None:
        if len(motions) == 1:
            return motions[0]
        raise ValueError("the map holds several motions; name one: " + ", ".join(m.id for m in motions))
    exact = [motion for motion in motions if motion.id == wanted]
    if exact:
        return exact[0]
    words = fold(wanted)
    matches = [motion for motion in motions if words in fold(motion.text) or words in fold(motion.id)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise ValueError(f"no motion has the id {wanted!r} or those words; the motions: "
                         + ", ".join(m.id for m in motions))
    raise ValueError(f"{wanted!r} matches several motions: " + ", ".join(m.id for m in matches))


def side_rows(index: MapIndex, claims: Iterable[Claim]) -> dict[str, list[Claim]]:
    """The claims by side: for each motion a row "For: …" and a row "Against: …" (in the order assigned), then
    `NO_SIDE` (map order); rows left empty are left out. A claim on sides of two motions is in both."""
    chosen = {claim.id: claim for claim in claims}
    rows: dict[str, list[Claim]] = {}
    placed: set[str] = set()
    for motion in index.map.motions:
        for side in ("aff", "neg"):
            ids: list[str] = motion.aff if side == "aff" else motion.neg
            placed.update(ids)
            label = f"{SIDE_WORDS[side]}: {motion.text}"
            label = f"{label} ({motion.id})" if label in rows else label
            kept = [chosen[claim_id] for claim_id in ids if claim_id in chosen]
            if kept:
                rows[label] = kept
    rest = [claim for claim in chosen.values() if claim.id not in placed]
    if rest:
        rows[NO_SIDE] = rest
    return rows
