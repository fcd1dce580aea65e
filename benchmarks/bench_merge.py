"""Diff and three-way merge of large maps, as ratios against loading the maps they read, in one run.

Usage: python -m benchmarks.bench_merge [--claims N] [--repeat K]
Targets at 100,000 claims: diff of two maps within 2x loading both; a three-way merge within 3x loading all three.
Each side changes one claim in a hundred (texts, a deletion with its links, new claims and links), and a few of
the changes clash, so the merge records conflicts and repairs a link to a deleted claim.
"""

from __future__ import annotations

import argparse
import random
import tempfile
from contextlib import suppress
from dataclasses import replace
from pathlib import Path

from argmap.diff import diff_maps
from argmap.edits import AddClaim, AddLink, DeleteClaim, Edit, EditError, UpdateClaim
from argmap.merge import merge_maps
from argmap.model import ArgumentMap, Claim, Link, Relation
from argmap.store import load_map, save_map
from benchmarks.generate import generate_map
from benchmarks.timing import best_of


def _side(base: ArgumentMap, seed: int, name: str, path: Path) -> Path:
    """The base with one claim in a hundred edited, deleted or joined by a new one (and a new link), saved."""
    argument_map = load_map(path).argument_map
    rng = random.Random(seed)
    count = len(base.claims)
    edits: list[Edit] = []
    for number in range(count // 100):
        claim = base.claims[rng.randrange(count)]
        action = rng.random()
        if action < 0.6:
            edits.append(UpdateClaim(claim.id, replace(claim, text=f"{claim.text} ({name} {number})")))
        elif action < 0.7:
            edits.append(DeleteClaim(claim.id))
        else:
            new = Claim(id=f"{name}-{number}", author=claim.author, text=f"A new claim of {name}, {number}.")
            edits += [AddClaim(new), AddLink(Link(source_id=new.id, target_id=claim.id, relation=Relation.SUPPORTS))]
    for edit in edits:
        with suppress(EditError):  # a claim deleted earlier on this side
            edit.apply(argument_map)
    out = path.with_name(f"{name}.json")
    save_map(argument_map, out)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        base_path = generate_map(arguments.claims, Path(folder))
        base = load_map(base_path).argument_map
        ours_path, theirs_path = _side(base, 1, "ours", base_path), _side(base, 2, "theirs", base_path)
        maps = [load_map(path).argument_map for path in (base_path, ours_path, theirs_path)]

        load_two = best_of(arguments.repeat, lambda: [load_map(path) for path in (base_path, ours_path)])
        diff = best_of(arguments.repeat, lambda: diff_maps(maps[0], maps[1]))
        load_three = best_of(arguments.repeat, lambda: [load_map(p) for p in (base_path, ours_path, theirs_path)])
        merge = best_of(arguments.repeat, lambda: merge_maps(*maps))
        changes, merged = diff_maps(maps[0], maps[1]), merge_maps(*maps)

    print(f"maps: {arguments.claims} claims, {len(base.links)} links each; {len(changes)} changes from base to ours; "
          f"the merge recorded {len(merged.conflicts or [])} conflicts")
    print(f"load two maps                {load_two:7.3f} s  1.00x")
    print(f"diff two maps                {diff:7.3f} s  {diff / load_two:.2f}x  (target <= 2x)")
    print(f"load three maps              {load_three:7.3f} s  1.00x")
    print(f"three-way merge              {merge:7.3f} s  {merge / load_three:.2f}x  (target <= 3x)")


if __name__ == "__main__":
    main()
