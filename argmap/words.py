"""Small helpers for words, the same everywhere argmap speaks or matches: counting a noun ("1 claim", "2 claims"),
folding text for matching (lower case, no accents) and making a slug of it."""

from __future__ import annotations

import re
import unicodedata

_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_LETTERS = {"ł": "l", "đ": "d", "ı": "i", "ħ": "h", "ŧ": "t", "ŋ": "n", "ø": "o", "ð": "d", "æ": "ae", "œ": "oe",
            "ß": "ss", "þ": "th"}  # letters NFKD leaves whole, as a reader without them would type them
_SLUG_WORD = re.compile(r"[a-z0-9]+")


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """`1 claim`, `2 claims`, `1,200 claims`; `plural` for a noun that does not just take an s (`main theses`)."""
    return f"{number:,} {noun_for(number, noun, plural)}"


def noun_for(number: int, noun: str, plural: str | None = None) -> str:
    """The noun as it goes with `number`: `claim` for 1, `claims` (or `plural`) for any other."""
    return noun if number == 1 else plural or noun + "s"


def fold(text: str) -> str:
    """Lower case without accents, for any script: how searches and names are matched ("Núñez" -> "nunez",
    "Łódź" -> "lodz", "Straße" -> "strasse")."""
    folded = _COMBINING.sub("", unicodedata.normalize("NFKD", text)).lower()
    if not folded.isascii():
        for letter, plain in _LETTERS.items():
            if letter in folded:
                folded = folded.replace(letter, plain)
    return folded


def slug(text: str, limit: int = 4) -> str:
    """A short id-friendly slug of the first few words: 'Núñez: Mexico is a partner' -> 'nunez-mexico-is-a'."""
    plain = fold(text).encode("ascii", "ignore").decode("ascii")
    return "-".join(_SLUG_WORD.findall(plain)[:limit])


def shortened(text: str, width: int = 60) -> str:
    """A sentence on one line, cut at a word to about `width` characters with an ellipsis: how argmap names a claim
    where its whole sentence does not fit (a title, a line of history, a paragraph's opening)."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[:width]
    if " " in cut[1:]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.") + "…"
