"""The masthead of drafttool's static Word files (compilation text, comparison) as UN
documents print it, from the masthead data (`renderers.masthead.masthead_block`).

Two rows of a borderless table: 'United Nations' on the left and the symbol on the right
(a revised round's with its '/Rev.N'); the organ on the left and the distribution, the
date in the text's language ('23 février 2024', `text.dates`), the language and the
original language on the right.  The body, session, venue and agenda item follow as
paragraphs.  Each line keeps its 'Masthead <Field>' paragraph style, so that the
drafttool reader and a person's own styles both know it.
"""

from __future__ import annotations

from lxml.etree import _Element

from drafttool.model import Round
from drafttool.renderers.docx.package import make, make_paragraph, sub
from drafttool.renderers.docx.runs import Static
from drafttool.renderers.docx.styles import masthead_style_id
from drafttool.renderers.masthead import masthead_block

_WIDTH = 9070
"""The text width of an A4 page with 2.5 cm margins, in twentieths of a point."""


def masthead_elements(static: Static, round_: Round) -> list[_Element]:
    """The masthead of `round_`: its two-row table, then its other lines; [] without one."""
    block = masthead_block(round_)
    out: list[_Element] = []
    if block.top or block.organ:
        left_top = [line for line in block.top if line[0] == "united_nations"]
        right_top = [line for line in block.top if line[0] != "united_nations"]
        left_organ = [line for line in block.organ if line[0] == "organ"]
        right_organ = [line for line in block.organ if line[0] != "organ"]
        table = _table()
        for left, right, rule in ((left_top, right_top, True), (left_organ, right_organ, False)):
            if left or right:
                table.append(_row(static, left, right, rule))
        out.append(table)
    for name, value in block.below:
        out.append(_line(static, name, value))
    return out


def _table() -> _Element:
    table = make("w:tbl")
    properties = sub(table, "w:tblPr")
    sub(properties, "w:tblW", {"w:w": str(_WIDTH), "w:type": "dxa"})
    borders = sub(properties, "w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        sub(borders, f"w:{side}", {"w:val": "nil"})
    sub(properties, "w:tblLayout", {"w:type": "fixed"})
    grid = sub(table, "w:tblGrid")
    for width in (_WIDTH // 2, _WIDTH - _WIDTH // 2):
        sub(grid, "w:gridCol", {"w:w": str(width)})
    return table


def _row(static: Static, left: list[tuple[str, str]], right: list[tuple[str, str]], rule: bool) -> _Element:
    """A row: the left lines, the right lines aligned to the far side; under the first row
    the thick rule UN documents draw below the symbol."""
    row = make("w:tr")
    for lines, end in ((left, False), (right, True)):
        cell = sub(row, "w:tc")
        properties = sub(cell, "w:tcPr")
        sub(properties, "w:tcW", {"w:w": str(_WIDTH // 2), "w:type": "dxa"})
        if rule:
            borders = sub(properties, "w:tcBorders")
            sub(borders, "w:bottom", {"w:val": "single", "w:sz": "12", "w:space": "0", "w:color": "auto"})
        for name, value in lines or [("", "")]:
            cell.append(_line(static, name, value, end=end))
    return row


def _line(static: Static, name: str, value: str, *, end: bool = False) -> _Element:
    paragraph = make_paragraph(masthead_style_id(name) if name else "", bidi=static.rtl)
    if end:
        properties = paragraph.find(make("w:pPr").tag)
        if properties is None:
            properties = make("w:pPr")
            paragraph.insert(0, properties)
        sub(properties, "w:jc", {"w:val": "end"})
    paragraph.extend(static.text(value))
    return paragraph
