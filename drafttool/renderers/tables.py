"""Text tables for a terminal: the rounds of a negotiation, its progress, the list of
proposals and the count of proposals per delegation.  Stored text is made `visible` (a terminal shows
its control characters instead of obeying them)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from drafttool.negotiate.compilation import support_text
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


def render_proposals_text(rows: Sequence[dict[str, Any]]) -> str:
    """One line a proposal: id, round, paragraph, status, proposers, what it does, who
    supports and opposes it (`listing.proposal_rows`)."""
    lines = []
    for row in rows:
        what = row["op"] + (f" {row['quote']!r}" if row.get("quote") else "") + (
            f" → {row['text']!r}" if row["text"] else "")
        names = ", ".join(row["by"])
        extra = support_text(row["supporters"], row["opponents"])
        lines.append(visible(f"{row['id']:<14} {row['round']:<10} {row['paragraph'] or '-':<8} [{row['status']}] "
                             f"{names}: {what}{extra}"))
    return "\n".join(lines) + ("\n" if lines else "no proposals\n")


def render_summary_text(rows: Sequence[dict[str, Any]]) -> str:
    """Proposals counted per delegation (`listing.delegation_summary`)."""
    header = f"{'delegation':<12} {'proposed':>8} {'accepted':>8} {'rejected':>8} {'withdrawn':>9} {'pending':>7}"
    lines = [header] + [
        visible(f"{r['delegation']:<12} {r['proposed']:>8} {r['accepted']:>8} {r['rejected']:>8} "
                f"{r['withdrawn']:>9} {r['pending']:>7}") for r in rows
    ]
    return "\n".join(lines) + "\n"
