"""HTML pages: golden comparisons in four languages, escaping, templates, and Chromium.

Golden cases are found by name in tests/cases/: `<name>.old.md` and `<name>.new.md`
compared as files, `<name>.by.json` (optional) attributing the word changes of the
paragraph with a given label to delegations, and `<name>.expected.html` the inline page
(`--update-golden` rewrites it; look at the page in a browser before committing).
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape

from drafttool.text import markup
from drafttool.compare.diff import compare_rounds, tokenize
from drafttool.model import (
    Attribution, ChangeOp, Comparison, Footnote, Kind, Masthead, Paragraph, ParagraphChange, Round, Segment, SegmentKind, Status,
    StatusValue,
)
from drafttool.operations import Compared, compare_files
from drafttool.renderers.html.markup import escape_text
from drafttool.renderers.words import WORDS
from drafttool.text.markup import cut
from drafttool.renderers.html import render_comparison_html, render_round_html, templates_path

CASES = Path(__file__).parent / "cases"
CASE_NAMES = sorted(p.name[: -len(".old.md")] for p in CASES.glob("*.old.md"))
EQUAL, DELETE, INSERT = SegmentKind.EQUAL, SegmentKind.DELETE, SegmentKind.INSERT


def attributed(comparison: Comparison, by_label: dict[str, list[str]]) -> Comparison:
    """The comparison with the word changes of each labelled paragraph (new label, or old
    for a deletion; 'footnote N' for a footnote) attributed to the delegations given."""
    def label(paragraphs: tuple[Paragraph, ...]) -> str:
        return ", ".join(p.label for p in paragraphs)

    def give(segments: tuple[Segment, ...], codes: list[str] | None) -> tuple[Segment, ...]:
        if not codes:
            return segments
        return tuple(replace(s, by=tuple(codes)) if s.kind is not EQUAL else s for s in segments)

    changes = tuple(replace(c, segments=give(c.segments, by_label.get(label(c.new) or label(c.old))))
                    for c in comparison.changes)
    footnotes = tuple(
        replace(f, segments=give(f.segments, by_label.get(f"footnote {(f.new or f.old).label}")))  # type: ignore[union-attr]
        for f in comparison.footnotes)
    return replace(comparison, changes=changes, footnotes=footnotes)


def load_case(name: str) -> Compared:
    compared = compare_files(CASES / f"{name}.old.md", CASES / f"{name}.new.md")
    by_file = CASES / f"{name}.by.json"
    if by_file.exists():
        compared = replace(compared, comparison=attributed(compared.comparison, json.loads(by_file.read_text())))
    return compared


def render_case(name: str, view: str = "inline") -> str:
    compared = load_case(name)
    return render_comparison_html(compared.comparison, compared.old, compared.new, view=view)  # type: ignore[arg-type]


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text, of a page."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def find(self, tag: str, **attributes: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag and all(a.get(k.replace("_", "-")) == v
                                                            for k, v in attributes.items())]


# ---------------------------------------------------------------------------------------
# Golden pages


@pytest.mark.parametrize("name", CASE_NAMES)
def test_comparison_page_matches_its_golden_file(name: str, update_golden: bool) -> None:
    page = render_case(name)
    expected = CASES / f"{name}.expected.html"
    if update_golden:
        expected.write_text(page, encoding="utf-8")
    assert expected.exists(), f"{expected.name} is missing: run pytest --update-golden, then look at the page"
    assert page == expected.read_text(encoding="utf-8")


def test_there_are_golden_cases_in_four_languages() -> None:
    languages = {load_case(name).new.language for name in CASE_NAMES}
    assert {"fr", "en", "ar", "zh"} <= languages


@pytest.mark.parametrize("view", ["inline", "side-by-side"])
@pytest.mark.parametrize("name", CASE_NAMES)
def test_rendering_twice_gives_the_same_page(name: str, view: str) -> None:
    assert render_case(name, view) == render_case(name, view)


@pytest.mark.parametrize("view", ["inline", "side-by-side"])
@pytest.mark.parametrize("name", CASE_NAMES)
def test_every_word_of_both_rounds_appears_escaped(name: str, view: str) -> None:
    compared = load_case(name)
    page = render_comparison_html(compared.comparison, compared.old, compared.new, view=view)  # type: ignore[arg-type]
    for round_ in (compared.old, compared.new):
        for text in [p.text for p in round_.paragraphs] + [f.text for f in round_.footnotes]:
            for token in tokenize(markup.plain(text)):
                if token.strip():
                    assert str(escape(token)) in page, (name, token)


@pytest.mark.parametrize("name", CASE_NAMES)
def test_every_change_is_an_article_with_its_op(name: str) -> None:
    compared = load_case(name)
    page = Elements(render_case(name))
    articles = page.find("article")
    assert [a["data-op"] for a in articles] == [c.op.value for c in compared.comparison.changes]
    assert [a["id"] for a in articles] == [f"c-{n}" for n in range(1, len(articles) + 1)]


# ---------------------------------------------------------------------------------------
# What a comparison page shows


@pytest.fixture(scope="module")
def french() -> Compared:
    return load_case("fr-declaration")


@pytest.fixture(scope="module")
def french_page(french: Compared) -> str:
    return render_comparison_html(french.comparison, french.old, french.new)


def article(page: str, op: str, number: int = 0) -> str:
    """The HTML of the `number`th article with this op."""
    found = re.findall(rf'<article class="[^"]*" id="c-\d+" data-op="{op}".*?</article>', page, re.DOTALL)
    return found[number]


def test_the_page_is_self_contained(french_page: str) -> None:
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", french_page)
    assert "@import" not in french_page and "url(" not in french_page
    assert french_page.count("<style>") == 1 and french_page.count("<script>") == 1


def test_moved_paragraph_says_where_it_came_from(french_page: str) -> None:
    moved = article(french_page, "moved")
    assert '<span class="op">déplacé</span> <bdi class="labels">par. 5 → par. 2</bdi>' in moved
    # in one numbering: the paragraph it followed, then what that paragraph is now
    assert '<span class="where">depuis la suite de par. 4 (désormais par. 5) à la suite de par. 1</span>' in moved


def test_renumbered_paragraph_shows_old_and_new_labels(french_page: str) -> None:
    renumbered = article(french_page, "renumbered", 0)
    assert '<bdi class="label">2. → 3.</bdi>' in renumbered
    assert ('<summary lang="fr"><span dir="ltr">paragraphes renumérotés\u00a0: 2 <bdi class="range">par. 2 → par. 3 … '
            'par. 3 → par. 4</bdi></span></summary>') in french_page


def test_split_shows_the_old_paragraph_becoming_two(french_page: str) -> None:
    split = article(french_page, "split")
    assert '<bdi class="labels">par. 4 → par. 5 + par. 6</bdi>' in split
    assert split.count('<p class="para kind-operative">') == 2
    assert 'title="saut de paragraphe ajouté">¶</ins>' in split


def test_merge_shows_two_old_paragraphs_becoming_one() -> None:
    page = render_case("en-resolution")
    merged = article(page, "merged")
    assert '<bdi class="labels">OP 4 + OP 5 → OP 4</bdi>' in merged
    assert 'title="paragraph break removed">¶</del>' in merged
    assert merged.count('<p class="para') == 1


def test_inserted_and_deleted_paragraphs_are_whole_ins_and_del(french_page: str) -> None:
    assert "<ins" in article(french_page, "inserted") and "<del" not in article(french_page, "inserted")
    assert "<del" in article(french_page, "deleted") and "<ins" not in article(french_page, "deleted")


def test_proposers_follow_the_span_they_proposed(french_page: str) -> None:
    edited = article(french_page, "edited", 1)
    assert ('<del data-by="EU"><em>de</em></del><ins data-by="EU"><em>adoptée en</em></ins>'
            '<bdi class="by" data-by="EU">(EU)</bdi><em> 2019</em>') in edited
    assert 'data-by="EU"' in edited.split(">", 1)[0]
    deleted = article(french_page, "deleted")
    assert "contributions volontaires.</del><bdi class=\"by\" data-by=\"USA\">(USA)</bdi>" in deleted


def test_proposal_and_how_it_was_attributed_are_kept() -> None:
    old = Round("A", (Paragraph("p1", "Free humanity from poverty.", label="1."),))
    new = Round("B", (Paragraph("p1", "Free humanity from extreme poverty.", label="1."),))
    comparison = compare_rounds(old, new)
    segments = tuple(replace(s, by=("US",), proposal="prop-7", attribution=Attribution.MATCHED) if s.kind is INSERT else s
                     for s in comparison.changes[0].segments)
    comparison = replace(comparison, changes=(replace(comparison.changes[0], segments=segments),))
    page = render_comparison_html(comparison, old, new)
    assert ('<ins data-by="US" data-proposal="prop-7" data-attribution="matched">extreme </ins>'
            '<bdi class="by" data-by="US" title="matched">(US)</bdi>poverty.') in page


def test_a_change_inside_italics_stays_italic() -> None:
    old = Round("A", (Paragraph("p1", "*Decides to convene* a segment.", label="1."),), language="en")
    new = Round("B", (Paragraph("p1", "*Decides to hold* a segment.", label="1."),), language="en")
    comparison = compare_rounds(old, new)
    page = render_comparison_html(comparison, old, new)
    assert "<em>Decides to </em>" in page
    assert "<del><em>convene</em></del>" in page and "<ins><em>hold</em></ins>" in page
    assert "<em> a segment" not in page and "*" not in article(page, "edited").split("</h2>")[1]


def test_segments_that_cut_a_format_run_keep_their_formats() -> None:
    """Segments cut anywhere, even inside `**` or after a backslash, keep the format of
    their own round's text."""
    old = Round("A", (Paragraph("p1", "Keep **bold *both* text** and \\*stars\\*.", label="1."),))
    new = Round("B", (Paragraph("p1", "Keep **bold** and \\*stars\\*.", label="1."),))
    segments = (Segment(EQUAL, "Keep *"), Segment(EQUAL, "*bo"), Segment(EQUAL, "ld"),
                Segment(DELETE, " *both* text"), Segment(EQUAL, "*"), Segment(EQUAL, "* and \\"),
                Segment(EQUAL, "*stars\\*."))
    change = ParagraphChange(ChangeOp.EDITED, old.paragraphs, new.paragraphs, segments)
    inline = render_comparison_html(Comparison("A", "B", (change,)), old, new)
    assert ('<bdi class="label">1.</bdi> Keep <strong>bo</strong><strong>ld</strong><del><strong> </strong><strong>'
            '<em>both</em></strong><strong> text</strong></del> and *stars*.</p>') in inline
    side_by_side = render_comparison_html(Comparison("A", "B", (change,)), old, new, view="side-by-side")
    assert '<bdi class="label">1.</bdi> Keep <strong>bo</strong><strong>ld</strong> and *stars*.</p>' in side_by_side


