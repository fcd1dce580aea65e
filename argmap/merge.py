"""Three-way merge of maps by identity, and settling what it could not decide.

Each item is matched across the three maps by what names it (`argmap.diff.item_key`): an id, or a link's ends and
relation. A change made on one side only is taken; the same change on both sides is taken once; two different
changes to one field, or an edit on one side of an item the other side deleted, is a conflict, and the result
holds our side of it. Changes to different fields of one item both go in. A change that only breaks a rule once
combined with the other side's (a link to a claim the other side deleted) is a conflict too, never a dangling
link: the result is always a map `check_integrity` accepts, and each conflict is recorded in it
(`ArgumentMap.conflicts`) with both sides, so the app can show them and a person decide.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import JsonValue

from argmap.diff import as_json, from_json, item_key, keyed, list_fields, value_fields
from argmap.edits import Edit, EditError
from argmap.model import ArgumentMap, Conflict, ConflictSide, Link, check_integrity
from argmap.words import shortened

_PLACE = re.compile(r"^(\w+)\[(\d+)\]((?:\.\w+|\[\d+\])*)$")
_STEP = re.compile(r"\.(\w+)|\[(\d+)\]")


NOUN_WIDTH = 48
"""Characters of a sentence that name a claim in a conflict's summary."""


class UnmergeableMap(ValueError):
    """A map given to merge still holds conflicts from an earlier merge."""


@dataclass(slots=True)
class _Merged:
    """The merge under way: each list's items by key in their order, and the conflicts found so far."""

    base: dict[str, dict[str, Any]]
    ours: dict[str, dict[str, Any]]
    theirs: dict[str, dict[str, Any]]
    items: dict[str, dict[str, Any]] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    conflict_of: dict[tuple[str, str | None], Conflict] = field(default_factory=dict)

    def record(self, summary: str, sides: list[ConflictSide]) -> None:
        """A conflict over these things; one already recorded over any of them takes in the others."""
        known = next((self.conflict_of[(s.field, s.key)] for s in sides if (s.field, s.key) in self.conflict_of), None)
        if known is None:
            known = Conflict(summary, [])
            self.conflicts.append(known)
        for side in sides:
            if (side.field, side.key) not in self.conflict_of:
                known.changes.append(side)
                self.conflict_of[(side.field, side.key)] = known

    def noun(self, name: str, key: str | None) -> str:
        """A thing of the map as a reader knows it: a claim by its sentence, an author by name, a source by title, a
        link by the claims it joins; by its id only when it has no words."""
        if key is None:
            return f"the {name}"
        singular = name[:-1] if name.endswith("s") else name
        words = self._words(name, key)
        return f"{singular} {words}" if words else f"{singular} {key!r}"

    def _words(self, name: str, key: str) -> str | None:
        item = next((side[name][key] for side in (self.base, self.ours, self.theirs) if key in side[name]), None)
        if isinstance(item, Link):
            ends = [self._words("claims", end) or repr(end) for end in (item.source_id, item.target_id)]
            return f"{ends[0]} {item.relation.value} {ends[1]}"
        for attribute in ("text", "title", "name"):
            value = getattr(item, attribute, None)
            if isinstance(value, str) and value.strip():
                return value if attribute == "name" else f"“{shortened(value, NOUN_WIDTH)}”"
        return None

    def side(self, name: str, key: str, ours: Any = None) -> ConflictSide:
        """One item as base and theirs hold it, and as ours holds it (or `ours`, the merged item, when given)."""
        mine = self.ours[name].get(key) if ours is None else ours
        return ConflictSide(name, key, as_json(self.base[name].get(key)), as_json(mine),
                            as_json(self.theirs[name].get(key)))


