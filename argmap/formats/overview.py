"""The argument at a glance, as DOT: a box per author (or per topic) and an arrow per pair and relation, as wide as
the links it stands for and labelled with their number. The author overview is the agreement matrix
(`argmap.compare.agreement_matrix`) drawn; both fit a page where the whole map is a poster.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from argmap.analysis import analyze
from argmap.colors import RELATION_COLORS, author_colors
from argmap.compare import agreement_matrix
from argmap.formats import ordered_topics, primary_topic
from argmap.formats.dot import FONT, RELATION_STYLES, Legend, Page, clean, left_aligned, tooltip, wrap
from argmap.index import MapIndex
from argmap.model import Claim, Relation
from argmap.words import counted, shortened

_Ranking = Callable[[Sequence[Claim]], list[Claim]]
"""Claims in the order they are named: the most central first."""

HEADS = {Relation.SUPPORTS: "normal", Relation.CONTRADICTS: "tee", Relation.QUALIFIES: "onormal"}
"""The arrowhead of each relation (as in `dot.RELATION_STYLES`), drawn at whichever end the links point to."""
CIRCLE = "layout=circo, mindist=1.6, splines=true, overlap=false"
"""Four boxes or more go round a circle, so every pair's arrows can be seen."""
ROW = "rankdir=LR, ranksep=1.6, nodesep=0.6"
"""Up to three go in a row (circo set two boxes touching, their arrows squeezed between)."""
KINDS: tuple[str, ...] = ("author", "topic")
THESES = 2
"""Main theses shown in an author's box: their claims the most of the map rests on (`analysis.Central`)."""
THESIS_WIDTH = 80
"""Characters of a thesis shown (about two lines of a box), cut at a word."""
STANCE_WIDTH = 60
"""Characters of an author's stance shown in a topic's box."""


def overview_dot(index: MapIndex, kind: str = "author", page: Page | None = None) -> str:
    """The overview of the whole map by `kind` (`author` or `topic`) as DOT."""
    if kind not in KINDS:
        raise ValueError(f"unknown overview {kind!r}; draw an overview by author or topic")
    rests = {central.claim_id: central.rests for central in analyze(index).central}

    def main_first(claims: Sequence[Claim]) -> list[Claim]:
        return sorted(claims, key=lambda claim: -rests.get(claim.id, 0.0))

    return _authors(index, main_first, page) if kind == "author" else _topics(index, main_first, page)


def _authors(index: MapIndex, main_first: _Ranking, page: Page | None) -> str:
    colors = author_colors(index.map)
    authors = [author for author in index.map.authors if index.claims_by_author.get(author.id)]
    matrix = agreement_matrix(index, [author.id for author in authors])
    boxes = []
    for number, author in enumerate(authors):
        claims = index.claims_by_author[author.id]
        own = matrix[(author.id, author.id)].total
        theses = main_first(claims)[:THESES]
        lines = [line for claim in theses for line in _bulleted(shortened(claim.text, THESIS_WIDTH))]
        text = _centred([author.name, f"{counted(len(claims), 'claim')} · {counted(own, 'link')} among them"])
        tip = "\n".join(f"• {claim.text}" for claim in theses)
        boxes.append(f'  "a{number}" [label="{text}{left_aligned(lines)}", fillcolor="{colors[author.id]}", '
                     f'tooltip={tooltip(tip)}];\n')
    arrows = []
    for first, one in enumerate(authors):
        for second, other in enumerate(authors[first + 1:], first + 1):
            for relation in Relation:
                there, back = matrix[(one.id, other.id)].count(relation), matrix[(other.id, one.id)].count(relation)
                if there or back:
                    said = (f"{relation.value}: {one.name} → {other.name} {there}, "
                            f"{other.name} → {one.name} {back}")
                    arrows.append(Arrow(f"a{first}", f"a{second}", relation, there, back, said))
    legend_line = "width and number: links between two authors' claims, both ways (heads show which way)"
    return _digraph(index, "the argument at a glance, by author", boxes, arrows, legend_line, page)


