"""Word files a secretariat can issue: the masthead in the UN order with the date in the
text's language and the revised symbol, spans that do not run together, notes said once,
footnotes numbered as the pages number them, decided proposals greyed, the comparison's
changes first and named by their places.  Read back as LibreOffice reads them."""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from drafttool.model import Masthead, Paragraph, ProposalStatus, Round
from drafttool.negotiate.compilation import compile_round
from drafttool.operations import compare_store_rounds
from drafttool.compare.diff import compare_rounds
from drafttool.renderers.docx import render_compilation_docx, render_comparison_docx
from drafttool.store import load_store

import libreoffice
from conftest import EXAMPLE_STORE
from test_html_compilation import arabic, chinese, english

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
UNGA = Path(EXAMPLE_STORE).parent / "unga-safety-2025"


def read_back(tmp_path: Path, files: dict[str, bytes]) -> dict[str, list[str]]:
    """Each file's lines as LibreOffice's text export gives them."""
    for name, data in files.items():
        (tmp_path / f"{name}.docx").write_bytes(data)
    outputs = libreoffice.convert([tmp_path / f"{name}.docx" for name in files], "txt:Text", tmp_path / "txt")
    return {name: libreoffice.text_lines(path) for name, path in zip(files, outputs)}


@pytest.fixture(scope="module")
def short_stores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("short")
    return {"en": english(folder), "ar": arabic(folder), "zh": chinese(folder)}


def every_status(store: Path | str, round_label: str | None = None) -> bytes:
    negotiation = load_store(store)
    label = round_label or negotiation.rounds[-1].label
    return render_compilation_docx(compile_round(negotiation, label, statuses=tuple(ProposalStatus)))


# ------------------------------------------------------------------------------ masthead


def test_the_masthead_reads_in_the_un_order_with_the_date_in_the_texts_language(tmp_path, short_stores):
    def dated(language: str, organ: str) -> Round:
        return Round("Rev.1", (Paragraph("p1", "Text.", label="1."),), date="2024-02-23", symbol="A/C.3/78/L.41",
                     language=language, masthead=Masthead(organ=organ, distribution="Distr.: Limited"))
    old_ar, new_ar = Round("Zero draft", language="ar"), dated("ar", "الجمعية العامة")
    old_zh, new_zh = Round("Zero draft", language="zh"), dated("zh", "大会")
    lines = read_back(tmp_path, {
        "fr": every_status(EXAMPLE_STORE, "Rev.1"),
        "en": every_status(short_stores["en"]),
        "ar": render_comparison_docx(compare_rounds(old_ar, new_ar), old_ar, new_ar),
        "zh": render_comparison_docx(compare_rounds(old_zh, new_zh), old_zh, new_zh),
    })
    # United Nations and the symbol first, a revised round's symbol with its /Rev.N; then
    # the organ, the distribution, the date as the language prints it, the original.
    assert lines["fr"][:7] == ["Nations Unies", "E/CN.7/2024/L.2/Rev.1", "Conseil économique et social",
                               "Distr. limitée", "2 février 2024", "Français", "Original : anglais"]
    assert lines["en"][:6] == ["United Nations", "A/C.3/79/L.41", "General Assembly", "Distr.: Limited",
                               "1 October 2024", "Original: English"]
    assert lines["ar"][:5] == ["الأمم المتحدة", "A/C.3/78/L.41/Rev.1", "الجمعية العامة", "Distr.: Limited",
                               "23 شباط/فبراير 2024"]
    assert lines["zh"][:5] == ["联合国", "A/C.3/78/L.41/Rev.1", "大会", "Distr.: Limited", "2024年2月23日"]
    assert "Texte de compilation — Rev.1, 2 février 2024" in lines["fr"]


