"""What a map says as a whole: agreement between authors, contested and central claims, what stands, and where a
map is inconsistent. Computed once, by `analyze`, in time linear in claims + links (plus the author pairs); told as
text or JSON by `argmap.formats.report`.

The measures, in plain words:

- **Agreement** of two authors: every link between their claims, both ways, counted by relation (the cells of
  `argmap.compare.agreement_matrix`), and a net figure `(supports - contradicts) / links`, from -1 (they only
  contradict each other) to +1 (they only support each other). A qualification neither agrees nor opposes: it
  counts in the links only, pulling the figure towards 0.
- **Contested**: `2 × contradicts + qualifies` aimed at the claim; a contradiction is a reason to reject it, a
  qualification only narrows it.
- **Central**: how much of the map rests on the claim through chains of supports, counted in claims. A claim
  supported by k claims rests 1/k on each of them, and passes on to them, in the same shares, what rests on it:
  so `rests(a) = Σ over claims b that a supports of (1 + rests(b)) / supporters(b)`. One pass over the support
  graph sinks first (claims in a circle of supports count as one, and each holds up the others). Counting every
  claim reachable along supports would count a claim that has other supporters as wholly resting on each; it also
  costs a transitive closure, quadratic on large maps. PageRank on the reversed support graph ranks much the same
  way, but networkx's needs numpy and scipy (its pure-Python fallback took 1.3-2.1 s at 20,000 claims); this is
  exact, linear and has no dependency.
- **Standing**: the grounded labelling (Dung 1995) with `contradicts` as attack, by a queue and a count of live
  attackers per claim: accepted (every attacker rejected), rejected (an accepted attacker), undecided (the rest,
  such as a circle of contradictions). Supports and qualifies do not change that label; they mark it. A claim
  that has supporters, all of them rejected, has *lost its support* (it stands, or not, on its own quote). A
  claim that an accepted claim qualifies is *qualified*: it stands, narrowed.
- **Consistency**: an author whose claims contradict each other; circles of supports (strongly connected
  components of the support graph, by an iterative Tarjan); claims with no link at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from argmap.collector import collector_paused
from argmap.compare import AgreementCell, agreement_matrix
from argmap.index import MapIndex
from argmap.model import Relation

CONTRADICTS_WEIGHT = 2
"""In the contested score, a contradiction counts twice a qualification."""
QUALIFIES_WEIGHT = 1


class Label(StrEnum):
    """A claim's standing under grounded semantics."""

    ACCEPTED = "accepted"
    REJECTED = "rejected"
    UNDECIDED = "undecided"


@dataclass(frozen=True, slots=True)
class Standing:
    """Whether a claim stands: its grounded label, and how supports and qualifies mark it."""

    label: Label
    qualified: bool = False
    """An accepted claim qualifies it: it stands (if it does) narrowed."""
    lost_support: bool = False
    """It has supporters and every one of them is rejected."""

    def describe(self) -> str:
        """`accepted`, `accepted, qualified`, `rejected, lost its support`…"""
        marks = [self.label.value]
        if self.qualified:
            marks.append("qualified")
        if self.lost_support:
            marks.append("lost its support")
        return ", ".join(marks)


_STANDINGS = {
    (label, qualified, lost): Standing(label, qualified, lost)
    for label in Label for qualified in (False, True) for lost in (False, True)
}
"""The twelve possible standings, shared: a large map holds references, not 100,000 objects."""


@dataclass(frozen=True, slots=True)
class PairAgreement:
    """The links between two authors' claims, each way, and the net figure."""

    first: str
    second: str
    first_to_second: AgreementCell
    second_to_first: AgreementCell

    @property
    def supports(self) -> int:
        return self.first_to_second.supports + self.second_to_first.supports

    @property
    def contradicts(self) -> int:
        return self.first_to_second.contradicts + self.second_to_first.contradicts

    @property
    def qualifies(self) -> int:
        return self.first_to_second.qualifies + self.second_to_first.qualifies

    @property
    def total(self) -> int:
        return self.first_to_second.total + self.second_to_first.total

    @property
    def net(self) -> float | None:
        """(supports - contradicts) / links, -1 to +1; None when no link joins them."""
        return (self.supports - self.contradicts) / self.total if self.total else None


