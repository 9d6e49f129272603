"""The model of a negotiation: small frozen values, no behaviour beyond derived views.

Negotiation → Round → Paragraph / Footnote; Delegation; Proposal; and the comparison of
two rounds (Comparison → ParagraphChange → Segment) that every renderer reads.  Values
are frozen and slotted; change one with `dataclasses.replace`.

Paragraph and footnote text carries a small inline markup (see `drafttool.text.markup`):
`*italic*`, `**bold**`, `[^id]` for a reference to the footnote whose id is `id`, and
a backslash to escape any of `\\ * [`.  Text never holds a newline.

Structure.  A round is a flat sequence of paragraph records in reading order; the tree is
given by `Paragraph.parent`.  Besides the headings of a resolution (I., A.), real texts
hold *containers* that open a numbering scope — the Articles of an agreement, the
decisions of a decisions document, annexes, parts and chapters, the options of a
negotiating text, and the tables, rows and cells of a Word file.  A container is a record
of kind `Kind.CONTAINER` with its `scope` set (`Scope`); its `label` is its displayed
heading label ('Article 4', 'Article 8 bis', 'Option 1:', 'Annex I', 'Decision 1/CMA.3'),
its `text` the heading words after it ('Use of terms'; empty for tables, rows and cells,
and for an option whose text follows as paragraphs).  The paragraphs inside a container
have its id as `parent` (subparagraphs keep their chapeau as parent), and paragraph
numbering restarts at 1 inside each container without a notice.

Ids are paths that stay stable across rounds (Akoma Ntoso-like, '.' between steps):

    title, pp3, p18, p18.a, p18.a.ii, t2      a text without containers (unchanged)
    sec-III, sec-III-A                        headings I. and A. (unchanged)
    art-4, art-8bis, art-4.p2, art-4.p2.a     Articles and what they hold
    part-II, chap-3, dec-1, dec-1.p3          parts, chapters, decisions
    annex-1, annex-1.p2, annex-1.art-3.p1     an annex, and a structure inside it
    art-4.opt-1, art-4.opt-1.p1               options (and Alt.) in their container
    tbl-1, tbl-1.r2, tbl-1.r2.c3, tbl-1.r2.c3.p1   a table, its rows, cells, paragraphs

The step of a container is its scope's short name (`Scope.step`) and its number as written, in ASCII
(roman numerals and Chinese numerals are read as numbers: 'Annex II' → `annex-2`,
'第四条' → `art-4`); a container that is not numbered gets a running number.  Inside a
container, the ids of what it holds are the ids a text without containers would give,
after the container's id and a dot.  The store carries earlier ids forward on import,
so ids never change when the text is renumbered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

SCHEMA_VERSION = 1
"""Version of the store files' schema; every file on disk carries it.  New fields are
optional (`Paragraph.scope`, `Round.notices`), so stores written before them still load
and version 1 stays the version."""


class Kind(str, Enum):
    """What a paragraph is in the structure of the text."""

    TITLE = "title"
    HEADING = "heading"
    PREAMBULAR = "preambular"
    """A preambular paragraph (PP), or the opening paragraph of a declaration."""
    OPERATIVE = "operative"
    """A numbered paragraph (OP)."""
    SUBPARAGRAPH = "subparagraph"
    """A lettered (or roman-numbered) item under a chapeau."""
    TEXT = "text"
    """An unnumbered paragraph after the first numbered one."""
    NOTE = "note"
    """A note recorded in the text, such as the chair's note on a position."""
    CONTAINER = "container"
    """A record that opens a numbering scope: an Article, a decision, an annex, an option,
    a table… (`Paragraph.scope` says which; module docstring, 'Structure')."""


class Scope(str, Enum):
    """What sort of container a `Kind.CONTAINER` record is."""

    PART = "part"
    CHAPTER = "chapter"
    SECTION = "section"
    """A section that restarts numbering ('Section 2' of an agreement); headings I. and
    A. of a resolution stay `Kind.HEADING`, because numbering runs on across them."""
    ARTICLE = "article"
    ANNEX = "annex"
    DECISION = "decision"
    OPTION = "option"
    """'Option 1:', 'Option 2: No text', 'Alt.' and the paragraphs numbered under it."""
    TABLE = "table"
    ROW = "row"
    CELL = "cell"

    @property
    def step(self) -> str:
        """The container's step in an id: 'art' for Articles, 'tbl' for tables…"""
        return _STEPS[self]


