"""Rich `Text` for claims, authors and relations, shared by every screen: user text is never parsed as markup."""

from __future__ import annotations

from collections import Counter

from rich.text import Text

from argmap.colors import RELATION_COLORS, RELATION_MARKS
from argmap.index import MapIndex
from argmap.model import Claim, Relation


def author_badge(name: str, color: str) -> Text:
    """A coloured dot and the author's name."""
    return Text.assemble(("● ", color), (name, f"bold {color}"))


def relation_text(relation: Relation, label: str | None = None) -> Text:
    """A relation's mark and word in its colour, e.g. `× contradicts`."""
    return Text(f"{RELATION_MARKS[relation]} {label or relation}", style=f"bold {RELATION_COLORS[relation]}")


def relation_marks(index: MapIndex, claim_id: str) -> Text:
    """Counts of the claim's links by relation, in and out: `+3 ×1 ~2`; empty for an unlinked claim."""
    counts = Counter(link.relation for link in index.links_of(claim_id))
    marks = Text()
    for relation in Relation:
        if counts[relation]:
            if marks:
                marks.append(" ")
            marks.append(f"{RELATION_MARKS[relation]}{counts[relation]}", style=RELATION_COLORS[relation])
    return marks


def claim_line(index: MapIndex, colors: dict[str, str], claim: Claim, width: int = 90, marks: bool = True,
               named: bool = False, indent: int = 0) -> Text:
    """One line for a claim in a list: its author's dot in their colour, relation marks (first, so a narrow column
    keeps them), sentence; `named` (lists that mix authors) puts the author's name on a second line instead of
    the dot (`indent` cells in), where a narrow column cannot crowd out the sentence."""
    sentence = claim.text if len(claim.text) <= width else claim.text[: width - 1].rstrip() + "…"
    color = colors.get(claim.author, "white")
    line = Text() if named else Text.assemble(("● ", color))
    if marks:
        claim_marks = relation_marks(index, claim.id)
        if claim_marks:
            line.append_text(claim_marks)
            line.append(" ")
    line.append(sentence)
    if named:
        line.append(f"\n{' ' * indent}{index.author_name(claim.author)}", style=f"italic {color}")
    return line


def kind_badge(kind: str) -> Text:
    """The claim's kind, dimmed: claim, evidence or proposal."""
    return Text(kind, style="italic dim")
