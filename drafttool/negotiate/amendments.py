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
revisions each change is made of — those in its paragraph, at its words (a Word
replacement, a deletion and an insertion at one place, is one proposal) — mapped to
delegations through the registry ('Delegation of Mexico', 'MEX - Maria López' resolve),
and the proposal is dated by their `w:date`.  An unknown revision author is refused unless
--as says whose the changes are.  Word comments become statements on their paragraph: by
the delegation a comment names first ('Norway: …'), else by its author, else by --as or
'unattributed'; unknown comment authors are listed, never refused.  Inserted words keep
the format they have in the copy, and a paragraph changed inside its words (a letter of a
one-word table cell) is a word replacement in that paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from drafttool.negotiate import today
from drafttool.text import markup
from drafttool import store
from drafttool.negotiate.delegations import UNATTRIBUTED, resolve, resolve_all
from drafttool.compare.diff import DiffOptions, carry_ids, compare_rounds
from drafttool.errors import InputError, NotFoundError, Notice
from drafttool.model import (
    ChangeOp, Comparison, Event, Kind, Negotiation, Paragraph, ParagraphChange, Proposal, ProposalOp, Round,
    SegmentKind,
)
from drafttool.text.normalize import paragraph_key
from drafttool.negotiate.anchors import display_label, make_anchor
from drafttool.negotiate.proposals import check_proposal
from drafttool.readers import Reading, Revision, TrackedChanges, read_document

EQUAL, DELETE, INSERT = SegmentKind.EQUAL, SegmentKind.DELETE, SegmentKind.INSERT


@dataclass(frozen=True, slots=True)
class ImportedAmendments:
    proposals: tuple[Proposal, ...]
    notices: tuple[Notice, ...]




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
    authors = _revision_authors_known(negotiation, reading, default_by, path)
    doc = carry_ids(round_, edited)
    comparison = words_inside_paragraphs(compare_rounds(round_, doc, DiffOptions(trust_ids=True)))
    base_ids = _base_ids(round_, reading.round) if tracked else {}
    drafts, skipped = changes_to_proposals(comparison, round_, doc)
    proposals = []
    dated = date or today()
    source = Path(path).name
    untracked = 0
    for draft, where in drafts:
        by, when = default_by, dated
        if tracked:
            made_from = _made_from(where, reading.revisions, base_ids)
            found = tuple(dict.fromkeys(code for r in made_from for code in authors.get(r.author, ())))
            dates = sorted(r.date[:10] for r in made_from if r.date[:10])
            if dates and not date:
                when = dates[-1]  # the day the change was finished: its last revision's w:date
            if found:
                by = found
            elif not by:
                untracked += 1
                by = tuple(dict.fromkeys(code for codes in authors.values() for code in codes))
        proposal = replace(draft, id="", round=round_.label, by=by, date=when,
                           source=source, history=(Event("proposed", by, when, f"from {source}"),))
        check_proposal(round_, proposal)
        proposals.append(proposal)
    statements, comment_notices = _comment_statements(negotiation, round_, reading, default_by, tracked, base_ids,
                                                      source, dated, path)
    proposals.extend(statements)
    notices.extend(comment_notices)
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


def _revision_authors_known(negotiation: Negotiation, reading: Reading, default_by: tuple[str, ...],
                            path: str | Path) -> dict[str, tuple[str, ...]]:
    """Revision author names → delegation codes.  An author of tracked changes who is no
    delegation is an error unless --as says whose the changes are: the text they change
    must not be put in the wrong mouth.  (Comment authors never stop an import.)"""
    out: dict[str, tuple[str, ...]] = {}
    unknown = []
    for name in sorted({r.author for r in reading.revisions}):
        found = resolve(negotiation.delegations, name)
        if found is not None:
            out[name] = (found.code,)
        elif default_by:
            out[name] = default_by
        else:
            unknown.append(name)
    if unknown:
        who = "who is not a delegation" if len(unknown) == 1 else "who are not delegations"
        raise NotFoundError(f"tracked changes by {', '.join(repr(n) for n in unknown)}, {who} of this negotiation; "
                            "give each its delegation with `drafttool delegations STORE --add CODE --alias NAME`, "
                            "or say whose they are with --as",
                            path=str(path))
    return out


_SPEAKER = re.compile(r"^\s*(?P<name>[^:：\n]{1,60}?)\s*[:：]\s*(?P<text>\S.*)$", re.DOTALL)
"""A comment that opens with whose position it states: 'Norway: …', 'US: …'."""


