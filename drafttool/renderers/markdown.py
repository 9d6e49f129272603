"""Render a round as Markdown that `readers.markdown` reads back to the same round.

Front matter carries the round's label, date, symbol, language and masthead; then the
title (`#`), containers (`## Article 4 Use of terms`; options as `Option 1:` lines),
headings (`##` for I., `###` for A.), paragraphs with their labels, and
footnotes as Markdown footnotes (`[^12]: …`) named by their numbers.  Characters that
Markdown would take for syntax are escaped; negotiation brackets stay as they are.
"""

from __future__ import annotations

import re

from drafttool.text import labels, markup
from drafttool.model import Kind, Paragraph, Round, Scope
from drafttool.renderers.grid import grid_size, table_grid, table_records
from drafttool.text.containers import container_heading

_INLINE_SPECIAL = re.compile(r"""(\\|\*|_|`|\[(?=\^)|\](?=[(\[:])|<(?=[A-Za-z/!?])|&(?=\#?\w+;))""")


_BULLETS = "-–•▪◦●·*+"
"""What the reader takes for the bullet of a list item."""


def _escape(text: str) -> str:
    return _INLINE_SPECIAL.sub(r"\\\1", text)


def _inline(text: str, names: dict[str, str]) -> str:
    """Markdown for marked-up text: runs escaped, footnote ids replaced by their names."""
    out: list[str] = []
    italic = bold = False
    for run in markup.parse(text):
        if (run.bold, run.italic) != (bold, italic):
            if bold != run.bold:
                out.append("**")
            if italic != run.italic:
                out.append("*")
            bold, italic = run.bold, run.italic
        if run.footnote is not None:
            out.append(f"[^{names.get(run.footnote, run.footnote)}]")
        else:
            out.append(_escape(run.text))
    if bold:
        out.append("**")
    if italic:
        out.append("*")
    return "".join(out)


class _ContainerLike:
    """A paragraph whose words would be read as a container heading ('Article 4', 'Option 1:')."""

    @staticmethod
    def match(text: str) -> bool:
        return container_heading(text) is not None


_CONTAINER_LIKE = _ContainerLike()


def _guard_start(text: str) -> str:
    """Escape a start that would be read as a label, heading or list marker."""
    if not text:
        return text
    label = labels.label_at_start(text)
    if label:
        # '1\.' and 'a\)' are plain text to Markdown and to our reader.
        return label[:-1] + "\\" + label[-1] + text[len(label):]
    if text.startswith("\\*"):
        return "&#42;" + text[2:]  # '\\*' opens a footnote body ('\\* E/CN.7/2024/1.'); the entity is a star
    if _CONTAINER_LIKE.match(text):
        return f"&#{ord(text[0])};{text[1:]}"  # words, not a heading: the reader takes an escaped start so
    if text[0] in _BULLETS and text[0] not in "+-*":
        return f"&#{ord(text[0])};{text[1:]}"  # '• …' would be read as a bullet item
    if text[0] in "#>+-=|":
        return "\\" + text if text[0] != "\\" else text
    if text[0] == "{" or text.startswith("&"):
        return "\\" + text  # '{:toc}' is website furniture, '&#42;' an entity
    return text


def footnote_names(round_: Round) -> dict[str, str]:
    """Footnote id → the name used in Markdown: its number, or its id if numbers repeat."""
    labels = [f.label for f in round_.footnotes]
    names = {}
    for footnote in round_.footnotes:
        usable = footnote.label and labels.count(footnote.label) == 1 and not re.search(r"[\s\]\\]", footnote.label)
        names[footnote.id] = footnote.label if usable else footnote.id
    return names


def _pipe_table(table: Paragraph, round_: Round, names: dict[str, str]) -> str:
    """A table as a pipe table: a line a row, each cell's paragraphs joined by `<br>`;
    the first row stands as the header, under it the delimiter row."""
    grid = table_grid(round_, table)
    height, width = grid_size(grid)
    lines = []
    for number in range(1, height + 1):
        cells = grid.get(number, {})
        lines.append("| " + " | ".join("<br>".join(escape_cell(_cell_paragraph(q, names)) for q in cells.get(c, []))
                                       for c in range(1, width + 1)) + " |")
        if number == 1:
            lines.append("|" + " --- |" * width)
    return "\n".join(lines)


def escape_cell(markdown: str) -> str:
    """Markdown of a cell's paragraph made safe inside a row: its pipes escaped."""
    return re.sub(r"(?<!\\)((?:\\\\)*)\|", r"\1\\|", markdown)


def _cell_paragraph(paragraph: Paragraph, names: dict[str, str]) -> str:
    text = _inline(paragraph.text, names)
    return f"{paragraph.label} {text}" if paragraph.label else _guard_start(text)


FRONT = (
    ("round", "label"), ("date", "date"), ("symbol", "symbol"), ("language", "language"),
    ("source", "source"), ("note", "note"),
)
MASTHEAD_FRONT = (
    ("organ", "organ"), ("distribution", "distribution"), ("masthead-date", "date"),
    ("language-line", "language"), ("original", "original"), ("body", "body"), ("session", "session"),
    ("venue", "venue"), ("agenda-item", "agenda_item"), ("agenda-title", "agenda_title"),
)


def render_round_markdown(round_: Round) -> str:
    """The round as Markdown, front matter first."""
    names = footnote_names(round_)
    lines = ["---"]
    for key, attribute in FRONT:
        value = getattr(round_, attribute)
        if value:
            lines.append(f"{key}: {' '.join(value.split())}")
    masthead = round_.masthead
    for key, attribute in MASTHEAD_FRONT:
        value = getattr(masthead, attribute)
        if value:
            lines.append(f"{key}: {_inline(value, names)}")
    lines += [f"other: {_inline(value, names)}" for value in masthead.other]
    lines.append("---")
    blocks = ["\n".join(lines)]
    in_table = table_records(round_)
    for paragraph in round_.paragraphs:
        text = _inline(paragraph.text, names)
        if paragraph.kind is Kind.TITLE:
            blocks.append(f"# {text}")
        elif paragraph.kind is Kind.HEADING:
            hashes = "#" * (paragraph.level + 1)
            blocks.append(f"{hashes} {paragraph.label} {text}".replace("  ", " ", 1) if paragraph.label
                          else f"{hashes} {_guard_start(text)}")
        elif paragraph.kind is Kind.CONTAINER and paragraph.scope is Scope.TABLE:
            blocks.append(_pipe_table(paragraph, round_, names))
        elif paragraph.id in in_table:
            continue  # written with its table
        elif paragraph.kind is Kind.CONTAINER:
            words = f" {_inline(paragraph.text, names)}" if paragraph.text else ""
            hashes = "" if paragraph.scope is Scope.OPTION else "## "
            blocks.append(f"{hashes}{paragraph.label}{words}")
        elif paragraph.label and paragraph.kind is Kind.SUBPARAGRAPH and paragraph.label in _BULLETS:
            blocks.append(f"{'   ' * (paragraph.level - 1)}{paragraph.label} {text}")  # under an item: indented
        elif paragraph.label and paragraph.kind is Kind.SUBPARAGRAPH and labels.number_label(paragraph.label + " "):
            blocks.append(f"{'   ' * paragraph.level}{paragraph.label} {text}")  # a numbered item nested in a list
        elif paragraph.label:
            blocks.append(f"{paragraph.label} {text}")
        else:
            blocks.append(_guard_start(text))
    for footnote in round_.footnotes:
        blocks.append(f"[^{names[footnote.id]}]: {_inline(footnote.text, names)}")
    return "\n\n".join(blocks) + "\n"
