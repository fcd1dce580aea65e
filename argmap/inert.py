"""User text made harmless where it is shown: a terminal, a diagram, a document.

A map from a stranger may hold characters that are not text but instructions: an escape (ESC, or the 8-bit CSI
U+009B) that retitles or clears a terminal, a carriage return that overwrites a line, a right-to-left override
that shows a sentence other than the one stored. argmap keeps them in the map, as data, and never lets them act:
on a terminal each is shown as its code (`\\u001b`), in an export it is dropped.
"""

from __future__ import annotations

import re
from typing import TextIO

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Control characters other than tab and newline (C0, DEL, C1) and the bidirectional embeddings, overrides and
isolates, which reorder what a reader sees (the "Trojan Source" characters)."""


def has_unsafe(text: str) -> bool:
    """Whether the text holds a character that a terminal or a renderer would act on."""
    return not text.isprintable() and UNSAFE.search(text) is not None


def inert(text: str) -> str:
    """The text for a terminal: each unsafe character written as its code, so it shows and does nothing."""
    if text.isprintable():
        return text
    return UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def without_unsafe(text: str) -> str:
    """The text with its unsafe characters dropped: for exports, where a code would be read as part of the text."""
    return text if text.isprintable() else UNSAFE.sub("", text)


class InertStream:
    """A text stream that makes everything written to it inert before passing it on (stdout, stderr)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(inert(text))
        return len(text)

    def writelines(self, lines: list[str]) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)
