"""Operations that write several files, killed between two of their writes or run at once:
nothing decided is lost, and `check` names what an interrupted operation left.

Commands run as real child processes.  Random kills (`kill -9` after a random delay) and
deterministic ones (strace's fault injection kills the command at its N-th rename, link
or unlink, for every N until the command completes) over import, next-round, accept and
propose, in a store with pending and accepted proposals; then eight processes mixing the
same commands at once.  `DRAFTTOOL_STRESS=long` runs 1,000 random kills and a minute of
concurrent writers; by default a few dozen kills and a few seconds.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from drafttool.check import check_store, repair_store
from drafttool.model import Negotiation, ProposalStatus
from drafttool.operations import left_behind
from drafttool.store import load_store

from conftest import ROOT, SEED

LONG = os.environ.get("DRAFTTOOL_STRESS") == "long"
RANDOM_KILLS = 1000 if LONG else 12
WRITERS_SECONDS = 60.0 if LONG else 6.0

CLI = "import sys; from drafttool.cli import main; sys.argv[0] = 'drafttool'; main()"
STEPS = "rename,renameat,renameat2,link,linkat,unlink,unlinkat"
"""The system calls that make a write visible or remove a file: killing a command at
each of them stops it between every two of its writes."""

ENV = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}


def drafttool(*args: object, kill_at_step: int | None = None) -> subprocess.Popen[str]:
    command = [sys.executable, "-c", CLI, *map(str, args)]
    if kill_at_step is not None:
        command = ["strace", "-f", "-qq", "-o", "/dev/null", "-e", f"trace={STEPS}",
                   "-e", f"inject={STEPS}:signal=KILL:when={kill_at_step}", *command]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)


@dataclass
class Ledger:
    """What the commands reported done, which no kill may undo."""

    proposals: set[str] = field(default_factory=set)
    accepted: set[str] = field(default_factory=set)
    rounds: list[str] = field(default_factory=list)
    interrupted: int = 0
    """Kills after which `check` named an interrupted operation (and --repair completed it)."""
    temporary: int = 0
    """Kills after which `check` named only temporary files (and --repair deleted them)."""
    clean: int = 0
    """Kills after which `check` passed as it was."""

    def learn(self, negotiation: Negotiation) -> None:
        self.proposals |= {p.id for p in negotiation.proposals}
        self.accepted |= {p.id for p in negotiation.proposals if p.status is ProposalStatus.ACCEPTED}
        self.rounds = [r.label for r in negotiation.rounds]


def everything_where_it_belongs(store: Path, ledger: Ledger) -> Negotiation:
    """Check the store after a kill: `check` passes, or names only an interrupted
    operation (and temporary files), which --repair completes; then every proposal and
    decision is where it belongs and nothing reported done was lost."""
    problems = check_store(store)
    if problems:
        assert all("was interrupted after it was committed" in p.message
                   or "temporary file left by an interrupted write" in p.message for p in problems), problems
        if any("was interrupted" in p.message for p in problems):
            ledger.interrupted += 1
        else:
            ledger.temporary += 1
        repair_store(store)
        assert check_store(store) == []
    else:
        ledger.clean += 1
    negotiation = load_store(store)
    ids = {p.id: p for p in negotiation.proposals}
    assert ledger.proposals <= set(ids), "a proposal was lost"
    assert all(ids[i].status is ProposalStatus.ACCEPTED for i in ledger.accepted), "a decision was lost"
    labels = [r.label for r in negotiation.rounds]
    assert labels[:len(ledger.rounds)] == ledger.rounds, "a round was lost"
    applied: dict[str, int] = {}
    for round_ in negotiation.rounds:
        for proposal_id in round_.applied:
            applied[proposal_id] = applied.get(proposal_id, 0) + 1
    assert all(count == 1 for count in applied.values()), "a proposal was applied twice"
    following = dict(zip(labels, labels[1:]))
    for proposal in negotiation.proposals:
        after = following.get(proposal.round)
        if proposal.status is ProposalStatus.PENDING:
            assert after is None or left_behind(proposal, after), f"{proposal.id} stranded on {proposal.round}"
        if proposal.status is ProposalStatus.ACCEPTED and after is not None:
            built = negotiation.round(after).source == ""
            assert not built or applied.get(proposal.id) == 1, f"{proposal.id} accepted but never applied"
    ledger.learn(negotiation)
    return negotiation


def seeded(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A store with the seed, six pending proposals (one on a paragraph a later version
    deletes) and two identical ones; and two versions of the text to import."""
    from drafttool.operations import import_round

    store = tmp_path / "neg"
    subprocess.run([sys.executable, "-c", CLI, "init", str(store), "--language", "fr"], check=True, env=ENV,
                   capture_output=True)
    import_round(store, SEED, label="Adopted")
    text = SEED.read_text(encoding="utf-8")
    first = tmp_path / "rev-a.md"
    first.write_text(text.replace("Nous réaffirmons", "Nous réaffirmons solennellement", 1), encoding="utf-8")
    second = tmp_path / "rev-b.md"
    second.write_text(text, encoding="utf-8")
    stock(store, 6)
    return store, first, second


