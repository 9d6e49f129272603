"""Step 1: WordprocessingML elements become a structure that mirrors the file.

`Parser` turns a body, a note or a comment into `Para`s (style, numbering, the paragraph
mark's revisions) holding `Piece`s (text with bold and italic, footnote references,
comment markers, each knowing the revisions it belongs to).  Nothing is decided yet about
accepting or rejecting: every revision met is kept as a `Change`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml.etree import _Element

from drafttool.readers.docx.elements import (
    DEL, ID, INS, MOVE_FROM, MOVE_TO, P, PPR, R, RPR, TBL, TC, TR, TRUE, VAL, on, to_int,
)
from drafttool.readers.docx.styles import Styles
from drafttool.wordml import MATH, MC, W, qn

_PASS_THROUGH = {qn(f"w:{n}") for n in ("hyperlink", "smartTag", "customXml", "bdo", "dir", "fldSimple", "sdtContent")}
_IGNORED_INLINE = {qn(f"w:{n}") for n in ("proofErr", "bookmarkStart", "bookmarkEnd", "permStart", "permEnd",
                                          "moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart",
                                          "moveToRangeEnd", "customXmlInsRangeStart", "customXmlInsRangeEnd",
                                          "customXmlDelRangeStart", "customXmlDelRangeEnd", "sdtPr", "sdtEndPr",
                                          "smartTagPr", "customXmlPr")}
_RTL_CHARS = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


@dataclass(eq=False, slots=True)
class Change:
    """One revision element of the file (`w:ins`, `w:del`, `w:rPrChange`…)."""

    kind: str
    """'insert', 'delete' or 'format'."""
    author: str
    date: str
    revision_id: str
    move: bool = False
    paragraph_mark: bool = False
    texts: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Piece:
    """Inline content: a stretch of text, a note reference, or a comment marker."""

    text: str = ""
    bold: bool = False
    italic: bool = False
    old_format: tuple[bool, bool] | None = None
    """(bold, italic) before a `w:rPrChange`; None when the format was not changed."""
    note: str | None = None
    """`w:id` of the footnote (or endnote) referred to."""
    endnote: bool = False
    mark: str = ""
    """A custom footnote mark ('*')."""
    comment: tuple[str, str] | None = None
    """('start' | 'end' | 'reference', comment id)."""
    inserted: Change | None = None
    deleted: Change | None = None
    formatted: Change | None = None


@dataclass(frozen=True, slots=True)
class Props:
    """What a paragraph's `w:pPr` says: its style, numbering and outline level."""

    style: str | None = None
    num_id: str | None = None
    ilvl: int | None = None
    outline: int | None = None


@dataclass(slots=True)
class Para:
    props: Props
    old_props: Props | None
    pieces: list[Piece]
    mark_inserted: Change | None
    mark_deleted: Change | None
    number: int
    """Position among the part's paragraphs, 1-based, for messages."""
    cell: tuple[int, int, int] | None = None
    """(table, row, column) of a paragraph in a table of the body, counted from 1; a table
    in a table is read into the cell it is in."""
    props_change: Change | None = None
    ppr: _Element | None = None
    """The `w:pPr` element itself, for `read_docx_layout`."""


@dataclass
class Counts:
    """What the reader met and left out or flattened, for notices."""

    tables: int = 0
    pictures: int = 0
    text_boxes: int = 0
    equations: int = 0
    hidden: int = 0
    bullets: int = 0
    unended_fields: int = 0
    imported: int = 0
    """`w:altChunk`s: documents (HTML, RTF, .docx) Word merges in when it opens the file."""


