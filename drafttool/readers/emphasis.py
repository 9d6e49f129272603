"""Italics and bold written with stars, and no other Markdown syntax: read without markdown-it.

Most paragraphs of real texts that hold any Markdown syntax hold only emphasis: the
italic openings of a preamble (`*Recalling* its resolution 70/1`), the titles in
footnotes (`See *Official Records of the General Assembly*, Supplement No. 49`).
markdown-it takes a tenth of the start of a command to import, and parses a paragraph in
tens of microseconds; the stars of such paragraphs are read here in one pass.

A run of one or two stars opens or closes emphasis by the characters on its two sides
(CommonMark's left- and right-flanking rules; a run that may do both closes what is
open, or else opens).  Only runs whose sides are of a kind every CommonMark version reads
alike — the edge of the text, a space, a letter or digit, ASCII punctuation that is not Markdown
syntax, « or » — and that open and close in turn, with nothing nested, are read here;
anything else is left to markdown-it (`simple_emphasis` returns None).  A property test holds the
two readings together.
"""

from __future__ import annotations

import re

from drafttool.text.markup import Run

_STARS = re.compile(r"\*+")
_PUNCTUATION = frozenset("\"#$%'()+,-./:;=?@^{|}«»")
"""ASCII punctuation that is no Markdown syntax of its own (`*_[]<>&!\\`~` are), and the
French quotation marks."""
_SENTINELS = ("\ufdd0", "\ufdd1")
"""Around a footnote reference's number while a paragraph is read (`inline`): markdown-it
takes these noncharacters for letters."""
_OTHER_SYNTAX = ("_", "[", "]", "<", ">", "&", "!", "\\", "`", "~", "\n", "\t", "  ")


def _side(char: str) -> str | None:
    """'space' (the edge of the text too), 'punct' or 'word'; None for what is read
    otherwise by some CommonMark versions (Unicode punctuation, no-break spaces)."""
    if char in ("", " "):
        return "space"
    if char in _PUNCTUATION:
        return "punct"
    if char.isalnum() or char in _SENTINELS:
        return "word"
    return None


def simple_emphasis(raw: str) -> list[Run] | None:
    """The runs of `raw` (module docstring), or None when markdown-it must read it."""
    if any(syntax in raw for syntax in _OTHER_SYNTAX):
        return None
    runs: list[Run] = []
    position = 0
    open_length = 0
    for match in _STARS.finditer(raw):
        start, end = match.span()
        length = end - start
        before, after = _side(raw[start - 1:start]), _side(raw[end:end + 1])
        if length > 2 or before is None or after is None:
            return None
        opens = after != "space" and (after != "punct" or before != "word")
        closes = before != "space" and (before != "punct" or after != "word")
        if not opens and not closes:
            return None  # stars as text: left to markdown-it
        if opens and closes:
            opens = not open_length  # closes what is open, or opens (CommonMark's delimiter run algorithm)
        if opens:
            if open_length:
                return None  # nested
            runs.append(Run(raw[position:start]))
            open_length = length
        else:
            if length != open_length:
                return None
            runs.append(Run(raw[position:start], italic=length == 1, bold=length == 2))
            open_length = 0
        position = end
    if open_length:
        return None
    runs.append(Run(raw[position:]))
    return [run for run in runs if run.text]
