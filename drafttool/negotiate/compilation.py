"""The compilation text: a round with every proposal on it shown where it applies.

Takes a round and the negotiation's proposals; returns a `Compilation` — for each
paragraph its text cut into pieces (kept words, words proposed for deletion, words
proposed for insertion, each deletion and insertion with the proposals behind it), the
alternatives proposed for it, proposals to delete, move or retain it, statements on it,
and the paragraphs proposed to be added after it (with their bis/ter labels).  The HTML
and Word renderers read it; neither decides anything about proposals.

Proposals whose words overlap are never merged into one garbled line: the words they
share are shown once as an *option group* — the text as it stands, then each proposal's
version of it, one after the other.  Identical proposals by several delegations are shown
once, with all their proposers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from drafttool.text import markup
from drafttool.model import Footnote, Kind, Negotiation, Paragraph, Proposal, ProposalOp, ProposalStatus, Round
from drafttool.text.labels import bare_label
from drafttool.negotiate.proposals import (
    LATIN_SUFFIXES_LABEL, check_proposal, display_label, identical_groups, text_of,
)
from drafttool.text.spacing import spaced_edit
from drafttool.negotiate.past import proposals_on_round


@dataclass(frozen=True, slots=True)
class Proposers:
    """Who stands behind a proposal shown once (identical ones joined)."""

    ids: tuple[str, ...]
    by: tuple[str, ...]
    supporters: tuple[str, ...] = ()
    opponents: tuple[str, ...] = ()
    status: ProposalStatus = ProposalStatus.PENDING
    op: ProposalOp = ProposalOp.REPLACE
    label: str = ""
    note: str = ""
    date: str = ""


class PieceKind(StrEnum):
    """What a stretch of a compiled paragraph is."""

    TEXT = "text"
    """The text as it stands."""
    DELETE = "delete"
    """Words proposed for deletion."""
    INSERT = "insert"
    """Words proposed for insertion."""


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of a paragraph in the compilation."""

    kind: PieceKind
    text: str
    """Marked-up words (whole: every format opened in it is closed)."""
    proposers: Proposers | None = None
    """For 'delete' and 'insert': the proposal behind it."""
    group: int | None = None
    """Pieces of one option group share a number (overlapping proposals)."""
    variant: int = 0
    """In an option group: 0 for the text as it stands, then 1, 2 … one per proposal."""
    ends_proposal: bool = False
    """The last piece of its proposal's span: where the proposers are written."""


@dataclass(frozen=True, slots=True)
class Alternative:
    """Another wording for a whole paragraph ('OP5 alt', 'Option 2', or no text)."""

    label: str
    text: str
    proposers: Proposers


@dataclass(frozen=True, slots=True)
class CompiledParagraph:
    paragraph: Paragraph
    label: str
    """As shown: '5.', '18 a)', or '5 bis' for a proposed paragraph."""
    pieces: tuple[Piece, ...]
    proposed_by: Proposers | None = None
    """For a paragraph proposed to be added: who proposes it."""
    deletions: tuple[Proposers, ...] = ()
    moves: tuple[tuple[Proposers, str, str], ...] = ()
    """Proposals to move it: who, 'after' or 'before', and the label of the paragraph named."""
    retains: tuple[Proposers, ...] = ()
    alternatives: tuple[Alternative, ...] = ()
    statements: tuple[tuple[Proposers, str], ...] = ()

    @property
    def proposals(self) -> tuple[Proposers, ...]:
        """Every proposal shown with this paragraph."""
        found = [p.proposers for p in self.pieces if p.proposers is not None]
        found += list(self.deletions) + [m for m, _, _ in self.moves] + list(self.retains)
        found += [a.proposers for a in self.alternatives] + [s for s, _ in self.statements]
        if self.proposed_by is not None:
            found.append(self.proposed_by)
        unique: dict[tuple[str, ...], Proposers] = {}
        for item in found:
            unique.setdefault(item.ids, item)
        return tuple(unique.values())


@dataclass(frozen=True, slots=True)
class CompiledFootnote:
    footnote: Footnote
    pieces: tuple[Piece, ...]


