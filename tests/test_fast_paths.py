"""Fast paths taken for speed give the same answers as the slow, obvious code."""

from __future__ import annotations

import dataclasses
import inspect

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from drafttool.errors import InputError
from drafttool.model import Paragraph
from drafttool.readers.blocks import FURNITURE, FURNITURE_FIRST, SEPARATOR
from drafttool.readers.inline import _CLOSE, _OPEN, Inline, words_and_references
from drafttool.readers.structure import SourceParagraph
from drafttool.text import markup
from drafttool.text.labels import Label
from drafttool.text.markup import Run
from drafttool.readers.textfile import _LINE_BREAKS, _UNWANTED, _has_unwanted, clean_text, decode_text, plain_text


def test_the_fast_test_for_unwanted_characters_agrees_on_every_code_point() -> None:
    for code in range(0x110000):
        text = "a" + chr(code)
        assert _has_unwanted(text) == bool(_UNWANTED.search(text)), hex(code)


@given(st.text(alphabet=st.characters(codec=None, min_codepoint=0, max_codepoint=0x10FFFF), max_size=8))
def test_the_fast_test_for_unwanted_characters_agrees_on_any_text(text: str) -> None:
    assert _has_unwanted(text) == bool(_UNWANTED.search(text))


def _decoded_and_cleaned(data: bytes) -> tuple[str, int] | None:
    """What the slow passes make of `data`: the text and how many notices; None if refused."""
    try:
        text, notices = decode_text(data, None)
    except InputError:
        return None
    text, cleaned = clean_text(text, None)
    return text, len(notices) + len(cleaned)


def test_plain_text_is_taken_on_every_code_point_but_those_decoding_or_cleaning_change() -> None:
    changed = "\r" + "".join(_LINE_BREAKS)
    for code in range(0x110000):
        if 0xD800 <= code <= 0xDFFF:
            continue  # UTF-8 cannot encode a surrogate: the bytes tests below try them
        char = chr(code)
        expected = None if char in changed or _UNWANTED.match(char) else f"a{char}b"
        assert plain_text(f"a{char}b".encode("utf-8")) == expected, hex(code)
    assert _decoded_and_cleaned("a\u2028b".encode("utf-8")) == ("a\nb", 0)


@given(st.binary(max_size=12))
def test_plain_text_agrees_with_decoding_and_cleaning_on_any_bytes(data: bytes) -> None:
    plain = plain_text(data)
    if plain is not None:
        assert _decoded_and_cleaned(data) == (plain, 0)


@given(st.text(alphabet=st.characters(codec=None, min_codepoint=0, max_codepoint=0x10FFFF,
                                      blacklist_categories=("Cs",)), max_size=8))
def test_plain_text_is_none_exactly_where_decoding_or_cleaning_changes_the_text(text: str) -> None:
    data = text.encode("utf-8")
    assert (plain_text(data) is None) == (_decoded_and_cleaned(data) != (text, 0))


def test_plain_text_leaves_a_binary_file_to_be_refused() -> None:
    for data in (b"%PDF-1.7\n...", b"  \n{\\rtf1 ansi}", b"PK\x03\x04zip"):
        assert plain_text(data) is None
        assert _decoded_and_cleaned(data) is None


@pytest.mark.parametrize("record", [Paragraph, SourceParagraph, Label])
def test_a_record_whose_constructor_is_written_out_takes_its_fields_in_order_with_their_defaults(record: type) -> None:
    parameters = list(inspect.signature(record.__init__).parameters.values())[1:]
    assert [(p.name, p.default) for p in parameters] == [
        (f.name, f.default if f.default is not dataclasses.MISSING else inspect.Parameter.empty)
        for f in dataclasses.fields(record)]
    values = {p.name: object() for p in parameters}
    made = record(**values)
    assert all(getattr(made, name) is value for name, value in values.items())
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.text = "changed"


@given(st.one_of(st.from_regex(FURNITURE, fullmatch=True), st.from_regex(SEPARATOR, fullmatch=True)))
def test_every_line_of_furniture_or_separator_opens_with_a_character_the_fast_test_lets_through(line: str) -> None:
    stripped = line.strip()
    assume(stripped and (FURNITURE.match(stripped) or SEPARATOR.match(stripped)))
    assert stripped[0] in FURNITURE_FIRST or stripped[0].isdecimal()


@given(st.lists(st.one_of(st.text(alphabet="ab \t\u00a0.", max_size=6), st.sampled_from(["<0>", "<1>"])), max_size=8))
def test_words_and_references_are_marked_up_as_their_runs_would_be(pieces: list[str]) -> None:
    raw = "".join(f"{_OPEN}{p[1]}{_CLOSE}" if p in ("<0>", "<1>") else p for p in pieces)
    refs = ["fn-1", "fn-star"]
    assert words_and_references(raw, refs) == markup.to_markup(Inline._expand([Run(raw)], refs)).strip()
