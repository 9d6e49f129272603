"""Stored text made safe to print on a terminal, and delegation codes made comparable.

A title, label or name comes from a file or a person and may hold what a terminal obeys
rather than shows: escape sequences (ESC ] … sets the window title or writes to the
clipboard; ESC [ … moves the cursor), other control bytes, and the Unicode controls that
reorder what follows (a right-to-left override makes 'ASU' read 'USA').  `visible` writes
each of them as its escape, `\\x1b` or `\\u202e`, so that it is seen and not obeyed.

A delegation code is compared and stored as `normalize_code` makes it: NFKC (full-width
'ＥＵ' is 'EU'), with no format or bidi controls (a zero-width space makes 'EU\\u200b' look
like 'EU'); `code_problem` refuses what would still let a code pass for another: letters
of two scripts ('ЕU' with a Cyrillic Е), controls, nothing but spaces.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from enum import Enum
from typing import TypeVar

T = TypeVar("T")

_REORDERING = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""Bidi marks, embeddings, overrides and isolates: what can make text read otherwise."""

_HIDDEN = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f\u2028\u2029{_REORDERING}]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with control, line-separating and bidi-reordering characters written as
    escapes (`\\x1b`, `\\u202e`); other text, right-to-left scripts included, as it is."""
    return _HIDDEN.sub(_escape, text)


def normalize_code(name: str) -> str:
    """A delegation code, name or alias as it is compared and stored: NFKC, without
    format characters (zero-width spaces, bidi controls) and outer spaces."""
    text = unicodedata.normalize("NFKC", name)
    return "".join(c for c in text if unicodedata.category(c) != "Cf").strip()


def code_problem(name: str) -> str | None:
    """Why a delegation code, name or alias may not be registered, or None."""
    if not name.strip():
        return "is empty"
    if any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in name):
        return "holds control or invisible characters"
    scripts = sorted({_script(c) for c in name if c.isalpha()})
    if len(scripts) > 1:
        return f"mixes letters of several scripts ({', '.join(scripts)}), which lets it pass for another"
    return None


def _script(letter: str) -> str:
    # The first word of a letter's Unicode name is its script for every script a UN
    # delegation writes in (LATIN, CYRILLIC, ARABIC, CJK, GREEK…).
    return unicodedata.name(letter, "UNKNOWN").split(" ")[0].title()


def visible_values(value: T) -> T:
    """A model value (round, blame, progress…) with every string in it made `visible`,
    for a renderer that prints to a terminal.  Ids change alike everywhere, so what
    refers to what still holds."""
    if isinstance(value, Enum):
        return value
    if isinstance(value, str):
        return visible(value)  # type: ignore[return-value]
    if isinstance(value, tuple):
        return tuple(visible_values(v) for v in value)  # type: ignore[return-value]
    if isinstance(value, list):
        return [visible_values(v) for v in value]  # type: ignore[return-value]
    if isinstance(value, dict):
        return {visible_values(k): visible_values(v) for k, v in value.items()}  # type: ignore[return-value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: visible_values(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
        return dataclasses.replace(value, **changes)  # type: ignore[return-value]
    return value
