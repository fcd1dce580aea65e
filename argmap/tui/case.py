"""The case screen: a side's case for a motion and each claim's block, every entry a card; and the sides argmap
proposes for the motion, accepted only by a key (through an edit, so undo takes it back)."""

from __future__ import annotations

from rich.padding import Padding
from rich.text import Text
from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from argmap.cards import Card
from argmap.case import Case, case_of
from argmap.edits import AddMotion, Edit, EditError, SetSide, UpdateMotion, validated
from argmap.model import SIDE_NAMES, Motion, Relation, Side
from argmap.sides import OTHER, SidesProposal, propose_sides, reason
from argmap.tui.app import ArgmapApp
from argmap.tui.forms import FormScreen
from argmap.tui.keybar import KeyBar
from argmap.tui.wrapped_list import WrappedList
from argmap.words import counted, noun_for, slug

_ATTACKS = {Relation.CONTRADICTS: "contradicts it", Relation.QUALIFIES: "qualifies it"}
_ANSWERS = {Relation.CONTRADICTS: "contradicts the attack", Relation.QUALIFIES: "qualifies the attack"}


class CaseScreen(Screen[None]):
    """One side's case for a motion: each claim as a card, what holds it up, and every attack with its answers.
    `enter` opens the claim under the cursor; `p` shows the sides argmap proposes, and `a` there accepts them."""

    CSS_PATH = "case.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("s", "switch_side", "Other side"),
        Binding("p", "propose", "Propose sides"),
        Binding("a", "accept", "Accept proposal"),
        Binding("x", "take_off", "Take the claim off its side", show=False),
        Binding("m", "next_motion", "Next motion", show=False),
        Binding("n", "new_motion", "New motion"),
        Binding("e", "edit_motion", "Edit motion", show=False),
        Binding("ctrl+s", "save_case", "Save as Markdown", priority=True),
    ]

    app = getters.app(ArgmapApp)

    def __init__(self, motion_id: str | None = None, side: Side = "aff") -> None:
        super().__init__()
        self.motion_id = motion_id
        self.side: Side = side
        self.proposal: SidesProposal | None = None
        self._targets: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="case-motion")
        yield WrappedList(id="case")
        yield KeyBar()

    def on_mount(self) -> None:
        self.app.follow_versions(self, self.refresh_from_document)
        self.refresh_from_document()
        self.query_one(OptionList).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Accepting makes sense only while a proposal is shown; the side only while the case is."""
        if action == "accept":
            return self.proposal is not None and bool(self.proposal.proposed)
        if action in ("switch_side", "take_off"):
            return self.motion() is not None and self.proposal is None
        if action in ("propose", "edit_motion", "save_case"):
            return self.motion() is not None
        if action == "next_motion":
            return len(self.app.document.argument_map.motions) > 1
        return True

    def motion(self) -> Motion | None:
        """The motion shown: the one named, else the first on the map."""
        motions = self.app.document.argument_map.motions
        return next((m for m in motions if m.id == self.motion_id), motions[0] if motions else None)

    def refresh_from_document(self) -> None:
        """Draw the case (or the proposal) from the map as it now is."""
        motion = self.motion()
        self.motion_id = motion.id if motion is not None else None
        self.proposal = None if motion is None or self.proposal is None else self._propose(motion)
        self._draw()

    def _draw(self) -> None:
        motion = self.motion()
        self._targets = {}
        options: list[Option] = []
        heading = self.query_one("#case-motion", Static)
        if motion is None:
            heading.update(Text("No motion on this map yet.", style="bold"))
            options.append(self._note("Press n to add one: an id and a sentence, such as “The United States "
                                      "should ratify the USMCA”. Then p proposes its sides from the map's links."))
        elif self.proposal is not None:
            heading.update(self._motion_line(motion, f"proposed sides  ·  now {_on(motion, 'aff')}, "
                                                     f"{_on(motion, 'neg')}"))
            options += self._proposal_options(self.proposal)
        else:
            heading.update(self._motion_line(motion, f"the {SIDE_NAMES[self.side]} case  ·  "
                                                     f"{_on(motion, OTHER[self.side])}"))
            document = self.app.document
            case = case_of(document.index, document.analysis, document.texts, motion, self.side)
            options += self._case_options(case)
        self.sub_title = "proposed sides" if self.proposal is not None else f"case: {SIDE_NAMES[self.side]}"
        listing = self.query_one(OptionList)
        listing.set_options(options)
        listing.highlighted = next((i for i, option in enumerate(options) if not option.disabled), None)
        self.refresh_bindings()

    def _motion_line(self, motion: Motion, what: str) -> Text:
        line = Text("Motion: ", style="bold")
        line.append(motion.text)
        line.append(f"  ·  {what}", style="dim")
        return line

    # The case

    def _case_options(self, case: Case) -> list[Option]:
        side = SIDE_NAMES[case.side]
        if not case.blocks:
            return [self._note(f"No claim is on the {side} yet: p proposes sides from the map's links.")]
        options = [self._note(f"{case.counted()}. enter opens a claim.")]
        for number, block in enumerate(case.blocks, 1):
            title = Text(f"\n{number}. ", style="bold")
            title.append(block.card.tag, style="bold")
            options.append(self._claim(block.card.claim_id, title))
            standing = " · ".join(filter(None, (block.standing.describe(), block.resting())))
            options.append(self._claim(block.card.claim_id, self._card(
                block.card, tag=False, context=True, note=f"Standing: {standing}"), indent=3))
            options.append(self._note(f"Holds it up: {counted(len(block.supporters), 'claim')}"
                                      if block.supporters else "Holds it up: nothing on the map supports it", 3))
            for entry in block.supporters:
                line = Text("+ ", style="bold green")
                line.append_text(self._card(entry.card))
                options.append(self._claim(entry.card.claim_id, line, indent=5))
            options.append(self._note(f"Block: {counted(len(block.attacks), 'attack')}"
                                      if block.attacks else "Block: nothing on the map attacks it", 3))
            for attack_number, attack in enumerate(block.attacks, 1):
                lead = Text(f"{attack_number}. ", style="bold red")
                lead.append(f"{attack.entry.card.cite.author}{_whose(attack.side, case.side)} "
                            f"{_ATTACKS[attack.entry.link.relation]}: ", style="red")
                lead.append_text(self._card(attack.entry.card))
                options.append(self._claim(attack.entry.card.claim_id, lead, indent=5))
                if not attack.answers:
                    options.append(self._note("No answer on the map to this attack" + (
                        "; what holds the claim up speaks for it." if block.supporters else "."), 8))
                for answer in attack.answers:
                    line = Text(f"↳ {_ANSWERS[answer.link.relation]}: ", style="green")
                    line.append_text(self._card(answer.card))
                    options.append(self._claim(answer.card.claim_id, line, indent=8))
        return options

    def _card(self, card: Card, tag: bool = True, context: bool = False, note: str = "") -> Text:
        """A card as text, laid out as `argmap cards` writes it: the tag, the short cite in bold before the full one,
        and the words read aloud, underlined (in their context, dimmed, when asked); a note on a line of its own."""
        text = Text()
        if tag:
            text.append(card.tag + "\n")
        text.append(card.cite.short(), style="bold")
        text.append(" — " + card.cite.full(), style="italic")
        if note:
            text.append(f"\n{note}", style="dim")
        if card.read:
            text.append("\n")
            if context and card.before:
                text.append(" ".join(card.before.split()) + " ", style="dim")
            text.append(" ".join(card.read.split()), style="bold underline")
            if context and card.after:
                text.append(" " + " ".join(card.after.split()), style="dim")
        return text

    # The proposal

    def _propose(self, motion: Motion) -> SidesProposal:
        return propose_sides(self.app.document.index, motion)

    def _proposal_options(self, proposal: SidesProposal) -> list[Option]:
        index = self.app.document.index
        options: list[Option] = []
        if not proposal.proposed and not proposal.contested:
            if proposal.motion.aff or proposal.motion.neg:
                words = ("Nothing more to propose: every claim a chain of supports or contradictions reaches from "
                         "the claims on its sides is on a side already.")
            else:
                words = ("Nothing to propose yet: the proposal starts from the motion's key claims. e edits the "
                         "motion and names a key claim (it goes on the affirmative); then p again.")
            return [self._note(words)]
        for side in ("aff", "neg"):
            items = proposal.on(side)
            options.append(self._note(f"\nFor the {SIDE_NAMES[side]}: {counted(len(items), 'claim')}"))
            for item in items:
                line = Text("+ " if side == "aff" else "− ", style="bold")
                claim = index.claims[item.claim_id]
                line.append(f"{index.author_name(claim.author)}: ", style="bold")
                line.append(claim.text)
                line.append(f"\nbecause {reason(index, item)}", style="dim")
                options.append(self._claim(item.claim_id, line, indent=2))
        if proposal.contested:
            options.append(self._note(f"\nReached for both sides, left to you: "
                                      f"{counted(len(proposal.contested), 'claim')}"))
            for contested in proposal.contested:
                claim = index.claims[contested.claim_id]
                line = Text(f"? {index.author_name(claim.author)}: ", style="bold")
                line.append(claim.text)
                line.append(f"\n{reason(index, contested.for_aff)}; and {reason(index, contested.for_neg)}",
                            style="dim")
                options.append(self._claim(contested.claim_id, line, indent=2))
        options.append(self._note(f"\n{counted(proposal.unreached, 'claim')} no chain reaches. a accepts these "
                                  "sides (ctrl+z takes them back); p or escape goes back to the case."))
        return options

    # Options

    def _note(self, words: str, indent: int = 0) -> Option:
        return Option(_indented(Text(words, style="dim"), indent), disabled=True)

    def _claim(self, claim_id: str, prompt: Text, indent: int = 0) -> Option:
        option_id = f"o{len(self._targets)}"
        self._targets[option_id] = claim_id
        return Option(_indented(prompt, indent), id=option_id)

    @on(OptionList.OptionSelected)
    def _open(self, event: OptionList.OptionSelected) -> None:
        claim_id = self._targets.get(event.option.id or "")
        if claim_id is not None:
            self.app.open_claim(claim_id)

    # Actions

    def action_back(self) -> None:
        if self.proposal is not None:
            self.proposal = None
            self._draw()
        else:
            self.app.pop_screen()

    def action_switch_side(self) -> None:
        self.side = OTHER[self.side]
        self.proposal = None
        self._draw()

    def action_take_off(self) -> None:
        """Take the claim under the cursor off the motion's sides (undo puts it back)."""
        listing = self.query_one(OptionList)
        motion = self.motion()
        option = listing.highlighted_option
        claim_id = self._targets.get(option.id or "") if option is not None else None
        if motion is None or claim_id is None:
            return
        if motion.side_of(claim_id) is None:
            self.notify("That claim is on neither side of the motion.", timeout=3)
            return
        self.app.apply_edit(SetSide(motion.id, claim_id, None))

    def action_next_motion(self) -> None:
        motions = self.app.document.argument_map.motions
        ids = [motion.id for motion in motions]
        if ids:
            self.motion_id = ids[(ids.index(self.motion_id) + 1) % len(ids) if self.motion_id in ids else 0]
            self.proposal = None
            self._draw()

    def action_propose(self) -> None:
        motion = self.motion()
        if motion is None:
            return
        self.proposal = None if self.proposal is not None else self._propose(motion)
        self._draw()

    def action_accept(self) -> None:
        if self.proposal is None:
            return
        if not self.proposal.proposed:
            self.notify("Nothing to accept: the proposal puts no claim on a side.", timeout=4)
            return
        motion = self.proposal.motion
        self.proposal = None
        self.app.apply_edit(UpdateMotion(motion.id, propose_sides(self.app.document.index, motion).accepted()))

    def action_new_motion(self) -> None:
        self.app.push_screen(MotionForm(None), self._opened)

    def action_edit_motion(self) -> None:
        motion = self.motion()
        if motion is not None:
            self.app.push_screen(MotionForm(motion), self._opened)

    def _opened(self, saved: bool | None) -> None:
        if saved:
            motions = self.app.document.argument_map.motions
            if self.motion() is None or self.motion_id not in [m.id for m in motions]:
                self.motion_id = motions[-1].id if motions else None
            self._draw()

    def action_save_case(self) -> None:
        """Save the case as Markdown beside the map, named in letters and digits only (an id may hold `/`)."""
        from argmap.formats.case import case_sheet
        from argmap.store import MapError, write_atomically

        motion = self.motion()
        if motion is None:
            return
        document = self.app.document
        sheet = case_sheet(document.index, case_of(document.index, document.analysis, document.texts, motion,
                                                   self.side))
        path = document.path.parent / f"case-{slug(motion.id, limit=6) or 'motion'}-{self.side}.md"
        try:
            write_atomically(path, sheet.encode("utf-8"))
        except MapError as error:
            self.notify(str(error), severity="error")
            return
        self.notify(f"Saved the {SIDE_NAMES[self.side]} case to {path}", timeout=6)


