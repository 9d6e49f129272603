"""The blame page: a round with each passage marked by the round it entered the text in."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from drafttool.collector import collector_paused
from drafttool.model import Negotiation, Round
from drafttool.renderers.html.environment import render_template
from drafttool.renderers.html.markup import Notes, clean, escape_text, runs_html, text_html
from drafttool.renderers.html.page import BY_SEPARATOR, Block, block_of, language_of, masthead_html, title_of
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
            title = f"{passage.round}: {passage.who}" + (f" ({passage.proposal})" if passage.proposal else "")
            proposal = f' data-proposal="{escape_text(passage.proposal)}"' if passage.proposal else ""
            out.append(f'{escape_text(passage.lead)}<span class="passage {colour}" '
                       f'data-round="{escape_text(passage.round)}" '
                       f'data-by="{escape_text(BY_SEPARATOR.join(passage.by))}"{proposal}>'
                       f'<mark title="{escape_text(title)}">{html}</mark>'
                       f'<sup class="who"><bdi>{escape_text(passage.round)}</bdi> · '
                       f'<bdi>{escape_text(passage.who)}</bdi></sup></span>{escape_text(passage.trail)}')
        paragraph = item.paragraph
        rows.append((paragraph.kind.value, clean(paragraph.id), block_of(paragraph, "".join(out))))
    footnotes = [(Notes.anchor(clean(f.id)), clean(f.label or f.id), text_html(f.text, notes))
                 for f in round_.footnotes]
    keys = [RoundKey(clean(label), colours[label], counts[label]) for label in rounds]
    title = title_of(round_)
    return render_template(
        "blame.html", templates,
        title=f"{title or clean(round_.label)} — blame",
        language=language_of(round_),
        round_label=clean(round_.label),
        date=clean(round_.date),
        first_round=clean(first),
        masthead=masthead_html(round_, notes),
        rounds=keys,
        paragraphs=rows,
        footnotes=footnotes,
        delegations=sorted(delegations, key=str.casefold),
    )
