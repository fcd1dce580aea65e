"""What changed between two maps, and the three-way merge: cases a team meets, and properties over random edits."""

from __future__ import annotations

import dataclasses
from contextlib import suppress
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from argmap.diff import Change, as_json, diff_maps, item_key, keyed, list_fields, render_changes, word_diff
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
    ReverseLink,
    SetDescription,
    SetSide,
    SetTitle,
    UpdateAuthor,
    UpdateClaim,
    UpdateLink,
    UpdateMotion,
    UpdateSource,
)
from argmap.merge import ResolveConflict, UnmergeableMap, merge_maps
from argmap.model import ArgumentMap, Claim, Link, Motion, Relation, check_integrity
from argmap.store import dump_map, parse_map
from argmap.words import shortened
from tests.test_edits import edits_for, start_bytes


def fresh(which: str = "bundled") -> ArgumentMap:
    """The map to start from; the bundled one with a motion added, so that every list the model has holds items."""
    argument_map = parse_map(start_bytes(which), which)
    if which == "bundled" and not argument_map.motions:
        ids = [claim.id for claim in argument_map.claims]
        argument_map.motions.append(Motion(id="usmca", text="The United States should ratify the USMCA",
                                           aff=ids[:3], neg=ids[3:5]))
    return argument_map


def edited(argument_map: ArgumentMap, *edits: Edit) -> ArgumentMap:
    copy = parse_map(dump_map(argument_map), "copy")
    for edit in edits:
        edit.apply(copy)
    return copy


def errors_in(argument_map: ArgumentMap) -> list[str]:
    return [f"{f.place}: {f.message}" for f in check_integrity(argument_map) if f.severity == "error"]


def claim(argument_map: ArgumentMap, index: int) -> Claim:
    return argument_map.claims[index]


def new_text(argument_map: ArgumentMap, index: int, text: str) -> Edit:
    old = claim(argument_map, index)
    return UpdateClaim(old.id, replace(old, text=text))


# diff


def test_diff_names_each_change_in_the_maps_terms_with_old_and_new_values() -> None:
    base = fresh("small")
    new = edited(base, SetTitle("Renamed"), new_text(base, 0, "Trade ties bind the two big countries."),
                 DeleteLink(base.links[1].key), AddLink(Link(source_id="c2", target_id="c3",
                                                            relation=Relation.CONTRADICTS, why="no")),
                 UpdateLink(base.links[0].key, replace(base.links[0], why="trust")))
    changes = {(c.field, c.key, c.kind): c for c in diff_maps(base, new)}
    assert set(changes) == {("title", None, "changed"), ("claims", "c1", "changed"),
                            ("links", "c3 qualifies c2", "removed"), ("links", "c2 contradicts c3", "added"),
                            ("links", "c1 supports c2", "changed")}
    text_change = changes[("claims", "c1", "changed")]
    assert [(f.name, f.old, f.new) for f in text_change.fields] == [
        ("text", "Trade ties bind the two countries.", "Trade ties bind the two big countries.")]
    assert changes[("links", "c3 qualifies c2", "removed")].old == as_json(base.links[1])
    lines = render_changes(diff_maps(base, new)).splitlines()
    assert "~ claim c1: text: Trade ties bind the two {+big +}countries." in lines
    assert "~ title: [-Small map-]{+Renamed+}" in lines
    assert "- link c3 qualifies c2: “partnership does not touch demand”" in lines
    assert "~ link c1 supports c2: why: [-economic ties build -]trust" in lines
    assert "~ format_version: 1 → 2" in render_changes(diff_maps(base, replace(base, format_version=2)))
    assert diff_maps(base, edited(base)) == [] and render_changes([]) == ""


def test_a_word_diff_keeps_what_stayed_and_marks_what_went_and_came() -> None:
    assert word_diff("the cat sat on the mat", "the dog sat on a mat") == [
        ("=", "the "), ("-", "cat "), ("+", "dog "), ("=", "sat on "), ("-", "the "), ("+", "a "), ("=", "mat")]


# merge: the cases of the issue


def test_changes_to_different_claims_merge_cleanly_and_keep_every_rule() -> None:
    base = fresh()
    ours = edited(base, new_text(base, 0, "Ours."), AddClaim(Claim(id="ours-new", author=claim(base, 0).author,
                                                                   text="A claim of ours."), 1))
    theirs = edited(base, new_text(base, 5, "Theirs."), DeleteClaim(claim(base, 9).id))
    merged = merge_maps(base, ours, theirs)
    assert merged.conflicts is None and errors_in(merged) == []
    assert claim(merged, 0).text == "Ours." and claim(merged, 1).id == "ours-new"
    assert next(c for c in merged.claims if c.id == claim(base, 5).id).text == "Theirs."
    assert claim(base, 9).id not in {c.id for c in merged.claims}
    assert not [link for link in merged.links if claim(base, 9).id in (link.source_id, link.target_id)]


