"""Authors and sources: list them, add, edit and delete them."""

from __future__ import annotations

from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from argmap.edits import DeleteAuthor, DeleteSource, EditError
from argmap.tui.app import ArgmapApp
from argmap.tui.keybar import KeyBar
from argmap.tui.labels import author_badge
from argmap.words import counted


class PeopleScreen(Screen[None]):
    """Every author with their sources beneath; a refused delete says why (claims or quotes still use it)."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("A", "new_author", "New author"),
        Binding("S", "new_source", "New source"),
        Binding("e", "edit", "Edit"),
        Binding("d", "delete", "Delete"),
        Binding("R", "read_source", "Read the source"),
    ]

    app = getters.app(ArgmapApp)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text("Authors and their sources · A new author · S new source · e edit · d delete", style="dim"))
        yield OptionList(id="people")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = "authors and sources"
        self.app.follow_versions(self, self.refresh_from_document)
        self.refresh_from_document()
        self.query_one(OptionList).focus()

    def refresh_from_document(self) -> None:
        """List the authors and sources as the map now has them."""
        document = self.app.document
        people = self.query_one(OptionList)
        highlighted = people.highlighted
        options = []
        for author in document.argument_map.authors:
            claims = len(document.index.claims_by_author.get(author.id, []))
            prompt = author_badge(author.name, document.colors.get(author.id, "white"))
            described = f"  {author.affiliation or ''}  ·  {counted(claims, 'claim')}  ·  id {author.id}"
            prompt.append(described, style="dim")
            options.append(Option(prompt, id=f"author:{author.id}"))
            for source in document.argument_map.sources:
                if source.author == author.id:
                    details = ", ".join(p for p in (source.publication, source.date, source.file) if p)
                    options.append(Option(Text.assemble("    ▪ ", source.title, (f"  {details}", "dim")),
                                          id=f"source:{source.id}"))
        people.set_options(options or [Option(Text("No authors yet: press A.", style="dim"), disabled=True)])
        if highlighted is not None and highlighted < people.option_count:
            people.highlighted = highlighted

    def _chosen(self) -> tuple[str, str] | None:
        option = self.query_one(OptionList).highlighted_option
        if option is None or not option.id:
            return None
        kind, _, item_id = option.id.partition(":")
        return kind, item_id

    def action_new_author(self) -> None:
        from argmap.tui.forms import AuthorForm

        self.app.push_screen(AuthorForm())

    def action_new_source(self) -> None:
        from argmap.tui.forms import SourceForm

        self.app.push_screen(SourceForm())

    def action_edit(self) -> None:
        from argmap.tui.forms import AuthorForm, SourceForm

        chosen = self._chosen()
        if chosen is None:
            return
        kind, item_id = chosen
        index = self.app.document.index
        form = AuthorForm(index.authors[item_id]) if kind == "author" else SourceForm(index.sources[item_id])
        self.app.push_screen(form)

    def action_delete(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            return
        kind, item_id = chosen
        try:
            self.app.apply_edit(DeleteAuthor(item_id) if kind == "author" else DeleteSource(item_id))
        except EditError as error:
            self.notify(error.message, severity="error", timeout=6)

    def action_read_source(self) -> None:
        """The highlighted source (or the highlighted author's first) in the reader."""
        from argmap.tui.reader import open_reader

        chosen = self._chosen()
        if chosen is None:
            return
        kind, item_id = chosen
        sources = self.app.document.argument_map.sources
        source_id = item_id if kind == "source" else next((s.id for s in sources if s.author == item_id), None)
        if source_id is None:
            self.notify("This author has no source yet: S adds one.", timeout=3)
            return
        open_reader(self.app, source_id)
