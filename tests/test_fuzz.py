"""Fuzzing: every reader, and the diff, on generated and mutated input.

Properties:
- a reader (Markdown, plain text, .docx) returns a `Reading` or raises a `DrafttoolError`,
  never another exception, whatever the bytes — random, mutated from valid files, valid
  zips of generated or mutated WordprocessingML;
- a round read can be written by `render_round_json` and `render_round_markdown`, as
  UTF-8, and holds no character XML cannot carry (controls, lone surrogates, U+FFFE/F);
- for two rounds of random Unicode — Arabic and Hebrew, combining marks, lone surrogates,
  the no-break spaces U+00A0, U+202F and U+2007, zero-width characters, CJK —
  `apply(compare_rounds(a, b), a) == b`, and the comparison's JSON parses.

By default each fuzzer runs a few dozen examples, the module in well under a minute.  To
fuzz for long:

    DRAFTTOOL_FUZZ=long .venv/bin/pytest tests/test_fuzz.py
    .venv/bin/pytest tests/test_fuzz.py --hypothesis-profile=fuzz

(the 'fuzz' profile, registered in tests/conftest.py: 5,000 examples a fuzzer, no deadline).

Every crash found becomes a regression test: the smallest input that shows it, as a file
under tests/fuzz/ (read by `test_a_regression_input_reads_or_is_refused_cleanly`, which
also checks what the file says it expects) or as an `@example` of the fuzzer that found it.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from drafttool.compare.diff import DiffOptions, apply, compare_rounds
from drafttool.errors import DrafttoolError
from drafttool.model import Footnote, Paragraph, Round
from drafttool.readers import Reading, TrackedChanges
from drafttool.readers.docx import read_docx
from drafttool.readers.markdown import read_markdown
from drafttool.renderers.json import render_comparison_json, render_round_json
from drafttool.renderers.markdown import render_round_markdown

import docx_fixtures as fx
from docx_fixtures import NS

FUZZ = Path(__file__).resolve().parent / "fuzz"

LONG = settings.get_current_profile_name() == "fuzz"


def fuzz(examples: int) -> settings:
    """A few examples by default; the profile's many under `--hypothesis-profile=fuzz`."""
    checks = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
    if LONG:
        return settings(deadline=None, suppress_health_check=checks)
    return settings(max_examples=examples, deadline=None, suppress_health_check=checks)


# ---------------------------------------------------------------------------- what every reading must be


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def check_reading(reading: Reading) -> None:
    """The round can be written, and holds nothing XML or UTF-8 cannot carry."""
    round_ = reading.round
    output = render_round_json(round_)
    json.loads(output.encode("utf-8"))
    render_round_markdown(round_).encode("utf-8")
    masthead = round_.masthead
    strings = [round_.label, round_.symbol, round_.date, round_.language, *masthead.other]
    strings += [getattr(masthead, name) for name in ("organ", "distribution", "date", "language", "original", "body",
                                                      "session", "venue", "agenda_item", "agenda_title")]
    strings += [s for p in round_.paragraphs for s in (p.id, p.label, p.text)]
    strings += [s for f in round_.footnotes for s in (f.id, f.label, f.text)]
    strings += [str(n) for n in reading.notices]
    strings += [s for r in reading.revisions for s in (r.author, r.text)]
    strings += [s for c in reading.comments for s in (c.author, c.text, c.quote)]
    for text in strings:
        found = _NOT_XML.search(text)
        assert found is None, f"U+{ord(found.group()):04X} in {text[:80]!r}"


def read_or_refuse(read) -> Reading | None:  # type: ignore[no-untyped-def]
    """A reading, checked, or None when the reader refused with one of our errors."""
    try:
        reading = read()
    except DrafttoolError as error:
        assert "\n" not in str(error), str(error)
        return None
    check_reading(reading)
    return reading


# ---------------------------------------------------------------------------- text readers


