"""Export: selections, DOT checked by the real Graphviz (texts exact in the SVG), Markdown, Mermaid, the command."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from argmap.colors import RELATION_COLORS, author_colors
from argmap.filters import ClaimFilter
from argmap.formats import format_for
from argmap.formats.dot import to_dot, wrap
from argmap.formats.markdown import escape, to_markdown
from argmap.formats.mermaid import to_mermaid
from argmap.formats.render import DOT_LIMIT, FAST_DOT_LIMIT, SFDP_LIMIT, Layout, RenderError, choose_layout, render
from argmap.index import MapIndex
from argmap.model import Claim, Relation
from argmap.selection import select
from argmap.store import load_map
from tests.conftest import BUNDLED_MAP, ROOT, run_argmap, small_map_document, write_map
from tests.hostile import HOSTILE_TEXTS, hostile_document
from tests.hostile import shown as hostile_shown

HAS_DOT = shutil.which("dot") is not None
# CI installs Graphviz (.ci/run): there a missing `dot` fails these tests instead of skipping them.
requires_dot = pytest.mark.skipif(not HAS_DOT and not os.environ.get("CI"), reason="Graphviz `dot` is not installed")
SVG = "{http://www.w3.org/2000/svg}"



@pytest.fixture
def adversarial_file(tmp_path: Path) -> Path:
    path = tmp_path / "adversarial.json"
    path.write_text(json.dumps(hostile_document(), ensure_ascii=False), encoding="utf-8")
    return path


def run_dot(dot_text: str, output_format: str = "svg") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        ["dot", f"-T{output_format}"], input=dot_text.encode("utf-8"), capture_output=True, timeout=60
    )


def svg_nodes(svg: bytes) -> dict[str, list[str]]:
    """Each node's `id` attribute (n0, n1… for claims) -> the texts of its <text> elements, in order.

    Graphviz writes the second and later spaces of a run as no-break spaces so that a browser keeps them: shown,
    they are spaces, so they are read back as spaces."""
    root = ET.fromstring(svg)
    nodes = {}
    for group in root.iter(f"{SVG}g"):
        if group.get("class") == "node":
            texts = group.iter(f"{SVG}text")
            nodes[group.get("id")] = ["".join(text.itertext()).replace("\xa0", " ") for text in texts]
    return nodes


def sentence_lines(lines: list[str], claim: Claim, clustered: bool) -> str:
    """A box's sentence, read from its lines: all of them, but for the closing byline (`— Author`, the kind), which a
    box in its author's cluster leaves out unless the claim is not a plain claim."""
    return " ".join(lines if clustered and claim.kind == "claim" else lines[:-1])


def shown(text: str) -> str:
    """A claim's text as its wrapped lines joined by spaces read it: newlines as spaces, without the characters a
    diagram drops (control characters, carriage returns among them, and bidirectional overrides); tabs stay."""
    return hostile_shown(text).replace("\n", " ")


# Selection


def test_filter_selects_claims_and_keeps_links_between_them(bundled: MapIndex) -> None:
    claims, links = select(bundled, ClaimFilter(authors=frozenset({"wood", "wayne"}), topics=frozenset({"drugs"})))
    expected = [c for c in bundled.map.claims if c.author in ("wood", "wayne") and "drugs" in c.topics]
    assert claims == expected and claims
    kept = {claim.id for claim in claims}
    assert links == [link for link in bundled.map.links if link.source_id in kept and link.target_id in kept]

    everything, all_links = select(bundled, ClaimFilter())
    assert everything == bundled.map.claims and all_links == bundled.map.links

    contradicting, _ = select(bundled, ClaimFilter(relations=frozenset({Relation.CONTRADICTS})))
    assert contradicting and all(Relation.CONTRADICTS in bundled.relations_of(c.id) for c in contradicting)
    assert len(contradicting) < len(bundled.map.claims)