def test_the_same_change_on_both_sides_is_taken_once() -> None:
    base = fresh()
    both = [new_text(base, 2, "Both."), AddLink(Link(source_id=claim(base, 0).id, target_id=claim(base, 7).id,
                                                     relation=Relation.QUALIFIES))]
    merged = merge_maps(base, edited(base, *both), edited(base, *both))
    assert merged.conflicts is None
    assert dump_map(merged) == dump_map(edited(base, *both))


def test_different_fields_of_one_claim_both_go_in() -> None:
    base = fresh()
    old = claim(base, 3)
    ours = edited(base, UpdateClaim(old.id, replace(old, text="Ours.")))
    theirs = edited(base, UpdateClaim(old.id, replace(old, topics=["new-topic"], note="theirs")))
    merged = merge_maps(base, ours, theirs)
    assert merged.conflicts is None
    assert claim(merged, 3) == replace(old, text="Ours.", topics=["new-topic"], note="theirs")


def test_one_text_changed_differently_on_both_sides_is_a_conflict_that_keeps_ours() -> None:
    base = fresh()
    ours, theirs = edited(base, new_text(base, 4, "Ours.")), edited(base, new_text(base, 4, "Theirs."))
    merged = merge_maps(base, ours, theirs)
    assert claim(merged, 4).text == "Ours." and errors_in(merged) == []
    (conflict,) = merged.conflicts or []
    named = shortened(claim(base, 4).text, 48)
    assert conflict.summary == f"claim “{named}”: text changed differently on each side", "named by its sentence"
    (side,) = conflict.changes
    assert (side.field, side.key) == ("claims", claim(base, 4).id)
    assert [value["text"] for value in (side.base, side.ours, side.theirs)] == [claim(base, 4).text, "Ours.", "Theirs."]
    assert parse_map(dump_map(merged), "again") == merged, "the recorded conflict survives a save and a load"


def test_a_title_changed_differently_is_a_conflict_too() -> None:
    base = fresh()
    merged = merge_maps(base, edited(base, SetTitle("Ours")), edited(base, SetTitle("Theirs")))
    assert merged.title == "Ours"
    assert [(s.field, s.key, s.ours, s.theirs) for s in (merged.conflicts or [])[0].changes] == [
        ("title", None, "Ours", "Theirs")]


def test_an_edit_of_a_claim_the_other_side_deleted_is_a_conflict() -> None:
    base = fresh()
    target = claim(base, 6)
    for ours_edit, theirs_edit, kept in ((DeleteClaim(target.id), new_text(base, 6, "Edited."), False),
                                         (new_text(base, 6, "Edited."), DeleteClaim(target.id), True)):
        ours, theirs = edited(base, ours_edit), edited(base, theirs_edit)
        merged = merge_maps(base, ours, theirs)
        assert errors_in(merged) == []
        assert (target.id in {c.id for c in merged.claims}) is kept
        assert diff_maps(replace(merged, conflicts=None), ours) == [], "ours, the claim with its links or without"
        (conflict,) = merged.conflicts or []
        assert "deleted on" in conflict.summary and "edited on" in conflict.summary
        assert diff_maps(edited(merged, ResolveConflict(0, "theirs")), theirs) == []


@pytest.mark.parametrize("deleted_by", ["ours", "theirs"])
def test_a_link_to_a_claim_the_other_side_deleted_is_a_conflict_never_a_dangling_link(deleted_by: str) -> None:
    base = fresh()
    doomed, other = claim(base, 8), claim(base, 20)
    deleting = edited(base, DeleteClaim(doomed.id))
    linking = edited(base, AddLink(Link(source_id=other.id, target_id=doomed.id, relation=Relation.CONTRADICTS)))
    ours, theirs = (deleting, linking) if deleted_by == "ours" else (linking, deleting)
    merged = merge_maps(base, ours, theirs)
    assert errors_in(merged) == []
    assert dump_map(replace(merged, conflicts=None)) == dump_map(ours), "the map holds our side"
    (conflict,) = merged.conflicts or []
    assert {(side.field, side.key) for side in conflict.changes} >= {
        ("claims", doomed.id), ("links", f"{other.id} contradicts {doomed.id}")}
    resolved = edited(merged, ResolveConflict(0, "theirs"))
    assert resolved.conflicts is None and errors_in(resolved) == []
    assert diff_maps(resolved, theirs) == [], "taking theirs gives their side: the claim, its links, the new link"