_FRAGMENTS = [
    # labels, headings, separators, footnotes, furniture, front matter
    "1.", "2.", "18 bis.", "a)", "(b)", "(i)", "ii)", "I.", "A.", "一、", "١ -", "#", "## II. Title", "**A. Bold**",
    "---", "___", "* * *", "[^1]:", "[^x]:", "<sup>1</sup>", "\\*", "* ", "1 ", "24-04527 (F)", "2/8", "Page 3",
    "*0000000*", "E/CN.7/2024/L.2", "Nations Unies", "round: Rev.1", "language: fr", "date:", "other: x",
    # inline syntax and negotiation brackets
    "*", "**", "_", "[", "]", "[^1]", "[^9]", "[a](b)", "![x](y)", "`", "<", ">", "&amp;", "&#", "\\", "<br>", "</sup>",
    "decide", "réaffirmons", "Member States", "الدول الأعضاء", "会员国", "государства", "word1", "drogue2,",
    # the awkward characters
    "\u00a0", "\u202f", "\u2007", "\u200b", "\u200d", "\ufeff", "\u2028", "\u0301", "\ue000", "\ue0000\ue001",
    "\x00", "\x07", "\x0c", "\x0b", "\x85", "\t", "\r", "\r\n", "\ufdd0", "\uffff", "\U0001f600",
]

TEXTS = st.lists(
    st.one_of(st.sampled_from(_FRAGMENTS), st.text(max_size=8), st.sampled_from([" ", " ", "\n", "\n\n"])),
    max_size=60,
).map("".join)


def encoded(text: str, encoding: str) -> bytes | str:
    if encoding == "str":
        return text
    if encoding == "surrogates":  # what `surrogateescape` passes on
        return text.encode("utf-8", "surrogatepass").decode("utf-8", "surrogateescape")
    return text.encode(encoding, "replace" if encoding == "cp1252" else "surrogatepass")


@fuzz(300)
@given(TEXTS, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252", "str", "surrogates"]),
       st.booleans())
@example("\ue0000\ue001", "utf-8", True)  # private use characters once marked footnotes inside the reader
@example("1. a\x0cb", "utf-8", False)  # a form feed was kept in the text, and no XML writer takes it
@example("1. caf\udce9", "str", True)  # a lone surrogate reached the JSON
def test_the_text_readers_read_or_refuse_any_text(text: str, encoding: str, markdown: bool) -> None:
    data = encoded(text, encoding)
    read_or_refuse(lambda: read_markdown(data, path="fuzz.md", markdown=markdown))


@fuzz(200)
@given(st.binary(max_size=3000), st.booleans())
def test_the_text_readers_read_or_refuse_any_bytes(data: bytes, markdown: bool) -> None:
    read_or_refuse(lambda: read_markdown(data, path="fuzz.md", markdown=markdown))


SEED_TEXT = (Path(__file__).resolve().parent / "fixtures" / "seed-pdf-extract.fr.txt").read_bytes()
SEED_MD = (Path(__file__).resolve().parent / "fixtures" / "cnd-2024-high-level-declaration.fr.md").read_bytes()


def mutate(data: bytes, edits: list[tuple[int, int, int, bytes]]) -> bytes:
    """Byte edits: (kind, where as a share of the length, how many, what)."""
    out = bytearray(data)
    for kind, where, count, what in edits:
        at = where * len(out) // 1000 if out else 0
        if kind == 0:  # overwrite
            out[at: at + len(what)] = what
        elif kind == 1:  # insert
            out[at:at] = what
        elif kind == 2:  # delete
            del out[at: at + count]
        elif kind == 3:  # duplicate a stretch
            out[at:at] = out[at: at + count]
        else:  # cut the end
            del out[at:]
    return bytes(out)


EDITS = st.lists(st.tuples(st.integers(0, 4), st.integers(0, 1000), st.integers(0, 400), st.binary(min_size=1,
                                                                                                      max_size=12)),
                 min_size=1, max_size=6)


