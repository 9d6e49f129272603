"""One round as a clean HTML page."""

from __future__ import annotations

from pathlib import Path

from drafttool.collector import collector_paused
from drafttool.model import Round
from drafttool.renderers.html.environment import render_template
from drafttool.renderers.html.markup import Notes, clean, text_html
from drafttool.renderers.html.page import (
    PageWords, block_of, date_of, footnotes_of, language_of, masthead_html, title_of,
)


def render_round_html(round_: Round, *, title: str | None = None, templates: str | Path | None = None) -> str:
    """One round as a clean HTML page: masthead, title, labelled paragraphs indented by
    level, status tags, footnotes at the end."""
    with collector_paused():
        return _render_round(round_, title, templates)


def _render_round(round_: Round, title: str | None, templates: str | Path | None) -> str:
    notes = Notes(round_)
    language = language_of(round_)
    paragraphs = [(paragraph.kind.value, clean(paragraph.id),
                   block_of(paragraph, text_html(paragraph.text, notes), language.code))
                  for paragraph in round_.paragraphs]
    words = PageWords.of(language.code)
    return render_template(
        "round.html", templates,
        title=clean(title) if title is not None else (title_of(round_) or clean(round_.label)),
        language=language,
        w=words,
        round_line=words.phrase("round", label=words.round_name(clean(round_.label), date_of(round_))),
        masthead=masthead_html(round_, notes),
        paragraphs=paragraphs,
        footnotes=footnotes_of(round_, notes, language),
    )
