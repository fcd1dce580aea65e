"""A side's case and its blocks as Markdown, for `argmap prep MAP --motion M --side aff|neg` and the app's case
screen: each claim of the case as a card, then what holds it up, then each attack with the answers the map holds,
every entry a card laid out as `argmap cards` writes it (`argmap.formats.cards`)."""

from __future__ import annotations

import re

from argmap.cards import Card
from argmap.case import Attack, Block, Case, Entry
from argmap.formats.cards import card_body_markdown
from argmap.formats.markdown import inline
from argmap.index import MapIndex
from argmap.model import SIDE_NAMES, Relation
from argmap.words import counted

_BLANK_LINES = re.compile(r"\n{3,}")
_ATTACK_VERBS = {Relation.CONTRADICTS: "contradicts it", Relation.QUALIFIES: "qualifies it"}
_ANSWER_VERBS = {Relation.CONTRADICTS: "Contradicts the attack", Relation.QUALIFIES: "Qualifies the attack"}


def case_sheet(index: MapIndex, case: Case) -> str:
    """The case and its blocks as one Markdown document."""
    side = SIDE_NAMES[case.side]
    out = [f"# The {side} case: {inline(case.motion.text)}\n\n", f"From the map *{inline(index.map.title)}*. "]
    if case.blocks:
        out.append(f"{case.counted()}. For each, a block: every attack the map holds on it and the answers the map "
                   "holds.\n\n")
    else:
        out.append(f"No claim is on the {side} of this motion yet: assign claims, or let argmap propose sides "
                   "(`argmap sides`).\n")
    for number, block in enumerate(case.blocks, 1):
        out.append(_block(block, number, case))
    return _BLANK_LINES.sub("\n\n", "".join(out)).rstrip("\n") + "\n"


def _block(block: Block, number: int, case: Case) -> str:
    out = [f"## {number}. {inline(block.card.tag)}\n\n", card_body_markdown(block.card)]
    out.append(f"*Standing: {'; '.join(filter(None, (block.standing.describe(), block.resting())))}.*\n\n")
    out.append("### What holds it up\n\n")
    if block.supporters:
        out.extend(_entry(entry, "Supports it") for entry in block.supporters)
    else:
        out.append("Nothing on the map supports it: it rests on its own evidence.\n\n")
    out.append(f"### Block: {counted(len(block.attacks), 'attack')}\n\n")
    if not block.attacks:
        out.append("Nothing on the map contradicts or qualifies it.\n\n")
    for attack_number, attack in enumerate(block.attacks, 1):
        out.append(_attack(attack, attack_number, case, bool(block.supporters)))
    return "".join(out)


def _attack(attack: Attack, number: int, case: Case, supported: bool) -> str:
    link = attack.entry.link
    card = attack.entry.card
    whose = "" if attack.side is None else f", on the {SIDE_NAMES[attack.side]}"
    if attack.side == case.side:
        whose += " (your own side)"
    out = [f"#### Attack {number}: {inline(card.cite.author)} {_ATTACK_VERBS.get(link.relation, 'attacks it')}"
           f"{whose}\n\n", _tagged(card, link.why)]
    if attack.answers:
        out.append(f"**Answers ({len(attack.answers)}):**\n\n")
        out.extend(_entry(entry, _ANSWER_VERBS.get(entry.link.relation, "Answers")) for entry in attack.answers)
    else:
        back = "; what holds the claim up (above) speaks for it" if supported else ", and nothing supports the claim"
        out.append(f"*No answer on the map: nothing contradicts or qualifies this attack{back}.*\n\n")
    return "".join(out)


def _entry(entry: Entry, verb: str) -> str:
    return f"*{verb}:*\n\n" + _tagged(entry.card, entry.link.why)


def _tagged(card: Card, why: str = "") -> str:
    """A card of the block: its tag in bold, the card as `argmap.formats.cards` writes it, and why the map links it."""
    reason = f"*Why:* {inline(why)}\n\n" if why.strip() else ""
    return f"**{inline(card.tag)}**\n\n{card_body_markdown(card)}{reason}"
