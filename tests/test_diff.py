"""The paragraph-aware diff: golden cases, invariants, and properties over generated rounds."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafttool.cli import main
from drafttool.compare.align import AlignOptions, OptionError
from drafttool.compare.diff import ApplyError, DiffOptions, apply, compare_rounds, without_typographic
from drafttool.model import ChangeOp, Paragraph, SegmentKind
from drafttool.operations import compare_files
from drafttool.renderers.json import render_comparison_json

from strategies import WORDS, rounds

CASES = Path(__file__).parent / "cases" / "diff"
NAMES = sorted(p.name[: -len(".old.md")] for p in CASES.glob("*.old.md"))


def summary(comparison) -> dict[str, int]:
    counts: dict[str, int] = {}
    for change in comparison.changes:
        counts[change.op.value] = counts.get(change.op.value, 0) + 1
    return counts


@pytest.mark.parametrize("name", NAMES)
def test_golden_case(name, update_golden):
    compared = compare_files(CASES / f"{name}.old.md", CASES / f"{name}.new.md")
    output = render_comparison_json(compared.comparison, compared.old, compared.new)
    expected = CASES / f"{name}.expected.json"
    if update_golden or not expected.exists():
        expected.write_text(output, encoding="utf-8")
    assert output == expected.read_text(encoding="utf-8")
    # Invariants on every case.
    assert apply(compared.comparison, compared.old) == compared.new
    again = compare_files(CASES / f"{name}.old.md", CASES / f"{name}.new.md")
    assert render_comparison_json(again.comparison, again.old, again.new) == output
    same = compare_rounds(compared.old, compared.old)
    assert not same.changed
    assert {c.op for c in same.changes} == {ChangeOp.UNCHANGED}


EXPECTED_OPS = {
    "moved-renumbered.fr": {"inserted": 1, "renumbered": 2, "unchanged": 1, "edited": 1, "moved": 1},
    "split-merge.en": {"split": 1, "merged": 1, "unchanged": 1},
    "replaced.en": {"unchanged": 2, "deleted": 1, "inserted": 1},
    "typography.fr": {"edited": 3},
    "relettered.fr": {"inserted": 3, "renumbered": 7},
    "footnotes.fr": {"edited": 1, "unchanged": 1},
    "chinese.zh": {"edited": 2, "moved": 1},
    "arabic.ar": {"edited": 2, "unchanged": 1},
}


@pytest.mark.parametrize("name", NAMES)
def test_each_case_finds_the_changes_a_reader_sees(name):
    compared = compare_files(CASES / f"{name}.old.md", CASES / f"{name}.new.md")
    assert summary(compared.comparison) == EXPECTED_OPS[name]


def changes(name):
    return compare_files(CASES / f"{name}.old.md", CASES / f"{name}.new.md").comparison.changes


def test_a_replaced_paragraph_is_a_deletion_and_an_insertion_never_an_interleaving():
    found = [(c.op, [p.label for p in c.old], [p.label for p in c.new]) for c in changes("replaced.en")]
    assert (ChangeOp.DELETED, ["2."], []) in found and (ChangeOp.INSERTED, [], ["2."]) in found
    deleted = next(c for c in changes("replaced.en") if c.op is ChangeOp.DELETED)
    assert [s.kind for s in deleted.segments] == [SegmentKind.DELETE]


def test_typography_is_told_apart_from_substance():
    found = changes("typography.fr")
    assert [c.typographic_only for c in found] == [True, True, False]
    third = found[2]
    kinds = [(s.kind.value, s.text, s.typographic) for s in third.segments if s.kind is not SegmentKind.EQUAL]
    assert kinds == [
        ("delete", " ", True), ("insert", "\u202f", True), ("delete", " ", True), ("insert", "\u202f", True),
        ("insert", " et nous en remercions les auteurs", False),
    ]


def test_hiding_typography_keeps_only_substance(tmp_path):
    compared = compare_files(CASES / "typography.fr.old.md", CASES / "typography.fr.new.md")
    hidden = without_typographic(compared.comparison)
    assert [c.op for c in hidden.changes] == [ChangeOp.UNCHANGED, ChangeOp.UNCHANGED, ChangeOp.EDITED]
    assert [s.text for s in hidden.changes[2].segments if s.kind is not SegmentKind.EQUAL] == [
        " et nous en remercions les auteurs"
    ]


def test_relettered_subparagraphs_and_renumbered_headings_are_not_edits():
    found = [(c.op.value, [p.label for p in c.old], [p.label for p in c.new]) for c in changes("relettered.fr")]
    assert found == [
        ("inserted", [], ["I."]),
        ("inserted", [], ["1."]),
        ("renumbered", ["I."], ["II."]),
        ("renumbered", ["1."], ["2."]),
        ("inserted", [], ["a)"]),
        ("renumbered", ["a)"], ["b)"]),
        ("renumbered", ["b)"], ["c)"]),
        ("renumbered", ["c)"], ["d)"]),
        ("renumbered", ["II."], ["III."]),
        ("renumbered", ["2."], ["3."]),
    ]


def test_renumbered_footnotes_leave_the_paragraphs_that_cite_them_unchanged():
    compared = compare_files(CASES / "footnotes.fr.old.md", CASES / "footnotes.fr.new.md")
    ops = [(c.op.value, c.old.label if c.old else None, c.new.label if c.new else None)
           for c in compared.comparison.footnotes]
    assert ops == [("inserted", None, "1"), ("renumbered", "1", "2"), ("renumbered", "2", "3"),
                   ("edited", "3", "4")]
    assert compared.comparison.changes[1].op is ChangeOp.UNCHANGED


def test_splits_and_merges_carry_their_paragraph_breaks():
    split, merged = [c for c in changes("split-merge.en") if c.op in (ChangeOp.SPLIT, ChangeOp.MERGED)]
    assert [p.label for p in split.new] == ["1.", "2."]
    assert any("\n" in s.text for s in split.segments if s.kind is SegmentKind.INSERT)
    assert [p.label for p in merged.old] == ["2.", "3."]
    assert any("\n" in s.text for s in merged.segments if s.kind is SegmentKind.DELETE)


def test_chinese_is_compared_character_by_character():
    first = changes("chinese.zh")[0]
    assert [(s.kind.value, s.text) for s in first.segments if s.kind is not SegmentKind.EQUAL] == [("insert", "全部")]


def test_an_arabic_paragraph_is_placed_by_its_number_without_the_label_dash(runner, tmp_path):
    # '1 -' is the Arabic '1.': the place is 'OP 1' in every output, as in English.
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text("1 - نؤكد من جديد التزامنا بالتصدي لمشكلة المخدرات العالمية.\n", encoding="utf-8")
    new.write_text("1 - نقرر استعراض التقدم المحرز في الدورة المقبلة.\n\n"
                   "2 - نؤكد من جديد التزامنا بالتصدي لمشكلة المخدرات العالمية.\n", encoding="utf-8")
    terminal = runner.invoke(main, ["diff", str(old), str(new), "--no-color"])
    assert terminal.output.splitlines()[2:6] == [
        "+ OP 1 inserted", "    {+نقرر استعراض التقدم المحرز في الدورة المقبلة.+}", "", "# OP 1 → OP 2 renumbered"]
    data = json.loads(runner.invoke(main, ["diff", str(old), str(new), "--format", "json"]).output)
    assert [change["place"] for change in data["changes"]] == [
        {"old": "", "new": "OP 1"}, {"old": "OP 1", "new": "OP 2"}]


def test_thresholds_are_validated():
    with pytest.raises(OptionError, match="edit-threshold must be more than 0 and at most 1, but got 1.5"):
        AlignOptions(edit_threshold=1.5)


def test_apply_refuses_a_comparison_of_another_round():
    compared = compare_files(CASES / "replaced.en.old.md", CASES / "replaced.en.new.md")
    other = replace(compared.old, paragraphs=tuple(replace(p, text=p.text + " x") for p in compared.old.paragraphs))
    with pytest.raises(ApplyError, match="does not fit paragraph 'p1'"):
        apply(compared.comparison, other)


# ---------------------------------------------------------------- properties

@st.composite
def revisions(draw):
    """A round and a revision of it with every kind of change, in one of several scripts."""
    old = draw(rounds())
    body = [p for p in old.paragraphs]
    new: list[Paragraph] = []
    vocabulary = WORDS[old.language]
    separator = "" if old.language == "zh" else " "
    counter = 0
    for paragraph in body:
        action = draw(st.sampled_from(["keep"] * 5 + ["edit", "typo", "delete", "split", "insert", "move"]))
        counter += 1
        if action == "keep":
            new.append(paragraph)
        elif action == "edit":
            extra = separator.join(draw(st.lists(st.sampled_from(vocabulary), min_size=1, max_size=4)))
            new.append(replace(paragraph, text=paragraph.text + separator + extra))
        elif action == "typo":
            new.append(replace(paragraph, text=paragraph.text.replace(" ", "\u00a0", 1).replace("'", "’")))
        elif action == "delete":
            continue
        elif action == "split" and separator in paragraph.text and separator:
            cut = paragraph.text.index(separator)
            new.append(replace(paragraph, text=paragraph.text[:cut]))
            new.append(replace(paragraph, id=f"{paragraph.id}-part", text=paragraph.text[cut + 1:]))
        elif action == "insert":
            words = separator.join(draw(st.lists(st.sampled_from(vocabulary), min_size=3, max_size=12)))
            new.append(Paragraph(f"new{counter}", words, label=f"{counter} bis."))
            new.append(paragraph)
        elif action == "move" and new:
            new.insert(draw(st.integers(0, len(new) - 1)), paragraph)
        else:
            new.append(paragraph)
    if len(new) >= 2 and draw(st.booleans()):  # merge two neighbours
        k = draw(st.integers(0, len(new) - 2))
        first, second = new[k], new[k + 1]
        new[k: k + 2] = [replace(first, text=first.text + separator + second.text)]
    ids = [p.id for p in new]
    new = [p for k, p in enumerate(new) if p.id not in ids[:k]]  # a paragraph appears once
    known = {p.id for p in new}
    new = [replace(p, parent=p.parent if p.parent in known else None) for p in new]
    return old, replace(old, label="Rev.next", paragraphs=tuple(new))


@settings(max_examples=150, deadline=None)
@given(revisions(), st.booleans())
def test_applying_a_comparison_to_the_old_round_gives_the_new_round(pair, trust_ids):
    old, new = pair
    comparison = compare_rounds(old, new, DiffOptions(trust_ids=trust_ids))
    assert apply(comparison, old) == new
    # Every old and every new paragraph appears exactly once.
    assert sorted(p.id for c in comparison.changes for p in c.old) == sorted(p.id for p in old.paragraphs)
    assert [p.id for c in comparison.changes for p in c.new] == [p.id for p in new.paragraphs]


@settings(max_examples=60, deadline=None)
@given(rounds())
def test_a_round_compared_with_itself_is_unchanged(round_):
    comparison = compare_rounds(round_, round_)
    assert not comparison.changed
    assert all(c.op is ChangeOp.UNCHANGED for c in comparison.changes)


def pairing(comparison, old, new) -> list[tuple[str, tuple[int, ...], tuple[int, ...]]]:
    """Changes as (op, old positions, new positions): what the two rounds were paired into."""
    old_at = {p.id: k for k, p in enumerate(old.paragraphs)}
    new_at = {p.id: k for k, p in enumerate(new.paragraphs)}
    return [(c.op.value, tuple(old_at[p.id] for p in c.old), tuple(new_at[p.id] for p in c.new))
            for c in comparison.changes]


@settings(max_examples=25, deadline=None)
@given(revisions())
def test_comparing_store_rounds_and_comparing_the_same_rounds_as_files_give_the_same_pairing(pair):
    import tempfile

    from drafttool import store
    from drafttool.operations import compare_store_rounds, import_round
    from drafttool.renderers.markdown import render_round_markdown

    old, new = pair
    with tempfile.TemporaryDirectory() as folder:
        old_file, new_file = Path(folder) / "old.md", Path(folder) / "new.md"
        old_file.write_text(render_round_markdown(old), encoding="utf-8")
        new_file.write_text(render_round_markdown(new), encoding="utf-8")
        files = compare_files(old_file, new_file)
        # Rounds imported (ids given by the alignment) and rounds stored with the ids they
        # were made with (as next-round keeps them: a split part has an id of its own).
        imported, made = Path(folder) / "imported", Path(folder) / "made"
        store.create_store(imported, language=old.language)
        import_round(imported, old_file, label=files.old.label)
        import_round(imported, new_file, label=files.new.label)
        store.create_store(made, language=old.language)
        store.add_round(made, files.old)
        ids = {read.id: built.id for read, built in zip(files.new.paragraphs, new.paragraphs)}
        store.add_round(made, replace(files.new, paragraphs=tuple(
            replace(p, id=ids[p.id], parent=ids.get(p.parent, p.parent) if p.parent else None)
            for p in files.new.paragraphs)))
        answers = [compare_store_rounds(path, files.old.label, files.new.label) for path in (imported, made)]
    expected = pairing(files.comparison, files.old, files.new)
    places = [(c.old_place, c.new_place, c.move) for c in files.comparison.changes]
    for stored in answers:
        assert pairing(stored.comparison, stored.old, stored.new) == expected
        assert [(c.old_place, c.new_place, c.move) for c in stored.comparison.changes] == places


@given(st.text(alphabet=st.sampled_from(list("ab1_ é*\n\\[^]") + ["\u3042", "\u4e00", "\uac00", "\uff21", "\u3000",
                                                          "\U00020000", "\u0640", "\u00b2"]), max_size=12))
def test_a_word_of_letters_other_than_cjk_is_cut_as_a_lookahead_would_cut_it(text: str) -> None:
    # `[^\W…]+` (a word character that is no CJK one) stands for the slower
    # `(?:(?![…])\w)+` in the tokeniser's patterns.
    from drafttool.compare.diff import _CJK, _WORD_TOKENS, _compiled, _count_words, tokenize

    slow = re.compile(rf"\[\^[^\]\s\\]+\]|[{_CJK}]|(?:(?![{_CJK}])\w)+")
    assert _compiled(_WORD_TOKENS).findall(text) == slow.findall(text)
    assert _count_words(text) == len(slow.findall(text))  # plain texts take a pattern without CJK classes
    slow_tokens = re.compile(rf"\[\^[^\]\s\\]+\]|\\.|\*\*|\*|\n|[{_CJK}]|(?:(?![{_CJK}])\w)+|[^\S\n]+|.", re.DOTALL)
    assert tokenize(text) == slow_tokens.findall(text)
