"""Every word the tool writes around a text, in the six UN languages, and how the
proposers of a proposal are written after it.

One table for every renderer (`tables`) (HTML pages, Word files, text tables): the compilation's
legend (`LEGEND`, `LEGEND_NOTES`), what a proposal on a whole paragraph says of itself
(`NOTE_INTROS`), the words of the compilation page (`PAGE_PHRASES`), and the words of
the comparison, round and blame pages, statuses, places and moves (`WORDS`).  A language
outside the six gets the English words (`phrase_language`).  The words hold no HTML
special character, so a renderer may write them as they are once the codes and places it
puts into them are escaped.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from enum import StrEnum

from drafttool.model import CHAIR, ProposalOp, ProposalStatus, Status, StatusValue
from drafttool.negotiate.compilation import Piece, PieceKind, Proposers
from drafttool.renderers.words.tables import (
    LEGEND, LEGEND_NOTES, NOTE_INTROS, PAGE_PHRASES, STATUS_COLOURS, WORDS,
)

__all__ = [
    "ATTRIBUTION_STYLES",
    "attribution_text",
    "AttributionStyle",
    "label_in",
    "LEGEND",
    "legend",
    "LEGEND_NOTES",
    "legend_samples",
    "move_in",
    "names_text",
    "NOTE_INTROS",
    "PAGE_PHRASES",
    "phrase_language",
    "place_in",
    "proposal_status_words",
    "proposers_text",
    "STATUS_COLOURS",
    "status_value_words",
    "status_words",
    "SUFFIXES",
    "support_text",
    "WORDS",
    "words_of",
]


class AttributionStyle(StrEnum):
    PARENTHESES = "parentheses"
    DASH = "dash"
    NONE = "none"


ATTRIBUTION_STYLES = tuple(style.value for style in AttributionStyle)
"""How proposers are written after a span (docs/negotiated-texts.md, 'Compilation texts'):
'parentheses' `(EU)`, `(USA, CAN: delete)`; 'dash' `– EU`, `– USA, CAN delete`; 'none' —
some processes publish the compilation without attribution on purpose."""


def _plain(code: str) -> str:
    return code


def names_text(codes: Iterable[str], language: str = "en", code: Callable[[str], str] = _plain) -> str:
    """Delegation codes joined as the language joins a list: 'USA, CAN', 'USA، CAN', 'USA、CAN';
    the chair (where no proposal explains a change) named in the language."""
    words = WORDS[phrase_language(language)]
    return words["list"].join(words["chair"] if c == CHAIR else code(c) for c in codes)


def support_text(supporters: Sequence[str], opponents: Sequence[str], language: str = "en",
                 code: Callable[[str], str] = _plain) -> str:
    """What follows the proposers: '; supported by AfG; opposed by EU', or ''."""
    words = WORDS[phrase_language(language)]
    extra = ""
    if supporters:
        extra += words["semicolon"] + words["supported-by"].format(codes=names_text(supporters, language, code))
    if opponents:
        extra += words["semicolon"] + words["opposed-by"].format(codes=names_text(opponents, language, code))
    return extra


def _bracketed(inner: str, language: str) -> str:
    words = WORDS[phrase_language(language)]
    return f"{words['open']}{inner}{words['close']}"


def attribution_text(piece: Piece, style: str = "parentheses", *, with_support: bool = True, language: str = "en",
                     code: Callable[[str], str] = _plain) -> str:
    """The words written after a proposal's span: '(EU)', '(USA, CAN: delete)',
    '– G77; supported by AfG; opposed by EU', or '' with style 'none'; in `language`
    ('(RUS\u00a0: supprimer)'), each delegation code through `code` (a renderer escapes
    or isolates it there)."""
    who = piece.proposers
    if who is None or style == "none" or not piece.ends_proposal:
        return ""
    deleting = piece.kind is PieceKind.DELETE and who.op in (ProposalOp.DELETE, ProposalOp.DELETE_PARAGRAPH)
    space = "" if phrase_language(language) == "zh" else " "  # no space before a full-width parenthesis
    return space + proposers_text(who, style, "delete" if deleting else "", with_support=with_support,
                                language=language, code=code)


def proposers_text(who: Proposers, style: str = "parentheses", what: str = "", *, with_support: bool = True,
                   language: str = "en", code: Callable[[str], str] = _plain) -> str:
    """Proposers of a whole-paragraph proposal: '(EU: delete)', '– USA alt', ''; `what`
    is written in `language` where the table has it ('delete' → 'supprimer')."""
    if style == "none":
        return ""
    words = WORDS[phrase_language(language)]
    names = names_text(who.by, language, code)
    extra = support_text(who.supporters, who.opponents, language, code) if with_support else ""
    what = words.get(f"what-{what}", what) if what else ""
    if style == "dash":
        return f"– {names}{' ' + what if what else ''}{extra}"
    return _bracketed(f"{names}{words['colon'] + what if what else ''}{extra}", language)


@functools.lru_cache(maxsize=64)
def phrase_language(language: str) -> str:
    """The language the words around a compilation text are written in: the text's, where it
    is one of the six UN languages (the keys of LEGEND, LEGEND_NOTES, NOTE_INTROS and
    PAGE_PHRASES), English otherwise."""
    code = language.split("-")[0].lower()
    return code if code in LEGEND else "en"


def legend(language: str, attribution: str = "parentheses") -> tuple[tuple[str, str], ...]:
    """The conventions of the compilation, in its language (English where not one of the six);
    without attribution, insertions and deletions are not said to name their proposers."""
    lines = LEGEND[phrase_language(language)]
    unattributed = attribution == "none"
    return tuple(
        (key.removesuffix("-unattributed"), text) for key, text in lines
        if key.endswith("-unattributed") == unattributed or key not in ("insert", "delete", "insert-unattributed",
                                                                        "delete-unattributed")
    )


SUFFIXES = {"ar": {"bis": "مكررا", "ter": "مكررا ثانيا", "quater": "مكررا ثالثا", "quinquies": "مكررا رابعا",
                   "sexies": "مكررا خامسا", "septies": "مكررا سادسا", "octies": "مكررا سابعا"}}
"""Labels of added paragraphs in the languages that do not write them in Latin: the
Arabic '3 مكررا' for '3 bis' (a Latin word in a right-to-left label reads 'bis 3')."""

_SUFFIX = re.compile(r"(?<=[\d\s.)])\s*\b(bis|ter|quater|quinquies|sexies|septies|octies)\b")


def words_of(language: str) -> dict[str, str]:
    """The words of `WORDS` in the text's language, English outside the six."""
    return WORDS[phrase_language(language)]


