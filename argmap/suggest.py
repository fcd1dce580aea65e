"""Candidate links: the claims of other authors that a claim is not linked to yet, ranked by how likely a relation is.

How a candidate is scored (chosen by hiding each cross-author link of the bundled map in turn; see
`benchmarks/bench_suggest.py` and the README for the figures):

- **Wording**: cosine of TF-IDF vectors over the claim's sentence and quote together: words folded (no case, no
  accents), stop words out, plurals made singular, term counts dampened (1 + log), idf = log(claims / claims with
  the word). Weight 1.
- **Topics**: cosine of the two claims' topic sets, each topic weighted by its idf, so a rare shared topic counts
  for more than a common one. Weight 0.25.
- **Neighbourhood**: claims linked to both (any relation, either direction): 1 - 0.5 ** paths. Weight 0.25.

A relation is guessed only from those shared neighbours, and only when their links agree: a claim supporting what
the other supports (or contradicting what it contradicts) perhaps supports it; supporting what the other contradicts
perhaps contradicts it. On the bundled map that guess was right 10 times in 12; wording (negation words) was right
less often than guessing "supports" every time, so it is not used.

Measured on the same map and left out: stripping more suffixes than plurals, or leaving the quote out, found fewer
pairs; how often two authors' claims are linked already, and how many links a claim has, found none more.
"""

from __future__ import annotations

import heapq
import math
import re
from array import array
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from operator import itemgetter

from argmap.index import MapIndex
from argmap.model import Claim, Relation
from argmap.words import fold, shortened

TEXT_WEIGHT = 1.0
TOPIC_WEIGHT = 0.25
GRAPH_WEIGHT = 0.25
CLAIM_BUDGET = 20_000
"""Postings one claim's candidates walk at most, for its words and again for its topics: past it, the claims
where its commonest words weigh least are left out (a word most of 10,000 claims hold weighs little)."""
MAP_BUDGET = 1_000
"""The same for each claim when the whole map's best pairs are sought: at 10,000 claims whose every pair shares
words (the benchmarks' maps), the exact merge took 220 s. No claim of the bundled map reaches it."""
SHOWN_WORDS = 4
SHOWN_THROUGH = 2

STOP_WORDS = frozenset("""
a about above across after again against all almost also although am among an and another any are as at be because
been before being below between both but by can could did do does doing done down during each either else even ever
every few for from further had has have having he her here hers herself him himself his how however i if in into is
it its itself just least less let like made make makes many may me might more most much must my myself neither no
nor not now of off often on once one only onto or other others our ours ourselves out over own per rather same say
says said shall she should since so some still such than that the their theirs them themselves then there these
they this those though through thus to too toward towards two under until up upon us very via was we well were what
when where whether which while who whom whose why will with within without would yet you your yours yourself
""".split())
"""English words that say nothing about what a claim is about."""

