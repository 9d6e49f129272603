"""Attribution: each change of a comparison to the proposals, and so the delegations,
behind it; and blame: for each passage of a round, the round it entered in and who
proposed it.

Takes a `Comparison` with the two rounds and the negotiation's proposals; returns the
comparison with every changed `Segment` carrying `by`, `proposal` and `attribution`:

- **applied**: the new round was built by `next-round`, so its header lists the proposals
  applied; a change is theirs when it falls in the span a proposal amended (or in the
  paragraph it added, deleted, moved or replaced);
- **matched** / **partial**: for a round imported from outside (a chair's text), a change
  that reproduces a proposal's words (all of them, or part) is attributed to it;
- **chair**: what no proposal explains.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from drafttool.text import markup
from drafttool.compare.diff import DiffOptions, compare_rounds
from drafttool.model import (
    CHAIR, Attribution, ChangeOp, Comparison, Negotiation, ParagraphChange, Proposal, ProposalOp, ProposalStatus, Round, Segment,
    SegmentKind,
)
from drafttool.text.normalize import normalise
from drafttool.negotiate.anchors import text_of
from drafttool.negotiate.proposals import check_proposal, identical_groups

EQUAL, DELETE, INSERT = SegmentKind.EQUAL, SegmentKind.DELETE, SegmentKind.INSERT


def _key(text: str) -> str:
    return " ".join(normalise(markup.plain(text)).casefold().split()).strip(" ,;.")


@dataclass(frozen=True, slots=True)
class _Effect:
    """Where a proposal acts in the old round: a paragraph (or footnote) and plain span."""

    proposal: Proposal
    target: str | None
    span: tuple[int, int] | None


def _effects(old: Round, proposals: Iterable[Proposal]) -> list[_Effect]:
    effects = []
    for proposal in proposals:
        try:
            located = check_proposal(old, proposal)
        except Exception:  # noqa: BLE001 - a proposal that no longer fits explains nothing
            continue
        span = located.span
        if span is not None:
            # The word diff may put a change on either side of the spaces around the words
            # a proposal amended: the span reaches over them.
            text = markup.plain(text_of(old, proposal.paragraph or "") or "")
            start, end = span
            while start > 0 and text[start - 1].isspace():
                start -= 1
            while end < len(text) and text[end].isspace():
                end += 1
            span = (start, end)
        effects.append(_Effect(proposal, proposal.paragraph, span))
    return effects


def _change_groups(segments: Sequence[Segment]) -> list[tuple[int, int, int, int]]:
    """Runs of changed segments: (first index, last index + 1, old plain start, old plain end)."""
    groups = []
    position = 0
    start_index = None
    start_position = 0
    for index, segment in enumerate(segments):
        length = len(markup.plain(segment.text))
        if segment.kind is EQUAL:
            if start_index is not None:
                groups.append((start_index, index, start_position, position))
                start_index = None
            position += length
        else:
            if start_index is None:
                start_index, start_position = index, position
            if segment.kind is DELETE:
                position += length
    if start_index is not None:
        groups.append((start_index, len(segments), start_position, position))
    return groups


def _mark(segments: list[Segment], first: int, last: int, proposals: Sequence[Proposal], how: Attribution) -> None:
    by = tuple(dict.fromkeys(code for p in proposals for code in p.by)) or (CHAIR,)
    for k in range(first, last):
        if segments[k].kind is not EQUAL and not segments[k].attribution:
            segments[k] = replace(segments[k], by=by, proposal=proposals[0].id if proposals else None,
                                  attribution=how)


def attribute(comparison: Comparison, old: Round, new: Round, proposals: Iterable[Proposal]) -> Comparison:
    """The comparison with each change attributed (module docstring)."""
    proposals = [p for p in proposals if p.round == old.label and p.status is not ProposalStatus.WITHDRAWN]
    applied_ids = set(new.applied)
    applied = [p for p in proposals if p.id in applied_ids]
    others = [p for p in proposals if p.id not in applied_ids and p.op not in (ProposalOp.RETAIN,
                                                                               ProposalOp.STATEMENT)]
    applied_effects = _effects(old, applied)
    other_effects = _effects(old, others)
    by_target: dict[str | None, list[_Effect]] = defaultdict(list)
    for effect in applied_effects:
        by_target[effect.target].append(effect)
    added: dict[str, list[Proposal]] = {}
    for group in identical_groups(applied):  # twins were applied once, as their first
        if group[0].op is ProposalOp.ADD_PARAGRAPH:
            added[f"add-{group[0].id}"] = group
    changes = tuple(_attribute_change(change, by_target, added, other_effects) for change in comparison.changes)
    return replace(comparison, changes=changes)


def _attribute_change(change: ParagraphChange, applied: dict[str | None, list[_Effect]],
                      added: dict[str, list[Proposal]], others: list[_Effect]) -> ParagraphChange:
    if change.op in (ChangeOp.UNCHANGED, ChangeOp.RENUMBERED) and not change.edited:
        return change
    segments = list(change.segments)
    if change.op is ChangeOp.INSERTED:
        group = added.get(change.new[0].id)
        if group is not None:
            matches, how = group, Attribution.APPLIED
        else:
            matches = [e.proposal for e in others if e.proposal.op in (ProposalOp.ADD_PARAGRAPH,)
                       and _key(e.proposal.text) == _key(change.new[0].text)]
            how = Attribution.MATCHED if matches else Attribution.CHAIR
        _mark(segments, 0, len(segments), matches, how)
        return _whole(replace(change, segments=tuple(segments)), matches)
    target = change.old[0].id if change.old else None
    effects = [e for p in change.old for e in applied.get(p.id, [])]
    whole_op = {ChangeOp.DELETED: ProposalOp.DELETE_PARAGRAPH}.get(change.op)
    if change.moved:
        whole_op = ProposalOp.MOVE_PARAGRAPH
    if whole_op is not None:
        makers = [e.proposal for e in effects if e.proposal.op is whole_op] or [
            e.proposal for e in others if e.target == target and e.proposal.op is whole_op]
        change = _whole(change, makers)
        if change.op is ChangeOp.DELETED:
            how = Attribution.APPLIED if effects else (Attribution.MATCHED if makers else Attribution.CHAIR)
            _mark(segments, 0, len(segments), makers, how)
            return replace(change, segments=tuple(segments))
    whole = [e.proposal for e in effects if e.span is None and e.proposal.op is not ProposalOp.MOVE_PARAGRAPH]
    offset = 0
    spans = []
    for paragraph in change.old:  # spans in the joined old text of splits and merges
        spans += [(e.proposal, e.span[0] + offset, e.span[1] + offset) for e in applied.get(paragraph.id, [])
                  if e.span is not None]
        offset += len(markup.plain(paragraph.text)) + 1
    for first, last, start, end in _change_groups(segments):
        hits = [p for p, s, e in spans if (s < end and start < e) or (s == e and start <= s <= end)
                or (start == end and s <= start <= e)]
        if not hits and spans:
            # A round built from proposals changes a paragraph only where its proposals
            # did; the word diff may just place the change a few words off (an inserted
            # 'et' next to an existing one): the nearest proposal made it.
            distance = min(_distance(s, e, start, end) for _, s, e in spans)
            hits = [p for p, s, e in spans if _distance(s, e, start, end) == distance]
        if hits:
            _mark(segments, first, last, hits, Attribution.APPLIED)
        elif whole:
            _mark(segments, first, last, whole, Attribution.APPLIED)
        else:
            _match(segments, first, last, [e for e in others if e.target == target])
    if change.op in (ChangeOp.SPLIT, ChangeOp.MERGED):
        # A split or merge is one change of the paragraphs: say whose on the whole.
        by = tuple(dict.fromkeys(code for s in segments for code in s.by))
        change = replace(change, by=by, proposals=tuple(dict.fromkeys(s.proposal for s in segments if s.proposal)))
    return replace(change, segments=tuple(segments))


def _distance(s: int, e: int, start: int, end: int) -> int:
    return max(0, s - end, start - e)


def _whole(change: ParagraphChange, proposals: Sequence[Proposal]) -> ParagraphChange:
    """Attribute the change of a whole paragraph (inserted, deleted, moved)."""
    by = tuple(dict.fromkeys(code for p in proposals for code in p.by)) or (CHAIR,)
    return replace(change, by=by, proposals=tuple(p.id for p in proposals))


def _match(segments: list[Segment], first: int, last: int, candidates: list[_Effect]) -> None:
    """Attribute a change to the proposals whose words it reproduces, or to the chair."""
    deleted = _key("".join(s.text for s in segments[first:last] if s.kind is DELETE))
    inserted = _key("".join(s.text for s in segments[first:last] if s.kind is INSERT))
    exact, partial = [], []
    for effect in candidates:
        proposal = effect.proposal
        quote = _key(proposal.anchor.quote)
        text = _key(proposal.text)
        if proposal.op is ProposalOp.ALTERNATIVE:
            wanted_delete, wanted_insert = "", text
        else:
            wanted_delete = quote if proposal.op in (ProposalOp.DELETE, ProposalOp.REPLACE) else ""
            wanted_insert = text if proposal.op in (ProposalOp.INSERT, ProposalOp.REPLACE) else ""
        if proposal.op is ProposalOp.ALTERNATIVE:
            if inserted and inserted in text:
                partial.append(proposal)
            continue
        if (wanted_delete, wanted_insert) == (deleted, inserted):
            exact.append(proposal)
        elif (wanted_insert and inserted and (wanted_insert in inserted or inserted in wanted_insert)) or (
            wanted_delete and deleted and (wanted_delete in deleted or deleted in wanted_delete)
        ):
            partial.append(proposal)
    if exact:
        _mark(segments, first, last, exact, Attribution.MATCHED)
    elif partial:
        _mark(segments, first, last, partial, Attribution.PARTIAL)
    else:
        _mark(segments, first, last, [], Attribution.CHAIR)


def attributed_comparison(negotiation: Negotiation, old: Round, new: Round,
                          comparison: Comparison | None = None) -> Comparison:
    """Compare two rounds of a negotiation (trusting its ids) and attribute the changes."""
    comparison = comparison or compare_rounds(old, new, DiffOptions(trust_ids=True))
    return attribute(comparison, old, new, negotiation.proposals)


# ----------------------------------------------------------------------------- blame

@dataclass(frozen=True, slots=True)
class Passage:
    """A stretch of a paragraph's text, the round it entered the text in, and who proposed it."""

    text: str
    round: str
    by: tuple[str, ...] = ()
    """Delegation codes; empty for the chair's own text (and for the first round)."""
    proposal: str | None = None


