"""Undoable edits to a map: each command checks itself against the map, changes it, and can revert exactly.

The core knows nothing of Textual: the app builds an edit from a form, hands it to `History.do`, and shows an
`EditError` beside the form field it names. The shape rules (non-empty text, ids without spaces, the three
relations) are the model's own: every object an edit adds is rebuilt through its pydantic dataclass. The rules
that tie objects together (unique ids, references that resolve, no self-links, no duplicate links) are checked
here only for the one object an edit touches, mirroring `argmap.model.check_integrity`, so an edit on a
100,000-claim map costs a scan, not a full integrity check.

Edits treat model objects as values: they never change one in place but swap whole objects in the map's lists.
So an object the app (or an older `MapIndex`) still holds never changes under it, and `revert` can put back the
very objects `apply` took out, which makes apply-then-revert give back an identical map, byte for byte.
"""

from __future__ import annotations

import dataclasses
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol, TypeVar

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from argmap.model import (
    FORMAT_VERSION,
    SIDE_NAMES,
    ArgumentMap,
    Author,
    Claim,
    Link,
    Motion,
    Relation,
    Side,
    Source,
    adapter_for,
    broken_rule,
    quoted_elsewhere,
)
from argmap.words import counted, shortened


class EditError(Exception):
    """An edit that would break the map; `field` names the form field at fault (e.g. "id", "to", "author"),
    `message` is one plain sentence.

    Fields: a model field ("id", "name", "title", "text", "author", "quote", "topics", "kind", "note"), "source"
    for the source a quote comes from, a link's end ("from", "to") or "relation"; "id" also when the item to edit
    or delete is missing or still in use; "link" for a link that is not on the map; "position" for a claim
    position off the end of the list.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class _HasId(Protocol):
    id: str


Model = TypeVar("Model", Author, Source, Claim, Link, Motion)

_FORM_FIELDS = {"source_id": "from", "target_id": "to"}
_LABELS = {"from": "link's 'from' id", "to": "link's 'to' id", "quote text": "quoted text"}


def validated(model_type: type[Model], data: Model | dict[str, Any]) -> Model:
    """A fresh copy of `data` built by the model itself, or an `EditError` naming the field.

    Rebuilding through the pydantic dataclass keeps the shape rules in `model.py` only, catches an object
    changed after it was built (pydantic does not check assignments), and gives the map an object the caller
    does not hold. The app may also call it on a form's dict (links may use "from"/"to") to get an `EditError`
    instead of a `ValidationError`.
    """
    raw = dataclasses.asdict(data) if dataclasses.is_dataclass(data) else data
    try:
        return adapter_for(model_type).validate_python(raw)
    except ValidationError as error:
        raise _shape_error(error.errors()[0]) from None


def _shape_error(item: ErrorDetails) -> EditError:
    """One pydantic error as one plain sentence about one form field."""
    names = [_FORM_FIELDS.get(part, part) for part in item["loc"] if isinstance(part, str)]
    form_field = names[0] if names else ""
    label = _LABELS.get(" ".join(names), " ".join(names) or "value")
    return EditError(form_field, f"The {label} {broken_rule(item)}.")


def _check_title(title: str) -> None:
    """Check a title by the map's own field: a throwaway map with no claims costs next to nothing."""
    try:
        ArgumentMap(format_version=FORMAT_VERSION, title=title)
    except ValidationError as error:
        raise _shape_error(error.errors()[0]) from None


def _index_of(items: Sequence[_HasId], item_id: str, kind: str) -> int:
    """Where the item with this id is; an edit naming a missing item is refused, not ignored."""
    for index, item in enumerate(items):
        if item.id == item_id:
            return index
    raise EditError("id", f"No {kind} has the id {item_id!r}.")


def _require_free_id(items: Sequence[_HasId], new_id: str, kind: str, keep: int | None = None) -> None:
    """Ids are unique per kind (`check_integrity` rule); `keep` is the item being edited, which may keep its id."""
    if any(item.id == new_id for index, item in enumerate(items) if index != keep):
        raise EditError("id", f"Another {kind} already has the id {new_id!r}.")