_WORD = re.compile(r"[^\W_]+")
_WRITTEN = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")  # a word as typed, its combining accents kept
_SIGNS = {Relation.SUPPORTS: 1, Relation.CONTRADICTS: -1, Relation.QUALIFIES: 0}


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A claim that may bear on another: the pair, how likely (higher is likelier), and why in words one can check."""

    claim_id: str
    other_id: str
    score: float
    topics: tuple[str, ...] = ()
    """Topics both claims have."""
    words: tuple[str, ...] = ()
    """The words they share that weigh most, as the first claim spells them."""
    through: tuple[str, ...] = ()
    """Claims linked to both."""
    relation: Relation | None = None
    """The relation the links through `through` suggest, when they agree; None when nothing says."""

    def reason(self, index: MapIndex) -> str:
        """Why, in a line: `shares topics: trade; words: cartel, demand; both linked to “Cartels answer to…”`."""
        parts = []
        if self.topics:
            parts.append("shares topics: " + ", ".join(self.topics))
        if self.words:
            parts.append(("words: " if parts else "shares words: ") + ", ".join(self.words))
        if self.through:
            parts.append(f"both linked to {self.linked_through(index)}")
        return "; ".join(parts) or "nothing in common but the map"

    def guess(self, index: MapIndex) -> str:
        """The relation guessed and on what grounds, or an empty string when there is no guess."""
        if self.relation is None:
            return ""
        return f"perhaps {self.relation}, as the links through {self.linked_through(index)} suggest"

    def linked_through(self, index: MapIndex) -> str:
        """The claims linked to both, by their sentences (the first few, the rest counted)."""
        shown = ", ".join(f"“{shortened(index.claims[claim_id].text, 40)}”"
                          for claim_id in self.through[:SHOWN_THROUGH])
        more = len(self.through) - SHOWN_THROUGH
        return shown + (f" and {more} more" if more > 0 else "")


def stem(word: str) -> str:
    """A folded word made singular the light way: `policies` -> `policy`, `cartels` -> `cartel`, `process` kept."""
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1]


def term_of(word: str) -> str:
    """The term a folded word counts as, or "" for a word left out: a stop word, a single letter, a number under
    four digits."""
    if word in STOP_WORDS or len(word) < 2 or (word.isdigit() and len(word) < 4):
        return ""
    return stem(word)


def words_of(text: str) -> Iterator[tuple[str, str]]:
    """Each word of `text` that counts, as (its term, the word as written, in lower case): `Policías` gives
    (`policia`, `policías`)."""
    for written in _WRITTEN.findall(text):
        for word in _WORD.findall(fold(written)):
            term = term_of(word)
            if term:
                yield term, written.lower()


class _Terms:
    """Claims' terms, with each word's term remembered: a map has far fewer distinct words than words."""

    def __init__(self) -> None:
        self._known: dict[str, str] = {}

    def of(self, claim: Claim) -> list[str]:
        """The terms of the claim's sentence and quote, in order, repeats kept."""
        terms = self._of_text(claim.text)
        if claim.quote is not None:
            terms += self._of_text(claim.quote.text)
        return terms

    def _of_text(self, text: str) -> list[str]:
        known = self._known
        terms = []
        for word in _WORD.findall(fold(text)):
            term = known.get(word)
            if term is None:
                term = known[word] = term_of(word)
            if term:
                terms.append(term)
        return terms


def _claim_words(claim: Claim) -> Iterator[tuple[str, str]]:
    yield from words_of(claim.text)
    if claim.quote is not None:
        yield from words_of(claim.quote.text)


