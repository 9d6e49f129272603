"""Texts as negotiations produce them, read right: Articles, decisions, annexes, options, lists,
comma-ended preambles in the six languages, website front matter and furniture."""

from __future__ import annotations

import time

import pytest

from drafttool.errors import NotFoundError
from drafttool.model import Kind, Paragraph, Round, Scope
from drafttool.readers.markdown import read_markdown
from drafttool.renderers.markdown import render_round_markdown
from drafttool.text.places import resolve


def read(text: str, markdown: bool = True, path: str | None = None):
    return read_markdown(text, path=path, markdown=markdown)


def shape(text: str, markdown: bool = True) -> list[tuple[str, str, str | None]]:
    return [(p.id, p.kind.value, p.parent) for p in read(text, markdown).round.paragraphs]


AGREEMENT = """# Agreement on shared waters

*The Parties to this Agreement*,

Recalling the Convention,

Have agreed as follows:

## Article 1

### Use of terms

For the purposes of this Agreement:

1. "Party" means a State;

2. "Basin" means the area drained.

## Article 2. Objective

1. The objective is to share.

2. Parties shall:

(a) exchange data;

(b) consult.

## Article 8 bis

1. Text of the added Article.
"""


def test_an_agreement_has_every_numbered_paragraph_under_its_article_with_numbering_restarting_and_no_notice():
    reading = read(AGREEMENT)
    assert [(p.id, p.kind.value, p.label, p.parent) for p in reading.round.paragraphs] == [
        ("title", "title", "", None),
        ("pp1", "preambular", "", None), ("pp2", "preambular", "", None), ("pp3", "preambular", "", None),
        ("art-1", "container", "Article 1", None),
        ("art-1.t1", "text", "", "art-1"),
        ("art-1.p1", "operative", "1.", "art-1"), ("art-1.p2", "operative", "2.", "art-1"),
        ("art-2", "container", "Article 2.", None),
        ("art-2.p1", "operative", "1.", "art-2"), ("art-2.p2", "operative", "2.", "art-2"),
        ("art-2.p2.a", "subparagraph", "(a)", "art-2.p2"), ("art-2.p2.b", "subparagraph", "(b)", "art-2.p2"),
        ("art-8bis", "container", "Article 8 bis", None),
        ("art-8bis.p1", "operative", "1.", "art-8bis"),
    ]
    assert reading.round.paragraph("art-1").text == "Use of terms"
    assert reading.round.paragraph("art-2").scope is Scope.ARTICLE
    assert reading.notices == ()


@pytest.mark.parametrize("heading, key", [
    ("Artículo 4", "4"), ("Статья 4", "4"), ("المادة 4", "4"), ("第四条", "4"), ("Article 8 bis", "8bis"),
    ("Article premier", "1"),
])
def test_articles_are_recognised_in_the_six_languages(heading, key):
    text = f"# T\n\n## {heading}\n\n1. One.\n\n2. Two.\n\n## {heading.replace('4', '5').replace('四', '五')}\n\n1. One.\n"
    paragraphs = read(text).round.paragraphs
    assert paragraphs[1].id == f"art-{key}" and paragraphs[1].kind is Kind.CONTAINER
    assert [p.parent for p in paragraphs[2:4]] == [f"art-{key}"] * 2
    assert paragraphs[-1].id.endswith(".p1")


def test_a_decisions_document_with_annexes_gives_each_decision_its_preamble_and_numbering():
    text = ("# Decisions\n\n## Decision 1/CMA.3\n\nThe Conference,\n\nRecalling the Agreement,\n\n1. Decides;\n\n"
            "2. Requests;\n\n## Annex\n\n1. Guidance.\n\n## Decision 2/CMA.3\n\nThe Conference,\n\n1. Adopts.\n")
    assert shape(text) == [
        ("title", "title", None),
        ("dec-1-CMA-3", "container", None),
        ("dec-1-CMA-3.pp1", "preambular", "dec-1-CMA-3"), ("dec-1-CMA-3.pp2", "preambular", "dec-1-CMA-3"),
        ("dec-1-CMA-3.p1", "operative", "dec-1-CMA-3"), ("dec-1-CMA-3.p2", "operative", "dec-1-CMA-3"),
        ("dec-1-CMA-3.annex-1", "container", "dec-1-CMA-3"),
        ("dec-1-CMA-3.annex-1.p1", "operative", "dec-1-CMA-3.annex-1"),
        ("dec-2-CMA-3", "container", None),
        ("dec-2-CMA-3.pp1", "preambular", "dec-2-CMA-3"), ("dec-2-CMA-3.p1", "operative", "dec-2-CMA-3"),
    ]


