"""What every page shares: a paragraph as shown (`Block`), the language and direction of
the text (`Language`), the masthead lines, the title, how a paragraph is named.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from drafttool.model import Kind, Paragraph, Round, StatusValue
from drafttool.renderers.html.markup import Notes, clean, text_html
from drafttool.shown import masthead_lines
from drafttool.text import languages, markup


BY_SEPARATOR = "|"
"""Joins delegation codes in `data-by` attributes (codes may hold spaces: 'G77 and China')."""


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


def language_of(*rounds: Round) -> Language:
    code = next((r.language for r in rounds if r.language), "")
    if not code:
        code = languages.guess_language(" ".join(markup.plain(p.text) for r in rounds[:1] for p in r.paragraphs[:50]))
    return Language(code, languages.is_rtl(code))


def label_of(paragraph: Paragraph) -> str:
    return clean(paragraph.label)


def name_of(paragraph: Paragraph) -> str:
    """How a paragraph is named in 'moved from after …': its label, or its first words."""
    if paragraph.label:
        return clean(paragraph.label)
    words = markup.plain(paragraph.text).split()
    head = " ".join(words[:5])
    if len(head) > 40:
        head = head[:40]
    return clean(f"“{head}…”" if len(words) > 5 or len(head) == 40 else f"“{head}”")


def block_of(paragraph: Paragraph, html: str) -> Block:
    status = paragraph.status.label if paragraph.status.value is not StatusValue.OPEN else ""
    return Block(label_of(paragraph), paragraph.kind.value, paragraph.level, Markup(html), clean(status))


def masthead_html(round_: Round, notes: Notes) -> list[tuple[str, Markup]]:
    """The masthead lines (`shown.masthead_lines`) as HTML, each with its field as a class
    name ('agenda-item')."""
    return [(name.replace("_", "-"), text_html(value, notes)) for name, value in masthead_lines(round_)]


def title_of(round_: Round) -> str:
    for paragraph in round_.paragraphs:
        if paragraph.kind is Kind.TITLE:
            return clean(markup.plain(paragraph.text))
    return ""
