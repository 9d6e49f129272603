"""Render a clean round as a Word .docx that `readers.docx` reads back to the same round.

Takes a `Round`; returns the bytes of a .docx:
- the masthead, one field a paragraph, in 'Masthead <Field>' styles (the round's symbol
  among them); the title in Title;
- headings in Heading 1/2/3, their label typed ('I.', 'A.') before a tab; containers
  (Articles, parts, chapters, annexes, decisions) as headings of their depth, their label
  and heading words on one line ('Article 4 Use of terms'), options as their line
  ('Option 1:'); each restarts the numbering of what it holds, as the reader expects;
- tables as Word tables (`w:tbl`), a row a `w:tr`, a cell a `w:tc` holding its
  paragraphs in order (an empty cell an empty paragraph, as Word requires);
- operative paragraphs and subparagraphs numbered by Word (numbering.xml), as UN Word
  files are: decimal '%1.' at level 0, letters at level 1 and roman numerals at level 2
  in the style of the round's labels (or of its language: '(a)' '(i)' in English and
  Chinese, 'a)' 'i)' in French, Spanish and Russian), the letters restarted under each
  chapeau by a new `w:num` with `w:startOverride`.  A label Word's numbering would not
  produce there ('3 bis.', a gap in the numbers, Arabic abjad letters, '（一）') is typed
  in the text instead, so what Word shows is always the round's label; items numbered
  '1.' under a numbered paragraph are typed so in a 'Nested Number N' style (N their
  depth), which the reader takes back as subparagraphs;
- footnotes as Word footnotes, numbered by Word where their labels run 1, 2, 3… in order
  of reference, with a custom mark ('*', or a number out of sequence) otherwise; endnotes
  as Word endnotes (endnotes.xml), numbered by Word in the format their labels are in
  (i, ii, iii; a, b, c; 1, 2, 3: the section's `w:endnotePr`), custom-marked otherwise;
- bold and italic runs; right-to-left paragraphs and runs (`w:bidi`, `w:rtl`) for Arabic;
  an East Asian font hint for Chinese;
- the round's label, date, symbol and language as custom document properties.

Not written: statuses and lineage (a clean round shows the text only), footnotes that no
text refers to (Word has no place for them).

The body is built as one lxml tree and serialised once (python-docx's `add_paragraph`
rescans the body on every call, which makes long documents quadratic).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from lxml.etree import _Element

from drafttool.model import Footnote, Kind, NoteKind, Paragraph, Round, Scope
from drafttool.renderers.docx.lists import INDENT, Lists, list_level, list_templates
from drafttool.renderers.docx.package import (
    CT_CORE_PROPERTIES, CT_CUSTOM_PROPERTIES, CT_FOOTNOTES, CT_NUMBERING, CT_SETTINGS, CT_STYLES,
    REL, REL_CORE_PROPERTIES, REL_CUSTOM_PROPERTIES, REL_FOOTNOTES, REL_NUMBERING, REL_SETTINGS, REL_STYLES,
    DocxPackage, Footnotes, Numbering, RunFormat, core_properties_xml, custom_properties_xml, footnote_paragraph,
    footnote_reference_run, make, make_document, make_root, sub, to_xml,
)
from drafttool.renderers.grid import grid_size, table_grid, table_records
from drafttool.renderers.docx.runs import Writer
from drafttool.renderers.docx.styles import (
    NESTED_NUMBER_STYLES, STANDARD_STYLES, masthead_style_id, settings_xml, styles_xml,
)
from drafttool.renderers.docx.running import add_running_head
from drafttool.renderers.masthead import running_header
from drafttool.shown import masthead_lines
from drafttool.text import labels, languages, markup
from drafttool.wordml import qn

CT_ENDNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml"
REL_ENDNOTES = f"{REL}/endnotes"
TEXT_WIDTH = 9070
"""Twentieths of a point between the margins of the A4 page `make_document` sets."""


class _Endnotes(Footnotes):
    """`word/endnotes.xml`: as footnotes.xml, with `w:endnote` elements (17.11.2)."""

    def to_xml(self) -> bytes:
        root = make_root("w:endnotes")
        for note_id, kind, mark in ((-1, "separator", "w:separator"), (0, "continuationSeparator",
                                                                        "w:continuationSeparator")):
            sub(sub(sub(root, "w:endnote", {"w:type": kind, "w:id": str(note_id)}), "w:p"), "w:r").append(make(mark))
        for note_id, paragraphs in sorted(self.bodies.items()):
            sub(root, "w:endnote", {"w:id": str(note_id)}).extend(paragraphs)
        return to_xml(root)


_ENDNOTE_FORMATS: dict[str, Callable[[int], str]] = {
    "lowerRoman": lambda n: labels.to_roman(n, upper=False), "lowerLetter": labels.to_letters,
    "decimal": str, "upperRoman": labels.to_roman, "upperLetter": lambda n: labels.to_letters(n, upper=True),
}
"""Word's endnote number formats (17.18.59) and how each writes a number; lowerRoman first,
Word's default for endnotes."""


