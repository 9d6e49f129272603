"""What the diff benchmark measures drafttool against, on the same two files.

- `floor`: read both files, cut them into paragraphs at blank lines and hash every
  paragraph — the least any paragraph diff must do (`floor_blake2b`: the same with a
  content hash, for reference).
- `difflib_diff`: the obvious Python approach — `difflib.SequenceMatcher` (autojunk off)
  over the two lists of paragraphs, then a word-level `SequenceMatcher` over the
  paragraphs of each replaced block, paired in order.  `difflib_pairs` turns its blocks
  into paragraph changes so that it can be scored against the truth like drafttool.
- `redlines`: the `redlines` package (PyPI) on the whole text, run in a child process by
  `run_diff.py` because it may not finish (`REDLINES_CHILD` is that child's code).

Takes file paths (and, for scoring, the rounds drafttool read from them); returns plain
values.  No timing here: `run_diff.py` times these functions as it times drafttool.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from drafttool.model import Round

_BLANK_LINES = re.compile(r"\n[ \t]*\n")


def paragraphs_of(path: Path) -> list[str]:
    """The file's blocks between blank lines (front matter and footnotes included)."""
    text = path.read_text(encoding="utf-8")
    return [block for block in _BLANK_LINES.split(text) if block.strip()]


def floor(old_path: Path, new_path: Path) -> int:
    """Read both files, split them into paragraphs, hash every paragraph with `hash()`.

    `hash()` is what a dict or set of paragraphs costs, the least any Python diff pays to
    match paragraphs; a content hash such as BLAKE2b (`floor_blake2b`) costs about twice
    the whole floor.  Returns how many paragraphs were hashed (so the work is used)."""
    count = 0
    for path in (old_path, new_path):
        hashes = [hash(block) for block in paragraphs_of(path)]
        count += len(hashes)
    return count


def floor_blake2b(old_path: Path, new_path: Path) -> int:
    """The floor with a content hash (BLAKE2b, 128 bits) instead of `hash()`."""
    count = 0
    for path in (old_path, new_path):
        digests = [hashlib.blake2b(block.encode(), digest_size=16).digest() for block in paragraphs_of(path)]
        count += len(digests)
    return count


@dataclass(frozen=True, slots=True)
class DifflibResult:
    """The paragraph blocks (`SequenceMatcher.get_opcodes()` over paragraphs) and the
    word opcodes of each in-order pair of a replaced block."""

    old: list[str]
    new: list[str]
    opcodes: list[tuple[str, int, int, int, int]]
    word_opcodes: list[tuple[int, int, list[tuple[str, int, int, int, int]]]]
    """(old paragraph, new paragraph, word opcodes) for each pair in a replaced block."""


def difflib_diff(old_path: Path, new_path: Path) -> DifflibResult:
    """difflib over paragraphs, then over the words of replaced paragraphs paired in order."""
    old, new = paragraphs_of(old_path), paragraphs_of(new_path)
    opcodes = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    word_opcodes = []
    for tag, i1, i2, j1, j2 in opcodes:
        if tag != "replace":
            continue
        for i, j in zip(range(i1, i2), range(j1, j2)):
            words = difflib.SequenceMatcher(None, old[i].split(), new[j].split(), autojunk=False).get_opcodes()
            word_opcodes.append((i, j, words))
    return DifflibResult(old, new, opcodes, word_opcodes)


def difflib_pairs(result: DifflibResult, old: Round, new: Round) -> list[tuple[str, tuple[int, ...], tuple[int, ...]]]:
    """difflib's answer as paragraph changes (op, old indexes, new indexes).

    File block k + 1 is paragraph k (block 0 is the front matter; footnote bodies come
    after the paragraphs).  Pairs from equal blocks and from in-order pairing of replaced
    blocks are classified with the truth's own rules — same words and same label: unchanged;
    same words: renumbered; else edited — so difflib is scored on its pairing alone.
    What it leaves unpaired is inserted or deleted.  It never reports a move, a split or a
    merge: that is the point of showing it.
    """
    n_old, n_new = len(old.paragraphs), len(new.paragraphs)
    old_index = {p.id: k for k, p in enumerate(old.paragraphs)}
    new_index = {p.id: k for k, p in enumerate(new.paragraphs)}
    partner: dict[int, int] = {}
    changes: list[tuple[str, tuple[int, ...], tuple[int, ...]]] = []
    pairs: list[tuple[int, int]] = []
    for tag, i1, i2, j1, j2 in result.opcodes:
        olds = [i - 1 for i in range(i1, i2) if 1 <= i <= n_old]
        news = [j - 1 for j in range(j1, j2) if 1 <= j <= n_new]
        if tag in ("equal", "replace"):
            paired = list(zip(olds, news))
            pairs += paired
            partner.update((j, i) for i, j in paired)
            olds, news = olds[len(paired):], news[len(paired):]
        changes += [("deleted", (i,), ()) for i in olds]
        changes += [("inserted", (), (j,)) for j in news]
    for i, j in pairs:
        a, b = old.paragraphs[i], new.paragraphs[j]
        if a.text != b.text:
            op = "edited"
        else:
            parent_same = (a.parent is None and b.parent is None) or (
                a.parent is not None and b.parent is not None
                and partner.get(new_index.get(b.parent, -1)) == old_index.get(a.parent)
            )
            op = "unchanged" if (a.label, a.kind, a.level) == (b.label, b.kind, b.level) and parent_same else "renumbered"
        changes.append((op, (i,), (j,)))
    return changes


REDLINES_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from redlines import Redlines

old = Path(sys.argv[1]).read_text(encoding="utf-8")
new = Path(sys.argv[2]).read_text(encoding="utf-8")
repeat = int(sys.argv[3])
times = []
for _ in range(repeat):
    start = time.perf_counter()
    markdown = Redlines(old, new).output_markdown
    times.append(time.perf_counter() - start)
    print(json.dumps({"seconds": times[-1], "chars": len(markdown)}), flush=True)
"""
"""The child process that runs redlines on the whole text; one JSON line per repeat, so
that the runs finished before a timeout still count."""