@fuzz(40)
@given(st.sampled_from([(SEED_TEXT, False), (SEED_MD, True)]), EDITS)
def test_the_text_readers_read_or_refuse_a_mutated_un_document(seed: tuple[bytes, bool], edits) -> None:  # type: ignore[no-untyped-def]
    data, markdown = seed
    read_or_refuse(lambda: read_markdown(mutate(data, edits), path="fuzz.txt", markdown=markdown))


# ---------------------------------------------------------------------------- Word files


SEEDS = {"numbering": fx.NUMBERING, "tracked-changes": fx.TRACKED_CHANGES}
SEED_ZIPS = {name: fx.zip_parts(parts) for name, parts in SEEDS.items()}
POLICIES = st.sampled_from(list(TrackedChanges))


@fuzz(150)
@given(st.binary(max_size=2000))
def test_the_docx_reader_refuses_random_bytes_cleanly(data: bytes) -> None:
    read_or_refuse(lambda: read_docx(data, path="fuzz.docx"))


@fuzz(150)
@given(st.sampled_from(sorted(SEED_ZIPS)), EDITS, POLICIES)
@example("numbering", [(2, 0, 162, b"\x00"), (2, 0, 163, b"\x00")], TrackedChanges.ACCEPT)  # ValueError: negative seek
@example("numbering", [(0, 900, 0, b"\x00@")], TrackedChanges.ACCEPT)  # NotImplementedError: zip file version 6.4
def test_the_docx_reader_reads_or_refuses_a_mutated_package(name: str, edits, policy: TrackedChanges) -> None:  # type: ignore[no-untyped-def]
    data = mutate(SEED_ZIPS[name], edits)
    read_or_refuse(lambda: read_docx(data, path="fuzz.docx", tracked_changes=policy))


VALUES = st.one_of(
    st.integers(-2, 12).map(str),
    st.sampled_from(["", "0", "1", "true", "false", "on", "off", "-1", "2147483647", "2147483648", "-2147483649",
                     "99999999999999999999", "9" * 4299, "1e9", "0x10", "abc", "%1.", "%9)", "%10", "%%", "%0",
                     "F000", "F0B7", "D800", "DFFF", "FFFE", "0007", "110000", "F" * 300, "Normal", "Title",
                     "Heading1", "S1", "x y"]),
)
"""Attribute values: the valid ones, and what a hostile or broken file may hold instead."""

CHARACTERS = st.characters(exclude_categories=("Cs", "Cc")).filter(lambda c: c not in "\ufffe\uffff")
WORDS = st.one_of(st.text(CHARACTERS, max_size=12),
                  st.sampled_from(["1. ", "a) ", "(i) ", "I. ", "We decide ", "[", "]", "*", "الدول", "会员国 ",
                                   "\u00a0;", " ", "\t"]))


def _attr(name: str, value: str) -> str:
    return f" w:{name}={quoteattr(value)}"


@st.composite
def run_props(draw) -> str:  # type: ignore[no-untyped-def]
    props = "".join(f"<w:{name}{_attr('val', draw(VALUES)) if draw(st.booleans()) else ''}/>"
                    for name in draw(st.lists(st.sampled_from(["b", "i", "bCs", "iCs", "vanish", "rtl", "cs"]),
                                              max_size=3)))
    if draw(st.booleans()):
        props += f"<w:rStyle{_attr('val', draw(VALUES))}/>"
    if draw(st.integers(0, 5)) == 0:
        props += (f'<w:rPrChange w:id="{draw(VALUES)}" w:author="EU" w:date="2024-01-01T00:00:00Z">'
                  f"<w:rPr>{'<w:b/>' if draw(st.booleans()) else ''}</w:rPr></w:rPrChange>")
    return f"<w:rPr>{props}</w:rPr>" if props or draw(st.booleans()) else ""


