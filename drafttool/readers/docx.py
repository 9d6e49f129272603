"""Read a Word .docx into a Round: labels computed from Word's numbering, footnotes,
formatting, tracked changes under a stated policy, and comments.

Takes the bytes of a .docx (a zip package of WordprocessingML, ECMA-376); returns a
`Reading`: the Round, notices, every tracked change found, and the comments.

In two steps, as pandoc's Docx reader does (`Readers/Docx/Parse.hs`, then `Docx.hs`):

1. The package becomes a structure that mirrors the file: `_Para`s (style id, numbering,
   the paragraph mark's revisions) holding `_Piece`s (text with bold/italic, footnote
   references, comment markers, each knowing the revisions it belongs to).  Nothing is
   decided yet about accepting or rejecting.
2. A *view* of that structure is taken under the tracked-changes policy (deleted or
   inserted pieces dropped, paragraphs joined where their mark is removed); Word's list
   counters and footnote numbers are computed on that view, as Word would display it;
   then `structure.assemble` makes the paragraph records.

Word features handled:
- paragraphs of the body, in tables too (flattened cell by cell, with a notice), in block
  content controls (`w:sdt`) and custom XML;
- automatic numbering (numbering.xml): `w:abstractNum`/`w:lvl` with `w:start`, `w:numFmt`
  (decimal, decimalZero, lower/upperLetter, lower/upperRoman, arabicAbjad, arabicAlpha,
  hindiNumbers, chineseCounting and its kin, ideographTraditional, russianLower/Upper,
  full-width and enclosed decimals, none, bullet), `w:lvlText`, `w:lvlRestart`, `w:isLgl`,
  a level's `w:pStyle`; `w:num` with `w:lvlOverride` (`w:startOverride`, `w:lvl`);
  `w:numStyleLink`/`w:styleLink`; numbering given by the paragraph or by its style and the
  styles it is based on; `w:numId` 0 (no numbering).  One counter set per abstract list,
  shared by its `w:num`s, as Word keeps them;
- labels typed at the start of the text ('18. ', 'a) ') where there is no numbering;
- headings: `w:outlineLvl` (paragraph or style) or a style named 'heading N'; the Title
  style; paragraphs in drafttool's own 'Masthead <Field>' styles as the masthead;
- footnotes and endnotes (separators skipped), numbered in order of reference from the
  `w:footnotePr` start and format, custom marks (`w:customMarkFollows`: '*');
- bold and italic (`w:b`, `w:i`, and `w:bCs`, `w:iCs` for right-to-left and complex-script
  runs), directly or from a character style; hidden text (`w:vanish`) left out;
- `w:tab`, `w:ptab`, `w:br`, `w:cr` as a space, `w:noBreakHyphen` as U+2011, `w:softHyphen`
  dropped, `w:sym` as its character; hyperlinks, smart tags, inline content controls,
  `w:fldSimple` and complex fields (the result is kept, never the instruction);
- tracked changes: `w:ins`, `w:del`, `w:moveFrom`, `w:moveTo`, inserted and deleted
  paragraph marks, `w:rPrChange` (bold/italic restored when rejecting) and `w:pPrChange`
  (style and numbering restored when rejecting), in the body and in notes;
- comments (comments.xml) with the span they are anchored to;
- drafttool's own document properties (round label, date, symbol, language).

Ignored: headers and footers, text boxes, pictures, charts and equations (counted in a
notice), table-row revisions, section breaks, fonts, sizes, colours, underline, page
layout, footnote numbering that restarts per page or section.

Untrusted files: the package is read only through `limits.Package` (the limits, and why,
are in limits.py): parts are inflated under size, ratio and total limits, only stored or
deflated; a zip of more than 10,000 entries is refused before it is listed; XML is parsed
without entities, DTDs or the network, 256 levels deep at most — a DTD is never loaded, a
notice says that one was there.  Relationships with `TargetMode="External"` are never
followed, names with `..` or a leading `/` are ignored (a notice), and nothing is written
to disk.  Macros (`vbaProject.bin`, as in a .docm) and ActiveX controls are never run nor
even unpacked: the text is read, with a notice.  Labels beyond 32,767 are written in
digits whatever the list's format.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from lxml import etree
from lxml.etree import _Element

from drafttool.text import labels, languages, markup
from drafttool.errors import InputError, Notice
from drafttool.text.labels import Label, LabelSort
from drafttool.text.markup import Run
from drafttool.model import Footnote, Masthead, Round
from drafttool.readers import Comment, Reading, Revision, TrackedChanges, limits
from drafttool.readers.markdown import check_brackets
from drafttool.readers.structure import SourceParagraph, assemble, read_label

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_MATH = "http://schemas.openxmlformats.org/officeDocument/2006/math"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"


_NAMES: dict[str, str] = {}


def _w(local: str) -> str:
    """Clark name of a WordprocessingML element or attribute, built once."""
    name = _NAMES.get(local)
    if name is None:
        name = _NAMES[local] = f"{{{W}}}{local}"
    return name


P, R, T, PPR, RPR, TBL, TR, TC = (_w(n) for n in ("p", "r", "t", "pPr", "rPr", "tbl", "tr", "tc"))
INS, DEL, MOVE_FROM, MOVE_TO = (_w(n) for n in ("ins", "del", "moveFrom", "moveTo"))
VAL, ID = _w("val"), _w("id")
_PASS_THROUGH = {_w(n) for n in ("hyperlink", "smartTag", "customXml", "bdo", "dir", "fldSimple", "sdtContent")}
_IGNORED_INLINE = {_w(n) for n in ("proofErr", "bookmarkStart", "bookmarkEnd", "permStart", "permEnd",
                                   "moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd",
                                   "customXmlInsRangeStart", "customXmlInsRangeEnd", "customXmlDelRangeStart",
                                   "customXmlDelRangeEnd", "sdtPr", "sdtEndPr", "smartTagPr", "customXmlPr")}

_RTL_CHARS = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_TRUE = ("1", "true", "on")


def _on(element: _Element | None) -> bool | None:
    """A toggle property (`w:b`, `w:i`…): None when absent, else its value (17.7.3)."""
    if element is None:
        return None
    value = element.get(VAL)
    return value is None or value.lower() in _TRUE


def _int(value: str | None, default: int | None = None) -> int | None:
    """An integer attribute; outside Word's 32-bit range (a hostile `w:start`), the default."""
    try:
        number = int(value) if value is not None else default
    except ValueError:
        return default
    return number if number is None or -2**31 <= number < 2**31 else default


# ---------------------------------------------------------------------------- the package


