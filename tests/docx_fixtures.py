"""Small .docx files built from raw WordprocessingML, as Word writes it, for the reader tests.

`docx(body, numbering=…, styles=…, footnotes=…)` wraps XML written by hand into a package;
`p()` and `r()` write a paragraph or run.  `NUMBERING` and `TRACKED_CHANGES` are the two
reviewed fixtures kept in tests/fixtures/ (the .docx and, unzipped, `<name>.docx.d/`);
`python tests/docx_fixtures.py` (or pytest --update-golden) writes them again.

The XML is deliberately independent of drafttool's own writer, so that the reader is
tested against files shaped like Word's, not against our own output.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

FIXTURES = Path(__file__).resolve().parent / "fixtures"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}"'
DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PARTS = {
    # name: (content type, relationship type)
    "styles.xml": (f"{_WML}.styles+xml", f"{_REL}/styles"),
    "numbering.xml": (f"{_WML}.numbering+xml", f"{_REL}/numbering"),
    "footnotes.xml": (f"{_WML}.footnotes+xml", f"{_REL}/footnotes"),
    "endnotes.xml": (f"{_WML}.endnotes+xml", f"{_REL}/endnotes"),
    "comments.xml": (f"{_WML}.comments+xml", f"{_REL}/comments"),
    "settings.xml": (f"{_WML}.settings+xml", f"{_REL}/settings"),
}


def r(text: str = "", *, b: bool = False, i: bool = False, props: str = "", content: str = "") -> str:
    """A run: text (spaces preserved), bold/italic, extra `w:rPr` children, or raw content."""
    rpr = ("<w:b/>" if b else "") + ("<w:i/>" if i else "") + props
    inner = content or (f'<w:t xml:space="preserve">{escape(text)}</w:t>' if text else "")
    return f"<w:r>{f'<w:rPr>{rpr}</w:rPr>' if rpr else ''}{inner}</w:r>"


def p(*runs: str, style: str = "", num: tuple[int, int] | None = None, ppr: str = "") -> str:
    """A paragraph of runs (strings are taken as plain runs), with style and numbering."""
    props = (f"<w:pStyle w:val={quoteattr(style)}/>" if style else "")
    if num is not None:
        props += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    props += ppr
    body = "".join(run if run.startswith("<") else r(run) for run in runs)
    return f"<w:p>{f'<w:pPr>{props}</w:pPr>' if props else ''}{body}</w:p>"


def footnote_ref(note_id: int, mark: str = "") -> str:
    """A footnote reference run in the FootnoteReference style, with a custom mark if given."""
    if mark:
        return (f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
                f'<w:footnoteReference w:customMarkFollows="1" w:id="{note_id}"/><w:t>{escape(mark)}</w:t></w:r>')
    return f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{note_id}"/></w:r>'


def footnote(note_id: int, *runs: str, mark: str = "") -> str:
    """A footnote body as Word writes it: the echoed mark (`w:footnoteRef`), a space, text."""
    echo = (f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:t>{escape(mark)}</w:t></w:r>' if mark
            else '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>')
    return (f'<w:footnote w:id="{note_id}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>{echo}'
            f'{r(" ")}{"".join(x if x.startswith("<") else r(x) for x in runs)}</w:p></w:footnote>')


SEPARATORS = ('<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
              '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
              '</w:p></w:footnote>')


def footnotes(*notes: str) -> str:
    return f"<w:footnotes {NS}>{SEPARATORS}{''.join(notes)}</w:footnotes>"


BASE_STYLES = """
  <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
  <w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">
    <w:name w:val="Default Paragraph Font"/></w:style>
  <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/>
    <w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:sz w:val="28"/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/>
    <w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="18"/></w:rPr></w:style>
  <w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/>
    <w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>
