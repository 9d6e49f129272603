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

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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


_MODULES = {
    "negotiation": ("Registry", "add_delegation", "delegations", "set_status"),
    "outputs": ("Blamed", "Compared", "Compiled", "Redline", "StoredRound", "blame_round", "compare_files",
                "compare_paths", "compare_store_rounds", "compile_text", "progress", "proposal_table", "redline",
                "stored_round"),
    "proposals": ("NOT_CARRIED", "ProposalRequest", "Recorded", "carry_to_latest", "decide", "draft_proposal",
                  "endorse", "find_proposal", "left_behind", "propose", "propose_request", "record_proposals",
                  "today"),
    "rounds": ("Created", "Imported", "NextRound", "check_round_label", "import_round", "init_store", "next_round"),
}
_HOME = {name: module for module, names in _MODULES.items() for name in names}


def __getattr__(name: str) -> Any:
    # Each name is imported from its module when first asked for (PEP 562): `drafttool diff`
    # needs `outputs` only, and importing the store, the journal and the proposals' rules
    # with it cost a tenth of the command at 2,000 paragraphs.
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_HOME[name]}"), name)
    globals()[name] = value
    return value
