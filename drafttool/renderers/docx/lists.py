"""Word's automatic numbering of labelled paragraphs.

Operative paragraphs and subparagraphs are numbered by Word (numbering.xml), as UN Word
files are: decimal '%1.' at level 0, letters at level 1 and roman numerals at level 2 in
the style of the round's labels (or of its language).  A paragraph is numbered by Word
only where Word's counters would show exactly its label (`Lists` for one round,
`JointLists` for the two views of a tracked document); other labels are typed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
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


@dataclass
class Lists:
    """Word's list counters as the writer goes, to know whether automatic numbering shows
    a paragraph's label.  The counters mirror Word's: one set for the abstract list, shared
    by its `w:num`s; a level's use resets the levels below; a `w:num`'s start overrides
    take effect where it is first used (ECMA-376 17.9)."""

    numbering: Numbering
    templates: tuple[str, str, str]
    abstract: int = 0
    main: int = 0
    values: list[int | None] = field(default_factory=lambda: [None, None, None])
    used: set[int] = field(default_factory=set)
    chapeau_nums: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        levels = [Level(fmt, text, left=INDENT * index) for index, (fmt, text) in enumerate(zip(FORMATS, self.templates))]
        self.abstract = self.numbering.add_abstract(levels)
        self.main = self.numbering.add_num(self.abstract)

    def place(self, paragraph: Paragraph, level: int, chapeau: str) -> tuple[int, int] | None:
        """(numId, ilvl) under which Word shows exactly the paragraph's label, or None."""
        restarts: dict[int, int] = {}
        if level == 0:
            num = self.main
        elif chapeau in self.chapeau_nums:
            num = self.chapeau_nums[chapeau]
        else:
            num, restarts = -1, {1: 1, 2: 1}  # a new w:num, made only if it is used
        values = list(self.values)
        if num not in self.used:
            for restart_level, start in restarts.items():
                values[restart_level] = start - 1
        current = values[level]
        values[level] = 1 if current is None else current + 1
        for deeper in range(level + 1, 3):
            values[deeper] = None
        shown = self.templates[level].replace(f"%{level + 1}", number_text(values[level] or 0, level))
        if shown != paragraph.label:
            return None
        if num == -1:
            num = self.numbering.add_num(self.abstract, restarts)
            self.chapeau_nums[chapeau] = num
        self.used.add(num)
        self.values = values
        return num, level


class JointLists:
    """Word's list counters in the two views of a tracked document at once: with every
    change rejected (the old round) and accepted (the new).  A paragraph is numbered by
    Word only where the numbering shows its label in every view it appears in; the others
    get their labels typed.  The counters mirror `Lists` (one set per abstract list,
    a `w:num`'s start overrides applied at its first use, in each view)."""

    def __init__(self, numbering: Numbering, templates: tuple[str, str, str]) -> None:
        self.numbering = numbering
        self.templates = templates
        levels = [Level(fmt, text, left=INDENT * index) for index, (fmt, text) in enumerate(zip(FORMATS, templates))]
        self.abstract = numbering.add_abstract(levels)
        self.main = numbering.add_num(self.abstract)
        self.restarts: dict[int, dict[int, int]] = {self.main: {}}
        self.values: dict[str, list[int | None]] = {"old": [None, None, None], "new": [None, None, None]}
        self.used: dict[str, set[int]] = {"old": set(), "new": set()}
        self.chapeau_nums: dict[object, int] = {}

    def place(self, wanted: dict[str, tuple[int, str]], chapeau: object) -> tuple[int, int] | None:
        """(numId, ilvl) under which Word shows, in each view, the label wanted there, or None."""
        levels = {level for level, _ in wanted.values()}
        if len(levels) != 1:
            return None
        level = levels.pop()
        if level == 0:
            num, restarts = self.main, {}
        elif chapeau in self.chapeau_nums:
            num = self.chapeau_nums[chapeau]
            restarts = self.restarts[num]
        else:
            num, restarts = -1, {1: 1, 2: 1}
        found: dict[str, list[int | None]] = {}
        for view, (_, label) in wanted.items():
            values = list(self.values[view])
            if num not in self.used[view]:
                for restart_level, start in restarts.items():
                    values[restart_level] = start - 1
            current = values[level]
            values[level] = 1 if current is None else current + 1
            for deeper in range(level + 1, 3):
                values[deeper] = None
            if self.templates[level].replace(f"%{level + 1}", number_text(values[level] or 0, level)) != label:
                return None
            found[view] = values
        if num == -1:
            num = self.numbering.add_num(self.abstract, restarts)
            self.chapeau_nums[chapeau] = num
            self.restarts[num] = restarts
        for view, values in found.items():
            self.values[view] = values
            self.used[view].add(num)
        return num, level
