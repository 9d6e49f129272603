"""The compilation text: a round with every proposal on it shown where it applies.

Takes a round and the negotiation's proposals; returns a `Compilation` — for each
paragraph its text cut into pieces (kept words, words proposed for deletion, words
proposed for insertion, each deletion and insertion with the proposals behind it), the
alternatives proposed for it, proposals to delete, move or retain it, statements on it,
and the paragraphs proposed to be added after it (with their bis/ter labels).  The HTML
and Word renderers read it; neither decides anything about proposals.

Proposals whose words overlap are never merged into one garbled line: the words they
share are shown once as an *option group* — the text as it stands, then each proposal's
version of it, one after the other.  Identical proposals by several delegations are shown
once, with all their proposers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from drafttool.text import markup
from drafttool.model import Footnote, Kind, Negotiation, Paragraph, Proposal, ProposalOp, ProposalStatus, Round
from drafttool.text.labels import bare_label
from drafttool.negotiate.anchors import display_label, text_of
from drafttool.negotiate.proposals import LATIN_SUFFIXES_LABEL, check_proposal, identical_groups
from drafttool.text.spacing import spaced_edit
from drafttool.negotiate.past import proposals_on_round


@dataclass(frozen=True, slots=True)
class Proposers:
    """Who stands behind a proposal shown once (identical ones joined)."""

    ids: tuple[str, ...]
    by: tuple[str, ...]
    supporters: tuple[str, ...] = ()
    opponents: tuple[str, ...] = ()
    status: ProposalStatus = ProposalStatus.PENDING
    op: ProposalOp = ProposalOp.REPLACE
    label: str = ""
    note: str = ""
    date: str = ""


class PieceKind(StrEnum):
    """What a stretch of a compiled paragraph is."""

    TEXT = "text"
    """The text as it stands."""
    DELETE = "delete"
    """Words proposed for deletion."""
    INSERT = "insert"
    """Words proposed for insertion."""


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of a paragraph in the compilation."""

    kind: PieceKind
    text: str
    """Marked-up words (whole: every format opened in it is closed)."""
    proposers: Proposers | None = None
    """For 'delete' and 'insert': the proposal behind it."""
    group: int | None = None
    """Pieces of one option group share a number (overlapping proposals)."""
    variant: int = 0
    """In an option group: 0 for the text as it stands, then 1, 2 … one per proposal."""
    ends_proposal: bool = False
    """The last piece of its proposal's span: where the proposers are written."""


@dataclass(frozen=True, slots=True)
class Alternative:
    """Another wording for a whole paragraph ('OP5 alt', 'Option 2', or no text)."""

    label: str
    text: str
    proposers: Proposers


@dataclass(frozen=True, slots=True)
class CompiledParagraph:
    paragraph: Paragraph
    label: str
    """As shown: '5.', '18 a)', or '5 bis' for a proposed paragraph."""
    pieces: tuple[Piece, ...]
    proposed_by: Proposers | None = None
    """For a paragraph proposed to be added: who proposes it."""
    deletions: tuple[Proposers, ...] = ()
    moves: tuple[tuple[Proposers, str, str], ...] = ()
    """Proposals to move it: who, 'after' or 'before', and the label of the paragraph named."""
    retains: tuple[Proposers, ...] = ()
    alternatives: tuple[Alternative, ...] = ()
    statements: tuple[tuple[Proposers, str], ...] = ()

    @property
    def proposals(self) -> tuple[Proposers, ...]:
        """Every proposal shown with this paragraph."""
        found = [p.proposers for p in self.pieces if p.proposers is not None]
        found += list(self.deletions) + [m for m, _, _ in self.moves] + list(self.retains)
        found += [a.proposers for a in self.alternatives] + [s for s, _ in self.statements]
        if self.proposed_by is not None:
            found.append(self.proposed_by)
        unique: dict[tuple[str, ...], Proposers] = {}
        for item in found:
            unique.setdefault(item.ids, item)
        return tuple(unique.values())


@dataclass(frozen=True, slots=True)
class CompiledFootnote:
    footnote: Footnote
    pieces: tuple[Piece, ...]


@dataclass(frozen=True, slots=True)
class Compilation:
    """A round as a compilation text."""

    round: Round
    paragraphs: tuple[CompiledParagraph, ...]
    footnotes: tuple[CompiledFootnote, ...]
    delegations: tuple[str, ...]
    """Codes of every delegation with a proposal shown, for the legend and the filter."""
    statuses: tuple[ProposalStatus, ...] = (ProposalStatus.PENDING,)
    skipped: tuple[tuple[Proposal, str], ...] = field(default=())
    """Proposals that could not be placed on the round, with why."""


