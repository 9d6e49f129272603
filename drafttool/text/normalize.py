"""The normalised form texts are compared on, so that typography makes no false diffs.

docs/negotiated-texts.md, 'Typography of the six languages': French no-break spaces (U+00A0, narrow U+202F)
before ; : ! ? and inside « », curly and straight quotes and apostrophes, dashes, Arabic
tatweel, presentation forms and Arabic-Indic digits, Chinese full-width punctuation.  The
original text is always kept for display; only comparisons use these keys.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from drafttool.text import markup
from drafttool.text.languages import CJK_LETTERS, has_cjk

_TRANSLATE = str.maketrans({
    **{c: "'" for c in "‘’‚‛′`´ʼ"},
    **{c: '"' for c in "“”„‟″«»‹›「」『』"},
    **{c: "-" for c in "‐‑‒–—―−"},
    "\u0640": None,  # Arabic tatweel (kashida) only stretches letters
    "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\ufeff": None,
    "\u200e": None, "\u200f": None, "\u061c": None,  # bidi marks
    **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic digits
    **{chr(0x06F0 + i): str(i) for i in range(10)},  # Eastern Arabic-Indic digits
    "、": ",", "。": ".",
})
# str.translate looks every character up in a dict: slow on long texts, so it only runs
# when one of the characters it maps is there.
_MAPPED = re.compile("[" + re.escape("".join(chr(c) for c in _TRANSLATE)) + "]")
_SPACE_BEFORE = re.compile(r" (?=[;:!?,.)\]\"'%])")
_SPACE_AFTER = re.compile(r"([(\[\"]) ")


_ONE_FOR_ONE = {code: to for code, to in _TRANSLATE.items() if isinstance(to, str) and len(to) == 1}
_FOLD = {**_ONE_FOR_ONE, **{ord(space): " " for space in "\u00a0\u202f\u2007\u2009"}}
"""The typography folded character for character: quotes, dashes, digits and no-break or
thin spaces, for matching that must keep every offset."""


def fold_typography(text: str) -> str:
    """`text` with quotes, dashes, Arabic-Indic digits and no-break or thin spaces folded
    as `normalise` folds them, one character for one: offsets stay valid."""
    return text.translate(_FOLD)


@lru_cache(maxsize=65536)
def normalise_token(token: str) -> str:
    """The comparison key of one token (a word, a space, a punctuation mark)."""
    if token.isspace():
        return " "
    if token.isascii():
        return token
    token = unicodedata.normalize("NFKC", token)
    return token.translate(_TRANSLATE) if _MAPPED.search(token) else token


def normalise(text: str) -> str:
    """The comparison key of a whole text: typography folded, spaces single and trimmed,
    and no space before closing punctuation or after opening punctuation."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
        if _MAPPED.search(text):
            text = text.translate(_TRANSLATE)
    text = " ".join(text.split())  # str.split is C speed: a regex here took two thirds of the time
    text = _SPACE_BEFORE.sub("", text)
    return _SPACE_AFTER.sub(r"\1", text)


def paragraph_key(text: str) -> str:
    """The key two paragraphs' marked-up texts are matched on: words only, normalised."""
    return normalise(markup.plain(text))


_PLAIN_WORDS = re.compile(r"\w+")


@cache
def _cjk_words() -> re.Pattern[str]:
    """The words of a text with CJK letters: compiled when first asked for (its ranges
    cost 2 ms to compile, at every start)."""
    return re.compile(rf"[{CJK_LETTERS}]|(?:(?![{CJK_LETTERS}])\w)+")


def words(text: str) -> list[str]:
    """The words of marked-up text as matching keys, case-folded; each Chinese character
    a word of its own (the script is written without spaces).  No full normalisation:
    apostrophes, dashes and spaces never reach a word; only the tatweel can hide in one."""
    plain = markup.plain(text).casefold()
    if "\u0640" in plain:
        plain = plain.replace("\u0640", "")
    # A text with CJK forms and no CJK letter has the same words either way.
    return (_cjk_words() if has_cjk(plain) else _PLAIN_WORDS).findall(plain)
