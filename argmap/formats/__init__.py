"""Exporting a selection of a map: Graphviz DOT (and SVG, PNG, PDF through `dot`), Markdown, a web page and
Mermaid; and for other tools Argdown, AIF, Kialo's discussion text, GraphML and GEXF.

Every writer takes the index, the claims and the links to show (see `argmap.selection.select`) and returns text;
`render.render` turns DOT into the binary formats. Plain string building throughout: no pydot, no networkx.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from argmap.collector import collector_paused
from argmap.index import MapIndex
from argmap.model import Claim, Link
from argmap.topics import NO_TOPIC, by_topic

if TYPE_CHECKING:
    from argmap.formats.dot import Marks

TEXT_FORMATS: tuple[str, ...] = ("dot", "md", "html", "mermaid", "argdown", "aif", "kialo", "graphml", "gexf")
"""Formats written as text, to stdout when no output file is given."""
RENDERED_FORMATS: tuple[str, ...] = ("svg", "png", "pdf")
"""Formats Graphviz draws from the DOT text."""
FORMATS: tuple[str, ...] = (
    "dot", "svg", "png", "pdf", "md", "html", "mermaid", "argdown", "aif", "kialo", "graphml", "gexf"
)
GROUPS: tuple[str, ...] = ("author", "topic", "none")

_SUFFIXES = {
    ".dot": "dot", ".gv": "dot", ".svg": "svg", ".png": "png", ".pdf": "pdf",
    ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".mmd": "mermaid", ".mermaid": "mermaid",
    ".argdown": "argdown", ".ad": "argdown",
    ".graphml": "graphml", ".gexf": "gexf",
}


def format_for(output: Path | None, requested: str | None) -> str:
    """The format asked for, else the one the output's suffix names, else DOT."""
    if requested is not None:
        if requested not in FORMATS:
            raise ValueError(f"unknown format {requested!r}; the formats are {', '.join(FORMATS)}")
        return requested
    if output is not None:
        suffix = output.suffix.lower()
        if suffix in _SUFFIXES:
            return _SUFFIXES[suffix]
        if suffix:
            raise ValueError(
                f"cannot tell the format from the suffix {output.suffix!r}; "
                f"give one with --format ({', '.join(FORMATS)})"
            )
    return "dot"


def primary_topic(claim: Claim, preferred: Collection[str] = ()) -> str:
    """The topic a claim is filed under when grouping by topic: its first topic among `preferred` (a topic filter),
    else its first topic, else `NO_TOPIC`. A claim sits in one group only, so a diagram draws it once."""
    for topic in claim.topics:
        if topic in preferred:
            return topic
    return claim.topics[0] if claim.topics else NO_TOPIC


def ordered_topics(claims: Iterable[Claim], preferred: Collection[str] = ()) -> dict[str, list[Claim]]:
    """The claims by primary topic, in the order of `argmap.topics.by_topic`."""
    return by_topic(claims, lambda claim: (primary_topic(claim, preferred),))


def export(
    index: MapIndex,
    claims: Sequence[Claim],
    links: Sequence[Link],
    output_format: str,
    group: str = "author",
    preferred_topics: Collection[str] = (),
    description: str = "",
    note: Callable[[str], None] | None = None,
    root: str | None = None,
    marks: Marks | None = None,
) -> str | bytes:
    """The selection in `output_format`: text for dot, md, html, mermaid, argdown, aif, kialo, graphml and gexf,
    bytes for svg, png and pdf. `root` is the thesis of a Kialo discussion (default: `kialo.default_root`); `marks`
    what a diagram marks beyond claims and links (`dot.Marks`).

    `note` hears, in one plain sentence each (no prefix), what the reader should know: a cheaper layout chosen for
    a large selection, text or links left out of a large bitmap, a Mermaid chart past Mermaid's limits.
    """
    if root is not None and output_format != "kialo":
        raise ValueError("--root chooses the thesis of a Kialo discussion; it goes with --format kialo only")
    with collector_paused():
        if output_format in INTERCHANGE_FORMATS:
            return _interchange(index, claims, links, output_format, root, note)
        return _export(index, claims, links, output_format, group, preferred_topics, description, note, marks)


INTERCHANGE_FORMATS: tuple[str, ...] = ("aif", "kialo", "graphml", "gexf")
"""Formats other argument-mapping and graph tools read."""


def _interchange(
    index: MapIndex, claims: Sequence[Claim], links: Sequence[Link], output_format: str, root: str | None,
    note: Callable[[str], None] | None,
) -> str:
    if output_format == "aif":
        from argmap.formats.aif import to_aif

        return to_aif(index, claims, links)
    if output_format == "kialo":
        from argmap.formats.kialo import to_kialo

        return to_kialo(index, claims, links, root, note)
    from argmap.formats.graphml import to_gexf, to_graphml

    return to_graphml(index, claims, links) if output_format == "graphml" else to_gexf(index, claims, links)


def _export(
    index: MapIndex,
    claims: Sequence[Claim],
    links: Sequence[Link],
    output_format: str,
    group: str,
    preferred_topics: Collection[str],
    description: str,
    note: Callable[[str], None] | None,
    marks: Marks | None = None,
) -> str | bytes:
    from argmap.formats.dot import to_dot

    title = f"{index.map.title} — {description}" if description else None
    if output_format == "dot":
        return to_dot(index, claims, links, group, preferred_topics, title=title, marks=marks)
    if output_format == "md":
        from argmap.formats.markdown import to_markdown

        return to_markdown(index, claims, preferred_topics, description)
    if output_format == "html":
        from argmap.formats.html import to_html

        return to_html(index, claims, links, group, preferred_topics, description, note)
    if output_format == "mermaid":
        from argmap.formats.mermaid import limits_note, to_mermaid

        text = to_mermaid(index, claims, links, group, preferred_topics)
        warning = limits_note(text, len(links))
        if warning and note is not None:
            note(warning)
        return text
    if output_format == "argdown":
        from argmap.formats.argdown import write

        return write(index, claims, links, description)
    if output_format in RENDERED_FORMATS:
        from argmap.formats.render import choose_layout, render

        layout = choose_layout(len(claims), len(links), output_format)
        if layout.note and note is not None:
            note(layout.note)
        drawn = links if layout.links else []
        dot_text = to_dot(
            index, claims, drawn, group, preferred_topics, title=title, grid=layout.grid, labels=layout.labels,
            marks=marks,
        )
        if output_format == "pdf" and marks is not None and marks.page is not None:
            from argmap.formats.render import on_page

            return on_page(render(dot_text, "svg", layout, len(claims), note=note), marks.page)
        return render(dot_text, output_format, layout, len(claims), note=note)
    raise ValueError(f"unknown format {output_format!r}; the formats are {', '.join(FORMATS)}")