class Suggester:
    """Candidate links over one version of a map: an inverted index of the claims' weighted words and topics.

    Built once per version (`argmap.document.Version.suggestions`): the words of every claim, then their postings as
    arrays (12 bytes a posting); a query walks the postings of one claim's words and topics and its neighbours'
    links."""

    def __init__(self, index: MapIndex) -> None:
        self.index = index
        claims = index.map.claims
        self._ids = [claim.id for claim in claims]
        self._position = {claim_id: position for position, claim_id in enumerate(self._ids)}
        self._by_author: dict[str, list[int]] = {}
        for position, claim in enumerate(claims):
            self._by_author.setdefault(claim.author, []).append(position)
        self._terms = _Terms()
        self._postings, self._norms = _word_postings(claims, self._terms)
        self._topic_postings, self._topic_idf, self._topic_norms = _topic_postings(claims)

    def for_claim(self, claim_id: str, top: int = 10) -> list[Suggestion]:
        """The `top` likeliest candidates for the claim, likeliest first; [] for an unknown id."""
        position = self._position.get(claim_id)
        if position is None:
            return []
        ranked = self._ranked(position, top, CLAIM_BUDGET)
        return [self._suggestion(position, other, score) for score, other in ranked]

    def best_pairs(self, top: int = 20, per_claim: int = 10) -> list[Suggestion]:
        """The `top` likeliest unlinked pairs of claims by different authors on the whole map, each pair once, named
        from the claim first in the map: every claim's `per_claim` best candidates (within `MAP_BUDGET`), merged."""
        best: dict[tuple[int, int], float] = {}
        for position in range(len(self._ids)):
            for score, other in self._ranked(position, per_claim, MAP_BUDGET):
                best[min(position, other), max(position, other)] = score
        chosen = heapq.nsmallest(top, best.items(), key=lambda item: (-item[1], item[0]))
        return [self._suggestion(first, second, score) for (first, second), score in chosen]

    def _ranked(self, position: int, top: int, budget: int) -> list[tuple[float, int]]:
        """(score, position) of the best `top` candidates: other authors' claims, not linked to this one. Words and
        topics each walk at most `budget` postings, rarest first, and of a word's or topic's, the weightiest."""
        claim = self.index.map.claims[position]
        scores: dict[int, float] = {}
        get = scores.get
        vector = self._vector(claim, position)
        terms = list(vector)
        for part, walked in _rarest_first([len(self._postings[term][0]) for term in terms], budget):
            positions, weights = self._postings[terms[part]]
            weight = TEXT_WEIGHT * vector[terms[part]]
            for other, other_weight in islice(zip(positions, weights, strict=True), walked):  # the hot loop
                scores[other] = get(other, 0.0) + weight * other_weight
        norms = self._topic_norms
        topics = list(dict.fromkeys(claim.topics))
        for part, walked in _rarest_first([len(self._topic_postings[topic]) for topic in topics], budget):
            weight = TOPIC_WEIGHT * self._topic_idf[topics[part]] ** 2 / norms[position]
            for other in islice(self._topic_postings[topics[part]], walked):
                scores[other] = get(other, 0.0) + weight / norms[other]
        paths = Counter(other for other, _, _ in self._paths(claim.id))
        for other, count in paths.items():
            scores[other] = get(other, 0.0) + GRAPH_WEIGHT * (1 - 0.5**count)
        for linked in self._linked(claim.id):
            scores.pop(self._position.get(linked, -1), None)
        for own in self._by_author[claim.author]:
            scores.pop(own, None)
        best = heapq.nlargest(top, scores.items(), key=itemgetter(1))
        return [(score, other) for other, score in best if score > 0]

    def _vector(self, claim: Claim, position: int) -> dict[str, float]:
        """The claim's weighted terms that other claims share (the others match no claim and are left out)."""
        counts = Counter(self._terms.of(claim))
        claims = len(self._ids)
        norm = self._norms[position]
        vector = {}
        for term, count in counts.items():
            postings = self._postings.get(term)
            if postings is not None:
                vector[term] = (1 + math.log(count)) * math.log(claims / len(postings[0])) / norm
        return vector

    def _linked(self, claim_id: str) -> set[str]:
        """The claims at the other end of this claim's links."""
        index = self.index
        return ({link.target_id for link in index.outgoing.get(claim_id, ())}
                | {link.source_id for link in index.incoming.get(claim_id, ())})

    def _paths(self, claim_id: str) -> Iterator[tuple[int, str, int]]:
        """Each path of two links from the claim, as (the claim reached, the claim between, the sign of the path:
        1 when its links agree, -1 when one contradicts and the other supports, 0 with a qualification)."""
        index, position = self.index, self._position
        for first in index.links_of(claim_id):
            middle = first.target_id if first.source_id == claim_id else first.source_id
            for second in index.links_of(middle):
                reached = second.target_id if second.source_id == middle else second.source_id
                if reached != claim_id and reached in position:
                    yield position[reached], middle, _SIGNS[first.relation] * _SIGNS[second.relation]

    def _suggestion(self, position: int, other: int, score: float) -> Suggestion:
        """The pair with its reasons: the topics and weightiest words they share, the claims between them."""
        claims = self.index.map.claims
        claim, candidate = claims[position], claims[other]
        return Suggestion(
            claim_id=claim.id, other_id=candidate.id, score=round(score, 4),
            topics=tuple(topic for topic in dict.fromkeys(claim.topics) if topic in candidate.topics),
            words=self._shared_words(claim, position, candidate, other),
            through=tuple(dict.fromkeys(middle for reached, middle, _ in self._paths(claim.id) if reached == other)),
            relation=self._guess(claim.id, other),
        )

    def _shared_words(self, claim: Claim, position: int, candidate: Claim, other: int) -> tuple[str, ...]:
        mine, theirs = self._vector(claim, position), self._vector(candidate, other)
        shared = sorted((term for term in mine if term in theirs), key=lambda term: -mine[term] * theirs[term])
        spelled = dict(reversed(list(_claim_words(claim))))  # each term as the claim first writes it
        return tuple(spelled.get(term, term) for term in shared[:SHOWN_WORDS])

    def _guess(self, claim_id: str, other: int) -> Relation | None:
        """Supports or contradicts when every signed path of two links to the other claim says the same."""
        signs = {sign for reached, _, sign in self._paths(claim_id) if reached == other and sign}
        if len(signs) != 1:
            return None
        return Relation.SUPPORTS if signs.pop() > 0 else Relation.CONTRADICTS


