"""Candidate links as plain text, for `argmap suggest`: for one claim, or the whole map's best pairs, each with why."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from argmap.index import MapIndex
from argmap.suggest import Suggestion
from argmap.words import counted

HOW = "Ranked by shared wording (sentence and quote), shared topics and claims linked to both; the score is relative."


def render_claim_suggestions(index: MapIndex, claim_id: str, suggestions: Sequence[Suggestion],
                             width: int = 100) -> str:
    """The candidates for one claim: the claim, then each candidate with its author, score, sentence and reasons."""
    claim = index.claims[claim_id]
    lines = [f"Candidate links for {index.author_name(claim.author)}'s claim", *_wrap(claim.text, width, "  ")]
    if not suggestions:
        lines += ["", *_wrap("No claim of another author that is not linked to it yet shares a word, a topic or a "
                             "linked claim with it.", width)]
        return "\n".join(lines) + "\n"
    lines += ["", *_wrap(f"{counted(len(suggestions), 'unlinked claim')} of other authors, likeliest first. {HOW}",
                         width)]
    for rank, suggestion in enumerate(suggestions, 1):
        other = index.claims[suggestion.other_id]
        lines += ["", *_wrap(f"{rank:2}. {index.author_name(other.author)}  {suggestion.score:.2f}",
                             width, subsequent="    ")]
        lines += _details(index, suggestion, [other.text], width)
    return "\n".join(lines) + "\n"


def render_map_suggestions(index: MapIndex, suggestions: Sequence[Suggestion], width: int = 100) -> str:
    """The whole map's likeliest unlinked pairs of claims by different authors, each pair once."""
    lines = [index.map.title]
    if not suggestions:
        lines += ["", *_wrap("No two claims of different authors that are not linked share a word, a topic or a "
                             "linked claim.", width)]
        return "\n".join(lines) + "\n"
    lines += ["", *_wrap(f"The {counted(len(suggestions), 'likeliest unlinked pair')} of claims by different "
                         f"authors. {HOW}", width)]
    for rank, suggestion in enumerate(suggestions, 1):
        first, second = index.claims[suggestion.claim_id], index.claims[suggestion.other_id]
        heading = (f"{rank:2}. {suggestion.score:.2f}  {index.author_name(first.author)} and "
                   f"{index.author_name(second.author)}")
        lines += ["", *_wrap(heading, width, subsequent="    ")]
        lines += _details(index, suggestion, [first.text, second.text], width)
    return "\n".join(lines) + "\n"


def _details(index: MapIndex, suggestion: Suggestion, texts: list[str], width: int) -> list[str]:
    lines = [line for text in texts for line in _wrap(f"“{text}”", width, "    ", "     ")]
    lines += _wrap(suggestion.reason(index), width, "    ", "      ")
    guess = suggestion.guess(index)
    if guess:
        lines += _wrap(guess, width, "    ", "      ")
    return lines


def _wrap(text: str, width: int, initial: str = "", subsequent: str | None = None) -> list[str]:
    return textwrap.wrap(text, width=max(width, 40), initial_indent=initial,
                         subsequent_indent=initial if subsequent is None else subsequent,
                         break_long_words=False, break_on_hyphens=False) or [initial.rstrip()]
