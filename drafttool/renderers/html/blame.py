"""The blame page: a round with each passage marked by the round it entered the text in."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from drafttool.collector import collector_paused
from drafttool.model import Negotiation, Paragraph, Round
from drafttool.renderers.html.environment import render_template
from drafttool.renderers.html.markup import Bit, Notes, clean, cut, escape_text, runs_html, text_html
from drafttool.renderers.html.page import BY_SEPARATOR, Block, block_of, language_of, masthead_html, title_of

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


def _spaces_outside(bits: list[Bit]) -> tuple[str, list[Bit], str]:
    """The spaces at the ends of a passage taken out of it, so that its mark starts and
    ends on a word (a mark that starts with a space draws an empty box where a line wraps)."""
    lead = trail = ""
    bits = list(bits)
    if bits and bits[0].footnote is None and bits[0].text[:1].isspace():
        first = bits[0]
        stripped = first.text.lstrip()
        lead = first.text[: len(first.text) - len(stripped)]
        bits[0] = Bit(first.start + len(lead), stripped, first.italic, first.bold)
    if bits and bits[-1].footnote is None and bits[-1].text[-1:].isspace():
        last = bits[-1]
        stripped = last.text.rstrip()
        trail = last.text[len(stripped):]
        bits[-1] = Bit(last.start, stripped, last.italic, last.bold)
    return lead, [bit for bit in bits if bit.text or bit.footnote is not None], trail


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
    from drafttool.model import CHAIR

    labels = [r.label for r in negotiation.rounds]
    rounds = labels[: labels.index(round_.label) + 1] if round_.label in labels else [*labels, round_.label]
    first = rounds[0]
    colours = {label: "" if k == 0 else f"r{(k - 1) % ROUND_COLOURS + 1}" for k, label in enumerate(rounds)}
    notes = Notes(round_)
    paragraphs = {p.id: p for p in round_.paragraphs}
    counts: Counter[str] = Counter()
    delegations: dict[str, None] = {}
    rows: list[tuple[str, str, Block]] = []
    for item in blamed:
        paragraph = paragraphs.get(item.paragraph_id) or Paragraph(item.paragraph_id, "", label=item.label)
        texts = [passage.text for passage in item.passages]
        out: list[str] = []
        for passage, bits in zip(item.passages, cut("".join(texts), texts)):
            if passage.round == first:
                out.append(runs_html(bits, notes))
                continue
            lead, bits, trail = _spaces_outside(bits)
            html = runs_html(bits, notes)
            if not html:
                out.append(escape_text(lead + trail))
                continue
            counts[passage.round] += 1
            colour = colours.get(passage.round) or f"r{ROUND_COLOURS}"
            delegations.update(dict.fromkeys(clean(code) for code in passage.by))
            who = ", ".join(passage.by) or CHAIR
            title = f"{passage.round}: {who}" + (f" ({passage.proposal})" if passage.proposal else "")
            proposal = f' data-proposal="{escape_text(passage.proposal)}"' if passage.proposal else ""
            out.append(f'{escape_text(lead)}<span class="passage {colour}" data-round="{escape_text(passage.round)}" '
                       f'data-by="{escape_text(BY_SEPARATOR.join(passage.by))}"{proposal}>'
                       f'<mark title="{escape_text(title)}">{html}</mark>'
                       f'<sup class="who"><bdi>{escape_text(passage.round)}</bdi> · <bdi>{escape_text(who)}</bdi></sup></span>'
                       f'{escape_text(trail)}')
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
