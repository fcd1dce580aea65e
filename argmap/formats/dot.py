"""Graphviz DOT for a selection of a map, built as plain strings with its own exact escaping.

Escaping, for every character a claim can hold (see FIELD-NOTES, Graphviz):
- every id and value is quoted; inside quotes `\\` is doubled first, then `"` becomes `\\"`; `\\r` and the other
  control characters (which SVG cannot hold) and the bidirectional overrides are dropped, tabs kept;
- in labels `&` becomes `&amp;`, because Graphviz reads HTML entities even in plain labels (`&lt;` would show as
  `<`); lines end in `\\l` (left-aligned) or `\\r`, never a raw newline;
- HTML-like labels (`<...>`) are never used for user text, so `<b>` is shown as typed;
- node ids are the claim ids, quoted, so `claim:1` stays one node (unquoted, `:` would start a port).
Relations are drawn by colour, style and arrowhead, never by edge labels, which slow layout badly.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Collection, Sequence

from argmap.colors import RELATION_COLORS, author_colors
from argmap.formats import ordered_topics
from argmap.index import MapIndex
from argmap.inert import without_unsafe
from argmap.model import Claim, Link, Relation
from argmap.store import collector_paused

WRAP_WIDTH = 36
"""Characters per line of a claim's sentence in its box: about six words, a comfortable column when printed."""

FONT = "Helvetica"

RELATION_STYLES: dict[Relation, str] = {
    Relation.SUPPORTS: f'color="{RELATION_COLORS[Relation.SUPPORTS]}", style=solid, penwidth=1.4, arrowhead=normal',
    Relation.CONTRADICTS: (
        f'color="{RELATION_COLORS[Relation.CONTRADICTS]}", style=bold, penwidth=2.6, arrowhead=tee, arrowsize=1.2'
    ),
    Relation.QUALIFIES: (
        f'color="{RELATION_COLORS[Relation.QUALIFIES]}", style=dashed, penwidth=1.6, arrowhead=onormal'
    ),
}
"""Solid green arrow; bold red with a bar head (it blocks); dashed amber with a hollow head."""

RELATION_LEGEND: dict[Relation, str] = {
    Relation.SUPPORTS: "supports: a reason to accept",
    Relation.CONTRADICTS: "contradicts: a reason to reject",
    Relation.QUALIFIES: "qualifies: narrows or conditions",
}

def clean(text: str) -> str:
    """The text without control characters (SVG, XML 1.0, cannot hold most; `\\r` is dropped as DOT asks) and
    without the bidirectional overrides that would show a reader other words than the map holds."""
    return without_unsafe(text)


def quoted(text: str) -> str:
    """A DOT quoted string (an id or a plain attribute value) holding `text`.

    Graphviz unescapes `\\\\` in labels only: a claim id with a backslash keeps it doubled in the node's name, which is
    harmless (every mention of the id is written the same way, and names are not shown).
    """
    text = clean(text).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + text.replace("\n", "\\n") + '"'


def centered(text: str) -> str:
    """A quoted one-piece label (a title, an author's or a topic's name): centred lines, exact for any text."""
    text = clean(text).replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")
    return '"' + text.replace("\n", "\\n") + '"'


def label(lines: Sequence[str], last_line: str | None = None) -> str:
    """A quoted label: `lines` left-aligned, then `last_line` right-aligned; exact for any text."""
    return '"' + _left([clean(line) for line in lines]) + (_right(last_line) if last_line is not None else "") + '"'


def _left(lines: Sequence[str]) -> str:
    """Label lines (already cleaned, without newlines), escaped, each ending left-aligned (`\\l`)."""
    body = "\n".join(lines)
    return body.replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;").replace("\n", "\\l") + "\\l"


def _right(line: str) -> str:
    """One label line, escaped, right-aligned (`\\r`)."""
    line = clean(line).replace("\n", " ")
    return line.replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;") + "\\r"


def wrap(text: str, width: int = WRAP_WIDTH) -> list[str]:
    """The text's lines: its own newlines kept, each paragraph broken at single spaces to at most `width` characters
    where it can (a longer word keeps its line).

    Exact and reversible: joining a paragraph's lines with one space gives it back, runs of spaces included;
    `textwrap` cannot promise that (it collapses the spaces at a break and may split words). A line at a time with
    `str.rfind`, not a word at a time: 100,000 claims take about 0.1 s.
    """
    lines: list[str] = []
    for paragraph in text.replace("\r", "").split("\n"):
        start, end = 0, len(paragraph)
        while end - start > width:
            cut = paragraph.rfind(" ", start, start + width + 1)
            if cut < 0:
                cut = paragraph.find(" ", start + width + 1)
                if cut < 0:
                    break
            lines.append(paragraph[start:cut])
            start = cut + 1
        lines.append(paragraph[start:])
    return lines


