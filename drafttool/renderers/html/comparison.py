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
from drafttool.model import (
    ChangeOp, Comparison, FootnoteChange, Kind, Paragraph, ParagraphChange, Round, Segment, SegmentKind,
)
from drafttool.renderers.html.environment import render_template
from drafttool.renderers.html.markup import Bit, Notes, clean, cut, escape_text, join_bits, marked_html, runs_html
from drafttool.renderers.html.page import (
    BY_SEPARATOR, Block, block_of, label_of, language_of, masthead_html, name_of, title_of,
)


View = Literal["inline", "side-by-side"]
EQUAL, DELETE, INSERT = SegmentKind.EQUAL, SegmentKind.DELETE, SegmentKind.INSERT
QUIET = (ChangeOp.UNCHANGED, ChangeOp.RENUMBERED)
"""Changes folded away in runs: no word changed and the paragraph kept its place."""


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
    def classes(self) -> str:
        names = ["change", f"op-{self.op}"]
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

    @property
    def count(self) -> int:
        return len(self.changes) + self.hidden

    @property
    def renumbered(self) -> int:
        return sum(1 for c in self.changes if c.op == ChangeOp.RENUMBERED.value)

    @property
    def range(self) -> str:
        """'5. … 9.', or '2. → 3. … 3. → 4.' for renumbered ones; '' when unlabelled."""
        labelled = [c.labels for c in self.changes if c.labels]
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

    @property
    def numbers(self) -> str:
        if self.old_number and self.new_number and self.old_number != self.new_number:
            return f"{self.old_number} {self.arrow} {self.new_number}"
        return self.new_number or self.old_number

    @property
    def data_by(self) -> str:
        return BY_SEPARATOR.join(self.by)


def _by_html(segment: Segment) -> str:
    """The proposers after a change, '(EU, CANZ)', isolated so that it reads the same in
    a right-to-left text; how they were found ('matched', 'partial'…) in a tooltip."""
    how = f' title="{escape_text(segment.attribution)}"' if segment.attribution else ""
    return (f'<bdi class="by" data-by="{escape_text(BY_SEPARATOR.join(segment.by))}"{how}>'
            f'({escape_text(", ".join(segment.by))})</bdi>')


def _segment_open(segment: Segment, tag: str) -> str:
    attributes = ' class="typo"' if segment.typographic else ""
    if segment.by:
        attributes += f' data-by="{escape_text(BY_SEPARATOR.join(segment.by))}"'
    if segment.proposal:
        attributes += f' data-proposal="{escape_text(segment.proposal)}"'
    if segment.attribution:
        attributes += f' data-attribution="{escape_text(segment.attribution)}"'
    return f"<{tag}{attributes}>"


_SPACE_SIGNS = {" ": "␣", "\u00a0": "⍽", "\u202f": "⍽", "\t": "⇥"}


def _spaces_html(spaces: str) -> str:
    """Spaces alone inserted or deleted (a no-break space for a plain one, typically) as
    visible signs, each named in a tooltip: '⍽' for a no-break space, '␣' for a space."""
    signs = "".join(_SPACE_SIGNS.get(char, "␣") for char in spaces)
    names = " ".join(f"U+{ord(char):04X}" for char in spaces)
    return f'<span class="space" title="{names}">{signs}</span>'


_PILCROW = {DELETE: '<del class="pbreak" title="paragraph break removed">¶</del>',
            INSERT: '<ins class="pbreak" title="paragraph break added">¶</ins>'}


def _formats(bits: list[Bit]) -> list[tuple[str, bool, bool, str | None]]:
    return [(run.text, run.italic, run.bold, run.footnote) for run in join_bits(bits)]


