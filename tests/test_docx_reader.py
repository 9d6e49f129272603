"""The .docx reader: Word numbering, headings, footnotes, formatting, tracked changes,
comments and bad input — checked against LibreOffice where it can show the same thing."""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from drafttool.readers.markdown import read_markdown
from drafttool.renderers.markdown import render_round_markdown
from drafttool.text import markup
from drafttool.errors import InputError
from drafttool.model import Kind, NoteKind, Round
from drafttool.readers import Reading, Revision, TrackedChanges, read_document
from drafttool.readers.docx import read_docx

import docx_fixtures as fx
import libreoffice
from docx_fixtures import docx, footnote, footnote_ref, footnotes, p, r, styles

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def read(data: bytes, **options) -> Reading:  # type: ignore[no-untyped-def]
    return read_docx(data, path="test.docx", **options)


def outline(round_: Round) -> list[tuple[str, str, str, str | None, int, str]]:
    return [(q.id, q.kind.value, q.label, q.parent, q.level, q.text) for q in round_.paragraphs]


def labels_and_texts(round_: Round) -> list[tuple[str, str]]:
    return [(q.label, q.text) for q in round_.paragraphs]


NUMBERED = """<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:abstractNum w:abstractNumId="0">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>
    <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%3)"/></w:lvl>
  </w:abstractNum>
  {extra}
  <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
  {nums}
</w:numbering>"""


def numbering(extra: str = "", nums: str = "") -> str:
    return NUMBERED.replace("{extra}", extra).replace("{nums}", nums)


# ---------------------------------------------------------------------------- fixtures on disk


def test_reviewed_fixtures_on_disk_match_their_source(update_golden: bool) -> None:
    """tests/fixtures/<name>.docx and its unzipped copy are what docx_fixtures.py builds."""
    if update_golden:
        fx.write_fixtures()
    for name, parts in fx.REVIEWED.items():
        with zipfile.ZipFile(FIXTURES / name) as archive:
            assert {n: archive.read(n) for n in archive.namelist()} == parts, f"run pytest --update-golden ({name})"
        unzipped = FIXTURES / f"{name}.d"
        on_disk = {str(f.relative_to(unzipped)): f.read_bytes() for f in unzipped.rglob("*") if f.is_file()}
        assert on_disk == parts


# ---------------------------------------------------------------------------- numbering.docx


def test_numbering_fixture_gives_word_labels_kinds_and_parents() -> None:
    reading = read_document(FIXTURES / "numbering.docx", label="Rev.1")
    assert outline(reading.round) == [
        ("title", "title", "", None, 0, "Draft declaration on drug policy[^fn-star]"),
        ("pp1", "preambular", "", None, 0, "*We* the Ministers, gathered in Vienne,"),
        ("sec-I", "heading", "I.", None, 1, "Our common commitments"),
        ("p1", "operative", "1.", None, 0, "We reaffirm our **commitment** to the *three conventions*."),
        ("p2", "operative", "2.", None, 0, "We decide[^fn-1]:"),
        ("p2.a", "subparagraph", "a)", "p2", 1, "To strengthen cooperation;"),
        ("p2.b", "subparagraph", "b)", "p2", 1, "To improve *data* collection:"),
        ("p2.b.i", "subparagraph", "i)", "p2.b", 2, "At the national level;"),
        ("p2.b.ii", "subparagraph", "ii)", "p2.b", 2, "At the regional level[^fn-2];"),
        ("p2.c", "subparagraph", "c)", "p2", 1, "To review progress."),
        ("p2bis", "operative", "2 bis.", None, 0, "We welcome the report of the Secretary-General and decide:"),
        ("p2bis.a", "subparagraph", "a)", "p2bis", 1, "To meet again in 2029;"),
        ("p2bis.b", "subparagraph", "b)", "p2bis", 1, "To report ***annually***."),
        ("sec-I-A", "heading", "A.", "sec-I", 2, "Implementation"),
        ("p3", "operative", "3.", None, 0, "We further decide:"),
        ("p3.a", "subparagraph", "a)", "p3", 1, "To act;"),
        ("sec-II", "heading", "II.", None, 1, "Follow-up"),
        ("sec-II-A", "heading", "A.", "sec-II", 2, "Reporting"),
        ("p4", "operative", "4.", None, 0, "We request the Office:"),
        ("p4.a", "subparagraph", "(a)", "p4", 1, "To collect data;"),
        ("p4.b", "subparagraph", "(b)", "p4", 1, "To publish it."),
        ("p5", "operative", "5.", None, 0, "We adopt the following table of indicators:"),
        ("tbl-1", "container", "", None, 0, ""),
        ("tbl-1.r1", "container", "", "tbl-1", 0, ""),
        ("tbl-1.r1.c1", "container", "", "tbl-1.r1", 0, ""),
        ("tbl-1.r1.c1.p1", "text", "", "tbl-1.r1.c1", 0, "Indicator"),
        ("tbl-1.r1.c2", "container", "", "tbl-1.r1", 0, ""),
        ("tbl-1.r1.c2.p1", "text", "", "tbl-1.r1.c2", 0, "Source"),
        ("tbl-1.r2", "container", "", "tbl-1", 0, ""),
        ("tbl-1.r2.c1", "container", "", "tbl-1.r2", 0, ""),
        ("tbl-1.r2.c1.p1", "text", "", "tbl-1.r2.c1", 0, "Seizures"),
        ("tbl-1.r2.c2", "container", "", "tbl-1.r2", 0, ""),
        ("tbl-1.r2.c2.p1", "text", "", "tbl-1.r2.c2", 0, "Member States"),
        ("p6", "operative", "6.", None, 0, "We decide to remain seized of the matter."),
    ]
    assert [(f.id, f.label, f.text) for f in reading.round.footnotes] == [
        ("fn-star", "*", "E/CN.7/2024/1."),
        ("fn-1", "1", "See *Official Records*, 2019."),
        ("fn-2", "2", "Resolution S-30/1, annex."),
    ]
    assert reading.round.label == "Rev.1"
    assert reading.round.language == "en"
    assert [str(n) for n in reading.notices] == []
    assert reading.revisions == () and reading.comments == ()


