"""One colour per author, the same in the app and in exported diagrams, chosen by the author's place on the map."""

from __future__ import annotations

from argmap.model import ArgumentMap, Relation

AUTHOR_PALETTE: tuple[str, ...] = (
    "#4e9be6",  # blue
    "#e8a33d",  # orange
    "#b07cd8",  # violet
    "#3fbfae",  # teal
    "#e0719a",  # pink
    "#9cbf4a",  # olive
    "#d9c04f",  # sand
    "#8f9fbf",  # slate
    "#c98a6b",  # clay
    "#6fc26b",  # leaf
)
"""Distinct on dark and light themes; none is the green, red or amber that mark the relations."""

RELATION_COLORS: dict[Relation, str] = {
    Relation.SUPPORTS: "#3fa34d",
    Relation.CONTRADICTS: "#d64541",
    Relation.QUALIFIES: "#e0a100",
}

RELATION_MARKS: dict[Relation, str] = {
    Relation.SUPPORTS: "+",
    Relation.CONTRADICTS: "×",
    Relation.QUALIFIES: "~",
}
"""One-character marks for the relations, readable without colour."""


def author_colors(argument_map: ArgumentMap) -> dict[str, str]:
    """Each author's colour, by the author's order on the map (the palette repeats past ten authors)."""
    return {
        author.id: AUTHOR_PALETTE[position % len(AUTHOR_PALETTE)]
        for position, author in enumerate(argument_map.authors)
    }
