"""Fast fuzzy search over a map's claims: their text, quote, author, topics and id.

No Textual here (its `fuzzy.Matcher` takes seconds over long texts; see FIELD-NOTES). How it stays fast in pure
Python at 100,000 claims (measured by `python -m benchmarks.bench_search`):

- Build: every claim becomes one record, `" text \\x01 quote \\x01 author name author-id \\x01 topics \\x01 id "`,
  and all records are folded at once, in C: one join, one cp1252 encode, byte translations. That gives lower-case,
  accent-free bytes twice: `lit` keeps punctuation, `ws` turns it into spaces, so `b" word "` in `ws` is a whole
  word and `b" word"` the start of one. Only records holding characters cp1252 lacks are folded one by one (NFKD).
- Query: tiers are searched best first, each by `bytes.find` over the joined records (C speed, in map order),
  each search stopping once it holds enough claims: `b" security cooperation "` (the query in a row, whole
  words), `b" security cooperation"` (the last word still being typed), then the words apart.
- Word index: which of 16 chunks of claims holds each distinct word (a bit mask per word), gathered after the
  build (on a thread for large maps). Searches then read only the chunks that can hold the query, and a word
  nobody wrote costs nothing.
- Typos: only when the literal matches are fewer than asked for, rapidfuzz compares each word with the map's
  vocabulary; the claims holding the closest word or two come next, then claims holding only some of the words.
"""

from __future__ import annotations

import bisect
import heapq
import re
import threading
from collections import Counter, OrderedDict
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from itertools import accumulate, islice

from rapidfuzz import fuzz, process

from argmap.model import ArgumentMap
from argmap.words import fold as _fold_text  # the careful path, used only where cp1252 falls short

FIELDS: tuple[str, ...] = ("text", "quote", "author", "topic", "id")
"""The searched fields, in the order of a record and of preference when two fields match equally well."""

_ID = FIELDS.index("id")
_SEPARATOR = b"\x01"  # between the fields of a record
_END = b"\x00"  # between records
_ENCODING = "cp1252"  # Latin-1's letters plus typographic quotes and dashes: one byte each, encoded in C
_ESCAPE = re.compile(rb"\\(?:x[0-9a-f]{2}|u[0-9a-f]{4})")  # a character cp1252 lacks, after folding

SYNC_VOCABULARY_CLAIMS = 10_000
"""Up to this many claims the word index is gathered while building; above it, on a background thread."""