def test_focus_selects_the_neighbourhood_within_depth_in_both_directions(bundled: MapIndex) -> None:
    import networkx

    undirected = networkx.Graph()
    undirected.add_nodes_from(bundled.claims)
    undirected.add_edges_from((link.source_id, link.target_id) for link in bundled.map.links)
    focus = "pereira-drugs-pass-through"
    for depth in (0, 1, 2, 3):
        claims, links = select(bundled, ClaimFilter(), focus=focus, depth=depth)
        expected = networkx.single_source_shortest_path_length(undirected, focus, cutoff=depth)
        assert {claim.id for claim in claims} == set(expected)
        assert all(link.source_id in expected and link.target_id in expected for link in links)
    assert [c.id for c in select(bundled, ClaimFilter(), focus=focus, depth=0)[0]] == [focus]

    # With a filter: the neighbourhood, intersected with what the filter passes.
    claims, _ = select(bundled, ClaimFilter(authors=frozenset({"coleman"})), focus=focus, depth=1)
    near = networkx.single_source_shortest_path_length(undirected, focus, cutoff=1)
    assert {c.id for c in claims} == {i for i in near if bundled.claims[i].author == "coleman"} != set()


def test_unknown_focus_or_negative_depth_is_one_plain_sentence(bundled: MapIndex) -> None:
    with pytest.raises(ValueError, match=r"^no claim has the id 'nope' on this map$"):
        select(bundled, ClaimFilter(), focus="nope")
    with pytest.raises(ValueError, match="depth"):
        select(bundled, ClaimFilter(), focus="pereira-drugs-pass-through", depth=-1)


# DOT, checked by the real Graphviz


def test_wrap_is_exact_and_keeps_lines_short() -> None:
    for text in HOSTILE_TEXTS.values():
        lines = wrap(text, 20)
        assert " ".join(lines) == text.replace("\r", "").replace("\n", " ")
        assert all(len(line) <= 20 or " " not in line for line in lines)
    assert wrap("a  b c", 3) == ["a ", "b c"] and " ".join(wrap("a  b c", 3)) == "a  b c"
    assert wrap("trailing ", 8) == ["trailing", ""]


def test_dot_strings_are_always_quoted_and_escaped() -> None:
    from argmap.formats.dot import centered, label, quoted

    assert quoted('a\\"b\r\nc') == '"a\\\\\\"b\\nc"'
    assert centered("x & <y>") == '"x &amp; <y>"'
    assert label(['say "no"', "back\\"], "— A & B") == '"say \\"no\\"\\lback\\\\\\l— A &amp; B\\r"'


@requires_dot
@pytest.mark.parametrize("group", ["author", "topic", "none"])
def test_bundled_map_svg_shows_every_claim_exactly(bundled: MapIndex, group: str) -> None:
    claims, links = select(bundled, ClaimFilter())
    result = run_dot(to_dot(bundled, claims, links, group=group))
    assert result.returncode == 0, result.stderr.decode()
    assert b"Warning" not in result.stderr and b"Error" not in result.stderr, result.stderr.decode()
    nodes = svg_nodes(result.stdout)
    colors = author_colors(bundled.map)
    root = ET.fromstring(result.stdout)
    for number, claim in enumerate(claims):
        lines = nodes[f"n{number}"]
        assert sentence_lines(lines, claim, group == "author") == claim.text
        byline = f"— {bundled.author_name(claim.author)}"
        if group == "author":  # the cluster names the author; the kind, if any, closes the box
            assert claim.kind == "claim" or lines[-1] == claim.kind
        else:
            assert lines[-1] == (byline if claim.kind == "claim" else f"{byline} · {claim.kind}")
        group_element = next(g for g in root.iter(f"{SVG}g") if g.get("id") == f"n{number}")
        assert group_element.find(f".//{SVG}path").get("fill") == colors[claim.author]
    strokes = [path.get("stroke") for g in root.iter(f"{SVG}g") if g.get("class") == "edge"
               for path in g.iter(f"{SVG}path")]
    for relation in Relation:
        count = sum(1 for link in links if link.relation is relation)
        assert strokes.count(RELATION_COLORS[relation]) == count


