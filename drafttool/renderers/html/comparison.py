"""The comparison of two rounds as one self-contained HTML page.

The comparison is turned into small view values the template loops over: one
`ChangeView` per paragraph change (op, old and new labels, where a moved paragraph came
from, status change, proposers) holding `Block`s, the paragraphs as shown; word changes
become `<ins>`/`<del>` followed by the proposers in `<bdi>`; runs of unchanged
paragraphs are folded (`Fold`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from markupsafe import Markup

from drafttool.collector import collector_paused
from drafttool.model import CHAIR, ChangeOp, Comparison, Kind, Round, SegmentKind
from drafttool.renderers.html.environment import render_template
from drafttool.renderers.html.markup import Notes, clean, escape_text, marked_html, runs_html
from drafttool.renderers.html.page import (
    BY_SEPARATOR, Block, Language, PageWords, block_of, date_of, label_of, language_of, masthead_html, name_of, text_dir,
    title_of,
)
from drafttool.renderers.words import WORDS, move_in, names_text, place_in, status_words, words_of
from drafttool.shown import (
    QUIET, ShownChange, ShownComparison, ShownFootnote, ShownParagraph, Span, SpanKind, show_comparison,
)


View = Literal["inline", "side-by-side"]


@dataclass(frozen=True, slots=True)
class ChangeView:
    """One paragraph change as the templates show it."""

    number: int
    op: str
    old_labels: str
    new_labels: str
    moved_from: str
    """For a moved paragraph: the paragraph it followed in the old round ('9.'), or ''."""
    moved_to: str
    """For a moved paragraph: the paragraph it follows in the new round."""
    moved_to_start: bool
    moved_from_start: bool
    moved: bool
    edited: bool
    typographic_only: bool
    status_old: str
    status_new: str
    by: tuple[str, ...]
    blocks: tuple[Block, ...]
    """The paragraphs in the inline view (the new ones; the old for a deletion)."""
    old_blocks: tuple[Block, ...]
    new_blocks: tuple[Block, ...]
    arrow: str = "→"
    place: str = ""
    """Its place in both rounds in the text's language ('Art. 4 ¶ 2 → Art. 7 ¶ 3',
    '18 (a)', 'par. 5'); its labels where the comparison names no place."""
    move: str = ""
    """A move of its own, in one numbering and in words ('moved from after OP 25 (now OP
    26) to after OP 30')."""
    op_words: str = ""
    """The op in the text's language ('modifié')."""
    status_only: bool = False
    """Only its status changed: folded away with a count unless the reader asks for them."""

    @property
    def anchor(self) -> str:
        return f"c-{self.number}"

    @property
    def data_by(self) -> str:
        return BY_SEPARATOR.join(self.by)

    @property
    def labels(self) -> str:
        """'18.', or '18. → 19.' when renumbered; '' when neither round labels it."""
        if self.old_labels and self.new_labels and self.old_labels != self.new_labels:
            return f"{self.old_labels} {self.arrow} {self.new_labels}"
        return self.new_labels or self.old_labels

    @property
    def status_changed(self) -> bool:
        return self.status_old != self.status_new

    @property
    def quiet(self) -> bool:
        """Unchanged or renumbered only: folded away with its neighbours."""
        return self.op in (ChangeOp.UNCHANGED.value, ChangeOp.RENUMBERED.value) and not self.status_changed

    @property
    def heading(self) -> str:
        """What the change head names it by: its place, else its labels."""
        return self.place or self.labels

    @property
    def classes(self) -> str:
        names = ["change", f"op-{self.op}"]
        if self.status_only:
            names.append("status-only")
        if self.typographic_only:
            names.append("typographic-only")
        if self.moved:
            names.append("is-moved")
        return " ".join(names)


