"""The diff benchmark: drafttool's paragraph-aware diff against baselines, in one run.

For each size it generates two rounds with a known true alignment (`generate.py`), then
measures, side by side on the same files and in the same run:

- the floor: read both files, split at blank lines, hash every paragraph (`baselines.py`);
- `drafttool.compare.diff.compare_rounds` as a library call on rounds already read;
- `drafttool diff OLD.md NEW.md --format json` end to end in a child process;
- difflib over paragraphs then words (`baselines.py`);
- the `redlines` package on the whole text, in a child process with a time limit;
- then, on agreements in Articles (`structured.py`), the library's pairing and time;

and scores the pairing of drafttool and of difflib against the truth, per op kind.  It
prints Markdown tables (for the README's "Performance" section), writes
`bench/out/results.json` and, per size, `bench/out/<N>/misclassified.md` with every
false positive and false negative and the texts concerned.

    .venv/bin/python bench/run_diff.py                  # 200, 2,000 and 20,000 paragraphs
    .venv/bin/python bench/run_diff.py --quick          # 200 and 2,000, 3 repeats
    .venv/bin/python bench/run_diff.py --sizes 2000 --repeat 11

Timings are medians (and minima) of several repeats after one untimed warm-up call (the
warm-up is also the call that is scored, and its time is reported as "cold").  Nothing
here is asserted by the test suite: the machines are shared and noisy (docs/testing.md, 'Benchmarks, not timed tests').
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script or with -m

import baselines  # noqa: E402
import generate  # noqa: E402

from drafttool.model import ChangeOp, Comparison, Round  # noqa: E402
from drafttool.readers import read_document  # noqa: E402

OPS = generate.OPS
Change = tuple[str, tuple[int, ...], tuple[int, ...]]
"""A paragraph change as scored: (op, old indexes, new indexes)."""

TARGETS = {
    "library_2000_ms": 100.0,
    "library_2000_over_floor": 7.0,
    "library_20000_s": 1.5,
    "library_20000_mb": 400.0,
    "growth_2000_20000": 15.0,
    "redlines_over_library_200": 200.0,
    "precision_recall": 0.99,
}


# --- Measuring ----------------------------------------------------------------------------


@dataclass
class Timing:
    """Seconds of repeated runs of one thing, and its memory."""

    times: list[float] = field(default_factory=list)
    cold: float | None = None
    """The first, untimed-for-the-median call (caches empty)."""
    peak_mb: float | None = None
    """tracemalloc peak of one call (in-process) or the child's max RSS (child process)."""
    memory_kind: str = ""
    status: str = "ok"
    """'ok', 'missing', 'did not finish (> N s)', 'error: …', 'skipped'."""

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times else None

    @property
    def min(self) -> float | None:
        return min(self.times) if self.times else None

    def as_json(self) -> dict[str, Any]:
        return {
            "status": self.status, "median_s": self.median, "min_s": self.min, "cold_s": self.cold,
            "times_s": self.times, "peak_mb": self.peak_mb, "memory": self.memory_kind,
        }


def time_calls(function: Callable[[], object], repeat: int) -> Timing:
    """One warm-up call, `repeat` timed calls, then one call under tracemalloc."""
    timing = Timing(memory_kind="tracemalloc peak")
    gc.collect()
    start = time.perf_counter()
    function()
    timing.cold = time.perf_counter() - start
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        function()
        timing.times.append(time.perf_counter() - start)
    gc.collect()
    tracemalloc.start()
    try:
        function()
        timing.peak_mb = tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()
    return timing


@dataclass
class ChildRun:
    seconds: float
    max_rss_mb: float
    returncode: int
    stdout: bytes
    stderr: bytes
    timed_out: bool
    cpu_seconds: float = 0.0
    """The child's own user and system time: what it cost, apart from waiting for a
    processor that other work on a shared machine holds."""


