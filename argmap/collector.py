"""The garbage-collector policy, said once.

A map's objects, and what is built from them (the index, the search index, the analysis, an export), are many,
small and long-lived: the cyclic collector, set off again and again while they are built, walks them all and frees
nothing. So the collector is paused while they are built (`collector_paused`); in the app, where they live as long
as the app, they are moved out of its reach once built (`frozen`), and full collections are made rarer
(`settle_for_the_app`).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")

FULL_COLLECTION_EVERY = 100
"""Collections of the middle generation between two full ones (Python's default is 10). A full collection walks
every object the screens hold (a comparison of five authors on a large map holds over 100,000) and took 80 ms at
10,000 claims, landing on a keystroke now and then; ten times rarer, they left the slowest compare step at 35-42 ms
instead of 116-145 ms in `benchmarks/bench_app.py`."""


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: building a large map's objects would trigger it over and over."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def frozen(built: T) -> T:
    """`built`, with everything made so far moved out of the collector's reach: for what lives as long as the app
    (a search index, an analysis), like the map."""
    gc.freeze()
    return built


def settle_for_the_app() -> None:
    """For a long-running app: freeze what exists now (the map) and make full collections ten times rarer."""
    gc.freeze()
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_COLLECTION_EVERY)