def test_format_change_alone_is_marked() -> None:
    old = Round("A", (Paragraph("p1", "Recalling *the Charter* today.", label="1."),))
    new = Round("B", (Paragraph("p1", "Recalling the Charter today.", label="1."),))
    page = render_comparison_html(compare_rounds(old, new), old, new)
    assert '<span class="fmt" title="format changed">the Charter</span>' in page


def test_typographic_changes_are_marked_and_can_be_hidden(french_page: str) -> None:
    typographic = re.search(r'<article class="change op-edited typographic-only"[^>]*>.*?</article>',
                            french_page, re.DOTALL)
    assert typographic is not None
    assert '<del class="typo"><span class="space" title="U+0020">␣</span></del>' in typographic.group()
    assert '<ins class="typo"><span class="space" title="U+00A0">⍽</span></ins>' in typographic.group()
    assert '<input type="checkbox" id="dt-hide-typographic">' in french_page


def test_french_no_break_spaces_are_kept(french: Compared, french_page: str) -> None:
    assert "engageons à\u00a0:" in french_page
    assert "</sup>\u00a0;" in render_round_html(french.new)


def test_footnote_references_link_to_numbered_footnotes(french_page: str) -> None:
    assert '<sup class="fnref"><a href="#fn-fn-1">1</a></sup>' in french_page
    assert 'id="fn-fn-1"' in french_page
    footnotes = french_page.split('id="footnotes"')[1]
    assert '<ins data-by="Secretariat"><em> (E/2019/28)</em></ins>' in footnotes


