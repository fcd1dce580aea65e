"""GraphML and GEXF, for Gephi, yEd and Cytoscape: the selection as `argmap.graph.export_graph` builds it, written by
networkx's own writers (ElementTree's, so that lxml being installed or not changes nothing), in UTF-8.

XML 1.0 cannot hold most control characters (nor U+FFFE and U+FFFF): they are dropped from every text, as every
export drops the characters that would act on a reader (`argmap.inert`).
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

from argmap.graph import export_graph
from argmap.index import MapIndex
from argmap.inert import without_unsafe
from argmap.model import Claim, Link

_NOT_XML = re.compile("[\ufffe\uffff]")


def xml_text(text: str) -> str:
    """The text without what XML 1.0 cannot hold or a reader would act on."""
    return _NOT_XML.sub("", without_unsafe(text))


def to_graphml(index: MapIndex, claims: Sequence[Claim], links: Sequence[Link]) -> str:
    """The claims as nodes and the links as edges, in GraphML, attribute keys named after the attributes."""
    import networkx

    written = io.BytesIO()
    networkx.write_graphml_xml(export_graph(index, claims, links, xml_text), written, named_key_ids=True)
    return _ended(written.getvalue().decode("utf-8"))


def to_gexf(index: MapIndex, claims: Sequence[Claim], links: Sequence[Link]) -> str:
    """The claims as nodes and the links as edges, in GEXF 1.2 (Gephi's own format)."""
    import networkx

    written = io.BytesIO()
    networkx.write_gexf(export_graph(index, claims, links, xml_text), written)
    return _ended(written.getvalue().decode("utf-8"))


def _ended(text: str) -> str:
    return text if text.endswith("\n") else text + "\n"
