"""The Markdown / plain-text reader, first of all on the seed declaration."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from drafttool.text import markup
from drafttool.errors import InputError
from drafttool.model import Kind
from drafttool.readers import read_document
from drafttool.readers.markdown import read_markdown

from conftest import FIXTURES, SEED


@pytest.fixture(scope="module")
def seed():
    return read_document(SEED)


def by_id(round_, pid):
    paragraph = round_.paragraph(pid)
    assert paragraph is not None, pid
    return paragraph


def test_the_seed_reads_without_notices(seed):
    assert seed.notices == ()


def test_every_numbered_paragraph_is_there_in_order(seed):
    operative = [p for p in seed.round.paragraphs if p.kind is Kind.OPERATIVE]
    assert [p.label for p in operative] == [f"{n}." for n in range(1, 43)]
    assert [p.id for p in operative] == [f"p{n}" for n in range(1, 43)]
    assert all(p.parent is None for p in operative)


def test_subparagraphs_sit_under_their_chapeau(seed):
    subs = [p for p in seed.round.paragraphs if p.kind is Kind.SUBPARAGRAPH]
    assert [(p.parent, p.label) for p in subs] == (
        [("p18", f"{c})") for c in "abcdefghijkl"] + [("p20", f"{c})") for c in "abcdefg"]
    )
    # 'i)' after 'h)' is the letter i, not roman one.
    assert by_id(seed.round, "p18.i").level == 1
    assert by_id(seed.round, "p18").text.endswith("dont les suivants :")
    assert by_id(seed.round, "p20").text == "Nous constatons avec préoccupation, entre autres :"
    # Subparagraphs come right after their chapeau, in the order of the text.
    ids = [p.id for p in seed.round.paragraphs]
    assert ids[ids.index("p18") + 1: ids.index("p18") + 13] == [f"p18.{c}" for c in "abcdefghijkl"]
    assert ids[ids.index("p18.l") + 1] == "p19"


def test_headings_are_recognised_with_their_levels(seed):
    headings = [(p.id, p.label, p.level, p.parent, p.text) for p in seed.round.paragraphs if p.kind is Kind.HEADING]
    assert headings == [
        ("sec-I", "I.", 1, None, "Nos engagements communs"),
        ("sec-II", "II.", 1, None, "Bilan"),
        ("sec-III", "III.", 1, None, "Voie à suivre"),
        ("sec-III-A", "A.", 2, "sec-III", "Coopération à tous les niveaux"),
        ("sec-III-B", "B.", 2, "sec-III", "Collecte et analyse des données"),
        ("sec-III-C", "C.", 2, "sec-III", "Innovation technologique"),
        ("sec-III-D", "D.", 2, "sec-III", "Renforcement des capacités et mobilisation de ressources"),
        ("sec-III-E", "E.", 2, "sec-III", "Examen de 2029"),
    ]


def test_title_and_opening_paragraph(seed):
    first, second = seed.round.paragraphs[:2]
    assert first.kind is Kind.TITLE
    assert first.text.startswith("Déclaration de haut niveau issue de l'examen à mi-parcours")
    assert second.kind is Kind.PREAMBULAR
    assert second.text.startswith("Nous, les ministres,")


def test_masthead_fields(seed):
    masthead = seed.round.masthead
    assert masthead.organ == "Conseil économique et social"
    assert masthead.distribution == "Distr. limitée"
    assert masthead.date == "14 mars 2024"
    assert masthead.language == "Français"
    assert masthead.original == "Original : anglais"
    assert masthead.body == "Commission des stupéfiants"
    assert masthead.session == "Soixante-septième session"
    assert masthead.venue == "Vienne, 14-22 mars 2024"
    assert masthead.agenda_item == "Point 3 de l'ordre du jour provisoire[^fn-star]"
    assert masthead.agenda_title == "Débat de haut niveau"
    assert seed.round.language == "fr"


def test_every_footnote_is_attached_at_its_reference(seed):
    where = {}
    for paragraph in seed.round.paragraphs:
        for ref in markup.footnote_ids(paragraph.text):
            where[ref] = paragraph.id
    assert where == {
        "fn-1": "pp1", "fn-2": "p1", "fn-3": "p1", "fn-4": "p1", "fn-5": "p2", "fn-6": "p5", "fn-7": "p5",
        "fn-8": "p5", "fn-9": "p12", "fn-10": "p15", "fn-11": "p39", "fn-12": "p41",
    }
    labels = [f.label for f in seed.round.footnotes]
    assert sorted(labels, key=lambda x: (x != "*", int(x) if x.isdigit() else 0)) == ["*"] + [str(n) for n in range(1, 13)]
    assert "drogue[^fn-1], adoptée" in by_id(seed.round, "pp1").text
    assert by_id(seed.round, "p41").text.endswith("arrêtées d'un commun accord[^fn-12].")


def test_footnote_bodies_are_whole_and_formatted(seed):
    footnotes = {f.id: f for f in seed.round.footnotes}
    assert footnotes["fn-2"].text == "*Ibid.*, 2009, *Supplément n° 8 (E/2009/28)*, chap. I, sect. C."
    assert footnotes["fn-star"].text == "E/CN.7/2024/1."
    # Footnote 10 goes on over three blocks (two links) before paragraph 15 resumes.
    assert footnotes["fn-10"].text == (
        "Disponibles aux adresses suivantes : www.unodc.org/unodc/en/commissions/CND/session/sessions.html et "
        "www.unodc.org/unodc/en/commissions/CND/Mandate_Functions/thematic-discussions.html."
    )
    assert footnotes["fn-12"].text.startswith("Certaines délégations ont mentionné")


@pytest.mark.parametrize(
    ("pid", "seam"),
    [
        ("p2", "avec les buts et principes de la Charte des Nations Unies"),
        ("p9", "prévenir, réduire sensiblement et s'employer à éliminer"),
        ("p15", "et étayer notre examen des progrès accomplis"),
        ("p25", "fondées sur des données scientifiques, globales et équilibrées"),
        ("p30", "le problème mondial de la drogue à tous les niveaux, y compris"),
        ("p37", "d'assistance technique et de renforcement des capacités à tous les niveaux"),
    ],
)
def test_paragraphs_cut_by_pages_and_footnotes_are_whole(seed, pid, seam):
    assert seam in by_id(seed.round, pid).text


def test_no_page_furniture_or_footnote_text_inside_paragraphs(seed):
    for paragraph in seed.round.paragraphs:
        plain = markup.plain(paragraph.text)
        for leak in ("<sup>", "</sup>", "---", "\\", "www.", "Résolution", "Ibid", "Supplément", "E/CN.7/2024/1"):
            assert leak not in plain, (paragraph.id, leak)
        assert "  " not in plain
        assert not re.search(r"\(#\)|\]\(", plain)


def test_every_paragraph_ends_as_a_sentence_does(seed):
    for paragraph in seed.round.paragraphs:
        plain = markup.plain(paragraph.text)
        if paragraph.kind in (Kind.OPERATIVE, Kind.PREAMBULAR):
            assert plain[-1] in ".:", paragraph.id
        elif paragraph.kind is Kind.SUBPARAGRAPH:
            assert plain.endswith((" ;", ".")), paragraph.id


def test_pdf_converted_text_drops_furniture_and_rejoins_pages():
    reading = read_document(FIXTURES / "seed-pdf-extract.fr.txt")
    round_ = reading.round
    assert round_.symbol == "E/CN.7/2024/L.2"
    assert round_.masthead.organ == "Conseil économique et social"
    assert round_.masthead.agenda_item == "Point 3 de l'ordre du jour provisoire[^fn-star]"
    assert round_.paragraphs[0].kind is Kind.TITLE
    p2 = round_.paragraph("p2")
    assert p2.text == (
        "Nous réaffirmons également notre engagement à aborder et combattre efficacement le problème mondial de "
        "la drogue en totale conformité avec les buts et principes de la Charte des Nations Unies, du droit "
        "international et de la Déclaration universelle des droits de l'homme[^fn-3], et dans le plein respect "
        "de la souveraineté des États."
    )
    # Footnote numbers glued to words become references.
    assert "drogue[^fn-1], adoptée" in round_.paragraph("pp1").text
    assert "internationale[^fn-2], en vue" in round_.paragraph("p1").text
    assert [f.label for f in round_.footnotes] == ["*", "1", "2", "3"]
    assert [p.id for p in round_.paragraphs if p.kind is Kind.SUBPARAGRAPH] == ["p3.a", "p3.b", "p3.c"]
    messages = [n.message for n in reading.notices]
    assert messages == [
        "left out 4 line(s) of page furniture (lines 31, 32, 36, 51)",
        "left out 1 running document symbol line(s) (lines 34)",
    ]
    for paragraph in round_.paragraphs:
        assert not re.search(r"24-04527|2404527|\d/8|E/CN\.7/2024/L\.2", paragraph.text), paragraph.id


def read(text: str, **options):
    return read_markdown(text.encode("utf-8"), path="doc.md", **options)


def test_negotiation_brackets_stay_and_markdown_syntax_goes():
    reading = read(
        "1. Decides [to establish][to consider] a [[working group]] on [data](http://x.org)[^1];\n\n"
        "[^1]: See *annex*.\n"
    )
    paragraph = reading.round.paragraphs[0]
    assert paragraph.text == "Decides [to establish][to consider] a [[working group]] on data[^fn-1];"
    assert reading.notices == ()


def test_unbalanced_brackets_are_reported_with_their_paragraph():
    reading = read("1. Decides [to act.\n\n2. Requests the Secretariat].\n\n3. Notes ] that.\n\n4. Urges [all.\n")
    assert [(n.place, n.message) for n in reading.notices] == [
        ("5", "']' in paragraph 3. closes no '['"),
        ("7", "'[' opened in paragraph 4. is never closed"),
    ]


def test_labels_in_the_six_languages():
    text = (
        "1. English chapeau:\n\n(a) first;\n\n(b) second:\n\n(i) roman one;\n\n(ii) roman two;\n\n(c) third.\n\n"
        "2 - فقرة عربية:\n\n(أ) البند الأول؛\n\n(ب) البند الثاني.\n\n"
        "3. 中文段落：\n\n（一）第一项；\n\n（二）第二项。\n\n"
        "3 bis. Inserted paragraph.\n\n4. Пункт:\n\na) первый;\n\nb) второй.\n"
    )
    round_ = read(text).round
    got = [(p.id, p.kind.value, p.label, p.parent, p.level) for p in round_.paragraphs]
    assert got == [
        ("p1", "operative", "1.", None, 0),
        ("p1.a", "subparagraph", "(a)", "p1", 1),
        ("p1.b", "subparagraph", "(b)", "p1", 1),
        ("p1.b.i", "subparagraph", "(i)", "p1.b", 2),
        ("p1.b.ii", "subparagraph", "(ii)", "p1.b", 2),
        ("p1.c", "subparagraph", "(c)", "p1", 1),
        ("p2", "operative", "2 -", None, 0),
        ("p2.a", "subparagraph", "(أ)", "p2", 1),
        ("p2.b", "subparagraph", "(ب)", "p2", 1),
        ("p3", "operative", "3.", None, 0),
        ("p3.a", "subparagraph", "（一）", "p3", 1),
        ("p3.b", "subparagraph", "（二）", "p3", 1),
        ("p3bis", "operative", "3 bis.", None, 0),
        ("p4", "operative", "4.", None, 0),
        ("p4.a", "subparagraph", "a)", "p4", 1),
        ("p4.b", "subparagraph", "b)", "p4", 1),
    ]


def test_arabic_indic_digits_and_chinese_page_joins():
    round_ = read("١ - تقرر الجمعية\n\n٢ - تطلب\n\n3. 我们重申对实现\n\n可持续发展目标的承诺。\n").round
    assert [(p.id, p.label) for p in round_.paragraphs] == [("p1", "١ -"), ("p2", "٢ -"), ("p3", "3.")]
    assert round_.paragraph("p3").text == "我们重申对实现可持续发展目标的承诺。"


def test_a_chinese_opening_that_is_no_numeral_is_read_as_words():
    round_ = read("1. 决定：\n\n二二十、这是一段文字。\n\n二十、第二十段。\n").round
    assert [(p.id, p.label, p.text) for p in round_.paragraphs] == [
        ("p1", "1.", "决定："), ("t1", "", "二二十、这是一段文字。"), ("sec-20", "二十、", "第二十段。")]


def test_numbering_that_skips_or_repeats_is_reported():
    reading = read("1. One.\n\n2. Two.\n\n2. Two again.\n\n5. Five.\n")
    assert [p.id for p in reading.round.paragraphs] == ["p1", "p2", "p2-2", "p5"]
    assert [n.message for n in reading.notices] == [
        "numbering goes from '2.' to '2.'",
        "label '2.' appears again; its paragraph gets the id p2-2",
        "numbering goes from '2.' to '5.'",
    ]


def test_footnote_reference_without_body_and_body_without_reference():
    reading = read("1. Text[^1] and more[^9].\n\n[^1]: One.\n\n[^2]: Orphan.\n")
    assert [n.message for n in reading.notices] == [
        "footnote reference 'fn-9' has no footnote body",
        "footnote 2 is not referred to anywhere; kept at the end",
    ]
    assert [f.label for f in reading.round.footnotes] == ["1", "2"]


def test_markup_keeps_italic_and_bold_and_escapes():
    round_ = read("*Recalling* its resolution 70/1 on **the 2030 Agenda** and a\\*star,\n").round
    assert round_.paragraphs[0].text == "*Recalling* its resolution 70/1 on **the 2030 Agenda** and a\\*star,"
    assert markup.plain(round_.paragraphs[0].text) == "Recalling its resolution 70/1 on the 2030 Agenda and a*star,"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "doc.md: the document is empty"),
        (b"\n\n  \n", "doc.md: the document is empty"),
        # Windows-1252 is read with a notice (tests/test_broken_text.py); Windows-1251 is not guessed.
        ("1. Организация.\n".encode("cp1251"), "doc.md:1: byte 0xce is not UTF-8 (column 4), and the line is not "
                                               "Windows-1252 text either; save the file as UTF-8"),
        (b"---\nround: x\n", "doc.md:1: front matter opened with '---' on line 1 is never closed"),
    ],
)
def test_bad_text_input_gets_one_line_naming_file_and_place(data, message):
    with pytest.raises(InputError) as caught:
        read_markdown(data, path="doc.md")
    assert str(caught.value) == message
    assert "\n" not in str(caught.value)


def test_bom_and_windows_line_endings_are_fine():
    reading = read_markdown("\ufeff1. One.\r\n\r\n2. Two.\r\n".encode("utf-8"), path="doc.md")
    assert [p.text for p in reading.round.paragraphs] == ["One.", "Two."]


def test_unknown_suffix_and_missing_file(tmp_path: Path):
    with pytest.raises(InputError, match=r"x\.odt: unknown kind of file '\.odt'"):
        read_document(tmp_path / "x.odt")
    with pytest.raises(InputError, match=r"missing\.md: no such file"):
        read_document(tmp_path / "missing.md")


def test_a_title_wholly_in_italics_in_markdown_drafttool_wrote_keeps_its_italics():
    text = "---\nround: Zero draft\nlanguage: zh\n---\n\n# *我我*\n\n## 第一条\n\n1. 我我。\n"
    assert read_markdown(text).round.paragraphs[0].text == "*我我*"


def test_a_title_wholly_in_bold_in_another_document_is_read_without_its_bold():
    text = "**DRAFT RESOLUTION**\n\n1. Decides to remain seized of the matter.\n"
    title = read_markdown(text).round.paragraphs[0]
    assert (title.kind, title.text) == (Kind.TITLE, "DRAFT RESOLUTION")
