"""Diagrams a coach hands out, drawn by the real Graphviz: the focus, the title, a legend of only what is drawn, the
overview, tooltips, claims outside the selection, standings, rationales on arrows, printed pages."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from collections import Counter
from itertools import pairwise
from pathlib import Path

import pytest

from argmap.analysis import Label, analyze
from argmap.cards import cited_name
from argmap.colors import RELATION_COLORS
from argmap.compare import agreement_matrix
from argmap.filters import ClaimFilter
from argmap.formats import primary_topic
from argmap.formats.dot import Marks, to_dot, wrap
from argmap.formats.overview import STANCE_WIDTH
from argmap.index import MapIndex
from argmap.model import MAP_ADAPTER, Relation
from argmap.selection import beyond, select
from argmap.words import shortened
from tests.conftest import BUNDLED_MAP, run_argmap
from tests.hostile import POISON, hostile_document, write_hostile_map
from tests.hostile import shown as hostile_shown

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
FOCUS = "pereira-drugs-pass-through"




def draw(dot_text: str) -> ET.Element:
    result = subprocess.run(["dot", "-Tsvg"], input=dot_text.encode("utf-8"), capture_output=True, timeout=60)
    assert result.returncode == 0 and not result.stderr, result.stderr.decode()
    return ET.fromstring(result.stdout)


def export_svg(tmp_path: Path, *options: str | Path, map_path: Path = BUNDLED_MAP) -> tuple[ET.Element, str]:
    output = tmp_path / "diagram.svg"
    result = run_argmap("export", map_path, *options, "--output", output)
    assert result.returncode == 0, result.stderr
    return ET.fromstring(output.read_bytes()), result.stderr


def text(element: ET.Element) -> str:
    return "".join(element.itertext()).replace("\xa0", " ")


def header(svg: ET.Element) -> tuple[str, list[str]]:
    """The title and the legend's entries: what the graph's own label draws, before any cluster, node or edge. A
    legend line is the texts at one height, joined; its entries are parted by em spaces; an author's entry is the
    name after a coloured square."""
    graph = svg.find(f"{SVG}g")
    lines: dict[str, str] = {}
    for child in graph:
        if child.tag == f"{SVG}g":
            break
        if child.tag == f"{SVG}text":
            lines[child.get("y")] = lines.get(child.get("y"), "") + text(child)
    title, *legend = lines.values()
    entries = [entry.strip().removeprefix("■ ") for line in legend for entry in line.split("\u2003") if entry.strip()]
    return title, entries


def legend_share(svg: ET.Element) -> float:
    """The legend's share of the image: the band from the legend's first row to its last, as wide as the image
    (nothing else is drawn beside it), over the image's area."""
    height = float(svg.get("viewBox").split()[3])
    graph = svg.find(f"{SVG}g")
    tops, bottoms = [], []
    seen_title = False
    for child in graph:
        if child.tag == f"{SVG}g":
            break
        if child.tag == f"{SVG}text":
            if not seen_title:
                seen_title = True
                continue
            size = float(child.get("font-size"))
            tops.append(float(child.get("y")) - size)
            bottoms.append(float(child.get("y")) + size * 0.3)
        elif child.tag == f"{SVG}polygon" and seen_title:
            ys = [float(point.split(",")[1]) for point in child.get("points").split()]
            tops.append(min(ys))
            bottoms.append(max(ys))
    return (max(bottoms) - min(tops)) / height


def nodes(svg: ET.Element) -> dict[str, ET.Element]:
    return {g.get("id"): g for g in svg.iter(f"{SVG}g") if (g.get("class") or "").startswith("node")}


def lines_of(node: ET.Element) -> list[str]:
    return [text(t) for t in node.iter(f"{SVG}text")]


def tooltip_of(group: ET.Element) -> str | None:
    """The tooltip of a node or edge; Graphviz writes runs of spaces as no-break spaces, read back as spaces."""
    anchor = group.find(f".//{SVG}a")
    return None if anchor is None else anchor.get(f"{XLINK}title").replace("\xa0", " ")


# Focus, title and legend


