"""Render a round, or a comparison of two rounds, as JSON.

A round: every field of every paragraph, the footnotes with their numbers.

The shape (`records.round_to_dict`) is what scripts rely on: a paragraph has `id`, `kind`,
`label`, `parent`, `level`, `status`, `split_from`, `merged_from`, `text` (inline markup),
`plain` (the words alone) and `footnotes` (the ids it refers to).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from drafttool.text import markup
from drafttool import records
from drafttool.records import dumps, dumps_listed
from drafttool.model import (
    SCHEMA_VERSION, ChangeOp, Comparison, Footnote, FootnoteChange, Negotiation, Paragraph, ParagraphChange, Round, Segment, SegmentKind,
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
    return json.loads(render_comparison_json(comparison, old, new))


def render_comparison_json(comparison: Comparison, old: Round, new: Round) -> str:
    """`comparison_to_json_data` as text, a change a line.  Each change's line is written
    directly (`_change_line`), not built as dicts for the encoder to walk: that took half the
    time of writing a comparison of 20,000 paragraphs."""
    old_labels = {p.id: p.label or p.id for p in old.paragraphs}
    new_labels = {p.id: p.label or p.id for p in new.paragraphs}
    summary = {op.value: 0 for op in ChangeOp}

    def changes() -> Iterator[str]:
        for change in comparison.changes:
            summary[_OP_NAMES[change.op]] += 1
            yield _change_line(change, old_labels, new_labels)

    return dumps_listed({
        "schema": "drafttool/comparison", "version": SCHEMA_VERSION,
        "old": comparison.old_label, "new": comparison.new_label,
        "changed": comparison.changed,
        "changes": changes(), "footnotes": [_footnote_line(change) for change in comparison.footnotes],
        "summary": summary,
    }, written=("changes", "footnotes"))


_text = json.encoder.encode_basestring
"""A string as JSON (quoted, escaped): the C function `json`'s encoder calls for each
string when it leaves non-ASCII characters as they are."""


def _texts(values: tuple[str, ...]) -> str:
    return "[" + ", ".join(map(_text, values)) + "]"


def _paragraphs(paragraphs: tuple[Paragraph, ...], labels: dict[str, str]) -> str:
    return ", ".join(
        f'{{"id": {_text(p.id)}, "label": {_text(p.label)}, '
        f'"parent": {_text(labels[p.parent]) if p.parent and p.parent in labels else "null"}}}'
        for p in paragraphs)


def _change_line(change: ParagraphChange, old_labels: dict[str, str], new_labels: dict[str, str]) -> str:
    """One change as a line of JSON, its keys in the order the docs give them."""
    op = change.op
    parts = [f'{{"op": "{_OP_NAMES[op]}", "old": [{_paragraphs(change.old, old_labels)}], '
             f'"new": [{_paragraphs(change.new, new_labels)}], '
             f'"place": {{"old": {_text(change.old_place)}, "new": {_text(change.new_place)}}}']
    if change.move:
        parts.append(f', "move": {_text(change.move)}')
    if op is not ChangeOp.UNCHANGED and op is not ChangeOp.RENUMBERED:
        parts.append(', "typographic_only": true' if change.typographic_only else ', "typographic_only": false')
    if change.moved:
        parts.append(', "moved": true')
    if change.old and change.new:
        parts.append(f', "similarity": {float(round(change.similarity, 3))!r}')
    words = ", ".join(map(_segment, change.segments)) if op is not ChangeOp.UNCHANGED else ""
    parts.append(f', "words": [{words}]')
    if change.by:
        parts.append(f', "by": {_texts(change.by)}, "proposals": {_texts(change.proposals)}')
    if change.old and change.new and change.old[0].status is not change.new[0].status \
            and change.old[0].status != change.new[0].status:  # most share the default status
        parts.append(f', "status": {{"old": {_text(change.old[0].status.label)}, '
                     f'"new": {_text(change.new[0].status.label)}}}')
    parts.append("}")
    return "".join(parts)


def _footnote_line(change: FootnoteChange) -> str:
    def note(footnote: Footnote | None) -> str:
        return f'{{"id": {_text(footnote.id)}, "number": {_text(footnote.label)}}}' if footnote else "null"

    words = ", ".join(map(_segment, change.segments)) if change.op is not ChangeOp.UNCHANGED else ""
    return (f'{{"op": "{_OP_NAMES[change.op]}", "old": {note(change.old)}, "new": {note(change.new)}, '
            f'"typographic_only": {"true" if change.typographic_only else "false"}, "words": [{words}]}}')


_OP_NAMES = {op: op.value for op in ChangeOp}
_SEGMENT_NAMES = {kind: kind.value for kind in SegmentKind}
"""Enum values looked up in a dict: an Enum's `.value` goes through a Python descriptor."""


def _segment(segment: Segment) -> str:
    out = f'{{"op": "{_SEGMENT_NAMES[segment.kind]}", "text": {_text(segment.text)}'
    if segment.typographic:
        out += ', "typographic": true'
    if segment.by:
        out += f', "by": {_texts(segment.by)}'
    if segment.proposal:
        out += f', "proposal": {_text(segment.proposal)}'
    if segment.attribution:
        out += f', "attribution": {_text(segment.attribution.value)}'
    return out + "}"



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
