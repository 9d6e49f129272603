"""The whole command, as a user runs it: process start, reading, comparing, writing.

`run_diff.py` times the comparison inside one process; a user waits for the whole
command. This script runs each command in a child process on the generated rounds of
`generate.py` (200, 2,000, 20,000 and 100,000 paragraphs) and, in the same run, two
baselines in child processes of the same interpreter:

- the floor: start Python, read both files, split them into paragraphs, hash each one;
- difflib: the same, then `difflib.SequenceMatcher` over the two lists of paragraphs
  (no moves, splits or merges; no word diff).

It prints, for every size, the median and minimum wall time and the peak memory (the
child's own max RSS) of `diff --format json`, `diff --format html`, `redline`, `import`
and reading one file, their ratios to the floor and to difflib, the targets, and the
pairing precision and recall of the comparison (from `run_diff.py`'s scorer, computed on
the same two files compared as the `diff` command compares them, once every size is
timed).  The rounds are generated in a child process, so that the peaks measured are the
commands' own: a child's max RSS counts the pages of the process it was forked from.

    .venv/bin/python bench/run_commands.py                       # 200, 2,000, 20,000, 100,000
    .venv/bin/python bench/run_commands.py --sizes 200,2000 --repeat 3
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import statistics
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # noqa: E402
from run_diff import ChildRun, drafttool_command, run_child  # noqa: E402

FLOOR = """
import hashlib, sys
for path in sys.argv[1:]:
    text = open(path, encoding="utf-8").read()
    hashes = [hashlib.blake2b(p.encode(), digest_size=8).digest() for p in text.split("\\n\\n")]
print(len(hashes))
"""

DIFFLIB = """
import difflib, sys
old, new = (open(path, encoding="utf-8").read().split("\\n\\n") for path in sys.argv[1:3])
ops = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
print(sum(1 for op in ops if op[0] != "equal"))
"""

READ = """
import sys, time
from drafttool.readers import read_document
start = time.perf_counter()
read_document(sys.argv[1])
print(time.perf_counter() - start)
"""

TARGETS = {
    # (command, size): (seconds, MB or None)
    ("diff json", 2_000): (0.20, None),
    ("diff json", 20_000): (1.5, 150.0),
    ("redline", 20_000): (2.0, None),
    ("diff json", 100_000): (10.0, 1024.0),
    ("read one file (in process)", 20_000): (0.25, None),
    ("--help", 0): (0.08, None),
}
"""The targets the speed work set itself: whole-command medians, in seconds and MB."""

DIFFLIB_RATIO_TARGET = 5.0
"""`diff --format json` at 20,000 paragraphs within this many times difflib's time."""


@dataclass
class Measure:
    name: str
    times: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    """The child's CPU time of each run (user + system): on a machine shared with other
    work, what the command cost apart from waiting for a processor."""
    peak_mb: float = 0.0
    error: str = ""

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times else None

    @property
    def cpu_median(self) -> float | None:
        return statistics.median(self.cpu) if self.cpu else None

    def add(self, run: ChildRun, seconds: float | None = None) -> None:
        if run.timed_out:
            self.error = "did not finish"
        elif run.returncode != 0:
            self.error = f"exit {run.returncode}: {run.stderr.decode(errors='replace').strip()[-200:]}"
        else:
            self.times.append(run.seconds if seconds is None else seconds)
            self.cpu.append(run.cpu_seconds)
            self.peak_mb = max(self.peak_mb, run.max_rss_mb)


def measure(name: str, command: list[str], repeat: int, timeout: float, *, fresh: Path | None = None,
            inner_time: bool = False) -> Measure:
    """Run `command` once to warm the file cache, then `repeat` times; `fresh` is a folder
    emptied before each run (the store an import writes into)."""
    result = Measure(name)
    for k in range(repeat + 1):
        if fresh is not None:
            shutil.rmtree(fresh, ignore_errors=True)
            init = run_child(drafttool_command() + ["init", str(fresh), "--title", "Benchmark"], timeout)
            if init.returncode != 0:
                result.error = "init failed: " + init.stderr.decode(errors="replace").strip()[-200:]
                return result
        run = run_child(command, timeout)
        if k == 0 and not (run.timed_out or run.returncode):
            continue
        result.add(run, float(run.stdout.decode().split()[-1]) if inner_time and run.returncode == 0 else None)
        if result.error:
            return result
    return result


