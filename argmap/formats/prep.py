"""The debate prep sheet: for one claim, or for an author's whole position (every claim of theirs, main theses
first), what it says and where, what supports it, what contradicts or qualifies it and what on the map answers each
of those, and whether it stands, in plain words: claims by author and sentence, never by id.

The sheet is built once as data (`Sheet`), then written as Markdown (`sheet_markdown`), as a printable HTML document
(`sheet_html`, with its own print styles) or as PDF from that HTML (`sheet_bytes`). What supports and answers what
comes from `argmap.prep`; standing comes from `argmap.analysis`, explained by `argmap.formats.report`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape as html_escape

from argmap.analysis import Analysis, Label
from argmap.formats.markdown import escape, inline
from argmap.formats.report import explain_standing
from argmap.index import MapIndex
from argmap.inert import without_unsafe
from argmap.model import Claim, Link, Relation
from argmap.prep import Objection, brief_of, position_of
from argmap.words import counted

SHEET_FORMATS = ("md", "html", "pdf")
"""What a sheet can be written as."""

_OBJECTIONS = (
    (Relation.CONTRADICTS, "What contradicts it"),
    (Relation.QUALIFIES, "What qualifies it"),
)
_BLANK_LINES = re.compile(r"\n{3,}")
_ANSWER_VERBS = {Relation.CONTRADICTS: "contradicted by", Relation.QUALIFIES: "qualified by"}


# The sheet as data -------------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Said:
    """A claim as a sheet shows it beside another: who says it, the sentence, its standing, why it bears on the
    other claim, its quote and where the quote is from; for an objection, what on the map answers it."""

    author: str
    text: str
    standing: str
    quote: str | None
    cite: str
    why: str = ""
    verb: str = ""
    answers: tuple[Said, ...] = ()
    unanswered: str = ""
    """What the sheet says under an objection nothing answers (empty for a supporter or an answer)."""


@dataclass(frozen=True, slots=True)
class Part:
    """One list of a claim's section: what supports it, contradicts it or qualifies it."""

    title: str
    items: tuple[Said, ...]
    empty: str


@dataclass(frozen=True, slots=True)
class Section:
    """One claim: its sentence, who says it, its quote, why it stands where it does, and the three lists."""

    text: str
    author: str
    details: tuple[str, ...]
    quote: str | None
    cite: str
    standing: str
    parts: tuple[Part, ...]


@dataclass(frozen=True, slots=True)
class Sheet:
    """A whole sheet: a title, a line or two about it, and the claims' sections in headed groups (one group with no
    heading for a claim's sheet)."""

    title: str
    subtitle: str
    map_title: str
    summary: str
    groups: tuple[tuple[str, tuple[Section, ...]], ...]


def claim_sheet_data(index: MapIndex, analysis: Analysis, claim_id: str) -> Sheet:
    """The sheet for one claim; `ValueError` when no claim has the id."""
    claim = brief_of(index, claim_id).claim
    return Sheet(f"Debate prep: {claim.text}", "", index.map.title, "",
                 (("", (_section(index, analysis, claim),)),))


def author_sheet_data(index: MapIndex, analysis: Analysis, author_id: str) -> Sheet:
    """The sheet for an author's whole position: main theses first, then the claims that support them."""
    position = position_of(index, author_id)
    author, theses, rest = position.author, position.theses, position.supporting
    claims = index.claims_by_author.get(author_id, [])
    labels = [analysis.standings[claim.id].label for claim in claims]
    if claims:
        summary = (
            f"{counted(len(claims), 'claim')}: {counted(len(theses), 'main thesis', 'main theses')} (claims that "
            f"support no other claim of theirs) and {counted(len(rest), 'claim')} supporting them. "
            f"{labels.count(Label.ACCEPTED)} accepted, {labels.count(Label.REJECTED)} rejected, "
            f"{labels.count(Label.UNDECIDED)} undecided."
        )
    else:
        summary = "This author has no claim on the map."
    groups = [("Main theses", tuple(_section(index, analysis, claim) for claim in theses))] if theses else []
    if rest:
        groups.append(("Supporting claims", tuple(_section(index, analysis, claim) for claim in rest)))
    return Sheet(f"Debate prep: {author.name}'s position", author.affiliation or "", index.map.title, summary,
                 tuple(groups))


