"""Pair the paragraphs of two rounds and say what became of each.

Takes two sequences of marked-up texts (paragraphs, or footnotes) and returns `Link`s:
which old paragraphs became which new ones — one to one (kept, renumbered, edited or
moved), one to several (split), several to one (merged), or none (inserted, deleted).
The caller (`diff.compare_rounds`) turns links into `ParagraphChange`s.

The stages, cheapest first, each working only on what the ones before left unpaired:

1. pairs the caller already knows (ids kept in a store, with their split/merge lineage);
2. identical texts, then texts identical once typography is folded (`normalize`);
3. splits and merges, between two anchors kept in order (where the parts of a split stand
   where the whole stood): consecutive paragraphs whose words are mostly found in one
   paragraph on the other side and together cover most of it;
4. edits in place: between the same anchors, paragraphs paired in order when similar
   enough (`edit_threshold`);
5. moves with edits: anywhere in the text, only when clearly similar (`move_threshold`).

What is left is inserted or deleted — so a paragraph replaced by unrelated text is a
deletion plus an insertion, never an interleaving of two texts.  Stages 3–5 look for
candidates through an index of word pairs (shingles), never by comparing every paragraph
with every other, so the cost stays near linear in the length of the text.

Similarity is the share of words two texts have in common in order (an LCS ratio,
computed by `diff` through the `similarity` callback); a multiset overlap, which can only
be higher, rules out most candidates before that costlier measure is taken.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from drafttool.compare.containers import Tree, pair_containers
from drafttool.compare.shingles import Side, index_shingles, longest_increasing, plausible, shingle_candidates
from drafttool.errors import DrafttoolError


class OptionError(DrafttoolError):
    """An alignment or diff option is out of its range."""


@dataclass(frozen=True, slots=True)
class AlignOptions:
    """Thresholds of the aligner; every one a share between 0 and 1."""

    edit_threshold: float = 0.4
    """Least similarity for two paragraphs between the same anchors to be one edited paragraph."""
    move_threshold: float = 0.5
    """Least similarity for paragraphs far apart to be one paragraph moved (and edited)."""
    part_containment: float = 0.6
    """Least share of a part's word pairs found in the whole, for splits and merges."""
    whole_coverage: float = 0.6
    """Least share of the whole's word pairs found in its parts, for splits and merges."""
    max_postings: int = 64
    """Word pairs found in more paragraphs than this are too common to find candidates by."""
    container_threshold: float = 0.5
    """Least share of words two containers (heading words and the paragraphs they hold)
    have in common to be paired wherever they stand."""
    rewrite_similarity: float = 0.25
    """Least similarity of a heavy edit in place (`_Aligner.rewrites`)."""
    rewrite_pairs: float = 0.2
    """Least share of word pairs in common of a heavy edit in place."""

    def __post_init__(self) -> None:
        for name in ("edit_threshold", "move_threshold", "part_containment", "whole_coverage",
                     "container_threshold", "rewrite_similarity", "rewrite_pairs"):
            value = getattr(self, name)
            if not 0 < value <= 1:
                raise OptionError(f"{name.replace('_', '-')} must be more than 0 and at most 1, but got {value}")
        if self.max_postings < 2:
            raise OptionError(f"max-postings must be at least 2, but got {self.max_postings}")


Scope = tuple[list[int], list[int], list["Link"]]
"""What one pair of containers holds on each side (in order), and the links between them."""


@dataclass(frozen=True, slots=True)
class Link:
    """Old paragraphs (indexes) that became new ones (indexes)."""

    old: tuple[int, ...]
    new: tuple[int, ...]
    similarity: float = 1.0
    moved: bool = False
    """Out of the reading order: outside the longest run of links kept in order."""
    own_move: bool = False
    """Moved of its own: left its parent (container or chapeau) for one that is not its
    parent's successor, or out of order among what its parent holds.  What a moved
    Article holds is `moved` (out of the reading order) but not `own_move`."""


