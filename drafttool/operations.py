"""Operations on a negotiation store that join stages: import a round, export a round.

The CLI calls these; a Python user can too.  Each returns its result and the notices met
on the way, and never prints.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from drafttool import store
from drafttool.errors import Notice, StoreError
from drafttool.model import Negotiation, Round
from drafttool.readers import Reading, TrackedChanges, read_document


@dataclass(frozen=True, slots=True)
class Imported:
    """A round added to a store, the file it went to, and what was noticed."""

    round: Round
    file: Path
    notices: tuple[Notice, ...]
    reading: Reading


def import_round(
    store_path: str | Path, document: str | Path, *, label: str, date: str = "", symbol: str = "",
    language: str = "", note: str = "", tracked_changes: TrackedChanges = TrackedChanges.ACCEPT,
) -> Imported:
    """Read a document and add it to the store as its newest round.

    Ids of paragraphs found again in the previous round are carried forward, so that a
    paragraph keeps its identity while its number changes.
    """
    negotiation = store.load_store(store_path)
    if not label.strip():
        raise StoreError("a round needs a label (such as 'Zero draft' or 'Rev.1'); pass --label", path=store_path)
    reading = read_document(document, label=label, language=language or negotiation.language,
                            tracked_changes=tracked_changes)
    new = replace(
        reading.round,
        label=label,
        date=date or reading.round.date,
        symbol=symbol or reading.round.symbol or negotiation.symbol,
        source=Path(document).name,
        note=note or reading.round.note,
    )
    notices = list(reading.notices)
    if reading.revisions:
        notices.append(Notice(
            f"{len(reading.revisions)} tracked change(s) found; read with every change "
            f"{'accepted' if tracked_changes is TrackedChanges.ACCEPT else 'rejected'} "
            "(--tracked-changes chooses)", str(document)))
    if negotiation.rounds:
        from drafttool.align import carry_ids

        used = {p.id for r in negotiation.rounds for p in r.paragraphs}
        new = carry_ids(negotiation.rounds[-1], new, used)
    file = store.add_round(store_path, new)
    return Imported(new, file, tuple(notices), reading)


def find_round(negotiation: Negotiation, name: str | None) -> Round:
    """The round named by `--round` (label or number), or the latest."""
    return negotiation.round(name)
