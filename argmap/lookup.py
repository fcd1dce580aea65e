"""Finding the claim or the author a person means on the command line: an id, or words from a claim's sentence
(part of an author's name), case and accents aside. One place, so `prep`, `export --focus` and `suggest` agree.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from argmap.compare import resolve_author as resolve_author
from argmap.index import MapIndex
from argmap.words import fold, shortened

LISTED = 10
"""How many of several matching claims are listed to choose from."""


class Ambiguous(ValueError):
    """The words match more than one claim; the message lists them (id and sentence) to choose from."""


def resolve_claim(index: MapIndex, wanted: str) -> str:
    """The id of the claim meant: its id, else the one claim whose sentence holds the words (as a phrase first, then
    each word anywhere). `Ambiguous` when several match, `ValueError` (one sentence) when none does."""
    if wanted in index.claims:
        return wanted
    words = fold(wanted).split()
    if not words:
        raise ValueError("the claim's id or words are empty")
    phrase = " ".join(words)
    texts = {claim.id: " ".join(fold(claim.text).split()) for claim in index.map.claims}
    tiers: Sequence[Callable[[str, str], bool]] = (
        lambda claim_id, text: claim_id.casefold() == wanted.strip().casefold(),
        lambda claim_id, text: phrase in text,
        lambda claim_id, text: all(word in text for word in words),
    )
    for tier in tiers:
        matches = [claim_id for claim_id, text in texts.items() if tier(claim_id, text)]
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise Ambiguous(_choices(index, wanted, matches))
    hint = _close_id(index, wanted)
    raise ValueError(f"no claim has the id {wanted!r} or the words {wanted!r} in its sentence{hint}")


def _close_id(index: MapIndex, wanted: str) -> str:
    """'; did you mean 'x'?' when an id is nearly what was typed (a typo in an id), else nothing."""
    from rapidfuzz import process

    close = process.extractOne(wanted, list(index.claims), score_cutoff=80)
    return f"; did you mean {close[0]!r}?" if close else ""


def _choices(index: MapIndex, wanted: str, claim_ids: list[str]) -> str:
    lines = [f"{len(claim_ids)} claims hold the words {wanted!r}; give more of the sentence, or one of these ids:"]
    width = max(len(claim_id) for claim_id in claim_ids[:LISTED])
    lines += [f"  {claim_id:<{width}}  {shortened(index.claims[claim_id].text, 70)}" for claim_id in claim_ids[:LISTED]]
    if len(claim_ids) > LISTED:
        lines.append(f"  … and {len(claim_ids) - LISTED} more")
    return "\n".join(lines)
