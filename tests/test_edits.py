"""Undoable edits: each one reverts exactly, refuses what would break the map, and random sessions stay valid."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from argmap.edits import (
    AddAuthor,
    AddClaim,
    AddLink,
    AddMotion,
    AddSource,
    DeleteAuthor,
    DeleteClaim,
    DeleteLink,
    DeleteMotion,
    DeleteSource,
    Edit,
    EditError,
    History,
    LinkKey,
    ReverseLink,
    SetDescription,
    SetSide,
    SetTitle,
    UpdateAuthor,
    UpdateClaim,
    UpdateLink,
    UpdateMotion,
    UpdateSource,
    validated,
)
from argmap.model import CLAIM_KINDS, ArgumentMap, Author, Claim, Link, Motion, Quote, Relation, Source, check_integrity
from argmap.store import dump_map, load_map, parse_map
from tests.conftest import BUNDLED_MAP, small_map_document, write_map


@cache
def start_bytes(which: str) -> bytes:
    """A map as argmap writes it ("bundled", "small", or "motion": the small one with a motion), loaded (and so
    checked) once; each test parses its own copy.

    A cached function rather than a fixture, so that hypothesis does not print a whole map in a failing example.
    """
    if which == "bundled":
        return dump_map(load_map(BUNDLED_MAP).argument_map)
    document = small_map_document()
    if which == "motion":
        document["motions"] = [{"id": "m", "text": "Ratify.", "aff": ["c1", "c2"], "neg": ["c3"]}]
    with tempfile.TemporaryDirectory() as folder:
        return dump_map(load_map(write_map(Path(folder), document)).argument_map)


@pytest.fixture
def small(tmp_path: Path) -> ArgumentMap:
    return load_map(write_map(tmp_path, small_map_document())).argument_map


def errors_in(argument_map: ArgumentMap) -> list[str]:
    return [f"{f.place}: {f.message}" for f in check_integrity(argument_map) if f.severity == "error"]


def touching(argument_map: ArgumentMap, claim_id: str) -> list[Link]:
    return [link for link in argument_map.links if claim_id in (link.source_id, link.target_id)]


def spoiled(model: object, **changes: object) -> object:
    """A model object changed after it was built, as a form might leave it: pydantic does not check assignments."""
    for name, value in changes.items():
        setattr(model, name, value)
    return model


# Apply then revert: one valid edit of each kind, built from whatever map it is given


def _busiest_claim(m: ArgumentMap) -> Claim:
    return max(m.claims, key=lambda claim: len(touching(m, claim.id)))


def _busiest_source(m: ArgumentMap) -> Source:
    return max(m.sources, key=lambda s: sum(c.quote is not None and c.quote.source == s.id for c in m.claims))


def _free_link(m: ArgumentMap) -> Link:
    keys = {link.key for link in m.links}
    return next(
        Link(source_id=a.id, target_id=b.id, relation=Relation.QUALIFIES, why="test")
        for a in m.claims for b in m.claims
        if a.id != b.id and (a.id, b.id, Relation.QUALIFIES) not in keys
    )


def _middle_link(m: ArgumentMap) -> Link:
    return m.links[len(m.links) // 2]


def _reversible_link(m: ArgumentMap) -> LinkKey:
    keys = {link.key for link in m.links}
    return next(link.key for link in m.links if (link.target_id, link.source_id, link.relation) not in keys)


def _with_unused_author(m: ArgumentMap) -> Edit:
    m.authors.insert(0, Author(id="lonely", name="Lonely Author"))
    return DeleteAuthor("lonely")


def _with_unused_source(m: ArgumentMap) -> Edit:
    m.sources.insert(0, Source(id="unused", author=m.authors[-1].id, title="Unused"))
    return DeleteSource("unused")


def _new_claim(m: ArgumentMap, position: int | None) -> Edit:
    quote = Quote(source=_busiest_source(m).id, text="some words")
    return AddClaim(Claim(id="new-claim", author=_busiest_source(m).author, text="A new claim.", quote=quote), position)


def _with_motion(m: ArgumentMap, make: Callable[[Motion], Edit]) -> Edit:
    """A motion with the busiest claim on the affirmative and the last claim on the negative, then the edit."""
    busiest, last = _busiest_claim(m).id, next(c.id for c in reversed(m.claims) if c.id != _busiest_claim(m).id)
    motion = Motion(id="usmca", text="The United States should ratify the USMCA.", aff=[busiest], neg=[last])
    m.motions.append(motion)
    return make(motion)


VALID_EDITS: dict[str, Callable[[ArgumentMap], Edit]] = {
    "set title": lambda m: SetTitle("A new title"),
    "set description": lambda m: SetDescription("Another description."),
    "add author": lambda m: AddAuthor(Author(id="new-author", name="New Author", affiliation="Somewhere")),
    "update author": lambda m: UpdateAuthor(m.authors[0].id, replace(m.authors[0], name="Someone Else")),
    "rename author": lambda m: UpdateAuthor(m.authors[0].id, replace(m.authors[0], id="renamed-author")),
    "delete author": _with_unused_author,
    "add source": lambda m: AddSource(Source(id="new-source", author=m.authors[0].id, title="New")),
    "update source": lambda m: UpdateSource(_busiest_source(m).id, replace(_busiest_source(m), title="Retitled")),
    "rename source": lambda m: UpdateSource(_busiest_source(m).id, replace(_busiest_source(m), id="renamed-src")),
    "delete source": _with_unused_source,
    "add claim": lambda m: _new_claim(m, None),
    "insert claim": lambda m: _new_claim(m, 1),
    "update claim": lambda m: UpdateClaim(_busiest_claim(m).id, replace(_busiest_claim(m), text="Edited.")),
    "rename claim": lambda m: UpdateClaim(_busiest_claim(m).id, replace(_busiest_claim(m), id="renamed-claim")),
    "delete claim": lambda m: DeleteClaim(_busiest_claim(m).id),
    "add link": lambda m: AddLink(_free_link(m)),
    "update link": lambda m: UpdateLink(_middle_link(m).key, replace(_middle_link(m), why="because")),
    "delete link": lambda m: DeleteLink(_middle_link(m).key),
    "reverse link": lambda m: ReverseLink(_reversible_link(m)),
    "add motion": lambda m: AddMotion(Motion(id="m", text="This house would ratify.", aff=[m.claims[0].id])),
    "edit motion": lambda m: _with_motion(m, lambda motion: UpdateMotion("usmca", replace(motion, text="Ratify."))),
    "rename motion": lambda m: _with_motion(m, lambda motion: UpdateMotion("usmca", replace(motion, id="ratify"))),
    "set sides": lambda m: _with_motion(m, lambda motion: UpdateMotion("usmca", replace(motion, aff=[]))),
    "delete motion": lambda m: _with_motion(m, lambda motion: DeleteMotion("usmca")),
    "assign a side": lambda m: _with_motion(m, lambda motion: SetSide("usmca", m.claims[1].id, "neg")),
    "move to the other side": lambda m: _with_motion(m, lambda motion: SetSide("usmca", motion.aff[0], "neg")),
    "clear a side": lambda m: _with_motion(m, lambda motion: SetSide("usmca", motion.aff[0], None)),
    "delete a claim on a side": lambda m: _with_motion(m, lambda motion: DeleteClaim(motion.aff[0])),
    "rename a claim on a side": lambda m: _with_motion(
        m, lambda motion: UpdateClaim(motion.aff[0], replace(_busiest_claim(m), id="renamed-claim"))),
}


@pytest.mark.parametrize("which", ["small", "bundled"])
@pytest.mark.parametrize("name", list(VALID_EDITS))
def test_apply_then_revert_gives_back_an_identical_map(which: str, name: str) -> None:
    argument_map = parse_map(start_bytes(which), which)
    edit = VALID_EDITS[name](argument_map)
    before = dump_map(argument_map)
    unchanged = parse_map(before, which)

    edit.apply(argument_map)
    assert dump_map(argument_map) != before
    assert errors_in(argument_map) == []
    assert edit.description[0].isupper() and edit.description != type(edit).__name__
    edit.revert(argument_map)

    assert dump_map(argument_map) == before
    assert argument_map == unchanged


# Refused edits: the right field, one plain sentence, and nothing changed


def _duplicate_reverse(m: ArgumentMap) -> Edit:
    m.links.append(Link(source_id="c2", target_id="c1", relation=Relation.SUPPORTS))
    return ReverseLink(m.links[0].key)


ANA = Author(id="ana", name="Ana Núñez")
C1 = Claim(id="c1", author="ana", text="Trade ties bind the two countries.")

INVALID_EDITS: list[tuple[str, Callable[[ArgumentMap], Edit], str, str]] = [
    ("empty title", lambda m: SetTitle(""), "title", "must not be empty"),
    ("blank title", lambda m: SetTitle("   "), "title", "only spaces"),
    ("blank claim text", lambda m: AddClaim(spoiled(Claim(id="c9", author="ana", text="x"), text=" \n ")), "text",
     "only spaces"),
    ("id with a space", lambda m: AddAuthor(spoiled(Author(id="x", name="X"), id="a b")), "id", "spaces"),
    ("empty author id", lambda m: AddAuthor(spoiled(Author(id="x", name="X"), id="")), "id", "empty"),
    ("author id clash", lambda m: AddAuthor(Author(id="ana", name="Another")), "id", "'ana'"),
    ("empty author name", lambda m: AddAuthor(spoiled(Author(id="x", name="X"), name="")), "name", "empty"),
    ("update a missing author", lambda m: UpdateAuthor("nobody", ANA), "id", "'nobody'"),
    ("rename author onto another", lambda m: UpdateAuthor("bo", ANA), "id", "'ana'"),
    ("delete an author in use", lambda m: DeleteAuthor("ana"), "id", "2 claims and 1 source"),
    ("delete an author with one claim", lambda m: DeleteAuthor("bo"), "id", "1 claim;"),
    ("source by an unknown author", lambda m: AddSource(Source(id="s2", author="nobody", title="T")),
     "author", "'nobody'"),
    ("source id clash", lambda m: AddSource(Source(id="s1", author="ana", title="T")), "id", "'s1'"),
    ("update source to an unknown author", lambda m: UpdateSource("s1", replace(m.sources[0], author="zz")),
     "author", "'zz'"),
    ("delete a quoted source", lambda m: DeleteSource("s1"), "id", "2 claims"),
    ("claim id clash", lambda m: AddClaim(replace(C1, id="c2")), "id", "'c2'"),
    ("empty claim id", lambda m: AddClaim(spoiled(replace(C1, id="c9"), id="")), "id", "empty"),
    ("claim by an unknown author", lambda m: AddClaim(replace(C1, id="c9", author="nobody")), "author", "'nobody'"),
    ("quote from an unknown source", lambda m: AddClaim(replace(C1, id="c9", quote=Quote(source="zz", text="q"))),
     "quote", "'zz'"),
    ("empty quote text", lambda m: AddClaim(replace(C1, id="c9", quote=spoiled(Quote(source="s1", text="q"), text=""))),
     "quote", "empty"),
    ("empty sentence", lambda m: AddClaim(spoiled(replace(C1, id="c9"), text="")), "text", "empty"),
    ("claim off the end", lambda m: AddClaim(replace(C1, id="c9"), position=4), "position", "3 claims"),
    ("rename claim onto another", lambda m: UpdateClaim("c1", replace(C1, id="c2")), "id", "'c2'"),
    ("update a missing claim", lambda m: UpdateClaim("zz", C1), "id", "'zz'"),
    ("delete a missing claim", lambda m: DeleteClaim("zz"), "id", "'zz'"),
    ("link to itself", lambda m: AddLink(Link(source_id="c1", target_id="c1")), "to", "itself"),
    ("link from nowhere", lambda m: AddLink(Link(source_id="zz", target_id="c1")), "from", "'zz'"),
    ("link to nowhere", lambda m: AddLink(Link(source_id="c1", target_id="zz")), "to", "'zz'"),
    ("duplicate link", lambda m: AddLink(Link(source_id="c1", target_id="c2")), "to", "'c1' already supports 'c2'"),
    ("link end with a space", lambda m: AddLink(spoiled(Link(source_id="c1", target_id="c3"), source_id="c 1")),
     "from", "spaces"),
    ("update a link into a duplicate", lambda m: UpdateLink(m.links[1].key, Link(source_id="c1", target_id="c2")),
     "to", "already"),
    ("update a missing link",
     lambda m: UpdateLink(("c1", "c3", Relation.SUPPORTS), Link(source_id="c1", target_id="c3")),
     "link", "No link 'c1' supports 'c3'"),
    ("delete a missing link", lambda m: DeleteLink(("c2", "c1", Relation.CONTRADICTS)), "link",
     "No link 'c2' contradicts 'c1'"),
    ("reverse into a duplicate", _duplicate_reverse, "to", "'c2' already supports 'c1'"),
    ("motion id clash", lambda m: _with_motion(m, lambda motion: AddMotion(replace(motion, aff=[], neg=[]))),
     "id", "'usmca'"),
    ("blank motion", lambda m: AddMotion(spoiled(Motion(id="m", text="x"), text=" ")), "text", "only spaces"),
    ("motion side naming no claim", lambda m: AddMotion(Motion(id="m", text="x", aff=["zz"])), "aff", "'zz'"),
    ("claim on both sides", lambda m: AddMotion(Motion(id="m", text="x", aff=["c1"], neg=["c1"])), "neg",
     "both sides"),
    ("claim twice on a side", lambda m: AddMotion(Motion(id="m", text="x", neg=["c1", "c1"])), "neg", "twice"),
    ("side of a missing motion", lambda m: SetSide("zz", "c1", "aff"), "id", "No motion has the id 'zz'"),
    ("side for a missing claim", lambda m: _with_motion(m, lambda motion: SetSide("usmca", "zz", "aff")), "id",
     "No claim has the id 'zz'"),
    ("delete a missing motion", lambda m: DeleteMotion("zz"), "id", "'zz'"),
]


@pytest.mark.parametrize(("case", "make", "field", "words"), INVALID_EDITS, ids=[c[0] for c in INVALID_EDITS])
def test_invalid_edit_is_refused_and_changes_nothing(
    small: ArgumentMap, case: str, make: Callable[[ArgumentMap], Edit], field: str, words: str
) -> None:
    edit = make(small)
    before = dump_map(small)
    history = History()

    with pytest.raises(EditError) as caught:
        history.do(small, edit)

    assert caught.value.field == field
    message = caught.value.message
    assert words in message and message.endswith(".") and "\n" not in message and not message[0].islower()
    assert dump_map(small) == before
    assert (history.version, history.can_undo) == (0, False)


# Particular edits


def test_delete_claim_counts_its_links_and_undo_puts_them_back_in_place(small: ArgumentMap) -> None:
    small.links.append(Link(source_id="c1", target_id="c3", relation=Relation.CONTRADICTS))
    before = dump_map(small)
    history = History()

    history.do(small, DeleteClaim("c2"))

    assert history.undo_description == "Deleted claim 'Mexico is a security partner.' and 2 links"
    assert [claim.id for claim in small.claims] == ["c1", "c3"]
    assert [link.key for link in small.links] == [("c1", "c3", Relation.CONTRADICTS)]
    history.undo(small)
    assert dump_map(small) == before


def test_delete_claim_description_counts_one_link_or_none(small: ArgumentMap) -> None:
    one = DeleteClaim("c1")
    one.apply(small)
    assert one.description == "Deleted claim 'Trade ties bind the two…' and 1 link"
    AddClaim(replace(C1, id="alone")).apply(small)
    none = DeleteClaim("alone")
    none.apply(small)
    assert none.description == "Deleted claim 'Trade ties bind the two…'"


def test_renaming_an_author_renames_every_reference_and_undo_restores_them(small: ArgumentMap) -> None:
    held = small.claims[0]
    edit = UpdateAuthor("ana", replace(small.authors[0], id="ann"))
    edit.apply(small)

    assert [c.author for c in small.claims] == ["ann", "ann", "bo"] and small.sources[0].author == "ann"
    assert edit.description == "Edited author 'Ana Núñez' (id 'ana' → 'ann' in 2 claims and 1 source)"
    assert held.author == "ana", "objects are swapped, never changed in place"
    assert errors_in(small) == []
    edit.revert(small)
    assert small.claims[0] is held


def test_renaming_a_claim_renames_its_link_ends(small: ArgumentMap) -> None:
    edit = UpdateClaim("c2", replace(small.claims[1], id="partner"))
    edit.apply(small)
    assert [(link.source_id, link.target_id) for link in small.links] == [("c1", "partner"), ("c3", "partner")]
    assert edit.description == "Edited claim 'Mexico is a security partner.' (id 'c2' → 'partner' in 2 links)"


def test_renaming_a_source_renames_its_quotes(small: ArgumentMap) -> None:
    edit = UpdateSource("s1", replace(small.sources[0], id="essay"))
    edit.apply(small)
    assert [c.quote.source if c.quote else None for c in small.claims] == ["essay", "essay", None]
    assert errors_in(small) == []


def test_descriptions_are_short_and_past_tense(small: ArgumentMap) -> None:
    history = History()
    history.do(small, ReverseLink(small.links[0].key))
    assert history.undo_description == "Reversed link 'c1' supports 'c2'"
    history.do(small, AddClaim(replace(small.claims[2], id="c4")))
    assert history.undo_description == "Added claim 'US demand, not supply, is the…'"
    history.do(small, SetTitle("Renamed"))
    assert history.undo_description == "Changed the title to 'Renamed'"


def test_an_added_object_is_a_copy_the_caller_cannot_change(small: ArgumentMap) -> None:
    claim = replace(C1, id="c9")
    AddClaim(claim).apply(small)
    claim.text = "changed afterwards"
    assert small.claims[-1].text == C1.text


def test_validated_turns_a_form_dict_into_a_model_or_an_edit_error() -> None:
    assert validated(Link, {"from": "a", "to": "b", "relation": "qualifies"}).relation is Relation.QUALIFIES
    with pytest.raises(EditError) as caught:
        validated(Link, {"from": "a", "to": "b c"})
    assert caught.value.field == "to"


def test_history_undoes_and_redoes_in_order(small: ArgumentMap) -> None:
    history = History()
    assert (history.undo(small), history.redo(small), history.version) == (None, None, 0)
    first, second = SetTitle("One"), SetTitle("Two")
    history.do(small, first)
    history.do(small, second)

    assert history.undo(small) is second and small.title == "One"
    assert history.redo_description == "Changed the title to 'Two'" and history.can_redo
    assert history.redo(small) is second and small.title == "Two"
    assert history.undo(small) is second and history.undo(small) is first and small.title == "Small map"
    assert not history.can_undo and history.version == 6
    history.do(small, SetDescription("new"))
    assert not history.can_redo and history.redo_description is None
    assert history.undo_description == "Changed the description"


# Random sessions: edits (valid or not), undos and redos


FRESH = ["n1", "n2"]
FIELDS = {"id", "name", "title", "text", "author", "quote", "source", "from", "to", "link", "position", "aff", "neg"}


def _mostly(likely: st.SearchStrategy, now_and_then: st.SearchStrategy) -> st.SearchStrategy:
    """One draw in eight from `now_and_then`: each edit risks several such draws, and most edits should land."""
    return st.sampled_from([likely] * 7 + [now_and_then]).flatmap(lambda strategy: strategy)


@dataclass(frozen=True)
class Ids:
    """Ids to draw for one kind of item: new ones are mostly fresh, references mostly resolve, so most edits land."""

    existing: list[str]

    @property
    def fresh(self) -> st.SearchStrategy[str]:
        return st.sampled_from(FRESH)

    @property
    def taken(self) -> st.SearchStrategy[str]:
        return st.sampled_from(self.existing) if self.existing else self.fresh

    @property
    def new(self) -> st.SearchStrategy[str]:
        return _mostly(self.fresh, self.taken)

    @property
    def ref(self) -> st.SearchStrategy[str]:
        return _mostly(self.taken, self.fresh)

    def renamed(self, old: str) -> st.SearchStrategy[str]:
        """An update keeps the id, renames it, or clashes with another."""
        return st.sampled_from([st.just(old), st.just(old), self.fresh, self.taken]).flatmap(lambda ids: ids)


def _maybe_spoiled(objects: st.SearchStrategy, field: str) -> st.SearchStrategy:
    """Now and then an object whose id was broken after it was built, as a careless form might leave it."""
    return _mostly(objects, objects.map(lambda o: spoiled(o, **{field: "has space"})))


def edits_for(m: ArgumentMap) -> st.SearchStrategy[Edit]:
    """Any edit against the map as it stands, valid or not."""
    author_ids, source_ids = Ids([a.id for a in m.authors]), Ids([s.id for s in m.sources])
    claim_ids = Ids([c.id for c in m.claims])
    missing_key = st.tuples(claim_ids.ref, claim_ids.ref, st.sampled_from(list(Relation)))
    link_key = _mostly(st.sampled_from([link.key for link in m.links]), missing_key) if m.links else missing_key

    def authors(ids: st.SearchStrategy[str]) -> st.SearchStrategy[Author]:
        return _maybe_spoiled(st.builds(Author, id=ids, name=st.sampled_from(["Ana", "Zoë"])), "id")

    def sources(ids: st.SearchStrategy[str]) -> st.SearchStrategy[Source]:
        return _maybe_spoiled(st.builds(Source, id=ids, author=author_ids.ref, title=st.just("T")), "id")

    def claims(ids: st.SearchStrategy[str]) -> st.SearchStrategy[Claim]:
        quotes = st.none() | st.builds(Quote, source=source_ids.ref, text=st.just("q"))
        return _maybe_spoiled(st.builds(
            Claim, id=ids, author=author_ids.ref, text=st.sampled_from(["A claim.", "Another one"]), quote=quotes,
            topics=st.lists(st.sampled_from(["t", "u"]), max_size=2), kind=st.sampled_from(CLAIM_KINDS),
        ), "id")

    links = _maybe_spoiled(st.builds(
        Link, source_id=claim_ids.ref, target_id=claim_ids.ref, relation=st.sampled_from(Relation), why=st.just("w")
    ), "target_id")
    motion_ids = Ids([motion.id for motion in m.motions])

    def motions(ids: st.SearchStrategy[str]) -> st.SearchStrategy[Motion]:
        sides = _mostly(st.lists(claim_ids.ref, max_size=3, unique=True), st.lists(claim_ids.ref, max_size=3))
        return _maybe_spoiled(st.builds(
            Motion, id=ids, text=st.sampled_from(["Ratify.", "This house would"]), aff=sides, neg=sides), "id")

    def update(kind: Callable, ids: Ids, build: Callable) -> st.SearchStrategy[Edit]:
        return ids.ref.flatmap(lambda old: build(ids.renamed(old)).map(lambda new: kind(old, new)))

    positions = _mostly(st.none() | st.integers(0, len(m.claims)), st.sampled_from([-1, len(m.claims) + 1]))
    return st.one_of(
        st.builds(SetTitle, st.sampled_from(["", "Title"])), st.builds(SetDescription, st.text(max_size=3)),
        st.builds(AddAuthor, authors(author_ids.new)), update(UpdateAuthor, author_ids, authors),
        st.builds(DeleteAuthor, author_ids.ref),
        st.builds(AddSource, sources(source_ids.new)), update(UpdateSource, source_ids, sources),
        st.builds(DeleteSource, source_ids.ref),
        st.builds(AddClaim, claims(claim_ids.new), positions),
        update(UpdateClaim, claim_ids, claims), st.builds(DeleteClaim, claim_ids.ref),
        st.builds(AddLink, links), st.builds(UpdateLink, link_key, links),
        st.builds(DeleteLink, link_key), st.builds(ReverseLink, link_key),
        st.builds(AddMotion, motions(motion_ids.new)), update(UpdateMotion, motion_ids, motions),
        st.builds(DeleteMotion, motion_ids.ref),
        st.builds(SetSide, motion_ids.ref, claim_ids.ref, st.sampled_from(["aff", "neg", None])),
    )


@dataclass
class Session:
    """A map and its history, with the bytes after each edit of the history to check undo and redo against."""

    argument_map: ArgumentMap
    history: History = field(default_factory=History)
    states: list[bytes] = field(default_factory=list)
    position: int = 0

    def edit(self, edit: Edit) -> None:
        """Do the edit; a refused one must name a form field and change nothing."""
        before = dump_map(self.argument_map)
        try:
            self.history.do(self.argument_map, edit)
        except EditError as error:
            assert error.field in FIELDS and error.message.endswith("."), (error.field, error.message)
            assert dump_map(self.argument_map) == before
            event(f"{type(edit).__name__} refused ({error.field})")
            return
        event(f"{type(edit).__name__} done" + (" (renamed)" if "→" in edit.description else ""))
        self.position += 1
        del self.states[self.position :]
        self.states.append(dump_map(self.argument_map))

    def undo(self) -> None:
        if self.history.undo(self.argument_map) is not None:
            self.position -= 1

    def redo(self) -> None:
        if self.history.redo(self.argument_map) is not None:
            self.position += 1

    def check(self) -> None:
        """Valid after every step, and an undo or redo lands on exactly the bytes recorded for that point."""
        assert dump_map(self.argument_map) == self.states[self.position]
        assert errors_in(self.argument_map) == []
        assert self.history.can_undo == (self.position > 0)
        assert self.history.can_redo == (self.position < len(self.states) - 1)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
@pytest.mark.parametrize("which", ["small", "bundled", "motion"])
def test_random_sessions_stay_valid_and_undo_exactly(which: str, data: st.DataObject) -> None:
    start = start_bytes(which)
    session = Session(parse_map(start, which), states=[start])
    for _ in range(data.draw(st.integers(1, 30), label="steps")):
        action = data.draw(st.sampled_from(["edit", "edit", "edit", "undo", "redo"]), label="action")
        if action == "edit":
            session.edit(data.draw(edits_for(session.argument_map), label="edit"))
        else:
            getattr(session, action)()
        session.check()
    while session.history.undo(session.argument_map) is not None:
        pass
    assert dump_map(session.argument_map) == start


def test_a_link_is_named_by_its_ends_and_relation_not_its_place(small: ArgumentMap) -> None:
    """An edit made ready before another link is deleted still edits the link it named (a form left open)."""
    second = small.links[1]
    update = UpdateLink(second.key, replace(second, why="renamed reason"))
    History().do(small, DeleteLink(small.links[0].key))
    update.apply(small)
    assert [link.why for link in small.links] == ["renamed reason"]
    update.revert(small)
    assert small.links == [second]


def test_a_claim_on_a_side_follows_its_renaming_and_leaves_with_its_deletion(small: ArgumentMap) -> None:
    small.motions.append(Motion(id="m", text="Ratify.", aff=["c1", "c2"], neg=["c3"]))
    history = History()
    history.do(small, UpdateClaim("c2", replace(small.claims[1], id="partner")))
    assert (small.motions[0].aff, small.motions[0].neg) == (["c1", "partner"], ["c3"])
    assert "1 motion" in history.undo_description
    history.do(small, DeleteClaim("c3"))
    assert small.motions[0].neg == []
    history.do(small, SetSide("m", "c1", "neg"))
    assert (small.motions[0].aff, small.motions[0].neg) == (["partner"], ["c1"])
    assert "negative" in history.undo_description
    while history.undo(small) is not None:
        pass
    assert (small.motions[0].aff, small.motions[0].neg) == (["c1", "c2"], ["c3"])
