"""Read UN documents as they are published: born-digital PDF files.

In three steps: `content` runs the pages' content streams (through pdfminer.six, which
parses the file) into characters with their place, size and font; `lines` makes lines of
them (superscripts, italics, Arabic in reading order); `layout` turns the lines into the
Markdown the text reader reads (masthead as front matter, one block per paragraph,
footnotes), so that labels, chapeaux, subparagraphs and headings are found by the same
rules for every kind of file.

A file that cannot be read whole is refused in one line: not a PDF, encrypted, damaged or
cut short, a scan with no text, fonts whose glyphs carry no Unicode text (the text would be
garbage), or one that asks for more work than any negotiated text (`limits`).
"""

from __future__ import annotations

import logging
import time
from dataclasses import replace
from pathlib import Path

from drafttool.errors import InputError, Notice
from drafttool.readers import Reading

logging.getLogger("pdfminer").setLevel(logging.CRITICAL)  # its warnings on damaged files are ours to word

MAX_PDF_PAGES = 3_000
"""Pages read: the longest UN documents (reports with annexes) run to a few hundred; a
page tree that claims more is refused before any page is read."""
MAX_PDF_INFLATED_BYTES = 256 * 1024 * 1024
"""All the streams inflated from one file (contents, fonts, object streams): a 50-page
resolution inflates to about 3 MB, so a 3,000-page one stays well under."""
MAX_PDF_CHARS = 20_000_000
"""Characters drawn, over all pages: a 3,000-page text holds about 10 million."""
MAX_PDF_SECONDS = 120.0
"""Time spent running content streams, checked page by page."""
UNMAPPED_SHARE = 0.01
MAX_UNMAPPED = 50
"""Glyphs without Unicode: past one in a hundred, or fifty in all, the file is refused —
the text would have holes in its words (the French BBNJ Agreement's 254 are the letters
of its headings and its no-break spaces).  A few (a bullet in a symbol font) are left out
with a notice."""


def read_pdf(data: bytes, *, path: str | None = None, label: str = "", language: str = "") -> Reading:
    """Read a PDF file's bytes into a Round, with notices."""
    from drafttool.readers.markdown import closing_line_to_masthead, read_markdown
    from drafttool.readers.pdf.layout import build

    pages, unmapped, total, fonts = _pages(data, path)
    if total == 0:
        raise InputError("this PDF has no text layer (a scanned document?); drafttool reads PDFs whose text can be "
                         "selected: run OCR on it first, or import the Word file", path=path)
    if unmapped > total * UNMAPPED_SHARE or unmapped >= MAX_UNMAPPED:
        raise InputError(f"{unmapped:,} of its {total:,} characters are drawn with fonts that carry no Unicode text "
                         f"({', '.join(fonts[:3])}): the text cannot be read without garbage; import the Word "
                         "file or a PDF saved with Unicode fonts", path=path)
    layout = build(pages, Path(path).name if path else "")
    notices: list[Notice] = []
    if unmapped:
        notices.append(Notice(f"{unmapped:,} character(s) drawn with fonts that carry no Unicode text "
                              f"({', '.join(fonts[:3])}) left out", path))
    if layout.furniture:
        shown = "; ".join(layout.furniture[:3]) + (" …" if len(layout.furniture) > 3 else "")
        notices.append(Notice(f"left out {len(layout.furniture)} line(s) of page furniture (running symbol "
                              f"and title, page numbers, job numbers, barcodes): {shown}", path))
    reading = read_markdown(layout.markdown, path=path, label=label, language=language, markdown=True)
    round_, closing = closing_line_to_masthead(reading.round, path)
    reading = replace(reading, round=round_, notices=(*reading.notices, *closing))
    # The text reader's places are lines of the Markdown made here, not of the PDF.
    inner = tuple(replace(n, place=None) for n in reading.notices)
    return replace(reading, notices=tuple(notices) + inner)


def pdf_markdown(data: bytes, path: str | None = None) -> str:
    """The Markdown a PDF is read through (for looking at what the layout pass found)."""
    from drafttool.readers.pdf.layout import build

    return build(_pages(data, path)[0], Path(path).name if path else "").markdown


def _pages(data: bytes, path: str | None):  # type: ignore[no-untyped-def]
    """(page height, lines) for every page, glyphs without Unicode, all glyphs, and the
    names of the fonts without Unicode."""
    import io

    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    from drafttool.readers.pdf.content import BOUNDED_ZLIB, Budget, Interpreter
    from drafttool.readers.pdf.lines import page_lines

    if b"%PDF-" not in data[:1024]:
        raise InputError("this is not a PDF file (no '%PDF-' header)", path=path)
    BOUNDED_ZLIB.left = MAX_PDF_INFLATED_BYTES
    started = time.monotonic()
    out = []
    unmapped = total = 0
    fonts: dict[str, int] = {}
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)), password="")
        count = resolve1(resolve1(document.catalog.get("Pages")) or {}).get("Count") \
            if isinstance(resolve1(document.catalog.get("Pages")), dict) else None
        if isinstance(count, int) and count > MAX_PDF_PAGES:
            raise InputError(f"its page tree declares {count:,} pages; drafttool reads PDFs of up to "
                             f"{MAX_PDF_PAGES:,} pages: is it the right file?", path=path)
        interpreter = Interpreter(PDFResourceManager(caching=True), MAX_PDF_CHARS)
        for number, page in enumerate(PDFPage.create_pages(document), start=1):
            if number > MAX_PDF_PAGES:
                raise InputError(f"it has more than {MAX_PDF_PAGES:,} pages; is it the right file?", path=path)
            drawn = interpreter.page(page, number)
            unmapped += drawn.unmapped
            total += len(drawn.chars)
            if drawn.unmapped:
                for char in drawn.chars:
                    if not char[5]:
                        fonts[char[4]] = fonts.get(char[4], 0) + 1
            out.append((drawn.height, page_lines(drawn.chars, number, drawn.width)))
            if time.monotonic() - started > MAX_PDF_SECONDS:
                raise InputError(f"reading it took more than {MAX_PDF_SECONDS:.0f} s by page {number}: refused as "
                                 "more work than any negotiated text", path=path)
    except InputError:
        raise
    except PDFPasswordIncorrect:
        raise InputError("this PDF is encrypted with a password; drafttool cannot read it: save an unprotected copy",
                         path=path) from None
    except PDFEncryptionError as error:
        raise InputError(f"this PDF is encrypted in a way drafttool cannot read ({error}); save an unprotected copy",
                         path=path) from None
    except Budget as error:
        raise InputError(f"this PDF asks for more work than any negotiated text: {error} "
                         f"({MAX_PDF_INFLATED_BYTES // (1024 * 1024)} MB inflated, {MAX_PDF_CHARS:,} characters)",
                         path=path) from None
    except MemoryError:
        raise InputError("this PDF needs more memory than any negotiated text: refused", path=path) from None
    except RecursionError:
        raise InputError("this PDF's objects are nested without end: damaged or hostile, refused", path=path) from None
    except Exception as error:  # pdfminer raises many kinds (PSEOF, PDFSyntaxError, KeyError, TypeError…)
        raise InputError(f"this PDF is damaged or cut short and cannot be read ({type(error).__name__}: "
                         f"{str(error)[:80] or 'no detail'})", path=path) from None
    if not out:
        raise InputError("this PDF has no pages", path=path)
    return out, unmapped, total, sorted(fonts, key=lambda f: -fonts[f])
