"""The second step of every reader: labelled source paragraphs become paragraph records.

Readers first produce `SourceParagraph`s that mirror the file (text, the label written or
computed, whether the file marks it as a heading).  `assemble` then decides what each is
— title, heading, preambular, operative, subparagraph, text — gives subparagraphs their
parent chapeau and level (letters, then roman numerals), and derives ids from the
structure: `title`, `sec-III-A`, `pp1`, `p18`, `p18.a`, `p18.a.ii`, `t1`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafttool.text import labels
from drafttool.errors import Notice
from drafttool.text.labels import Label, LabelSort
from drafttool.model import Kind, Paragraph


@dataclass(frozen=True, slots=True)
class SourceParagraph:
    """A paragraph as the file has it, before its place in the structure is known."""

    text: str
    """Inline markup, the label already taken off."""
    label: str = ""
    """The label as written or computed by Word: '18.', 'a)', 'III.'."""
    readings: tuple[Label | None, Label | None] = (None, None)
    """The label read as (number or letter, roman numeral): see `read_label`."""
    heading: int = 0
    """Heading depth the file gives (Markdown '#' count, Word 'Heading N'); 0 if none."""
    title: bool = False
    place: str = ""
    """Where it is in the file, for messages: 'line 40', 'paragraph 12'."""


def read_label(text: str) -> tuple[str, str, tuple[Label | None, Label | None]]:
    """Split a label off the start of marked-up text: (label, rest, readings)."""
    number = labels.number_label(text)
    if number:
        return number.text, text[number.end:], (number, None)
    as_letter, as_roman = labels.item_label(text)
    if as_letter or as_roman:
        end = (as_letter or as_roman).end  # type: ignore[union-attr]
        written = (as_letter or as_roman).text  # type: ignore[union-attr]
        return written, text[end:], (as_letter, as_roman)
    return "", text, (None, None)


def _is_heading_label(readings: tuple[Label | None, Label | None]) -> bool:
    """'I.', 'A.' and Chinese '一、' label headings; numbers and 'a)' never do."""
    first, roman = readings
    chosen = first or roman
    if chosen is None or chosen.sort is LabelSort.NUMBER:
        return False
    return chosen.text.endswith(".") and chosen.upper or chosen.text.endswith("、")


def _ascii(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "", text)


@dataclass
class _State:
    """What the structure pass remembers as it walks down the document."""

    chapeau: Paragraph | None = None
    item1: Label | None = None
    item1_para: Paragraph | None = None
    item2: Label | None = None
    heading1: Label | None = None
    heading1_para: Paragraph | None = None
    heading2: Label | None = None
    """The last labels of level 1 (I.) and level 2 (A.) headings."""
    last_number: Label | None = None
    seen_operative: bool = False
    preambular: int = 0
    text: int = 0
    unlabelled_headings: int = 0


def assemble(sources: list[SourceParagraph], *, path: str | None = None) -> tuple[tuple[Paragraph, ...], tuple[Notice, ...]]:
    """Paragraph records for source paragraphs, in order, with notices on numbering."""
    state = _State()
    out: list[Paragraph] = []
    notices: list[Notice] = []
    ids: set[str] = set()

    def unique(base: str, source: SourceParagraph) -> str:
        if base not in ids:
            ids.add(base)
            return base
        n = 2
        while f"{base}-{n}" in ids:
            n += 1
        ids.add(f"{base}-{n}")
        notices.append(Notice(f"label {source.label!r} appears again; its paragraph gets the id {base}-{n}", path, source.place))
        return f"{base}-{n}"

    for source in sources:
        first, roman = source.readings
        if source.title:
            paragraph = Paragraph(unique("title", source), source.text, Kind.TITLE)
        elif source.heading or _is_heading_label(source.readings):
            paragraph = _heading(source, state, unique)
        elif first is not None and first.sort is LabelSort.NUMBER:
            if state.last_number and not (
                labels.successor(state.last_number, first) or first.suffix or state.last_number.suffix
                and first.ordinal == state.last_number.ordinal + 1
            ):
                notices.append(Notice(f"numbering goes from {state.last_number.text!r} to {first.text!r}", path, source.place))
            state.last_number = first
            number = first.ordinal
            paragraph = Paragraph(unique(f"p{number}{first.suffix}", source), source.text, Kind.OPERATIVE, source.label)
            state.seen_operative = True
            state.chapeau, state.item1, state.item2, state.item1_para = paragraph, None, None, None
        elif first is not None or roman is not None:
            paragraph = _item(source, state, unique, notices, path)
        else:
            if state.seen_operative:
                state.text += 1
                paragraph = Paragraph(unique(f"t{state.text}", source), source.text, Kind.TEXT, source.label)
            else:
                state.preambular += 1
                paragraph = Paragraph(unique(f"pp{state.preambular}", source), source.text, Kind.PREAMBULAR, source.label)
            state.chapeau, state.item1, state.item2, state.item1_para = paragraph, None, None, None
        out.append(paragraph)
    return tuple(out), tuple(notices)


def _heading(source: SourceParagraph, state: _State, unique) -> Paragraph:  # type: ignore[no-untyped-def]
    """A heading: roman numerals are level 1 (I.), capital letters level 2 (A.)."""
    first, roman = source.readings
    chosen: Label | None = None
    level = 1
    letter = first if first is not None and first.sort is LabelSort.LETTER else None
    if letter is not None and letter.text.endswith("、"):
        chosen = letter  # Chinese 一、 heads a section
    elif roman is not None and labels.successor(state.heading1, roman):
        chosen = roman
    elif letter is not None and labels.successor(state.heading2, letter):
        chosen, level = letter, 2
    elif roman is not None:
        chosen = roman
    elif letter is not None:
        chosen, level = letter, 2
    elif source.heading > 2:
        level = min(source.heading - 1, 3)  # unlabelled: Markdown '###' is a level 2
    parent = state.heading1_para if level > 1 else None
    if chosen is not None and level == 1:
        state.heading1, state.heading2 = chosen, None
    elif chosen is not None:
        state.heading2 = chosen
    if chosen is not None:
        key = _ascii(chosen.text) or str(chosen.ordinal)
    else:
        state.unlabelled_headings += 1
        key = f"u{state.unlabelled_headings}"
    base = f"{parent.id}-{key}" if parent else f"sec-{key}"
    paragraph = Paragraph(unique(base, source), source.text, Kind.HEADING, source.label,
                          parent=parent.id if parent else None, level=level)
    if level == 1:
        state.heading1_para = paragraph
    state.chapeau, state.item1, state.item2, state.item1_para = None, None, None, None
    return paragraph


def _item(source: SourceParagraph, state: _State, unique, notices: list[Notice], path: str | None) -> Paragraph:  # type: ignore[no-untyped-def]
    as_letter, as_roman = source.readings
    level = 1
    chosen: Label
    if state.item1 is None:
        if as_letter and (as_letter.ordinal == 1 or not as_roman):
            chosen = as_letter
        else:
            chosen = as_roman or as_letter  # type: ignore[assignment]
    elif as_letter and labels.successor(state.item1, as_letter):
        chosen = as_letter
    elif as_roman and (
        (state.item2 is None and as_roman.ordinal == 1) or (state.item2 and labels.successor(state.item2, as_roman))
    ):
        chosen, level = as_roman, 2
    elif as_letter:
        chosen = as_letter
        notices.append(Notice(f"lettering goes from {state.item1.text!r} to {as_letter.text!r}", path, source.place))
    else:
        chosen, level = as_roman, 2  # type: ignore[assignment]
    if level == 1:
        parent = state.chapeau
        state.item1, state.item2 = chosen, None
        key = labels.to_letters(chosen.ordinal) + chosen.suffix
    else:
        parent = state.item1_para or state.chapeau
        state.item2 = chosen
        key = labels.to_roman(chosen.ordinal, upper=False)
    prefix = parent.id if parent else "sub"
    paragraph = Paragraph(unique(f"{prefix}.{key}", source), source.text, Kind.SUBPARAGRAPH, source.label,
                          parent=parent.id if parent else None, level=level)
    if level == 1:
        state.item1_para = paragraph
    return paragraph


