"""Proposals against a round: check them, find those that conflict, apply them and
renumber the result; proposals that say the same thing grouped.

Takes a `Round` and `Proposal`s (model.py); returns located spans and the next round
with the proposals that made each change.  Where a proposal applies is `anchors`'s;
carrying pending proposals onto a newer round is `carrying`'s.

Edits are made on the runs of the text, so that deleting half of an italic phrase or
the words around a footnote reference never leaves a stray format marker behind.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from drafttool.errors import ProposalError
from drafttool.model import Kind, Paragraph, Proposal, ProposalOp, Round
from drafttool.negotiate.anchors import fold, locate, occurrences, text_of
from drafttool.text import labels, markup
from drafttool.text.spacing import edit_text

SPAN_OPS = (ProposalOp.INSERT, ProposalOp.DELETE, ProposalOp.REPLACE)
NO_CHANGE_OPS = (ProposalOp.RETAIN, ProposalOp.STATEMENT)

# ----------------------------------------------------------------------------- checking

@dataclass(frozen=True, slots=True)
class Located:
    """A proposal and the plain span it applies to in its target text (None for whole
    paragraphs)."""

    proposal: Proposal
    span: tuple[int, int] | None


def check_proposal(round_: Round, proposal: Proposal) -> Located:
    """Check that a proposal applies to the round it names, and find its span."""
    where = f"proposal {proposal.id}" if proposal.id else None
    if proposal.op in (ProposalOp.ADD_PARAGRAPH,) and proposal.paragraph is None:
        return Located(proposal, None)
    if proposal.paragraph is None:
        raise ProposalError(f"{proposal.op.value} needs a paragraph (--para)", place=where)
    text = text_of(round_, proposal.paragraph)
    if text is None:
        raise ProposalError(f"paragraph {proposal.paragraph!r} is not in round {round_.label!r}", place=where)
    if proposal.op is ProposalOp.MOVE_PARAGRAPH:
        if not proposal.place or round_.paragraph(proposal.place) is None:
            raise ProposalError(f"move needs a paragraph of round {round_.label!r} to go after or before "
                                f"(got {proposal.place!r})", place=where)
    if proposal.op not in SPAN_OPS:
        return Located(proposal, None)
    if proposal.op is not ProposalOp.INSERT and not proposal.anchor.quote:
        raise ProposalError(f"a {proposal.op.value} must quote the words it changes; this one quotes none",
                            place=where)
    span = locate(text, proposal.anchor)
    if span is None:
        what = repr(proposal.anchor.quote) if proposal.anchor.quote else (
            f"the point between {proposal.anchor.before!r} and {proposal.anchor.after!r}")
        raise ProposalError(f"{what} is not in the text of paragraph {proposal.paragraph!r} "
                            f"of round {round_.label!r}", place=where)
    plain = markup.plain(text)
    if proposal.anchor.quote and len(occurrences(plain, proposal.anchor.quote)) > 1 and not (
        proposal.anchor.before or proposal.anchor.after
    ):
        raise ProposalError(f"{proposal.anchor.quote!r} appears {len(occurrences(plain, proposal.anchor.quote))} "
                            "times in the paragraph; add words before or after it to say which", place=where)
    return Located(proposal, span)


def conflicts(located: Sequence[Located]) -> list[tuple[Proposal, Proposal, str]]:
    """Pairs of proposals that cannot both be applied, with why."""
    found: list[tuple[Proposal, Proposal, str]] = []
    by_target: dict[str, list[Located]] = defaultdict(list)
    for item in located:
        if item.proposal.paragraph is not None and item.proposal.op is not ProposalOp.ADD_PARAGRAPH:
            by_target[item.proposal.paragraph].append(item)
    for target, items in by_target.items():
        whole = [i for i in items if i.proposal.op in (ProposalOp.ALTERNATIVE, ProposalOp.DELETE_PARAGRAPH)]
        moves = [i for i in items if i.proposal.op is ProposalOp.MOVE_PARAGRAPH]
        spans = [i for i in items if i.span is not None]
        for first in whole:
            for other in items:
                if other is not first and other.proposal.op not in NO_CHANGE_OPS and not (
                    other.proposal.op is ProposalOp.MOVE_PARAGRAPH and first.proposal.op is ProposalOp.ALTERNATIVE
                ):
                    found.append((first.proposal, other.proposal, f"both change all of paragraph {target!r}"))
        for a, b in zip(moves, moves[1:]):
            found.append((a.proposal, b.proposal, f"both move paragraph {target!r}"))
        for k, a in enumerate(spans):
            for b in spans[k + 1:]:
                (s1, e1), (s2, e2) = a.span, b.span  # type: ignore[misc]
                overlap = s1 < e2 and s2 < e1
                same_point = s1 == e1 == s2 == e2
                inside = (s1 == e1 and s2 < s1 < e2) or (s2 == e2 and s1 < s2 < e1)
                if overlap or same_point or inside:
                    found.append((a.proposal, b.proposal,
                                  f"their words overlap in paragraph {target!r}"))
    unique: dict[tuple[str, ...], tuple[Proposal, Proposal, str]] = {}
    for first_proposal, second_proposal, why in found:
        key = tuple(sorted((first_proposal.id, second_proposal.id)))
        unique.setdefault(key, (first_proposal, second_proposal, why))
    return list(unique.values())


# ----------------------------------------------------------------------------- applying

@dataclass(frozen=True, slots=True)
class Amended:
    """The next round, and for each proposal the paragraphs it changed or made."""

    round: Round
    made: dict[str, tuple[str, ...]]
    """Proposal id → ids of the new round's paragraphs (or footnotes) it changed or added."""


