"""The Argdown importer's bad-input battery: each broken file gets one plain sentence naming the file and the place,
exit status 1, and no map written. Argdown's syntax errors are its parser's own words, at its line and column."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_argdown import argmap_cli


def relations_json(relation_type: str = "support", to: str = "b", from_type: str = "equivalence-class") -> bytes:
    statements = {"a": {"members": [{"text": "A."}]}, "b": {"members": [{"text": "B."}]}}
    relation = {"relationType": relation_type, "from": "a", "fromType": from_type, "to": to,
                "toType": "equivalence-class"}
    return json.dumps({"statements": statements, "relations": [relation]}).encode()


MAP_HEADING = b'# T {"argmap": {"format_version": 1, "authors": [{"id": "x", "name": "X"}]}}\n\n'

CASES: dict[str, tuple[str, bytes, str]] = {
    "empty file": ("map.argdown", b"", "is empty; there is nothing to import"),
    "only blank lines": ("map.argdown", b"  \n\n\t\n", "is empty; there is nothing to import"),
    "empty JSON file": ("parsed.json", b"", "is empty; there is nothing to import"),
    "truncated JSON": ("parsed.json", b'{"statements": {"a": {"members": [',
                       "line 1, column 34: not valid JSON: EOF while parsing a list"),
    "not JSON": ("parsed.json", b"{statements: yes}", "line 1, column 2: not valid JSON: key must be a string"),
    "a JSON list": ("parsed.json", b"[1, 2]", "not Argdown's JSON: the file holds a JSON list, not an object"),
    "no statements": ("parsed.json", b'{"statements": {}, "relations": []}',
                      "holds no statements or arguments; there is nothing to import"),
    "statements as a list": ("parsed.json", b'{"statements": [], "relations": []}',
                             "statements: must be an object of statements by title, not a JSON list"),
    "relations as an object": ("parsed.json", b'{"statements": {"a": {"members": [{"text": "A"}]}}, "relations": {}}',
                               "relations: must be a list, not a JSON object"),
    "a statement as a string": ("parsed.json", b'{"statements": {"a": "A"}, "relations": []}',
                                "statement [a]: must be an object, not a JSON string"),
    "members as a string": ("parsed.json", b'{"statements": {"a": {"members": "A"}}, "relations": []}',
                            "statement [a]: its members must be a list of objects"),
    "a relation to a missing statement": ("parsed.json", relations_json(to="ghost"),
                                          "relation 1: it goes to [ghost], which the file does not hold"),
    "an unknown relation type": ("parsed.json", relations_json("implies"),
                                 "relation [a] implies [b]: has the relation type 'implies', which argmap does not "
                                 "know (it knows support, entails, attack, contrary, contradictory, undercut)"),
    "an unknown node type": ("parsed.json", relations_json(from_type="group"),
                             "relation 1: its fromType is 'group'; argmap reads statements, arguments and "
                             "inferences"),
    "a cycle of one": ("map.argdown", b"[a]: A claim.\n  +> [b]\n\n[b]: B.\n  -> [a]\n  _> [b]\n",
                       "relation [b] undercut [b]: goes from a claim to itself; argmap links two different claims"),
    "a syntax error": ("map.argdown", b"<a>: An argument.\n\n(1) A premise.\n(2) Another.\n",
                       "line 4, column 13: Argdown cannot read this: Missing inference. Use four hyphens (----) "
                       "between two numbered statements to insert an inference in your premise-conclusion-structure "
                       "and mark the latter statement as a conclusion."),
    "a file of comments": ("map.argdown", b"// nothing but a comment\n",
                           "line 1, column 25: Argdown cannot read this: Expecting: expecting at least one iteration "
                           "which starts with one of these possible Token sequences: … but found: ''"),
    "a data block that is not YAML": ("map.argdown", b'[a]: A claim.\n  {"argmap": {"note": "x}\n',
                                      "line 2: a data block is not valid YAML: unexpected end of the stream within "
                                      "a double quoted scalar"),
    "argmap data of the wrong type": ("map.argdown", b'[a]: A claim.\n  {"argmap": {"topics": 5}}\n',
                                      "line 1, statement [a]: argmap data: topics is not valid: input should be a "
                                      "valid list"),
    "a newer map format": ("map.argdown", b'# T {"argmap": {"format_version": 9}}\n\n[a]: A.\n',
                           "line 1, heading “T”: made by a newer argmap (map format 9); this argmap reads format 1"),
    "an author nobody lists": ("map.argdown", MAP_HEADING + b'## Y {"argmap": {"author": "y"}}\n\n[a]: A.\n',
                               "line 5, statement [a]: its heading names the author 'y', whom the map's data does "
                               "not list"),
    "a quote of a missing source": ("map.argdown", MAP_HEADING + b'## X {"argmap": {"author": "x"}}\n\n[a]: A.\n'
                                    b'  {"argmap": {"quote": {"source": "s", "text": "q"}}}\n',
                                    "line 5, statement [a]: quote.source: no source has the id 's'"),
    "UTF-16": ("map.argdown", "[a]: A claim.\n".encode("utf-16"),
               "is UTF-16 text; argmap reads maps in UTF-8: save it as UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)"),
    "Latin-1": ("map.argdown", "[a]: Año.\n".encode("latin-1"), "byte 6: not UTF-8 text"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_broken_file_is_one_sentence_and_no_map(tmp_path: Path, case: str) -> None:
    name, data, message = CASES[case]
    source = tmp_path / name
    source.write_bytes(data)
    result = argmap_cli("import", source, "--from", "argdown", "--author", "Ann")
    assert result.returncode == 1, result.stdout
    assert result.stderr == f"{source}: {message}\n"
    assert result.stdout == ""
    assert [path.name for path in tmp_path.iterdir()] == [name], "no map is written"


def test_a_json_file_is_imported_beside_itself_under_another_name(tmp_path: Path) -> None:
    source = tmp_path / "parsed.json"
    source.write_bytes(relations_json())
    result = argmap_cli("import", source, "--author", "Ann")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{tmp_path / 'parsed.argmap.json'}: 2 claims and 1 link imported from {source}"
