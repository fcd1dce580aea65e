"""The analysis screen (agreement, contest, centrality, consistency, each a jump into the map) and the prep sheet."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Header, Label, Markdown, OptionList
from textual.widgets.option_list import Option

from argmap.formats.prep import Sheet, claim_sheet_data, sheet_bytes, sheet_markdown
from argmap.index import MapIndex
from argmap.tui.app import ArgmapApp
from argmap.tui.keybar import KeyBar
from argmap.tui.labels import claim_line
from argmap.tui.wrapped_list import WrappedList
from argmap.words import shortened, slug

SHOWN = 15
"""Items listed per section: the analysis is about what stands out."""


class AnalysisScreen(Screen[None]):
    """What the map says as a whole; enter on a claim opens it, on a pair of authors lists their links."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    app = getters.app(ArgmapApp)

    def compose(self) -> ComposeResult:
        yield Header()
        yield WrappedList(id="analysis")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = "analysis"
        self.app.follow_versions(self, self.refresh_from_document)
        self.refresh_from_document()
        self.query_one(OptionList).focus()

    def refresh_from_document(self) -> None:
        """List the analysis of the map as it now is."""
        document = self.app.document
        index, analysis = document.index, document.analysis
        options: list[Option] = []

        def heading(words: str) -> None:
            options.append(Option(Text(f"\n{words}", style="bold underline"), disabled=True))

        def claim_option(claim_id: str, note: str) -> None:
            line = Text(f"{note}  ", style="dim")
            line.append_text(claim_line(index, document.colors, index.claims[claim_id], width=200, marks=False,
                                        named=True, indent=line.cell_len))
            options.append(Option(line, id=f"claim:{claim_id}:{len(options)}"))

        heading("Agreement between authors (net = supports minus contradicts, over all links between them)")
        for pair in analysis.pairs[:SHOWN]:
            if pair.net is None:
                continue
            line = Text(f"{pair.net:+.2f}  ", style="bold green" if pair.net > 0 else "bold red")
            line.append(f"{index.author_name(pair.first)} ↔ {index.author_name(pair.second)}")
            line.append(f"   {pair.supports} supports, {pair.contradicts} contradicts, {pair.qualifies} qualifies",
                        style="dim")
            options.append(Option(line, id=f"pair:{pair.first}:{pair.second}"))
        heading("Most contested (contradicted counts twice, qualified once)")
        for item in analysis.contested[:SHOWN]:
            claim_option(item.claim_id, f"×{item.contradicted} ~{item.qualified}")
        heading("Most central (how many claims rest on it through chains of support)")
        for central in analysis.central[:SHOWN]:
            claim_option(central.claim_id, f"{central.rests:5.1f}")
        counts = dict.fromkeys(("accepted", "rejected", "undecided"), 0)
        for standing in analysis.standings.values():
            counts[standing.label.value] += 1
        heading("What stands: " + ", ".join(f"{n} {label}" for label, n in counts.items()))
        for claim_id, standing in analysis.standings.items():
            if standing.label.value != "accepted":
                claim_option(claim_id, standing.describe())
        heading("Consistency")
        for finding in analysis.self_contradictions:
            claim_option(finding.source_id, "contradicts its own author's other claim:")
        for cycle in analysis.support_cycles:
            claim_option(cycle.cycle[0], f"a circle of {len(cycle.cycle)} claims supporting each other, from:")
        for claim_id in analysis.unlinked[:SHOWN]:
            claim_option(claim_id, "no links:")
        if not (analysis.self_contradictions or analysis.support_cycles or analysis.unlinked):
            options.append(Option(Text("Nothing to report: no author contradicts themselves, no circles of "
                                       "support, every claim is linked.", style="dim"), disabled=True))
        listing = self.query_one(OptionList)
        listing.set_options(options)
        listing.highlighted = next((i for i, option in enumerate(options) if not option.disabled), None)

    @on(OptionList.OptionSelected)
    def _open(self, event: OptionList.OptionSelected) -> None:
        kind, first, second = (event.option.id or "::").split(":", 2)
        if kind == "claim":
            self.app.open_claim(first)
        elif kind == "pair":
            from argmap.compare import links_between
            from argmap.tui.matrix import LinksScreen

            index = self.app.document.index
            self.app.push_screen(LinksScreen(first, second, links_between(index, first, second),
                                             returning=links_between(index, second, first)))


