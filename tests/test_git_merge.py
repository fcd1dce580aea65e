"""`argmap diff`, `argmap merge` and git: real processes, real files, and real git in a temporary repository."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import BUNDLED_MAP, run_argmap, small_map_document, write_map
from tests.hostile import HOSTILE_TITLE, POISON, broken_files, prying_map, write_hostile_map

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _map(folder: Path, name: str, change: dict | None = None) -> Path:
    """The small map, with `change` (claim id -> new text) applied, as `name` in `folder`."""
    document = small_map_document()
    for claim in document["claims"]:
        claim["text"] = (change or {}).get(claim["id"], claim["text"])
    return write_map(folder, document, name)


# diff


def test_diff_exits_0_for_the_same_map_1_for_changes_2_for_a_file_that_is_not_a_map(tmp_path: Path) -> None:
    old = _map(tmp_path, "old.json")
    new = _map(tmp_path, "new.json", {"c2": "Mexico is a reliable security partner."})
    same = run_argmap("diff", old, old)
    changed = run_argmap("diff", old, new)
    assert (same.returncode, same.stdout) == (0, "")
    assert changed.returncode == 1
    assert changed.stdout == "~ claim c2: text: Mexico is a {+reliable +}security partner.\n"
    machine = json.loads(run_argmap("diff", old, new, "--json").stdout)
    assert machine["same"] is False
    assert machine["changes"][0] == {"field": "claims", "key": "c2", "change": "changed",
                                     "old": machine["changes"][0]["old"], "new": machine["changes"][0]["new"],
                                     "fields": [{"name": "text", "old": "Mexico is a security partner.",
                                                 "new": "Mexico is a reliable security partner."}]}
    missing = run_argmap("diff", old, tmp_path / "missing.json")
    assert missing.returncode == 2 and missing.stdout == ""
    assert missing.stderr.startswith(f"{tmp_path / 'missing.json'}: ") and "Traceback" not in missing.stderr


def test_a_strangers_files_given_to_diff_and_merge_get_plain_lines(tmp_path: Path) -> None:
    good = _map(tmp_path, "good.json")
    for name, path in broken_files(tmp_path).items():
        for result in (run_argmap("diff", good, path), run_argmap("merge", good, good, path)):
            output = result.stdout + result.stderr
            assert result.returncode == 2, (name, output)
            assert "Traceback" not in output and not [c for c in POISON if c in output], (name, output)
            assert result.stderr.splitlines()[0].startswith(f"{path}:"), (name, output)


def test_nothing_diff_or_merge_prints_acts_on_a_terminal(tmp_path: Path) -> None:
    hostile = write_hostile_map(tmp_path, "hostile \x1b]0;pwned\x07 map.json")
    document = json.loads(hostile.read_text(encoding="utf-8"))
    document["claims"][0]["text"] += " \x1b[2J more"
    document["title"] = "Other \x9b2J title"
    theirs = tmp_path / "theirs.json"
    theirs.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    ours = json.loads(hostile.read_text(encoding="utf-8"))
    ours["title"] = "Ours \u202e title"
    ours_path = tmp_path / "ours.json"
    ours_path.write_text(json.dumps(ours, ensure_ascii=False), encoding="utf-8")
    diff = run_argmap("diff", hostile, theirs)
    merged = run_argmap("merge", hostile, ours_path, theirs)
    for result in (diff, merged, run_argmap("diff", hostile, theirs, "--json")):
        output = result.stdout + result.stderr
        assert result.returncode == 1 and "Traceback" not in output, output
        assert not [character for character in POISON if character in output], output
    assert "\\u001b[2J more" in diff.stdout and "\\u009b2J" in diff.stdout
    assert json.loads(merged.stdout)["title"] == "Ours \u202e title", "the JSON printed is the same map"
    assert json.loads(run_argmap("diff", hostile, theirs, "--json").stdout)["changes"][0]["old"] == HOSTILE_TITLE


def test_diff_and_merge_read_no_file_outside_the_maps_folder(tmp_path: Path) -> None:
    path = prying_map(tmp_path)
    for result in (run_argmap("diff", path, path), run_argmap("merge", path, path, path)):
        assert result.returncode == 0 and "root:" not in result.stdout + result.stderr


# merge


def test_merge_writes_a_clean_merge_and_a_conflicted_one_that_keeps_ours_and_validates(tmp_path: Path) -> None:
    base = _map(tmp_path, "base.json")
    ours = _map(tmp_path, "ours.json", {"c1": "Ours on c1."})
    theirs = _map(tmp_path, "theirs.json", {"c3": "Theirs on c3."})
    clean = run_argmap("merge", base, ours, theirs, "--output", tmp_path / "clean.json")
    assert clean.returncode == 0, clean.stderr
    texts = [claim["text"] for claim in json.loads((tmp_path / "clean.json").read_text(encoding="utf-8"))["claims"]]
    assert texts[0] == "Ours on c1." and texts[2] == "Theirs on c3."

    theirs = _map(tmp_path, "theirs.json", {"c1": "Theirs on c1."})
    out = tmp_path / "conflicted.json"
    conflicted = run_argmap("merge", base, ours, theirs, "--output", out)
    assert conflicted.returncode == 1
    assert "merged with 1 conflict" in conflicted.stderr
    assert "claim “Trade ties bind the two countries.”: text changed" in conflicted.stderr, "named by its sentence"
    written = json.loads(out.read_text(encoding="utf-8"))
    assert written["claims"][0]["text"] == "Ours on c1."
    assert written["conflicts"][0]["changes"][0]["theirs"]["text"] == "Theirs on c1."
    validate = run_argmap("validate", out)
    assert validate.returncode == 0, validate.stdout
    assert "conflicts: warning: the last merge left 1 conflict to resolve" in validate.stdout
    again = run_argmap("merge", base, out, theirs)
    assert again.returncode == 2 and "holds conflicts from an earlier merge" in again.stderr


def test_the_schema_kept_in_the_repository_knows_the_conflicts() -> None:
    schema = json.loads((Path(__file__).parent.parent / "argmap" / "map.schema.json").read_text(encoding="utf-8"))
    assert "conflicts" in schema["properties"]
    assert run_argmap("schema").stdout == (Path(__file__).parent.parent / "argmap" / "map.schema.json").read_text(
        encoding="utf-8")


# git


def _stages(repository: Repository, ours: str, theirs: str) -> list[str]:
    """The map as the merge base, `ours` and `theirs` hold it, written to files for `git merge-file`."""
    base = repository.git("merge-base", ours, theirs).stdout.strip()
    paths = []
    for name, commit in (("ours", ours), ("base", base), ("theirs", theirs)):
        path = repository.folder / ".git" / f"stage-{name}.json"  # where git status does not look
        path.write_text(repository.git("show", f"{commit}:map.json").stdout, encoding="utf-8")
        paths.append(str(path))
    return paths


class Repository:
    """A temporary git repository with argmap set up as its merge and diff driver, a map committed on `main`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.environment = {
            **os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", "PYTHONIOENCODING": "utf-8",
            "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "Test",
            "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_PAGER": "cat", "GIT_EDITOR": "true",
        }
        self.git("init", "-q", "-b", "main")
        setup = subprocess.run([sys.executable, "-m", "argmap", "git-setup"], cwd=folder, env=self.environment,
                               capture_output=True, text=True, timeout=60)
        assert setup.returncode == 0, setup.stderr
        self.map = write_map(folder, small_map_document())
        self.git("add", "-A")
        self.git("commit", "-q", "-m", "base")

    def git(self, *arguments: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(["git", *arguments], cwd=self.folder, env=self.environment, capture_output=True,
                                text=True, timeout=120)
        assert result.returncode == 0 or not check, result.stdout + result.stderr
        return result

    def commit_on(self, branch: str, change: dict, new: bool = True) -> None:
        """Check out `branch` (made from main when `new`), change the map, commit."""
        self.git("checkout", "-q", *(["-b", branch, "main"] if new else [branch]))
        document = json.loads(self.map.read_text(encoding="utf-8"))
        for key, value in change.items():
            if key == "claims":
                document["claims"] = value(document["claims"])
            elif key == "links":
                document["links"] = value(document["links"])
            else:
                next(claim for claim in document["claims"] if claim["id"] == key)["text"] = value
        self.map.write_text(json.dumps(document, indent=2, ensure_ascii=False), encoding="utf-8")
        self.git("commit", "-q", "-a", "-m", f"change on {branch}")

    def merge(self, ours: str, theirs: str) -> subprocess.CompletedProcess[str]:
        self.git("checkout", "-q", ours)
        return self.git("merge", "--no-edit", theirs, check=False)

    def loaded(self) -> dict:
        return json.loads(self.map.read_text(encoding="utf-8"))

    def validate(self) -> subprocess.CompletedProcess[str]:
        return run_argmap("validate", self.map)


def test_git_setup_writes_the_attributes_and_the_drivers(tmp_path: Path) -> None:
    repository = Repository(tmp_path)
    assert (tmp_path / ".gitattributes").read_text(encoding="utf-8") == "*.json merge=argmap diff=argmap\n"
    assert "-m argmap merge --git %O %A %B --output %A" in repository.git("config", "merge.argmap.driver").stdout
    again = run_argmap("git-setup", cwd=tmp_path)
    assert again.returncode == 0
    assert (tmp_path / ".gitattributes").read_text(encoding="utf-8") == "*.json merge=argmap diff=argmap\n"
    outside = run_argmap("git-setup", cwd=Path("/"))
    assert outside.returncode == 1 and "is not inside a git repository" in outside.stderr


def test_branches_changing_different_claims_merge_through_the_driver_into_a_valid_map(tmp_path: Path) -> None:
    repository = Repository(tmp_path)
    def adding(claim_id: str) -> dict:
        return {"claims": lambda claims: [*claims, {"id": claim_id, "author": "bo", "text": f"New {claim_id}."}]}

    repository.commit_on("one", {"c1": "Edited on one.", **adding("c4")})
    repository.commit_on("main", {"c3": "Edited on main: the root [supports] of it.", **adding("c5")}, new=False)
    without_argmap = repository.git("merge-file", "-p", "--quiet", *_stages(repository, "main", "one"), check=False)
    assert without_argmap.returncode > 0, "a line merge of the same two branches conflicts: both added at the end"
    merged = repository.merge("main", "one")
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert repository.git("status", "--porcelain").stdout == ""
    texts = {claim["id"]: claim["text"] for claim in repository.loaded()["claims"]}
    assert texts == {"c1": "Edited on one.", "c2": "Mexico is a security partner.",
                     "c3": "Edited on main: the root [supports] of it.", "c4": "New c4.", "c5": "New c5."}
    assert "conflicts" not in repository.loaded()
    assert repository.validate().returncode == 0


def test_the_same_claim_changed_on_both_branches_is_a_conflict_git_reports_in_a_valid_map(tmp_path: Path) -> None:
    repository = Repository(tmp_path)
    repository.commit_on("one", {"c2": "Mexico is a partner, says one."})
    repository.commit_on("main", {"c2": "Mexico is a partner, says main."}, new=False)
    merged = repository.merge("main", "one")
    assert merged.returncode == 1
    assert "CONFLICT" in merged.stdout and "map.json" in merged.stdout
    assert repository.git("status", "--porcelain").stdout.startswith("UU map.json")
    document = repository.loaded()
    texts = {claim["id"]: claim["text"] for claim in document["claims"]}
    assert texts["c2"] == "Mexico is a partner, says main."
    (conflict,) = document["conflicts"]
    assert conflict["changes"][0]["theirs"]["text"] == "Mexico is a partner, says one."
    assert repository.validate().returncode == 0
    assert "<<<<<<<" not in repository.map.read_text(encoding="utf-8")
    repository.git("add", "map.json")
    assert "conflicts" in json.loads(repository.git("show", ":map.json").stdout), "git add keeps the record"


def test_a_deleted_claim_and_a_new_link_to_it_are_a_conflict_never_a_dangling_link(tmp_path: Path) -> None:
    repository = Repository(tmp_path)
    repository.commit_on("one", {"claims": lambda claims: [c for c in claims if c["id"] != "c1"],
                                 "links": lambda links: [link for link in links if "c1" not in (link["from"],
                                                                                                  link["to"])]})
    link = {"from": "c3", "to": "c1", "relation": "contradicts", "why": "new on main"}
    repository.commit_on("main", {"links": lambda links: [*links, link]}, new=False)
    merged = repository.merge("main", "one")
    assert merged.returncode == 1
    assert repository.validate().returncode == 0, repository.validate().stdout
    document = repository.loaded()
    claim_ids = {claim["id"] for claim in document["claims"]}
    assert all(each["from"] in claim_ids and each["to"] in claim_ids for each in document["links"])
    assert {(side["field"], side["key"]) for side in document["conflicts"][0]["changes"]} >= {
        ("claims", "c1"), ("links", "c3 contradicts c1")}


def test_git_diff_shows_a_maps_changes_in_words(tmp_path: Path) -> None:
    repository = Repository(tmp_path)
    repository.commit_on("one", {"c2": "Mexico is a \x1b[2J security partner."})
    shown = repository.git("diff", "main", "one").stdout
    assert "argmap diff a/map.json b/map.json" in shown
    assert "~ claim c2: text: Mexico is a {+\\u001b[2J +}security partner." in shown
    (tmp_path / "other.json").write_text('{"not": "a map"}\n', encoding="utf-8")
    repository.git("add", "other.json")
    shown = repository.git("diff", "--cached").stdout
    assert "+{\"not\": \"a map\"}" in shown, "a JSON file that is not a map is shown line by line"
    assert "format_version" not in shown and "argmap" not in shown, "with no word about maps"
    broken = tmp_path / "broken.json"
    broken.write_text('{"format_version": 1, "title": "Broken", "claims": [{"id": "x"}]}\n', encoding="utf-8")
    repository.git("add", "broken.json")
    shown = repository.git("diff", "--cached", "--", "broken.json").stdout
    assert "broken.json: claims[0]" in shown, "a map argmap cannot read gets its problems named"


def test_a_json_file_that_is_not_a_map_still_merges_line_by_line(tmp_path: Path) -> None:
    repository = Repository(tmp_path)
    other = tmp_path / "settings.json"
    other.write_text("{\n  \"a\": 1,\n  \"b\": 2,\n  \"c\": 3\n}\n", encoding="utf-8")
    repository.git("add", "settings.json")
    repository.git("commit", "-q", "-m", "settings")
    repository.git("checkout", "-q", "-b", "one")
    other.write_text("{\n  \"a\": 10,\n  \"b\": 2,\n  \"c\": 3\n}\n", encoding="utf-8")
    repository.git("commit", "-q", "-a", "-m", "a")
    repository.git("checkout", "-q", "main")
    other.write_text("{\n  \"a\": 1,\n  \"b\": 2,\n  \"c\": 30\n}\n", encoding="utf-8")
    repository.git("commit", "-q", "-a", "-m", "c")
    merged = repository.merge("main", "one")
    assert merged.returncode == 0
    assert json.loads(other.read_text(encoding="utf-8")) == {"a": 10, "b": 2, "c": 30}
    assert "format_version" not in merged.stdout + merged.stderr, "another program's JSON is git's business alone"


def test_the_bundled_map_merges_with_itself_unchanged(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    result = run_argmap("merge", BUNDLED_MAP, BUNDLED_MAP, BUNDLED_MAP, "--output", out)
    assert result.returncode == 0
    assert run_argmap("diff", BUNDLED_MAP, out).returncode == 0