"""


def styles(extra: str = "") -> str:
    return f"<w:styles {NS}>{BASE_STYLES}{extra}</w:styles>"


def docx(body: str, **parts: str) -> bytes:
    """A .docx whose body is `body`; keyword arguments give other parts by name without
    '.xml' (numbering=…, styles=…, footnotes=…, comments=…, settings=…)."""
    return zip_parts(package(body, **parts))


def package(body: str, **parts: str) -> dict[str, bytes]:
    """The parts of a .docx by name: content types, relationships, document and others."""
    document = f"{DECLARATION}<w:document {NS}>\n<w:body>\n{body}\n<w:sectPr/></w:body>\n</w:document>\n"
    out: dict[str, bytes] = {}
    overrides = ['<Override PartName="/word/document.xml" ContentType="' + _WML + '.document.main+xml"/>']
    rels = []
    words: dict[str, bytes] = {}
    for index, (key, xml) in enumerate(sorted(parts.items()), start=1):
        name = f"{key}.xml"
        content_type, relationship = PARTS[name]
        overrides.append(f'<Override PartName="/word/{name}" ContentType="{content_type}"/>')
        rels.append(f'<Relationship Id="rId{index}" Type="{relationship}" Target="{name}"/>')
        words[f"word/{name}"] = (xml if xml.startswith("<?xml") else DECLARATION + xml).encode("utf-8")
    out["[Content_Types].xml"] = (
        DECLARATION + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>' + "".join(overrides) + "</Types>\n"
    ).encode("utf-8")
    out["_rels/.rels"] = (
        DECLARATION + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/></Relationships>\n'
    ).encode("utf-8")
    out["word/_rels/document.xml.rels"] = (
        DECLARATION + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(rels) + "</Relationships>\n"
    ).encode("utf-8")
    out["word/document.xml"] = document.encode("utf-8")
    out.update(words)
    return out


def zip_parts(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data,
                             compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


# ---------------------------------------------------------------------------- numbering.docx

NUMBERING_STYLES = styles("""
  <!-- A German Word names its heading styles 'berschrift1' but keeps the built-in name. -->
  <w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/>
    <w:basedOn w:val="Normal"/><w:next w:val="Normal"/>
    <w:pPr><w:keepNext/><w:numPr><w:numId w:val="3"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr>
    <w:rPr><w:b/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="berschrift2"><w:name w:val="heading 2"/>
    <w:basedOn w:val="Normal"/><w:next w:val="Normal"/>
    <w:pPr><w:keepNext/><w:numPr><w:ilvl w:val="1"/><w:numId w:val="3"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr>
    <w:rPr><w:b/></w:rPr></w:style>
  <!-- Subparagraphs numbered by their style: level 1 of list 1, inherited by UNSubparaKeep. -->
  <w:style w:type="paragraph" w:styleId="UNSubpara"><w:name w:val="UN Subparagraph"/>
    <w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="UNSubparaKeep"><w:name w:val="UN Subparagraph Keep"/>
    <w:basedOn w:val="UNSubpara"/><w:pPr><w:keepNext/></w:pPr></w:style>
  <w:style w:type="character" w:styleId="Emphasis"><w:name w:val="Emphasis"/><w:rPr><w:i/></w:rPr></w:style>
""")

NUMBERING_DEFINITIONS = f"""<w:numbering {NS}>
  <!-- Paragraphs 1., subparagraphs a), second level i) -->
  <w:abstractNum w:abstractNumId="0">
    <w:multiLevelType w:val="multilevel"/>
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>
      <w:lvlJc w:val="left"/><w:pPr><w:ind w:left="567" w:hanging="567"/></w:pPr></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/>
      <w:lvlJc w:val="left"/><w:pPr><w:ind w:left="1134" w:hanging="567"/></w:pPr></w:lvl>
    <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%3)"/>
      <w:lvlJc w:val="left"/><w:pPr><w:ind w:left="1701" w:hanging="567"/></w:pPr></w:lvl>
  </w:abstractNum>
  <!-- Headings I., A., linked to the heading styles by w:pStyle -->
  <w:abstractNum w:abstractNumId="2">
    <w:multiLevelType w:val="multilevel"/>
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:pStyle w:val="berschrift1"/>
      <w:lvlText w:val="%1."/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="567" w:hanging="567"/></w:pPr></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="upperLetter"/><w:pStyle w:val="berschrift2"/>
      <w:lvlText w:val="%2."/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="567" w:hanging="567"/></w:pPr></w:lvl>
  </w:abstractNum>
  <!-- English-style subparagraphs (a), (i) -->
  <w:abstractNum w:abstractNumId="3">
    <w:multiLevelType w:val="multilevel"/>
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>
      <w:lvlJc w:val="left"/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/>
      <w:lvlJc w:val="left"/><w:pPr><w:ind w:left="1134" w:hanging="567"/></w:pPr></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
  <!-- The letters restart under the second chapeau, as Word's "Restart at a)" writes it -->
  <w:num w:numId="2"><w:abstractNumId w:val="0"/>
    <w:lvlOverride w:ilvl="1"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
  <w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>
  <w:num w:numId="4"><w:abstractNumId w:val="3"/></w:num>
