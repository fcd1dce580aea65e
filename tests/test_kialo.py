"""Kialo's discussion text in and out: a discussion with links, escapes, continuation lines and `-> See` reuse
imports; our exports load in arguebuf (a third-party Kialo reader) with the claims and relations of the tree,
counted independently with networkx, and come back through our reader; bad files get one plain sentence."""

from __future__ import annotations

import io
import json
import re
import warnings
from pathlib import Path

import networkx
import pytest

from argmap.filters import ClaimFilter
from argmap.formats.kialo import default_root, to_kialo
from argmap.index import MapIndex
from argmap.model import MAP_ADAPTER, ArgumentMap, Relation
from argmap.selection import select
from argmap.store import load_map
from tests.conftest import BUNDLED_MAP, run_argmap
from tests.hostile import hostile_document, shown

DISCUSSION = """Discussion Title: Should cities ban cars from their centres?

1. Cities should ban cars from their centres.
1.1. Pro: Car-free centres have cleaner air, as [a 2019 study](https://example.org/air(2019)) found.
1.1.1. Con: The study measured one city \\[Madrid\\] only.
1.1.2. Pro: Asthma admissions fell too.
A second paragraph of the same claim,
- a list, not a new line.
1.2. Con: Shops in the centre would lose customers.
1.2.1. Con: -> See 1.1.2.
1.2.2. Pro: Deliveries need roads \\*all day\\*.
1.3. Pro: -> See 1.1.1.
"""


def write(folder: Path, text: str, name: str = "discussion.txt") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def import_map(folder: Path, path: Path, *options: str) -> ArgumentMap:
    output = folder / "imported.json"
    result = run_argmap("import", path, "--output", output, *options)
    assert result.returncode == 0, result.stderr
    return load_map(output).argument_map


def test_a_discussion_imports_with_its_stances_links_and_reuse(tmp_path: Path) -> None:
    argument_map = import_map(tmp_path, write(tmp_path, DISCUSSION), "--author", "Kialo users")
    assert argument_map.title == "Should cities ban cars from their centres?"
    assert [author.name for author in argument_map.authors] == ["Kialo users"]
    texts = {claim.id: claim.text for claim in argument_map.claims}
    assert texts == {
        "1": "Cities should ban cars from their centres.",
        "1.1": "Car-free centres have cleaner air, as a 2019 study (https://example.org/air(2019)) found.",
        "1.1.1": "The study measured one city [Madrid] only.",
        "1.1.2": "Asthma admissions fell too.\nA second paragraph of the same claim,\n- a list, not a new line.",
        "1.2": "Shops in the centre would lose customers.",
        "1.2.2": "Deliveries need roads *all day*.",
    }
    links = {(link.source_id, link.target_id, link.relation) for link in argument_map.links}
    assert links == {
        ("1.1", "1", Relation.SUPPORTS), ("1.1.1", "1.1", Relation.CONTRADICTS), ("1.1.2", "1.1", Relation.SUPPORTS),
        ("1.2", "1", Relation.CONTRADICTS), ("1.1.2", "1.2", Relation.CONTRADICTS),
        ("1.2.2", "1.2", Relation.SUPPORTS), ("1.1.1", "1", Relation.SUPPORTS),
    }


def test_the_format_comes_from_the_suffix_or_the_content_and_nobody_named_is_said(tmp_path: Path) -> None:
    path = write(tmp_path, DISCUSSION, "export.kialo")
    result = run_argmap("import", path, "--output", tmp_path / "out.json")
    assert result.returncode == 0, result.stderr
    assert "they are by 'Unknown author' (name the author with --author NAME)" in result.stderr


def tree_counts(argument_map: ArgumentMap, root: str) -> tuple[int, int]:
    """The claims and links of the discussion under `root`, counted with networkx: every claim with a path of
    links to the root, and every link into one of them."""
    graph = networkx.MultiDiGraph()
    graph.add_nodes_from(claim.id for claim in argument_map.claims)
    graph.add_edges_from((link.source_id, link.target_id) for link in argument_map.links)
    tree = networkx.ancestors(graph, root) | {root}
    return len(tree), sum(1 for link in argument_map.links if link.target_id in tree)


def arguebuf_counts(text: str) -> tuple[int, int]:
    import arguebuf

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        graph = arguebuf.load.kialo(io.StringIO(text))
    return len(graph.atom_nodes), len(graph.scheme_nodes)


@pytest.mark.parametrize("name", ["bundled", "hostile"])
def test_arguebuf_reads_our_kialo_with_every_claim_and_relation_of_the_tree(name: str) -> None:
    argument_map = load_map(BUNDLED_MAP).argument_map if name == "bundled" else (
        MAP_ADAPTER.validate_python(hostile_document()))
    index = MapIndex(argument_map)
    claims, links = select(index, ClaimFilter())
    root = default_root(claims, links)
    text = to_kialo(index, claims, links, root)
    assert arguebuf_counts(text) == tree_counts(argument_map, root)


