"""Text laid out as on the page (`pdftotext -layout`): where its paragraphs and footnotes are.

A PDF converted with `pdftotext -layout` keeps the page: form feeds between pages, a
running header (the symbol and the title) and footer (job number, page counter, barcode)
on each, footnotes under a line of underscores with their number on a line of its own,
and paragraphs told apart by the indent of their first line rather than by blank lines.
`lay_out` rewrites such text, line for line (so that line numbers in messages stay
true), into what the text reader reads: a paragraph start is marked (`PARAGRAPH`), a
centred line is marked as a heading (`CENTRED`), a footnote number is put before its
text, and the running header and footer lines are blanked — keeping a job number or page
counter, which the reader leaves out as page furniture and takes as evidence of a page
break.
"""

from __future__ import annotations

import re
from collections import Counter

PARAGRAPH = "\u2063"
"""Put before a line that starts a paragraph (U+2063, invisible separator)."""
CENTRED = "\u2064"
"""Put before a centred line, a heading ('PART I', 'Article 1', 'Use of terms')."""

_SEPARATOR = re.compile(r"^\s*_{5,}\s*$")
_NOTE_NUMBER = re.compile(r"^\s*(\d{1,3}|\*{1,3})\s*$")
_NOTE_START = re.compile(r"^\s*(\d{1,3}|\*{1,3})\s+\S")
_COUNTER = re.compile(r"(?<!\S)(\d{1,3}/\d{1,3}|-\s?\d{1,3}\s?-)(?!\S)")
_JOB = re.compile(r"(?<!\S)((?:GE\.)?\d{2}-\d{5}(?:\s*\([A-Z]\))?|\*\d{7}\*)(?!\S)")
_SYMBOL = re.compile(r"(?<!\S)[A-Z]{1,8}/(?:[A-Z0-9.]+/)*[A-Z0-9.]+(?:/Rev\.\d+)?(?!\S)")


def laid_out(text: str) -> bool:
    """Whether text looks like `pdftotext -layout` output: pages, and lines indented deep."""
    if "\f" not in text:
        return False
    lines = [line for line in text.split("\n", 2000)[:2000] if line.strip()]
    if len(lines) < 10:
        return False
    deep = sum(1 for line in lines if len(line) - len(line.lstrip(" ")) >= 4)
    return deep * 4 >= len(lines)


def lay_out(text: str) -> str:
    """The text with paragraph starts, centred headings and footnotes marked; line for line."""
    pages = text.split("\f")
    margin, width = _measure(text)
    out: list[str] = []
    for number, page in enumerate(pages):
        lines = page.split("\n")
        _blank_footer(lines)
        if number:
            _blank_header(lines)
        _footnotes(lines)
        _paragraphs(lines, margin, width)
        out.append("\n".join(lines))
    return "\f".join(out)


def _furniture(line: str) -> str | None:
    """What a header or footer line keeps, a page counter or job number; None if it is not one."""
    stripped = line.strip()
    if not stripped:
        return ""
    counter, job = _COUNTER.search(stripped), _JOB.search(stripped)
    rest = _JOB.sub("", _COUNTER.sub("", stripped))
    rest = re.sub(r"(?<!\S)\d{6}(?!\S)", "", rest)  # the date stamp beside a job number: 021225
    if (counter or job) and (not rest.strip() or _SYMBOL.fullmatch(rest.strip())):
        return (counter or job).group(1)  # type: ignore[union-attr]
    if _SYMBOL.fullmatch(stripped):
        return stripped
    return None


def _blank_footer(lines: list[str]) -> None:
    index = len(lines) - 1
    while index >= 0:
        kept = _furniture(lines[index])
        if kept is None:
            break
        lines[index] = kept
        index -= 1


def _blank_header(lines: list[str]) -> None:
    """The running header: the first lines down to a blank one, when they hold the symbol
    or a page counter (and the running title beside them)."""
    block: list[int] = []
    for index, line in enumerate(lines):
        if not line.strip():
            if block:
                break
            continue
        block.append(index)
        if len(block) > 4:
            return
    if not block or not any(_SYMBOL.search(lines[i]) or _COUNTER.search(lines[i]) for i in block):
        return
    if not any(_SYMBOL.search(lines[i]) for i in block):
        for i in block:  # a page number above the first heading of the page ('-2-' / 'Article 3')
            kept = _furniture(lines[i])
            if kept is not None:
                lines[i] = kept
        return
    for i in block:
        found = _COUNTER.search(lines[i]) or _SYMBOL.search(lines[i])
        lines[i] = found.group(0) if found and i == block[0] else ""  # type: ignore[union-attr]


