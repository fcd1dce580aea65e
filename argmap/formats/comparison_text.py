"""A comparison of authors as plain text, for `argmap compare`: each topic's claims per author, then the matrix of
links between them."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from argmap.cards import cited_name
from argmap.compare import AgreementCell, Comparison
from argmap.index import MapIndex
from argmap.words import counted, shortened

_COLUMN_WIDTH = 16
"""The most a column heading of the matrix takes; a longer name is cut at a word."""


def render_comparison_text(
    index: MapIndex, comparison: Comparison, matrix: dict[tuple[str, str], AgreementCell], width: int = 100
) -> str:
    """The comparison as plain text: a section per topic with each author's claims, then the matrix, then a legend."""
    width = max(width, 40)
    authors = comparison.author_ids
    lines = [index.map.title, *textwrap.wrap(
        "Comparing " + ", ".join(index.author_name(author_id) for author_id in authors),
        width=width, subsequent_indent="  ", break_long_words=False, break_on_hyphens=False,
    )]
    if not comparison.topics:
        lines += ["", "None of these authors has a claim on the map."]
    for topic in comparison.topics:
        lines += ["", f"== {topic} =="]
        for author_id in authors:
            claims = comparison.cells[(topic, author_id)]
            lines.append(f"  {index.author_name(author_id)}: {counted(len(claims), 'claim')}")
            for claim in claims:
                lines += textwrap.wrap(
                    claim.text, width=width,
                    initial_indent="    - ", subsequent_indent="      ",
                    break_long_words=False, break_on_hyphens=False,
                )
    lines += ["", *_matrix_lines(index, authors, matrix, width)]
    lines += textwrap.wrap(
        "Legend: s supports, c contradicts, q qualifies; rows link from, columns link to.", width=width
    )
    return "\n".join(lines) + "\n"


def format_cell(cell: AgreementCell) -> str:
    """A matrix cell as `3s 1c 2q`."""
    return f"{cell.supports}s {cell.contradicts}c {cell.qualifies}q"


def _matrix_lines(
    index: MapIndex, authors: Sequence[str], matrix: dict[tuple[str, str], AgreementCell], width: int
) -> list[str]:
    cells = {key: format_cell(cell) for key, cell in matrix.items()}
    headings = _column_headings(index, authors)
    column_widths = [
        max(len(heading), *(len(cells[(source, author_id)]) for source in authors))
        for heading, author_id in zip(headings, authors, strict=True)
    ]
    columns_width = sum(column_width + 2 for column_width in column_widths)
    names = {author_id: index.author_name(author_id) for author_id in authors}
    label_width = max(len(name) for name in names.values())
    corner = "from \\ to"
    label_width = max(min(label_width, width - 2 - columns_width), len(corner))

    def label(author_id: str) -> str:
        name = names[author_id]
        return name if len(name) <= label_width else name[: label_width - 1] + "…"

    def row(first: str, values: Sequence[str]) -> str:
        return ("  " + first.ljust(label_width) + "".join(
            "  " + value.ljust(column_width) for value, column_width in zip(values, column_widths, strict=True)
        )).rstrip()

    lines = textwrap.wrap("Links between these authors (the diagonal counts links within one author's claims)", width)
    lines.append(row(corner, headings))
    for source in authors:
        lines.append(row(label(source), [cells[(source, target)] for target in authors]))
    return lines


def _column_headings(index: MapIndex, authors: Sequence[str]) -> list[str]:
    """Each author as a column of the matrix names them: as a short cite does ("Reyes Retana"), or by the whole
    name where two would read alike; cut to fit a column."""
    found = [index.authors.get(author_id) for author_id in authors]
    short = [cited_name(author) if author is not None else author_id for author, author_id in zip(found, authors,
                                                                                                 strict=True)]
    if len(set(short)) < len(short):
        short = [index.author_name(author_id) for author_id in authors]
    return [shortened(name, _COLUMN_WIDTH) for name in short]