def stock(store: Path, wanted: int) -> None:
    """Pending proposals on the latest round, at least `wanted` of them, two of them
    identical (accepting one accepts both: a decision that writes two files)."""
    from drafttool.model import Proposal, ProposalOp
    from drafttool.operations import propose

    negotiation = load_store(store)
    latest = negotiation.round()
    pending = [p for p in negotiation.proposals if p.status is ProposalStatus.PENDING and p.round == latest.label]
    body = [p for p in latest.paragraphs if p.label]
    rng = random.Random(len(negotiation.proposals))
    for n in range(max(0, wanted - len(pending))):
        target = rng.choice(body)
        text = f"Paragraphe ajouté {len(negotiation.proposals) + n}."
        for by in (("EU",), ("G77",)) if n == 0 else (("CANZ",),):
            propose(store, Proposal("", "", ProposalOp.ADD_PARAGRAPH, by, target.id, text=text))


def operation(store: Path, cycle: int, rng: random.Random, first: Path, second: Path) -> tuple[str, list[object]]:
    """A command for this cycle: import, next-round, accept or propose (sometimes on an
    older round, so that it is carried)."""
    negotiation = load_store(store)
    kind = ("import", "next-round", "accept", "propose")[cycle % 4]
    if kind == "import":
        return kind, ["import", store, first if cycle % 8 < 4 else second, "--label", f"Import {cycle}"]
    if kind == "next-round":
        return kind, ["next-round", store, "--label", f"Next {cycle}"]
    if kind == "accept":
        pending = sorted(p.id for p in negotiation.proposals
                         if p.status is ProposalStatus.PENDING and p.round == negotiation.round().label)
        return kind, ["accept", store, rng.choice(pending)]
    round_ = rng.choice(negotiation.rounds)
    paragraph = rng.choice([p for p in round_.paragraphs if p.label])
    return kind, ["propose", store, "--round", round_.label, "--by", "AfG", "--para", paragraph.id,
                  "--add", f"Proposition {cycle}."]


def test_commands_killed_at_random_moments_lose_no_decision(tmp_path: Path):
    base, first, second = seeded(tmp_path)
    ledger = Ledger()
    rng = random.Random(17)
    started = time.monotonic()
    for cycle in range(RANDOM_KILLS):
        if cycle % 40 == 0:  # a fresh store now and then: forty rounds at most, as in a real negotiation
            store = tmp_path / f"store-{cycle}"
            shutil.copytree(base, store)
            ledger.proposals, ledger.accepted, ledger.rounds = set(), set(), []
        stock(store, 6)
        ledger.learn(load_store(store))
        kind, args = operation(store, cycle, rng, first, second)
        process = drafttool(*args)
        time.sleep(rng.uniform(0.3, 1.5))  # start-up takes about 0.4 s, a command 0.2–1 s more
        process.send_signal(signal.SIGKILL)
        process.communicate()
        everything_where_it_belongs(store, ledger)
    print(f"\n{RANDOM_KILLS} random kills in {time.monotonic() - started:.0f} s: {ledger.interrupted} left an "
          f"interrupted operation that --repair completed, {ledger.temporary} only temporary files, "
          f"{ledger.clean} a store that checked clean; rounds {len(ledger.rounds)}, proposals "
          f"{len(ledger.proposals)}, accepted {len(ledger.accepted)}")
    assert ledger.interrupted + ledger.temporary + ledger.clean == RANDOM_KILLS


