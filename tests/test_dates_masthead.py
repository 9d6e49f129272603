"""Dates in the six UN languages (from CLDR through Babel), the masthead in its printed
order and the symbol of a revised round."""

from __future__ import annotations

from dataclasses import replace

import pytest

from drafttool.model import Masthead, Round
from drafttool.renderers.masthead import masthead_block, round_symbol, running_header
from drafttool.renderers.terminal import render_round_text
from drafttool.store import load_store
from drafttool.text.dates import format_date

from conftest import EXAMPLE_STORE


@pytest.mark.parametrize(("language", "printed"), [
    ("en", "23 February 2024"),
    ("fr", "23 février 2024"),
    ("es", "23 de febrero de 2024"),
    ("ru", "23 февраля 2024\u202fг."),
    ("ar", "23 شباط/فبراير 2024"),
    ("zh", "2024年2月23日"),
    ("de", "23 February 2024"),
])
def test_dates_are_printed_as_each_language_prints_them(language: str, printed: str) -> None:
    assert format_date("2024-02-23", language) == printed


def test_a_date_already_printed_is_left_as_it_is() -> None:
    assert format_date("12 janvier 2024", "fr") == "12 janvier 2024"
    assert format_date("", "fr") == ""
    assert format_date("2025-03-20", "ar") == "20 آذار/مارس 2025"
    assert format_date("2024-05-01T10:30", "en") == "1 May 2024"


def test_a_revised_round_carries_its_revision_in_the_symbol() -> None:
    base = Round("Rev.1", symbol="A/HRC/57/L.3")
    assert round_symbol(base) == "A/HRC/57/L.3/Rev.1"
    assert round_symbol(replace(base, label="Rev.2", symbol="A/HRC/57/L.3/Rev.1")) == "A/HRC/57/L.3/Rev.2"
    assert round_symbol(replace(base, label="Zero draft")) == "A/HRC/57/L.3"
    assert round_symbol(replace(base, label="Adopted")) == "A/HRC/57/L.3"
    assert round_symbol(replace(base, symbol="")) == ""
    assert running_header(base) == "A/HRC/57/L.3/Rev.1 · Rev.1"
    assert running_header(Round("Rev.1")) == "Rev.1"


def test_the_masthead_is_in_the_printed_order_with_the_rounds_own_date() -> None:
    rev1 = load_store(EXAMPLE_STORE).round("Rev.1")
    block = masthead_block(rev1)
    assert block.top == (("united_nations", "Nations Unies"), ("symbol", "E/CN.7/2024/L.2/Rev.1"))
    assert block.organ == (("organ", "Conseil économique et social"), ("distribution", "Distr. limitée"),
                           ("date", "2 février 2024"), ("language", "Français"), ("original", "Original : anglais"))
    assert [name for name, _ in block.below] == ["body", "session", "venue", "agenda_item", "agenda_title"]
    text = render_round_text(rev1, width=80)
    assert text.startswith("Nations Unies\nE/CN.7/2024/L.2/Rev.1\nConseil économique et social\nDistr. limitée\n"
                           "2 février 2024\n")


@pytest.mark.parametrize(("language", "name", "date"), [
    ("en", "United Nations", "20 March 2025"), ("ar", "الأمم المتحدة", "20 آذار/مارس 2025"),
    ("zh", "联合国", "2025年3月20日"), ("ru", "Организация Объединенных Наций", "20 марта 2025\u202fг."),
    ("es", "Naciones Unidas", "20 de marzo de 2025"),
])
def test_the_organization_and_the_date_are_in_the_texts_language(language: str, name: str, date: str) -> None:
    round_ = Round("Rev.1", symbol="A/HRC/58/L.1", date="2025-03-20", language=language,
                   masthead=Masthead(organ="General Assembly"))
    assert masthead_block(round_).top[0] == ("united_nations", name)
    assert ("date", date) in masthead_block(round_).organ


def test_a_round_without_masthead_gets_none() -> None:
    assert masthead_block(Round("A", date="2024-01-01")).lines() == []