def _as_displayed(round_: Round) -> list[str]:
    """Each paragraph as a text export shows it: label, text, footnote marks as written."""
    marks = {f.id: f.label for f in round_.footnotes}
    lines = []
    for paragraph in round_.paragraphs:
        if paragraph.kind is Kind.CONTAINER and not paragraph.label and not paragraph.text:
            continue  # a table, row or cell: LibreOffice shows its paragraphs, not it
        text = "".join(marks[run.footnote] if run.footnote else run.text for run in markup.parse(paragraph.text))
        lines.append(" ".join(f"{paragraph.label} {text}".split()))
    return lines


def test_numbering_fixture_labels_are_the_numbers_libreoffice_displays(tmp_path: Path) -> None:
    """LibreOffice writes list numbers into its text export: every line of it, label and
    text, equals the paragraph we read, in order."""
    (output,) = libreoffice.convert([FIXTURES / "numbering.docx"], "txt:Text", tmp_path)
    shown = [" ".join(line.split()) for line in libreoffice.text_lines(output)]
    assert shown == _as_displayed(read_document(FIXTURES / "numbering.docx").round)


# ---------------------------------------------------------------------------- numbering rules


def test_letters_continue_across_nums_of_one_list_and_restart_with_a_start_override() -> None:
    nums = ('<w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>'
            '<w:num w:numId="3"><w:abstractNumId w:val="0"/>'
            '<w:lvlOverride w:ilvl="1"><w:startOverride w:val="1"/></w:lvlOverride></w:num>')
    body = "".join([
        p("Recalling:"), p("one;", num=(1, 1)), p("two;", num=(2, 1)),   # numId 2 shares the list's counters
        p("Noting:"), p("three;", num=(1, 1)), p("again one.", num=(3, 1)),
    ])
    reading = read(docx(body, numbering=numbering(nums=nums)))
    assert [q.label for q in reading.round.paragraphs] == ["", "a)", "b)", "", "c)", "a)"]


