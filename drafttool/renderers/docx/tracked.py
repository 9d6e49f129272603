"""The new round as Word revisions over the old one.

The comparison is laid out as a list of output paragraphs (`marks.Out`), each ending
with a paragraph mark that is kept, inserted, deleted or moved; a '\n' in a change's
segments is such a mark (splits and merges).  The mark holds the paragraph's properties,
so the output paragraph that carries the mark of an old paragraph takes that paragraph's
properties (and, for the old round, its place in Word's numbering); removing a mark joins
a paragraph with the next, as Word does (ECMA-376 Part 1, 17.13.5.15).
"""

from __future__ import annotations

from enum import StrEnum

from lxml.etree import _Element

from drafttool.collector import collector_paused
from drafttool.model import (
    CHAIR, MASTHEAD_FIELDS, ChangeOp, Comparison, FootnoteChange, Kind, Masthead, Paragraph, ParagraphChange, Round,
    Segment,
)
from drafttool.renderers.docx.running import add_running_head
from drafttool.renderers.masthead import masthead_block, running_header
from drafttool.renderers.docx.body import write_body
from drafttool.renderers.docx.fragments import fill_placeholders, run_properties_xml, run_xml
from drafttool.renderers.docx.lists import list_templates
from drafttool.renderers.docx.marks import (
    OldLayout, Out, base_properties, decide_numbering, deletions_first, shift_marks,
)
from drafttool.renderers.docx.package import (
    CT_CORE_PROPERTIES, CT_DOCUMENT, CT_FONT_TABLE, CT_FOOTNOTES, CT_NUMBERING, CT_SETTINGS, CT_STYLES, CT_THEME,
    REL_CORE_PROPERTIES, REL_FONT_TABLE, REL_FOOTNOTES, REL_NUMBERING, REL_OFFICE_DOCUMENT, REL_SETTINGS, REL_STYLES,
    REL_THEME,
    DocxPackage, Footnotes, Numbering, RunFormat, add_text, core_properties_xml, footnote_paragraph,
    footnote_reference_run, make_document, make_run_like, properties_template, to_xml,
)
from drafttool.renderers.docx.revisions import Revisions, Stamp, word_date
from drafttool.renderers.docx.runs import DELETE_KIND, EQUAL_KIND, INSERT_KIND, Runs
from drafttool.renderers.docx.styles import masthead_style_id, settings_xml, styles_xml
from drafttool.shown import ShownSegment, show_segments
from drafttool.text import languages, markup
from drafttool.text.markup import Run
from drafttool.wordml import qn



class Moves(StrEnum):
    """How a moved paragraph is written: deleted where it was and inserted where it goes,
    or as a Word move (`w:moveFrom`/`w:moveTo` with paired move ranges)."""

    DELETE_INSERT = "delete-insert"
    REVISIONS = "revisions"


MOVES = tuple(moves.value for moves in Moves)


def _line_pairs(shown: ShownSegment) -> list[tuple[tuple[Run, ...], tuple[Run, ...]]]:
    """The runs of each line of a segment in the old and in the new round (() where the
    segment is not in that round)."""
    olds, news = shown.old_lines, shown.new_lines
    return [(olds[k] if k < len(olds) else (), news[k] if k < len(news) else ())
            for k in range(max(len(olds), len(news)))]


def _units(runs: list[markup.Run]) -> list[tuple[str, bool, bool, str | None]]:
    """Runs as characters (and footnote references), each with its format."""
    out: list[tuple[str, bool, bool, str | None]] = []
    for run in runs:
        if run.footnote is not None:
            out.append(("", run.italic, run.bold, run.footnote))
        else:
            out.extend((char, run.italic, run.bold, None) for char in run.text)
    return out


