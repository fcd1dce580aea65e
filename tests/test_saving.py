"""Saving, attacked: a save killed midway leaves nothing that outlives it, a write by another program during a save
is never lost, and a save keeps the file's owner. Real files and real processes (killed with SIGKILL)."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.document import Document, ExternalChange
from argmap.edits import SetTitle
from argmap.store import load_map, write_atomically
from benchmarks.generate import generate_map
from tests.conftest import ROOT


def temporaries(map_path: Path) -> list[Path]:
    """What a save leaves beside the map while it runs: `.NAME.<something>.tmp`."""
    return sorted(map_path.parent.glob(f".{map_path.name}.*.tmp"))


def start(script: str, *arguments: object) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", script, *map(str, arguments)], cwd=ROOT, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)


def kill(process: subprocess.Popen[str]) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait()


# 14. Temporaries of killed saves ------------------------------------------------------------------------------------

SAVE_AND_HOLD_BEFORE_THE_RENAME = """
import sys
from pathlib import Path
from argmap.store import dump_map, load_map, write_atomically
target = Path(sys.argv[1])
data = dump_map(load_map(target).argument_map).replace(b'"Small map"', sys.argv[2].encode())

def hold(file: Path) -> None:
    if file == target:
        print("written", flush=True)
        sys.stdin.readline()

write_atomically(target, data, before_replace=hold)
print("saved", flush=True)
"""


def _killed_mid_save(map_path: Path) -> Path:
    """Kill a real save after its temporary is written, before its rename; return the temporary it left."""
    before = set(temporaries(map_path))
    process = start(SAVE_AND_HOLD_BEFORE_THE_RENAME, map_path, '"Killed"')
    assert process.stdout.readline().strip() == "written"
    kill(process)
    [left] = set(temporaries(map_path)) - before
    return left


def test_a_killed_saves_temporary_goes_on_the_next_open_and_save_and_a_running_saves_stays(small_map: Path) -> None:
    map_size = len(small_map.read_bytes())
    killed = _killed_mid_save(small_map)
    assert killed.stat().st_size > map_size * 0.9, "a full-size temporary"
    before_locks = small_map.with_name(f".{small_map.name}.k3x9_q2a.tmp")
    before_locks.write_bytes(small_map.read_bytes())
    running = start(SAVE_AND_HOLD_BEFORE_THE_RENAME, small_map, '"Saved by the running save"')
    try:
        assert running.stdout.readline().strip() == "written"
        [running_temporary] = set(temporaries(small_map)) - {killed, before_locks}
        document = Document.open(small_map)
        assert temporaries(small_map) == [running_temporary]
        running.stdin.write("go on\n")
        running.stdin.flush()
        assert running.stdout.readline().strip() == "saved"
    finally:
        kill(running)
    assert temporaries(small_map) == []
    assert load_map(small_map).argument_map.title == "Saved by the running save"

    killed = _killed_mid_save(small_map)
    document = Document.open(small_map)
    killed_again = _killed_mid_save(small_map)
    document.apply(SetTitle("Saved"))
    document.save()
    assert not killed.exists() and not killed_again.exists() and temporaries(small_map) == []


# 16. A write by another program during a save -----------------------------------------------------------------------

WRITE_WHEN_A_SAVE_STARTS = """
import os, sys
from pathlib import Path
target, theirs, how = Path(sys.argv[1]), Path(sys.argv[2]).read_bytes(), sys.argv[3]
prefix = "." + target.name + "."
print("ready", flush=True)
inode = None
while inode is None:
    for name in os.listdir(target.parent):
        if name.startswith(prefix) and name.endswith(".tmp"):
            try:
                inode, found = os.stat(target.parent / name).st_ino, name
            except FileNotFoundError:
                pass
if how == "in place":
    target.write_bytes(theirs)
else:
    staged = target.with_name("staged")
    staged.write_bytes(theirs)
    os.replace(staged, target)
try:
    during = os.stat(target.parent / found).st_ino == inode  # the save's new file not yet in place
except FileNotFoundError:
    during = False
print("during" if during else "late", flush=True)
"""


@pytest.mark.parametrize("how", ["in place", "by rename"])
def test_a_write_by_another_program_during_a_save_survives(tmp_path: Path, how: str) -> None:
    big = generate_map(20_000, tmp_path / "big")
    original = big.read_bytes()
    theirs = tmp_path / "theirs.json"
    theirs.write_bytes(original.replace(b"Synthetic map of", b"Their edit of a"))
    for _ in range(5):
        big.write_bytes(original)
        document = Document.open(big)
        document.apply(SetTitle("Mine"))
        writer = start(WRITE_WHEN_A_SAVE_STARTS, big, theirs, how)
        assert writer.stdout.readline().strip() == "ready"
        refused = False
        try:
            document.save()
        except ExternalChange:
            refused = True
        when = writer.stdout.readline().strip()
        writer.wait()
        if when == "during":
            break
    assert when == "during", "the other program never wrote while a save was under way"
    assert refused, "the save noticed the other program's write"
    assert big.read_bytes() == theirs.read_bytes(), "the other program's bytes survive"
    assert temporaries(big) == [] and document.dirty


def test_a_file_renamed_into_place_just_after_the_last_check_is_swapped_back(small_map: Path) -> None:
    """The narrowest race: another program's rename lands after the save's last look at the file, before its own
    rename. A plain rename would destroy their file unseen; the save swaps it out, sees it, and puts it back."""
    original = small_map.read_bytes()
    theirs = original.replace(b"Small map", b"Their map")
    staged = small_map.with_name("staged")
    staged.write_bytes(theirs)

    def check_then_lose_the_race(file: Path) -> None:
        if file.read_bytes() != original:
            raise ExternalChange(small_map)
        if staged.exists():
            os.replace(staged, small_map)

    with pytest.raises(ExternalChange):
        write_atomically(small_map, original.replace(b"Small map", b"My map"), before_replace=check_then_lose_the_race)
    assert small_map.read_bytes() == theirs
    assert temporaries(small_map) == []


def test_a_touched_but_unchanged_file_saves_without_asking(small_map: Path) -> None:
    document = Document.open(small_map)
    document.apply(SetTitle("Mine"))
    os.utime(small_map, ns=(1, 1))
    document.save()
    assert load_map(small_map).argument_map.title == "Mine"


# 17. Owner, group and hard links ------------------------------------------------------------------------------------


@pytest.mark.skipif(os.geteuid() != 0, reason="only root may give a file to another user")
def test_saving_as_root_keeps_the_maps_owner_and_group(small_map: Path) -> None:
    os.chown(small_map, 4242, 4343)
    small_map.chmod(0o640)
    document = Document.open(small_map)
    document.apply(SetTitle("Edited by root"))
    document.save()
    saved = small_map.stat()
    assert (saved.st_uid, saved.st_gid, stat.S_IMODE(saved.st_mode)) == (4242, 4343, 0o640)
    assert load_map(small_map).argument_map.title == "Edited by root"


def test_a_save_replaces_the_file_so_a_hard_link_keeps_the_old_map(small_map: Path) -> None:
    """As the README says: a save writes a new file, so another name for the old one still shows the old map."""
    other_name = small_map.with_name("linked.json")
    os.link(small_map, other_name)
    document = Document.open(small_map)
    document.apply(SetTitle("New"))
    document.save()
    assert load_map(small_map).argument_map.title == "New"
    assert load_map(other_name).argument_map.title == "Small map"
