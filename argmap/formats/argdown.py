"""Argdown (the text syntax of argdown.org), out and in, so that an argmap map round-trips through it unchanged.

Out: every claim is a statement `[title]: text` in loose mode, under a heading per author; its outgoing links are
`+>` supports, `->` contradicts, `_>` qualifies (Argdown records a statement-to-statement `_>` as `undercut`),
under the statement, or under a reference `[title]` after it when the statement has a data block (Argdown would
otherwise add a space to the statement's text).
Text is written so that Argdown reads back exactly the words shown: a backslash before every ASCII punctuation
character (`//` would start a comment, `*x*` and `_x_` emphasis, `[x]`, `<x>`, `{`, `#` syntax), control
characters and bidirectional overrides dropped, line breaks as spaces. Everything Argdown cannot show (the id when
it is no plain title, the exact text when showing changed it, quote, span, kind, topics, note, each link's reason and
place, the authors and sources, the map's title and description) goes in the statements' and headings' data
blocks `{"argmap": {...}}`: JSON, which is YAML too, with `{` and `}` inside strings written as `\\u007b`/`\\u007d`
(a bare `}` would end the block).

In: the JSON Argdown's own parser writes (`argdown json FILE --stdout --silent`), or an `.argdown` file, which is
handed to that parser when the `argdown` command is installed. Statements and arguments become claims; each Argdown
relation type becomes one of ours (`ARGDOWN_RELATIONS`); what carries argmap's data is read back exactly, and what
cannot be carried over is said in a warning.
"""

from __future__ import annotations

import json
import re
import shutil
import string
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import jiter
from pydantic import ConfigDict, Field, TypeAdapter, ValidationError
from pydantic.dataclasses import dataclass as pydantic_dataclass

from argmap.collector import collector_paused
from argmap.index import MapIndex
from argmap.inert import without_unsafe
from argmap.interchange import Imported
from argmap.model import (
    FORMAT_VERSION,
    ArgumentMap,
    Author,
    Claim,
    ClaimKind,
    Id,
    Link,
    NonEmpty,
    Quote,
    Relation,
    Source,
    broken_rule,
    check_integrity,
)
from argmap.store import MapError, Problem, json_problem, refuse_other_encodings
from argmap.words import counted, slug

ARROWS: dict[Relation, str] = {Relation.SUPPORTS: "+>", Relation.CONTRADICTS: "->", Relation.QUALIFIES: "_>"}
"""How each relation is written under the claim it goes out from (loose mode keeps the direction)."""

ARGDOWN_RELATIONS: dict[str, tuple[Relation, bool]] = {
    "support": (Relation.SUPPORTS, False),
    "entails": (Relation.SUPPORTS, False),
    "attack": (Relation.CONTRADICTS, False),
    "contrary": (Relation.CONTRADICTS, True),
    "contradictory": (Relation.CONTRADICTS, True),
    "undercut": (Relation.QUALIFIES, False),
}
"""Argdown's relation type -> ours, and whether Argdown means it both ways (then it becomes a link each way)."""

PARSER_TIMEOUT = 600.0
"""Seconds Argdown's parser may take over one file (a 10,000-claim map takes a few)."""

INSTALL_HINT = (
    "reading an .argdown file needs Argdown's own parser, the `argdown` command, which is not installed; install "
    "Node.js, then `npm install -g @argdown/cli`, or give argmap the JSON that `argdown json FILE --stdout --silent` "
    "writes"
)

_ESCAPES = str.maketrans({character: "\\" + character for character in string.punctuation})
_PLAIN_TITLE = re.compile(r"[^\W_][\w.:-]*")
_LINE_BREAKS = re.compile("[\n\u2028\u2029]")
_DATA_UNSAFE = re.compile("[{}\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff\ud800-\udfff]")
"""Characters written as `\\uXXXX` inside data strings: braces (a bare `}` ends Argdown's data block), and what YAML
cannot hold raw or a reader would not see."""
_LOOSE = "===\nmodel:\n  mode: loose\n===\n\n"
"""Front matter that keeps Argdown in loose mode whatever the reader's configuration says."""
_JSON_STRING = re.compile(r'"[^"\\{}]*(?:\\.[^"\\{}]*)*(?:[{}][^"\\]*(?:\\.[^"\\]*)*)?"')
"""A string in JSON text (matched whole, so a quote inside one never starts another)."""
_BLANK = "(blank)"
"""Shown for a text with nothing visible in it (only control characters); the data holds the text itself."""


