"""Shapes of a printed treaty that were misread: lettered items 'a.' under a roman item,
a paragraph number whose full stop is set in italics, the publisher's imprint on the
cover, and bullets under a numbered paragraph."""

from __future__ import annotations

from pathlib import Path

from drafttool.readers import read_document
from drafttool.readers.markdown import read_markdown
from drafttool.renderers.markdown import render_round_markdown

import libreoffice
from docx_fixtures import docx, p, r

ANNEX = """AGREEMENT ON COOPERATION

Article 1
Use of terms

1. This Agreement applies.

ANNEX II
Types of cooperation

Under this Agreement, cooperation may include:

(a) The sharing of data, including with regard to:

(i) Research results;

(ii) Training in:

a. The natural sciences;

b. Technology;

c. Policy and governance;

(iii) The exchange of experts;

(iv) Funding, including through:

a. Grants;

b. Expertise;

(v) A network of experts;

(b) The development of manuals.
"""


def test_items_lettered_a_dot_under_a_roman_item_that_opens_a_list_are_its_subparagraphs() -> None:
    reading = read_markdown(ANNEX.encode(), path="annex.txt", markdown=False)
    items = [(q.id, q.label, q.parent, q.level) for q in reading.round.paragraphs if q.kind.value == "subparagraph"]
    assert items == [
        ("annex-2.pp1.a", "(a)", "annex-2.pp1", 1),
        ("annex-2.pp1.a.i", "(i)", "annex-2.pp1.a", 2),
        ("annex-2.pp1.a.ii", "(ii)", "annex-2.pp1.a", 2),
        ("annex-2.pp1.a.ii.a", "a.", "annex-2.pp1.a.ii", 3),
        ("annex-2.pp1.a.ii.b", "b.", "annex-2.pp1.a.ii", 3),
        ("annex-2.pp1.a.ii.c", "c.", "annex-2.pp1.a.ii", 3),
        ("annex-2.pp1.a.iii", "(iii)", "annex-2.pp1.a", 2),
        ("annex-2.pp1.a.iv", "(iv)", "annex-2.pp1.a", 2),
        ("annex-2.pp1.a.iv.a", "a.", "annex-2.pp1.a.iv", 3),
        ("annex-2.pp1.a.iv.b", "b.", "annex-2.pp1.a.iv", 3),
        ("annex-2.pp1.a.v", "(v)", "annex-2.pp1.a", 2),
        ("annex-2.pp1.b", "(b)", "annex-2.pp1", 1),
    ]
    assert [q.text for q in reading.round.paragraphs if q.label == "a."] == ["The natural sciences;", "Grants;"]
    assert not [n for n in reading.notices if "lettering" in n.message]
    round_ = reading.round
    assert read_markdown(render_round_markdown(round_), path="a.md").round == round_


def test_a_lower_case_a_dot_elsewhere_is_no_label() -> None:
    text = "T\n\n1. Decides:\n\n(a) To act;\n\na. m. is a time of day.\n"
    assert [q.text for q in read_markdown(text.encode(), path="t.txt", markdown=False).round.paragraphs][-1] == \
        "a. m. is a time of day."


def test_a_printed_treaty_s_imprint_and_an_italic_full_stop_after_a_number_read_right_from_pdf(tmp_path: Path) -> None:
    big = '<w:b/><w:sz w:val="32"/>'
    body = "".join([
        p(r("AGREEMENT ON COOPERATION", props=big)),
        p(r("UNITED NATIONS", props='<w:b/><w:sz w:val="24"/>')), p(r("2023", props='<w:b/><w:sz w:val="24"/>')),
        p(r("Article 1", b=True)), p(r("Committee", b=True)),
        p("1.\tA committee is hereby established."),
        p("2.\tIt shall meet every year and report to the Parties on its work, in the languages of the Parties."),
        p("3", r(".", i=True), "\tThe committee may make recommendations to the Parties on the information it "
          "obtains under paragraph 2 above."),
    ])
    (tmp_path / "treaty.docx").write_bytes(docx(body))
    (pdf,) = libreoffice.convert([tmp_path / "treaty.docx"], "pdf", tmp_path / "pdf")
    reading = read_document(pdf)
    assert [(q.id, q.label, q.text) for q in reading.round.paragraphs] == [
        ("title", "", "AGREEMENT ON COOPERATION"),
        ("art-1", "Article 1", "Committee"),
        ("art-1.p1", "1.", "A committee is hereby established."),
        ("art-1.p2", "2.", "It shall meet every year and report to the Parties on its work, in the languages of the "
                           "Parties."),
        ("art-1.p3", "3.", "The committee may make recommendations to the Parties on the information it obtains "
                           "under paragraph 2 above."),
    ]
    assert reading.round.masthead.other == ("UNITED NATIONS 2023",)


