"""Graphviz DOT for a selection of a map, built as plain strings with its own exact escaping.

Escaping, for every character a claim can hold (see FIELD-NOTES, Graphviz):
- every id and value is quoted; inside quotes `\\` is doubled first, then `"` becomes `\\"`; `\\r` and the other
  control characters (which SVG cannot hold) and the bidirectional overrides are dropped, tabs kept;
- in labels `&` becomes `&amp;`, because Graphviz reads HTML entities even in plain labels (`&lt;` would show as
  `<`); lines end in `\\l` (left-aligned) or `\\r`, never a raw newline;
- HTML-like labels (`<...>`) are never used for user text, so `<b>` is shown as typed;
- node ids are the claim ids, quoted, so `claim:1` stays one node (unquoted, `:` would start a port).
Relations are drawn by colour, style and arrowhead; edge labels (the rationales, `--why`) only when asked, as they
slow layout (see `benchmarks/bench_diagrams.py`).

Two more kinds of string, each measured against the real `dot` (tests/test_diagrams.py):
- tooltips go through Graphviz's escapes twice (`\\N`, doubled once, still became the node's name): each `\\` is
  written four times, `&` as `&amp;`, newlines as `\\n`;
- the title and legend are one HTML-like table (so the legend is a small block under the title, not a cluster the
  layout spreads out): `& < > "` as entities, and each `\\` twice, as Graphviz reads its escapes in them once.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from argmap.collector import collector_paused
from argmap.colors import RELATION_COLORS, author_colors
from argmap.formats import ordered_topics
from argmap.index import MapIndex
from argmap.inert import without_unsafe
from argmap.model import Author, Claim, Link, Relation
from argmap.words import counted

if TYPE_CHECKING:
    from argmap.analysis import Standing

WRAP_WIDTH = 36
"""Characters per line of a claim's sentence in its box: about six words, a comfortable column when printed."""

FONT = "Helvetica"
CLAIM_SIZE = 11
"""Points of a claim's text in its box, at the drawing's full size."""

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
    closing = _right(last_line) if last_line is not None else ""
    return '"' + left_aligned([clean(line) for line in lines]) + closing + '"'


def left_aligned(lines: Sequence[str]) -> str:
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


FOCUS_BAND = "#1f3a93"
"""The colour of the focus claim's band and double border: a dark blue no author's fill uses."""
OUTSIDE_FILL = "#ffffff"
WHY_LIMIT = 300
"""Links up to which `--why` writes rationales on the arrows. Labels slow `dot` more the larger the diagram
(`benchmarks/bench_diagrams.py`, bundled map, best of 3): 1.1-1.9x up to 178 links (under 0.4 s), 3.4x at 288 links
(0.60 s to 2.0 s), 4.7-9.1x for the whole map's 512 (0.6-1.0 s to 4.7-5.2 s)."""
WHY_WIDTH = 28
"""Characters per line of a rationale written on its arrow (`--why`)."""


@dataclass(frozen=True, slots=True)
class Marks:
    """What a diagram marks beyond claims and links: the focus claim; claims drawn though outside the selection;
    how many links each drawn claim has to claims not drawn; standings (for the tooltips, and drawn on the boxes
    with `show_standing`); rationales as arrow labels (`why`); and the printed page to fit."""

    focus: str | None = None
    outside: frozenset[str] = frozenset()
    cut: Mapping[str, int] = field(default_factory=dict)
    standings: Mapping[str, Standing] | None = None
    show_standing: bool = False
    why: bool = False
    page: Page | None = None

    @property
    def cut_total(self) -> int:
        return sum(self.cut.values())


@dataclass(frozen=True, slots=True)
class Page:
    """A printed page: A4 or US Letter, upright or landscape; the diagram is scaled down to fit inside margins, or
    with `split`, printed over as many pages as keep its text legible (`argmap.formats.tiles`)."""

    name: str = "a4"
    landscape: bool = False
    split: bool = False

    SIZES = {"a4": (8.27, 11.69), "letter": (8.5, 11.0)}
    """Inches, upright."""
    MARGIN = 0.4

    def inches(self) -> tuple[float, float]:
        width, height = self.SIZES[self.name]
        return (height, width) if self.landscape else (width, height)

    def attributes(self) -> str:
        """Graph attributes, each after a comma: the drawing scaled down (never up) to fit the page less its margins;
        none when split, as the pages are cut from the full-size drawing. (A PDF gets pages of exactly this size from
        `render.on_page`: Graphviz's own PDF page is the drawing's size.)"""
        if self.split:
            return ""
        width, height = self.inches()
        return f', size="{width - 2 * self.MARGIN:.2f},{height - 2 * self.MARGIN:.2f}"'


