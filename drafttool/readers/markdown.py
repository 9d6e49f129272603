"""Read UN documents written as Markdown or plain text, PDF-converted ones included.

Takes the bytes of a `.md` or `.txt` file; returns a `Reading` (a Round and notices).

The bytes are decoded by `decode_text`: UTF-8, UTF-16 and UTF-32 with or without a BOM,
and lines in Windows-1252 (Latin-1) read as such with a notice; a binary file, or text in
another code page, is refused naming the line.  `clean_text` then takes out what the model
must never hold — control characters, lone surrogates, stray BOMs, noncharacters — with a
notice naming the line, and makes form feeds and Unicode line separators line breaks.

In two steps, as pandoc's docx reader does: first the file becomes blocks that mirror it
(`blocks`: lines between blank lines, each marked as page furniture, a separator, the
start of a footnote body, a heading, a pipe table or text), then the blocks become the
model:

- an optional front matter (`---` … `---`, `key: value` lines) gives the round's label,
  date, symbol, language and masthead exactly; this is what `export --format md` writes;
- otherwise the masthead is recognised line by line (symbol, distribution, date,
  language, original language, session, agenda item) above the title, which is the last
  heading before the first paragraph of the body;
- page furniture (job numbers such as `24-04527 (F)`, page counters, barcodes, the
  running symbol) is left out, with a notice counting it;
- footnote bodies (`<sup>5</sup> …`, `[^5]: …`, `\\* …`, and in plain text `5 …` after a
  separator line) are collected wherever they stand, with the blocks that continue them;
- a paragraph cut by a page break or a footnote block is rejoined with the block that
  continues it (no label, and it starts in lower case or the cut fell mid-sentence);
- Markdown inline syntax (emphasis, links, escapes, `<sup>`) is parsed with markdown-it
  before negotiation brackets are looked at, so `[^5]` and `[text](url)` are not taken
  for brackets; brackets are kept in the text, and unbalanced ones are reported.
"""

from __future__ import annotations

import gc
import re
from dataclasses import dataclass, replace

from drafttool.text import languages, markup
from drafttool.errors import InputError, Notice
from drafttool.model import Footnote, Kind, Round
from drafttool.readers import Reading, layout, limits
from drafttool.readers.structure import SourceParagraph, assemble, read_label
from drafttool.readers.inline import Inline, plain_words, unwrap as _unwrap
from drafttool.readers.masthead import masthead_from_front, masthead_from_lines
from drafttool.readers.notes import check_brackets, check_footnotes
from drafttool.readers.blocks import (
    CLAUSE_END, Block, blocks_of, drop_website_furniture, front_matter, opener, without_furniture,
)
from drafttool.readers.pipes import table_cells
from drafttool.readers.textfile import clean_text, decode_text, plain_text
from drafttool.text.containers import container_heading

ADOPTION_RECORD = re.compile(
    r"^(\d+(st|nd|rd|th)\s+plenary\s+meeting|\d+e\s+séance\s+plénière|\d+a\s+sesión\s+plenaria"
    r"|\d+-?е\s+пленарное\s+заседание)\b", re.IGNORECASE)
"""The line that closes an adopted resolution ('50th plenary meeting 9 December 2024'): a
record of where and when it was adopted, not a paragraph of the text."""
SYMBOL_LINE = languages.MASTHEAD_PATTERNS["symbol"]
TERMINAL = ".;:!?。；：！？…"
CLOSERS = "»”’\")）]"
PREAMBLE_HEADINGS = {"PREAMBLE", "PRÉAMBULE", "PREÁMBULO", "ПРЕАМБУЛА", "الديباجة", "序言"}
"""The heading over a treaty's preamble, in the six languages: a heading of its body."""
LETTER_ITEM = re.compile(r"^[a-z]\.\s+[^\W\d_]")
"""A block that opens with 'a. ' and a word: an item lettered so, never the rest of the paragraph above."""
BULLET_TXT = re.compile(r"^([-–•▪◦●·])[ \t\u00a0]+(?=\S)")
"""The bullet of a list item in text: '- …', '• …', '– …'."""
BULLET_MD = re.compile(r"^([-–•▪◦●·*+])[ \t\u00a0]+(?=\S)")
"""In Markdown, '* …' and '+ …' too."""