@dataclass(frozen=True, slots=True)
class Contested:
    """A claim that others contradict or qualify."""

    claim_id: str
    contradicted: int
    qualified: int

    @property
    def score(self) -> int:
        return CONTRADICTS_WEIGHT * self.contradicted + QUALIFIES_WEIGHT * self.qualified


@dataclass(frozen=True, slots=True)
class Central:
    """A claim others rest on: `rests` claims' worth through chains of supports, `direct` claims it supports."""

    claim_id: str
    rests: float
    direct: int


@dataclass(frozen=True, slots=True)
class SelfContradiction:
    """One author's claim contradicting another of theirs."""

    author_id: str
    source_id: str
    target_id: str
    why: str = ""


@dataclass(frozen=True, slots=True)
class SupportCycle:
    """Claims that support each other in a circle: `cycle` is one circle (its first claim again closes it),
    `claims` every claim caught with it (a strongly connected component of the support graph), in map order."""

    cycle: tuple[str, ...]
    claims: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything `analyze` finds on a map."""

    pairs: tuple[PairAgreement, ...]
    """Every pair of authors, most agreeing first; pairs with no link between them last."""
    contested: tuple[Contested, ...]
    """Claims contradicted or qualified at least once, most contested first (then map order)."""
    central: tuple[Central, ...]
    """Claims that support at least one other, most resting on them first (then map order)."""
    standings: dict[str, Standing]
    """Every claim's standing, in map order."""
    self_contradictions: tuple[SelfContradiction, ...]
    support_cycles: tuple[SupportCycle, ...]
    unlinked: tuple[str, ...]
    """Claims with no link in or out, in map order."""

    def most_agreeing(self, count: int = 3) -> list[PairAgreement]:
        """Pairs with a positive net figure, highest first (more links first on a tie)."""
        ranked = sorted((p for p in self.pairs if p.net is not None and p.net > 0),
                        key=lambda p: (-(p.net or 0.0), -p.total))
        return ranked[:count]

    def most_opposed(self, count: int = 3) -> list[PairAgreement]:
        """Pairs with a negative net figure, lowest first (more links first on a tie)."""
        ranked = sorted((p for p in self.pairs if p.net is not None and p.net < 0), key=lambda p: (p.net, -p.total))
        return ranked[:count]

    def with_label(self, label: Label) -> list[str]:
        """The ids of the claims with this label, in map order."""
        return [claim_id for claim_id, standing in self.standings.items() if standing.label is label]

    def counts(self) -> dict[str, int]:
        """How many claims are accepted, rejected, undecided; and how many are qualified or lost their support."""
        counts = dict.fromkeys([*Label, "qualified", "lost_support"], 0)
        for standing in self.standings.values():
            counts[standing.label] += 1
            counts["qualified"] += standing.qualified
            counts["lost_support"] += standing.lost_support
        return {str(key): value for key, value in counts.items()}


def analyze(index: MapIndex) -> Analysis:
    """Every measure at once, in time linear in claims + links (and the number of author pairs).

    The garbage collector is paused meanwhile, as when a map is loaded: the hundreds of thousands of small lists
    and results built here would otherwise set off full collections over the whole map, again and again.
    """
    with collector_paused():
        return _analyze(index)


