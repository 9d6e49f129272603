"""The WordprocessingML names the reader compares tags with, and how it reads attributes.

Every tag is built once (`wordml.qn`) and compared by identity of strings: a long document
has a run per word, and each run is looked at several times.
"""

from __future__ import annotations

from lxml.etree import _Element

from drafttool.wordml import qn

P, R, T, PPR, RPR, TBL, TR, TC = (qn(f"w:{n}") for n in ("p", "r", "t", "pPr", "rPr", "tbl", "tr", "tc"))
INS, DEL, MOVE_FROM, MOVE_TO = (qn(f"w:{n}") for n in ("ins", "del", "moveFrom", "moveTo"))
VAL, ID = qn("w:val"), qn("w:id")
TRUE = ("1", "true", "on")


def on(element: _Element | None) -> bool | None:
    """A toggle property (`w:b`, `w:i`…): None when absent, else its value (17.7.3)."""
    if element is None:
        return None
    value = element.get(VAL)
    return value is None or value.lower() in TRUE


def to_int(value: str | None, default: int | None = None) -> int | None:
    """An integer attribute; outside Word's 32-bit range (a hostile `w:start`), the default."""
    try:
        number = int(value) if value is not None else default
    except ValueError:
        return default
    return number if number is None or -2**31 <= number < 2**31 else default


def attr(element: _Element | None, name: str = VAL) -> str | None:
    """An attribute of an element that may be missing (`w:val` unless named)."""
    return element.get(name) if element is not None else None
