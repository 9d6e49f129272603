"""Negotiation brackets: count the bracketed spans of a round and find unbalanced ones.

Square brackets mark text not yet agreed (docs/negotiated-texts.md, 'Brackets'); they nest and
may span paragraphs (a bracketed section), so depth runs across the whole text.  Footnote
references (`[^fn-3]`) are markup, not brackets, and are never counted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafttool.text import markup
from drafttool.model import Paragraph, Round

_BRACKET = re.compile(r"[\[\]]")


@dataclass(frozen=True, slots=True)
class BracketReport:
    """Brackets of a round: how many spans, how deep, which paragraphs hold some, and
    where they do not balance."""

    spans: int = 0
    """Matched [ … ] pairs, nested ones counted each."""
    deepest: int = 0
    paragraphs: tuple[str, ...] = ()
    """Ids of paragraphs with a bracket in them."""
    unbalanced: tuple[tuple[str, str], ...] = ()
    """(paragraph id, what is wrong) for each ']' that closes nothing and '[' never closed."""


def scan_brackets(round_: Round) -> BracketReport:
    spans = deepest = depth = 0
    holders: list[str] = []
    opened_in: list[Paragraph] = []
    unbalanced: list[tuple[str, str]] = []
    for paragraph in round_.paragraphs:
        if "[" not in paragraph.text and "]" not in paragraph.text:
            continue  # most paragraphs: no bracket, nothing to take markup off
        plain = markup.plain(paragraph.text)
        if "[" not in plain and "]" not in plain:
            continue
        holders.append(paragraph.id)
        for char in _BRACKET.findall(plain):
            if char == "[":
                depth += 1
                deepest = max(deepest, depth)
                opened_in.append(paragraph)
            elif char == "]":
                if depth == 0:
                    unbalanced.append((paragraph.id, f"']' in paragraph {paragraph.label or paragraph.id} closes no '['"))
                else:
                    depth -= 1
                    spans += 1
                    opened_in.pop()
    for opener in opened_in:
        unbalanced.append((opener.id, f"'[' opened in paragraph {opener.label or opener.id} is never closed"))
    return BracketReport(spans, deepest, tuple(holders), tuple(unbalanced))
