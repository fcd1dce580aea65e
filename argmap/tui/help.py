"""Every key, screen by screen, read from the screens' own bindings so the list cannot drift from the code."""

from __future__ import annotations

from collections.abc import Iterable

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from argmap.tui.analysis import AnalysisScreen, PrepScreen
from argmap.tui.browse import BrowseScreen
from argmap.tui.case import CaseScreen
from argmap.tui.choose import ChoiceScreen
from argmap.tui.compare import CompareScreen
from argmap.tui.conflicts import ConflictsScreen
from argmap.tui.forms import ClaimForm, FormScreen
from argmap.tui.matrix import MatrixScreen
from argmap.tui.people import PeopleScreen
from argmap.tui.reader import READER_MARGIN, ReaderScreen
from argmap.tui.suggestions import SuggestionsScreen

GENERAL_KEYS: list[tuple[str, str]] = [
    ("ctrl+p", "command palette: go to claim, change theme, …"),
    ("tab / shift+tab", "move between the tree, the claim's links and the search box"),
    ("↑ ↓ / enter", "move in a list or tree / open the claim, follow the link"),
]


def _key_names(binding: Binding) -> str:
    names = {"slash": "/", "question_mark": "?", "left_square_bracket": "[", "right_square_bracket": "]",
             "A": "shift+a", "S": "shift+s", "K": "shift+k", "V": "shift+v", "L": "shift+l", "R": "shift+r",
             "U": "shift+u",
             "comma": ",", "full_stop": ".", "less_than_sign": "<", "greater_than_sign": ">"}
    return " / ".join(names.get(key.strip(), key.strip()) for key in binding.key.split(","))


def bindings_table(title: str, bindings: Iterable[BindingType]) -> Table:
    """A two-column table of keys and what they do."""
    table = Table(title=Text(title, style="bold"), show_header=False, box=None, padding=(0, 2), title_justify="left")
    table.add_column(style="bold cyan", no_wrap=True)
    table.add_column()
    for binding in bindings:
        if isinstance(binding, tuple):
            binding = Binding(*binding)
        if binding.description:
            table.add_row(_key_names(binding), binding.description)
    return table


class HelpScreen(ModalScreen[None]):
    """All the keys; escape, q or ? closes it."""

    CSS_PATH = "help.tcss"
    BINDINGS = [Binding("escape,q,question_mark", "app.pop_screen", "Close help")]

    def compose(self) -> ComposeResult:
        from argmap.tui.app import ArgmapApp

        with VerticalScroll(id="help-box"):
            general = [*ArgmapApp.BINDINGS, *(Binding(key, "", does) for key, does in GENERAL_KEYS)]
            yield Static(bindings_table("Everywhere", general))
            yield Static(bindings_table("Browse", BrowseScreen.BINDINGS))
            yield Static(bindings_table("Compare authors", CompareScreen.BINDINGS))
            yield Static(bindings_table("Agreement matrix", MatrixScreen.BINDINGS))
            yield Static(bindings_table("Authors and sources (p)", PeopleScreen.BINDINGS))
            yield Static(bindings_table("Reading a source (shift+r)", ReaderScreen.BINDINGS))
            yield Static(Text(READER_MARGIN, style="dim"))
            yield Static(bindings_table("Analysis (z)", AnalysisScreen.BINDINGS))
            yield Static(bindings_table("A claim's prep sheet (shift+p)", PrepScreen.BINDINGS))
            yield Static(bindings_table("Candidate links (shift+l)", SuggestionsScreen.BINDINGS))
            yield Static(bindings_table("Case and blocks for a motion (b)", CaseScreen.BINDINGS))
            yield Static(bindings_table("Conflicts after a merge", ConflictsScreen.BINDINGS))
            yield Static(bindings_table("Forms", [*FormScreen.BINDINGS, *ClaimForm.BINDINGS]))
            yield Static(bindings_table("Choosing (filters, authors)", ChoiceScreen.BINDINGS))
            yield Static(Text("escape, q or ? closes this help", style="dim"))
