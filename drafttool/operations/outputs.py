"""Use cases that read a store or files for the documents people hold: a comparison of
two rounds or files, a redline, a round, its blame, its compilation text, the
negotiation's progress, the table of proposals.

Each returns the value its renderer takes (`renderers.registry`) with the notices met,
and never prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafttool import store
from drafttool.collector import collector_paused
from drafttool.compare.diff import DiffOptions
from drafttool.errors import InputError, Notice, StoreError
from drafttool.model import ChangeOp, Comparison, Negotiation, ProposalStatus, Round
from drafttool.readers import read_document

if TYPE_CHECKING:
    from drafttool.negotiate.attribution import Blame
    from drafttool.negotiate.compilation import Compilation
    from drafttool.negotiate.progress import Progress
    from drafttool.readers.docx import DocxLayout


@dataclass(frozen=True, slots=True)
class Compared:
    """A comparison and the two rounds it compares, as renderers need them."""

    comparison: Comparison
    old: Round
    new: Round
    notices: tuple[Notice, ...] = ()


@collector_paused()  # reading and comparing make millions of objects, none in cycles
def compare_files(old_path: str | Path, new_path: str | Path, *, options: DiffOptions | None = None) -> Compared:
    """Compare two documents in any supported format, with no store.

    Footnotes found in both keep one id, so that a renumbered footnote is not taken for
    an edit of the paragraphs that refer to it."""
    from drafttool.compare.diff import carry_footnote_ids, compare_rounds

    old_reading = read_document(old_path)
    new_reading = read_document(new_path)
    # A round labels itself when the file says which round it is (front matter, Word
    # properties); otherwise the file's name stands for it.
    if not old_reading.round.label:
        old_reading = replace(old_reading, round=replace(old_reading.round, label=Path(old_path).name))
    if not new_reading.round.label:
        new_reading = replace(new_reading, round=replace(new_reading.round, label=Path(new_path).name))
    options = options or DiffOptions()
    new = carry_footnote_ids(old_reading.round, new_reading.round, options.align)
    comparison = compare_rounds(old_reading.round, new, options)
    return Compared(comparison, old_reading.round, new, old_reading.notices + new_reading.notices)


@collector_paused()
def compare_store_rounds(store_path: str | Path, old_name: str | None = None, new_name: str | None = None,
                         *, options: DiffOptions | None = None) -> Compared:
    """Compare two rounds of a negotiation (by default the last two), trusting the ids
    the store gave its paragraphs at import."""
    from drafttool.compare.diff import compare_rounds

    negotiation = store.load_store(store_path)
    if old_name is None and new_name is None:
        if len(negotiation.rounds) < 2:
            raise StoreError("needs two rounds to compare; import another or name two files", path=store_path)
        old, new = negotiation.rounds[-2], negotiation.rounds[-1]
    else:
        old, new = negotiation.round(old_name), negotiation.round(new_name)
    from drafttool.negotiate.attribution import attribute

    options = replace(options or DiffOptions(), trust_ids=True)
    comparison = attribute(compare_rounds(old, new, options), old, new, negotiation.proposals)
    return Compared(comparison, old, new)


def compare_paths(paths: Sequence[str | Path], *, options: DiffOptions | None = None,
                  hide_typographic: bool = False) -> Compared:
    """What `diff` compares: STORE OLD NEW (two rounds), STORE (its last two rounds) or
    FILE_A FILE_B; with `hide_typographic`, changes of typography only shown as kept."""
    from drafttool.compare.diff import without_typographic

    if paths and store.is_store(paths[0]) and len(paths) in (1, 3):
        compared = compare_store_rounds(paths[0], *(str(p) for p in paths[1:]), options=options)
    elif len(paths) == 2:
        compared = compare_files(paths[0], paths[1], options=options)
    else:
        raise InputError("give STORE OLD NEW, STORE, or FILE_A FILE_B")
    if hide_typographic:
        compared = replace(compared, comparison=without_typographic(compared.comparison))
    return compared


@dataclass(frozen=True, slots=True)
class Redline:
    """What a tracked-changes file is written from: the comparison, the date of each
    proposal (its revisions are dated by it), and the old Word file's layout when the old
    text is a .docx (its styles, numbering and paragraph properties are kept)."""

    compared: Compared
    dates: dict[str, str]
    layout: DocxLayout | None = None
    base: bytes | None = None
    """The old Word file itself, which the redline is written into (every part kept)."""
    source: Path | None = None
    """The old Word file's path, as it was named."""

    @property
    def changed(self) -> int:
        """Paragraph changes written as revisions (not unchanged or renumbered only)."""
        return sum(1 for change in self.compared.comparison.changes
                   if change.op not in (ChangeOp.UNCHANGED, ChangeOp.RENUMBERED))