@dataclass(frozen=True, slots=True)
class Compilation:
    """A round as a compilation text."""

    round: Round
    paragraphs: tuple[CompiledParagraph, ...]
    footnotes: tuple[CompiledFootnote, ...]
    delegations: tuple[str, ...]
    """Codes of every delegation with a proposal shown, for the legend and the filter."""
    statuses: tuple[ProposalStatus, ...] = (ProposalStatus.PENDING,)
    skipped: tuple[tuple[Proposal, str], ...] = field(default=())
    """Proposals that could not be placed on the round, with why."""


def _proposers(group: Sequence[Proposal]) -> Proposers:
    first = group[0]
    return Proposers(
        ids=tuple(p.id for p in group),
        by=tuple(dict.fromkeys(code for p in group for code in p.by)),
        supporters=tuple(dict.fromkeys(code for p in group for code in p.supporters)),
        opponents=tuple(dict.fromkeys(code for p in group for code in p.opponents)),
        status=first.status, op=first.op, label=first.label, note=first.note, date=first.date,
    )


def _whole(text: str) -> str:
    return markup.to_markup(markup.parse(text))


def _cut(text: str, start: int, end: int, *, refs_at_start: bool = True, refs_at_end: bool = False) -> str:
    """Plain offsets [start, end) of marked-up text, as marked-up text of its own.

    A footnote reference at an edge goes to exactly one piece, where the next round puts
    it: one at the start of words proposed for deletion stays before them, one at their
    end after them, and one at an insertion point after the inserted words (the callers
    say which edges are theirs)."""
    runs = []
    position = 0
    for run in markup.parse(text):
        if run.footnote is not None:
            if start < position < end or (position == start and refs_at_start) or (
                    position == end and refs_at_end and end > start):
                runs.append(run)
            continue
        stop = position + len(run.text)
        a, b = max(start, position), min(end, stop)
        if a < b:
            runs.append(markup.Run(run.text[a - position:b - position], run.italic, run.bold))
        position = stop
    return markup.to_markup(runs)


def _pieces(text: str, spans: list[tuple[int, int, Proposers, Proposal]]) -> list[Piece]:
    """The paragraph cut at every proposal's span; overlapping spans made option groups."""
    plain_length = len(markup.plain(text))
    spans.sort(key=lambda item: (item[0], item[1]))
    clusters: list[list[tuple[int, int, Proposers, Proposal]]] = []
    for item in spans:
        start, end = item[0], item[1]
        if clusters:
            c_start = min(s for s, _, _, _ in clusters[-1])
            c_end = max(e for _, e, _, _ in clusters[-1])
            touching = start < c_end or (start == end == c_end) or (start == c_end and c_start == c_end)
            if touching and not (start == c_end and end > start and c_start < c_end):
                clusters[-1].append(item)
                continue
        clusters.append([item])
    pieces: list[Piece] = []
    position = 0
    group_number = 0
    for cluster in clusters:
        c_start = min(s for s, _, _, _ in cluster)
        c_end = max(e for _, e, _, _ in cluster)
        # References where words are proposed for deletion stay before them.
        pieces.append(Piece(PieceKind.TEXT, _cut(text, position, c_start, refs_at_end=c_end > c_start)))
        if len(cluster) == 1:
            start, end, who, proposal = cluster[0]
            pieces.extend(_variant(text, start, end, who, proposal, None, 0))
        else:
            group_number += 1
            if c_end > c_start:
                pieces.append(Piece(PieceKind.TEXT, _cut(text, c_start, c_end, refs_at_start=False), group=group_number,
                                    variant=0))
            for variant, (start, end, who, proposal) in enumerate(cluster, start=1):
                # Each proposal's version of the whole group: its words, with the rest kept
                # (references at the group's edges are the text's around it).
                before = Piece(PieceKind.TEXT, _cut(text, c_start, start, refs_at_start=False,
                                            refs_at_end=c_start < start < end), group=group_number, variant=variant)
                after = Piece(PieceKind.TEXT, _cut(text, end, c_end, refs_at_start=c_start < end < c_end), group=group_number,
                              variant=variant)
                middle = _variant(text, start, end, who, proposal, group_number, variant)
                pieces.extend([p for p in (before, *middle, after) if p.text or p.kind is not PieceKind.TEXT])
        position = max(position, c_end)
    pieces.append(Piece(PieceKind.TEXT, _cut(text, position, plain_length)))
    return [p for p in pieces if p.text or p.kind is not PieceKind.TEXT]