def test_options_hold_the_paragraphs_numbered_under_them_and_no_text_options_hold_nothing():
    text = ("# T\n\n1. Decides:\n\nOption 1:\n\n1. To act now.\n\n2. To report.\n\nOption 2: No text\n\n"
            "Alt. 3: To wait.\n\n2. Requests.\n")
    assert [(p.id, p.label, p.parent, p.text) for p in read(text).round.paragraphs[1:]] == [
        ("p1", "1.", None, "Decides:"),
        ("opt-1", "Option 1:", None, ""),
        ("opt-1.p1", "1.", "opt-1", "To act now."), ("opt-1.p2", "2.", "opt-1", "To report."),
        ("opt-2", "Option 2:", None, "No text"),
        ("opt-alt3", "Alt. 3:", None, "To wait."),
        ("p2", "2.", None, "Requests."),
    ]


def test_list_items_without_blank_lines_and_nested_items_are_paragraphs_and_subparagraphs():
    text = ("# T\n\n1. Decides:\n   1. to act;\n   2. to report;\n2. Requests:\n   (a) a study;\n   (b) a plan:\n"
            "      (i) soon;\n3. Decides to remain seized.\n")
    assert [(p.id, p.kind.value, p.label, p.parent) for p in read(text).round.paragraphs[1:]] == [
        ("p1", "operative", "1.", None),
        ("p1.1", "subparagraph", "1.", "p1"), ("p1.2", "subparagraph", "2.", "p1"),
        ("p2", "operative", "2.", None),
        ("p2.a", "subparagraph", "(a)", "p2"), ("p2.b", "subparagraph", "(b)", "p2"),
        ("p2.b.i", "subparagraph", "(i)", "p2.b"),
        ("p3", "operative", "3.", None),
    ]


PREAMBLES = {
    "en": ("The General Assembly,", "Recalling its resolution 70/1,", "Reaffirming its commitment,", "1. Decides to act."),
    "fr": ("L'Assemblée générale,", "Rappelant sa résolution 70/1,", "Réaffirmant son engagement,", "1. Décide d'agir."),
    "es": ("La Asamblea General,", "Recordando su resolución 70/1,", "Reafirmando su compromiso,", "1. Decide actuar."),
    "ru": ("Генеральная Ассамблея,", "ссылаясь на свою резолюцию 70/1,", "Подтверждая свою приверженность,",
           "1. постановляет действовать."),
    "ar": ("إن الجمعية العامة،", "إذ تشير إلى قرارها 70/1،", "وإذ تؤكد من جديد التزامها،", "1 - تقرر أن تعمل."),
    "zh": ("大会，", "回顾其第70/1号决议，", "重申其承诺，", "1. 决定采取行动。"),
}


@pytest.mark.parametrize("language", sorted(PREAMBLES))
@pytest.mark.parametrize("markdown", [True, False])
@pytest.mark.parametrize("separator", ["\n\n", "\n"])
def test_comma_ended_preambular_paragraphs_stay_apart_in_the_six_languages_without_italics(language, markdown, separator):
    lines = PREAMBLES[language]
    round_ = read(("# Title" if markdown else "Title") + "\n\n" + separator.join(lines) + "\n", markdown).round
    assert [p.kind.value for p in round_.paragraphs[1:]] == ["preambular"] * 3 + ["operative"]


def test_a_paragraph_cut_by_a_page_break_is_rejoined_only_on_evidence():
    text = ("Title of the resolution\n\nThe General Assembly,\n\nRecalling its resolution 70/1 on the work of the United\n\n"
            "24-04527 (E)\n\nNations Development Programme,\n\nReaffirming its commitment to\n\ncontinue,\n\n1. Decides.\n")
    texts = [p.text for p in read(text, markdown=False).round.paragraphs if p.kind is Kind.PREAMBULAR]
    assert texts == ["The General Assembly,",
                     "Recalling its resolution 70/1 on the work of the United Nations Development Programme,",
                     "Reaffirming its commitment to continue,"]