@requires_dot
@pytest.mark.parametrize("group", ["author", "topic", "none"])
def test_adversarial_texts_survive_dot_and_svg_exactly(adversarial: MapIndex, group: str) -> None:
    claims, links = select(adversarial, ClaimFilter())
    dot_text = to_dot(adversarial, claims, links, group=group)
    result = run_dot(dot_text)
    assert result.returncode == 0, result.stderr.decode()
    assert b"Warning" not in result.stderr, result.stderr.decode()
    nodes = svg_nodes(result.stdout)
    for number, claim in enumerate(claims):
        lines = nodes[f"n{number}"]
        assert sentence_lines(lines, claim, group == "author") == shown(claim.text), claim.id
        if group != "author":
            assert lines[-1] == f"— {hostile_shown(adversarial.author_name(claim.author))}"
    root = ET.fromstring(result.stdout)
    all_text = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert hostile_shown(adversarial.map.title) in all_text  # the title, as typed
    names = [hostile_shown(author.name) for author in adversarial.map.authors]
    stripped = [line.strip() for line in all_text]  # a legend entry: a space after its colour square, em spaces after
    assert stripped.count(names[0]) == stripped.count(names[1]) == (2 if group == "author" else 1)  # legend, clusters
    # `claim:1` stays one node (not node `claim`, port `1`), and every link is an edge between the right nodes.
    titles = ["".join(g.find(f"{SVG}title").itertext()) for g in root.iter(f"{SVG}g") if g.get("class") == "edge"]
    assert sum(1 for t in titles if not t.startswith("legend")) == len(links)
    assert "claim:1->say\"no\"" in titles


@requires_dot
def test_dot_output_is_accepted_for_every_format(adversarial: MapIndex) -> None:
    claims, links = select(adversarial, ClaimFilter())
    dot_text = to_dot(adversarial, claims, links)
    for output_format, magic in (("png", b"\x89PNG"), ("pdf", b"%PDF"), ("svg", b"<?xml")):
        data = render(dot_text, output_format, choose_layout(len(claims), len(links), output_format), len(claims))
        assert data.startswith(magic)


def test_layout_switches_above_the_measured_sizes() -> None:
    assert choose_layout(237, 512) == Layout(("dot",)), "the bundled map, drawn whole"
    fast = choose_layout(300, DOT_LIMIT - 299)
    assert fast.command[0] == "dot" and "-Gnslimit=1" in fast.command and fast.note
    sfdp = choose_layout(500, FAST_DOT_LIMIT)
    assert sfdp.command[0] == "sfdp" and "sfdp" in sfdp.note and not sfdp.grid
    grid = choose_layout(100_000, 200_000)
    assert grid.grid and grid.command[:2] == ("neato", "-n2") and grid.labels and "grid" in grid.note
    assert not choose_layout(100_000, 200_000, "png").labels and not choose_layout(SFDP_LIMIT, 0, "png").labels
    assert choose_layout(1_000, 2_000, "pdf").labels
    assert any(part.startswith("-Gsize=") for part in choose_layout(10, 10, "png").command)


@requires_dot
def test_grid_layout_draws_with_neato_and_keeps_texts(adversarial: MapIndex) -> None:
    claims, links = select(adversarial, ClaimFilter())
    layout = Layout(("neato", "-n2"), grid=True)
    svg = render(to_dot(adversarial, claims, links, grid=True), "svg", layout, len(claims))
    nodes = svg_nodes(svg)
    for number, claim in enumerate(claims):
        assert " ".join(nodes[f"n{number}"][:-1]) == shown(claim.text)
    bare = render(to_dot(adversarial, claims, links, grid=True, labels=False), "png", layout, len(claims))
    assert bare.startswith(b"\x89PNG")


@requires_dot
def test_graphviz_time_limit_is_one_sentence(bundled: MapIndex) -> None:
    claims, links = select(bundled, ClaimFilter())
    with pytest.raises(RenderError, match=rf"did not finish drawing {len(claims)} claims within 0\.001 s"):
        render(to_dot(bundled, claims, links), "svg", Layout(("dot",)), len(claims), timeout=0.001)


@requires_dot
def test_dot_taking_too_long_is_laid_out_again_with_sfdp(bundled: MapIndex) -> None:
    claims, links = select(bundled, ClaimFilter())
    notes: list[str] = []
    svg = render(to_dot(bundled, claims, links), "svg", Layout(("dot",)), len(claims), note=notes.append,
                 dot_time=0.001)
    assert notes == [
        "dot did not finish within 0.001 s; laying out with sfdp instead "
        "(force-directed, straight arrows, no clusters)"
    ]
    nodes = svg_nodes(svg)
    assert all(sentence_lines(nodes[f"n{number}"], claim, True) == claim.text for number, claim in enumerate(claims))


# Markdown


