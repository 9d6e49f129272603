"""A delegation's file becomes proposals, the way proposals really arrive.

Takes a store and a file — a clean edited copy of a round (.docx, .md or .txt) or a Word
copy with tracked changes — and returns the proposals it makes, already recorded.

Both kinds go the same way, so that a clean copy and its tracked equivalent give the same
proposals: the file's text (every tracked change accepted) is compared with the round it
was made from, and each change becomes a proposal — words inserted, deleted or replaced;
a paragraph added, deleted or moved; a split paragraph as its new wording plus the parts
added after it; merged paragraphs as the new wording of the first and the deletion of the
others.  Typographic changes are not proposals and are only counted.

Who proposes: `as_delegation` for a clean copy; for tracked changes, the authors of the
revisions each change is made of (a Word replacement, a deletion and an insertion at one
place, is one proposal), mapped to delegations through the registry's aliases.  Word
comments become statements on their paragraph.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from drafttool.text import markup
from drafttool import store
from drafttool.negotiate.delegations import resolve, resolve_all
from drafttool.compare.diff import DiffOptions, carry_ids, compare_rounds
from drafttool.errors import InputError, NotFoundError, Notice
from drafttool.model import (
    ChangeOp, Comparison, Event, Kind, Negotiation, Paragraph, ParagraphChange, Proposal, ProposalOp, Round,
    SegmentKind,
)
from drafttool.text.normalize import paragraph_key
from drafttool.negotiate.proposals import check_proposal, display_label, make_anchor
from drafttool.readers import Reading, Revision, TrackedChanges, read_document

EQUAL, DELETE, INSERT = SegmentKind.EQUAL, SegmentKind.DELETE, SegmentKind.INSERT


@dataclass(frozen=True, slots=True)
class ImportedAmendments:
    proposals: tuple[Proposal, ...]
    notices: tuple[Notice, ...]


def _today() -> str:
    import datetime

    return datetime.date.today().isoformat()


def base_round_score(round_: Round, candidate: Round) -> float:
    """Share of a round's paragraphs found word for word in a candidate text."""
    keys = {paragraph_key(p.text) for p in candidate.paragraphs}
    body = [p for p in round_.paragraphs if p.text]
    if not body:
        return 0.0
    return sum(paragraph_key(p.text) in keys for p in body) / len(body)


def check_base(negotiation: Negotiation, round_: Round, base: Round, path: str | Path) -> None:
    """Refuse a file that was made from another round than the one it is imported on."""
    scores = {r.label: base_round_score(r, base) for r in negotiation.rounds}
    best = max(scores, key=lambda label: scores[label])
    if best != round_.label and scores[best] > scores[round_.label] + 0.05:
        raise InputError(f"looks like an edit of round {best!r} ({scores[best]:.0%} of its paragraphs are there "
                         f"unchanged, {scores[round_.label]:.0%} of {round_.label!r}'s); pass --round {best!r} "
                         "or use a copy of the right round", path=path)
    if scores[round_.label] < 0.2 and len(round_.paragraphs) > 3:
        raise InputError(f"does not look like an edit of round {round_.label!r}: only "
                         f"{scores[round_.label]:.0%} of its paragraphs are there unchanged", path=path)


def import_amendments(store_path: str | Path, path: str | Path, *, as_delegation: str | None = None,
                      round_name: str | None = None, date: str = "") -> ImportedAmendments:
    """Record the proposals a delegation's file makes on a round (module docstring)."""
    negotiation = store.load_store(store_path)
    round_ = negotiation.round(round_name)
    notices: list[Notice] = []
    reading = read_document(path, tracked_changes=TrackedChanges.PROPOSALS)
    tracked = bool(reading.revisions) and str(path).lower().endswith(".docx")
    edited = read_document(path, tracked_changes=TrackedChanges.ACCEPT).round if tracked else reading.round
    notices.extend(reading.notices)
    check_base(negotiation, round_, reading.round, path)
    default_by = resolve_all(negotiation.delegations, (as_delegation,)) if as_delegation else ()
    if not tracked and not default_by:
        raise InputError("a clean copy carries no author; say whose proposals these are with --as DELEGATION",
                         path=path)
    authors = _authors(negotiation, reading, default_by, path)
    doc = carry_ids(round_, edited)
    comparison = compare_rounds(round_, doc, DiffOptions(trust_ids=True))
    base_ids = _base_ids(round_, reading.round) if tracked else {}
    drafts, skipped = changes_to_proposals(comparison, round_, doc)
    proposals = []
    date = date or _today()
    source = Path(path).name
    untracked = 0
    for draft, where in drafts:
        by = default_by
        if tracked:
            found = _revision_authors(where, reading.revisions, base_ids, authors)
            if found:
                by = found
            elif not by:
                untracked += 1
                by = tuple(dict.fromkeys(code for codes in authors.values() for code in codes))
        proposal = replace(draft, id="", round=round_.label, by=by, date=date,
                           source=source, history=(Event("proposed", by, date, f"from {source}"),))
        check_proposal(round_, proposal)
        proposals.append(proposal)
    for comment in reading.comments:
        by = authors.get(comment.author) or default_by
        target = base_ids.get(comment.paragraph, comment.paragraph) if tracked else None
        if target is None:
            target = _paragraph_for(round_, reading.round, comment.paragraph)
        if not target or not by:
            notices.append(Notice(f"comment by {comment.author!r} is not on a paragraph of the round; left out",
                                  str(path)))
            continue
        proposals.append(Proposal("", round_.label, ProposalOp.STATEMENT, by, target,
                                  text=markup.escape(comment.text), date=comment.date[:10] or date,
                                  note=f"comment on {comment.quote!r}" if comment.quote else "", source=source,
                                  history=(Event("proposed", by, date, f"comment in {source}"),)))
    if skipped:
        notices.append(Notice(f"{skipped} change(s) of typography only were not made proposals", str(path)))
    if untracked:
        notices.append(Notice(f"{untracked} change(s) match no tracked change (edited with tracking off); "
                              "attributed to every author of the file — pass --as to choose", str(path)))
    from drafttool.operations import record_proposals

    with store.locked(store_path):  # all recorded, and carried if the round is not the latest, or none
        latest = store.load_store(store_path)
        latest.round(round_.label)
        recorded = record_proposals(store_path, latest, proposals, f"propose --from {source}")
    return ImportedAmendments(recorded, tuple(notices))


