"""How right the PDF reader reads UN documents as published, and amendment documents as proposals.

For each document with a truth in `bench/truth/pdf-*.json` (counts and keys checked by
hand against the printed pages; no text of the documents): the units read right out of
the units there are — the symbol, each masthead field, the title, the count of preambular
paragraphs, each operative paragraph's number, each footnote's number — or, for a file
whose fonts carry no Unicode, one unit: refused in one line rather than read as garbage.

For each amendment document in `bench/truth/pdf-amendments.json`: the draft it amends is
imported from its PDF into a scratch store, the amendment document is read with `propose
--from`, and the proposals found are compared with those listed by hand — operation,
paragraph as the document names it ('pp38', 'op9'), and a fingerprint of the words.

    .venv/bin/python bench/corpus.py pdf
"""

from __future__ import annotations

import hashlib
import json
import tempfile
import time
from pathlib import Path

from drafttool.errors import DrafttoolError
from drafttool.model import Delegation, Kind, Proposal, Round
from drafttool.negotiate.instructions import preambular, read_amendment_document
from drafttool.operations import add_delegation, import_round
from drafttool.readers import read_document
from drafttool.store import create_store, load_store
from drafttool.text import markup

TITLE = "PDF reader: UN documents as published, and amendment documents as proposals"
TRUTH = Path(__file__).resolve().parent / "truth"


def fingerprint(text: str) -> str:
    """Eight hex digits standing for some words (their plain text, spaces collapsed)."""
    return hashlib.sha1(" ".join(markup.plain(text).split()).encode("utf-8")).hexdigest()[:8]


def _units(truth: dict, round_: Round) -> tuple[int, int, list[str]]:  # type: ignore[type-arg]
    right, total, wrong = 0, 0, []

    def unit(ok: bool, what: str) -> None:
        nonlocal right, total
        total += 1
        right += ok
        if not ok:
            wrong.append(what)

    if "symbol" in truth:
        unit(round_.symbol == truth["symbol"], f"symbol {round_.symbol!r}")
    for field, value in truth.get("masthead", {}).items():
        unit(markup.plain(getattr(round_.masthead, field)) == value, f"masthead {field}")
    if truth.get("title"):
        unit(any(p.kind is Kind.TITLE for p in round_.paragraphs), "title")
    if "preambular" in truth:
        found = len([p for p in preambular(round_) if not p.parent])  # the preamble's, not an annex's
        unit(found == truth["preambular"], f"{found} preambular paragraphs")
    labels = [p.label.rstrip(".") for p in round_.paragraphs if p.kind is Kind.OPERATIVE]
    for number in range(1, truth.get("operative", 0) + 1):
        unit(str(number) in labels, f"operative {number}")
    if truth.get("operative") is not None:
        extra = len(labels) - truth["operative"]
        unit(extra == 0, f"{extra} operative paragraphs too many")
    notes = {f.label for f in round_.footnotes if f.text}
    for number in range(1, truth.get("footnotes", 0) + 1):
        unit(str(number) in notes, f"footnote {number}")
    named = {markup.plain(p.text).strip() for p in round_.paragraphs if p.kind is Kind.HEADING}
    named |= {p.label.strip() for p in round_.paragraphs if p.kind is Kind.CONTAINER}  # 'PART I', 'Article 4'
    for heading in truth.get("headings", []):
        unit(heading in named, f"heading {heading!r}")
    return right, total, wrong


def _documents(corpus: Path) -> tuple[list[str], int, int]:
    rows = ["| document | pages | read right / units | s | not right |", "|---|---|---|---|---|"]
    all_right = all_total = 0
    for file in sorted(TRUTH.glob("pdf-*.json")):
        if file.name == "pdf-amendments.json":
            continue
        truth = json.loads(file.read_text(encoding="utf-8"))
        path = corpus / truth["file"]
        started = time.perf_counter()
        try:
            round_ = read_document(path).round
            refused = ""
        except DrafttoolError as error:
            round_, refused = None, str(error)
        seconds = time.perf_counter() - started
        if truth.get("refused"):
            right, total = int("no Unicode" in refused), 1
            wrong = [] if right else ["read, not refused" if round_ is not None else refused]
        elif round_ is None:
            right, total, wrong = 0, 1, [refused]
        else:
            right, total, wrong = _units(truth, round_)
        all_right += right
        all_total += total
        rows.append(f"| {truth['file']} | {truth.get('pages', '')} | {right} / {total} | {seconds:.2f} | "
                    f"{'; '.join(wrong[:4]) + (' …' if len(wrong) > 4 else '')} |")
    return rows, all_right, all_total


def _named(round_: Round, proposal: Proposal) -> str:
    """The paragraph as an amendment document names it: 'pp38', 'op9', 'title'."""
    target = round_.paragraph(proposal.paragraph or "")
    if target is None:
        return str(proposal.paragraph)
    if target.kind is Kind.TITLE:
        return "title"
    listed = preambular(round_)
    if target in listed:
        return f"pp{listed.index(target) + 1}"
    return f"op{target.label.rstrip('.')}" if target.kind is Kind.OPERATIVE else target.id


def _amendments(corpus: Path) -> tuple[list[str], int, int]:
    truth = json.loads((TRUTH / "pdf-amendments.json").read_text(encoding="utf-8"))
    rows = ["| amendment | by | on | proposals right / listed | found | not right |", "|---|---|---|---|---|---|"]
    all_right = all_total = 0
    for entry in truth["amendments"]:
        with tempfile.TemporaryDirectory() as folder:
            store = Path(folder) / "store"
            create_store(store, title="corpus")
            for code, name in truth["delegations"].items():
                add_delegation(store, Delegation(code, name))
            import_round(store, corpus / entry["draft"], label="Draft")
            round_ = load_store(store).round()
            try:
                imported = read_amendment_document(store, corpus / entry["file"], date="2025-12-01")
                found = [] if imported is None else list(imported.proposals)
                problem = "" if imported is not None else "not read as an amendment document"
            except DrafttoolError as error:
                found, problem = [], str(error)
        got = [[p.op.value, _named(round_, p), fingerprint(p.anchor.quote + "|" + p.text)] for p in found]
        expected = entry["proposals"]
        right = sum(1 for item in expected if item in got)
        extra = [g for g in got if g not in expected]
        by = sorted({code for p in found for code in p.by})
        ok_by = by == [entry["by"]]
        all_right += right + ok_by
        all_total += len(expected) + 1
        wrong = [problem] if problem else []
        wrong += [f"missing {m[0]} {m[1]}" for m in expected if m not in got][:3]
        wrong += [f"extra {e[0]} {e[1]}" for e in extra][:3]
        if not ok_by:
            wrong.append(f"by {by}")
        rows.append(f"| {entry['file']} | {', '.join(by)} | {entry['draft']} | {right} / {len(expected)} | "
                    f"{len(found)} | {'; '.join(wrong)} |")
    return rows, all_right, all_total


def report(corpus: Path) -> str:
    rows, right, total = _documents(corpus)
    amendment_rows, a_right, a_total = _amendments(corpus)
    return "\n".join([
        f"Documents: {right} / {total} units read right ({right / max(total, 1):.1%}).", "", *rows, "",
        f"Amendment documents: {a_right} / {a_total} right (each listed proposal, and the delegation of each "
        "document).", "", *amendment_rows,
    ])