@st.composite
def run(draw) -> str:  # type: ignore[no-untyped-def]
    children = []
    for kind in draw(st.lists(st.integers(0, 14), min_size=1, max_size=3)):
        if kind <= 4:
            children.append(f'<w:t xml:space="preserve">{escape(draw(WORDS))}</w:t>')
        elif kind == 5:
            children.append(f'<w:delText>{escape(draw(WORDS))}</w:delText>')
        elif kind == 6:
            children.append(draw(st.sampled_from(["<w:tab/>", "<w:br/>", "<w:cr/>", "<w:ptab/>", "<w:noBreakHyphen/>",
                                                  "<w:softHyphen/>", "<w:drawing/>", "<w:pict/>", "<w:object/>"])))
        elif kind == 7:
            children.append(f"<w:sym{_attr('font', draw(st.sampled_from(['Symbol', 'Wingdings', 'Arial', ''])))}"
                            f"{_attr('char', draw(VALUES))}/>")
        elif kind in (8, 9):
            tag = "footnoteReference" if kind == 8 else "endnoteReference"
            custom = ' w:customMarkFollows="1"' if draw(st.booleans()) else ""
            children.append(f"<w:{tag}{_attr('id', draw(VALUES))}{custom}/>")
        elif kind == 10:
            field = draw(st.sampled_from(["begin", "separate", "end", "bogus"]))
            children.append(f'<w:fldChar w:fldCharType="{field}"/>')
        elif kind == 11:
            children.append(f"<w:instrText> PAGE {escape(draw(WORDS))}</w:instrText>")
        elif kind == 12:
            children.append(f"<w:commentReference{_attr('id', draw(VALUES))}/>")
        elif kind == 13:
            children.append('<w:footnoteRef/>')
        else:
            children.append('<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/'
                            '2006"><mc:Choice><w:drawing/></mc:Choice></mc:AlternateContent>')
    return f"<w:r>{draw(run_props())}{''.join(children)}</w:r>"


CHANGE = 'w:id="{}" w:author="{}" w:date="2024-03-01T10:00:00Z"'


@st.composite
def change_attrs(draw) -> str:  # type: ignore[no-untyped-def]
    return CHANGE.format(escape(draw(VALUES)), escape(draw(st.sampled_from(["EU", "USA", "", "G-77", "الصين"]))))


def inline() -> st.SearchStrategy[str]:
    def wrap(children: st.SearchStrategy[list[str]]) -> st.SearchStrategy[str]:
        return st.tuples(st.integers(0, 9), children, change_attrs(), VALUES).map(
            lambda t: [
                f"<w:ins {t[2]}>{''.join(t[1])}</w:ins>",
                f"<w:del {t[2]}>{''.join(t[1])}</w:del>",
                f"<w:moveFrom {t[2]}>{''.join(t[1])}</w:moveFrom>",
                f"<w:moveTo {t[2]}>{''.join(t[1])}</w:moveTo>",
                f"<w:hyperlink>{''.join(t[1])}</w:hyperlink>",
                f"<w:smartTag>{''.join(t[1])}</w:smartTag>",
                f"<w:sdt><w:sdtPr/><w:sdtContent>{''.join(t[1])}</w:sdtContent></w:sdt>",
                f'<w:fldSimple w:instr="PAGE">{"".join(t[1])}</w:fldSimple>',
                f'<w:commentRangeStart w:id={quoteattr(t[3])}/>{"".join(t[1])}<w:commentRangeEnd w:id={quoteattr(t[3])}/>',
                f'<m:oMath xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math">{"".join(t[1])}</m:oMath>',
            ][t[0]])
    return st.recursive(run(), lambda children: wrap(st.lists(children, max_size=2)), max_leaves=5)


@st.composite
def paragraph_props(draw) -> str:  # type: ignore[no-untyped-def]
    props = ""
    if draw(st.booleans()):
        props += f"<w:pStyle{_attr('val', draw(VALUES))}/>"
    if draw(st.booleans()):
        props += (f"<w:numPr><w:ilvl{_attr('val', draw(VALUES))}/><w:numId{_attr('val', draw(VALUES))}/>"
                  "</w:numPr>")
    if draw(st.integers(0, 3)) == 0:
        props += f"<w:outlineLvl{_attr('val', draw(VALUES))}/>"
    if draw(st.integers(0, 3)) == 0:
        mark = draw(st.sampled_from(["ins", "del", "moveFrom", "moveTo"]))
        props += f"<w:rPr><w:{mark} {draw(change_attrs())}/></w:rPr>"
    if draw(st.integers(0, 5)) == 0:
        props += f"<w:pPrChange {draw(change_attrs())}><w:pPr><w:pStyle w:val=\"Title\"/></w:pPr></w:pPrChange>"
    return f"<w:pPr>{props}</w:pPr>" if props else ""


