"""The negotiation store on disk, `drafts/<slug>/`: load, validate, save atomically.

Nothing else in drafttool knows the layout:

    negotiation.json            title, symbol, language, note
    delegations.jsonl           a header line, then one delegation a line
    rounds/NNN-<label>.jsonl    a header line (label, date, masthead…), then one paragraph
                                or footnote record a line, in the order of the text
    proposals/<id>.json         one proposal a file, so that people adding proposals at
                                the same time (or in two git clones) never touch one file

Every file carries `"schema"` and `"version"`.  Loading checks every record and raises a
`StoreError` naming the file and line; only regular files are read (`files.read_regular`).
Every write goes to a temporary file in the same folder, is flushed to disk, then renamed
over the target (POSIX rename is atomic), so a crash leaves either the old file or the new
one, never half of one.  Operations that read and then write hold the lock on
`<store>/.lock` from the first read to the last write; those that write several files
commit them together through a write-ahead record, `.journal.json` (see `commit`).
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafttool import files, records
from drafttool.files import write_atomic  # noqa: F401  (re-exported: the store's writes go through it)
from drafttool.errors import Notice, NotFoundError, StoreError
from drafttool.model import SCHEMA_VERSION, Delegation, Negotiation, Proposal, Round
from drafttool.records import RecordError

if TYPE_CHECKING:
    from drafttool import journal

NEGOTIATION_FILE = "negotiation.json"
DELEGATIONS_FILE = "delegations.jsonl"
ROUNDS_DIR = "rounds"
PROPOSALS_DIR = "proposals"
LOCK_FILE = ".lock"
JOURNAL_FILE = ".journal.json"
ROUND_FILE = re.compile(r"^(\d{3,})-[a-z0-9-]*\.jsonl$")
PROPOSAL_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,80}$")
"""Proposal ids become file names: letters, digits, '.', '_' and '-' only, so never a path."""
RESERVED_NAMES = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$", re.IGNORECASE)
"""Names Windows will not create a file by, extension or not."""


def is_store(path: str | Path) -> bool:
    return (Path(path) / NEGOTIATION_FILE).is_file()


def slugify(text: str, default: str = "round") -> str:
    """'Rev.1' → 'rev-1': a file-name part of ASCII letters, digits and hyphens."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:40].strip("-")
    return slug or default


# ----------------------------------------------------------------------------- writing

MAX_STORE_FILE_BYTES = 1024 * 1024 * 1024
"""The largest store file read (1 GB): a round of 160,000 paragraphs, the most a text file
drafttool imports can hold, takes about a fifth of it."""


_HELD: dict[Path, int] = {}
"""Stores whose lock this process holds, and how deep: the lock is re-entrant, as an
operation that holds it may call another that takes it (flock would wait on itself)."""


@contextlib.contextmanager
def locked(path: str | Path) -> Iterator[None]:
    """Hold the store's lock for a read-modify-write, from its first read to its last
    write.  Taking it completes an operation a killed process left half done."""
    folder = _require_store(path)
    key = folder.resolve()
    if _HELD.get(key):
        _HELD[key] += 1
        try:
            yield
        finally:
            _HELD[key] -= 1
        return
    try:
        with files.exclusive_lock(key / LOCK_FILE, _command()):
            _HELD[key] = 1
            try:
                from drafttool import journal  # here, not at the top: a comparison of two files loads no store

                journal.complete_pending(key)
                yield
            finally:
                _HELD.pop(key, None)
    except files.Refused as error:
        raise StoreError(str(error), path=folder / LOCK_FILE) from None
    except (PermissionError, OSError) as error:
        if error.errno not in (errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC, errno.EDQUOT):
            raise
        raise StoreError(f"cannot be changed: {error.strerror}; commands that change a store need to write in "
                         "its folder", path=folder) from None


def _command() -> str:
    """The running command, as the next process waiting for the lock is told it."""
    name = sys.argv[1] if len(sys.argv) > 1 and re.fullmatch(r"[a-z][a-z-]{0,30}", sys.argv[1]) else ""
    return f"drafttool {name}".strip()


def holding(folder: Path) -> bool:
    """Whether this process holds the store's lock."""
    return bool(_HELD.get(folder.resolve()))


def _dumps(value: Any) -> str:
    return records.dumps(value, indent=None)


def _header(kind: str, **fields: Any) -> dict[str, Any]:
    return {"schema": f"drafttool/{kind}", "version": SCHEMA_VERSION, **fields}