@dataclass(frozen=True, slots=True)
class Blame:
    """The passages of one paragraph of a round."""

    paragraph_id: str
    label: str
    passages: tuple[Passage, ...]


def _passages_from(segments: Sequence[Segment], old_passages: Sequence[Passage], round_label: str) -> list[list[Passage]]:
    """New passages, per new paragraph, from an old paragraph's passages and a change."""
    # Characters of the old (joined) text with their passage, consumed as segments go.
    source: list[tuple[str, Passage]] = [(char, passage) for passage in old_passages for char in passage.text]
    position = 0
    out: list[list[Passage]] = [[]]

    def emit(text: str, passage: Passage) -> None:
        for piece_index, piece in enumerate(text.split("\n")):
            if piece_index:
                out.append([])
            if not piece:
                continue
            current = out[-1]
            if current and (current[-1].round, current[-1].by, current[-1].proposal) == (
                    passage.round, passage.by, passage.proposal):
                current[-1] = replace(current[-1], text=current[-1].text + piece)
            else:
                current.append(replace(passage, text=piece))

    for segment in segments:
        if segment.kind is INSERT:
            by = tuple(code for code in segment.by if code != CHAIR)
            emit(segment.text, Passage("", round_label, by, segment.proposal if by else None))
            continue
        length = len(segment.text)
        taken = source[position:position + length]
        position += length
        if segment.kind is EQUAL:
            for char, passage in taken:
                emit(char, passage)
    return out


