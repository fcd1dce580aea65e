"""The palette's "Cut cards…": the claims the browse screen shows (or the claim shown) as debate cards, in the
format asked for, written beside the map on a thread, never over an earlier file."""

from __future__ import annotations

from pathlib import Path

from argmap.cards import cards_of
from argmap.formats.pdf import PdfError
from argmap.index import MapIndex
from argmap.model import Claim
from argmap.sources import SourceTexts
from argmap.store import MapError
from argmap.tui.app import ArgmapApp
from argmap.tui.forms import ask
from argmap.tui.view_export import EXPORT_NAMING, free_name
from argmap.words import counted, shortened

CARD_ANSWERS = [("m", "md", "Markdown"), ("h", "html", "HTML"), ("p", "pdf", "PDF"), ("w", "docx", "Word")]
"""The format question's keys, each with the format it writes and its name."""


def ask_for_cards(app: ArgmapApp) -> None:
    """Ask whose cards to cut (the claims in view, or the claim shown, when those differ), then in which format."""
    browse = app.browse
    claims, _, description = browse.view_selection()
    shown = browse.shown_claim()
    if not claims and shown is None:
        app.notify("No claim to cut cards from: the view is empty.", severity="warning")
        return
    if shown is None or [claim.id for claim in claims] == [shown.id]:
        _ask_format(app, claims, description)
        return
    if not claims:
        _ask_format(app, [shown], "")
        return
    in_view = f"the {counted(len(claims), 'claim')} in view"

    def answer(key: str) -> None:
        if key == "v":
            _ask_format(app, claims, description)
        elif key == "c":
            _ask_format(app, [shown], "")

    ask(app, f"Cut cards of {in_view}, or of the claim shown (“{shortened(shown.text, 50)}”)?",
        [("v", in_view), ("c", "the claim shown"), ("escape", "cancel")], answer)


def _ask_format(app: ArgmapApp, claims: list[Claim], description: str) -> None:
    def answer(key: str) -> None:
        chosen = next((answer for answer in CARD_ANSWERS if answer[0] == key), None)
        if chosen is None:
            return
        _, output_format, name = chosen
        document = app.document
        index, texts, path = document.index, document.texts, document.path
        app.notify(f"Cutting {counted(len(claims), 'card')}…", timeout=2)
        app.run_worker(lambda: _cut(app, index, texts, path, claims, description, output_format, name), thread=True,
                       group="export")

    ask(app, f"Cut {counted(len(claims), 'card')} as:",
        [(key, name) for key, _, name in CARD_ANSWERS] + [("escape", "cancel")], answer)


def _cut(app: ArgmapApp, index: MapIndex, texts: SourceTexts, map_path: Path, claims: list[Claim],
         description: str, output_format: str, name: str) -> None:
    from argmap.formats.cards import cards_file
    from argmap.store import write_atomically

    try:
        data = cards_file(cards_of(index, texts, claims), index.map.title, output_format, description)
        with EXPORT_NAMING:
            path = free_name(map_path.with_name(f"{map_path.stem}-cards.{output_format}"))
            write_atomically(path, data)
    except (ValueError, PdfError, MapError) as error:
        app.call_from_thread(app.notify, f"Could not cut the cards: {error}", severity="error", timeout=10,
                             markup=False)
        return
    app.call_from_thread(app.notify, f"Cut {counted(len(claims), 'card')} as {name} to {path}.", timeout=8,
                         markup=False)