# Writing ------------------------------------------------------------------------------------------------------------


def escape(text: str) -> str:
    """Text that Argdown reads back as exactly `text`: a backslash before every ASCII punctuation character."""
    return text.translate(_ESCAPES)


def shown(text: str) -> str:
    """What a statement or heading shows of a text: no control characters or direction overrides, line breaks as
    spaces, no spaces at either end (Argdown trims them); `_BLANK` when nothing is left."""
    return _LINE_BREAKS.sub(" ", without_unsafe(text)).strip() or _BLANK


def data_block(value: dict[str, Any]) -> str:
    """`{"argmap": value}` as an Argdown data block: JSON on one line, braces inside strings escaped."""
    dumped = json.dumps({"argmap": value}, ensure_ascii=False, separators=(", ", ": "))
    return _JSON_STRING.sub(_escaped_string, dumped)


def _escaped_string(match: re.Match[str]) -> str:
    string = match.group()
    return _DATA_UNSAFE.sub(_code, string) if _DATA_UNSAFE.search(string) else string


def _code(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def titles_for(claims: Sequence[Claim]) -> dict[str, str]:
    """Each claim's Argdown title: its id when that is a plain word (letters, digits, `.`, `:`, `-`, `_`), else
    `claim N`, which no id can be (ids have no spaces)."""
    return {
        claim.id: claim.id if _PLAIN_TITLE.fullmatch(claim.id) else f"claim {number}"
        for number, claim in enumerate(claims, start=1)
    }


def write(index: MapIndex, claims: Sequence[Claim], links: Sequence[Link], description: str = "") -> str:
    """The claims and the links between them as an Argdown document that reads back as the same map.

    Exporting the whole map keeps every author and source; a selection keeps those its claims name, and its
    title says what was selected (`description`)."""
    whole = len(claims) == len(index.map.claims) and len(links) == len(index.map.links)
    titles = titles_for(claims)
    kept = [link for link in links if link.source_id in titles and link.target_id in titles]
    title = f"{index.map.title} — {description}" if description else index.map.title
    heading = f"# {escape(shown(title))} {data_block(_map_data(index, claims, whole, title))}\n\n"
    out = [_LOOSE, heading]
    outgoing: dict[str, list[tuple[int, Link]]] = {}
    for position, link in enumerate(kept):
        outgoing.setdefault(link.source_id, []).append((position, link))
    in_file_order = [position for claim in claims for position, _ in outgoing.get(claim.id, ())]
    keep_positions = in_file_order != list(range(len(kept)))
    author = None
    for claim in claims:
        if claim.author != author:
            author = claim.author
            heading = escape(shown(index.author_name(author)))
            out.append(f"## {heading} {data_block({'author': author})}\n\n")
        out.append(_statement(claim, titles, outgoing.get(claim.id, []), keep_positions))
    return "".join(out)


def _map_data(index: MapIndex, claims: Sequence[Claim], whole: bool, title: str) -> dict[str, Any]:
    argument_map = index.map
    authors, sources = argument_map.authors, argument_map.sources
    if not whole:
        named = {claim.author for claim in claims}
        quoted = {claim.quote.source for claim in claims if claim.quote is not None}
        authors = [author for author in authors if author.id in named]
        sources = [source for source in sources if source.id in quoted]
    data: dict[str, Any] = {"format_version": FORMAT_VERSION}
    if shown(title) != title:
        data["title"] = title
    if argument_map.description:
        data["description"] = argument_map.description
    data["authors"] = [_fields(author) for author in authors]
    data["sources"] = [_fields(source) for source in sources]
    return data


def _fields(item: Author | Source | Quote) -> dict[str, Any]:
    return {name: value for name, value in _ITEM_ADAPTERS[type(item)].dump_python(item).items() if value is not None}


def _statement(claim: Claim, titles: dict[str, str], outgoing: list[tuple[int, Link]], keep_positions: bool) -> str:
    data: dict[str, Any] = {}
    if titles[claim.id] != claim.id:
        data["id"] = claim.id
    text = shown(claim.text)
    if text != claim.text:
        data["text"] = claim.text
    if claim.kind != "claim":
        data["kind"] = claim.kind
    if claim.topics:
        data["topics"] = claim.topics
    if claim.quote is not None:
        data["quote"] = _fields(claim.quote)
    if claim.note is not None:
        data["note"] = claim.note
    described = [_link_data(link, position, keep_positions) for position, link in outgoing]
    if any(described):
        data["links"] = [{"to": link.target_id, "relation": link.relation.value, **extra}
                         for (_, link), extra in zip(outgoing, described, strict=True)]
    lines = [f"[{titles[claim.id]}]: {escape(text)}\n"]
    if data:
        lines.append(f"  {data_block(data)}\n")
        if outgoing:  # under a data block, relations would add a space to the text: they go under a reference
            lines.append(f"\n[{titles[claim.id]}]\n")
    lines.extend(f"  {ARROWS[link.relation]} [{titles[link.target_id]}]\n" for _, link in outgoing)
    lines.append("\n")
    return "".join(lines)


def _link_data(link: Link, position: int, keep_position: bool) -> dict[str, Any]:
    extra: dict[str, Any] = {}
    if link.why:
        extra["why"] = link.why
    if keep_position:
        extra["at"] = position
    return extra


# Reading ------------------------------------------------------------------------------------------------------------


@pydantic_dataclass(config=ConfigDict(extra="forbid"))
class _LinkData:
    to: Id
    relation: Relation
    why: str = ""
    at: Annotated[int, Field(ge=0, strict=True)] | None = None


@pydantic_dataclass(config=ConfigDict(extra="forbid"))
class _ClaimData:
    id: Id | None = None
    text: NonEmpty | None = None
    kind: ClaimKind = "claim"
    topics: list[NonEmpty] = field(default_factory=list)
    quote: Quote | None = None
    note: str | None = None
    links: list[_LinkData] = field(default_factory=list)


@pydantic_dataclass(config=ConfigDict(extra="forbid"))
class _MapData:
    format_version: Annotated[int, Field(strict=True)]
    title: NonEmpty | None = None
    description: str = ""
    authors: list[Author] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)