def test_front_matter_with_keys_drafttool_does_not_know_is_a_notice_and_its_title_is_the_title():
    text = ("---\nlayout: page\ntitle: \"Draft outcome\"\npermalink: /draft/\ntags:\n  - ocean\n---\n\n{:toc}\n\n"
            "[source]: https://example.org/draft.pdf\n\nThe General Assembly,\n\nRecalling,\n\n1. Decides.\n")
    reading = read(text, path="site.md")
    assert [(p.kind.value, p.text) for p in reading.round.paragraphs] == [
        ("title", "Draft outcome"), ("preambular", "The General Assembly,"), ("preambular", "Recalling,"),
        ("operative", "Decides.")]
    assert [str(n) for n in reading.notices] == [
        "site.md:2: warning: front matter key(s) drafttool does not use left out: layout, permalink, tags, - ocean",
        "site.md: warning: left out 2 line(s) of website furniture ({:toc} markers, link definitions) (lines 9, 11)"]


def test_consecutive_footnote_definitions_are_two_footnotes():
    round_ = read("# T\n\n1. Decides[^1] and[^2].\n\n[^1]: First note.\n[^2]: Second note.\n").round
    assert [(f.id, f.text) for f in round_.footnotes] == [("fn-1", "First note."), ("fn-2", "Second note.")]


def test_a_footnote_defined_three_times_names_the_input_file_and_line():
    reading = read("# T\n\n1. Decides[^1].\n\n[^1]: One.\n\n[^1]: Two.\n\n[^1]: Three.\n", path="in.md")
    assert [f.id for f in reading.round.footnotes] == ["fn-1", "fn-1-2", "fn-1-3"]
    assert "in.md:7: warning: footnote 1 is defined again (first on line 5): references go to the first; this body " \
           "is kept as footnote fn-1-2" in [str(n) for n in reading.notices]


def test_a_paragraph_starting_with_a_star_exports_and_imports_as_a_paragraph():
    round_ = Round("R", (Paragraph("title", "T", Kind.TITLE), Paragraph("pp1", "\\*Marked paragraph.", Kind.PREAMBULAR),
                         Paragraph("p1", "Decides.", label="1.")), language="en")
    again = read(render_round_markdown(round_)).round
    assert again.paragraphs == round_.paragraphs and again.footnotes == ()


def test_paragraph_numbers_of_five_digits_are_labels():
    round_ = read("# T\n\n9999. Nine.\n\n10000. Ten.\n\n123456. Big.\n").round
    assert [(p.id, p.label) for p in round_.paragraphs[1:]] == [("p9999", "9999."), ("p10000", "10000."),
                                                               ("p123456", "123456.")]


@pytest.mark.parametrize("name, expected", [
    ("Art. 2.2", "art-2.p2"), ("Article 2, paragraph 2", "art-2.p2"), ("2.2", "art-2.p2"),
    ("Art. 2.2 (a)", "art-2.p2.a"), ("2.2 (b)", "art-2.p2.b"), ("Artículo 2.1", "art-2.p1"),
    ("Статья 2, пункт 1", "art-2.p1"), ("PP1", "pp2"), ("Article 8 bis, paragraph 1", "art-8bis.p1"),
    ("art-1.p2", "art-1.p2"), ("Article 1", "art-1"),
])
def test_a_place_named_as_negotiators_do_resolves_to_one_paragraph(name, expected):
    assert resolve(read(AGREEMENT).round, name).id == expected


def test_a_label_that_repeats_in_every_article_lists_the_candidates_with_their_ids():
    with pytest.raises(NotFoundError) as error:
        resolve(read(AGREEMENT).round, "1")
    assert str(error.value) == (
        "'1' names 3 paragraphs of round '': art-1.p1 (Article 1, 1.), art-2.p1 (Article 2., 1.), "
        "art-8bis.p1 (Article 8 bis, 1.); give the id or the Article ('Art. 4.2')")


