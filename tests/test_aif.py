"""AIF in and out: every real AIFdb and xAIF file imports, its relations read independently with networkx; our
exports load in arguebuf (a third-party AIF reader) with the same counts, and come back through our reader; bad
files get one plain sentence naming the file and the place, and no map."""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path
from typing import Any

import networkx
import pytest

from argmap.filters import ClaimFilter
from argmap.formats.aif import to_aif
from argmap.index import MapIndex
from argmap.model import MAP_ADAPTER
from argmap.selection import select
from argmap.store import load_map
from tests.conftest import BUNDLED_MAP, ROOT, run_argmap
from tests.hostile import hostile_document, shown

INTEROP = ROOT / "tests" / "interop" / "aif"
REAL_FILES = sorted(INTEROP.glob("*.json"))


def aif_graph(document: dict[str, Any]) -> dict[str, Any]:
    return document.get("AIF", document)


def expected_links(document: dict[str, Any]) -> set[tuple[str, str, str]]:
    """The file's relations read with networkx: each I-node before an RA supports each I-node after it, before a CA
    contradicts it."""
    graph = aif_graph(document)
    aif = networkx.DiGraph()
    for node in graph["nodes"]:
        aif.add_node(str(node["nodeID"]), type=node["type"])
    aif.add_edges_from((str(edge["fromID"]), str(edge["toID"])) for edge in graph["edges"])
    relations = {"RA": "supports", "CA": "contradicts", "MA": "supports"}
    found = set()
    for node, kind in aif.nodes(data="type"):
        if kind in relations:
            for premise in aif.predecessors(node):
                for conclusion in aif.successors(node):
                    if aif.nodes[premise]["type"] == aif.nodes[conclusion]["type"] == "I":
                        found.add((premise, conclusion, relations[kind]))
    return found


@pytest.mark.parametrize("path", REAL_FILES, ids=lambda path: path.name)
def test_every_real_aif_file_imports_with_its_claims_and_relations(tmp_path: Path, path: Path) -> None:
    output = tmp_path / "map.json"
    result = run_argmap("import", path, "--output", output)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert run_argmap("validate", output).returncode == 0
    document = json.loads(path.read_text(encoding="utf-8"))
    imported = load_map(output).argument_map
    i_nodes = {str(node["nodeID"]): node["text"] for node in aif_graph(document)["nodes"] if node["type"] == "I"}
    assert {claim.id: claim.text for claim in imported.claims} == i_nodes
    assert {(link.source_id, link.target_id, str(link.relation)) for link in imported.links} == (
        expected_links(document))


def test_all_real_files_import_in_one_process_without_warnings_lost(tmp_path: Path) -> None:
    from argmap.interchange import import_file

    claims = 0
    for path in REAL_FILES:
        imported = import_file(path)
        claims += len(imported.argument_map.claims)
        assert all(warning and "\n" not in warning for warning in imported.warnings)
    assert claims == sum(1 for path in REAL_FILES for node in aif_graph(json.loads(path.read_bytes()))["nodes"]
                         if node["type"] == "I")


def test_speakers_become_authors_and_their_locutions_quotes(tmp_path: Path) -> None:
    output = tmp_path / "dialogue.json"
    result = run_argmap("import", INTEROP / "xaif-6064-with-locutions.json", "--output", output)
    assert result.returncode == 0, result.stderr
    argument_map = load_map(output).argument_map
    names = {author.id: author.name for author in argument_map.authors}
    assert sorted(names.values()) == ["CL", "NL"], "no participants: named as their locutions are (CL : ...)"
    claims = {claim.id: claim for claim in argument_map.claims}
    assert names[claims["111833"].author] == "NL" and names[claims["29045"].author] == "CL"
    quote = claims["29045"].quote
    assert quote is not None
    assert quote.text == ("But my point is they got to a point where Macmillan realised there was no way forward "
                          "except by increasing brutality")
    assert claims["29054"].quote is None, "a locution saying just the I-node's text adds no quote"
    assert claims["111829"].note == "AIF illocution: Pure Questioning"
    assert "8 transitions (TA)" in result.stderr


