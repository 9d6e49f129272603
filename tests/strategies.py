"""Hypothesis strategies for UN-style rounds in the six languages.

`rounds()` draws a document shape (title, preambular paragraphs, headings, numbered
paragraphs, chapeaux with lettered and roman subparagraphs, footnotes) and words in one
language, then lets the reader's own structure pass derive kinds, parents and ids, so a
drawn round looks exactly like one a reader would return.
"""

from __future__ import annotations

from dataclasses import replace

from hypothesis import strategies as st

from drafttool.text import labels, markup
from drafttool.text.markup import Run
from drafttool.model import Footnote, Masthead, Round
from drafttool.readers.structure import SourceParagraph, assemble, read_label

WORDS = {
    "fr": "nous réaffirmons engagement drogue problème mondial États Membres coopération santé "
          "droits humains l'Office données déclaration ministérielle œuvre mi-parcours".split(),
    "en": "we reaffirm commitment drug problem world Member States cooperation health human rights "
          "Office data declaration ministerial review midterm".split(),
    "es": "reafirmamos compromiso problema mundial drogas Estados Miembros cooperación salud derechos "
          "humanos Oficina datos declaración ministerial examen".split(),
    "ru": "мы подтверждаем приверженность проблема наркотиков государства-члены сотрудничество здоровье "
          "права человека Управление данные декларация".split(),
    "ar": "نؤكد من جديد التزامنا مشكلة المخدرات العالمية الدول الأعضاء التعاون الصحة حقوق الإنسان "
          "المكتب البيانات الإعلان الوزاري".split(),
    "zh": list("我们重申承诺世界毒品问题会员国合作卫生人权办公室数据宣言部长级审查"),
}
PUNCTUATION = {
    "fr": [",", "\u00a0;", " :", "\u202f!", "."], "en": [",", ";", ":", "."], "es": [",", ";", ":", "."],
    "ru": [",", ";", ":", "."], "ar": ["،", "؛", ":", "."], "zh": ["，", "；", "："],
}
END = {"fr": ".", "en": ".", "es": ".", "ru": ".", "ar": ".", "zh": "。"}
CHAPEAU_END = {"fr": " :", "en": ":", "es": ":", "ru": ":", "ar": ":", "zh": "："}
ITEM_STYLE = {"en": "({n})", "fr": "{n})", "es": "{n})", "ru": "{n})", "ar": "({n})", "zh": "（{n}）"}
NUMBER_STYLE = {"ar": "{n} -"}


@st.composite
def sentence(draw, language: str, footnotes: list[str], *, end: str = "") -> str:
    """Marked-up words: some italic or bold, perhaps a footnote reference or brackets."""
    words = draw(st.lists(st.sampled_from(WORDS[language]), min_size=2, max_size=14))
    separator = "" if language == "zh" else " "
    runs: list[Run] = []
    for index, word in enumerate(words):
        if index:
            punct = draw(st.sampled_from(["", "", "", *PUNCTUATION[language]]))
            runs.append(Run(punct + separator))
        style = draw(st.sampled_from(["plain"] * 6 + ["italic", "bold", "bracket"]))
        if style == "italic":
            runs.append(Run(word, italic=True))
        elif style == "bold":
            runs.append(Run(word, bold=True))
        elif style == "bracket":
            runs.append(Run(f"[{word}]"))
        else:
            runs.append(Run(word))
        if footnotes and draw(st.integers(0, 20)) == 0:
            runs.append(Run("", footnote=draw(st.sampled_from(footnotes))))
    runs.append(Run(end))
    return markup.to_markup(runs)


@st.composite
def rounds(draw, languages: tuple[str, ...] = ("fr", "en", "ar", "zh", "ru", "es")) -> Round:
    language = draw(st.sampled_from(languages))
    footnote_labels = [str(n) for n in range(1, draw(st.integers(0, 4)) + 1)]
    footnote_ids = [f"fn-{label}" for label in footnote_labels]
    sources: list[SourceParagraph] = []

    def source(text: str, label: str = "", heading: int = 0, title: bool = False) -> SourceParagraph:
        written, _, readings = read_label(label + " " if label else "")
        return SourceParagraph(text, written, readings, heading=heading, title=title)

    if draw(st.booleans()):
        sources.append(source(draw(sentence(language, [])), title=True))
    for _ in range(draw(st.integers(0, 2))):
        sources.append(source(draw(sentence(language, footnote_ids, end=","))))
    number = 0
    style = NUMBER_STYLE.get(language, "{n}.")
    item_style = ITEM_STYLE[language]
    script = {"ar": "arabic", "zh": "chinese"}.get(language, "latin")
    for section in range(1, draw(st.integers(1, 3)) + 1):
        if draw(st.booleans()):
            sources.append(source(draw(sentence(language, [])), labels.to_roman(section) + ".", heading=2))
        for _ in range(draw(st.integers(1, 4))):
            number += 1
            label = labels.format_number(number, style=style)
            items = draw(st.integers(0, 3))
            end = CHAPEAU_END[language] if items else END[language]
            sources.append(source(draw(sentence(language, footnote_ids, end=end)), label))
            for item in range(1, items + 1):
                item_label = labels.format_item(item, labels.LabelSort.LETTER, item_style, script)
                sources.append(source(draw(sentence(language, footnote_ids, end=END[language])), item_label))
                if item == 1 and script == "latin" and draw(st.integers(0, 3)) == 0:
                    for sub in (1, 2):
                        roman = labels.format_item(sub, labels.LabelSort.ROMAN, item_style)
                        sources.append(source(draw(sentence(language, [], end=END[language])), roman))
    paragraphs, _ = assemble(sources)
    used = [ref for p in paragraphs for ref in markup.footnote_ids(p.text)]
    footnotes = tuple(
        Footnote(fid, draw(sentence(language, [], end=END[language])), label)
        for fid, label in zip(footnote_ids, footnote_labels) if fid in used
    )
    masthead = Masthead(organ=draw(sentence(language, [])), date="1 January 2024")
    return Round(label=draw(st.sampled_from(["Zero draft", "Rev.1", "Rev.2"])), paragraphs=paragraphs,
                 footnotes=footnotes, language=language, symbol="A/RES/78/1",
                 masthead=masthead if draw(st.booleans()) else Masthead())


def without_source(round_: Round) -> Round:
    return replace(round_, source="")
