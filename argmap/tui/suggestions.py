"""Candidate links for the claim shown: other authors' claims not linked to it yet, likeliest first, each with why;
enter opens the link form with the pair (and the relation, when the links around them say it) filled in."""

from __future__ import annotations

from rich.console import Group
from rich.padding import Padding
from rich.text import Text
from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from argmap.collector import frozen
from argmap.colors import RELATION_COLORS
from argmap.document import Version
from argmap.suggest import Suggestion
from argmap.tui.app import ArgmapApp
from argmap.tui.labels import author_badge, claim_line
from argmap.tui.wrapped_list import WrappedList

SHOWN = 10
SYNC_CLAIMS = 2_000
"""Up to this many claims the candidates are found before the screen's first frame; above, on a thread (indexing
10,000 claims takes about a second)."""
HINT = "enter opens the link form with this pair · ctrl+z undoes · escape goes back"


class SuggestionsScreen(ModalScreen[None]):
    """The candidate links of one claim, redrawn for each new version of the map (an accepted link leaves the list)."""

    CSS_PATH = "suggestions.tcss"
    BINDINGS = [  # a modal screen hides the app's keys: those that make sense after accepting a link, again
        Binding("escape", "app.pop_screen", "Back"),
        Binding("ctrl+z", "app.undo", "Undo", show=False),
        Binding("ctrl+y", "app.redo", "Redo", show=False),
        Binding("ctrl+s", "app.save", "Save", show=False),
    ]

    app = getters.app(ArgmapApp)

    def __init__(self, claim_id: str) -> None:
        super().__init__()
        self.claim_id = claim_id
        self.suggestions: list[Suggestion] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="suggest-box"):
            yield Label(id="suggest-title")
            yield WrappedList(id="suggest-list")
            yield Label(Text(HINT, style="dim"))

    def on_mount(self) -> None:
        self.app.follow_versions(self, self.refresh_from_document)
        self.refresh_from_document()
        self.query_one(WrappedList).focus()

    def refresh_from_document(self) -> None:
        """Find the claim's candidates on the map as it now is: at once on a small map, else on a thread."""
        version = self.app.document.version
        claim = version.index.claims.get(self.claim_id)
        title = Text("Candidate links for ", style="bold")
        if claim is None:
            self.query_one("#suggest-title", Label).update(title.append("a claim no longer on the map"))
            self._list([Option(Text("Undo (ctrl+z) brings it back; escape goes back to the map.", style="dim"),
                               disabled=True)])
            return
        title.append_text(claim_line(version.index, version.colors, claim, width=200, marks=False))
        self.query_one("#suggest-title", Label).update(title)
        if version.suggestions_ready or len(version.index.claims) <= SYNC_CLAIMS:
            self._show(version, version.suggestions.for_claim(self.claim_id, SHOWN))
            return
        self._list([Option(Text("Finding candidates…", style="dim"), disabled=True)])
        self.run_worker(lambda: self._find(version), thread=True, exclusive=True, group="suggestions")

    def _find(self, version: Version) -> None:
        found = frozen(version.suggestions).for_claim(self.claim_id, SHOWN)
        self.app.call_from_thread(self._show, version, found)

    def _show(self, version: Version, suggestions: list[Suggestion]) -> None:
        if version is not self.app.document.version:
            return  # an edit came meanwhile; its own refresh lists its candidates
        self.suggestions = suggestions
        if not suggestions:
            self._list([Option(Text("No claim of another author that is not linked to this one shares a word, a "
                                    "topic or a linked claim with it.", style="dim"), disabled=True)])
            return
        options: list[Option | None] = []
        for position, suggestion in enumerate(suggestions):
            options += [self._option(version, position, suggestion), None]  # None: a line between candidates
        self._list(options[:-1])

    def _list(self, options: list[Option | None]) -> None:
        """Show these options, the cursor where it was (on the one now there), or on the last."""
        listing = self.query_one(WrappedList)
        highlighted = listing.highlighted
        listing.set_options(options)
        enabled = [position for position, option in enumerate(listing.options) if not option.disabled]
        listing.highlighted = min(highlighted or 0, enabled[-1]) if enabled else None

    @staticmethod
    def _option(version: Version, position: int, suggestion: Suggestion) -> Option:
        """The candidate's sentence, then (indented, wrapped under itself) its author, score, reasons and guess."""
        index, colors = version.index, version.colors
        other = index.claims[suggestion.other_id]
        details = author_badge(index.author_name(other.author), colors.get(other.author, "white"))
        details.append(f"  {suggestion.score:.2f}", style="dim")
        details.append(f"\n{suggestion.reason(index)}", style="dim italic")
        if suggestion.relation is not None:
            details.append("\nperhaps ")
            details.append(str(suggestion.relation), style=f"bold {RELATION_COLORS[suggestion.relation]}")
            details.append(f", so say the links through {suggestion.linked_through(index)}", style="dim")
        sentence = claim_line(index, colors, other, width=400, marks=False)
        return Option(Group(sentence, Padding(details, (0, 0, 0, 2))), id=str(position))

    @on(OptionList.OptionSelected, "#suggest-list")
    def _accept(self, event: OptionList.OptionSelected) -> None:
        from argmap.tui.forms import LinkForm

        suggestion = self.suggestions[int(event.option.id or 0)]
        self.app.push_screen(LinkForm(self.claim_id, target_id=suggestion.other_id, relation=suggestion.relation))