def _authors(negotiation: Negotiation, reading: Reading, default_by: tuple[str, ...],
             path: str | Path) -> dict[str, tuple[str, ...]]:
    """Revision and comment author names → delegation codes; unknown names are an error
    unless --as names the delegation."""
    names = {r.author for r in reading.revisions} | {c.author for c in reading.comments}
    out: dict[str, tuple[str, ...]] = {}
    unknown = []
    for name in sorted(names):
        found = resolve(negotiation.delegations, name)
        if found is not None:
            out[name] = (found.code,)
        elif default_by:
            out[name] = default_by
        else:
            unknown.append(name)
    if unknown:
        known = ", ".join(d.code for d in negotiation.delegations)
        raise NotFoundError(f"tracked changes by {', '.join(repr(n) for n in unknown)}, who is not a delegation "
                            f"of this negotiation (known: {known}); add an alias with `drafttool delegations "
                            "--add`, or say whose they are with --as", path=str(path))
    return out


def _base_ids(round_: Round, base: Round) -> dict[str, str]:
    """Ids of the file's base text (every change rejected) → ids of the round."""
    carried = carry_ids(round_, base)
    return {b.id: c.id for b, c in zip(base.paragraphs, carried.paragraphs)} | {
        f.id: f.id for f in base.footnotes}


def _paragraph_for(round_: Round, base: Round, base_id: str) -> str | None:
    mapping = _base_ids(round_, base)
    return mapping.get(base_id)


@dataclass(frozen=True, slots=True)
class _Where:
    """Where a change is, to find the revisions it is made of."""

    target: str | None
    start: int
    end: int
    deleted: str
    inserted: str


