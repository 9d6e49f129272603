"""What a command reports once it has done its work: the lines a person reads after
`init`, `import`, `propose`, `accept`…, `support`, `oppose`, `next-round`, `delegations`,
`status`, `check`, and after `compile` and `redline` have written their file.

Takes the value the command's library call returned; returns a `Report`, lines each
meant for stdout (the result) or stderr (warnings, what could not be done), in the order
a person reads them.  Stored text is made `visible` (a terminal shows its control
characters instead of obeying them).  The JSON of the registry is here too; the
documents (comparisons, rounds, compilations…) are `renderers.registry`'s.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from drafttool.errors import Notice
from drafttool.text import markup
from drafttool.text.visible import visible

if TYPE_CHECKING:
    from drafttool.check import Checked
    from drafttool.model import Paragraph, Proposal
    from drafttool.operations import Compiled, Created, Imported, NextRound, Recorded, Redline, Registry


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    error: bool = False
    """True for stderr: a warning, or what could not be done."""


@dataclass(frozen=True, slots=True)
class Report:
    """The lines a command prints, in order."""

    lines: tuple[Line, ...] = ()

    def __add__(self, other: Report) -> Report:
        return Report(self.lines + other.lines)


def _out(*texts: str) -> Report:
    return Report(tuple(Line(text) for text in texts))


def _err(*texts: str) -> Report:
    return Report(tuple(Line(text, error=True) for text in texts))


def notices(found: Iterable[Notice]) -> Report:
    """Warnings met on the way, one a line on stderr."""
    return _err(*(str(notice) for notice in found))


def report_created(created: Created) -> Report:
    return _out(f"created {created.path}")


def report_imported(imported: Imported) -> Report:
    round_ = imported.round
    return notices(imported.notices) + _out(
        f"imported {imported.document} as {round_.label!r}: {len(round_.paragraphs)} paragraphs, "
        f"{len(round_.footnotes)} footnotes → {imported.file}")


def proposal_line(proposal: Proposal) -> str:
    """One proposal on a line: id, status, proposers, what it does, where, on which round."""
    what = proposal.op.value
    if proposal.anchor.quote:
        what += f" {markup.plain(proposal.anchor.quote)!r}"
    if proposal.text:
        what += f" → {markup.plain(proposal.text)!r}"
    where = f" in {proposal.paragraph}" if proposal.paragraph else ""
    return visible(f"{proposal.id} [{proposal.status.value}] {', '.join(proposal.by)}: {what}{where} "
                   f"({proposal.round})")


def report_recorded(recorded: Recorded) -> Report:
    """A proposal recorded from options, or each proposal read from a file and their count."""
    if recorded.source is None:
        return _out(*(f"recorded {proposal_line(proposal)}" for proposal in recorded.proposals))
    return notices(recorded.notices) + _out(
        *(proposal_line(proposal) for proposal in recorded.proposals),
        f"{len(recorded.proposals)} proposal(s) recorded from {recorded.source}")


def report_decided(decided: Iterable[Proposal]) -> Report:
    """Each proposal decided on, with its new status."""
    return _out(*(f"{proposal.id}: {proposal.status.value}" for proposal in decided))


def report_endorsed(proposal: Proposal) -> Report:
    return _out(f"{proposal.id}: supported by {', '.join(proposal.supporters) or 'none'}; "
                f"opposed by {', '.join(proposal.opponents) or 'none'}")


def report_next_round(built: NextRound) -> Report:
    """The round built, the proposals carried onto it, and (stderr) those that could not be."""
    label = built.round.label
    report = _out(f"{label}: {len(built.applied)} accepted proposal(s) applied, {len(built.round.paragraphs)} "
                  f"paragraphs → {built.file}")
    if built.carried:
        report += _out(f"{len(built.carried)} pending proposal(s) carried onto {label}")
    return report + _err(*(f"not carried: {proposal.id} ({', '.join(proposal.by)}): {reason}"
                           for proposal, reason in built.dropped))


def render_registry_text(registry: Registry) -> str:
    """The delegation added, or each delegation on a line: code, name, aliases, members."""
    if registry.added is not None:
        return f"added {registry.added.code}\n"
    lines = []
    for delegation in registry.delegations:
        facts = []
        if delegation.aliases:
            facts.append("also " + ", ".join(delegation.aliases))
        if delegation.members:
            facts.append("members " + ", ".join(delegation.members))
        elif delegation.group:
            facts.append("group")
        lines.append(visible(f"{delegation.code:<10} {delegation.name}{' (' + '; '.join(facts) + ')' if facts else ''}"))
    return "".join(f"{line}\n" for line in lines)


def render_registry_json(registry: Registry) -> str:
    """The delegation added (as text: nothing to list), or the registry as JSON records."""
    from drafttool.records import delegation_to_dict, dumps

    if registry.added is not None:
        return render_registry_text(registry)
    return dumps([delegation_to_dict(delegation) for delegation in registry.delegations])


def report_status(paragraph: Paragraph) -> Report:
    status = paragraph.status
    return _out(f"{paragraph.label or paragraph.id}: {status.label}{' (' + status.where + ')' if status.where else ''}")


def report_checked(checked: Checked) -> Report:
    """What was repaired (with --repair), then every problem, every notice (marked so),
    then their counts."""
    report = Report()
    if checked.repaired is not None:
        report += _out(*(f"repaired: {line}" for line in checked.repaired)) if checked.repaired else _out(
            "nothing to repair")
    found = checked.problems
    report += _out(*(visible(str(problem).replace(": warning: ", ": ", 1)) for problem in found))
    report += _out(*(visible(str(notice).replace(": warning: ", ": notice: ", 1)) for notice in checked.notices))
    count = f"{len(found)} problem(s)" if found else "no problems"
    return report + _out(f"{count}; {len(checked.notices)} notice(s)" if checked.notices else count)


def report_compiled(compiled: Compiled, output: str | None) -> Report:
    """The notices of a compilation, and the file it went to (nothing when on stdout)."""
    report = notices(compiled.notices)
    if output and output != "-":
        report += _out(f"wrote {output}: compilation text of {compiled.compilation.round.label!r}, "
                       f"{compiled.shown} proposal(s) shown")
    return report


def report_redline(found: Redline, output: str | Path, *, moves: str) -> Report:
    """The notices of a redline, that a document revised in place cannot hold Word moves,
    and the file written."""
    report = notices(found.compared.notices)
    if found.base is not None and moves == "revisions":
        report += _err(f"drafttool: warning: {found.source}: moves are written into the document as a deletion "
                       "and an insertion")
    comparison = found.compared.comparison
    return report + _out(f"wrote {output}: {comparison.old_label} → {comparison.new_label}, "
                         f"{found.changed} paragraph change(s) as tracked changes")
