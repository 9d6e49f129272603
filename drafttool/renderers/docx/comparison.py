"""The comparison of two rounds as a Word file to read: static formatting, not revisions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from lxml.etree import _Element

from drafttool.collector import collector_paused
from drafttool.model import ChangeOp, Comparison, Kind, ParagraphChange, Round
from drafttool.renderers.docx.package import make, make_paragraph, make_run
from drafttool.renderers.docx.runs import Static, by_text, label_indent, static_package
from drafttool.renderers.docx.masthead import masthead_elements
from drafttool.renderers.masthead import round_date, round_symbol
from drafttool.renderers.words import LEGEND_NOTES, move_in, phrase_language, place_in, status_words, words_of
from drafttool.shown import ShownChange, ShownComparison, Span, SpanKind, name_of, show_comparison
from drafttool.text import languages, markup


def _spans_runs(static: Static, spans: Sequence[Span]) -> list[_Element]:
    """Spans as runs: kept words plain, deleted words struck, inserted words bold and
    underlined, a removed or added paragraph break as a struck or added '¶', the
    proposers in their character style."""
    out: list[_Element] = []
    for span in spans:
        kind = span.kind
        if kind is SpanKind.PROPOSERS:
            out.append(static.words(by_text(span.by), style="Proposers"))
        elif kind in _BREAKS:
            out.append(make_run("¶", static.fmt(markup.Run("¶"), _BREAKS[kind])))
        else:
            out.extend(static.runs(list(span.runs), _KINDS[kind]))
    return out


_BREAKS = {SpanKind.BREAK_INSERTED: "insert", SpanKind.BREAK_DELETED: "delete"}
_KINDS = {SpanKind.KEPT: "text", SpanKind.INSERTED: "insert", SpanKind.DELETED: "delete"}


def render_comparison_docx(comparison: Comparison, old: Round, new: Round) -> bytes:
    """The comparison of two rounds as a Word file to read (static formatting, not
    revisions): the new round's masthead, a title with both rounds, a summary of counts,
    then each change — its op, its place in both rounds, where a moved paragraph came from,
    the words struck and added with their proposers — runs of unchanged paragraphs
    summarised, the footnotes changed, and last a table of the numbers that changed."""
    with collector_paused():
        return _render_comparison(show_comparison(comparison, old, new))


def _render_comparison(shown: ShownComparison) -> bytes:
    comparison, old, new = shown.comparison, shown.old, shown.new
    language = (new.language or old.language).split("-")[0].lower()
    static = Static(language, rtl=languages.is_rtl(language), east_asian=language == "zh",
                     labels={f.id: f.label for f in (*old.footnotes, *new.footnotes)})
    body: list[_Element] = []

    def line(text: str, style: str = "", **run: bool) -> _Element:
        element = static.paragraph(style)
        element.append(static.words(text, **run))  # type: ignore[arg-type]
        body.append(element)
        return element

    body.extend(masthead_elements(static, new))
    words = words_of(language)
    line(words["comparison"].format(old=comparison.old_label, new=comparison.new_label), "Title")
    dates = " → ".join(round_date(r) for r in (old, new) if r.date)
    symbols = " → ".join(dict.fromkeys(symbol for symbol in (round_symbol(old), round_symbol(new)) if symbol))
    if dates or symbols:
        line(" · ".join(x for x in (symbols, dates) if x), italic=True)
    symbol = round_symbol(new) or round_symbol(old)
    colon = words["colon"]

    def counted(found: Counter[str]) -> str:
        return words["list"].join(words["count"].format(n=found[op.value], what=words[f"op-{op.value}"])
                                  for op in ChangeOp if found[op.value])
    line(words["summary-label"] + colon + (counted(Counter(c.op.value for c in comparison.changes)) or "—"))
    if comparison.footnotes:
        line(words["footnotes-title"] + colon + counted(Counter(c.op.value for c in comparison.footnotes)))
    legend = static.paragraph()
    sample = next((code for change in shown.changes for code in change.by), "")
    legend.extend([static.words(LEGEND_NOTES[phrase_language(language)]["title"] + colon),
                   make_run(words["legend-inserted"], static.fmt(markup.Run(""), "insert")),
                   static.words(words["list"]), make_run(words["legend-deleted"], static.fmt(markup.Run(""), "delete")),
                   static.words(words["list"] + words["legend-proposers"]),
                   *([static.words(" " + words["open"] + sample + words["close"], style="Proposers")] if sample else [])])
    body.append(legend)

    line(words["changes-label"], "Heading1")
    quiet: list[ParagraphChange] = []

    def flush() -> None:
        if not quiet:
            return
        renumbered = sum(1 for c in quiet if c.op is ChangeOp.RENUMBERED)
        labelled = [c for c in quiet if c.new and c.new[0].label]
        span = ""
        if labelled:
            first, last = labelled[0], labelled[-1]

            def shown(c: ParagraphChange) -> str:
                before, after = c.old[0].label, c.new[0].label
                return f"{before} → {after}" if before != after else after
            span = f" {words['open']}{shown(first)}" + (f" … {shown(last)}" if last is not first else "") + \
                words["close"]
        if renumbered:
            folded = words["fold-mixed"].format(n=len(quiet), r=renumbered)
        else:
            folded = (words["fold-unchanged"] if len(quiet) != 1 else words["fold-unchanged-one"]).format(n=len(quiet))
        line(folded + span, "SummaryLine", italic=True)
        quiet.clear()

    for shown_change in shown.changes:
        change = shown_change.change
        if shown_change.quiet:
            quiet.append(change)
            continue
        flush()
        header = static.paragraph("ChangeHeading", keep_next=True)
        header.append(static.words(f"[{words[f'op-{change.op.value}']}] ", bold=True))
        header.append(static.words(place_in(_place_of(shown_change), language), bold=True))
        if shown_change.move:
            header.append(static.words(f" — {move_in(shown_change.move, language)}", italic=True))
        elif shown_change.moved:
            where = "at the start" if shown_change.moved_from_start else f"after {shown_change.moved_from}"
            to = "to the start" if shown_change.moved_to_start else f"after {shown_change.moved_to}"
            header.append(static.words(f" — moved from {where}, now {to}", italic=True))
        if shown_change.status_changed:
            old_status, new_status = (status_words(p[0].status, language) for p in (change.old, change.new))
            header.append(static.words(" — " + words["status-change"].format(old=old_status, new=new_status),
                                       italic=True))
        if shown_change.by:
            header.append(static.words(by_text(shown_change.by), style="Proposers"))
        body.append(header)
        for shown_paragraph in shown_change.inline():
            paragraph = shown_paragraph.paragraph
            label = paragraph.label if paragraph is not None else ""
            element = static.paragraph(indent=label_indent(paragraph.kind, paragraph.level, label) if paragraph else
                                       label_indent(Kind.TEXT, 0))
            if label:
                element.append(static.words(label + "\t"))
            body.append(static.fill(element, _spans_runs(static, shown_paragraph.spans)))
    flush()
    changed_notes = [shown_note for shown_note in shown.footnotes if shown_note.change.op is not ChangeOp.UNCHANGED]
    if changed_notes:
        line(words["footnotes-title"], "Heading1")
        for shown_note in changed_notes:
            note = shown_note.change
            before = note.old.label if note.old else ""
            after = note.new.label if note.new else ""
            numbers = f"{before} → {after}" if before and after and before != after else after or before
            element = static.paragraph()
            element.append(static.words(f"[{words[f'op-{note.op.value}']}] {numbers}\t", bold=True))
            body.append(static.fill(element, _spans_runs(static, shown_note.spans())))
    renumbered = [change for change in comparison.changes if change.op is not ChangeOp.UNCHANGED and (
        any(p.label for p in change.old) or any(p.label for p in change.new))]
    if renumbered:
        # The numbers after the changes, and only the rows that changed: a reader wants the
        # changes first, and 'b) b) unchanged' seventy times tells nothing.
        line(words["numbers-title"].format(n=len(renumbered)), "Heading1")
        body.append(_numbers_table(static, comparison, renumbered, words))
    head = f"{comparison.old_label} → {comparison.new_label}"
    return static_package(body, static, title=head, subject=symbol,
                          head=f"{round_symbol(new)} · {head}" if round_symbol(new) else head)


def _place_of(shown: ShownChange) -> str:
    """A change named by its place in both rounds ('Art. 4 ¶ 2 → Art. 7 ¶ 3', 'OP 5 → OP 6',
    '18 (a)'); by its labels, or its first words, where the comparison names no place."""
    if shown.place:
        return shown.place
    change = shown.change
    old_labels = ", ".join(p.label for p in change.old if p.label)
    new_labels = ", ".join(p.label for p in change.new if p.label)
    if old_labels and new_labels and old_labels != new_labels:
        return f"{old_labels} → {new_labels}"
    return new_labels or old_labels or name_of((change.new or change.old)[0])


def _numbers_table(static: Static, comparison: Comparison, changes: Sequence[ParagraphChange],
                   words: dict[str, str]) -> _Element:
    """A table of the old and new number of each labelled paragraph that changed, and what
    became of it."""
    table = make("w:tbl")
    properties = make("w:tblPr")
    properties.append(make("w:tblW", {"w:w": "0", "w:type": "auto"}))
    borders = make("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(make(f"w:{side}", {"w:val": "single", "w:sz": "4", "w:space": "0", "w:color": "A6A6A6"}))
    properties.append(borders)
    table.append(properties)
    grid = make("w:tblGrid")
    for width in (1700, 1700, 2600):
        grid.append(make("w:gridCol", {"w:w": str(width)}))
    table.append(grid)

    def row(cells: tuple[str, str, str], header: bool = False) -> None:
        element = make("w:tr")
        if header:
            trpr = make("w:trPr")
            trpr.append(make("w:tblHeader"))
            element.append(trpr)
        for text in cells:
            cell = make("w:tc")
            paragraph = make_paragraph(bidi=static.rtl)
            if text:
                paragraph.append(static.words(text, bold=header))
            cell.append(paragraph)
            element.append(cell)
        table.append(element)

    row((comparison.old_label, comparison.new_label, words["change-column"]), header=True)
    for change in changes:
        before = ", ".join(p.label for p in change.old if p.label)
        after = ", ".join(p.label for p in change.new if p.label)
        if before or after:
            moved = f" {words['open']}{words['op-moved']}{words['close']}" if change.moved and \
                change.op is not ChangeOp.MOVED else ""
            row((before or "—", after or "—", words[f"op-{change.op.value}"] + moved))
    return table
