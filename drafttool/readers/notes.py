"""What the text readers report about a round they read: footnote references that lead
nowhere, footnotes nothing refers to, and unbalanced square brackets."""

from __future__ import annotations

from collections.abc import Callable

from drafttool.errors import Notice
from drafttool.model import Round
from drafttool.text import markup


def check_footnotes(round_: Round, path: str | None) -> list[Notice]:
    """A reference to no footnote, or a footnote that nothing refers to, is reported."""
    notices = []
    known = {f.id for f in round_.footnotes}
    referred: set[str] = set()
    # The others refer to none ('[' is looked for first: one character is found at C speed).
    texts = [(p.label or p.id, p.text) for p in round_.paragraphs if "[" in p.text and "[^" in p.text]
    texts += [("masthead", value) for value in (round_.masthead.agenda_item, round_.masthead.agenda_title,
                                                round_.masthead.organ, round_.masthead.body)]
    texts += [(f"footnote {f.label}", f.text) for f in round_.footnotes]
    for where, text in texts:
        missing: dict[str, int] = {}
        for ref in markup.footnote_ids(text):
            referred.add(ref)
            if ref not in known:
                missing[ref] = missing.get(ref, 0) + 1
        for ref, count in missing.items():  # once a paragraph, however often it cites it
            times = f" ({count:,} references)" if count > 1 else ""
            notices.append(Notice(f"footnote reference {ref!r} has no footnote body{times}", path, where))
    for footnote in round_.footnotes:
        if footnote.id not in referred:
            notices.append(Notice(f"footnote {footnote.label} is not referred to anywhere; kept at the end", path))
    return notices


def check_brackets(round_: Round, path: str | None,
                   places: Callable[[], dict[str, str]] | None = None) -> list[Notice]:
    """Square brackets that close what was never opened, or are never closed, as notices;
    `places` gives where each paragraph id is in the file, asked only when one is needed
    (most rounds are balanced: a map of every paragraph would be made for nothing)."""
    from drafttool.text.brackets import scan_brackets

    by_paragraph: dict[str, list[str]] = {}
    for pid, message in scan_brackets(round_).unbalanced:
        by_paragraph.setdefault(pid, []).append(message)
    if not by_paragraph:
        return []
    places_of = places() if places is not None else {}
    notices = []
    for pid, messages in by_paragraph.items():
        # A paragraph of a hundred thousand '[' gets three notices and a count, not a flood.
        shown = messages if len(messages) <= _SHOWN_BRACKETS + 1 else messages[:_SHOWN_BRACKETS] + [
            f"and {len(messages) - _SHOWN_BRACKETS:,} more unbalanced bracket(s) in this paragraph"]
        notices += [Notice(message, path, places_of.get(pid) or pid) for message in shown]
    return notices


_SHOWN_BRACKETS = 3
