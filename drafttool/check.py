"""Check a negotiation store for every problem, with file and line.

Takes a store folder; returns every problem found, not only the first: records that do
not parse (from `store.inspect_store`), and the store's consistency — proposals on a round
or paragraph that is not there, or whose words are no longer found; delegations named but
not in the registry; statuses pending a delegation nobody registered; references to
footnotes that are not there; rounds built from proposals that are gone; rounds labelled
with a bare number (which `--round N` reads as a place in the order); temporary files
left by an interrupted write.  Rounds imported with reader warnings are reported apart,
as notices (counted, the first few quoted): they are worth knowing, not failures.  And what an interrupted or overlapping operation leaves: an
operation committed but not written through, proposals pending on a round that is not the
latest, accepted proposals the next round was built without, proposals applied twice.

`repair_store` mends what can be mended without a decision: it completes the interrupted
operation, deletes temporary files no live process is writing, and carries stranded
proposals onto the latest round (accepted ones stay accepted, to be applied by the next
`next-round`).  A proposal applied twice is reported, not undone: which round is right is
for people to say.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from drafttool.text import markup
from drafttool.negotiate.delegations import resolve
from drafttool.errors import Notice
from drafttool.model import ProposalOp, ProposalStatus
from drafttool.negotiate.anchors import text_of
from drafttool.negotiate.proposals import check_proposal
from drafttool.store import JOURNAL_FILE, Inspection, inspect_store


_SHOWN = 3
"""Reader warnings quoted for a round imported with warnings; the rest are counted."""


def _without_path(notice: str) -> str:
    """'/home/…/rev1.md:12: warning: …' → 'line 12: …' (the round says which file)."""
    where, found, message = notice.partition("warning: ")
    if not found:
        return notice
    place = where.rstrip(": ").rpartition(":")[2] if ":" in where.rstrip(": ") else ""
    return f"line {place}: {message}" if place.isdigit() else message


@dataclass(frozen=True, slots=True)
class Checked:
    """What `check` found in a store, after what `--repair` mended."""

    problems: tuple[Notice, ...]
    """What is wrong: the store fails the check."""
    notices: tuple[Notice, ...] = ()
    """What is worth knowing and wrong with nothing (rounds imported with reader warnings)."""
    repaired: tuple[str, ...] | None = None
    """What was repaired, one line each; None when no repair was asked for."""

    @property
    def failed(self) -> bool:
        return bool(self.problems)


def check(path: str | Path, *, repair: bool = False) -> Checked:
    """Check a store, after mending what can be mended when `repair` is asked."""
    repaired = tuple(repair_store(path)) if repair else None
    problems, notices = _findings(path)
    return Checked(tuple(problems), tuple(notices), repaired)


def check_store(path: str | Path) -> list[Notice]:
    """Every problem of a store, in the order of its files (notices left out)."""
    return _findings(path)[0]


def _findings(path: str | Path) -> tuple[list[Notice], list[Notice]]:
    """The problems of a store and its notices, each in the order of its files."""
    inspection = inspect_store(path)
    notices: list[Notice] = []
    negotiation = inspection.negotiation
    problems = list(inspection.problems)
    folder = Path(path)
    if inspection.pending is not None:
        problems.append(Notice(f"operation {inspection.pending.operation!r} was interrupted after it was committed: "
                               f"{len(inspection.pending.files)} file(s) to write ({', '.join(inspection.pending.files)}"
                               "); `drafttool check --repair` completes it, as does any command that changes the store",
                               str(folder / JOURNAL_FILE)))
    for stale in sorted(folder.rglob(".*.tmp")):
        problems.append(Notice("a temporary file left by an interrupted write; nothing refers to it, "
                               "delete it", str(stale)))
    problems += [notice for notice, _ in decision_problems(inspection)]

    def known(code: str) -> bool:
        return resolve(negotiation.delegations, code) is not None

    proposal_ids = {p.id for p in negotiation.proposals}
    for found in inspection.rounds:
        round_ = found.round
        footnote_ids = {f.id for f in round_.footnotes}
        for paragraph in round_.paragraphs:
            line = found.lines.get(paragraph.id)
            for code in paragraph.status.pending:
                if not known(code):
                    problems.append(Notice(f"paragraph {paragraph.id!r} is pending {code!r}, who is not in the "
                                           "delegations registry", str(found.file), str(line)))
            for ref in markup.footnote_ids(paragraph.text):
                if ref not in footnote_ids:
                    problems.append(Notice(f"paragraph {paragraph.id!r} refers to footnote {ref!r}, which is not "
                                           "in this round", str(found.file), str(line)))
        if round_.label.strip().isdigit():
            problems.append(Notice(f"round label {round_.label!r} is a bare number, which also names a round by its "
                                   f"place in the order (`--round {round_.label.strip()}`): relabel it, such as "
                                   f"'Rev.{round_.label.strip()}', in this file and in the proposals on it",
                                   str(found.file), "1"))
        if round_.notices:
            shown = "; ".join(_without_path(notice) for notice in round_.notices[:_SHOWN])
            more = f"; and {len(round_.notices) - _SHOWN:,} more" if len(round_.notices) > _SHOWN else ""
            notices.append(Notice(f"round {round_.label!r} was imported with {len(round_.notices):,} warning(s) "
                                   f"from {round_.source or 'its file'}: {shown}{more}", str(found.file), "1"))
        for proposal_id in round_.applied:
            if proposal_id not in proposal_ids:
                problems.append(Notice(f"round {round_.label!r} was built from proposal {proposal_id!r}, which is "
                                       "not in proposals/", str(found.file), "1"))
    rounds = {r.label: r for r in negotiation.rounds}
    for proposal in negotiation.proposals:
        file = str(inspection.proposal_files.get(proposal.id, ""))
        for role, codes in (("by", proposal.by), ("supporters", proposal.supporters),
                            ("opponents", proposal.opponents)):
            for code in codes:
                if not known(code):
                    problems.append(Notice(f"{role} names {code!r}, who is not in the delegations registry; add "
                                           f"it with `drafttool delegations STORE --add {code}`", file))
        if any(mark in proposal.text for mark in "\n\r\u2028\u2029"):
            problems.append(Notice(f"proposal {proposal.id!r} text holds a line break; a paragraph is one line, and "
                                   "a next round with it accepted could not be built: fix the text or reject it", file))
        target = rounds.get(proposal.round)
        if target is None:
            problems.append(Notice(f"proposal {proposal.id!r} is on round {proposal.round!r}, which is not in "
                                   "rounds/", file))
            continue
        round_ = target
        if proposal.paragraph is not None and text_of(round_, proposal.paragraph) is None:
            problems.append(Notice(f"proposal {proposal.id!r} is on paragraph {proposal.paragraph!r}, which is "
                                   f"not in round {round_.label!r}", file))
            continue
        if proposal.place is not None and round_.paragraph(proposal.place) is None:
            problems.append(Notice(f"proposal {proposal.id!r} places a paragraph next to {proposal.place!r}, "
                                   f"which is not in round {round_.label!r}", file))
            continue
        if proposal.op in (ProposalOp.INSERT, ProposalOp.DELETE, ProposalOp.REPLACE):
            try:
                check_proposal(round_, proposal)
            except Exception as error:  # noqa: BLE001 - every failure is a problem to list
                problems.append(Notice(str(error).split(": ", 1)[-1], file))
    return problems, notices


def decision_problems(inspection: Inspection) -> list[tuple[Notice, str]]:
    """Proposals that are not where their decisions put them, each with the id of the
    proposal `repair_store` carries onto the latest round, or '' when it does nothing."""
    from drafttool.operations import left_behind

    negotiation = inspection.negotiation
    rounds = negotiation.rounds
    if not rounds:
        return []
    order = {r.label: n for n, r in enumerate(rounds)}
    applied_in: dict[str, list[str]] = {}
    for round_ in rounds:
        for proposal_id in round_.applied:
            applied_in.setdefault(proposal_id, []).append(round_.label)
    latest = rounds[-1]
    found: list[tuple[Notice, str]] = []
    for proposal in negotiation.proposals:
        file = str(inspection.proposal_files.get(proposal.id, ""))
        where = applied_in.get(proposal.id, [])
        if len(where) > 1:
            found.append((Notice(f"proposal {proposal.id!r} was applied {len(where)} times, in rounds "
                                 f"{', '.join(map(repr, where))}: two next rounds were built from one round; keep "
                                 "the right one and remove the other from rounds/ (not repaired)", file), ""))
        if proposal.round not in order or proposal.round == latest.label:
            continue
        following = rounds[order[proposal.round] + 1]
        if proposal.status is ProposalStatus.PENDING and not left_behind(proposal, following.label):
            found.append((Notice(f"proposal {proposal.id!r} is pending on round {proposal.round!r}, but the latest "
                                 f"round is {latest.label!r} and it was never carried onto {following.label!r}; "
                                 "`drafttool check --repair` carries it", file), proposal.id))
        elif (proposal.status is ProposalStatus.ACCEPTED and not following.source and not where):
            found.append((Notice(f"proposal {proposal.id!r} was accepted on round {proposal.round!r}, but "
                                 f"{following.label!r} was built without it; `drafttool check --repair` carries it, "
                                 f"accepted, onto {latest.label!r} for the next `next-round` to apply", file),
                          proposal.id))
    return found


def repair_store(path: str | Path) -> list[str]:
    """Mend what `check_store` finds that can be mended without a decision; returns what
    was done, one line each (what is left, `check_store` reports)."""
    from drafttool import journal, store
    from drafttool.operations import carry_to_latest, today

    folder = Path(path)
    done: list[str] = []
    pending = journal.pending_operation(folder)
    with store.locked(folder):  # taking the lock completes an interrupted operation
        if pending is not None:
            done.append(f"completed operation {pending.operation!r}: wrote {', '.join(pending.files)}")
        done += _remove_temporary_files(folder)
        inspection = inspect_store(folder)
        carry = {proposal_id for _, proposal_id in decision_problems(inspection)}
        stranded = [proposal for proposal in inspection.negotiation.proposals if proposal.id in carry]
        if stranded:
            as_pending = tuple(replace(p, status=ProposalStatus.PENDING) for p in stranded)
            changed, dropped = carry_to_latest(inspection.negotiation.rounds, as_pending, today())
            status = {p.id: p.status for p in stranded}
            writes = [store.proposal_file(folder, replace(p, status=status[p.id])) for p in changed.values()]
            journal.commit(folder, "check --repair", writes)
            for proposal in changed.values():
                if proposal.round == inspection.negotiation.rounds[-1].label:
                    done.append(f"carried proposal {proposal.id!r} ({status[proposal.id].value}) onto round "
                                f"{proposal.round!r}")
            for proposal, reason in dropped:
                done.append(f"proposal {proposal.id!r} cannot be carried ({reason}); marked as not carried, "
                            "decide on it again")
    return done


def _remove_temporary_files(folder: Path) -> list[str]:
    """Delete the temporary files of writes whose process is gone (the pid is in the name)."""
    import os

    done = []
    for stale in sorted(folder.rglob(".*.tmp")):
        parts = stale.name.rsplit(".", 3)
        pid = int(parts[1]) if len(parts) == 4 and parts[1].isdigit() else 0
        if pid and _alive(pid):
            continue
        try:
            os.unlink(stale)
        except OSError:
            continue
        done.append(f"deleted {stale}, a temporary file left by an interrupted write")
    return done


def _alive(pid: int) -> bool:
    import os

    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # there, but another user's
        return True
    return True