@dataclass(frozen=True, slots=True)
class Fold:
    """A run of unchanged or renumbered paragraphs, shown folded."""

    changes: tuple[ChangeView, ...]
    hidden: int = 0
    """Unchanged paragraphs left out (`show_unchanged=False`)."""
    words: dict[str, str] | None = None
    """The page's words (`renderers.words.WORDS`)."""

    @property
    def status_only(self) -> tuple[ChangeView, ...]:
        """Members whose status alone changed: shown as changes after the fold when the
        reader asks for them."""
        return tuple(c for c in self.changes if c.status_only)

    @property
    def summary(self) -> str:
        """'3 unchanged paragraphs', '2 paragraphs renumbered' … in the page's language."""
        words = self.words or WORDS["en"]
        n, renumbered = len(self.changes), self.renumbered
        if renumbered == 0:
            text = words["fold-unchanged-one"] if n == 1 else words["fold-unchanged"].format(n=n)
        elif renumbered == n:
            text = words["fold-renumbered-one"] if n == 1 else words["fold-renumbered"].format(n=n)
        else:
            text = words["fold-mixed"].format(n=n, r=renumbered)
        if self.status_only:
            text += f" ({words['fold-status'].format(n=len(self.status_only))})"
        return text

    @property
    def count(self) -> int:
        return len(self.changes) + self.hidden

    @property
    def renumbered(self) -> int:
        return sum(1 for c in self.changes if c.op == ChangeOp.RENUMBERED.value)

    @property
    def range(self) -> str:
        """'5. … 9.', or '2. → 3. … 3. → 4.' for renumbered ones; '' when unlabelled."""
        labelled = [c.heading for c in self.changes if c.heading]
        if not labelled:
            return ""
        return labelled[0] if len(labelled) == 1 else f"{labelled[0]} … {labelled[-1]}"


@dataclass(frozen=True, slots=True)
class FootnoteView:
    op: str
    anchor: str
    old_number: str
    new_number: str
    typographic_only: bool
    by: tuple[str, ...]
    html: Markup
    arrow: str = "→"
    op_words: str = ""
    dir: str = "ltr"
    """The note's own direction: a note that is only a symbol ('A/HRC/57/48.') reads left to
    right in a right-to-left page."""

    @property
    def numbers(self) -> str:
        if self.old_number and self.new_number and self.old_number != self.new_number:
            return f"{self.old_number} {self.arrow} {self.new_number}"
        return self.new_number or self.old_number

    @property
    def data_by(self) -> str:
        return BY_SEPARATOR.join(self.by)


def code_html(code: str) -> str:
    """A delegation code isolated: 'EGY' keeps its place among Arabic words."""
    return f"<bdi>{escape_text(code)}</bdi>"


def _by_html(span: Span, language: Language) -> str:
    """The proposers after a change, '(EU, CANZ)', isolated so that it reads the same in
    a right-to-left text, in the language's punctuation ('(EU، CANZ)'); how they were
    found ('matched', 'partial'…) in a tooltip."""
    how = f' title="{escape_text(span.attribution.value)}"' if span.attribution else ""
    words = words_of(language.code)
    if language.rtl:
        names = names_text(span.by, language.code, code_html)
        return (f'<bdi class="by" dir="rtl" data-by="{escape_text(BY_SEPARATOR.join(span.by))}"{how}>'
                f'{words["open"]}{names}{words["close"]}</bdi>')
    return (f'<bdi class="by" data-by="{escape_text(BY_SEPARATOR.join(span.by))}"{how}>'
            f'{words["open"]}{escape_text(names_text(span.by, language.code))}{words["close"]}</bdi>')


def _span_open(span: Span, tag: str) -> str:
    attributes = ' class="typo"' if span.typographic else ""
    if span.by:
        attributes += f' data-by="{escape_text(BY_SEPARATOR.join(span.by))}"'
    if span.proposal:
        attributes += f' data-proposal="{escape_text(span.proposal)}"'
    if span.attribution:
        attributes += f' data-attribution="{escape_text(span.attribution.value)}"'
    return f"<{tag}{attributes}>"


_SPACE_SIGNS = {" ": "␣", "\u00a0": "⍽", "\u202f": "⍽", "\t": "⇥"}


