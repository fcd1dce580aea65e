"""The hostile battery, run against every command and format: a map from a stranger is safe to open.

Each attack is a real file (a symbolic link, a named pipe, a device, a 3 GB file, a map in UTF-16, a million
claims) and each command runs as a real process, as a user would run it. A new command joins `COMMANDS`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.document import Document
from argmap.store import MAX_PROBLEMS
from tests.conftest import ROOT, SOURCE_TEXT, small_map_document, write_map
from tests.hostile import HOSTILE_TITLE, POISON, SECRET, broken_files, prying_map, write_hostile_map
from tests.terminal import screen_bytes

COMMANDS: list[list[str]] = [
    ["validate"], ["info"], ["analyze"], ["analyze", "--json"], ["compare", "{author}", "{other}"],
    ["prep", "{claim}"], ["prep", "--author", "{author}"], ["prep", "--author", "{author}", "--format", "html"],
    ["export", "--format", "dot"],
    ["export", "--format", "md"], ["export", "--format", "mermaid"], ["export", "--format", "argdown"],
    ["export", "--format", "aif"], ["export", "--format", "kialo"], ["export", "--format", "graphml"],
    ["export", "--format", "gexf"], ["export", "--format", "dot", "--overview"],
    ["export", "--format", "dot", "--overview", "topic"],
    ["export", "--format", "dot", "--focus", "{claim}", "--why", "--standing"],
    ["export", "--format", "dot", "--author", "{author}"], ["suggest"], ["suggest", "{claim}"],
    ["coverage"], ["coverage", "--json"], ["cards"], ["cards", "--format", "html"],
    ["sides", "--motion", "m", "--text", "Ratify \x1b]0;pwned\x07 [/] <b>", "--key", "{claim}"],
]
"""Every command that reads a map, with the words it needs: `{author}`, `{other}` and `{claim}` are filled in."""


def run(*arguments: str | Path, secret_environment: bool = False) -> subprocess.CompletedProcess[str]:
    """The real command line; a hang fails the test (timeout) instead of blocking the suite."""
    environment = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    if secret_environment:
        environment["ARGMAP_TEST_SECRET"] = SECRET
    return subprocess.run([sys.executable, "-m", "argmap", *map(str, arguments)], capture_output=True, text=True,
                          cwd=ROOT, env=environment, timeout=60)


def command_line(command: list[str], path: Path, author: str, other: str, claim: str) -> list[str]:
    words = [word.format(author=author, other=other, claim=claim) for word in command]
    return [words[0], str(path), *words[1:]]


def test_a_map_reads_no_file_outside_its_folder_and_no_special_file(tmp_path: Path) -> None:
    path = prying_map(tmp_path)
    for command in COMMANDS:
        result = run(*command_line(command, path, "A", "A", "beside-0"), secret_environment=True)
        output = result.stdout + result.stderr
        assert "Traceback" not in output, (command, output)
        assert SECRET not in output and "root:" not in output, (command, "a file's text was printed")
        if command[0] in ("validate", "info", "analyze", "export", "coverage", "suggest", "cards"):
            assert result.returncode == 0, (command, output)
    validate = run("validate", path, secret_environment=True).stdout
    reasons = {
        "beside": "is outside", "link": "is outside", "passwd": "is outside", "environ": "is outside",
        "zero": "is outside", "urandom": "is outside", "pipe": "is not a regular file",
        "huge": "is larger than 16 MB", "folder": "is a folder",
    }
    lines = validate.splitlines()
    for position, reason in enumerate(reasons.values()):
        line = next(line for line in lines if f"sources[{position}].file" in line)
        assert "warning" in line and reason in line and "quotes are not checked" in line, line
    assert lines[-1].endswith("valid (18 claims, 1 link, 0 quotes checked against their sources, 18 not checked, "
                              "9 warnings)")
    texts = Document.open(path).texts
    assert all(texts.text_of(name) is None for name in reasons), "the app must not show these files either"


def test_a_misplaced_quote_says_where_it_is_never_what_the_source_holds(tmp_path: Path) -> None:
    document = small_map_document()
    (tmp_path / "source.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    path = write_map(tmp_path, document)
    (tmp_path / "source.txt").write_text(f"{SECRET} " * 20 + SOURCE_TEXT, encoding="utf-8")
    result = run("validate", path)
    assert result.returncode == 1
    assert SECRET not in result.stdout
    assert "claims[0].quote: the source text at 0-15 is not the quote; it is found at" in result.stdout


def test_a_map_that_is_not_a_map_gets_plain_lines_and_never_a_traceback(tmp_path: Path) -> None:
    files = broken_files(tmp_path)
    result = run("validate", *files.values())
    assert result.returncode == 1 and "Traceback" not in result.stderr and result.stderr == ""
    assert not any(character in result.stdout for character in POISON)
    lines = result.stdout.splitlines()
    expected = {
        "huge-int-version": "line 1, column 4321: not valid JSON: a number too large to be one argmap could use",
        "huge-int-span": "not valid JSON: a number too large",
        "long-int-version": "format_version: format version 999999999999… is newer than this argmap reads",
        "duplicate-key": "the key 'title' appears twice in one object; keep one",
        "duplicate-nested-key": "the key 'name' appears twice in one object",
        "utf-16": "is UTF-16 text; argmap reads maps in UTF-8",
        "utf-16-no-bom": "is UTF-16 text",
        "utf-32": "is UTF-32 text",
        "latin-1": "not UTF-8 text",
        "nul-in-source-file": "sources[0].file: must not hold control characters",
        "control-in-id": "claims[1].id: must be one word, without spaces or control characters",
        "deep": "not a map: the JSON is nested too deeply",
        "million-claims": "… and 999,980 more problems",
        "raw-escape-in-key": "not valid JSON: control character",
        "escaped-escape-in-key": "\\u001b]0;pwned\\u0007: is not a field argmap knows",
    }
    for name, fragment in expected.items():
        mine = [line for line in lines if line.startswith(f"{files[name]}:")]
        assert any(fragment in line for line in mine), (name, mine[:3])
        assert mine[-1].startswith(f"{files[name]}: invalid ("), (name, mine[-1])
    million = [line for line in lines if line.startswith(f"{files['million-claims']}:")]
    assert len(million) == MAX_PROBLEMS + 2 and million[-1].endswith("invalid (1,000,000 problems)")


def test_a_byte_order_mark_is_read_past_with_a_warning(tmp_path: Path) -> None:
    path = write_map(tmp_path, small_map_document())
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    result = run("validate", path)
    assert result.returncode == 0
    assert f"{path}: warning: starts with a byte order mark, which argmap ignores (saving drops it)" in result.stdout


@pytest.mark.parametrize("command", COMMANDS, ids=lambda command: " ".join(command))
def test_nothing_printed_acts_on_a_terminal(tmp_path: Path, command: list[str]) -> None:
    path = write_hostile_map(tmp_path, "hostile \x1b]0;pwned\x07 map.json")
    result = run(*command_line(command, path, "Zoë", "Back", "c15"))
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert not [character for character in POISON if character in output]
    if command == ["info"]:
        assert "\\u001b]0;pwned\\u0007Hostile" in output, "the title is shown, its escapes as codes"
    if command == ["analyze", "--json"]:
        assert json.loads(result.stdout)["title"] == HOSTILE_TITLE, "the JSON still holds the exact title"


def test_add_source_prints_nothing_that_acts_on_a_terminal_and_keeps_the_names_exact(tmp_path: Path) -> None:
    path = write_hostile_map(tmp_path, "hostile \x1b]0;pwned\x07 map.json")
    text = tmp_path / 'essay [x] [b] <b> "q" \\.txt'
    text.write_text("A text with \x1b]0;pwned\x07 inside.", encoding="utf-8")
    controlled = tmp_path / "essay \x1b[2J \u202e.txt"
    controlled.write_text("A text whose name a map cannot hold.", encoding="utf-8")
    author = "Eve \x1b[5m[/i]\u202e Mallory"
    before = path.read_bytes()
    refused_name = run("add-source", path, controlled, "--author", author)
    assert path.read_bytes() == before
    added = run("add-source", path, text, "--author", author, "--title", HOSTILE_TITLE)
    refused_again = run("add-source", path, text, "--author", author)
    for result in (refused_name, added, refused_again):
        output = result.stdout + result.stderr
        assert "Traceback" not in output and not [character for character in POISON if character in output], output
    assert (refused_name.returncode, added.returncode, refused_again.returncode) == (1, 0, 1), added.stderr
    assert "has control characters in its name, which a map cannot record" in refused_name.stderr
    assert "is already the text of source" in refused_again.stderr
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["authors"][-1]["name"] == author and document["sources"][-1]["title"] == HOSTILE_TITLE
    assert document["sources"][-1]["file"] == text.name


@pytest.mark.skipif(shutil.which("dot") is None and not os.environ.get("CI"), reason="Graphviz is not installed")
def test_exports_show_every_text_and_obey_none(tmp_path: Path) -> None:
    path = write_hostile_map(tmp_path)
    for output_format in ("dot", "svg", "md", "html", "mermaid", "argdown", "aif", "kialo", "graphml", "gexf"):
        output = tmp_path / f"out.{output_format}"
        result = run("export", path, "--format", output_format, "--output", output)
        assert result.returncode == 0, result.stderr
        written = output.read_text(encoding="utf-8")
        assert not [character for character in POISON if character in written], output_format
        assert "BLINK" in written and "esrever" in written, output_format
    mermaid = (tmp_path / "out.mermaid").read_text(encoding="utf-8")
    assert "%%" not in mermaid and "'" not in mermaid, "no text may become a Mermaid directive"


def test_the_app_writes_no_escape_from_the_map_to_the_terminal(tmp_path: Path) -> None:
    path = tmp_path / "hostile.json"
    document = json.loads(write_hostile_map(tmp_path).read_text(encoding="utf-8"))
    first = next(claim for claim in document["claims"] if claim["id"] == "c15")
    document["claims"].remove(first)
    document["claims"].insert(0, first)  # the claim the app shows first
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    screen = screen_bytes([str(path)], until=b"BLINK")
    for poison in (b"\x1b]0;pwned", b"\x1b[5mBLINK", "\x9b".encode(), "\u202e".encode(), b"\x1b[2J a clear"):
        assert poison not in screen, poison
    assert b"Terminal tricks:" in screen, "the claim is drawn"


def hostile_imports(folder: Path) -> dict[str, tuple[Path, bool]]:
    """Files for `argmap import` whose texts, names and ids hold escapes, each named with an escape too; name ->
    (path, whether it imports)."""
    poison = "\x1b]0;pwned\x07 \x1b[5mBLINK\x1b[25m \x9b2J \u202eesrever\u202c"
    aif = {"nodes": [{"nodeID": f"i{poison}", "text": f"Claim {poison}", "type": "I"},
                     {"nodeID": "2", "text": f"Other {poison}", "type": "I"},
                     {"nodeID": "3", "text": poison, "type": "CA", "scheme": poison},
                     {"nodeID": "4", "text": f"{poison}: said {poison}", "type": "L"},
                     {"nodeID": "5", "text": "Asserting", "type": "YA"}],
           "edges": [{"fromID": f"i{poison}", "toID": "3"}, {"fromID": "3", "toID": "2"},
                     {"fromID": "4", "toID": "5"}, {"fromID": "5", "toID": "2"}],
           "locutions": [{"nodeID": "4", "personID": poison}]}
    broken_aif = {"nodes": [{"nodeID": poison, "text": "x", "type": poison}], "edges": []}
    kialo = f"Discussion Title: {poison}\n\n1. {poison}\n1.1. Con: {poison}\n{poison}\n"
    broken_kialo = f"Discussion Title: T\n\n1. A\n1.1. {poison}: B\n"
    files = {"aif": (json.dumps(aif, ensure_ascii=False), True), "broken-aif": (json.dumps(broken_aif), False),
             "kialo": (kialo, True), "broken-kialo": (broken_kialo, False)}
    paths = {}
    for name, (text, imports) in files.items():
        path = folder / f"{name} \x1b]0;pwned\x07.{'txt' if 'kialo' in name else 'json'}"
        path.write_text(text, encoding="utf-8")
        paths[name] = (path, imports)
    return paths


def test_imports_print_nothing_that_acts_on_a_terminal_and_keep_every_text(tmp_path: Path) -> None:
    for name, (path, imports) in hostile_imports(tmp_path).items():
        output = tmp_path / f"{name}.json"
        result = run("import", path, "--from", "kialo" if "kialo" in name else "aif", "--output", output)
        printed = result.stdout + result.stderr
        assert "Traceback" not in printed, name
        assert not [character for character in POISON if character in printed], (name, printed)
        assert result.returncode == (0 if imports else 1), (name, printed)
        assert output.exists() == imports, name
        if imports:
            assert run("validate", output).returncode == 0
            texts = [claim["text"] for claim in json.loads(output.read_text(encoding="utf-8"))["claims"]]
            assert any("\x1b]0;pwned\x07" in text and "\u202e" in text for text in texts), "kept as data"


def test_an_import_prints_nothing_that_acts_on_a_terminal_and_keeps_the_texts_as_data(tmp_path: Path) -> None:
    from tests.test_argdown import argmap_cli

    source = tmp_path / "hostile \x1b]0;pwned\x07.argdown"
    source.write_text(
        "# \x1b]0;pwned\x07Title \u202eesrever\n\n"
        "[\x1b[5mblink]: Terminal tricks: \x1b]0;pwned\x07 a title, \x9b2J the 8-bit CSI\n  +> [ghost \x1b[2J]\n"
        "  -> [other]: Another \x1b[5mBLINK\x1b[25m\n",
        encoding="utf-8",
    )
    output = tmp_path / "out.json"
    result = argmap_cli("import", source, "--author", "Zoë \x1b[5m\u202e", "--output", output)
    printed = result.stdout + result.stderr
    assert result.returncode == 0, printed
    assert not [character for character in POISON if character in printed]
    assert "[ghost \\u001b[2J] has no text" in printed, "the warning names the statement, its escape as a code"
    claims = {claim.id: claim for claim in Document.open(output).argument_map.claims}
    assert "[5mblink" in claims and claims["[5mblink"].text.endswith("\x9b2J the 8-bit CSI"), "kept as data"
    assert claims["other"].text == "Another \x1b[5mBLINK\x1b[25m"
