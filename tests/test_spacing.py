"""Spaces at the edges of accepted proposals: next round, compilation text and redline
never join or split words other than as proposed, in the six UN languages."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from drafttool.model import Negotiation, Proposal, ProposalOp, ProposalStatus, Round
from drafttool.negotiate.compilation import compile_round
from drafttool.negotiate.anchors import locate, make_anchor, text_of
from drafttool.negotiate.proposals import apply_proposals
from drafttool.text import markup
from drafttool.text.spacing import edit_text, splice

from strategies import PUNCTUATION, WORDS, rounds

CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
TOKEN = re.compile(rf"[{CJK}]|(?:(?![{CJK}])\w)+|[^\w\s]")
"""A word (each Chinese character one), or a mark: what a reader counts, spaces aside."""


def joined(before: str, removed: str, inserted: str, after: str, language: str = "") -> str:
    found = splice(before, removed, inserted, after, language)
    return before[:found.keep_before] + found.inserted + after[found.skip_after:]


@pytest.mark.parametrize(("before", "removed", "inserted", "after", "language", "expected"), [
    # Seen in real use: an insertion typed without spaces, in English and in Arabic.
    ("We decide to", "", "and simplify", " ensure progress.", "en", "We decide to and simplify ensure progress."),
    ("يرحب", "", "مع التقدير", " بالتقرير.", "ar", "يرحب مع التقدير بالتقرير."),
    # Chinese is written without spaces, also next to its punctuation.
    ("我们", "", "坚决", "重申，", "zh", "我们坚决重申，"),
    ("我们重申", "承诺", "", "，", "zh", "我们重申，"),
    # Punctuation stays with its word; a deletion takes the space it leaves behind.
    ("reliable data", " and of its coverage", "", ".", "en", "reliable data."),
    ("reliable data ", "and of its coverage", "", ".", "en", "reliable data."),
    ("our ", "strong", "", " commitment", "en", "our commitment"),
    ("the report", "", ", and its annex", " and welcome", "en", "the report, and its annex and welcome"),
    ("(", "", "including", "data)", "en", "(including data)"),
    ("¿", "", "cómo", "se aplica?", "es", "¿cómo se aplica?"),
    ("«", "", "новые", "права»", "ru", "«новые права»"),
    # French: the no-break space before ; : ! ? is kept, and written where it is missing.
    ("nous décidons", "", "encore", "\u202f;", "fr", "nous décidons encore\u202f;"),
    ("nous décidons", "", "encore", ";", "fr", "nous décidons encore\u00a0;"),
    ("«\u00a0", "", "nouveaux", "droits\u00a0»", "fr", "«\u00a0nouveaux droits\u00a0»"),
    # The edges of a paragraph.
    ("", "", "Also", "we decide", "en", "Also we decide"),
    ("we decide", "", "also", "", "en", "we decide also"),
    ("", "Also ", "", "we decide", "en", "we decide"),
    # An edit inside a word changes only the word.
    ("Vintage", "s", "r", "", "en", "Vintager"),
    ("commitment", "s", "", " to", "en", "commitment to"),
    # A hyphen keeps whatever space the text had; a dash deleted between two words leaves a space.
    ("Secretary-", "", "General", "", "en", "Secretary-General"),
    ("Nos. 970", "–", "", "973.", "en", "Nos. 970 973."),
])
def test_edits_join_their_neighbours_as_the_script_is_written(before, removed, inserted, after, language, expected):
    assert joined(before, removed, inserted, after, language) == expected


def test_a_footnote_reference_at_an_insertion_point_is_shown_once_in_the_compilation():
    from drafttool.model import Paragraph

    text = "nous[^fn-1] nous[^fn-1]."
    round_ = Round("Zero", paragraphs=(Paragraph("p1", text, label="1."),), language="fr")
    proposal = Proposal("eu-1", "Zero", ProposalOp.INSERT, ("EU",), "p1", make_anchor(text, 4, 4), "nous")
    pieces = compile_round(Negotiation("t", language="fr", rounds=(round_,), proposals=(proposal,))).paragraphs[0].pieces
    assert [(p.kind, p.text) for p in pieces] == [
        ("text", "nous"), ("insert", " nous"), ("text", "[^fn-1] nous[^fn-1].")]
    assert "".join(p.text for p in pieces if p.kind != "delete") == apply_proposals(
        round_, [proposal], label="Rev.1").round.paragraphs[0].text


def test_an_insertion_keeps_its_footnote_reference_and_formatting_in_place():
    assert edit_text("We decide[^fn-2] to *act*.", 9, 9, "firmly") == "We decide firmly[^fn-2] to *act*."
    assert edit_text("We *decide* to act.", 9, 9, "*firmly*") == "We *decide* *firmly* to act."
    assert edit_text("the world[^fn-2] drug problem", 4, 9, "global") == "the global[^fn-2] drug problem"


def test_words_inserted_where_two_formats_meet_keep_each_format_in_chinese():
    # The strings joined would read '我*我**我*我。': bold opened at '**' to the end.
    assert edit_text("我*我*", 2, 2, "*我*我。", "zh") == "我*我我*我。"
    assert edit_text("*我*我。", 0, 0, "我*我*", "zh") == "我*我我*我。"
    assert edit_text("**我**我", 1, 1, "**你**", "zh") == "**我你**我"


# ---------------------------------------------------------------------------- the property

def tokens(text: str) -> tuple[list[str], list[tuple[str, int]]]:
    """The words and marks of marked-up text, and each footnote reference with the number
    of words and marks before it."""
    plain, refs = "", []
    for run in markup.parse(text):
        if run.footnote is not None:
            refs.append((run.footnote, plain))
        else:
            plain += run.text
    return TOKEN.findall(plain), [(ref, len(TOKEN.findall(before))) for ref, before in refs]


def expected_tokens(text: str, start: int, end: int, new: str) -> tuple[list[str], list[tuple[str, int]]]:
    """The words of a text with plain [start, end) replaced by `new`, counted apart so that
    nothing can join them; references inside the span go, those at its edges stay (after
    the words of an insertion)."""
    plain = markup.plain(text)
    head, middle, tail = TOKEN.findall(plain[:start]), TOKEN.findall(markup.plain(new)), TOKEN.findall(plain[end:])
    refs = []
    position = 0
    for run in markup.parse(text):
        if run.footnote is None:
            position += len(run.text)
            continue
        if position < start or (position == start and (end > start or start == 0)):
            refs.append((run.footnote, len(TOKEN.findall(plain[:position]))))
        elif position > end or (position == end and (end > start or start > 0)):
            refs.append((run.footnote, len(head) + len(middle) + len(TOKEN.findall(plain[end:position]))))
    return head + middle + tail, refs


@st.composite
def accepted_proposals(draw):
    """A round in one of the six languages and one proposal on it, its edges on word
    boundaries: the start or end of a paragraph, next to punctuation, a footnote
    reference or a format."""
    round_ = draw(rounds())
    targets = [p.id for p in round_.paragraphs if markup.plain(p.text).strip()] + [f.id for f in round_.footnotes]
    target = draw(st.sampled_from(targets))
    text = text_of(round_, target)
    assert text is not None
    plain = markup.plain(text)
    spans = [match.span() for match in TOKEN.finditer(plain)]
    op = draw(st.sampled_from([ProposalOp.INSERT, ProposalOp.DELETE, ProposalOp.REPLACE]))
    if op is ProposalOp.INSERT:
        start = end = draw(st.sampled_from(sorted({0, len(plain), *(s for s, _ in spans), *(e for _, e in spans)})))
    else:
        first = draw(st.integers(0, len(spans) - 1))
        last = draw(st.integers(first, min(len(spans) - 1, first + 4)))
        start, end = spans[first][0], spans[last][1]
    language = round_.language
    separator = "" if language == "zh" else " "
    words = separator.join(draw(st.lists(st.sampled_from(WORDS[language]), min_size=1, max_size=3)))
    lead = draw(st.sampled_from(["", "", separator, PUNCTUATION[language][0] + separator]))
    trail = draw(st.sampled_from(["", "", separator]))
    new = "" if op is ProposalOp.DELETE else markup.escape(lead + words + trail)
    anchor = make_anchor(text, start, end)
    assume(locate(text, anchor) == (start, end))
    proposal = Proposal("eu-1", round_.label, op, ("EU",), target, anchor, new)
    return round_, proposal, (start, end)


def new_text(round_: Round, target: str) -> str:
    found = text_of(round_, target)
    assert found is not None
    return found


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(accepted_proposals())
def test_an_accepted_proposal_changes_the_words_it_names_and_no_others(case):
    round_, proposal, (start, end) = case
    text = new_text(round_, proposal.paragraph)
    expected = expected_tokens(text, start, end, proposal.text)
    # The next round; a paragraph left with no words and no references is deleted.
    amended = apply_proposals(round_, [proposal], label="Rev.9").round
    gone = expected == ([], []) and proposal.paragraph in {p.id for p in round_.paragraphs}
    assert text_of(amended, proposal.paragraph) is None if gone else tokens(new_text(amended, proposal.paragraph)) == expected
    # The compilation text: its accepted reading is the next round's words, and its
    # reading with the proposal rejected is the text as it stands, space for space.
    negotiation = Negotiation("t", language=round_.language, rounds=(round_,), proposals=(proposal,))
    compilation = compile_round(negotiation)
    compiled = [c.pieces for c in compilation.paragraphs if c.paragraph.id == proposal.paragraph]
    compiled += [c.pieces for c in compilation.footnotes if c.footnote.id == proposal.paragraph]
    pieces = compiled[0]
    accepted = "".join(piece.text for piece in pieces if piece.kind != "delete")
    rejected = "".join(piece.text for piece in pieces if piece.kind != "insert")
    assert tokens(accepted) == expected
    assert markup.plain(rejected) == markup.plain(text)
    assert tokens(rejected) == tokens(text)  # each footnote reference shown once, where it stands
    if proposal.op is not ProposalOp.INSERT and not gone:
        # Space for space too, except where an insertion would take away a space of the
        # text as it stands (', and' typed after a space): the compilation only adds.
        assert markup.plain(accepted) == markup.plain(new_text(amended, proposal.paragraph))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(accepted_proposals())
def test_the_redline_of_a_next_round_accepted_in_full_gives_its_words(case):
    from drafttool.compare.diff import compare_rounds
    from drafttool.readers import TrackedChanges
    from drafttool.readers.docx import read_docx
    from drafttool.renderers.docx import render_tracked_docx

    round_, proposal, (start, end) = case
    amended = apply_proposals(round_, [proposal], label="Rev.9").round
    assume(proposal.paragraph in {p.id for p in round_.paragraphs})
    data = render_tracked_docx(compare_rounds(round_, amended), round_, amended)
    accepted = read_docx(data, path="redline.docx", tracked_changes=TrackedChanges.ACCEPT).round
    before = [p for p in round_.paragraphs].index(round_.paragraph(proposal.paragraph))  # type: ignore[arg-type]
    expected, references = expected_tokens(round_.paragraph(proposal.paragraph).text, start, end, proposal.text)  # type: ignore[union-attr]
    found = [tokens(p.text)[0] for p in accepted.paragraphs]
    if expected or references:
        assert expected in found, (before, expected)
    else:
        assert len(found) == len(round_.paragraphs) - 1, before  # the paragraph is deleted


def test_a_paragraph_whose_every_word_is_deleted_is_deleted_in_the_next_round_and_its_redline():
    from drafttool.compare.diff import compare_rounds
    from drafttool.model import ChangeOp, Paragraph
    from drafttool.readers import TrackedChanges
    from drafttool.readers.docx import read_docx
    from drafttool.renderers.docx import render_tracked_docx

    round_ = Round("Zero", paragraphs=(Paragraph("p1", "Nous décidons.", label="1."), Paragraph("p2", "*Aussi*", label="2."),
                                       Paragraph("p3", "Enfin.", label="3.")), language="fr")
    proposal = Proposal("eu-1", "Zero", ProposalOp.DELETE, ("EU",), "p2", make_anchor("*Aussi*", 0, 5))
    amended = apply_proposals(round_, [proposal], label="Rev.1").round
    assert [(p.id, p.label, p.text) for p in amended.paragraphs] == [("p1", "1.", "Nous décidons."), ("p3", "2.", "Enfin.")]
    comparison = compare_rounds(round_, amended)
    assert [c.op for c in comparison.changes] == [ChangeOp.UNCHANGED, ChangeOp.DELETED, ChangeOp.RENUMBERED]
    data = render_tracked_docx(comparison, round_, amended)
    accepted = read_docx(data, path="redline.docx", tracked_changes=TrackedChanges.ACCEPT).round
    rejected = read_docx(data, path="redline.docx", tracked_changes=TrackedChanges.REJECT).round
    assert [markup.plain(p.text) for p in accepted.paragraphs] == ["Nous décidons.", "Enfin."]
    assert [markup.plain(p.text) for p in rejected.paragraphs] == ["Nous décidons.", "Aussi", "Enfin."]


def test_the_subparagraphs_of_a_chapeau_whose_every_word_is_deleted_stay_in_the_next_round():
    from drafttool.model import Kind, Paragraph
    from drafttool.store import round_problems

    round_ = Round("Zero", language="en", paragraphs=(
        Paragraph("p1", "Decides:", label="1."),
        Paragraph("p1a", "to act;", kind=Kind.SUBPARAGRAPH, label="(a)", parent="p1", level=1),
        Paragraph("p1b", "to report.", kind=Kind.SUBPARAGRAPH, label="(b)", parent="p1", level=1)))
    proposal = Proposal("eu-1", "Zero", ProposalOp.DELETE, ("EU",), "p1", make_anchor("Decides:", 0, 8))
    amended = apply_proposals(round_, [proposal], label="Rev.1").round
    assert [(p.id, p.text, p.parent) for p in amended.paragraphs] == [("p1a", "to act;", None), ("p1b", "to report.", None)]
    assert round_problems(amended) == []


def test_an_insertion_typed_without_spaces_is_spaced_in_the_compilation():
    round_ = Round("Zero", paragraphs=(), language="en")
    from drafttool.model import Paragraph

    round_ = replace(round_, paragraphs=(Paragraph("p1", "We decide to ensure progress.", label="1."),))
    proposal = Proposal("eu-1", "Zero", ProposalOp.INSERT, ("EU",), "p1", make_anchor(round_.paragraphs[0].text, 12, 12),
                        "and simplify", status=ProposalStatus.PENDING)
    compilation = compile_round(Negotiation("t", language="en", rounds=(round_,), proposals=(proposal,)))
    assert [(p.kind, p.text) for p in compilation.paragraphs[0].pieces] == [
        ("text", "We decide to"), ("insert", " and simplify"), ("text", " ensure progress."),
    ]


@pytest.mark.parametrize(("language", "text", "after", "insert", "expected"), [
    ("en", "1. We decide to ensure progress.", "to", "and simplify", "We decide to and simplify ensure progress."),
    ("ar", "1. يرحب بالتقرير.", "يرحب", "مع التقدير", "يرحب مع التقدير بالتقرير."),
])
def test_the_next_round_spaces_an_accepted_insertion(tmp_path, runner, language, text, after, insert, expected):
    from drafttool.cli import main
    from drafttool.store import load_store

    store = tmp_path / "s"
    source = tmp_path / "zero.md"
    source.write_text(text + "\n", encoding="utf-8")
    assert runner.invoke(main, ["init", str(store)]).exit_code == 0
    assert runner.invoke(main, ["import", str(store), str(source), "--label", "Zero", "--language", language]).exit_code == 0
    result = runner.invoke(main, ["propose", str(store), "--by", "EU", "--para", "1", "--insert", insert,
                                  "--after-words", after])
    assert result.exit_code == 0, result.output
    proposal = load_store(store).proposals[0].id
    assert runner.invoke(main, ["accept", str(store), proposal]).exit_code == 0
    result = runner.invoke(main, ["next-round", str(store), "--label", "Rev.1"])
    assert result.exit_code == 0, result.output
    assert load_store(store).round("Rev.1").paragraphs[0].text == expected


def test_a_deletion_that_would_join_two_words_leaves_a_space_in_the_compilation():
    from drafttool.model import Paragraph

    round_ = Round("Zero", paragraphs=(Paragraph("p1", "Nos. 970–973.", label="1."),), language="en")
    proposal = Proposal("eu-1", "Zero", ProposalOp.DELETE, ("EU",), "p1", make_anchor("Nos. 970–973.", 8, 9))
    pieces = compile_round(Negotiation("t", language="en", rounds=(round_,), proposals=(proposal,))).paragraphs[0].pieces
    assert [(p.kind, p.text, p.ends_proposal) for p in pieces] == [
        ("text", "Nos. 970", False), ("delete", "–", True), ("insert", " ", False), ("text", "973.", False)]


def test_a_footnote_reference_after_deleted_words_stays_in_the_compilation_as_in_the_next_round():
    from drafttool.model import Anchor, Footnote, Kind, Paragraph

    round_ = Round("Zero draft", (Paragraph("p1", "nous[^fn-1] nous[^fn-1].", Kind.OPERATIVE, "1."),),
                   footnotes=(Footnote("fn-1", "Note.", "1"),), language="fr")
    proposal = Proposal("eu-1", "Zero draft", ProposalOp.DELETE, ("EU",), "p1", Anchor("nous", "", " nous."))
    assert apply_proposals(round_, [proposal], label="Rev.9").round.paragraphs[0].text == "[^fn-1]nous[^fn-1]."
    pieces = compile_round(Negotiation("t", language="fr", rounds=(round_,), proposals=(proposal,))).paragraphs[0].pieces
    assert [(piece.kind.value, piece.text) for piece in pieces] == [
        ("delete", "nous"), ("text", "[^fn-1]"), ("delete", " "), ("text", "nous[^fn-1].")]


def test_words_replaced_before_a_footnote_reference_keep_it_after_them_in_the_compilation_as_in_the_next_round():
    # The French space before ':' is the text's own, past the reference: it is left as it
    # stands, and the new words stay before the reference in both readings.
    from drafttool.model import Anchor, Footnote, Kind, Paragraph

    round_ = Round("Zero draft", (Paragraph("p1", "nous[^fn-1] : nous.", Kind.OPERATIVE, "1."),),
                   footnotes=(Footnote("fn-1", "Note.", "1"),), language="fr")
    proposal = Proposal("eu-1", "Zero draft", ProposalOp.REPLACE, ("EU",), "p1", Anchor("nous", "", " : nous."),
                        "vous")
    assert apply_proposals(round_, [proposal], label="Rev.9").round.paragraphs[0].text == "vous[^fn-1] : nous."
    pieces = compile_round(Negotiation("t", language="fr", rounds=(round_,), proposals=(proposal,))).paragraphs[0].pieces
    assert [(piece.kind.value, piece.text) for piece in pieces] == [
        ("delete", "nous"), ("insert", "vous"), ("text", "[^fn-1] : nous.")]
