"""The command palette's "go to claim" (answered by argmap's own search index, not Textual's slow matcher), and its
"export as" and "import" entries."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider
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


FORMAT_TITLES = {"dot": "Graphviz DOT", "md": "Markdown", "mermaid": "Mermaid", "argdown": "Argdown"}
"""How the palette names a text format; a format not listed is named by its short name."""


def format_title(format_name: str) -> str:
    return FORMAT_TITLES.get(format_name, format_name.upper() if len(format_name) <= 4 else format_name.title())


class InterchangeCommands(Provider):
    """"Export as FORMAT" for every text format `argmap export` writes (the whole map, beside it), and "Import a
    file…" (another tool's file made into a map beside it, then opened)."""

    @property
    def _app(self) -> ArgmapApp:
        from argmap.tui.app import ArgmapApp

        app = self.app
        assert isinstance(app, ArgmapApp)
        return app

    def _commands(self) -> list[tuple[str, str, Callable[[], None]]]:
        from argmap.formats import TEXT_FORMATS
        from argmap.tui.interchange import ask_for_import, export_beside

        app = self._app
        commands: list[tuple[str, str, Callable[[], None]]] = [
            (f"Export as {format_title(name)}", f"The whole map as {format_title(name)}, in a new file beside it",
             partial(export_beside, app, name))
            for name in TEXT_FORMATS
        ]
        commands.append(("Import a file…", "Another tool's file (Argdown, …) as a new map beside it, then opened",
                         partial(ask_for_import, app)))
        return commands

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, text=name, help=help_text)
