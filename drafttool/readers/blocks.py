"""The first step of the Markdown and text reader: the file as blocks that mirror it.

Takes the lines of a decoded file; returns its front matter (`front_matter`) and its
blocks (`blocks_of`): lines between blank lines, each marked as page furniture, a
separator, the start of a footnote body, a heading, a pipe table or text; a block of
lines holding several paragraphs (list items and labelled paragraphs written one a line,
consecutive footnote definitions, a preambular paragraph after one that ended a clause)
is split into them.  `markdown` then makes the model of the blocks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from drafttool.errors import InputError, Notice
from drafttool.readers import layout
from drafttool.readers.inline import unwrap as _unwrap
from drafttool.readers.pipes import is_pipe_table
from drafttool.readers.structure import read_label
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
SEPARATOR = re.compile(r"^\s*([-_*=]\s*){3,}$")
FURNITURE_FIRST = frozenset("GPpС*-M♲_=")
"""The characters but digits (in any script: `\\d`) a line of furniture or a separator
opens with: other lines (most) are not matched against them."""
FOOTNOTE_START_MD = re.compile(r"^(?:<sup>\s*(?P<sup>[0-9]{1,3}|\*{1,3})\s*</sup>|\[\^(?P<ref>[^\]\s]+)\]:|(?P<star>(?:\\\*){1,3}))\s*")
_FOOTNOTE_FIRST = "<[\\"
"""What a Markdown footnote body opens with ('<sup>', '[^', '\\*'): other blocks are not matched."""
FOOTNOTE_START_TXT = re.compile(r"^(?P<n>[0-9]{1,3}|\*{1,3})\s+(?=\S)")
FRONT_KEYS = {
    "title", "round", "date", "symbol", "language", "source", "note",
    "organ", "distribution", "masthead-date", "language-line", "original", "body", "session",
    "venue", "agenda-item", "agenda-title", "other",
}




@dataclass(slots=True)
class Block:
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




def front_matter(lines: list[str], path: str | None, notices: list[Notice]) -> tuple[dict[str, str], int, bool]:
    """`key: value` lines between a first line `---` and the next `---`, in the file's lines.

    Keys drafttool writes (`FRONT_KEYS`) are read; a `title` is the document's title;
    any other key — website front matter has `layout:`, `permalink:`, lists of tags — is
    left out with one notice naming them, never refused.
    """
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


def drop_website_furniture(blocks: list[Block], notices: list[Notice], path: str | None) -> list[Block]:
    """A page from a website (it has front matter of a site generator) without its furniture."""
    out: list[Block] = []
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


def without_furniture(blocks: list[Block]) -> list[Block]:
    """The blocks without page furniture, each block after some marked `after_break`."""
    out: list[Block] = []
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


def blocks_of(lines: list[str], start: int, markdown: bool, laid_out: bool = False) -> list[Block]:
    """Blocks of non-blank lines; an ATX heading line is a block of its own."""
    blocks: list[Block] = []
    current: list[str] = []
    first_line = 0

    def flush() -> None:
        if current:
            block = Block("\n".join(current), first_line)
            # Only a block of several lines, or an indented Markdown item, can hold several paragraphs.
            if len(current) > 1 or markdown and current[0][:1] in " \t":
                blocks.extend(_split_block(block, markdown))
            else:
                blocks.append(block)
            current.clear()

    centred_end = -1
    """The line of the last centred line, to join a title wrapped over centred lines."""
    for number, line in enumerate(lines[start:], start=start + 1):
        stripped = line.strip()
        heading = _ATX_HEADING.match(stripped) if markdown and stripped[:1] == "#" else None
        if not markdown and stripped[:1] in (layout.PARAGRAPH, layout.CENTRED):
            flush()
            if stripped[0] == layout.CENTRED:
                last = blocks[-1] if blocks else None
                if last is not None and last.kind == "heading" and centred_end == number - 1 and last.heading == 3 \
                        and container_heading(last.text) is None and not last.text.rstrip().endswith((".", ":")):
                    last.text += " " + stripped[1:].strip()  # a title wrapped over two centred lines
                else:
                    blocks.append(Block(stripped[1:].strip(), number, heading=3, kind="heading"))
                centred_end = number
                continue
            line, stripped = line.replace(layout.PARAGRAPH, "", 1), stripped[1:].strip()
        if not stripped:
            if current:  # a blank line after a block: a run of them closes nothing more
                flush()
        elif heading:
            flush()
            blocks.append(Block(heading.group(2), number, heading=len(heading.group(1)), kind="heading"))
        elif (stripped[0] in FURNITURE_FIRST or stripped[0].isdecimal()) and (
                FURNITURE.match(stripped) or SEPARATOR.match(stripped)):
            flush()
            kind = "separator" if SEPARATOR.match(stripped) else "furniture"
            blocks.append(Block(stripped, number, kind=kind))
        else:
            if not current:
                first_line = number
            current.append(line.rstrip())
    flush()
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
        match = FOOTNOTE_START_MD.match(block.text) if markdown and block.text[:1] in _FOOTNOTE_FIRST else None
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


ITEM_START = re.compile(r"^(?P<indent>[ \t]*)(?:(?P<bullet>[-*+•–▪◦●·])\s+(?=\S)|[0-9٠-٩]{1,6}(?:[.)]|\s?[-–])\s|[(（]?(?:[a-z]{1,2}|[ivxlc]{1,6}"
                         r"|[一二三四五六七八九十]{1,3}|[أبجدهوزحطيكلمنسعفصقرشتثخذضظغ]|هـ)[)）][ \t]*(?=\S))")
_FOOTNOTE_DEF = re.compile(r"^\s*\[\^[^\]\s]+\]:")
CLAUSE_END = ",;:.!?。；，：、،؛"
OPENER = (
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


@cache
def opener() -> re.Pattern[str]:
    """`OPENER` compiled, the first time a line is asked whether it opens a paragraph:
    never for Markdown written one paragraph a block, as drafttool exports it."""
    return re.compile(OPENER)


_NOTE_AT_END = re.compile(r"\s[0-9]{1,3}(?:,[0-9]{1,3})*$")
"""Footnote numbers set apart at the end of a line ('… the Future. 16')."""
_NUMBERED = re.compile(r"^\s*[0-9]{1,3}\.\s+\S")


def _container_lines(block: Block, lines: list[str], markdown: bool) -> list[Block] | None:
    """A block that opens with a container's label alone on its line ('Annex', 'Article 4')
    and its heading words on the next: a heading block, then the rest of the block."""
    heading = container_heading(lines[0].strip())
    if heading is None or heading.rest or heading.scope.value == "option" or len(lines) < 2:
        return None
    words = lines[1].strip()
    titled = len(words.split()) <= 12 and words[-1:] not in ".;:,،，" and not ITEM_START.match(words)
    head = Block(f"{lines[0].strip()} {words}" if titled else lines[0].strip(), block.line, heading=3,
                  kind="heading", after_break=block.after_break)
    rest = lines[2:] if titled else lines[1:]
    if not rest:
        return [head]
    return [head, *_split_block(Block("\n".join(rest), block.line + len(lines) - len(rest)), markdown)]


def _split_block(block: Block, markdown: bool) -> list[Block]:
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
    out: list[Block] = []
    start = 0
    for index in range(1, len(lines) + 1):
        if index < len(lines):
            line, before = lines[index], _NOTE_AT_END.sub("", lines[index - 1].rstrip())
            ended = bool(before) and before.rstrip("*_ ")[-1:] in CLAUSE_END
            item = ITEM_START.match(line)
            # Hard-wrapped text: a numbered line after a short one starts a paragraph, and a
            # short line after a sentence, before a numbered one, is a heading of its own.
            short = len(lines) > 2 and len(before.strip()) < 0.7 * longest
            numbered = not markdown and _NUMBERED.match(line) and short
            heading = (not markdown and ended and index + 1 < len(lines) and _NUMBERED.match(lines[index + 1])
                       and len(line.strip()) < 0.7 * longest)
            if not ((markdown and _FOOTNOTE_DEF.match(line))
                    or (item and (markdown or ended))
                    or (ended and opener().match(line.strip())) or numbered or heading):
                continue
        part = lines[start:index]
        first = ITEM_START.match(part[0])
        indent = len(first.group("indent").expandtabs(4)) if first else 0
        depth = 0 if indent < 2 else 1 if indent < 6 else 2
        if len(part) > 1 or out:
            part = [part[0].strip()] + [line.strip() for line in part[1:]] if markdown else part
        out.append(Block("\n".join(part), block.line + start, depth=depth if markdown else 0,
                          after_break=block.after_break if not out else False))
        start = index
    if len(out) == 1:
        out[0].text = block.text.lstrip(" \t") if markdown and out[0].depth else block.text
    return out


def _split_footnote_lines(blocks: list[Block], laid_out: bool = False) -> list[Block]:
    """In plain text, a block after a separator line holds several footnotes, one a line
    ('* E/CN.7/2024/1.', '1 Voir …'): split it where a line starts with a footnote mark.
    In text laid out as on the page, only a line at the margin starts one: its text goes
    on indented ('9 December 1994' inside a note is not note 9)."""
    out: list[Block] = []
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
                    out.append(Block("\n".join(current), start))
                    current, start = [line.strip()], block.line + offset
                else:
                    current.append(line)
            out.append(Block("\n".join(current), start))
            continue
        else:
            after_separator = False
        out.append(block)
    return out
