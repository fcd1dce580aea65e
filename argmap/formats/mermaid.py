"""A selection of a map as a Mermaid flowchart, for wherever Mermaid renders (a GitHub README, a wiki, an issue).

Node ids are safe made-up ones (`n0`, `n1`, …; `g0`… for groups), never claim ids. Labels are always quoted, and
every character Mermaid might read is written as a Mermaid entity: `"` as `#quot;`, `#` as `#35;` (first, so the
entities added after it stay intact), `&`, `<`, `>`, the backtick, `%` and `'` likewise; so `<b>` and
`[supports]` show as typed, and no text is ever read as a directive (Mermaid takes `%%{init: ...}%%` anywhere in a
chart as configuration) or as a statement (`direction TB` anywhere in a line). Relations are told apart like in the
diagram: `-->` green (supports), `--x` thick red (contradicts), `-.->` amber (qualifies).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from argmap.colors import RELATION_COLORS, author_colors
from argmap.formats import ordered_topics
from argmap.formats.dot import RELATION_LEGEND, clean, wrap
from argmap.index import MapIndex
from argmap.model import Claim, Link, Relation

WRAP_WIDTH = 36

ARROWS = {Relation.SUPPORTS: "-->", Relation.CONTRADICTS: "--x", Relation.QUALIFIES: "-.->"}
LINK_STYLES = {
    Relation.SUPPORTS: f"stroke:{RELATION_COLORS[Relation.SUPPORTS]},stroke-width:1.5px",
    Relation.CONTRADICTS: f"stroke:{RELATION_COLORS[Relation.CONTRADICTS]},stroke-width:3px",
    Relation.QUALIFIES: f"stroke:{RELATION_COLORS[Relation.QUALIFIES]},stroke-width:1.5px",
}

MAX_TEXT = 50_000
MAX_EDGES = 500
"""Mermaid's default limits (`maxTextSize`, `maxEdges`); a page's directives cannot raise them."""

_ENTITIES = {"&": "#amp;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "`": "#96;", "%": "#37;", "'": "#39;"}
_FONT_AWESOME = re.compile(r"\b(fa[bklrs]?):")
_DIRECTION = re.compile(r"d(?=irection\s)", re.IGNORECASE)
"""Mermaid's lexer takes any line holding `direction TB` (or BT, RL, LR, in any case) for a direction statement,
quotes or not, and then refuses the chart: the `d` is written as an entity."""


def escape(text: str) -> str:
    """Text for inside a quoted Mermaid label, shown as typed; a newline becomes a line break."""
    text = clean(text).replace("#", "#35;")
    for character, entity in _ENTITIES.items():
        text = text.replace(character, entity)
    text = _FONT_AWESOME.sub(r"\1#58;", text)  # `fa:fa-car` would otherwise be drawn as an icon
    text = _DIRECTION.sub(lambda match: f"#{ord(match.group())};", text)
    return text.replace("\n", "<br/>")


def to_mermaid(
    index: MapIndex,
    claims: Sequence[Claim],
    links: Sequence[Link],
    group: str = "author",
    preferred_topics: Collection[str] = (),
    width: int = WRAP_WIDTH,
) -> str:
    """The flowchart: a node per claim (sentence and author, filled with the author's colour), a styled arrow per
    link, subgraphs by author or topic (or none), and a small legend of the relations."""
    colors = author_colors(index.map)
    numbers = {claim.id: number for number, claim in enumerate(claims)}
    out = ["flowchart LR\n"]

    def node(claim: Claim, indent: str) -> str:
        lines = "<br/>".join(escape(line) for line in wrap(clean(claim.text), width))
        by = escape(f"— {index.author_name(claim.author)}")
        return f'{indent}n{numbers[claim.id]}["{lines}<br/>{by}"]\n'

    if group == "author":
        groups: dict[str, list[Claim]] = {author.id: [] for author in index.map.authors}
        for claim in claims:
            groups.setdefault(claim.author, []).append(claim)
        titled = [(index.author_name(author_id), members) for author_id, members in groups.items() if members]
    elif group == "topic":
        titled = list(ordered_topics(claims, preferred_topics).items())
    elif group == "none":
        titled = []
        out.extend(node(claim, "  ") for claim in claims)
    else:
        raise ValueError(f"unknown grouping {group!r}; group by author, topic or none")
    for position, (title, members) in enumerate(titled):
        out.append(f'  subgraph g{position}["{escape(title)}"]\n')
        out.extend(node(claim, "    ") for claim in members)
        out.append("  end\n")

    by_relation: dict[Relation, list[int]] = {relation: [] for relation in Relation}
    drawn = [link for link in links if link.source_id in numbers and link.target_id in numbers]
    for number, link in enumerate(drawn):
        by_relation[link.relation].append(number)
        out.append(f"  n{numbers[link.source_id]} {ARROWS[link.relation]} n{numbers[link.target_id]}\n")

    out.append('  subgraph legend["Legend"]\n    direction LR\n')
    shown = {claim.author for claim in claims}
    legend_authors = [author for author in index.map.authors if author.id in shown]
    for position, author in enumerate(legend_authors):
        out.append(f'    la{position}["{escape(author.name)}"]\n')
    number = len(drawn)
    for position, relation in enumerate(Relation):
        out.append(
            f'    lr{position}["{escape(RELATION_LEGEND[relation])}"] {ARROWS[relation]} lr{position}b[" "]\n'
        )
        by_relation[relation].append(number)
        number += 1
    out.append("  end\n")

    for relation, numbers_of_links in by_relation.items():
        out.append(f"  linkStyle {','.join(map(str, numbers_of_links))} {LINK_STYLES[relation]}\n")
    class_of = {author.id: f"a{position}" for position, author in enumerate(index.map.authors)}
    for author in index.map.authors:
        out.append(f"  classDef {class_of[author.id]} fill:{colors[author.id]},stroke:#555555,color:#000000\n")
    members_of: dict[str, list[str]] = {}
    for claim in claims:
        if claim.author in class_of:
            members_of.setdefault(class_of[claim.author], []).append(f"n{numbers[claim.id]}")
    for position, author in enumerate(legend_authors):
        members_of.setdefault(class_of[author.id], []).append(f"la{position}")
    for class_name, node_names in members_of.items():
        out.append(f"  class {','.join(node_names)} {class_name}\n")
    return "".join(out)


def limits_note(text: str, link_count: int) -> str | None:
    """One sentence when the chart is past what Mermaid draws by default, else None."""
    if len(text) > MAX_TEXT or link_count + len(Relation) > MAX_EDGES:
        return (
            f"this Mermaid chart has {len(text):,} characters and {link_count:,} links, past Mermaid's default limits "
            f"({MAX_TEXT:,} characters, {MAX_EDGES} links), so most pages will refuse to draw it; "
            "export fewer claims (--author, --topic, --focus)"
        )
    return None
