"""What every page shares: a paragraph as shown (`Block`), the language and direction of
the text (`Language`), the masthead lines, the title, how a paragraph is named.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from drafttool.model import Kind, Paragraph, Round, StatusValue
from drafttool.renderers.html.markup import Notes, clean, escape_text, text_html
from drafttool.renderers.masthead import language_of as round_language
from drafttool.renderers.masthead import masthead_block
from drafttool.text import languages, markup
from drafttool.text.dates import format_date
from drafttool.renderers.words import label_in, names_text, phrase_language, status_words, words_of


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
    """The status tag in the text's language ('agreed ad ref', 'approuvé ad referendum'),
    '' for an open paragraph."""
    status_key: str = ""
    """The status value ('agreed-ad-ref'), which names its colour."""

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


def label_of(paragraph: Paragraph, language: str = "") -> str:
    """The paragraph's label as the text's language writes it ('3 مكررا' for '3 bis')."""
    return clean(label_in(paragraph.label, language) if language else paragraph.label)


_RTL_LETTER = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def text_dir(text: str, language: Language) -> str:
    """The direction of a note or line of a page: its page's, but left to right in a
    right-to-left page where it holds no right-to-left letter (a footnote that is only a
    symbol, 'A/HRC/57/48.', would read '.A/HRC/57/48')."""
    if language.rtl and not _RTL_LETTER.search(text):
        return "ltr"
    return language.dir


def words_language(code: str) -> Language:
    """The language the tool's own words are written in on a page in `code`: the text's
    where it is one of the six, English otherwise."""
    words = phrase_language(code or "en")
    return Language(words, languages.is_rtl(words))


def isolated(text: str) -> str:
    """A code, label or place among the page's words, escaped and isolated (`<bdi>`)."""
    return f"<bdi>{escape_text(text)}</bdi>"


@dataclass(frozen=True, slots=True)
class PageWords:
    """The tool's words on a page (`renderers.words.WORDS`) and their language, with the
    phrases that put codes, places and statuses into them (each isolated)."""

    words: dict[str, str]
    language: Language

    @classmethod
    def of(cls, code: str) -> PageWords:
        return cls(words_of(code or "en"), words_language(code))

    def __getitem__(self, key: str) -> str:
        return self.words[key]

    def phrase(self, key: str, **values: str | Markup) -> Markup:
        """A phrase with its blanks filled, each value escaped and isolated (HTML given as
        `Markup` is put in as it is)."""
        return Markup(escape_text(self.words[key]).format(
            **{k: v if isinstance(v, Markup) else isolated(v) for k, v in values.items()}))

    def round_name(self, label: str, date: str, css: str = "") -> Markup:
        """A round named with its date: 'Rev.1 (8 mars 2024)', the label isolated."""
        attribute = f' class="{css}"' if css else ""
        html = f"<bdi{attribute}>{escape_text(label)}</bdi>"
        if date:
            html += f"{'' if self.language.code == 'zh' else ' '}{self.words['open']}{isolated(date)}{self.words['close']}"
        return Markup(html)

    def by(self, codes: Sequence[str]) -> Markup:
        """'by EU, CANZ', 'proposé par EU, CANZ', each code isolated."""
        return Markup(escape_text(self.words["by"]).format(codes=names_text(codes, self.language.code, isolated)))

    def status_change(self, change: Any) -> Markup:
        """'status open → agreed' in the page's words."""
        return self.phrase("status-change", old=change.status_old, new=change.status_new)


def name_of(paragraph: Paragraph) -> str:
    """How a paragraph is named in 'moved from after …': its label, or its first words."""
    if paragraph.label:
        return clean(paragraph.label)
    words = markup.plain(paragraph.text).split()
    head = " ".join(words[:5])
    if len(head) > 40:
        head = head[:40]
    return clean(f"“{head}…”" if len(words) > 5 or len(head) == 40 else f"“{head}”")


def block_of(paragraph: Paragraph, html: str, language: str = "") -> Block:
    """A paragraph as shown, its label and status tag in the text's `language` (English
    words where it is not given)."""
    open_ = paragraph.status.value is StatusValue.OPEN
    status = "" if open_ else status_words(paragraph.status, language or "en")
    return Block(label_of(paragraph, language), paragraph.kind.value, paragraph.level, Markup(html), clean(status),
                 "" if open_ else paragraph.status.value.value)


@dataclass(frozen=True, slots=True)
class MastheadView:
    """The masthead as UN documents print it (`renderers.masthead`), each line (field as a
    class name, HTML): 'United Nations' and the symbol; the organ beside the distribution,
    date, language and original; then the session, agenda item and title lines."""

    top: tuple[tuple[str, Markup], ...] = ()
    organ: tuple[tuple[str, Markup], ...] = ()
    right: tuple[tuple[str, Markup], ...] = ()
    below: tuple[tuple[str, Markup], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.top or self.organ or self.right or self.below)


def masthead_html(round_: Round, notes: Notes) -> MastheadView:
    """The round's masthead in the printed order, its date in the text's language."""
    block = masthead_block(round_)

    def lines(pairs: tuple[tuple[str, str], ...]) -> tuple[tuple[str, Markup], ...]:
        return tuple((name.replace("_", "-"), text_html(value, notes)) for name, value in pairs)

    return MastheadView(lines(block.top), lines(tuple(p for p in block.organ if p[0] == "organ")),
                        lines(tuple(p for p in block.organ if p[0] != "organ")), lines(block.below))


def date_of(round_: Round) -> str:
    """The round's date as its language prints it ('20 آذار/مارس 2025', '2025年3月20日')."""
    return clean(format_date(round_.date, round_language(round_)))


def footnotes_of(round_: Round, notes: Notes, language: Language) -> list[tuple[str, str, Markup, str]]:
    """The footnotes under a round's text: anchor, number, text as HTML, direction."""
    return [(Notes.anchor(clean(f.id)), clean(f.label or f.id), text_html(f.text, notes), text_dir(f.text, language))
            for f in round_.footnotes]


def title_of(round_: Round) -> str:
    for paragraph in round_.paragraphs:
        if paragraph.kind is Kind.TITLE:
            return clean(markup.plain(paragraph.text))
    return ""
