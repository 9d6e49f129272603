"""Generate two rounds of an Article-structured agreement and the true alignment between them.

The shapes real negotiated agreements have and the resolution generator (`generate.py`)
lacks: a preamble of comma-ended paragraphs without italics; Articles (containers) with a
heading, numbering restarting at 1 in each, chapeaux with lettered items, sub-headings,
options ('Option 1:', 'Option 2:' holding paragraphs, 'Option 2: Pas de texte') and
repeated boilerplate lines ('[Espace réservé]'); and between rounds: Articles moved and
renumbered, inserted and deleted, their headings edited; paragraphs edited lightly,
heavily, or rewritten in place (a heavy edit in place, as the README defines it);
paragraphs replaced by unrelated text, moved within their Article or to another, split,
merged, inserted and deleted; placeholders deleted in one Article while others keep
theirs; an option dropped; sub-headings that become paragraphs and the reverse.

Takes a size N (paragraph records of the old round) and a seed; returns a
`generate.Benchmark` whose truth uses the ops of `generate.OPS`, with moves judged
within containers: a paragraph moved when it left its container (for one that is not
its container's successor) or stands out of order among what its container holds, so an
Article that moved is one move and what it holds is unchanged.

The rounds are built as `Round`s in the container model (`Kind.CONTAINER`, `Scope`,
path ids) and scored as built.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import generate
from generate import Benchmark, TrueChange, Vocabulary, changed_share, heavy_edit, light_edit, unique

from drafttool.model import Kind, Paragraph, Round, Scope
from drafttool.renderers.markdown import render_round_markdown
from drafttool.text.normalize import paragraph_key, words

PLACEHOLDER = "[Espace réservé]"
NO_TEXT = "Pas de texte"
REWRITE_SIMILARITY, REWRITE_PAIRS = 0.25, 0.2
"""A heavy edit in place keeps at least these shares (README, 'heavy edit in place')."""

MIX = {
    "edited": 0.04, "heavy": 0.01, "rewritten": 0.01, "replaced": 0.003, "moved": 0.006, "moved_across": 0.004,
    "split": 0.004, "merged": 0.004, "inserted": 0.008, "deleted": 0.008, "placeholder": 0.003,
    "heading_to_paragraph": 0.002, "paragraph_to_heading": 0.002,
    "article_moved": 0.002, "article_inserted": 0.002, "article_deleted": 0.002, "article_heading": 0.004,
    "option_dropped": 0.002, "preamble": 0.002,
}
"""Rates of each change, as a share of the old round's paragraph records."""


@dataclass(eq=False)
class Item:
    """A paragraph record while a round is built; labels and ids come last (`_flatten`).
    Compared by identity: two items with the same words are still two paragraphs."""

    kind: Kind
    text: str
    scope: Scope | None = None
    children: list[Item] = field(default_factory=list)
    origin: tuple[int, ...] = ()
    op: str = ""
    note: str = ""
    index: int = -1
    """Position in the old round (old items only)."""
    gone: bool = False
    """Deleted from the new round."""


# --- The old round ----------------------------------------------------------------------


def _sentence(vocab: Vocabulary, rng: random.Random, low: int, high: int, end: str = ".") -> str:
    text = vocab.sentence(rng, low, high, start=rng.choice(vocab.operative_starts))
    return text[:-1] + end


def _article(vocab: Vocabulary, rng: random.Random, seen: set[str], budget: int) -> Item:
    heading = unique(seen, lambda: [vocab.heading(rng, 2, 6)])[0]
    article = Item(Kind.CONTAINER, heading, Scope.ARTICLE)
    left = budget - 1
    while left > 0:
        roll = rng.random()
        if roll < 0.12 and left >= 4:
            chapeau = Item(Kind.OPERATIVE, unique(seen, lambda: [_sentence(vocab, rng, 8, 20, " :")])[0])
            items = rng.randint(2, min(5, left - 1))
            for k in range(items):
                end = "." if k == items - 1 else " ;"
                chapeau.children.append(Item(Kind.SUBPARAGRAPH,
                                             unique(seen, lambda: [_sentence(vocab, rng, 10, 30, end)])[0]))
            article.children.append(chapeau)
            left -= items + 1
        elif roll < 0.18 and left >= 5:
            for k in (1, 2):
                option = Item(Kind.CONTAINER, "", Scope.OPTION)
                if k == 2 and rng.random() < 0.5:
                    option.text = NO_TEXT
                    left -= 1
                else:
                    option.children.append(Item(Kind.OPERATIVE, unique(seen, lambda: [_sentence(vocab, rng, 12, 40)])[0]))
                    left -= 2
                article.children.append(option)
        elif roll < 0.24 and all(c.text != PLACEHOLDER for c in article.children):
            article.children.append(Item(Kind.OPERATIVE, PLACEHOLDER))
            left -= 1
        elif roll < 0.28 and left >= 3:
            article.children.append(Item(Kind.HEADING, unique(seen, lambda: [vocab.heading(rng, 3, 8)])[0]))
            left -= 1
        else:
            def text() -> list[str]:
                if rng.random() < 0.35:  # two sentences: a paragraph that may be split
                    return [_sentence(vocab, rng, 12, 30) + " " + _sentence(vocab, rng, 12, 30)]
                return [_sentence(vocab, rng, 15, 60)]
            article.children.append(Item(Kind.OPERATIVE, unique(seen, text)[0]))
            left -= 1
    return article


