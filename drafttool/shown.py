"""The shown model: a comparison (or a blame) turned once into what every output shows.

Takes a `Comparison` and the two `Round`s it compares (or the `Blame` of a round);
returns output paragraphs made of spans — kept, inserted and deleted words with their
runs, paragraph breaks added or removed, and where the proposers are named — with every
decision about presentation made here: which words a span holds and in which format,
where a paragraph break starts the next paragraph and where it is shown as '¶', after
which span the proposers are named (once after a deletion that the same proposers'
insertion replaces), which kept words changed format, what a moved paragraph is named
by, which changes are quiet (folded away), the proposers of a change and its status
change.  The HTML page, the Word comparison, the tracked Word file and the terminal only
map spans to their own markup; none of them walks the segments of a change.

Formats are read from each round's text whole (`markup.cut`): a deletion that ends
inside `*…*` keeps the italic it has in the old text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from drafttool.compare.masthead import masthead_values
from drafttool.model import (
    CHAIR, Attribution, ChangeOp, Comparison, FootnoteChange, Paragraph, ParagraphChange, Round, Segment, SegmentKind,
)
from drafttool.text import markup
from drafttool.text.markup import Run

if TYPE_CHECKING:  # attribution imports the diff; the shown model only reads its values
    from drafttool.negotiate.attribution import Blame

EQUAL, DELETE, INSERT = SegmentKind.EQUAL, SegmentKind.DELETE, SegmentKind.INSERT
QUIET = (ChangeOp.UNCHANGED, ChangeOp.RENUMBERED)
"""Changes folded away in runs: no word changed and the paragraph kept its place."""


class SpanKind(Enum):
    """What a span of an output paragraph is."""

    KEPT = "kept"
    INSERTED = "inserted"
    DELETED = "deleted"
    BREAK_INSERTED = "break-inserted"
    """A paragraph break added, shown as '¶' (a paragraph split in the other round)."""
    BREAK_DELETED = "break-deleted"
    """A paragraph break removed, shown as '¶' (paragraphs merged)."""
    PROPOSERS = "proposers"
    """The proposers of the change before it, named here."""


_SPAN_OF = {EQUAL: SpanKind.KEPT, INSERT: SpanKind.INSERTED, DELETE: SpanKind.DELETED}
_BREAK_OF = {INSERT: SpanKind.BREAK_INSERTED, DELETE: SpanKind.BREAK_DELETED}


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of an output paragraph."""

    kind: SpanKind
    runs: tuple[Run, ...] = ()
    """The words, in the format they have in their own round (kept words: the new one's)."""
    by: tuple[str, ...] = ()
    """Who proposed the change (inserted, deleted, breaks and proposers spans)."""
    proposal: str = ""
    attribution: Attribution | None = None
    """How `by` was found; None when not attributed."""
    typographic: bool = False
    format_changed: bool = False
    """Kept words whose italic or bold is not the same in both rounds."""

    @property
    def spaces_only(self) -> bool:
        """Spaces alone inserted or deleted: shown as visible signs."""
        return bool(self.runs) and all(run.footnote is None and run.text.isspace() for run in self.runs)


@dataclass(frozen=True, slots=True)
class ShownSegment:
    """One segment of a change read in both rounds: the runs of each of its lines (the
    parts between paragraph breaks) in the old round and in the new."""

    segment: Segment
    old_lines: tuple[tuple[Run, ...], ...]
    """() for an inserted segment."""
    new_lines: tuple[tuple[Run, ...], ...]
    """() for a deleted segment."""
    named: bool
    """Its proposers are named after it (the inline rule: once after a deletion that an
    insertion by the same proposers replaces, after the insertion)."""
    format_only: bool = False
    """A deletion and the insertion after it that hold the same words in other formats
    ('**decide**' → '*decide*'): shown as the words kept, marked as changed in format,
    never as the same word struck and added."""

    @property
    def kind(self) -> SegmentKind:
        return self.segment.kind

    @property
    def lines(self) -> tuple[tuple[Run, ...], ...]:
        """The lines of its own round (kept segments: the new round's)."""
        return self.old_lines if self.segment.kind is DELETE else self.new_lines

    @property
    def visible(self) -> bool:
        """Whether anything of it shows: words or footnote references."""
        return any(runs for runs in self.lines)


