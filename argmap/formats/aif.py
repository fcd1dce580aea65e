"""AIF, the Argument Interchange Format of AIFdb, OVA and the argument corpora: read it into a map, write a map as it.

An AIF graph has I-nodes (propositions) joined through S-nodes: RA (an inference from premises to a conclusion),
CA (a conflict), MA (a rephrase), PA (a preference); dialogue adds L-nodes (locutions: who said what), YA (the
illocution anchoring a locution to what it asserts) and TA (transitions between locutions). AIFdb JSON holds
`nodes`, `edges`, optional `locutions` (L-node -> `personID`) and `participants`; xAIF (OVA) wraps them in `AIF`
beside `text`, the analysed text as HTML in which `<span id="nodeID">` marks each locution.

Reading: each I-node is a claim, by the speaker of the locution that asserts it (L -> YA -> I), its quote the
locution's words; each RA premise supports the conclusion, each CA premise contradicts it, a CA aimed at an RA (an
undercutter) qualifies the RA's conclusion, an MA becomes supports from the rephrased claim to its rephrase; an
RA's or CA's scheme name becomes the link's `why`. Writing: every claim an I-node with an L-node (the quote, else
the text, said by the author as a participant) and a YA; supports an RA, contradicts a CA, qualifies a CA whose
`scheme` is `Qualifying`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from pydantic_core import to_json

from argmap.collector import collector_paused
from argmap.formats.interop import Ids, default_author, fail, json_kind, read_json, safe_file_name
from argmap.index import MapIndex
from argmap.inert import without_unsafe
from argmap.interchange import Imported
from argmap.model import FORMAT_VERSION, MAP_ADAPTER, Author, Claim, Link, Relation, Source
from argmap.store import MapError
from argmap.words import counted

NODE_TYPES = ("I", "L", "RA", "CA", "MA", "PA", "YA", "TA")
RELATION_NODES = ("RA", "CA", "MA")
QUALIFYING = "Qualifying"
"""The scheme of a CA that argmap writes for a qualification, and reads back as one."""
DEFAULT_SCHEMES = frozenset({"", "RA", "CA", "MA", "Default Inference", "Default Conflict", "Default Rephrase"})
"""Node texts and schemes that name no particular scheme: they give a link no `why`."""
_WRITTEN_TEXT = {Relation.SUPPORTS: "Default Inference", Relation.CONTRADICTS: "Default Conflict",
                 Relation.QUALIFIES: "Default Conflict"}
_SPEAKER = re.compile(r"\s*(?P<name>[^:\n]{1,80}?)\s*:\s?")
"""`CL : words` or `Participant Rachel: words`: the speaker AIFdb and OVA put before a locution's words."""


def looks_like(data: bytes) -> bool:
    """A JSON object with an `AIF` object, or with `nodes` and `edges` lists."""
    start = data.lstrip()[:1]
    if start != b"{":
        return False
    try:
        document = read_json(data, Path("-"), "AIF")
    except MapError:
        return False
    if not isinstance(document, dict):
        return False
    return isinstance(document.get("AIF"), dict) or (
        isinstance(document.get("nodes"), list) and isinstance(document.get("edges"), list))


# Reading ---------------------------------------------------------------------------------------------------------

@dataclass(slots=True)
class _Node:
    id: str
    type: str
    text: str
    scheme: str | None
    place: str
    sources: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)


