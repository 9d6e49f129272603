"""Operations that join stages: one library call per command.

Create a store and import a round into it (`rounds`); record proposals, decide on them,
carry them onto newer rounds (`proposals`); the registry of delegations and the statuses
of paragraphs (`negotiation`); compare rounds or files, write a redline, blame a round,
compile a round's proposals, measure progress, list proposals (`outputs`); check a store
(`drafttool.check`).  The CLI calls these and hands what they return to a renderer
(`renderers.registry` for documents, `renderers.reports` for what a command reports); a
Python user can call them too.  Each returns a frozen value with the notices met on the
way, and never prints.
"""

from __future__ import annotations

from drafttool.operations.negotiation import Registry, add_delegation, delegations, set_status
from drafttool.operations.outputs import (
    Blamed, Compared, Compiled, Redline, StoredRound, blame_round, compare_files, compare_paths,
    compare_store_rounds, compile_text, progress, proposal_table, redline, stored_round,
)
from drafttool.operations.proposals import (
    NOT_CARRIED, ProposalRequest, Recorded, carry_to_latest, decide, draft_proposal, endorse, find_proposal,
    left_behind, propose, propose_request, record_proposals, today,
)
from drafttool.operations.rounds import (
    Created, Imported, NextRound, check_round_label, import_round, init_store, next_round,
)

__all__ = [
    "NOT_CARRIED", "Blamed", "Compared", "Compiled", "Created", "Imported", "NextRound", "ProposalRequest",
    "Recorded", "Redline", "Registry", "StoredRound", "add_delegation", "blame_round", "carry_to_latest",
    "check_round_label", "compare_files", "compare_paths", "compare_store_rounds", "compile_text", "decide",
    "delegations", "draft_proposal", "endorse", "find_proposal", "import_round", "init_store", "left_behind",
    "next_round", "progress", "propose", "propose_request", "proposal_table", "record_proposals", "redline",
    "set_status", "stored_round", "today",
]
