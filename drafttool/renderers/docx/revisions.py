"""Word revisions: the `w:ins`, `w:del`, `w:moveFrom`, `w:moveTo`, move ranges, revised
paragraph marks and run-format changes of a tracked-changes .docx.

Takes runs (`w:r` elements built with `renderers.docx.package`) and an author and date;
returns the revision elements wrapping or marking them.  python-docx has no revisions API,
so the schema names of ECMA-376 Part 1, 17.13 ("Annotations": revisions) stay in this
module: the tracked-changes writer (`renderers.docx.tracked`) says *what* changed and *who* did it,
this module says how Word spells it.

Every revision carries a `w:id` unique in the package (document and footnotes draw from
one `RevisionIds`), its `w:author` and its `w:date` (Word refuses or repairs a file with a
duplicate id or a missing author, LibreOffice silently accepts it: docs/testing.md, 'Word files').  Deleted
text is held in `w:delText`, never `w:t` (17.13.5.14).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from lxml.etree import _Element

from drafttool.renderers.docx.package import escape_attribute, make
from drafttool.wordml import qn

Mark = Literal["insert", "delete", "move-from", "move-to"]
"""What happened to a paragraph mark (or a run of text)."""

_WRAPPER = {"insert": "w:ins", "delete": "w:del", "move-from": "w:moveFrom", "move-to": "w:moveTo"}
_T, _DEL_TEXT, _INSTR, _DEL_INSTR = qn("w:t"), qn("w:delText"), qn("w:instrText"), qn("w:delInstrText")
_R, _RPR, _PPR = qn("w:r"), qn("w:rPr"), qn("w:pPr")
_ID, _AUTHOR, _DATE, _NAME = qn("w:id"), qn("w:author"), qn("w:date"), qn("w:name")
_PPR_AFTER_RPR = {qn("w:sectPr"), qn("w:pPrChange")}
"""Children of `w:pPr` that come after its `w:rPr` (17.3.1.26: … rPr, sectPr, pPrChange)."""
_REVISION_TAGS = {qn(tag) for tag in ("w:ins", "w:del", "w:moveFrom", "w:moveTo")}
_W_PREFIX = qn("w:x")[:-1]

_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATE_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)")


def word_date(value: str) -> str:
    """An ISO date as Word writes revision dates (`w:date`, xsd:dateTime in UTC):
    '2024-02-02' → '2024-02-02T00:00:00Z'; '' → today's date at midnight."""
    value = value.strip()
    if _DATE_ONLY.match(value):
        return f"{value}T00:00:00Z"
    match = _DATE_TIME.match(value)
    if match:
        time = match.group(2) if match.group(2).count(":") == 2 else match.group(2) + ":00"
        return f"{match.group(1)}T{time}Z"
    return f"{datetime.date.today().isoformat()}T00:00:00Z"


@dataclass
class RevisionIds:
    """The `w:id`s of one package: every revision and move range gets the next one."""

    next_id: int = 1
    issued: int = 0

    def take(self) -> str:
        value = self.next_id
        self.next_id += 1
        self.issued += 1
        return str(value)


@dataclass(frozen=True, slots=True)
class Stamp:
    """Who made a revision and when: `w:author` and `w:date` (already in Word's form)."""

    author: str
    date: str


