"""The map as a networkx graph, for analysis and export; networkx is imported here only, and only when called."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from argmap.index import MapIndex
from argmap.model import ArgumentMap, Claim, Link

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


def export_graph(index: MapIndex, claims: Sequence[Claim], links: Sequence[Link],
                 clean: Callable[[str], str]) -> networkx.MultiDiGraph[str]:
    """A selection as the graph GraphML and GEXF are written from: every attribute a string, passed through
    `clean` (which drops what the format cannot hold).

    Claims carry `label` (their text, which Gephi and yEd show), `text`, `author` (the id), `author_name`, `kind`,
    `topics` (joined by "; ") and `quote` (its words, or empty); links carry `relation` and `why`. Edge keys are
    `e0`, `e1`…, unique, as GraphML's and Gephi's edge ids should be."""
    import networkx

    graph: networkx.MultiDiGraph[str] = networkx.MultiDiGraph(name=clean(index.map.title))
    for claim in claims:
        text = clean(claim.text)
        graph.add_node(claim.id, label=text, text=text, author=claim.author,
                       author_name=clean(index.author_name(claim.author)), kind=claim.kind,
                       topics=clean("; ".join(claim.topics)), quote=clean(claim.quote.text) if claim.quote else "")
    for number, link in enumerate(links):
        graph.add_edge(link.source_id, link.target_id, key=f"e{number}", relation=str(link.relation),
                       why=clean(link.why))
    return graph