@pydantic_dataclass(config=ConfigDict(extra="forbid"))
class _SectionData:
    author: Id


_ITEM_ADAPTERS: dict[type, TypeAdapter[Any]] = {kind: TypeAdapter(kind) for kind in (Author, Source, Quote)}
_CLAIM_DATA = TypeAdapter(_ClaimData)
_MAP_DATA = TypeAdapter(_MapData)
_SECTION_DATA = TypeAdapter(_SectionData)
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_PARSER_ERROR = re.compile(r"^At (\d+):(\d+)\n(.+?)(?=\n\s*\n|\Z)", re.MULTILINE | re.DOTALL)
_TOKEN_LIST = re.compile(r"(?<=Token sequences:):? <\[.*\]> (?=but found)")
"""The parser's list of every token it would have taken, a line of 700 characters: left out of its message."""
_YAML_ERROR = re.compile(r"YAMLException: (?P<reason>.+?) \(\d+:\d+\)\n\n(?P<snippet>(?: *\d+ \|.*\n)+)")


def looks_like(data: bytes) -> bool:
    """Whether the bytes are the JSON Argdown's parser writes: an object with `statements` and `relations`."""
    if data.lstrip()[:1] != b"{" or b'"statements"' not in data:
        return False
    try:
        document = jiter.from_json(data, cache_mode="keys")
    except ValueError:
        return False
    return isinstance(document, dict) and isinstance(document.get("statements"), dict) and "relations" in document


def read(data: bytes, path: Path, author: str | None) -> Imported:
    """A map from Argdown: the parser's JSON as is, an `.argdown` text through the parser (`MapError` when the parser
    is missing or finds the text wrong, in its own words, at its line)."""
    with collector_paused():
        return _read(data, path, author)


