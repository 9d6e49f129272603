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

import re
from collections import Counter
from dataclasses import dataclass, field

from lxml.etree import _Element

from drafttool import labels, languages, markup
from drafttool.model import Footnote, Kind, Paragraph, Round
from drafttool.renderers.docx_package import (
    CT_CORE_PROPERTIES,
    CT_CUSTOM_PROPERTIES,
    CT_FOOTNOTES,
    CT_NUMBERING,
    CT_SETTINGS,
    CT_STYLES,
    MASTHEAD_FIELDS,
    REL_CORE_PROPERTIES,
    REL_CUSTOM_PROPERTIES,
    REL_FOOTNOTES,
    REL_NUMBERING,
    REL_SETTINGS,
    REL_STYLES,
    DocxPackage,
    Footnotes,
    Level,
    Numbering,
    RunFormat,
    core_properties_xml,
    custom_properties_xml,
    footnote_paragraph,
    footnote_reference_run,
    make_document,
    make_paragraph,
    make_run,
    make_run_like,
    masthead_style_id,
    properties_template,
    settings_xml,
    styles_xml,
)

INDENT = 567
"""One indentation step, in twentieths of a point (1 cm)."""

_MARKUP = re.compile(r"[*\\[]")


_TEMPLATE = re.compile(r"^(?P<open>\(?)(?P<core>[0-9]+|[a-z]+)(?P<close>\)|\.|\s?-)$")
_FORMATS = ("decimal", "lowerLetter", "lowerRoman")
"""Word number format of each level: paragraphs, subparagraphs, second-level items."""


def _default_templates(language: str) -> tuple[str, str, str]:
    """Label styles by language (NEGOTIATION.md, 'Labels by language')."""
    if language.split("-")[0] in ("en", "zh"):
        return "%1.", "(%2)", "(%3)"
    return "%1.", "%2)", "%3)"


def _format(value: int, level: int) -> str:
    if level == 0:
        return str(value)
    if level == 1:
        return labels.to_letters(value)
    return labels.to_roman(value, upper=False)


def _templates(round_: Round) -> tuple[str, str, str]:
    """The `w:lvlText` of each level: the commonest shape of the round's own labels at that
    level ('(a)' or 'a)'), else the language's default."""
    found: list[Counter[str]] = [Counter(), Counter(), Counter()]
    for paragraph in round_.paragraphs:
        level = _list_level(paragraph)
        match = _TEMPLATE.match(paragraph.label) if level is not None else None
        if level is None or match is None:
            continue
        core = match.group("core")
        if (level == 0 and core.isdigit()) or (level == 1 and labels.from_letters(core)) or (
                level == 2 and labels.from_roman(core)):
            found[level][f"{match.group('open')}%{level + 1}{match.group('close')}"] += 1
    defaults = _default_templates(round_.language)
    chosen = [counts.most_common(1)[0][0] if counts else default for counts, default in zip(found, defaults)]
    return chosen[0], chosen[1], chosen[2]


def _list_level(paragraph: Paragraph) -> int | None:
    """The list level a paragraph would take in Word's numbering, or None."""
    if not paragraph.label:
        return None
    if paragraph.kind is Kind.OPERATIVE:
        return 0
    if paragraph.kind is Kind.SUBPARAGRAPH and paragraph.level in (1, 2):
        return paragraph.level
    return None


@dataclass
class _Lists:
    """Word's list counters as the writer goes, to know whether automatic numbering shows
    a paragraph's label.  The counters mirror Word's: one set for the abstract list, shared
    by its `w:num`s; a level's use resets the levels below; a `w:num`'s start overrides
    take effect where it is first used (ECMA-376 17.9)."""

    numbering: Numbering
    templates: tuple[str, str, str]
    abstract: int = 0
    main: int = 0
    values: list[int | None] = field(default_factory=lambda: [None, None, None])
    used: set[int] = field(default_factory=set)
    chapeau_nums: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        levels = [Level(fmt, text, left=INDENT * index) for index, (fmt, text) in enumerate(zip(_FORMATS, self.templates))]
        self.abstract = self.numbering.add_abstract(levels)
        self.main = self.numbering.add_num(self.abstract)

    def place(self, paragraph: Paragraph, level: int, chapeau: str) -> tuple[int, int] | None:
        """(numId, ilvl) under which Word shows exactly the paragraph's label, or None."""
        restarts: dict[int, int] = {}
        if level == 0:
            num = self.main
        elif chapeau in self.chapeau_nums:
            num = self.chapeau_nums[chapeau]
        else:
            num, restarts = -1, {1: 1, 2: 1}  # a new w:num, made only if it is used
        values = list(self.values)
        if num not in self.used:
            for restart_level, start in restarts.items():
                values[restart_level] = start - 1
        current = values[level]
        values[level] = 1 if current is None else current + 1
        for deeper in range(level + 1, 3):
            values[deeper] = None
        shown = self.templates[level].replace(f"%{level + 1}", _format(values[level] or 0, level))
        if shown != paragraph.label:
            return None
        if num == -1:
            num = self.numbering.add_num(self.abstract, restarts)
            self.chapeau_nums[chapeau] = num
        self.used.add(num)
        self.values = values
        return num, level


@dataclass
class _Writer:
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


def render_round_docx(round_: Round) -> bytes:
    """The round as a Word file: `w:body` of masthead, title, headings and numbered paragraphs."""
    language = round_.language.split("-")[0].lower()
    writer = _Writer(round_, rtl=languages.is_rtl(language), east_asian=language == "zh",
                     by_id={note.id: note for note in round_.footnotes},
                     order={note.id: index for index, note in enumerate(round_.footnotes, start=1)})
    numbering = Numbering()
    lists = _Lists(numbering, _templates(round_))
    parents = {paragraph.id: paragraph for paragraph in round_.paragraphs}
    body: list[_Element] = []

    masthead = round_.masthead
    for name in MASTHEAD_FIELDS:
        if name == "symbol":
            values: tuple[str, ...] = (markup.escape(round_.symbol),)
        else:
            values = masthead.other if name == "other" else (getattr(masthead, name),)
        for value in values:
            if value:
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
            level = _list_level(paragraph)
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
    package.add_document(make_document(body, rtl=writer.rtl))
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