@dataclass(frozen=True, slots=True)
class ShownParagraph:
    """One output paragraph: the paragraph of a round it stands for (None for a stray
    break the rounds do not have) and its spans."""

    paragraph: Paragraph | None
    spans: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class ShownChange:
    """One paragraph change as every output shows it."""

    number: int
    """Its place in the comparison, from 1."""
    change: ParagraphChange
    by: tuple[str, ...]
    """The proposers of the change: the change's own, then those of its word changes."""
    status_old: str
    """The old status tag where the status shown to readers changed, else ''."""
    status_new: str
    moved_from: str
    """For a moved paragraph: the name of the paragraph it followed in the old round, ''
    at the start."""
    moved_to: str
    """For a moved paragraph: the name of the paragraph it follows in the new round."""
    moved_from_start: bool
    moved_to_start: bool
    segments: tuple[ShownSegment, ...]

    @property
    def op(self) -> ChangeOp:
        return self.change.op

    @property
    def status_changed(self) -> bool:
        return self.status_old != self.status_new

    @property
    def quiet(self) -> bool:
        """Unchanged or renumbered only: folded away with its neighbours."""
        return self.change.op in QUIET and not self.change.edited and not self.status_changed

    @property
    def plain(self) -> bool:
        """No word changed (unchanged, renumbered, moved as it was)."""
        return all(segment.kind is EQUAL for segment in self.change.segments)

    @property
    def moved(self) -> bool:
        return bool(self.change.moved and self.change.old and self.change.new)

    @property
    def place(self) -> str:
        """The change's place in both rounds, as the comparison names it: 'Art. 4 ¶ 2 →
        Art. 7 ¶ 3', '18 (a)', 'OP 5 → OP 6' (`compare.places`)."""
        return self.change.place

    @property
    def move(self) -> str:
        """A move of its own in one numbering: 'from after OP 25 (now OP 26) to after OP 30'."""
        return self.change.move

    def inline(self) -> tuple[ShownParagraph, ...]:
        """The paragraphs in one column: the new ones with words struck and added in
        place (the old ones for a deletion)."""
        change = self.change
        if self.plain:
            return tuple(_whole(p) for p in change.new or change.old)
        frame, side = (change.new, INSERT) if change.new else (change.old, DELETE)
        return paragraphs(self.segments, frame, side, inline=True)

    def old_side(self) -> tuple[ShownParagraph, ...]:
        """The old paragraphs with the deleted words struck (side by side)."""
        if not self.change.old:
            return ()
        if self.plain:
            return tuple(_whole(p) for p in self.change.old)
        return paragraphs(self.segments, self.change.old, DELETE, inline=False)

    def new_side(self) -> tuple[ShownParagraph, ...]:
        """The new paragraphs with the inserted words marked (side by side)."""
        if not self.change.new:
            return ()
        if self.plain:
            return tuple(_whole(p) for p in self.change.new)
        return paragraphs(self.segments, self.change.new, INSERT, inline=False)


@dataclass(frozen=True, slots=True)
class ShownFootnote:
    """One footnote change: its words as one paragraph of spans."""

    change: FootnoteChange
    by: tuple[str, ...]
    segments: tuple[ShownSegment, ...]

    def spans(self) -> tuple[Span, ...]:
        side = INSERT if self.change.new is not None else DELETE
        return tuple(span for shown in paragraphs(self.segments, (), side, inline=True) for span in shown.spans)


@dataclass(frozen=True, slots=True)
class MastheadLine:
    """One line of the masthead in both rounds, compared."""

    field: str
    """A `MASTHEAD_FIELDS` name ('organ', 'symbol', … 'other')."""
    old: str
    """The line in the old round (marked-up text), '' where it has none."""
    new: str
    segments: tuple[ShownSegment, ...]