def _proposers(group: Sequence[Proposal]) -> Proposers:
    first = group[0]
    return Proposers(
        ids=tuple(p.id for p in group),
        by=tuple(dict.fromkeys(code for p in group for code in p.by)),
        supporters=tuple(dict.fromkeys(code for p in group for code in p.supporters)),
        opponents=tuple(dict.fromkeys(code for p in group for code in p.opponents)),
        status=first.status, op=first.op, label=first.label, note=first.note, date=first.date,
    )


def _whole(text: str) -> str:
    return markup.to_markup(markup.parse(text))


def _cut(text: str, start: int, end: int, *, refs_at_start: bool = True, refs_at_end: bool = False) -> str:
    """Plain offsets [start, end) of marked-up text, as marked-up text of its own.

    A footnote reference at an edge goes to exactly one piece, where the next round puts
    it: one at the start of words proposed for deletion stays before them, one at their
    end after them, and one at an insertion point after the inserted words (the callers
    say which edges are theirs)."""
    runs = []
    position = 0
    for run in markup.parse(text):
        if run.footnote is not None:
            if start < position < end or (position == start and refs_at_start) or (
                    position == end and refs_at_end and end > start):
                runs.append(run)
            continue
        stop = position + len(run.text)
        a, b = max(start, position), min(end, stop)
        if a < b:
            runs.append(markup.Run(run.text[a - position:b - position], run.italic, run.bold))
        position = stop
    return markup.to_markup(runs)


def _pieces(text: str, spans: list[tuple[int, int, Proposers, Proposal]]) -> list[Piece]:
    """The paragraph cut at every proposal's span; overlapping spans made option groups."""
    plain_length = len(markup.plain(text))
    spans.sort(key=lambda item: (item[0], item[1]))
    clusters: list[list[tuple[int, int, Proposers, Proposal]]] = []
    for item in spans:
        start, end = item[0], item[1]
        if clusters:
            c_start = min(s for s, _, _, _ in clusters[-1])
            c_end = max(e for _, e, _, _ in clusters[-1])
            touching = start < c_end or (start == end == c_end) or (start == c_end and c_start == c_end)
            if touching and not (start == c_end and end > start and c_start < c_end):
                clusters[-1].append(item)
                continue
        clusters.append([item])
    pieces: list[Piece] = []
    position = 0
    group_number = 0
    for cluster in clusters:
        c_start = min(s for s, _, _, _ in cluster)
        c_end = max(e for _, e, _, _ in cluster)
        # References where words are proposed for deletion stay before them.
        pieces.append(Piece(PieceKind.TEXT, _cut(text, position, c_start, refs_at_end=c_end > c_start)))
        if len(cluster) == 1:
            start, end, who, proposal = cluster[0]
            pieces.extend(_variant(text, start, end, who, proposal, None, 0))
        else:
            group_number += 1
            if c_end > c_start:
                pieces.append(Piece(PieceKind.TEXT, _cut(text, c_start, c_end, refs_at_start=False), group=group_number,
                                    variant=0))
            for variant, (start, end, who, proposal) in enumerate(cluster, start=1):
                # Each proposal's version of the whole group: its words, with the rest kept
                # (references at the group's edges are the text's around it).
                before = Piece(PieceKind.TEXT, _cut(text, c_start, start, refs_at_start=False,
                                            refs_at_end=c_start < start < end), group=group_number, variant=variant)
                after = Piece(PieceKind.TEXT, _cut(text, end, c_end, refs_at_start=c_start < end < c_end), group=group_number,
                              variant=variant)
                middle = _variant(text, start, end, who, proposal, group_number, variant)
                pieces.extend([p for p in (before, *middle, after) if p.text or p.kind is not PieceKind.TEXT])
        position = max(position, c_end)
    pieces.append(Piece(PieceKind.TEXT, _cut(text, position, plain_length)))
    return [p for p in pieces if p.text or p.kind is not PieceKind.TEXT]