def create_store(
    path: str | Path, *, title: str = "", symbol: str = "", language: str = "", note: str = "",
    delegations: tuple[Delegation, ...] | None = None,
) -> Negotiation:
    """Create an empty negotiation store at `path` (a new or empty folder), its registry
    seeded with the common groups and the UN Member and observer States unless
    `delegations` are given."""
    from drafttool.negotiate.delegations import seed_delegations

    delegations = seed_delegations() if delegations is None else delegations
    folder = Path(path)
    if is_store(folder):
        raise StoreError("a negotiation store already exists here; choose another folder", path=folder)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise StoreError("exists and is not an empty folder; choose a new folder for the store", path=folder)
    negotiation = Negotiation(slug=folder.name, title=title, symbol=symbol, language=language, note=note,
                              delegations=delegations)
    folder.mkdir(parents=True, exist_ok=True)
    write_atomic(folder / ".gitignore", f"{LOCK_FILE}\n.*.tmp\n")
    save_delegations(folder, delegations)
    (folder / ROUNDS_DIR).mkdir(exist_ok=True)
    (folder / PROPOSALS_DIR).mkdir(exist_ok=True)
    save_metadata(folder, negotiation)  # last: a folder without it is not a store yet
    return negotiation


def save_metadata(path: str | Path, negotiation: Negotiation) -> None:
    """Write negotiation.json (title, symbol, language, note)."""
    data = _header("negotiation", title=negotiation.title, symbol=negotiation.symbol,
                   language=negotiation.language, note=negotiation.note)
    write_atomic(Path(path) / NEGOTIATION_FILE, records.dumps(data))


def save_delegations(path: str | Path, delegations: tuple[Delegation, ...]) -> None:
    lines = [_dumps(_header("delegations"))] + [_dumps(records.delegation_to_dict(d)) for d in delegations]
    write_atomic(Path(path) / DELEGATIONS_FILE, "\n".join(lines) + "\n")


def round_text(round_: Round) -> str:
    """The content of a round file."""
    lines = [_dumps(_header("round", **records.round_header_to_dict(round_)))]
    lines += [_dumps(records.paragraph_to_dict(p)) for p in round_.paragraphs]
    lines += [_dumps(records.footnote_to_dict(f)) for f in round_.footnotes]
    return "\n".join(lines) + "\n"


def add_round(path: str | Path, round_: Round) -> Path:
    """Append a round to the store, after the latest one; returns the file written."""
    folder = _require_store(path)
    with locked(folder):
        target = new_round_file(folder, round_)
        write_atomic(target, round_text(round_), exclusive=True)
    return target


def new_round_file(path: str | Path, round_: Round) -> Path:
    """The file a new round goes to, after the latest one; refuses a round that is not
    valid or whose label is taken.  The caller holds the lock until it is written."""
    folder = Path(path)
    _validate_round(round_, f"{folder / ROUNDS_DIR}/(new)")
    existing = _round_files(folder)
    labels = {found.round.label.casefold() for file in existing
              if (found := _read_round(file, _Problems(collect=False))) is not None}
    if round_.label.casefold() in labels:
        raise StoreError(f"a round labelled {round_.label!r} already exists; give the new round another --label",
                         path=folder)
    index = max((int(ROUND_FILE.match(f.name).group(1)) for f in existing), default=0) + 1  # type: ignore[union-attr]
    return folder / ROUNDS_DIR / f"{index:03d}-{slugify(round_.label)}.jsonl"


def replace_round(path: str | Path, round_: Round) -> Path:
    """Rewrite the file of the round with the same label (statuses changed, ids fixed…)."""
    folder = _require_store(path)
    _validate_round(round_, "(round)")
    with locked(folder):
        for file in _round_files(folder):
            found = _read_round(file, _Problems(collect=False))
            if found is not None and found.round.label.casefold() == round_.label.casefold():
                write_atomic(file, round_text(round_))
                return file
    raise NotFoundError(f"no round {round_.label!r} to replace", path=folder)


def new_proposal_id(by: tuple[str, ...], taken: Iterable[str] = ()) -> str:
    """A short id a chair can say aloud in a meeting: the first proposer's code and the
    next of its numbers among `taken` (compared without case): 'EU-7'."""
    code = re.sub(r"[^A-Za-z0-9]+", "", by[0])[:12] if by else ""
    code = code or "P"
    pattern = re.compile(rf"{re.escape(code)}-(\d+)", re.IGNORECASE)
    numbers = [int(m.group(1)) for name in taken if (m := pattern.fullmatch(name))]
    return f"{code}-{max(numbers, default=0) + 1}"


