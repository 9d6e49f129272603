"""Read UN documents written as Markdown or plain text, PDF-converted ones included.

Takes the bytes of a `.md` or `.txt` file; returns a `Reading` (a Round and notices).

The bytes are decoded by `decode_text`: UTF-8, UTF-16 and UTF-32 with or without a BOM,
and lines in Windows-1252 (Latin-1) read as such with a notice; a binary file, or text in
another code page, is refused naming the line.  `clean_text` then takes out what the model
must never hold — control characters, lone surrogates, stray BOMs, noncharacters — with a
notice naming the line, and makes form feeds and Unicode line separators line breaks.

In two steps, as pandoc's docx reader does: first the file becomes blocks that mirror it
(lines between blank lines, each marked as page furniture, a separator, the start of a
footnote body, a heading, or text), then the blocks become the model:

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

import re
from dataclasses import dataclass, field, replace

from drafttool.text import languages, markup
from drafttool.errors import InputError, Notice
from drafttool.model import Footnote, Kind, Round
from drafttool.readers import Reading, layout, limits
from drafttool.readers.structure import SourceParagraph, assemble, read_label
from drafttool.readers.inline import Inline, unwrap as _unwrap
from drafttool.readers.masthead import masthead_from_front, masthead_from_lines
from drafttool.readers.notes import check_brackets, check_footnotes
from drafttool.readers.pipes import is_pipe_table, table_cells
from drafttool.readers.textfile import clean_text, decode_text
from drafttool.text.containers import container_heading

FURNITURE = re.compile(
    r"""^(
        \d{2}-\d{5}\s*(\([A-Z]\))?(\s+\d{6}){0,2}        # job number: 24-04527 (F)  120324
      | GE\.\d{2}-\d{5}\s*(\([A-Z]\))?                   # Geneva job number
      | \*\d{7}\*                                         # barcode line
      | (Page|page|Página|Стр\.)\s+\d+(\s*(of|sur|de|из)\s*\d+)?
      | \d{1,3}\s*/\s*\d{1,3}                             # page counter 2/8
      | \d{1,3}                                           # a bare page number
      | -\s?\d{1,3}\s?-                                   # a page number between dashes: -2-
      | Please\s+recycle.* | Merci\s+de\s+recycler.* | ♲.*
    )$""",
    re.VERBOSE,
)
ADOPTION_RECORD = re.compile(
    r"^(\d+(st|nd|rd|th)\s+plenary\s+meeting|\d+e\s+séance\s+plénière|\d+a\s+sesión\s+plenaria"
    r"|\d+-?е\s+пленарное\s+заседание)\b", re.IGNORECASE)
"""The line that closes an adopted resolution ('50th plenary meeting 9 December 2024'): a
record of where and when it was adopted, not a paragraph of the text."""
SYMBOL_LINE = languages.MASTHEAD_PATTERNS["symbol"]
SEPARATOR = re.compile(r"^\s*([-_*=]\s*){3,}$")
FOOTNOTE_START_MD = re.compile(r"^(?:<sup>\s*(?P<sup>[0-9]{1,3}|\*{1,3})\s*</sup>|\[\^(?P<ref>[^\]\s]+)\]:|(?P<star>(?:\\\*){1,3}))\s*")
FOOTNOTE_START_TXT = re.compile(r"^(?P<n>[0-9]{1,3}|\*{1,3})\s+(?=\S)")
TERMINAL = ".;:!?。；：！？…"
CLOSERS = "»”’\")）]"
FRONT_KEYS = {
    "title", "round", "date", "symbol", "language", "source", "note",
    "organ", "distribution", "masthead-date", "language-line", "original", "body", "session",
    "venue", "agenda-item", "agenda-title", "other",
}


@dataclass
class _Block:
    """Lines of the file between blank lines."""

    text: str
    line: int
    heading: int = 0
    kind: str = "text"
    """'text', 'heading', 'furniture', 'separator', 'footnote' or 'table' (a pipe table)."""
    footnote_label: str = ""
    after_break: bool = False
    """Page furniture, a separator or footnotes stood between this block and the text
    before it: evidence of a page break, which alone lets a paragraph be rejoined."""
    depth: int = 0
    """Nesting of a Markdown list item (0 at the margin, 1 indented once…)."""


@dataclass
class _Draft:
    """A paragraph or footnote being assembled from one or more blocks."""

    raw: list[str]
    line: int
    heading: int = 0
    label: str = ""
    readings: tuple = (None, None)
    footnote_label: str = ""
    title: bool = False
    joined: list[int] = field(default_factory=list)
    depth: int = 0
    cell: tuple[int, int, int] | None = None
    """(table, row, column) of a paragraph in a pipe table."""


def read_markdown(data: bytes | str, *, path: str | None = None, label: str = "", language: str = "",
                  markdown: bool = True) -> Reading:
    """Read a Markdown (or, with `markdown=False`, plain-text) UN document."""
    text, notices = (data, []) if isinstance(data, str) else decode_text(data, path)
    laid = not markdown and layout.laid_out(text)
    if laid:
        text = layout.lay_out(text)  # pdftotext -layout: paragraphs by their indent, footnotes by page
    text, cleaned = clean_text(text, path)
    notices += cleaned
    front, body_start, website = _front_matter(text, path, notices)
    # Front matter as `export --format md` writes it: the text below holds one paragraph
    # a block, the title as '# …'; a website's front matter says nothing of the body.
    ours = bool(front) and not website and "title" not in front
    lines = text.split("\n")
    blocks = _blocks(lines, body_start, markdown, laid_out=laid)
    if markdown and not ours:
        blocks = _drop_website_furniture(blocks, notices, path)
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
    blocks = _without_furniture(blocks)

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
    head = [line for b in blocks[:first_body] if b.kind in ("text", "heading") for line in _head_lines(b)]
    running = [b for b in blocks[first_body:] if b.kind == "text" and SYMBOL_LINE.match(b.text.strip())]
    if running:
        notices.append(Notice(f"left out {len(running)} running document symbol line(s) "
                              f"(lines {', '.join(str(b.line) for b in running[:5])})", path))
        for index, block in enumerate(blocks[:-1]):
            if any(block is r for r in running):
                blocks[index + 1].after_break = True  # a running symbol stands at a page break
        blocks = [b for b in blocks if not any(b is r for r in running)]
    title_block = None
    if "title" in front and not any(b.kind == "heading" and b.heading == 1 for b in head):
        title_block = _Block(front["title"], 2, heading=1, kind="heading")
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
        sources.append(SourceParagraph(inline.convert(_unwrap(title_block.text), footnote_ids, f"{title_block.line}"),
                                       title=True,
                                       place=f"{title_block.line}"))
    for draft in paragraphs:
        raw = _join(draft.raw)
        sources.append(SourceParagraph(inline.convert(raw, footnote_ids, f"{draft.line}"), draft.label,
                                       draft.readings, heading=draft.heading, place=f"{draft.line}",
                                       depth=draft.depth, plain=markdown and raw.startswith(("\\", "&#")),
                                       cell=draft.cell))
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
    notices.extend(check_brackets(round_, path, {p.id: s.place for p, s in zip(records, sources)}))
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


def _front_matter(text: str, path: str | None, notices: list[Notice]) -> tuple[dict[str, str], int, bool]:
    """`key: value` lines between a first line `---` and the next `---`.

    Keys drafttool writes (`FRONT_KEYS`) are read; a `title` is the document's title;
    any other key — website front matter has `layout:`, `permalink:`, lists of tags — is
    left out with one notice naming them, never refused.
    """
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, 0, False
    front: dict[str, str] = {}
    unknown: list[tuple[str, int]] = []
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() in ("---", "..."):
            if unknown:
                names = ", ".join(dict.fromkeys(name for name, _ in unknown))
                notices.append(Notice(f"front matter key(s) drafttool does not use left out: {names}", path,
                                      f"{unknown[0][1]}"))
            return front, number, bool(unknown)
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, colon, value = line.partition(":")
        key = key.strip().lower()
        if not colon or key not in FRONT_KEYS or line[:1].isspace():
            unknown.append((key if colon and not line[:1].isspace() else line.strip()[:30], number))
            continue
        value = value.strip()
        if len(value) > 1 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]  # YAML quoting
        front[key] = f"{front[key]}\n{value}" if key == "other" and key in front else value
    raise InputError("front matter opened with '---' on line 1 is never closed", path=path, place="1")


_WEBSITE = re.compile(r"^(\{:[^}]*\}|\[[^\]^][^\]]*\]:\s+(https?://|/|#)\S*.*|\[TOC\]|<!--.*-->)$", re.IGNORECASE)
"""Lines a website adds to a page: kramdown's `{:toc}` and attribute lists, link reference
definitions (`[source]: https://…`), `[TOC]`, HTML comments."""


def _drop_website_furniture(blocks: list[_Block], notices: list[Notice], path: str | None) -> list[_Block]:
    """A page from a website (it has front matter of a site generator) without its furniture."""
    out: list[_Block] = []
    dropped: list[int] = []
    for block in blocks:
        if block.text[:1] not in "{[<" and "\n" not in block.text:
            out.append(block)
            continue
        lines = block.text.split("\n")
        kept = [line for line in lines if not _WEBSITE.match(line.strip())]
        if len(kept) < len(lines):
            dropped.append(block.line + next(i for i, line in enumerate(lines) if _WEBSITE.match(line.strip())))
        if kept and "".join(kept).strip():
            block.text = "\n".join(kept)
            out.append(block)
    if dropped:
        notices.append(Notice(f"left out {len(dropped)} line(s) of website furniture ({{:toc}} markers, link "
                              f"definitions) (lines {', '.join(map(str, dropped[:5]))})", path))
    return out


def _without_furniture(blocks: list[_Block]) -> list[_Block]:
    """The blocks without page furniture, each block after some marked `after_break`."""
    out: list[_Block] = []
    broken = False
    for block in blocks:
        if block.kind == "furniture":
            broken = True
            continue
        block.after_break = block.after_break or broken
        broken = block.kind in ("separator", "footnote")
        out.append(block)
    return out


_ATX_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def _blocks(lines: list[str], start: int, markdown: bool, laid_out: bool = False) -> list[_Block]:
    """Blocks of non-blank lines; an ATX heading line is a block of its own."""
    blocks: list[_Block] = []
    current: list[str] = []
    first_line = 0

    def flush() -> None:
        if current:
            blocks.append(_Block("\n".join(current), first_line))
            current.clear()

    for number, line in enumerate(lines[start:], start=start + 1):
        stripped = line.strip()
        heading = _ATX_HEADING.match(stripped) if markdown and stripped[:1] == "#" else None
        if not markdown and stripped[:1] in (layout.PARAGRAPH, layout.CENTRED):
            flush()
            if stripped[0] == layout.CENTRED:
                blocks.append(_Block(stripped[1:].strip(), number, heading=3, kind="heading"))
                continue
            line, stripped = line.replace(layout.PARAGRAPH, "", 1), stripped[1:].strip()
        if not stripped:
            flush()
        elif heading:
            flush()
            blocks.append(_Block(heading.group(2), number, heading=len(heading.group(1)), kind="heading"))
        elif FURNITURE.match(stripped) or SEPARATOR.match(stripped):
            flush()
            kind = "separator" if SEPARATOR.match(stripped) else "furniture"
            blocks.append(_Block(stripped, number, kind=kind))
        else:
            if not current:
                first_line = number
            current.append(line.rstrip())
    flush()
    blocks = [part for block in blocks for part in _split_block(block, markdown)]
    if not markdown:
        blocks = _split_footnote_lines(blocks, laid_out)
    after_separator = False
    for block in blocks:
        if block.kind == "separator":
            after_separator = True
            continue
        if block.kind != "text":
            after_separator = False
            continue
        match = FOOTNOTE_START_MD.match(block.text) if markdown else None
        if match:
            block.kind = "footnote"
            block.footnote_label = match.group("sup") or match.group("ref") or "*" * (len(match.group("star")) // 2)
            block.text = block.text[match.end():]
            continue
        match = FOOTNOTE_START_TXT.match(block.text) if not markdown and after_separator else None
        if match:
            block.kind = "footnote"
            block.footnote_label = match.group("n")
            block.text = block.text[match.end():]
            continue  # the footnote zone goes on until a block that is not a footnote
        text = block.text
        if markdown and (text[:1] in "*_" or text != text.strip()) and _unwrap(text) != text and "\n" not in text:
            # A line wholly in bold, like '**B. Collecte et analyse des données**', is a heading.
            label, _, _ = read_label(_unwrap(block.text))
            if label:
                block.kind, block.heading = "heading", 2
        after_separator = False
    return blocks


_ITEM_START = re.compile(r"^(?P<indent>[ \t]*)(?:(?P<bullet>[-*+•])\s+(?=\S)|[0-9٠-٩]{1,6}(?:[.)]|\s?[-–])\s|[(（]?(?:[a-z]{1,2}|[ivxlc]{1,6}"
                         r"|[一二三四五六七八九十]{1,3}|[أبجدهوزحطيكلمنسعفصقرشتثخذضظغ]|هـ)[)）]\s?(?=\S))")
_FOOTNOTE_DEF = re.compile(r"^\s*\[\^[^\]\s]+\]:")
_CLAUSE_END = ",;:.!?。；，：、،؛"
_OPENER = re.compile(
    r"^(?:[*_]*)(?:"
    r"(?:Deeply |Gravely |Strongly |Further |Also )?[A-Z][a-z]+ing\b|(?:Deeply |Gravely |Seriously )?(?:Concerned"
    r"|Convinced|Alarmed|Determined|Encouraged|Guided|Pleased|Disturbed|Appalled|Dismayed|Committed|Inspired"
    r"|Resolved|Desirous)\b|Mindful|Aware|Conscious|Cognizant|Having|Have agreed|Has adopted|Decides|The General Assembly"
    r"|The Parties"
    r"|(?:Profondément |Vivement |Gravement )?[A-ZÉ][a-zéèêç]+ant\b|(?:Profondément |Vivement )?(?:Préoccupée?s?"
    r"|Convaincue?s?|Alarmée?s?|Déterminée?s?|Résolue?s?|Guidée?s?|Consciente?s?)\b|Ayant|Sont convenu"
    r"|(?:Profundamente |Gravemente )?[A-Z][a-zñáéíóú]+(?:ando|endo|iendo)\b|(?:Profundamente )?(?:Preocupad[oa]s?"
    r"|Convencid[oa]s?|Alarmad[oa]s?|Decidid[oa]s?|Guiad[oa]s?|Conscientes?)\b|Teniendo|Han convenido"
    r"|(?:[Вв]новь |[Гг]лубоко )?[А-ЯЁа-яё][а-яё]+(?:я|вшись|ясь)\b|(?:[Гг]лубоко )?(?:[Оо]беспокоенная|[Уу]бежденная"
    r"|[Вв]стревоженная|[Пп]ризнательная)\b|[Бб]удучи|Согласились"
    r"|و?إذ\s|وقد\s|اتفقت"
    r"|又|还|并|铭记|回顾|重申|确认|注意到|认识到|深信|关切|欢迎|强调|意识到|兹协议"
    r")"
)
"""The opening words of a preambular paragraph (or of the enacting formula) in the six
languages, italic or not: 'Recalling', 'Deeply concerned', 'Rappelant', 'Recordando',
'Ссылаясь', 'وإذ تشير', '回顾'.  A line that opens so after one that ended a clause starts
a paragraph, and a block that opens so never continues the paragraph before it."""


_NOTE_AT_END = re.compile(r"\s[0-9]{1,3}(?:,[0-9]{1,3})*$")
"""Footnote numbers set apart at the end of a line ('… the Future. 16')."""
_NUMBERED = re.compile(r"^\s*[0-9]{1,3}\.\s+\S")


def _container_lines(block: _Block, lines: list[str], markdown: bool) -> list[_Block] | None:
    """A block that opens with a container's label alone on its line ('Annex', 'Article 4')
    and its heading words on the next: a heading block, then the rest of the block."""
    heading = container_heading(lines[0].strip())
    if heading is None or heading.rest or heading.scope.value == "option" or len(lines) < 2:
        return None
    words = lines[1].strip()
    titled = len(words.split()) <= 12 and words[-1:] not in ".;:,،，" and not _ITEM_START.match(words)
    head = _Block(f"{lines[0].strip()} {words}" if titled else lines[0].strip(), block.line, heading=3,
                  kind="heading", after_break=block.after_break)
    rest = lines[2:] if titled else lines[1:]
    if not rest:
        return [head]
    return [head, *_split_block(_Block("\n".join(rest), block.line + len(lines) - len(rest)), markdown)]


def _split_block(block: _Block, markdown: bool) -> list[_Block]:
    """A block of lines as the paragraphs it holds: list items and labelled paragraphs
    written one a line with no blank line between them (CommonMark lists, text typed by
    a delegate), consecutive footnote definitions, and a preambular paragraph on a line of
    its own after one that ended a clause.  An indented item is nested (`depth`)."""
    if block.kind != "text" or ("\n" not in block.text and not (markdown and block.text[:1] in " \t")):
        return [block]
    lines = block.text.split("\n")
    if markdown and is_pipe_table(lines):
        block.kind = "table"
        return [block]
    if (opened := _container_lines(block, lines, markdown)) is not None:
        return opened
    longest = max(len(line.strip()) for line in lines)
    out: list[_Block] = []
    start = 0
    for index in range(1, len(lines) + 1):
        if index < len(lines):
            line, before = lines[index], _NOTE_AT_END.sub("", lines[index - 1].rstrip())
            ended = bool(before) and before.rstrip("*_ ")[-1:] in _CLAUSE_END
            item = _ITEM_START.match(line)
            # Hard-wrapped text: a numbered line after a short one starts a paragraph, and a
            # short line after a sentence, before a numbered one, is a heading of its own.
            short = len(lines) > 2 and len(before.strip()) < 0.7 * longest
            numbered = not markdown and _NUMBERED.match(line) and short
            heading = (not markdown and ended and index + 1 < len(lines) and _NUMBERED.match(lines[index + 1])
                       and len(line.strip()) < 0.7 * longest)
            if not ((markdown and _FOOTNOTE_DEF.match(line))
                    or (item and (markdown or ended))
                    or (ended and _OPENER.match(line.strip())) or numbered or heading):
                continue
        part = lines[start:index]
        first = _ITEM_START.match(part[0])
        indent = len(first.group("indent").expandtabs(4)) if first else 0
        depth = 0 if indent < 2 else 1 if indent < 6 else 2
        if len(part) > 1 or out:
            part = [part[0].strip()] + [line.strip() for line in part[1:]] if markdown else part
        out.append(_Block("\n".join(part), block.line + start, depth=depth if markdown else 0,
                          after_break=block.after_break if not out else False))
        start = index
    if len(out) == 1:
        out[0].text = block.text.lstrip(" \t") if markdown and out[0].depth else block.text
    return out


def _split_footnote_lines(blocks: list[_Block], laid_out: bool = False) -> list[_Block]:
    """In plain text, a block after a separator line holds several footnotes, one a line
    ('* E/CN.7/2024/1.', '1 Voir …'): split it where a line starts with a footnote mark.
    In text laid out as on the page, only a line at the margin starts one: its text goes
    on indented ('9 December 1994' inside a note is not note 9)."""
    out: list[_Block] = []
    after_separator = False
    for block in blocks:
        if block.kind == "separator":
            after_separator = True
        elif block.kind != "text":
            pass
        elif after_separator and FOOTNOTE_START_TXT.match(block.text):
            lines = block.text.split("\n")
            current = [lines[0]]
            start = block.line
            for offset, line in enumerate(lines[1:], start=1):
                if FOOTNOTE_START_TXT.match(line if laid_out else line.strip()):
                    out.append(_Block("\n".join(current), start))
                    current, start = [line.strip()], block.line + offset
                else:
                    current.append(line)
            out.append(_Block("\n".join(current), start))
            continue
        else:
            after_separator = False
        out.append(block)
    return out


def _whole_title(last: _Block, masthead: list[_Block]) -> tuple[_Block, list[_Block]]:
    """A title wrapped over lines ('80/112.  Safety and security of … protection of' /
    'United Nations personnel'): the lines of the block just above the last one, when they
    go on without a column gap, belong to it; the resolution's number is left out."""
    lines = [last]
    while masthead and masthead[-1].line == lines[0].line - 1 and len(lines) < 4 \
            and not masthead[-1].text.rstrip().endswith((".", ":", ")", "]")) or (
                masthead and masthead[-1].line == lines[0].line - 1 and re.match(r"^\d+/\d+\.", masthead[-1].text)):
        lines.insert(0, masthead.pop())
    text = re.sub(r"^\d+/\d+\.\s+", "", " ".join(b.text.strip() for b in lines))
    return _Block(text, lines[0].line), masthead


