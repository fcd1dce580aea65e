"""Claims by topic, ordered the same way everywhere (the browse tree, the comparison, the exports): topics most used
first, then by name; the claims without a topic last, under `NO_TOPIC`."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from argmap.model import Claim

NO_TOPIC = "(no topic)"
"""The group of the claims that have no topic."""


def topics_of(claim: Claim) -> Iterable[str]:
    """The claim's topics, each once; `NO_TOPIC` when it has none."""
    return dict.fromkeys(claim.topics) if claim.topics else (NO_TOPIC,)


def by_topic(claims: Iterable[Claim], topics: Callable[[Claim], Iterable[str]] = topics_of) -> dict[str, list[Claim]]:
    """The claims under each of their `topics`, in the order given; topics by how many claims they hold, then by
    name, `NO_TOPIC` last."""
    grouped: dict[str, list[Claim]] = {}
    for claim in claims:
        for topic in topics(claim):
            grouped.setdefault(topic, []).append(claim)
    order = sorted(grouped, key=lambda topic: (topic == NO_TOPIC, -len(grouped[topic]), topic))
    return {topic: grouped[topic] for topic in order}