def save_proposal(path: str | Path, proposal: Proposal, *, new: bool = False) -> Path:
    """Write one proposal's file; with `new`, refuse to overwrite an existing one."""
    target, text = proposal_file(_require_store(path), proposal)
    try:
        write_atomic(target, text, exclusive=new)
    except FileExistsError:
        raise StoreError(f"a proposal {proposal.id!r} already exists", path=target) from None
    return target


def proposal_file(path: str | Path, proposal: Proposal) -> tuple[Path, str]:
    """A proposal's file and its content, checked to load back."""
    folder = Path(path)
    if not PROPOSAL_ID.match(proposal.id) or ".." in proposal.id or RESERVED_NAMES.match(proposal.id):
        raise StoreError(f"proposal id {proposal.id!r} may hold only letters, digits, '.', '_' and '-', and may not "
                         "be a name the system reserves (CON, NUL, COM1…)", path=folder)
    target = folder / PROPOSALS_DIR / f"{proposal.id}.json"
    try:  # write only what loads back: a wrong type in a field is refused here, not at the next load
        records.proposal_from_dict(records.proposal_to_dict(proposal))
    except (RecordError, TypeError, AttributeError) as error:
        raise StoreError(f"proposal {proposal.id!r} cannot be stored: {error}", path=folder) from None
    data = {**_header("proposal"), **records.proposal_to_dict(proposal)}
    return target, records.dumps(data)


# ----------------------------------------------------------------------------- reading

def _require_store(path: str | Path) -> Path:
    folder = Path(path)
    if not is_store(folder):
        if not folder.exists():
            raise StoreError("no such folder; create a store with `drafttool init`", path=folder)
        raise StoreError(f"not a drafttool store (no {NEGOTIATION_FILE}); create one with `drafttool init`",
                         path=folder)
    return folder


def _round_files(folder: Path, overlay: dict[Path, str] | None = None) -> list[Path]:
    rounds = folder / ROUNDS_DIR
    found = {p for p in rounds.iterdir() if ROUND_FILE.match(p.name)} if rounds.is_dir() else set()
    found |= {p for p in overlay or {} if p.parent.name == ROUNDS_DIR and ROUND_FILE.match(p.name)}
    return sorted(found)


class _Problems:
    """Where loading reports what is wrong: raise at the first problem (`load_store`), or
    note every one and go on past the record at fault (`inspect_store`, for `check`).
    It also holds the files an operation committed but did not write through, read in
    place of what is on disk."""

    def __init__(self, collect: bool, overlay: dict[Path, str] | None = None) -> None:
        self.collect = collect
        self.found: list[Notice] = []
        self.overlay = overlay or {}

    def report(self, message: str, path: object, place: object = None) -> None:
        if not self.collect:
            raise StoreError(message, path=path, place=place)
        self.found.append(Notice(message, str(path), None if place is None else str(place)))


def _text(file: Path, problems: _Problems) -> str | None:
    """A store file's text, from the pending operation if it writes it; None when it
    cannot be read (reported)."""
    if file in problems.overlay:
        return problems.overlay[file]
    try:
        data = files.read_regular(file, MAX_STORE_FILE_BYTES)
    except files.Refused as error:
        problems.report(f"{error}; a store holds only regular files: replace it with the file itself", file)
        return None
    except OSError as error:
        problems.report(f"cannot be read: {error.strerror}", file)
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        problems.report("is not UTF-8; restore it from version control", file, data.count(b"\n", 0, error.start) + 1)
        return None


def _parse(text: str) -> tuple[Any, str, int | None]:
    """A JSON value, or None, what is wrong and on which line (of `text`); nesting too deep
    and numbers too long included, which `json` raises otherwise than as bad JSON."""
    try:
        return json.loads(text), "", None
    except json.JSONDecodeError as error:
        return None, f"invalid JSON: {error.msg} (column {error.colno})", error.lineno
    except RecursionError:
        return None, "invalid JSON: nested too deeply", None
    except ValueError as error:  # an integer of thousands of digits
        return None, f"invalid JSON: a number too long ({str(error).split(': ')[-1].split(';')[0]})", None


def _load_json(file: Path, problems: _Problems) -> Any:
    text = _text(file, problems)
    if text is None:
        return None
    data, wrong, line = _parse(text)
    if wrong:
        problems.report(f"{wrong}; fix the file or restore it from version control", file, line)
    return data


def _schema_ok(data: Any, kind: str, file: Path, problems: _Problems, line: int | None = None) -> bool:
    if not isinstance(data, dict) or data.get("schema") != f"drafttool/{kind}":
        problems.report(f"is not a drafttool {kind} file (its first record must have \"schema\": "
                        f"\"drafttool/{kind}\")", file, line)
        return False
    if data.get("version") != SCHEMA_VERSION:
        problems.report(f"schema version {data.get('version')!r} found, but this drafttool reads version "
                        f"{SCHEMA_VERSION}; upgrade drafttool or convert the store", file, line)
        return False
    return True