def to_dot(
    index: MapIndex,
    claims: Sequence[Claim],
    links: Sequence[Link],
    group: str = "author",
    preferred_topics: Collection[str] = (),
    width: int = WRAP_WIDTH,
    title: str | None = None,
    grid: bool = False,
    labels: bool = True,
) -> str:
    """The selection as a DOT digraph: a box per claim (its sentence and author, filled with the author's colour),
    an arrow per link styled by relation, clusters by author or topic (or none), and a legend of the authors and
    relations drawn.

    `grid` places every node itself (`pos`, for `neato -n2`): claims in rows, group after group, straight arrows,
    no clusters. Linear, for selections too large for any Graphviz layout to finish (see `render`). Without
    `labels` each claim is a small box of its author's colour: an overview, for bitmaps too large to draw text in.
    """
    with collector_paused():
        return _to_dot(index, claims, links, group, preferred_topics, width, title, grid, labels)


def _to_dot(
    index: MapIndex,
    claims: Sequence[Claim],
    links: Sequence[Link],
    group: str,
    preferred_topics: Collection[str],
    width: int,
    title: str | None,
    grid: bool,
    labels: bool,
) -> str:
    colors = author_colors(index.map)
    names = {author.id: author.name for author in index.map.authors}
    # LR, not TB: ranks become columns of boxes, so a wide, shallow map (most argument maps) comes out near
    # square, fit for a page: the bundled map measures 5094 x 5119 pt in LR and 11391 x 2124 pt in TB.
    layout = "splines=false, outputorder=edgesfirst" if grid else "rankdir=LR, nodesep=0.25, ranksep=0.5, newrank=true"
    out: list[str] = [
        "digraph argmap {\n",
        f"  graph [label={centered(title or index.map.title)}, labelloc=t, "
        f'fontname="{FONT}", fontsize=20, {layout}];\n',
        f'  node [shape=box, style="rounded,filled", fontname="{FONT}", fontsize=11, color="#555555", '
        + ('margin="0.12,0.06"];\n' if labels else 'width=0.3, height=0.2, fixedsize=true, label=""];\n'),
        "  edge [arrowsize=0.9];\n",
    ]
    ids = {claim.id: quoted(claim.id) for claim in claims}
    numbers = {claim.id: number for number, claim in enumerate(claims)}
    groups = _groups(index, claims, group, preferred_topics)
    cell = (CELL_WIDTH, CELL_HEIGHT) if labels else (BARE_CELL, BARE_CELL)
    place = _grid(len(claims), *cell) if grid else None

    bylines: dict[tuple[str, str], str] = {}

    def byline(claim: Claim) -> str:
        """`— Author` (and the kind, unless a plain claim), escaped once per author and kind."""
        key = (claim.author, claim.kind)
        if key not in bylines:
            author = names.get(claim.author, claim.author)
            bylines[key] = _right(f"— {author}" if claim.kind == "claim" else f"— {author} · {claim.kind}")
        return bylines[key]

    def node(claim: Claim, indent: str) -> str:
        where = f'pos="{place()}", ' if place is not None else ""
        fill = colors.get(claim.author, "#dddddd")
        if not labels:
            return f'{indent}{ids[claim.id]} [id="n{numbers[claim.id]}", {where}fillcolor="{fill}"];\n'
        text = _left(wrap(clean(claim.text), width)) + byline(claim)
        return f'{indent}{ids[claim.id]} [id="n{numbers[claim.id]}", {where}label="{text}", fillcolor="{fill}"];\n'

    for position, (kind, key, members) in enumerate(groups):
        if kind == "none" or grid:
            out.extend(node(claim, "  ") for claim in members)
        elif kind == "author":
            out.append(
                f'  subgraph "cluster author {position}" {{\n    graph [label={centered(names.get(key, key))}, '
                f'style="rounded", color="{colors.get(key, "#999999")}", penwidth=2, fontsize=16];\n'
            )
            out.extend(node(claim, "    ") for claim in members)
            out.append("  }\n")
        else:
            out.append(
                f'  subgraph "cluster topic {position}" {{\n    graph [label={centered(key)}, style="rounded,dashed", '
                'color="#888888", fontsize=16];\n'
            )
            out.extend(node(claim, "    ") for claim in members)
            out.append("  }\n")

    for relation in Relation:
        edges = [link for link in links if link.relation is relation]
        if not edges:
            continue
        out.append(f"  {{\n    edge [{RELATION_STYLES[relation]}];\n")
        out.extend(
            f"    {ids[link.source_id]} -> {ids[link.target_id]};\n"
            for link in edges
            if link.source_id in ids and link.target_id in ids
        )
        out.append("  }\n")

    out.append(_legend(index, claims, {link.relation for link in links}, colors, grid))
    out.append("}\n")
    return "".join(out)


