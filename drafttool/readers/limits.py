"""Limits on what an input file can make drafttool do, and the safe way into a .docx package.

A .docx is a zip package of XML parts (ECMA-376 Part 2, Open Packaging Conventions).  A
hostile or broken one can try to exhaust memory (a zip bomb: a part that inflates a
thousandfold; entities that expand a billion times), time (a hundred thousand entries,
XML nested without end) or reach outside the file (external entities, `../` names,
external relationships).  The docx reader reaches the package only through `Package`:

- `Package(data)` reads the zip's end record before `zipfile` reads the central
  directory, so that a directory of a million entries is refused before it is parsed,
  then counts the entries, and hides names that are absolute or climb with `..`;
- `Package.read` and `Package.xml` inflate one part under the limits below — its
  compression method, its declared size and ratio, then the bytes really inflated,
  counted as they come (declared sizes lie) — and charge it to a budget for the file;
- `Package.xml` feeds those bytes to an XML parser with entity expansion, DTD loading and
  the network off (as python-docx's `oxml/parser.py` parses), inside libxml2's default
  limits (no `huge_tree`), and turns libxml2's refusals into one-line messages.  A part
  that declares a DTD — which ECMA-376 Part 2 forbids in a package's own XML, [M1.18],
  against exactly these attacks — is read with the DTD ignored, and a notice.

Nothing is extracted to disk and no name or URL found in the file is ever opened: names are
only keys into the zip's own directory, and a resolver refuses anything libxml2 would load.
`MAX_LIST_NUMBER` bounds the labels computed from Word's numbering and
`MAX_MARKDOWN_SYNTAX` the work markdown-it does on one paragraph of a text file;
`MAX_ROUND_CHARACTERS`, `MAX_NOTE_COPIES` and `MAX_LABEL_CHARACTERS` bound what a reader
makes of a small file that refers to the same part many times.
"""

from __future__ import annotations

import io
import re
import struct
from pathlib import Path
import zlib
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from drafttool.errors import InputError, Notice

if TYPE_CHECKING:  # lxml is imported where a .docx is read: the text readers need only the limits
    from lxml import etree
    from lxml.etree import _Element

MB = 1024 * 1024

MAX_TEXT_FILE_BYTES = 64 * MB
"""The largest .md or .txt file read.  Reading costs about 0.4 s and 12 MB of memory per MB
of text (measured: the 8 MB benchmark round of 20,000 paragraphs in 3 s at 94 MB), so a
file at this limit — some 160,000 paragraphs — is read in under half a minute."""

MAX_DOCX_FILE_BYTES = 512 * MB
"""The largest .docx file opened: Word's own limit for a document with pictures (its text
alone may not pass 32 MB).  Only the parts with text are inflated, under the limits below."""

MAX_ENTRIES = 10_000
"""Entries in the zip.  Word writes a dozen parts, and one more per picture, chart or
embedded object: a report with a thousand figures stays well under.  A zip of 100,000 tiny
entries costs `zipfile` seconds and hundreds of MB just to list, so more is refused."""

MAX_DIRECTORY_BYTES = MAX_ENTRIES * 512
"""The central directory as the end record declares it (5 MB): 46 bytes an entry plus its
name (Word's are under 60 characters) and extra fields.  Checked before `zipfile` parses
the directory, which it does whole, however many entries the end record admits to."""

MAX_PART_BYTES = 128 * MB
"""The largest part inflated.  The reader's memory is about twelve times the XML it reads
(measured: a 39 MB document.xml of 80,000 paragraphs — some 4,000 pages — read in 14 s at
458 MB), so a part at this limit costs about 1.5 GB and a minute; Word's own XML is two to
three times more verbose than that test file's, and still under this limit at 4,000 pages."""

MAX_TOTAL_BYTES = 256 * MB
"""All the parts read from one file (document, notes, comments, styles, numbering,
settings, relationships): two parts at the limit, about 3 GB of memory at worst."""

MAX_COMPRESSION_RATIO = 500
"""Inflated size over compressed size, for parts over `RATIO_GRACE_BYTES`.  Deflate
reaches about 1,030:1 on runs of one byte, which is what a zip bomb is made of; real XML
stays far below (measured: document.xml 5–7:1, numbering.xml of 20,000 paragraphs 59:1, a
table of 100,000 identical empty cells 294:1).  Bounds the work a small file can ask for:
to be read at 128 MB a part must bring at least 256 KB."""

RATIO_GRACE_BYTES = 1 * MB
"""Parts this small are read whatever their ratio: inflating them costs nothing."""

