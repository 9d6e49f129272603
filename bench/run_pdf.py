"""Speed of the PDF reader on long UN resolutions, beside poppler's pdftotext in the same run.

Reads each PDF whole (`read_document`: the page contents, lines, layout, then the text
reader) several times and prints the median, with its parts: running the pages' content
streams (`content`), making lines (`lines`), the Markdown (`layout`) and the structure
(`text reader`); `pdftotext -layout` on the same file is the floor a C extractor sets.
CPU time is printed beside wall time: the machines are shared, and CPU time is what the
reader costs.  The target: a 50-page resolution read in under 2 s.

    .venv/bin/python bench/run_pdf.py                       # the longest PDFs of the corpus
    .venv/bin/python bench/run_pdf.py FILE.pdf … --runs 7
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drafttool.readers import read_document  # noqa: E402
from drafttool.readers.markdown import read_markdown  # noqa: E402
from drafttool.readers.pdf import _pages  # noqa: E402
from drafttool.readers.pdf.layout import build  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "unga"
DEFAULT = ("A_RES_79_145.pdf", "A_80_L.17.pdf", "A_RES_80_109.pdf", "A_RES_79_138.pdf")


def _timed(function, runs: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Median wall and CPU seconds of `runs` calls."""
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        function()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def _pdftotext(path: Path, runs: int) -> float:
    walls = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(["pdftotext", "-layout", str(path), "/dev/null"], check=True)
        walls.append(time.perf_counter() - started)
    return statistics.median(walls)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    files = args.files or [CORPUS / name for name in DEFAULT if (CORPUS / name).exists()]
    if not files:
        print(f"no PDF given and no corpus at {CORPUS}: nothing to measure")
        return 0
    print("| file | pages | read_document wall / CPU s | content + lines CPU s | layout CPU s | text reader CPU s "
          "| pdftotext -layout wall s | ratio |")
    print("|---|---|---|---|---|---|---|---|")
    for path in files:
        data = path.read_bytes()
        pages: list = []  # type: ignore[type-arg]
        markdown: list[str] = []

        def extract() -> None:
            pages[:] = _pages(data, str(path))[0]

        def lay() -> None:
            markdown[:] = [build(pages, path.name).markdown]

        wall, cpu = _timed(lambda: read_document(path), args.runs)
        _, extract_cpu = _timed(extract, args.runs)
        _, layout_cpu = _timed(lay, args.runs)
        _, reader_cpu = _timed(lambda: read_markdown(markdown[0], path=str(path)), args.runs)
        floor = _pdftotext(path, args.runs)
        print(f"| {path.name} | {len(pages)} | {wall:.2f} / {cpu:.2f} | {extract_cpu:.2f} | {layout_cpu:.2f} | "
              f"{reader_cpu:.2f} | {floor:.2f} | {wall / floor:.1f}× |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