def test_table_of_numbers_pairs_every_old_label_with_its_new(french: Compared, french_page: str) -> None:
    table = french_page.split('id="numbers"')[1]
    rows = re.findall(r"<tr class=\"op-([a-z]+)\"><td><bdi>([^<]*)</bdi></td><td><bdi>([^<]*)</bdi></td>", table)
    assert len(rows) == len(french.comparison.changes)
    assert ("moved", "5.", "2.") in rows and ("split", "4.", "5., 6.") in rows
    assert ("deleted", "7.", "—") in rows and ("inserted", "—", "8.") in rows


def test_summary_counts_each_op(french: Compared, french_page: str) -> None:
    for op in ChangeOp:
        count = sum(1 for c in french.comparison.changes if c.op is op)
        if count:
            assert f'<li class="op-{op.value}">{WORDS["fr"]["op-" + op.value]}\u00a0: {count}</li>' in french_page


def test_masthead_and_round_labels_head_the_page(french_page: str) -> None:
    head = french_page.split("<main>")[0]
    assert '<p class="mh-symbol" dir="ltr">E/CN.7/2024/L.2/Rev.1</p>' in head
    assert '<bdi class="round-old">Avant-projet</bdi>' in head
    assert '<bdi class="round-new">Rev.1</bdi>' in head
    assert "<h1>Projet de déclaration de haut niveau</h1>" in head