@dataclass(slots=True)
class _Draft:
    """A paragraph or footnote being assembled from one or more blocks."""

    raw: list[str]
    line: int
    heading: int = 0
    label: str = ""
    readings: tuple = (None, None)
    footnote_label: str = ""
    title: bool = False
    depth: int = 0
    cell: tuple[int, int, int] | None = None
    """(table, row, column) of a paragraph in a pipe table."""
    bullet: bool = False


def read_markdown(data: bytes | str, *, path: str | None = None, label: str = "", language: str = "",
                  markdown: bool = True) -> Reading:
    """Read a Markdown (or, with `markdown=False`, plain-text) UN document."""
    # Reading allocates several objects a paragraph (blocks, drafts, labels, records) and
    # keeps most of them: the collector's passes, set off by the count of allocations,
    # walk a heap that only grows and free nothing (a sixth of reading 20,000 paragraphs).
    # It is paused for the read and runs again after it, as it was before.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _read_markdown(data, path=path, label=label, language=language, markdown=markdown)
    finally:
        if enabled:
            gc.enable()


def _read_markdown(data: bytes | str, *, path: str | None, label: str, language: str, markdown: bool) -> Reading:
    notices: list[Notice] = []
    plain = None if isinstance(data, str) else plain_text(data)  # UTF-8 with nothing to take out: most files
    if plain is not None:
        text = plain
    else:
        text, notices = (data, []) if isinstance(data, str) else decode_text(data, path)
    laid = not markdown and layout.laid_out(text)
    if laid:
        text = layout.lay_out(text)  # pdftotext -layout: paragraphs by their indent, footnotes by page
    if plain is None or laid:
        text, cleaned = clean_text(text, path)
        notices += cleaned
    lines = text.split("\n")
    front, body_start, website = front_matter(lines, path, notices)
    # Front matter as `export --format md` writes it: the text below holds one paragraph
    # a block, the title as '# …'; a website's front matter says nothing of the body.
    ours = bool(front) and not website and "title" not in front
    blocks = blocks_of(lines, body_start, markdown, laid_out=laid)
    if markdown and not ours:
        blocks = drop_website_furniture(blocks, notices, path)
    if not any(block.text.strip() for block in blocks) and not front:
        raise InputError("the document is empty", path=path)
    furniture = [b for b in blocks if b.kind == "furniture"]
    if not front and not any(b.text.strip() for b in blocks if b.kind not in ("furniture", "separator")):
        lines_of = ", ".join(str(b.line) for b in blocks[:5]) + (" …" if len(blocks) > 5 else "")
        raise InputError(f"the document is empty: it holds only page furniture or separator lines (lines {lines_of})",
                         path=path)
    if furniture:
        where = ", ".join(str(b.line) for b in furniture[:5]) + (" …" if len(furniture) > 5 else "")
        notices.append(Notice(f"left out {len(furniture)} line(s) of page furniture (lines {where})", path))
    blocks = without_furniture(blocks)

    first_body = _first_body(blocks) if not ours else _first_body_after_title(blocks)
    containers = [k for k, b in enumerate(blocks[:first_body]) if b.kind in ("heading", "text")
                  and container_heading(_unwrap(b.text), heading=b.kind == "heading") is not None]
    if containers and not ours:
        first_body = containers[0]  # 'Article 1', 'Decision 1/CMA.3' opens the body, never titles it
    heading_places = [k for k, b in enumerate(blocks[:first_body]) if b.kind == "heading"]
    if heading_places and not ours:
        # Under a heading that titles the document, what follows is the body, even a
        # short preambular paragraph ('*Rappelant* sa résolution 70/1'), not masthead.
        first_body = heading_places[-1] + 1
        if _unwrap(blocks[heading_places[-1]].text).strip().upper() in PREAMBLE_HEADINGS:
            first_body -= 1  # 'PREAMBLE' heads the body; the title is above it
    head = [line for b in blocks[:first_body] if b.kind in ("text", "heading") for line in _head_lines(b)]
    running = [b for b in blocks[first_body:]  # a symbol has a '/': 'A/RES/80/1'
               if b.kind == "text" and "/" in b.text and SYMBOL_LINE.match(b.text.strip())]
    if running:
        notices.append(Notice(f"left out {len(running)} running document symbol line(s) "
                              f"(lines {', '.join(str(b.line) for b in running[:5])})", path))
        for index, block in enumerate(blocks[:-1]):
            if any(block is r for r in running):
                blocks[index + 1].after_break = True  # a running symbol stands at a page break
        blocks = [b for b in blocks if not any(b is r for r in running)]
    title_block = None
    if "title" in front and not any(b.kind == "heading" and b.heading == 1 for b in head):
        title_block = Block(front["title"], 2, heading=1, kind="heading")
        head.append(title_block)
    elif head:
        headings = [b for b in head if b.kind == "heading"]
        title_block = headings[-1] if headings else head[-1]
    masthead_lines = [b for b in head if b is not title_block]
    if title_block is not None and title_block.kind == "text" and not markdown:
        title_block, masthead_lines = _whole_title(title_block, masthead_lines)

    # Markdown that drafttool wrote (it has front matter) holds one paragraph a block:
    # nothing there was cut by a page, so nothing is rejoined.
    paragraphs, footnotes = _assemble_blocks(blocks[first_body:], notices, path, markdown, rejoin=not ours)
    star_labels = {d.footnote_label for d in footnotes}
    inline = Inline(markdown, star_labels)

    footnote_records: list[Footnote] = []
    footnote_ids: dict[str, str] = {}
    taken: set[str] = set()
    counters: dict[str, int] = {}
    first_lines: dict[str, int] = {}
    for draft in footnotes:
        fid = _footnote_id(draft.footnote_label, taken, counters)
        taken.add(fid)
        if draft.footnote_label in first_lines:
            notices.append(Notice(f"footnote {draft.footnote_label} is defined again (first on line "
                                  f"{first_lines[draft.footnote_label]}): references go to the first; this body "
                                  f"is kept as footnote {fid}", path, f"{draft.line}"))
        first_lines.setdefault(draft.footnote_label, draft.line)
        footnote_ids.setdefault(draft.footnote_label, fid)
        footnote_records.append(Footnote(fid, inline.convert(" ".join(draft.raw), footnote_ids, f"{draft.line}"),
                                         draft.footnote_label))

    inline.spaced = laid
    sources: list[SourceParagraph] = []
    if title_block is not None:
        # Emphasis round a whole title is the title's own in what drafttool wrote ('# *Projet*'),
        # and a document's formatting of its heading elsewhere ('**DRAFT RESOLUTION**').
        title = title_block.text if ours else _unwrap(title_block.text)
        sources.append(SourceParagraph(inline.convert(title, footnote_ids, f"{title_block.line}"),
                                       title=True,
                                       place=f"{title_block.line}"))
    for opened in paragraphs:
        if isinstance(opened, SourceParagraph):
            sources.append(opened)  # settled as its block was read
            continue
        draft = opened
        raw = _join(draft.raw)
        place = f"{draft.line}"
        sources.append(SourceParagraph(inline.convert(raw, footnote_ids, place), draft.label,
                                       draft.readings, heading=draft.heading, place=place,
                                       depth=draft.depth, plain=markdown and raw.startswith(("\\", "&#")),
                                       cell=draft.cell, bullet=draft.bullet))
    for place, count in inline.unparsed:
        notices.append(Notice(f"{count:,} characters of Markdown syntax (* _ [ ! < & \\ `) in one paragraph, over "
                              f"the {limits.MAX_MARKDOWN_SYNTAX:,} parsed: read as plain text, its Markdown kept "
                              "as written", path, place or None))
    records, structure_notices = assemble(sources, path=path)
    notices.extend(structure_notices)

    masthead, printed_symbol = masthead_from_lines([b.text for b in masthead_lines], inline, footnote_ids)
    if ours:
        masthead = masthead_from_front(front, inline, footnote_ids)

    lang = language or front.get("language", "") or languages.language_from_name(masthead.language)
    if not lang:
        lang = languages.guess_language(" ".join(markup.plain(p.text) for p in records))
    round_ = Round(
        label=label or front.get("round", ""),
        paragraphs=records,
        footnotes=tuple(footnote_records),
        date=front.get("date", ""),
        symbol=front.get("symbol", "") or printed_symbol,
        language=lang,
        masthead=masthead,
        source=front.get("source", ""),
        note=front.get("note", ""),
    )
    if not ours:
        round_, closing = closing_line_to_masthead(round_, path)
        notices.extend(closing)
    notices.extend(check_footnotes(round_, path))
    notices.extend(check_brackets(round_, path, lambda: {p.id: s.place for p, s in zip(records, sources)}))
    return Reading(round_, tuple(notices))


