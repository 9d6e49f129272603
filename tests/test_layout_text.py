"""Text converted with `pdftotext -layout`: paragraphs told by the indent of their first line,
running headers and footers, footnotes under a rule with their number on a line of its own,
centred Article headings.  The fixtures are written for these tests in that shape."""

from __future__ import annotations

from drafttool.model import Kind, Scope
from drafttool.readers.markdown import read_markdown

M = " " * 18  # the page's left margin
P = " " * 24  # a paragraph's first line

PAGE_1 = f"""              United Nations                                                          A/RES/99/1
              General Assembly                                              Distr.: General
                                                                            1 January 2099

Ninety-ninth session
Agenda item 1

                  Resolution adopted by the General Assembly

  99/1.           Cooperation on shared rivers, lakes and the aquifers connected
{M}to them

{P}The General Assembly,
{P}Recalling its resolution 98/7 on the cooperation of riparian States in the
{M}management of shared watercourses, and its resolution 97/3 on the sharing of
{M}hydrological data between the States of one basin, in which it encouraged
{M}regular exchanges,
{P}Noting the report of the Secretary-General, 1
{P}1.    Decides to convene a meeting of riparian States in the course of the
{M}year to exchange data on the flow of shared rivers and on the
        _______________
           1
{M}A/99/100, issued on 9 December 2098 and
{M}corrected on 12 December 2098.



99-12345 (E)
*9912345*
\f"""
PAGE_2 = f"""A/RES/99/1                           Cooperation on shared rivers, lakes and the aquifers


{M}state of their basins, and requests the Secretariat to support it;
{P}2.    Invites States:
{P}(a) To report on their data;
{P}(b) To share their models;
{P}3.    Decides to remain seized of the matter.

2/2                                                                          99-12345
"""


def test_a_resolution_laid_out_as_on_the_page_reads_paragraph_by_paragraph_across_the_page_break():
    reading = read_markdown(PAGE_1 + PAGE_2, path="res.txt", markdown=False)
    assert [(p.id, p.kind.value, p.label) for p in reading.round.paragraphs] == [
        ("title", "title", ""),
        ("pp1", "preambular", ""), ("pp2", "preambular", ""), ("pp3", "preambular", ""),
        ("p1", "operative", "1."), ("p2", "operative", "2."),
        ("p2.a", "subparagraph", "(a)"), ("p2.b", "subparagraph", "(b)"), ("p3", "operative", "3."),
    ]
    round_ = reading.round
    assert round_.paragraph("p1").text.endswith("on the flow of shared rivers and on the state of their basins, "
                                                 "and requests the Secretariat to support it;")
    assert round_.paragraph("pp3").text == "Noting the report of the Secretary-General,[^fn-1]"
    assert [(f.label, f.text) for f in round_.footnotes] == [
        ("1", "A/99/100, issued on 9 December 2098 and corrected on 12 December 2098.")]
    assert round_.paragraph("title").text == "Cooperation on shared rivers, lakes and the aquifers connected to them"


AGREEMENT = f"""                              AGREEMENT ON SHARED RIVERS

                                       PREAMBLE

       The Parties to this Agreement,

       Recalling the principles of international water law,

       Have agreed as follows:

                                       PART I
                                 GENERAL PROVISIONS

                                      Article 1
                                     Use of terms

       For the purposes of this Agreement:

1.     “Basin” means the area drained by a watercourse and the waters under it,
including aquifers that are connected to it.

2.     “Party” means a State for which this Agreement is in force.

                                      Article 2
                                      Objective

       The objective of this Agreement is to share data on shared rivers.
\f                                         -2-
                                      Article 3
                                  Exchange of data

1.     Parties shall exchange data regularly:

       (a)   On flows;

       (b)   On quality.

2.     Parties shall report.
"""


def test_an_agreement_laid_out_as_on_the_page_has_its_parts_and_articles_and_their_paragraphs_under_them():
    round_ = read_markdown(AGREEMENT, path="agreement.txt", markdown=False).round
    containers = [(p.id, p.scope, p.label, p.text) for p in round_.paragraphs if p.kind is Kind.CONTAINER]
    assert containers == [
        ("part-1", Scope.PART, "PART I", "GENERAL PROVISIONS"),
        ("art-1", Scope.ARTICLE, "Article 1", "Use of terms"),
        ("art-2", Scope.ARTICLE, "Article 2", "Objective"),
        ("art-3", Scope.ARTICLE, "Article 3", "Exchange of data"),
    ]
    assert [(p.id, p.parent) for p in round_.paragraphs if p.parent and p.kind is not Kind.CONTAINER] == [
        ("art-1.t1", "art-1"), ("art-1.p1", "art-1"), ("art-1.p2", "art-1"), ("art-2.t1", "art-2"),
        ("art-3.p1", "art-3"), ("art-3.p1.a", "art-3.p1"), ("art-3.p1.b", "art-3.p1"), ("art-3.p2", "art-3"),
    ]
    assert [p.text for p in round_.paragraphs if p.kind is Kind.PREAMBULAR] == [
        "The Parties to this Agreement,", "Recalling the principles of international water law,",
        "Have agreed as follows:"]
