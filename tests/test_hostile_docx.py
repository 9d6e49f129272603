"""Hostile and broken Word files: each is refused with one line naming the file, or read
with a notice, within bounded time and memory, never reading outside the file or the
network.

Every case in `HOSTILE` is built in memory (a 1 GB zip bomb is 1 MB of repeated deflate
blocks), read once under `measure` — wall time, and the peak resident memory above what
the process held before (Linux's VmHWM, reset through /proc/self/clear_refs; elsewhere
Python's own allocations, by tracemalloc) — and the figures are checked against a budget
far below what the unguarded reader would spend (the bzip2 bomb made it allocate 400 MB,
the 1 GB deflate bomb would have needed 1 GB).  `python tests/test_hostile_docx.py`
prints the table of cases, outcomes and costs.

The limits themselves are in drafttool/readers/limits.py, each with why it has its value.
"""

from __future__ import annotations

import bz2
import functools
import gc
import io
import lzma
import os
import socket
import struct
import sys
import threading
import time
import tracemalloc
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from drafttool.errors import DrafttoolError, InputError
from drafttool.readers import Reading, limits, read_document
from drafttool.readers.docx import read_docx, read_docx_layout
from drafttool.renderers.json import render_round_json

import docx_fixtures as fx
from docx_fixtures import NS, footnote, footnote_ref, footnotes, p, r

MB = 1024 * 1024
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


# ---------------------------------------------------------------------------- a zip written by hand


@dataclass(frozen=True)
class Entry:
    """A zip entry as it is stored: `payload` already compressed, sizes as declared."""

    name: str
    payload: bytes
    method: int = zipfile.ZIP_DEFLATED
    crc: int = 0
    size: int = 0
    """The uncompressed size the entry declares (true or not)."""
    flags: int = 0


def deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def entry(name: str, data: bytes) -> Entry:
    """An honest deflated entry."""
    return Entry(name, deflate(data), zipfile.ZIP_DEFLATED, zlib.crc32(data), len(data))


def raw_zip(entries: list[Entry], *, declared_entries: int | None = None) -> bytes:
    """A zip package with entries exactly as given (APPNOTE 4.3.7, 4.3.12, 4.3.16): what
    `zipfile` would refuse to write — lying sizes, any method, any name."""
    out, central = bytearray(), bytearray()
    for item in entries:
        name = item.name.encode("utf-8")
        offset = len(out)
        out += struct.pack("<4s5H3I2H", b"PK\x03\x04", 20, item.flags, item.method, 0, 0x21, item.crc,
                           len(item.payload), item.size, len(name), 0) + name + item.payload
        central += struct.pack("<4s6H3I5H2I", b"PK\x01\x02", 20, 20, item.flags, item.method, 0, 0x21, item.crc,
                               len(item.payload), item.size, len(name), 0, 0, 0, 0, 0, offset) + name
    count = min(len(entries) if declared_entries is None else declared_entries, 0xFFFF)
    return bytes(out + central + struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, count, count, len(central), len(out), 0))


def parts_entries(parts: dict[str, bytes], *, drop: tuple[str, ...] = ()) -> list[Entry]:
    return [entry(name, data) for name, data in parts.items() if name not in drop]


@functools.cache
def zeros_deflated(size: int) -> tuple[bytes, int]:
    """Raw deflate of `size` zero bytes and their CRC-32, without compressing them: one
    megabyte compressed with a full flush (self-contained, byte-aligned blocks) repeated."""
    unit = MB
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(b"\0" * unit) + compressor.flush(zlib.Z_FULL_FLUSH)
    final = zlib.compressobj(9, zlib.DEFLATED, -15).flush()
    crc, zeros = 0, b"\0" * unit
    for _ in range(size // unit):
        crc = zlib.crc32(zeros, crc)
    return block * (size // unit) + final, crc


def zeros_entry(name: str, size: int, *, declared: int | None = None) -> Entry:
    payload, crc = zeros_deflated(size)
    return Entry(name, payload, zipfile.ZIP_DEFLATED, crc, size if declared is None else declared)


def document(body: str, *, prolog: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n{prolog}<w:document {NS}><w:body>{body}<w:sectPr/>'
            "</w:body></w:document>").encode()


def raw_paragraph(xml_text: str) -> str:
    """A paragraph whose text is written as XML, entity references and all."""
    return f'<w:p><w:r><w:t xml:space="preserve">{xml_text}</w:t></w:r></w:p>'


BODY = p("We decide to act.") + p("We request a report.")
PARTS = fx.package(BODY, styles=fx.styles())


PART_NAMES = {"document": "word/document.xml", "styles": "word/styles.xml", "settings": "word/settings.xml",
              "document_rels": "word/_rels/document.xml.rels", "settings_rels": "word/_rels/settings.xml.rels",
              "package_rels": "_rels/.rels", "content_types": "[Content_Types].xml"}


def with_parts(**changes: bytes | None) -> dict[str, bytes]:
    """The small valid package with parts (named as in `PART_NAMES`) replaced, or dropped (None)."""
    parts = dict(PARTS)
    for key, value in changes.items():
        name = PART_NAMES[key]
        if value is None:
            parts.pop(name, None)
        else:
            parts[name] = value
    return parts


def rels(*relationships: str) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}">{"".join(relationships)}'
            "</Relationships>").encode()


