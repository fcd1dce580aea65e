"""The map format: pydantic models, the three relations, and the integrity rules.

This module is the one source of truth for what an argmap file may hold. The models are pydantic dataclasses with
slots: they validate straight from JSON bytes at about half the cost of `BaseModel` (see `benchmarks/`), which
keeps loading a 100,000-claim map close to the speed of `json.loads`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Annotated, Any, Literal, TypeVar

from pydantic import ConfigDict, Field, JsonValue, StringConstraints, TypeAdapter
from pydantic.dataclasses import dataclass as pydantic_dataclass
from pydantic_core import ErrorDetails

from argmap.words import counted

FORMAT_VERSION = 1
"""The newest map format this argmap reads and the one it writes."""

_CONTROLS = r"\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
"""Control characters and bidirectional overrides (as `argmap.inert.UNSAFE`), as a regex class body that Python,
pydantic's Rust engine and JSON Schema all read alike."""
ID_PATTERN = rf"^[^\s{_CONTROLS}]+$"
TEXT_PATTERN = r"\S"
FILE_PATTERN = rf"^[^{_CONTROLS}]*$"
Id = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=ID_PATTERN)]
"""One word that names a thing: no spaces, and no control characters, so two ids never differ invisibly."""
NonEmpty = Annotated[str, StringConstraints(min_length=1, pattern=TEXT_PATTERN)]
"""Text that says something: not empty and not only spaces."""
FileName = Annotated[str, StringConstraints(pattern=FILE_PATTERN)]
"""A path as written in a map: any characters but control characters (a NUL cannot be in a path)."""

_STRICT = ConfigDict(extra="forbid")


class Relation(StrEnum):
    """How one claim bears on another."""

    SUPPORTS = "supports"
    CONTRADICTS = "contradicts"
    QUALIFIES = "qualifies"


RELATION_MEANINGS: dict[Relation, str] = {
    Relation.SUPPORTS: "a reason to accept the other claim",
    Relation.CONTRADICTS: "a reason to reject the other claim; both cannot be accepted as stated",
    Relation.QUALIFIES: "narrows, conditions or weakens the other claim without rejecting it",
}

ClaimKind = Literal["claim", "evidence", "proposal"]
Side = Literal["aff", "neg"]
SIDES: tuple[Side, ...] = ("aff", "neg")
SIDE_NAMES: dict[Side, str] = {"aff": "affirmative", "neg": "negative"}
CLAIM_KINDS: tuple[ClaimKind, ...] = ("claim", "evidence", "proposal")


@pydantic_dataclass(slots=True, config=_STRICT)
class Author:
    """A person whose claims the map records; `id` is a stable slug such as `pereira`."""

    id: Id
    name: NonEmpty
    affiliation: str | None = None


@pydantic_dataclass(slots=True, config=_STRICT)
class Source:
    """A text an author wrote; `file` is a path relative to the map file, used to check quotes."""

    id: Id
    author: Id
    title: NonEmpty
    publication: str | None = None
    date: str | None = None
    file: FileName | None = None
    url: str | None = None


@pydantic_dataclass(slots=True, config=_STRICT)
class Quote:
    """Verbatim words from a source; `start`/`end` are character offsets into the source text, end exclusive."""

    source: Id
    text: NonEmpty
    start: Annotated[int, Field(ge=0)] | None = None
    end: Annotated[int, Field(ge=0)] | None = None


@pydantic_dataclass(slots=True, config=_STRICT)
class Claim:
    """One point an author makes, stated in a sentence, resting on a quote."""

    id: Id
    author: Id
    text: NonEmpty
    quote: Quote | None = None
    topics: list[NonEmpty] = field(default_factory=list)
    kind: ClaimKind = "claim"
    note: str | None = None


@pydantic_dataclass(slots=True, config=ConfigDict(extra="forbid", populate_by_name=True))
class Link:
    """A directed relation: the claim `source_id` supports, contradicts or qualifies the claim `target_id`."""

    # The file's names as validation and serialization aliases rather than `alias`: the same format, and type
    # checkers then take the constructor's arguments by the fields' names, as pydantic does.
    source_id: Id = Field(validation_alias="from", serialization_alias="from")
    target_id: Id = Field(validation_alias="to", serialization_alias="to")
    relation: Relation = Relation.SUPPORTS
    why: str = ""

    @property
    def key(self) -> tuple[str, str, Relation]:
        """What makes a link unique on a map."""
        return (self.source_id, self.target_id, self.relation)


