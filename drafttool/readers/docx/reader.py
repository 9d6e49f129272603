"""Step 2: the file's structure, under a policy, becomes the Round, its revisions and comments.

`read_parts` opens the package and parses its parts (step 1, `parse`); `Reader` takes the
view under the policy, computes Word's list labels and footnote numbers on it, and hands
the paragraphs to `structure.assemble`.
"""

from __future__ import annotations

from dataclasses import replace

from lxml import etree
from lxml.etree import _Element

from drafttool.errors import InputError, Notice
from drafttool.model import Kind, Masthead, Paragraph, Round, Scope
from drafttool.readers import Comment, Reading, Revision, TrackedChanges, limits
from drafttool.readers.docx.elements import ID
from drafttool.readers.docx.masthead import MASTHEAD_LOOKAHEAD, Line, masthead_fields
from drafttool.readers.docx.notes import SECTPR, note_formats, number_notes
from drafttool.readers.docx.numbering import Counters, LabelTooLong, Numbered, NumberingDefinitions, label_readings
from drafttool.readers.docx.package import Package, custom_properties
from drafttool.readers.docx.parse import Para, Parser, Props
from drafttool.readers.docx.styles import Styles
from drafttool.readers.docx.views import ViewPara, note_view, take_view, to_runs
from drafttool.readers.markdown import check_brackets
from drafttool.readers.structure import SourceParagraph, assemble, read_label
from drafttool.text import languages, markup
from drafttool.text.labels import Label
from drafttool.text.containers import container_heading
from drafttool.wordml import STRICT, qn

R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


