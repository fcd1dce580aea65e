"""The command palette's "go to claim" (answered by argmap's own search index, not Textual's slow matcher),
its "read a source", one entry per source, and its "export as", "cut cards" and "import" entries."""

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


def _argmap_app(provider: Provider) -> ArgmapApp:
    from argmap.tui.app import ArgmapApp  # which imports this module, for its COMMANDS

    app = provider.app
    assert isinstance(app, ArgmapApp)
    return app


class ClaimCommands(Provider):
    """Every claim as a palette entry: "go to claim <sentence>". The palette reads a hit's help line as markup, so
    the author's name and the topics in it are escaped."""

    @property
    def _app(self) -> ArgmapApp:
        return _argmap_app(self)

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


class SourceCommands(Provider):
    """ "Read a source: <title>" for every source, opening the reader on it. A source matches when every word typed
    is in its title or its author's name (or is "read a source"); the list of sources is short, so no index."""

    def _entries(self) -> list[tuple[Text, str, str, str]]:
        """Each source's entry: what the palette shows, the words it is matched by, its help line, its id."""
        document = _argmap_app(self).document
        entries = []
        for source in document.argument_map.sources:
            author = document.index.author_name(source.author)
            display = Text("Read a source  ", style="dim")
            display.append(source.title)
            words = f"read a source {source.title} {author}".lower()
            entries.append((display, words, escape(f"{author} · {source.file or 'no text file'}"), source.id))
        return entries

    def _read(self, source_id: str) -> None:
        from argmap.tui.reader import open_reader

        open_reader(_argmap_app(self), source_id)

    async def discover(self) -> Hits:
        for display, _, help_line, source_id in self._entries():
            yield DiscoveryHit(display, partial(self._read, source_id), help=help_line)

    async def search(self, query: str) -> Hits:
        typed = query.lower().split()
        if not typed:
            return
        for display, words, help_line, source_id in self._entries():
            if all(word in words for word in typed):
                yield Hit(0.9 if "read" in typed else 0.6, display, partial(self._read, source_id),
                          text=display.plain, help=help_line)


FORMAT_TITLES = {"dot": "Graphviz DOT", "md": "Markdown", "html": "a web page (HTML)", "mermaid": "Mermaid",
                 "argdown": "Argdown", "aif": "AIF", "kialo": "Kialo", "graphml": "GraphML", "gexf": "GEXF"}
"""How the palette names a text format; a format not listed is named by its short name."""


def format_title(format_name: str) -> str:
    return FORMAT_TITLES.get(format_name, format_name.upper() if len(format_name) <= 4 else format_name.title())


class InterchangeCommands(Provider):
    """"Export as FORMAT" for every text format `argmap export` writes (the whole map, beside it), "Cut cards…"
    (the claims in view as debate cards, beside it), and "Import a file…" (another tool's file made into a map beside
    it, then opened)."""

    def _commands(self) -> list[tuple[str, str, Callable[[], None]]]:
        from argmap.formats import TEXT_FORMATS
        from argmap.tui.cards import ask_for_cards
        from argmap.tui.interchange import ask_for_import, export_beside

        app = _argmap_app(self)
        commands: list[tuple[str, str, Callable[[], None]]] = [
            (f"Export as {format_title(name)}", f"The whole map as {format_title(name)}, in a new file beside it",
             partial(export_beside, app, name))
            for name in TEXT_FORMATS
        ]
        commands.append(("Cut cards…", "The claims in view, or the claim shown, as debate cards (Markdown, HTML, PDF "
                         "or Word) in a new file beside the map", partial(ask_for_cards, app)))
        commands.append(("Import a file…",
                         "Another tool's file (Argdown, AIF, Kialo) as a new map beside it, then opened",
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
