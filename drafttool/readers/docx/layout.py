"""What a redline needs of the old .docx beside the round read from it: its layout.

`read_docx_layout` reads the file as `read_docx` does and hands over, as a value, each
paragraph's `w:pPr`, which labels are typed, the section, and the styles, numbering and
settings parts, so that the tracked-changes writer can keep them without reading input.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml.etree import _Element

from drafttool.collector import collector_paused
from drafttool.readers import Reading, TrackedChanges
from drafttool.readers.docx.package import Package
from drafttool.readers.docx.reader import read_parts


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
    with collector_paused():
        reading, reader, package = read_parts(data, path, label, language, tracked_changes)
    parts: dict[str, bytes] = {}
    for name, kind in LAYOUT_PARTS.items():
        found = _part_name(package, kind, f"word/{name}")
        raw = package.safe.read(found) if found is not None else None
        if raw is not None:
            parts[name] = raw
    section = reader.section
    typed = frozenset(record for record, (_, is_typed) in reader.layout.items() if is_typed)
    return reading, DocxLayout({record: ppr for record, (ppr, _) in reader.layout.items()}, typed, parts, section)


def _part_name(package: Package, kind: str, default: str) -> str | None:
    """The name of the part related from the main document by a relationship of this kind."""
    name = package.targets.get(kind, default)
    return name if name in package.names else None