class _Aligner:
    def __init__(self, old: Side, new: Side, similarity: Callable[[int, int], float], options: AlignOptions) -> None:
        self.old, self.new = old, new
        self.similarity = similarity
        self.options = options
        self.links: list[Link] = []
        self.find_splits = True
        self._chain: tuple[tuple[int, int], list[tuple[int, int]]] | None = None
        """The last chain of anchors worked out, and which links it was of."""
        self.bounds: set[tuple[int, int]] = set()
        """Every anchor used as the bound of a gap so far."""
        self.repeats_in_order = False
        """Inside containers, a text repeated as often on each side pairs in order."""
        self.not_anchors: set[tuple[int, int]] = set()
        """Pairs of identical texts found out of order once the rest was paired: moved, so
        never a bound of a gap (`align_texts`)."""

    def link(self, old: tuple[int, ...], new: tuple[int, ...], similarity: float = 1.0) -> None:
        for i in old:
            self.old.linked[i] = True
        for j in new:
            self.new.linked[j] = True
        self.links.append(Link(old, new, similarity))

    def compatible(self, i: int, j: int) -> bool:
        return self.old.groups[i] == self.new.groups[j]

    # Stage 2 --------------------------------------------------------------------------
    def exact(self, normalised: bool = False) -> None:
        """Pair equal texts (equal once typography is folded, with `normalised`), repeated
        texts in their order."""
        old, new = self.old, self.new
        waiting: dict[tuple[str, str], list[int]] = defaultdict(list)
        for i in old.free():
            waiting[(old.groups[i], old.key(i) if normalised else old.texts[i])].append(i)
        free_new = new.free()
        keys = [(new.groups[j], new.key(j) if normalised else new.texts[j]) for j in free_new]
        repeated = {key for key, queue in waiting.items() if len(queue) > 1}
        coming = Counter(key for key in keys if key in repeated) if repeated else Counter()
        scale = len(old.texts) / max(1, len(new.texts))
        for j, found in zip(free_new, keys):
            queue = waiting.get(found)
            if queue:
                # A text found as often on each side pairs in order; otherwise each copy
                # pairs with the one nearest its place.
                if len(queue) == 1 or (self.repeats_in_order and len(queue) == coming[found]):
                    k = 0
                else:
                    k = min(range(len(queue)), key=lambda n: abs(queue[n] - j * scale))
                if found in coming:  # only repeated texts are counted (a Counter's default is a Python call)
                    coming[found] -= 1
                i = queue.pop(k)
                old.linked[i] = new.linked[j] = True
                self.links.append(Link((i,), (j,)))

    # Stage 3 --------------------------------------------------------------------------
    def splits(self, whole: Side, parts: Side, as_split: bool, wholes: list[int], free_parts: list[int]) -> None:
        """Consecutive free `parts` each mostly inside one free `whole`, covering it."""
        options = self.options
        if not wholes or len(free_parts) < 2:
            return
        wholes = [i for i in wholes if not whole.linked[i] and whole.shingles(i)]
        free_parts = [j for j in free_parts if not parts.linked[j] and parts.shingles(j)]
        if not wholes or len(free_parts) < 2:
            return
        best: dict[int, int] = {}
        if len(wholes) * len(free_parts) <= 400:
            for j in free_parts:  # a small gap: measure every pair
                shingles = parts.shingles(j)
                nearest = max(wholes, key=lambda i: len(shingles & whole.shingles(i)))
                if (len(shingles & whole.shingles(nearest)) / len(shingles) >= options.part_containment
                        and whole.groups[nearest] == parts.groups[j]):
                    best[j] = nearest
        else:
            index = index_shingles(whole, wholes, options.max_postings)
            for j in free_parts:
                shingles = parts.shingles(j)
                for shared, candidate in shingle_candidates(index, shingles, 3):
                    if shared / len(shingles) >= options.part_containment and whole.groups[candidate] == parts.groups[j]:
                        best[j] = candidate
                        break
        run: list[int] = []
        for j in free_parts:
            found = best.get(j)
            if run and (found is None or j != run[-1] + 1 or found != best[run[0]]):
                self._take_run(whole, parts, run, best[run[0]], as_split)
                run = []
            if found is not None:
                run.append(j)
        if run:
            self._take_run(whole, parts, run, best[run[0]], as_split)

    def _take_run(self, whole: Side, parts: Side, run: list[int], i: int, as_split: bool) -> None:
        if len(run) < 2 or whole.linked[i]:
            return
        target = whole.shingles(i)
        covered = frozenset().union(*(parts.shingles(j) for j in run)) & target
        similarity = len(covered) / len(target)
        if similarity < self.options.whole_coverage:
            return
        if as_split:
            self.link((i,), tuple(run), similarity)
        else:
            self.link(tuple(run), (i,), similarity)

    # Stage 4 --------------------------------------------------------------------------
    def gaps(self, scope: Scope) -> list[tuple[list[int], list[int]]]:
        """Free paragraphs between consecutive in-order anchors: (olds, news) per gap, within
        one pair of containers (`scope`: what they hold, and the links between them)."""
        olds, news, links = scope
        free_old = [i for i in olds if not self.old.linked[i]]
        free_new = [j for j in news if not self.new.linked[j]]
        found = self.gap_chain(links)
        self.bounds.update(found)
        if not free_old or not free_new:
            return []
        chain = [pair for pair in found if pair not in self.not_anchors] if self.not_anchors else found
        # Each free paragraph is placed in its gap by a binary search over the anchors (gap
        # k lies between anchors k - 1 and k): the work grows with the free paragraphs, a
        # few in a hundred, not with the anchors, the whole text.
        old_gaps: dict[int, list[int]] = defaultdict(list)
        anchors = [i for i, _ in chain]
        for i in free_old:
            old_gaps[bisect_left(anchors, i)].append(i)
        new_gaps: dict[int, list[int]] = defaultdict(list)
        anchors = [j for _, j in chain]
        for j in free_new:
            new_gaps[bisect_left(anchors, j)].append(j)
        return [(old_gaps[k], new_gaps[k]) for k in sorted(old_gaps.keys() & new_gaps.keys())]

    @staticmethod
    def chain(links: Sequence[Link]) -> list[tuple[int, int]]:
        """The links kept in order, as (first old, first new) pairs."""
        # Most links pair one paragraph with one: their first is their only one, no min() needed.
        anchors = [(link.old[0], link.new[0]) if len(link.old) == 1 == len(link.new)
                   else (min(link.old), min(link.new)) for link in links if link.old and link.new]
        anchors.sort(key=lambda pair: pair[1])
        return [anchors[k] for k in sorted(longest_increasing([old for old, _ in anchors]))]

    def gap_chain(self, links: list[Link]) -> list[tuple[int, int]]:
        """`chain(links)`, kept for the gaps that follow while the links stay the same."""
        if links is not self.links:
            return self.chain(links)
        key = (id(links), len(links))  # the aligner's own links only grow, or are replaced
        if self._chain is None or self._chain[0] != key:
            self._chain = (key, self.chain(links))
        return self._chain[1]

    def restart(self, links: list[Link]) -> None:
        """Forget every link but `links`."""
        self.links = list(links)
        self.old.linked = [False] * len(self.old.texts)
        self.new.linked = [False] * len(self.new.texts)
        for link in links:
            for i in link.old:
                self.old.linked[i] = True
            for j in link.new:
                self.new.linked[j] = True

    def in_place(self, scope: Scope) -> None:
        """Pair free paragraphs in order within each gap between in-order anchors."""
        for gap_old, gap_new in self.gaps(scope):
            if self.find_splits:
                # Stage 3, within the gap: the parts of a split stand where the whole stood.
                self.splits(self.old, self.new, True, gap_old, gap_new)
                self.splits(self.new, self.old, False, gap_new, gap_old)
                gap_old = [i for i in gap_old if not self.old.linked[i]]
                gap_new = [j for j in gap_new if not self.new.linked[j]]
            if gap_old and gap_new:
                self._pair_gap(gap_old, gap_new)

    def rewrite(self, i: int, j: int) -> None:
        """A heavy edit in place: the only free paragraph on each side of a gap, of the same
        group, are one paragraph rewritten when they keep a quarter of their words in
        order and a fifth of their word pairs (`AlignOptions`); unrelated text keeps fewer,
        and stays a deletion plus an insertion."""
        if not self.compatible(i, j):
            return
        a, b = self.old.shingles(i), self.new.shingles(j)
        if not a or not b or 2 * len(a & b) / (len(a) + len(b)) < self.options.rewrite_pairs:
            return
        value = self.similarity(i, j)
        if value >= self.options.rewrite_similarity:
            self.link((i,), (j,), value)

    def _pair_gap(self, olds: list[int], news: list[int], threshold: float | None = None) -> None:
        threshold = self.options.edit_threshold if threshold is None else threshold
        if len(olds) == 1 and len(news) == 1:
            # The commonest gap: one paragraph edited in place.  Its word diff is needed
            # anyway if it is kept, so it is measured at once, without cheaper tests first.
            i, j = olds[0], news[0]
            if self.compatible(i, j):
                value = self.similarity(i, j)
                if value >= threshold:
                    self.link((i,), (j,), value)
            return
        if len(olds) * len(news) > 400:
            self.across(olds, news, threshold)  # a long gap: search by index instead
            return
        score: dict[tuple[int, int], float] = {}
        for i in olds:
            for j in news:
                if self.compatible(i, j) and plausible(self.old, i, self.new, j, threshold):
                    value = self.similarity(i, j)
                    if value >= threshold:
                        score[(i, j)] = value
        if not score:
            return
        # Order-preserving pairing of greatest total similarity (a weighted LCS).
        rows, cols = len(olds), len(news)
        table = [[0.0] * (cols + 1) for _ in range(rows + 1)]
        for r in range(rows - 1, -1, -1):
            for c in range(cols - 1, -1, -1):
                pair = score.get((olds[r], news[c]), 0.0)
                table[r][c] = max(table[r + 1][c], table[r][c + 1], table[r + 1][c + 1] + pair if pair else 0.0)
        r = c = 0
        while r < rows and c < cols:
            pair = score.get((olds[r], news[c]), 0.0)
            if pair and table[r][c] == table[r + 1][c + 1] + pair:
                self.link((olds[r],), (news[c],), pair)
                r, c = r + 1, c + 1
            elif table[r + 1][c] >= table[r][c + 1]:
                r += 1
            else:
                c += 1

    # Stage 5 --------------------------------------------------------------------------
    def across(self, olds: list[int], news: list[int], threshold: float) -> None:
        """Pair free paragraphs anywhere, best pairs first, through the shingle index."""
        olds = [i for i in olds if not self.old.linked[i]]
        news = [j for j in news if not self.new.linked[j]]
        if not olds or not news:
            return
        index = index_shingles(self.old, olds, self.options.max_postings)
        found: list[tuple[float, int, int]] = []
        for j in news:
            shingles = self.new.shingles(j)
            candidates = [i for _, i in shingle_candidates(index, shingles, 4)] if shingles else []
            for i in candidates:
                if self.compatible(i, j) and plausible(self.old, i, self.new, j, threshold):
                    value = self.similarity(i, j)
                    if value >= threshold:
                        found.append((value, i, j))
        for value, i, j in sorted(found, key=lambda item: (-item[0], item[2], item[1])):
            if not self.old.linked[i] and not self.new.linked[j]:
                self.link((i,), (j,), value)


