"""Pipe tables (GitHub Flavored Markdown) read as tables of rows and cells.

Takes the lines of a block; returns, when they are a pipe table, each row's cells and each
cell's paragraphs (split at `<br>`, the way the Markdown writer puts several paragraphs in
one cell), their Markdown left as written for the inline pass.  The first line is row 1 (a
pipe table's header is a row of the table like the others); the delimiter row (`| --- |`)
is no row.  A cell left empty holds no paragraph, as an empty cell of a Word table.

A `|` inside a cell is written `\\|`; the escape is kept, and the inline pass reads it as
the character (a CommonMark backslash escape).
"""

from __future__ import annotations

import re

DELIMITER_ROW = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
"""`| --- | :---: |`: the line under a pipe table's first row."""
_BREAK = re.compile(r"(?<!\\)<br\s*/?>", re.IGNORECASE)


def is_pipe_table(lines: list[str]) -> bool:
    """Whether lines are a pipe table: a first row with a `|`, then a delimiter row with
    as many cells."""
    if len(lines) < 2 or "|" not in lines[0] or not DELIMITER_ROW.match(lines[1]) or "-" not in lines[1]:
        return False
    return len(split_row(lines[0])) == len(split_row(lines[1]))


def split_row(line: str) -> list[str]:
    """The cells of a table row, outer pipes dropped, escapes kept ('a \\| b' is one cell)."""
    cells: list[str] = []
    current: list[str] = []
    text = line.strip()
    k = 0
    while k < len(text):
        if text[k] == "\\" and k + 1 < len(text):
            current.append(text[k:k + 2])
            k += 2
            continue
        if text[k] == "|":
            cells.append("".join(current))
            current = []
        else:
            current.append(text[k])
        k += 1
    cells.append("".join(current))
    if text.startswith("|"):
        cells = cells[1:]
    if len(cells) > 1 and not cells[-1].strip():
        cells = cells[:-1]  # the closing pipe
    return [cell.strip() for cell in cells]


def table_cells(lines: list[str]) -> list[tuple[int, int, list[str]]]:
    """(row, column, paragraphs) for every cell that holds text, rows and columns from 1."""
    out: list[tuple[int, int, list[str]]] = []
    rows = [lines[0], *lines[2:]]
    for row, line in enumerate(rows, start=1):
        for column, cell in enumerate(split_row(line), start=1):
            paragraphs = [part.strip() for part in _BREAK.split(cell) if part.strip()]
            if paragraphs:
                out.append((row, column, paragraphs))
    return out