def _analyze(index: MapIndex) -> Analysis:
    ids = list(index.claims)
    position = {claim_id: number for number, claim_id in enumerate(ids)}
    count = len(ids)
    supports_out: list[list[int]] = [[] for _ in range(count)]
    attacks_out: list[list[int]] = [[] for _ in range(count)]
    qualifies_in: list[list[int]] = [[] for _ in range(count)]
    supporters = [0] * count
    self_contradictions = []
    for link in index.map.links:
        source = position.get(link.source_id)
        target = position.get(link.target_id)
        if source is None or target is None:
            continue
        relation = link.relation
        if relation is Relation.SUPPORTS:
            supports_out[source].append(target)
            supporters[target] += 1
        elif relation is Relation.CONTRADICTS:
            attacks_out[source].append(target)
            author = index.claims[link.source_id].author
            if author == index.claims[link.target_id].author:
                self_contradictions.append(SelfContradiction(author, link.source_id, link.target_id, link.why))
        else:
            qualifies_in[target].append(source)

    labels = grounded_labels(attacks_out)
    standings = _standings(ids, labels, supports_out, supporters, qualifies_in)
    components = support_components(supports_out)
    return Analysis(
        pairs=_pairs(index),
        contested=_contested(ids, attacks_out, qualifies_in),
        central=_central(ids, supports_out, components),
        standings=standings,
        self_contradictions=tuple(self_contradictions),
        support_cycles=_cycles(ids, supports_out, components),
        unlinked=tuple(c for c in ids if not index.outgoing.get(c) and not index.incoming.get(c)),
    )


# Grounded labelling ------------------------------------------------------------------------------------------

UNDECIDED, ACCEPTED, REJECTED = 0, 1, 2
_LABELS = (Label.UNDECIDED, Label.ACCEPTED, Label.REJECTED)


def grounded_labels(attacks_out: Sequence[Sequence[int]]) -> bytearray:
    """The grounded labelling of the attack graph on claims 0..n-1 (`attacks_out[a]`: the claims `a` attacks):
    1 accepted, 2 rejected, 0 undecided. Each claim is labelled once and each attack looked at most twice."""
    count = len(attacks_out)
    live = [0] * count
    for targets in attacks_out:
        for target in targets:
            live[target] += 1
    labels = bytearray(count)
    stack = [claim for claim in range(count) if live[claim] == 0]
    for claim in stack:
        labels[claim] = ACCEPTED
    while stack:
        accepted = stack.pop()
        for rejected in attacks_out[accepted]:
            if labels[rejected] == REJECTED:
                continue
            labels[rejected] = REJECTED
            for target in attacks_out[rejected]:
                live[target] -= 1
                if live[target] == 0 and labels[target] == UNDECIDED:
                    labels[target] = ACCEPTED
                    stack.append(target)
    return labels


def _standings(
    ids: list[str], labels: bytearray, supports_out: list[list[int]], supporters: list[int],
    qualifies_in: list[list[int]],
) -> dict[str, Standing]:
    rejected_supporters = [0] * len(ids)
    for source, targets in enumerate(supports_out):
        if labels[source] == REJECTED:
            for target in targets:
                rejected_supporters[target] += 1
    standings = {}
    for claim, claim_id in enumerate(ids):
        qualified = any(labels[qualifier] == ACCEPTED for qualifier in qualifies_in[claim])
        lost = supporters[claim] > 0 and rejected_supporters[claim] == supporters[claim]
        standings[claim_id] = _STANDINGS[(_LABELS[labels[claim]], qualified, lost)]
    return standings


# Agreement and contested ---------------------------------------------------------------------------------------

def _pairs(index: MapIndex) -> tuple[PairAgreement, ...]:
    authors = list(index.authors)
    matrix = agreement_matrix(index, authors)
    pairs = [
        PairAgreement(first, second, matrix[(first, second)], matrix[(second, first)])
        for number, first in enumerate(authors)
        for second in authors[number + 1:]
    ]
    pairs.sort(key=lambda pair: (pair.net is None, -(pair.net or 0.0), -pair.total))
    return tuple(pairs)


def _contested(ids: list[str], attacks_out: list[list[int]], qualifies_in: list[list[int]]) -> tuple[Contested, ...]:
    contradicted = [0] * len(ids)
    for targets in attacks_out:
        for target in targets:
            contradicted[target] += 1
    found = [
        Contested(claim_id, contradicted[claim], len(qualifies_in[claim]))
        for claim, claim_id in enumerate(ids)
        if contradicted[claim] or qualifies_in[claim]
    ]
    found.sort(key=lambda item: -item.score)
    return tuple(found)


# The support graph: components, central claims, cycles -----------------------------------------------------------