def test_an_xaif_text_becomes_the_source_and_its_spans_the_quotes(tmp_path: Path) -> None:
    output = tmp_path / "ova.json"
    result = run_argmap("import", INTEROP / "xaif.json", "--output", output)
    assert result.returncode == 0, result.stderr
    text_file = tmp_path / "xaif.txt"
    assert text_file.read_text(encoding="utf-8") == "A because B\n"
    assert f"{text_file}: the source text its quotes are checked against" in result.stdout
    validated = run_argmap("validate", output)
    assert "2 quotes checked against their sources" in validated.stdout
    argument_map = load_map(output).argument_map
    rachel = next(author for author in argument_map.authors if author.name == "Participant Rachel")
    assert {claim.author for claim in argument_map.claims} == {rachel.id}
    assert len(argument_map.authors) == 14, "every participant is an author"
    assert [(link.source_id, link.target_id) for link in argument_map.links] == [
        ("15_164926162804546033", "2_164926129380455983")]


def test_a_source_text_in_the_way_stops_the_import_before_anything_is_written(tmp_path: Path) -> None:
    (tmp_path / "xaif.txt").write_text("mine", encoding="utf-8")
    output = tmp_path / "ova.json"
    result = run_argmap("import", INTEROP / "xaif.json", "--output", output)
    assert result.returncode == 1
    assert result.stderr.startswith(f"{tmp_path / 'xaif.txt'}: already exists")
    assert not output.exists() and (tmp_path / "xaif.txt").read_text(encoding="utf-8") == "mine"


def test_claims_without_a_speaker_are_by_the_author_named_or_a_default(tmp_path: Path) -> None:
    named = run_argmap("import", INTEROP / "nodeset10.json", "--output", tmp_path / "named.json",
                       "--author", "Douglas Walton")
    assert named.returncode == 0 and "does not say who" not in named.stderr
    assert [author.name for author in load_map(tmp_path / "named.json").argument_map.authors] == ["Douglas Walton"]
    anonymous = run_argmap("import", INTEROP / "nodeset10.json", "--output", tmp_path / "anonymous.json")
    assert "they are by 'Unknown author' (name the author with --author NAME)" in anonymous.stderr
    assert [author.name for author in load_map(tmp_path / "anonymous.json").argument_map.authors] == [
        "Unknown author"]


def test_scheme_names_become_the_why_of_links(tmp_path: Path) -> None:
    output = tmp_path / "schemes.json"
    assert run_argmap("import", INTEROP / "nodeset198.json", "--output", output).returncode == 0
    whys = {link.why for link in load_map(output).argument_map.links}
    assert {"CauseToEffect", "Example", "Analogy", ""} == whys


def small_aif(nodes: list[dict[str, Any]], edges: list[tuple[str, str]]) -> dict[str, Any]:
    return {"nodes": nodes, "edges": [{"edgeID": str(n), "fromID": a, "toID": b} for n, (a, b) in enumerate(edges)]}


def test_undercutters_rephrases_and_linked_premises_are_mapped_and_told(tmp_path: Path) -> None:
    nodes = [{"nodeID": name, "text": f"Claim {name}.", "type": "I"} for name in ("a", "b", "c", "d", "e")]
    nodes += [{"nodeID": "ra", "text": "Default Inference", "type": "RA"},
              {"nodeID": "ca", "text": "Default Conflict", "type": "CA"},
              {"nodeID": "ma", "text": "Default Rephrase", "type": "MA"}]
    edges = [("a", "ra"), ("b", "ra"), ("ra", "c"), ("d", "ca"), ("ca", "ra"), ("c", "ma"), ("ma", "e")]
    path = tmp_path / "shapes.json"
    path.write_text(json.dumps(small_aif(nodes, edges)), encoding="utf-8")
    result = run_argmap("import", path, "--output", tmp_path / "out.json", "--author", "Ann")
    assert result.returncode == 0, result.stderr
    links = {(link.source_id, link.target_id, str(link.relation))
             for link in load_map(tmp_path / "out.json").argument_map.links}
    assert links == {("a", "c", "supports"), ("b", "c", "supports"), ("d", "c", "qualifies"),
                     ("c", "e", "supports")}
    assert "1 inference (RA) whose premises work together: each premise supports the conclusion" in result.stderr
    assert "1 conflict (CA) aimed at an inference: each qualifies the inference's conclusion" in result.stderr
    assert "1 rephrase (MA): each became supports from the rephrased claim to its rephrase" in result.stderr


# Export -------------------------------------------------------------------------------------------------------

def arguebuf_counts(aif_text: str) -> tuple[int, int]:
    """Claims (atom nodes) and relations (scheme nodes) as arguebuf reads the AIF."""
    import arguebuf

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # it warns about every edge to an L- or YA-node, which it does not model
        graph = arguebuf.load.aif(json.loads(aif_text))
    return len(graph.atom_nodes), len(graph.scheme_nodes)


