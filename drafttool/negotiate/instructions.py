"""A UN amendment document becomes the proposals it makes, one per instruction.

Delegations table amendments to a draft as documents of their own ("Russian Federation:
amendment to draft resolution A/80/L.18") that give instructions by paragraph position
rather than an edited copy: "Delete the thirty-eighth preambular paragraph reading: …",
"In operative paragraph 1, replace “Takes note” with “Welcomes”", "After operative
paragraph 4, insert two new operative paragraphs reading: …".  This module finds the
heading (who proposes, against which symbol), splits the body into instructions (with the
paragraphs quoted after a colon), and turns each into a proposal anchored as every other
proposal is: the paragraph's id, the words quoted, context on each side.

Paragraphs are named the way the documents name them: preambular paragraphs by ordinal
("thirty-eighth", "38th", "trente-huitième", "38e"), counted without the opening line
("The General Assembly,"); operative paragraphs and their subparagraphs by label
("operative paragraph 5 (b)", "paragraphe 5 b) du dispositif"); "the title".  English
and French are read.  Everything is checked before anything is stored: an instruction that
names a paragraph or words the round does not have is refused in one line quoting it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from drafttool import store
from drafttool.errors import InputError, NotFoundError, Notice
from drafttool.model import Event, Kind, Negotiation, Paragraph, Proposal, ProposalOp, Round
from drafttool.negotiate.amendments import ImportedAmendments
from drafttool.negotiate.delegations import resolve
from drafttool.negotiate.anchors import fold, make_anchor
from drafttool.negotiate.proposals import check_proposal
from drafttool.readers import Reading, read_document
from drafttool.negotiate import today
from drafttool.text import markup
from drafttool.text.places import preamble_opening

# ----------------------------------------------------------------------------- ordinals

_UNITS_EN = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
             "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth").split()
_TENS_EN = {"twent": 20, "thirt": 30, "fort": 40, "fift": 50, "sixt": 60, "sevent": 70, "eight": 80, "ninet": 90}
_CARDINAL_EN = dict(zip("one two three four five six seven eight nine".split(), range(1, 10)))
_UNITS_FR = {"premier": 1, "première": 1, "deuxième": 2, "second": 2, "seconde": 2, "troisième": 3, "quatrième": 4,
             "cinquième": 5, "sixième": 6, "septième": 7, "huitième": 8, "neuvième": 9, "dixième": 10,
             "onzième": 11, "douzième": 12, "treizième": 13, "quatorzième": 14, "quinzième": 15, "seizième": 16,
             "unième": 1}
_TENS_FR = {"vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60, "quatre-vingt": 80}
_COUNT_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "un": 1, "une": 1,
                "deux": 2, "trois": 3, "quatre": 4, "cinq": 5}


def ordinal(word: str) -> int | None:
    """1 for 'first', 'première', '1st', '1er'; 38 for 'thirty-eighth', 'trente-huitième',
    '38th', '38e'; None for a word that is not an ordinal."""
    text = word.strip().lower().replace("\u2011", "-")
    figures = re.fullmatch(r"(\d+)\s*(st|nd|rd|th|er|re|e|ème|eme)?", text)
    if figures:
        return int(figures.group(1))
    if text in _UNITS_EN:
        return _UNITS_EN.index(text) + 1
    for stem, tens in _TENS_EN.items():
        if text == stem + "ieth":
            return tens
        if text.startswith(stem + "y-"):
            rest = ordinal(text[len(stem) + 2:])
            return tens + rest if rest and rest < 10 else None
    if text in _UNITS_FR:
        return _UNITS_FR[text]
    return _ordinal_fr(text)


def _ordinal_fr(text: str) -> int | None:
    """'vingtième' 20, 'vingt et unième' 21, 'trente-huitième' 38, 'soixante-dixième' 70,
    'quatre-vingt-onzième' 91."""
    text = text.replace(" et ", "-").replace(" ", "-")
    for word, tens in sorted(_TENS_FR.items(), key=lambda item: -len(item[0])):
        if text in (word + "ième", word + "s" + "ième"):
            return tens
        if text.startswith(word + "-"):
            rest = text[len(word) + 1:]
            value = _UNITS_FR.get(rest)
            if value is None and rest.startswith("dix-"):
                inner = _UNITS_FR.get(rest[4:])
                value = 10 + inner if inner else None
            return tens + value if value is not None and value < 20 else None
    return None


_ORDINAL = r"(?:\d+\s*(?:st|nd|rd|th|er|re|e|ème)|[a-zéèû]+(?:[-\u2011\s](?:et\s)?[a-zéèû]+){0,3})"

# ----------------------------------------------------------------------------- paragraphs named

_PLACE_PATTERNS = (
    # English
    (re.compile(rf"^(?:the\s+)?(?P<ord>{_ORDINAL})\s+preambular\s+paragraph$", re.I), "pp"),
    (re.compile(r"^(?:sub-?paragraph\s+(?P<sub>\(?[a-z]{1,4}\)?)\s+of\s+)?operative\s+paragraph\s+"
                r"(?P<num>\d+(?:\s*(?:bis|ter|quater))?)(?:\s*(?P<sub2>\([a-z]{1,4}\)))?$", re.I), "op"),
    (re.compile(r"^(?:the\s+)?title$", re.I), "title"),
    # French
    (re.compile(rf"^(?:le|la|au|à\s+la)?\s*(?P<ord>{_ORDINAL})\s+alinéa\s+du\s+préambule$", re.I), "pp"),
    (re.compile(r"^(?:l[ea]\s+|au\s+)?(?:alinéa\s+(?P<sub>[a-z]{1,4}\)?)\s+du\s+)?paragraphe\s+(?P<num>\d+"
                r"(?:\s*(?:bis|ter))?)(?:\s*(?P<sub2>[a-z]{1,4}\)))?\s+du\s+dispositif$", re.I), "op"),
    (re.compile(r"^(?:le\s+|au\s+)?titre$", re.I), "title"),
)


def opening(round_: Round) -> Paragraph | None:
    """The line that opens the preamble ('The General Assembly,'), which the documents do
    not count among the preambular paragraphs (`text.places.preamble_opening`)."""
    return preamble_opening(round_)


def preambular(round_: Round) -> list[Paragraph]:
    """The preambular paragraphs as the documents count them."""
    first = opening(round_)
    return [p for p in round_.paragraphs if p.kind is Kind.PREAMBULAR and p is not first]


def named_paragraph(round_: Round, words: str) -> Paragraph:
    """The paragraph 'the fourth preambular paragraph', 'operative paragraph 5 (b)' or 'the
    title' names; NotFoundError saying what the round has."""
    words = " ".join(words.split()).strip(" ,")
    for pattern, kind in _PLACE_PATTERNS:
        match = pattern.match(words)
        if not match:
            continue
        if kind == "title":
            for paragraph in round_.paragraphs:
                if paragraph.kind is Kind.TITLE:
                    return paragraph
            raise NotFoundError("the round has no title")
        if kind == "pp":
            number = ordinal(match.group("ord"))
            listed = preambular(round_)
            if number is None:
                break
            if not 1 <= number <= len(listed):
                raise NotFoundError(f"it names preambular paragraph {number}, but the round has {len(listed)}")
            return listed[number - 1]
        return _operative(round_, match.group("num"), match.group("sub") or match.group("sub2") or "")
    raise NotFoundError(f"{words!r} names no paragraph drafttool knows how to find")