def test_a_map_with_conflicts_left_is_refused_by_the_next_merge() -> None:
    base = fresh("small")
    merged = merge_maps(base, edited(base, SetTitle("A")), edited(base, SetTitle("B")))
    with pytest.raises(UnmergeableMap):
        merge_maps(base, merged, base)


def test_resolving_keeps_ours_or_takes_theirs_and_undo_brings_the_conflict_back() -> None:
    base = fresh()
    merged = merge_maps(base, edited(base, new_text(base, 4, "Ours."), SetTitle("Ours")),
                        edited(base, new_text(base, 4, "Theirs."), SetTitle("Theirs")))
    before = dump_map(merged)
    assert len(merged.conflicts or []) == 2
    theirs = ResolveConflict(1, "theirs")
    theirs.apply(merged)
    assert claim(merged, 4).text == "Theirs." and len(merged.conflicts or []) == 1
    ours = ResolveConflict(0, "ours")
    ours.apply(merged)
    assert merged.title == "Ours" and merged.conflicts is None and errors_in(merged) == []
    assert "Resolved a conflict with our side" in ours.description
    ours.revert(merged)
    theirs.revert(merged)
    assert dump_map(merged) == before
    with pytest.raises(EditError):
        ResolveConflict(5, "ours").apply(merged)


# properties over random edits


def _edited_randomly(data: st.DataObject, start: ArgumentMap, label: str) -> ArgumentMap:
    argument_map = edited(start)
    for _ in range(data.draw(st.integers(0, 8), label=f"{label} steps")):
        with suppress(EditError):
            data.draw(edits_for(argument_map), label=f"{label} edit").apply(argument_map)
    return argument_map


def _mutated_generically(data: st.DataObject, start: ArgumentMap) -> ArgumentMap:
    """Changes to any top-level list the model has, made without knowing its items: drop an item, or change one of
    its text fields; kept only when the map still keeps every rule."""
    argument_map = edited(start)
    for _ in range(data.draw(st.integers(1, 6), label="generic steps")):
        name = data.draw(st.sampled_from([n for n in list_fields() if getattr(argument_map, n)]), label="list")
        previous = getattr(argument_map, name)
        items = list(previous)
        index = data.draw(st.integers(0, len(items) - 1), label="item")
        texts = [f.name for f in dataclasses.fields(items[index]) if isinstance(getattr(items[index], f.name), str)
                 and f.name not in ("id", "source_id", "target_id")]
        if texts and data.draw(st.booleans(), label="change rather than drop"):
            try:
                items[index] = replace(items[index], **{data.draw(st.sampled_from(texts)): "Changed-generically."})
            except ValidationError:
                continue
        else:
            del items[index]
        setattr(argument_map, name, items)
        if errors_in(argument_map):
            setattr(argument_map, name, previous)
    return argument_map


def test_the_property_tests_start_from_a_map_with_items_in_every_list() -> None:
    """So the generic changes below reach every list the model has (a new list needs items in the bundled map)."""
    assert [name for name in list_fields() if not getattr(fresh(), name)] == []


def _either(data: st.DataObject, base: ArgumentMap, label: str) -> ArgumentMap:
    if data.draw(st.booleans(), label=f"{label} by edits"):
        return _edited_randomly(data, base, label)
    return _mutated_generically(data, base)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_merging_a_map_with_itself_changes_nothing(data: st.DataObject) -> None:
    argument_map = _either(data, fresh(), "map")
    merged = merge_maps(argument_map, argument_map, argument_map)
    assert merged.conflicts is None and dump_map(merged) == dump_map(argument_map)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_side_left_as_the_base_gives_the_other_side(data: st.DataObject) -> None:
    base = _either(data, fresh(), "base")
    changed = _either(data, base, "changed")
    assert dump_map(merge_maps(base, base, changed)) == dump_map(changed)
    assert dump_map(merge_maps(base, changed, base)) == dump_map(changed)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_merge_of_random_edits_on_both_sides_always_keeps_every_rule(data: st.DataObject) -> None:
    base = fresh()
    merged = merge_maps(base, _either(data, base, "ours"), _either(data, base, "theirs"))
    assert errors_in(merged) == []
    for index in reversed(range(len(merged.conflicts or []))):
        try:
            ResolveConflict(index, data.draw(st.sampled_from(["ours", "theirs"]), label="side")).apply(merged)
        except EditError:
            ResolveConflict(index, "ours").apply(merged)
        assert errors_in(merged) == []
    assert merged.conflicts is None


