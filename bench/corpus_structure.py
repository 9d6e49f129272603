"""Corpus check of the structure the readers find in real UN documents, against a truth built by hand.

For each document of `bench/truth/structure.json` (facts only: counts of preambular and
numbered paragraphs, subparagraphs per paragraph, footnotes, paragraphs per Article), the
PDF is read with drafttool's PDF reader when there is one, else converted with
`pdftotext -layout` and read as text; the report says, per document, how many units were
read right out of how many there are, and what was misread.

Units: each preambular paragraph and each footnote (by count: a count off by k loses k
units), each numbered paragraph 1…N (right when a numbered paragraph with that number is
where it belongs: at the top of a resolution, under its Article in an agreement), each
subparagraph (by count under its paragraph), each Article (right when read as a
container), each part and annex (by count).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

TITLE = "Structure read from real documents (preambles, numbered paragraphs, Articles, footnotes)"
TRUTH = Path(__file__).resolve().parent / "truth" / "structure.json"


def read(pdf: Path, via_text: bool = False):  # type: ignore[no-untyped-def]
    """The round read from a PDF, and how: (round, 'pdf reader' or 'pdftotext -layout')."""
    from drafttool.readers import SUFFIXES, read_document

    if ".pdf" in SUFFIXES and not via_text:
        return read_document(pdf, label="corpus").round, "drafttool's PDF reader"
    if shutil.which("pdftotext") is None:
        raise RuntimeError("pdftotext (poppler-utils) is not installed")
    with tempfile.TemporaryDirectory() as folder:
        text = Path(folder) / (pdf.stem + ".txt")
        subprocess.run(["pdftotext", "-layout", str(pdf), str(text)], check=True, capture_output=True)
        return read_document(text, label="corpus").round, "pdftotext -layout, then the text reader"


def _by_count(name: str, truth: int, found: int, misread: list[str]) -> tuple[int, int]:
    if found != truth:
        misread.append(f"{name}: {found} read, {truth} there")
    return max(0, truth - abs(found - truth)), truth


def score(round_, truth: dict) -> tuple[int, int, list[str]]:  # type: ignore[no-untyped-def]
    """(units read right, units, what was misread) for one document."""
    from drafttool.model import Kind, Scope

    right = total = 0
    misread: list[str] = []

    def add(pair: tuple[int, int]) -> None:
        nonlocal right, total
        right, total = right + pair[0], total + pair[1]

    paragraphs = round_.paragraphs
    containers = [p for p in paragraphs if p.kind is Kind.CONTAINER]
    if "preambular" in truth:
        preambular = sum(1 for p in paragraphs if p.kind is Kind.PREAMBULAR and p.parent is None)
        add(_by_count("preambular paragraphs", truth["preambular"], preambular, misread))
    if "footnotes" in truth:
        add(_by_count("footnotes", truth["footnotes"], len(round_.footnotes), misread))
    top = {p.label.rstrip(". -").strip(): p for p in paragraphs if p.kind is Kind.OPERATIVE and p.parent is None}
    if "operative" in truth:
        found = [n for n in range(1, truth["operative"] + 1) if str(n) in top]
        add((len(found), truth["operative"]))
        if len(found) < truth["operative"]:
            missing = sorted(set(range(1, truth["operative"] + 1)) - set(found))
            misread.append(f"numbered paragraphs not found: {_ranges(missing)}")
        extra = sum(1 for p in paragraphs if p.kind is Kind.OPERATIVE and p.parent is None) - len(found)
        if extra:
            misread.append(f"{extra} paragraph(s) read as numbered that are not")
    children = Counter(p.parent for p in paragraphs if p.kind is Kind.SUBPARAGRAPH)
    for number, count in truth.get("subparagraphs", {}).items():
        parent = top.get(number)
        add(_by_count(f"subparagraphs of paragraph {number}", count, children[parent.id] if parent else 0, misread))
    if "articles" in truth:
        articles = {p.id: p for p in containers if p.scope is Scope.ARTICLE}
        under = Counter(p.parent for p in paragraphs if p.kind is Kind.OPERATIVE)
        labels_under: dict[str, set[str]] = {}
        for p in paragraphs:
            if p.kind is Kind.OPERATIVE and p.parent:
                labels_under.setdefault(p.parent, set()).add(p.label.rstrip(". ").strip())
        lost_articles, wrong = [], []
        for key, count in truth["articles"].items():
            article = articles.get(f"art-{key}")
            total += 1 + count
            if article is None:
                lost_articles.append(int(key))
                continue
            right += 1
            have = labels_under.get(article.id, set())
            found = sum(1 for n in range(1, count + 1) if str(n) in have)
            right += found
            if found < count or under[article.id] != count:
                wrong.append(f"{key} ({under[article.id]} for {count})")
        if lost_articles:
            misread.append(f"Articles not read as Articles: {_ranges(sorted(lost_articles))}")
        if wrong:
            misread.append(f"Articles whose numbered paragraphs are not all under them: {', '.join(wrong[:12])}"
                           + (f" and {len(wrong) - 12} more" if len(wrong) > 12 else ""))
    if "annex" in truth:
        annexes = [p for p in containers if p.scope is Scope.ANNEX]
        inside = {p.label.rstrip(". -").strip(): p for p in paragraphs
                  if annexes and p.kind is Kind.OPERATIVE and p.parent == annexes[0].id}
        wanted = truth["annex"]["operative"]
        found = sum(1 for n in range(1, wanted + 1) if str(n) in inside)
        add((found, wanted))
        if found < wanted:
            misread.append(f"numbered paragraphs of the annex found under it: {found} of {wanted}")
        for number, count in truth["annex"].get("subparagraphs", {}).items():
            parent = inside.get(number)
            add(_by_count(f"subparagraphs of paragraph {number} of the annex", count,
                          children[parent.id] if parent else 0, misread))
    for scope, key in ((Scope.PART, "parts"), (Scope.ANNEX, "annexes")):
        if key in truth:
            add(_by_count(key, truth[key], sum(1 for p in containers if p.scope is scope), misread))
    return right, total, misread


def _ranges(numbers: list[int]) -> str:
    out: list[str] = []
    for n in numbers:
        if out and out[-1].split("–")[-1] == str(n - 1):
            out[-1] = f"{out[-1].split('–')[0]}–{n}"
        else:
            out.append(str(n))
    return ", ".join(out)


def report(corpus: Path) -> str:
    """One table per way of reading: drafttool's PDF reader when there is one, and always
    `pdftotext -layout` then the text reader."""
    from drafttool.readers import SUFFIXES

    ways = [False, True] if ".pdf" in SUFFIXES else [True]
    return "\n\n".join(_table(corpus, via_text) for via_text in ways)


def _table(corpus: Path, via_text: bool) -> str:
    truth = json.loads(TRUTH.read_text(encoding="utf-8"))
    rows = ["| document | language | read right / units | | what is misread |", "|---|---|---:|---:|---|"]
    how = set()
    all_right = all_units = 0
    for document in truth["documents"]:
        pdf = corpus / document["file"]
        if not pdf.exists():
            rows.append(f"| {document['file']} | {document['language']} | — | | not in the corpus |")
            continue
        try:
            round_, method = read(pdf, via_text)
        except Exception as error:  # noqa: BLE001 - one unreadable document must not stop the report
            rows.append(f"| {document['file']} | {document['language']} | 0 | | not read: {error} |")
            continue
        how.add(method)
        right, units, misread = score(round_, document)
        all_right, all_units = all_right + right, all_units + units
        name = document["file"] + (" (held out)" if document.get("held_out") else "")
        rows.append(f"| {name} | {document['language']} | {right} / {units} | "
                    f"{100 * right / units:.0f} % | {'; '.join(misread) or '—'} |")
    rows.append(f"| **all** | | **{all_right} / {all_units}** | "
                f"{100 * all_right / max(all_units, 1):.0f} % | |")
    return f"Read with {', '.join(sorted(how)) or 'nothing'}; truth in bench/truth/structure.json.\n\n" + "\n".join(rows)
