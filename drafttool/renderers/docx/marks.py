"""The paragraphs of a tracked-changes document (`Out`) and their paragraph marks: where
inserted and deleted runs go, where a revised mark is put (as Word's Compare puts it),
which paragraphs Word numbers, and, over an old .docx, which properties each takes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from lxml.etree import _Element

from drafttool.model import Comparison, Kind, Paragraph, Round
from drafttool.renderers.docx.lists import INDENT, JointLists, list_level
from drafttool.renderers.docx.package import Numbering, make, make_paragraph
from drafttool.renderers.docx.revisions import Stamp, strip_revision_marks
from drafttool.wordml import qn



class OldLayout(Protocol):
    """What the tracked writer keeps of the old Word file, read by the reader and handed
    over as a value (`readers.docx.DocxLayout` is one): each old paragraph's `w:pPr`, the
    ids of paragraphs whose labels are typed, the styles, numbering, settings, font table
    and theme parts, and the section properties."""

    @property
    def properties(self) -> dict[str, _Element | None]: ...

    @property
    def typed_labels(self) -> frozenset[str]: ...

    @property
    def parts(self) -> dict[str, bytes]: ...

    @property
    def section(self) -> _Element | None: ...


@dataclass(slots=True)
class Out:
    """One paragraph of the tracked-changes document, ending with its paragraph mark."""

    content: list[_Element | str] = field(default_factory=list)
    """Runs and revisions, as elements or as text (`fragments`)."""
    mark: str = "equal"
    """'equal', or the `revisions.Mark` of the paragraph mark: 'insert', 'delete',
    'move-from', 'move-to'."""
    mark_stamp: Stamp | None = None
    old: Paragraph | None = None
    """The old round's paragraph whose mark this is (None where the mark is inserted)."""
    new: Paragraph | None = None
    """The new round's paragraph whose mark this is (None where the mark is deleted)."""
    starts_old: Paragraph | None = None
    """The old paragraph that starts here (its typed label goes here)."""
    starts_new: Paragraph | None = None
    label_stamp: Stamp | None = None
    """Who changed the typed label here (the paragraph's insertion or deletion, else the chair)."""
    change: int = -1
    """Index of the change in the comparison (-1 for the masthead)."""
    style: str = ""
    """A paragraph style given outright (masthead lines)."""
    ppr: _Element | None = None
    old_auto: bool = False
    new_auto: bool = False
    whole: bool = False
    """All of it is inserted (or deleted): a paragraph only one round has."""
    shifted: bool = False
    """Its mark was moved here from a kept paragraph before a run of inserted (or deleted)
    paragraphs (`shift_marks`): its old and new paragraphs are not the same one."""
    new_source: Paragraph | None = None
    """For a mark shifted past deleted paragraphs: the old paragraph whose properties the
    new round's paragraph has."""
    old_ppr: _Element | None = None
    """The properties of the old round's paragraph, where they differ (base files)."""


def deletions_first(outs: list[Out]) -> list[Out]:
    """Within each run of paragraphs that only one round has, the old round's before the
    new round's (each in its order): neither round sees the other's, so the order between
    them is free, and with the removed ones first every run can end on a kept mark."""
    out: list[Out] = []
    k = 0
    while k < len(outs):
        if not outs[k].whole:
            out.append(outs[k])
            k += 1
            continue
        end = k
        while end < len(outs) and outs[end].whole:
            end += 1
        run = outs[k:end]
        out += [o for o in run if o.mark in ("delete", "move-from")] + [o for o in run if o.mark not in (
            "delete", "move-from")]
        k = end
    return out


