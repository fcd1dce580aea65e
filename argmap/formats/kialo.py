"""Kialo's "export discussion" text: read a discussion into a map, write a map's tree of reasons as one.

The text is a title line, a blank line, the thesis `1. text`, then one line per claim, `1.2.3. Pro: text` or
`1.2.3. Con: text`, in depth-first order: a line's parent is its number without the last part. A line
`1.4. Con: -> See 1.2.3.` puts an existing claim there again. Texts are Markdown: links `[label](url)` and
backslash-escaped punctuation (`\\[`); a line without a number continues the text of the line above.

Reading: Pro supports its parent, Con contradicts it; a link becomes `label (url)`. Writing: the root claim is the
thesis, and below each claim every claim that supports (Pro), contradicts or qualifies it (Con: Kialo has no
third stance); a claim reached again is a `-> See` line.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from argmap.analysis import support_rests
from argmap.collector import collector_paused
from argmap.formats.interop import Ids, default_author, fail, read_text, safe_file_name
from argmap.index import MapIndex
from argmap.inert import without_unsafe
from argmap.interchange import Imported
from argmap.model import FORMAT_VERSION, MAP_ADAPTER, Claim, Link, Relation
from argmap.words import counted

TITLE = "Discussion Title:"
_TITLE = re.compile(r"Discussion Title:[ \t]*(?P<title>.*)")
_LINE = re.compile(r"(?P<number>\d+(?:\.\d+)*)\.[ \t](?P<rest>.*)")
_STANCE = re.compile(r"(?P<stance>Pro|Con):(?: |\t|$)(?P<text>.*)")
_SEE = re.compile(r"->[ \t]*See[ \t]+(?P<number>\d+(?:\.\d+)*)\.?[ \t]*")
_MARKDOWN = re.compile(
    r"\\(?P<escaped>[!-/:-@\[-`{-~])"
    r"|\[(?P<label>(?:\\.|[^\\\]])*)\]\((?P<url>[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)\)"
)
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_NUMBERED = re.compile(r"(\d+(?:\.\d+)*)\.(?=[ \t]|$)")
_STANCES = {"Pro": Relation.SUPPORTS, "Con": Relation.CONTRADICTS}


def looks_like(data: bytes) -> bool:
    """A text starting with `Discussion Title:`."""
    return data.removeprefix(b"\xef\xbb\xbf").startswith(TITLE.encode())


# Reading ---------------------------------------------------------------------------------------------------------

@dataclass(slots=True)
class _Line:
    number: str
    """`1.2.3`, as written but for leading zeros."""
    line: int
    stance: str | None
    lines: list[str] = field(default_factory=list)
    see: str | None = None

    @property
    def label(self) -> str:
        return f"{self.number}."


def read(data: bytes, path: Path, author: str | None) -> Imported:
    """A map from a Kialo discussion export; `author` names who made its claims (the export names nobody)."""
    with collector_paused():
        return _read(read_text(data, path), path, author)


def _read(text: str, path: Path, author: str | None) -> Imported:
    lines = text.splitlines()
    if not "".join(lines).strip():
        fail(path, "", "is empty; a Kialo discussion starts with 'Discussion Title: ...'")
    heading = _TITLE.fullmatch(lines[0])
    if heading is None:
        fail(path, "line 1", "a Kialo discussion starts with 'Discussion Title: ...'")
    entries = _entries(lines, path)
    if not entries:
        fail(path, "", "has no thesis: the line '1. text' must follow the title")
    warnings: list[str] = []
    claim_author = default_author(author, Ids("author"), warnings, "the claims")
    claim_ids = Ids("claim")
    claims: dict[str, dict[str, Any]] = {}  # as the map's JSON, validated with the whole map at a third of the cost
    for entry in entries:
        if entry.see is None:
            claims[entry.number] = {"id": claim_ids.keep(entry.number), "author": claim_author.id,
                                    "text": _words(entry, path)}
    links = _links(entries, claims, path, warnings)
    title = without_unsafe(heading["title"]).strip() or safe_file_name(path.stem, "Kialo discussion")
    argument_map = MAP_ADAPTER.validate_python({
        "format_version": FORMAT_VERSION, "title": title,
        "description": f"Imported from the Kialo discussion {path.name}.",
        "authors": [claim_author], "claims": list(claims.values()), "links": links,
    })
    return Imported(argument_map, warnings)


def _entries(lines: list[str], path: Path) -> list[_Line]:
    """The numbered lines, each with its continuation lines, checked to come in depth-first order."""
    entries: list[_Line] = []
    seen: dict[str, int] = {}
    path_down: list[str] = []
    last_child: dict[str, int] = {}
    for line_number, line in enumerate(lines[1:], start=2):
        found = _LINE.fullmatch(line)
        if found is None:
            if entries:
                entries[-1].lines.append(line)
            elif line.strip():
                fail(path, f"line {line_number}", "the thesis, '1. text', must come first")
            continue
        number = _number(found["number"])
        place = f"line {line_number}"
        if number in seen:
            fail(path, place, f"{number}. is the number of line {seen[number]} too")
        parent, _, last = number.rpartition(".")
        if not entries:
            if number != "1":
                fail(path, place, f"the first claim must be the thesis, numbered 1., not {number}.")
            entries.append(_Line(number, line_number, None, [found["rest"]]))
        else:
            if not parent:
                fail(path, place, f"a discussion has one thesis, numbered 1.; {number}. would be another")
            if parent not in seen:
                fail(path, place, f"{number}. has no parent: no line numbered {parent}. comes before it")
            while path_down and path_down[-1] != parent:
                path_down.pop()
            if not path_down or int(last) <= last_child.get(parent, 0):
                fail(path, place, f"{number}. is out of order: it comes after {entries[-1].label}, and Kialo lists "
                                  "the claims depth first, each one's replies in number order")
            stance = _STANCE.fullmatch(found["rest"])
            if stance is None:
                fail(path, place, f"{number}. needs 'Pro:' or 'Con:' after its number")
            see = _SEE.fullmatch(stance["text"])
            entries.append(_Line(number, line_number, stance["stance"], [stance["text"]],
                                 None if see is None else _number(see["number"])))
            last_child[parent] = int(last)
        seen[number] = line_number
        path_down.append(number)
    return entries


def _number(written: str) -> str:
    """A line's number as argmap keeps it: `1.2.3`, without leading zeros."""
    if written.startswith("0") or ".0" in written:
        return ".".join(str(int(part)) for part in written.split("."))
    return written