def pairing(old: Path, new: Path, truth_path: Path) -> dict[str, tuple[float | None, float | None]]:
    """Precision and recall per op kind of the comparison the `diff` command makes of the
    two files (`operations.compare_files`, in this process), scored by `run_diff.score`."""
    from run_diff import predicted_changes, score

    from drafttool.operations import compare_files

    truth_json = json.loads(truth_path.read_text(encoding="utf-8"))
    truth = [(c["op"], tuple(c["old"]), tuple(c["new"])) for c in truth_json["changes"]]
    compared = compare_files(old, new)
    predicted = predicted_changes(compared.comparison, compared.old, compared.new)
    return {op: (s.precision, s.recall) for op, s in score(truth, predicted).items()}


def run_size(size: int, repeat: int, timeout: float, out: Path, seed: int) -> dict[str, Any]:
    # The rounds are generated in a child process: a child's max RSS counts the pages of
    # the process it was forked from, so this one must stay small for the peaks to be
    # the commands' own (the pairing, which reads and compares, comes after every size).
    written = run_child([sys.executable, str(Path(generate.__file__)), "--sizes", str(size), "--seed", str(seed),
                         "--out", str(out)] + ([] if size <= 2_000 else ["--no-check"]), 3_600)
    if written.returncode != 0:
        raise SystemExit(written.stderr.decode(errors="replace"))
    folder = out / str(size)
    old, new = folder / "old.md", folder / "new.md"
    python = [sys.executable]
    tool = drafttool_command()
    work = Path(tempfile.mkdtemp(prefix=f"bench-{size}-"))
    try:
        rows = [
            measure("floor (read, split, hash)", python + ["-c", FLOOR, str(old), str(new)], repeat, timeout),
            measure("difflib over paragraphs", python + ["-c", DIFFLIB, str(old), str(new)], repeat, timeout),
            measure("diff json", tool + ["diff", str(old), str(new), "--format", "json", "-o",
                                         str(work / "diff.json")], repeat, timeout),
            measure("diff html", tool + ["diff", str(old), str(new), "--format", "html", "-o",
                                         str(work / "diff.html")], repeat, timeout),
            measure("redline", tool + ["redline", str(old), str(new), "-o", str(work / "redline.docx")],
                    repeat, timeout),
            measure("import", tool + ["import", str(work / "store"), str(new), "--label", "Rev.1"],
                    repeat, timeout, fresh=work / "store"),
            measure("read one file (in process)", python + ["-c", READ, str(new)], repeat, timeout,
                    inner_time=True),
        ]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {"size": size, "rows": rows, "scores": {}, "folder": folder}