def _old_items(size: int, vocab: Vocabulary, rng: random.Random, seen: set[str]) -> list[Item]:
    top = [Item(Kind.TITLE, unique(seen, lambda: ["Projet d'accord sur " + vocab.heading(rng, 4, 10).lower()])[0]),
           Item(Kind.PREAMBULAR, "Les Parties au présent Accord,")]
    for _ in range(3 if size < 1_000 else 8):
        top.append(Item(Kind.PREAMBULAR, unique(seen, lambda: [_sentence(vocab, rng, 12, 40, ",")])[0]))
    top.append(Item(Kind.PREAMBULAR, "Sont convenues de ce qui suit :"))
    left = size - len(top)
    while left > 0:
        budget = min(left, rng.randint(4, 16))
        if left - budget < 4:
            budget = left
        article = _article(vocab, rng, seen, budget)
        left -= _count([article])
        top.append(article)
    return top


def _count(items: list[Item]) -> int:
    return sum(1 + _count(item.children) for item in items)


def _walk(items: list[Item]) -> list[Item]:
    out: list[Item] = []
    for item in items:
        out.append(item)
        out += _walk(item.children)
    return out


# --- Flattening: labels, ids, parents -----------------------------------------------------


def _flatten(items: list[Item]) -> tuple[list[Item], list[Paragraph], list[int]]:
    """Document order, the records with labels and path ids, and each record's parent index."""
    order: list[Item] = []
    records: list[Paragraph] = []
    parents: list[int] = []
    articles = 0

    def add(item: Item, paragraph: Paragraph, parent: int) -> int:
        order.append(item)
        records.append(paragraph)
        parents.append(parent)
        return len(records) - 1

    def body(children: list[Item], prefix: str, parent: int, parent_id: str) -> None:
        numbered = [c for c in children if c.kind is Kind.OPERATIVE]
        number = options = unnumbered = 0
        for child in children:
            if child.kind is Kind.CONTAINER:  # an option
                options += 1
                at = add(child, Paragraph(f"{prefix}opt-{options}", child.text, Kind.CONTAINER, f"Option {options}:",
                                          parent_id, scope=Scope.OPTION), parent)
                body(child.children, f"{prefix}opt-{options}.", at, records[at].id)
            elif child.kind is Kind.HEADING:
                unnumbered += 1
                add(child, Paragraph(f"{prefix}h{unnumbered}", child.text, Kind.HEADING, "", parent_id, level=2), parent)
            elif len(numbered) > 1:
                number += 1
                at = add(child, Paragraph(f"{prefix}p{number}", child.text, Kind.OPERATIVE, f"{number}.", parent_id),
                         parent)
                for k, sub in enumerate(child.children):
                    letter = chr(ord("a") + k)
                    add(sub, Paragraph(f"{prefix}p{number}.{letter}", sub.text, Kind.SUBPARAGRAPH, f"{letter})",
                                       records[at].id, level=1), at)
            else:
                unnumbered += 1
                at = add(child, Paragraph(f"{prefix}t{unnumbered}", child.text, Kind.OPERATIVE, "", parent_id), parent)
                for k, sub in enumerate(child.children):
                    letter = chr(ord("a") + k)
                    add(sub, Paragraph(f"{prefix}t{unnumbered}.{letter}", sub.text, Kind.SUBPARAGRAPH, f"{letter})",
                                       records[at].id, level=1), at)

    preamble = 0
    for item in items:
        if item.kind is Kind.TITLE:
            add(item, Paragraph("title", item.text, Kind.TITLE), -1)
        elif item.kind is Kind.PREAMBULAR:
            preamble += 1
            add(item, Paragraph(f"pp{preamble}", item.text, Kind.PREAMBULAR), -1)
        elif item.kind is Kind.OPERATIVE:  # a paragraph that left its Article for the top
            preamble += 1
            add(item, Paragraph(f"t{preamble}", item.text, Kind.OPERATIVE), -1)
        else:
            articles += 1
            at = add(item, Paragraph(f"art-{articles}", item.text, Kind.CONTAINER, f"Article {articles}",
                                     scope=Scope.ARTICLE), -1)
            body(item.children, f"art-{articles}.", at, f"art-{articles}")
    return order, records, parents


