"""What the aligner knows of each round's texts, and how it finds candidate pairs cheaply.

Takes the texts of one round (`Side`: their words, normalised keys, word pairs and word
counts, each worked out once, when first asked for); gives the cheap tests a pair must pass
before its in-order similarity is measured (`upper_bound`, `plausible`), the index of word
pairs (shingles) that finds candidates without comparing every paragraph with every other
(`index_shingles`, `shingle_candidates`), and the longest increasing subsequence that says which
pairs stand in order (`longest_increasing`).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from drafttool.text.normalize import paragraph_key, words


@dataclass
class Side:
    """One round's texts and what the stages have learnt about them."""

    texts: Sequence[str]
    groups: Sequence[str]
    linked: list[bool] = field(default_factory=list)
    _words: dict[int, list[str]] = field(default_factory=dict)
    _shingles: dict[int, frozenset[int]] = field(default_factory=dict)
    _counts: dict[int, Counter[str]] = field(default_factory=dict)
    _keys: dict[int, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.linked = [False] * len(self.texts)

    def free(self) -> list[int]:
        return [i for i, linked in enumerate(self.linked) if not linked]

    def key(self, i: int) -> str:
        if i not in self._keys:
            self._keys[i] = paragraph_key(self.texts[i])
        return self._keys[i]

    def words(self, i: int) -> list[str]:
        if i not in self._words:
            self._words[i] = words(self.texts[i])
        return self._words[i]

    def shingles(self, i: int) -> frozenset[int]:
        """Hashes of consecutive word pairs (single words for texts of one word)."""
        if i not in self._shingles:
            found = self.words(i)
            if len(found) < 2:
                self._shingles[i] = frozenset(hash(w) for w in found)
            else:
                self._shingles[i] = frozenset(hash((a, b)) for a, b in zip(found, found[1:]))
        return self._shingles[i]

    def counts(self, i: int) -> Counter[str]:
        if i not in self._counts:
            self._counts[i] = Counter(self.words(i))
        return self._counts[i]


def upper_bound(old: Side, i: int, new: Side, j: int) -> float:
    """A multiset overlap of words: never below the in-order similarity."""
    a, b = old.counts(i), new.counts(j)
    total = sum(a.values()) + sum(b.values())
    if not total:
        return 1.0
    if len(a) > len(b):
        a, b = b, a
    common = sum(min(count, b[word]) for word, count in a.items() if word in b)
    return 2 * common / total


def plausible(old: Side, i: int, new: Side, j: int, threshold: float) -> bool:
    """Cheap tests a pair must pass before its in-order similarity is measured: the word
    overlap (an upper bound of it) and, for texts of some length, a share of word pairs in
    common — unrelated paragraphs of one negotiation share words ('de la', 'the') but
    seldom pairs of them (below 0.13 for nine in ten such pairs of the seed declaration,
    while paragraphs with half their words replaced keep 0.19 or more)."""
    if upper_bound(old, i, new, j) < threshold:
        return False
    a, b = old.shingles(i), new.shingles(j)
    if len(a) < 6 or len(b) < 6:
        return True
    return 2 * len(a & b) / (len(a) + len(b)) >= MIN_PAIR_SHARE


MIN_PAIR_SHARE = 0.15
"""Least share of word pairs two long paragraphs must have in common to be compared."""


def index_shingles(side: Side, members: list[int], max_postings: int) -> dict[int, list[int]]:
    index: dict[int, list[int]] = defaultdict(list)
    for i in members:
        for shingle in side.shingles(i):
            index[shingle].append(i)
    return {k: v for k, v in index.items() if len(v) <= max_postings}


def shingle_candidates(index: dict[int, list[int]], shingles: frozenset[int], limit: int) -> list[tuple[int, int]]:
    """Members of the index sharing the most shingles: (shared count, member)."""
    shared: dict[int, int] = {}
    get = index.get
    for shingle in shingles:
        for member in get(shingle, ()):
            shared[member] = shared.get(member, 0) + 1
    if len(shared) <= limit:
        return sorted(((count, member) for member, count in shared.items()), key=lambda item: (-item[0], item[1]))
    import heapq

    return [(count, member) for member, count in
            heapq.nsmallest(limit, shared.items(), key=lambda item: (-item[1], item[0]))]


def longest_increasing(values: Sequence[int]) -> set[int]:
    """Positions of a longest strictly increasing subsequence (patience sorting)."""
    tails: list[int] = []
    tail_positions: list[int] = []
    previous = [-1] * len(values)
    for position, value in enumerate(values):
        k = bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_positions.append(position)
        else:
            tails[k] = value
            tail_positions[k] = position
        previous[position] = tail_positions[k - 1] if k else -1
    chosen: set[int] = set()
    position = tail_positions[-1] if tail_positions else -1
    while position != -1:
        chosen.add(position)
        position = previous[position]
    return chosen
