"""Model values ⇄ plain JSON-ready dicts, shared by the store and the JSON renderer.

`*_to_dict` leave out fields at their defaults so stored lines stay short and readable;
`*_from_dict` check every key and type and raise `RecordError` with a message that the
caller prefixes with the file and line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from drafttool.model import (
    Anchor, Delegation, Event, Footnote, Kind, Masthead, NoteKind, Paragraph, Proposal, ProposalOp,
    ProposalStatus, Round, Scope, Status, StatusValue,
)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def dumps(value: Any, *, indent: int | None = 2) -> str:
    """JSON text with non-ASCII characters as they are (readable in the store), except a
    lone surrogate — which no UTF-8 file can hold — written as its \\u escape, as JSON
    allows.  With an indent, the text ends with a line break."""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    if _LONE_SURROGATE.search(text):
        text = _LONE_SURROGATE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
    return text + "\n" if indent is not None else text


def dumps_listed(value: dict[str, Any], *, written: tuple[str, ...] = ()) -> str:
    """JSON text of an object with each item of its lists (or iterators) on a line of its own.

    `json.dumps` with an indent goes through the pure-Python encoder, three to four times
    slower than the C one; a comparison of 20,000 paragraphs spent 0.4 s there.  Here the
    C encoder writes each top-level value, or each item of a top-level list, on one line:
    the output stays readable and diffable line by line (one change a line).  One encoder
    serves every item (`json.dumps` builds one a call), and lone surrogates are escaped
    once over the whole text, as `dumps` does.  The items of the lists named in `written`
    are JSON texts already, written as they are."""
    encode = _ENCODER.encode
    lines = ["{"]
    for index, (key, item) in enumerate(value.items()):
        head = f"  {encode(key)}: "
        comma = "," if index < len(value) - 1 else ""
        if isinstance(item, Iterator) or (isinstance(item, list) and item):
            # An iterator's items are encoded as they come, never all held at once.
            start = len(lines)
            lines.append(head + "[")
            lines.extend([f"    {element}," for element in item] if key in written else
                         [f"    {encode(element)}," for element in item])
            if len(lines) == start + 1:
                lines[-1] = head + "[]" + comma
            else:
                lines[-1] = lines[-1][:-1]
                lines.append("  ]" + comma)
        else:
            lines.append(head + encode(item) + comma)
    lines.append("}")
    text = "\n".join(lines) + "\n"
    if _LONE_SURROGATE.search(text):  # a search, not a trial encoding: no copy of a large text
        text = _LONE_SURROGATE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
    return text


_ENCODER = json.JSONEncoder(ensure_ascii=False, check_circular=False)  # fresh trees of dicts, never circular


class RecordError(ValueError):
    """A stored record is not of the expected shape; the message says what is wrong."""


def _check_keys(data: Any, what: str, required: set[str], optional: set[str]) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise RecordError(f"a {what} must be a JSON object, but got {type(data).__name__} instead")
    missing = required - data.keys()
    if missing:
        raise RecordError(f"{what} lacks {', '.join(sorted(missing))}")
    unknown = data.keys() - required - optional
    if unknown:
        raise RecordError(f"{what} has unknown field(s) {', '.join(sorted(unknown))}")
    return data


def _str(data: dict[str, Any], key: str, what: str, default: str = "") -> str:
    value = data.get(key, default)
    if not isinstance(value, str):
        raise RecordError(f"{what} field {key!r} must be a string, but got {value!r} instead")
    if "\n" in value and key == "text" and what == "paragraph":
        raise RecordError(f"{what} text must be one line")
    return value


def _strs(data: dict[str, Any], key: str, what: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise RecordError(f"{what} field {key!r} must be a list of strings, but got {value!r} instead")
    return tuple(value)


def _enum(enum: Any, value: Any, what: str, key: str) -> Any:
    try:
        return enum(value)
    except ValueError:
        choices = ", ".join(member.value for member in enum)
        raise RecordError(f"{what} field {key!r} must be one of {choices}, but got {value!r} instead") from None


def status_to_dict(status: Status) -> dict[str, Any]:
    out: dict[str, Any] = {"value": status.value.value}
    if status.where:
        out["where"] = status.where
    if status.when:
        out["when"] = status.when
    if status.pending:
        out["pending"] = list(status.pending)
    if status.by:
        out["by"] = status.by
    return out


def status_from_dict(data: Any) -> Status:
    data = _check_keys(data, "status", {"value"}, {"where", "when", "pending", "by"})
    return Status(
        _enum(StatusValue, data["value"], "status", "value"),
        _str(data, "where", "status"), _str(data, "when", "status"), _strs(data, "pending", "status"),
        _str(data, "by", "status"),
    )


PARAGRAPH_FIELDS = {"id", "kind", "scope", "label", "text", "parent", "level", "status", "split_from", "merged_from"}
"""`scope` is written only for containers, so stores written before containers existed load as they are."""


def paragraph_to_dict(paragraph: Paragraph, *, full: bool = False) -> dict[str, Any]:
    """A paragraph as a dict; `full` keeps fields at their defaults (for JSON exports)."""
    out: dict[str, Any] = {"id": paragraph.id, "kind": paragraph.kind.value}
    if paragraph.scope is not None:  # containers only, even in full exports: older exports stay as they were
        out["scope"] = paragraph.scope.value
    if full or paragraph.label:
        out["label"] = paragraph.label
    if full or paragraph.parent:
        out["parent"] = paragraph.parent
    if full or paragraph.level:
        out["level"] = paragraph.level
    if full or paragraph.status != Status():
        out["status"] = status_to_dict(paragraph.status)
    if full or paragraph.split_from:
        out["split_from"] = paragraph.split_from
    if full or paragraph.merged_from:
        out["merged_from"] = list(paragraph.merged_from)
    out["text"] = paragraph.text
    return out


def paragraph_from_dict(data: Any) -> Paragraph:
    data = _check_keys(data, "paragraph", {"id", "text"}, PARAGRAPH_FIELDS)
    pid = _str(data, "id", "paragraph")
    if not pid or any(c.isspace() for c in pid):
        raise RecordError(f"paragraph id {pid!r} must be non-empty and without spaces")
    parent = data.get("parent")
    if parent is not None and not isinstance(parent, str):
        raise RecordError(f"paragraph field 'parent' must be a string or null, but got {parent!r} instead")
    level = data.get("level", 0)
    if not isinstance(level, int) or isinstance(level, bool) or not 0 <= level <= 9:
        raise RecordError(f"paragraph field 'level' must be a whole number from 0 to 9, but got {level!r} instead")
    split_from = data.get("split_from")
    if split_from is not None and not isinstance(split_from, str):
        raise RecordError(f"paragraph field 'split_from' must be a string or null, but got {split_from!r} instead")
    kind = _enum(Kind, data.get("kind", "operative"), "paragraph", "kind")
    scope = data.get("scope")
    if scope is not None:
        scope = _enum(Scope, scope, "paragraph", "scope")
    if (scope is None) != (kind is not Kind.CONTAINER):
        raise RecordError("paragraph field 'scope' is set for containers, and only for them"
                          f" (kind {kind.value!r}, scope {scope.value if scope else None!r})")
    return Paragraph(
        id=pid,
        text=_str(data, "text", "paragraph"),
        kind=kind,
        label=_str(data, "label", "paragraph"),
        parent=parent,
        level=level,
        status=status_from_dict(data["status"]) if "status" in data else Status(),
        split_from=split_from,
        merged_from=_strs(data, "merged_from", "paragraph"),
        scope=scope,
    )


def footnote_to_dict(footnote: Footnote) -> dict[str, Any]:
    out = {"footnote": footnote.id, "label": footnote.label, "text": footnote.text}
    if footnote.kind is not NoteKind.FOOTNOTE:  # endnotes only: older stores stay as they were
        out["kind"] = footnote.kind.value
    return out


def footnote_from_dict(data: Any) -> Footnote:
    data = _check_keys(data, "footnote", {"footnote", "text"}, {"label", "kind"})
    fid = _str(data, "footnote", "footnote")
    if not fid or any(c.isspace() or c in "]\\" for c in fid):
        raise RecordError(f"footnote id {fid!r} must be non-empty, without spaces, ']' or '\\'")
    return Footnote(fid, _str(data, "text", "footnote"), _str(data, "label", "footnote"),
                    _enum(NoteKind, data.get("kind", "footnote"), "footnote", "kind"))


MASTHEAD_FIELDS = tuple(name for name in Masthead.__dataclass_fields__ if name != "other")


def masthead_to_dict(masthead: Masthead) -> dict[str, Any]:
    out: dict[str, Any] = {name: getattr(masthead, name) for name in MASTHEAD_FIELDS if getattr(masthead, name)}
    if masthead.other:
        out["other"] = list(masthead.other)
    return out


def masthead_from_dict(data: Any) -> Masthead:
    data = _check_keys(data, "masthead", set(), set(MASTHEAD_FIELDS) | {"other"})
    return Masthead(**{name: _str(data, name, "masthead") for name in MASTHEAD_FIELDS},
                    other=_strs(data, "other", "masthead"))


ROUND_FIELDS = {"label", "date", "symbol", "language", "masthead", "source", "note", "applied", "notices"}


def round_header_to_dict(round_: Round) -> dict[str, Any]:
    out: dict[str, Any] = {"label": round_.label}
    for name in ("date", "symbol", "language", "source", "note"):
        if getattr(round_, name):
            out[name] = getattr(round_, name)
    masthead = masthead_to_dict(round_.masthead)
    if masthead:
        out["masthead"] = masthead
    if round_.applied:
        out["applied"] = list(round_.applied)
    if round_.notices:
        out["notices"] = list(round_.notices)
    return out


def round_header_from_dict(data: dict[str, Any], extra: set[str]) -> Round:
    data = _check_keys(data, "round header", {"label"}, ROUND_FIELDS | extra)
    label = _str(data, "label", "round header")
    if not label.strip():
        raise RecordError("round label must not be empty")
    return Round(
        label=label, date=_str(data, "date", "round header"), symbol=_str(data, "symbol", "round header"),
        language=_str(data, "language", "round header"),
        masthead=masthead_from_dict(data["masthead"]) if "masthead" in data else Masthead(),
        source=_str(data, "source", "round header"), note=_str(data, "note", "round header"),
        applied=_strs(data, "applied", "round header"),
        notices=_strs(data, "notices", "round header"),
    )


def round_to_dict(round_: Round) -> dict[str, Any]:
    """A whole round, for JSON exports: every field present."""
    return {
        **round_header_to_dict(round_),
        "masthead": masthead_to_dict(round_.masthead),
        "paragraphs": [paragraph_to_dict(p, full=True) for p in round_.paragraphs],
        "footnotes": [{"id": f.id, "number": f.label, "text": f.text,
                       **({"kind": f.kind.value} if f.kind is not NoteKind.FOOTNOTE else {})}
                      for f in round_.footnotes],
    }


def round_from_dict(data: Any) -> Round:
    """The inverse of `round_to_dict` (used to check that exports lose nothing)."""
    data = _check_keys(data, "round", {"label", "paragraphs", "footnotes"}, ROUND_FIELDS)
    header = round_header_from_dict({k: v for k, v in data.items() if k not in ("paragraphs", "footnotes")}, set())
    paragraphs = tuple(paragraph_from_dict({k: v for k, v in p.items() if k != "footnotes"}) for p in data["paragraphs"])
    footnotes = tuple(Footnote(f["id"], f["text"], f["number"], NoteKind(f.get("kind", "footnote")))
                      for f in data["footnotes"])
    from dataclasses import replace

    return replace(header, paragraphs=paragraphs, footnotes=footnotes)


def delegation_to_dict(delegation: Delegation) -> dict[str, Any]:
    out: dict[str, Any] = {"code": delegation.code}
    if delegation.name:
        out["name"] = delegation.name
    if delegation.aliases:
        out["aliases"] = list(delegation.aliases)
    if delegation.members:
        out["members"] = list(delegation.members)
    if delegation.group:
        out["group"] = True
    return out


def delegation_from_dict(data: Any) -> Delegation:
    data = _check_keys(data, "delegation", {"code"}, {"name", "aliases", "members", "group"})
    code = _str(data, "code", "delegation")
    if not code.strip():
        raise RecordError("delegation code must not be empty")
    group = data.get("group", False)
    if not isinstance(group, bool):
        raise RecordError(f"delegation field 'group' must be true or false, but got {group!r} instead")
    return Delegation(code, _str(data, "name", "delegation"), _strs(data, "aliases", "delegation"),
                      _strs(data, "members", "delegation"), group or bool(data.get("members")))


PROPOSAL_FIELDS = {
    "id", "round", "op", "by", "paragraph", "anchor", "text", "before", "place", "label", "supporters",
    "opponents", "status", "date", "note", "source", "history",
}


def proposal_to_dict(proposal: Proposal) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": proposal.id, "round": proposal.round, "op": proposal.op.value, "by": list(proposal.by),
        "paragraph": proposal.paragraph,
    }
    anchor = proposal.anchor
    if anchor != Anchor():
        out["anchor"] = {"quote": anchor.quote, "before": anchor.before, "after": anchor.after}
    if proposal.text:
        out["text"] = proposal.text
    if proposal.before:
        out["before"] = True
    if proposal.place:
        out["place"] = proposal.place
    for name in ("label", "date", "note", "source"):
        if getattr(proposal, name):
            out[name] = getattr(proposal, name)
    if proposal.supporters:
        out["supporters"] = list(proposal.supporters)
    if proposal.opponents:
        out["opponents"] = list(proposal.opponents)
    out["status"] = proposal.status.value
    if proposal.history:
        out["history"] = [
            {k: v for k, v in {"action": e.action, "by": list(e.by), "date": e.date, "note": e.note}.items() if v}
            for e in proposal.history
        ]
    return out


def proposal_from_dict(data: Any) -> Proposal:
    data = _check_keys(data, "proposal", {"id", "round", "op", "by"}, PROPOSAL_FIELDS)
    what = "proposal"
    anchor = Anchor()
    if "anchor" in data:
        raw = _check_keys(data["anchor"], "anchor", set(), {"quote", "before", "after"})
        anchor = Anchor(_str(raw, "quote", "anchor"), _str(raw, "before", "anchor"), _str(raw, "after", "anchor"))
    history = []
    for item in data.get("history", []):
        raw = _check_keys(item, "history event", {"action"}, {"by", "date", "note"})
        history.append(Event(_str(raw, "action", "event"), _strs(raw, "by", "event"), _str(raw, "date", "event"),
                             _str(raw, "note", "event")))
    paragraph = data.get("paragraph")
    if paragraph is not None and not isinstance(paragraph, str):
        raise RecordError(f"proposal field 'paragraph' must be a string or null, but got {paragraph!r} instead")
    place = data.get("place")
    if place is not None and not isinstance(place, str):
        raise RecordError(f"proposal field 'place' must be a string or null, but got {place!r} instead")
    by = _strs(data, "by", what)
    if not by:
        raise RecordError("proposal field 'by' must name at least one delegation")
    return Proposal(
        id=_str(data, "id", what), round=_str(data, "round", what), op=_enum(ProposalOp, data["op"], what, "op"),
        by=by, paragraph=paragraph, anchor=anchor, text=_str(data, "text", what),
        before=bool(data.get("before", False)), place=place, label=_str(data, "label", what),
        supporters=_strs(data, "supporters", what), opponents=_strs(data, "opponents", what),
        status=_enum(ProposalStatus, data.get("status", "pending"), what, "status"),
        date=_str(data, "date", what), note=_str(data, "note", what), source=_str(data, "source", what),
        history=tuple(history),
    )
