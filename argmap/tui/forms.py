"""Modal forms for claims, links, authors and sources, and a yes/no/cancel question.

A form builds an edit command and hands it to the app; when the core refuses it (`EditError`), the sentence is
shown under the field at fault and nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import events, getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Checkbox, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from argmap.edits import (
    AddAuthor,
    AddClaim,
    AddLink,
    AddSource,
    Edit,
    EditError,
    SetDescription,
    SetTitle,
    UpdateAuthor,
    UpdateClaim,
    UpdateLink,
    UpdateSource,
    validated,
)
from argmap.model import CLAIM_KINDS, RELATION_MEANINGS, Author, Claim, Link, Quote, Relation, Source
from argmap.passages import sentences_of
from argmap.sources import locate_quote
from argmap.store import MapError
from argmap.tui.app import ArgmapApp
from argmap.tui.labels import claim_line
from argmap.words import slug

FIELD_HINT = "tab moves between fields · ctrl+s saves · escape cancels"


class TopicSuggester(Suggester):
    """Completes the topic being typed after the last comma from the map's topics."""

    def __init__(self, topics: list[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=False)
        self.topics = topics

    async def get_suggestion(self, value: str) -> str | None:
        head, _, typed = value.rpartition(",")
        typed = typed.lstrip()
        if not typed:
            return None
        for topic in self.topics:
            if topic.startswith(typed.lower()) and topic != typed:
                return f"{head}, {topic}" if head else topic
        return None


def split_topics(value: str) -> list[str]:
    """Topics typed as a comma-separated list, trimmed, without repeats or blanks."""
    return list(dict.fromkeys(topic.strip() for topic in value.split(",") if topic.strip()))


class FormScreen(ModalScreen[bool]):
    """A form with a title, fields and an error line under each; ctrl+s submits, escape cancels."""

    CSS_PATH = "forms.tcss"
    BINDINGS = [
        Binding("ctrl+s", "submit", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    app = getters.app(ArgmapApp)
    heading = "Form"

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="form-box"):
            yield Label(Text(self.heading, style="bold"), classes="form-title")
            yield from self.fields()
            yield Static("", id="error-form", classes="field-error")
            yield Label(Text(FIELD_HINT, style="dim"), classes="form-hint")

    def fields(self) -> ComposeResult:
        """The form's labelled fields."""
        return iter(())

    first_field = "Input"
    """The selector of the field the cursor starts in."""

    clears: dict[str, tuple[str, ...]] = {}
    """The errors a change of a field makes stale besides its own, by field name (a link's relation: its `to`)."""

    _opened_with: dict[str, Any] | None = None

    def on_mount(self) -> None:
        self.query(self.first_field).first().focus()
        self.call_after_refresh(self._remember_opening)

    def _remember_opening(self) -> None:
        """The values the form opened with, once its own suggestions (ids, a default source) have settled."""
        self._opened_with = self.state()

    def state(self) -> dict[str, Any]:
        """What the form holds: every field's value, by id."""
        widgets = self.query("Input, Select, Checkbox")
        return {w.id: w.value for w in widgets if isinstance(w, Input | Select | Checkbox) and w.id is not None}

    @on(Input.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    def _field_changed(self, event: Input.Changed | Select.Changed | Checkbox.Changed) -> None:
        name = (event.control.id or "").removeprefix("field-")
        self.clear_errors(name, *self.clears.get(name, ()))

    def clear_errors(self, *names: str) -> None:
        """Empty the error lines of these fields and the form's own: what they said was about earlier values."""
        for name in (*names, "form"):
            for line in self.query(f"#error-{name}").results(Static):
                line.update("")

    def field(self, label: str, widget: Any, name: str, hint: str = "") -> ComposeResult:
        """A label, the widget and the line where the core's refusal for `name` is shown."""
        yield Label(label, classes="field-label")
        yield widget
        if hint:
            yield Static(Text(hint, style="dim"), classes="field-hint")
        yield Static("", id=f"error-{name}", classes="field-error")

    def build(self) -> Edit:
        """The edit this form asks for (raises `EditError` when a field is malformed)."""
        raise NotImplementedError

    def action_submit(self) -> None:
        for error_line in self.query(".field-error").results(Static):
            error_line.update("")
        try:
            self.app.apply_edit(self.build())
        except EditError as error:
            self.show_error(error)
            return
        self.dismiss(True)

    def show_error(self, error: EditError) -> None:
        """Put the refusal under its field (or at the bottom when no field is named) and focus that field."""
        matches = self.query(f"#error-{error.field}")
        line = matches.first(Static) if matches else self.query_one("#error-form", Static)
        line.update(Text(error.message, style="bold red"))
        field_widget = self.query(f"#field-{error.field}")
        if field_widget:
            field_widget.first().focus()

    def action_cancel(self) -> None:
        """Close the form; when something was typed or changed since it opened, ask first."""
        if self._opened_with is None or self.state() == self._opened_with:
            self.dismiss(False)
            return

        def answer(key: str) -> None:
            if key == "s":
                self.action_submit()
            elif key == "d":
                self.dismiss(False)

        ask(self.app, f"Leave “{self.heading}” without saving what you typed?",
            [("s", "save it"), ("d", "discard it"), ("escape", "keep editing")], answer)

    def value(self, name: str) -> str:
        """The trimmed text of the input `#field-NAME`."""
        return self.query_one(f"#field-{name}", Input).value.strip()

    def choice(self, name: str) -> Any:
        """The value of the select `#field-NAME`, or None when nothing is chosen."""
        selected = self.query_one(f"#field-{name}", Select).value
        return None if selected is Select.NULL else selected


class AuthorForm(FormScreen):
    """Add an author, or edit one (a changed id is carried into every claim and source)."""

    def __init__(self, author: Author | None = None) -> None:
        super().__init__()
        self.author = author
        self.heading = "Edit author" if author else "New author"

    def fields(self) -> ComposeResult:
        author = self.author
        yield from self.field("Name", Input(author.name if author else "", id="field-name"), "name")
        yield from self.field("Id (a short slug, e.g. pereira)", Input(author.id if author else "", id="field-id"),
                              "id")
        yield from self.field("Affiliation (optional)",
                              Input((author.affiliation or "") if author else "", id="field-affiliation"),
                              "affiliation")

    @on(Input.Changed, "#field-name")
    def _suggest_id(self, event: Input.Changed) -> None:
        if self.author is None:
            words = event.value.split()
            self.query_one("#field-id", Input).value = slug(words[-1]) if words else ""

    def build(self) -> Edit:
        author = validated(Author, {"id": self.value("id"), "name": self.value("name"),
                                    "affiliation": self.value("affiliation") or None})
        return UpdateAuthor(self.author.id, author) if self.author else AddAuthor(author)


class SourceForm(FormScreen):
    """Add or edit a source: a text an author wrote, ideally with its file so quotes can be checked."""

    first_field = "#field-title"

    def __init__(self, source: Source | None = None) -> None:
        super().__init__()
        self.source = source
        self.heading = "Edit source" if source else "New source"

    def fields(self) -> ComposeResult:
        source = self.source
        authors = [(Text(a.name), a.id) for a in self.app.document.argument_map.authors]

        def text(name: str) -> str:
            return (getattr(source, name) or "") if source else ""

        yield from self.field("Author", Select(authors, value=source.author if source else authors[0][1],
                                               id="field-author", allow_blank=False), "author")
        yield from self.field("Title", Input(text("title"), id="field-title"), "title")
        yield from self.field("Id", Input(text("id"), id="field-id"), "id")
        yield from self.field("Publication (optional)", Input(text("publication"), id="field-publication"),
                              "publication")
        yield from self.field("Date (optional, free text such as November 2017)", Input(text("date"), id="field-date"),
                              "date")
        yield from self.field("Text file, relative to the map (optional)", Input(text("file"), id="field-file"),
                              "file", hint="quotes from this source are checked against this file")
        yield from self.field("URL (optional)", Input(text("url"), id="field-url"), "url")

    @on(Input.Changed, "#field-title")
    def _suggest_id(self, event: Input.Changed) -> None:
        if self.source is None:
            author = self.choice("author") or ""
            self.query_one("#field-id", Input).value = "-".join(part for part in (author, slug(event.value, 3)) if part)

    def build(self) -> Edit:
        source = validated(Source, {
            "id": self.value("id"), "author": self.choice("author") or "", "title": self.value("title"),
            "publication": self.value("publication") or None, "date": self.value("date") or None,
            "file": self.value("file") or None, "url": self.value("url") or None,
        })
        return UpdateSource(self.source.id, source) if self.source else AddSource(source)


class ClaimForm(FormScreen):
    """Add or edit a claim; the quote is checked against its source as it is typed. A new claim may start from a
    quote (the reader's selection): its source, words and place filled in, the source's author as its author."""

    def __init__(self, claim: Claim | None = None, author_id: str | None = None, quote: Quote | None = None) -> None:
        super().__init__()
        self.claim = claim
        self.default_author = claim.author if claim else author_id
        self.quoted = claim.quote if claim else quote
        self.heading = "Edit claim" if claim else "New claim"
        self._span: tuple[int, int] | None = None

    def fields(self) -> ComposeResult:
        document = self.app.document
        claim = self.claim
        authors = [(Text(a.name), a.id) for a in document.argument_map.authors]
        sources = [(Text(s.title), s.id) for s in document.argument_map.sources]
        if self.default_author is None and len(authors) == 1:
            self.default_author = authors[0][1]
        quote = self.quoted
        default_source = quote.source if quote else self._source_of(self.default_author)
        yield from self.field("Author", Select(authors, value=self.default_author or authors[0][1], id="field-author",
                                               allow_blank=False), "author")
        yield from self.field("The claim, in one sentence of your own", Input(claim.text if claim else "",
                                                                              id="field-text"), "text")
        yield from self.field("Id", Input(claim.id if claim else "", id="field-id"), "id")
        yield from self.field("Source", Select(sources, value=default_source or Select.NULL, id="field-source",
                                               prompt="no source", allow_blank=True), "source")
        yield from self.field("Quote, verbatim from the source", Input(quote.text if quote else "", id="field-quote"),
                              "quote", hint="ctrl+o picks a sentence from the source's text")
        yield Static("", id="quote-status")
        yield Checkbox("Keep the quote even though it is not found in the source", id="keep-unfound")
        topics = document.index.topics
        yield from self.field("Topics, separated by commas", Input(", ".join(claim.topics) if claim else "",
                                                                   id="field-topics",
                                                                   suggester=TopicSuggester(topics)),
                              "topics", hint=("known: " + ", ".join(topics[:12])) if topics else "")
        yield from self.field("Kind", Select([(kind, kind) for kind in CLAIM_KINDS],
                                             value=claim.kind if claim else "claim", id="field-kind",
                                             allow_blank=False), "kind")
        yield from self.field("Note (optional)", Input((claim.note or "") if claim else "", id="field-note"), "note")

    first_field = "#field-text"
    BINDINGS = [Binding("ctrl+o", "pick_quote", "Pick a quote from the source")]
    clears = {"source": ("quote",), "quote": ("source",), "keep-unfound": ("quote",)}

    def action_pick_quote(self) -> None:
        source_id = self.choice("source")
        text = self.app.document.texts.text_of(source_id) if source_id else None
        if text is None:
            problem = self._text_problem(source_id)
            self.notify(f"{problem}." if problem else "Choose a source that has a text file first.",
                        severity="warning", markup=False)
            return
        title = self.app.document.index.sources[source_id].title

        def take(picked: str | None) -> None:
            if picked:
                self.query_one("#field-quote", Input).value = picked
                self.query_one("#field-quote", Input).focus()

        self.app.push_screen(QuotePicker(text, title), take)

    def on_mount(self) -> None:
        self.query_one("#keep-unfound").display = False
        self._check_quote()

    def _text_problem(self, source_id: str | None) -> str | None:
        """Why the chosen source's text file cannot be read, as a sentence without its full stop; None when no
        source is chosen or it names no file."""
        problem = self.app.document.texts.error_of(source_id) if source_id else None
        return problem[:1].upper() + problem[1:] if problem else None

    def _source_of(self, author_id: str | None) -> str | None:
        return next((s.id for s in self.app.document.argument_map.sources if s.author == author_id), None)

    @on(Select.Changed, "#field-author")
    def _author_changed(self, event: Select.Changed) -> None:
        source = self._source_of(event.value if isinstance(event.value, str) else None)
        if source and self.choice("source") is None:
            self.query_one("#field-source", Select).value = source
        self._suggest_id()

    @on(Input.Changed, "#field-text")
    def _suggest_id(self, event: Input.Changed | None = None) -> None:
        if self.claim is None:
            author = self.choice("author") or ""
            self.query_one("#field-id", Input).value = "-".join(p for p in (author, slug(self.value("text"))) if p)

    @on(Input.Changed, "#field-quote")
    @on(Select.Changed, "#field-source")
    def _check_quote(self) -> None:
        """Say at once whether the quote stands in the source text, and where."""
        status = self.query_one("#quote-status", Static)
        keep = self.query_one("#keep-unfound", Checkbox)
        quote, source_id = self.query_one("#field-quote", Input).value, self.choice("source")
        self._span = None
        keep.display = False
        if not quote:
            status.update(Text("No quote yet.", style="dim"))
            return
        text = self.app.document.texts.text_of(source_id) if source_id else None
        if source_id is None:
            status.update(Text("Choose the source the quote comes from.", style="yellow"))
        elif text is None:
            problem = self._text_problem(source_id) or "This source names no text file"
            status.update(Text(f"{problem}, so the quote cannot be checked.", style="yellow"))
        else:
            near = self.quoted.start if self.quoted else None
            self._span = locate_quote(text, quote, near=near)
            if self._span:
                status.update(Text(f"✓ Found in the source at {self._span[0]}–{self._span[1]}.", style="green"))
            else:
                status.update(Text("✗ Not found in the source text, as typed.", style="bold red"))
                keep.display = True

    def build(self) -> Edit:
        quote_text, source_id = self.query_one("#field-quote", Input).value, self.choice("source")
        quote = None
        if quote_text:
            if source_id is None:
                raise EditError("source", "choose the source the quote comes from")
            unfound = self._span is None and self.app.document.texts.text_of(source_id) is not None
            if unfound and not self.query_one("#keep-unfound", Checkbox).value:
                raise EditError("quote", "the quote is not in the source; correct it, or tick 'keep the quote'")
            quote = {"source": source_id, "text": quote_text,
                     "start": self._span[0] if self._span else None, "end": self._span[1] if self._span else None}
        claim = validated(Claim, {
            "id": self.value("id"), "author": self.choice("author") or "", "text": self.value("text"),
            "quote": quote, "topics": split_topics(self.value("topics")), "kind": self.choice("kind") or "claim",
            "note": self.value("note") or None,
        })
        return UpdateClaim(self.claim.id, claim) if self.claim else AddClaim(claim)


class QuotePicker(ModalScreen[str | None]):
    """Pick a quote from a source's text: type words to narrow the sentences, enter takes one."""

    CSS_PATH = "forms.tcss"
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, text: str, title: str) -> None:
        super().__init__()
        self.pieces = sentences_of(text)
        self.source_title = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="form-box picker-box"):
            yield Label(Text(f"Pick a quote from “{self.source_title}”", style="bold"), classes="form-title")
            yield Input(placeholder="words from the sentence", id="picker-filter")
            yield OptionList(id="picker-sentences")
            yield Label(Text("↓ to the list · enter takes the sentence (trim it in the form) · escape", style="dim"))

    def on_mount(self) -> None:
        self._show("")

    @on(Input.Changed, "#picker-filter")
    def _narrow(self, event: Input.Changed) -> None:
        self._show(event.value)

    def _show(self, typed: str) -> None:
        words = typed.lower().split()
        chosen = [piece.text for piece in self.pieces if all(word in piece.text.lower() for word in words)]
        listing = self.query_one("#picker-sentences", OptionList)
        listing.set_options(Option(Text(piece), id=str(n)) for n, piece in enumerate(chosen[:300]))
        self._shown = chosen[:300]
        listing.highlighted = 0 if chosen else None

    def on_key(self, event: events.Key) -> None:
        if event.key == "down" and self.focused is self.query_one("#picker-filter"):
            event.stop()
            self.query_one("#picker-sentences").focus()

    @on(Input.Submitted, "#picker-filter")
    def _take_highlighted(self) -> None:
        highlighted = self.query_one("#picker-sentences", OptionList).highlighted
        if highlighted is not None:
            self.dismiss(self._shown[highlighted])

    @on(OptionList.OptionSelected, "#picker-sentences")
    def _take(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self._shown[int(event.option.id or 0)])


class LinkForm(FormScreen):
    """Link a claim to another: find the other claim by searching, choose the relation, say why."""

    def __init__(self, source_id: str, link: Link | None = None, target_id: str | None = None,
                 relation: Relation | None = None) -> None:
        """Edit `link`, or make a new link from `source_id`, to `target_id` and with `relation` when they are known
        (a candidate link), else chosen in the form."""
        super().__init__()
        self.source_id = source_id
        self.link = link
        self.target_id: str | None = link.target_id if link else target_id
        self.relation = link.relation if link else relation or Relation.SUPPORTS
        self.heading = "Edit link" if link else "New link"

    def fields(self) -> ComposeResult:
        document = self.app.document
        source = document.index.claims[self.source_id]
        yield Label("From", classes="field-label")
        yield Static(claim_line(document.index, document.colors, source, width=200, marks=False))
        yield from self.field("Relation", Select(
            [(f"{relation}: {RELATION_MEANINGS[relation]}", relation) for relation in Relation],
            value=self.relation, id="field-relation", allow_blank=False),
            "relation")
        yield from self.field("To: search for the other claim", Input(id="field-search"), "to")
        yield OptionList(id="link-targets")
        yield Static("", id="link-target")
        yield from self.field("Why (one line a reader can check against both quotes)",
                              Input(self.link.why if self.link else "", id="field-why"), "why")

    clears = {"relation": ("to",), "search": ("to",)}

    def on_mount(self) -> None:
        self._show_target()
        self.query_one("#link-targets").display = False
        self.first_field = "#field-search" if self.target_id is None else "#field-why"

    @on(Input.Changed, "#field-search")
    def _search(self, event: Input.Changed) -> None:
        document = self.app.document
        targets = self.query_one("#link-targets", OptionList)
        hits = [hit for hit in document.search_index.search(event.value, limit=12) if hit.claim_id != self.source_id]
        targets.set_options(
            Option(claim_line(document.index, document.colors, document.index.claims[hit.claim_id], width=200),
                   id=hit.claim_id)
            for hit in hits
        )
        targets.display = bool(hits)
        targets.highlighted = 0 if hits else None

    @on(Input.Submitted, "#field-search")
    def _take_first(self) -> None:
        targets = self.query_one("#link-targets", OptionList)
        if targets.display and targets.highlighted is not None:
            self._choose(targets.get_option_at_index(targets.highlighted).id)

    @on(OptionList.OptionSelected, "#link-targets")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option.id)

    def _choose(self, claim_id: str | None) -> None:
        self.target_id = claim_id
        self.clear_errors("to")
        self.query_one("#link-targets").display = False
        self._show_target()
        self.query_one("#field-why").focus()

    def _show_target(self) -> None:
        document = self.app.document
        target = document.index.claims.get(self.target_id or "")
        shown = (claim_line(document.index, document.colors, target, width=200, marks=False) if target
                 else Text("No claim chosen yet: type words from it above, then enter.", style="dim"))
        self.query_one("#link-target", Static).update(shown)

    def state(self) -> dict[str, Any]:
        return {**super().state(), "to": self.target_id}

    def build(self) -> Edit:
        if self.target_id is None:
            raise EditError("to", "choose the claim to link to")
        link = validated(Link, {"from": self.source_id, "to": self.target_id,
                                "relation": self.choice("relation"), "why": self.value("why")})
        return UpdateLink(self.link.key, link) if self.link is not None else AddLink(link)


