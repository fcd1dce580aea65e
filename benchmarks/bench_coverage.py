"""The coverage of every source of a large map (`argmap coverage`'s work), against checking its quotes.

Usage: python -m benchmarks.bench_coverage [--claims N] [--repeat K]
Target at 100,000 claims: under 2 s, reading the texts included. The baseline, `argmap.sources.check_quotes`, is
what loading a map already does: read every source text and compare every quote with the text at its span.
The generator's texts are one line per claim; here they are rewritten as articles are written, a paragraph per
quote, an unquoted paragraph after every third, and a heading and a footnote every ten, so that the paragraphs
are told apart and the untouched ones found as in a real text.
"""

from __future__ import annotations

import argparse
import random
import tempfile
from dataclasses import replace
from pathlib import Path

from argmap.coverage import map_coverage
from argmap.model import ArgumentMap, Claim
from argmap.sources import SourceTexts, check_quotes
from argmap.store import load_map
from benchmarks.generate import WORDS, generate_map
from benchmarks.timing import best_of

TARGET_SECONDS = 2.0


def as_articles(argument_map: ArgumentMap, folder: Path, seed: int = 11) -> None:
    """Rewrite each source's text as paragraphs around its quotes (see the module's docstring), and move every
    quote's span to where its words now stand."""
    rng = random.Random(seed)
    by_source: dict[str, list[int]] = {}
    for position, claim in enumerate(argument_map.claims):
        if claim.quote is not None:
            by_source.setdefault(claim.quote.source, []).append(position)
    for source in argument_map.sources:
        assert source.file is not None
        positions = by_source.get(source.id, [])
        quotes = [quote.text for quote in (argument_map.claims[p].quote for p in positions) if quote is not None]
        text, starts = _article(rng, quotes)
        for position, start in zip(positions, starts, strict=True):
            claim: Claim = argument_map.claims[position]
            assert claim.quote is not None
            quote = replace(claim.quote, start=start, end=start + len(claim.quote.text))
            argument_map.claims[position] = replace(claim, quote=quote)
        (folder / source.file).write_text(text, encoding="utf-8")


def _article(rng: random.Random, quotes: list[str]) -> tuple[str, list[int]]:
    """A text of paragraphs holding these quotes, and where each quote starts in it."""
    parts: list[str] = []
    starts: list[int] = []
    length = 0

    def add(paragraph: str) -> int:
        nonlocal length
        start = length + (2 if parts else 0)
        parts.append(paragraph)
        length = start + len(paragraph)
        return start

    for number, quote in enumerate(quotes):
        if number % 10 == 0:
            add(f"Section {number // 10 + 1}: {_words(rng, 3, 6)}")
        filler = _words(rng, 10, 30) + ". "
        starts.append(add(filler + quote) + len(filler))
        if number % 3 == 2:
            add(_words(rng, 25, 60) + ".")
        if number % 10 == 9:
            add(f"¹ {_words(rng, 4, 10)}, Oxford University Press, 2013")
    return "\n\n".join(parts), starts


def _words(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high))).capitalize()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        argument_map = load_map(generate_map(arguments.claims, folder)).argument_map
        as_articles(argument_map, folder)
        check = check_quotes(argument_map, folder)
        assert not check.findings and check.checked == arguments.claims, "every quote stands at its new span"
        baseline = best_of(arguments.repeat, lambda: check_quotes(argument_map, folder))
        ours = best_of(arguments.repeat, lambda: map_coverage(argument_map, SourceTexts(argument_map, folder)))
        coverages = map_coverage(argument_map, SourceTexts(argument_map, folder))
    texts = [c.coverage for c in coverages.values() if c.coverage is not None]
    characters = sum(text.length for text in texts)
    paragraphs = sum(len(text.paragraphs) for text in texts)
    arguments_count = sum(len(text.arguments) for text in texts)
    untouched = sum(len(text.untouched) for text in texts)
    print(f"map: {len(argument_map.claims):,} claims, {len(texts)} source texts, {characters:,} characters, "
          f"{paragraphs:,} paragraphs ({arguments_count:,} of argument, {untouched:,} untouched)")
    print(f"check every quote (check_quotes, baseline)  {baseline:7.3f} s  1.00x")
    print(f"coverage of every source (map_coverage)     {ours:7.3f} s  {ours / baseline:.2f}x  "
          f"(target < {TARGET_SECONDS:.0f} s: {'met' if ours < TARGET_SECONDS else 'MISSED'})")


if __name__ == "__main__":
    main()