@st.composite
def paragraph(draw) -> str:  # type: ignore[no-untyped-def]
    return f"<w:p>{draw(paragraph_props())}{''.join(draw(st.lists(INLINE, max_size=3)))}</w:p>"


INLINE = inline()


def blocks() -> st.SearchStrategy[list[str]]:
    def wrap(children: st.SearchStrategy[list[str]]) -> st.SearchStrategy[str]:
        return st.tuples(st.integers(0, 3), children, change_attrs()).map(lambda t: [
            f"<w:tbl><w:tr><w:tc>{''.join(t[1])}</w:tc><w:tc>{''.join(t[1][:1])}</w:tc></w:tr></w:tbl>",
            f"<w:sdt><w:sdtContent>{''.join(t[1])}</w:sdtContent></w:sdt>",
            f"<w:customXml>{''.join(t[1])}</w:customXml>",
            f"<w:ins {t[2]}>{''.join(t[1])}</w:ins>",
        ][t[0]])
    return st.lists(st.recursive(paragraph(), lambda c: wrap(st.lists(c, max_size=2)), max_leaves=4), max_size=5)


BLOCKS = blocks()

FORMATS = st.sampled_from(["decimal", "decimalZero", "lowerLetter", "upperLetter", "lowerRoman", "upperRoman",
                           "arabicAbjad", "arabicAlpha", "hindiNumbers", "chineseCounting", "ideographTraditional",
                           "ideographZodiac", "russianLower", "russianUpper", "decimalEnclosedCircle", "decimalFullWidth",
                           "ideographDigital", "none", "bullet", "ordinal", "cardinalText", "bogus", ""])


@st.composite
def numbering(draw) -> str:  # type: ignore[no-untyped-def]
    out = []
    for abstract in range(draw(st.integers(0, 3))):
        levels = "".join(
            f"<w:lvl{_attr('ilvl', draw(VALUES))}><w:start{_attr('val', draw(VALUES))}/>"
            f"<w:numFmt{_attr('val', draw(FORMATS))}/><w:lvlText{_attr('val', draw(VALUES))}/>"
            + (f"<w:lvlRestart{_attr('val', draw(VALUES))}/>" if draw(st.booleans()) else "")
            + ("<w:isLgl/>" if draw(st.integers(0, 4)) == 0 else "")
            + (f"<w:pStyle{_attr('val', draw(VALUES))}/>" if draw(st.booleans()) else "") + "</w:lvl>"
            for _ in range(draw(st.integers(0, 4))))
        link = ""
        if draw(st.integers(0, 4)) == 0:
            link = f"<w:{draw(st.sampled_from(['styleLink', 'numStyleLink']))}{_attr('val', draw(VALUES))}/>"
        out.append(f'<w:abstractNum w:abstractNumId="{abstract}">{link}{levels}</w:abstractNum>')
    for num in range(draw(st.integers(0, 4))):
        override = ""
        if draw(st.booleans()):
            override = (f"<w:lvlOverride{_attr('ilvl', draw(VALUES))}><w:startOverride{_attr('val', draw(VALUES))}/>"
                        + (f"<w:lvl{_attr('ilvl', draw(VALUES))}><w:numFmt{_attr('val', draw(FORMATS))}/></w:lvl>"
                           if draw(st.booleans()) else "") + "</w:lvlOverride>")
        out.append(f"<w:num{_attr('numId', draw(VALUES))}><w:abstractNumId{_attr('val', draw(VALUES))}/>"
                   f"{override}</w:num>")
    return f"<w:numbering {NS}>{''.join(out)}</w:numbering>"


