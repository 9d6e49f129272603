"""Word's automatic numbering of labelled paragraphs.

Operative paragraphs and subparagraphs are numbered by Word (numbering.xml), as UN Word
files are: decimal '%1.' at level 0, letters at level 1 and roman numerals at level 2 in
the style of the round's labels (or of its language).  A paragraph is numbered by Word
only where Word's counters would show exactly its label (`Lists` for one round,
`JointLists` for the two views of a tracked document); other labels are typed.
"""

from __future__ import annotations

from collections import Counter
import re

from drafttool.model import Kind, Paragraph, Round
from drafttool.renderers.docx.package import Level, Numbering
from drafttool.text import labels


INDENT = 567
"""One indentation step, in twentieths of a point (1 cm)."""


_TEMPLATE = re.compile(r"^(?P<open>\(?)(?P<core>[0-9]+|[a-z]+)(?P<close>\)|\.|\s?-)$")
FORMATS = ("decimal", "lowerLetter", "lowerRoman")
"""Word number format of each level: paragraphs, subparagraphs, second-level items."""


def _default_templates(language: str) -> tuple[str, str, str]:
    """Label styles by language (docs/negotiated-texts.md, 'Labels')."""
    if language.split("-")[0] in ("en", "zh"):
        return "%1.", "(%2)", "(%3)"
    return "%1.", "%2)", "%3)"


def number_text(value: int, level: int) -> str:
    if level == 0:
        return str(value)
    if level == 1:
        return labels.to_letters(value)
    return labels.to_roman(value, upper=False)


def list_templates(round_: Round) -> tuple[str, str, str]:
    """The `w:lvlText` of each level: the commonest shape of the round's own labels at that
    level ('(a)' or 'a)'), else the language's default."""
    found: list[Counter[str]] = [Counter(), Counter(), Counter()]
    for paragraph in round_.paragraphs:
        level = list_level(paragraph)
        match = _TEMPLATE.match(paragraph.label) if level is not None else None
        if level is None or match is None:
            continue
        core = match.group("core")
        if (level == 0 and core.isdigit()) or (level == 1 and labels.from_letters(core)) or (
                level == 2 and labels.from_roman(core)):
            found[level][f"{match.group('open')}%{level + 1}{match.group('close')}"] += 1
    defaults = _default_templates(round_.language)
    chosen = [counts.most_common(1)[0][0] if counts else default for counts, default in zip(found, defaults)]
    return chosen[0], chosen[1], chosen[2]


def list_level(paragraph: Paragraph) -> int | None:
    """The list level a paragraph would take in Word's numbering, or None."""
    if not paragraph.label:
        return None
    if paragraph.kind is Kind.OPERATIVE:
        return 0
    if paragraph.kind is Kind.SUBPARAGRAPH and paragraph.level in (1, 2):
        return paragraph.level
    return None


_RESTARTS = {1: 1, 2: 1}
"""The start overrides of a list under a chapeau: its letters and roman numerals from 1."""

_NEW = -1
"""A `w:num` not made yet: made only if a paragraph is numbered with it."""


class WordCounters:
    """Word's counters of the abstract list in one view, as Word and LibreOffice keep them
    (and `readers.docx.numbering.Counters`, which reads them back): one set shared by the
    list's `w:num`s; a level's use resets the levels below; a num's start override takes
    effect at the num's first paragraph for that paragraph's level, and for a level below
    at the next paragraph of that level if it is the num's, never for a level above (17.9)."""

    def __init__(self) -> None:
        self.values: list[int | None] = [None, None, None]
        self.used: set[int] = set()
        self.pending: dict[int, tuple[int, int]] = {}
        """Level → (num, start) of an override waiting for that num's next paragraph there."""

    def shown(self, num: int, level: int, starts: dict[int, int]) -> int:
        """The number Word shows at a paragraph of `num` at `level`, the counters left as they are."""
        current = self.values[level]
        waiting = self.pending.get(level)
        if num not in self.used:
            if level in starts:
                current = starts[level] - 1
        elif waiting is not None and waiting[0] == num:
            current = waiting[1] - 1
        return 1 if current is None else current + 1

    def count(self, num: int, level: int, starts: dict[int, int]) -> None:
        """Move the counters past a paragraph of `num` at `level`."""
        self.values[level] = self.shown(num, level, starts)
        self.pending.pop(level, None)
        for deeper in range(level + 1, 3):
            self.values[deeper] = None
        if num not in self.used:
            self.used.add(num)
            for deeper, start in starts.items():
                if deeper > level:
                    self.pending[deeper] = (num, start)