# --- The new round ----------------------------------------------------------------------


def _copy(item: Item) -> Item:
    return Item(item.kind, item.text, item.scope, [_copy(c) for c in item.children], (item.index,))


def _plain(item: Item) -> bool:
    """A numbered paragraph of its own: no items, no placeholder."""
    return item.kind is Kind.OPERATIVE and not item.children and item.text != PLACEHOLDER


def _short_words(text: str) -> int:
    return len(text.split())


def rewrite_kept(old: str, new: str) -> tuple[float, float]:
    """What a heavy edit in place keeps (README): words in order, and word pairs."""
    from drafttool.compare.diff import WordDiffer

    a, b = words(old), words(new)
    pa, pb = set(zip(a, a[1:])), set(zip(b, b[1:]))
    pairs = 2 * len(pa & pb) / (len(pa) + len(pb)) if pa or pb else 1.0
    return WordDiffer().similarity(old, new), pairs


def _rewrite(text: str, vocab: Vocabulary, rng: random.Random) -> str:
    """45–60 % of the words rewritten in two stretches, keeping what the README asks of a
    heavy edit in place."""
    for _ in range(200):
        tokens = text.split(" ")
        share = rng.uniform(0.45, 0.6)
        length = max(1, round(len(tokens) * share / 2))
        places = generate._editable(tokens)
        for start in sorted(rng.sample(places, min(2, len(places))), reverse=True):
            end = min(len(tokens) - 2, start + length - 1)
            tokens[start:end + 1] = vocab.phrase(rng, max(1, end + 1 - start))
        edited = " ".join(tokens)
        similarity, pairs = rewrite_kept(text, edited)
        if 0.45 <= changed_share(text, edited) <= 0.6 and similarity >= REWRITE_SIMILARITY + 0.03 \
                and pairs >= REWRITE_PAIRS + 0.03:
            return edited
    raise RuntimeError(f"could not rewrite {text!r}")


