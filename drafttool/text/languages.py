"""The six UN languages: guess a text's language, and the masthead words of each.

Readers use these to recognise masthead lines and to set `Round.language`; the diff uses
`is_cjk` to tokenise scripts written without spaces.
"""

from __future__ import annotations

import re
from functools import cache

LANGUAGE_NAMES = {
    "ar": ("العربية", "Arabic", "Arabe", "Árabe", "Арабский"),
    "zh": ("中文", "Chinese", "Chinois", "Chino", "Китайский"),
    "en": ("English", "Anglais", "Inglés", "Английский"),
    "fr": ("Français", "French", "Francés", "Французский"),
    "ru": ("Русский", "Russian", "Russe", "Ruso"),
    "es": ("Español", "Spanish", "Espagnol", "Испанский"),
}

RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur"})

_STOPWORDS = {
    "en": {"the", "of", "and", "to", "in", "that", "for", "with", "on", "its"},
    "fr": {"le", "la", "les", "des", "de", "et", "du", "à", "en", "que", "au", "aux"},
    "es": {"el", "la", "los", "las", "de", "del", "y", "en", "que", "por", "con"},
}


CJK_LETTERS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\U00020000-\U0002fa1f"
"""Kana, Han ideographs (with the compatibility and supplementary planes) and Hangul, as
the inside of a regular-expression class: the letters of scripts written without
spaces, each one a word."""
CJK_FORMS = "\u3000-\u303f\uff00-\uffef"
"""CJK punctuation and full-width forms: written without spaces too."""


@cache
def _cjk() -> re.Pattern[str]:
    """Compiled when first asked for: its ranges cost 2.5 ms to compile, at every start."""
    return re.compile(f"[{CJK_LETTERS}{CJK_FORMS}]")


_WIDE = re.compile(r"[^\x00-\u2fff]")
"""A character at or above U+3000, where the CJK ranges start: most texts hold none, and
this class compiles in a fraction of the time the CJK ranges take."""


def has_cjk(text: str) -> bool:
    """Whether `text` holds a character written without spaces (`is_cjk`)."""
    return not text.isascii() and _WIDE.search(text) is not None and _cjk().search(text) is not None


def is_cjk(char: str) -> bool:
    """True for Han ideographs, kana, Hangul and full-width forms: written without spaces."""
    if char < "\u3000":
        return False  # Latin, Cyrillic, Arabic: below every range
    return _cjk().match(char) is not None


def guess_language(text: str) -> str:
    """The likely UN language of a text, by script, then by common words for Latin."""
    sample = text[:20000]
    counts = {"ar": 0, "zh": 0, "ru": 0, "latin": 0}
    for char in sample:
        code = ord(char)
        if 0x0600 <= code <= 0x06FF or 0xFB50 <= code <= 0xFEFF:
            counts["ar"] += 1
        elif is_cjk(char):
            counts["zh"] += 1
        elif 0x0400 <= code <= 0x04FF:
            counts["ru"] += 1
        elif char.isalpha():
            counts["latin"] += 1
    script = max(counts, key=lambda key: counts[key])
    if script != "latin":
        return script if counts[script] else ""
    words = re.findall(r"[^\W\d_]+", sample.lower())
    scores = {lang: sum(word in stop for word in words) for lang, stop in _STOPWORDS.items()}
    best = max(scores, key=lambda key: scores[key])
    return best if scores[best] else ""


def is_rtl(language: str) -> bool:
    return language.split("-")[0] in RTL_LANGUAGES


# Masthead lines, in the six languages, as they appear at the top of UN documents.
MASTHEAD_PATTERNS: dict[str, re.Pattern[str]] = {
    "symbol": re.compile(r"^[A-Z]{1,6}(?:/[A-Za-z0-9.()\-]+){1,8}$"),
    "distribution": re.compile(r"^Distr\.", re.IGNORECASE),
    "original": re.compile(r"^(Original|Подлинный текст|الأصل|原文)\s*[:：]", re.IGNORECASE),
    "session": re.compile(
        r"(\bsession\b|período de sesiones|сессия|الدورة|届会)", re.IGNORECASE
    ),
    "agenda_item": re.compile(
        r"(ordre du jour|\bagenda\b|del programa|повестки дня|جدول الأعمال|议程)", re.IGNORECASE
    ),
    "date": re.compile(
        r"^(\d{1,2}(er)?\.?\s+\S+\s+(de\s+)?\d{4}( г\.)?|\S+\s+\d{1,2},\s+\d{4}|\d{4}年\d{1,2}月\d{1,2}日"
        r"|[0-9٠-٩]{1,2}\s+\S+\s+[0-9٠-٩]{4})$"
    ),
}


def masthead_field(line: str) -> str | None:
    """Which masthead field a line is, or None: 'symbol', 'date', 'language'…"""
    stripped = line.strip()
    for names in LANGUAGE_NAMES.values():
        if stripped in names:
            return "language"
    for name, pattern in MASTHEAD_PATTERNS.items():
        if pattern.search(stripped):
            return name
    return None


def language_from_name(name: str) -> str:
    """'Français' → 'fr'; '' when not a language name."""
    for code, names in LANGUAGE_NAMES.items():
        if name.strip() in names:
            return code
    return ""