def test_a_level_is_found_through_the_paragraph_style_and_its_base_styles() -> None:
    extra_styles = """
      <w:style w:type="paragraph" w:styleId="Op"><w:name w:val="UN Operative"/>
        <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="Sub"><w:name w:val="UN Sub"/><w:basedOn w:val="Op"/>
        <w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="Sub2"><w:name w:val="UN Sub Two"/><w:basedOn w:val="Sub"/></w:style>
    """
    body = "".join([p("Decides:", style="Op"), p("first;", style="Sub"), p("second;", style="Sub2"),
                    p("Requests.", style="Op"), p("Not numbered.", style="Op", num=(0, 0))])
    reading = read(docx(body, numbering=numbering(), styles=styles(extra_styles)))
    assert labels_and_texts(reading.round) == [("1.", "Decides:"), ("a)", "first;"), ("b)", "second;"),
                                               ("2.", "Requests."), ("", "Not numbered.")]


def test_a_level_linked_to_a_heading_style_by_its_pstyle_gives_the_heading_its_level() -> None:
    """Word finds the level of a style numbered without `w:ilvl` from the level whose
    `w:pStyle` names the style (ECMA-376 17.9.22); LibreOffice 7.4 does not."""
    defs = """<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:pStyle w:val="H1"/>
          <w:lvlText w:val="%1."/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="upperLetter"/><w:pStyle w:val="H2"/>
          <w:lvlText w:val="%2."/></w:lvl>
      </w:abstractNum><w:num w:numId="7"><w:abstractNumId w:val="0"/></w:num></w:numbering>"""
    extra = """
      <w:style w:type="paragraph" w:styleId="H1"><w:name w:val="heading 1"/>
        <w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="H2"><w:name w:val="Heading 2"/>
        <w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>"""
    body = "".join([p("Scope", style="H1"), p("Data", style="H2"), p("Methods", style="H2"), p("Review", style="H1")])
    reading = read(docx(body, numbering=defs, styles=styles(extra)))
    assert [(q.id, q.label, q.level) for q in reading.round.paragraphs] == [
        ("sec-I", "I.", 1), ("sec-I-A", "A.", 2), ("sec-I-B", "B.", 2), ("sec-II", "II.", 1)]


def test_level_restart_is_honoured_and_legal_numbering_shows_every_level_in_digits() -> None:
    defs = """<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlRestart w:val="0"/>
          <w:lvlText w:val="%2."/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:isLgl/><w:lvlText w:val="%1.%3"/></w:lvl>
      </w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"""
    body = "".join([p("One", num=(1, 0)), p("first", num=(1, 1)), p("Two", num=(1, 0)), p("second", num=(1, 1)),
                    p("legal", num=(1, 2))])
    reading = read(docx(body, numbering=defs))
    # level 1 never restarts (lvlRestart 0): 1., 2. across headings I. and II.
    assert [q.label for q in reading.round.paragraphs] == ["I.", "1.", "II.", "2.", "2.1"]


@pytest.mark.parametrize(("fmt", "text", "expected"), [
    ("upperLetter", "%1.", ["A.", "B.", "C."]),
    ("arabicAbjad", "(%1)", ["(أ)", "(ب)", "(ج)"]),
    ("chineseCounting", "（%1）", ["（一）", "（二）", "（三）"]),
    ("hindiNumbers", "%1 -", ["١ -", "٢ -", "٣ -"]),
    ("decimalZero", "%1.", ["01.", "02.", "03."]),
    ("ideographTraditional", "%1、", ["甲、", "乙、", "丙、"]),
])
def test_number_formats_are_displayed_as_word_does(fmt: str, text: str, expected: list[str]) -> None:
    defs = f"""<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
      <w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>
      <w:lvlText w:val="{text}"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
      </w:numbering>"""
    body = "".join(p(word, num=(1, 0)) for word in ("alpha", "beta", "gamma"))
    assert [q.label for q in read(docx(body, numbering=defs)).round.paragraphs] == expected


def test_abjad_letters_under_a_numbered_arabic_paragraph_are_subparagraphs() -> None:
    defs = """<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1 -"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="arabicAbjad"/><w:lvlText w:val="(%2)"/></w:lvl>
      </w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"""
    body = "".join([p("تقرر ما يلي:", num=(1, 0)), p("التعاون؛", num=(1, 1)), p("البيانات.", num=(1, 1))])
    reading = read(docx(body, numbering=defs))
    assert [(q.id, q.label, q.parent) for q in reading.round.paragraphs] == [
        ("p1", "1 -", None), ("p1.a", "(أ)", "p1"), ("p1.b", "(ب)", "p1")]
    assert reading.round.language == "ar"