def _jsonl(file: Path, problems: _Problems) -> Iterator[tuple[int, Any]]:
    text = _text(file, problems)
    if text is None:
        return
    for number, record in enumerate(text.split("\n"), start=1):
        if not record.strip():
            continue
        data, wrong, _ = _parse(record)
        if wrong:
            problems.report(f"{wrong}; each line must be one JSON object", file, number)
            continue
        yield number, data


@dataclass(frozen=True, slots=True)
class RoundFile:
    """A round as read from its file, with the line of each record (for `check`)."""

    round: Round
    file: Path
    lines: dict[str, int]
    """Paragraph id (or 'fn:' + footnote id) → line number."""


def _read_round(file: Path, problems: _Problems) -> RoundFile | None:
    header: Round | None = None
    paragraphs = []
    footnotes = []
    lines: dict[str, int] = {}
    for number, data in _jsonl(file, problems):
        try:
            if header is None:
                if not _schema_ok(data, "round", file, problems, number):
                    return None
                header = records.round_header_from_dict(data, {"schema", "version"})
            elif isinstance(data, dict) and "footnote" in data:
                footnote = records.footnote_from_dict(data)
                if f"fn:{footnote.id}" in lines:
                    problems.report(f"footnote id {footnote.id!r} appears twice (first on line "
                                    f"{lines['fn:' + footnote.id]}); give the second one a new id", file, number)
                    continue
                footnotes.append(footnote)
                lines[f"fn:{footnote.id}"] = number
            else:
                paragraph = records.paragraph_from_dict(data)
                if paragraph.id in lines:
                    problems.report(f"paragraph id {paragraph.id!r} appears twice (first on line "
                                    f"{lines[paragraph.id]}); give the second one a new id", file, number)
                    continue
                paragraphs.append(paragraph)
                lines[paragraph.id] = number
        except RecordError as error:
            problems.report(str(error), file, number)
    if header is None:
        problems.report("is empty; a round file starts with a header line", file, 1)
        return None
    round_ = replace(header, paragraphs=tuple(paragraphs), footnotes=tuple(footnotes))
    for where, message in round_problems(round_):
        problems.report(message, file, lines.get(where) or lines.get(f"fn:{where}"))
    return RoundFile(round_, file, lines)


def round_problems(round_: Round) -> list[tuple[str, str]]:
    """Consistency problems of a round: (paragraph or footnote id, message), in order."""
    problems: list[tuple[str, str]] = []
    ids: set[str] = set()
    for paragraph in round_.paragraphs:
        if paragraph.id in ids:
            problems.append((paragraph.id, f"paragraph id {paragraph.id!r} appears twice; give the second one a new id"))
        ids.add(paragraph.id)
    for paragraph in round_.paragraphs:
        if paragraph.parent is not None and paragraph.parent not in ids:
            problems.append((paragraph.id, f"paragraph {paragraph.id!r} has parent {paragraph.parent!r}, "
                                           "which is not a paragraph of this round"))
        if "\n" in paragraph.text:
            problems.append((paragraph.id, f"paragraph {paragraph.id!r} text holds a line break"))
    problems += _parent_cycles(round_)
    footnote_ids: set[str] = set()
    for footnote in round_.footnotes:
        if footnote.id in footnote_ids:
            problems.append((footnote.id, f"footnote id {footnote.id!r} appears twice; give the second one a new id"))
        footnote_ids.add(footnote.id)
    return problems


def _parent_cycles(round_: Round) -> list[tuple[str, str]]:
    """Paragraphs that are their own ancestor (a hand-edited `parent`): whatever walks up
    the tree would never stop."""
    parents = {p.id: p.parent for p in round_.paragraphs}
    settled: set[str] = set()
    problems = []
    for paragraph in round_.paragraphs:
        chain: list[str] = []
        current: str | None = paragraph.id
        while current is not None and current in parents and current not in settled:
            if current in chain:
                problems.append((paragraph.id, f"paragraph {paragraph.id!r} is its own ancestor (parent chain "
                                               f"{' → '.join(chain[chain.index(current):] + [current])})"))
                break
            chain.append(current)
            current = parents[current]
        settled.update(chain)
    return problems


def _validate_round(round_: Round, where: str) -> None:
    if not round_.label.strip():
        raise StoreError("a round needs a label (such as 'Zero draft' or 'Rev.1'); pass --label", path=where)
    problems = round_problems(round_)
    if problems:
        raise StoreError(problems[0][1], path=where)


