"""How fast drafttool writes its outputs: a tracked-changes .docx (diff included, file
written) of 2,000 and 20,000 paragraphs, beside the Docxodus engine of `python-redlines`
on the same two rounds as Word files, and the HTML comparison of 20,000 paragraphs.

Speed is measured here, never asserted in the tests (docs/testing.md, 'Benchmarks, not timed tests'): medians of several
runs, and ratios to the baseline measured in the same run.

    .venv/bin/python bench/run_outputs.py                   # 2,000 and 20,000 paragraphs
    .venv/bin/python bench/run_outputs.py --repeat 3 --sizes 2000
    .venv/bin/python bench/run_outputs.py --no-redlines

The inputs come from `bench/generate.py` (its generator, imported); the two rounds are
written as .docx with drafttool's clean-round writer for python-redlines, which compares
Word files.  python-redlines runs a .NET program shipped in its companion package
`python-redlines-docxodus` (`pip install 'python-redlines[docxodus]'`, about 45 MB, a
self-contained binary: no .NET runtime needed); it is timed as a call of
`DocxodusEngine().run_redline(...)`, which starts that program once per call.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from generate import generate  # noqa: E402

from drafttool.compare.diff import DiffOptions, compare_rounds  # noqa: E402
from drafttool.renderers.docx import render_round_docx, render_tracked_docx  # noqa: E402
from drafttool.renderers.html import render_comparison_html  # noqa: E402
from drafttool.store import write_atomic  # noqa: E402

TARGETS = {
    "tracked_2000_s": 0.25,
    "tracked_20000_s": 2.0,
    "html_20000_s": 2.0,
    "redlines_over_tracked_2000": 10.0,
}


def timed(function: Callable[[], object], repeat: int) -> list[float]:
    """One warm-up call, then `repeat` timed calls (the collector run before each)."""
    function()
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def median(times: list[float]) -> float:
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="2000,20000")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--redlines-repeat", type=int, default=3)
    parser.add_argument("--no-redlines", action="store_true")
    parser.add_argument("--redlines-max", type=int, default=2000,
                        help="Largest size python-redlines is run on (it takes minutes at 20,000).")
    parser.add_argument("--out", type=Path, default=HERE / "out")
    args = parser.parse_args(argv)
    results: dict[str, object] = {"python": sys.version.split()[0], "targets": TARGETS}
    rows = []
    with tempfile.TemporaryDirectory(prefix="drafttool-bench-") as folder:
        tmp = Path(folder)
        for size in (int(s) for s in args.sizes.split(",")):
            bench = generate(size)
            old, new = bench.old, bench.new
            target = tmp / f"tracked-{size}.docx"

            def tracked() -> None:
                comparison = compare_rounds(old, new, DiffOptions())
                write_atomic(target, render_tracked_docx(comparison, old, new, date="2024-02-02"))

            def diff_only() -> None:
                compare_rounds(old, new, DiffOptions())

            comparison = compare_rounds(old, new, DiffOptions())

            def html() -> None:
                render_comparison_html(comparison, old, new)

            row: dict[str, object] = {"size": size, "old_paragraphs": len(old.paragraphs),
                                      "new_paragraphs": len(new.paragraphs)}
            row["diff_s"] = median(timed(diff_only, args.repeat))
            row["tracked_s"] = median(timed(tracked, args.repeat))
            row["tracked_bytes"] = target.stat().st_size
            row["html_s"] = median(timed(html, max(3, args.repeat // 2)))
            print(json.dumps(row), flush=True)
            if not args.no_redlines and size <= args.redlines_max:
                row.update(time_redlines(old, new, tmp, args.redlines_repeat if size <= 2000 else 1))
            rows.append(row)
            print(json.dumps(row), flush=True)
    results["rows"] = rows
    print()
    print("| paragraphs | diff (s) | tracked .docx, diff included (s) | HTML comparison (s) | python-redlines "
          "Docxodus (s) | redlines ÷ drafttool |")
    print("|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        redlines = row.get("redlines_s")
        ratio = f"{redlines / row['tracked_s']:.0f}×" if isinstance(redlines, float) else "–"
        shown = f"{redlines:.2f}" if isinstance(redlines, float) else str(row.get("redlines", "not run"))
        print(f"| {row['size']:,} | {row['diff_s']:.3f} | {row['tracked_s']:.3f} | {row['html_s']:.3f} | "
              f"{shown} | {ratio} |")
    print()
    for row in rows:
        if row["size"] == 2000:
            verdict(f"tracked .docx of 2,000 paragraphs ≤ {TARGETS['tracked_2000_s']} s", row["tracked_s"] <=
                    TARGETS["tracked_2000_s"])
            if isinstance(row.get("redlines_s"), float):
                verdict("≥ 10× faster than python-redlines (Docxodus)", row["redlines_s"] / row["tracked_s"] >= 10)
        if row["size"] == 20000:
            verdict(f"tracked .docx of 20,000 paragraphs ≤ {TARGETS['tracked_20000_s']} s",
                    row["tracked_s"] <= TARGETS["tracked_20000_s"])
            verdict(f"HTML comparison of 20,000 paragraphs ≤ {TARGETS['html_20000_s']} s",
                    row["html_s"] <= TARGETS["html_20000_s"])
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "outputs.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


def verdict(what: str, ok: bool) -> None:
    print(f"{'PASS' if ok else 'MISS'}  {what}")


def time_redlines(old, new, tmp: Path, repeat: int) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """python-redlines' Docxodus engine on the two rounds written as .docx."""
    try:
        from python_redlines.engines import DocxodusEngine
    except ImportError:
        return {"redlines": "missing: pip install 'python-redlines[docxodus]'"}
    old_path, new_path = tmp / "old.docx", tmp / "new.docx"
    old_path.write_bytes(render_round_docx(old))
    new_path.write_bytes(render_round_docx(new))
    try:
        engine = DocxodusEngine()
        times = []
        for _ in range(repeat + 1 if repeat > 1 else 1):
            start = time.perf_counter()
            output, _, _ = engine.run_redline("drafttool-bench", old_path, new_path)
            times.append(time.perf_counter() - start)
        (tmp / "redlines.docx").write_bytes(output)
    except Exception as error:  # noqa: BLE001 - report why the baseline did not run
        return {"redlines": f"error: {type(error).__name__}: {str(error)[:300]}"}
    return {"redlines_s": median(times[1:] or times), "redlines_first_s": times[0], "redlines_bytes": len(output)}


if __name__ == "__main__":
    raise SystemExit(main())
