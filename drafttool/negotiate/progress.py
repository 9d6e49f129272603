"""Progress of a negotiation, per round and across rounds: statuses of paragraphs,
bracketed spans, and proposals per delegation and group with their outcomes.

Takes a `Negotiation`; returns plain values the terminal, JSON and HTML renderers read.
"""

from __future__ import annotations

from dataclasses import dataclass

from drafttool.text.brackets import BracketReport, scan_brackets
from drafttool.model import Kind, Negotiation, ProposalStatus, StatusValue

BODY = (Kind.PREAMBULAR, Kind.OPERATIVE, Kind.SUBPARAGRAPH, Kind.TEXT)


@dataclass(frozen=True, slots=True)
class RoundProgress:
    label: str
    date: str
    paragraphs: int
    """Paragraphs of the body (titles and headings left out)."""
    statuses: dict[str, int]
    """Count of body paragraphs per status value."""
    brackets: BracketReport
    proposals: dict[str, int]
    """Proposals made on this round, per outcome."""


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
        rounds.append(RoundProgress(round_.label, round_.date, len(body), statuses, scan_brackets(round_), outcomes))
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
    return Progress(negotiation.title or negotiation.slug, tuple(rounds), delegations)


def progress_to_json_data(progress: Progress) -> dict:  # type: ignore[type-arg]
    return {
        "title": progress.title,
        "rounds": [
            {"label": r.label, "date": r.date, "paragraphs": r.paragraphs, "statuses": r.statuses,
             "brackets": {"spans": r.brackets.spans, "deepest": r.brackets.deepest,
                          "paragraphs": len(r.brackets.paragraphs),
                          "unbalanced": [{"paragraph": pid, "message": m} for pid, m in r.brackets.unbalanced]},
             "proposals": r.proposals}
            for r in progress.rounds
        ],
        "delegations": [
            {"code": d.code, "name": d.name, "group": d.group, **d.proposals, "supported": d.supported,
             "opposed": d.opposed}
            for d in progress.delegations
        ],
    }


def render_progress_text(progress: Progress) -> str:
    """Two tables: rounds (statuses, brackets, proposals) and delegations (outcomes)."""
    lines = [progress.title, ""]
    lines.append(f"{'round':<14}{'paras':>6}{'agreed':>8}{'ad ref':>8}{'pending':>8}{'open':>6}{'[ ]':>6}"
                 f"{'props':>7}{'acc':>5}{'rej':>5}")
    for r in progress.rounds:
        s = r.statuses
        lines.append(f"{r.label:<14}{r.paragraphs:>6}{s['agreed']:>8}{s['agreed-ad-ref']:>8}{s['pending']:>8}"
                     f"{s['open'] + s['bracketed'] + s['silence']:>6}{r.brackets.spans:>6}"
                     f"{sum(r.proposals.values()):>7}{r.proposals['accepted']:>5}{r.proposals['rejected']:>5}")
        for pid, message in r.brackets.unbalanced:
            lines.append(f"  unbalanced: {message} ({pid})")
    lines += ["", f"{'delegation':<12}{'proposed':>9}{'accepted':>9}{'rejected':>9}{'withdrawn':>10}{'pending':>8}"
                  f"{'supported':>10}{'opposed':>8}"]
    for d in progress.delegations:
        p = d.proposals
        name = d.code + (" (group)" if d.group else "")
        lines.append(f"{name:<12}{p['proposed']:>9}{p['accepted']:>9}{p['rejected']:>9}{p['withdrawn']:>10}"
                     f"{p['pending']:>8}{d.supported:>10}{d.opposed:>8}")
    return "\n".join(lines) + "\n"