@dataclass(frozen=True, slots=True)
class ShownComparison:
    """A comparison as every output shows it."""

    comparison: Comparison
    old: Round
    new: Round
    changes: tuple[ShownChange, ...]
    footnotes: tuple[ShownFootnote, ...]
    masthead: tuple[MastheadLine, ...]
    """The masthead lines that either round has, changed or not."""


# ----------------------------------------------------------------------------- building


def show_segments(segments: Sequence[Segment]) -> tuple[ShownSegment, ...]:
    """Each segment's lines in both rounds (each round's text read whole), and whether
    its proposers are named after it."""
    olds: list[list[list[Run]]] = [[] for _ in segments]
    news: list[list[list[Run]]] = [[] for _ in segments]
    for side, skip in ((olds, INSERT), (news, DELETE)):
        indexes = [i for i, s in enumerate(segments) if s.kind is not skip]
        texts = [segments[i].text for i in indexes]
        for i, runs in zip(indexes, markup.cut("".join(texts), texts)):
            side[i] = _lines(runs)
    lines = [(tuple(map(tuple, olds[i])) if s.kind is not INSERT else (),
              tuple(map(tuple, news[i])) if s.kind is not DELETE else ()) for i, s in enumerate(segments)]

    def visible(i: int) -> bool:
        old_lines, new_lines = lines[i]
        return any(old_lines if segments[i].kind is DELETE else new_lines)

    def words(i: int) -> tuple[tuple[str | None, ...], ...]:
        old_lines, new_lines = lines[i]
        return tuple(tuple(run.footnote if run.footnote is not None else run.text for run in _joined(runs))
                     for runs in (old_lines if segments[i].kind is DELETE else new_lines))

    format_only = {j for i in range(len(segments) - 1) if segments[i].kind is DELETE
                   and segments[i + 1].kind is INSERT and visible(i) and words(i) == words(i + 1) for j in (i, i + 1)}
    out: list[ShownSegment] = []
    for i, segment in enumerate(segments):
        named = bool(segment.by) and segment.kind is not EQUAL and visible(i)
        if named and segment.kind is DELETE and i + 1 < len(segments):
            following = segments[i + 1]
            if following.kind is INSERT and following.by == segment.by and visible(i + 1):
                named = False  # named once, after the insertion that replaces it
        out.append(ShownSegment(segment, lines[i][0], lines[i][1], named, i in format_only))
    return tuple(out)


def _joined(runs: tuple[Run, ...]) -> list[Run]:
    """Runs with neighbours of any format joined: the words alone, to compare."""
    out: list[Run] = []
    for run in runs:
        if out and run.footnote is None and out[-1].footnote is None:
            out[-1] = Run(out[-1].text + run.text)
        else:
            out.append(run if run.footnote is not None else Run(run.text))
    return out


def _lines(runs: list[Run]) -> list[list[Run]]:
    """Runs cut at each '\\n' (a paragraph break in splits and merges)."""
    parts: list[list[Run]] = [[]]
    for run in runs:
        if run.footnote is None and "\n" in run.text:
            for number, line in enumerate(run.text.split("\n")):
                if number:
                    parts.append([])
                if line:
                    parts[-1].append(Run(line, run.italic, run.bold))
        else:
            parts[-1].append(run)
    return parts


def _whole(paragraph: Paragraph) -> ShownParagraph:
    runs = markup.parse(paragraph.text)
    return ShownParagraph(paragraph, (Span(SpanKind.KEPT, runs),) if runs else ())


