"""Render a round as readable text for a terminal: labels, indentation, statuses, footnotes."""

from __future__ import annotations

import textwrap

from drafttool import markup
from drafttool.model import Kind, Round, StatusValue

_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"
SUPERSCRIPT = str.maketrans("0123456789*", "⁰¹²³⁴⁵⁶⁷⁸⁹*")


def _text(text: str, names: dict[str, str]) -> str:
    out = []
    for run in markup.parse(text):
        if run.footnote is not None:
            out.append(names.get(run.footnote, run.footnote).translate(SUPERSCRIPT))
        else:
            out.append(run.text)
    return "".join(out)


def render_round_text(round_: Round, *, color: bool = False, width: int = 100) -> str:
    """The round as indented text with labels and status tags."""
    bold, dim, reset = (_BOLD, _DIM, _RESET) if color else ("", "", "")
    names = {f.id: f.label or f.id for f in round_.footnotes}
    lines: list[str] = []
    masthead = round_.masthead
    head = [value for value in (masthead.organ, round_.symbol, masthead.distribution,
                                masthead.date, masthead.original, masthead.body, masthead.session,
                                masthead.venue, masthead.agenda_item, masthead.agenda_title) if value]
    if head:
        lines += [f"{dim}{_text(value, names)}{reset}" for value in head]
        lines.append("")
    lines.append(f"{dim}Round: {round_.label}{' · ' + round_.date if round_.date else ''}{reset}")
    lines.append("")
    for paragraph in round_.paragraphs:
        text = _text(paragraph.text, names)
        tag = ""
        if paragraph.status.value is not StatusValue.OPEN:
            tag = f"  {dim}[{paragraph.status.label}]{reset}"
        if paragraph.kind in (Kind.TITLE, Kind.HEADING):
            lines.append(f"{bold}{(paragraph.label + ' ') if paragraph.label else ''}{text}{reset}{tag}")
            lines.append("")
            continue
        indent = "    " * (paragraph.level if paragraph.kind is Kind.SUBPARAGRAPH else 0)
        label = f"{paragraph.label} " if paragraph.label else ""
        wrapped = textwrap.fill(text, width=max(40, width - len(indent) - len(label)),
                                initial_indent="", subsequent_indent=" " * len(label))
        first, *rest = wrapped.split("\n")
        lines.append(f"{indent}{bold}{label}{reset}{first}")
        lines += [f"{indent}{line}" for line in rest]
        if tag:
            lines[-1] += tag
        lines.append("")
    if round_.footnotes:
        lines.append("—" * 10)
        for footnote in round_.footnotes:
            lines.append(f"{footnote.label or footnote.id} {_text(footnote.text, names)}")
    return "\n".join(lines).rstrip() + "\n"