def _cuts(segments: Sequence[Segment]) -> tuple[list[list[Bit]], list[list[Bit]]]:
    """For each segment, its bits in the old text (kept and deleted segments) and in the
    new text (kept and inserted), each text scanned whole."""
    olds: list[list[Bit]] = [[] for _ in segments]
    news: list[list[Bit]] = [[] for _ in segments]
    for side, skip in ((olds, INSERT), (news, DELETE)):
        indexes = [i for i, s in enumerate(segments) if s.kind is not skip]
        texts = [segments[i].text for i in indexes]
        for i, bits in zip(indexes, cut("".join(texts), texts)):
            side[i] = bits
    return olds, news


def _lines(bits: list[Bit]) -> list[list[Bit]]:
    """Bits cut at each '\\n' (a paragraph break in splits and merges)."""
    parts: list[list[Bit]] = [[]]
    for bit in bits:
        if bit.footnote is None and "\n" in bit.text:
            for number, line in enumerate(bit.text.split("\n")):
                if number:
                    parts.append([])
                if line:
                    parts[-1].append(Bit(bit.start, line, bit.italic, bit.bold))
        else:
            parts[-1].append(bit)
    return parts


def _blocks(segments: Sequence[Segment], olds: list[list[Bit]], news: list[list[Bit]], side: SegmentKind,
            shown: frozenset[SegmentKind], frame: Sequence[Paragraph], notes: Notes,
            labels: dict[str, str], deleted_labels: dict[str, str], *, inline: bool) -> tuple[Block, ...]:
    """The paragraphs of `frame`, the old paragraphs (`side` DELETE) or the new (INSERT),
    with the segments of the kinds `shown` in them.

    Deleted segments take their bits from the old text (`olds`), inserted ones from the
    new (`news`), kept ones from the side's text.  A '\\n' kept or of the side's kind
    starts the next paragraph of the frame; a '\\n' of the other kind is a struck or added
    ¶.  The proposers follow each change; `inline`, after a deletion that an insertion by
    the same proposers replaces only once, after the insertion; and kept words whose
    format changed (italic lost or gained) are marked, since the markers are not shown.
    """
    kept = [i for i, s in enumerate(segments) if s.kind in shown]
    blocks: list[list[str]] = [[]]
    for position, index in enumerate(kept):
        segment = segments[index]
        kind = segment.kind
        if kind is EQUAL:
            bits = olds[index] if side is DELETE else news[index]
        else:
            bits = olds[index] if kind is DELETE else news[index]
        names = deleted_labels if kind is DELETE else labels
        visible = False
        for number, part in enumerate(_lines(bits)):
            if number:
                if kind is not EQUAL:
                    blocks[-1].append(_PILCROW[kind])
                if kind is EQUAL or kind is side:
                    blocks.append([])
            html = runs_html(part, notes, names)
            if not html:
                continue
            visible = True
            if kind is not EQUAL:
                tag = "del" if kind is DELETE else "ins"
                if part and all(bit.footnote is None and bit.text.isspace() for bit in part):
                    html = _spaces_html("".join(bit.text for bit in part))
                html = f"{_segment_open(segment, tag)}{html}</{tag}>"
            elif inline and _formats(olds[index]) != _formats(news[index]):
                html = f'<span class="fmt" title="format changed">{html}</span>'
            blocks[-1].append(html)
        if segment.by and kind is not EQUAL and visible:
            following = segments[kept[position + 1]] if position + 1 < len(kept) else None
            replaced = (kind is DELETE and following is not None and following.kind is INSERT
                        and following.by == segment.by and bool(following.text.strip("*")))
            if not (inline and replaced):
                blocks[-1].append(_by_html(segment))
    htmls = ["".join(parts) for parts in blocks]
    htmls += [""] * (len(frame) - len(htmls))
    out = [block_of(paragraph, html) for paragraph, html in zip(frame, htmls)]
    for extra in htmls[len(frame):]:  # more breaks than paragraphs: never from our diff
        out.append(Block("", Kind.TEXT.value, 0, Markup(extra)))
    return tuple(out)


