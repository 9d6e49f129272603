"""The progress page: tables, and two stacked bar charts drawn as inline SVG computed
here (`BarChart`), no script or library.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from drafttool.collector import collector_paused
from drafttool.renderers.html.environment import render_template
from drafttool.renderers.html.markup import clean
from drafttool.model import ProposalStatus
from drafttool.renderers.html.page import Language
from drafttool.renderers.words import phrase_language, proposal_status_words, status_value_words
from drafttool.renderers.words.progress import PROGRESS
from drafttool.text import languages
from drafttool.text.dates import format_date

if TYPE_CHECKING:
    from drafttool.negotiate.progress import Progress


PARAGRAPH_STATUSES = (("agreed", "#3f8f4a"), ("agreed-ad-ref", "#4a7fc1"), ("pending", "#e0b400"),
                      ("silence", "#8f8f8f"), ("bracketed", "#d9722e"), ("open", "#c9ced6"))
"""Paragraph statuses in the order the bars stack them (most agreed first), with colours."""
OUTCOMES = (("accepted", "#3f8f4a"), ("rejected", "#c0392b"), ("withdrawn", "#8f8f8f"), ("merged", "#8e6bbf"),
            ("pending", "#e0b400"))
"""Outcomes of proposals, stacked in this order."""


@dataclass(frozen=True, slots=True)
class BarSegment:
    key: str
    label: str
    value: int
    x: float
    width: float
    colour: str
    ink: str
    """The colour of the value written inside the segment."""
    show_value: bool
    """Written inside only where it fits; always in the segment's `<title>`."""


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    """As shown (shortened when long)."""
    full_label: str
    y: float
    total: int
    total_x: float
    segments: tuple[BarSegment, ...]


@dataclass(frozen=True, slots=True)
class BarChart:
    """A horizontal stacked bar chart, laid out here and drawn by progress.html as SVG."""

    id: str
    title: str
    description: str
    width: int
    height: int
    label_width: int
    bar_height: int
    bars: tuple[Bar, ...]
    legend: tuple[tuple[str, str, str, float, float], ...]
    """(key, label, colour, x, y) of each swatch, wrapped onto more lines where long."""
    legend_y: float


_CHART_WIDTH = 720
_LABEL_WIDTH = 150
_ROW = 26
_BAR = 18


def _ink(colour: str) -> str:
    """Black or white, whichever reads on the colour (its luma)."""
    red, green, blue = (int(colour[k:k + 2], 16) for k in (1, 3, 5))
    return "#000" if 0.299 * red + 0.587 * green + 0.114 * blue > 150 else "#fff"


def _short(label: str, limit: int = 20) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def bar_chart(chart_id: str, title: str, description: str, rows: Sequence[tuple[str, dict[str, int]]],
              keys: Sequence[tuple[str, str, str]]) -> BarChart:
    """Lay out one bar per row, its values stacked in the order of `keys` (key, label,
    colour), scaled to the largest total; the total is written after each bar."""
    area = _CHART_WIDTH - _LABEL_WIDTH - 50
    largest = max((sum(values.get(key, 0) for key, _, _ in keys) for _, values in rows), default=0) or 1
    bars = []
    for number, (label, values) in enumerate(rows):
        y = 8 + number * _ROW
        x = float(_LABEL_WIDTH)
        segments = []
        for key, name, colour in keys:
            value = values.get(key, 0)
            if not value:
                continue
            width = round(area * value / largest, 2)
            segments.append(BarSegment(key, name, value, round(x, 2), width, colour, _ink(colour),
                                       width >= 8 * len(str(value)) + 4))
            x += width
        total = sum(values.get(key, 0) for key, _, _ in keys)
        bars.append(Bar(clean(_short(label)), clean(label), y, total, round(x + 5, 2), tuple(segments)))
    legend_y = 8 + len(rows) * _ROW + 14
    legend = []
    x, y = float(_LABEL_WIDTH), legend_y
    for key, name, colour in keys:
        width = 22 + 7.5 * len(name)
        if x + width > _CHART_WIDTH and x > _LABEL_WIDTH:  # long words (French, Russian) wrap to a new line
            x, y = float(_LABEL_WIDTH), y + 18
        legend.append((key, name, colour, round(x, 2), y))
        x += width
    return BarChart(chart_id, title, description, _CHART_WIDTH, int(y + 18), _LABEL_WIDTH, _BAR,
                    tuple(bars), tuple(legend), legend_y)


def render_progress_html(progress: Progress, *, templates: str | Path | None = None) -> str:
    """The progress of a negotiation: per round, its paragraphs by status, bracketed
    spans (unbalanced ones listed) and the outcomes of the proposals made on it; per
    delegation and group, its proposals by outcome and its support and opposition; two
    charts as inline SVG (stacked bars), with titles and text labels."""
    with collector_paused():
        return _render_progress(progress, templates)


def _render_progress(progress: Progress, templates: str | Path | None) -> str:
    rounds = progress.rounds
    code = phrase_language(progress.language or "en")
    words = PROGRESS[code]
    statuses = tuple((key, status_value_words(key, code), colour) for key, colour in PARAGRAPH_STATUSES)
    outcomes = tuple((key, proposal_status_words(ProposalStatus(key), code), colour) for key, colour in OUTCOMES)
    status_chart = bar_chart(
        "chart-statuses", words["status-chart"],
        "; ".join(f"{r.label}: " + ", ".join(f"{r.statuses.get(key, 0)} {name}" for key, name, _ in statuses
                                              if r.statuses.get(key, 0)) for r in rounds) or words["no-rounds"],
        [(r.label, r.statuses) for r in rounds], statuses)
    outcome_chart = bar_chart(
        "chart-outcomes", words["outcome-chart"],
        "; ".join(f"{d.code}: {d.proposals.get('proposed', 0)} {words['proposed']}"
                  + "".join(f", {d.proposals.get(key, 0)} {name}" for key, name, _ in outcomes
                            if d.proposals.get(key, 0)) for d in progress.delegations) or words["none-proposed"],
        [(d.code, d.proposals) for d in progress.delegations], outcomes)
    title = clean(progress.title)
    title_language = languages.guess_language(title) if title else code
    return render_template(
        "progress.html", templates,
        title=words["title"].format(title=title) if title else words["untitled"],
        heading=title,
        heading_language=Language(title_language, languages.is_rtl(title_language)),
        language=Language(code, languages.is_rtl(code)),
        words=words,
        status_words={key: status_value_words(key, code) for key in ("agreed-ad-ref", "pending", "silence")},
        rounds=[(clean(r.label), clean(format_date(r.date, code)), r) for r in rounds],
        unbalanced=[(clean(r.label), [(clean(pid), clean(message)) for pid, message in r.brackets.unbalanced])
                    for r in rounds if r.brackets.unbalanced],
        delegations=[(clean(d.code), clean(d.name), d) for d in progress.delegations],
        statuses=statuses,
        outcomes=outcomes,
        round_chart=status_chart,
        outcome_chart=outcome_chart,
    )
