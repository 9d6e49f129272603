"""Broken Markdown and plain-text inputs: each reported with the file and the line, and
read where a person would read it — Windows-1252 bytes, stray BOMs, control characters,
lone surrogates — so that every round read can be written as JSON and as Word XML.
What cannot be read sensibly (a binary file, another code page) is one line of error."""

from __future__ import annotations

import json
import time

import pytest

from drafttool.errors import InputError
from drafttool.readers import Reading, limits, read_document
from drafttool.readers.markdown import read_markdown
from drafttool.renderers.docx import render_round_docx
from drafttool.renderers.json import render_round_json
from drafttool.renderers.markdown import render_round_markdown


def read(data: bytes | str, *, markdown: bool = True) -> Reading:
    reading = read_markdown(data, path="doc.md", markdown=markdown)
    assert_writable(reading)
    return reading


def timed_read(data: bytes, *, markdown: bool = True) -> tuple[Reading, float]:
    """A reading and the seconds it took (writing it out, checked after, not counted)."""
    start = time.perf_counter()
    reading = read_markdown(data, path="doc.md", markdown=markdown)
    seconds = time.perf_counter() - start
    assert_writable(reading)
    return reading, seconds


def notices(reading: Reading) -> list[str]:
    return [str(n) for n in reading.notices]


def texts(reading: Reading) -> list[str]:
    return [p.text for p in reading.round.paragraphs]


def assert_writable(reading: Reading) -> None:
    """The round goes out as JSON (UTF-8), Markdown and Word XML without an error."""
    output = render_round_json(reading.round)
    assert json.loads(output.encode("utf-8")) is not None
    render_round_markdown(reading.round).encode("utf-8")
    render_round_docx(reading.round)


def refused(data: bytes, *, markdown: bool = True) -> str:
    with pytest.raises(InputError) as raised:
        read_markdown(data, path="doc.md", markdown=markdown)
    message = str(raised.value)
    assert "\n" not in message
    return message


# ---------------------------------------------------------------------------- encodings


FRENCH = "1. Déclaration « ministérielle » – 2024.\n\n2. Les États Membres réaffirment leur engagement.\n"


def test_a_windows_1252_file_is_read_with_a_notice_naming_its_first_line() -> None:
    reading = read(FRENCH.encode("cp1252"))
    assert texts(reading) == ["Déclaration « ministérielle » – 2024.", "Les États Membres réaffirment leur engagement."]
    assert notices(reading) == [
        "doc.md:1: warning: byte 0xe9 is not UTF-8 (column 5): this line was read as Windows-1252, as were 1 more "
        "line(s); save the file as UTF-8 to be sure of every character"]


def test_a_latin_1_file_is_read_as_windows_1252() -> None:
    reading = read("1. Año de la Asamblea General.\n".encode("latin-1"))
    assert texts(reading) == ["Año de la Asamblea General."]
    assert notices(reading)[0].startswith("doc.md:1: warning: byte 0xf1 is not UTF-8 (column 5): this line was read")


def test_a_utf_8_file_with_one_windows_1252_line_keeps_its_utf_8_lines() -> None:
    data = "1. Première ligne.\n\n2. Deuxième ligne.\n".encode() + "\n3. Troisième €.\n".encode("cp1252")
    reading = read(data)
    assert texts(reading) == ["Première ligne.", "Deuxième ligne.", "Troisième €."]
    assert notices(reading) == [
        "doc.md:5: warning: byte 0xe8 is not UTF-8 (column 10): this line was read as Windows-1252; save the "
        "file as UTF-8 to be sure of every character"]


@pytest.mark.parametrize(("encoding", "text", "message"), [
    ("cp1251", "1. Организация Объединенных Наций.\n",
     "doc.md:1: byte 0xce is not UTF-8 (column 4), and the line is not Windows-1252 text either; save the file as UTF-8"),
    ("cp1256", "1. الجمعية العامة.\n",
     "doc.md:1: byte 0xc7 is not UTF-8 (column 4), and the line is not Windows-1252 text either; save the file as UTF-8"),
    ("gbk", "1. 联合国大会的决议。\n",
     "doc.md:1: byte 0xc1 is not UTF-8 (column 4), and the line is not Windows-1252 text either; save the file as UTF-8"),
])
def test_another_code_page_is_not_guessed(encoding: str, text: str, message: str) -> None:
    assert refused(text.encode(encoding)) == message


