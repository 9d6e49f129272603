"""A delegation's own Word document, in the shapes real ones have, for the redline tests:
a portrait body and a landscape annex (two sections, each with its page setup), a header
and a footer, a table, automatic numbering, direct formatting (a title and headings sized
by hand), footnotes with a custom mark (`w:customMarkFollows`) and numbered ones, an
endnote and a comment.  Written as raw WordprocessingML, as Word writes it, so that the
redline is tested against a file drafttool did not write."""

from __future__ import annotations

from xml.sax.saxutils import escape

from docx_fixtures import DECLARATION, NS, package, styles, zip_parts

_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

NUMBERING = f"""<w:numbering {NS}>
<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>
<w:pPr><w:ind w:left="567" w:hanging="567"/></w:pPr></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/>
<w:pPr><w:ind w:left="1134" w:hanging="567"/></w:pPr></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>"""

HEADING = ('<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>'
           '<w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>'
           '<w:style w:type="paragraph" w:styleId="EndnoteText"><w:name w:val="endnote text"/></w:style>'
           '<w:style w:type="character" w:styleId="EndnoteReference"><w:name w:val="endnote reference"/>'
           '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>')


def run(text: str, props: str = "") -> str:
    return (f'<w:r>{f"<w:rPr>{props}</w:rPr>" if props else ""}'
            f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r>')


def para(*runs: str, ppr: str = "") -> str:
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{''.join(runs)}</w:p>"


NUMBERED = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
LETTERED = '<w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr>'
BIG = "<w:b/><w:sz w:val='40'/><w:szCs w:val='40'/>"
PORTRAIT = ('<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" '
            'w:header="720" w:footer="720" w:gutter="0"/>')
LANDSCAPE = ('<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/><w:pgMar w:top="1440" w:right="1440" '
             'w:bottom="1440" w:left="1440" w:header="720" w:footer="720" w:gutter="0"/>')
HEADERS = ('<w:headerReference w:type="default" r:id="rIdHeader"/>'
           '<w:footerReference w:type="default" r:id="rIdFooter"/>')
NOTE_REF = '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{}"/></w:r>'
CUSTOM_REF = ('<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
              '<w:footnoteReference w:customMarkFollows="1" w:id="{}"/><w:t>*</w:t></w:r>')
CELL = '<w:tc><w:tcPr><w:tcW w:w="4500" w:type="dxa"/></w:tcPr>{}</w:tc>'
ENDNOTE_REF = '<w:r><w:rPr><w:rStyle w:val="EndnoteReference"/></w:rPr><w:endnoteReference w:id="{}"/></w:r>'


def delegation_document(words: dict[str, str]) -> bytes:
    """The document, its changeable words taken from `words` (see `OLD_WORDS`)."""
    w = {**OLD_WORDS, **words}
    body = [
        para(run(w["title"], BIG), ppr='<w:pStyle w:val="Title"/>'),
        para(run("I. ", BIG), run(w["heading"], BIG), ppr='<w:pStyle w:val="Heading1"/>'),
        para(run(w["p1"]), CUSTOM_REF.format(2), run(w["p1b"]), ppr=NUMBERED),
        para('<w:commentRangeStart w:id="0"/>', run(w["p2"]), '<w:commentRangeEnd w:id="0"/>',
             '<w:r><w:commentReference w:id="0"/></w:r>', NOTE_REF.format(3), run(w["p2b"], "<w:i/>"),
             ppr=NUMBERED),
        *(para(run(w[key]), ppr=LETTERED) for key in ("a", "b", "c") if w.get(key)),
        para(run(w["p3"]), ENDNOTE_REF.format(1), ppr=NUMBERED),
        "<w:tbl><w:tblPr><w:tblStyle w:val='TableGrid'/><w:tblW w:w='0' w:type='auto'/>"
        "<w:tblBorders><w:top w:val='single' w:sz='4'/><w:left w:val='single' w:sz='4'/>"
        "<w:bottom w:val='single' w:sz='4'/><w:right w:val='single' w:sz='4'/>"
        "<w:insideH w:val='single' w:sz='4'/><w:insideV w:val='single' w:sz='4'/></w:tblBorders></w:tblPr>"
        "<w:tblGrid><w:gridCol w:w='4500'/><w:gridCol w:w='4500'/></w:tblGrid>"
        + "".join("<w:tr>" + "".join(CELL.format(para(run(w[cell]))) for cell in row) + "</w:tr>"
                  for row in (("cell11", "cell12"), ("cell21", "cell22"))) + "</w:tbl>",
        para(run(w["p4"]), ppr=NUMBERED + f"<w:sectPr>{HEADERS}{PORTRAIT}</w:sectPr>"),
        para(run("Annex", BIG), ppr='<w:pStyle w:val="Heading1"/>'),
        para(run(w["annex"])),
    ]
    parts = package("\n".join(body), numbering=NUMBERING, styles=styles(HEADING),
                    footnotes=f"<w:footnotes {NS}>" + _separators("footnote") + _note("footnote", 2, w["fn2"], "*")
                    + _note("footnote", 3, w["fn3"]) + "</w:footnotes>",
                    endnotes=f"<w:endnotes {NS}>" + _separators("endnote") + _note("endnote", 1, w["en1"])
                    + "</w:endnotes>",
                    comments=f'<w:comments {NS}><w:comment w:id="0" w:author="Norway" w:date="2024-01-20T00:00:00Z"'
                             f' w:initials="NOR">{para(run("We could accept this."))}</w:comment></w:comments>')
    document = parts["word/document.xml"].decode()
    parts["word/document.xml"] = document.replace("<w:sectPr/>", f"<w:sectPr>{HEADERS}{LANDSCAPE}</w:sectPr>").encode()
    for kind, text in (("header", w["header"]), ("footer", "Page ")):
        field = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE '
                 '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
                 '<w:r><w:fldChar w:fldCharType="end"/></w:r>') if kind == "footer" else ""
        parts[f"word/{kind}1.xml"] = (f"{DECLARATION}<w:{'hdr' if kind == 'header' else 'ftr'} {NS}>"
                                      f"{para(run(text), field)}</w:{'hdr' if kind == 'header' else 'ftr'}>").encode()
    rels = parts["word/_rels/document.xml.rels"].decode()
    rels = rels.replace("</Relationships>", f'<Relationship Id="rIdHeader" Type="{_REL}/header" Target="header1.xml"/>'
                        f'<Relationship Id="rIdFooter" Type="{_REL}/footer" Target="footer1.xml"/></Relationships>')
    parts["word/_rels/document.xml.rels"] = rels.encode()
    types = parts["[Content_Types].xml"].decode()
    types = types.replace("</Types>", f'<Override PartName="/word/header1.xml" ContentType="{_WML}.header+xml"/>'
                          f'<Override PartName="/word/footer1.xml" ContentType="{_WML}.footer+xml"/></Types>')
    parts["[Content_Types].xml"] = types.encode()
    return zip_parts(parts)


