"""The argmap app: owns the open document, routes between screens, and carries edits, undo, saving and recovery."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.filter import LineFilter
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.signal import Signal
from textual.timer import Timer

from argmap.collector import frozen, settle_for_the_app
from argmap.document import Document, ExternalChange, Version
from argmap.edits import Edit
from argmap.recovery import CrashedWork, find_crashed_work, remove_crashed_work
from argmap.store import MapError
from argmap.tui.inert import InertFilter
from argmap.tui.labels import author_badge
from argmap.tui.palette import ClaimCommands, InterchangeCommands, SourceCommands
from argmap.words import counted

if TYPE_CHECKING:
    from argmap.tui.browse import BrowseScreen

MAX_COMPARED = 5
_INERT = InertFilter()


class ArgmapApp(App[None]):
    """Read and build an argument map: browse, follow, search, filter, compare, edit with undo, save safely."""

    CSS_PATH = ["app.tcss", "browse.tcss"]  # the browse screen is the default screen, whose CSS_PATH is not read
    COMMANDS = App.COMMANDS | {ClaimCommands, SourceCommands, InterchangeCommands}
    BINDINGS = [
        Binding("question_mark", "help", "Help"),
        Binding("q", "request_quit", "Quit"),
        Binding("ctrl+s", "save", "Save"),
        Binding("ctrl+z", "undo", "Undo", show=False),
        Binding("ctrl+y", "redo", "Redo", show=False),
    ]
    RECOVERY_DELAY = 1.0
    """Seconds after an edit before the recovery file is written: a burst of edits costs one write."""

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document
        self.version_published: Signal[Version] = Signal(self, "version-published")
        """A new version of the map is current (after an edit, an undo, a redo, a reload): screens redraw from it."""
        self.analysis_published: Signal[Version] = Signal(self, "analysis-published")
        """The analysis of the current version is ready (it is built on a thread after each change)."""
        self._recovery_timer: Timer | None = None
        self._asking_to_quit = False
        self._show_document_state()

    def get_default_screen(self) -> BrowseScreen:
        from argmap.tui.browse import BrowseScreen  # its module imports this one, for its typed `app`

        return BrowseScreen()

    def get_line_filters(self) -> Sequence[LineFilter]:
        return [*super().get_line_filters(), _INERT]

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """A toast whose words are shown as typed: argmap's messages quote user text, never markup."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def on_mount(self) -> None:
        settle_for_the_app()
        self.call_after_refresh(self._warm_search_index)  # after the first frame, which the threads would slow
        self._warn_once()
        crashed, problems = find_crashed_work(self.document.path)
        for problem in problems:
            self.notify(str(problem), severity="warning", timeout=10, markup=False)
        if crashed and not self.document.dirty:
            self._offer_recovery(crashed)
        if self.document.argument_map.conflicts:
            self.action_conflicts()

    def _warn_once(self) -> None:
        """The map's first warning in one toast, and how many more `argmap validate` lists: a screen of toasts at
        80x24 would hide the map they are about."""
        warnings = [each for each in self.document.warnings if each.place != "conflicts"]
        if not warnings:
            return
        message = str(warnings[0])
        if len(warnings) > 1:
            message += (f" (and {counted(len(warnings) - 1, 'more warning')}: "
                        f"`argmap validate {self.document.path}` lists them all)")
        self.notify(message, severity="warning", timeout=10)

    def action_conflicts(self) -> None:
        """The conflicts a merge recorded in the map, to settle one by one."""
        from argmap.tui.conflicts import ConflictsScreen

        if not self.document.argument_map.conflicts:
            self.notify("The map holds no conflicts from a merge.", timeout=3)
        elif not isinstance(self.screen, ConflictsScreen):
            self.push_screen(ConflictsScreen())

    def follow_versions(self, screen: Screen[Any], redraw: Callable[[], None]) -> None:
        """Have `screen` redraw whenever a new version of the map is published, for as long as it is mounted.

        At once, within the edit's own step, so that what follows the edit (opening the new claim) finds every
        screen on the new version. Textual's signal logs an error in a redraw instead of raising it."""
        self.version_published.subscribe(screen, lambda version: redraw(), immediate=True)

    def _warm_search_index(self) -> None:
        """Build the current version's search index and analysis on threads while the reader looks around.

        The first keystroke then finds the index ready, and the claim view adds each claim's standing as soon
        as the analysis is done (a second at 100,000 claims). What a thread builds belongs to the version it was
        started for, so an edit meanwhile never leaves a stale index or analysis in place.
        """
        version = self.document.version
        self.run_worker(lambda: frozen(version.search_index), thread=True, exclusive=True, group="search-index")
        self.run_worker(self._analyse(version), exclusive=True, group="analysis")

    async def _analyse(self, version: Version) -> None:
        from asyncio import to_thread

        await to_thread(lambda: frozen(version.analysis))
        if version is self.document.version:
            self.analysis_published.publish(version)

    # The document ---------------------------------------------------------------------------------------------

    def _show_document_state(self) -> None:
        """Title from the map; the sub-title names the file and marks unsaved changes."""
        self.title = self.document.argument_map.title
        marker = "  ● unsaved changes" if self.document.dirty else ""
        self.sub_title = f"{self.document.path.name}{marker}"

    def apply_edit(self, edit: Edit) -> None:
        """Make an edit through the document (an `EditError` reaches the caller, nothing changed)."""
        self.document.apply(edit)
        self._changed(edit.description)

    def action_undo(self) -> None:
        edit = self.document.undo()
        if edit is None:
            self.notify("Nothing to undo.", timeout=2)
        else:
            self._changed(f"Undid: {edit.description}")

    def action_redo(self) -> None:
        edit = self.document.redo()
        if edit is None:
            self.notify("Nothing to redo.", timeout=2)
        else:
            self._changed(f"Redid: {edit.description}")

    def _changed(self, message: str) -> None:
        """After any change to the map: redraw the screens from it, say what happened, keep a recovery copy."""
        self._show_document_state()
        self.version_published.publish(self.document.version)
        self.notify(message, timeout=3)
        self.call_after_refresh(self._warm_search_index)  # the threads would hold up the frame that shows the edit
        self._stop_recovery_timer()
        if self.document.dirty:
            self._recovery_timer = self.set_timer(self.RECOVERY_DELAY, self._update_recovery)
        else:
            self._update_recovery()  # back at the saved state: no recovery file, at once

    def _update_recovery(self) -> None:
        try:
            self.document.update_recovery()
        except MapError as error:
            self.notify(f"Could not keep a recovery copy: {error}", severity="warning", markup=False)

    def _stop_recovery_timer(self) -> None:
        if self._recovery_timer is not None:
            self._recovery_timer.stop()
            self._recovery_timer = None

    def open_document(self, document: Document) -> None:
        """Put another document in the window (after a reload, a restore, or a new map); the old one's edits go."""
        if document is not self.document:
            self.document.discard_recovery()
        self.document = document
        self._changed(f"Opened {document.path.name}")

    def _offer_recovery(self, crashed: list[CrashedWork]) -> None:
        """Offer the newest crashed run's work; "decide later" leaves every one for the next open."""
        from argmap.tui.forms import ask

        work, rest = crashed[0], crashed[1:]

        def answer(key: str) -> None:
            if key == "r":
                self._restore(work)
            elif key == "d":
                remove_crashed_work(work.path)
                if rest:
                    self._offer_recovery(rest)

        when = datetime.fromtimestamp(work.modified).strftime("%Y-%m-%d %H:%M")
        more = f" ({len(rest)} older after it)" if rest else ""
        ask(self, f"Unsaved work from an earlier session (last kept {when}) was found beside "
                  f"{self.document.path.name}{more}.",
            [("r", "restore it"), ("d", "discard it"), ("escape", "decide later")], answer)

    def _restore(self, work: CrashedWork) -> None:
        """Open a crashed run's work; when it cannot be read, say why and leave both files as they are."""
        try:
            document = Document.restore(self.document.path, work.path)
        except MapError as error:
            more = f" (and {counted(len(error.problems) - 1, 'more problem')})" if len(error.problems) > 1 else ""
            self.notify(f"Could not restore the unsaved work: {error.problems[0]}{more}; the map and that file are "
                        "both kept.", severity="error", timeout=12, markup=False)
            return
        self.open_document(document)
        self.notify("Restored the unsaved work; ctrl+s saves it.", timeout=5)

    def action_save(self, overwrite_changes: bool = False) -> None:
        try:
            self.document.save(overwrite_changes=overwrite_changes)
        except ExternalChange:
            self._ask_about_external_change()
            return
        except MapError as error:
            self.notify(f"{error} Your edits are kept: save elsewhere with ctrl+p, 'save as'.", severity="error",
                        timeout=10)
            return
        self._show_document_state()
        self.notify(f"Saved {self.document.path}", timeout=3)

    def _ask_about_external_change(self) -> None:
        from argmap.tui.forms import ask

        def answer(key: str) -> None:
            if key == "r":
                self.open_document(Document.open(self.document.path))
            elif key == "a":
                self.action_save_as()
            elif key == "o":
                self.action_save(overwrite_changes=True)
            elif key == "m":
                self._merge_with_disk()

        ask(self, f"{self.document.path.name} changed on disk since you opened it (another editor, a git pull?). "
                  "Saving now would overwrite that change.",
            [("m", "merge it with your edits"), ("r", "reload it (your edits are lost)"), ("a", "save as…"),
             ("o", "overwrite"), ("escape", "cancel")],
            answer)

    def _merge_with_disk(self) -> None:
        """Merge the change on disk with the edits; save at once when nothing conflicts, else show the conflicts."""
        try:
            edit = self.document.merge_with_disk()
        except ExternalChange:
            self._ask_about_external_change()
            return
        except MapError as error:
            self.notify(f"Could not merge: {error.problems[0]} Your edits are kept.", severity="error", timeout=10)
            return
        self._changed(edit.description)
        if self.document.argument_map.conflicts:
            self.action_conflicts()
        else:
            self.action_save()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Save", "Save the map to its file (ctrl+s)", self.action_save)
        yield SystemCommand("Save as…", "Save the map under another name", self.action_save_as)
        yield SystemCommand("New map…", "Start an empty map in a new file", self.action_new_map)
        yield SystemCommand("Edit the map's title and description", "The map itself", self.action_edit_map)
        yield SystemCommand("Case and blocks", "A side's case for a motion, a block for each claim; proposed sides (b)",
                            self.action_case)
        yield SystemCommand("Undo", "Take back the latest edit (ctrl+z)", self.action_undo)
        if self.document.argument_map.conflicts:
            yield SystemCommand("Resolve conflicts", "What the last merge left to decide", self.action_conflicts)
        yield SystemCommand("Redo", "Make the latest undone edit again (ctrl+y)", self.action_redo)

    def action_case(self) -> None:
        from argmap.tui.case import CaseScreen

        if not isinstance(self.screen, CaseScreen):
            self.push_screen(CaseScreen())

    def action_edit_map(self) -> None:
        from argmap.tui.forms import MapForm

        self.push_screen(MapForm())

    def action_new_map(self) -> None:
        """Start a new map, first asking what to do with unsaved changes to this one."""
        from argmap.tui.forms import NewMapForm, ask

        if not self.document.dirty:
            self.push_screen(NewMapForm())
            return

        def answer(key: str) -> None:
            if key == "s":
                self.action_save()
            elif key == "d":
                self.document.discard_recovery()
            if key in ("s", "d") and (key == "d" or not self.document.dirty):
                self.push_screen(NewMapForm())

        ask(self, f"{self.document.path.name} has unsaved changes.",
            [("s", "save them first"), ("d", "discard them"), ("escape", "cancel")], answer)

    def action_save_as(self) -> None:
        from argmap.tui.forms import SaveAsForm

        self.push_screen(SaveAsForm(self.document.path))

    def save_as(self, path: str) -> None:
        """Save the map under another name, which becomes its file."""
        self.document.save(path)
        self._show_document_state()
        self.notify(f"Saved as {self.document.path}", timeout=3)

    async def action_quit(self) -> None:
        """Every way out (ctrl+q, the palette's "Quit") asks first when there are unsaved changes, like `q`."""
        self.action_request_quit()

    def action_request_quit(self) -> None:
        """Quit, asking first when there are unsaved changes; no recovery file of ours stays behind."""
        if not self.document.dirty:
            self._quit()
            return
        if self._asking_to_quit:
            return
        from argmap.tui.forms import ask

        def answer(key: str) -> None:
            self._asking_to_quit = False
            if key == "s":
                self.action_save()
                if not self.document.dirty:
                    self._quit()
            elif key == "d":
                self._quit()

        self._asking_to_quit = True
        ask(self, f"{self.document.path.name} has unsaved changes.",
            [("s", "save and quit"), ("d", "quit without saving"), ("escape", "cancel")], answer)

    def _quit(self) -> None:
        self._stop_recovery_timer()
        self.document.discard_recovery()
        self.exit()

    @property
    def browse(self) -> BrowseScreen:
        """The browse screen, which stays at the bottom of the stack."""
        from argmap.tui.browse import BrowseScreen

        browse = self.screen_stack[0]
        assert isinstance(browse, BrowseScreen)
        return browse

    def open_claim(self, claim_id: str) -> None:
        """Go back to the browse screen and open the claim there."""
        from argmap.tui.browse import BrowseScreen

        while not isinstance(self.screen, BrowseScreen):
            self.pop_screen()
        self.browse.open_claim(claim_id)

    def action_help(self) -> None:
        from argmap.tui.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_compare(self) -> None:
        """Pick two to five authors, then compare them side by side."""
        from argmap.tui.choose import ChoiceScreen

        authors = self.document.argument_map.authors
        if len(authors) < 2:
            self.notify("Comparing needs at least two authors on the map.", severity="warning")
            return
        choices = [
            (author_badge(author.name, self.document.colors[author.id]), author.id, position < MAX_COMPARED)
            for position, author in enumerate(authors)
        ]
        picker = ChoiceScreen("Compare which authors? (2 to 5)", choices, minimum=2, maximum=MAX_COMPARED)
        self.push_screen(picker, self._open_comparison)

    def _open_comparison(self, author_ids: list[str] | None) -> None:
        if author_ids:
            from argmap.tui.compare import CompareScreen

            self.push_screen(CompareScreen(author_ids))

    def action_matrix(self, author_ids: list[str] | None = None) -> None:
        """The agreement matrix between authors (all, or the compared ones)."""
        from argmap.tui.matrix import MatrixScreen

        self.push_screen(MatrixScreen(author_ids or [a.id for a in self.document.argument_map.authors]))
