"""Cutting revisions into a paragraph of a Word file: its characters as the reader reads
them (`Atom`s, each knowing its run), a change's characters kept, deleted or inserted
(`Unit`s), and `revise`, which cuts the paragraph's runs where a deletion starts and ends or
an insertion goes — old words wrapped in `w:del` (`w:delText`), new ones in `w:ins` runs
that copy the formatting of the run they follow — inserts a paragraph mark where a change
splits a paragraph and deletes one where it merges two (ECMA-376 17.13.5).  Used by
`renderers.docx.inplace`, which finds the paragraphs and adds the new ones.
"""

from __future__ import annotations

import copy
import difflib
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree
from lxml.etree import _Element

from drafttool.model import CHAIR, ParagraphChange, Segment, SegmentKind
from drafttool.renderers.docx.revisions import Stamp, word_date
from drafttool.text import markup

NoteReference = Callable[[str, Stamp | None], tuple[str, str] | None]
"""Makes the note an inserted reference points to: (its kind, its Word id), or None."""

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


P, R, T, PPR, RPR = _w("p"), _w("r"), _w("t"), _w("pPr"), _w("rPr")
INS, DEL, DEL_TEXT = _w("ins"), _w("del"), _w("delText")
TAB, BR, CR, PTAB = _w("tab"), _w("br"), _w("cr"), _w("ptab")
NO_BREAK_HYPHEN, SOFT_HYPHEN, SYM = _w("noBreakHyphen"), _w("softHyphen"), _w("sym")
FOOTNOTE_REF, ENDNOTE_REF = _w("footnoteReference"), _w("endnoteReference")
NOTE_MARKS = {_w("footnoteRef"), _w("endnoteRef")}
TXBX, VANISH, ID = _w("txbxContent"), _w("vanish"), _w("id")
SPACE = "{http://www.w3.org/XML/1998/namespace}space"
NOTE = "\x00"
"""The character standing for a footnote or endnote reference in the texts aligned here."""


# ----------------------------------------------------------------------------- atoms

@dataclass
class Atom:
    """One character (or note reference) of a paragraph as the reader read it: the run it
    is in, the child of the run holding it, and its index in that child's text."""

    run: _Element
    child: _Element
    index: int
    char: str


def paragraph_atoms(paragraph: _Element) -> list[Atom]:
    """The characters of a paragraph as the reader reads them: text, tabs and breaks as
    spaces, note references as one NOTE each; hidden and deleted text left out."""
    atoms: list[Atom] = []
    for run in paragraph.iter(R):
        if _inside(run, (DEL, TXBX), paragraph):
            continue
        rpr = run.find(RPR)
        if rpr is not None and rpr.find(VANISH) is not None:
            continue
        for child in run:
            tag = child.tag
            if tag == T:
                atoms.extend(Atom(run, child, k, char) for k, char in enumerate(child.text or ""))
            elif tag in (TAB, BR, CR, PTAB):
                atoms.append(Atom(run, child, 0, " "))
            elif tag == NO_BREAK_HYPHEN:
                atoms.append(Atom(run, child, 0, "\u2011"))
            elif tag == SYM:
                atoms.append(Atom(run, child, 0, chr(int(child.get(_w("char"), "20"), 16) % 0x110000)))
            elif tag in (FOOTNOTE_REF, ENDNOTE_REF):
                atoms.append(Atom(run, child, 0, NOTE))
    return atoms


def _inside(element: _Element, tags: tuple[str, ...], stop: _Element) -> bool:
    parent = element.getparent()
    while parent is not None and parent is not stop:
        if parent.tag in tags:
            return True
        parent = parent.getparent()
    return False


# ----------------------------------------------------------------------------- units of a change

@dataclass
class Unit:
    """One character (or note reference) of a change's text: kept, deleted or inserted,
    with its format on its side (bold, italic) and, for a note reference, the note's id."""

    kind: SegmentKind
    char: str
    bold: bool = False
    italic: bool = False
    note: str | None = None
    stamp: Stamp | None = None


