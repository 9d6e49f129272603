"""The clean-round .docx writer: read back to the same round, a sound package, Word
numbering where it shows the labels, and files LibreOffice opens with the text in place."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx as python_docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from drafttool.text import labels, markup
from drafttool.model import Footnote, Kind, Masthead, Paragraph, Round
from drafttool.readers import read_document
from drafttool.readers.docx import read_docx
from drafttool.readers.structure import SourceParagraph, assemble, read_label
from drafttool.renderers.docx import render_round_docx
from drafttool.renderers.docx.styles import MASTHEAD_FIELDS

import libreoffice
from strategies import END, CHAPEAU_END, WORDS, rounds, sentence

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def xml(data: bytes, name: str = "word/document.xml") -> etree._Element:
    return etree.fromstring(parts(data)[name])


def vars_of(masthead: Masthead) -> list[str]:
    return [getattr(masthead, name) for name in MASTHEAD_FIELDS if name not in ("symbol", "other")] + list(
        masthead.other)


def round_trip(round_: Round) -> Round:
    return read_docx(render_round_docx(round_), path="round.docx").round


# ---------------------------------------------------------------------------- rounds to generate


@st.composite
def unusual_rounds(draw) -> Round:  # type: ignore[no-untyped-def]
    """Rounds with what the shared strategy leaves out: 'bis' paragraphs and gaps in the
    numbers, A./B. headings, a '*' note on the masthead, notes referred to out of order,
    English '(a)' items in any language, unlabelled text after the operative part."""
    language = draw(st.sampled_from(sorted(WORDS)))
    note_labels = [str(n) for n in range(1, draw(st.integers(0, 3)) + 1)]
    note_ids = [f"fn-{label}" for label in note_labels]
    sources: list[SourceParagraph] = []

    def add(text: str, label: str = "", heading: int = 0, title: bool = False) -> None:
        written, _, readings = read_label(label + " " if label else "")
        sources.append(SourceParagraph(text, written, readings, heading=heading, title=title))

    add(draw(sentence(language, [])), title=True)
    number_style = "{n} -" if language == "ar" else "{n}."
    item_style = draw(st.sampled_from(["{n})", "({n})"]))
    number = 0
    for section in range(1, draw(st.integers(1, 2)) + 1):
        add(draw(sentence(language, [])), labels.to_roman(section) + ".", heading=2)
        for letter in range(1, draw(st.integers(0, 2)) + 1):
            add(draw(sentence(language, [])), labels.to_letters(letter, upper=True) + ".", heading=3)
            for _ in range(draw(st.integers(1, 3))):
                shape = draw(st.sampled_from(["next", "next", "next", "bis", "gap"]))
                suffix = ""
                if shape == "bis" and number:
                    suffix = "bis"
                else:
                    number += 2 if shape == "gap" else 1
                items = draw(st.integers(0, 2))
                end = CHAPEAU_END[language] if items else END[language]
                add(draw(sentence(language, note_ids, end=end)), labels.format_number(number, suffix, number_style))
                for item in range(1, items + 1):
                    add(draw(sentence(language, note_ids, end=END[language])),
                        labels.format_item(item, labels.LabelSort.LETTER, item_style))
    for _ in range(draw(st.integers(0, 2))):
        add(draw(sentence(language, note_ids, end=END[language])))
    paragraphs, _ = assemble(sources)
    used = list(dict.fromkeys(ref for q in paragraphs for ref in markup.footnote_ids(q.text)))
    notes = [Footnote(fid, draw(sentence(language, [], end=END[language])), label)
             for fid, label in zip(note_ids, note_labels) if fid in used]
    masthead = Masthead()
    if draw(st.booleans()):
        masthead = Masthead(organ=draw(sentence(language, [])), agenda_item=draw(sentence(language, [])) + "[^fn-star]",
                            other=("Draft",))
        notes.insert(0, Footnote("fn-star", "E/CN.7/2024/1.", "*"))
    return Round(label="Rev.2", paragraphs=paragraphs, footnotes=tuple(notes), language=language,
                 symbol="E/CN.7/2024/L.2", date="2024-03-14", masthead=masthead)


# ---------------------------------------------------------------------------- round trips


def test_the_seed_declaration_reads_back_the_same(seed_path: Path) -> None:
    round_ = read_document(seed_path, label="Adopted").round
    assert round_trip(round_) == round_


@SETTINGS
@given(rounds())
def test_generated_rounds_in_six_languages_read_back_the_same(round_: Round) -> None:
    assert round_trip(round_) == round_


@SETTINGS
@given(unusual_rounds())
def test_rounds_with_bis_gaps_subheadings_and_star_notes_read_back_the_same(round_: Round) -> None:
    assert round_trip(round_) == round_


def test_rendering_twice_gives_the_same_bytes(seed_path: Path) -> None:
    round_ = read_document(seed_path).round
    assert render_round_docx(round_) == render_round_docx(round_)


# ---------------------------------------------------------------------------- labels and numbering


def _paragraphs(*specs: tuple[str, str, Kind]) -> tuple[Paragraph, ...]:
    sources = []
    for label, text, kind in specs:
        written, _, readings = read_label(label + " " if label else "")
        sources.append(SourceParagraph(text, written, readings, heading=2 if kind is Kind.HEADING else 0))
    return assemble(sources)[0]


def test_word_numbers_consecutive_labels_and_labels_it_cannot_show_are_typed() -> None:
    paragraphs = _paragraphs(
        ("I.", "Engagements", Kind.HEADING), ("1.", "Nous décidons :", Kind.OPERATIVE), ("a)", "un ;", Kind.OPERATIVE),
        ("b)", "deux.", Kind.OPERATIVE), ("1 bis.", "Nous notons :", Kind.OPERATIVE), ("a)", "trois.", Kind.OPERATIVE),
        ("2.", "Nous prions.", Kind.OPERATIVE), ("5.", "Nous sautons.", Kind.OPERATIVE),
    )
    round_ = Round("Rev.1", paragraphs=paragraphs, language="fr")
    data = render_round_docx(round_)
    body = xml(data).find(f"{W}body")
    shown = []
    for p in body.iter(f"{W}p"):
        num = p.find(f"{W}pPr/{W}numPr")
        first = p.find(f"{W}r")
        typed = first.findtext(f"{W}t") if first.find(f"{W}tab") is not None else ""  # label, then a w:tab
        where = (num.find(f"{W}numId").get(f"{W}val"), num.find(f"{W}ilvl").get(f"{W}val")) if num is not None else None
        shown.append((where, typed))
    assert shown == [
        (None, "I."), (("1", "0"), ""), (("2", "1"), ""), (("2", "1"), ""),
        (None, "1 bis."), (("3", "1"), ""),  # a new w:num restarts the letters under '1 bis.'
        (("1", "0"), ""), (None, "5."),
    ]
    numbering = xml(data, "word/numbering.xml")
    overrides = {num.get(f"{W}numId"): [(o.get(f"{W}ilvl"), o.find(f"{W}startOverride").get(f"{W}val"))
                                        for o in num.iter(f"{W}lvlOverride")] for num in numbering.iter(f"{W}num")}
    assert overrides == {"1": [], "2": [("1", "1"), ("2", "1")], "3": [("1", "1"), ("2", "1")]}
    assert [lvl.find(f"{W}lvlText").get(f"{W}val") for lvl in numbering.iter(f"{W}lvl")] == ["%1.", "%2)", "%3)"]
    assert round_trip(round_) == round_


def test_letters_after_a_deeper_item_under_a_typed_chapeau_start_again_at_a() -> None:
    # '1 bis.' is typed, so the letters of '1.' run on; its list opens with 'i)', and Word
    # applies the overrides of a num only at its first paragraph's level and below: the
    # letters need a num of their own to show 'a)' (LibreOffice showed 'c)').
    round_ = Round("Rev.1", paragraphs=(
        Paragraph("p1", "Nous décidons :", label="1.", kind=Kind.OPERATIVE),
        Paragraph("p1.a", "un ;", label="a)", kind=Kind.SUBPARAGRAPH, parent="p1", level=1),
        Paragraph("p1.b", "deux ;", label="b)", kind=Kind.SUBPARAGRAPH, parent="p1", level=1),
        Paragraph("p1bis", "Nous notons :", label="1 bis.", kind=Kind.OPERATIVE),
        Paragraph("p1bis.a.i", "trois ;", label="i)", kind=Kind.SUBPARAGRAPH, parent="p1bis.a", level=2),
        Paragraph("p1bis.a", "quatre.", label="a)", kind=Kind.SUBPARAGRAPH, parent="p1bis", level=1),
    ), language="fr")
    nums = [(num.find(f"{W}numId").get(f"{W}val"), num.find(f"{W}ilvl").get(f"{W}val")) if num is not None else None
            for num in (p.find(f"{W}pPr/{W}numPr") for p in xml(render_round_docx(round_)).iter(f"{W}p"))]
    assert nums == [("1", "0"), ("2", "1"), ("2", "1"), None, ("3", "2"), ("4", "1")]
    assert [p.label for p in read_docx(render_round_docx(round_)).round.paragraphs] == [
        "1.", "a)", "b)", "1 bis.", "i)", "a)"]


def test_english_rounds_get_bracketed_letters_and_arabic_abjad_letters_are_typed() -> None:
    english = Round("x", paragraphs=_paragraphs(("1.", "Decides:", Kind.OPERATIVE), ("(a)", "one;", Kind.OPERATIVE)),
                    language="en")
    levels = xml(render_round_docx(english), "word/numbering.xml").iter(f"{W}lvlText")
    assert [lvl.get(f"{W}val") for lvl in levels] == ["%1.", "(%2)", "(%3)"]
    arabic = Round("x", paragraphs=_paragraphs(("1 -", "تقرر:", Kind.OPERATIVE), ("(أ)", "التعاون.", Kind.OPERATIVE)),
                   language="ar")
    data = render_round_docx(arabic)
    texts = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in xml(data).iter(f"{W}p")]
    assert texts == ["تقرر:", "(أ)التعاون."]  # the tab between label and text is a w:tab
    assert next(xml(data, "word/numbering.xml").iter(f"{W}lvlText")).get(f"{W}val") == "%1 -"
    assert round_trip(arabic) == arabic


# ---------------------------------------------------------------------------- the package


def test_the_package_is_complete_and_well_formed(seed_path: Path) -> None:
    """docs/testing.md, 'Word files': every part named in [Content_Types].xml exists, every relationship
    points to a part, spaces at the ends of text carry xml:space="preserve"."""
    round_ = read_document(seed_path).round
    data = render_round_docx(round_)
    files = parts(data)
    assert list(files)[0] == "[Content_Types].xml"
    types = etree.fromstring(files["[Content_Types].xml"])
    for override in types:
        if override.get("PartName"):
            assert override.get("PartName").lstrip("/") in files
    for name in [n for n in files if n.endswith(".rels")]:
        folder = name.replace("_rels/", "").removesuffix(".rels").rpartition("/")[0]
        for rel in etree.fromstring(files[name]):
            target = f"{folder}/{rel.get('Target')}" if folder else rel.get("Target")
            assert target in files, (name, target)
    for name, content in files.items():
        root = etree.fromstring(content)  # well-formed
        for t in root.iter(f"{W}t"):
            if t.text and (t.text[0].isspace() or t.text[-1].isspace()):
                assert t.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve", t.text
    notes = etree.fromstring(files["word/footnotes.xml"])
    ids = [n.get(f"{W}id") for n in notes]
    assert ids[:2] == ["-1", "0"] and len(ids) == len(set(ids)) == 2 + 13  # the star and footnotes 1-12
    separators = etree.fromstring(files["word/settings.xml"]).findall(f"{W}footnotePr/{W}footnote")
    assert [s.get(f"{W}id") for s in separators] == ["-1", "0"]
    masthead = bool(round_.symbol) + sum(1 for value in vars_of(round_.masthead) if value)  # symbol, fields
    assert len(python_docx.Document(io.BytesIO(data)).paragraphs) == len(round_.paragraphs) + masthead


def test_control_characters_are_removed_not_written() -> None:
    round_ = Round("x", paragraphs=(Paragraph("p1", "Bad\x01 text\x0b with\x1f controls\ufffe.", label="1."),),
                   footnotes=(), language="en")
    data = render_round_docx(round_)
    etree.fromstring(parts(data)["word/document.xml"])
    assert round_trip(round_).paragraphs[0].text == "Bad text with controls."


def test_arabic_is_right_to_left_and_chinese_has_an_east_asian_font_hint() -> None:
    arabic = Round("x", paragraphs=(Paragraph("p1", "نؤكد **من** جديد.", label="1 -"),), language="ar")
    document = xml(render_round_docx(arabic))
    p = document.find(f"{W}body/{W}p")
    assert p.find(f"{W}pPr/{W}bidi") is not None
    assert all(r.find(f"{W}rPr/{W}rtl") is not None for r in p.iter(f"{W}r"))
    bold = [r for r in p.iter(f"{W}r") if r.find(f"{W}rPr/{W}b") is not None]
    assert len(bold) == 1 and bold[0].find(f"{W}rPr/{W}bCs") is not None
    chinese = Round("x", paragraphs=(Paragraph("p1", "我们重申承诺。", label="1."),), language="zh")
    data = render_round_docx(chinese)
    run = xml(data).find(f".//{W}r")
    assert run.find(f"{W}rPr/{W}rFonts").get(f"{W}hint") == "eastAsia"
    defaults = xml(data, "word/styles.xml").find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    assert defaults.find(f"{W}rFonts").get(f"{W}eastAsia") == "SimSun"
    assert defaults.find(f"{W}lang").get(f"{W}eastAsia") == "zh-CN"


# ---------------------------------------------------------------------------- LibreOffice


def _displayed(round_: Round) -> list[str]:
    """The lines a text export should show: masthead, then each paragraph with its label
    and footnote marks, white space collapsed."""
    marks = {f.id: f.label for f in round_.footnotes}

    def shown(text: str) -> str:
        return "".join(marks[r.footnote] if r.footnote else r.text for r in markup.parse(text))

    lines = []
    for name in MASTHEAD_FIELDS:
        if name == "symbol":
            values: tuple[str, ...] = (markup.escape(round_.symbol),)
        else:
            values = round_.masthead.other if name == "other" else (getattr(round_.masthead, name),)
        lines += [shown(v) for v in values if v]
    lines += [f"{q.label} {shown(q.text)}" for q in round_.paragraphs]
    return [" ".join(line.split()) for line in lines]


def _examples(strategy: st.SearchStrategy[Round], count: int) -> list[Round]:
    found: list[Round] = []

    @settings(max_examples=count, derandomize=True, database=None, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def collect(round_: Round) -> None:
        found.append(round_)

    collect()
    return found


def _in(language: str) -> Callable[[Round], bool]:
    return lambda round_: round_.language == language


def test_generated_files_open_in_libreoffice_with_every_label_and_text(tmp_path: Path, seed_path: Path) -> None:
    """One soffice call converts the seed and generated rounds in four languages to text;
    LibreOffice shows each paragraph with the label the round has, numbered or typed."""
    chosen = {"seed-fr": read_document(seed_path, label="Adopted").round}
    for language in ("ar", "zh", "en", "ru"):
        candidates = _examples(rounds(languages=(language,)), 8) + _examples(
            unusual_rounds().filter(_in(language)), 4)
        chosen[f"generated-{language}"] = max(candidates, key=lambda r: len(r.paragraphs) + 5 * len(r.footnotes))
    files = []
    for name, round_ in chosen.items():
        path = tmp_path / f"{name}.docx"
        path.write_bytes(render_round_docx(round_))
        files.append(path)
    outputs = libreoffice.convert(files, "txt:Text", tmp_path / "txt")
    for (name, round_), output in zip(chosen.items(), outputs):
        shown = [" ".join(line.split()) for line in libreoffice.text_lines(output)]
        assert shown == _displayed(round_), name


# ---------------------------------------------------------------------------- size


def test_a_long_round_reads_back_whole() -> None:
    """1,500 paragraphs and 750 subparagraphs under 150 chapeaux: the numbering stays exact."""
    sources = []
    for number in range(1, 1501):
        text = f"Paragraph {number} of the draft" + (":" if number % 10 == 0 else ".")
        sources.append(SourceParagraph(text, f"{number}.", (labels.number_label(f"{number}. "), None)))
        if number % 10 == 0:
            for item in range(1, 6):
                label = f"{labels.to_letters(item)})"
                sources.append(SourceParagraph(f"item {item};", label, labels.item_label(label + " ")))
    paragraphs, notices = assemble(sources)
    assert not notices
    round_ = Round("Rev.1", paragraphs=paragraphs, language="en")
    back = round_trip(round_)
    assert back.paragraphs == round_.paragraphs
    assert len(re.findall(rb"<w:num ", parts(render_round_docx(round_))["word/numbering.xml"])) == 1 + 150