def tooltip(text: str) -> str:
    """A quoted tooltip showing `text` exactly: Graphviz reads escapes in tooltips twice (see the module's notes)."""
    text = clean(text).replace("\\", "\\\\\\\\").replace('"', '\\"').replace("&", "&amp;")
    return '"' + text.replace("\n", "\\n") + '"'


def html(text: str) -> str:
    """Text for an HTML-like label, shown exactly: entities for `& < > "`, backslashes doubled, newlines as breaks."""
    text = clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    return text.replace("\\", "\\\\").replace("\n", '<BR ALIGN="LEFT"/>')


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
    marks: Marks | None = None,
) -> str:
    """The selection as a DOT digraph: a box per claim (its sentence, filled with its author's colour; the author
    named unless the box sits in the author's cluster), an arrow per link styled by relation, clusters by author or
    topic (or none), and under the title a legend of only what is drawn. `marks` adds the focus, claims outside the
    selection, links cut, standings, rationales and a page (see `Marks`).

    `grid` places every node itself (`pos`, for `neato -n2`): claims in rows, group after group, straight arrows,
    no clusters. Linear, for selections too large for any Graphviz layout to finish (see `render`). Without
    `labels` each claim is a small box of its author's colour: an overview, for bitmaps too large to draw text in.
    """
    with collector_paused():
        return _to_dot(index, claims, links, group, preferred_topics, width, title, grid, labels, marks or Marks())


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
    marks: Marks,
) -> str:
    colors = author_colors(index.map)
    names = {author.id: author.name for author in index.map.authors}
    # LR, not TB: ranks become columns of boxes, so a wide, shallow map (most argument maps) comes out near
    # square, fit for a page: the bundled map measures 5094 x 5119 pt in LR and 11391 x 2124 pt in TB.
    layout = "splines=false, outputorder=edgesfirst" if grid else "rankdir=LR, nodesep=0.25, ranksep=0.5, newrank=true"
    page = marks.page.attributes() if marks.page is not None else ""
    ids = {claim.id: quoted(claim.id) for claim in claims}
    numbers = {claim.id: number for number, claim in enumerate(claims)}
    groups = _groups(index, claims, group, preferred_topics)
    clustered = group == "author" and not grid
    standings = marks.standings or {}
    # Tooltips double the DOT of a map too large for any layout but the grid (100,000 claims: 29 to 58 MB, and
    # seconds more within the 30 s promised); such a poster is not read by hovering.
    tips = labels and not grid
    shown_marks = {claim.id: _standing_mark(standings.get(claim.id)) for claim in claims} if marks.show_standing else {}
    legend = Legend(
        authors=[a for a in index.map.authors if any(c.author == a.id for c in claims)],
        relations=[r for r in Relation if any(link.relation is r for link in links)],
        focus=marks.focus in ids,
        outside=sum(1 for claim in claims if claim.id in marks.outside),
        cut=marks.cut_total,
        standing_marks=sorted({m for m in shown_marks.values() if m}, key=list(STANDING_STYLES).index),
        why=marks.why and bool(links),
    )
    out: list[str] = [
        "digraph argmap {\n",
        f"  graph [label=<{legend.table(title or index.map.title, colors, marks.page is not None)}>, labelloc=t, "
        f'fontname="{FONT}", fontsize=20, {layout}{page}];\n',
        f'  node [shape=box, style="rounded,filled", fontname="{FONT}", fontsize={CLAIM_SIZE}, color="#555555", '
        + ('margin="0.12,0.06"];\n' if labels else 'width=0.3, height=0.2, fixedsize=true, label=""];\n'),
        "  edge [arrowsize=0.9];\n",
    ]
    cell = (CELL_WIDTH, CELL_HEIGHT) if labels else (BARE_CELL, BARE_CELL)
    place = _grid(len(claims), *cell) if grid else None

    def byline(claim: Claim, in_cluster: bool) -> list[str]:
        """The box's closing lines, right-aligned: `— Author` (unless its cluster names the author) and the kind,
        whether it is outside the selection, its standing and its links cut."""
        parts: list[str] = [] if in_cluster else [f"— {names.get(claim.author, claim.author)}"]
        if claim.kind != "claim":
            parts.append(claim.kind)
        closing = [" · ".join(parts)] if parts else []
        if claim.id in marks.outside:
            closing.append("outside the selection")
        mark = shown_marks.get(claim.id)
        if mark:
            closing.append(mark)
        if marks.cut.get(claim.id):
            closing.append(f"+{counted(marks.cut[claim.id], 'link')} not drawn")
        return closing

    def node(claim: Claim, indent: str) -> str:
        where = f'pos="{place()}", ' if place is not None else ""
        fill = colors.get(claim.author, "#dddddd")
        tip = f"tooltip={tooltip(_claim_tooltip(claim, standings.get(claim.id)))}, " if tips else ""
        if not labels:
            return f'{indent}{ids[claim.id]} [id="n{numbers[claim.id]}", {where}fillcolor="{fill}"];\n'
        closing = byline(claim, clustered and claim.id not in marks.outside)
        text = left_aligned(wrap(clean(claim.text), width)) + "".join(_right(line) for line in closing)
        style = _node_style(claim, fill, marks, shown_marks.get(claim.id))
        return f'{indent}{ids[claim.id]} [id="n{numbers[claim.id]}", {where}{tip}label="{text}", {style}];\n'

    outside = [claim for claim in claims if claim.id in marks.outside]
    for position, (kind, key, members) in enumerate(groups):
        members = [claim for claim in members if claim.id not in marks.outside]
        if not members:
            continue
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
    out.extend(node(claim, "  ") for claim in outside)

    for relation in Relation:
        edges = [link for link in links if link.relation is relation]
        if not edges:
            continue
        out.append(f"  {{\n    edge [{RELATION_STYLES[relation]}];\n")
        out.extend(
            f"    {ids[link.source_id]} -> {ids[link.target_id]}{_edge_attributes(link, marks.why, tips)};\n"
            for link in edges
            if link.source_id in ids and link.target_id in ids
        )
        out.append("  }\n")
    out.append("}\n")
    return "".join(out)