_CACHED_WORDS = 12
_TIE_BREAK = 500  # claims gathered per tier so that equal scores can put matches in the claim's text first
_FUZZY_TERMS = 2  # close vocabulary words searched per word: each costs one pass over the records
_APART_BUDGET = 8_000  # claims examined for words apart, once enough are held
_SAMPLE = 1 << 19  # bytes of the joined records in which to count a word, to guess how common it is


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One claim found: its id, how well it matched (0-100, higher is better) and which field matched best."""

    claim_id: str
    score: float
    field: str


def _tables() -> tuple[bytes, bytes, dict[int, bytes]]:
    """Byte translations of cp1252: `fold` (lower case, no accents, whitespace to space) and `words` (only
    letters, digits, `_` and `\\` kept), and the bytes that fold to several (`…` to `...`, `ß` to `ss`)."""
    fold = bytearray(range(256))
    longer: dict[int, str] = {}
    for byte in range(256):
        try:
            char = bytes([byte]).decode(_ENCODING)
        except UnicodeDecodeError:  # five bytes cp1252 leaves undefined; the encoder never produces them
            continue
        folded = " " if char.isspace() and byte > 1 else _fold_text(char)
        encoded = folded.encode(_ENCODING, "backslashreplace")
        if len(encoded) == 1:
            fold[byte] = encoded[0]
        else:
            longer[byte] = folded
    expansions = {byte: folded.encode(_ENCODING, "backslashreplace").translate(fold)
                  for byte, folded in longer.items()}
    words = bytearray(fold)
    for byte in range(256):
        char = bytes([fold[byte]]).decode(_ENCODING, errors="replace")
        if fold[byte] > 1 and not (char.isalnum() or char in "_\\"):
            words[byte] = 0x20
    return bytes(fold), bytes(words), expansions


_FOLD, _WORDS, _EXPANSIONS = _tables()
_NOT_EXPANDED = bytes(byte for byte in range(256) if byte not in _EXPANSIONS)
_NO_SEPARATORS = bytes([0x20, 0x20, *range(2, 256)])
assert _FOLD.translate(_FOLD) == _FOLD, "folding must be idempotent, so `_WORDS` applies to folded bytes too"


def _fold_bytes(text: str) -> bytes:
    """Fold text the fast way: cp1252 (characters it lacks as `\\u....` escapes), then byte translations."""
    data = text.encode(_ENCODING, "backslashreplace").translate(_FOLD)
    present = data.translate(None, _NOT_EXPANDED)  # one pass: which bytes fold to several
    for byte in set(present):
        data = data.replace(bytes([byte]), _EXPANSIONS[byte])
    return data


def normalize(text: str) -> bytes:
    """A query or field as the index sees it: cp1252 bytes, lower case, accents stripped, punctuation kept."""
    literal = _fold_bytes(text)
    if b"\\" in literal and _ESCAPE.search(literal):
        literal = _fold_bytes(_fold_text(text))
    return literal


class _Word:
    """The claims holding one query word anywhere in their `ws` record, in map order."""

    __slots__ = ("_members", "positions")

    def __init__(self, positions: list[int]) -> None:
        self.positions = positions
        self._members: set[int] | None = None

    @property
    def members(self) -> set[int]:
        if self._members is None:
            self._members = set(self.positions)
        return self._members


class _WordIndex:
    """Which chunks of claims hold each distinct word (a bit mask per word: bit k for chunk k), and the vocabulary.

    Gathered once per map (on a thread for large maps). A search for a rare word then reads only the chunks that
    hold it, a word nobody wrote costs nothing, and typos find their words in the vocabulary (the words of every
    field but the id).
    """

    CHUNKS = 16

    def __init__(self, ws: list[bytes], starts: list[int]) -> None:
        count = len(ws)
        size = max(256, -(-count // self.CHUNKS))
        self.ranges = [(starts[a], starts[min(a + size, count)]) for a in range(0, count, size)]
        self.all = (1 << len(self.ranges)) - 1
        masks: dict[bytes, int] = {}
        vocabulary: set[bytes] = set()
        get = masks.get
        for k, a in enumerate(range(0, count, size)):
            chunk = ws[a : a + size]
            text = set(b" ".join([h[: h.rfind(_SEPARATOR)] for h in chunk]).split())
            vocabulary |= text
            text.update(b" ".join([h[h.rfind(_SEPARATOR) + 1 :] for h in chunk]).split())
            bit = 1 << k
            masks.update({word: get(word, 0) | bit for word in text})
        masks.pop(_SEPARATOR, None)
        vocabulary.discard(_SEPARATOR)
        self.masks = masks
        self.sorted = sorted(masks)
        self.joined = b"\n".join(self.sorted) + b"\n"
        self.offsets = [0, *accumulate(len(word) + 1 for word in self.sorted)]
        self.vocabulary = sorted(w for w in vocabulary if len(w) >= 3 and not w.isdigit())
        self._containing: OrderedDict[bytes, int] = OrderedDict()

    def mask(self, word: bytes) -> int:
        """Chunks holding `word` as a whole word."""
        return self.masks.get(word, 0)

    def prefixed(self, start: bytes) -> int:
        """Chunks holding a word that starts with `start`."""
        low = bisect.bisect_left(self.sorted, start)
        high = bisect.bisect_left(self.sorted, start + b"\xff", low)
        if high - low > 64:
            return self.all
        mask = 0
        for word in self.sorted[low:high]:
            mask |= self.mask(word)
        return mask

    def containing(self, part: bytes) -> int:
        """Chunks holding a word that contains `part` (cached)."""
        mask = self._containing.get(part)
        if mask is not None:
            return mask
        mask, hits = 0, 0
        joined, offsets, words = self.joined, self.offsets, self.sorted
        at = joined.find(part)
        while at >= 0 and mask != self.all:
            hits += 1
            if hits > 256:
                mask = self.all
                break
            k = bisect.bisect_right(offsets, at) - 1
            mask |= self.mask(words[k])
            at = joined.find(part, offsets[k + 1])
        self._containing[part] = mask
        if len(self._containing) > 64:
            self._containing.popitem(last=False)
        return mask


Tier = tuple[float, list[int]]  # a score and its claims, in map order


class SearchIndex:
    """Fuzzy search over one version of a map's claims; build once per version, query on every keystroke.

    Scores: 100 for the query in a row as whole words; then 95 with its last word as the start of a word (90 for a
    one-word query), 80 inside a word; 70-90 for every word present but apart (by how whole they are); 40-70
    when some word is only close to one in the claim (a typo); below 40 when some words are missing.
    """

    def __init__(self, argument_map: ArgumentMap) -> None:
        claims = argument_map.claims
        self._ids: list[str] = [claim.id for claim in claims]
        self._position: dict[str, int] = {claim_id: i for i, claim_id in enumerate(self._ids)}
        self._lit_blob, self._ws_blob, self._ws, self._starts = _normalize_records(argument_map)
        self._words: OrderedDict[bytes, _Word] = OrderedDict()
        self._terms: OrderedDict[tuple[bytes, bool], dict[bytes, float]] = OrderedDict()
        self._lock = threading.Lock()
        self._index: _WordIndex | None = None
        self.vocabulary_ready = threading.Event()
        """Set once the word index is gathered: typo tolerance, and fast searches for rare words. At once for
        small maps; on a thread, shortly after building, for large ones (until then every search reads all)."""
        if len(claims) <= SYNC_VOCABULARY_CLAIMS:
            self._gather_words()
        else:
            threading.Thread(target=self._gather_words, name="argmap-search-words", daemon=True).start()

    def __len__(self) -> int:
        return len(self._ids)

    def search(self, query: str, limit: int = 50, within: Collection[str] | None = None) -> list[SearchHit]:
        """The claims best matching `query`, best first; only those in `within` (claim ids) when it is given."""
        literal = b" ".join(normalize(query).translate(_NO_SEPARATORS).split())
        if not literal or limit <= 0:
            return []
        allowed: set[int] | None = None
        if within is not None:
            allowed = {position for position in map(self._position.get, within) if position is not None}
            if not allowed:
                return []
        in_order = literal.translate(_WORDS).split()
        words = list(dict.fromkeys(in_order))
        phrase = b" ".join(in_order)
        typed = literal if literal != phrase else None  # the query as typed when punctuation matters
        with self._lock:
            if not words:  # punctuation alone, such as "[" or "--"
                ranked = [(100.0, i) for i in self._scan(self._lit_blob, literal, limit, (), allowed)]
            else:
                ranked = self._rank_literal(words, phrase, typed, limit, allowed)
                if len(ranked) < limit:
                    ranked += self._rank_fuzzy(words, limit, allowed, {i for _, i in ranked})
            return [SearchHit(self._ids[i], round(score, 2), self._field(i, words, phrase, literal))
                    for score, i in ranked]

    # Literal matches ------------------------------------------------------------------------------------------
    def _scan(self, blob: bytes, pattern: bytes, count: int, skip: Collection[int], allowed: set[int] | None,
              typed: bytes | None = None, chunks: int | None = None) -> list[int]:
        """The first `count` claims, in map order, whose record in `blob` holds `pattern` (and `typed`)."""
        return list(islice(self._matches(blob, pattern, skip, allowed, typed, chunks), count))

    def _matches(self, blob: bytes, pattern: bytes, skip: Collection[int], allowed: set[int] | None,
                 typed: bytes | None = None, chunks: int | None = None) -> Iterator[int]:
        """Each claim whose record in `blob` holds `pattern`, once, in map order: one C search per claim found.

        With `typed`, only claims whose `lit` record also holds it; with `chunks` (a mask from `_chunks`), only
        the claims of those chunks.
        """
        starts, lit = self._starts, self._lit_blob
        if allowed is not None and len(allowed) * 8 < len(self._ids):  # few claims: look at each
            for i in sorted(allowed):
                if i not in skip and blob.find(pattern, starts[i], starts[i + 1] - 1) >= 0 and (
                        typed is None or lit.find(typed, starts[i], starts[i + 1] - 1) >= 0):
                    yield i
            return
        find, locate = blob.find, bisect.bisect_right
        for low, high in self._spans(chunks):
            at = find(pattern, low, high)
            while at >= 0:
                i = locate(starts, at) - 1
                if i not in skip and (allowed is None or i in allowed) and (
                        typed is None or lit.find(typed, starts[i], starts[i + 1] - 1) >= 0):
                    yield i
                at = find(pattern, starts[i + 1], high)

    def _spans(self, chunks: int | None) -> list[tuple[int, int]]:
        """The byte ranges of the chunks in a mask, neighbours joined; all records for None."""
        index = self._index
        if chunks is None or index is None or chunks == index.all:
            return [(0, len(self._ws_blob))]
        spans: list[tuple[int, int]] = []
        for k, (low, high) in enumerate(index.ranges):
            if chunks >> k & 1:
                if spans and spans[-1][1] == low:
                    spans[-1] = (spans[-1][0], high)
                else:
                    spans.append((low, high))
        return spans

    def _chunks(self, whole: Iterable[bytes] = (), start: bytes | None = None,
                contains: Iterable[bytes] = ()) -> int | None:
        """The chunks that can hold words `whole`, a word starting with `start` and words containing `contains`."""
        index = self._index
        if index is None:
            return None
        mask = index.all
        for word in whole:
            mask &= index.mask(word)
        if start is not None:
            mask &= index.prefixed(start)
        for part in contains:
            mask &= index.containing(part)
        return mask

    def _anywhere(self, words: list[bytes]) -> int | None:
        """The chunks that can hold these words in a row, the first and last maybe inside longer words."""
        if not words:
            return None
        if len(words) == 1:
            return self._chunks(contains=words)
        return self._chunks(whole=words[1:-1], contains=(words[0], words[-1]))

    def _rank_literal(self, words: list[bytes], phrase: bytes, typed: bytes | None, limit: int,
                      allowed: set[int] | None) -> list[tuple[float, int]]:
        """Claims holding every word, best first, scored 70-100; the query in a row first."""
        n = len(words)
        enough = max(limit, _TIE_BREAK)
        ws, ws_blob = self._ws, self._ws_blob
        core = phrase if typed is None else typed.translate(_WORDS).strip()
        core_words = core.split()
        whole, start = b" " + core + b" ", b" " + core
        # Probe: the claims holding the query in a row (as typed), stopping at `enough`.
        if typed is None:
            probe = self._matches(ws_blob, phrase, (), allowed, chunks=self._anywhere(core_words))
        else:
            probe = self._matches(self._lit_blob, typed, (), allowed, chunks=self._anywhere(core_words))
        first = list(islice(probe, enough))
        if len(first) < enough:  # all of them: grade each
            best = [i for i in first if whole in ws[i]]
            taken = set(best)
            starts = [i for i in first if i not in taken and start in ws[i]]
        else:  # many: search each grade on its own, best first, each search stopping when it has enough
            # (skipped for a one-letter word, or two letters with punctuation, mid-typing: `b" s "` is a slow
            # needle for `bytes.find`, and the start of a word tells as much)
            short = len(core) <= (1 if typed is None else 2)
            best = [] if short else self._scan(ws_blob, whole, enough, (), allowed, typed, self._chunks(core_words))
            taken = set(best)
            starts = []
            if len(best) < limit:
                chunks = self._chunks(core_words[:-1], core_words[-1])
                starts = self._scan(ws_blob, start, enough, taken, allowed, typed, chunks)
        taken.update(starts)
        tiers: list[Tier] = [(100.0, best), (100.0 - 10.0 / n, starts)]
        if len(taken) < limit and n == 1:  # one word, inside a word
            inside = [i for i in first if i not in taken]
            if len(first) >= enough and len(taken) + len(inside) < limit:
                inside += islice((i for i in probe if i not in taken), limit - len(taken) - len(inside))
            tiers.append((80.0, inside))
            taken.update(inside)
        if (n > 1 or typed is not None) and len(best) + (len(starts) if n > 1 else 0) < limit:
            tiers += self._rank_apart(words, phrase, limit, allowed, taken)
        return self._merge(tiers, limit, words, phrase)

    def _rank_apart(self, words: list[bytes], phrase: bytes, limit: int, allowed: set[int] | None,
                    taken: set[int]) -> list[Tier]:
        """Claims holding every word but not the query in a row: 60 + 10 x the mean level, so 70-90.

        A word's level is 3 when whole, 2 at the start of a word, 1 inside one; holding the words in a row inside
        other words adds 1.
        """
        rarest = min(words, key=self._rarity)
        cached = self._words.get(rarest)
        candidates: Iterable[int] = (cached.positions if cached is not None
                                     else self._matches(self._ws_blob, rarest, (), allowed,
                                                        chunks=self._chunks(contains=[rarest])))
        others = [word for word in words if word != rarest]
        levels = [(b" " + word, b" " + word + b" ") for word in words]
        n, most = len(words), 3 * len(words)
        enough = max(limit, _TIE_BREAK)
        ws = self._ws
        buckets: dict[int, list[int]] = {}
        holding: list[int] = []  # the claims holding the rarest word
        for seen, i in enumerate(candidates):
            if seen >= _APART_BUDGET and sum(map(len, buckets.values())) >= limit:
                break  # very common words: rank the first claims holding them
            holding.append(i)
            if i in taken or (allowed is not None and i not in allowed):
                continue
            h = ws[i]
            for word in others:
                if word not in h:
                    break
            else:
                key = sum(1 + ((p in h) and 1 + (e in h)) for p, e in levels)
                if key < most and phrase in h:
                    key += 1
                bucket = buckets.setdefault(key, [])
                bucket.append(i)
                if key == most and len(bucket) >= enough:
                    break
        else:
            if cached is None and allowed is None:  # all of them: keep for the next keystroke
                self._remember(rarest, _Word(holding))
        return [(60.0 + 10.0 * key / n, bucket) for key, bucket in buckets.items()]

    def _merge(self, tiers: list[Tier], limit: int, words: list[bytes], phrase: bytes) -> list[tuple[float, int]]:
        """The best `limit` claims of all tiers: by score, then text matches first, then map order."""
        by_score: dict[float, list[int]] = {}
        for score, claims in tiers:
            if claims:
                by_score[score] = sorted(by_score[score] + claims) if score in by_score else claims
        ranked: list[tuple[float, int]] = []
        for score in sorted(by_score, reverse=True):
            room = limit - len(ranked)
            if room <= 0:
                break
            ranked += [(score, i) for i in self._in_text_first(by_score[score], room, words, phrase)]
        return ranked

    def _in_text_first(self, bucket: list[int], room: int, words: list[bytes], phrase: bytes) -> list[int]:
        """Claims of one score: those whose own text holds the query in a row first, then those whose text holds
        every word, then the rest; each in map order."""
        if len(bucket) <= 1 or len(bucket) > _TIE_BREAK:
            return bucket[:room]
        ws = self._ws

        def elsewhere(i: int) -> tuple[bool, bool]:
            h = ws[i]
            text = h[: h.find(_SEPARATOR)]
            return phrase not in text, not all(word in text for word in words)

        return sorted(bucket, key=elsewhere)[:room]

    def _word(self, word: bytes) -> _Word:
        """The claims holding `word`, narrowed from the claims of its longest cached prefix (typing narrows)."""
        cached = self._words.get(word)
        if cached is not None:
            self._words.move_to_end(word)
            return cached
        parent = self._parent(word)
        ws = self._ws
        if parent is not None:  # a claim holding "secu" also holds "sec"
            positions = [i for i in parent.positions if word in ws[i]]
        else:
            chunks = self._chunks(contains=[word])
            found = self._matches(self._ws_blob, word, (), None, chunks=chunks)
            if chunks is not None and chunks != self._chunks():  # only some chunks can hold it
                positions = list(found)
            else:  # one search per claim found while the word is rare, then a look at each remaining record
                rare = len(ws) // 16
                positions = list(islice(found, rare))
                if len(positions) >= rare:
                    positions += [i for i in range(positions[-1] + 1, len(ws)) if word in ws[i]]
        return self._remember(word, _Word(positions))

    def _remember(self, word: bytes, found: _Word) -> _Word:
        self._words[word] = found
        if len(self._words) > _CACHED_WORDS:
            self._words.popitem(last=False)
        return found

    def _parent(self, word: bytes) -> _Word | None:
        for cut in range(len(word) - 1, 0, -1):
            parent = self._words.get(word[:cut])
            if parent is not None:
                return parent
        return None

    def _rarity(self, word: bytes) -> tuple[int, int]:
        """Which word's claims are cheapest to gather and fewest: known ones, narrowed ones, then by a sample."""
        cached = self._words.get(word)
        if cached is not None:
            return (0, len(cached.positions))
        parent = self._parent(word)
        if parent is not None:
            return (1, len(parent.positions))
        chunks = self._chunks(contains=[word])
        if chunks is not None:
            return (2, chunks.bit_count())
        return (3, self._ws_blob.count(word, 0, _SAMPLE))

    # Close matches (typos) ------------------------------------------------------------------------------------
    def _rank_fuzzy(self, words: list[bytes], limit: int, allowed: set[int] | None,
                    taken: set[int]) -> list[tuple[float, int]]:
        """Claims where some word is only close to one in the claim (40-70), then claims missing words (< 40).

        Words shorter than three letters (still being typed) are left out here. A word is compared with the
        vocabulary when it has four letters or more and fewer literal matches than asked for.
        """
        n = len(words)
        count = limit - len(taken)
        if n == 1:  # its literal matches are all ranked already
            word = words[0]
            close = self._close_terms(word, partial=True) if _fuzzable(word) else {}
            if not close:
                return []
            claims = self._claims_with(close, allowed, count, taken)
            return sorted(((40.0 + 30.0 * (0.5 + 0.4 * c), i) for i, c in claims.items()),
                          key=lambda pair: (-pair[0], pair[1]))[:count]
        useful = [j for j, word in enumerate(words) if len(word) >= 3]
        few: dict[int, set[int]] = {}  # the literal matches of the useful words that have few (all of them)
        for j in useful:
            cached = self._words.get(words[j])
            first = cached.positions if cached is not None else self._scan(
                self._ws_blob, words[j], limit, (), None, chunks=self._chunks(contains=[words[j]]))
            if len(first) < limit:
                few[j] = set(first)
                if cached is None:
                    self._remember(words[j], _Word(first))
        close_claims: dict[int, dict[int, float]] = {}
        for j in few:
            if _fuzzable(words[j]):
                close = self._close_terms(words[j], partial=(j == n - 1))
                if close:  # a close word common on the map: rank the first claims holding it, not all
                    close_claims[j] = self._claims_with(close, allowed, _APART_BUDGET, set())
        ranked: list[tuple[float, int]] = []
        ws = self._ws
        if close_claims:
            candidates: set[int] | None = None
            for j, claims in close_claims.items():
                matching = few[j] | claims.keys()
                candidates = matching if candidates is None else candidates & matching
            plain = [words[j] for j in useful if j not in close_claims]
            kept = (candidates or set()) - taken
            if allowed is not None:
                kept &= allowed
            for word in plain:  # a word typed before has its claims cached: a set intersection, not a search each
                cached = self._words.get(word)
                kept = kept & cached.members if cached is not None else {i for i in kept if word in ws[i]}

            def value(i: int) -> float:
                total = float(len(plain))
                for j, claims in close_claims.items():
                    total += 1.0 if i in few[j] else 0.5 + 0.4 * claims[i]
                return total / len(useful)

            ranked = heapq.nsmallest(count, ((40.0 + 30.0 * value(i), i) for i in kept),
                                     key=lambda pair: (-pair[0], pair[1]))
        if len(ranked) < count:
            excluded = taken | {i for _, i in ranked}
            ranked += self._rank_partial(words, useful, few, close_claims, count - len(ranked), allowed, excluded)
        return ranked

    def _rank_partial(self, words: list[bytes], useful: list[int], few: dict[int, set[int]],
                      close_claims: dict[int, dict[int, float]], count: int, allowed: set[int] | None,
                      excluded: set[int]) -> list[tuple[float, int]]:
        """Claims matching only some of the words: 40 x the share matched (a close word counts 0.5-0.9)."""
        n = len(words)
        present = [j for j in useful if j not in few or few[j] or close_claims.get(j)]
        if not present:
            return []
        if len(present) == 1 and not close_claims.get(present[0]):  # one word matches at all: its claims in order
            word = words[present[0]]
            found = self._scan(self._ws_blob, word, count, excluded, allowed, chunks=self._chunks(contains=[word]))
            return [(40.0 / n, i) for i in found]
        matched: Counter[int] = Counter()
        partly: dict[int, float] = {}
        for j in present:
            members = few[j] if j in few else self._word(words[j]).members
            matched.update(members)
            for i, close in close_claims.get(j, {}).items():
                if i not in members:
                    partly[i] = partly.get(i, 0.0) + 0.5 + 0.4 * close
        candidates = (matched.keys() | partly.keys()) - excluded
        if allowed is not None:
            candidates &= allowed
        best = heapq.nsmallest(count, candidates, key=lambda i: (-(matched.get(i, 0) + partly.get(i, 0.0)), i))
        return [(40.0 * (matched.get(i, 0) + partly.get(i, 0.0)) / n, i) for i in best]

    def _close_terms(self, word: bytes, partial: bool) -> dict[bytes, float]:
        """Vocabulary words close to `word` (cached), or none while the vocabulary is still being gathered."""
        index = self._index
        if index is None:
            return {}
        vocabulary = index.vocabulary
        key = (word, partial)
        terms = self._terms.get(key)
        if terms is None:
            terms = _close_terms(word, vocabulary, partial)
            self._terms[key] = terms
            if len(self._terms) > _CACHED_WORDS:
                self._terms.popitem(last=False)
        return terms

    def _claims_with(self, terms: dict[bytes, float], allowed: set[int] | None, count: int | None,
                     taken: Collection[int]) -> dict[int, float]:
        """Claims holding any of `terms` as a whole word, with the closeness of the closest one they hold.

        One search per term, closest first; with `count`, stop once that many claims are found.
        """
        result: dict[int, float] = {}
        for term, close in sorted(terms.items(), key=lambda item: -item[1]):
            room = len(self._ids) if count is None else count - len(result)
            if room <= 0:
                break
            skip = taken if count is None else {*taken, *result}
            for i in self._scan(self._ws_blob, b" " + term + b" ", room, skip, allowed,
                                chunks=self._chunks(whole=[term])):
                if close > result.get(i, -1.0):
                    result[i] = close
        return result

    def _gather_words(self) -> None:
        self._index = _WordIndex(self._ws, self._starts)
        self.vocabulary_ready.set()

    # Which field --------------------------------------------------------------------------------------------
    def _field(self, i: int, words: list[bytes], phrase: bytes, literal: bytes) -> str:
        """The field that matched best: the query in a row, then the most words and the best levels, then order."""
        parts = self._ws[i].split(_SEPARATOR)
        lit_parts = self._lit_blob[self._starts[i] : self._starts[i + 1] - 1].split(_SEPARATOR)
        if len(parts) != len(FIELDS) or len(lit_parts) != len(FIELDS):
            return "text"
        best, best_value = 0, 0.0
        for k, part in enumerate(parts):
            value = 0.0
            for word in words:
                if word in part:
                    value += 1 + (b" " + word in part) + (b" " + word + b" " in part)
                elif self._close_in(word, part):
                    value += 0.5
            if k == _ID:
                value *= 0.5  # an id is a slug of the claim's words: prefer the field a reader sees
            elif literal in lit_parts[k] and (len(words) != 1 or literal != words[0]):
                value += 3 * max(len(words), 1)
            if value > best_value:
                best, best_value = k, value
        return FIELDS[best]

    def _close_in(self, word: bytes, part: bytes) -> bool:
        """Whether `part` holds a vocabulary word found close to `word` in this search."""
        terms = self._terms.get((word, False)) or self._terms.get((word, True)) or {}
        return any(b" " + term + b" " in part for term in terms)