def change_units(segments: tuple[Segment, ...], stamp_of: "StampOf") -> list[Unit]:
    """The segments as units, each side's bold and italic carried across segments."""
    units: list[Unit] = []
    old_format = (False, False)
    new_format = (False, False)
    for segment in segments:
        if segment.kind is SegmentKind.INSERT:
            runs, italic, bold = markup.parse_from(segment.text, new_format[1], new_format[0])
            new_format = (bold, italic)
        else:
            runs, italic, bold = markup.parse_from(segment.text, old_format[1], old_format[0])
            old_format = (bold, italic)
            if segment.kind is SegmentKind.EQUAL:
                new_format = old_format
        stamp = None if segment.kind is SegmentKind.EQUAL else stamp_of(segment)
        for run in runs:
            if run.footnote is not None:
                units.append(Unit(segment.kind, NOTE, run.bold, run.italic, run.footnote, stamp))
            else:
                units.extend(Unit(segment.kind, char, run.bold, run.italic, None, stamp) for char in run.text)
    return units


class StampOf:
    """A segment's author and date: its first proposer (else the change's, else the Chair)
    and the date of its proposal; co-proposers are kept for the comment that names them."""

    def __init__(self, dates: dict[str, str], default_date: str) -> None:
        self.dates = {key: word_date(value) for key, value in dates.items() if value}
        self.default_date = default_date
        self.change: ParagraphChange | None = None
        self.cosigned: dict[int, tuple[str, ...]] = {}
        """id() of a stamp → every proposer, where there are several."""
        self._stamps: dict[tuple[tuple[str, ...], str], Stamp] = {}

    def __call__(self, segment: Segment) -> Stamp:
        by = segment.by or (self.change.by if self.change is not None else ())
        proposals: tuple[str, ...] = (segment.proposal,) if segment.proposal else ()
        if self.change is not None:
            proposals += self.change.proposals
        return self.stamp(by, proposals)

    def stamp(self, by: tuple[str, ...], proposals: tuple[str, ...] = ()) -> Stamp:
        date = next((self.dates[p] for p in proposals if p in self.dates), self.default_date)
        key = (by, date)
        found = self._stamps.get(key)
        if found is None:
            found = self._stamps[key] = Stamp(by[0] if by else CHAIR, date)
            if len(by) > 1:
                self.cosigned[id(found)] = by
        return found


# ----------------------------------------------------------------------------- the document

@dataclass
class _Ids:
    next_id: int

    def take(self) -> str:
        self.next_id += 1
        return str(self.next_id)


@dataclass
class _Edit:
    """The state of one redline: revision ids, stamps, comments to add."""

    ids: _Ids
    stamps: StampOf
    comments: list[tuple[_Element, _Element, Stamp]] = field(default_factory=list)
    """(first, last) revision elements of a span proposed by several delegations, and its stamp."""
    split_stamps: dict[int, Stamp] = field(default_factory=dict)

    def stamped(self, tag: str, stamp: Stamp) -> _Element:
        element = etree.Element(tag)
        element.set(ID, self.ids.take())
        element.set(_w("author"), stamp.author)
        element.set(_w("date"), stamp.date)
        if id(stamp) in self.stamps.cosigned:
            self.comments.append((element, element, stamp))
        return element

    def mark(self, paragraph: _Element, kind: str, stamp: Stamp) -> None:
        """Mark a paragraph's mark inserted or deleted (`w:pPr/w:rPr/w:ins|w:del`)."""
        ppr = paragraph.find(PPR)
        if ppr is None:
            ppr = etree.Element(PPR)
            paragraph.insert(0, ppr)
        rpr = ppr.find(RPR)
        if rpr is None:
            rpr = etree.Element(RPR)
            after = next((c for c in ppr if c.tag in (_w("sectPr"), _w("pPrChange"))), None)
            if after is None:
                ppr.append(rpr)
            else:
                after.addprevious(rpr)
        for child in list(rpr):
            if child.tag in (INS, DEL):
                rpr.remove(child)
        element = etree.Element(INS if kind == "insert" else DEL)
        element.set(ID, self.ids.take())
        element.set(_w("author"), stamp.author)
        element.set(_w("date"), stamp.date)
        rpr.insert(0, element)


