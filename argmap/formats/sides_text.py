"""Proposed sides as plain text, for `argmap sides`: each side's claims by their sentences, each with its reason,
then what is left to the user."""

from __future__ import annotations

import textwrap

from argmap.index import MapIndex
from argmap.model import SIDE_NAMES, SIDES
from argmap.sides import SidesProposal, reason
from argmap.words import counted


def render_proposal(index: MapIndex, proposal: SidesProposal, width: int = 100) -> str:
    """The proposal as plain text: the motion, the sides as they stand, each side's proposed claims and why."""
    motion = proposal.motion
    lines = [f"Motion: {motion.text}", f"  (id {motion.id}; on its sides now: {len(motion.aff)} affirmative, "
                                        f"{len(motion.neg)} negative)"]

    def claim_lines(claim_id: str, why: str) -> list[str]:
        claim = index.claims[claim_id]
        said = textwrap.wrap(f"{index.author_name(claim.author)}: {claim.text}", width=width, initial_indent="  - ",
                             subsequent_indent="    ", break_long_words=False, break_on_hyphens=False)
        return said + textwrap.wrap(f"because {why}", width=width, initial_indent="      ",
                                    subsequent_indent="      ", break_long_words=False, break_on_hyphens=False)

    for side in SIDES:
        items = proposal.on(side)
        lines += ["", f"Proposed for the {SIDE_NAMES[side]} ({counted(len(items), 'claim')}):"]
        for item in items:
            lines += claim_lines(item.claim_id, reason(index, item))
        if not items:
            lines.append("  (none)")
    if proposal.contested:
        lines += ["", f"Reached for both sides, left to you ({counted(len(proposal.contested), 'claim')}):"]
        for contested in proposal.contested:
            lines += claim_lines(contested.claim_id, f"{reason(index, contested.for_aff)}; and "
                                                     f"{reason(index, contested.for_neg)}")
    lines += ["", f"{counted(proposal.unreached, 'claim')} no chain of supports or contradictions reaches."]
    return "\n".join(lines) + "\n"
