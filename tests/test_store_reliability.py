"""The store under stress: processes killed mid-write, processes writing at once, stores
edited by hand into inconsistency, names that must never become paths.

The kill and concurrency tests run real child processes.  CI runs a few dozen cycles;
`DRAFTTOOL_STRESS=long` runs hundreds.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from drafttool.check import check_store
from drafttool.cli import main
from drafttool.errors import StoreError
from drafttool.model import Proposal, ProposalOp
from drafttool.store import load_store, save_proposal

from conftest import ROOT, SEED, snapshot

LONG = os.environ.get("DRAFTTOOL_STRESS") == "long"
KILL_CYCLES = 300 if LONG else 20

WRITER = """
import os, sys
from dataclasses import replace
from drafttool.model import Anchor, Proposal, ProposalOp
from drafttool.operations import propose
from drafttool.store import new_proposal_id, save_proposal
store, code = sys.argv[1], sys.argv[2]
count = int(sys.argv[3]) if len(sys.argv) > 3 else 10**9
for n in range(count):
    draft = Proposal("", "Adopted", ProposalOp.RETAIN, (code,), "p5", note="x" * 2000)
    if count < 10**9:  # among other writers: on the latest round, carried if a round came meanwhile
        pid = propose(store, draft).id
    else:
        pid = new_proposal_id((code,), [name[:-5] for name in os.listdir(os.path.join(store, "proposals"))])
        save_proposal(store, replace(draft, id=pid), new=True)
    print("ack", pid, flush=True)
