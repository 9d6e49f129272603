"""Pages a delegate can read, checked in headless Chromium: status tags in their colours,
greyed text that keeps its contrast, changes as headings, side by side stacked on a
phone, progress readable at phone width, printing the changes and their context, and
right-to-left pages whose English words keep their order."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafttool.model import ProposalStatus
from drafttool.negotiate.compilation import compile_round
from drafttool.negotiate.progress import negotiation_progress
from drafttool.operations import compare_files, compare_store_rounds
from drafttool.renderers.html import (
    render_comparison_html, render_compilation_html, render_progress_html, render_round_html,
)
from drafttool.store import load_store

from conftest import EXAMPLE_STORE

CASES = Path(__file__).parent / "cases"
PHONE = 420

CONTRAST = """(selector => [...document.querySelectorAll(selector)].filter(e => e.checkVisibility()).map(e => {
  const rgb = s => s.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = c => { const [r, g, b] = c.map(v => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  let back = e, bg = 'rgba(0, 0, 0, 0)';
  while (back && (bg = getComputedStyle(back).backgroundColor) === 'rgba(0, 0, 0, 0)') back = back.parentElement;
  if (bg === 'rgba(0, 0, 0, 0)') bg = 'rgb(255, 255, 255)';
  const [a, b] = [lum(rgb(getComputedStyle(e).color)), lum(rgb(bg))];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}))(%s)"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("reader-pages")
    negotiation = load_store(EXAMPLE_STORE)
    compared = compare_store_rounds(EXAMPLE_STORE, "Zero draft", "Rev.1")
    arabic = compare_files(CASES / "ar-resolution.old.md", CASES / "ar-resolution.new.md")
    texts = {
        "inline": render_comparison_html(compared.comparison, compared.old, compared.new),
        "side-by-side": render_comparison_html(compared.comparison, compared.old, compared.new, view="side-by-side"),
        "arabic": render_comparison_html(arabic.comparison, arabic.old, arabic.new),
        "rev2": render_round_html(negotiation.round("Rev.2")),
        "compilation": render_compilation_html(compile_round(negotiation, "Zero draft",
                                                             statuses=tuple(ProposalStatus)), colour_statuses=True),
        "progress": render_progress_html(negotiation_progress(negotiation)),
    }
    out = {}
    for name, text in texts.items():
        out[name] = folder / f"{name}.html"
        out[name].write_text(text, encoding="utf-8")
    return out


def test_each_status_tag_has_its_own_colour(browser, pages) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(javascript=False)
    page.open(pages["rev2"])
    colours = page.evaluate("""Object.fromEntries([...document.querySelectorAll('.status')].map(
        e => [e.className.replace('status ', ''), getComputedStyle(e).backgroundColor]))""")
    assert set(colours) == {"status-agreed", "status-agreed-ad-ref", "status-pending"}
    assert colours["status-agreed"] == "rgb(226, 239, 217)"
    assert colours["status-agreed-ad-ref"] == "rgb(222, 234, 246)"
    assert colours["status-pending"] == "rgb(255, 242, 204)"
    assert min(page.evaluate(CONTRAST % "'.status'")) >= 4.5
    page.close()


def test_greyed_proposals_keep_a_contrast_of_at_least_4_5_to_1(browser, pages) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(javascript=False)
    page.open(pages["compilation"])
    selector = "'.ps-rejected, .ps-withdrawn, .ps-rejected + .by, .ps-withdrawn + .by, li.ps-rejected .by'"
    ratios = page.evaluate(CONTRAST % selector)
    assert len(ratios) >= 4
    assert min(ratios) >= 4.5
    page.close()


def test_every_change_is_a_heading_a_screen_reader_can_jump_to(browser, pages) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(javascript=False)
    page.open(pages["inline"])
    counts = page.evaluate("""[document.querySelectorAll('article.change').length,
        document.querySelectorAll('article.change > h2.change-head').length]""")
    assert counts[0] > 0 and counts[0] == counts[1]
    size = page.evaluate("getComputedStyle(document.querySelector('h2.change-head')).fontSize")
    assert size == "16px"  # a heading to the reader, the size of the text to the eye
    page.close()


def test_side_by_side_stacks_on_a_phone_and_names_each_column(browser, pages, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(javascript=False, width=PHONE, height=900)
    page.open(pages["side-by-side"])
    old, new = page.evaluate("""[...document.querySelectorAll('article.op-edited .columns > div')].slice(0, 2)
        .map(d => { const r = d.getBoundingClientRect(); return [r.left, r.top, r.width]; })""")
    assert old[0] == new[0] and new[1] > old[1]  # one above the other
    assert old[2] > PHONE * 0.8  # the whole width, not six words a column
    names = page.evaluate("""[...document.querySelectorAll('article.op-edited .columns > div')].slice(0, 2)
        .map(d => getComputedStyle(d, '::before').content)""")
    assert names == ['"Zero draft"', '"Rev.1"']
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth") is True
    page.close()
    page = browser.new_page(javascript=False, width=1200)
    page.open(pages["side-by-side"])
    old, new = page.evaluate("""[...document.querySelectorAll('article.op-edited .columns > div')].slice(0, 2)
        .map(d => { const r = d.getBoundingClientRect(); return [r.left, r.top]; })""")
    assert new[0] > old[0] and new[1] == old[1]  # side by side on a desktop
    page.close()


def test_progress_is_readable_at_phone_width(browser, pages) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(javascript=False, width=PHONE, height=900)
    page.open(pages["progress"])
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth") is True
    # the charts keep type of at least 10 px, scrolling sideways in their box
    widths = page.evaluate("[...document.querySelectorAll('.chart svg')].map(s => s.getBoundingClientRect().width)")
    assert widths and all(width * 12 / 720 >= 10 for width in widths)
    # no table is cut: each is whole inside a box that scrolls
    cut = page.evaluate("""[...document.querySelectorAll('table.numbers-table')].filter(t =>
        t.parentElement.className !== 'table-scroll' && t.getBoundingClientRect().right > window.innerWidth).length""")
    assert cut == 0
    page.close()


def test_printing_gives_the_changes_and_their_context_not_every_unchanged_paragraph(browser, pages) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(javascript=False)
    page.open(pages["side-by-side"])
    page.media("print")
    quiet = page.evaluate("[...document.querySelectorAll('article.quiet')].filter(e => e.checkVisibility()).length")
    assert quiet == 0
    summaries = page.evaluate("[...document.querySelectorAll('details.fold > summary')].map(s => s.checkVisibility())")
    assert summaries and all(summaries)
    changes = page.evaluate("[...document.querySelectorAll('article.change')].map(e => e.checkVisibility())")
    assert changes and all(changes)
    # each change names its columns, since one head at the top prints once
    assert page.evaluate("getComputedStyle(document.querySelector('.columns > .old'), '::before').display") == "block"
    pdf = page.send("Page.printToPDF", {"preferCSSPageSize": True})["data"]
    page.close()
    assert len(pdf) > 1000


def test_a_change_head_reads_right_to_left_in_an_arabic_page(browser, pages) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(javascript=False)
    page.open(pages["arabic"])
    heads = page.evaluate("""[...document.querySelectorAll('article.change > h2.change-head')].map(h => {
        const x = s => { const e = h.querySelector(s); return e ? e.getBoundingClientRect().right : null; };
        return [getComputedStyle(h).direction, x('.op'), x('.labels'), x('.proposers')]; })""")
    assert heads
    for direction, op, labels, proposers in heads:
        assert direction == "rtl"
        assert labels is None or labels < op  # 'عُدِّلت الفقرة 1' read from the right: the op first
        assert proposers is None or proposers < (labels or op)
    page.close()
