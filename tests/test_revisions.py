"""Word revisions (`renderers/docx/revisions.py`) and the tracked-changes writer, checked on
the XML: the builders' elements, and over generated round pairs that accepting every
revision gives the new round and rejecting every one the old round, footnotes included.

The checks are also used by tests/test_docx_outputs.py, on every .docx drafttool writes:

- `check_package`: what Word needs and LibreOffice forgives (docs/testing.md, 'Word files'): every revision
  with a unique `w:id`, a `w:author` and a `w:date`; deleted text in `w:delText` only;
  `xml:space="preserve"` where text starts or ends with a space; every part named in
  [Content_Types].xml present; move ranges paired by name.
- `tracked_view`: the text of a tracked-changes file with every revision accepted (drop
  `w:del`/`w:moveFrom`, unwrap `w:ins`/`w:moveTo`, formats as they are) or rejected (the
  reverse, formats from `w:rPrChange`), paragraph marks included, footnotes included.
- `expected_regions`: the changed regions LibreOffice should list per author and kind,
  counted from the XML the way LibreOffice joins them (adjacent revisions of one kind,
  author and date make one region).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from drafttool.text import markup
from drafttool.text.markup import Run
from drafttool.model import Kind, Paragraph, Round
from drafttool.renderers.docx.tracked import masthead_lines

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
REVISIONS = {W + name for name in ("ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange")}
RANGE_STARTS = {W + "moveFromRangeStart", W + "moveToRangeStart"}
RANGE_ENDS = {W + "moveFromRangeEnd", W + "moveToRangeEnd"}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def xml(data: bytes, name: str = "word/document.xml") -> etree._Element:
    return etree.fromstring(parts(data)[name])


def check_package(data: bytes) -> dict[str, int]:
    """Assert the package rules; returns how many revisions of each kind it holds."""
    found = parts(data)
    types = etree.fromstring(found["[Content_Types].xml"])
    for override in types:
        name = override.get("PartName")
        if name:
            assert name.lstrip("/") in found, f"[Content_Types].xml names {name}, which the package lacks"
    for rels_name in [n for n in found if n.endswith(".rels")]:
        folder = rels_name.split("_rels/")[0]
        for rel in etree.fromstring(found[rels_name]):
            if rel.get("TargetMode") != "External":
                target = rel.get("Target", "")
                assert (folder + target).lstrip("/") in found or target.lstrip("/") in found, \
                    f"{rels_name} points to {target}, which the package lacks"
    ids: list[str] = []
    counts: Counter[str] = Counter()
    starts: dict[str, tuple[str, str]] = {}
    ends: list[tuple[str, str]] = []
    for name in ("word/document.xml", "word/footnotes.xml"):
        if name not in found:
            continue
        root = etree.fromstring(found[name])
        for element in root.iter():
            if not isinstance(element.tag, str):
                continue
            if element.tag in REVISIONS:
                counts[etree.QName(element).localname] += 1
                for attribute in ("id", "author", "date"):
                    assert element.get(W + attribute), f"{name}: a {element.tag} without w:{attribute}"
                assert DATE.match(element.get(W + "date", "")), element.get(W + "date")
                ids.append(element.get(W + "id", ""))
            elif element.tag in RANGE_STARTS:
                for attribute in ("id", "author", "date", "name"):
                    assert element.get(W + attribute), f"{name}: a move range without w:{attribute}"
                ids.append(element.get(W + "id", ""))
                starts[element.get(W + "id", "")] = (etree.QName(element).localname, element.get(W + "name", ""))
            elif element.tag in RANGE_ENDS:
                ends.append((etree.QName(element).localname, element.get(W + "id", "")))
            elif element.tag in (W + "t", W + "delText", W + "instrText", W + "delInstrText"):
                deleted = any(a.tag in (W + "del", W + "moveFrom") for a in element.iterancestors())
                if element.tag in (W + "delText", W + "delInstrText"):
                    assert deleted, f"{name}: w:delText outside a deletion"
                else:
                    assert not deleted, f"{name}: w:t inside a deletion"
                text = element.text or ""
                if text and (text[0].isspace() or text[-1].isspace()):
                    assert element.get(XML_SPACE) == "preserve", f"{name}: {text!r} without xml:space"
    assert len(ids) == len(set(ids)), "revision ids are not unique"
    for kind, range_id in ends:
        assert range_id in starts and starts[range_id][0] == kind.replace("End", "Start"), f"unpaired {kind}"
    names = Counter((kind, name) for kind, name in starts.values())
    for (kind, name), count in names.items():
        assert count == 1
        other = "moveToRangeStart" if kind == "moveFromRangeStart" else "moveFromRangeStart"
        assert (other, name) in names, f"move {name} has no {other}"
    assert len(ends) == len(starts)
    return dict(counts)


# ------------------------------------------------------------------------------ views


def _format(rpr: etree._Element | None) -> tuple[bool, bool]:
    if rpr is None:
        return False, False

    def on(tag: str) -> bool:
        element = rpr.find(W + tag)
        return element is not None and element.get(W + "val", "1") not in ("0", "false", "off")
    return on("b"), on("i")


def _runs(container: etree._Element, accept: bool, out: list[Run]) -> None:
    for child in container:
        tag = child.tag
        if tag in (W + "pPr",) or not isinstance(tag, str):
            continue
        if tag in (W + "del", W + "moveFrom"):
            if not accept:
                _runs(child, accept, out)
        elif tag in (W + "ins", W + "moveTo"):
            if accept:
                _runs(child, accept, out)
        elif tag == W + "r":
            rpr = child.find(W + "rPr")
            if rpr is not None and rpr.find(W + "rStyle") is not None and \
                    rpr.find(W + "rStyle").get(W + "val") == "FootnoteReference" and \
                    child.find(W + "footnoteReference") is None:
                continue  # the mark a footnote body echoes
            if not accept and rpr is not None and rpr.find(W + "rPrChange") is not None:
                bold, italic = _format(rpr.find(W + "rPrChange").find(W + "rPr"))
            else:
                bold, italic = _format(rpr)
            custom = False
            for part in child:
                if part.tag in (W + "t", W + "delText"):
                    if custom:
                        custom = False
                        continue
                    out.append(Run(part.text or "", italic, bold))
                elif part.tag == W + "tab":
                    out.append(Run("\t", italic, bold))
                elif part.tag == W + "footnoteReference":
                    out.append(Run("", italic, bold, footnote=part.get(W + "id")))
                    custom = part.get(W + "customMarkFollows") == "1"
        elif tag in (W + "hyperlink", W + "smartTag"):
            _runs(child, accept, out)


def _mark_removed(paragraph: etree._Element, accept: bool) -> bool:
    rpr = paragraph.find(f"{W}pPr/{W}rPr")
    if rpr is None:
        return False
    removed = ("del", "moveFrom") if accept else ("ins", "moveTo")
    return any(rpr.find(W + name) is not None for name in removed)


@dataclass(frozen=True)
class View:
    """A tracked document as one of its rounds: paragraphs (style, typed label, text with
    footnote references as '[^]') and the footnote texts in order of reference."""

    paragraphs: list[tuple[str, str, str]]
    notes: list[str]

    def texts(self) -> list[str]:
        return [text for style, _, text in self.paragraphs if not style.startswith("Masthead")]

    def masthead(self) -> list[str]:
        return [text for style, _, text in self.paragraphs if style.startswith("Masthead")]


def _paragraph_views(container: etree._Element, accept: bool) -> list[tuple[str, list[Run]]]:
    out: list[tuple[str, list[Run]]] = []
    carried: list[Run] = []
    for paragraph in container.iter(W + "p"):
        _runs(paragraph, accept, carried)
        if _mark_removed(paragraph, accept):
            continue
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        out.append((style.get(W + "val", "") if style is not None else "", carried))
        carried = []
    if carried:
        out.append(("", carried))
    return out


_REFERENCE = re.compile(r"\[\^([^\]\s\\]+)\]")


def tracked_view(data: bytes, *, accept: bool) -> View:
    found = parts(data)
    body = etree.fromstring(found["word/document.xml"]).find(W + "body")
    bodies: dict[str, str] = {}
    if "word/footnotes.xml" in found:
        for note in etree.fromstring(found["word/footnotes.xml"]):
            runs: list[Run] = []
            for _, paragraph_runs in _paragraph_views(note, accept):
                runs += paragraph_runs
            bodies[note.get(W + "id", "")] = markup.to_markup(runs).strip()
    paragraphs: list[tuple[str, str, str]] = []
    notes: list[str] = []
    for style, runs in _paragraph_views(body, accept):
        text = markup.to_markup(runs)
        if not markup.plain(text).strip() and "[^" not in text:
            continue
        label = ""
        if "\t" in text:
            label, _, text = text.partition("\t")
        notes += [bodies.get(ref, "?") for ref in _REFERENCE.findall(text)]
        paragraphs.append((style, label, _REFERENCE.sub("[^]", text)))
    return View(paragraphs, notes)


def canonical(text: str) -> str:
    """Marked-up text as its runs write it: a marker left open runs to the end of its
    paragraph and is closed there ('a **b' → 'a **b**'), as any reader of the runs closes it."""
    return markup.to_markup(markup.parse(text))


def round_view(round_: Round) -> View:
    """What `tracked_view` should give for a round (labels left out: Word may number them)."""
    by_id = {f.id: f.text for f in round_.footnotes}
    paragraphs = []
    notes: list[str] = []
    # The masthead as the round prints it: UN order, a revised round's symbol with its
    # /Rev.N, the date in the text's language.
    for _, value in masthead_lines(round_):
        notes += [by_id[ref] for ref in markup.footnote_ids(value) if ref in by_id]
        paragraphs.append(("Masthead", "", _REFERENCE.sub("[^]", value)))
    for paragraph in round_.paragraphs:
        notes += [by_id[ref] for ref in markup.footnote_ids(paragraph.text) if ref in by_id]
        paragraphs.append(("", paragraph.label, _REFERENCE.sub("[^]", canonical(paragraph.text))))
    return View(paragraphs, notes)


# ------------------------------------------------------------------------------ LibreOffice's regions


def _items(container: etree._Element, inherited: tuple[str, str, str] | None, out: list[tuple[str, str, str]]) -> None:
    kinds = {W + "ins": "insertion", W + "moveTo": "insertion", W + "del": "deletion", W + "moveFrom": "deletion"}
    for child in container:
        tag = child.tag
        if not isinstance(tag, str) or tag == W + "pPr":
            continue
        if tag in kinds:
            _items(child, (kinds[tag], child.get(W + "author", ""), child.get(W + "date", "")[:16]), out)
        elif tag == W + "r":
            if not any(part.tag in (W + "t", W + "delText", W + "tab", W + "footnoteReference") for part in child):
                continue
            change = child.find(f"{W}rPr/{W}rPrChange")
            if inherited is None and change is not None:
                out.append(("format-change", change.get(W + "author", ""), change.get(W + "date", "")[:16]))
            else:
                out.append(inherited or ("plain", "", ""))


def expected_regions(data: bytes) -> Counter[tuple[str, str]]:
    """(author, kind) → number of changed regions LibreOffice should show for this file,
    leaving out regions that hold only paragraph marks (LibreOffice keeps a paragraph mark
    apart from the text before it where it takes that text for moved: see
    `test_docx_outputs.lo_regions`, which leaves them out too)."""
    found = parts(data)
    streams: list[etree._Element] = [etree.fromstring(found["word/document.xml"]).find(W + "body")]
    if "word/footnotes.xml" in found:
        streams += [note for note in etree.fromstring(found["word/footnotes.xml"])
                    if note.get(W + "type") is None]
    counts: Counter[tuple[str, str]] = Counter()
    kinds = {"ins": "insertion", "moveTo": "insertion", "del": "deletion", "moveFrom": "deletion"}
    for stream in streams:
        items: list[tuple[str, str, str]] = []
        for paragraph in stream.iter(W + "p"):
            _items(paragraph, None, items)
            mark = ("plain", "", "")
            rpr = paragraph.find(f"{W}pPr/{W}rPr")
            if rpr is not None:
                for name, kind in kinds.items():
                    revision = rpr.find(W + name)
                    if revision is not None:
                        mark = (kind, revision.get(W + "author", ""), revision.get(W + "date", "")[:16])
            items.append(mark + ("mark",))
        previous = None
        content = False
        for item in items:
            if item[:3] != previous:
                if previous is not None and previous[0] != "plain" and content:
                    counts[(previous[1], previous[0])] += 1
                previous, content = item[:3], False
            content = content or len(item) == 3
        if previous is not None and previous[0] != "plain" and content:
            counts[(previous[1], previous[0])] += 1
    return counts


# ============================================================================== the builders

from drafttool.compare.diff import DiffOptions, compare_rounds  # noqa: E402
from drafttool.readers import TrackedChanges  # noqa: E402
from drafttool.readers.docx import read_docx  # noqa: E402
from drafttool.renderers.docx import revisions  # noqa: E402
from drafttool.renderers.docx import render_tracked_docx  # noqa: E402
from drafttool.renderers.docx.package import make_paragraph, make_run, make_run_like  # noqa: E402

from test_diff import revisions as revised_rounds  # noqa: E402

EU = revisions.Stamp("EU", "2024-03-01T00:00:00Z")


def compact(element: etree._Element) -> str:
    """An element as XML with the w: prefix and no namespace declarations, for short asserts."""
    holder = etree.Element(W + "holder", nsmap={"w": W_NS})
    holder.append(element.__copy__())
    text = etree.tostring(holder[0], encoding="unicode")
    return re.sub(r' xmlns:\w+="[^"]+"', "", text)


def test_an_insertion_wraps_runs_with_id_author_and_date():
    built = revisions.Revisions()
    element = built.inserted([make_run("new words")], EU)
    assert compact(element) == ('<w:ins w:id="1" w:author="EU" w:date="2024-03-01T00:00:00Z">'
                                '<w:r><w:t>new words</w:t></w:r></w:ins>')


def test_a_deletion_holds_its_text_in_deltext_with_spaces_kept():
    built = revisions.Revisions()
    element = built.deleted([make_run(" old ")], EU)
    assert compact(element) == ('<w:del w:id="1" w:author="EU" w:date="2024-03-01T00:00:00Z">'
                                '<w:r><w:delText xml:space="preserve"> old </w:delText></w:r></w:del>')


def test_ids_are_unique_across_everything_one_builder_makes():
    built = revisions.Revisions()
    first = built.inserted([make_run("a")], EU)
    second = built.deleted([make_run("b")], EU)
    start, end = built.move_range("move-from", built.move_name(), EU)
    assert [first.get(W + "id"), second.get(W + "id"), start.get(W + "id"), end.get(W + "id")] == ["1", "2", "3", "3"]


def test_a_paragraph_mark_is_marked_in_the_paragraph_properties_before_sectpr():
    built = revisions.Revisions()
    paragraph = make_paragraph("Heading1")
    built.mark_paragraph(paragraph, "delete", EU)
    assert compact(paragraph) == ('<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:rPr><w:del w:id="1" w:author="EU" '
                                  'w:date="2024-03-01T00:00:00Z"/></w:rPr></w:pPr></w:p>')
    built.mark_paragraph(paragraph, "move-to", EU)  # one revision of a mark at a time
    assert compact(paragraph).count("<w:rPr>") == 1 and "w:del " not in compact(paragraph)


def test_a_moved_paragraph_uses_move_wrappers_and_named_ranges():
    built = revisions.Revisions()
    name = built.move_name()
    moved = built.wrap("move-from", [make_run("away")], EU)
    start, end = built.move_range("move-from", name, EU)
    assert compact(moved).startswith('<w:moveFrom w:id="1"') and "<w:delText>away</w:delText>" in compact(moved)
    assert compact(start) == ('<w:moveFromRangeStart w:id="2" w:author="EU" w:date="2024-03-01T00:00:00Z" '
                              'w:name="move1"/>')
    assert compact(end) == '<w:moveFromRangeEnd w:id="2"/>'


def test_a_format_change_keeps_the_old_run_properties():
    built = revisions.Revisions()
    run = make_run_like("word", etree.fromstring(f'<w:rPr xmlns:w="{W_NS}"><w:i/></w:rPr>'))
    built.format_changed(run, None, EU)
    assert compact(run) == ('<w:r><w:rPr><w:i/><w:rPrChange w:id="1" w:author="EU" w:date="2024-03-01T00:00:00Z">'
                            '<w:rPr/></w:rPrChange></w:rPr><w:t>word</w:t></w:r>')


def test_dates_are_written_as_word_expects():
    assert revisions.word_date("2024-02-02") == "2024-02-02T00:00:00Z"
    assert revisions.word_date("2024-02-02T10:30") == "2024-02-02T10:30:00Z"
    assert DATE.match(revisions.word_date(""))


def test_copied_paragraph_properties_lose_their_revisions_and_foreign_markup():
    source = etree.fromstring(
        f'<w:pPr xmlns:w="{W_NS}" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml">'
        '<w:pStyle w:val="UNPara"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr>'
        '<w14:foo/><w:rPr><w:ins w:id="9" w:author="X" w:date="2020-01-01T00:00:00Z"/><w:b/></w:rPr>'
        '<w:sectPr/><w:pPrChange w:id="10" w:author="X" w:date="2020-01-01T00:00:00Z"><w:pPr/></w:pPrChange></w:pPr>')
    assert compact(revisions.strip_revision_marks(source)) == (
        '<w:pPr><w:pStyle w:val="UNPara"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr>'
        '<w:rPr><w:b/></w:rPr></w:pPr>')


# ============================================================================== accept all, reject all

PROPERTY = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_views(data: bytes, old: Round, new: Round) -> None:
    check_package(data)
    for accept, round_ in ((True, new), (False, old)):
        got, want = tracked_view(data, accept=accept), round_view(round_)
        assert got.texts() == want.texts(), "accept" if accept else "reject"
        assert got.notes == want.notes
        assert got.masthead() == want.masthead()


@PROPERTY
@given(revised_rounds(), st.sampled_from(["delete-insert", "revisions"]), st.booleans())
def test_accepting_every_revision_gives_the_new_round_and_rejecting_them_the_old(pair, moves, trust_ids):
    old, new = pair
    comparison = compare_rounds(old, new, DiffOptions(trust_ids=trust_ids))
    data = render_tracked_docx(comparison, old, new, moves=moves, date="2024-02-02")
    assert_views(data, old, new)
    # drafttool's own reader agrees, labels included (Word's numbering computed as Word would).
    for policy, round_ in ((TrackedChanges.ACCEPT, new), (TrackedChanges.REJECT, old)):
        # (Word has one reference per footnote: a footnote cited twice is read back as two.)
        read = read_docx(data, tracked_changes=policy).round
        assert [(p.label, _REFERENCE.sub("[^]", p.text)) for p in read.paragraphs] == [
            (p.label, _REFERENCE.sub("[^]", canonical(p.text))) for p in round_.paragraphs]


def test_an_item_after_a_moved_deeper_item_gets_its_own_letters_in_each_view():
    # Under '1 bis.' (a typed label: the letters of '1.' run on), the new round has 'i)'
    # moved before its 'a)'.  The num of that chapeau is first used by 'i)' in the new
    # view, and Word applies a num's override only at its first paragraph's level and
    # below: with that num 'a)' showed 'b)'.  The writer takes a new num for it.
    S, O = Kind.SUBPARAGRAPH, Kind.OPERATIVE
    chapeaux = (Paragraph("p1", "Nous décidons :", label="1.", kind=O),
                Paragraph("p1.a", "de coopérer ;", label="a)", kind=S, parent="p1", level=1),
                Paragraph("p1bis", "Nous notons :", label="1 bis.", kind=O))
    item = Paragraph("p1bis.a.i", "de l’Office.", label="i)", kind=S, parent="p1bis.a", level=2)
    old = Round("A", (*chapeaux, Paragraph("p1bis.a", "les données :", label="a)", kind=S, parent="p1bis", level=1),
                      item), language="fr")
    new = Round("B", (*chapeaux, item, Paragraph("p1bis.a", "les données\u00a0:", label="a)", kind=S,
                                                 parent="p1bis", level=1)), language="fr")
    for trust_ids in (True, False):
        comparison = compare_rounds(old, new, DiffOptions(trust_ids=trust_ids))
        data = render_tracked_docx(comparison, old, new, moves="revisions", date="2024-02-02")
        assert_views(data, old, new)
        for policy, labels in ((TrackedChanges.ACCEPT, ["1.", "a)", "1 bis.", "i)", "a)"]),
                               (TrackedChanges.REJECT, ["1.", "a)", "1 bis.", "a)", "i)"])):
            assert [p.label for p in read_docx(data, tracked_changes=policy).round.paragraphs] == labels


def test_a_title_merged_with_the_next_paragraph_where_the_join_opens_bold_accepts_to_the_new_title():
    # '我*我*' and '*我*我。' joined: the join '**' opens bold, which runs to the end of the
    # new title ('我 *我* ***我*** **我。**').  Accepting every revision gives those runs —
    # the '**' read back at the end closes that bold, it is not a stray mark.
    old = Round("a", (Paragraph("t", "我*我*", kind=Kind.TITLE), Paragraph("p1", "*我*我。", label="1.")),
                language="zh")
    new = Round("b", (Paragraph("t", "我*我**我*我。", kind=Kind.TITLE),), language="zh")
    comparison = compare_rounds(old, new, DiffOptions(trust_ids=False))
    data = render_tracked_docx(comparison, old, new, moves="delete-insert", date="2024-02-02")
    assert_views(data, old, new)
    accepted = tracked_view(data, accept=True).texts()
    assert [markup.parse(text) for text in accepted] == [markup.parse("我*我**我*我。")] == [(
        Run("我"), Run("我", italic=True), Run("我", italic=True, bold=True), Run("我。", bold=True))]
    assert tracked_view(data, accept=False).texts() == ["我*我*", "*我*我。"]


def test_two_paragraphs_merged_keep_the_formatting_of_each_part_in_the_redline():
    # A real merge (a copy edited in Word, read back; a next round from its proposals)
    # joins the runs of the two parts, never their markup: '我们*决定*' and '*我*我。' give
    # '我们*决定我*我。', both words italic, where the strings joined would open bold at '**'.
    old = Round("a", (Paragraph("p1", "我们*决定*", label="1."), Paragraph("p2", "*我*我。", label="2.")), language="zh")
    new = Round("b", (Paragraph("p1", "我们*决定我*我。", label="1.", merged_from=("p1", "p2")),), language="zh")
    assert new.paragraphs[0].text == markup.to_markup(markup.parse(old.paragraphs[0].text) + markup.parse(old.paragraphs[1].text))
    for trust_ids in (True, False):
        comparison = compare_rounds(old, new, DiffOptions(trust_ids=trust_ids))
        data = render_tracked_docx(comparison, old, new, date="2024-02-02")
        assert_views(data, old, new)
        assert [markup.parse(text) for text in tracked_view(data, accept=True).texts()] == [(
            Run("我们"), Run("决定我", italic=True), Run("我。"))]
        assert tracked_view(data, accept=False).texts() == ["我们*决定*", "*我*我。"]


@PROPERTY
@given(revised_rounds())
def test_formats_changed_on_kept_words_are_format_revisions(pair):
    old, _ = pair
    from dataclasses import replace as replace_

    def embolden(text: str) -> str:
        runs = markup.parse(text)
        return markup.to_markup([Run(r.text, r.italic, not r.bold, r.footnote) for r in runs])
    new = replace_(old, label="Rev.x", paragraphs=tuple(replace_(p, text=embolden(p.text)) for p in old.paragraphs))
    comparison = compare_rounds(old, new, DiffOptions(trust_ids=True))
    data = render_tracked_docx(comparison, old, new)
    assert_views(data, old, new)


def test_rendering_twice_gives_the_same_bytes():
    from drafttool.operations import compare_store_rounds

    compared = compare_store_rounds("drafts/cnd-2024", "Zero draft", "Rev.1")
    first = render_tracked_docx(compared.comparison, compared.old, compared.new, moves="revisions")
    assert first == render_tracked_docx(compared.comparison, compared.old, compared.new, moves="revisions")


def test_an_unknown_move_mode_is_refused():
    compared = compare_rounds(Round("a"), Round("b"))
    with pytest.raises(ValueError, match="moves must be one of delete-insert, revisions, not 'both'"):
        render_tracked_docx(compared, Round("a"), Round("b"), moves="both")


@pytest.mark.parametrize("moves", ["delete-insert", "revisions"])
def test_over_an_old_word_files_layout_accepting_gives_the_new_round_and_rejecting_the_old(moves):
    from drafttool.operations import compare_store_rounds
    from drafttool.readers.docx import read_docx_layout
    from drafttool.renderers.docx import render_round_docx

    compared = compare_store_rounds("drafts/cnd-2024", "Zero draft", "Rev.1")
    layout = read_docx_layout(render_round_docx(compared.old))[1]
    data = render_tracked_docx(compared.comparison, compared.old, compared.new, moves=moves, layout=layout)
    assert_views(data, compared.old, compared.new)
