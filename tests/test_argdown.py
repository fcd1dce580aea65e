"""Argdown out and in, checked by Argdown's own parser (`argdown json`, npm `@argdown/cli`, see `tests/js_tools.py`):
every export parses and holds our statements with our texts and our relations; a map exported and imported back
is the same file, byte for byte; a file written by hand imports as the README's table says."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from argmap.filters import ClaimFilter
from argmap.formats.argdown import data_block, escape, titles_for, write
from argmap.index import MapIndex
from argmap.model import MAP_ADAPTER, ArgumentMap, Relation
from argmap.selection import select
from argmap.store import dump_map, load_map
from tests.conftest import BUNDLED_MAP, ROOT
from tests.hostile import HOSTILE_TEXTS, POISON, hostile_document
from tests.hostile import shown as hostile_shown
from tests.js_tools import argdown_json, with_argdown_on_path

ARGDOWN_TYPES = {Relation.SUPPORTS: "support", Relation.CONTRADICTS: "attack", Relation.QUALIFIES: "undercut"}
"""What Argdown's parser calls each of our relations between two statements in loose mode."""


def argmap_cli(*arguments: str | Path, argdown: bool = True) -> subprocess.CompletedProcess[str]:
    """The real command line, with Argdown's parser on PATH (or with no PATH at all)."""
    environment = with_argdown_on_path() if argdown else {"PYTHONIOENCODING": "utf-8", "PATH": ""}
    return subprocess.run([sys.executable, "-m", "argmap", *map(str, arguments)], capture_output=True, text=True,
                          cwd=ROOT, env=environment, timeout=300)


def hostile_map_file(folder: Path) -> Path:
    """The hostile map as argmap saves it (the form a round trip is compared with)."""
    path = folder / "hostile.json"
    path.write_bytes(dump_map(MAP_ADAPTER.validate_python(hostile_document())))
    return path


def expected_text(text: str) -> str:
    """What a statement should show of a claim's text, read apart from argmap's code: no control characters or
    direction overrides, line breaks as spaces, trimmed."""
    return re.sub("[\n\u2028\u2029]", " ", hostile_shown(text)).strip()


def assert_parser_reads(path: Path, argument_map: ArgumentMap) -> dict[str, Any]:
    """Argdown's parser reads the file with exit 0 and finds each claim as one statement with its text, and each
    link as a relation of its type from and to the right statements; return the parser's JSON."""
    result = argdown_json(path)
    assert result.returncode == 0, result.stderr
    parsed = json.loads(result.stdout)
    title_of: dict[str, str] = {}
    for title, statement in parsed["statements"].items():
        data = statement.get("data", {}).get("argmap", {})
        claim_id = data.get("id", title)
        assert claim_id not in title_of, f"{claim_id} is two statements"
        title_of[claim_id] = title
        texts = [member["text"] for member in statement["members"]
                 if member["role"] == "top-level-statement" and not member.get("isReference")]
        claim = next(claim for claim in argument_map.claims if claim.id == claim_id)
        assert texts == [expected_text(claim.text)], claim_id
        assert data.get("text", texts[0]) == claim.text, claim_id
    assert set(title_of) == {claim.id for claim in argument_map.claims}
    relations = [(r["from"], r["to"], r["relationType"]) for r in parsed["relations"]]
    expected = [(title_of[link.source_id], title_of[link.target_id], ARGDOWN_TYPES[link.relation])
                for link in argument_map.links]
    assert sorted(relations) == sorted(expected)
    assert parsed["arguments"] == {}
    return parsed


# Export, read by Argdown's parser


