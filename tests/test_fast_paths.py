"""Fast paths taken for speed give the same answers as the slow, obvious code."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from drafttool.readers.textfile import _UNWANTED, _has_unwanted


def test_the_fast_test_for_unwanted_characters_agrees_on_every_code_point() -> None:
    for code in range(0x110000):
        text = "a" + chr(code)
        assert _has_unwanted(text) == bool(_UNWANTED.search(text)), hex(code)


@given(st.text(alphabet=st.characters(codec=None, min_codepoint=0, max_codepoint=0x10FFFF), max_size=8))
def test_the_fast_test_for_unwanted_characters_agrees_on_any_text(text: str) -> None:
    assert _has_unwanted(text) == bool(_UNWANTED.search(text))
