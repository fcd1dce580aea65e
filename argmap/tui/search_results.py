"""The search's results, in the tree's place while a search is under way: one line a claim, best first.

The screen hands it the query (and the claims a filter lets through); it says which claim the reader looks at
(`ClaimPreviewed`, as the cursor moves) and which one they open (`ClaimOpened`, on enter). It knows nothing of the
tree, the claim view or the trail.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from argmap.tui.labels import claim_line

if TYPE_CHECKING:
    from argmap.tui.app import ArgmapApp

SEARCH_LIMIT = 50
SEARCH_HINT = ("Type to search.", "Escape goes back to the tree.")


class SearchResults(OptionList):
    """The claims that match a query, from the current version's search index."""

    app: ArgmapApp

    class ClaimPreviewed(Message):
        """The cursor is on a result: show that claim, without adding it to the trail."""

        def __init__(self, claim_id: str) -> None:
            self.claim_id = claim_id
            super().__init__()

    class ClaimOpened(Message):
        """The reader chose a result: open that claim."""

        def __init__(self, claim_id: str) -> None:
            self.claim_id = claim_id
            super().__init__()

    def show_hint(self) -> None:
        """What to do, while nothing is typed."""
        self.set_options([Option(Text(line, style="dim"), disabled=True) for line in SEARCH_HINT])
        self.border_title = "search"

    def search(self, query: str, within: set[str] | None = None) -> str | None:
        """List the claims matching `query` (among `within` when a filter is on) and return the best one's id.

        The caller shows the best claim at once, in the same frame as the list, rather than on the highlight
        message a frame later."""
        document = self.app.document
        hits = document.search_index.search(query, limit=SEARCH_LIMIT, within=within)
        options = [
            Option(claim_line(document.index, document.colors, document.index.claims[hit.claim_id], width=400,
                              named=True), id=hit.claim_id)
            for hit in hits
        ]
        self.set_options(options or [Option(Text("No claim matches.", style="dim"), disabled=True)])
        self.border_title = f"{len(hits)}{'+' if len(hits) == SEARCH_LIMIT else ''} results"
        self.highlighted = 0 if hits else None
        return hits[0].claim_id if hits else None

    @property
    def has_hits(self) -> bool:
        """Whether the list is shown and holds a claim to go to."""
        return bool(self.display) and any(not option.disabled for option in self.options)

    def enter(self) -> None:
        """Take the cursor into the list, onto its first result when none is highlighted."""
        self.focus()
        if self.highlighted is None:
            self.highlighted = 0

    @on(OptionList.OptionHighlighted)
    def _previewed(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.ClaimPreviewed(event.option.id))

    @on(OptionList.OptionSelected)
    def _opened(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.ClaimOpened(event.option.id))
