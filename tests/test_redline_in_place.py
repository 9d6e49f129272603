"""A redline written into the delegation's own document keeps the document: its sections
and their page setup, tables, headers and footers, footnotes and endnotes, comments, direct
formatting and custom note marks; LibreOffice's reject-all gives back the old file's text
and layout, its accept-all the new text.  Co-proposers are named in a comment."""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from drafttool.cli import main
from drafttool.operations import compare_files, compare_store_rounds
from drafttool.readers import TrackedChanges
from drafttool.readers.docx import read_docx, read_docx_layout
from drafttool.renderers.docx import render_round_docx
from drafttool.renderers.docx.inplace import render_inplace_docx
from drafttool.store import load_store
from drafttool.text import markup

import libreoffice
from conftest import EXAMPLE_STORE
from delegation_docx import NEW_WORDS, delegation_document
from test_docx_outputs import libreoffice_accept_and_reject
from test_revisions import W, check_package, parts


def rejected_package(data: bytes) -> bytes:
    """The redline with every revision rejected, as ECMA-376 17.13.5 says: inserted runs
    and paragraphs gone, deleted ones back, paragraph marks restored.  (LibreOffice's own
    reject-all is checked on the text; stored as PDF or .docx after a dispatched
    reject-all, this LibreOffice aborts on the document, with or without revisions in it,
    so its pages are compared on this package.)"""
    found = parts(data)
    for name in ("word/document.xml", "word/footnotes.xml", "word/endnotes.xml"):
        if name not in found:
            continue
        root = etree.fromstring(found[name])
        for paragraph in list(root.iter(W + "p")):
            mark = paragraph.find(f"{W}pPr/{W}rPr/{W}ins")
            if mark is not None:  # an inserted mark: what the paragraph keeps joins the next one
                following = paragraph.getnext()
                content = [c for c in paragraph if c.tag != W + "pPr"]
                if following is not None and following.tag == W + "p":
                    anchor = following.find(W + "pPr")
                    for child in reversed(content):
                        if anchor is not None:
                            anchor.addnext(child)
                        else:
                            following.insert(0, child)
                paragraph.getparent().remove(paragraph)
        for inserted in list(root.iter(W + "ins")):
            inserted.getparent().remove(inserted)
        for deleted in list(root.iter(W + "del")):
            parent = deleted.getparent()
            if parent.tag == W + "rPr":
                parent.remove(deleted)
                continue
            for text in deleted.iter(W + "delText"):
                text.tag = W + "t"
            for child in list(deleted):
                deleted.addprevious(child)
            parent.remove(deleted)
        found[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, value in found.items():
            archive.writestr(name, value)
    return buffer.getvalue()


def page_sizes(pdf: Path) -> list[str]:
    """'portrait' or 'landscape' for each page of a PDF (pdfinfo)."""
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True,
                                                            text=True, check=True).stdout).group(1))  # type: ignore[union-attr]
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", str(pages), str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    return ["landscape" if float(w) > float(h) else "portrait"
            for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)]


