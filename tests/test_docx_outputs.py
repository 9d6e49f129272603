"""The Word outputs opened the way users open them: tracked changes, the comparison and the
compilation text converted by LibreOffice headless and read back (docs/testing.md), the package
rules Word needs checked on every file, a reviewed golden file, and the commands."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from drafttool.text import markup
from drafttool import store
from drafttool.cli import main
from drafttool.negotiate.compilation import compile_round
from drafttool.compare.diff import DiffOptions, compare_rounds
from drafttool.model import Footnote, Kind, Masthead, Negotiation, Paragraph, ProposalStatus, Round
from drafttool.operations import compare_files, compare_store_rounds
from drafttool.readers import TrackedChanges
from drafttool.readers.docx import read_docx, read_docx_layout
from drafttool.renderers.docx import (
    render_comparison_docx, render_compilation_docx, render_round_docx, render_tracked_docx,
)
from drafttool.renderers.docx.tracked import masthead_lines  # as a tracked file prints it
from drafttool.renderers.masthead import round_date, round_symbol
from drafttool.renderers.docx.styles import MASTHEAD_FIELDS
from drafttool.renderers.docx.revisions import strip_revision_marks

import libreoffice
from test_diff import revisions as revised_rounds
from test_revisions import W, check_package, expected_regions, parts, round_view, tracked_view

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "drafts" / "cnd-2024"
FIXTURES = ROOT / "tests" / "fixtures"
GOLDEN = FIXTURES / "tracked-output.docx"


def example_dates() -> dict[str, str]:
    return {p.id: p.date for p in store.load_store(EXAMPLE).proposals}


def example_redline(moves: str = "delete-insert") -> bytes:
    compared = compare_store_rounds(EXAMPLE, "Zero draft", "Rev.1")
    return render_tracked_docx(compared.comparison, compared.old, compared.new, moves=moves, dates=example_dates())


def lo_lines(round_: Round) -> list[tuple[str, tuple[str, ...]]]:
    """What LibreOffice's paragraphs of a round should read: the label (which may be typed
    or numbered) and the text, notes left out or, where a note has a custom mark ('*', or a
    number out of Word's sequence), that mark in the text."""
    labels = {f.id: f.label for f in round_.footnotes}
    lines = []
    texts = [("", value) for _, value in masthead_lines(round_)] + [(p.label, p.text) for p in round_.paragraphs]
    for label, text in texts:
        without = markup.plain(text)
        marked = markup.plain(re.sub(r"\[\^([^\]\s\\]+)\]", lambda m: markup.escape(labels.get(m.group(1), "")), text))
        lines.append((label, tuple(" ".join(t.split()) for t in (without, marked))))
    return lines


def assert_lo_paragraphs(found: list[str], round_: Round) -> None:
    """LibreOffice's text of each paragraph is the round's, its typed label in front or not
    (a label Word numbers is not part of the text)."""
    wanted = [(label, texts) for label, texts in lo_lines(round_) if texts[0]]
    assert len(found) == len(wanted), (found, wanted)
    for got, (label, texts) in zip(found, wanted):
        assert got in {*texts, *(f"{label} {text}".strip() for text in texts)}, (got, label, texts)


def lo_regions(path: Path) -> Counter[tuple[str, str]]:
    """`libreoffice.odf_changes` without the regions that hold no text, only paragraph
    ends: LibreOffice splits a paragraph's end off the text before it where it marks that
    text as moved (a deletion and an insertion of the same words), so whether the end has
    a region of its own is LibreOffice's choice, not the file's."""
    root = etree.parse(str(path)).getroot()
    text_ns = libreoffice.ODF["text"]
    texts: dict[str, str] = {}
    kinds: dict[str, tuple[str, str]] = {}
    for region in root.iter(f"{{{text_ns}}}changed-region"):
        region_id = region.get(f"{{{text_ns}}}id") or region.get("{http://www.w3.org/XML/1998/namespace}id", "")
        for change in region:
            creator = change.find(f".//{{{libreoffice.ODF['dc']}}}creator")
            kind = etree.QName(change).localname
            kinds[region_id] = (creator.text or "" if creator is not None else "", kind)
            if kind == "deletion":
                texts[region_id] = "".join(t for p in change.iter(f"{{{text_ns}}}p") for t in p.itertext())
            elif kind == "format-change":
                texts[region_id] = "format"
    open_regions: list[str] = []
    for kind, value in libreoffice._events(root.find(f"{{{libreoffice.ODF['office']}}}body")):
        if kind == "change-start":
            open_regions.append(value)
        elif kind == "change-end" and value in open_regions:
            open_regions.remove(value)
        elif kind == "text" and not (value.isspace() and "\n" in value):  # not the file's indentation
            for region in open_regions:
                texts[region] = texts.get(region, "") + value
    for note in root.iter(f"{{{text_ns}}}note-body"):  # insertions inside footnotes
        for kind, value in libreoffice._events(note):
            if kind == "change-start":
                open_regions.append(value)
            elif kind == "change-end" and value in open_regions:
                open_regions.remove(value)
            elif kind == "text" and not (value.isspace() and "\n" in value):
                for region in open_regions:
                    texts[region] = texts.get(region, "") + value
    # Paragraph property changes (`w:pPrChange`) come out as 'UnknownChange': not counted.
    return Counter(kinds[r] for r in kinds if texts.get(r) and kinds[r][1] != "UnknownChange")


# ------------------------------------------------------------------------------ tracked changes


def test_the_example_redline_is_authored_by_the_delegations_in_libreoffice(tmp_path):
    files = []
    for moves in ("delete-insert", "revisions"):
        data = example_redline(moves)
        counts = check_package(data)
        assert counts["ins"] >= 4
        path = tmp_path / f"example-{moves}.docx"
        path.write_bytes(data)
        files.append(path)
    converted = libreoffice.convert(files, "fodt", tmp_path / "out")
    for path, fodt in zip(files, converted):
        regions = lo_regions(fodt)
        assert regions == expected_regions(path.read_bytes())
        # The Chair's: the symbol taking its /Rev.1 and the date of Rev.1, in the masthead.
        assert regions == {("EU", "insertion"): 1, ("AfG, G77", "insertion"): 1, ("MEX, COL", "insertion"): 1,
                           ("AfG", "deletion"): 1, ("AfG", "insertion"): 1, ("Chair", "deletion"): 2,
                           ("Chair", "insertion"): 2}
        compared = compare_store_rounds(EXAMPLE, "Zero draft", "Rev.1")
        assert_lo_paragraphs(libreoffice.odf_paragraphs(fodt, accept=True), compared.new)
        assert_lo_paragraphs(libreoffice.odf_paragraphs(fodt, accept=False), compared.old)


def test_revisions_are_dated_by_their_proposals():
    root = etree.fromstring(parts(example_redline())["word/document.xml"])
    dates = {(element.get(W + "author"), element.get(W + "date")) for element in root.iter(W + "ins", W + "del")}
    # eu-1, afg-1 + g77-1, mex-1 and the move afg-2 were all proposed on 22 January 2024; the
    # masthead's new symbol and date are the Chair's, on the day of Rev.1.
    assert dates == {("EU", "2024-01-22T00:00:00Z"), ("AfG, G77", "2024-01-22T00:00:00Z"),
                     ("MEX, COL", "2024-01-22T00:00:00Z"), ("AfG", "2024-01-22T00:00:00Z"),
                     ("Chair", "2024-02-02T00:00:00Z")}


def test_every_redline_of_the_example_accepts_to_the_next_round_and_rejects_to_the_previous():
    negotiation = store.load_store(EXAMPLE)
    labels = [r.label for r in negotiation.rounds]
    for before, after in zip(labels, labels[1:]):
        compared = compare_store_rounds(EXAMPLE, before, after)
        for moves in ("delete-insert", "revisions"):
            data = render_tracked_docx(compared.comparison, compared.old, compared.new, moves=moves,
                                       dates=example_dates())
            check_package(data)
            for policy, round_ in ((TrackedChanges.ACCEPT, compared.new), (TrackedChanges.REJECT, compared.old)):
                read = read_docx(data, tracked_changes=policy).round
                assert [(p.label, p.kind, p.text) for p in read.paragraphs] == [
                    (p.label, p.kind, p.text) for p in round_.paragraphs]
                assert [f.text for f in read.footnotes] == [f.text for f in round_.footnotes]
                # The masthead as the round prints it: its own date, its revised symbol.
                assert read.masthead == replace(round_.masthead, date=round_date(round_))
                assert read.symbol == round_symbol(round_)


@settings(max_examples=1, deadline=None, database=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
@given(st.lists(revised_rounds(), min_size=6, max_size=6))
def test_libreoffice_accepts_and_rejects_generated_redlines_as_the_xml_says(pairs):
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        files, rounds = [], []
        for number, (old, new) in enumerate(pairs):
            comparison = compare_rounds(old, new)
            for moves in ("delete-insert", "revisions"):
                data = render_tracked_docx(comparison, old, new, moves=moves, date="2024-02-02")
                check_package(data)
                path = tmp / f"pair{number}-{moves}.docx"
                path.write_bytes(data)
                files.append(path)
                rounds.append((old, new))
        for path, fodt, (old, new) in zip(files, libreoffice.convert(files, "fodt", tmp / "out"), rounds):
            if b"pPrChange" not in parts(path.read_bytes())["word/document.xml"]:
                # (A paragraph that changed kind, a heading merged into the title, has its old
                # style in a w:pPrChange; LibreOffice then cuts the regions around it its own way.)
                assert lo_regions(fodt) == expected_regions(path.read_bytes()), path.name
            assert_lo_paragraphs(libreoffice.odf_paragraphs(fodt, accept=True), new)
            assert_lo_paragraphs(libreoffice.odf_paragraphs(fodt, accept=False), old)


ACCEPT_REJECT_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub AcceptReject(folder As String)
  Dim name As String
  name = Dir(folder &amp; "/*.docx")
  Do While name &lt;&gt; ""
    Export(folder &amp; "/" &amp; name, ".uno:AcceptAllTrackedChanges", folder &amp; "/" &amp; name &amp; ".accepted.txt")
    Export(folder &amp; "/" &amp; name, ".uno:RejectAllTrackedChanges", folder &amp; "/" &amp; name &amp; ".rejected.txt")
    name = Dir()
  Loop
End Sub

Sub Export(path As String, command As String, target As String)
  Dim load(0) As New com.sun.star.beans.PropertyValue
  load(0).Name = "Hidden"
  load(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(path), "_blank", 0, load())
  dispatcher = createUnoService("com.sun.star.frame.DispatchHelper")
  dispatcher.executeDispatch(doc.getCurrentController().getFrame(), command, "", 0, Array())
  Dim store(1) As New com.sun.star.beans.PropertyValue
  store(0).Name = "FilterName"
  store(0).Value = "Text (encoded)"
  store(1).Name = "FilterOptions"
  store(1).Value = "UTF8,LF"
  doc.storeToURL(ConvertToURL(target), store())
  doc.close(True)
End Sub
</script:module>
"""


def libreoffice_accept_and_reject(folder: Path) -> None:
    """Accept every change, and reject every change, of each .docx in `folder` with
    LibreOffice's own commands (.uno:AcceptAllTrackedChanges, .uno:RejectAllTrackedChanges),
    in one soffice start: a Basic macro put into a throw-away profile; writes
    `<name>.docx.accepted.txt` and `.rejected.txt` beside each file."""
    import os
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        base = [libreoffice.soffice(), f"-env:UserInstallation=file://{Path(profile).resolve()}/lo-profile",
                "--headless", "--norestore"]
        env = dict(os.environ, HOME=profile)
        warm = Path(profile) / "warm"
        warm.mkdir()
        (warm / "empty.txt").write_text("x")
        # The first start makes the profile and its Standard Basic library; then the macro goes in.
        subprocess.run([*base, "--convert-to", "odt", "--outdir", str(warm), str(warm / "empty.txt")],
                       capture_output=True, env=env, timeout=120, check=False)
        module = Path(profile) / "lo-profile" / "user" / "basic" / "Standard" / "Module1.xba"
        assert module.exists(), "LibreOffice made no Standard Basic library in its profile"
        module.write_text(ACCEPT_REJECT_MACRO, encoding="utf-8")
        subprocess.run([*base, f'macro:///Standard.Module1.AcceptReject("{folder.resolve()}")'],
                       capture_output=True, env=env, timeout=600, check=False)


def lo_text_matches(lines: list[str], round_: Round) -> None:
    """LibreOffice's text export of a round: one line a paragraph, the label (numbered or
    typed) in front, each footnote reference shown as its number or mark."""
    texts = [("", value) for _, value in masthead_lines(round_)] + [(p.label, p.text) for p in round_.paragraphs]
    assert len(lines) == len(texts), (lines, texts)
    for line, (label, text) in zip(lines, texts):
        parts = re.split(r"\[\^[^\]\s\\]+\]", text)
        body = r"\s*[0-9*]*\s*".join(re.escape(" ".join(markup.plain(part).split())).replace(r"\ ", r"\s*")
                               for part in parts)
        pattern = r"\s*(?:" + re.escape(label) + r"\s*)?" + body + r"\s*" if label else r"\s*" + body + r"\s*"
        assert re.fullmatch(pattern, " ".join(line.split())), (line, label, text)


def test_libreoffices_own_accept_all_and_reject_all_give_the_rounds(tmp_path):
    negotiation = store.load_store(EXAMPLE)
    cases: dict[str, tuple[Round, Round]] = {}
    for before, after in zip(negotiation.rounds, negotiation.rounds[1:]):
        compared = compare_store_rounds(EXAMPLE, before.label, after.label)
        for moves in ("delete-insert", "revisions"):
            name = f"{before.label}-{after.label}-{moves}".replace(" ", "_")
            (tmp_path / f"{name}.docx").write_bytes(render_tracked_docx(
                compared.comparison, compared.old, compared.new, moves=moves, dates=example_dates()))
            cases[name] = (compared.old, compared.new)
    old, new = golden_pair()
    (tmp_path / "golden.docx").write_bytes(golden_docx())
    cases["golden"] = (old, new)
    libreoffice_accept_and_reject(tmp_path)
    for name, (old, new) in cases.items():
        for suffix, round_ in (("accepted", new), ("rejected", old)):
            exported = tmp_path / f"{name}.docx.{suffix}.txt"
            assert exported.exists(), f"LibreOffice did not {suffix[:-2]} the changes of {name}"
            lo_text_matches(libreoffice.text_lines(exported), round_)


def clean_pair() -> tuple[Round, Round, bytes, bytes]:
    negotiation = store.load_store(EXAMPLE)
    old, new = negotiation.round("Zero draft"), negotiation.round("Rev.1")
    return old, new, render_round_docx(old), render_round_docx(new)


def test_redline_of_two_word_files_keeps_the_old_files_numbering_styles_and_paragraphs(tmp_path, runner):
    _, _, old_bytes, new_bytes = clean_pair()
    (tmp_path / "old.docx").write_bytes(old_bytes)
    (tmp_path / "new.docx").write_bytes(new_bytes)
    out = tmp_path / "out.docx"
    result = runner.invoke(main, ["redline", str(tmp_path / "old.docx"), str(tmp_path / "new.docx"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    check_package(data)
    assert parts(data)["word/numbering.xml"] == parts(old_bytes)["word/numbering.xml"]
    assert parts(data)["word/styles.xml"] == parts(old_bytes)["word/styles.xml"]
    # Each paragraph of the old file keeps its own properties (style, numbering, indentation).
    old_reading, old_layout = read_docx_layout(old_bytes)
    rejected, layout = read_docx_layout(data, tracked_changes=TrackedChanges.REJECT)
    assert [p.id for p in rejected.round.paragraphs] == [p.id for p in old_reading.round.paragraphs]
    for paragraph in old_reading.round.paragraphs:
        before, after = old_layout.properties[paragraph.id], layout.properties[paragraph.id]
        assert (etree.tostring(strip_revision_marks(before)) if before is not None else None) == (
            etree.tostring(strip_revision_marks(after)) if after is not None else None), paragraph.id
    # Word's numbering gives the new labels once accepted, the old ones once rejected.
    compared = compare_files(tmp_path / "old.docx", tmp_path / "new.docx")
    accepted = read_docx(data, tracked_changes=TrackedChanges.ACCEPT).round
    assert [p.label for p in accepted.paragraphs] == [p.label for p in compared.new.paragraphs]
    assert [p.label for p in rejected.round.paragraphs] == [p.label for p in compared.old.paragraphs]
    # LibreOffice shows the labels (numbered by Word's list definitions, not typed).
    lines = libreoffice.text_lines(libreoffice.convert([out], "txt:Text", tmp_path / "txt")[0])
    shown = [libreoffice.label_of_line(line) for line in lines if re.match(r"\s+\d+\.\s", line)]
    wanted = [p.label for p in compared.new.paragraphs if re.fullmatch(r"\d+\.", p.label)]
    iterator = iter(shown)
    assert all(label in iterator for label in wanted), shown  # in order; a moved paragraph shows twice


def test_a_redline_from_markdown_uses_the_clean_writers_numbering(tmp_path):
    cases = ROOT / "tests" / "cases" / "diff"
    compared = compare_files(cases / "relettered.fr.old.md", cases / "relettered.fr.new.md")
    data = render_tracked_docx(compared.comparison, compared.old, compared.new)
    check_package(data)
    numbered = [p for p in etree.fromstring(parts(data)["word/document.xml"]).iter(W + "p")
                if p.find(f"{W}pPr/{W}numPr") is not None]
    assert numbered, "labels that Word's numbering shows in both rounds are numbered by Word"
    for policy, round_ in ((TrackedChanges.ACCEPT, compared.new), (TrackedChanges.REJECT, compared.old)):
        read = read_docx(data, tracked_changes=policy).round
        assert [(p.label, p.text) for p in read.paragraphs] == [(p.label, p.text) for p in round_.paragraphs]


# ------------------------------------------------------------------------------ golden


def golden_pair() -> tuple[Round, Round]:
    """A small reviewed case: an edit by a delegation, a paragraph split and two merged, a
    moved paragraph, an inserted and a deleted one, a footnote edited, italics kept."""
    old = Round("Zero draft", (
        Paragraph("title", "Draft resolution on *cooperation*", Kind.TITLE),
        Paragraph("p1", "We reaffirm our commitment[^fn-1] to the conventions.", label="1."),
        Paragraph("p2", "We take note of the report. We welcome its findings.", label="2."),
        Paragraph("p3", "We encourage regional cooperation", label="3."),
        Paragraph("p4", "and invite donors to contribute.", label="4."),
        Paragraph("p5", "We decide to meet again in 2029.", label="5."),
        Paragraph("p6", "We request the Office to report.", label="6."),
        Paragraph("p8", "We decide to remain seized of the matter.", label="7."),
    ), (Footnote("fn-1", "See resolution 78/1.", "1"),), date="2024-01-10", language="en")
    new = Round("Rev.1", (
        Paragraph("title", "Draft resolution on *cooperation*", Kind.TITLE),
        Paragraph("p1", "We strongly reaffirm our commitment[^fn-1] to the three conventions.", label="1."),
        Paragraph("p5", "We decide to meet again in 2029.", label="2."),
        Paragraph("p2", "We take note of the report.", label="3."),
        Paragraph("p2b", "We welcome its findings.", label="4.", split_from="p2"),
        Paragraph("p3", "We encourage regional cooperation and invite donors to contribute.", label="5.",
                  merged_from=("p3", "p4")),
        Paragraph("p7", "We call for *universal* adherence.", label="6."),
        Paragraph("p8", "We decide to remain seized of the matter.", label="7."),
    ), (Footnote("fn-1", "See resolution 78/1, annex.", "1"),), date="2024-02-01", language="en")
    return old, new


def golden_docx() -> bytes:
    old, new = golden_pair()
    comparison = compare_rounds(old, new, DiffOptions(trust_ids=True))
    changes = []
    for change in comparison.changes:  # attribute the words as a store would
        segments = tuple(replace(s, by=("EU",), proposal="eu-1") if s.kind.value == "insert" and "strongly" in s.text
                         else replace(s, by=("G77", "CHN"), proposal="g77-1") if "three" in s.text else s
                         for s in change.segments)
        by = ("USA",) if change.moved else change.by
        changes.append(replace(change, segments=segments, by=by))
    comparison = replace(comparison, changes=tuple(changes))
    return render_tracked_docx(comparison, old, new, moves="revisions",
                               dates={"eu-1": "2024-01-20", "g77-1": "2024-01-21"})


_DATES = re.compile(rb'w:date="[^"]*"')


def normalized(data: bytes) -> dict[str, bytes]:
    """The parts of a .docx as canonical XML, revision dates left out (docs/testing.md, 'Golden files')."""
    out = {}
    for name, value in parts(data).items():
        root = etree.fromstring(value)
        out[name] = _DATES.sub(b'w:date="*"', etree.tostring(root, method="c14n"))
    return out


def test_the_tracked_output_matches_the_reviewed_golden_file(update_golden):
    data = golden_docx()
    check_package(data)
    unzipped = FIXTURES / "tracked-output.docx.d"
    if update_golden or not GOLDEN.exists():
        GOLDEN.write_bytes(data)
        if unzipped.exists():
            shutil.rmtree(unzipped)
        for name, value in parts(data).items():
            target = unzipped / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(value)
    assert normalized(data) == normalized(GOLDEN.read_bytes())
    assert {str(p.relative_to(unzipped)) for p in unzipped.rglob("*") if p.is_file()} == set(parts(data))
    for name, value in parts(data).items():
        assert normalized_part(value) == normalized_part((unzipped / name).read_bytes()), name
    old, new = golden_pair()
    assert tracked_view(data, accept=True).texts() == round_view(new).texts()
    assert tracked_view(data, accept=False).texts() == round_view(old).texts()


def normalized_part(value: bytes) -> bytes:
    return _DATES.sub(b'w:date="*"', etree.tostring(etree.fromstring(value), method="c14n"))


def test_the_golden_file_opens_in_libreoffice_with_each_delegations_revisions(tmp_path):
    path = tmp_path / "golden.docx"
    path.write_bytes(golden_docx())
    fodt = libreoffice.convert([path], "fodt", tmp_path / "out")[0]
    regions = lo_regions(fodt)
    assert regions == expected_regions(path.read_bytes())
    assert {author for author, _ in regions} == {"EU", "G77, CHN", "USA", "Chair"}


# ------------------------------------------------------------------------------ comparison, compilation


def test_the_comparison_opens_in_libreoffice_with_numbers_changes_and_proposers(tmp_path):
    compared = compare_store_rounds(EXAMPLE, "Zero draft", "Rev.1")
    data = render_comparison_docx(compared.comparison, compared.old, compared.new)
    check_package(data)
    assert not any(element.tag in (W + "ins", W + "del") for element in
                   etree.fromstring(parts(data)["word/document.xml"]).iter())  # static, not revisions
    path = tmp_path / "comparison.docx"
    path.write_bytes(data)
    lines = libreoffice.text_lines(libreoffice.convert([path], "txt:Text", tmp_path / "out")[0])
    assert lines[:2] == ["Nations Unies", "E/CN.7/2024/L.2/Rev.1"]  # the new round's masthead
    # The words around the text in the text's language (French here).
    assert "Comparaison de Zero draft et de Rev.1" in lines
    assert "Résumé\u00a0: inchangé\u00a0: 42, renuméroté\u00a0: 24, modifié\u00a0: 2, déplacé\u00a0: 1, ajouté\u00a0: 1" in lines
    # Every change named by its place in both rounds, a move in one numbering.
    assert "[ajouté] par. 12 (AfG, G77)" in lines
    assert "[modifié] 17 (a) → 18 (a) (MEX, COL)" in lines
    moved = ("[déplacé] par. 26 → par. 31 — depuis la suite de par. 25 (désormais par. 26) à la suite de par. 30 "
             "(AfG)")
    assert moved in lines
    assert "paragraphes inchangés\u00a0: 7 (I. … 4.)" in lines
    assert any("veiller à leur bonne application, (EU) et prions" in line for line in lines)
    # The table of old → new numbers comes after the changes and lists changed rows only.
    table = lines.index("Numéros des paragraphes, anciens → nouveaux (28)")
    assert table > lines.index(moved)
    assert lines[table + 1: table + 4] == ["Zero draft", "Rev.1", "changement"]
    assert "inchangé" not in lines[table:]
    assert lines[table + 4: table + 10] == ["5.", "5.", "modifié", "—", "12.", "ajouté"]


def test_the_compilation_text_opens_in_libreoffice_with_proposers_statuses_and_footnotes(tmp_path):
    negotiation = store.load_store(EXAMPLE)
    compilation = compile_round(negotiation, "Zero draft", statuses=tuple(ProposalStatus))
    files = []
    for style in ("parentheses", "dash", "none"):
        data = render_compilation_docx(compilation, attribution=style, colour_statuses=style == "dash")
        check_package(data)
        path = tmp_path / f"compilation-{style}.docx"
        path.write_bytes(data)
        files.append(path)
    footnotes = etree.fromstring(parts(files[0].read_bytes())["word/footnotes.xml"])
    assert len([n for n in footnotes if n.get(W + "type") is None]) == len(negotiation.round("Zero draft").footnotes)
    texts = [libreoffice.text_lines(p) for p in libreoffice.convert(files, "txt:Text", tmp_path / "out")]
    parentheses, dash, none = texts
    # The masthead and legend in the text's language (French here).
    assert "Texte de compilation — Zero draft, 12 janvier 2024" in parentheses
    assert "Légende" in parentheses
    assert "Les ajouts proposés sont en gras et soulignés, suivis du nom de leurs auteurs." in parentheses
    assert "Les ajouts proposés sont en gras et soulignés." in none
    assert not any("suivis du nom de leurs auteurs" in line for line in none)
    assert any(line.startswith("L’attribution est omise") for line in none)
    assert any(line.startswith("Les propositions de tous états figurent") for line in parentheses)
    assert any("11 bis\tNous réaffirmons que les efforts" in line and line.endswith("(AfG, G77) [acceptée]")
               for line in parentheses)
    assert any("L'expansion et la diversification (MEX, COL) [acceptée] de" in line for line in parentheses)
    assert any("(RUS\u00a0: supprimer\u00a0; objection de EU, CANZ) [rejetée]" in line for line in parentheses)
    assert any(line.startswith("OP12 alt: ") and "(USA\u00a0; objection de G77) [rejetée]" in line
               for line in parentheses)
    assert "Proposition de déplacement après 30. (AfG) [acceptée]" in parentheses
    assert any("– MEX, COL [acceptée]" in line for line in dash)
    assert not any("(MEX, COL)" in line or "– MEX" in line for line in none)
    # Footnotes are real notes: LibreOffice exports them with the text.
    fodt = libreoffice.convert(files[:1], "fodt", tmp_path / "fodt")[0]
    notes = etree.parse(str(fodt)).getroot().iter(f"{{{libreoffice.ODF['text']}}}note")
    assert len(list(notes)) >= len(negotiation.round("Zero draft").footnotes)


def test_the_pending_compilation_shows_only_pending_proposals_without_status_tags():
    negotiation = store.load_store(EXAMPLE)
    compilation = compile_round(negotiation, "Adopted")
    data = render_compilation_docx(compilation)
    text = "".join(t.text or "" for t in etree.fromstring(parts(data)["word/document.xml"]).iter(W + "t"))
    assert "Déclaration\u00a0: " in text and "(G77)" in text and "[pending]" not in text


# ------------------------------------------------------------------------------ hostile text

HOSTILE = "<script>alert('x')</script> {{ config }} \x01\x0b\x1f\ufffe " + "w" * 5000 + " &amp; ]]>"


def hostile_rounds() -> tuple[Round, Round]:
    old = Round("Zero draft", (
        Paragraph("p1", markup.escape("We decide *nothing* " + HOSTILE), label="1."),
        Paragraph("p2", "Plain text.", label="2."),
    ), (), masthead=Masthead(organ="<b>organ</b> {{ x }}"), language="en")
    new = Round("Rev.1", (
        Paragraph("p1", markup.escape("We decide " + HOSTILE + " <img src=x onerror=alert(1)>"), label="1."),
        Paragraph("p3", markup.escape("{% for x in y %}\x00\x08"), label="2."),
    ), (), masthead=Masthead(organ="<b>organ</b> {{ y }}"), language="en")
    return old, new


def test_hostile_text_is_written_as_text_in_every_word_output(tmp_path):
    old, new = hostile_rounds()
    comparison = compare_rounds(old, new)
    outputs = {
        "tracked": render_tracked_docx(comparison, old, new),
        "comparison": render_comparison_docx(comparison, old, new),
        "compilation": render_compilation_docx(compile_round(Negotiation("x", rounds=(new,)))),
    }
    files = []
    for name, data in outputs.items():
        check_package(data)
        path = tmp_path / f"{name}.docx"
        path.write_bytes(data)
        files.append(path)
    for path in libreoffice.convert(files, "txt:Text", tmp_path / "out"):
        text = path.read_text(encoding="utf-8-sig")
        assert "<script>alert('x')</script>" in text and "{{ config }}" in text and "w" * 5000 in text
        assert "\x01" not in text and "\x0b" not in text


# ------------------------------------------------------------------------------ the commands


def test_redline_of_a_store_writes_the_tracked_file_and_says_so(runner, tmp_path):
    out = tmp_path / "rev1.docx"
    result = runner.invoke(main, ["redline", str(EXAMPLE), "Zero draft", "Rev.1", "-o", str(out)])
    assert result.exit_code == 0
    assert result.output == f"wrote {out}: Zero draft → Rev.1, 4 paragraph change(s) as tracked changes\n"
    assert expected_regions(out.read_bytes()) == expected_regions(example_redline())


def test_redline_with_moves_as_revisions_writes_word_moves(runner, tmp_path):
    out = tmp_path / "rev1.docx"
    result = runner.invoke(main, ["redline", str(EXAMPLE), "Zero draft", "Rev.1", "-o", str(out),
                                  "--moves", "revisions"])
    assert result.exit_code == 0
    counts = check_package(out.read_bytes())
    assert counts["moveFrom"] == 2 and counts["moveTo"] == 2


@pytest.mark.parametrize(("arguments", "message"), [
    (["missing.md", "other.md"], "drafttool: error: missing.md: no such file\n"),
    (["{store}", "Zero draft", "Rev.9"], "drafttool: error: no round 'Rev.9'; the rounds are 'Zero draft', 'Rev.1', "
                                         "'Rev.2', 'Adopted'\n"),
    (["{store}", "Zero draft"], "drafttool: error: give OLD NEW (two files), STORE OLD_ROUND NEW_ROUND, or STORE\n"),
])
def test_redline_refuses_bad_input_with_one_line_and_writes_nothing(runner, tmp_path, arguments, message):
    out = tmp_path / "out.docx"
    arguments = [str(EXAMPLE) if a == "{store}" else a for a in arguments]
    result = runner.invoke(main, ["redline", *arguments, "-o", str(out)])
    assert result.exit_code == 2
    assert result.output == message
    assert not out.exists()


def test_redline_wants_a_docx_output(runner, tmp_path):
    out = tmp_path / "out.html"
    result = runner.invoke(main, ["redline", str(EXAMPLE), "-o", str(out)])
    assert (result.exit_code, result.output) == (2, f"drafttool: error: {out}: the output of a Word file must end "
                                                    "in .docx\n")
    assert not out.exists()


def test_compile_writes_the_compilation_text(runner, tmp_path):
    out = tmp_path / "compilation.docx"
    result = runner.invoke(main, ["compile", str(EXAMPLE), "--round", "Zero draft", "--all", "-o", str(out)])
    assert result.exit_code == 0
    assert result.output == f"wrote {out}: compilation text of 'Zero draft', 8 proposal(s) shown\n"
    check_package(out.read_bytes())


def test_compile_needs_an_output_file_for_word_and_a_known_round(runner, tmp_path):
    result = runner.invoke(main, ["compile", str(EXAMPLE), "--format", "docx"])
    assert (result.exit_code, result.output) == (2, "drafttool: error: a Word file is written to a file: give "
                                                    "-o FILE.docx\n")
    out = tmp_path / "c.docx"
    result = runner.invoke(main, ["compile", str(EXAMPLE), "--round", "Rev.9", "-o", str(out)])
    assert result.exit_code == 2 and result.output.startswith("drafttool: error: no round 'Rev.9'")
    assert not out.exists()


def test_compile_as_html_calls_the_html_renderer(runner, tmp_path):
    out = tmp_path / "c.html"
    result = runner.invoke(main, ["compile", str(EXAMPLE), "--round", "Zero draft", "--all", "--attribution", "dash",
                                  "--format", "html", "-o", str(out)])
    assert result.exit_code == 0
    assert result.output == f"wrote {out}: compilation text of 'Zero draft', 8 proposal(s) shown\n"
    assert "– MEX, COL" in out.read_text(encoding="utf-8")


def test_diff_writes_a_word_comparison(runner, tmp_path):
    out = tmp_path / "diff.docx"
    result = runner.invoke(main, ["diff", str(EXAMPLE), "Zero draft", "Rev.1", "--format", "docx", "-o", str(out)])
    assert (result.exit_code, result.output) == (0, "")
    check_package(out.read_bytes())
    result = runner.invoke(main, ["diff", str(EXAMPLE), "--format", "docx"])
    assert (result.exit_code, result.output) == (2, "drafttool: error: a Word file is written to a file: give "
                                                    "-o FILE.docx\n")


@pytest.mark.parametrize("command", ["redline", "compile"])
def test_every_command_has_an_example_in_its_help(runner, command):
    result = runner.invoke(main, [command, "--help"])
    assert result.exit_code == 0 and "Example" in result.output and f"drafttool {command} " in result.output


def test_masthead_fields_are_written_in_the_readers_styles():
    old, new = hostile_rounds()
    data = render_tracked_docx(compare_rounds(old, new), old, new)
    styles = [p.get(W + "val") for p in etree.fromstring(parts(data)["word/document.xml"]).iter(W + "pStyle")]
    assert styles[0] == "MastheadOrgan" and "MastheadOrgan" in {f"Masthead{n.title()}" for n in MASTHEAD_FIELDS}