class Reader:
    """Step 2: the file's structure, under a policy, → Round, revisions and comments."""

    def __init__(self, path: str | None, styles: Styles, definitions: NumberingDefinitions,
                 settings: _Element | None, body: _Element, parser: Parser,
                 notes: dict[tuple[bool, str], list[Para]], comment_texts: dict[str, tuple[str, str, list[Para]]],
                 policy: TrackedChanges) -> None:
        self.path = path
        self.styles = styles
        self.definitions = definitions
        self.parser = parser
        self.notes = notes
        self.comment_texts = comment_texts
        self.policy = policy
        self.accept = policy is TrackedChanges.ACCEPT
        self.note_formats = note_formats(settings, [*parser.section_ends, body.find(SECTPR)])
        self.notices: list[Notice] = []
        self.missing_numbering = 0
        self.layout: dict[str, tuple[_Element | None, bool]] = {}
        self.section = body.find(SECTPR)

    def read(self, paras: list[Para], label: str, language: str, properties: dict[str, str],
             first_header: list[Para] | None = None) -> Reading:
        views = take_view(paras, self.accept)
        counters = Counters(self.definitions)
        notes = number_notes(views, self.notes, self.note_formats, self.accept, self.path)
        self.note_views = notes.views
        self.notices += notes.notices
        note_ids, footnotes = notes.ids, notes.footnotes

        sources: list[SourceParagraph] = []
        source_of_view: dict[int, int] = {}
        leads: dict[int, tuple[int, int]] = {}
        masthead: dict[str, str] = {}
        other: list[str] = []
        layouts: list[tuple[_Element | None, bool]] = []
        made = notes.characters
        # The UN templates put the masthead in the first page's header (17.10.5, w:titlePg):
        # its lines come first, then the body's.
        header_views = take_view(first_header or [], self.accept)
        leading = self._masthead([*header_views, *views[:MASTHEAD_LOOKAHEAD]], note_ids)
        for index in sorted(k for k in leading if k < len(header_views)):
            name, text = leading[index], markup.to_markup(to_runs(header_views[index].pieces, {})).strip()
            if name == "other":
                other.append(text)
            else:
                masthead[name] = f"{masthead[name]} {text}" if name in masthead else text
        leading = {k - len(header_views): name for k, name in leading.items() if k >= len(header_views)}
        for index, view in enumerate(views):
            style = self.styles.paragraph_style(view.props.style)
            try:
                numbered = self._number(view.props, style, counters)
            except LabelTooLong as error:
                raise InputError(str(error), path=self.path, place=f"paragraph {view.number}") from None
            runs = to_runs(view.pieces, note_ids)
            raw_plain = "".join(r.text for r in runs)
            text = markup.to_markup(runs).strip()
            if not text:
                continue
            made += len(text) + (len(numbered.text) if numbered is not None else 0)
            if made > limits.MAX_ROUND_CHARACTERS:
                raise InputError(f"it would make a text of more than {limits.MAX_ROUND_CHARACTERS:,} characters; "
                                 "drafttool reads texts up to that size: is it the right file?", path=self.path,
                                 place=f"paragraph {view.number}")
            field_name = self.styles.masthead_field(style) or leading.get(index)
            if field_name:
                if field_name == "other":
                    other.append(text)
                else:
                    masthead[field_name] = f"{masthead[field_name]} {text}" if field_name in masthead else text
                continue
            place = f"paragraph {view.number}"
            outline = view.props.outline if view.props.outline is not None else self.styles.outline(style)
            heading = outline + 2 if outline is not None and outline < 9 else 0
            title = self.styles.is_title(style)
            bullet = numbered is not None and numbered.fmt == "bullet"
            if bullet:
                numbered = None
            readings: tuple[Label | None, Label | None]
            if numbered is not None and numbered.text and container_heading(numbered.text) is not None:
                # 'Article %1': a container numbered by Word, read as its heading ('Article 4 Scope')
                written, rest, readings, heading = "", f"{numbered.text} {text}", (None, None), heading or 2
            elif numbered is not None and numbered.text:
                written, rest, readings = numbered.text, text, label_readings(numbered)
            elif title:
                written, rest, readings = "", text, (None, None)
            else:
                written, rest, readings = read_label(text)
            lead = len(raw_plain) - len(raw_plain.lstrip()) + len(raw_plain.strip()) - len(markup.plain(rest))
            leads[index] = (lead, len(markup.plain(rest)))
            source_of_view[index] = len(sources)
            typed = bool(written) and not (numbered is not None and numbered.text)
            layouts.append((view.ppr, typed))
            sources.append(SourceParagraph(rest, written, readings, heading=heading, title=title, place=place,
                                           cell=view.cell, bullet=bullet and not written and not heading,
                                           depth=self.styles.nested_depth(style)))
        if not sources and not masthead:
            raise InputError("the document is empty (no text in its paragraphs)", path=self.path)
        records, structure_notices = assemble(sources, path=self.path)
        origins = _origins(records, sources)
        # A bullet Word draws is the label of a subparagraph; elsewhere it is left out.
        self.parser.counts.bullets += sum(1 for source, origin in zip(sources, origins)
                                          if source.bullet and records[origin].kind is not Kind.SUBPARAGRAPH)
        self.layout = {records[origin].id: layout for origin, layout in zip(origins, layouts)}
        record_of_view = {index: records[origins[position]].id for index, position in source_of_view.items()}

        lang = language or languages.guess_language(" ".join(markup.plain(p.text) for p in records))
        fields = {key: value for key, value in masthead.items() if key in Masthead.__dataclass_fields__}
        round_ = Round(
            label=label,
            paragraphs=records,
            footnotes=tuple(footnotes),
            date=properties.get("drafttool-date", ""),
            symbol=properties.get("drafttool-symbol", "") or markup.plain(masthead.get("symbol", "")),
            language=lang,
            masthead=Masthead(**fields, other=tuple(other)),
        )
        revisions = self._revisions(views, record_of_view, leads)
        comments = self._comments(views, record_of_view)
        notices = self._notices(revisions, comments)
        notices += list(structure_notices)
        notices += check_brackets(round_, self.path, lambda: {records[o].id: s.place for o, s in zip(origins, sources)})
        return Reading(round_, tuple(notices), revisions, comments)

    def _masthead(self, views: list[ViewPara], note_ids: dict[int, str]) -> dict[int, str]:
        """The masthead lines the document opens with, as the UN templates lay them out
        (`masthead`): their field by view index."""
        lines = []
        for view in views:
            text = markup.to_markup(to_runs(view.pieces, note_ids)).strip()
            style = self.styles.paragraph_style(view.props.style)
            numbered = (view.props.num_id or self.styles.numbering(style)[0] or "0") != "0"
            ends = numbered or self.styles.is_title(style) or view.props.outline is not None \
                or self.styles.outline(style) is not None or bool(self.styles.masthead_field(style))
            lines.append(Line(text, markup.plain(text), view.cell is not None and view.cell[0] == 1, ends and bool(text)))
        kept = [(index, line) for index, line in enumerate(lines) if line.text]
        fields = masthead_fields([line for _, line in kept])
        return {kept[position][0]: name for position, name in fields.items()}

    # -- numbering

    def _number(self, props: Props, style: str | None, counters: Counters) -> Numbered | None:
        """The label Word displays before a paragraph; numbering from the paragraph, else its style."""
        num_id, ilvl = props.num_id, props.ilvl
        style_num, style_ilvl = self.styles.numbering(style)
        if num_id is None:
            num_id = style_num
        if num_id is None or num_id == "0":
            return None
        if ilvl is None:
            ilvl = style_ilvl
        if ilvl is None:
            ilvl = self.definitions.level_of_style(num_id, style)
        numbered = counters.next(num_id, max(0, min(ilvl or 0, 8)))
        if numbered is None:
            self.missing_numbering += 1
        return numbered

    # -- notes

    # -- revisions and comments

    def _revisions(self, views: list[ViewPara], record_of_view: dict[int, str],
                   leads: dict[int, tuple[int, int]]) -> tuple[Revision, ...]:
        """Every revision of the file, placed in the returned round's paragraphs and footnotes."""
        placed: dict[int, tuple[str, int]] = {}
        for index, view in enumerate(views):
            paragraph_id = record_of_view.get(index, "")
            lead, length = leads.get(index, (0, 0))
            for change, at in view.anchors:
                if id(change) not in placed:
                    placed[id(change)] = (paragraph_id, max(0, min(at - lead, length)) if paragraph_id else 0)
        for note_id, note in self.note_views.items():
            length = len("".join(p.text for p in note.pieces))
            for change, at in note.anchors:
                if id(change) not in placed:
                    placed[id(change)] = (note_id, max(0, min(at, length)))
        out = []
        for change in self.parser.changes:
            paragraph_id, offset = placed.get(id(change), ("", 0))
            out.append(Revision(change.kind, change.author, change.date, "".join(change.texts), paragraph_id, offset,
                                change.revision_id))
        return tuple(out)

    def _comments(self, views: list[ViewPara], record_of_view: dict[int, str]) -> tuple[Comment, ...]:
        """Comments with the paragraph their range starts in and the text they cover."""
        anchored: dict[str, str] = {}
        quotes: dict[str, list[str]] = {}
        open_ids: list[str] = []
        for index, view in enumerate(views):
            paragraph_id = record_of_view.get(index, "")
            for open_id in open_ids:
                if quotes[open_id] and quotes[open_id][-1] != " ":
                    quotes[open_id].append(" ")
            for piece in view.pieces:
                if piece.comment is not None:
                    kind, comment_id = piece.comment
                    if kind == "start":
                        anchored.setdefault(comment_id, paragraph_id)
                        quotes.setdefault(comment_id, [])
                        open_ids.append(comment_id)
                    elif kind == "end" and comment_id in open_ids:
                        open_ids.remove(comment_id)
                    elif kind == "reference":
                        anchored.setdefault(comment_id, paragraph_id)
                elif piece.text:
                    for open_id in open_ids:
                        quotes[open_id].append(piece.text)
        out = []
        for comment_id, (author, date, paras) in self.comment_texts.items():
            note = note_view(paras, True)
            text = " ".join("".join(p.text for p in note.pieces).split())
            quote = " ".join("".join(quotes.get(comment_id, [])).split())
            out.append(Comment(author, date, text, anchored.get(comment_id, ""), quote))
        return tuple(out)

    def _notices(self, revisions: tuple[Revision, ...], comments: tuple[Comment, ...]) -> list[Notice]:
        notices = list(self.notices)
        counts = self.parser.counts
        if revisions:
            kinds = {"insert": 0, "delete": 0, "format": 0}
            for revision in revisions:
                kinds[revision.kind] = kinds.get(revision.kind, 0) + 1
            moves = sum(1 for change in self.parser.changes if change.move)
            authors = ", ".join(dict.fromkeys(r.author or "(no author)" for r in revisions))
            detail = (f"{kinds['insert']} insertion(s), {kinds['delete']} deletion(s)"
                      + (f" ({moves} of them moves)" if moves else "")
                      + f", {kinds['format']} formatting change(s)")
            how = {
                TrackedChanges.ACCEPT: "read with every change accepted",
                TrackedChanges.REJECT: "read with every change rejected",
                TrackedChanges.PROPOSALS: "read with every change rejected, the insertions and deletions "
                                          "returned as proposals",
            }[self.policy]
            notices.append(Notice(f"{len(revisions)} tracked change(s) found ({detail}) by {authors}; "
                                  f"{how} (policy '{self.policy.value}')", self.path))
        if comments:
            notices.append(Notice(f"{len(comments)} comment(s) found; returned beside the round, not in its text",
                                  self.path))
        left_out = [(counts.pictures, "picture(s) or chart(s)"), (counts.text_boxes, "text box(es)"),
                    (counts.equations, "equation(s)"), (counts.hidden, "run(s) of hidden text"),
                    (counts.bullets, "bullet(s) before list paragraphs")]
        for count, what in left_out:
            if count:
                notices.append(Notice(f"left out {count} {what}", self.path))
        if counts.imported:
            notices.append(Notice(f"left out {counts.imported} imported document(s) (w:altChunk), which Word "
                                  "merges in when it opens the file: open it in Word and save it to keep their text",
                                  self.path))
        if counts.unended_fields:
            notices.append(Notice(f"{counts.unended_fields} field(s) begin and never end; the text after them is "
                                  "read as it stands", self.path))
        if self.missing_numbering:
            notices.append(Notice(f"{self.missing_numbering} paragraph(s) refer to list numbering that "
                                  "numbering.xml does not define; read without a number", self.path))
        return notices