</w:numbering>
"""

NUMBERING_BODY = "\n".join([
    p("Draft declaration on drug policy", footnote_ref(1, "*"), style="Title"),
    p(r("We", i=True), " the Ministers, gathered in Vienne,"),
    p("Our common commitments", style="berschrift1"),
    p("We reaffirm our ", r("commitment", b=True), " to the ", r("three conventions", i=True), ".", num=(1, 0)),
    p("We decide", footnote_ref(2), ":", num=(1, 0)),
    p("To strengthen cooperation;", num=(1, 1)),
    p("To improve ", r("data", props='<w:rStyle w:val="Emphasis"/>'), " collection:", style="UNSubpara"),
    p("At the national level;", num=(1, 2)),
    p("At the regional level", footnote_ref(3), ";", num=(1, 2)),
    p("To review progress.", style="UNSubparaKeep"),
    # A typed label, then letters that only the startOverride of numId 2 restarts
    p("2 bis.\tWe welcome the report of the Secretary-General and decide:"),
    p("To meet again in 2029;", num=(2, 1)),
    p("To report ", r("annually", b=True, i=True), ".", num=(2, 1)),
    p("Implementation", style="berschrift2"),
    p("We further decide:", num=(1, 0)),
    p("To act;", num=(1, 1)),
    p("Follow-up", style="berschrift1"),
    p("Reporting", style="berschrift2"),
    p("We request the Office:", num=(1, 0)),
    p("To collect data;", num=(4, 1)),
    p("To publish it.", num=(4, 1)),
    p("We adopt the following table of indicators:", num=(1, 0)),
    "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr>"
    "<w:tblGrid><w:gridCol w:w=\"4000\"/><w:gridCol w:w=\"4000\"/></w:tblGrid>"
    "<w:tr><w:tc>" + p("Indicator") + "</w:tc><w:tc>" + p("Source") + "</w:tc></w:tr>"
    "<w:tr><w:tc>" + p("Seizures") + "</w:tc><w:tc>" + p("Member States") + "</w:tc></w:tr></w:tbl>",
    p("We decide to remain seized of the matter.", num=(1, 0)),
    p(),  # an empty paragraph: skipped
])

NUMBERING_FOOTNOTES = footnotes(
    footnote(1, "E/CN.7/2024/1.", mark="*"),
    footnote(2, "See ", r("Official Records", i=True), ", 2019."),
    footnote(3, "Resolution S-30/1, annex."),
)

NUMBERING = package(NUMBERING_BODY, numbering=NUMBERING_DEFINITIONS, styles=NUMBERING_STYLES,
                    footnotes=NUMBERING_FOOTNOTES)
"""Word automatic numbering: three levels, restarts, levels from styles, (a) style,
roman headings, footnotes with a custom mark, bold/italic, a table."""


# ---------------------------------------------------------------------------- tracked-changes.docx

EU = 'w:author="EU" w:date="2024-03-01T10:00:00Z"'
USA = 'w:author="USA" w:date="2024-03-02T09:30:00Z"'


def ins(wid: int, who: str, *runs: str) -> str:
    return f'<w:ins w:id="{wid}" {who}>{"".join(x if x.startswith("<") else r(x) for x in runs)}</w:ins>'


def dele(wid: int, who: str, text: str) -> str:
    return f'<w:del w:id="{wid}" {who}><w:r><w:delText xml:space="preserve">{escape(text)}</w:delText></w:r></w:del>'


TRACKED_BODY = "\n".join([
    p("Draft resolution on cooperation", style="Title"),
    # 1. an insertion and two deletions by two delegations, a comment on 'commitment'
    p("We ", ins(101, EU, "strongly "), "reaffirm our ",
      '<w:commentRangeStart w:id="0"/>', "commitment", '<w:commentRangeEnd w:id="0"/>',
      r(content='<w:commentReference w:id="0"/>'), dele(102, USA, "s"),
      " to the ", dele(103, EU, "full "), "implementation of the conventions.", num=(1, 0)),
    # 2.-3. the USA deletes the full stop and the paragraph mark, types a space: 2. and 3. become one
    p("We take note of the report", dele(104, USA, "."), ins(112, USA, " "), num=(1, 0),
      ppr=f'<w:rPr><w:del w:id="105" {USA}/></w:rPr>'),
    p("and welcome its findings.", num=(1, 0)),
    # a whole paragraph inserted by the EU (its mark inserted too)
    p(ins(106, EU, "We encourage regional cooperation."), num=(1, 0),
      ppr=f'<w:rPr><w:ins w:id="107" {EU}/></w:rPr>'),
    # 4. a footnote whose body the EU changed; a word the USA made italic
    p("We recall resolution 78/1", footnote_ref(1), " and its ",
      r("annex", i=True, props=f'<w:rPrChange w:id="108" {USA}><w:rPr/></w:rPrChange>'), ".", num=(1, 0)),
    # 5. a move: the USA moves 'also ' within the paragraph
    p("We ", f'<w:moveFrom w:id="109" {USA}>{r("also ")}</w:moveFrom>', "decide to ",
      f'<w:moveTo w:id="110" {USA}>{r("also ")}</w:moveTo>', "meet in 2029.", num=(1, 0)),
])

TRACKED_FOOTNOTES = footnotes(
    footnote(1, "See A/RES/78/1", ins(111, EU, ", annex"), "."),
)

TRACKED_COMMENTS = f"""<w:comments {NS}>
  <w:comment w:id="0" w:author="USA" w:date="2024-03-02T09:31:00Z" w:initials="US">
    <w:p><w:pPr><w:pStyle w:val="CommentText"/></w:pPr>
      <w:r><w:annotationRef/></w:r><w:r><w:t>Singular, as in 2019.</w:t></w:r></w:p>
  </w:comment>