def closing_line_to_masthead(round_: Round, path: str | None) -> tuple[Round, list[Notice]]:
    """The closing line of an adopted resolution moved from the last paragraph to the
    masthead's other lines, with a notice; the round as it is when there is none."""
    last = round_.paragraphs[-1] if round_.paragraphs else None
    if last is None or last.kind is not Kind.TEXT or not ADOPTION_RECORD.match(markup.plain(last.text)):
        return round_, []
    closing = markup.plain(last.text)
    masthead = replace(round_.masthead, other=(*round_.masthead.other, closing))
    return (replace(round_, paragraphs=round_.paragraphs[:-1], masthead=masthead),
            [Notice(f"the closing line {closing!r} is kept with the masthead, not as a paragraph", path)])




def _whole_title(last: Block, masthead: list[Block]) -> tuple[Block, list[Block]]:
    """A title wrapped over lines ('80/112.  Safety and security of … protection of' /
    'United Nations personnel'): the lines of the block just above the last one, when they
    go on without a column gap, belong to it; the resolution's number is left out."""
    lines = [last]
    while masthead and masthead[-1].line == lines[0].line - 1 and len(lines) < 4 \
            and not masthead[-1].text.rstrip().endswith((".", ":", ")", "]")) or (
                masthead and masthead[-1].line == lines[0].line - 1 and re.match(r"^\d+/\d+\.", masthead[-1].text)):
        lines.insert(0, masthead.pop())
    text = re.sub(r"^\d+/\d+\.\s+", "", " ".join(b.text.strip() for b in lines))
    return Block(text, lines[0].line), masthead


