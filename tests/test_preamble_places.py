"""'PP3' names the third preambular paragraph as UN documents count them."""

from __future__ import annotations

from drafttool.negotiate.anchors import find_paragraph
from drafttool.readers.markdown import read_markdown

RESOLUTION = """# Safety of humanitarian personnel

The General Assembly,

Recalling its resolution 46/182 of 19 December 1991,

Reaffirming the principles of humanity, neutrality and impartiality,

Noting with concern the attacks on personnel,

1. Urges all States to respect the principles;

2. Calls upon all parties to protect personnel;

3. Decides to include the item in its next session.
"""


def test_pp_names_a_preambular_paragraph_not_the_operative_paragraph_of_that_number() -> None:
    round_ = read_markdown(RESOLUTION).round
    assert find_paragraph(round_, "PP3").text.startswith("Noting with concern")
    assert find_paragraph(round_, "PP 1").text.startswith("Recalling")
    assert find_paragraph(round_, "OP3").text.startswith("Decides")
    assert find_paragraph(round_, "3").text.startswith("Decides")


def test_the_closing_line_of_an_adopted_resolution_is_kept_with_the_masthead_not_as_a_paragraph() -> None:
    reading = read_markdown(RESOLUTION + "\n50th plenary meeting\n9 December 2024\n")
    assert reading.round.paragraphs[-1].text.startswith("3. Decides") or reading.round.paragraphs[-1].label == "3."
    assert "50th plenary meeting 9 December 2024" in reading.round.masthead.other
    assert any("closing line" in str(notice) for notice in reading.notices)
