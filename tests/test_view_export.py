"""Exporting a diagram: `o` in the app offers the current view, the claim shown and those around it, or an overview,
and draws it in a file named after what it shows, never over an earlier export; a relation filter, in the app and on
the command line, draws only links of the chosen relations."""

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
from argmap.tui.view_export import ExportChoice
from tests.conftest import derived_ready, run_argmap

SIZE = (120, 40)
CENTRE = "pereira-subject-to-change"
LEGEND = {relation: f"{relation.value}: " for relation in Relation}

requires_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")


def drawn(svg: Path) -> tuple[set[str], list[str]]:
    """The claim ids drawn as boxes and the `from->to` title of every arrow."""
    titles = [html.unescape(t) for t in re.findall(r"<title>(.*?)</title>", svg.read_text(encoding="utf-8"))]
    arrows = [t for t in titles if "->" in t]
    boxes = {t for t in titles if "->" not in t and not t.startswith(("argmap", "cluster", "overview"))}
    return boxes, arrows


def legend_text(svg: Path) -> str:
    return html.unescape(" ".join(re.findall(r"<text[^>]*>(.*?)</text>", svg.read_text(encoding="utf-8"))))


def arrow_colours(svg: Path) -> set[str]:
    """The stroke colours of every arrow drawn."""
    text = svg.read_text(encoding="utf-8")
    edges = re.findall(r'<g id="edge\d+" class="edge">(.*?)</g>\n</g>', text, re.S)
    return {colour for edge in edges for colour in re.findall(r'stroke="([^"]+)"', edge)}


async def export(app: ArgmapApp, pilot, choice: int = 0) -> list[str]:
    """Press `o`, choose (the current view first), wait for the drawing, and give the notifications said so far."""
    await pilot.press("o")
    await pilot.pause()
    assert isinstance(app.screen, ExportChoice)
    await pilot.press(*["down"] * choice, "enter")
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
    boxes, arrows = drawn(bundled_copy.with_name(f"us-mexico-security-view-around-{CENTRE}.svg"))
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
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("space", "enter")  # the first author only
        await pilot.pause()
        named = await export(app, pilot)
        await pilot.press("x")
        await pilot.pause()
        messages = await export(app, pilot)
    assert first.read_bytes() == whole_map, "the earlier export is kept"
    assert drawn(second)[0] == drawn(first)[0]
    assert str(second) in messages[-1], messages
    one_author = bundled_copy.with_name("us-mexico-security-view-author-katherine-pereira.svg")
    assert str(one_author) in named[-1] and len(drawn(one_author)[0]) < len(drawn(first)[0])


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
    svg = bundled_copy.with_name("us-mexico-security-view-relation-contradicts.svg")
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
    boxes, arrows = drawn(bundled_copy.with_name(f"us-mexico-security-view-relation-contradicts-around-{CENTRE}.svg"))
    assert boxes == {CENTRE, contradicting[0].target_id}
    assert arrows == [f"{CENTRE}->{contradicting[0].target_id}"]
    assert any("Exported 2 claims and 1 link to" in message for message in messages), messages


@requires_dot
async def test_o_draws_the_claim_shown_in_focus_and_the_overviews_each_in_its_own_file(bundled_copy: Path) -> None:
    from argmap.filters import ClaimFilter
    from argmap.index import MapIndex
    from argmap.selection import select
    from argmap.store import load_map

    app = ArgmapApp(Document.open(bundled_copy))
    async with app.run_test(size=SIZE) as pilot:
        app.screen.open_claim(CENTRE)
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        options = app.screen.query_one("OptionList")
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        await pilot.press("escape")
        await pilot.pause()
        focus_said = await export(app, pilot, 1)
        await export(app, pilot, 2)
        await export(app, pilot, 3)
        again = await export(app, pilot, 2)
    index = MapIndex(load_map(bundled_copy).argument_map)
    assert prompts[0].startswith("the current view") and prompts[2:] == [
        "the argument at a glance, by author", "the argument at a glance, by topic"]
    assert index.claims[CENTRE].text[:20] in prompts[1]
    focus = bundled_copy.with_name(f"us-mexico-security-focus-{CENTRE}.svg")
    claims, links = select(index, ClaimFilter(), CENTRE, 1)
    assert drawn(focus)[0] == {claim.id for claim in claims}
    assert 'class="node focus"' in focus.read_text(encoding="utf-8")
    assert f"Exported {len(claims)} claims and {len(links)} links to {focus}" in focus_said[-1]
    authors = bundled_copy.with_name("us-mexico-security-overview-authors.svg")
    topics = bundled_copy.with_name("us-mexico-security-overview-topics.svg")
    assert len(drawn(authors)[0]) == len(index.map.authors)
    assert len(drawn(topics)[0]) == len(index.topics)
    again_path = bundled_copy.with_name("us-mexico-security-overview-authors-2.svg")
    assert again_path.exists() and str(again_path) in again[-1]