def _spaced(round_: Round, proposal: Proposal, start: int, end: int,
            who: Proposers) -> tuple[int, int, Proposers, Proposal]:
    """A proposal's span and words with the spaces at their edges as the next round will
    have them (`proposals.spaced_edit`), so that the compilation's accepted reading is
    the next round's text: insertions carry the space they need ('to and simplify',
    not 'toand simplify'), and a deletion takes the space it makes redundant with it.
    The text as it stands is never changed: an insertion only adds."""
    text = text_of(round_, proposal.paragraph) or ""  # type: ignore[arg-type]
    new = proposal.text if proposal.op is not ProposalOp.DELETE else ""
    wide_start, wide_end, spaced = spaced_edit(text, start, end, new, round_.language)
    if start == end:
        return start, end, who, replace(proposal, text=spaced)
    return wide_start, wide_end, who, replace(proposal, text=spaced)


def _variant(text: str, start: int, end: int, who: Proposers, proposal: Proposal, group: int | None,
             variant: int) -> list[Piece]:
    out = []
    if end > start:
        out.append(Piece(PieceKind.DELETE, _cut(text, start, end, refs_at_start=False), who, group, variant))
    if proposal.op in (ProposalOp.INSERT, ProposalOp.REPLACE) and proposal.text:
        out.append(Piece(PieceKind.INSERT, _whole(proposal.text), who, group, variant))
    if out:
        last = out[-1]
        out[-1] = Piece(last.kind, last.text, last.proposers, last.group, last.variant, ends_proposal=True)
    if proposal.op is ProposalOp.DELETE and proposal.text:
        # A deletion that would join two words ('970–973' less its dash) leaves a space.
        out.append(Piece(PieceKind.INSERT, proposal.text, who, group, variant))
    return out


