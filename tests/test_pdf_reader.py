"""The PDF reader: rounds written by drafttool, printed to PDF by LibreOffice, read back.

No third-party PDF is needed: the project writes a round as .docx, LibreOffice converts it
(all the files of a test in one `soffice` call, start-up being the slow part), and the
reader must give the same round back — paragraphs, labels, footnotes, italics.  What a
PDF's text layer cannot carry is compared loosely, each with its reason: a no-break space
is drawn as a space (pdftotext shows the same), the style of the space between two words
in the same style, bold inside a heading that is set all in bold, and the space inside an
Arabic label ('1 -', drawn '1-').  Broken and hostile files are written byte by byte
(`pdf_fixtures`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from drafttool.cli import main
from drafttool.errors import InputError
from drafttool.model import Footnote, Kind, Masthead, Round
from drafttool.readers import read_document
from drafttool.readers.pdf import read_pdf
from drafttool.readers.structure import SourceParagraph, assemble, read_label
from drafttool.renderers.docx import render_round_docx
from drafttool.text import markup

import libreoffice
import pdf_fixtures
from strategies import rounds
from test_docx_writer import _examples

LANGUAGES = ("en", "fr", "es", "ru", "ar", "zh")


def _printable(round_: Round) -> bool:
    """A round as documents are printed: each footnote referred to once (Word gives every
    reference a footnote of its own), and numbered in the order of its references."""
    refs = [ref for p in round_.paragraphs for ref in markup.footnote_ids(p.text)]
    numbers = {f.id: f.label for f in round_.footnotes}
    return len(refs) == len(set(refs)) and [numbers.get(r) for r in refs] == [str(n) for n in range(1, len(refs) + 1)]


def _loose(text: str, heading: bool = False) -> tuple[tuple[str, bool, bool], ...]:
    """A marked-up text as characters with their style, as a page shows them."""
    out: list[tuple[str, bool, bool]] = []
    for run in markup.parse(text):
        if run.footnote is not None:
            out.append((f"[{run.footnote}]", False, False))
            continue
        for char in run.text.replace("\u00a0", " ").replace("\u202f", " "):
            if char.isspace():
                out.append((" ", False, False))
            else:
                out.append((char, run.italic, run.bold and not heading))
    return tuple(out)


def _shape(round_: Round) -> list[tuple[str, str, tuple[tuple[str, bool, bool], ...]]]:
    heading = (Kind.TITLE, Kind.HEADING)
    return ([(p.kind.value, p.label.replace(" ", ""), _loose(p.text, p.kind in heading)) for p in round_.paragraphs]
            + [("footnote", f.label, _loose(f.text)) for f in round_.footnotes])


def _generated(count: int) -> dict[str, Round]:
    """Rounds drawn in each language, with a masthead as UN documents print it."""
    chosen: dict[str, Round] = {}
    for language in LANGUAGES:
        drawn = [r for r in _examples(rounds(languages=(language,)), 12) if _printable(r)]
        drawn.sort(key=lambda r: -(len(r.paragraphs) + 5 * len(r.footnotes)))
        for number, round_ in enumerate(drawn[:count]):
            masthead = Masthead(organ="General Assembly", date="1 January 2024") if number % 2 else Masthead()
            chosen[f"{language}-{number}"] = replace(round_, masthead=masthead)
    return chosen


def _resolution() -> Round:
    """A General Assembly resolution's shape: 20 preambular paragraphs, 75 operative ones,
    22 footnotes, italic opening words, a title, a masthead."""
    sources = [SourceParagraph("Safety and security of humanitarian personnel", title=True),
               SourceParagraph("*The General Assembly*,")]
    footnote = 0
    footnotes = []
    for number in range(1, 20):
        ref = ""
        if number % 3 == 0:
            footnote += 1
            ref = f"[^fn-{footnote}]"
            footnotes.append(Footnote(f"fn-{footnote}", f"Resolution {number}/{footnote + 100}.", str(footnote)))
        sources.append(SourceParagraph(f"*Recalling* its resolution {number} on the safety of personnel in the "
                                       f"field and the duties of host States,{ref}"))
    for number in range(1, 76):
        ref = ""
        if (number % 5 == 0 or number == 1) and footnote < 22:
            footnote += 1
            ref = f"[^fn-{footnote}]"
            footnotes.append(Footnote(f"fn-{footnote}", f"See A/80/{footnote * 7}, para. {number}.", str(footnote)))
        written, _, readings = read_label(f"{number}. ")
        sources.append(SourceParagraph(f"*Requests* the Secretary-General to report on measure {number} taken to "
                                       f"protect humanitarian personnel, including locally recruited staff;{ref}",
                                       written, readings))
    paragraphs, _ = assemble(sources)
    return Round("Adopted", paragraphs, tuple(footnotes), language="en", symbol="A/RES/80/112",
                 masthead=Masthead(organ="General Assembly", distribution="Distr.: General", date="15 December 2025",
                                   session="Eightieth session", agenda_item="Agenda item 72 (a)"))


def test_rounds_written_by_drafttool_and_printed_to_pdf_read_back_the_same_in_six_languages(tmp_path: Path) -> None:
    chosen = _generated(2)
    chosen["resolution"] = _resolution()
    files = []
    for name, round_ in chosen.items():
        path = tmp_path / f"{name}.docx"
        path.write_bytes(render_round_docx(round_))
        files.append(path)
    outputs = libreoffice.convert(files, "pdf", tmp_path / "pdf")
    for (name, round_), output in zip(chosen.items(), outputs):
        back = read_document(output, label=round_.label).round
        assert _shape(back) == _shape(round_), name
    whole = read_document(outputs[-1]).round
    kinds = [p.kind for p in whole.paragraphs]
    assert (kinds.count(Kind.PREAMBULAR), kinds.count(Kind.OPERATIVE), len(whole.footnotes)) == (20, 75, 22)
    assert whole.symbol == "A/RES/80/112" and whole.masthead.session == "Eightieth session"


def _refused(runner, tmp_path: Path, name: str, data: bytes) -> str:
    store = tmp_path / "store"
    runner.invoke(main, ["init", str(store), "--title", "Test"], catch_exceptions=False)
    before = sorted(p.name for p in (store / "rounds").iterdir()) if (store / "rounds").exists() else []
    path = tmp_path / name
    path.write_bytes(data)
    result = runner.invoke(main, ["import", str(store), str(path), "--label", "Draft"], catch_exceptions=False)
    after = sorted(p.name for p in (store / "rounds").iterdir()) if (store / "rounds").exists() else []
    assert result.exit_code == 2 and after == before, result.output
    assert result.output.count("\n") == 1, result.output
    return result.output


def test_a_pdf_whose_fonts_carry_no_unicode_is_refused_in_one_line(runner, tmp_path: Path) -> None:
    output = _refused(runner, tmp_path, "broken-fonts.pdf", pdf_fixtures.glyphs_without_unicode())
    assert output == (f"drafttool: error: {tmp_path}/broken-fonts.pdf: 400 of its 400 characters are drawn with fonts "
                      "that carry no Unicode text (AAAAAA+TimesNewRomanPSMT): the text cannot be read without "
                      "garbage; import the Word file or a PDF saved with Unicode fonts\n")


def test_a_scan_without_a_text_layer_is_refused_in_one_line(runner, tmp_path: Path) -> None:
    output = _refused(runner, tmp_path, "scan.pdf", pdf_fixtures.no_text())
    assert output == (f"drafttool: error: {tmp_path}/scan.pdf: this PDF has no text layer (a scanned document?); "
                      "drafttool reads PDFs whose text can be selected: run OCR on it first, or import the Word "
                      "file\n")


def test_a_truncated_pdf_is_refused_in_one_line(runner, tmp_path: Path) -> None:
    output = _refused(runner, tmp_path, "cut.pdf", pdf_fixtures.text_page("Hello world.")[:300])
    assert output.startswith(f"drafttool: error: {tmp_path}/cut.pdf: this PDF is damaged or cut short and cannot "
                             "be read (")


def test_a_page_tree_of_a_billion_pages_is_refused_before_any_page_is_read(runner, tmp_path: Path) -> None:
    output = _refused(runner, tmp_path, "pages.pdf", pdf_fixtures.huge_page_tree())
    assert output == (f"drafttool: error: {tmp_path}/pages.pdf: its page tree declares 1,000,000,000 pages; "
                      "drafttool reads PDFs of up to 3,000 pages: is it the right file?\n")


def test_a_stream_that_inflates_past_the_limit_is_refused(runner, tmp_path: Path, monkeypatch) -> None:
    import drafttool.readers.pdf as reader

    monkeypatch.setattr(reader, "MAX_PDF_INFLATED_BYTES", 4 * 1024 * 1024)
    output = _refused(runner, tmp_path, "bomb.pdf", pdf_fixtures.inflating(16))
    assert output == (f"drafttool: error: {tmp_path}/bomb.pdf: this PDF asks for more work than any negotiated "
                      "text: its compressed streams inflate to more than the limit (4 MB inflated, 20,000,000 "
                      "characters)\n")


def test_an_encrypted_pdf_is_refused_in_one_line(runner, tmp_path: Path) -> None:
    source = tmp_path / "secret.docx"
    source.write_bytes(render_round_docx(_resolution()))
    target = ('pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
              '"DocumentOpenPassword":{"type":"string","value":"secret"}}')
    (encrypted,) = libreoffice.convert([source], target, tmp_path / "out")
    output = _refused(runner, tmp_path, "secret.pdf", encrypted.read_bytes())
    assert output == (f"drafttool: error: {tmp_path}/secret.pdf: this PDF is encrypted with a password; drafttool "
                      "cannot read it: save an unprotected copy\n")


def test_a_file_that_is_not_a_pdf_is_refused() -> None:
    try:
        read_pdf(b"PK\x03\x04 a zip", path="fake.pdf")
    except InputError as error:
        assert str(error) == "fake.pdf: this is not a PDF file (no '%PDF-' header)"
    else:
        raise AssertionError("not refused")


def test_page_numbers_and_a_few_lines_are_read_from_a_minimal_pdf() -> None:
    reading = read_pdf(pdf_fixtures.text_page("Welcoming the report of the Secretary-General,\n"
                                              "and his recommendations,"), path="min.pdf")
    assert [p.text for p in reading.round.paragraphs] == [
        "Welcoming the report of the Secretary-General, and his recommendations,"]
    assert re.fullmatch(r"[a-z]{2}", reading.round.language)