@pytest.mark.parametrize("name", ["bundled", "hostile"])
def test_every_claim_and_link_is_read_by_argdown_as_we_wrote_it(tmp_path: Path, name: str) -> None:
    source = BUNDLED_MAP if name == "bundled" else hostile_map_file(tmp_path)
    output = tmp_path / f"{name}.argdown"
    result = argmap_cli("export", source, "--format", "argdown", "--output", output)
    assert result.returncode == 0, result.stderr
    written = output.read_text(encoding="utf-8")
    assert not [character for character in POISON if character in written]
    parsed = assert_parser_reads(output, load_map(source).argument_map)
    if name == "hostile":
        texts = {member.get("text") for statement in parsed["statements"].values() for member in statement["members"]}
        assert "Quoting [/] a source [sic] [emphasis added] [/i] [b]not bold[/b] [@click=app.quit]x[/]" in texts
        assert "%3 $5 `backticks` *stars* _under_ # hash ~tilde~ 1. not a list" in texts


@pytest.mark.parametrize("selection", [
    ["--author", "Duncan Wood"], ["--topic", "drugs"], ["--relation", "qualifies"],
    ["--focus", "wood-mexico-vital-role", "--depth", "2"], ["--author", "wayne", "--relation", "contradicts"],
])
def test_a_selection_is_read_by_argdown_and_imports_as_a_map_of_its_own(tmp_path: Path, selection: list[str]) -> None:
    output = tmp_path / "selection.argdown"
    result = argmap_cli("export", BUNDLED_MAP, "--format", "argdown", "--output", output, *selection)
    assert result.returncode == 0, result.stderr
    imported = tmp_path / "selection.json"
    result = argmap_cli("import", output, "--output", imported)
    assert result.returncode == 0, result.stderr
    argument_map = load_map(imported).argument_map
    assert_parser_reads(output, argument_map)
    index = MapIndex(load_map(BUNDLED_MAP).argument_map)
    claim_filter = ClaimFilter(
        authors=frozenset({"wood"} if "Duncan Wood" in selection else {"wayne"} if "wayne" in selection else ()),
        topics=frozenset({"drugs"} if "drugs" in selection else ()),
        relations=frozenset(Relation(word) for word in selection if word in {"qualifies", "contradicts"}),
    )
    focus = "wood-mexico-vital-role" if "--focus" in selection else None
    claims, links = select(index, claim_filter, focus, 2)
    assert argument_map.claims == claims and argument_map.links == links
    assert {author.id for author in argument_map.authors} == {claim.author for claim in claims}
    assert {source.id for source in argument_map.sources} == {claim.quote.source for claim in claims if claim.quote}
    assert argument_map.title.startswith(index.map.title + " — ")


# Round trip


@pytest.mark.parametrize("name", ["bundled", "hostile"])
def test_a_map_exported_and_imported_back_is_the_same_file(tmp_path: Path, name: str) -> None:
    source = BUNDLED_MAP if name == "bundled" else hostile_map_file(tmp_path)
    exported = tmp_path / "exported.argdown"
    assert argmap_cli("export", source, "--format", "argdown", "-o", exported).returncode == 0
    back = tmp_path / "back.json"
    result = argmap_cli("import", exported, "--output", back)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", "nothing is lost, so there is nothing to warn about"
    assert back.read_bytes() == source.read_bytes()


def test_the_parsers_json_imports_as_the_same_map_found_by_its_content(tmp_path: Path) -> None:
    exported = tmp_path / "map.argdown"
    assert argmap_cli("export", BUNDLED_MAP, "--format", "argdown", "-o", exported).returncode == 0
    parsed = argdown_json(exported)
    assert parsed.returncode == 0
    as_json = tmp_path / "parsed.json"
    as_json.write_text(parsed.stdout, encoding="utf-8")
    back = tmp_path / "back.json"
    result = argmap_cli("import", as_json, "--output", back, argdown=False)  # no parser needed, no --from
    assert result.returncode == 0, result.stderr
    assert back.read_bytes() == BUNDLED_MAP.read_bytes()