def _head_lines(block: Block) -> list[Block]:
    """Masthead blocks line by line; columns that PDF extraction put on one line
    ('Nations Unies        E/CN.7/2024/L.2') are split too."""
    if block.kind == "heading":
        return [block]
    out = []
    for offset, line in enumerate(block.text.split("\n")):
        for part in re.split(r"\s{3,}|\t+", line.strip()):
            if part.strip():
                out.append(Block(part.strip(), block.line + offset))
    return out


def _words(text: str) -> int:
    cjk = sum(languages.is_cjk(c) for c in text)
    return len(text.split()) + cjk // 2


def _first_body(blocks: list[Block]) -> int:
    """Index of the first block of the body: a numbered paragraph or labelled heading, a
    paragraph of twenty words or more, or a line ending in a comma ('The General Assembly,')."""
    for index, block in enumerate(blocks):
        if block.kind in ("separator", "footnote"):
            continue
        text = _unwrap(block.text) if block.kind == "heading" else block.text
        label, _, readings = read_label(text)
        first, roman = readings
        if label and first is not None and first.sort.value == "number":
            return index
        if label and (first or roman) and block.kind == "heading" and (first or roman).upper:  # type: ignore[union-attr]
            return index
        if block.kind != "text":
            continue
        lines = block.text.split("\n")
        if len(lines) > 1 and all(_words(line) <= 12 for line in lines):
            continue  # a block of short lines is masthead, not a paragraph
        ending = block.text.rstrip().rstrip(CLOSERS)[-1:]
        if (_words(block.text) >= 20 and ending in TERMINAL + ",，،") or ending in ",，،":
            return index
    return len(blocks)