def _node_style(claim: Claim, fill: str, marks: Marks, standing_mark: str | None) -> str:
    """A box's drawing attributes: its author's fill; the focus with a band and a heavy double border; a claim
    outside the selection white and dashed; a rejected or undecided claim (with `--standing`) its border."""
    if claim.id == marks.focus:
        return (f'shape=box, style="filled,striped", fillcolor="{FOCUS_BAND};0.05:{fill}", color="{FOCUS_BAND}", '
                'penwidth=3, peripheries=2, class="focus"')
    if claim.id in marks.outside:
        return f'style="rounded,dashed,filled", fillcolor="{OUTSIDE_FILL}", color="{fill}", penwidth=2, ' \
            'fontcolor="#444444", class="outside"'
    if standing_mark:
        return f'fillcolor="{fill}", {STANDING_STYLES[standing_mark]}'
    return f'fillcolor="{fill}"'


STANDING_STYLES: dict[str, str] = {
    "rejected": 'style="rounded,filled,dashed", color="#b71c1c", penwidth=2, class="rejected"',
    "undecided": 'style="rounded,filled,dotted", color="#6a1b9a", penwidth=2, class="undecided"',
}
"""How `--standing` marks a box: rejected, dashed dark red; undecided, dotted purple (accepted: unmarked)."""


def _standing_mark(standing: Standing | None) -> str | None:
    """`rejected` or `undecided` for a claim that does not stand (as drawn with `--standing`), else None."""
    if standing is None or standing.label.value == "accepted":
        return None
    return standing.label.value


def _claim_tooltip(claim: Claim, standing: Standing | None) -> str:
    """What hovering a box shows: the claim's quote, and its standing when known."""
    quote = f"“{claim.quote.text}”" if claim.quote is not None else "No quote recorded."
    return quote if standing is None else f"{quote}\nStanding: {standing.describe()}"


