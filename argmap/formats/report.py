"""The analysis of a map as a report: plain text for people (`argmap analyze`), JSON for machines (`--json`), and
the sentence saying why one claim stands where it does (the prep sheet's)."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from argmap.analysis import CONTRADICTS_WEIGHT, Analysis, Label, PairAgreement
from argmap.compare import AgreementCell
from argmap.formats.comparison_text import format_cell
from argmap.index import MapIndex
from argmap.model import Relation
from argmap.words import counted, shortened

T = TypeVar("T")


def explain_standing(index: MapIndex, analysis: Analysis, claim_id: str) -> str:
    """Why a claim stands where it does, in a short clause or two, naming the claims that decide it by author and
    sentence ("Rejected: Earl Anthony Wayne's claim that “…” stands against it.")."""
    standing = analysis.standings[claim_id]
    attackers = [link.source_id for link in index.incoming.get(claim_id, ()) if link.relation is Relation.CONTRADICTS]
    by_label = {label: [a for a in attackers if analysis.standings[a].label is label] for label in Label}
    if standing.label is Label.ACCEPTED:
        if not attackers:
            reason = "Accepted: nothing on the map contradicts it."
        else:
            fallen = by_label[Label.REJECTED]
            reason = f"Accepted: {_named(index, fallen)} {_verb(fallen, 'contradicts', 'contradict')} it but " \
                     f"{_verb(fallen, 'is', 'are')} rejected."
    elif standing.label is Label.REJECTED:
        standing_against = by_label[Label.ACCEPTED]
        reason = f"Rejected: {_named(index, standing_against)} {_verb(standing_against, 'stands', 'stand')} against it."
    else:
        open_attackers = by_label[Label.UNDECIDED]
        reason = (f"Undecided: {_named(index, open_attackers)} {_verb(open_attackers, 'contradicts', 'contradict')} "
                  "it and nothing settles it either way, as in a circle of contradictions.")
    notes = [reason]
    if standing.qualified:
        qualifiers = [
            link.source_id for link in index.incoming.get(claim_id, ())
            if link.relation is Relation.QUALIFIES and analysis.standings[link.source_id].label is Label.ACCEPTED
        ]
        notes.append(f"Qualified: {_named(index, qualifiers)} {_verb(qualifiers, 'narrows', 'narrow')} it.")
    if standing.lost_support:
        notes.append("It has lost its support: every claim supporting it is rejected.")
    return " ".join(notes)


NAMED = 3
"""How many claims a standing's explanation names before it counts the rest."""


def claim_named(index: MapIndex, claim_id: str, width: int = 60) -> str:
    """A claim in words: its author's and its sentence, cut to `width` ("Duncan Wood's claim that “Mexico is…”")."""
    claim = index.claims[claim_id]
    return f"{index.author_name(claim.author)}'s claim that “{shortened(claim.text, width)}”"


def _named(index: MapIndex, claim_ids: Sequence[str]) -> str:
    names = [claim_named(index, claim_id) for claim_id in claim_ids[:NAMED]]
    if len(claim_ids) > NAMED:
        names.append(counted(len(claim_ids) - NAMED, "other claim"))
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _verb(claim_ids: Sequence[str], one: str, several: str) -> str:
    return one if len(claim_ids) == 1 else several


