"""Pair the containers of two rounds — Articles, annexes, options, tables — by what they hold.

Takes each round's texts and its tree (`Tree`: the container record each paragraph stands
in) and returns which old container became which new one.  A container is known by its
content, never by its number: 'Article 4 (adaptation)' and the next round's 'Article 4
(mitigation)' hold different words, and the Article that was 4 and is now 7 holds the
same ones.

1. Anchors: paragraphs whose text is found once in each round, and nowhere else.
2. Every anchor votes for the pair of containers it stands in (and their parents, level
   by level); voted pairs of the same scope are scored by the word pairs they have in
   common (heading words and every paragraph held, at any depth) and paired, best first,
   when they share at least `AlignOptions.container_threshold` of them.
3. Then, inside each pair of parents (the whole text first), the containers left between
   two paired neighbours are paired in order when they are of the same scope and share a
   quarter of their word pairs, or hold no words at all ('Option 2:' with nothing after
   it follows its neighbours); the rows and cells of paired tables, and a table alone of
   its kind between paired neighbours, pair in order whatever their words (a table has no
   words of its own: its place is what it is, and a cell whose only word lost a letter is
   still that cell); what is left pairs with a container of the same scope that holds
   exactly the same words (an option moved within its Article).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass


IN_ORDER_SHARE = 0.25
"""Least share of word pairs for containers between the same paired neighbours."""

BY_PLACE = ("row", "cell")
"""Scopes paired in order inside their paired table, whatever their words."""


@dataclass(frozen=True, slots=True)
class Tree:
    """Where each paragraph of a round stands."""

    container: Sequence[int]
    """For each paragraph, the index of the container record it is in; -1 at the top."""
    scope: Sequence[str]
    """For a container record, its scope ('article', 'option'…); '' for other records."""
    parent: Sequence[int] = ()
    """For each paragraph, the index of its parent record (container, chapeau or heading);
    -1 for none.  Empty: the containers stand for the parents."""

    def context(self, i: int) -> int:
        """What a paragraph's order is judged within: its parent, or the whole text (-1)."""
        return self.parent[i] if self.parent else self.container[i]

    @property
    def has_containers(self) -> bool:
        return any(self.scope)


def _features(texts: Sequence[str], tree: Tree) -> dict[int, set[int]]:
    """Word pairs (and the words of one-word texts) of each container and all it holds."""
    out: dict[int, set[int]] = {c: set() for c, scope in enumerate(tree.scope) if scope}
    for i, text in enumerate(texts):
        found = text.casefold().split()
        if not found:
            continue
        mine = {hash(w) for w in found} if len(found) < 2 else {hash(p) for p in zip(found, found[1:])}
        c = i if tree.scope[i] else tree.container[i]
        while c != -1:
            out[c] |= mine
            c = tree.container[c]
    return out


def _share(a: set[int], b: set[int]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 1.0


def pair_containers(old_texts: Sequence[str], new_texts: Sequence[str], old_tree: Tree, new_tree: Tree,
                    threshold: float) -> dict[int, int]:
    """Old container index → new container index (module docstring)."""
    from drafttool.compare.shingles import longest_increasing

    if not old_tree.has_containers or not new_tree.has_containers:
        return {}
    old_features, new_features = _features(old_texts, old_tree), _features(new_texts, new_tree)
    # 1. Anchors: texts found once in each round.
    old_keys = [t if not old_tree.scope[i] else "" for i, t in enumerate(old_texts)]
    new_keys = [t if not new_tree.scope[j] else "" for j, t in enumerate(new_texts)]
    old_count, new_count = Counter(old_keys), Counter(new_keys)
    new_at = {key: j for j, key in enumerate(new_keys) if key and new_count[key] == 1}
    votes: Counter[tuple[int, int]] = Counter()
    for i, key in enumerate(old_keys):
        j = new_at.get(key, -1) if key and old_count[key] == 1 else -1
        if j == -1:
            continue
        a, b = old_tree.container[i], new_tree.container[j]
        while a != -1 and b != -1:
            votes[(a, b)] += 1
            a, b = old_tree.container[a], new_tree.container[b]
    # 2. Voted pairs, best first.
    scored = sorted(((_share(old_features[a], new_features[b]), a, b) for a, b in votes
                     if old_tree.scope[a] == new_tree.scope[b]), key=lambda item: (-item[0], item[1], item[2]))
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for score, a, b in scored:
        if score >= threshold and a not in pairs and b not in taken:
            pairs[a] = b
            taken.add(b)
    # 3. In order between paired neighbours, parents first.
    old_children: dict[int, list[int]] = defaultdict(list)
    new_children: dict[int, list[int]] = defaultdict(list)
    for c, scope in enumerate(old_tree.scope):
        if scope:
            old_children[old_tree.container[c]].append(c)
    for c, scope in enumerate(new_tree.scope):
        if scope:
            new_children[new_tree.container[c]].append(c)
    queue = [(-1, -1), *sorted(pairs.items())]
    done: set[tuple[int, int]] = set()
    while queue:
        parent = queue.pop(0)
        if parent in done:
            continue
        done.add(parent)
        olds, news = old_children.get(parent[0], []), new_children.get(parent[1], [])
        position = {b: k for k, b in enumerate(news)}
        linked = [(k, position[pairs[a]]) for k, a in enumerate(olds) if pairs.get(a) in position]
        chain = [linked[k] for k in sorted(longest_increasing([n for _, n in linked]))]
        bounds = [(-1, -1), *chain, (len(olds), len(news))]
        for (o0, n0), (o1, n1) in zip(bounds, bounds[1:]):
            start = n0 + 1
            gap_scopes = Counter(old_tree.scope[a] for a in olds[o0 + 1:o1] if a not in pairs)
            new_scopes = Counter(new_tree.scope[b] for b in news[n0 + 1:n1] if b not in taken)
            for a in olds[o0 + 1:o1]:
                if a in pairs:
                    continue
                scope = old_tree.scope[a]
                by_place = scope in BY_PLACE or (scope == "table" and gap_scopes[scope] == new_scopes[scope] == 1)
                for n in range(start, n1):
                    b = news[n]
                    if b in taken or scope != new_tree.scope[b]:
                        continue
                    fa, fb = old_features[a], new_features[b]
                    if by_place or (not fa and not fb) or _share(fa, fb) >= IN_ORDER_SHARE:
                        pairs[a] = b
                        taken.add(b)
                        queue.append((a, b))
                        start = n + 1
                        break
        # Left over, a container holding exactly the words of one left in the parent's
        # successor is that container, moved among its neighbours.
        same: dict[tuple[str, frozenset[int]], list[int]] = defaultdict(list)
        for b in news:
            if b not in taken and new_features[b]:
                same[(new_tree.scope[b], frozenset(new_features[b]))].append(b)
        for a in olds:
            found = same.get((old_tree.scope[a], frozenset(old_features[a]))) if a not in pairs else None
            if found:
                b = found.pop(0)
                pairs[a] = b
                taken.add(b)
                queue.append((a, b))
        queue += [(a, pairs[a]) for a in olds if a in pairs and (a, pairs[a]) not in done]
    return pairs