def test_the_link_order_is_kept_only_where_the_file_order_differs() -> None:
    document = {"format_version": 1, "title": "T", "authors": [{"id": "a", "name": "A"}],
                "claims": [{"id": f"c{n}", "author": "a", "text": f"Claim {n}."} for n in range(3)],
                "links": [{"from": "c0", "to": "c1"}, {"from": "c2", "to": "c1"}]}
    index = MapIndex(MAP_ADAPTER.validate_python(document))
    claims, links = select(index, ClaimFilter())
    assert '"at"' not in write(index, claims, links)
    assert '"at": 0' in write(index, claims, links[::-1]) and '"at": 1' in write(index, claims, links[::-1])


# Writing, piece by piece


def test_every_ascii_punctuation_character_is_escaped_and_nothing_else() -> None:
    assert escape("a // b *c* _d_ [e] <f> {g} #h \\ ok, ü 1.") == (
        "a \\/\\/ b \\*c\\* \\_d\\_ \\[e\\] \\<f\\> \\{g\\} \\#h \\\\ ok\\, ü 1\\."
    )


def test_data_blocks_escape_braces_inside_strings_only() -> None:
    block = data_block({"note": "a } b { c", "topics": ["x\u202ey"]})
    assert block == '{"argmap": {"note": "a \\u007d b \\u007b c", "topics": ["x\\u202ey"]}}'
    assert json.loads(block) == {"argmap": {"note": "a } b { c", "topics": ["x\u202ey"]}}


def test_plain_ids_are_titles_and_others_get_titles_no_id_can_have() -> None:
    document = hostile_document()
    titles = titles_for(MAP_ADAPTER.validate_python(document).claims)
    assert titles["claim:1"] == "claim:1" and titles["c6"] == "c6"
    assert titles['say"no"'] == "claim 2" and titles["<b>"] == "claim 5" and titles["{brace}"] == "claim 4"
    assert len(set(titles.values())) == len(HOSTILE_TEXTS)


# Import of files argmap did not write


HAND_WRITTEN = """\
# Energy policy

[Nuclear]: Nuclear power is safe. #energy
  + [Record]: Its safety record is good.
  -> [Waste]

[Waste]: Waste storage is unsolved.
  >< [Solved]

<Cheap power>: Nuclear power is cheap over its lifetime.

(1) [Costs]: Running costs are low.
(2) Plants run for 60 years.
----
(3) [Nuclear]

[Solved]: Storage is *solved*. // for now
  _> [Record]
  +> [Ghost]
"""


def test_a_hand_written_file_imports_by_the_readme_table(tmp_path: Path) -> None:
    source = tmp_path / "energy.argdown"
    source.write_text(HAND_WRITTEN, encoding="utf-8")
    output = tmp_path / "energy.json"
    result = argmap_cli("import", source, "--author", "Ann Lee")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{output}: 8 claims and 9 links imported from {source}"
    assert result.stderr.splitlines() == [
        f"{source}: warning: line 19, statement [Ghost] has no text; its title is used as its text",
        f"{source}: warning: argmap keeps the words of 1 statement but not their bold, italic or link addresses "
        "(the first: line 17, statement [Solved])",
    ]
    argument_map = load_map(output).argument_map
    assert argument_map.title == "Energy policy"
    assert [(a.id, a.name) for a in argument_map.authors] == [("ann-lee", "Ann Lee")]
    claims = {claim.id: claim for claim in argument_map.claims}
    assert list(claims) == ["Nuclear", "Record", "Waste", "Cheap-power", "Costs", "Untitled-1", "Solved", "Ghost"]
    assert claims["Nuclear"].text == "Nuclear power is safe." and claims["Nuclear"].topics == ["energy",
                                                                                                 "Energy policy"]
    assert claims["Solved"].text == "Storage is solved.", "Argdown drops the emphasis marks and the comment"
    assert claims["Cheap-power"].text == "Nuclear power is cheap over its lifetime."
    links = {(link.source_id, link.relation.value, link.target_id) for link in argument_map.links}
    assert links == {
        ("Record", "supports", "Nuclear"), ("Nuclear", "contradicts", "Waste"),
        ("Waste", "contradicts", "Solved"), ("Solved", "contradicts", "Waste"),  # contradictory: both ways
        ("Solved", "qualifies", "Record"), ("Solved", "supports", "Ghost"),
        ("Costs", "supports", "Cheap-power"), ("Untitled-1", "supports", "Cheap-power"),  # premises
        ("Cheap-power", "supports", "Nuclear"),  # the argument supports its conclusion
    }