def _operative(round_: Round, number: str, sub: str) -> Paragraph:
    wanted = re.sub(r"\s+", " ", number).strip()
    for paragraph in round_.paragraphs:
        if paragraph.kind is Kind.OPERATIVE and paragraph.label.rstrip(".").strip() == wanted:
            if not sub:
                return paragraph
            letter = sub.strip("()").lower()
            for child in round_.paragraphs:
                if child.parent == paragraph.id and child.label.strip("().").lower() == letter:
                    return child
            raise NotFoundError(f"operative paragraph {wanted} has no subparagraph ({letter})")
    count = sum(p.kind is Kind.OPERATIVE for p in round_.paragraphs)
    raise NotFoundError(f"it names operative paragraph {wanted}, but the round has {count} operative paragraphs")


# ----------------------------------------------------------------------------- the document

_HEADING = re.compile(
    r"^(?P<who>[^:]{2,400}?)\s*(?:\[\^[^\]]+\]|\*{1,3})?\s*:\s*(?:\[\^[^\]]+\]\s*)?(?P<what>amendments?\s+to\s+"
    r"(?:the\s+)?(?:revised\s+)?draft\s+(?:resolution|decision)|amendements?\s+au\s+projet\s+(?:révisé\s+)?de\s+"
    r"(?:résolution|décision))\s+(?P<symbol>[A-Z]+(?:/[A-Za-z0-9.()\-]+)+?)\.?$", re.I)
