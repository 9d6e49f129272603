"""Stores edited by hand into what drafttool never writes, commands misused, names made to
deceive, special files where files belong, a busy lock: each is one line naming the file
and exit 2 with nothing written, a wait that says who it waits for, or text shown as text.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from drafttool.check import check_store, repair_store
from drafttool.cli import main
from drafttool.model import Proposal, ProposalOp, ProposalStatus
from drafttool.operations import decide, propose
from drafttool.store import load_store
from drafttool.text.visible import code_problem, normalize_code, visible

from conftest import ROOT, snapshot

ENV = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
CLI = "import sys; from drafttool.cli import main; sys.argv[0] = 'drafttool'; main()"


def round_file(store: Path) -> Path:
    return next((store / "rounds").glob("*.jsonl"))


def edit_round(store: Path, change) -> None:  # type: ignore[no-untyped-def]
    file = round_file(store)
    records = [json.loads(line) for line in file.read_text(encoding="utf-8").splitlines()]
    change(records)
    file.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")


# ------------------------------------------------------------------- normal commands that broke the store

def test_a_blank_delegation_code_is_refused_and_the_store_still_works(seed_store: Path, runner):
    before = snapshot(seed_store)
    result = runner.invoke(main, ["delegations", str(seed_store), "--add", " "])
    assert (result.exit_code, result.output) == (2, f"drafttool: error: {seed_store}: delegation code '' is empty; "
                                                     "choose another\n")
    assert snapshot(seed_store) == before
    assert runner.invoke(main, ["proposals", str(seed_store)]).exit_code == 0


def test_a_proposed_paragraph_with_a_line_break_is_refused(seed_store: Path, runner):
    before = snapshot(seed_store)
    result = runner.invoke(main, ["propose", str(seed_store), "--by", "EU", "--para", "5", "--add", "a\nb"])
    assert (result.exit_code, result.output) == (
        2, "drafttool: error: proposal: the proposed text holds a line break; a paragraph is one line: propose each "
           "paragraph separately (--add once for each)\n")
    assert snapshot(seed_store) == before


def test_check_names_a_hand_written_proposal_with_a_line_break(seed_store: Path):
    from drafttool.store import save_proposal

    save_proposal(seed_store, Proposal("x-1", "Adopted", ProposalOp.ADD_PARAGRAPH, ("EU",), "p5", text="a\nb"))
    assert [p.message for p in check_store(seed_store)] == [
        "proposal 'x-1' text holds a line break; a paragraph is one line, and a next round with it accepted could not "
        "be built: fix the text or reject it"]


# ------------------------------------------------------------------- deceiving names, terminal escapes

@pytest.mark.parametrize("code, outcome", [
    ("\u202eASU\u202c", "added ASU\n"),  # the override is removed: it shows what it is
    ("\u0415U", "drafttool: error: {store}: delegation code 'ЕU' mixes letters of several scripts (Cyrillic, "
                "Latin), which lets it pass for another; choose another\n"),
    ("EU\u200b", "added EU\n"),  # a known code once normalised: the same delegation, never a second one
    ("ＥＵ", "added EU\n"),
    ("E\nU", "drafttool: error: {store}: delegation code 'E\\nU' holds control or invisible characters; choose "
             "another\n"),
])
def test_delegation_codes_are_normalised_before_they_are_compared_or_stored(seed_store: Path, runner, code, outcome):
    result = runner.invoke(main, ["delegations", str(seed_store), "--add", code])
    assert result.output == outcome.format(store=seed_store)
    codes = [d.code for d in load_store(seed_store).delegations]
    assert all(code_problem(c) is None and normalize_code(c) == c for c in codes)
    assert len(codes) == len(set(codes))


def test_a_look_alike_spelling_resolves_to_the_delegation_it_imitates(seed_store: Path):
    made = propose(seed_store, Proposal("", "", ProposalOp.RETAIN, ("E\u200bU",), "5"))
    assert made.by == ("EU",)


OSC = "\x1b]0;owned\x07\x1b]52;c;ZXZpbA==\x07\x1b[2J\x9b1m\u202e"


def test_stored_text_is_shown_on_a_terminal_with_its_control_characters_visible(seed_store: Path, runner):
    meta = json.loads((seed_store / "negotiation.json").read_text(encoding="utf-8"))
    meta["title"] = "CND" + OSC
    (seed_store / "negotiation.json").write_text(json.dumps(meta), encoding="utf-8")

    def hostile(records):  # type: ignore[no-untyped-def]
        records[0]["label"] = "Adopted" + OSC
        records[5]["text"] = "Texte" + OSC
        records[5]["label"] = "5" + OSC

    edit_round(seed_store, hostile)
    lines = (seed_store / "delegations.jsonl").read_text(encoding="utf-8").splitlines()
    lines.append(json.dumps({"code": "XX", "name": "Name" + OSC}))
    (seed_store / "delegations.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    label = "Adopted" + OSC
    from drafttool.store import save_proposal

    save_proposal(seed_store, Proposal("x-1", label, ProposalOp.STATEMENT, ("XX",), "p5", text="Dit" + OSC))
    decide(seed_store, ["x-1"], ProposalStatus.ACCEPTED)
    for command in (["rounds"], ["show", "--color"], ["show"], ["proposals"], ["proposals", "--summary"],
                    ["delegations"], ["progress"], ["blame"], ["check"]):
        result = runner.invoke(main, [command[0], str(seed_store), *command[1:]], color=True)
        assert result.exit_code in (0, 1), (command, result.output)
        shown = result.output.replace("\x1b[0m", "")
        assert "\x07" not in shown and "\x9b" not in shown and "\u202e" not in shown, command
        assert "\x1b]" not in shown and "\x1b[2J" not in shown, command
        assert visible(OSC) in result.output or command in (["proposals", "--summary"], ["check"]), command
    assert visible(OSC) == "\\x1b]0;owned\\x07\\x1b]52;c;ZXZpbA==\\x07\\x1b[2J\\x9b1m\\u202e"


def test_right_to_left_text_is_shown_as_it_is():
    assert visible("مشروع القرار ٥ – 中文，Français") == "مشروع القرار ٥ – 中文，Français"


# ------------------------------------------------------------------- one line, not a traceback

@pytest.mark.parametrize("command", [
    ["accept", "{store}", "x-1"], ["next-round", "{store}", "--label", "R"], ["delegations", "{store}", "--add", "X"],
    ["propose", "{store}", "--by", "EU", "--para", "5", "--retain"], ["support", "{store}", "x-1", "--by", "EU"],
    ["status", "{store}", "--para", "5", "--set", "agreed"], ["check", "{store}", "--repair"],
])
def test_commands_that_take_the_lock_on_a_missing_store_say_so(tmp_path: Path, runner, command):
    store = tmp_path / "nowhere"
    result = runner.invoke(main, [part.format(store=store) for part in command])
    assert (result.exit_code, result.output) == (
        2, f"drafttool: error: {store}: no such folder; create a store with `drafttool init`\n")
    assert not store.exists()


def test_a_read_only_store_is_one_line(seed_store: Path, runner, monkeypatch):
    real_open = os.open

    def read_only(path, flags, *args):  # type: ignore[no-untyped-def]
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", read_only)
    result = runner.invoke(main, ["accept", str(seed_store), "x-1"])
    assert (result.exit_code, result.output) == (
        2, f"drafttool: error: {seed_store}: cannot be changed: Read-only file system; commands that change a store "
           "need to write in its folder\n")


def test_a_write_refused_midway_is_one_line(seed_store: Path, runner, monkeypatch):
    from drafttool import files

    def refuse(path, text, *, exclusive=False):  # type: ignore[no-untyped-def]
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))

    monkeypatch.setattr(files, "write_atomic", refuse)
    result = runner.invoke(main, ["propose", str(seed_store), "--by", "EU", "--para", "5", "--retain"])
    assert (result.exit_code, result.output) == (
        2, f"drafttool: error: {seed_store}: cannot be changed: Permission denied; commands that change a store "
           "need to write in its folder\n")


@pytest.mark.parametrize("under", ["file/out.json", "file/deeper/out.json"])
def test_output_under_a_file_is_one_line(seed_store: Path, tmp_path: Path, runner, under):
    (tmp_path / "file").write_text("x")
    result = runner.invoke(main, ["export", str(seed_store), "-o", str(tmp_path / under)])
    assert (result.exit_code, result.output) == (
        2, f"drafttool: error: {tmp_path / under}: cannot be written: a part of the path is a file, not a folder\n")


@pytest.mark.parametrize("content, message", [
    ("[1]", "is not a drafttool negotiation file (it must hold one JSON object)"),
    ("[" * 100_000, "invalid JSON: nested too deeply; fix the file or restore it from version control"),
    ('{"schema": "drafttool/negotiation", "version": 1, "title": ' + "9" * 5000 + "}",
     "invalid JSON: a number too long (value has 5000 digits); fix the file or restore it from version control"),
])
def test_hand_edited_metadata_is_one_line(seed_store: Path, runner, content, message):
    (seed_store / "negotiation.json").write_text(content, encoding="utf-8")
    extra = {"accept": ["x-1"], "compile": ["-o", str(seed_store.parent / "c.html")]}
    for command in ("rounds", "proposals", "compile", "accept", "check"):
        result = runner.invoke(main, [command, str(seed_store), *extra.get(command, [])])
        prefix = "" if command == "check" else "drafttool: error: "
        assert result.output.split("\n")[0] == f"{prefix}{seed_store}/negotiation.json: {message}", command
        assert result.exit_code == (1 if command == "check" else 2)


def test_a_deeply_nested_or_huge_record_in_a_round_names_its_line(seed_store: Path, runner):
    file = round_file(seed_store)
    lines = file.read_text(encoding="utf-8").splitlines()
    lines[3] = "[" * 100_000
    lines[4] = '{"id": ' + "7" * 5000 + "}"
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(main, ["check", str(seed_store)])
    assert result.output.split("\n")[:2] == [
        f"{file}:4: invalid JSON: nested too deeply; each line must be one JSON object",
        f"{file}:5: invalid JSON: a number too long (value has 5000 digits); each line must be one JSON object",
    ]


def test_a_parent_cycle_is_named_by_check_and_by_every_command(seed_store: Path, runner):
    def cycle(records):  # type: ignore[no-untyped-def]
        for record in records:
            if record.get("id") == "p3":
                record["parent"] = "p4"
            if record.get("id") == "p4":
                record["parent"] = "p3"

    edit_round(seed_store, cycle)
    line = next(n for n, l in enumerate(round_file(seed_store).read_text().splitlines(), 1) if '"id": "p3"' in l)
    message = f"{round_file(seed_store)}:{line}: paragraph 'p3' is its own ancestor (parent chain p3 → p4 → p3)"
    assert runner.invoke(main, ["check", str(seed_store)]).output == f"{message}\n1 problem(s)\n"
    for command in (["proposals"], ["compile", "-o", str(seed_store.parent / "c.html")], ["show"]):
        result = runner.invoke(main, [command[0], str(seed_store), *command[1:]])
        assert (result.exit_code, result.output) == (2, f"drafttool: error: {message}\n"), command


def test_a_proposal_that_is_a_link_to_a_device_is_refused_unread(seed_store: Path, runner):
    (seed_store / "proposals" / "x.json").symlink_to("/dev/urandom")
    started = time.monotonic()
    result = runner.invoke(main, ["proposals", str(seed_store)])
    assert (result.exit_code, result.output) == (
        2, f"drafttool: error: {seed_store}/proposals/x.json: is a symbolic link, not a regular file; a store holds "
           "only regular files: replace it with the file itself\n")
    assert time.monotonic() - started < 2


def test_a_fifo_named_like_a_proposal_never_blocks_a_command(seed_store: Path):
    os.mkfifo(seed_store / "proposals" / "x.json")
    for command in (["proposals"], ["check"], ["accept", "x"]):
        done = subprocess.run([sys.executable, "-c", CLI, command[0], str(seed_store), *command[1:]],
                              capture_output=True, text=True, env=ENV, timeout=30)
        assert f"{seed_store}/proposals/x.json: is a named pipe (FIFO), not a regular file; a store holds only " \
               "regular files: replace it with the file itself" in done.stdout + done.stderr, command


# ------------------------------------------------------------------- locks, links, pipes

HOLDER = """
import sys, time
from drafttool.store import locked
store = sys.argv[1]
sys.argv = ["drafttool", "next-round"]
with locked(store):
    print("holding", flush=True)
    time.sleep(600)