def _s(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def _pr(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def report(results: list[dict[str, Any]], help_measure: Measure) -> str:
    lines = ["| paragraphs | command | median (min) | CPU median | peak MB | ÷ floor | ÷ difflib | target |",
             "|---:|---|---:|---:|---:|---:|---:|---|"]
    verdicts = []
    for result in results:
        size = result["size"]
        floor, difflib_ = result["rows"][0].median, result["rows"][1].median
        for row in result["rows"]:
            if row.error:
                lines.append(f"| {size:,} | {row.name} | {row.error} | | | | | |")
                continue
            median = row.median
            ratio_floor = f"{median / floor:.1f}×" if median and floor else "–"
            ratio_difflib = f"{median / difflib_:.2f}×" if median and difflib_ else "–"
            target = TARGETS.get((row.name, size))
            target_text = ""
            if target:
                seconds, mb = target
                ok = median is not None and median <= seconds and (mb is None or row.peak_mb <= mb)
                target_text = f"≤ {_s(seconds)}" + (f", ≤ {mb:.0f} MB" if mb else "") + (" met" if ok else " MISSED")
                verdicts.append(f"{row.name} at {size:,}: {_s(median)}, {row.peak_mb:.0f} MB → "
                                f"{'met' if ok else 'missed'} ({target_text})")
            if row.name == "diff json" and size == 20_000 and median and difflib_:
                ok = median <= DIFFLIB_RATIO_TARGET * difflib_
                verdicts.append(f"diff json at 20,000 within {DIFFLIB_RATIO_TARGET:g}× difflib: "
                                f"{median / difflib_:.2f}× → {'met' if ok else 'missed'}")
            cpu = "–" if row.name.endswith("(in process)") else _s(row.cpu_median)
            lines.append(f"| {size:,} | {row.name} | {_s(median)} ({_s(min(row.times))}) | {cpu} | {row.peak_mb:.0f} | "
                         f"{ratio_floor} | {ratio_difflib} | {target_text} |")
    lines.append("")
    lines.append(f"`drafttool --help`: {_s(help_measure.median)} (min {_s(min(help_measure.times or [0]))}), "
                 f"target ≤ 80 ms {'met' if (help_measure.median or 1) <= 0.08 else 'missed'}")
    lines.append("")
    for result in results:
        if result["scores"]:
            values = [v for pr in result["scores"].values() for v in pr if v is not None]
            worst = min(values) if values else float("nan")
            cells = ", ".join(f"{op} {_pr(p)}/{_pr(r)}" for op, (p, r) in sorted(result["scores"].items()))
            lines.append(f"pairing at {result['size']:,} (precision/recall): {cells}; lowest {worst:.3f}")
    by_size = {result["size"]: {row.name: row for row in result["rows"]} for result in results}
    if 20_000 in by_size and 100_000 in by_size:
        # n log n from 20,000 to 100,000: 5 × log(100,000) / log(20,000) ≈ 5.81.
        bound = 100_000 * math.log(100_000) / (20_000 * math.log(20_000))
        for name in ("diff json", "redline"):
            small, large = by_size[20_000].get(name), by_size[100_000].get(name)
            if small and large and small.median and large.median:
                time_growth, memory_growth = large.median / small.median, large.peak_mb / small.peak_mb
                ok = time_growth <= bound and memory_growth <= bound
                verdicts.append(f"{name} from 20,000 to 100,000: time ×{time_growth:.2f}, memory ×{memory_growth:.2f} "
                                f"(n log n: ×{bound:.2f}) → {'met' if ok else 'missed'}")
    lines.append("")
    lines.extend(verdicts)
    return "\n".join(lines)


def compile_package() -> None:
    """Write the package's bytecode, as `pip install` does, so that the commands timed load
    it instead of compiling every module from source at each start (which a checkout run
    with PYTHONDONTWRITEBYTECODE set, or from a read-only folder, would do: 40 ms a run)."""
    import compileall
    import drafttool

    compileall.compile_dir(str(Path(drafttool.__file__).parent), quiet=1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="200,2000,20000,100000")
    parser.add_argument("--repeat", type=int, default=0, help="timed runs per command (default 7, 5 at "
                        "20,000, 3 at 100,000)")
    parser.add_argument("--timeout", type=float, default=600.0)
    parser.add_argument("--seed", type=int, default=generate.DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=generate.OUT)
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    compile_package()
    help_measure = measure("--help", drafttool_command() + ["--help"], 11, 60)
    results = []
    for size in sizes:
        repeat = args.repeat or (3 if size >= 100_000 else 5 if size >= 20_000 else 7)
        print(f"[{size}] measuring ({repeat} runs each)…", file=sys.stderr, flush=True)
        results.append(run_size(size, repeat, args.timeout, args.out, args.seed))
        print(report(results, help_measure), file=sys.stderr, flush=True)
    for result in results:
        folder = result["folder"]
        print(f"[{result['size']}] scoring the pairing…", file=sys.stderr, flush=True)
        result["scores"] = pairing(folder / "old.md", folder / "new.md", folder / "truth.json")
    print(report(results, help_measure))
    return 0


if __name__ == "__main__":
    sys.exit(main())