def _section(index: MapIndex, analysis: Analysis, claim: Claim) -> Section:
    brief = brief_of(index, claim.id)
    details = (claim.kind, ", ".join(claim.topics)) if claim.topics else (claim.kind,)
    supporters = tuple(_said(index, analysis, link.source_id, link) for link in brief.supporters)
    parts = [Part("What supports it", supporters, "Nothing on the map supports it: it rests on its own quote.")]
    for relation, title in _OBJECTIONS:
        objections = tuple(_objection(index, analysis, objection, bool(supporters))
                           for objection in brief.objections_by(relation))
        parts.append(Part(title, objections, f"Nothing on the map {relation.value} it."))
    quote, cite = _quote(index, claim)
    return Section(claim.text, index.author_name(claim.author), details, quote, cite,
                   explain_standing(index, analysis, claim.id), tuple(parts))


def _objection(index: MapIndex, analysis: Analysis, objection: Objection, supported: bool) -> Said:
    said = _said(index, analysis, objection.link.source_id, objection.link)
    answers = tuple(_said(index, analysis, link.source_id, link, _ANSWER_VERBS[link.relation])
                    for link in objection.answers)
    back = ("; the claim's supporters above are what speak for it" if supported
            else ", and nothing supports the claim")
    unanswered = "" if answers else f"nothing on the map contradicts or qualifies this objection{back}."
    return Said(said.author, said.text, said.standing, said.quote, said.cite, said.why, said.verb, answers,
                unanswered)


def _said(index: MapIndex, analysis: Analysis, other_id: str, link: Link, verb: str = "") -> Said:
    other = index.claims.get(other_id)
    if other is None:
        return Said("", "a claim that is not on the map", "", None, "", link.why.strip(), verb)
    quote, cite = _quote(index, other)
    return Said(index.author_name(other.author), other.text, analysis.standings[other.id].describe(), quote, cite,
                link.why.strip(), verb)


def _quote(index: MapIndex, claim: Claim) -> tuple[str | None, str]:
    """The claim's quote (line ends as in the source, no carriage returns) and its source as a cite."""
    if claim.quote is None:
        return None, ""
    source = index.sources.get(claim.quote.source)
    cite = "" if source is None else ", ".join(
        part for part in (source.title, source.publication, source.date) if part)
    return claim.quote.text.replace("\r", ""), cite


# Markdown ----------------------------------------------------------------------------------------------------------

def claim_sheet(index: MapIndex, analysis: Analysis, claim_id: str) -> str:
    """The prep sheet for one claim, as Markdown; `ValueError` when no claim has the id."""
    return sheet_markdown(claim_sheet_data(index, analysis, claim_id))


def author_sheet(index: MapIndex, analysis: Analysis, author_id: str) -> str:
    """The prep sheet for an author's whole position, as Markdown."""
    return sheet_markdown(author_sheet_data(index, analysis, author_id))


def sheet_markdown(sheet: Sheet) -> str:
    """The sheet as Markdown: every text escaped, quotes as block quotes with their cite."""
    out = [f"# {inline(sheet.title)}\n\n"]
    if sheet.subtitle:
        out.append(f"*{inline(sheet.subtitle)}*\n\n")
    out.append(f"From the map *{inline(sheet.map_title)}*.\n\n")
    if sheet.summary:
        out.append(f"{escape(sheet.summary)}\n\n")
    for heading, sections in sheet.groups:
        if heading:
            out.append(f"## {inline(heading)}\n\n")
        for section in sections:
            out.append(_section_markdown(section, level=3 if heading else 2, heading=bool(heading)))
    return _BLANK_LINES.sub("\n\n", "".join(out)).rstrip("\n") + "\n"


def _section_markdown(section: Section, level: int, heading: bool) -> str:
    hashes = "#" * level
    out = [f"{hashes} {inline(section.text)}\n\n"] if heading else []
    out.append(" · ".join([f"**{inline(section.author)}**", *map(inline, section.details)]) + "\n\n")
    out.append(_quote_markdown(section.quote, section.cite, indent=""))
    out.append(f"**Standing.** {escape(section.standing)}\n\n")
    for part in section.parts:
        out.append(f"{hashes}# {part.title}\n\n")
        if not part.items:
            out.append(f"{part.empty}\n\n")
            continue
        for said in part.items:
            out.append(_said_markdown(said, indent=""))
            if said.unanswered:
                out.append(f"  - *Answered by*: {escape(said.unanswered)}\n")
            elif said.answers:
                out.append("  - *Answered by*:\n")
                out.extend(_said_markdown(answer, indent="    ") for answer in said.answers)
        out.append("\n")
    return "".join(out)