def _fuzzable(word: bytes) -> bool:
    """Long enough for a typo to be told from another word (and not digits, nor a script cp1252 lacks)."""
    return len(word) >= 4 and not word.isdigit() and b"\\" not in word


def _close_terms(word: bytes, vocabulary: list[bytes], partial: bool) -> dict[bytes, float]:
    """Vocabulary words (sorted) within a typo or two of `word`, and for the word being typed, of its start.

    Closeness runs from 0 (at the cut-off) to 1; only the closest one or two words are kept.
    """
    cutoff = 80.0 if len(word) < 7 else 75.0
    scores: dict[bytes, float] = {}
    for term, score, _ in process.extract(word, vocabulary, scorer=fuzz.ratio, score_cutoff=cutoff, limit=8):
        if word not in term:
            scores[term] = (score - cutoff) / (100.0 - cutoff)
    if partial and len(word) >= 5:
        low = bisect.bisect_left(vocabulary, word[:1])  # a typo while typing seldom hits the first letter
        high = bisect.bisect_left(vocabulary, word[:1] + b"\xff", low)
        for term, score, _ in process.extract(word, vocabulary[low:high], scorer=fuzz.partial_ratio,
                                               score_cutoff=80.0, limit=8):
            if len(term) > len(word) and word not in term:
                alignment = fuzz.partial_ratio_alignment(word, term)
                # close to the start of the word, as typing would be
                if alignment is not None and alignment.dest_start <= 1:
                    scores[term] = max(scores.get(term, 0.0), 0.9 * (score - 80.0) / 20.0)
    if not scores:
        return {}
    best = max(scores.values())
    ranked = sorted(scores.items(), key=lambda item: -item[1])[:_FUZZY_TERMS]
    return {term: close for term, close in ranked if close >= best - 0.15}


