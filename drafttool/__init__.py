"""drafttool: negotiate a text together.

The library API, in pipeline order (each name is imported on first use, so that the
command line starts fast):

    read_document(path)                   a .md/.txt/.docx file → Reading (Round + notices)
    create_store(path), load_store(path)  the drafts/<slug>/ store
    import_round(store, document, label=…)  a document becomes the newest round
    compare_rounds(old, new)              → Comparison (paragraph changes, word operations)
    apply(comparison, old)                → the new round again
    compare_files(a, b), compare_store_rounds(store, old, new)
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "read_document": "drafttool.readers", "Reading": "drafttool.readers", "TrackedChanges": "drafttool.readers",
    "create_store": "drafttool.store", "load_store": "drafttool.store",
    "import_round": "drafttool.operations", "compare_files": "drafttool.operations",
    "compare_store_rounds": "drafttool.operations",
    "compare_rounds": "drafttool.compare.diff", "apply": "drafttool.compare.diff", "DiffOptions": "drafttool.compare.diff",
    "AlignOptions": "drafttool.compare.align",
    **{name: "drafttool.model" for name in (
        "Negotiation", "Round", "Paragraph", "Footnote", "Masthead", "Delegation", "Proposal", "Kind", "Status",
        "StatusValue", "Comparison", "ParagraphChange", "ChangeOp", "Segment", "SegmentKind",
    )},
    **{name: "drafttool.errors" for name in ("DrafttoolError", "InputError", "StoreError", "NotFoundError", "Notice")},
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'drafttool' has no attribute {name!r}")
    value = getattr(importlib.import_module(_WHERE[name]), name)
    globals()[name] = value
    return value