_STEPS = {
    Scope.PART: "part", Scope.CHAPTER: "chap", Scope.SECTION: "section", Scope.ARTICLE: "art",
    Scope.ANNEX: "annex", Scope.DECISION: "dec", Scope.OPTION: "opt", Scope.TABLE: "tbl",
    Scope.ROW: "r", Scope.CELL: "c",
}


class StatusValue(str, Enum):
    """How far a paragraph is agreed (docs/negotiated-texts.md, 'How a negotiation runs')."""

    OPEN = "open"
    """Under negotiation; the default."""
    BRACKETED = "bracketed"
    AGREED = "agreed"
    AGREED_AD_REF = "agreed-ad-ref"
    """Agreed ad referendum: subject to confirmation by capitals."""
    PENDING = "pending"
    """Agreed pending one or more delegations (see `Status.pending`)."""
    SILENCE = "silence"
    """Under silence procedure."""


@dataclass(frozen=True, slots=True)
class Status:
    """A paragraph's status as data: value, where and when decided, pending whom."""

    value: StatusValue = StatusValue.OPEN
    where: str = ""
    """Informals, working group, Committee of the Whole, plenary…"""
    when: str = ""
    """ISO date (or date and time) of the decision."""
    pending: tuple[str, ...] = ()
    """Delegation codes whose confirmation is awaited."""
    by: str = ""
    """Who recorded the status (a delegation code, or the chair)."""

    @property
    def label(self) -> str:
        """The tag shown to readers: 'agreed ad ref', 'pending (USA)'…"""
        text = self.value.value.replace("-", " ")
        if self.pending:
            text += f" ({', '.join(self.pending)})"
        return text


_set = object.__setattr__
"""How a frozen record's constructor sets its fields, past the `__setattr__` that refuses to."""
_OPEN = Status()


@dataclass(frozen=True, slots=True, init=False)
class Paragraph:
    """One paragraph record of a round."""

    id: str
    """Stable identity that survives renumbering, moves, splits and merges."""
    text: str
    """The words, in inline markup (module docstring); never a newline."""
    kind: Kind = Kind.OPERATIVE
    label: str = ""
    """What is displayed before the text: '18.', 'a)', 'I.', 'A.', '' when none."""
    parent: str | None = None
    """Id of the chapeau of a subparagraph, or of the heading above a paragraph."""
    level: int = 0
    """Heading level (1 for I., 2 for A.) or subparagraph depth (1 for a), 2 for i))."""
    status: Status = _OPEN
    """Frozen, so one default value serves every paragraph (a factory made one each)."""
    split_from: str | None = None
    """Id of the paragraph of an earlier round this one was split out of."""
    merged_from: tuple[str, ...] = ()
    """Ids of the paragraphs of an earlier round merged into this one."""
    scope: Scope | None = None
    """For a `Kind.CONTAINER` record, what it contains (Article, annex, option…); None for
    every other record."""

    # Written out, not generated: the generated constructor looks `object.__setattr__` up
    # again for each field, which makes it twice as slow, and readers and stores make one
    # a paragraph.  Its parameters are the fields, in order, with their defaults
    # (tests/test_fast_paths.py holds it to that).
    def __init__(self, id: str, text: str, kind: Kind = Kind.OPERATIVE, label: str = "", parent: str | None = None,
                 level: int = 0, status: Status = _OPEN, split_from: str | None = None,
                 merged_from: tuple[str, ...] = (), scope: Scope | None = None) -> None:
        _set(self, "id", id)
        _set(self, "text", text)
        _set(self, "kind", kind)
        _set(self, "label", label)
        _set(self, "parent", parent)
        _set(self, "level", level)
        _set(self, "status", status)
        _set(self, "split_from", split_from)
        _set(self, "merged_from", merged_from)
        _set(self, "scope", scope)


class NoteKind(str, Enum):
    """Where a note is displayed: at the foot of the page, or at the end of its section or
    of the document (Word's endnotes, numbered on their own: i, ii, iii or a, b, c)."""

    FOOTNOTE = "footnote"
    ENDNOTE = "endnote"


