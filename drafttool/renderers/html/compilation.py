"""The compilation text of a round as one self-contained HTML page.

Built from the pieces of each compiled paragraph: `<ins>` and `<del>` with the
proposers after each proposal in the chosen attribution style, overlapping proposals as
option groups, one bracketed variant after the other; alternatives, added paragraphs and
whole-paragraph proposals are filter units, so that the delegation filter can leave only
one delegation's proposals.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
import re

from markupsafe import Markup

from drafttool.collector import collector_paused
from drafttool.model import ProposalOp, ProposalStatus, StatusValue
from drafttool.negotiate.compilation import Compilation, CompiledParagraph, Piece, PieceKind, Proposers
from drafttool.renderers.words import (
    ATTRIBUTION_STYLES, LEGEND_NOTES, NOTE_INTROS, PAGE_PHRASES, STATUS_COLOURS, attribution_text, label_in, legend,
    legend_samples, phrase_language, proposal_status_words, proposers_text, status_value_words, status_words,
    words_of,
)
from drafttool.renderers.html.environment import render_template
from drafttool.renderers.html.markup import Notes, clean, escape_text, marked_html
from drafttool.renderers.html.page import (
    BY_SEPARATOR, Block, Language, date_of, language_of, masthead_html, text_dir, title_of,
)
from drafttool.text import languages


@dataclass(frozen=True, slots=True)
class ProposalNote:
    """A proposal shown under its paragraph: an alternative wording, a proposal to delete,
    move or retain the paragraph, or a statement on it."""

    kind: str
    """'alternative', 'delete', 'move', 'retain' or 'statement'."""
    label: str
    """The alternative's label ('OP12 alt'); '' for the others."""
    intro: str
    """What is proposed, in words ('Proposed to be moved after 30.'); '' for an alternative."""
    html: Markup
    """The alternative's wording or the statement, as HTML."""
    after: Markup
    """The proposers (in the attribution style), status tag and note, as HTML."""
    by: tuple[str, ...]
    """Proposers' codes for the filter; empty when the compilation is not attributed."""
    proposal: str
    status: str
    """The proposal's status when the compilation shows every status, else ''."""

    @property
    def data_by(self) -> str:
        return BY_SEPARATOR.join(self.by)

    @property
    def classes(self) -> str:
        return f"pnote pnote-{self.kind}" + (f" ps-{self.status}" if self.status else "")


@dataclass(frozen=True, slots=True)
class CompiledView:
    """One paragraph of the compilation text as the template shows it."""

    anchor: str
    block: Block
    status_value: str
    added: bool
    """A paragraph proposed to be added (shown with its bis/ter label)."""
    by: tuple[str, ...]
    """For an added paragraph: its proposers' codes, for the filter."""
    proposal: str
    notes: tuple[ProposalNote, ...]

    @property
    def data_by(self) -> str:
        return BY_SEPARATOR.join(self.by)

    @property
    def classes(self) -> str:
        return f"cp st-{self.status_value}" + (" cp-added" if self.added else "")


_TRAILING_SPACE = re.compile(r"(?<![\\\s])\s+$")
"""Spaces that end a marked-up span (not one escaped by a backslash)."""


def _replaced_by(piece: Piece, following: Piece | None) -> bool:
    """A deletion followed by the insertion of the same proposal with no space between
    them ('~~néfastes~~**réduire**'): a space is shown between, so that both read."""
    return (following is not None and piece.kind is PieceKind.DELETE and following.kind is PieceKind.INSERT
            and piece.proposers == following.proposers and not piece.text[-1:].isspace()
            and not following.text[:1].isspace())


