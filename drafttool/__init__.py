"""drafttool: negotiate a text together.

The library API, in pipeline order:

    read_document(path)                 a .md/.txt/.docx file → Reading (Round + notices)
    create_store(path), load_store(path)  the drafts/<slug>/ store
    import_round(store, document, label=…)
"""

from drafttool.errors import DrafttoolError, InputError, Notice, NotFoundError, StoreError
from drafttool.model import (
    Delegation, Footnote, Kind, Masthead, Negotiation, Paragraph, Proposal, Round, Status, StatusValue,
)
from drafttool.operations import import_round
from drafttool.readers import Reading, TrackedChanges, read_document
from drafttool.store import create_store, load_store

__all__ = [
    "read_document", "Reading", "TrackedChanges",
    "create_store", "load_store", "import_round",
    "Negotiation", "Round", "Paragraph", "Footnote", "Masthead", "Delegation", "Proposal", "Kind", "Status",
    "StatusValue",
    "DrafttoolError", "InputError", "StoreError", "NotFoundError", "Notice",
]