@dataclass(frozen=True, slots=True)
class Footnote:
    """A footnote body; paragraphs refer to it by `id` (`[^id]` in their text)."""

    id: str
    """Stable identity, kept when footnotes are renumbered."""
    text: str
    label: str = ""
    """The number or mark displayed: '1', '12', '*'."""
    kind: NoteKind = NoteKind.FOOTNOTE
    """A footnote, or an endnote (stored only for endnotes, so older stores load as they are)."""


@dataclass(frozen=True, slots=True)
class Masthead:
    """The block above the title of a UN document (docs/negotiated-texts.md, 'The structure of a text').

    The document symbol is the round's (`Round.symbol`), not repeated here.
    """

    organ: str = ""
    """'Conseil économique et social', 'General Assembly'."""
    distribution: str = ""
    """'Distr. limitée', 'Distr.: General'."""
    date: str = ""
    """The date as printed: '14 mars 2024'."""
    language: str = ""
    """The language line as printed: 'Français'."""
    original: str = ""
    """The original-language line as printed: 'Original : anglais'."""
    body: str = ""
    """The subsidiary body: 'Commission des stupéfiants'."""
    session: str = ""
    """'Soixante-septième session'."""
    venue: str = ""
    """Place and dates of the session: 'Vienne, 14-22 mars 2024'."""
    agenda_item: str = ""
    """'Point 3 de l'ordre du jour provisoire[^fn-star]' (inline markup)."""
    agenda_title: str = ""
    """The title of the agenda item: 'Débat de haut niveau'."""
    other: tuple[str, ...] = ()
    """Masthead lines that fit none of the fields, in order."""




MASTHEAD_FIELDS = (
    "organ", "symbol", "distribution", "date", "language", "original", "body", "session",
    "venue", "agenda_item", "agenda_title", "other",
)
"""The masthead's lines in printed order, the round's symbol among them; 'other' stands
for the lines of `Masthead.other`."""


