"""The Member States and observer States of the United Nations, as delegations.

Codes are ISO 3166-1 alpha-3; names come from pycountry (the ISO 3166 data that Debian's
iso-codes keeps, with its translations), in the six UN languages: the English short name
is the display name, and the English official name and the Arabic, Chinese, French,
Russian and Spanish names are aliases, so that a Word author 'Mexique' or 'المكسيك' finds
MEX.  Which States are members is not in ISO 3166; the list below is the UN's (193
Member States since South Sudan in 2011, and the two observer States).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from drafttool.model import Delegation

MEMBER_STATES = tuple("""
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA BRN BGR BFA
BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK COD DNK DJI DMA DOM ECU EGY SLV
GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN IRQ
IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL
MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER
PHL POL PRT QAT KOR MDA ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD
ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR TZA USA URY UZB VUT VEN
VNM YEM ZMB ZWE
""".split())
"""The 193 Member States of the United Nations."""

OBSERVER_STATES = ("VAT", "PSE")
"""The Holy See and the State of Palestine."""

LANGUAGES = {"fr": "fr", "es": "es", "ru": "ru", "ar": "ar", "zh": "zh_CN"}
"""The UN languages other than English, and pycountry's name for each locale."""

CUSTOMARY = {"USA": ("US", "U.S.", "United States"), "GBR": ("UK", "U.K."), "RUS": ("Russia",),
             "VAT": ("Holy See",), "PSE": ("State of Palestine", "Palestine")}
"""Short forms delegates write that ISO 3166 does not give."""


def fold(name: str) -> str:
    """A name without accents or Arabic vowel marks: 'Mexique', 'النّرويج' as typed
    without them (ISO's Arabic names carry the shadda, Word authors seldom do)."""
    decomposed = unicodedata.normalize("NFKD", name)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


@lru_cache(maxsize=1)
def states() -> tuple[Delegation, ...]:
    """The Member and observer States, each with its names in the six UN languages."""
    import gettext

    import pycountry

    translations = [gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[locale], fallback=True)
                    for locale in LANGUAGES.values()]
    out = []
    for code in (*MEMBER_STATES, *OBSERVER_STATES):
        country = pycountry.countries.get(alpha_3=code)
        assert country is not None, code
        english = [getattr(country, "common_name", ""), country.name, getattr(country, "official_name", "")]
        names = [name for name in english if name]
        for translation in translations:
            names += [translation.gettext(name) for name in english[1:] if name]
        names += CUSTOMARY.get(code, ())
        display = names[0]
        aliases = tuple(dict.fromkeys(n for n in names[1:] if n != display))
        out.append(Delegation(code, display, aliases))
    return tuple(out)
