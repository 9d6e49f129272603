"""One round as a clean HTML page."""

from __future__ import annotations

from pathlib import Path

from drafttool.collector import collector_paused
from drafttool.model import Round
from drafttool.renderers.html.environment import render_template
from drafttool.renderers.html.markup import Notes, clean, text_html
from drafttool.renderers.html.page import block_of, language_of, masthead_html, title_of


def render_round_html(round_: Round, *, title: str | None = None, templates: str | Path | None = None) -> str:
    """One round as a clean HTML page: masthead, title, labelled paragraphs indented by
    level, status tags, footnotes at the end."""
    with collector_paused():
        return _render_round(round_, title, templates)


def _render_round(round_: Round, title: str | None, templates: str | Path | None) -> str:
    notes = Notes(round_)
    paragraphs = [(paragraph.kind.value, clean(paragraph.id), block_of(paragraph, text_html(paragraph.text, notes)))
                  for paragraph in round_.paragraphs]
    footnotes = [(Notes.anchor(clean(f.id)), clean(f.label or f.id), text_html(f.text, notes))
                 for f in round_.footnotes]
    language = language_of(round_)
    return render_template(
        "round.html", templates,
        title=clean(title) if title is not None else (title_of(round_) or clean(round_.label)),
        language=language,
        round_label=clean(round_.label),
        date=clean(round_.date),
        masthead=masthead_html(round_, notes),
        paragraphs=paragraphs,
        footnotes=footnotes,
    )
