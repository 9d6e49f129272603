"""A page's characters become lines: words spaced, superscripts marked, italics kept.

Characters are grouped by baseline; a run that sits above a baseline in a smaller size is
a superscript (a footnote mark) of the line below it, not a line of its own.  Within a line
characters are ordered left to right, or right to left where the line is Arabic (logical
order: what is read first comes first; digits and Latin words inside keep their own order).
A gap wider than a fifth of the type size that holds no space character is a space; the first
gap wider than nine tenths of it is a tab (after a label, or between columns of the
masthead).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from drafttool.readers.pdf.content import Char

_ITALIC = re.compile(r"Italic|Oblique|-It\b|,It|Kaiti|KaiTi|STKaiti|Kai-", re.IGNORECASE)
"""Font names of italic faces; Chinese UN texts set in KaiTi what others set in italics."""
_BOLD = re.compile(r"Bold|Black|Heavy|Semibold|Demi|,Bd|-Bd|Hei\b|SimHei|STZhongsong", re.IGNORECASE)
_STYLES: dict[str, tuple[bool, bool]] = {}
"""Font name → (italic, bold), worked out once per font."""


def is_rtl_char(text: str) -> bool:
    return bool(text) and ("\u0590" <= text[0] <= "\u08ff" or "\ufb1d" <= text[0] <= "\ufeff")


@dataclass(frozen=True, slots=True)
class Span:
    """Characters of one line in one style."""

    text: str
    italic: bool = False
    bold: bool = False
    sup: bool = False
    """A superscript: a footnote mark."""


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a page."""

    page: int
    y: float
    """Baseline, from the bottom of the page."""
    x0: float
    x1: float
    size: float
    """The line's main type size."""
    spans: tuple[Span, ...]
    tab_after: int = -1
    """Characters of text before the first tab-wide gap (a label's end), or -1."""
    tab_x: float = 0.0
    """Where the text after that gap starts."""
    text_x: float = 0.0
    """Where the second word starts: after a label, a hanging indent's place."""

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)

    @property
    def plain(self) -> str:
        """The text without superscripts."""
        return "".join(span.text for span in self.spans if not span.sup)

    @property
    def bold(self) -> bool:
        letters = [s for s in self.spans if s.text.strip() and not s.sup]
        return bool(letters) and all(s.bold for s in letters)

    @property
    def italic(self) -> bool:
        letters = [s for s in self.spans if s.text.strip() and not s.sup]
        return bool(letters) and all(s.italic for s in letters)


def page_lines(chars: list[Char], page: int, width: float = 0.0) -> list[Line]:
    """The lines of a page, top to bottom.  A page mostly in Arabic is read as in a mirror
    (x measured from the right edge), so that left to right is reading order and the
    indents and margins of its paragraphs are where the other pages have them."""
    visible = [c for c in chars if c[4] and c[5] != "" and c[3] > 0.5]
    rtl = width > 0 and sum(is_rtl_char(c[5]) for c in visible) * 3 > sum(c[5].isalpha() for c in visible)
    if rtl:
        visible = [(width - c[0] - c[2], c[1], c[2], c[3], c[4], c[5]) for c in visible]
    visible.sort(key=lambda c: -c[1])
    rows: list[list[Char]] = []
    for char in visible:
        if rows and abs(rows[-1][0][1] - char[1]) <= 1.2:
            rows[-1].append(char)
        else:
            rows.append([char])
    # A row of small characters just above a row of larger ones is that row's superscripts.
    merged: list[tuple[list[Char], list[Char]]] = []
    index = 0
    while index < len(rows):
        row = rows[index]
        if _only_marks(row) and index + 1 < len(rows):
            below = rows[index + 1]
            size = max(c[3] for c in below)
            if max(c[3] for c in row) < size * 0.9 and 0 < row[0][1] - below[0][1] < size * 0.75:
                merged.append((below, row))
                index += 2
                continue
        merged.append((row, []))
        index += 1
    out = []
    for row, marks in merged:
        line = _line(row, marks, page, rtl)
        if line is not None:
            out.append(line)
    return out


