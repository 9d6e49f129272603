"""The delegations registry: the common groups to seed a negotiation with, and lookup.

`resolve` maps whatever a file or a person wrote ('U.S.', 'G-77 and China', 'eu') to one
code, through codes, names and aliases, ignoring case, dots and spaces.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from drafttool.errors import NotFoundError
from drafttool.model import CHAIR, Delegation
from drafttool.text.visible import normalize_code

EU_MEMBERS = (
    "AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN", "IRL",
    "ITA", "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "ESP", "SWE",
)

COMMON_GROUPS = (
    Delegation(CHAIR, "Chair / Secretariat", ("Chairperson", "Chairman", "Facilitator", "Facilitators",
                                              "Co-facilitators", "Secretariat", "President", "Bureau")),
    Delegation("G77", "Group of 77 and China", ("G-77", "G77 and China", "G-77 and China", "Group of 77"), group=True),
    Delegation("EU", "European Union", ("E.U.", "European Union and its member States", "EU and its member States"),
               EU_MEMBERS, group=True),
    Delegation("CANZ", "Canada, Australia and New Zealand", (), ("CAN", "AUS", "NZL"), group=True),
    Delegation("JUSSCANNZ", "JUSSCANNZ", (), ("JPN", "USA", "CHE", "CAN", "AUS", "NOR", "NZL"), group=True),
    Delegation("LMDC", "Like-Minded Developing Countries", ("Like-Minded Group",), group=True),
    Delegation("AOSIS", "Alliance of Small Island States", ("SIDS",), group=True),
    Delegation("AfG", "African Group", ("AGN", "African Group of Negotiators", "Africa Group"), group=True),
    Delegation("AILAC", "Independent Association of Latin America and the Caribbean", (), group=True),
    Delegation("EIG", "Environmental Integrity Group", (), ("CHE", "KOR", "MEX", "LIE", "MCO", "GEO"), group=True),
    Delegation("ArabG", "Arab Group", ("Arab States",), group=True),
    Delegation("LDCs", "Least Developed Countries", ("LDC", "LDC Group"), group=True),
    Delegation("GRULAC", "Group of Latin American and Caribbean States", (), group=True),
    Delegation("WEOG", "Western European and Others Group", (), group=True),
    Delegation("EEG", "Eastern European Group", (), group=True),
)


def _key(name: str) -> str:
    return re.sub(r"[\s.\-_]+", "", normalize_code(name)).casefold()


def resolve(delegations: Iterable[Delegation], name: str) -> Delegation | None:
    """The delegation a name stands for (code, display name or alias), or None."""
    wanted = _key(name)
    for delegation in delegations:
        if wanted in {_key(delegation.code), _key(delegation.name), *map(_key, delegation.aliases)} - {""}:
            return delegation
    return None


def resolve_all(delegations: tuple[Delegation, ...], names: Iterable[str], *, place: str = "") -> tuple[str, ...]:
    """Codes for names; an unknown name raises, listing the delegations known."""
    codes = []
    for name in names:
        found = resolve(delegations, name)
        if found is None:
            known = ", ".join(d.code for d in delegations)
            raise NotFoundError(
                f"unknown delegation {name!r}; known: {known}; add it with `drafttool delegations STORE --add CODE`",
                place=place or None,
            )
        if found.code not in codes:
            codes.append(found.code)
    return tuple(codes)