def _records(argument_map: ArgumentMap, clean: bool = False) -> list[str]:
    """One string per claim: its five fields between separators, padded with spaces."""
    names = {author.id: author.name for author in argument_map.authors}
    if not clean:
        return [
            f" {c.text} \x01 {c.quote.text if c.quote is not None else ''} \x01 {names.get(c.author, '')} {c.author}"
            f" \x01 {' '.join(c.topics)} \x01 {c.id} "
            for c in argument_map.claims
        ]
    blank = {0: " ", 1: " "}  # a field holds one of the two control characters used as separators
    return [
        " \x01 ".join(field.translate(blank) for field in (
            f" {c.text}", c.quote.text if c.quote is not None else "", f"{names.get(c.author, '')} {c.author}",
            " ".join(c.topics), f"{c.id} "))
        for c in argument_map.claims
    ]


def _normalize_records(argument_map: ArgumentMap) -> tuple[bytes, bytes, list[bytes], list[int]]:
    """Normalize every record at once, in C: `lit` (punctuation kept) and `ws` (punctuation turned to spaces).

    Returns both joined (records end with a NUL byte, at the same offsets in both), the `ws` records one by one,
    and where each record starts, ending with one past the end.
    """
    count = len(argument_map.claims)
    if not count:
        return b"", b"", [], [0]
    records = _records(argument_map)
    lit_blob, ws_blob, ws = _fold_all(records)
    if len(ws) != count or lit_blob.count(_SEPARATOR) != 4 * count:
        records = _records(argument_map, clean=True)
        lit_blob, ws_blob, ws = _fold_all(records)
    starts = [0, *accumulate(len(h) + 1 for h in ws)]
    if b"\\" in lit_blob:
        careful = {bisect.bisect_right(starts, m.start()) - 1 for m in _ESCAPE.finditer(lit_blob)}
        careful = {i for i in careful if not records[i].isascii()}  # not a literal backslash in the text
        if careful:
            # Characters cp1252 lacks (Cyrillic, Greek, Polish...): fold those records carefully, then all again.
            for i in careful:
                records[i] = _fold_text(records[i])
            lit_blob, ws_blob, ws = _fold_all(records)
            starts = [0, *accumulate(len(h) + 1 for h in ws)]
    return lit_blob, ws_blob, ws, starts


def _fold_all(records: list[str]) -> tuple[bytes, bytes, list[bytes]]:
    lit_blob = _fold_bytes("\x00".join(records) + "\x00")
    ws_blob = lit_blob.translate(_WORDS)
    return lit_blob, ws_blob, ws_blob.split(_END)[:-1]
