"""The main screen: the map as a tree on the left, the chosen claim on the right, search and filters on top."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header, Input, Static, Tree

from argmap.filters import ClaimFilter
from argmap.model import Claim, Relation
from argmap.navigation import Trail
from argmap.outline import Grouping, outline
from argmap.tui.app import ArgmapApp
from argmap.tui.claim_view import ClaimView
from argmap.tui.editing import EditingActions
from argmap.tui.keybar import KeyBar
from argmap.tui.labels import author_badge, claim_line, relation_text
from argmap.tui.map_tree import ClaimNode, GroupNode, MapTree, NodeData
from argmap.tui.search_results import SearchResults
from argmap.tui.view_export import ViewExport
from argmap.words import counted

if TYPE_CHECKING:
    from argmap.analysis import Analysis
    from argmap.document import Version
    from argmap.tui.choose import Value

SYNC_ANALYSIS_CLAIMS = 5_000
"""Up to this many claims the analysis is computed at once (a few milliseconds); above, on a thread."""
TRAIL_SHOWN = 6


class BrowseScreen(EditingActions, ViewExport, Screen[None]):
    """Browse, read, follow links, search and filter."""

    BINDINGS = [  # in the order the key bar keeps them when the terminal is narrow
        Binding("slash", "search", "Search"),
        Binding("escape", "leave_search", "Clear search", show=False),
        Binding("left_square_bracket,alt+left", "back", "Back"),
        Binding("right_square_bracket,alt+right", "forward", "Forward"),
        Binding("l", "focus_links", "Go to the links of the claim shown", show=False),
        Binding("c", "compare", "Compare"),
        Binding("m", "matrix", "Agreement matrix", show=False),
        Binding("n", "new_claim", "New claim"),
        Binding("e", "edit_claim", "Edit claim", show=False),
        Binding("d", "delete_claim", "Delete claim", show=False),
        Binding("k", "new_link", "Link to…"),
        Binding("L", "candidate_links", "Candidate links for the claim shown", show=False),
        Binding("K", "edit_link", "Edit the link under the cursor", show=False),
        Binding("V", "reverse_link", "Reverse the link under the cursor", show=False),
        Binding("delete", "delete_link", "Delete the link under the cursor", show=False),
        Binding("g", "cycle_grouping", "Group by"),
        Binding("a", "filter_authors", "Filter authors"),
        Binding("t", "filter_topics", "Filter topics", show=False),
        Binding("r", "filter_relations", "Filter relations", show=False),
        Binding("x", "clear_filters", "Clear filters", show=False),
        Binding("A", "new_author", "New author", show=False),
        Binding("S", "new_source", "New source", show=False),
        Binding("p", "people", "Authors and sources", show=False),
        Binding("z", "analysis", "Analysis"),
        Binding("R", "read_source", "Read the source the claim shown quotes", show=False),
        Binding("o", "export_view", "Export a diagram (view, claim, overview)", show=False),
        Binding("P", "prep_sheet", "Debate prep sheet of the claim shown; on an author, save theirs", show=False),
        Binding("b", "app.case", "Case and blocks for a motion", show=False),
    ]

    AUTO_FOCUS = "#tree"
    app = getters.app(ArgmapApp)

    def __init__(self) -> None:
        super().__init__()
        self.grouping = Grouping.AUTHOR
        self.claim_filter = ClaimFilter()
        self.trail = Trail()
        self._filtered_ids: set[str] | None = None

    def compose(self) -> ComposeResult:
        document = self.app.document
        yield Header()
        yield Static(id="filter-bar")
        with Horizontal(id="panes"):
            with Vertical(id="left"):
                yield Input(placeholder="Search claims, quotes, authors, topics  ( / )", id="search")
                yield MapTree(document.index, document.colors, id="tree")
                yield SearchResults(id="results")
            with Vertical(id="right"):
                yield Static(id="trail")
                yield ClaimView(document.index, document.colors, document.texts, id="claim")
        yield KeyBar()

    def on_mount(self) -> None:
        self.app.follow_versions(self, self.refresh_from_document)
        self.app.analysis_published.subscribe(self, self._show_analysis, immediate=True)
        self._results.display = False
        self._refresh_outline()
        self._refresh_filter_bar()
        self._refresh_trail()
        first = next(iter(self.app.document.index.claims), None)
        if first is not None:
            tree = self.query_one(MapTree)
            self.query_one(ClaimView).show(first)
            tree.select_claim(first)
            self.call_after_refresh(tree.scroll_home, animate=False)  # once laid out: the first group's heading shows

    # Reading and following ------------------------------------------------------------------------------------

    def open_claim(self, claim_id: str, open_group: bool = True) -> None:
        """Go to a claim: show it, add it to the trail, and put the tree's cursor on it.

        Following a link passes `open_group=False`: the tree's cursor follows only within groups already open,
        since filling a closed group of thousands of claims would cost more than the step itself.
        """
        if claim_id not in self.app.document.index.claims:
            return
        self.trail.visit(claim_id)
        self._show(claim_id, open_group)

    def _show(self, claim_id: str, open_group: bool = False) -> None:
        self.query_one(ClaimView).show(claim_id)
        self._refresh_trail()
        if self.grouping is Grouping.AROUND:
            self._refresh_outline()
        else:
            self.query_one(MapTree).select_claim(claim_id, open_group)

    def action_back(self) -> None:
        claim_id = self.trail.back()
        if claim_id is None:
            self.notify("Nothing further back.", timeout=2)
            return
        self._show(claim_id)

    def action_forward(self) -> None:
        claim_id = self.trail.forward()
        if claim_id is None:
            self.notify("Nothing further forward.", timeout=2)
            return
        self._show(claim_id)

    def action_focus_links(self) -> None:
        """Move to the links of the claim shown, their cursor in sight (below a long quote on a small screen)."""
        view = self.query_one(ClaimView)
        self.set_focus(view)  # at once: `enter` typed fast follows the link
        view.scroll_to_highlight()

    @on(ClaimView.LinkFollowed)
    def _follow_link(self, event: ClaimView.LinkFollowed) -> None:
        """Go to the claim at the link's other end. The claim followed from joins the trail first (a preview from the
        tree or the search is not on it yet), so that `[` comes back to it."""
        shown = self.query_one(ClaimView).claim_id
        if shown is not None:
            self.trail.visit(shown)
        self.open_claim(event.claim_id, open_group=False)
        self.query_one(ClaimView).focus()

    @on(Tree.NodeHighlighted, "#tree")
    def _preview_from_tree(self, event: Tree.NodeHighlighted[NodeData]) -> None:
        data = event.node.data
        if isinstance(data, ClaimNode) and self.grouping is not Grouping.AROUND:
            self._preview(data.claim_id)

    @on(Tree.NodeSelected, "#tree")
    def _open_from_tree(self, event: Tree.NodeSelected[NodeData]) -> None:
        data = event.node.data
        if isinstance(data, ClaimNode):
            self.open_claim(data.claim_id)

    # Grouping and filters -------------------------------------------------------------------------------------

    def action_cycle_grouping(self) -> None:
        self.grouping = self.grouping.next()
        if self.grouping is Grouping.SIDE and not self.app.document.argument_map.motions:
            self.grouping = self.grouping.next()
        if self.grouping is Grouping.AROUND and self.trail.current is None:
            shown = self.query_one(ClaimView).claim_id
            if shown:
                self.trail.visit(shown)
                self._refresh_trail()
        self._refresh_outline()
        self.notify(f"Grouped by {self.grouping}", timeout=2)

    def shown_claim(self) -> Claim | None:
        """The claim on the right, when there is one."""
        return self._current_claim()

    def _centre(self) -> str | None:
        """The claim the "by relation" view is drawn around."""
        return self.trail.current or self.query_one(ClaimView).claim_id

    def _refresh_outline(self) -> None:
        index = self.app.document.index
        tree = self.query_one(MapTree)
        around = self._centre()
        groups = outline(index, self.grouping, self.claim_filter, around=around)
        root_label = None
        if self.grouping is Grouping.AROUND and around:
            claim = index.claims[around]
            root_label = claim_line(index, self.app.document.colors, claim, marks=False)
        tree.border_title = f"by {self.grouping}"
        tree.show_groups(groups, root_label=root_label)

    def action_filter_authors(self) -> None:
        document = self.app.document
        choices = [
            (author_badge(author.name, document.colors[author.id]), author.id, author.id in self.claim_filter.authors)
            for author in document.index.map.authors
        ]
        self._choose("Show claims by", choices, self._set_authors)

    def action_filter_topics(self) -> None:
        topics = self.app.document.index.claims_by_topic
        choices = [
            (Text(f"{topic}  ({len(claims)})"), topic, topic in self.claim_filter.topics)
            for topic, claims in topics.items()
        ]
        self._choose("Show claims on", choices, self._set_topics)

    def action_filter_relations(self) -> None:
        choices = [(relation_text(r), r, r in self.claim_filter.relations) for r in Relation]
        self._choose("Show claims taking part in", choices, self._set_relations)

    def _choose(
        self, title: str, choices: list[tuple[Text, Value, bool]], chosen: Callable[[list[Value] | None], None]
    ) -> None:
        from argmap.tui.choose import ChoiceScreen  # imported when first used: the first screen does without it

        self.app.push_screen(ChoiceScreen(title, choices), chosen)

    def _set_authors(self, chosen: list[str] | None) -> None:
        if chosen is not None:
            self._apply_filter(ClaimFilter(frozenset(chosen), self.claim_filter.topics, self.claim_filter.relations))

    def _set_topics(self, chosen: list[str] | None) -> None:
        if chosen is not None:
            self._apply_filter(ClaimFilter(self.claim_filter.authors, frozenset(chosen), self.claim_filter.relations))

    def _set_relations(self, chosen: list[Relation] | None) -> None:
        if chosen is not None:
            self._apply_filter(ClaimFilter(self.claim_filter.authors, self.claim_filter.topics, frozenset(chosen)))

    def action_clear_filters(self) -> None:
        if self.claim_filter.active:
            self._apply_filter(ClaimFilter())

    def _apply_filter(self, claim_filter: ClaimFilter) -> None:
        self.claim_filter = claim_filter
        self._filtered_ids = claim_filter.claim_ids(self.app.document.index)
        self._refresh_filter_bar()
        self._refresh_outline()
        self._run_search(self.query_one("#search", Input).value)

    def _refresh_filter_bar(self) -> None:
        described = self.claim_filter.describe(self.app.document.index)
        bar = self.query_one("#filter-bar", Static)
        bar.display = bool(described)
        count = len(self._filtered_ids) if self._filtered_ids is not None else 0
        bar.update(Text.assemble(("Filter  ", "bold"), described, (f"   {counted(count, 'claim')} · x clears", "dim")))
        self.sub_title = f"{self.app.sub_title} · filter: {described}" if described else None

    def _refresh_trail(self) -> None:
        index = self.app.document.index
        trail = Text("Trail  ", style="bold")
        start = max(0, self.trail.position - TRAIL_SHOWN + 1)
        if start:
            trail.append("… › ", style="dim")
        for position in range(start, min(len(self.trail.visited), start + TRAIL_SHOWN)):
            claim = index.claims.get(self.trail.visited[position])
            if claim is None:
                continue
            words = claim.text if len(claim.text) <= 28 else claim.text[:27] + "…"
            style = "reverse" if position == self.trail.position else ""
            trail.append("● ", style=self.app.document.colors.get(claim.author, "white"))
            trail.append(words, style=style)
            if position < len(self.trail.visited) - 1:
                trail.append(" › ", style="dim")
        if not self.trail.visited:
            trail.append("enter opens a claim · [ back · ] forward", style="dim")
        self.query_one("#trail", Static).update(trail)

    # Search ---------------------------------------------------------------------------------------------------

    @property
    def _results(self) -> SearchResults:
        return self.query_one(SearchResults)

    def action_search(self) -> None:
        """Focus the search box, the results list in the tree's place (so the first letter typed moves nothing)."""
        search = self.query_one("#search", Input)
        search.focus()
        if not search.value.strip():
            self._results.show_hint()
            self._show_results(True)

    def _show_results(self, shown: bool) -> None:
        """The results list and the tree share the left pane: one or the other."""
        self._results.display = shown
        self.query_one(MapTree).display = not shown

    @on(events.DescendantBlur, "#search")
    def _left_search(self) -> None:
        if not self.query_one("#search", Input).value.strip():
            self._show_results(False)

    def action_leave_search(self) -> None:
        """Back to the tree, and to the claim under its cursor: the results' previews were only looks."""
        search = self.query_one("#search", Input)
        if search.value:
            search.value = ""
        tree = self.query_one(MapTree)
        tree.focus()
        node = tree.cursor_node
        if node is not None and isinstance(node.data, ClaimNode) and self.grouping is not Grouping.AROUND:
            self._preview(node.data.claim_id)

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self._run_search(event.value)

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        if self._results.has_hits:
            self._results.enter()

    def on_key(self, event: events.Key) -> None:
        """`↓` from the search box goes into its results; `tab` from it (when it found something), the tree or the
        results goes to the links of the claim shown."""
        focused, search = self.focused, self.query_one("#search", Input)
        from_search = focused is search and self._results.has_hits
        if event.key == "down" and from_search:
            self.set_focus(self._results)  # at once: a second ↓ typed fast moves in it
            event.stop()
        elif event.key == "tab" and (from_search or focused in (self.query_one(MapTree), self._results)):
            self.action_focus_links()
            event.stop()

    def _run_search(self, query: str) -> None:
        if not query.strip():
            if self.query_one("#search", Input).has_focus:
                self._results.show_hint()
                self._show_results(True)
            else:
                self._show_results(False)
            return
        best = self._results.search(query, within=self._filtered_ids)
        self._show_results(True)
        if best is not None:
            self._preview(best)  # now, not on the results' message, so one frame draws both

    @on(SearchResults.ClaimPreviewed)
    def _preview_result(self, event: SearchResults.ClaimPreviewed) -> None:
        self._preview(event.claim_id)

    def _preview(self, claim_id: str) -> None:
        view = self.query_one(ClaimView)
        if claim_id != view.claim_id:
            view.show(claim_id)

    @on(SearchResults.ClaimOpened)
    def _open_result(self, event: SearchResults.ClaimOpened) -> None:
        self.open_claim(event.claim_id)

    # Editing ----------------------------------------------------------------------------------------------------

    def refresh_from_document(self) -> None:
        """Redraw everything from the document after an edit, keeping the reader's place where it still exists."""
        document = self.app.document
        self.query_one(MapTree).rebind(document.index, document.colors)
        view = self.query_one(ClaimView)
        view.rebind(document.index, document.colors, document.texts, self._analysis_now())
        self.trail.forget(set(self.trail.visited) - set(document.index.claims))
        self._filtered_ids = self.claim_filter.claim_ids(document.index)
        self._refresh_filter_bar()
        self._refresh_outline()
        shown = view.claim_id if view.claim_id in document.index.claims else self.trail.current
        if shown is None and document.argument_map.claims:
            shown = document.argument_map.claims[0].id
        if shown is not None:
            if shown != view.claim_id:
                view.show(shown)
            self.query_one(MapTree).select_claim(shown, open_group=False)
        self._refresh_trail()
        self._run_search(self.query_one("#search", Input).value)

    def _analysis_now(self) -> Analysis | None:
        """The analysis, when it is ready or cheap enough to compute before the next frame (small maps)."""
        document = self.app.document
        if document.analysis_ready or len(document.index.claims) <= SYNC_ANALYSIS_CLAIMS:
            return document.analysis
        return None

    def _show_analysis(self, version: Version) -> None:
        """The analysis of the current version is done: show the standing of the claim in view."""
        if version is self.app.document.version:
            self.query_one(ClaimView).rebind(version.index, version.colors, version.texts, version.analysis)

    def action_analysis(self) -> None:
        from argmap.tui.analysis import AnalysisScreen

        self.app.push_screen(AnalysisScreen())

    def action_candidate_links(self) -> None:
        from argmap.tui.suggestions import SuggestionsScreen

        claim = self._current_claim()
        if claim is not None:
            self.app.push_screen(SuggestionsScreen(claim.id))

    def action_prep_sheet(self) -> None:
        """On an author's group in the tree, save their position's prep sheet (Markdown, HTML or PDF: too long to
        show here); else show the prep sheet of the claim shown."""
        from argmap.tui.analysis import PrepScreen

        tree = self.query_one(MapTree)
        node = tree.cursor_node
        if tree.has_focus and node is not None and isinstance(node.data, GroupNode) and node.data.group.author_id:
            from argmap.formats.prep import author_sheet_data
            from argmap.tui.analysis import author_sheet_name, save_sheet

            author_id, document = node.data.group.author_id, self.app.document
            save_sheet(self.app, self, author_sheet_data(document.index, document.analysis, author_id),
                       author_sheet_name(document.index, author_id),
                       f"{document.index.author_name(author_id)}'s prep sheet")
            return
        claim = self._current_claim()
        if claim is not None:
            self.app.push_screen(PrepScreen(claim.id))

    # Other screens --------------------------------------------------------------------------------------------

    def action_compare(self) -> None:
        self.app.action_compare()

    def action_read_source(self) -> None:
        """The source the claim shown quotes, in the reader, the cursor on the quote."""
        from argmap.tui.reader import open_reader_at_quote

        claim = self._current_claim()
        if claim is not None:
            open_reader_at_quote(self.app, claim.id)

    def action_matrix(self) -> None:
        self.app.action_matrix()