"""

IMPORTER = """
import sys
from drafttool.operations import import_round
import_round(sys.argv[1], sys.argv[2], label=sys.argv[3])
print("ack", sys.argv[3], flush=True)
"""


def child(script: str, *args: object) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", script, *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)


def acknowledged(output: str) -> list[str]:
    return [line.split()[1] for line in output.splitlines() if line.startswith("ack ") and len(line.split()) == 2]


def test_writers_killed_at_any_moment_lose_nothing_acknowledged(seed_store: Path):
    """Kill a process adding proposals at a random moment, again and again: the store
    always loads, and every proposal the writer reported saved is there."""
    acked: list[str] = []
    rng = random.Random(7)
    for _ in range(KILL_CYCLES):
        process = child(WRITER, seed_store, "EU")
        assert process.stdout is not None
        first = process.stdout.readline()  # started (however long that took on a busy machine)
        time.sleep(rng.uniform(0, 0.3))
        process.send_signal(signal.SIGKILL)
        output, _ = process.communicate()
        acked += acknowledged(first + output)
        negotiation = load_store(seed_store)
        assert {p.id for p in negotiation.proposals} >= set(acked)
    assert len(acked) > KILL_CYCLES  # the writers did get some work done
    problems = check_store(seed_store)
    # Only interrupted writes' temporary files may be left, and check names each.
    assert all("temporary file left by an interrupted write" in p.message for p in problems)


def test_an_import_killed_midway_leaves_a_store_that_loads(seed_store: Path, tmp_path: Path):
    big = tmp_path / "big.md"
    big.write_text("\n\n".join(f"{n}. Paragraph {n} " + "mot " * 200 for n in range(1, 3001)), encoding="utf-8")
    rng = random.Random(3)
    imported = []
    for cycle in range(6 if not LONG else 30):
        process = child(IMPORTER, seed_store, big, f"Rev.{cycle + 1}")
        time.sleep(rng.uniform(0.3, 3.0))
        process.send_signal(signal.SIGKILL)
        output, _ = process.communicate()
        imported += acknowledged(output)
        negotiation = load_store(seed_store)
        labels = [r.label for r in negotiation.rounds]
        assert labels[0] == "Adopted" and set(imported) <= set(labels)
        for round_ in negotiation.rounds[1:]:
            assert len(round_.paragraphs) == 3000  # a round is there whole, or not at all


def test_two_writers_and_an_importer_at_once_lose_nothing(seed_store: Path, tmp_path: Path):
    rev = tmp_path / "rev1.md"
    rev.write_text(SEED.read_text(encoding="utf-8").replace("Nous réaffirmons", "Nous réaffirmons à nouveau"),
                   encoding="utf-8")
    writers = [child(WRITER, seed_store, code, 40) for code in ("EU", "G77")]
    importer = child(IMPORTER, seed_store, rev, "Rev.1")
    outputs = [process.communicate() for process in (*writers, importer)]
    assert all(process.returncode == 0 for process in (*writers, importer)), outputs
    acked = acknowledged(outputs[0][0]) + acknowledged(outputs[1][0])
    assert len(acked) == 80
    negotiation = load_store(seed_store)
    assert [r.label for r in negotiation.rounds] == ["Adopted", "Rev.1"]
    assert {p.id for p in negotiation.proposals} == set(acked)
    assert check_store(seed_store) == []


def test_check_lists_every_problem_with_file_and_line(seed_store: Path, runner):
    rounds = next((seed_store / "rounds").glob("*.jsonl"))
    lines = rounds.read_text(encoding="utf-8").split("\n")
    p3 = next(i for i, l in enumerate(lines) if '"id": "p3"' in l)
    record = json.loads(lines[p3])
    record["parent"] = "nowhere"
    lines[p3] = json.dumps(record, ensure_ascii=False)
    p9 = next(i for i, l in enumerate(lines) if '"id": "p9"' in l)
    lines[p9] = lines[p9][:-1]
    rounds.write_text("\n".join(lines), encoding="utf-8")
    save_proposal(seed_store, Proposal("x-1", "Adopted", ProposalOp.RETAIN, ("Narnia",), "p5"), new=True)
    save_proposal(seed_store, Proposal("x-2", "Rev.9", ProposalOp.RETAIN, ("EU",), "p5"), new=True)
    save_proposal(seed_store, Proposal("x-3", "Adopted", ProposalOp.DELETE, ("EU",), "p5"), new=True)
    (seed_store / "proposals" / ".x-4.json.123.abcd.tmp").write_text("{")
    proposals = seed_store / "proposals"
    result = runner.invoke(main, ["check", str(seed_store)])
    assert result.exit_code == 1
    assert result.output.split("\n") == [
        f"{rounds}:{p9 + 1}: invalid JSON: Expecting ',' delimiter (column {len(lines[p9]) + 1}); each line must "
        "be one JSON object",
        f"{rounds}:{p3 + 1}: paragraph 'p3' has parent 'nowhere', which is not a paragraph of this round",
        f"{proposals}/.x-4.json.123.abcd.tmp: a temporary file left by an interrupted write; nothing refers to it, "
        "delete it",
        f"{proposals}/x-1.json: by names 'Narnia', who is not in the delegations registry; add it with "
        "`drafttool delegations STORE --add Narnia`",
        f"{proposals}/x-2.json: proposal 'x-2' is on round 'Rev.9', which is not in rounds/",
        f"{proposals}/x-3.json: a delete must quote the words it changes; this one quotes none",
        "6 problem(s)",
        "",
    ]


def test_a_clean_store_checks_clean(runner):
    result = runner.invoke(main, ["check", str(ROOT / "drafts" / "cnd-2024")])
    assert (result.exit_code, result.output) == (0, "no problems\n")


def test_a_store_whose_rounds_were_read_with_warnings_checks_clean_with_its_notices(runner):
    store = ROOT / "drafts" / "unga-safety-2025"
    result = runner.invoke(main, ["check", str(store)])
    lines = result.output.split("\n")
    assert (result.exit_code, lines[-2:]) == (0, ["no problems; 3 notice(s)", ""])
    assert lines[0].startswith(f"{store}/rounds/001-a-res-79-138.jsonl:1: notice: round 'A/RES/79/138' was imported "
                               "with 1 warning(s) from A_RES_79_138.pdf: left out 54 line(s) of page furniture")


def test_a_round_labelled_with_a_bare_number_in_an_older_store_is_a_problem(seed_store: Path, runner):
    rounds = next((seed_store / "rounds").glob("*.jsonl"))
    rounds.write_text(rounds.read_text(encoding="utf-8").replace('"label": "Adopted"', '"label": "2"', 1),
                      encoding="utf-8")
    result = runner.invoke(main, ["check", str(seed_store)])
    assert (result.exit_code, result.output) == (1, (
        f"{rounds}:1: round label '2' is a bare number, which also names a round by its place in the order "
        "(`--round 2`): relabel it, such as 'Rev.2', in this file and in the proposals on it\n1 problem(s)\n"))


@pytest.mark.parametrize("bad", ["../escape", "/etc/passwd", "a/b", "..", "x/../../y", "CON", "nul.json", "com1"])
def test_names_from_inputs_never_become_paths(seed_store: Path, tmp_path: Path, runner, bad):
    before = snapshot(seed_store)
    with pytest.raises(StoreError):
        save_proposal(seed_store, Proposal(bad, "Adopted", ProposalOp.RETAIN, ("EU",), "p5"), new=True)
    small = tmp_path / "p.json"
    small.write_text(json.dumps({"id": bad, "op": "retain", "by": ["EU"], "paragraph": "5"}), encoding="utf-8")
    result = runner.invoke(main, ["propose", str(seed_store), "--file", str(small)])
    assert result.exit_code == 2 and "may hold only letters" in result.output
    assert snapshot(seed_store) == before
    assert not (tmp_path / "escape.json").exists() and not Path("/etc/passwd.json").exists()