def _first_body_after_title(blocks: list[Block]) -> int:
    """With front matter, the head is just the '# Title' line, if there is one."""
    if blocks and blocks[0].kind == "heading" and blocks[0].heading == 1:
        return 1
    return 0


def _assemble_blocks(blocks: list[Block], notices: list[Notice], path: str | None, markdown: bool,
                     rejoin: bool = True) -> tuple[list[_Draft | SourceParagraph], list[_Draft]]:
    """Paragraphs and footnotes, rejoining paragraphs cut by page breaks and footnotes."""
    paragraphs: list[_Draft | SourceParagraph] = []
    footnotes: list[_Draft] = []
    open_paragraph: _Draft | SourceParagraph | None = None
    open_footnote: _Draft | None = None
    tables = 0
    # Markdown written one paragraph a block (as drafttool exports it) has nothing to rejoin:
    # a paragraph of plain words is its source paragraph at once, with no draft between.
    new = _settled if markdown and not rejoin else _opened
    for block in blocks:
        if block.kind == "separator":
            continue
        if block.kind == "table":
            tables += 1
            for row, column, parts in table_cells(block.text.split("\n")):
                for part in parts:
                    label, rest, readings = read_label(part)
                    paragraphs.append(_Draft([rest], block.line + (row if row > 1 else 0), label=label,
                                             readings=readings, cell=(tables, row, column)))
            open_paragraph = open_footnote = None
            continue
        if block.kind == "footnote":
            open_footnote = _Draft([block.text.replace("\n", " ")], block.line, footnote_label=block.footnote_label)
            footnotes.append(open_footnote)
            continue
        text = block.text
        if block.kind != "text":
            text = _unwrap(text)
        elif "\n" in text or text[:1] == " ":  # most blocks are one line, with nothing to unwrap
            text = _unwrap_lines(text)
        label, rest, readings = read_label(text)
        # A label opens with a digit, a letter or a bracket, a bullet with none of them:
        # a labelled paragraph (most of them) is never looked at for a bullet.
        bullet = None if label else BULLET_MD.match(text) if markdown else BULLET_TXT.match(text)
        if bullet and block.kind == "text":
            label, rest = bullet.group(1), text[bullet.end():]
        if (rejoin and open_footnote is not None and not label and block.kind == "text"
                and not _ends_sentence(open_footnote.raw[-1])):
            open_footnote.raw.append(text)  # footnote 10 of the seed goes on over three blocks
            continue
        open_footnote = None
        if block.kind == "heading":
            paragraphs.append(new(rest, block.line, label, readings, block.heading, 0, False))
            open_paragraph = None
        elif label:
            open_paragraph = new(rest, block.line, label, readings, 0, block.depth,
                                 bool(bullet and label == bullet.group(1)))
            paragraphs.append(open_paragraph)
        elif rejoin and isinstance(open_paragraph, _Draft) and _continues(open_paragraph.raw[-1], text, markdown,
                                                                          block.after_break):
            open_paragraph.raw.append(text)
        else:
            open_paragraph = new(text, block.line, "", (None, None), 0, 0, False)
            paragraphs.append(open_paragraph)
    return paragraphs, footnotes


