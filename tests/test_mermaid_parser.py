"""The Mermaid export read by Mermaid's own parser (npm `mermaid`, `mermaid.parse` under jsdom; see
`tests/js_tools.py`): the bundled map and every hostile text, in each grouping, are charts Mermaid accepts."""

from __future__ import annotations

import html
import re
from pathlib import Path

from argmap.filters import ClaimFilter
from argmap.formats.mermaid import limits_note, to_mermaid
from argmap.index import MapIndex
from argmap.model import MAP_ADAPTER
from argmap.selection import select
from argmap.store import load_map
from tests.conftest import BUNDLED_MAP
from tests.hostile import HOSTILE_TEXTS, hostile_document
from tests.js_tools import mermaid_parse

MERMAID_TRAPS = [
    "end", "subgraph x", "click n0 call alert()", "style n0 fill:#f00", "classDef a0 fill:#000", "A:::a0",
    "a --> b", "a --x b ==> c", "%%", "%%{init: {'theme': 'dark'}}%%", "}", "]", ")", "|x|", "```",
    "<br/>", "<!-- c -->", "\\n", "a\\b\\", "#", "&", ";;", '"', "'", "`x`", "fa:fa-car", "#amp; &#x26; #35;",
    "x\u2028y", "x\u00a0y", "direction TB", "linkStyle 0 stroke:#f00",
]
"""Texts that mean something to Mermaid, besides the hostile battery's."""


def trap_map() -> MapIndex:
    """A map whose claim texts, topics, author names and title are the traps."""
    claims = [{"id": f"c{n}", "author": "ab"[n % 2], "text": text, "topics": [text]}
              for n, text in enumerate(MERMAID_TRAPS)]
    relations = ["supports", "contradicts", "qualifies"]
    links = [{"from": f"c{n}", "to": f"c{n + 1}", "relation": relations[n % 3], "why": text}
             for n, text in enumerate(MERMAID_TRAPS[:-1])]
    document = {"format_version": 1, "title": "end", "claims": claims, "links": links,
                "authors": [{"id": "a", "name": "end"}, {"id": "b", "name": 'subgraph "x" %%'}]}
    return MapIndex(MAP_ADAPTER.validate_python(document))


def test_every_mermaid_export_passes_mermaids_own_parser(tmp_path: Path) -> None:
    maps = {
        "bundled": MapIndex(load_map(BUNDLED_MAP).argument_map),
        "hostile": MapIndex(MAP_ADAPTER.validate_python(hostile_document())),
        "traps": trap_map(),
    }
    within_limits, past_limits = [], []
    for name, index in maps.items():
        claims, links = select(index, ClaimFilter())
        for group in ("author", "topic", "none"):
            path = tmp_path / f"{name}-{group}.mmd"
            chart = to_mermaid(index, claims, links, group=group)
            path.write_text(chart, encoding="utf-8")
            (within_limits if limits_note(chart, len(links)) is None else past_limits).append(path)
    bundled = maps["bundled"]
    for author in bundled.authors:  # the bundled map is past Mermaid's limits whole (argmap says so), not by author
        path = tmp_path / f"bundled-{author}.mmd"
        claims, links = select(bundled, ClaimFilter(authors=frozenset({author})))
        chart = to_mermaid(bundled, claims, links, group="topic")
        assert limits_note(chart, len(links)) is None
        path.write_text(chart, encoding="utf-8")
        within_limits.append(path)
    assert {path.name for path in past_limits} <= {"bundled-author.mmd", "bundled-topic.mmd", "bundled-none.mmd"}
    for files, limits in ((within_limits, True), (past_limits, False)):
        if files:
            result = mermaid_parse(*files, limits=limits)
            assert result.returncode == 0, result.stderr
            assert result.stdout.splitlines() == [f"OK flowchart-v2 {path}" for path in files]
    assert len(maps["hostile"].map.claims) == len(HOSTILE_TEXTS)


def test_mermaids_limits_are_what_argmap_says_they_are(tmp_path: Path) -> None:
    """A chart past the limits argmap warns of is refused by Mermaid as it is by default, so the warning is true."""
    bundled = MapIndex(load_map(BUNDLED_MAP).argument_map)
    claims, links = select(bundled, ClaimFilter())
    chart = to_mermaid(bundled, claims, links)
    assert limits_note(chart, len(links)) is not None
    path = tmp_path / "whole.mmd"
    path.write_text(chart, encoding="utf-8")
    result = mermaid_parse(path)
    assert result.returncode == 1 and "limit" in result.stderr


def test_a_text_naming_a_direction_is_shown_as_typed() -> None:
    index = trap_map()
    chart = to_mermaid(index, *select(index, ClaimFilter()), group="topic")
    assert not re.search(r"(?i)direction\s+(TB|BT|RL|LR)", chart.replace("    direction LR\n", ""))
    labels = [_decoded(label) for label in re.findall(r'(?:n|g)\d+\["([^"]*)"\]', chart)]
    assert 'direction TB\n— subgraph "x" %%' in labels, "the claim, as typed"
    assert "direction TB" in labels, "its topic, a subgraph's title"


def _decoded(label: str) -> str:
    """A Mermaid label as shown: its entities (`#quot;`, `#100;`) read, `<br/>` as a line break."""
    return html.unescape(re.sub(r"#(\d+);", r"&#\1;", re.sub(r"#([a-z]+);", r"&\1;", label)).replace("<br/>", "\n"))


def test_the_parser_check_fails_on_a_broken_chart(tmp_path: Path) -> None:
    broken = tmp_path / "broken.mmd"
    broken.write_text('flowchart LR\n  n0["unterminated] --> n1\n', encoding="utf-8")
    result = mermaid_parse(broken)
    assert result.returncode == 1 and f"{broken}: Parse error" in result.stderr