class _Nums:
    """The abstract list and its `w:num`s: the main one for paragraphs, and for the items
    under each chapeau one that restarts the letters and roman numerals.  Where a chapeau's
    num would not show an item's label (its first paragraph was a deeper item, whose
    override leaves the letters running on), a new one is tried."""

    def __init__(self, numbering: Numbering, templates: tuple[str, str, str]) -> None:
        self.numbering = numbering
        self.templates = templates
        levels = [Level(fmt, text, left=INDENT * index) for index, (fmt, text) in enumerate(zip(FORMATS, templates))]
        self.abstract = numbering.add_abstract(levels)
        self.main = numbering.add_num(self.abstract)
        self.starts: dict[int, dict[int, int]] = {self.main: {}}
        self.chapeau_nums: dict[object, int] = {}

    def shows(self, counters: WordCounters, num: int, level: int, label: str) -> bool:
        value = counters.shown(num, level, self.starts.get(num, _RESTARTS))
        return self.templates[level].replace(f"%{level + 1}", number_text(value, level)) == label

    def candidates(self, level: int, chapeau: object) -> list[int]:
        """The nums to try: the main list for paragraphs, the chapeau's and a new one for items."""
        if level == 0:
            return [self.main]
        return [self.chapeau_nums[chapeau], _NEW] if chapeau in self.chapeau_nums else [_NEW]

    def made(self, num: int, chapeau: object) -> int:
        """The num chosen for an item, made if new and kept as its chapeau's."""
        if num == _NEW:
            num = self.numbering.add_num(self.abstract, _RESTARTS)
            self.starts[num] = _RESTARTS
            self.chapeau_nums[chapeau] = num
        return num


class Lists(_Nums):
    """Word's list counters as the writer goes, to know whether automatic numbering shows
    a paragraph's label (`WordCounters`)."""

    def __init__(self, numbering: Numbering, templates: tuple[str, str, str]) -> None:
        super().__init__(numbering, templates)
        self.counters = WordCounters()

    def place(self, paragraph: Paragraph, level: int, chapeau: object) -> tuple[int, int] | None:
        """(numId, ilvl) under which Word shows exactly the paragraph's label, or None."""
        for num in self.candidates(level, chapeau):
            if self.shows(self.counters, num, level, paragraph.label):
                num = self.made(num, chapeau)
                self.counters.count(num, level, self.starts[num])
                return num, level
        return None


class JointLists(_Nums):
    """Word's list counters in the two views of a tracked document at once: with every
    change rejected (the old round) and accepted (the new).  A paragraph is numbered by
    Word only where the numbering shows its label in every view it appears in; the others
    get their labels typed."""

    def __init__(self, numbering: Numbering, templates: tuple[str, str, str]) -> None:
        super().__init__(numbering, templates)
        self.views = {"old": WordCounters(), "new": WordCounters()}

    def place(self, wanted: dict[str, tuple[int, str]], chapeau: object) -> tuple[int, int] | None:
        """(numId, ilvl) under which Word shows, in each view, the label wanted there, or None."""
        levels = {level for level, _ in wanted.values()}
        if len(levels) != 1:
            return None
        level = levels.pop()
        for num in self.candidates(level, chapeau):
            if all(self.shows(self.views[view], num, level, label) for view, (_, label) in wanted.items()):
                num = self.made(num, chapeau)
                for view in wanted:
                    self.views[view].count(num, level, self.starts[num])
                return num, level
        return None
