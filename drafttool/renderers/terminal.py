"""Render for a terminal: a round (labels, indentation, statuses, footnotes) or a comparison."""

from __future__ import annotations

import textwrap

from drafttool.model import ChangeOp, Comparison, Kind, Paragraph, ParagraphChange, Round, SegmentKind, StatusValue
from drafttool.renderers.masthead import masthead_block
from drafttool.shown import (
    PassageKind, ShownSegment, proposers_of, show_blame, show_change, show_segments,
)
from drafttool.text import markup
from drafttool.text.markup import Run

_EMPTY = Round("")

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
    """The round as indented text with labels and status tags; paragraphs whose labels
    repeat (paragraph 1 of every Article of an agreement) show their id, which names one."""
    ids = _repeated_labels(round_)
    bold, dim, reset = (_BOLD, _DIM, _RESET) if color else ("", "", "")
    names = {f.id: f.label or f.id for f in round_.footnotes}
    lines: list[str] = []
    head = [value for _, value in masthead_block(round_).lines()]
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
        if paragraph.id in ids:
            tag = f"  {dim}{{{paragraph.id}}}{reset}" + tag
        if paragraph.kind is Kind.CONTAINER and not (paragraph.label or text):
            continue  # a table, row or cell: its paragraphs follow
        if paragraph.kind in (Kind.TITLE, Kind.HEADING, Kind.CONTAINER):
            heading = textwrap.fill(f"{(paragraph.label + ' ') if paragraph.label else ''}{text}", width=width)
            lines.append(f"{bold}{heading}{reset}{tag}")
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


def _repeated_labels(round_: Round) -> frozenset[str]:
    """Ids of the paragraphs whose label, said as readers say it ('18 a)'), another has too."""
    from drafttool.negotiate.anchors import display_label

    seen: dict[str, list[str]] = {}
    for paragraph in round_.paragraphs:
        if paragraph.label:
            seen.setdefault(display_label(round_, paragraph), []).append(paragraph.id)
    return frozenset(pid for group in seen.values() if len(group) > 1 for pid in group)


_RED, _GREEN, _YELLOW, _CYAN = "\x1b[31m", "\x1b[32m", "\x1b[33m", "\x1b[36m"
SIGNS = {
    ChangeOp.UNCHANGED: " ", ChangeOp.RENUMBERED: "#", ChangeOp.EDITED: "~", ChangeOp.MOVED: ">",
    ChangeOp.SPLIT: "<", ChangeOp.MERGED: ">", ChangeOp.INSERTED: "+", ChangeOp.DELETED: "-",
}


class _Labels:
    """Labels as readers say them ('18 a)'), from the rounds when the renderer has them."""

    def __init__(self, old: Round | None, new: Round | None) -> None:
        self.rounds = (old, new)

    def __call__(self, paragraphs: tuple[Paragraph, ...], side: int) -> str:
        round_ = self.rounds[side]
        out = []
        for paragraph in paragraphs:
            if not paragraph.label:
                out.append({Kind.TITLE: "title", Kind.HEADING: "heading"}.get(paragraph.kind, "(unnumbered)"))
                continue
            label = paragraph.label
            if round_ is not None and paragraph.kind is Kind.SUBPARAGRAPH and paragraph.parent:
                parent = round_.paragraph(paragraph.parent)
                if parent is not None and parent.label:
                    label = f"{parent.label.rstrip('.')} {label}"
            out.append(label)
        return ", ".join(out)


