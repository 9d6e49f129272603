"""Runs and paragraphs of marked-up text: the clean writer's (`Writer`, Word footnotes
numbered as Word numbers them) and the static documents' (`Static`: the comparison and
the compilation text, whose changes are formatting, never revisions).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
import re

from lxml.etree import _Element

from drafttool.model import Footnote, Kind, Paragraph, Round, SegmentKind
from drafttool.renderers.docx.lists import INDENT
from drafttool.renderers.docx.package import (
    CT_CORE_PROPERTIES, CT_FOOTNOTES, CT_SETTINGS, CT_STYLES, REL_CORE_PROPERTIES, REL_FOOTNOTES, REL_SETTINGS,
    REL_STYLES, DocxPackage, Footnotes, RunFormat, core_properties_xml, footnote_paragraph, footnote_reference_run,
    make, make_document, make_paragraph, make_run, make_run_like, properties_template,
)
from drafttool.renderers.docx.styles import settings_xml, styles_xml
from drafttool.text import labels, markup
from drafttool.wordml import qn


EQUAL_KIND, DELETE_KIND, INSERT_KIND = SegmentKind.EQUAL, SegmentKind.DELETE, SegmentKind.INSERT


_MARKUP = re.compile(r"[*\\[]")


@dataclass
class Writer:
    round_: Round
    rtl: bool = False
    east_asian: bool = False
    footnotes: Footnotes = field(default_factory=Footnotes)
    by_id: dict[str, Footnote] = field(default_factory=dict)
    order: dict[str, int] = field(default_factory=dict)
    """Footnote id → its w:id, by its place in the round."""
    formats: dict[tuple[bool, bool], RunFormat] = field(default_factory=dict)
    """(bold, italic) → the run format, right-to-left or East Asian as the language is."""
    templates: dict[tuple[bool, bool], _Element | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for bold in (False, True):
            for italic in (False, True):
                fmt = RunFormat(bold=bold, italic=italic, rtl=self.rtl, east_asian=self.east_asian)
                self.formats[(bold, italic)] = fmt
                self.templates[(bold, italic)] = properties_template(fmt)
    written: set[str] = field(default_factory=set)
    next_number: int = 1
    """The number Word gives the next automatically numbered footnote."""

    def runs(self, text: str, paragraph: _Element, *, in_footnote: bool = False) -> None:
        """Append the runs of marked-up text to `paragraph`."""
        if not _MARKUP.search(text):  # most paragraphs are plain: skip the parser
            paragraph.append(make_run_like(text, self.templates[(False, False)]))
            return
        for run in markup.parse(text):
            fmt = self.formats[(run.bold, run.italic)]
            if run.footnote is None:
                paragraph.append(make_run_like(run.text, self.templates[(run.bold, run.italic)]))
            elif in_footnote:  # Word has no footnote inside a footnote: show its mark
                note = self.by_id.get(run.footnote)
                paragraph.append(make_run(note.label if note else "", RunFormat(
                    bold=run.bold, italic=run.italic, rtl=self.rtl, superscript=True)))
            else:
                reference = self.reference(run.footnote, fmt)
                if reference is not None:
                    paragraph.append(reference)

    def reference(self, footnote_id: str, fmt: RunFormat) -> _Element | None:
        """A footnote reference run, and the footnote itself in footnotes.xml.

        Word numbers footnotes in order of reference, and custom-marked ones are not
        counted (17.11.14), so a label that is not the next number is written as a mark.
        The footnotes are kept in the round's order in footnotes.xml (w:id 1, 2… for its
        first references; a second reference to one gets a copy with a later id).
        """
        note = self.by_id.get(footnote_id)
        if note is None:
            return None
        first = footnote_id not in self.written
        automatic = first and note.label in ("", str(self.next_number))
        mark = "" if automatic else (note.label or "*")
        if automatic:
            self.next_number += 1
        self.written.add(footnote_id)
        body = footnote_paragraph(custom_mark=mark, bidi=self.rtl, rtl=self.rtl)
        self.runs(note.text, body, in_footnote=True)
        word_id = self.footnotes.add([body], self.order[footnote_id] if first else self.copies())
        return footnote_reference_run(word_id, custom_mark=mark, fmt=fmt)

    def copies(self) -> int:
        """The w:id of the next copy of an already written footnote: after the round's own."""
        return max([len(self.order), *self.footnotes.bodies]) + 1

    def paragraph(self, style: str = "", *, num: tuple[int, int] | None = None,
                  indent: tuple[int, int] | None = None, keep_next: bool = False) -> _Element:
        return make_paragraph(style, num=num, bidi=self.rtl, indent=indent, keep_next=keep_next)

    def typed_label(self, paragraph: _Element, label: str) -> None:
        paragraph.append(make_run(label + "\t", RunFormat(rtl=self.rtl, east_asian=self.east_asian)))


