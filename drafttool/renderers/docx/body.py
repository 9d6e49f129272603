"""The paragraphs of a tracked-changes document written out, one `marks.Out` each: its
properties (and their change), its typed labels, its content and its revised mark.

Takes the writer (`tracked._Tracked`: its revisions, stamps and run formats), the output
paragraphs and the numbering each takes; returns the `w:body` children and the text of
the paragraphs written as text (`fragments`): a paragraph whose content is all text — most
of a long document — is written as text, any other (a footnote reference, a format change,
a move range, properties from an old .docx) as an element, its text parsed back.  Both
ways take revision ids in one order, so the document's bytes do not depend on which way a
paragraph went.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree
from lxml.etree import _Element

from drafttool.model import Paragraph
from drafttool.renderers.docx.fragments import as_elements, paragraph_properties_xml, placeholder, run_xml
from drafttool.renderers.docx.marks import OldLayout, Out, default_key, default_properties
from drafttool.renderers.docx.package import make_paragraph, make_run_like
from drafttool.renderers.docx.revisions import Stamp
from drafttool.wordml import qn

if TYPE_CHECKING:
    from drafttool.renderers.docx.tracked import _Tracked


def write_body(tracked: _Tracked, outs: list[Out], placed: dict[int, tuple[int, int]],
               layout: OldLayout | None) -> tuple[list[_Element], list[str]]:
    """The body's paragraphs, a placeholder standing for each row of paragraphs written as
    text, and the text of each row (for `fragments.fill_placeholders`)."""
    rtl = tracked.rtl
    body: list[_Element] = []
    fragments: list[list[str]] = []
    for position, out in enumerate(outs):
        written = _paragraph_xml(tracked, out, outs, position, placed) if layout is None else None
        if written is not None:
            # Paragraphs written as text in a row share one placeholder.
            if body and fragments and body[-1].tag is etree.Comment:
                fragments[-1].append(written)
            else:
                body.append(placeholder(len(fragments)))
                fragments.append([written])
            continue
        if layout is not None:
            element = make_paragraph()
            if out.ppr is not None:
                element.append(out.ppr)
            if out.old_ppr is not None and etree.tostring(out.old_ppr) != (
                    etree.tostring(out.ppr) if out.ppr is not None else b""):
                tracked.revisions.properties_changed(element, out.old_ppr, tracked.chair)
        elif out.style:
            element = make_paragraph(out.style, bidi=rtl)
        else:
            paragraph = out.new or out.old
            typed = bool(paragraph is not None and paragraph.label and position not in placed)
            element = default_properties(paragraph, placed.get(position), rtl, typed)
            if out.old is not None and out.new is not None and (out.shifted or (
                    out.old.kind, out.old.level, bool(out.old.label)) != (out.new.kind, out.new.level,
                                                                           bool(out.new.label))):
                before = default_properties(out.old, placed.get(position), rtl,
                                             bool(out.old.label and position not in placed))
                ours, theirs = element.find(_PPR_TAG), before.find(_PPR_TAG)
                if (etree.tostring(ours) if ours is not None else b"") != (
                        etree.tostring(theirs) if theirs is not None else b""):
                    # The paragraph changed kind (a heading merged into the title): rejecting
                    # the change gives its old style back (17.13.5.29).
                    tracked.revisions.properties_changed(element, theirs, tracked.chair)
        _typed_labels(tracked, out, outs, position, element)
        element.extend(as_elements(out.content))
        if out.mark != "equal":
            assert out.mark_stamp is not None
            tracked.revisions.mark_paragraph(element, out.mark, out.mark_stamp)  # type: ignore[arg-type]
        body.append(element)
    return body, ["".join(row) for row in fragments]


def _paragraph_xml(tracked: _Tracked, out: Out, outs: list[Out], position: int,
                   placed: dict[int, tuple[int, int]]) -> str | None:
    """An output paragraph as text (`fragments`), as the element path writes it: properties,
    their change, the typed labels, the revised mark, the content, revision ids taken in
    the same order; None where the content holds an element (a footnote reference, a
    format change, a move range), which the element path writes."""
    content = out.content
    for item in content:
        if not isinstance(item, str):
            return None
    rtl = tracked.rtl
    changed = ""
    if out.style:
        properties = paragraph_properties_xml((out.style, None, rtl, None, False))
    else:
        old, new = out.old, out.new
        paragraph = new or old
        num = placed.get(position)
        properties = paragraph_properties_xml(default_key(
            paragraph, num, rtl, paragraph is not None and bool(paragraph.label) and num is None))
        if old is not None and new is not None and (out.shifted or old.kind != new.kind or old.level != new.level or
                                                    bool(old.label) != bool(new.label)):
            before = paragraph_properties_xml(default_key(old, num, rtl, bool(old.label) and num is None))
            if before != properties:
                changed = tracked.revisions.properties_changed_xml(before, tracked.chair)
    inner = _labels_xml(tracked, out, outs, position) + "".join(content)  # type: ignore[arg-type]
    if out.mark != "equal":
        assert out.mark_stamp is not None
        properties += tracked.revisions.mark_xml(out.mark, out.mark_stamp)  # type: ignore[arg-type]
    properties += changed
    if properties:
        return f"<w:p><w:pPr>{properties}</w:pPr>{inner}</w:p>"
    return f"<w:p>{inner}</w:p>" if inner else "<w:p/>"


def _labels_xml(tracked: _Tracked, out: Out, outs: list[Out], position: int) -> str:
    """The typed labels (`_labels`) as text, as `_typed_labels` writes them."""
    old_label, new_label, stamp = _labels(tracked, out, outs, position)
    properties = tracked.plain_xml
    if old_label == new_label:
        return run_xml(old_label + "\t", properties) if old_label else ""
    written = ""
    if old_label:
        written = tracked.revisions.wrap_xml("delete", run_xml(old_label + "\t", properties, "w:delText"), stamp)
    if new_label:
        written += tracked.revisions.wrap_xml("insert", run_xml(new_label + "\t", properties), stamp)
    return written


def _labels(tracked: _Tracked, out: Out, outs: list[Out], position: int) -> tuple[str, str, Stamp]:
    """The labels Word does not number, typed before the text: the old round's where an old
    paragraph starts, the new round's where a new one starts, and who changed them (the
    paragraph's insertion or deletion, else the chair)."""
    def auto(paragraph: Paragraph, view: str) -> bool:
        # The paragraph's mark may be further on (a paragraph split in several outputs, or a
        # mark shifted past inserted paragraphs).
        for k in range(position, len(outs)):
            candidate = outs[k]
            if (candidate.old if view == "old" else candidate.new) is paragraph:
                return candidate.old_auto if view == "old" else candidate.new_auto
            if candidate.change != out.change and not candidate.shifted and not (
                    candidate.mark != "equal" and k > position):
                break
        return False

    # Most paragraphs start and end in one output paragraph, whose mark says it at once.
    old_label = new_label = ""
    starts_old, starts_new = out.starts_old, out.starts_new
    if starts_old is not None and starts_old.label and not (
            out.old_auto if out.old is starts_old else auto(starts_old, "old")):
        old_label = starts_old.label
    if starts_new is not None and starts_new.label and not (
            out.new_auto if out.new is starts_new else auto(starts_new, "new")):
        new_label = starts_new.label
    return old_label, new_label, out.label_stamp or tracked.chair


def _typed_labels(tracked: _Tracked, out: Out, outs: list[Out], position: int, element: _Element) -> None:
    """The typed labels (`_labels`) as runs appended to the paragraph; a changed label is a
    revision."""
    old_label, new_label, stamp = _labels(tracked, out, outs, position)
    if not old_label and not new_label:
        return
    fmt = tracked.builder.template(False, False)
    if old_label == new_label:
        element.append(make_run_like(old_label + "\t", fmt))
        return
    if old_label:
        element.append(tracked.revisions.deleted([make_run_like(old_label + "\t", fmt, "w:delText")], stamp))
    if new_label:
        element.append(tracked.revisions.inserted([make_run_like(new_label + "\t", fmt)], stamp))


_PPR_TAG = qn("w:pPr")