def _revision_authors(where: _Where, revisions: Sequence[Revision], base_ids: dict[str, str],
                      authors: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    codes: list[str] = []
    for revision in revisions:
        if revision.kind not in ("insert", "delete"):
            continue
        target = base_ids.get(revision.paragraph, revision.paragraph)
        text = revision.text.replace("\n", " ").strip()
        if target == where.target and where.target is not None:
            length = len(revision.text) if revision.kind == "delete" else 0
            near = revision.offset <= where.end + 2 and where.start <= revision.offset + length + 2
            if not near:
                continue
        elif not text or not (text in where.inserted or text in where.deleted):
            continue
        for code in authors.get(revision.author, ()):
            if code not in codes:
                codes.append(code)
    return tuple(codes)


def _groups(change: ParagraphChange) -> list[tuple[int, int, str, str, bool]]:
    """Each run of changed segments: old plain start, end, deleted and inserted markup,
    and whether it is typography only."""
    out = []
    position = 0
    current: list = []  # type: ignore[type-arg]
    start = 0

    def close() -> None:
        if current:
            deleted = "".join(s.text for s in current if s.kind is DELETE)
            inserted = "".join(s.text for s in current if s.kind is INSERT)
            out.append((start, start + len(markup.plain(deleted)), deleted, inserted,
                        all(s.typographic for s in current)))
            current.clear()

    for segment in change.segments:
        if segment.kind is EQUAL:
            close()
            position += len(markup.plain(segment.text))
            continue
        if not current:
            start = position
        current.append(segment)
        if segment.kind is DELETE:
            position += len(markup.plain(segment.text))
    close()
    return out


def _fragment(text: str) -> str:
    """Marked-up words cut out of a text, made whole (a format opened is closed)."""
    return markup.to_markup(markup.parse(text))


def changes_to_proposals(comparison: Comparison, round_: Round, doc: Round) -> tuple[list[tuple[Proposal, _Where]], int]:
    """Draft proposals (no id, round or proposers yet) for every change of a comparison
    of a round with an edited copy, with where each is; and the count of typographic
    changes left out."""
    drafts: list[tuple[Proposal, _Where]] = []
    skipped = 0
    previous_old: str | None = None  # the last paragraph of the round seen, in the copy's order

    def draft(op: ProposalOp, paragraph: str | None, where: _Where, **fields) -> None:  # type: ignore[no-untyped-def]
        drafts.append((Proposal("", round_.label, op, (), paragraph, **fields), where))

    for change in comparison.changes:
        if change.op is ChangeOp.INSERTED:
            paragraph = change.new[0]
            text = paragraph.text
            place = previous_old
            label = _bis_label(round_, place)
            draft(ProposalOp.ADD_PARAGRAPH, place or _first_body(round_), _Where(None, 0, 0, "", text),
                  text=text, before=place is None, label=label)
            continue
        if change.op is ChangeOp.DELETED:
            paragraph = change.old[0]
            draft(ProposalOp.DELETE_PARAGRAPH, paragraph.id, _Where(None, 0, 0, paragraph.text, ""))
            continue
        if change.op is ChangeOp.SPLIT:
            whole, first, *rest = change.old[0], change.new[0], *change.new[1:]
            draft(ProposalOp.ALTERNATIVE, whole.id, _Where(whole.id, 0, len(markup.plain(whole.text)), "",
                                                          "\n".join(p.text for p in change.new)), text=first.text)
            for part in rest:
                draft(ProposalOp.ADD_PARAGRAPH, whole.id, _Where(None, 0, 0, "", part.text), text=part.text,
                      label=_bis_label(round_, whole.id))
            previous_old = whole.id
            continue
        if change.op is ChangeOp.MERGED:
            first, *others = change.old
            draft(ProposalOp.ALTERNATIVE, first.id, _Where(first.id, 0, len(markup.plain(first.text)),
                                                          "\n".join(p.text for p in change.old),
                                                          change.new[0].text), text=change.new[0].text)
            for other in others:
                draft(ProposalOp.DELETE_PARAGRAPH, other.id, _Where(None, 0, 0, other.text, ""))
            previous_old = change.old[-1].id
            continue
        old = change.old[0]
        if change.moved:
            draft(ProposalOp.MOVE_PARAGRAPH, old.id, _Where(None, 0, 0, "", ""),
                  place=previous_old or _first_body(round_), before=previous_old is None)
        for start, end, deleted, inserted, typographic in _groups(change):
            if typographic:
                skipped += 1
                continue
            where = _Where(old.id, start, end, markup.plain(deleted), markup.plain(inserted))
            if deleted and inserted:
                draft(ProposalOp.REPLACE, old.id, where, anchor=make_anchor(old.text, start, end),
                      text=_fragment(inserted))
            elif deleted:
                draft(ProposalOp.DELETE, old.id, where, anchor=make_anchor(old.text, start, end))
            else:
                draft(ProposalOp.INSERT, old.id, where, anchor=make_anchor(old.text, start, start),
                      text=_fragment(inserted))
        previous_old = old.id
    for footnote_change in comparison.footnotes:
        if footnote_change.op is not ChangeOp.EDITED or footnote_change.old is None:
            continue
        fake = ParagraphChange(ChangeOp.EDITED, (Paragraph(footnote_change.old.id, footnote_change.old.text),),
                               (), footnote_change.segments)
        for start, end, deleted, inserted, typographic in _groups(fake):
            if typographic:
                skipped += 1
                continue
            target = footnote_change.old.id
            where = _Where(target, start, end, markup.plain(deleted), markup.plain(inserted))
            op = ProposalOp.REPLACE if deleted and inserted else ProposalOp.DELETE if deleted else ProposalOp.INSERT
            draft(op, target, where, anchor=make_anchor(footnote_change.old.text, start, end),
                  text=_fragment(inserted))
    return drafts, skipped


def _first_body(round_: Round) -> str | None:
    for paragraph in round_.paragraphs:
        if paragraph.kind not in (Kind.TITLE, Kind.HEADING):
            return paragraph.id
    return round_.paragraphs[0].id if round_.paragraphs else None


def _bis_label(round_: Round, after: str | None) -> str:
    """'3 bis' for a paragraph added after paragraph 3."""
    paragraph = round_.paragraph(after) if after else None
    if paragraph is None or not paragraph.label:
        return ""
    return f"{display_label(round_, paragraph).rstrip('.')} bis"