def test_labels_typed_in_the_text_are_read_when_there_is_no_numbering() -> None:
    body = "".join([p("18.\tWe note:"), p("a)  the first;"), p("(b) the second."), p("19. We close.")])
    reading = read(docx(body))
    assert [(q.id, q.label, q.text) for q in reading.round.paragraphs] == [
        ("p18", "18.", "We note:"), ("p18.a", "a)", "the first;"), ("p18.b", "(b)", "the second."),
        ("p19", "19.", "We close.")]


def test_numbering_that_points_nowhere_gives_no_label_and_a_notice() -> None:
    reading = read(docx(p("Decides.", num=(9, 0)), numbering=numbering()))
    assert labels_and_texts(reading.round) == [("", "Decides.")]
    assert [n.message for n in reading.notices] == [
        "1 paragraph(s) refer to list numbering that numbering.xml does not define; read without a number"]


def test_a_bullet_list_gives_no_label_and_a_notice() -> None:
    defs = """<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
      <w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/>
      <w:lvlText w:val="•"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
      </w:numbering>"""
    reading = read(docx(p("Recalling", num=(1, 0)), numbering=defs))
    assert labels_and_texts(reading.round) == [("", "Recalling")]
    assert [n.message for n in reading.notices] == ["left out 1 bullet(s) before list paragraphs"]


def test_word_bullets_under_a_numbered_paragraph_are_its_subparagraphs_labelled_with_the_bullet() -> None:
    defs = """<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
      <w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/>
      <w:lvlText w:val=""/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
      </w:numbering>"""
    body = (p("Recalling its resolution 70/1,", num=(1, 0)) + p("1.\tDecides that the report shall cover:")
            + p("the state of the ocean;", num=(1, 0)) + p("the measures taken;", num=(1, 0))
            + p("2.\tRequests a report."))
    reading = read(docx(body, numbering=defs))
    assert [(q.id, q.kind.value, q.label, q.parent, q.text) for q in reading.round.paragraphs] == [
        ("pp1", "preambular", "", None, "Recalling its resolution 70/1,"),
        ("p1", "operative", "1.", None, "Decides that the report shall cover:"),
        ("p1.bullet1", "subparagraph", "•", "p1", "the state of the ocean;"),
        ("p1.bullet2", "subparagraph", "•", "p1", "the measures taken;"),
        ("p2", "operative", "2.", None, "Requests a report."),
    ]
    assert [n.message for n in reading.notices] == ["left out 1 bullet(s) before list paragraphs"]
    assert read_markdown(render_round_markdown(reading.round), path="r.md").round.paragraphs == \
        reading.round.paragraphs


# ---------------------------------------------------------------------------- headings, masthead


def test_headings_by_outline_level_or_style_name_and_the_title_style() -> None:
    extra = """<w:style w:type="paragraph" w:styleId="Titre1"><w:name w:val="heading 1"/></w:style>
      <w:style w:type="paragraph" w:styleId="Mine"><w:name w:val="Section"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr>
      </w:style>"""
    body = "".join([p("Déclaration", style="Title"), p("I.\tEngagements", style="Titre1"),
                    p("Collecte", style="Mine"), p("Nous décidons.", ppr='<w:outlineLvl w:val="9"/>'),
                    p("Suivi", ppr='<w:outlineLvl w:val="0"/>')])
    reading = read(docx(body, styles=styles(extra)))
    assert [(q.id, q.kind, q.label, q.level) for q in reading.round.paragraphs] == [
        ("title", Kind.TITLE, "", 0), ("sec-I", Kind.HEADING, "I.", 1), ("sec-I-u1", Kind.HEADING, "", 2),
        ("pp1", Kind.PREAMBULAR, "", 0), ("sec-u2", Kind.HEADING, "", 1)]


def test_masthead_styles_fill_the_masthead_and_the_symbol() -> None:
    extra = "".join(f'<w:style w:type="paragraph" w:styleId="M{n}"><w:name w:val="Masthead {n}"/></w:style>'
                    for n in ("Organ", "Symbol", "Agenda Item", "Other"))
    body = "".join([p("General Assembly", style="MOrgan"), p("A/78/L.1", style="MSymbol"),
                    p("Item 3", footnote_ref(1, "*"), style="MAgenda Item"), p("Draft", style="MOther"),
                    p("Title", style="Title"), p("1. Decides.")])
    reading = read(docx(body, styles=styles(extra), footnotes=footnotes(footnote(1, "A/78/100.", mark="*"))))
    masthead = reading.round.masthead
    assert (masthead.organ, masthead.agenda_item, masthead.other) == ("General Assembly", "Item 3[^fn-star]", ("Draft",))
    assert reading.round.symbol == "A/78/L.1"
    assert [f.id for f in reading.round.footnotes] == ["fn-star"]


