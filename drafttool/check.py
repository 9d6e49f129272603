"""Check a negotiation store for every problem, with file and line.

Takes a store folder; returns every problem found, not only the first: records that do
not parse (from `store.inspect_store`), and the store's consistency — proposals on a round
or paragraph that is not there, or whose words are no longer found; delegations named but
not in the registry; statuses pending a delegation nobody registered; references to
footnotes that are not there; rounds built from proposals that are gone; temporary files
left by an interrupted write.
"""

from __future__ import annotations

from pathlib import Path

from drafttool.text import markup
from drafttool.negotiate.delegations import resolve
from drafttool.errors import Notice
from drafttool.model import ProposalOp
from drafttool.negotiate.proposals import check_proposal, text_of
from drafttool.store import inspect_store


def check_store(path: str | Path) -> list[Notice]:
    """Every problem of a store, in the order of its files."""
    inspection = inspect_store(path)
    negotiation = inspection.negotiation
    problems = list(inspection.problems)
    folder = Path(path)
    for stale in sorted(folder.rglob(".*.tmp")):
        problems.append(Notice("a temporary file left by an interrupted write; nothing refers to it, "
                               "delete it", str(stale)))

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
    return problems