def test_data_argmap_does_not_know_is_left_out_and_said(tmp_path: Path) -> None:
    source = tmp_path / "data.argdown"
    source.write_text('# Topic {"color": "red"}\n\n[a]: A claim. {"isInMap": true}\n', encoding="utf-8")
    result = argmap_cli("import", source, "--author", "X")
    assert result.returncode == 0, result.stderr
    assert result.stderr == (f"{source}: warning: argmap leaves out the data that is not its own in 2 places (the "
                             "first: line 1, heading “Topic”)\n")
    [claim] = load_map(tmp_path / "data.json").argument_map.claims
    assert (claim.text, claim.topics) == ("A claim.", ["Topic"])


def test_without_an_author_the_claims_are_credited_to_one_and_it_is_said(tmp_path: Path) -> None:
    source = tmp_path / "one.argdown"
    source.write_text("[a]: A claim.\n  -> [b]\n\n[b]: Another.\n  -> [a]\n", encoding="utf-8")
    result = argmap_cli("import", source)
    assert result.returncode == 0, result.stderr
    assert f"{source}: warning: the file names no author for 2 claims; they are credited to 'Unknown' (give a " \
           "name with --author)" in result.stderr
    links = load_map(tmp_path / "one.json").argument_map.links
    assert [(link.source_id, link.target_id) for link in links] == [("a", "b"), ("b", "a")], "a cycle is a map"


def test_strict_mode_relations_map_by_the_table(tmp_path: Path) -> None:
    source = tmp_path / "strict.argdown"
    source.write_text("===\nmodel:\n  mode: strict\n===\n\n[a]: A.\n  +> [b]\n  -> [c]\n\n[b]: B.\n\n[c]: C.\n",
                      encoding="utf-8")
    result = argmap_cli("import", source, "--author", "X")
    assert result.returncode == 0, result.stderr
    links = {(link.source_id, link.relation.value, link.target_id)
             for link in load_map(tmp_path / "strict.json").argument_map.links}
    assert links == {("a", "supports", "b"), ("a", "contradicts", "c"), ("c", "contradicts", "a")}


def test_an_argdown_file_without_the_parser_says_how_to_install_it(tmp_path: Path) -> None:
    source = tmp_path / "map.argdown"
    source.write_text("[a]: A claim.\n", encoding="utf-8")
    result = argmap_cli("import", source, argdown=False)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"{source}: reading an .argdown file needs Argdown's own parser, the `argdown` command, which is not "
        "installed; install Node.js, then `npm install -g @argdown/cli`, or give argmap the JSON that "
        "`argdown json FILE --stdout --silent` writes"
    )
    assert not (tmp_path / "map.json").exists()


def test_a_configuration_file_beside_the_file_is_not_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    (tmp_path / "argdown.config.js").write_text(
        f"require('fs').writeFileSync({json.dumps(str(marker))}, 'x'); module.exports = {{}};\n", encoding="utf-8")
    (tmp_path / "argdown.config.json").write_text('{"model": {"mode": "strict"}}', encoding="utf-8")
    source = tmp_path / "[odd] name*.argdown"
    source.write_text("[a]: A.\n  -> [b]\n\n[b]: B.\n", encoding="utf-8")
    result = argmap_cli("import", source, "--author", "X")
    assert result.returncode == 0, result.stderr
    assert not marker.exists()
    [link] = load_map(tmp_path / "[odd] name*.json").argument_map.links  # strict mode would make it two
    assert (link.source_id, link.relation, link.target_id) == ("a", Relation.CONTRADICTS, "b")
