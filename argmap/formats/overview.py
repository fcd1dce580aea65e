"""The argument at a glance, as DOT: a box per author and an arrow per pair and relation, as wide as the links it
stands for and labelled with their number (the agreement matrix, `argmap.compare.agreement_matrix`, drawn); or a box
per topic, each author's main claim on it in a line, round an ellipse the shape of the page, and a line per pair of
topics, a stroke and a count per relation. Both fit a page where the whole map is a poster.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from argmap.analysis import analyze
from argmap.cards import cited_name
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
"""Four boxes or more go round a circle, so every pair's arrows can be seen (authors, and topics past
ELLIPSE_LIMIT)."""
ROW = "rankdir=LR, ranksep=1.6, nodesep=0.6"
"""Up to three go in a row (circo set two boxes touching, their arrows squeezed between)."""
PINNED = "layout=neato, inputscale=72, splines=false, overlap=true, outputorder=edgesfirst"
"""Topics' boxes at the points argmap gives them (`pos`, in points) round an ellipse, joined by straight lines
drawn under the boxes."""
ELLIPSE_LIMIT = 60
"""Topics up to which they go round an ellipse (placing them compares every pair of boxes); above, round circo's
circle."""
CHAR_WIDTH = 6.9
LINE_HEIGHT = 14.5
BOX_MARGIN = (14.4, 7.2)
GAP = 12.0
"""Points: a character and a line of a box's 12 pt text, as drawn (DejaVu Sans standing in for Helvetica, wider
than most fonts), the box's inner margins, and the least room between two boxes."""
HEADER = 1.2
"""Inches of a page the title and legend take above the ellipse."""
KINDS: tuple[str, ...] = ("author", "topic")
THESES = 2
"""Main theses shown in an author's box: their claims the most of the map rests on (`analysis.Central`)."""
THESIS_WIDTH = 80
"""Characters of a thesis shown (about two lines of a box), cut at a word."""
STANCE_WIDTH = 34
"""Characters of a line of a topic's box: an author's short name, their claims on it and their main one, cut at a
word (the whole sentence is in the tooltip)."""
MIN_STANCE = 12
"""Characters of a main claim shown however long its author's name."""
FAINT = 3
"""Links from which two topics are joined by a line in colour (or by any contradiction): fainter ties cross the
ellipse and hide the strong ones, so they are grey hairlines; the legend counts them."""
FAINT_COLOR = "#c8c8c8"


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
    return _digraph(index, "the argument at a glance, by author", boxes, arrows, [legend_line], page)


def _topics(index: MapIndex, main_first: _Ranking, page: Page | None) -> str:
    grouped = ordered_topics(index.map.claims)
    numbers = {topic: number for number, topic in enumerate(grouped)}
    authors = {author.id: author for author in index.map.authors}
    labels: dict[str, tuple[list[str], list[str]]] = {}
    tips: dict[str, str] = {}
    for topic, claims in grouped.items():
        stances, said = [], []
        for author_id, count in Counter(claim.author for claim in claims).most_common():
            main = main_first([claim for claim in claims if claim.author == author_id])[0]
            author = authors.get(author_id)
            who = f"{cited_name(author) if author is not None else author_id} {count}: "
            stances.append(clean("• " + who + shortened(main.text, max(STANCE_WIDTH - len(who), MIN_STANCE))))
            said.append(f"{author.name if author is not None else author_id} ({count}): {main.text}")
        labels[topic] = ([f"{topic} · {counted(len(claims), 'claim')}"], stances)
        tips[topic] = "\n".join(said)
    counts: Counter[tuple[str, str, Relation]] = Counter()
    for link in index.map.links:
        source, target = index.claims.get(link.source_id), index.claims.get(link.target_id)
        if source is not None and target is not None:
            counts[(primary_topic(source), primary_topic(target), link.relation)] += 1
    topics = list(grouped)
    ties = {(one, other): {relation: (counts[(one, other, relation)], counts[(other, one, relation)])
                           for relation in Relation}
            for first, one in enumerate(topics) for other in topics[first + 1:]}
    places = _on_an_ellipse(topics, labels, ties, page) if 3 < len(topics) <= ELLIPSE_LIMIT else {}
    boxes = []
    for topic, (head, stances) in labels.items():
        where = f'pos="{places[topic][0]:.0f},{places[topic][1]:.0f}!", ' if topic in places else ""
        boxes.append(f'  "t{numbers[topic]}" [{where}label="{_centred(head)}{left_aligned(stances)}", '
                     f'fillcolor="#f4f1ea", tooltip={tooltip(tips[topic])}];\n')
    bundles: list[str] = []
    relations: set[Relation] = set()
    faint = 0
    for (one, other), each in ties.items():
        total = sum(there + back for there, back in each.values())
        if not total:
            continue
        weak = total < FAINT and not sum(each[Relation.CONTRADICTS])
        faint += weak
        bundles.append(_bundle(f"t{numbers[one]}", f"t{numbers[other]}", one, other, each, weak))
        if not weak:
            relations.update(relation for relation, (there, back) in each.items() if there or back)
    legend = ["a line: the links between two topics' claims (by first topic), a stroke and a count per relation"]
    if faint:
        legend.append(f"grey hairline: under {FAINT} links, none contradicting ({faint})")
    return _digraph(index, "the argument at a glance, by topic", boxes, bundles, legend, page,
                    [relation for relation in Relation if relation in relations], PINNED if places else None)