class _Shape:
    """Checks of a JSON value's shape, each failing with the place in the file and what it should be."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def object(self, value: Any, place: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            fail(self.path, place, f"must be a JSON object, not {json_kind(value)}")
        return value

    def list(self, container: dict[str, Any], key: str, place: str, required: bool = True) -> list[Any]:
        value = container.get(key)
        if value is None and not required:
            return []
        if key not in container:
            fail(self.path, place, "is required")
        if not isinstance(value, list):
            fail(self.path, place, f"must be a list, not {json_kind(value)}")
        return value

    def ident(self, item: dict[str, Any], key: str, place: str) -> str:
        value = item.get(key)
        if key not in item:
            fail(self.path, place, "is required")
        if isinstance(value, bool) or not isinstance(value, str | int):
            fail(self.path, place, f"must be a string or a number, not {json_kind(value)}")
        return str(value)

    def text(self, item: dict[str, Any], key: str, place: str, required: bool) -> str | None:
        value = item.get(key)
        if value is None:
            if required:
                fail(self.path, place, "is required")
            return None
        if not isinstance(value, str):
            fail(self.path, place, f"must be a string, not {json_kind(value)}")
        return value


@dataclass(slots=True)
class _Graph:
    """An AIF file's nodes, edges and speakers, checked for shape and references."""

    nodes: dict[str, _Node]
    speakers: dict[str, str]
    """L-node id -> personID, from `locutions`."""
    participants: dict[str, str]
    """personID -> name, from `participants`."""
    text: str | None


def read(data: bytes, path: Path, author: str | None) -> Imported:
    """A map from an AIFdb JSON or xAIF file; `author` names who made the claims no locution gives a speaker."""
    with collector_paused():
        return _Reader(_parse(data, path), path, author).read()


def _parse(data: bytes, path: Path) -> _Graph:
    shape = _Shape(path)
    top = read_json(data, path, "an AIF file")
    if not isinstance(top, dict):
        fail(path, "", f"not AIF: the file holds {json_kind(top)}, not an object with nodes and edges")
    prefix, graph, text = "", top, None
    if "AIF" in top:
        prefix, graph = "AIF.", shape.object(top["AIF"], "AIF")
        text = shape.text(top, "text", "text", required=False)
    nodes = _nodes(shape, shape.list(graph, "nodes", f"{prefix}nodes"), prefix)
    _edges(shape, shape.list(graph, "edges", f"{prefix}edges"), prefix, nodes)
    speakers: dict[str, str] = {}
    for number, item in enumerate(shape.list(graph, "locutions", f"{prefix}locutions", required=False)):
        place = f"{prefix}locutions[{number}]"
        item = shape.object(item, place)
        node_id = shape.ident(item, "nodeID", f"{place}.nodeID")
        if node_id not in nodes:
            fail(path, f"{place}.nodeID", f"no node has the id {node_id!r}")
        if item.get("personID") is not None:
            speakers.setdefault(node_id, shape.ident(item, "personID", f"{place}.personID"))
    participants: dict[str, str] = {}
    listed = "participants" in graph or "participants" not in top
    people, where = (graph, prefix) if listed else (top, "")
    for number, item in enumerate(shape.list(people, "participants", f"{where}participants", required=False)):
        place = f"{where}participants[{number}]"
        item = shape.object(item, place)
        person = shape.ident(item, "participantID", f"{place}.participantID")
        parts = [shape.text(item, key, f"{place}.{key}", required=False) or "" for key in ("firstname", "surname")]
        participants.setdefault(person, " ".join(part for part in parts if part.strip()).strip() or f"Person {person}")
    return _Graph(nodes, speakers, participants, text)


def _nodes(shape: _Shape, items: list[Any], prefix: str) -> dict[str, _Node]:
    """The nodes by id, each checked (the common case, strings where strings belong, at a glance)."""
    nodes: dict[str, _Node] = {}
    for number, item in enumerate(items):
        place = f"{prefix}nodes[{number}]"
        if type(item) is dict and type(node_id := item.get("nodeID")) is str and (kind := item.get("type")) in (
                NODE_TYPES) and type(node_text := item.get("text")) is str:
            pass
        else:
            item = shape.object(item, place)
            node_id = shape.ident(item, "nodeID", f"{place}.nodeID")
            kind = shape.text(item, "type", f"{place}.type", required=True) or ""
            if kind not in NODE_TYPES:
                fail(shape.path, f"{place}.type", f"unknown node type {kind!r}; AIF's are {', '.join(NODE_TYPES)}")
            node_text = shape.text(item, "text", f"{place}.text", required=kind in ("I", "L")) or ""
        if node_id in nodes:
            fail(shape.path, f"{place}.nodeID", f"the id {node_id!r} is used by an earlier node too")
        scheme = item.get("scheme")
        nodes[node_id] = _Node(node_id, kind, node_text, scheme if isinstance(scheme, str) else None, place)
    return nodes


