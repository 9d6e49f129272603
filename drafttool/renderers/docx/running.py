"""The running head and the page numbers of drafttool's Word files.

A document a secretariat circulates carries, on every page after the first, its symbol
and its round at the top ('E/CN.7/2024/L.2/Rev.1 · Rev.1', `renderers.masthead.running_header`)
and its page number at the foot; the first page has the masthead instead of the head
(`w:titlePg`), and its number.  Written as a header part and a footer part related from
the main document, referenced from the body's `w:sectPr` (ECMA-376 17.10).
"""

from __future__ import annotations

from lxml.etree import _Element

from drafttool.renderers.docx.package import (
    DocxPackage, RunFormat, make, make_root, make_run, qn, sub, to_xml,
)

_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT_HEADER, CT_FOOTER = f"{_WML}.header+xml", f"{_WML}.footer+xml"
REL_HEADER, REL_FOOTER = f"{_REL}/header", f"{_REL}/footer"


def _centred(parent: _Element, rtl: bool, align: str = "center") -> _Element:
    paragraph = sub(parent, "w:p")
    ppr = sub(paragraph, "w:pPr")
    if rtl:
        sub(ppr, "w:bidi")
    sub(ppr, "w:jc", {"w:val": align})
    return paragraph


def _page_field(paragraph: _Element, rtl: bool) -> None:
    """A PAGE field, its last value '1' shown until the reader's program updates it."""
    fmt = RunFormat(rtl=rtl)
    begin = make_run("", fmt)
    sub(begin, "w:fldChar", {"w:fldCharType": "begin"})
    paragraph.append(begin)
    instruction = make_run("", fmt)
    sub(instruction, "w:instrText", {"xml:space": "preserve"}).text = " PAGE "
    paragraph.append(instruction)
    separate = make_run("", fmt)
    sub(separate, "w:fldChar", {"w:fldCharType": "separate"})
    paragraph.append(separate)
    paragraph.append(make_run("1", fmt))
    end = make_run("", fmt)
    sub(end, "w:fldChar", {"w:fldCharType": "end"})
    paragraph.append(end)


def add_running_head(package: DocxPackage, document: _Element, head: str, *, rtl: bool = False) -> None:
    """Add the header (the `head` text) and the footer (the page number) parts, and refer to
    them from the document's last `w:sectPr`: the head on every page but the first, the
    number on every page.  Call before `package.add_document(document)`."""
    body = document.find(qn("w:body"))
    section = body.find(qn("w:sectPr")) if body is not None else None
    if section is None:
        return
    taken = sum(1 for part in package.parts if part.source == "word/document.xml" and part.relationship)
    header, footer = make_root("w:hdr"), make_root("w:ftr")
    paragraph = _centred(header, rtl, "end" if not rtl else "start")
    if head:
        paragraph.append(make_run(head, RunFormat(rtl=rtl)))
    _page_field(_centred(footer, rtl), rtl)
    package.add_word_part("header1.xml", to_xml(header), CT_HEADER, REL_HEADER)
    package.add_word_part("footer1.xml", to_xml(footer), CT_FOOTER, REL_FOOTER)
    header_id, footer_id = f"rId{taken + 1}", f"rId{taken + 2}"
    first_footer = make("w:footerReference", {"w:type": "first", "r:id": footer_id})
    references = [make("w:headerReference", {"w:type": "default", "r:id": header_id}),
                  make("w:footerReference", {"w:type": "default", "r:id": footer_id}), first_footer]
    for reference in reversed(references):  # header and footer references come first (17.6.17)
        section.insert(0, reference)
    title_page = make("w:titlePg")
    after = next((found for tag in ("w:pgNumType", "w:cols", "w:pgMar")
                  if (found := section.find(qn(tag))) is not None), None)
    if after is not None:
        after.addnext(title_page)
    else:
        section.append(title_page)