def test_the_tracked_masthead_reads_in_the_un_order_and_revises_the_symbol_and_date(tmp_path):
    from drafttool.renderers.docx import render_tracked_docx

    compared = compare_store_rounds(EXAMPLE_STORE, "Rev.1", "Rev.2")
    (tmp_path / "tracked.docx").write_bytes(render_tracked_docx(compared.comparison, compared.old, compared.new))
    fodt = libreoffice.convert([tmp_path / "tracked.docx"], "fodt", tmp_path / "fodt")[0]
    assert libreoffice.odf_paragraphs(fodt, accept=True)[:5] == [
        "E/CN.7/2024/L.2/Rev.2", "Conseil économique et social", "Distr. limitée", "23 février 2024", "Français"]
    assert libreoffice.odf_paragraphs(fodt, accept=False)[:5] == [
        "E/CN.7/2024/L.2/Rev.1", "Conseil économique et social", "Distr. limitée", "2 février 2024", "Français"]


# ------------------------------------------------------------------------------ spans


def test_spans_proposers_and_statuses_are_parted_by_spaces_as_the_text_reads(tmp_path, short_stores):
    unga = compare_store_rounds(UNGA, "1", "2")
    cnd = compare_store_rounds(EXAMPLE_STORE, "Zero draft", "Rev.1")
    lines = read_back(tmp_path, {
        "compilation": every_status(EXAMPLE_STORE, "Zero draft"),
        "unga": render_comparison_docx(unga.comparison, unga.old, unga.new),
        "cnd": render_comparison_docx(cnd.comparison, cnd.old, cnd.new),
        "en": every_status(short_stores["en"]),
    })
    text = {name: "\n".join(found) for name, found in lines.items()}
    # The space that ended a deletion comes after its proposers and status.
    assert "libertés fondamentales et (RUS\u00a0: supprimer\u00a0; objection de EU, CANZ) [rejetée] la dignité" in \
        text["compilation"]
    # Struck words and the words replacing them are parted.
    assert "conséquences néfastes réduire les risques et les méfaits (CANZ) [retirée] de l'abus" in \
        text["compilation"]
    assert "at its eightieth eighty-first (Chair) session" in text["unga"]
    assert "L'expansion et la diversification (MEX, COL) de l'éventail" in text["cnd"]
    # A statement reads as the page shows it: what it is, its words, then who made it.
    assert "Statement: The Russian Federation reserves its position on extrabudgetary resources. (RUS) [pending]" \
        in lines["en"]
    for found in text.values():
        assert ")[" not in found and "]la" not in found


def test_a_label_wider_than_its_hang_starts_its_text_at_the_texts_edge(tmp_path):
    (tmp_path / "compilation.docx").write_bytes(every_status(EXAMPLE_STORE, "Zero draft"))
    pdf = libreoffice.convert([tmp_path / "compilation.docx"], "pdf", tmp_path / "pdf")[0]
    html = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    root = etree.fromstring(html.encode(), etree.HTMLParser())
    words = list(root.iter("word"))
    label = next(k for k, word in enumerate(words) if word.text == "11" and words[k + 1].text == "bis")
    top, label_end = float(words[label].get("ymin")), float(words[label + 1].get("xmax"))
    # The paragraph's text is one block to the right of its label, every line at one edge.
    block = next(block for block in root.iter("block")
                 if abs(float(block.get("ymin")) - top) < 0.5 and float(block.get("xmin")) > label_end)
    edges = [float(line.get("xmin")) for line in block.iter("line")]
    assert len(edges) > 1 and max(edges) - min(edges) < 1.5, edges


# ------------------------------------------------------------------------------ notes


def test_a_proposal_on_a_whole_paragraph_says_what_it_is_once(tmp_path):
    lines = read_back(tmp_path, {"unga": every_status(UNGA, "A/80/L.18")})["unga"]
    assert "Proposed for deletion (RUS) [rejected]" in lines
    assert not any("(RUS: delete)" in line for line in lines)