def _require_author(argument_map: ArgumentMap, author_id: str) -> None:
    """Every claim and source is by an author on the map (`check_integrity` rule)."""
    if not any(author.id == author_id for author in argument_map.authors):
        raise EditError("author", f"No author has the id {author_id!r}.")


def _require_claim_references(argument_map: ArgumentMap, claim: Claim) -> None:
    """A claim's author and its quote's source must exist, the source by the claim's author (`check_integrity`
    rules)."""
    _require_author(argument_map, claim.author)
    if claim.quote is None:
        return
    source = next((source for source in argument_map.sources if source.id == claim.quote.source), None)
    if source is None:
        raise EditError("quote", f"No source has the id {claim.quote.source!r}.")
    if source.author != claim.author:
        raise EditError("source", _sentence(quoted_elsewhere(source.id, source.author, claim.author)))


def _require_quoters_by(argument_map: ArgumentMap, source_id: str, author_id: str) -> None:
    """A source may change author only while no claim by someone else quotes it (`check_integrity` rule)."""
    others = sum(c.quote is not None and c.quote.source == source_id and c.author != author_id
                 for c in argument_map.claims)
    if others:
        quoters = _counted((others, "claim"))
        verb = "quotes" if others == 1 else "quote"
        raise EditError(
            "author", f"{quoters} by other authors {verb} this source; a claim quotes its own author's text."
        )


def _sentence(phrase: str) -> str:
    return phrase[0].upper() + phrase[1:] + "."


def _require_sound_link(argument_map: ArgumentMap, link: Link, skip: int | None = None) -> None:
    """Both ends exist, differ, and no other link has the same ends and relation (`check_integrity` rules)."""
    claim_ids = {claim.id for claim in argument_map.claims}
    for end, claim_id in (("from", link.source_id), ("to", link.target_id)):
        if claim_id not in claim_ids:
            raise EditError(end, f"No claim has the id {claim_id!r}.")
    if link.source_id == link.target_id:
        raise EditError("to", "A claim cannot be linked to itself.")
    if any(other.key == link.key for index, other in enumerate(argument_map.links) if index != skip):
        raise EditError("to", f"{link.source_id!r} already {link.relation} {link.target_id!r}.")


LinkKey = tuple[str, str, Relation]
"""A link's ends and relation: what names it, since no two links on a map share them (`check_integrity` rule).
Not its position: a position goes stale as soon as another link is added or deleted before it."""


def _link_at(argument_map: ArgumentMap, key: LinkKey) -> int:
    """Where the link named by `key` is; an edit naming a link the map does not hold is refused."""
    for index, link in enumerate(argument_map.links):
        if link.key == key:
            return index
    source_id, target_id, relation = key
    raise EditError("link", f"No link {source_id!r} {relation} {target_id!r} is on the map.")




def _quoted(text: str) -> str:
    return f"'{shortened(text, 30)}'"


def _counted(*counts: tuple[int, str]) -> str:
    """'2 claims and 1 source', leaving out the nouns counted zero; '' when all are zero."""
    return " and ".join(counted(n, noun) for n, noun in counts if n)


def _link_words(link: Link) -> str:
    return f"'{link.source_id}' {link.relation} '{link.target_id}'"


def _edited(kind: str, name: str, old_id: str, new_id: str, renamed: str) -> str:
    """'Edited claim 'X…'', saying so when the id changed and where the new id was written."""
    text = f"Edited {kind} {_quoted(name)}"
    if old_id != new_id:
        text += f" (id '{old_id}' → '{new_id}'{' in ' + renamed if renamed else ''})"
    return text


def _state(**kwargs: Any) -> Any:
    """A field an edit fills in `apply` for `revert`: not given to the constructor, not shown, not compared."""
    return field(init=False, repr=False, compare=False, **kwargs)