def align_texts(
    old_texts: Sequence[str],
    new_texts: Sequence[str],
    *,
    similarity: Callable[[int, int], float],
    options: AlignOptions = AlignOptions(),
    old_groups: Sequence[str] | None = None,
    new_groups: Sequence[str] | None = None,
    known: Sequence[tuple[tuple[int, ...], tuple[int, ...]]] = (),
    splits: bool = True,
    old_tree: Tree | None = None,
    new_tree: Tree | None = None,
) -> list[Link]:
    """Links between two sequences of texts, in the order of the new one (module docstring).

    `groups` keep kinds apart (a heading is paired with a paragraph only in place, when
    clearly similar); `known` are links the caller is sure of (stage 1);
    `similarity(i, j)` measures old i against new j; `splits=False` skips stage 3
    (footnotes are not split or merged); the trees say which container each text stands
    in (Articles, options…): containers are paired first, by their content, then the
    paragraphs inside each pair, and only then what is left across containers.
    """
    base_old = list(old_groups or [""] * len(old_texts))
    base_new = list(new_groups or [""] * len(new_texts))
    old_tree = old_tree or Tree([-1] * len(old_texts), [""] * len(old_texts))
    new_tree = new_tree or Tree([-1] * len(new_texts), [""] * len(new_texts))
    old = Side(old_texts, base_old)
    new = Side(new_texts, base_new)
    aligner = _Aligner(old, new, similarity, options)
    aligner.find_splits = splits
    aligner.repeats_in_order = old_tree.has_containers or new_tree.has_containers
    for old_part, new_part in known:
        aligner.link(tuple(old_part), tuple(new_part))
    pairs = pair_containers(old_texts, new_texts, old_tree, new_tree, options.container_threshold)
    for a, b in pairs.items():
        if not old.linked[a] and not new.linked[b]:
            aligner.link((a,), (b,), similarity(a, b) if old_texts[a] != new_texts[b] else 1.0)
    key_of = {a: f"k{a}" for a in pairs}
    key_of_new = {b: f"k{a}" for a, b in pairs.items()}

    def scoped(base: list[str], tree: Tree, keys: dict[int, str], side: str) -> list[str]:
        # A container record is never paired by text; the rest only inside paired containers.
        return [f"{side}{i}" if tree.scope[i] else
                f"{group}|{keys.get(tree.container[i], f'{side}{tree.container[i]}') if tree.container[i] != -1 else ''}"
                for i, group in enumerate(base)]

    # Pass A: inside paired containers (the whole text when there are none).
    old.groups = scoped(base_old, old_tree, key_of, "o")
    new.groups = scoped(base_new, new_tree, key_of_new, "n")
    aligner.exact()
    aligner.exact(normalised=True)
    members = _Members(old_tree, new_tree, pairs)
    exact = list(aligner.links)
    for scope in members.scopes(aligner.links):
        aligner.in_place(scope)
    before = set(aligner.bounds)
    aligner.across(old.free(), new.free(), options.move_threshold)
    # An identical text taken for a bound of the gaps may prove out of order once the
    # paragraphs around it are paired (a short paragraph moved past a split and a merge):
    # then the rest is paired again without it as a bound.
    after = {pair for scope in members.scopes(aligner.links) for pair in aligner.gap_chain(scope[2])}
    stale = before - after
    if stale:
        aligner.restart(exact)
        aligner.not_anchors = stale
        for scope in members.scopes(aligner.links):
            aligner.in_place(scope)
        aligner.across(old.free(), new.free(), options.move_threshold)
    if pairs or old_tree.has_containers or new_tree.has_containers:
        # Pass B: across containers, for what really moved; repeated and short lines
        # ('Option 1:', '[Placeholder]') follow their container and are never paired so.
        old.groups = _boilerplate(old, base_old, old_tree, "o")
        new.groups = _boilerplate(new, base_new, new_tree, "n")
        aligner.exact()
        aligner.exact(normalised=True)
        aligner.across(old.free(), new.free(), options.move_threshold)
    # Pass C: in place, a heading that became a paragraph or the reverse (clearly similar),
    # and heavy edits in place (one free paragraph on each side of a gap, of one group).
    old.groups = scoped([""] * len(old_texts), old_tree, key_of, "o")
    new.groups = scoped([""] * len(new_texts), new_tree, key_of_new, "n")
    for scope in members.scopes(aligner.links):
        for gap_old, gap_new in aligner.gaps(scope):
            if len(gap_old) == 1 and len(gap_new) == 1 and _in_cell(old_tree, gap_old[0]) \
                    and _in_cell(new_tree, gap_new[0]):
                # A table cell is known by its place: what is left in it is its text rewritten.
                aligner.link((gap_old[0],), (gap_new[0],), similarity(gap_old[0], gap_new[0]))
            elif len(gap_old) == 1 and len(gap_new) == 1 and base_old[gap_old[0]] == base_new[gap_new[0]]:
                aligner.rewrite(gap_old[0], gap_new[0])
            elif len({base_old[i] for i in gap_old} | {base_new[j] for j in gap_new}) > 1:
                aligner._pair_gap(gap_old, gap_new, options.move_threshold)
    return _finish(aligner.links, old, new, old_tree, new_tree, pairs)