def _on(motion: Motion, side: Side) -> str:
    """How many claims a side holds: "3 claims on the negative", "no claims on the affirmative"."""
    number = len(getattr(motion, side))
    return f"{number or 'no'} {noun_for(number, 'claim')} on the {SIDE_NAMES[side]}"


def _whose(side: Side | None, case_side: Side) -> str:
    """The attacker's side, as it stands after their name: " (negative)", " (affirmative: your own side)"."""
    if side is None:
        return ""
    return f" ({SIDE_NAMES[side]}{': your own side' if side == case_side else ''})"


def _indented(text: Text, indent: int) -> Text | Padding:
    """Every wrapped line of the text `indent` columns in, so a card's lines hang under its first."""
    return Padding(text, (0, 0, 0, indent)) if indent else text


class MotionForm(FormScreen):
    """A motion's id and sentence: a new one, or the one shown (its sides stay as they are)."""

    heading = "Motion"

    def __init__(self, motion: Motion | None) -> None:
        super().__init__()
        self.motion = motion
        self.heading = "New motion" if motion is None else "Edit motion"

    def fields(self) -> ComposeResult:
        motion = self.motion
        yield from self.field("Sentence (the resolution debated)", Input(motion.text if motion else "",
                                                                         id="field-text"), "text")
        yield from self.field("Id (one word; made from the sentence when left empty)",
                              Input(motion.id if motion else "", id="field-id"), "id")
        yield from self.field("Key claim (words from its sentence, or its id; optional)", Input(id="field-key"), "key",
                              hint="put on the affirmative: p then proposes sides from it")

    def build(self) -> Edit:
        from argmap.lookup import Ambiguous, resolve_claim

        text, motion_id, key = self.value("text"), self.value("id"), self.value("key")
        aff = list(self.motion.aff) if self.motion else []
        neg = list(self.motion.neg) if self.motion else []
        if key:
            try:
                key_id = resolve_claim(self.app.document.index, key)
            except Ambiguous as error:
                several = str(error).split(";")[0]
                raise EditError("key", f"{several}: give more of the sentence, or its id.") from None
            except ValueError as error:
                raise EditError("key", f"{str(error)[0].upper()}{str(error)[1:]}.") from None
            if key_id in neg:
                raise EditError("key", "That claim is on the negative of this motion.")
            aff += [] if key_id in aff else [key_id]
        new = validated(Motion, {"id": motion_id or slug(text) or "motion", "text": text, "aff": aff, "neg": neg})
        return AddMotion(new) if self.motion is None else UpdateMotion(self.motion.id, new)
