"""Operations that join stages: import a round into a store, compare rounds or files.

The CLI calls these; a Python user can too.  Each returns its result and the notices met
on the way, and never prints.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from drafttool import store
from drafttool.errors import Notice, StoreError
from drafttool.diff import DiffOptions
from drafttool.model import Comparison, Negotiation, Round
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
        from drafttool.diff import carry_ids

        used = {p.id for r in negotiation.rounds for p in r.paragraphs}
        new = carry_ids(negotiation.rounds[-1], new, used)
    file = store.add_round(store_path, new)
    return Imported(new, file, tuple(notices), reading)


def find_round(negotiation: Negotiation, name: str | None) -> Round:
    """The round named by `--round` (label or number), or the latest."""
    return negotiation.round(name)


@dataclass(frozen=True, slots=True)
class Compared:
    """A comparison and the two rounds it compares, as renderers need them."""

    comparison: Comparison
    old: Round
    new: Round
    notices: tuple[Notice, ...] = ()


def compare_files(old_path: str | Path, new_path: str | Path, *, options: DiffOptions | None = None) -> Compared:
    """Compare two documents in any supported format, with no store.

    Footnotes found in both keep one id, so that a renumbered footnote is not taken for
    an edit of the paragraphs that refer to it."""
    from drafttool.diff import carry_footnote_ids, compare_rounds

    old_reading = read_document(old_path, label=Path(old_path).name)
    new_reading = read_document(new_path, label=Path(new_path).name)
    options = options or DiffOptions()
    new = carry_footnote_ids(old_reading.round, new_reading.round, options.align)
    comparison = compare_rounds(old_reading.round, new, options)
    return Compared(comparison, old_reading.round, new, old_reading.notices + new_reading.notices)


def compare_store_rounds(store_path: str | Path, old_name: str | None = None, new_name: str | None = None,
                         *, options: DiffOptions | None = None) -> Compared:
    """Compare two rounds of a negotiation (by default the last two), trusting the ids
    the store gave its paragraphs at import."""
    from drafttool.diff import compare_rounds

    negotiation = store.load_store(store_path)
    if old_name is None and new_name is None:
        if len(negotiation.rounds) < 2:
            raise StoreError("needs two rounds to compare; import another or name two files", path=store_path)
        old, new = negotiation.rounds[-2], negotiation.rounds[-1]
    else:
        old, new = negotiation.round(old_name), negotiation.round(new_name)
    options = replace(options or DiffOptions(), trust_ids=True)
    return Compared(compare_rounds(old, new, options), old, new)
