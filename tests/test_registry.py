"""Each command is one library call handed to a renderer: the registry of renderers, and
the round exports it makes reachable (a clean HTML page, a clean Word file)."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafttool.cli import main
from drafttool.operations import stored_round
from drafttool.readers.docx import read_docx
from drafttool.renderers.registry import RENDERERS, formats, render

EXAMPLE = Path(__file__).resolve().parent.parent / "drafts" / "cnd-2024"


def test_every_format_a_command_offers_has_a_renderer() -> None:
    offered = {
        "comparison": ("terminal", "json", "html", "docx"), "redline": ("docx",),
        "blame": ("terminal", "json", "html"), "compilation": ("docx", "html"),
        "progress": ("terminal", "json", "html"), "round": ("terminal", "json", "md", "html", "docx"),
        "proposals": ("text", "json"), "summary": ("text", "json"), "rounds": ("text",),
        "delegations": ("text", "json"),
    }
    assert {(document, format_) for document, wanted in offered.items() for format_ in wanted} == set(RENDERERS)
    assert formats("blame") == ("terminal", "json", "html")


def test_a_format_no_renderer_writes_is_refused_with_the_formats_there_are() -> None:
    with pytest.raises(ValueError) as error:
        render("blame", "docx", None)
    assert str(error.value) == "no renderer writes a blame as docx; formats: terminal, json, html"


def test_a_round_exported_as_word_reads_back_the_same(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "rev1.docx"
    result = runner.invoke(main, ["export", str(EXAMPLE), "--round", "Rev.1", "--format", "docx", "-o", str(target)])
    assert result.exit_code == 0, result.output
    round_ = stored_round(EXAMPLE, "Rev.1").round
    read = read_docx(target.read_bytes(), label=round_.label).round
    assert [(p.label, p.text) for p in read.paragraphs] == [(p.label, p.text) for p in round_.paragraphs]


def test_a_round_exported_as_html_is_a_page_of_its_paragraphs(runner) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(main, ["export", str(EXAMPLE), "--round", "Rev.1", "--format", "html"])
    assert result.exit_code == 0
    assert result.output.startswith("<!DOCTYPE html>")
    ids = [p.id for p in stored_round(EXAMPLE, "Rev.1").round.paragraphs]
    assert all(f' id="p-{paragraph_id}"' in result.output for paragraph_id in ids)


def test_a_word_export_needs_an_output_file(runner) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(main, ["export", str(EXAMPLE), "--format", "docx"])
    assert result.exit_code == 2
    assert result.output.strip().endswith("a Word file is written to a file: give -o FILE.docx")
