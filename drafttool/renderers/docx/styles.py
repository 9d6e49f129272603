"""The styles and settings of drafttool's Word files: `word/styles.xml` with the standard
styles and those of the masthead, the comparison and the compilation text, and
`word/settings.xml`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from drafttool.model import MASTHEAD_FIELDS
from drafttool.renderers.docx.package import make_root, sub, to_xml
from drafttool.wordml import qn

LANGUAGE_TAGS = {"ar": "ar-SA", "zh": "zh-CN", "en": "en-GB", "fr": "fr-FR", "ru": "ru-RU", "es": "es-ES"}
"""The Word language tag (`w:lang`) used for each UN language."""


@dataclass(frozen=True, slots=True)
class Style:
    """A style for `styles_xml`: id, name, type and a few properties."""

    id: str
    name: str
    kind: str = "paragraph"
    """'paragraph' or 'character'."""
    based_on: str = ""
    next: str = ""
    outline: int | None = None
    """Outline level (`w:outlineLvl`, 0 for Heading 1) that makes it a heading."""
    bold: bool = False
    italic: bool = False
    underline: bool = False
    strike: bool = False
    superscript: bool = False
    size: int = 0
    """Font size in half-points (`w:sz`); 0 to inherit."""
    center: bool = False
    keep_next: bool = False
    space_before: int = -1
    space_after: int = -1
    color: str = ""
    highlight: str = ""
    ui_priority: int = 99


def masthead_style_id(name: str) -> str:
    return "Masthead" + "".join(part.capitalize() for part in name.split("_"))


STANDARD_STYLES: tuple[Style, ...] = (
    Style("Normal", "Normal", space_after=120, ui_priority=0),
    Style("Title", "Title", based_on="Normal", next="Normal", bold=True, size=28, center=True,
          keep_next=True, space_after=240, ui_priority=10),
    Style("Heading1", "heading 1", based_on="Normal", next="Normal", outline=0, bold=True, size=24,
          keep_next=True, space_before=240, ui_priority=9),
    Style("Heading2", "heading 2", based_on="Normal", next="Normal", outline=1, bold=True,
          keep_next=True, space_before=120, ui_priority=9),
    Style("Heading3", "heading 3", based_on="Normal", next="Normal", outline=2, bold=True, italic=True,
          keep_next=True, space_before=120, ui_priority=9),
    Style("FootnoteText", "footnote text", based_on="Normal", size=18, space_after=0),
    Style("CommentText", "annotation text", based_on="Normal", size=20),
    Style("DefaultParagraphFont", "Default Paragraph Font", kind="character", ui_priority=1),
    Style("FootnoteReference", "footnote reference", kind="character", superscript=True),
    Style("CommentReference", "annotation reference", kind="character", size=16),
    # Character styles for compilation texts and comparisons (docs/negotiated-texts.md, 'Compilation texts').
    Style("InsertedText", "Inserted Text", kind="character", bold=True, underline=True),
    Style("DeletedText", "Deleted Text", kind="character", strike=True),
    Style("Proposers", "Proposers", kind="character", color="1F4E79"),
    Style("StatusTag", "Status Tag", kind="character", highlight="lightGray"),
    # Paragraph styles of the comparison and the compilation text.
    Style("Subtitle", "Subtitle", based_on="Normal", next="Normal", size=24, space_after=240, ui_priority=11),
    Style("ChangeHeading", "Change Heading", based_on="Normal", next="Normal", keep_next=True, space_before=200,
          space_after=60),
    Style("SummaryLine", "Summary Line", based_on="Normal", italic=True, color="595959"),
    Style("LegendLine", "Legend Line", based_on="Normal", size=20, space_after=40),
    Style("ProposalNote", "Proposal Note", based_on="Normal", size=20, space_after=60),
    Style("MastheadUnitedNations", "Masthead United Nations", based_on="Normal", space_after=0, bold=True, size=24),
) + tuple(
    Style(masthead_style_id(name), "Masthead " + name.replace("_", " ").title(), based_on="Normal",
          space_after=0, bold=name == "symbol")
    for name in MASTHEAD_FIELDS
)


NESTED_NUMBER_STYLES: tuple[Style, ...] = tuple(
    Style(f"NestedNumber{depth}", f"Nested Number {depth}", based_on="Normal") for depth in (1, 2))
"""Of the clean round: a subparagraph numbered '1.' under a numbered paragraph, its depth in
the name; the reader nests it again (its number alone would make it a paragraph of its own)."""


def styles_xml(language: str = "", styles: Iterable[Style] = STANDARD_STYLES) -> bytes:
    """`word/styles.xml`: document defaults for the language (fonts, `w:lang`, right-to-left
    for Arabic, an East Asian font for Chinese) and the given styles (ECMA-376 17.7)."""
    lang = language.split("-")[0].lower()
    root = make_root("w:styles")
    defaults = sub(root, "w:docDefaults")
    rpr = sub(sub(defaults, "w:rPrDefault"), "w:rPr")
    sub(rpr, "w:rFonts", {"w:ascii": "Times New Roman", "w:hAnsi": "Times New Roman",
                          "w:eastAsia": "SimSun" if lang == "zh" else "Times New Roman",
                          "w:cs": "Simplified Arabic" if lang == "ar" else "Times New Roman"})
    sub(rpr, "w:sz", {"w:val": "22"})
    sub(rpr, "w:szCs", {"w:val": "22"})
    tag = LANGUAGE_TAGS.get(lang, language or "en-GB")
    sub(rpr, "w:lang", {"w:val": tag if lang not in ("ar", "zh") else "en-GB",
                        "w:eastAsia": tag if lang == "zh" else "zh-CN",
                        "w:bidi": tag if lang == "ar" else "ar-SA"})
    sub(sub(defaults, "w:pPrDefault"), "w:pPr")
    for style in styles:
        attrs = {"w:type": style.kind, "w:styleId": style.id}
        if style.id in ("Normal", "DefaultParagraphFont"):
            attrs["w:default"] = "1"
        element = sub(root, "w:style", attrs)
        sub(element, "w:name", {"w:val": style.name})
        if style.based_on:
            sub(element, "w:basedOn", {"w:val": style.based_on})
        if style.next:
            sub(element, "w:next", {"w:val": style.next})
        sub(element, "w:uiPriority", {"w:val": str(style.ui_priority)})
        if style.ui_priority != 99:
            sub(element, "w:qFormat")
        if style.kind == "paragraph":
            ppr = sub(element, "w:pPr")
            if style.keep_next:
                sub(ppr, "w:keepNext")
            if style.space_before >= 0 or style.space_after >= 0:
                spacing = sub(ppr, "w:spacing")
                if style.space_before >= 0:
                    spacing.set(qn("w:before"), str(style.space_before))
                if style.space_after >= 0:
                    spacing.set(qn("w:after"), str(style.space_after))
            if style.center:
                sub(ppr, "w:jc", {"w:val": "center"})
            if style.outline is not None:
                sub(ppr, "w:outlineLvl", {"w:val": str(style.outline)})
            if not len(ppr):
                element.remove(ppr)
        srpr = sub(element, "w:rPr")
        if style.bold:
            sub(srpr, "w:b")
            sub(srpr, "w:bCs")
        if style.italic:
            sub(srpr, "w:i")
            sub(srpr, "w:iCs")
        if style.strike:
            sub(srpr, "w:strike")
        if style.color:
            sub(srpr, "w:color", {"w:val": style.color})
        if style.size:
            sub(srpr, "w:sz", {"w:val": str(style.size)})
            sub(srpr, "w:szCs", {"w:val": str(style.size)})
        if style.highlight:
            sub(srpr, "w:highlight", {"w:val": style.highlight})
        if style.underline:
            sub(srpr, "w:u", {"w:val": "single"})
        if style.superscript:
            sub(srpr, "w:vertAlign", {"w:val": "superscript"})
        if not len(srpr):
            element.remove(srpr)
    return to_xml(root)


def settings_xml(*, footnotes: bool = False, rtl_gutter: bool = False, endnotes: bool = False) -> bytes:
    """`word/settings.xml`: the footnote separators (required when footnotes.xml has them,
    17.11.11) and Word 2013+ compatibility mode so Word does not open it in compatibility view."""
    root = make_root("w:settings")
    sub(root, "w:defaultTabStop", {"w:val": "567"})
    if rtl_gutter:
        sub(root, "w:rtlGutter")
    if footnotes:
        notes = sub(root, "w:footnotePr")
        sub(notes, "w:footnote", {"w:id": "-1"})
        sub(notes, "w:footnote", {"w:id": "0"})
    if endnotes:
        notes = sub(root, "w:endnotePr")
        sub(notes, "w:endnote", {"w:id": "-1"})
        sub(notes, "w:endnote", {"w:id": "0"})
    compat = sub(root, "w:compat")
    sub(compat, "w:compatSetting", {"w:name": "compatibilityMode", "w:uri": "http://schemas.microsoft.com/office/word",
                                    "w:val": "15"})
    return to_xml(root)