class _Text(HTMLParser):
    """The text inside each <strong> and each <blockquote> of rendered HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.strong: list[str] = []
        self.quotes: list[str] = []
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "strong":
            self.strong.append("")
            self._open.append("strong")
        elif tag == "blockquote":
            self.quotes.append("")
            self._open.append("blockquote")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("strong", "blockquote") and self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        for kind in self._open:
            (self.strong if kind == "strong" else self.quotes)[-1] += data


def test_markdown_has_every_claim_quote_and_link(bundled: MapIndex) -> None:
    from markdown_it import MarkdownIt

    claims, _ = select(bundled, ClaimFilter())
    document = to_markdown(bundled, claims)
    parser = _Text()
    parser.feed(MarkdownIt("commonmark").render(document))
    assert parser.strong[: len(RELATION_COLORS)] == [r.value for r in Relation]
    assert parser.strong[len(RELATION_COLORS):] == [claim.text for claim in _document_order(bundled, claims)]
    quotes = "\n".join(parser.quotes)
    assert all(claim.quote.text in quotes for claim in claims if claim.quote)
    anchors = {claim.id: f"claim-{number}" for number, claim in enumerate(claims)}
    sections = _sections(document)
    for link in bundled.map.links:
        assert f"→ {link.relation.value} [" in sections[link.source_id]
        assert f"](#{anchors[link.target_id]})" in sections[link.source_id]
        assert f"](#{anchors[link.source_id]})" in sections[link.target_id]
    # By author, then topic.
    headings = re.findall(r"^## (.+)$", document, re.MULTILINE)
    assert headings == [a.name for a in bundled.map.authors]


def test_markdown_shows_adversarial_texts_as_typed(adversarial: MapIndex) -> None:
    from markdown_it import MarkdownIt

    claims, _ = select(adversarial, ClaimFilter())
    parser = _Text()
    parser.feed(MarkdownIt("commonmark").render(to_markdown(adversarial, claims)))
    assert sorted(parser.strong[len(RELATION_COLORS):]) == sorted(shown(c.text) for c in claims)
    assert all(hostile_shown(claim.quote.text) in "".join(parser.quotes) for claim in claims if claim.quote)


def test_markdown_list_and_heading_marks_at_a_line_start_show_as_typed() -> None:
    """A quote's line may open with "1." or "-": escaped, it is text, with no backslash showing (CommonMark escapes
    punctuation only, so "1." takes its backslash before the dot)."""
    from markdown_it import MarkdownIt

    for text in ("1. not a list", "12) nor this", "- nor a bullet", "= nor a heading"):
        assert MarkdownIt("commonmark").render(escape(text)) == f"<p>{text}</p>\n"


def _document_order(index: MapIndex, claims: list) -> list:
    from argmap.formats import ordered_topics

    ordered = []
    for author in index.map.authors:
        mine = [claim for claim in claims if claim.author == author.id]
        for members in ordered_topics(mine).values():
            ordered.extend(members)
    return ordered


def _sections(document: str) -> dict[str, str]:
    """Each claim's part of the document, by claim id (read from its details line)."""
    sections = {}
    for part in document.split('<a id="claim-')[1:]:
        claim_id = re.search(r"· id (\S+)\*", part).group(1).replace("\\", "")
        sections[claim_id] = part
    return sections


# Mermaid


def _mermaid_decode(label: str) -> str:
    entities = {"#quot;": '"', "#lt;": "<", "#gt;": ">", "#amp;": "&", "#96;": "`", "#58;": ":", "#35;": "#",
                "#37;": "%", "#39;": "'"}
    return re.sub(r"#(?:quot|lt|gt|amp|96|58|35|37|39);", lambda m: entities[m.group(0)], label.replace("<br/>", "\n"))