def _references(data: bytes) -> list[str]:
    """Each footnote reference in the body: Word's own number ('#') or its custom mark."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    out = []
    for reference in body.iter(W + "footnoteReference"):
        run = reference.getparent()
        custom = reference.get(W + "customMarkFollows") == "1"
        out.append("".join(t.text or "" for t in run.iter(W + "t")) if custom else "#")
    return out


def test_footnotes_are_numbered_in_word_as_the_pages_number_them(tmp_path):
    # The zero draft has no footnote 9: the tenth is '10', not the ninth Word would count.
    compilation = every_status(EXAMPLE_STORE, "Zero draft")
    assert _references(compilation) == ["*", "#", "#", "#", "#", "#", "#", "#", "#", "10", "11"]
    text = "\n".join(read_back(tmp_path, {"compilation": compilation})["compilation"])
    assert "Commission des stupéfiants10" in text and "stupéfiants9" not in text


# ------------------------------------------------------------------------------ greyed


def test_rejected_and_withdrawn_proposals_are_greyed_as_the_legend_says(tmp_path):
    data = every_status(EXAMPLE_STORE, "Zero draft")
    (tmp_path / "compilation.docx").write_bytes(data)
    fodt = libreoffice.convert([tmp_path / "compilation.docx"], "fodt", tmp_path / "fodt")[0]
    root = etree.parse(str(fodt)).getroot()
    style_ns = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
    fo_ns = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
    text_ns = libreoffice.ODF["text"]
    grey = {style.get(f"{{{style_ns}}}name") for style in root.iter(f"{{{style_ns}}}style")
            if any(p.get(f"{{{fo_ns}}}color") == "#636363" for p in style.iter(f"{{{style_ns}}}text-properties"))}
    greyed = " ".join("".join(span.itertext()) for span in root.iter(f"{{{text_ns}}}span")
                      if span.get(f"{{{text_ns}}}style-name") in grey)
    assert "Nous décidons d'examiner en 2029" in greyed  # OP12 alt, rejected
    assert "réduire les risques et les méfaits" in greyed  # withdrawn
    assert "(RUS\u00a0: supprimer\u00a0; objection de EU, CANZ)" in greyed and "[rejetée]" in greyed
    assert "(MEX, COL)" not in greyed and "[acceptée]" not in greyed  # accepted: not greyed
    assert "dignité" not in greyed  # the text as it stands is never greyed


# ------------------------------------------------------------------------------ a revised copy


def test_redline_refuses_an_old_document_that_already_holds_tracked_changes_and_writes_nothing(runner, tmp_path):
    from drafttool.cli import main
    from drafttool.renderers.docx import render_round_docx, render_tracked_docx

    negotiation = load_store(EXAMPLE_STORE)
    compared = compare_store_rounds(EXAMPLE_STORE, "Rev.1", "Rev.2")
    reviewed = tmp_path / "reviewed.docx"  # a delegation's copy with its own tracked changes
    reviewed.write_bytes(render_tracked_docx(compared.comparison, compared.old, compared.new))
    new = tmp_path / "new.docx"
    new.write_bytes(render_round_docx(negotiation.round("Rev.2")))
    output = tmp_path / "out.docx"
    result = runner.invoke(main, ["redline", str(reviewed), str(new), "-o", str(output)])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"drafttool: error: {reviewed}:paragraph 1: the old document already holds 7 tracked changes by Chair, EU; "
        "accept or reject them in Word, save, and redline again")
    assert not output.exists()


# ------------------------------------------------------------------------------ a moved Article


@pytest.mark.parametrize("moves", ["delete-insert", "revisions"])
def test_the_paragraphs_of_a_moved_article_move_with_it_in_the_tracked_file(moves):
    from drafttool.renderers.docx import render_tracked_docx
    from test_align_structure import WORDS, agreement, article
    from test_revisions import assert_views, tracked_view

    old = agreement("A", article(1, "Adaptation", [WORDS["adaptation"], WORDS["adaptation2"]]),
                    article(2, "Mitigation", [WORDS["mitigation"], WORDS["mitigation2"]]),
                    article(3, "Finance", [WORDS["finance"], WORDS["finance2"]]))
    new = agreement("B", article(1, "Mitigation", [WORDS["mitigation"], WORDS["mitigation2"]]),
                    article(2, "Finance", [WORDS["finance"], WORDS["finance2"]]),
                    article(3, "Adaptation", [WORDS["adaptation"], WORDS["adaptation2"] + " It is reviewed."]))
    comparison = compare_rounds(old, new)
    carried = [c for c in comparison.changes if c.place.startswith("Art. 1 ¶")]
    assert [(c.op.value, c.moved) for c in carried] == [("unchanged", True), ("edited", True)]
    data = render_tracked_docx(comparison, old, new, moves=moves, date="2024-01-01")
    assert_views(data, old, new)  # nothing of the Article folded away or left behind
    accepted = tracked_view(data, accept=True).texts()
    assert accepted[-2:] == [WORDS["adaptation"], WORDS["adaptation2"] + " It is reviewed."]


# ------------------------------------------------------------------------------ one run builder


def test_every_word_writer_writes_a_rounds_runs_and_notes_alike():
    from drafttool.compare.diff import compare_rounds as compare
    from drafttool.renderers.docx import render_round_docx, render_tracked_docx

    negotiation = load_store(EXAMPLE_STORE)
    round_ = negotiation.round("Zero draft")
    files = {"round": render_round_docx(round_), "tracked": render_tracked_docx(compare(round_, round_), round_, round_),
             "compilation": render_compilation_docx(compile_round(negotiation, "Zero draft"))}
    marks = {name: _references(data) for name, data in files.items()}
    assert marks["round"] == marks["tracked"] == marks["compilation"] == [
        "*", "#", "#", "#", "#", "#", "#", "#", "#", "10", "11"]

    def runs_of(data: bytes, words: str) -> bytes:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            body = etree.fromstring(archive.read("word/document.xml"))
        paragraph = next(p for p in body.iter(W + "p") if words in "".join(t.text or "" for t in p.iter(W + "t")))
        return b"".join(etree.tostring(run) for run in paragraph.iter(W + "r") if run.find(W + "tab") is None)
    words = "Nous prenons note des contributions"  # italic-free text with a note numbered 10
    assert runs_of(files["round"], words) == runs_of(files["tracked"], words) == runs_of(files["compilation"], words)


def test_words_after_the_proposers_are_parted_from_them_and_chinese_is_left_as_written():
    from drafttool.model import ChangeOp, Comparison, Kind, ParagraphChange, Segment, SegmentKind

    def shown(before: str, segments: tuple[Segment, ...], after: str, language: str = "en") -> str:
        old = Round("A", (Paragraph("p1", before, Kind.OPERATIVE, label="1."),), language=language)
        new = Round("B", (Paragraph("p1", after, Kind.OPERATIVE, label="1."),), language=language)
        change = ParagraphChange(ChangeOp.EDITED, old.paragraphs, new.paragraphs, segments)
        data = render_comparison_docx(Comparison("A", "B", (change,)), old, new)
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            body = etree.fromstring(archive.read("word/document.xml"))
        paragraph = next(p for p in body.iter(W + "p") if [t.text for t in p.iter(W + "t")][:1] == ["1."]
                         and len(list(p.iter(W + "t"))) > 1)
        return "".join(t.text or "" for t in paragraph.iter(W + "t"))

    equal, insert = SegmentKind.EQUAL, SegmentKind.INSERT
    assert shown("Reserves.", (Segment(insert, "China", by=("CHN",)), Segment(equal, "Reserves.")),
                 "ChinaReserves.") == "1.China (CHN) Reserves."
    assert shown("储备。", (Segment(insert, "中国", by=("CHN",)), Segment(equal, "储备。")), "中国储备。",
                 "zh") == "1.中国 (CHN)储备。"
