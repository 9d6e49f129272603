"""The shown model: a comparison turned once into what every output shows, so that the
HTML page, the Word comparison and the terminal agree on where proposers are named and
no renderer decides it (or reads a file) itself."""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from drafttool.compare.diff import compare_rounds
from drafttool.model import (
    ChangeOp, Comparison, Kind, Masthead, Paragraph, ParagraphChange, Round, Segment, SegmentKind,
)
from drafttool.renderers.docx import render_comparison_docx, render_tracked_docx
from drafttool.renderers.html import render_comparison_html
from drafttool.renderers.terminal import render_comparison_text
from drafttool.shown import SpanKind, show_comparison
from drafttool.text import markup

from test_diff import revisions

EQUAL, DELETE, INSERT = SegmentKind.EQUAL, SegmentKind.DELETE, SegmentKind.INSERT
ROOT = Path(__file__).resolve().parent.parent


def replaced(segments: tuple[Segment, ...]) -> tuple[Comparison, Round, Round]:
    old = Round("A", (Paragraph("p1", "The cat sat.", Kind.OPERATIVE, label="1."),))
    new = Round("B", (Paragraph("p1", "The dog sat.", Kind.OPERATIVE, label="1."),))
    change = ParagraphChange(ChangeOp.EDITED, old.paragraphs, new.paragraphs, segments)
    return Comparison("A", "B", (change,)), old, new


REPLACED = (Segment(EQUAL, "The "), Segment(DELETE, "cat", by=("EU",)), Segment(INSERT, "dog", by=("EU",)),
            Segment(EQUAL, " sat."))


def word_text(data: bytes) -> str:
    with zipfile.ZipFile(BytesIO(data)) as package:
        xml = package.read("word/document.xml").decode()
    return "".join(re.findall(r"<w:(?:t|delText)[^>]*>([^<]*)<", xml))


def test_proposers_of_a_replacement_are_named_once_after_the_insertion_in_every_output() -> None:
    comparison, old, new = replaced(REPLACED)
    (paragraph,) = show_comparison(comparison, old, new).changes[0].inline()
    assert [span.kind for span in paragraph.spans] == [SpanKind.KEPT, SpanKind.DELETED, SpanKind.INSERTED,
                                                      SpanKind.PROPOSERS, SpanKind.KEPT]
    html = render_comparison_html(comparison, old, new)
    assert html.count('<bdi class="by" data-by=') == 1  # the legend's sample has no data-by
    assert "<del data-by=\"EU\">cat</del><ins data-by=\"EU\">dog</ins><bdi class=\"by\" data-by=\"EU\">(EU)</bdi>" in html
    assert "[-cat-]{+dog+} (EU) sat." in render_comparison_text(comparison, old=old, new=new)
    assert "The cat dog (EU) sat." in word_text(render_comparison_docx(comparison, old, new))


def test_proposers_of_a_deletion_are_named_where_an_insertion_by_others_follows() -> None:
    segments = (Segment(EQUAL, "The "), Segment(DELETE, "cat", by=("EU",)), Segment(INSERT, "dog", by=("G77",)),
                Segment(EQUAL, " sat."))
    comparison, old, new = replaced(segments)
    assert "[-cat-] (EU){+dog+} (G77) sat." in render_comparison_text(comparison, old=old, new=new)
    assert "The cat (EU) dog (G77) sat." in word_text(render_comparison_docx(comparison, old, new))


def test_a_deletion_replaced_by_a_paragraph_break_alone_names_its_proposers_before_the_break() -> None:
    old = Round("A", (Paragraph("p1", "One. Two.", Kind.OPERATIVE, label="1."),))
    new = Round("B", (Paragraph("p1", "One.", Kind.OPERATIVE, label="1."),
                      Paragraph("p2", "Two.", Kind.OPERATIVE, label="2.")))
    segments = (Segment(EQUAL, "One."), Segment(DELETE, " ", by=("EU",)), Segment(INSERT, "\n", by=("EU",)),
                Segment(EQUAL, "Two."))
    change = ParagraphChange(ChangeOp.SPLIT, old.paragraphs, new.paragraphs, segments)
    comparison = Comparison("A", "B", (change,))
    first, second = show_comparison(comparison, old, new).changes[0].inline()
    assert [span.kind for span in first.spans] == [SpanKind.KEPT, SpanKind.DELETED, SpanKind.PROPOSERS,
                                                  SpanKind.BREAK_INSERTED]
    assert [span.kind for span in second.spans] == [SpanKind.KEPT]
    assert "One.  (EU)¶" in word_text(render_comparison_docx(comparison, old, new))