def _footnotes(lines: list[str]) -> None:
    """Below a line of underscores, a number alone on its line goes before its note's text."""
    start = next((i for i, line in enumerate(lines) if _SEPARATOR.match(line)), None)
    if start is None:
        _star_note(lines)
        return
    pending = ""
    marks = next((_indent(line) for line in lines[start + 1:] if line.strip()), 0)
    """Notes' marks stand at one indent, their text deeper: '9 December 1994' inside a
    note's text is not note 9."""
    for index in range(start + 1, len(lines)):
        line = lines[index]
        match = _NOTE_NUMBER.match(line)
        if match and not pending:
            pending, lines[index] = match.group(1), ""
        elif pending and line.strip():
            lines[index] = f"{pending} {line.strip()}"
            pending = ""
        elif line.strip() and abs(_indent(line) - marks) <= 1 and _NOTE_START.match(line):
            lines[index] = line.strip()  # '* Any changes to the list of sponsors …' on its mark's line
        elif line.strip():
            lines[index] = " " + line.strip()  # a note goes on: indented, never a note's start


def _star_note(lines: list[str]) -> None:
    """A page whose note line is drawn, not typed: a '* …' note last on the page, after a
    blank line (a draft's note on its sponsors), gets a separator line above it."""
    index = len(lines) - 1
    while index > 0 and (not lines[index].strip() or _furniture(lines[index])):
        index -= 1
    first = index
    while first > 0 and lines[first - 1].strip():
        first -= 1
    if first > 0 and re.match(r"^\s*\*{1,3}\s+\S", lines[first]) and not lines[first - 1].strip():
        lines[first - 1] = "_" * 15
        lines[first] = lines[first].strip()


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _measure(text: str) -> tuple[int, int]:
    """The text's left margin (the least indent that many full lines share: continuation
    lines, not first lines; masthead columns left out), for pages too short to tell their
    own, and the width of its lines, to tell centred lines by."""
    body = [line for line in text.replace("\f", "\n").split("\n")
            if len(line.strip()) > 40 and not re.search(r"\S\s{4,}\S", line.strip())]
    indents = Counter(_indent(line) for line in body)
    common = [indent for indent, count in indents.items() if count >= max(2, len(body) // 20)]
    margin = min(common or list(indents) or [0])
    ends = Counter(len(line.rstrip()) for line in body)
    width = max((end for end, count in ends.items() if count >= 2), default=max(ends or [80]))
    return margin, width


def _paragraphs(lines: list[str], margin: int, width: int) -> None:
    """Mark paragraph starts (a first line indented deeper than the lines after it) and
    centred lines, above the footnotes."""
    end = next((i for i, line in enumerate(lines) if _SEPARATOR.match(line)), len(lines))
    indents = Counter(_indent(line) for line in lines[:end] if len(line.strip()) > 40)
    if indents:
        margin = indents.most_common(1)[0][0]  # odd and even pages have margins of their own
    previous_blank = True
    for index in range(end):
        line = lines[index]
        if not line.strip() or _furniture(line) is not None:
            previous_blank = True  # a page number above a heading: '-2-' / 'Article 3'
            continue
        indent = _indent(line)
        after_heading = previous_blank or lines[index - 1].startswith(CENTRED)
        # Under a centred line, a long line of a wrapped title stands nearer the margins.
        deep = indent >= margin + 12 or (index > 0 and lines[index - 1].startswith(CENTRED) and indent >= margin + 6)
        centred = after_heading and deep and len(line.strip()) < max(60, (width - margin) * 0.85) \
            and abs((indent + len(line.strip()) / 2) - (margin + width) / 2) < max(12, (width - margin) / 6)
        if centred:
            lines[index] = CENTRED + line.strip()
        elif not previous_blank and indent >= margin + 3 and _indent(lines[index - 1]) < indent + 40 \
                and _indent(lines[index - 1]) != indent:  # a wrapped line of an item indented as a whole
            lines[index] = PARAGRAPH + line
        previous_blank = False