@pytest.mark.parametrize(("data", "message"), [
    (bytes(range(256)) * 8, "doc.md:1: this is a binary file, not text (byte 0x00 and 207 more control bytes in its "
                            "first 2,048); drafttool reads .md and .txt text files"),
    (b"\x00" * 64, "doc.md:1: this is a binary file, not text (byte 0x00 and 63 more control bytes in its first 64); "
                   "drafttool reads .md and .txt text files"),
    (b"%PDF-1.7\n%\xe2\xe3", "doc.md: this is a PDF file; convert it to text (pdftotext -layout) and import the .txt"),
    (b"PK\x03\x04\x14\x00\x00", "doc.md: this is a zip package (a Word .docx or an OpenDocument file?); import it "
                                "under its own suffix"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "doc.md: this is an old Word .doc file (or another Office binary); save it "
                                          "as .docx and import that"),
    (b"{\\rtf1\\ansi hello}", "doc.md: this is an RTF file; save it as .docx or as plain text (.txt) and import that"),
])
def test_a_binary_file_is_refused_with_what_it_is(data: bytes, message: str) -> None:
    assert refused(data) == message
    assert refused(data, markdown=False) == message


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_byte_order_marks_and_wide_encodings(encoding: str) -> None:
    data = "1. Première.\r\n\r\n2. Deuxième.\n".encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):  # no BOM: found by its NUL bytes, with a notice
        reading = read(data)
        assert notices(reading) == [f"doc.md: warning: read as {encoding.upper()} (it has no byte-order mark); "
                                    "save the file as UTF-8"]
    else:
        reading = read(data)
        assert notices(reading) == []
    assert texts(reading) == ["Première.", "Deuxième."]


def test_a_utf_16_file_cut_in_the_middle_of_a_character_is_read_up_to_there() -> None:
    reading = read("1. Première.\n\n2. Deuxième.\n".encode("utf-16") + b"\x00")
    assert texts(reading)[0] == "Première."
    assert notices(reading) == ["doc.md:4: warning: not valid UTF-16 at byte 56: what cannot be read is shown as "
                                "\ufffd; save the file as UTF-8"]


def test_a_byte_order_mark_inside_the_text_is_removed() -> None:
    reading = read(b"\xef\xbb\xbf1. One.\n\n" + b"\xef\xbb\xbf2. Two.\n")  # two files joined
    assert [(p.label, p.text) for p in reading.round.paragraphs] == [("1.", "One."), ("2.", "Two.")]
    assert notices(reading) == ["doc.md:3: warning: 1 byte-order mark(s) inside the text removed (U+FEFF first)"]


def test_mixed_line_endings() -> None:
    reading = read(b"1. One\r\ncontinued.\r\n\r\n2. Two.\r\r3. Three\rcontinued.\n\n4. Four.\n")
    assert texts(reading) == ["One continued.", "Two.", "Three continued.", "Four."]
    assert notices(reading) == []


# ---------------------------------------------------------------------------- characters the model never holds


def test_control_characters_are_removed_with_a_notice() -> None:
    reading = read(b"1. We decide.\n\n2. We \x07act\x1b now\x7f.\n")
    assert texts(reading) == ["We decide.", "We act now."]
    assert notices(reading) == ["doc.md:3: warning: 3 control character(s) removed (U+0007 first)"]


def test_a_stray_nul_byte_is_removed_with_a_notice() -> None:
    reading = read(b"1. We decide\x00 to act.\n", markdown=False)
    assert texts(reading) == ["We decide to act."]
    assert notices(reading) == ["doc.md:1: warning: 1 control character(s) removed (U+0000 first)"]


def test_page_and_line_breaks_as_control_characters_break_lines() -> None:
    """pdftotext puts a form feed where a page starts; Word's manual line break copied is
    a vertical tab; Unicode has its line and paragraph separators."""
    reading = read(b"1. We decide to act on the\n\x0cmatter before us.\n\n2. First line\x0bsecond line.\n"
                   + "\n3. One\u2028two\u2029\n4. Four.\n".encode("utf-8"), markdown=False)
    assert texts(reading) == ["We decide to act on the matter before us.", "First line second line.", "One two",
                              "Four."]
    assert notices(reading) == []


def test_lone_surrogates_are_replaced_so_that_json_can_be_written() -> None:
    """`surrogateescape` turns undecodable bytes into lone surrogates; they reach a reader
    given text rather than bytes."""
    undecodable = b"1. Caf\xe9 and \xff.\n".decode("utf-8", "surrogateescape")
    reading = read(undecodable)
    assert texts(reading) == ["Caf\ufffd and \ufffd."]
    assert notices(reading) == ["doc.md:1: warning: 2 lone surrogate(s) (undecodable bytes passed on as text) "
                                "replaced by \ufffd"]