def _words(entry: _Line, path: Path) -> str:
    lines = list(entry.lines)
    while lines and not lines[-1].strip():
        lines.pop()
    text = _MARKDOWN.sub(_plain, "\n".join(lines))
    if not text.strip():
        fail(path, f"line {entry.line}", f"{entry.label} has no text")
    return text


def _plain(found: re.Match[str]) -> str:
    """An escaped character as itself; a Markdown link as `label (url)`."""
    if found["escaped"] is not None:
        return found["escaped"]
    label = _ESCAPED.sub(r"\1", found["label"])
    return f"{label} ({found['url']})"


def _links(entries: list[_Line], claims: dict[str, dict[str, Any]], path: Path,
           warnings: list[str]) -> list[dict[str, Any]]:
    """Pro supports the parent, Con contradicts it; a `-> See` line links the claim it names."""
    by_number = {entry.number: entry for entry in entries}

    def claim_of(number: str, line: int) -> str:
        followed: set[str] = set()
        while number not in claims:
            entry = by_number.get(number)
            if entry is None or entry.see is None:
                fail(path, f"line {line}", f"-> See {number}. names no line of the discussion")
            if number in followed:
                fail(path, f"line {line}", f"the -> See lines from {number}. lead round in a circle")
            followed.add(number)
            line, number = entry.line, entry.see
        claim_id: str = claims[number]["id"]
        return claim_id

    links: dict[tuple[str, str, Relation], dict[str, Any]] = {}
    repeated = 0
    for entry in entries[1:]:
        source, target = claim_of(entry.number, entry.line), claim_of(entry.number.rpartition(".")[0], entry.line)
        if source == target:
            fail(path, f"line {entry.line}", f"{entry.label} puts claim {source} under itself: a claim cannot "
                                             "support or contradict itself")
        key = (source, target, _STANCES[entry.stance or "Pro"])
        repeated += key in links
        links.setdefault(key, {"from": source, "to": target, "relation": key[2]})
    if repeated:
        warnings.append(f"{counted(repeated, 'line repeats a link', 'lines repeat links')} made by another: kept once")
    return list(links.values())


# Writing ---------------------------------------------------------------------------------------------------------

@dataclass(slots=True)
class _Frame:
    claim: str
    number: str
    replies: Iterator[Link]
    count: int = 0


DEEP = 40
"""The depth past which a claim is written in full only on a shortest path to the root (see `to_kialo`)."""