# ---------------------------------------------------------------------------- footnotes


def test_footnotes_are_numbered_in_order_of_reference_custom_marks_apart() -> None:
    body = p("1. See", footnote_ref(7), " and", footnote_ref(3, "**"), " and", footnote_ref(5), ".")
    notes = footnotes(footnote(3, "Double star.", mark="**"), footnote(5, "Second."), footnote(7, "First."))
    reading = read(docx(body, footnotes=notes))
    assert reading.round.paragraphs[0].text == "See[^fn-1] and[^fn-starstar] and[^fn-2]."
    # Listed in the order of their bodies in footnotes.xml (Word keeps it in reference order).
    assert [(f.id, f.label, f.text) for f in reading.round.footnotes] == [
        ("fn-starstar", "**", "Double star."), ("fn-2", "2", "Second."), ("fn-1", "1", "First.")]


def test_footnote_numbering_start_and_format_come_from_the_settings() -> None:
    settings = """<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
      <w:footnotePr><w:numFmt w:val="lowerRoman"/><w:numStart w:val="4"/><w:footnote w:id="-1"/>
      <w:footnote w:id="0"/></w:footnotePr></w:settings>"""
    body = p("1. See", footnote_ref(1), " and", footnote_ref(2), ".")
    reading = read(docx(body, footnotes=footnotes(footnote(1, "A."), footnote(2, "B.")), settings=settings))
    assert [(f.id, f.label) for f in reading.round.footnotes] == [("fn-iv", "iv"), ("fn-v", "v")]


def test_endnotes_are_read_as_endnotes_with_their_roman_numbers() -> None:
    notes = ('<w:endnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
             '<w:endnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:endnote>'
             '<w:endnote w:id="1"><w:p><w:r><w:endnoteRef/></w:r><w:r><w:t xml:space="preserve"> Annex.</w:t></w:r>'
             '</w:p></w:endnote></w:endnotes>')
    body = p("1. See", r(content='<w:endnoteReference w:id="1"/>'), ".")
    reading = read(docx(body, endnotes=notes))
    assert reading.round.paragraphs[0].text == "See[^en-i]."
    assert [(f.id, f.label, f.text, f.kind) for f in reading.round.footnotes] == [
        ("en-i", "i", "Annex.", NoteKind.ENDNOTE)]
    assert reading.notices == ()


def test_a_reference_to_a_missing_footnote_is_left_out_with_a_notice() -> None:
    reading = read(docx(p("1. See", footnote_ref(9), "."), footnotes=footnotes()))
    assert reading.round.paragraphs[0].text == "See."
    assert [n.message for n in reading.notices] == ["1 footnote reference(s) point to no footnote in the file; left out"]


# ---------------------------------------------------------------------------- inline content


def test_bold_and_italic_from_runs_character_styles_and_complex_script_properties() -> None:
    extra = '<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>'
    body = p(
        r("Decides", i=True), " ", r("firmly", props='<w:rStyle w:val="Strong"/>'), " ",
        r("not", props='<w:rStyle w:val="Strong"/><w:b w:val="0"/>'), " ",
        r("off", props='<w:i w:val="false"/>'), " ",
        r("يقرر", props="<w:bCs/><w:rtl/>"), " ", r("لا", b=True, props='<w:bCs w:val="0"/><w:rtl/>'), ".",
    )
    reading = read(docx(body, styles=styles(extra)))
    assert reading.round.paragraphs[0].text == "*Decides* **firmly** not off **يقرر** لا."