class _CompilationHtml:
    """Pieces of a compilation → HTML, in one attribution style.

    Without attribution nothing names a delegation, not even an attribute: a compilation
    published without attribution on purpose must not carry it hidden in its source."""

    def __init__(self, notes: Notes, style: str, every_status: bool, language: Language) -> None:
        self.notes = notes
        self.language = language
        self.words = words_of(language.code)
        self.style = style
        self.intros = NOTE_INTROS[phrase_language(language.code)]
        self.attributed = style != "none"
        self.every_status = every_status
        self.delegations: dict[str, None] = {}
        self.proposals: set[tuple[str, ...]] = set()
        self.added = 0

    def code(self, code: str) -> str:
        """A delegation code in the proposers' words: escaped, isolated in a right-to-left
        text ('(USA: حذف)' would read '(USA :حذف)' with 'USA' loose among Arabic words)."""
        return f"<bdi>{escape_text(clean(code))}</bdi>" if self.language.rtl else escape_text(clean(code))

    def attributes(self, who: Proposers | None, *, unit: bool = False) -> str:
        """` data-by=… data-proposal=…` (and `data-filter-unit`) for a proposal's element."""
        if who is None:
            return ""
        self.proposals.add(who.ids)
        if not self.attributed:
            return ""
        self.delegations.update(dict.fromkeys(clean(code) for code in who.by))
        return (f'{" data-filter-unit" if unit else ""} data-by="{escape_text(BY_SEPARATOR.join(who.by))}"'
                f' data-proposal="{escape_text(BY_SEPARATOR.join(who.ids))}"')

    def status_class(self, who: Proposers) -> str:
        """` ps-rejected`…: decided proposals are styled (greyed) when every status is shown."""
        return f" ps-{who.status.value}" if self.every_status else ""

    def after(self, who: Proposers, words: str) -> str:
        """The proposers in `<bdi>` (their proposal, date and note in its title), then the
        proposal's status when every status is shown; `words` is HTML (codes escaped by
        `code`, the rest from the table of words)."""
        out = ""
        words = words.strip()
        space = "" if self.language.code == "zh" else " "  # Chinese puts no space before a full-width parenthesis
        if words:
            title = " · ".join(part for part in (", ".join(who.ids), who.date, who.note) if part)
            direction = ' dir="rtl"' if self.language.rtl else ""
            out += (f'{space}<bdi class="by"{direction} data-by="{escape_text(BY_SEPARATOR.join(who.by))}" '
                    f'title="{escape_text(title)}">{words}</bdi>')
        if self.every_status:
            data = f' data-by="{escape_text(BY_SEPARATOR.join(who.by))}"' if self.attributed else ""
            out += (f' <span class="pstatus ps-{who.status.value}"{data}>'
                    f'[{escape_text(proposal_status_words(who.status, self.language.code))}]</span>')
        return out

    def piece(self, piece: Piece) -> str:
        who = piece.proposers
        if piece.kind is PieceKind.TEXT or who is None:
            return marked_html(piece.text, self.notes)
        tag = "ins" if piece.kind is PieceKind.INSERT else "del"
        status = self.status_class(who)
        classes = f' class="{status.strip()}"' if status else ""
        after = self.after(who, attribution_text(piece, self.style, language=self.language.code,
                                                 code=self.code)) if piece.ends_proposal else ""
        text, lead, trail = piece.text, "", ""
        if text.strip():
            # Spaces at the ends of a span are shown outside it: underlining or striking a
            # space marks nothing, and 'promouvoir ~~tous les droits et ~~(RUS: delete)la
            # dignité' needs the space after the proposers, not before them.
            stripped = text.lstrip()
            lead, text = text[:len(text) - len(stripped)], stripped
            if _TRAILING_SPACE.search(text):
                stripped = text.rstrip()
                text, trail = stripped, text[len(stripped):]
        return (f"{escape_text(lead)}<{tag}{classes}{self.attributes(who)}>{marked_html(text, self.notes)}</{tag}>"
                f"{after}{escape_text(trail)}")

    def pieces(self, pieces: Sequence[Piece]) -> str:
        """The pieces in order; an option group (overlapping proposals) as its variants one
        after the other, each in brackets: the text as it stands first, then each proposal's
        version of it.  Each proposal's variant is a filter unit; the text as it stands is
        the one left (`data-filter-default`) when the filter hides every other."""
        out: list[str] = []
        k = 0
        while k < len(pieces):
            piece = pieces[k]
            if piece.group is None:
                out.append(self.piece(piece))
                k += 1
                if k < len(pieces) and _replaced_by(piece, pieces[k]):
                    out.append(" ")
                continue
            end = k
            while end < len(pieces) and pieces[end].group == piece.group:
                end += 1
            variants: dict[int, list[Piece]] = {}
            for member in pieces[k:end]:
                variants.setdefault(member.variant, []).append(member)
            options: list[str] = []
            for variant, members in sorted(variants.items()):
                inner = "".join(self.piece(member) + (" " if _replaced_by(member, following) else "")
                                for member, following in zip(members, [*members[1:], None]))
                who = next((m.proposers for m in members if m.proposers is not None), None)
                if variant == 0 or who is None:
                    attributes = ' class="option original" data-filter-default'
                else:
                    attributes = f' class="option{self.status_class(who)}"{self.attributes(who, unit=True)}'
                # The space between two options is inside the second, so that an option the
                # filter hides takes its space with it.
                space = " " if options else ""
                options.append(f'<span{attributes}>{space}<span class="bracket">[</span>{inner}'
                               f'<span class="bracket">]</span></span>')
            out.append(f'<span class="options">{"".join(options)}</span>')
            k = end
        return "".join(out)

    def note(self, kind: str, who: Proposers, intro: str = "", text: str = "", label: str = "") -> ProposalNote:
        self.attributes(who)  # counted, and its delegations offered in the filter
        return ProposalNote(
            kind=kind, label=clean(label), intro=intro,
            html=Markup(marked_html(text, self.notes)) if text else Markup(""),
            after=Markup(self.after(who, proposers_text(who, self.style, language=self.language.code, code=self.code))),
            by=tuple(clean(code) for code in who.by) if self.attributed else (),
            proposal=clean(BY_SEPARATOR.join(who.ids)) if self.attributed else "",
            status=who.status.value if self.every_status else "",
        )

    def notes_of(self, compiled: CompiledParagraph) -> tuple[ProposalNote, ...]:
        intros = self.intros
        notes = [self.note("alternative", a.proposers, "" if a.text else intros["no-text"], a.text, a.label)
                 for a in compiled.alternatives]
        notes += [self.note("delete", who, intros["delete"]) for who in compiled.deletions]
        notes += [self.note("move", who, intros[side].format(label=clean(where)))
                  for who, side, where in compiled.moves]
        notes += [self.note("retain", who, intros["retain"]) for who in compiled.retains]
        notes += [self.note("statement", who, intros["statement"], text) for who, text in compiled.statements]
        return tuple(notes)

    def paragraph(self, compiled: CompiledParagraph) -> CompiledView:
        paragraph = compiled.paragraph
        open_ = paragraph.status.value is StatusValue.OPEN
        status = "" if open_ else status_words(paragraph.status, self.language.code)
        block = Block(clean(label_in(compiled.label, self.language.code)), paragraph.kind.value, paragraph.level,
                      Markup(self.pieces(compiled.pieces)), clean(status), "" if open_ else paragraph.status.value.value)
        who = compiled.proposed_by
        unit = who is not None and self.attributed  # an added paragraph: shown or hidden whole by the filter
        anchor = f"p-{clean(paragraph.id)}"
        if who is not None and not self.attributed:
            # An added paragraph's id is made from its proposal's ('add-eu-3f9a2c'), which
            # names the delegation: numbered instead.
            self.added += 1
            anchor = f"p-added-{self.added}"
        return CompiledView(
            anchor=anchor, block=block, status_value=paragraph.status.value.value,
            added=who is not None,
            by=tuple(clean(code) for code in who.by) if unit and who is not None else (),
            proposal=clean(BY_SEPARATOR.join(who.ids)) if unit and who is not None else "",
            notes=self.notes_of(compiled),
        )