def _rarest_first(sizes: list[int], budget: int) -> Iterator[tuple[int, int]]:
    """(part, how many of its postings to walk): the parts with the fewest postings first, no more than `budget`
    postings in all (the last part cut short; postings are kept weightiest first)."""
    room = budget
    for part in sorted(range(len(sizes)), key=sizes.__getitem__):
        if room <= 0:
            return
        walked = min(sizes[part], room)
        room -= walked
        yield part, walked


def _word_postings(
    claims: list[Claim], terms: _Terms
) -> tuple[dict[str, tuple[array[int], array[float]]], array[float]]:
    """For each term two or more claims hold: the claims holding it and its weight in each (TF-IDF, each claim's
    vector of unit length), weightiest first; and each claim's norm before that scaling (1 for one without words)."""
    bags = [Counter(terms.of(claim)) for claim in claims]
    frequency: Counter[str] = Counter()
    for bag in bags:
        frequency.update(bag.keys())
    count = len(claims)
    idf = {term: math.log(count / held) for term, held in frequency.items() if held > 1}
    lists: dict[str, tuple[list[int], list[float]]] = {term: ([], []) for term in idf}
    norms = array("d")
    for position, bag in enumerate(bags):
        weights = {term: (1 + math.log(times)) * idf.get(term, math.log(count)) for term, times in bag.items()}
        norm = math.sqrt(sum(weight * weight for weight in weights.values())) or 1.0
        norms.append(norm)
        for term, weight in weights.items():
            if term in lists and weight > 0:
                positions, values = lists[term]
                positions.append(position)
                values.append(weight / norm)
    postings = {}
    for term, (positions, values) in lists.items():
        if positions:
            order = sorted(range(len(positions)), key=lambda k: -values[k])
            postings[term] = array("I", [positions[k] for k in order]), array("d", [values[k] for k in order])
    return postings, norms


def _topic_postings(claims: list[Claim]) -> tuple[dict[str, array[int]], dict[str, float], array[float]]:
    """The claims under each topic (those with the fewest other topics, where it weighs most, first), each topic's idf
    (smoothed, so that a topic every claim has still counts), and each claim's norm over its topics (1 without)."""
    lists: dict[str, list[int]] = {}
    for position, claim in enumerate(claims):
        for topic in dict.fromkeys(claim.topics):
            lists.setdefault(topic, []).append(position)
    count = len(claims)
    idf = {topic: math.log((count + 1) / (len(held) + 1)) + 1 for topic, held in lists.items()}
    norms = array("d", (math.sqrt(sum(idf[topic] ** 2 for topic in set(claim.topics))) or 1.0 for claim in claims))
    return {topic: array("I", sorted(held, key=norms.__getitem__)) for topic, held in lists.items()}, idf, norms