def test_noncharacters_are_removed_and_private_use_characters_kept() -> None:
    """U+E000 and U+E001 once marked footnote references inside the reader: text holding
    them ('\ue0000\ue001') crashed it with an IndexError."""
    reading = read("1. Symbol \ue000 and \ue0000\ue001 and \ufdd0 and \uffff.\n".encode("utf-8"))
    assert texts(reading) == ["Symbol \ue000 and \ue0000\ue001 and and ."]
    assert notices(reading) == ["doc.md:1: warning: 2 noncharacter(s) removed (U+FDD0 first)"]
    plain = read("1. Symbol \ue0000\ue001 here1.\n\n---\n\n1 A note.\n".encode("utf-8"), markdown=False)
    assert texts(plain) == ["Symbol \ue0000\ue001 here[^fn-1]."]


# ---------------------------------------------------------------------------- structure


def test_unbalanced_brackets_are_reported_at_their_line() -> None:
    reading = read(b"1. We decide.\n\n2. We [strongly urge all States.\n\n3. We act] now].\n")
    assert notices(reading) == ["doc.md:5: warning: ']' in paragraph 3. closes no '['"]
    reading = read(b"1. We decide.\n\n2. We [strongly urge all States.\n")
    assert notices(reading) == ["doc.md:3: warning: '[' opened in paragraph 2. is never closed"]


def test_a_hundred_thousand_unclosed_brackets_give_four_notices() -> None:
    reading = read(b"1. We " + b"[" * 100_000 + b" decide.\n", markdown=False)
    assert notices(reading) == ["doc.md:1: warning: '[' opened in paragraph 1. is never closed"] * 3 + [
        "doc.md:1: warning: and 99,997 more unbalanced bracket(s) in this paragraph"]


def test_footnote_references_without_bodies_and_bodies_without_references() -> None:
    reading = read(b"1. We decide[^1] and act[^9] and act[^9] again.\n\n2. We recall[^9].\n\n"
                   b"[^1]: A note.\n\n[^2]: An orphan.\n")
    assert notices(reading) == [
        "doc.md:1.: warning: footnote reference 'fn-9' has no footnote body (2 references)",
        "doc.md:2.: warning: footnote reference 'fn-9' has no footnote body",
        "doc.md: warning: footnote 2 is not referred to anywhere; kept at the end",
    ]
    plain = read("1. Texte de la résolution1.\n\n__________\n\n1 Une note.\n\n3 Orpheline.\n".encode(), markdown=False)
    assert texts(plain) == ["Texte de la résolution[^fn-1]."]
    assert notices(plain) == ["doc.md: warning: footnote 3 is not referred to anywhere; kept at the end"]


def test_duplicate_and_skipped_paragraph_numbers() -> None:
    reading = read(b"1. One.\n\n2. Two.\n\n2. Two again.\n\n7. Seven.\n", markdown=False)
    assert [p.id for p in reading.round.paragraphs] == ["p1", "p2", "p2-2", "p7"]
    assert notices(reading) == [
        "doc.md:5: warning: numbering goes from '2.' to '2.'",
        "doc.md:5: warning: label '2.' appears again; its paragraph gets the id p2-2",
        "doc.md:7: warning: numbering goes from '2.' to '7.'",
    ]


@pytest.mark.parametrize(("data", "message"), [
    (b"", "doc.md: the document is empty"),
    (b"\xef\xbb\xbf", "doc.md: the document is empty"),
    (" \n\t\n\u00a0\n\r\n".encode("utf-8"), "doc.md: the document is empty"),
    ("\ufeff".encode("utf-16"), "doc.md: the document is empty"),
    (b"24-04527 (F)\n\n2/8\n\n__________\n", "doc.md: the document is empty: it holds only page furniture or "
                                               "separator lines (lines 1, 3, 5)"),
])
def test_an_empty_document_is_refused(data: bytes, message: str) -> None:
    assert refused(data) == message
    assert refused(data, markdown=False) == message


# ---------------------------------------------------------------------------- size


PROSE = ("the Member States reaffirm their commitment to the implementation of the conventions, "
         "and decide to act together; ")


