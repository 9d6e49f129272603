"""Where a proposal applies: the paragraph a person names (by id, label, place or
footnote number) and the words an anchor names in it.

Takes a `Round` and a name, or a paragraph's text and an `Anchor` (model.py); returns the
paragraph, or plain-text offsets.  Offsets are in the *plain* text of a paragraph (what
a reader sees: no format markers or footnote references), because that is what people
quote; repeated words are told apart by the context the anchor keeps on each side.
"""

from __future__ import annotations

import re

from drafttool.model import Anchor, Footnote, Kind, Paragraph, Round
from drafttool.text import labels, markup
from drafttool.text.normalize import fold_typography

CONTEXT = 40
"""Characters of context kept on each side of a quoted span."""

# One character for one: typography folded without changing any offset.
def fold(text: str) -> str:
    """Typography and case folded, keeping every offset (casefold only where it keeps them)."""
    folded = fold_typography(text)
    lowered = folded.casefold()
    return lowered if len(lowered) == len(folded) else folded.lower() if len(folded.lower()) == len(folded) else folded


def find_paragraph(round_: Round, name: str) -> Paragraph:
    """The paragraph a person names: its id, its label ('5.', '5', 'OP5', '18 a)', '18.a',
    'III.A'), its place ('Art. 4.2', 'Article 4, paragraph 2', 'PP3': `text.places`) or a
    footnote ('fn-12', 'footnote 12')."""
    wanted = name.strip()
    for paragraph in round_.paragraphs:
        if paragraph.id == wanted:
            return paragraph
    # 'PP3' is a place (the third preambular paragraph), never the label '3.' of an operative one.
    key = "" if re.match(r"PP\s*\d", wanted, re.IGNORECASE) else _label_key(wanted)
    if key:
        keys = paragraph_keys(round_)
        matches = [p for p in round_.paragraphs if keys.get(p.id) == key]
        if len(matches) == 1:
            return matches[0]
    footnote = find_footnote(round_, wanted)
    if footnote is not None:
        return Paragraph(footnote.id, footnote.text, Kind.NOTE, footnote.label)
    from drafttool.text.places import resolve

    return resolve(round_, name)  # 'Art. 4.2', 'Article 4, paragraph 2', 'PP3'; or the candidates with their ids


def find_footnote(round_: Round, name: str) -> Footnote | None:
    wanted = re.sub(r"^(footnote|fn|note)\s*[-: ]?\s*", "", name.strip(), flags=re.IGNORECASE)
    for footnote in round_.footnotes:
        if footnote.id == name.strip() or (wanted and footnote.label == wanted):
            return footnote
    return None


def _label_key(label: str) -> str:
    text = re.sub(r"^(OP|PP|para(graph)?\.?)\s*", "", label.strip(), flags=re.IGNORECASE)
    return re.sub(r"[\s.()（）、\-–]+", "", text).casefold()


def paragraph_keys(round_: Round) -> dict[str, str]:
    """Paragraph id → a key of its label with its parents' ('18a', '18ai', 'IIIA')."""
    by_id = {p.id: p for p in round_.paragraphs}
    keys: dict[str, str] = {}
    for paragraph in round_.paragraphs:
        own = _label_key(paragraph.label)
        parent = by_id.get(paragraph.parent) if paragraph.parent else None
        keys[paragraph.id] = (keys.get(parent.id, "") if parent else "") + own if own else ""
    return keys


def display_label(round_: Round, paragraph: Paragraph) -> str:
    """'18 a)' for a subparagraph, '5.' for a paragraph, the id when unlabelled."""
    if not paragraph.label:
        return {Kind.TITLE: "title"}.get(paragraph.kind, paragraph.id)
    if paragraph.kind is Kind.SUBPARAGRAPH and paragraph.parent:
        parent = round_.paragraph(paragraph.parent)
        if parent is not None and parent.label:
            return f"{labels.bare_label(display_label(round_, parent))} {paragraph.label}"
    return paragraph.label


def text_of(round_: Round, target: str) -> str | None:
    """The marked-up text of a paragraph or footnote of a round, by id."""
    paragraph = round_.paragraph(target)
    if paragraph is not None:
        return paragraph.text
    footnote = round_.footnote(target)
    return footnote.text if footnote is not None else None


def occurrences(haystack: str, needle: str) -> list[int]:
    found, start = [], haystack.find(needle)
    while start != -1 and needle:
        found.append(start)
        start = haystack.find(needle, start + 1)
    return found


def _context_score(plain: str, start: int, end: int, anchor: Anchor) -> int:
    before = fold(plain[:start])
    after = fold(plain[end:])
    score = 0
    for a, b in zip(reversed(before), reversed(fold(anchor.before))):
        if a != b:
            break
        score += 1
    for a, b in zip(after, fold(anchor.after)):
        if a != b:
            break
        score += 1
    return score


def locate(text: str, anchor: Anchor) -> tuple[int, int] | None:
    """Plain-text offsets of the span an anchor names in marked-up `text`, or None.

    The quote is looked for exactly, then with typography and case folded; repeated
    quotes are told apart by the context on each side.  An empty quote is an insertion
    point: where the context before ends (and the context after starts)."""
    plain = markup.plain(text)
    if anchor.quote:
        for haystack, needle in ((plain, anchor.quote), (fold(plain), fold(anchor.quote))):
            starts = occurrences(haystack, needle)
            if starts:
                length = len(anchor.quote)
                best = max(starts, key=lambda s: (_context_score(plain, s, s + length, anchor), -s))
                return best, best + length
        return None
    if not anchor.before and not anchor.after:
        return (len(plain), len(plain))
    folded = fold(plain)
    ends = [s + len(anchor.before) for s in occurrences(folded, fold(anchor.before))] if anchor.before else []
    starts = occurrences(folded, fold(anchor.after)) if anchor.after else []
    if ends and starts:
        pairs = [(abs(s - e), e) for e in ends for s in starts if s >= e]
        if pairs:
            return min(pairs)[1], min(pairs)[1]
    if ends:
        return ends[0], ends[0]
    if starts:
        return starts[-1], starts[-1]
    return None


def make_anchor(text: str, start: int, end: int, context: int = CONTEXT) -> Anchor:
    """An anchor for plain offsets [start, end) of marked-up `text`: the quote and some
    context on each side, cut at word boundaries."""
    plain = markup.plain(text)
    before = plain[max(0, start - context):start]
    after = plain[end:end + context]
    if start - context > 0 and " " in before:
        before = before[before.index(" ") + 1:]
    if end + context < len(plain) and " " in after:
        after = after[: after.rindex(" ")]
    return Anchor(plain[start:end], before, after)
