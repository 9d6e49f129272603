"""Build a Word .docx package: the parts, their content types and relationships, the
numbering definitions, footnotes and document properties every writer needs (the styles
and settings are in `styles`).

Takes lxml element trees and plain settings; returns the bytes of a .docx (a zip package,
ECMA-376 Part 2, Open Packaging Conventions).  The writers of drafttool — the clean round,
the compilation text, the comparison and the tracked changes — build
their `w:body` with the element helpers here and hand it to `DocxPackage`, which adds
`[Content_Types].xml`, `_rels/.rels`, `word/_rels/document.xml.rels` and the other parts.

Elements are built with lxml; where a long document repeats a shape thousands of times
(the numbering part here, the tracked writer's paragraphs in `fragments`) it is written as
text that reads byte for byte as lxml serialises the elements, input text always escaped
(`escape_text`, `escape_attribute`).  Text is cleaned of the characters XML 1.0 cannot
hold.  Output is deterministic (fixed zip
timestamps, no creation dates), so rendering twice gives the same bytes.  The names of the
WordprocessingML schema stay in this package (`renderers/docx/`).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from lxml import etree
from lxml.etree import _Element

from drafttool.wordml import NSMAP, PKG_RELS, qn

CT = "http://schemas.openxmlformats.org/package/2006/content-types"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_OFFICE_DOCUMENT = f"{REL}/officeDocument"
REL_STYLES = f"{REL}/styles"
REL_NUMBERING = f"{REL}/numbering"
REL_FOOTNOTES = f"{REL}/footnotes"
REL_SETTINGS = f"{REL}/settings"
REL_FONT_TABLE = f"{REL}/fontTable"
REL_THEME = f"{REL}/theme"
REL_CUSTOM_PROPERTIES = f"{REL}/custom-properties"
REL_CORE_PROPERTIES = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"

_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
CT_DOCUMENT = f"{_WML}.document.main+xml"
CT_STYLES = f"{_WML}.styles+xml"
CT_NUMBERING = f"{_WML}.numbering+xml"
CT_FOOTNOTES = f"{_WML}.footnotes+xml"
CT_SETTINGS = f"{_WML}.settings+xml"
CT_FONT_TABLE = f"{_WML}.fontTable+xml"
CT_THEME = "application/vnd.openxmlformats-officedocument.theme+xml"
CT_CORE_PROPERTIES = "application/vnd.openxmlformats-package.core-properties+xml"
CT_CUSTOM_PROPERTIES = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CT_RELATIONSHIPS = "application/vnd.openxmlformats-package.relationships+xml"

_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Text without the characters XML 1.0 cannot hold (C0 controls but tab, lone surrogates)."""
    return _INVALID_XML.sub("", text) if _INVALID_XML.search(text) else text


_TEXT_SPECIAL = re.compile("[&<>\r]")
_ATTR_SPECIAL = re.compile('[&<>"\r\n\t]')
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#9;"}


def escape_text(text: str) -> str:
    """Text content as libxml2 writes it (for parts written as text, `Numbering.to_xml` and
    `fragments`)."""
    return _TEXT_SPECIAL.sub(_escape, text) if _TEXT_SPECIAL.search(text) else text


def escape_attribute(value: str) -> str:
    """An attribute value as libxml2 writes it between double quotes."""
    return _ATTR_SPECIAL.sub(_escape, value) if _ATTR_SPECIAL.search(value) else value


def _escape(match: re.Match[str]) -> str:
    return _ESCAPES[match.group()]


_TAB, _SPACE, _R, _RPR, _P, _PPR = qn("w:tab"), qn("xml:space"), qn("w:r"), qn("w:rPr"), qn("w:p"), qn("w:pPr")


def make(tag: str, attrs: Mapping[str, str] | None = None, *children: _Element) -> _Element:
    """An element `tag` ('w:p') with attributes given by prefixed names ('w:val').

    Namespaces are declared where the element is appended (lxml reuses the parent's
    prefixes); the root of a part is made with `make_root`.
    """
    element = etree.Element(qn(tag), {qn(k): v for k, v in attrs.items()} if attrs else None)
    if children:
        element.extend(children)
    return element


def make_root(tag: str) -> _Element:
    """The root element of a part ('w:document', 'w:styles'…), declaring the w: and r: prefixes."""
    return etree.Element(qn(tag), nsmap=NSMAP)


def sub(parent: _Element, tag: str, attrs: Mapping[str, str] | None = None) -> _Element:
    """A child element `tag` appended to `parent`."""
    return etree.SubElement(parent, qn(tag), {qn(k): v for k, v in attrs.items()} if attrs else None)