def _run_piece(run: _Element, children: list[tuple[_Element, str | None]]) -> _Element:
    """A copy of `run` (its `w:rPr`) holding the given children: (child, text) where a text
    replaces the child's (a cut `w:t`)."""
    piece = etree.Element(R)
    for name, value in run.attrib.items():
        piece.set(name, value)
    rpr = run.find(RPR)
    if rpr is not None:
        piece.append(copy.deepcopy(rpr))
    for child, text in children:
        if text is None:
            piece.append(copy.deepcopy(child))
        elif piece.find(T) is not None and piece[-1].tag == T:
            piece[-1].text = (piece[-1].text or "") + text
            piece[-1].set(SPACE, "preserve")
        else:
            element = etree.SubElement(piece, T)
            element.text = text
            element.set(SPACE, "preserve")
    return piece


def _deleted(run: _Element) -> _Element:
    for element in run.iter(T):
        element.tag = DEL_TEXT
    return run


def _format_run(template: _Element | None, text: str, bold: bool, italic: bool, was: tuple[bool, bool],
                note: tuple[str, str] | None = None) -> _Element:
    """A new run with the template run's properties (direct formatting kept), bold and
    italic set where the new words differ from the words they follow."""
    run = etree.Element(R)
    rpr = copy.deepcopy(template.find(RPR)) if template is not None and template.find(RPR) is not None else None
    if rpr is not None:
        for child in list(rpr):
            if child.tag in (INS, DEL, _w("rPrChange"), VANISH):
                rpr.remove(child)
    if (bold, italic) != was:
        rpr = rpr if rpr is not None else etree.Element(RPR)
        for tag, on in ((_w("b"), bold), (_w("i"), italic)):
            found = rpr.find(tag)
            if found is None:
                found = etree.SubElement(rpr, tag)
            if on:
                found.attrib.pop(_w("val"), None)
            else:
                found.set(_w("val"), "0")
    if rpr is not None:
        run.append(rpr)
    if note is not None:
        kind, note_id = note
        reference = etree.SubElement(run, _w(f"{kind}Reference"))
        reference.set(ID, note_id)
        return run
    element = etree.SubElement(run, T)
    element.text = text
    element.set(SPACE, "preserve")
    return run


# ----------------------------------------------------------------------------- revising paragraphs

_SPLIT = _w("drafttoolSplit")
"""A marker put where a paragraph is to be split, removed once it is."""