def apply_proposals(round_: Round, proposals: Iterable[Proposal], *, label: str, date: str = "") -> Amended:
    """The round with the proposals applied and renumbered; conflicting ones raise."""
    chosen = [p for p in proposals if p.op not in NO_CHANGE_OPS]
    located = [check_proposal(round_, p) for p in chosen]
    clashes = conflicts(located)
    if clashes:
        a, b, why = clashes[0]
        more = f" (and {len(clashes) - 1} more conflict(s))" if len(clashes) > 1 else ""
        raise ProposalError(f"accepted proposals {a.id} ({', '.join(a.by)}) and {b.id} ({', '.join(b.by)}) "
                            f"conflict: {why}; reject or withdraw one of them{more}")
    made: dict[str, list[str]] = defaultdict(list)
    texts = {p.id: p.text for p in round_.paragraphs}
    texts.update({f.id: f.text for f in round_.footnotes})
    # Span edits, last first so that earlier offsets stay valid.
    spans = sorted((i for i in located if i.span is not None), key=lambda i: (i.proposal.paragraph, -i.span[0]))  # type: ignore[index]
    for item in spans:
        start, end = item.span  # type: ignore[misc]
        proposal = item.proposal
        words = "" if proposal.op is ProposalOp.DELETE else proposal.text
        target = proposal.paragraph
        assert target is not None
        texts[target] = edit_text(texts[target], start, end, words, round_.language)
        made[proposal.id].append(target)
    for item in located:
        proposal = item.proposal
        if proposal.op is ProposalOp.ALTERNATIVE:
            texts[proposal.paragraph] = proposal.text  # type: ignore[index]
            made[proposal.id].append(proposal.paragraph)  # type: ignore[arg-type]
    deleted_whole = {i.proposal.paragraph for i in located if i.proposal.op is ProposalOp.DELETE_PARAGRAPH
                     or (i.proposal.op is ProposalOp.ALTERNATIVE and not i.proposal.text.strip())}
    # A paragraph whose every word the edits deleted is a deleted paragraph: an empty one
    # would stay in the round, and the redline would show it inserted (a reader drops it).
    edited = {i.proposal.paragraph for i in spans} - deleted_whole
    emptied = {p.id for p in round_.paragraphs if p.id in edited and not texts[p.id].strip()}
    # Its subparagraphs, whose words were not deleted, go up to its own parent.
    up = {p.id: p.parent for p in round_.paragraphs if p.id in emptied}
    paragraphs = [replace(p, text=texts[p.id], parent=_surviving(p.parent, up)) for p in round_.paragraphs]
    deleted = set(deleted_whole)
    # Deleting a chapeau deletes its subparagraphs with it.
    deleted |= {p.id for p in paragraphs if p.parent in deleted and p.kind is Kind.SUBPARAGRAPH}
    deleted |= emptied
    for item in located:
        if item.proposal.op is ProposalOp.DELETE_PARAGRAPH:
            made[item.proposal.id].append(item.proposal.paragraph)  # type: ignore[arg-type]
    order = [p.id for p in paragraphs]
    by_id = {p.id: p for p in paragraphs}
    for item in located:
        proposal = item.proposal
        if proposal.op is ProposalOp.MOVE_PARAGRAPH:
            moving = [proposal.paragraph] + [p.id for p in paragraphs if p.parent == proposal.paragraph
                                             and p.kind is Kind.SUBPARAGRAPH]
            order = [pid for pid in order if pid not in moving]
            at = order.index(proposal.place) if proposal.place in order else len(order)  # type: ignore[arg-type]
            if not proposal.before:
                at += 1
                while at < len(order) and by_id[order[at]].parent == proposal.place:
                    at += 1  # after a chapeau means after its subparagraphs
            order[at:at] = [pid for pid in moving if pid is not None]
            made[proposal.id].append(proposal.paragraph)  # type: ignore[arg-type]
    last_added: dict[tuple[str | None, bool], str] = {}
    for item in located:
        proposal = item.proposal
        if proposal.op is ProposalOp.ADD_PARAGRAPH:
            new_id = f"add-{proposal.id}"
            reference = by_id.get(proposal.paragraph) if proposal.paragraph else None
            kind = reference.kind if reference and reference.kind is not Kind.TITLE else Kind.OPERATIVE
            paragraph = Paragraph(new_id, proposal.text, kind if kind is not Kind.HEADING else Kind.OPERATIVE,
                                  label=proposal.label or "",
                                  parent=reference.parent if reference and kind is Kind.SUBPARAGRAPH else None,
                                  level=reference.level if reference and kind is Kind.SUBPARAGRAPH else 0)
            by_id[new_id] = paragraph
            key = (proposal.paragraph, proposal.before)
            if key in last_added:
                # Paragraphs added at one place keep the order they were proposed in.
                at = order.index(last_added[key]) + 1
            elif proposal.paragraph in order:
                at = order.index(proposal.paragraph)
                if not proposal.before:
                    at += 1
                    while at < len(order) and by_id[order[at]].parent == proposal.paragraph and \
                            by_id[order[at]].kind is Kind.SUBPARAGRAPH:
                        at += 1
            else:
                at = len(order)
            order.insert(at, new_id)
            last_added[key] = new_id
            made[proposal.id].append(new_id)
    new_paragraphs = _lineage(round_, tuple(by_id[pid] for pid in order if pid not in deleted), made)
    footnotes = tuple(replace(f, text=texts[f.id]) for f in round_.footnotes)
    new = replace(round_, label=label, date=date, paragraphs=new_paragraphs, footnotes=footnotes,
                  applied=tuple(p.id for p in chosen), source="", note="")
    return Amended(renumber(new), {k: tuple(v) for k, v in made.items()})