def test_unchanged_paragraphs_are_folded_and_can_be_left_out(french: Compared) -> None:
    page = render_comparison_html(french.comparison, french.old, french.new)
    assert re.search(r'<details class="fold" data-count="\d+">\s*<summary lang="fr"><span dir="ltr">paragraphes '
                     r'inchangés\u00a0: \d+', page)
    lean = render_comparison_html(french.comparison, french.old, french.new, show_unchanged=False)
    assert 'data-op="unchanged"' not in lean.split('id="numbers"')[0]
    assert "paragraphes inchangés non affichés" in lean and 'data-op="renumbered"' in lean


def test_side_by_side_puts_deletions_left_and_insertions_right(french: Compared) -> None:
    page = render_comparison_html(french.comparison, french.old, french.new, view="side-by-side")
    olds = re.findall(r'<div class="old" data-round="[^"]*">.*?</div>', page, re.DOTALL)
    news = re.findall(r'<div class="new" data-round="[^"]*">.*?</div>', page, re.DOTALL)
    assert olds and news
    assert not any("<ins" in block for block in olds) and not any("<del" in block for block in news)
    edited = re.split(r'<div class="new"[^>]*>', article(page, "edited", 1))[1]
    assert "adoptée en" in edited and "de 2019" not in edited


def test_status_changes_are_shown() -> None:
    old = Round("A", (Paragraph("p1", "Text.", label="1."),))
    new = Round("B", (Paragraph("p1", "Text.", label="1.", status=Status(StatusValue.PENDING, pending=("USA",))),))
    page = render_comparison_html(compare_rounds(old, new), old, new)
    assert "status <bdi>open</bdi> → <bdi>pending (USA)</bdi>" in page
    assert '<bdi class="status status-pending">pending (USA)</bdi>' in page


def test_an_unknown_view_is_refused(french: Compared) -> None:
    with pytest.raises(ValueError, match="view must be"):
        render_comparison_html(french.comparison, french.old, french.new, view="diagonal")  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------
# Scripts: right to left, Chinese


def test_arabic_page_is_right_to_left_with_isolated_attributions() -> None:
    page = render_case("ar-resolution")
    assert '<html lang="ar" dir="rtl">' in page
    paragraphs = re.findall(r'<p class="para[^"]*"[^>]*>', page)
    assert paragraphs and all('dir="rtl"' in p for p in paragraphs)
    assert re.search(r'<bdi class="by" dir="rtl" data-by="[^"]+">\((<bdi>[^<]+</bdi>(، )?)+\)</bdi>', page)
    assert '<bdi class="label" dir="rtl">1 -</bdi>' in page and '<bdi class="label" dir="rtl">(أ)</bdi>' in page
    assert '<bdi class="labels" dir="rtl">الفقرة 3 ← الفقرة 2</bdi>' in page


def test_chinese_page_is_marked_as_chinese() -> None:
    page = render_case("zh-resolution")
    assert '<html lang="zh" dir="ltr">' in page
    assert "<ins" in page and "坚定" in page


# ---------------------------------------------------------------------------------------
# Hostile text


HOSTILE = markup.escape('<script>alert("x")</script> {{ 7*7 }} {% if true %}x{% endif %} "quoted" \'single\' '
                        'a\x07b\x00c ' + "x" * 300)