def _opened(raw: str, line: int, label: str, readings: tuple, heading: int, depth: int,
            bullet: bool) -> _Draft | SourceParagraph:
    """The draft of a paragraph that opens with a block."""
    return _Draft([raw], line, heading, label, readings, "", False, depth, None, bullet)


def _settled(raw: str, line: int, label: str, readings: tuple, heading: int, depth: int,
             bullet: bool) -> _Draft | SourceParagraph:
    """The source paragraph of a block nothing will be added to, when its words are plain;
    its draft when they hold syntax, whose footnote references wait for the footnotes."""
    words = plain_words(raw)
    if words is None:
        return _opened(raw, line, label, readings, heading, depth, bullet)
    # As its draft would become: plain only if it opened with a backslash or '&#', both syntax.
    return SourceParagraph(words, label, readings, heading, False, f"{line}", None, False, depth, None, bullet)


def _unwrap_lines(text: str) -> str:
    """A hard-wrapped block as one line; a line ending in a hyphen before a lower-case
    letter was cut inside a word ('socio-' / 'économiques'): no space is added there."""
    if "\n" not in text:
        return text.lstrip(" ")
    text = "\n".join(line.strip(" ") for line in text.strip(" ").split("\n"))  # a page's indents
    text = re.sub(r"(?<=\w-)\n(?=[^\W\d_])", "", text)
    return text.replace("\n", " ")


def _ends_sentence(text: str) -> bool:
    stripped = text.rstrip().rstrip(CLOSERS + "*_")
    return bool(stripped) and stripped[-1] in TERMINAL and not stripped.endswith((":", "："))


def _continues(previous: str, text: str, markdown: bool, broken: bool) -> bool:
    """Whether `text` continues a paragraph cut by a page break after `previous`.

    Never because `previous` ends with a comma: preambular paragraphs do, in every
    language.  Only on evidence of a cut: a continuation in lower case after a paragraph
    that did not end its sentence, or a page break (`broken`: page furniture, a separator
    or footnotes between them) after one that stopped mid-clause, on a word, a hyphen or
    an open bracket.  A block opening with a preambular verb is never a continuation.
    """
    before = previous.rstrip()
    after = text.lstrip()
    if not before or not after:
        return False
    if markdown and after[0] in "*_":
        return False  # a new paragraph opening with an italic verb: *Recalling*
    if opener().match(after):
        return False
    if LETTER_ITEM.match(after):
        return False  # 'a. The natural sciences;' under '(ii) Education in:'

    first, last = after[0], before.rstrip(CLOSERS)[-1:] or before[-1]
    if first.islower():
        return last not in ".!?"
    if last in CLAUSE_END or last in "…":
        return False
    if not first.isupper() and first.isalpha() and last.isalpha():
        return True  # Chinese or Arabic cut mid-sentence: no paragraph ends on a letter there
    return broken and (last.isalnum() or last in "-–(")


def _join(parts: list[str]) -> str:
    """Rejoin the pieces of a cut paragraph: no space inside Chinese text or after a hyphen."""
    out = parts[0].rstrip()
    if len(parts) == 1:
        return out  # most paragraphs: one block
    for part in parts[1:]:
        part = part.strip()
        if not out:
            out = part
        elif (languages.is_cjk(out[-1]) and languages.is_cjk(part[0])) or out.endswith("-"):
            out += part
        else:
            out += " " + part
    return out


def _footnote_id(label: str, taken: set[str], counters: dict[str, int]) -> str:
    """'fn-12' for footnote 12; 'fn-12-2' for a second body of that number (`taken` is
    not copied: fifty thousand footnotes take linear time)."""
    base = "fn-" + ("star" * len(label) if set(label) == {"*"} else re.sub(r"[^A-Za-z0-9]+", "-", label).strip("-") or "x")
    candidate, n = base, counters.get(base, 2)
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    counters[base] = n
    return candidate


