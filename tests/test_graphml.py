"""GraphML and GEXF: networkx reads our files back with the map's claims, links and attributes, read from the map
itself; texts with characters XML cannot hold come out without them, and the files still parse."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import networkx
import pytest

from argmap.index import MapIndex
from argmap.model import MAP_ADAPTER, ArgumentMap
from argmap.store import load_map
from tests.conftest import BUNDLED_MAP, run_argmap
from tests.hostile import hostile_document, shown

READERS = {"graphml": lambda path: networkx.read_graphml(path, force_multigraph=True),
           "gexf": lambda path: networkx.read_gexf(path)}


def expected_nodes(argument_map: ArgumentMap) -> dict[str, dict[str, str]]:
    names = {author.id: author.name for author in argument_map.authors}
    return {
        claim.id: {"label": shown(claim.text), "text": shown(claim.text), "author": claim.author,
                   "author_name": shown(names[claim.author]), "kind": claim.kind,
                   "topics": shown("; ".join(claim.topics)), "quote": shown(claim.quote.text) if claim.quote else ""}
        for claim in argument_map.claims
    }


def read_back(tmp_path: Path, map_path: Path, output_format: str) -> Any:
    output = tmp_path / f"out.{output_format}"
    result = run_argmap("export", map_path, "--output", output)
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith(f"written as {output_format}\n")
    return READERS[output_format](output)


@pytest.mark.parametrize("output_format", list(READERS))
@pytest.mark.parametrize("name", ["bundled", "hostile"])
def test_networkx_reads_back_every_claim_link_and_attribute(tmp_path: Path, output_format: str, name: str) -> None:
    if name == "bundled":
        map_path, argument_map = BUNDLED_MAP, load_map(BUNDLED_MAP).argument_map
    else:
        map_path = tmp_path / "hostile.json"
        map_path.write_text(json.dumps(hostile_document(), ensure_ascii=False), encoding="utf-8")
        argument_map = MAP_ADAPTER.validate_python(hostile_document())
    graph = read_back(tmp_path, map_path, output_format)
    assert graph.is_directed()
    wanted = expected_nodes(argument_map)
    assert list(graph.nodes) == list(wanted)
    for claim_id, attributes in wanted.items():
        got = dict(graph.nodes[claim_id])
        assert {key: got.get(key) for key in attributes} == attributes, claim_id
    edges = sorted((source, target, data["relation"], data["why"]) for source, target, data in graph.edges(data=True))
    assert edges == sorted((link.source_id, link.target_id, str(link.relation), shown(link.why))
                           for link in argument_map.links)


def test_characters_xml_cannot_hold_are_dropped_and_the_files_parse(tmp_path: Path) -> None:
    document = hostile_document()
    hostile = "".join(chr(code) for code in range(32)) + "\x7f\x85\ufffe\uffff end"
    document["claims"][0]["text"] = f"Start {hostile}"
    document["links"][0]["why"] = hostile
    map_path = tmp_path / "controls.json"
    map_path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    for output_format in READERS:
        graph = read_back(tmp_path, map_path, output_format)
        written = (tmp_path / f"out.{output_format}").read_text(encoding="utf-8")
        ET.fromstring(written.encode("utf-8"))
        assert graph.nodes[document["claims"][0]["id"]]["text"] == "Start \t\n end"
        whys = {data["why"] for _, _, data in graph.edges(data=True)}
        assert "\t\n end" in whys


def test_edge_ids_are_unique_and_two_relations_between_one_pair_are_two_edges(tmp_path: Path) -> None:
    document = {
        "format_version": 1, "title": "T", "authors": [{"id": "a", "name": "A"}],
        "claims": [{"id": "x", "author": "a", "text": "X."}, {"id": "y", "author": "a", "text": "Y."}],
        "links": [{"from": "x", "to": "y", "relation": "supports"}, {"from": "x", "to": "y", "relation": "qualifies"}],
    }
    map_path = tmp_path / "pair.json"
    map_path.write_text(json.dumps(document), encoding="utf-8")
    for output_format in READERS:
        graph = read_back(tmp_path, map_path, output_format)
        assert sorted(data["relation"] for _, _, data in graph.edges(data=True)) == ["qualifies", "supports"]
        root = ET.fromstring((tmp_path / f"out.{output_format}").read_bytes())
        ids = [element.get("id") for element in root.iter() if element.tag.endswith("}edge")]
        assert len(ids) == len(set(ids)) == 2


def test_a_selection_exports_only_its_claims() -> None:
    index = MapIndex(load_map(BUNDLED_MAP).argument_map)
    result = run_argmap("export", BUNDLED_MAP, "--format", "graphml", "--author", "Wood")
    wood = [claim for claim in index.map.claims if claim.author == "wood"]
    root = ET.fromstring(result.stdout.encode("utf-8"))
    assert sum(1 for element in root.iter() if element.tag.endswith("}node")) == len(wood)
