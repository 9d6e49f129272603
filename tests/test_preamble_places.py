"""'PP3' names the third preambular paragraph as UN documents count them."""

from __future__ import annotations

from pathlib import Path

from drafttool.compare.places import place_names
from drafttool.negotiate.anchors import find_paragraph
from drafttool.readers.markdown import read_markdown
from drafttool.text import markup
from drafttool.text.places import preamble_opening

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


def test_the_comparison_and_paragraph_names_count_the_preamble_alike_in_the_six_languages() -> None:
    # The organ's line ('The General Assembly,', '大会，') is not a preambular paragraph:
    # PP 1 is the first 'Recalling …' for `--para PP1`, amendments and the comparison alike.
    cases = Path(__file__).parent / "cases" / "six"
    for code in ("en", "fr", "es", "ru", "ar", "zh"):
        round_ = read_markdown((cases / f"{code}.old.md").read_bytes()).round
        names = place_names(round_)
        opening = preamble_opening(round_)
        assert opening is not None and names[opening.id] == "opening", code
        named = {name: paragraph_id for paragraph_id, name in names.items()}
        assert find_paragraph(round_, "PP1").id == named["PP 1"] and "PP 2" not in named, code
        assert markup.plain(find_paragraph(round_, "PP1").text).startswith(
            ("Recalling", "Rappelant", "Recordando", "ссылаясь", "إذ تشير", "回顾")), code


def test_a_short_first_preambular_paragraph_citing_an_organ_is_still_pp_1() -> None:
    round_ = read_markdown("# Title\n\nRecalling Security Council resolution 2250,\n\n"
                           "Noting the report,\n\n1. Decides to remain seized of the matter.\n").round
    assert preamble_opening(round_) is None
    assert place_names(round_)[find_paragraph(round_, "PP1").id] == "PP 1"
