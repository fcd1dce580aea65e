"""Shared fixtures: a small valid map on disk, the bundled map, and running the real `argmap` command."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

from argmap.index import MapIndex
from argmap.model import MAP_ADAPTER
from argmap.store import load_map

# Property tests draw the same examples on every run, so CI judges the code and not the luck of a draw;
# `ARGMAP_HYPOTHESIS=explore pytest ...` draws new ones to look for what those miss.
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("ARGMAP_HYPOTHESIS", "repeatable"))

ROOT = Path(__file__).resolve().parent.parent
BUNDLED_MAP = ROOT / "maps" / "us-mexico-security.json"

SOURCE_TEXT = "Trade binds us. Mexico is a partner in security, not a threat. Demand drives the trade in drugs.\n"


def small_map_document() -> dict:
    """A valid two-author map whose quotes are checked against `source.txt` beside it."""
    def quote(words: str) -> dict:
        start = SOURCE_TEXT.index(words)
        return {"source": "s1", "text": words, "start": start, "end": start + len(words)}

    return {
        "format_version": 1,
        "title": "Small map",
        "description": "For tests",
        "authors": [{"id": "ana", "name": "Ana Núñez"}, {"id": "bo", "name": "Bo Li", "affiliation": "Uni"}],
        "sources": [{"id": "s1", "author": "ana", "title": "Essay", "file": "source.txt"}],
        "claims": [
            {"id": "c1", "author": "ana", "text": "Trade ties bind the two countries.",
             "quote": quote("Trade binds us."), "topics": ["trade"], "kind": "claim"},
            {"id": "c2", "author": "ana", "text": "Mexico is a security partner.",
             "quote": quote("Mexico is a partner in security, not a threat."), "topics": ["security"]},
            {"id": "c3", "author": "bo", "text": "US demand, not supply, is the root [supports] of [/x] it.",
             "topics": ["drugs"], "kind": "evidence", "note": "no quote"},
        ],
        "links": [
            {"from": "c1", "to": "c2", "relation": "supports", "why": "economic ties build trust"},
            {"from": "c3", "to": "c2", "relation": "qualifies", "why": "partnership does not touch demand"},
        ],
    }


def write_map(folder: Path, document: dict, name: str = "map.json") -> Path:
    """Write a map document and its source text into `folder`."""
    (folder / "source.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    path = folder / name
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def small_map(tmp_path: Path) -> Path:
    return write_map(tmp_path, small_map_document())


def run_argmap(*arguments: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real command line in a subprocess, as a user would."""
    environment = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "argmap", *map(str, arguments)],
        capture_output=True, text=True, cwd=cwd or ROOT, env=environment, timeout=120,
    )


def project_with_seeds(folder: Path) -> Path:
    """Make `folder` an argmap project like this one (a marker file, `seeds/` copied in, an empty `maps/`), so
    that a map in `folder/maps` reads `../seeds` as the bundled map does; return the `maps` folder.

    The seeds are copied, not linked: a link would lead outside the project, which a map may not read."""
    (folder / ".argmap-project").write_bytes(b"")
    shutil.copytree(ROOT / "seeds", folder / "seeds")
    maps = folder / "maps"
    maps.mkdir()
    return maps


@pytest.fixture
def bundled_copy(tmp_path: Path) -> Path:
    """The bundled map copied into `tmp_path/maps`, its seeds beside it, so a test may write next to it."""
    maps = project_with_seeds(tmp_path)
    (maps / BUNDLED_MAP.name).write_bytes(BUNDLED_MAP.read_bytes())
    return maps / BUNDLED_MAP.name


async def derived_ready(app) -> None:
    """Wait until the app's threads are done and the current version's search index and analysis are built and
    published, whatever builds an edit cancelled on the way (`workers.wait_for_complete` raises for those)."""
    while any(not worker.is_finished for worker in app.workers):
        await asyncio.sleep(0.02)
    version = app.document.version
    await asyncio.to_thread(lambda: (version.search_index, version.analysis))


@pytest.fixture(scope="module")
def bundled() -> MapIndex:
    """The bundled map's index, built once per test module (a module that means another thing by `bundled` says
    so with its own fixture)."""
    return MapIndex(load_map(BUNDLED_MAP).argument_map)


@pytest.fixture(scope="module")
def adversarial() -> MapIndex:
    """The hostile battery's map (`tests/hostile.py`) as an index, built once per test module."""
    from tests.hostile import hostile_document

    return MapIndex(MAP_ADAPTER.validate_python(hostile_document()))
