"""The negotiation on top of the text: `delegations` (the registry), `anchors` (the
paragraph and the words a proposal names), `proposals` (checking and applying them),
`carrying` (pending proposals re-anchored on a newer round), `amendments` (a delegation's
copy read as proposals), `instructions` (a UN amendment document read as proposals),
`attribution` (changes → proposals → delegations, and the origin of each passage),
`compilation` (a round with its proposals inline), `progress` (statuses and outcomes
counted). Takes and returns model values; the store is read and written by
`drafttool.operations`.
"""

from __future__ import annotations


def today() -> str:
    """Today's date, ISO: what a proposal, decision or round is dated when no date is given."""
    import datetime

    return datetime.date.today().isoformat()
