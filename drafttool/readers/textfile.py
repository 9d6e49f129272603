"""Text files as the readers take them: bytes decoded, line endings unified, and nothing
left that the model must never hold.

`decode_text` reads UTF-8, UTF-16 and UTF-32 with or without a BOM, and lines in
Windows-1252 (Latin-1) as such with a notice; a binary file, or text in another code
page, is refused naming the line.  `clean_text` takes out control characters, lone
surrogates, stray BOMs and noncharacters with a notice naming the line, and makes form
feeds and Unicode line separators line breaks.
"""

from __future__ import annotations

import re

from drafttool.errors import InputError, Notice


_BINARY = (
    (b"%PDF-", "a PDF file; convert it to text (pdftotext -layout) and import the .txt"),
    (b"PK\x03\x04", "a zip package (a Word .docx or an OpenDocument file?); import it under its own suffix"),
    (b"\xd0\xcf\x11\xe0", "an old Word .doc file (or another Office binary); save it as .docx and import that"),
    (b"{\\rtf", "an RTF file; save it as .docx or as plain text (.txt) and import that"),
)
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
"""Bytes no text file holds (tab, line breaks, form feed and escape excepted)."""


def decode_text(data: bytes, path: str | None) -> tuple[str, list[Notice]]:
    """Text of a file, line endings unified, and notices on what was recovered.

    UTF-8 (a BOM allowed), or UTF-16/UTF-32 with a BOM, or UTF-16 without one when every
    other byte is NUL.  Lines that are not UTF-8 are read as Windows-1252 (which includes
    Latin-1's letters) when they clearly are — accented letters alone or in pairs among
    ASCII ones, as French, Spanish or Portuguese write them — with a notice naming the
    first; text in another code page (Windows-1251 Russian, Windows-1256 Arabic, GBK) is
    refused there, as is a binary file (a PDF, a zip, a .doc, NUL bytes throughout).
    """
    what = _binary(data)
    if what is not None:
        raise InputError(f"this is {what}", path=path)
    notices: list[Notice] = []
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        text = _decode_wide(data, "utf-32", path, notices)
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _decode_wide(data, "utf-16", path, notices)
    elif (order := _utf16_without_bom(data)) is not None:
        text = _decode_wide(data, order, path, notices)
        notices.append(Notice(f"read as {order.upper()} (it has no byte-order mark); save the file as UTF-8", path))
    else:
        sample = data[:65536]
        controls = _CONTROL_BYTES.findall(sample)
        if len(controls) > 8 and len(controls) * 20 > len(sample):  # a stray NUL is removed with a notice
            line = data.count(b"\n", 0, data.find(controls[0])) + 1
            raise InputError(f"this is a binary file, not text (byte 0x{controls[0][0]:02x} and "
                             f"{len(controls) - 1:,} more control bytes in its first {len(sample):,}); "
                             "drafttool reads .md and .txt text files", path=path, place=f"{line}")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = _decode_lines(data, path, notices)
    return text.replace("\r\n", "\n").replace("\r", "\n"), notices


_LEADING_SPACE = re.compile(rb"[ \t\n\r\x0b\x0c]*")


def _binary(data: bytes) -> str | None:
    """What a file that opens (after blank space) as a binary format is, or None."""
    start = _LEADING_SPACE.match(data).end()  # type: ignore[union-attr]  # it matches the empty string
    return next((what for magic, what in _BINARY if data.startswith(magic, start)), None)


_PLAIN_ASCII = bytes(range(0x20, 0x7F)) + b"\t\n"
_HIGH_BYTES = bytes(range(0x80, 0x100))
_TO_CHANGE_UTF8 = re.compile(
    rb"[\xc2\xe2\xed\xef\xf0-\xf4](?:"
    rb"(?<=\xc2)[\x80-\x9f]"                          # C1 controls and NEL
    rb"|(?<=\xe2)\x80[\xa8\xa9]"                      # line and paragraph separators
    rb"|(?<=\xef)(?:\xbb\xbf|\xb7[\x90-\xaf]|\xbf[\xbe\xbf])"  # BOM, U+FDD0-FDEF, U+FFFE-FFFF
    rb"|(?<=\xed)[\xa0-\xbf]"                          # a surrogate
    rb"|(?<=[\xf0-\xf4])[\x8f\x9f\xaf\xbf]\xbf[\xbe\xbf])"  # astral noncharacters
)
"""In UTF-8 bytes without their plain ASCII, a character that `decode_text` or
`clean_text` would change.  It opens with the set of its lead bytes, which the regular
expression engine scans for at C speed (an alternation opening otherwise tries every
byte: five times slower)."""


def plain_text(data: bytes) -> str | None:
    """The text of a file that `decode_text` and `clean_text` would leave as it is, or None.

    Most files are UTF-8 without a BOM, carriage returns, control characters, line
    separators or noncharacters: they are decoded at once, and the other passes (the
    binary sniffing, the line endings, the search for what to clean) are skipped.  The
    test runs on the bytes without plain ASCII, what `_has_unwanted` does after encoding.
    """
    if _binary(data) is not None:
        return None
    rest = data.translate(None, _PLAIN_ASCII)
    if rest.translate(None, _HIGH_BYTES) or _TO_CHANGE_UTF8.search(rest):
        return None  # an ASCII control (carriage return and form feed included), or one of the above
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _decode_wide(data: bytes, encoding: str, path: str | None, notices: list[Notice]) -> str:
    """UTF-16 or UTF-32 text; bytes that are not (a file cut mid-character) as U+FFFD."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].decode(encoding, "replace").count("\n") + 1
        notices.append(Notice(f"not valid {encoding.upper()} at byte {error.start:,}: what cannot be read is "
                              "shown as \ufffd; save the file as UTF-8", path, f"{line}"))
        return data.decode(encoding, "replace")


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' for text whose every other byte is NUL (ASCII in UTF-16)."""
    sample = data[:4096]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) * 10 >= len(odd) * 9 and even.count(0) * 10 <= len(even):
        return "utf-16-le"
    if even.count(0) * 10 >= len(even) * 9 and odd.count(0) * 10 <= len(odd):
        return "utf-16-be"
    return None