class MapForm(FormScreen):
    """The map's own title and description."""

    heading = "The map"

    def fields(self) -> ComposeResult:
        argument_map = self.app.document.argument_map
        yield from self.field("Title", Input(argument_map.title, id="field-title"), "title")
        yield from self.field("Description", Input(argument_map.description, id="field-description"), "description")

    def action_submit(self) -> None:
        argument_map = self.app.document.argument_map
        edits: list[Edit] = []
        if self.value("title") != argument_map.title:
            edits.append(SetTitle(self.value("title")))
        if self.value("description") != argument_map.description:
            edits.append(SetDescription(self.value("description")))
        try:
            for edit in edits:
                self.app.apply_edit(edit)
        except EditError as error:
            self.show_error(error)
            return
        self.dismiss(True)


class SaveAsForm(FormScreen):
    """Save the map under another name."""

    heading = "Save as"

    def __init__(self, current: Path) -> None:
        super().__init__()
        self.current = current

    def fields(self) -> ComposeResult:
        yield from self.field("File name (a relative name is taken from the current map's folder)",
                              Input(str(self.current), id="field-path"), "path")

    def action_submit(self) -> None:
        path = Path(self.value("path")).expanduser()
        if not path.is_absolute():
            path = self.current.parent / path
        try:
            self.app.save_as(str(path))
        except MapError as error:
            self.query_one("#error-path", Static).update(Text(error.problems[0].message, style="bold red"))
            return
        self.dismiss(True)


