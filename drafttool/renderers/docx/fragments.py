"""WordprocessingML written as text, for the shapes a long document repeats thousands of
times: runs of words, paragraph properties, typed labels (the revisions around them and
around inserted and deleted words are spelt by `revisions`, `Revisions.wrap_xml`…).

Takes run formats, paragraph properties and text; returns XML text that reads exactly as
lxml would serialise the same elements in a part whose root declares the w: and r:
prefixes (`package.make_root`), so that a part built partly from elements and partly from
these fragments has the same bytes as one built from elements only.  Building an element
costs lxml a microsecond or more per node: at 20,000 paragraphs, writing the paragraphs of
a tracked-changes file as text halved the time of its writer.

Text is cleaned of the characters XML 1.0 cannot hold and escaped as libxml2 escapes it
(text: & < > and carriage return; attribute values: also the double quote, tab and line
feed); properties are never written by hand but serialised once from the elements
`package` builds (`element_xml`), so the two ways cannot drift apart.

A part holding fragments is built with a `placeholder` comment where they go and filled
after lxml has serialised it (`fill_placeholders`): a comment is the one node the writers
never make otherwise, and its opening '<!--' cannot occur in escaped text or attributes
(a comment carried over from an old .docx does not open with the placeholder's words).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import etree
from lxml.etree import _Element

from drafttool.renderers.docx.package import (
    RunFormat, clean_text, escape_text, make_paragraph, make_root, properties_template,
)
from drafttool.wordml import NSMAP

def element_xml(element: _Element | None) -> str:
    """An element as it is serialised inside a part ('' for None): its copy is put under a
    root declaring the w: and r: prefixes, whose own tags are then cut off."""
    if element is None:
        return ""
    holder = make_root("w:document")
    holder.append(element.__copy__())
    text = etree.tostring(holder, encoding="unicode")
    return text[text.index(">") + 1:text.rindex("</")]


_RPR_XML: dict[RunFormat, str] = {}
_PARAGRAPH_XML: dict[tuple[object, ...], str] = {}


def run_properties_xml(fmt: RunFormat) -> str:
    """The `w:rPr` of a format as text ('' for plain), serialised once per format."""
    found = _RPR_XML.get(fmt)
    if found is None:
        found = _RPR_XML[fmt] = element_xml(properties_template(fmt))
    return found


def paragraph_properties_xml(key: tuple[str, tuple[int, int] | None, bool, tuple[int, int] | None, bool]) -> str:
    """The children of the `w:pPr` that `package.make_paragraph` gives for these properties
    (style, numbering, bidi, indentation, keep with next), as text; '' where it gives none."""
    found = _PARAGRAPH_XML.get(key)
    if found is None:
        style, num, bidi, indent, keep_next = key
        paragraph = make_paragraph(style, num=num, bidi=bidi, indent=indent, keep_next=keep_next)
        found = _PARAGRAPH_XML[key] = "".join(element_xml(child) for properties in paragraph for child in properties)
    return found


_NOT_PLAIN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff&<>\r\t]")
"""What text may hold that is written otherwise than as it is: characters XML cannot hold,
characters escaped, a tab."""


def text_xml(text: str, tag: str = "w:t") -> str:
    """The children of a run holding `text` in `tag` ('w:t' or 'w:delText'), as
    `package.add_text` makes them: a tab is `w:tab`, and white space at either end of a
    piece is kept by `xml:space="preserve"`."""
    if _NOT_PLAIN.search(text) is None:  # the common case, one scan: long documents call this per run
        return _piece_xml(text, tag) if text else ""
    if text[-1] == "\t" and _NOT_PLAIN.search(text, 0, len(text) - 1) is None:  # a typed label: '12.' and a tab
        return (_piece_xml(text[:-1], tag) if len(text) > 1 else "") + "<w:tab/>"
    text = clean_text(text)
    out = []
    for index, piece in enumerate(text.split("\t")):
        if index:
            out.append("<w:tab/>")
        if piece:
            space = ' xml:space="preserve"' if piece[0].isspace() or piece[-1].isspace() else ""
            out.append(f"<{tag}{space}>{escape_text(piece)}</{tag}>")
    return "".join(out)


def _piece_xml(piece: str, tag: str) -> str:
    """Text without characters to escape in `tag`, its white space at either end kept."""
    if piece[0].isspace() or piece[-1].isspace():
        return f'<{tag} xml:space="preserve">{piece}</{tag}>'
    return f"<{tag}>{piece}</{tag}>"


def run_xml(text: str, properties: str, tag: str = "w:t") -> str:
    """A `w:r` holding `text` with run properties `properties` (`run_properties_xml`), as
    `package.make_run_like` makes it."""
    if text and _NOT_PLAIN.search(text) is None:  # `text_xml`'s common case, one call less per run
        return f"<w:r>{properties}{_piece_xml(text, tag)}</w:r>"
    inner = properties + text_xml(text, tag)
    return f"<w:r>{inner}</w:r>" if inner else "<w:r/>"


def as_elements(content: Iterable[_Element | str]) -> list[_Element]:
    """Elements and fragments as elements, the fragments parsed (where a paragraph mixes
    them and is built as an element)."""
    out: list[_Element] = []
    for item in content:
        if isinstance(item, str):
            out.extend(etree.fromstring(f"<w:document {_NAMESPACES}>{item}</w:document>"))
        else:
            out.append(item)
    return out


_NAMESPACES = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in NSMAP.items())


_PLACEHOLDER = "drafttool fragment "
"""How a placeholder comment opens: a comment kept from an old .docx (its section or
paragraph properties) is left as it is."""


def placeholder(number: int) -> _Element:
    """The comment standing for the fragments numbered `number` until the part is serialised."""
    return etree.Comment(f"{_PLACEHOLDER}{number}")


def fill_placeholders(data: bytes, fragments: list[str]) -> bytes:
    """A serialised part with each placeholder replaced by its fragment (UTF-8)."""
    pieces = data.split(f"<!--{_PLACEHOLDER}".encode())
    if len(pieces) != len(fragments) + 1:
        raise ValueError(f"{len(pieces) - 1} placeholders for {len(fragments)} fragments")
    out = [pieces[0]]
    for number, piece in enumerate(pieces[1:]):
        mark, _, rest = piece.partition(b"-->")
        if mark != str(number).encode():
            raise ValueError(f"placeholder {mark!r} where {number} was expected")
        out.append(fragments[number].encode())
        out.append(rest)
    return b"".join(out)
