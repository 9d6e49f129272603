"""The lines of a UN document's pages become the Markdown the text reader reads.

Why Markdown: the text reader already knows labels, chapeaux, subparagraphs, headings and
footnotes; this module only has to say what the page layout shows and flat text loses —
where a paragraph starts (an indented first line, a label, a wider gap), which words are in
italics (`*Reaffirming*`), which marks are superscript footnote references (`[^3]`), which
lines are footnote bodies (below the separator, or in small type at the foot of the page),
and which are page furniture.  The result has front matter (the masthead, read from the
first page above the title) and one block per paragraph, so the text reader rejoins nothing.

Page furniture — the running symbol and title, page counters, job numbers, barcodes,
"Please recycle" — is taken from the top and bottom of each page when it matches a pattern
or recurs on other pages, and counted in a notice.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from drafttool.readers.blocks import FURNITURE
from drafttool.readers.markdown import SYMBOL_LINE
from drafttool.readers.pdf.lines import Line, Span, is_rtl_char
from drafttool.readers.structure import read_label
from drafttool.renderers.markdown import _escape
from drafttool.text import languages

_SEPARATOR = re.compile(r"^[_\u2014\u2015-]{5,}$")
_FOOTNOTE_MARK = re.compile(r"^(\*{1,3}|\d{1,3})(?=\s|\t|$)")
_SPONSORS = re.compile(
    r":\s*\*{0,3}\s*(draft resolution|draft decision|revised draft|amendments? to|projet de|proyecto de|"
    r"projet révisé|enmiendas? a|amendements? |проект|поправк|مشروع|تعديل|草案|修正)", re.IGNORECASE)
_CJK_OR_RTL_JOIN = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
_UN_NAMES = ("United Nations", "Nations Unies", "Naciones Unidas", "Организация Объединенных Наций", "الأمم المتحدة",
             "联合国")
_MONTHS = {m: n for n, m in enumerate(("january february march april may june july august september october "
                                        "november december").split(), start=1)}


@dataclass
class Layout:
    """The Markdown of a document, and what was left out of it on the way."""

    markdown: str
    furniture: list[str] = field(default_factory=list)
    """Pages and texts of the furniture lines left out, for the notice."""


@dataclass
class _Para:
    lines: list[Line]
    kind: str = "text"
    """'text', 'heading', 'title' or 'footnote'."""
    mark: str = ""


def _zone(line: Line, height: float, share: float) -> str:
    if line.y > height * (1 - share):
        return "top"
    if line.y < height * share:
        return "bottom"
    return ""


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split()))


def _furniture(pages: list[tuple[float, list[Line]]], body_size: float) -> set[int]:
    """Ids of the lines that are page furniture."""
    seen: Counter[str] = Counter()
    for _, lines in pages:
        for shape in {_shape(line.plain) for line in lines}:
            seen[shape] += 1
    out: set[int] = set()
    for number, (height, lines) in enumerate(pages, start=1):
        for line in lines:
            # Patterns are looked for in the outer eighth of the page; lines that recur, or
            # small type at the top, only in the margins proper, above the footnotes.
            zone = _zone(line, height, 0.13)
            if not zone or (number == 1 and zone == "top"):
                continue
            text = " ".join(line.plain.split())
            parts = [p for p in re.split(r"\s*\t\s*", line.plain.strip()) if p]
            margin = _zone(line, height, 0.075)
            if _mark(line):
                continue  # a footnote, even one that reads 'A/79/149.'
            if (FURNITURE.match(text) or any(FURNITURE.match(p) or zone == "top" and SYMBOL_LINE.match(p) for p in parts)
                    or re.fullmatch(r"[-–]\s*\d+\s*[-–]", text)
                    or margin and (seen[_shape(line.plain)] >= 2 or (margin == "top" and line.size < body_size * 0.95))):
                out.add(id(line))
    return out


def _body_geometry(lines: list[Line], body_size: float) -> tuple[float, float]:
    """The left margin of the body text and its line spacing."""
    margins: Counter[int] = Counter()
    for line in lines:
        if abs(line.size - body_size) < 0.6 and not line.bold and not _masthead_like(line):  # not the masthead
            margins[round(line.x0)] += 1
    # The leftmost place where a tenth of the lines start: continuation lines in UN
    # documents, labels where paragraphs hang their continuation lines from an indent.
    common = [x for x, n in margins.items() if n * 10 >= sum(margins.values())]
    margin = float(min(common)) if common else 0.0
    steps: Counter[int] = Counter()
    for above, below in zip(lines, lines[1:]):
        step = above.y - below.y
        # Lines of one paragraph are 1 to 1.5 sizes apart; wider steps are between paragraphs.
        if above.page == below.page and abs(above.size - body_size) < 0.6 and abs(below.size - body_size) < 0.6 \
                and body_size <= step <= body_size * 1.5:
            steps[round(step * 2)] += 1
    leading = steps.most_common(1)[0][0] / 2 if steps else body_size * 1.2
    return margin, max(leading, body_size)


_DIVISION = re.compile(
    r"^(PART|Part|ARTICLE|Article|ANNEX|Annex|CHAPTER|Chapter|SECTION|Section|PARTIE|Partie|Parte|PARTE|"
    r"Artículo|ARTÍCULO|Anexo|ANEXO|Capítulo|Статья|СТАТЬЯ|Часть|ЧАСТЬ|Приложение|ПРИЛОЖЕНИЕ|المادة|الجزء|المرفق)"
    r"\s+[\dIVXLC]+[A-Za-z]*\.?$|^第[一二三四五六七八九十百零〇\d]+(条|部分|章|节)$|^附件[一二三四五六七八九十\d]*$")
"""A heading line that names a division on its own ('Article 4', 'PART II', '第四条'): the
line after it (the article's title) is a heading of its own, not the same one."""


IMPRINT = re.compile(r"^(UNITED NATIONS|NATIONS UNIES|NACIONES UNIDAS|ОРГАНИЗАЦИЯ ОБЪЕДИНЕННЫХ НАЦИЙ|الأمم المتحدة"
                     r"|联合国)\s*[0-9]{4}$", re.IGNORECASE)
"""The publisher's line of a printed treaty's cover ('UNITED NATIONS 2023'): the
document's imprint, kept with its masthead, never a heading of its text."""


def build(pages: list[tuple[float, list[Line]]], source: str = "") -> Layout:
    """The Markdown of a document from its pages' lines (page height, lines)."""
    sizes: Counter[float] = Counter()
    for _, lines in pages:
        for line in lines:
            sizes[line.size] += len(line.plain)
    body_size = sizes.most_common(1)[0][0] if sizes else 10.0
    furniture = _furniture(pages, body_size)
    left_out = [f"page {line.page}: {line.plain.strip()}" for _, lines in pages for line in lines
                if id(line) in furniture]
    body: list[Line] = []
    notes: list[_Para] = []
    for height, lines in pages:
        kept = [line for line in lines if id(line) not in furniture]
        foot = _foot_start(kept, body_size)
        body.extend(kept[:foot])
        for line in kept[foot:]:
            text = line.text.strip()
            if _SEPARATOR.match(line.plain.strip()):
                continue
            mark = _mark(line)
            if mark or not notes:
                notes.append(_Para([line], "footnote", mark or "?"))
            else:
                notes[-1].lines.append(line)
            del text
    margin, leading = _body_geometry(body, body_size)
    ends = Counter(round(line.x1) for line in body if abs(line.size - body_size) < 0.6)
    right = float(ends.most_common(1)[0][0]) if ends else margin + 400  # where full lines end
    start = _first_paragraph(body, margin, body_size)
    head, rest = body[:start], body[start:]
    masthead, title, headings = _split_head(head, body_size)
    paragraphs = headings + _paragraphs(rest, margin, right, leading, body_size)
    labels = {note.mark for note in notes}
    words = frozenset(w.lower() for _, lines in pages for line in lines
                      for w in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", line.plain))
    imprint = [para for para in paragraphs if para.kind == "heading"
               and IMPRINT.match(" ".join(line.plain.strip() for line in para.lines))]
    paragraphs = [para for para in paragraphs if not any(para is found for found in imprint)]
    front = _front(masthead, labels) + [f"other: {' '.join(line.plain.strip() for line in para.lines)}"
                                        for para in imprint]
    # Front matter, never empty (it tells the text reader that each block is one paragraph).
    blocks = ["---\n" + "\n".join([f"source: {source or 'PDF'}", *front]) + "\n---"]
    if title:
        blocks.append("# " + _inline(title, labels, words))
    for para in paragraphs:
        text = _inline(para.lines, labels, words, bold=para.kind != "heading")
        if not text:
            continue
        if para.kind == "heading":
            blocks.append("## " + text)
        else:
            blocks.append(_guard(text))
    for note in notes:
        text = _inline(note.lines, labels, words, strip_mark=True, bold=True)
        if note.mark == "?":
            blocks.append(_guard(text))  # a footnote's end on a page whose start was lost
        else:
            blocks.append(f"[^{note.mark}]: {text}")
    return Layout("\n\n".join(blocks) + "\n", left_out)


def _foot_start(lines: list[Line], body_size: float) -> int:
    """Index of the first line of the footnotes at the foot of a page (len(lines) if none)."""
    for index, line in enumerate(lines):
        if _SEPARATOR.match(line.plain.strip()) and index > 0:
            return index
    index = len(lines)
    while index > 0 and lines[index - 1].size < body_size * 0.93:
        index -= 1
    while index < len(lines) and not _mark(lines[index]):
        index += 1
    return index


def _mark(line: Line) -> str:
    """The footnote mark a footnote line starts with ('3', '*'), or ''."""
    spans = [s for s in line.spans if s.text.strip()]
    if not spans:
        return ""
    if spans[0].sup and re.fullmatch(r"\d{1,3}|\*{1,3}", spans[0].text.strip()):
        return spans[0].text.strip()
    match = _FOOTNOTE_MARK.match(line.text.strip())
    if match and (match.group(1).startswith("*") or line.tab_after > 0):
        return match.group(1)
    return ""


def _first_paragraph(body: list[Line], margin: float, body_size: float) -> int:
    """Index of the first line of the body's first paragraph: the first indented line in
    the body's type size that is not bold (UN documents indent first lines), or else the
    first labelled one; but if a title (bold, larger than the body) stands before it with
    other lines between, the line after that title (a text whose paragraphs are set apart
    by space, not by indents)."""
    first = len(body)
    for index, line in enumerate(body):
        if abs(line.size - body_size) < 0.6 and not line.bold and not _masthead_like(line) and (
                margin + 4 < line.x0 < margin + 90 or margin - 2 < line.x0 < margin + 90 and line.tab_after > 0
                and read_label(line.plain.strip())[0]):
            first = index
            break
    else:
        for index, line in enumerate(body):
            if read_label(line.plain.strip())[0] and abs(line.size - body_size) < 0.6:
                first = index
                break
    title_end = -1
    for index in range(min(first, len(body)) - 1, -1, -1):
        line = body[index]
        if line.bold and line.size >= body_size * 1.1 and not read_label(line.plain.strip())[0]:
            title_end = index
            break
    if title_end >= 0 and any(not body[k].bold for k in range(title_end + 1, min(first, len(body)))):
        return title_end + 1
    if title_end < 0 and not any(margin + 4 < line.x0 < margin + 90 for line in body[:first]):
        return _after_masthead(body, first)
    return first if first < len(body) else 0


def _masthead_like(line: Line) -> bool:
    """A line such as mastheads hold: a field ('Distr.: General', a date, a symbol), or a
    few words without punctuation ('General Assembly')."""
    text = " ".join(line.plain.split())
    if languages.masthead_field(text) or SYMBOL_LINE.match(text) or text in _UN_NAMES:
        return True
    return len(text.split()) <= 6 and not re.search(r"[.,;:!?。，；：！？،؛]$", text)


def _after_masthead(body: list[Line], first: int) -> int:
    """With no title and no indented first line: the first line that is not a masthead line."""
    for index, line in enumerate(body[:first]):
        if _masthead_like(line) and index < 6:
            continue
        return index
    return min(first, len(body)) if first < len(body) else 0


def _split_head(head: list[Line], body_size: float) -> tuple[list[Line], list[Line], list[_Para]]:
    """Masthead lines, title lines, and headings between the title and the first paragraph.

    The title is the first block of bold lines just above the first paragraph; a bold block
    naming the sponsors ('Canada, Mexico: draft resolution') stays in the masthead."""
    index = len(head)
    while index > 0 and head[index - 1].bold:
        index -= 1
    region = head[index:]
    blocks: list[list[Line]] = []
    for line in region:
        if blocks and abs(blocks[-1][-1].size - line.size) < 0.3 and blocks[-1][-1].y - line.y < line.size * 1.8 \
                and blocks[-1][-1].page == line.page:
            blocks[-1].append(line)
        else:
            blocks.append([line])
    masthead = head[:index]
    while blocks and (_SPONSORS.search(" ".join(l.plain for l in blocks[0])) or blocks[0][0].size < body_size * 1.1):
        masthead += blocks.pop(0)
    if not blocks:
        return masthead, [], []
    # The title is the block in the largest type; bold lines above it are masthead (a
    # symbol printed in bold), below it headings ('PREAMBLE').
    largest = max(block[0].size for block in blocks)
    at = next(k for k, block in enumerate(blocks) if block[0].size == largest)
    for block in blocks[:at]:
        masthead += block
    title = " ".join(l.plain for l in blocks[at]).split()
    return masthead, blocks[at], [_Para(block, "heading") for block in blocks[at + 1:]
                                  if " ".join(l.plain for l in block).split() != title]


def _paragraphs(lines: list[Line], margin: float, right: float, leading: float, body_size: float) -> list[_Para]:
    """The body's lines grouped into paragraphs.  A paragraph starts after a gap wider
    than the line spacing, at a label, at a change between heading and text, and at a page
    break where the paragraph before ended.  An indented first line starts one too, where
    the text's paragraphs are not set apart by space (or at the top of a page)."""
    steps = [a.y - b.y for a, b in zip(lines, lines[1:]) if a.page == b.page and abs(a.size - body_size) < 0.6]
    spaced = sum(step > leading * 1.3 for step in steps) * 10 > len(steps)
    out: list[_Para] = []
    previous: Line | None = None
    for line in lines:
        heading = line.bold
        hanging = bool(out) and out[-1].lines[0].text_x > 0 and abs(line.x0 - out[-1].lines[0].text_x) < 3 \
            and bool(read_label(out[-1].lines[0].plain.strip())[0]) and not read_label(line.plain.strip())[0]
        new_page = previous is not None and previous.page != line.page
        start = (
            previous is None or not out
            or line.x0 > margin + 4 and not hanging and (not spaced or new_page) and not heading
            or bool(read_label(line.plain.strip())[0]) and (line.tab_after > 0 or _clause_end(previous))
            or (not new_page and previous.y - line.y > leading * 1.3)
            or (heading != (out[-1].kind == "heading"))
            or heading and (_DIVISION.match(line.plain.strip()) or _DIVISION.match(previous.plain.strip()))
            or (new_page and (_ends(out[-1]) or _opens(out[-1], line) or previous.x1 < right - 3 * previous.size))
        )
        if start:
            out.append(_Para([line], "heading" if heading and not line.italic else "text"))
        else:
            out[-1].lines.append(line)
        previous = line
    return out


def _clause_end(line: Line) -> bool:
    return line.plain.rstrip().rstrip("”’\")]").endswith((".", ";", ":", ",", "。", "；", "：", "，", "،", "؛"))


def _opens(para: _Para, line: Line) -> bool:
    """A line that opens a preambular paragraph after one that ended with its comma: its
    first words in italics, as the paragraph before's were ('*Noting* that …')."""
    first = next((s for s in line.spans if s.text.strip()), None)
    before = next((s for s in para.lines[0].spans if s.text.strip()), None)
    return bool(first and first.italic and before and before.italic) \
        and para.lines[-1].plain.rstrip().endswith((",", "，", "،"))


def _ends(para: _Para) -> bool:
    """The paragraph ends where its last line does: a heading, or a full stop or a
    semicolon (the cut at a page break falls mid-sentence otherwise)."""
    if para.kind == "heading":
        return True
    return para.lines[-1].plain.rstrip().rstrip("”’\")").endswith((".", ";", ":", "。", "；", "："))


def _front(masthead: list[Line], labels: set[str]) -> list[str]:
    """Front matter lines for the masthead: each part of a line put in its field."""
    fields: dict[str, str] = {}
    other: list[str] = []
    after_agenda = False
    parts: list[tuple[str, list[Line]]] = []
    sponsors = _sponsors(masthead)
    for line in masthead:
        if any(line is s for s in sponsors):
            continue
        for part in re.split(r"\t| {3,}", line.plain):
            if part.strip():
                parts.append((part.strip(), [line]))
    agenda_title: list[str] = []
    agenda: Line | None = None
    for text, (line,) in parts:
        name = languages.masthead_field(text)
        if text in _UN_NAMES:
            name = "un"
        if name is None and after_agenda and agenda is not None and abs(line.x0 - agenda.x0) < 3 \
                and (line.bold or not agenda_title) and agenda.y - line.y < line.size * 1.6 * (len(agenda_title) + 1):
            agenda_title.append(text)
            continue
        after_agenda = after_agenda and name is None or name == "agenda_item"
        if name == "agenda_item":
            agenda = line
        if name is None and "organ" not in fields and not fields.keys() - {"symbol"}:
            name = "organ"
        if name in (None, "un") or name in fields:
            other.append(text)
        else:
            fields[name] = text  # type: ignore[index]
    if agenda_title:
        fields["agenda_title"] = " ".join(agenda_title)
    if sponsors:
        other.append(" ".join(" ".join(l.plain.split()) for l in sponsors))
    keys = {"symbol": "symbol", "organ": "organ", "distribution": "distribution", "date": "masthead-date",
            "language": "language-line", "original": "original", "session": "session",
            "agenda_item": "agenda-item", "agenda_title": "agenda-title"}
    out = [f"{keys[name]}: {_star_references(value, labels)}" for name, value in fields.items() if name in keys]
    iso = _iso_date(fields.get("date", ""))
    if iso:
        out.append(f"date: {iso}")
    out += [f"other: {_star_references(value, labels)}" for value in other]
    return out


def _sponsors(masthead: list[Line]) -> list[Line]:
    """The lines of the sponsors' list ('Armenia, Austria, … and Viet Nam: draft
    resolution'): the line that ends it and the lines of the same block above it."""
    ends = [k for k, line in enumerate(masthead) if _SPONSORS.search(line.plain)]
    if not ends:
        return []
    start = ends[-1]
    while start > 0:
        above, line = masthead[start - 1], masthead[start]
        if abs(above.x0 - line.x0) > 2 or abs(above.size - line.size) > 0.3 or above.page != line.page \
                or not 0 < above.y - line.y < line.size * 1.6 or _SPONSORS.search(above.plain):
            break
        start -= 1
    return masthead[start: ends[-1] + 1]


def _iso_date(text: str) -> str:
    match = re.fullmatch(r"(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})", text.strip())
    if not match or match.group(2).lower() not in _MONTHS:
        return ""
    return f"{match.group(3)}-{_MONTHS[match.group(2).lower()]:02d}-{int(match.group(1)):02d}"


def _guard(text: str) -> str:
    """A paragraph whose first word Markdown would take for syntax, escaped."""
    if text[:1] in "#>+-=|" or re.match(r"\d+[.)]\s", text) and not read_label(text)[0]:
        return "\\" + text
    return text


def _inline(lines: list[Line], labels: set[str], words: frozenset[str] = frozenset(), strip_mark: bool = False,
            bold: bool = False) -> str:
    """Markdown for the lines of one paragraph: rejoined, italics and references marked."""
    pieces: list[Span] = []
    for number, line in enumerate(lines):
        spans = [Span(s.text.replace("\t", " "), s.italic, s.bold, s.sup) for s in line.spans]
        while spans and not spans[0].text.strip():
            spans.pop(0)
        if number == 0 and strip_mark and spans:
            spans = _strip_mark(spans)
        if not spans:
            continue
        if pieces:
            last = pieces[-1].text.rstrip()
            first = spans[0].text.lstrip()
            if last.endswith("-") and len(last) > 1 and last[-2].isalpha() and first[:1].islower():
                pieces[-1] = Span(last if _keeps_hyphen(last, first, words) else last[:-1], *_style(pieces[-1]))
            elif last.endswith("-") and len(last) > 1 and last[-2].isalpha():
                pieces[-1] = Span(last, *_style(pieces[-1]))  # 'Secretary-' + 'General'
            elif _CJK_OR_RTL_JOIN.match(last[-1:]) and _CJK_OR_RTL_JOIN.match(first[:1]):
                pieces[-1] = Span(last, *_style(pieces[-1]))
            else:
                pieces[-1] = Span(last + " ", *_style(pieces[-1]))
            spans[0] = Span(first, *_style(spans[0]))
        pieces.extend(spans)
    if not bold:
        pieces = [Span(p.text, p.italic, False, p.sup) for p in pieces]
    return _emphasis(pieces, labels)


def _emphasis(pieces: list[Span], labels: set[str]) -> str:
    """Markdown for styled spans: '*' round italics and '**' round bold, spaces outside."""
    out: list[str] = []
    italic = False
    strong = False
    for index, span in enumerate(pieces):
        text = span.text
        if span.sup:
            marks = re.findall(r"\d+|\*+", text)
            if marks and all(mark in labels for mark in marks):  # '10,11': two references
                while out and out[-1].endswith(" "):
                    out[-1] = out[-1][:-1]
                refs = re.sub(r"\d+|\*+", lambda m: f"[^{m.group()}]", text.strip())
                out.append(refs)
                continue
            out.append(_escape(text))
            continue
        text = _star_references(text, labels)
        if not any(c.isalnum() for c in text) and (span.italic and not italic or span.bold and not strong) \
                and not (italic and not span.italic or strong and not span.bold):
            out.append(text)  # emphasis on bare punctuation ('6' then an italic '.') marks nothing
            continue
        if text.strip() and (span.italic, span.bold) != (italic, strong):
            closing = ("*" if italic and not span.italic else "") + ("**" if strong and not span.bold else "")
            if closing and out:
                trailing = out[-1][len(out[-1].rstrip()):]
                out[-1] = out[-1].rstrip() + closing[::-1] + trailing
            opening = ("**" if span.bold and not strong else "") + ("*" if span.italic and not italic else "")
            if opening:
                lead = text[: len(text) - len(text.lstrip())]
                text = lead + opening + text.lstrip()
            italic, strong = span.italic, span.bold
        out.append(text)
    closing = ("*" if italic else "") + ("**" if strong else "")
    if closing and out:
        trailing = out[-1][len(out[-1].rstrip()):]
        out[-1] = out[-1].rstrip() + closing + trailing
    return " ".join("".join(out).split())


_STARS = re.compile(r"(?<=[^\s*])(\*{1,3})(?=[\s.,;:)]|$)")


def _star_references(text: str, labels: set[str]) -> str:
    """Escape the text, turning '*' marks after a word into references where a footnote has that mark."""
    out = []
    position = 0
    for match in _STARS.finditer(text):
        if match.group(1) in labels:
            out.append(_escape(text[position: match.start()]) + f"[^{match.group(1)}]")
            position = match.end()
    out.append(_escape(text[position:]))
    return "".join(out)


def _strip_mark(spans: list[Span]) -> list[Span]:
    first = spans[0]
    if first.sup:
        spans = spans[1:]
    else:
        match = _FOOTNOTE_MARK.match(first.text.lstrip())
        if match:
            spans = [Span(first.text.lstrip()[match.end():], *_style(first))] + spans[1:]
    while spans and not spans[0].text.strip():
        spans.pop(0)
    if spans:
        spans[0] = Span(spans[0].text.lstrip(), *_style(spans[0]))
    return spans


def _style(span: Span) -> tuple[bool, bool, bool]:
    return span.italic, span.bold, span.sup


def _keeps_hyphen(last: str, first: str, words: frozenset[str]) -> bool:
    """Whether a hyphen at a line's end belongs to the word ('long-term', 'capacity-
    building') or only marks where a word processor cut it ('sustain-able'): cut only when
    the document writes the joined word elsewhere and never the hyphenated one."""
    stem = (re.findall(r"[^\W\d_]+$", last[:-1]) or [""])[0].lower()
    rest = (re.findall(r"^[^\W\d_]+", first) or [""])[0].lower()
    return not (stem + rest in words and f"{stem}-{rest}" not in words)


def is_rtl_text(text: str) -> bool:
    return sum(is_rtl_char(c) for c in text) * 2 > sum(c.isalpha() for c in text)
