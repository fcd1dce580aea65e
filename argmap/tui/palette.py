"""The command palette's "go to claim": answered by argmap's own search index, not Textual's slow matcher."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual.command import Hit, Hits, Provider
from textual.markup import escape

from argmap.tui.labels import claim_line

if TYPE_CHECKING:
    from argmap.tui.app import ArgmapApp

PALETTE_LIMIT = 30


class ClaimCommands(Provider):
    """Every claim as a palette entry: "go to claim <sentence>". The palette reads a hit's help line as markup, so
    the author's name and the topics in it are escaped."""

    @property
    def _app(self) -> ArgmapApp:
        from argmap.tui.app import ArgmapApp  # which imports this module, for its COMMANDS

        app = self.app
        assert isinstance(app, ArgmapApp)
        return app

    async def search(self, query: str) -> Hits:
        document = self._app.document
        words = query.removeprefix("go to claim").strip() or query.strip()
        if not words:
            return
        for hit in document.search_index.search(words, limit=PALETTE_LIMIT):
            claim = document.index.claims[hit.claim_id]
            display = Text("Go to claim  ", style="dim")
            display.append_text(claim_line(document.index, document.colors, claim, width=80, marks=False))
            yield Hit(
                hit.score / 100,
                display,
                partial(self._app.open_claim, hit.claim_id),
                text=f"Go to claim {claim.text}",
                help=escape(f"{document.index.author_name(claim.author)} · {', '.join(claim.topics)}"),
            )