def test_special_characters_fields_links_and_controls_are_read_through() -> None:
    body = p(
        r(content="<w:t>A</w:t><w:tab/><w:t>B</w:t><w:br/><w:t>C</w:t>"), " ",
        r(content="<w:t>e</w:t><w:noBreakHyphen/><w:t>mail</w:t><w:softHyphen/><w:t>s</w:t>"), " ",
        r(content='<w:sym w:font="Symbol" w:char="F061"/><w:sym w:font="Arial" w:char="2265"/>'), " ",
        '<w:hyperlink r:id="rId99"><w:r><w:t>link</w:t></w:r></w:hyperlink>', " ",
        '<w:smartTag w:uri="x" w:element="place"><w:r><w:t>Vienna</w:t></w:r></w:smartTag>', " ",
        '<w:sdt><w:sdtPr/><w:sdtContent><w:r><w:t>control</w:t></w:r></w:sdtContent></w:sdt>', " ",
        '<w:fldSimple w:instr=" DATE "><w:r><w:t>14 March</w:t></w:r></w:fldSimple>', " ",
        r(content='<w:fldChar w:fldCharType="begin"/>'), r(content="<w:instrText> REF x </w:instrText>"),
        r(content='<w:fldChar w:fldCharType="begin"/>'), r(content="<w:instrText>nested</w:instrText>"),
        r(content='<w:fldChar w:fldCharType="separate"/>'), r("NESTED RESULT"),
        r(content='<w:fldChar w:fldCharType="end"/>'),
        r(content='<w:fldChar w:fldCharType="separate"/>'), r("result"), r(content='<w:fldChar w:fldCharType="end"/>'),
        " ", r("hidden", props="<w:vanish/>"), "end",
    )
    reading = read(docx(body))
    assert reading.round.paragraphs[0].text == "A B C e\u2011mails α≥ link Vienna control 14 March result end"
    assert "left out 1 run(s) of hidden text" in [n.message for n in reading.notices]


def test_empty_paragraphs_are_skipped_and_nested_tables_read_once() -> None:
    inner = '<w:tbl><w:tr><w:tc>' + p("inner") + '</w:tc></w:tr></w:tbl>'
    body = p("First.") + p() + p(" ") + '<w:tbl><w:tr><w:tc>' + p("outer") + inner + '</w:tc></w:tr></w:tbl>'
    reading = read(docx(body))
    assert [q.text for q in reading.round.paragraphs if q.kind is not Kind.CONTAINER] == ["First.", "outer", "inner"]


# ---------------------------------------------------------------------------- tracked changes


def test_tracked_changes_accepted_by_default() -> None:
    reading = read_document(FIXTURES / "tracked-changes.docx")
    assert labels_and_texts(reading.round) == [
        ("", "Draft resolution on cooperation"),
        ("1.", "We strongly reaffirm our commitment to the implementation of the conventions."),
        ("2.", "We take note of the report and welcome its findings."),
        ("3.", "We encourage regional cooperation."),
        ("4.", "We recall resolution 78/1[^fn-1] and its *annex*."),
        ("5.", "We decide to also meet in 2029."),
    ]
    assert [f.text for f in reading.round.footnotes] == ["See A/RES/78/1, annex."]
    path = str(FIXTURES / "tracked-changes.docx")
    assert str(reading.notices[0]) == (
        f"{path}: warning: 12 tracked change(s) found (6 insertion(s), 5 deletion(s) (2 of them moves), "
        "1 formatting change(s)) by EU, USA; read with every change accepted (policy 'accept')")


def test_tracked_changes_rejected() -> None:
    reading = read_document(FIXTURES / "tracked-changes.docx", tracked_changes=TrackedChanges.REJECT)
    assert labels_and_texts(reading.round) == [
        ("", "Draft resolution on cooperation"),
        ("1.", "We reaffirm our commitments to the full implementation of the conventions."),
        ("2.", "We take note of the report."),
        ("3.", "and welcome its findings."),
        ("4.", "We recall resolution 78/1[^fn-1] and its annex."),
        ("5.", "We also decide to meet in 2029."),
    ]
    assert [f.text for f in reading.round.footnotes] == ["See A/RES/78/1."]
    assert reading.notices[0].message.endswith("read with every change rejected (policy 'reject')")


