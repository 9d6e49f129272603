"""Operations that join stages: one library call per command.

Import a round into a store, compare rounds or files, write a redline, blame a round,
compile a round's proposals, measure progress, record proposals and decisions.  The CLI
calls these and hands what they return to a renderer (`renderers.registry`); a Python
user can call them too.  Each returns its result and the notices met on the way, and
never prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafttool import journal, store
from drafttool.collector import collector_paused
from drafttool.compare.diff import DiffOptions
from drafttool.errors import InputError, Notice, NotFoundError, ProposalError, StoreError
from drafttool.model import (
    ChangeOp, Comparison, Delegation, Event, Negotiation, Paragraph, Proposal, ProposalOp, ProposalStatus, Round,
    Status,
)
from drafttool.readers import Reading, TrackedChanges, read_document

if TYPE_CHECKING:
    from drafttool.negotiate.attribution import Blame
    from drafttool.negotiate.compilation import Compilation
    from drafttool.negotiate.progress import Progress
    from drafttool.readers.docx import DocxLayout


@dataclass(frozen=True, slots=True)
class Imported:
    """A round added to a store, the file it went to, and what was noticed."""

    round: Round
    file: Path
    notices: tuple[Notice, ...]
    reading: Reading
    carried: tuple[Proposal, ...] = ()
    """Pending proposals of the previous round, re-anchored on this one."""
    dropped: tuple[tuple[Proposal, str], ...] = ()
    """Pending proposals that no longer apply, with the reason (left on the previous round)."""


def import_round(
    store_path: str | Path, document: str | Path, *, label: str, date: str = "", symbol: str = "",
    language: str = "", note: str = "", tracked_changes: TrackedChanges = TrackedChanges.ACCEPT,
) -> Imported:
    """Read a document and add it to the store as its newest round.

    Ids of paragraphs found again in the previous round are carried forward, so that a
    paragraph keeps its identity while its number changes.
    """
    negotiation = store.load_store(store_path)
    check_round_label(store_path, label)
    reading = read_document(document, label=label, language=language or negotiation.language,
                            tracked_changes=tracked_changes)
    read = replace(
        reading.round,
        label=label,
        date=date or reading.round.date,
        symbol=symbol or reading.round.symbol or negotiation.symbol,
        source=Path(document).name,
        note=note or reading.round.note,
    )
    notices = list(reading.notices)
    if reading.revisions:
        notices.append(Notice(
            f"{len(reading.revisions)} tracked change(s) found; read with every change "
            f"{'accepted' if tracked_changes is TrackedChanges.ACCEPT else 'rejected'} "
            "(--tracked-changes chooses)", str(document)))
    read = replace(read, notices=tuple(str(notice) for notice in notices))  # kept for `check`
    from drafttool.compare.diff import carry_ids

    # The document is read without the lock (it may take seconds); the store is read
    # again under it, so that the ids and the pending proposals are the latest ones.
    with store.locked(store_path):
        negotiation = store.load_store(store_path)
        new = read
        if negotiation.rounds:
            used = {p.id for r in negotiation.rounds for p in r.paragraphs}
            new = carry_ids(negotiation.rounds[-1], read, used)
        file, carried, dropped = _add_round(store_path, negotiation, new, f"import {label}", date)
    return Imported(new, file, tuple(notices), reading, carried, dropped)


def check_round_label(store_path: str | Path, label: str) -> None:
    """Refuse a label that cannot name a round: empty, or a bare number.  `--round 2` and
    `diff STORE 1 2` name rounds by label or by their place in the order; a round labelled
    '1' would make '1' mean two rounds, so such labels are refused where rounds are made
    (a store that already has one still finds it by its label first)."""
    if not label.strip():
        raise StoreError("a round needs a label (such as 'Zero draft' or 'Rev.1'); pass --label", path=store_path)
    if label.strip().isdigit():
        raise StoreError(f"round label {label!r} is a bare number, which names a round by its place in the order; "
                         f"give a label such as 'Rev.{label.strip()}'", path=store_path)


@dataclass(frozen=True, slots=True)
class Compared:
    """A comparison and the two rounds it compares, as renderers need them."""

    comparison: Comparison
    old: Round
    new: Round
    notices: tuple[Notice, ...] = ()


@collector_paused()  # reading and comparing make millions of objects, none in cycles
def compare_files(old_path: str | Path, new_path: str | Path, *, options: DiffOptions | None = None) -> Compared:
    """Compare two documents in any supported format, with no store.

    Footnotes found in both keep one id, so that a renumbered footnote is not taken for
    an edit of the paragraphs that refer to it."""
    from drafttool.compare.diff import carry_footnote_ids, compare_rounds

    old_reading = read_document(old_path)
    new_reading = read_document(new_path)
    # A round labels itself when the file says which round it is (front matter, Word
    # properties); otherwise the file's name stands for it.
    if not old_reading.round.label:
        old_reading = replace(old_reading, round=replace(old_reading.round, label=Path(old_path).name))
    if not new_reading.round.label:
        new_reading = replace(new_reading, round=replace(new_reading.round, label=Path(new_path).name))
    options = options or DiffOptions()
    new = carry_footnote_ids(old_reading.round, new_reading.round, options.align)
    comparison = compare_rounds(old_reading.round, new, options)
    return Compared(comparison, old_reading.round, new, old_reading.notices + new_reading.notices)


@collector_paused()
def compare_store_rounds(store_path: str | Path, old_name: str | None = None, new_name: str | None = None,
                         *, options: DiffOptions | None = None) -> Compared:
    """Compare two rounds of a negotiation (by default the last two), trusting the ids
    the store gave its paragraphs at import."""
    from drafttool.compare.diff import compare_rounds

    negotiation = store.load_store(store_path)
    if old_name is None and new_name is None:
        if len(negotiation.rounds) < 2:
            raise StoreError("needs two rounds to compare; import another or name two files", path=store_path)
        old, new = negotiation.rounds[-2], negotiation.rounds[-1]
    else:
        old, new = negotiation.round(old_name), negotiation.round(new_name)
    from drafttool.negotiate.attribution import attribute

    options = replace(options or DiffOptions(), trust_ids=True)
    comparison = attribute(compare_rounds(old, new, options), old, new, negotiation.proposals)
    return Compared(comparison, old, new)


# ----------------------------------------------------------------------------- proposals

def _today() -> str:
    import datetime

    return datetime.date.today().isoformat()


def propose(store_path: str | Path, draft: Proposal, *, round_name: str | None = None) -> Proposal:
    """Record a new proposal, checked against its round.

    In `draft`, `by`, `supporters` and `opponents` may be any spelling of a delegation
    (aliases are resolved), `paragraph` and `place` a label or an id; the anchor's
    context is filled in from the text so that the proposal can be found again later."""
    with store.locked(store_path):
        return _propose(store_path, store.load_store(store_path), draft, round_name)


def _propose(store_path: str | Path, negotiation: Negotiation, draft: Proposal, round_name: str | None) -> Proposal:
    from drafttool.negotiate import proposals as amend
    from drafttool.negotiate.delegations import resolve_all

    round_ = negotiation.round(round_name or (draft.round or None))
    where = "proposal"
    if any(mark in draft.text for mark in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"):
        # Each paragraph of a round is one line: a break would make every later round fail.
        raise ProposalError("the proposed text holds a line break; a paragraph is one line: propose each "
                            "paragraph separately (--add once for each)", place=where)
    proposal = replace(
        draft,
        round=round_.label,
        by=resolve_all(negotiation.delegations, draft.by, place=where),
        supporters=resolve_all(negotiation.delegations, draft.supporters, place=where),
        opponents=resolve_all(negotiation.delegations, draft.opponents, place=where),
        date=draft.date or _today(),
    )
    if proposal.paragraph is not None:
        proposal = replace(proposal, paragraph=amend.find_paragraph(round_, proposal.paragraph).id)
    if proposal.place is not None:
        proposal = replace(proposal, place=amend.find_paragraph(round_, proposal.place).id)
    located = amend.check_proposal(round_, proposal)
    if located.span is not None:
        text = amend.text_of(round_, proposal.paragraph)  # type: ignore[arg-type]
        proposal = replace(proposal, anchor=amend.make_anchor(text, *located.span))  # type: ignore[arg-type]
        if proposal.op is ProposalOp.REPLACE:
            from drafttool.text.spacing import formatted_like

            proposal = replace(proposal, text=formatted_like(text, *located.span, proposal.text))  # type: ignore[arg-type]
    proposal = replace(proposal, history=(*proposal.history, Event("proposed", proposal.by, proposal.date)))
    return record_proposals(store_path, negotiation, [proposal], "propose")[0]


def find_proposal(negotiation: Negotiation, proposal_id: str) -> Proposal:
    for proposal in negotiation.proposals:
        if proposal.id == proposal_id:
            return proposal
    raise NotFoundError(f"no proposal {proposal_id!r}; `drafttool proposals STORE` lists them")


def decide(store_path: str | Path, proposal_ids: list[str], status: ProposalStatus, *, by: str = "Chair",
           date: str = "", note: str = "") -> list[Proposal]:
    """Accept, reject, withdraw (or reopen) proposals; each change goes into its history."""
    from drafttool.negotiate.proposals import identical_groups

    with store.locked(store_path):
        negotiation = store.load_store(store_path)
        twins = {p.id: group for group in identical_groups(negotiation.proposals) for p in group}
        decided: dict[str, Proposal] = {}
        for proposal_id in proposal_ids:
            find_proposal(negotiation, proposal_id)
            # Identical proposals are shown as one; deciding on one decides on all of them.
            for proposal in twins[proposal_id]:
                if proposal.id in decided or (proposal.id != proposal_id and proposal.status is not
                                              ProposalStatus.PENDING):
                    continue
                event = Event(status.value, (by,) if by else (), date or _today(), note)
                decided[proposal.id] = replace(proposal, status=status, history=(*proposal.history, event))
        journal.commit(store_path, f"{status.value} {' '.join(proposal_ids)}",
                     [store.proposal_file(store_path, proposal) for proposal in decided.values()])
    return list(decided.values())


def endorse(store_path: str | Path, proposal_id: str, delegations: tuple[str, ...], *, oppose: bool = False,
            date: str = "") -> Proposal:
    """Record delegations supporting (or opposing) a proposal."""
    from drafttool.negotiate.delegations import resolve_all

    with store.locked(store_path):
        negotiation = store.load_store(store_path)
        proposal = find_proposal(negotiation, proposal_id)
        codes = resolve_all(negotiation.delegations, delegations)
        if oppose:
            opponents = tuple(dict.fromkeys((*proposal.opponents, *codes)))
            supporters = tuple(c for c in proposal.supporters if c not in codes)
        else:
            supporters = tuple(dict.fromkeys((*proposal.supporters, *codes)))
            opponents = tuple(c for c in proposal.opponents if c not in codes)
        event = Event("opposed" if oppose else "supported", codes, date or _today())
        proposal = replace(proposal, supporters=supporters, opponents=opponents, history=(*proposal.history, event))
        store.save_proposal(store_path, proposal)
    return proposal


@dataclass(frozen=True, slots=True)
class NextRound:
    """A round built from accepted proposals, and what became of the pending ones."""

    round: Round
    file: Path
    applied: tuple[Proposal, ...]
    carried: tuple[Proposal, ...]
    dropped: tuple[tuple[Proposal, str], ...]


def next_round(store_path: str | Path, *, label: str, date: str = "") -> NextRound:
    """Build the next round: the latest round with its accepted proposals applied and
    renumbered; pending proposals are carried onto it (those that no longer apply are
    returned with the reason)."""
    from drafttool.negotiate.proposals import apply_proposals, identical_groups

    check_round_label(store_path, label)
    with store.locked(store_path):
        negotiation = store.load_store(store_path)
        current = negotiation.round()
        accepted = tuple(p for p in negotiation.proposals
                         if p.round == current.label and p.status is ProposalStatus.ACCEPTED)
        # Identical proposals by several delegations are one amendment: applied once.
        once = [group[0] for group in identical_groups(accepted)]
        amended = apply_proposals(current, once, label=label, date=date or _today())
        new = replace(amended.round, symbol=current.symbol, applied=tuple(p.id for p in accepted), notices=())
        file, carried, dropped = _add_round(store_path, negotiation, new, f"next-round {label}", date)
    return NextRound(new, file, accepted, carried, dropped)


NOT_CARRIED = "not carried"
"""The event that records, in a pending proposal's history, that it could not be carried
onto the next round and why: `drafttool check` tells it from a proposal left behind by
an interrupted operation."""


def _add_round(store_path: str | Path, negotiation: Negotiation, new: Round, operation: str,
               date: str) -> tuple[Path, tuple[Proposal, ...], tuple[tuple[Proposal, str], ...]]:
    """Add a round and carry the pending proposals onto it, as one transaction (the
    caller holds the lock): the new round file and every proposal carried or marked as
    not carried are written together, or nothing is."""
    file = store.new_round_file(store_path, new)
    rounds = (*negotiation.rounds, new)
    changed, dropped = carry_to_latest(rounds, negotiation.proposals, date or _today())
    writes = [(file, store.round_text(new))]
    writes += [store.proposal_file(store_path, proposal) for proposal in changed.values()]
    journal.commit(store_path, operation, writes)
    carried = tuple(p for p in changed.values() if p.round == new.label)
    return file, carried, tuple(dropped)


def left_behind(proposal: Proposal, label: str) -> bool:
    """Whether carrying the proposal onto round `label` was tried, and failed."""
    return any(e.action == NOT_CARRIED and e.note.startswith(f"to {label}:") for e in proposal.history)


def carry_to_latest(rounds: tuple[Round, ...], proposals: tuple[Proposal, ...], date: str
                    ) -> tuple[dict[str, Proposal], list[tuple[Proposal, str]]]:
    """Carry the pending proposals of every round but the last, round by round, onto the
    last; those that no longer apply stay where they are, their history saying why.
    Returns the proposals changed (by id) and those not carried, with the reason."""
    from drafttool.compare.diff import compare_rounds
    from drafttool.negotiate.proposals import carry_proposals

    current = {p.id: p for p in proposals}
    changed: dict[str, Proposal] = {}
    dropped: list[tuple[Proposal, str]] = []
    for old, new in zip(rounds, rounds[1:]):
        movers = [p for p in current.values() if p.round == old.label and p.status is ProposalStatus.PENDING
                  and not left_behind(p, new.label)]
        if not movers:
            continue
        comparison = compare_rounds(old, new, DiffOptions(trust_ids=True))
        carried = carry_proposals(comparison, old, new, movers, date=date)
        for proposal in carried.carried:
            current[proposal.id] = changed[proposal.id] = proposal
        for proposal, reason in carried.dropped:
            event = Event(NOT_CARRIED, (), date, f"to {new.label}: {reason}")
            current[proposal.id] = changed[proposal.id] = replace(proposal, history=(*proposal.history, event))
            dropped.append((proposal, reason))
    return changed, dropped


def record_proposals(store_path: str | Path, negotiation: Negotiation, proposals: list[Proposal],
                     operation: str) -> tuple[Proposal, ...]:
    """Record new proposals as one transaction (the caller holds the lock, and read
    `negotiation` under it); those on a round that is not the latest are carried onto it
    as the pending proposals were when that round was made.  Returns them as recorded."""
    existing = {p.id for p in negotiation.proposals}
    named = []
    for proposal in proposals:
        if not proposal.id:  # a short id to say in the room ('EU-7'), its number taken under the lock
            proposal = replace(proposal, id=store.new_proposal_id(proposal.by, existing))
        elif proposal.id in existing:
            raise StoreError(f"a proposal {proposal.id!r} already exists", path=store_path)
        existing.add(proposal.id)
        named.append(proposal)
    proposals = named
    changed, _ = carry_to_latest(negotiation.rounds, tuple(proposals), _today())
    recorded = tuple(changed.get(p.id, p) for p in proposals)
    journal.commit(store_path, operation, [store.proposal_file(store_path, p) for p in recorded])
    return recorded


def add_delegation(store_path: str | Path, delegation: Delegation) -> Delegation:
    """Add a delegation or group to the registry, or new aliases and members to one it
    has (a Word author's name for a Member State the registry was seeded with); codes,
    names and aliases stay unique."""
    from drafttool.negotiate.delegations import resolve
    from drafttool.text.visible import code_problem, normalize_code

    # Compared and stored normalised, so that a look-alike never registers as another.
    delegation = replace(delegation, code=normalize_code(delegation.code), name=normalize_code(delegation.name),
                         aliases=tuple(normalize_code(a) for a in delegation.aliases),
                         members=tuple(normalize_code(m) for m in delegation.members))
    for what, name in (("code", delegation.code), ("name", delegation.name or "x"),
                       *(("alias", alias) for alias in delegation.aliases)):
        problem = code_problem(name)
        if problem:
            raise StoreError(f"delegation {what} {name!r} {problem}; choose another", path=store_path)
    with store.locked(store_path):
        negotiation = store.load_store(store_path)
        existing = next((d for d in negotiation.delegations if d.code.casefold() == delegation.code.casefold()), None)
        for name in (delegation.code, delegation.name, *delegation.aliases):
            clash = resolve(negotiation.delegations, name, members=False) if name else None
            if clash is not None and (existing is None or clash.code != existing.code):
                raise StoreError(f"{name!r} already names delegation {clash.code!r}; choose another code or alias",
                                 path=store_path)
        if existing is not None:
            extra = (delegation.name,) if delegation.name and delegation.name != existing.name else ()
            delegation = replace(existing, aliases=tuple(dict.fromkeys((*existing.aliases, *extra, *delegation.aliases))),
                                 members=tuple(dict.fromkeys((*existing.members, *delegation.members))),
                                 group=existing.group or delegation.group)
        if existing is None:
            store.save_delegations(store_path, (*negotiation.delegations, delegation))
        else:
            store.save_delegations(store_path, tuple(delegation if d is existing else d
                                                     for d in negotiation.delegations))
    return delegation


def set_status(store_path: str | Path, paragraph_name: str, status: Status, *,
               round_name: str | None = None) -> Paragraph:
    """Record a paragraph's status (agreed, agreed ad ref, pending a delegation…) in its round."""
    from drafttool.negotiate.delegations import resolve_all
    from drafttool.negotiate.proposals import find_paragraph

    with store.locked(store_path):
        negotiation = store.load_store(store_path)
        round_ = negotiation.round(round_name)
        paragraph = find_paragraph(round_, paragraph_name)
        if round_.paragraph(paragraph.id) is None:
            raise NotFoundError(f"{paragraph_name!r} is a footnote; statuses are given to paragraphs")
        status = replace(status, pending=resolve_all(negotiation.delegations, status.pending),
                         by=resolve_all(negotiation.delegations, (status.by,))[0] if status.by else "",
                         when=status.when or _today())
        updated = replace(paragraph, status=status)
        store.replace_round(store_path, replace(
            round_, paragraphs=tuple(updated if p.id == paragraph.id else p for p in round_.paragraphs)))
    return updated


# ----------------------------------------------------------------------------- outputs
#
# One call per command that writes a document: each returns the value its renderer
# takes (`renderers.registry`) and the notices met, and never prints.


def compare_paths(paths: Sequence[str | Path], *, options: DiffOptions | None = None,
                  hide_typographic: bool = False) -> Compared:
    """What `diff` compares: STORE OLD NEW (two rounds), STORE (its last two rounds) or
    FILE_A FILE_B; with `hide_typographic`, changes of typography only shown as kept."""
    from drafttool.compare.diff import without_typographic

    if paths and store.is_store(paths[0]) and len(paths) in (1, 3):
        compared = compare_store_rounds(paths[0], *(str(p) for p in paths[1:]), options=options)
    elif len(paths) == 2:
        compared = compare_files(paths[0], paths[1], options=options)
    else:
        raise InputError("give STORE OLD NEW, STORE, or FILE_A FILE_B")
    if hide_typographic:
        compared = replace(compared, comparison=without_typographic(compared.comparison))
    return compared


@dataclass(frozen=True, slots=True)
class Redline:
    """What a tracked-changes file is written from: the comparison, the date of each
    proposal (its revisions are dated by it), and the old Word file's layout when the old
    text is a .docx (its styles, numbering and paragraph properties are kept)."""

    compared: Compared
    dates: dict[str, str]
    layout: DocxLayout | None = None
    base: bytes | None = None
    """The old Word file itself, which the redline is written into (every part kept)."""

    @property
    def changed(self) -> int:
        """Paragraph changes written as revisions (not unchanged or renumbered only)."""
        return sum(1 for change in self.compared.comparison.changes
                   if change.op not in (ChangeOp.UNCHANGED, ChangeOp.RENUMBERED))


def redline(paths: Sequence[str | Path]) -> Redline:
    """What `redline` writes: OLD NEW (two files), STORE OLD_ROUND NEW_ROUND or STORE (its
    last two rounds, each revision dated by its proposal)."""
    if paths and store.is_store(paths[0]):
        if len(paths) not in (1, 3):
            raise InputError("give OLD NEW (two files), STORE OLD_ROUND NEW_ROUND, or STORE")
        compared = compare_store_rounds(paths[0], *(str(p) for p in paths[1:]))
        dates = {proposal.id: proposal.date for proposal in store.load_store(paths[0]).proposals if proposal.date}
        return Redline(compared, dates)
    if len(paths) != 2:
        raise InputError("give OLD NEW (two files), STORE OLD_ROUND NEW_ROUND, or STORE")
    compared = compare_files(paths[0], paths[1])
    if Path(paths[0]).suffix.lower() == ".docx":
        from drafttool.readers.docx import read_docx_layout

        base = Path(paths[0]).read_bytes()
        _, layout = read_docx_layout(base, label=compared.old.label, language=compared.old.language)
        return Redline(compared, {}, layout, base)
    return Redline(compared, {})


@dataclass(frozen=True, slots=True)
class StoredRound:
    """A round of a store, with the negotiation it belongs to."""

    negotiation: Negotiation
    round: Round


def stored_round(store_path: str | Path, round_name: str | None = None) -> StoredRound:
    """The round named (label or number; the latest by default) of a store."""
    negotiation = store.load_store(store_path)
    return StoredRound(negotiation, negotiation.round(round_name))


@dataclass(frozen=True, slots=True)
class Blamed:
    """Each paragraph of a round with the round each of its passages entered in."""

    negotiation: Negotiation
    round: Round
    blamed: tuple[Blame, ...]


def blame_round(store_path: str | Path, round_name: str | None = None) -> Blamed:
    """The blame of a round (the latest by default) of a store."""
    from drafttool.negotiate.attribution import blame

    negotiation = store.load_store(store_path)
    return Blamed(negotiation, negotiation.round(round_name), blame(negotiation, round_name))


@dataclass(frozen=True, slots=True)
class Compiled:
    """The compilation text of a round, and the proposals it could not show."""

    compilation: Compilation
    notices: tuple[Notice, ...]

    @property
    def shown(self) -> int:
        return sum(len(paragraph.proposals) for paragraph in self.compilation.paragraphs)


def compile_text(store_path: str | Path, round_name: str | None = None, *, every_status: bool = False) -> Compiled:
    """The compilation text of a round with its pending proposals (of every status with
    `every_status`)."""
    from drafttool.negotiate.compilation import compile_round

    negotiation = store.load_store(store_path)
    statuses = tuple(ProposalStatus) if every_status else (ProposalStatus.PENDING,)
    compilation = compile_round(negotiation, round_name, statuses=statuses)
    return Compiled(compilation, tuple(Notice(f"proposal {proposal.id} is not shown: {reason}", str(store_path))
                                       for proposal, reason in compilation.skipped))


def progress(store_path: str | Path) -> Progress:
    """The progress of a negotiation: statuses, brackets and proposals per round and
    delegation."""
    from drafttool.negotiate.progress import negotiation_progress

    return negotiation_progress(store.load_store(store_path))


def proposal_table(store_path: str | Path, *, round_name: str | None = None, by: str | None = None,
                   status: str | None = None, para: str | None = None, summary: bool = False) -> list[dict[str, Any]]:
    """The proposals chosen (by round, proposer, status, paragraph) as rows, one a
    proposal; with `summary`, one a delegation with its proposals counted by outcome."""
    from drafttool.listing import delegation_summary, proposal_rows, select_proposals

    selected = select_proposals(store_path, round_name=round_name, by=by, status=status, para=para)
    if summary:
        return delegation_summary(selected.negotiation, selected.proposals)
    return proposal_rows(selected.negotiation, selected.proposals)
