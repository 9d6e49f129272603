"""Read a Word .docx into a Round: labels computed from Word's numbering, footnotes,
formatting, tracked changes under a stated policy, and comments.

Takes the bytes of a .docx (a zip package of WordprocessingML, ECMA-376); returns a
`Reading`: the Round, notices, every tracked change found, and the comments.

In two steps, as pandoc's Docx reader does (`Readers/Docx/Parse.hs`, then `Docx.hs`),
one module per part of the work:

- `package`: the zip package, its parts found through the relationships, within the
  limits of `readers.limits`; `styles`: styles.xml; `numbering`: numbering.xml and the
  counters Word keeps;
1. `parse`: the package becomes a structure that mirrors the file: `Para`s (style id,
   numbering, the paragraph mark's revisions) holding `Piece`s (text with bold/italic,
   footnote references, comment markers, each knowing the revisions it belongs to).
   Nothing is decided yet about accepting or rejecting.
2. `views`: a *view* of that structure is taken under the tracked-changes policy (deleted
   or inserted pieces dropped, paragraphs joined where their mark is removed); `reader`
   computes Word's list counters and footnote numbers on that view, as Word would display
   it, then `structure.assemble` makes the paragraph records;
- `notes`: footnote and endnote numbers and bodies;
- `layout`: what a writer that rebuilds the file needs of it (`read_docx_layout`).

Word features handled:
- paragraphs of the body, in block content controls (`w:sdt`) and custom XML, and in
  tables: a table is read as a container of rows and cells, each cell's paragraphs in
  order (`SourceParagraph.cell`; a table inside a cell is read into that cell);
- containers (Articles, decisions, annexes, options…) from their heading text, or from a
  label Word's numbering writes ('Article %1'), each restarting the numbering inside it;
- automatic numbering (numbering.xml): `w:abstractNum`/`w:lvl` with `w:start`, `w:numFmt`
  (decimal, decimalZero, lower/upperLetter, lower/upperRoman, arabicAbjad, arabicAlpha,
  hindiNumbers, chineseCounting and its kin, ideographTraditional, russianLower/Upper,
  full-width and enclosed decimals, none, bullet), `w:lvlText`, `w:lvlRestart`, `w:isLgl`,
  a level's `w:pStyle`; `w:num` with `w:lvlOverride` (`w:lvl`, and `w:startOverride`,
  which restarts the num's level at its first paragraph and the levels below it, never
  those above, as Word and LibreOffice display it);
  `w:numStyleLink`/`w:styleLink`; numbering given by the paragraph or by its style and the
  styles it is based on; `w:numId` 0 (no numbering).  One counter set per abstract list,
  shared by its `w:num`s, as Word keeps them;
- labels typed at the start of the text ('18. ', 'a) ') where there is no numbering;
- headings: `w:outlineLvl` (paragraph or style), a style named 'heading N', or one of the
  UN templates' heading styles (`HChG`, `H1G`, `H23G`, `H4G`, `H56G`, their `Reg…` and
  unsuffixed kin); the Title style;
- the masthead: paragraphs in drafttool's own 'Masthead <Field>' styles, or the lines a UN
  document opens with, in its masthead table or below it (symbol, distribution, date,
  original language, organ, session, agenda item: `masthead`), and the masthead the UN
  templates put in the first page's header (the first section's `w:headerReference`
  of type 'first', where the section has `w:titlePg`), its lines before the body's;
- bullets Word draws (`w:numFmt` bullet) under a numbered paragraph: its subparagraphs,
  labelled '•'; elsewhere the bullet is left out (counted in a notice);
- footnotes and endnotes (separators skipped; endnotes kept as endnotes, `NoteKind`),
  numbered in order of reference by each section's `w:footnotePr`/`w:endnotePr` (start,
  format, restart in each section) over the settings', custom marks
  (`w:customMarkFollows`: '*'); a body referenced again is read once (`notes`);
- bold and italic (`w:b`, `w:i`, and `w:bCs`, `w:iCs` for right-to-left and complex-script
  runs), directly or from a character style; hidden text (`w:vanish`) left out;
- `w:tab`, `w:ptab`, `w:br`, `w:cr` as a space, `w:noBreakHyphen` as U+2011, `w:softHyphen`
  dropped, `w:sym` as its character; hyperlinks, smart tags, inline content controls,
  `w:fldSimple` and complex fields (the result is kept, never the instruction; a field
  that begins and never ends is read as if absent, with a notice);
- tracked changes: `w:ins`, `w:del`, `w:moveFrom`, `w:moveTo`, inserted and deleted
  paragraph marks, `w:rPrChange` (bold/italic restored when rejecting) and `w:pPrChange`
  (style and numbering restored when rejecting), in the body and in notes;
- comments (comments.xml) with the span they are anchored to;
- drafttool's own document properties (round label, date, symbol, language).

Ignored: headers and footers (but the first page's masthead), text boxes, pictures, charts and equations (counted in a
notice), imported documents (`w:altChunk`: HTML, RTF or .docx content Word merges in when
it opens the file; counted in a notice), table-row revisions, section breaks (but for the
note numbering they carry), fonts, sizes, colours, underline, page layout, note numbering
that restarts on each page (read as continuous).

Untrusted files: the package is read only through `limits.Package` (the limits, and why,
are in limits.py): parts are inflated under size, ratio and total limits, only stored or
deflated; a zip of more than 10,000 entries is refused before it is listed; XML is parsed
without entities, DTDs or the network, 256 levels deep at most — a DTD is never loaded, a
notice says that one was there.  Relationships with `TargetMode="External"` are never
followed, names with `..` or a leading `/` are ignored (a notice), and nothing is written
to disk.  Macros (`vbaProject.bin`, as in a .docm) and ActiveX controls are never run nor
even unpacked: the text is read, with a notice; so are part names that differ only in
case.  Labels beyond 32,767 are written in digits whatever the list's format.  What the
reader makes is bounded too: copies of one note, characters of a label, characters of the
whole round (`limits.MAX_NOTE_COPIES`, `MAX_LABEL_CHARACTERS`, `MAX_ROUND_CHARACTERS`):
past them the file is refused with one line naming the paragraph.
"""


from __future__ import annotations

from drafttool.collector import collector_paused
from drafttool.readers import Reading, TrackedChanges
from drafttool.readers.docx.layout import LAYOUT_PARTS, DocxLayout, read_docx_layout
from drafttool.readers.docx.numbering import format_number
from drafttool.readers.docx.reader import read_parts

__all__ = ["LAYOUT_PARTS", "DocxLayout", "format_number", "read_docx", "read_docx_layout"]


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
    with collector_paused():  # a long file makes hundreds of thousands of small objects, none in cycles
        return read_parts(data, path, label, language, tracked_changes)[0]
