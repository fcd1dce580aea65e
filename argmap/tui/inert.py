"""The app's last guard for user text: no line it draws carries a character the terminal would act on.

Claim texts, names and titles from a stranger's map may hold escape sequences (ESC, the 8-bit CSI U+009B) or
bidirectional overrides. Rich and Textual pass them through to the terminal, which would obey them: retitle the
window, clear the screen, blink, show words in another order. Every widget's lines pass this filter before they
are written; the characters it drops have no width, so the layout is unchanged.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

from argmap.inert import without_unsafe


class InertFilter(LineFilter):
    """Drop control characters and bidirectional overrides from every segment of text a widget draws."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [_inert(segment) for segment in segments]


def _inert(segment: Segment) -> Segment:
    text = segment.text
    if segment.control or text.isprintable():
        return segment
    safe = without_unsafe(text)
    return segment if safe == text else Segment(safe, segment.style)
