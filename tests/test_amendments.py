"""A delegation's file as proposals: tracked changes by several authors, clean copies."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafttool.negotiate.amendments import import_amendments
from drafttool.cli import main
from drafttool.errors import InputError, NotFoundError
from drafttool.model import Delegation, ProposalOp
from drafttool.operations import add_delegation, import_round
from drafttool.store import create_store, load_store

from conftest import snapshot
from docx_fixtures import EU, USA, dele, docx, ins, p, r

ROUND = """\
1. We reaffirm our commitment to address the world drug problem.

2. We recognize the importance of reliable data and of its wide geographical coverage.

3. We request the Office to continue providing technical assistance to Member States.
"""

EDITED = """\
1. We reaffirm our strong commitment to address the world drug problem.

2. We recognize the importance of reliable data.

3. We request the Office to continue providing targeted assistance to Member States.
"""

COMMENT = ('<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           '<w:comment w:id="0" w:author="United States" w:date="2024-03-02T09:00:00Z"><w:p><w:r>'
           '<w:t>We cannot accept this wording.</w:t></w:r></w:p></w:comment></w:comments>')

TRACKED = "\n".join([
    p("1. We reaffirm our ", ins(1, EU, "strong "), "commitment to address the world drug problem."),
    p("2. We recognize the importance of reliable data", dele(2, USA, " and of its wide geographical coverage"),
      "."),
    p('<w:commentRangeStart w:id="0"/>', "3. We request the Office to continue providing ",
      dele(3, EU, "technical"), ins(4, EU, "targeted"), " assistance to Member States.",
      '<w:commentRangeEnd w:id="0"/>', r(content='<w:commentReference w:id="0"/>')),
])


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "neg"
    create_store(path)  # seeded with the Member States: 'United States' and 'US' are USA
    source = tmp_path / "zero.md"
    source.write_text(ROUND, encoding="utf-8")
    import_round(path, source, label="Zero draft")
    return path


def essence(proposals):
    return sorted((p.op.value, p.paragraph, p.anchor.quote, p.anchor.before[-12:], p.text) for p in proposals
                  if p.op is not ProposalOp.STATEMENT)


def test_tracked_changes_by_several_authors_become_their_proposals(store: Path, tmp_path: Path):
    file = tmp_path / "usa-eu.docx"
    file.write_bytes(docx(TRACKED, comments=COMMENT))
    imported = import_amendments(store, file, date="2024-03-03")
    found = sorted((p.by, p.op.value, p.paragraph, p.anchor.quote, p.text) for p in imported.proposals)
    assert found == [
        (("EU",), "insert", "p1", "", "strong "),
        (("EU",), "replace", "p3", "technical", "targeted"),
        (("USA",), "delete", "p2", " and of its wide geographical coverage", ""),
        (("USA",), "statement", "p3", "", "We cannot accept this wording."),
    ]
    stored = load_store(store).proposals
    assert {p.id for p in stored} == {p.id for p in imported.proposals}
    assert all(p.source == "usa-eu.docx" and p.round == "Zero draft" for p in stored)


def test_a_clean_copy_gives_the_same_proposals_as_its_tracked_equivalent(store: Path, tmp_path: Path):
    tracked = tmp_path / "tracked.docx"
    tracked.write_bytes(docx(TRACKED))
    clean_md = tmp_path / "clean.md"
    clean_md.write_text(EDITED, encoding="utf-8")
    clean_docx = tmp_path / "clean.docx"
    clean_docx.write_bytes(docx("\n".join(p(line) for line in EDITED.strip().split("\n\n"))))
    from_tracked = import_amendments(store, tracked).proposals
    from_md = import_amendments(store, clean_md, as_delegation="EU").proposals
    from_docx = import_amendments(store, clean_docx, as_delegation="eu").proposals
    assert essence(from_tracked) == essence(from_md) == essence(from_docx)
    assert {p.by for p in from_md} == {("EU",)}


def test_an_unknown_author_is_named_with_the_delegations_known(store: Path, tmp_path: Path):
    file = tmp_path / "x.docx"
    rest = [p(line) for line in ROUND.strip().split("\n\n")[1:]]
    file.write_bytes(docx("\n".join([p("1. We reaffirm our ", ins(1, 'w:author="Jane Smith" w:date="2024-03-01T00:00:00Z"',
                                                                "strong "), "commitment to address the world drug "
                                                                             "problem."), *rest])))
    before = snapshot(store)
    with pytest.raises(NotFoundError) as raised:
        import_amendments(store, file)
    assert str(raised.value) == (
        f"{file}: tracked changes by 'Jane Smith', who is not a delegation of this negotiation; give each its "
        "delegation with `drafttool delegations STORE --add CODE --alias NAME`, or say whose they are with --as")
    assert snapshot(store) == before
    imported = import_amendments(store, file, as_delegation="USA")
    assert [p.by for p in imported.proposals] == [("USA",)]


def test_a_copy_of_another_round_is_refused(store: Path, tmp_path: Path, runner):
    rev = tmp_path / "rev1.md"
    rev.write_text(EDITED.replace("1. We reaffirm", "1. We solemnly reaffirm").replace("2. We", "2. Also, we"),
                   encoding="utf-8")
    import_round(store, rev, label="Rev.1")
    old_copy = tmp_path / "old-copy.md"
    old_copy.write_text(ROUND.replace("technical", "specialized"), encoding="utf-8")
    before = snapshot(store)
    result = runner.invoke(main, ["propose", str(store), "--from", str(old_copy), "--as", "EU"])
    assert result.exit_code == 2
    assert result.output == (
        f"drafttool: error: {old_copy}: looks like an edit of round 'Zero draft' (67% of its paragraphs are there "
        "unchanged, 0% of 'Rev.1''s); pass --round 'Zero draft' or use a copy of the right round\n"
    )
    assert snapshot(store) == before
    result = runner.invoke(main, ["propose", str(store), "--from", str(old_copy), "--as", "EU", "--round",
                                  "Zero draft"])
    assert result.exit_code == 0, result.output
    assert result.output.endswith(f"1 proposal(s) recorded from {old_copy}\n")


def test_a_clean_copy_needs_its_author(store: Path, tmp_path: Path):
    file = tmp_path / "c.md"
    file.write_text(EDITED, encoding="utf-8")
    with pytest.raises(InputError, match="a clean copy carries no author; say whose proposals these are with --as"):
        import_amendments(store, file)


def test_two_paragraphs_merged_in_a_copy_give_a_next_round_that_keeps_the_formatting_of_each_part():
    from dataclasses import replace

    from drafttool.compare.diff import DiffOptions, compare_rounds
    from drafttool.model import Paragraph, Round
    from drafttool.negotiate.amendments import changes_to_proposals
    from drafttool.negotiate.proposals import apply_proposals

    old = Round("Zero", (Paragraph("p1", "我们*决定*", label="1."), Paragraph("p2", "*我*我。", label="2."),
                         Paragraph("p3", "**最后**。", label="3.")), language="zh")
    copy = Round("copy", (Paragraph("p1", "我们*决定我*我。", label="1."), Paragraph("p3", "**最后**。", label="2.")),
                 language="zh")
    for trust_ids in (True, False):
        drafts, _ = changes_to_proposals(compare_rounds(old, copy, DiffOptions(trust_ids=trust_ids)), old, copy)
        proposals = [replace(draft, id=f"eu-{k}", by=("EU",)) for k, (draft, _) in enumerate(drafts)]
        assert [(p.op, p.paragraph, p.text) for p in proposals] == [
            (ProposalOp.ALTERNATIVE, "p1", "我们*决定我*我。"), (ProposalOp.DELETE_PARAGRAPH, "p2", "")]
        amended = apply_proposals(old, proposals, label="Rev.1").round
        assert [(p.label, p.text) for p in amended.paragraphs] == [("1.", "我们*决定我*我。"), ("2.", "**最后**。")]
        assert amended.paragraphs[0].merged_from == ("p1", "p2")
