"""numbering.xml and the counters: the label Word displays before a numbered paragraph.

Takes the abstract lists and `w:num` instances (17.9); `Counters` walks them as Word
does while the paragraphs are read in order, and `format_number` writes a counter in any
of Word's number formats.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml.etree import _Element

from drafttool.readers import limits
from drafttool.readers.docx.elements import VAL, attr, on, to_int
from drafttool.readers.docx.styles import Styles
from drafttool.readers.structure import read_label
from drafttool.text import labels
from drafttool.text.labels import Label, LabelSort
from drafttool.wordml import qn


@dataclass(frozen=True, slots=True)
class Level:
    """A list level (`w:lvl`, 17.9.6)."""

    start: int = 1
    fmt: str = "decimal"
    text: str | None = None
    restart: int | None = None
    """`w:lvlRestart`: 1-based level whose use restarts this one; 0 never; None the one above."""
    legal: bool = False
    style: str | None = None


def _read_level(element: _Element, base: Level | None = None) -> Level:
    base = base or Level()
    text_element = element.find(qn("w:lvlText"))
    return Level(
        start=to_int(attr(element.find(qn("w:start"))), base.start) or 0,
        fmt=attr(element.find(qn("w:numFmt"))) or base.fmt,
        text=text_element.get(VAL, "") if text_element is not None else base.text,
        restart=to_int(attr(element.find(qn("w:lvlRestart"))), base.restart),
        legal=bool(on(element.find(qn("w:isLgl")))) or base.legal,
        style=attr(element.find(qn("w:pStyle"))) or base.style,
    )


@dataclass(slots=True)
class _Num:
    abstract: str
    starts: dict[int, int]
    """`w:startOverride` per level."""
    levels: dict[int, Level]
    """Levels redefined by `w:lvlOverride/w:lvl`."""


class NumberingDefinitions:
    """numbering.xml: abstract lists and the `w:num` instances paragraphs point at (17.9)."""

    def __init__(self, root: _Element | None, styles: Styles) -> None:
        self.abstracts: dict[str, dict[int, Level]] = {}
        self.nums: dict[str, _Num] = {}
        style_links: dict[str, str] = {}
        num_style_links: dict[str, str] = {}
        if root is None:
            return
        for element in root.iterchildren(qn("w:abstractNum")):
            abstract_id = element.get(qn("w:abstractNumId"), "")
            self.abstracts[abstract_id] = {
                to_int(lvl.get(qn("w:ilvl")), 0) or 0: _read_level(lvl) for lvl in element.iterchildren(qn("w:lvl"))
            }
            if (link := attr(element.find(qn("w:styleLink")))) is not None:
                style_links[link] = abstract_id
            if (link := attr(element.find(qn("w:numStyleLink")))) is not None:
                num_style_links[abstract_id] = link
        for element in root.iterchildren(qn("w:num")):
            num = _Num(attr(element.find(qn("w:abstractNumId"))) or "", {}, {})
            for override in element.iterchildren(qn("w:lvlOverride")):
                ilvl = to_int(override.get(qn("w:ilvl")), 0) or 0
                start = to_int(attr(override.find(qn("w:startOverride"))))
                if start is not None:
                    num.starts[ilvl] = start
                lvl = override.find(qn("w:lvl"))
                if lvl is not None:
                    num.levels[ilvl] = _read_level(lvl, self.abstracts.get(num.abstract, {}).get(ilvl))
            self.nums[element.get(qn("w:numId"), "")] = num
        # An abstract list that only names a numbering style takes the levels of the list
        # that style points at (w:numStyleLink → style → w:numId → w:styleLink, 17.9.21).
        for abstract_id, style_id in num_style_links.items():
            linked_num, _ = styles.numbering(style_id)
            target = self.nums.get(linked_num or "")
            source = target.abstract if target else style_links.get(style_id)
            if source and source != abstract_id and source in self.abstracts:
                self.abstracts[abstract_id] = self.abstracts[source]

    def level(self, num_id: str, ilvl: int) -> Level | None:
        num = self.nums.get(num_id)
        if num is None:
            return None
        return num.levels.get(ilvl) or self.abstracts.get(num.abstract, {}).get(ilvl)

    def level_of_style(self, num_id: str, style_id: str | None) -> int | None:
        """The level whose `w:pStyle` is this paragraph style (17.9.22)."""
        num = self.nums.get(num_id)
        if num is None or not style_id:
            return None
        for ilvl, level in sorted(self.abstracts.get(num.abstract, {}).items()):
            if level.style == style_id:
                return ilvl
        return None


@dataclass(frozen=True, slots=True)
class Numbered:
    """What Word displays before a numbered paragraph."""

    text: str
    fmt: str
    value: int


class Counters:
    """List counters while walking one view of the document, as Word keeps them: one set
    per abstract list, a level's use resetting the levels below it (17.9.10 lvlRestart).

    A `w:num`'s start overrides (17.9.27) take effect at the first paragraph of that num,
    for its level and the levels below it, never for the levels above: Word's "Restart
    numbering" on a level-2 heading writes a num overriding all nine levels, and the
    chapters above it keep counting (I … XIV, not I, II, III, I …), as Word and
    LibreOffice display them."""

    def __init__(self, definitions: NumberingDefinitions) -> None:
        self.definitions = definitions
        self.values: dict[str, list[int | None]] = {}
        self.used: set[str] = set()
        self.pending: dict[str, dict[int, tuple[str, int]]] = {}
        """Per abstract list, level → (num, start) of an override waiting for that num's
        first paragraph at that level."""

    def next(self, num_id: str, ilvl: int) -> Numbered | None:
        definitions = self.definitions
        num = definitions.nums.get(num_id)
        level = definitions.level(num_id, ilvl)
        if num is None or level is None:
            return None
        values = self.values.setdefault(num.abstract, [None] * 9)
        pending = self.pending.setdefault(num.abstract, {})
        first_use = num_id not in self.used
        waiting = pending.pop(ilvl, None)
        if first_use:
            self.used.add(num_id)
            if ilvl in num.starts:
                values[ilvl] = num.starts[ilvl] - 1
        elif waiting is not None and waiting[0] == num_id:
            values[ilvl] = waiting[1] - 1
        current = values[ilvl]
        values[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            if values[deeper] is None:
                continue  # nothing to reset
            deeper_level = definitions.level(num_id, deeper)
            restart = deeper_level.restart if deeper_level and deeper_level.restart is not None else deeper
            if restart > deeper:
                restart = deeper  # a restart level below this one is ignored (17.9.10)
            if restart != 0 and ilvl < restart:
                values[deeper] = None
        if first_use:  # a level below starts at its override if this num is the next to use it
            for deeper, start in num.starts.items():
                if ilvl < deeper < 9:
                    pending[deeper] = (num_id, start)
        if level.fmt == "bullet":
            return Numbered(level.text or "", "bullet", 0)

        def placeholder(match: re.Match[str]) -> str:
            index = int(match.group(1)) - 1
            other = definitions.level(num_id, index)
            if other is None:
                return ""
            value = values[index]
            value = other.start if value is None else value
            fmt = "decimal" if level.legal and other.fmt not in ("none", "bullet") else other.fmt
            return format_number(value, fmt)

        template = level.text if level.text is not None else f"%{ilvl + 1}."
        if len(template) > limits.MAX_LABEL_CHARACTERS:
            raise LabelTooLong(len(template), num_id, ilvl)
        text = re.sub(r"%([1-9])", placeholder, template)
        if len(text) > limits.MAX_LABEL_CHARACTERS:
            raise LabelTooLong(len(text), num_id, ilvl)
        return Numbered(text.strip(), level.fmt, values[ilvl] or 0)


class LabelTooLong(Exception):
    """A list label over `limits.MAX_LABEL_CHARACTERS`: the reader names the file and place."""

    def __init__(self, length: int, num_id: str, ilvl: int) -> None:
        super().__init__(f"its list label (numbering.xml, w:num {num_id}, level {ilvl + 1}) would be "
                         f"{length:,} characters long; drafttool reads labels up to "
                         f"{limits.MAX_LABEL_CHARACTERS:,}: is the file damaged?")


_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_ZODIAC = "子丑寅卯辰巳午未申酉戌亥"
_ARABIC_ALPHA = ("أ", "ب", "ت", "ث", "ج", "ح", "خ", "د", "ذ", "ر", "ز", "س", "ش", "ص", "ض", "ط", "ظ", "ع", "غ",
                 "ف", "ق", "ك", "ل", "م", "ن", "هـ", "و", "ي")
_RUSSIAN = "абвгдежзиклмнопрстуфхцчшщэюя"
_LETTER_FORMATS = {"lowerLetter", "upperLetter", "arabicAbjad", "arabicAlpha", "chineseCounting",
                   "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand", "japaneseCounting",
                   "ideographLegalTraditional", "chineseLegalSimplified", "ideographDigital", "ideographTraditional",
                   "ideographZodiac", "russianLower", "russianUpper"}
_NUMBER_FORMATS = {"decimal", "decimalZero", "hindiNumbers", "decimalFullWidth", "decimalFullWidth2",
                   "decimalHalfWidth", "decimalEnclosedParen", "decimalEnclosedFullstop", "decimalEnclosedCircle",
                   "decimalEnclosedCircleChinese", "ordinal", "cardinalText", "ordinalText", "arabicAbjadNumbers"}


def format_number(value: int, fmt: str) -> str:
    """A list counter as Word writes it in number format `fmt` (ST_NumberFormat, 17.18.59)."""
    if fmt in ("none", "bullet"):
        return ""
    if (value <= 0 or value > limits.MAX_LIST_NUMBER) and fmt not in ("decimal", "decimalZero"):
        return str(value)  # letters for 2,000,000,000 would be 77 million of them
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt in ("lowerLetter", "upperLetter"):
        return labels.to_letters(value, upper=fmt == "upperLetter")
    if fmt in ("lowerRoman", "upperRoman"):
        return labels.to_roman(value, upper=fmt == "upperRoman")
    if fmt == "arabicAbjad":
        return _repeat(labels.ABJAD, value)
    if fmt == "arabicAlpha":
        return _repeat(_ARABIC_ALPHA, value)
    if fmt == "hindiNumbers":
        return str(value).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(value).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalEnclosedParen" and value <= 20:
        return chr(0x2474 + value - 1)
    if fmt == "decimalEnclosedFullstop" and value <= 20:
        return chr(0x2488 + value - 1)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and value <= 20:
        return chr(0x2460 + value - 1)
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "japaneseCounting",
               "taiwaneseCountingThousand", "ideographLegalTraditional", "chineseLegalSimplified") and value < 100:
        return labels.to_chinese(value)
    if fmt == "ideographDigital":
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(value))
    if fmt == "ideographTraditional":
        return _HEAVENLY_STEMS[(value - 1) % 10]
    if fmt == "ideographZodiac":
        return _ZODIAC[(value - 1) % 12]
    if fmt in ("russianLower", "russianUpper"):
        letter = _RUSSIAN[(value - 1) % len(_RUSSIAN)] * ((value - 1) // len(_RUSSIAN) + 1)
        return letter.upper() if fmt == "russianUpper" else letter
    return str(value)


def _repeat(letters: tuple[str, ...], value: int) -> str:
    return letters[(value - 1) % len(letters)] * ((value - 1) // len(letters) + 1)


def label_readings(numbered: Numbered) -> tuple[Label | None, Label | None]:
    """The label Word computed, read by its level's number format rather than its text."""
    fmt, text, value = numbered.fmt, numbered.text, numbered.value
    if not 0 < value <= limits.MAX_LIST_NUMBER:
        return read_label(text)[2]  # written in digits (`format_number`): ids in letters would be millions long
    if fmt in ("lowerRoman", "upperRoman"):
        return None, Label(text, LabelSort.ROMAN, value, upper=fmt == "upperRoman")
    if fmt in _NUMBER_FORMATS:
        return Label(text, LabelSort.NUMBER, value), None
    if fmt in _LETTER_FORMATS:
        return Label(text, LabelSort.LETTER, value, upper=fmt in ("upperLetter", "russianUpper")), None
    return read_label(text)[2]  # 'none' with a literal text, or a format we do not know

