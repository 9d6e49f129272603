"""Runs and paragraphs of marked-up text, built by one builder (`Runs`) for every Word
writer: the clean writer's (`Writer`), the static documents' (`Static`: the comparison and
the compilation text, whose changes are formatting, never revisions) and the tracked
writer's.  Footnotes are numbered by one rule (`NoteNumbers`); the spaces between a
changed span, its proposers and the next words by another (`spaced`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
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

GREY = "636363"
"""The colour of proposals decided against (rejected, withdrawn, merged) when every status
is shown, as the legend says: the pages' greyed colour, 6:1 on white."""

_MARKUP = re.compile(r"[*\\[]")

NoteHook = Callable[[markup.Run, RunFormat], "_Element | None"]
"""Makes the reference run of a footnote (and its body in footnotes.xml), or None to leave
the reference out."""


@dataclass
class NoteNumbers:
    """Word numbers footnotes itself, in order of reference, and does not count those with
    a custom mark (ECMA-376 17.11.14): a note whose label is the next number Word would give
    is numbered by Word, any other ('*', '10' after '8') is written as its label, so that a
    note reads in Word as it reads on the page and in HTML."""

    next_number: int = 1

    def mark(self, label: str, *, first: bool = True) -> str:
        """'' where Word's own number is the label, else the label as a custom mark."""
        if first and label in ("", str(self.next_number)):
            self.next_number += 1
            return ""
        return label or "*"


@dataclass
class Runs:
    """The one builder of Word runs: marked-up text as `w:r`s in a kind of text (kept,
    inserted, deleted), greyed or not, in `w:t` or `w:delText`; footnote references made
    by the writer's `note` hook, or shown as their label in superscript where there is no
    hook (inside a footnote: Word has no footnote inside a footnote; in the comparison,
    which shows notes as text)."""

    rtl: bool = False
    east_asian: bool = False
    labels: dict[str, str] = field(default_factory=dict)
    """Footnote id → its label, for notes shown as text."""
    _templates: dict[tuple[bool, bool, str, bool, str], _Element | None] = field(default_factory=dict)

    def format(self, bold: bool = False, italic: bool = False, kind: str = "text", *, grey: bool = False,
               style: str = "") -> RunFormat:
        """A run's format: inserted words bold and underlined, deleted words struck (each in
        its character style too), greyed where decided against."""
        inserted, deleted = kind == "insert", kind == "delete"
        return RunFormat(bold=bold or inserted, italic=italic, underline=inserted, strike=deleted,
                         style=style or ("InsertedText" if inserted else "DeletedText" if deleted else ""),
                         rtl=self.rtl, east_asian=self.east_asian, color=GREY if grey else "")

    def template(self, bold: bool, italic: bool, kind: str = "text", grey: bool = False,
                 style: str = "") -> _Element | None:
        key = (bold, italic, kind, grey, style)
        if key not in self._templates:
            self._templates[key] = properties_template(self.format(bold, italic, kind, grey=grey, style=style))
        return self._templates[key]

    def build(self, runs: Iterable[markup.Run], kind: str = "text", *, tag: str = "w:t", grey: bool = False,
              note: NoteHook | None = None) -> list[_Element]:
        """`w:r`s for runs; a footnote reference through `note`, else its label as text."""
        out: list[_Element] = []
        for run in runs:
            if run.footnote is None:
                if run.text:
                    out.append(make_run_like(run.text, self.template(run.bold, run.italic, kind, grey), tag))
            elif note is not None:
                reference = note(run, self.format(run.bold, run.italic, kind, grey=grey))
                if reference is not None:
                    out.append(reference)
            else:
                fmt = self.format(run.bold, run.italic, kind, grey=grey)
                out.append(make_run(self.labels.get(run.footnote, ""), replace(fmt, superscript=True), tag))
        return out

    def text(self, text: str, kind: str = "text", *, tag: str = "w:t", grey: bool = False,
             note: NoteHook | None = None) -> list[_Element]:
        """`w:r`s for marked-up text."""
        if not _MARKUP.search(text):  # most paragraphs are plain: skip the parser
            return [make_run_like(text, self.template(False, False, kind, grey), tag)] if text else []
        runs, _, _ = markup.parse_from(text, False, False)
        return self.build(runs, kind, tag=tag, grey=grey, note=note)

    def words(self, text: str, *, style: str = "", bold: bool = False, italic: bool = False,
              grey: bool = False) -> _Element:
        """One run of interface words (a label, an intro, the proposers)."""
        return make_run_like(text, self.template(bold, italic, "text", grey, style))


