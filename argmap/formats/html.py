"""A selection of a map as one self-contained web page, for people without a terminal: the diagram (the SVG export's
own Graphviz layout, embedded), every claim by author and topic with its quote, source, links, standing and the
attacks on it with their answers, a search box, author filters and the agreement matrix.

The page asks no server for anything: styles and script are inline, and its Content-Security-Policy allows no
fetch, no other script and no other style source. Every user text is escaped exactly once, by `html.escape`, in
text and in attributes; what the script needs is JSON in a `<script type="application/json">` block with `<`, `>`
and `&` written as `\\u003c`, `\\u003e`, `\\u0026`, so no text can end the block; the script itself is a constant
and reads the data with `JSON.parse`. Element ids are positions (`claim-12`, the diagram's `n12`), never user
text. Control characters and bidirectional overrides are dropped, as in the other exports.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Callable, Collection, Sequence
from html import escape
from xml.etree import ElementTree

from argmap.analysis import Analysis, analyze
from argmap.colors import RELATION_COLORS, author_colors
from argmap.compare import agreement_matrix
from argmap.formats import primary_topic
from argmap.formats.report import explain_standing
from argmap.index import MapIndex
from argmap.inert import without_unsafe
from argmap.model import Claim, Link, Relation
from argmap.prep import brief_of
from argmap.topics import by_topic
from argmap.words import counted

DIAGRAM_LIMIT = 1_000
"""Claims up to which the page embeds the diagram. Measured in headless Chromium (`benchmarks/bench_html.py`), the
SVG of generated maps alone took 0.41 s to open at 500 claims, 0.87 s at 1,000, 2.5 s at 2,000 and 11.9 s at 10,000
(20 MB), and a drawing of thousands of claims is a tangle no one reads; the SVG export still draws them."""

PAGE_SIZE = 100
"""Claims the list shows at first, in the order of the page; "show more" adds as many again. Every claim is in the
file, in a store the script takes out of the document as it starts and moves the shown claims from (a link to any
claim brings it in). Measured at 10,000 claims (`benchmarks/bench_html.py`): with 500 claims shown in place among
the others, hidden, a keystroke took 60 ms median to the next frame and up to 335 ms; moving claims in and out of a
hidden store still inside the document cost 47 ms of style a keystroke; with the store out of the document, 19-32 ms
median and under 50 ms at most."""

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
XLINK_NAMESPACE = "http://www.w3.org/1999/xlink"


def text(value: str) -> str:
    """User text for HTML text or a quoted attribute: unsafe characters dropped, `& < > " '` escaped."""
    return escape(without_unsafe(value), quote=True)


def script_json(value: object) -> str:
    """JSON that can sit inside a `<script type="application/json">` element: no `<`, `>` or `&` in it, so no text
    can close the element or open a comment, and `JSON.parse` reads it back unchanged."""
    dumped = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return dumped.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def to_html(
    index: MapIndex,
    claims: Sequence[Claim],
    links: Sequence[Link],
    group: str = "author",
    preferred_topics: Collection[str] = (),
    description: str = "",
    note: Callable[[str], None] | None = None,
) -> str:
    """The selection as one HTML page (see the module's docstring); `note` hears what the diagram's layout left out
    or why it could not be drawn."""
    analysis = analyze(index)
    numbers = {claim.id: number for number, claim in enumerate(claims)}
    title = f"{index.map.title} — {description}" if description else index.map.title
    colors = author_colors(index.map)
    shown_authors = [author.id for author in index.map.authors if author.id in {claim.author for claim in claims}]
    groups, group_of = _claim_groups(index, claims, shown_authors, preferred_topics)
    body = [
        f"<header><h1>{text(title)}</h1>",
        f'<p class="lead">{text(index.map.description)}</p>' if index.map.description.strip() else "",
        f'<p class="counts">{counted(len(claims), "claim")} and {counted(len(links), "link")} '
        f"by {counted(len(shown_authors), 'author')}.</p></header>",
        _controls(index, shown_authors, colors, len(claims)),
        '<main><section id="diagram-section"><h2>Diagram</h2>',
        _diagram(index, claims, links, group, preferred_topics, title, note),
        "</section>",
        _matrix(index, shown_authors, colors),
        '<section id="claims"><h2>Claims by author and topic</h2><div id="claim-list"></div>',
        '<p><button type="button" id="more" hidden>Show more</button></p>',
        f'<div id="store">{_claims(index, analysis, claims, links, numbers, groups, colors)}</div>',
        "</section></main>",
    ]
    data = {
        "claims": [
            {"a": shown_authors.index(claim.author) if claim.author in shown_authors else -1,
             "g": group_of[claim.id], "s": _haystack(index, claim)}
            for claim in claims
        ],
        "heads": _author_heads(groups),
        "order": [numbers[claim.id] for _, _, members in groups for claim in members],
        "page": PAGE_SIZE,
    }
    digest = base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")
    policy = f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-{digest}'"
    return "".join([
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n",
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n',
        '<meta name="referrer" content="no-referrer">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        '<meta name="generator" content="argmap">\n',
        f"<title>{text(title)}</title>\n<style>{STYLE}</style>\n",
        "<noscript><style>#store { display: block; }</style></noscript>\n",
        "</head><body>\n",
        *body,
        f'\n<script type="application/json" id="argmap-data">{script_json(data)}</script>\n',
        f"<script>{SCRIPT}</script>\n</body></html>\n",
    ])


def _haystack(index: MapIndex, claim: Claim) -> str:
    """What the search box looks in: the claim's text, quote, author, topics, kind and id."""
    parts = [claim.text, index.author_name(claim.author), *claim.topics, claim.kind, claim.id]
    if claim.quote is not None:
        parts.append(claim.quote.text)
    return without_unsafe("\n".join(parts))


def _author_heads(groups: Sequence[tuple[str, str, list[Claim]]]) -> list[int]:
    """Per group, the number of the author heading it comes under (`author-N`), one heading per run of an author."""
    heads: list[int] = []
    previous = None
    for author, _, _ in groups:
        heads.append(heads[-1] + (author != previous) if heads else 0)
        previous = author
    return heads


def _claim_groups(
    index: MapIndex, claims: Sequence[Claim], authors: Sequence[str], preferred_topics: Collection[str]
) -> tuple[list[tuple[str, str, list[Claim]]], dict[str, int]]:
    """(author id, topic, claims) per group in the order shown (authors in map order, topics as everywhere), and
    each claim's group number."""
    by_author: dict[str, list[Claim]] = {author: [] for author in authors}
    for claim in claims:
        by_author.setdefault(claim.author, []).append(claim)
    groups: list[tuple[str, str, list[Claim]]] = []
    group_of: dict[str, int] = {}
    for author, members in by_author.items():
        for topic, topic_claims in by_topic(members, lambda claim: (primary_topic(claim, preferred_topics),)).items():
            for claim in topic_claims:
                group_of[claim.id] = len(groups)
            groups.append((author, topic, topic_claims))
    return groups, group_of


def _controls(index: MapIndex, authors: Sequence[str], colors: dict[str, str], total: int) -> str:
    boxes = "".join(
        f'<label class="author-filter"><input type="checkbox" checked data-author="{number}"> '
        f'<span class="swatch" style="background:{colors.get(author, "#dddddd")}"></span>'
        f"{text(index.author_name(author))}</label>"
        for number, author in enumerate(authors)
    )
    return (
        '<nav id="controls" aria-label="Search and filters">'
        '<input type="search" id="search" placeholder="Search claims, quotes, authors, topics" '
        'aria-label="Search claims" autocomplete="off">'
        f'<span id="authors">{boxes}</span>'
        f'<output id="shown" aria-live="polite">{_shown(total)}</output></nav>'
    )


def _shown(total: int) -> str:
    """What the page says it shows without its script (every claim); the script says what it shows instead."""
    return f"{counted(total, 'claim')} shown"


def _diagram(
    index: MapIndex, claims: Sequence[Claim], links: Sequence[Link], group: str,
    preferred_topics: Collection[str], title: str, note: Callable[[str], None] | None,
) -> str:
    """The SVG export's drawing, inline; a sentence instead when Graphviz cannot draw it."""
    from argmap.formats.dot import to_dot
    from argmap.formats.render import RenderError, choose_layout, render

    if len(claims) > DIAGRAM_LIMIT:
        reason = (f"the page leaves out the diagram: {len(claims):,} claims are more than a browser draws quickly "
                  f"(up to {DIAGRAM_LIMIT:,}); export svg for it, or select fewer (--author, --topic, --focus)")
        if note is not None:
            note(reason)
        return f'<p class="missing">No diagram: {text(reason)}.</p>'
    layout = choose_layout(len(claims), len(links), "svg")
    if layout.note and note is not None:
        note(layout.note)
    dot_text = to_dot(index, claims, links if layout.links else [], group, preferred_topics, title=title,
                      grid=layout.grid, labels=layout.labels)
    try:
        svg = render(dot_text, "svg", layout, len(claims), note=note)
    except RenderError as error:
        if note is not None:
            note(f"the page has no diagram: {error}")
        return f'<p class="missing">No diagram: {text(str(error))}.</p>'
    return ('<p class="hint">Click a claim to read it; your browser\'s back button returns here. '
            '<button type="button" id="fit">Fit to width</button></p>'
            f'<div id="diagram">{inline_svg(svg)}</div>')


def inline_svg(svg: bytes) -> str:
    """Graphviz's SVG made fit to sit inside HTML: read as XML and written again, which drops its XML declaration,
    doctype and comments (Graphviz writes node names into comments) and escapes every text anew."""
    ElementTree.register_namespace("", SVG_NAMESPACE)
    ElementTree.register_namespace("xlink", XLINK_NAMESPACE)
    root = ElementTree.fromstring(svg)
    root.set("id", "diagram-svg")
    root.set("role", "img")
    root.set("aria-label", "The map's diagram: claims as boxes, links as arrows")
    return ElementTree.tostring(root, encoding="unicode")


def _matrix(index: MapIndex, authors: Sequence[str], colors: dict[str, str]) -> str:
    """The agreement matrix of the authors shown: links from one's claims (rows) to another's (columns), over the
    whole map."""
    if len(authors) < 2:
        return ""
    matrix = agreement_matrix(index, authors)
    names = {author: text(index.author_name(author)) for author in authors}
    head = "".join(f'<th scope="col"><span class="swatch" style="background:{colors.get(author, "#dddddd")}">'
                   f"</span>{names[author]}</th>" for author in authors)
    rows = []
    for source in authors:
        cells = []
        for target in authors:
            cell = matrix[(source, target)]
            net = (cell.supports - cell.contradicts) / cell.total if cell.total else 0.0
            tone = "agree" if net > 0 else "oppose" if net < 0 else "none" if not cell.total else "mixed"
            own = " own" if source == target else ""
            cells.append(
                f'<td class="{tone}{own}"><span class="s">{cell.supports}</span> '
                f'<span class="c">{cell.contradicts}</span> <span class="q">{cell.qualifies}</span></td>'
            )
        rows.append(f'<tr><th scope="row">{names[source]}</th>{"".join(cells)}</tr>')
    return (
        '<section id="agreement"><h2>Agreement between authors</h2>'
        "<p>Links on the whole map from one author's claims (rows) to another's (columns): "
        '<span class="s">supports</span>, <span class="c">contradicts</span>, <span class="q">qualifies</span>. '
        "The diagonal counts the links within one author's claims.</p>"
        f'<table class="matrix"><thead><tr><th scope="col">from \\ to</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


def _claims(
    index: MapIndex, analysis: Analysis, claims: Sequence[Claim], links: Sequence[Link], numbers: dict[str, int],
    groups: Sequence[tuple[str, str, list[Claim]]], colors: dict[str, str],
) -> str:
    out: list[str] = []
    links_out: dict[str, list[Link]] = {}
    links_in: dict[str, list[Link]] = {}
    for link in links:
        links_out.setdefault(link.source_id, []).append(link)
        links_in.setdefault(link.target_id, []).append(link)
    heads = _author_heads(groups)
    for number, (author, topic, members) in enumerate(groups):
        if number == 0 or heads[number] != heads[number - 1]:
            out.append(
                f'<h3 class="author-head" id="author-{heads[number]}"><span class="swatch" '
                f'style="background:{colors.get(author, "#dddddd")}"></span>{text(index.author_name(author))}</h3>'
            )
        out.append(f'<h4 class="topic-head" id="group-{number}">{text(topic)}</h4>')
        for claim in members:
            out.append(_claim(index, analysis, claim, numbers, links_out.get(claim.id, []),
                              links_in.get(claim.id, []), colors))
    return "".join(out)


def _claim(
    index: MapIndex, analysis: Analysis, claim: Claim, numbers: dict[str, int], outgoing: Sequence[Link],
    incoming: Sequence[Link], colors: dict[str, str],
) -> str:
    number = numbers[claim.id]
    standing = analysis.standings[claim.id]
    details = [f'<span class="by">{text(index.author_name(claim.author))}</span>', text(claim.kind)]
    if claim.topics:
        details.append(text(", ".join(claim.topics)))
    details.append(f"id <code>{text(claim.id)}</code>")
    out = [
        f'<article class="claim {standing.label.value}" id="claim-{number}" '
        f'style="--author:{colors.get(claim.author, "#dddddd")}">',
        f'<p class="text">{text(claim.text)}</p>',
        f'<p class="meta">{" · ".join(details)}</p>',
        _quote(index, claim),
        f'<p class="standing"><strong>Standing: {text(standing.describe())}.</strong> '
        f"{text(explain_standing(index, analysis, claim.id))}</p>",
    ]
    if claim.note:
        out.append(f'<p class="note">Note: {text(claim.note)}</p>')
    out.append(_link_list("Links out", outgoing, False, index, numbers))
    out.append(_link_list("Links in", incoming, True, index, numbers))
    out.append(_prep(index, analysis, claim, numbers))
    out.append("</article>")
    return "".join(out)


def _quote(index: MapIndex, claim: Claim) -> str:
    if claim.quote is None:
        return ""
    source = index.sources.get(claim.quote.source)
    cited = text(claim.quote.source)
    if source is not None:
        cited = text(", ".join(part for part in (source.title, source.publication, source.date) if part))
        if source.url and re.match(r"https?://", source.url, re.IGNORECASE):
            cited += f' (<a href="{text(source.url)}" rel="noopener noreferrer">{text(source.url)}</a>)'
        elif source.url:
            cited += f" ({text(source.url)})"
    return f'<blockquote class="quote">{text(claim.quote.text)}</blockquote><p class="source">— {cited}</p>'


def _link_list(heading: str, links: Sequence[Link], incoming: bool, index: MapIndex, numbers: dict[str, int]) -> str:
    """The claim's links one way, each naming the claim at its other end (a jump) and why."""
    if not links:
        return ""
    items = []
    for link in links:
        other_id = link.source_id if incoming else link.target_id
        relation = link.relation.value
        verb = f"{relation} this claim" if incoming else relation
        why = f'<span class="why">Why: {text(link.why)}</span>' if link.why.strip() else ""
        items.append(f'<li><span class="rel {relation}">{verb}</span> {_claim_ref(index, other_id, numbers)}{why}</li>')
    return f'<div class="links"><h5>{heading}</h5><ul>{"".join(items)}</ul></div>'


def _claim_ref(index: MapIndex, claim_id: str, numbers: dict[str, int]) -> str:
    """Another claim, named by author and text: a jump when it is on the page, plain text otherwise."""
    other = index.claims.get(claim_id)
    if other is None:
        return f"<code>{text(claim_id)}</code> (not on the map)"
    said = f'<span class="by">{text(index.author_name(other.author))}</span>: {text(other.text)}'
    if claim_id in numbers:
        return f'<a class="jump" href="#claim-{numbers[claim_id]}">{said}</a>'
    return f'<span class="elsewhere">{said} <em>(not on this page)</em></span>'


def _prep(index: MapIndex, analysis: Analysis, claim: Claim, numbers: dict[str, int]) -> str:
    """The prep sheet's part for this claim (`argmap.prep`): each claim contradicting or qualifying it, with its
    standing, and what on the map answers it."""
    objections = brief_of(index, claim.id).objections
    if not objections:
        return ""
    items = []
    for objection in objections:
        attack = objection.link
        standing = analysis.standings.get(attack.source_id)
        said = f" ({text(standing.describe())})" if standing is not None else ""
        if objection.answers:
            answered = "".join(
                f'<li><span class="rel {answer.relation.value}">{answer.relation.value}</span> '
                f"{_claim_ref(index, answer.source_id, numbers)}</li>"
                for answer in objection.answers
            )
            answer_list = f"<ul>{answered}</ul>"
        else:
            answer_list = " <em>nothing on the map contradicts or qualifies it</em>"
        items.append(
            f'<li><span class="rel {attack.relation.value}">{attack.relation.value}</span> '
            f"{_claim_ref(index, attack.source_id, numbers)}{said}<div class=\"answers\">Answered by:{answer_list}"
            "</div></li>"
        )
    return (f'<details class="prep" open><summary>Prep: {counted(len(objections), "objection")} and what answers '
            f"{'it' if len(objections) == 1 else 'them'}</summary><ul>{''.join(items)}</ul></details>")


STYLE = """
:root { --supports: $supports; --contradicts: $contradicts; --qualifies: $qualifies;
  color-scheme: light; font-family: system-ui, sans-serif; line-height: 1.45; }
body { margin: 0; background: #f6f6f4; color: #1d1d1d; }
header, main { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 1rem 0 .25rem; white-space: pre-wrap; }
.counts, .hint { color: #555; }
#controls { position: sticky; top: 0; z-index: 2; display: flex; flex-wrap: wrap; gap: .5rem 1rem;
  align-items: center; padding: .5rem max(1rem, calc(50% - 35rem)); background: #fff; border-bottom: 1px solid #ccc; }
#search { flex: 1 1 18rem; font-size: 1rem; padding: .35rem .5rem; }
.author-filter { white-space: nowrap; cursor: pointer; }
.swatch { display: inline-block; width: .8em; height: .8em; border-radius: 2px; margin-right: .3em;
  border: 1px solid #0003; vertical-align: -.05em; }
#shown { color: #555; }
#diagram { max-height: 75vh; overflow: auto; background: #fff; border: 1px solid #ccc; }
#diagram.fit svg { width: 100%; height: auto; }
#diagram g.node { cursor: pointer; }
#diagram g.node.out { opacity: .15; }
#diagram g.node.current path, #diagram g.node.current polygon { stroke: #000; stroke-width: 4px; }
.missing { color: #a00; }
table.matrix { border-collapse: collapse; background: #fff; }
.matrix th, .matrix td { border: 1px solid #ccc; padding: .25rem .5rem; text-align: center; }
.matrix th[scope=row] { text-align: left; }
.matrix td.agree { background: #e3f3e5; } .matrix td.oppose { background: #f8e0df; }
.matrix td.mixed { background: #fbf1d3; } .matrix td.own { font-style: italic; }
.s { color: var(--supports); } .c { color: var(--contradicts); } .q { color: #9a6f00; }
.s::after { content: " s"; } .c::after { content: " c"; } .q::after { content: " q"; }
.author-head { font-size: 1.35rem; border-bottom: 2px solid #ccc; margin-top: 2rem; }
.topic-head { font-size: 1rem; color: #555; margin: 1rem 0 .25rem; white-space: pre-wrap; }
.claim { background: #fff; border: 1px solid #d5d5d5; border-left: 6px solid var(--author); border-radius: 4px;
  padding: .5rem .8rem; margin: .5rem 0; scroll-margin-top: 8.5rem;
  content-visibility: auto; contain-intrinsic-size: auto 12rem; }
.claim:target { outline: 3px solid #1a5fb4; box-shadow: 0 0 0 6px #1a5fb433; }
.claim .text { font-size: 1.1rem; font-weight: 600; margin: .2rem 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.meta, .source, .standing, .note { margin: .2rem 0; color: #444; white-space: pre-wrap; overflow-wrap: anywhere; }
.quote { margin: .4rem 0; padding: .2rem .8rem; border-left: 3px solid #bbb; color: #333; font-style: italic;
  white-space: pre-wrap; overflow-wrap: anywhere; }
.claim.accepted .standing strong { color: #246b2f; } .claim.rejected .standing strong { color: #a02a26; }
.claim.undecided .standing strong { color: #7a5a00; }
.links h5 { margin: .4rem 0 .1rem; font-size: .85rem; text-transform: uppercase; color: #666; }
.links ul, .prep ul { margin: .1rem 0; padding-left: 1.2rem; }
.links li, .prep li { white-space: pre-wrap; overflow-wrap: anywhere; }
.rel { font-size: .8rem; font-weight: 700; padding: 0 .3em; border-radius: 3px; color: #fff; }
.rel.supports { background: var(--supports); } .rel.contradicts { background: var(--contradicts); }
.rel.qualifies { background: var(--qualifies); color: #222; }
.why { display: block; color: #555; font-size: .9rem; }
.elsewhere { color: #666; }
.prep summary { cursor: pointer; font-weight: 600; color: #444; }
.answers { font-size: .9rem; color: #444; }
#store { display: none; }
""".replace("$supports", RELATION_COLORS[Relation.SUPPORTS]).replace(
    "$contradicts", RELATION_COLORS[Relation.CONTRADICTS]).replace("$qualifies", RELATION_COLORS[Relation.QUALIFIES])

SCRIPT = """
"use strict";
(() => {
  const data = JSON.parse(document.getElementById("argmap-data").textContent);
  const fold = (value) => value.normalize("NFKD").replace(/\\p{M}/gu, "").toLowerCase();
  const claims = data.claims;
  const count = claims.length;
  const haystacks = claims.map((claim) => fold(claim.s));
  const articles = claims.map((claim, number) => document.getElementById("claim-" + number));
  const nodes = claims.map((claim, number) => document.getElementById("n" + number));
  const topicHeads = data.heads.map((head, number) => document.getElementById("group-" + number));
  const authorHeads = data.heads.map((head) => document.getElementById("author-" + head));
  const rank = new Uint32Array(count);
  data.order.forEach((number, place) => { rank[number] = place; });
  const matched = new Uint8Array(count).fill(1);
  const list = document.getElementById("claim-list");
  const more = document.getElementById("more");
  const search = document.getElementById("search");
  const shown = document.getElementById("shown");
  const boxes = Array.from(document.querySelectorAll("input[data-author]"));
  document.getElementById("store").remove();
  const pinned = new Set();
  let found = data.order;
  let limit = data.page;

  function match() {
    const words = fold(search.value).split(/\\s+/).filter((word) => word.length > 0);
    const authors = boxes.map((box) => box.checked);
    found = [];
    for (const number of data.order) {
      const claim = claims[number];
      const haystack = haystacks[number];
      const hit = (claim.a < 0 || authors[claim.a]) && words.every((word) => haystack.includes(word)) ? 1 : 0;
      if (hit) found.push(number);
      if (hit !== matched[number]) {
        matched[number] = hit;
        if (nodes[number]) nodes[number].classList.toggle("out", !hit);
      }
    }
  }

  function draw() {
    const showing = found.slice(0, limit);
    const extra = Array.from(pinned).filter((number) => !showing.includes(number));
    if (extra.length) showing.push(...extra);
    if (extra.length) showing.sort((one, other) => rank[one] - rank[other]);
    const wanted = [];
    let group = -1;
    let head = -1;
    for (const number of showing) {
      if (claims[number].g !== group) {
        group = claims[number].g;
        if (data.heads[group] !== head) {
          head = data.heads[group];
          wanted.push(authorHeads[group]);
        }
        wanted.push(topicHeads[group]);
      }
      wanted.push(articles[number]);
    }
    const current = Array.from(list.children);
    let same = 0;
    while (same < current.length && same < wanted.length && current[same] === wanted[same]) same++;
    for (const element of current.slice(same)) element.remove();
    const fresh = document.createDocumentFragment();
    for (const element of wanted.slice(same)) fresh.append(element);
    list.append(fresh);
    const total = found.length;
    const plural = (number, word) => number.toLocaleString("en") + " " + word + (number === 1 ? "" : "s");
    if (total > limit) {
      shown.textContent = "the first " + limit.toLocaleString("en") + " of " + plural(total, "claim") + " shown";
    } else {
      shown.textContent = total === count ? plural(count, "claim") + " shown"
        : total.toLocaleString("en") + " of " + plural(count, "claim") + " shown";
    }
    more.hidden = total <= limit;
    more.textContent = "Show " + Math.min(data.page, total - limit).toLocaleString("en") + " more";
  }

  function target() {
    const found = /^#claim-(\\d+)$/.exec(location.hash);
    const number = found ? Number(found[1]) : -1;
    return number >= 0 && number < count ? number : null;
  }

  function reveal(number) {
    pinned.add(number);
    if (articles[number].parentElement !== list) draw();
  }

  function followHash(opening) {
    document.querySelectorAll("#diagram g.node.current").forEach((node) => node.classList.remove("current"));
    const number = target();
    if (number === null) return;
    if (nodes[number]) nodes[number].classList.add("current");
    if (opening) {
      reveal(number);
      window.addEventListener("load", () => articles[number].scrollIntoView(), {once: true});
    } else if (articles[number].parentElement !== list) {
      reveal(number);
      location.replace(location.hash);
    }
  }

  const restart = () => {
    limit = data.page;
    pinned.clear();
    const number = target();
    if (number !== null) pinned.add(number);
    match();
    draw();
  };
  search.addEventListener("input", restart);
  boxes.forEach((box) => box.addEventListener("change", restart));
  more.addEventListener("click", () => { limit += data.page; draw(); });
  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest("a[href^='#claim-']") : null;
    const jump = link ? /^#claim-(\\d+)$/.exec(link.getAttribute("href")) : null;
    if (jump && Number(jump[1]) < count) reveal(Number(jump[1]));
  }, true);
  window.addEventListener("hashchange", () => followHash(false));
  const diagram = document.getElementById("diagram");
  if (diagram) {
    diagram.addEventListener("click", (event) => {
      const node = event.target instanceof Element ? event.target.closest("g.node") : null;
      const jump = node ? /^n(\\d+)$/.exec(node.id) : null;
      if (jump && Number(jump[1]) < count) {
        reveal(Number(jump[1]));
        location.hash = "#claim-" + jump[1];
      }
    });
  }
  const fit = document.getElementById("fit");
  if (fit && diagram) {
    fit.addEventListener("click", () => {
      const fitted = diagram.classList.toggle("fit");
      fit.textContent = fitted ? "Actual size" : "Fit to width";
    });
  }
  restart();
  followHash(true);
})();
"""