def run_child(command: list[str], timeout: float) -> ChildRun:
    """Run a command; its wall time (start-up included), its own max RSS and CPU time
    (os.wait4, not the sum over children), killed after `timeout` seconds."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, start_new_session=True)
        killed = threading.Event()

        def kill() -> None:
            killed.set()
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        except BaseException:  # interrupted: do not leave the child running on its own
            kill()
            os.wait4(process.pid, 0)
            raise
        finally:
            timer.cancel()
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        out.seek(0)
        err.seek(0)
        return ChildRun(seconds, usage.ru_maxrss / 1024, process.returncode, out.read(), err.read(), killed.is_set(),
                        usage.ru_utime + usage.ru_stime)


def time_child(command: list[str], repeat: int, timeout: float) -> tuple[Timing, ChildRun | None]:
    timing = Timing(memory_kind="child max RSS")
    last: ChildRun | None = None
    for k in range(repeat + 1):
        run = run_child(command, timeout)
        if run.timed_out:
            timing.status = f"did not finish (> {timeout:g} s)"
            return timing, None
        if run.returncode != 0:
            timing.status = f"error: exit {run.returncode}: {run.stderr.decode(errors='replace').strip()[-300:]}"
            return timing, None
        if k == 0:
            timing.cold = run.seconds
        else:
            timing.times.append(run.seconds)
        timing.peak_mb = max(timing.peak_mb or 0.0, run.max_rss_mb)
        last = run
    return timing, last


def time_redlines(old: Path, new: Path, repeat: int, timeout: float) -> Timing:
    """redlines on the whole text in a child process: times measured inside the child
    (its imports excluded), memory as the child's max RSS."""
    timing = Timing(memory_kind="child max RSS")
    try:
        import redlines  # noqa: F401
    except ImportError:
        timing.status = "missing (pip install '.[bench]')"
        return timing
    run = run_child([sys.executable, "-c", baselines.REDLINES_CHILD, str(old), str(new), str(repeat)],
                    timeout * repeat)
    lines = [json.loads(line) for line in run.stdout.decode().splitlines() if line.startswith("{")]
    timing.times = [line["seconds"] for line in lines]
    timing.peak_mb = run.max_rss_mb
    if run.timed_out and not timing.times:
        timing.status = f"did not finish (> {timeout:g} s)"
    elif run.returncode != 0 and not run.timed_out:
        timing.status = f"error: exit {run.returncode}: {run.stderr.decode(errors='replace').strip()[-300:]}"
    return timing


# --- Scoring ------------------------------------------------------------------------------


def predicted_changes(comparison: Comparison, old: Round, new: Round) -> list[Change]:
    """drafttool's answer as (op, old indexes, new indexes); a paragraph that moved of its
    own (op `moved`, edited or not) counts as `moved`; one carried by its container's move
    is what else happened to it (split and merged stay what they are)."""
    old_index = {p.id: k for k, p in enumerate(old.paragraphs)}
    new_index = {p.id: k for k, p in enumerate(new.paragraphs)}
    out: list[Change] = []
    for change in comparison.changes:
        op = change.op.value
        out.append((op, tuple(old_index[p.id] for p in change.old), tuple(new_index[p.id] for p in change.new)))
    return out


@dataclass
class OpScore:
    true: int = 0
    predicted: int = 0
    matched: int = 0

    @property
    def precision(self) -> float | None:
        return self.matched / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.matched / self.true if self.true else None

    def passes(self, threshold: float) -> bool:
        return all(value is None or value >= threshold for value in (self.precision, self.recall))

    def as_json(self) -> dict[str, Any]:
        return {"true": self.true, "predicted": self.predicted, "matched": self.matched,
                "precision": self.precision, "recall": self.recall}


def score(truth: list[Change], predicted: list[Change]) -> dict[str, OpScore]:
    """A predicted change matches a true one when op, old indexes and new indexes are all equal."""
    scores = {op: OpScore() for op in OPS}
    truth_set = set(truth)
    for change in truth:
        scores[change[0]].true += 1
    for change in predicted:
        entry = scores.setdefault(change[0], OpScore())
        entry.predicted += 1
        entry.matched += change in truth_set
    return scores