_CHANGED_STYLES = frozenset({"InsertedText", "DeletedText"})
_NOTE_STYLES = frozenset({"Proposers", "StatusTag"})
_T = qn("w:t")


def _style_of(run: _Element) -> str:
    style = run.find(f"{qn('w:rPr')}/{qn('w:rStyle')}")
    return style.get(qn("w:val"), "") if style is not None else ""


def _text_of(run: _Element) -> str:
    return "".join(t.text or "" for t in run.iter(_T))


def spaced(runs: list[_Element], *, east_asian: bool = False) -> list[_Element]:
    """The runs of a static paragraph (compilation, comparison) with the spaces a reader
    needs between spans: the space that ends a changed span is put after the proposers and
    status named after it ('et (RUS) [rejected] la dignité', not 'et  (RUS) [rejected]la'),
    a space follows the proposers where words come next ('(CHN) Reserves'), and struck words
    and the added words that replace them are parted by a plain space ('blue bonds such
    as'), as compilation texts print them.  Chinese, written without spaces, is left as it is."""
    out: list[_Element] = []
    k = 0
    while k < len(runs):
        run = runs[k]
        style = _style_of(run)
        notes_end = k + 1
        while notes_end < len(runs) and _style_of(runs[notes_end]) in _NOTE_STYLES:
            notes_end += 1
        if style in _CHANGED_STYLES and notes_end > k + 1:
            texts = list(run.iter(_T))
            trail = kept = ""
            if texts and texts[-1].text and texts[-1].text[-1:].isspace():
                whole = texts[-1].text
                kept = whole.rstrip()
                trail = whole[len(kept):]
                if kept:
                    texts[-1].text = kept
                    if not (kept[0].isspace() or kept[-1].isspace()):
                        texts[-1].attrib.pop(qn("xml:space"), None)
            out.append(run)
            out.extend(runs[k + 1:notes_end])
            following = runs[notes_end] if notes_end < len(runs) else None
            if trail and kept:
                out.append(make_run_like(trail, _plain_template(run)))
            elif following is not None and not east_asian and _starts_word(_text_of(following)):
                out.append(make_run_like(" ", _plain_template(run)))
            k = notes_end
            continue
        if style in _NOTE_STYLES and not east_asian and k + 1 < len(runs) and _style_of(runs[k + 1]) not in \
                _NOTE_STYLES and _starts_word(_text_of(runs[k + 1])):
            out.append(run)
            out.append(make_run_like(" ", _plain_template(run)))
            k += 1
            continue
        out.append(run)
        if style == "DeletedText" and not east_asian and k + 1 < len(runs) and \
                _style_of(runs[k + 1]) == "InsertedText":
            before, after = _text_of(run), _text_of(runs[k + 1])
            if before[-1:] and not before[-1:].isspace() and after[:1] and not after[:1].isspace():
                out.append(make_run_like(" ", _plain_template(run)))
        k += 1
    return out


def _starts_word(text: str) -> bool:
    return bool(text) and text[0].isalnum()


def _plain_template(run: _Element) -> _Element | None:
    """The run properties of a plain space next to `run`: its direction and script only."""
    rpr = run.find(qn("w:rPr"))
    if rpr is None:
        return None
    plain = make("w:rPr")
    for tag in ("w:rFonts", "w:rtl"):
        found = rpr.find(qn(tag))
        if found is not None:
            plain.append(found.__copy__())
    return plain if len(plain) else None