ALLOWED_METHODS = {0: "stored", 8: "deflate"}  # zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED
"""Compression methods a package may use: stored or deflate only (ECMA-376 Part 2, Annex C,
"ZIP Appnote.txt Clarifications").  Others are refused unread: `zipfile` inflates bzip2 and
LZMA without a bound on each step — a 329-byte bzip2 entry made it allocate 400 MB."""

MAX_XML_DEPTH = 256
"""Nesting of XML elements: libxml2's limit without `huge_tree` (XML_PARSE_HUGE would lift
it to 2,048).  Word nests a few dozen deep (a table in a table in a content control); the
readers recurse once per level, far inside Python's recursion limit."""

MAX_XML_TEXT = 10_000_000
"""Characters in one XML text node, attribute or name: libxml2's XML_MAX_TEXT_LENGTH
without `huge_tree`.  Word splits text into runs; one run of 10 MB is not a document."""

MAX_LIST_NUMBER = 0x7FFF
"""The largest list value given in letters, roman numerals or other non-decimal formats;
larger ones are written in digits.  Word's own limit for a list's start value ([MS-DOC]
2.9.150 LVLF.iStartAt: at most 0x7FFF); without it `w:start w:val="2000000000"` with
lowerLetter asks for a label of 77 million letters per paragraph."""

MAX_ROUND_CHARACTERS = 64 * MB
"""Characters a reader may make of one file: paragraphs, labels and footnotes together.
The same bound as a text file's (`MAX_TEXT_FILE_BYTES`), now on what is made rather than
read: a Word file of 2.6 KB whose one 100 KB footnote is referenced 2,000 times would make
a 200 MB round."""

MAX_NOTE_COPIES = 100
"""References to one footnote or endnote body.  Word writes one reference per note (a
second mention is a cross-reference field, not another reference); each reference beyond
the first repeats the body, so 50,000 of them to a 1 MB note would make 50 GB."""

MAX_LABEL_CHARACTERS = 16_000
"""Characters of one computed list label.  A label is a number or two ('18.', '4.2.1'); a
level's `w:lvlText` of 1 MB on 2,000 paragraphs would make 2 GB of labels.  Above
`MAX_LIST_NUMBER` numbers are in digits: nine levels of the longest letters (1,261 each) stay under this."""

MAX_MARKDOWN_SYNTAX = 100_000
"""Characters that can open Markdown inline syntax (`* _ [ ! < & \\ ``) in one paragraph,
beyond which the paragraph is read as plain text, with a notice.  markdown-it-py spends
about 30 µs on each, on real text as on pathological (measured: 1.3 s for a 1 MB paragraph
with 42,000 of them), and more on some (1 MB of `![` takes over a minute, 100,000 of them
4 s): this bounds a paragraph to a few seconds.  A 1 MB paragraph with a third of its
words in italics, bold or brackets has 87,000; the seed declaration at most 12 a paragraph."""

_CHUNK = 64 * 1024
"""Bytes inflated at a time: memory stays at the part's size plus this."""


# ---------------------------------------------------------------------------- the zip


def _directory_size(data: bytes) -> tuple[int, int] | None:
    """(entries, central directory bytes) as the end record declares them (APPNOTE 4.3.16,
    and 4.3.14 for Zip64), or None where there is no end record for `zipfile` to use."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 22 - 0xFFFF))
    if end < 0 or end + 22 > len(data):
        return None
    entries, size = struct.unpack_from("<HI", data, end + 10)
    locator = end - 20
    if locator >= 0 and data[locator:locator + 4] == b"PK\x06\x07":
        (offset,) = struct.unpack_from("<Q", data, locator + 8)
        if offset + 56 <= len(data) and data[offset:offset + 4] == b"PK\x06\x06":
            entries, size = struct.unpack_from("<QQ", data, offset + 32)
    return entries, size


def _unsafe_name(name: str) -> bool:
    """A name that, extracted, would land outside a folder: absolute, a drive, or `..`."""
    name = name.replace("\\", "/")
    return name.startswith("/") or re.match(r"[A-Za-z]:", name) is not None or ".." in name.split("/")


@cache
def _refusing_resolver() -> type[etree.Resolver]:
    """The class of `xml_parser`'s resolver, made once lxml is imported."""
    from lxml import etree

    class Refuse(etree.Resolver):
        """Whatever libxml2 would load (a DTD, an external entity): an empty document instead.
        With entities and DTD loading off it is never asked; it is here so that it never can."""

        def resolve(self, system_url: str, public_id: str, context: Any) -> Any:
            return self.resolve_string("", context)

    return Refuse