def test_focus_stands_out_and_the_title_names_it_by_its_sentence(bundled: MapIndex, tmp_path: Path) -> None:
    svg, _ = export_svg(tmp_path, "--focus", FOCUS)
    claims = [*select(bundled, ClaimFilter(), FOCUS)[0]]
    drawn = nodes(svg)
    focused = [node_id for node_id, node in drawn.items() if "focus" in node.get("class").split()]
    assert focused == [f"n{[c.id for c in claims].index(FOCUS)}"]
    strokes = {node_id: {p.get("stroke-width") for p in node.iter(f"{SVG}polygon")} for node_id, node in drawn.items()}
    assert "3" in strokes[focused[0]] and all("3" not in widths for n, widths in strokes.items() if n != focused[0])
    title, _ = header(svg)
    sentence = bundled.claims[FOCUS].text
    assert title == f"{bundled.map.title} — within 1 link of “{shortened(sentence, 50)}”"
    assert FOCUS not in title and len(title) < len(bundled.map.title) + 75


def test_legend_lists_only_the_authors_and_relations_drawn(bundled: MapIndex, tmp_path: Path) -> None:
    cases = [("--focus", FOCUS), ("--relation", "contradicts", "--author", "wood"), ("--author", "wayne", "--strict")]
    for options in cases:
        svg, _ = export_svg(tmp_path, *options)
        _, legend = header(svg)
        drawn_authors = {bundled.claims[text(node.find(f"{SVG}title"))].author for node in nodes(svg).values()}
        authors = [a.name for a in bundled.map.authors if a.id in drawn_authors]
        assert [name for name in legend if name in {a.name for a in bundled.map.authors}] == authors, options
        strokes = {p.get("stroke") for g in svg.iter(f"{SVG}g") if g.get("class") == "edge"
                   for p in g.iter(f"{SVG}path")}
        relations = [r.value for r in Relation if RELATION_COLORS[r] in strokes]
        named = [line.split(":")[0].split()[-1] for line in legend if ":" in line]
        assert [name for name in named if name in {r.value for r in Relation}] == relations, options


def test_legend_takes_a_small_share_of_the_focus_and_overview_diagrams(tmp_path: Path) -> None:
    focus, _ = export_svg(tmp_path, "--focus", FOCUS)
    overview, _ = export_svg(tmp_path, "--overview")
    assert legend_share(focus) < 0.12 and legend_share(overview) < 0.06, (legend_share(focus), legend_share(overview))


def test_no_author_is_named_again_inside_their_own_cluster(bundled: MapIndex) -> None:
    claims, links = select(bundled, ClaimFilter(authors=frozenset({"wood"})))
    svg = draw(to_dot(bundled, claims, links))
    lines = [line for node in nodes(svg).values() for line in lines_of(node)]
    assert not any("Duncan Wood" in line for line in lines)
    assert text(next(g for g in svg.iter(f"{SVG}g") if g.get("class") == "cluster").find(f"{SVG}text")) == \
        "Duncan Wood"
    by_topic = draw(to_dot(bundled, claims, links, group="topic"))
    assert sum("— Duncan Wood" in line for node in nodes(by_topic).values() for line in lines_of(node)) == len(claims)


# Overview


def test_author_overview_carries_the_agreement_matrix(bundled: MapIndex, tmp_path: Path) -> None:
    svg, _ = export_svg(tmp_path, "--overview")
    authors = [author.id for author in bundled.map.authors]
    matrix = agreement_matrix(bundled, authors)
    drawn: dict[tuple[int, int, str], int] = {}
    for group in svg.iter(f"{SVG}g"):
        if group.get("class") == "edge":
            one, relation, other = re.fullmatch(r"a(\d+)-(\w+)-a(\d+)", group.get("id")).groups()
            drawn[(int(one), int(other), relation)] = int(text(group.find(f"{SVG}text")))
            stroke = group.find(f".//{SVG}path").get("stroke")
            assert stroke == RELATION_COLORS[Relation(relation)]
    expected = {}
    for i, one in enumerate(authors):
        for j, other in enumerate(authors[i + 1:], i + 1):
            for relation in Relation:
                count = matrix[(one, other)].count(relation) + matrix[(other, one)].count(relation)
                if count:
                    expected[(i, j, relation.value)] = count
    assert drawn == expected and len(drawn) > 10
    pairs = {(p.first, p.second): p for p in analyze(bundled).pairs}
    for (i, j, relation), count in drawn.items():
        pair = pairs.get((authors[i], authors[j])) or pairs[(authors[j], authors[i])]
        assert getattr(pair, relation) == count
    boxes = {text(node.find(f"{SVG}title")): lines_of(node) for node in nodes(svg).values()}
    for number, author in enumerate(bundled.map.authors):
        lines = boxes[f"a{number}"]
        own = matrix[(author.id, author.id)].total
        assert lines[0] == author.name
        assert lines[1] == f"{len(bundled.claims_by_author[author.id])} claims · {own} links among them"