@dataclass
class _Swaps:
    """Objects replaced in the map's lists, newest last, so revert can put each back where it was."""

    taken: list[tuple[str, int, Any]] = field(default_factory=list)

    def swap(self, argument_map: ArgumentMap, collection: str, index: int, new: Any) -> None:
        items = getattr(argument_map, collection)
        self.taken.append((collection, index, items[index]))
        items[index] = new

    def swap_where(
        self, argument_map: ArgumentMap, collection: str, matches: Callable[[Any], bool], change: Callable[[Any], Any]
    ) -> int:
        """Swap every matching item for its changed copy; how many there were, for the description."""
        count = 0
        for index, item in enumerate(getattr(argument_map, collection)):
            if matches(item):
                self.swap(argument_map, collection, index, change(item))
                count += 1
        return count

    def restore(self, argument_map: ArgumentMap) -> None:
        for collection, index, old in reversed(self.taken):
            getattr(argument_map, collection)[index] = old
        self.taken = []


class Edit(ABC):
    """One undoable change to a map.

    `apply` validates first and raises `EditError` having changed nothing; `revert` is its exact inverse on the
    map as `apply` left it. Applying again after a revert (redo) checks and captures afresh.
    """

    _description: str = ""

    @property
    def description(self) -> str:
        """Short and past tense, for the undo history; complete once the edit has been applied."""
        return self._description or type(self).__name__

    @abstractmethod
    def apply(self, argument_map: ArgumentMap) -> None:
        """Check the edit against the map, then make it."""

    @abstractmethod
    def revert(self, argument_map: ArgumentMap) -> None:
        """Undo the last `apply`, leaving the map identical to before it."""


# The map itself


@dataclass
class SetTitle(Edit):
    """Give the map a new title."""

    title: str
    _old: str = _state(default="")

    def apply(self, argument_map: ArgumentMap) -> None:
        _check_title(self.title)
        self._old, argument_map.title = argument_map.title, self.title
        self._description = f"Changed the title to {_quoted(self.title)}"

    def revert(self, argument_map: ArgumentMap) -> None:
        argument_map.title = self._old


@dataclass
class SetDescription(Edit):
    """Give the map a new description (any text, empty included)."""

    text: str
    _old: str = _state(default="")

    def apply(self, argument_map: ArgumentMap) -> None:
        self._old, argument_map.description = argument_map.description, self.text
        self._description = "Changed the description"

    def revert(self, argument_map: ArgumentMap) -> None:
        argument_map.description = self._old


# Authors


@dataclass
class AddAuthor(Edit):
    """Add an author at the end of the list."""

    author: Author

    def apply(self, argument_map: ArgumentMap) -> None:
        new = validated(Author, self.author)
        _require_free_id(argument_map.authors, new.id, "author")
        argument_map.authors.append(new)
        self._description = f"Added author {_quoted(new.name)}"

    def revert(self, argument_map: ArgumentMap) -> None:
        argument_map.authors.pop()


@dataclass
class UpdateAuthor(Edit):
    """Replace an author; a new id is written into every claim and source by that author."""

    author_id: str
    author: Author
    _swaps: _Swaps = _state(default_factory=_Swaps)

    def apply(self, argument_map: ArgumentMap) -> None:
        index = _index_of(argument_map.authors, self.author_id, "author")
        new = validated(Author, self.author)
        _require_free_id(argument_map.authors, new.id, "author", keep=index)
        self._swaps = _Swaps()
        self._swaps.swap(argument_map, "authors", index, new)
        renamed = self._rename(argument_map, new.id) if new.id != self.author_id else ""
        self._description = _edited("author", new.name, self.author_id, new.id, renamed)

    def _rename(self, argument_map: ArgumentMap, new_id: str) -> str:
        old_id = self.author_id
        by_old: Callable[[Any], bool] = lambda item: item.author == old_id  # noqa: E731
        renamed: Callable[[Any], Any] = lambda item: replace(item, author=new_id)  # noqa: E731
        claims = self._swaps.swap_where(argument_map, "claims", by_old, renamed)
        sources = self._swaps.swap_where(argument_map, "sources", by_old, renamed)
        return _counted((claims, "claim"), (sources, "source"))

    def revert(self, argument_map: ArgumentMap) -> None:
        self._swaps.restore(argument_map)