def _topics(index: MapIndex, main_first: _Ranking, page: Page | None) -> str:
    grouped = ordered_topics(index.map.claims)
    numbers = {topic: number for number, topic in enumerate(grouped)}
    names = {author.id: author.name for author in index.map.authors}
    boxes = []
    for topic, claims in grouped.items():
        stances = []
        for author_id in dict.fromkeys(claim.author for claim in claims):
            mine = [claim for claim in claims if claim.author == author_id]
            main = main_first(mine)[0]
            stances.append(f"{names.get(author_id, author_id)} ({len(mine)}): {shortened(main.text, STANCE_WIDTH)}")
        lines = [line for stance in stances for line in _bulleted(stance)]
        text = _centred([topic, counted(len(claims), "claim")])
        boxes.append(f'  "t{numbers[topic]}" [label="{text}{left_aligned(lines)}", fillcolor="#f4f1ea", '
                     f'tooltip={tooltip(chr(10).join(stances))}];\n')
    counts: Counter[tuple[str, str, Relation]] = Counter()
    for link in index.map.links:
        source, target = index.claims.get(link.source_id), index.claims.get(link.target_id)
        if source is not None and target is not None:
            counts[(primary_topic(source), primary_topic(target), link.relation)] += 1
    topics = list(grouped)
    arrows = []
    for first, one in enumerate(topics):
        for other in topics[first + 1:]:
            for relation in Relation:
                there, back = counts[(one, other, relation)], counts[(other, one, relation)]
                if there or back:
                    said = f"{relation.value}: {one} → {other} {there}, {other} → {one} {back}"
                    arrows.append(Arrow(f"t{numbers[one]}", f"t{numbers[other]}", relation, there, back, said))
    legend_line = "width and number: links between claims on two topics (by first topic), both ways"
    return _digraph(index, "the argument at a glance, by topic", boxes, arrows, legend_line, page)


def _digraph(
    index: MapIndex, subtitle: str, boxes: list[str], arrows: list[Arrow],
    legend_line: str, page: Page | None,
) -> str:
    """The overview's DOT: the title and a legend of the relations drawn, the boxes, then the arrows by relation."""
    relations = [relation for relation in Relation if any(arrow.relation is relation for arrow in arrows)]
    legend = Legend(relations=relations, extra=[legend_line])
    out = [
        "digraph overview {\n",
        f"  graph [label=<{legend.table(f'{index.map.title} — {subtitle}', {}, page is not None)}>, labelloc=t, "
        f'fontname="{FONT}", fontsize=20, {CIRCLE if len(boxes) > 3 else ROW}'
        f'{page.attributes() if page is not None else ""}];\n',
        f'  node [shape=box, style="rounded,filled", fontname="{FONT}", fontsize=12, color="#555555", '
        'margin="0.2,0.1"];\n',
        f'  edge [fontname="{FONT}", fontsize=12];\n',
        *boxes,
    ]
    for arrow in arrows:
        count = arrow.there + arrow.back
        width = min(1.0 + 1.2 * math.sqrt(count), 8.0)
        way = "both" if arrow.there and arrow.back else "forward" if arrow.there else "back"
        out.append(
            f'  "{arrow.one}" -> "{arrow.other}" [id="{arrow.one}-{arrow.relation.value}-{arrow.other}", '
            f'{RELATION_STYLES[arrow.relation]}, dir={way}, arrowtail={HEADS[arrow.relation]}, penwidth={width:.1f}, '
            f'label="{count}", '
            f'fontcolor="{RELATION_COLORS[arrow.relation]}", tooltip={tooltip(arrow.said)}];\n'
        )
    out.append("}\n")
    return "".join(out)


@dataclass(frozen=True, slots=True)
class Arrow:
    """One arrow of an overview: the links of one relation between two boxes, counted each way."""

    one: str
    other: str
    relation: Relation
    there: int
    back: int
    said: str


def _centred(lines: Sequence[str]) -> str:
    """Label lines (without the surrounding quotes), escaped, each centred."""
    body = "\n".join(clean(line).replace("\n", " ") for line in lines)
    return body.replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;").replace("\n", "\\n") + "\\n"


def _bulleted(text: str) -> list[str]:
    """A line of a box's list, wrapped: a bullet, then the text indented under it."""
    lines = wrap(clean(text), 44)
    return ["• " + lines[0], *("   " + line for line in lines[1:])]