def _change_view(number: int, change: ParagraphChange, view: View, notes: Notes, old_notes: dict[str, str],
                 new_notes: dict[str, str], old_place: dict[str, int], new_place: dict[str, int],
                 old: Round, new: Round, arrow: str) -> ChangeView:
    by: list[str] = []
    for segment in change.segments:
        if segment.kind is not EQUAL:
            by += [code for code in segment.by if code not in by]
    status_old = status_new = ""
    if change.old and change.new and change.old[0].status != change.new[0].status:
        status_old, status_new = change.old[0].status.label, change.new[0].status.label
    quiet = change.op in QUIET and status_old == status_new
    blocks: tuple[Block, ...] = ()
    old_blocks: tuple[Block, ...] = ()
    new_blocks: tuple[Block, ...] = ()
    if all(segment.kind is EQUAL for segment in change.segments):
        # No word changed (unchanged, renumbered, moved as it was): most paragraphs of a
        # long text, so each is rendered from its own text, without cutting segments.
        if change.new:
            new_blocks = tuple(block_of(p, marked_html(p.text, notes, new_notes)) for p in change.new)
        if change.old and (view != "inline" or not change.new) and not quiet:
            old_blocks = tuple(block_of(p, marked_html(p.text, notes, old_notes)) for p in change.old)
        if view == "inline" or quiet:
            blocks = new_blocks or old_blocks
            new_blocks = old_blocks = ()
    elif view == "inline":
        olds, news = _cuts(change.segments)
        frame, side = (change.new, INSERT) if change.new else (change.old, DELETE)
        blocks = _blocks(change.segments, olds, news, side, frozenset(SegmentKind), frame, notes,
                         new_notes, old_notes, inline=True)
    else:
        olds, news = _cuts(change.segments)
        if change.old:
            old_blocks = _blocks(change.segments, olds, news, DELETE, frozenset({EQUAL, DELETE}), change.old,
                                 notes, old_notes, old_notes, inline=False)
        if change.new:
            new_blocks = _blocks(change.segments, olds, news, INSERT, frozenset({EQUAL, INSERT}), change.new,
                                 notes, new_notes, old_notes, inline=False)
    moved_from = moved_to = ""
    from_start = to_start = False
    if change.moved and change.old and change.new:
        i = old_place[change.old[0].id]
        j = new_place[change.new[0].id]
        from_start, to_start = i == 0, j == 0
        moved_from = name_of(old.paragraphs[i - 1]) if i else ""
        moved_to = name_of(new.paragraphs[j - 1]) if j else ""
    return ChangeView(
        number=number, op=change.op.value,
        old_labels=", ".join(label_of(p) for p in change.old if p.label),
        new_labels=", ".join(label_of(p) for p in change.new if p.label),
        moved_from=moved_from, moved_to=moved_to, moved_from_start=from_start, moved_to_start=to_start,
        moved=change.moved, edited=change.edited, typographic_only=change.typographic_only,
        status_old=clean(status_old), status_new=clean(status_new), by=tuple(clean(c) for c in by),
        blocks=blocks, old_blocks=old_blocks, new_blocks=new_blocks, arrow=arrow,
    )


def _footnote_view(change: FootnoteChange, notes: Notes, old_notes: dict[str, str],
                   new_notes: dict[str, str], arrow: str) -> FootnoteView:
    footnote = change.new or change.old
    assert footnote is not None
    paragraph = Paragraph(footnote.id, "", Kind.NOTE)
    olds, news = _cuts(change.segments)
    blocks = _blocks(change.segments, olds, news, INSERT if change.new else DELETE, frozenset(SegmentKind),
                     [paragraph], notes, new_notes, old_notes, inline=True)
    by: list[str] = []
    for segment in change.segments:
        if segment.kind is not EQUAL:
            by += [code for code in segment.by if code not in by]
    return FootnoteView(
        op=change.op.value, anchor=Notes.anchor(clean(footnote.id)),
        old_number=clean(change.old.label) if change.old else "",
        new_number=clean(change.new.label) if change.new else "",
        typographic_only=change.typographic_only, by=tuple(clean(c) for c in by),
        html=Markup("".join(b.html for b in blocks)), arrow=arrow,
    )


