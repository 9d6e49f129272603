"""The Word reader on the shapes real UN and UNFCCC files have: numbering restarted by
Word's own overrides, endnotes, the UN templates' styles and masthead, decisions and tables.

Every fixture is built here from WordprocessingML written by hand (docx_fixtures.py), in
the shapes those files have; where LibreOffice can display the same thing, the test
compares with what it displays.
"""

from __future__ import annotations

from pathlib import Path

from drafttool.readers import Reading
from drafttool.readers.docx import read_docx

import libreoffice
from docx_fixtures import NS, docx, p, package, styles, zip_parts

ROMAN_LETTER_DIGIT = f"""<w:numbering {NS}>
  <w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="%2."/></w:lvl>
    <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
  </w:abstractNum>
  {{nums}}
</w:numbering>"""


def _num(num_id: int, **starts: int) -> str:
    """A `w:num` of list 0 with a start override per level ('l1=4'); `every=1` overrides
    all nine levels, as Word's 'Restart numbering' writes it."""
    every = starts.pop("every", None)
    levels = {level: every for level in range(9)} if every is not None else {}
    levels.update({int(key[1:]): value for key, value in starts.items()})
    overrides = "".join(f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="{value}"/></w:lvlOverride>'
                        for level, value in sorted(levels.items()))
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="0"/>{overrides}</w:num>'


def _numbered(nums: list[str], paragraphs: list[tuple[str, int, int]]) -> bytes:
    """A file of paragraphs (text, numId, level) numbered by list 0 and the given nums."""
    numbering = ROMAN_LETTER_DIGIT.replace("{nums}", "".join([_num(1), *nums]))
    return docx("".join(p(text, num=(num, level)) for text, num, level in paragraphs), numbering=numbering)


def _labels(reading: Reading) -> list[str]:
    return [f"{q.label} {q.text}" for q in reading.round.paragraphs]


# Chapters I–V: Word's "Restart numbering" on the first level-2 heading of chapters II and
# IV wrote nums 2 and 3, each overriding all nine levels; the chapters run on.
RESTARTED_CHAPTERS = _numbered([_num(2, every=1), _num(3, every=1)], [
    ("Opening", 1, 0), ("Election", 1, 1), ("Agenda", 1, 1),
    ("Organizational matters", 1, 0), ("Officers", 2, 1), ("Credentials", 2, 1), ("Dates", 2, 2),
    ("Reports", 1, 0), ("Subsidiary bodies", 1, 1),
    ("Finance", 1, 0), ("Budget", 3, 1), ("Audit", 3, 1), ("Arrears", 1, 1),
    ("Closure", 1, 0),
])

# Overrides at several levels with their own starts, used from a deeper level first.
SEVERAL_LEVELS = _numbered([_num(4, l0=7, l1=4), _num(5, l2=5), _num(6, l1=3)], [
    ("One", 1, 0), ("a", 1, 1), ("b", 4, 1), ("Two", 4, 0), ("c", 4, 1),
    ("d", 5, 1), ("first", 5, 2), ("second", 5, 2), ("e", 1, 1), ("third", 5, 2),
    ("Three", 6, 0), ("f", 6, 1), ("g", 1, 1), ("h", 6, 1),
])

# A restart at the top level by a new num, then "Continue numbering" back to the first.
RESTART_AND_CONTINUE = _numbered([_num(2, every=1), _num(3, every=1)], [
    ("One", 1, 0), ("a", 1, 1), ("One again", 2, 0), ("a", 1, 1), ("b", 2, 1),
    ("Two", 1, 0), ("One more", 3, 0), ("Two more", 1, 0),
])


def test_a_restart_at_level_two_never_resets_the_chapters_above_it() -> None:
    assert _labels(read_docx(RESTARTED_CHAPTERS)) == [
        "I. Opening", "A. Election", "B. Agenda",
        "II. Organizational matters", "A. Officers", "B. Credentials", "1. Dates",
        "III. Reports", "A. Subsidiary bodies",
        "IV. Finance", "A. Budget", "B. Audit", "C. Arrears",
        "V. Closure",
    ]