def compile_round(negotiation: Negotiation, round_name: str | None = None, *,
                  statuses: Iterable[ProposalStatus] = (ProposalStatus.PENDING,)) -> Compilation:
    """The compilation text of a round with its proposals of the given statuses; a past
    round's with its proposals as they stood on it (`past.proposals_on_round`)."""
    round_ = negotiation.round(round_name)
    wanted = tuple(statuses)
    on_round = proposals_on_round(negotiation, round_, closed=wanted != (ProposalStatus.PENDING,))
    proposals = [p for p in on_round if p.status in wanted]
    groups = identical_groups(proposals)
    spans: dict[str, list[tuple[int, int, Proposers, Proposal]]] = defaultdict(list)
    whole: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))  # type: ignore[type-arg]
    added: dict[tuple[str | None, bool], list[tuple[Proposers, Proposal, Paragraph | None]]] = defaultdict(list)
    """Paragraphs proposed, by (the paragraph they go after or before, before?): who, what,
    and the paragraph their label is made from (a chapeau, though they go after its items)."""
    skipped: list[tuple[Proposal, str]] = []
    delegations: list[str] = []
    for group in groups:
        first = group[0]
        who = _proposers(group)
        delegations.extend(code for code in who.by + who.supporters + who.opponents if code not in delegations)
        try:
            located = check_proposal(round_, first)
        except Exception as error:  # noqa: BLE001 - shown in the compilation's list of what did not fit
            skipped.append((first, str(error)))
            continue
        if located.span is not None:
            spans[first.paragraph].append(_spaced(round_, first, *located.span, who))  # type: ignore[index]
        elif first.op is ProposalOp.ADD_PARAGRAPH:
            added[(first.paragraph, first.before)].append((who, first, None))
        elif first.op is ProposalOp.MOVE_PARAGRAPH:
            place = round_.paragraph(first.place) if first.place else None
            where = display_label(round_, place) if place else "?"
            side = "before" if first.before else "after"
            whole[first.paragraph]["moves"].append((who, side, where))  # type: ignore[index]
        elif first.op is ProposalOp.ALTERNATIVE:
            whole[first.paragraph]["alternatives"].append((who, first))  # type: ignore[index]
        elif first.op is ProposalOp.DELETE_PARAGRAPH:
            whole[first.paragraph]["deletions"].append(who)  # type: ignore[index]
        elif first.op is ProposalOp.RETAIN:
            whole[first.paragraph]["retains"].append(who)  # type: ignore[index]
        elif first.op is ProposalOp.STATEMENT:
            whole[first.paragraph]["statements"].append((who, _whole(first.text)))  # type: ignore[index]
    paragraphs: list[CompiledParagraph] = []
    for paragraph in round_.paragraphs:
        for who, proposal, reference in added.get((paragraph.id, True), []):
            paragraphs.append(_added(round_, reference or paragraph, who, proposal, supra=True))
        label = display_label(round_, paragraph) if paragraph.label else ""
        extra = whole.get(paragraph.id, {})
        alternatives = tuple(
            Alternative(p.label or _alt_label(label, k, len(extra.get("alternatives", []))), _whole(p.text), who)
            for k, (who, p) in enumerate(extra.get("alternatives", []), start=1)
        )
        paragraphs.append(CompiledParagraph(
            paragraph, label, tuple(_pieces(paragraph.text, spans.get(paragraph.id, []))),
            deletions=tuple(extra.get("deletions", [])), moves=tuple(extra.get("moves", [])),
            retains=tuple(extra.get("retains", [])), alternatives=alternatives,
            statements=tuple(extra.get("statements", [])),
        ))
        after = added.get((paragraph.id, False), [])
        # Added after a chapeau means after its subparagraphs: hold them until the last one.
        if after and any(p.parent == paragraph.id and p.kind is Kind.SUBPARAGRAPH for p in round_.paragraphs):
            last = [p for p in round_.paragraphs if p.parent == paragraph.id and p.kind is Kind.SUBPARAGRAPH][-1]
            added[(last.id, False)] = [(w, p, r or paragraph) for w, p, r in after] + added.get((last.id, False), [])
            continue
        for count, (who, proposal, reference) in enumerate(after, start=1):
            paragraphs.append(_added(round_, reference or paragraph, who, proposal, supra=False, count=count))
    for (target, _), items in added.items():
        if target is None:
            for who, proposal, _ in items:
                paragraphs.append(CompiledParagraph(
                    Paragraph(f"add-{proposal.id}", proposal.text, Kind.OPERATIVE), proposal.label or "new",
                    (Piece(PieceKind.INSERT, _whole(proposal.text), who, ends_proposal=True),), proposed_by=who))
    footnotes = tuple(CompiledFootnote(f, tuple(_pieces(f.text, spans.get(f.id, [])))) for f in round_.footnotes)
    return Compilation(round_, tuple(paragraphs), footnotes, tuple(delegations), wanted, tuple(skipped))


def _alt_label(label: str, number: int, count: int) -> str:
    base = f"{bare_label(label)} alt" if label else "alt"
    return base if count == 1 else f"{base}{number}"


def _added(round_: Round, reference: Paragraph, who: Proposers, proposal: Proposal, *, supra: bool,
           count: int = 1) -> CompiledParagraph:
    """A paragraph proposed to be added: shown where it would go, with its bis/ter label."""
    base = bare_label(display_label(round_, reference)) if reference.label else ""
    if proposal.label:
        label = proposal.label
    elif supra:
        label = f"{base} supra" if base else "new"
    else:
        label = f"{base} {LATIN_SUFFIXES_LABEL[min(count, len(LATIN_SUFFIXES_LABEL)) - 1]}" if base else "new"
    kind = reference.kind if reference.kind in (Kind.OPERATIVE, Kind.PREAMBULAR, Kind.SUBPARAGRAPH) else Kind.OPERATIVE
    paragraph = Paragraph(f"add-{proposal.id}", proposal.text, kind, label, reference.parent, reference.level)
    return CompiledParagraph(paragraph, label, (Piece(PieceKind.INSERT, _whole(proposal.text), who, ends_proposal=True),),
                             proposed_by=who)


