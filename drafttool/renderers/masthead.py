"""The masthead and running header as UN documents print them: data every renderer prints.

A UN document opens with two rows: 'United Nations' and the symbol; the organ, with the
distribution, date, language and original language on the right.  The session, the body,
the venue and the agenda item follow (see any General Assembly draft).  A revised round
carries its revision in the symbol ('E/CN.7/2024/L.2/Rev.1'), and its date is the round's,
printed in the text's language (`text.dates`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafttool.model import Round
from drafttool.text import markup
from drafttool.text.dates import format_date, parse_iso

UNITED_NATIONS = {"en": "United Nations", "fr": "Nations Unies", "es": "Naciones Unidas",
                  "ru": "Организация Объединенных Наций", "ar": "الأمم المتحدة", "zh": "联合国"}
"""The name at the top left of the first page, in each of the six languages."""

_REVISION = re.compile(r"^rev\.?\s*(\d+)$", re.IGNORECASE)
_SYMBOL_REVISION = re.compile(r"/Rev\.\d+$")


def language_of(round_: Round) -> str:
    return (round_.language or "en").split("-")[0].lower()


def revision_of(label: str) -> int | None:
    """1 for a round labelled 'Rev.1' ('rev 1', 'Rev1'), None for others."""
    found = _REVISION.match(label.strip())
    return int(found.group(1)) if found else None


def round_symbol(round_: Round) -> str:
    """The symbol the round is issued under: a revised round's with its '/Rev.N'."""
    symbol = round_.symbol.strip()
    revision = revision_of(round_.label)
    if not symbol or revision is None:
        return symbol
    return f"{_SYMBOL_REVISION.sub('', symbol)}/Rev.{revision}"


def round_date(round_: Round) -> str:
    """The date printed in the masthead: the round's own date in the text's language
    (the masthead's printed date belongs to the round it was read from)."""
    if parse_iso(round_.date):
        return format_date(round_.date, language_of(round_))
    return markup.plain(round_.masthead.date) or round_.date


@dataclass(frozen=True, slots=True)
class MastheadBlock:
    """The masthead in its rows, each line (field name, marked-up text)."""

    top: tuple[tuple[str, str], ...]
    """'United Nations' (field 'united_nations') and the symbol."""
    organ: tuple[tuple[str, str], ...]
    """The organ (left); the distribution, date, language and original (right)."""
    below: tuple[tuple[str, str], ...]
    """Body, session, venue, agenda item and title, then lines that fit no field."""

    def lines(self) -> list[tuple[str, str]]:
        """Every line in reading order."""
        return [*self.top, *self.organ, *self.below]


def masthead_block(round_: Round) -> MastheadBlock:
    """The round's masthead as printed, empty fields left out.  Without a symbol nor an
    organ the round has no masthead to speak of, and the name of the Organization is not
    added on its own."""
    masthead = round_.masthead
    symbol = round_symbol(round_)

    def keep(*pairs: tuple[str, str]) -> tuple[tuple[str, str], ...]:
        return tuple((name, value) for name, value in pairs if value)

    top = keep(("united_nations", markup.escape(UNITED_NATIONS.get(language_of(round_), UNITED_NATIONS["en"]))
                if symbol or masthead.organ else ""), ("symbol", markup.escape(symbol)))
    date = round_date(round_) if (symbol or masthead.organ or masthead.date) else ""
    organ = keep(("organ", masthead.organ), ("distribution", masthead.distribution), ("date", markup.escape(date)),
                 ("language", masthead.language), ("original", masthead.original))
    below = keep(("body", masthead.body), ("session", masthead.session), ("venue", masthead.venue),
                 ("agenda_item", masthead.agenda_item), ("agenda_title", masthead.agenda_title),
                 *(("other", line) for line in masthead.other))
    return MastheadBlock(top, organ, below)


def running_header(round_: Round) -> str:
    """The running head of every page after the first: the symbol and the round
    ('E/CN.7/2024/L.2/Rev.1 · Rev.1'); the round alone when there is no symbol."""
    symbol = round_symbol(round_)
    return f"{symbol} · {round_.label}" if symbol else round_.label