class _Planner:
    """Applies the mix to a copy of the old tree, keeping changes apart."""

    def __init__(self, old: list[Item], vocab: Vocabulary, rng: random.Random, seen: set[str]) -> None:
        self.vocab, self.rng, self.seen = vocab, rng, seen
        self.top = [_copy(item) for item in old]
        self.guarded: set[int] = set()
        self.deleted: list[tuple[int, str]] = []
        self.articles = [a for a in self.top if a.kind is Kind.CONTAINER]
        self.old_count = _count(old)

    # Sites -----------------------------------------------------------------------------
    def free(self, *items: Item) -> bool:
        return all(i.origin and i.origin[0] not in self.guarded for i in items)

    def take(self, *items: Item, guard: int = 2) -> None:
        for item in items:
            for k in range(item.origin[0] - guard, item.origin[0] + guard + 1):
                self.guarded.add(k)

    def take_article(self, article: Item) -> None:
        self.take(article)
        for item in _walk(article.children):
            if item.origin:
                self.take(item, guard=0)
        last = _walk([article])[-1]
        if last.origin:
            self.take(last)

    def pick(self, candidates: list[Item], test) -> Item | None:  # type: ignore[no-untyped-def]
        self.rng.shuffle(candidates)
        for item in candidates:
            if self.free(item) and test(item):
                return item
        return None

    def paragraphs(self) -> list[tuple[Item, Item]]:
        """(article, paragraph) for every paragraph held directly by an Article."""
        return [(a, p) for a in self.articles if not a.gone for p in a.children]

    def delete(self, container: list[Item], item: Item, note: str = "") -> None:
        container.remove(item)
        for gone in _walk([item]):
            gone.gone = True
            if gone.origin:
                self.deleted.append((gone.origin[0], note))

    def fresh(self, low: int = 15, high: int = 60) -> str:
        return unique(self.seen, lambda: [_sentence(self.vocab, self.rng, low, high)])[0]

    # Changes ---------------------------------------------------------------------------
    def run(self, counts: dict[str, int]) -> None:
        rng, vocab = self.rng, self.vocab
        for _ in range(counts["article_moved"]):
            article = self.pick(list(self.articles), lambda a: True)
            if article is None:
                continue
            k = self.top.index(article)
            targets = [t for t in range(len(self.top)) if abs(t - k) >= 3 and self.top[t].kind is Kind.CONTAINER
                       and self.free(self.top[t]) and (t + 1 >= len(self.top) or self.free(self.top[t + 1]))]
            if not targets:
                continue
            after = self.top[rng.choice(targets)]
            self.take_article(article)
            self.take(after)
            self.top.remove(article)
            self.top.insert(self.top.index(after) + 1, article)
            article.op, article.note = "moved", "Article moved"
        for _ in range(counts["article_deleted"]):
            article = self.pick(list(self.articles), lambda a: not a.gone)
            if article is not None:
                self.take_article(article)
                self.delete(self.top, article, "Article deleted")
        for _ in range(counts["article_inserted"]):
            after = self.pick([a for a in self.articles if not a.gone], lambda a: True)
            if after is None:
                continue
            self.take_article(after)
            heading = unique(self.seen, lambda: [vocab.heading(rng, 2, 6)])[0]
            new = Item(Kind.CONTAINER, heading, Scope.ARTICLE, op="inserted", note="Article inserted")
            new.children = [Item(Kind.OPERATIVE, self.fresh(), op="inserted", note="in an inserted Article")
                            for _ in range(rng.randint(2, 5))]
            self.top.insert(self.top.index(after) + 1, new)
        for _ in range(counts["article_heading"]):
            article = self.pick([a for a in self.articles if not a.gone and not a.op], lambda a: True)
            if article is not None:
                self.take(article, guard=0)
                article.text = f"{article.text} et {vocab.heading(rng, 1, 2).lower()}"
                article.op, article.note = "edited", "Article heading edited"
        for _ in range(counts["option_dropped"]):
            found = self.pick([a for a in self.articles if not a.gone and not a.op
                               and sum(c.kind is Kind.CONTAINER for c in a.children) >= 2], lambda a: True)
            if found is None:
                continue
            options = [c for c in found.children if c.kind is Kind.CONTAINER]
            if self.free(*options):
                self.take(*options)
                self.delete(found.children, options[1], "option dropped")
        self._paragraph_changes(counts)

    def _paragraph_changes(self, counts: dict[str, int]) -> None:
        rng, vocab = self.rng, self.vocab

        def plain(test=lambda a, p: True):  # type: ignore[no-untyped-def]
            return self.pick([p for a, p in self.paragraphs() if _plain(p) and not p.op and test(a, p)],
                             lambda p: True)

        def article_of(item: Item) -> Item:
            return next(a for a in self.top if item in a.children)

        for _ in range(counts["split"]):
            p = plain(lambda a, p: ". " in p.text)
            if p is None:
                continue
            self.take(p)
            a = article_of(p)
            cut = p.text.index(". ") + 1
            parts = [Item(Kind.OPERATIVE, p.text[:cut], origin=p.origin, op="split"),
                     Item(Kind.OPERATIVE, p.text[cut + 1:], origin=p.origin, op="split")]
            k = a.children.index(p)
            a.children[k:k + 1] = parts
        for _ in range(counts["merged"]):
            a_p = self.pick([p for a, p in self.paragraphs() if _plain(p) and not p.op], lambda p: True)
            if a_p is None:
                continue
            a = article_of(a_p)
            k = a.children.index(a_p)
            if k + 1 >= len(a.children) or not _plain(a.children[k + 1]) or a.children[k + 1].op \
                    or not self.free(a.children[k + 1]):
                continue
            second = a.children[k + 1]
            self.take(a_p, second)
            merged = Item(Kind.OPERATIVE, f"{a_p.text} {second.text}", origin=a_p.origin + second.origin, op="merged")
            a.children[k:k + 2] = [merged]
        for m in range(counts["moved"]):  # within its Article, past two paragraphs or more
            found = self.pick([a for a in self.articles if not a.gone and not a.op and len(a.children) >= 5
                               and all(not c.op for c in a.children)], lambda a: self.free(*a.children))
            if found is None:
                continue
            self.take_article(found)
            k = rng.randrange(len(found.children))
            item = found.children.pop(k)
            choices = [t for t in range(len(found.children) + 1) if t >= k + 2 or t <= k - 2]
            found.children.insert(rng.choice(choices), item)
            item.op, item.note = "moved", "moved within its Article"
            if m % 2 and _plain(item):
                item.text, item.note = light_edit(item.text, vocab, rng), "moved within its Article and edited"
        for m in range(counts["moved_across"]):
            p = plain()
            if p is None:
                continue
            source = article_of(p)
            target = self.pick([a for a in self.articles if not a.gone and a is not source and not a.op
                                and a.children], lambda a: self.free(*a.children))
            if target is None:
                continue
            self.take(p)
            self.take_article(target)
            source.children.remove(p)
            target.children.insert(rng.randrange(len(target.children) + 1), p)
            p.op, p.note = "moved", "moved to another Article"
            if m % 2:
                p.text, p.note = light_edit(p.text, vocab, rng), "moved to another Article and edited"
        for _ in range(counts["placeholder"]):
            p = self.pick([p for a, p in self.paragraphs() if p.text == PLACEHOLDER and not p.op], lambda p: True)
            source = None
            if p is not None:
                self.take(p)
                source = article_of(p)
                self.delete(source.children, p, "placeholder deleted")
            a = self.pick([a for a in self.articles if not a.gone and not a.op and a.children and a is not source
                           and all(c.text != PLACEHOLDER for c in a.children)],
                          lambda a: self.free(a.children[-1]))
            if a is not None:
                self.take(a.children[-1])
                a.children.append(Item(Kind.OPERATIVE, PLACEHOLDER, op="inserted", note="placeholder inserted"))
        for _ in range(counts["heading_to_paragraph"]):
            h = self.pick([p for a, p in self.paragraphs() if p.kind is Kind.HEADING and not p.op], lambda p: True)
            if h is not None:
                self.take(h)
                h.kind, h.op, h.note = Kind.OPERATIVE, "edited", "heading became a paragraph"
                h.text = f"{h.text} {' '.join(vocab.phrase(rng, 2))}."
        for _ in range(counts["paragraph_to_heading"]):
            p = plain(lambda a, p: _short_words(p.text) <= 30 and ". " not in p.text)
            if p is not None:
                self.take(p)
                p.kind, p.op, p.note = Kind.HEADING, "edited", "paragraph became a heading"
                p.text = p.text.rstrip(".")
        for _ in range(counts["replaced"]):
            p = plain()
            if p is None:
                continue
            self.take(p)
            a = article_of(p)
            for _ in range(50):
                text = self.fresh()
                similarity, pairs = rewrite_kept(p.text, text)
                if similarity < REWRITE_SIMILARITY or pairs < REWRITE_PAIRS:
                    break
            a.children[a.children.index(p)] = Item(Kind.OPERATIVE, text, op="inserted",
                                                   note="replaced by unrelated text")
            self.deleted.append((p.origin[0], "replaced by unrelated text"))
        for _ in range(counts["deleted"]):
            p = plain(lambda a, p: len(a.children) >= 3)
            if p is not None:
                self.take(p)
                self.delete(article_of(p).children, p)
        for _ in range(counts["inserted"]):
            a = self.pick([a for a in self.articles if not a.gone and a.children], lambda a: True)
            if a is None:
                continue
            k = rng.randrange(len(a.children))
            if not self.free(a.children[k]):
                continue
            self.take(a.children[k])
            a.children.insert(k + 1, Item(Kind.OPERATIVE, self.fresh(), op="inserted"))
        for _ in range(counts["rewritten"]):
            p = plain(lambda a, p: 12 <= _short_words(p.text) <= 35)
            if p is not None:
                self.take(p)
                p.text, p.op, p.note = _rewrite(p.text, vocab, rng), "edited", "rewritten in place"
        for _ in range(counts["heavy"]):
            p = plain(lambda a, p: _short_words(p.text) >= 25)
            if p is not None:
                self.take(p, guard=1)
                p.text, p.op, p.note = heavy_edit(p.text, vocab, rng), "edited", "heavy edit"
        for _ in range(counts["preamble"]):
            p = self.pick([p for p in self.top if p.kind is Kind.PREAMBULAR and p.text.endswith(",")
                           and _short_words(p.text) >= 12 and not p.op], lambda p: True)
            if p is not None:
                self.take(p, guard=0)
                p.text, p.op, p.note = light_edit(p.text, vocab, rng), "edited", "preambular paragraph edited"
        editable = [p for p in _walk(self.top) if p.kind in (Kind.OPERATIVE, Kind.SUBPARAGRAPH) and not p.op
                    and p.text != PLACEHOLDER and not p.children and _short_words(p.text) >= 8]
        for _ in range(counts["edited"]):
            p = self.pick(editable, lambda p: True)
            if p is not None:
                self.take(p, guard=0)
                p.text, p.op = light_edit(p.text, vocab, rng), "edited"