def _spaced(round_: Round, proposal: Proposal, start: int, end: int,
            who: Proposers) -> tuple[int, int, Proposers, Proposal]:
    """A proposal's span and words with the spaces at their edges as the next round will
    have them (`proposals.spaced_edit`), so that the compilation's accepted reading is
    the next round's text: insertions carry the space they need ('to and simplify',
    not 'toand simplify'), and a deletion takes the space it makes redundant with it.
    The text as it stands is never changed: an insertion only adds."""
    text = text_of(round_, proposal.paragraph) or ""  # type: ignore[arg-type]
    new = proposal.text if proposal.op is not ProposalOp.DELETE else ""
    wide_start, wide_end, spaced = spaced_edit(text, start, end, new, round_.language)
    if start == end:
        return start, end, who, replace(proposal, text=spaced)
    return wide_start, wide_end, who, replace(proposal, text=spaced)


def _variant(text: str, start: int, end: int, who: Proposers, proposal: Proposal, group: int | None,
             variant: int) -> list[Piece]:
    out = []
    if end > start:
        out += _deleted(text, start, end, who, group, variant)
    if proposal.op in (ProposalOp.INSERT, ProposalOp.REPLACE) and proposal.text:
        out.append(Piece(PieceKind.INSERT, _whole(proposal.text), who, group, variant))
    if out:
        last = out[-1]
        out[-1] = Piece(last.kind, last.text, last.proposers, last.group, last.variant, ends_proposal=True)
    if proposal.op is ProposalOp.DELETE and proposal.text:
        # A deletion that would join two words ('970–973' less its dash) leaves a space.
        out.append(Piece(PieceKind.INSERT, proposal.text, who, group, variant))
    return out


def _deleted(text: str, start: int, end: int, who: Proposers, group: int | None, variant: int) -> list[Piece]:
    """Words proposed for deletion.  The spaces a deletion takes with it (`_spaced`) may
    hold a footnote reference at the edge of the words: the next round keeps it, so it
    is shown kept, between the deleted words and the deleted space."""
    plain = markup.plain(text)
    words = plain[start:end]
    core_start, core_end = start + len(words) - len(words.lstrip()), end - len(words) + len(words.rstrip())
    refs: dict[int, list[markup.Run]] = {}
    position = 0
    for run in markup.parse(text):
        if run.footnote is None:
            position += len(run.text)
        elif start < position <= core_start or core_end <= position < end:
            refs.setdefault(position, []).append(run)
    out = []
    cuts = [start, *refs, end]
    for a, b in zip(cuts, cuts[1:]):
        if b > a:
            out.append(Piece(PieceKind.DELETE, _cut(text, a, b, refs_at_start=False), who, group, variant))
        if b in refs:
            out.append(Piece(PieceKind.TEXT, markup.to_markup(refs[b]), group=group, variant=variant))
    return out


