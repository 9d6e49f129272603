"""A redline written into the delegation's own document: the old .docx, opened and saved
with python-docx, its paragraphs revised in place.

Every part of the file stays as it was — sections with their own page setup (a landscape
annex after a portrait body), styles and direct formatting, numbering, tables, headers,
footers, comments, footnotes and endnotes, custom note marks, settings — because nothing is
rebuilt: the words of each changed paragraph are cut at the run boundaries of the change,
the old words wrapped in `w:del` (their `w:t` turned into `w:delText`), the new ones added in
`w:ins` runs that copy the formatting of the run they follow.  A paragraph the new round adds
copies the paragraph properties of an old paragraph of its kind and level, numbering
included, so that Word numbers it (no typed label); a split inserts a paragraph mark, a
merge deletes one (ECMA-376 17.13.5.15–16).  Footnote and endnote bodies are revised in
their own parts the same way.

Who: a revision's `w:author` is the first delegation that proposed it; when others proposed
it with that delegation, a comment on the revision by the same author names them all
('Proposed by AfG, G77'), so that Word's reviewer filter lists each delegation once and
still nobody is left out.  What no proposal explains is the Chair's.

python-docx opens and saves the package (its parts, relationships and content types);
lxml edits the XML, since python-docx has no API for revisions.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from lxml import etree
from lxml.etree import _Element

from drafttool.errors import InputError
from drafttool.model import ChangeOp, Comparison, NoteKind, Paragraph, ParagraphChange, Round, Scope, Segment, SegmentKind
from drafttool.renderers.docx.cutting import (
    DEL, ID, INS, NOTE, P, PPR, R, RPR, TXBX, Stamp, StampOf, Unit, _clean_properties, _Edit, _format_run, _Ids,
    _inside, _insertion, _w, change_units, paragraph_atoms, revise,
)
from drafttool.renderers.docx.revisions import word_date
from drafttool.text import markup


# ----------------------------------------------------------------------------- notes

class NoteMaker:
    """Note bodies of the new round that inserted text refers to, added to the file's
    footnotes part (all of their text inserted), and revisions of existing note bodies."""

    def __init__(self, edit: _Edit, parts: dict[str, _Element], new: Round) -> None:
        self.edit = edit
        self.parts = parts
        self.texts = {note.id: note for note in new.footnotes}
        self.made: dict[str, tuple[str, str]] = {}

    def __call__(self, note_id: str, stamp: Stamp | None) -> tuple[str, str] | None:
        if note_id in self.made:
            return self.made[note_id]
        note = self.texts.get(note_id)
        kind = "endnote" if note is not None and note.kind is NoteKind.ENDNOTE else "footnote"
        root = self.parts.get(f"{kind}s")
        if root is None or note is None:
            return None
        stamp = stamp or self.edit.stamps.stamp(())
        numbers = [int(n.get(ID, "0")) for n in root if n.get(ID, "0").lstrip("-").isdigit()]
        word_id = str(max(numbers, default=0) + 1)
        body = etree.SubElement(root, _w(kind))
        body.set(ID, word_id)
        sample = next((n for n in root if n.get(_w("type"), "normal") == "normal" and n is not body
                       and n.find(P) is not None), None)
        paragraph = etree.SubElement(body, P)
        sample_p = sample.find(P) if sample is not None else None
        if sample_p is not None and sample_p.find(PPR) is not None:
            paragraph.append(_clean_properties(sample_p.find(PPR)))  # type: ignore[arg-type]
        wrapper = self.edit.stamped(INS, stamp)
        paragraph.append(wrapper)
        mark_run = etree.SubElement(wrapper, R)
        mark_rpr = etree.SubElement(mark_run, RPR)
        etree.SubElement(mark_rpr, _w("vertAlign")).set(_w("val"), "superscript")
        etree.SubElement(mark_run, _w(f"{kind}Ref"))
        for run in markup.parse(" " + note.text):
            if run.text:
                wrapper.append(_format_run(None, run.text, run.bold, run.italic, (False, False)))
        self.edit.mark(paragraph, "insert", stamp)
        self.made[note_id] = (kind, word_id)
        return self.made[note_id]


# ----------------------------------------------------------------------------- the redline

_REVISION_TAGS = frozenset(_w(name) for name in ("ins", "del", "moveFrom", "moveTo"))


def _refuse_revised(body: _Element) -> None:
    """Refuse a document that already holds tracked changes, in one line naming the first
    paragraph that has one and whose they are.

    Revisions written over revisions would mix two reviews: Word lets a reviewer accept or
    reject the old ones and ours alike, and nothing says which text the comparison was made
    against (the reader read the old document with its changes accepted).  The delegation
    settles its own changes first, in Word, then the redline shows only the new round's."""
    for number, paragraph in enumerate(body.iter(P), start=1):
        found = next((element for element in paragraph.iter() if element.tag in _REVISION_TAGS), None)
        if found is None:
            continue
        authors = sorted({element.get(_w("author"), "") for element in body.iter() if element.tag in
                          _REVISION_TAGS} - {""})
        count = sum(1 for element in body.iter() if element.tag in _REVISION_TAGS)
        raise InputError(
            f"the old document already holds {count} tracked change{'s' if count != 1 else ''}"
            f"{' by ' + ', '.join(authors) if authors else ''}; accept or reject them in Word, save, and redline "
            "again", place=f"paragraph {number}")