@dataclass
class Miss:
    """A change one side has and the other has not, with what the other side said."""

    kind: str
    """'missed' (false negative) or 'wrong' (false positive)."""
    change: Change
    note: str
    other: list[Change]
    """The changes of the other side that touch the same paragraphs."""
    similarity: float | None = None


def misses(truth: list[Change], notes: dict[Change, str], predicted: list[Change],
           similarity: dict[Change, float]) -> list[Miss]:
    truth_set, predicted_set = set(truth), set(predicted)

    def touching(changes: list[Change]) -> Callable[[Change], list[Change]]:
        by_old: dict[int, list[Change]] = {}
        by_new: dict[int, list[Change]] = {}
        for change in changes:
            for i in change[1]:
                by_old.setdefault(i, []).append(change)
            for j in change[2]:
                by_new.setdefault(j, []).append(change)

        def find(change: Change) -> list[Change]:
            found: list[Change] = []
            for i in change[1]:
                found += [c for c in by_old.get(i, []) if c not in found]
            for j in change[2]:
                found += [c for c in by_new.get(j, []) if c not in found]
            return found

        return find

    in_predicted, in_truth = touching(predicted), touching(truth)
    out = [Miss("missed", c, notes.get(c, ""), in_predicted(c)) for c in truth if c not in predicted_set]
    out += [Miss("wrong", c, "", in_truth(c), similarity.get(c)) for c in predicted if c not in truth_set]
    return out


def _show(change: Change) -> str:
    op, old, new = change
    return f"{op} old {list(old)} → new {list(new)}"


def _text(round_: Round, index: int, width: int | None) -> str:
    paragraph = round_.paragraphs[index]
    text = f"{paragraph.label} {paragraph.text}".strip()
    if width is not None and len(text) > width:
        text = text[: width - 1] + "…"
    return text


def describe_misses(found: list[Miss], old: Round, new: Round, truth_notes: dict[Change, str],
                    *, per_op: int | None, width: int | None, tool: str = "drafttool") -> list[str]:
    """Markdown lines: per op kind, false negatives then false positives, with texts."""
    lines: list[str] = []
    for op in OPS:
        for kind, title in (("missed", "missed (false negatives)"), ("wrong", "wrong (false positives)")):
            group = [m for m in found if m.kind == kind and m.change[0] == op]
            if not group:
                continue
            lines.append(f"#### {op} — {title}: {len(group)}")
            for miss in group[:per_op]:
                other_name = tool if kind == "missed" else "truth"
                others = "; ".join(
                    _show(c) + (f" ({truth_notes[c]})" if kind == "wrong" and truth_notes.get(c) else "")
                    for c in miss.other
                ) or "nothing"
                head = f"- {'truth' if kind == 'missed' else tool}: {_show(miss.change)}"
                if miss.note:
                    head += f" ({miss.note})"
                if miss.similarity is not None:
                    head += f", similarity {miss.similarity:.2f}"
                lines.append(head + f"; {other_name}: {others}")
                for i in sorted({i for c in [miss.change, *miss.other] for i in c[1]}):
                    lines.append(f"  - old {i}: {_text(old, i, width)}")
                for j in sorted({j for c in [miss.change, *miss.other] for j in c[2]}):
                    lines.append(f"  - new {j}: {_text(new, j, width)}")
            if per_op is not None and len(group) > per_op:
                lines.append(f"- … {len(group) - per_op} more in misclassified.md")
    return lines


# --- Running ------------------------------------------------------------------------------


def load_library() -> tuple[Callable[[Round, Round], Comparison] | None, str]:
    try:
        from drafttool.compare.diff import compare_rounds
    except ImportError as error:
        return None, f"missing ({error})"
    return compare_rounds, "ok"