class Parser:
    """Step 1: WordprocessingML elements → `Para`s and `Piece`s, revisions collected."""

    def __init__(self, styles: Styles) -> None:
        self.styles = styles
        self.changes: list[Change] = []
        self.counts = Counts()
        self.fields: list[bool] = []
        """Complex fields open around the current run: True once past their `separate`."""
        self.hiding = 0
        """How many of them are still in their instruction, which is never shown."""
        self.unended: set[_Element] = set()
        self.section_ends: list[_Element] = []
        """The `w:sectPr`s of paragraph marks that end a section, in order (17.6.18)."""
        self.pending_mark: Piece | None = None

    # -- blocks

    def blocks(self, container: _Element) -> list[Para]:
        """The paragraphs of a body, note or comment, in order, tables flattened."""
        out: list[Para] = []
        self.fields, self.hiding = [], 0
        self.unended = _unended_fields(container)
        self.counts.unended_fields += len(self.unended)
        self._blocks(container, None, out)
        return out

    def _blocks(self, container: _Element, cell: tuple[int, int, int] | None, out: list[Para]) -> None:
        for child in container:
            tag = child.tag
            if tag == P:
                out.append(self.paragraph(child, len(out) + 1, cell))
            elif tag == TBL:
                self.counts.tables += cell is None
                for row_number, row in enumerate(_children(child, TR), start=1):
                    for column, cell_element in enumerate(_children(row, TC), start=1):
                        place = cell or (self.counts.tables, row_number, column)
                        self._blocks(cell_element, place, out)
            elif tag in (qn("w:sdt"), qn("w:customXml")):
                content = child.find(qn("w:sdtContent")) if tag == qn("w:sdt") else child
                if content is not None:
                    self._blocks(content, cell, out)
            elif tag in (INS, DEL, MOVE_FROM, MOVE_TO):
                self._blocks(child, cell, out)  # rare block-level wrappers: read through
            elif tag == _ALT_CHUNK:
                self.counts.imported += 1

    # -- a paragraph

    def paragraph(self, element: _Element, number: int, cell: tuple[int, int, int] | None = None) -> Para:
        # iterchildren, not find: a paragraph is looked into a dozen times, 50,000 paragraphs a file
        ppr = next(element.iterchildren(PPR), None)
        props = read_props(ppr)
        old_props = props_change = mark_inserted = mark_deleted = mark = None
        if ppr is not None:
            change = next(ppr.iterchildren(_PPR_CHANGE), None)
            if change is not None:
                props_change = self._change(change, "format")
                old = next(change.iterchildren(PPR), None)
                old_props = read_props(old) if old is not None else Props()
            mark = next(ppr.iterchildren(RPR), None)
            section = next(ppr.iterchildren(_SECTPR), None)
            if section is not None:
                self.section_ends.append(section)
        pieces: list[Piece] = []
        self.pending_mark = None
        self._inline(element, pieces, None, None)
        if mark is not None and len(mark):  # revisions of the paragraph mark itself (17.13.5.15, 17.13.5.16)
            marks = {child.tag: child for child in mark}
            for tag, kind in ((INS, "insert"), (MOVE_TO, "insert"), (DEL, "delete"), (MOVE_FROM, "delete")):
                found = marks.get(tag)
                if found is not None:
                    made = self._change(found, kind, move=tag in (MOVE_TO, MOVE_FROM), paragraph_mark=True)
                    made.texts.append("\n")
                    if kind == "insert":
                        mark_inserted = made
                    else:
                        mark_deleted = made
        return Para(props, old_props, pieces, mark_inserted, mark_deleted, number, cell, props_change, ppr)

    def _change(self, element: _Element, kind: str, *, move: bool = False, paragraph_mark: bool = False) -> Change:
        change = Change(kind, element.get(qn("w:author"), ""), element.get(qn("w:date"), ""), element.get(ID, ""),
                         move, paragraph_mark)
        self.changes.append(change)
        return change

    def _inline(self, container: _Element, out: list[Piece], inserted: Change | None, deleted: Change | None) -> None:
        for child in container:
            tag = child.tag
            if not isinstance(tag, str) or tag == PPR or tag in _IGNORED_INLINE:
                continue
            if tag == R:
                self._run(child, out, inserted, deleted)
            elif tag in (INS, MOVE_TO):
                self._inline(child, out, self._change(child, "insert", move=tag == MOVE_TO), deleted)
            elif tag in (DEL, MOVE_FROM):
                self._inline(child, out, inserted, self._change(child, "delete", move=tag == MOVE_FROM))
            elif tag in _PASS_THROUGH:
                self._inline(child, out, inserted, deleted)
            elif tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    self._inline(content, out, inserted, deleted)
            elif tag in (qn("w:commentRangeStart"), qn("w:commentRangeEnd")):
                kind = "start" if tag.endswith("Start") else "end"
                out.append(Piece(comment=(kind, child.get(ID, ""))))
            elif tag.startswith(f"{{{MATH}}}"):
                self.counts.equations += 1
            elif tag == f"{{{MC}}}AlternateContent":
                self._count_objects(child)

    def _run(self, run: _Element, out: list[Piece], inserted: Change | None, deleted: Change | None) -> None:
        rpr = run.find(RPR)
        toggles = self._toggles(rpr)
        old_toggles = formatted = None
        if rpr is not None:
            change = rpr.find(qn("w:rPrChange"))
            if change is not None:
                formatted = self._change(change, "format")
                old_toggles = self._toggles(change.find(RPR))
        complex_script = rpr is not None and (bool(on(rpr.find(qn("w:rtl")))) or bool(on(rpr.find(qn("w:cs")))))
        hidden = bool(toggles[4])
        if hidden:
            self.counts.hidden += 1

        def add(text: str) -> None:
            if hidden:
                return
            if self.hiding:
                return  # a field's instruction (or a field nested inside one) is never shown
            if self.pending_mark is not None:
                self.pending_mark.mark += text
                self.pending_mark = None
                return
            complex_text = complex_script or bool(_RTL_CHARS.search(text))
            bold, italic = _pick(toggles, complex_text)
            old = _pick(old_toggles, complex_text) if old_toggles is not None else None
            piece = Piece(text, bold, italic, old, inserted=inserted, deleted=deleted, formatted=formatted)
            for change in (inserted, deleted, formatted):
                if change is not None:
                    change.texts.append(text)
            out.append(piece)

        for child in run:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            local = _LOCAL.get(tag)
            if local is None:
                local = _LOCAL[tag] = tag[len(W) + 2:] if tag.startswith(f"{{{W}}}") else ""
            if local in ("t", "delText"):
                if child.text:
                    add(child.text)
            elif local in ("tab", "ptab", "br", "cr"):
                add(" ")
            elif local == "noBreakHyphen":
                add("\u2011")
            elif local == "sym":
                char = _symbol(child)
                if char:
                    add(char)
            elif local in ("footnoteReference", "endnoteReference"):
                if hidden or self.hiding:
                    continue
                bold, italic = _pick(toggles, complex_script)
                piece = Piece(bold=bold, italic=italic, note=child.get(ID, ""), endnote=local == "endnoteReference",
                               inserted=inserted, deleted=deleted)
                out.append(piece)
                if (child.get(qn("w:customMarkFollows")) or "").lower() in TRUE:
                    self.pending_mark = piece  # the mark is the text that follows (17.11.14)
            elif local == "commentReference":
                out.append(Piece(comment=("reference", child.get(ID, ""))))
            elif local == "fldChar":
                kind = child.get(_FLD_CHAR_TYPE)
                if kind == "begin" and child not in self.unended:
                    self.fields.append(False)
                    self.hiding += 1
                elif kind == "separate" and self.fields and not self.fields[-1]:
                    self.fields[-1] = True
                    self.hiding -= 1
                elif kind == "end" and self.fields:
                    self.hiding -= not self.fields.pop()
            elif local in ("drawing", "pict", "object") or tag == f"{{{MC}}}AlternateContent":
                self._count_objects(child)

    def _count_objects(self, element: _Element) -> None:
        if any(True for _ in element.iter(qn("w:txbxContent"))):
            self.counts.text_boxes += 1
        else:
            self.counts.pictures += 1

    def _toggles(self, rpr: _Element | None) -> tuple[bool | None, ...]:
        """(bold, italic, bold_cs, italic_cs, hidden): direct formatting, else the character style."""
        if rpr is None:
            return _NO_TOGGLES
        direct: list[bool | None] = [None] * 5
        style = None
        for child in rpr:  # one pass over the properties: long documents have a run per word
            index = _TOGGLES.get(child.tag)
            if index is not None:
                direct[index] = on(child)
            elif child.tag == _RSTYLE:
                style = child.get(VAL)
        if style is None:
            return tuple(direct)
        from_style = self.styles.run_toggles(style)
        return tuple(d if d is not None else s for d, s in zip(direct, from_style))


