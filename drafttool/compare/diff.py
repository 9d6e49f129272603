"""Compare two rounds: paragraph changes holding word operations, and apply them back.

Takes two `Round`s; returns a `Comparison` (model.py) that every renderer reads, and
`apply(comparison, old)` rebuilds the new round from the old one and the word operations
alone.  The only user of diff-match-patch, so its camelCase stays here.

Word diffs map each token — a word, a run of spaces, a punctuation mark, a Chinese
character, a footnote reference, a format marker — to one character, as
`diff_linesToChars` does for lines, then run diff-match-patch on those strings with its
timeout at 0 (the default gives up after a second, and results would depend on the
machine's speed) and `diff_cleanupSemantic` — through fast-diff-match-patch, the C++
build of the same library (identical results, about ten times faster), or the pure-Python
port where it is missing.  Tokens are compared on their normalised
form (`normalize.normalise_token`), so a no-break space before ';', a curly apostrophe or
an en dash is the same token as its plain form; where the original characters differ
the run is shown as a typographic change.  A change is typographic when the texts before
and after are the same once typography, spaces and format markers are set aside.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

try:  # the C++ build of the same library: identical diffs, ten times faster
    import fast_diff_match_patch as _fast
except ImportError:  # pragma: no cover - the pure-Python port serves where no wheel exists
    _fast = None
_FAST_OPS = {"=": 0, "-": -1, "+": 1}

from drafttool.text import markup
from drafttool.compare.align import AlignOptions, Link, align_texts
from drafttool.compare.containers import Tree
from drafttool.compare.places import describe_move, joined, place_names, predecessors
from drafttool.errors import DrafttoolError
from drafttool.model import (
    ChangeOp, Comparison, Footnote, FootnoteChange, Kind, Paragraph, ParagraphChange, Round, Segment, SegmentKind,
)
from drafttool.text.languages import CJK_FORMS, CJK_LETTERS, has_cjk
from drafttool.text.normalize import normalise, normalise_token

_CJK = CJK_LETTERS + CJK_FORMS
_TOKEN = re.compile(r"\[\^[^\]\s\\]+\]|\\.|\*\*|\*|\n|\w+|[^\S\n]+|.", re.DOTALL)
_TOKEN_CJK = rf"\[\^[^\]\s\\]+\]|\\.|\*\*|\*|\n|[{_CJK}]|[^\W{_CJK}]+|[^\S\n]+|."
"""`_TOKEN` where Chinese, Japanese or Korean is written: each such character a token, and a
word of other letters (a word character that is none of them) one token."""
_WORD = re.compile(r"\w")
_COMPACT = re.compile(r"\s+|\*+")

EQUAL, DELETE, INSERT = SegmentKind.EQUAL, SegmentKind.DELETE, SegmentKind.INSERT


class ApplyError(DrafttoolError):
    """A comparison does not fit the round it is applied to."""


@dataclass(frozen=True, slots=True)
class DiffOptions:
    """Options of a comparison."""

    align: AlignOptions = field(default_factory=AlignOptions)
    trust_ids: bool = False
    """Kept for callers that compare rounds of one store.  Ids are never what pairs
    paragraphs: two rounds compare the same whether they come from a store or from files
    (the store's ids were themselves given by this alignment at import)."""


def tokenize(text: str) -> list[str]:
    """Tokens of marked-up text; joined, they give the text back exactly."""
    pattern = _compiled(_TOKEN_CJK) if has_cjk(text) else _TOKEN
    return pattern.findall(text)


@functools.cache
def _compiled(source: str) -> re.Pattern[str]:
    # The patterns with CJK classes take 2 ms each to compile (the classes' ranges are
    # optimised one by one): compiled when a text first needs them, not at every start.
    return re.compile(source, re.DOTALL)


def _diff_counts(old: str, new: str, semantic: bool) -> list[tuple[int, int]]:
    """diff-match-patch on two strings, timeout off: (op, length) runs, op -1, 0 or 1."""
    if _fast is not None:
        ops = _fast.diff(old, new, timelimit=0, checklines=False, cleanup="Semantic" if semantic else "No")
        return [(_FAST_OPS[op], length) for op, length in ops]
    from diff_match_patch import diff_match_patch  # imported only where it serves: a large module

    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # never give up: results must not depend on machine speed
    diffs = dmp.diff_main(old, new, False)
    if semantic:
        dmp.diff_cleanupSemantic(diffs)
    return [(op, len(text)) for op, text in diffs]


@dataclass(frozen=True, slots=True)
class _Pair:
    """Two texts as the differ holds them: the ends they share, the middles' tokens and codes."""

    head: str
    tail: str
    old_tokens: list[str]
    new_tokens: list[str]
    old_codes: str
    new_codes: str


_WORD_TOKENS = rf"\[\^[^\]\s\\]+\]|[{_CJK}]|[^\W{_CJK}]+"
"""Tokens that count as words, as `tokenize` cuts them (a footnote reference is one)."""


_WORD_TOKENS_PLAIN = re.compile(r"\[\^[^\]\s\\]+\]|\w+")
"""`_WORD_TOKENS` for a text without CJK characters."""


def _count_words(text: str) -> int:
    if not text:
        return 0
    return len((_compiled(_WORD_TOKENS) if has_cjk(text) else _WORD_TOKENS_PLAIN).findall(text))


def _common_ends(old: str, new: str) -> tuple[int, int]:
    """Lengths of the starts and ends both texts share, cut back to just after a space
    (a place where a token always ends), and never overlapping.  Found by halving with
    slice comparisons, which run at C speed."""
    limit = min(len(old), len(new))
    low, high = 0, limit
    while low < high:  # longest common prefix
        middle = (low + high + 1) // 2
        if old[:middle] == new[:middle]:
            low = middle
        else:
            high = middle - 1
    head = low
    while head and not old[head - 1].isspace():
        head -= 1
    low, high = 0, limit - head
    while low < high:  # longest common suffix within what is left
        middle = (low + high + 1) // 2
        if old[len(old) - middle:] == new[len(new) - middle:]:
            low = middle
        else:
            high = middle - 1
    tail = low
    while tail and not old[len(old) - tail].isspace():
        tail -= 1
    return head, tail


class WordDiffer:
    """Word diffs sharing one token → character table, with a cache of pair diffs."""

    def __init__(self) -> None:
        self._codes: dict[str, str] = {}
        self._by_token: dict[str, str] = {}
        self._words: set[str] = set()
        self._raw: dict[tuple[str, str], _Pair] = {}
        """Tokens and codes of the pairs the aligner measured, kept for the pair it chooses."""

    def _encode(self, tokens: list[str]) -> str:
        by_token = self._by_token
        try:  # most tokens of a round were met before: one lookup each, at C speed
            return "".join(map(by_token.__getitem__, tokens))
        except KeyError:
            pass
        out = []
        for token in tokens:
            code = by_token.get(token)
            if code is None:
                code = by_token[token] = self._code(normalise_token(token) if token != "\n" else "\n")
            out.append(code)
        return "".join(out)

    def _code(self, key: str) -> str:
        """One character for each normalised token (tokens equal once normalised share it)."""
        code = self._codes.get(key)
        if code is None:
            number = len(self._codes) + 0x100
            if number >= 0xD800:  # skip the surrogate range
                number += 0x800
            code = self._codes[key] = chr(number)
            if _WORD.search(key):
                self._words.add(code)
        return code

    def _tokens(self, old: str, new: str) -> _Pair:
        found = self._raw.get((old, new))
        if found is None:
            # Only the middle, past the text both share at each end, is tokenised and
            # diffed: an edit of a few words leaves most of a paragraph out of the work.
            head, tail = _common_ends(old, new)
            old_middle, new_middle = old[head:len(old) - tail], new[head:len(new) - tail]
            old_tokens, new_tokens = tokenize(old_middle), tokenize(new_middle)
            found = self._raw[(old, new)] = _Pair(
                old[:head], old[len(old) - tail:] if tail else "", old_tokens, new_tokens,
                self._encode(old_tokens), self._encode(new_tokens))
        return found

    def similarity(self, old: str, new: str) -> float:
        """Share of words in common, in order: 2 × common words / all words."""
        pair = self._tokens(old, new)
        a, b = pair.old_codes, pair.new_codes
        words = self._words
        shared = _count_words(pair.head) + _count_words(pair.tail)
        common = 0
        position = 0
        is_word = words.__contains__
        for op, length in _diff_counts(a, b, semantic=False):
            if op == 0:
                common += sum(map(is_word, a[position:position + length]))
            if op != 1:
                position += length
        total = 2 * shared + sum(map(is_word, a)) + sum(map(is_word, b))
        return 2 * (shared + common) / total if total else 1.0

    def segments(self, old: str, new: str) -> tuple[Segment, ...]:
        """Word operations turning `old` into `new` (module docstring)."""
        if old == new:
            return (Segment(EQUAL, old),) if old else ()
        pair = self._tokens(old, new)
        old_tokens, new_tokens = pair.old_tokens, pair.new_tokens
        pieces: list[tuple[SegmentKind, str]] = [(EQUAL, pair.head)] if pair.head else []
        a = b = 0
        for op, n in _diff_counts(pair.old_codes, pair.new_codes, semantic=True):
            if op == 0:
                before, after = old_tokens[a:a + n], new_tokens[b:b + n]
                if before == after:
                    pieces.append((EQUAL, "".join(before)))
                else:
                    for old_token, new_token in zip(before, after):
                        if old_token == new_token:
                            pieces.append((EQUAL, old_token))
                        else:  # same once normalised: a typographic change
                            pieces.append((DELETE, old_token))
                            pieces.append((INSERT, new_token))
                a, b = a + n, b + n
            elif op == -1:
                pieces.append((DELETE, "".join(old_tokens[a:a + n])))
                a += n
            else:
                pieces.append((INSERT, "".join(new_tokens[b:b + n])))
                b += n
        if pair.tail:
            pieces.append((EQUAL, pair.tail))
        return _segments(pieces)


def _compact(text: str) -> str:
    """Text without spaces and format markers, typography folded (a paragraph break is
    never mere typography: the caller counts them apart)."""
    if text.isascii():  # in ASCII, normalising only moves spaces, all of which go here
        return _COMPACT.sub("", text)
    return _COMPACT.sub("", normalise(text))


def _segments(pieces: list[tuple[SegmentKind, str]]) -> tuple[Segment, ...]:
    """Join tokens into segments (deletions before insertions within a change) and
    mark each change typographic or not."""
    out: list[Segment] = []
    deleted: list[str] = []
    inserted: list[str] = []
    equal: list[str] = []

    def flush_change() -> None:
        if not deleted and not inserted:
            return
        old, new = "".join(deleted), "".join(inserted)
        typographic = _compact(old) == _compact(new) and old.count("\n") == new.count("\n")
        if old:
            out.append(Segment(DELETE, old, typographic))
        if new:
            out.append(Segment(INSERT, new, typographic))
        deleted.clear()
        inserted.clear()

    def flush_equal() -> None:
        if equal:
            out.append(Segment(EQUAL, "".join(equal)))
            equal.clear()

    for kind, token in pieces:
        if kind is EQUAL:
            flush_change()
            equal.append(token)
        else:
            flush_equal()
            (deleted if kind is DELETE else inserted).append(token)
    flush_change()
    flush_equal()
    return tuple(out)


def _group(kind: Kind) -> str:
    """Paragraphs paired by their words only within one group: headings, the preamble,
    the rest.  A long name repeated through a text (a conference's full title) can make a
    preambular paragraph look like an operative one; only in place, and clearly similar,
    is a paragraph paired across groups (`align.align_texts`, pass C)."""
    if kind in (Kind.TITLE, Kind.HEADING):
        return "head"
    return "pre" if kind is Kind.PREAMBULAR else "body"


def tree(round_: Round) -> Tree:
    """The container record each paragraph stands in (through its chapeau, if any), and
    its parent record."""
    index = {p.id: k for k, p in enumerate(round_.paragraphs)}
    paragraphs = round_.paragraphs
    container = [-1] * len(paragraphs)
    scope = [""] * len(paragraphs)
    parents = [-1] * len(paragraphs)
    for k, paragraph in enumerate(paragraphs):
        if paragraph.kind is Kind.CONTAINER:
            scope[k] = paragraph.scope.value if paragraph.scope is not None else "container"
        parent = index.get(paragraph.parent) if paragraph.parent else None
        if parent is not None and parent != k:
            parents[k] = parent
        steps = 0
        while parent is not None and paragraphs[parent].kind is not Kind.CONTAINER and steps < 8:
            grand = paragraphs[parent].parent
            parent = index.get(grand) if grand else None
            steps += 1
        if parent is not None and paragraphs[parent].kind is Kind.CONTAINER and parent != k:
            container[k] = parent
    return Tree(container, scope, parents)


def _align_footnotes(old: Round, new: Round, differ: WordDiffer, options: DiffOptions) -> list[Link]:
    return align_texts(
        [f.text for f in old.footnotes], [f.text for f in new.footnotes],
        similarity=lambda i, j: differ.similarity(old.footnotes[i].text, new.footnotes[j].text),
        options=options.align, splits=False,
    )


def compare_rounds(old: Round, new: Round, options: DiffOptions = DiffOptions()) -> Comparison:
    """What became of every paragraph and footnote of `old` in `new`."""
    differ = WordDiffer()
    old_texts = [p.text for p in old.paragraphs]
    new_texts = [p.text for p in new.paragraphs]
    links = align_texts(
        old_texts, new_texts,
        similarity=lambda i, j: differ.similarity(old_texts[i], new_texts[j]),
        options=options.align,
        old_groups=[_group(p.kind) for p in old.paragraphs],
        new_groups=[_group(p.kind) for p in new.paragraphs],
        old_tree=tree(old), new_tree=tree(new),
    )
    partner = {}
    for link in links:
        for j in link.new:
            for i in link.old:
                partner[new.paragraphs[j].id] = old.paragraphs[i].id
    places = _Places(old, new, links)
    changes = tuple(_paragraph_change(link, old, new, differ, partner, places) for link in links)
    footnotes = tuple(_footnote_change(link, old, new, differ) for link in _align_footnotes(old, new, differ, options))
    from drafttool.compare.masthead import compare_mastheads  # it builds on this module's differ

    return Comparison(old.label, new.label, changes, footnotes, replace(new, paragraphs=(), footnotes=()),
                      compare_mastheads(old, new, differ))


class _Places:
    """Names of places in both rounds (`compare.places`), and moves said in one numbering."""

    def __init__(self, old: Round, new: Round, links: list[Link]) -> None:
        self.old, self.new = old, new
        self.old_names, self.new_names = place_names(old), place_names(new)
        self.now = {old.paragraphs[link.old[0]].id: new.paragraphs[link.new[0]].id
                    for link in links if link.old and link.new}
        self._before: tuple[dict[str, str | None], dict[str, str | None]] | None = None

    def change(self, op: ChangeOp, olds: tuple[Paragraph, ...], news: tuple[Paragraph, ...],
               segments: tuple[Segment, ...], link: Link) -> ParagraphChange:
        move = ""
        if op is ChangeOp.MOVED and olds and news:
            if self._before is None:
                self._before = (predecessors(self.old), predecessors(self.new))
            move = describe_move(olds[0].id, news[0].id, self.old_names, self.new_names, *self._before, self.now)
        return ParagraphChange(op, olds, news, segments, moved=link.moved, similarity=link.similarity,
                               old_place=self.old_names[olds[0].id] if len(olds) == 1 else joined(self.old_names, olds),
                               new_place=self.new_names[news[0].id] if len(news) == 1 else joined(self.new_names, news),
                               move=move)


def _paragraph_change(link: Link, old: Round, new: Round, differ: WordDiffer, partner: dict[str, str],
                      places: _Places) -> ParagraphChange:
    if len(link.old) == 1 and len(link.new) == 1:
        before, after = old.paragraphs[link.old[0]], new.paragraphs[link.new[0]]
        if before.text == after.text:  # most paragraphs: no word diff to make
            segments: tuple[Segment, ...] = (Segment(EQUAL, before.text),) if before.text else ()
            if link.own_move:
                op = ChangeOp.MOVED
            elif _placed_alike(before, after, partner):
                op = ChangeOp.UNCHANGED
            else:
                op = ChangeOp.RENUMBERED
            return places.change(op, (before,), (after,), segments, link)
    olds = tuple(old.paragraphs[i] for i in link.old)
    news = tuple(new.paragraphs[j] for j in link.new)
    segments = differ.segments("\n".join(p.text for p in olds), "\n".join(p.text for p in news))
    if not olds:
        op = ChangeOp.INSERTED
    elif not news:
        op = ChangeOp.DELETED
    elif len(news) > 1:
        op = ChangeOp.SPLIT
    elif len(olds) > 1:
        op = ChangeOp.MERGED
    elif link.own_move:
        op = ChangeOp.MOVED
    else:
        op = ChangeOp.EDITED
    return places.change(op, olds, news, segments, link)


def _placed_alike(old: Paragraph, new: Paragraph, partner: dict[str, str]) -> bool:
    """Same label, kind and level, and a parent that is the same paragraph."""
    if (old.label, old.kind, old.level) != (new.label, new.kind, new.level):
        return False
    if new.parent is None or old.parent is None:
        return new.parent is None and old.parent is None
    return partner.get(new.parent) == old.parent


def _footnote_change(link: Link, old: Round, new: Round, differ: WordDiffer) -> FootnoteChange:
    before = old.footnotes[link.old[0]] if link.old else None
    after = new.footnotes[link.new[0]] if link.new else None
    segments = differ.segments(before.text if before else "", after.text if after else "")
    if before is None:
        op = ChangeOp.INSERTED
    elif after is None:
        op = ChangeOp.DELETED
    elif link.moved:
        op = ChangeOp.MOVED
    elif before.text != after.text:
        op = ChangeOp.EDITED
    elif before.label != after.label:
        op = ChangeOp.RENUMBERED
    else:
        op = ChangeOp.UNCHANGED
    return FootnoteChange(op, before, after, segments)


def _rebuild(segments: Sequence[Segment], old_text: str, where: str) -> str:
    kept = "".join(s.text for s in segments if s.kind is not INSERT)
    if kept != old_text:
        raise ApplyError(f"the comparison does not fit {where}: its text is not the one compared")
    return "".join(s.text for s in segments if s.kind is not DELETE)


def apply(comparison: Comparison, old: Round) -> Round:
    """The new round, rebuilt from `old` and the word operations of `comparison`.

    Each change's old paragraphs are looked up in `old` by id and their texts checked
    against the operations; the new texts come from the operations alone, the rest of
    each new record (id, label, kind, parent, status) from the change.
    """
    by_id = {p.id: p for p in old.paragraphs}
    paragraphs: list[Paragraph] = []
    for change in comparison.changes:
        olds = []
        for paragraph in change.old:
            if paragraph.id not in by_id:
                raise ApplyError(f"the comparison names paragraph {paragraph.id!r}, which round {old.label!r} lacks")
            olds.append(by_id[paragraph.id])
        texts = _rebuild(change.segments, "\n".join(p.text for p in olds), f"paragraph {change.old[0].id!r}"
                         if change.old else "an inserted paragraph").split("\n") if change.new else []
        if change.new and len(texts) != len(change.new):
            raise ApplyError(f"the word operations give {len(texts)} paragraph(s) where {len(change.new)} are expected")
        paragraphs.extend(replace(p, text=text) for p, text in zip(change.new, texts))
    footnotes_by_id = {f.id: f for f in old.footnotes}
    footnotes: list[Footnote] = []
    for note in comparison.footnotes:
        if note.old is not None and note.old.id not in footnotes_by_id:
            raise ApplyError(f"the comparison names footnote {note.old.id!r}, which round {old.label!r} lacks")
        if note.new is None:
            continue
        before = footnotes_by_id[note.old.id].text if note.old is not None else ""
        footnotes.append(replace(note.new, text=_rebuild(note.segments, before, f"footnote {note.new.id!r}")))
    info = comparison.new_info or Round(comparison.new_label)
    return replace(info, paragraphs=tuple(paragraphs), footnotes=tuple(footnotes))


def carry_ids(previous: Round, new: Round, used: set[str] | frozenset[str] = frozenset(),
              options: AlignOptions = AlignOptions()) -> Round:
    """`new` with ids carried over from `previous` through the alignment, and lineage.

    A paragraph paired with an earlier one takes its id; of the parts of a split, the
    one most like the whole keeps its id and the others record `split_from`; a merged
    paragraph takes the id of the first paragraph it merges and records `merged_from`.
    New paragraphs keep their structural id unless an earlier round used it for another
    paragraph (ids are never reused), and footnotes are carried the same way.
    """
    new = carry_footnote_ids(previous, new, options)
    comparison = compare_rounds(previous, new, DiffOptions(align=options))
    differ = WordDiffer()
    ids: dict[str, str] = {}
    lineage: dict[str, dict[str, object]] = {}
    taken = set(used) | {p.id for p in previous.paragraphs}
    for change in comparison.changes:
        if change.op is ChangeOp.SPLIT:
            whole = change.old[0]
            keeper = max(change.new, key=lambda p: differ.similarity(whole.text, p.text))
            for part in change.new:
                if part is keeper:
                    ids[part.id] = whole.id
                else:
                    lineage[part.id] = {"split_from": whole.id}
        elif change.op is ChangeOp.MERGED:
            ids[change.new[0].id] = change.old[0].id
            lineage[change.new[0].id] = {"merged_from": tuple(p.id for p in change.old)}
        elif change.old and change.new:
            ids[change.new[0].id] = change.old[0].id
    taken.update(ids.values())
    for paragraph in new.paragraphs:
        if paragraph.id not in ids:
            ids[paragraph.id] = _fresh(paragraph.id, taken)
            taken.add(ids[paragraph.id])
    paragraphs = tuple(
        replace(p, id=ids[p.id], parent=ids.get(p.parent, p.parent) if p.parent else None,
                **lineage.get(p.id, {}))  # type: ignore[arg-type]
        for p in new.paragraphs
    )
    return replace(new, paragraphs=paragraphs)


def carry_footnote_ids(previous: Round, new: Round, options: AlignOptions = AlignOptions()) -> Round:
    """`new` with the ids of footnotes found again in `previous` (numbers may differ),
    in the footnotes and in every reference to them; other footnotes get unused ids.

    Two files read apart number their footnote ids after their own footnote numbers
    (`fn-5`, `fn-6`); once carried, a renumbered footnote no longer looks like an edit
    of the paragraphs that refer to it."""
    differ = WordDiffer()
    links = align_texts([f.text for f in previous.footnotes], [f.text for f in new.footnotes],
                        similarity=lambda i, j: differ.similarity(previous.footnotes[i].text, new.footnotes[j].text),
                        options=options, splits=False)
    footnote_ids = {new.footnotes[link.new[0]].id: previous.footnotes[link.old[0]].id
                    for link in links if link.old and link.new}
    taken = {f.id for f in previous.footnotes} | set(footnote_ids.values())
    for footnote in new.footnotes:
        if footnote.id not in footnote_ids:
            footnote_ids[footnote.id] = _fresh(footnote.id, taken)
            taken.add(footnote_ids[footnote.id])
    rename = {k: v for k, v in footnote_ids.items() if k != v}
    if not rename:
        return new
    masthead = replace(new.masthead, agenda_item=markup.rename_footnotes(new.masthead.agenda_item, rename),
                       agenda_title=markup.rename_footnotes(new.masthead.agenda_title, rename),
                       organ=markup.rename_footnotes(new.masthead.organ, rename),
                       body=markup.rename_footnotes(new.masthead.body, rename))
    return replace(
        new,
        paragraphs=tuple(replace(p, text=markup.rename_footnotes(p.text, rename)) for p in new.paragraphs),
        footnotes=tuple(replace(f, id=footnote_ids[f.id], text=markup.rename_footnotes(f.text, rename))
                        for f in new.footnotes),
        masthead=masthead,
    )


def _fresh(base: str, taken: set[str]) -> str:
    if base not in taken:
        return base
    n = 2
    while f"{base}~{n}" in taken:
        n += 1
    return f"{base}~{n}"


def without_typographic(comparison: Comparison) -> Comparison:
    """The comparison for display with typographic changes hidden (the switch that hides
    the noise): their old text shown as kept, their new text dropped.  Not for `apply`."""
    def hide(change: ParagraphChange) -> ParagraphChange:
        if not any(s.typographic for s in change.segments):
            return change
        kept = [Segment(EQUAL, s.text) if s.typographic and s.kind is DELETE else s
                for s in change.segments if not (s.typographic and s.kind is INSERT)]
        segments = _segments([(s.kind, s.text) for s in kept])
        op = change.op
        if op is ChangeOp.EDITED and all(s.kind is EQUAL for s in segments):
            op = ChangeOp.UNCHANGED if _placed_alike(change.old[0], change.new[0], {}) else ChangeOp.RENUMBERED
        return replace(change, segments=segments, op=op)
    return replace(comparison, changes=tuple(hide(c) for c in comparison.changes))