@dataclass
class DeleteAuthor(Edit):
    """Remove an author who has no claims or sources left (deleting them silently would lose work)."""

    author_id: str
    _removed: tuple[int, Author] | None = _state(default=None)

    def apply(self, argument_map: ArgumentMap) -> None:
        index = _index_of(argument_map.authors, self.author_id, "author")
        author = argument_map.authors[index]
        claims = sum(claim.author == self.author_id for claim in argument_map.claims)
        sources = sum(source.author == self.author_id for source in argument_map.sources)
        if claims or sources:
            them = "it" if claims + sources == 1 else "them"
            uses = _counted((claims, "claim"), (sources, "source"))
            message = f"{author.name} still has {uses}; give {them} another author or delete {them} first."
            raise EditError("id", message)
        self._removed = (index, argument_map.authors.pop(index))
        self._description = f"Deleted author {_quoted(author.name)}"

    def revert(self, argument_map: ArgumentMap) -> None:
        assert self._removed is not None, "revert before apply"
        argument_map.authors.insert(*self._removed)


# Sources


@dataclass
class AddSource(Edit):
    """Add a source at the end of the list."""

    source: Source

    def apply(self, argument_map: ArgumentMap) -> None:
        new = validated(Source, self.source)
        _require_free_id(argument_map.sources, new.id, "source")
        _require_author(argument_map, new.author)
        argument_map.sources.append(new)
        self._description = f"Added source {_quoted(new.title)}"

    def revert(self, argument_map: ArgumentMap) -> None:
        argument_map.sources.pop()


@dataclass
class UpdateSource(Edit):
    """Replace a source; a new id is written into every quote from it."""

    source_id: str
    source: Source
    _swaps: _Swaps = _state(default_factory=_Swaps)

    def apply(self, argument_map: ArgumentMap) -> None:
        index = _index_of(argument_map.sources, self.source_id, "source")
        new = validated(Source, self.source)
        _require_free_id(argument_map.sources, new.id, "source", keep=index)
        _require_author(argument_map, new.author)
        _require_quoters_by(argument_map, self.source_id, new.author)
        self._swaps = _Swaps()
        self._swaps.swap(argument_map, "sources", index, new)
        renamed = self._rename(argument_map, new.id) if new.id != self.source_id else ""
        self._description = _edited("source", new.title, self.source_id, new.id, renamed)

    def _rename(self, argument_map: ArgumentMap, new_id: str) -> str:
        old_id = self.source_id
        quotes = self._swaps.swap_where(
            argument_map,
            "claims",
            lambda claim: claim.quote is not None and claim.quote.source == old_id,
            lambda claim: replace(claim, quote=replace(claim.quote, source=new_id)),
        )
        return _counted((quotes, "quote"))

    def revert(self, argument_map: ArgumentMap) -> None:
        self._swaps.restore(argument_map)


@dataclass
class DeleteSource(Edit):
    """Remove a source no quote uses any more."""

    source_id: str
    _removed: tuple[int, Source] | None = _state(default=None)

    def apply(self, argument_map: ArgumentMap) -> None:
        index = _index_of(argument_map.sources, self.source_id, "source")
        source = argument_map.sources[index]
        quotes = sum(c.quote is not None and c.quote.source == self.source_id for c in argument_map.claims)
        if quotes:
            their = "its quote" if quotes == 1 else "their quotes"
            uses = _counted((quotes, "claim"))
            message = f"Source {_quoted(source.title)} is still quoted by {uses}; change {their} first."
            raise EditError("id", message)
        self._removed = (index, argument_map.sources.pop(index))
        self._description = f"Deleted source {_quoted(source.title)}"

    def revert(self, argument_map: ArgumentMap) -> None:
        assert self._removed is not None, "revert before apply"
        argument_map.sources.insert(*self._removed)


# Claims


@dataclass
class AddClaim(Edit):
    """Add a claim at `position` in the list (the end when None)."""

    claim: Claim
    position: int | None = None
    _index: int = _state(default=0)

    def apply(self, argument_map: ArgumentMap) -> None:
        new = validated(Claim, self.claim)
        _require_free_id(argument_map.claims, new.id, "claim")
        _require_claim_references(argument_map, new)
        count = len(argument_map.claims)
        index = count if self.position is None else self.position
        if not 0 <= index <= count:
            raise EditError("position", f"A claim cannot go at position {index}; the map has {count} claims.")
        argument_map.claims.insert(index, new)
        self._index = index
        self._description = f"Added claim {_quoted(new.text)}"

    def revert(self, argument_map: ArgumentMap) -> None:
        del argument_map.claims[self._index]


