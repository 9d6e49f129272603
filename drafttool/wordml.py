"""WordprocessingML names, defined once for the Word reader and the Word writers.

The namespaces of a .docx package (ECMA-376 Part 1, WordprocessingML; Part 2, Open
Packaging Conventions) and `qn`, which turns a prefixed name ('w:p', 'r:id') into the
Clark notation lxml uses ('{http://…/main}p').  Names are built once and cached: long
documents look up the same dozen tags for every run.
"""

from __future__ import annotations

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML = "http://www.w3.org/XML/1998/namespace"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
MATH = "http://schemas.openxmlformats.org/officeDocument/2006/math"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
"""The main namespace of 'Strict Open XML' documents, which drafttool does not read."""

NSMAP = {"w": W, "r": R}
"""Prefixes declared on the root of a part drafttool writes."""

PREFIXES = {"w": W, "r": R, "xml": XML, "m": MATH, "mc": MC, "rel": PKG_RELS, "cp": CUSTOM}

_CLARK: dict[str, str] = {}


def qn(name: str) -> str:
    """Clark notation for a prefixed name: 'w:p' → '{http://…/main}p'."""
    try:
        return _CLARK[name]
    except KeyError:
        prefix, _, local = name.partition(":")
        _CLARK[name] = clark = f"{{{PREFIXES[prefix]}}}{local}"
        return clark