_CELLS = (Scope.TABLE, Scope.ROW, Scope.CELL)


def _origins(records: tuple[Paragraph, ...], sources: list[SourceParagraph]) -> list[int]:
    """The index of each source paragraph's record.  The structure pass adds records of its
    own (the tables, rows and cells around paragraphs in tables) and takes the heading words
    on the line after a container label ('Article 1' / 'Use of terms') into that container."""
    own = [index for index, record in enumerate(records) if record.scope not in _CELLS]
    merged = len(sources) - len(own)
    out: list[int] = []
    position = 0
    for source in sources:
        before = records[out[-1]] if out else None
        if merged > 0 and before is not None and before.kind is Kind.CONTAINER and before.text == source.text \
                and source.heading and not source.label:
            merged -= 1
            out.append(out[-1])
        else:
            out.append(own[min(position, len(own) - 1)])
            position += 1
    return out


def read_parts(data: bytes, path: str | None, label: str, language: str,
               tracked_changes: TrackedChanges) -> tuple[Reading, Reader, Package]:
    package = Package(data, path)
    root = package.xml(package.document)
    assert root is not None
    body = root.find(qn("w:body"))
    if body is None and etree.QName(root).namespace == STRICT:
        raise InputError("this .docx is saved as 'Strict Open XML Document', which drafttool does not read; "
                         "save it in Word as 'Word Document (.docx)'", path=path)
    if body is None:
        raise InputError(f"{package.document} has no w:body; the file is damaged, open it in Word and save it again",
                         path=path)
    styles = Styles(package.part("styles", "word/styles.xml"))
    definitions = NumberingDefinitions(package.part("numbering", "word/numbering.xml"), styles)
    settings = package.part("settings", "word/settings.xml")
    parser = Parser(styles)
    paras = parser.blocks(body)
    notes: dict[tuple[bool, str], list[Para]] = {}
    for kind, endnote in (("footnotes", False), ("endnotes", True)):
        part = package.part(kind, f"word/{kind}.xml")
        if part is None:
            continue
        for note in part.iterchildren(qn("w:endnote" if endnote else "w:footnote")):
            if note.get(qn("w:type"), "normal") not in ("normal", ""):
                continue  # separator, continuationSeparator, continuationNotice (17.11.12)
            notes[(endnote, note.get(ID, ""))] = parser.blocks(note)
    comment_texts: dict[str, tuple[str, str, list[Para]]] = {}
    comments_part = package.part("comments", "word/comments.xml")
    if comments_part is not None:
        changes_before = len(parser.changes)
        for comment in comments_part.iterchildren(qn("w:comment")):
            comment_texts[comment.get(ID, "")] = (comment.get(qn("w:author"), ""), comment.get(qn("w:date"), ""),
                                                  parser.blocks(comment))
        del parser.changes[changes_before:]  # revisions inside comments are not the text's
    properties = custom_properties(package)
    first_header = _first_page_header(package, parser, body)
    reader = Reader(path, styles, definitions, settings, body, parser, notes, comment_texts, tracked_changes)
    reading = reader.read(paras, label or properties.get("drafttool-round", ""),
                          language or properties.get("drafttool-language", ""), properties, first_header)
    found = package.notices()
    if found:
        reading = replace(reading, notices=(*found, *reading.notices))
    return reading, reader, package


def _first_page_header(package: Package, parser: Parser, body: _Element) -> list[Para]:
    """The paragraphs of the first section's first-page header, where it is shown (the
    section has `w:titlePg`, 17.10.6); what the header holds besides its text (a logo, its
    revisions) is not the document's and is not counted."""
    section = parser.section_ends[0] if parser.section_ends else body.find(SECTPR)
    if section is None:
        return []
    title_page = section.find(qn("w:titlePg"))
    if title_page is None or title_page.get(qn("w:val"), "true") in ("0", "false", "off"):
        return []
    reference = next((r for r in section.iterchildren(qn("w:headerReference")) if r.get(qn("w:type")) == "first"),
                     None)
    name = package.related(reference.get(R_ID, "")) if reference is not None else None
    root = package.xml(name) if name else None
    if root is None:
        return []
    counts, changes = replace(parser.counts), len(parser.changes)
    paras = parser.blocks(root)
    parser.counts = counts
    del parser.changes[changes:]
    return paras