def _separators(kind: str) -> str:
    return (f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
            f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
            f'</w:p></w:{kind}>')


def _note(kind: str, note_id: int, text: str, mark: str = "") -> str:
    style = "FootnoteReference" if kind == "footnote" else "EndnoteReference"
    echo = (f'<w:r><w:rPr><w:rStyle w:val="{style}"/></w:rPr><w:t>{escape(mark)}</w:t></w:r>' if mark
            else f'<w:r><w:rPr><w:rStyle w:val="{style}"/></w:rPr><w:{kind}Ref/></w:r>')
    text_style = "FootnoteText" if kind == "footnote" else "EndnoteText"
    return (f'<w:{kind} w:id="{note_id}"><w:p><w:pPr><w:pStyle w:val="{text_style}"/></w:pPr>{echo}'
            f'{run(" " + text)}</w:p></w:{kind}>')


OLD_WORDS = {
    "title": "Draft declaration on ocean finance",
    "heading": "General commitments",
    "p1": "We reaffirm our commitment to the conservation of the ocean",
    "p1b": " and its resources.",
    "p2": "We recognize the role of blue bonds",
    "p2b": " in financing sustainable fisheries.",
    "a": "Public finance;",
    "b": "Private finance;",
    "c": "",
    "p3": "We decide to review progress in 2029.",
    "cell11": "Fund", "cell12": "Amount", "cell21": "Ocean fund", "cell22": "10 million",
    "p4": "We request the secretariat to report.",
    "annex": "Annex text on the list of projects.",
    "fn2": "As noted by the Chair.",
    "fn3": "See the report of the expert group.",
    "en1": "Resolution 78/1.",
    "header": "OCEAN/2024/L.1",
}

NEW_WORDS = {
    "p1": "We reaffirm our strong commitment to the conservation of the ocean",
    "p2": "We recognize the important role of blue bonds",
    "c": "Blended finance;",
    "p3": "We decide to review progress in 2030.",
    "cell22": "12 million",
    "annex": "Annex text on the revised list of projects.",
    "fn3": "See the final report of the expert group.",
}
