"""Render a round as JSON: every field of every paragraph, the footnotes with their numbers.

The shape (`records.round_to_dict`) is what scripts rely on: a paragraph has `id`, `kind`,
`label`, `parent`, `level`, `status`, `split_from`, `merged_from`, `text` (inline markup),
`plain` (the words alone) and `footnotes` (the ids it refers to).
"""

from __future__ import annotations

import json
from typing import Any

from drafttool import markup, records
from drafttool.model import SCHEMA_VERSION, Negotiation, Round


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
    return json.dumps(round_to_json_data(round_, negotiation), ensure_ascii=False, indent=2) + "\n"


def round_from_json_data(data: dict[str, Any]) -> Round:
    """Read back what `round_to_json_data` wrote (derived fields ignored)."""
    derived = {"schema", "version", "negotiation"}
    core = {k: v for k, v in data.items() if k not in derived}
    core["paragraphs"] = [{k: v for k, v in p.items() if k not in ("plain", "footnotes")} for p in core["paragraphs"]]
    return records.round_from_dict(core)
