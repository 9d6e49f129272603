"""Property: `export --format md` then import gives back the same round, for generated
structures with Articles, options, nested lists, tables (cells left empty, several
paragraphs in a cell, pipes in the words) and comma-ended preambles in the six languages.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafttool.model import Footnote, Round
from drafttool.readers.markdown import read_markdown
from drafttool.readers.structure import SourceParagraph, assemble, read_label
from drafttool.renderers.markdown import render_round_markdown
from drafttool.text import labels, markup

from strategies import CHAPEAU_END, END, ITEM_STYLE, NUMBER_STYLE, sentence

ARTICLE = {"en": "Article {n}", "fr": "Article {n}", "es": "Artículo {n}", "ru": "Статья {n}", "ar": "المادة {n}",
           "zh": "第{z}条"}
OPTION = {"es": "Opción {n}:"}


@st.composite
def structured_rounds(draw, nested_numbers: bool = True) -> Round:
    """Rounds of the six languages with Articles, options, lists and tables; with
    `nested_numbers`, items numbered '1.' under a numbered paragraph too."""
    language = draw(st.sampled_from(["en", "fr", "es", "ru", "ar", "zh"]))
    footnote_ids = [f"fn-{n}" for n in range(1, draw(st.integers(0, 3)) + 1)]
    sources: list[SourceParagraph] = []

    def source(text: str, label: str = "", heading: int = 0, title: bool = False, depth: int = 0) -> SourceParagraph:
        written, _, readings = read_label(label + " " if label else "")
        return SourceParagraph(text, written, readings, heading=heading, title=title, depth=depth)

    sources.append(source(draw(sentence(language, [])), title=True))
    for _ in range(draw(st.integers(0, 3))):
        text = draw(sentence(language, footnote_ids, end="،" if language == "ar" else "，" if language == "zh" else ","))
        if draw(st.integers(0, 4)) == 0:
            text = "\\*" + text  # a paragraph that starts with a star, not a footnote body
        sources.append(source(text))
    style = NUMBER_STYLE.get(language, "{n}.")
    tables = 0
    script = {"ar": "arabic", "zh": "chinese"}.get(language, "latin")
    for article in range(1, draw(st.integers(1, 3)) + 1):
        label = ARTICLE[language].format(n=article, z=labels.to_chinese(article))
        words = draw(st.sampled_from(["", draw(sentence(language, []))]))
        sources.append(SourceParagraph(f"{label} {words}".strip() if words else label, heading=2))
        for number in range(1, draw(st.integers(1, 3)) + 1):
            items = draw(st.integers(0, 2))
            end = CHAPEAU_END[language] if items else END[language]
            sources.append(source(draw(sentence(language, footnote_ids, end=end)), labels.format_number(number, style=style)))
            nested = nested_numbers and draw(st.booleans()) and script == "latin"
            for item in range(1, items + 1):
                if nested:
                    sources.append(source(draw(sentence(language, [], end=END[language])), f"{item}.", depth=1))
                else:
                    item_label = labels.format_item(item, labels.LabelSort.LETTER, ITEM_STYLE[language], script)
                    sources.append(source(draw(sentence(language, footnote_ids, end=END[language])), item_label))
        if draw(st.integers(0, 2)) == 0:
            tables += 1
            for row in range(1, draw(st.integers(1, 3)) + 1):
                for column in range(1, draw(st.integers(1, 3)) + 1):
                    for _ in range(draw(st.integers(0, 2))):
                        words = draw(sentence(language, footnote_ids, end=END[language]))
                        if draw(st.integers(0, 3)) == 0:
                            words = words.replace(" ", " | ", 1)
                        sources.append(SourceParagraph(words, cell=(tables, row, column)))
        if draw(st.integers(0, 2)) == 0:
            for option in (1, 2):
                option_label = OPTION.get(language, "Option {n}:").format(n=option)
                if option == 2 and draw(st.booleans()):
                    sources.append(SourceParagraph(f"{option_label} No text"))
                    continue
                sources.append(SourceParagraph(option_label))
                for number in range(1, draw(st.integers(1, 2)) + 1):
                    sources.append(source(draw(sentence(language, [], end=END[language])),
                                          labels.format_number(number, style=style)))
    paragraphs, _ = assemble(sources)
    used = {ref for p in paragraphs for ref in markup.footnote_ids(p.text)}
    footnotes = tuple(Footnote(fid, draw(sentence(language, [], end=END[language])), fid[3:])
                      for fid in footnote_ids if fid in used)
    return Round("Zero draft", paragraphs, footnotes, language=language)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(structured_rounds())
def test_markdown_export_then_import_gives_back_the_same_round_with_articles_options_and_nested_lists(round_):
    text = render_round_markdown(round_)
    again = read_markdown(text, path="export.md")
    assert again.round == round_, text
    assert render_round_markdown(again.round) == text
