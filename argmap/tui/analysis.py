"""The analysis screen (agreement, contest, centrality, consistency, each a jump into the map) and the prep sheet."""

from __future__ import annotations

from rich.text import Text
from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Markdown, OptionList
from textual.widgets.option_list import Option

from argmap.formats.prep import claim_sheet
from argmap.tui.app import ArgmapApp
from argmap.tui.keybar import KeyBar
from argmap.tui.labels import claim_line
from argmap.tui.wrapped_list import WrappedList

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
            line.append_text(claim_line(index, document.colors, index.claims[claim_id], width=200, marks=False))
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
            claim_option(finding.source_id, f"{index.author_name(finding.author_id)} contradicts their own claim:")
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


class PrepScreen(Screen[None]):
    """The debate prep sheet for one claim, as a document; ctrl+s saves it as Markdown beside the map."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("ctrl+s", "save_sheet", "Save as Markdown", priority=True),
    ]

    app = getters.app(ArgmapApp)

    def __init__(self, claim_id: str) -> None:
        super().__init__()
        self.claim_id = claim_id

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Markdown(self.sheet())
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = f"prep sheet: {self.claim_id}"

    def sheet(self) -> str:
        """The sheet as Markdown, from the map as it now is."""
        document = self.app.document
        return claim_sheet(document.index, document.analysis, self.claim_id)

    def action_save_sheet(self) -> None:
        """Save the sheet beside the map, named after the claim in letters and digits only: an id from a stranger's
        map may hold `/` or `..`."""
        from argmap.store import MapError, write_atomically
        from argmap.words import slug

        path = self.app.document.path.parent / f"prep-{slug(self.claim_id, limit=8) or 'claim'}.md"
        try:
            write_atomically(path, self.sheet().encode("utf-8"))
        except MapError as error:
            self.notify(str(error), severity="error")
            return
        self.notify(f"Saved the prep sheet to {path}", timeout=6)