def test_a_status_change_is_shown_only_when_its_tag_changes() -> None:
    from drafttool.model import Status, StatusValue

    before = Paragraph("p1", "Text.", Kind.OPERATIVE, label="1.", status=Status(StatusValue.AGREED, when="2024-01-01"))
    after = Paragraph("p1", "Text.", Kind.OPERATIVE, label="1.", status=Status(StatusValue.AGREED, when="2024-02-01"))
    comparison = Comparison("A", "B", (ParagraphChange(ChangeOp.UNCHANGED, (before,), (after,),
                                                       (Segment(EQUAL, "Text."),)),))
    shown = show_comparison(comparison, Round("A", (before,)), Round("B", (after,))).changes[0]
    assert (shown.status_old, shown.status_new, shown.quiet) == ("", "", True)


def test_the_masthead_is_compared_by_the_comparison_and_written_as_revisions() -> None:
    old = Round("A", (Paragraph("p1", "Text.", Kind.OPERATIVE, label="1."),), symbol="A/80/L.1",
                masthead=Masthead(organ="General Assembly"))
    new = Round("B", (Paragraph("p1", "Text.", Kind.OPERATIVE, label="1."),), symbol="A/80/L.1/Rev.1",
                masthead=Masthead(organ="General Assembly"))
    comparison = compare_rounds(old, new)
    assert [(line.field, line.old, line.new) for line in comparison.masthead] == [
        ("organ", "General Assembly", "General Assembly"), ("symbol", "A/80/L.1", "A/80/L.1/Rev.1")]
    assert any(s.kind is INSERT and "Rev.1" in s.text for s in comparison.masthead[1].segments)
    with zipfile.ZipFile(BytesIO(render_tracked_docx(comparison, old, new))) as package:
        xml = package.read("word/document.xml").decode()
    assert re.search(r"<w:ins [^>]*>.*?Rev\.1", xml)


def test_no_renderer_reads_a_file_or_runs_the_differ() -> None:
    for path in sorted((ROOT / "drafttool" / "renderers").rglob("*.py")):
        source = path.read_text()
        assert "drafttool.readers" not in source, path
        assert "WordDiffer" not in source, path


def _words(paragraph_spans, kinds) -> str:  # type: ignore[no-untyped-def]
    return "".join(run.text for span in paragraph_spans if span.kind in kinds for run in span.runs)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(revisions())
def test_each_side_shows_the_words_of_its_own_round_paragraph_by_paragraph(pair) -> None:  # type: ignore[no-untyped-def]
    old, new = pair
    shown = show_comparison(compare_rounds(old, new), old, new)
    for change in shown.changes:
        for side, kinds in ((change.old_side(), {SpanKind.KEPT, SpanKind.DELETED}),
                            (change.new_side(), {SpanKind.KEPT, SpanKind.INSERTED})):
            for paragraph in side:
                assert paragraph.paragraph is not None
                assert _words(paragraph.spans, kinds) == markup.plain(paragraph.paragraph.text)


def format_only(old_text: str, new_text: str) -> tuple[Comparison, Round, Round]:
    old = Round("A", (Paragraph("p1", old_text, label="1."),), language="en")
    new = Round("B", (Paragraph("p1", new_text, label="1."),), language="en")
    return compare_rounds(old, new), old, new


def test_words_whose_format_alone_changed_are_kept_and_marked_never_struck_and_added_again() -> None:
    comparison, old, new = format_only("We **decide** to act.", "We *decide* to act.")
    change = show_comparison(comparison, old, new).changes[0]
    for spans in ([s for p in change.inline() for s in p.spans], [s for p in change.old_side() for s in p.spans],
                  [s for p in change.new_side() for s in p.spans]):
        assert [s.kind for s in spans] == [SpanKind.KEPT] * 3
        assert [(markup.plain("".join(r.text for r in s.runs)), s.format_changed) for s in spans] == [
            ("We ", False), ("decide", True), (" to act.", False)]
    page = render_comparison_html(comparison, old, new)
    assert '<span class="fmt" title="format changed"><em>decide</em></span>' in page
    assert "<ins" not in page.split("<main>")[1] and "<del" not in page.split("<main>")[1]
    assert render_comparison_text(comparison, old=old, new=new).splitlines()[3] == "    We {~decide~} to act."


def test_format_markers_moved_alone_leave_no_empty_marker_in_any_output() -> None:
    # the differ moves one '*' out and another in: segments of markers alone, no words
    comparison, old, new = format_only("We *decide* to act now.", "We *decide to* act now.")
    assert {s.text for s in comparison.changes[0].segments if s.kind is not EQUAL} == {"*"}
    for view in ("inline", "side-by-side"):
        page = render_comparison_html(comparison, old, new, view=view)  # type: ignore[arg-type]
        assert not re.search(r"<(ins|del)[^>]*>\s*</\1>", page)
    text = render_comparison_text(comparison, old=old, new=new)
    assert text.splitlines()[3] == "    We decide {~to~} act now."
    assert not re.search(r"\{\+\s*\+\}|\[-\s*-\]", text)