def _q(name: str) -> str:
    return rf"[“«\"]\s*(?P<{name}>.+?)\s*[”»\"]"



_SCOPE = r"(?:In|Dans|Au|À\s+l[a’']|A\s+la)\s+(?P<place>[^,“«\"]+?),\s+"
_INSTRUCTIONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(?:Replace|Remplacer)\s+" + _q("old") + r"\s+(?:with|by|par)\s+" + _q("new") +
                r"\s+(?:in|dans)\s+(?P<where>.+?)\.?$", re.I), "replace-all"),
    (re.compile(_SCOPE + r"(?:replace|remplacer)\s+" + _q("old") + r"\s+(?:with|by|par)\s+" + _q("new") + r"\.?$", re.I),
     "replace"),
    (re.compile(_SCOPE + r"(?:delete|supprimer)\s+" + _q("old") + r"\.?$", re.I), "delete"),
    (re.compile(_SCOPE + r"(?P<side>after|before|après|avant)\s+" + _q("at") + r",?\s+(?:insert|add|insérer|ajouter)\s+"
                + _q("new") + r"\.?$", re.I), "insert"),
    (re.compile(_SCOPE + r"(?:insert|add|insérer|ajouter)\s+" + _q("new") + r"\s+(?P<side>after|before|après|avant)\s+"
                + _q("at") + r"\.?$", re.I), "insert"),
    (re.compile(r"^(?:Delete|Supprimer)\s+(?P<place>.+?)(?:\s+(?:reading|ainsi\s+libellée?|qui\s+se\s+lit))?\s*[:.]?$",
                re.I), "delete-paragraph"),
    (re.compile(r"^(?:After|Before|Après|Avant)\s+(?P<place>.+?),\s+(?:insert|add|insérer|ajouter)\s+"
                r"(?P<count>\S+)\s+(?:following\s+)?(?:new\s+|nouvea\w*\s+)?(?:(?:preambular|operative)\s+)?"
                r"(?:paragraphs?|alinéas?|paragraphes?)(?:\s+du\s+(?:préambule|dispositif))?(?:\s+(?:reading|ainsi\s+"
                r"libellés?|suivants?))?\s*:?$", re.I), "add"),
    (re.compile(r"^(?:Insert|Add|Insérer|Ajouter)\s+(?P<count>\S+)\s+(?:new\s+|nouvea\w*\s+)?(?:(?:preambular|operative)"
                r"\s+)?(?:paragraphs?|alinéas?|paragraphes?)(?:\s+du\s+(?:préambule|dispositif))?\s+(?P<side>after|"
                r"before|après|avant)\s+(?P<place>.+?)(?:\s+(?:reading|ainsi\s+libellés?))?\s*:?$", re.I), "add"),
    (re.compile(r"^(?:Replace|Remplacer)\s+(?P<place>.+?)\s+(?:with|by|par)\s+(?:the\s+following|le\s+texte\s+suivant|"
                r"ce\s+qui\s+suit)\s*:?$", re.I), "alternative"),
)