def _head_lines(block: _Block) -> list[_Block]:
    """Masthead blocks line by line; columns that PDF extraction put on one line
    ('Nations Unies        E/CN.7/2024/L.2') are split too."""
    if block.kind == "heading":
        return [block]
    out = []
    for offset, line in enumerate(block.text.split("\n")):
        for part in re.split(r"\s{3,}|\t+", line.strip()):
            if part.strip():
                out.append(_Block(part.strip(), block.line + offset))
    return out


def _words(text: str) -> int:
    cjk = sum(languages.is_cjk(c) for c in text)
    return len(text.split()) + cjk // 2


def _first_body(blocks: list[_Block]) -> int:
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


def _first_body_after_title(blocks: list[_Block]) -> int:
    """With front matter, the head is just the '# Title' line, if there is one."""
    if blocks and blocks[0].kind == "heading" and blocks[0].heading == 1:
        return 1
    return 0


def _assemble_blocks(blocks: list[_Block], notices: list[Notice], path: str | None,
                     markdown: bool, rejoin: bool = True) -> tuple[list[_Draft], list[_Draft]]:
    """Paragraphs and footnotes, rejoining paragraphs cut by page breaks and footnotes."""
    paragraphs: list[_Draft] = []
    footnotes: list[_Draft] = []
    open_paragraph: _Draft | None = None
    open_footnote: _Draft | None = None
    tables = 0
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
        text = _unwrap_lines(block.text) if block.kind == "text" else _unwrap(block.text)
        label, rest, readings = read_label(text)
        if (rejoin and open_footnote is not None and not label and block.kind == "text"
                and not _ends_sentence(open_footnote.raw[-1])):
            open_footnote.raw.append(text)  # footnote 10 of the seed goes on over three blocks
            continue
        open_footnote = None
        if block.kind == "heading":
            paragraphs.append(_Draft([rest], block.line, heading=block.heading, label=label, readings=readings))
            open_paragraph = None
        elif label:
            open_paragraph = _Draft([rest], block.line, label=label, readings=readings, depth=block.depth)
            paragraphs.append(open_paragraph)
        elif rejoin and open_paragraph is not None and _continues(open_paragraph.raw[-1], text, markdown,
                                                                  block.after_break):
            open_paragraph.raw.append(text)
            open_paragraph.joined.append(block.line)
        else:
            open_paragraph = _Draft([text], block.line)
            paragraphs.append(open_paragraph)
    return paragraphs, footnotes


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
    if _OPENER.match(after):
        return False
    first, last = after[0], before.rstrip(CLOSERS)[-1:] or before[-1]
    if first.islower():
        return last not in ".!?"
    if last in _CLAUSE_END or last in "…":
        return False
    if not first.isupper() and first.isalpha() and last.isalpha():
        return True  # Chinese or Arabic cut mid-sentence: no paragraph ends on a letter there
    return broken and (last.isalnum() or last in "-–(")


def _join(parts: list[str]) -> str:
    """Rejoin the pieces of a cut paragraph: no space inside Chinese text or after a hyphen."""
    out = parts[0].rstrip()
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