@dataclass
class UpdateClaim(Edit):
    """Replace a claim; a new id is written into both ends of its links."""

    claim_id: str
    claim: Claim
    _swaps: _Swaps = _state(default_factory=_Swaps)

    def apply(self, argument_map: ArgumentMap) -> None:
        index = _index_of(argument_map.claims, self.claim_id, "claim")
        new = validated(Claim, self.claim)
        _require_free_id(argument_map.claims, new.id, "claim", keep=index)
        _require_claim_references(argument_map, new)
        self._swaps = _Swaps()
        self._swaps.swap(argument_map, "claims", index, new)
        renamed = self._rename(argument_map, new.id) if new.id != self.claim_id else ""
        self._description = _edited("claim", new.text, self.claim_id, new.id, renamed)

    def _rename(self, argument_map: ArgumentMap, new_id: str) -> str:
        old_id = self.claim_id

        def renamed(link: Link) -> Link:
            source_id = new_id if link.source_id == old_id else link.source_id
            target_id = new_id if link.target_id == old_id else link.target_id
            return replace(link, source_id=source_id, target_id=target_id)

        touches: Callable[[Link], bool] = lambda link: old_id in (link.source_id, link.target_id)  # noqa: E731
        links = self._swaps.swap_where(argument_map, "links", touches, renamed)
        motions = self._swaps.swap_where(argument_map, "motions", lambda motion: motion.side_of(old_id) is not None,
                                         lambda motion: _without(motion, old_id, new_id))
        return _counted((links, "link"), (motions, "motion"))

    def revert(self, argument_map: ArgumentMap) -> None:
        self._swaps.restore(argument_map)


@dataclass
class DeleteClaim(Edit):
    """Remove a claim and every link in or out of it; revert puts all of them back where they were."""

    claim_id: str
    _removed: tuple[int, Claim] | None = _state(default=None)
    _links: list[tuple[int, Link]] = _state(default_factory=list)
    _sides: _Swaps = _state(default_factory=_Swaps)

    def apply(self, argument_map: ArgumentMap) -> None:
        index = _index_of(argument_map.claims, self.claim_id, "claim")
        self._sides = _Swaps()
        self._sides.swap_where(argument_map, "motions", lambda motion: motion.side_of(self.claim_id) is not None,
                               lambda motion: _without(motion, self.claim_id))
        touches: Callable[[Link], bool] = lambda link: self.claim_id in (link.source_id, link.target_id)  # noqa: E731
        self._links = [(i, link) for i, link in enumerate(argument_map.links) if touches(link)]
        if self._links:
            argument_map.links[:] = [link for link in argument_map.links if not touches(link)]
        self._removed = (index, argument_map.claims.pop(index))
        links = _counted((len(self._links), "link"))
        self._description = f"Deleted claim {_quoted(self._removed[1].text)}" + (f" and {links}" if links else "")

    def revert(self, argument_map: ArgumentMap) -> None:
        assert self._removed is not None, "revert before apply"
        argument_map.claims.insert(*self._removed)
        self._sides.restore(argument_map)
        for index, link in self._links:  # ascending, so each lands where it was
            argument_map.links.insert(index, link)


# Links


@dataclass
class AddLink(Edit):
    """Add a link at the end of the list."""

    link: Link

    def apply(self, argument_map: ArgumentMap) -> None:
        new = validated(Link, self.link)
        _require_sound_link(argument_map, new)
        argument_map.links.append(new)
        self._description = f"Added link {_link_words(new)}"

    def revert(self, argument_map: ArgumentMap) -> None:
        argument_map.links.pop()