def _read(data: bytes, path: Path, author: str | None) -> Imported:
    file_name = str(path)
    refuse_other_encodings(data, file_name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise MapError([Problem(file_name, f"byte {error.start}", "not UTF-8 text")]) from None
    if not text.strip():
        raise MapError([Problem(file_name, "", "is empty; there is nothing to import")])
    if path.suffix.lower() == ".json" or text.lstrip().startswith("{"):
        try:
            document = jiter.from_json(data.removeprefix(b"\xef\xbb\xbf"), cache_mode="keys", allow_inf_nan=False)
        except ValueError as error:
            raise MapError([json_problem(file_name, str(error))]) from None
        from_text = False
    else:
        document = parse(text, file_name)
        from_text = True
    return _Reader(file_name, author, from_text).read(document)


def parse(text: str, file_name: str) -> Any:
    """The JSON Argdown's parser makes of `text`, run in an empty folder of its own (so no configuration file of
    the user's folder is read) on a copy of the text (so no file name is taken for a pattern)."""
    argdown = shutil.which("argdown")
    if argdown is None:
        raise MapError([Problem(file_name, "", INSTALL_HINT)])
    with tempfile.TemporaryDirectory(prefix="argmap-argdown-") as folder:
        (Path(folder) / "map.argdown").write_text(text, encoding="utf-8")
        result = _run_parser(argdown, Path(folder), file_name, silent=True)
        if result.returncode == 0:
            try:
                return jiter.from_json(result.stdout, cache_mode="keys")
            except ValueError:
                raise MapError([Problem(file_name, "", "Argdown's parser wrote something that is not JSON")]) from None
        told = _run_parser(argdown, Path(folder), file_name, silent=False)  # the parser's own words
    said = _ANSI.sub("", (told.stderr + told.stdout).decode("utf-8", "replace"))
    raise MapError(_parser_problems(file_name, text, said))


def _run_parser(argdown: str, folder: Path, file_name: str, silent: bool) -> subprocess.CompletedProcess[bytes]:
    command = [argdown, "json", "map.argdown", "--stdout", *(["--silent"] if silent else [])]
    try:
        return subprocess.run(command, cwd=folder, capture_output=True, timeout=PARSER_TIMEOUT,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        message = f"Argdown's parser did not finish in {PARSER_TIMEOUT:.0f} s"
    except OSError as error:
        message = f"Argdown's parser could not be run: {error.strerror}"
    raise MapError([Problem(file_name, "", message)])


def _parser_problems(file_name: str, text: str, said: str) -> list[Problem]:
    """The parser's complaints, each at its line and column, in one line of its own words."""
    problems = [
        Problem(file_name, f"line {found[1]}, column {found[2]}",
                f"Argdown cannot read this: {_TOKEN_LIST.sub(' … ', ' '.join(found[3].split()))}")
        for found in _PARSER_ERROR.finditer(said)
    ]
    if problems:
        return problems
    yaml = _YAML_ERROR.search(said)
    if yaml:
        first = re.sub(r"^ *\d+ \| ?", "", yaml["snippet"].splitlines()[0]).strip()
        lines = [number for number, line in enumerate(text.splitlines(), start=1) if first and first in line]
        place = f"line {lines[0]}" if len(lines) == 1 else ""
        return [Problem(file_name, place, f"a data block is not valid YAML: {yaml['reason']}")]
    last = next((line.strip() for line in reversed(said.splitlines()) if line.strip()), "no reason given")
    return [Problem(file_name, "", f"Argdown's parser failed: {last}")]


@dataclass(slots=True)
class _Node:
    """A statement or argument on its way to becoming a claim."""

    kind: str  # "statement" or "argument"
    title: str
    label: str  # [title] or <title>
    place: str
    line: float
    text: str
    data: _ClaimData
    topics: list[str]
    author: str | None
    claim_id: str = ""


class _Reader:
    """One Argdown JSON document made into a map; problems name the file and the statement or relation."""

    def __init__(self, file_name: str, author: str | None, from_text: bool) -> None:
        self.file_name = file_name
        self.default_author = author
        self.from_text = from_text
        self.warnings: list[str] = []
        self.foreign_data: list[str] = []
        self.formatted: list[str] = []

    def fail(self, place: str, message: str) -> MapError:
        return MapError([Problem(self.file_name, place, message)])

    def read(self, document: Any) -> Imported:
        if not isinstance(document, dict):
            raise self.fail("", f"not Argdown's JSON: the file holds a JSON {_kind(document)}, not an object")
        statements = self.mapping(document, "statements")
        arguments = self.mapping(document, "arguments")
        relations = document.get("relations", [])
        if not isinstance(relations, list):
            raise self.fail("relations", f"must be a list, not a JSON {_kind(relations)}")
        if not statements and not arguments:
            raise self.fail("", "holds no statements or arguments; there is nothing to import")
        sections = self.sections(document.get("sections", []))
        map_data = self.map_data(sections)
        nodes = [self.node("statement", title, value, sections) for title, value in statements.items()]
        nodes += [self.node("argument", title, value, sections) for title, value in arguments.items()]
        nodes.sort(key=lambda node: node.line)
        authors = self.authors(map_data, nodes)
        claims = self.claims(nodes)
        links = self.links(nodes, relations, arguments)
        title = map_data.title if map_data and map_data.title else self.heading_title(sections)
        argument_map = ArgumentMap(
            format_version=FORMAT_VERSION, title=title, description=map_data.description if map_data else "",
            authors=authors, sources=map_data.sources if map_data else [], claims=claims,
            links=[link for link, _ in links],
        )
        self.check(argument_map, nodes, [place for _, place in links])
        if self.foreign_data:
            self.warnings.append(
                f"argmap leaves out the data that is not its own in {counted(len(self.foreign_data), 'place')} "
                f"(the first: {self.foreign_data[0]})"
            )
        if self.formatted:
            self.warnings.append(
                f"argmap keeps the words of {counted(len(self.formatted), 'statement')} but not their bold, italic "
                f"or link addresses (the first: {self.formatted[0]})"
            )
        return Imported(argument_map, self.warnings)

    # The document's parts -----------------------------------------------------------------------------------------

    def mapping(self, document: dict[str, Any], key: str) -> dict[str, Any]:
        value = document.get(key, {})
        if not isinstance(value, dict):
            raise self.fail(key, f"must be an object of {key} by title, not a JSON {_kind(value)}")
        return value

    def sections(self, sections: Any) -> dict[str, dict[str, Any]]:
        """Every section by its id, children too, each with `parent` set."""
        found: dict[str, dict[str, Any]] = {}

        def walk(items: Any, place: str, parent: str | None) -> None:
            if not isinstance(items, list):
                raise self.fail(place, f"must be a list of sections, not a JSON {_kind(items)}")
            for number, section in enumerate(items):
                where = f"{place}[{number}]"
                if not isinstance(section, dict) or not isinstance(section.get("id"), str):
                    raise self.fail(where, "must be a section with an id")
                found[section["id"]] = {**section, "parent": parent}
                walk(section.get("children", []), f"{where}.children", section["id"])

        walk(sections, "sections", None)
        return found

    def argmap_data(self, value: Any, place: str) -> Any:
        """The `argmap` entry of a data block; None when there is none (other data is noted, not carried)."""
        data = value.get("data") if isinstance(value, dict) else None
        if data is None:
            return None
        if not isinstance(data, dict):
            raise self.fail(place, f"its data must be an object, not a JSON {_kind(data)}")
        if set(data) - {"argmap"}:
            self.foreign_data.append(place)
        return data.get("argmap")

    def validated(self, adapter: TypeAdapter[Any], value: Any, place: str) -> Any:
        if not isinstance(value, dict):
            raise self.fail(place, f"its argmap data must be an object, not a JSON {_kind(value)}")
        try:
            return adapter.validate_python(value)
        except ValidationError as error:
            first = error.errors(include_url=False)[0]
            where = ".".join(str(part) for part in first["loc"])
            raise self.fail(place, f"argmap data: {where} {broken_rule(first)}".replace("data:  ", "data: ")) from None

    def map_data(self, sections: dict[str, dict[str, Any]]) -> _MapData | None:
        for section in sections.values():
            data = self.argmap_data(section, self.section_place(section))
            if isinstance(data, dict) and "format_version" in data:
                version = data["format_version"]
                if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
                    raise self.fail(self.section_place(section),
                                    f"made by a newer argmap (map format {version}); this argmap reads format "
                                    f"{FORMAT_VERSION}")
                result: _MapData = self.validated(_MAP_DATA, data, self.section_place(section))
                return result
        return None

    def section_place(self, section: dict[str, Any]) -> str:
        return self.place_at(section.get("startLine"), f"heading “{section.get('title', '')}”")

    def place_at(self, line: Any, what: str) -> str:
        return f"line {line}, {what}" if isinstance(line, int) and self.from_text else what

    def heading_title(self, sections: dict[str, dict[str, Any]]) -> str:
        """A map title for a file argmap did not write: its only top heading, else the file's name."""
        top = [section for section in sections.values() if section["parent"] is None]
        if len(top) == 1 and isinstance(top[0].get("title"), str) and top[0]["title"].strip():
            return str(top[0]["title"]).strip()
        return Path(self.file_name).stem or "Imported map"

    def node(self, kind: str, title: str, value: Any, sections: dict[str, dict[str, Any]]) -> _Node:
        mark = "[]" if kind == "statement" else "<>"
        if not isinstance(value, dict):
            raise self.fail(f"{kind} {mark[0]}{title}{mark[1]}", f"must be an object, not a JSON {_kind(value)}")
        members = value.get("members", [])
        if not isinstance(members, list) or not all(isinstance(member, dict) for member in members):
            raise self.fail(f"{kind} {mark[0]}{title}{mark[1]}", "its members must be a list of objects")
        defining = [member for member in members if isinstance(member.get("text"), str) and member["text"].strip()
                    and not member.get("isReference")]
        lines = [member.get("startLine") for member in (defining or members)]
        line = next((number for number in lines if isinstance(number, int)), None)
        place = self.place_at(line, f"{kind} {mark[0]}{title}{mark[1]}")
        raw = self.argmap_data(value, place)
        data: _ClaimData = _ClaimData() if raw is None else self.validated(_CLAIM_DATA, raw, place)
        texts = list(dict.fromkeys(_without_tags(member) for member in defining))
        if any(_formatted(member) for member in defining):
            self.formatted.append(place)
        if len(texts) > 1:
            self.warnings.append(f"{place} has {len(texts)} different texts; the first is kept")
        text = self.text_of(texts[0] if texts else "", data, title, place, kind == "statement")
        topics = list(data.topics)
        tags = value.get("tags", [])
        for tag in tags if isinstance(tags, list) else []:
            if isinstance(tag, str) and tag.strip() and tag not in topics:
                topics.append(tag)
        author, section_topic = self.section_of(value.get("section"), sections)
        if section_topic and section_topic not in topics:
            topics.append(section_topic)
        label = f"{mark[0]}{title}{mark[1]}"
        return _Node(kind, title, label, place, line if line is not None else float("inf"), text, data, topics, author)

    def text_of(self, parsed: str, data: _ClaimData, title: str, place: str, place_is_statement: bool) -> str:
        """The claim's text: the data's exact text while the statement still shows it, else what the statement
        says; the title when it says nothing (an argument's title is its name, so only a statement's is told)."""
        parsed = parsed.strip()
        if data.text is not None:
            if shown(data.text) == (parsed or _BLANK):
                return data.text
            self.warnings.append(f"{place}: its text was changed after argmap wrote it; the new text is kept, the "
                                 "line breaks or control characters the old one held are not")
        if parsed:
            return parsed
        if place_is_statement:
            self.warnings.append(f"{place} has no text; its title is used as its text")
        return title

    def section_of(self, section_id: Any, sections: dict[str, dict[str, Any]]) -> tuple[str | None, str | None]:
        """The author named by the nearest enclosing heading argmap wrote, and the title of the nearest heading
        argmap did not write (a topic)."""
        author, topic = None, None
        while isinstance(section_id, str) and section_id in sections:
            section = sections[section_id]
            data = section.get("data", {}).get("argmap") if isinstance(section.get("data"), dict) else None
            if author is None and isinstance(data, dict) and "author" in data:
                parsed: _SectionData = self.validated(_SECTION_DATA, data, self.section_place(section))
                author = parsed.author
            elif topic is None and data is None and isinstance(section.get("title"), str) and section["title"].strip():
                topic = section["title"].strip()
            section_id = section["parent"]
        return author, topic

    # The map's parts ----------------------------------------------------------------------------------------------

    def authors(self, map_data: _MapData | None, nodes: list[_Node]) -> list[Author]:
        authors = list(map_data.authors) if map_data else []
        known = {author.id for author in authors}
        for node in nodes:
            if node.author is not None and node.author not in known:
                raise self.fail(node.place, f"its heading names the author {node.author!r}, whom the map's data does "
                                            "not list")
        orphans = [node for node in nodes if node.author is None]
        if orphans:
            name = (self.default_author or "").strip() or "Unknown"
            author_id = _unique(slug(name, limit=6) or "author", known)
            authors.append(Author(id=author_id, name=name))
            if not self.default_author:
                self.warnings.append(f"the file names no author for {counted(len(orphans), 'claim')}; they are "
                                     f"credited to {name!r} (give a name with --author)")
            for node in orphans:
                node.author = author_id
        return authors

    def claims(self, nodes: list[_Node]) -> list[Claim]:
        taken: set[str] = set()
        claims = []
        for node in nodes:
            wanted = node.data.id or _as_id(node.title)
            node.claim_id = _unique(wanted, taken)
            if node.data.id and node.claim_id != wanted:
                raise self.fail(node.place, f"the id {wanted!r} in its data is used by another claim")
            taken.add(node.claim_id)
            assert node.author is not None
            claims.append(Claim(id=node.claim_id, author=node.author, text=node.text, quote=node.data.quote,
                                topics=node.topics, kind=node.data.kind, note=node.data.note))
        return claims

    def links(self, nodes: list[_Node], relations: list[Any],
              arguments: dict[str, Any]) -> list[tuple[Link, str]]:
        """Every relation as a link (two for a relation Argdown means both ways), and each argument's premises
        supporting it and it supporting its conclusion; in the order the data recorded, else the file's."""
        by_title = {(node.kind, node.title): node for node in nodes}
        made: dict[tuple[str, str, Relation], tuple[int, str]] = {}
        for number, relation in enumerate(relations):
            for source, target, kind, place in self.relation_ends(number, relation, by_title):
                self.add(made, source, target, kind, place)
        for node in nodes:
            if node.kind == "argument":
                for source, target, place in self.inferences(node, arguments[node.title], by_title):
                    self.add(made, source, target, Relation.SUPPORTS, place)
        return self.described(made, nodes)

    def relation_ends(self, number: int, relation: Any,
                      by_title: dict[tuple[str, str], _Node]) -> Iterator[tuple[_Node, _Node, Relation, str]]:
        place = f"relation {number + 1}"
        if not isinstance(relation, dict):
            raise self.fail(place, f"must be an object, not a JSON {_kind(relation)}")
        kind = relation.get("relationType")
        ends = [self.end(relation.get(side), relation.get(f"{side}Type"), by_title, place, side)
                for side in ("from", "to")]
        place = f"relation {ends[0].label} {kind} {ends[1].label}"
        if kind not in ARGDOWN_RELATIONS:
            known = ", ".join(ARGDOWN_RELATIONS)
            raise self.fail(place, f"has the relation type {kind!r}, which argmap does not know (it knows {known})")
        ours, both_ways = ARGDOWN_RELATIONS[str(kind)]
        if ends[0] is ends[1]:
            raise self.fail(place, "goes from a claim to itself; argmap links two different claims")
        yield ends[0], ends[1], ours, place
        if both_ways:
            yield ends[1], ends[0], ours, place

    def end(self, title: Any, kind: Any, by_title: dict[tuple[str, str], _Node], place: str, side: str) -> _Node:
        node_kind = {"equivalence-class": "statement", "statement": "statement", "argument": "argument",
                     "inference": "argument"}.get(kind if isinstance(kind, str) else "")
        if node_kind is None:
            raise self.fail(place, f"its {side}Type is {kind!r}; argmap reads statements, arguments and inferences")
        if not isinstance(title, str) or (node_kind, title) not in by_title:
            mark = "[]" if node_kind == "statement" else "<>"
            shown_title = title if isinstance(title, str) else json.dumps(title)
            raise self.fail(place, f"it goes {side} {mark[0]}{shown_title}{mark[1]}, which the file does not hold")
        return by_title[(node_kind, title)]

    def inferences(self, node: _Node, argument: dict[str, Any],
                   by_title: dict[tuple[str, str], _Node]) -> Iterator[tuple[_Node, _Node, str]]:
        """An argument's premise-conclusion structure: each premise supports the argument, which supports its main
        conclusion."""
        pcs = argument.get("pcs", [])
        if not isinstance(pcs, list):
            raise self.fail(node.place, f"its pcs must be a list, not a JSON {_kind(pcs)}")
        for step in pcs:
            if not isinstance(step, dict) or not isinstance(step.get("title"), str):
                continue
            other = by_title.get(("statement", step["title"]))
            if other is None:
                raise self.fail(node.place, f"its premise-conclusion structure names [{step['title']}], which the "
                                            "file does not hold")
            if step.get("role") == "main-conclusion":
                yield node, other, f"{node.place}, its conclusion"
            else:
                yield other, node, f"{node.place}, its premise [{step['title']}]"

    def add(self, made: dict[tuple[str, str, Relation], tuple[int, str]], source: _Node, target: _Node,
            relation: Relation, place: str) -> None:
        key = (source.claim_id, target.claim_id, relation)
        if key in made:
            self.warnings.append(f"{place}: {source.claim_id!r} {relation} {target.claim_id!r} is already on the "
                                 "map, so it is made once")
            return
        made[key] = (len(made), place)

    def described(self, made: dict[tuple[str, str, Relation], tuple[int, str]],
                  nodes: list[_Node]) -> list[tuple[Link, str]]:
        """The links with the reasons and places the claims' data records for them."""
        recorded: dict[tuple[str, str, Relation], _LinkData] = {}
        for node in nodes:
            for entry in node.data.links:
                key = (node.claim_id, entry.to, entry.relation)
                if key in made:
                    recorded[key] = entry
                else:
                    self.warnings.append(f"{node.place}: its data records that it {entry.relation} {entry.to!r}, "
                                         "which the Argdown text does not draw; that link is left out")

        def position(key: tuple[str, str, Relation]) -> tuple[int, int, int]:
            entry = recorded.get(key)
            if entry is not None and entry.at is not None:
                return (0, entry.at, made[key][0])
            return (1, 0, made[key][0])

        order = sorted(made, key=position)
        return [
            (Link(source_id=key[0], target_id=key[1], relation=key[2],
                  why=recorded[key].why if key in recorded else ""), made[key][1])
            for key in order
        ]

    def check(self, argument_map: ArgumentMap, nodes: list[_Node], link_places: list[str]) -> None:
        """The map's own rules, each broken one told at the statement or relation it comes from."""
        broken = [finding for finding in check_integrity(argument_map) if finding.severity == "error"]
        if not broken:
            return
        problems = []
        for finding in broken[:20]:
            found = re.match(r"(claims|links)\[(\d+)\]\.?(.*)", finding.place)
            if found:
                origin = nodes[int(found[2])].place if found[1] == "claims" else link_places[int(found[2])]
                detail = f"{found[3]}: " if found[3] else ""
                problems.append(Problem(self.file_name, origin, f"{detail}{finding.message}"))
            else:
                problems.append(Problem(self.file_name, "", finding.message))
        raise MapError(problems, total=len(broken))


def _kind(value: object) -> str:
    return {dict: "object", list: "list", str: "string", bool: "true or false", type(None): "null"}.get(
        type(value), "number")


def _without_tags(member: dict[str, Any]) -> str:
    """A member's text without its `#tags` (they become topics)."""
    text: str = member["text"]
    ranges = member.get("ranges", [])
    tags = sorted(
        (item["start"], item["stop"]) for item in (ranges if isinstance(ranges, list) else [])
        if isinstance(item, dict) and item.get("type") == "tag" and isinstance(item.get("start"), int)
        and isinstance(item.get("stop"), int)
    )
    for start, stop in reversed(tags):
        text = f"{text[:start].rstrip()} {text[stop + 1:].lstrip()}"
    return text.strip()


def _formatted(member: dict[str, Any]) -> bool:
    """Whether Argdown found bold, italic or a link in a member's text (it keeps only their words)."""
    ranges = member.get("ranges", [])
    return isinstance(ranges, list) and any(
        isinstance(item, dict) and item.get("type") in ("bold", "italic", "link") for item in ranges)


def _as_id(title: str) -> str:
    """A claim id from an Argdown title: spaces as hyphens, no control characters, at most 200 characters."""
    return "-".join(without_unsafe(title).split())[:200] or "statement"


def _unique(wanted: str, taken: set[str]) -> str:
    candidate, number = wanted, 1
    while candidate in taken:
        number += 1
        suffix = f"-{number}"
        candidate = wanted[: 200 - len(suffix)] + suffix
    return candidate