# ----------------------------------------------------------------------------- words shown

class AttributionStyle(StrEnum):
    PARENTHESES = "parentheses"
    DASH = "dash"
    NONE = "none"


ATTRIBUTION_STYLES = tuple(style.value for style in AttributionStyle)
"""How proposers are written after a span (docs/negotiated-texts.md, 'Compilation texts'):
'parentheses' `(EU)`, `(USA, CAN: delete)`; 'dash' `– EU`, `– USA, CAN delete`; 'none' —
some processes publish the compilation without attribution on purpose."""


def support_text(supporters: Sequence[str], opponents: Sequence[str]) -> str:
    """What follows the proposers: '; supported by AfG; opposed by EU', or ''."""
    extra = f"; supported by {', '.join(supporters)}" if supporters else ""
    return extra + (f"; opposed by {', '.join(opponents)}" if opponents else "")


def attribution_text(piece: Piece, style: str = "parentheses", *, with_support: bool = True) -> str:
    """The words written after a proposal's span: '(EU)', '(USA, CAN: delete)',
    '– G77; supported by AfG; opposed by EU', or '' with style 'none'."""
    who = piece.proposers
    if who is None or style == "none" or not piece.ends_proposal:
        return ""
    deleting = piece.kind is PieceKind.DELETE and who.op in (ProposalOp.DELETE, ProposalOp.DELETE_PARAGRAPH)
    names = ", ".join(who.by)
    extra = support_text(who.supporters, who.opponents) if with_support else ""
    if style == "dash":
        return f" – {names}{' delete' if deleting else ''}{extra}"
    return f" ({names}{': delete' if deleting else ''}{extra})"


def proposers_text(who: Proposers, style: str = "parentheses", what: str = "") -> str:
    """Proposers of a whole-paragraph proposal: '(EU: delete)', '– USA alt', ''."""
    if style == "none":
        return ""
    names = ", ".join(who.by)
    extra = support_text(who.supporters, who.opponents)
    if style == "dash":
        return f"– {names}{' ' + what if what else ''}{extra}"
    return f"({names}{': ' + what if what else ''}{extra})"


