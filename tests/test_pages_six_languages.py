"""Golden pages in the six UN languages: a short negotiation in each (tests/cases/six/:
two rounds, proposals on the first, a paragraph agreed in the second), its comparison
and compilation pages kept as golden files, and read back in headless Chromium: every
word the tool writes in the page's language, changes named by their place, status-only
changes folded behind a switch that printing follows, right-to-left pages whose codes
and labels keep their order, origin tags apart from footnote numbers.

The fixtures are written as each language writes: French with no-break spaces before
';' and ':' and inside « », Arabic right to left with its own labels ('1 -', '(أ)') and a
footnote that is only a symbol, Chinese without spaces and with full-width punctuation.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drafttool.model import Anchor, Delegation, Proposal, ProposalOp, ProposalStatus, Status, StatusValue
from drafttool.negotiate.attribution import blame
from drafttool.negotiate.compilation import compile_round
from drafttool.operations import add_delegation, compare_store_rounds, decide, import_round, propose, set_status
from drafttool.renderers.html import render_blame_html, render_comparison_html, render_compilation_html
from drafttool.renderers.masthead import UNITED_NATIONS
from drafttool.renderers.words import WORDS
from drafttool.store import create_store, load_store
from drafttool.text.dates import format_date

CASES = Path(__file__).parent / "cases" / "six"
LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")
DELEGATIONS = (Delegation("EU", "European Union", group=True), Delegation("MEX", "Mexico"),
               Delegation("RUS", "Russian Federation"), Delegation("CHN", "China"))
PAGES = ("comparison", "compilation")


def build(folder: Path, code: str) -> Path:
    """The negotiation in `code`: its first round with four proposals (two decided), then
    its revision, whose second paragraph is agreed."""
    store = folder / code
    words = json.loads((CASES / f"{code}.proposals.json").read_text(encoding="utf-8"))
    create_store(store, title=code, language=code)
    import_round(store, CASES / f"{code}.old.md", label=_front(code, "old"), date="2025-03-03")
    known = {d.code for d in load_store(store).delegations}
    for delegation in DELEGATIONS:
        if delegation.code not in known:
            add_delegation(store, delegation)
    text, (before, after) = words["ins"]
    labels = {"ar": ("1 -", "2 -", "4 -")}.get(code, ("1.", "2.", "4."))
    drafts = (
        Proposal("eu-1", "", ProposalOp.INSERT, ("EU",), labels[0], Anchor("", before, after), text,
                 date="2025-03-05", supporters=("MEX",)),
        Proposal("rus-1", "", ProposalOp.DELETE, ("RUS",), labels[1], Anchor(words["dele"]), date="2025-03-05",
                 opponents=("EU",)),
        Proposal("mex-1", "", ProposalOp.ADD_PARAGRAPH, ("MEX",), labels[1], Anchor(""), words["inserted"],
                 date="2025-03-05"),
        Proposal("chn-1", "", ProposalOp.ALTERNATIVE, ("CHN",), labels[2], Anchor(""), words["alt"],
                 date="2025-03-05", label="alt"),
    )
    for draft in drafts:
        propose(store, draft)
    decide(store, ["eu-1", "mex-1"], ProposalStatus.ACCEPTED, date="2025-03-10")
    decide(store, ["rus-1"], ProposalStatus.REJECTED, date="2025-03-10")
    import_round(store, CASES / f"{code}.new.md", label="Rev.1", date="2025-03-20")
    set_status(store, labels[1], Status(StatusValue.AGREED, when="2025-03-20"))
    return store


def _front(code: str, side: str) -> str:
    for line in (CASES / f"{code}.{side}.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("round: "):
            return line.removeprefix("round: ")
    raise AssertionError(f"{code}.{side}.md has no round label")


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("six")
    return {code: build(folder, code) for code in LANGUAGES}


def render(store: Path, page: str) -> str:
    negotiation = load_store(store)
    if page == "comparison":
        compared = compare_store_rounds(store, negotiation.rounds[0].label, "Rev.1")
        return render_comparison_html(compared.comparison, compared.old, compared.new)
    if page == "blame":
        return render_blame_html(blame(negotiation, "Rev.1"), negotiation.round("Rev.1"), negotiation)
    return render_compilation_html(compile_round(negotiation, negotiation.rounds[0].label,
                                                 statuses=tuple(ProposalStatus)))


@pytest.fixture(scope="module")
def files(stores: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    folder = tmp_path_factory.mktemp("six-pages")
    out = {}
    for code, store in stores.items():
        for page in (*PAGES, "blame"):
            out[code, page] = folder / f"{code}-{page}.html"
            out[code, page].write_text(render(store, page), encoding="utf-8")
    return out


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("code", LANGUAGES)
def test_the_page_in_each_language_matches_its_golden_file(stores: dict[str, Path], code: str, page: str,
                                                           update_golden: bool) -> None:
    html = render(stores[code], page)
    expected = CASES / f"{code}.{page}.expected.html"
    if update_golden:
        expected.write_text(html, encoding="utf-8")
    assert expected.exists(), f"{expected.name} is missing: run pytest --update-golden, then look at the page"
    assert html == expected.read_text(encoding="utf-8")


TOOL_TEXT = """[...document.querySelectorAll(
    '.change-head, .counts, .status-only-summary, .legend, .rounds, details.fold > summary, .status, .pstatus, '
    + '.by, .legend-box, .intro, #footnotes-title, details.numbers > summary, label')]
    .map(e => e.textContent).join(' | ')"""

ENGLISH = ("EDITED", "edited", "moved", "inserted", "deleted", "unchanged", "renumbered", "supported by",
           "opposed by", ": delete", "[accepted]", "[rejected]", "[pending]", "agreed", "status ", " by ",
           "Comparison of", "Compilation text", "Legend", "paragraphs", "Show", "Footnotes", "USA, CAN")


@pytest.mark.parametrize("code", ["ar", "zh", "fr", "ru", "es"])
def test_every_word_the_tool_writes_is_in_the_pages_language(browser, files, code: str) -> None:  # type: ignore[no-untyped-def]
    words = WORDS[code]
    for page_name in PAGES:
        page = browser.new_page(javascript=False)
        page.open(files[code, page_name])
        text = page.evaluate(TOOL_TEXT)
        assert not [english for english in ENGLISH if english in text], (page_name, text)
        assert page.errors == []
        page.close()
    page = browser.new_page(javascript=False)
    page.open(files[code, "comparison"])
    ops = page.evaluate("[...document.querySelectorAll('.change-head .op')].map(e => e.textContent)")
    assert words["op-edited"] in ops and words["op-inserted"] in ops
    statuses = page.evaluate("[...document.querySelectorAll('.status')].map(e => e.textContent)")
    assert words["status-agreed"] in statuses
    page.close()
    page = browser.new_page(javascript=False)
    page.open(files[code, "compilation"])
    tags = page.evaluate("[...document.querySelectorAll('.pstatus')].map(e => e.textContent)")
    assert f"[{words['proposal-accepted']}]" in tags and f"[{words['proposal-rejected']}]" in tags
    by = page.evaluate("[...document.querySelectorAll('.by')].map(e => e.textContent)")
    assert any(words["what-delete"] in text and "RUS" in text for text in by)
    assert any(words["supported-by"].format(codes="MEX") in text for text in by)
    page.close()


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_legend_names_only_delegations_of_the_negotiation(browser, files, code: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(javascript=False)
    page.open(files[code, "compilation"])
    samples = page.evaluate("[...document.querySelectorAll('.legend-attribution .by bdi, .legend-attribution .by')]"
                            ".map(e => e.textContent).join(' ')")
    assert "USA" not in samples and "CAN" not in samples
    assert "EU" in samples or "MEX" in samples or "RUS" in samples or "CHN" in samples
    page.close()


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_change_names_its_place_in_both_rounds(browser, files, code: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(javascript=False)
    page.open(files[code, "comparison"])
    heads = page.evaluate("""Object.fromEntries([...document.querySelectorAll('article.change')].map(a =>
        [a.id, a.querySelector('.labels') ? a.querySelector('.labels').textContent : '']))""")
    # a subparagraph by its paragraph in both rounds, never '(a)' alone; a paragraph in the page's words
    places = {"en": ("3 (a) → 4 (a)", "OP 1"), "fr": ("3 (a) → 4 (a)", "par. 1"), "es": ("3 (a) → 4 (a)", "párr. 1"),
              "ru": ("3 (a) → 4 (a)", "п. 1"), "ar": ("3 (أ) ← 4 (أ)", "الفقرة 1"), "zh": ("3 (a) → 4 (a)", "第1段")}[code]
    assert set(places) <= set(heads.values()), heads
    page.close()


def test_status_only_changes_are_one_line_with_a_switch_that_printing_follows(browser, files) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(javascript=False)
    page.open(files["fr", "comparison"])
    shown = "[...document.querySelectorAll('article.status-only')].filter(e => e.checkVisibility()).length"
    assert page.evaluate("document.querySelectorAll('article.status-only').length") == 1
    assert page.evaluate(shown) == 0
    assert page.evaluate("document.querySelector('.status-only-count').textContent") == (
        "paragraphes dont seul l’état a changé\u00a0: 1 (ouvert → approuvé)")
    page.media("print")
    assert page.evaluate(shown) == 0
    page.media("")
    page.evaluate("document.getElementById('dt-show-status-only').click()")  # the switch, no script of ours
    assert page.evaluate(shown) == 1
    # the rest of its fold stays folded
    assert page.evaluate("[...document.querySelectorAll('article.quiet')].filter(e => e.checkVisibility()).length") == 0
    page.media("print")
    assert page.evaluate(shown) == 1
    page.close()


def test_arabic_heads_keep_their_order_and_codes_are_isolated(browser, files) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(javascript=False)
    page.open(files["ar", "comparison"])
    order = page.evaluate("""[...document.querySelectorAll('article.change > h2.change-head')].map(h => {
        const r = s => { const e = h.querySelector(s); return e ? e.getBoundingClientRect().right : null; };
        return [getComputedStyle(h).direction, r('.op'), r('.labels'), r('.proposers'),
                [...h.querySelectorAll('.proposers bdi')].map(b => getComputedStyle(b).unicodeBidi)]; })""")
    assert order
    for direction, op, labels, proposers, isolation in order:
        assert direction == "rtl"
        assert labels is None or labels < op  # read from the right: 'عُدِّلت' then 'الفقرة 1'
        assert proposers is None or proposers < (labels or op)
        assert all(value == "isolate" for value in isolation)
    # '3 ← 4' read from the right: the old place at the right of the arrow, the new at its left
    arrows = page.evaluate("""[...document.querySelectorAll('.change-head .labels')].filter(e =>
        e.textContent.includes('←')).map(e => { const range = document.createRange();
        const node = e.firstChild; const at = node.textContent.indexOf('←');
        range.setStart(node, 0); range.setEnd(node, 1); const first = range.getBoundingClientRect().right;
        range.setStart(node, node.textContent.length - 1); range.setEnd(node, node.textContent.length);
        return [first, range.getBoundingClientRect().left, at]; })""")
    assert arrows and all(first > last for first, last, _ in arrows)
    # a footnote that is only a symbol reads left to right: 'A/HRC/57/48.', not '.A/HRC/57/48'
    note = page.evaluate("""(() => { const t = [...document.querySelectorAll('.footnote .text')].find(
        e => e.textContent.includes('A/HRC/57/48')); const node = t.firstChild, n = node.textContent.length;
        const at = i => { const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
        return r.getBoundingClientRect().left; }; return [getComputedStyle(t).direction, at(0), at(n - 1)]; })()""")
    assert note[0] == "ltr" and note[1] < note[2]  # the full stop after the symbol
    page.close()
    page = browser.new_page(javascript=False)
    page.open(files["ar", "compilation"])
    # the paragraph proposed to be added is '2 مكررا', never 'bis 2'
    labels = page.evaluate("[...document.querySelectorAll('.cp-added .label')].map(e => e.textContent)")
    assert labels == ["2 مكررا"]
    deletion = page.evaluate("""[...document.querySelectorAll('main .by')].map(e => e.textContent)
        .find(t => t.includes('RUS'))""")
    assert deletion.startswith("(RUS: حذف")  # '(RUS: حذف …)', not '(RUS :delete)'
    page.close()


@pytest.mark.parametrize("code", ["fr", "ar"])
def test_origin_tags_stand_apart_from_footnote_numbers(browser, files, code: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(javascript=False)
    page.open(files[code, "blame"])
    gaps = page.evaluate("""[...document.querySelectorAll('.passage')].filter(p =>
        p.querySelector('mark sup.fnref:last-child')).map(p => {
        const note = p.querySelector('mark sup.fnref:last-child').getBoundingClientRect();
        const tag = p.querySelector('.who').getBoundingClientRect();
        const style = getComputedStyle(p.querySelector('.who'));
        return [Math.max(tag.left - note.right, note.left - tag.right), style.verticalAlign, style.borderTopStyle]; })""")
    assert gaps, "no passage of a later round ends with a footnote number"
    for gap, align, border in gaps:
        assert gap >= 3 and align != "super" and border == "solid"
    page.close()


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_masthead_is_in_un_order_with_the_date_in_the_pages_language(browser, files, code: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(javascript=False)
    page.open(files[code, "comparison"])
    lines = page.evaluate("[...document.querySelectorAll('.masthead p')].map(p => [p.className, p.textContent])")
    assert [name for name, _ in lines][:3] == ["mh-united-nations", "mh-symbol", "mh-organ"]
    assert lines[0][1] == UNITED_NATIONS[code] and lines[1][1] == "A/C.3/80/L.7/Rev.1"
    assert dict(lines)["mh-date"] == format_date("2025-03-20", code)
    boxes = page.evaluate("""['.mh-united-nations', '.mh-symbol', '.mh-organ', '.mh-date'].map(s => {
        const r = document.querySelector(s).getBoundingClientRect(); return [r.left, r.top, r.right]; })""")
    name, symbol, organ, date = boxes
    assert abs(name[1] - symbol[1]) < 5 and organ[1] > name[1] + 10 and date[1] >= organ[1]  # two rows, as printed
    rtl = code == "ar"
    assert (name[0] > symbol[0]) == rtl  # the Organization at the start of the line, the symbol at its end
    # the day reads first: at the right of the year in Arabic ('20 آذار/مارس 2025', not 'March 2025 20')
    day, year = page.evaluate("""(() => { const node = document.querySelector('.mh-date').firstChild;
        const at = (i, j) => { const r = document.createRange(); r.setStart(node, i); r.setEnd(node, j);
        return r.getBoundingClientRect(); }; const n = node.textContent.length;
        return [at(0, 2), at(n - 4, n)].map(r => r.left); })()""") if code != "zh" else (0, 0)
    assert code == "zh" or (day > year) == rtl
    page.close()