@pytest.mark.parametrize("markdown", [True, False])
def test_a_one_megabyte_paragraph_of_prose_reads_in_a_few_seconds(markdown: bool) -> None:
    body = PROSE * (1_000_000 // len(PROSE))
    reading, seconds = timed_read(f"1. We {body}end.\n".encode(), markdown=markdown)
    assert seconds < 10
    assert len(texts(reading)[0]) > 999_000


def test_a_one_megabyte_paragraph_dense_with_markdown_is_parsed_in_a_few_seconds() -> None:
    """A word in ten in italics, one in twenty in bold, one in twenty in brackets: some
    60,000 characters of Markdown syntax, all parsed."""
    words = [f"*{w}*" if n % 10 == 0 else f"**{w}**" if n % 20 == 5 else f"[{w}]" if n % 20 == 15 else w
             for n, w in enumerate(PROSE.split() * (1_000_000 // len(PROSE)))]
    reading, seconds = timed_read(("1. We " + " ".join(words) + " end.\n").encode("utf-8"))
    assert seconds < 10
    assert texts(reading)[0].startswith("We *the* Member States reaffirm their **commitment** to the "
                                        "implementation of *the* conventions, and decide to [act]")
    assert notices(reading) == []


@pytest.mark.parametrize("syntax", ["![", "[", "*a", "_a", "<", "\\", "`a``"])
def test_a_megabyte_of_markdown_syntax_is_read_as_plain_text_in_bounded_time(syntax: str) -> None:
    """markdown-it-py spends over a minute on a megabyte of '![': past MAX_MARKDOWN_SYNTAX
    characters a paragraph is read as written, with a notice (it is the title here: no
    paragraph of the body comes before it)."""
    body = syntax * (1_000_000 // len(syntax))
    reading, seconds = timed_read(f"We decide.\n\n{body}\n".encode())
    assert seconds < 10
    count = sum(body.count(c) for c in "*_[!<&\\`")
    assert notices(reading)[0] == (f"doc.md:3: warning: {count:,} characters of Markdown syntax (* _ [ ! < & \\ `) in "
                                   f"one paragraph, over the {limits.MAX_MARKDOWN_SYNTAX:,} parsed: read as plain "
                                   "text, its Markdown kept as written")


def test_very_long_lines_and_many_of_them() -> None:
    line = "word " * 20_000  # 100 KB a line, 40 lines with no blank between them
    reading, seconds = timed_read(("1. " + "\n".join([line] * 40) + "\n").encode("utf-8"), markdown=False)
    assert seconds < 10
    assert len(texts(reading)) == 1 and len(texts(reading)[0]) > 3_900_000


def test_read_document_names_the_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "rev1.txt"
    path.write_bytes(FRENCH.encode("cp1252"))
    reading = read_document(path)
    assert str(reading.notices[0]).startswith(f"{path}:1: warning: byte 0xe9 is not UTF-8")
    path.write_bytes(b"\x00\x01\x02\x03" * 100)
    with pytest.raises(InputError, match=rf"^{path}:1: this is a binary file"):
        read_document(path)


@pytest.mark.parametrize(("name", "limit", "what"), [
    ("huge.md", limits.MAX_TEXT_FILE_BYTES, "text files up to 64 MB"),
    ("huge.txt", limits.MAX_TEXT_FILE_BYTES, "text files up to 64 MB"),
    ("huge.docx", limits.MAX_DOCX_FILE_BYTES, "Word files up to 512 MB"),
])
def test_a_file_larger_than_any_negotiated_text_is_refused_unread(  # type: ignore[no-untyped-def]
        tmp_path, name: str, limit: int, what: str) -> None:
    path = tmp_path / name
    with path.open("wb") as file:  # sparse: no disk and no time spent on it
        file.truncate(limit + 1)
    started = time.perf_counter()
    with pytest.raises(InputError) as raised:
        read_document(path)
    assert time.perf_counter() - started < 0.5
    assert str(raised.value) == f"{path}: is {(limit + 1) / limits.MB:,.1f} MB; drafttool reads {what}: is it " \
                                "the right file?"
    if name.endswith(".docx"):
        return  # (not read at 512 MB here: the test would hold that much memory)
    path.write_bytes(b"")  # at the limit, the size is no reason to refuse (what is in it is)
    with path.open("wb") as file:
        file.truncate(limit)
    with pytest.raises(InputError) as raised:
        read_document(path)
    assert "MB; drafttool reads" not in str(raised.value) and "binary file" in str(raised.value)