def analysis_to_json(index: MapIndex, analysis: Analysis) -> dict[str, Any]:
    """Everything, for machines: plain JSON types, claims and authors by id."""
    return {
        "title": index.map.title,
        "claims": len(index.map.claims),
        "links": len(index.map.links),
        "agreement": [
            {
                "authors": [pair.first, pair.second],
                "first_to_second": _cell_json(pair.first_to_second),
                "second_to_first": _cell_json(pair.second_to_first),
                "supports": pair.supports, "contradicts": pair.contradicts, "qualifies": pair.qualifies,
                "links": pair.total, "net": pair.net,
            }
            for pair in analysis.pairs
        ],
        "most_agreeing": [[pair.first, pair.second] for pair in analysis.most_agreeing()],
        "most_opposed": [[pair.first, pair.second] for pair in analysis.most_opposed()],
        "contested": [
            {"claim": item.claim_id, "contradicted": item.contradicted, "qualified": item.qualified,
             "score": item.score}
            for item in analysis.contested
        ],
        "central": [{"claim": item.claim_id, "rests": item.rests, "direct": item.direct} for item in analysis.central],
        "standing": {
            "counts": analysis.counts(),
            "claims": {
                claim_id: {"label": str(s.label), "qualified": s.qualified, "lost_support": s.lost_support}
                for claim_id, s in analysis.standings.items()
            },
        },
        "consistency": {
            "self_contradictions": [
                {"author": item.author_id, "from": item.source_id, "to": item.target_id, "why": item.why}
                for item in analysis.self_contradictions
            ],
            "support_cycles": [
                {"cycle": list(item.cycle), "claims": list(item.claims)} for item in analysis.support_cycles
            ],
            "unlinked": list(analysis.unlinked),
        },
    }


def _cell_json(cell: AgreementCell) -> dict[str, int]:
    return {"supports": cell.supports, "contradicts": cell.contradicts, "qualifies": cell.qualifies}


def render_analysis_text(index: MapIndex, analysis: Analysis, width: int = 100, top: int = 10) -> str:
    """The analysis as plain text: agreement, contested and central claims, standing, consistency."""
    width = max(width, 60)
    argument_map = index.map
    lines = [
        argument_map.title,
        f"{counted(len(argument_map.claims), 'claim')}, {counted(len(argument_map.links), 'link')}, "
        f"{counted(len(argument_map.authors), 'author')}",
        "",
    ]
    lines += _agreement_lines(index, analysis, width, top * 3)
    lines += ["", f"Most contested claims (score = {CONTRADICTS_WEIGHT} x contradicted + qualified)"]
    if not analysis.contested:
        lines.append("  none: nothing on the map is contradicted or qualified")
    for rank, contested in enumerate(analysis.contested[:top], 1):
        head = f"  {rank:>2}. {contested.score:>3}  {contested.contradicted}c {contested.qualified}q  "
        lines.append(head + _claim_line(index, analysis, contested.claim_id, len(head), width))
    lines += ["", "Most central claims (claims' worth resting on each through chains of supports; direct supports)"]
    if not analysis.central:
        lines.append("  none: no claim supports another")
    for rank, central in enumerate(analysis.central[:top], 1):
        head = f"  {rank:>2}. {central.rests:>6.1f}  {central.direct:>2}  "
        lines.append(head + _claim_line(index, analysis, central.claim_id, len(head), width))
    counts = analysis.counts()
    lines += [
        "",
        "Standing (grounded semantics, contradicts as attack; supports and qualifies mark it)",
        f"  {counts['accepted']} accepted, {counts['rejected']} rejected, {counts['undecided']} undecided; "
        f"{counts['qualified']} qualified, {counts['lost_support']} lost their support",
    ]
    for label in (Label.REJECTED, Label.UNDECIDED):
        claim_ids = analysis.with_label(label)
        if claim_ids:
            lines.append(f"  {label.value.capitalize()}:")
            lines += _listed(claim_ids, top * 2, lambda c: "    - " + _claim_line(index, analysis, c, 6, width))
    lines += ["", "Consistency"]
    lines.append(f"  Authors contradicting themselves: {len(analysis.self_contradictions) or 'none'}")
    lines += _listed(
        analysis.self_contradictions, top * 2,
        lambda item: "\n".join(textwrap.wrap(
            f"{index.author_name(item.author_id)}: “{shortened(index.claims[item.source_id].text, 50)}” contradicts "
            f"“{shortened(index.claims[item.target_id].text, 50)}”",
            width, initial_indent="    - ", subsequent_indent="      ", break_on_hyphens=False,
        )),
    )
    lines.append(f"  Circles of supports: {len(analysis.support_cycles) or 'none'}")
    lines += _listed(
        analysis.support_cycles, top * 2,
        lambda item: "\n".join(textwrap.wrap(
            " -> ".join(f"“{shortened(index.claims[claim_id].text, 40)}”" for claim_id in item.cycle)
            + (f" ({len(item.claims)} claims caught)" if len(item.claims) > len(item.cycle) - 1 else ""),
            width, initial_indent="    - ", subsequent_indent="      ", break_on_hyphens=False,
        )),
    )
    lines.append(f"  Claims with no link: {len(analysis.unlinked) or 'none'}")
    lines += _listed(analysis.unlinked, top * 2, lambda c: "    - " + _claim_line(index, analysis, c, 6, width, False))
    return "\n".join(lines) + "\n"