def compile_round(negotiation: Negotiation, round_name: str | None = None, *,
                  statuses: Iterable[ProposalStatus] = (ProposalStatus.PENDING,)) -> Compilation:
    """The compilation text of a round with its proposals of the given statuses; a past
    round's with its proposals as they stood on it (`past.proposals_on_round`)."""
    round_ = negotiation.round(round_name)
    wanted = tuple(statuses)
    on_round = proposals_on_round(negotiation, round_, closed=wanted != (ProposalStatus.PENDING,))
    proposals = [p for p in on_round if p.status in wanted]
    groups = identical_groups(proposals)
    spans: dict[str, list[tuple[int, int, Proposers, Proposal]]] = defaultdict(list)
    whole: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))  # type: ignore[type-arg]
    added: dict[tuple[str | None, bool], list[tuple[Proposers, Proposal, Paragraph | None]]] = defaultdict(list)
    """Paragraphs proposed, by (the paragraph they go after or before, before?): who, what,
    and the paragraph their label is made from (a chapeau, though they go after its items)."""
    skipped: list[tuple[Proposal, str]] = []
    delegations: list[str] = []
    for group in groups:
        first = group[0]
        who = _proposers(group)
        delegations.extend(code for code in who.by + who.supporters + who.opponents if code not in delegations)
        try:
            located = check_proposal(round_, first)
        except Exception as error:  # noqa: BLE001 - shown in the compilation's list of what did not fit
            skipped.append((first, str(error)))
            continue
        if located.span is not None:
            spans[first.paragraph].append(_spaced(round_, first, *located.span, who))  # type: ignore[index]
        elif first.op is ProposalOp.ADD_PARAGRAPH:
            added[(first.paragraph, first.before)].append((who, first, None))
        elif first.op is ProposalOp.MOVE_PARAGRAPH:
            place = round_.paragraph(first.place) if first.place else None
            where = display_label(round_, place) if place else "?"
            side = "before" if first.before else "after"
            whole[first.paragraph]["moves"].append((who, side, where))  # type: ignore[index]
        elif first.op is ProposalOp.ALTERNATIVE:
            whole[first.paragraph]["alternatives"].append((who, first))  # type: ignore[index]
        elif first.op is ProposalOp.DELETE_PARAGRAPH:
            whole[first.paragraph]["deletions"].append(who)  # type: ignore[index]
        elif first.op is ProposalOp.RETAIN:
            whole[first.paragraph]["retains"].append(who)  # type: ignore[index]
        elif first.op is ProposalOp.STATEMENT:
            whole[first.paragraph]["statements"].append((who, _whole(first.text)))  # type: ignore[index]
    paragraphs: list[CompiledParagraph] = []
    for paragraph in round_.paragraphs:
        for who, proposal, reference in added.get((paragraph.id, True), []):
            paragraphs.append(_added(round_, reference or paragraph, who, proposal, supra=True))
        label = display_label(round_, paragraph) if paragraph.label else ""
        extra = whole.get(paragraph.id, {})
        alternatives = tuple(
            Alternative(p.label or _alt_label(label, k, len(extra.get("alternatives", []))), _whole(p.text), who)
            for k, (who, p) in enumerate(extra.get("alternatives", []), start=1)
        )
        paragraphs.append(CompiledParagraph(
            paragraph, label, tuple(_pieces(paragraph.text, spans.get(paragraph.id, []))),
            deletions=tuple(extra.get("deletions", [])), moves=tuple(extra.get("moves", [])),
            retains=tuple(extra.get("retains", [])), alternatives=alternatives,
            statements=tuple(extra.get("statements", [])),
        ))
        after = added.get((paragraph.id, False), [])
        # Added after a chapeau means after its subparagraphs: hold them until the last one.
        if after and any(p.parent == paragraph.id and p.kind is Kind.SUBPARAGRAPH for p in round_.paragraphs):
            last = [p for p in round_.paragraphs if p.parent == paragraph.id and p.kind is Kind.SUBPARAGRAPH][-1]
            added[(last.id, False)] = [(w, p, r or paragraph) for w, p, r in after] + added.get((last.id, False), [])
            continue
        for count, (who, proposal, reference) in enumerate(after, start=1):
            paragraphs.append(_added(round_, reference or paragraph, who, proposal, supra=False, count=count))
    for (target, _), items in added.items():
        if target is None:
            for who, proposal, _ in items:
                paragraphs.append(CompiledParagraph(
                    Paragraph(f"add-{proposal.id}", proposal.text, Kind.OPERATIVE), proposal.label or "new",
                    (Piece(PieceKind.INSERT, _whole(proposal.text), who, ends_proposal=True),), proposed_by=who))
    footnotes = tuple(CompiledFootnote(f, tuple(_pieces(f.text, spans.get(f.id, [])))) for f in round_.footnotes)
    return Compilation(round_, tuple(paragraphs), footnotes, tuple(delegations), wanted, tuple(skipped))


def _alt_label(label: str, number: int, count: int) -> str:
    base = f"{bare_label(label)} alt" if label else "alt"
    return base if count == 1 else f"{base}{number}"


def _added(round_: Round, reference: Paragraph, who: Proposers, proposal: Proposal, *, supra: bool,
           count: int = 1) -> CompiledParagraph:
    """A paragraph proposed to be added: shown where it would go, with its bis/ter label."""
    base = bare_label(display_label(round_, reference)) if reference.label else ""
    if proposal.label:
        label = proposal.label
    elif supra:
        label = f"{base} supra" if base else "new"
    else:
        label = f"{base} {LATIN_SUFFIXES_LABEL[min(count, len(LATIN_SUFFIXES_LABEL)) - 1]}" if base else "new"
    kind = reference.kind if reference.kind in (Kind.OPERATIVE, Kind.PREAMBULAR, Kind.SUBPARAGRAPH) else Kind.OPERATIVE
    paragraph = Paragraph(f"add-{proposal.id}", proposal.text, kind, label, reference.parent, reference.level)
    return CompiledParagraph(paragraph, label, (Piece(PieceKind.INSERT, _whole(proposal.text), who, ends_proposal=True),),
                             proposed_by=who)