@dataclass(frozen=True, slots=True)
class Instruction:
    """One instruction of an amendment document, with the paragraphs quoted after it."""

    text: str
    """The instruction as written (plain text, label off)."""
    number: int
    markup: str = ""
    """The same in inline markup: the words it quotes keep their italics."""
    quoted: tuple[str, ...] = ()
    """Paragraphs the instruction quotes (new paragraphs, or the one deleted), in markup."""


@dataclass(frozen=True, slots=True)
class AmendmentDocument:
    """What an amendment document says: who, against which draft, and its instructions."""

    delegations: tuple[str, ...]
    """Names as written ('Russian Federation'); a group spoken for replaces its speaker."""
    symbol: str
    instructions: tuple[Instruction, ...]


def _instruction_kind(text: str) -> tuple[str, re.Match[str]] | None:
    for pattern, kind in _INSTRUCTIONS:
        match = pattern.match(text)
        if match:
            return kind, match
    return None


def amendment_document(reading: Reading) -> AmendmentDocument | None:
    """The amendment document a reading is, or None when it is not one (no heading
    '…: amendment to draft resolution SYMBOL')."""
    round_ = reading.round
    lines = [*round_.masthead.other, *(p.text for p in round_.paragraphs)]
    heading = None
    for line in lines:
        heading = _HEADING.match(markup.plain(line).strip())
        if heading:
            break
    if heading is None:
        return None
    who = heading.group("who").strip()
    spoken_for = re.search(r"\(?\s*on\s+behalf\s+of\s+(?:the\s+)?(.+?)\s*\)?$|\(?\s*au\s+nom\s+d[ue’']\s*(?:la\s+|l’|l')?"
                           r"(.+?)\s*\)?$", who, re.I)
    if spoken_for:
        names = [(spoken_for.group(1) or spoken_for.group(2)).strip()]
    else:
        names = [n.strip() for n in re.split(r",\s*|\s+(?:and|et)\s+", who) if n.strip()]
    instructions: list[Instruction] = []
    for paragraph in round_.paragraphs:
        if paragraph.kind in (Kind.TITLE, Kind.HEADING):
            continue
        plain = markup.plain(paragraph.text).strip()
        if _HEADING.match(plain):
            continue
        numbered = re.match(r"^\d{1,3}\.\s+", plain)  # '1. Replace …' written without a label of its own
        if numbered and _instruction_kind(plain[numbered.end():]) is not None:
            plain = plain[numbered.end():]
        if _instruction_kind(plain) is not None:
            text = paragraph.text.strip()
            instructions.append(Instruction(plain, len(instructions) + 1, text[text.find(plain[:3]):] if numbered else text))
        elif instructions and instructions[-1].text.rstrip().endswith(":"):
            last = instructions[-1]
            text = paragraph.text if not paragraph.label else f"{paragraph.label} {paragraph.text}"
            instructions[-1] = replace(last, quoted=(*last.quoted, text))
        elif instructions or plain:
            raise InputError(f"paragraph {paragraph.label or paragraph.id} ({_short(plain)!r}) is neither an "
                             "instruction drafttool reads nor a paragraph quoted after one ending in ':'")
    return AmendmentDocument(tuple(names), heading.group("symbol"), tuple(instructions))


def _short(text: str, length: int = 70) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


# ----------------------------------------------------------------------------- proposals

