"""The debate prep sheet, as Markdown: for one claim, or for an author's whole position (every claim of theirs, main
theses first), what it says and where, what supports it, what contradicts or qualifies it and what on the map
answers each of those, and whether it stands.

What supports and answers what comes from `argmap.prep`; standing comes from `argmap.analysis` (grounded semantics
with contradicts as attack; supports and qualifies mark it).
"""

from __future__ import annotations

import re

from argmap.analysis import Analysis, Label
from argmap.formats.markdown import escape, inline
from argmap.formats.report import explain_standing
from argmap.index import MapIndex
from argmap.model import Claim, Link, Relation
from argmap.prep import Objection, brief_of, position_of
from argmap.words import counted

_OBJECTIONS = (
    (Relation.CONTRADICTS, "What contradicts it"),
    (Relation.QUALIFIES, "What qualifies it"),
)
_BLANK_LINES = re.compile(r"\n{3,}")
_ANSWER_VERBS = {Relation.CONTRADICTS: "contradicted by", Relation.QUALIFIES: "qualified by"}


def claim_sheet(index: MapIndex, analysis: Analysis, claim_id: str) -> str:
    """The prep sheet for one claim; `ValueError` when no claim has the id."""
    claim = brief_of(index, claim_id).claim
    out = [f"# Debate prep: {inline(claim.text)}\n\n", _preamble(index)]
    out.append(_claim_section(index, analysis, claim, level=2, heading=False))
    return _tidy(out)


def author_sheet(index: MapIndex, analysis: Analysis, author_id: str) -> str:
    """The prep sheet for an author's whole position: main theses first, then the claims that support them."""
    position = position_of(index, author_id)
    author, theses, rest = position.author, position.theses, position.supporting
    claims = index.claims_by_author.get(author_id, [])
    out = [f"# Debate prep: {inline(author.name)}'s position\n\n"]
    if author.affiliation:
        out.append(f"*{inline(author.affiliation)}*\n\n")
    out.append(_preamble(index))
    labels = [analysis.standings[claim.id].label for claim in claims]
    out.append(
        f"{counted(len(claims), 'claim')}: {counted(len(theses), 'main thesis', 'main theses')} (claims that support "
        f"no other claim of theirs) and {counted(len(rest), 'claim')} supporting them. "
        f"{labels.count(Label.ACCEPTED)} accepted, {labels.count(Label.REJECTED)} rejected, "
        f"{labels.count(Label.UNDECIDED)} undecided.\n\n"
    )
    if not claims:
        out.append("This author has no claim on the map.\n")
        return "".join(out)
    out.append("## Main theses\n\n")
    for claim in theses:
        out.append(_claim_section(index, analysis, claim, level=3))
    if rest:
        out.append("## Supporting claims\n\n")
        for claim in rest:
            out.append(_claim_section(index, analysis, claim, level=3))
    return _tidy(out)


def _preamble(index: MapIndex) -> str:
    return (
        f"From the map *{inline(index.map.title)}*. Standing is the grounded labelling with contradicts as attack: "
        "accepted when every claim contradicting it is rejected, rejected when an accepted claim contradicts it, "
        "undecided otherwise; a claim is marked qualified when an accepted claim qualifies it.\n\n"
    )


def _claim_section(index: MapIndex, analysis: Analysis, claim: Claim, level: int, heading: bool = True) -> str:
    hashes = "#" * level
    out = []
    if heading:
        out.append(f"{hashes} {inline(claim.text)}\n\n")
    else:
        out.append(f"**{inline(claim.text)}**\n\n")
    details = [f"**{inline(index.author_name(claim.author))}**", claim.kind]
    if claim.topics:
        details.append(inline(", ".join(claim.topics)))
    details.append(f"id {inline(claim.id)}")
    out.append(" · ".join(details) + "\n\n")
    out.append(_quote(index, claim, indent=""))
    standing = analysis.standings[claim.id]
    out.append(f"**Standing: {standing.describe()}.** {escape(explain_standing(index, analysis, claim.id))}\n\n")

    brief = brief_of(index, claim.id)
    out.append(f"{hashes}# What supports it\n\n")
    if brief.supporters:
        out.extend(_linked(index, analysis, link.source_id, link, indent="") for link in brief.supporters)
        out.append("\n")
    else:
        out.append("Nothing on the map supports it: it rests on its own quote.\n\n")
    for relation, title in _OBJECTIONS:
        objections = brief.objections_by(relation)
        out.append(f"{hashes}# {title}\n\n")
        if not objections:
            out.append(f"Nothing on the map {relation.value} it.\n\n")
            continue
        for objection in objections:
            out.append(_linked(index, analysis, objection.link.source_id, objection.link, indent=""))
            out.append(_answers(index, analysis, objection, bool(brief.supporters)))
        out.append("\n")
    return "".join(out)


def _answers(index: MapIndex, analysis: Analysis, objection: Objection, supported: bool) -> str:
    """What on the map answers an objection: the claims that contradict or qualify it."""
    if not objection.answers:
        back = (
            "; the claim's supporters above are what speak for it" if supported
            else ", and nothing supports the claim"
        )
        return f"  - *Answered by*: nothing on the map contradicts or qualifies this objection{back}.\n"
    out = ["  - *Answered by*:\n"]
    for link in objection.answers:
        out.append(_linked(index, analysis, link.source_id, link, indent="    ", verb=_ANSWER_VERBS[link.relation]))
    return "".join(out)


def _linked(index: MapIndex, analysis: Analysis, other_id: str, link: Link, indent: str, verb: str = "") -> str:
    """A list item: the other claim's author, text, id and standing, the link's reason, and the claim's quote."""
    other = index.claims.get(other_id)
    if other is None:
        return f"{indent}- {inline(other_id)} (not on the map)\n"
    lead = f"{verb} " if verb else ""
    why = f" *Why*: {inline(link.why)}" if link.why.strip() else ""
    line = (
        f"{indent}- {lead}**{inline(index.author_name(other.author))}** ({analysis.standings[other.id].describe()}; "
        f"id {inline(other.id)}): {inline(other.text)}{why}\n"
    )
    return line + _quote(index, other, indent=indent + "  ")


def _quote(index: MapIndex, claim: Claim, indent: str) -> str:
    if claim.quote is None:
        return ""
    lines = [
        f"{indent}> {escape(line)}\n" if line.strip() else f"{indent}>\n"
        for line in claim.quote.text.replace("\r", "").split("\n")
    ]
    source = index.sources.get(claim.quote.source)
    if source is not None:
        cited = ", ".join(part for part in (source.title, source.publication, source.date) if part)
        lines.append(f"{indent}>\n{indent}> — {inline(cited)}\n")
    lines.append("\n")
    return "".join(lines)


def _tidy(parts: list[str]) -> str:
    """One blank line between blocks (Markdown reads more as one), one newline at the end."""
    return _BLANK_LINES.sub("\n\n", "".join(parts)).rstrip("\n") + "\n"
