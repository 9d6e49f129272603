"""Use cases on proposals: record one (from a command's options, a small JSON file, a
delegation's edited copy or an amendment document), decide on them, record support and
opposition, and carry pending proposals onto a newer round.

Each takes a store folder; returns the proposals as recorded (a frozen value with the
notices met), and never prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from drafttool import journal, store
from drafttool.compare.diff import DiffOptions
from drafttool.errors import InputError, Notice, NotFoundError, ProposalError, StoreError
from drafttool.model import Anchor, Event, Negotiation, Proposal, ProposalOp, ProposalStatus, Round
from drafttool.negotiate import today




def propose(store_path: str | Path, draft: Proposal, *, round_name: str | None = None) -> Proposal:
    """Record a new proposal, checked against its round.

    In `draft`, `by`, `supporters` and `opponents` may be any spelling of a delegation
    (aliases are resolved), `paragraph` and `place` a label or an id; the anchor's
    context is filled in from the text so that the proposal can be found again later."""
    with store.locked(store_path):
        return _propose(store_path, store.load_store(store_path), draft, round_name)


def _propose(store_path: str | Path, negotiation: Negotiation, draft: Proposal, round_name: str | None) -> Proposal:
    from drafttool.negotiate import anchors, proposals as amend
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
        date=draft.date or today(),
    )
    if proposal.paragraph is not None:
        proposal = replace(proposal, paragraph=anchors.find_paragraph(round_, proposal.paragraph).id)
    if proposal.place is not None:
        proposal = replace(proposal, place=anchors.find_paragraph(round_, proposal.place).id)
    located = amend.check_proposal(round_, proposal)
    if located.span is not None:
        text = anchors.text_of(round_, proposal.paragraph)  # type: ignore[arg-type]
        proposal = replace(proposal, anchor=anchors.make_anchor(text, *located.span))  # type: ignore[arg-type]
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


def decide(store_path: str | Path, proposal_ids: Sequence[str], status: ProposalStatus, *, by: str = "Chair",
           date: str = "", note: str = "") -> tuple[Proposal, ...]:
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
                event = Event(status.value, (by,) if by else (), date or today(), note)
                decided[proposal.id] = replace(proposal, status=status, history=(*proposal.history, event))
        journal.commit(store_path, f"{status.value} {' '.join(proposal_ids)}",
                     [store.proposal_file(store_path, proposal) for proposal in decided.values()])
    return tuple(decided.values())


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
        event = Event("opposed" if oppose else "supported", codes, date or today())
        proposal = replace(proposal, supporters=supporters, opponents=opponents, history=(*proposal.history, event))
        store.save_proposal(store_path, proposal)
    return proposal


NOT_CARRIED = "not carried"
"""The event that records, in a pending proposal's history, that it could not be carried
onto the next round and why: `drafttool check` tells it from a proposal left behind by
an interrupted operation."""

def left_behind(proposal: Proposal, label: str) -> bool:
    """Whether carrying the proposal onto round `label` was tried, and failed."""
    return any(e.action == NOT_CARRIED and e.note.startswith(f"to {label}:") for e in proposal.history)


def carry_to_latest(rounds: tuple[Round, ...], proposals: tuple[Proposal, ...], date: str
                    ) -> tuple[dict[str, Proposal], list[tuple[Proposal, str]]]:
    """Carry the pending proposals of every round but the last, round by round, onto the
    last; those that no longer apply stay where they are, their history saying why.
    Returns the proposals changed (by id) and those not carried, with the reason."""
    from drafttool.compare.diff import compare_rounds
    from drafttool.negotiate.carrying import carry_proposals

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
    changed, _ = carry_to_latest(negotiation.rounds, tuple(proposals), today())
    recorded = tuple(changed.get(p.id, p) for p in proposals)
    journal.commit(store_path, operation, [store.proposal_file(store_path, p) for p in recorded])
    return recorded


@dataclass(frozen=True, slots=True)
class ProposalRequest:
    """A proposal as `propose` is asked for it: exactly one of the operations, the
    proposers, the paragraph (a label or an id) and what goes with them; or a file that
    holds it (`file`: one proposal as JSON; `copy`: a delegation's edited copy or a UN
    amendment document, whose proposals are `as_delegation`'s)."""

    by: tuple[str, ...] = ()
    paragraph: str | None = None
    replace: str | None = None
    """Words to replace, with `with_`."""
    with_: str | None = None
    delete: str | None = None
    insert: str | None = None
    after_words: str = ""
    before_words: str = ""
    add: str | None = None
    """A new paragraph, after `paragraph` (before it with `before`)."""
    before: bool = False
    delete_paragraph: bool = False
    move_after: str | None = None
    move_before: str | None = None
    alternative: str | None = None
    no_text: bool = False
    retain: bool = False
    statement: str | None = None
    label: str = ""
    supporters: tuple[str, ...] = ()
    opponents: tuple[str, ...] = ()
    note: str = ""
    date: str = ""
    file: Path | None = None
    copy: Path | None = None
    as_delegation: str | None = None


@dataclass(frozen=True, slots=True)
class Recorded:
    """Proposals recorded, the file they were read from (None when given as options or
    as a JSON proposal), and what was noticed reading it."""

    proposals: tuple[Proposal, ...]
    source: Path | None = None
    notices: tuple[Notice, ...] = ()


def propose_request(store_path: str | Path, request: ProposalRequest, *, round_name: str | None = None) -> Recorded:
    """Record what `request` asks: one proposal, or the proposals of the copy or
    amendment document it names."""
    if request.copy is not None:
        from drafttool.negotiate.amendments import import_amendments
        from drafttool.negotiate.instructions import read_amendment_document

        imported = read_amendment_document(store_path, request.copy, round_name=round_name,
                                           as_delegation=request.as_delegation) \
            or import_amendments(store_path, request.copy, as_delegation=request.as_delegation, round_name=round_name)
        return Recorded(tuple(imported.proposals), request.copy, tuple(imported.notices))
    return Recorded((propose(store_path, draft_proposal(request), round_name=round_name),))


_OPERATIONS = ("--replace", "--delete", "--insert", "--add", "--delete-paragraph", "--move-after", "--move-before",
               "--alternative", "--no-text", "--retain", "--statement")


def draft_proposal(request: ProposalRequest) -> Proposal:
    """The proposal `request` describes, not yet checked against its round; a request
    that does not say what, who or where fails with the option to give."""
    from drafttool.text import markup

    if request.file is not None:
        return _draft_from_file(request.file)
    given = (request.replace, request.delete, request.insert, request.add, request.delete_paragraph,
             request.move_after, request.move_before, request.alternative, request.no_text, request.retain,
             request.statement)
    chosen = [name for name, value in zip(_OPERATIONS, given) if value]
    if len(chosen) != 1:
        raise ProposalError(f"say what is proposed with exactly one of {', '.join(_OPERATIONS)} "
                            f"(got {', '.join(chosen) or 'none'})")
    if not request.by:
        raise ProposalError("say who proposes it with --by DELEGATION")
    if request.paragraph is None:
        raise ProposalError("say which paragraph with --para (a label such as 5 or 18 a), or an id)")
    if request.replace is not None and request.with_ is None:
        raise ProposalError("--replace needs --with NEW WORDS")
    if request.insert is not None and not (request.after_words or request.before_words):
        raise ProposalError("--insert needs --after-words or --before-words to say where")
    draft = Proposal(id="", round="", op=ProposalOp.RETAIN, by=request.by, paragraph=request.paragraph,
                     label=request.label, supporters=request.supporters, opponents=request.opponents,
                     note=request.note, date=request.date)
    if request.replace is not None:
        return replace(draft, op=ProposalOp.REPLACE, anchor=Anchor(request.replace),
                       text=markup.escape(request.with_ or ""))
    if request.delete is not None:
        return replace(draft, op=ProposalOp.DELETE, anchor=Anchor(request.delete))
    if request.insert is not None:
        return replace(draft, op=ProposalOp.INSERT, anchor=Anchor("", request.after_words, request.before_words),
                       text=markup.escape(request.insert))
    if request.add is not None:
        return replace(draft, op=ProposalOp.ADD_PARAGRAPH, text=markup.escape(request.add), before=request.before)
    if request.delete_paragraph:
        return replace(draft, op=ProposalOp.DELETE_PARAGRAPH)
    if request.move_after or request.move_before:
        return replace(draft, op=ProposalOp.MOVE_PARAGRAPH, place=request.move_after or request.move_before,
                       before=bool(request.move_before))
    if request.alternative is not None or request.no_text:
        return replace(draft, op=ProposalOp.ALTERNATIVE, text=markup.escape(request.alternative or ""))
    if request.retain:
        return draft
    return replace(draft, op=ProposalOp.STATEMENT, text=markup.escape(request.statement or ""))


def _draft_from_file(path: Path) -> Proposal:
    """One proposal written as a small JSON file with the fields of a stored proposal."""
    import json

    from drafttool.records import RecordError, proposal_from_dict

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot be read: {error}", path=path) from None
    except json.JSONDecodeError as error:
        raise InputError(f"invalid JSON: {error.msg} (column {error.colno})", path=path, place=error.lineno) from None
    if isinstance(data, dict):
        data = {"id": "", "round": "", **data}
    try:
        return proposal_from_dict(data)
    except RecordError as error:
        raise InputError(str(error), path=path) from None
