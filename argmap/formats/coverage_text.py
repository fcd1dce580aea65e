"""A map's coverage of its source texts as a report: plain text for people (`argmap coverage`), JSON for machines
(`--json`). The figures come from `argmap.coverage`; this module only words them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from argmap.coverage import SourceCoverage
from argmap.index import MapIndex
from argmap.words import counted


def percent(share: float) -> str:
    """A share as a whole percentage, never rounded up to 100% nor down to 0% when it is neither."""
    value = round(share * 100)
    if value == 100 and share < 1:
        value = 99
    elif value == 0 and share > 0:
        return "<1%"
    return f"{value}%"


def coverage_figure(coverage: SourceCoverage) -> str:
    """One source's figure in a few words ("21% quoted · 26/44 paragraphs"), for a list of sources."""
    text = coverage.coverage
    if text is None:
        return "not measured"
    touched = len(text.arguments) - len(text.untouched)
    return f"{percent(text.argument_share)} quoted · {touched}/{len(text.arguments)} paragraphs"


def render_coverage_text(index: MapIndex, coverages: Iterable[SourceCoverage]) -> str:
    """Per source: its size, the share its quotes cover, the argument paragraphs touched, then each untouched one
    with its offset and first words; a last line sums up what is not mapped yet."""
    blocks: list[str] = []
    untouched_total = paragraphs_total = unmeasured = 0
    for coverage in coverages:
        blocks.append(_source_block(index, coverage))
        if coverage.coverage is None:
            unmeasured += 1
        else:
            untouched_total += len(coverage.coverage.untouched)
            paragraphs_total += len(coverage.coverage.arguments)
    if not blocks:
        return "The map has no sources yet: add one with argmap add-source MAP FILE --author NAME.\n"
    summary = (f"{counted(len(blocks), 'source')}: {untouched_total:,} of {paragraphs_total:,} argument "
               f"{'paragraph' if paragraphs_total == 1 else 'paragraphs'} not mapped yet")
    if unmeasured:
        summary += f"; {unmeasured:,} not measured"
    return "\n\n".join(blocks) + f"\n\n{summary}.\n"


def _source_block(index: MapIndex, coverage: SourceCoverage) -> str:
    source = coverage.source
    about = " · ".join([f"by {index.author_name(source.author)}", *([source.file] if source.file else [])])
    lines = [f"{source.id}  {source.title}", f"  {about}"]
    text = coverage.coverage
    if text is None:
        return "\n".join([*lines, f"  not measured: {coverage.problem}"])
    lines.append(f"  quoted: {percent(text.argument_share)} of its argument, {percent(text.share)} of all its "
                 f"{counted(text.length, 'character')} ({counted(coverage.quotes, 'quote')})")
    if coverage.unplaced:
        lines.append(f"  {counted(coverage.unplaced, 'quote')} not found in the text, so not counted")
    arguments, untouched = len(text.arguments), len(text.untouched)
    others = len(text.paragraphs) - arguments
    left_out = f" ({others:,} others: headings, notes…)" if others else ""
    lines.append(f"  argument paragraphs touched: {arguments - untouched:,} of {arguments:,}{left_out}")
    if untouched:
        lines.append("  not mapped yet:")
        lines += [f"    at {paragraph.start:>7,}  {text.opening(paragraph)}" for paragraph in text.untouched]
    return "\n".join(lines)


def coverage_to_json(index: MapIndex, coverages: Iterable[SourceCoverage]) -> dict[str, Any]:
    """Everything, for machines: plain JSON types, offsets in characters, shares from 0 to 1."""
    return {"title": index.map.title, "sources": [_source_json(index, coverage) for coverage in coverages]}


def _source_json(index: MapIndex, coverage: SourceCoverage) -> dict[str, Any]:
    source = coverage.source
    described: dict[str, Any] = {
        "id": source.id, "title": source.title, "author": source.author,
        "author_name": index.author_name(source.author), "file": source.file,
        "quotes": coverage.quotes, "unplaced_quotes": coverage.unplaced, "measured": coverage.coverage is not None,
    }
    text = coverage.coverage
    if text is None:
        return {**described, "problem": coverage.problem}
    return {
        **described,
        "length": text.length, "quoted": text.quoted_characters, "share": round(text.share, 4),
        "argument_length": text.argument_characters, "quoted_in_argument": text.quoted_argument_characters,
        "argument_share": round(text.argument_share, 4),
        "paragraphs": {"all": len(text.paragraphs), "argument": len(text.arguments),
                       "touched": len(text.arguments) - len(text.untouched)},
        "untouched": [{"start": p.start, "end": p.end, "first_words": text.opening(p)} for p in text.untouched],
    }