@pydantic_dataclass(slots=True, config=_STRICT)
class Motion:
    """A resolution debated ("The United States should ratify the USMCA") and the claims assigned to each side:
    `aff` argues for it, `neg` against it, each a list of claim ids in the order they were assigned.

    Kept as one item with an id in the map's `motions` list, its sides as data inside it: a reader sees a side in
    one place, and a merge by identity matches a motion to itself as it matches a claim."""

    id: Id
    text: NonEmpty
    aff: list[Id] = field(default_factory=list)
    neg: list[Id] = field(default_factory=list)

    def side_of(self, claim_id: str) -> Side | None:
        """The side the claim is assigned to, or None."""
        if claim_id in self.aff:
            return "aff"
        if claim_id in self.neg:
            return "neg"
        return None


@pydantic_dataclass(slots=True, config=_STRICT)
class ConflictSide:
    """One thing a merge could not decide, as the merge's base and each side hold it (null where a side has none).

    `field` is the map's top-level field ("title", "claims", "links"); `key` names the item in a list (its id, or
    a link's "from relation to"), null for a field such as the title. The values are as the file writes them.
    """

    field: NonEmpty
    key: str | None = None
    base: JsonValue = None
    ours: JsonValue = None
    theirs: JsonValue = None


@pydantic_dataclass(slots=True, config=_STRICT)
class Conflict:
    """Changes the two sides of a merge made differently; the map holds ours until a person decides.

    Most hold one thing; a claim one side deleted and the other linked to holds both the claim and the link, which
    stand or fall together."""

    summary: NonEmpty
    changes: list[ConflictSide]


@pydantic_dataclass(slots=True, config=_STRICT)
class ArgumentMap:
    """A whole map: who argues what, from which texts, and how the claims bear on each other."""

    format_version: Annotated[int, Field(strict=True)]
    title: NonEmpty
    description: str = ""
    authors: list[Author] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    # Left out of the file when empty: a map without motions is written as it always was, byte for byte.
    motions: list[Motion] = Field(default_factory=list, exclude_if=lambda motions: not motions)
    conflicts: list[Conflict] | None = None
    """What `argmap merge` left for a person to decide (see `argmap.merge`); absent from a map without any."""


MAP_ADAPTER: TypeAdapter[ArgumentMap] = TypeAdapter(ArgumentMap)

_Item = TypeVar("_Item")
_ADAPTERS: dict[type[Any], TypeAdapter[Any]] = {}


def adapter_for(item_type: type[_Item]) -> TypeAdapter[_Item]:
    """One pydantic TypeAdapter per model, made on first use and kept: building one costs far more than using it."""
    adapter = _ADAPTERS.get(item_type)
    if adapter is None:
        adapter = _ADAPTERS[item_type] = TypeAdapter(item_type)
    return adapter


def broken_rule(error: ErrorDetails) -> str:
    """One pydantic error item as the rule it breaks, in plain words ("must not be empty"), for messages about a
    file's fields and a form's alike."""
    kind, context = error["type"], error.get("ctx", {})
    if kind == "missing":
        return "is required"
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        return "is not a field argmap knows"
    if kind == "string_too_short" or (kind == "string_pattern_mismatch" and context.get("pattern") == TEXT_PATTERN):
        return "must not be empty or only spaces"
    if kind == "string_pattern_mismatch" and context.get("pattern") == ID_PATTERN:
        return "must be one word, without spaces or control characters"
    if kind == "string_pattern_mismatch" and context.get("pattern") == FILE_PATTERN:
        return "must not hold control characters"
    if kind == "string_too_long":
        return f"must be at most {context['max_length']} characters"
    message = error["msg"]
    return f"is not valid: {message[0].lower()}{message[1:]}"


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the file format, as generated from the models."""
    schema = MAP_ADAPTER.json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "argmap map"
    return schema


def json_schema_text() -> str:
    """The JSON Schema as the text kept in `argmap/map.schema.json` and printed by `argmap schema`."""
    import json

    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing wrong with a map: where (a JSON path such as `claims[3].author`) and what, in plain words."""

    place: str
    message: str
    severity: Literal["error", "warning"] = "error"


