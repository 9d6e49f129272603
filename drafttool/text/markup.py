"""The inline markup of paragraph text: parse it into runs, write runs back as markup.

    *italic*   **bold**   [^fn-3] footnote reference   \\*  \\\\  \\[^  escapes

Markers toggle a format on and off (bold before italic, so `***x***` is both); the
markup is a canonical string: `to_markup(parse(s)) == s` for any text a reader wrote.
Formatting never starts or ends on a space, so the same string is also valid Markdown
emphasis (CommonMark's flanking rules refuse `* x*`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FOOTNOTE_REF = re.compile(r"\[\^([^\]\s\\]+)\]")
"""`[^id]`: an id is any run of characters but spaces, `]` and backslash."""

_SPECIAL = re.compile(r"(\\|\*|\[(?=\^))")


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of text with one format, or a footnote reference (then `text` is '')."""

    text: str
    italic: bool = False
    bold: bool = False
    footnote: str | None = None
    """Id of the footnote referred to; the run then holds no text."""


# Whether a text holds '[^' is asked as `"[" not in text or "[^" not in text`: one character
# is looked for at C speed, two seven times slower, and most paragraphs hold no '['.


def escape(text: str) -> str:
    """Markup for plain text: backslash before `\\`, `*` and a `[` that starts `[^`."""
    if "\\" not in text and "*" not in text and ("[" not in text or "[^" not in text):
        return text
    return _SPECIAL.sub(r"\\\1", text)


_TOKEN = re.compile(r"\\(.)|(\*\*)|(\*)|\[\^([^\]\s\\]+)\]|([^\\*\[]+|[\\\[])", re.DOTALL)
"""One token: an escape, '**', '*', a footnote reference, or text (a regex, not a loop
over characters: parsing is the main cost of writing long rounds)."""


def parse(markup: str) -> tuple[Run, ...]:
    """The runs of a marked-up text, adjacent runs of one format joined."""
    return tuple(parse_from(markup)[0])


def parse_from(markup: str, italic: bool = False, bold: bool = False) -> tuple[list[Run], bool, bool]:
    """The runs of a piece of marked-up text that starts in the given format, and the
    format at its end: a diff segment may start or end inside `*…*`, and renderers carry
    the format from one segment to the next."""
    if "*" not in markup and "\\" not in markup and "[" not in markup:
        return ([Run(markup, italic, bold)] if markup else []), italic, bold
    runs: list[Run] = []
    buffer: list[str] = []

    def flush() -> None:
        if buffer:
            _append(runs, Run("".join(buffer), italic, bold))
            buffer.clear()

    for match in _TOKEN.finditer(markup):
        escaped, double, single, reference, literal = match.groups()
        if escaped is not None:
            buffer.append(escaped)
        elif literal is not None:
            buffer.append(literal)
        elif reference is not None:
            flush()
            runs.append(Run("", italic, bold, footnote=reference))
        else:
            flush()
            if double:
                bold = not bold
            else:
                italic = not italic
    flush()
    return runs, italic, bold


def cut(source: str, pieces: list[str] | tuple[str, ...]) -> list[list[Run]]:
    """The runs of each piece of `source` (the pieces joined), formats taken from the
    whole source: a piece that starts inside `*…*` is italic, and a marker a boundary
    falls in is read as it is in the whole text.  A diff cuts a text into kept, deleted
    and inserted segments; each side's text is read whole, then cut back."""
    out: list[list[Run]] = [[] for _ in pieces]
    if not pieces:
        return out
    ends: list[int] = []
    position = 0
    for piece in pieces:
        position += len(piece)
        ends.append(position)
    last = len(ends) - 1
    k = 0
    italic = bold = False

    def place(start: int) -> int:
        nonlocal k
        while k < last and start >= ends[k]:
            k += 1
        return k

    plain = "*" not in source and "\\" not in source and "[" not in source
    tokens: list[tuple[int, tuple[str | None, ...]]] = [(0, (None, None, None, None, source))] if plain else [
        (match.start(), match.groups()) for match in _TOKEN.finditer(source)]
    for start, (escaped, double, single, reference, literal) in tokens:
        if escaped is not None:
            _append(out[place(start + 1)], Run(escaped, italic, bold))
        elif reference is not None:
            out[place(start)].append(Run("", italic, bold, footnote=reference))
        elif literal is not None:
            # a stretch of plain characters (one source character each) across boundaries
            text = literal
            while text:
                at = place(start)
                take = len(text) if at == last else max(1, ends[at] - start)
                _append(out[at], Run(text[:take], italic, bold))
                start, text = start + take, text[take:]
        elif double:
            bold = not bold
        else:
            italic = not italic
    return out


def _append(runs: list[Run], run: Run) -> None:
    last = runs[-1] if runs else None
    if last and last.footnote is None and run.footnote is None and (last.italic, last.bold) == (run.italic, run.bold):
        runs[-1] = Run(last.text + run.text, run.italic, run.bold)
    else:
        runs.append(run)


def to_markup(runs: tuple[Run, ...] | list[Run]) -> str:
    """The canonical markup of runs; spaces at the edges of a format move outside it."""
    out: list[str] = []
    italic = bold = False

    def switch(to_italic: bool, to_bold: bool) -> None:
        nonlocal italic, bold
        if bold != to_bold:
            out.append("**")
            bold = to_bold
        if italic != to_italic:
            out.append("*")
            italic = to_italic

    joined: list[Run] = []
    for run in runs:
        if run.footnote is not None or run.text:
            _append(joined, run)
    merged: list[Run] = []
    for run in joined:
        if run.footnote is None and run.text.isspace():
            run = Run(run.text)  # a formatted space alone is just a space
        _append(merged, run)
    for run in merged:
        if run.footnote is not None:
            switch(run.italic, run.bold)
            out.append(f"[^{run.footnote}]")
            continue
        if not run.text:
            continue
        if not (run.italic or run.bold):
            switch(False, False)
            out.append(escape(run.text))
            continue
        core = run.text.strip()
        start = run.text.index(core[0])
        lead, trail = run.text[:start], run.text[start + len(core):]
        if lead:
            switch(False, False)
            out.append(escape(lead))
        switch(run.italic, run.bold)
        out.append(escape(core))
        if trail:
            switch(False, False)
            out.append(escape(trail))
    switch(False, False)
    return "".join(out)


_PLAIN = re.compile(r"\\(.)|\*|\[\^[^\]\s\\]+\]", re.DOTALL)


def plain(markup: str) -> str:
    """The words alone: formats dropped, footnote references removed."""
    if "*" not in markup and "\\" not in markup and ("[" not in markup or "[^" not in markup):
        return markup
    return _PLAIN.sub(lambda match: match.group(1) or "", markup)


def footnote_ids(markup: str) -> list[str]:
    """Ids of the footnotes referred to, in order."""
    if "[" not in markup or "[^" not in markup:
        return []  # most paragraphs refer to none: no parse to make
    if "\\" not in markup:
        return FOOTNOTE_REF.findall(markup)  # nothing escaped: every '[^id]' is a reference
    return [run.footnote for run in parse(markup) if run.footnote is not None]


def rename_footnotes(markup: str, mapping: dict[str, str]) -> str:
    """The same text with footnote references renamed through `mapping`."""
    if not mapping or "[" not in markup or "[^" not in markup:
        return markup
    runs = tuple(
        Run(r.text, r.italic, r.bold, mapping.get(r.footnote, r.footnote)) if r.footnote else r
        for r in parse(markup)
    )
    return to_markup(runs)