@dataclass
class Revisions:
    """Builds revision elements for one package, numbering them as it goes."""

    ids: RevisionIds = field(default_factory=RevisionIds)
    moves: int = 0
    """Move ranges named so far ('move1', 'move2'…; 17.13.5.24 pairs them by name)."""
    _signatures: dict[Stamp, str] = field(default_factory=dict)
    """A stamp → its `w:author` and `w:date` attributes, as text."""

    def _stamped(self, tag: str, stamp: Stamp) -> _Element:
        return make(tag, {"w:id": self.ids.take(), "w:author": stamp.author, "w:date": stamp.date})

    def wrap(self, kind: Mark, runs: Iterable[_Element], stamp: Stamp) -> _Element:
        """`w:ins`/`w:del`/`w:moveFrom`/`w:moveTo` holding the runs (17.13.5.18, .14, .22, .25);
        in a deletion or a move away the text goes into `w:delText` (17.13.5.14)."""
        wrapper = self._stamped(_WRAPPER[kind], stamp)
        for run in runs:
            if kind in ("delete", "move-from"):
                as_deleted(run)
            wrapper.append(run)
        return wrapper

    def wrap_xml(self, kind: Mark, runs: str, stamp: Stamp) -> str:
        """`wrap` as text (`renderers.docx.fragments`), its id taken at the same point: runs
        written as text, already in `w:delText` where deleted or moved away."""
        tag = _WRAPPER[kind]
        return f"<{tag} {self._stamped_xml(stamp)}>{runs}</{tag}>"

    def mark_xml(self, kind: Mark, stamp: Stamp) -> str:
        """The `w:rPr` that `mark_paragraph` gives a paragraph's properties, as text."""
        return f"<w:rPr><{_WRAPPER[kind]} {self._stamped_xml(stamp)}/></w:rPr>"

    def properties_changed_xml(self, old_properties: str, stamp: Stamp) -> str:
        """The `w:pPrChange` that `properties_changed` appends, as text: the children of the
        old `w:pPr` given as text."""
        old = f"<w:pPr>{old_properties}</w:pPr>" if old_properties else "<w:pPr/>"
        return f"<w:pPrChange {self._stamped_xml(stamp)}>{old}</w:pPrChange>"

    def _stamped_xml(self, stamp: Stamp) -> str:
        signed = self._signatures.get(stamp)
        if signed is None:  # a document has a few stamps and thousands of revisions
            signed = self._signatures[stamp] = f'w:author="{escape_attribute(stamp.author)}" ' \
                                               f'w:date="{escape_attribute(stamp.date)}"'
        return f'w:id="{self.ids.take()}" {signed}'

    def inserted(self, runs: Iterable[_Element], stamp: Stamp) -> _Element:
        return self.wrap("insert", runs, stamp)

    def deleted(self, runs: Iterable[_Element], stamp: Stamp) -> _Element:
        return self.wrap("delete", runs, stamp)

    def mark_paragraph(self, paragraph: _Element, kind: Mark, stamp: Stamp) -> None:
        """Mark a paragraph's mark inserted, deleted or moved: `w:pPr/w:rPr/w:ins` … (17.13.5.16,
        17.13.5.15, 17.13.5.21, 17.13.5.20); removing the mark joins the paragraph with the next."""
        ppr = paragraph.find(_PPR)
        if ppr is None:
            ppr = make("w:pPr")
            paragraph.insert(0, ppr)
        rpr = ppr.find(_RPR)
        if rpr is None:
            rpr = make("w:rPr")
            after = next((child for child in ppr if child.tag in _PPR_AFTER_RPR), None)
            if after is None:
                ppr.append(rpr)
            else:
                after.addprevious(rpr)
        for child in list(rpr):
            if child.tag in _REVISION_TAGS:  # a mark has one revision of each kind at most
                rpr.remove(child)
        rpr.insert(0, self._stamped(_WRAPPER[kind], stamp))

    def format_changed(self, run: _Element, old_properties: _Element | None, stamp: Stamp) -> None:
        """Record that a run's format was `old_properties` before: `w:rPr/w:rPrChange` holding
        the old `w:rPr` (17.13.5.31); rejecting it restores the old format."""
        rpr = run.find(_RPR)
        if rpr is None:
            rpr = make("w:rPr")
            run.insert(0, rpr)
        change = self._stamped("w:rPrChange", stamp)
        old = make("w:rPr")
        if old_properties is not None:
            for child in old_properties:
                old.append(child.__copy__())
        change.append(old)
        rpr.append(change)

    def properties_changed(self, paragraph: _Element, old_properties: _Element | None, stamp: Stamp) -> None:
        """Record that a paragraph's properties were `old_properties` before (its style, its
        numbering): `w:pPr/w:pPrChange` holding the old `w:pPr` (17.13.5.29)."""
        ppr = paragraph.find(_PPR)
        if ppr is None:
            ppr = make("w:pPr")
            paragraph.insert(0, ppr)
        change = self._stamped("w:pPrChange", stamp)
        old = make("w:pPr")
        if old_properties is not None:
            for child in old_properties:
                if child.tag not in _PPR_AFTER_RPR and child.tag != _RPR:
                    old.append(child.__copy__())
        change.append(old)
        ppr.append(change)

    def move_range(self, kind: Literal["move-from", "move-to"], name: str, stamp: Stamp) -> tuple[_Element, _Element]:
        """The start and end of a move range (`w:moveFromRangeStart`/`End`, `w:moveToRangeStart`/
        `End`, 17.13.5.23–28): put the start before the moved content's first run, the end
        after its last; the source and destination ranges share `name`."""
        prefix = "w:moveFromRange" if kind == "move-from" else "w:moveToRange"
        range_id = self.ids.take()
        start = make(prefix + "Start", {"w:id": range_id, "w:author": stamp.author, "w:date": stamp.date,
                                        "w:name": name})
        end = make(prefix + "End", {"w:id": range_id})
        return start, end

    def move_name(self) -> str:
        """A new name for a pair of move ranges."""
        self.moves += 1
        return f"move{self.moves}"


def as_deleted(run: _Element) -> None:
    """Turn a run's `w:t` into `w:delText` (and field instructions into `w:delInstrText`)."""
    for element in run.iter(_T, _INSTR):
        element.tag = _DEL_TEXT if element.tag == _T else _DEL_INSTR


def strip_revision_marks(properties: _Element) -> _Element:
    """A copy of a paragraph's `w:pPr` without its own revision history: no `w:pPrChange`,
    no `w:sectPr` (a section break belongs to the file it came from) and no revision of its
    paragraph mark — ready to be marked again."""
    copy = properties.__copy__()  # lxml copies the whole subtree
    for element in list(copy.iter()):
        # Elements of other vocabularies (w14…) need the mc:Ignorable of the file they came from.
        if element is not copy and isinstance(element.tag, str) and not element.tag.startswith(_W_PREFIX):
            parent = element.getparent()
            if parent is not None:
                parent.remove(element)
        for name in list(element.attrib):
            if name.startswith("{") and not name.startswith(_W_PREFIX):
                del element.attrib[name]
    for child in list(copy):
        if child.tag in _PPR_AFTER_RPR:
            copy.remove(child)
    rpr = copy.find(_RPR)
    if rpr is not None:
        for child in list(rpr):
            if child.tag in _REVISION_TAGS or child.tag == qn("w:rPrChange"):
                rpr.remove(child)
        if not len(rpr):
            copy.remove(rpr)
    return copy
