"""The second step of every reader: labelled source paragraphs become paragraph records.

Readers first produce `SourceParagraph`s that mirror the file (text, the label written or
computed, whether the file marks it as a heading).  `assemble` then decides what each is
— title, heading, preambular, operative, subparagraph, text — gives subparagraphs their
parent chapeau and level (letters, then roman numerals), and derives ids from the
structure: `title`, `sec-III-A`, `pp1`, `p18`, `p18.a`, `p18.a.ii`, `t1`.

Containers (`drafttool.model`, 'Structure') — Articles, parts, chapters, sections,
annexes, decisions, options ('Option 1:', 'Alt.'), and tables with their rows and cells —
are recognised from their heading text (`drafttool.text.containers`) or given by the
reader (`SourceParagraph.scope`, `SourceParagraph.cell`).  Each opens a numbering scope:
numbering restarts inside it without a notice, and the ids of what it holds are the ids
above after the container's id and a dot (`art-4.p2.a`, `dec-1.pp3`, `tbl-1.r2.c3.p1`).
Inside Articles, options and cells unnumbered paragraphs are text, not preambular; a
decision and an annex have a preamble of their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from drafttool.text import labels, markup
from drafttool.errors import Notice
from drafttool.text.labels import Label, LabelSort
from drafttool.model import Kind, Paragraph, Scope
from drafttool.text.containers import container_heading


_set = object.__setattr__


@dataclass(frozen=True, slots=True, init=False)
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
    scope: Scope | None = None
    """Set by a reader that knows this paragraph opens a container (a Word style for
    Articles, say); otherwise container headings are recognised from the text."""
    plain: bool = False
    """The file escaped the paragraph's first character ('\\Article 4', '&#65;rticle 4'):
    its words are never read as a container heading."""
    depth: int = 0
    """Nesting the file gives an item (a Markdown list item indented under another): a
    number at depth 1 or more is a subparagraph of the paragraph above, not a paragraph."""
    cell: tuple[int, int, int] | None = None
    """(table, row, column), counted from 1, for a paragraph inside a table; the structure
    pass opens the table, row and cell containers around it."""
    bullet: bool = False
    """An item of a bulleted list ('- …', '• …'), its bullet as the label ('' for a
    bullet Word draws: '•'): under a numbered paragraph, its subparagraph; elsewhere a
    paragraph that starts so."""

    # Written out, as `Paragraph`'s is (drafttool/model.py says why): one is made a paragraph.
    def __init__(self, text: str, label: str = "", readings: tuple[Label | None, Label | None] = (None, None),
                 heading: int = 0, title: bool = False, place: str = "", scope: Scope | None = None,
                 plain: bool = False, depth: int = 0, cell: tuple[int, int, int] | None = None,
                 bullet: bool = False) -> None:
        _set(self, "text", text)
        _set(self, "label", label)
        _set(self, "readings", readings)
        _set(self, "heading", heading)
        _set(self, "title", title)
        _set(self, "place", place)
        _set(self, "scope", scope)
        _set(self, "plain", plain)
        _set(self, "depth", depth)
        _set(self, "cell", cell)
        _set(self, "bullet", bullet)


def read_label(text: str) -> tuple[str, str, tuple[Label | None, Label | None]]:
    """Split a label off the start of marked-up text: (label, rest, readings)."""
    # A number label opens with a digit (in any script) and an item label never does:
    # one of the two patterns is tried, not both.
    if text[:1].isdecimal():
        number = labels.number_label(text)
        if number:
            return number.text, text[number.end:], (number, None)
        return "", text, (None, None)
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
    """What the structure pass remembers as it walks down one numbering scope."""

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
    prefix: str = ""
    """What the ids of this scope's records start with: '' for the document, 'art-4.'."""
    container: Paragraph | None = None
    """The container record of this scope; None for the document."""
    preamble: bool = True
    """Whether unnumbered paragraphs before the first numbered one are preambular (the
    document, a decision, an annex) or text (an Article, an option, a cell)."""
    positional: bool = False
    """Cells: every paragraph's id is its place, 'p1', 'p2'."""
    count: int = 0
    children: dict[Scope, int] = field(default_factory=dict)
    first_number: int | None = None
    """The number of this scope's first numbered paragraph (an option's: 1, or the
    number of the paragraph it is a version of)."""
    option_max: int | None = None
    item2_para: Paragraph | None = None
    item3: int = 0
    """The last roman item and the count of lettered items ('a.') under it so far."""
    bullets: dict[str, int] = field(default_factory=dict)
    """Bullet items so far under the current chapeau and each of its items, by parent id."""
    """The highest number held by the options closed in this scope."""
    """Running numbers of the unnumbered containers opened in this scope."""