def merge_maps(base: ArgumentMap, ours: ArgumentMap, theirs: ArgumentMap) -> ArgumentMap:
    """The three-way merge of `ours` and `theirs` from their common `base`: a map that keeps every rule, with
    `conflicts` set when there are any (our side is in the map for each)."""
    if any(each.conflicts for each in (base, ours, theirs)):
        raise UnmergeableMap("holds conflicts from an earlier merge; resolve them in argmap first")
    names = list_fields()
    base_items, our_items, their_items = ({name: keyed(getattr(each, name)) for name in names}
                                          for each in (base, ours, theirs))
    merging = _Merged(base_items, our_items, their_items)
    result = copy.copy(ours)
    for name in value_fields():
        value, clash = _merge_value(getattr(base, name), getattr(ours, name), getattr(theirs, name))
        setattr(result, name, value)
        if clash:
            merging.record(f"the {name.replace('_', ' ')} was changed differently on each side", [
                ConflictSide(name, None, *(as_json(getattr(each, name)) for each in (base, ours, theirs)))])
    for name in names:
        merging.items[name] = _merge_list(merging, name)
    _with_users(merging)
    _repair(merging, result)
    for name in names:
        setattr(result, name, list(merging.items[name].values()))
    result.conflicts = merging.conflicts or None
    return result


def _merge_value(base: Any, ours: Any, theirs: Any) -> tuple[Any, bool]:
    """The merged value, and whether the sides changed it differently (then it is ours)."""
    if ours == theirs or theirs == base:
        return ours, False
    if ours == base:
        return theirs, False
    return ours, True


def _merge_list(merging: _Merged, name: str) -> dict[str, Any]:
    """One list merged item by item, in our order, with their new items after the item they follow on their side."""
    base, ours, theirs = merging.base[name], merging.ours[name], merging.theirs[name]
    merged: dict[str, Any] = {}
    for key in _merged_order(ours, theirs):
        item = _merge_item(merging, name, key, base.get(key), ours.get(key), theirs.get(key))
        if item is not None:
            merged[key] = item
    return merged


def _merged_order(ours: dict[str, Any], theirs: dict[str, Any]) -> list[str]:
    """Our keys in our order; each key only theirs hold goes after the nearest key before it on their side that
    ours hold too (at the start when there is none)."""
    after: dict[str | None, list[str]] = {}
    anchor: str | None = None
    for key in theirs:
        if key in ours:
            anchor = key
        else:
            after.setdefault(anchor, []).append(key)
    order = list(after.get(None, []))
    for key in ours:
        order.append(key)
        order += after.get(key, [])
    return order


def _merge_item(merging: _Merged, name: str, key: str, base: Any, ours: Any, theirs: Any) -> Any:
    """The merged item (None: not on the merged map), recording a conflict when the sides disagree."""
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    noun = merging.noun(name, key)
    if ours is None or theirs is None:
        deleter, editor = ("our", "their") if ours is None else ("their", "our")
        edited = "added" if base is None else "edited"
        merging.record(f"{noun} was deleted on {deleter} side and {edited} on {editor} side",
                       [merging.side(name, key)])
        return ours
    base_json, ours_json, theirs_json = as_json(base), as_json(ours), as_json(theirs)
    assert isinstance(ours_json, dict) and isinstance(theirs_json, dict)
    base_fields = base_json if isinstance(base_json, dict) else {}
    merged, taken, clashes = dict(ours_json), dict(ours_json), []
    for part in list(ours_json) + [part for part in theirs_json if part not in ours_json]:
        value, clash = _merge_value(base_fields.get(part), ours_json.get(part), theirs_json.get(part))
        _put(merged, part, value)
        _put(taken, part, theirs_json.get(part) if clash else value)
        if clash:
            clashes.append(part)
    item = from_json(name, merged)
    if clashes:
        fields = " and ".join(clashes)
        how = "added differently on each side" if base is None else f"{fields} changed differently on each side"
        merging.record(f"{noun}: {how}", [ConflictSide(name, key, base_json, as_json(item), taken)])
    return item


def _put(item: dict[str, Any], name: str, value: Any) -> None:
    if value is None:
        item.pop(name, None)
    else:
        item[name] = value




