"""The blame page: a round with each passage marked by the round it entered the text in."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

from drafttool.collector import collector_paused
from drafttool.model import CHAIR, Negotiation, Round
from drafttool.renderers.html.environment import render_template
from drafttool.renderers.html.markup import Notes, clean, escape_text, runs_html
from drafttool.renderers.html.page import (
    BY_SEPARATOR, Block, PageWords, block_of, date_of, footnotes_of, isolated, language_of, masthead_html, title_of,
)
from drafttool.renderers.words import names_text
from drafttool.shown import PassageKind, show_blame

if TYPE_CHECKING:
    from drafttool.negotiate.attribution import Blame


ROUND_COLOURS = 8
"""Rounds after the first take the colours r1 … r8 of blame.css in turn."""


@dataclass(frozen=True, slots=True)
class RoundKey:
    """A round in the blame page's legend: its label, its colour and how many passages
    entered in it ('' colour for the first round, whose text is plain)."""

    label: str
    colour: str
    passages: int


def render_blame_html(blamed: Sequence[Blame], round_: Round, negotiation: Negotiation, *,
                      templates: str | Path | None = None) -> str:
    """A round with each passage marked by the round it entered the text in (`<mark>`, a
    colour per round) and followed by that round and its proposers (`<sup>`, also in the
    mark's title); text from the first round is plain.  The delegation filter highlights
    one delegation's passages."""
    with collector_paused():
        return _render_blame(blamed, round_, negotiation, templates)


def _render_blame(blamed: Sequence[Blame], round_: Round, negotiation: Negotiation,
                  templates: str | Path | None) -> str:
    labels = [r.label for r in negotiation.rounds]
    rounds = labels[: labels.index(round_.label) + 1] if round_.label in labels else [*labels, round_.label]
    first = rounds[0]
    colours = {label: "" if k == 0 else f"r{(k - 1) % ROUND_COLOURS + 1}" for k, label in enumerate(rounds)}
    notes = Notes(round_)
    language = language_of(round_)
    words = PageWords.of(language.code)
    counts: Counter[str] = Counter()
    delegations: dict[str, None] = {}
    rows: list[tuple[str, str, Block]] = []
    for item in show_blame(blamed, round_, first):
        out: list[str] = []
        for passage in item.passages:
            html = runs_html(passage.runs, notes)
            if passage.kind is PassageKind.PLAIN:
                out.append(html)
                continue
            counts[passage.round] += 1
            colour = colours.get(passage.round) or f"r{ROUND_COLOURS}"
            delegations.update(dict.fromkeys(clean(code) for code in passage.by))
            who = names_text(passage.by or (CHAIR,), language.code)
            title = f"{passage.round}: {who}" + (f" ({passage.proposal})" if passage.proposal else "")
            proposal = f' data-proposal="{escape_text(passage.proposal)}"' if passage.proposal else ""
            out.append(f'{escape_text(passage.lead)}<span class="passage {colour}" '
                       f'data-round="{escape_text(passage.round)}" '
                       f'data-by="{escape_text(BY_SEPARATOR.join(passage.by))}"{proposal}>'
                       f'<mark title="{escape_text(title)}">{html}</mark> '
                       # a tag on the line, boxed and spaced: a superscript here sat against the
                       # footnote number that ends many passages ('2019¹Rev.1 · EU')
                       f'<small class="who"><bdi>{escape_text(passage.round)}</bdi> · '
                       f'{names_text(passage.by or (CHAIR,), language.code, isolated)}</small></span>'
                       f'{escape_text(passage.trail)}')
        paragraph = item.paragraph
        rows.append((paragraph.kind.value, clean(paragraph.id), block_of(paragraph, "".join(out), language.code)))
    keys = [RoundKey(clean(label), colours[label], counts[label]) for label in rounds]
    title = title_of(round_)
    return render_template(
        "blame.html", templates,
        title=f"{title or clean(round_.label)} — {words['origin-title']}",
        language=language,
        w=words,
        origin=words.phrase("origin", round=Markup(f'<bdi class="round-label">{escape_text(clean(round_.label))}</bdi>'),
                            date=Markup(f" {words['open']}{isolated(date_of(round_))}{words['close']}"
                                        if round_.date else ""), first=clean(first)),
        masthead=masthead_html(round_, notes),
        rounds=keys,
        paragraphs=rows,
        footnotes=footnotes_of(round_, notes, language),
        filter_words={"language": words.language.code, "dir": words.language.dir, "filter": words["filter-passages"],
                      "all": words["all-delegations"], "count_one": words["passages-one"],
                      "count_many": words["passages"]},
        delegations=sorted(delegations, key=str.casefold),
    )