def revise(edit: _Edit, elements: list[_Element], units: list[Unit],
           note_reference: NoteReference | None = None) -> None:
    """Write the units' deletions and insertions into the paragraph elements they were read
    from (one element per old paragraph, the units' '\\n' between them)."""
    atoms = [paragraph_atoms(element) for element in elements]
    doc: list[tuple[int, int]] = []  # position → (element, atom index); atom index -1 for a boundary
    for number, its in enumerate(atoms):
        if number:
            doc.append((number - 1, -1))
        doc.extend((number, k) for k in range(len(its)))
    doc_text = "\n".join("".join(a.char for a in its) for its in atoms)
    old_units = [u for u in units if u.kind is not SegmentKind.INSERT]
    old_text = "".join(u.char for u in old_units)
    where = _align(old_text, doc_text)
    deleted: dict[tuple[int, int], Stamp] = {}
    inserted: dict[tuple[int, int], list[Unit]] = {}
    merges: list[tuple[int, Stamp]] = []
    position = 0  # index in old_units of the next old unit
    pending: list[Unit] = []
    ends = [(n, len(its)) for n, its in enumerate(atoms)]

    def anchor() -> tuple[int, int]:
        """Where pending insertions go: before the next old unit found in the file, else at
        the end of the paragraph of the last one found."""
        for k in range(position, len(old_units)):
            if where.get(k) is not None:
                place = doc[where[k]]
                return place if place[1] >= 0 else ends[place[0]]
        for k in range(position - 1, -1, -1):
            if where.get(k) is not None:
                return ends[doc[where[k]][0]]
        return ends[0]

    for unit in units:
        if unit.kind is SegmentKind.INSERT:
            pending.append(unit)
            continue
        if pending:
            inserted.setdefault(anchor(), []).extend(pending)
            pending = []
        found = where.get(position)
        if unit.kind is SegmentKind.DELETE and found is not None and unit.stamp is not None:
            place = doc[found]
            if place[1] < 0:
                merges.append((place[0], unit.stamp))
            else:
                deleted[place] = unit.stamp
        position += 1
    if pending:
        inserted.setdefault(anchor(), []).extend(pending)
    for number, element in enumerate(elements):
        _rewrite(edit, element, number, atoms[number], deleted, inserted, note_reference)
        _split(edit, element)
    for number, stamp in merges:
        edit.mark(elements[number], "delete", stamp)


