"""The mastheads of two rounds compared line by line.

Takes the two `Round`s; returns a `MastheadChange` for each masthead line either has
(`MASTHEAD_FIELDS` order, the round's symbol among them), with the words changed, so
that no output runs the word differ itself.
"""

from __future__ import annotations

from drafttool.compare.diff import WordDiffer
from drafttool.model import MASTHEAD_FIELDS, MastheadChange, Round
from drafttool.text import markup


def masthead_values(round_: Round) -> list[tuple[str, tuple[str, ...]]]:
    """Each masthead field (`MASTHEAD_FIELDS`) with its lines as marked-up text: one line
    a field, the symbol escaped (it is plain text), any number for 'other'; '' where the
    round has none."""
    values: list[tuple[str, tuple[str, ...]]] = []
    for name in MASTHEAD_FIELDS:
        if name == "symbol":
            values.append((name, (markup.escape(round_.symbol),)))
        elif name == "other":
            values.append((name, round_.masthead.other))
        else:
            values.append((name, (getattr(round_.masthead, name),)))
    return values


def masthead_pairs(old: Round, new: Round) -> list[tuple[str, str, str]]:
    """(field, old text, new text) of each masthead line in printed order; the 'other'
    lines paired by position."""
    pairs: list[tuple[str, str, str]] = []
    for (name, olds), (_, news) in zip(masthead_values(old), masthead_values(new)):
        pairs += [(name, olds[k] if k < len(olds) else "", news[k] if k < len(news) else "")
                  for k in range(max(len(olds), len(news)))]
    return pairs


def compare_mastheads(old: Round, new: Round, differ: WordDiffer | None = None) -> tuple[MastheadChange, ...]:
    """Each masthead line that either round has, with its words compared."""
    differ = differ or WordDiffer()
    return tuple(MastheadChange(name, before, after, differ.segments(before, after))
                 for name, before, after in masthead_pairs(old, new) if before or after)
