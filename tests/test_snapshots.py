"""Snapshots of the main screens on the bundled map: a change to what a reader sees shows up as a diff.

After an intended change, look at the new screens (pytest --snapshot-update writes them, snapshot_report.html shows
the difference) and commit them.
"""

from __future__ import annotations

from argmap.document import Document
from argmap.tui.app import ArgmapApp
from tests.conftest import BUNDLED_MAP

SIZE = (120, 40)


def bundled_app() -> ArgmapApp:
    return ArgmapApp(Document.open(BUNDLED_MAP))


def test_browse_screen(snap_compare) -> None:
    assert snap_compare(bundled_app(), press=["down", "down", "enter", "_"], terminal_size=SIZE)


def test_search_results(snap_compare) -> None:
    assert snap_compare(bundled_app(), press=["slash", *"mexico partner", "_"], terminal_size=SIZE)


def test_compare_screen(snap_compare) -> None:
    assert snap_compare(bundled_app(), press=["c", "_", "enter", "_", "down", "_"], terminal_size=SIZE)


def test_agreement_matrix(snap_compare) -> None:
    assert snap_compare(bundled_app(), press=["m", "_"], terminal_size=SIZE)


def test_help_screen(snap_compare) -> None:
    assert snap_compare(bundled_app(), press=["question_mark", "_"], terminal_size=SIZE)


def test_reader_screen(snap_compare) -> None:
    """Reyes Retana's paper opened from one of her claims: its quotes marked, the margin's ○, the claim below."""

    async def open_reader(pilot) -> None:
        await pilot.pause()
        app = pilot.app
        claim = next(c for c in app.document.argument_map.claims if c.quote and c.quote.source.startswith("reyes"))
        app.open_claim(claim.id)
        await pilot.pause()

    assert snap_compare(bundled_app(), press=["R", "_", "down", "_"], terminal_size=SIZE, run_before=open_reader)
