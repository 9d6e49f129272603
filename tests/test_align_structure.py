"""Comparison that knows the structure: containers paired by content, boilerplate kept in
its container, headings and paragraphs paired, rewrites in place, places in both rounds."""

from __future__ import annotations

import sys
from pathlib import Path

from drafttool.compare.diff import apply, compare_rounds
from drafttool.model import ChangeOp, Kind, Paragraph, Round, Scope

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

WORDS = {
    "adaptation": "Parties shall enhance adaptive capacity and strengthen resilience to the adverse effects of change.",
    "adaptation2": "Each Party shall engage in adaptation planning processes and the implementation of actions.",
    "mitigation": "Each Party shall prepare and communicate successive nationally determined contributions it intends.",
    "mitigation2": "Parties shall pursue domestic mitigation measures with the aim of achieving the objectives.",
    "finance": "Developed country Parties shall provide financial resources to assist developing country Parties.",
    "finance2": "The financial mechanism of the Convention shall serve as the mechanism of this Agreement.",
    "review": "The Conference of the Parties shall periodically take stock of the implementation of this Agreement.",
    "review2": "The outcome of the global stocktake shall inform Parties in updating and enhancing their actions.",
}


def article(number: int, heading: str, texts: list[str], *, extra: tuple[Paragraph, ...] = ()) -> list[Paragraph]:
    art = Paragraph(f"art-{number}", heading, Kind.CONTAINER, f"Article {number}", scope=Scope.ARTICLE)
    body = [Paragraph(f"art-{number}.p{k}", text, Kind.OPERATIVE, f"{k}.", art.id)
            for k, text in enumerate(texts, 1)]
    return [art, *body, *extra]


def agreement(label: str, *articles: list[Paragraph]) -> Round:
    title = Paragraph("title", "Agreement on the climate", Kind.TITLE)
    return Round(label, (title, *[p for a in articles for p in a]), language="en")


def changes(old: Round, new: Round) -> list[tuple[str, str, str]]:
    comparison = compare_rounds(old, new)
    assert apply(comparison, old) == new
    return [(c.op.value, c.place, c.move) for c in comparison.changes]


def test_an_article_moved_and_renumbered_is_one_move_said_once_and_what_it_holds_is_unchanged():
    old = agreement("A", article(1, "Adaptation", [WORDS["adaptation"], WORDS["adaptation2"]]),
                    article(2, "Mitigation", [WORDS["mitigation"], WORDS["mitigation2"]]),
                    article(3, "Finance", [WORDS["finance"], WORDS["finance2"]]),
                    article(4, "Review", [WORDS["review"], WORDS["review2"]]))
    new = agreement("B", article(1, "Mitigation", [WORDS["mitigation"], WORDS["mitigation2"]]),
                    article(2, "Finance", [WORDS["finance"], WORDS["finance2"]]),
                    article(3, "Review", [WORDS["review"], WORDS["review2"]]),
                    article(4, "Adaptation", [WORDS["adaptation"], WORDS["adaptation2"]]))
    found = [c for c in changes(old, new) if c[0] != "unchanged"]
    assert found == [
        ("renumbered", "Art. 2 → Art. 1", ""), ("renumbered", "Art. 3 → Art. 2", ""),
        ("renumbered", "Art. 4 → Art. 3", ""),
        ("moved", "Art. 1 → Art. 4", "from after title to after Art. 3"),
    ]


def test_articles_are_paired_by_what_they_hold_never_by_their_number():
    old = agreement("A", article(4, "Adaptation", [WORDS["adaptation"], WORDS["adaptation2"]]))
    new = agreement("B", article(4, "Mitigation", [WORDS["mitigation"], WORDS["mitigation2"]]))
    found = changes(old, new)
    assert ("deleted", "Art. 4", "") in found and ("inserted", "Art. 4", "") in found
    assert not any(op in ("edited", "renumbered", "moved") for op, _, _ in found)


def test_repeated_lines_follow_their_article_and_are_never_paired_across_articles():
    placeholder = "[Placeholder]"
    old = agreement("A", article(1, "Adaptation", [WORDS["adaptation"], placeholder]),
                    article(2, "Finance", [WORDS["finance"], WORDS["finance2"]]))
    new = agreement("B", article(1, "Adaptation", [WORDS["adaptation"]]),
                    article(2, "Finance", [WORDS["finance"], WORDS["finance2"], placeholder]))
    found = changes(old, new)
    assert ("deleted", "Art. 1 ¶ 2", "") in found and ("inserted", "Art. 2 ¶ 3", "") in found
    assert not any(op == "moved" for op, _, _ in found)


def test_a_heading_that_became_a_paragraph_is_one_edited_paragraph():
    heading = "Cooperation on technology development and transfer"
    old = agreement("A", article(1, "Technology", [WORDS["finance"]],
                                 extra=(Paragraph("art-1.h1", heading, Kind.HEADING, "", "art-1", level=2),)))
    new = agreement("B", article(1, "Technology", [WORDS["finance"], heading + " is strengthened."]))
    found = changes(old, new)
    assert ("edited", "Art. 1 heading “Cooperation on technology development and …” → Art. 1 ¶ 2", "") in found