def _edges(shape: _Shape, items: list[Any], prefix: str, nodes: dict[str, _Node]) -> None:
    """Each edge checked and recorded on its two nodes."""
    for number, item in enumerate(items):
        if not (type(item) is dict and type(source := item.get("fromID")) is str
                and type(target := item.get("toID")) is str):
            place = f"{prefix}edges[{number}]"
            item = shape.object(item, place)
            source, target = (shape.ident(item, key, f"{place}.{key}") for key in ("fromID", "toID"))
        start, end = nodes.get(source), nodes.get(target)
        if start is None or end is None or source == target:
            place = f"{prefix}edges[{number}]"
            if source == target:
                fail(shape.path, place, f"leads from node {source!r} to itself")
            key, missing = ("fromID", source) if start is None else ("toID", target)
            fail(shape.path, f"{place}.{key}", f"no node has the id {missing!r}")
        start.targets.append(target)
        end.sources.append(source)


class _Reader:
    """Turns a checked AIF graph into a map, counting what does not carry over for the warnings."""

    def __init__(self, graph: _Graph, path: Path, author: str | None) -> None:
        self.graph, self.path, self.author = graph, path, author
        self.warnings: list[str] = []
        self.author_ids, self.claim_ids, self.source_ids = Ids("author"), Ids("claim"), Ids("source")
        self.used: set[str] = set()
        """The L- and YA-nodes that say who asserted a claim."""
        self.authors: dict[str, Author] = {}
        """personID (or "" for the default author) -> author."""
        self.sources: dict[tuple[str, bool], Source] = {}
        self.spans = _spans(graph.text) if graph.text else _Spans("", {})
        self.text_file = f"{safe_file_name(path.stem, 'aif')}.txt"

    def read(self) -> Imported:
        graph = self.graph
        for person, name in graph.participants.items():
            self._add_author(person, name)
        claims: dict[str, dict[str, Any]] = {}
        for node in graph.nodes.values():
            if node.type != "I":
                continue
            if not node.text.strip():
                self.warnings.append(f"{node.place}: the I-node {node.id!r} has no text; it is left out, with its "
                                     "relations")
                continue
            claims[node.id] = self._claim(node)
        links = self._links(claims)
        self._tell_dropped(len(claims))
        argument_map = MAP_ADAPTER.validate_python({
            "format_version": FORMAT_VERSION, "title": safe_file_name(self.path.stem, "Imported AIF"),
            "description": f"Imported from the AIF file {self.path.name}.",
            "authors": list(self.authors.values()), "sources": list(self.sources.values()),
            "claims": list(claims.values()), "links": links,
        })
        texts = {self.text_file: self.spans.text} if any(with_file for _, with_file in self.sources) else {}
        return Imported(argument_map, self.warnings, texts)

    def _add_author(self, person: str, name: str) -> Author:
        if person not in self.authors:
            self.authors[person] = Author(id=self.author_ids.make(name), name=name)
        return self.authors[person]

    def _claim(self, node: _Node) -> dict[str, Any]:
        """The claim an I-node makes, as the map's JSON (validated with the whole map, which costs a third of
        building each `Claim`)."""
        said = self._locutions(node)
        claim_author = self._speaker(said[0][0]) if said else self._default_author()
        if said and len({self.graph.speakers.get(locution.id) for locution, _ in said}) > 1:
            self.warnings.append(f"{node.place}: the I-node {node.id!r} is asserted by more than one speaker; it is "
                                 f"{claim_author.name}'s claim")
        claim: dict[str, Any] = {"id": self.claim_ids.keep(node.id), "author": claim_author.id, "text": node.text}
        quote = self._quote(said[0][0], node, claim_author) if said else None
        if quote is not None:
            claim["quote"] = quote
        if said and said[0][1] not in ("Asserting", ""):
            claim["note"] = f"AIF illocution: {said[0][1]}"
        return claim

    def _locutions(self, node: _Node) -> list[tuple[_Node, str]]:
        """The L-nodes asserting an I-node (L -> YA -> I), each with its YA's text; spoken ones first."""
        nodes = self.graph.nodes
        found = [(nodes[locution], nodes[anchor].text)
                 for anchor in node.sources if nodes[anchor].type == "YA"
                 for locution in nodes[anchor].sources if nodes[locution].type == "L"]
        for locution, _ in found:
            self.used.add(locution.id)
        self.used.update(anchor for anchor in node.sources if nodes[anchor].type == "YA")
        found.sort(key=lambda pair: pair[0].id not in self.graph.speakers)
        return found

    def _speaker(self, locution: _Node) -> Author:
        person = self.graph.speakers.get(locution.id)
        if person is None:
            return self._default_author()
        if person not in self.authors:
            self._add_author(person, self._name_from_locutions(person))
        return self.authors[person]

    def _name_from_locutions(self, person: str) -> str:
        """A speaker the file does not list: the name their locutions start with (AIFdb's `CL : ...`), when they
        all start with the same one; else `Person ID`."""
        names = {_speaker_prefix(self.graph.nodes[node].text)
                 for node, speaker in self.graph.speakers.items() if speaker == person}
        name = names.pop() if len(names) == 1 else None
        return name or f"Person {person}"

    def _default_author(self) -> Author:
        if "" not in self.authors:
            self.authors[""] = default_author(self.author, self.author_ids, self.warnings,
                                              "the claims that no locution attributes to a speaker")
        return self.authors[""]

    def _quote(self, locution: _Node, node: _Node, claim_author: Author) -> dict[str, Any] | None:
        span = self.spans.of.get(locution.id)
        if span is not None and self.spans.text[span[0]:span[1]].strip():
            start, end = span
            source = self._source(claim_author, with_file=True)
            return {"source": source.id, "text": self.spans.text[start:end], "start": start, "end": end}
        words = _without_speaker(locution.text, claim_author.name).strip()
        if not words or words == node.text:
            return None
        return {"source": self._source(claim_author, with_file=False).id, "text": words}

    def _source(self, claim_author: Author, with_file: bool) -> Source:
        key = (claim_author.id, with_file)
        if key not in self.sources:
            if with_file:
                title = f"The text analysed in {self.path.name}"
            else:
                title = f"What {claim_author.name} says in {self.path.name}"
            self.sources[key] = Source(
                id=self.source_ids.make(f"{claim_author.id}-{'text' if with_file else 'locutions'}"),
                author=claim_author.id, title=title, file=self.text_file if with_file else None,
            )
        return self.sources[key]

    def _links(self, claims: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
        nodes = self.graph.nodes
        links: dict[tuple[str, str, Relation], dict[str, Any]] = {}
        counts: Counter[str] = Counter()
        for node in nodes.values():
            if node.type not in RELATION_NODES:
                continue
            premises = [source for source in node.sources if nodes[source].type == "I"]
            aims = self._aims(node, counts)
            if not premises or not aims:
                counts["incomplete"] += 1
                continue
            if node.type == "RA" and len(premises) > 1:
                counts["linked"] += 1
            why = _why(node)
            for target, relation in aims:
                for premise in premises:
                    if premise == target:
                        fail(self.path, node.place, f"the {node.type} node {node.id!r} makes the I-node {premise!r} "
                                                    "bear on itself; a claim cannot support or attack itself")
                    if premise not in claims or target not in claims:
                        continue
                    key = (claims[premise]["id"], claims[target]["id"], relation)
                    if key in links:
                        counts["duplicate"] += 1
                        continue
                    links[key] = {"from": key[0], "to": key[1], "relation": relation, "why": why}
        self._tell_links(counts)
        return list(links.values())

    def _aims(self, node: _Node, counts: Counter[str]) -> list[tuple[str, Relation]]:
        """The I-nodes an S-node bears on, and how: its conclusions; through an RA it attacks (an undercutter),
        that RA's conclusions, qualified."""
        nodes = self.graph.nodes
        relation = {"RA": Relation.SUPPORTS, "MA": Relation.SUPPORTS}.get(node.type, Relation.CONTRADICTS)
        if node.type == "CA" and node.scheme == QUALIFYING:
            relation = Relation.QUALIFIES
        if node.type == "MA":
            counts["rephrase"] += 1
        aims: list[tuple[str, Relation]] = []
        for target in node.targets:
            kind = nodes[target].type
            if kind == "I":
                aims.append((target, relation))
            elif node.type == "CA" and kind in ("RA", "MA"):
                counts["undercut"] += 1
                aims += [(end, Relation.QUALIFIES) for end in nodes[target].targets if nodes[end].type == "I"]
            elif kind in RELATION_NODES or kind == "PA":
                counts["aimed at a relation"] += 1
        return aims

    def _tell_links(self, counts: Counter[str]) -> None:
        said = {
            "linked": ("inference (RA) whose premises work together", "inferences (RA) whose premises work together",
                       "each premise supports the conclusion on its own"),
            "undercut": ("conflict (CA) aimed at an inference", "conflicts (CA) aimed at an inference",
                         "each qualifies the inference's conclusion"),
            "rephrase": ("rephrase (MA)", "rephrases (MA)", "each became supports from the rephrased claim to its "
                                                           "rephrase"),
            "aimed at a relation": ("relation aimed at a relation", "relations aimed at a relation",
                                    "left out, but for conflicts aimed at an inference"),
            "incomplete": ("relation without a premise or a conclusion", "relations without a premise or a "
                                                                          "conclusion", "left out"),
            "duplicate": ("relation repeating another between the same claims", "relations repeating another "
                                                                                "between the same claims", "kept once"),
        }
        for key, (one, many, outcome) in said.items():
            if counts[key]:
                self.warnings.append(f"{counted(counts[key], one, many)}: {outcome}")

    def _tell_dropped(self, claims: int) -> None:
        kinds = Counter(node.type for node in self.graph.nodes.values())
        unused = Counter(self.graph.nodes[node].type for node in self.graph.nodes
                         if self.graph.nodes[node].type in ("L", "YA") and node not in self.used)
        dialogue = [counted(kinds["TA"], "transition (TA)", "transitions (TA)")] if kinds["TA"] else []
        if unused["L"]:
            dialogue.append(counted(unused["L"], "locution (L)", "locutions (L)") + " asserting no I-node")
        if unused["YA"]:
            dialogue.append(counted(unused["YA"], "illocution (YA)", "illocutions (YA)")
                            + " not between a locution and an I-node")
        if dialogue:
            self.warnings.append(f"not carried over from the dialogue: {', '.join(dialogue)}; each claim keeps who "
                                 "asserted it and in what words")
        if kinds["PA"]:
            self.warnings.append(f"{counted(kinds['PA'], 'preference')} (PA) not carried over: argmap has none")
        direct = sum(1 for node in self.graph.nodes.values() if node.type == "I"
                     for target in node.targets if self.graph.nodes[target].type == "I")
        if direct:
            self.warnings.append(f"{counted(direct, 'edge')} joining two I-nodes with no relation node between them "
                                 "left out")
        if not claims:
            self.warnings.append("the file holds no claims (no I-node with text)")
        if self.author is not None and "" not in self.authors:
            self.warnings.append("--author is not used: the file says who made every claim")


def _why(node: _Node) -> str:
    """A relation node's scheme, as the link's rationale: its text, else its `scheme`, unless either is a default."""
    for name in (node.text, node.scheme or ""):
        name = name.strip()
        if name not in DEFAULT_SCHEMES and name != QUALIFYING:
            return name
    return ""


def _speaker_prefix(text: str) -> str | None:
    found = _SPEAKER.match(text)
    return found["name"].strip() if found else None


def _without_speaker(text: str, name: str) -> str:
    """A locution's words, without the `NAME :` that AIFdb and OVA put before them."""
    said = text.lstrip()
    if name and said.startswith(name):
        rest = said[len(name):].lstrip(" ")
        if rest.startswith(":"):
            return rest[1:]
    return text


@dataclass(frozen=True, slots=True)
class _Spans:
    text: str
    of: dict[str, tuple[int, int]]
    """L-node id -> its span in `text`."""


class _TextReader(HTMLParser):
    """xAIF's HTML text as plain text (a line break for `<br>` and at the end of each block), and where each
    `<span id="nodeID">` starts and ends in it."""

    BLOCKS = frozenset({"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.length = 0
        self.open: list[tuple[str | None, int]] = []
        self.spans: dict[str, tuple[int, int]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._add("\n")
        elif tag == "span":
            node = dict(attrs).get("id") or ""
            self.open.append((node.removeprefix("node") if node.startswith("node") else None, self.length))

    def handle_endtag(self, tag: str) -> None:
        if tag == "span" and self.open:
            node, start = self.open.pop()
            if node is not None:
                self.spans.setdefault(node, (start, self.length))
        elif tag in self.BLOCKS and self.parts and not self.parts[-1].endswith("\n"):
            self._add("\n")

    def handle_data(self, data: str) -> None:
        self._add(data)

    def _add(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)


def _spans(html: str) -> _Spans:
    reader = _TextReader()
    reader.feed(html)
    reader.close()
    return _Spans("".join(reader.parts), reader.spans)


# Writing ---------------------------------------------------------------------------------------------------------

def to_aif(index: MapIndex, claims: Sequence[Claim], links: Sequence[Link]) -> str:
    """The claims and links as AIFdb JSON: `nodes`, `edges`, `locutions` and `participants` (written by pydantic's
    JSON writer: the standard library's, indented, took 2.1 s at 10,000 claims)."""
    node_ids = _numbers(taken={claim.id for claim in claims})
    edge_ids = _numbers(taken=set())
    nodes: list[dict[str, str]] = []
    edges: list[dict[str, str]] = []
    locutions: list[dict[str, str]] = []
    people: dict[str, str] = {}

    def edge(source: str, target: str) -> None:
        edges.append({"edgeID": next(edge_ids), "fromID": source, "toID": target})

    for claim in claims:
        person = people.setdefault(claim.author, str(len(people) + 1))
        name = index.author_name(claim.author)
        said = claim.quote.text if claim.quote is not None else claim.text
        locution, anchor = next(node_ids), next(node_ids)
        nodes += [
            {"nodeID": claim.id, "text": without_unsafe(claim.text), "type": "I"},
            {"nodeID": locution, "text": without_unsafe(f"{name}: {said}"), "type": "L"},
            {"nodeID": anchor, "text": "Asserting", "type": "YA"},
        ]
        edge(locution, anchor)
        edge(anchor, claim.id)
        locutions.append({"nodeID": locution, "personID": person})
    for link in links:
        relation = next(node_ids)
        node = {"nodeID": relation, "text": without_unsafe(link.why) or _WRITTEN_TEXT[link.relation],
                "type": "RA" if link.relation is Relation.SUPPORTS else "CA"}
        if link.relation is Relation.QUALIFIES:
            node["scheme"] = QUALIFYING
        nodes.append(node)
        edge(link.source_id, relation)
        edge(relation, link.target_id)
    participants = [_participant(person, index.author_name(author)) for author, person in people.items()]
    document = {"nodes": nodes, "edges": edges, "locutions": locutions, "participants": participants}
    return to_json(document, indent=2).decode("utf-8") + "\n"


def _numbers(taken: set[str]) -> Iterator[str]:
    """"1", "2", … skipping the ids in `taken` (claim ids are node ids too)."""
    number = 0
    while True:
        number += 1
        if str(number) not in taken:
            yield str(number)


def _participant(person: str, name: str) -> dict[str, str]:
    first, _, rest = without_unsafe(name).partition(" ")
    return {"participantID": person, "firstname": first, "surname": rest}