class _Tracked:
    """Builds the tracked-changes document of one comparison."""

    def __init__(self, comparison: Comparison, old: Round, new: Round, *, moves: Moves, dates: dict[str, str],
                 default_date: str, layout: OldLayout | None) -> None:
        self.comparison = comparison
        self.old = old
        self.new = new
        self.moves = moves
        self.dates = {key: word_date(value) for key, value in dates.items() if value}
        self.default_date = default_date
        self.layout = layout
        language = (new.language or old.language).split("-")[0].lower()
        self.language = language
        self.rtl = languages.is_rtl(language)
        self.note_labels = {f.id: f.label for f in (*old.footnotes, *new.footnotes)}
        self.builder = Runs(self.rtl, language == "zh", self.note_labels)
        self.plain_xml = run_properties_xml(self.builder.format(False, False))
        """The run properties of plain words, as text (`fragments`)."""
        self.properties_xml: dict[tuple[bool, bool], str] = {(False, False): self.plain_xml}
        """(bold, italic) → the run properties of words in that format, as text."""
        self.revisions = Revisions()
        self.footnotes = Footnotes()
        self.stamps: dict[tuple[str, str], Stamp] = {}
        self.chair = self.stamp((), None)
        self.old_notes = {c.old.id: c for c in comparison.footnotes if c.old is not None}
        self.new_notes = {c.new.id: c for c in comparison.footnotes if c.new is not None}
        self.format_stamp = self.chair
        self.numbered_notes: dict[int, tuple[str, str]] = {}
        """Word ids of footnotes numbered automatically so far → (old label, new label)."""
        self.shown_notes: dict[int, tuple[ShownSegment, ...]] = {}
        """id() of a footnote change → its segments as shown, made when first referred to."""

    # -- who and when

    def stamp(self, by: tuple[str, ...], proposal: str | None, fallback: tuple[str, ...] = ()) -> Stamp:
        author = ", ".join(by) if by else CHAIR
        date = self.dates.get(proposal or "") or next((self.dates[p] for p in fallback if p in self.dates),
                                                        self.default_date)
        key = (author, date)
        found = self.stamps.get(key)
        if found is None:
            found = self.stamps[key] = Stamp(author, date)
        return found

    def segment_stamp(self, segment: Segment, change: ParagraphChange | None) -> Stamp:
        if change is None:
            return self.stamp(segment.by, segment.proposal)
        return self.stamp(segment.by or change.by, segment.proposal, change.proposals)

    # -- runs

    def runs(self, runs: list[markup.Run], side: str, tag: str = "w:t", *, in_note: bool = False) -> list[_Element]:
        """`w:r`s for runs of one side ('old' or 'new'); footnote references point to the
        footnote of that side's round (inside a footnote, its mark as text)."""
        notes = self.old_notes if side == "old" else self.new_notes

        def note(run: markup.Run, fmt: RunFormat) -> _Element | None:
            change = notes.get(run.footnote or "")
            return self.reference(change, run) if change is not None else None
        return self.builder.build(runs, tag=tag, note=None if in_note else note)

    def runs_xml(self, runs: list[markup.Run], tag: str = "w:t") -> str | None:
        """`runs` as text (`fragments`), as `runs` makes them; None where one is a footnote
        reference, an element (`number_notes` numbers it in the finished document)."""
        out: list[str] = []
        for run in runs:
            if run.footnote is not None:
                return None
            if run.text:
                properties = self.properties_xml.get((run.bold, run.italic))
                if properties is None:
                    properties = self.properties_xml[run.bold, run.italic] = run_properties_xml(
                        self.builder.format(run.bold, run.italic))
                out.append(run_xml(run.text, properties, tag))
        return "".join(out)

    def reference(self, change: FootnoteChange, run: markup.Run) -> _Element:
        """A footnote reference and, in footnotes.xml, a body holding the footnote's changes
        (each reference gets its own body: Word has one reference per footnote)."""
        note = change.new or change.old
        assert note is not None
        mark = "" if not note.label or note.label.isdigit() else note.label
        body = footnote_paragraph(custom_mark=mark, bidi=self.rtl, rtl=self.rtl)
        body.extend(self.note_content(change))
        word_id = self.footnotes.add([body])
        if not mark:
            self.numbered_notes[word_id] = (change.old.label if change.old else "", change.new.label if change.new else "")
        return footnote_reference_run(word_id, custom_mark=mark, fmt=self.builder.format(run.bold, run.italic))

    def number_notes(self, body: list[_Element]) -> None:
        """Let Word number a footnote only where its automatic number (in order of reference,
        17.11.14) is the footnote's label in every view the reference is in; elsewhere the
        label becomes a custom mark, in the reference and in the body, as the clean writer does."""
        following = {"old": 1, "new": 1}
        for paragraph in body:
            for reference in paragraph.iter(_FOOTNOTE_REFERENCE):
                word_id = int(reference.get(_W_ID, "0"))
                if word_id not in self.numbered_notes:
                    continue
                old_label, new_label = self.numbered_notes[word_id]
                views = _views_of(reference)
                wanted = {"old": old_label, "new": new_label}
                if all(wanted[view] == str(following[view]) for view in views):
                    for view in views:
                        following[view] += 1
                    continue
                label = (new_label if "new" in views else old_label) or new_label or old_label
                reference.set(qn("w:customMarkFollows"), "1")
                run = reference.getparent()
                assert run is not None
                add_text(run, label, "w:delText" if views == ("old",) else "w:t")
                echo = self.footnotes.bodies[word_id][0]
                for element in echo.iter(qn("w:footnoteRef")):
                    holder = element.getparent()
                    assert holder is not None
                    holder.remove(element)
                    add_text(holder, label)

    def note_content(self, change: FootnoteChange) -> list[_Element]:
        out: list[_Element] = []
        if id(change) not in self.shown_notes:
            self.shown_notes[id(change)] = show_segments(change.segments)
        for shown in self.shown_notes[id(change)]:
            stamp = self.segment_stamp(shown.segment, None)
            for old_runs, new_runs in _line_pairs(shown):  # a footnote is one paragraph
                if shown.kind is EQUAL_KIND:
                    out.extend(self.runs(list(new_runs), "new", in_note=True))
                elif shown.kind is DELETE_KIND:
                    made = self.runs(list(old_runs), "old", "w:delText", in_note=True)
                    if made:
                        out.append(self.revisions.deleted(made, stamp))
                else:
                    made = self.runs(list(new_runs), "new", in_note=True)
                    if made:
                        out.append(self.revisions.inserted(made, stamp))
        return out

    def kept(self, old_runs: list[markup.Run], new_runs: list[markup.Run]) -> list[_Element | str]:
        """Words kept from the old round: plain runs (as text where no footnote is referred
        to), with a `w:rPrChange` where their format changed, and a footnote reference
        replaced where it points elsewhere."""
        if old_runs == new_runs:
            written = self.runs_xml(new_runs)
            if written is not None:
                return [written]
            if all(r.footnote is None or self.old_notes.get(r.footnote) is self.new_notes.get(r.footnote)
                   for r in new_runs):
                return list(self.runs(new_runs, "new"))
        out: list[_Element | str] = []
        old_units, new_units = _units(old_runs), _units(new_runs)
        if len(old_units) != len(new_units):  # never from our diff: show it as a replacement
            return [self.revisions.deleted(self.runs(old_runs, "old", "w:delText"), self.format_stamp),
                    self.revisions.inserted(self.runs(new_runs, "new"), self.format_stamp)]
        k = 0
        while k < len(new_units):
            char, italic, bold, note = new_units[k]
            _, old_italic, old_bold, old_note = old_units[k]
            if note is not None:
                before, after = self.old_notes.get(old_note or ""), self.new_notes.get(note)
                if before is after and after is not None:
                    reference = self.reference(after, markup.Run("", italic, bold, note))
                    if (old_italic, old_bold) != (italic, bold):
                        self.revisions.format_changed(reference, properties_template(RunFormat(
                            bold=old_bold, italic=old_italic, style="FootnoteReference", rtl=self.rtl,
                            east_asian=self.builder.east_asian)), self.format_stamp)
                    out.append(reference)
                else:
                    if before is not None:
                        out.append(self.revisions.deleted([self.reference(before, markup.Run(
                            "", old_italic, old_bold, old_note))], self.format_stamp))
                    if after is not None:
                        out.append(self.revisions.inserted([self.reference(after, markup.Run(
                            "", italic, bold, note))], self.format_stamp))
                k += 1
                continue
            end = k + 1
            while end < len(new_units) and new_units[end][3] is None and new_units[end][1:3] == (italic, bold) and \
                    old_units[end][1:3] == (old_italic, old_bold):
                end += 1
            text = "".join(unit[0] for unit in new_units[k:end])
            run = make_run_like(text, self.builder.template(bold, italic))
            if (old_italic, old_bold) != (italic, bold):
                self.revisions.format_changed(run, self.builder.template(old_bold, old_italic), self.format_stamp)
            out.append(run)
            k = end
        return out

    # -- paragraphs of one change

    def segments_of(self, index: int) -> tuple[ShownSegment, ...]:
        # Made here, for the changes written with their segments (`emit`), not for every
        # paragraph: the kept ones, most of a long document, are written whole (`plain`).
        return show_segments(self.comparison.changes[index].segments)

    def emit(self, index: int, change: ParagraphChange, role: str, move_stamp: Stamp | None = None,
             segments: tuple[ShownSegment, ...] | None = None) -> list[Out]:
        """The output paragraphs of a change: 'normal' (in place), 'from' (the old
        paragraphs of a moved change, removed) or 'to' (its new paragraphs, added)."""
        olds = change.old if role != "to" else ()
        news = change.new if role != "from" else ()
        moving = self.moves is Moves.REVISIONS and role != "normal"
        whole_stamp = move_stamp or (self.stamp(change.by, None, change.proposals) if not (olds and news) else
                                     self.chair)
        first_changed = next((s for s in change.segments if s.kind is not EQUAL_KIND), None)
        self.format_stamp = self.segment_stamp(first_changed, change) if first_changed else whole_stamp
        outs: list[Out] = []
        oi = ni = 0
        current = Out(starts_old=olds[0] if olds else None, starts_new=news[0] if news else None,
                       label_stamp=whole_stamp if not (olds and news) else self.chair, change=index)
        for shown in self.segments_of(index) if segments is None else segments:
            segment = shown.segment
            kind = segment.kind
            if role == "from":
                if kind is INSERT_KIND:
                    continue
                action = ("move-from" if moving else "delete") if kind is EQUAL_KIND else "delete"
            elif role == "to":
                if kind is DELETE_KIND:
                    continue
                action = ("move-to" if moving else "insert") if kind is EQUAL_KIND else "insert"
            else:
                action = {EQUAL_KIND: "equal", DELETE_KIND: "delete", INSERT_KIND: "insert"}[kind]
            if kind is EQUAL_KIND and role != "normal":
                stamp = move_stamp or whole_stamp
            else:
                stamp = self.segment_stamp(segment, change)
            on_old = bool(olds) and kind is not INSERT_KIND
            on_new = bool(news) and kind is not DELETE_KIND
            for number, (old_runs, new_runs) in enumerate(_line_pairs(shown)):
                if number:
                    current.mark = action
                    current.mark_stamp = stamp if action != "equal" else None
                    current.old = olds[oi] if on_old and oi < len(olds) else None
                    current.new = news[ni] if on_new and ni < len(news) else None
                    outs.append(current)
                    oi += on_old
                    ni += on_new
                    current = Out(starts_old=olds[oi] if on_old and oi < len(olds) else None,
                                   starts_new=news[ni] if on_new and ni < len(news) else None,
                                   label_stamp=stamp if action != "equal" else self.chair, change=index)
                if not old_runs and not new_runs:
                    continue
                if action == "equal":
                    current.content.extend(self.kept(list(old_runs), list(new_runs)))
                    continue
                side, tag = ("old", "w:delText") if action in ("delete", "move-from") else ("new", "w:t")
                runs = list(old_runs if side == "old" else new_runs)
                written = self.runs_xml(runs, tag)
                if written is not None:
                    if written:
                        current.content.append(self.revisions.wrap_xml(action, written, stamp))  # type: ignore[arg-type]
                    continue
                made = self.runs(runs, side, tag)
                if made:
                    current.content.append(self.revisions.wrap(action, made, stamp))  # type: ignore[arg-type]
        if olds and news:
            current.mark = "equal"
        elif role == "from":
            current.mark, current.mark_stamp = ("move-from" if moving else "delete"), whole_stamp
        elif role == "to":
            current.mark, current.mark_stamp = ("move-to" if moving else "insert"), whole_stamp
        else:
            current.mark, current.mark_stamp = ("insert" if news else "delete"), whole_stamp
        current.old = olds[oi] if olds and oi < len(olds) else None
        current.new = news[ni] if news and ni < len(news) else None
        outs.append(current)
        if role != "normal" or not (olds and news):
            for out in outs:
                out.whole = True
        return outs

    def plain(self, index: int, change: ParagraphChange) -> list[Out]:
        """An unchanged (or renumbered) paragraph: its runs as they are."""
        old, new = change.old[0], change.new[0]
        runs = list(markup.parse(new.text))
        written = self.runs_xml(runs)  # `kept` for words kept as they are, without comparing them
        content: list[_Element | str] = [written] if written is not None else self.kept(runs, runs)
        return [Out(content, "equal", None, old, new, old, new, self.chair, index)]

    # -- the whole document

    def paragraphs(self) -> list[Out]:
        changes = self.comparison.changes
        placed: list[list[Out]] = []
        away: dict[int, list[tuple[int, list[Out]]]] = {}
        old_index = {p.id: i for i, p in enumerate(self.old.paragraphs)}
        # Paragraphs only the old round has (deleted, or moved away) go right after the
        # nearest paragraph before them in the old round that both rounds keep in place, so
        # that rejecting every change gives the old order (the comparison lists deletions
        # near where the aligner met them, which is not always that place).
        anchor_of: dict[int, int] = {}
        for index, change in enumerate(changes):
            if change.old and change.new and not change.moved:
                for paragraph in change.old:
                    anchor_of[old_index.get(paragraph.id, -1)] = index

        def anchor(paragraphs: tuple[Paragraph, ...]) -> tuple[int, int]:
            first = min(old_index.get(p.id, 0) for p in paragraphs)
            return next((anchor_of[k] for k in range(first - 1, -1, -1) if k in anchor_of), -1), first

        for index, change in enumerate(changes):
            if not change.new:
                where, first = anchor(change.old)
                away.setdefault(where, []).append((first, self.emit(index, change, "normal")))
                placed.append([])
                continue
            if change.moved and change.old and change.new:
                stamp = self.stamp(change.by, None, change.proposals)
                from_outs = self.emit(index, change, "from", stamp)
                to_outs = self.emit(index, change, "to", stamp)
                if self.moves is Moves.REVISIONS:
                    name = self.revisions.move_name()
                    for outs, kind in ((from_outs, "move-from"), (to_outs, "move-to")):
                        start, end = self.revisions.move_range(kind, name, stamp)  # type: ignore[arg-type]
                        outs[0].content.insert(0, start)
                        outs[-1].content.append(end)
                where, first = anchor(change.old)
                away.setdefault(where, []).append((first, from_outs))
                placed.append(to_outs)
            elif change.op in (ChangeOp.UNCHANGED, ChangeOp.RENUMBERED) and len(change.old) == len(change.new) == 1 \
                    and not change.edited:
                placed.append(self.plain(index, change))
            else:
                placed.append(self.emit(index, change, "normal"))
        out: list[Out] = []
        for _, outs in sorted(away.get(-1, []), key=lambda item: item[0]):
            out.extend(outs)
        for index, outs in enumerate(placed):
            out.extend(outs)
            for _, moved in sorted(away.get(index, []), key=lambda item: item[0]):
                out.extend(moved)
        return out

    def masthead(self) -> list[Out]:
        """The masthead lines as each round prints them (`masthead_lines`), a changed line
        as the chair's revision: its words as the comparison found them where the printed
        line is the compared one, else the whole line replaced (a revised round's symbol
        takes its '/Rev.N', a round's date is printed in the text's language)."""
        out: list[Out] = []
        compared = {(line.field, line.old, line.new): show_segments(line.segments)
                    for line in self.comparison.masthead}
        for name, before, after in _paired(masthead_lines(self.old), masthead_lines(self.new)):
            segments = compared.get((name, before, after))
            if segments is None:
                kinds = [(EQUAL_KIND, after)] if before == after else [(DELETE_KIND, before), (INSERT_KIND, after)]
                segments = show_segments([Segment(kind, text) for kind, text in kinds if text])
            change = ParagraphChange(ChangeOp.EDITED, (Paragraph("masthead-old", before),) if before else (),
                                     (Paragraph("masthead-new", after),) if after else (),
                                     tuple(shown.segment for shown in segments))
            for paragraph in self.emit(-1, change, "normal", segments=segments):
                paragraph.style = masthead_style_id(name)
                paragraph.old = paragraph.new = paragraph.starts_old = paragraph.starts_new = None
                out.append(paragraph)
        return out