def _groups(
    index: MapIndex, claims: Sequence[Claim], group: str, preferred_topics: Collection[str]
) -> list[tuple[str, str, list[Claim]]]:
    """(kind, author id or topic, claims) for each group to draw, in order; one group of kind `none` for `none`."""
    if group == "author":
        by_author: dict[str, list[Claim]] = {author.id: [] for author in index.map.authors}
        for claim in claims:
            by_author.setdefault(claim.author, []).append(claim)
        return [("author", author_id, members) for author_id, members in by_author.items() if members]
    if group == "topic":
        return [("topic", topic, members) for topic, members in ordered_topics(claims, preferred_topics).items()]
    if group == "none":
        return [("none", "", list(claims))]
    raise ValueError(f"unknown grouping {group!r}; group by author, topic or none")


CELL_WIDTH = 300
CELL_HEIGHT = 140
"""Points per grid cell: a box of WRAP_WIDTH characters at 11 pt, up to seven lines, and a margin."""
BARE_CELL = 36
"""Points per grid cell when claims are drawn as small boxes without text."""


def _grid(count: int, cell_width: int, cell_height: int) -> Callable[[], str]:
    """Successive `pos` values filling a near-square grid row by row, top left first (y grows upwards)."""
    columns = max(1, math.ceil(math.sqrt(count * cell_height / cell_width)))
    cells = itertools.count()

    def place() -> str:
        cell = next(cells)
        return f"{cell % columns * cell_width},{-(cell // columns) * cell_height}"

    return place


def _legend(
    index: MapIndex, claims: Sequence[Claim], relations: Collection[Relation], colors: dict[str, str], grid: bool
) -> str:
    """A cluster explaining the fills (the authors shown) and the arrows (the relations drawn: under a relation
    filter, only those).

    Its node ids hold spaces, which claim ids never do, so they cannot collide with a claim. On a grid it sits
    above the claims, in a row.
    """
    shown = {claim.author for claim in claims}
    out = [
        '  subgraph "cluster legend" {\n'
        '    graph [label="Legend", style="rounded", color="#999999", fontsize=14];\n'
    ]
    authors = [author for author in index.map.authors if author.id in shown]

    def pos(column: int, row: int) -> str:
        return f'pos="{column * CELL_WIDTH},{(2 - row) * CELL_HEIGHT // 2 + CELL_HEIGHT}", ' if grid else ""

    for position, author in enumerate(authors):
        out.append(
            f'    "legend author {position}" [{pos(position, 0)}label={centered(author.name)}, '
            f'fillcolor="{colors[author.id]}", fixedsize=false, width=0.75, height=0.5, margin="0.12,0.06"];\n'
        )
    if not grid:
        for position in range(len(authors) - 1):
            out.append(f'    "legend author {position}" -> "legend author {position + 1}" [style=invis];\n')
    previous = f'"legend author {len(authors) - 1}"' if authors else None
    for position, relation in enumerate(relation for relation in Relation if relation in relations):
        name = relation.value
        out.append(
            f'    "legend {name}" [{pos(2 * position, 1)}shape=plaintext, style="", fixedsize=false, '
            f'label="{RELATION_LEGEND[relation]}"];\n'
            f'    "legend {name} head" [{pos(2 * position + 1, 1)}shape=point, style=invis, width=0.05];\n'
            f'    "legend {name}" -> "legend {name} head" [{RELATION_STYLES[relation]}];\n'
        )
        if previous is not None and not grid:
            # Invisible springs holding the legend together where clusters mean nothing (sfdp); no rank for dot.
            out.append(f'    {previous} -> "legend {name}" [style=invis, constraint=false];\n')
        previous = f'"legend {name} head"'
    out.append("  }\n")
    return "".join(out)