def _touched(edit: Edit, before: ArgumentMap) -> set[tuple[str, str | None]]:
    """What an edit changes, from the edit's own words: (list, key) for each item, (field, None) for a value."""
    def links_of(claim_id: str) -> set[tuple[str, str | None]]:
        return {("links", item_key(link)) for link in before.links if claim_id in (link.source_id, link.target_id)}

    def motions_of(claim_id: str) -> set[tuple[str, str | None]]:
        return {("motions", motion.id) for motion in before.motions if claim_id in (*motion.aff, *motion.neg)}

    def link_key(key: tuple[str, str, Relation]) -> str:
        return f"{key[0]} {key[2]} {key[1]}"

    match edit:
        case SetTitle():
            return {("title", None)}
        case SetDescription():
            return {("description", None)}
        case AddAuthor(author=new) | AddSource(source=new) | AddClaim(claim=new) | AddMotion(motion=new):
            return {(_list_of(new), new.id)}
        case AddLink(link=new):
            return {("links", item_key(new))}
        case UpdateAuthor(author_id=old, author=new):
            return {("authors", old), ("authors", new.id)} | {
                (name, item.id) for name in ("claims", "sources") for item in getattr(before, name)
                if item.author == old and new.id != old}
        case UpdateSource(source_id=old, source=new):
            return {("sources", old), ("sources", new.id)} | {
                ("claims", c.id) for c in before.claims if c.quote and c.quote.source == old and new.id != old}
        case UpdateClaim(claim_id=old, claim=new):
            renamed = {("links", " ".join(new.id if part == old else part for part in key.split(" ")))
                       for _, key in links_of(old) if new.id != old and isinstance(key, str)}
            followers = links_of(old) | motions_of(old) if new.id != old else set()
            return {("claims", old), ("claims", new.id)} | followers | renamed
        case DeleteAuthor(author_id=old):
            return {("authors", old)}
        case DeleteSource(source_id=old):
            return {("sources", old)}
        case DeleteClaim(claim_id=old):
            return {("claims", old)} | links_of(old) | motions_of(old)
        case UpdateLink(key=key, link=new):
            return {("links", link_key(key)), ("links", item_key(new))}
        case DeleteLink(key=key):
            return {("links", link_key(key))}
        case ReverseLink(key=key):
            return {("links", link_key(key)), ("links", link_key((key[1], key[0], key[2])))}
        case UpdateMotion(motion_id=old, motion=new):
            return {("motions", old), ("motions", new.id)}
        case DeleteMotion(motion_id=old) | SetSide(motion_id=old):
            return {("motions", old)}
    raise AssertionError(f"the diff property test does not know {type(edit).__name__}: say what it changes here")


def _list_of(item: Any) -> str:
    return next(name for name, item_type in list_fields().items() if isinstance(item, item_type))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_diff_after_random_edits_lists_exactly_what_they_changed(data: st.DataObject) -> None:
    base = fresh(data.draw(st.sampled_from(["small", "bundled"]), label="map"))
    argument_map, touched = edited(base), set()
    for _ in range(data.draw(st.integers(1, 10), label="steps")):
        edit = data.draw(edits_for(argument_map), label="edit")
        before = edited(argument_map)
        try:
            edit.apply(argument_map)
        except EditError:
            continue
        touched |= _touched(edit, before)
    changes = diff_maps(base, argument_map)
    listed = {(change.field, change.key) for change in changes}
    assert listed <= touched, "the diff lists only what the edits touched"
    for name, key in touched - listed:
        old, new = _value(base, name, key), _value(argument_map, name, key)
        assert old == new, f"{name} {key} was changed by an edit but is not in the diff"
    for change in changes:
        _check_values(change, base, argument_map)


def _value(argument_map: ArgumentMap, name: str, key: str | None) -> Any:
    return getattr(argument_map, name) if key is None else keyed(getattr(argument_map, name)).get(key)


def _check_values(change: Change, old: ArgumentMap, new: ArgumentMap) -> None:
    before, after = as_json(_value(old, change.field, change.key)), as_json(_value(new, change.field, change.key))
    assert (change.old, change.new) == (before, after)
    assert change.kind == ("added" if before is None else "removed" if after is None else "changed")
