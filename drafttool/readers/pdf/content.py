"""The characters a PDF page draws: where, how large, in which font, and which text.

pdfminer.six parses the file (cross-references, object streams, encryption, fonts and their
encodings); this module runs the pages' content streams itself, text operators only.  Why
not pdfminer's own interpreter: it tokenises content streams one byte at a time in Python,
and builds a layout object per character, which costs about 90 ms a page of a General
Assembly resolution; one regular expression over the stream and a tuple per character do
the same work in a third of the time (bench/run_pdf.py).  Graphics, colours and images are
skipped: only the text's place, size and font matter to the reader.

Every decompressed stream goes through `_BoundedZlib`, whose budget for the whole file
stops a small PDF that inflates to gigabytes (a "PDF bomb") before it is held in memory.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field
from typing import Any

from pdfminer import pdftypes
from pdfminer.pdffont import PDFFont, PDFUnicodeNotDefined
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import PDFStream, resolve1
from pdfminer.psparser import PSLiteral

Char = tuple[float, float, float, float, str, str]
"""(x, baseline y, advance width, size, font name, text); y grows upwards, as in PDF;
text is '' for a glyph whose font carries no Unicode for it."""


class Budget(Exception):
    """A limit on the work one file may ask for was reached (message says which)."""


class _BoundedZlib:
    """Stands in for `zlib` inside pdfminer.pdftypes: every stream pdfminer inflates (page
    contents, fonts, object streams) is charged to one budget, and inflating stops there."""

    error = zlib.error

    def __init__(self) -> None:
        self.left = 0

    def decompress(self, data: bytes) -> bytes:
        inflater = zlib.decompressobj()
        out = inflater.decompress(data, self.left + 1)
        self.left -= len(out)
        if self.left < 0:
            raise Budget("its compressed streams inflate to more than the limit")
        return out

    def decompressobj(self) -> Any:
        return zlib.decompressobj()


BOUNDED_ZLIB = _BoundedZlib()
pdftypes.zlib = BOUNDED_ZLIB  # type: ignore[assignment]  # see _BoundedZlib

_TOKEN = re.compile(
    rb"""\s*(?:
        (?P<num>[+-]?(?:\d+\.?\d*|\.\d+))
      | (?P<hex><[0-9A-Fa-f\s]*>)
      | (?P<str>\((?:[^()\\]|\\.)*\))
      | (?P<name>/[^\s/<>\[\]()%{}]*)
      | (?P<open>\[|<<)
      | (?P<close>\]|>>)
      | (?P<op>[A-Za-z'"*][A-Za-z0-9'"*]*)
      | (?P<comment>%[^\r\n]*)
      | (?P<other>[()<>{}\\])
    )""",
    re.VERBOSE | re.DOTALL,
)
_ARRAY_SHOWN = re.compile(
    rb"""\[((?:\s*(?:<[0-9A-Fa-f\s]*>|\((?:[^()\\]|\\.)*\)|[+-]?(?:\d+\.?\d*|\.\d+)))*)\s*\]\s*TJ""", re.DOTALL)
"""A whole `[...] TJ`: Word draws each glyph or kerned pair as one item of such an array,
so taking the array in one match saves the main loop a turn per character."""
_ARRAY_ITEM = re.compile(rb"<([0-9A-Fa-f\s]*)>|\(((?:[^()\\]|\\.)*)\)|([+-]?(?:\d+\.?\d*|\.\d+))", re.DOTALL)
_INLINE_END = re.compile(rb"\sEI(?=\s|$)")
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f", b"(": b"(", b")": b")", b"\\": b"\\"}
_ESCAPE = re.compile(rb"\\([nrtbf()\\]|[0-7]{1,3}|\r\n|\r|\n)?", re.DOTALL)


def _literal(raw: bytes) -> bytes:
    if b"\\" not in raw:
        return raw

    def one(match: re.Match[bytes]) -> bytes:
        code = match.group(1)
        if code is None:
            return b""
        if code in _ESCAPES:
            return _ESCAPES[code]
        if code[:1].isdigit():
            return bytes((int(code, 8) & 0xFF,))
        return b""  # a backslash before a line break continues the string

    return _ESCAPE.sub(one, raw)


def _hex(digits: bytes) -> bytes:
    try:
        return bytes.fromhex(digits.decode("ascii"))
    except ValueError:  # an odd number of digits: the last is followed by 0
        digits = re.sub(rb"\s", b"", digits)
        return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode("ascii"))


def _font_name(font: Any) -> str:
    name = getattr(font, "fontname", "") or ""
    if name in ("", "unknown"):
        name = str(getattr(font, "basefont", "") or "unknown")
    return name


def _actual_text(properties: Any) -> str | None:
    """The /ActualText of a marked-content property list (read as a list of key, value)."""
    if not isinstance(properties, list):
        return None
    for key, value in zip(properties, properties[1:]):
        if getattr(key, "name", None) == "ActualText" and isinstance(value, bytes):
            if value.startswith(b"\xfe\xff"):
                return value[2:].decode("utf-16-be", "replace")
            return value.decode("latin-1")
    return None


def _replace_drawn(chars: list[Char], start: int, actual: str) -> None:
    """Glyphs drawn inside marked content with an /ActualText stand for that text: a
    fallback glyph for a character the font lacks (LibreOffice writes Chinese so when no
    Chinese font is installed), or a ligature."""
    first = chars[start]
    width = sum(c[2] for c in chars[start:])
    chars[start:] = [(first[0], first[1], width, first[3], first[4], actual)]


def _string_end(data: bytes, start: int) -> int:
    """End of a literal string with nested parentheses, which the pattern cannot match."""
    depth, index = 0, start
    while index < len(data):
        byte = data[index]
        if byte == 0x5C:
            index += 2
            continue
        if byte == 0x28:
            depth += 1
        elif byte == 0x29:
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return len(data)


@dataclass
class _TextState:
    font: PDFFont | None = None
    fontname: str = ""
    size: float = 0.0
    charspace: float = 0.0
    wordspace: float = 0.0
    scaling: float = 1.0
    leading: float = 0.0
    rise: float = 0.0


@dataclass
class Page:
    """What one page draws, with its size."""

    number: int
    width: float
    height: float
    chars: list[Char] = field(default_factory=list)
    unmapped: int = 0
    """Glyphs whose font gives no Unicode text."""


def _mult(m: tuple[float, ...], n: tuple[float, ...]) -> tuple[float, ...]:
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


class Interpreter:
    """Runs content streams, collecting characters into a `Page`."""

    def __init__(self, manager: PDFResourceManager, max_chars: int, max_depth: int = 8) -> None:
        self.manager = manager
        self.max_chars = max_chars
        self.max_depth = max_depth
        self.total = 0
        self._glyphs: dict[tuple[int, int], tuple[str, float]] = {}
        self._strings: dict[tuple[int, bytes], list[tuple[str, float, bool]]] = {}
        self._helper = PDFPageInterpreter(manager, None)  # type: ignore[arg-type]  # resources only

    def page(self, page: PDFPage, number: int) -> Page:
        x0, y0, x1, y1 = page.mediabox
        out = Page(number, x1 - x0, y1 - y0)
        ctm = (1.0, 0.0, 0.0, 1.0, -x0, -y0)
        if page.rotate == 90:
            ctm = (0.0, -1.0, 1.0, 0.0, -y0, x1)
        self._run(page.resources, list(page.contents), ctm, out, set(), 0)
        return out

    def _resources(self, resources: Any) -> tuple[dict[Any, PDFFont], dict[Any, Any]]:
        self._helper.init_resources(resources)
        return self._helper.fontmap, self._helper.xobjmap

    def _glyph(self, font: PDFFont, cid: int) -> tuple[str, float]:
        key = (id(font), cid)
        found = self._glyphs.get(key)
        if found is None:
            try:
                text = font.to_unichr(cid)
            except (PDFUnicodeNotDefined, KeyError, IndexError, ValueError):
                text = ""
            found = (text, font.char_width(cid))
            self._glyphs[key] = found
        return found

    def _run(self, resources: Any, streams: list[Any], ctm: tuple[float, ...], out: Page,
             seen: set[int], depth: int) -> None:
        fonts, xobjects = self._resources(resources)
        data = b"\n".join(s.get_data() for s in (resolve1(s) for s in streams) if isinstance(s, PDFStream))
        state = _TextState()
        stack: list[tuple[tuple[float, ...], _TextState]] = []
        tm: tuple[float, ...] = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        lm = tm
        operands: list[Any] = []
        nest: list[list[Any]] = []
        marked: list[tuple[int, str | None]] = []  # marked content open: where it started, its /ActualText
        chars = out.chars
        position, end = 0, len(data)
        match_token = _TOKEN.match
        while position < end:
            match = match_token(data, position)
            if match is None:
                position += 1
                continue
            position = match.end()
            kind = match.lastgroup
            if kind == "num":
                value: Any = float(match.group(kind))
            elif kind == "hex":
                value = _hex(match.group(kind)[1:-1])
            elif kind == "str":
                value = _literal(match.group(kind)[1:-1])
            elif kind == "other":
                if match.group(kind) == b"(":
                    stop = _string_end(data, match.start(kind))
                    value, position = _literal(data[match.start(kind) + 1: stop - 1]), stop
                else:
                    continue
            elif kind == "name":
                value = PSLiteral(match.group(kind)[1:].decode("latin-1"))
            elif kind == "open":
                array = _ARRAY_SHOWN.match(data, match.start(kind)) if not nest else None
                if array is not None:
                    position = array.end()
                    if state.font is not None:
                        items = [_hex(m.group(1)) if m.lastindex == 1 else _literal(m.group(2)) if m.lastindex == 2
                                 else float(m.group(3)) for m in _ARRAY_ITEM.finditer(array.group(1))]
                        tm = self._show(items, state, _mult(tm, ctm), tm, chars, out)
                    operands = []
                    continue
                nest.append(operands)
                operands = []
                continue
            elif kind == "close":
                inner = operands
                operands = nest.pop() if nest else []
                operands.append(inner)
                continue
            elif kind == "comment" or kind is None:
                continue
            else:
                op = match.group(kind)
                if op == b"ID":  # inline image data: skip to 'EI'
                    found = _INLINE_END.search(data, position)
                    position = found.end() if found else end
                    operands = []
                    continue
                if op in (b"TJ", b"Tj", b"'", b'"'):
                    if op == b"'" or op == b'"':
                        if op == b'"' and len(operands) >= 3:
                            state.wordspace, state.charspace = operands[-3], operands[-2]
                        tm = lm = _mult((1.0, 0.0, 0.0, 1.0, 0.0, -state.leading), lm)
                    items = operands[-1] if operands and op == b"TJ" else operands[-1:]
                    if state.font is not None and isinstance(items, list):
                        tm = self._show(items, state, _mult(tm, ctm), tm, chars, out)
                elif op == b"Tf" and len(operands) >= 2:
                    state.font = fonts.get(getattr(operands[-2], "name", None))
                    state.size = operands[-1] if isinstance(operands[-1], float) else 0.0
                    state.fontname = _font_name(state.font)
                elif op == b"Td" and len(operands) >= 2:
                    tm = lm = _mult((1.0, 0.0, 0.0, 1.0, operands[-2], operands[-1]), lm)
                elif op == b"TD" and len(operands) >= 2:
                    state.leading = -operands[-1]
                    tm = lm = _mult((1.0, 0.0, 0.0, 1.0, operands[-2], operands[-1]), lm)
                elif op == b"T*":
                    tm = lm = _mult((1.0, 0.0, 0.0, 1.0, 0.0, -state.leading), lm)
                elif op == b"Tm" and len(operands) >= 6:
                    tm = lm = tuple(operands[-6:])
                elif op == b"BT":
                    tm = lm = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
                elif op == b"Tc" and operands:
                    state.charspace = operands[-1]
                elif op == b"Tw" and operands:
                    state.wordspace = operands[-1]
                elif op == b"Tz" and operands:
                    state.scaling = operands[-1] / 100
                elif op == b"TL" and operands:
                    state.leading = operands[-1]
                elif op == b"Ts" and operands:
                    state.rise = operands[-1]
                elif op == b"cm" and len(operands) >= 6:
                    ctm = _mult(tuple(operands[-6:]), ctm)
                elif op == b"q":
                    stack.append((ctm, _TextState(**{k: getattr(state, k) for k in state.__dataclass_fields__})))
                elif op == b"Q" and stack:
                    ctm, state = stack.pop()
                elif op == b"BDC" and operands:
                    actual = _actual_text(operands[-1])
                    marked.append((len(chars), actual))
                elif op == b"BMC":
                    marked.append((len(chars), None))
                elif op == b"EMC" and marked:
                    start, actual = marked.pop()
                    if actual is not None and len(chars) > start:
                        _replace_drawn(chars, start, actual)
                elif op == b"Do" and operands and depth < self.max_depth:
                    self._form(xobjects.get(getattr(operands[-1], "name", None)), ctm, out, seen, depth)
                    self._resources(resources)  # the form's resources replaced ours
                    fonts, xobjects = self._helper.fontmap, self._helper.xobjmap
                operands = []
                continue
            operands.append(value)

    def _form(self, reference: Any, ctm: tuple[float, ...], out: Page, seen: set[int], depth: int) -> None:
        form = resolve1(reference)
        if not isinstance(form, PDFStream) or getattr(form.get("Subtype"), "name", "") != "Form":
            return
        key = id(form)
        if key in seen:
            return  # a form that draws itself
        matrix = resolve1(form.get("Matrix")) or [1, 0, 0, 1, 0, 0]
        resources = resolve1(form.get("Resources"))
        if not resources:
            resources = self._helper.resources
        try:
            matrix = tuple(float(v) for v in matrix)
        except (TypeError, ValueError):
            return
        self._run(resources, [form], _mult(matrix, ctm), out, seen | {key}, depth + 1)

    def _show(self, items: list[Any], state: _TextState, matrix: tuple[float, ...], tm: tuple[float, ...],
              chars: list[Char], out: Page) -> tuple[float, ...]:
        font = state.font
        assert font is not None
        a, b, c, d, e, f = matrix
        size = state.size
        scaling = state.scaling
        charspace = state.charspace * scaling
        wordspace = 0.0 if font.is_multibyte() else state.wordspace * scaling
        rise = state.rise
        dxscale = 0.001 * size * scaling
        height = abs(size * d) or abs(size * b)
        name = state.fontname
        if abs(c) > abs(d) * 0.05 and not abs(b) > abs(a) * 0.05:
            name += "+Oblique"  # italics made by slanting the upright face (no italic font for the script)
        x = 0.0
        glyph = self._glyph
        strings = self._strings
        for item in items:
            if isinstance(item, float):
                x -= item * dxscale
            elif isinstance(item, bytes):
                key = (id(font), item)
                glyphs = strings.get(key)
                if glyphs is None:
                    glyphs = strings[key] = [(*glyph(font, cid), cid == 32) for cid in font.decode(item)]
                for text, width, space in glyphs:
                    advance = width * size * scaling
                    if not text:
                        out.unmapped += 1
                    chars.append((a * x + c * rise + e, b * x + d * rise + f, advance * a, height, name, text))
                    x += advance + charspace
                    if space and wordspace:
                        x += wordspace
        self.total += len(items)
        if len(chars) > self.max_chars:
            raise Budget(f"it draws more than {self.max_chars:,} characters on page {out.number}")
        return _mult((1.0, 0.0, 0.0, 1.0, x, 0.0), tm)
