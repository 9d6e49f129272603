"""Run LibreOffice headless as docs/testing.md says: a throw-away profile, many files a call.

`convert(files, "txt:Text", outdir)` converts every file in one `soffice` start (start-up
is the slow part) and returns the converted paths.  When `soffice` is not installed the
calling test fails — it is never skipped: CI installs LibreOffice, and a missing client
must not turn the checks that matter into silent passes.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

INSTALL_HINT = ("LibreOffice is required by this test and was not found (no `soffice` on PATH). Install it: "
                "apt-get install -y --no-install-recommends libreoffice-writer-nogui")


def soffice() -> str:
    """The path of soffice, or a test failure saying how to install it."""
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if path is None:
        pytest.fail(INSTALL_HINT, pytrace=False)
    return path


def convert(files: list[Path], target: str, outdir: Path, *, timeout: float = 300) -> list[Path]:
    """Convert files with `soffice --convert-to target` in one call; returns the outputs,
    in the order of `files`.  `target` is e.g. 'txt:Text', 'fodt', 'pdf'."""
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        command = [soffice(), f"-env:UserInstallation=file://{Path(profile).resolve()}/lo-profile",
                   "--headless", "--norestore", "--convert-to", target, "--outdir", str(outdir),
                   *(str(f) for f in files)]
        env = dict(os.environ, HOME=profile)
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env, check=False)
    suffix = "." + target.split(":")[0]
    outputs = [outdir / (Path(f).stem + suffix) for f in files]
    missing = [str(p) for p in outputs if not p.exists()]
    if result.returncode != 0 or missing:
        pytest.fail(f"soffice could not convert {missing or files} (exit {result.returncode}):\n"
                    f"{result.stdout}\n{result.stderr}", pytrace=False)
    return outputs


def text_lines(path: Path) -> list[str]:
    """Lines of a LibreOffice text export (UTF-8 with a BOM), blank ones dropped."""
    text = path.read_text(encoding="utf-8-sig")
    return [line.rstrip() for line in text.splitlines() if line.strip()]


ODF = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
}


def _odf_content(path: Path) -> etree._Element:
    if path.suffix == ".fodt":
        return etree.parse(str(path)).getroot()
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("content.xml"))


def odf_changes(path: Path) -> Counter[tuple[str, str]]:
    """(author, kind) → number of `text:changed-region`s in an .odt/.fodt: kind is
    'insertion', 'deletion' or 'format-change'."""
    root = _odf_content(path)
    counts: Counter[tuple[str, str]] = Counter()
    for region in root.iter(f"{{{ODF['text']}}}changed-region"):
        for change in region:
            kind = etree.QName(change).localname
            creator = change.find(f".//{{{ODF['dc']}}}creator")
            counts[(creator.text or "" if creator is not None else "", kind)] += 1
    return counts


def _regions(root: etree._Element) -> dict[str, str]:
    """Changed-region id → 'insertion', 'deletion' or 'format-change'."""
    out = {}
    for region in root.iter(f"{{{ODF['text']}}}changed-region"):
        region_id = region.get(f"{{{ODF['text']}}}id") or region.get("{http://www.w3.org/XML/1998/namespace}id", "")
        for change in region:
            out[region_id] = etree.QName(change).localname
    return out


def _events(element: etree._Element):  # type: ignore[no-untyped-def]
    """Paragraph starts and ends, text, and change marks of an ODF body, in order; notes,
    annotations (comments) and the tracked-changes list are left out."""
    text_ns, office_ns = ODF["text"], ODF["office"]
    for child in element:
        if not isinstance(child.tag, str):
            continue
        name = etree.QName(child)
        if name.localname in ("tracked-changes", "note", "annotation", "annotation-end") or name.localname in (
                "sequence-decls", "variable-decls") or (name.namespace == office_ns and name.localname == "forms"):
            pass
        elif name.namespace == text_ns and name.localname in ("p", "h"):
            yield ("start", "")
            if child.text:
                yield ("text", child.text)
            yield from _events(child)
            yield ("end", "")
        elif name.localname in ("change-start", "change-end", "change"):
            yield (name.localname, child.get(f"{{{text_ns}}}change-id", ""))
        elif name.localname == "s":
            yield ("text", " " * int(child.get(f"{{{text_ns}}}c", "1")))
        elif name.localname in ("tab", "line-break"):
            yield ("text", " ")
        else:
            if child.text and name.localname in ("span", "a"):
                yield ("text", child.text)
            yield from _events(child)
        if child.tail and element.tag != f"{{{office_ns}}}text":
            yield ("text", child.tail)


def odf_paragraphs(path: Path, *, accept: bool = True) -> list[str]:
    """The body paragraphs of an .odt/.fodt with every tracked change accepted (or
    rejected), white space collapsed, empty ones dropped.  LibreOffice keeps deleted text
    in the body between `text:change-start` and `text:change-end`; a paragraph end inside a
    removed region joins the paragraph with the next, as in Word."""
    root = _odf_content(path)
    kinds = _regions(root)
    removed_kind = "deletion" if accept else "insertion"
    body = root.find(f"{{{ODF['office']}}}body")
    paragraphs: list[str] = []
    current: list[str] = []
    open_regions: set[str] = set()
    for kind, value in _events(body):
        removing = any(kinds.get(region) == removed_kind for region in open_regions)
        if kind == "text" and not removing:
            current.append(value)
        elif kind == "change-start":
            open_regions.add(value)
        elif kind == "change-end":
            open_regions.discard(value)
        elif kind == "end" and not removing:
            paragraphs.append(" ".join("".join(current).split()))
            current = []
    if current:
        paragraphs.append(" ".join("".join(current).split()))
    return [text for text in paragraphs if text]


def label_of_line(line: str) -> str:
    """The list label LibreOffice wrote at the start of a text-export line ('1.', 'a)')."""
    match = re.match(r"\s*(\S+)", line)
    return match.group(1) if match else ""