@dataclass
class UpdateLink(Edit):
    """Replace the link named by `key` (its ends, relation or why)."""

    key: LinkKey
    link: Link
    _old: tuple[int, Link] | None = _state(default=None)

    def apply(self, argument_map: ArgumentMap) -> None:
        index = _link_at(argument_map, self.key)
        new = validated(Link, self.link)
        _require_sound_link(argument_map, new, skip=index)
        self._old, argument_map.links[index] = (index, argument_map.links[index]), new
        self._description = f"Edited link {_link_words(new)}"

    def revert(self, argument_map: ArgumentMap) -> None:
        assert self._old is not None, "revert before apply"
        index, old = self._old
        argument_map.links[index] = old


@dataclass
class DeleteLink(Edit):
    """Remove the link named by `key`."""

    key: LinkKey
    _old: tuple[int, Link] | None = _state(default=None)

    def apply(self, argument_map: ArgumentMap) -> None:
        index = _link_at(argument_map, self.key)
        self._old = (index, argument_map.links.pop(index))
        self._description = f"Deleted link {_link_words(self._old[1])}"

    def revert(self, argument_map: ArgumentMap) -> None:
        assert self._old is not None, "revert before apply"
        argument_map.links.insert(*self._old)


@dataclass
class ReverseLink(Edit):
    """Swap the ends of the link named by `key`, keeping its relation and why."""

    key: LinkKey
    _old: tuple[int, Link] | None = _state(default=None)

    def apply(self, argument_map: ArgumentMap) -> None:
        index = _link_at(argument_map, self.key)
        old = argument_map.links[index]
        new = replace(old, source_id=old.target_id, target_id=old.source_id)
        _require_sound_link(argument_map, new, skip=index)
        self._old, argument_map.links[index] = (index, old), new
        self._description = f"Reversed link {_link_words(old)}"

    def revert(self, argument_map: ArgumentMap) -> None:
        assert self._old is not None, "revert before apply"
        index, old = self._old
        argument_map.links[index] = old


# Motions and sides


def _without(motion: Motion, claim_id: str, instead: str | None = None) -> Motion:
    """The motion with the claim taken off its side, or renamed to `instead` in place."""
    def kept(ids: list[str]) -> list[str]:
        if instead is None:
            return [other for other in ids if other != claim_id]
        return [instead if other == claim_id else other for other in ids]

    return replace(motion, aff=kept(motion.aff), neg=kept(motion.neg))


def _require_sound_sides(argument_map: ArgumentMap, motion: Motion) -> None:
    """Each side names claims on the map, once, and no claim is on both (`check_integrity` rules)."""
    claim_ids = {claim.id for claim in argument_map.claims}
    for side in ("aff", "neg"):
        ids: list[str] = getattr(motion, side)
        missing = next((claim_id for claim_id in ids if claim_id not in claim_ids), None)
        if missing is not None:
            raise EditError(side, f"No claim has the id {missing!r}.")
        if len(set(ids)) != len(ids):
            raise EditError(side, "A claim is on the same side twice.")
    both = next((claim_id for claim_id in motion.aff if claim_id in motion.neg), None)
    if both is not None:
        raise EditError("neg", f"Claim {both!r} cannot be on both sides of a motion.")


@dataclass
class AddMotion(Edit):
    """Add a motion at the end of the list."""

    motion: Motion

    def apply(self, argument_map: ArgumentMap) -> None:
        new = validated(Motion, self.motion)
        _require_free_id(argument_map.motions, new.id, "motion")
        _require_sound_sides(argument_map, new)
        argument_map.motions.append(new)
        self._description = f"Added motion {_quoted(new.text)}"

    def revert(self, argument_map: ArgumentMap) -> None:
        argument_map.motions.pop()