def render_comparison_text(comparison: Comparison, *, color: bool = False, show_unchanged: bool = False,
                           width: int = 100, old: Round | None = None, new: Round | None = None) -> str:
    """The comparison for a terminal: one block per change, words struck and added inline
    (`[-old-]{+new+}` without colour), moves and renumbering said as such, each change
    with who it is attributed to; statuses that changed are counted at the end (listed
    one by one with `show_unchanged`)."""
    red, green, yellow, cyan, bold, dim, reset = (
        (_RED, _GREEN, _YELLOW, _CYAN, _BOLD, _DIM, _RESET) if color else ("",) * 7
    )
    labels = _Labels(old, new)
    names = {f.id: f.label for r in (old, new) if r is not None for f in r.footnotes}
    lines = [f"{bold}{comparison.old_label} → {comparison.new_label}{reset}", ""]
    counts: dict[ChangeOp, int] = {op: 0 for op in ChangeOp}
    statuses: dict[str, int] = {}
    old_place = {p.id: i for i, p in enumerate(old.paragraphs)} if old is not None else {}
    new_place = {p.id: i for i, p in enumerate(new.paragraphs)} if new is not None else {}
    runs = _renumbering_runs(comparison.changes, labels, hidden_unchanged=not show_unchanged)
    for number, change in enumerate(comparison.changes, 1):
        index = number - 1
        counts[change.op] += 1
        shown = show_change(number, change, old_place, new_place, old or _EMPTY, new or _EMPTY)
        moved_status = shown.status_changed
        if moved_status:
            key = f"{shown.status_old} → {shown.status_new}"
            statuses[key] = statuses.get(key, 0) + 1
        if change.op is ChangeOp.UNCHANGED and not (show_unchanged and moved_status) and not (
            show_unchanged and change.op is ChangeOp.UNCHANGED
        ):
            continue
        old_labels, new_labels = labels(change.old, 0), labels(change.new, 1)
        if index in runs:
            if runs[index]:
                lines.append(f"{cyan}{SIGNS[change.op]} {runs[index]}{reset} renumbered")
            continue
        # The place in both rounds, as the comparison names it ('Art. 4 ¶ 2 → Art. 7 ¶ 3').
        old_labels = shown.place and change.old_place or old_labels
        new_labels = shown.place and change.new_place or new_labels
        if change.op is ChangeOp.INSERTED:
            head = f"{green}+ {new_labels}{reset} inserted"
        elif change.op is ChangeOp.DELETED:
            head = f"{red}- {old_labels}{reset} deleted"
        else:
            where = old_labels if old_labels == new_labels else f"{old_labels} → {new_labels}"
            head = f"{cyan}{SIGNS[change.op]} {where}{reset} {change.op.value}"
            if change.op is ChangeOp.MOVED and change.edited:
                head += " and edited"
            if shown.move:
                head += f" ({shown.move})"
        if shown.by:
            head += f" ({', '.join(shown.by)})"
        if change.typographic_only:
            head += f" {dim}(typography only){reset}"
        if moved_status:
            head += f" {yellow}[{shown.status_old} → {shown.status_new}]{reset}"
        lines.append(head)
        if change.op in (ChangeOp.RENUMBERED, ChangeOp.UNCHANGED) or (
            change.op is ChangeOp.MOVED and not change.edited
        ):
            continue
        segments = shown.segments or show_segments(change.segments)
        for line in textwrap.wrap(_inline_diff(segments, color, names), width=width - 4) or [""]:
            lines.append("    " + line)
        lines.append("")
    for footnote in comparison.footnotes:
        if footnote.op is ChangeOp.UNCHANGED:
            continue
        note_segments = show_segments(footnote.segments)
        old_number = footnote.old.label if footnote.old else ""
        new_number = footnote.new.label if footnote.new else ""
        where = old_number if old_number == new_number else f"{old_number or '–'} → {new_number or '–'}"
        who = proposers_of((), footnote.segments)
        lines.append(f"{cyan}footnote {where}{reset} {footnote.op.value}" + (f" ({', '.join(who)})" if who else ""))
        if footnote.op is not ChangeOp.RENUMBERED:
            lines += ["    " + line for line in textwrap.wrap(_inline_diff(note_segments, color, names), width - 4)]
    summary = ", ".join(f"{count} {op.value}" for op, count in counts.items() if count)
    lines += ["", f"{bold}Summary:{reset} {summary or 'no paragraphs'}"]
    if statuses:
        lines.append(f"{bold}Statuses:{reset} " + ", ".join(f"{count} {key}" for key, count in statuses.items()))
    return "\n".join(lines).rstrip() + "\n"


def _renumbering_runs(changes: tuple[ParagraphChange, ...], labels: _Labels,
                      hidden_unchanged: bool) -> dict[int, str]:
    """Consecutive renumbered paragraphs said once: index of the run's first change → its
    line ('12.–40. → 13.–41.'), index of every other change in it → ''.  A change whose
    status moved stays on its own line, so that the status is said with it."""
    runs: dict[int, str] = {}
    run: list[int] = []

    def close() -> None:
        if len(run) >= 2:
            first, last = changes[run[0]], changes[run[-1]]
            runs[run[0]] = (f"{labels(first.old, 0)}–{labels(last.old, 0)} → "
                            f"{labels(first.new, 1)}–{labels(last.new, 1)}")
            runs.update({i: "" for i in run[1:]})
        run.clear()

    for index, change in enumerate(changes):
        if change.op is ChangeOp.RENUMBERED and not _status_changed(change):
            run.append(index)
        elif not (hidden_unchanged and change.op is ChangeOp.UNCHANGED and not _status_changed(change)):
            close()  # unchanged paragraphs not shown (subparagraphs keep their letters) do not break a run
    close()
    return runs