def _agreement_lines(index: MapIndex, analysis: Analysis, width: int, limit: int) -> list[str]:
    lines = textwrap.wrap(
        "Agreement between authors: links from the first's claims to the second's (->) and back (<-), "
        "s supports, c contradicts, q qualifies; net = (supports - contradicts) / links, qualifies counting "
        "in the links only",
        width,
    )
    linked = [pair for pair in analysis.pairs if pair.total]
    if not linked:
        return [*lines, "  none: no link joins two authors' claims"]
    names = {
        pair_id: index.author_name(pair_id) for pair in linked for pair_id in (pair.first, pair.second)
    }
    label_width = min(max(len(names[p.first]) + len(names[p.second]) + 3 for p in linked), max(20, width - 46))

    def label(pair: PairAgreement) -> str:
        text = f"{names[pair.first]} / {names[pair.second]}"
        return text if len(text) <= label_width else text[: label_width - 1] + "…"

    for pair in linked[:limit]:
        lines.append(
            f"  {label(pair):<{label_width}}  -> {format_cell(pair.first_to_second):<12} "
            f"<- {format_cell(pair.second_to_first):<12} net {pair.net:+.2f}"
        )
    if len(linked) > limit:
        lines.append(f"  ... and {len(linked) - limit} more pairs (argmap analyze --json lists them all)")
    unlinked = len(analysis.pairs) - len(linked)
    if unlinked:
        lines.append(f"  ({counted(unlinked, 'pair')} of authors with no link between them)")

    def summary(pair: PairAgreement) -> str:
        return f"{names[pair.first]} and {names[pair.second]} ({pair.net:+.2f}, {counted(pair.total, 'link')})"

    agreeing = analysis.most_agreeing()
    opposed = analysis.most_opposed()
    lines += textwrap.wrap(
        "Most agreeing: " + ("; ".join(map(summary, agreeing)) if agreeing else "none"), width,
        initial_indent="  ", subsequent_indent="    ",
    )
    lines += textwrap.wrap(
        "Most opposed: " + ("; ".join(map(summary, opposed)) if opposed else "none (no pair's net figure is below 0)"),
        width, initial_indent="  ", subsequent_indent="    ",
    )
    return lines


def _claim_line(index: MapIndex, analysis: Analysis, claim_id: str, indent: int, width: int,
                standing: bool = True) -> str:
    """Two lines: the author and the standing; under them, the claim's sentence cut to the width."""
    claim = index.claims[claim_id]
    head = index.author_name(claim.author)
    if standing:
        head += f", {analysis.standings[claim_id].describe()}"
    return head + "\n" + " " * indent + shortened(claim.text, max(width - indent, 20))


def _listed(items: Sequence[T], limit: int, render: Callable[[T], str]) -> list[str]:
    lines = [render(item) for item in items[:limit]]
    if len(items) > limit:
        lines.append(f"    ... and {len(items) - limit} more (argmap analyze --json lists them all)")
    return lines
