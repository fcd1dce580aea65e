"""The hostile battery: texts and map files a stranger could send, which every command and format must survive.

A new command or format joins `tests/test_hostile.py` (see its `COMMANDS`) and, for a format, the export tests over
`hostile_document()`. What "survive" means there: it finishes, with one plain line per problem and no traceback;
it reads no file outside the map's folder tree and never prints a source's text in an error; nothing it prints
acts on a terminal; every export shows each text as typed and obeys none of it.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

HOSTILE_TEXTS: dict[str, str] = {
    "claim:1": 'He said "no" twice, then "yes".',
    'say"no"': '"To be or not to be"',
    "back\\slash": "A back\\slash, a double \\\\ one, and a trailing one \\",
    "{brace}": "Line one of two\nline two, after a newline",
    "<b>": "<b>bold</b> & <i>not</i> &amp; &lt; &#38; are shown as typed",
    "c6": "{braces} and [supports] [/x] |pipes| ; -> --> -.-> end subgraph",
    "c7": "Ñandú año “curly” — em dash, 日本語, emoji 🙂 and naïve café",
    "c8": "Escape-like \\N \\G \\l \\n \\r \\\" sequences stay as typed",
    "c9": "Double  spaces   kept, and a long word " + "x" * 50 + " that cannot break",
    "c10": "Windows\r\nline ends lose their carriage return",
    "c11": "#quot; and #35; and fa:fa-car look like Mermaid entities and icons",
    "c12": "%3 $5 `backticks` *stars* _under_ # hash ~tilde~ 1. not a list",
    "c13": "Control\x07 characters\x0b that XML cannot hold\x1b are dropped; a\ttab stays",
    "c14": "%%{init:{'themeCSS':'.flowchart-link{display:none}'}}%% is text, not a Mermaid directive",
    "c15": "Terminal tricks: \x1b]0;pwned\x07 a title, \x1b[5mBLINK\x1b[25m, \x9b2J the 8-bit CSI, \x1b[2J a clear",
    "c16": "Right-to-left \u202eesrever\u202c and isolates \u2066x\u2069 reorder what a reader sees",
    "c17": "Quoting [/] a source [sic] [emphasis added] [/i] [b]not bold[/b] [@click=app.quit]x[/]",
}
"""Claim id -> claim text. The ids are hostile too (quotes, colons, backslashes, brackets), and valid."""

POISON = ("\x1b", "\x9b", "\x07", "\x08", "\r", "\u202e", "\u202c", "\u2066", "\u2069")
"""Characters that must never reach a terminal or an export raw; argmap shows them as codes (`\\u001b`) or drops
them."""

HOSTILE_TITLE = "\x1b]0;pwned\x07Hostile \"map\" <title> & \\ {} [/] \x1b[2J"
HOSTILE_AUTHORS = [
    {"id": "zoë:1", "name": 'Zoë "Q" O\'Neil <x> & {y} [/]'},
    {"id": "back\\", "name": "Back\\slash Ñúñez \x1b[5m[/i]\u202e"},
]


def shown(text: str) -> str:
    """A text as a diagram or document shows it: control characters and bidirectional overrides dropped (tabs and
    newlines kept). Written apart from argmap's own code, so a test compares against an independent reading."""
    return re.sub("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", "", text)


def hostile_document() -> dict:
    """A valid map whose ids, names, title, topics and texts hold every character that is hard to show safely."""
    ids = list(HOSTILE_TEXTS)
    claims = []
    for number, (claim_id, text) in enumerate(HOSTILE_TEXTS.items()):
        topic = "t:1" if number % 3 else "<topic> [/]"
        claim = {"id": claim_id, "author": HOSTILE_AUTHORS[number % 2]["id"], "text": text, "topics": [topic]}
        if number % 2 == 0:
            claim["quote"] = {"source": "s1", "text": f"Quoted <{number}> \"words\" \\ [x] *y* \x1b[2J"}
        claims.append(claim)
    relations = ["supports", "contradicts", "qualifies"]
    links = [
        {"from": ids[i], "to": ids[(i + 1) % len(ids)], "relation": relations[i % 3],
         "why": f'why "{i}" <b> \\ [/] \x1b]0;why\x07'}
        for i in range(len(ids))
    ]
    return {
        "format_version": 1, "title": HOSTILE_TITLE, "description": "Described \x1b[2J [/]",
        "authors": HOSTILE_AUTHORS,
        "sources": [{"id": "s1", "author": "zoë:1", "title": "Essay <1> [/] \x1b]0;t\x07"}],
        "claims": claims, "links": links,
    }


