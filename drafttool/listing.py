"""Proposals selected and tabulated for people and scripts: lists and per-delegation counts.

Takes a store and filters; returns plain rows (dicts) that the CLI prints as text or JSON.
Identical proposals by several delegations come out as one row with all their proposers.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from drafttool.text import markup
from drafttool import store
from drafttool.negotiate.delegations import resolve_all
from drafttool.model import Negotiation, Proposal, ProposalOp, ProposalStatus
from drafttool.negotiate.anchors import display_label, find_paragraph
from drafttool.negotiate.proposals import identical_groups


@dataclass(frozen=True, slots=True)
class Selection:
    negotiation: Negotiation
    proposals: tuple[Proposal, ...]


def select_proposals(store_path: str | Path, *, round_name: str | None = None, by: str | None = None,
                     status: str | None = None, para: str | None = None) -> Selection:
    """The proposals of a store that pass the filters, in the order of their rounds and dates."""
    negotiation = store.load_store(store_path)
    proposals = list(negotiation.proposals)
    if round_name is not None:
        round_ = negotiation.round(round_name)
        proposals = [p for p in proposals if p.round == round_.label]
        if para is not None:
            target = find_paragraph(round_, para).id
            proposals = [p for p in proposals if target in (p.paragraph, p.place)]
    elif para is not None:
        targets = set()
        for round_ in negotiation.rounds:
            try:
                targets.add(find_paragraph(round_, para).id)
            except Exception:  # noqa: BLE001 - a label missing from one round is no error here
                continue
        proposals = [p for p in proposals if targets & {p.paragraph, p.place}]
    if by is not None:
        code = resolve_all(negotiation.delegations, (by,))[0]
        proposals = [p for p in proposals if code in p.by]
    if status is not None:
        proposals = [p for p in proposals if p.status is ProposalStatus(status)]
    proposals.sort(key=document_order(negotiation))
    return Selection(negotiation, tuple(proposals))


def document_order(negotiation: Negotiation) -> Callable[[Proposal], tuple[int, int, str, str]]:
    """Sort key of proposals in the order a reader meets them: by round, then where their
    paragraph (or footnote, after the paragraphs) stands in that round, then by date."""
    order = {r.label: k for k, r in enumerate(negotiation.rounds)}
    places: dict[tuple[str, str], int] = {}
    for round_ in negotiation.rounds:
        for index, paragraph in enumerate(round_.paragraphs):
            places[(round_.label, paragraph.id)] = index
        for index, footnote in enumerate(round_.footnotes, start=len(round_.paragraphs)):
            places[(round_.label, footnote.id)] = index
    return lambda p: (order.get(p.round, len(order)), places.get((p.round, p.paragraph or ""), -1), p.date, p.id)


OP_NAMES = {
    ProposalOp.INSERT: "insert", ProposalOp.DELETE: "delete", ProposalOp.REPLACE: "replace",
    ProposalOp.ADD_PARAGRAPH: "new paragraph", ProposalOp.DELETE_PARAGRAPH: "delete paragraph",
    ProposalOp.MOVE_PARAGRAPH: "move paragraph", ProposalOp.ALTERNATIVE: "alternative wording",
    ProposalOp.RETAIN: "retain", ProposalOp.STATEMENT: "statement",
}
"""What each operation is called in listings for people (the JSON keeps the op's value)."""


def proposal_lines(row: dict[str, Any], width: int = 80) -> list[str]:
    """A proposal row for people: a head line (id, round, paragraph, status, proposers)
    and what it does on the next, its words cut to fit `width`."""
    head = f"{row['id']}  {row['round']} {row['paragraph'] or '-'}  [{row['status']}]  {', '.join(row['by'])}"
    endorsed = []
    if row["supporters"]:
        endorsed.append(f"supported by {', '.join(row['supporters'])}")
    if row["opponents"]:
        endorsed.append(f"opposed by {', '.join(row['opponents'])}")
    if endorsed:
        head += f"; {'; '.join(endorsed)}"
    what = OP_NAMES.get(ProposalOp(row["op"]), row["op"])
    if row.get("place"):
        what += f" {row['place']}"
    elif row["op"] == ProposalOp.ADD_PARAGRAPH.value and row["paragraph"]:
        what += f" after {row['paragraph']}"
    if row.get("quote"):
        what += f" {_cut(markup.plain(row['quote']), 40)!r}"
        if row["text"]:
            what += " →"
    if row["text"]:
        room = max(20, width - 6 - len(what) - 3)
        what += f" {_cut(row['text'], room)!r}"
    return [_cut(head, width), "    " + what]


def _cut(text: str, width: int) -> str:
    """The text, cut at a word with an ellipsis when longer than `width` characters."""
    if len(text) <= width:
        return text
    cut = text[:width - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut[width // 2:] else cut).rstrip(" ,;:") + "…"


def proposal_rows(negotiation: Negotiation, proposals: tuple[Proposal, ...]) -> list[dict[str, Any]]:
    """One row per proposal (identical ones joined): id, by, op, paragraph label, text, status…"""
    rounds = {r.label: r for r in negotiation.rounds}
    rows = []
    for group in identical_groups(proposals):
        first = group[0]
        round_ = rounds.get(first.round)
        paragraph = round_.paragraph(first.paragraph) if round_ and first.paragraph else None
        place = round_.paragraph(first.place) if round_ and first.place else None
        footnote = round_.footnote(first.paragraph) if round_ and first.paragraph and not paragraph else None
        label = (display_label(round_, paragraph) if paragraph and round_ else
                 f"footnote {footnote.label}" if footnote else first.paragraph)
        row: dict[str, Any] = {
            "id": first.id,
            "by": list(dict.fromkeys(code for p in group for code in p.by)),
            "op": first.op.value,
            "paragraph": label,
            "paragraph_id": first.paragraph,
            "quote": first.anchor.quote,
            "text": markup.plain(first.text),
            "status": first.status.value,
            "round": first.round,
            "supporters": list(dict.fromkeys(c for p in group for c in p.supporters)),
            "opponents": list(dict.fromkeys(c for p in group for c in p.opponents)),
            "date": first.date,
        }
        if len(group) > 1:
            row["ids"] = [p.id for p in group]
            row["status"] = "/".join(dict.fromkeys(p.status.value for p in group))
        if place is not None and round_ is not None:
            row["place"] = ("before " if first.before else "after ") + display_label(round_, place)
        if first.label:
            row["label"] = first.label
        if first.note:
            row["note"] = first.note
        rows.append(row)
    return rows


def delegation_summary(negotiation: Negotiation, proposals: tuple[Proposal, ...]) -> list[dict[str, Any]]:
    """Per delegation or group that made proposals: how many, and what became of them."""
    counts: dict[str, dict[str, int]] = {}
    for proposal in proposals:
        for code in proposal.by:
            row = counts.setdefault(code, {s.value: 0 for s in ProposalStatus} | {"proposed": 0})
            row["proposed"] += 1
            row[proposal.status.value] += 1
    groups = {d.code for d in negotiation.delegations if d.group}
    return [{"delegation": code, "group": code in groups, **row} for code, row in sorted(counts.items())]
