"""Pending proposals carried onto a newer round: each re-anchored through the comparison
of the two rounds on the words it quoted, or dropped with the reason (its paragraph or
words are gone).

Takes a `Comparison`, its two rounds and the proposals on the older one; returns a
`Carried`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from drafttool.model import Comparison, Event, Paragraph, Proposal, ProposalOp, ProposalStatus, Round, SegmentKind
from drafttool.negotiate.anchors import display_label, locate, make_anchor
from drafttool.negotiate.proposals import SPAN_OPS
from drafttool.text import markup


@dataclass(frozen=True, slots=True)
class Carried:
    """Pending proposals re-anchored on a new round, and those that no longer apply."""

    carried: tuple[Proposal, ...]
    dropped: tuple[tuple[Proposal, str], ...]


def _map_offsets(segments, start: int, end: int) -> tuple[int, int, bool]:  # type: ignore[no-untyped-def]
    """Plain offsets [start, end) of a change's old text, mapped into its new text;
    the flag says whether every character of the span was kept.  A span ending in words
    that were replaced ends after the words that replaced them."""
    old_pos = new_pos = 0
    new_start = new_end = None
    intact = True
    lengths = [len(markup.plain(segment.text)) for segment in segments]
    for k, segment in enumerate(segments):
        length = lengths[k]
        if segment.kind is SegmentKind.INSERT:
            if start < old_pos < end:
                intact = False
            new_pos += length
            continue
        seg_start, seg_end = old_pos, old_pos + length
        deleted = segment.kind is SegmentKind.DELETE
        if deleted and seg_start < end and start < seg_end:
            intact = False
        if new_start is None and (start < seg_end or start == seg_end == end):
            new_start = new_pos + (0 if deleted else start - seg_start)
        if new_end is None and end <= seg_end:
            if deleted:
                following = k + 1
                new_end = new_pos
                while following < len(segments) and segments[following].kind is SegmentKind.INSERT:
                    new_end += lengths[following]
                    following += 1
            else:
                new_end = new_pos + end - seg_start
        old_pos = seg_end
        if not deleted:
            new_pos += length
    if new_start is None:
        new_start = new_pos
    if new_end is None:
        new_end = new_pos
    return new_start, max(new_start, new_end), intact


def carry_proposals(comparison: Comparison, old: Round, new: Round,
                    proposals: Iterable[Proposal], *, date: str = "") -> Carried:
    """Re-anchor the pending proposals on `old` onto `new` through the comparison."""
    where: dict[str, tuple] = {}  # old id → (change, index of the old paragraph in it)
    for change in comparison.changes:
        for index, paragraph in enumerate(change.old):
            where[paragraph.id] = (change, index)
    footnotes = {c.old.id: c for c in comparison.footnotes if c.old is not None}
    carried: list[Proposal] = []
    dropped: list[tuple[Proposal, str]] = []
    for proposal in proposals:
        if proposal.status is not ProposalStatus.PENDING or proposal.round != old.label:
            continue
        outcome = _carry_one(proposal, old, new, where, footnotes)
        if isinstance(outcome, str):
            dropped.append((proposal, outcome))
        else:
            event = Event("carried", (), date, f"from {old.label} to {new.label}")
            carried.append(replace(outcome, round=new.label, history=(*proposal.history, event)))
    return Carried(tuple(carried), tuple(dropped))


def _carry_one(proposal: Proposal, old: Round, new: Round, where: dict, footnotes: dict) -> Proposal | str:  # type: ignore[type-arg]
    target = proposal.paragraph
    if target is None:
        return proposal
    if proposal.op is ProposalOp.MOVE_PARAGRAPH and proposal.place:
        place = where.get(proposal.place)
        if place is None or not place[0].new:
            return f"the paragraph it was to go next to ({proposal.place}) is gone in {new.label}"
        proposal = replace(proposal, place=place[0].new[0].id)
    if target in footnotes:
        change = footnotes[target]
        if change.new is None:
            return f"footnote {change.old.label} was deleted in {new.label}"
        return _carry_span(proposal, old.footnote(target).text, change.new.text, change.segments,  # type: ignore[union-attr]
                           change.new.id, new.label, f"footnote {change.new.label}")
    if target not in where:
        return f"paragraph {target!r} is not in {old.label}"
    change, index = where[target]
    if not change.new:
        return f"paragraph {display_label(old, change.old[index])} was deleted in {new.label}"
    if proposal.op not in SPAN_OPS:
        return replace(proposal, paragraph=change.new[0].id)
    old_text = "\n".join(p.text for p in change.old)
    offset = sum(len(markup.plain(p.text)) + 1 for p in change.old[:index])
    span = locate(old.paragraph(target).text, proposal.anchor)  # type: ignore[union-attr]
    if span is None:
        return f"its words {proposal.anchor.quote!r} were not in paragraph {target!r} of {old.label} either"
    new_text = "\n".join(p.text for p in change.new)
    outcome = _carry_span(proposal, old_text, new_text, change.segments, change.new[0].id, new.label,
                          f"paragraph {display_label(new, change.new[0])}", offset=offset, span=span)
    if isinstance(outcome, str) or len(change.new) == 1:
        return outcome
    return _settle_in_part(outcome, change.new)


def _carry_span(proposal: Proposal, old_text: str, new_text: str, segments, new_id: str | None,  # type: ignore[no-untyped-def]
                new_label: str, where: str, *, offset: int = 0, span: tuple[int, int] | None = None) -> Proposal | str:
    if proposal.op not in SPAN_OPS:
        return replace(proposal, paragraph=new_id or proposal.paragraph)
    if span is None:
        span = locate(old_text, proposal.anchor)
        if span is None:
            return f"its words {proposal.anchor.quote!r} were not found in {where}"
    start, end = span[0] + offset, span[1] + offset
    new_start, new_end, intact = _map_offsets(segments, start, end)
    plain_new = markup.plain(new_text)
    quote = plain_new[new_start:new_end]
    if proposal.anchor.quote and not quote.strip():
        return f"its words {proposal.anchor.quote!r} were deleted from {where} in {new_label}"
    if proposal.anchor.quote and not intact:
        from drafttool.compare.diff import WordDiffer

        if WordDiffer().similarity(proposal.anchor.quote, quote) < 0.5:
            return f"its words {proposal.anchor.quote!r} became {quote!r} in {where} ({new_label})"
    anchor = make_anchor(new_text, new_start, new_end)
    note = proposal.note
    if proposal.anchor.quote and quote != proposal.anchor.quote:
        note = (note + " " if note else "") + f"[re-anchored: {proposal.anchor.quote!r} is now {quote!r}]"
    return replace(proposal, paragraph=new_id or proposal.paragraph, anchor=anchor, note=note)


def _settle_in_part(proposal: Proposal, parts: Sequence[Paragraph]) -> Proposal:
    """After a split, point the proposal at the part that holds its words."""
    for part in parts:
        span = locate(part.text, proposal.anchor)
        if span is not None:
            return replace(proposal, paragraph=part.id, anchor=make_anchor(part.text, *span))
    return replace(proposal, paragraph=parts[0].id)