class _Package:
    """The zip package: its parts by name, found through the relationships (OPC, Part 2),
    read through `limits.Package` (sizes, ratios, entities and names kept in bounds)."""

    def __init__(self, data: bytes, path: str | None) -> None:
        self.path = path
        _refuse_other_formats(data, path)
        self.safe = limits.Package(data, path)
        self.zip = self.safe.zip
        self.names = self.safe.names
        self.document = self._main_document()
        rels = self._relationships(self.document)
        self.targets = {kind.rsplit("/", 1)[-1]: target for kind, target in rels}

    def _main_document(self) -> str:
        for kind, target in self._relationships(""):
            if kind.endswith("/officeDocument") and target in self.names:
                return target
        if "word/document.xml" in self.names:
            return "word/document.xml"
        raise InputError(f"{_what_zip_is(self.safe, self.names)}; drafttool reads Word .docx files "
                         "(save it as .docx)", path=self.path)

    def _relationships(self, source: str) -> list[tuple[str, str]]:
        """Internal relationships of a part; external ones (`TargetMode="External"`: links,
        attached templates, linked pictures) are never followed, and a target always
        resolves to a name inside the package (`..` cannot climb out of it)."""
        folder, _, base = source.rpartition("/")
        name = f"{folder}/_rels/{base}.rels" if source else "_rels/.rels"
        root = self.xml(name.lstrip("/"))
        if root is None:
            return []
        out = []
        for rel in root.iter(f"{{{_PKG_RELS}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            target = target.lstrip("/") if target.startswith("/") else _join_path(folder, target)
            out.append((rel.get("Type", ""), target))
        return out

    def part(self, kind: str, default: str) -> _Element | None:
        """The part related from the main document by a relationship of this kind."""
        return self.xml(self.targets.get(kind, default))

    def xml(self, name: str) -> _Element | None:
        """A part parsed, or None if the package has no such part."""
        return self.safe.xml(name)

    def notices(self) -> list[Notice]:
        """What the package holds that the reader ignored or found odd: macros, a missing
        `[Content_Types].xml`, names outside the package, DTDs."""
        out = []
        macros = sorted(name for name in self.names if name.lower().rsplit("/", 1)[-1] == "vbaproject.bin")
        controls = sum(1 for name in self.names if name.lower().startswith("word/activex/")
                       and name.lower().endswith(".bin"))
        if macros or controls:
            what = " and ".join(filter(None, [f"macros ({', '.join(macros)})" if macros else "",
                                              f"{controls} ActiveX control(s)" if controls else ""]))
            out.append(Notice(f"the file holds {what}; drafttool never runs them and read only the text",
                              self.path))
        if "[Content_Types].xml" not in self.names:
            out.append(Notice("the package has no [Content_Types].xml, so Word would call it damaged; "
                              "read from its relationships anyway", self.path))
        return out + self.safe.notices


def _join_path(folder: str, target: str) -> str:
    parts = (folder.split("/") if folder else []) + target.split("/")
    out: list[str] = []
    for part in parts:
        if part == "..":
            if out:
                out.pop()
        elif part and part != ".":
            out.append(part)
    return "/".join(out)


def _refuse_other_formats(data: bytes, path: str | None) -> None:
    """Files often renamed .docx by mistake, named for what they really are."""
    if not data:
        raise InputError("the file is empty (0 bytes); it is not a Word .docx file", path=path)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError("this is an old Word 97-2003 .doc file (or a password-protected .docx), not a .docx; "
                         "open it in Word or LibreOffice and save it as .docx without a password", path=path)
    if data.lstrip()[:5] == b"%PDF-":
        raise InputError("this is a PDF file, not a Word .docx; get the .docx, or convert the PDF to text "
                         "(pdftotext) and import the .txt", path=path)
    if data.lstrip()[:5] == b"{\\rtf":
        raise InputError("this is an RTF file, not a Word .docx; open it in Word or LibreOffice and save it "
                         "as .docx", path=path)
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"mime-version:"):
        raise InputError("this is a single-file web page (.mht), not a Word .docx; open it in Word and save it "
                         "as .docx", path=path)
    if head.startswith(b"<"):
        if b"wordml" in head or b"<w:worddocument" in head:
            kind = "a Word 2003 XML document"
        elif b"<pkg:package" in head:
            kind = "a Word XML document (flat .xml)"
        elif b"<html" in head or b"<!doctype html" in head:
            kind = "a web page (HTML)"
        else:
            kind = "an XML or HTML file"
        raise InputError(f"this is {kind}, not a Word .docx (a zip package); open it in Word and save it as .docx",
                         path=path)


def _what_zip_is(package: limits.Package, names: set[str]) -> str:
    if "mimetype" in names and "content.xml" in names:
        try:
            mimetype = (package.read("mimetype", limit=1024) or b"").decode("ascii", "replace").strip()
        except InputError:  # only used to name the kind of file
            mimetype = ""
        kinds = {"text": "an OpenDocument text (.odt)", "spreadsheet": "an OpenDocument spreadsheet (.ods)",
                 "presentation": "an OpenDocument presentation (.odp)"}
        kind = next((v for k, v in kinds.items() if mimetype.endswith(k)), "an OpenDocument")
        return f"this is {kind} file, not a Word .docx"
    if any(name.startswith("xl/") for name in names):
        return "this is an Excel workbook (.xlsx), not a Word .docx"
    if any(name.startswith("ppt/") for name in names):
        return "this is a PowerPoint presentation (.pptx), not a Word .docx"
    return "this zip file has no word/document.xml, so it is not a Word .docx"


# ---------------------------------------------------------------------------- styles


@dataclass(slots=True)
class _Style:
    id: str
    kind: str
    name: str
    based_on: str | None
    num_id: str | None
    ilvl: int | None
    outline: int | None
    bold: bool | None
    italic: bool | None
    bold_cs: bool | None
    italic_cs: bool | None
    hidden: bool | None


class _Styles:
    """styles.xml: what a style says about headings, titles, numbering and bold/italic,
    following `w:basedOn` (17.7.4.3)."""

    def __init__(self, root: _Element | None) -> None:
        self.styles: dict[str, _Style] = {}
        self.default_paragraph: str | None = None
        if root is None:
            return
        for element in root.iterchildren(_w("style")):
            style_id = element.get(_w("styleId"), "")
            kind = element.get(_w("type"), "paragraph")
            name_element = element.find(_w("name"))
            name = (name_element.get(VAL, "") if name_element is not None else "") or style_id
            based = element.find(_w("basedOn"))
            ppr = element.find(PPR)
            rpr = element.find(RPR)
            num_id = ilvl = outline = None
            if ppr is not None:
                numpr = ppr.find(_w("numPr"))
                if numpr is not None:
                    num_id = _attr(numpr.find(_w("numId")))
                    ilvl = _int(_attr(numpr.find(_w("ilvl"))))
                outline = _int(_attr(ppr.find(_w("outlineLvl"))))
            self.styles[style_id] = _Style(
                style_id, kind, name.strip().lower(), based.get(VAL) if based is not None else None,
                num_id, ilvl, outline,
                *(_on(rpr.find(_w(n))) if rpr is not None else None for n in ("b", "i", "bCs", "iCs", "vanish")),
            )
            if kind == "paragraph" and element.get(_w("default"), "").lower() in _TRUE:
                self.default_paragraph = style_id

    def chain(self, style_id: str | None) -> Iterator[_Style]:
        seen: set[str] = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            yield style
            style_id = style.based_on

    def paragraph_style(self, style_id: str | None) -> str | None:
        return style_id if style_id in self.styles else self.default_paragraph

    def numbering(self, style_id: str | None) -> tuple[str | None, int | None]:
        num_id = ilvl = None
        for style in self.chain(style_id):
            num_id = num_id if num_id is not None else style.num_id
            ilvl = ilvl if ilvl is not None else style.ilvl
        return num_id, ilvl

    def outline(self, style_id: str | None) -> int | None:
        """Heading level, 0 for Heading 1: the style's outline level, or its name."""
        for style in self.chain(style_id):
            if style.outline is not None:
                return style.outline if style.outline < 9 else None
            match = re.fullmatch(r"heading\s*([1-9])", style.name)
            if match:
                return int(match.group(1)) - 1
        return None

    def is_title(self, style_id: str | None) -> bool:
        return any(style.name == "title" for style in self.chain(style_id))

    def masthead_field(self, style_id: str | None) -> str | None:
        style = self.styles.get(style_id or "")
        if style is None or not style.name.startswith("masthead "):
            return None
        name = style.name[len("masthead "):].strip().replace(" ", "_")
        return name if name in _MASTHEAD_FIELDS else None

    def run_toggles(self, style_id: str | None) -> tuple[bool | None, ...]:
        """(bold, italic, bold_cs, italic_cs, hidden) that a character style gives, or None each."""
        values: list[bool | None] = [None] * 5
        for style in self.chain(style_id):
            for index, value in enumerate((style.bold, style.italic, style.bold_cs, style.italic_cs, style.hidden)):
                if values[index] is None:
                    values[index] = value
        return tuple(values)


