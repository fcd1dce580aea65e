"""The map as a networkx graph, for analysis and export; networkx is imported here only, and only when called."""

from __future__ import annotations

from typing import TYPE_CHECKING

from argmap.model import ArgumentMap

if TYPE_CHECKING:
    import networkx


def to_graph(argument_map: ArgumentMap) -> networkx.MultiDiGraph[str]:
    """Claims as nodes (with author, text, kind, topics), links as edges keyed by relation (with `why`).

    A multigraph, because one claim may both support and qualify another: those are two links.
    """
    import networkx

    graph: networkx.MultiDiGraph[str] = networkx.MultiDiGraph(title=argument_map.title)
    graph.add_nodes_from(
        (claim.id, {"author": claim.author, "text": claim.text, "kind": claim.kind, "topics": tuple(claim.topics)})
        for claim in argument_map.claims
    )
    for link in argument_map.links:
        relation = str(link.relation)
        graph.add_edge(link.source_id, link.target_id, key=relation, relation=relation, why=link.why)
    return graph