@dataclass(frozen=True, slots=True)
class Round:
    """One version of the whole text: zero draft, Rev.1, … adopted text."""

    label: str
    """'Zero draft', 'Rev.1', 'Adopted'."""
    paragraphs: tuple[Paragraph, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    date: str = ""
    """ISO date the round was issued."""
    symbol: str = ""
    language: str = ""
    """BCP 47 code of the text's language: 'fr', 'ar', 'zh'."""
    masthead: Masthead = field(default_factory=Masthead)
    source: str = ""
    """The file this round was imported from, for the record."""
    note: str = ""
    applied: tuple[str, ...] = ()
    """Ids of the proposals applied to the previous round to make this one (`next-round`);
    empty when the round was imported from outside."""
    notices: tuple[str, ...] = ()
    """The reader's notices when the round was imported, as printed ('file:line: warning:
    …'), kept so that `check` can report a round imported with warnings."""

    def paragraph(self, paragraph_id: str) -> Paragraph | None:
        """The paragraph with this id, or None."""
        for paragraph in self.paragraphs:
            if paragraph.id == paragraph_id:
                return paragraph
        return None

    def footnote(self, footnote_id: str) -> Footnote | None:
        """The footnote with this id, or None."""
        for footnote in self.footnotes:
            if footnote.id == footnote_id:
                return footnote
        return None


@dataclass(frozen=True, slots=True)
class Delegation:
    """A State, a group of States, an observer, or the chair/secretariat."""

    code: str
    """Short code used everywhere: 'EU', 'USA', 'G77'."""
    name: str = ""
    """Display name: 'European Union'."""
    aliases: tuple[str, ...] = ()
    """Other spellings met in real files: 'US', 'U.S.', 'United States'."""
    members: tuple[str, ...] = ()
    """For a group, the codes of its members (may be left empty: the G77 has 134)."""
    group: bool = False
    """True for a group of States speaking together."""


CHAIR = "Chair"
"""The code under which changes that no proposal explains are attributed."""


class ProposalOp(str, Enum):
    """What a proposal does (docs/negotiated-texts.md, 'How a negotiation runs')."""

    INSERT = "insert"
    """Insert words at a point in a paragraph."""
    DELETE = "delete"
    """Delete a span of words."""
    REPLACE = "replace"
    """Replace a span of words by others."""
    ADD_PARAGRAPH = "add-paragraph"
    """Add a new paragraph at a place ('3 bis', '1 supra')."""
    DELETE_PARAGRAPH = "delete-paragraph"
    MOVE_PARAGRAPH = "move-paragraph"
    ALTERNATIVE = "alternative"
    """Alternative wording for a whole paragraph ('alt', 'Option 2', 'no text')."""
    RETAIN = "retain"
    """Ask that the text be kept as it is."""
    STATEMENT = "statement"
    """A position that changes no text: a statement or reservation on a paragraph, shown
    as a note ('Some delegations mentioned …', footnote 12 of the seed)."""


class ProposalStatus(str, Enum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    MERGED = "merged"
    """Folded into another proposal (see `Proposal.note`)."""


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a span is, found again by its words rather than by offsets."""

    quote: str = ""
    """The exact words of the span ('' for an insertion point)."""
    before: str = ""
    """Some words just before the span, to tell repeated quotes apart."""
    after: str = ""
    """Some words just after the span."""


@dataclass(frozen=True, slots=True)
class Event:
    """One step in the life of a proposal: proposed, supported, accepted…"""

    action: str
    by: tuple[str, ...] = ()
    date: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class Proposal:
    """An amendment by one or more delegations to a round."""

    id: str
    round: str
    """Label of the round it amends."""
    op: ProposalOp
    by: tuple[str, ...]
    """Proposers (delegation or group codes)."""
    paragraph: str | None = None
    """Id of the target paragraph; for an added paragraph, the one it follows."""
    anchor: Anchor = field(default_factory=Anchor)
    text: str = ""
    """New words (insert, replace, alternative, added paragraph), in inline markup."""
    before: bool = False
    """For add-paragraph and move-paragraph: place it before `place` ('supra')."""
    place: str | None = None
    """For move-paragraph: the id of the paragraph it goes after (or before)."""
    label: str = ""
    """A label the proposers gave: '3 bis', 'OP5 alt', 'Option 2'."""
    supporters: tuple[str, ...] = ()
    opponents: tuple[str, ...] = ()
    status: ProposalStatus = ProposalStatus.PENDING
    date: str = ""
    note: str = ""
    source: str = ""
    """The file it was imported from, if any."""
    history: tuple[Event, ...] = ()


class ChangeOp(str, Enum):
    """What became of a paragraph between two rounds."""

    UNCHANGED = "unchanged"
    RENUMBERED = "renumbered"
    """Same words, another label (or kind, parent or status)."""
    EDITED = "edited"
    MOVED = "moved"
    """Put elsewhere in the order, possibly also edited."""
    SPLIT = "split"
    MERGED = "merged"
    INSERTED = "inserted"
    DELETED = "deleted"


class SegmentKind(str, Enum):
    EQUAL = "equal"
    DELETE = "delete"
    INSERT = "insert"


class Attribution(str, Enum):
    """How the delegations behind a change were found."""

    APPLIED = "applied"
    """The round was built from the proposal."""
    MATCHED = "matched"
    """The change reproduces the proposal's words."""
    PARTIAL = "partial"
    """The change reproduces part of them."""
    CHAIR = "chair"
    """No proposal explains it: the chair's (or secretariat's) change."""


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text in a change: kept, deleted or inserted."""

    kind: SegmentKind
    text: str
    """Original text (inline markup); '\\n' marks a paragraph break in splits and merges."""
    typographic: bool = False
    """True when the run only changes typography (spaces, quotes, dashes…)."""
    by: tuple[str, ...] = ()
    """Delegations the change is attributed to; () when not attributed."""
    proposal: str | None = None
    """Id of the proposal that made the change, when known."""
    attribution: Attribution | None = None
    """How `by` was found; None when not attributed."""


@dataclass(frozen=True, slots=True)
class ParagraphChange:
    """What became of one paragraph, or of the paragraphs a split or merge joins."""

    op: ChangeOp
    old: tuple[Paragraph, ...]
    """The paragraphs of the old round concerned (empty for an insertion)."""
    new: tuple[Paragraph, ...]
    """The paragraphs of the new round concerned (empty for a deletion)."""
    segments: tuple[Segment, ...] = ()
    """Word operations turning the old texts, joined by '\\n', into the new ones."""
    moved: bool = False
    """True when the paragraph is out of the reading order (any op but inserted/deleted),
    what writers of tracked changes move; op `MOVED` says it moved of its own (left its
    parent, or out of order among what its parent holds), not carried by its container."""
    similarity: float = 1.0
    by: tuple[str, ...] = ()
    """Delegations a change of the whole paragraph (move, insertion, deletion) is
    attributed to; the words' changes carry their own in `segments`."""
    proposals: tuple[str, ...] = ()
    """Ids of the proposals behind the change of the whole paragraph."""
    old_place: str = ""
    """Where the old paragraphs stood, as `compare.places` names it: 'Art. 4 ¶ 2', '18 (a)'."""
    new_place: str = ""
    """Where the new paragraphs stand: 'Art. 7 ¶ 3', 'OP 6'."""
    move: str = ""
    """For a move, in one numbering: 'from after OP 25 (now OP 26) to after OP 30'."""

    @property
    def place(self) -> str:
        """The change's place in both rounds: 'Art. 4 ¶ 2 → Art. 7 ¶ 3', or one place
        when it did not change."""
        if not self.old_place or not self.new_place or self.old_place == self.new_place:
            return self.new_place or self.old_place
        return f"{self.old_place} → {self.new_place}"

    @property
    def edited(self) -> bool:
        return any(segment.kind is not SegmentKind.EQUAL for segment in self.segments)

    @property
    def typographic_only(self) -> bool:
        changed = [s for s in self.segments if s.kind is not SegmentKind.EQUAL]
        return bool(changed) and all(s.typographic for s in changed)


@dataclass(frozen=True, slots=True)
class FootnoteChange:
    """What became of one footnote."""

    op: ChangeOp
    old: Footnote | None
    new: Footnote | None
    segments: tuple[Segment, ...] = ()

    @property
    def typographic_only(self) -> bool:
        changed = [s for s in self.segments if s.kind is not SegmentKind.EQUAL]
        return bool(changed) and all(s.typographic for s in changed)


@dataclass(frozen=True, slots=True)
class MastheadChange:
    """One masthead line (`MASTHEAD_FIELDS`) in both rounds and the words changed."""

    field: str
    old: str
    new: str
    segments: tuple[Segment, ...]


@dataclass(frozen=True, slots=True)
class Comparison:
    """The comparison of two rounds, as data every renderer reads and `apply` consumes.

    `changes` is in the order of the new round, with deleted paragraphs where they
    stood in the old one.
    """

    old_label: str
    new_label: str
    changes: tuple[ParagraphChange, ...]
    footnotes: tuple[FootnoteChange, ...] = ()
    new_info: Round | None = None
    """The new round's metadata (label, date, masthead…) without its paragraphs."""
    masthead: tuple[MastheadChange, ...] = ()
    """The masthead lines either round has, in printed order, compared."""

    @property
    def changed(self) -> bool:
        return any(c.op is not ChangeOp.UNCHANGED for c in self.changes) or any(
            f.op is not ChangeOp.UNCHANGED for f in self.footnotes
        )


@dataclass(frozen=True, slots=True)
class Negotiation:
    """One text under negotiation and everything recorded about it."""

    slug: str
    """Name of the store folder: 'cnd-2024'."""
    title: str = ""
    symbol: str = ""
    language: str = ""
    note: str = ""
    """Free text: provenance, 'this history is illustrative'…"""
    delegations: tuple[Delegation, ...] = ()
    rounds: tuple[Round, ...] = ()
    proposals: tuple[Proposal, ...] = ()

    def round(self, name: str | None = None) -> Round:
        """The round with this label (case-insensitive) or 1-based number; the latest if None."""
        from drafttool.errors import NotFoundError

        if not self.rounds:
            raise NotFoundError(f"negotiation {self.slug!r} has no rounds yet; import one first")
        if name is None:
            return self.rounds[-1]
        for round_ in self.rounds:
            if round_.label.casefold() == name.casefold():
                return round_
        if name.isdigit() and 1 <= int(name) <= len(self.rounds):
            return self.rounds[int(name) - 1]
        known = ", ".join(repr(r.label) for r in self.rounds)
        raise NotFoundError(f"no round {name!r}; the rounds are {known}")
