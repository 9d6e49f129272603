"""Dates as UN documents print them in the six languages, from CLDR (through Babel).

'2024-02-23' becomes '23 February 2024', '23 février 2024', '23 de febrero de 2024',
'23 февраля 2024 г.', '23 شباط/فبراير 2024' and '2024年2月23日'.  The Arabic form names
the month twice, the Levantine name then the Egyptian one, as the Organization's Arabic
documents do; both names come from CLDR (locales ar_SY and ar_EG), as do every other
month name and pattern: no month table is written here.
"""

from __future__ import annotations

import datetime
import functools

from babel.dates import format_date as _babel_format_date
from babel.dates import get_month_names

PATTERNS = {"en": "d MMMM y", "fr": "long", "es": "long", "ru": "long", "zh": "long"}
"""CLDR pattern per language: English day first as the UN writes it ('23 February 2024',
not CLDR's American 'February 23, 2024'); the others take CLDR's long date."""


def parse_iso(text: str) -> datetime.date | None:
    """The date an ISO string starts with ('2024-02-23', '2024-02-23T10:00'), or None."""
    try:
        return datetime.date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None


@functools.lru_cache(maxsize=None)
def _arabic_month(month: int) -> str:
    levant = get_month_names("wide", locale="ar_SY")[month]
    egypt = get_month_names("wide", locale="ar_EG")[month]
    return levant if levant == egypt else f"{levant}/{egypt}"


def format_date(text: str, language: str) -> str:
    """An ISO date as the text's language prints it; any other text is returned as it is
    (a date already printed, or none).  Languages outside the six get the English form."""
    date = parse_iso(text)
    if date is None:
        return text
    language = (language or "en").split("-")[0].lower()
    if language == "ar":
        return f"{date.day} {_arabic_month(date.month)} {date.year}"
    pattern = PATTERNS.get(language)
    if pattern is None:
        language, pattern = "en", PATTERNS["en"]
    return str(_babel_format_date(date, pattern, locale=language))