def test_tracked_changes_as_proposals_on_the_rejected_text() -> None:
    reading = read_document(FIXTURES / "tracked-changes.docx", tracked_changes=TrackedChanges.PROPOSALS)
    rejected = read_document(FIXTURES / "tracked-changes.docx", tracked_changes=TrackedChanges.REJECT)
    assert reading.round == rejected.round
    eu, usa = "2024-03-01T10:00:00Z", "2024-03-02T09:30:00Z"
    assert list(reading.revisions) == [
        Revision("insert", "EU", eu, "strongly ", "p1", 3, "101"),
        Revision("delete", "USA", usa, "s", "p1", 26, "102"),
        Revision("delete", "EU", eu, "full ", "p1", 35, "103"),
        Revision("delete", "USA", usa, ".", "p2", 26, "104"),
        Revision("insert", "USA", usa, " ", "p2", 27, "112"),
        Revision("delete", "USA", usa, "\n", "p2", 27, "105"),
        Revision("insert", "EU", eu, "We encourage regional cooperation.", "p4", 0, "106"),
        Revision("insert", "EU", eu, "\n", "p4", 0, "107"),
        Revision("format", "USA", usa, "annex", "p4", 34, "108"),
        Revision("delete", "USA", usa, "also ", "p5", 3, "109"),
        Revision("insert", "USA", usa, "also ", "p5", 18, "110"),
        Revision("insert", "EU", eu, ", annex", "fn-1", 14, "111"),
    ]
    # Each deletion's text is found at its offset in the returned (rejected) text.
    texts = {q.id: markup.plain(q.text) for q in reading.round.paragraphs}
    texts.update({f.id: markup.plain(f.text) for f in reading.round.footnotes})
    for revision in reading.revisions:
        if revision.kind == "delete" and revision.text != "\n":
            assert texts[revision.paragraph][revision.offset:].startswith(revision.text)
    assert "returned as proposals (policy 'proposals')" in reading.notices[0].message


def test_revisions_are_listed_whatever_the_policy_and_comments_returned() -> None:
    readings = [read_document(FIXTURES / "tracked-changes.docx", tracked_changes=policy) for policy in TrackedChanges]
    for reading in readings:
        assert Counter((r.author, r.kind) for r in reading.revisions) == Counter({
            ("EU", "insert"): 4, ("EU", "delete"): 1, ("USA", "delete"): 4, ("USA", "insert"): 2,
            ("USA", "format"): 1})
        assert [(c.author, c.text, c.paragraph, c.quote) for c in reading.comments] == [
            ("USA", "Singular, as in 2019.", "p1", "commitment")]


def _libreoffice_regions(revisions: tuple[Revision, ...]) -> Counter[tuple[str, str]]:
    """Our revisions (read with changes accepted) counted as LibreOffice's changed regions:
    it joins a paragraph mark's revision to the one just before it when author, kind and
    place agree."""
    kinds = {"insert": "insertion", "delete": "deletion", "format": "format-change"}
    counts: Counter[tuple[str, str]] = Counter()
    previous: Revision | None = None
    for revision in revisions:
        joined = (revision.text == "\n" and previous is not None and previous.author == revision.author
                  and previous.kind == revision.kind and previous.paragraph == revision.paragraph
                  and previous.offset + (len(previous.text) if previous.kind == "insert" else 0) == revision.offset)
        if not joined:
            counts[(revision.author, kinds[revision.kind])] += 1
        previous = revision
    return counts


def test_libreoffice_shows_the_same_accepted_and_rejected_texts_and_changes(tmp_path: Path) -> None:
    (converted,) = libreoffice.convert([FIXTURES / "tracked-changes.docx"], "fodt", tmp_path)
    for policy, accept in ((TrackedChanges.REJECT, False), (TrackedChanges.ACCEPT, True)):
        reading = read_document(FIXTURES / "tracked-changes.docx", tracked_changes=policy)
        ours = [" ".join(markup.plain(q.text).split()) for q in reading.round.paragraphs]
        assert libreoffice.odf_paragraphs(converted, accept=accept) == ours
    assert libreoffice.odf_changes(converted) == _libreoffice_regions(reading.revisions)


def test_a_change_inserted_by_one_delegation_and_deleted_by_another_is_in_neither_view() -> None:
    body = p("We ", f'<w:ins w:id="1" {fx.EU}><w:del w:id="2" {fx.USA}>'
                    '<w:r><w:delText>firmly </w:delText></w:r></w:del></w:ins>', "decide.")
    for policy in TrackedChanges:
        reading = read(docx(body), tracked_changes=policy)
        assert reading.round.paragraphs[0].text == "We decide."
        assert [(r.kind, r.author) for r in reading.revisions] == [("insert", "EU"), ("delete", "USA")]


