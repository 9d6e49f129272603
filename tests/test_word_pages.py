"""Word files ready to circulate: a running head with the symbol and the round on every
page after the first, and page numbers, read back from LibreOffice's PDF."""

from __future__ import annotations

import subprocess
from pathlib import Path

from drafttool.negotiate.compilation import compile_round
from drafttool.operations import compare_store_rounds
from drafttool.renderers.docx import render_compilation_docx, render_comparison_docx, render_round_docx
from drafttool.store import load_store

import libreoffice
from conftest import EXAMPLE_STORE


def pages(pdf: Path) -> list[list[str]]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [[line.strip() for line in page.splitlines() if line.strip()] for page in text.split("\f") if page.strip()]


def test_word_files_have_a_running_head_with_symbol_and_round_and_page_numbers(tmp_path: Path) -> None:
    negotiation = load_store(EXAMPLE_STORE)
    compared = compare_store_rounds(EXAMPLE_STORE, "Rev.1", "Rev.2")
    files = {
        "round": render_round_docx(negotiation.round("Rev.1")),
        "compilation": render_compilation_docx(compile_round(negotiation, "Rev.1")),
        "comparison": render_comparison_docx(compared.comparison, compared.old, compared.new),
    }
    for name, data in files.items():
        (tmp_path / f"{name}.docx").write_bytes(data)
    pdfs = libreoffice.convert([tmp_path / f"{name}.docx" for name in files], "pdf", tmp_path / "pdf")
    heads = {"round": "E/CN.7/2024/L.2/Rev.1 · Rev.1", "compilation": "E/CN.7/2024/L.2/Rev.1 · Rev.1",
             "comparison": "E/CN.7/2024/L.2/Rev.2 · Rev.1 → Rev.2"}
    for (name, head), pdf in zip(heads.items(), pdfs):
        found = pages(pdf)
        assert len(found) >= 2, name
        assert head not in found[0], name  # the first page has the masthead instead
        for number, page in enumerate(found, start=1):
            assert page[-1] == str(number), (name, number, page[-1])  # the page number at the foot
            if number > 1:
                assert page[0] == head, (name, number, page[0])