def _status_changed(change: ParagraphChange) -> bool:
    """Whether the status shown to readers changed (not only where or when it was decided)."""
    return bool(change.old and change.new and change.old[0].status.label != change.new[0].status.label)


def _inline_diff(segments: tuple[ShownSegment, ...], color: bool, names: dict[str, str] | None = None) -> str:
    """Words kept, struck `[-…-]` and added `{+…+}` (red and green in colour), words whose
    format alone changed `{~…~}` (yellow), the proposers named where the shown model names
    them; footnote references as `⁽¹²⁾`, paragraph breaks as '¶'."""
    out = []
    for shown in segments:
        kind = shown.kind
        text = " ¶ ".join(_words(runs, names or {}) for runs in shown.lines)
        if kind is not SegmentKind.EQUAL and not text.replace("¶", "").strip():
            # The break between the parts of a split (or the space a merge removes) is
            # said as a paragraph mark, without brackets or proposers: the head names them.
            if len(shown.lines) > 1:
                out.append(" ¶ ")
            continue
        who = f" ({', '.join(shown.segment.by)})" if shown.named else ""
        if shown.format_only and kind is SegmentKind.DELETE:
            continue  # the same words follow in their new format
        format_changed = shown.format_only or (kind is SegmentKind.EQUAL and shown.old_lines != shown.new_lines)
        if kind is SegmentKind.EQUAL and not format_changed:
            out.append(text)
            continue
        core = text.strip()
        lead, trail = text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]
        if format_changed:
            # Words whose italic or bold changed, which a terminal cannot show: marked as
            # such, never as the same words struck and added ('[-decide-]{+decide+}').
            out.append(f"{lead}{_YELLOW}{{~{core}~}}{who}{_RESET}{trail}" if color else f"{lead}{{~{core}~}}{who}{trail}")
            continue
        core, trail = text.rstrip(), text[len(text.rstrip()):]
        if kind is SegmentKind.DELETE:
            out.append(f"{_RED}[-{core}-]{who}{_RESET}{trail}" if color else f"[-{core}-]{who}{trail}")
        else:
            out.append(f"{_GREEN}{{+{core}+}}{who}{_RESET}{trail}" if color else f"{{+{core}+}}{who}{trail}")
    return "".join(out)


def _words(runs: tuple[Run, ...], names: dict[str, str]) -> str:
    """The words of runs, footnote references shown as superscript numbers."""
    return "".join(f"⁽{names.get(run.footnote, run.footnote).translate(SUPERSCRIPT)}⁾" if run.footnote is not None
                   else run.text for run in runs)


_ROUND_COLOURS = ("", "\x1b[34m", "\x1b[35m", "\x1b[33m", "\x1b[36m", "\x1b[32m", "\x1b[31m")


def render_blame_text(blamed, round_: Round, round_labels: list[str], *, color: bool = False,  # type: ignore[no-untyped-def]
                      width: int = 100) -> str:
    """The origin of the text: each paragraph with the passages that entered after the
    first round marked `⌈words⌉⁽Rev.1: EU⁾` (coloured by round in a terminal).  The corner
    marks cannot be taken for a negotiation's square brackets."""
    lines = [f"Origin of the text of {round_.label}: text from {round_labels[0]} is plain; later passages "
             "are marked with their round and proposers.", ""]
    first = round_labels[0]
    for item in show_blame(blamed, round_, first):
        pieces = []
        for passage in item.passages:
            text = "".join(run.text for run in passage.runs)
            if passage.kind is PassageKind.PLAIN:
                pieces.append(text)
                continue
            who = f"{passage.round}: {passage.who}"
            if color:
                colour = _ROUND_COLOURS[(round_labels.index(passage.round) if passage.round in round_labels else 1)
                                        % len(_ROUND_COLOURS)] or _CYAN
                pieces.append(f"{passage.lead}{colour}{text}{_RESET}{_DIM}⁽{who}⁾{_RESET}{passage.trail}")
            else:
                pieces.append(f"{passage.lead}⌈{text}⌉⁽{who}⁾{passage.trail}")
        label = f"{item.label} " if item.label else ""
        body = textwrap.wrap("".join(pieces), width=width - len(label)) or [""]
        lines.append(label + body[0])
        lines += [" " * len(label) + line for line in body[1:]]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