def _with_users(merging: _Merged) -> None:
    """An item deleted on one side and edited on the other stands or falls with what refers to it (a claim with
    its links): ours keeps them, and theirs, taken, brings theirs back."""
    for conflict in list(merging.conflicts):
        for side in list(conflict.changes):
            if side.key is None or (side.ours is None) == (side.theirs is None):
                continue
            users = _users(merging, merging.ours if side.ours is not None else merging.theirs, side.key)
            if side.ours is not None:
                for each in users:
                    _put_back(merging, *each)
            if users:
                merging.record(conflict.summary, [side, *(merging.side(*each) for each in users)])


def _repair(merging: _Merged, result: ArgumentMap) -> None:
    """Undo, as conflicts, the combinations of the two sides that break a rule, until the map keeps every rule.

    Each step puts one more item back as ours holds it; ours keeps every rule, so this ends. Where the broken item
    is as ours holds it, what it refers to is not (their side deleted or changed it): that goes back to ours.
    """
    while True:
        for name in merging.items:
            setattr(result, name, list(merging.items[name].values()))
        broken = [finding for finding in check_integrity(result) if finding.severity == "error"]
        if not broken:
            return
        for name, key, wanted in {_broken_item(result, finding.place) for finding in broken}:
            _repair_one(merging, name, key, wanted)


def _broken_item(result: ArgumentMap, place: str) -> tuple[str, str, str | None]:
    """The list, the key of the item at `place` ("links[3].from"), and the id its field there refers to."""
    match = _PLACE.match(place)
    assert match is not None, f"a merge broke a rule it cannot place: {place}"
    item = getattr(result, match[1])[int(match[2])]
    value = as_json(item)
    for field_name, position in _STEP.findall(match[3]):
        if field_name:
            value = value.get(field_name) if isinstance(value, dict) else None
        else:
            value = value[int(position)] if isinstance(value, list) and int(position) < len(value) else None
    return match[1], item_key(item), value if isinstance(value, str) else None


def _repair_one(merging: _Merged, name: str, key: str, wanted: str | None) -> None:
    items, ours = merging.items[name], merging.ours[name].get(key)
    if items.get(key) != ours:
        _put_back(merging, name, key)
        needed = [(other, wanted) for other in merging.items
                  if wanted is not None and wanted in merging.theirs[other] and wanted not in merging.items[other]]
        sides = [merging.side(name, key)] + [merging.side(other, wanted) for other, wanted in needed]
        sides += [merging.side(other, each) for _, wanted in needed
                  for other, each in _users(merging, merging.theirs, wanted)]
        why = f"needs {merging.noun(*needed[0])}, which our side deleted" if needed else "cannot stand with our changes"
        merging.record(f"their {merging.noun(name, key)} {why}", sides)
        return
    for other in merging.items:
        if wanted is not None and merging.items[other].get(wanted) != merging.ours[other].get(wanted):
            users = _users(merging, merging.ours, wanted)
            for each in [(other, wanted), *users]:
                _put_back(merging, *each)
            sides = [merging.side(other, wanted), merging.side(name, key)] + [merging.side(*each) for each in users]
            merging.record(f"{merging.noun(other, wanted)} was deleted or changed on their side, but our "
                           f"{merging.noun(name, key)} needs it", sides)
            return
    raise AssertionError(f"a merge broke a rule at {name} {key!r} that our side keeps")


def _users(merging: _Merged, side: dict[str, dict[str, Any]], wanted: str) -> list[tuple[str, str]]:
    """The side's items, missing from the merge, that refer to `wanted` (the links of a claim the other side
    deleted): they stand or fall with it."""
    return [(name, key) for name in merging.items for key, item in side[name].items()
            if key not in merging.items[name] and _refers_to(item, wanted)]


def _refers_to(item: Any, wanted: str) -> bool:
    """Whether a field of the item, or of an item inside it (a claim's quote), holds `wanted`."""
    for part in dataclasses.fields(item):
        value = getattr(item, part.name)
        if value == wanted or (isinstance(value, list) and wanted in value) or (
                dataclasses.is_dataclass(value) and _refers_to(value, wanted)):
            return True
    return False