def _said_markdown(said: Said, indent: str) -> str:
    lead = f"{said.verb} " if said.verb else ""
    who = f"**{inline(said.author)}** ({said.standing}): " if said.author else ""
    why = f" *Why*: {inline(said.why)}" if said.why else ""
    return f"{indent}- {lead}{who}{inline(said.text)}{why}\n" + _quote_markdown(said.quote, said.cite, indent + "  ")


def _quote_markdown(quote: str | None, cite: str, indent: str) -> str:
    if quote is None:
        return ""
    lines = [f"{indent}> {escape(line)}\n" if line.strip() else f"{indent}>\n" for line in quote.split("\n")]
    if cite:
        lines.append(f"{indent}>\n{indent}> — {inline(cite)}\n")
    return "".join(lines) + "\n"


# HTML and PDF ------------------------------------------------------------------------------------------------------

PRINT_CSS = """
@page { size: A4; margin: 18mm 17mm 20mm;
  @bottom-left { content: string(sheet-title); width: 80%; font: 7.5pt/1.2 "DejaVu Sans", sans-serif; color: #777; }
  @bottom-right { content: "page " counter(page) " of " counter(pages); width: 20%; white-space: nowrap;
                  font: 7.5pt "DejaVu Sans", sans-serif; color: #777; } }
html { font: 10pt/1.42 "DejaVu Serif", Georgia, serif; color: #1a1a1a; }
body { margin: 0 auto; max-width: 46em; overflow-wrap: anywhere; }
h1, h2, h3, h4, .meta, .standing, .answered, .part-empty, .summary, .from { font-family: "DejaVu Sans", Helvetica,
  Arial, sans-serif; }
h1 { font-size: 17pt; line-height: 1.2; margin: 0 0 .3em; string-set: sheet-title content(); }
.subtitle { font-style: italic; margin: 0 0 .2em; }
.from, .summary { margin: 0 0 .4em; font-size: 9pt; color: #444; }
h2 { font-size: 13pt; margin: 1.4em 0 .5em; padding-bottom: .15em; border-bottom: 1.5px solid #333;
     break-after: avoid; }
h3 { font-size: 11.5pt; margin: 1.2em 0 .3em; break-after: avoid; }
h4 { font-size: 9.5pt; text-transform: uppercase; letter-spacing: .04em; color: #444; margin: 1em 0 .35em;
     break-after: avoid; }
section.claim { margin-bottom: 1.6em; }
section.claim + section.claim { border-top: 1px solid #bbb; padding-top: .4em; }
.meta { font-size: 8.5pt; color: #555; margin: 0 0 .4em; }
.author { font-weight: bold; color: #1a1a1a; }
blockquote { margin: .35em 0 .6em 0; padding: .3em .8em; border-left: 3px solid #8a8a8a; background: #f4f4f1;
             break-inside: avoid; }
blockquote p { margin: 0 0 .2em; font-style: italic; }
blockquote footer { font-size: 8pt; color: #555; margin-top: .25em; }
.standing { font-size: 9pt; margin: .4em 0 .6em; padding: .35em .6em; border: 1px solid #ccc; }
ul { margin: .2em 0 .6em; padding-left: 1.2em; }
li { margin: 0 0 .55em; }
li p { margin: 0 0 .15em; }
.state { color: #555; font-size: 8.5pt; }
.why { color: #444; font-size: 9pt; }
.why em { font-style: normal; font-weight: bold; }
.verb { font-style: italic; color: #333; }
.answered { font-size: 8.5pt; font-weight: bold; color: #333; margin: .3em 0 .1em; }
ul.answers { border-left: 2px dotted #999; padding-left: 1em; margin-left: .2em; list-style: none; }
.part-empty { font-size: 9pt; color: #555; font-style: italic; font-weight: normal; }
"""


