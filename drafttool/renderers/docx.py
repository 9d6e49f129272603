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
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from lxml import etree
from lxml.etree import _Element

from drafttool.text import labels, languages, markup
from drafttool.collector import collector_paused
from drafttool.model import (
    CHAIR, ChangeOp, Comparison, Footnote, FootnoteChange, Kind, Paragraph, ParagraphChange, ProposalStatus, Round,
    Segment, SegmentKind, StatusValue,
)
from drafttool.renderers.docx_package import (
    CT_CORE_PROPERTIES,
    CT_CUSTOM_PROPERTIES,
    CT_FONT_TABLE,
    CT_FOOTNOTES,
    CT_NUMBERING,
    CT_SETTINGS,
    CT_STYLES,
    CT_THEME,
    MASTHEAD_FIELDS,
    REL_CORE_PROPERTIES,
    REL_CUSTOM_PROPERTIES,
    REL_FONT_TABLE,
    REL_FOOTNOTES,
    REL_NUMBERING,
    REL_SETTINGS,
    REL_STYLES,
    REL_THEME,
    DocxPackage,
    Footnotes,
    Level,
    Numbering,
    RunFormat,
    add_text,
    core_properties_xml,
    custom_properties_xml,
    footnote_paragraph,
    footnote_reference_run,
    make,
    make_document,
    make_paragraph,
    make_run,
    make_run_like,
    masthead_style_id,
    properties_template,
    qn,
    settings_xml,
    styles_xml,
)
from drafttool.renderers.revisions import Revisions, Stamp, strip_revision_marks, word_date

if TYPE_CHECKING:
    from drafttool.negotiate.compilation import Compilation, Piece, Proposers
    from drafttool.readers.docx import DocxLayout

EQUAL_KIND, DELETE_KIND, INSERT_KIND = SegmentKind.EQUAL, SegmentKind.DELETE, SegmentKind.INSERT

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



def masthead_lines(round_: Round) -> list[tuple[str, str]]:
    """The masthead as (field, marked-up text) lines in their printed order, the
    document symbol among them; empty fields left out."""
    lines: list[tuple[str, str]] = []
    for name in MASTHEAD_FIELDS:
        if name == "symbol":
            values: tuple[str, ...] = (markup.escape(round_.symbol),)
        else:
            values = round_.masthead.other if name == "other" else (getattr(round_.masthead, name),)
        lines += [(name, value) for value in values if value]
    return lines


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


# =============================================================================== tracked changes
#
# The new round as Word revisions over the old one.  The comparison is laid out as a list
# of output paragraphs (`_Out`), each ending with a paragraph mark that is kept, inserted,
# deleted or moved; a '\n' in a change's segments is such a mark (splits and merges).  The
# mark holds the paragraph's properties, so the output paragraph that carries the mark of
# an old paragraph takes that paragraph's properties (and, for the old round, its place in
# Word's numbering); removing a mark joins a paragraph with the next, as Word does
# (ECMA-376 Part 1, 17.13.5.15).

MOVES = ("delete-insert", "revisions")
"""How a moved paragraph is written: deleted where it was and inserted where it goes, or
as a Word move (`w:moveFrom`/`w:moveTo` with paired move ranges)."""


def _units(runs: list[markup.Run]) -> list[tuple[str, bool, bool, str | None]]:
    """Runs as characters (and footnote references), each with its format."""
    out: list[tuple[str, bool, bool, str | None]] = []
    for run in runs:
        if run.footnote is not None:
            out.append(("", run.italic, run.bold, run.footnote))
        else:
            out.extend((char, run.italic, run.bold, None) for char in run.text)
    return out


@dataclass(slots=True)
class _Out:
    """One paragraph of the tracked-changes document, ending with its paragraph mark."""

    content: list[_Element] = field(default_factory=list)
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
    paragraphs (`_shift_marks`): its old and new paragraphs are not the same one."""
    new_source: Paragraph | None = None
    """For a mark shifted past deleted paragraphs: the old paragraph whose properties the
    new round's paragraph has."""
    old_ppr: _Element | None = None
    """The properties of the old round's paragraph, where they differ (base files)."""

    @property
    def in_old(self) -> bool:
        return self.mark in ("equal", "delete", "move-from")

    @property
    def in_new(self) -> bool:
        return self.mark in ("equal", "insert", "move-to")


class _JointLists:
    """Word's list counters in the two views of a tracked document at once: with every
    change rejected (the old round) and accepted (the new).  A paragraph is numbered by
    Word only where the numbering shows its label in every view it appears in; the others
    get their labels typed.  The counters mirror `_Lists` (one set per abstract list,
    a `w:num`'s start overrides applied at its first use, in each view)."""

    def __init__(self, numbering: Numbering, templates: tuple[str, str, str]) -> None:
        self.numbering = numbering
        self.templates = templates
        levels = [Level(fmt, text, left=INDENT * index) for index, (fmt, text) in enumerate(zip(_FORMATS, templates))]
        self.abstract = numbering.add_abstract(levels)
        self.main = numbering.add_num(self.abstract)
        self.restarts: dict[int, dict[int, int]] = {self.main: {}}
        self.values: dict[str, list[int | None]] = {"old": [None, None, None], "new": [None, None, None]}
        self.used: dict[str, set[int]] = {"old": set(), "new": set()}
        self.chapeau_nums: dict[object, int] = {}

    def place(self, wanted: dict[str, tuple[int, str]], chapeau: object) -> tuple[int, int] | None:
        """(numId, ilvl) under which Word shows, in each view, the label wanted there, or None."""
        levels = {level for level, _ in wanted.values()}
        if len(levels) != 1:
            return None
        level = levels.pop()
        if level == 0:
            num, restarts = self.main, {}
        elif chapeau in self.chapeau_nums:
            num = self.chapeau_nums[chapeau]
            restarts = self.restarts[num]
        else:
            num, restarts = -1, {1: 1, 2: 1}
        found: dict[str, list[int | None]] = {}
        for view, (_, label) in wanted.items():
            values = list(self.values[view])
            if num not in self.used[view]:
                for restart_level, start in restarts.items():
                    values[restart_level] = start - 1
            current = values[level]
            values[level] = 1 if current is None else current + 1
            for deeper in range(level + 1, 3):
                values[deeper] = None
            if self.templates[level].replace(f"%{level + 1}", _format(values[level] or 0, level)) != label:
                return None
            found[view] = values
        if num == -1:
            num = self.numbering.add_num(self.abstract, restarts)
            self.chapeau_nums[chapeau] = num
            self.restarts[num] = restarts
        for view, values in found.items():
            self.values[view] = values
            self.used[view].add(num)
        return num, level