LEGEND = {
    "en": (
        ("insert", "Words proposed for insertion are in bold and underlined, followed by their proposers."),
        ("delete", "Words proposed for deletion are struck through, followed by their proposers."),
        ("insert-unattributed", "Words proposed for insertion are in bold and underlined."),
        ("delete-unattributed", "Words proposed for deletion are struck through."),
        ("group", "Where proposals overlap, the text as it stands is shown in brackets, then each proposal's version."),
        ("added", "Paragraphs proposed to be added are labelled bis, ter … (supra: before the paragraph named)."),
        ("alternative", "Alternative wordings are listed under their paragraph (alt, alt2 …)."),
        ("status", "The status of each paragraph is shown in square brackets at its end."),
    ),
    "fr": (
        ("insert", "Les ajouts proposés sont en gras et soulignés, suivis du nom de leurs auteurs."),
        ("delete", "Les suppressions proposées sont barrées, suivies du nom de leurs auteurs."),
        ("insert-unattributed", "Les ajouts proposés sont en gras et soulignés."),
        ("delete-unattributed", "Les suppressions proposées sont barrées."),
        ("group", "Lorsque des propositions se chevauchent, le texte actuel figure entre crochets, puis la version "
                  "de chaque proposition."),
        ("added", "Les paragraphes dont l’ajout est proposé portent la mention bis, ter … (supra\u00a0: avant le "
                  "paragraphe indiqué)."),
        ("alternative", "Les libellés de remplacement figurent sous leur paragraphe (alt, alt2 …)."),
        ("status", "L’état de chaque paragraphe est indiqué entre crochets à la fin de celui-ci."),
    ),
    "es": (
        ("insert", "Las palabras cuya inserción se propone figuran en negrita y subrayadas, seguidas de los autores "
                   "de la propuesta."),
        ("delete", "Las palabras cuya supresión se propone figuran tachadas, seguidas de los autores de la "
                   "propuesta."),
        ("insert-unattributed", "Las palabras cuya inserción se propone figuran en negrita y subrayadas."),
        ("delete-unattributed", "Las palabras cuya supresión se propone figuran tachadas."),
        ("group", "Cuando las propuestas se superponen, el texto actual figura entre corchetes, seguido de la "
                  "versión de cada propuesta."),
        ("added", "Los párrafos cuya adición se propone llevan la indicación bis, ter … (supra: antes del párrafo "
                  "indicado)."),
        ("alternative", "Las redacciones alternativas figuran bajo su párrafo (alt, alt2 …)."),
        ("status", "El estado de cada párrafo se indica entre corchetes al final del párrafo."),
    ),
    "ru": (
        ("insert", "Слова, которые предлагается добавить, выделены полужирным шрифтом и подчеркиванием; после них "
                   "указаны авторы предложения."),
        ("delete", "Слова, которые предлагается исключить, зачеркнуты; после них указаны авторы предложения."),
        ("insert-unattributed", "Слова, которые предлагается добавить, выделены полужирным шрифтом и "
                                "подчеркиванием."),
        ("delete-unattributed", "Слова, которые предлагается исключить, зачеркнуты."),
        ("group", "Если предложения пересекаются, нынешний текст приводится в квадратных скобках, а за ним — "
                  "вариант каждого предложения."),
        ("added", "Пункты, которые предлагается добавить, обозначены bis, ter … (supra: перед указанным пунктом)."),
        ("alternative", "Альтернативные формулировки приводятся под соответствующим пунктом (alt, alt2 …)."),
        ("status", "Статус каждого пункта указан в квадратных скобках в его конце."),
    ),
    "ar": (
        ("insert", "الكلمات المقترح إدراجها مكتوبة بخط عريض وتحتها خط، وتليها أسماء مقدمي الاقتراح."),
        ("delete", "الكلمات المقترح حذفها مشطوب عليها، وتليها أسماء مقدمي الاقتراح."),
        ("insert-unattributed", "الكلمات المقترح إدراجها مكتوبة بخط عريض وتحتها خط."),
        ("delete-unattributed", "الكلمات المقترح حذفها مشطوب عليها."),
        ("group", "حيثما تتداخل الاقتراحات، يُعرض النص الحالي بين معقوفتين، ثم صيغة كل اقتراح."),
        ("added", "تحمل الفقرات المقترح إضافتها التسمية bis، ter … (supra: قبل الفقرة المذكورة)."),
        ("alternative", "تَرِد الصيغ البديلة تحت الفقرة المعنية (alt، alt2 …)."),
        ("status", "تُبيَّن حالة كل فقرة بين معقوفتين في نهايتها."),
    ),
    "zh": (
        ("insert", "提议插入的文字以粗体加下划线显示，其后注明提议方。"),
        ("delete", "提议删除的文字以删除线显示，其后注明提议方。"),
        ("insert-unattributed", "提议插入的文字以粗体加下划线显示。"),
        ("delete-unattributed", "提议删除的文字以删除线显示。"),
        ("group", "提案相互重叠时，现有案文列于方括号内，其后列出各项提案的文本。"),
        ("added", "提议增加的段落标为 bis、ter……（supra：置于所指段落之前）。"),
        ("alternative", "替代措辞列于相关段落之下（alt、alt2……）。"),
        ("status", "每段的状态以方括号注明于段末。"),
    ),
}
"""The conventions of a compilation text, in the six UN languages."""

