"""Stars read without markdown-it read as markdown-it reads them."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from drafttool.readers.emphasis import simple_emphasis
from drafttool.readers.inline import Inline
from drafttool.text import markup

PIECES = st.sampled_from(["*", "**", "***", " ", "a", "bé", "7", ".", ",", ";", ":", "(", ")", "'", '"', "-", "/",
                          "?", "«", "»", "\u00a0", "Ж", "م", "我", "’", "\ufdd0", "\ufdd1", "!", "_", "[", "x"])
_WORDS = "ab1é(),.;:»«- "
_STARRED_PIECES = st.lists(st.one_of(st.text(alphabet=_WORDS, max_size=5),
                                     st.text(alphabet=_WORDS + "*", min_size=1, max_size=5).map(lambda t: f"*{t}*"),
                                     st.text(alphabet=_WORDS, min_size=1, max_size=5).map(lambda t: f"**{t}**")),
                           max_size=5)
STARRED = st.one_of(_STARRED_PIECES.map("".join), _STARRED_PIECES.map(" ".join))
"""Texts with stars round pieces of words, the pieces glued or set apart by spaces."""


def _by_markdown_it(raw: str) -> str:
    return markup.to_markup(Inline(markdown=True, footnote_labels=set())._markdown_it_runs(raw, {}))


@settings(max_examples=600, deadline=None)
@given(st.lists(PIECES, max_size=14).map("".join))
@example("*Recalling* its resolution 70/1 of 25 September 2015,")
@example("Voir *Documents officiels (E/2003/28)*, chap. I")
@example("*Ibid.*, vol. 2573")
@example("a*b*c")
@example("**Decides** to *act*.")
def test_stars_read_without_markdown_it_read_as_markdown_it_reads_them(raw: str) -> None:
    simple = simple_emphasis(raw)
    if simple is not None:
        assert markup.to_markup(simple) == _by_markdown_it(raw)


@settings(max_examples=600, deadline=None)
@given(STARRED)
def test_words_in_stars_read_without_markdown_it_read_as_markdown_it_reads_them(raw: str) -> None:
    simple = simple_emphasis(raw)
    if simple is not None:
        assert markup.to_markup(simple) == _by_markdown_it(raw)


def test_the_italics_of_real_texts_are_read_without_markdown_it() -> None:
    for raw in ("*Recalling* its resolution 70/1 of 25 September 2015,", "Voir *Documents officiels (E/2003/28)*, chap. I",
                "*Ibid.*, vol. 2573, n° 34112.", "*Réaffirmant* sa résolution", "**Decides** to *act*.", "a*b*c",
                "Voir *Supplément n° 8 (E/2014/28)*, chap. I.", "Nations Unies, *Recueil des Traités*, vol. 1022"):
        assert simple_emphasis(raw) is not None, raw
    for raw in ("*a **b** c*", "[link](x) *a*", "* item", "*Ibid.*\u00a0;"):
        assert simple_emphasis(raw) is None, raw
