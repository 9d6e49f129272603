"""Render a comparison of two rounds, one round, a compilation text, the blame of a
round or the progress of a negotiation as a self-contained HTML page.

Takes model values (`Comparison` and the two `Round`s it compares, one `Round`, a
`compilation.Compilation`, `attribution.Blame`s, a `progress.Progress`); returns the page
as a string: CSS and script inline, no network, no external fonts, printable.  Pages
come from the Jinja2 templates in `templates/` (`templates_path`), autoescaped and with
`StrictUndefined`, so that a misspelt variable fails instead of printing nothing.  A
user's own template folder is searched first and can extend ours through the `default:`
prefix: `{% extends "default:comparison.html" %}`, as datasette
does.

This module turns the model into small view values the templates loop over: one
`ChangeView` per paragraph change (op, old and new labels, where a moved paragraph came
from, status change, proposers) holding `Block`s, the paragraphs as shown.  The text of
a block is HTML built here from the runs of the inline markup (`runs_of`, the runs of
`markup.parse`), every piece of input text escaped with markupsafe; word changes become `<ins>`/`<del>` followed by the
proposers in `<bdi>`.  Segments of a change may cut a format run in two (a deletion
ending inside `*…*`), so the old text (kept + deleted segments) and the new text (kept +
inserted) are each scanned whole, with source offsets, and the runs are cut back at the
segments' boundaries: every piece keeps the italic or bold it has in its own text.

The compilation text (`render_compilation_html`) is built the same way from the pieces
of each compiled paragraph: `<ins>` and `<del>` with the proposers after each proposal in
the chosen attribution style, overlapping proposals as option groups, one bracketed
variant after the other; alternatives, added paragraphs and whole-paragraph proposals are
filter units, so that the delegation filter can leave only one delegation's proposals.
The blame page marks each passage with the round it entered in; the progress page draws
its two charts as inline SVG computed here (`BarChart`), no script or library.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal
from urllib.parse import quote

import jinja2
from markupsafe import Markup, escape

from drafttool.text import languages, markup
from drafttool.collector import collector_paused
from drafttool.negotiate.compilation import (
    ATTRIBUTION_STYLES, LEGEND_NOTES, NOTE_INTROS, PAGE_PHRASES, STATUS_COLOURS, Compilation, CompiledParagraph, Piece,
    Proposers, attribution_text, legend, phrase_language, proposers_text,
)
from drafttool.text.markup import Run
from drafttool.model import (
    ChangeOp, Comparison, FootnoteChange, Kind, Masthead, Negotiation, Paragraph, ParagraphChange, ProposalOp,
    ProposalStatus, Round, Segment, SegmentKind, StatusValue,
)

if TYPE_CHECKING:  # attribution imports the diff; the pages only read its values
    from drafttool.negotiate.attribution import Blame
    from drafttool.negotiate.progress import Progress

View = Literal["inline", "side-by-side"]
EQUAL, DELETE, INSERT = SegmentKind.EQUAL, SegmentKind.DELETE, SegmentKind.INSERT
QUIET = (ChangeOp.UNCHANGED, ChangeOp.RENUMBERED)
"""Changes folded away in runs: no word changed and the paragraph kept its place."""
BY_SEPARATOR = "|"
"""Joins delegation codes in `data-by` attributes (codes may hold spaces: 'G77 and China')."""


# ---------------------------------------------------------------------------------------
# Templates


def templates_path() -> Path:
    """The folder of our templates: `drafttool/templates` in an installed wheel (pyproject
    maps the repository's `templates/` there), `templates/` at the root of a checkout."""
    package = Path(__file__).resolve().parent.parent
    for folder in (package / "templates", package.parent / "templates"):
        if (folder / "_base.html").is_file():
            return folder
    raise FileNotFoundError(f"drafttool's HTML templates are missing: neither {package / 'templates'} "
                            f"nor {package.parent / 'templates'} holds _base.html; reinstall drafttool")


@functools.lru_cache(maxsize=8)
def template_environment(user_templates: str | None = None) -> jinja2.Environment:
    """A Jinja2 environment: the user's folder first, then ours, which the user's
    templates can also name as `default:<name>` to extend them."""
    ours = jinja2.FileSystemLoader(str(templates_path()))
    loaders: list[jinja2.BaseLoader] = []
    if user_templates is not None:
        loaders.append(jinja2.FileSystemLoader(user_templates))
    loaders += [ours, jinja2.PrefixLoader({"default": ours}, delimiter=":")]
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        # Every template is HTML or inlined into it (style.css, filter.js), so escaping is on
        # for all: decided when a template compiles, not per expression at run time.
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _render(name: str, templates: str | Path | None, **context: object) -> str:
    environment = template_environment(None if templates is None else str(Path(templates).resolve()))
    return environment.get_template(name).render(**context)


# ---------------------------------------------------------------------------------------
# Text: inline markup → HTML

# `markup.parse` walks its input character by character; for 20,000 paragraphs that alone
# takes longer than the whole page may.  This scanner takes the same rules token by token
# (tests check that it gives `markup.parse`'s runs) and keeps each token's source offset.
_TOKEN = re.compile(r"\\.|\*\*|\*|\[\^[^\]\s\\]+\]|[^\\*\[]+|.", re.DOTALL)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def _visible_control(match: re.Match[str]) -> str:
    """A control character as its picture (U+2400 block), so that it shows as text."""
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else "\ufffd"


def _clean(text: str) -> str:
    return _CONTROL.sub(_visible_control, text) if not text.isprintable() and _CONTROL.search(text) else text


@dataclass(slots=True)
class _Bit:
    """Visible text (or a footnote reference) at an offset of the marked-up source."""

    start: int
    text: str
    italic: bool
    bold: bool
    footnote: str | None = None


def _scan(source: str) -> list[_Bit]:
    if "*" not in source and "\\" not in source and "[" not in source:  # no markup: the common case
        return [_Bit(0, source, False, False)] if source else []
    bits: list[_Bit] = []
    italic = bold = False
    for match in _TOKEN.finditer(source):
        token = match.group()
        first = token[0]
        if first == "\\" and len(token) == 2:
            bits.append(_Bit(match.start() + 1, token[1], italic, bold))
        elif token == "**":
            bold = not bold
        elif token == "*":
            italic = not italic
        elif first == "[" and len(token) > 3:
            bits.append(_Bit(match.start(), "", italic, bold, token[2:-1]))
        else:
            bits.append(_Bit(match.start(), token, italic, bold))
    return bits


def _join(bits: Iterable[_Bit]) -> list[Run]:
    runs: list[Run] = []
    for bit in bits:
        last = runs[-1] if runs else None
        if bit.footnote is not None:
            runs.append(Run("", bit.italic, bit.bold, bit.footnote))
        elif last is not None and last.footnote is None and (last.italic, last.bold) == (bit.italic, bit.bold):
            runs[-1] = Run(last.text + bit.text, bit.italic, bit.bold)
        elif bit.text:
            runs.append(Run(bit.text, bit.italic, bit.bold))
    return runs


def runs_of(text: str) -> tuple[Run, ...]:
    """The runs of marked-up text: the same as `markup.parse`, faster."""
    return tuple(_join(_scan(text)))


def _cut(source: str, pieces: Sequence[str]) -> list[list[_Bit]]:
    """The bits of `source` (the pieces joined) that fall in each piece, formats taken
    from the whole source: a piece that starts inside `*…*` is italic."""
    bits = _scan(source)
    out: list[list[_Bit]] = [[] for _ in pieces]
    ends: list[int] = []
    position = 0
    for piece in pieces:
        position += len(piece)
        ends.append(position)
    k = 0
    for bit in bits:
        while k < len(ends) - 1 and bit.start >= ends[k]:
            k += 1
        if bit.footnote is not None or bit.start + len(bit.text) <= ends[k] or k == len(ends) - 1:
            out[k].append(bit)
            continue
        # a stretch of plain characters (one source character each) across boundaries
        start, text = bit.start, bit.text
        while text:
            while k < len(ends) - 1 and start >= ends[k]:
                k += 1
            take = len(text) if k == len(ends) - 1 else max(1, ends[k] - start)
            out[k].append(_Bit(start, text[:take], bit.italic, bit.bold))
            start, text = start + take, text[take:]
    return out


def _escape(text: str) -> str:
    """Text made safe for HTML content and quoted attributes (markupsafe), control
    characters made visible."""
    if not text.isprintable() and _CONTROL.search(text):
        text = _CONTROL.sub(_visible_control, text)
    return str(escape(text))


class _Notes:
    """Footnote ids → the numbers shown and the page anchors they link to."""

    def __init__(self, *rounds: Round) -> None:
        self.labels: dict[str, str] = {}
        for round_ in reversed(rounds):  # the first round named wins
            self.labels.update({f.id: f.label or f.id for f in round_.footnotes})

    @staticmethod
    def anchor(footnote_id: str) -> str:
        return f"fn-{_clean(footnote_id)}"

    def ref(self, footnote_id: str, labels: dict[str, str] | None = None) -> str:
        number = (labels or self.labels).get(footnote_id) or self.labels.get(footnote_id, footnote_id)
        href = quote(self.anchor(footnote_id), safe="")
        return f'<sup class="fnref"><a href="#{_escape(href)}">{_escape(number)}</a></sup>'


def _runs_html(runs: Iterable[Run | _Bit], notes: _Notes, labels: dict[str, str] | None = None) -> str:
    """HTML of runs (escaped): `<strong>` outside `<em>`, footnote references as linked
    numbers; neighbouring runs of one format are joined."""
    out: list[str] = []
    text: list[str] = []
    italic = bold = False

    def flush() -> None:
        if text:
            html = _escape("".join(text))
            if italic:
                html = f"<em>{html}</em>"
            if bold:
                html = f"<strong>{html}</strong>"
            out.append(html)
            text.clear()

    for run in runs:
        if run.footnote is not None:
            flush()
            out.append(notes.ref(run.footnote, labels))
        elif run.text:
            if (run.italic, run.bold) != (italic, bold):
                flush()
                italic, bold = run.italic, run.bold
            text.append(run.text)
    flush()
    return "".join(out)


def _text_html(text: str, notes: _Notes, labels: dict[str, str] | None = None) -> str:
    if "*" not in text and "\\" not in text and "[" not in text:
        return _escape(text)
    return _runs_html(_scan(text), notes, labels)


def text_html(text: str, notes: _Notes) -> Markup:
    """HTML of one marked-up text (a paragraph, a footnote, a masthead line)."""
    return Markup(_text_html(text, notes))


# ---------------------------------------------------------------------------------------
# View values the templates read


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph as shown: its label, its place in the structure, its text as HTML."""

    label: str
    kind: str
    level: int
    html: Markup
    status: str = ""
    """The status tag ('agreed ad ref'), '' for an open paragraph."""

    @property
    def classes(self) -> str:
        level = f" level-{min(self.level, 4)}" if self.kind == Kind.SUBPARAGRAPH.value and self.level else ""
        return f"para kind-{self.kind}{level}"


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


@dataclass(frozen=True, slots=True)
class Language:
    """The language of the text: `lang` and `dir` of the page and its paragraphs."""

    code: str
    rtl: bool

    @property
    def dir(self) -> str:
        return "rtl" if self.rtl else "ltr"

    @property
    def bdi(self) -> Markup:
        """The attribute of a `<bdi>` holding labels ('1 -', '2 - ← 3 -'): they have no
        letters to take a direction from, so in a right-to-left text they are told."""
        return Markup(' dir="rtl"') if self.rtl else Markup("")

    @property
    def arrow(self) -> str:
        """From an old label to a new one, pointing the way the text reads."""
        return "←" if self.rtl else "→"


def _language(*rounds: Round) -> Language:
    code = next((r.language for r in rounds if r.language), "")
    if not code:
        code = languages.guess_language(" ".join(markup.plain(p.text) for r in rounds[:1] for p in r.paragraphs[:50]))
    return Language(code, languages.is_rtl(code))


# ---------------------------------------------------------------------------------------
# Changes → blocks of HTML


def _label(paragraph: Paragraph) -> str:
    return _clean(paragraph.label)


def _name(paragraph: Paragraph) -> str:
    """How a paragraph is named in 'moved from after …': its label, or its first words."""
    if paragraph.label:
        return _clean(paragraph.label)
    words = markup.plain(paragraph.text).split()
    head = " ".join(words[:5])
    if len(head) > 40:
        head = head[:40]
    return _clean(f"“{head}…”" if len(words) > 5 or len(head) == 40 else f"“{head}”")


def _block(paragraph: Paragraph, html: str) -> Block:
    status = paragraph.status.label if paragraph.status.value is not StatusValue.OPEN else ""
    return Block(_label(paragraph), paragraph.kind.value, paragraph.level, Markup(html), _clean(status))


def _by_html(segment: Segment) -> str:
    """The proposers after a change, '(EU, CANZ)', isolated so that it reads the same in
    a right-to-left text; how they were found ('matched', 'partial'…) in a tooltip."""
    how = f' title="{_escape(segment.attribution)}"' if segment.attribution else ""
    return (f'<bdi class="by" data-by="{_escape(BY_SEPARATOR.join(segment.by))}"{how}>'
            f'({_escape(", ".join(segment.by))})</bdi>')


def _segment_open(segment: Segment, tag: str) -> str:
    attributes = ' class="typo"' if segment.typographic else ""
    if segment.by:
        attributes += f' data-by="{_escape(BY_SEPARATOR.join(segment.by))}"'
    if segment.proposal:
        attributes += f' data-proposal="{_escape(segment.proposal)}"'
    if segment.attribution:
        attributes += f' data-attribution="{_escape(segment.attribution)}"'
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


def _formats(bits: list[_Bit]) -> list[tuple[str, bool, bool, str | None]]:
    return [(run.text, run.italic, run.bold, run.footnote) for run in _join(bits)]


def _cuts(segments: Sequence[Segment]) -> tuple[list[list[_Bit]], list[list[_Bit]]]:
    """For each segment, its bits in the old text (kept and deleted segments) and in the
    new text (kept and inserted), each text scanned whole."""
    olds: list[list[_Bit]] = [[] for _ in segments]
    news: list[list[_Bit]] = [[] for _ in segments]
    for side, skip in ((olds, INSERT), (news, DELETE)):
        indexes = [i for i, s in enumerate(segments) if s.kind is not skip]
        texts = [segments[i].text for i in indexes]
        for i, bits in zip(indexes, _cut("".join(texts), texts)):
            side[i] = bits
    return olds, news


def _lines(bits: list[_Bit]) -> list[list[_Bit]]:
    """Bits cut at each '\\n' (a paragraph break in splits and merges)."""
    parts: list[list[_Bit]] = [[]]
    for bit in bits:
        if bit.footnote is None and "\n" in bit.text:
            for number, line in enumerate(bit.text.split("\n")):
                if number:
                    parts.append([])
                if line:
                    parts[-1].append(_Bit(bit.start, line, bit.italic, bit.bold))
        else:
            parts[-1].append(bit)
    return parts


def _blocks(segments: Sequence[Segment], olds: list[list[_Bit]], news: list[list[_Bit]], side: SegmentKind,
            shown: frozenset[SegmentKind], frame: Sequence[Paragraph], notes: _Notes,
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
            html = _runs_html(part, notes, names)
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
    out = [_block(paragraph, html) for paragraph, html in zip(frame, htmls)]
    for extra in htmls[len(frame):]:  # more breaks than paragraphs: never from our diff
        out.append(Block("", Kind.TEXT.value, 0, Markup(extra)))
    return tuple(out)


def _change_view(number: int, change: ParagraphChange, view: View, notes: _Notes, old_notes: dict[str, str],
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
            new_blocks = tuple(_block(p, _text_html(p.text, notes, new_notes)) for p in change.new)
        if change.old and (view != "inline" or not change.new) and not quiet:
            old_blocks = tuple(_block(p, _text_html(p.text, notes, old_notes)) for p in change.old)
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
        moved_from = _name(old.paragraphs[i - 1]) if i else ""
        moved_to = _name(new.paragraphs[j - 1]) if j else ""
    return ChangeView(
        number=number, op=change.op.value,
        old_labels=", ".join(_label(p) for p in change.old if p.label),
        new_labels=", ".join(_label(p) for p in change.new if p.label),
        moved_from=moved_from, moved_to=moved_to, moved_from_start=from_start, moved_to_start=to_start,
        moved=change.moved, edited=change.edited, typographic_only=change.typographic_only,
        status_old=_clean(status_old), status_new=_clean(status_new), by=tuple(_clean(c) for c in by),
        blocks=blocks, old_blocks=old_blocks, new_blocks=new_blocks, arrow=arrow,
    )


def _footnote_view(change: FootnoteChange, notes: _Notes, old_notes: dict[str, str],
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
        op=change.op.value, anchor=_Notes.anchor(_clean(footnote.id)),
        old_number=_clean(change.old.label) if change.old else "",
        new_number=_clean(change.new.label) if change.new else "",
        typographic_only=change.typographic_only, by=tuple(_clean(c) for c in by),
        html=Markup("".join(b.html for b in blocks)), arrow=arrow,
    )


def _masthead(round_: Round, notes: _Notes) -> list[tuple[str, Markup]]:
    masthead: Masthead = round_.masthead
    lines = [("organ", masthead.organ), ("symbol", round_.symbol), ("distribution", masthead.distribution),
             ("date", masthead.date), ("language", masthead.language), ("original", masthead.original),
             ("body", masthead.body), ("session", masthead.session), ("venue", masthead.venue),
             ("agenda-item", masthead.agenda_item), ("agenda-title", masthead.agenda_title)]
    lines += [("other", line) for line in masthead.other]
    return [(name, text_html(value, notes)) for name, value in lines if value]


def _title(round_: Round) -> str:
    for paragraph in round_.paragraphs:
        if paragraph.kind is Kind.TITLE:
            return _clean(markup.plain(paragraph.text))
    return ""


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
    language = _language(new, old)
    notes = _Notes(new, old)
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
        (", ".join(_label(p) or _name(p) for p in change.old), ", ".join(_label(p) or _name(p) for p in change.new),
         change.op.value, f"c-{number}", number not in hidden)
        for number, change in enumerate(comparison.changes, 1)
    ]
    page_title = _clean(title) if title is not None else (
        _title(new) or f"{_clean(comparison.old_label)} → {_clean(comparison.new_label)}")
    return _render(
        "comparison.html", templates,
        title=page_title,
        language=language,
        view=view,
        comparison_labels=(_clean(comparison.old_label), _clean(comparison.new_label)),
        dates=(_clean(old.date), _clean(new.date)),
        masthead=_masthead(new, notes),
        items=_group(views, hidden),
        counts=[(op.value, counts[op.value]) for op in ChangeOp if counts[op.value]],
        footnote_counts=[(op.value, footnote_counts[op.value]) for op in ChangeOp if footnote_counts[op.value]],
        footnotes=footnotes,
        changed_footnotes=sum(1 for f in footnotes if f.op != ChangeOp.UNCHANGED.value),
        numbers=pairs,
        delegations=sorted((_clean(code) for code in delegations), key=str.casefold),
        typographic=typographic,
        show_unchanged=show_unchanged,
    )


def render_round_html(round_: Round, *, title: str | None = None, templates: str | Path | None = None) -> str:
    """One round as a clean HTML page: masthead, title, labelled paragraphs indented by
    level, status tags, footnotes at the end."""
    with collector_paused():
        return _render_round(round_, title, templates)


def _render_round(round_: Round, title: str | None, templates: str | Path | None) -> str:
    notes = _Notes(round_)
    paragraphs = [(paragraph.kind.value, _clean(paragraph.id), _block(paragraph, text_html(paragraph.text, notes)))
                  for paragraph in round_.paragraphs]
    footnotes = [(_Notes.anchor(_clean(f.id)), _clean(f.label or f.id), text_html(f.text, notes))
                 for f in round_.footnotes]
    language = _language(round_)
    return _render(
        "round.html", templates,
        title=_clean(title) if title is not None else (_title(round_) or _clean(round_.label)),
        language=language,
        round_label=_clean(round_.label),
        date=_clean(round_.date),
        masthead=_masthead(round_, notes),
        paragraphs=paragraphs,
        footnotes=footnotes,
    )


# ---------------------------------------------------------------------------------------
# The compilation text


_LEGEND_SAMPLES = {
    "insert": Piece("insert", "", Proposers(("sample-1",), ("EU",), op=ProposalOp.INSERT), ends_proposal=True),
    "delete": Piece("delete", "", Proposers(("sample-2",), ("USA", "CAN"), op=ProposalOp.DELETE), ends_proposal=True),
    "support": Piece("insert", "", Proposers(("sample-3",), ("EU",), ("NOR",), ("G77",), op=ProposalOp.INSERT),
                     ends_proposal=True),
}


@dataclass(frozen=True, slots=True)
class ProposalNote:
    """A proposal shown under its paragraph: an alternative wording, a proposal to delete,
    move or retain the paragraph, or a statement on it."""

    kind: str
    """'alternative', 'delete', 'move', 'retain' or 'statement'."""
    label: str
    """The alternative's label ('OP12 alt'); '' for the others."""
    intro: str
    """What is proposed, in words ('Proposed to be moved after 30.'); '' for an alternative."""
    html: Markup
    """The alternative's wording or the statement, as HTML."""
    after: Markup
    """The proposers (in the attribution style), status tag and note, as HTML."""
    by: tuple[str, ...]
    """Proposers' codes for the filter; empty when the compilation is not attributed."""
    proposal: str
    status: str
    """The proposal's status when the compilation shows every status, else ''."""

    @property
    def data_by(self) -> str:
        return BY_SEPARATOR.join(self.by)

    @property
    def classes(self) -> str:
        return f"pnote pnote-{self.kind}" + (f" ps-{self.status}" if self.status else "")


@dataclass(frozen=True, slots=True)
class CompiledView:
    """One paragraph of the compilation text as the template shows it."""

    anchor: str
    block: Block
    status_value: str
    added: bool
    """A paragraph proposed to be added (shown with its bis/ter label)."""
    by: tuple[str, ...]
    """For an added paragraph: its proposers' codes, for the filter."""
    proposal: str
    notes: tuple[ProposalNote, ...]

    @property
    def data_by(self) -> str:
        return BY_SEPARATOR.join(self.by)

    @property
    def classes(self) -> str:
        return f"cp st-{self.status_value}" + (" cp-added" if self.added else "")


_TRAILING_SPACE = re.compile(r"(?<![\\\s])\s+$")
"""Spaces that end a marked-up span (not one escaped by a backslash)."""


def _replaced_by(piece: Piece, following: Piece | None) -> bool:
    """A deletion followed by the insertion of the same proposal with no space between
    them ('~~néfastes~~**réduire**'): a space is shown between, so that both read."""
    return (following is not None and piece.kind == "delete" and following.kind == "insert"
            and piece.proposers == following.proposers and not piece.text[-1:].isspace()
            and not following.text[:1].isspace())


class _CompilationHtml:
    """Pieces of a compilation → HTML, in one attribution style.

    Without attribution nothing names a delegation, not even an attribute: a compilation
    published without attribution on purpose must not carry it hidden in its source."""

    def __init__(self, notes: _Notes, style: str, every_status: bool, language: str) -> None:
        self.notes = notes
        self.style = style
        self.intros = NOTE_INTROS[phrase_language(language)]
        self.attributed = style != "none"
        self.every_status = every_status
        self.delegations: dict[str, None] = {}
        self.proposals: set[tuple[str, ...]] = set()
        self.added = 0

    def attributes(self, who: Proposers | None, *, unit: bool = False) -> str:
        """` data-by=… data-proposal=…` (and `data-filter-unit`) for a proposal's element."""
        if who is None:
            return ""
        self.proposals.add(who.ids)
        if not self.attributed:
            return ""
        self.delegations.update(dict.fromkeys(_clean(code) for code in who.by))
        return (f'{" data-filter-unit" if unit else ""} data-by="{_escape(BY_SEPARATOR.join(who.by))}"'
                f' data-proposal="{_escape(BY_SEPARATOR.join(who.ids))}"')

    def status_class(self, who: Proposers) -> str:
        """` ps-rejected`…: decided proposals are styled (greyed) when every status is shown."""
        return f" ps-{who.status.value}" if self.every_status else ""

    def after(self, who: Proposers, words: str) -> str:
        """The proposers in `<bdi>` (their proposal, date and note in its title), then the
        proposal's status when every status is shown."""
        out = ""
        words = _clean(words.strip())
        if words:
            title = " · ".join(part for part in (", ".join(who.ids), who.date, who.note) if part)
            out += (f' <bdi class="by" data-by="{_escape(BY_SEPARATOR.join(who.by))}" title="{_escape(title)}">'
                    f'{_escape(words)}</bdi>')
        if self.every_status:
            data = f' data-by="{_escape(BY_SEPARATOR.join(who.by))}"' if self.attributed else ""
            out += f' <span class="pstatus ps-{who.status.value}"{data} lang="en">[{who.status.value}]</span>'
        return out

    def piece(self, piece: Piece) -> str:
        who = piece.proposers
        if piece.kind == "text" or who is None:
            return _text_html(piece.text, self.notes)
        tag = "ins" if piece.kind == "insert" else "del"
        status = self.status_class(who)
        classes = f' class="{status.strip()}"' if status else ""
        after = self.after(who, attribution_text(piece, self.style)) if piece.ends_proposal else ""
        text, lead, trail = piece.text, "", ""
        if text.strip():
            # Spaces at the ends of a span are shown outside it: underlining or striking a
            # space marks nothing, and 'promouvoir ~~tous les droits et ~~(RUS: delete)la
            # dignité' needs the space after the proposers, not before them.
            stripped = text.lstrip()
            lead, text = text[:len(text) - len(stripped)], stripped
            if _TRAILING_SPACE.search(text):
                stripped = text.rstrip()
                text, trail = stripped, text[len(stripped):]
        return (f"{_escape(lead)}<{tag}{classes}{self.attributes(who)}>{_text_html(text, self.notes)}</{tag}>"
                f"{after}{_escape(trail)}")

    def pieces(self, pieces: Sequence[Piece]) -> str:
        """The pieces in order; an option group (overlapping proposals) as its variants one
        after the other, each in brackets: the text as it stands first, then each proposal's
        version of it.  Each proposal's variant is a filter unit; the text as it stands is
        the one left (`data-filter-default`) when the filter hides every other."""
        out: list[str] = []
        k = 0
        while k < len(pieces):
            piece = pieces[k]
            if piece.group is None:
                out.append(self.piece(piece))
                k += 1
                if k < len(pieces) and _replaced_by(piece, pieces[k]):
                    out.append(" ")
                continue
            end = k
            while end < len(pieces) and pieces[end].group == piece.group:
                end += 1
            variants: dict[int, list[Piece]] = {}
            for member in pieces[k:end]:
                variants.setdefault(member.variant, []).append(member)
            options: list[str] = []
            for variant, members in sorted(variants.items()):
                inner = "".join(self.piece(member) + (" " if _replaced_by(member, following) else "")
                                for member, following in zip(members, [*members[1:], None]))
                who = next((m.proposers for m in members if m.proposers is not None), None)
                if variant == 0 or who is None:
                    attributes = ' class="option original" data-filter-default'
                else:
                    attributes = f' class="option{self.status_class(who)}"{self.attributes(who, unit=True)}'
                # The space between two options is inside the second, so that an option the
                # filter hides takes its space with it.
                space = " " if options else ""
                options.append(f'<span{attributes}>{space}<span class="bracket">[</span>{inner}'
                               f'<span class="bracket">]</span></span>')
            out.append(f'<span class="options">{"".join(options)}</span>')
            k = end
        return "".join(out)

    def note(self, kind: str, who: Proposers, intro: str = "", text: str = "", label: str = "") -> ProposalNote:
        self.attributes(who)  # counted, and its delegations offered in the filter
        return ProposalNote(
            kind=kind, label=_clean(label), intro=intro,
            html=Markup(_text_html(text, self.notes)) if text else Markup(""),
            after=Markup(self.after(who, proposers_text(who, self.style))),
            by=tuple(_clean(code) for code in who.by) if self.attributed else (),
            proposal=_clean(BY_SEPARATOR.join(who.ids)) if self.attributed else "",
            status=who.status.value if self.every_status else "",
        )

    def notes_of(self, compiled: CompiledParagraph) -> tuple[ProposalNote, ...]:
        intros = self.intros
        notes = [self.note("alternative", a.proposers, "" if a.text else intros["no-text"], a.text, a.label)
                 for a in compiled.alternatives]
        notes += [self.note("delete", who, intros["delete"]) for who in compiled.deletions]
        notes += [self.note("move", who, intros[side].format(label=_clean(where)))
                  for who, side, where in compiled.moves]
        notes += [self.note("retain", who, intros["retain"]) for who in compiled.retains]
        notes += [self.note("statement", who, intros["statement"], text) for who, text in compiled.statements]
        return tuple(notes)

    def paragraph(self, compiled: CompiledParagraph) -> CompiledView:
        paragraph = compiled.paragraph
        status = paragraph.status.label if paragraph.status.value is not StatusValue.OPEN else ""
        block = Block(_clean(compiled.label), paragraph.kind.value, paragraph.level,
                      Markup(self.pieces(compiled.pieces)), _clean(status))
        who = compiled.proposed_by
        unit = who is not None and self.attributed  # an added paragraph: shown or hidden whole by the filter
        anchor = f"p-{_clean(paragraph.id)}"
        if who is not None and not self.attributed:
            # An added paragraph's id is made from its proposal's ('add-eu-3f9a2c'), which
            # names the delegation: numbered instead.
            self.added += 1
            anchor = f"p-added-{self.added}"
        return CompiledView(
            anchor=anchor, block=block, status_value=paragraph.status.value.value,
            added=who is not None,
            by=tuple(_clean(code) for code in who.by) if unit and who is not None else (),
            proposal=_clean(BY_SEPARATOR.join(who.ids)) if unit and who is not None else "",
            notes=self.notes_of(compiled),
        )


def _page_words(language: str, shown: int, skipped: int) -> dict[str, str]:
    """The words around the compilation text (`compilation.PAGE_PHRASES`) in the text's
    language, English where it is not one of the six, with their language and direction."""
    code = phrase_language(language)
    phrases = PAGE_PHRASES[code]
    return {
        "language": code,
        "dir": "rtl" if languages.is_rtl(code) else "ltr",
        "heading": LEGEND_NOTES[code]["compilation"],
        "colon": NOTE_INTROS[code]["colon"],
        "after_colon": NOTE_INTROS[code]["after-colon"],
        "shown": (phrases["shown-one"] if shown == 1 else phrases["shown"]).format(n=shown),
        "every_status": phrases["every-status"],
        "filter": phrases["filter"],
        "all": phrases["all"],
        "count_one": phrases["count-one"],
        "count_many": phrases["count"],
        "skipped": phrases["skipped"].format(n=skipped),
    }


def _legend_lines(code: str, style: str, every_status: bool, colour_statuses: bool
                  ) -> tuple[tuple[str, str], list[tuple[str, str, Markup]], list[tuple[str, str, str]]]:
    """The legend's title and its language, its lines (key, language, HTML) and the
    status colours (value, label, colour) when paragraphs are coloured.  Lines are in the
    text's language where translated, in English otherwise, each marked with its own."""
    code = phrase_language(code)
    more = LEGEND_NOTES[code]
    lines = [(key, code, Markup(_escape(text))) for key, text in legend(code, style)]
    if style == "none":
        lines.append(("attribution", code, Markup(_escape(more["none"]))))
    else:
        samples = {name: Markup(f'<bdi class="by">{_escape(attribution_text(piece, style).strip())}</bdi>')
                   for name, piece in _LEGEND_SAMPLES.items()}
        lines.append(("attribution", code, Markup(_escape(more[style])).format(**samples)))
    if every_status:
        lines.append(("every-status", code, Markup(_escape(more["every-status"]))))
    colours: list[tuple[str, str, str]] = []
    if colour_statuses:
        lines.append(("colours", code, Markup(_escape(more["colours"]))))
        colours = [(value, value.replace("-", " "), colour) for value, colour in STATUS_COLOURS.items()]
    return (more["title"], code), lines, colours


def render_compilation_html(compilation: Compilation, *, attribution: str = "parentheses",
                            colour_statuses: bool = False, templates: str | Path | None = None) -> str:
    """The compilation text of a round as one self-contained HTML page: `<ins>` (bold,
    underlined) and `<del>` (struck through) with the proposers after each proposal in
    the `attribution` style ('parentheses', 'dash' or 'none'), option groups of
    overlapping proposals one bracketed variant after the other, alternatives, deletions,
    moves, retains and statements under their paragraph, added paragraphs with their
    bis/ter labels; a masthead, a legend, the delegation filter; each paragraph's status
    tag, and with `colour_statuses` its colour."""
    if attribution not in ATTRIBUTION_STYLES:
        raise ValueError(f"attribution must be one of {', '.join(ATTRIBUTION_STYLES)}, not {attribution!r}")
    with collector_paused():
        return _render_compilation(compilation, attribution, colour_statuses, templates)


def _render_compilation(compilation: Compilation, style: str, colour_statuses: bool,
                        templates: str | Path | None) -> str:
    round_ = compilation.round
    language = _language(round_)
    every_status = tuple(compilation.statuses) != (ProposalStatus.PENDING,)
    notes = _Notes(round_)
    build = _CompilationHtml(notes, style, every_status, language.code)
    paragraphs = [build.paragraph(compiled) for compiled in compilation.paragraphs]
    footnotes = [(_Notes.anchor(_clean(f.footnote.id)), _clean(f.footnote.label or f.footnote.id),
                  Markup(build.pieces(f.pieces))) for f in compilation.footnotes]
    (legend_title, legend_language), legend_lines, colours = _legend_lines(
        language.code.split("-")[0].lower(), style, every_status, colour_statuses)
    skipped = [(_clean(proposal.id), _clean(", ".join(proposal.by)), _clean(reason))
               for proposal, reason in compilation.skipped] if build.attributed else []
    words = _page_words(language.code, len(build.proposals), len(skipped))
    title = _title(round_)
    return _render(
        "compilation.html", templates,
        title=f"{title or _clean(round_.label)} — compilation text",
        heading=title,
        language=language,
        round_label=_clean(round_.label),
        date=_clean(round_.date),
        masthead=_masthead(round_, notes),
        legend_title=legend_title,
        legend_language=legend_language,
        legend=legend_lines,
        colours=colours,
        attribution=style,
        every_status=every_status,
        statuses=[status.value for status in compilation.statuses],
        colour_statuses=colour_statuses,
        paragraphs=paragraphs,
        footnotes=footnotes,
        words=words,
        skipped=skipped,
        delegations=sorted(build.delegations, key=str.casefold),
    )


# ---------------------------------------------------------------------------------------
# Blame: each passage with the round it entered in


ROUND_COLOURS = 8
"""Rounds after the first take the colours r1 … r8 of blame.css in turn."""


@dataclass(frozen=True, slots=True)
class RoundKey:
    """A round in the blame page's legend: its label, its colour and how many passages
    entered in it ('' colour for the first round, whose text is plain)."""

    label: str
    colour: str
    passages: int


def _spaces_outside(bits: list[_Bit]) -> tuple[str, list[_Bit], str]:
    """The spaces at the ends of a passage taken out of it, so that its mark starts and
    ends on a word (a mark that starts with a space draws an empty box where a line wraps)."""
    lead = trail = ""
    bits = list(bits)
    if bits and bits[0].footnote is None and bits[0].text[:1].isspace():
        first = bits[0]
        stripped = first.text.lstrip()
        lead = first.text[: len(first.text) - len(stripped)]
        bits[0] = _Bit(first.start + len(lead), stripped, first.italic, first.bold)
    if bits and bits[-1].footnote is None and bits[-1].text[-1:].isspace():
        last = bits[-1]
        stripped = last.text.rstrip()
        trail = last.text[len(stripped):]
        bits[-1] = _Bit(last.start, stripped, last.italic, last.bold)
    return lead, [bit for bit in bits if bit.text or bit.footnote is not None], trail


def render_blame_html(blamed: Sequence[Blame], round_: Round, negotiation: Negotiation, *,
                      templates: str | Path | None = None) -> str:
    """A round with each passage marked by the round it entered the text in (`<mark>`, a
    colour per round) and followed by that round and its proposers (`<sup>`, also in the
    mark's title); text from the first round is plain.  The delegation filter highlights
    one delegation's passages."""
    with collector_paused():
        return _render_blame(blamed, round_, negotiation, templates)


def _render_blame(blamed: Sequence[Blame], round_: Round, negotiation: Negotiation,
                  templates: str | Path | None) -> str:
    from drafttool.model import CHAIR

    labels = [r.label for r in negotiation.rounds]
    rounds = labels[: labels.index(round_.label) + 1] if round_.label in labels else [*labels, round_.label]
    first = rounds[0]
    colours = {label: "" if k == 0 else f"r{(k - 1) % ROUND_COLOURS + 1}" for k, label in enumerate(rounds)}
    notes = _Notes(round_)
    paragraphs = {p.id: p for p in round_.paragraphs}
    counts: Counter[str] = Counter()
    delegations: dict[str, None] = {}
    rows: list[tuple[str, str, Block]] = []
    for item in blamed:
        paragraph = paragraphs.get(item.paragraph_id) or Paragraph(item.paragraph_id, "", label=item.label)
        texts = [passage.text for passage in item.passages]
        out: list[str] = []
        for passage, bits in zip(item.passages, _cut("".join(texts), texts)):
            if passage.round == first:
                out.append(_runs_html(bits, notes))
                continue
            lead, bits, trail = _spaces_outside(bits)
            html = _runs_html(bits, notes)
            if not html:
                out.append(_escape(lead + trail))
                continue
            counts[passage.round] += 1
            colour = colours.get(passage.round) or f"r{ROUND_COLOURS}"
            delegations.update(dict.fromkeys(_clean(code) for code in passage.by))
            who = ", ".join(passage.by) or CHAIR
            title = f"{passage.round}: {who}" + (f" ({passage.proposal})" if passage.proposal else "")
            proposal = f' data-proposal="{_escape(passage.proposal)}"' if passage.proposal else ""
            out.append(f'{_escape(lead)}<span class="passage {colour}" data-round="{_escape(passage.round)}" '
                       f'data-by="{_escape(BY_SEPARATOR.join(passage.by))}"{proposal}>'
                       f'<mark title="{_escape(title)}">{html}</mark>'
                       f'<sup class="who"><bdi>{_escape(passage.round)}</bdi> · <bdi>{_escape(who)}</bdi></sup></span>'
                       f'{_escape(trail)}')
        rows.append((paragraph.kind.value, _clean(paragraph.id), _block(paragraph, "".join(out))))
    footnotes = [(_Notes.anchor(_clean(f.id)), _clean(f.label or f.id), text_html(f.text, notes))
                 for f in round_.footnotes]
    keys = [RoundKey(_clean(label), colours[label], counts[label]) for label in rounds]
    title = _title(round_)
    return _render(
        "blame.html", templates,
        title=f"{title or _clean(round_.label)} — blame",
        language=_language(round_),
        round_label=_clean(round_.label),
        date=_clean(round_.date),
        first_round=_clean(first),
        masthead=_masthead(round_, notes),
        rounds=keys,
        paragraphs=rows,
        footnotes=footnotes,
        delegations=sorted(delegations, key=str.casefold),
    )


# ---------------------------------------------------------------------------------------
# Progress: tables and two bar charts in inline SVG


PARAGRAPH_STATUSES = (("agreed", "agreed", "#3f8f4a"), ("agreed-ad-ref", "agreed ad ref", "#4a7fc1"),
                      ("pending", "pending", "#e0b400"), ("silence", "silence", "#8f8f8f"),
                      ("bracketed", "bracketed", "#d9722e"), ("open", "open", "#c9ced6"))
"""Paragraph statuses in the order the bars stack them (most agreed first), with colours."""
OUTCOMES = (("accepted", "accepted", "#3f8f4a"), ("rejected", "rejected", "#c0392b"),
            ("withdrawn", "withdrawn", "#8f8f8f"), ("merged", "merged", "#8e6bbf"),
            ("pending", "pending", "#e0b400"))
"""Outcomes of proposals, stacked in this order."""


@dataclass(frozen=True, slots=True)
class BarSegment:
    key: str
    label: str
    value: int
    x: float
    width: float
    colour: str
    ink: str
    """The colour of the value written inside the segment."""
    show_value: bool
    """Written inside only where it fits; always in the segment's `<title>`."""


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    """As shown (shortened when long)."""
    full_label: str
    y: float
    total: int
    total_x: float
    segments: tuple[BarSegment, ...]


@dataclass(frozen=True, slots=True)
class BarChart:
    """A horizontal stacked bar chart, laid out here and drawn by progress.html as SVG."""

    id: str
    title: str
    description: str
    width: int
    height: int
    label_width: int
    bar_height: int
    bars: tuple[Bar, ...]
    legend: tuple[tuple[str, str, str, float], ...]
    """(key, label, colour, x) of each swatch."""
    legend_y: float


_CHART_WIDTH = 720
_LABEL_WIDTH = 150
_ROW = 26
_BAR = 18


def _ink(colour: str) -> str:
    """Black or white, whichever reads on the colour (its luma)."""
    red, green, blue = (int(colour[k:k + 2], 16) for k in (1, 3, 5))
    return "#000" if 0.299 * red + 0.587 * green + 0.114 * blue > 150 else "#fff"


def _short(label: str, limit: int = 20) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def bar_chart(chart_id: str, title: str, description: str, rows: Sequence[tuple[str, dict[str, int]]],
              keys: Sequence[tuple[str, str, str]]) -> BarChart:
    """Lay out one bar per row, its values stacked in the order of `keys` (key, label,
    colour), scaled to the largest total; the total is written after each bar."""
    area = _CHART_WIDTH - _LABEL_WIDTH - 50
    largest = max((sum(values.get(key, 0) for key, _, _ in keys) for _, values in rows), default=0) or 1
    bars = []
    for number, (label, values) in enumerate(rows):
        y = 8 + number * _ROW
        x = float(_LABEL_WIDTH)
        segments = []
        for key, name, colour in keys:
            value = values.get(key, 0)
            if not value:
                continue
            width = round(area * value / largest, 2)
            segments.append(BarSegment(key, name, value, round(x, 2), width, colour, _ink(colour),
                                       width >= 8 * len(str(value)) + 4))
            x += width
        total = sum(values.get(key, 0) for key, _, _ in keys)
        bars.append(Bar(_clean(_short(label)), _clean(label), y, total, round(x + 5, 2), tuple(segments)))
    legend_y = 8 + len(rows) * _ROW + 14
    legend = []
    x = float(_LABEL_WIDTH)
    for key, name, colour in keys:
        legend.append((key, name, colour, round(x, 2)))
        x += 22 + 7.5 * len(name)
    return BarChart(chart_id, title, description, _CHART_WIDTH, int(legend_y + 18), _LABEL_WIDTH, _BAR,
                    tuple(bars), tuple(legend), legend_y)


def render_progress_html(progress: Progress, *, templates: str | Path | None = None) -> str:
    """The progress of a negotiation: per round, its paragraphs by status, bracketed
    spans (unbalanced ones listed) and the outcomes of the proposals made on it; per
    delegation and group, its proposals by outcome and its support and opposition; two
    charts as inline SVG (stacked bars), with titles and text labels."""
    with collector_paused():
        return _render_progress(progress, templates)


def _render_progress(progress: Progress, templates: str | Path | None) -> str:
    rounds = progress.rounds
    status_chart = bar_chart(
        "chart-statuses", "Paragraphs by status, per round",
        "; ".join(f"{r.label}: " + ", ".join(f"{r.statuses.get(key, 0)} {name}" for key, name, _ in PARAGRAPH_STATUSES
                                              if r.statuses.get(key, 0)) for r in rounds) or "No rounds.",
        [(r.label, r.statuses) for r in rounds], PARAGRAPH_STATUSES)
    outcome_chart = bar_chart(
        "chart-outcomes", "Proposals by outcome, per delegation and group",
        "; ".join(f"{d.code}: {d.proposals.get('proposed', 0)} proposed"
                  + "".join(f", {d.proposals.get(key, 0)} {name}" for key, name, _ in OUTCOMES
                            if d.proposals.get(key, 0)) for d in progress.delegations) or "No proposals.",
        [(d.code, d.proposals) for d in progress.delegations], OUTCOMES)
    title = _clean(progress.title)
    title_language = languages.guess_language(title) if title else "en"
    return _render(
        "progress.html", templates,
        title=f"{title} — progress" if title else "Progress",
        heading=title,
        heading_language=Language(title_language, languages.is_rtl(title_language)),
        language=Language("en", False),
        rounds=[(_clean(r.label), _clean(r.date), r) for r in rounds],
        unbalanced=[(_clean(r.label), [(_clean(pid), _clean(message)) for pid, message in r.brackets.unbalanced])
                    for r in rounds if r.brackets.unbalanced],
        delegations=[(_clean(d.code), _clean(d.name), d) for d in progress.delegations],
        statuses=PARAGRAPH_STATUSES,
        outcomes=OUTCOMES,
        round_chart=status_chart,
        outcome_chart=outcome_chart,
    )