@st.composite
def styles(draw) -> str:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(draw(st.integers(0, 5))):
        kind = draw(st.sampled_from(["paragraph", "character", "table", ""]))
        name = draw(st.sampled_from(["heading 1", "heading 9", "Heading 3", "Title", "Masthead Symbol",
                                     "masthead other", "Masthead Agenda Item", "x", ""]))
        inner = f"<w:name{_attr('val', name)}/>"
        if draw(st.booleans()):
            inner += f"<w:basedOn{_attr('val', draw(VALUES))}/>"
        if draw(st.booleans()):
            inner += (f"<w:pPr><w:numPr><w:ilvl{_attr('val', draw(VALUES))}/><w:numId{_attr('val', draw(VALUES))}/>"
                      f"</w:numPr><w:outlineLvl{_attr('val', draw(VALUES))}/></w:pPr>")
        if draw(st.booleans()):
            inner += "<w:rPr><w:b/><w:i w:val=\"0\"/><w:vanish/></w:rPr>"
        default = ' w:default="1"' if draw(st.integers(0, 4)) == 0 else ""
        out.append(f"<w:style{_attr('type', kind)}{_attr('styleId', draw(VALUES))}{default}>{inner}</w:style>")
    return f"<w:styles {NS}>{''.join(out)}</w:styles>"


@st.composite
def notes(draw, tag: str) -> str:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["", "normal", "separator", "continuationSeparator", "bogus"]))
        out.append(f"<w:{tag}{_attr('id', draw(VALUES))}{_attr('type', kind) if kind else ''}>"
                   f"{''.join(draw(BLOCKS))}</w:{tag}>")
    return f"<w:{tag}s {NS}>{''.join(out)}</w:{tag}s>"


@st.composite
def comments(draw) -> str:  # type: ignore[no-untyped-def]
    out = [f"<w:comment{_attr('id', draw(VALUES))} w:author=\"EU\">{''.join(draw(BLOCKS))}</w:comment>"
           for _ in range(draw(st.integers(0, 3)))]
    return f"<w:comments {NS}>{''.join(out)}</w:comments>"


@st.composite
def settings_part(draw) -> str:  # type: ignore[no-untyped-def]
    return (f"<w:settings {NS}><w:footnotePr><w:numFmt{_attr('val', draw(FORMATS))}/>"
            f"<w:numStart{_attr('val', draw(VALUES))}/></w:footnotePr><w:endnotePr><w:numFmt"
            f"{_attr('val', draw(FORMATS))}/></w:endnotePr></w:settings>")


@st.composite
def word_packages(draw) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    """A package of generated WordprocessingML: the body and, perhaps, each other part."""
    parts = {}
    for key, strategy in (("numbering", numbering()), ("styles", styles()), ("footnotes", notes("footnote")),
                          ("endnotes", notes("endnote")), ("comments", comments()), ("settings", settings_part())):
        if draw(st.booleans()):
            parts[key] = draw(strategy)
    return fx.package("".join(draw(BLOCKS)), **parts)


@fuzz(120)
@given(word_packages(), POLICIES)
def test_the_docx_reader_reads_or_refuses_generated_wordprocessingml(parts: dict[str, bytes],
                                                                     policy: TrackedChanges) -> None:
    read_or_refuse(lambda: read_docx(fx.zip_parts(parts), path="fuzz.docx", tracked_changes=policy))