def test_op_and_pp_name_operative_and_preambular_paragraphs_in_a_resolution():
    round_ = read("# T\n\nThe General Assembly,\n\nRecalling,\n\nNoting,\n\n1. Decides;\n\n(a) to act;\n\n5. Ends.\n").round
    # "The General Assembly," opens the preamble and is not counted: PP2 is the third preambular record
    assert [resolve(round_, name).id for name in ("PP2", "OP5", "OP1", "1 (a)", "5")] == ["pp3", "p5", "p1", "p1.a", "p5"]


def _cpu_seconds(work) -> float:
    """The better of two runs in CPU time: the machines are shared, wall time says little."""
    times = []
    for _ in range(2):
        started = time.process_time()
        work()
        times.append(time.process_time() - started)
    return min(times)


def test_forty_thousand_paragraphs_with_the_same_label_are_read_in_linear_time():
    text = "# T\n\n" + "\n\n".join("5. Same." for _ in range(40_000)) + "\n"
    assert _cpu_seconds(lambda: read(text, path="same.md")) <= 2.0
    reading = read(text, path="same.md")
    assert reading.round.paragraphs[-1].id == "p5-40000"
    assert [str(n) for n in reading.notices[-2:]] == [
        "same.md: warning: and 39,979 more paragraphs whose labels appear again, each given an id of its own",
        "same.md: warning: and 39,979 more places where the numbering skips or repeats"]


def test_fifty_thousand_footnote_bodies_are_read_in_linear_time():
    text = "# T\n\n1. Decides[^1].\n\n" + "\n\n".join(f"[^{n}]: Note {n}." for n in range(1, 50_001)) + "\n"
    assert _cpu_seconds(lambda: read(text)) <= 2.0
    assert len(read(text).round.footnotes) == 50_000


def test_an_agreement_imports_shows_ids_takes_proposals_by_article_and_exports_compiles_and_diffs(runner, tmp_path):
    from drafttool.cli import main

    def run(*args):
        return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)

    document = tmp_path / "agreement.md"
    document.write_text(AGREEMENT, encoding="utf-8")
    store = tmp_path / "neg"
    assert run("init", store, "--language", "en").exit_code == 0
    assert run("import", store, document, "--label", "Zero draft").exit_code == 0
    shown = run("show", store).output.split("\n")
    assert "Article 1 Use of terms" in shown
    assert "1. \"Party\" means a State;  {art-1.p1}" in shown
    proposed = run("propose", store, "--by", "EU", "--para", "Art. 2.2 (a)", "--replace", "exchange", "--with", "share")
    assert proposed.exit_code == 0, proposed.output
    refused = run("propose", store, "--by", "EU", "--para", "1", "--delete", "Party")
    assert refused.exit_code == 2
    assert "'1' names 3 paragraphs of round 'Zero draft': art-1.p1 (Article 1, 1.)" in refused.output
    exported = tmp_path / "again.md"
    assert run("export", store, "--format", "md", "-o", exported).exit_code == 0
    assert read(exported.read_text(encoding="utf-8")).round.paragraphs == \
        __import__("drafttool.store", fromlist=["load_store"]).load_store(store).rounds[0].paragraphs
    compiled = run("compile", store, "-o", tmp_path / "compiled.html")
    assert compiled.exit_code == 0, compiled.output
    assert "share" in (tmp_path / "compiled.html").read_text(encoding="utf-8")
    revised = tmp_path / "rev1.md"
    revised.write_text(AGREEMENT.replace("consult.", "consult regularly."), encoding="utf-8")
    diffed = run("diff", document, revised)
    assert diffed.exit_code in (0, 1) and "regularly" in diffed.output


def test_check_reports_a_round_imported_with_warnings_counted_with_the_first_few(runner, tmp_path):
    from drafttool.cli import main

    document = tmp_path / "draft.md"
    document.write_text("# T\n\n1. One.\n\n2. Two.\n\n3. Three.\n\n5. Five.\n\n7. Seven.\n\n9. Nine.\n\n11. Eleven.\n", encoding="utf-8")
    store = tmp_path / "neg"
    runner.invoke(main, ["init", str(store)], catch_exceptions=False)
    runner.invoke(main, ["import", str(store), str(document), "--label", "Zero draft"], catch_exceptions=False)
    result = runner.invoke(main, ["check", str(store)], catch_exceptions=False)
    assert result.exit_code == 0  # the reader's warnings are worth knowing, not failures of the store
    assert result.output == (
        f"{store}/rounds/001-zero-draft.jsonl:1: notice: round 'Zero draft' was imported with 4 warning(s) from "
        "draft.md: line 9: numbering goes from '3.' to '5.'; line 11: numbering goes from '5.' to '7.'; line 13: "
        "numbering goes from '7.' to '9.'; and 1 more\nno problems; 1 notice(s)\n")