@pytest.mark.parametrize("kind", ["import", "next-round", "accept", "propose"])
def test_commands_killed_between_every_two_writes_lose_no_decision(tmp_path: Path, kind: str):
    """Kill the command at its first, second, third… write, each time in a fresh copy of
    the store, until it runs to its end."""
    base, first, second = seeded(tmp_path)
    cycle = {"import": 0, "next-round": 1, "accept": 2, "propose": 3}[kind]
    if kind == "accept":  # the identical pair: one decision, two files
        negotiation = load_store(base)
        twins = [p.id for p in negotiation.proposals if p.by in (("EU",), ("G77",))]
    kills = interrupted = 0
    for step in range(1, 100):
        store = tmp_path / f"copy-{step}"
        shutil.copytree(base, store)
        ledger = Ledger()
        ledger.learn(load_store(store))
        if kind == "accept":
            args: list[object] = ["accept", store, twins[0]]
        else:
            _, args = operation(store, cycle, random.Random(step), first, second)
            if kind == "propose":  # on the first round, so that it is carried
                args[3] = "Adopted"
        process = drafttool(*args, kill_at_step=step)
        _, errors = process.communicate(timeout=60)
        if process.returncode == 0:
            break
        assert process.returncode in (-signal.SIGKILL, 128 + signal.SIGKILL), errors
        kills += 1
        problems = check_store(store)
        interrupted += any("was interrupted" in p.message for p in problems)
        everything_where_it_belongs(store, ledger)
        shutil.rmtree(store)
    else:
        pytest.fail(f"{kind} was still being killed after 99 steps")
    negotiation = everything_where_it_belongs(store, Ledger())
    if kind in ("import", "next-round"):
        assert len(negotiation.rounds) == 2 and kills >= 8  # a round, then each of seven proposals
        assert interrupted >= kills - 2  # killed after the commit point, then every time
    if kind == "accept":
        assert kills >= 3 and {p.status for p in negotiation.proposals if p.id in twins} == {ProposalStatus.ACCEPTED}
    print(f"\n{kind}: killed at each of its {kills} steps; {interrupted} times check named the interrupted "
          "operation")


WORKER = """
import random, sys, time
from drafttool.errors import DrafttoolError
from drafttool.model import Proposal, ProposalOp, ProposalStatus
from drafttool.operations import decide, import_round, next_round, propose
from drafttool.store import load_store
store, worker, seconds, first, second = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4], sys.argv[5]
rng = random.Random(worker)
end = time.monotonic() + seconds
n = 0
while time.monotonic() < end:
    n += 1
    kind = rng.choice(["next-round", "accept", "accept", "propose", "propose", "propose", "import"])
    try:
        negotiation = load_store(store)
        latest = negotiation.round()
        if kind == "next-round":
            built = next_round(store, label=f"N{worker}-{n}")
            print("ack round", built.round.label, flush=True)
        elif kind == "import":
            done = import_round(store, rng.choice([first, second]), label=f"I{worker}-{n}")
            print("ack round", done.round.label, flush=True)
        elif kind == "accept":
            pending = [p.id for p in negotiation.proposals if p.status is ProposalStatus.PENDING
                       and p.round == latest.label]
            if pending:
                for decided in decide(store, [rng.choice(pending)], ProposalStatus.ACCEPTED):
                    print("ack accept", decided.id, flush=True)
        else:
            round_ = rng.choice(negotiation.rounds[-3:])
            target = rng.choice([p for p in round_.paragraphs if p.label])
            made = propose(store, Proposal("", round_.label, ProposalOp.ADD_PARAGRAPH, ("EU",), target.id,
                                           text=f"Ajout {worker}-{n}."), round_name=round_.label)
            print("ack propose", made.id, flush=True)
    except DrafttoolError as error:  # a proposal on a paragraph a round deleted, and such
        print("refused", kind, error, flush=True)
print("done", n, flush=True)
"""