def page_texts(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


def page_images(pdf: Path, folder: Path) -> list[bytes]:
    """Grey page images (PGM) at 40 dpi, one a page."""
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-gray", "-r", "40", str(pdf), str(folder / "page")], check=True)
    return [path.read_bytes() for path in sorted(folder.glob("page*.pgm"))]


def differing_pixels(a: bytes, b: bytes) -> float:
    """The share of pixels that differ between two PGM images of one size."""
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+\d+\s", a)
    assert header is not None and a[:header.end()] == b[:header.end()], "pages of different sizes"
    pixels_a, pixels_b = a[header.end():], b[header.end():]
    return sum(1 for x, y in zip(pixels_a, pixels_b) if abs(x - y) > 32) / len(pixels_a)


def canonical(xml: bytes) -> bytes:
    """The XML without the spaces between elements (python-docx drops them on saving)."""
    return etree.tostring(etree.fromstring(xml, etree.XMLParser(remove_blank_text=True)), method="c14n")


def lines(path: Path) -> list[str]:
    return [" ".join(line.split()) for line in path.read_text(encoding="utf-8-sig").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def shapes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The delegation's document, the revised one, the redline written by `drafttool
    redline`, and LibreOffice's views of them."""
    from click.testing import CliRunner

    folder = tmp_path_factory.mktemp("redline-shapes")
    (folder / "old.docx").write_bytes(delegation_document({}))
    (folder / "new.docx").write_bytes(delegation_document(NEW_WORDS))
    result = CliRunner().invoke(main, ["redline", str(folder / "old.docx"), str(folder / "new.docx"), "-o",
                                       str(folder / "redline.docx"), "--date", "2024-02-02"])
    assert result.exit_code == 0, result.output
    libreoffice_accept_and_reject(folder)  # LibreOffice's own reject-all and accept-all, as text
    return folder


def test_the_redline_is_the_old_package_with_revisions_in_it(shapes: Path) -> None:
    old, red = parts((shapes / "old.docx").read_bytes()), parts((shapes / "redline.docx").read_bytes())
    check_package((shapes / "redline.docx").read_bytes())
    for name in ("word/header1.xml", "word/footer1.xml", "word/numbering.xml", "word/styles.xml",
                 "word/endnotes.xml", "word/comments.xml"):
        assert name in red, name
        assert canonical(red[name]) == canonical(old[name]), name
    document = etree.fromstring(red["word/document.xml"])
    body = document.find(W + "body")
    sections = [s for s in body.iter(W + "sectPr")]
    assert [s.find(W + "pgSz").get(W + "orient") for s in sections] == [None, "landscape"]
    assert all(s.find(W + "headerReference") is not None for s in sections)
    assert len(list(body.iter(W + "tbl"))) == 1 and len(list(body.iter(W + "tc"))) == 4
    assert len(list(body.iter(W + "endnoteReference"))) == 1
    assert [r.get(W + "customMarkFollows") for r in body.iter(W + "footnoteReference")] == ["1", None]
    assert len(list(body.iter(W + "commentReference"))) == 1
    # the title keeps its size, set by hand
    title = body.find(W + "p")
    assert title.find(f"{W}r/{W}rPr/{W}sz").get(W + "val") == "40"
    # the inserted subparagraph is numbered by Word, like its neighbours, and typed no label
    inserted = next(p for p in body.iter(W + "p") if "Blended finance;" in "".join(p.itertext()))
    assert inserted.find(f"{W}pPr/{W}numPr/{W}ilvl").get(W + "val") == "1"
    assert "".join(inserted.itertext()) == "Blended finance;"
    assert inserted.find(f"{W}pPr/{W}rPr/{W}ins") is not None
    # the footnote body is revised in its own part
    footnotes = etree.fromstring(red["word/footnotes.xml"])
    assert [t.text for t in footnotes.iter(W + "t") if t.getparent().getparent().tag == W + "ins"] == ["final "]


def test_libreoffices_reject_all_gives_back_the_old_document_text_and_layout(shapes: Path, tmp_path: Path) -> None:
    (tmp_path / "rejected.docx").write_bytes(rejected_package((shapes / "redline.docx").read_bytes()))
    old_pdf, rejected_pdf = libreoffice.convert([shapes / "old.docx", tmp_path / "rejected.docx"], "pdf",
                                                tmp_path / "pdf")
    old_txt, rejected_txt = libreoffice.convert([shapes / "old.docx", tmp_path / "rejected.docx"], "txt:Text",
                                                tmp_path / "txt")
    # LibreOffice's own reject-all, and the package rejected by the rules, give the old text
    assert lines(shapes / "redline.docx.rejected.txt") == lines(old_txt)
    assert lines(rejected_txt) == lines(old_txt)
    assert "ocean* and its resources." in " ".join(lines(old_txt))  # a custom mark shown once
    # page count and orientation of each page: a portrait body, a landscape annex
    assert page_sizes(rejected_pdf) == page_sizes(old_pdf)
    assert page_sizes(old_pdf)[:2] == ["portrait", "landscape"]
    # the running header on the pages of both sections, the footer's page number
    texts = page_texts(rejected_pdf)
    assert all("OCEAN/2024/L.1" in text for text in texts[:2]) and "Page 2" in texts[1]
    # table cells, notes of both kinds and the comment, as LibreOffice reads the redline
    odt = libreoffice.convert([shapes / "redline.docx"], "odt", tmp_path / "odt")[0]
    with zipfile.ZipFile(odt) as archive:
        content = archive.read("content.xml").decode("utf-8")
    assert content.count("<table:table-cell") == 4
    assert content.count('text:note-class="footnote"') == 2 and content.count('text:note-class="endnote"') == 1
    assert "<dc:creator>Norway</dc:creator>" in content
    # page by page, the rejected redline looks like the old file
    before = page_images(old_pdf, tmp_path / "old-pages")
    after = page_images(rejected_pdf, tmp_path / "rejected-pages")
    assert len(before) == len(after)
    assert max(differing_pixels(a, b) for a, b in zip(before, after)) < 0.002


def test_libreoffices_accept_all_gives_the_new_text(shapes: Path, tmp_path: Path) -> None:
    new_txt = libreoffice.convert([shapes / "new.docx"], "txt:Text", tmp_path / "txt")[0]
    assert lines(shapes / "redline.docx.accepted.txt") == lines(new_txt)
    pdf = libreoffice.convert([shapes / "redline.docx"], "pdf", tmp_path / "pdf")[0]
    assert page_sizes(pdf)[:2] == ["portrait", "landscape"]


def test_every_example_round_redlined_in_its_own_file_accepts_and_rejects_to_the_rounds() -> None:
    negotiation = load_store(EXAMPLE_STORE)
    for before, after in zip(negotiation.rounds, negotiation.rounds[1:]):
        old_bytes, new_bytes = render_round_docx(before), render_round_docx(after)
        with tempfile.TemporaryDirectory() as folder:
            (Path(folder) / "old.docx").write_bytes(old_bytes)
            (Path(folder) / "new.docx").write_bytes(new_bytes)
            compared = compare_files(Path(folder) / "old.docx", Path(folder) / "new.docx")
        _, layout = read_docx_layout(old_bytes)
        data = render_inplace_docx(old_bytes, compared.comparison, compared.old, compared.new, layout=layout,
                                   date="2024-02-02")
        check_package(data)
        for policy, wanted in ((TrackedChanges.ACCEPT, compared.new), (TrackedChanges.REJECT, compared.old)):
            got = read_docx(data, tracked_changes=policy).round
            assert [markup.plain(p.text) for p in got.paragraphs] == [markup.plain(p.text) for p in wanted.paragraphs], \
                (before.label, after.label, policy)
            assert [p.label for p in got.paragraphs] == [p.label for p in wanted.paragraphs]
            # (new notes' bodies are added at the end of the notes part: Word numbers them by reference)
            assert sorted(markup.plain(f.text) for f in got.footnotes) == sorted(
                markup.plain(f.text) for f in wanted.footnotes)


def test_a_change_proposed_by_two_delegations_has_the_first_as_author_and_a_comment_naming_both() -> None:
    compared = compare_store_rounds(EXAMPLE_STORE, "Zero draft", "Rev.1")
    base = render_round_docx(compared.old)
    data = render_inplace_docx(base, compared.comparison, compared.old, compared.new,
                               layout=read_docx_layout(base)[1],
                               dates={p.id: p.date for p in load_store(EXAMPLE_STORE).proposals})
    check_package(data)
    document = etree.fromstring(parts(data)["word/document.xml"])
    authors = {e.get(W + "author") for tag in ("ins", "del") for e in document.iter(W + tag)}
    assert authors == {"AfG", "EU", "MEX"}  # no 'AfG, G77' reviewer, no 'MEX, COL'

    comments = etree.fromstring(parts(data)["word/comments.xml"])
    said = {(c.get(W + "author"), "".join(c.itertext())) for c in comments.iter(W + "comment")}
    assert said == {("AfG", "Proposed by AfG, G77"), ("MEX", "Proposed by MEX, COL")}
    # each comment is anchored on the revisions it speaks of
    for comment in comments.iter(W + "comment"):
        start = next(document.iter(W + "commentRangeStart"))
        assert start is not None
        assert any(r.get(W + "id") == comment.get(W + "id") for r in document.iter(W + "commentRangeStart"))
    inserted = next(p for p in document.iter(W + "p") if "objectifs de développement durable et pour" in
                    "".join(p.itertext()))
    assert [e.get(W + "author") for e in inserted.iter(W + "ins")] == ["AfG", "AfG"]  # the words and the mark
    assert inserted.find(W + "commentRangeStart") is not None
