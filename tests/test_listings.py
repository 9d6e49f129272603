"""What the terminal commands print for people: diff, blame, proposals, progress, check's
help, and the compilation of a past round; exact text."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from drafttool.cli import main
from drafttool.negotiate.compilation import compile_round
from drafttool.model import ProposalStatus
from drafttool.store import load_store, new_proposal_id

from conftest import EXAMPLE_STORE, ROOT


def run(*args: object) -> str:
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def piped(*args: object) -> str:
    """The command run as a user runs it, its output piped (not a terminal)."""
    done = subprocess.run([sys.executable, "-c", "from drafttool.cli import main; main()", *map(str, args)], capture_output=True,
                          text=True, cwd=ROOT, check=True)
    return done.stdout


def test_a_run_of_renumbered_paragraphs_is_said_once() -> None:
    out = run("diff", EXAMPLE_STORE, "Zero draft", "Rev.1")
    assert [line for line in out.splitlines() if "renumbered" in line] == [
        "# 12.–17. → 13.–18. renumbered",
        "# 18.–25. → 19.–26. renumbered",
        "# 31.–40. → 32.–41. renumbered",
        "Summary: 42 unchanged, 24 renumbered, 2 edited, 1 moved, 1 inserted",
    ]


def test_piped_output_wraps_at_80_columns() -> None:
    out = piped("diff", EXAMPLE_STORE, "Zero draft", "Rev.1")
    assert max(len(line) for line in out.splitlines()) <= 80
    assert max(len(line) for line in out.splitlines()) >= 75
    out = piped("blame", EXAMPLE_STORE)
    assert max(len(line) for line in out.splitlines()[2:]) <= 80


def test_color_is_kept_when_asked_for_and_piped() -> None:
    assert "\x1b[32m{+" not in piped("diff", EXAMPLE_STORE, "Zero draft", "Rev.1")
    assert "\x1b[32m{+, saluons les efforts" in piped("diff", EXAMPLE_STORE, "Zero draft", "Rev.1", "--color")
    assert "\x1b[" in piped("blame", EXAMPLE_STORE, "--color")
    assert "\x1b[" not in piped("blame", EXAMPLE_STORE)


def test_a_split_is_shown_as_a_paragraph_mark_without_repeated_proposers() -> None:
    out = run("diff", EXAMPLE_STORE, "Rev.1", "Rev.2")
    assert "< ¶ 37 → ¶ 37 + ¶ 38 split (EU)" in out  # a declaration: numbered throughout, no operative part
    text = " ".join(out.split("split (EU)")[1].split("\n\n")[0].split())
    assert "persistants liés à la drogue. ¶ Nous réaffirmons notre engagement à accroître" in text
    assert "(EU)" not in text and "[--]" not in text


def test_blame_speaks_of_the_origin_of_the_text_and_marks_passages_with_corner_brackets() -> None:
    out = run("blame", EXAMPLE_STORE, "--no-color")
    assert out.startswith("Origin of the text of Adopted: text from Zero draft is plain; later passages are "
                          "marked with their round and proposers.\n")
    assert "⌈, saluons les efforts déployés" in out and "⟦" not in out and "⟧" not in out
    assert "Origin of the text:" in run("blame", "--help")


def test_check_help_prints_no_backslash() -> None:
    out = run("check", "--help")
    assert "\\b" not in out
    assert "  Example:\n    drafttool check drafts/cnd-2024" in out


def test_proposals_are_listed_in_document_order_with_short_lines_and_human_names() -> None:
    out = run("proposals", EXAMPLE_STORE, "--round", "Zero draft")
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80
    heads = [line.split("  ")[0] for line in lines[0::2]]
    assert heads == ["rus-1", "eu-1", "canz-1", "afg-1", "usa-1", "mex-1", "afg-2"]
    assert lines[:2] == ["rus-1  Zero draft 4.  [rejected]  RUS; opposed by EU, CANZ",
                         "    delete 'tous les droits humains, toutes les…'"]
    assert "afg-2  Zero draft 26.  [accepted]  AfG\n    move paragraph after 30.\n" in out
    assert "afg-1  Zero draft 11.  [accepted]  AfG, G77\n    new paragraph after 11. 'Nous réaffirmons" in out
    assert "delete-paragraph" not in out and "move-paragraph" not in out and "add-paragraph" not in out
    rows = json.loads(run("proposals", EXAMPLE_STORE, "--format", "json"))
    assert rows[0]["op"] == "delete" and [r["id"] for r in rows][-1] == "g77-2"


def test_new_proposal_ids_are_short_and_sayable(example_copy: Path) -> None:
    assert new_proposal_id(("EU",), ["eu-1", "eu-4", "EU-2", "g77-9", "eu-x"]) == "EU-5"
    assert new_proposal_id(("G77",)) == "G77-1"
    assert new_proposal_id(("Holy See",)) == "HolySee-1"
    out = run("propose", example_copy, "--by", "EU", "--para", "5", "--replace", "saluons les efforts",
              "--with", "saluons vivement les efforts")
    assert out.split()[1] == "EU-5"
    out = run("propose", example_copy, "--by", "G77", "--para", "3", "--add", "Nous soulignons le rôle des jeunes.")
    assert out.split()[1] == "G77-3"
    assert (example_copy / "proposals" / "G77-3.json").exists()


def test_progress_lists_what_awaits_whom_and_counts_paragraphs_as_rounds_does(example_copy: Path) -> None:
    rounds = run("rounds", EXAMPLE_STORE)
    assert "3. Rev.2 (2024-02-23, 71 paragraphs, 11 footnotes)" in rounds
    out = run("progress", EXAMPLE_STORE)
    assert "\nNothing agreed ad ref, pending or under silence in Adopted.\n" in out
    assert ("round        paras heads agreed ad ref pending open brackets props acc rej\n"
            "Zero draft      69     9      0      0       0   60        0     8   5   2\n") in out
    assert "Rev.2           71     9      8      1       1   52        0     2   1   0\n" in out
    assert "[ ]" not in out
    # with Rev.2 the latest round, the chair sees what waits and for whom
    (example_copy / "rounds" / "004-adopted.jsonl").unlink()
    out = run("progress", example_copy)
    assert ("Awaiting confirmation in Rev.2:\n"
            "  13.      agreed pending — awaiting RUS\n"
            "  41.      agreed ad ref — awaiting USA\n") in out
    html = run("progress", example_copy, "--format", "html")
    assert ('<tr><th scope="row"><bdi>41.</bdi></th><td><span class="status status-agreed-ad-ref">approuvé ad referendum'
            '</span></td><td><bdi class="code">USA</bdi></td></tr>') in html


def test_a_past_round_is_compiled_with_its_proposals_as_they_stood() -> None:
    negotiation = load_store(EXAMPLE_STORE)
    zero = compile_round(negotiation, "Zero draft")
    assert sum(len(paragraph.proposals) for paragraph in zero.paragraphs) == 8  # afg-1 and g77-1 are one
    ids = {pid for paragraph in zero.paragraphs for who in paragraph.proposals for pid in who.ids}
    # made on the zero draft, decided later; and eu-2, made on it and carried onto Rev.1
    assert ids == {"afg-1", "afg-2", "canz-1", "eu-1", "g77-1", "mex-1", "rus-1", "usa-1", "eu-2"}
    rev1 = compile_round(negotiation, "Rev.1")
    assert {pid for p in rev1.paragraphs for who in p.proposals for pid in who.ids} == {
        "eu-2", "eu-3", "eu-4", "chn-1", "g77-2", "usa-2"}
    # every status: what became of each when the next round was issued
    every = compile_round(negotiation, "Zero draft", statuses=tuple(ProposalStatus))
    statuses = {pid: who.status for p in every.paragraphs for who in p.proposals for pid in who.ids}
    assert statuses["eu-1"] is ProposalStatus.ACCEPTED and statuses["eu-2"] is ProposalStatus.PENDING
    assert statuses["canz-1"] is ProposalStatus.WITHDRAWN
    # the latest round is compiled with today's statuses
    adopted = compile_round(negotiation, "Adopted")
    assert {pid for p in adopted.paragraphs for who in p.proposals for pid in who.ids} == {"g77-2"}