def render_inplace_docx(base: bytes, comparison: Comparison, old: Round, new: Round, *, layout: Any = None,
                        dates: dict[str, str] | None = None, date: str | None = None) -> bytes:
    """The old .docx (`base`, the file `old` was read from) with the comparison's changes
    written into it as Word revisions; every other part of the file kept as it was.
    `layout` is the file's `readers.docx.DocxLayout` (each record's `w:pPr` in the reader's
    copy of the file, and which labels are typed), handed over as a value; without it the
    paragraphs are found by their words and no label is taken for typed."""
    import docx

    document = docx.Document(io.BytesIO(base))
    body = document.element.body
    _refuse_revised(body)
    parts = _note_parts(document)
    ids = _Ids(max([_max_id(body), *(_max_id(root) for root, _ in parts.values())], default=0) + 1)
    edit = _Edit(ids, StampOf(dates or {}, word_date(date or new.date or old.date or "")))
    elements = _elements_of(layout.properties if layout is not None else {}, body, old)
    notes = NoteMaker(edit, {name: root for name, (root, _) in parts.items()}, new)
    typed = frozenset(layout.typed_labels) if layout is not None else frozenset()
    cursor: _Element | None = None
    by_new: dict[str, _Element] = {}
    for change in comparison.changes:
        edit.stamps.change = change
        found = [elements[p.id] for p in change.old if p.id in elements]
        if change.op in (ChangeOp.UNCHANGED, ChangeOp.RENUMBERED):
            if found:
                _relabel(edit, change, found[0], typed)
                cursor = found[-1]
            continue
        if change.op is ChangeOp.MOVED or change.op is ChangeOp.DELETED or (change.old and not found):
            for element in found:
                revise(edit, [element], [Unit(SegmentKind.DELETE, a.char, stamp=edit.stamps.stamp(change.by or ()))
                                         for a in paragraph_atoms(element)])
                edit.mark(element, "delete", edit.stamps.stamp(change.by or (), change.proposals))
            if change.op is ChangeOp.DELETED:
                cursor = found[-1] if found else cursor
                continue
        if change.op in (ChangeOp.INSERTED, ChangeOp.MOVED) or not found:
            for paragraph in change.new:
                cursor = _add_paragraph(edit, paragraph, change, cursor, body, elements, by_new, new, typed, notes)
            continue
        units = change_units(change.segments, edit.stamps)
        revise(edit, found, units, notes)
        cursor = found[-1]
        for paragraph in change.new:
            by_new[paragraph.id] = found[-1]
    for footnote in comparison.footnotes:
        if footnote.op is not ChangeOp.EDITED or footnote.old is None:
            continue
        part = parts.get("endnotes" if footnote.old.kind is NoteKind.ENDNOTE else "footnotes")
        if part is None:
            continue
        # The note's body: the one whose words are the old note's (its mark left out).
        words = markup.plain(footnote.old.text).strip()
        body_of = next((n for n in part[0] if n.get(_w("type"), "normal") == "normal" and words and
                        "".join(a.char for p in n.iter(P) for a in paragraph_atoms(p)).strip().endswith(words)), None)
        if body_of is not None:
            edit.stamps.change = None
            revise(edit, list(body_of.iter(P)), change_units(footnote.segments, edit.stamps), None)
    _comment(document, edit)
    for note_root, note_part in parts.values():
        _store(note_part, note_root)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _max_id(root: _Element) -> int:
    values = [int(value) for element in root.iter() if isinstance(element.tag, str)
              for value in [element.get(ID)] if value is not None and value.isdigit()]
    return max(values, default=0)