# --- Truth ------------------------------------------------------------------------------


def _containers(records: list[Paragraph], parents: list[int]) -> list[int]:
    out = []
    for k in range(len(records)):
        c = parents[k]
        while c != -1 and records[c].kind is not Kind.CONTAINER:
            c = parents[c]
        out.append(c)
    return out


def _truth(old: tuple[list[Item], list[Paragraph], list[int]], new: tuple[list[Item], list[Paragraph], list[int]],
           deleted: dict[int, str]) -> list[TrueChange]:
    """Every true change (module docstring: moves judged within parents), in the order
    of the new round, then the deleted paragraphs in the order of the old."""
    from drafttool.compare.shingles import longest_increasing

    old_items, old_records, old_parents = old
    new_items, new_records, new_parents = new
    counterpart = {item.origin[0]: j for j, item in enumerate(new_items)
                   if len(item.origin) == 1 and item.op != "split"}
    links: list[tuple[tuple[int, ...], tuple[int, ...], str, str]] = []
    splits: dict[tuple[int, ...], list[int]] = {}
    for j, item in enumerate(new_items):
        if item.op == "split":
            splits.setdefault(item.origin, []).append(j)
        elif item.origin:
            links.append((item.origin, (j,), item.op, item.note))
        else:
            links.append(((), (j,), "inserted", item.note))
    links += [(origin, tuple(js), "split", "") for origin, js in splits.items()]
    contexts: dict[tuple[int, int], list[tuple[int, int]]] = {}
    moved: set[tuple[int, int]] = set()
    for olds, news, _, _ in links:
        if not olds:
            continue
        i, j = min(olds), min(news)
        a, b = old_parents[i], new_parents[j]
        if (a == -1) != (b == -1) or (a != -1 and counterpart.get(a) != b):
            moved.add((i, j))
        else:
            contexts.setdefault((a, b), []).append((i, j))
    for members in contexts.values():
        members.sort(key=lambda pair: pair[1])
        kept = longest_increasing([i for i, _ in members])
        moved.update(pair for k, pair in enumerate(members) if k not in kept)
    planned = {(item.origin[0], j) for j, item in enumerate(new_items) if item.op == "moved"}
    found = {pair for pair in moved if len(new_items[pair[1]].origin) == 1 and new_items[pair[1]].op != "split"}
    assert found == planned, f"moves: planned {sorted(planned - found)}, found {sorted(found - planned)}"
    out: list[TrueChange] = []
    for olds, news, op, note in sorted(links, key=lambda link: link[1][0]):
        if op in ("", "edited", "moved"):
            (i,), (j,) = olds, news
            a, b = old_records[i], new_records[j]
            parent_same = (old_parents[i] == -1 and new_parents[j] == -1) or (
                old_parents[i] != -1 and counterpart.get(old_parents[i]) == new_parents[j])
            if (i, j) in moved:
                op = "moved"
            elif a.text != b.text:
                op = "edited"
            elif (a.label, a.kind, a.level) == (b.label, b.kind, b.level) and parent_same:
                op = "unchanged"
            else:
                op = "renumbered"
        out.append(TrueChange(op, olds, news, note))
    covered = {i for olds, _, _, _ in links for i in olds}
    out += [TrueChange("deleted", (i,), (), deleted.get(i, "")) for i in range(len(old_records)) if i not in covered]
    return out