class _Tracked:
    """Builds the tracked-changes document of one comparison."""

    def __init__(self, comparison: Comparison, old: Round, new: Round, *, moves: str, dates: dict[str, str],
                 default_date: str, layout: DocxLayout | None) -> None:
        self.comparison = comparison
        self.old = old
        self.new = new
        self.moves = moves
        self.dates = {key: word_date(value) for key, value in dates.items() if value}
        self.default_date = default_date
        self.layout = layout
        language = (new.language or old.language).split("-")[0].lower()
        self.language = language
        self.rtl = languages.is_rtl(language)
        self.writer = _Writer(new, rtl=self.rtl, east_asian=language == "zh")
        self.revisions = Revisions()
        self.footnotes = Footnotes()
        self.stamps: dict[tuple[str, str], Stamp] = {}
        self.chair = self.stamp((), None)
        self.old_notes = {c.old.id: c for c in comparison.footnotes if c.old is not None}
        self.new_notes = {c.new.id: c for c in comparison.footnotes if c.new is not None}
        self.note_labels = {f.id: f.label for f in (*old.footnotes, *new.footnotes)}
        self.format_stamp = self.chair
        self.numbered_notes: dict[int, tuple[str, str]] = {}
        """Word ids of footnotes numbered automatically so far → (old label, new label)."""

    # -- who and when

    def stamp(self, by: tuple[str, ...], proposal: str | None, fallback: tuple[str, ...] = ()) -> Stamp:
        author = ", ".join(by) if by else CHAIR
        date = self.dates.get(proposal or "") or next((self.dates[p] for p in fallback if p in self.dates),
                                                        self.default_date)
        key = (author, date)
        found = self.stamps.get(key)
        if found is None:
            found = self.stamps[key] = Stamp(author, date)
        return found

    def segment_stamp(self, segment: Segment, change: ParagraphChange | None) -> Stamp:
        if change is None:
            return self.stamp(segment.by, segment.proposal)
        return self.stamp(segment.by or change.by, segment.proposal, change.proposals)

    # -- runs

    def runs(self, runs: list[markup.Run], side: str, tag: str = "w:t", *, in_note: bool = False) -> list[_Element]:
        """`w:r`s for runs of one side ('old' or 'new'); footnote references point to the
        footnote of that side's round."""
        out: list[_Element] = []
        for run in runs:
            if run.footnote is None:
                if run.text:
                    out.append(make_run_like(run.text, self.writer.templates[(run.bold, run.italic)], tag))
            elif in_note:  # Word has no footnote inside a footnote: its mark as text
                out.append(make_run(self.note_labels.get(run.footnote, ""), RunFormat(
                    bold=run.bold, italic=run.italic, rtl=self.rtl, superscript=True), tag))
            else:
                change = (self.old_notes if side == "old" else self.new_notes).get(run.footnote)
                if change is not None:
                    out.append(self.reference(change, run))
        return out

    def reference(self, change: FootnoteChange, run: markup.Run) -> _Element:
        """A footnote reference and, in footnotes.xml, a body holding the footnote's changes
        (each reference gets its own body: Word has one reference per footnote)."""
        note = change.new or change.old
        assert note is not None
        mark = "" if not note.label or note.label.isdigit() else note.label
        body = footnote_paragraph(custom_mark=mark, bidi=self.rtl, rtl=self.rtl)
        body.extend(self.note_content(change))
        word_id = self.footnotes.add([body])
        if not mark:
            self.numbered_notes[word_id] = (change.old.label if change.old else "", change.new.label if change.new else "")
        return footnote_reference_run(word_id, custom_mark=mark, fmt=self.writer.formats[(run.bold, run.italic)])

    def number_notes(self, body: list[_Element]) -> None:
        """Let Word number a footnote only where its automatic number (in order of reference,
        17.11.14) is the footnote's label in every view the reference is in; elsewhere the
        label becomes a custom mark, in the reference and in the body, as the clean writer does."""
        following = {"old": 1, "new": 1}
        for paragraph in body:
            for reference in paragraph.iter(_FOOTNOTE_REFERENCE):
                word_id = int(reference.get(_W_ID, "0"))
                if word_id not in self.numbered_notes:
                    continue
                old_label, new_label = self.numbered_notes[word_id]
                views = _views_of(reference)
                wanted = {"old": old_label, "new": new_label}
                if all(wanted[view] == str(following[view]) for view in views):
                    for view in views:
                        following[view] += 1
                    continue
                label = (new_label if "new" in views else old_label) or new_label or old_label
                reference.set(qn("w:customMarkFollows"), "1")
                run = reference.getparent()
                assert run is not None
                add_text(run, label, "w:delText" if views == ("old",) else "w:t")
                echo = self.footnotes.bodies[word_id][0]
                for element in echo.iter(qn("w:footnoteRef")):
                    holder = element.getparent()
                    assert holder is not None
                    holder.remove(element)
                    add_text(holder, label)

    def note_content(self, change: FootnoteChange) -> list[_Element]:
        out: list[_Element] = []
        state = {"old": (False, False), "new": (False, False)}
        for segment in change.segments:
            stamp = self.segment_stamp(segment, None)
            if segment.kind is EQUAL_KIND:
                runs, *state["old"] = markup.parse_from(segment.text, *state["old"])  # type: ignore[assignment]
                runs, *state["new"] = markup.parse_from(segment.text, *state["new"])  # type: ignore[assignment]
                out.extend(self.runs(runs, "new", in_note=True))
            elif segment.kind is DELETE_KIND:
                runs, *state["old"] = markup.parse_from(segment.text, *state["old"])  # type: ignore[assignment]
                made = self.runs(runs, "old", "w:delText", in_note=True)
                if made:
                    out.append(self.revisions.deleted(made, stamp))
            else:
                runs, *state["new"] = markup.parse_from(segment.text, *state["new"])  # type: ignore[assignment]
                made = self.runs(runs, "new", in_note=True)
                if made:
                    out.append(self.revisions.inserted(made, stamp))
        return out

    def kept(self, old_runs: list[markup.Run], new_runs: list[markup.Run]) -> list[_Element]:
        """Words kept from the old round: plain runs, with a `w:rPrChange` where their
        format changed, and a footnote reference replaced where it points elsewhere."""
        if old_runs == new_runs and all(r.footnote is None or self.old_notes.get(r.footnote) is
                                        self.new_notes.get(r.footnote) for r in new_runs):
            return self.runs(new_runs, "new")
        out: list[_Element] = []
        old_units, new_units = _units(old_runs), _units(new_runs)
        if len(old_units) != len(new_units):  # never from our diff: show it as a replacement
            return [self.revisions.deleted(self.runs(old_runs, "old", "w:delText"), self.format_stamp),
                    self.revisions.inserted(self.runs(new_runs, "new"), self.format_stamp)]
        k = 0
        while k < len(new_units):
            char, italic, bold, note = new_units[k]
            _, old_italic, old_bold, old_note = old_units[k]
            if note is not None:
                before, after = self.old_notes.get(old_note or ""), self.new_notes.get(note)
                if before is after and after is not None:
                    reference = self.reference(after, markup.Run("", italic, bold, note))
                    if (old_italic, old_bold) != (italic, bold):
                        self.revisions.format_changed(reference, properties_template(RunFormat(
                            bold=old_bold, italic=old_italic, style="FootnoteReference", rtl=self.rtl,
                            east_asian=self.writer.east_asian)), self.format_stamp)
                    out.append(reference)
                else:
                    if before is not None:
                        out.append(self.revisions.deleted([self.reference(before, markup.Run(
                            "", old_italic, old_bold, old_note))], self.format_stamp))
                    if after is not None:
                        out.append(self.revisions.inserted([self.reference(after, markup.Run(
                            "", italic, bold, note))], self.format_stamp))
                k += 1
                continue
            end = k + 1
            while end < len(new_units) and new_units[end][3] is None and new_units[end][1:3] == (italic, bold) and \
                    old_units[end][1:3] == (old_italic, old_bold):
                end += 1
            text = "".join(unit[0] for unit in new_units[k:end])
            run = make_run_like(text, self.writer.templates[(bold, italic)])
            if (old_italic, old_bold) != (italic, bold):
                self.revisions.format_changed(run, self.writer.templates[(old_bold, old_italic)], self.format_stamp)
            out.append(run)
            k = end
        return out

    # -- paragraphs of one change

    def emit(self, index: int, change: ParagraphChange, role: str, move_stamp: Stamp | None = None) -> list[_Out]:
        """The output paragraphs of a change: 'normal' (in place), 'from' (the old
        paragraphs of a moved change, removed) or 'to' (its new paragraphs, added)."""
        olds = change.old if role != "to" else ()
        news = change.new if role != "from" else ()
        moving = self.moves == "revisions" and role != "normal"
        whole_stamp = move_stamp or (self.stamp(change.by, None, change.proposals) if not (olds and news) else
                                     self.chair)
        first_changed = next((s for s in change.segments if s.kind is not EQUAL_KIND), None)
        self.format_stamp = self.segment_stamp(first_changed, change) if first_changed else whole_stamp
        outs: list[_Out] = []
        oi = ni = 0
        current = _Out(starts_old=olds[0] if olds else None, starts_new=news[0] if news else None,
                       label_stamp=whole_stamp if not (olds and news) else self.chair, change=index)
        state = {"old": (False, False), "new": (False, False)}
        for segment in change.segments:
            kind = segment.kind
            if role == "from":
                if kind is INSERT_KIND:
                    continue
                action = ("move-from" if moving else "delete") if kind is EQUAL_KIND else "delete"
            elif role == "to":
                if kind is DELETE_KIND:
                    continue
                action = ("move-to" if moving else "insert") if kind is EQUAL_KIND else "insert"
            else:
                action = {EQUAL_KIND: "equal", DELETE_KIND: "delete", INSERT_KIND: "insert"}[kind]
            if kind is EQUAL_KIND and role != "normal":
                stamp = move_stamp or whole_stamp
            else:
                stamp = self.segment_stamp(segment, change)
            on_old = bool(olds) and kind is not INSERT_KIND
            on_new = bool(news) and kind is not DELETE_KIND
            for number, part in enumerate(segment.text.split("\n")):
                if number:
                    current.mark = action
                    current.mark_stamp = stamp if action != "equal" else None
                    current.old = olds[oi] if on_old and oi < len(olds) else None
                    current.new = news[ni] if on_new and ni < len(news) else None
                    outs.append(current)
                    oi += on_old
                    ni += on_new
                    current = _Out(starts_old=olds[oi] if on_old and oi < len(olds) else None,
                                   starts_new=news[ni] if on_new and ni < len(news) else None,
                                   label_stamp=stamp if action != "equal" else self.chair, change=index)
                if not part:
                    continue
                if action == "equal":
                    old_runs, *state["old"] = markup.parse_from(part, *state["old"])  # type: ignore[assignment]
                    new_runs, *state["new"] = markup.parse_from(part, *state["new"])  # type: ignore[assignment]
                    current.content.extend(self.kept(old_runs, new_runs))
                elif action in ("delete", "move-from"):
                    runs, *state["old"] = markup.parse_from(part, *state["old"])  # type: ignore[assignment]
                    made = self.runs(runs, "old", "w:delText")
                    if made:
                        current.content.append(self.revisions.wrap(action, made, stamp))  # type: ignore[arg-type]
                else:
                    runs, *state["new"] = markup.parse_from(part, *state["new"])  # type: ignore[assignment]
                    made = self.runs(runs, "new")
                    if made:
                        current.content.append(self.revisions.wrap(action, made, stamp))  # type: ignore[arg-type]
        if olds and news:
            current.mark = "equal"
        elif role == "from":
            current.mark, current.mark_stamp = ("move-from" if moving else "delete"), whole_stamp
        elif role == "to":
            current.mark, current.mark_stamp = ("move-to" if moving else "insert"), whole_stamp
        else:
            current.mark, current.mark_stamp = ("insert" if news else "delete"), whole_stamp
        current.old = olds[oi] if olds and oi < len(olds) else None
        current.new = news[ni] if news and ni < len(news) else None
        outs.append(current)
        if role != "normal" or not (olds and news):
            for out in outs:
                out.whole = True
        return outs

    def plain(self, index: int, change: ParagraphChange) -> list[_Out]:
        """An unchanged (or renumbered) paragraph: its runs as they are."""
        old, new = change.old[0], change.new[0]
        runs, _, _ = markup.parse_from(new.text, False, False)
        if len(runs) == 1 and runs[0].footnote is None and not (runs[0].italic or runs[0].bold):
            content = [make_run_like(runs[0].text, self.writer.templates[(False, False)])]
        else:
            content = self.kept(runs, runs)
        return [_Out(content, "equal", None, old, new, old, new, self.chair, index)]

    # -- the whole document

    def paragraphs(self) -> list[_Out]:
        changes = self.comparison.changes
        placed: list[list[_Out]] = []
        away: dict[int, list[tuple[int, list[_Out]]]] = {}
        old_index = {p.id: i for i, p in enumerate(self.old.paragraphs)}
        # Paragraphs only the old round has (deleted, or moved away) go right after the
        # nearest paragraph before them in the old round that both rounds keep in place, so
        # that rejecting every change gives the old order (the comparison lists deletions
        # near where the aligner met them, which is not always that place).
        anchor_of: dict[int, int] = {}
        for index, change in enumerate(changes):
            if change.old and change.new and not change.moved:
                for paragraph in change.old:
                    anchor_of[old_index.get(paragraph.id, -1)] = index

        def anchor(paragraphs: tuple[Paragraph, ...]) -> tuple[int, int]:
            first = min(old_index.get(p.id, 0) for p in paragraphs)
            return next((anchor_of[k] for k in range(first - 1, -1, -1) if k in anchor_of), -1), first

        for index, change in enumerate(changes):
            if not change.new:
                where, first = anchor(change.old)
                away.setdefault(where, []).append((first, self.emit(index, change, "normal")))
                placed.append([])
                continue
            if change.moved and change.old and change.new:
                stamp = self.stamp(change.by, None, change.proposals)
                from_outs = self.emit(index, change, "from", stamp)
                to_outs = self.emit(index, change, "to", stamp)
                if self.moves == "revisions":
                    name = self.revisions.move_name()
                    for outs, kind in ((from_outs, "move-from"), (to_outs, "move-to")):
                        start, end = self.revisions.move_range(kind, name, stamp)  # type: ignore[arg-type]
                        outs[0].content.insert(0, start)
                        outs[-1].content.append(end)
                where, first = anchor(change.old)
                away.setdefault(where, []).append((first, from_outs))
                placed.append(to_outs)
            elif change.op in (ChangeOp.UNCHANGED, ChangeOp.RENUMBERED) and len(change.old) == len(change.new) == 1 \
                    and not change.edited:
                placed.append(self.plain(index, change))
            else:
                placed.append(self.emit(index, change, "normal"))
        out: list[_Out] = []
        for _, outs in sorted(away.get(-1, []), key=lambda item: item[0]):
            out.extend(outs)
        for index, outs in enumerate(placed):
            out.extend(outs)
            for _, moved in sorted(away.get(index, []), key=lambda item: item[0]):
                out.extend(moved)
        return out

    def masthead(self) -> list[_Out]:
        """The masthead lines, a changed line as the chair's revision."""
        from drafttool.compare.diff import WordDiffer

        differ = WordDiffer()
        out: list[_Out] = []
        for name in MASTHEAD_FIELDS:
            if name == "symbol":
                pairs = [(markup.escape(self.old.symbol), markup.escape(self.new.symbol))]
            elif name == "other":
                olds, news = self.old.masthead.other, self.new.masthead.other
                pairs = [(olds[k] if k < len(olds) else "", news[k] if k < len(news) else "")
                         for k in range(max(len(olds), len(news)))]
            else:
                pairs = [(getattr(self.old.masthead, name), getattr(self.new.masthead, name))]
            for before, after in pairs:
                if not before and not after:
                    continue
                change = ParagraphChange(ChangeOp.EDITED, (), (), differ.segments(before, after))
                fake = replace(change, old=(Paragraph("masthead-old", before),) if before else (),
                               new=(Paragraph("masthead-new", after),) if after else ())
                for line in self.emit(-1, fake, "normal"):
                    line.style = masthead_style_id(name)
                    line.old = line.new = line.starts_old = line.starts_new = None
                    out.append(line)
        return out


