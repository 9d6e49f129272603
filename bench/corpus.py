"""The corpus check: how right drafttool reads real UN documents it was not written for.

Runs the `report(corpus)` of every `bench/corpus_*.py` module (structure read from the
documents, pairs of rounds compared, PDFs read…) over the folder of real documents,
`../shared/corpus` next to the repository, and prints what each returns (Markdown).
Each module keeps its truth, built by hand and holding facts only, in `bench/truth/`;
the documents themselves never enter the repository.

    .venv/bin/python bench/corpus.py                     # every module
    .venv/bin/python bench/corpus.py structure pairs     # corpus_structure.py, corpus_pairs.py
    .venv/bin/python bench/corpus.py --corpus /elsewhere

Nothing here is asserted by the test suite: the documents are not in the repository and
the figures are for the record (the README and the notes on the work).

A module's contract: `report(corpus: pathlib.Path) -> str`, Markdown, saying per
document what was read right out of what there is; `TITLE`, a line naming what it checks.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus"


def modules() -> list[str]:
    """Names of the corpus modules in bench/, without the 'corpus_' prefix, sorted."""
    return sorted(path.stem[len("corpus_"):] for path in HERE.glob("corpus_*.py"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("only", nargs="*", help=f"modules to run (default all: {', '.join(modules()) or 'none yet'})")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of real documents")
    args = parser.parse_args(argv)
    corpus: Path = args.corpus
    if not corpus.is_dir():
        print(f"no corpus at {corpus}: nothing to check (the documents are kept outside the repository; "
              "pass --corpus FOLDER)")
        return 0
    names = args.only or modules()
    unknown = [name for name in names if name not in modules()]
    if unknown:
        print(f"no module bench/corpus_{unknown[0]}.py; there are: {', '.join(modules())}", file=sys.stderr)
        return 2
    sys.path.insert(0, str(HERE))
    print(f"# Corpus check\n\nDocuments from {corpus}\n")
    for name in names:
        module = importlib.import_module(f"corpus_{name}")
        started = time.perf_counter()
        text = module.report(corpus)
        title = getattr(module, "TITLE", name)
        print(f"## {title}\n\n{text.rstrip()}\n\n({time.perf_counter() - started:.1f} s)\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
