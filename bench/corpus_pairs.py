"""Pairs of real rounds compared against a truth built by hand (`bench/truth/pairs-*.json`).

Each truth file lists pairs of documents of the corpus (paths under it) and, per pair,
facts only: how many paragraphs of each kind each round has, and the places (as
`drafttool.compare.places` names them: 'PP 9', 'OP 4', 'text 2 after OP 52') of the
paragraphs inserted and deleted, and of those moved, split or merged.  Every other
paragraph pairs with the one at the same rank once those are set aside, so the truth
says the whole pairing without holding a word of the texts.

`report(corpus)` reads both documents of each pair with drafttool's reader, compares them
and says, per pair: paragraphs read as the truth counts them, pairs found right, inserted
and deleted paragraphs right (precision / recall), and every move, split and merge
reported, each checked against the truth (their precision must be 1.0); then what is
missed, by place.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

TITLE = "Real rounds compared, against a pairing built by hand"
HERE = Path(__file__).resolve().parent


def _pairs_by_rank(olds: list[str], news: list[str]) -> list[tuple[str, str]]:
    return list(zip(olds, news))


def _score(found: set[object], true: set[object]) -> str:
    if not found and not true:
        return "– / –"
    precision = f"{len(found & true) / len(found):.3f}" if found else "–"
    recall = f"{len(found & true) / len(true):.3f}" if true else "–"
    return f"{precision} / {recall}"


def check_pair(corpus: Path, pair: dict[str, object]) -> tuple[list[str], dict[str, object]]:
    """Markdown lines and figures for one pair of the truth."""
    from drafttool.compare.diff import compare_rounds
    from drafttool.compare.places import place_names
    from drafttool.errors import DrafttoolError
    from drafttool.readers import read_document

    old_path, new_path = corpus / str(pair["old"]), corpus / str(pair["new"])
    title = f"### {Path(str(pair['old'])).stem} → {Path(str(pair['new'])).stem}"
    missing = [str(p) for p in (old_path, new_path) if not p.exists()]
    if missing:
        return [title, "", f"not checked: {', '.join(missing)} not found"], {"checked": False}
    try:
        old, new = read_document(old_path).round, read_document(new_path).round
    except DrafttoolError as error:
        return [title, "", f"not checked: {error}"], {"checked": False}
    lines = [title, ""]
    counts = pair["counts"]
    assert isinstance(counts, dict)
    for side, round_ in (("old", old), ("new", new)):
        got = Counter(p.kind.value for p in round_.paragraphs)
        want = counts[side]
        wrong = {k: (got.get(k, 0), v) for k, v in want.items() if got.get(k, 0) != v}
        extra = {k: n for k, n in got.items() if k not in want}
        lines.append(f"- {side} round read: {len(round_.paragraphs)} paragraphs"
                     + ("" if not wrong and not extra else "; **differs from the truth**: "
                        + ", ".join(f"{k} {a} (truth {b})" for k, (a, b) in wrong.items())
                        + "".join(f", {k} {n} (truth 0)" for k, n in extra.items())))
    comparison = compare_rounds(old, new)
    old_names, new_names = place_names(old), place_names(new)
    inserted, deleted = set(pair["inserted"]), set(pair["deleted"])  # type: ignore[call-overload]
    moved = {(a, b) for a, b in pair["moved"]}  # type: ignore[union-attr]
    split = {(a, tuple(b)) for a, b in pair["split"]}  # type: ignore[union-attr]
    merged = {(tuple(a), b) for a, b in pair["merged"]}  # type: ignore[union-attr]
    apart_old = deleted | {a for a, _ in moved} | {a for a, _ in split} | {x for a, _ in merged for x in a}
    apart_new = inserted | {b for _, b in moved} | {x for _, b in split for x in b} | {b for _, b in merged}
    olds = [old_names[p.id] for p in old.paragraphs if old_names[p.id] not in apart_old]
    news = [new_names[p.id] for p in new.paragraphs if new_names[p.id] not in apart_new]
    expected = set(_pairs_by_rank(olds, news)) | moved
    found_pairs: set[tuple[str, str]] = set()
    found_inserted: set[str] = set()
    found_deleted: set[str] = set()
    found_moved: set[tuple[str, str]] = set()
    found_split: set[tuple[str, tuple[str, ...]]] = set()
    found_merged: set[tuple[tuple[str, ...], str]] = set()
    for change in comparison.changes:
        before = [old_names[p.id] for p in change.old]
        after = [new_names[p.id] for p in change.new]
        if not before:
            found_inserted.update(after)
        elif not after:
            found_deleted.update(before)
        elif len(after) > 1:
            found_split.add((before[0], tuple(after)))
        elif len(before) > 1:
            found_merged.add((tuple(before), after[0]))
        else:
            found_pairs.add((before[0], after[0]))
            if change.moved:
                found_moved.add((before[0], after[0]))
    structural_found = len(found_moved) + len(found_split) + len(found_merged)
    structural_right = len(found_moved & moved) + len(found_split & split) + len(found_merged & merged)
    structural_true = len(moved) + len(split) + len(merged)
    lines += [
        f"- paragraphs paired right: {len(found_pairs & expected)} of {len(expected)}",
        f"- inserted, precision / recall: {_score(found_inserted, inserted)} (truth {len(inserted)})",
        f"- deleted, precision / recall: {_score(found_deleted, deleted)} (truth {len(deleted)})",
        f"- moves, splits and merges reported: {structural_found}, right {structural_right}"
        + (f" (precision {structural_right / structural_found:.3f})" if structural_found else "")
        + f"; in the truth: {structural_true}, found {structural_right}",
    ]
    missed = sorted(expected - found_pairs)
    if missed:
        lines.append("- pairs missed: " + ", ".join(f"{a} → {b}" for a, b in missed))
    for name, got, want in (("inserted", found_inserted, inserted), ("deleted", found_deleted, deleted)):
        if got - want:
            lines.append(f"- reported {name} but not: " + ", ".join(sorted(got - want)))
        if want - got:
            lines.append(f"- {name} but not reported so: " + ", ".join(sorted(want - got)))
    wrong_structure = sorted(map(str, (found_moved - moved) | (found_split - split) | (found_merged - merged)))
    if wrong_structure:
        lines.append("- **wrong moves, splits or merges**: " + "; ".join(wrong_structure))
    return lines, {"checked": True, "paired": len(found_pairs & expected), "pairs": len(expected),
                   "structural_found": structural_found, "structural_right": structural_right}


def report(corpus: Path) -> str:
    lines: list[str] = []
    totals = Counter()  # type: ignore[var-annotated]
    for path in sorted(HERE.glob("truth/pairs-*.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))
        lines += [f"From `{path.relative_to(HERE.parent)}`: {truth['about']}", ""]
        for pair in truth["pairs"]:
            more, figures = check_pair(corpus, pair)
            lines += more + [""]
            for key, value in figures.items():
                if isinstance(value, int) and not isinstance(value, bool):
                    totals[key] += value
    if totals:
        found = totals["structural_found"]
        lines.append(f"In all: {totals['paired']} of {totals['pairs']} paragraphs paired right; "
                     f"{found} moves, splits and merges reported, {totals['structural_right']} right"
                     + (f" (precision {totals['structural_right'] / found:.3f})." if found else "."))
    return "\n".join(lines)
