"""Exporting the view: `o` in the app draws what the tree shows, never over an earlier export; a relation filter, in
the app and on the command line, draws only links of the chosen relations."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from argmap.colors import RELATION_COLORS
from argmap.document import Document
from argmap.model import Relation
from argmap.outline import Grouping
from argmap.tui.app import ArgmapApp
from argmap.tui.choose import ChoiceScreen
from argmap.tui.map_tree import GroupNode, MapTree
from tests.conftest import derived_ready, run_argmap

SIZE = (120, 40)
CENTRE = "pereira-subject-to-change"
LEGEND = {relation: f"{relation.value}: " for relation in Relation}

requires_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")


def drawn(svg: Path) -> tuple[set[str], list[str]]:
    """The claim ids drawn as boxes (legend entries left out) and the `from->to` title of every arrow."""
    titles = [html.unescape(t) for t in re.findall(r"<title>(.*?)</title>", svg.read_text(encoding="utf-8"))]
    arrows = [t for t in titles if "->" in t and not t.startswith("legend")]
    boxes = {t for t in titles if "->" not in t and not t.startswith(("legend", "argmap", "cluster"))}
    return boxes, arrows


def legend_text(svg: Path) -> str:
    return html.unescape(" ".join(re.findall(r"<text[^>]*>(.*?)</text>", svg.read_text(encoding="utf-8"))))


def arrow_colours(svg: Path) -> set[str]:
    """The stroke colours of every arrow drawn, the legend's included."""
    text = svg.read_text(encoding="utf-8")
    edges = re.findall(r'<g id="edge\d+" class="edge">(.*?)</g>', text, re.S)
    return {colour for edge in edges for colour in re.findall(r'stroke="([^"]+)"', edge)}


async def export(app: ArgmapApp, pilot) -> list[str]:
    """Press `o`, wait for the drawing, and give the notifications said so far."""
    await pilot.press("o")
    await derived_ready(app)
    await pilot.pause()
    return [notification.message for notification in app._notifications]


@requires_dot
async def test_export_in_the_by_relation_view_draws_the_claims_around_the_current_one(bundled_copy: Path) -> None:
    app = ArgmapApp(Document.open(bundled_copy))
    async with app.run_test(size=SIZE) as pilot:
        app.screen.open_claim(CENTRE)
        await pilot.press("g", "g")
        await pilot.pause()
        assert app.screen.grouping is Grouping.AROUND
        tree = app.screen.query_one(MapTree)
        groups = [node.data.group for node in tree.root.children if isinstance(node.data, GroupNode)]
        shown = {CENTRE} | {claim.id for group in groups for claim in group.claims}
        messages = await export(app, pilot)
    links = [f"{link.source_id}->{link.target_id}" for group in groups for link in group.links]
    boxes, arrows = drawn(bundled_copy.with_name("us-mexico-security-view.svg"))
    assert boxes == shown and len(shown) == 10, "the claim and the nine around it, not the whole map"
    assert sorted(arrows) == sorted(links), "the links that put them in the tree"
    assert any(f"Exported 10 claims and {len(links)} links" in message for message in messages), messages


@requires_dot
async def test_a_second_export_goes_to_a_new_file_and_says_where(bundled_copy: Path) -> None:
    first = bundled_copy.with_name("us-mexico-security-view.svg")
    second = bundled_copy.with_name("us-mexico-security-view-2.svg")
    app = ArgmapApp(Document.open(bundled_copy))
    async with app.run_test(size=SIZE) as pilot:
        await export(app, pilot)
        whole_map = first.read_bytes()
        await pilot.press("g", "g")
        messages = await export(app, pilot)
    assert first.read_bytes() == whole_map, "the earlier export is kept"
    assert len(drawn(second)[0]) < len(drawn(first)[0])
    assert str(second) in messages[-1], messages


@requires_dot
async def test_a_relation_filter_in_the_app_exports_only_links_of_that_relation(bundled_copy: Path) -> None:
    app = ArgmapApp(Document.open(bundled_copy))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("down", "space", "enter")  # supports, contradicts, qualifies: tick contradicts
        await pilot.pause()
        assert app.screen.claim_filter.relations == {Relation.CONTRADICTS}
        messages = await export(app, pilot)
    svg = bundled_copy.with_name("us-mexico-security-view.svg")
    contradicting = [link for link in app.document.argument_map.links if link.relation is Relation.CONTRADICTS]
    assert len(drawn(svg)[1]) == len(contradicting)
    assert arrow_colours(svg) == {RELATION_COLORS[Relation.CONTRADICTS]}
    legend = legend_text(svg)
    assert LEGEND[Relation.CONTRADICTS] in legend
    assert LEGEND[Relation.SUPPORTS] not in legend and LEGEND[Relation.QUALIFIES] not in legend
    assert any(f"{len(contradicting)} links" in message for message in messages), messages


@requires_dot
def test_export_relation_on_the_command_line_draws_only_that_relation(bundled_copy: Path) -> None:
    svg = bundled_copy.with_name("qualified.svg")
    result = run_argmap("export", bundled_copy, "--relation", "qualifies", "--output", svg)
    assert result.returncode == 0, result.stderr
    qualifying = [line for line in bundled_copy.read_text(encoding="utf-8").splitlines()
                  if '"relation": "qualifies"' in line]
    boxes, arrows = drawn(svg)
    assert len(arrows) == len(qualifying) == 93
    assert f"{len(boxes)} claims and 93 links" in result.stdout
    assert arrow_colours(svg) == {RELATION_COLORS[Relation.QUALIFIES]}
    legend = legend_text(svg)
    assert LEGEND[Relation.QUALIFIES] in legend and LEGEND[Relation.SUPPORTS] not in legend


@requires_dot
async def test_a_relation_filter_in_the_by_relation_view_keeps_only_that_relation(bundled_copy: Path) -> None:
    app = ArgmapApp(Document.open(bundled_copy))
    async with app.run_test(size=SIZE) as pilot:
        app.screen.open_claim(CENTRE)
        await pilot.press("g", "g", "r")
        await pilot.pause()
        await pilot.press("down", "space", "enter")
        await pilot.pause()
        tree = app.screen.query_one(MapTree)
        labels = [node.data.group.label for node in tree.root.children if isinstance(node.data, GroupNode)]
        messages = await export(app, pilot)
    contradicting = [link for link in app.document.argument_map.links
                     if link.relation is Relation.CONTRADICTS and CENTRE in (link.source_id, link.target_id)]
    assert labels == ["Contradicts"] and len(contradicting) == 1, "a supporter that contradicts elsewhere is not listed"
    boxes, arrows = drawn(bundled_copy.with_name("us-mexico-security-view.svg"))
    assert boxes == {CENTRE, contradicting[0].target_id}
    assert arrows == [f"{CENTRE}->{contradicting[0].target_id}"]
    assert any("Exported 2 claims and 1 link to" in message for message in messages), messages