def support_components(supports_out: Sequence[Sequence[int]]) -> list[int]:
    """Each claim's strongly connected component in the support graph, by an iterative Tarjan.

    Components are numbered in the order Tarjan closes them: a component's number is higher than that of every
    component it supports, so counting up visits the claims that are supported before their supporters.
    """
    count = len(supports_out)
    order = [-1] * count
    low = [0] * count
    component = [-1] * count
    on_stack = bytearray(count)
    stack: list[int] = []
    next_order = 0
    next_component = 0
    for root in range(count):
        if order[root] != -1:
            continue
        if not supports_out[root]:
            order[root] = next_order
            next_order += 1
            component[root] = next_component
            next_component += 1
            continue
        order[root] = low[root] = next_order
        next_order += 1
        stack.append(root)
        on_stack[root] = 1
        work = [(root, iter(supports_out[root]))]
        while work:
            node, targets = work[-1]
            descended = False
            for target in targets:
                if order[target] == -1:
                    order[target] = low[target] = next_order
                    next_order += 1
                    stack.append(target)
                    on_stack[target] = 1
                    work.append((target, iter(supports_out[target])))
                    descended = True
                    break
                if on_stack[target] and order[target] < low[node]:
                    low[node] = order[target]
            if descended:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                if low[node] < low[parent]:
                    low[parent] = low[node]
            if low[node] == order[node]:
                while True:
                    member = stack.pop()
                    on_stack[member] = 0
                    component[member] = next_component
                    if member == node:
                        break
                next_component += 1
    return component


def support_rests(supports_out: Sequence[Sequence[int]], component: Sequence[int] | None = None) -> list[float]:
    """How many claims' worth rests on each claim through chains of supports (see the module's docstring):
    a claim supported by k components rests 1/k on each; the members of a circle of supports each hold up the rest.
    `component` is `support_components(supports_out)`, when already known."""
    if component is None:
        component = support_components(supports_out)
    count = len(supports_out)
    components = max(component, default=-1) + 1
    members: list[list[int]] = [[] for _ in range(components)]
    for claim in range(count):
        members[component[claim]].append(claim)
    # How many components support each component (each counted once), marking the last supporter seen.
    supporter_components = [0] * components
    seen = [-1] * components
    for number in range(components):
        for claim in members[number]:
            for target in supports_out[claim]:
                other = component[target]
                if other != number and seen[other] != number:
                    seen[other] = number
                    supporter_components[other] += 1
    # Supported components first: the numbering guarantees it.
    load = [0.0] * components
    seen = [-1] * components
    for number in range(components):
        total = 0.0
        for claim in members[number]:
            for target in supports_out[claim]:
                other = component[target]
                if other != number and seen[other] != number:
                    seen[other] = number
                    total += (len(members[other]) + load[other]) / supporter_components[other]
        load[number] = total
    return [load[component[claim]] + len(members[component[claim]]) - 1 for claim in range(count)]


def _central(ids: list[str], supports_out: list[list[int]], component: list[int]) -> tuple[Central, ...]:
    rests = support_rests(supports_out, component)
    found = [
        Central(ids[claim], rests[claim], len(supports_out[claim])) for claim in range(len(ids)) if supports_out[claim]
    ]
    found.sort(key=lambda item: (-item.rests, -item.direct))
    return tuple(found)


def _cycles(ids: list[str], supports_out: list[list[int]], component: list[int]) -> tuple[SupportCycle, ...]:
    sizes: dict[int, list[int]] = {}
    for claim, number in enumerate(component):
        sizes.setdefault(number, []).append(claim)
    cycles = []
    for claims in sizes.values():
        if len(claims) < 2:
            continue
        # Every claim of a component supports another of it: walk until a claim repeats; the walk's tail is a circle.
        number = component[claims[0]]
        walk: list[int] = []
        step: dict[int, int] = {}
        claim = claims[0]
        while claim not in step:
            step[claim] = len(walk)
            walk.append(claim)
            claim = next(target for target in supports_out[claim] if component[target] == number)
        circle = [*walk[step[claim]:], claim]
        cycles.append(SupportCycle(tuple(ids[c] for c in circle), tuple(ids[c] for c in claims)))
    return tuple(cycles)