def hostile_rounds() -> tuple[Round, Round]:
    old = Round(
        '<b>"old"</b>',
        (Paragraph("p<1>", HOSTILE, label='1."><'), Paragraph("p2", "Gone {{ x }}.", label="2.")),
        (Footnote('f"1', "Note <i>1</i>", label='"1'),),
        masthead=Masthead(organ="<script>evil()</script>"),
        language='"><script>',
    )
    new = Round(
        "{{ new }}",
        (Paragraph("p<1>", HOSTILE.replace("quoted", "</del><script>") + "[^f\"1]", label='1."><'),),
        (Footnote('f"1', "Note <i>2</i>", label='"1'),),
    )
    return old, new


def test_hostile_text_renders_as_text() -> None:
    old, new = hostile_rounds()
    comparison = compare_rounds(old, new)
    comparison = attributed(comparison, {'1."><': ['E"U', "<G77>", "A|B's"]})
    for view in ("inline", "side-by-side"):
        page = render_comparison_html(comparison, old, new, view=view)  # type: ignore[arg-type]
        elements = Elements(page)
        assert [t for t, _ in elements.tags].count("script") == 1
        assert "<script>alert" not in page and "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
        assert "{{ 7*7 }}" in page and "49" not in page and "{% if true %}" in page
        assert "&lt;/del&gt;&lt;script&gt;" in page
        assert "a\u2407b\u2400c" in page and "\x07" not in page and "\x00" not in page
        codes = {a["data-by"] for _, a in elements.tags if a.get("data-by")}
        assert 'E"U|<G77>|A|B\'s' in codes
        assert {a["value"] for a in elements.find("option")} >= {'E"U', "<G77>", "A|B's"}
        assert "overflow-wrap: anywhere" in page


def test_hostile_round_page_renders_as_text() -> None:
    old, _ = hostile_rounds()
    page = render_round_html(old)
    elements = Elements(page)
    assert [t for t, _ in elements.tags].count("script") == 1
    assert "&lt;script&gt;evil()&lt;/script&gt;" in page and "{{ x }}" in page
    assert elements.find("html")[0]["lang"] == '"><script>'


def test_escaping_agrees_with_markupsafe() -> None:
    text = "<a href=\"x\">'&'</a> {{ }} é\u00a0;"
    assert escape_text(text) == str(escape(text))


@given(st.text(alphabet="ab *\\[^]1\n", max_size=30))
def test_runs_are_those_of_markup_parse(text: str) -> None:
    assert tuple(cut(text, [text])[0]) == markup.parse(text)


@given(st.text(alphabet="ab *\\[^]1", max_size=24), st.lists(st.integers(0, 24), max_size=6))
def test_cut_pieces_keep_each_character_and_its_format(text: str, cuts: list[int]) -> None:
    points = sorted({min(c, len(text)) for c in cuts})
    pieces = [text[a:b] for a, b in zip([0, *points], [*points, len(text)])]
    whole = [(c, r.italic, r.bold) for r in markup.parse(text) if r.footnote is None for c in r.text]
    pieced = [(c, b.italic, b.bold) for bits in cut(text, pieces) for b in bits if b.footnote is None
              for c in b.text]
    assert pieced == whole


# ---------------------------------------------------------------------------------------
# Templates


def test_templates_are_found_where_the_package_expects_them() -> None:
    folder = templates_path()
    for name in ("_base.html", "_partials.html", "_filter.html", "comparison.html", "round.html",
                 "style.css", "filter.js"):
        assert (folder / name).is_file()


def test_a_user_template_can_extend_ours(tmp_path: Path, french: Compared) -> None:
    (tmp_path / "comparison.html").write_text(
        '{% extends "default:comparison.html" %}{% block summary %}<p>Our summary</p>{{ super() }}{% endblock %}')
    page = render_comparison_html(french.comparison, french.old, french.new, templates=tmp_path)
    assert "<p>Our summary</p>" in page and '<section class="summary"' in page


def test_a_misspelt_variable_in_a_template_fails(tmp_path: Path, french: Compared) -> None:
    (tmp_path / "comparison.html").write_text(
        '{% extends "default:comparison.html" %}{% block summary %}{{ coutns }}{% endblock %}')
    with pytest.raises(jinja2.UndefinedError, match="coutns"):
        render_comparison_html(french.comparison, french.old, french.new, templates=tmp_path)