def _surviving(parent: str | None, up: dict[str, str | None]) -> str | None:
    """The nearest ancestor not in `up` (the emptied paragraphs, each mapped to its parent)."""
    while parent in up:
        parent = up[parent]
    return parent


def _lineage(old: Round, paragraphs: tuple[Paragraph, ...], made: dict[str, list[str]]) -> tuple[Paragraph, ...]:
    """Record splits and merges that proposals made, so that comparisons show them as such:
    an added paragraph whose words come from a paragraph the same proposals rewrote was
    split from it; a rewritten paragraph that took in a deleted one merged it."""
    from drafttool.text.normalize import words

    touched = {pid for ids in made.values() for pid in ids}
    new_ids = {p.id for p in paragraphs}
    before = {p.id: p for p in old.paragraphs}

    def pairs(text: str) -> set[tuple[str, str]]:
        found = words(text)
        return set(zip(found, found[1:]))

    rewritten = [p for p in paragraphs if p.id in touched and p.id in before]
    out = []
    for paragraph in paragraphs:
        if paragraph.id.startswith("add-") and paragraph.id in touched:
            mine = pairs(paragraph.text)
            for source in rewritten:
                if mine and len(mine & pairs(before[source.id].text)) / len(mine) >= 0.6:
                    paragraph = replace(paragraph, split_from=source.id)
                    break
        elif paragraph in rewritten:
            gone = [p for pid, p in before.items() if pid not in new_ids and pid in touched]
            theirs = [p.id for p in gone if (found := pairs(p.text))
                      and len(found & pairs(paragraph.text)) / len(found) >= 0.6]
            if theirs:
                order = [p.id for p in old.paragraphs]
                paragraph = replace(paragraph, merged_from=tuple(sorted([paragraph.id, *theirs], key=order.index)))
        out.append(paragraph)
    return tuple(out)