def instruction_proposals(round_: Round, instruction: Instruction,
                          renamed: tuple[tuple[str, str], ...] = ()) -> list[Proposal]:
    """Draft proposals (no id or proposers yet) for one instruction.  `renamed` holds the
    (old, new) words of earlier instructions that replace words throughout: a later
    instruction quotes the text with them replaced ('Chornobyl nuclear power plant' after
    “Chernobyl” became “Chornobyl”), and is found in the round with them as they were."""
    found = _instruction_kind(instruction.text)
    if found is None:
        raise NotFoundError("drafttool does not read this instruction")
    kind, match = found
    draft = Proposal("", round_.label, ProposalOp.STATEMENT, ())
    if kind == "replace-all":
        return _replace_all(round_, match.group("old"), _quoted(instruction, match, "new"), match.group("where"), draft)
    if kind == "delete-paragraph":
        targets = _places(round_, match.group("place"))
        if instruction.quoted and len(targets) == 1:
            _check_quoted(targets[0], instruction.quoted[0])
        return [replace(draft, op=ProposalOp.DELETE_PARAGRAPH, paragraph=t.id) for t in targets]
    if kind == "add":
        side = (match.groupdict().get("side") or instruction.text.split()[0]).lower()
        target = named_paragraph(round_, match.group("place"))
        count = _COUNT_WORDS.get(match.group("count").lower()) or (int(match.group("count"))
                                                                   if match.group("count").isdigit() else None)
        if not instruction.quoted:
            raise NotFoundError("it announces new paragraphs but quotes none after it")
        if count is not None and count != len(instruction.quoted) and match.group("count").lower() not in ("the",):
            raise NotFoundError(f"it announces {count} new paragraph(s) but quotes {len(instruction.quoted)}")
        before = side.startswith(("before", "avant"))
        suffixes = ("bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies", "decies")
        base = target.label.rstrip(".") or ""
        return [replace(draft, op=ProposalOp.ADD_PARAGRAPH, paragraph=target.id, text=text,
                        before=before, label=f"{base} {suffixes[min(k, len(suffixes) - 1)]}".strip() if base else "")
                for k, text in enumerate(instruction.quoted)]
    if kind == "alternative":
        target = named_paragraph(round_, match.group("place"))
        if len(instruction.quoted) != 1:
            raise NotFoundError(f"it replaces a paragraph but quotes {len(instruction.quoted)} paragraph(s) after it")
        return [replace(draft, op=ProposalOp.ALTERNATIVE, paragraph=target.id,
                        text=instruction.quoted[0])]
    target = named_paragraph(round_, match.group("place"))
    if kind == "replace":
        return [_span(target, match.group("old"), draft, ProposalOp.REPLACE, _quoted(instruction, match, "new"),
                      renamed)]
    if kind == "delete":
        return [_span(target, match.group("old"), draft, ProposalOp.DELETE, "", renamed)]
    after = match.group("side").lower().startswith(("after", "après"))
    return [_insertion(target, match.group("at"), _quoted(instruction, match, "new"), after, draft, renamed)]


def _places(round_: Round, words: str) -> list[Paragraph]:
    """'operative paragraphs 5, 6, 10 and 13' → those four; otherwise the one named."""
    several = re.match(r"^(?:operative\s+paragraphs|les\s+paragraphes)\s+(?P<list>[\d\s,]+(?:and|et)\s+\d+)"
                       r"(?:\s+du\s+dispositif)?$", " ".join(words.split()), re.I)
    if several:
        return [_operative(round_, n, "") for n in re.findall(r"\d+", several.group("list"))]
    return [named_paragraph(round_, words)]


def _check_quoted(target: Paragraph, quoted: str) -> None:
    """The paragraph an instruction deletes 'reading: …' must read so."""
    have, want = fold(" ".join(markup.plain(target.text).split())), fold(" ".join(markup.plain(quoted).split()))
    if have != want:
        raise NotFoundError(f"the paragraph it deletes ({target.label or target.id}) does not read as quoted: "
                            f"{_short(markup.plain(target.text), 60)!r}")


def _words(text: str) -> str:
    """Quoted words as the paragraph's plain text has them."""
    return " ".join(markup.plain(text).split())


def _span(target: Paragraph, quote: str, draft: Proposal, op: ProposalOp, new: str,
          renamed: tuple[tuple[str, str], ...]) -> Proposal:
    start, end = _find(markup.plain(target.text), _words(quote), target, renamed)
    return replace(draft, op=op, paragraph=target.id, anchor=make_anchor(target.text, start, end), text=new)


