"""The .docx package: its parts found through the relationships, read within the limits.

Takes the bytes of a file; gives the parts the reader needs as parsed XML (`Package.part`,
`Package.xml`) and what the package holds that the reader leaves alone (`Package.notices`).
Files often renamed .docx by mistake (.doc, PDF, RTF, web pages, OpenDocument, other Office
files) are named for what they are.
"""

from __future__ import annotations

from lxml.etree import _Element

from drafttool.errors import InputError, Notice
from drafttool.readers import limits
from drafttool.wordml import CUSTOM, PKG_RELS


class Package:
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
        for rel in root.iter(f"{{{PKG_RELS}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            target = target.lstrip("/") if target.startswith("/") else _join_path(folder, target)
            out.append((rel.get("Type", ""), target))
        return out

    def related(self, relationship_id: str) -> str | None:
        """The part name a relationship of the main document names by its id ('rId7'), as
        `w:headerReference/@r:id` does; None for an external or unknown one."""
        folder = self.document.rpartition("/")[0]
        root = self.xml(f"{folder}/_rels/{self.document.rpartition('/')[2]}.rels".lstrip("/"))
        if root is None:
            return None
        for rel in root.iter(f"{{{PKG_RELS}}}Relationship"):
            if rel.get("Id") == relationship_id and rel.get("TargetMode") != "External":
                target = rel.get("Target", "")
                return target.lstrip("/") if target.startswith("/") else _join_path(folder, target)
        return None

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
        by_case: dict[str, list[str]] = {}
        for name in self.names:
            by_case.setdefault(name.lower(), []).append(name)
        same = sorted(sorted(names) for names in by_case.values() if len(names) > 1)
        if same:
            listed = "; ".join(", ".join(names) for names in same)
            out.append(Notice(f"the package has parts whose names differ only in case ({listed}), which Word "
                              "takes for one part; read the one its relationships name", self.path))
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



def custom_properties(package: Package) -> dict[str, str]:
    """docProps/custom.xml string properties (drafttool writes its round's label there)."""
    root = package.xml("docProps/custom.xml")
    if root is None:
        return {}
    out = {}
    for prop in root.iterchildren(f"{{{CUSTOM}}}property"):
        value = next((child.text or "" for child in prop), "")
        out[prop.get("name", "")] = value
    return out
