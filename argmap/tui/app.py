"""The argmap app: opens a map and routes between the browse, compare and matrix screens."""

from __future__ import annotations

import gc

from textual.app import App
from textual.binding import Binding

from argmap.document import Document
from argmap.tui.browse import BrowseScreen
from argmap.tui.choose import ChoiceScreen
from argmap.tui.labels import author_badge
from argmap.tui.palette import ClaimCommands

MAX_COMPARED = 5


class ArgmapApp(App[None]):
    """Read an argument map: browse, follow the argument, search, filter, compare authors."""

    CSS_PATH = ["app.tcss", "browse.tcss"]  # the browse screen is the default screen, whose CSS_PATH is not read
    COMMANDS = App.COMMANDS | {ClaimCommands}
    BINDINGS = [
        Binding("question_mark", "help", "Help"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document
        self.title = document.argument_map.title
        self.sub_title = document.path.name

    def get_default_screen(self) -> BrowseScreen:
        return BrowseScreen()

    def on_mount(self) -> None:
        gc.freeze()  # the map lives as long as the app: spare every collection a walk over its objects
        for warning in self.document.warnings[:3]:
            self.notify(str(warning), severity="warning", timeout=8)

    @property
    def browse(self) -> BrowseScreen:
        """The browse screen, which stays at the bottom of the stack."""
        return self.screen_stack[0]  # type: ignore[return-value]

    def open_claim(self, claim_id: str) -> None:
        """Go back to the browse screen and open the claim there."""
        while not isinstance(self.screen, BrowseScreen):
            self.pop_screen()
        self.browse.open_claim(claim_id)

    def action_help(self) -> None:
        from argmap.tui.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_compare(self) -> None:
        """Pick two to five authors, then compare them side by side."""
        authors = self.document.argument_map.authors
        if len(authors) < 2:
            self.notify("Comparing needs at least two authors on the map.", severity="warning")
            return
        choices = [
            (author_badge(author.name, self.document.colors[author.id]), author.id, position < MAX_COMPARED)
            for position, author in enumerate(authors)
        ]
        picker = ChoiceScreen("Compare which authors? (2 to 5)", choices, minimum=2, maximum=MAX_COMPARED)
        self.push_screen(picker, self._open_comparison)

    def _open_comparison(self, author_ids: list[str] | None) -> None:
        if author_ids:
            from argmap.tui.compare import CompareScreen

            self.push_screen(CompareScreen(author_ids))

    def action_matrix(self, author_ids: list[str] | None = None) -> None:
        """The agreement matrix between authors (all, or the compared ones)."""
        from argmap.tui.matrix import MatrixScreen

        self.push_screen(MatrixScreen(author_ids or [a.id for a in self.document.argument_map.authors]))