def write_hostile_map(folder: Path, name: str = "hostile.json") -> Path:
    path = folder / name
    path.write_text(json.dumps(hostile_document(), ensure_ascii=False), encoding="utf-8")
    return path


SECRET = "SECRET-7f3a9c-DO-NOT-PRINT"
"""Planted in files outside a map's folder (and in the environment, for /proc/self/environ): no output may hold it."""


def prying_map(folder: Path) -> Path:
    """A map in `folder/maps` whose sources point at files it must not read, each quoted by two claims with
    consecutive spans (which once made argmap print the file, 60 characters at a time):

    a secret file beside the map's folder, by a relative path and through a symbolic link; `/etc/passwd` and
    `/proc/self/environ` by absolute paths; `/dev/zero`, `/dev/urandom` and a named pipe, which never end or block;
    a 3 GB sparse file inside the folder (larger than any source text); a directory.
    """
    maps = folder / "maps"
    maps.mkdir()
    (folder / "secret.txt").write_text(f"{SECRET}\n" * 200, encoding="utf-8")
    (maps / "link.txt").symlink_to(folder / "secret.txt")
    os.mkfifo(maps / "pipe")
    with open(maps / "huge.txt", "wb") as huge:
        huge.truncate(3 * 1024**3)
    (maps / "folder.txt").mkdir()
    files = {
        "beside": "../secret.txt", "link": "link.txt", "passwd": "/etc/passwd", "environ": "/proc/self/environ",
        "zero": "/dev/zero", "urandom": "/dev/urandom", "pipe": "pipe", "huge": "huge.txt", "folder": "folder.txt",
    }
    sources = [{"id": name, "author": "a", "title": name, "file": file} for name, file in files.items()]
    claims = []
    for name in files:
        for start in (0, 60):
            claims.append({"id": f"{name}-{start}", "author": "a", "text": f"Reads {name} at {start}.",
                           "quote": {"source": name, "text": "x", "start": start, "end": start + 60}})
    links = [{"from": claims[0]["id"], "to": claims[1]["id"], "relation": "supports"}]
    document = {"format_version": 1, "title": "Prying", "authors": [{"id": "a", "name": "A"}],
                "sources": sources, "claims": claims, "links": links}
    path = maps / "prying.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def broken_files(folder: Path) -> dict[str, Path]:
    """Map files that are not maps, each in its own way; name -> path."""
    valid = '{"format_version": 1, "title": "T"}'
    files: dict[str, bytes] = {
        "huge-int-version": b'{"format_version": ' + b"9" * 5000 + b', "title": "T"}',
        "huge-int-span": (b'{"format_version": 1, "title": "T", "authors": [{"id": "a", "name": "A"}], '
                          b'"sources": [{"id": "s", "author": "a", "title": "S"}], "claims": [{"id": "c", '
                          b'"author": "a", "text": "t", "quote": {"source": "s", "text": "q", "start": '
                          + b"1" * 4400 + b"}}]}"),
        "long-int-version": b'{"format_version": ' + b"9" * 4000 + b', "title": "T"}',
        "duplicate-key": b'{"format_version": 1, "title": "First", "title": "Second"}',
        "duplicate-nested-key": (b'{"format_version": 1, "title": "T", "authors": [{"id": "a", "name": "A", '
                                 b'"name": "B"}]}'),
        "utf-16": valid.encode("utf-16"),
        "utf-16-no-bom": valid.encode("utf-16-le"),
        "utf-32": valid.encode("utf-32"),
        "latin-1": '{"format_version": 1, "title": "Año"}'.encode("latin-1"),
        "nul-in-source-file": (b'{"format_version": 1, "title": "T", "authors": [{"id": "a", "name": "A"}], '
                               b'"sources": [{"id": "s", "author": "a", "title": "S", "file": "a\\u0000b"}]}'),
        "control-in-id": (b'{"format_version": 1, "title": "T", "authors": [{"id": "a", "name": "A"}], '
                          b'"claims": [{"id": "c", "author": "a", "text": "t"}, {"id": "c\\u0001", "author": "a", '
                          b'"text": "t"}]}'),
        "deep": b"[" * 100_000 + b"]" * 100_000,
        "million-claims": json.dumps({"format_version": 1, "title": "T", "claims": [1] * 1_000_000}).encode(),
        "raw-escape-in-key": b'{"format_version": 1, "title": "T", "\x1b]0;pwned\x07": 1}',
        "escaped-escape-in-key": b'{"format_version": 1, "title": "T", "\\u001b]0;pwned\\u0007": 1}',
    }
    paths = {}
    for name, data in files.items():
        paths[name] = folder / f"{name}.json"
        paths[name].write_bytes(data)
    return paths
