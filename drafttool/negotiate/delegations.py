"""The delegations registry: what a negotiation is seeded with, and lookup.

A new negotiation knows the chair, the common groups and every UN Member and observer
State (negotiate/states.py).  `resolve` maps whatever a file or a person wrote ('U.S.',
'G-77 and China', 'eu', 'Délégation du Mexique', 'MEX - Maria López') to one code,
through codes, names and aliases, ignoring case, accents, dots and spaces.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from drafttool.errors import NotFoundError
from drafttool.model import CHAIR, Delegation
from drafttool.negotiate.states import fold
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


AFRICAN_GROUP = Delegation("AGN", "African Group", ("African Group of Negotiators", "Africa Group"), group=True)

UNATTRIBUTED = "unattributed"
"""The proposer of a Word comment whose author is no delegation and does not say whose
position it states (the comment is kept as a statement, never dropped)."""


def seed_delegations() -> tuple[Delegation, ...]:
    """What a new negotiation knows: the chair, the common groups, and the UN Member and
    observer States (negotiate/states.py)."""
    from drafttool.negotiate.states import states

    # 'AfG' and Afghanistan's 'AFG' are one code once case is set aside: a new negotiation
    # writes the African Group as AGN, the abbreviation of its negotiators.
    groups = tuple(AFRICAN_GROUP if d.code == "AfG" else d for d in COMMON_GROUPS)
    return (*groups, *states())


def _key(name: str) -> str:
    return re.sub(r"[\s.\-_]+", "", fold(normalize_code(name))).casefold()


@lru_cache(maxsize=8)
def _index(delegations: tuple[Delegation, ...]) -> dict[str, Delegation]:
    """Every key a registry's delegations answer to (the first delegation keeps a key two share)."""
    index: dict[str, Delegation] = {}
    for delegation in delegations:
        for name in (delegation.code, delegation.name, *delegation.aliases):
            key = _key(name)
            if key:
                index.setdefault(key, delegation)
    return index


# How Word authors and speakers name a delegation beyond its name: 'Delegation of Mexico',
# 'Mexico (on behalf of AILAC)', 'MEX - Maria López'.
_ON_BEHALF = re.compile(r"^(?P<speaker>.+?)\s*[(,]?\s*(?:on behalf of|au nom d[eu'’]\s*(?:la |l['’]|s )?|"
                        r"en nombre de(?:l| la| los)?)\s+(?:the\s+)?(?P<group>[^()]+?)\)?\s*$", re.IGNORECASE)
_DELEGATION_OF = re.compile(r"^(?:the\s+)?(?:permanent\s+mission|delegation|d[ée]l[ée]gation|delegaci[óo]n)\s+"
                            r"(?:of|de|du|des|de la|de l['’])\s*(?:the\s+)?", re.IGNORECASE)
_WITH_PERSON = re.compile(r"^(?P<who>[^-–—|/:]+?)\s+[-–—|/:]\s+\S.*$")


def _spellings(name: str) -> list[str]:
    """The name, then what it names once a speaker, a person or 'Delegation of' is set aside
    (a group spoken for comes before the State speaking for it)."""
    out = [name.strip()]
    found = _ON_BEHALF.match(name.strip())
    if found:
        out += [found["group"], found["speaker"]]
    for candidate in list(out):
        person = _WITH_PERSON.match(candidate)
        if person:
            out.append(person["who"])
    out += [_DELEGATION_OF.sub("", candidate) for candidate in list(out)]
    return list(dict.fromkeys(c.strip() for c in out if c.strip()))


def resolve(delegations: Iterable[Delegation], name: str, *, members: bool = True) -> Delegation | None:
    """The delegation a name stands for (code, display name, alias, or a Word author
    such as 'Delegation of Mexico', 'Mexico (on behalf of AILAC)', 'MEX - Maria López'),
    or None.  A member of a group is a delegation in its own right even when the
    registry lists it only among the group's members (`members=False`: the registry alone)."""
    registry = tuple(delegations)
    index = _index(registry)
    for spelling in _spellings(name):
        found = index.get(_key(spelling))
        if found is not None:
            return found
    if not members:
        return None
    listed = {member for delegation in registry for member in delegation.members}
    if listed:
        known = _index(tuple(_member(code) for code in sorted(listed)))
        for spelling in _spellings(name):
            found = known.get(_key(spelling))
            if found is not None:
                return found
    if _key(name) == _key(UNATTRIBUTED):
        return Delegation(UNATTRIBUTED, "Unattributed")
    return None


def _member(code: str) -> Delegation:
    """A group's member as a delegation: named as the States list names it."""
    from drafttool.negotiate.states import states

    for state in states():
        if state.code == code:
            return state
    return Delegation(code, code)


def resolve_all(delegations: tuple[Delegation, ...], names: Iterable[str], *, place: str = "") -> tuple[str, ...]:
    """Codes for names; an unknown name raises, with the closest known codes."""
    codes = []
    for name in names:
        found = resolve(delegations, name)
        if found is None:
            raise NotFoundError(
                f"unknown delegation {name!r}{_suggestion(delegations, name)}; `drafttool delegations STORE` lists "
                f"the {len(delegations)} known; add it with `drafttool delegations STORE --add CODE`",
                place=place or None,
            )
        if found.code not in codes:
            codes.append(found.code)
    return tuple(codes)


def _suggestion(delegations: tuple[Delegation, ...], name: str) -> str:
    import difflib

    keys = {_key(n): d.code for d in delegations for n in (d.code, d.name, *d.aliases) if _key(n)}
    close = difflib.get_close_matches(_key(name), list(keys), n=3, cutoff=0.8)
    codes = list(dict.fromkeys(keys[k] for k in close))
    return f" (did you mean {' or '.join(repr(c) for c in codes)}?)" if codes else ""