def test_overrides_at_several_levels_start_the_num_s_own_level_and_the_levels_below() -> None:
    assert _labels(read_docx(SEVERAL_LEVELS)) == [
        "I. One", "A. a", "D. b", "II. Two", "A. c",
        "B. d", "5. first", "6. second", "C. e", "1. third",
        "III. Three", "C. f", "D. g", "E. h",
    ]


def test_a_restart_at_the_top_level_and_continued_numbering() -> None:
    assert _labels(read_docx(RESTART_AND_CONTINUE)) == [
        "I. One", "A. a", "I. One again", "A. a", "B. b", "II. Two", "I. One more", "II. Two more",
    ]


def test_numbers_after_restarts_and_overrides_are_those_libreoffice_displays(tmp_path: Path) -> None:
    files = {"chapters": RESTARTED_CHAPTERS, "levels": SEVERAL_LEVELS, "continue": RESTART_AND_CONTINUE}
    paths = []
    for name, data in files.items():
        (tmp_path / f"{name}.docx").write_bytes(data)
        paths.append(tmp_path / f"{name}.docx")
    outputs = libreoffice.convert(paths, "txt:Text", tmp_path / "out")
    for (name, data), output in zip(files.items(), outputs):
        shown = [" ".join(line.split()) for line in libreoffice.text_lines(output)]
        assert shown == _labels(read_docx(data)), name


# ---------------------------------------------------------------------------- endnotes


def _endnotes(*notes: tuple[int, str]) -> str:
    bodies = "".join(f'<w:endnote w:id="{n}"><w:p><w:r><w:endnoteRef/></w:r>'
                     f'<w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:endnote>' for n, text in notes)
    return (f'<w:endnotes {NS}><w:endnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
            f'</w:endnote>{bodies}</w:endnotes>')


def _endnote_ref(n: int) -> str:
    return f'<w:r><w:endnoteReference w:id="{n}"/></w:r>'


ENDNOTE_PROPERTIES = ('<w:endnotePr><w:numFmt w:val="lowerLetter"/><w:numRestart w:val="eachSect"/>'
                      '</w:endnotePr>')


def test_endnotes_are_endnotes_numbered_in_their_section_s_format_and_restart_rule() -> None:
    """UNFCCC decisions: endnotes in lower-case letters, starting again at a in each decision's
    section; footnotes run on in digits through the sections."""
    from docx_fixtures import footnote, footnote_ref, footnotes
    from drafttool.model import NoteKind

    first_section = f"<w:sectPr>{ENDNOTE_PROPERTIES}</w:sectPr>"
    body = "".join([
        p("1. Recalls decision 1/CP.21,", _endnote_ref(1), " and", footnote_ref(1), ","),
        p("2. Notes the report,", _endnote_ref(2), ppr=first_section),
        p("1. Welcomes the outcome,", _endnote_ref(3), footnote_ref(2), "."),
    ])
    settings = f'<w:settings {NS}><w:endnotePr><w:numFmt w:val="upperRoman"/></w:endnotePr></w:settings>'
    parts = package(body, endnotes=_endnotes((1, "FCCC/CP/2015/10/Add.1."), (2, "FCCC/SBI/2021/1."),
                                             (3, "Decision 2/CMA.3.")),
                    footnotes=footnotes(footnote(1, "See annex."), footnote(2, "Ibid.")), settings=settings)
    last_section = f"<w:sectPr>{ENDNOTE_PROPERTIES}</w:sectPr></w:body>".encode()
    parts["word/document.xml"] = parts["word/document.xml"].replace(b"<w:sectPr/></w:body>", last_section)
    reading = read_docx(zip_parts(parts))
    assert [(f.id, f.label, f.kind, f.text) for f in reading.round.footnotes] == [
        ("fn-1", "1", NoteKind.FOOTNOTE, "See annex."),
        ("fn-2", "2", NoteKind.FOOTNOTE, "Ibid."),
        ("en-a", "a", NoteKind.ENDNOTE, "FCCC/CP/2015/10/Add.1."),
        ("en-b", "b", NoteKind.ENDNOTE, "FCCC/SBI/2021/1."),
        ("en-a-2", "a", NoteKind.ENDNOTE, "Decision 2/CMA.3."),
    ]
    assert [n.message for n in reading.notices if "endnote" in n.message] == []