def _comment_statements(negotiation: Negotiation, round_: Round, reading: Reading, default_by: tuple[str, ...],
                        tracked: bool, base_ids: dict[str, str], source: str, date: str,
                        path: str | Path) -> tuple[list[Proposal], list[Notice]]:
    """Word comments as statements on their paragraph.  A comment that opens with a
    delegation's name ('Norway: …') is that delegation's; else its author's, when the
    author is a delegation; else the --as delegation's, else 'unattributed'.  Authors who
    are no delegation are listed in a notice, never refused."""
    out: list[Proposal] = []
    notices: list[Notice] = []
    unknown: dict[str, int] = {}
    for comment in reading.comments:
        text = comment.text
        speaker = _SPEAKER.match(text)
        named = resolve(negotiation.delegations, speaker["name"]) if speaker else None
        author = resolve(negotiation.delegations, comment.author) if comment.author else None
        if named is not None:
            by: tuple[str, ...] = (named.code,)
            text = speaker["text"]  # type: ignore[index]
        elif author is not None:
            by = (author.code,)
        else:
            by = default_by or (UNATTRIBUTED,)
        if author is None:
            unknown[comment.author] = unknown.get(comment.author, 0) + 1
        target = base_ids.get(comment.paragraph, comment.paragraph) if tracked else None
        if target is None:
            target = _paragraph_for(round_, reading.round, comment.paragraph)
        if not target:
            notices.append(Notice(f"comment by {comment.author!r} is not on a paragraph of the round; left out",
                                  str(path)))
            continue
        when = comment.date[:10] or date
        out.append(Proposal("", round_.label, ProposalOp.STATEMENT, by, target,
                            text=markup.escape(text), date=when,
                            note=f"comment on {comment.quote!r}" if comment.quote else "", source=source,
                            history=(Event("proposed", by, when, f"comment in {source}"),)))
    if unknown:
        names = ", ".join(f"{name!r} ({count})" for name, count in sorted(unknown.items()))
        whose = f"the --as delegation ({', '.join(default_by)})" if default_by else f"'{UNATTRIBUTED}'"
        notices.append(Notice(f"comments by {names}, who {'is' if len(unknown) == 1 else 'are'} not "
                              f"{'a delegation' if len(unknown) == 1 else 'delegations'}: imported as statements "
                              f"by the delegation each names first, else by {whose}", str(path)))
    return out, notices


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
    """The paragraph (or footnote) whose words change; None for a whole-paragraph change."""
    start: int
    end: int
    deleted: str
    inserted: str
    paragraphs: tuple[str, ...] = ()
    """For a whole-paragraph change: the paragraphs of the round its revisions sit in."""


def _made_from(where: _Where, revisions: Sequence[Revision], base_ids: dict[str, str]) -> list[Revision]:
    """The revisions a change is made of: in its paragraph, at its words (or, for a whole
    paragraph added or deleted, in the paragraphs around it and with its words) — never a
    revision elsewhere whose letters happen to appear in the change."""
    found = []
    for revision in revisions:
        if revision.kind not in ("insert", "delete"):
            continue
        target = base_ids.get(revision.paragraph, revision.paragraph)
        if where.target is not None and target == where.target:
            length = len(revision.text) if revision.kind == "delete" else 0
            if revision.offset <= where.end + 2 and where.start <= revision.offset + length + 2:
                found.append(revision)
        elif target in where.paragraphs:
            text = revision.text.replace("\n", " ").strip()
            if text and (text in where.inserted or text in where.deleted):
                found.append(revision)
    return found


def _groups(change: ParagraphChange) -> list[tuple[int, int, str, str, bool]]:
    """Each run of changed segments: old plain start, end, deleted and inserted markup,
    and whether it is typography only.  The inserted markup carries the format it has in
    the new text ('*IDc*' where it replaced italic words inside `*…*`): a segment alone does
    not say that it stands inside a format opened before it."""
    out = []
    position = 0
    current: list = []  # type: ignore[type-arg]
    start = 0
    italic = bold = False  # the format of the new text where the next segment starts
    opened = (False, False)

    def close() -> None:
        if current:
            deleted = "".join(s.text for s in current if s.kind is DELETE)
            inserted = "".join(s.text for s in current if s.kind is INSERT)
            runs = markup.parse_from(inserted, *opened)[0] if inserted else []
            out.append((start, start + len(markup.plain(deleted)), deleted, markup.to_markup(runs),
                        all(s.typographic for s in current)))
            current.clear()

    for segment in change.segments:
        if segment.kind is EQUAL:
            close()
            position += len(markup.plain(segment.text))
        else:
            if not current:
                start, opened = position, (italic, bold)
            current.append(segment)
            if segment.kind is DELETE:
                position += len(markup.plain(segment.text))
        if segment.kind is not DELETE:
            _, italic, bold = markup.parse_from(segment.text, italic, bold)
    close()
    return out


