"""Operations that write several store files as one transaction.

A write-ahead record (`.journal.json`) makes an operation that writes several files one
transaction: every file's new content goes into the record, written atomically (the
commit point), then into the files, then the record is deleted.  A process killed after
the commit point leaves the record; the next command to take the lock writes the files
again from it (writing whole contents is idempotent), and loading reads through it, so
the operation is seen whole from the moment it is committed.  Killed before, nothing of
it was written but a temporary file.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from drafttool import files, store
from drafttool.errors import StoreError
from drafttool.model import SCHEMA_VERSION
from drafttool.records import dumps


def commit(path: str | Path, operation: str, writes: list[tuple[Path, str]]) -> None:
    """Write several store files as one transaction; the caller holds the lock."""
    folder = Path(path)
    if not store.holding(folder):
        raise RuntimeError("journal.commit needs the store's lock")
    names = [_relative(folder, target) for target, _ in writes]
    if not writes:
        return
    if len(writes) == 1:
        files.write_atomic(writes[0][0], writes[0][1])
        return
    entries = [{"file": name, "text": text} for name, (_, text) in zip(names, writes)]
    record = {"schema": "drafttool/journal", "version": SCHEMA_VERSION, "operation": operation, "writes": entries}
    files.write_atomic(folder / store.JOURNAL_FILE, dumps(record, indent=None) + "\n")  # the commit point
    _replay(folder, entries)


def _relative(folder: Path, target: Path) -> str:
    name = target.relative_to(folder).as_posix()
    if not _journal_name_ok(name):
        raise StoreError(f"{name} is not a file a store operation writes", path=folder)
    return name


def _journal_name_ok(name: object) -> bool:
    if not isinstance(name, str):
        return False
    parts = name.split("/")
    if parts in ([store.DELEGATIONS_FILE], [store.NEGOTIATION_FILE]):
        return True
    if len(parts) != 2:
        return False
    if parts[0] == store.ROUNDS_DIR:
        return bool(store.ROUND_FILE.match(parts[1]))
    stem = parts[1].removesuffix(".json")
    return (parts[0] == store.PROPOSALS_DIR and parts[1].endswith(".json") and bool(store.PROPOSAL_ID.match(stem))
            and ".." not in stem and not store.RESERVED_NAMES.match(stem))


def _replay(folder: Path, writes: list[dict[str, str]]) -> None:
    for write in writes:
        files.write_atomic(folder / write["file"], write["text"])
    os.unlink(folder / store.JOURNAL_FILE)
    files.fsync_folder(folder)


@dataclass(frozen=True, slots=True)
class PendingOperation:
    """An operation committed but not written through (its process was killed)."""

    operation: str
    files: tuple[str, ...]
    writes: tuple[tuple[str, str], ...]


def pending_operation(path: str | Path) -> PendingOperation | None:
    """The operation a killed process left half written, or None; a record that is not
    one drafttool wrote raises StoreError naming it."""
    file = Path(path) / store.JOURNAL_FILE
    try:
        data = json.loads(files.read_regular(file, store.MAX_STORE_FILE_BYTES))
    except FileNotFoundError:
        return None
    except (OSError, files.Refused, ValueError, RecursionError):
        data = None
    writes = data.get("writes") if isinstance(data, dict) else None
    if (not isinstance(data, dict) or data.get("schema") != "drafttool/journal"
            or data.get("version") != SCHEMA_VERSION or not isinstance(writes, list) or not all(isinstance(w, dict) and _journal_name_ok(w.get("file")) and isinstance(w.get("text"), str)
                       for w in writes)):
        raise StoreError("is not a record of an operation drafttool can complete; if no drafttool command is "
                         "running, restore the store from version control or delete this file", path=file)
    assert isinstance(data, dict)
    return PendingOperation(str(data.get("operation", "")), tuple(w["file"] for w in writes),
                            tuple((w["file"], w["text"]) for w in writes))


def complete_pending(path: str | Path) -> PendingOperation | None:
    """Write through the operation a killed process committed; the caller holds the lock."""
    folder = Path(path)
    pending = pending_operation(folder)
    if pending is not None:
        _replay(folder, [{"file": name, "text": text} for name, text in pending.writes])
    return pending
