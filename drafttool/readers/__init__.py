"""Readers: a document file becomes a `Round` of the model, with notices beside it.

`read_document` picks the reader from the file's suffix: `.md` and `.markdown` (Markdown),
`.txt` (plain text, such as PDF-converted UN documents), `.docx` (Word), `.docm` (Word
with macros: read as .docx, the macros never run, with a notice), and `.pdf` (UN documents
as published, read through their layout: `readers/pdf/`).  Readers never
render and never touch a store; ids they give are derived from the structure (`p18`,
`p18.a`, `sec-III-A`, `fn-12`), and the store carries earlier ids forward on import.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from drafttool.errors import InputError, Notice
from drafttool.model import Round


class TrackedChanges(str, Enum):
    """What a reader does with revisions already in a Word file (never silently dropped)."""

    ACCEPT = "accept"
    """Read the text as if every revision were accepted (the default)."""
    REJECT = "reject"
    """Read the text as if every revision were rejected."""
    PROPOSALS = "proposals"
    """Read the text with every revision rejected and return the revisions beside it."""


@dataclass(frozen=True, slots=True)
class Revision:
    """A tracked change found in a Word file: who inserted or deleted what, and where."""

    kind: str
    """'insert', 'delete' or 'format' (a formatting change, `w:rPrChange`/`w:pPrChange`)."""
    author: str
    date: str
    text: str
    """Plain text inserted or deleted; a paragraph mark is '\n'."""
    paragraph: str
    """Id of the paragraph (or footnote) of the returned round it belongs to."""
    offset: int
    """Offset in that paragraph's plain text where it applies: in the text with every
    change rejected under the reject and proposals policies, accepted under accept."""
    revision_id: str = ""
    """The `w:id` of the revision in the file."""


@dataclass(frozen=True, slots=True)
class Comment:
    """A Word comment: its author, text and the paragraph it is anchored in."""

    author: str
    date: str
    text: str
    paragraph: str
    quote: str = ""


@dataclass(frozen=True, slots=True)
class Reading:
    """What a reader returns: the round, and what it recovered from or found on the way."""

    round: Round
    notices: tuple[Notice, ...] = ()
    revisions: tuple[Revision, ...] = ()
    """Tracked changes found (all of them, whatever the policy)."""
    comments: tuple[Comment, ...] = ()


SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".txt": "text", ".docx": "docx", ".docm": "docx", ".pdf": "pdf"}


def read_document(
    path: str | Path,
    *,
    label: str = "",
    language: str = "",
    tracked_changes: TrackedChanges = TrackedChanges.ACCEPT,
) -> Reading:
    """Read a .md, .txt, .docx or .docm file into a Round named `label`."""
    path = Path(path)
    reader = SUFFIXES.get(path.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(SUFFIXES))
        raise InputError(f"unknown kind of file {path.suffix or '(no suffix)'!r}; drafttool reads {known}", path=path)
    from drafttool.readers.limits import MAX_DOCX_FILE_BYTES, MAX_TEXT_FILE_BYTES, read_limited

    try:
        _check_size(path, path.stat().st_size, reader)
        data = read_limited(path, MAX_DOCX_FILE_BYTES if reader in ("docx", "pdf") else MAX_TEXT_FILE_BYTES)
    except FileNotFoundError:
        raise InputError("no such file", path=path) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a document", path=path) from None
    except OSError as error:
        raise InputError(f"cannot be read: {error.strerror}", path=path) from None
    except ValueError as error:  # a pipe or device that delivered more than the limit
        raise InputError(str(error), path=path) from None
    if reader == "pdf":
        from drafttool.readers.pdf import read_pdf

        return read_pdf(data, path=str(path), label=label, language=language)
    if reader == "docx":
        from drafttool.readers.docx import read_docx

        return read_docx(data, path=str(path), label=label, language=language, tracked_changes=tracked_changes)
    from drafttool.readers.markdown import read_markdown

    return read_markdown(data, path=str(path), label=label, language=language, markdown=reader == "markdown")


def _check_size(path: Path, size: int, reader: str) -> None:
    """Refuse, before reading it, a file larger than any negotiated text (readers/limits.py)."""
    from drafttool.readers.limits import MAX_DOCX_FILE_BYTES, MAX_TEXT_FILE_BYTES, MB

    limit = MAX_DOCX_FILE_BYTES if reader in ("docx", "pdf") else MAX_TEXT_FILE_BYTES
    if size > limit:
        what = {"docx": "Word files up to", "pdf": "PDF files up to"}.get(reader, "text files up to")
        raise InputError(f"is {size / MB:,.1f} MB; drafttool reads {what} {limit // MB} MB: is it the right file?",
                         path=path)