def to_kialo(index: MapIndex, claims: Sequence[Claim], links: Sequence[Link], root: str | None = None,
             note: Callable[[str], None] | None = None) -> str:
    """The tree of the claims that support, contradict or qualify `root` (default: `default_root`), and so on down,
    as Kialo's discussion text; a claim met again is a `-> See` line. Raises `ValueError` for a root that is not
    among `claims`.

    A claim is written in full where the depth-first walk first meets it, so that a `-> See` line points back to a
    line above it, as readers expect; but past `DEEP` levels only where that place is on a shortest path from the
    root, so that a web of claims does not become a tree thousands of levels deep (each line's number spells its
    whole path: a 10,000-claim web once made 154 MB). Elsewhere past that depth the claim is a `-> See` line to the
    place, further down, where it is written in full. Every claim is written in full somewhere: a claim on a
    shortest path is, at the latest, under the claim before it on that path."""
    selected = {claim.id for claim in claims}
    if root is None:
        root = default_root(claims, links)
    elif root not in selected:
        known = "is not among the claims selected" if root in index.claims else "is not a claim of the map"
        raise ValueError(f"the root {root!r} {known}")
    replies: dict[str, list[Link]] = {}
    for link in links:
        replies.setdefault(link.target_id, []).append(link)
    nearest = _levels(root, replies)
    title = " ".join(without_unsafe(index.map.title).split())
    lines = [f"{TITLE} {title}", "", f"1. {_escaped(index.claims[root].text)}"]
    numbers = {root: "1"}
    ahead: list[tuple[int, str, str]] = []
    qualifying = 0
    stack = [_Frame(root, "1", iter(replies.get(root, ())))]
    while stack:
        frame = stack[-1]
        reply = next(frame.replies, None)
        if reply is None:
            stack.pop()
            continue
        frame.count += 1
        number = f"{frame.number}.{frame.count}"
        stance = "Pro" if reply.relation is Relation.SUPPORTS else "Con"
        qualifying += reply.relation is Relation.QUALIFIES
        source = reply.source_id
        if source in numbers:
            lines.append(f"{number}. {stance}: -> See {numbers[source]}.")
        elif len(stack) >= DEEP and nearest[frame.claim] + 1 != nearest[source]:
            ahead.append((len(lines), f"{number}. {stance}: -> See ", source))
            lines.append("")
        else:
            numbers[source] = number
            lines.append(f"{number}. {stance}: {_escaped(index.claims[source].text)}")
            stack.append(_Frame(source, number, iter(replies.get(source, ()))))
    for position, start, source in ahead:
        lines[position] = f"{start}{numbers[source]}."
    if note is not None:
        _tell(note, root, len(numbers), len(lines) - 3, len(selected) - len(numbers), qualifying)
    return "\n".join(lines) + "\n"


def _levels(root: str, replies: dict[str, list[Link]]) -> dict[str, int]:
    """How many replies away from the root each claim under it is, at the fewest."""
    levels = {root: 0}
    queue = deque([root])
    while queue:
        claim = queue.popleft()
        for reply in replies.get(claim, ()):
            if reply.source_id not in levels:
                levels[reply.source_id] = levels[claim] + 1
                queue.append(reply.source_id)
    return levels


def default_root(claims: Sequence[Claim], links: Sequence[Link]) -> str:
    """The claim with the most of the map beneath it: `argmap.analysis.support_rests` over the links turned round
    (a claim rests 1/k on each of the k claims it bears on, by any relation), ties to the claim with more direct
    replies, then to the first."""
    if not claims:
        raise ValueError("nothing to export: no claim is selected")
    position = {claim.id: number for number, claim in enumerate(claims)}
    bearing_on: list[list[int]] = [[] for _ in claims]
    for link in links:
        if link.source_id in position and link.target_id in position:
            bearing_on[position[link.target_id]].append(position[link.source_id])
    beneath = support_rests(bearing_on)
    best = max(range(len(claims)), key=lambda number: (beneath[number], len(bearing_on[number]), -number))
    return claims[best].id


def _tell(note: Callable[[str], None], root: str, claims: int, links: int, left_out: int, qualifying: int) -> None:
    """What the discussion holds, and what it could not: the claims outside the root's tree, the third stance."""
    tree = f"the discussion holds {counted(claims, 'claim')} and {counted(links, 'link')}, the tree under {root!r}"
    if left_out:
        tree += (f"; {counted(left_out, 'claim selected is', 'claims selected are')} not under it and left out "
                 "(choose another root with --root CLAIM)")
    note(tree)
    if qualifying:
        note(f"{counted(qualifying, 'qualifying link')} written as Con: Kialo has only Pro and Con")


def _escaped(text: str) -> str:
    """A claim's text as Kialo Markdown that reads back exactly: backslashes and brackets escaped, and no line that
    would read as a numbered line or a `-> See`."""
    text = without_unsafe(text).replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    if text.startswith("->"):
        text = "\\" + text
    lines = text.split("\n")
    return "\n".join([lines[0], *(_NUMBERED.sub(r"\1\\.", line, count=1) if _NUMBERED.match(line) else line
                                 for line in lines[1:])])