def test_an_endnote_stays_an_endnote_in_the_store_and_older_footnotes_load_as_they_were() -> None:
    from drafttool.model import Footnote, NoteKind
    from drafttool.records import footnote_from_dict, footnote_to_dict

    endnote = Footnote("en-a", "Decision 2/CMA.3.", "a", NoteKind.ENDNOTE)
    assert footnote_to_dict(endnote) == {"footnote": "en-a", "label": "a", "text": "Decision 2/CMA.3.",
                                         "kind": "endnote"}
    assert footnote_from_dict(footnote_to_dict(endnote)) == endnote
    assert footnote_from_dict({"footnote": "fn-1", "label": "1", "text": "See."}) == Footnote("fn-1", "See.", "1")


# ---------------------------------------------------------------------------- the UN templates

UN_STYLES = styles("".join(
    f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/><w:basedOn w:val="Normal"/>'
    f'<w:pPr><w:keepNext/></w:pPr><w:rPr><w:b/></w:rPr></w:style>'
    for style_id, name in (("HChG", "_ H _Ch_G"), ("H1G", "_ H_1_G"), ("H23G", "_ H_2/3_G"), ("H4G", "_ H_4_G"),
                           ("H56G", "_ H_5/6_G"), ("RegHChG", "_ Reg H_Ch_G"), ("SingleTxtG", "_ Single Txt_G"))))


def _cell(*paragraphs: str) -> str:
    return f"<w:tc>{''.join(p(text) for text in paragraphs)}</w:tc>"


UN_MASTHEAD = ("<w:tbl><w:tr>" + _cell("United Nations") + _cell("A/C.3/78/L.12") + "</w:tr><w:tr>"
               + _cell("General Assembly") + _cell("Distr.: Limited", "2 October 2023", "Original: English")
               + "</w:tr></w:tbl>")


def test_the_un_templates_heading_styles_are_headings_and_the_masthead_is_the_masthead() -> None:
    body = "".join([
        UN_MASTHEAD,
        p("Seventy-eighth session"), p("Third Committee"), p("Agenda item 68"),
        p("Promotion and protection of the rights of children"),
        p("Colombia and Ghana: draft resolution", style="H23G"),
        p("Rights of the child", style="HChG"),
        p("The General Assembly,", style="SingleTxtG"),
        p("Recalling its resolution 44/25,", style="SingleTxtG"),
        p("I.\tGeneral", style="H1G"),
        p("1.\tDecides to continue its work;", style="SingleTxtG"),
        p("A.\tFollow-up", style="H23G"),
        p("Reporting", style="H4G"),
        p("2.\tRequests a report.", style="SingleTxtG"),
    ])
    reading = read_docx(docx(body, styles=UN_STYLES))
    round_ = reading.round
    assert round_.symbol == "A/C.3/78/L.12"
    masthead = round_.masthead
    assert (masthead.organ, masthead.distribution, masthead.date, masthead.original) == (
        "General Assembly", "Distr.: Limited", "2 October 2023", "Original: English")
    assert (masthead.session, masthead.body, masthead.agenda_item, masthead.agenda_title) == (
        "Seventy-eighth session", "Third Committee", "Agenda item 68",
        "Promotion and protection of the rights of children")
    assert masthead.other == ("United Nations",)
    assert [(q.kind.value, q.label, q.level, q.text) for q in round_.paragraphs] == [
        ("heading", "", 2, "Colombia and Ghana: draft resolution"),
        ("heading", "", 1, "Rights of the child"),
        ("preambular", "", 0, "The General Assembly,"),
        ("preambular", "", 0, "Recalling its resolution 44/25,"),
        ("heading", "I.", 1, "General"),
        ("operative", "1.", 0, "Decides to continue its work;"),
        ("heading", "A.", 2, "Follow-up"),
        ("heading", "", 3, "Reporting"),
        ("operative", "2.", 0, "Requests a report."),
    ]