def masthead_lines(round_: Round) -> list[tuple[str, str]]:
    """The masthead lines of a tracked file, in the order UN documents print them
    (`renderers.masthead.masthead_block`): the symbol, the organ, the distribution, the
    date … ('United Nations' is the page's, not the text's, and is left out)."""
    return [(name, value) for name, value in masthead_block(round_).lines() if name != "united_nations"]


def _paired(old: list[tuple[str, str]], new: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """(field, old line, new line) in printed order; several lines of one field paired in order."""
    order = list(dict.fromkeys([name for name, _ in new] + [name for name, _ in old]))
    printed = [name for name, _ in masthead_block(Round("", symbol="x", masthead=_EVERY_FIELD)).lines()]
    order.sort(key=lambda name: printed.index(name) if name in printed else len(printed))
    pairs: list[tuple[str, str, str]] = []
    for name in order:
        olds = [value for field, value in old if field == name]
        news = [value for field, value in new if field == name]
        pairs += [(name, olds[k] if k < len(olds) else "", news[k] if k < len(news) else "")
                  for k in range(max(len(olds), len(news)))]
    return pairs


_EVERY_FIELD = Masthead(**{name: "x" for name in MASTHEAD_FIELDS if name not in ("symbol", "other")},
                        other=("x",))


def render_tracked_docx(comparison: Comparison, old: Round, new: Round, *, moves: Moves | str = Moves.DELETE_INSERT,
                        date: str | None = None, dates: dict[str, str] | None = None,
                        layout: OldLayout | None = None) -> bytes:
    """The new round as Word revisions over the old one: `w:ins`/`w:del` (and `w:moveFrom`/
    `w:moveTo` with `moves="revisions"`), each authored by the delegations that proposed
    the change (the segment's `by`, joined with ', '; 'Chair' where no proposal explains it)
    and dated by its proposal (`dates`: proposal id → ISO date), else `date`, else the new
    round's date.  Inserted, deleted, split and merged paragraphs have their paragraph marks
    marked; footnotes carry their own revisions.

    With `layout`, what the reader kept of the .docx the old round was read from
    (`readers.docx.read_docx_layout`, handed over as a value), its styles, numbering,
    settings and theme are kept, and each old paragraph keeps its own properties (style,
    numbering, indentation): Word renumbers the paragraphs itself.  Otherwise the clean
    writer's styles and numbering are used, a label numbered by Word wherever the numbering
    shows it in both rounds, typed elsewhere.
    """
    if moves not in MOVES:
        raise ValueError(f"moves must be one of {', '.join(MOVES)}, not {moves!r}")
    with collector_paused():
        return _render_tracked(comparison, old, new, Moves(moves), date, dates, layout)


def _render_tracked(comparison: Comparison, old: Round, new: Round, moves: Moves, date: str | None,
                    dates: dict[str, str] | None, layout: OldLayout | None) -> bytes:
    tracked = _Tracked(comparison, old, new, moves=moves, dates=dates or {},
                       default_date=word_date(date or new.date or old.date or ""), layout=layout)
    rtl = tracked.rtl
    outs = deletions_first(tracked.masthead() + tracked.paragraphs())
    shift_marks(outs)
    if outs and outs[-1].mark != "equal":
        # Word keeps the last paragraph mark of a document whatever the revisions say: end
        # with a plain empty paragraph so that every revised mark can be accepted or rejected.
        outs.append(Out(change=-1))
    numbering = Numbering()
    placed: dict[int, tuple[int, int]] = {}
    if layout is None:
        placed = decide_numbering(outs, old, new, numbering, list_templates(new), comparison)
    else:
        base_properties(outs, layout, rtl)
    body, fragments = write_body(tracked, outs, placed, layout)
    tracked.number_notes(body)

    package = DocxPackage()
    document = make_document(body, rtl=rtl)
    if layout is not None and layout.section is not None:
        _replace_section(document, layout.section)
    add_running_head(package, document, running_header(new), rtl=rtl)
    package.add("word/document.xml", fill_placeholders(to_xml(document), fragments), CT_DOCUMENT, REL_OFFICE_DOCUMENT)
    parts = layout.parts if layout is not None else {}
    package.add_word_part("styles.xml", parts.get("styles.xml") or styles_xml(tracked.language), CT_STYLES,
                          REL_STYLES)
    keep_settings = "settings.xml" in parts and (not tracked.footnotes or b"footnotePr" in parts["settings.xml"])
    package.add_word_part("settings.xml", parts["settings.xml"] if keep_settings else settings_xml(
        footnotes=bool(tracked.footnotes)), CT_SETTINGS, REL_SETTINGS)
    if "numbering.xml" in parts:
        package.add_word_part("numbering.xml", parts["numbering.xml"], CT_NUMBERING, REL_NUMBERING)
    elif numbering.nums:
        package.add_word_part("numbering.xml", numbering.to_xml(), CT_NUMBERING, REL_NUMBERING)
    if "fontTable.xml" in parts:
        package.add_word_part("fontTable.xml", parts["fontTable.xml"], CT_FONT_TABLE, REL_FONT_TABLE)
    if "theme/theme1.xml" in parts:
        package.add_word_part("theme/theme1.xml", parts["theme/theme1.xml"], CT_THEME, REL_THEME)
    if tracked.footnotes:
        package.add_word_part("footnotes.xml", tracked.footnotes.to_xml(), CT_FOOTNOTES, REL_FOOTNOTES)
    title = next((markup.plain(p.text) for p in new.paragraphs if p.kind is Kind.TITLE), "")
    package.add("docProps/core.xml", core_properties_xml(
        title=title or f"{comparison.old_label} → {comparison.new_label}", language=new.language,
        subject=new.symbol), CT_CORE_PROPERTIES, REL_CORE_PROPERTIES)
    return package.to_bytes()


_HEADER_FOOTER = {qn("w:headerReference"), qn("w:footerReference")}
_FOOTNOTE_REFERENCE, _W_ID = qn("w:footnoteReference"), qn("w:id")
_OLD_ONLY = {qn("w:del"), qn("w:moveFrom")}
_NEW_ONLY = {qn("w:ins"), qn("w:moveTo")}


def _views_of(element: _Element) -> tuple[str, ...]:
    """The views a run is seen in: ('old',) inside a deletion, ('new',) inside an insertion."""
    parent = element.getparent()
    while parent is not None and parent.tag != _P_TAG:
        if parent.tag in _OLD_ONLY:
            return ("old",)
        if parent.tag in _NEW_ONLY:
            return ("new",)
        parent = parent.getparent()
    return ("old", "new")


_P_TAG = qn("w:p")


def _replace_section(document: _Element, section: _Element) -> None:
    """Use the old file's page size and margins (its headers and footers are not carried)."""
    body = document.find(qn("w:body"))
    assert body is not None
    ours = body.find(qn("w:sectPr"))
    copy = section.__copy__()
    for child in list(copy):
        if child.tag in _HEADER_FOOTER or not child.tag.startswith(qn("w:x")[:-1]):
            copy.remove(child)
    for name in list(copy.attrib):
        if not name.startswith(qn("w:x")[:-1]):
            del copy.attrib[name]
    if ours is not None:
        body.replace(ours, copy)
