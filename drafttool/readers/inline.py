"""Inline syntax of a paragraph read from Markdown or plain text → drafttool's inline markup.

Markdown inline syntax (emphasis, links, escapes, `<sup>`) is parsed with markdown-it
before negotiation brackets are looked at, so `[^5]` and `[text](url)` are not taken for
brackets; footnote references (`[^5]`, `<sup>5</sup>`, a star after a word, a number
glued to a word in text converted from PDF) become references to the footnotes' ids.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from drafttool.readers import limits
from drafttool.readers.emphasis import simple_emphasis
from drafttool.text import markup
from drafttool.text.markup import Run

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


_FOOTNOTE_REFERENCE = re.compile(r"(?<!\\)\[\^([^\]\s]+)\]")


def _has_markdown_syntax(raw: str) -> bool:
    """Whether `raw` holds a character that can start Markdown inline syntax (or an HTML
    entity or tag), or two spaces (a hard break).  One `in` a character: each is a C scan
    of the string, three times faster than a regular expression's character class over
    a round's paragraphs."""
    return ("*" in raw or "_" in raw or "[" in raw or "]" in raw or "\\" in raw or "<" in raw or ">" in raw
            or "&" in raw or "!" in raw or "`" in raw or "~" in raw or "\n" in raw or "  " in raw)


def plain_words(raw: str) -> str | None:
    """The markup of Markdown that holds plain words (most paragraphs), or None when it
    has syntax to parse.  Without '[', '*' or '\\' there is no footnote reference to take
    and nothing to escape: the words as they are, which need neither the parser nor the
    footnotes' ids."""
    if "\t" in raw or _has_markdown_syntax(raw):
        return None
    return raw.strip()


_OPEN, _CLOSE = "\ufdd0", "\ufdd1"
"""Around the number of a footnote reference while markdown-it parses the text: Unicode
noncharacters, kept for internal use, which `clean_text` removes from every input (private
use characters, used before, come from PDF symbol fonts and crashed the reader)."""
_SENTINEL = re.compile(f"{_OPEN}(\\d+){_CLOSE}")