def check_integrity(argument_map: ArgumentMap) -> list[Finding]:
    """Every rule a well-formed map keeps that its shape alone cannot say: ids, references, links."""
    findings: list[Finding] = []
    findings += _duplicate_ids("authors", [a.id for a in argument_map.authors])
    findings += _duplicate_ids("sources", [s.id for s in argument_map.sources])
    findings += _duplicate_ids("claims", [c.id for c in argument_map.claims])

    author_ids = {a.id for a in argument_map.authors}
    claim_ids = {c.id for c in argument_map.claims}

    for index, source in enumerate(argument_map.sources):
        if source.author not in author_ids:
            findings.append(Finding(f"sources[{index}].author", f"no author has the id {source.author!r}"))
    author_of_source = {s.id: s.author for s in argument_map.sources}
    for index, claim in enumerate(argument_map.claims):
        if claim.author not in author_ids:
            findings.append(Finding(f"claims[{index}].author", f"no author has the id {claim.author!r}"))
        if claim.quote is None:
            continue
        place = f"claims[{index}].quote.source"
        source_author = author_of_source.get(claim.quote.source)
        if source_author is None:
            findings.append(Finding(place, f"no source has the id {claim.quote.source!r}"))
        elif source_author != claim.author and {source_author, claim.author} <= author_ids:
            findings.append(Finding(place, quoted_elsewhere(claim.quote.source, source_author, claim.author)))
    findings += _link_findings(argument_map.links, claim_ids)
    findings += _duplicate_ids("motions", [m.id for m in argument_map.motions])
    for index, motion in enumerate(argument_map.motions):
        findings += _motion_findings(f"motions[{index}]", motion, claim_ids)
    if argument_map.conflicts:
        left = counted(len(argument_map.conflicts), "conflict")
        findings.append(Finding("conflicts", f"the last merge left {left} to resolve (the map holds our side of "
                                "each); open the map in argmap to resolve them", "warning"))
    return findings


def _motion_findings(place: str, motion: Motion, claim_ids: set[str]) -> list[Finding]:
    """A motion's sides name claims on the map, each once, and no claim on both sides."""
    findings = []
    for side in SIDES:
        seen: set[str] = set()
        for number, claim_id in enumerate(getattr(motion, side)):
            where = f"{place}.{side}[{number}]"
            if claim_id not in claim_ids:
                findings.append(Finding(where, f"no claim has the id {claim_id!r}"))
            elif claim_id in seen:
                findings.append(Finding(where, f"claim {claim_id!r} is on the {SIDE_NAMES[side]} side twice"))
            seen.add(claim_id)
    for number, claim_id in enumerate(motion.neg):
        if claim_id in claim_ids and claim_id in motion.aff:
            findings.append(Finding(f"{place}.neg[{number}]",
                                    f"claim {claim_id!r} is on both sides of motion {motion.id!r}"))
    return findings


def quoted_elsewhere(source_id: str, source_author: str, claim_author: str) -> str:
    """Why a claim may not quote this source: it is another author's text, and a claim states its own author's."""
    return (f"source {source_id!r} is by {source_author!r}, not by the claim's author {claim_author!r}; "
            "a claim quotes its own author's text")


def _duplicate_ids(collection: str, ids: list[str]) -> list[Finding]:
    counts = Counter(ids)
    if len(counts) == len(ids):
        return []
    seen: set[str] = set()
    findings = []
    for index, item_id in enumerate(ids):
        if counts[item_id] > 1 and item_id in seen:
            findings.append(Finding(f"{collection}[{index}].id", f"the id {item_id!r} is used more than once"))
        seen.add(item_id)
    return findings


def _link_findings(links: list[Link], claim_ids: set[str]) -> list[Finding]:
    findings = []
    seen: set[tuple[str, str, Relation]] = set()
    for index, link in enumerate(links):
        place = f"links[{index}]"
        if link.source_id not in claim_ids:
            findings.append(Finding(f"{place}.from", f"no claim has the id {link.source_id!r}"))
        if link.target_id not in claim_ids:
            findings.append(Finding(f"{place}.to", f"no claim has the id {link.target_id!r}"))
        if link.source_id == link.target_id:
            findings.append(Finding(place, f"claim {link.source_id!r} is linked to itself"))
        key = link.key
        if key in seen:
            findings.append(
                Finding(place, f"duplicate link: {link.source_id!r} {link.relation} {link.target_id!r} already exists")
            )
        seen.add(key)
    return findings