def sheet_html(sheet: Sheet) -> str:
    """The sheet as a whole HTML document made for print (A4, page numbers, quotes set off); every text escaped."""
    out = [
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
        f"<title>{_h(sheet.title)}</title>\n<style>{PRINT_CSS}</style>\n</head>\n<body>\n<header>\n",
        f"<h1>{_h(sheet.title)}</h1>\n",
    ]
    if sheet.subtitle:
        out.append(f"<p class=\"subtitle\">{_h(sheet.subtitle)}</p>\n")
    out.append(f"<p class=\"from\">From the map <cite>{_h(sheet.map_title)}</cite>.</p>\n")
    if sheet.summary:
        out.append(f"<p class=\"summary\">{_h(sheet.summary)}</p>\n")
    out.append("</header>\n")
    for heading, sections in sheet.groups:
        if heading:
            out.append(f"<h2>{_h(heading)}</h2>\n")
        for section in sections:
            out.append(_section_html(section, heading=bool(heading)))
    out.append("</body>\n</html>\n")
    return "".join(out)


def sheet_bytes(sheet: Sheet, sheet_format: str) -> bytes:
    """The sheet as a file's bytes: `md`, `html` or `pdf` (`argmap.formats.pdf`; `PdfError` when it cannot)."""
    if sheet_format == "md":
        return sheet_markdown(sheet).encode("utf-8")
    if sheet_format == "html":
        return sheet_html(sheet).encode("utf-8")
    if sheet_format == "pdf":
        from argmap.formats.pdf import pdf_bytes

        return pdf_bytes(sheet_html(sheet))
    raise ValueError(f"a prep sheet is written as {', '.join(SHEET_FORMATS)}, not {sheet_format!r}")


def _section_html(section: Section, heading: bool) -> str:
    title = f"<h3>{_h(section.text)}</h3>\n" if heading else ""
    details = "".join(f" · {_h(detail)}" for detail in section.details if detail)
    out = [
        "<section class=\"claim\">\n", title,
        f"<p class=\"meta\"><span class=\"author\">{_h(section.author)}</span>{details}</p>\n",
        _quote_html(section.quote, section.cite),
        f"<p class=\"standing\"><strong>Standing.</strong> {_h(section.standing)}</p>\n",
    ]
    for part in section.parts:
        out.append(f"<h4>{_h(part.title)}</h4>\n")
        if not part.items:
            out.append(f"<p class=\"part-empty\">{_h(part.empty)}</p>\n")
            continue
        out.append("<ul>\n")
        for said in part.items:
            out.append(f"<li>{_said_html(said)}")
            if said.unanswered:
                out.append(f"<p class=\"answered\">Answered by: <span class=\"part-empty\">{_h(said.unanswered)}"
                           "</span></p>\n")
            elif said.answers:
                out.append("<p class=\"answered\">Answered by:</p>\n<ul class=\"answers\">\n")
                out.extend(f"<li>{_said_html(answer)}</li>\n" for answer in said.answers)
                out.append("</ul>\n")
            out.append("</li>\n")
        out.append("</ul>\n")
    out.append("</section>\n")
    return "".join(out)


def _said_html(said: Said) -> str:
    verb = f"<span class=\"verb\">{_h(said.verb)}</span> " if said.verb else ""
    who = (f"<span class=\"author\">{_h(said.author)}</span> <span class=\"state\">({_h(said.standing)})</span>: "
           if said.author else "")
    why = f" <span class=\"why\"><em>Why:</em> {_h(said.why)}</span>" if said.why else ""
    return f"<p>{verb}{who}{_h(said.text)}{why}</p>\n" + _quote_html(said.quote, said.cite)


def _quote_html(quote: str | None, cite: str) -> str:
    if quote is None:
        return ""
    paragraphs = "".join(f"<p>{_h(line)}</p>" for line in quote.split("\n") if line.strip())
    footer = f"<footer>— {_h(cite)}</footer>" if cite else ""
    return f"<blockquote>{paragraphs}{footer}</blockquote>\n"


def _h(text: str) -> str:
    """Text as HTML character data or an attribute value: control characters and bidirectional overrides dropped
    (as every export does), `&`, `<`, `>` and both quotes escaped."""
    return html_escape(without_unsafe(text), quote=True)
