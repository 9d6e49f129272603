"""Parts of a .docx written as text (`renderers/docx/fragments.py`, `Numbering.to_xml`) read
byte for byte as lxml serialises the same elements, whatever the text holds: characters
XML cannot hold, characters it escapes, tabs, white space at either end, every script."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from drafttool.renderers.docx.fragments import (
    as_elements, element_xml, fill_placeholders, paragraph_properties_xml, run_properties_xml, run_xml,
)
from drafttool.renderers.docx.package import (
    Level, Numbering, RunFormat, clean_text, make_paragraph, make_root, make_run, sub, to_xml,
)
from drafttool.renderers.docx.revisions import Revisions, Stamp

TEXT = st.text(st.one_of(st.sampled_from(list("&<>\"'\t\r\n \u00a0\x01\x0b\ufffe\u202f")), st.characters()),
               max_size=30)
FORMATS = st.builds(RunFormat, bold=st.booleans(), italic=st.booleans(), underline=st.booleans(),
                    strike=st.booleans(), style=st.sampled_from(["", "InsertedText", "DeletedText"]),
                    rtl=st.booleans(), east_asian=st.booleans(), color=st.sampled_from(["", "636363"]))


@settings(max_examples=300, deadline=None)
@given(TEXT, FORMATS, st.sampled_from(["w:t", "w:delText"]))
@example("12.\t", RunFormat(), "w:delText")
@example("\t", RunFormat(), "w:t")
@example(" a)\t", RunFormat(rtl=True), "w:t")
@example("&\t", RunFormat(), "w:t")
def test_a_run_written_as_text_reads_as_the_element_lxml_writes(text: str, fmt: RunFormat, tag: str) -> None:
    assert run_xml(text, run_properties_xml(fmt), tag) == element_xml(make_run(text, fmt, tag))


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["", "Title", "Heading1"]), st.one_of(st.none(), st.tuples(st.integers(1, 9), st.integers(0, 2))),
       st.booleans(), st.one_of(st.none(), st.tuples(st.integers(0, 2000), st.integers(0, 900))), st.booleans())
def test_paragraph_properties_written_as_text_read_as_the_element(style: str, num: tuple[int, int] | None, bidi: bool,
                                                                 indent: tuple[int, int] | None,
                                                                 keep_next: bool) -> None:
    paragraph = make_paragraph(style, num=num, bidi=bidi, indent=indent, keep_next=keep_next)
    paragraph.append(make_run("x"))
    written = paragraph_properties_xml((style, num, bidi, indent, keep_next))
    start = f"<w:p><w:pPr>{written}</w:pPr>" if written else "<w:p>"
    assert start + run_xml("x", "") + "</w:p>" == element_xml(paragraph)


@settings(max_examples=100, deadline=None)
@given(TEXT.filter(lambda author: author.strip() != "" and clean_text(author) == author), st.sampled_from(["insert", "delete", "move-from", "move-to"]))
def test_a_revision_written_as_text_reads_as_the_element_and_takes_the_next_id(author: str, kind: str) -> None:
    stamp = Stamp(author, "2025-02-17T00:00:00Z")
    tag = "w:delText" if kind in ("delete", "move-from") else "w:t"
    by_elements, by_text = Revisions(), Revisions()
    by_elements.ids.take()
    by_text.ids.take()
    element = by_elements.wrap(kind, [make_run("12.\t")], stamp)  # type: ignore[arg-type]
    assert by_text.wrap_xml(kind, run_xml("12.\t", "", tag), stamp) == element_xml(element)  # type: ignore[arg-type]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.tuples(st.sampled_from(["decimal", "lowerLetter", "arabicAbjad"]), TEXT,
                                   st.integers(0, 9)), max_size=3), max_size=2),
       st.lists(st.dictionaries(st.integers(0, 2), st.integers(0, 9), max_size=3), max_size=4))
def test_the_numbering_part_written_as_text_reads_as_its_elements(
        abstracts: list[list[tuple[str, str, int]]], restarts: list[dict[int, int]]) -> None:
    numbering = Numbering()
    root = make_root("w:numbering")
    for abstract_id, levels in enumerate(abstracts):
        numbering.add_abstract([Level(fmt, text, start, left=567 * ilvl) for ilvl, (fmt, text, start) in
                                enumerate(levels)])
        abstract = sub(root, "w:abstractNum", {"w:abstractNumId": str(abstract_id)})
        sub(abstract, "w:multiLevelType", {"w:val": "multilevel"})
        for ilvl, (fmt, text, start) in enumerate(levels):
            lvl = sub(abstract, "w:lvl", {"w:ilvl": str(ilvl)})
            sub(lvl, "w:start", {"w:val": str(start)})
            sub(lvl, "w:numFmt", {"w:val": fmt})
            sub(lvl, "w:lvlText", {"w:val": clean_text(text)})
            sub(lvl, "w:lvlJc", {"w:val": "left"})
            sub(sub(lvl, "w:pPr"), "w:ind", {"w:left": str(567 * ilvl + 567), "w:hanging": "567"})
    for num_id, restart in enumerate(restarts, start=1):
        numbering.add_num(0, restart)
        num = sub(root, "w:num", {"w:numId": str(num_id)})
        sub(num, "w:abstractNumId", {"w:val": "0"})
        for ilvl, start in sorted(restart.items()):
            sub(sub(num, "w:lvlOverride", {"w:ilvl": str(ilvl)}), "w:startOverride", {"w:val": str(start)})
    assert numbering.to_xml() == to_xml(root)


def test_placeholders_are_filled_in_order_other_comments_kept_and_a_missing_one_is_an_error() -> None:
    from lxml import etree
    from drafttool.renderers.docx.fragments import placeholder

    root = make_root("w:body")
    root.append(placeholder(0))
    sub(root, "w:p").append(etree.Comment(" kept from an old file "))
    root.append(placeholder(1))
    data = fill_placeholders(etree.tostring(root), ["<w:p>é</w:p>", "<w:p/>"])
    assert data.endswith("><w:p>é</w:p><w:p><!-- kept from an old file --></w:p><w:p/></w:body>".encode())
    try:
        fill_placeholders(etree.tostring(root), ["<w:p/>"])
    except ValueError as error:
        assert str(error) == "2 placeholders for 1 fragments"
    else:
        raise AssertionError("a missing fragment was not noticed")


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["insert", "delete", "move-from", "move-to"]), TEXT.filter(lambda a: clean_text(a) == a))
def test_a_revised_mark_and_a_properties_change_written_as_text_read_as_their_elements(kind: str, author: str) -> None:
    stamp = Stamp(author, "2025-02-17T00:00:00Z")
    by_elements, by_text = Revisions(), Revisions()
    marked = make_paragraph("Title", keep_next=True)
    by_elements.properties_changed(marked, make_paragraph("Heading1", keep_next=True)[0], stamp)
    by_elements.mark_paragraph(marked, kind, stamp)  # type: ignore[arg-type]
    change = by_text.properties_changed_xml(paragraph_properties_xml(("Heading1", None, False, None, True)), stamp)
    mark = by_text.mark_xml(kind, stamp)  # type: ignore[arg-type]
    properties = paragraph_properties_xml(("Title", None, False, None, True)) + mark + change
    assert f"<w:p><w:pPr>{properties}</w:pPr></w:p>" == element_xml(marked)
    plain = make_paragraph()
    Revisions().properties_changed(plain, None, stamp)
    assert f"<w:p><w:pPr>{Revisions().properties_changed_xml('', stamp)}</w:pPr></w:p>" == element_xml(plain)


@settings(max_examples=100, deadline=None)
@given(TEXT, FORMATS)
def test_a_fragment_parsed_back_is_the_element_it_stands_for(text: str, fmt: RunFormat) -> None:
    [parsed] = as_elements([run_xml(text, run_properties_xml(fmt))])
    assert element_xml(parsed) == element_xml(make_run(text, fmt))
