"""Step 2 begins: the file's structure as displayed under a tracked-changes policy.

`take_view` keeps the pieces the policy keeps and joins a paragraph whose mark is
removed to the next one; `note_view` does the same for a footnote or endnote body.  Each
revision is placed at an offset of the text it falls in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml.etree import _Element

from drafttool.readers.docx.parse import Change, Para, Piece, Props
from drafttool.text.markup import Run


@dataclass(slots=True)
class ViewPara:
    """A paragraph as displayed under a policy: the pieces kept, and where each revision
    falls in its text (offset in the plain text before labels are taken off)."""

    props: Props
    pieces: list[Piece]
    number: int
    cell: tuple[int, int, int] | None
    anchors: list[tuple[Change, int]] = field(default_factory=list)
    ppr: _Element | None = None
    """The `w:pPr` of the paragraph whose mark ends it (the mark holds the properties)."""
    length: int = 0
    """Characters in its pieces so far, kept as pieces are added: 50,000 paragraphs joined
    into one must not be summed again at each join."""


def take_view(paras: list[Para], accept: bool) -> list[ViewPara]:
    """The paragraphs with every change accepted (or rejected): a paragraph whose mark is
    removed joins the next one, which keeps its own properties (the mark holds them, and
    ECMA-376 17.13.5.15 combines the contents with the following paragraph)."""
    out: list[ViewPara] = []
    carried: ViewPara | None = None
    for para in paras:
        props = para.props if accept or para.old_props is None else para.old_props
        current = carried or ViewPara(props, [], para.number, para.cell)
        current.props = props
        current.ppr = para.ppr
        offset = current.length
        if para.props_change is not None:
            current.anchors.append((para.props_change, offset))
        for piece in para.pieces:
            kept = (piece.deleted is None) if accept else (piece.inserted is None)
            for change in (piece.inserted, piece.deleted, piece.formatted):
                if change is not None:
                    current.anchors.append((change, offset))
            if kept:
                if not accept and piece.old_format is not None:
                    piece = Piece(piece.text, *piece.old_format, note=piece.note, endnote=piece.endnote,
                                   mark=piece.mark, comment=piece.comment)
                current.pieces.append(piece)
                offset += len(piece.text)
        current.length = offset
        removed = para.mark_deleted if accept else para.mark_inserted
        for change in (para.mark_inserted, para.mark_deleted):
            if change is not None:
                current.anchors.append((change, offset))
        if removed is not None:
            carried = current
        else:
            out.append(current)
            carried = None
    if carried is not None:
        out.append(carried)
    return out


@dataclass(slots=True)
class Note:
    """A footnote or endnote body as read under the policy."""

    pieces: list[Piece]
    anchors: list[tuple[Change, int]]


def note_view(paras: list[Para], accept: bool) -> Note:
    """A note's paragraphs under the policy, joined by spaces into one text."""
    pieces: list[Piece] = []
    anchors: list[tuple[Change, int]] = []
    offset = 0
    for index, view in enumerate(take_view(paras, accept)):
        if index and pieces:
            pieces.append(Piece(" "))
            offset += 1
        anchors += [(change, offset + at) for change, at in view.anchors]
        pieces += view.pieces
        offset += sum(len(p.text) for p in view.pieces)
    return Note(pieces, anchors)


def footnote_id(label: str, prefix: str, taken: set[str]) -> str:
    """'fn-1', 'fn-star' (from '*'), as the Markdown reader names them; '-2' if taken."""
    base = f"{prefix}-" + ("star" * len(label) if label and set(label) == {"*"}
                           else re.sub(r"[^\w]+", "-", label).strip("-") or "x")
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def strip_mark(pieces: list[Piece], mark: str) -> list[Piece]:
    """A note body without the leading custom mark Word echoes and the spaces after it."""
    out = [p for p in pieces]
    if mark:
        text = "".join(p.text for p in out if p.note is None and p.comment is None)
        if text.lstrip().startswith(mark):
            out = _drop_prefix(out, len(text) - len(text.lstrip()) + len(mark))
    text = "".join(p.text for p in out)
    return _drop_prefix(out, len(text) - len(text.lstrip()))


def _drop_prefix(pieces: list[Piece], count: int) -> list[Piece]:
    out: list[Piece] = []
    for piece in pieces:
        if count and piece.text:
            cut = min(count, len(piece.text))
            count -= cut
            if cut == len(piece.text):
                continue
            piece = Piece(piece.text[cut:], piece.bold, piece.italic, note=piece.note, mark=piece.mark)
        out.append(piece)
    return out


def to_runs(pieces: list[Piece], note_ids: dict[int, str]) -> list[Run]:
    runs: list[Run] = []
    for piece in pieces:
        if piece.note is not None:
            note_id = note_ids.get(id(piece))
            if note_id:
                runs.append(Run("", piece.italic, piece.bold, footnote=note_id))
        elif piece.text:
            runs.append(Run(piece.text, piece.italic, piece.bold))
    return runs