_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]{5,}")


def _decode_lines(data: bytes, path: str | None, notices: list[Notice]) -> str:
    """A file that is not all UTF-8: each line that is not, read as Windows-1252 if it
    clearly is; else the first such line named in an error."""
    lines = data.split(b"\n")
    first: tuple[int, int, int] | None = None
    recovered = 0
    out = []
    for number, line in enumerate(lines, start=1):
        try:
            out.append(line.decode("utf-8-sig" if number == 1 else "utf-8"))
            continue
        except UnicodeDecodeError as error:
            bad, column = line[error.start], error.start + 1
        try:
            text = line.decode("cp1252")
        except UnicodeDecodeError:
            text = ""  # 0x81, 0x8d, 0x8f, 0x90, 0x9d: not Windows-1252
        # Western European text has its accented letters alone or in pairs among ASCII
        # ones ('Déclaration', 'ações'); a run of five ('Ïðèíÿòèå') is Russian, Arabic or
        # Chinese in another code page, read wrongly.
        if not text or _NON_ASCII_RUN.search(text):
            raise InputError(f"byte 0x{bad:02x} is not UTF-8 (column {column}), and the line is not Windows-1252 "
                             "text either; save the file as UTF-8", path=path, place=f"{number}")
        first = first or (number, bad, column)
        recovered += 1
        out.append(text)
    assert first is not None
    number, bad, column = first
    more = f", as were {recovered - 1} more line(s)" if recovered > 1 else ""
    notices.append(Notice(f"byte 0x{bad:02x} is not UTF-8 (column {column}): this line was read as Windows-1252"
                          f"{more}; save the file as UTF-8 to be sure of every character", path, f"{number}"))
    return "\n".join(out)


_LINE_BREAKS = {"\x0b": "\n", "\x0c": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n\n"}
"""Characters that break a line: a vertical tab (Word's manual line break, copied), a form
feed (pdftotext's page break), NEL, and Unicode's line and paragraph separators."""
_UNWANTED = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufeff\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)) + "]"
)
_UNWANTED_UTF8 = re.compile(
    rb"[\x00-\x08\x0e-\x1f\x7f]"              # C0 controls but tab and line breaks, DEL
    rb"|\xc2[\x80-\x84\x86-\x9f]"             # C1 controls but NEL
    rb"|\xef(?:\xbb\xbf|\xb7[\x90-\xaf]|\xbf[\xbe\xbf])"  # BOM, U+FDD0-FDEF, U+FFFE-FFFF
    rb"|\xed[\xa0-\xbf]"                       # a lone surrogate (passed through)
    rb"|[\xf0-\xf4][\x8f\x9f\xaf\xbf]\xbf[\xbe\xbf]"  # astral noncharacters U+1FFFE … U+10FFFF
)
"""`_UNWANTED` in UTF-8 bytes: the fast test of whether there is anything to remove.  The
character class of `_UNWANTED` tests every character of the text (its astral
noncharacters made that 1.2 s on a 20,000-paragraph file); here the text, as UTF-8, first
loses the bytes of plain ASCII (`_PLAIN_BYTES`, at C speed), and the pattern runs over
what is left, a tenth of French text.  Every pattern starts at a lead byte, never a
continuation byte, and the bytes of one character are never taken apart, so what is left
matches exactly where the text holds an unwanted character."""
_PLAIN_BYTES = bytes(range(0x20, 0x7F)) + b"\t\n\r\x0b\x0c"
_KINDS = (
    ("surrogate", "lone surrogate(s) (undecodable bytes passed on as text) replaced by \ufffd"),
    ("bom", "byte-order mark(s) inside the text removed"),
    ("control", "control character(s) removed"),
    ("noncharacter", "noncharacter(s) removed"),
)


def _kind(char: str) -> str:
    if "\ud800" <= char <= "\udfff":
        return "surrogate"
    if char == "\ufeff":
        return "bom"
    return "control" if char <= "\x9f" else "noncharacter"


def _has_unwanted(text: str) -> bool:
    rest = text.encode("utf-8", "surrogatepass").translate(None, _PLAIN_BYTES)
    return _UNWANTED_UTF8.search(rest) is not None


def clean_text(text: str, path: str | None) -> tuple[str, list[Notice]]:
    """Text the model may hold: line breaks as '\n', and no control characters, lone
    surrogates (which `surrogateescape` makes of bad bytes), stray BOMs or noncharacters —
    none of which a JSON file written as UTF-8 or an XML part can carry.  A notice for each
    kind removed, naming the line of the first."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    for char, replacement in _LINE_BREAKS.items():
        if char in text:
            text = text.replace(char, replacement)
    if not _has_unwanted(text):
        return text, []
    notices: list[Notice] = []
    found: dict[str, list[int]] = {}
    for match in _UNWANTED.finditer(text):
        found.setdefault(_kind(match.group()), []).append(match.start())
    for kind, what in _KINDS:
        if kind in found:
            at = found[kind]
            shown = "" if kind == "surrogate" else f" (U+{ord(text[at[0]]):04X} first)"
            notices.append(Notice(f"{len(at):,} {what}{shown}", path, f"{text.count(chr(10), 0, at[0]) + 1}"))
    text = _UNWANTED.sub(lambda m: "\ufffd" if "\ud800" <= m.group() <= "\udfff" else "", text)
    return text, notices
