"""One claim in full: its sentence, author, topics and kind, the quote in its context, and every link in and out.

The whole view is one `OptionList`: the claim's details are inert lines at the top and its links are the options
below them. Showing another claim only swaps the options, so the screen's layout never changes and a step through
the tree costs one redraw of this widget.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text
from textual import events, on
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from argmap.index import MapIndex
from argmap.model import Claim, Link, Quote, Relation
from argmap.outline import INCOMING_LABELS, OUTGOING_LABELS
from argmap.sources import SourceTexts, locate_quote, quote_context
from argmap.tui.labels import author_badge, kind_badge, relation_text
from argmap.words import counted

if TYPE_CHECKING:
    from argmap.analysis import Analysis


class ClaimView(OptionList):
    """Shows the claim it is given; says `LinkFollowed` when the reader chooses a link to follow."""

    class LinkFollowed(Message):
        """The reader chose a link: go to the claim at its other end."""

        def __init__(self, claim_id: str) -> None:
            self.claim_id = claim_id
            super().__init__()

    def __init__(self, index: MapIndex, colors: dict[str, str], texts: SourceTexts, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.analysis: Analysis | None = None
        self.index = index
        self.author_colors = colors
        self.texts = texts
        self.claim_id: str | None = None
        self.link_targets: dict[str, str] = {}
        self.links: dict[str, Link] = {}

    def on_mount(self) -> None:
        if self.claim_id is None:
            hint = Text("Choose a claim on the left, or press / to search.", style="dim")
            self.set_options([Option(hint, disabled=True)])

    @on(events.Show)
    def _stay_at_top(self, event: events.Show) -> None:
        """Stay at the claim's top: the base list would scroll its cursor, on the first link, into view.

        That scroll came with the first frame, below the claim's sentence, and stayed until the analysis thread
        finished and showed the claim again, seconds later on a large map.
        """
        event.prevent_default()

    def show(self, claim_id: str) -> None:
        """Show a claim from its top, the cursor on its first link."""
        claim = self.index.claims.get(claim_id)
        if claim is None:
            return
        self.claim_id = claim_id
        options = [Option(self._details(claim), disabled=True)]
        self.link_targets = {}
        self.links = {}
        options += self._link_options(claim)
        self.set_options(options)
        first_link = next((i for i, option in enumerate(options) if not option.disabled), None)
        self.highlighted = first_link
        self.scroll_home(animate=False)

    def _details(self, claim: Claim) -> Group:
        parts: list[RenderableType] = [Text(claim.text, style="bold"), Text(), self._meta(claim)]
        standing = self._standing(claim)
        if standing is not None:
            parts.append(standing)
        quote = self._quote(claim)
        if quote is not None:
            parts += [Text(), Padding(quote, (0, 0, 0, 2))]
        if claim.note:
            parts += [Text(), Text(f"Note: {claim.note}", style="italic")]
        parts.append(Text())
        return Group(*parts)

    def _meta(self, claim: Claim) -> Text:
        meta = author_badge(self.index.author_name(claim.author), self.author_colors.get(claim.author, "white"))
        meta.append("  ·  ")
        meta.append_text(kind_badge(claim.kind))
        if claim.topics:
            meta.append("  ·  ")
            meta.append(", ".join(claim.topics), style="cyan")
        meta.append(f"  ·  id\u00a0{claim.id}", style="dim")
        return meta

    def _standing(self, claim: Claim) -> Text | None:
        """Where the claim stands on the map and how much it is contested, once the analysis is ready."""
        if self.analysis is None or claim.id not in self.analysis.standings:
            return None
        standing = self.analysis.standings[claim.id]
        style = {"accepted": "green", "rejected": "bold red", "undecided": "yellow"}[standing.label.value]
        line = Text("Standing: ", style="dim")
        line.append(standing.describe(), style=style)
        attacks = [link.relation for link in self.index.incoming.get(claim.id, ())]
        contradicted, qualified = attacks.count(Relation.CONTRADICTS), attacks.count(Relation.QUALIFIES)
        attacked = [f"{verb} by {counted(number, 'claim')}" for verb, number in
                    (("contradicted", contradicted), ("qualified", qualified)) if number]
        if attacked:
            line.append(f"  ·  {', '.join(attacked)}", style="dim")
        line.append("  ·  P prep sheet", style="dim")
        return line

    def _quote(self, claim: Claim) -> Text | None:
        quote = claim.quote
        if quote is None:
            return None
        text = self.texts.text_of(quote.source)
        shown = Text()
        context = quote_context(text, quote)
        if context is not None:
            shown.append(_one_line(context.before), style="dim")
            shown.append(context.quote, style="bold reverse")
            shown.append(_one_line(context.after), style="dim")
        else:
            shown.append(f"“{quote.text}”")
            shown.append(f"\n{self._unverified(quote, text)}", style="bold yellow")
        source = self.index.sources.get(quote.source)
        if source is not None:
            details = ", ".join(part for part in (source.title, source.publication, source.date) if part)
            shown.append(f"\n— {details}", style="italic")
            if text is not None:
                shown.append("  ·  R reads it", style="dim")
        return shown

    def _unverified(self, quote: Quote, text: str | None) -> str:
        """Why a quote is shown without its source around it: it is not where the map says, or was not checked."""
        if text is None:
            reason = self.texts.error_of(quote.source) or "its source names no text file"
            return f"? Not checked against the source: {reason}."
        span = locate_quote(text, quote.text, near=quote.start)
        if span is None:
            return "✗ Not found in the source text."
        return f"✗ Not at its recorded place in the source; found at {span[0]}–{span[1]}."

    def _link_options(self, claim: Claim) -> list[Option]:
        options: list[Option] = []
        for direction, grouped, labels in (
            ("in", self.index.incoming.get(claim.id, []), INCOMING_LABELS),
            ("out", self.index.outgoing.get(claim.id, []), OUTGOING_LABELS),
        ):
            for relation, label in labels.items():
                chosen = [link for link in grouped if link.relation is relation]
                if chosen:
                    options.append(Option(relation_text(relation, f"{label} ({len(chosen)})"), disabled=True))
                    options += [self._link_option(link, direction) for link in chosen]
        if not options:
            options.append(Option(Text("No links to or from this claim.", style="dim"), disabled=True))
        return options

    def _link_option(self, link: Link, direction: str) -> Option:
        other_id = link.source_id if direction == "in" else link.target_id
        other = self.index.claims[other_id]
        color = self.author_colors.get(other.author, "white")
        prompt = Text.assemble(("● ", color), (self.index.author_name(other.author), f"bold {color}"), ": ", other.text)
        if link.why:
            prompt.append(f"\nwhy: {link.why}", style="dim italic")
        option_id = f"link-{len(self.link_targets)}"
        self.link_targets[option_id] = other_id
        self.links[option_id] = link
        return Option(Padding(prompt, (0, 0, 0, 2)), id=option_id)

    @property
    def highlighted_link(self) -> Link | None:
        """The link under the cursor, if the cursor is on one."""
        option = self.highlighted_option
        return self.links.get(option.id or "") if option is not None else None

    def rebind(self, index: MapIndex, colors: dict[str, str], texts: SourceTexts,
               analysis: Analysis | None = None) -> None:
        """Read from a new version of the map (after an edit), and show the same claim again if it still exists."""
        self.index, self.author_colors, self.texts, self.analysis = index, colors, texts, analysis
        highlighted = self.highlighted
        if self.claim_id in index.claims:
            self.show(self.claim_id)
            if highlighted is not None and highlighted < self.option_count:
                self.highlighted = highlighted

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        target = self.link_targets.get(event.option.id or "")
        if target:
            self.post_message(self.LinkFollowed(target))


def _one_line(text: str) -> str:
    return text.replace("\n", " ")
