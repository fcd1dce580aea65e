"""A short plain-text summary of a map: who argues, how much, linked how, on what."""

from __future__ import annotations

from collections import Counter

from argmap.model import CLAIM_KINDS, ArgumentMap, Relation
from argmap.words import noun_for


def summarize(argument_map: ArgumentMap) -> str:
    """Title, description, authors with their claim counts, claims by kind, links by relation, topics by use."""
    claims_by_author = Counter(claim.author for claim in argument_map.claims)
    kinds = Counter(claim.kind for claim in argument_map.claims)
    relations = Counter(link.relation for link in argument_map.links)
    topics = Counter(topic for claim in argument_map.claims for topic in claim.topics)

    lines = [argument_map.title]
    if argument_map.description:
        lines.append(argument_map.description.splitlines()[0])
    lines += ["", f"Authors ({len(argument_map.authors)})"]
    name_width = max((len(author.name) for author in argument_map.authors), default=0)
    for author in argument_map.authors:
        count = claims_by_author[author.id]
        lines.append(f"  {author.name:<{name_width}}  {count:>5} {noun_for(count, 'claim')}")
    lines.append("")
    lines.append(
        f"Claims: {len(argument_map.claims)} ("
        + ", ".join(f"{kind} {kinds[kind]}" for kind in CLAIM_KINDS)
        + ")"
    )
    lines.append(
        f"Links: {len(argument_map.links)} ("
        + ", ".join(f"{relation} {relations[relation]}" for relation in Relation)
        + ")"
    )
    lines.append(f"Topics ({len(topics)}): " + (", ".join(f"{t} {n}" for t, n in topics.most_common()) or "none"))
    return "\n".join(lines)