def _endnote_format(round_: Round) -> str:
    """The format the round's endnote labels are in: the one whose first number is the
    first endnote's label."""
    first = next((note.label for note in round_.footnotes if note.kind is NoteKind.ENDNOTE), "")
    return next((name for name, write in _ENDNOTE_FORMATS.items() if write(1) == first), "lowerRoman")


@dataclass
class _RoundWriter(Writer):
    """The clean writer, with endnotes kept as endnotes."""

    endnotes: _Endnotes = field(default_factory=_Endnotes)
    endnote_format: str = "lowerRoman"
    next_endnote: int = 1
    endnotes_written: set[str] = field(default_factory=set)

    def reference(self, footnote_id: str, fmt: RunFormat) -> _Element | None:
        note: Footnote | None = self.by_id.get(footnote_id)
        if note is None or note.kind is not NoteKind.ENDNOTE:
            return super().reference(footnote_id, fmt)
        first = footnote_id not in self.endnotes_written
        automatic = first and note.label in ("", _ENDNOTE_FORMATS[self.endnote_format](self.next_endnote))
        mark = "" if automatic else (note.label or "*")
        self.next_endnote += automatic
        self.endnotes_written.add(footnote_id)
        body = footnote_paragraph(custom_mark=mark, bidi=self.rtl, rtl=self.rtl)
        self.runs(note.text, body, in_footnote=True)
        for echo in body.iter(qn("w:footnoteRef")):
            echo.tag = qn("w:endnoteRef")
        run = footnote_reference_run(self.endnotes.add([body]), custom_mark=mark, fmt=fmt)
        for reference in run.iter(qn("w:footnoteReference")):
            reference.tag = qn("w:endnoteReference")
        return run


def render_round_docx(round_: Round) -> bytes:
    """The round as a Word file: `w:body` of masthead, title, headings and numbered paragraphs."""
    language = round_.language.split("-")[0].lower()
    writer = _RoundWriter(round_, rtl=languages.is_rtl(language), east_asian=language == "zh",
                          by_id={note.id: note for note in round_.footnotes},
                          order={note.id: index for index, note in enumerate(round_.footnotes, start=1)},
                          endnote_format=_endnote_format(round_))
    numbering = Numbering()
    lists = Lists(numbering, list_templates(round_))
    parents = {paragraph.id: paragraph for paragraph in round_.paragraphs}
    body: list[_Element] = []

    for name, value in masthead_lines(round_):
        element = writer.paragraph(masthead_style_id(name))
        writer.runs(value, element)
        body.append(element)

    in_table = table_records(round_)
    for paragraph in round_.paragraphs:
        if paragraph.id in in_table:
            continue  # written with its table
        if paragraph.scope is Scope.TABLE:
            body.append(_table(writer, round_, paragraph))
            continue
        if paragraph.kind is Kind.CONTAINER:
            body.append(_container(writer, paragraph, parents))
            continue
        if paragraph.kind is Kind.TITLE:
            element = writer.paragraph("Title", keep_next=True)
        elif paragraph.kind is Kind.HEADING:
            element = writer.paragraph(f"Heading{min(max(paragraph.level, 1), 3)}", keep_next=True)
            if paragraph.label:
                writer.typed_label(element, paragraph.label)
        else:
            level = list_level(paragraph)
            placed = None
            if level is not None:
                chapeau = paragraph.parent or ""
                if level == 2 and chapeau in parents:
                    chapeau = parents[chapeau].parent or chapeau
                placed = lists.place(paragraph, level, chapeau)
            if placed is not None:
                element = writer.paragraph(num=placed)
            elif paragraph.label:
                depth = paragraph.level if paragraph.kind is Kind.SUBPARAGRAPH else 0
                nested = depth in (1, 2) and labels.number_label(paragraph.label + " ") is not None
                element = writer.paragraph(f"NestedNumber{depth}" if nested else "",
                                           indent=(INDENT * (depth + 1), INDENT))
                writer.typed_label(element, paragraph.label)
            else:
                element = writer.paragraph()
        writer.runs(paragraph.text, element)
        body.append(element)

    package = DocxPackage()
    document = make_document(body, rtl=writer.rtl)
    if writer.endnotes:
        section = document.find(f"{qn('w:body')}/{qn('w:sectPr')}")
        endnote_properties = make("w:endnotePr")  # before the section's page settings (17.6.17)
        sub(endnote_properties, "w:numFmt", {"w:val": writer.endnote_format})
        section.insert(0, endnote_properties)
    add_running_head(package, document, running_header(round_), rtl=writer.rtl)
    package.add_document(document)
    package.add_word_part("styles.xml", styles_xml(language, STANDARD_STYLES + NESTED_NUMBER_STYLES), CT_STYLES,
                          REL_STYLES)
    package.add_word_part("settings.xml", settings_xml(footnotes=bool(writer.footnotes), rtl_gutter=False,
                                                       endnotes=bool(writer.endnotes)), CT_SETTINGS, REL_SETTINGS)
    if numbering.nums:
        package.add_word_part("numbering.xml", numbering.to_xml(), CT_NUMBERING, REL_NUMBERING)
    if writer.footnotes:
        package.add_word_part("footnotes.xml", writer.footnotes.to_xml(), CT_FOOTNOTES, REL_FOOTNOTES)
    if writer.endnotes:
        package.add_word_part("endnotes.xml", writer.endnotes.to_xml(), CT_ENDNOTES, REL_ENDNOTES)
    title = next((markup.plain(p.text) for p in round_.paragraphs if p.kind is Kind.TITLE), "")
    package.add("docProps/core.xml", core_properties_xml(title=title, language=round_.language,
                                                         subject=round_.symbol), CT_CORE_PROPERTIES,
                REL_CORE_PROPERTIES)
    properties = {"drafttool-round": round_.label, "drafttool-date": round_.date, "drafttool-symbol": round_.symbol,
                  "drafttool-language": round_.language}
    if any(properties.values()):
        package.add("docProps/custom.xml", custom_properties_xml({k: v for k, v in properties.items() if v}),
                    CT_CUSTOM_PROPERTIES, REL_CUSTOM_PROPERTIES)
    return package.to_bytes()


