"""Small PDF files written byte by byte, for the ways a PDF can be unreadable.

Each is a complete file with a correct cross-reference table (`pdf`), so that what makes
it unreadable is only what the test means: a font without Unicode, no text at all, a page
tree that claims a billion pages, a stream that inflates past the limit.
"""

from __future__ import annotations

import zlib


def pdf(objects: list[bytes]) -> bytes:
    """A PDF whose object n (from 1) is objects[n - 1]; object 1 is the catalog."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def one_page(content: bytes, font: bytes = b"", extra_objects: list[bytes] | None = None,
             pages_count: int = 1, flate: bool = False) -> bytes:
    """A one-page PDF drawing `content` with font /F1 (object 4, `font`)."""
    data = zlib.compress(content) if flate else content
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count %d >>" % pages_count,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        font or b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        _stream(data, b"/Filter /FlateDecode" if flate else b""),
    ]
    return pdf(objects + (extra_objects or []))


def text_page(text: str) -> bytes:
    lines = b"".join(b"BT /F1 11 Tf 72 %d Td (%s) Tj ET\n" % (760 - 14 * k, line.encode("latin-1"))
                     for k, line in enumerate(text.split("\n")))
    return one_page(lines)


def glyphs_without_unicode() -> bytes:
    """Text drawn with an embedded-style CID font (Identity-H) that has no ToUnicode map:
    what the BBNJ Agreement's Russian and Chinese files are made of."""
    font = (b"<< /Type /Font /Subtype /Type0 /BaseFont /AAAAAA+TimesNewRomanPSMT /Encoding /Identity-H "
            b"/DescendantFonts [6 0 R] >>")
    descendant = (b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /AAAAAA+TimesNewRomanPSMT "
                  b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 500 >>")
    codes = b"".join(b"<%04x>" % (40 + k % 30) for k in range(400))
    content = b"BT /F1 11 Tf 72 760 Td [" + codes + b"] TJ ET\n"
    return one_page(content, font, [descendant])


def no_text() -> bytes:
    """A page that only draws shapes: a scan's page has an image and no text either."""
    return one_page(b"0 0 1 rg 72 72 400 600 re f\n")


def huge_page_tree() -> bytes:
    return one_page(b"BT /F1 11 Tf 72 760 Td (Hello) Tj ET\n", pages_count=1_000_000_000)


def inflating(megabytes: int) -> bytes:
    """A page whose content stream is a few kilobytes that inflate to `megabytes` MB."""
    content = b"BT /F1 11 Tf 72 760 Td (Hello) Tj ET\n" + b" " * (megabytes * 1024 * 1024)
    return one_page(content, flate=True)