class NewMapForm(FormScreen):
    """Start an empty map with a title, in a new file."""

    heading = "New map"

    def fields(self) -> ComposeResult:
        yield from self.field("Title", Input(id="field-title"), "title")
        yield from self.field("File", Input("new-map.json", id="field-path"), "path")

    def action_submit(self) -> None:
        from argmap.document import Document

        path = Path(self.value("path")).expanduser()
        if not path.is_absolute():
            path = self.app.document.path.parent / path
        try:
            document = Document.create(path, self.value("title"))
        except MapError as error:
            problem = error.problems[0]
            field = "title" if problem.place == "title" else "path"
            self.query_one(f"#error-{field}", Static).update(Text(problem.message, style="bold red"))
            return
        self.app.open_document(document)
        self.dismiss(True)


class QuestionScreen(ModalScreen[str]):
    """A question with a few answers, each on its own key; escape answers 'cancel'."""

    CSS_PATH = "forms.tcss"
    BINDINGS = [Binding("escape", "answer('cancel')", "Cancel")]

    def __init__(self, question: str, answers: list[tuple[str, str]]) -> None:
        super().__init__()
        self.question = question
        self.answers = answers

    def compose(self) -> ComposeResult:
        with Vertical(classes="form-box question-box"):
            yield Static(Text(self.question))
            with Horizontal(classes="answers"):
                for key, label in self.answers:
                    yield Static(Text.assemble((f" {key} ", "bold reverse"), f" {label}   "))

    def on_key(self, event: events.Key) -> None:
        for key, _ in self.answers:
            if event.key == key:
                event.stop()
                self.dismiss(key)

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer)


def ask(app: ArgmapApp, question: str, answers: list[tuple[str, str]], then: Callable[[str], None]) -> None:
    """Ask a question in a modal and call `then` with the key of the answer."""
    app.push_screen(QuestionScreen(question, answers), lambda answer: then(answer or "cancel"))