def paragraphs(segments: Sequence[ShownSegment], frame: Sequence[Paragraph], side: SegmentKind, *,
               inline: bool) -> tuple[ShownParagraph, ...]:
    """The paragraphs of `frame`, the old paragraphs (`side` DELETE) or the new (INSERT),
    with the segments shown there: every segment inline, the kept ones and the side's
    own otherwise.

    A '\\n' kept or of the side's kind starts the next paragraph of the frame; a '\\n' of
    the other kind is a '¶' struck or added.  The proposers follow each change; inline,
    after a deletion that an insertion by the same proposers replaces only once, after
    the insertion; and kept words whose format changed are marked, since the markers
    themselves are not shown.
    """
    blocks: list[list[Span]] = [[]]
    for shown in segments:
        segment = shown.segment
        kind = segment.kind
        if shown.format_only:
            # the same words in another format: kept words marked as changed in format, the
            # new round's (inline and on the new side), the old round's on the old side
            if (kind is DELETE) == (inline or side is INSERT):
                continue
            blocks[-1].append(Span(SpanKind.KEPT, tuple(run for runs in shown.lines for run in runs), segment.by,
                                   segment.proposal or "", segment.attribution, segment.typographic,
                                   format_changed=True))
            if segment.by and (kind is INSERT or not inline):
                blocks[-1].append(Span(SpanKind.PROPOSERS, (), segment.by, segment.proposal or "", segment.attribution))
            continue
        if not inline and kind is not EQUAL and kind is not side:
            continue
        if kind is EQUAL:
            lines = shown.old_lines if side is DELETE else shown.new_lines
            changed = inline and shown.old_lines != shown.new_lines
        else:
            lines, changed = shown.lines, False
        details = (segment.by, segment.proposal or "", segment.attribution, segment.typographic)
        for number, runs in enumerate(lines):
            if number:
                if kind is not EQUAL:
                    blocks[-1].append(Span(_BREAK_OF[kind], (), *details))
                if kind is EQUAL or kind is side:
                    blocks.append([])
            if runs:
                blocks[-1].append(Span(_SPAN_OF[kind], runs, *details, format_changed=changed))
        if shown.named if inline else (kind is not EQUAL and bool(segment.by) and shown.visible):
            blocks[-1].append(Span(SpanKind.PROPOSERS, (), segment.by, segment.proposal or "", segment.attribution))
    out = [ShownParagraph(paragraph, tuple(spans)) for paragraph, spans in zip(frame, blocks)]
    out += [ShownParagraph(paragraph, ()) for paragraph in frame[len(blocks):]]
    out += [ShownParagraph(None, tuple(spans)) for spans in blocks[len(frame):]]  # more breaks than paragraphs
    return tuple(out)


def masthead_lines(round_: Round) -> list[tuple[str, str]]:
    """The masthead as (field, marked-up text) lines in their printed order, the
    document symbol among them; empty fields left out."""
    return [(name, value) for name, values in masthead_values(round_) for value in values if value]


def name_of(paragraph: Paragraph) -> str:
    """How a paragraph is named in 'moved from after …': its label, or its first words."""
    if paragraph.label:
        return paragraph.label
    words = markup.plain(paragraph.text).split()
    head = " ".join(words[:5])
    if len(head) > 40:
        head = head[:40]
    return f"“{head}…”" if len(words) > 5 or len(head) == 40 else f"“{head}”"


def status_change(change: ParagraphChange) -> tuple[str, str]:
    """The old and new status tags where the status shown to readers changed (not only
    where or when it was decided), else ('', '')."""
    if change.old and change.new and change.old[0].status.label != change.new[0].status.label:
        return change.old[0].status.label, change.new[0].status.label
    return "", ""


def proposers_of(by: Sequence[str], segments: Sequence[Segment]) -> tuple[str, ...]:
    """The proposers of a change: its own, then those of its word changes, each once."""
    return tuple(dict.fromkeys([*by, *(code for s in segments if s.kind is not EQUAL for code in s.by)]))


def show_change(number: int, change: ParagraphChange, old_place: dict[str, int], new_place: dict[str, int],
                old: Round, new: Round) -> ShownChange:
    status_old, status_new = status_change(change)
    moved_from = moved_to = ""
    from_start = to_start = False
    if change.moved and change.old and change.new:
        i = old_place.get(change.old[0].id, 0)
        j = new_place.get(change.new[0].id, 0)
        from_start, to_start = i == 0, j == 0
        moved_from = name_of(old.paragraphs[i - 1]) if i else ""
        moved_to = name_of(new.paragraphs[j - 1]) if j else ""
    plain = all(segment.kind is EQUAL for segment in change.segments)
    return ShownChange(
        number=number, change=change, by=proposers_of(change.by, change.segments),
        status_old=status_old, status_new=status_new, moved_from=moved_from, moved_to=moved_to,
        moved_from_start=from_start, moved_to_start=to_start,
        segments=() if plain else show_segments(change.segments),
    )


