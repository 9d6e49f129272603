"""Paragraph labels of UN texts in the six languages: recognise, read and write them.

Takes the first characters of a paragraph and says whether they are a label — '18.',
'3 bis.', 'a)', '(a)', '(iv)', '(أ)', '١ -', 'I.', 'A.', '一、', '（一）' — and of what
sort; writes labels in a given style for renumbering and for Word's number formats.
Which of 'i)' (a letter, or roman one?) is meant depends on the item before it, so
`classify_item` takes that context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

LATIN_SUFFIXES = ("bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies", "decies")
"""Labels of inserted paragraphs after '3': '3 bis', '3 ter'… (docs/negotiated-texts.md, 'bis, ter, supra')."""

ARABIC_INDIC = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")

ABJAD = ("أ", "ب", "ج", "د", "هـ", "و", "ز", "ح", "ط", "ي", "ك", "ل", "م", "ن", "س", "ع", "ف", "ص", "ق", "ر", "ش", "ت", "ث", "خ", "ذ", "ض", "ظ", "غ")
"""Arabic subparagraph letters in abjad order (أبجد هوز حطي…), not alphabetical."""

CHINESE_NUMERALS = "一二三四五六七八九十"


class LabelSort(str, Enum):
    NUMBER = "number"
    """'18.', '3 bis.', '١ -'"""
    LETTER = "letter"
    """'a)', '(a)', '(أ)', '（一）' and the heading letters 'A.'"""
    ROMAN = "roman"
    """'i)', '(iv)', and the heading numerals 'I.'"""


_set = object.__setattr__


@dataclass(frozen=True, slots=True, init=False)
class Label:
    """A label found at the start of a paragraph."""

    text: str
    """As written, without the space after it: '18.', '(a)', 'III.'."""
    sort: LabelSort
    ordinal: int
    """1 for '1.', 'a)', 'i)', 'I.', 'أ', '一'."""
    suffix: str = ""
    """'bis', 'ter'… of an inserted paragraph."""
    upper: bool = False
    """Capital letter or numeral: 'A.', 'I.' (headings)."""
    end: int = 0
    """Index in the paragraph where the text after the label starts."""

    # Written out, as `Paragraph`'s is (drafttool/model.py says why): one is made a numbered paragraph.
    def __init__(self, text: str, sort: LabelSort, ordinal: int, suffix: str = "", upper: bool = False,
                 end: int = 0) -> None:
        _set(self, "text", text)
        _set(self, "sort", sort)
        _set(self, "ordinal", ordinal)
        _set(self, "suffix", suffix)
        _set(self, "upper", upper)
        _set(self, "end", end)


_SUFFIX = "|".join(LATIN_SUFFIXES)
_NUMBER = re.compile(
    rf"""(?P<n>[0-9]{{1,6}}|[٠-٩]{{1,6}}|[۰-۹]{{1,6}})   # 18, 12345, or Arabic-Indic digits
        (?:[ .]?(?P<suffix>{_SUFFIX}))?                   # 3bis, 3 bis, 3.bis
        (?P<mark>\.|\s?[-–]|、)                           # '18.', '١ -', '1、'
        (?:(?<=、)|(?=\s|$))
        [ \t\u00a0\u202f]*                              # the space after it, up to the text""",
    re.VERBOSE,
)
_ITEM = re.compile(
    r"""(?P<open>[(（]?)
        (?P<item>[a-z]{1,2}|[ivxlc]{1,6}|[A-Z]|[IVXLC]{1,6}
           |هـ|[أبجدوزحطيكلمنسعفصقرشتثخذضظغ]|[一二三四五六七八九十]{1,3})
        (?P<close>[)）]|\.|、)
        (?:(?<=[）、])|(?=\s|$))              # Chinese closers need no space after them
        [ \t\u00a0\u202f]*                  # the space after it, up to the text""",
    re.VERBOSE,
)


def to_roman(number: int, upper: bool = True) -> str:
    """Roman numerals: 4 → 'IV'."""
    values = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
              (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = []
    for value, numeral in values:
        while number >= value:
            out.append(numeral)
            number -= value
    text = "".join(out)
    return text if upper else text.lower()


_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


def from_roman(text: str) -> int | None:
    """The value of a roman numeral, or None if it is not a well-formed one."""
    values = _ROMAN_VALUES
    lowered = text.lower()
    if not lowered or any(c not in values for c in lowered):
        return None
    total = 0
    for i, char in enumerate(lowered):
        value = values[char]
        if i + 1 < len(lowered) and values[lowered[i + 1]] > value:
            total -= value
        else:
            total += value
    return total if to_roman(total, upper=False) == lowered else None


def to_letters(number: int, upper: bool = False) -> str:
    """Letters as Word and the UN count them: 1 → 'a', 26 → 'z', 27 → 'aa'."""
    letter = chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)
    return letter.upper() if upper else letter


def from_letters(text: str) -> int | None:
    if not text or len(set(text)) != 1 or not text.isascii() or not text.isalpha():
        return None
    return (len(text) - 1) * 26 + ord(text[0].lower()) - ord("a") + 1


