"""Use cases that make a negotiation's rounds: create a store, import a document as a
round, build the next round from the accepted proposals.

Each takes a store folder and the options of its command; returns a frozen value with
the notices met on the way, and never prints.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from drafttool import journal, store
from drafttool.errors import Notice, StoreError
from drafttool.model import Negotiation, Proposal, ProposalStatus, Round
from drafttool.operations.proposals import carry_to_latest, today
from drafttool.readers import Reading, TrackedChanges, read_document


@dataclass(frozen=True, slots=True)
class Created:
    """A new, empty negotiation store."""

    path: Path
    """The store's folder, as it was named."""
    negotiation: Negotiation


def init_store(path: str | Path, *, title: str = "", symbol: str = "", language: str = "",
               note: str = "") -> Created:
    """Create an empty negotiation store in a new folder, its registry seeded with the
    common groups and the UN Member and observer States."""
    negotiation = store.create_store(path, title=title, symbol=symbol, language=language, note=note)
    return Created(Path(path), negotiation)


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
    document: Path = Path()
    """The document read, as it was named."""


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
    return Imported(new, file, tuple(notices), reading, carried, dropped, Path(document))


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
        amended = apply_proposals(current, once, label=label, date=date or today())
        new = replace(amended.round, symbol=current.symbol, applied=tuple(p.id for p in accepted), notices=())
        file, carried, dropped = _add_round(store_path, negotiation, new, f"next-round {label}", date)
    return NextRound(new, file, accepted, carried, dropped)


def _add_round(store_path: str | Path, negotiation: Negotiation, new: Round, operation: str,
               date: str) -> tuple[Path, tuple[Proposal, ...], tuple[tuple[Proposal, str], ...]]:
    """Add a round and carry the pending proposals onto it, as one transaction (the
    caller holds the lock): the new round file and every proposal carried or marked as
    not carried are written together, or nothing is."""
    file = store.new_round_file(store_path, new)
    rounds = (*negotiation.rounds, new)
    changed, dropped = carry_to_latest(rounds, negotiation.proposals, date or today())
    writes = [(file, store.round_text(new))]
    writes += [store.proposal_file(store_path, proposal) for proposal in changed.values()]
    journal.commit(store_path, operation, writes)
    carried = tuple(p for p in changed.values() if p.round == new.label)
    return file, carried, tuple(dropped)