LAID_OUT = """                              AGREEMENT ON SHARED RIVERS

                                       PREAMBLE

       The Parties to this Agreement,

       Have agreed as follows:

                                      Article 1
          Exchange of data on the flows and on the quality of shared rivers and
                                    their basins

1.     The Clearing-House Mechanism shall, in accordance with this Agreement:

        (a) Serve as a platform for information relating to:

      (i) Data on flows and on the quality of the waters, as set out in
      Part II of this Agreement;

      (ii) Data on the aquifers connected to them;

        (b) Facilitate cooperation between the Parties.

2.     The data shall be exchanged in a form that each Party can read, and each Party
shall say which form it uses, how often it measures the flows and the quality of the
waters, and where it keeps the records of those measures.
\f                                         -2-
                                      Article 2
                                   Other matters

1.     Parties shall report every year on the data they have exchanged under
article 1 and on the cooperation between them, and on what they have learned from it
for the management of the rivers and of their basins.

2.     Each report shall cover:
                  (a)   The flows;
                  (b)   The quality of the waters.
"""


def test_a_title_wrapped_over_centred_lines_an_item_wrapped_at_its_indent_and_the_preamble_s_heading_read_right() -> None:
    reading = read_markdown(LAID_OUT.encode(), path="agreement.txt", markdown=False)
    assert [(q.id, q.label, q.text) for q in reading.round.paragraphs if q.parent or q.kind.value == "container"] == [
        ("art-1", "Article 1", "Exchange of data on the flows and on the quality of shared rivers and their basins"),
        ("art-1.p1", "1.", "The Clearing-House Mechanism shall, in accordance with this Agreement:"),
        ("art-1.p1.a", "(a)", "Serve as a platform for information relating to:"),
        ("art-1.p1.a.i", "(i)", "Data on flows and on the quality of the waters, as set out in Part II of this "
                                "Agreement;"),
        ("art-1.p1.a.ii", "(ii)", "Data on the aquifers connected to them;"),
        ("art-1.p1.b", "(b)", "Facilitate cooperation between the Parties."),
        ("art-1.p2", "2.", "The data shall be exchanged in a form that each Party can read, and each Party shall say "
                           "which form it uses, how often it measures the flows and the quality of the waters, and "
                           "where it keeps the records of those measures."),
        ("art-2", "Article 2", "Other matters"),
        ("art-2.p1", "1.", "Parties shall report every year on the data they have exchanged under article 1 and on "
                           "the cooperation between them, and on what they have learned from it for the management of "
                           "the rivers and of their basins."),
        ("art-2.p2", "2.", "Each report shall cover:"),
        ("art-2.p2.a", "(a)", "The flows;"),
        ("art-2.p2.b", "(b)", "The quality of the waters."),
    ]
    assert not [n for n in reading.notices if "lettering" in n.message or "appears again" in n.message]
    assert [(q.id, q.kind.value, q.text) for q in reading.round.paragraphs[:3]] == [
        ("title", "title", "AGREEMENT ON SHARED RIVERS"), ("sec-u1", "heading", "PREAMBLE"),
        ("pp1", "preambular", "The Parties to this Agreement,")]