LEGEND_NOTES = {
    "en": {
        "compilation": "Compilation text",
        "title": "Legend",
        "parentheses": "The proposers follow each proposal in parentheses: {insert}, {delete}, {support}.",
        "dash": "The proposers follow each proposal after a dash: {insert}, {delete}, {support}.",
        "none": "Attribution is omitted: the proposals are shown without the delegations that made them.",
        "every-status": "Proposals of every status are shown, each followed by its status in square brackets; "
                        "rejected, withdrawn and merged proposals are greyed.",
        "colours": "Paragraphs are coloured by status:",
    },
    "fr": {
        "compilation": "Texte de compilation",
        "title": "Légende",
        "parentheses": "Les auteurs suivent chaque proposition, entre parenthèses\u00a0: {insert}, {delete}, "
                       "{support}.",
        "dash": "Les auteurs suivent chaque proposition, après un tiret\u00a0: {insert}, {delete}, {support}.",
        "none": "L’attribution est omise\u00a0: les propositions figurent sans le nom des délégations qui les ont "
                "faites.",
        "every-status": "Les propositions de tous états figurent, chacune suivie de son état entre crochets\u00a0; "
                        "les propositions rejetées, retirées ou fusionnées sont grisées.",
        "colours": "Les paragraphes sont colorés selon leur état\u00a0:",
    },
    "es": {
        "compilation": "Texto de compilación",
        "title": "Leyenda",
        "parentheses": "Los autores figuran después de cada propuesta, entre paréntesis: {insert}, {delete}, "
                       "{support}.",
        "dash": "Los autores figuran después de cada propuesta, tras un guion: {insert}, {delete}, {support}.",
        "none": "Se omite la atribución: las propuestas figuran sin las delegaciones que las formularon.",
        "every-status": "Figuran las propuestas en todos los estados, cada una seguida de su estado entre "
                        "corchetes; las propuestas rechazadas, retiradas o fusionadas aparecen en gris.",
        "colours": "Los párrafos están coloreados según su estado:",
    },
    "ru": {
        "compilation": "Сводный текст",
        "title": "Условные обозначения",
        "parentheses": "Авторы указаны после каждого предложения в скобках: {insert}, {delete}, {support}.",
        "dash": "Авторы указаны после каждого предложения через тире: {insert}, {delete}, {support}.",
        "none": "Авторство не указывается: предложения приводятся без названий внесших их делегаций.",
        "every-status": "Приводятся предложения с любым статусом, после каждого — его статус в квадратных "
                        "скобках; отклоненные, отозванные и объединенные предложения выделены серым.",
        "colours": "Пункты выделены цветом по статусу:",
    },
    "ar": {
        "compilation": "النص التجميعي",
        "title": "مفتاح الرموز",
        "parentheses": "تَرِد أسماء مقدمي كل اقتراح بعده بين قوسين: {insert}، {delete}، {support}.",
        "dash": "تَرِد أسماء مقدمي كل اقتراح بعده بعد شرطة: {insert}، {delete}، {support}.",
        "none": "أُغفلت الإشارة إلى مقدمي الاقتراحات: تُعرض الاقتراحات دون أسماء الوفود التي قدمتها.",
        "every-status": "تُعرض الاقتراحات بجميع حالاتها، وتلي كلاً منها حالته بين معقوفتين؛ وتظهر الاقتراحات "
                        "المرفوضة والمسحوبة والمدمجة باللون الرمادي.",
        "colours": "الفقرات ملونة حسب حالتها:",
    },
    "zh": {
        "compilation": "汇编案文",
        "title": "说明",
        "parentheses": "每项提案之后以括号注明提议方：{insert}、{delete}、{support}。",
        "dash": "每项提案之后以破折号注明提议方：{insert}、{delete}、{support}。",
        "none": "不注明提议方：所列提案不显示提出提案的代表团。",
        "every-status": "列出所有状态的提案，每项提案后以方括号注明其状态；已拒绝、已撤回和已合并的提案以灰色显示。",
        "colours": "段落按状态着色：",
    },
}
"""The rest of the legend, in the six UN languages: the headings, how attribution is
written (its samples come from `attribution_text`), the statuses shown, the colours."""


