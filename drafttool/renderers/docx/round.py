"""Render a clean round as a Word .docx that `readers.docx` reads back to the same round.

Takes a `Round`; returns the bytes of a .docx:
- the masthead, one field a paragraph, in 'Masthead <Field>' styles (the round's symbol
  among them); the title in Title;
- headings in Heading 1/2/3, their label typed ('I.', 'A.') before a tab;
- operative paragraphs and subparagraphs numbered by Word (numbering.xml), as UN Word
  files are: decimal '%1.' at level 0, letters at level 1 and roman numerals at level 2
  in the style of the round's labels (or of its language: '(a)' '(i)' in English and
  Chinese, 'a)' 'i)' in French, Spanish and Russian), the letters restarted under each
  chapeau by a new `w:num` with `w:startOverride`.  A label Word's numbering would not
  produce there ('3 bis.', a gap in the numbers, Arabic abjad letters, '（一）') is typed
  in the text instead, so what Word shows is always the round's label;
- footnotes as Word footnotes, numbered by Word where their labels run 1, 2, 3… in order
  of reference, with a custom mark ('*', or a number out of sequence) otherwise;
- bold and italic runs; right-to-left paragraphs and runs (`w:bidi`, `w:rtl`) for Arabic;
  an East Asian font hint for Chinese;
- the round's label, date, symbol and language as custom document properties.

Not written: statuses and lineage (a clean round shows the text only), footnotes that no
text refers to (Word has no place for them).

The body is built as one lxml tree and serialised once (python-docx's `add_paragraph`
rescans the body on every call, which makes long documents quadratic).
"""

from __future__ import annotations

from lxml.etree import _Element

from drafttool.model import Kind, Round
from drafttool.renderers.docx.lists import INDENT, Lists, list_level, list_templates
from drafttool.renderers.docx.package import (
    CT_CORE_PROPERTIES, CT_CUSTOM_PROPERTIES, CT_FOOTNOTES, CT_NUMBERING, CT_SETTINGS, CT_STYLES,
    REL_CORE_PROPERTIES, REL_CUSTOM_PROPERTIES, REL_FOOTNOTES, REL_NUMBERING, REL_SETTINGS, REL_STYLES, DocxPackage,
    Numbering, core_properties_xml, custom_properties_xml, make_document,
)
from drafttool.renderers.docx.runs import Writer
from drafttool.renderers.docx.styles import masthead_style_id, settings_xml, styles_xml
from drafttool.renderers.docx.running import add_running_head
from drafttool.renderers.masthead import running_header
from drafttool.shown import masthead_lines
from drafttool.text import languages, markup


def render_round_docx(round_: Round) -> bytes:
    """The round as a Word file: `w:body` of masthead, title, headings and numbered paragraphs."""
    language = round_.language.split("-")[0].lower()
    writer = Writer(round_, rtl=languages.is_rtl(language), east_asian=language == "zh",
                     by_id={note.id: note for note in round_.footnotes},
                     order={note.id: index for index, note in enumerate(round_.footnotes, start=1)})
    numbering = Numbering()
    lists = Lists(numbering, list_templates(round_))
    parents = {paragraph.id: paragraph for paragraph in round_.paragraphs}
    body: list[_Element] = []

    for name, value in masthead_lines(round_):
        element = writer.paragraph(masthead_style_id(name))
        writer.runs(value, element)
        body.append(element)

    for paragraph in round_.paragraphs:
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
                element = writer.paragraph(indent=(INDENT * (depth + 1), INDENT))
                writer.typed_label(element, paragraph.label)
            else:
                element = writer.paragraph()
        writer.runs(paragraph.text, element)
        body.append(element)

    package = DocxPackage()
    document = make_document(body, rtl=writer.rtl)
    add_running_head(package, document, running_header(round_), rtl=writer.rtl)
    package.add_document(document)
    package.add_word_part("styles.xml", styles_xml(language), CT_STYLES, REL_STYLES)
    package.add_word_part("settings.xml", settings_xml(footnotes=bool(writer.footnotes), rtl_gutter=False),
                          CT_SETTINGS, REL_SETTINGS)
    if numbering.nums:
        package.add_word_part("numbering.xml", numbering.to_xml(), CT_NUMBERING, REL_NUMBERING)
    if writer.footnotes:
        package.add_word_part("footnotes.xml", writer.footnotes.to_xml(), CT_FOOTNOTES, REL_FOOTNOTES)
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