def _spaces_html(spaces: str) -> str:
    """Spaces alone inserted or deleted (a no-break space for a plain one, typically) as
    visible signs, each named in a tooltip: '⍽' for a no-break space, '␣' for a space."""
    signs = "".join(_SPACE_SIGNS.get(char, "␣") for char in spaces)
    names = " ".join(f"U+{ord(char):04X}" for char in spaces)
    return f'<span class="space" title="{names}">{signs}</span>'


def _span_html(span: Span, notes: Notes, labels: dict[str, str], deleted_labels: dict[str, str],
               language: Language) -> str:
    """One span as HTML: kept words plain (marked where their format changed), inserted
    and deleted words in `<ins>`/`<del>`, a break as '¶', the proposers in `<bdi>`."""
    kind = span.kind
    words = words_of(language.code)
    if kind is SpanKind.PROPOSERS:
        return _by_html(span, language)
    if kind is SpanKind.BREAK_DELETED:
        return f'<del class="pbreak" title="{escape_text(words["break-removed"])}">¶</del>'
    if kind is SpanKind.BREAK_INSERTED:
        return f'<ins class="pbreak" title="{escape_text(words["break-added"])}">¶</ins>'
    html = runs_html(span.runs, notes, deleted_labels if kind is SpanKind.DELETED else labels)
    if kind is SpanKind.KEPT:
        return (f'<span class="fmt" title="{escape_text(words["format-changed"])}">{html}</span>'
                if span.format_changed else html)
    tag = "del" if kind is SpanKind.DELETED else "ins"
    if span.spaces_only:
        html = _spaces_html("".join(run.text for run in span.runs))
    return f"{_span_open(span, tag)}{html}</{tag}>"


def _blocks(shown: Sequence[ShownParagraph], notes: Notes, labels: dict[str, str],
            deleted_labels: dict[str, str], language: Language) -> tuple[Block, ...]:
    out: list[Block] = []
    for paragraph in shown:
        html = "".join(_span_html(span, notes, labels, deleted_labels, language) for span in paragraph.spans)
        out.append(block_of(paragraph.paragraph, html, language.code) if paragraph.paragraph is not None else
                   Block("", Kind.TEXT.value, 0, Markup(html)))
    return tuple(out)


def _change_view(shown: ShownChange, view: View, notes: Notes, old_notes: dict[str, str],
                 new_notes: dict[str, str], language: Language) -> ChangeView:
    change = shown.change
    code = language.code
    quiet = shown.quiet
    blocks: tuple[Block, ...] = ()
    old_blocks: tuple[Block, ...] = ()
    new_blocks: tuple[Block, ...] = ()
    if shown.plain:
        # No word changed (unchanged, renumbered, moved as it was): most paragraphs of a
        # long text, so each is rendered from its own text.
        if change.new:
            new_blocks = tuple(block_of(p, marked_html(p.text, notes, new_notes), code) for p in change.new)
        if change.old and (view != "inline" or not change.new) and not quiet:
            old_blocks = tuple(block_of(p, marked_html(p.text, notes, old_notes), code) for p in change.old)
        if view == "inline" or quiet:
            blocks = new_blocks or old_blocks
            new_blocks = old_blocks = ()
    elif view == "inline":
        blocks = _blocks(shown.inline(), notes, new_notes, old_notes, language)
    else:
        if change.old:
            old_blocks = _blocks(shown.old_side(), notes, old_notes, old_notes, language)
        if change.new:
            new_blocks = _blocks(shown.new_side(), notes, new_notes, old_notes, language)
    words = words_of(code)
    status_old = status_new = ""
    if shown.status_changed:
        status_old, status_new = (status_words(p[0].status, code) for p in (change.old, change.new))
    move = ""
    if shown.moved:
        move = move_in(change.move, code) if change.move else " ".join((
            words["from-after"].format(place=shown.moved_from) if not shown.moved_from_start else words["from-start"],
            words["to-after"].format(place=shown.moved_to) if not shown.moved_to_start else words["to-start"]))
    return ChangeView(
        number=shown.number, op=change.op.value,
        old_labels=", ".join(label_of(p, code) for p in change.old if p.label),
        new_labels=", ".join(label_of(p, code) for p in change.new if p.label),
        moved_from=clean(shown.moved_from), moved_to=clean(shown.moved_to),
        moved_from_start=shown.moved_from_start, moved_to_start=shown.moved_to_start,
        moved=change.moved, edited=change.edited, typographic_only=change.typographic_only,
        status_old=clean(status_old), status_new=clean(status_new), by=tuple(clean(c) for c in shown.by),
        blocks=blocks, old_blocks=old_blocks, new_blocks=new_blocks, arrow=language.arrow,
        place=clean(place_in(shown.place, code)), move=clean(move), op_words=words[f"op-{change.op.value}"],
        status_only=shown.status_changed and change.op in QUIET and not change.edited,
    )