def _deletions_first(outs: list[_Out]) -> list[_Out]:
    """Within each run of paragraphs that only one round has, the old round's before the
    new round's (each in its order): neither round sees the other's, so the order between
    them is free, and with the removed ones first every run can end on a kept mark."""
    out: list[_Out] = []
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


def _shift_marks(outs: list[_Out]) -> None:
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


def _decide_numbering(outs: list[_Out], old: Round, new: Round, numbering: Numbering,
                      templates: tuple[str, str, str], comparison: Comparison) -> dict[int, tuple[int, int]]:
    """For each output paragraph (by position), the Word numbering that shows its labels in
    both views, where there is one; sets `old_auto`/`new_auto` on the paragraphs."""
    lists = _JointLists(numbering, templates)
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
            level = _list_level(paragraph)
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


def _default_properties(paragraph: Paragraph | None, num: tuple[int, int] | None, rtl: bool,
                        typed: bool) -> _Element:
    if paragraph is None:
        return make_paragraph(bidi=rtl)
    if paragraph.kind is Kind.TITLE:
        return make_paragraph("Title", bidi=rtl, keep_next=True)
    if paragraph.kind is Kind.HEADING:
        return make_paragraph(f"Heading{min(max(paragraph.level, 1), 3)}", bidi=rtl, keep_next=True)
    if num is not None:
        return make_paragraph(num=num, bidi=rtl)
    if typed and paragraph.label:
        depth = paragraph.level if paragraph.kind is Kind.SUBPARAGRAPH else 0
        return make_paragraph(bidi=rtl, indent=(INDENT * (depth + 1), INDENT))
    return make_paragraph(bidi=rtl)


