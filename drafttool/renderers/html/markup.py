"""Inline markup → HTML: the runs of marked-up text (`*italic*`, `**bold**`, `[^id]`,
read by `text.markup`, the one grammar of the markup) as escaped HTML, every piece of
input text escaped with markupsafe and control characters made visible.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import quote

from markupsafe import Markup, escape

from drafttool.model import Round
from drafttool.text import markup
from drafttool.text.markup import Run

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def _visible_control(match: re.Match[str]) -> str:
    """A control character as its picture (U+2400 block), so that it shows as text."""
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else "\ufffd"


def clean(text: str) -> str:
    return _CONTROL.sub(_visible_control, text) if not text.isprintable() and _CONTROL.search(text) else text


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


def runs_html(runs: Iterable[Run], notes: Notes, labels: dict[str, str] | None = None) -> str:
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
    return runs_html(markup.parse(text), notes, labels)


def text_html(text: str, notes: Notes) -> Markup:
    """HTML of one marked-up text (a paragraph, a footnote, a masthead line)."""
    return Markup(marked_html(text, notes))