def label_in(label: str, language: str) -> str:
    """A paragraph label in the text's language: '3 bis' is '3 مكررا' in Arabic."""
    if not label or language[:2] not in SUFFIXES:  # most pages: nothing to look up (one call a paragraph)
        return label
    suffixes = SUFFIXES[phrase_language(language)]
    return _SUFFIX.sub(lambda found: " " + suffixes[found.group(1)], label)


def status_words(status: Status, language: str) -> str:
    """A paragraph's status tag in the text's language: 'approuvé ad referendum (USA)'."""
    words = words_of(language)
    text = words[f"status-{status.value.value}"]
    if status.pending:
        text += " " + _bracketed(names_text(status.pending, language), language)
    return text


def status_value_words(value: StatusValue | str, language: str) -> str:
    """A status value alone in the text's language ('agreed-ad-ref' → 'approuvé ad referendum')."""
    return words_of(language)[f"status-{StatusValue(value).value}"]


def proposal_status_words(status: ProposalStatus, language: str) -> str:
    """A proposal's status, written in square brackets after it: 'acceptée', 'مقبول'."""
    return words_of(language)[f"proposal-{status.value}"]


_PLACE = re.compile(r"(?P<kind>OP|PP|Art\.|¶) (?P<n>\S+)|(?P<word>\btitle\b|\bheading\b|\bopening\b)"
                    r"|(?P<after>\b(?:text|note)(?: \d+)?) after (?P<place>.+)$")