def add_text(run: _Element, text: str, tag: str = "w:t") -> None:
    """Append `w:t` (or `w:delText`) elements holding `text` to a run; a tab becomes `w:tab`.

    `xml:space="preserve"` is set where text starts or ends with white space, or Word
    drops the spaces (ECMA-376 Part 1, 17.3.3.31 t).
    """
    clark = qn(tag)
    text = clean_text(text)
    if "\t" not in text:  # the common case, kept short: long documents call this per run
        if text:
            t = etree.SubElement(run, clark)
            t.text = text
            if text[0].isspace() or text[-1].isspace():
                t.set(_SPACE, "preserve")
        return
    for index, piece in enumerate(text.split("\t")):
        if index:
            etree.SubElement(run, _TAB)
        if piece:
            t = etree.SubElement(run, clark)
            t.text = piece
            if piece[0].isspace() or piece[-1].isspace():
                t.set(_SPACE, "preserve")


@dataclass(frozen=True, slots=True)
class RunFormat:
    """Direct formatting of a run (`w:rPr`)."""

    bold: bool = False
    italic: bool = False
    underline: bool = False
    strike: bool = False
    style: str = ""
    """A character style id: 'FootnoteReference', 'InsertedText'…"""
    rtl: bool = False
    """Right-to-left run (`w:rtl`), for Arabic."""
    east_asian: bool = False
    """East Asian font hint (`w:rFonts w:hint="eastAsia"`), for Chinese."""
    superscript: bool = False
    color: str = ""
    """A font colour (`w:color`, 'RRGGBB'): proposals decided against are greyed."""


_PLAIN = RunFormat()


def run_properties(fmt: RunFormat) -> _Element | None:
    """The `w:rPr` for a format, children in schema order (17.3.2.28), or None if plain."""
    if fmt == _PLAIN:
        return None
    rpr = make("w:rPr")
    if fmt.style:
        sub(rpr, "w:rStyle", {"w:val": fmt.style})
    if fmt.east_asian:
        sub(rpr, "w:rFonts", {"w:hint": "eastAsia"})
    if fmt.bold:
        sub(rpr, "w:b")
        sub(rpr, "w:bCs")  # complex scripts (Arabic) take their bold from bCs
    if fmt.italic:
        sub(rpr, "w:i")
        sub(rpr, "w:iCs")
    if fmt.strike:
        sub(rpr, "w:strike")
    if fmt.color:
        sub(rpr, "w:color", {"w:val": fmt.color})
    if fmt.underline:
        sub(rpr, "w:u", {"w:val": "single"})
    if fmt.superscript:
        sub(rpr, "w:vertAlign", {"w:val": "superscript"})
    if fmt.rtl:
        sub(rpr, "w:rtl")
    return rpr if len(rpr) else None


_RPR_TEMPLATES: dict[RunFormat, _Element | None] = {}
_PPR_TEMPLATES: dict[tuple[object, ...], _Element] = {}
# A long document repeats a handful of formats: their `w:rPr`/`w:pPr` are built once and
# deep-copied (one call into lxml) rather than rebuilt element by element.


def make_run(text: str, fmt: RunFormat = RunFormat(), tag: str = "w:t") -> _Element:
    """A `w:r` holding `text` in format `fmt` (`tag` 'w:delText' for deleted text)."""
    return make_run_like(text, properties_template(fmt), tag)


def properties_template(fmt: RunFormat) -> _Element | None:
    """The `w:rPr` of a format, built once; give it to `make_run_like`, which copies it."""
    if fmt not in _RPR_TEMPLATES:
        _RPR_TEMPLATES[fmt] = run_properties(fmt)
    return _RPR_TEMPLATES[fmt]


def make_run_like(text: str, template: _Element | None, tag: str = "w:t") -> _Element:
    """A `w:r` holding `text` with a copy of the run properties `template` (None: plain)."""
    run = etree.Element(_R)
    if template is not None:
        run.append(template.__copy__())  # lxml copies the whole subtree
    add_text(run, text, tag)
    return run


def make_paragraph(
    style: str = "",
    *,
    num: tuple[int, int] | None = None,
    bidi: bool = False,
    indent: tuple[int, int] | None = None,
    keep_next: bool = False,
) -> _Element:
    """An empty `w:p` with its `w:pPr`: style id, numbering (numId, ilvl), right-to-left,
    indentation (left, hanging) in twentieths of a point; children in schema order (17.3.1.26)."""
    paragraph = etree.Element(_P)
    if not (style or keep_next or num or bidi or indent):
        return paragraph
    key = (style, num, bidi, indent, keep_next)
    if key not in _PPR_TEMPLATES:
        _PPR_TEMPLATES[key] = _paragraph_properties(style, num, bidi, indent, keep_next)
    paragraph.append(_PPR_TEMPLATES[key].__copy__())
    return paragraph