def rel(rid: str, kind: str, target: str, external: bool = False) -> str:
    mode = ' TargetMode="External"' if external else ""
    return f'<Relationship Id="{rid}" Type="{_REL}/{kind}" Target="{target}"{mode}/>'


# ---------------------------------------------------------------------------- measuring


def _resident_kb(field_name: str) -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field_name):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def _reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
            refs.write("5")  # resets VmHWM to the current resident size (Linux 4.0+)
        return True
    except OSError:
        return False


@dataclass
class Cost:
    seconds: float
    megabytes: float
    """Peak memory above the resident size before the read."""
    how: str


GUARD_BYTES = 4 * 1024 * MB
"""Address space a measured read may add before it fails with MemoryError, rather than
the machine killing the test run (as an unbounded numbering bomb once did at 23 GB)."""


def _guard() -> Callable[[], None]:
    """Cap the address space for the duration of a read; returns what undoes it."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not on Windows
        return lambda: None
    size = _resident_kb("VmSize")
    if size is None:
        return lambda: None
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = size * 1024 + GUARD_BYTES
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    return lambda: resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def measure(read: Callable[[], Any]) -> tuple[Any, Cost]:
    """Run a read; its outcome (a value, or the DrafttoolError it raised) and its cost."""
    gc.collect()
    proc = _reset_peak() and _resident_kb("VmRSS") is not None
    before = _resident_kb("VmRSS") if proc else 0
    if not proc:
        tracemalloc.start()
    release = _guard()
    start = time.perf_counter()
    try:
        outcome = read()
    except DrafttoolError as error:
        outcome = error
    finally:
        seconds = time.perf_counter() - start
        release()
    if proc:
        megabytes = ((_resident_kb("VmHWM") or 0) - (before or 0)) / 1024
    else:
        megabytes = tracemalloc.get_traced_memory()[1] / MB
        tracemalloc.stop()
    return outcome, Cost(seconds, max(megabytes, 0.0), "resident" if proc else "python")


# ---------------------------------------------------------------------------- never outside the file


_WATCHED: list[tuple[str, str]] = []
_WATCHING = threading.Event()
_EVENTS = ("open", "socket.connect", "socket.getaddrinfo", "urllib.Request", "subprocess.Popen", "os.system",
           "os.mkdir", "os.rename", "os.remove", "shutil.unpack_archive", "ctypes.dlopen", "os.exec")


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if _WATCHING.is_set() and event in _EVENTS:
        _WATCHED.append((event, repr(args)[:200]))


sys.addaudithook(_audit)


def watched(read: Callable[[], Any]) -> Callable[[], Any]:
    """`read`, recording any file opened, socket connected or process started by Python
    code meanwhile (libxml2 opens files and sockets in C: `listener` and `secret` catch those)."""
    def run() -> Any:
        _WATCHED.clear()
        _WATCHING.set()
        try:
            return read()
        finally:
            _WATCHING.clear()
    return run


@dataclass
class Outside:
    """What a hostile file may try to reach: a local port that counts connections, and a
    file whose contents must never show up."""

    port: int
    hits: list[bytes]
    secret: Path
    token: str

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/x"

    @property
    def file_url(self) -> str:
        return self.secret.as_uri()


@pytest.fixture(scope="module")
def outside(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Outside]:
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.05)
    hits: list[bytes] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except (TimeoutError, OSError):
                continue
            with connection:
                connection.settimeout(0.5)
                try:
                    hits.append(connection.recv(1024) or b"(connected)")
                except OSError:
                    hits.append(b"(connected)")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    secret = tmp_path_factory.mktemp("outside") / "secret.txt"
    token = "SECRET-7f3a9c"
    secret.write_text(f"{token}\n", encoding="utf-8")
    read_docx(fx.zip_parts(PARTS))  # import what the reader imports lazily, before watching
    yield Outside(server.getsockname()[1], hits, secret, token)
    stop.set()
    thread.join()
    server.close()


# ---------------------------------------------------------------------------- the cases


@dataclass(frozen=True)
class Hostile:
    """A hostile or broken file, and what reading it must give."""

    build: Callable[[Outside], bytes]
    refused: str = ""
    """Text of the one-line InputError, when the file is refused."""
    notice: str = ""
    """Text of a notice, when the file is read."""
    text: tuple[str, ...] = ()
    """Paragraph texts read, when it is read (the first ones)."""
    seconds: float = 5.0
    megabytes: float = 100.0
    """Budgets: far under what the unguarded reader spent (a bomb: the gigabyte it inflates)."""


def _bomb_declared(_: Outside) -> bytes:
    return raw_zip(parts_entries(PARTS, drop=("word/document.xml",)) + [zeros_entry("word/document.xml", 1024 * MB)])


def _bomb_lying(_: Outside) -> bytes:
    return raw_zip(parts_entries(PARTS, drop=("word/document.xml",))
                   + [zeros_entry("word/document.xml", 1024 * MB, declared=10_000)])


def _bomb_ratio(_: Outside) -> bytes:
    return raw_zip(parts_entries(PARTS, drop=("word/document.xml",)) + [zeros_entry("word/document.xml", 64 * MB)])


def _compressed_with(method: int, data: bytes) -> bytes:
    return bz2.compress(data, 9) if method == zipfile.ZIP_BZIP2 else _lzma_zip(data)


def _lzma_zip(data: bytes) -> bytes:
    """LZMA as zip stores it (APPNOTE 5.8.8): version, properties size, properties, raw stream."""
    filters = [{"id": lzma.FILTER_LZMA1, "preset": 9}]
    properties = lzma._encode_filter_properties(filters[0])  # type: ignore[attr-defined]
    return struct.pack("<BBH", 9, 4, len(properties)) + properties + lzma.compress(
        data, format=lzma.FORMAT_RAW, filters=filters)


def _bomb_method(method: int, size: int) -> Callable[[Outside], bytes]:
    def build(_: Outside) -> bytes:
        zeros = b"\0" * size
        bomb = Entry("word/document.xml", _compressed_with(method, zeros), method, zlib.crc32(zeros), 10_000)
        return raw_zip(parts_entries(PARTS, drop=("word/document.xml",)) + [bomb])
    return build


def _many_entries(count: int, declared: int | None = None, name_length: int = 0) -> Callable[[Outside], bytes]:
    def build(_: Outside) -> bytes:
        padding = "x" * name_length
        empty = [Entry(f"word/media/{padding}{n}.bin", b"", zipfile.ZIP_STORED, 0, 0) for n in range(count)]
        return raw_zip(parts_entries(PARTS) + empty, declared_entries=declared)
    return build


def _unknown_parts(_: Outside) -> bytes:
    junk = [entry(f"customXml/item{n}.xml", b"<not-word/>") for n in range(2_000)]
    junk += [entry("word/foo.bin", os.urandom(1000)), entry("docProps/thumbnail.jpeg", b"\xff\xd8\xff" + b"x" * 100)]
    return raw_zip(parts_entries(PARTS) + junk + [zeros_entry("word/media/image1.png", 1024 * MB)])


def _xxe(outside: Outside) -> bytes:
    prolog = (f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{outside.file_url}">'
              f'<!ENTITY net SYSTEM "{outside.url}">]>\n')
    body = raw_paragraph("We decide &xxe; and &net; to act.")
    return fx.zip_parts(with_parts(document=document(body, prolog=prolog)))


def _external_dtd(outside: Outside) -> bytes:
    prolog = f'<!DOCTYPE w:document SYSTEM "{outside.url}">\n'
    styles = (f'<?xml version="1.0"?><!DOCTYPE w:styles SYSTEM "{outside.file_url}">'
              f'{fx.styles()}').encode()
    return fx.zip_parts(with_parts(document=document(BODY, prolog=prolog), styles=styles))


def _parameter_entities(outside: Outside) -> bytes:
    prolog = (f'<!DOCTYPE w:document [<!ENTITY % remote SYSTEM "{outside.url}"> %remote;'
              f'<!ENTITY % local SYSTEM "{outside.file_url}"> %local;]>\n')
    relationships = (f'<?xml version="1.0"?><!DOCTYPE Relationships [<!ENTITY % r SYSTEM "{outside.url}/rels"> %r;]>'
                     f'<Relationships xmlns="{_PKG}">{rel("rId1", "officeDocument", "word/document.xml")}'
                     "</Relationships>").encode()
    return fx.zip_parts(with_parts(document=document(BODY, prolog=prolog), package_rels=relationships))


def _billion_laughs(_: Outside) -> bytes:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{n} "{(f"&lol{n - 1};" if n > 1 else "&lol;") * 10}">' for n in range(1, 10))
    body = raw_paragraph("We decide &lol9;.")
    return fx.zip_parts(with_parts(document=document(body, prolog=f"<!DOCTYPE w:document [{entities}]>\n")))


def _quadratic_blowup(_: Outside) -> bytes:
    entities = f'<!ENTITY a "{"a" * 100_000}">'
    body = raw_paragraph("We decide " + "&a;" * 20_000 + ".")
    return fx.zip_parts(with_parts(document=document(body, prolog=f"<!DOCTYPE w:document [{entities}]>\n")))


def _depth_bomb(_: Outside) -> bytes:
    depth = 100_000
    body = "<w:sdt><w:sdtContent>" * depth + p("Deep.") + "</w:sdtContent></w:sdt>" * depth
    return fx.zip_parts(with_parts(document=document(body)))


def _deep_but_legal(_: Outside) -> bytes:
    # 250 levels: hyperlinks in hyperlinks inside one paragraph, under libxml2's 256.
    inner = '<w:hyperlink>' * 245 + r("Nested text.") + '</w:hyperlink>' * 245
    return fx.zip_parts(with_parts(document=document(p("We decide:") + f"<w:p>{inner}</w:p>")))


def _no_document(_: Outside) -> bytes:
    return fx.zip_parts(with_parts(document=None))


def _missing_footnotes(_: Outside) -> bytes:
    parts = fx.package(p("We decide", footnote_ref(1), " to act."),
                       footnotes=footnotes(footnote(1, "A note.")), styles=fx.styles())
    parts.pop("word/footnotes.xml")
    return fx.zip_parts(parts)


def _missing_styles_numbering(_: Outside) -> bytes:
    numbering = f"""<w:numbering {NS}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>
      <w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"""
    parts = fx.package(p("We decide to act.", num=(1, 0), style="UNPara") + p("We request.", num=(1, 0)),
                       numbering=numbering, styles=fx.styles())
    parts.pop("word/numbering.xml")
    parts.pop("word/styles.xml")
    return fx.zip_parts(parts)


def _main_document_elsewhere(_: Outside) -> bytes:
    return fx.zip_parts(with_parts(package_rels=rels(rel("rId1", "officeDocument", "word/missing.xml"))))


def _no_content_types(_: Outside) -> bytes:
    return fx.zip_parts(with_parts(content_types=None))


def _lying_content_types(_: Outside) -> bytes:
    lies = (b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            b'<Default Extension="xml" ContentType="image/png"/>'
            b'<Override PartName="/word/document.xml" ContentType="application/pdf"/>'
            b'<Override PartName="/word/nothing.xml" ContentType="text/plain"/></Types>')
    return fx.zip_parts(with_parts(content_types=lies))


def _garbage_content_types(_: Outside) -> bytes:
    return fx.zip_parts(with_parts(content_types=b"\x00\x01 not xml at all <<<"))


def _macros(_: Outside) -> bytes:
    parts = with_parts(document_rels=rels(
        rel("rId1", "styles", "styles.xml"),
        '<Relationship Id="rId9" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" '
        'Target="vbaProject.bin"/>'))
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml")
    # The macros are a 1 GB bomb too: never run, never even unpacked.
    return raw_zip(parts_entries(parts) + [zeros_entry("word/vbaProject.bin", 1024 * MB),
                                           entry("word/activeX/activeX1.bin", b"\x00" * 64)])


def _unsafe_names(outside: Outside) -> bytes:
    climbing = rels(rel("rId1", "officeDocument", "../../../word/document.xml"))
    evil = [entry(name, document(p(f"Evil text from {name}.")))
            for name in ("../../evil.xml", "/etc/evil.xml", "C:/evil.xml", "..\\..\\evil.xml", "word/../../evil.xml")]
    doc_rels = rels(rel("rId1", "styles", "styles.xml"), rel("rId2", "footnotes", "../../evil.xml"))
    parts = with_parts(package_rels=climbing, document_rels=doc_rels)
    return raw_zip(parts_entries(parts) + evil)


def _external_relationships(outside: Outside) -> bytes:
    doc_rels = rels(rel("rId1", "styles", outside.url, external=True),
                    rel("rId2", "footnotes", outside.file_url, external=True),
                    rel("rId3", "numbering", outside.url + "/numbering.xml", external=True),
                    rel("rId4", "hyperlink", outside.url, external=True),
                    rel("rId5", "image", outside.file_url, external=True),
                    rel("rId6", "settings", "settings.xml"))
    settings = f'<w:settings {NS}><w:attachedTemplate r:id="rId1"/></w:settings>'.encode()
    settings_rels = rels(rel("rId1", "attachedTemplate", outside.url + "/template.dotm", external=True))
    root_rels = rels(rel("rId1", "officeDocument", "word/document.xml"),
                     rel("rId2", "officeDocument", outside.url, external=True))
    body = p("We decide", footnote_ref(1), " to act, see ",
             f'<w:hyperlink r:id="rId4">{r("the report")}</w:hyperlink>', ".")
    return fx.zip_parts(with_parts(document=document(body), document_rels=doc_rels,
                                   settings=settings, settings_rels=settings_rels,
                                   package_rels=root_rels))


def _huge_paragraph_one_run(_: Outside) -> bytes:
    return fx.zip_parts(with_parts(document=document(p("We decide " + "to act and " * 100_000 + "end."))))


def _huge_paragraph_many_runs(_: Outside) -> bytes:
    runs = "".join(r("and acts, ", b=n % 2 == 0) for n in range(100_000))
    return fx.zip_parts(with_parts(document=document(f"<w:p>{r('We decide to ')}{runs}</w:p>")))


def _text_node_over_limit(_: Outside) -> bytes:
    text = os.urandom(limits.MAX_XML_TEXT // 2 + 10).hex()  # hex: it does not compress a thousandfold
    return fx.zip_parts(with_parts(document=document(p(text))))


def _corrupt_deflate(_: Outside) -> bytes:
    big = document("".join(p(f"Paragraph {n} of the text, which goes on.") for n in range(2_000)))
    good = entry("word/document.xml", big)
    payload = bytearray(good.payload)
    # Fixed bytes, not random ones: garbage in a deflate stream may fail as bad data, as
    # invalid XML or only at the checksum; each is refused, and the test must not vary.
    payload[len(payload) // 2: len(payload) // 2 + 16] = bytes(range(7, 247, 15))
    return raw_zip(parts_entries(PARTS, drop=("word/document.xml",)) + [Entry(
        good.name, bytes(payload), good.method, good.crc, good.size)])


def _truncated_deflate(_: Outside) -> bytes:
    good = entry("word/document.xml", document(BODY * 50))
    return raw_zip(parts_entries(PARTS, drop=("word/document.xml",)) + [Entry(
        good.name, good.payload[: len(good.payload) // 2], good.method, good.crc, good.size)])


def _bad_crc(_: Outside) -> bytes:
    good = entry("word/document.xml", document(BODY))
    return raw_zip(parts_entries(PARTS, drop=("word/document.xml",)) + [Entry(
        good.name, good.payload, good.method, good.crc ^ 0xFFFF, good.size)])


def _encrypted(_: Outside) -> bytes:
    good = entry("word/document.xml", document(BODY))
    return raw_zip(parts_entries(PARTS, drop=("word/document.xml",)) + [Entry(
        good.name, good.payload, good.method, good.crc, good.size, flags=0x1)])


def _numbering_bomb(_: Outside) -> bytes:
    levels = "".join(f'<w:lvl w:ilvl="{n}"><w:start w:val="2000000000"/><w:numFmt w:val="{fmt}"/>'
                     f'<w:lvlText w:val="%{n + 1})"/></w:lvl>'
                     for n, fmt in enumerate(("lowerLetter", "upperRoman", "arabicAbjad", "russianLower")))
    numbering = (f'<w:numbering {NS}><w:abstractNum w:abstractNumId="0">{levels}</w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
                 f'<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0">'
                 f'<w:startOverride w:val="{"9" * 4000}"/></w:lvlOverride></w:num></w:numbering>')
    body = "".join(p(f"Item {n}.", num=(1 + n % 2, n % 4)) for n in range(2_000))
    return fx.docx(body, numbering=numbering, styles=fx.styles())


def _symbol_codes(_: Outside) -> bytes:
    syms = "".join(r(content=f'<w:sym w:font="Arial" w:char="{code}"/>')
                   for code in ("F" * 5000, "D800", "DFFF", "0007", "FFFE", "110000", "-1", "zz", "0041"))
    return fx.docx(p("We decide ", syms, " now."))


def _renamed(data: bytes) -> Callable[[Outside], bytes]:
    return lambda _: data


def _note_referenced(size: int, references: int) -> Callable[[Outside], bytes]:
    """One footnote of `size` characters (hex: it does not compress past the ratio limit),
    referenced `references` times, 25 to a paragraph."""
    def build(_: Outside) -> bytes:
        text = os.urandom(size // 2).hex()
        body = "".join(p("We recall", *(footnote_ref(1) for _ in range(min(25, references - n))), ".")
                       for n in range(0, references, 25))
        return fx.docx(body, footnotes=footnotes(footnote(1, text)), styles=fx.styles())
    return build


def _notes_over_the_round_limit(_: Outside) -> bytes:
    """Eight 100 KB notes, each referenced 90 times: under the copies limit, 72 MB made."""
    texts = [os.urandom(50_000).hex() for _ in range(8)]
    body = "".join(p("We recall", *(footnote_ref(1 + n % 8) for n in range(k, k + 24)), ".") for k in range(0, 720, 24))
    return fx.docx(body, footnotes=footnotes(*(footnote(1 + n, text) for n, text in enumerate(texts))),
                   styles=fx.styles())


def _long_level_text(_: Outside) -> bytes:
    """A 1 MB `w:lvlText` (hex) on 2,000 numbered paragraphs."""
    numbering = (f'<w:numbering {NS}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
                 f'<w:numFmt w:val="decimal"/><w:lvlText w:val="%1{os.urandom(MB // 2).hex()}"/></w:lvl>'
                 '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')
    return fx.docx("".join(p(f"Item {n}.", num=(1, 0)) for n in range(2_000)), numbering=numbering,
                   styles=fx.styles())


DELETED = 'w:author="EU" w:date="2024-03-01T10:00:00Z"'


def _deleted_marks(_: Outside) -> bytes:
    """50,000 paragraphs whose marks are deleted: one paragraph once the changes are accepted."""
    body = "".join(p(f"w{n} ", ppr=f'<w:rPr><w:del w:id="{n}" {DELETED}/></w:rPr>') for n in range(50_000))
    return fx.docx(body + p("end."), styles=fx.styles())


def _field_never_ended(_: Outside) -> bytes:
    """A field begins in paragraph 2 and never ends: 49 paragraphs all the same."""
    begin = r(content='<w:fldChar w:fldCharType="begin"/>') + r(content='<w:instrText> PAGE </w:instrText>')
    body = [p(f"Paragraph {n}.") for n in range(1, 50)]
    body[1] = p("Paragraph 2.", begin)
    return fx.docx("".join(body), styles=fx.styles())


def _alt_chunk(_: Outside) -> bytes:
    parts = with_parts(document=document(p("We decide to act.") + '<w:altChunk r:id="rIdChunk"/>' + p("We end.")))
    parts["word/afchunk.htm"] = b"<html><body><p>Imported text</p></body></html>"
    return fx.zip_parts(parts)


def _names_differing_in_case(_: Outside) -> bytes:
    parts = dict(PARTS)
    parts["word/Document.xml"] = document(p("Evil twin."))
    return fx.zip_parts(parts)


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _odt_with_bomb(_: Outside) -> bytes:
    return raw_zip([zeros_entry("mimetype", 1024 * MB), entry("content.xml", b"<x/>")])


REFUSED_UNPACKED = "so it was not unpacked"

HOSTILE: dict[str, Hostile] = {
    # Zip bombs
    "1 GB part, size declared": Hostile(_bomb_declared, refused="word/document.xml: would unpack to 1,024 MB, "
                                        "over the 128 MB drafttool reads in one part; refused"),
    "1 GB part declared as 10 KB": Hostile(_bomb_lying, refused="the zip package is damaged: part word/document.xml "
                                           "cannot be unpacked (Bad CRC-32"),
    "64 MB part at 1,000:1": Hostile(_bomb_ratio, refused="word/document.xml: is compressed 1,0"),
    "bzip2 entry, 64 MB in 500 bytes": Hostile(_bomb_method(zipfile.ZIP_BZIP2, 64 * MB), refused=REFUSED_UNPACKED),
    "LZMA entry": Hostile(_bomb_method(zipfile.ZIP_LZMA, 16 * MB), refused="compressed with LZMA (zip method 14)"),
    "OpenDocument whose mimetype is a bomb": Hostile(_odt_with_bomb, refused="this is an OpenDocument file, not a "
                                                     "Word .docx"),
    # Thousands of parts
    "10,001 entries": Hostile(_many_entries(10_001 - len(PARTS)), refused="the zip package has 10,001 entries"),
    "100,000 entries": Hostile(_many_entries(100_000), refused="the zip package has 65,535 or more entries"),
    "a central directory of 6 MB": Hostile(_many_entries(10_000 - len(PARTS), name_length=600),
                                           refused="the zip package has a directory of 6 MB, room for"),
    "20,000 entries, end record says 10": Hostile(_many_entries(20_000, declared=10),
                                                  refused="the zip package has 20,0"),
    "2,000 unknown parts and a 1 GB picture": Hostile(_unknown_parts, text=("We decide to act.",)),
    # XML entities and nesting
    "external entities (file and http)": Hostile(_xxe, notice="word/document.xml: warning: declares a DTD",
                                                 text=("We decide",)),
    "external DTD (file and http)": Hostile(_external_dtd, notice="word/styles.xml: warning: declares a DTD",
                                            text=("We decide to act.",)),
    "parameter entities (file and http)": Hostile(_parameter_entities, notice="_rels/.rels: warning: declares a DTD",
                                                  text=("We decide to act.",)),
    "billion laughs": Hostile(_billion_laughs, refused="word/document.xml:1: XML entities that expand without bound"),
    "quadratic blowup, 20,000 × 100 KB": Hostile(_quadratic_blowup, refused="XML entities that expand without bound"),
    "100,000 levels of nesting": Hostile(_depth_bomb, refused="XML nested deeper than 256 levels"),
    "250 levels of nesting": Hostile(_deep_but_legal, text=("We decide:", "Nested text.")),
    # Missing, extra and mislabelled parts
    "no word/document.xml": Hostile(_no_document, refused="this zip file has no word/document.xml"),
    "footnotes part missing": Hostile(_missing_footnotes, notice="1 footnote reference(s) point to no footnote",
                                      text=("We decide to act.",)),
    "styles and numbering missing": Hostile(_missing_styles_numbering, notice="2 paragraph(s) refer to list "
                                            "numbering that numbering.xml does not define",
                                            text=("We decide to act.", "We request.")),
    "main document relationship to a missing part": Hostile(_main_document_elsewhere, text=("We decide to act.",)),
    "no [Content_Types].xml": Hostile(_no_content_types, notice="the package has no [Content_Types].xml",
                                      text=("We decide to act.",)),
    "[Content_Types].xml lies": Hostile(_lying_content_types, text=("We decide to act.",)),
    "[Content_Types].xml is garbage": Hostile(_garbage_content_types, text=("We decide to act.",)),
    # Macros, names, links
    "macros (vbaProject.bin, a bomb) and ActiveX": Hostile(_macros, notice="the file holds macros "
                                                           "(word/vbaProject.bin) and 1 ActiveX control(s); "
                                                           "drafttool never runs them and read only the text",
                                                           text=("We decide to act.",)),
    "entries named ../, /, C:/": Hostile(_unsafe_names, notice="5 zip entries with a name outside the package",
                                         text=("We decide to act.",)),
    "external relationships (http, file)": Hostile(_external_relationships,
                                                   notice="1 footnote reference(s) point to no footnote",
                                                   text=("We decide to act, see the report.",)),
    # Size and damage
    "1 MB paragraph in one run": Hostile(_huge_paragraph_one_run, text=("We decide to act and to act",),
                                         seconds=10.0),
    "1 MB paragraph in 100,000 runs": Hostile(_huge_paragraph_many_runs, text=("We decide to **and acts,** and",),
                                              seconds=20.0, megabytes=600.0),
    "a 10 MB text node": Hostile(_text_node_over_limit, refused="an XML text or attribute over 10,000,000 characters"),
    # Deflate has no check but the CRC at the end: the XML parser, fed as it inflates, may
    # stumble on the garbage first.  Either way the file is called damaged.
    "corrupt deflate stream": Hostile(_corrupt_deflate, refused="open it in Word or LibreOffice and save it again"),
    "truncated deflate stream": Hostile(_truncated_deflate, refused="the zip package is damaged: part "
                                        "word/document.xml cannot be unpacked"),
    "bad CRC": Hostile(_bad_crc, refused="cannot be unpacked (Bad CRC-32"),
    "zip-encrypted entry": Hostile(_encrypted, refused="word/document.xml: is encrypted with a zip password"),
    "list starting at 2,000,000,000 in letters": Hostile(_numbering_bomb, text=("Item 0.",), seconds=10.0),
    "w:sym codes out of range": Hostile(_symbol_codes, text=("We decide A now.",)),
    # What a small file makes: copies of a note, labels, the whole round (2 s and 256 MB)
    "a 100 KB footnote referenced 2,000 times": Hostile(_note_referenced(100_000, 2_000), refused=(
        "hostile.docx:paragraph 5: footnote 1 is referenced more than 100 times; Word refers to each footnote once"),
        seconds=2.0, megabytes=256.0),
    "a 100 KB footnote referenced 20,000 times": Hostile(_note_referenced(100_000, 20_000),
                                                         refused="footnote 1 is referenced more than 100 times",
                                                         seconds=5.0, megabytes=256.0),
    "a 1 MB footnote referenced 50,000 times": Hostile(_note_referenced(MB, 50_000), refused=(
        "it would make a text of more than 67,108,864 characters (its notes)"), seconds=5.0, megabytes=256.0),
    "eight 100 KB footnotes referenced 90 times each": Hostile(_notes_over_the_round_limit, refused=(
        "it would make a text of more than 67,108,864 characters (its notes)"), seconds=2.0, megabytes=256.0),
    "a 1 MB w:lvlText on 2,000 numbered paragraphs": Hostile(_long_level_text, refused=(
        "hostile.docx:paragraph 1: its list label (numbering.xml, w:num 1, level 1) would be 1,048,578 characters "
        "long; drafttool reads labels up to 16,000"), seconds=2.0, megabytes=256.0),
    # Joined one by one, each join summing the paragraph so far, it took 46 s: linear now, a
    # second or two, as long as 50,000 plain paragraphs (the budget leaves room for a busy machine).
    "50,000 deleted paragraph marks": Hostile(_deleted_marks, text=("w0 w1 w2 w3",), seconds=10.0, megabytes=256.0),
    # Text that must not go missing
    "a field that begins and never ends": Hostile(_field_never_ended, notice=(
        "1 field(s) begin and never end; the text after them is read as it stands"),
        text=("Paragraph 1.", "Paragraph 2.", "Paragraph 3.")),
    "an imported document (w:altChunk)": Hostile(_alt_chunk, notice="left out 1 imported document(s) (w:altChunk)",
                                                 text=("We decide to act.", "We end.")),
    "part names that differ only in case": Hostile(_names_differing_in_case, notice=(
        "the package has parts whose names differ only in case (word/Document.xml, word/document.xml)"),
        text=("We decide to act.",)),
    # Not a .docx at all
    "a .doc renamed": Hostile(_renamed(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600), refused="old Word 97-2003"),
    "an .odt renamed": Hostile(_renamed(_zip({"mimetype": b"application/vnd.oasis.opendocument.text",
                                              "content.xml": b"<x/>"})), refused="an OpenDocument text (.odt)"),
    "a PDF renamed": Hostile(_renamed(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), refused="this is a PDF file"),
    "an RTF renamed": Hostile(_renamed(b"{\\rtf1\\ansi Hello}"), refused="this is an RTF file"),
    "a web page renamed": Hostile(_renamed(b"<!DOCTYPE html><html><body>Hi</body></html>"),
                                  refused="this is a web page (HTML), not a Word .docx"),
    "a .mht renamed": Hostile(_renamed(b"MIME-Version: 1.0\r\nContent-Type: multipart/related"),
                              refused="a single-file web page (.mht)"),
    "Word 2003 XML renamed": Hostile(_renamed(b'<?xml version="1.0"?><?mso-application progid="Word.Document"?>'
                                              b'<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/'
                                              b'2003/wordml"/>'), refused="a Word 2003 XML document"),
    "flat OPC XML renamed": Hostile(_renamed(b'<?xml version="1.0"?><pkg:package xmlns:pkg="http://schemas.'
                                             b'microsoft.com/office/2006/xmlPackage"/>'),
                                    refused="a Word XML document (flat .xml)"),
    "random bytes": Hostile(_renamed(bytes(range(256)) * 40), refused="not a Word .docx file (it is not a zip"),
}


def test_every_limit_is_a_named_constant_with_its_reason() -> None:
    """The figures the cases below rely on, as limits.py states them."""
    assert (limits.MAX_ENTRIES, limits.MAX_PART_BYTES, limits.MAX_TOTAL_BYTES) == (10_000, 128 * MB, 256 * MB)
    assert (limits.MAX_COMPRESSION_RATIO, limits.RATIO_GRACE_BYTES, limits.MAX_XML_DEPTH) == (500, MB, 256)
    assert set(limits.ALLOWED_METHODS) == {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}


FIGURES: dict[str, tuple[str, Cost]] = {}
"""Outcome and cost of each case, for the table printed by `python tests/test_hostile_docx.py`."""


def run_case(name: str, outside: Outside) -> tuple[Any, Cost, bytes]:
    case = HOSTILE[name]
    data = case.build(outside)
    outcome, cost = measure(watched(lambda: read_docx(data, path="hostile.docx")))
    said = str(outcome) if isinstance(outcome, DrafttoolError) else "read: " + "; ".join(
        n.message for n in outcome.notices)[:120]
    FIGURES[name] = (said, cost)
    return outcome, cost, data


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_word_file_is_refused_or_read_within_bounds(name: str, outside: Outside,
                                                                tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = HOSTILE[name]
    monkeypatch.chdir(tmp_path)
    hits_before = len(outside.hits)
    outcome, cost, _ = run_case(name, outside)
    if case.refused:
        assert isinstance(outcome, InputError), f"read instead of refused: {outcome!r}"
        assert str(outcome).startswith("hostile.docx")
        assert case.refused in str(outcome)
        assert "\n" not in str(outcome)
    else:
        assert isinstance(outcome, Reading), f"refused: {outcome}"
        notices = [str(n) for n in outcome.notices]
        if case.notice:
            assert any(case.notice in n for n in notices), notices
        texts = [q.text for q in outcome.round.paragraphs]
        assert [t[: len(want)] for t, want in zip(texts, case.text)] == list(case.text)
        everything = render_round_json(outcome.round) + "\n".join(notices)
        everything.encode("utf-8")  # writable: no lone surrogate
        assert outside.token not in everything and "Evil" not in everything
    assert cost.seconds < case.seconds, f"{name}: {cost.seconds:.2f} s"
    assert cost.megabytes < case.megabytes, f"{name}: {cost.megabytes:.0f} MB"
    assert len(outside.hits) == hits_before, f"{name}: the network was reached: {outside.hits}"
    assert _WATCHED == [], f"{name}: reached outside the file: {_WATCHED}"
    assert os.listdir(tmp_path) == [], f"{name}: something was written"


def test_a_docm_file_is_read_with_its_macros_ignored(tmp_path: Path, outside: Outside) -> None:
    path = tmp_path / "proposal.docm"
    path.write_bytes(_macros(outside))
    reading = read_document(path)
    assert [q.text for q in reading.round.paragraphs] == ["We decide to act.", "We request a report."]
    assert f"{path}: warning: the file holds macros (word/vbaProject.bin) and 1 ActiveX control(s); drafttool " \
           "never runs them and read only the text" in [str(n) for n in reading.notices]


def test_a_part_that_inflates_past_what_it_declares_is_cut_off_at_the_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    """zipfile stops at the declared size; were it not to, the count of bytes really
    inflated is a second fence."""
    package = limits.Package(fx.zip_parts(PARTS), "x.docx")
    info = package.zip.getinfo("word/document.xml")
    monkeypatch.setattr(package.zip, "open", lambda _info: io.BytesIO(b"\0" * (3 * MB)))
    with pytest.raises(InputError) as raised:
        package.read("word/document.xml")
    assert str(raised.value).startswith("x.docx:word/document.xml: is compressed ")
    assert f"({info.compress_size:,} bytes unpacking to " in str(raised.value)
    assert package.inflated <= limits.RATIO_GRACE_BYTES + 64 * 1024


def test_the_parts_of_one_file_share_a_budget() -> None:
    package = limits.Package(fx.zip_parts(PARTS), "x.docx")
    package.inflated = limits.MAX_TOTAL_BYTES - 100
    with pytest.raises(InputError, match=r"x\.docx:word/document\.xml: would bring the parts read to more than "
                                         r"256 MB unpacked; refused"):
        package.xml("word/document.xml")


def test_layout_parts_are_read_under_the_same_limits() -> None:
    data = raw_zip(parts_entries(PARTS, drop=("word/styles.xml",)) + [zeros_entry("word/styles.xml", 1024 * MB)])
    with pytest.raises(InputError, match="word/styles.xml: would unpack to 1,024 MB"):
        read_docx_layout(data, path="x.docx")


def test_a_numbering_bomb_gives_labels_in_digits() -> None:
    reading = read_docx(_numbering_bomb(None), path="x.docx")  # type: ignore[arg-type]
    labels = [q.label for q in reading.round.paragraphs[:4]]
    assert labels == ["2000000000)", "2000000000)", "2000000000)", "2000000000)"]
    assert max(len(q.label) for q in reading.round.paragraphs) <= 12


def test_symbol_codes_never_put_a_control_or_surrogate_in_the_text() -> None:
    reading = read_docx(_symbol_codes(None), path="x.docx")  # type: ignore[arg-type]
    assert [q.text for q in reading.round.paragraphs] == ["We decide A now."]


def _report() -> None:
    """Each case read in a fresh process, so that its peak memory is its own (freed memory
    reused by the next case would hide it): the input's size, the outcome, the wall time
    and the peak resident memory above the process's before the read."""
    import json
    import subprocess
    import tempfile

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    with tempfile.TemporaryDirectory() as folder:
        secret = Path(folder) / "secret.txt"
        secret.write_text("SECRET-7f3a9c\n", encoding="utf-8")
        where = Outside(server.getsockname()[1], [], secret, "SECRET-7f3a9c")
        print(f"{'case':45} {'input':>10} {'time':>8} {'memory':>9}  outcome")
        for case_name, case in HOSTILE.items():
            built = case.build(where)
            target = Path(folder) / "case.docx"
            target.write_bytes(built)
            found = json.loads(subprocess.run([sys.executable, __file__, "--one", str(target)], check=True,
                                              capture_output=True, text=True).stdout)
            print(f"{case_name:45} {len(built):>10,} {found['seconds']:>7.3f}s {found['megabytes']:>6.1f} MB  "
                  f"{found['outcome'][:100]}")
    server.close()


def _one(target: str) -> None:
    import json

    data = Path(target).read_bytes()
    read_docx(fx.zip_parts(PARTS))  # imports done before measuring
    outcome, cost = measure(lambda: read_docx(data, path="case.docx"))
    if isinstance(outcome, DrafttoolError):
        said = str(outcome).replace("case.docx", "", 1).lstrip(":").strip()
    else:
        said = "read" + "".join(f"; {n.message}" for n in outcome.notices)
    print(json.dumps({"seconds": cost.seconds, "megabytes": cost.megabytes, "outcome": said}))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        _one(sys.argv[2])
    else:
        _report()
