"""Versions of the open map: what a thread derives (search index, analysis) belongs to the version it started from,
so an edit during a slow build never leaves a stale index or analysis."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

import argmap.analysis
import argmap.search
from argmap.document import Document
from argmap.edits import AddClaim
from argmap.model import Claim
from argmap.tui.app import ArgmapApp
from tests.conftest import derived_ready
from tests.test_app import claim_view_text

SIZE = (120, 40)
NEW_CLAIM = Claim(id="c9", author="bo", text="Fentanyl precursors come from abroad.", topics=["drugs"])


@pytest.fixture
def slow_builds(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Make building a search index or an analysis off the main thread take half a second (the real build, late),
    as on a large map; the event is set once a slow build has started."""
    started = threading.Event()
    build_index, analyze = argmap.search.SearchIndex.__init__, argmap.analysis.analyze

    def late(build):
        def built(*arguments, **keywords):
            if threading.current_thread() is not threading.main_thread():
                started.set()
                time.sleep(0.5)
            return build(*arguments, **keywords)
        return built

    monkeypatch.setattr(argmap.search.SearchIndex, "__init__", late(build_index))
    monkeypatch.setattr(argmap.analysis, "analyze", late(analyze))
    return started


async def building(pilot, started: threading.Event) -> None:
    """Let the app run until a slow build has started on a thread."""
    for _ in range(100):
        if started.is_set():
            return
        await pilot.pause(0.05)
    raise AssertionError("no build started")


async def test_an_edit_during_a_slow_build_is_searched_and_analysed(small_map: Path, slow_builds) -> None:
    app = ArgmapApp(Document.open(small_map))
    async with app.run_test(size=SIZE) as pilot:
        await building(pilot, slow_builds)  # the first version's index and analysis are being built
        app.apply_edit(AddClaim(NEW_CLAIM))
        await derived_ready(app)
        await pilot.pause()
        assert [hit.claim_id for hit in app.document.search_index.search("fentanyl precursors")][:1] == ["c9"]
        assert "c9" in app.document.analysis.standings
        await pilot.press("slash", *"fentanyl precursors")
        await pilot.pause()
        assert app.screen.query_one("#results").get_option_at_index(0).id == "c9"
        await pilot.press("escape")
        app.open_claim("c9")
        await pilot.pause()
        assert "Standing: accepted" in claim_view_text(app)


def test_each_version_keeps_its_own_claims(small_map: Path) -> None:
    document = Document.open(small_map)
    first = document.version
    document.apply(AddClaim(NEW_CLAIM))
    assert document.version.number == first.number + 1
    assert "c9" not in first.index.claims and len(first.index.map.claims) == 3, "an old version does not change"
    assert "c9" in document.version.index.claims
    assert [hit.claim_id for hit in first.search_index.search("fentanyl precursors")][:1] != ["c9"]
    document.undo()
    assert document.version.number == first.number + 2 and "c9" not in document.index.claims
