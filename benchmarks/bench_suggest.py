"""Candidate links (`argmap suggest`), judged on the bundled map and timed on a synthetic one.

Usage: python -m benchmarks.bench_suggest [--map MAP] [--claims N] [--repeat K]

Recall at 10: every pair of claims by different authors that the map links is unlinked in turn (each link between
the two), and it counts as found when either claim is among the other's 10 first candidates on the map without it.
The baseline ranks by shared topics only (how many); its many ties are counted at their expected value over every
order (a tied candidate is in the top 10 with the chance room / tied), as are a random ranking's. The rows between
show what each part of argmap's score adds.

Speed at `--claims` (default 10,000; target: one claim's candidates under 50 ms): each sampled claim's best of
`--repeat` runs, against the baseline's ranking of the same claim in the same run (a scan of every claim's topics).
"""

from __future__ import annotations

import argparse
import copy
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from argmap import suggest
from argmap.bundled import bundled_map_path
from argmap.index import MapIndex
from argmap.model import ArgumentMap
from argmap.store import load_map
from argmap.suggest import Suggester
from benchmarks.generate import generate_map
from benchmarks.timing import best_of

TOP = 10
TARGET_MS = 50.0
Pair = frozenset[str]


def linked_pairs(argument_map: ArgumentMap) -> list[Pair]:
    """The pairs of claims by different authors that one or more links join, in map order."""
    author = {claim.id: claim.author for claim in argument_map.claims}
    pairs = (frozenset((link.source_id, link.target_id)) for link in argument_map.links)
    return list(dict.fromkeys(pair for pair in pairs if len({author[claim_id] for claim_id in pair}) == 2))


def without(argument_map: ArgumentMap, pair: Pair) -> ArgumentMap:
    """The map with no link between the two claims."""
    hidden = copy.copy(argument_map)
    hidden.links = [link for link in argument_map.links if {link.source_id, link.target_id} != pair]
    return hidden


def chance_in_top(scores: dict[str, float], wanted: str) -> float:
    """The chance that `wanted` is in the top `TOP` when ties are ordered at random."""
    score = scores.get(wanted)
    if score is None:
        return 0.0
    above = sum(1 for value in scores.values() if value > score)
    tied = sum(1 for value in scores.values() if value == score)
    return max(0.0, min(1.0, (TOP - above) / tied))


def candidates(index: MapIndex, claim_id: str) -> set[str]:
    """What any method may suggest for the claim: other authors' claims not linked to it."""
    author = index.claims[claim_id].author
    linked = {link.target_id for link in index.outgoing.get(claim_id, ())}
    linked |= {link.source_id for link in index.incoming.get(claim_id, ())}
    return {claim.id for claim in index.map.claims if claim.author != author and claim.id not in linked}


def shared_topics(index: MapIndex, claim_id: str) -> dict[str, float]:
    """The baseline's scores: how many topics each candidate shares with the claim."""
    topics = set(index.claims[claim_id].topics)
    return {other: float(len(topics.intersection(index.claims[other].topics))) for other in candidates(index, claim_id)}


def baseline_top(index: MapIndex, claim_id: str) -> list[str]:
    """The baseline as a user would get it: the first `TOP` by shared topics, ties in map order (for the timing)."""
    scores = shared_topics(index, claim_id)
    return sorted(scores, key=lambda other: -scores[other])[:TOP]


@contextmanager
def weights(text: float, topics: float, graph: float) -> Iterator[None]:
    """Score with these weights for a while (to show what each part adds)."""
    kept = suggest.TEXT_WEIGHT, suggest.TOPIC_WEIGHT, suggest.GRAPH_WEIGHT
    suggest.TEXT_WEIGHT, suggest.TOPIC_WEIGHT, suggest.GRAPH_WEIGHT = text, topics, graph
    try:
        yield
    finally:
        suggest.TEXT_WEIGHT, suggest.TOPIC_WEIGHT, suggest.GRAPH_WEIGHT = kept