def show_comparison(comparison: Comparison, old: Round, new: Round) -> ShownComparison:
    """The comparison of `old` and `new` as every output shows it."""
    old_place = {p.id: i for i, p in enumerate(old.paragraphs)}
    new_place = {p.id: i for i, p in enumerate(new.paragraphs)}
    changes = tuple(show_change(number, change, old_place, new_place, old, new)
                    for number, change in enumerate(comparison.changes, 1))
    footnotes = tuple(ShownFootnote(change, proposers_of((), change.segments), show_segments(change.segments))
                      for change in comparison.footnotes)
    masthead = tuple(MastheadLine(line.field, line.old, line.new, show_segments(line.segments)) for line in comparison.masthead)
    return ShownComparison(comparison, old, new, changes, footnotes, masthead)


# ----------------------------------------------------------------------------- blame


class PassageKind(Enum):
    PLAIN = "plain"
    """Text of the first round, or spaces alone: shown plain."""
    MARKED = "marked"
    """Text that entered in a later round: marked with its round and proposers."""


@dataclass(frozen=True, slots=True)
class ShownPassage:
    """A passage of a blamed paragraph: its runs, and for a later round's passage the
    spaces at its ends taken out, so that its mark starts and ends on a word."""

    kind: PassageKind
    runs: tuple[Run, ...]
    lead: str = ""
    trail: str = ""
    round: str = ""
    by: tuple[str, ...] = ()
    proposal: str = ""

    @property
    def who(self) -> str:
        """The proposers as named after the passage: the chair where no proposal explains it."""
        return ", ".join(self.by) or CHAIR


@dataclass(frozen=True, slots=True)
class ShownBlame:
    """One blamed paragraph: the paragraph, its label and its passages."""

    paragraph: Paragraph
    label: str
    passages: tuple[ShownPassage, ...]


def show_blame(blamed: Sequence[Blame], round_: Round, first_round: str) -> tuple[ShownBlame, ...]:
    """Each paragraph of a round with its passages, those that entered after
    `first_round` marked."""
    paragraphs_ = {p.id: p for p in round_.paragraphs}
    out: list[ShownBlame] = []
    for item in blamed:
        paragraph = paragraphs_.get(item.paragraph_id) or Paragraph(item.paragraph_id, "", label=item.label)
        texts = [passage.text for passage in item.passages]
        passages: list[ShownPassage] = []
        for passage, runs in zip(item.passages, markup.cut("".join(texts), texts)):
            if passage.round == first_round:
                passages.append(ShownPassage(PassageKind.PLAIN, tuple(runs)))
                continue
            lead, inner, trail = _spaces_outside(runs)
            if not inner:  # nothing but spaces: no mark to draw
                passages.append(ShownPassage(PassageKind.PLAIN, (Run(lead + trail),) if lead + trail else ()))
                continue
            passages.append(ShownPassage(PassageKind.MARKED, inner, lead, trail, passage.round, tuple(passage.by),
                                         passage.proposal or ""))
        out.append(ShownBlame(paragraph, item.label, tuple(passages)))
    return tuple(out)


def _spaces_outside(runs: list[Run]) -> tuple[str, tuple[Run, ...], str]:
    """The spaces at the ends of a passage taken out of it (a mark that starts with a
    space draws an empty box where a line wraps)."""
    lead = trail = ""
    runs = list(runs)
    if runs and runs[0].footnote is None and runs[0].text[:1].isspace():
        first = runs[0]
        stripped = first.text.lstrip()
        lead = first.text[: len(first.text) - len(stripped)]
        runs[0] = Run(stripped, first.italic, first.bold)
    if runs and runs[-1].footnote is None and runs[-1].text[-1:].isspace():
        last = runs[-1]
        stripped = last.text.rstrip()
        trail = last.text[len(stripped):]
        runs[-1] = Run(stripped, last.italic, last.bold)
    return lead, tuple(run for run in runs if run.text or run.footnote is not None), trail