def test_a_heavy_rewrite_in_place_is_an_edit_and_unrelated_text_in_place_is_not():
    before = "Each Party shall report on the support provided and mobilized through public interventions."
    rewrite = "Each Party shall regularly provide information on the support it has mobilized through public funds."
    unrelated = "The secretariat shall convene a workshop on oceans before the next session begins."
    old = agreement("A", article(1, "Transparency", [WORDS["review"], before, WORDS["review2"]]))
    rewritten = agreement("B", article(1, "Transparency", [WORDS["review"], rewrite, WORDS["review2"]]))
    replaced = agreement("B", article(1, "Transparency", [WORDS["review"], unrelated, WORDS["review2"]]))
    assert ("edited", "Art. 1 ¶ 2", "") in changes(old, rewritten)
    found = changes(old, replaced)
    assert ("deleted", "Art. 1 ¶ 2", "") in found and ("inserted", "Art. 1 ¶ 2", "") in found


def test_places_are_said_as_delegates_say_them_and_moves_in_one_numbering():
    def resolution(label: str, order: list[int]) -> Round:
        texts = {n: f"Operative paragraph number {n} decides a matter of its own kind {n * 'x'}." for n in range(1, 8)}
        paragraphs = [Paragraph("pp1", "Recalling its earlier resolutions on the matter,", Kind.PREAMBULAR)]
        for k, n in enumerate(order, 1):
            paragraphs.append(Paragraph(f"p{n}", texts[n], Kind.OPERATIVE, f"{k}."))
            if n == 3:
                paragraphs.append(Paragraph(f"p{n}.a", "the first item of the list;", Kind.SUBPARAGRAPH, "(a)",
                                            f"p{n}", level=1))
        return Round(label, tuple(paragraphs), language="en")

    found = changes(resolution("A", [1, 2, 3, 4, 5, 6, 7]), resolution("B", [1, 3, 4, 5, 2, 6, 7]))
    assert ("moved", "OP 2 → OP 5", "from after OP 1 to after OP 4 (now OP 4)") not in found
    assert ("moved", "OP 2 → OP 5", "from after OP 1 to after OP 4") in found
    assert ("unchanged", "3 (a) → 2 (a)", "") in found  # its own letter stays; its place is said
    assert ("renumbered", "OP 3 → OP 2", "") in found


def test_the_generator_of_agreements_is_paired_exactly_at_200_paragraph_records():
    import run_diff
    import structured

    bench = structured.generate_structured(200)
    comparison = compare_rounds(bench.old, bench.new)
    truth = [(c.op, c.old, c.new) for c in bench.truth]
    assert sorted(run_diff.predicted_changes(comparison, bench.old, bench.new)) == sorted(truth)
    assert apply(comparison, bench.old) == bench.new
    assert structured.generate_structured(200).new == bench.new


def test_a_move_is_said_from_its_old_neighbour_with_that_neighbours_new_place():
    a, b, c, d, e = (f"Paragraph {w} decides on a distinct matter with words of its own {w}." for w in
                     ("alpha", "bravo", "charlie", "delta", "echo"))
    old = Round("A", tuple(Paragraph(f"p{k}", t, Kind.OPERATIVE, f"{k}.") for k, t in enumerate([a, b, c, d, e], 1)))
    new_texts = [a, c, d, b, e]
    new = Round("B", tuple(Paragraph(f"n{k}", t, Kind.OPERATIVE, f"{k}.") for k, t in enumerate(new_texts, 1)))
    moved = [c for c in compare_rounds(old, new).changes if c.op is ChangeOp.MOVED]
    assert [(c.place, c.move) for c in moved] == [("OP 2 → OP 4", "from after OP 1 to after OP 3")]


def test_a_declaration_numbered_throughout_names_its_paragraphs_by_number_not_as_operative_ones():
    def text(opening: str, label: str, order: list[str]) -> Round:
        paragraphs = [Paragraph("pp1", opening, Kind.PREAMBULAR)]
        paragraphs += [Paragraph(f"p{w}", f"Paragraph {w} states a distinct commitment in words of its own {w}.",
                                 Kind.OPERATIVE, f"{k}.") for k, w in enumerate(order, 1)]
        return Round(label, tuple(paragraphs), language="en")

    old_order, new_order = ["alpha", "bravo", "charlie"], ["alpha", "charlie", "bravo"]
    declaration = [(c.op.value, c.place) for c in compare_rounds(
        text("We, the ministers gathered in Vienna,", "A", old_order),
        text("We, the ministers gathered in Vienna,", "B", new_order)).changes]
    assert ("moved", "¶ 3 → ¶ 2") in declaration and ("unchanged", "PP 1") in declaration
    resolution = [(c.op.value, c.place) for c in compare_rounds(
        text("The General Assembly,", "A", old_order), text("The General Assembly,", "B", new_order)).changes]
    assert ("moved", "OP 3 → OP 2") in resolution