def _group(views: Iterable[ChangeView], hidden_unchanged: set[int]) -> list[ChangeView | Fold]:
    """Changes in order, runs of unchanged or renumbered paragraphs folded."""
    items: list[ChangeView | Fold] = []
    run: list[ChangeView] = []
    hidden = 0

    def flush() -> None:
        nonlocal hidden
        if run or hidden:
            items.append(Fold(tuple(run), hidden) if run else Fold((), hidden))
        run.clear()
        hidden = 0

    for view in views:
        if view.number in hidden_unchanged:
            hidden += 1
        elif view.quiet:
            run.append(view)
        else:
            flush()
            items.append(view)
    flush()
    return items


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
        return _render_comparison(comparison, old, new, view, title, show_unchanged, templates)


def _render_comparison(comparison: Comparison, old: Round, new: Round, view: View, title: str | None,
                       show_unchanged: bool, templates: str | Path | None) -> str:
    language = language_of(new, old)
    notes = Notes(new, old)
    old_notes = {f.id: f.label or f.id for f in old.footnotes}
    new_notes = {f.id: f.label or f.id for f in new.footnotes}
    old_place = {p.id: i for i, p in enumerate(old.paragraphs)}
    new_place = {p.id: i for i, p in enumerate(new.paragraphs)}
    views: list[ChangeView] = []
    hidden: set[int] = set()
    counts: Counter[str] = Counter()
    delegations: dict[str, None] = {}
    for number, change in enumerate(comparison.changes, 1):
        counts[change.op.value] += 1
        if change.op is ChangeOp.UNCHANGED and not show_unchanged and not (
                change.old and change.new and change.old[0].status != change.new[0].status):
            hidden.add(number)
            views.append(ChangeView(number, change.op.value, "", "", "", "", False, False, False, False, False,
                                    "", "", (), (), (), ()))
            continue
        change_view = _change_view(number, change, view, notes, old_notes, new_notes, old_place, new_place, old, new,
                                   language.arrow)
        delegations.update(dict.fromkeys(change_view.by))
        views.append(change_view)
    footnotes = [_footnote_view(change, notes, old_notes, new_notes, language.arrow) for change in comparison.footnotes
                 if show_unchanged or change.op is not ChangeOp.UNCHANGED]
    for footnote in footnotes:
        delegations.update(dict.fromkeys(footnote.by))
    footnote_counts: Counter[str] = Counter(f.op for f in footnotes)
    all_segments = [c.segments for c in comparison.changes] + [f.segments for f in comparison.footnotes]
    typographic = sum(1 for segments in all_segments
                      if any(s.typographic and s.kind is not EQUAL for s in segments))
    pairs = [
        (", ".join(label_of(p) or name_of(p) for p in change.old), ", ".join(label_of(p) or name_of(p) for p in change.new),
         change.op.value, f"c-{number}", number not in hidden)
        for number, change in enumerate(comparison.changes, 1)
    ]
    page_title = clean(title) if title is not None else (
        title_of(new) or f"{clean(comparison.old_label)} → {clean(comparison.new_label)}")
    return render_template(
        "comparison.html", templates,
        title=page_title,
        language=language,
        view=view,
        comparison_labels=(clean(comparison.old_label), clean(comparison.new_label)),
        dates=(clean(old.date), clean(new.date)),
        masthead=masthead_html(new, notes),
        items=_group(views, hidden),
        counts=[(op.value, counts[op.value]) for op in ChangeOp if counts[op.value]],
        footnote_counts=[(op.value, footnote_counts[op.value]) for op in ChangeOp if footnote_counts[op.value]],
        footnotes=footnotes,
        changed_footnotes=sum(1 for f in footnotes if f.op != ChangeOp.UNCHANGED.value),
        numbers=pairs,
        delegations=sorted((clean(code) for code in delegations), key=str.casefold),
        typographic=typographic,
        show_unchanged=show_unchanged,
    )