@fuzz(150)
@given(st.sampled_from(sorted(SEEDS)), st.data(), POLICIES)
def test_the_docx_reader_reads_or_refuses_mutated_xml_parts(name: str, data: st.DataObject,
                                                            policy: TrackedChanges) -> None:
    parts = dict(SEEDS[name])
    for _ in range(data.draw(st.integers(1, 3))):
        part = data.draw(st.sampled_from(sorted(parts)))
        xml = parts[part].decode("utf-8")
        kind = data.draw(st.integers(0, 4))
        at = data.draw(st.integers(0, len(xml)))
        if kind == 0:  # delete a stretch
            xml = xml[:at] + xml[at + data.draw(st.integers(1, 200)):]
        elif kind == 1:  # duplicate a stretch
            xml = xml[:at] + xml[at: at + data.draw(st.integers(1, 400))] + xml[at:]
        elif kind == 2:  # insert generated elements where they may or may not belong
            snippet = data.draw(st.one_of(run(), paragraph(), INLINE))
            xml = xml[:at] + snippet + xml[at:]
        elif kind == 3:  # change attribute values
            xml = re.sub(r'(w:(?:val|id|numId|ilvl|abstractNumId|char)=)"[^"]*"',
                         lambda m: m.group(1) + quoteattr(data.draw(VALUES)) if data.draw(st.booleans()) else m.group(0),
                         xml)
        else:  # characters of any kind, escaped or not
            xml = xml[:at] + data.draw(st.text(max_size=5)) + xml[at:]
        parts[part] = xml.encode("utf-8", "surrogatepass")
    read_or_refuse(lambda: read_docx(fx.zip_parts(parts), path="fuzz.docx", tracked_changes=policy))


# ---------------------------------------------------------------------------- the diff


AWKWARD = st.one_of(
    st.sampled_from(list("abcdefgh ijk  ,.;:!?")),
    st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),  # Arabic, its tatweel and digits
    st.characters(min_codepoint=0x0590, max_codepoint=0x05FF),  # Hebrew
    st.characters(min_codepoint=0x0300, max_codepoint=0x036F),  # combining marks
    st.sampled_from(["\u00a0", "\u202f", "\u2007", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u200e",
                     "\u200f", "\u061c", "’", "«", "»", "–", "—"]),
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),  # CJK
    st.characters(min_codepoint=0x3000, max_codepoint=0x303F),  # CJK punctuation
    st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),  # lone surrogates
    st.sampled_from(["*", "**", "\\", "[^fn-1]", "[^", "]", "[", "\t"]),
    st.characters(exclude_characters="\n"),
)
"""Characters of any script and of no script.  Never '\n': the diff joins the paragraphs
of a split or a merge with it, and no reader puts one inside a paragraph's text."""

TEXT = st.lists(AWKWARD, max_size=40).map("".join)


@st.composite
def awkward_rounds(draw) -> tuple[Round, Round]:  # type: ignore[no-untyped-def]
    """A round of random Unicode paragraphs and footnotes, and a revision of it: edits,
    deletions, insertions, moves, splits, a merge."""
    old = [Paragraph(f"p{n}", draw(TEXT), label=draw(st.sampled_from(["", f"{n}.", "a)"])))
           for n in range(draw(st.integers(0, 7)))]
    new: list[Paragraph] = []
    for n, paragraph in enumerate(old):
        action = draw(st.sampled_from(["keep", "keep", "edit", "delete", "insert", "move", "split"]))
        if action == "keep":
            new.append(paragraph)
        elif action == "edit":
            text = paragraph.text
            at = draw(st.integers(0, len(text)))
            cut = draw(st.integers(0, 5))
            new.append(replace(paragraph, text=text[:at] + draw(TEXT) + text[at + cut:]))
        elif action == "insert":
            new += [Paragraph(f"new{n}", draw(TEXT)), paragraph]
        elif action == "move" and new:
            new.insert(draw(st.integers(0, len(new) - 1)), paragraph)
        elif action == "split":
            at = draw(st.integers(0, len(paragraph.text)))
            new += [replace(paragraph, text=paragraph.text[:at]),
                    Paragraph(f"{paragraph.id}-part", paragraph.text[at:], split_from=paragraph.id)]
        elif action != "delete":
            new.append(paragraph)
    if len(new) >= 2 and draw(st.booleans()):
        k = draw(st.integers(0, len(new) - 2))
        new[k: k + 2] = [replace(new[k], text=new[k].text + draw(st.sampled_from([" ", "", "\u00a0"])) + new[k + 1].text)]
    old_notes = tuple(Footnote(f"fn-{n}", draw(TEXT), str(n)) for n in range(draw(st.integers(0, 3))))
    new_notes = tuple(replace(f, text=draw(TEXT)) if draw(st.booleans()) else f for f in old_notes
                      if draw(st.integers(0, 4)))
    new_notes += tuple(Footnote(f"fn-new{n}", draw(TEXT), f"{n + 10}") for n in range(draw(st.integers(0, 2))))
    before = Round("Rev.1", tuple(old), old_notes, language="ar")
    return before, Round("Rev.2", tuple(new), new_notes, language="ar")