def _page_words(language: str, shown: int, skipped: int) -> dict[str, str]:
    """The words around the compilation text (`compilation.PAGE_PHRASES`) in the text's
    language, English where it is not one of the six, with their language and direction."""
    code = phrase_language(language)
    phrases = PAGE_PHRASES[code]
    return {
        "language": code,
        "dir": "rtl" if languages.is_rtl(code) else "ltr",
        "heading": LEGEND_NOTES[code]["compilation"],
        "colon": NOTE_INTROS[code]["colon"],
        "after_colon": NOTE_INTROS[code]["after-colon"],
        "shown": (phrases["shown-one"] if shown == 1 else phrases["shown"]).format(n=shown),
        "every_status": phrases["every-status"],
        "filter": phrases["filter"],
        "all": phrases["all"],
        "count_one": phrases["count-one"],
        "count_many": phrases["count"],
        "skipped": phrases["skipped"].format(n=skipped),
        "list": words_of(code)["list"],
    }


def _legend_lines(code: str, style: str, every_status: bool, colour_statuses: bool, delegations: Sequence[str]
                  ) -> tuple[tuple[str, str], list[tuple[str, str, Markup]], list[tuple[str, str, str]]]:
    """The legend's title and its language, its lines (key, language, HTML) and the
    status colours (value, label, colour) when paragraphs are coloured.  Lines are in the
    text's language where translated, in English otherwise, each marked with its own."""
    code = phrase_language(code)
    more = LEGEND_NOTES[code]
    lines = [(key, code, Markup(escape_text(text))) for key, text in legend(code, style)]
    pieces = legend_samples(delegations)
    if style == "none":
        lines.append(("attribution", code, Markup(escape_text(more["none"]))))
    elif pieces is not None:
        # the examples name delegations of this compilation, never codes that may take no part in it
        rtl = languages.is_rtl(code)
        isolate = (lambda c: f"<bdi>{escape_text(c)}</bdi>") if rtl else escape_text
        direction = ' dir="rtl"' if rtl else ""
        samples = {name: Markup(f'<bdi class="by"{direction}>'
                                f'{attribution_text(piece, style, language=code, code=isolate).strip()}</bdi>')
                   for name, piece in pieces.items()}
        lines.append(("attribution", code, Markup(escape_text(more[style])).format(**samples)))
    if every_status:
        lines.append(("every-status", code, Markup(escape_text(more["every-status"]))))
    colours: list[tuple[str, str, str]] = []
    if colour_statuses:
        lines.append(("colours", code, Markup(escape_text(more["colours"]))))
        colours = [(value, status_value_words(value, code), colour) for value, colour in STATUS_COLOURS.items()]
    return (more["title"], code), lines, colours