def _note_parts(document) -> dict[str, tuple[_Element, object]]:  # type: ignore[no-untyped-def]
    """The footnotes and endnotes parts of the file: their XML and the part holding it."""
    out: dict[str, tuple[_Element, object]] = {}
    for rel in document.part.rels.values():
        kind = rel.reltype.rsplit("/", 1)[-1]
        if kind in ("footnotes", "endnotes") and not rel.is_external:
            part = rel.target_part
            root = part.element if hasattr(part, "element") else etree.fromstring(part.blob)
            out[kind] = (root, part)
    return out


def _store(part, root: _Element) -> None:  # type: ignore[no-untyped-def]
    if not hasattr(part, "element"):
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


_NO_PARAGRAPH = (Scope.TABLE, Scope.ROW, Scope.CELL)


def _candidates(body: _Element) -> list[_Element]:
    """The paragraphs of the body the reader reads, in order (text boxes left out)."""
    return [p for p in body.iter(P) if not _inside(p, (TXBX,), body)]


def _elements_of(properties: dict[str, _Element | None], body: _Element, old: Round) -> dict[str, _Element]:
    """Paragraph record id → its `w:p` in the document being edited: through the reader's
    own `w:pPr` of the record where it has one, else by its words, in order."""
    ours = _candidates(body)
    theirs: dict[int, int] = {}
    # lxml makes a Python proxy for a node on each access: ids are stable only while the
    # proxies live, so the reader's paragraphs are kept in a list for as long as ids are used.
    kept: list[_Element] = []
    out: dict[str, _Element] = {}
    after = 0
    for paragraph in old.paragraphs:
        if paragraph.scope in _NO_PARAGRAPH:
            continue  # a table, row or cell record has no `w:p` of its own: its paragraphs do
        ppr = properties.get(paragraph.id)
        index = None
        if ppr is not None:
            if not theirs:
                kept = _candidates(ppr.getroottree().getroot())
                theirs = {id(p): k for k, p in enumerate(kept)}
            index = theirs.get(id(ppr.getparent()))
        if index is None:
            words = markup.plain(paragraph.text).strip()
            index = next((k for k in range(after, len(ours))
                          if "".join(a.char for a in paragraph_atoms(ours[k]) if a.char != NOTE).strip()
                          .endswith(words)), None)
        if index is not None and index < len(ours):
            out[paragraph.id] = ours[index]
            after = index + 1
    return out


def _relabel(edit: _Edit, change: ParagraphChange, element: _Element, typed: frozenset[str]) -> None:
    """A typed label that changed ('12.' → '13.') as a deletion and an insertion by the Chair."""
    before, after = change.old[0], change.new[0] if change.new else None
    if after is None or before.id not in typed or not before.label or before.label == after.label:
        return
    stamp = edit.stamps.stamp(())
    atoms = paragraph_atoms(element)
    text = "".join(a.char for a in atoms)
    start = text.find(before.label)
    if start < 0:
        return
    units = [Unit(SegmentKind.EQUAL, c) for c in text[:start]]
    units += [Unit(SegmentKind.DELETE, c, stamp=stamp) for c in before.label]
    units += [Unit(SegmentKind.INSERT, c, stamp=stamp) for c in after.label]
    units += [Unit(SegmentKind.EQUAL, c) for c in text[start + len(before.label):]]
    revise(edit, [element], units)