def shift_marks(outs: list[Out]) -> None:
    """Put the revision of a run of inserted (deleted) paragraphs on the paragraph mark of
    the kept paragraph before them, and keep the mark of the last one, as Word's Compare
    writes them: 'kept¶(inserted) new…¶' rather than 'kept¶ new…¶(inserted)'.

    Rejecting an inserted paragraph removes its mark and joins it with the next one; Word
    then keeps the next paragraph's properties, LibreOffice the removed one's — a heading
    after an inserted numbered paragraph became numbered in LibreOffice.  With the marks
    shifted, the paragraph that survives is the kept one in both programs: its text and
    the last mark, whose properties in the other round are recorded in a `w:pPrChange`."""
    # (Marks of moved paragraphs stay with their moves: LibreOffice does not join a paragraph
    # whose mark was shifted onto a kept one with a moved one when rejecting.)
    families = {"insert": "insert", "delete": "delete"}
    k = 1
    while k < len(outs):
        kind = families.get(outs[k].mark)
        before = outs[k - 1]
        if kind is None or before.mark != "equal" or before.style or not outs[k].whole:
            k += 1
            continue
        end = k
        while end + 1 < len(outs) and families.get(outs[end + 1].mark) == kind and outs[end + 1].whole:
            end += 1
        run = outs[k:end + 1]
        stamps = [out.mark_stamp for out in run]
        before.mark, before.mark_stamp = kind, stamps[0]
        for out, stamp in zip(run, stamps[1:]):
            out.mark, out.mark_stamp = kind, stamp
        last = run[-1]
        last.mark, last.mark_stamp, last.shifted = "equal", None, True
        if kind == "insert":
            last.old, before.old = before.old, None
        else:
            last.new, before.new = before.new, None
            last.new_source = before.old
        k = end + 1


def _list_key(paragraph: Paragraph, round_: Round, level: int, change_of: dict[str, int]) -> object:
    """The chapeau a list item is counted under, as the change holding it (one key for
    both views when the chapeau is the same paragraph in both)."""
    chapeau = paragraph.parent or ""
    if level == 2 and chapeau:
        parent = round_.paragraph(chapeau)
        chapeau = (parent.parent if parent is not None else None) or chapeau
    return change_of.get(chapeau, chapeau)


def decide_numbering(outs: list[Out], old: Round, new: Round, numbering: Numbering,
                      templates: tuple[str, str, str], comparison: Comparison) -> dict[int, tuple[int, int]]:
    """For each output paragraph (by position), the Word numbering that shows its labels in
    both views, where there is one; sets `old_auto`/`new_auto` on the paragraphs."""
    lists = JointLists(numbering, templates)
    old_change = {p.id: k for k, c in enumerate(comparison.changes) for p in c.old}
    new_change = {p.id: k for k, c in enumerate(comparison.changes) for p in c.new}
    placed: dict[int, tuple[int, int]] = {}
    for position, out in enumerate(outs):
        wanted: dict[str, tuple[int, str]] = {}
        keys = set()
        usable = True
        for view, paragraph, round_, change_of in (("old", out.old, old, old_change), ("new", out.new, new, new_change)):
            if paragraph is None or out.style:
                continue
            level = list_level(paragraph)
            if level is None:
                usable = False
                break
            wanted[view] = (level, paragraph.label)
            keys.add(_list_key(paragraph, round_, level, change_of) if level else 0)
        if not usable or not wanted or len(keys) != 1:
            continue
        found = lists.place(wanted, keys.pop())
        if found is not None:
            placed[position] = found
            out.old_auto = out.old is not None
            out.new_auto = out.new is not None
    return placed


ParagraphKey = tuple[str, tuple[int, int] | None, bool, tuple[int, int] | None, bool]
"""The properties `package.make_paragraph` takes: style, numbering, bidi, indentation, keep with next."""


def default_key(paragraph: Paragraph | None, num: tuple[int, int] | None, rtl: bool, typed: bool) -> ParagraphKey:
    """The properties of a paragraph written with the clean writer's styles and numbering."""
    if paragraph is None:
        return "", None, rtl, None, False
    if paragraph.kind is Kind.TITLE:
        return "Title", None, rtl, None, True
    if paragraph.kind is Kind.HEADING:
        return f"Heading{min(max(paragraph.level, 1), 3)}", None, rtl, None, True
    if num is not None:
        return "", num, rtl, None, False
    if typed and paragraph.label:
        depth = paragraph.level if paragraph.kind is Kind.SUBPARAGRAPH else 0
        return "", None, rtl, (INDENT * (depth + 1), INDENT), False
    return "", None, rtl, None, False