def _edge_attributes(link: Link, why: bool, tips: bool) -> str:
    """An arrow's attributes, if any: its tooltip (its rationale, else its relation) unless `tips` is off and, with
    `why`, the rationale as its label."""
    reason = link.why.strip()
    attributes = [f"tooltip={tooltip(reason or link.relation.value)}"] if tips else []
    if why and reason:
        attributes.append(f'label={label(wrap(clean(reason), WHY_WIDTH))}, fontsize=9, fontname="{FONT}"')
    return f" [{', '.join(attributes)}]" if attributes else ""


@dataclass(frozen=True, slots=True)
class Legend:
    """What a diagram draws, to explain under its title: the authors whose claims are drawn, the relations of the
    links drawn, and the marks used (with how many claims or links each concerns)."""

    authors: Sequence[Author] = ()
    relations: Sequence[Relation] = ()
    focus: bool = False
    outside: int = 0
    cut: int = 0
    standing_marks: Sequence[str] = ()
    why: bool = False
    extra: Sequence[str] = ()

    def table(self, title: str, colors: Mapping[str, str], narrow: bool = False) -> str:
        """The title and this legend as one HTML-like table: a line of the authors, each after a square of their
        colour, then a line of the arrows and marks, each named in a few words. A line is one cell of text, so it
        keeps its own width whatever the title's. `narrow` (for a printed page) breaks the title and the legend into
        lines of a page's width, so a small diagram is not made as wide as a long title to fit on one."""
        titles = [line for part in title.split(" — ") for line in wrap(part, TITLE_WIDTH)] if narrow else [title]
        rows = [f'<FONT POINT-SIZE="20">{html(line)}</FONT>' for line in titles]
        swatches = [f'<FONT COLOR="{colors.get(a.id, "#dddddd")}">■</FONT> {html(a.name)}' for a in self.authors]
        keys = [f'<FONT COLOR="{RELATION_COLORS[r]}">{RELATION_SIGNS[r]}</FONT> {RELATION_LEGEND[r]}'
                for r in self.relations]
        if self.why:
            keys.append("words on an arrow: why it holds")
        if self.focus:
            keys.append(f'<FONT COLOR="{FOCUS_BAND}">▌</FONT> double border: the focus')
        if self.outside:
            keys.append(f"white, dashed: outside the selection ({self.outside})")
        for mark in self.standing_marks:
            keys.append(f"{'dashed' if mark == 'rejected' else 'dotted'} border: {mark}")
        if self.cut:
            keys.append(f"{counted(self.cut, 'link')} to claims not drawn (+N on a box)")
        keys.extend(html(line) for line in self.extra)
        lines = [part for line in (swatches, keys) for part in (_lines_of(line) if narrow else [line]) if part]
        rows.extend(f'<FONT POINT-SIZE="{LEGEND_SIZE}">{LEGEND_GAP.join(line)}</FONT>' for line in lines)
        cells = "".join(f"<TR><TD>{row}</TD></TR>" for row in rows)
        return f'<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="2">{cells}</TABLE>'


def _lines_of(entries: Sequence[str]) -> list[list[str]]:
    """Legend entries (HTML-like) shared among lines of about LEGEND_WIDTH characters of text each."""
    lines: list[list[str]] = [[]]
    used = 0
    for entry in entries:
        length = len(re.sub(r"<[^>]*>|&[a-z]+;", "x", entry)) + 2
        if lines[-1] and used + length > LEGEND_WIDTH:
            lines.append([])
            used = 0
        lines[-1].append(entry)
        used += length
    return lines


TITLE_WIDTH = 60
"""Characters per line of a title on a printed page (20 pt: about 600 pt, inside an upright page at 9 pt claims)."""
LEGEND_WIDTH = 100
"""Characters per line of a legend on a printed page."""
LEGEND_GAP = "\u2003\u2003"
"""Between two entries of a legend line: two em spaces (Graphviz would keep plain spaces, but as no-break spaces)."""
LEGEND_SIZE = 10
"""Points of the legend's type: a size smaller than the claims', as a key is read once."""

RELATION_SIGNS: dict[Relation, str] = {
    Relation.SUPPORTS: "⟶",
    Relation.CONTRADICTS: "⊣",
    Relation.QUALIFIES: "⇢",
}
"""A sign in the relation's colour for each line of the legend, echoing its arrowhead."""


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