def render_compilation_html(compilation: Compilation, *, attribution: str = "parentheses",
                            colour_statuses: bool = False, templates: str | Path | None = None) -> str:
    """The compilation text of a round as one self-contained HTML page: `<ins>` (bold,
    underlined) and `<del>` (struck through) with the proposers after each proposal in
    the `attribution` style ('parentheses', 'dash' or 'none'), option groups of
    overlapping proposals one bracketed variant after the other, alternatives, deletions,
    moves, retains and statements under their paragraph, added paragraphs with their
    bis/ter labels; a masthead, a legend, the delegation filter; each paragraph's status
    tag, and with `colour_statuses` its colour."""
    if attribution not in ATTRIBUTION_STYLES:
        raise ValueError(f"attribution must be one of {', '.join(ATTRIBUTION_STYLES)}, not {attribution!r}")
    with collector_paused():
        return _render_compilation(compilation, attribution, colour_statuses, templates)


def _render_compilation(compilation: Compilation, style: str, colour_statuses: bool,
                        templates: str | Path | None) -> str:
    round_ = compilation.round
    language = language_of(round_)
    every_status = tuple(compilation.statuses) != (ProposalStatus.PENDING,)
    notes = Notes(round_)
    build = _CompilationHtml(notes, style, every_status, language)
    paragraphs = [build.paragraph(compiled) for compiled in compilation.paragraphs]
    footnotes = [(Notes.anchor(clean(f.footnote.id)), clean(f.footnote.label or f.footnote.id),
                  Markup(build.pieces(f.pieces)), text_dir(f.footnote.text, language)) for f in compilation.footnotes]
    (legend_title, legend_language), legend_lines, colours = _legend_lines(
        language.code.split("-")[0].lower(), style, every_status, colour_statuses, list(build.delegations))
    skipped = [(clean(proposal.id), clean(", ".join(proposal.by)), clean(reason))
               for proposal, reason in compilation.skipped] if build.attributed else []
    words = _page_words(language.code, len(build.proposals), len(skipped))
    title = title_of(round_)
    return render_template(
        "compilation.html", templates,
        title=f"{title or clean(round_.label)} — compilation text",
        heading=title,
        language=language,
        round_label=clean(round_.label),
        date=date_of(round_),
        masthead=masthead_html(round_, notes),
        legend_title=legend_title,
        legend_language=legend_language,
        legend=legend_lines,
        colours=colours,
        attribution=style,
        every_status=every_status,
        statuses=[proposal_status_words(status, language.code) for status in compilation.statuses],
        colour_statuses=colour_statuses,
        paragraphs=paragraphs,
        footnotes=footnotes,
        words=words,
        skipped=skipped,
        delegations=sorted(build.delegations, key=str.casefold),
    )