def _donor(outs: list[_Out], position: int, paragraph: Paragraph, layout: DocxLayout) -> _Out | None:
    """For a paragraph that the old file does not have: the nearest old paragraph of the same
    kind and level (a sibling under the same chapeau, for a subparagraph) whose properties
    it can take, so that Word numbers it in the same list."""
    def fits(candidate: _Out) -> bool:
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


def _base_properties(outs: list[_Out], layout: DocxLayout, rtl: bool) -> None:
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


def _donor_properties(outs: list[_Out], position: int, out: _Out, paragraph: Paragraph | None, layout: DocxLayout,
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
            ppr = _default_properties(paragraph, None, rtl, True).find(qn("w:pPr"))
            out.ppr = ppr


def render_tracked_docx(comparison: Comparison, old: Round, new: Round, *, moves: str = "delete-insert",
                        date: str | None = None, dates: dict[str, str] | None = None,
                        base: bytes | None = None) -> bytes:
    """The new round as Word revisions over the old one: `w:ins`/`w:del` (and `w:moveFrom`/
    `w:moveTo` with `moves="revisions"`), each authored by the delegations that proposed
    the change (the segment's `by`, joined with ', '; 'Chair' where no proposal explains it)
    and dated by its proposal (`dates`: proposal id → ISO date), else `date`, else the new
    round's date.  Inserted, deleted, split and merged paragraphs have their paragraph marks
    marked; footnotes carry their own revisions.

    With `base`, the bytes of the .docx the old round was read from, its styles, numbering,
    settings and theme are kept, and each old paragraph keeps its own properties (style,
    numbering, indentation): Word renumbers the paragraphs itself.  Otherwise the clean
    writer's styles and numbering are used, a label numbered by Word wherever the numbering
    shows it in both rounds, typed elsewhere.
    """
    if moves not in MOVES:
        raise ValueError(f"moves must be one of {', '.join(MOVES)}, not {moves!r}")
    with collector_paused():
        return _render_tracked(comparison, old, new, moves, date, dates, base)


def _render_tracked(comparison: Comparison, old: Round, new: Round, moves: str, date: str | None,
                    dates: dict[str, str] | None, base: bytes | None) -> bytes:
    layout = None
    if base is not None:
        from drafttool.readers.docx import read_docx_layout

        _, layout = read_docx_layout(base, label=old.label, language=old.language)
    tracked = _Tracked(comparison, old, new, moves=moves, dates=dates or {},
                       default_date=word_date(date or new.date or old.date or ""), layout=layout)
    rtl = tracked.rtl
    outs = _deletions_first(tracked.masthead() + tracked.paragraphs())
    _shift_marks(outs)
    if outs and outs[-1].mark != "equal":
        # Word keeps the last paragraph mark of a document whatever the revisions say: end
        # with a plain empty paragraph so that every revised mark can be accepted or rejected.
        outs.append(_Out(change=-1))
    numbering = Numbering()
    placed: dict[int, tuple[int, int]] = {}
    if layout is None:
        placed = _decide_numbering(outs, old, new, numbering, _templates(new), comparison)
    else:
        _base_properties(outs, layout, rtl)
    body: list[_Element] = []
    for position, out in enumerate(outs):
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
            element = _default_properties(paragraph, placed.get(position), rtl, typed)
            if out.old is not None and out.new is not None and (out.shifted or (
                    out.old.kind, out.old.level, bool(out.old.label)) != (out.new.kind, out.new.level,
                                                                           bool(out.new.label))):
                before = _default_properties(out.old, placed.get(position), rtl,
                                             bool(out.old.label and position not in placed))
                ours, theirs = element.find(_PPR_TAG), before.find(_PPR_TAG)
                if (etree.tostring(ours) if ours is not None else b"") != (
                        etree.tostring(theirs) if theirs is not None else b""):
                    # The paragraph changed kind (a heading merged into the title): rejecting
                    # the change gives its old style back (17.13.5.29).
                    tracked.revisions.properties_changed(element, theirs, tracked.chair)
        _typed_labels(tracked, out, outs, position, element)
        element.extend(out.content)
        if out.mark != "equal":
            assert out.mark_stamp is not None
            tracked.revisions.mark_paragraph(element, out.mark, out.mark_stamp)  # type: ignore[arg-type]
        body.append(element)
    tracked.number_notes(body)

    package = DocxPackage()
    document = make_document(body, rtl=rtl)
    if layout is not None and layout.section is not None:
        _replace_section(document, layout.section)
    package.add_document(document)
    parts = layout.parts if layout is not None else {}
    package.add_word_part("styles.xml", parts.get("styles.xml") or styles_xml(tracked.language), CT_STYLES,
                          REL_STYLES)
    keep_settings = "settings.xml" in parts and (not tracked.footnotes or b"footnotePr" in parts["settings.xml"])
    package.add_word_part("settings.xml", parts["settings.xml"] if keep_settings else settings_xml(
        footnotes=bool(tracked.footnotes)), CT_SETTINGS, REL_SETTINGS)
    if "numbering.xml" in parts:
        package.add_word_part("numbering.xml", parts["numbering.xml"], CT_NUMBERING, REL_NUMBERING)
    elif numbering.nums:
        package.add_word_part("numbering.xml", numbering.to_xml(), CT_NUMBERING, REL_NUMBERING)
    if "fontTable.xml" in parts:
        package.add_word_part("fontTable.xml", parts["fontTable.xml"], CT_FONT_TABLE, REL_FONT_TABLE)
    if "theme/theme1.xml" in parts:
        package.add_word_part("theme/theme1.xml", parts["theme/theme1.xml"], CT_THEME, REL_THEME)
    if tracked.footnotes:
        package.add_word_part("footnotes.xml", tracked.footnotes.to_xml(), CT_FOOTNOTES, REL_FOOTNOTES)
    title = next((markup.plain(p.text) for p in new.paragraphs if p.kind is Kind.TITLE), "")
    package.add("docProps/core.xml", core_properties_xml(
        title=title or f"{comparison.old_label} → {comparison.new_label}", language=new.language,
        subject=new.symbol), CT_CORE_PROPERTIES, REL_CORE_PROPERTIES)
    return package.to_bytes()


def _typed_labels(tracked: _Tracked, out: _Out, outs: list[_Out], position: int, element: _Element) -> None:
    """The labels Word does not number, typed before the text: the old round's where an old
    paragraph starts, the new round's where a new one starts; a changed label is the
    chair's revision (or the paragraph's, where the whole paragraph is inserted or deleted)."""
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

    old_label = out.starts_old.label if out.starts_old is not None and not auto(out.starts_old, "old") else ""
    new_label = out.starts_new.label if out.starts_new is not None and not auto(out.starts_new, "new") else ""
    if not old_label and not new_label:
        return
    stamp = out.label_stamp or tracked.chair
    fmt = tracked.writer.templates[(False, False)]
    if old_label == new_label:
        element.append(make_run_like(old_label + "\t", fmt))
        return
    if old_label:
        element.append(tracked.revisions.deleted([make_run_like(old_label + "\t", fmt, "w:delText")], stamp))
    if new_label:
        element.append(tracked.revisions.inserted([make_run_like(new_label + "\t", fmt)], stamp))


_HEADER_FOOTER = {qn("w:headerReference"), qn("w:footerReference")}
_FOOTNOTE_REFERENCE, _W_ID = qn("w:footnoteReference"), qn("w:id")
_OLD_ONLY = {qn("w:del"), qn("w:moveFrom")}
_NEW_ONLY = {qn("w:ins"), qn("w:moveTo")}


def _views_of(element: _Element) -> tuple[str, ...]:
    """The views a run is seen in: ('old',) inside a deletion, ('new',) inside an insertion."""
    parent = element.getparent()
    while parent is not None and parent.tag != _P_TAG:
        if parent.tag in _OLD_ONLY:
            return ("old",)
        if parent.tag in _NEW_ONLY:
            return ("new",)
        parent = parent.getparent()
    return ("old", "new")


_P_TAG = qn("w:p")
_PPR_TAG = qn("w:pPr")


def _replace_section(document: _Element, section: _Element) -> None:
    """Use the old file's page size and margins (its headers and footers are not carried)."""
    body = document.find(qn("w:body"))
    assert body is not None
    ours = body.find(qn("w:sectPr"))
    copy = section.__copy__()
    for child in list(copy):
        if child.tag in _HEADER_FOOTER or not child.tag.startswith(qn("w:x")[:-1]):
            copy.remove(child)
    for name in list(copy.attrib):
        if not name.startswith(qn("w:x")[:-1]):
            del copy.attrib[name]
    if ours is not None:
        body.replace(ours, copy)


# =============================================================================== static documents
#
# The comparison and the compilation text are read, not reviewed: their changes are static
# formatting (NEGOTIATION.md, 'Conventions for showing proposals'), never revisions.


@dataclass
class _Static:
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


def _label_indent(kind: Kind, level: int) -> tuple[int, int]:
    depth = level if kind is Kind.SUBPARAGRAPH else 0
    return INDENT * (depth + 1), INDENT


def _static_package(body: list[_Element], static: _Static, *, title: str, subject: str = "") -> bytes:
    package = DocxPackage()
    package.add_document(make_document(body, rtl=static.rtl))
    package.add_word_part("styles.xml", styles_xml(static.language), CT_STYLES, REL_STYLES)
    package.add_word_part("settings.xml", settings_xml(footnotes=bool(static.footnotes)), CT_SETTINGS, REL_SETTINGS)
    if static.footnotes:
        package.add_word_part("footnotes.xml", static.footnotes.to_xml(), CT_FOOTNOTES, REL_FOOTNOTES)
    package.add("docProps/core.xml", core_properties_xml(title=title, language=static.language, subject=subject),
                CT_CORE_PROPERTIES, REL_CORE_PROPERTIES)
    return package.to_bytes()


def _by_text(by: tuple[str, ...]) -> str:
    return f" ({', '.join(by)})" if by else ""


def _name_of(paragraph: Paragraph) -> str:
    """A paragraph named in 'moved from after …': its label, or its first words."""
    if paragraph.label:
        return paragraph.label
    words = markup.plain(paragraph.text).split()
    head = " ".join(words[:5])[:40]
    return f"“{head}…”" if len(words) > 5 else f"“{head}”"


# ------------------------------------------------------------------------------- comparison


def _change_blocks(static: _Static, change: ParagraphChange | FootnoteChange,
                   frame: tuple[Paragraph, ...]) -> list[list[_Element]]:
    """The runs of each paragraph of a change as shown inline: kept words plain, deleted
    words struck, inserted words bold and underlined, each change followed by its proposers
    (once after a deletion replaced by an insertion of the same proposers); a removed or
    added paragraph break shown as a struck or added '¶'."""
    blocks: list[list[_Element]] = [[]]
    side_kind = INSERT_KIND if (frame and isinstance(change, ParagraphChange) and change.new) or (
        isinstance(change, FootnoteChange) and change.new is not None) else DELETE_KIND
    state = {"old": (False, False), "new": (False, False)}
    segments = change.segments
    for position, segment in enumerate(segments):
        kind = segment.kind
        parts = segment.text.split("\n")
        for number, part in enumerate(parts):
            if number:
                if kind is not EQUAL_KIND:
                    blocks[-1].append(make_run("¶", static.fmt(markup.Run("¶"), "insert" if kind is INSERT_KIND
                                                                  else "delete")))
                if kind is EQUAL_KIND or kind is side_kind:
                    blocks.append([])
            if not part:
                continue
            if kind is EQUAL_KIND:
                runs, *state["old"] = markup.parse_from(part, *state["old"])  # type: ignore[assignment]
                runs, *state["new"] = markup.parse_from(part, *state["new"])  # type: ignore[assignment]
                blocks[-1].extend(static.runs(runs))
            elif kind is DELETE_KIND:
                runs, *state["old"] = markup.parse_from(part, *state["old"])  # type: ignore[assignment]
                blocks[-1].extend(static.runs(runs, "delete"))
            else:
                runs, *state["new"] = markup.parse_from(part, *state["new"])  # type: ignore[assignment]
                blocks[-1].extend(static.runs(runs, "insert"))
        if kind is not EQUAL_KIND and segment.by:
            following = segments[position + 1] if position + 1 < len(segments) else None
            replaced = kind is DELETE_KIND and following is not None and following.kind is INSERT_KIND and \
                following.by == segment.by
            if not replaced:
                blocks[-1].append(static.words(_by_text(segment.by), style="Proposers"))
    return blocks


def render_comparison_docx(comparison: Comparison, old: Round, new: Round) -> bytes:
    """The comparison of two rounds as a Word file to read (static formatting, not
    revisions): a title with both rounds, a summary of counts, a table of old → new
    numbers, then each change — its op, labels, where a moved paragraph came from, the
    words struck and added with their proposers — runs of unchanged paragraphs summarised,
    and the footnotes changed."""
    with collector_paused():
        return _render_comparison(comparison, old, new)


def _render_comparison(comparison: Comparison, old: Round, new: Round) -> bytes:
    language = (new.language or old.language).split("-")[0].lower()
    static = _Static(language, rtl=languages.is_rtl(language), east_asian=language == "zh",
                     labels={f.id: f.label for f in (*old.footnotes, *new.footnotes)})
    body: list[_Element] = []

    def line(text: str, style: str = "", **run: bool) -> _Element:
        element = static.paragraph(style)
        element.append(static.words(text, **run))  # type: ignore[arg-type]
        body.append(element)
        return element

    line(f"Comparison: {comparison.old_label} → {comparison.new_label}", "Title")
    dates = " → ".join(d for d in (old.date, new.date) if d)
    symbol = new.symbol or old.symbol
    if dates or symbol:
        line(" · ".join(x for x in (symbol, dates) if x), italic=True)
    counts = Counter(change.op.value for change in comparison.changes)
    summary = ", ".join(f"{counts[op.value]} {op.value}" for op in ChangeOp if counts[op.value])
    line(f"Paragraphs: {summary or 'none'}.")
    note_counts = Counter(change.op.value for change in comparison.footnotes)
    if comparison.footnotes:
        line("Footnotes: " + ", ".join(f"{note_counts[op.value]} {op.value}" for op in ChangeOp
                                       if note_counts[op.value]) + ".")
    legend = static.paragraph()
    legend.extend([static.words("Legend: "), make_run("inserted words", static.fmt(markup.Run(""), "insert")),
                   static.words(", "), make_run("deleted words", static.fmt(markup.Run(""), "delete")),
                   static.words(", followed by their proposers"), static.words(" (EU)", style="Proposers"),
                   static.words(".")])
    body.append(legend)

    old_place = {p.id: i for i, p in enumerate(old.paragraphs)}
    new_place = {p.id: i for i, p in enumerate(new.paragraphs)}
    line("Paragraph numbers", "Heading1", )
    body.append(_numbers_table(static, comparison))
    line("Changes", "Heading1")
    quiet: list[ParagraphChange] = []

    def flush() -> None:
        if not quiet:
            return
        renumbered = sum(1 for c in quiet if c.op is ChangeOp.RENUMBERED)
        labelled = [c for c in quiet if c.new and c.new[0].label]
        span = ""
        if labelled:
            first, last = labelled[0], labelled[-1]

            def shown(c: ParagraphChange) -> str:
                before, after = c.old[0].label, c.new[0].label
                return f"{before} → {after}" if before != after else after
            span = f": {shown(first)}" + (f" … {shown(last)}" if last is not first else "")
        extra = f", {renumbered} renumbered" if renumbered else ""
        line(f"{len(quiet)} unchanged paragraph{'s' if len(quiet) != 1 else ''}{extra}{span}", "SummaryLine",
             italic=True)
        quiet.clear()

    for change in comparison.changes:
        status_changed = bool(change.old and change.new and change.old[0].status != change.new[0].status)
        if change.op in (ChangeOp.UNCHANGED, ChangeOp.RENUMBERED) and not change.edited and not status_changed:
            quiet.append(change)
            continue
        flush()
        header = static.paragraph("ChangeHeading", keep_next=True)
        old_labels = ", ".join(p.label for p in change.old if p.label)
        new_labels = ", ".join(p.label for p in change.new if p.label)
        labels_text = (f"{old_labels} → {new_labels}" if old_labels and new_labels and old_labels != new_labels
                       else new_labels or old_labels or _name_of((change.new or change.old)[0]))
        what = {ChangeOp.SPLIT: f"split into {len(change.new)} paragraphs",
                ChangeOp.MERGED: f"merged from {len(change.old)} paragraphs"}.get(change.op, change.op.value)
        header.append(static.words(f"[{what}] ", bold=True))
        header.append(static.words(labels_text, bold=True))
        if change.moved and change.old and change.new:
            i, j = old_place.get(change.old[0].id, 0), new_place.get(change.new[0].id, 0)
            where = f"after {_name_of(old.paragraphs[i - 1])}" if i else "at the start"
            to = f"after {_name_of(new.paragraphs[j - 1])}" if j else "to the start"
            header.append(static.words(f" — moved from {where}, now {to}", italic=True))
        if status_changed:
            header.append(static.words(f" — status {change.old[0].status.label} → {change.new[0].status.label}",
                                       italic=True))
        by = tuple(dict.fromkeys([*change.by, *(code for s in change.segments if s.kind is not EQUAL_KIND
                                                for code in s.by)]))
        if by:
            header.append(static.words(_by_text(by), style="Proposers"))
        body.append(header)
        frame = change.new or change.old
        blocks = _change_blocks(static, change, frame)
        for index, runs in enumerate(blocks):
            paragraph = frame[index] if index < len(frame) else frame[-1]
            element = static.paragraph(indent=_label_indent(paragraph.kind, paragraph.level))
            if paragraph.label:
                element.append(static.words(paragraph.label + "\t"))
            element.extend(runs)
            body.append(element)
    flush()
    changed_notes = [c for c in comparison.footnotes if c.op is not ChangeOp.UNCHANGED]
    if changed_notes:
        line("Footnotes", "Heading1")
        for note in changed_notes:
            before = note.old.label if note.old else ""
            after = note.new.label if note.new else ""
            numbers = f"{before} → {after}" if before and after and before != after else after or before
            element = static.paragraph()
            element.append(static.words(f"[{note.op.value}] {numbers}\t", bold=True))
            for runs in _change_blocks(static, note, ()):
                element.extend(runs)
            body.append(element)
    return _static_package(body, static, title=f"{comparison.old_label} → {comparison.new_label}",
                           subject=symbol)


def _numbers_table(static: _Static, comparison: Comparison) -> _Element:
    """A table of the old and new number of every labelled paragraph, and what became of it."""
    table = make("w:tbl")
    properties = make("w:tblPr")
    properties.append(make("w:tblW", {"w:w": "0", "w:type": "auto"}))
    borders = make("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(make(f"w:{side}", {"w:val": "single", "w:sz": "4", "w:space": "0", "w:color": "A6A6A6"}))
    properties.append(borders)
    table.append(properties)
    grid = make("w:tblGrid")
    for width in (1700, 1700, 2600):
        grid.append(make("w:gridCol", {"w:w": str(width)}))
    table.append(grid)

    def row(cells: tuple[str, str, str], header: bool = False) -> None:
        element = make("w:tr")
        if header:
            trpr = make("w:trPr")
            trpr.append(make("w:tblHeader"))
            element.append(trpr)
        for text in cells:
            cell = make("w:tc")
            paragraph = make_paragraph(bidi=static.rtl)
            if text:
                paragraph.append(static.words(text, bold=header))
            cell.append(paragraph)
            element.append(cell)
        table.append(element)

    row((comparison.old_label, comparison.new_label, "change"), header=True)
    for change in comparison.changes:
        before = ", ".join(p.label for p in change.old if p.label)
        after = ", ".join(p.label for p in change.new if p.label)
        if before or after:
            row((before or "—", after or "—", change.op.value + (" (moved)" if change.moved and change.op not in (
                ChangeOp.MOVED,) else "")))
    return table


# ------------------------------------------------------------------------------- compilation


def render_compilation_docx(compilation: Compilation, *, attribution: str = "parentheses",
                            colour_statuses: bool = False) -> bytes:
    """The compilation text as a Word file (static formatting): a masthead (symbol, date,
    round), the legend, then every paragraph with its proposals inline — insertions bold
    and underlined, deletions struck through, the proposers after each in the chosen style
    (`compilation.ATTRIBUTION_STYLES`), overlapping proposals as option groups in brackets
    one after the other — its status tag, and under it the alternatives, added paragraphs
    (bis, ter…), proposals to delete, move or retain it and statements on it.  Footnotes are
    Word footnotes holding their own proposals."""
    from drafttool.negotiate.compilation import (
        ATTRIBUTION_STYLES, LEGEND_NOTES, NOTE_INTROS, STATUS_COLOURS, attribution_text, legend, phrase_language,
        proposers_text,
    )

    if attribution not in ATTRIBUTION_STYLES:
        raise ValueError(f"attribution must be one of {', '.join(ATTRIBUTION_STYLES)}, not {attribution!r}")
    round_ = compilation.round
    language = round_.language.split("-")[0].lower()
    every_status = tuple(compilation.statuses) != (ProposalStatus.PENDING,)
    static = _Static(language, rtl=languages.is_rtl(language), east_asian=language == "zh", real_notes=True,
                     note_texts={f.footnote.id: f.footnote for f in compilation.footnotes},
                     labels={f.id: f.label for f in round_.footnotes})
    note_pieces = {f.footnote.id: f.pieces for f in compilation.footnotes}

    def after_piece(piece: Piece) -> list[_Element]:
        out: list[_Element] = []
        words = attribution_text(piece, attribution)
        if words:
            out.append(static.words(words, style="Proposers"))
        if every_status and piece.ends_proposal and piece.proposers is not None:
            out.append(static.words(f" [{piece.proposers.status.value}]", style="StatusTag"))
        return out

    def pieces_runs(pieces: tuple[Piece, ...], *, in_note: bool = False) -> list[_Element]:
        out: list[_Element] = []
        k = 0
        while k < len(pieces):
            piece = pieces[k]
            if piece.group is None:
                out.extend(static.text(piece.text, piece.kind, in_note=in_note))
                out.extend(after_piece(piece))
                k += 1
                continue
            group = piece.group
            end = k
            while end < len(pieces) and pieces[end].group == group:
                end += 1
            variants: dict[int, list[Piece]] = {}
            for member in pieces[k:end]:
                variants.setdefault(member.variant, []).append(member)
            for number, (_, members) in enumerate(sorted(variants.items())):
                if number:
                    out.append(static.words(" "))
                out.append(static.words("["))
                for member in members:
                    out.extend(static.text(member.text, member.kind, in_note=in_note))
                    out.extend(after_piece(member))
                out.append(static.words("]"))
            k = end
        return out

    static.notes_body = lambda note_id: pieces_runs(note_pieces.get(note_id, ()), in_note=True)
    body: list[_Element] = []

    def line(text: str, style: str = "", **run: bool) -> _Element:
        element = static.paragraph(style)
        element.append(static.words(text, **run))  # type: ignore[arg-type]
        body.append(element)
        return element

    for name, value in masthead_lines(round_):
        element = static.paragraph(masthead_style_id(name))
        element.extend(static.text(value))
        body.append(element)
    notes, intros = LEGEND_NOTES[phrase_language(language)], NOTE_INTROS[phrase_language(language)]
    heading = f"{notes['compilation']} — {round_.label}" + (f", {round_.date}" if round_.date else "")
    line(heading, "Subtitle", bold=True)
    line(notes["title"], "Heading3")
    for _, text in legend(language, attribution):
        line(text, "LegendLine", italic=True)
    if attribution == "none":
        line(notes["none"], "LegendLine", italic=True)
    if every_status:
        line(notes["every-status"], "LegendLine", italic=True)

    for compiled in compilation.paragraphs:
        paragraph = compiled.paragraph
        # w:shd takes 'E2EFD9' where CSS takes '#e2efd9'
        shading = STATUS_COLOURS.get(paragraph.status.value.value, "#")[1:].upper() if colour_statuses else ""
        if paragraph.kind is Kind.TITLE:
            element = static.paragraph("Title", keep_next=True, shading=shading)
        elif paragraph.kind is Kind.HEADING:
            element = static.paragraph(f"Heading{min(max(paragraph.level, 1), 3)}", keep_next=True, shading=shading)
        else:
            element = static.paragraph(indent=_label_indent(paragraph.kind, paragraph.level) if compiled.label else
                                       None, shading=shading)
        if compiled.label:
            element.append(static.words(compiled.label + "\t", bold=compiled.proposed_by is not None))
        element.extend(pieces_runs(compiled.pieces))
        if paragraph.status.value is not StatusValue.OPEN:
            element.append(static.words(f" [{paragraph.status.label}]", style="StatusTag"))
        body.append(element)
        indent = (_label_indent(paragraph.kind, paragraph.level)[0], 0)

        def note(intro: str, who: Proposers, what: str, text: str = "", label: str = "") -> None:
            item = static.paragraph("ProposalNote", indent=indent)
            if label:
                item.append(static.words(label + ": ", bold=True))
            item.append(static.words(intro, italic=True))
            if text:
                item.extend(static.text(text, "insert"))
            words = proposers_text(who, attribution, what)
            if words:
                item.append(static.words(" " + words, style="Proposers"))
            if every_status:
                item.append(static.words(f" [{who.status.value}]", style="StatusTag"))
            body.append(item)

        for alternative in compiled.alternatives:
            note("" if alternative.text else intros["no-text"], alternative.proposers, "", alternative.text,
                 alternative.label)
        for who in compiled.deletions:
            note(intros["delete"], who, "delete")
        for who, side, where in compiled.moves:
            note(intros[side].format(label=where), who, "move")
        for who in compiled.retains:
            note(intros["retain"], who, "retain")
        for who, text in compiled.statements:
            note(intros["statement"] + intros["colon"] + intros["after-colon"], who, "", "")
            body[-1].extend(static.text(text))
    return _static_package(body, static, title=f"{notes['compilation']} — {round_.label}", subject=round_.symbol)