def test_topic_overview_counts_links_between_topics_and_names_each_authors_stance(
    bundled: MapIndex, tmp_path: Path
) -> None:
    svg, _ = export_svg(tmp_path, "--overview", "topic")
    totals: dict[frozenset[str], dict[str, int]] = {}
    for link in bundled.map.links:
        one, other = primary_topic(bundled.claims[link.source_id]), primary_topic(bundled.claims[link.target_id])
        if one != other:
            counts = totals.setdefault(frozenset((one, other)), {})
            counts[link.relation.value] = counts.get(link.relation.value, 0) + 1
    short = {author.id: cited_name(author) for author in bundled.map.authors}
    names = {}
    for node in nodes(svg).values():
        lines = lines_of(node)
        topic = lines[0].rsplit(" · ", 1)[0]
        names[node.find(f"{SVG}title").text] = topic
        topic_claims = [c for c in bundled.claims_by_topic[topic] if primary_topic(c) == topic]
        assert lines[0] == f"{topic} · {len(topic_claims)} claims"
        authors = Counter(c.author for c in topic_claims)
        stances = [line for line in lines if line.startswith("• ")]
        assert [line.split(":")[0] for line in stances] == [f"• {short[a]} {n}" for a, n in authors.most_common()]
        assert all(len(line) <= STANCE_WIDTH + 2 for line in stances), stances
    drawn: dict[frozenset[str], int] = {}
    for group in svg.iter(f"{SVG}g"):
        if "edge" in (group.get("class") or "").split():
            one, _, other = group.get("id").split("-")
            key = frozenset((names[one], names[other]))
            numbers = [int(text(t)) for t in group.iter(f"{SVG}text") if text(t).strip()]
            if "faint" in group.get("class").split():
                assert sum(totals[key].values()) < 3 and "contradicts" not in totals[key] and not numbers
            else:
                assert sorted(numbers) == sorted(totals[key].values())
            drawn[key] = sum(totals[key].values())
    assert drawn == {key: sum(counts.values()) for key, counts in totals.items()}


def test_topic_overview_prints_its_boxes_apart_and_legible_on_one_landscape_page(tmp_path: Path) -> None:
    svg, _ = export_svg(tmp_path, "--overview", "topic")
    spans = []
    for node in nodes(svg).values():
        points = [tuple(map(float, p.split(","))) for p in re.findall(r"-?[\d.]+,-?[\d.]+",
                                                                         node.find(f".//{SVG}path").get("d"))]
        xs, ys = [x for x, _ in points], [y for _, y in points]
        spans.append((min(xs), min(ys), max(xs), max(ys)))
    assert len(spans) > 10
    for number, (left, top, right, bottom) in enumerate(spans):
        for other_left, other_top, other_right, other_bottom in spans[number + 1:]:
            assert right < other_left or other_right < left or bottom < other_top or other_bottom < top, "overlap"
    output = tmp_path / "topics.pdf"
    result = run_argmap("export", BUNDLED_MAP, "--overview", "topic", "--page", "a4", "--landscape", "--output", output)
    assert result.returncode == 0, result.stderr
    assert re.search(r"Pages:\s+1\n", subprocess.run(["pdfinfo", output], capture_output=True, text=True).stdout)
    boxes = subprocess.run(["pdftotext", "-bbox", output, "-"], capture_output=True, text=True, check=True).stdout
    words = re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', boxes)
    heights = [float(bottom) - float(top) for (_, _, number), (top, bottom, word) in pairwise(words)
               if word == "claims" and number.isdigit()]
    # Poppler's box of a word is about 1.16 em: 7.5 pt boxes are 6.5 pt type (circo's circle printed 4.4 pt).
    assert len(heights) > 10 and min(heights) >= 7.5, sorted(heights)


def test_topic_overview_names_hostile_authors_as_typed_and_obeys_none(tmp_path: Path, adversarial: MapIndex) -> None:
    svg, _ = export_svg(tmp_path, "--overview", "topic", map_path=write_hostile_map(tmp_path))
    stances = [line for node in nodes(svg).values() for line in lines_of(node) if line.startswith("• ")]
    names = {hostile_shown(cited_name(author)) for author in adversarial.map.authors}
    assert len(stances) == 4 and {re.match(r"• (.*) \d+: ", line).group(1) for line in stances} == names, stances
    assert not any(poison in line for line in stances for poison in POISON)


def test_overview_refuses_a_selection_and_text_formats(tmp_path: Path) -> None:
    for options, said in ((("--overview", "--author", "wood"), "leave out --author"),
                          (("--overview", "--format", "md"), "--overview is a diagram")):
        result = run_argmap("export", BUNDLED_MAP, *options)
        assert result.returncode == 1 and said in result.stderr and result.stderr.count("\n") == 1