def _fragment(text: str) -> str:
    """Marked-up words cut out of a text, made whole (a format opened is closed)."""
    return markup.to_markup(markup.parse(text))


def _similar_letters(old: str, new: str) -> bool:
    """Two paragraphs that differ by a few letters ('Vintages', 'Vintager'): one paragraph
    edited inside its words, which a comparison word by word cannot see."""
    import difflib

    a, b = markup.plain(old), markup.plain(new)
    if not a.strip() or not b.strip():
        return False
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    same = sum(block.size for block in matcher.get_matching_blocks())
    return matcher.ratio() >= 0.75 or (max(len(a), len(b)) - same <= 2 and same >= 2)


def words_inside_paragraphs(comparison: Comparison) -> Comparison:
    """The comparison with edits inside words read as word replacements in their paragraph.

    A paragraph whose only word lost a letter shares no word with its new wording, so the
    aligner takes it for a paragraph deleted and another added (and two neighbouring table
    cells so edited for a merge and an addition).  Where a run of such changes holds as
    many paragraphs before as after, each pair differing by a few letters, the pairs are
    paragraphs edited in place."""
    from drafttool.compare.diff import WordDiffer

    loose = (ChangeOp.INSERTED, ChangeOp.DELETED, ChangeOp.SPLIT, ChangeOp.MERGED)
    changes = list(comparison.changes)
    out: list[ParagraphChange] = []
    differ = WordDiffer()
    k = 0
    while k < len(changes):
        if changes[k].op not in loose:
            out.append(changes[k])
            k += 1
            continue
        end = k
        while end < len(changes) and changes[end].op in loose:
            end += 1
        run = changes[k:end]
        olds = [p for change in run for p in change.old]
        news = [p for change in run for p in change.new]
        if len(olds) == len(news) and all(_similar_letters(a.text, b.text) for a, b in zip(olds, news)):
            out.extend(ParagraphChange(ChangeOp.EDITED, (a,), (replace(b, id=a.id),), differ.segments(a.text, b.text))
                       for a, b in zip(olds, news))
        else:
            out.extend(run)
        k = end
    return replace(comparison, changes=tuple(out))


def _around(round_: Round, paragraph: str | None) -> tuple[str, ...]:
    """A paragraph of the round and the one after it: where the revisions of a paragraph
    added after it sit once they are rejected."""
    ids = [p.id for p in round_.paragraphs]
    if paragraph not in ids:
        return tuple(ids[:1])
    at = ids.index(paragraph)  # type: ignore[arg-type]
    return tuple(ids[at:at + 2])


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
            draft(ProposalOp.ADD_PARAGRAPH, place or _first_body(round_),
                  _Where(None, 0, 0, "", markup.plain(text), _around(round_, place)),
                  text=text, before=place is None, label=label)
            continue
        if change.op is ChangeOp.DELETED:
            paragraph = change.old[0]
            draft(ProposalOp.DELETE_PARAGRAPH, paragraph.id,
                  _Where(None, 0, 0, markup.plain(paragraph.text), "", (paragraph.id,)))
            continue
        if change.op is ChangeOp.SPLIT:
            whole, first, *rest = change.old[0], change.new[0], *change.new[1:]
            draft(ProposalOp.ALTERNATIVE, whole.id, _Where(whole.id, 0, len(markup.plain(whole.text)), "",
                                                          "\n".join(p.text for p in change.new)), text=first.text)
            for part in rest:
                draft(ProposalOp.ADD_PARAGRAPH, whole.id,
                      _Where(None, 0, 0, "", markup.plain(part.text), _around(round_, whole.id)), text=part.text,
                      label=_bis_label(round_, whole.id))
            previous_old = whole.id
            continue
        if change.op is ChangeOp.MERGED:
            first, *others = change.old
            draft(ProposalOp.ALTERNATIVE, first.id, _Where(first.id, 0, len(markup.plain(first.text)),
                                                          "\n".join(p.text for p in change.old),
                                                          change.new[0].text), text=change.new[0].text)
            for other in others:
                draft(ProposalOp.DELETE_PARAGRAPH, other.id,
                      _Where(None, 0, 0, markup.plain(other.text), "", (other.id, first.id)))
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