_RANK = {Scope.DECISION: 0, Scope.ANNEX: 1, Scope.PART: 2, Scope.CHAPTER: 3, Scope.SECTION: 4, Scope.ARTICLE: 5,
         Scope.OPTION: 6, Scope.TABLE: 7, Scope.ROW: 8, Scope.CELL: 9}
"""Which container closes which: a new Article closes the Article (and option) open
before it, never the annex or the decision it is in."""
_THROUGH = (Scope.PART, Scope.CHAPTER, Scope.SECTION)
"""Containers whose Articles are numbered through the whole text: they do not prefix the
ids of the containers inside them ('art-4', not 'part-1.art-4')."""
_PREAMBLE = (Scope.DECISION, Scope.ANNEX)
_TITLED = (Scope.ARTICLE, Scope.PART, Scope.CHAPTER, Scope.SECTION, Scope.ANNEX, Scope.DECISION)
"""Containers whose heading words may stand on the line after their label ('Article 1' /
'Use of terms')."""


_SHOWN_REPEATS = 20


class _Ids:
    """Unique ids in linear time: a repeated base gets '-2', '-3'… with a notice."""

    def __init__(self, notices: list[Notice], path: str | None) -> None:
        self.taken: set[str] = set()
        self.next: dict[str, int] = {}
        self.repeated = 0
        self.notices, self.path = notices, path

    def __call__(self, base: str, source: SourceParagraph, quiet: bool = False) -> str:
        if base not in self.taken:
            self.taken.add(base)
            return base
        n = self.next.get(base, 2)
        while f"{base}-{n}" in self.taken:
            n += 1
        self.next[base] = n + 1
        self.taken.add(f"{base}-{n}")
        self.repeated += 0 if quiet else 1
        if not quiet and self.repeated <= _SHOWN_REPEATS:  # forty thousand repeats make one line, not forty thousand
            self.notices.append(Notice(f"label {source.label or source.text[:40]!r} appears again; its paragraph "
                                       f"gets the id {base}-{n}", self.path, source.place))
        return f"{base}-{n}"

    def summary(self) -> None:
        if self.repeated > _SHOWN_REPEATS:
            self.notices.append(Notice(f"and {self.repeated - _SHOWN_REPEATS:,} more paragraphs whose labels appear "
                                       "again, each given an id of its own", self.path))


_BY_POSITION = (Scope.ROW, Scope.CELL)
"""Containers numbered by their place alone, written without a hyphen in ids."""