def _in_cell(tree: Tree, i: int) -> bool:
    return tree.container[i] != -1 and tree.scope[tree.container[i]] == "cell"


class _Members:
    """What each pair of containers holds directly (the top of the text first), in order."""

    def __init__(self, old_tree: Tree, new_tree: Tree, pairs: dict[int, int]) -> None:
        self.old_tree, self.new_tree, self.pairs = old_tree, new_tree, pairs
        old_in: dict[int, list[int]] = defaultdict(list)
        new_in: dict[int, list[int]] = defaultdict(list)
        for i, c in enumerate(old_tree.container):
            old_in[c].append(i)
        for j, c in enumerate(new_tree.container):
            new_in[c].append(j)
        self.members = [(a, old_in.get(a, []), new_in.get(b, [])) for a, b in [(-1, -1), *sorted(pairs.items())]]

    def scopes(self, links: list[Link]) -> list[Scope]:
        """Each pair's members and the links between them."""
        if not self.pairs and len(self.members) == 1:  # no containers: the whole text
            _, olds, news = self.members[0]
            return [(olds, news, links)] if olds and news else []
        inside: dict[int, list[Link]] = defaultdict(list)
        old_in, new_in, pairs = self.old_tree.container, self.new_tree.container, self.pairs
        for link in links:
            if link.old and link.new:
                a, b = old_in[min(link.old)], new_in[min(link.new)]
                if (a == -1 and b == -1) or pairs.get(a, -2) == b:
                    inside[a].append(link)
        return [(olds, news, inside.get(a, [])) for a, olds, news in self.members if olds and news]