def _insertion(target: Paragraph, where: str, new: str, after: bool, draft: Proposal,
               renamed: tuple[tuple[str, str], ...]) -> Proposal:
    plain = markup.plain(target.text)
    start, end = _find(plain, _words(where), target, renamed)
    point = end if after else start
    text = new
    if after and not text.startswith((",", ";", ".", " ")) and point < len(plain) and plain[point:point + 1] == " ":
        text = text + " " if not text.endswith(" ") else text
        point += 1  # 'after “X”, insert “Y”': Y comes after X and its space
    elif after and not text.startswith((",", ";", ".")):
        text = " " + text
    elif not after:
        text = text + " "
    return replace(draft, op=ProposalOp.INSERT, paragraph=target.id, anchor=make_anchor(target.text, point, point),
                   text=text)


def _find(plain: str, words: str, target: Paragraph, renamed: tuple[tuple[str, str], ...] = ()) -> tuple[int, int]:
    """Plain offsets of the quoted words in a paragraph, found once and only once."""
    folded = fold(plain)
    tries = [words] + [words.replace(new, old) for old, new in renamed if new in words]
    for wanted in tries:
        starts = [m.start() for m in re.finditer(re.escape(fold(wanted)), folded)]
        if len(starts) > 1:
            raise NotFoundError(f"{words!r} appears {len(starts)} times in {target.label or target.id}")
        if starts:
            return starts[0], starts[0] + len(wanted)
    raise NotFoundError(f"{words!r} is not in {target.label or target.id}")


def _quoted(instruction: Instruction, match: re.Match[str], group: str) -> str:
    """The words of a match group in inline markup, italics kept ('“*Welcomes*”').  A
    footnote reference inside them is left out: it names a footnote of the amendment
    document, not of the round."""
    start, end = match.span(group)
    atoms: list[markup.Run] = []
    for run in markup.parse(instruction.markup):
        if run.footnote is None:
            atoms.extend(markup.Run(char, run.italic, run.bold) for char in run.text)
    return markup.to_markup(atoms[start:end]).strip()


def _replace_all(round_: Round, old: str, new: str, where: str, draft: Proposal) -> list[Proposal]:
    """'Replace “X” with “Y” in the title, the preambular paragraphs and the operative
    paragraphs': one proposal for every place the words stand."""
    scope = where.lower()
    kinds = set()
    if "title" in scope or "titre" in scope:
        kinds.add(Kind.TITLE)
    if "preambular" in scope or "préambule" in scope:
        kinds.add(Kind.PREAMBULAR)
    if "operative" in scope or "dispositif" in scope:
        kinds |= {Kind.OPERATIVE, Kind.SUBPARAGRAPH, Kind.TEXT}
    if not kinds:
        raise NotFoundError(f"{where!r} names no part of the text drafttool knows")
    words = _words(old)
    out = []
    skip = opening(round_)
    for paragraph in round_.paragraphs:
        if paragraph.kind not in kinds or paragraph is skip:
            continue
        plain = markup.plain(paragraph.text)
        for found in re.finditer(re.escape(fold(words)), fold(plain)):
            out.append(replace(draft, op=ProposalOp.REPLACE, paragraph=paragraph.id,
                               anchor=make_anchor(paragraph.text, found.start(), found.end()), text=new))
    if not out:
        raise NotFoundError(f"{words!r} is nowhere in {where}")
    return out