NOTE_INTROS = {
    "en": {"delete": "Proposed for deletion", "after": "Proposed to be moved after {label}",
           "before": "Proposed to be moved before {label}", "retain": "Proposed to be retained",
           "statement": "Statement", "no-text": "no text", "colon": ":", "after-colon": " "},
    "fr": {"delete": "Proposition de suppression", "after": "Proposition de déplacement après {label}",
           "before": "Proposition de déplacement avant {label}", "retain": "Proposition de maintien",
           "statement": "Déclaration", "no-text": "pas de texte", "colon": "\u00a0:", "after-colon": " "},
    "es": {"delete": "Propuesta de supresión", "after": "Propuesta de traslado después de {label}",
           "before": "Propuesta de traslado antes de {label}", "retain": "Propuesta de mantenimiento",
           "statement": "Declaración", "no-text": "sin texto", "colon": ":", "after-colon": " "},
    "ru": {"delete": "Предложение исключить", "after": "Предложение перенести после {label}",
           "before": "Предложение перенести перед {label}", "retain": "Предложение сохранить",
           "statement": "Заявление", "no-text": "без текста", "colon": ":", "after-colon": " "},
    "ar": {"delete": "اقتراح بالحذف", "after": "اقتراح بالنقل إلى ما بعد {label}",
           "before": "اقتراح بالنقل إلى ما قبل {label}", "retain": "اقتراح بالإبقاء",
           "statement": "بيان", "no-text": "لا نص", "colon": ":", "after-colon": " "},
    "zh": {"delete": "提议删除", "after": "提议移至{label}之后", "before": "提议移至{label}之前", "retain": "提议保留",
           "statement": "发言", "no-text": "无案文", "colon": "：", "after-colon": ""},
}
"""What a proposal on a whole paragraph says of itself, in the six UN languages; 'colon'
ends a statement's intro (a no-break space before it in French, full width in Chinese,
which needs no space after it: 'after-colon')."""


PAGE_PHRASES = {
    "en": {"shown": "{n} proposals shown", "shown-one": "1 proposal shown", "every-status": ", of every status",
           "filter": "Show the amendments proposed by", "all": "all delegations",
           "count": "{n} proposals", "count-one": "1 proposal",
           "skipped": "Proposals not shown: they no longer fit the text ({n})"},
    "fr": {"shown": "propositions présentées\u00a0: {n}", "shown-one": "propositions présentées\u00a0: 1",
           "every-status": ", de tous états", "filter": "Afficher les amendements proposés par",
           "all": "toutes les délégations", "count": "propositions\u00a0: {n}", "count-one": "propositions\u00a0: 1",
           "skipped": "Propositions non présentées, qui ne correspondent plus au texte ({n})"},
    "es": {"shown": "propuestas presentadas: {n}", "shown-one": "propuestas presentadas: 1",
           "every-status": ", de todos los estados", "filter": "Mostrar las enmiendas propuestas por",
           "all": "todas las delegaciones", "count": "propuestas: {n}", "count-one": "propuestas: 1",
           "skipped": "Propuestas no presentadas: ya no corresponden al texto ({n})"},
    "ru": {"shown": "показано предложений: {n}", "shown-one": "показано предложений: 1",
           "every-status": ", с любым статусом", "filter": "Показать поправки делегации",
           "all": "все делегации", "count": "предложений: {n}", "count-one": "предложений: 1",
           "skipped": "Не показанные предложения: они больше не соответствуют тексту ({n})"},
    "ar": {"shown": "الاقتراحات المعروضة: {n}", "shown-one": "الاقتراحات المعروضة: 1",
           "every-status": "، بجميع حالاتها", "filter": "عرض التعديلات التي اقترحها",
           "all": "جميع الوفود", "count": "الاقتراحات: {n}", "count-one": "الاقتراحات: 1",
           "skipped": "اقتراحات غير معروضة: لم تعد تنطبق على النص ({n})"},
    "zh": {"shown": "所列提案：{n}", "shown-one": "所列提案：1", "every-status": "，所有状态",
           "filter": "按提出方显示修正：", "all": "所有代表团", "count": "提案：{n}", "count-one": "提案：1",
           "skipped": "未列出的提案：已不再适用于案文（{n}）"},
}
"""The words around the compilation text on its HTML page (the line under the masthead,
the delegation filter and its count, the proposals that no longer fit), in the six UN
languages; '{n}' is a number; 'every-status' starts with its language's comma.  Counts
are written 'proposals: 3' where the word's plural would depend on the number."""


STATUS_COLOURS = {"agreed": "#e2efd9", "agreed-ad-ref": "#deeaf6", "pending": "#fff2cc", "silence": "#ededed",
                  "bracketed": "#fbe4d5"}
"""Paragraph backgrounds by status with `colour_statuses` (the Word compilation's shading too)."""


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