@dataclass
class UpdateMotion(Edit):
    """Replace a motion: its id, its sentence, or its sides (accepting proposed sides is one such edit)."""

    motion_id: str
    motion: Motion
    _old: tuple[int, Motion] | None = _state(default=None)

    def apply(self, argument_map: ArgumentMap) -> None:
        index = _index_of(argument_map.motions, self.motion_id, "motion")
        new = validated(Motion, self.motion)
        _require_free_id(argument_map.motions, new.id, "motion", keep=index)
        _require_sound_sides(argument_map, new)
        old = argument_map.motions[index]
        self._old, argument_map.motions[index] = (index, old), new
        if (old.aff, old.neg) != (new.aff, new.neg) and (old.id, old.text) == (new.id, new.text):
            self._description = (f"Set the sides of motion {_quoted(new.text)} "
                                 f"({len(new.aff)} affirmative, {len(new.neg)} negative)")
        else:
            self._description = _edited("motion", new.text, self.motion_id, new.id, "")

    def revert(self, argument_map: ArgumentMap) -> None:
        assert self._old is not None, "revert before apply"
        index, old = self._old
        argument_map.motions[index] = old


@dataclass
class DeleteMotion(Edit):
    """Remove a motion and its sides (the claims stay)."""

    motion_id: str
    _removed: tuple[int, Motion] | None = _state(default=None)

    def apply(self, argument_map: ArgumentMap) -> None:
        index = _index_of(argument_map.motions, self.motion_id, "motion")
        self._removed = (index, argument_map.motions.pop(index))
        self._description = f"Deleted motion {_quoted(self._removed[1].text)}"

    def revert(self, argument_map: ArgumentMap) -> None:
        assert self._removed is not None, "revert before apply"
        argument_map.motions.insert(*self._removed)


@dataclass
class SetSide(Edit):
    """Put a claim on a side of a motion (taking it off the other), or with `side` None off both."""

    motion_id: str
    claim_id: str
    side: Side | None
    _old: tuple[int, Motion] | None = _state(default=None)

    def apply(self, argument_map: ArgumentMap) -> None:
        index = _index_of(argument_map.motions, self.motion_id, "motion")
        claim = argument_map.claims[_index_of(argument_map.claims, self.claim_id, "claim")]
        old = argument_map.motions[index]
        new = _without(old, self.claim_id)
        if self.side == "aff":
            new = replace(new, aff=[*new.aff, self.claim_id])
        elif self.side == "neg":
            new = replace(new, neg=[*new.neg, self.claim_id])
        self._old, argument_map.motions[index] = (index, old), new
        if self.side is None:
            self._description = f"Took claim {_quoted(claim.text)} off the sides of {_quoted(old.text)}"
        else:
            self._description = f"Put claim {_quoted(claim.text)} on the {SIDE_NAMES[self.side]} of {_quoted(old.text)}"

    def revert(self, argument_map: ArgumentMap) -> None:
        assert self._old is not None, "revert before apply"
        index, old = self._old
        argument_map.motions[index] = old


class History:
    """Unbounded undo/redo for one session.

    `version` goes up on every change, so the app can rebuild its views (and its `MapIndex`) only when needed.
    """

    def __init__(self) -> None:
        self._done: list[Edit] = []
        self._undone: list[Edit] = []
        self._version = 0

    @property
    def version(self) -> int:
        return self._version

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    @property
    def latest(self) -> Edit | None:
        """The edit the map now reflects last (None at the start): what a save marks as saved."""
        return self._done[-1] if self._done else None

    @property
    def undo_description(self) -> str | None:
        """What `undo` would take back, for a menu or status line."""
        return self._done[-1].description if self._done else None

    @property
    def redo_description(self) -> str | None:
        return self._undone[-1].description if self._undone else None

    def do(self, argument_map: ArgumentMap, edit: Edit) -> None:
        """Apply the edit and record it; a refused edit (`EditError`) leaves the map and the history as they were."""
        edit.apply(argument_map)
        self._done.append(edit)
        self._undone.clear()
        self._version += 1

    def undo(self, argument_map: ArgumentMap) -> Edit | None:
        """Revert the latest edit; None when there is nothing to undo."""
        if not self._done:
            return None
        self._done[-1].revert(argument_map)
        edit = self._done.pop()
        self._undone.append(edit)
        self._version += 1
        return edit

    def redo(self, argument_map: ArgumentMap) -> Edit | None:
        """Apply the latest undone edit again; None when there is nothing to redo."""
        if not self._undone:
            return None
        self._undone[-1].apply(argument_map)
        edit = self._undone.pop()
        self._done.append(edit)
        self._version += 1
        return edit
