"""The command line: exact output and exit codes, through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drafttool.cli import main
from drafttool.store import load_store

from conftest import SEED, snapshot


def run(runner, *args):
    return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_init_import_rounds_show(runner, tmp_path: Path):
    store = tmp_path / "cnd"
    result = run(runner, "init", store, "--title", "CND 2024", "--language", "fr")
    assert (result.exit_code, result.output) == (0, f"created {store}\n")
    result = run(runner, "import", store, SEED, "--label", "Adopted", "--date", "2024-03-14")
    assert result.exit_code == 0
    assert result.output == (
        f"imported {SEED} as 'Adopted': 71 paragraphs, 13 footnotes → {store}/rounds/001-adopted.jsonl\n"
    )
    result = run(runner, "rounds", store)
    assert result.output == "1. Adopted (2024-03-14, 71 paragraphs, 13 footnotes)\n"
    result = run(runner, "show", store)
    assert result.exit_code == 0
    lines = result.output.split("\n")
    assert lines[:2] == ["Nations Unies", "Conseil économique et social"]
    assert "I. Nos engagements communs" in lines
    assert any(line.startswith("18. Nous redisons notre préoccupation") for line in lines)
    assert any(line.startswith("    a) L'expansion et la diversification") for line in lines)
    assert "12 Certaines délégations ont mentionné les recommandations relatives à la nécessité que le transfert de " \
           "technologie se fasse selon des modalités arrêtées d'un commun accord, comme précisé au paragraphe 45 du " \
           "Pacte de Bridgetown (TD/541/Add.2) du 7 octobre 2021." in lines


def test_export_json_carries_every_paragraph_field_and_the_footnotes(runner, seed_store: Path):
    result = run(runner, "export", seed_store, "--format", "json")
    data = json.loads(result.output)
    paragraph = next(p for p in data["paragraphs"] if p["id"] == "p18.a")
    assert {k: paragraph[k] for k in ("id", "kind", "label", "parent", "status")} == {
        "id": "p18.a", "kind": "subparagraph", "label": "a)", "parent": "p18",
        "status": {"value": "open"},
    }
    assert paragraph["text"].startswith("L'expansion et la diversification")
    assert data["footnotes"][1] == {
        "id": "fn-1", "number": "1",
        "text": "Voir *Documents officiels du Conseil économique et social, 2019, Supplément n° 8 (E/2019/28)*, "
                "chap. I, sect. B.",
    }
    assert next(p for p in data["paragraphs"] if p["id"] == "p41")["footnotes"] == ["fn-12"]


def test_export_md_to_a_file_reimports_to_the_same_round(runner, seed_store: Path, tmp_path: Path):
    out = tmp_path / "adopted.md"
    result = run(runner, "export", seed_store, "--format", "md", "-o", out)
    assert (result.exit_code, result.output) == (0, "")
    run(runner, "import", seed_store, out, "--label", "Again")
    rounds = load_store(seed_store).rounds
    assert rounds[1].paragraphs == rounds[0].paragraphs
    assert rounds[1].footnotes == rounds[0].footnotes
    assert rounds[1].masthead == rounds[0].masthead


def test_import_carries_ids_forward_when_paragraphs_are_renumbered(runner, empty_store: Path, tmp_path: Path):
    zero = tmp_path / "zero.md"
    zero.write_text("1. Alpha text here.\n\n2. Beta text here.\n\n3. Gamma text here.\n")
    rev1 = tmp_path / "rev1.md"
    rev1.write_text("1. New first paragraph.\n\n2. Alpha text here.\n\n3. Gamma text here.\n")
    run(runner, "import", empty_store, zero, "--label", "Zero draft")
    run(runner, "import", empty_store, rev1, "--label", "Rev.1")
    rev = load_store(empty_store).rounds[1]
    assert [(p.id, p.label) for p in rev.paragraphs] == [("p1~2", "1."), ("p1", "2."), ("p3", "3.")]


def bad(runner, *args):
    result = runner.invoke(main, [str(a) for a in args])
    assert result.exit_code == 2, result.output
    assert result.output.count("\n") == 1, result.output
    return result.output.rstrip("\n")


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("empty.md", b"", "{path}: the document is empty"),
        ("scan.txt", b"%PDF-1.7 binary", "{path}: this is a PDF file; convert it to text (pdftotext -layout) and "
                                             "import the .txt"),
        ("notzip.docx", b"this is not a zip", "{path}: not a Word .docx file"),
        ("corrupt.docx", b"PK\x03\x04garbage", "{path}: "),
        ("empty.docx", b"", "{path}: "),
    ],
)
def test_bad_documents_get_one_line_exit_2_and_leave_the_store_unchanged(runner, seed_store, tmp_path, name, data,
                                                                       expected):
    document = tmp_path / name
    document.write_bytes(data)
    before = snapshot(seed_store)
    message = bad(runner, "import", seed_store, document, "--label", "Rev.9")
    assert message.startswith("drafttool: error: " + expected.format(path=document))
    assert snapshot(seed_store) == before


def test_store_edited_into_invalid_json(runner, seed_store: Path):
    file = next((seed_store / "rounds").glob("*.jsonl"))
    file.write_text(file.read_text().replace('"id": "p3"', '"id": "p3",,', 1))
    line = next(i for i, l in enumerate(file.read_text().split("\n"), 1) if '"p3",,' in l)
    before = snapshot(seed_store)
    message = bad(runner, "show", seed_store)
    assert message.startswith(f"drafttool: error: {file}:{line}: invalid JSON: Expecting property name")
    assert snapshot(seed_store) == before


def test_unknown_round(runner, seed_store: Path):
    assert bad(runner, "show", seed_store, "--round", "Rev.3") == (
        "drafttool: error: no round 'Rev.3'; the rounds are 'Adopted'"
    )


def test_not_a_store(runner, tmp_path: Path):
    assert bad(runner, "rounds", tmp_path) == (
        f"drafttool: error: {tmp_path}: not a drafttool store (no negotiation.json); create one with `drafttool init`"
    )


@pytest.mark.parametrize("command", ["init", "import", "rounds", "show", "export"])
def test_every_command_has_help_with_an_example(runner, command):
    result = run(runner, command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert "drafttool " + command in result.output


def test_compile_without_an_output_writes_its_page_to_stdout(runner, example_copy: Path):
    result = runner.invoke(main, ["compile", str(example_copy), "--round", "Zero draft"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("<!DOCTYPE html>\n") and "wrote" not in result.output
    docx = runner.invoke(main, ["compile", str(example_copy), "--format", "docx"])
    assert (docx.exit_code, docx.output) == (2, "drafttool: error: a Word file is written to a file: give -o FILE.docx\n")


@pytest.mark.parametrize("command", [
    ["delegations"], ["show"], ["rounds"], ["proposals"], ["export", "--format", "md"], ["diff"], ["blame"],
    ["progress"], ["compile"], ["check"],
])
def test_a_command_whose_reader_has_gone_exits_quietly(command: list[str], example_copy: Path):
    """`drafttool delegations STORE | head -1`: the pipe closes before the output is written."""
    import os
    import subprocess
    import sys

    read_end, write_end = os.pipe()
    os.close(read_end)
    script = "import sys; from drafttool.cli import main; sys.argv[0] = 'drafttool'; main()"
    result = subprocess.run([sys.executable, "-c", script, command[0], str(example_copy), *command[1:]],
                            stdout=write_end, stderr=subprocess.PIPE)
    os.close(write_end)
    assert (result.returncode, result.stderr.decode()) == (1, "")


@pytest.mark.parametrize("command", [
    ["diff", "{store}", "--format", "html"], ["diff", "{store}", "--format", "docx"], ["blame", "{store}"],
    ["progress", "{store}"], ["proposals", "{store}"], ["export", "{store}"], ["export", "{store}", "--format", "docx"],
    ["compile", "{store}", "--format", "html"], ["compile", "{store}"], ["redline", "{store}"],
])
def test_an_output_in_a_folder_that_does_not_exist_is_refused_and_nothing_is_written(runner, example_copy: Path,
                                                                                     tmp_path: Path, command):
    suffix = ".docx" if "docx" in command or command[0] in ("redline", "compile") and "html" not in command else ".html"
    output = tmp_path / "some" / "new" / f"file{suffix}"
    before = snapshot(tmp_path)
    result = runner.invoke(main, [part.format(store=example_copy) for part in command] + ["-o", str(output)])
    assert (result.exit_code, result.output) == (2, (
        f"drafttool: error: {output}: folder {output.parent} does not exist; create it first or give another -o\n"))
    assert snapshot(tmp_path) == before