def assemble(sources: list[SourceParagraph], *, path: str | None = None) -> tuple[tuple[Paragraph, ...], tuple[Notice, ...]]:
    """Paragraph records for source paragraphs, in order, with notices on numbering."""
    out: list[Paragraph] = []
    notices: list[Notice] = []
    unique = _Ids(notices, path)
    stack = [_State()]
    cell: tuple[int, int, int] | None = None
    tables = 0
    skips = 0
    titling: int | None = None
    """Index in `out` of a container whose heading words may be on the next line."""

    def open_container(scope: Scope, label: str, key: str, text: str, source: SourceParagraph) -> Paragraph:
        while len(stack) > 1 and _RANK[_scope(stack[-1])] >= _RANK[scope]:
            _close_option(stack)
        outer = stack[-1]
        prefix = next((s.prefix for s in reversed(stack) if s.container is None or s.container.scope not in _THROUGH),
                      "") if scope not in _THROUGH else outer.prefix
        if not key or key == "alt":
            outer.children[scope] = outer.children.get(scope, 0) + 1
            key = f"{key}{outer.children[scope]}"
        # A second group of options in one scope ('Option 1:' again) is no mistake: its ids run on quietly.
        joint = "" if scope in _BY_POSITION else "-"  # rows and cells as 'r2', 'c3': 'tbl-1.r2.c3.p1'
        record = Paragraph(unique(f"{prefix}{scope.step}{joint}{key}", source, quiet=scope is Scope.OPTION), text,
                           Kind.CONTAINER, label,
                           parent=outer.container.id if outer.container else None, scope=scope)
        stack.append(_State(prefix=record.id + ".", container=record, preamble=scope in _PREAMBLE,
                            positional=scope is Scope.CELL))
        out.append(record)
        return record

    for source in sources:
        if source.cell != cell:
            tables = _enter_cell(source, cell, tables, stack, open_container)
            cell = source.cell
        first, roman = source.readings
        found = None if source.label or source.title or cell or source.plain else container_heading(source.text, heading=bool(source.heading))
        if titling is not None and found is None and source.heading and not source.label and not out[titling].text:
            out[titling] = replace(out[titling], text=source.text)  # 'Article 1' / 'Use of terms'
            titling = None
            continue
        titling = None
        if source.title:
            out.append(Paragraph(unique("title", source), source.text, Kind.TITLE))
            continue
        if found is not None or source.scope is not None:
            scope = source.scope or found.scope  # type: ignore[union-attr]
            label, key, text = (found.label, found.key, found.rest) if found else (source.label, "", source.text)
            open_container(scope, label, key, text, source)
            if scope in _TITLED and not text:
                titling = len(out) - 1
            elif scope is Scope.OPTION and text:
                stack.pop()  # 'Option 2: No text', or an option written on its line, holds nothing more
            continue
        state = stack[-1]
        if state.positional:
            state.count += 1
            kind = Kind.OPERATIVE if first is not None and first.sort is LabelSort.NUMBER else Kind.TEXT
            out.append(Paragraph(unique(f"{state.prefix}p{state.count}", source), source.text, kind, source.label,
                                 parent=state.container.id if state.container else None))
            continue
        if source.bullet and state.chapeau is None:  # a bullet with nothing above it to belong to
            text = f"{markup.escape(source.label)} {source.text}" if source.label else source.text
            source = replace(source, text=text, label="", bullet=False)
        numbered = first is not None and first.sort is LabelSort.NUMBER
        if source.heading or (not numbered and _is_heading_label(source.readings)):
            while len(stack) > 1 and stack[-1].container.scope is Scope.OPTION:  # type: ignore[union-attr]
                stack.pop()  # a heading ends the options above it
            paragraph = _heading(source, stack[-1], unique)
        elif source.bullet and state.chapeau is not None:
            paragraph = _bullet(source, state, unique)
        elif numbered and source.depth and state.chapeau is not None:
            paragraph = _nested_number(source, first, state, unique)  # type: ignore[arg-type]
        elif numbered:
            assert first is not None
            state = _scope_for_number(stack, first) if len(stack) > 1 else state
            if state.last_number and not (
                labels.successor(state.last_number, first) or first.suffix or state.last_number.suffix
                and first.ordinal == state.last_number.ordinal + 1
            ):
                skips += 1
                if skips <= _SHOWN_REPEATS:
                    notices.append(Notice(f"numbering goes from {state.last_number.text!r} to {first.text!r}", path,
                                          source.place))
            state.last_number = first
            if state.first_number is None:
                state.first_number = first.ordinal
            number = first.ordinal
            paragraph = Paragraph(unique(f"{state.prefix}p{number}{first.suffix}", source), source.text, Kind.OPERATIVE,
                                  source.label, parent=state.container.id if state.container else None)
            state.seen_operative = True
            state.chapeau, state.item1, state.item2, state.item1_para = paragraph, None, None, None
            state.bullets, state.item2_para = {}, None
        elif first is not None or roman is not None:
            paragraph = _item(source, state, unique, notices, path)
        elif (third := _third_level(source, state, unique)) is not None:
            paragraph = third
        else:
            parent = state.container.id if state.container else None
            if state.seen_operative or not state.preamble:
                state.text += 1
                paragraph = Paragraph(unique(f"{state.prefix}t{state.text}", source), source.text, Kind.TEXT,
                                      source.label, parent=parent)
            else:
                state.preambular += 1
                paragraph = Paragraph(unique(f"{state.prefix}pp{state.preambular}", source), source.text,
                                      Kind.PREAMBULAR, source.label, parent=parent)
            state.chapeau, state.item1, state.item2, state.item1_para = paragraph, None, None, None
            state.bullets, state.item2_para = {}, None
        out.append(paragraph)
    unique.summary()
    if skips > _SHOWN_REPEATS:
        notices.append(Notice(f"and {skips - _SHOWN_REPEATS:,} more places where the numbering skips or repeats", path))
    return tuple(out), tuple(notices)


def _nested_number(source: SourceParagraph, number: Label, state: _State, unique) -> Paragraph:  # type: ignore[no-untyped-def]
    """An indented '1.' under a numbered paragraph: its subparagraph, keyed by the number."""
    parent = state.item1_para if source.depth > 1 and state.item1_para is not None else state.chapeau
    assert parent is not None
    level = 2 if parent is state.item1_para else 1
    paragraph = Paragraph(unique(f"{parent.id}.{number.ordinal}{number.suffix}", source), source.text, Kind.SUBPARAGRAPH,
                          source.label, parent=parent.id, level=level)
    if level == 1:
        state.item1_para, state.item1, state.item2 = paragraph, None, None
    return paragraph