def to_chinese(number: int) -> str:
    """一 … 十, 十一 … 九十九."""
    if number <= 10:
        return CHINESE_NUMERALS[number - 1]
    tens, units = divmod(number, 10)
    return (CHINESE_NUMERALS[tens - 1] if tens > 1 else "") + "十" + (CHINESE_NUMERALS[units - 1] if units else "")


def from_chinese(text: str) -> int | None:
    if not text or any(c not in CHINESE_NUMERALS for c in text):
        return None
    if "十" not in text:
        return CHINESE_NUMERALS.index(text) + 1 if len(text) == 1 else None
    tens, _, units = text.partition("十")
    if len(tens) > 1 or len(units) > 1:
        return None  # '二二十' is no numeral
    value = (CHINESE_NUMERALS.index(tens) + 1 if tens else 1) * 10
    return value + (CHINESE_NUMERALS.index(units) + 1 if units else 0)


def number_label(text: str) -> Label | None:
    """A paragraph number at the start of `text`: '18.', '3 bis.', '١ -', '1、'."""
    match = _NUMBER.match(text)
    if not match:
        return None
    # int() reads Arabic-Indic digits as they are (they are Unicode decimal digits).
    return Label(text[: match.end("mark")], LabelSort.NUMBER, int(match.group("n")), match.group("suffix") or "",
                 end=match.end())


def item_label(text: str) -> tuple[Label | None, Label | None]:
    """The two readings of an item label at the start of `text`: (as letter, as roman)."""
    match = _ITEM.match(text)
    if not match:
        return None, None
    # The readings depend only on the label and the space after it, as written: a round
    # holds a few dozen of them ('a) ', '(iv) ') over thousands of items.
    key = match.group(0)
    readings = _ITEM_READINGS.get(key)
    if readings is None:
        if len(_ITEM_READINGS) > 4096:  # odd spacing read over many files: never grow without bound
            _ITEM_READINGS.clear()
        readings = _ITEM_READINGS[key] = _item_readings(match, match.end())
    return readings


_ITEM_READINGS: dict[str, tuple[Label | None, Label | None]] = {}
"""Item readings by label and the space after it: few distinct keys, since labels have
at most 6 characters and the text after them starts a space or two later."""


def _item_readings(match: re.Match[str], end: int) -> tuple[Label | None, Label | None]:
    item, opening, closing = match.group("item"), match.group("open"), match.group("close")
    if closing == "." and opening:
        return None, None
    written = match.group(0)[: match.end("close")]
    latin = item.isascii()
    upper = latin and item.isupper()
    # '1.'-style closings belong to headings (I., A.), ')' to subparagraphs: a lower-case
    # letter closed by '.' is too likely to be an abbreviation to count.
    if closing == "." and not upper:
        return None, None
    as_letter = as_roman = None
    if not latin and item in ABJAD:
        as_letter = Label(written, LabelSort.LETTER, ABJAD.index(item) + 1, end=end)
    elif not latin and (value := from_chinese(item)) is not None:
        as_letter = Label(written, LabelSort.LETTER, value, end=end)
    else:
        if (value := from_letters(item)) is not None:
            as_letter = Label(written, LabelSort.LETTER, value, upper=upper, end=end)
        if (value := from_roman(item)) is not None:
            as_roman = Label(written, LabelSort.ROMAN, value, upper=upper, end=end)
    return as_letter, as_roman


def label_at_start(text: str) -> str:
    """The label a text starts with as written ('3 bis.', 'a)', '(iv)'), or '' — what a
    reader would take for the paragraph's label."""
    number = number_label(text)
    if number:
        return number.text
    as_letter, as_roman = item_label(text)
    found = as_letter or as_roman
    return found.text if found else ""


def successor(previous: Label | None, candidate: Label) -> bool:
    """True when `candidate` is the label that follows `previous` in the same series."""
    if previous is None:
        return candidate.ordinal == 1 and not candidate.suffix
    if previous.sort is not candidate.sort or previous.upper != candidate.upper:
        return False
    if candidate.suffix:
        return candidate.ordinal == previous.ordinal
    return candidate.ordinal == previous.ordinal + 1


def format_number(number: int, suffix: str = "", style: str = "{n}.", arabic: bool = False) -> str:
    """A paragraph number in a style: '{n}.' → '18.', '{n} -' → '18 -'; 'bis' spaced in."""
    digits = str(number)
    if arabic:
        digits = digits.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    if suffix:
        digits = f"{digits} {suffix}"
    return style.replace("{n}", digits)


def format_item(ordinal: int, sort: LabelSort, style: str = "{n})", script: str = "latin") -> str:
    """A subparagraph label: 'a)', '(a)', '(iv)', '(أ)', '（一）'."""
    if sort is LabelSort.ROMAN:
        item = to_roman(ordinal, upper=False)
    elif script == "arabic":
        item = ABJAD[(ordinal - 1) % len(ABJAD)]
    elif script == "chinese":
        item = to_chinese(ordinal)
    else:
        item = to_letters(ordinal)
    return style.replace("{n}", item)


def bare_label(label: str) -> str:
    """A label without its closing mark, to build others on: '4.' → '4', '4 -' → '4',
    '一、' → '一'; '(a)' and 'a)' are kept whole."""
    return re.sub(r"\s*[.\-–、]$", "", label.strip())
