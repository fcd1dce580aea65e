"""A save that fails (disk full) or is killed mid-write leaves the old map or the new one, never a part."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.generate import generate_map
from tests.conftest import ROOT

SAVE_FOREVER = """
import sys
from argmap.store import load_map, save_map
versions = [load_map(sys.argv[1]).argument_map, load_map(sys.argv[2]).argument_map]
target = sys.argv[3]
print("ready", flush=True)
i = 0
while True:
    save_map(versions[i % 2], target)
    i += 1
"""

SAVE_WITH_FILE_SIZE_LIMIT = """
import resource, signal, sys
from argmap.cli import main
from argmap.store import load_map, save_map, MapError
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
big = load_map(sys.argv[1]).argument_map
resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))
try:
    save_map(big, sys.argv[2])
except MapError as error:
    print(error)
    sys.exit(1)
"""


def _two_versions(tmp_path: Path, claims: int) -> tuple[Path, Path]:
    old = generate_map(claims, tmp_path / "old", seed=1)
    new = generate_map(claims, tmp_path / "new", seed=2)
    return old, new


def test_save_killed_mid_write_leaves_old_or_new(tmp_path: Path) -> None:
    old, new = _two_versions(tmp_path, 6000)
    old_bytes, new_bytes = old.read_bytes(), new.read_bytes()
    target = tmp_path / "old" / "target.json"
    target.write_bytes(old_bytes)
    rng = random.Random(3)
    outcomes = set()
    for _ in range(25):
        process = subprocess.Popen(
            [sys.executable, "-c", SAVE_FOREVER, str(old), str(new), str(target)],
            cwd=ROOT, stdout=subprocess.PIPE, text=True,
        )
        assert process.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.4))
        process.send_signal(signal.SIGKILL)
        process.wait()
        content = target.read_bytes()
        assert content in (old_bytes, new_bytes), f"half-written map: {len(content)} bytes"
        outcomes.add(content == new_bytes)
    assert outcomes == {True, False}, "the kills should land on both versions over 25 tries"


def test_save_on_a_full_disk_keeps_the_old_map_and_says_why(tmp_path: Path) -> None:
    big = generate_map(3000, tmp_path / "big")
    target = tmp_path / "small.json"
    small = generate_map(5, tmp_path / "small")
    target.write_bytes(small.read_bytes())
    result = subprocess.run(
        [sys.executable, "-c", SAVE_WITH_FILE_SIZE_LIMIT, str(big), str(target)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 1
    assert result.stdout.strip() == f"{target}: cannot save: file too large"
    assert "Traceback" not in result.stderr
    assert target.read_bytes() == small.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big", "small", "small.json"]