def _container(writer: _RoundWriter, paragraph: Paragraph, parents: dict[str, Paragraph]) -> _Element:
    """A container's line: a heading of its depth ('Article 4 Use of terms'), or for an
    option its line in the text ('Option 2: No text'), which the reader knows by its words."""
    depth = 0
    parent = parents.get(paragraph.parent or "")
    while parent is not None and depth < 3:
        depth += parent.kind is Kind.CONTAINER
        parent = parents.get(parent.parent or "")
    line = " ".join(part for part in (markup.escape(paragraph.label), paragraph.text) if part)
    element = writer.paragraph("" if paragraph.scope is Scope.OPTION else f"Heading{min(depth + 1, 3)}",
                               keep_next=True)
    writer.runs(line, element)
    return element


def _table(writer: _RoundWriter, round_: Round, table: Paragraph) -> _Element:
    """`w:tbl` of a table record: its rows and cells from the records under it, each cell
    its paragraphs in order; single borders; right to left for Arabic (`w:bidiVisual`)."""
    grid = table_grid(round_, table)
    height, width = grid_size(grid)
    column = TEXT_WIDTH // width
    element = make("w:tbl")
    properties = sub(element, "w:tblPr")
    if writer.rtl:
        sub(properties, "w:bidiVisual")
    sub(properties, "w:tblW", {"w:w": str(column * width), "w:type": "dxa"})
    borders = sub(properties, "w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        sub(borders, f"w:{edge}", {"w:val": "single", "w:sz": "4", "w:space": "0", "w:color": "auto"})
    columns = sub(element, "w:tblGrid")
    for _ in range(width):
        sub(columns, "w:gridCol", {"w:w": str(column)})
    for number in range(1, height + 1):
        row = sub(element, "w:tr")
        for place in range(1, width + 1):
            cell = sub(row, "w:tc")
            sub(sub(cell, "w:tcPr"), "w:tcW", {"w:w": str(column), "w:type": "dxa"})
            held = grid.get(number, {}).get(place, [])
            for paragraph in held:
                written = writer.paragraph()
                if paragraph.label:
                    writer.typed_label(written, paragraph.label)
                writer.runs(paragraph.text, written)
                cell.append(written)
            if not held:
                cell.append(writer.paragraph())  # a cell holds one paragraph at least (17.4.66)
    return element