def test_the_default_root_has_the_most_of_the_map_beneath_it() -> None:
    argument_map = load_map(BUNDLED_MAP).argument_map
    index = MapIndex(argument_map)
    claims, links = select(index, ClaimFilter())
    root = default_root(claims, links)
    sizes = {claim.id: tree_counts(argument_map, claim.id)[0] for claim in argument_map.claims}
    assert sizes[root] >= 0.9 * max(sizes.values()), "a tree of reasons, not a leaf"
    result = run_argmap("export", BUNDLED_MAP, "--format", "kialo")
    assert result.stdout.splitlines()[2] == f"1. {index.claims[root].text}"
    claims_in_tree, links_in_tree = tree_counts(argument_map, root)
    left_out = len(argument_map.claims) - claims_in_tree
    assert (f"argmap: the discussion holds {claims_in_tree} claims and {links_in_tree} links, the tree under "
            f"{root!r}; {left_out} claims selected are not under it and left out") in result.stderr


def test_a_claim_reached_twice_is_a_see_line_and_qualifies_is_con(tmp_path: Path) -> None:
    document = {
        "format_version": 1, "title": "T", "authors": [{"id": "a", "name": "A"}],
        "claims": [{"id": name, "author": "a", "text": f"Claim {name}."} for name in ("r", "x", "y", "z")],
        "links": [{"from": "x", "to": "r", "relation": "supports"}, {"from": "y", "to": "r", "relation": "qualifies"},
                  {"from": "z", "to": "x", "relation": "contradicts"}, {"from": "z", "to": "y", "relation": "supports"},
                  {"from": "r", "to": "z", "relation": "supports"}],
    }
    path = tmp_path / "map.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    result = run_argmap("export", path, "--format", "kialo", "--root", "r")
    assert result.returncode == 0, result.stderr
    assert result.stdout == ("Discussion Title: T\n\n1. Claim r.\n1.1. Pro: Claim x.\n1.1.1. Con: Claim z.\n"
                             "1.1.1.1. Pro: -> See 1.\n1.2. Con: Claim y.\n1.2.1. Pro: -> See 1.1.1.\n")
    assert "argmap: 1 qualifying link written as Con: Kialo has only Pro and Con" in result.stderr


def test_the_root_must_be_a_claim_selected_and_goes_with_kialo_only() -> None:
    unknown = run_argmap("export", BUNDLED_MAP, "--format", "kialo", "--root", "no-such-claim")
    assert (unknown.returncode, unknown.stderr) == (1, "argmap: the root 'no-such-claim' is not a claim of the map\n")
    other = run_argmap("export", BUNDLED_MAP, "--format", "kialo", "--author", "Coleman",
                       "--root", "pereira-more-at-stake")
    assert other.stderr == "argmap: the root 'pereira-more-at-stake' is not among the claims selected\n"
    wrong_format = run_argmap("export", BUNDLED_MAP, "--format", "md", "--root", "pereira-more-at-stake")
    assert wrong_format.returncode == 1
    assert "--root chooses the thesis of a Kialo discussion; it goes with --format kialo only" in wrong_format.stderr


def test_our_kialo_comes_back_through_our_reader(tmp_path: Path) -> None:
    source = tmp_path / "hostile.json"
    source.write_text(json.dumps(hostile_document(), ensure_ascii=False), encoding="utf-8")
    exported = tmp_path / "hostile.txt"
    assert run_argmap("export", source, "--format", "kialo", "--output", exported).returncode == 0
    back = import_map(tmp_path, exported)
    assert sorted(claim.text for claim in back.claims) == sorted(
        shown(claim["text"]) for claim in hostile_document()["claims"])
    tricky = "Intro\n1.2. Pro: not a line\n-> See 1.\n\\[x\\] and \\ and [y](z)"
    document = {"format_version": 1, "title": "T", "authors": [{"id": "a", "name": "A"}],
                "claims": [{"id": "r", "author": "a", "text": "-> See 1."}, {"id": "c", "author": "a", "text": tricky}],
                "links": [{"from": "c", "to": "r", "relation": "contradicts"}]}
    source.write_text(json.dumps(document), encoding="utf-8")
    exported.unlink()
    assert run_argmap("export", source, "--format", "kialo", "--output", exported).returncode == 0
    (tmp_path / "imported.json").unlink()
    back = import_map(tmp_path, exported)
    assert [claim.text for claim in back.claims] == ["-> See 1.", tricky]
    assert [(link.source_id, link.target_id, link.relation) for link in back.links] == [
        ("1.1", "1", Relation.CONTRADICTS)]