@dataclass
class Static:
    """Run and paragraph builders shared by the comparison and the compilation text."""

    language: str
    rtl: bool = False
    east_asian: bool = False
    footnotes: Footnotes = field(default_factory=Footnotes)
    note_texts: dict[str, Footnote] = field(default_factory=dict)
    note_pieces: dict[str, tuple[object, ...]] = field(default_factory=dict)
    """Footnote id → what its body shows (compilation: its pieces); else its text."""
    real_notes: bool = False
    """Word footnotes for references (compilation); else the label as superscript text."""
    labels: dict[str, str] = field(default_factory=dict)
    notes_body: Callable[[str], list[_Element]] | None = None

    def fmt(self, run: markup.Run, kind: str = "text", *, style: str = "") -> RunFormat:
        inserted, deleted = kind == "insert", kind == "delete"
        return RunFormat(bold=run.bold or inserted, italic=run.italic, underline=inserted, strike=deleted,
                         style=style or ("InsertedText" if inserted else "DeletedText" if deleted else ""),
                         rtl=self.rtl, east_asian=self.east_asian)

    def runs(self, runs: list[markup.Run], kind: str = "text", *, in_note: bool = False) -> list[_Element]:
        out: list[_Element] = []
        for run in runs:
            if run.footnote is None:
                if run.text:
                    out.append(make_run_like(run.text, properties_template(self.fmt(run, kind))))
            elif self.real_notes and not in_note and run.footnote in self.note_texts and self.notes_body:
                note = self.note_texts[run.footnote]
                mark = "" if not note.label or note.label.isdigit() else note.label
                body = footnote_paragraph(custom_mark=mark, bidi=self.rtl, rtl=self.rtl)
                body.extend(self.notes_body(run.footnote))
                word_id = self.footnotes.add([body])
                out.append(footnote_reference_run(word_id, custom_mark=mark, fmt=self.fmt(run, kind)))
            else:
                label = self.labels.get(run.footnote, "")
                fmt = self.fmt(run, kind)
                out.append(make_run(label, replace(fmt, superscript=True)))
        return out

    def text(self, text: str, kind: str = "text", *, in_note: bool = False) -> list[_Element]:
        runs, _, _ = markup.parse_from(text, False, False)
        return self.runs(runs, kind, in_note=in_note)

    def words(self, text: str, *, style: str = "", bold: bool = False, italic: bool = False) -> _Element:
        return make_run(text, RunFormat(bold=bold, italic=italic, style=style, rtl=self.rtl,
                                        east_asian=self.east_asian))

    def paragraph(self, style: str = "", *, indent: tuple[int, int] | None = None,
                  keep_next: bool = False, shading: str = "") -> _Element:
        element = make_paragraph(style, bidi=self.rtl, indent=indent, keep_next=keep_next)
        if shading:
            ppr = element.find(qn("w:pPr"))
            if ppr is None:
                ppr = _first_child(element, "w:pPr")
            shd = make("w:shd", {"w:val": "clear", "w:color": "auto", "w:fill": shading})
            after = next((c for c in ppr if c.tag in (qn("w:bidi"), qn("w:ind"), qn("w:jc"))), None)
            if after is None:
                ppr.append(shd)
            else:
                after.addprevious(shd)
        return element


def _first_child(parent: _Element, tag: str) -> _Element:
    """A new element `tag` put first in `parent`."""
    element = make(tag)
    parent.insert(0, element)
    return element


def label_indent(kind: Kind, level: int) -> tuple[int, int]:
    depth = level if kind is Kind.SUBPARAGRAPH else 0
    return INDENT * (depth + 1), INDENT


def static_package(body: list[_Element], static: Static, *, title: str, subject: str = "", head: str = "") -> bytes:
    """The package of a document read, not reviewed; `head` is its running head (the page
    numbers are on every page)."""
    from drafttool.renderers.docx.running import add_running_head

    package = DocxPackage()
    document = make_document(body, rtl=static.rtl)
    add_running_head(package, document, head, rtl=static.rtl)
    package.add_document(document)
    package.add_word_part("styles.xml", styles_xml(static.language), CT_STYLES, REL_STYLES)
    package.add_word_part("settings.xml", settings_xml(footnotes=bool(static.footnotes)), CT_SETTINGS, REL_SETTINGS)
    if static.footnotes:
        package.add_word_part("footnotes.xml", static.footnotes.to_xml(), CT_FOOTNOTES, REL_FOOTNOTES)
    package.add("docProps/core.xml", core_properties_xml(title=title, language=static.language, subject=subject),
                CT_CORE_PROPERTIES, REL_CORE_PROPERTIES)
    return package.to_bytes()


def by_text(by: tuple[str, ...]) -> str:
    return f" ({', '.join(by)})" if by else ""


def name_of(paragraph: Paragraph) -> str:
    """A paragraph named in 'moved from after …': its label, or its first words."""
    if paragraph.label:
        return paragraph.label
    words = markup.plain(paragraph.text).split()
    head = " ".join(words[:5])[:40]
    return f"“{head}…”" if len(words) > 5 else f"“{head}”"
