"""The diff benchmark's generator (bench/generate.py): same seed, same bytes; a truth that
agrees with the rounds it describes.  No timing here: speed is the benchmark's business."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import subprocess
import sys
from functools import lru_cache
from pathlib import Path
from types import ModuleType

from drafttool.readers import read_document

ROOT = Path(__file__).resolve().parent.parent


def _load(name: str) -> ModuleType:
    """bench/ is scripts, not a package: load a module from its file."""
    if f"bench_{name}" in sys.modules:
        return sys.modules[f"bench_{name}"]
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


generate = _load("generate")


@lru_cache(maxsize=None)
def bench(size: int, seed: int = generate.DEFAULT_SEED):  # type: ignore[no-untyped-def]
    return generate.generate(size, seed)


def _digest(benchmark) -> str:  # type: ignore[no-untyped-def]
    truth = json.dumps(benchmark.truth_json(), sort_keys=True)
    return hashlib.sha256((benchmark.old_markdown + benchmark.new_markdown + truth).encode()).hexdigest()


def test_the_same_size_and_seed_give_the_same_files() -> None:
    assert _digest(generate.generate(200)) == _digest(bench(200))


def test_another_seed_gives_another_text() -> None:
    assert bench(200, 7).old_markdown != bench(200).old_markdown


def test_the_files_do_not_depend_on_hash_randomisation() -> None:
    code = (
        "import importlib.util, sys, hashlib, json\n"
        f"spec = importlib.util.spec_from_file_location('g', {str(ROOT / 'bench' / 'generate.py')!r})\n"
        "g = importlib.util.module_from_spec(spec); sys.modules['g'] = g; spec.loader.exec_module(g)\n"
        "b = g.generate(200)\n"
        "t = json.dumps(b.truth_json(), sort_keys=True)\n"
        "print(hashlib.sha256((b.old_markdown + b.new_markdown + t).encode()).hexdigest())\n"
    )
    digests = {
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed}).stdout.strip()
        for seed in ("1", "2")
    }
    assert digests == {_digest(bench(200))}


def test_the_reader_reads_back_exactly_the_paragraphs_the_truth_counts(tmp_path: Path) -> None:
    folder = generate.write_benchmark(200, out=tmp_path)  # checks kinds, labels, texts, parents
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    old = read_document(folder / "old.md").round
    new = read_document(folder / "new.md").round
    assert (truth["old"]["paragraphs"], truth["new"]["paragraphs"]) == (len(old.paragraphs), len(new.paragraphs))
    assert sorted(i for c in truth["changes"] for i in c["old"]) == list(range(len(old.paragraphs)))
    assert sorted(j for c in truth["changes"] for j in c["new"]) == list(range(len(new.paragraphs)))
    for change in truth["changes"]:
        if change["op"] in ("unchanged", "renumbered"):
            (i,), (j,) = change["old"], change["new"]
            assert old.paragraphs[i].text == new.paragraphs[j].text
        if change["op"] == "split":
            joined = " ".join(new.paragraphs[j].text for j in change["new"])
            if "note" not in change:
                assert joined == old.paragraphs[change["old"][0]].text
        if change["op"] == "merged" and "note" not in change:
            assert new.paragraphs[change["new"][0]].text == " ".join(old.paragraphs[i].text for i in change["old"])


def test_every_op_kind_is_in_the_truth_at_200_paragraphs() -> None:
    counts = bench(200).truth_json()["counts"]
    assert all(counts[op] >= 1 for op in generate.OPS), counts


def test_the_mix_at_2000_paragraphs_is_the_one_asked_for() -> None:
    benchmark = bench(2_000)
    data = benchmark.truth_json()
    counts, notes, n = data["counts"], data["notes"], 2_000
    assert 0.85 * n <= counts["unchanged"] + counts["renumbered"] <= 0.92 * n
    assert counts["renumbered"] > 0.1 * n  # everything after an insertion or deletion is renumbered
    assert 0.05 * n <= counts["edited"] <= 0.07 * n and notes["heavy edit"] == 0.01 * n
    assert counts["moved"] == 0.01 * n and notes["moved and edited"] >= 0.004 * n
    assert counts["split"] == counts["merged"] == 0.005 * n
    assert 0.01 * n <= counts["inserted"] <= 0.012 * n and 0.01 * n <= counts["deleted"] <= 0.012 * n
    assert notes["replaced by unrelated text"] == 4  # 2 paragraphs: deleted + inserted each
    assert notes["heading inserted"] == notes["heading deleted"] == 1


def test_heavy_edits_change_30_to_50_percent_of_the_words() -> None:
    benchmark = bench(2_000)
    heavy = [c for c in benchmark.truth if c.note == "heavy edit"]
    for change in heavy:
        old = benchmark.old.paragraphs[change.old[0]].text
        new = benchmark.new.paragraphs[change.new[0]].text
        assert 0.30 <= generate.changed_share(old, new) <= 0.50


def test_moved_paragraphs_are_exactly_those_out_of_the_longest_increasing_subsequence() -> None:
    benchmark = bench(2_000)
    pairs = [(i, j) for c in benchmark.truth for i in c.old for j in c.new]
    kept = generate.longest_increasing(pairs)
    moved = {(c.old[0], c.new[0]) for c in benchmark.truth if c.op == "moved"}
    assert set(pairs) - kept == moved


def test_labels_are_renumbered_in_the_new_round() -> None:
    new = bench(2_000).new
    numbers = [int(p.label[:-1]) for p in new.paragraphs if p.kind.value == "operative"]
    assert numbers == list(range(1, len(numbers) + 1))