# Tooltips


@pytest.mark.parametrize("which", ["bundled", "adversarial"])
def test_tooltips_are_the_quotes_standings_and_rationales_exactly(
    which: str, bundled: MapIndex, adversarial: MapIndex
) -> None:
    index = bundled if which == "bundled" else adversarial
    claims, links = select(index, ClaimFilter())
    standings = analyze(index).standings
    svg = draw(to_dot(index, claims, links, marks=Marks(standings=standings)))
    drawn = nodes(svg)
    for number, claim in enumerate(claims):
        quote = f"“{hostile_shown(claim.quote.text)}”" if claim.quote else "No quote recorded."
        assert tooltip_of(drawn[f"n{number}"]) == f"{quote}\nStanding: {standings[claim.id].describe()}", claim.id
    edges = [g for g in svg.iter(f"{SVG}g") if g.get("class") == "edge"]
    assert sorted(tooltip_of(edge) for edge in edges) == sorted(
        hostile_shown(link.why.strip()) or link.relation.value for link in links
    )
    assert any("\\" in link.why for link in links) == (which == "adversarial")


# Outside the selection


def test_claims_outside_the_selection_are_drawn_marked_or_counted_with_strict(
    bundled: MapIndex, tmp_path: Path
) -> None:
    wood = ClaimFilter(authors=frozenset({"wood"}))
    selected, _ = select(bundled, wood)
    outside, reaching, _ = beyond(bundled, wood, selected)
    assert outside and all(claim.author != "wood" for claim in outside)
    svg, _ = export_svg(tmp_path, "--author", "wood")
    marked = [node for node in nodes(svg).values() if "outside" in node.get("class").split()]
    assert sorted(text(node.find(f"{SVG}title")) for node in marked) == sorted(c.id for c in outside)
    assert all("outside the selection" in lines_of(node) for node in marked)
    _, legend = header(svg)
    assert f"white, dashed: outside the selection ({len(outside)})" in legend

    strict, _ = export_svg(tmp_path, "--author", "wood", "--strict")
    drawn = nodes(strict)
    assert len(drawn) == len(selected) and not any("outside" in n.get("class") for n in drawn.values())
    cut = [int(m.group(1)) for node in drawn.values() for line in lines_of(node)
           if (m := re.fullmatch(r"\+(\d+) links? not drawn", line))]
    assert sum(cut) == len(reaching)
    assert f"{len(reaching)} links to claims not drawn (+N on a box)" in header(strict)[1]


def test_a_focus_counts_the_links_leading_beyond_its_depth(bundled: MapIndex) -> None:
    claims, _ = select(bundled, ClaimFilter(), FOCUS, 1)
    outside, reaching, cut = beyond(bundled, ClaimFilter(), claims, FOCUS, 1)
    assert outside == [] and reaching == []
    kept = {claim.id for claim in claims}
    expected = {
        claim.id: sum(1 for link in bundled.links_of(claim.id)
                      if (link.target_id if link.source_id == claim.id else link.source_id) not in kept)
        for claim in claims
    }
    assert cut == {claim_id: count for claim_id, count in expected.items() if count}


# Standing, rationales, pages


def test_standing_marks_the_rejected_and_undecided_claims(bundled: MapIndex, tmp_path: Path) -> None:
    svg, _ = export_svg(tmp_path, "--standing", "--strict")
    standings = analyze(bundled).standings
    claims = bundled.map.claims
    drawn = nodes(svg)
    for number, claim in enumerate(claims):
        label = standings[claim.id].label
        classes = drawn[f"n{number}"].get("class").split()
        assert ("rejected" in classes) == (label is Label.REJECTED)
        assert ("undecided" in classes) == (label is Label.UNDECIDED)
        assert (lines_of(drawn[f"n{number}"])[-1] == label.value) == (label is not Label.ACCEPTED)
    assert any(s.label is Label.REJECTED for s in standings.values())
    _, legend = header(svg)
    assert "dashed border: rejected" in legend


def test_why_writes_each_rationale_on_its_arrow(bundled: MapIndex, tmp_path: Path) -> None:
    svg, _ = export_svg(tmp_path, "--focus", FOCUS, "--why", "--strict")
    _, links = select(bundled, ClaimFilter(), FOCUS)
    labels = sorted(" ".join(text(t) for t in g.iter(f"{SVG}text"))
                    for g in svg.iter(f"{SVG}g") if g.get("class") == "edge")
    assert labels == sorted(" ".join(wrap(link.why.strip(), 28)) for link in links)
    _, said = export_svg(tmp_path, "--why")
    assert "too many to write their rationales on" in said


