"""Render a round, or a comparison of two rounds, as JSON.

A round: every field of every paragraph, the footnotes with their numbers.

The shape (`records.round_to_dict`) is what scripts rely on: a paragraph has `id`, `kind`,
`label`, `parent`, `level`, `status`, `split_from`, `merged_from`, `text` (inline markup),
`plain` (the words alone) and `footnotes` (the ids it refers to).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from drafttool.text import markup
from drafttool import records
from drafttool.records import dumps, dumps_listed
from drafttool.model import (
    SCHEMA_VERSION, ChangeOp, Comparison, Negotiation, ParagraphChange, Round, Segment, SegmentKind,
)

if TYPE_CHECKING:
    from drafttool.negotiate.progress import Progress


def round_to_json_data(round_: Round, negotiation: Negotiation | None = None) -> dict[str, Any]:
    data = records.round_to_dict(round_)
    for paragraph, item in zip(round_.paragraphs, data["paragraphs"]):
        item["plain"] = markup.plain(paragraph.text)
        item["footnotes"] = markup.footnote_ids(paragraph.text)
    head: dict[str, Any] = {"schema": "drafttool/round-export", "version": SCHEMA_VERSION}
    if negotiation is not None:
        head["negotiation"] = {"slug": negotiation.slug, "title": negotiation.title, "symbol": negotiation.symbol}
    return {**head, **data}


def render_round_json(round_: Round, negotiation: Negotiation | None = None) -> str:
    return dumps(round_to_json_data(round_, negotiation))


def round_from_json_data(data: dict[str, Any]) -> Round:
    """Read back what `round_to_json_data` wrote (derived fields ignored)."""
    derived = {"schema", "version", "negotiation"}
    core = {k: v for k, v in data.items() if k not in derived}
    core["paragraphs"] = [{k: v for k, v in p.items() if k not in ("plain", "footnotes")} for p in core["paragraphs"]]
    return records.round_from_dict(core)


def comparison_to_json_data(comparison: Comparison, old: Round, new: Round) -> dict[str, Any]:
    """The comparison as the diff's JSON: changes in the new round's order, each with its
    op, old and new paragraphs (`id`, `label`, parent label), its `place` in both rounds
    ('Art. 4 ¶ 2', '18 (a)'), `typographic_only` for edits, `moved` and the `move` said in
    one numbering, `similarity`, the word operations and who they are attributed to;
    footnote changes; and a summary of counts per op."""
    data = _comparison_json(comparison, old, new)
    data["changes"] = list(data["changes"])  # the summary is counted as they are made
    return data


def _comparison_json(comparison: Comparison, old: Round, new: Round) -> dict[str, Any]:
    """`comparison_to_json_data` with its changes made one at a time, as they are written:
    a large comparison's JSON never holds every change's dict at once."""
    old_labels = {p.id: p.label or p.id for p in old.paragraphs}
    new_labels = {p.id: p.label or p.id for p in new.paragraphs}
    summary = {op.value: 0 for op in ChangeOp}

    def changes() -> Iterator[dict[str, Any]]:
        for change in comparison.changes:
            summary[_OP_NAMES[change.op]] += 1
            yield _change_item(change, old_labels, new_labels)

    footnotes = [
        {
            "op": change.op.value,
            "old": {"id": change.old.id, "number": change.old.label} if change.old else None,
            "new": {"id": change.new.id, "number": change.new.label} if change.new else None,
            "typographic_only": change.typographic_only,
            "words": [_segment(s) for s in change.segments] if change.op is not ChangeOp.UNCHANGED else [],
        }
        for change in comparison.footnotes
    ]
    return {
        "schema": "drafttool/comparison", "version": SCHEMA_VERSION,
        "old": comparison.old_label, "new": comparison.new_label,
        "changed": comparison.changed,
        "changes": changes(), "footnotes": footnotes,
        "summary": summary,
    }


def _change_item(change: ParagraphChange, old_labels: dict[str, str], new_labels: dict[str, str]) -> dict[str, Any]:
    item: dict[str, Any] = {
        "op": _OP_NAMES[change.op],
        "old": [{"id": p.id, "label": p.label, "parent": old_labels.get(p.parent) if p.parent else None}
                for p in change.old],
        "new": [{"id": p.id, "label": p.label, "parent": new_labels.get(p.parent) if p.parent else None}
                for p in change.new],
        "place": {"old": change.old_place, "new": change.new_place},
    }
    if change.move:
        item["move"] = change.move
    if change.op is not ChangeOp.UNCHANGED and change.op is not ChangeOp.RENUMBERED:
        item["typographic_only"] = change.typographic_only
    if change.moved:
        item["moved"] = True
    if change.old and change.new:
        item["similarity"] = round(change.similarity, 3)
    item["words"] = [_segment(s) for s in change.segments] if change.op is not ChangeOp.UNCHANGED else []
    if change.by:
        item["by"] = list(change.by)
        item["proposals"] = list(change.proposals)
    if change.old and change.new and change.old[0].status is not change.new[0].status \
            and change.old[0].status != change.new[0].status:  # most share the default status
        item["status"] = {"old": change.old[0].status.label, "new": change.new[0].status.label}
    return item


_OP_NAMES = {op: op.value for op in ChangeOp}
_SEGMENT_NAMES = {kind: kind.value for kind in SegmentKind}
"""Enum values looked up in a dict: an Enum's `.value` goes through a Python descriptor,
a third of the time of building a large comparison's JSON."""


