"""What changed between two maps, in the map's terms: items added, removed or changed field by field.

Everything here reads the map's own fields, so a new top-level list needs nothing here: items with an `id` are
named by it, a link by its ends and relation (`Link.key`), and any other top-level field (the title) is a value.
Items are values (edits never change one in place), so comparing two 100,000-claim maps is one pass of equality
tests; only the items that differ are written out as JSON and compared field by field.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal, get_args, get_origin, get_type_hints

from pydantic import JsonValue

from argmap.model import ArgumentMap, adapter_for

NOT_COMPARED = frozenset({"conflicts"})
"""Top-level fields that are not the map's content: what a merge left to decide is not a change to diff or merge."""


@cache
def list_fields() -> dict[str, type[Any]]:
    """Each top-level list of items, by field name, with the type of its items, in the map's own order."""
    hints = get_type_hints(ArgumentMap)
    return {item.name: get_args(hints[item.name])[0] for item in dataclasses.fields(ArgumentMap)
            if get_origin(hints[item.name]) is list and item.name not in NOT_COMPARED}


@cache
def value_fields() -> tuple[str, ...]:
    """The map's other top-level fields (the title, the description), compared as whole values."""
    return tuple(item.name for item in dataclasses.fields(ArgumentMap)
                 if item.name not in list_fields() and item.name not in NOT_COMPARED)


def item_key(item: Any) -> str:
    """What names an item on its list: its id, or for a link its ends and relation ("c1 supports c2")."""
    item_id = getattr(item, "id", None)
    if isinstance(item_id, str):
        return item_id
    source_id, target_id, relation = item.key
    return f"{source_id} {relation} {target_id}"


def keyed(items: Iterable[Any]) -> dict[str, Any]:
    """The items of one list by their keys, in list order."""
    return {item_key(item): item for item in items}


def as_json(item: Any) -> JsonValue:
    """An item (or a value) as the map file writes it: aliases ("from", "to"), no null fields."""
    if item is None or isinstance(item, (str, int, float, bool)):
        return item
    value: JsonValue = adapter_for(type(item)).dump_python(item, mode="json", by_alias=True, exclude_none=True)
    return value


def from_json(field: str, value: JsonValue) -> Any:
    """An item of the list `field` (or the value of a field such as the title) from its JSON form."""
    item_type = list_fields().get(field)
    return value if item_type is None else adapter_for(item_type).validate_python(value)


ChangeKind = Literal["added", "removed", "changed"]


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of an item (or of the map) with its old and new values, as the file writes them."""

    name: str
    old: JsonValue
    new: JsonValue


@dataclass(frozen=True, slots=True)
class Change:
    """One item added, removed or changed on a top-level list, or a top-level value changed (`key` None)."""

    field: str
    key: str | None
    kind: ChangeKind
    old: JsonValue
    new: JsonValue
    fields: tuple[FieldChange, ...] = ()


def diff_maps(old: ArgumentMap, new: ArgumentMap) -> list[Change]:
    """Every difference from `old` to `new`: top-level values first, then each list's items in `new`'s order, each
    list's removals first."""
    changes = [Change(name, None, "changed", as_json(getattr(old, name)), as_json(getattr(new, name)),
                      (FieldChange(name, as_json(getattr(old, name)), as_json(getattr(new, name))),))
               for name in value_fields() if getattr(old, name) != getattr(new, name)]
    for name in list_fields():
        changes += diff_items(name, getattr(old, name), getattr(new, name))
    return changes


def diff_items(name: str, old_items: list[Any], new_items: list[Any]) -> list[Change]:
    """The changes between two versions of one top-level list."""
    before, after = keyed(old_items), keyed(new_items)
    changes = [Change(name, key, "removed", as_json(item), None) for key, item in before.items() if key not in after]
    for key, item in after.items():
        previous = before.get(key)
        if previous is None:
            changes.append(Change(name, key, "added", None, as_json(item)))
        elif previous != item:
            old_json, new_json = as_json(previous), as_json(item)
            changes.append(Change(name, key, "changed", old_json, new_json, changed_fields(old_json, new_json)))
    return changes


def changed_fields(old: JsonValue, new: JsonValue) -> tuple[FieldChange, ...]:
    """The fields of an item that differ, in the order the file writes them (a missing field is null)."""
    assert isinstance(old, dict) and isinstance(new, dict)
    names = list(old) + [name for name in new if name not in old]
    return tuple(FieldChange(name, old.get(name), new.get(name)) for name in names if old.get(name) != new.get(name))


_WORDS = re.compile(r"\S+\s*|\s+")


def word_diff(old: str, new: str) -> list[tuple[Literal["=", "-", "+"], str]]:
    """A text change word by word: runs of words kept ("="), taken out ("-") and put in ("+"), in reading order."""
    before, after = _WORDS.findall(old), _WORDS.findall(new)
    parts: list[tuple[Literal["=", "-", "+"], str]] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if operation == "equal":
            parts.append(("=", "".join(before[old_start:old_end])))
            continue
        if old_end > old_start:
            parts.append(("-", "".join(before[old_start:old_end])))
        if new_end > new_start:
            parts.append(("+", "".join(after[new_start:new_end])))
    return parts


def changes_to_json(changes: list[Change]) -> dict[str, Any]:
    """The changes for machines: `argmap diff --json`."""
    return {"same": not changes, "changes": [
        {"field": change.field, "key": change.key, "change": change.kind, "old": change.old, "new": change.new,
         "fields": [{"name": part.name, "old": part.old, "new": part.new} for part in change.fields]}
        for change in changes]}


def render_changes(changes: list[Change]) -> str:
    """The changes for people: one line per item added or removed, one per field changed; a text word by word,
    `[-taken out-]{+put in+}` as `git diff --word-diff` writes it."""
    lines = []
    for change in changes:
        name = _item_name(change.field, change.key)
        if change.kind == "added":
            lines.append(f"+ {name}: {_summary(change.new)}")
        elif change.kind == "removed":
            lines.append(f"- {name}: {_summary(change.old)}")
        else:
            lines += [f"~ {name}: {'' if change.key is None else part.name + ': '}{_field_change(part)}"
                      for part in change.fields]
    return "".join(line + "\n" for line in lines)


def _item_name(field: str, key: str | None) -> str:
    """"claim c1", "link c1 supports c2", or a top-level field's name ("title")."""
    if key is None:
        return field
    noun = field[:-1] if field.endswith("s") else field
    return f"{noun} {key}"


def _summary(value: JsonValue) -> str:
    """An item in a line: its sentence, name or title where it has one, else its fields."""
    if isinstance(value, dict):
        for name in ("text", "name", "title", "why"):
            text = value.get(name)
            if isinstance(text, str) and text:
                return _quoted(text)
        return ", ".join(f"{name}={_compact(part)}" for name, part in value.items())
    return _compact(value)


def _field_change(part: FieldChange) -> str:
    if isinstance(part.old, str) and isinstance(part.new, str) and " " in part.old + part.new:
        return "".join(text if kind == "=" else f"[-{text}-]" if kind == "-" else f"{{+{text}+}}"
                       for kind, text in word_diff(part.old, part.new))
    return f"{_compact(part.old)} → {_compact(part.new)}"


def _quoted(text: str) -> str:
    return f"“{text}”"


def _compact(value: JsonValue) -> str:
    import json

    if value is None:
        return "(none)"
    return json.dumps(value, ensure_ascii=False)