_MASTHEAD_FIELDS = {"organ", "symbol", "distribution", "date", "language", "original", "body", "session",
                    "venue", "agenda_item", "agenda_title", "other"}


def _attr(element: _Element | None, name: str = VAL) -> str | None:
    return element.get(name) if element is not None else None


# ---------------------------------------------------------------------------- numbering


@dataclass(frozen=True, slots=True)
class _Level:
    """A list level (`w:lvl`, 17.9.6)."""

    start: int = 1
    fmt: str = "decimal"
    text: str | None = None
    restart: int | None = None
    """`w:lvlRestart`: 1-based level whose use restarts this one; 0 never; None the one above."""
    legal: bool = False
    style: str | None = None


def _read_level(element: _Element, base: _Level | None = None) -> _Level:
    base = base or _Level()
    text_element = element.find(_w("lvlText"))
    return _Level(
        start=_int(_attr(element.find(_w("start"))), base.start) or 0,
        fmt=_attr(element.find(_w("numFmt"))) or base.fmt,
        text=text_element.get(VAL, "") if text_element is not None else base.text,
        restart=_int(_attr(element.find(_w("lvlRestart"))), base.restart),
        legal=bool(_on(element.find(_w("isLgl")))) or base.legal,
        style=_attr(element.find(_w("pStyle"))) or base.style,
    )


@dataclass(slots=True)
class _Num:
    abstract: str
    starts: dict[int, int]
    """`w:startOverride` per level."""
    levels: dict[int, _Level]
    """Levels redefined by `w:lvlOverride/w:lvl`."""


class _NumberingDefinitions:
    """numbering.xml: abstract lists and the `w:num` instances paragraphs point at (17.9)."""

    def __init__(self, root: _Element | None, styles: _Styles) -> None:
        self.abstracts: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, _Num] = {}
        style_links: dict[str, str] = {}
        num_style_links: dict[str, str] = {}
        if root is None:
            return
        for element in root.iterchildren(_w("abstractNum")):
            abstract_id = element.get(_w("abstractNumId"), "")
            self.abstracts[abstract_id] = {
                _int(lvl.get(_w("ilvl")), 0) or 0: _read_level(lvl) for lvl in element.iterchildren(_w("lvl"))
            }
            if (link := _attr(element.find(_w("styleLink")))) is not None:
                style_links[link] = abstract_id
            if (link := _attr(element.find(_w("numStyleLink")))) is not None:
                num_style_links[abstract_id] = link
        for element in root.iterchildren(_w("num")):
            num = _Num(_attr(element.find(_w("abstractNumId"))) or "", {}, {})
            for override in element.iterchildren(_w("lvlOverride")):
                ilvl = _int(override.get(_w("ilvl")), 0) or 0
                start = _int(_attr(override.find(_w("startOverride"))))
                if start is not None:
                    num.starts[ilvl] = start
                lvl = override.find(_w("lvl"))
                if lvl is not None:
                    num.levels[ilvl] = _read_level(lvl, self.abstracts.get(num.abstract, {}).get(ilvl))
            self.nums[element.get(_w("numId"), "")] = num
        # An abstract list that only names a numbering style takes the levels of the list
        # that style points at (w:numStyleLink → style → w:numId → w:styleLink, 17.9.21).
        for abstract_id, style_id in num_style_links.items():
            linked_num, _ = styles.numbering(style_id)
            target = self.nums.get(linked_num or "")
            source = target.abstract if target else style_links.get(style_id)
            if source and source != abstract_id and source in self.abstracts:
                self.abstracts[abstract_id] = self.abstracts[source]

    def level(self, num_id: str, ilvl: int) -> _Level | None:
        num = self.nums.get(num_id)
        if num is None:
            return None
        return num.levels.get(ilvl) or self.abstracts.get(num.abstract, {}).get(ilvl)

    def level_of_style(self, num_id: str, style_id: str | None) -> int | None:
        """The level whose `w:pStyle` is this paragraph style (17.9.22)."""
        num = self.nums.get(num_id)
        if num is None or not style_id:
            return None
        for ilvl, level in sorted(self.abstracts.get(num.abstract, {}).items()):
            if level.style == style_id:
                return ilvl
        return None


@dataclass(frozen=True, slots=True)
class _Numbered:
    """What Word displays before a numbered paragraph."""

    text: str
    fmt: str
    value: int