def _donor(paragraph: Paragraph, new: Round, by_new: dict[str, _Element], elements: dict[str, _Element],
           cursor: _Element | None) -> _Element | None:
    """The old paragraph whose properties a new one copies: the nearest of its kind and
    level in the new round that the old file has (its numbering then numbers the new one)."""
    order = list(new.paragraphs)
    index = next((k for k, p in enumerate(order) if p.id == paragraph.id), -1)
    for distance in range(1, len(order)):
        for k in (index - distance, index + distance):
            if 0 <= k < len(order) and k != index:
                other = order[k]
                if (other.kind, other.level) == (paragraph.kind, paragraph.level):
                    element = by_new.get(other.id)
                    element = element if element is not None else elements.get(other.id)
                    if element is not None:
                        return element
    return cursor


def _add_paragraph(edit: _Edit, paragraph: Paragraph, change: ParagraphChange, cursor: _Element | None,
                   body: _Element, elements: dict[str, _Element], by_new: dict[str, _Element], new: Round,
                   typed: frozenset[str], notes: NoteMaker) -> _Element:
    """A paragraph of the new round, all of it inserted, after `cursor`."""
    donor = _donor(paragraph, new, by_new, elements, cursor)
    stamp = edit.stamps.stamp(change.by or (), change.proposals)
    element = etree.Element(P)
    ppr = donor.find(PPR) if donor is not None else None
    if ppr is not None:
        element.append(_clean_properties(ppr))
    text = paragraph.text
    donor_id = next((pid for pid, e in elements.items() if e is donor), None)
    if paragraph.label and donor_id in typed:
        text = markup.escape(paragraph.label) + " " + text
    segments = (Segment(SegmentKind.INSERT, text, by=change.by,
                        proposal=change.proposals[0] if change.proposals else None),)
    units = change_units(segments, edit.stamps)
    atoms = paragraph_atoms(donor) if donor is not None else []
    template_atoms = [a for a in atoms if a.char not in (NOTE,)][-1:] if atoms else []
    element.extend(_insertion(edit, units, template_atoms, len(template_atoms), notes))
    edit.mark(element, "insert", stamp)
    if cursor is not None:
        cursor.addnext(element)
    else:
        first = body.find(P)
        if first is not None:
            first.addprevious(element)
        else:
            body.insert(0, element)
    by_new[paragraph.id] = element
    return element


def _comment(document, edit: _Edit) -> None:  # type: ignore[no-untyped-def]
    """For each span proposed by several delegations, a comment by its author naming them
    all, anchored on the span's revisions in each paragraph."""
    if not edit.comments:
        return
    spans: dict[tuple[int, int], list[_Element]] = {}
    stamps: dict[int, Stamp] = {}
    kept: list[_Element] = []  # the paragraphs' proxies, alive while their ids are keys
    for first, _, stamp in edit.comments:
        if first.getparent() is None:
            continue
        paragraph = first.getparent()
        while paragraph is not None and paragraph.tag != P:
            paragraph = paragraph.getparent()
        if paragraph is None or _inside(first, (PPR,), paragraph):
            continue
        kept.append(paragraph)
        spans.setdefault((id(paragraph), id(stamp)), []).append(first)
        stamps[id(stamp)] = stamp
    for (_, stamp_key), revisions in spans.items():
        stamp = stamps[stamp_key]
        by = edit.stamps.cosigned[stamp_key]
        comment = document.comments.add_comment(text=f"Proposed by {', '.join(by)}", author=stamp.author,
                                                initials=stamp.author[:3])
        comment_id = str(comment.comment_id)
        start = etree.Element(_w("commentRangeStart"))
        start.set(ID, comment_id)
        end = etree.Element(_w("commentRangeEnd"))
        end.set(ID, comment_id)
        revisions[0].addprevious(start)
        revisions[-1].addnext(end)
        reference = etree.Element(R)
        etree.SubElement(etree.SubElement(reference, RPR), _w("rStyle")).set(_w("val"), "CommentReference")
        etree.SubElement(reference, _w("commentReference")).set(ID, comment_id)
        end.addnext(reference)


def iter_revisions(root: _Element) -> Iterator[_Element]:
    """Every revision element of a part (for checks)."""
    for tag in (INS, DEL, _w("moveFrom"), _w("moveTo"), _w("rPrChange"), _w("pPrChange")):
        yield from root.iter(tag)