def default_properties(paragraph: Paragraph | None, num: tuple[int, int] | None, rtl: bool,
                        typed: bool) -> _Element:
    style, numbered, bidi, indent, keep_next = default_key(paragraph, num, rtl, typed)
    return make_paragraph(style, num=numbered, bidi=bidi, indent=indent, keep_next=keep_next)


def _donor(outs: list[Out], position: int, paragraph: Paragraph, layout: OldLayout) -> Out | None:
    """For a paragraph that the old file does not have: the nearest old paragraph of the same
    kind and level (a sibling under the same chapeau, for a subparagraph) whose properties
    it can take, so that Word numbers it in the same list."""
    def fits(candidate: Out) -> bool:
        other = candidate.old
        if other is None or other.kind is not paragraph.kind or other.level != paragraph.level:
            return False
        if other.id not in layout.properties:
            return False
        if paragraph.kind is Kind.SUBPARAGRAPH:
            return candidate.new is not None and candidate.new.parent == paragraph.parent
        return True

    for step in (-1, 1):
        k = position + step
        while 0 <= k < len(outs):
            if fits(outs[k]):
                return outs[k]
            k += step
    return None


_NUMPR = qn("w:numPr")


def base_properties(outs: list[Out], layout: OldLayout, rtl: bool) -> None:
    """Paragraph properties from the old file: each old paragraph's own `w:pPr`; a new one
    takes a neighbour's of the same kind (Word then numbers it in the same list)."""
    for position, out in enumerate(outs):
        if out.style:
            out.ppr = make_paragraph(out.style, bidi=rtl).find(qn("w:pPr"))
            continue
        if out.shifted:
            # The old round's paragraph here is not the new round's: the new one's
            # properties, the old one's kept in a w:pPrChange.
            if out.old is not None and out.old.id in layout.properties:
                source = layout.properties[out.old.id]
                out.old_ppr = strip_revision_marks(source) if source is not None else make("w:pPr")
                out.old_auto = bool(out.old.label) and out.old.id not in layout.typed_labels
            if out.new_source is not None and out.new_source.id in layout.properties:
                source = layout.properties[out.new_source.id]
                out.ppr = strip_revision_marks(source) if source is not None else make("w:pPr")
                out.new_auto = out.new is not None and bool(out.new_source.label) and \
                    out.new_source.id not in layout.typed_labels
            elif out.new is not None:
                _donor_properties(outs, position, out, out.new, layout, rtl)
            else:
                out.ppr, out.old_ppr = out.old_ppr, None
            continue
        if out.old is not None and out.old.id in layout.properties:
            source = layout.properties[out.old.id]
            out.ppr = strip_revision_marks(source) if source is not None else None
            out.old_auto = bool(out.old.label) and out.old.id not in layout.typed_labels
            out.new_auto = out.new is not None and out.old_auto
            continue
        _donor_properties(outs, position, out, out.new or out.old, layout, rtl)


def _donor_properties(outs: list[Out], position: int, out: Out, paragraph: Paragraph | None, layout: OldLayout,
                      rtl: bool) -> None:
    """A paragraph the old file lacks takes a neighbour's properties (see `_donor`)."""
    if True:
        donor = _donor(outs, position, paragraph, layout) if paragraph is not None else None
        if donor is not None and donor.old is not None:
            source = layout.properties[donor.old.id]
            out.ppr = strip_revision_marks(source) if source is not None else None
            auto = bool(donor.old.label) and donor.old.id not in layout.typed_labels and bool(paragraph.label)  # type: ignore[union-attr]
            if not auto and out.ppr is not None:
                for numpr in out.ppr.findall(_NUMPR):
                    out.ppr.remove(numpr)
            if not out.shifted:
                out.old_auto = out.old is not None and auto
            out.new_auto = out.new is not None and auto
        else:
            ppr = default_properties(paragraph, None, rtl, True).find(qn("w:pPr"))
            out.ppr = ppr