def redline(paths: Sequence[str | Path]) -> Redline:
    """What `redline` writes: OLD NEW (two files), STORE OLD_ROUND NEW_ROUND or STORE (its
    last two rounds, each revision dated by its proposal)."""
    if paths and store.is_store(paths[0]):
        if len(paths) not in (1, 3):
            raise InputError("give OLD NEW (two files), STORE OLD_ROUND NEW_ROUND, or STORE")
        compared = compare_store_rounds(paths[0], *(str(p) for p in paths[1:]))
        dates = {proposal.id: proposal.date for proposal in store.load_store(paths[0]).proposals if proposal.date}
        return Redline(compared, dates)
    if len(paths) != 2:
        raise InputError("give OLD NEW (two files), STORE OLD_ROUND NEW_ROUND, or STORE")
    compared = compare_files(paths[0], paths[1])
    if Path(paths[0]).suffix.lower() == ".docx":
        from drafttool.readers.docx import read_docx_layout

        base = Path(paths[0]).read_bytes()
        _, layout = read_docx_layout(base, label=compared.old.label, language=compared.old.language)
        return Redline(compared, {}, layout, base, Path(paths[0]))
    return Redline(compared, {})


@dataclass(frozen=True, slots=True)
class StoredRound:
    """A round of a store, with the negotiation it belongs to."""

    negotiation: Negotiation
    round: Round


def stored_round(store_path: str | Path, round_name: str | None = None) -> StoredRound:
    """The round named (label or number; the latest by default) of a store."""
    negotiation = store.load_store(store_path)
    return StoredRound(negotiation, negotiation.round(round_name))


@dataclass(frozen=True, slots=True)
class Blamed:
    """Each paragraph of a round with the round each of its passages entered in."""

    negotiation: Negotiation
    round: Round
    blamed: tuple[Blame, ...]


def blame_round(store_path: str | Path, round_name: str | None = None) -> Blamed:
    """The blame of a round (the latest by default) of a store."""
    from drafttool.negotiate.attribution import blame

    negotiation = store.load_store(store_path)
    return Blamed(negotiation, negotiation.round(round_name), blame(negotiation, round_name))


@dataclass(frozen=True, slots=True)
class Compiled:
    """The compilation text of a round, and the proposals it could not show."""

    compilation: Compilation
    notices: tuple[Notice, ...]

    @property
    def shown(self) -> int:
        return sum(len(paragraph.proposals) for paragraph in self.compilation.paragraphs)


def compile_text(store_path: str | Path, round_name: str | None = None, *, every_status: bool = False) -> Compiled:
    """The compilation text of a round with its pending proposals (of every status with
    `every_status`)."""
    from drafttool.negotiate.compilation import compile_round

    negotiation = store.load_store(store_path)
    statuses = tuple(ProposalStatus) if every_status else (ProposalStatus.PENDING,)
    compilation = compile_round(negotiation, round_name, statuses=statuses)
    return Compiled(compilation, tuple(Notice(f"proposal {proposal.id} is not shown: {reason}", str(store_path))
                                       for proposal, reason in compilation.skipped))


def progress(store_path: str | Path) -> Progress:
    """The progress of a negotiation: statuses, brackets and proposals per round and
    delegation."""
    from drafttool.negotiate.progress import negotiation_progress

    return negotiation_progress(store.load_store(store_path))


def proposal_table(store_path: str | Path, *, round_name: str | None = None, by: str | None = None,
                   status: str | None = None, para: str | None = None, summary: bool = False) -> list[dict[str, Any]]:
    """The proposals chosen (by round, proposer, status, paragraph) as rows, one a
    proposal; with `summary`, one a delegation with its proposals counted by outcome."""
    from drafttool.listing import delegation_summary, proposal_rows, select_proposals

    selected = select_proposals(store_path, round_name=round_name, by=by, status=status, para=para)
    if summary:
        return delegation_summary(selected.negotiation, selected.proposals)
    return proposal_rows(selected.negotiation, selected.proposals)
