"""A side's case for a motion and a block for each of its claims, as data, every entry a card.

The case is the claims on the side, the best standing first (accepted, then accepted but qualified, undecided,
rejected), and within a standing the claims more of the map rests on first (`Central.rests`, through chains of
supports). A claim's block is every attack the map holds on it (each claim contradicting or qualifying it, whatever
side it is on), each with the answers the map holds (the claims contradicting or qualifying the attack), and the
claims supporting the attacked claim, which answer every attack. What attacks and answers is `argmap.prep.brief_of`,
so the prep sheet and the blocks never disagree; each entry is `argmap.cards.card_of`.
"""

from __future__ import annotations

from dataclasses import dataclass

from argmap.analysis import Analysis, Label, Standing
from argmap.cards import Card, card_of
from argmap.index import MapIndex
from argmap.model import SIDE_NAMES, Link, Motion, Side
from argmap.prep import brief_of
from argmap.sources import SourceTexts
from argmap.words import counted

_RANK = {Label.ACCEPTED: 0, Label.UNDECIDED: 2, Label.REJECTED: 3}


@dataclass(frozen=True, slots=True)
class Entry:
    """A claim in a block as a card, with the link that puts it there (into the attacked claim or the attack)."""

    link: Link
    card: Card


@dataclass(frozen=True, slots=True)
class Attack:
    """A claim that contradicts or qualifies a claim of the case, and what on the map answers it."""

    entry: Entry
    answers: tuple[Entry, ...]
    side: Side | None
    """The side of the motion the attacking claim is on, if any."""


@dataclass(frozen=True, slots=True)
class Block:
    """One claim of the case: its card, how it stands, what rests on it, what holds it up, and every attack."""

    card: Card
    standing: Standing
    rests: float
    supporters: tuple[Entry, ...]
    attacks: tuple[Attack, ...]
    """Contradictions first, then qualifications, each in map order."""

    def resting(self) -> str:
        """What rests on the claim, as a debater says it: "about 5 claims rest on it" (its `rests`, a sum of shares,
        rounded), "little of the map rests on it" under half a claim, and "" when nothing does."""
        if self.rests <= 0:
            return ""
        whole = int(self.rests + 0.5)
        if whole == 0:
            return "little of the map rests on it"
        about = "" if abs(self.rests - whole) < 0.05 else "about "
        return f"{about}{counted(whole, 'claim')} {'rests' if whole == 1 else 'rest'} on it"


@dataclass(frozen=True, slots=True)
class Case:
    """A side's case for a motion: a block per claim on the side, the strongest first."""

    motion: Motion
    side: Side
    blocks: tuple[Block, ...]

    def counted(self) -> str:
        """How many claims the case holds and in what order: "4 claims on the affirmative, strongest first (…)"."""
        said = f"{counted(len(self.blocks), 'claim')} on the {SIDE_NAMES[self.side]}"
        return said + (", strongest first (the best standing, then the most resting on it)"
                       if len(self.blocks) > 1 else "")


def case_of(index: MapIndex, analysis: Analysis, texts: SourceTexts | None, motion: Motion, side: Side) -> Case:
    """The case and blocks of one side of a motion, from the map and its analysis."""
    rests = {central.claim_id: central.rests for central in analysis.central}
    place = {claim_id: number for number, claim_id in enumerate(index.claims)}
    claim_ids = [claim_id for claim_id in getattr(motion, side) if claim_id in index.claims]

    def strength(claim_id: str) -> tuple[int, float, int]:
        standing = analysis.standings[claim_id]
        rank = _RANK[standing.label] + (standing.label is Label.ACCEPTED and standing.qualified)
        return (rank, -rests.get(claim_id, 0.0), place[claim_id])

    def entry(link: Link, claim_id: str) -> Entry:
        return Entry(link, card_of(index, texts, index.claims[claim_id]))

    blocks = []
    for claim_id in sorted(claim_ids, key=strength):
        brief = brief_of(index, claim_id)
        attacks = tuple(
            Attack(entry(objection.link, objection.link.source_id),
                   tuple(entry(answer, answer.source_id) for answer in objection.answers),
                   motion.side_of(objection.link.source_id))
            for objection in brief.objections
        )
        supporters = tuple(entry(link, link.source_id) for link in brief.supporters)
        blocks.append(Block(card_of(index, texts, brief.claim), analysis.standings[claim_id],
                            rests.get(claim_id, 0.0), supporters, attacks))
    return Case(motion, side, tuple(blocks))