# ----------------------------------------------------------------------------- renumbering

def _number_style(paragraphs: Sequence[Paragraph]) -> tuple[str, bool]:
    for paragraph in paragraphs:
        found = labels.number_label(paragraph.label + " ")
        if found:
            arabic = not found.text[0].isascii()
            text = found.text
            digits = re.match(r"[0-9٠-٩۰-۹]+", text)
            style = text[digits.end():] if digits else "."
            style = re.sub(rf"^\s?({'|'.join(labels.LATIN_SUFFIXES)})", "", style)
            return "{n}" + style, arabic
    return "{n}.", False


def _item_style(paragraphs: Sequence[Paragraph], level: int) -> tuple[str, str]:
    for paragraph in paragraphs:
        if paragraph.kind is Kind.SUBPARAGRAPH and paragraph.level == level and paragraph.label:
            label = paragraph.label
            opening = label[0] if label[0] in "(（" else ""
            closing = label[-1] if label[-1] in ")）.、" else ")"
            item = label[len(opening): len(label) - 1]
            script = "arabic" if item in labels.ABJAD else ("chinese" if labels.from_chinese(item) else "latin")
            return f"{opening}{{n}}{closing}", script
    return "{n})", "latin"


def renumber(round_: Round) -> Round:
    """Labels recomputed in order, in the style the round already uses: paragraphs 1, 2 …,
    subparagraphs a), b) … under each chapeau and i), ii) … under each subparagraph,
    headings I., II. … and A., B. … under each; 'bis' and 'ter' labels are folded in."""
    number_style, arabic = _number_style(round_.paragraphs)
    letter_style, script = _item_style(round_.paragraphs, 1)
    roman_style, _ = _item_style(round_.paragraphs, 2)
    number = 0
    heading = [0, 0]
    items: dict[str | None, int] = defaultdict(int)
    out = []
    for paragraph in round_.paragraphs:
        label = paragraph.label
        if paragraph.kind is Kind.OPERATIVE:
            number += 1
            label = labels.format_number(number, style=number_style, arabic=arabic)
        elif paragraph.kind is Kind.SUBPARAGRAPH:
            items[paragraph.parent] += 1
            if paragraph.level >= 2:
                label = labels.format_item(items[paragraph.parent], labels.LabelSort.ROMAN, roman_style)
            else:
                label = labels.format_item(items[paragraph.parent], labels.LabelSort.LETTER, letter_style, script)
        elif paragraph.kind is Kind.HEADING and paragraph.label:
            level = 1 if paragraph.level <= 1 else 2
            heading[level - 1] += 1
            if level == 1:
                heading[1] = 0
                label = labels.to_roman(heading[0]) + "."
            else:
                label = labels.to_letters(heading[1], upper=True) + "."
        out.append(replace(paragraph, label=label) if label != paragraph.label else paragraph)
    return replace(round_, paragraphs=tuple(out))


# ----------------------------------------------------------------------------- grouping

def identical_groups(proposals: Iterable[Proposal]) -> list[list[Proposal]]:
    """Proposals that say the same thing (same round, place, operation and words),
    grouped so that they are shown once with all their proposers."""
    groups: dict[tuple[object, ...], list[Proposal]] = {}
    for proposal in proposals:
        # The context says which occurrence of repeated words a proposal changes: the same
        # words replaced at two places of a paragraph are two proposals, not one.
        anchor = proposal.anchor
        key: tuple[object, ...] = (proposal.round, proposal.paragraph, proposal.op, fold(anchor.quote.strip()),
                                   fold(anchor.before[-15:]), fold(anchor.after[:15]) if anchor.quote else "",
                                   fold(" ".join(markup.plain(proposal.text).split())), proposal.place,
                                   proposal.before)
        if proposal.op is ProposalOp.STATEMENT:
            key = (proposal.id,)
        groups.setdefault(key, []).append(proposal)
    return list(groups.values())


LATIN_SUFFIXES_LABEL = labels.LATIN_SUFFIXES
"""Labels of paragraphs proposed after another: '3 bis', '3 ter'… (docs/negotiated-texts.md, 'bis, ter, supra')."""