def _on_an_ellipse(
    topics: Sequence[str], labels: dict[str, tuple[list[str], list[str]]],
    ties: dict[tuple[str, str], dict[Relation, tuple[int, int]]], page: Page | None,
) -> dict[str, tuple[float, float]]:
    """Points for each topic's box round an ellipse shaped like the page (landscape unless an upright page is
    asked for), as small as keeps the boxes apart; each topic beside the one it shares most links with, so the
    heaviest lines are short. (circo's circle left a landscape page two-thirds empty, its text at 4.5 pt.)"""
    weight = Counter({frozenset(pair): sum(sum(way) for way in each.values()) for pair, each in ties.items()})
    rank = {topic: number for number, topic in enumerate(topics)}
    order, left = [topics[0]], set(topics[1:])
    while left:
        last = order[-1]
        order.append(max(left, key=lambda topic: (weight[frozenset((last, topic))], -rank[topic])))
        left.remove(order[-1])
    sizes = {topic: (max(len(line) for line in head + stances) * CHAR_WIDTH + 2 * BOX_MARGIN[0] + GAP,
                     len(head + stances) * LINE_HEIGHT + 2 * BOX_MARGIN[1] + GAP)
             for topic, (head, stances) in labels.items()}
    width, height = page.inches() if page is not None else (11.0, 8.0)
    aspect = width / (height - HEADER)
    angles = [-math.pi / 2 + 2 * math.pi * number / len(order) for number in range(len(order))]
    scale = max(max(w for w, _ in sizes.values()), max(h for _, h in sizes.values())) / 2

    def placed(scale: float) -> dict[str, tuple[float, float]]:
        return {topic: (scale * aspect * math.cos(angle), -scale * math.sin(angle))
                for topic, angle in zip(order, angles, strict=True)}

    def apart(places: dict[str, tuple[float, float]]) -> bool:
        return all(abs(places[one][0] - places[other][0]) * 2 >= sizes[one][0] + sizes[other][0]
                   or abs(places[one][1] - places[other][1]) * 2 >= sizes[one][1] + sizes[other][1]
                   for number, one in enumerate(order) for other in order[number + 1:])

    while not apart(placed(scale)):
        scale *= 1.05
    return placed(scale)


def _bundle(
    one: str, other: str, one_name: str, other_name: str, each: dict[Relation, tuple[int, int]], weak: bool
) -> str:
    """The line between two topics' boxes: parallel strokes, one in each relation's colour that links them, as wide
    as all their links, labelled with each relation's count in its colour; a `weak` tie a grey hairline without
    numbers. Hovering says which way each relation goes."""
    present = [relation for relation, (there, back) in each.items() if there or back]
    said = "\n".join(f"{relation.value}: {one_name} → {other_name} {each[relation][0]}, "
                     f"{other_name} → {one_name} {each[relation][1]}" for relation in present)
    start = f'  "{one}" -> "{other}" [id="{one}-links-{other}", dir=none, tooltip={tooltip(said)}, '
    if weak:
        return start + f'color="{FAINT_COLOR}", penwidth=0.6, class="faint"];\n'
    total = sum(there + back for there, back in each.values())
    width = min(0.8 + 0.5 * math.sqrt(total), 4.0)
    colors = ":".join(RELATION_COLORS[relation] for relation in present)
    numbers = " ".join(f'<FONT COLOR="{RELATION_COLORS[relation]}">{sum(each[relation])}</FONT>'
                       for relation in present)
    return start + f'color="{colors}", penwidth={width:.1f}, label=<{numbers}>];\n'


def _digraph(
    index: MapIndex, subtitle: str, boxes: list[str], arrows: list[Arrow] | list[str],
    legend_lines: list[str], page: Page | None, relations: list[Relation] | None = None, layout: str | None = None,
) -> str:
    """The overview's DOT: the title and a legend of the relations drawn, the boxes, then the arrows by relation
    (or lines already written)."""
    if relations is None:
        relations = [relation for relation in Relation
                     if any(isinstance(arrow, Arrow) and arrow.relation is relation for arrow in arrows)]
    legend = Legend(relations=relations, extra=legend_lines)
    out = [
        "digraph overview {\n",
        f"  graph [label=<{legend.table(f'{index.map.title} — {subtitle}', {}, page is not None)}>, labelloc=t, "
        f'fontname="{FONT}", fontsize=20, {layout or (CIRCLE if len(boxes) > 3 else ROW)}'
        f'{page.attributes() if page is not None else ""}];\n',
        f'  node [shape=box, style="rounded,filled", fontname="{FONT}", fontsize=12, color="#555555", '
        'margin="0.2,0.1"];\n',
        f'  edge [fontname="{FONT}", fontsize=12];\n',
        *boxes,
    ]
    for arrow in arrows:
        if isinstance(arrow, str):
            out.append(arrow)
            continue
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