def recall(argument_map: ArgumentMap, pairs: list[Pair]) -> tuple[int, int, int]:
    """Pairs found by argmap's ranking (either end's top `TOP`), and of those found, relations guessed and right."""
    found = guessed = right = 0
    for pair in pairs:
        hidden = without(argument_map, pair)
        relations = {link.relation for link in argument_map.links if {link.source_id, link.target_id} == pair}
        suggester = Suggester(MapIndex(hidden))
        first, second = sorted(pair)
        hits = [s for s in suggester.for_claim(first, TOP) if s.other_id == second]
        hits += [s for s in suggester.for_claim(second, TOP) if s.other_id == first]
        if hits:
            found += 1
            guess = hits[0].relation
            guessed += guess is not None
            right += guess in relations
    return found, guessed, right


def expected_recall(argument_map: ArgumentMap, pairs: list[Pair],
                    scores: Callable[[MapIndex, str], dict[str, float]]) -> float:
    """Pairs a tie-ridden ranking finds, on average over the orders of its ties (either end counting)."""
    total = 0.0
    for pair in pairs:
        index = MapIndex(without(argument_map, pair))
        first, second = sorted(pair)
        missed = (1 - chance_in_top(scores(index, first), second)) * (1 - chance_in_top(scores(index, second), first))
        total += 1 - missed
    return total


def judge(path: Path) -> None:
    argument_map = load_map(path).argument_map
    pairs = linked_pairs(argument_map)
    count = len(pairs)

    def row(name: str, found: float) -> None:
        print(f"  {name:<44} {found:5.1f} of {count}  {found / count:6.1%}")

    print(f"{path.name}: {len(argument_map.claims)} claims, {count} linked pairs of claims by different authors")
    print(f"recall at {TOP}: the hidden pair's other end among the first {TOP} candidates of either end")
    row("random order (expected)", expected_recall(
        argument_map, pairs, lambda index, claim_id: dict.fromkeys(candidates(index, claim_id), 0.0)))
    row("baseline: shared topics only (expected)", expected_recall(argument_map, pairs, shared_topics))
    with weights(1.0, 0.0, 0.0):
        row("wording only", recall(argument_map, pairs)[0])
    with weights(1.0, suggest.TOPIC_WEIGHT, 0.0):
        row("wording + topics", recall(argument_map, pairs)[0])
    found, guessed, right = recall(argument_map, pairs)
    row("argmap: wording + topics + shared neighbours", found)
    print(f"  relation guessed for {guessed} of the {found} found, right for {right}")


def time_one_claim(claim_count: int, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        argument_map = load_map(generate_map(claim_count, Path(folder))).argument_map
    index = MapIndex(argument_map)
    build = best_of(repeat, lambda: Suggester(index))
    suggester = Suggester(index)
    sample = [claim.id for claim in argument_map.claims[:: max(1, claim_count // 200)]]
    ours = [best_of(repeat, lambda claim_id=claim_id: suggester.for_claim(claim_id, TOP)) for claim_id in sample]
    base = [best_of(repeat, lambda claim_id=claim_id: baseline_top(index, claim_id)) for claim_id in sample]
    start = time.perf_counter()
    suggester.best_pairs(20)
    whole = time.perf_counter() - start

    def ms(seconds: float) -> str:
        return f"{seconds * 1000:7.1f} ms"

    median, slowest, base_median = statistics.median(ours), max(ours), statistics.median(base)
    print(f"\nspeed: {len(argument_map.claims)} claims, {len(argument_map.links)} links, {len(sample)} claims sampled")
    print(f"  build the index (once per version)          {build:7.3f} s")
    print(f"  baseline: rank one claim by shared topics   {ms(base_median)} median, {ms(max(base))} slowest  1.00x")
    print(f"  argmap: one claim's candidates              {ms(median)} median, {ms(slowest)} slowest  "
          f"{median / base_median:.2f}x  (target < {TARGET_MS:.0f} ms: "
          f"{'met' if slowest * 1000 < TARGET_MS else 'MISSED'})")
    print(f"  argmap: the whole map's best 20 pairs       {whole:7.3f} s (once)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--map", type=Path, default=bundled_map_path())
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    judge(arguments.map)
    time_one_claim(arguments.claims, arguments.repeat)


if __name__ == "__main__":
    main()