def _only_marks(row: list[Char]) -> bool:
    """A row of a few digits or asterisks: superscripts that float above the line's baseline."""
    text = "".join(c[5] for c in row).strip()
    return 0 < len(text) <= 8 and all(ch.isdigit() or ch in "*, " for ch in text)


def _line(row: list[Char], marks: list[Char], page: int, rtl: bool = False) -> Line | None:
    sizes: dict[float, int] = {}
    for char in row:
        if char[5] != " ":
            sizes[char[3]] = sizes.get(char[3], 0) + 1
    if not sizes:
        return None
    size = max(sizes, key=lambda s: sizes[s])
    baseline = max((c[1] for c in row if c[3] == size), default=row[0][1])
    tagged = [(c, c[3] < size * 0.85 and c[1] > baseline + size * 0.15 and (c[5].isdigit() or c[5] in "*"))
              for c in row]
    tagged += [(c, True) for c in marks]
    tagged.sort(key=lambda t: t[0][0])
    pieces: list[tuple[str, bool, bool, bool]] = []
    tab_after, tab_x, text_x = -1, 0.0, 0.0
    previous: Char | None = None
    count = 0
    for char, sup in tagged:
        text = char[5]
        if previous is None and text.isspace():
            continue  # spaces before the first word: the indent, drawn
        if previous is not None:
            gap = char[0] - (previous[0] + previous[2])
            if gap > size * 0.9 and tab_after < 0 and count:
                tab_after, tab_x = count, char[0]
                pieces.append(("\t", False, False, False))
            elif gap > size * 0.2 and not text.isspace() and not previous[5].isspace() and not sup:
                pieces.append((" ", False, False, False))
        if not text_x and previous is not None and count and not text.isspace() and (
                previous[5].isspace() or char[0] - (previous[0] + previous[2]) > size * 0.2):
            text_x = char[0]
        style = _STYLES.get(char[4])
        if style is None:
            style = _STYLES[char[4]] = (bool(_ITALIC.search(char[4])), bool(_BOLD.search(char[4])))
        pieces.append((text, style[0], style[1], sup))
        count += len(text)
        previous = char
    if rtl:
        pieces = _logical_order(pieces)
    spans: list[Span] = []
    for text, italic, bold, sup in pieces:
        if text.isspace() and text != "\t" and spans and not spans[-1].sup:
            italic, bold = spans[-1].italic, spans[-1].bold  # a space takes the style before it
        if spans and (spans[-1].italic, spans[-1].bold, spans[-1].sup) == (italic, bold, sup):
            spans[-1] = Span(spans[-1].text + text, italic, bold, sup)
        else:
            spans.append(Span(text, italic, bold, sup))
    spans = [Span(unicodedata.normalize("NFKC", s.text) if rtl else s.text, s.italic, s.bold, s.sup) for s in spans]
    x0 = min(c[0] for c in row if c[5].strip()) if any(c[5].strip() for c in row) else row[0][0]
    x1 = max(c[0] + c[2] for c in row)
    text_line = Line(page, baseline, x0, x1, size, tuple(spans), tab_after, tab_x, text_x)
    return text_line if text_line.text.strip() else None


def _logical_order(pieces: list[tuple[str, bool, bool, bool]]) -> list[tuple[str, bool, bool, bool]]:
    """Pieces of a mirrored Arabic line (right to left is now left to right): runs of
    digits and Latin letters inside it, which were laid out left to right, put back in
    their own order ('2024', 'A/RES/78/1')."""
    out: list[tuple[str, bool, bool, bool]] = []
    run: list[tuple[str, bool, bool, bool]] = []
    for piece in pieces:
        char = piece[0][:1]
        if char.isascii() and (char.isalnum() or (run and piece[0] in ".,/-:%() ")):
            run.append(piece)
            continue
        if run:
            out.extend(_trim_run(run))
            run = []
        out.append(piece)
    if run:
        out.extend(_trim_run(run))
    return out


def _trim_run(run: list[tuple[str, bool, bool, bool]]) -> list[tuple[str, bool, bool, bool]]:
    """A left-to-right run reversed back, punctuation caught at its end left where it was."""
    trailing = []
    while run and not run[-1][0][:1].isalnum():
        trailing.append(run.pop())
    return run[::-1] + trailing[::-1]
