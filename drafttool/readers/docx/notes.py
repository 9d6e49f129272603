"""Footnotes and endnotes: numbered as Word displays them, each body read under the policy.

Takes the view of the body (`views.take_view`), the note bodies of footnotes.xml and
endnotes.xml, and the note properties of the document (settings.xml) and of each section
(`w:footnotePr`, `w:endnotePr` in each `w:sectPr`, 17.11.11); gives the round's
`Footnote`s, in the order of their bodies, and the id each reference points to.

Automatic numbers run in order of reference from the section's `w:numStart`, in its
`w:numFmt`, and start again in each section where `w:numRestart` is `eachSect`
(restarting on each page is not known without laying out pages: read as continuous).
Endnotes keep their kind (`NoteKind.ENDNOTE`, ids `en-…`).  A body referenced several
times is read once: each further reference shares its text, up to `limits.MAX_NOTE_COPIES`.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml.etree import _Element

from drafttool.errors import InputError, Notice
from drafttool.model import Footnote, NoteKind
from drafttool.readers import limits
from drafttool.readers.docx.elements import attr, to_int
from drafttool.readers.docx.numbering import format_number
from drafttool.readers.docx.parse import Para, Piece
from drafttool.readers.docx.views import Note, ViewPara, footnote_id, note_view, strip_mark, to_runs
from drafttool.text import markup
from drafttool.wordml import qn

SECTPR = qn("w:sectPr")


@dataclass(frozen=True, slots=True)
class NoteFormat:
    """How the notes of one kind are numbered in a section."""

    start: int = 1
    fmt: str = "decimal"
    restart: str = "continuous"
    """'continuous', 'eachSect' or 'eachPage' (`w:numRestart`, 17.11.19)."""


FOOTNOTE_DEFAULT = NoteFormat()
ENDNOTE_DEFAULT = NoteFormat(1, "lowerRoman")
"""Word's defaults (17.11.4, 17.11.11): footnotes 1, 2, 3; endnotes i, ii, iii."""


def note_formats(settings: _Element | None, sections: list[_Element | None]) -> list[dict[bool, NoteFormat]]:
    """Per section, the format of footnotes (False) and endnotes (True): the document's
    settings, then what the section's own `w:sectPr` says."""
    document = {endnote: _read_format(settings, endnote, default)
                for endnote, default in ((False, FOOTNOTE_DEFAULT), (True, ENDNOTE_DEFAULT))}
    return [{endnote: _read_format(section, endnote, document[endnote]) for endnote in (False, True)}
            for section in sections]


def _read_format(parent: _Element | None, endnote: bool, base: NoteFormat) -> NoteFormat:
    element = parent.find(qn("w:endnotePr" if endnote else "w:footnotePr")) if parent is not None else None
    if element is None:
        return base
    return NoteFormat(to_int(attr(element.find(qn("w:numStart"))), base.start) or base.start,
                      attr(element.find(qn("w:numFmt"))) or base.fmt,
                      attr(element.find(qn("w:numRestart"))) or base.restart)


@dataclass(slots=True)
class NotesRead:
    """What numbering the notes gives the reader."""

    footnotes: list[Footnote]
    ids: dict[int, str]
    """`id()` of each reference piece → the id of its note."""
    views: dict[str, Note]
    """Note id → its body as read (for placing revisions)."""
    notices: list[Notice]
    characters: int
    """Characters of every note made (copies counted), for `limits.MAX_ROUND_CHARACTERS`."""


def number_notes(views: list[ViewPara], bodies: dict[tuple[bool, str], list[Para]],
                 formats: list[dict[bool, NoteFormat]], accept: bool, path: str | None) -> NotesRead:
    """Footnote and endnote labels in order of reference (17.11.14): automatic numbers by
    the section's format, custom marks as written; each body read once under the policy."""
    counters = {endnote: formats[0][endnote].start for endnote in (False, True)}
    section = 0
    taken: set[str] = set()
    repeated: dict[tuple[str, str], str] = {}
    read: dict[tuple[bool, str, str], tuple[str, Note]] = {}
    copies: dict[tuple[bool, str], int] = {}
    out = NotesRead([], {}, {}, [], 0)
    keys: dict[str, tuple[bool, str]] = {}
    missing = 0
    for view in views:
        for piece in view.pieces:
            if piece.note is None:
                continue
            endnote = piece.endnote
            fmt = formats[min(section, len(formats) - 1)][endnote]
            if piece.mark:
                label = piece.mark.strip()
            else:
                label = format_number(counters[endnote], fmt.fmt)
                counters[endnote] += 1
            key = (endnote, piece.note)
            paras = bodies.get(key)
            if paras is None:
                missing += 1
                continue
            copies[key] = copies.get(key, 0) + 1
            if copies[key] > limits.MAX_NOTE_COPIES:
                kind = "endnote" if endnote else "footnote"
                raise InputError(f"{kind} {piece.note} is referenced more than {limits.MAX_NOTE_COPIES:,} times; "
                                 f"Word refers to each {kind} once: is the file damaged?", path=path,
                                 place=f"paragraph {view.number}")
            text, note = read.get((endnote, piece.note, piece.mark)) or _read_body(paras, piece, accept)
            read[(endnote, piece.note, piece.mark)] = (text, note)
            if piece.mark and (label, text) in repeated:
                out.ids[id(piece)] = repeated[(label, text)]
                continue
            note_id = footnote_id(label, "en" if endnote else "fn", taken)
            taken.add(note_id)
            repeated[(label, text)] = note_id
            out.ids[id(piece)] = note_id
            keys[note_id] = key
            out.views[note_id] = note
            out.characters += len(text)
            if out.characters > limits.MAX_ROUND_CHARACTERS:
                raise InputError(f"it would make a text of more than {limits.MAX_ROUND_CHARACTERS:,} characters "
                                 "(its notes); drafttool reads texts up to that size: is it the right file?", path=path,
                                 place=f"paragraph {view.number}")
            out.footnotes.append(Footnote(note_id, text, label, NoteKind.ENDNOTE if endnote else NoteKind.FOOTNOTE))
        if view.ppr is not None and view.ppr.find(SECTPR) is not None:
            section += 1  # this paragraph's mark ends a section (17.6.18)
            for endnote in (False, True):
                following = formats[min(section, len(formats) - 1)][endnote]
                if following.restart == "eachSect":
                    counters[endnote] = following.start
    # The notes in the order of their bodies in footnotes.xml (then endnotes.xml): Word
    # keeps that in order of reference; drafttool's writer keeps the round's order there.
    place = {key: index for index, key in enumerate(bodies)}
    out.footnotes.sort(key=lambda note: place.get(keys[note.id], 0))
    if missing:
        out.notices.append(Notice(f"{missing} footnote reference(s) point to no footnote in the file; left out", path))
    return out


def _read_body(paras: list[Para], reference: Piece, accept: bool) -> tuple[str, Note]:
    """A note body as text, the echoed custom mark taken off, and its view for revisions."""
    note = note_view(paras, accept)
    pieces = strip_mark(note.pieces, reference.mark.strip())
    text = markup.to_markup(to_runs(pieces, {})).strip()
    shift = len("".join(p.text for p in note.pieces)) - len("".join(p.text for p in pieces))
    return text, Note(pieces, [(change, at - shift) for change, at in note.anchors])
