"""The masthead of a UN document made with the UN Word templates: the lines above the
title (organ, symbol, distribution, date, language, session, agenda item), often in a
table of their own, read as the round's masthead rather than as preambular paragraphs.

Takes the first paragraphs of the body, as text, with whether each is in the first
table; gives the masthead field of each of the paragraphs the masthead takes.
A block is a masthead only if it holds a line that nothing but a masthead has: a document
symbol ('FCCC/CP/2021/L.1'), a distribution line ('Distr.: General') or an original
language line ('Original: English').  It ends at the first numbered, heading or title
paragraph, or at the first line that is none of the masthead's own, outside that table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafttool.text import languages

MASTHEAD_LOOKAHEAD = 30
"""Paragraphs looked at from the start: a masthead, even in a table, has fewer."""

_PROOF = {"symbol", "distribution", "original"}
_UN = {"United Nations", "Nations Unies", "Naciones Unidas", "Организация Объединенных Наций", "الأمم المتحدة", "联合国"}


@dataclass(frozen=True, slots=True)
class Line:
    """A paragraph at the start of the body."""

    text: str
    """Its text in inline markup."""
    plain: str
    in_first_table: bool
    ends: bool
    """Whether it is numbered, a heading or the title: the masthead is above it."""


def masthead_fields(lines: list[Line]) -> dict[int, str]:
    """Masthead field of each masthead line by its index ('organ', 'symbol', 'other'…);
    empty when the document does not open with a masthead."""
    found: dict[int, str | None] = {}
    previous: str | None = None
    for index, line in enumerate(lines):
        if line.ends:
            break
        name = "other" if line.plain.strip() in _UN else languages.masthead_field(line.plain)
        if name is None and found and not line.in_first_table and previous not in ("agenda_item", "session"):
            break
        found[index] = previous = name
    if not _PROOF & set(found.values()):
        return {}
    fields: dict[int, str] = {}
    previous = None
    for index, name in found.items():
        taken = set(fields.values())
        if name is None:
            name = ("agenda_title" if previous == "agenda_item" else
                    "venue" if previous == "session" and re.search(r"\d{4}", lines[index].plain) else
                    "organ" if "organ" not in taken else "body" if "body" not in taken else "other")
        if name in taken and name != "other":
            name = "other"
        fields[index] = previous = name
    return fields