@fuzz(300)
@given(awkward_rounds(), st.booleans())
@example((Round("a", (Paragraph("p1", "\udc80 x"),)), Round("b", (Paragraph("p1", "\udc80 y"),))), False)
@example((Round("a", (Paragraph("p1", "a\u00a0;b\u202f:"),)), Round("b", (Paragraph("p1", "a ;b :"),))), True)
def test_applying_a_comparison_of_any_text_gives_the_new_round(pair: tuple[Round, Round], trust_ids: bool) -> None:
    old, new = pair
    comparison = compare_rounds(old, new, DiffOptions(trust_ids=trust_ids))
    assert apply(comparison, old) == new
    data = json.loads(render_comparison_json(comparison, old, new))
    assert data["schema"] == "drafttool/comparison"
    assert [p["id"] for change in data["changes"] for p in change["new"]] == [p.id for p in new.paragraphs]
    assert not compare_rounds(old, old).changed


def test_a_split_whose_parts_are_apart_applies_in_order() -> None:
    """Found by test_applying_a_comparison_of_any_text_gives_the_new_round, made small."""
    old = Round("Rev.1", (Paragraph("p1", "We decide to act now."), Paragraph("p2", "We request a report.")))
    new = Round("Rev.2", (Paragraph("p1", "We decide to act"), Paragraph("p2", "We request a report."),
                          Paragraph("p1-part", "now.", split_from="p1")))
    assert apply(compare_rounds(old, new, DiffOptions(trust_ids=True)), old) == new


def test_a_comparison_holding_a_lone_surrogate_is_written_as_utf_8() -> None:
    old, new = Round("a", (Paragraph("p1", "\udc80 x"),)), Round("b", (Paragraph("p1", "\udc80 y"),))
    render_comparison_json(compare_rounds(old, new), old, new).encode("utf-8")


@fuzz(60)
@given(TEXTS, TEXTS, st.booleans())
def test_two_readings_compare_and_apply(first: str, second: str, markdown: bool) -> None:
    """Rounds as the readers make them, from any text, compare and apply back."""
    old = read_or_refuse(lambda: read_markdown("1. We decide.\n\n" + first, path="a.md", markdown=markdown))
    new = read_or_refuse(lambda: read_markdown("1. We decide.\n\n" + first + second, path="b.md", markdown=markdown))
    if old is None or new is None:
        return
    comparison = compare_rounds(old.round, new.round)
    assert apply(comparison, old.round) == replace(new.round, source=new.round.source)
    json.loads(render_comparison_json(comparison, old.round, new.round).encode("utf-8"))


# ---------------------------------------------------------------------------- regression inputs


REGRESSIONS = sorted(p for p in FUZZ.glob("*") if p.suffix in (".md", ".txt", ".docx") and p.name != "README.md")


@pytest.mark.parametrize("path", REGRESSIONS, ids=[p.name for p in REGRESSIONS])
def test_a_regression_input_reads_or_is_refused_cleanly(path: Path) -> None:
    """Each file under tests/fuzz/ crashed a reader once; its first line says, after
    'expect:', what reading it must give now (a notice or error text), where it can."""
    from drafttool.readers import read_document

    expected = FUZZ / f"{path.name}.expect"
    try:
        reading = read_document(path)
    except DrafttoolError as error:
        said = str(error)
    else:
        check_reading(reading)
        said = "\n".join(str(n) for n in reading.notices) + "\n" + "\n".join(p.text for p in reading.round.paragraphs)
    if expected.exists():
        assert expected.read_text(encoding="utf-8").strip() in said