SAVE_FORMATS = (("md", "Markdown", "to edit or paste"), ("html", "HTML", "a page to open in a browser and print"),
                ("pdf", "PDF", "a printable document to hand out"))


class SaveAsScreen(ModalScreen[str | None]):
    """A small choice of what to save a sheet as: Markdown, HTML or PDF (None on escape)."""

    CSS_PATH = "choose.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, what: str) -> None:
        super().__init__()
        self.what = what

    def compose(self) -> ComposeResult:
        with Vertical(id="choice-box"):
            yield Label(Text(f"Save {self.what} as", style="bold"), id="choice-title")
            yield OptionList(*(Option(Text.assemble((name, "bold"), f"  {purpose}"), id=sheet_format)
                               for sheet_format, name, purpose in SAVE_FORMATS))
            yield Label(Text("enter saves beside the map · escape cancels", style="dim"), id="choice-hint")

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


def save_sheet(app: ArgmapApp, screen: Screen[None], sheet: Sheet, name: str, what: str = "this prep sheet") -> None:
    """Ask Markdown, HTML or PDF, then write the sheet beside the map as `prep-NAME.EXT` on a thread (a long PDF
    takes seconds; `screen` runs the thread) and say where it went."""

    def write(sheet_format: str, path: Path) -> None:
        from argmap.store import MapError, write_atomically

        try:
            write_atomically(path, sheet_bytes(sheet, sheet_format))
        except (MapError, ValueError) as error:
            app.call_from_thread(app.notify, str(error), severity="error")
            return
        app.call_from_thread(app.notify, f"Saved the prep sheet to {path}", timeout=8)

    def chosen(sheet_format: str | None) -> None:
        if sheet_format is None:
            return
        path = app.document.path.parent / f"prep-{name}.{sheet_format}"
        app.notify(f"Saving the prep sheet as {sheet_format.upper()}…", timeout=2)
        screen.run_worker(lambda: write(sheet_format, path), thread=True, group="prep-sheet")

    app.push_screen(SaveAsScreen(what), chosen)


def claim_sheet_name(index: MapIndex, claim_id: str) -> str:
    """A file name's words for a claim's sheet: its sentence's first words, letters and digits only (a sentence from
    a stranger's map may hold `/` or `..`)."""
    return slug(index.claims[claim_id].text, limit=8) or "claim"


def author_sheet_name(index: MapIndex, author_id: str) -> str:
    """A file name's words for an author's sheet: the name, letters and digits only."""
    return slug(index.author_name(author_id), limit=6) or "author"


class PrepScreen(Screen[None]):
    """The debate prep sheet for one claim, as a document; ctrl+s saves it beside the map as Markdown, HTML or
    PDF."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("ctrl+s", "save_sheet", "Save as Markdown, HTML or PDF", priority=True),
    ]

    app = getters.app(ArgmapApp)

    def __init__(self, claim_id: str) -> None:
        super().__init__()
        self.claim_id = claim_id

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Markdown(sheet_markdown(self.sheet()))
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = f"prep sheet: {shortened(self.app.document.index.claims[self.claim_id].text, 50)}"

    def sheet(self) -> Sheet:
        """The sheet as data, from the map as it now is."""
        document = self.app.document
        return claim_sheet_data(document.index, document.analysis, self.claim_id)

    def action_save_sheet(self) -> None:
        """Ask Markdown, HTML or PDF, then save."""
        save_sheet(self.app, self, self.sheet(), claim_sheet_name(self.app.document.index, self.claim_id))