@pytest.mark.parametrize("name", ["bundled", "hostile"])
def test_arguebuf_reads_our_aif_with_every_claim_and_relation(name: str) -> None:
    argument_map = load_map(BUNDLED_MAP).argument_map if name == "bundled" else (
        MAP_ADAPTER.validate_python(hostile_document()))
    index = MapIndex(argument_map)
    claims, links = select(index, ClaimFilter())
    assert arguebuf_counts(to_aif(index, claims, links)) == (len(argument_map.claims), len(argument_map.links))


def test_our_aif_comes_back_through_our_reader(tmp_path: Path) -> None:
    source = tmp_path / "hostile.json"
    source.write_text(json.dumps(hostile_document(), ensure_ascii=False), encoding="utf-8")
    exported = tmp_path / "hostile.aif"
    assert run_argmap("export", source, "--format", "aif", "--output", exported).returncode == 0
    result = run_argmap("import", exported, "--from", "aif", "--output", tmp_path / "back.json")
    assert result.returncode == 0, result.stderr
    original = hostile_document()
    back = load_map(tmp_path / "back.json").argument_map
    assert [(claim.id, claim.text) for claim in back.claims] == [
        (claim["id"], shown(claim["text"])) for claim in original["claims"]]
    names = {author.id: author.name for author in back.authors}
    original_names = {author["id"]: shown(author["name"]) for author in original["authors"]}
    assert [names[claim.author] for claim in back.claims] == [
        original_names[claim["author"]] for claim in original["claims"]]
    assert [claim.quote.text if claim.quote else None for claim in back.claims] == [
        shown(claim["quote"]["text"]) if "quote" in claim else None for claim in original["claims"]]
    assert [(link.source_id, link.target_id, str(link.relation), link.why) for link in back.links] == [
        (link["from"], link["to"], link["relation"], shown(link["why"])) for link in original["links"]]


def test_the_aif_export_is_aifdb_json_with_a_locution_per_claim(tmp_path: Path) -> None:
    result = run_argmap("export", BUNDLED_MAP, "--format", "aif", "--author", "Pereira")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    kinds = [node["type"] for node in document["nodes"]]
    pereira = [claim for claim in load_map(BUNDLED_MAP).argument_map.claims if claim.author == "pereira"]
    assert kinds.count("I") == kinds.count("L") == kinds.count("YA") == len(pereira)
    assert document["participants"] == [{"participantID": "1", "firstname": "Katherine", "surname": "Pereira"}]
    quoted = next(claim for claim in pereira if claim.quote is not None)
    locution = next(node for node in document["nodes"] if node["type"] == "L"
                    and node["text"].endswith(quoted.quote.text if quoted.quote else ""))
    assert locution["text"] == f"Katherine Pereira: {quoted.quote.text if quoted.quote else ''}"
    assert {item["nodeID"] for item in document["locutions"]} == {
        node["nodeID"] for node in document["nodes"] if node["type"] == "L"}


# Bad input ----------------------------------------------------------------------------------------------------