def _counts(size: int) -> dict[str, int]:
    return {op: max(1, round(rate * size)) for op, rate in MIX.items()}


def generate_structured(size: int, seed: int = generate.DEFAULT_SEED) -> Benchmark:
    """Two rounds of an agreement of `size` (old) paragraph records and the true changes."""
    if size < 100:
        raise ValueError(f"size {size} is too small for the mix of changes; use 100 or more")
    rng = random.Random(f"drafttool-bench-structured/{generate.GENERATOR_VERSION}/{seed}/{size}")
    vocab = generate.vocabulary()
    seen: set[str] = {paragraph_key(PLACEHOLDER)}
    old_top = _old_items(size, vocab, rng, seen)
    old = _flatten(old_top)
    for k, item in enumerate(old[0]):
        item.index = k
    planner = _Planner(old_top, vocab, rng, seen)
    planner.run(_counts(size))
    new = _flatten(planner.top)
    truth = _truth(old, new, dict(planner.deleted))
    note = f"Synthetic agreement for the diff benchmark (bench/structured.py, seed {seed}, {size} records)."
    old_round = Round("Zero draft", tuple(old[1]), date="2025-01-20", symbol="A/CONF.999/2025/L.1", language="fr",
                      note=note)
    new_round = Round("Rev.1", tuple(new[1]), date="2025-02-17", symbol="A/CONF.999/2025/L.1/Rev.1", language="fr",
                      note=note)
    generate.check_truth(truth, old_round, new_round, containers=True)
    return Benchmark(size, seed, old_round, new_round, render_round_markdown(old_round),
                     render_round_markdown(new_round), tuple(truth))


