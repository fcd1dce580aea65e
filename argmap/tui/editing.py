"""The browse screen's editing keys: claims, links, authors and sources, each through a form or an edit command.

A mixin, so that the screen keeps one list of bindings (its key bar's order) while the editing lives here; every
change goes through the app's `apply_edit`, never into the model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from argmap.model import Claim, Link
from argmap.tui.claim_view import ClaimView
from argmap.words import counted

if TYPE_CHECKING:
    from textual.screen import Screen

    from argmap.tui.app import ArgmapApp

    _Screen = Screen[None]
else:
    _Screen = object


class EditingActions(_Screen):
    """Actions for `n` `e` `d` (claims), `k` `K` `V` `delete` (links), `A` `S` `p` (authors and sources)."""

    app: ArgmapApp

    if TYPE_CHECKING:
        def open_claim(self, claim_id: str, open_group: bool = True) -> None: ...

    def _current_claim(self) -> Claim | None:
        claim_id = self.query_one(ClaimView).claim_id
        return self.app.document.index.claims.get(claim_id or "")

    def action_new_claim(self) -> None:
        from argmap.tui.forms import ClaimForm

        if not self.app.document.argument_map.authors:
            self.notify("Add an author first (A).", severity="warning")
            return
        current = self._current_claim()
        self.app.push_screen(ClaimForm(author_id=current.author if current else None), self._opened_new_claim)

    def _opened_new_claim(self, saved: bool | None) -> None:
        if saved:
            self.open_claim(self.app.document.argument_map.claims[-1].id)

    def action_edit_claim(self) -> None:
        from argmap.tui.forms import ClaimForm

        claim = self._current_claim()
        if claim is not None:
            self.app.push_screen(ClaimForm(claim))

    def action_delete_claim(self) -> None:
        """Delete the claim shown; with links to or from it, after asking."""
        from argmap.edits import DeleteClaim
        from argmap.tui.forms import ask

        claim = self._current_claim()
        if claim is None:
            return
        links = len(self.app.document.index.links_of(claim.id))
        if not links:
            self.app.apply_edit(DeleteClaim(claim.id))
            return
        ask(self.app, f"Delete the claim '{claim.text}' and the {counted(links, 'link')} to and from it?",
            [("y", "delete them"), ("escape", "keep them")],
            lambda key: self.app.apply_edit(DeleteClaim(claim.id)) if key == "y" else None)

    def action_new_link(self) -> None:
        from argmap.tui.forms import LinkForm

        claim = self._current_claim()
        if claim is not None:
            self.app.push_screen(LinkForm(claim.id))

    def _link_under_cursor(self) -> Link | None:
        link = self.query_one(ClaimView).highlighted_link
        if link is None:
            self.notify("Move to a link in the claim view first (tab).", timeout=3)
        return link

    def action_edit_link(self) -> None:
        from argmap.tui.forms import LinkForm

        link = self._link_under_cursor()
        if link is not None:
            self.app.push_screen(LinkForm(link.source_id, link))

    def action_reverse_link(self) -> None:
        from argmap.edits import EditError, ReverseLink

        link = self._link_under_cursor()
        if link is not None:
            try:
                self.app.apply_edit(ReverseLink(link.key))
            except EditError as error:
                self.notify(error.message, severity="error")

    def action_delete_link(self) -> None:
        from argmap.edits import DeleteLink

        link = self._link_under_cursor()
        if link is not None:
            self.app.apply_edit(DeleteLink(link.key))

    def action_new_author(self) -> None:
        from argmap.tui.forms import AuthorForm

        self.app.push_screen(AuthorForm())

    def action_new_source(self) -> None:
        from argmap.tui.forms import SourceForm

        if not self.app.document.argument_map.authors:
            self.notify("Add an author first (A).", severity="warning")
            return
        self.app.push_screen(SourceForm())

    def action_people(self) -> None:
        from argmap.tui.people import PeopleScreen

        self.app.push_screen(PeopleScreen())