def drafttool_command() -> list[str]:
    script = Path(sys.executable).with_name("drafttool")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from drafttool.cli import main; main()"]


def run_size(size: int, args: argparse.Namespace, compare: Callable[[Round, Round], Comparison] | None,
             library_status: str, redlines_gave_up_at: int | None) -> dict[str, Any]:
    repeat = args.repeat or (5 if size >= 20_000 else 7)
    started = time.perf_counter()
    folder = generate.write_benchmark(size, args.seed, args.out, check=not args.no_check)
    old_path, new_path = folder / "old.md", folder / "new.md"
    truth_json = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    truth: list[Change] = [(c["op"], tuple(c["old"]), tuple(c["new"])) for c in truth_json["changes"]]
    truth_notes = {(c["op"], tuple(c["old"]), tuple(c["new"])): c["note"] for c in truth_json["changes"] if "note" in c}
    print(f"[{size}] generated in {time.perf_counter() - started:.1f} s: {truth_json['old']['paragraphs']} → "
          f"{truth_json['new']['paragraphs']} paragraphs", file=sys.stderr)

    old = read_document(old_path).round
    new = read_document(new_path).round
    result: dict[str, Any] = {
        "size": size, "repeat": repeat,
        "paragraphs": {"old": len(old.paragraphs), "new": len(new.paragraphs)},
        "bytes": {"old": old_path.stat().st_size, "new": new_path.stat().st_size},
        "truth_counts": truth_json["counts"],
    }
    timings: dict[str, Timing] = {}

    def step(name: str) -> None:
        print(f"[{size}] {name}…", file=sys.stderr, flush=True)

    step("floor")
    timings["floor"] = time_calls(lambda: baselines.floor(old_path, new_path), repeat)
    timings["floor_blake2b"] = time_calls(lambda: baselines.floor_blake2b(old_path, new_path), repeat)
    step("reader (read_document of both files)")
    timings["reader"] = time_calls(lambda: (read_document(old_path), read_document(new_path)), max(1, repeat // 2))

    predicted: list[Change] | None = None
    similarity: dict[Change, float] = {}
    if compare is None:
        timings["library"] = Timing(status=library_status)
        timings["cli"] = Timing(status=library_status)
    else:
        step("library compare_rounds")
        comparisons: list[Comparison] = []

        def compare_once() -> None:
            comparison = compare(old, new)
            if not comparisons:
                comparisons.append(comparison)  # the warm-up call's answer is the one scored

        try:
            timings["library"] = time_calls(compare_once, repeat)
        except Exception as error:  # report a broken library instead of stopping the benchmark
            timings["library"] = Timing(status=f"error: {type(error).__name__}: {error}")
        if comparisons:
            predicted = predicted_changes(comparisons[0], old, new)
            for change, raw in zip(predicted, comparisons[0].changes):
                similarity[change] = raw.similarity
        step("CLI drafttool diff --format json")
        cli, last = time_child([*drafttool_command(), "diff", str(old_path), str(new_path), "--format", "json"],
                               repeat, args.timeout)
        timings["cli"] = cli
        if last is not None and predicted is not None:
            try:
                data = json.loads(last.stdout)
                cli_ops = sorted(c["op"] for c in data["changes"])
                lib_ops = sorted(c.op.value for c in comparisons[0].changes)
                result["cli_agrees_with_library"] = cli_ops == lib_ops
            except (ValueError, KeyError, TypeError) as error:
                result["cli_agrees_with_library"] = f"could not read the JSON: {error}"

    step("difflib")
    difflib_results: list[baselines.DifflibResult] = []

    def difflib_once() -> None:
        result = baselines.difflib_diff(old_path, new_path)
        if not difflib_results:
            difflib_results.append(result)

    timings["difflib"] = time_calls(difflib_once, repeat)
    difflib_predicted = baselines.difflib_pairs(difflib_results[0], old, new)

    if args.no_redlines:
        timings["redlines"] = Timing(status="skipped (--no-redlines)")
    elif redlines_gave_up_at is not None:
        timings["redlines"] = Timing(status=f"not tried (did not finish at {redlines_gave_up_at:,})")
    else:
        step(f"redlines (limit {args.redlines_timeout:g} s)")
        timings["redlines"] = time_redlines(old_path, new_path, min(3, repeat) if size <= 200 else 1,
                                            args.redlines_timeout)
    result["timings"] = {name: timing.as_json() for name, timing in timings.items()}

    scores = {"difflib": score(truth, difflib_predicted)}
    if predicted is not None:
        scores["drafttool"] = score(truth, predicted)
    result["scores"] = {tool: {op: s.as_json() for op, s in per_op.items()} for tool, per_op in scores.items()}

    report: list[str] = [f"# Misclassified paragraphs at {size} paragraphs", ""]
    if predicted is not None:
        found = misses(truth, truth_notes, predicted, similarity)
        result["misclassified"] = [
            {"kind": m.kind, "op": m.change[0], "old": list(m.change[1]), "new": list(m.change[2]), "note": m.note,
             "other": [{"op": c[0], "old": list(c[1]), "new": list(c[2])} for c in m.other]}
            for m in found
        ]
        report += ["## drafttool", ""] + (describe_misses(found, old, new, truth_notes, per_op=None, width=None)
                                          or ["None: every change is found exactly."])
        result["examples"] = describe_misses(found, old, new, truth_notes, per_op=args.examples, width=240)
    difflib_found = misses(truth, truth_notes, difflib_predicted, {})
    report += ["", "## difflib (first 5 per kind)", ""] + describe_misses(
        difflib_found, old, new, truth_notes, per_op=5, width=240, tool="difflib")
    (folder / "misclassified.md").write_text("\n".join(report) + "\n", encoding="utf-8")
    result["_timings"] = timings
    result["_scores"] = scores
    print(f"[{size}] done in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return result


# --- Reporting ----------------------------------------------------------------------------


def _ms(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    if seconds >= 10:
        return f"{seconds:,.1f} s"
    return f"{seconds * 1000:,.1f} ms" if seconds < 1 else f"{seconds:,.2f} s"


def _cell(timing: Timing) -> str:
    if timing.status != "ok" or not timing.times:
        return timing.status
    if len(timing.times) == 1:
        return _ms(timing.median)
    return f"{_ms(timing.median)} ({_ms(timing.min)})"


def _mb(timing: Timing) -> str:
    return f"{timing.peak_mb:,.0f} MB" if timing.peak_mb is not None and timing.status == "ok" else "–"


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def _fmt_ratio(value: float | None) -> str:
    return "–" if value is None else f"{value:,.1f}×"


def _pr(entry: OpScore) -> str:
    def f(value: float | None) -> str:
        return "–" if value is None else f"{value:.3f}"
    return f"{f(entry.precision)} / {f(entry.recall)}"


def report(results: list[dict[str, Any]], startup: Timing | None) -> tuple[str, list[dict[str, Any]]]:
    lines = [
        "| paragraphs (old → new) | floor | drafttool library | library peak | library / floor "
        "| CLI end to end | CLI max RSS | difflib | redlines |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        t: dict[str, Timing] = r["_timings"]
        lines.append(
            f"| {r['size']:,} ({r['paragraphs']['old']:,} → {r['paragraphs']['new']:,}) | {_cell(t['floor'])} "
            f"| {_cell(t['library'])} | {_mb(t['library'])} "
            f"| {_fmt_ratio(_ratio(t['library'].median, t['floor'].median))} | {_cell(t['cli'])} | {_mb(t['cli'])} "
            f"| {_cell(t['difflib'])} | {_cell(t['redlines'])} |"
        )
    lines += ["", "Median (min) of the repeats. The floor hashes with `hash()`; with BLAKE2b it is "
              + ", ".join(f"{_cell(r['_timings']['floor_blake2b'])} at {r['size']:,}" for r in results)
              + ". Reading both files with drafttool's reader, which the CLI does before comparing: "
              + ", ".join(f"{_cell(r['_timings']['reader'])} at {r['size']:,}" for r in results) + "."]
    if startup is not None:
        lines.append(f"`drafttool --help` (interpreter start-up and imports): {_cell(startup)}.")

    lines += ["", "Pairing against the truth, precision / recall per op kind (true count in brackets):", ""]
    header = "| op |" + "".join(f" {r['size']:,}: drafttool | {r['size']:,}: difflib |" for r in results)
    lines += [header, "|---|" + "---:|---:|" * len(results)]
    for op in OPS:
        row = f"| {op} |"
        for r in results:
            scores: dict[str, dict[str, OpScore]] = r["_scores"]
            true = scores["difflib"][op].true
            drafttool = _pr(scores["drafttool"][op]) if "drafttool" in scores else "–"
            row += f" {drafttool} ({true}) | {_pr(scores['difflib'][op])} |"
        lines.append(row)

    by_size = {r["size"]: r for r in results}
    checks: list[dict[str, Any]] = []

    def check(name: str, value: float | None, limit: float, unit: str, *, at_least: bool = False,
              why_missing: str = "not measured") -> None:
        if value is None:
            checks.append({"target": name, "value": None, "limit": limit, "pass": None, "note": why_missing})
            return
        ok = value >= limit if at_least else value <= limit
        checks.append({"target": name, "value": value, "limit": limit, "pass": ok, "unit": unit})

    def lib(size: int) -> Timing | None:
        return by_size[size]["_timings"]["library"] if size in by_size else None

    l2k, l20k, l200 = lib(2_000), lib(20_000), lib(200)
    check("library, 2,000 paragraphs ≤ 100 ms", l2k.median * 1000 if l2k and l2k.median else None,
          TARGETS["library_2000_ms"], "ms")
    check("library, 2,000 paragraphs ≤ 7× the floor",
          _ratio(l2k.median, by_size[2_000]["_timings"]["floor"].median) if l2k else None,
          TARGETS["library_2000_over_floor"], "×")
    check("library, 20,000 paragraphs ≤ 1.5 s", l20k.median if l20k else None, TARGETS["library_20000_s"], "s")
    check("library, 20,000 paragraphs ≤ 400 MB (tracemalloc peak)", l20k.peak_mb if l20k and l20k.times else None,
          TARGETS["library_20000_mb"], "MB")
    check("growth 2,000 → 20,000 ≤ 15×", _ratio(l20k.median, l2k.median) if l20k and l2k else None,
          TARGETS["growth_2000_20000"], "×")
    redlines200 = by_size[200]["_timings"]["redlines"] if 200 in by_size else None
    check("200 paragraphs: ≥ 200× faster than redlines",
          _ratio(redlines200.median, l200.median) if redlines200 and l200 else None,
          TARGETS["redlines_over_library_200"], "×", at_least=True,
          why_missing=redlines200.status if redlines200 and redlines200.status != "ok" else "not measured")
    for r in results:
        scores = r["_scores"].get("drafttool")
        if scores is None:
            check(f"{r['size']:,} paragraphs: precision and recall ≥ 0.99 for every op", None, 0.99, "")
            continue
        worst = min((v for s in scores.values() for v in (s.precision, s.recall) if v is not None), default=1.0)
        failing = [op for op, s in scores.items() if not s.passes(TARGETS["precision_recall"])]
        check(f"{r['size']:,} paragraphs: precision and recall ≥ 0.99 for every op"
              + (f" (below: {', '.join(failing)})" if failing else ""), worst, TARGETS["precision_recall"], "",
              at_least=True)

    lines += ["", "| target | measured | result |", "|---|---:|---|"]
    for c in checks:
        if c["pass"] is None:
            lines.append(f"| {c['target']} | – | {c['note']} |")
        else:
            value = c["value"]
            shown = f"{value:,.3f}" if c["unit"] == "" else f"{value:,.1f} {c['unit']}".replace(" ×", "×")
            lines.append(f"| {c['target']} | {shown} | {'pass' if c['pass'] else '**fail**'} |")
    return "\n".join(lines), checks


def environment() -> dict[str, Any]:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                            cwd=generate.ROOT).stdout.strip()
    dirty = bool(subprocess.run(["git", "status", "--porcelain", "--", "drafttool"], capture_output=True, text=True,
                                cwd=generate.ROOT).stdout.strip())
    return {
        "python": platform.python_version(), "implementation": platform.python_implementation(),
        "machine": platform.machine(), "system": platform.system(), "cpus": os.cpu_count(),
        "commit": commit + ("+dirty drafttool/" if dirty else ""), "generator_version": generate.GENERATOR_VERSION,
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=None, help="comma-separated sizes (default 200,2000,20000)")
    parser.add_argument("--repeat", type=int, default=None, help="timed repeats (default 7, 5 at 20,000)")
    parser.add_argument("--quick", action="store_true", help="sizes 200,2000 and 3 repeats")
    parser.add_argument("--seed", type=int, default=generate.DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=generate.OUT)
    parser.add_argument("--redlines-timeout", type=float, default=120.0, help="seconds (default 120)")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds for one CLI run (default 600)")
    parser.add_argument("--no-redlines", action="store_true")
    parser.add_argument("--no-check", action="store_true", help="do not read generated files back to check them")
    parser.add_argument("--examples", type=int, default=3, help="misclassified examples printed per op kind")
    parser.add_argument("--no-structured", action="store_true", help="skip the agreements in Articles")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes = args.sizes or "200,2000"
        args.repeat = args.repeat or 3
    sizes = [int(s.replace("_", "").replace(",", "")) for s in (args.sizes or "200,2000,20000").split(",")]

    compare, library_status = load_library()
    if compare is None:
        print(f"drafttool.compare.diff.compare_rounds is {library_status}: measuring the generator and the "
              "baselines only", file=sys.stderr)
    startup = None
    if compare is not None:
        startup, _ = time_child([*drafttool_command(), "--help"], args.repeat or 7, args.timeout)

    results: list[dict[str, Any]] = []
    redlines_gave_up_at: int | None = None
    for size in sorted(sizes):
        result = run_size(size, args, compare, library_status, redlines_gave_up_at)
        if redlines_gave_up_at is None and result["_timings"]["redlines"].status.startswith("did not finish"):
            redlines_gave_up_at = size
        results.append(result)

    table, checks = report(results, startup)
    structured_results: list[dict[str, Any]] = []
    if compare is not None and not args.no_structured:
        import structured

        more, structured_results = structured.run_structured(sorted(sizes), args.seed, min(5, args.repeat or 5))
        table += "\n" + "\n".join(more)
    print(table)
    for r in results:
        if r.get("examples"):
            print(f"\n### Misclassified at {r['size']:,} paragraphs (up to {args.examples} per kind; all in "
                  f"{args.out / str(r['size']) / 'misclassified.md'})\n")
            print("\n".join(r["examples"]))
        elif "examples" in r:
            print(f"\nAt {r['size']:,} paragraphs every true change is found exactly.")
        if r.get("cli_agrees_with_library") not in (None, True):
            print(f"\nAt {r['size']:,} paragraphs the CLI's JSON and the library disagree: "
                  f"{r['cli_agrees_with_library']}")

    out = {
        "environment": environment(),
        "library": library_status,
        "startup": startup.as_json() if startup else None,
        "targets": checks,
        "sizes": [{k: v for k, v in r.items() if not k.startswith("_")} for r in results],
        "structured": structured_results,
        "table": table,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"\nWrote {args.out / 'results.json'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
