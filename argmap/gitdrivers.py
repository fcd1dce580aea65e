"""git and maps: argmap as git's merge driver and diff driver for map files.

`set_up` writes the attributes (committed, so every clone knows which files are maps) and the drivers (in the
repository's own config, which git never shares, so each clone runs `argmap git-setup` once). Without them git
treats maps as lines of JSON, as before.
"""

from __future__ import annotations

import difflib
import json
import shlex
import subprocess
import sys
from pathlib import Path

from argmap.store import MapError, Problem, load_map

DRIVER = "argmap"
"""The name of both drivers in git's config and in `.gitattributes`."""


def set_up(folder: Path, patterns: list[str]) -> list[str]:
    """Register the drivers in the repository around `folder` and mark `patterns` as maps; what was done, in lines.

    Raises `MapError` when `folder` is not in a git repository."""
    top = _git(folder, "rev-parse", "--show-toplevel")
    if top is None:
        raise MapError([Problem(str(folder), "", "is not inside a git repository; run argmap git-setup in one")])
    command = f"{shlex.quote(sys.executable)} -m argmap"
    settings = {
        f"merge.{DRIVER}.name": "argmap: three-way merge of argument maps by ids",
        f"merge.{DRIVER}.driver": f"{command} merge --git %O %A %B --output %A",
        f"diff.{DRIVER}.command": f"{command} git-diff",
    }
    for name, value in settings.items():
        _git(folder, "config", name, value)
    attributes = Path(top) / ".gitattributes"
    lines = attributes.read_text(encoding="utf-8").splitlines() if attributes.exists() else []
    wanted = [f"{pattern} merge={DRIVER} diff={DRIVER}" for pattern in patterns]
    new = [line for line in wanted if line not in lines]
    if new:
        attributes.write_text("".join(line + "\n" for line in lines + new), encoding="utf-8")
    return ([f"git config {name} {shlex.quote(value)}" for name, value in settings.items()]
            + [f"{attributes}: {line}" for line in new]
            + [f"commit {attributes.name} so that every clone treats these files as maps; each clone runs "
               "argmap git-setup once for the drivers"])


def _git(folder: Path, *arguments: str) -> str | None:
    """git's answer, or None when git fails (or is missing)."""
    try:
        done = subprocess.run(["git", *arguments], cwd=folder, capture_output=True, text=True, check=False)
    except OSError:
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def diff_for_git(path: str, old: Path, new: Path) -> str:
    """What `git diff` shows for a map: its changes in words; a file that is not a readable map, line by line."""
    from argmap.diff import diff_maps, render_changes
    from argmap.model import FORMAT_VERSION, ArgumentMap

    header = f"argmap diff a/{path} b/{path}\n"
    try:
        maps = [None if each == Path("/dev/null") else load_map(each).argument_map for each in (old, new)]
    except MapError as error:
        if not any(claims_to_be_a_map(each) for each in (old, new)):
            return f"diff a/{path} b/{path}\n" + _line_diff(path, old, new)
        problems = "".join(f"{problem}\n" for problem in error.problems)
        return header + problems + _line_diff(path, old, new)
    empty = ArgumentMap(format_version=FORMAT_VERSION, title=path)
    before, after = (each or empty for each in maps)
    return header + (render_changes(diff_maps(before, after)) or "(the same map, written differently)\n")


def claims_to_be_a_map(path: Path) -> bool:
    """Whether a file says it is an argmap map (a JSON object with a `format_version`): another program's JSON that
    `.gitattributes` also matches is git's business alone, while a broken map deserves its problems named."""
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and "format_version" in data


def _line_diff(path: str, old: Path, new: Path) -> str:
    before, after = (each.read_text(encoding="utf-8", errors="replace").splitlines(keepends=True)
                     for each in (old, new))
    return "".join(difflib.unified_diff(before, after, fromfile=f"a/{path}", tofile=f"b/{path}"))
