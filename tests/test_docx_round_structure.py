"""The clean Word export of a structured round reads back as the same round: Articles,
annexes and options as their headings and lines, tables as Word tables, endnotes as
endnotes in their format."""

from __future__ import annotations

import zipfile
from dataclasses import replace
from io import BytesIO
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

from drafttool.cli import main
from drafttool.model import Footnote, NoteKind, Round
from drafttool.readers.docx import read_docx
from drafttool.readers.markdown import read_markdown
from drafttool.renderers.docx.round import render_round_docx

from test_structure_properties import structured_rounds

AGREEMENT = """# Agreement on indicators

The Parties to this Agreement,

Recalling the Convention,

Have agreed as follows:

## Article 1 Use of terms

1. For the purposes of this Agreement:

(a) “Party” means a State;[^1]

(b) “Area” means the seabed.

2. Nothing in it prejudices the Convention.

## Article 2

1. This Agreement applies to the indicators below.

| Indicator | Source |
| --- | --- |
| Seizures | Member States<br>Customs services |

Option 1:

2. Each Party reports every year.

Option 2: No text

## Annex I Guidelines

1. The guidelines apply.

[^1]: Within the meaning of the Convention.
"""


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(structured_rounds())
def test_a_word_export_of_a_structured_round_reads_back_as_the_same_structure(round_: Round) -> None:
    back = read_docx(render_round_docx(round_)).round
    assert back.paragraphs == round_.paragraphs
    assert back.footnotes == round_.footnotes


def _through_word(tmp_path: Path) -> CliRunner:
    """a.md imported as Rev.1, exported to a.docx and imported again as Rev.2."""
    runner = CliRunner()
    for args in (["init", tmp_path / "neg", "--title", "Indicators"],
                 ["import", tmp_path / "neg", tmp_path / "a.md", "--label", "Rev.1"],
                 ["export", tmp_path / "neg", "--format", "docx", "-o", tmp_path / "a.docx"],
                 ["import", tmp_path / "neg", tmp_path / "a.docx", "--label", "Rev.2"]):
        result = runner.invoke(main, [str(a) for a in args], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    return runner


def test_an_agreement_with_a_table_and_options_exported_to_word_imports_as_the_same_round(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(AGREEMENT, encoding="utf-8")
    runner = _through_word(tmp_path)
    read = read_docx((tmp_path / "a.docx").read_bytes())
    assert read.round.paragraphs == read_markdown(AGREEMENT, path="a.md").round.paragraphs
    assert [n.message for n in read.notices] == []
    result = runner.invoke(main, ["diff", str(tmp_path / "neg"), "Rev.1", "Rev.2"], catch_exceptions=False)
    assert "Summary: 28 unchanged" in result.output, result.output


def test_endnotes_stay_endnotes_numbered_by_word_in_the_format_of_their_labels() -> None:
    base = read_markdown(AGREEMENT, path="a.md").round
    for fmt, labels in (("lowerRoman", ("i", "ii")), ("lowerLetter", ("a", "b")), ("decimal", ("1", "2"))):
        notes = (Footnote("fn-1", "Within the meaning of the Convention.", "1"),
                 Footnote(f"en-{labels[0]}", "See the annex.", labels[0], NoteKind.ENDNOTE),
                 Footnote(f"en-{labels[1]}", "As reported.", labels[1], NoteKind.ENDNOTE))
        paragraphs = list(base.paragraphs)
        paragraphs[6] = replace(paragraphs[6], text=f"{paragraphs[6].text}[^en-{labels[0]}]")
        paragraphs[8] = replace(paragraphs[8], text=f"{paragraphs[8].text}[^en-{labels[1]}]")
        round_ = Round("Rev.1", tuple(paragraphs), notes, language="en")
        data = render_round_docx(round_)
        parts = {name: zipfile.ZipFile(BytesIO(data)).read(name) for name in ("word/endnotes.xml", "word/document.xml")}
        assert parts["word/endnotes.xml"].count(b"<w:endnote ") == 4  # two separators, two endnotes
        assert f'<w:endnotePr><w:numFmt w:val="{fmt}"/></w:endnotePr>'.encode() in parts["word/document.xml"]
        assert b"w:customMarkFollows" not in parts["word/document.xml"]
        back = read_docx(data).round
        assert back.footnotes == round_.footnotes
        assert back.paragraphs == round_.paragraphs


def test_items_numbered_under_a_numbered_paragraph_are_exported_to_word_and_import_as_its_subparagraphs(
        tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("1. For the purposes of this Agreement:\n\n"
                                   "   1. “Party” means a State;\n\n"
                                   "      1. a State that has ratified it;\n\n"
                                   "   2. “Area” means the seabed.\n\n"
                                   "2. Nothing in it prejudices the Convention.\n", encoding="utf-8")
    runner = _through_word(tmp_path)
    read = read_docx((tmp_path / "a.docx").read_bytes()).round
    assert [(p.kind.value, p.label, p.level, p.parent) for p in read.paragraphs] == [
        ("operative", "1.", 0, None), ("subparagraph", "1.", 1, "p1"), ("subparagraph", "1.", 2, "p1.1"),
        ("subparagraph", "2.", 1, "p1"), ("operative", "2.", 0, None)]
    assert read.paragraphs == read_markdown((tmp_path / "a.md").read_bytes()).round.paragraphs
    result = runner.invoke(main, ["diff", str(tmp_path / "neg"), "Rev.1", "Rev.2"], catch_exceptions=False)
    assert result.output.splitlines()[-1] == "Summary: 5 unchanged"
