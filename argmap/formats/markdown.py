"""A selection of a map as a readable Markdown document: by author, then topic; each claim with its quote and its
links in and out.

Each claim appears once, under its first topic (see `argmap.formats.primary_topic`); its other topics are listed
beside it. Links are every link touching the claim on the whole map: those to claims in the document point to
them (anchors `claim-N`), the others name the claim and its author. User text is escaped for CommonMark/GitHub, so
`<b>`, `[supports]` or `*` show as typed.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from argmap.formats import ordered_topics
from argmap.formats.dot import clean
from argmap.index import MapIndex
from argmap.model import RELATION_MEANINGS, Claim, Link, Relation
from argmap.words import counted

INCOMING = {
    Relation.SUPPORTS: "supported by",
    Relation.CONTRADICTS: "contradicted by",
    Relation.QUALIFIES: "qualified by",
}

_SPECIAL = re.compile(r"[\\`*_\[\]<>#|~]|&(?=#?\w+;)")
_LINE_START = re.compile(r"^(\s*)(?:([-+=])|(\d+)([.)]))", re.MULTILINE)


def escape(text: str) -> str:
    """Text shown as typed by a Markdown renderer: its markup characters backslash-escaped, line by line."""
    text = _SPECIAL.sub(lambda match: "\\" + match.group(0), clean(text))
    return _LINE_START.sub(_escaped_line_start, text)


def _escaped_line_start(match: re.Match[str]) -> str:
    """A list or heading marker at a line's start made text: `\\-`, `\\=`, and `1\\.` (a backslash before a digit
    would show as typed)."""
    indent, mark, number, dot = match.groups()
    return indent + ("\\" + mark if mark else number + "\\" + dot)


def inline(text: str) -> str:
    """Escaped text on one line (newlines become spaces), for headings, list items and emphasis."""
    return escape(" ".join(clean(text).split("\n")))


def to_markdown(
    index: MapIndex, claims: Sequence[Claim], preferred_topics: Collection[str] = (), description: str = ""
) -> str:
    """The document: title, what it holds and how to read the relations, then each author's claims by topic."""
    anchors = {claim.id: f"claim-{number}" for number, claim in enumerate(claims)}
    argument_map = index.map
    out = [f"# {inline(argument_map.title)}\n\n"]
    if argument_map.description.strip():
        out.append(escape(argument_map.description.strip()) + "\n\n")
    shown_links = sum(
        1 for claim in claims for link in index.outgoing.get(claim.id, ()) if link.target_id in anchors
    )
    out.append(
        f"{counted(len(claims), 'claim')} and {counted(shown_links, 'link')} between them"
        + (f" ({inline(description)})" if description else "")
        + ".\n\n"
    )
    out.append("How claims bear on each other:\n\n")
    for relation, meaning in RELATION_MEANINGS.items():
        out.append(f"- **{relation.value}**: {meaning}.\n")
    out.append("\n")

    by_author: dict[str, list[Claim]] = {author.id: [] for author in argument_map.authors}
    for claim in claims:
        by_author.setdefault(claim.author, []).append(claim)
    for author_id, members in by_author.items():
        if not members:
            continue
        author = index.authors.get(author_id)
        out.append(f"## {inline(author.name if author else author_id)}\n\n")
        if author is not None and author.affiliation:
            out.append(f"*{inline(author.affiliation)}*\n\n")
        for topic, topic_claims in ordered_topics(members, preferred_topics).items():
            out.append(f"### {inline(topic)}\n\n")
            for claim in topic_claims:
                out.append(_claim(index, claim, anchors))
    return "".join(out).rstrip("\n") + "\n"


def _claim(index: MapIndex, claim: Claim, anchors: dict[str, str]) -> str:
    out = [f'<a id="{anchors[claim.id]}"></a>**{inline(claim.text)}**  \n']
    details: list[str] = [claim.kind]
    if claim.topics:
        details.append(", ".join(claim.topics))
    details.append(f"id {claim.id}")
    out.append(f"*{inline(' · '.join(details))}*\n\n")
    if claim.quote is not None:
        quote_lines = clean(claim.quote.text).split("\n")
        out.extend(f"> {escape(line)}\n" if line.strip() else ">\n" for line in quote_lines)
        source = index.sources.get(claim.quote.source)
        if source is not None:
            cited = ", ".join(part for part in (source.title, source.publication, source.date) if part)
            out.append(f">\n> — {inline(cited)}\n")
        out.append("\n")
    if claim.note:
        out.append(f"Note: {inline(claim.note)}\n\n")
    lines = [_link_line(index, link, outgoing=True, anchors=anchors) for link in index.outgoing.get(claim.id, ())]
    lines += [_link_line(index, link, outgoing=False, anchors=anchors) for link in index.incoming.get(claim.id, ())]
    if lines:
        out.extend(lines)
        out.append("\n")
    return "".join(out)


def _link_line(index: MapIndex, link: Link, outgoing: bool, anchors: dict[str, str]) -> str:
    other_id = link.target_id if outgoing else link.source_id
    other = index.claims.get(other_id)
    text = inline(other.text) if other is not None else inline(other_id)
    shown = f"[{text}](#{anchors[other_id]})" if other_id in anchors else text
    author = f" ({inline(index.author_name(other.author))})" if other is not None else ""
    verb = f"→ {link.relation.value}" if outgoing else f"← {INCOMING[link.relation]}"
    why = f": {inline(link.why)}" if link.why.strip() else ""
    return f"- {verb} {shown}{author}{why}\n"