def _unended_fields(container: _Element) -> set[_Element]:
    """The `w:fldChar` begins of a part that no end closes: read as if absent, or the
    rest of the part would be taken for their instruction and never shown."""
    open_begins: list[_Element] = []
    for char in container.iter(_FLD_CHAR):
        kind = char.get(_FLD_CHAR_TYPE)
        if kind == "begin":
            open_begins.append(char)
        elif kind == "end" and open_begins:
            open_begins.pop()
    return set(open_begins)


_FLD_CHAR, _FLD_CHAR_TYPE, _ALT_CHUNK = qn("w:fldChar"), qn("w:fldCharType"), qn("w:altChunk")
_PPR_CHANGE, _SECTPR = qn("w:pPrChange"), qn("w:sectPr")
_LOCAL: dict[str, str] = {}
"""Clark name → local name of a run's children in the w: namespace ('' for others)."""


def _children(element: _Element, tag: str) -> Iterator[_Element]:
    """Rows of a table (or cells of a row), also those wrapped in content controls."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in (qn("w:sdt"), qn("w:customXml")):
            content = child.find(qn("w:sdtContent")) if child.tag == qn("w:sdt") else child
            if content is not None:
                yield from _children(content, tag)


_TOGGLES = {qn(f"w:{name}"): index for index, name in enumerate(("b", "i", "bCs", "iCs", "vanish"))}
_NO_TOGGLES: tuple[bool | None, ...] = (None,) * 5
_RSTYLE = qn("w:rStyle")


def _pick(toggles: tuple[bool | None, ...], complex_script: bool) -> tuple[bool, bool]:
    """Bold and italic of a run: complex-script text (Arabic) takes `w:bCs`/`w:iCs` (17.3.2.2)."""
    bold, italic, bold_cs, italic_cs = toggles[:4]
    if complex_script:
        return bool(bold_cs if bold_cs is not None else bold), bool(italic_cs if italic_cs is not None else italic)
    return bool(bold), bool(italic)


_SYMBOL_FONT = dict(zip(range(0x41, 0x5B), "ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ")) | dict(
    zip(range(0x61, 0x7B), "αβχδεφγηιϕκλμνοπθρστυϖωξψζ")) | {0xB7: "•", 0xBE: "—", 0xD7: "×", 0x2D: "−", 0xB0: "°",
                                                            0xB1: "±", 0xA3: "≤", 0xB3: "≥", 0xB9: "≠", 0xAE: "→"}


def _symbol(element: _Element) -> str:
    """The character of a `w:sym` (17.3.3.30): Symbol-font codes mapped, others as given."""
    value = element.get(qn("w:char"), "")
    try:
        code = int(value, 16) if len(value) <= 8 else -1
    except ValueError:
        return ""
    font = (element.get(qn("w:font")) or "").lower()
    if 0xF000 <= code <= 0xF0FF:
        code -= 0xF000
    if font == "symbol":
        return _SYMBOL_FONT.get(code, chr(code) if 0x20 <= code < 0x7F else "")
    if font.startswith(("wingdings", "webdings")):
        return ""
    # A character XML itself could hold (ST_ShortHexNumber is two bytes, but a file may say
    # anything): never a control, a surrogate or a noncharacter, which no writer accepts.
    if code < 0x20 or 0x7F <= code < 0xA0 or 0xD800 <= code < 0xE000 or code > 0x10FFFF or code & 0xFFFE == 0xFFFE \
            or 0xFDD0 <= code <= 0xFDEF:
        return ""
    return chr(code)


def read_props(ppr: _Element | None) -> Props:
    if ppr is None:
        return NO_PROPS
    style = num_id = ilvl = outline = None
    for child in ppr:  # one pass over the properties
        tag = child.tag
        if tag == _PSTYLE:
            style = child.get(VAL)
        elif tag == _NUMPR:
            for part in child:
                if part.tag == _NUMID:
                    num_id = part.get(VAL)
                elif part.tag == _ILVL:
                    ilvl = to_int(part.get(VAL))
        elif tag == _OUTLINE:
            outline = to_int(child.get(VAL))
    if style is num_id is ilvl is outline is None:
        return NO_PROPS
    return Props(style, num_id, ilvl, outline)


NO_PROPS = Props()
_PSTYLE, _NUMPR, _NUMID, _ILVL, _OUTLINE = (qn(f"w:{n}") for n in ("pStyle", "numPr", "numId", "ilvl", "outlineLvl"))

