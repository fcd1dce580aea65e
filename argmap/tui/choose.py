"""A modal list of choices with check boxes: used for filters and for picking authors to compare."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Generic, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, SelectionList
from textual.widgets.selection_list import Selection

Value = TypeVar("Value", bound=Hashable)


class ChoiceScreen(ModalScreen[list[Value] | None], Generic[Value]):
    """Tick any number of choices; enter applies them (None on escape), space ticks."""

    CSS_PATH = "choose.tcss"
    BINDINGS = [
        Binding("enter", "apply", "Apply", priority=True),
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+a", "toggle_all", "All/none"),
    ]

    def __init__(
        self,
        title: str,
        choices: Sequence[tuple[Text, Value, bool]],
        hint: str = "",
        minimum: int = 0,
        maximum: int = 0,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices
        self.hint = hint or "space ticks · enter applies · escape cancels · ctrl+a all or none"
        self.minimum = minimum
        self.maximum = maximum

    def compose(self) -> ComposeResult:
        with Vertical(id="choice-box"):
            yield Label(Text(self.title_text, style="bold"), id="choice-title")
            yield SelectionList[Value](*(Selection(text, value, chosen) for text, value, chosen in self.choices))
            yield Label(Text(self.hint, style="dim"), id="choice-hint")

    def action_apply(self) -> None:
        chosen = list(self.query_one(SelectionList).selected)
        if self.minimum and len(chosen) < self.minimum:
            self.notify(f"Choose at least {self.minimum}.", severity="warning")
            return
        if self.maximum and len(chosen) > self.maximum:
            self.notify(f"Choose at most {self.maximum}.", severity="warning")
            return
        self.dismiss(chosen)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_toggle_all(self) -> None:
        selection_list = self.query_one(SelectionList)
        if selection_list.selected:
            selection_list.deselect_all()
        else:
            selection_list.select_all()