def test_page_gives_a_pdf_of_that_page_size(tmp_path: Path) -> None:
    for options, size in ((("--page", "a4"), "(A4)"), (("--page", "letter", "--landscape"), "792 x 612 pts")):
        for what in (("--focus", FOCUS), ("--overview",)):
            output = tmp_path / "page.pdf"
            result = run_argmap("export", BUNDLED_MAP, *what, *options, "--output", output)
            assert result.returncode == 0, result.stderr
            info = subprocess.run(["pdfinfo", output], capture_output=True, text=True).stdout
            assert re.search(r"Pages:\s+1\n", info) and size in info, info
            words = subprocess.run(["pdftotext", output, "-"], capture_output=True, text=True).stdout
            assert "US–Mexico" in words


def test_diagram_options_are_refused_by_other_formats_and_out_of_place() -> None:
    cases = [
        (("--format", "md", "--why"), "argmap: --why is for diagrams; export --format dot, svg, png or pdf with it\n"),
        (("--landscape",), "argmap: --landscape turns a page: give one with --page a4 or --page letter\n"),
        (("--overview", "--strict"), "argmap: --overview draws the whole map, author by author or topic by topic; "
                                     "leave out --strict\n"),
    ]
    for options, said in cases:
        result = run_argmap("export", BUNDLED_MAP, *options)
        assert result.returncode == 1 and result.stderr == said and result.stdout == "", options


def test_hostile_map_survives_every_new_diagram(tmp_path: Path, adversarial: MapIndex) -> None:
    path = write_hostile_map(tmp_path)
    for options in (("--overview",), ("--overview", "topic"), ("--focus", "claim:1", "--why", "--standing"),
                    ("--author", "zoë:1"), ("--author", "zoë:1", "--strict", "--page", "a4")):
        svg, stderr = export_svg(tmp_path, *options, map_path=path)
        title, legend = header(svg)
        assert title.startswith(hostile_shown(adversarial.map.title)), options
        everything = [text(t) for t in svg.iter(f"{SVG}text")]
        assert "Traceback" not in stderr
        if options[0] != "--overview":
            shown_authors = [hostile_shown(a.name) for a in adversarial.map.authors]
            assert any(name in legend for name in shown_authors)
        else:
            assert sum(hostile_shown(a.name) in everything for a in adversarial.map.authors) >= (
                2 if options == ("--overview",) else 0)


def test_tooltips_show_graphviz_escapes_and_markup_as_typed() -> None:
    """Every hostile text as a quote and as a rationale: `\\N`, `\\G`, `\\\\`, quotes, `<b>`, `&amp;` stay text.
    (A tab reaches the SVG as a tab; XML reads a tab in an attribute as a space, as a browser shows it.)"""
    document = hostile_document()
    texts = [claim["text"] for claim in document["claims"]]
    for number, claim in enumerate(document["claims"]):
        claim["quote"] = {"source": "s1", "text": texts[number]}
    for number, link in enumerate(document["links"]):
        link["why"] = texts[number]
    index = MapIndex(MAP_ADAPTER.validate_python(document))
    claims, links = select(index, ClaimFilter())
    svg = draw(to_dot(index, claims, links))
    drawn = nodes(svg)
    assert [tooltip_of(drawn[f"n{number}"]) for number in range(len(claims))] == [
        f"“{hostile_shown(text)}”".replace("\t", " ") for text in texts]
    edges = [tooltip_of(g) for g in svg.iter(f"{SVG}g") if g.get("class") == "edge"]
    assert sorted(edges) == sorted(hostile_shown(text).strip().replace("\t", " ") for text in texts)
    assert any("\\N" in text for text in texts) and any("\\\\" in text for text in texts)


def test_an_overview_of_two_authors_leaves_room_for_the_arrows_between_them(tmp_path: Path) -> None:
    svg, _ = export_svg(tmp_path, "--overview", map_path=write_hostile_map(tmp_path))
    spans = []
    for node in nodes(svg).values():
        xs = [float(x) for x in re.findall(r"(-?[\d.]+),-?[\d.]+", node.find(f".//{SVG}path").get("d"))]
        spans.append((min(xs), max(xs)))
    (_, first_right), (second_left, _) = sorted(spans)
    assert second_left - first_right >= 72, "an inch at least between the two boxes (circo set them touching)"