def test_a_paragraph_property_change_is_undone_when_rejecting() -> None:
    """The EU numbered a paragraph (w:pPrChange holds the old, unnumbered properties)."""
    body = p("Decides.", num=(1, 0),
             ppr=f'<w:pPrChange w:id="5" {fx.EU}><w:pPr/></w:pPrChange>')
    accepted = read(docx(body, numbering=numbering()))
    rejected = read(docx(body, numbering=numbering()), tracked_changes=TrackedChanges.REJECT)
    assert labels_and_texts(accepted.round) == [("1.", "Decides.")]
    assert labels_and_texts(rejected.round) == [("", "Decides.")]
    assert [(r.kind, r.author, r.paragraph) for r in rejected.revisions] == [("format", "EU", "pp1")]


# ---------------------------------------------------------------------------- bad input


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _damaged_member() -> bytes:
    data = bytearray(fx.zip_parts(fx.NUMBERING))
    start = data.index(b"word/document.xml") + len("word/document.xml")  # first local header's data
    data[start + 40: start + 60] = b"\x00" * 20
    return bytes(data)


BAD_INPUTS = {
    "not a zip": (b"Hello, this is text.", "not a Word .docx file (it is not a zip package); save it as .docx"),
    "truncated zip": (fx.zip_parts(fx.NUMBERING)[:300], "the zip package of this .docx is damaged"),
    "damaged member": (_damaged_member(), "the zip package is damaged: part word/document.xml cannot be unpacked"),
    "zip without document": (_zip({"notes.txt": b"x"}), "this zip file has no word/document.xml, so it is not a Word"),
    "odt renamed": (_zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}),
                    "this is an OpenDocument text (.odt) file, not a Word .docx; drafttool reads Word .docx files"),
    "xlsx renamed": (_zip({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<x/>"}),
                     "this is an Excel workbook (.xlsx), not a Word .docx"),
    "doc renamed": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,
                    "this is an old Word 97-2003 .doc file (or a password-protected .docx), not a .docx"),
    "pdf renamed": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "this is a PDF file, not a Word .docx"),
    "empty file": (b"", "the file is empty (0 bytes)"),
    "invalid xml": (fx.zip_parts({**fx.package(p("1. Decides.")),
                                  "word/document.xml": b"<?xml version='1.0'?>\n<w:document xmlns:w='x'>\n<w:body><w:p>"
                                                       b"</w:body></w:document>"}),
                    "word/document.xml:3: invalid XML (Opening and ending tag mismatch: p line 3 and body)"),
    "empty document": (docx(p() + p(" ")), "the document is empty (no text in its paragraphs)"),
    "strict open xml": (fx.zip_parts({**fx.package(""), "word/document.xml":
                                      b'<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main">'
                                      b"<w:body/></w:document>"}),
                        "this .docx is saved as 'Strict Open XML Document', which drafttool does not read"),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_is_an_input_error_naming_the_file(case: str, tmp_path: Path) -> None:
    data, message = BAD_INPUTS[case]
    with pytest.raises(InputError) as raised:
        read_docx(data, path="delegation proposal.docx")
    assert str(raised.value).startswith("delegation proposal.docx")
    assert message in str(raised.value)
    assert "\n" not in str(raised.value)
    path = tmp_path / "proposal.docx"
    path.write_bytes(data)
    with pytest.raises(InputError) as raised:
        read_document(path)
    assert str(raised.value).startswith(str(path)) and message in str(raised.value)


def test_entities_are_never_expanded() -> None:
    """Untrusted XML: an external entity is not fetched, an internal one not expanded."""
    document = ('<?xml version="1.0"?>\n<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">'
                '<!ENTITY lol "lollollollollollollol">]>\n'
                f'<w:document {fx.NS}><w:body><w:p><w:r><w:t>1. Decides &xxe; &lol; end.</w:t></w:r></w:p>'
                '</w:body></w:document>').encode()
    data = fx.zip_parts({**fx.package(""), "word/document.xml": document})
    text = read(data).round.paragraphs[0].text
    assert "root:" not in text and "lol" not in text
    assert text.startswith("Decides")