def _boilerplate(side: Side, base: list[str], tree: Tree, name: str) -> list[str]:
    """Groups for pairing across containers: texts repeated in the round, texts of fewer
    than three words and container records stand alone."""
    count = Counter(side.texts)
    groups = list(base)
    for i in side.free():
        if tree.scope[i] or count[side.texts[i]] > 1 or len(side.words(i)) < 3:
            groups[i] = f"{name}{i}"
    return groups


def _finish(links: list[Link], old: Side, new: Side, old_tree: Tree, new_tree: Tree,
            pairs: dict[int, int]) -> list[Link]:
    """Add insertions and deletions, flag moves, and order links as the new text runs,
    each deleted paragraph after the link that holds the old paragraph before it.

    A link is `moved` when it is out of the reading order (what writers of tracked changes
    move), and `own_move` when it left its parent (container or chapeau) for one that is
    not its parent's successor, or stands out of order among what its parent holds; so a
    container or a chapeau that moved is one move, and what it holds moved with it."""
    paired = sorted((link for link in links if link.old and link.new), key=lambda link: min(link.new))
    in_order = longest_increasing([min(link.old) for link in paired])
    moved: set[int] = set()
    if not (old_tree.has_containers or new_tree.has_containers):
        moved = {k for k in range(len(paired)) if k not in in_order}  # without containers: the reading order
    else:  # within each parent (container or chapeau), by the order of what it holds
        partner = {min(link.old): min(link.new) for link in paired}
        by_context: dict[tuple[int, int], list[int]] = defaultdict(list)
        for k, link in enumerate(paired):
            a, b = old_tree.context(min(link.old)), new_tree.context(min(link.new))
            if (a == -1) != (b == -1) or (a != -1 and partner.get(a) != b):
                moved.add(k)
            else:
                by_context[(a, b)].append(k)
        for members in by_context.values():
            if len(members) < 2:
                continue
            kept = longest_increasing([min(paired[k].old) for k in members])
            moved.update(k for position, k in enumerate(members) if position not in kept)
    result = [link if k in in_order and k not in moved else
              Link(link.old, link.new, link.similarity, moved=True, own_move=k in moved)
              for k, link in enumerate(paired)]
    result += [Link((), (j,)) for j in new.free()]
    result.sort(key=lambda link: min(link.new))
    holder: dict[int, int] = {}
    for position, link in enumerate(result):
        for i in link.old:
            holder[i] = position
    after: dict[int, list[Link]] = defaultdict(list)
    last = -1
    for i in range(len(old.texts)):
        if i in holder:
            last = holder[i]
        elif not old.linked[i]:
            after[last].append(Link((i,), ()))
    ordered = list(after.get(-1, []))
    for position, link in enumerate(result):
        ordered.append(link)
        ordered.extend(after.get(position, []))
    return ordered