"""


def hold_lock(store: Path) -> subprocess.Popen[str]:
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(store)], stdout=subprocess.PIPE, text=True, env=ENV)
    assert holder.stdout is not None and holder.stdout.readline() == "holding\n"
    holder.stdout.close()
    return holder


def test_a_live_lock_holder_is_named_after_a_short_wait(seed_store: Path):
    holder = hold_lock(seed_store)
    try:
        holder.send_signal(signal.SIGSTOP)  # suspended, as with Ctrl-Z
        waiting = subprocess.Popen([sys.executable, "-c", CLI, "propose", str(seed_store), "--by", "EU", "--para", "5",
                                    "--retain"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
        assert waiting.stderr is not None
        line = waiting.stderr.readline()
        assert line == f"drafttool: waiting for drafttool next-round (pid {holder.pid}), which holds the lock on " \
                       f"{seed_store.resolve()}\n"
        assert waiting.poll() is None
        holder.send_signal(signal.SIGCONT)
        holder.kill()
        output, _ = waiting.communicate(timeout=30)
        assert waiting.returncode == 0 and output.startswith("recorded ")
    finally:
        holder.kill()
        holder.wait()


def test_a_lock_left_by_a_killed_process_is_taken_over_at_once(seed_store: Path):
    holder = hold_lock(seed_store)
    holder.kill()
    holder.wait()
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", CLI, "propose", str(seed_store), "--by", "EU", "--para", "5",
                           "--retain"], capture_output=True, text=True, env=ENV, timeout=30)
    assert done.returncode == 0 and done.stderr == ""
    assert time.monotonic() - started < 5


def test_a_lock_that_is_a_link_is_never_followed(seed_store: Path, tmp_path: Path, runner):
    outside = tmp_path / "outside"
    (seed_store / ".lock").unlink(missing_ok=True)
    (seed_store / ".lock").symlink_to(outside)
    result = runner.invoke(main, ["accept", str(seed_store), "x-1"])
    assert (result.exit_code, result.output) == (
        2, f"drafttool: error: {seed_store}/.lock: is a symbolic link; a store's lock is a regular file: delete the "
           "link\n")
    assert not outside.exists()


def test_a_pipe_delivering_more_than_the_text_limit_is_refused(seed_store: Path, tmp_path: Path, runner,
                                                                 monkeypatch):
    from drafttool.readers import limits

    monkeypatch.setattr(limits, "MAX_TEXT_FILE_BYTES", 1024 * 1024)
    pipe = tmp_path / "pipe.md"
    os.mkfifo(pipe)
    writer = subprocess.Popen([sys.executable, "-c", f"import sys\ntry:\n    open({str(pipe)!r}, 'wb').write("
                               "b'1. mot mot mot\\n\\n' * 1_000_000)\nexcept BrokenPipeError:\n    pass"], env=ENV)
    before = snapshot(seed_store)
    result = runner.invoke(main, ["import", str(seed_store), str(pipe), "--label", "Rev.1"])
    writer.wait(timeout=30)
    assert (result.exit_code, result.output) == (
        2, f"drafttool: error: {pipe}: delivered more than 1 MB, more than any negotiated text; is it the right file?\n")
    assert snapshot(seed_store) == before


@pytest.mark.parametrize("kind", ["link", "fifo"])
def test_output_never_replaces_a_link_or_a_pipe(seed_store: Path, tmp_path: Path, runner, kind):
    target = tmp_path / "out.json"
    if kind == "link":
        target.symlink_to(tmp_path / "elsewhere.json")
    else:
        os.mkfifo(target)
    result = runner.invoke(main, ["export", str(seed_store), "-o", str(target)])
    what = "a symbolic link" if kind == "link" else "a named pipe (FIFO)"
    assert (result.exit_code, result.output) == (
        2, f"drafttool: error: {target}: is {what}; drafttool writes a new regular file and never replaces nor writes "
           "through one: give another -o\n")
    assert target.is_symlink() if kind == "link" else not target.is_file()
    assert not (tmp_path / "elsewhere.json").exists()


# ------------------------------------------------------------------- what check finds, what --repair mends

def test_check_finds_what_overlapping_commands_used_to_leave_and_repair_mends_it(seed_store: Path, tmp_path: Path,
                                                                                 runner):
    """A store as the races left it: a round built twice from one round (a proposal applied
    twice), a pending proposal left on an old round, an accepted one never applied, an
    operation committed and not written through, a temporary file of a dead process."""
    from drafttool.operations import next_round
    from drafttool.store import JOURNAL_FILE, add_round, proposal_file, save_proposal

    for n, by in enumerate(("EU", "G77", "CANZ")):
        save_proposal(seed_store, Proposal(f"x-{n}", "Adopted", ProposalOp.ADD_PARAGRAPH, (by,), "p5",
                                           text=f"Ajout {n}."))
    decide(seed_store, ["x-0"], ProposalStatus.ACCEPTED)
    built = next_round(seed_store, label="Rev.1")
    add_round(seed_store, replace(built.round, label="Rev.1 bis"))
    stranded = {p.id: p for p in load_store(seed_store).proposals}
    save_proposal(seed_store, replace(stranded["x-1"], round="Adopted", history=()))
    accepted = replace(stranded["x-2"], round="Rev.1", status=ProposalStatus.ACCEPTED)
    file, text = proposal_file(seed_store, accepted)
    journal = {"schema": "drafttool/journal", "version": 1, "operation": "accept x-2",
               "writes": [{"file": f"proposals/{file.name}", "text": text}]}
    (seed_store / JOURNAL_FILE).write_text(json.dumps(journal), encoding="utf-8")
    (seed_store / "proposals" / ".x-9.json.999999999.abcd.tmp").write_text("{")
    proposals = seed_store / "proposals"
    result = runner.invoke(main, ["check", str(seed_store)])
    assert result.exit_code == 1
    assert result.output.split("\n") == [
        f"{seed_store}/.journal.json: operation 'accept x-2' was interrupted after it was committed: 1 file(s) to "
        "write (proposals/x-2.json); `drafttool check --repair` completes it, as does any command that changes the "
        "store",
        f"{proposals}/.x-9.json.999999999.abcd.tmp: a temporary file left by an interrupted write; nothing refers "
        "to it, delete it",
        f"{proposals}/x-0.json: proposal 'x-0' was applied 2 times, in rounds 'Rev.1', 'Rev.1 bis': two next rounds "
        "were built from one round; keep the right one and remove the other from rounds/ (not repaired)",
        f"{proposals}/x-1.json: proposal 'x-1' is pending on round 'Adopted', but the latest round is 'Rev.1 bis' "
        "and it was never carried onto 'Rev.1'; `drafttool check --repair` carries it",
        f"{proposals}/x-2.json: proposal 'x-2' was accepted on round 'Rev.1', but 'Rev.1 bis' was built without it; "
        "`drafttool check --repair` carries it, accepted, onto 'Rev.1 bis' for the next `next-round` to apply",
        "5 problem(s)",
        "",
    ]
    result = runner.invoke(main, ["check", str(seed_store), "--repair"])
    assert result.output.split("\n") == [
        "repaired: completed operation 'accept x-2': wrote proposals/x-2.json",
        f"repaired: deleted {proposals}/.x-9.json.999999999.abcd.tmp, a temporary file left by an interrupted write",
        "repaired: carried proposal 'x-1' (pending) onto round 'Rev.1 bis'",
        "repaired: carried proposal 'x-2' (accepted) onto round 'Rev.1 bis'",
        f"{proposals}/x-0.json: proposal 'x-0' was applied 2 times, in rounds 'Rev.1', 'Rev.1 bis': two next rounds "
        "were built from one round; keep the right one and remove the other from rounds/ (not repaired)",
        "1 problem(s)",
        "",
    ]
    assert repair_store(seed_store) == []