def _paragraph_properties(style: str, num: tuple[int, int] | None, bidi: bool, indent: tuple[int, int] | None,
                          keep_next: bool) -> _Element:
    ppr = etree.Element(_PPR)
    if style:
        sub(ppr, "w:pStyle", {"w:val": style})
    if keep_next:
        sub(ppr, "w:keepNext")
    if num is not None:
        numpr = sub(ppr, "w:numPr")
        sub(numpr, "w:ilvl", {"w:val": str(num[1])})
        sub(numpr, "w:numId", {"w:val": str(num[0])})
    if bidi:
        sub(ppr, "w:bidi")
    if indent is not None:
        sub(ppr, "w:ind", {"w:left": str(indent[0]), "w:hanging": str(indent[1])})
    return ppr


def to_xml(element: _Element) -> bytes:
    """A part's bytes: XML declaration, UTF-8, standalone (as Word writes its parts)."""
    data: bytes = etree.tostring(element, xml_declaration=True, encoding="UTF-8", standalone=True)
    return data


# ---------------------------------------------------------------------------- numbering


@dataclass(frozen=True, slots=True)
class Level:
    """One level of a list definition (`w:lvl`, ECMA-376 17.9.6)."""

    fmt: str
    """`w:numFmt`: 'decimal', 'lowerLetter', 'lowerRoman', 'upperRoman', 'arabicAbjad'…"""
    text: str
    """`w:lvlText`: '%1.', '(%2)', '%3)'; %N is the counter of level N (1-based)."""
    start: int = 1
    left: int = 0
    """Indentation of the text, twentieths of a point."""
    hanging: int = 567
    """How far the number hangs to the left of the text."""


