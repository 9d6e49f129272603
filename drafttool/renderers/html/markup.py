"""Inline markup → HTML: the runs of marked-up text (`*italic*`, `**bold**`, `[^id]`)
as escaped HTML, every piece of input text escaped with markupsafe and control
characters made visible.

Segments of a change may cut a format run in two (a deletion ending inside `*…*`), so
a text is scanned whole, with source offsets, and its runs are cut back at the
segments' boundaries (`cut`): every piece keeps the italic or bold it has in its own
text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
import re
from urllib.parse import quote

from markupsafe import Markup, escape

from drafttool.model import Round
from drafttool.text.markup import Run


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


def clean(text: str) -> str:
    return _CONTROL.sub(_visible_control, text) if not text.isprintable() and _CONTROL.search(text) else text


@dataclass(slots=True)
class Bit:
    """Visible text (or a footnote reference) at an offset of the marked-up source."""

    start: int
    text: str
    italic: bool
    bold: bool
    footnote: str | None = None


def scan(source: str) -> list[Bit]:
    if "*" not in source and "\\" not in source and "[" not in source:  # no markup: the common case
        return [Bit(0, source, False, False)] if source else []
    bits: list[Bit] = []
    italic = bold = False
    for match in _TOKEN.finditer(source):
        token = match.group()
        first = token[0]
        if first == "\\" and len(token) == 2:
            bits.append(Bit(match.start() + 1, token[1], italic, bold))
        elif token == "**":
            bold = not bold
        elif token == "*":
            italic = not italic
        elif first == "[" and len(token) > 3:
            bits.append(Bit(match.start(), "", italic, bold, token[2:-1]))
        else:
            bits.append(Bit(match.start(), token, italic, bold))
    return bits


def join_bits(bits: Iterable[Bit]) -> list[Run]:
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
    return tuple(join_bits(scan(text)))


def cut(source: str, pieces: Sequence[str]) -> list[list[Bit]]:
    """The bits of `source` (the pieces joined) that fall in each piece, formats taken
    from the whole source: a piece that starts inside `*…*` is italic."""
    bits = scan(source)
    out: list[list[Bit]] = [[] for _ in pieces]
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
            out[k].append(Bit(start, text[:take], bit.italic, bit.bold))
            start, text = start + take, text[take:]
    return out


def escape_text(text: str) -> str:
    """Text made safe for HTML content and quoted attributes (markupsafe), control
    characters made visible."""
    if not text.isprintable() and _CONTROL.search(text):
        text = _CONTROL.sub(_visible_control, text)
    return str(escape(text))


class Notes:
    """Footnote ids → the numbers shown and the page anchors they link to."""

    def __init__(self, *rounds: Round) -> None:
        self.labels: dict[str, str] = {}
        for round_ in reversed(rounds):  # the first round named wins
            self.labels.update({f.id: f.label or f.id for f in round_.footnotes})

    @staticmethod
    def anchor(footnote_id: str) -> str:
        return f"fn-{clean(footnote_id)}"

    def ref(self, footnote_id: str, labels: dict[str, str] | None = None) -> str:
        number = (labels or self.labels).get(footnote_id) or self.labels.get(footnote_id, footnote_id)
        href = quote(self.anchor(footnote_id), safe="")
        return f'<sup class="fnref"><a href="#{escape_text(href)}">{escape_text(number)}</a></sup>'


def runs_html(runs: Iterable[Run | Bit], notes: Notes, labels: dict[str, str] | None = None) -> str:
    """HTML of runs (escaped): `<strong>` outside `<em>`, footnote references as linked
    numbers; neighbouring runs of one format are joined."""
    out: list[str] = []
    text: list[str] = []
    italic = bold = False

    def flush() -> None:
        if text:
            html = escape_text("".join(text))
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


def marked_html(text: str, notes: Notes, labels: dict[str, str] | None = None) -> str:
    if "*" not in text and "\\" not in text and "[" not in text:
        return escape_text(text)
    return runs_html(scan(text), notes, labels)


def text_html(text: str, notes: Notes) -> Markup:
    """HTML of one marked-up text (a paragraph, a footnote, a masthead line)."""
    return Markup(marked_html(text, notes))