class Inline:
    """Markdown inline syntax (or plain text) → drafttool's inline markup."""

    def __init__(self, markdown: bool, footnote_labels: set[str]) -> None:
        self.markdown = markdown
        self.labels = footnote_labels
        self._stars: re.Pattern[str] | None = None
        if "*" in footnote_labels or "**" in footnote_labels:
            star = r"\\\*" if markdown else r"\*"
            self._stars = re.compile(rf"(?<=[^\s\\*])((?:{star}){{1,3}})(?=[\s.,;:)]|$)")
        self._parser: MarkdownIt | None = None
        """Made for the first paragraph with Markdown syntax to parse: importing markdown-it
        costs more (15 ms) than reading a few hundred paragraphs of plain words."""
        self.unparsed: list[tuple[str, int]] = []
        """Places of paragraphs read as plain text for their mass of Markdown syntax, and its count."""
        self.spaced = False
        """Text laid out as on the page puts a footnote's number apart ('Nations 1 are'):
        taken as a reference when it is the next footnote's number (see `_plain_runs`)."""
        self.next_note = 1

    def convert(self, raw: str, footnote_ids: dict[str, str], place: str = "") -> str:
        if self.markdown and (words := plain_words(raw)) is not None:
            return words
        refs: list[str] = []

        def sentinel(label: str) -> str:
            refs.append(footnote_ids.get(label, "fn-" + label))
            return f"{_OPEN}{len(refs) - 1}{_CLOSE}"

        if "[^" in raw:
            raw = _FOOTNOTE_REFERENCE.sub(lambda m: sentinel(m.group(1)), raw)
        if self._stars is not None and "*" in raw:
            raw = self._stars.sub(lambda m: sentinel("*" * m.group(1).count("*"))
                                  if "*" * m.group(1).count("*") in self.labels else m.group(0), raw)
        if not self.markdown:
            runs = self._plain_runs(raw, footnote_ids, sentinel)
        elif not _has_markdown_syntax(raw):
            return words_and_references(raw, refs)  # no emphasis, link, escape or tag
        elif (count := sum(raw.count(c) for c in "*_[!<&\\`")) > limits.MAX_MARKDOWN_SYNTAX:
            self.unparsed.append((place, count))  # markdown-it would take minutes over it
            runs = [Run(raw)]
        else:
            runs = self._markdown_runs(raw, footnote_ids)
        return markup.to_markup(self._expand(runs, refs)).strip()

    def _plain_runs(self, raw: str, footnote_ids: dict[str, str], sentinel) -> list[Run]:  # type: ignore[no-untyped-def]
        # PDF-converted text glues footnote numbers to words ('drogue1,'): take a number
        # stuck to the end of a word as a reference when a footnote of that number exists.
        raw = re.sub(r"(?<=[^\W\d_])([0-9]{1,3})(?=[\s,.;:)]|$)",
                     lambda m: sentinel(m.group(1)) if m.group(1) in self.labels else m.group(0), raw)
        raw = re.sub(r"<sup>\s*([0-9]{1,3})\s*</sup>",
                     lambda m: sentinel(m.group(1)) if m.group(1) in self.labels else m.group(0), raw)
        if self.spaced:
            # Footnotes are numbered in the order they are referred to: ' 7' is a reference
            # when 7 is the next note's number and it is not followed by a capital ('on 1 December').
            def spaced(match: re.Match[str]) -> str:
                numbers = match.group(1).split(",")  # '10,11': two notes at one place
                expected = [str(self.next_note + k) for k in range(len(numbers))]
                if numbers != expected or not set(numbers) <= self.labels:
                    return match.group(0)
                self.next_note += len(numbers)
                return "".join(sentinel(number) for number in numbers)

            raw = re.sub(r"(?<=\S) ([0-9]{1,3}(?:,[0-9]{1,3})*)(?=[,.;:]|\s+[^\W\d_A-Z]|\s*$)", spaced, raw)
        return [Run(raw)]

    def _markdown_runs(self, raw: str, footnote_ids: dict[str, str]) -> list[Run]:
        simple = simple_emphasis(raw)  # most paragraphs with syntax: stars for italics, nothing more
        return simple if simple is not None else self._markdown_it_runs(raw, footnote_ids)

    def _markdown_it_runs(self, raw: str, footnote_ids: dict[str, str]) -> list[Run]:
        if self._parser is None:
            from markdown_it import MarkdownIt

            self._parser = MarkdownIt("commonmark")
        tokens = self._parser.parseInline(raw, {})
        children = tokens[0].children or [] if tokens else []
        runs: list[Run] = []
        italic = bold = 0
        in_sup: list[str] | None = None
        link_href: str | None = None
        for token in children:
            kind = token.type
            if kind == "link_open":
                link_href = re.sub(r"^[a-z]+://", "", str(token.attrs.get("href", "")))
                continue
            if kind == "link_close":
                link_href = None
                continue
            if kind == "text" and link_href and "\\" in token.content and token.content.replace("\\", "") == link_href:
                # PDF-to-Markdown converters escape twice ('Mandate\\_Functions'); the address
                # itself says what the text was.
                runs.append(Run(link_href, bool(italic), bool(bold)))
                continue
            if in_sup is not None:
                if kind == "html_inline" and token.content.strip().lower() == "</sup>":
                    content = "".join(in_sup).strip()
                    if content in self.labels:
                        runs.append(Run("", bool(italic), bool(bold), footnote=footnote_ids.get(content, "fn-" + content)))
                    else:
                        runs.append(Run(content, bool(italic), bool(bold)))
                    in_sup = None
                else:
                    in_sup.append(token.content)
                continue
            if kind in ("text", "code_inline"):
                runs.append(Run(token.content, bool(italic), bool(bold)))
            elif kind == "em_open":
                italic += 1
            elif kind == "em_close":
                italic -= 1
            elif kind == "strong_open":
                bold += 1
            elif kind == "strong_close":
                bold -= 1
            elif kind in ("softbreak", "hardbreak"):
                runs.append(Run(" ", bool(italic), bool(bold)))
            elif kind == "image":
                runs.append(Run(token.content, bool(italic), bool(bold)))
            elif kind == "html_inline":
                tag = token.content.strip().lower()
                if tag == "<sup>":
                    in_sup = []
                elif tag in ("</sup>", "<br>", "<br/>", "<br />"):
                    runs.append(Run(" " if tag.startswith("<br") else ""))
                else:
                    runs.append(Run(token.content, bool(italic), bool(bold)))  # kept as text, never markup
        if in_sup is not None:
            runs.append(Run("".join(in_sup), bool(italic), bool(bold)))
        return runs

    @staticmethod
    def _expand(runs: list[Run], refs: list[str]) -> list[Run]:
        """Turn the sentinels left in text runs into footnote reference runs."""
        out: list[Run] = []
        for run in runs:
            if run.footnote is not None or _OPEN not in run.text:
                out.append(run)
                continue
            for index, piece in enumerate(_SENTINEL.split(run.text)):
                if index % 2:
                    out.append(Run("", run.italic, run.bold, footnote=refs[int(piece)]))
                elif piece:
                    out.append(Run(piece, run.italic, run.bold))
        # Collapse runs of spaces left where line breaks were.
        return [replace(r, text=_SPACES.sub(" ", r.text)) if r.footnote is None and ("  " in r.text or "\t" in r.text)
                else r for r in out]


_SPACES = re.compile(r"[ \t]{2,}")


def words_and_references(raw: str, refs: list[str]) -> str:
    """The markup of words without Markdown syntax and with footnote sentinels: the words
    as they are, each sentinel as its reference, runs of spaces as one, stripped.  What
    `to_markup` makes of the runs `_expand` gives (nothing in the words to escape), without
    building them: a paragraph with footnote references and nothing else is most of those
    that are not plain words, and the runs cost ten times as much."""
    if refs:
        raw = _SENTINEL.sub(lambda match: f"[^{refs[int(match.group(1))]}]", raw)
    if "  " in raw or "\t" in raw:
        raw = _SPACES.sub(" ", raw)
    return raw.strip()


def unwrap(text: str) -> str:
    """A heading without the emphasis wrapped round all of it: '**III. Voie**' → 'III. Voie'."""
    text = text.strip()
    for marker in ("***", "**", "__", "*", "_"):
        if len(text) > 2 * len(marker) and text.startswith(marker) and text.endswith(marker):
            inner = text[len(marker): -len(marker)]
            if marker not in inner and not inner.endswith("\\"):
                return inner.strip()
    return text