def _align(old: str, doc: str) -> dict[int, int]:
    """Index in `old` → index in `doc` of the same character, where the two agree."""
    if old == doc:
        return {k: k for k in range(len(old))}
    start = doc.find(old) if old else -1
    if start >= 0:  # the document has more (a typed label, spaces at the ends)
        return {k: start + k for k in range(len(old))}
    out: dict[int, int] = {}
    matcher = difflib.SequenceMatcher(None, old, doc, autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        out.update({a + k: b + k for k in range(size)})
    return out


def _rewrite(edit: _Edit, element: _Element, number: int, atoms: list[Atom], deleted: dict[tuple[int, int], Stamp],
             inserted: dict[tuple[int, int], list[Unit]], note_reference: NoteReference | None) -> None:
    """Cut the element's runs where deletions start and end and where insertions go."""
    by_run: dict[int, list[int]] = {}
    for k, atom in enumerate(atoms):
        by_run.setdefault(id(atom.run), []).append(k)
    touched = {id(atoms[k].run) for (n, k) in deleted if n == number}
    touched |= {id(atoms[k].run) for (n, k) in inserted if n == number and k < len(atoms)}
    for run_key in touched:
        indexes = by_run[run_key]
        run = atoms[indexes[0]].run
        nodes: list[_Element] = []
        children: list[tuple[_Element, str | None]] = []
        status: Stamp | None = None

        def flush() -> None:
            if children:
                piece = _run_piece(run, list(children))
                if status is not None:
                    wrapper = edit.stamped(DEL, status)
                    wrapper.append(_deleted(piece))
                    nodes.append(wrapper)
                else:
                    nodes.append(piece)
                children.clear()

        atom_of: dict[int, list[int]] = {}
        for k in indexes:
            atom_of.setdefault(id(atoms[k].child), []).append(k)
        for child in run:
            if child.tag == RPR:
                continue
            ks = atom_of.get(id(child))
            if not ks:
                children.append((child, None))
                continue
            for k in ks:
                here = deleted.get((number, k))
                if (number, k) in inserted:
                    flush()
                    nodes.extend(_insertion(edit, inserted[(number, k)], atoms, k, note_reference))
                if here is not status:
                    flush()
                    status = here
                atom = atoms[k]
                if child.tag == T:
                    if children and children[-1][0] is child:
                        children[-1] = (child, (children[-1][1] or "") + atom.char)
                    else:
                        children.append((child, atom.char))
                else:
                    children.append((child, None))
        flush()
        for node in nodes:
            run.addprevious(node)
        run.getparent().remove(run)  # type: ignore[union-attr]
    end = inserted.get((number, len(atoms)))
    if end:
        nodes = _insertion(edit, end, atoms, len(atoms), note_reference)
        anchor = _last_content(element)
        for node in reversed(nodes):
            if anchor is not None:
                anchor.addnext(node)
            else:
                element.append(node)


def _last_content(element: _Element) -> _Element | None:
    """The last child of the paragraph that holds text (a run, a revision, a hyperlink)."""
    for child in reversed(element):
        if child.tag != PPR and child.tag in (R, DEL, INS, _w("hyperlink"), _w("smartTag"), _w("fldSimple"),
                                              _w("sdt")):
            return child
    return None


def _insertion(edit: _Edit, units: list[Unit], atoms: list[Atom], k: int,
               note_reference: NoteReference | None) -> list[_Element]:
    """`w:ins` elements for inserted units (one per author), runs formatted like the run
    they follow; a paragraph break among them becomes a split marker."""
    template = atoms[k - 1].run if k > 0 and atoms else (atoms[k].run if atoms else None)
    before = (False, False)
    nodes: list[_Element] = []
    wrapper: _Element | None = None
    stamp: Stamp | None = None
    text: list[str] = []
    fmt = (False, False)

    def flush_text() -> None:
        if text and wrapper is not None:
            wrapper.append(_format_run(template, "".join(text), fmt[0], fmt[1], before))
        text.clear()

    for unit in units:
        if unit.char == "\n":
            flush_text()
            wrapper = None
            marker = etree.Element(_SPLIT)
            split_stamp = unit.stamp or edit.stamps.stamp(())
            marker.set("stamp", str(id(split_stamp)))
            edit.split_stamps[id(split_stamp)] = split_stamp
            nodes.append(marker)
            continue
        if wrapper is None or unit.stamp is not stamp:
            flush_text()
            stamp = unit.stamp
            wrapper = edit.stamped(INS, stamp or edit.stamps.stamp(()))
            nodes.append(wrapper)
        if unit.note is not None:
            flush_text()
            made = note_reference(unit.note, stamp) if note_reference is not None else None
            if made is not None:
                wrapper.append(_format_run(template, "", unit.bold, unit.italic, before, note=made))
            continue
        if (unit.bold, unit.italic) != fmt and text:
            flush_text()
        fmt = (unit.bold, unit.italic)
        text.append(unit.char)
    flush_text()
    return nodes


def _split(edit: _Edit, element: _Element) -> None:
    """Split the paragraph at each split marker: what stands before it becomes a new
    paragraph, with the same properties and an inserted mark, before this one."""
    for marker in list(element.iter(_SPLIT)):
        top = marker
        while top.getparent() is not element:
            top = top.getparent()  # type: ignore[assignment]
        stamp = edit.split_stamps[int(marker.get("stamp", "0"))]
        first = etree.Element(P)
        ppr = element.find(PPR)
        if ppr is not None:
            first.append(_clean_properties(ppr))
        for child in list(element):
            if child is top:
                break
            if child.tag != PPR:
                first.append(child)
        marker.getparent().remove(marker)  # type: ignore[union-attr]
        element.addprevious(first)
        edit.mark(first, "insert", stamp)


def _clean_properties(ppr: _Element) -> _Element:
    """A copy of paragraph properties for a new paragraph: no section break, no history."""
    copy_ = copy.deepcopy(ppr)
    for child in list(copy_):
        if child.tag in (_w("sectPr"), _w("pPrChange")):
            copy_.remove(child)
    rpr = copy_.find(RPR)
    if rpr is not None:
        for child in list(rpr):
            if child.tag in (INS, DEL, _w("moveFrom"), _w("moveTo"), _w("rPrChange")):
                rpr.remove(child)
    return copy_