def blame(negotiation: Negotiation, round_name: str | None = None) -> tuple[Blame, ...]:
    """For each paragraph of a round, its passages with the round each entered in and the
    delegations that proposed it, following the comparisons back through every round."""
    target = negotiation.round(round_name)
    rounds = negotiation.rounds[: negotiation.rounds.index(target) + 1]
    first = rounds[0]
    current: dict[str, list[Passage]] = {p.id: [Passage(p.text, first.label)] if p.text else []
                                         for p in first.paragraphs}
    for old, new in zip(rounds, rounds[1:]):
        comparison = attributed_comparison(negotiation, old, new)
        following: dict[str, list[Passage]] = {}
        for change in comparison.changes:
            if not change.new:
                continue
            old_passages: list[Passage] = []
            for index, paragraph in enumerate(change.old):
                if index:
                    old_passages.append(Passage("\n", old.label))
                old_passages.extend(current.get(paragraph.id, [Passage(paragraph.text, old.label)]))
            parts = _passages_from(change.segments, old_passages, new.label)
            for paragraph, passages in zip(change.new, parts + [[]] * (len(change.new) - len(parts))):
                following[paragraph.id] = passages
        current = following
    return tuple(Blame(p.id, p.label, tuple(current.get(p.id, []))) for p in target.paragraphs)