def test_eight_processes_at_once_apply_every_accepted_proposal_once(tmp_path: Path):
    store, first, second = seeded(tmp_path)
    started = time.monotonic()
    workers = [subprocess.Popen([sys.executable, "-c", WORKER, str(store), str(n), str(WRITERS_SECONDS), str(first),
                                 str(second)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
               for n in range(8)]
    outputs = []
    for worker in workers:
        try:  # no process hung: each ends within its time and what one command can take
            outputs.append(worker.communicate(timeout=WRITERS_SECONDS + 60))
        except subprocess.TimeoutExpired:
            for other in workers:
                other.kill()
            pytest.fail("a writer hung")
    assert all(worker.returncode == 0 for worker in workers), [errors for _, errors in outputs]
    acks = [line.split()[1:] for output, _ in outputs for line in output.splitlines() if line.startswith("ack ")]
    negotiation = load_store(store)
    assert check_store(store) == []
    ids = {p.id: p for p in negotiation.proposals}
    accepted = {value for kind, value in acks if kind == "accept"}
    assert all(ids[i].status is ProposalStatus.ACCEPTED for i in accepted)
    assert {value for kind, value in acks if kind == "propose"} <= set(ids)
    assert sorted(value for kind, value in acks if kind == "round") == sorted(r.label for r in negotiation.rounds[1:])
    ledger = Ledger()
    everything_where_it_belongs(store, ledger)
    # Accepted on a round a next-round followed: applied by it, once (an imported round
    # is the Secretariat's text, which applies nothing).
    following = dict(zip([r.label for r in negotiation.rounds], negotiation.rounds[1:]))
    built_after = {i for i in accepted if ids[i].round in following and not following[ids[i].round].source}
    applied = [i for r in negotiation.rounds for i in r.applied]
    assert len(applied) == len(set(applied)) and built_after <= set(applied)
    counts = {kind: sum(1 for k, _ in acks if k == kind) for kind in ("round", "accept", "propose")}
    print(f"\n8 writers for {time.monotonic() - started:.0f} s: {counts['round']} rounds, {counts['accept']} "
          f"accepts, {counts['propose']} proposals; {len(applied)} applied once each, {len(built_after)} of them "
          "accepted while the writers ran")
    assert counts["round"] >= 2 and counts["accept"] >= 2 and counts["propose"] >= 4


def holding_the_lock_for_a_while(store: Path, *args: object) -> subprocess.Popen[str]:
    """Start a command that stops for two seconds at its first write, holding the lock
    with everything read: the moment another command used to slip in."""
    command = ["strace", "-f", "-qq", "-o", "/dev/null", "-e", "trace=rename",
               "-e", "inject=rename:delay_enter=2000000:when=1", sys.executable, "-c", CLI, *map(str, args)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
    deadline = time.monotonic() + 30
    while not (store / ".lock").exists() or f"drafttool {args[0]}" not in (store / ".lock").read_text():
        assert time.monotonic() < deadline and process.poll() is None
        time.sleep(0.02)
    return process


@pytest.mark.parametrize("second", ["next-round", "accept", "propose"])
def test_a_command_started_while_next_round_builds_waits_and_loses_nothing(tmp_path: Path, second: str):
    store, _, _ = seeded(tmp_path)
    negotiation = load_store(store)
    pending = sorted(p.id for p in negotiation.proposals if p.by == ("CANZ",))  # not the identical pair
    from drafttool.operations import decide

    decide(store, [pending[-1]], ProposalStatus.ACCEPTED)
    first = holding_the_lock_for_a_while(store, "next-round", store, "--label", "Rev.1")
    args = {"next-round": ["next-round", store, "--label", "Rev.2"], "accept": ["accept", store, pending[0]],
            "propose": ["propose", store, "--round", "Adopted", "--by", "EU", "--para", "5", "--retain"]}[second]
    other = drafttool(*args)
    assert first.communicate(timeout=60)[0].startswith("Rev.1: 1 accepted proposal(s) applied")
    output, errors = other.communicate(timeout=60)
    assert other.returncode == 0, errors
    negotiation = everything_where_it_belongs(store, Ledger())
    assert check_store(store) == []
    rounds = [r.label for r in negotiation.rounds]
    assert rounds == (["Adopted", "Rev.1", "Rev.2"] if second == "next-round" else ["Adopted", "Rev.1"])
    applied = [i for r in negotiation.rounds for i in r.applied]
    assert applied == [pending[-1]]  # once, by the first next-round
    latest = negotiation.round().label
    assert all(p.round == latest for p in negotiation.proposals if p.status is ProposalStatus.PENDING)
    if second == "accept":  # decided on the proposal as carried, to be applied by the next round
        accepted = next(p for p in negotiation.proposals if p.id == pending[0])
        assert (accepted.status, accepted.round) == (ProposalStatus.ACCEPTED, "Rev.1")
