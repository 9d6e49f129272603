"""Text tables for a terminal: the rounds of a negotiation, its progress, the list of
proposals and the count of proposals per delegation.  Stored text is made `visible` (a terminal shows
its control characters instead of obeying them)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from drafttool.renderers.words import support_text
from drafttool.text.visible import visible

if TYPE_CHECKING:
    from drafttool.model import Negotiation
    from drafttool.negotiate.progress import Progress


def render_rounds_text(negotiation: Negotiation) -> str:
    """The rounds of a negotiation, oldest first: number, label, date and size."""
    if not negotiation.rounds:
        return "no rounds yet; add one with `drafttool import`\n"
    lines = []
    for number, round_ in enumerate(negotiation.rounds, start=1):
        facts = [f"{len(round_.paragraphs)} paragraphs", f"{len(round_.footnotes)} footnotes"]
        if round_.date:
            facts.insert(0, round_.date)
        lines.append(visible(f"{number}. {round_.label} ({', '.join(facts)})"))
    return "\n".join(lines) + "\n"


STATUS_WORDS = {"agreed-ad-ref": "agreed ad ref", "pending": "agreed pending", "silence": "under silence"}


def render_progress_text(progress: Progress) -> str:
    """What waits for whom in the latest round, then two tables: rounds (paragraphs as
    `rounds` counts them, statuses, brackets, proposals) and delegations (outcomes)."""
    lines = [progress.title, ""]
    if progress.rounds:
        latest = progress.rounds[-1]
        if latest.awaiting:
            lines.append(f"Awaiting confirmation in {latest.label}:")
            for item in latest.awaiting:
                who = f" — awaiting {', '.join(item.awaiting)}" if item.awaiting else ""
                lines.append(f"  {item.paragraph:<8} {STATUS_WORDS[item.status]}{who}")
        else:
            lines.append(f"Nothing agreed ad ref, pending or under silence in {latest.label}.")
        lines.append("")
    lines.append(f"{'round':<12}{'paras':>6}{'heads':>6}{'agreed':>7}{'ad ref':>7}{'pending':>8}{'open':>5}"
                 f"{'brackets':>9}{'props':>6}{'acc':>4}{'rej':>4}")
    for r in progress.rounds:
        s = r.statuses
        lines.append(f"{r.label:<12}{r.paragraphs:>6}{r.headings:>6}{s['agreed']:>7}{s['agreed-ad-ref']:>7}"
                     f"{s['pending']:>8}{s['open'] + s['bracketed'] + s['silence']:>5}{r.brackets.spans:>9}"
                     f"{sum(r.proposals.values()):>6}{r.proposals['accepted']:>4}{r.proposals['rejected']:>4}")
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


def render_proposals_text(rows: Sequence[dict[str, Any]], width: int = 80) -> str:
    """Each proposal on two short lines, in document order: id, round, paragraph, status,
    proposers and who supports or opposes it; then what it does in words people use, its
    quoted words cut to fit `width` (`listing.proposal_lines`)."""
    from drafttool.listing import proposal_lines

    lines = [visible(line) for row in rows for line in proposal_lines(row, width)]
    return "\n".join(lines) + ("\n" if lines else "no proposals\n")


def render_summary_text(rows: Sequence[dict[str, Any]]) -> str:
    """Proposals counted per delegation (`listing.delegation_summary`)."""
    header = f"{'delegation':<12} {'proposed':>8} {'accepted':>8} {'rejected':>8} {'withdrawn':>9} {'pending':>7}"
    lines = [header] + [
        visible(f"{r['delegation']:<12} {r['proposed']:>8} {r['accepted']:>8} {r['rejected']:>8} "
                f"{r['withdrawn']:>9} {r['pending']:>7}") for r in rows
    ]
    return "\n".join(lines) + "\n"
