"""Paragraph alignment across rounds (foundation version: exact normalised matches only).

`carry_ids(previous, new)` gives the paragraphs and footnotes of a newly read round the
ids they had in the previous round when their normalised text is found there exactly
once; other paragraphs keep their structural ids unless an earlier round used that id
for something else, in which case they get a fresh one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

from drafttool import markup
from drafttool.model import Footnote, Paragraph, Round
from drafttool.normalize import normalise, paragraph_key


def _unique_map(keys_old: list[str], keys_new: list[str]) -> dict[int, int]:
    """new index → old index for keys that occur exactly once on both sides."""
    old_positions: dict[str, list[int]] = defaultdict(list)
    new_positions: dict[str, list[int]] = defaultdict(list)
    for i, key in enumerate(keys_old):
        old_positions[key].append(i)
    for j, key in enumerate(keys_new):
        new_positions[key].append(j)
    mapping = {}
    for key, js in new_positions.items():
        is_ = old_positions.get(key, [])
        for i, j in zip(is_, js):  # repeated texts pair in order
            mapping[j] = i
    return mapping


def _fresh(base: str, taken: set[str]) -> str:
    if base not in taken:
        return base
    n = 2
    while f"{base}~{n}" in taken:
        n += 1
    return f"{base}~{n}"


def carry_ids(previous: Round, new: Round, used: Iterable[str] = ()) -> Round:
    """`new` with the ids of `previous` carried over to the paragraphs found in it."""
    taken = {p.id for p in previous.paragraphs} | set(used)
    mapping_fn = _carry_footnotes(previous.footnotes, new.footnotes)
    texts = [markup.rename_footnotes(p.text, mapping_fn) for p in new.paragraphs]
    match = _unique_map([paragraph_key(p.text) for p in previous.paragraphs], [paragraph_key(t) for t in texts])
    ids: dict[str, str] = {}
    assigned: set[str] = set()
    for j, paragraph in enumerate(new.paragraphs):
        if j in match:
            ids[paragraph.id] = previous.paragraphs[match[j]].id
            assigned.add(ids[paragraph.id])
    for paragraph in new.paragraphs:
        if paragraph.id not in ids:
            ids[paragraph.id] = _fresh(paragraph.id, taken | assigned)
            assigned.add(ids[paragraph.id])
    paragraphs = tuple(
        replace(p, id=ids[p.id], text=text, parent=ids.get(p.parent, p.parent) if p.parent else None)
        for p, text in zip(new.paragraphs, texts)
    )
    footnotes = tuple(replace(f, id=mapping_fn.get(f.id, f.id)) for f in new.footnotes)
    return replace(new, paragraphs=paragraphs, footnotes=footnotes)


def _carry_footnotes(previous: tuple[Footnote, ...], new: tuple[Footnote, ...]) -> dict[str, str]:
    """new footnote id → old id, for footnotes whose text is unchanged (numbers may differ)."""
    match = _unique_map([normalise(f.text) for f in previous], [normalise(f.text) for f in new])
    mapping = {new[j].id: previous[i].id for j, i in match.items()}
    taken = {f.id for f in previous} | set(mapping.values())
    for footnote in new:
        if footnote.id not in mapping:
            mapping[footnote.id] = _fresh(footnote.id, taken)
            taken.add(mapping[footnote.id])
    return {k: v for k, v in mapping.items() if k != v}


__all__ = ["carry_ids", "Paragraph"]