def test_a_misspelt_attribute_in_a_template_fails(tmp_path: Path) -> None:
    (tmp_path / "round.html").write_text('{% extends "default:round.html" %}{% block body %}'
                                         '{% for kind, id, block in paragraphs %}{{ block.lable }}{% endfor %}'
                                         '{% endblock %}')
    round_ = Round("A", (Paragraph("p1", "Text.", label="1."),))
    with pytest.raises(jinja2.UndefinedError, match="lable"):
        render_round_html(round_, templates=tmp_path)


# ---------------------------------------------------------------------------------------
# One round


def test_round_page_shows_labels_levels_statuses_and_footnotes() -> None:
    round_ = Round(
        "Rev.1",
        (Paragraph("title", "A *draft*", Kind.TITLE),
         Paragraph("h1", "Commitments", Kind.HEADING, label="I.", level=1),
         Paragraph("p1", "We *decide*:[^n1]", label="1.", status=Status(StatusValue.AGREED_AD_REF)),
         Paragraph("p1a", "to act;", Kind.SUBPARAGRAPH, label="a)", parent="p1", level=1)),
        (Footnote("n1", "See **annex**.", label="1"),),
        date="2024-03-08", symbol="E/CN.7/2024/L.2/Rev.1", language="fr",
    )
    page = render_round_html(round_)
    assert '<html lang="fr" dir="ltr">' in page
    assert '<h1 id="p-title">A <em>draft</em></h1>' in page
    assert '<h2 id="p-h1" class="para kind-heading level-1"' not in page  # headings are not indented
    assert '<bdi class="label">I.</bdi> Commitments' in page
    assert ('<p id="p-p1" class="para kind-operative"><bdi class="label">1.</bdi> We <em>decide</em>:'
            '<sup class="fnref"><a href="#fn-n1">1</a></sup> <bdi class="status status-agreed-ad-ref">approuvé ad '
            'referendum</bdi></p>'
            in page)
    assert 'class="para kind-subparagraph level-1"' in page
    assert '<li id="fn-n1"><bdi class="label">1</bdi> <span class="text">See <strong>annex</strong>.</span></li>' in page


# ---------------------------------------------------------------------------------------
# In a browser: headless Chromium (tests/chromium.py), one for the module


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory, french: Compared) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pages")
    out = {}
    for view in ("inline", "side-by-side"):
        out[view] = folder / f"{view}.html"
        out[view].write_text(render_comparison_html(french.comparison, french.old, french.new, view=view),  # type: ignore[arg-type]
                             encoding="utf-8")
    out["arabic"] = folder / "arabic.html"
    out["arabic"].write_text(render_case("ar-resolution"), encoding="utf-8")
    out["round"] = folder / "round.html"
    out["round"].write_text(render_round_html(french.new), encoding="utf-8")
    return out


UNITS = """[...document.querySelectorAll('[data-filter-unit]')].map(
    unit => [unit.getAttribute('data-by'), unit.checkVisibility()])"""
FOLDS = "[...document.querySelectorAll('details.fold')].map(fold => fold.checkVisibility())"


def choose(page, code: str) -> None:  # type: ignore[no-untyped-def]
    page.evaluate(f"""(() => {{ const select = document.getElementById('dt-filter-select');
        select.value = {json.dumps(code)}; select.dispatchEvent(new Event('change')); }})()""")


