"""Progress of a negotiation, per round and across rounds: statuses of paragraphs,
bracketed spans, and proposals per delegation and group with their outcomes.

Takes a `Negotiation`; returns plain values the terminal, JSON and HTML renderers read.
"""

from __future__ import annotations

from dataclasses import dataclass

from drafttool.text.brackets import BracketReport, scan_brackets
from drafttool.model import Kind, Negotiation, ProposalStatus, StatusValue
from drafttool.negotiate.anchors import display_label

BODY = (Kind.PREAMBULAR, Kind.OPERATIVE, Kind.SUBPARAGRAPH, Kind.TEXT)
UNSETTLED = (StatusValue.AGREED_AD_REF, StatusValue.PENDING, StatusValue.SILENCE)
"""Statuses that wait for someone: the chair's first question is which, and whom."""


@dataclass(frozen=True, slots=True)
class Awaiting:
    """A paragraph not yet settled: agreed ad ref, agreed pending delegations, or under
    silence, with the delegations whose word is awaited."""

    paragraph: str
    """Its label as readers say it: '18 a)', '41.'."""
    status: str
    """The status value: 'agreed-ad-ref', 'pending', 'silence'."""
    awaiting: tuple[str, ...]
    """Delegation codes whose confirmation is awaited (may be empty)."""


@dataclass(frozen=True, slots=True)
class RoundProgress:
    label: str
    date: str
    paragraphs: int
    """All paragraphs, title and headings included: the count `rounds` gives."""
    headings: int
    """Of those, the title and headings; the statuses count the others."""
    statuses: dict[str, int]
    """Count of body paragraphs per status value."""
    brackets: BracketReport
    proposals: dict[str, int]
    """Proposals made on this round, per outcome."""
    awaiting: tuple[Awaiting, ...] = ()
    """The paragraphs agreed ad ref, pending or under silence, in document order."""


@dataclass(frozen=True, slots=True)
class DelegationProgress:
    code: str
    name: str
    group: bool
    proposals: dict[str, int]
    """Per outcome, plus 'proposed' (all) — across all rounds."""
    supported: int
    opposed: int


@dataclass(frozen=True, slots=True)
class Progress:
    title: str
    rounds: tuple[RoundProgress, ...]
    delegations: tuple[DelegationProgress, ...]
    language: str = ""
    """The language of the latest round's text ('fr', 'ar'): the page is written in it."""




def _outcomes() -> dict[str, int]:
    return {status.value: 0 for status in ProposalStatus}


def negotiation_progress(negotiation: Negotiation) -> Progress:
    rounds = []
    for round_ in negotiation.rounds:
        body = [p for p in round_.paragraphs if p.kind in BODY]
        statuses = {value.value: 0 for value in StatusValue}
        for paragraph in body:
            statuses[paragraph.status.value.value] += 1
        outcomes = _outcomes()
        for proposal in negotiation.proposals:
            if proposal.round == round_.label:
                outcomes[proposal.status.value] += 1
        awaiting = tuple(Awaiting(display_label(round_, p), p.status.value.value, p.status.pending)
                         for p in body if p.status.value in UNSETTLED)
        rounds.append(RoundProgress(round_.label, round_.date, len(round_.paragraphs),
                                    len(round_.paragraphs) - len(body), statuses, scan_brackets(round_), outcomes,
                                    awaiting))
    names = {d.code: d for d in negotiation.delegations}
    tallies: dict[str, dict[str, int]] = {}
    support: dict[str, list[int]] = {}
    for proposal in negotiation.proposals:
        for code in proposal.by:
            tally = tallies.setdefault(code, {"proposed": 0, **_outcomes()})
            tally["proposed"] += 1
            tally[proposal.status.value] += 1
        for code in proposal.supporters:
            support.setdefault(code, [0, 0])[0] += 1
        for code in proposal.opponents:
            support.setdefault(code, [0, 0])[1] += 1
    codes = sorted(set(tallies) | set(support), key=lambda c: (-tallies.get(c, {}).get("proposed", 0), c))
    delegations = tuple(
        DelegationProgress(code, names[code].name if code in names else "", bool(names.get(code) and names[code].group),
                           tallies.get(code, {"proposed": 0, **_outcomes()}), *support.get(code, [0, 0]))
        for code in codes
    )
    language = negotiation.rounds[-1].language if negotiation.rounds else ""
    return Progress(negotiation.title or negotiation.slug, tuple(rounds), delegations, language)