@pytest.mark.parametrize("group", ["author", "topic", "none"])
def test_mermaid_is_well_formed_and_escapes_every_text(adversarial: MapIndex, group: str) -> None:
    claims, links = select(adversarial, ClaimFilter())
    chart = to_mermaid(adversarial, claims, links, group=group)
    lines = chart.splitlines()
    assert lines[0] == "flowchart LR"
    labels: dict[str, str] = {}
    edges = 0
    depth = 0
    for line in lines[1:]:
        stripped = line.strip()
        if node := re.fullmatch(r'(n\d+|la\d+|lr\d+b?)\["([^"]*)"\]', stripped):
            labels[node.group(1)] = node.group(2)
        elif (re.fullmatch(r'(n\d+) (-->|--x|-\.->) (n\d+)', stripped)
              or re.fullmatch(r'lr\d+\["[^"]*"\] (-->|--x|-\.->) lr\d+b\["[^"]*"\]', stripped)):
            edges += 1
        elif re.fullmatch(r'subgraph (g\d+|legend)\["[^"]*"\]', stripped):
            depth += 1
        elif stripped == "end":
            depth -= 1
        else:
            other = r"direction LR|linkStyle [\d,]+ \S+|classDef a\d+ \S+|class [\w,]+ a\d+"
            assert re.fullmatch(other, stripped), line
        assert depth >= 0
    assert depth == 0 and edges == len(links) + len(Relation)
    styled = sorted(int(i) for line in lines if line.strip().startswith("linkStyle")
                    for i in line.split()[1].split(","))
    assert styled == list(range(edges))
    for number, claim in enumerate(claims):
        label = labels[f"n{number}"]
        assert not re.search(r'["<>]', label.replace("<br/>", ""))
        lines = wrap(hostile_shown(claim.text))
        expected = "\n".join(lines) + f"\n— {hostile_shown(adversarial.author_name(claim.author))}"
        assert _mermaid_decode(label) == expected
    assert "#quot;" in chart and "fa#58;fa-car" in chart


def test_mermaid_says_when_a_chart_is_past_mermaids_limits(bundled: MapIndex) -> None:
    from argmap.formats.mermaid import limits_note

    claims, links = select(bundled, ClaimFilter(authors=frozenset({"wood"})))
    assert limits_note(to_mermaid(bundled, claims, links), len(links)) is None
    claims, links = select(bundled, ClaimFilter())
    whole = limits_note(to_mermaid(bundled, claims, links), len(links))
    assert whole and f"{len(links)} links, past Mermaid's default limits" in whole, "the whole bundled map is past them"
    assert "past Mermaid's default limits" in limits_note("x", 600)
    assert "past Mermaid's default limits" in limits_note("x" * 60_000, 10)


# The command


def run_without_dot(*arguments: str | Path, folder: Path) -> subprocess.CompletedProcess[str]:
    """`argmap` with a PATH on which no Graphviz program can be found."""
    environment = {**os.environ, "PYTHONIOENCODING": "utf-8", "PATH": str(folder)}
    return subprocess.run([sys.executable, "-m", "argmap", *map(str, arguments)], capture_output=True, text=True,
                          cwd=ROOT, env=environment, timeout=120)


def test_text_formats_go_to_stdout() -> None:
    dot = run_argmap("export", BUNDLED_MAP)
    assert dot.returncode == 0, dot.stderr
    claims = load_map(BUNDLED_MAP).argument_map.claims
    assert dot.stdout.startswith("digraph argmap {") and dot.stdout.count('[id="n') == len(claims)
    markdown = run_argmap("export", BUNDLED_MAP, "--format", "md")
    assert markdown.returncode == 0 and markdown.stdout.startswith("# US–Mexico")
    mermaid = run_argmap("export", BUNDLED_MAP, "--format", "mermaid", "--author", "Duncan")
    assert mermaid.returncode == 0 and mermaid.stdout.startswith("flowchart LR")
    assert mermaid.stderr == ""


@requires_dot
def test_every_format_is_written_to_its_file(tmp_path: Path, adversarial_file: Path) -> None:
    magic = {
        "svg": b"<?xml", "png": b"\x89PNG", "pdf": b"%PDF", "dot": b"digraph", "md": b"# ", "mermaid": b"flowchart",
        "argdown": b"===\nmodel:\n  mode: loose\n===",
    }
    for output_format, start in magic.items():
        suffix = {"mermaid": "mmd"}.get(output_format, output_format)
        output = tmp_path / f"out.{suffix}"
        result = run_argmap("export", adversarial_file, "--output", output)  # the format from the suffix
        assert result.returncode == 0, result.stderr
        assert output.read_bytes().startswith(start), output_format
        count = len(HOSTILE_TEXTS)
        assert result.stdout.strip() == f"{output}: {count} claims and {count} links written as {output_format}"
    svg = (tmp_path / "out.svg").read_bytes()
    nodes = svg_nodes(svg)
    for number, claim in enumerate(MapIndex(load_map(adversarial_file).argument_map).map.claims):
        assert sentence_lines(nodes[f"n{number}"], claim, True) == shown(claim.text)


