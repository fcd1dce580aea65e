"""What a merge left to decide: each conflict with our side and theirs side by side, one key to settle it.

The map holds our side of each conflict until settled. `o` keeps ours, `t` takes theirs, `e` keeps ours and opens
it in its form to edit; each is an edit (`argmap.merge.ResolveConflict`), so ctrl+z brings a conflict back.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from argmap.diff import from_json
from argmap.edits import EditError
from argmap.merge import ResolveConflict
from argmap.model import Conflict, ConflictSide
from argmap.tui.app import ArgmapApp
from argmap.tui.keybar import KeyBar
from argmap.words import counted


def side_text(side: ConflictSide, which: str) -> Text:
    """One thing as one side holds it: its name, then the fields the sides hold differently, in bold, then the rest,
    dimmed, so what needs deciding is at the top; "(deleted)" where that side has none."""
    name = side.field if side.key is None else f"{side.field[:-1] if side.field.endswith('s') else side.field} " \
                                                f"{side.key}"
    text = Text(name, style="bold underline")
    text.append("\n")
    mine, other = (side.ours, side.theirs) if which == "ours" else (side.theirs, side.ours)
    if mine is None:
        text.append("(deleted on this side)" if side.base is not None else "(not on this side)", style="italic")
        return text
    if not isinstance(mine, dict):
        text.append(_shown(mine), style="bold" if mine != other else "")
        return text
    others = other if isinstance(other, dict) else {}
    differing = [field for field, value in mine.items() if value != others.get(field)]
    for field in differing:
        text.append(f"{field}: ", style="dim")
        text.append(_shown(mine[field]), style="bold")
        text.append("\n")
    for field, value in mine.items():
        if field not in differing:
            text.append(f"{field}: {_shown(value)}\n", style="dim")
    return text


def _shown(value: object) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


class ConflictsScreen(Screen[None]):
    """The conflicts a merge recorded, one at a time, ours beside theirs."""

    CSS_PATH = "conflicts.tcss"
    BINDINGS = [
        Binding("o", "settle('ours')", "Keep ours"),
        Binding("t", "settle('theirs')", "Take theirs"),
        Binding("e", "edit", "Keep ours, edit it"),
        Binding("n,down", "move(1)", "Next"),
        Binding("p,up", "move(-1)", "Previous"),
        Binding("escape", "app.pop_screen", "Back to the map"),
    ]

    app = getters.app(ArgmapApp)

    def __init__(self) -> None:
        super().__init__()
        self.position = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="conflict-summary")
        with Horizontal(id="conflict-sides"):
            with VerticalScroll(classes="conflict-side"):
                yield Static(Text("Ours (in the map now)", style="bold"), classes="side-title")
                yield Static(id="conflict-ours")
            with VerticalScroll(classes="conflict-side"):
                yield Static(Text("Theirs", style="bold"), classes="side-title")
                yield Static(id="conflict-theirs")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = "conflicts from a merge"
        self.app.follow_versions(self, self.refresh_from_document)
        self.refresh_from_document()

    @property
    def conflicts(self) -> list[Conflict]:
        return self.app.document.argument_map.conflicts or []

    def refresh_from_document(self) -> None:
        conflicts = self.conflicts
        if not conflicts:
            return
        self.position = max(0, min(self.position, len(conflicts) - 1))
        conflict = conflicts[self.position]
        summary = Text(f"Conflict {self.position + 1} of {len(conflicts)}: ", style="bold")
        summary.append(conflict.summary)
        self.query_one("#conflict-summary", Static).update(summary)
        for which in ("ours", "theirs"):
            text = Text("\n").join(side_text(side, which) for side in conflict.changes)
            self.query_one(f"#conflict-{which}", Static).update(text)

    def action_move(self, step: int) -> None:
        if self.conflicts:
            self.position = (self.position + step) % len(self.conflicts)
            self.refresh_from_document()

    def action_settle(self, side: str) -> bool:
        """Settle the conflict shown; the last one settled goes back to the map, clean and ready to save."""
        if not self.conflicts:
            return False
        try:
            self.app.apply_edit(ResolveConflict(self.position, "theirs" if side == "theirs" else "ours"))
        except EditError as error:
            self.app.notify(error.message, severity="warning", timeout=8)
            return False
        left = len(self.conflicts)
        if not left:
            self.app.pop_screen()
            self.app.notify("Every conflict is resolved; ctrl+s saves the map.", timeout=6)
        else:
            self.app.notify(f"{counted(left, 'conflict')} left.", timeout=3)
        return True

    def action_edit(self) -> None:
        """Keep our side, then open the first thing of the conflict in its form, to write what both meant."""
        if not self.conflicts:
            return
        first = self.conflicts[self.position].changes[0]
        if not self.action_settle("ours"):
            return
        form = _form_for(self.app, first)
        if form is None:
            self.app.notify("Our side kept; it has no form to edit here (our side deleted it, or it is not an item "
                            "argmap edits in a form).", timeout=6)
        else:
            self.app.push_screen(form)


def _form_for(app: ArgmapApp, side: ConflictSide) -> Screen[bool] | None:
    """The form that edits the thing, as the map now holds it; None when the map has no such thing to edit."""
    from argmap.tui.forms import AuthorForm, ClaimForm, LinkForm, MapForm, SourceForm

    if side.key is None:
        return MapForm() if side.field in ("title", "description") else None
    if side.ours is None:
        return None
    item = from_json(side.field, side.ours)
    if side.field == "links":
        return LinkForm(item.source_id, item)
    forms: dict[str, Callable[[Any], Screen[bool]]] = {"authors": AuthorForm, "sources": SourceForm,
                                                       "claims": ClaimForm}
    make = forms.get(side.field)
    return None if make is None else make(item)
