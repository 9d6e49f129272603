"""The compilation text of a round as a Word file (static formatting)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml.etree import _Element

from drafttool.model import Kind, ProposalStatus, StatusValue
from drafttool.renderers.docx.masthead import masthead_elements
from drafttool.renderers.docx.runs import Static, label_indent, spaced, static_package
from drafttool.renderers.masthead import round_date, running_header
from drafttool.text import languages

if TYPE_CHECKING:
    from drafttool.negotiate.compilation import Compilation, Piece, Proposers

GREYED = frozenset({ProposalStatus.REJECTED, ProposalStatus.WITHDRAWN, ProposalStatus.MERGED})
"""Proposals the legend says are greyed when every status is shown."""


def render_compilation_docx(compilation: Compilation, *, attribution: str = "parentheses",
                            colour_statuses: bool = False) -> bytes:
    """The compilation text as a Word file (static formatting): the masthead as UN documents
    print it (`docx.masthead`), a line naming the round and its date, the legend, then every
    paragraph with its proposals inline — insertions bold and underlined, deletions struck
    through, the proposers after each in the chosen style
    (`compilation.ATTRIBUTION_STYLES`), overlapping proposals as option groups in brackets
    one after the other — its status tag, and under it the alternatives, added paragraphs
    (bis, ter…), proposals to delete, move or retain it and statements on it.  Footnotes are
    Word footnotes holding their own proposals, numbered as the pages number them.  With
    every status shown, proposals decided against (rejected, withdrawn, merged) are greyed,
    as the legend says.  Every word around the text — proposers' 'supported by', statuses,
    paragraph statuses, 'bis' — is in the text's language (`renderers.words`)."""
    from drafttool.renderers.words import (
        ATTRIBUTION_STYLES, LEGEND_NOTES, NOTE_INTROS, STATUS_COLOURS, attribution_text, label_in, legend,
        phrase_language, proposal_status_words, proposers_text, status_words,
    )

    if attribution not in ATTRIBUTION_STYLES:
        raise ValueError(f"attribution must be one of {', '.join(ATTRIBUTION_STYLES)}, not {attribution!r}")
    round_ = compilation.round
    language = round_.language.split("-")[0].lower()
    every_status = tuple(compilation.statuses) != (ProposalStatus.PENDING,)
    static = Static(language, rtl=languages.is_rtl(language), east_asian=language == "zh",
                    note_texts={f.footnote.id: f.footnote for f in compilation.footnotes},
                    labels={f.id: f.label for f in round_.footnotes})
    note_pieces = {f.footnote.id: f.pieces for f in compilation.footnotes}

    def greyed(who: Proposers | None) -> bool:
        """Decided against, greyed as the legend says (only when every status is shown)."""
        return every_status and who is not None and who.status in GREYED

    def after_piece(piece: Piece) -> list[_Element]:
        out: list[_Element] = []
        words = attribution_text(piece, attribution, language=language)
        grey = greyed(piece.proposers)
        if words:
            out.append(static.words(words, style="Proposers", grey=grey))
        if every_status and piece.ends_proposal and piece.proposers is not None:
            out.append(static.words(f" [{proposal_status_words(piece.proposers.status, language)}]",
                                    style="StatusTag", grey=grey))
        return out

    def piece_runs(piece: Piece, in_note: bool) -> list[_Element]:
        return static.text(piece.text, piece.kind, in_note=in_note, grey=greyed(piece.proposers))

    def pieces_runs(pieces: tuple[Piece, ...], *, in_note: bool = False) -> list[_Element]:
        out: list[_Element] = []
        k = 0
        while k < len(pieces):
            piece = pieces[k]
            if piece.group is None:
                out.extend(piece_runs(piece, in_note))
                out.extend(after_piece(piece))
                k += 1
                continue
            group = piece.group
            end = k
            while end < len(pieces) and pieces[end].group == group:
                end += 1
            variants: dict[int, list[Piece]] = {}
            for member in pieces[k:end]:
                variants.setdefault(member.variant, []).append(member)
            for number, (_, members) in enumerate(sorted(variants.items())):
                if number:
                    out.append(static.words(" "))
                out.append(static.words("["))
                for member in members:
                    out.extend(piece_runs(member, in_note))
                    out.extend(after_piece(member))
                out.append(static.words("]"))
            k = end
        return out

    static.notes_body = lambda note_id: spaced(pieces_runs(note_pieces.get(note_id, ()), in_note=True),
                                               east_asian=static.east_asian)
    body: list[_Element] = []

    def line(text: str, style: str = "", **run: bool) -> _Element:
        element = static.paragraph(style)
        element.append(static.words(text, **run))  # type: ignore[arg-type]
        body.append(element)
        return element

    body.extend(masthead_elements(static, round_))
    notes, intros = LEGEND_NOTES[phrase_language(language)], NOTE_INTROS[phrase_language(language)]
    heading = f"{notes['compilation']} — {round_.label}" + (f", {round_date(round_)}" if round_.date else "")
    line(heading, "Subtitle", bold=True)
    line(notes["title"], "Heading3")
    for _, text in legend(language, attribution):
        line(text, "LegendLine", italic=True)
    if attribution == "none":
        line(notes["none"], "LegendLine", italic=True)
    if every_status:
        line(notes["every-status"], "LegendLine", italic=True)

    for compiled in compilation.paragraphs:
        paragraph = compiled.paragraph
        # w:shd takes 'E2EFD9' where CSS takes '#e2efd9'
        shading = STATUS_COLOURS.get(paragraph.status.value.value, "#")[1:].upper() if colour_statuses else ""
        if paragraph.kind is Kind.TITLE:
            element = static.paragraph("Title", keep_next=True, shading=shading)
        elif paragraph.kind is Kind.HEADING:
            element = static.paragraph(f"Heading{min(max(paragraph.level, 1), 3)}", keep_next=True, shading=shading)
        else:
            element = static.paragraph(indent=label_indent(paragraph.kind, paragraph.level,
                                                           label_in(compiled.label, language))
                                       if compiled.label else None, shading=shading)
        label = label_in(compiled.label, language)
        if label:
            element.append(static.words(label + "\t", bold=compiled.proposed_by is not None,
                                        grey=greyed(compiled.proposed_by)))
        runs = pieces_runs(compiled.pieces)
        if paragraph.status.value is not StatusValue.OPEN:
            runs.append(static.words(f" [{status_words(paragraph.status, language)}]", style="StatusTag"))
        body.append(static.fill(element, runs))
        indent = (label_indent(paragraph.kind, paragraph.level)[0], 0)

        def note(intro: str, who: Proposers, text: str = "", label: str = "", kind: str = "insert") -> None:
            """A proposal on the whole paragraph, as the pages show it: its label, what it
            is, its text, then its proposers (named once: the intro says what they propose)
            and its status."""
            grey = greyed(who)
            item = static.paragraph("ProposalNote", indent=indent)
            runs: list[_Element] = []
            if label:
                runs.append(static.words(label + ": ", bold=True, grey=grey))
            if intro:
                runs.append(static.words(intro + (intros["colon"] + intros["after-colon"] if text else ""),
                                         italic=True, grey=grey))
            if text:
                runs.extend(static.text(text, kind, grey=grey))
            words = proposers_text(who, attribution, language=language)
            if words:
                runs.append(static.words(" " + words, style="Proposers", grey=grey))
            if every_status:
                runs.append(static.words(f" [{proposal_status_words(who.status, language)}]", style="StatusTag",
                                         grey=grey))
            body.append(static.fill(item, runs))

        for alternative in compiled.alternatives:
            note("" if alternative.text else intros["no-text"], alternative.proposers, alternative.text,
                 alternative.label)
        for who in compiled.deletions:
            note(intros["delete"], who)
        for who, side, where in compiled.moves:
            note(intros[side].format(label=where), who)
        for who in compiled.retains:
            note(intros["retain"], who)
        for who, text in compiled.statements:
            note(intros["statement"], who, text, kind="text")
    return static_package(body, static, title=f"{notes['compilation']} — {round_.label}", subject=round_.symbol,
                          head=running_header(round_))