def _put_back(merging: _Merged, name: str, key: str) -> None:
    """The item as ours holds it (gone when ours has none), where ours has it."""
    ours = merging.ours[name]
    if key not in ours:
        merging.items[name].pop(key, None)
        return
    merging.items[name] = {each: ours[each] if each == key else item
                           for each, item in _with_key(merging.items[name], key, ours).items()}


def _with_key(items: dict[str, Any], key: str, ours: dict[str, Any]) -> dict[str, Any]:
    """`items` holding `key` (put back after the item before it on our side when missing)."""
    if key in items:
        return items
    order = list(ours)
    before = next((each for each in reversed(order[:order.index(key)]) if each in items), None)
    placed: dict[str, Any] = {key: ours[key]} if before is None else {}
    for each, item in items.items():
        placed[each] = item
        if each == before:
            placed[key] = ours[key]
    return placed


def take_side(argument_map: ArgumentMap, conflict: Conflict, side: Literal["ours", "theirs"]) -> dict[str, Any]:
    """The top-level fields that change when a conflict is settled on `side`, with their new values: each thing
    the conflict holds as that side has it (a list item replaced, added at the end, or removed)."""
    changed: dict[str, Any] = {}
    for part in conflict.changes:
        value: JsonValue = getattr(part, side)
        if part.key is None:
            changed[part.field] = value
            continue
        items = keyed(changed.get(part.field, getattr(argument_map, part.field)))
        if value is None:
            items.pop(part.key, None)
        else:
            items[part.key] = from_json(part.field, value)
        changed[part.field] = list(items.values())
    return changed


@dataclass
class ResolveConflict(Edit):
    """Settle the recorded conflict at `index`: keep our side (which the map holds) or take theirs; the conflict
    then leaves the map's list. Taking theirs is refused when it would break a rule of the map."""

    index: int
    side: Literal["ours", "theirs"]
    _old: dict[str, Any] = field(init=False, repr=False, compare=False, default_factory=dict)

    def apply(self, argument_map: ArgumentMap) -> None:
        conflicts = argument_map.conflicts or []
        if not 0 <= self.index < len(conflicts):
            raise EditError("conflict", f"No conflict {self.index + 1} is recorded on the map.")
        conflict = conflicts[self.index]
        changed = take_side(argument_map, conflict, self.side) if self.side == "theirs" else {}
        changed["conflicts"] = [each for each in conflicts if each is not conflict] or None
        self._old = {name: getattr(argument_map, name) for name in changed}
        for name, value in changed.items():
            setattr(argument_map, name, value)
        broken = [finding for finding in check_integrity(argument_map) if finding.severity == "error"]
        if broken:
            self.revert(argument_map)
            raise EditError("conflict", f"Their side would break the map ({broken[0].place}: {broken[0].message}); "
                                        "keep ours, or keep ours and edit it.")
        self._description = f"Resolved a conflict with {'our' if self.side == 'ours' else 'their'} side: " \
                            f"{conflict.summary}"

    def revert(self, argument_map: ArgumentMap) -> None:
        for name, value in self._old.items():
            setattr(argument_map, name, value)


@dataclass
class TakeMerged(Edit):
    """Make the map the merge of itself with another version (the file as changed on disk): every field at once,
    so one undo takes the whole merge back."""

    merged: ArgumentMap
    _old: dict[str, Any] = field(init=False, repr=False, compare=False, default_factory=dict)

    def apply(self, argument_map: ArgumentMap) -> None:
        names = [part.name for part in dataclasses.fields(argument_map)]
        self._old = {name: getattr(argument_map, name) for name in names}
        for name in names:
            value = getattr(self.merged, name)
            setattr(argument_map, name, list(value) if isinstance(value, list) else value)
        conflicts = len(self.merged.conflicts or [])
        left = f", {conflicts} conflict{'s' if conflicts != 1 else ''} to resolve" if conflicts else ""
        self._description = f"Merged the file on disk with your edits{left}"

    def revert(self, argument_map: ArgumentMap) -> None:
        for name, value in self._old.items():
            setattr(argument_map, name, value)
