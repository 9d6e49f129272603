"""The tables of a round as grids, for the writers that lay them out (Markdown, Word).

Takes a round and one of its table records; returns its rows and cells by number, each
cell's paragraphs in order.  Rows and cells are numbered from their ids ('tbl-1.r2.c3'),
so that a row or cell left empty keeps its place; an id that says nothing usable (carried
from another round) takes the next number.
"""

from __future__ import annotations

import re

from drafttool.model import Paragraph, Round, Scope

TABLE_PARTS = (Scope.TABLE, Scope.ROW, Scope.CELL)

Grid = dict[int, dict[int, list[Paragraph]]]
"""Row number → column number → the cell's paragraphs."""


def _place(paragraph: Paragraph, step: str, last: int) -> int:
    found = re.fullmatch(rf".*\.{step}([0-9]+)", paragraph.id)
    number = int(found.group(1)) if found else 0
    return number if number > last else last + 1


def table_grid(round_: Round, table: Paragraph) -> Grid:
    """The rows and cells of `table` (a `Scope.TABLE` record) with their paragraphs."""
    rows: Grid = {}
    row_of: dict[str, int] = {}
    cell_of: dict[str, tuple[int, int]] = {}
    for paragraph in round_.paragraphs:
        if paragraph.parent == table.id and paragraph.scope is Scope.ROW:
            row = _place(paragraph, "r", max(rows, default=0))
            rows[row] = {}
            row_of[paragraph.id] = row
        elif paragraph.parent in row_of and paragraph.scope is Scope.CELL:
            cells = rows[row_of[paragraph.parent]]
            column = _place(paragraph, "c", max(cells, default=0))
            cells[column] = []
            cell_of[paragraph.id] = (row_of[paragraph.parent], column)
        elif paragraph.parent in cell_of:
            row, column = cell_of[paragraph.parent]
            rows[row][column].append(paragraph)
    return rows


def grid_size(grid: Grid) -> tuple[int, int]:
    """(rows, columns) of the grid, at least one of each."""
    return max(grid, default=1), max((max(cells, default=0) for cells in grid.values()), default=0) or 1


def table_records(round_: Round) -> set[str]:
    """Ids of the records written with their tables: rows, cells and what the cells hold."""
    inside: set[str] = set()
    tables: set[str] = set()
    for paragraph in round_.paragraphs:
        if paragraph.scope is Scope.TABLE:
            tables.add(paragraph.id)
        elif paragraph.parent in tables or paragraph.parent in inside:
            inside.add(paragraph.id)
    return inside