def _footnote_view(shown: ShownFootnote, notes: Notes, old_notes: dict[str, str],
                   new_notes: dict[str, str], language: Language) -> FootnoteView:
    change = shown.change
    footnote = change.new or change.old
    assert footnote is not None
    html = "".join(_span_html(span, notes, new_notes, old_notes, language) for span in shown.spans())
    return FootnoteView(
        op=change.op.value, anchor=Notes.anchor(clean(footnote.id)),
        old_number=clean(change.old.label) if change.old else "",
        new_number=clean(change.new.label) if change.new else "",
        typographic_only=change.typographic_only, by=tuple(clean(c) for c in shown.by),
        html=Markup(html), arrow=language.arrow, op_words=words_of(language.code)[f"op-{change.op.value}"],
        dir=text_dir(footnote.text, language),
    )


def _group(views: Iterable[ChangeView], hidden_unchanged: set[int], words: dict[str, str]) -> list[ChangeView | Fold]:
    """Changes in order, runs of unchanged or renumbered paragraphs folded, those whose
    status alone changed among them (a text adopted after a round of agreement changes
    the status of most of its paragraphs: they would drown its few edits)."""
    items: list[ChangeView | Fold] = []
    run: list[ChangeView] = []
    hidden = 0

    def flush() -> None:
        nonlocal hidden
        if run or hidden:
            items.append(Fold(tuple(run), hidden, words))
        run.clear()
        hidden = 0

    for view in views:
        if view.number in hidden_unchanged:
            hidden += 1
        elif view.quiet or view.status_only:
            run.append(view)
        else:
            flush()
            items.append(view)
    flush()
    return items


def _status_only_summary(views: Sequence[ChangeView], words: dict[str, str]) -> str:
    """'48 paragraphs changed status only: open → agreed', each change of status counted
    where there are several; '' when none."""
    if not views:
        return ""
    changes = Counter((view.status_old, view.status_new) for view in views)
    arrow = words["arrow"]
    if len(changes) == 1:
        change = " ".join((views[0].status_old, arrow, views[0].status_new))
    else:
        change = words["list"].join(f"{old} {arrow} {new} {words['open']}{n}{words['close']}"
                                    for (old, new), n in changes.most_common())
    if len(views) == 1:
        return words["status-only-one"].format(change=change)
    return words["status-only"].format(n=len(views), change=change)


def render_comparison_html(comparison: Comparison, old: Round, new: Round, *, view: View = "inline",
                           title: str | None = None, show_unchanged: bool = True,
                           templates: str | Path | None = None) -> str:
    """The comparison of two rounds as one self-contained HTML page.

    `view` is "inline" (one column, words struck and added in place) or "side-by-side"
    (the old paragraph beside the new one); `show_unchanged=False` leaves unchanged
    paragraphs out (they are folded otherwise); `templates` is a folder of the user's
    templates searched before ours.
    """
    if view not in ("inline", "side-by-side"):
        raise ValueError(f"view must be 'inline' or 'side-by-side', not {view!r}")
    with collector_paused():
        return _render_comparison(show_comparison(comparison, old, new), view, title, show_unchanged, templates)


