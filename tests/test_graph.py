"""The map as a networkx graph."""

from pathlib import Path

from argmap.graph import to_graph
from argmap.model import Link, Relation
from argmap.store import load_map


def test_graph_has_claims_as_nodes_and_links_as_relation_keyed_edges(small_map: Path) -> None:
    argument_map = load_map(small_map).argument_map
    argument_map.links.append(Link(source_id="c1", target_id="c2", relation=Relation.QUALIFIES, why="a cost"))
    graph = to_graph(argument_map)
    assert set(graph.nodes) == {"c1", "c2", "c3"}
    assert graph.nodes["c3"]["author"] == "bo"
    assert set(graph["c1"]["c2"]) == {"supports", "qualifies"}, "two relations between one pair are two edges"
    assert graph["c3"]["c2"]["qualifies"]["why"] == "partnership does not touch demand"


def test_importing_the_core_does_not_import_networkx() -> None:
    import subprocess
    import sys

    code = "import sys, argmap.store, argmap.cli, argmap.graph; print('networkx' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False"
