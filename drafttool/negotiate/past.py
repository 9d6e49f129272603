"""Proposals as they stood on a past round, so that its compilation can be issued again.

A round stops being negotiated when the next one is issued; by then its proposals are
decided, and those still pending were carried onto the next round (their `round` moved
on).  Its compilation, issued again, must show what delegations had before them: every
proposal tabled on the round (or carried onto it), with the status it had once the last
of them was tabled — the decisions that closed the round came after.  A compilation of
every status shows instead what became of each by the time the next round was issued.
"""

from __future__ import annotations

from dataclasses import replace

from drafttool.model import Negotiation, Proposal, ProposalStatus, Round

DECISIONS = {status.value: status for status in ProposalStatus}
"""History actions that set a status (`decide` names each event after the status it sets)."""


def _entered(proposal: Proposal, label: str) -> str | None:
    """The date the proposal came onto the round `label` (tabled, or carried onto it),
    or None when it was never on that round."""
    for event in proposal.history:
        if event.action == "carried" and event.note.endswith(f" to {label}"):
            return event.date
    if proposal.round == label or any(event.action == "carried" and event.note.startswith(f"from {label} to ")
                                      for event in proposal.history):
        return proposal.date or next((e.date for e in proposal.history if e.action == "proposed"), "")
    return None


def _status_on(proposal: Proposal, cutoff: str, *, inclusive: bool) -> ProposalStatus:
    """The status the proposal's history gives it before `cutoff` (an ISO date; on it too
    when `inclusive`)."""
    status = ProposalStatus.PENDING
    for event in proposal.history:
        if event.date and (event.date <= cutoff if inclusive else event.date < cutoff) and event.action in DECISIONS:
            status = DECISIONS[event.action]
    return status


def is_past(negotiation: Negotiation, round_: Round) -> bool:
    """Whether a later round superseded this one."""
    return bool(negotiation.rounds) and negotiation.rounds[-1].label != round_.label


def proposals_on_round(negotiation: Negotiation, round_: Round, *, closed: bool = False) -> tuple[Proposal, ...]:
    """The proposals that were before delegations on `round_`.  On the latest round, the
    proposals made on it as they are today.  On a past round, those tabled on it or carried
    onto it, set on it again, with the status they had once the last of them came in (a
    decision taken that day closes the round, so it is not counted) — or, with `closed`,
    the status they had when the next round was issued (those carried on were pending)."""
    if not is_past(negotiation, round_):
        return tuple(p for p in negotiation.proposals if p.round == round_.label)
    entered = {p.id: date for p in negotiation.proposals if (date := _entered(p, round_.label)) is not None}
    if not entered:
        return ()
    if closed:
        index = next(k for k, r in enumerate(negotiation.rounds) if r.label == round_.label)
        cutoff = negotiation.rounds[index + 1].date or "9999"
    else:
        cutoff = max(entered.values())
    return tuple(replace(p, round=round_.label, status=_status_on(p, cutoff, inclusive=closed))
                 for p in negotiation.proposals if p.id in entered)
