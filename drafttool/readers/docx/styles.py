"""styles.xml: what a paragraph or character style says about the text.

Headings (outline level, or a 'heading N' name), the Title style, drafttool's own
'Masthead <Field>' and 'Nested Number N' styles, the numbering a style gives, and bold, italic and hidden for
runs, each followed through `w:basedOn` (17.7.4.3).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from lxml.etree import _Element

from drafttool.readers.docx.elements import PPR, RPR, TRUE, VAL, attr, on, to_int
from drafttool.wordml import qn


@dataclass(slots=True)
class Style:
    id: str
    kind: str
    name: str
    based_on: str | None
    num_id: str | None
    ilvl: int | None
    outline: int | None
    bold: bool | None
    italic: bool | None
    bold_cs: bool | None
    italic_cs: bool | None
    hidden: bool | None


class Styles:
    """styles.xml: what a style says about headings, titles, numbering and bold/italic,
    following `w:basedOn` (17.7.4.3)."""

    def __init__(self, root: _Element | None) -> None:
        self.styles: dict[str, Style] = {}
        self.default_paragraph: str | None = None
        if root is None:
            return
        for element in root.iterchildren(qn("w:style")):
            style_id = element.get(qn("w:styleId"), "")
            kind = element.get(qn("w:type"), "paragraph")
            name_element = element.find(qn("w:name"))
            name = (name_element.get(VAL, "") if name_element is not None else "") or style_id
            based = element.find(qn("w:basedOn"))
            ppr = element.find(PPR)
            rpr = element.find(RPR)
            num_id = ilvl = outline = None
            if ppr is not None:
                numpr = ppr.find(qn("w:numPr"))
                if numpr is not None:
                    num_id = attr(numpr.find(qn("w:numId")))
                    ilvl = to_int(attr(numpr.find(qn("w:ilvl"))))
                outline = to_int(attr(ppr.find(qn("w:outlineLvl"))))
            self.styles[style_id] = Style(
                style_id, kind, name.strip().lower(), based.get(VAL) if based is not None else None,
                num_id, ilvl, outline,
                *(on(rpr.find(qn(f"w:{n}"))) if rpr is not None else None for n in ("b", "i", "bCs", "iCs", "vanish")),
            )
            if kind == "paragraph" and element.get(qn("w:default"), "").lower() in TRUE:
                self.default_paragraph = style_id

    def chain(self, style_id: str | None) -> Iterator[Style]:
        seen: set[str] = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            yield style
            style_id = style.based_on

    def paragraph_style(self, style_id: str | None) -> str | None:
        return style_id if style_id in self.styles else self.default_paragraph

    def numbering(self, style_id: str | None) -> tuple[str | None, int | None]:
        num_id = ilvl = None
        for style in self.chain(style_id):
            num_id = num_id if num_id is not None else style.num_id
            ilvl = ilvl if ilvl is not None else style.ilvl
        return num_id, ilvl

    def outline(self, style_id: str | None) -> int | None:
        """Heading level, 0 for Heading 1: the style's outline level, or its name."""
        for style in self.chain(style_id):
            if style.outline is not None:
                return style.outline if style.outline < 9 else None
            match = re.fullmatch(r"heading\s*([1-9])", style.name)
            if match:
                return int(match.group(1)) - 1
            level = _un_heading(style)
            if level is not None:
                return level
        return None

    def is_title(self, style_id: str | None) -> bool:
        return any(style.name == "title" for style in self.chain(style_id))

    def masthead_field(self, style_id: str | None) -> str | None:
        style = self.styles.get(style_id or "")
        if style is None or not style.name.startswith("masthead "):
            return None
        name = style.name[len("masthead "):].strip().replace(" ", "_")
        return name if name in _MASTHEAD_FIELDS else None

    def nested_depth(self, style_id: str | None) -> int:
        """drafttool's 'Nested Number N' style: a subparagraph numbered '1.' at depth N under
        a numbered paragraph; 0 for any other style."""
        style = self.styles.get(style_id or "")
        found = re.fullmatch(r"nested number ([12])", style.name) if style is not None else None
        return int(found.group(1)) if found else 0

    def run_toggles(self, style_id: str | None) -> tuple[bool | None, ...]:
        """(bold, italic, bold_cs, italic_cs, hidden) that a character style gives, or None each."""
        values: list[bool | None] = [None] * 5
        for style in self.chain(style_id):
            for index, value in enumerate((style.bold, style.italic, style.bold_cs, style.italic_cs, style.hidden)):
                if values[index] is None:
                    values[index] = value
        return tuple(values)


_UN_HEADINGS = {"hch": 0, "h1": 0, "h23": 1, "h4": 2, "h56": 3}
"""The heading styles of the UN Word templates, which set no outline level: chapter
(`HChG`), 1 (`H1G`, 'I.'), 2 and 3 (`H23G`, 'A.'), 4 and 5–6; the Geneva templates end
their ids in G, the regional ones start with Reg (`RegHChG`), names read '_ H _Ch_G'."""


def _un_heading(style: Style) -> int | None:
    """The outline level a UN template heading style stands for, or None."""
    for name in (style.id, style.name):
        key = re.sub(r"[^a-z0-9]", "", name.lower())
        key = key[3:] if key.startswith("reg") else key
        key = key[:-1] if key.endswith("g") else key
        if key in _UN_HEADINGS:
            return _UN_HEADINGS[key]
    return None


_MASTHEAD_FIELDS = {"organ", "symbol", "distribution", "date", "language", "original", "body", "session",
                    "venue", "agenda_item", "agenda_title", "other"}