@pytest.mark.parametrize("name", ["inline", "side-by-side", "arabic", "round"])
def test_pages_load_in_chromium_without_errors_or_requests(browser, pages, name: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    page.open(pages[name])
    assert page.evaluate("document.readyState") == "complete"
    assert page.errors == []
    assert page.requests == [pages[name].resolve().as_uri()]
    page.close()


def test_delegation_filter_shows_only_the_changes_of_one_delegation(browser, pages) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    page.open(pages["inline"])
    assert page.evaluate("document.getElementById('dt-filter').checkVisibility()") is True
    options = page.evaluate("[...document.querySelectorAll('#dt-filter-select option')].map(o => o.value)")
    assert options == ["", "CANZ", "EU", "G77", "Secretariat", "Suisse", "USA"]
    choose(page, "EU")
    units = page.evaluate(UNITS)
    assert any(visible for _, visible in units) and not all(visible for _, visible in units)
    for by, visible in units:
        assert visible == ("EU" in by.split("|")), (by, visible)
    assert not any(page.evaluate(FOLDS))
    dimmed = page.evaluate("[...document.querySelectorAll('.dt-other')].map(e => e.getAttribute('data-by'))")
    assert "CANZ|Suisse" in dimmed and all("EU" not in d.split("|") for d in dimmed)
    assert page.evaluate("document.getElementById('dt-filter-count').textContent") == "affichés\u00a0: 2"
    choose(page, "")
    assert all(visible for _, visible in page.evaluate(UNITS))
    assert all(page.evaluate(FOLDS))
    assert page.evaluate("document.querySelectorAll('.dt-other, .dt-filtered-out').length") == 0
    assert page.errors == []
    page.close()


def test_delegation_filter_works_in_side_by_side_and_right_to_left_pages(browser, pages) -> None:  # type: ignore[no-untyped-def]
    for name, code in (("side-by-side", "G77"), ("arabic", "المجموعة العربية")):
        page = browser.new_page()
        page.open(pages[name])
        choose(page, code)
        for by, visible in page.evaluate(UNITS):
            assert visible == (code in by.split("|")), (name, by, visible)
        assert page.errors == []
        page.close()


def test_without_javascript_everything_is_shown_and_the_filter_is_not(browser, pages) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(javascript=False)
    page.open(pages["inline"])
    assert page.evaluate("document.documentElement.hasAttribute('data-filter')") is False  # the script did not run
    assert page.evaluate("document.getElementById('dt-filter').checkVisibility()") is False
    assert all(visible for _, visible in page.evaluate(UNITS))
    assert all(page.evaluate(FOLDS))
    assert page.evaluate("document.querySelectorAll('.dt-other, .dt-filtered-out').length") == 0
    # the typographic toggle needs no script
    page.evaluate("document.getElementById('dt-hide-typographic').click()")
    assert page.evaluate("[...document.querySelectorAll('.typographic-only')].some(e => e.checkVisibility())") is False
    page.close()


def test_typographic_toggle_hides_typographic_changes(browser, pages) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    page.open(pages["inline"])
    typographic = "[...document.querySelectorAll('article.typographic-only, ins.typo')].map(e => e.checkVisibility())"
    struck = "getComputedStyle(document.querySelector('del.typo')).textDecorationLine"
    assert page.evaluate(typographic) and all(page.evaluate(typographic))
    assert page.evaluate(struck) == "line-through"
    page.evaluate("document.getElementById('dt-hide-typographic').click()")
    assert not any(page.evaluate(typographic))
    assert page.evaluate(struck) == "none"
    assert page.evaluate("document.querySelector('article[data-op=moved]').checkVisibility()") is True
    page.evaluate("document.getElementById('dt-hide-typographic').click()")
    assert all(page.evaluate(typographic))
    page.close()


def test_printing_keeps_folds_to_their_summary_and_drops_the_controls(browser, pages) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(javascript=False)
    page.open(pages["inline"])
    quiet = "[...document.querySelectorAll('article.quiet')].map(e => e.checkVisibility())"
    assert not any(page.evaluate(quiet))  # folded on screen
    page.media("print")
    assert not any(page.evaluate(quiet))  # and on paper: the changes and their context only
    assert page.evaluate("document.querySelector('.controls').checkVisibility()") is False
    page.media("")
    page.close()


def test_hostile_text_neither_runs_nor_overflows_in_chromium(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    old, new = hostile_rounds()
    comparison = attributed(compare_rounds(old, new), {'1."><': ['E"U', "<G77>"]})
    path = tmp_path / "hostile.html"
    path.write_text(render_comparison_html(comparison, old, new, view="side-by-side"), encoding="utf-8")
    page = browser.new_page(width=800)
    page.open(path)
    assert page.errors == []
    assert page.evaluate("document.querySelectorAll('script').length") == 1
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth") is True
    choose(page, '<G77>')
    assert page.evaluate("document.querySelectorAll('article.change:not(.dt-filtered-out)').length") == 1
    page.close()


def test_a_missing_chromium_is_named_with_the_way_to_install_it(tmp_path: Path) -> None:
    from chromium import Chromium, ChromiumMissing

    with pytest.raises(ChromiumMissing, match="apt-get install -y --no-install-recommends chromium"):
        Chromium(str(tmp_path / "chromium"))