def test_regional_and_unsuffixed_un_heading_styles_are_headings_too() -> None:
    extra = "".join(f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/></w:style>'
                    for style_id, name in (("RegHChG", "_ Reg H_Ch_G"), ("RegH1G", "_ Reg H_1_G"), ("H23", "_ H_2/3")))
    body = p("Matters", style="RegHChG") + p("Scope", style="RegH1G") + p("Data", style="H23") + p("1. Decides.")
    reading = read_docx(docx(body, styles=styles(extra)))
    assert [(q.kind.value, q.level) for q in reading.round.paragraphs] == [
        ("heading", 1), ("heading", 1), ("heading", 2), ("operative", 0)]


def test_a_document_without_a_masthead_keeps_its_first_paragraphs() -> None:
    body = p("The General Assembly,") + p("Noting the report A/78/100,") + p("1. Decides.")
    round_ = read_docx(docx(body)).round
    assert [q.text for q in round_.paragraphs] == ["The General Assembly,", "Noting the report A/78/100,", "Decides."]
    assert round_.masthead.organ == "" and round_.symbol == ""


def test_a_un_document_imports_compares_and_redlines_end_to_end(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from drafttool.cli import main

    body = "".join([UN_MASTHEAD, p("Seventy-eighth session"), p("Agenda item 68"), p("Rights of children"),
                    p("Rights of the child", style="HChG"), p("The General Assembly,"), p("1.\tDecides to act;"),
                    p("2.\tRequests a report.")])
    (tmp_path / "a.docx").write_bytes(docx(body, styles=UN_STYLES))
    (tmp_path / "b.docx").write_bytes(docx(body.replace("a report", "a full report"), styles=UN_STYLES))
    runner = CliRunner()

    def run(*args: object) -> str:
        result = runner.invoke(main, [str(a) for a in args], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.output

    run("init", tmp_path / "neg", "--title", "Rights of the child")
    assert "4 paragraphs, 0 footnotes" in run("import", tmp_path / "neg", tmp_path / "a.docx", "--label", "Rev.1")
    assert "table(s) flattened" not in run("import", tmp_path / "neg", tmp_path / "b.docx", "--label", "Rev.2")
    shown = run("show", tmp_path / "neg")
    assert "A/C.3/78/L.12" in shown and "Distr.: Limited" in shown
    assert "Requests a {+full+} report." in run("diff", tmp_path / "a.docx", tmp_path / "b.docx")
    assert "1 paragraph change(s)" in run("redline", tmp_path / "a.docx", tmp_path / "b.docx", "-o",
                                          tmp_path / "red.docx")
    run("export", tmp_path / "neg", "--format", "md", "-o", tmp_path / "r.md")
    run("import", tmp_path / "neg", tmp_path / "r.md", "--label", "Rev.3")
    assert "Summary: 4 unchanged" in run("diff", tmp_path / "neg", "Rev.2", "Rev.3")


# ---------------------------------------------------------------------------- containers


def test_a_table_is_read_as_a_container_of_rows_and_cells_each_cell_s_paragraphs_in_order() -> None:
    table = ("<w:tbl><w:tr>" + _cell("Indicator") + _cell("Source", "Frequency") + "</w:tr><w:tr>"
             + _cell("Seizures") + _cell("Member States") + "</w:tr></w:tbl>")
    body = p("1.\tAdopts the following indicators:") + table + p("2.\tDecides to review them.")
    reading = read_docx(docx(body))
    assert [(q.id, q.kind.value, q.scope.value if q.scope else None, q.parent, q.label, q.text)
            for q in reading.round.paragraphs] == [
        ("p1", "operative", None, None, "1.", "Adopts the following indicators:"),
        ("tbl-1", "container", "table", None, "", ""),
        ("tbl-1.r1", "container", "row", "tbl-1", "", ""),
        ("tbl-1.r1.c1", "container", "cell", "tbl-1.r1", "", ""),
        ("tbl-1.r1.c1.p1", "text", None, "tbl-1.r1.c1", "", "Indicator"),
        ("tbl-1.r1.c2", "container", "cell", "tbl-1.r1", "", ""),
        ("tbl-1.r1.c2.p1", "text", None, "tbl-1.r1.c2", "", "Source"),
        ("tbl-1.r1.c2.p2", "text", None, "tbl-1.r1.c2", "", "Frequency"),
        ("tbl-1.r2", "container", "row", "tbl-1", "", ""),
        ("tbl-1.r2.c1", "container", "cell", "tbl-1.r2", "", ""),
        ("tbl-1.r2.c1.p1", "text", None, "tbl-1.r2.c1", "", "Seizures"),
        ("tbl-1.r2.c2", "container", "cell", "tbl-1.r2", "", ""),
        ("tbl-1.r2.c2.p1", "text", None, "tbl-1.r2.c2", "", "Member States"),
        ("p2", "operative", None, None, "2.", "Decides to review them."),
    ]
    assert [n.message for n in reading.notices] == []


DECISION_NUMBERING = f"""<w:numbering {NS}>
  <w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
    <w:lvlText w:val="%1."/></w:lvl></w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
  {"".join(_num(n, l0=1) for n in (2, 3))}
</w:numbering>"""


def test_a_decisions_document_restarts_its_numbering_in_each_decision_without_warnings() -> None:
    body = "".join([
        UN_MASTHEAD,
        p("Decision 1/CMA.3", style="RegHChG"), p("Glasgow Climate Pact", style="RegHChG"),
        p("The Conference of the Parties serving as the meeting of the Parties to the Paris Agreement,"),
        p("Recalling Article 2 of the Paris Agreement,"),
        p("Recognizes the role of science;", num=(1, 0)), p("Welcomes the reports;", num=(1, 0)),
        p("Decision 2/CMA.3", style="RegHChG"), p("Rules for the mechanism", style="RegHChG"),
        p("The Conference of the Parties serving as the meeting of the Parties to the Paris Agreement,"),
        p("Adopts the rules;", num=(2, 0)), p("Requests the secretariat;", num=(2, 0)),
        p("Decision 3/CMA.3", style="RegHChG"),
        p("Takes note of the report.", num=(3, 0)),
    ])
    reading = read_docx(docx(body, numbering=DECISION_NUMBERING, styles=UN_STYLES))
    assert [(q.id, q.label, q.text) for q in reading.round.paragraphs] == [
        ("dec-1-CMA-3", "Decision 1/CMA.3", "Glasgow Climate Pact"),
        ("dec-1-CMA-3.pp1", "", "The Conference of the Parties serving as the meeting of the Parties to the Paris "
                                "Agreement,"),
        ("dec-1-CMA-3.pp2", "", "Recalling Article 2 of the Paris Agreement,"),
        ("dec-1-CMA-3.p1", "1.", "Recognizes the role of science;"),
        ("dec-1-CMA-3.p2", "2.", "Welcomes the reports;"),
        ("dec-2-CMA-3", "Decision 2/CMA.3", "Rules for the mechanism"),
        ("dec-2-CMA-3.pp1", "", "The Conference of the Parties serving as the meeting of the Parties to the Paris "
                                "Agreement,"),
        ("dec-2-CMA-3.p1", "1.", "Adopts the rules;"),
        ("dec-2-CMA-3.p2", "2.", "Requests the secretariat;"),
        ("dec-3-CMA-3", "Decision 3/CMA.3", ""),
        ("dec-3-CMA-3.p1", "1.", "Takes note of the report."),
    ]
    assert not [n for n in reading.notices if "appears again" in n.message or "numbering goes" in n.message]


def test_articles_numbered_by_word_are_containers_with_their_paragraphs() -> None:
    numbering = f"""<w:numbering {NS}>
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="Article %1"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%3)"/></w:lvl>
      </w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"""
    body = "".join([
        p("Use of terms", num=(1, 0)), p("For the purposes of this Agreement:", num=(1, 1)),
        p("“Party” means a State;", num=(1, 2)), p("“Area” means the seabed.", num=(1, 2)),
        p("Scope", num=(1, 0)), p("This Agreement applies to areas beyond national jurisdiction.", num=(1, 1)),
        p("Nothing in it prejudices the Convention.", num=(1, 1)),
    ])
    reading = read_docx(docx(body, numbering=numbering, styles=UN_STYLES))
    assert [(q.id, q.kind.value, q.label, q.parent, q.text) for q in reading.round.paragraphs] == [
        ("art-1", "container", "Article 1", None, "Use of terms"),
        ("art-1.p1", "operative", "1.", "art-1", "For the purposes of this Agreement:"),
        ("art-1.p1.a", "subparagraph", "(a)", "art-1.p1", "“Party” means a State;"),
        ("art-1.p1.b", "subparagraph", "(b)", "art-1.p1", "“Area” means the seabed."),
        ("art-2", "container", "Article 2", None, "Scope"),
        ("art-2.p1", "operative", "1.", "art-2", "This Agreement applies to areas beyond national jurisdiction."),
        ("art-2.p2", "operative", "2.", "art-2", "Nothing in it prejudices the Convention."),
    ]
    assert not [n for n in reading.notices if "appears again" in n.message]


def test_tables_decisions_and_endnotes_survive_the_store_and_the_json_export(tmp_path: Path) -> None:
    import json

    from click.testing import CliRunner

    from drafttool.cli import main
    from drafttool.store import load_store

    table = "<w:tbl><w:tr>" + _cell("Indicator") + _cell("Source") + "</w:tr></w:tbl>"
    body = "".join([p("Decision 1/CMA.3", style="RegHChG"), p("Indicators", style="RegHChG"),
                    p("1.\tAdopts the indicators:", _endnote_ref(1)), table, p("2.\tDecides to review them.")])
    data = docx(body, styles=UN_STYLES, endnotes=_endnotes((1, "See annex.")))
    (tmp_path / "d.docx").write_bytes(data)
    runner = CliRunner()
    for args in (["init", tmp_path / "neg", "--title", "Indicators"],
                 ["import", tmp_path / "neg", tmp_path / "d.docx", "--label", "Rev.1"],
                 ["export", tmp_path / "neg", "--format", "json", "-o", tmp_path / "r.json"]):
        result = runner.invoke(main, [str(a) for a in args], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    read = read_docx(data).round
    stored = load_store(tmp_path / "neg").rounds[-1]
    assert stored.paragraphs == read.paragraphs and stored.footnotes == read.footnotes
    exported = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert [(q["id"], q["kind"], q.get("scope"), q["parent"], q["text"]) for q in exported["paragraphs"]] == [
        (q.id, q.kind.value, q.scope.value if q.scope else None, q.parent, q.text) for q in read.paragraphs]
    assert [(f["id"], f.get("kind", "footnote")) for f in exported["footnotes"]] == [("en-i", "endnote")]
    assert [(q.id, q.scope.value if q.scope else "") for q in read.paragraphs if q.scope] == [
        ("dec-1-CMA-3", "decision"), ("dec-1-CMA-3.tbl-1", "table"), ("dec-1-CMA-3.tbl-1.r1", "row"),
        ("dec-1-CMA-3.tbl-1.r1.c1", "cell"), ("dec-1-CMA-3.tbl-1.r1.c2", "cell")]
    assert [f.kind.value for f in read.footnotes] == ["endnote"]


def test_a_table_whose_cells_are_edited_keeps_its_ids_in_the_next_round(tmp_path: Path) -> None:
    from drafttool.compare.diff import DiffOptions, compare_rounds
    from drafttool.model import ChangeOp
    from drafttool.operations import import_round
    from drafttool.store import create_store, load_store

    def table(*cells: str) -> str:
        return "<w:tbl><w:tr>" + "".join(_cell(text) for text in cells) + "</w:tr></w:tbl>"

    create_store(tmp_path / "neg", language="en")
    for label, cells in (("Rev.1", ("Vintages", "Units")), ("Rev.2", ("Vintager", "Tonnes of carbon"))):
        body = p("1.\tAdopts the indicators below.") + table(*cells) + p("2.\tDecides to review them.")
        (tmp_path / f"{label}.docx").write_bytes(docx(body))
        import_round(tmp_path / "neg", tmp_path / f"{label}.docx", label=label)
    first, second = load_store(tmp_path / "neg").rounds
    assert [q.id for q in second.paragraphs] == [q.id for q in first.paragraphs] == [
        "p1", "tbl-1", "tbl-1.r1", "tbl-1.r1.c1", "tbl-1.r1.c1.p1", "tbl-1.r1.c2", "tbl-1.r1.c2.p1", "p2"]
    changes = compare_rounds(first, second, DiffOptions(trust_ids=True)).changes
    assert [(c.op, [q.id for q in c.old], [q.id for q in c.new]) for c in changes if c.op is not ChangeOp.UNCHANGED] == [
        (ChangeOp.EDITED, ["tbl-1.r1.c1.p1"], ["tbl-1.r1.c1.p1"]),
        (ChangeOp.EDITED, ["tbl-1.r1.c2.p1"], ["tbl-1.r1.c2.p1"]),
    ]


def _with_first_page_header(body: str, header: str, *, title_page: bool = True, **other: str) -> bytes:
    """A .docx whose first page shows `header` (paragraphs) in its own header, as the UN
    templates lay out the masthead; `title_page=False` leaves out `w:titlePg`, so the
    first-page header is not shown."""
    parts = package(body, **other)
    relationship = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
    parts["word/header1.xml"] = f'<?xml version="1.0" encoding="UTF-8"?><w:hdr {NS}>{header}</w:hdr>'.encode()
    parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
        b"</Relationships>", f'<Relationship Id="rIdH" Type="{relationship}" Target="header1.xml"/></Relationships>'
        .encode())
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-'
                     b'officedocument.wordprocessingml.header+xml"/></Types>')
    section = '<w:sectPr><w:headerReference w:type="first" r:id="rIdH"/>' + ("<w:titlePg/>" if title_page else "")
    parts["word/document.xml"] = parts["word/document.xml"].replace(b"<w:sectPr/>", (section + "</w:sectPr>").encode())
    return zip_parts(parts)


def test_a_masthead_in_the_first_page_header_is_read_as_the_masthead() -> None:
    header = ("<w:tbl><w:tr>" + _cell("United Nations") + _cell("FCCC/PA/CMA/2023/L.17") + "</w:tr><w:tr>"
              + _cell("Framework Convention on Climate Change") + _cell("Distr.: Limited", "13 December 2023",
                                                                         "Original: English") + "</w:tr></w:tbl>")
    body = (p("Agenda item 4") + p("Matters relating to the global stocktake")
            + p("Outcome of the first global stocktake", style="HChG")
            + p("The Conference of the Parties serving as the meeting of the Parties to the Paris Agreement,")
            + p("1.\tWelcomes the report;"))
    reading = read_docx(_with_first_page_header(body, header, styles=UN_STYLES))
    masthead = reading.round.masthead
    assert (reading.round.symbol, masthead.organ, masthead.distribution, masthead.date, masthead.original) == (
        "FCCC/PA/CMA/2023/L.17", "Framework Convention on Climate Change", "Distr.: Limited", "13 December 2023",
        "Original: English")
    assert [(q.id, q.text) for q in reading.round.paragraphs] == [
        ("sec-u1", "Outcome of the first global stocktake"),
        ("pp1", "The Conference of the Parties serving as the meeting of the Parties to the Paris Agreement,"),
        ("p1", "Welcomes the report;"),
    ]
    assert (masthead.agenda_item, masthead.agenda_title) == ("Agenda item 4", "Matters relating to the global stocktake")
    unshown = read_docx(_with_first_page_header(body, header, title_page=False, styles=UN_STYLES))
    assert unshown.round.symbol == "" and unshown.round.masthead.distribution == ""