def test_bullet_items_without_blank_lines_are_subparagraphs_of_the_numbered_paragraph_above():
    text = "# T\n\nThe General Assembly,\n\n1. Decides to consider:\n- the report;\n- the budget;\n\n2. Requests.\n"
    assert [(p.id, p.kind.value, p.label, p.parent, p.text) for p in read(text).round.paragraphs[1:]] == [
        ("pp1", "preambular", "", None, "The General Assembly,"),
        ("p1", "operative", "1.", None, "Decides to consider:"),
        ("p1.bullet1", "subparagraph", "-", "p1", "the report;"),
        ("p1.bullet2", "subparagraph", "-", "p1", "the budget;"),
        ("p2", "operative", "2.", None, "Requests."),
    ]


BULLETS_TEXT = """Protection of the ocean

The General Assembly,

1. Decides that the report shall cover:

• the state of the ocean;

• the measures taken;

2. Requests the Secretary-General:

(a) To report on:
    – capacity-building;
    – the transfer of technology;

(b) To consult the Parties.

3. Decides to remain seized of the matter.
"""


def test_bullets_in_text_are_subparagraphs_of_their_paragraph_or_of_the_item_they_are_indented_under():
    for markdown in (False, True):
        reading = read_markdown(BULLETS_TEXT.encode(), path="b.txt", markdown=markdown)
        assert [(p.id, p.label, p.parent, p.level) for p in reading.round.paragraphs if p.parent] == [
            ("p1.bullet1", "•", "p1", 1), ("p1.bullet2", "•", "p1", 1),
            ("p2.a", "(a)", "p2", 1), ("p2.a.bullet1", "–", "p2.a", 2), ("p2.a.bullet2", "–", "p2.a", 2),
            ("p2.b", "(b)", "p2", 1),
        ], markdown
    round_ = read_markdown(BULLETS_TEXT, path="b.md").round
    assert read_markdown(render_round_markdown(round_), path="c.md").round == round_


def test_a_paragraph_that_starts_with_a_bullet_but_has_no_paragraph_above_keeps_its_bullet_in_its_text():
    assert [p.text for p in read("# T\n\n• The General Assembly,\n\n1. Decides.\n").round.paragraphs[1:]] == [
        "• The General Assembly,", "Decides."]


def test_a_continuation_after_a_page_break_that_starts_with_united_nations_is_rejoined():
    text = ("Title of the resolution\n\nThe General Assembly,\n\nRecalling the report of the Secretary-General "
            "on the\n\n24-04527 (E)\n\nUnited Nations Development Programme,\n\n1. Decides.\n")
    assert [p.text for p in read(text, markdown=False).round.paragraphs if p.kind is Kind.PREAMBULAR] == [
        "The General Assembly,",
        "Recalling the report of the Secretary-General on the United Nations Development Programme,"]


def test_options_that_hold_versions_of_one_paragraph_end_where_the_numbering_goes_on():
    text = ("# T\n\n4. Notes the report;\n\nOption 1:\n\n5. Decides to act now;\n\nOption 2:\n\n"
            "5. Decides to act later;\n\n6. Requests a report.\n\nOption 1:\n\n7. Invites States;\n\n"
            "Option 2: No text\n\n8. Decides to remain seized.\n")
    reading = read(text)
    assert [(p.id, p.parent) for p in reading.round.paragraphs[1:]] == [
        ("p4", None), ("opt-1", None), ("opt-1.p5", "opt-1"), ("opt-2", None), ("opt-2.p5", "opt-2"),
        ("p6", None), ("opt-1-2", None), ("opt-1-2.p7", "opt-1-2"), ("opt-2-2", None), ("p8", None)]
    assert reading.notices == ()