BAD_FILES: dict[str, tuple[str, str]] = {
    "empty": ("", r"is empty; a Kialo discussion starts with 'Discussion Title: \.\.\.'"),
    "blank lines": ("\n\n  \n", r"is empty"),
    "no title": ("1. A thesis.\n1.1. Pro: x\n", r"line 1: a Kialo discussion starts with 'Discussion Title: \.\.\.'"),
    "truncated": ("Discussion Title: T\n\n", r"has no thesis: the line '1\. text' must follow the title"),
    "text before the thesis": ("Discussion Title: T\n\nHello\n1. A thesis.\n",
                               r"line 3: the thesis, '1\. text', must come first"),
    "thesis not first": ("Discussion Title: T\n\n1.1. Pro: x\n",
                         r"line 3: the first claim must be the thesis, numbered 1\., not 1\.1\."),
    "two theses": ("Discussion Title: T\n\n1. A.\n2. B.\n", r"line 4: a discussion has one thesis, numbered 1\."),
    "missing parent": ("Discussion Title: T\n\n1. A.\n1.1. Pro: B.\n1.2.1. Con: C.\n",
                       r"line 5: 1\.2\.1\. has no parent: no line numbered 1\.2\. comes before it"),
    "out of order": ("Discussion Title: T\n\n1. A.\n1.2. Pro: B.\n1.1. Con: C.\n",
                     r"line 5: 1\.1\. is out of order: it comes after 1\.2\."),
    "back into a finished branch": ("Discussion Title: T\n\n1. A.\n1.1. Pro: B.\n1.2. Pro: C.\n1.1.1. Con: D.\n",
                                    r"line 6: 1\.1\.1\. is out of order"),
    "repeated number": ("Discussion Title: T\n\n1. A.\n1.1. Pro: B.\n1.1. Con: C.\n",
                        r"line 5: 1\.1\. is the number of line 4 too"),
    "no stance": ("Discussion Title: T\n\n1. A.\n1.1. Maybe: B.\n", r"line 4: 1\.1\. needs 'Pro:' or 'Con:'"),
    "empty claim": ("Discussion Title: T\n\n1. A.\n1.1. Pro: \n", r"line 4: 1\.1\. has no text"),
    "see nowhere": ("Discussion Title: T\n\n1. A.\n1.1. Pro: -> See 1.7.\n",
                    r"line 4: -> See 1\.7\. names no line of the discussion"),
    "see itself, a cycle": ("Discussion Title: T\n\n1. A.\n1.1. Pro: B.\n1.1.1. Con: -> See 1.1.\n",
                            r"line 5: 1\.1\.1\. puts claim 1\.1 under itself"),
    "see in a circle": ("Discussion Title: T\n\n1. A.\n1.1. Pro: -> See 1.2.\n1.2. Pro: -> See 1.1.\n",
                        r"line \d: the -> See lines from 1\.\d\. lead round in a circle"),
    "not utf-8": ("Discussion Title: Año\n\n1. A.\n", r"is not UTF-8 text \(byte 19\)"),
}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_a_bad_discussion_is_one_plain_sentence_and_no_map(tmp_path: Path, name: str) -> None:
    text, message = BAD_FILES[name]
    path = tmp_path / "bad.txt"
    path.write_bytes(text.encode("latin-1" if name == "not utf-8" else "utf-8"))
    output = tmp_path / "out.json"
    result = run_argmap("import", path, "--output", output)
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert re.fullmatch(rf"{re.escape(str(path))}: ({message}).*", lines[0]), lines[0]
    assert not output.exists()


def test_a_web_of_claims_stays_shallow_and_reads_back_whole(tmp_path: Path) -> None:
    """Each claim supports the thesis and the claim before it: depth first, that is a tree 300 levels deep (each
    line's number spelling its path); past 40 levels a claim met first is a `-> See` line down to a shorter place."""
    count = 300
    claims = [{"id": "t", "author": "a", "text": "Thesis."}]
    claims += [{"id": f"c{n}", "author": "a", "text": f"Reason {n}."} for n in range(count)]
    links = [{"from": f"c{n}", "to": "t", "relation": "supports"} for n in range(count)]
    links += [{"from": f"c{n}", "to": f"c{n - 1}", "relation": "contradicts"} for n in range(1, count)]
    path = tmp_path / "web.json"
    path.write_text(json.dumps({"format_version": 1, "title": "Web", "authors": [{"id": "a", "name": "A"}],
                                "claims": claims, "links": links}), encoding="utf-8")
    exported = tmp_path / "web.txt"
    assert run_argmap("export", path, "--format", "kialo", "--root", "t", "--output", exported).returncode == 0
    lines = exported.read_text(encoding="utf-8").splitlines()[2:]
    assert max(line.split(". ", 1)[0].count(".") for line in lines) <= 41
    written = [line for line in lines if "-> See" not in line]
    assert len(written) == count + 1, "every claim written in full once"
    back = import_map(tmp_path, exported)
    assert sorted(claim.text for claim in back.claims) == sorted(claim["text"] for claim in claims)
    assert len(back.links) == len(links)