def _segment(segment: Segment) -> dict[str, Any]:
    out: dict[str, Any] = {"op": _SEGMENT_NAMES[segment.kind], "text": segment.text}
    if segment.typographic:
        out["typographic"] = True
    if segment.by:
        out["by"] = list(segment.by)
    if segment.proposal:
        out["proposal"] = segment.proposal
    if segment.attribution:
        out["attribution"] = segment.attribution.value
    return out


def render_comparison_json(comparison: Comparison, old: Round, new: Round) -> str:
    return dumps_listed(_comparison_json(comparison, old, new))


def render_blame_json(blamed, round_: Round) -> str:  # type: ignore[no-untyped-def]
    """Blame as JSON: the round's paragraphs, each with `label` and `spans` of `text`,
    `round` (the label of the round it entered in) and `by` (codes; empty for the chair)."""
    data = {
        "schema": "drafttool/blame", "version": SCHEMA_VERSION, "round": round_.label,
        "paragraphs": [
            {"id": b.paragraph_id, "label": b.label,
             "spans": [{"text": markup.plain(p.text), "round": p.round, "by": list(p.by),
                        **({"proposal": p.proposal} if p.proposal else {})} for p in b.passages]}
            for b in blamed
        ],
    }
    return dumps(data)


def progress_to_json_data(progress: Progress) -> dict[str, Any]:
    """The progress of a negotiation as JSON: per round its statuses, brackets and
    proposals' outcomes; per delegation its proposals by outcome, support and opposition."""
    return {
        "title": progress.title,
        "rounds": [
            {"label": r.label, "date": r.date, "paragraphs": r.paragraphs, "headings": r.headings,
             "statuses": r.statuses,
             "awaiting": [{"paragraph": a.paragraph, "status": a.status, "awaiting": list(a.awaiting)}
                          for a in r.awaiting],
             "brackets": {"spans": r.brackets.spans, "deepest": r.brackets.deepest,
                          "paragraphs": len(r.brackets.paragraphs),
                          "unbalanced": [{"paragraph": pid, "message": m} for pid, m in r.brackets.unbalanced]},
             "proposals": r.proposals}
            for r in progress.rounds
        ],
        "delegations": [
            {"code": d.code, "name": d.name, "group": d.group, **d.proposals, "supported": d.supported,
             "opposed": d.opposed}
            for d in progress.delegations
        ],
    }


def render_progress_json(progress: Progress) -> str:
    return dumps(progress_to_json_data(progress))
