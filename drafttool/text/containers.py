"""Headings that open a numbering scope, in the six UN languages: 'Article 8 bis', 'Annex II',
'Decision 1/CMA.3', 'Option 2: No text', 'Alt.', 'Статья 4', 'المادة 4', '第四条'.

`container_heading` reads one at the start of a paragraph's text and says which `Scope`
it opens, the label as written, the key its id is made of ('8bis', '2', '1-CMA-3') and
the heading words after it.  Used by the structure pass of every reader and by the
addressing of paragraphs ('Art. 4.2', 'Article 4, paragraph 2').
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from drafttool.model import Scope
from drafttool.text.labels import ARABIC_INDIC, LATIN_SUFFIXES, from_chinese, from_roman

_SUFFIX = "|".join(LATIN_SUFFIXES)
_NUMBER = rf"(?P<n>[0-9]{{1,4}}|premier|première|[٠-٩]{{1,4}}|[IVXLC]{{1,7}}|[A-Z](?![a-z]))(?:\s?(?P<suffix>{_SUFFIX})\b)?"
_WORDS: dict[Scope, str] = {
    Scope.ARTICLE: r"Article|ARTICLE|Art\.|Artículo|ARTÍCULO|Artigo|Статья|СТАТЬЯ|المادة",
    Scope.PART: r"Part|PART|Partie|PARTIE|Parte|PARTE|Часть|ЧАСТЬ|الجزء",
    Scope.CHAPTER: r"Chapter|CHAPTER|Chapitre|CHAPITRE|Capítulo|CAPÍTULO|Глава|ГЛАВА|الفصل",
    Scope.SECTION: r"Section|SECTION|Sección|SECCIÓN|Раздел|РАЗДЕЛ|الفرع",
    Scope.ANNEX: r"Annex|ANNEX|Annexe|ANNEXE|Anexo|ANEXO|Приложение|ПРИЛОЖЕНИЕ|المرفق",
    Scope.DECISION: r"Draft decision|Decision|DECISION|Projet de décision|Décision|DÉCISION|Proyecto de decisión"
                    r"|Decisión|DECISIÓN|Проект решения|Решение|РЕШЕНИЕ|مشروع المقرر|المقرر",
    Scope.OPTION: r"Option|OPTION|Opción|OPCIÓN|Вариант|ВАРИАНТ|الخيار|Alternative|Alt\.?",
}
_LATIN = re.compile(
    r"^(?P<word>" + "|".join(f"(?P<{scope.name}>{words})" for scope, words in _WORDS.items()) + r")"
    r"(?:\s+(?:" + _NUMBER + r"|(?P<decision>-?[0-9]*/[A-Za-z]+(?:\.[0-9A-Za-z]+)*)))?"
    r"(?P<mark>\s*[.:：]|\s+[-–—]|)(?=\s|$)"
)
_CHINESE = (r"^(?:第(?P<n>[0-9]{1,4}|[一二三四五六七八九十百]{1,5})(?P<unit>条|部分|章|节)|(?P<annex>附件)(?P<an>[一二三四五六七八九十0-9]*)"
                      r"|(?P<option>备选案文|选项)\s*(?P<on>[0-9一二三四五六七八九十]*))(?P<mark>\s*[：:.]|)")
_CHINESE_FIRST = "第附备选"
"""The characters a Chinese container heading opens with: the pattern is compiled, and
tried, only on a text that opens with one."""
_CHINESE_UNITS = {"条": Scope.ARTICLE, "部分": Scope.PART, "章": Scope.CHAPTER, "节": Scope.SECTION}
_BARE = (Scope.ANNEX, Scope.OPTION)
"""Scopes whose heading may stand without a number: 'Annex', 'Alt.'."""


@dataclass(frozen=True, slots=True)
class ContainerHeading:
    """A heading that opens a container, read off the start of a paragraph."""

    scope: Scope
    label: str
    """As written: 'Article 8 bis', 'Option 1:', 'Annex II', '第四条'."""
    key: str
    """The id's key: '8bis', '2', '1-CMA-3'; '' when the heading has no number."""
    rest: str
    """The heading words after the label ('Use of terms'), or '' when none."""
    number: int = 0
    """The number read (roman and Chinese numerals as numbers); 0 when none."""


def _value(text: str) -> int:
    text = text.translate(ARABIC_INDIC)
    if text in ("premier", "première"):
        return 1  # French 'Article premier'
    if text.isdigit():
        return int(text)
    if (roman := from_roman(text)) is not None:
        return roman
    if (chinese := from_chinese(text)) is not None:
        return chinese
    if len(text) == 1 and text.isalpha() and text.isascii():
        return ord(text.upper()) - ord("A") + 1
    return 0


def container_heading(text: str, *, heading: bool = False) -> ContainerHeading | None:
    """The container heading at the start of `text`, or None.

    A line that begins like one but goes on as a sentence ('Article 4 of the Convention
    shall apply') is not a heading: after the label there must be nothing, or a mark (':',
    '.', a dash) and a few words not ending a sentence, or `heading` (the file marks it
    as a heading) must be true.  Options open with a colon and take any words after it.
    """
    text = text.strip()
    match = _LATIN.match(text)
    scope: Scope | None = None
    if match:
        scope = next(s for s in _WORDS if match.group(s.name))
        number = match.group("n") or ""
        decision = match.group("decision") or ""
        if scope is Scope.DECISION and decision:
            key = re.sub(r"[^0-9A-Za-z]+", "-", decision).strip("-") or "x"
            value = int(re.match(r"-?([0-9]*)", decision).group(1) or 0)  # type: ignore[union-attr]
        elif number:
            value = _value(number)
            if scope is not Scope.OPTION and len(number) == 1 and number.isalpha() and from_roman(number) is None \
                    and scope is not Scope.ANNEX:
                return None  # 'Part A' is a heading of its own kind, not a numbered part
            key = (str(value) if value else number) + (match.group("suffix") or "")
        elif scope in _BARE:
            key, value = "", 0
        else:
            return None
        written = text[: match.end()].strip()
        rest = text[match.end():].strip()
        mark = match.group("mark").strip()
        if scope is Scope.OPTION and match.group("word").startswith("Alt"):
            key = f"alt{key}"
    else:
        chinese = _chinese().match(text) if text and text[0] in _CHINESE_FIRST else None
        if not chinese:
            return None
        if chinese.group("unit"):
            scope, raw = _CHINESE_UNITS[chinese.group("unit")], chinese.group("n")
        elif chinese.group("annex"):
            scope, raw = Scope.ANNEX, chinese.group("an")
        else:
            scope, raw = Scope.OPTION, chinese.group("on")
        value = _value(raw) if raw else 0
        key = str(value) if value else ""
        written, rest = text[: chinese.end()].strip(), text[chinese.end():].strip()
        mark = chinese.group("mark").strip() or ("：" if text[chinese.end():][:1].isspace() else "")
    if rest and not heading and not _heading_words(rest, scope, mark):
        return None
    return ContainerHeading(scope, written, key, rest, value)


@cache
def _chinese() -> re.Pattern[str]:
    return re.compile(_CHINESE)


def _heading_words(rest: str, scope: Scope, mark: str) -> bool:
    """Whether the words after a container label are its heading, not a sentence going on."""
    if scope is Scope.OPTION and mark in (":", "："):
        return True
    if not mark:
        return False
    return len(rest.split()) <= 12 and not rest.rstrip("*_ ").endswith((".", ";", ",", "。"))