@dataclass
class Writer:
    """The clean writer's runs and paragraphs: footnotes written once in footnotes.xml in
    the round's order, numbered as Word numbers them (`NoteNumbers`)."""

    round_: Round
    rtl: bool = False
    east_asian: bool = False
    footnotes: Footnotes = field(default_factory=Footnotes)
    by_id: dict[str, Footnote] = field(default_factory=dict)
    order: dict[str, int] = field(default_factory=dict)
    """Footnote id → its w:id, by its place in the round."""
    written: set[str] = field(default_factory=set)
    numbers: NoteNumbers = field(default_factory=NoteNumbers)
    builder: Runs = field(init=False)

    def __post_init__(self) -> None:
        self.builder = Runs(self.rtl, self.east_asian, {note.id: note.label for note in self.by_id.values()})

    @property
    def templates(self) -> dict[tuple[bool, bool], _Element | None]:
        """(bold, italic) → the run properties of plain text in that format."""
        return {(bold, italic): self.builder.template(bold, italic) for bold in (False, True)
                for italic in (False, True)}

    @property
    def formats(self) -> dict[tuple[bool, bool], RunFormat]:
        return {(bold, italic): self.builder.format(bold, italic) for bold in (False, True)
                for italic in (False, True)}

    def runs(self, text: str, paragraph: _Element, *, in_footnote: bool = False) -> None:
        """Append the runs of marked-up text to `paragraph`."""
        paragraph.extend(self.builder.text(text, note=None if in_footnote else self.note))

    def note(self, run: markup.Run, fmt: RunFormat) -> _Element | None:
        assert run.footnote is not None
        return self.reference(run.footnote, fmt)

    def reference(self, footnote_id: str, fmt: RunFormat) -> _Element | None:
        """A footnote reference run, and the footnote itself in footnotes.xml.

        The footnotes are kept in the round's order in footnotes.xml (w:id 1, 2… for its
        first references; a second reference to one gets a copy with a later id).
        """
        note = self.by_id.get(footnote_id)
        if note is None:
            return None
        first = footnote_id not in self.written
        mark = self.numbers.mark(note.label, first=first)
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
    """Paragraphs of the documents read, not reviewed (the comparison and the compilation
    text): their runs from the one builder, their footnotes either Word footnotes numbered
    as Word numbers them (compilation: `notes_body` gives a note's body) or labels shown as
    text (comparison)."""

    language: str
    rtl: bool = False
    east_asian: bool = False
    footnotes: Footnotes = field(default_factory=Footnotes)
    note_texts: dict[str, Footnote] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    notes_body: Callable[[str], list[_Element]] | None = None
    """Footnote id → the runs of its body; None to show notes as their labels."""
    numbers: NoteNumbers = field(default_factory=NoteNumbers)
    builder: Runs = field(init=False)

    def __post_init__(self) -> None:
        self.builder = Runs(self.rtl, self.east_asian, self.labels)

    def fmt(self, run: markup.Run, kind: str = "text", *, style: str = "", grey: bool = False) -> RunFormat:
        return self.builder.format(run.bold, run.italic, kind, grey=grey, style=style)

    def note(self, run: markup.Run, fmt: RunFormat) -> _Element | None:
        assert run.footnote is not None and self.notes_body is not None
        note = self.note_texts.get(run.footnote)
        if note is None:
            return make_run(self.labels.get(run.footnote, ""), replace(fmt, superscript=True))
        mark = self.numbers.mark(note.label)
        body = footnote_paragraph(custom_mark=mark, bidi=self.rtl, rtl=self.rtl)
        body.extend(self.notes_body(run.footnote))
        return footnote_reference_run(self.footnotes.add([body]), custom_mark=mark, fmt=fmt)

    def runs(self, runs: list[markup.Run], kind: str = "text", *, in_note: bool = False,
             grey: bool = False) -> list[_Element]:
        hook = self.note if self.notes_body is not None and not in_note else None
        return self.builder.build(runs, kind, grey=grey, note=hook)

    def text(self, text: str, kind: str = "text", *, in_note: bool = False, grey: bool = False) -> list[_Element]:
        hook = self.note if self.notes_body is not None and not in_note else None
        return self.builder.text(text, kind, grey=grey, note=hook)

    def words(self, text: str, *, style: str = "", bold: bool = False, italic: bool = False,
              grey: bool = False) -> _Element:
        return self.builder.words(text, style=style, bold=bold, italic=italic, grey=grey)

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

    def fill(self, paragraph: _Element, runs: list[_Element]) -> _Element:
        """Append runs to a paragraph, spaced between spans (`spaced`)."""
        paragraph.extend(spaced(runs, east_asian=self.east_asian))
        return paragraph


def _first_child(parent: _Element, tag: str) -> _Element:
    """A new element `tag` put first in `parent`."""
    element = make(tag)
    parent.insert(0, element)
    return element


_EM = 220
"""Twentieths of a point in an em of the body text (11 pt)."""


def label_indent(kind: Kind, level: int, label: str = "") -> tuple[int, int]:
    """(left, hanging) indentation of a labelled paragraph: the label hangs in the indent
    before the text.  A label wider than the usual hang ('11 bis', '18 a) bis') gets a hang
    of two steps, so that its tab still reaches the text's edge instead of pushing the
    first line further right than the others."""
    depth = level if kind is Kind.SUBPARAGRAPH else 0
    hang = INDENT if _label_width(label) + _EM // 2 <= INDENT else 2 * INDENT
    return INDENT * depth + hang, hang


def _label_width(label: str) -> int:
    """A generous width of a label in twentieths of a point (about 0.55 em a character,
    0.3 em a space or dot): enough to know whether it fits its hang."""
    return sum(_EM * 3 // 10 if char in " .)(" else _EM * 55 // 100 for char in label)


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
