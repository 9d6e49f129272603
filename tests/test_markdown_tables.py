"""Tables in Markdown: pipe tables read as tables of rows and cells, and the tables of a
round written as pipe tables that read back to the same round."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from drafttool.cli import main
from drafttool.readers.docx import read_docx
from drafttool.readers.markdown import read_markdown
from drafttool.renderers.markdown import render_round_markdown

from docx_fixtures import docx, p

PIPE_TABLE = """\
# Indicators

1. Adopts the following indicators:

| Indicator | Source \\| origin |
| :--- | ---: |
| Seizures | Member States<br>Customs *services* |
|  | Every year |

2. Decides to review them.
"""


def test_a_pipe_table_is_read_as_a_table_of_rows_and_cells_each_cell_s_paragraphs_in_order() -> None:
    reading = read_markdown(PIPE_TABLE, path="t.md")
    assert [(q.id, q.kind.value, q.scope.value if q.scope else None, q.parent, q.text)
            for q in reading.round.paragraphs] == [
        ("title", "title", None, None, "Indicators"),
        ("p1", "operative", None, None, "Adopts the following indicators:"),
        ("tbl-1", "container", "table", None, ""),
        ("tbl-1.r1", "container", "row", "tbl-1", ""),
        ("tbl-1.r1.c1", "container", "cell", "tbl-1.r1", ""),
        ("tbl-1.r1.c1.p1", "text", None, "tbl-1.r1.c1", "Indicator"),
        ("tbl-1.r1.c2", "container", "cell", "tbl-1.r1", ""),
        ("tbl-1.r1.c2.p1", "text", None, "tbl-1.r1.c2", "Source | origin"),
        ("tbl-1.r2", "container", "row", "tbl-1", ""),
        ("tbl-1.r2.c1", "container", "cell", "tbl-1.r2", ""),
        ("tbl-1.r2.c1.p1", "text", None, "tbl-1.r2.c1", "Seizures"),
        ("tbl-1.r2.c2", "container", "cell", "tbl-1.r2", ""),
        ("tbl-1.r2.c2.p1", "text", None, "tbl-1.r2.c2", "Member States"),
        ("tbl-1.r2.c2.p2", "text", None, "tbl-1.r2.c2", "Customs *services*"),
        ("tbl-1.r3", "container", "row", "tbl-1", ""),
        ("tbl-1.r3.c2", "container", "cell", "tbl-1.r3", ""),
        ("tbl-1.r3.c2.p1", "text", None, "tbl-1.r3.c2", "Every year"),
        ("p2", "operative", None, None, "Decides to review them."),
    ]
    assert [n.message for n in reading.notices] == []


def _cell(*paragraphs: str) -> str:
    return f"<w:tc>{''.join(p(text) for text in paragraphs)}</w:tc>"


def test_a_word_table_in_an_article_exports_as_a_pipe_table_and_imports_as_the_same_round(tmp_path: Path) -> None:
    table = ("<w:tbl><w:tr>" + _cell("Indicator") + _cell("Source | origin", "Frequency") + "</w:tr><w:tr>"
             + _cell() + _cell("1. Member States", "a <br> b") + "</w:tr></w:tbl>")
    body = p("Article 1") + p("1.\tAdopts the following indicators:") + table + p("2.\tDecides to review them.")
    data = docx(body)
    round_ = read_docx(data).round
    text = render_round_markdown(round_)
    assert text.split("\n\n")[3:5] == [
        "| Indicator | Source \\| origin<br>Frequency |\n| --- | --- |\n|  | 1. Member States<br>a \\<br> b |",
        "2. Decides to review them.\n",
    ]
    assert read_markdown(text, path="r.md").round == round_
    (tmp_path / "r.docx").write_bytes(data)
    runner = CliRunner()
    for args in (["init", tmp_path / "neg", "--title", "Indicators"],
                 ["import", tmp_path / "neg", tmp_path / "r.docx", "--label", "Rev.1"],
                 ["export", tmp_path / "neg", "--format", "md", "-o", tmp_path / "r.md"],
                 ["import", tmp_path / "neg", tmp_path / "r.md", "--label", "Rev.2"]):
        result = runner.invoke(main, [str(a) for a in args], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["diff", str(tmp_path / "neg"), "Rev.1", "Rev.2"], catch_exceptions=False)
    assert "Summary: 14 unchanged" in result.output