# --- Scoring (run by run_diff.py) ---------------------------------------------------------


def run_structured(sizes: list[int], seed: int, repeat: int) -> tuple[list[str], list[dict[str, object]]]:
    """Generate, compare (timed: median and min of `repeat` calls after one warm-up) and
    score at each size; Markdown lines and the figures for results.json."""
    import statistics
    import sys
    import time

    import run_diff

    from drafttool.compare.diff import compare_rounds

    lines = ["", "Agreements in Articles (`structured.py`), pairing against the truth, precision / recall per "
             "op kind (true count in brackets), and the library's time:", ""]
    results: list[dict[str, object]] = []
    scored: list[tuple[int, Benchmark, dict[str, run_diff.OpScore], list[float]]] = []
    for size in sizes:
        print(f"[{size}] structured: generating…", file=sys.stderr)
        bench = generate_structured(size, seed)
        comparison = compare_rounds(bench.old, bench.new)
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            compare_rounds(bench.old, bench.new)
            times.append(time.perf_counter() - started)
        truth = [(c.op, c.old, c.new) for c in bench.truth]
        predicted = run_diff.predicted_changes(comparison, bench.old, bench.new)
        scores = run_diff.score(truth, predicted)
        notes = {(c.op, c.old, c.new): c.note for c in bench.truth}
        wrong = sorted(set(predicted) - set(truth))
        missed = sorted(set(truth) - set(predicted))
        scored.append((size, bench, scores, times))
        results.append({"size": size, "paragraphs": {"old": len(bench.old.paragraphs), "new": len(bench.new.paragraphs)},
                        "library_s": {"median": statistics.median(times), "min": min(times)},
                        "scores": {op: s.as_json() for op, s in scores.items()},
                        "missed": [{"op": c[0], "old": list(c[1]), "new": list(c[2]), "note": notes.get(c, "")}
                                   for c in missed[:50]],
                        "wrong": [{"op": c[0], "old": list(c[1]), "new": list(c[2])} for c in wrong[:50]]})
    lines.append("| op |" + "".join(f" {size:,} |" for size, *_ in scored))
    lines.append("|---|" + "---:|" * len(scored))
    for op in generate.OPS:
        lines.append(f"| {op} |" + "".join(f" {run_diff._pr(s[op])} ({s[op].true}) |" for _, _, s, _ in scored))
    lines.append("| library time |" + "".join(
        f" {run_diff._ms(statistics.median(t))} ({run_diff._ms(min(t))}) |" for *_, t in scored))
    for size, bench, scores, _ in scored:
        failing = [op for op, s in scores.items() if not s.passes(run_diff.TARGETS["precision_recall"])]
        lines.append(f"\nAt {size:,} records ({len(bench.old.paragraphs):,} → {len(bench.new.paragraphs):,}): "
                     + (f"**below 0.99**: {', '.join(failing)}" if failing else
                        "precision and recall ≥ 0.99 for every op kind") + ".")
    return lines, results