def test_selections_on_the_command_line() -> None:
    def node_count(*options: str) -> int:
        result = run_argmap("export", BUNDLED_MAP, *options, "--strict")
        assert result.returncode == 0, result.stderr
        return result.stdout.count('[id="n')

    index = MapIndex(load_map(BUNDLED_MAP).argument_map)
    assert node_count("--author", "wood", "--author", "Wayne") == sum(
        1 for c in index.map.claims if c.author in ("wood", "wayne"))
    assert node_count("--topic", "drugs") == len(index.claims_by_topic["drugs"])
    assert node_count("--relation", "contradicts", "--group", "topic") == len(
        select(index, ClaimFilter(relations=frozenset({Relation.CONTRADICTS})))[0])
    assert node_count("--focus", "pereira-drugs-pass-through", "--depth", "0") == 1
    assert node_count("--focus", "pereira-drugs-pass-through") == len(
        select(index, ClaimFilter(), focus="pereira-drugs-pass-through")[0])


def test_command_errors_are_one_plain_sentence(tmp_path: Path) -> None:
    cases = [
        (("--format", "png"), "argmap: PNG is not text; give a file to write it to with --output FILE"),
        (("--topic", "weather"), "argmap: no claim has the topic 'weather'"),
        (("--author", "nobody"), "argmap: no author is called 'nobody'"),
        (("--output", tmp_path / "out.txt"), "argmap: cannot tell the format from the suffix '.txt'"),
        (("--author", "pereira", "--focus", "wood-ally-not-liability", "--depth", "0"),
         "argmap: nothing to export: no claim matches author: Katherine Pereira · within 0 links of "
         "“Mexico must be treated as a respected ally and a…”"),
    ]
    for options, message in cases:
        result = run_argmap("export", BUNDLED_MAP, *options)
        assert result.returncode == 1, options
        assert result.stderr.startswith(message) and result.stderr.count("\n") == 1, result.stderr
        assert "Traceback" not in result.stderr and result.stdout == ""


def test_missing_graphviz_says_how_to_install_it(tmp_path: Path) -> None:
    output = tmp_path / "map.svg"
    result = run_without_dot("export", BUNDLED_MAP, "--output", output, folder=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("argmap: Graphviz's `dot` is not installed") and result.stderr.count("\n") == 1
    assert "apt-get install graphviz" in result.stderr and not output.exists()
    # Text formats need no Graphviz.
    assert run_without_dot("export", BUNDLED_MAP, "--format", "dot", folder=tmp_path).returncode == 0


@requires_dot
def test_a_large_selection_switches_layout_and_says_so(tmp_path: Path) -> None:
    from benchmarks.generate import generate_map

    path = generate_map(600, tmp_path / "large")  # about 1,780 claims + links: above the fast-dot limit
    output = tmp_path / "large.svg"
    result = run_argmap("export", path, "--output", output)
    assert result.returncode == 0, result.stderr
    notes = [line for line in result.stderr.splitlines() if line.startswith("argmap:")]
    assert len(notes) == 1 and "laying out with sfdp" in notes[0]
    assert len(svg_nodes(output.read_bytes())) >= 600


def test_format_from_suffix() -> None:
    assert format_for(None, None) == "dot"
    assert format_for(Path("a.SVG"), None) == "svg"
    assert format_for(Path("a.md"), "dot") == "dot"
    assert format_for(Path("a.mmd"), None) == "mermaid"
    assert format_for(Path("a.argdown"), None) == "argdown" and format_for(Path("a.ad"), None) == "argdown"
    with pytest.raises(ValueError, match="suffix"):
        format_for(Path("a.docx"), None)


def test_one_claim_written_is_said_in_the_singular(tmp_path: Path) -> None:
    output = tmp_path / "bo.dot"
    result = run_argmap("export", write_map(tmp_path, small_map_document()), "--author", "bo", "--strict",
                        "--output", output)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{output}: 1 claim and 0 links written as dot"