def xml_parser() -> etree.XMLParser:
    """A parser for untrusted XML: no entity expansion, no DTD, no network, default limits."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                             dtd_validation=False, remove_comments=True, remove_pis=True)
    parser.resolvers.add(_refusing_resolver()())
    return parser


_LIMIT_MESSAGES = (
    ("Excessive depth", f"XML nested deeper than {MAX_XML_DEPTH} levels (Word nests a few dozen); "
                        "refused as hostile or damaged"),
    ("amplification", "XML entities that expand without bound (a 'billion laughs'); refused as hostile"),
    ("entity reference loop", "XML entities that refer to themselves; refused as hostile"),
    ("Resource limit exceeded", f"an XML text or attribute over {MAX_XML_TEXT:,} characters; "
                                "refused as hostile or damaged"),
    ("huge", f"an XML text or attribute over {MAX_XML_TEXT:,} characters; refused as hostile or damaged"),
    ("too long", "an XML name or text longer than libxml2 accepts; refused as hostile or damaged"),
)


class Package:
    """A zip package held in memory, its parts read under the limits of this module.

    `names` holds the entries a reader may ask for (unsafe names hidden); `notices` what
    was found odd on the way (unsafe or repeated names, DTDs); `inflated` the bytes
    inflated so far, charged against `MAX_TOTAL_BYTES`.
    """

    def __init__(self, data: bytes, path: str | None) -> None:
        self.path = path
        self.notices: list[Notice] = []
        self.inflated = 0
        declared = _directory_size(data)
        if declared is not None:
            entries, size = declared
            if entries > MAX_ENTRIES:
                # 65,535 is the most the end record holds without Zip64: there may be more.
                raise InputError(self._too_many(f"{entries:,}" + (" or more" if entries == 0xFFFF else "")),
                                 path=path)
            if size > MAX_DIRECTORY_BYTES:
                raise InputError(self._too_many(f"a directory of {_mb(size)}, room for {size // 46:,}"), path=path)
        import zipfile  # here, not above: the text readers take only this module's limits

        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile:
            if data[:2] == b"PK":
                raise InputError("the zip package of this .docx is damaged (truncated or corrupt); "
                                 "open it in Word or LibreOffice and save it again", path=path) from None
            raise InputError("not a Word .docx file (it is not a zip package); save it as .docx", path=path) from None
        except NotImplementedError as error:  # an entry needing a newer zip, such as 'zip file version 6.4'
            raise InputError(f"the zip package uses a feature Word never writes ({error}); open the file in Word or "
                             "LibreOffice and save it again", path=path) from None
        except (ValueError, OverflowError, OSError, EOFError, struct.error) as error:
            raise InputError(f"the zip package of this .docx is damaged ({error}); open it in Word or "
                             "LibreOffice and save it again", path=path) from None
        infos = self.zip.infolist()
        if len(infos) > MAX_ENTRIES:
            raise InputError(self._too_many(f"{len(infos):,}"), path=path)
        unsafe = sorted({info.filename for info in infos if _unsafe_name(info.filename)})
        self.names = {info.filename for info in infos} - set(unsafe)
        repeated = len(infos) - len({info.filename for info in infos})
        if unsafe:
            shown = ", ".join(repr(name) for name in unsafe[:3]) + (" …" if len(unsafe) > 3 else "")
            self.notices.append(Notice(f"{len(unsafe)} zip entr{'y' if len(unsafe) == 1 else 'ies'} with a name "
                                       f"outside the package ({shown}) ignored: never extracted nor read", path))
        if repeated:
            self.notices.append(Notice(f"{repeated} zip entr{'y' if repeated == 1 else 'ies'} repeat the name of "
                                       "another; only the last of each name is read", path))

    @staticmethod
    def _too_many(entries: str) -> str:
        return (f"the zip package has {entries} entries (a Word document has a few dozen; drafttool reads at "
                f"most {MAX_ENTRIES:,}); refused as a zip bomb or not a document")

    def read(self, name: str, limit: int = MAX_PART_BYTES) -> bytes | None:
        """A part's bytes inflated under the limits (at most `limit`), or None if absent."""
        chunks = list(self._inflate(name, limit)) if name in self.names else None
        return None if chunks is None else b"".join(chunks)

    def xml(self, name: str) -> _Element | None:
        """A part parsed as XML under the limits, or None if the package has no such part."""
        if name not in self.names:
            return None
        from lxml import etree

        parser = xml_parser()
        try:
            for chunk in self._inflate(name, MAX_PART_BYTES):
                parser.feed(chunk)
            root = parser.close()
        except etree.XMLSyntaxError as error:
            raise self._xml_error(name, error) from None
        doctype = root.getroottree().docinfo.doctype
        if doctype:
            self.notices.append(Notice(
                "declares a DTD (<!DOCTYPE …>), which Word never writes; it was not loaded nor its entities "
                "expanded, so text may be missing where they stood",
                self.path, name))
        return root

    def _xml_error(self, name: str, error: etree.XMLSyntaxError) -> InputError:
        message = str(error.msg or error)
        line = error.lineno or (error.position[0] if error.position else 0)
        for clue, said in _LIMIT_MESSAGES:
            if clue.lower() in message.lower():
                return InputError(said, path=self.path, place=f"{name}:{line}")
        message = re.sub(r",? line \d+, column \d+$", "", message.strip().replace("\n", " "))
        return InputError(f"invalid XML ({message}); the file is damaged, open it in Word or LibreOffice "
                          "and save it again", path=self.path, place=f"{name}:{line}")

    def _inflate(self, name: str, limit: int) -> Iterator[bytes]:
        """The part's bytes, a chunk at a time, each counted against the limits."""
        import zipfile

        info = self.zip.getinfo(name)
        method = info.compress_type
        if method not in ALLOWED_METHODS:
            known = {zipfile.ZIP_BZIP2: "bzip2", zipfile.ZIP_LZMA: "LZMA", 9: "deflate64", 99: "AES encryption"}
            raise InputError(f"compressed with {known.get(method, 'an unknown method')} (zip method {method}); "
                             "a .docx uses deflate only (ECMA-376 Part 2, Annex C), so it was not unpacked; open "
                             "the file in Word and save it again", path=self.path, place=name)
        if info.flag_bits & 0x1:
            raise InputError("is encrypted with a zip password, which Word never does; save the document "
                             "without a password", path=self.path, place=name)
        left = MAX_TOTAL_BYTES - self.inflated
        part_limit = min(limit, MAX_PART_BYTES)
        self._check_size(name, info.file_size, info.compress_size, part_limit, left)
        ratio_cap = max(RATIO_GRACE_BYTES, MAX_COMPRESSION_RATIO * max(info.compress_size, 1))
        cap = min(part_limit, left, ratio_cap)
        count = 0
        try:
            with self.zip.open(info) as stream:
                while chunk := stream.read(_CHUNK):
                    count += len(chunk)
                    self.inflated += len(chunk)
                    if count > cap:
                        # zipfile stops at the declared size, so this fence is a second one;
                        # the message names the limit the bytes themselves went past.
                        self._check_size(name, count, info.compress_size, part_limit, left)
                        raise InputError(f"unpacks past {cap // MB} MB; refused", path=self.path, place=name)
                    yield chunk
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError, ValueError,
                struct.error) as error:
            raise InputError(f"the zip package is damaged: part {name} cannot be unpacked ({error}); "
                             "open it in Word or LibreOffice and save it again", path=self.path) from None

    def _check_size(self, name: str, size: int, compressed: int, part_limit: int, left: int) -> None:
        """Refuse a size (declared, or counted while inflating) over a limit, naming it."""
        if size > part_limit:
            raise InputError(f"would unpack to {_mb(size)}, over the {_mb(part_limit)} drafttool reads in one part; "
                             "refused (a zip bomb, or a document too large: split it)", path=self.path, place=name)
        if size > left:
            raise InputError(f"would bring the parts read to more than {_mb(MAX_TOTAL_BYTES)} unpacked; refused "
                             "(a zip bomb, or a document too large: split it)", path=self.path, place=name)
        if size > RATIO_GRACE_BYTES and size > MAX_COMPRESSION_RATIO * max(compressed, 1):
            raise InputError(f"is compressed {size // max(compressed, 1):,} to 1 ({compressed:,} bytes unpacking to "
                             f"{_mb(size)}); real documents stay under {MAX_COMPRESSION_RATIO} to 1: refused as a zip "
                             "bomb", path=self.path, place=name)


def _mb(size: int) -> str:
    return f"{size / MB:,.0f} MB" if size >= MB else f"{size:,} bytes"


def read_limited(path: Path | str, limit: int) -> bytes:
    """A file's bytes, counted as they are read: a named pipe or a device has no size to
    check beforehand (`stat` says 0), so more than `limit` bytes raise ValueError."""
    with open(path, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"delivered more than {limit // MB} MB, more than any negotiated text; is it the right "
                         "file?")
    return data