def read_amendment_document(store_path: str | Path, path: str | Path, *, round_name: str | None = None,
                            as_delegation: str | None = None, date: str = "") -> ImportedAmendments | None:
    """Record the proposals of a UN amendment document on a round; None when the file is
    not an amendment document (so that it is read as an edited copy instead)."""
    reading = read_document(path)
    document = amendment_document(reading) if _looks_like(reading) else None
    if document is None:
        return None
    negotiation = store.load_store(store_path)
    round_ = negotiation.round(round_name)
    notices: list[Notice] = list(reading.notices)
    if round_.symbol and document.symbol != round_.symbol:
        raise InputError(f"is an amendment to {document.symbol}, but round {round_.label!r} is {round_.symbol}; "
                         "pass --round with the round of that symbol", path=path)
    if not round_.symbol:
        notices.append(Notice(f"amends {document.symbol}; round {round_.label!r} has no symbol to check it against",
                              str(path)))
    by = _delegations(negotiation, document, as_delegation, path)
    date = date or document_date(reading) or today()
    source = Path(path).name
    proposals: list[Proposal] = []
    renamed: list[tuple[str, str]] = []
    for instruction in document.instructions:
        try:
            drafts = instruction_proposals(round_, instruction, tuple(renamed))
            for draft in drafts:
                check_proposal(round_, draft)
        except NotFoundError as error:
            raise InputError(f"instruction {instruction.number} ({_short(instruction.text)!r}): {error.message}; "
                             "nothing recorded", path=path) from None
        whole = _instruction_kind(instruction.text)
        if whole is not None and whole[0] == "replace-all":
            renamed.append((_words(whole[1].group("old")), _words(whole[1].group("new"))))
        for draft in drafts:
            # Short ids to say in the room, numbered on from the delegation's proposals ('RUS-3').
            taken = [p.id for p in (*negotiation.proposals, *proposals)]
            proposals.append(replace(draft, id=store.new_proposal_id(by, taken), by=by, date=date, source=source,
                                     note=f"{document.symbol} amendment {instruction.number}: {instruction.text}",
                                     history=(Event("proposed", by, date, f"from {source}"),)))
    if not proposals:
        raise InputError("is an amendment document but holds no instruction drafttool reads; nothing recorded",
                         path=path)
    for proposal in proposals:
        store.save_proposal(store_path, proposal, new=True)
    return ImportedAmendments(tuple(proposals), tuple(notices))


def _looks_like(reading: Reading) -> bool:
    return any(_HEADING.match(markup.plain(line).strip())
               for line in (*reading.round.masthead.other, *(p.text for p in reading.round.paragraphs[:12])))


def _delegations(negotiation: Negotiation, document: AmendmentDocument, as_delegation: str | None,
                 path: str | Path) -> tuple[str, ...]:
    names = (as_delegation,) if as_delegation else document.delegations
    codes = []
    for name in names:
        found = resolve(negotiation.delegations, name)
        if found is None:
            raise InputError(f"is tabled by {name!r}, who is not a delegation of this negotiation; add it with "
                             f"`drafttool delegations STORE --add CODE --name {name!r}`, or pass --as", path=path)
        codes.append(found.code)
    return tuple(dict.fromkeys(codes))


def document_date(reading: Reading) -> str:
    """The date an amendment document was issued, ISO: the reader's (a PDF masthead's,
    front matter's), else its masthead's date as printed ('2 December 2025', '2 décembre
    2025', '2 de diciembre de 2025', '2 декабря 2025 г.', '2025年12月2日'); '' when it has none."""
    from drafttool.text.dates import parse_iso

    if parse_iso(reading.round.date):
        return reading.round.date[:10]
    printed = " ".join(reading.round.masthead.date.split()).casefold()
    chinese = re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日", printed)
    if chinese:
        year, month, day = (int(part) for part in chinese.groups())
        return _iso(year, month, day)
    found = re.fullmatch(r"(\d{1,2})(?:er)?\s+(?:de\s+)?(\w+)\s+(?:de\s+)?(\d{4})(?:\s*г\.?)?", printed)
    if found is None:
        return ""
    named = _months().get(found.group(2))
    return _iso(int(found.group(3)), named, int(found.group(1))) if named else ""


def _iso(year: int, month: int, day: int) -> str:
    import datetime

    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return ""


def _months() -> dict[str, int]:
    """Month names as UN documents print them (CLDR's, through Babel), folded → number."""
    from babel.dates import get_month_names

    names: dict[str, int] = {}
    for locale in ("en", "fr", "es", "ru"):
        for context in ("format", "stand-alone"):
            for number, name in get_month_names("wide", context, locale=locale).items():
                names[name.casefold()] = number
    return names