@dataclass(frozen=True, slots=True)
class Inspection:
    """A store read leniently: what could be loaded, where it came from, what is wrong."""

    negotiation: Negotiation
    rounds: tuple[RoundFile, ...]
    proposal_files: dict[str, Path]
    problems: tuple[Notice, ...]
    pending: journal.PendingOperation | None = None
    """An operation a killed process committed and did not write through (read as done)."""


def _read(path: str | Path, problems: _Problems) -> Inspection:
    folder = _require_store(path)
    from drafttool import journal

    try:
        pending = journal.pending_operation(folder)
    except StoreError as error:
        problems.report(error.message, error.path)
        pending = None
    if pending is not None:
        problems.overlay = {folder / name: text for name, text in pending.writes}
    meta = _load_json(folder / NEGOTIATION_FILE, problems) or {}
    if not isinstance(meta, dict):
        problems.report("is not a drafttool negotiation file (it must hold one JSON object)", folder / NEGOTIATION_FILE)
        meta = {}
    if meta and _schema_ok(meta, "negotiation", folder / NEGOTIATION_FILE, problems):
        for key in ("title", "symbol", "language", "note"):
            if not isinstance(meta.get(key, ""), str):
                problems.report(f"field {key!r} must be a string", folder / NEGOTIATION_FILE)
                meta[key] = ""
    delegations = _load_delegations(folder, problems)
    round_files = [found for file in _round_files(folder, problems.overlay)
                   if (found := _read_round(file, problems)) is not None]
    seen: dict[str, Path] = {}
    kept = []
    for found in round_files:
        key = found.round.label.casefold()
        if key in seen:
            problems.report(f"round label {found.round.label!r} is also used by {seen[key].name}; "
                            "rename one of them", found.file, 1)
            continue
        seen[key] = found.file
        kept.append(found)
    proposal_files = dict(_load_proposals(folder, problems))
    negotiation = Negotiation(
        slug=folder.resolve().name, title=meta.get("title", ""), symbol=meta.get("symbol", ""),
        language=meta.get("language", ""), note=meta.get("note", ""), delegations=delegations,
        rounds=tuple(found.round for found in kept), proposals=tuple(p for p, _ in proposal_files.values()))
    paths = {pid: file for pid, (_, file) in proposal_files.items()}
    return Inspection(negotiation, tuple(kept), paths, tuple(problems.found), pending)


def load_store(path: str | Path) -> Negotiation:
    """Load and check a whole store: metadata, delegations, rounds in order, proposals.
    The first problem found raises a `StoreError` naming its file and line."""
    return _read(path, _Problems(collect=False)).negotiation


def inspect_store(path: str | Path) -> Inspection:
    """Read a store as far as it can be read, noting every problem instead of stopping."""
    return _read(path, _Problems(collect=True))


def _load_delegations(folder: Path, problems: _Problems) -> tuple[Delegation, ...]:
    file = folder / DELEGATIONS_FILE
    if not file.exists():
        return ()
    out: list[Delegation] = []
    codes: set[str] = set()
    for index, (number, data) in enumerate(_jsonl(file, problems)):
        if index == 0:
            if not _schema_ok(data, "delegations", file, problems, number):
                return ()
            continue
        try:
            delegation = records.delegation_from_dict(data)
        except RecordError as error:
            problems.report(str(error), file, number)
            continue
        if delegation.code.casefold() in codes:
            problems.report(f"delegation {delegation.code!r} appears twice; remove one", file, number)
            continue
        codes.add(delegation.code.casefold())
        out.append(delegation)
    return tuple(out)


def _load_proposals(folder: Path, problems: _Problems) -> Iterator[tuple[str, tuple[Proposal, Path]]]:
    proposals = folder / PROPOSALS_DIR
    found = set(proposals.glob("*.json")) if proposals.is_dir() else set()
    found |= {p for p in problems.overlay if p.parent.name == PROPOSALS_DIR}
    for file in sorted(found):
        data = _load_json(file, problems)
        if data is None or not _schema_ok(data, "proposal", file, problems):
            continue
        try:
            proposal = records.proposal_from_dict({k: v for k, v in data.items() if k not in ("schema", "version")})
        except RecordError as error:
            problems.report(str(error), file)
            continue
        if f"{proposal.id}.json" != file.name:
            problems.report(f"holds proposal {proposal.id!r} but is named {file.name}; rename the file "
                            f"{proposal.id}.json", file)
            continue
        yield proposal.id, (proposal, file)
