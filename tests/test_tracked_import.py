"""A Word copy tracked by several people and commented on by others, as it arrives from a
negotiation: every proposal attributed to the authors of its revisions, dated by them,
its formatting kept through the next round; comment authors never block the import."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafttool.cli import main
from drafttool.model import Kind, ProposalOp, ProposalStatus
from drafttool.negotiate.amendments import import_amendments
from drafttool.operations import decide, import_round, next_round
from drafttool.store import create_store, load_store

from conftest import snapshot
from docx_fixtures import dele, docx, ins, p, r

MEX = 'w:author="MEX - Maria López" w:date="2024-05-02T10:00:00Z"'
NOR = 'w:author="Delegation of Norway" w:date="2024-05-03T11:00:00Z"'
AILAC = 'w:author="Mexico (on behalf of AILAC)" w:date="2024-05-04T09:00:00Z"'


def table(*cells: str) -> str:
    return ('<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>'
            + "".join('<w:gridCol w:w="3000"/>' for _ in cells) + "</w:tblGrid><w:tr>"
            + "".join(f"<w:tc>{cell}</w:tc>" for cell in cells) + "</w:tr></w:tbl>")


def commented(number: int, *runs: str) -> list[str]:
    """Runs wrapped in the range of comment `number`, its reference after them."""
    return [f'<w:commentRangeStart w:id="{number}"/>', *runs, f'<w:commentRangeEnd w:id="{number}"/>',
            r(content=f'<w:commentReference w:id="{number}"/>')]


ROUND = "\n".join([
    p("Draft decision on cooperation", style="Title"),
    p("1. We welcome the ", r("Cooperative approach IDd", i=True), " and the progress made."),
    p("2. We decide to ensure reliable data on the ", r("Reported year", b=True), "."),
    p("3. We request the secretariat to report on the indicators below."),
    table(p("Vintages"), p("Units")),
    p("4. We decide to remain seized of the matter."),
])

TRACKED = "\n".join([
    p("Draft decision on cooperation", style="Title"),
    # A letter of an italic word replaced: the new letter is italic too.
    p(*commented(0, "1. We welcome the ", r("Cooperative approach ID", i=True)), dele(1, MEX, "d"),
      ins(2, MEX, r("c", i=True)), " and the progress made."),
    # A letter added to a bold word by another delegation; a comment naming Norway.
    p(*commented(1, "2. We decide to ensure reliable data on the ", r("Reported year", b=True)),
      ins(3, NOR, r("B", b=True)), "."),
    p(*commented(3, "3. We request the secretariat to report on the indicators below.")),
    # One letter changed in a one-word cell, one deleted in the cell next to it.
    table(p("Vintage", dele(4, MEX, "s"), ins(5, MEX, "r")), p("Unit", dele(6, NOR, "s"))),
    p(*commented(2, "4. We ", ins(7, AILAC, "firmly "), "decide to remain seized of the matter.")),
])


def comment(number: int, author: str, text: str) -> str:
    return (f'<w:comment w:id="{number}" w:author="{author}" w:date="2024-05-06T08:00:00Z"><w:p><w:r>'
            f"<w:t>{text}</w:t></w:r></w:p></w:comment>")


COMMENTS = ('<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            + comment(0, "Jane Observer", "We prefer the original wording.")
            + comment(1, "Jane Observer", "Norway: we support this paragraph.")
            + comment(2, "Pat Delegate", "US: we cannot accept this.")
            + comment(3, "Delegation of Norway", "Fine.")
            + "</w:comments>")


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "neg"
    create_store(path, language="en")
    source = tmp_path / "zero.docx"
    source.write_bytes(docx(ROUND))
    import_round(path, source, label="Zero draft")
    return path


def cell(store: Path, text: str) -> str:
    return next(p.id for p in load_store(store).round().paragraphs if p.text == text)


def test_a_copy_tracked_by_several_people_gives_each_proposal_its_authors_and_dates(store: Path, tmp_path: Path):
    file = tmp_path / "tracked.docx"
    file.write_bytes(docx(TRACKED, comments=COMMENTS))
    imported = import_amendments(store, file)
    found = sorted((p.paragraph or "", p.op.value, p.anchor.quote, p.text, p.by, p.date) for p in imported.proposals)
    vintages, units = cell(store, "Vintages"), cell(store, "Units")
    assert found == sorted([
        ("p1", "replace", "IDd", "*IDc*", ("MEX",), "2024-05-02"),
        ("p2", "replace", "year", "**yearB**", ("NOR",), "2024-05-03"),
        (vintages, "replace", "Vintages", "Vintager", ("MEX",), "2024-05-02"),
        (units, "replace", "Units", "Unit", ("NOR",), "2024-05-03"),
        ("p4", "insert", "", "firmly ", ("AILAC",), "2024-05-04"),
        # Comments: by the delegation they name first, by their author, or unattributed.
        ("p1", "statement", "", "We prefer the original wording.", ("unattributed",), "2024-05-06"),
        ("p2", "statement", "", "we support this paragraph.", ("NOR",), "2024-05-06"),
        ("p3", "statement", "", "Fine.", ("NOR",), "2024-05-06"),
        ("p4", "statement", "", "we cannot accept this.", ("USA",), "2024-05-06"),
    ])
    assert [n.message for n in imported.notices if "comments by" in n.message] == [
        "comments by 'Jane Observer' (2), 'Pat Delegate' (1), who are not delegations: imported as statements by "
        "the delegation each names first, else by 'unattributed'"]


def test_words_replaced_keep_their_formatting_through_the_next_round(store: Path, tmp_path: Path):
    file = tmp_path / "tracked.docx"
    file.write_bytes(docx(TRACKED, comments=COMMENTS))
    imported = import_amendments(store, file)
    decide(store, [p.id for p in imported.proposals if p.op is not ProposalOp.STATEMENT], ProposalStatus.ACCEPTED)
    new = next_round(store, label="Rev.1", date="2024-05-10").round
    texts = [p.text for p in new.paragraphs if p.kind is not Kind.CONTAINER]  # a table's records hold no text
    assert texts == [
        "Draft decision on cooperation",
        "We welcome the *Cooperative approach IDc* and the progress made.",
        "We decide to ensure reliable data on the **Reported yearB**.",
        "We request the secretariat to report on the indicators below.",
        "Vintager", "Unit",
        "We firmly decide to remain seized of the matter.",
    ]


def test_comment_authors_unknown_never_stop_an_import_and_go_to_the_as_delegation(store: Path, tmp_path: Path,
                                                                                   runner):
    file = tmp_path / "commented.docx"
    body = ROUND.replace("3. We request the secretariat", "3. We request the secretariat")
    file.write_bytes(docx(body.replace(p("4. We decide to remain seized of the matter."),
                                       p(*commented(0, "4. We decide to remain seized of the matter."))),
                          comments=COMMENTS.replace(comment(1, "Jane Observer", "Norway: we support this paragraph."), "")
                          .replace(comment(2, "Pat Delegate", "US: we cannot accept this."), "")
                          .replace(comment(3, "Delegation of Norway", "Fine."), "")))
    result = runner.invoke(main, ["propose", str(store), "--from", str(file), "--as", "CAN"])
    assert result.exit_code == 0, result.output
    statements = [p for p in load_store(store).proposals if p.op is ProposalOp.STATEMENT]
    assert [(p.by, p.paragraph, p.text) for p in statements] == [(("CAN",), "p4", "We prefer the original wording.")]


def test_a_revision_by_an_unknown_author_is_refused_naming_every_one(store: Path, tmp_path: Path, runner):
    file = tmp_path / "unknown.docx"
    file.write_bytes(docx(TRACKED.replace("MEX - Maria López", "Maria").replace("Delegation of Norway", "John")))
    before = snapshot(store)
    result = runner.invoke(main, ["propose", str(store), "--from", str(file)])
    assert result.exit_code == 2
    assert result.output == (
        f"drafttool: error: {file}: tracked changes by 'John', 'Maria', who are not delegations of this negotiation; "
        "give each its delegation with `drafttool delegations STORE --add CODE --alias NAME`, or say whose they are "
        "with --as\n")
    assert snapshot(store) == before
    assert runner.invoke(main, ["delegations", str(store), "--add", "MEX", "--alias", "Maria"]).exit_code == 0
    assert runner.invoke(main, ["delegations", str(store), "--add", "NOR", "--alias", "John"]).exit_code == 0
    result = runner.invoke(main, ["propose", str(store), "--from", str(file)])
    assert result.exit_code == 0, result.output
    assert {p.by for p in load_store(store).proposals} == {("MEX",), ("NOR",), ("AILAC",)}


def test_words_replaced_by_hand_take_the_format_of_the_words_they_replace(store: Path, runner):
    for quote, new in (("IDd", "IDc"), ("year", "yearB")):
        para = "1" if quote == "IDd" else "2"
        result = runner.invoke(main, ["propose", str(store), "--by", "MEX", "--para", para, "--replace", quote,
                                      "--with", new])
        assert result.exit_code == 0, result.output
    decide(store, [p.id for p in load_store(store).proposals], ProposalStatus.ACCEPTED)
    texts = [p.text for p in next_round(store, label="Rev.1").round.paragraphs]
    assert texts[1:3] == ["We welcome the *Cooperative approach IDc* and the progress made.",
                          "We decide to ensure reliable data on the **Reported yearB**."]