NODE = {"nodeID": "1", "text": "A claim.", "type": "I"}
BAD_FILES: dict[str, tuple[bytes, str]] = {
    "empty": (b"", r"is empty; an AIF file is a JSON object"),
    "spaces": (b"  \n ", r"is empty"),
    "truncated": (b'{"nodes": [{"nodeID": "1", "te', r"line 1, column \d+: not valid JSON"),
    "not json": (b"nodes: [I, RA]", r"line 1, column \d+: not valid JSON"),
    "array": (b"[1, 2]", r"not AIF: the file holds an array, not an object with nodes and edges"),
    "no nodes": (b'{"edges": []}', r"nodes: is required"),
    "nodes not a list": (b'{"nodes": {"1": 2}, "edges": []}', r"nodes: must be a list, not an object"),
    "node not an object": (b'{"nodes": [7], "edges": []}', r"nodes\[0\]: must be a JSON object, not a number"),
    "id a boolean": (b'{"nodes": [{"nodeID": true, "text": "x", "type": "I"}], "edges": []}',
                     r"nodes\[0\]\.nodeID: must be a string or a number, not a boolean"),
    "text a number": (b'{"nodes": [{"nodeID": "1", "text": 5, "type": "I"}], "edges": []}',
                      r"nodes\[0\]\.text: must be a string, not a number"),
    "I-node without text": (b'{"nodes": [{"nodeID": "1", "type": "I"}], "edges": []}',
                            r"nodes\[0\]\.text: is required"),
    "unknown node type": (json.dumps({"nodes": [NODE, {"nodeID": "2", "text": "?", "type": "XA"}],
                                      "edges": []}).encode(),
                          r"nodes\[1\]\.type: unknown node type 'XA'; AIF's are I, L, RA, CA, MA, PA, YA, TA"),
    "duplicate id": (json.dumps({"nodes": [NODE, NODE], "edges": []}).encode(),
                     r"nodes\[1\]\.nodeID: the id '1' is used by an earlier node too"),
    "edge to a missing node": (json.dumps({"nodes": [NODE], "edges": [{"fromID": "1", "toID": "9"}]}).encode(),
                               r"edges\[0\]\.toID: no node has the id '9'"),
    "edge without an end": (json.dumps({"nodes": [NODE], "edges": [{"toID": "1"}]}).encode(),
                            r"edges\[0\]\.fromID: is required"),
    "edge to itself": (json.dumps({"nodes": [NODE], "edges": [{"fromID": "1", "toID": "1"}]}).encode(),
                       r"edges\[0\]: leads from node '1' to itself"),
    "claim supporting itself": (json.dumps(small_aif([NODE, {"nodeID": "r", "text": "RA", "type": "RA"}],
                                                     [("1", "r"), ("r", "1")])).encode(),
                                r"nodes\[1\]: the RA node 'r' makes the I-node '1' bear on itself"),
    "locution of a missing node": (json.dumps({"nodes": [NODE], "edges": [],
                                               "locutions": [{"nodeID": "8", "personID": "1"}]}).encode(),
                                   r"locutions\[0\]\.nodeID: no node has the id '8'"),
    "xAIF not an object": (b'{"AIF": [], "text": ""}', r"AIF: must be a JSON object, not an array"),
    "xAIF text not a string": (b'{"AIF": {"nodes": [], "edges": []}, "text": 3}',
                               r"text: must be a string, not a number"),
    "participants wrong": (b'{"AIF": {"nodes": [], "edges": [], "participants": [{"firstname": "A"}]}}',
                           r"AIF\.participants\[0\]\.participantID: is required"),
    "utf-16": ('{"nodes": [], "edges": []}'.encode("utf-16"), r"is UTF-16 text"),
}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_a_bad_aif_file_is_one_plain_sentence_and_no_map(tmp_path: Path, name: str) -> None:
    data, message = BAD_FILES[name]
    path = tmp_path / "bad.json"
    path.write_bytes(data)
    output = tmp_path / "out.json"
    result = run_argmap("import", path, "--from", "aif", "--output", output)
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert re.fullmatch(rf"{re.escape(str(path))}: (.*: )?{message}.*", lines[0]), lines[0]
    assert not output.exists() and not (tmp_path / "bad.txt").exists()


def test_an_aif_file_is_recognised_by_its_content() -> None:
    from argmap.interchange import sniff

    assert sniff((INTEROP / "nodeset10.json").read_bytes()) == "aif"
    assert sniff((INTEROP / "xaif-empty.json").read_bytes()) == "aif"
    assert sniff(BUNDLED_MAP.read_bytes()) is None


async def test_the_palette_imports_an_xaif_file_with_its_text_beside_the_new_map(small_map: Path,
                                                                                 tmp_path: Path) -> None:
    from argmap.document import Document
    from argmap.tui.app import ArgmapApp
    from tests.test_palette_interchange import palette

    (tmp_path / "ova.json").write_bytes((INTEROP / "xaif.json").read_bytes())
    app = ArgmapApp(Document.open(small_map))
    async with app.run_test(size=(100, 30)) as pilot:
        await palette(pilot, "import a file")
        await pilot.press(*"ova.json", "ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        document = app.document
    assert document.path == tmp_path / "ova.argmap.json"
    assert (tmp_path / "ova.txt").read_text(encoding="utf-8") == "A because B\n"
    quoted = [claim.quote for claim in document.argument_map.claims if claim.quote is not None]
    assert [quote.text for quote in quoted] == ["A", "B"]
    for quote in quoted:
        text = document.texts.text_of(quote.source)
        assert text is not None and text[quote.start:quote.end] == quote.text, "the app reads the text it wrote"
