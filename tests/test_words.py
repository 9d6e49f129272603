"""The one table of the words the tool writes, in the six UN languages."""

from __future__ import annotations

import re

import pytest

from drafttool.model import ProposalStatus, Status, StatusValue
from drafttool.renderers.words import (
    WORDS, attribution_text, label_in, legend_samples, place_in, proposal_status_words, status_words,
)

SIX = ("ar", "zh", "en", "fr", "ru", "es")
FIELDS = re.compile(r"\{(\w+)\}")


@pytest.mark.parametrize("code", SIX)
def test_every_language_has_every_word_with_the_same_blanks(code: str) -> None:
    assert WORDS[code].keys() == WORDS["en"].keys()
    for key, text in WORDS[code].items():
        assert set(FIELDS.findall(text)) == set(FIELDS.findall(WORDS["en"][key])), key


@pytest.mark.parametrize("code", SIX)
def test_the_words_hold_no_html_special_character(code: str) -> None:
    assert not [text for text in WORDS[code].values() if set(text) & set("<>&\"'")]


@pytest.mark.parametrize("code", ["ar", "zh", "fr", "ru", "es"])
def test_no_language_borrows_the_english_words(code: str) -> None:
    english = {WORDS["en"][key] for key in WORDS["en"] if key.startswith(("status-", "proposal-", "op-", "what-"))}
    own = {WORDS[code][key] for key in WORDS[code] if key.startswith(("status-", "proposal-", "op-", "what-"))}
    assert not own & english


@pytest.mark.parametrize("code, deletion, support", [
    ("en", " (RUS, EGY: delete)", " (RUS; supported by EGY; opposed by USA)"),
    ("fr", " (RUS, EGY\u00a0: supprimer)", " (RUS\u00a0; appuyé par EGY\u00a0; objection de USA)"),
    ("es", " (RUS, EGY: suprimir)", " (RUS; con el apoyo de EGY; con la oposición de USA)"),
    ("ru", " (RUS, EGY: исключить)", " (RUS; при поддержке EGY; возражает USA)"),
    ("ar", " (RUS، EGY: حذف)", " (RUS؛ بتأييد من EGY؛ باعتراض من USA)"),
    ("zh", "（RUS、EGY：删除）", "（RUS；EGY支持；USA反对）"),
])
def test_proposers_are_written_in_the_texts_language(code: str, deletion: str, support: str) -> None:
    samples = legend_samples(["RUS", "EGY", "USA"])
    assert samples is not None
    assert attribution_text(samples["delete"], language=code) == deletion
    assert attribution_text(samples["support"], language=code) == support


def test_legend_samples_use_the_delegations_given_and_none_without() -> None:
    samples = legend_samples(["MEX"])
    assert samples is not None
    assert attribution_text(samples["delete"]) == " (MEX: delete)"
    assert attribution_text(samples["support"]) == " (MEX)"
    assert legend_samples([]) is None


@pytest.mark.parametrize("code, place, shown", [
    ("en", "Art. 4 ¶ 2 → Art. 7 ¶ 3", "Art. 4 ¶ 2 → Art. 7 ¶ 3"),
    ("fr", "Art. 4 ¶ 2 → Art. 7 ¶ 3", "art. 4, par. 2 → art. 7, par. 3"),
    ("ar", "OP 3 → OP 4", "الفقرة 3 ← الفقرة 4"),
    ("zh", "Art. 4 ¶ 2 (a)", "第4条第2款 (a)"),
    ("ru", "PP 3", "п. 3 преамбулы"),
    ("es", "text after OP 3", "texto después de párr. 3"),
    ("fr", "18 (a)", "18 (a)"),
])
def test_places_are_named_in_the_texts_language(code: str, place: str, shown: str) -> None:
    assert place_in(place, code) == shown


def test_statuses_are_written_in_the_texts_language() -> None:
    assert status_words(Status(StatusValue.AGREED_AD_REF, pending=("USA",)), "fr") == "approuvé ad referendum (USA)"
    assert status_words(Status(StatusValue.AGREED), "zh") == "已商定"
    assert proposal_status_words(ProposalStatus.ACCEPTED, "ar") == "مقبول"
    assert proposal_status_words(ProposalStatus.ACCEPTED, "en") == "accepted"


def test_an_arabic_label_writes_bis_in_arabic() -> None:
    assert label_in("2 bis", "ar") == "2 مكررا"
    assert label_in("2 ter -", "ar") == "2 مكررا ثانيا -"
    assert label_in("2 bis", "fr") == "2 bis"