def place_in(place: str, language: str) -> str:
    """A place named by `compare.places` ('OP 5', 'Art. 4 ¶ 2', 'PP 3', 'text after OP 3')
    in the text's language ('par. 5', 'art. 4, par. 2', 'المادة 4، الفقرة 2', '第4条第2款');
    labels ('18 (a)') are left as they are."""
    code = phrase_language(language)
    if code == "en" or not place:
        return place
    words = WORDS[code]
    parts: list[str] = []
    position = 0
    for found in _PLACE.finditer(place):
        between = place[position:found.start()]
        if found.group("kind"):
            piece = words[f"place-{found.group('kind')}"].format(n=found.group("n"))
            if found.group("kind") == "¶" and parts and not between.strip():
                between = words["place-join"]
        elif found.group("word"):
            piece = words[f"place-{found.group('word')}"]
        else:
            what, _, rank = found.group("after").partition(" ")
            piece = words["place-after"].format(what=words[f"place-{what}"] + (f" {rank}" if rank else ""),
                                                place=place_in(found.group("place"), code))
        parts.append(between + piece)
        position = found.end()
    return ("".join(parts) + place[position:]).replace(" → ", f" {words['arrow']} ")


_MOVE = re.compile(r"^from (?:the start|after (?P<origin>.+?)(?: \((?:now (?P<now>.+?))\))?) "
                   r"to (?:the start|after (?P<to>.+))$")


def move_in(move: str, language: str, place: Callable[[str], str] = _plain) -> str:
    """A move as the comparison says it ('from after OP 25 (now OP 26) to after OP 30',
    `compare.places`) in words of the text's language, each place through `place` (a
    renderer isolates it there): 'moved from after OP 25 (now OP 26) to after OP 30'."""
    found = _MOVE.match(move)
    if found is None:
        return move
    code = phrase_language(language)
    words = WORDS[code]

    def named(text: str) -> str:
        return place(place_in(text, code))

    origin, now, to = found.group("origin"), found.group("now"), found.group("to")
    parts = [words["from-after"].format(place=named(origin)) if origin else words["from-start"]]
    if now == "deleted":
        parts.append(words["now-deleted"])
    elif now:
        parts.append(words["now"].format(place=named(now)))
    parts.append(words["to-after"].format(place=named(to)) if to else words["to-start"])
    return ("" if code == "zh" else " ").join(parts)


def legend_samples(codes: Sequence[str]) -> dict[str, Piece] | None:
    """The pieces the legend's examples of attribution are written from, with delegations
    of the negotiation itself (never codes that may not take part in it): a proposal of
    the first, a deletion by the first two, a proposal of one supported by another and
    opposed by a third.  None without delegations."""
    if not codes:
        return None
    first = codes[0]
    second = codes[1] if len(codes) > 1 else first
    third = codes[2] if len(codes) > 2 else second
    return {
        "insert": Piece(PieceKind.INSERT, "", Proposers(("sample-1",), (first,), op=ProposalOp.INSERT),
                        ends_proposal=True),
        "delete": Piece(PieceKind.DELETE, "", Proposers(("sample-2",), tuple(dict.fromkeys((first, second))),
                                                        op=ProposalOp.DELETE), ends_proposal=True),
        "support": Piece(PieceKind.INSERT, "", Proposers(("sample-3",), (first,), (second,) if second != first else (),
                                                         (third,) if third not in (first, second) else (),
                                                         op=ProposalOp.INSERT), ends_proposal=True),
    }
