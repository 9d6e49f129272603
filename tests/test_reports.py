"""What commands report once done: rendered from the value the library call returned,
each line to stdout or stderr, never printed by the command body itself."""

from __future__ import annotations

import ast
from pathlib import Path

from drafttool.check import Checked
from drafttool.errors import Notice
from drafttool.model import Paragraph, Proposal, ProposalOp, ProposalStatus, Round, Status, StatusValue
from drafttool.operations import NextRound, Recorded
from drafttool.renderers.reports import (
    Line, report_checked, report_decided, report_next_round, report_recorded, report_status,
)

CLI = Path(__file__).resolve().parent.parent / "drafttool" / "cli"


def _echoes_of_their_own(path: Path) -> list[int]:
    """Lines where a command prints text it made itself (a literal or an f-string)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "echo":
            if node.args and isinstance(node.args[0], (ast.JoinedStr, ast.Constant)):
                found.append(node.lineno)
    return found


def test_no_command_body_prints_a_line_of_its_own() -> None:
    commands = [path for path in CLI.glob("*.py") if path.name != "__init__.py"]
    assert commands
    assert {path.name: _echoes_of_their_own(path) for path in commands} == {path.name: [] for path in commands}


def _proposal(pid: str, **fields: object) -> Proposal:
    return Proposal(pid, "Rev.1", ProposalOp.DELETE, ("EU",), "p4", **fields)  # type: ignore[arg-type]


def test_a_proposal_recorded_from_options_is_one_line() -> None:
    from drafttool.model import Anchor

    report = report_recorded(Recorded((_proposal("EU-1", anchor=Anchor("continue")),)))
    assert report.lines == (Line("recorded EU-1 [pending] EU: delete 'continue' in p4 (Rev.1)"),)


def test_proposals_read_from_a_file_are_listed_after_the_warnings_met_reading_it() -> None:
    recorded = Recorded((_proposal("RUS-1"), _proposal("RUS-2")), Path("L.19.pdf"),
                        (Notice("footnote * is not referred to anywhere; kept at the end", "L.19.pdf"),))
    assert report_recorded(recorded).lines == (
        Line("L.19.pdf: warning: footnote * is not referred to anywhere; kept at the end", error=True),
        Line("RUS-1 [pending] EU: delete in p4 (Rev.1)"),
        Line("RUS-2 [pending] EU: delete in p4 (Rev.1)"),
        Line("2 proposal(s) recorded from L.19.pdf"),
    )


def test_a_control_character_in_a_stored_proposal_is_shown_not_obeyed() -> None:
    report = report_recorded(Recorded((_proposal("EU-1", text="x\u202ey"),)))
    assert report.lines == (Line("recorded EU-1 [pending] EU: delete → 'x\\u202ey' in p4 (Rev.1)"),)


def test_decided_proposals_are_named_with_their_new_status() -> None:
    decided = (_proposal("EU-1", status=ProposalStatus.ACCEPTED), _proposal("EU-3", status=ProposalStatus.ACCEPTED))
    assert [line.text for line in report_decided(decided).lines] == ["EU-1: accepted", "EU-3: accepted"]


def test_proposals_not_carried_onto_the_next_round_are_said_on_stderr() -> None:
    built = NextRound(Round("Rev.2", (Paragraph("p1", "Text."),)), Path("s/rounds/003-rev-2.jsonl"),
                      (_proposal("EU-1"),), (_proposal("EU-2"),), ((_proposal("USA-1"), "its words are gone"),))
    assert report_next_round(built).lines == (
        Line("Rev.2: 1 accepted proposal(s) applied, 1 paragraphs → s/rounds/003-rev-2.jsonl"),
        Line("1 pending proposal(s) carried onto Rev.2"),
        Line("not carried: USA-1 (EU): its words are gone", error=True),
    )


def test_a_status_names_the_paragraph_by_its_label_and_says_where() -> None:
    paragraph = Paragraph("p4", "Text.", label="4.", status=Status(StatusValue.AGREED_AD_REF, "informals",
                                                                   pending=("USA",)))
    assert [line.text for line in report_status(paragraph).lines] == ["4.: agreed ad ref (USA) (informals)"]


def test_a_check_says_what_was_repaired_then_each_problem_then_their_count() -> None:
    checked = Checked((Notice("proposal 'EU-1' is on round 'Rev.9', which is not in rounds/", "s/proposals/eu-1.json"),),
                      repaired=("deleted s/.x.tmp, a temporary file left by an interrupted write",))
    assert [line.text for line in report_checked(checked).lines] == [
        "repaired: deleted s/.x.tmp, a temporary file left by an interrupted write",
        "s/proposals/eu-1.json: proposal 'EU-1' is on round 'Rev.9', which is not in rounds/",
        "1 problem(s)",
    ]
    assert [line.text for line in report_checked(Checked((), repaired=())).lines] == ["nothing to repair", "no problems"]


def test_notices_of_a_check_are_reported_apart_from_its_problems() -> None:
    checked = Checked((), (Notice("round 'Zero draft' was imported with 1 warning(s) from draft.md: …", "s/r.jsonl",
                                  "1"),))
    assert [line.text for line in report_checked(checked).lines] == [
        "s/r.jsonl:1: notice: round 'Zero draft' was imported with 1 warning(s) from draft.md: …",
        "no problems; 1 notice(s)",
    ]
    assert not checked.failed