def _bullet(source: SourceParagraph, state: _State, unique) -> Paragraph:  # type: ignore[no-untyped-def]
    """A bullet item under a numbered paragraph: its subparagraph ('p4.bullet2'), or, when
    indented under a lettered item or after one that ends with a colon, that item's."""
    item = state.item1_para
    opens = item is not None and markup.plain(item.text).rstrip().endswith((":", "："))
    parent = item if item is not None and (source.depth or opens) else state.chapeau
    assert parent is not None
    state.bullets[parent.id] = state.bullets.get(parent.id, 0) + 1
    return Paragraph(unique(f"{parent.id}.bullet{state.bullets[parent.id]}", source), source.text, Kind.SUBPARAGRAPH,
                     source.label or "•", parent=parent.id, level=2 if parent is state.item1_para else 1)


def _scope(state: _State) -> Scope:
    """The scope of a container's state (the document's state is never asked)."""
    assert state.container is not None and state.container.scope is not None
    return state.container.scope


def _scope_for_number(stack: list[_State], number: Label) -> _State:
    """The scope a numbered paragraph belongs to.  An option's paragraphs are numbered
    from 1, or carry the number of the paragraph they are versions of ('Option 1:' /
    '5. Decides …' / 'Option 2:' / '5. Decides …'); in the second way, a number past
    those of the option before it ends the options ('6.' after them)."""
    while len(stack) > 1 and _scope(stack[-1]) is Scope.OPTION:
        inner, outer = stack[-1], stack[-2]
        versions = inner.first_number is not None and inner.first_number != 1
        if inner.last_number is None or not versions or outer.option_max is None \
                or number.ordinal <= outer.option_max:
            break
        stack.pop()
        outer.last_number = inner.last_number  # the options stood for the paragraphs they number
    return stack[-1]


def _close_option(stack: list[_State]) -> None:
    """Pop an option, remembering in its container the highest number it held."""
    inner = stack.pop()
    if inner.last_number is not None:
        stack[-1].option_max = max(stack[-1].option_max or 0, inner.last_number.ordinal)
        if inner.first_number != 1:
            stack[-1].last_number = inner.last_number  # versions of the paragraphs that follow on


def _enter_cell(source: SourceParagraph, cell: tuple[int, int, int] | None, tables: int, stack: list[_State],
                open_container) -> int:  # type: ignore[no-untyped-def]
    """Open (or close) the table, row and cell containers a paragraph of a table is in."""
    new = source.cell
    depth = 0 if cell is None or new is None or cell[0] != new[0] else 1 if cell[1] != new[1] else 2
    keep = {0: (), 1: (Scope.TABLE,), 2: (Scope.TABLE, Scope.ROW)}[depth]
    while len(stack) > 1 and _scope(stack[-1]) in (Scope.TABLE, Scope.ROW, Scope.CELL) \
            and _scope(stack[-1]) not in keep:
        stack.pop()
    if new is None:
        return tables
    blank = replace(source, text="", label="")
    if depth == 0:
        tables += 1
        open_container(Scope.TABLE, "", str(tables), "", blank)
    if depth <= 1:
        open_container(Scope.ROW, "", str(new[1]), "", blank)
    open_container(Scope.CELL, "", str(new[2]), "", blank)
    return tables


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
    base = f"{parent.id}-{key}" if parent else f"{state.prefix}sec-{key}"
    up = parent or state.container
    paragraph = Paragraph(unique(base, source), source.text, Kind.HEADING, source.label,
                          parent=up.id if up else None, level=level)
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
    prefix = parent.id if parent else f"{state.prefix}sub"
    up = parent or state.container
    paragraph = Paragraph(unique(f"{prefix}.{key}", source), source.text, Kind.SUBPARAGRAPH, source.label,
                          parent=up.id if up else None, level=level)
    if level == 1:
        state.item1_para, state.item2_para = paragraph, None
    else:
        state.item2_para, state.item3 = paragraph, 0
    return paragraph


_THIRD = re.compile(r"([a-z])\.\s+(?=\S)")
"""'a. ' opening a paragraph: lettered items under a roman one ('(ii) Education in:' /
'a. The natural sciences;'), which alone make 'a.' a label (it is an abbreviation too)."""


def _third_level(source: SourceParagraph, state: _State, unique) -> Paragraph | None:  # type: ignore[no-untyped-def]
    """An item lettered 'a.', 'b.' under a roman item that opens a list (it ends with a
    colon), in order; None for any other paragraph."""
    parent = state.item2_para
    found = _THIRD.match(source.text) if parent is not None and not source.label else None
    if found is None or parent is None:
        return None
    ordinal = ord(found.group(1)) - ord("a") + 1
    opens = markup.plain(parent.text).rstrip().endswith((":", "："))
    if not (ordinal == state.item3 + 1 and (ordinal > 1 or opens)):
        return None
    state.item3 = ordinal
    return Paragraph(unique(f"{parent.id}.{found.group(1)}", source), source.text[found.end():], Kind.SUBPARAGRAPH,
                     f"{found.group(1)}.", parent=parent.id, level=3)


