"""The garbage-collector policy (argmap.collector): paused while a map's objects are built, back as it was after;
in the app, the map frozen and full collections rarer."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from argmap.collector import FULL_COLLECTION_EVERY, collector_paused
from argmap.document import Document
from argmap.tui.app import ArgmapApp
from tests.conftest import BUNDLED_MAP


@pytest.fixture
def collector_as_it_was() -> Iterator[None]:
    enabled, threshold = gc.isenabled(), gc.get_threshold()
    yield
    gc.set_threshold(*threshold)
    (gc.enable if enabled else gc.disable)()


def test_a_pause_nests_and_leaves_the_collector_as_it_found_it(collector_as_it_was: None) -> None:
    gc.enable()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled(), "the inner pause does not end the outer one"
    assert gc.isenabled()
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled(), "a collector someone else paused stays paused"


async def test_the_app_freezes_the_map_and_makes_full_collections_rarer(collector_as_it_was: None) -> None:
    gc.unfreeze()
    app = ArgmapApp(Document.open(BUNDLED_MAP))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert gc.get_threshold()[2] == FULL_COLLECTION_EVERY
        assert gc.get_freeze_count() > 0