def _render_comparison(shown: ShownComparison, view: View, title: str | None, show_unchanged: bool,
                       templates: str | Path | None) -> str:
    comparison, old, new = shown.comparison, shown.old, shown.new
    language = language_of(new, old)
    notes = Notes(new, old)
    old_notes = {f.id: f.label or f.id for f in old.footnotes}
    new_notes = {f.id: f.label or f.id for f in new.footnotes}
    views: list[ChangeView] = []
    hidden: set[int] = set()
    counts: Counter[str] = Counter()
    delegations: dict[str, None] = {}
    for shown_change in shown.changes:
        number, change = shown_change.number, shown_change.change
        counts[change.op.value] += 1
        if change.op is ChangeOp.UNCHANGED and not show_unchanged and not shown_change.status_changed:
            hidden.add(number)
            views.append(ChangeView(number, change.op.value, "", "", "", "", False, False, False, False, False,
                                    "", "", (), (), (), ()))
            continue
        change_view = _change_view(shown_change, view, notes, old_notes, new_notes, language)
        delegations.update(dict.fromkeys(change_view.by))
        views.append(change_view)
    footnotes = [_footnote_view(note, notes, old_notes, new_notes, language) for note in shown.footnotes
                 if show_unchanged or note.change.op is not ChangeOp.UNCHANGED]
    for footnote in footnotes:
        delegations.update(dict.fromkeys(footnote.by))
    footnote_counts: Counter[str] = Counter(f.op for f in footnotes)
    all_segments = [c.segments for c in comparison.changes] + [f.segments for f in comparison.footnotes]
    typographic = sum(1 for segments in all_segments
                      if any(s.typographic and s.kind is not SegmentKind.EQUAL for s in segments))
    code = language.code
    words = words_of(code)
    op_words = {op: words[f"op-{op.value}"] for op in ChangeOp}
    pairs = [
        (", ".join(label_of(p, code) or name_of(p) for p in change.old),
         ", ".join(label_of(p, code) or name_of(p) for p in change.new),
         change.op.value, op_words[change.op], f"c-{number}", number not in hidden)
        for number, change in enumerate(comparison.changes, 1)
    ]
    # the legend's example of proposers is a delegation of this comparison (the chair only
    # where no delegation proposed anything), never a code that may take no part in it
    samples = sorted((clean(code) for code in delegations if code != CHAIR), key=str.casefold) or [
        names_text((CHAIR,), code)] * bool(delegations)
    page_words = PageWords.of(code)
    page_title = clean(title) if title is not None else (
        title_of(new) or f"{clean(comparison.old_label)} → {clean(comparison.new_label)}")
    return render_template(
        "comparison.html", templates,
        title=page_title,
        language=language,
        view=view,
        comparison_labels=(clean(comparison.old_label), clean(comparison.new_label)),
        dates=(date_of(old), date_of(new)),
        masthead=masthead_html(new, notes),
        items=_group(views, hidden, words),
        counts=[(op.value, words["count"].format(n=counts[op.value], what=words[f"op-{op.value}"]))
                for op in ChangeOp if counts[op.value]],
        footnote_counts=[(op.value, (words["footnote-count-one"] if footnote_counts[op.value] == 1 else
                                     words["footnote-count"]).format(n=footnote_counts[op.value],
                                                                     op=words[f"op-{op.value}"]))
                         for op in ChangeOp if footnote_counts[op.value] and op is not ChangeOp.UNCHANGED],
        status_only=_status_only_summary([v for v in views if v.status_only], words),
        sample=samples[0] if samples else "",
        w=page_words,
        comparison_line=page_words.phrase(
            "comparison", old=page_words.round_name(clean(comparison.old_label), date_of(old), "round-old"),
            new=page_words.round_name(clean(comparison.new_label), date_of(new), "round-new")),
        filter_words={"language": page_words.language.code, "dir": page_words.language.dir,
                      "filter": words["filter-changes"], "all": words["all-delegations"], "shown_count": words["shown"]},
        footnotes=footnotes,
        changed_footnotes=sum(1 for f in footnotes if f.op != ChangeOp.UNCHANGED.value),
        numbers=pairs,
        delegations=sorted((clean(code) for code in delegations), key=str.casefold),
        typographic=typographic,
        show_unchanged=show_unchanged,
    )