@dataclass
class Numbering:
    """`word/numbering.xml`: abstract list definitions and the `w:num` instances using them.

    Several `w:num` of one `w:abstractNum` share its counters in Word; a `w:num` with a
    `w:lvlOverride/w:startOverride` restarts a level where it is first used — which is how
    UN Word files restart the letters under each chapeau (17.9.8, 17.9.26).
    """

    abstracts: list[Sequence[Level]] = field(default_factory=list)
    nums: list[tuple[int, dict[int, int]]] = field(default_factory=list)

    def add_abstract(self, levels: Sequence[Level]) -> int:
        """Define a list (`w:abstractNum`); returns its abstractNumId."""
        self.abstracts.append(tuple(levels))
        return len(self.abstracts) - 1

    def add_num(self, abstract_id: int, restarts: Mapping[int, int] | None = None) -> int:
        """An instance (`w:num`) of a list, restarting levels ilvl → start; returns its numId."""
        self.nums.append((abstract_id, dict(restarts or {})))
        return len(self.nums)  # numId 0 means "no numbering", so ids start at 1

    def __bool__(self) -> bool:
        return bool(self.nums)

    def to_xml(self) -> bytes:
        # Written as text, as lxml would serialise it: a long document has a `w:num` for
        # each list restarting under a chapeau (1,700 at 20,000 paragraphs), and building
        # their elements one by one cost more than writing the rest of the package.
        out: list[str] = []
        for abstract_id, levels in enumerate(self.abstracts):
            out.append(f'<w:abstractNum w:abstractNumId="{abstract_id}"><w:multiLevelType w:val="multilevel"/>')
            for ilvl, level in enumerate(levels):
                out.append(f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{level.start}"/>'
                           f'<w:numFmt w:val="{escape_attribute(clean_text(level.fmt))}"/>'
                           f'<w:lvlText w:val="{escape_attribute(clean_text(level.text))}"/><w:lvlJc w:val="left"/>'
                           f'<w:pPr><w:ind w:left="{level.left + level.hanging}" w:hanging="{level.hanging}"/>'
                           "</w:pPr></w:lvl>")
            out.append("</w:abstractNum>")
        for num_id, (abstract_id, restarts) in enumerate(self.nums, start=1):
            out.append(f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>')
            for ilvl, start in sorted(restarts.items()):
                out.append(f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>')
            out.append("</w:num>")
        return part_xml("w:numbering", "".join(out))


def part_xml(root: str, inner: str) -> bytes:
    """A part written as text: the XML declaration `to_xml` writes, then the root element
    `root` ('w:numbering') declaring the w: and r: prefixes (`make_root`), holding `inner`."""
    namespaces = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in NSMAP.items())
    start = f"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<{root} {namespaces}"
    return (f"{start}>{inner}</{root}>" if inner else f"{start}/>").encode()


# ---------------------------------------------------------------------------- footnotes


@dataclass
class Footnotes:
    """`word/footnotes.xml`: the separator notes Word requires (ids -1 and 0, named again
    in settings.xml) and the footnote bodies, ids from 1 (ECMA-376 17.11.10)."""

    bodies: dict[int, list[_Element]] = field(default_factory=dict)

    def add(self, paragraphs: list[_Element], footnote_id: int | None = None) -> int:
        """Add a footnote made of these `w:p` (see `footnote_paragraph`) under the given
        w:id, or the next free one; returns its w:id.  Bodies are written in id order."""
        if footnote_id is None:
            footnote_id = max(self.bodies, default=0) + 1
        if footnote_id < 1 or footnote_id in self.bodies:
            raise ValueError(f"footnote id {footnote_id} is taken or reserved")
        self.bodies[footnote_id] = paragraphs
        return footnote_id

    def __bool__(self) -> bool:
        return bool(self.bodies)

    def to_xml(self) -> bytes:
        root = make_root("w:footnotes")
        for footnote_id, kind, mark in ((-1, "separator", "w:separator"), (0, "continuationSeparator", "w:continuationSeparator")):
            note = sub(root, "w:footnote", {"w:type": kind, "w:id": str(footnote_id)})
            paragraph = sub(note, "w:p")
            ppr = sub(paragraph, "w:pPr")
            sub(ppr, "w:spacing", {"w:after": "0", "w:line": "240", "w:lineRule": "auto"})
            sub(sub(paragraph, "w:r"), mark)
        for footnote_id, paragraphs in sorted(self.bodies.items()):
            note = sub(root, "w:footnote", {"w:id": str(footnote_id)})
            note.extend(paragraphs)
        return to_xml(root)


def footnote_reference_run(footnote_id: int, *, custom_mark: str = "", fmt: RunFormat = RunFormat()) -> _Element:
    """A run holding `w:footnoteReference` in the FootnoteReference style; with a custom
    mark ('*'), `w:customMarkFollows` and the mark as text in the same run (17.11.14)."""
    run = make_run_like("", properties_template(RunFormat(bold=fmt.bold, italic=fmt.italic, style="FootnoteReference",
                                                          rtl=fmt.rtl, east_asian=fmt.east_asian)))
    ref = sub(run, "w:footnoteReference", {"w:id": str(footnote_id)})
    if custom_mark:
        ref.set(qn("w:customMarkFollows"), "1")
        add_text(run, custom_mark)
    return run


def footnote_paragraph(*, custom_mark: str = "", bidi: bool = False, rtl: bool = False) -> _Element:
    """The first `w:p` of a footnote body: FootnoteText style, then the mark Word echoes
    (`w:footnoteRef`, or the custom mark as text) and a space; append the text runs to it."""
    key = (custom_mark, bidi, rtl)
    if key not in _FOOTNOTE_STARTS:  # built once, copied for each of a long text's notes
        _FOOTNOTE_STARTS[key] = _footnote_start(custom_mark, bidi, rtl)
    return _FOOTNOTE_STARTS[key].__copy__()


_FOOTNOTE_STARTS: dict[tuple[str, bool, bool], _Element] = {}


def _footnote_start(custom_mark: str, bidi: bool, rtl: bool) -> _Element:
    paragraph = make_paragraph("FootnoteText", bidi=bidi)
    mark_format = RunFormat(style="FootnoteReference", rtl=rtl)
    if custom_mark:
        paragraph.append(make_run(custom_mark, mark_format))
    else:
        run = make_run_like("", properties_template(mark_format))
        sub(run, "w:footnoteRef")
        paragraph.append(run)
    paragraph.append(make_run(" ", RunFormat(rtl=rtl)))
    return paragraph


def section_properties(*, rtl: bool = False) -> _Element:
    """The body's closing `w:sectPr`: A4 paper, 2.5 cm margins."""
    sect = make("w:sectPr")
    sub(sect, "w:pgSz", {"w:w": "11906", "w:h": "16838"})
    sub(sect, "w:pgMar", {"w:top": "1418", "w:right": "1418", "w:bottom": "1418", "w:left": "1418",
                          "w:header": "709", "w:footer": "709", "w:gutter": "0"})
    if rtl:
        sub(sect, "w:bidi")
    return sect


def make_document(body_children: Iterable[_Element], *, rtl: bool = False) -> _Element:
    """`w:document` holding a `w:body` with these block elements and the section properties."""
    document = make_root("w:document")
    body = sub(document, "w:body")
    body.extend(body_children)
    body.append(section_properties(rtl=rtl))
    return document


def core_properties_xml(*, title: str = "", language: str = "", subject: str = "") -> bytes:
    """`docProps/core.xml` (Part 2, 11): title, subject and language; no dates, so that
    output is reproducible."""
    cp = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
    dc = "http://purl.org/dc/elements/1.1/"
    root = etree.Element(f"{{{cp}}}coreProperties", nsmap={"cp": cp, "dc": dc})
    for name, value in (("title", title), ("subject", subject), ("language", language)):
        if value:
            etree.SubElement(root, f"{{{dc}}}{name}").text = clean_text(value)
    return to_xml(root)


def custom_properties_xml(properties: Mapping[str, str]) -> bytes:
    """`docProps/custom.xml`: string properties (drafttool keeps the round's label, date,
    symbol and language there so that its own reader can restore them)."""
    ns = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
    vt = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
    root = etree.Element(f"{{{ns}}}Properties", nsmap={None: ns, "vt": vt})
    for pid, (name, value) in enumerate(properties.items(), start=2):  # pid 2 is the first allowed
        prop = etree.SubElement(root, f"{{{ns}}}property",
                                {"fmtid": "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}", "pid": str(pid), "name": name})
        etree.SubElement(prop, f"{{{vt}}}lpwstr").text = clean_text(value)
    return to_xml(root)


# ---------------------------------------------------------------------------- the package


@dataclass(frozen=True, slots=True)
class _Part:
    name: str
    data: bytes
    content_type: str
    relationship: str
    """Type of the relationship from its source to this part; '' for none."""
    source: str
    """'' for the package (`_rels/.rels`), else the part it is related from."""


@dataclass
class DocxPackage:
    """A .docx being assembled: add parts, then `to_bytes()`.

    `word/document.xml` is related from the package; the other word parts from it.
    Relationship ids are given in order (rId1, rId2…) per source part.
    """

    parts: list[_Part] = field(default_factory=list)

    def add(self, name: str, data: bytes, content_type: str, relationship: str = "", source: str = "") -> None:
        """Add a part by name ('word/styles.xml'), related from `source` by `relationship`."""
        if any(part.name == name for part in self.parts):
            raise ValueError(f"part {name} added twice")
        self.parts.append(_Part(name, data, content_type, relationship, source))

    def add_document(self, document: _Element) -> None:
        self.add("word/document.xml", to_xml(document), CT_DOCUMENT, REL_OFFICE_DOCUMENT)

    def add_word_part(self, name: str, data: bytes, content_type: str, relationship: str) -> None:
        """A part under word/ related from the main document: styles, numbering, footnotes…"""
        self.add(f"word/{name}", data, content_type, relationship, source="word/document.xml")

    def to_bytes(self) -> bytes:
        """The zip package: [Content_Types].xml first, then relationships and parts."""
        types = etree.Element(f"{{{CT}}}Types", nsmap={None: CT})
        etree.SubElement(types, f"{{{CT}}}Default", Extension="rels", ContentType=CT_RELATIONSHIPS)
        etree.SubElement(types, f"{{{CT}}}Default", Extension="xml", ContentType="application/xml")
        for part in self.parts:
            etree.SubElement(types, f"{{{CT}}}Override", PartName="/" + part.name, ContentType=part.content_type)
        files: list[tuple[str, bytes]] = [("[Content_Types].xml", to_xml(types))]
        sources = sorted({part.source for part in self.parts if part.relationship}, key=lambda s: (s != "", s))
        for source in sources:
            rels = etree.Element(f"{{{PKG_RELS}}}Relationships", nsmap={None: PKG_RELS})
            related = [part for part in self.parts if part.relationship and part.source == source]
            for number, part in enumerate(related, start=1):
                folder = source.rpartition("/")[0]
                target = part.name[len(folder) + 1:] if folder and part.name.startswith(folder + "/") else part.name
                etree.SubElement(rels, f"{{{PKG_RELS}}}Relationship", Id=f"rId{number}", Type=part.relationship,
                                 Target=target)
            folder, _, base = source.rpartition("/")
            name = f"{folder}/_rels/{base}.rels" if source else "_rels/.rels"
            files.append((name.lstrip("/"), to_xml(rels)))
        files += [(part.name, part.data) for part in self.parts]
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in files:
                info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
                info.compress_type = zipfile.ZIP_DEFLATED
                # Level 1: a fifth larger than level 6, three times faster to write (a
                # 20,000-paragraph tracked file spent a tenth of its time compressing).
                archive.writestr(info, data, compresslevel=1)
        return buffer.getvalue()
