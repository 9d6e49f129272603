"""Use cases on the negotiation's registry and statuses: list or add delegations and
groups, record a paragraph's status.

Each takes a store folder; returns a frozen value, and never prints.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from drafttool import store
from drafttool.errors import NotFoundError, StoreError
from drafttool.model import Delegation, Paragraph, Status
from drafttool.operations.proposals import today


def add_delegation(store_path: str | Path, delegation: Delegation) -> Delegation:
    """Add a delegation or group to the registry, or new aliases and members to one it
    has (a Word author's name for a Member State the registry was seeded with); codes,
    names and aliases stay unique."""
    from drafttool.negotiate.delegations import resolve
    from drafttool.text.visible import code_problem, normalize_code

    # Compared and stored normalised, so that a look-alike never registers as another.
    delegation = replace(delegation, code=normalize_code(delegation.code), name=normalize_code(delegation.name),
                         aliases=tuple(normalize_code(a) for a in delegation.aliases),
                         members=tuple(normalize_code(m) for m in delegation.members))
    for what, name in (("code", delegation.code), ("name", delegation.name or "x"),
                       *(("alias", alias) for alias in delegation.aliases)):
        problem = code_problem(name)
        if problem:
            raise StoreError(f"delegation {what} {name!r} {problem}; choose another", path=store_path)
    with store.locked(store_path):
        negotiation = store.load_store(store_path)
        existing = next((d for d in negotiation.delegations if d.code.casefold() == delegation.code.casefold()), None)
        for name in (delegation.code, delegation.name, *delegation.aliases):
            clash = resolve(negotiation.delegations, name, members=False) if name else None
            if clash is not None and (existing is None or clash.code != existing.code):
                raise StoreError(f"{name!r} already names delegation {clash.code!r}; choose another code or alias",
                                 path=store_path)
        if existing is not None:
            extra = (delegation.name,) if delegation.name and delegation.name != existing.name else ()
            delegation = replace(existing, aliases=tuple(dict.fromkeys((*existing.aliases, *extra, *delegation.aliases))),
                                 members=tuple(dict.fromkeys((*existing.members, *delegation.members))),
                                 group=existing.group or delegation.group)
        if existing is None:
            store.save_delegations(store_path, (*negotiation.delegations, delegation))
        else:
            store.save_delegations(store_path, tuple(delegation if d is existing else d
                                                     for d in negotiation.delegations))
    return delegation


def set_status(store_path: str | Path, paragraph_name: str, status: Status, *,
               round_name: str | None = None) -> Paragraph:
    """Record a paragraph's status (agreed, agreed ad ref, pending a delegation…) in its round."""
    from drafttool.negotiate.delegations import resolve_all
    from drafttool.negotiate.anchors import find_paragraph

    with store.locked(store_path):
        negotiation = store.load_store(store_path)
        round_ = negotiation.round(round_name)
        paragraph = find_paragraph(round_, paragraph_name)
        if round_.paragraph(paragraph.id) is None:
            raise NotFoundError(f"{paragraph_name!r} is a footnote; statuses are given to paragraphs")
        status = replace(status, pending=resolve_all(negotiation.delegations, status.pending),
                         by=resolve_all(negotiation.delegations, (status.by,))[0] if status.by else "",
                         when=status.when or today())
        updated = replace(paragraph, status=status)
        store.replace_round(store_path, replace(
            round_, paragraphs=tuple(updated if p.id == paragraph.id else p for p in round_.paragraphs)))
    return updated


@dataclass(frozen=True, slots=True)
class Registry:
    """The delegations and groups of a negotiation, and the one just added or extended."""

    delegations: tuple[Delegation, ...]
    added: Delegation | None = None


def delegations(store_path: str | Path, *, add: str = "", name: str = "", aliases: tuple[str, ...] = (),
                members: tuple[str, ...] = (), group: bool = False) -> Registry:
    """The registry of a store; with `add`, first the delegation of that code added (a
    group when it is said to be one or has members), or the aliases and members given
    added to the one of that code."""
    added = None
    if add:
        added = add_delegation(store_path, Delegation(add, name, aliases, members, group or bool(members)))
    return Registry(store.load_store(store_path).delegations, added)