class _Counters:
    """List counters while walking one view of the document, as Word keeps them: one set
    per abstract list, a level's use resetting the levels below it (17.9.10 lvlRestart), a
    `w:num`'s start overrides applied where that num is first used."""

    def __init__(self, definitions: _NumberingDefinitions) -> None:
        self.definitions = definitions
        self.values: dict[str, list[int | None]] = {}
        self.used: set[str] = set()

    def next(self, num_id: str, ilvl: int) -> _Numbered | None:
        definitions = self.definitions
        num = definitions.nums.get(num_id)
        level = definitions.level(num_id, ilvl)
        if num is None or level is None:
            return None
        values = self.values.setdefault(num.abstract, [None] * 9)
        if num_id not in self.used:
            self.used.add(num_id)
            for override_level, start in num.starts.items():
                if 0 <= override_level < 9:
                    values[override_level] = start - 1
        current = values[ilvl]
        values[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            if values[deeper] is None:
                continue  # nothing to reset
            deeper_level = definitions.level(num_id, deeper)
            restart = deeper_level.restart if deeper_level and deeper_level.restart is not None else deeper
            if restart > deeper:
                restart = deeper  # a restart level below this one is ignored (17.9.10)
            if restart != 0 and ilvl < restart:
                values[deeper] = None
        if level.fmt == "bullet":
            return _Numbered(level.text or "", "bullet", 0)

        def placeholder(match: re.Match[str]) -> str:
            index = int(match.group(1)) - 1
            other = definitions.level(num_id, index)
            if other is None:
                return ""
            value = values[index]
            value = other.start if value is None else value
            fmt = "decimal" if level.legal and other.fmt not in ("none", "bullet") else other.fmt
            return format_number(value, fmt)

        text = re.sub(r"%([1-9])", placeholder, level.text if level.text is not None else f"%{ilvl + 1}.")
        return _Numbered(text.strip(), level.fmt, values[ilvl] or 0)


_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_ZODIAC = "子丑寅卯辰巳午未申酉戌亥"
_ARABIC_ALPHA = ("أ", "ب", "ت", "ث", "ج", "ح", "خ", "د", "ذ", "ر", "ز", "س", "ش", "ص", "ض", "ط", "ظ", "ع", "غ",
                 "ف", "ق", "ك", "ل", "م", "ن", "هـ", "و", "ي")
_RUSSIAN = "абвгдежзиклмнопрстуфхцчшщэюя"
_LETTER_FORMATS = {"lowerLetter", "upperLetter", "arabicAbjad", "arabicAlpha", "chineseCounting",
                   "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand", "japaneseCounting",
                   "ideographLegalTraditional", "chineseLegalSimplified", "ideographDigital", "ideographTraditional",
                   "ideographZodiac", "russianLower", "russianUpper"}
_NUMBER_FORMATS = {"decimal", "decimalZero", "hindiNumbers", "decimalFullWidth", "decimalFullWidth2",
                   "decimalHalfWidth", "decimalEnclosedParen", "decimalEnclosedFullstop", "decimalEnclosedCircle",
                   "decimalEnclosedCircleChinese", "ordinal", "cardinalText", "ordinalText", "arabicAbjadNumbers"}


def format_number(value: int, fmt: str) -> str:
    """A list counter as Word writes it in number format `fmt` (ST_NumberFormat, 17.18.59)."""
    if fmt in ("none", "bullet"):
        return ""
    if (value <= 0 or value > limits.MAX_LIST_NUMBER) and fmt not in ("decimal", "decimalZero"):
        return str(value)  # letters for 2,000,000,000 would be 77 million of them
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt in ("lowerLetter", "upperLetter"):
        return labels.to_letters(value, upper=fmt == "upperLetter")
    if fmt in ("lowerRoman", "upperRoman"):
        return labels.to_roman(value, upper=fmt == "upperRoman")
    if fmt == "arabicAbjad":
        return _repeat(labels.ABJAD, value)
    if fmt == "arabicAlpha":
        return _repeat(_ARABIC_ALPHA, value)
    if fmt == "hindiNumbers":
        return str(value).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(value).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalEnclosedParen" and value <= 20:
        return chr(0x2474 + value - 1)
    if fmt == "decimalEnclosedFullstop" and value <= 20:
        return chr(0x2488 + value - 1)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and value <= 20:
        return chr(0x2460 + value - 1)
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "japaneseCounting",
               "taiwaneseCountingThousand", "ideographLegalTraditional", "chineseLegalSimplified") and value < 100:
        return labels.to_chinese(value)
    if fmt == "ideographDigital":
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(value))
    if fmt == "ideographTraditional":
        return _HEAVENLY_STEMS[(value - 1) % 10]
    if fmt == "ideographZodiac":
        return _ZODIAC[(value - 1) % 12]
    if fmt in ("russianLower", "russianUpper"):
        letter = _RUSSIAN[(value - 1) % len(_RUSSIAN)] * ((value - 1) // len(_RUSSIAN) + 1)
        return letter.upper() if fmt == "russianUpper" else letter
    return str(value)


def _repeat(letters: tuple[str, ...], value: int) -> str:
    return letters[(value - 1) % len(letters)] * ((value - 1) // len(letters) + 1)


def _readings(numbered: _Numbered) -> tuple[Label | None, Label | None]:
    """The label Word computed, read by its level's number format rather than its text."""
    fmt, text, value = numbered.fmt, numbered.text, numbered.value
    if not 0 < value <= limits.MAX_LIST_NUMBER:
        return read_label(text)[2]  # written in digits (`format_number`): ids in letters would be millions long
    if fmt in ("lowerRoman", "upperRoman"):
        return None, Label(text, LabelSort.ROMAN, value, upper=fmt == "upperRoman")
    if fmt in _NUMBER_FORMATS:
        return Label(text, LabelSort.NUMBER, value), None
    if fmt in _LETTER_FORMATS:
        return Label(text, LabelSort.LETTER, value, upper=fmt in ("upperLetter", "russianUpper")), None
    return read_label(text)[2]  # 'none' with a literal text, or a format we do not know


# ---------------------------------------------------------------------------- the file's structure


@dataclass(eq=False, slots=True)
class _Change:
    """One revision element of the file (`w:ins`, `w:del`, `w:rPrChange`…)."""

    kind: str
    """'insert', 'delete' or 'format'."""
    author: str
    date: str
    revision_id: str
    move: bool = False
    paragraph_mark: bool = False
    texts: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Piece:
    """Inline content: a stretch of text, a note reference, or a comment marker."""

    text: str = ""
    bold: bool = False
    italic: bool = False
    old_format: tuple[bool, bool] | None = None
    """(bold, italic) before a `w:rPrChange`; None when the format was not changed."""
    note: str | None = None
    """`w:id` of the footnote (or endnote) referred to."""
    endnote: bool = False
    mark: str = ""
    """A custom footnote mark ('*')."""
    comment: tuple[str, str] | None = None
    """('start' | 'end' | 'reference', comment id)."""
    inserted: _Change | None = None
    deleted: _Change | None = None
    formatted: _Change | None = None


@dataclass(frozen=True, slots=True)
class _Props:
    """What a paragraph's `w:pPr` says: its style, numbering and outline level."""

    style: str | None = None
    num_id: str | None = None
    ilvl: int | None = None
    outline: int | None = None


@dataclass(slots=True)
class _Para:
    props: _Props
    old_props: _Props | None
    pieces: list[_Piece]
    mark_inserted: _Change | None
    mark_deleted: _Change | None
    number: int
    """Position among the part's paragraphs, 1-based, for messages."""
    in_table: bool = False
    props_change: _Change | None = None
    ppr: _Element | None = None
    """The `w:pPr` element itself, for `read_docx_layout`."""


@dataclass
class _Counts:
    """What the reader met and left out or flattened, for notices."""

    tables: int = 0
    pictures: int = 0
    text_boxes: int = 0
    equations: int = 0
    hidden: int = 0
    bullets: int = 0


class _Parser:
    """Step 1: WordprocessingML elements → `_Para`s and `_Piece`s, revisions collected."""

    def __init__(self, styles: _Styles) -> None:
        self.styles = styles
        self.changes: list[_Change] = []
        self.counts = _Counts()
        self.fields: list[str] = []
        self.pending_mark: _Piece | None = None

    # -- blocks

    def blocks(self, container: _Element, in_table: bool = False) -> list[_Para]:
        """The paragraphs of a body, note or comment, in order, tables flattened."""
        out: list[_Para] = []
        self._blocks(container, in_table, out)
        return out

    def _blocks(self, container: _Element, in_table: bool, out: list[_Para]) -> None:
        for child in container:
            tag = child.tag
            if tag == P:
                out.append(self.paragraph(child, len(out) + 1, in_table))
            elif tag == TBL:
                self.counts.tables += 0 if in_table else 1
                for row in _children(child, TR):
                    for cell in _children(row, TC):
                        self._blocks(cell, True, out)
            elif tag in (_w("sdt"), _w("customXml")):
                content = child.find(_w("sdtContent")) if tag == _w("sdt") else child
                if content is not None:
                    self._blocks(content, in_table, out)
            elif tag in (INS, DEL, MOVE_FROM, MOVE_TO):
                self._blocks(child, in_table, out)  # rare block-level wrappers: read through

    # -- a paragraph

    def paragraph(self, element: _Element, number: int, in_table: bool = False) -> _Para:
        ppr = element.find(PPR)
        props = _props(ppr)
        old_props = props_change = mark_inserted = mark_deleted = None
        if ppr is not None:
            change = ppr.find(_w("pPrChange"))
            if change is not None:
                props_change = self._change(change, "format")
                old = change.find(PPR)
                old_props = _props(old) if old is not None else _Props()
        pieces: list[_Piece] = []
        self.pending_mark = None
        self._inline(element, pieces, None, None)
        mark = ppr.find(RPR) if ppr is not None else None
        if mark is not None:  # revisions of the paragraph mark itself (17.13.5.15, 17.13.5.16)
            for tag, kind in ((INS, "insert"), (MOVE_TO, "insert"), (DEL, "delete"), (MOVE_FROM, "delete")):
                found = mark.find(tag)
                if found is not None:
                    made = self._change(found, kind, move=tag in (MOVE_TO, MOVE_FROM), paragraph_mark=True)
                    made.texts.append("\n")
                    if kind == "insert":
                        mark_inserted = made
                    else:
                        mark_deleted = made
        return _Para(props, old_props, pieces, mark_inserted, mark_deleted, number, in_table, props_change, ppr)

    def _change(self, element: _Element, kind: str, *, move: bool = False, paragraph_mark: bool = False) -> _Change:
        change = _Change(kind, element.get(_w("author"), ""), element.get(_w("date"), ""), element.get(ID, ""),
                         move, paragraph_mark)
        self.changes.append(change)
        return change

    def _inline(self, container: _Element, out: list[_Piece], inserted: _Change | None, deleted: _Change | None) -> None:
        for child in container:
            tag = child.tag
            if not isinstance(tag, str) or tag == PPR or tag in _IGNORED_INLINE:
                continue
            if tag == R:
                self._run(child, out, inserted, deleted)
            elif tag in (INS, MOVE_TO):
                self._inline(child, out, self._change(child, "insert", move=tag == MOVE_TO), deleted)
            elif tag in (DEL, MOVE_FROM):
                self._inline(child, out, inserted, self._change(child, "delete", move=tag == MOVE_FROM))
            elif tag in _PASS_THROUGH:
                self._inline(child, out, inserted, deleted)
            elif tag == _w("sdt"):
                content = child.find(_w("sdtContent"))
                if content is not None:
                    self._inline(content, out, inserted, deleted)
            elif tag in (_w("commentRangeStart"), _w("commentRangeEnd")):
                kind = "start" if tag.endswith("Start") else "end"
                out.append(_Piece(comment=(kind, child.get(ID, ""))))
            elif tag.startswith(f"{{{_MATH}}}"):
                self.counts.equations += 1
            elif tag == f"{{{_MC}}}AlternateContent":
                self._count_objects(child)

    def _run(self, run: _Element, out: list[_Piece], inserted: _Change | None, deleted: _Change | None) -> None:
        rpr = run.find(RPR)
        toggles = self._toggles(rpr)
        old_toggles = formatted = None
        if rpr is not None:
            change = rpr.find(_w("rPrChange"))
            if change is not None:
                formatted = self._change(change, "format")
                old_toggles = self._toggles(change.find(RPR))
        complex_script = rpr is not None and (bool(_on(rpr.find(_w("rtl")))) or bool(_on(rpr.find(_w("cs")))))
        hidden = bool(toggles[4])
        if hidden:
            self.counts.hidden += 1

        def add(text: str) -> None:
            if hidden:
                return
            if self.fields and any(state != "result" for state in self.fields):
                return  # a field's instruction (or a field nested inside one) is never shown
            if self.pending_mark is not None:
                self.pending_mark.mark += text
                self.pending_mark = None
                return
            complex_text = complex_script or bool(_RTL_CHARS.search(text))
            bold, italic = _pick(toggles, complex_text)
            old = _pick(old_toggles, complex_text) if old_toggles is not None else None
            piece = _Piece(text, bold, italic, old, inserted=inserted, deleted=deleted, formatted=formatted)
            for change in (inserted, deleted, formatted):
                if change is not None:
                    change.texts.append(text)
            out.append(piece)

        for child in run:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            local = _LOCAL.get(tag)
            if local is None:
                local = _LOCAL[tag] = tag[len(W) + 2:] if tag.startswith(f"{{{W}}}") else ""
            if local in ("t", "delText"):
                if child.text:
                    add(child.text)
            elif local in ("tab", "ptab", "br", "cr"):
                add(" ")
            elif local == "noBreakHyphen":
                add("\u2011")
            elif local == "sym":
                char = _symbol(child)
                if char:
                    add(char)
            elif local in ("footnoteReference", "endnoteReference"):
                if hidden or self.fields and any(state != "result" for state in self.fields):
                    continue
                bold, italic = _pick(toggles, complex_script)
                piece = _Piece(bold=bold, italic=italic, note=child.get(ID, ""), endnote=local == "endnoteReference",
                               inserted=inserted, deleted=deleted)
                out.append(piece)
                if (child.get(_w("customMarkFollows")) or "").lower() in _TRUE:
                    self.pending_mark = piece  # the mark is the text that follows (17.11.14)
            elif local == "commentReference":
                out.append(_Piece(comment=("reference", child.get(ID, ""))))
            elif local == "fldChar":
                kind = child.get(_w("fldCharType"))
                if kind == "begin":
                    self.fields.append("instruction")
                elif kind == "separate" and self.fields:
                    self.fields[-1] = "result"
                elif kind == "end" and self.fields:
                    self.fields.pop()
            elif local in ("drawing", "pict", "object") or tag == f"{{{_MC}}}AlternateContent":
                self._count_objects(child)

    def _count_objects(self, element: _Element) -> None:
        if any(True for _ in element.iter(_w("txbxContent"))):
            self.counts.text_boxes += 1
        else:
            self.counts.pictures += 1

    def _toggles(self, rpr: _Element | None) -> tuple[bool | None, ...]:
        """(bold, italic, bold_cs, italic_cs, hidden): direct formatting, else the character style."""
        if rpr is None:
            return _NO_TOGGLES
        direct: list[bool | None] = [None] * 5
        style = None
        for child in rpr:  # one pass over the properties: long documents have a run per word
            index = _TOGGLES.get(child.tag)
            if index is not None:
                direct[index] = _on(child)
            elif child.tag == _RSTYLE:
                style = child.get(VAL)
        if style is None:
            return tuple(direct)
        from_style = self.styles.run_toggles(style)
        return tuple(d if d is not None else s for d, s in zip(direct, from_style))


_LOCAL: dict[str, str] = {}
"""Clark name → local name of a run's children in the w: namespace ('' for others)."""


def _children(element: _Element, tag: str) -> Iterator[_Element]:
    """Rows of a table (or cells of a row), also those wrapped in content controls."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in (_w("sdt"), _w("customXml")):
            content = child.find(_w("sdtContent")) if child.tag == _w("sdt") else child
            if content is not None:
                yield from _children(content, tag)


_TOGGLES = {_w(name): index for index, name in enumerate(("b", "i", "bCs", "iCs", "vanish"))}
_NO_TOGGLES: tuple[bool | None, ...] = (None,) * 5
_RSTYLE = _w("rStyle")


def _pick(toggles: tuple[bool | None, ...], complex_script: bool) -> tuple[bool, bool]:
    """Bold and italic of a run: complex-script text (Arabic) takes `w:bCs`/`w:iCs` (17.3.2.2)."""
    bold, italic, bold_cs, italic_cs = toggles[:4]
    if complex_script:
        return bool(bold_cs if bold_cs is not None else bold), bool(italic_cs if italic_cs is not None else italic)
    return bool(bold), bool(italic)


_SYMBOL_FONT = dict(zip(range(0x41, 0x5B), "ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ")) | dict(
    zip(range(0x61, 0x7B), "αβχδεφγηιϕκλμνοπθρστυϖωξψζ")) | {0xB7: "•", 0xBE: "—", 0xD7: "×", 0x2D: "−", 0xB0: "°",
                                                            0xB1: "±", 0xA3: "≤", 0xB3: "≥", 0xB9: "≠", 0xAE: "→"}


def _symbol(element: _Element) -> str:
    """The character of a `w:sym` (17.3.3.30): Symbol-font codes mapped, others as given."""
    value = element.get(_w("char"), "")
    try:
        code = int(value, 16) if len(value) <= 8 else -1
    except ValueError:
        return ""
    font = (element.get(_w("font")) or "").lower()
    if 0xF000 <= code <= 0xF0FF:
        code -= 0xF000
    if font == "symbol":
        return _SYMBOL_FONT.get(code, chr(code) if 0x20 <= code < 0x7F else "")
    if font.startswith(("wingdings", "webdings")):
        return ""
    # A character XML itself could hold (ST_ShortHexNumber is two bytes, but a file may say
    # anything): never a control, a surrogate or a noncharacter, which no writer accepts.
    if code < 0x20 or 0x7F <= code < 0xA0 or 0xD800 <= code < 0xE000 or code > 0x10FFFF or code & 0xFFFE == 0xFFFE \
            or 0xFDD0 <= code <= 0xFDEF:
        return ""
    return chr(code)


def _props(ppr: _Element | None) -> _Props:
    if ppr is None:
        return _NO_PROPS
    style = num_id = ilvl = outline = None
    for child in ppr:  # one pass over the properties
        tag = child.tag
        if tag == _PSTYLE:
            style = child.get(VAL)
        elif tag == _NUMPR:
            for part in child:
                if part.tag == _NUMID:
                    num_id = part.get(VAL)
                elif part.tag == _ILVL:
                    ilvl = _int(part.get(VAL))
        elif tag == _OUTLINE:
            outline = _int(child.get(VAL))
    if style is num_id is ilvl is outline is None:
        return _NO_PROPS
    return _Props(style, num_id, ilvl, outline)


_NO_PROPS = _Props()
_PSTYLE, _NUMPR, _NUMID, _ILVL, _OUTLINE = (_w(n) for n in ("pStyle", "numPr", "numId", "ilvl", "outlineLvl"))


# ---------------------------------------------------------------------------- step 2: views


@dataclass(slots=True)
class _ViewPara:
    """A paragraph as displayed under a policy: the pieces kept, and where each revision
    falls in its text (offset in the plain text before labels are taken off)."""

    props: _Props
    pieces: list[_Piece]
    number: int
    in_table: bool
    anchors: list[tuple[_Change, int]] = field(default_factory=list)
    ppr: _Element | None = None
    """The `w:pPr` of the paragraph whose mark ends it (the mark holds the properties)."""


def _view(paras: list[_Para], accept: bool) -> list[_ViewPara]:
    """The paragraphs with every change accepted (or rejected): a paragraph whose mark is
    removed joins the next one, which keeps its own properties (the mark holds them, and
    ECMA-376 17.13.5.15 combines the contents with the following paragraph)."""
    out: list[_ViewPara] = []
    carried: _ViewPara | None = None
    for para in paras:
        props = para.props if accept or para.old_props is None else para.old_props
        current = carried or _ViewPara(props, [], para.number, para.in_table)
        current.props = props
        current.ppr = para.ppr
        offset = sum(len(p.text) for p in current.pieces)
        if para.props_change is not None:
            current.anchors.append((para.props_change, offset))
        for piece in para.pieces:
            kept = (piece.deleted is None) if accept else (piece.inserted is None)
            for change in (piece.inserted, piece.deleted, piece.formatted):
                if change is not None:
                    current.anchors.append((change, offset))
            if kept:
                if not accept and piece.old_format is not None:
                    piece = _Piece(piece.text, *piece.old_format, note=piece.note, endnote=piece.endnote,
                                   mark=piece.mark, comment=piece.comment)
                current.pieces.append(piece)
                offset += len(piece.text)
        removed = para.mark_deleted if accept else para.mark_inserted
        for change in (para.mark_inserted, para.mark_deleted):
            if change is not None:
                current.anchors.append((change, offset))
        if removed is not None:
            carried = current
        else:
            out.append(current)
            carried = None
    if carried is not None:
        out.append(carried)
    return out


@dataclass(slots=True)
class _Note:
    """A footnote or endnote body as read under the policy."""

    pieces: list[_Piece]
    anchors: list[tuple[_Change, int]]


def _note_view(paras: list[_Para], accept: bool) -> _Note:
    """A note's paragraphs under the policy, joined by spaces into one text."""
    pieces: list[_Piece] = []
    anchors: list[tuple[_Change, int]] = []
    offset = 0
    for index, view in enumerate(_view(paras, accept)):
        if index and pieces:
            pieces.append(_Piece(" "))
            offset += 1
        anchors += [(change, offset + at) for change, at in view.anchors]
        pieces += view.pieces
        offset += sum(len(p.text) for p in view.pieces)
    return _Note(pieces, anchors)


def _footnote_id(label: str, prefix: str, taken: set[str]) -> str:
    """'fn-1', 'fn-star' (from '*'), as the Markdown reader names them; '-2' if taken."""
    base = f"{prefix}-" + ("star" * len(label) if label and set(label) == {"*"}
                           else re.sub(r"[^\w]+", "-", label).strip("-") or "x")
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _strip_mark(pieces: list[_Piece], mark: str) -> list[_Piece]:
    """A note body without the leading custom mark Word echoes and the spaces after it."""
    out = [p for p in pieces]
    if mark:
        text = "".join(p.text for p in out if p.note is None and p.comment is None)
        if text.lstrip().startswith(mark):
            out = _drop_prefix(out, len(text) - len(text.lstrip()) + len(mark))
    text = "".join(p.text for p in out)
    return _drop_prefix(out, len(text) - len(text.lstrip()))


def _drop_prefix(pieces: list[_Piece], count: int) -> list[_Piece]:
    out: list[_Piece] = []
    for piece in pieces:
        if count and piece.text:
            cut = min(count, len(piece.text))
            count -= cut
            if cut == len(piece.text):
                continue
            piece = _Piece(piece.text[cut:], piece.bold, piece.italic, note=piece.note, mark=piece.mark)
        out.append(piece)
    return out


def _runs(pieces: list[_Piece], note_ids: dict[int, str]) -> list[Run]:
    runs: list[Run] = []
    for piece in pieces:
        if piece.note is not None:
            note_id = note_ids.get(id(piece))
            if note_id:
                runs.append(Run("", piece.italic, piece.bold, footnote=note_id))
        elif piece.text:
            runs.append(Run(piece.text, piece.italic, piece.bold))
    return runs


# ---------------------------------------------------------------------------- the reader


def read_docx(
    data: bytes,
    *,
    path: str | None = None,
    label: str = "",
    language: str = "",
    tracked_changes: TrackedChanges = TrackedChanges.ACCEPT,
) -> Reading:
    """Read a Word .docx (`w:document`, its numbering, styles, footnotes, comments) into a Round.

    `tracked_changes` says which text is read: every change accepted, or rejected (also
    for PROPOSALS).  Whatever the policy, `Reading.revisions` lists every revision of the
    file in document order (body, then notes): kind 'insert' or 'delete' (a move is a
    deletion and an insertion), or 'format' for `w:rPrChange`/`w:pPrChange`; its text is
    plain, '\n' for a paragraph mark; `paragraph` and `offset` place it in the returned
    round — the paragraph or footnote id and the offset in its plain text, label off —
    or are '' and 0 when it fell in the masthead or an empty paragraph.
    """
    return _read_docx(data, path, label, language, tracked_changes)[0]


@dataclass(frozen=True, slots=True)
class DocxLayout:
    """How a .docx lays out the paragraphs of the round read from it, for writers that
    rebuild the file: the tracked-changes writer keeps an old round's styles, numbering
    and paragraph properties.  A side table beside the `Reading`, not part of the model."""

    properties: dict[str, _Element | None]
    """Paragraph record id → the `w:pPr` of the paragraph in the file (None when it has
    none): style, numbering, indentation.  The element of the parsed file: copy it."""
    typed_labels: frozenset[str]
    """Ids of the paragraphs whose label is typed in their text rather than numbered by Word."""
    parts: dict[str, bytes]
    """The file's word/styles.xml, numbering.xml, settings.xml, fontTable.xml and
    theme/theme1.xml, by those names, where it has them."""
    section: _Element | None = None
    """The body's last `w:sectPr` (page size and margins)."""


LAYOUT_PARTS = {"styles.xml": "styles", "numbering.xml": "numbering", "settings.xml": "settings",
                "fontTable.xml": "fontTable", "theme/theme1.xml": "theme"}
"""Parts kept by `read_docx_layout`: file name under word/ → relationship type (last segment)."""


def read_docx_layout(data: bytes, *, path: str | None = None, label: str = "", language: str = "",
                     tracked_changes: TrackedChanges = TrackedChanges.ACCEPT) -> tuple[Reading, DocxLayout]:
    """`read_docx`, and the layout of the file beside it: each record's `w:pPr`, which
    labels are typed, and the styles, numbering and settings parts (`DocxLayout`)."""
    reading, reader, package = _read_docx(data, path, label, language, tracked_changes)
    parts: dict[str, bytes] = {}
    for name, kind in LAYOUT_PARTS.items():
        found = _part_name(package, kind, f"word/{name}")
        raw = package.safe.read(found) if found is not None else None
        if raw is not None:
            parts[name] = raw
    section = reader.section
    typed = frozenset(record for record, (_, is_typed) in reader.layout.items() if is_typed)
    return reading, DocxLayout({record: ppr for record, (ppr, _) in reader.layout.items()}, typed, parts, section)


def _part_name(package: _Package, kind: str, default: str) -> str | None:
    """The name of the part related from the main document by a relationship of this kind."""
    name = package.targets.get(kind, default)
    return name if name in package.names else None


def _read_docx(data: bytes, path: str | None, label: str, language: str,
               tracked_changes: TrackedChanges) -> tuple[Reading, _Reader, _Package]:
    package = _Package(data, path)
    root = package.xml(package.document)
    assert root is not None
    body = root.find(_w("body"))
    if body is None and etree.QName(root).namespace == _STRICT:
        raise InputError("this .docx is saved as 'Strict Open XML Document', which drafttool does not read; "
                         "save it in Word as 'Word Document (.docx)'", path=path)
    if body is None:
        raise InputError(f"{package.document} has no w:body; the file is damaged, open it in Word and save it again",
                         path=path)
    styles = _Styles(package.part("styles", "word/styles.xml"))
    definitions = _NumberingDefinitions(package.part("numbering", "word/numbering.xml"), styles)
    settings = package.part("settings", "word/settings.xml")
    parser = _Parser(styles)
    paras = parser.blocks(body)
    notes: dict[tuple[bool, str], list[_Para]] = {}
    for kind, endnote in (("footnotes", False), ("endnotes", True)):
        part = package.part(kind, f"word/{kind}.xml")
        if part is None:
            continue
        for note in part.iterchildren(_w("endnote" if endnote else "footnote")):
            if note.get(_w("type"), "normal") not in ("normal", ""):
                continue  # separator, continuationSeparator, continuationNotice (17.11.12)
            parser.fields = []
            notes[(endnote, note.get(ID, ""))] = parser.blocks(note)
    comment_texts: dict[str, tuple[str, str, list[_Para]]] = {}
    comments_part = package.part("comments", "word/comments.xml")
    if comments_part is not None:
        changes_before = len(parser.changes)
        for comment in comments_part.iterchildren(_w("comment")):
            parser.fields = []
            comment_texts[comment.get(ID, "")] = (comment.get(_w("author"), ""), comment.get(_w("date"), ""),
                                                  parser.blocks(comment))
        del parser.changes[changes_before:]  # revisions inside comments are not the text's
    properties = _custom_properties(package)
    reader = _Reader(path, styles, definitions, settings, body, parser, notes, comment_texts, tracked_changes)
    reading = reader.read(paras, label or properties.get("drafttool-round", ""),
                          language or properties.get("drafttool-language", ""), properties)
    found = package.notices()
    if found:
        reading = replace(reading, notices=(*found, *reading.notices))
    return reading, reader, package


def _custom_properties(package: _Package) -> dict[str, str]:
    """docProps/custom.xml string properties (drafttool writes its round's label there)."""
    root = package.xml("docProps/custom.xml")
    if root is None:
        return {}
    out = {}
    for prop in root.iterchildren(f"{{{_CUSTOM}}}property"):
        value = next((child.text or "" for child in prop), "")
        out[prop.get("name", "")] = value
    return out


@dataclass(slots=True)
class _NoteFormat:
    start: int = 1
    fmt: str = "decimal"


class _Reader:
    """Step 2: the file's structure, under a policy, → Round, revisions and comments."""

    def __init__(self, path: str | None, styles: _Styles, definitions: _NumberingDefinitions,
                 settings: _Element | None, body: _Element, parser: _Parser,
                 notes: dict[tuple[bool, str], list[_Para]], comment_texts: dict[str, tuple[str, str, list[_Para]]],
                 policy: TrackedChanges) -> None:
        self.path = path
        self.styles = styles
        self.definitions = definitions
        self.parser = parser
        self.notes = notes
        self.comment_texts = comment_texts
        self.policy = policy
        self.accept = policy is TrackedChanges.ACCEPT
        self.note_formats = {False: _note_format(settings, body, "footnotePr", _NoteFormat()),
                             True: _note_format(settings, body, "endnotePr", _NoteFormat(1, "lowerRoman"))}
        self.notices: list[Notice] = []
        self.missing_numbering = 0
        self.layout: dict[str, tuple[_Element | None, bool]] = {}
        self.section = body.find(_w("sectPr"))

    def read(self, paras: list[_Para], label: str, language: str, properties: dict[str, str]) -> Reading:
        views = _view(paras, self.accept)
        counters = _Counters(self.definitions)
        note_ids: dict[int, str] = {}
        footnotes: list[Footnote] = []
        self._number_notes(views, note_ids, footnotes)

        sources: list[SourceParagraph] = []
        source_of_view: dict[int, int] = {}
        leads: dict[int, tuple[int, int]] = {}
        masthead: dict[str, str] = {}
        other: list[str] = []
        layouts: list[tuple[_Element | None, bool]] = []
        for index, view in enumerate(views):
            style = self.styles.paragraph_style(view.props.style)
            numbered = self._number(view.props, style, counters)
            runs = _runs(view.pieces, note_ids)
            raw_plain = "".join(r.text for r in runs)
            text = markup.to_markup(runs).strip()
            if not text:
                continue
            field_name = self.styles.masthead_field(style)
            if field_name:
                if field_name == "other":
                    other.append(text)
                else:
                    masthead[field_name] = f"{masthead[field_name]} {text}" if field_name in masthead else text
                continue
            place = f"paragraph {view.number}"
            outline = view.props.outline if view.props.outline is not None else self.styles.outline(style)
            heading = outline + 2 if outline is not None and outline < 9 else 0
            title = self.styles.is_title(style)
            if numbered is not None and numbered.fmt == "bullet":
                self.parser.counts.bullets += 1
                numbered = None
            if numbered is not None and numbered.text:
                written, rest, readings = numbered.text, text, _readings(numbered)
            elif title:
                written, rest, readings = "", text, (None, None)
            else:
                written, rest, readings = read_label(text)
            lead = len(raw_plain) - len(raw_plain.lstrip()) + len(raw_plain.strip()) - len(markup.plain(rest))
            leads[index] = (lead, len(markup.plain(rest)))
            source_of_view[index] = len(sources)
            typed = bool(written) and not (numbered is not None and numbered.text)
            layouts.append((view.ppr, typed))
            sources.append(SourceParagraph(rest, written, readings, heading=heading, title=title, place=place))
        if not sources and not masthead:
            raise InputError("the document is empty (no text in its paragraphs)", path=self.path)
        records, structure_notices = assemble(sources, path=self.path)
        self.layout = {record.id: layout for record, layout in zip(records, layouts)}
        record_of_view = {index: records[position].id for index, position in source_of_view.items()}

        lang = language or languages.guess_language(" ".join(markup.plain(p.text) for p in records))
        fields = {key: value for key, value in masthead.items() if key in Masthead.__dataclass_fields__}
        round_ = Round(
            label=label,
            paragraphs=records,
            footnotes=tuple(footnotes),
            date=properties.get("drafttool-date", ""),
            symbol=properties.get("drafttool-symbol", "") or markup.plain(masthead.get("symbol", "")),
            language=lang,
            masthead=Masthead(**fields, other=tuple(other)),
        )
        revisions = self._revisions(views, record_of_view, leads)
        comments = self._comments(views, record_of_view)
        notices = self._notices(revisions, comments)
        notices += list(structure_notices)
        notices += check_brackets(round_, self.path, {p.id: s.place for p, s in zip(records, sources)})
        return Reading(round_, tuple(notices), revisions, comments)

    # -- numbering

    def _number(self, props: _Props, style: str | None, counters: _Counters) -> _Numbered | None:
        """The label Word displays before a paragraph; numbering from the paragraph, else its style."""
        num_id, ilvl = props.num_id, props.ilvl
        style_num, style_ilvl = self.styles.numbering(style)
        if num_id is None:
            num_id = style_num
        if num_id is None or num_id == "0":
            return None
        if ilvl is None:
            ilvl = style_ilvl
        if ilvl is None:
            ilvl = self.definitions.level_of_style(num_id, style)
        numbered = counters.next(num_id, max(0, min(ilvl or 0, 8)))
        if numbered is None:
            self.missing_numbering += 1
        return numbered

    # -- notes

    def _number_notes(self, views: list[_ViewPara], note_ids: dict[int, str], footnotes: list[Footnote]) -> None:
        """Footnote labels in order of reference (17.11.14): automatic numbers from the start
        of `w:footnotePr`, custom marks as written; a note body read under the policy."""
        counters = {False: self.note_formats[False].start, True: self.note_formats[True].start}
        taken: set[str] = set()
        repeated: dict[tuple[str, str], str] = {}
        self.note_views: dict[str, _Note] = {}
        self.note_keys: dict[str, tuple[bool, str]] = {}
        missing = 0
        for view in views:
            for piece in view.pieces:
                if piece.note is None:
                    continue
                endnote = piece.endnote
                if piece.mark:
                    label = piece.mark.strip()
                else:
                    label = format_number(counters[endnote], self.note_formats[endnote].fmt)
                    counters[endnote] += 1
                paras = self.notes.get((endnote, piece.note))
                if paras is None:
                    missing += 1
                    continue
                note = _note_view(paras, self.accept)
                pieces = _strip_mark(note.pieces, piece.mark.strip())
                text = markup.to_markup(_runs(pieces, {})).strip()
                if piece.mark and (label, text) in repeated:
                    note_ids[id(piece)] = repeated[(label, text)]
                    continue
                note_id = _footnote_id(label, "en" if endnote else "fn", taken)
                taken.add(note_id)
                repeated[(label, text)] = note_id
                note_ids[id(piece)] = note_id
                self.note_keys[note_id] = (endnote, piece.note)
                shift = len("".join(p.text for p in note.pieces)) - len("".join(p.text for p in pieces))
                self.note_views[note_id] = _Note(pieces, [(c, at - shift) for c, at in note.anchors])
                footnotes.append(Footnote(note_id, text, label))
        # The notes in the order of their bodies in footnotes.xml (then endnotes.xml): Word
        # keeps that in order of reference; drafttool's writer keeps the round's order there.
        place = {key: index for index, key in enumerate(self.notes)}
        footnotes.sort(key=lambda note: place.get(self.note_keys[note.id], 0))
        if missing:
            self.notices.append(Notice(f"{missing} footnote reference(s) point to no footnote in the file; "
                                       "left out", self.path))

    # -- revisions and comments

    def _revisions(self, views: list[_ViewPara], record_of_view: dict[int, str],
                   leads: dict[int, tuple[int, int]]) -> tuple[Revision, ...]:
        """Every revision of the file, placed in the returned round's paragraphs and footnotes."""
        placed: dict[int, tuple[str, int]] = {}
        for index, view in enumerate(views):
            paragraph_id = record_of_view.get(index, "")
            lead, length = leads.get(index, (0, 0))
            for change, at in view.anchors:
                if id(change) not in placed:
                    placed[id(change)] = (paragraph_id, max(0, min(at - lead, length)) if paragraph_id else 0)
        for note_id, note in self.note_views.items():
            length = len("".join(p.text for p in note.pieces))
            for change, at in note.anchors:
                if id(change) not in placed:
                    placed[id(change)] = (note_id, max(0, min(at, length)))
        out = []
        for change in self.parser.changes:
            paragraph_id, offset = placed.get(id(change), ("", 0))
            out.append(Revision(change.kind, change.author, change.date, "".join(change.texts), paragraph_id, offset,
                                change.revision_id))
        return tuple(out)

    def _comments(self, views: list[_ViewPara], record_of_view: dict[int, str]) -> tuple[Comment, ...]:
        """Comments with the paragraph their range starts in and the text they cover."""
        anchored: dict[str, str] = {}
        quotes: dict[str, list[str]] = {}
        open_ids: list[str] = []
        for index, view in enumerate(views):
            paragraph_id = record_of_view.get(index, "")
            for open_id in open_ids:
                if quotes[open_id] and quotes[open_id][-1] != " ":
                    quotes[open_id].append(" ")
            for piece in view.pieces:
                if piece.comment is not None:
                    kind, comment_id = piece.comment
                    if kind == "start":
                        anchored.setdefault(comment_id, paragraph_id)
                        quotes.setdefault(comment_id, [])
                        open_ids.append(comment_id)
                    elif kind == "end" and comment_id in open_ids:
                        open_ids.remove(comment_id)
                    elif kind == "reference":
                        anchored.setdefault(comment_id, paragraph_id)
                elif piece.text:
                    for open_id in open_ids:
                        quotes[open_id].append(piece.text)
        out = []
        for comment_id, (author, date, paras) in self.comment_texts.items():
            note = _note_view(paras, True)
            text = " ".join("".join(p.text for p in note.pieces).split())
            quote = " ".join("".join(quotes.get(comment_id, [])).split())
            out.append(Comment(author, date, text, anchored.get(comment_id, ""), quote))
        return tuple(out)

    def _notices(self, revisions: tuple[Revision, ...], comments: tuple[Comment, ...]) -> list[Notice]:
        notices = list(self.notices)
        counts = self.parser.counts
        if revisions:
            kinds = {"insert": 0, "delete": 0, "format": 0}
            for revision in revisions:
                kinds[revision.kind] = kinds.get(revision.kind, 0) + 1
            moves = sum(1 for change in self.parser.changes if change.move)
            authors = ", ".join(dict.fromkeys(r.author or "(no author)" for r in revisions))
            detail = (f"{kinds['insert']} insertion(s), {kinds['delete']} deletion(s)"
                      + (f" ({moves} of them moves)" if moves else "")
                      + f", {kinds['format']} formatting change(s)")
            how = {
                TrackedChanges.ACCEPT: "read with every change accepted",
                TrackedChanges.REJECT: "read with every change rejected",
                TrackedChanges.PROPOSALS: "read with every change rejected, the insertions and deletions "
                                          "returned as proposals",
            }[self.policy]
            notices.append(Notice(f"{len(revisions)} tracked change(s) found ({detail}) by {authors}; "
                                  f"{how} (policy '{self.policy.value}')", self.path))
        if comments:
            notices.append(Notice(f"{len(comments)} comment(s) found; returned beside the round, not in its text",
                                  self.path))
        if counts.tables:
            notices.append(Notice(f"{counts.tables} table(s) flattened: their paragraphs are read in order, "
                                  "row by row and cell by cell", self.path))
        left_out = [(counts.pictures, "picture(s) or chart(s)"), (counts.text_boxes, "text box(es)"),
                    (counts.equations, "equation(s)"), (counts.hidden, "run(s) of hidden text"),
                    (counts.bullets, "bullet(s) before list paragraphs")]
        for count, what in left_out:
            if count:
                notices.append(Notice(f"left out {count} {what}", self.path))
        if self.missing_numbering:
            notices.append(Notice(f"{self.missing_numbering} paragraph(s) refer to list numbering that "
                                  "numbering.xml does not define; read without a number", self.path))
        if any(endnote for endnote, _ in self.notes) and any(fid.startswith("en-") for fid in self.note_views):
            notices.append(Notice("endnotes are read as footnotes (ids en-…)", self.path))
        return notices


def _note_format(settings: _Element | None, body: _Element, tag: str, default: _NoteFormat) -> _NoteFormat:
    """Start and number format of footnotes or endnotes: the last section's `w:footnotePr`,
    else the document settings' (17.11.11)."""
    out = _NoteFormat(default.start, default.fmt)
    candidates = []
    if settings is not None:
        candidates.append(settings.find(_w(tag)))
    sect = body.find(_w("sectPr"))
    if sect is not None:
        candidates.append(sect.find(_w(tag)))
    for element in candidates:
        if element is None:
            continue
        out.start = _int(_attr(element.find(_w("numStart"))), out.start) or out.start
        out.fmt = _attr(element.find(_w("numFmt"))) or out.fmt
    return out