</w:comments>
"""

TRACKED_NUMBERING = f"""<w:numbering {NS}>
  <w:abstractNum w:abstractNumId="0">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>
      <w:lvlJc w:val="left"/><w:pPr><w:ind w:left="567" w:hanging="567"/></w:pPr></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>
"""

TRACKED_CHANGES = package(TRACKED_BODY, numbering=TRACKED_NUMBERING, styles=styles(), footnotes=TRACKED_FOOTNOTES,
                          comments=TRACKED_COMMENTS)
"""Revisions by two delegations: insertions, deletions, a deleted and an inserted
paragraph mark, a formatting change, a move, a revision in a footnote, a comment."""

REVIEWED = {"numbering.docx": NUMBERING, "tracked-changes.docx": TRACKED_CHANGES}


def write_fixtures(folder: Path = FIXTURES) -> list[Path]:
    """Write each reviewed fixture as `<name>.docx` and unzipped as `<name>.docx.d/`."""
    written = []
    for name, parts in REVIEWED.items():
        target = folder / name
        target.write_bytes(zip_parts(parts))
        unzipped = folder / f"{name}.d"
        if unzipped.exists():
            shutil.rmtree(unzipped)
        for part, data in parts.items():
            path = unzipped / part
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        written.append(target)
    return written


if __name__ == "__main__":
    for path in write_fixtures():
        print(path)
