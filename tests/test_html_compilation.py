"""HTML pages of the compilation text, the blame of a round and the progress of a
negotiation: golden compilations in four languages, what each page shows, escaping,
templates, and Chromium.

Golden pages are in tests/cases/compilation/: `<name>.expected.html`, the compilation
text of the example negotiation (French, drafts/cnd-2024) and of small negotiations built
here from `en.md`, `ar.md` and `zh.md` with proposals of every kind — overlapping ones,
identical ones, an alternative, added paragraphs, deletions, a move, a retain, a
statement, a footnote proposal — some of them decided (`--update-golden` rewrites them;
look at the pages in a browser before committing).
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import jinja2
import pytest
from markupsafe import escape

from drafttool.text import markup
from drafttool.negotiate.attribution import blame
from drafttool.negotiate.compilation import Compilation, compile_round
from drafttool.renderers.words import LEGEND, LEGEND_NOTES, NOTE_INTROS, PAGE_PHRASES, attribution_text, legend
from drafttool.compare.diff import tokenize
from drafttool.model import (
    Anchor, Delegation, Footnote, Masthead, Negotiation, Paragraph, Proposal, ProposalOp, ProposalStatus, Round, Status,
    StatusValue,
)
from drafttool.operations import add_delegation, decide, import_round, propose, set_status
from drafttool.negotiate.progress import negotiation_progress
from drafttool.renderers.html import render_blame_html, render_compilation_html, render_progress_html, templates_path
from drafttool.renderers.html.progress import bar_chart
from drafttool.store import create_store, load_store

from test_html import Elements, choose  # the comparison page's helpers

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).parent / "cases" / "compilation"
EXAMPLE = ROOT / "drafts" / "cnd-2024"
EVERY = tuple(ProposalStatus)
INSERT, DELETE, REPLACE = ProposalOp.INSERT, ProposalOp.DELETE, ProposalOp.REPLACE
ADD, DELETE_PARAGRAPH, MOVE = ProposalOp.ADD_PARAGRAPH, ProposalOp.DELETE_PARAGRAPH, ProposalOp.MOVE_PARAGRAPH
ALTERNATIVE, RETAIN, STATEMENT = ProposalOp.ALTERNATIVE, ProposalOp.RETAIN, ProposalOp.STATEMENT


# ---------------------------------------------------------------------------------------
# Small negotiations in English, Arabic and Chinese, built with drafttool.operations


def draft(pid: str, op: ProposalOp, by: tuple[str, ...], paragraph: str | None, quote: str = "", text: str = "",
          *, between: tuple[str, str] = ("", ""), **fields: object) -> Proposal:
    """A proposal as a delegation hands it in: words quoted, or a point `between` words."""
    return Proposal(pid, "", op, by, paragraph, Anchor(quote, *between), text, date="2024-10-03",
                    **fields)  # type: ignore[arg-type]


def build_store(folder: Path, language: str, title: str, round_label: str, delegations: tuple[Delegation, ...],
                drafts: tuple[Proposal, ...], decisions: dict[str, ProposalStatus],
                statuses: dict[str, Status] | None = None) -> Path:
    store = folder / language
    create_store(store, title=title, language=language)
    import_round(store, CASES / f"{language}.md", label=round_label, date="2024-10-01")
    known = {d.code for d in load_store(store).delegations}
    for delegation in delegations:
        if delegation.code not in known:  # the Member States are there from the start
            add_delegation(store, delegation)
    for proposal in drafts:
        propose(store, proposal)
    for pid, status in decisions.items():
        decide(store, [pid], status, date="2024-10-10")
    for paragraph, paragraph_status in (statuses or {}).items():
        set_status(store, paragraph, paragraph_status)
    return store


def english(folder: Path) -> Path:
    return build_store(
        folder, "en", "Countering the world drug problem", "Zero draft",
        (Delegation("USA", "United States of America"), Delegation("RUS", "Russian Federation"),
         Delegation("NOR", "Norway"), Delegation("CHN", "China"), Delegation("MEX", "Mexico")),
        (
            draft("eu-1", REPLACE, ("EU",), "p1", "high-level segment", "ministerial segment", supporters=("NOR",)),
            draft("g77-1", REPLACE, ("G77",), "p1", "a high-level segment in 2029", "a special session in 2030",
                  opponents=("EU",)),
            draft("usa-1", INSERT, ("USA",), "p2", text=" and good practices", between=("emerging trends", "")),
            draft("canz-1", INSERT, ("CANZ",), "p2", text=" and good practices", between=("emerging trends", "")),
            draft("usa-2", DELETE, ("USA",), "p3", "closely "),
            draft("rus-1", ALTERNATIVE, ("RUS",), "p4", text="*Requests* the Office to report on its work.",
                  label="OP4 alt"),
            draft("g77-2", ADD, ("G77",), "p4", text="*Urges* Member States to ensure access to controlled "
                                                     "medicines;"),
            draft("nor-1", ADD, ("NOR",), "p1", text="*Welcomes* the work of the Commission;", before=True),
            draft("eu-2", DELETE_PARAGRAPH, ("EU",), "p6"),
            draft("mex-1", MOVE, ("MEX",), "p2", place="p3", note="Information follows cooperation."),
            draft("chn-1", RETAIN, ("CHN",), "p5.b"),
            draft("rus-2", STATEMENT, ("RUS",), "p5", text="The Russian Federation reserves its position on "
                                                           "*extrabudgetary* resources."),
            draft("eu-3", INSERT, ("EU",), "fn-1", text=", Supplement No. 49 (A/78/49)",
                  between=("Seventy-eighth Session", "")),
        ),
        {"rus-1": ProposalStatus.REJECTED, "mex-1": ProposalStatus.ACCEPTED, "chn-1": ProposalStatus.WITHDRAWN},
        {"p3": Status(StatusValue.AGREED_AD_REF, when="2024-10-04"),
         "pp1": Status(StatusValue.PENDING, when="2024-10-04", pending=("USA",)),
         "p5.a": Status(StatusValue.AGREED, when="2024-10-04")},
    )


ARAB_GROUP = "المجموعة العربية"


def arabic(folder: Path) -> Path:
    return build_store(
        folder, "ar", "الإعلان الوزاري", "المشروع الأولي",
        (Delegation(ARAB_GROUP, "المجموعة العربية", group=True), Delegation("USA", "United States of America")),
        (
            draft("arab-1", INSERT, (ARAB_GROUP,), "p2", text=" والخبرات", between=("تبادل المعلومات", "")),
            draft("eu-1", REPLACE, ("EU",), "p3", "أن يواصل عمله", "أن يعزز عمله"),
            draft("g77-1", REPLACE, ("G77",), "p3", "يواصل", "يكثف", supporters=(ARAB_GROUP,)),
            draft("usa-1", DELETE, ("USA",), "p4.b", " وجمع البيانات"),
            draft("eu-2", ALTERNATIVE, ("EU",), "p5", text="*تقرر* أن تواصل النظر في المسألة."),
            draft("g77-2", ADD, ("G77",), "p3", text="*تحث* الدول الأعضاء على تعزيز التعاون الدولي؛",
                  label="3 مكرراً"),
            draft("arab-2", STATEMENT, (ARAB_GROUP,), "p1", text="تحتفظ المجموعة العربية بموقفها."),
            draft("eu-3", INSERT, ("EU",), "fn-1", text="، الملحق رقم 8", between=("2019", "")),
        ),
        {},
        {"p2": Status(StatusValue.AGREED, when="2024-10-04")},
    )


def chinese(folder: Path) -> Path:
    return build_store(
        folder, "zh", "应对世界毒品问题", "零草案",
        (Delegation("CHN", "China"), Delegation("USA", "United States of America"),
         Delegation("RUS", "Russian Federation")),
        (
            draft("chn-1", INSERT, ("CHN",), "p1", text="有效", between=("致力于处理和", "应对")),
            draft("eu-1", REPLACE, ("EU",), "p2", "新趋势", "新出现的趋势和挑战"),
            draft("usa-1", REPLACE, ("USA",), "p2", "新趋势交流信息", "新趋势和良好做法交流信息"),
            draft("rus-1", DELETE, ("RUS",), "p4.b", "和数据收集"),
            draft("g77-1", ALTERNATIVE, ("G77",), "p3", text="*请*联合国毒品和犯罪问题办公室加强其工作；"),
            draft("eu-2", ADD, ("EU",), "p4", text="*鼓励*会员国加强国际合作；"),
            draft("usa-2", STATEMENT, ("USA",), "p5", text="美国对本段保留立场。"),
            draft("chn-2", INSERT, ("CHN",), "fn-1", text="，补编第8号", between=("2019年", "")),
        ),
        {"usa-1": ProposalStatus.REJECTED, "chn-1": ProposalStatus.ACCEPTED, "rus-1": ProposalStatus.WITHDRAWN},
        {"p1": Status(StatusValue.AGREED_AD_REF, when="2024-10-04")},
    )


@pytest.fixture(scope="session")
def stores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("compilation-stores")
    example = folder / "cnd-2024"
    shutil.copytree(EXAMPLE, example)
    return {"fr": example, "en": english(folder), "ar": arabic(folder), "zh": chinese(folder)}


@pytest.fixture(scope="session")
def negotiations(stores: dict[str, Path]) -> dict[str, Negotiation]:
    return {language: load_store(path) for language, path in stores.items()}


GOLDEN: dict[str, tuple[str, bool, dict[str, object]]] = {
    # name: (store, every status, render options)
    "fr-cnd-2024": ("fr", True, {}),
    "en-resolution": ("en", True, {"attribution": "dash", "colour_statuses": True}),
    "en-resolution-anonymous": ("en", False, {"attribution": "none"}),
    "ar-resolution": ("ar", False, {}),
    "zh-resolution": ("zh", True, {}),
}


def compilation_of(negotiations: dict[str, Negotiation], name: str) -> Compilation:
    language, every, _ = GOLDEN[name]
    negotiation = negotiations[language]
    return compile_round(negotiation, negotiation.rounds[0].label, statuses=EVERY if every else
                         (ProposalStatus.PENDING,))


def compiled_language(negotiations: dict[str, Negotiation], name: str) -> str:
    return compilation_of(negotiations, name).round.language


def page_of(negotiations: dict[str, Negotiation], name: str) -> str:
    return render_compilation_html(compilation_of(negotiations, name), **GOLDEN[name][2])  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def page(negotiations: dict[str, Negotiation]) -> Callable[[str], str]:
    cache: dict[str, str] = {}

    def get(name: str) -> str:
        if name not in cache:
            cache[name] = page_of(negotiations, name)
        return cache[name]

    return get


def paragraph_html(page: str, paragraph_id: str) -> str:
    """The HTML of one compiled paragraph (its `div.cp`), notes included."""
    found = re.search(rf'<div class="cp[^"]*" id="p-{re.escape(paragraph_id)}".*?\n</div>\n', page, re.DOTALL)
    assert found is not None, paragraph_id
    return found.group()


# ---------------------------------------------------------------------------------------
# Golden pages


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_compilation_page_matches_its_golden_file(name: str, page: Callable[[str], str], update_golden: bool) -> None:
    expected = CASES / f"{name}.expected.html"
    if update_golden:
        expected.write_text(page(name), encoding="utf-8")
    assert expected.exists(), f"{expected.name} is missing: run pytest --update-golden, then look at the page"
    assert page(name) == expected.read_text(encoding="utf-8")


def test_there_are_golden_compilations_in_four_languages(negotiations: dict[str, Negotiation]) -> None:
    assert {negotiations[language].rounds[0].language for language, _, _ in GOLDEN.values()} == {"fr", "en", "ar", "zh"}


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_rendering_a_compilation_twice_gives_the_same_page(name: str, negotiations: dict[str, Negotiation]) -> None:
    compilation = compilation_of(negotiations, name)
    options = GOLDEN[name][2]
    assert render_compilation_html(compilation, **options) == render_compilation_html(compilation, **options)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_every_word_of_the_round_and_its_proposals_appears_escaped(name: str, negotiations: dict[str, Negotiation],
                                                                     page: Callable[[str], str]) -> None:
    compilation = compilation_of(negotiations, name)
    texts = [p.text for p in compilation.round.paragraphs] + [f.text for f in compilation.round.footnotes]
    texts += [piece.text for c in compilation.paragraphs for piece in c.pieces]
    texts += [a.text for c in compilation.paragraphs for a in c.alternatives]
    texts += [text for c in compilation.paragraphs for _, text in c.statements]
    for text in texts:
        for token in tokenize(markup.plain(text)):
            if token.strip():
                assert str(escape(token)) in page(name), (name, token)


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_every_compiled_paragraph_is_shown_once_in_order(name: str, negotiations: dict[str, Negotiation],
                                                         page: Callable[[str], str]) -> None:
    compilation = compilation_of(negotiations, name)
    ids = re.findall(r'<div class="cp[^"]*" id="p-([^"]+)"', page(name))
    if GOLDEN[name][2].get("attribution") == "none":  # proposal ids name their delegation
        added = iter(range(1, len(ids) + 1))
        assert ids == [f"added-{next(added)}" if c.proposed_by else c.paragraph.id for c in compilation.paragraphs]
    else:
        assert ids == [str(escape(c.paragraph.id)) for c in compilation.paragraphs]


# ---------------------------------------------------------------------------------------
# What the compilation text shows (the example negotiation, in French)


def test_the_page_is_self_contained(page: Callable[[str], str]) -> None:
    for name in GOLDEN:
        html = page(name)
        assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
        assert "@import" not in html and "url(" not in html
        assert html.count("<style>") == 1 and html.count("<script>") == 1


def test_masthead_gives_the_symbol_the_date_and_the_round(page: Callable[[str], str]) -> None:
    head = page("fr-cnd-2024").split("<main")[0]
    assert '<p class="mh-symbol" dir="ltr">E/CN.7/2024/L.2</p>' in head
    assert '<p class="mh-date">12 janvier 2024</p>' in head
    assert ('<p class="rounds" lang="fr"><span dir="ltr">Texte de compilation\u00a0: <bdi class="round-label">Zero '
            'draft</bdi> (<bdi>12 janvier 2024</bdi>) · propositions présentées\u00a0: 8, de tous états (en attente, '
            'acceptée, rejetée, retirée, fusionnée)</span></p>') in head
    assert ('<div class="dt-control dt-filter" id="dt-filter" hidden lang="fr" dir="ltr" data-count="proposals" '
            'data-count-one="propositions\u00a0: 1" data-count-many="propositions\u00a0: {n}">\n<label '
            'for="dt-filter-select">Afficher les amendements proposés par</label>\n<select id="dt-filter-select">\n'
            '<option value="">toutes les délégations</option>') in head
    english = page("en-resolution").split("<main")[0]
    assert ('<p class="rounds" lang="en"><span dir="ltr">Compilation text: <bdi class="round-label">Zero draft</bdi> '
            '(<bdi>1 October 2024</bdi>) · 12 proposals shown, of every status') in english
    assert '<span dir="rtl">النص التجميعي: <bdi class="round-label">' in page("ar-resolution")


def test_legend_gives_the_conventions_and_how_attribution_is_written(page: Callable[[str], str]) -> None:
    head = page("fr-cnd-2024").split("<main")[0]
    assert ('<section class="legend-box" aria-labelledby="legend-title" lang="fr" dir="ltr">\n'
            '<h2 id="legend-title">Légende</h2>') in head
    for key, text in legend("fr"):
        assert f'<li class="legend-{key}" lang="fr" dir="ltr">{escape(text)}</li>' in head
    # the examples name delegations of the negotiation, in the words of its language
    assert ('<li class="legend-attribution" lang="fr" dir="ltr">Les auteurs suivent chaque proposition, entre '
            'parenthèses\u00a0: <bdi class="by">(RUS)</bdi>, <bdi class="by">(RUS, EU\u00a0: supprimer)</bdi>, '
            '<bdi class="by">(RUS\u00a0; appuyé par EU\u00a0; objection de CANZ)</bdi>.</li>') in head
    assert "USA, CAN" not in head
    assert '<li class="legend-every-status" lang="fr"' in head
    dash = page("en-resolution").split("<main")[0]
    assert ('The proposers follow each proposal after a dash: <bdi class="by">– NOR</bdi>, '
            '<bdi class="by">– NOR, G77 delete</bdi>, <bdi class="by">– NOR; supported by G77; opposed by EU</bdi>.'
            ) in dash
    assert "lang=\"en\"" in dash and "Words proposed for insertion are in bold and underlined" in dash


@pytest.mark.parametrize("code", ["en", "fr", "es", "ru", "ar", "zh"])
def test_the_legend_and_notes_are_written_in_each_of_the_six_languages(code: str) -> None:
    assert [key for key, _ in LEGEND[code]] == [key for key, _ in LEGEND["en"]]
    assert LEGEND_NOTES[code].keys() == LEGEND_NOTES["en"].keys()
    assert NOTE_INTROS[code].keys() == NOTE_INTROS["en"].keys()
    assert "{label}" in NOTE_INTROS[code]["after"] and "{label}" in NOTE_INTROS[code]["before"]
    for style in ("parentheses", "dash"):
        assert all(f"{{{sample}}}" in LEGEND_NOTES[code][style] for sample in ("insert", "delete", "support"))
    texts = [text for _, text in LEGEND[code]] + list(LEGEND_NOTES[code].values())
    texts += [text for key, text in NOTE_INTROS[code].items() if key not in ("colon", "after-colon")]
    assert PAGE_PHRASES[code].keys() == PAGE_PHRASES["en"].keys()
    assert all("{n}" in PAGE_PHRASES[code][key] for key in ("shown", "count", "skipped"))
    page_words = list(PAGE_PHRASES[code].values())
    assert len(set(texts)) == len(texts)
    if code != "en":  # translated, not English left behind
        english = {text for key, text in NOTE_INTROS["en"].items() if key not in ("colon", "after-colon")}
        assert not set(texts) & ({text for _, text in LEGEND["en"]} | set(LEGEND_NOTES["en"].values()) | english)
    if code == "fr":  # French typography: a no-break space before ; : ! ?
        assert not any(re.search(r"[^\u00a0\u202f][;:!?]", text) for text in texts + page_words)


def test_an_anonymous_compilation_says_so_and_names_no_delegation_anywhere(page: Callable[[str], str]) -> None:
    html = page("en-resolution-anonymous")
    assert ('<li class="legend-attribution" lang="en" dir="ltr">Attribution is omitted: the proposals are shown '
            'without the delegations that made them.</li>') in html
    # the status of a paragraph may name whom it waits for ('pending (USA)'): that is no attribution
    body = re.sub(r'<bdi class="status[^"]*"[^>]*>[^<]*</bdi>', "", html.split("<main")[1])
    shown = html.split("<body")[1].split("<script>")[0]
    assert "data-by" not in shown and "data-proposal" not in shown and 'id="dt-filter"' not in shown
    for code in ("EU", "G77", "USA", "CANZ", "RUS", "NOR", "MEX", "CHN", "eu-1", "g77"):
        assert not re.search(rf"\b{code}\b", body), code
    assert "<ins>ministerial segment</ins>" in body and '<bdi class="label">4 bis</bdi>' in body
    assert 'id="p-added-2"' in body and "Proposed for deletion</span></li>" in body


def test_insertions_and_deletions_are_followed_by_their_proposers(page: Callable[[str], str]) -> None:
    html = page("fr-cnd-2024")
    assert ('<ins class="ps-accepted" data-by="EU" data-proposal="eu-1">, saluons les efforts déployés par les États '
            'parties pour se conformer aux dispositions de ces instruments et veiller à leur bonne application,</ins> '
            '<bdi class="by" data-by="EU" title="eu-1 · 2024-01-22">(EU\u00a0; appuyé par CANZ, NOR)</bdi> '
            '<span class="pstatus ps-accepted" data-by="EU">[acceptée]</span> et prions') in html
    # a deletion's trailing space goes after its proposers, not before them
    assert ('promouvoir <del class="ps-rejected" data-by="RUS" data-proposal="rus-1">tous les droits humains, toutes '
            'les libertés fondamentales et</del> <bdi class="by" data-by="RUS" title="rus-1 · 2024-01-22">(RUS\u00a0: '
            'supprimer\u00a0; objection de EU, CANZ)</bdi> <span class="pstatus ps-rejected" data-by="RUS">'
            '[rejetée]</span> la dignité') in html
    # a replacement: the words struck, then the new ones, the proposers once
    assert ('<del class="ps-withdrawn" data-by="CANZ" data-proposal="canz-1">réduire au minimum les conséquences '
            'néfastes</del> <ins class="ps-withdrawn" data-by="CANZ" data-proposal="canz-1">réduire les risques et '
            'les méfaits</ins> <bdi class="by"') in html


def test_the_attribution_is_the_compilations_own_words(negotiations: dict[str, Negotiation],
                                                       page: Callable[[str], str]) -> None:
    for name in ("fr-cnd-2024", "en-resolution"):
        style = str(GOLDEN[name][2].get("attribution", "parentheses"))
        for compiled in compilation_of(negotiations, name).paragraphs:
            for piece in compiled.pieces:
                words = attribution_text(piece, style, language=compiled_language(negotiations, name)).strip()
                if words:
                    assert f">{escape(words)}</bdi>" in page(name), words


def test_identical_proposals_are_shown_once_with_all_their_proposers(page: Callable[[str], str]) -> None:
    added = paragraph_html(page("fr-cnd-2024"), "add-afg-1")
    assert 'data-filter-unit data-by="AfG|G77" data-proposal="afg-1|g77-1"' in added
    assert '<bdi class="label">11 bis</bdi> <ins class="ps-accepted" data-by="AfG|G77"' in added
    assert added.count("<ins") == 1 and "(AfG, G77)</bdi>" in added
    two = paragraph_html(page("en-resolution"), "p2")
    assert two.count("good practices") == 1 and "– CANZ, USA</bdi>" in two


def test_added_paragraphs_are_placed_with_their_bis_and_supra_labels(negotiations: dict[str, Negotiation],
                                                                     page: Callable[[str], str]) -> None:
    html = page("fr-cnd-2024")
    assert html.index('id="p-p11"') < html.index('id="p-add-afg-1"') < html.index('id="p-p12"')
    english = page("en-resolution")
    assert english.index('id="p-add-nor-1"') < english.index('id="p-p1"')
    assert '<bdi class="label">1 supra</bdi>' in paragraph_html(english, "add-nor-1")
    assert english.index('id="p-p4"') < english.index('id="p-add-g77-2"') < english.index('id="p-p5"')
    assert '<bdi class="label">4 bis</bdi>' in paragraph_html(english, "add-g77-2")
    assert 'class="cp st-open cp-added"' in paragraph_html(english, "add-g77-2")


def test_alternatives_are_listed_under_their_paragraph_with_their_labels(page: Callable[[str], str]) -> None:
    twelve = paragraph_html(page("fr-cnd-2024"), "p12")
    assert ('<li class="pnote pnote-alternative ps-rejected" data-filter-unit data-by="USA" data-proposal="usa-1">'
            '<bdi class="alt-label">OP12 alt</bdi> <ins class="alt-text">Nous décidons d&#39;examiner en 2029'
            ) in twelve
    assert "(USA\u00a0; objection de G77)</bdi>" in twelve and "[rejetée]</span></li>" in twelve
    assert twelve.index("</p>") < twelve.index('class="pnotes"')


def test_whole_paragraph_proposals_and_statements_are_notes_under_it(page: Callable[[str], str]) -> None:
    assert ('<span class="intro" lang="fr" dir="ltr">Proposition de déplacement après 30.</span> <bdi class="by" '
            'data-by="AfG" title="afg-2 · 2024-01-22 · Belongs with cooperation at all levels (section III.A).">'
            '(AfG)</bdi>') in paragraph_html(page("fr-cnd-2024"), "p26")
    english = page("en-resolution")
    assert ('<li class="pnote pnote-delete ps-pending" data-filter-unit data-by="EU" data-proposal="eu-2"><span '
            'class="intro" lang="en" dir="ltr">Proposed for deletion</span> <bdi class="by"'
            ) in paragraph_html(english, "p6")
    assert '<span class="intro" lang="en" dir="ltr">Proposed to be retained</span>' in paragraph_html(english, "p5.b")
    assert 'class="pnote pnote-retain ps-withdrawn"' in paragraph_html(english, "p5.b")
    # in the text's language: right to left in Arabic, a full-width colon in Chinese
    assert ('<span class="intro" lang="ar" dir="rtl">بيان</span><span lang="ar">:</span> <span class="note-text">'
            'تحتفظ المجموعة العربية بموقفها.</span>') in page("ar-resolution")
    assert ('<span class="intro" lang="zh" dir="ltr">发言</span><span lang="zh">：</span><span class="note-text">'
            ) in page("zh-resolution")
    statement = paragraph_html(english, "p5")
    assert ('<span class="intro" lang="en" dir="ltr">Statement</span><span lang="en">:</span> <span class="note-text">'
            'The Russian Federation reserves its position on <em>extrabudgetary</em> resources.</span>') in statement


def test_overlapping_proposals_are_options_one_after_the_other_never_merged(page: Callable[[str], str]) -> None:
    one = paragraph_html(page("en-resolution"), "p1")
    assert one.count('<span class="options">') == 1
    assert re.findall(r'<span class="option [^"]*"[^>]*> ?', one) == [
        '<span class="option original" data-filter-default>',
        '<span class="option ps-pending" data-filter-unit data-by="G77" data-proposal="g77-1"> ',
        '<span class="option ps-pending" data-filter-unit data-by="EU" data-proposal="eu-1"> ',
    ]
    plain = re.sub(r"<[^>]+>", "", one.split("</bdi> ", 1)[1])
    assert ("Decides to convene [a high-level segment in 2029] [a high-level segment in 2029 a special session in "
            "2030 – G77; opposed by EU [pending]] [a high-level segment ministerial segment – EU; supported by NOR "
            "[pending] in 2029];") in plain


def test_status_tags_colours_and_decided_proposals(page: Callable[[str], str]) -> None:
    english = page("en-resolution")
    assert '<bdi class="status status-agreed-ad-ref">[agreed ad ref]</bdi></p>' in paragraph_html(english, "p3")
    assert '<bdi class="status status-pending">[pending (USA)]</bdi></p>' in paragraph_html(english, "pp1")
    assert 'class="cp st-agreed-ad-ref"' in english and 'class="colour-statuses' not in english
    assert '<body class="compilation attribution-dash colour-statuses every-status">' in english
    assert ".colour-statuses .cp.st-agreed-ad-ref { background: #deeaf6; }" in english
    assert '<span class="swatch st-agreed" style="background: #e2efd9"></span> agreed' in english
    plain = page("ar-resolution").split("<body")[1].split("<script>")[0]
    assert "pstatus" not in plain and "ps-pending" not in plain and "swatch" not in plain
    assert '<bdi class="status status-agreed">[متفق عليها]</bdi>' in plain


def test_footnotes_keep_their_proposals(page: Callable[[str], str]) -> None:
    footnotes = page("en-resolution").split('<footer class="footnotes">')[1]
    assert ('<li id="fn-fn-1"><bdi class="label">1</bdi> <span class="text">See <em>Official Records of the General '
            'Assembly</em>, Seventy-eighth Session<ins data-by="EU" data-proposal="eu-3">, Supplement No. 49 '
            '(A/78/49)</ins> <bdi class="by"') in footnotes.replace(' class="ps-pending"', "")
    assert '<sup class="fnref"><a href="#fn-fn-1">1</a></sup>' in page("en-resolution")


def test_the_filter_offers_the_proposers(page: Callable[[str], str]) -> None:
    options = [a["value"] for a in Elements(page("fr-cnd-2024")).find("option")]
    assert options == ["", "AfG", "CANZ", "COL", "EU", "G77", "MEX", "RUS", "USA"]
    assert 'data-count="proposals"' in page("fr-cnd-2024")


def test_an_unknown_attribution_style_is_refused(negotiations: dict[str, Negotiation]) -> None:
    with pytest.raises(ValueError, match="attribution must be one of parentheses, dash, none"):
        render_compilation_html(compilation_of(negotiations, "fr-cnd-2024"), attribution="brackets")


# ---------------------------------------------------------------------------------------
# Right to left, Chinese


def test_arabic_compilation_is_right_to_left_with_isolated_attributions(page: Callable[[str], str]) -> None:
    html = page("ar-resolution")
    assert '<html lang="ar" dir="rtl">' in html
    paragraphs = re.findall(r'<p class="para[^"]*"[^>]*>', html)
    assert paragraphs and all('dir="rtl"' in p for p in paragraphs)
    assert '<ul class="pnotes" dir="rtl">' in html
    assert '<bdi class="label" dir="rtl">3 مكرراً</bdi>' in html
    assert '<bdi class="label" dir="rtl">4 (ب)</bdi>' in html
    assert (f'<bdi class="by" dir="rtl" data-by="{ARAB_GROUP}" title="arab-1 · 2024-10-03">(<bdi>{ARAB_GROUP}</bdi>)'
            '</bdi>') in html
    # the legend is in Arabic, right to left, its samples of attribution isolated
    assert ('<section class="legend-box" aria-labelledby="legend-title" lang="ar" dir="rtl">\n'
            '<h2 id="legend-title">مفتاح الرموز</h2>') in html
    assert '<li class="legend-insert" lang="ar" dir="rtl">الكلمات المقترح إدراجها' in html
    assert ('<li class="legend-attribution" lang="ar" dir="rtl">تَرِد أسماء مقدمي كل اقتراح بعده بين قوسين: '
            f'<bdi class="by" dir="rtl">(<bdi>{ARAB_GROUP}</bdi>)</bdi>، ') in html
    assert ('<bdi class="by" dir="rtl">(<bdi>المجموعة العربية</bdi>، <bdi>EU</bdi>: حذف)</bdi>') in html


def test_chinese_compilation_is_marked_as_chinese(page: Callable[[str], str]) -> None:
    html = page("zh-resolution")
    assert '<html lang="zh" dir="ltr">' in html
    assert '致力于处理和<ins class="ps-accepted" data-by="CHN" data-proposal="chn-1">有效</ins>' in html
    assert '<bdi class="alt-label">3 alt</bdi>' in html


# ---------------------------------------------------------------------------------------
# Hostile text


HOSTILE = '<script>alert("x")</script> {{ 7*7 }} {% if true %}x{% endif %} "quoted" \'single\' a\x07b\x00c'
CODES = ('E"U', "<G77>", "{{ x }}", "A'B")


def hostile_negotiation() -> Negotiation:
    text = markup.escape(HOSTILE) + " and more words"
    round_ = Round(
        '<b>"R"</b>',
        (Paragraph("title", markup.escape("<i>Title</i> {{ t }}"), label=""),
         Paragraph('p"1', text, label='1."><'), Paragraph("p2", "Second {% raw %} paragraph.", label="2.")),
        (Footnote('f"1', "Note <i>1</i>[^x]", label='"1'),),
        masthead=Masthead(organ="<script>evil()</script>"), symbol="<S>/1", date="{{ d }}", language="en",
    )
    proposals = (
        Proposal("h1", round_.label, ProposalOp.REPLACE, CODES[:2], 'p"1', Anchor("and more"),
                 markup.escape('<b>new</b> {{ x }}'), supporters=(CODES[2],), opponents=(CODES[3],),
                 note='<note "n">'),
        Proposal("h2", round_.label, ProposalOp.DELETE, (CODES[3],), 'p"1', Anchor("more words")),
        Proposal("h3", round_.label, ProposalOp.ALTERNATIVE, (CODES[2],), "p2", text=markup.escape("</li><script>"),
                 label='<alt "1">'),
        Proposal("h4", round_.label, ProposalOp.STATEMENT, (CODES[0],), "p2", text=markup.escape("{{ s }}\x1b")),
        Proposal("h5", round_.label, ProposalOp.ADD_PARAGRAPH, (CODES[1],), "p2", text="{% if x %}",
                 label="2 <bis>"),
    )
    return Negotiation("hostile", rounds=(round_,), proposals=proposals)


def test_hostile_text_in_a_compilation_renders_as_text() -> None:
    compilation = compile_round(hostile_negotiation(), statuses=EVERY)
    assert not compilation.skipped
    for attribution in ("parentheses", "dash", "none"):
        html = render_compilation_html(compilation, attribution=attribution)
        elements = Elements(html)
        assert [t for t, _ in elements.tags].count("script") == 1
        assert "<script>alert" not in html and "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
        assert "&lt;script&gt;evil()&lt;/script&gt;" in html and "&lt;/li&gt;&lt;script&gt;" in html
        assert "{{ 7*7 }}" in html and "49" not in html and "{% if true %}" in html and "{{ s }}" in html
        assert "a\u2407b\u2400c" in html and "\x07" not in html and "\x00" not in html and "\x1b" not in html
        assert '&lt;alt &#34;1&#34;&gt;' in html and "2 &lt;bis&gt;" in html
        codes = {a["data-by"] for _, a in elements.tags if a.get("data-by")}
        if attribution == "none":
            assert not codes
            continue
        assert {'E"U|<G77>', "A'B", "{{ x }}", 'E"U', "<G77>"} <= codes
        assert {a["value"] for a in elements.find("option")} >= set(CODES)
        assert 'title="h1 · &lt;note &#34;n&#34;&gt;"' in html


def test_hostile_text_in_blame_and_progress_renders_as_text() -> None:
    negotiation = hostile_negotiation()
    round_ = negotiation.rounds[0]
    blamed = blame(negotiation)
    html = render_blame_html(blamed, round_, negotiation)
    assert [t for t, _ in Elements(html).tags].count("script") == 1
    assert "&lt;script&gt;alert" in html and "{{ 7*7 }}" in html and "a\u2407b\u2400c" in html
    progress = replace(negotiation_progress(negotiation), title='<script>x()</script> {{ t }}')
    html = render_progress_html(progress)
    elements = Elements(html)
    assert [t for t, _ in elements.tags].count("script") == 1
    assert "&lt;script&gt;x()&lt;/script&gt; {{ t }}" in html
    for code in CODES:
        assert str(escape(code)) in html


# ---------------------------------------------------------------------------------------
# Templates


def test_the_new_templates_are_found_where_the_package_expects_them() -> None:
    for name in ("compilation.html", "_compilation.html", "compilation.css", "blame.html", "blame.css",
                 "progress.html", "progress.css", "_chart.html", "filter-more.js"):
        assert (templates_path() / name).is_file()


def test_a_user_template_can_extend_the_compilation(tmp_path: Path, negotiations: dict[str, Negotiation]) -> None:
    (tmp_path / "compilation.html").write_text(
        '{% extends "default:compilation.html" %}{% block legend %}<p>Our legend</p>{{ super() }}{% endblock %}')
    html = render_compilation_html(compilation_of(negotiations, "fr-cnd-2024"), templates=tmp_path)
    assert "<p>Our legend</p>" in html and '<section class="legend-box"' in html


@pytest.mark.parametrize("template, block, body", [
    ("compilation.html", "legend", "{{ legnd }}"),
    ("compilation.html", "paragraphs", "{% for c in paragraphs %}{{ c.blok }}{% endfor %}"),
    ("blame.html", "legend", "{% for r in rounds %}{{ r.colur }}{% endfor %}"),
    ("progress.html", "rounds", "{{ round_chart.barz }}"),
])
def test_a_misspelt_name_in_a_template_fails(tmp_path: Path, negotiations: dict[str, Negotiation], template: str,
                                             block: str, body: str) -> None:
    (tmp_path / template).write_text(f'{{% extends "default:{template}" %}}{{% block {block} %}}{body}'
                                     "{% endblock %}")
    misspelt = re.search(r"(legnd|blok|colur|barz)", body).group()  # type: ignore[union-attr]
    negotiation = negotiations["fr"]
    with pytest.raises(jinja2.UndefinedError, match=misspelt):
        if template == "compilation.html":
            render_compilation_html(compilation_of(negotiations, "fr-cnd-2024"), templates=tmp_path)
        elif template == "blame.html":
            render_blame_html(blame(negotiation, "Rev.1"), negotiation.round("Rev.1"), negotiation, templates=tmp_path)
        else:
            render_progress_html(negotiation_progress(negotiation), templates=tmp_path)


# ---------------------------------------------------------------------------------------
# Blame and progress of the example negotiation


@pytest.fixture(scope="session")
def blame_page(negotiations: dict[str, Negotiation]) -> str:
    negotiation = negotiations["fr"]
    return render_blame_html(blame(negotiation, "Adopted"), negotiation.round("Adopted"), negotiation)


@pytest.fixture(scope="session")
def progress_page(negotiations: dict[str, Negotiation]) -> str:
    return render_progress_html(negotiation_progress(negotiations["fr"]))


def test_blame_marks_each_later_passage_with_its_round_and_proposers(blame_page: str,
                                                                     negotiations: dict[str, Negotiation]) -> None:
    assert ('<span class="passage r1" data-round="Rev.1" data-by="EU" data-proposal="eu-1"><mark title="Rev.1: EU '
            '(eu-1)">, saluons les efforts') in blame_page
    assert '<small class="who"><bdi>Rev.1</bdi> · <bdi>EU</bdi></small></span> et prions' in blame_page
    assert '<small class="who"><bdi>Adopted</bdi> · Présidence</small>' in blame_page
    # text of the first round is plain: as many marks as passages of later rounds
    negotiation = negotiations["fr"]
    later = [p for b in blame(negotiation, "Adopted") for p in b.passages if p.round != "Zero draft"
             and markup.plain(p.text).strip() + "".join(r.footnote or "" for r in markup.parse(p.text))]
    assert blame_page.count('<span class="passage r') == len(later) + 3  # and the three rounds of the legend
    assert "<bdi>Zero draft</bdi>\u00a0: texte sans marque" in blame_page
    assert '<span class="passage r1"><mark><bdi>Rev.1</bdi></mark></span> passages\u00a0: 4' in blame_page
    options = [a["value"] for a in Elements(blame_page).find("option")]
    assert options == ["", "AfG", "CHN", "COL", "EU", "G77", "MEX"]


def test_blame_keeps_italics_cut_across_passages() -> None:
    round1 = Round("A", (Paragraph("p1", "*Decides to convene* a segment.", label="1."),), language="en")
    round2 = Round("B", (Paragraph("p1", "*Decides to hold* a segment.", label="1."),), language="en")
    negotiation = Negotiation("n", rounds=(round1, round2))
    html = render_blame_html(blame(negotiation, "B"), round2, negotiation)
    assert "<em>Decides to </em>" in html and "<mark title=\"B: Chair\"><em>hold</em></mark>" in html
    assert "*" not in html.split("<main")[1].split("</main>")[0]


def test_progress_tables_give_rounds_and_delegations(progress_page: str) -> None:
    assert ("<tr><th scope=\"row\"><bdi>Rev.2</bdi></th><td><bdi>23 février 2024</bdi></td><td>71</td><td>9</td><td>8</td><td>1</td>"
            "<td>1</td><td>0</td><td>0</td><td>52</td><td>0</td><td>0</td><td>0</td></tr>") in progress_page
    assert ("<tr><th scope=\"row\"><bdi>Zero draft</bdi></th><td>8</td><td>5</td><td>2</td><td>1</td><td>0</td>"
            "<td>0</td></tr>") in progress_page
    assert ('<tr><th scope="row"><bdi class="code">G77</bdi> <span class="group">groupe</span> <span class="name">'
            '<bdi>Group of 77 and China</bdi></span></th><td>2</td><td>1</td><td>0</td><td>0</td><td>0</td><td>1</td>'
            '<td>0</td><td>1</td></tr>') in progress_page
    assert "Aucun crochet non apparié dans aucune version." in progress_page


def test_progress_lists_unbalanced_brackets() -> None:
    round_ = Round("Rev.1", (Paragraph("p1", "Decides [to act.", label="1."),
                             Paragraph("p2", "Notes]] the report.", label="2.")), language="en")
    html = render_progress_html(negotiation_progress(Negotiation("n", title="A text", rounds=(round_,))))
    assert '<h3 id="unbalanced-title">Unbalanced brackets</h3>' in html
    assert "<li><bdi>Rev.1</bdi>: <bdi>&#39;]&#39; in paragraph 2. closes no &#39;[&#39;</bdi>" in html


def test_progress_charts_are_inline_svg_with_titles_and_text(progress_page: str,
                                                             negotiations: dict[str, Negotiation]) -> None:
    progress = negotiation_progress(negotiations["fr"])
    svgs = re.findall(r"<svg .*?</svg>", progress_page, re.DOTALL)
    assert len(svgs) == 2
    for svg, rows in zip(svgs, (progress.rounds, progress.delegations)):
        assert 'role="img"' in svg and svg.count('<g class="bar">') == len(rows)
        assert re.search(r'<title id="chart-[a-z]+-title">[^<]+</title>', svg)
        assert re.search(r'<desc id="chart-[a-z]+-desc">[^<]+</desc>', svg)
    statuses, outcomes = svgs
    segments = sum(1 for r in progress.rounds for value in r.statuses.values() if value)
    assert statuses.count('<g class="segment') == segments
    assert '<title>Rev.2: 8 approuvé</title>' in statuses and ">Zero draft</text>" in statuses
    assert '<title>USA: 1 rejetée</title>' in outcomes
    assert 'Rev.2: 8 approuvé, 1 approuvé ad referendum, 1 approuvé sous réserve, 52 ouvert' in statuses


@pytest.mark.parametrize(("language", "words"), [
    ("en", ("Progress of the negotiation", "Awaiting confirmation in <bdi>Rev.1</bdi>", "agreed ad ref",
            "Unbalanced brackets")),
    ("fr", ("État d’avancement de la négociation", "En attente de confirmation dans <bdi>Rev.1</bdi>",
            "approuvé ad referendum", "Crochets non appariés")),
    ("ar", ("سير المفاوضات", "بانتظار التأكيد في <bdi>Rev.1</bdi>", "متفق عليها بشرط الاستشارة",
            "معقوفات غير مغلقة")),
    ("zh", ("谈判进展", "<bdi>Rev.1</bdi>中有待确认的段落", "暂定商定", "未闭合的方括号")),
])
def test_the_progress_page_is_written_in_the_language_of_the_text(language: str, words: tuple[str, ...]) -> None:
    status = Status(StatusValue.AGREED_AD_REF, pending=("USA",))
    round_ = Round("Rev.1", (Paragraph("p1", "[x", label="1.", status=status),), language=language)
    html = render_progress_html(negotiation_progress(Negotiation("n", title="T", rounds=(round_,))))
    assert f'<html lang="{language}" dir="{"rtl" if language == "ar" else "ltr"}">' in html
    for word in words:
        assert word in html
    if language != "en":  # no English word in what the reader sees (style sheet and script apart)
        shown = re.sub(r"<[^>]*>", " ", re.sub(r"<(style|script)>.*?</\1>", "", html, flags=re.DOTALL))
        assert not re.search(r"Progress|Unbalanced|Delegation|Round|Awaiting|agreed|proposals", shown)


# ---------------------------------------------------------------------------------------
# The command line


@pytest.mark.parametrize("args", [
    ["compile", "--round", "Zero draft", "--all", "--format", "html"],
    ["blame", "--round", "Adopted", "--format", "html"],
    ["progress", "--format", "html"],
])
def test_the_commands_write_these_pages(runner, stores: dict[str, Path], tmp_path: Path, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    from drafttool.cli import main

    output = tmp_path / "page.html"
    command, *rest = args
    result = runner.invoke(main, [command, str(stores["fr"]), *rest, "-o", str(output)])
    assert result.exit_code == 0, result.output
    html = output.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and html.count("<script>") == 1


# ---------------------------------------------------------------------------------------
# In a browser: headless Chromium (tests/chromium.py)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory, page: Callable[[str], str], blame_page: str,
          progress_page: str) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("compilation-pages")
    out = {}
    for name in GOLDEN:
        out[name] = folder / f"{name}.html"
        out[name].write_text(page(name), encoding="utf-8")
    for name, html in (("blame", blame_page), ("progress", progress_page)):
        out[name] = folder / f"{name}.html"
        out[name].write_text(html, encoding="utf-8")
    return out


VISIBLE = """[...document.querySelectorAll(%s)].map(e => [e.getAttribute('data-by'), e.checkVisibility()])"""
UNITS = VISIBLE % "'[data-filter-unit]'"


def styles(page, selector: str, property_: str) -> list:  # type: ignore[no-untyped-def]
    return page.evaluate(f"[...document.querySelectorAll({json.dumps(selector)})].map(e => "
                         f"[e.getAttribute('data-by'), e.checkVisibility(), "
                         f"getComputedStyle(e)[{json.dumps(property_)}]])")


@pytest.mark.parametrize("name", [*sorted(GOLDEN), "blame", "progress"])
def test_pages_load_in_chromium_without_errors_or_requests(browser, files, name: str) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    page.open(files[name])
    assert page.evaluate("document.readyState") == "complete"
    assert page.errors == []
    assert page.requests == [files[name].resolve().as_uri()]
    page.close()


def test_insertions_are_bold_and_underlined_and_deletions_struck(browser, files) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    page.open(files["fr-cnd-2024"])
    for _, visible, weight in styles(page, "ins", "fontWeight"):
        assert visible and int(weight) >= 700
    assert {line for _, _, line in styles(page, "ins", "textDecorationLine")} == {"underline"}
    assert {line for _, _, line in styles(page, "del", "textDecorationLine")} == {"line-through"}
    # a rejected proposal is greyed, an accepted one is not
    assert page.evaluate("getComputedStyle(document.querySelector('del.ps-rejected')).color") == "rgb(99, 99, 99)"
    assert page.evaluate("getComputedStyle(document.querySelector('ins.ps-accepted')).color") == "rgb(27, 27, 27)"
    page.close()


def test_choosing_a_delegation_leaves_only_its_proposals(browser, files) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    page.open(files["fr-cnd-2024"])
    assert page.evaluate("document.getElementById('dt-filter').checkVisibility()") is True
    choose(page, "EU")
    units = page.evaluate(UNITS)  # added paragraphs, alternatives, moves …
    assert units and all(visible == ("EU" in by.split("|")) for by, visible in units)
    assert page.evaluate("document.getElementById('p-add-afg-1').checkVisibility()") is False
    assert page.evaluate("document.querySelector('#p-p12 .pnote-alternative').checkVisibility()") is False
    # EU's words as proposed; the others' as the text stands: deletions unstruck, insertions gone
    for by, visible, line in styles(page, "del[data-by]", "textDecorationLine"):
        assert visible and line == ("line-through" if "EU" in by.split("|") else "none"), by
    for by, visible, _ in styles(page, "ins[data-by]", "fontWeight"):
        assert visible == ("EU" in by.split("|")), by
    for by, visible, _ in styles(page, ".by[data-by], .pstatus", "color"):
        assert visible == ("EU" in by.split("|")), by
    assert page.evaluate("document.getElementById('dt-filter-count').textContent") == "propositions\u00a0: 2"
    text = page.evaluate("document.getElementById('p-p4').innerText")
    assert "promouvoir tous les droits humains, toutes les libertés fondamentales et la dignité" in text
    assert "RUS" not in text
    choose(page, "")
    assert all(visible for _, visible in page.evaluate(UNITS))
    assert all(visible for _, visible, _ in styles(page, "ins, .by, .pstatus", "color"))
    assert {line for _, _, line in styles(page, "del", "textDecorationLine")} == {"line-through"}
    assert page.evaluate("document.querySelectorAll('.dt-other, .dt-filtered-out, .dt-mine').length") == 0
    assert page.errors == []
    page.close()


def test_in_an_option_group_the_filter_leaves_one_version(browser, files) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    page.open(files["en-resolution"])
    options = "[...document.querySelectorAll('#p-p1 .option')].map(o => o.checkVisibility())"
    brackets = "[...document.querySelectorAll('#p-p1 .bracket')].some(b => b.checkVisibility())"
    text = "document.querySelector('#p-p1 p').innerText"
    assert page.evaluate(options) == [True, True, True] and page.evaluate(brackets)
    choose(page, "G77")
    assert page.evaluate(options) == [False, True, False] and not page.evaluate(brackets)
    assert "convene a high-level segment in 2029 a special session in 2030 – G77; opposed by EU [pending];" in \
        page.evaluate(text)
    choose(page, "USA")  # no version of its own: the text as it stands
    assert page.evaluate(options) == [True, False, False] and not page.evaluate(brackets)
    assert "to convene a high-level segment in 2029;" in page.evaluate(text)
    choose(page, "")
    assert page.evaluate(options) == [True, True, True] and page.evaluate(brackets)
    page.close()


def test_right_to_left_compilation_filters_by_an_arabic_code(browser, files) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    page.open(files["ar-resolution"])
    choose(page, ARAB_GROUP)
    for by, visible in page.evaluate(UNITS):
        assert visible == (ARAB_GROUP in by.split("|")), by
    assert page.evaluate(f"document.querySelector('.by[data-by=\"{ARAB_GROUP}\"]').checkVisibility()") is True
    assert page.evaluate("getComputedStyle(document.querySelector('p.para')).direction") == "rtl"
    assert page.errors == []
    page.close()


def test_without_javascript_the_whole_compilation_is_shown(browser, files) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(javascript=False)
    page.open(files["en-resolution"])
    assert page.evaluate("document.documentElement.hasAttribute('data-filter')") is False
    assert page.evaluate("document.getElementById('dt-filter').checkVisibility()") is False
    assert all(visible for _, visible in page.evaluate(UNITS))
    assert all(visible for _, visible, _ in styles(page, "ins, del, .by, .pstatus, .option, .bracket", "color"))
    page.close()


def test_printing_the_compilation_drops_the_controls_and_keeps_the_colours(browser, files) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page(javascript=False)
    page.open(files["en-resolution"])
    page.media("print")
    assert page.evaluate("document.querySelector('.controls').checkVisibility()") is False
    assert page.evaluate("getComputedStyle(document.querySelector('.cp.st-agreed-ad-ref')).backgroundColor") == \
        "rgb(222, 234, 246)"
    assert page.evaluate("getComputedStyle(document.querySelector('.legend-box')).display") != "none"
    page.media("")
    page.close()


def test_blame_filter_highlights_one_delegations_passages(browser, files) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_page()
    page.open(files["blame"])
    choose(page, "EU")
    passages = page.evaluate("[...document.querySelectorAll('.passage[data-by]')].map(p => "
                             "[p.getAttribute('data-by'), p.classList.contains('dt-mine'), p.checkVisibility()])")
    assert any(mine for _, mine, _ in passages)
    for by, mine, visible in passages:
        assert visible and mine == ("EU" in by.split("|"))
    assert page.evaluate("document.getElementById('dt-filter-count').textContent") == "passages\u00a0: 2"
    assert page.evaluate("getComputedStyle(document.querySelector('.passage.dt-other mark')).backgroundColor") == \
        "rgba(0, 0, 0, 0)"
    page.media("print")
    assert page.evaluate("document.querySelector('.passage .who').checkVisibility()") is True
    page.close()


def test_progress_charts_render_in_chromium(browser, files, negotiations: dict[str, Negotiation]) -> None:  # type: ignore[no-untyped-def]
    progress = negotiation_progress(negotiations["fr"])
    page = browser.new_page()
    page.open(files["progress"])
    counts = page.evaluate("[...document.querySelectorAll('svg')].map(s => [s.querySelectorAll('g.bar').length, "
                           "s.querySelectorAll('g.segment rect').length, s.querySelectorAll('text').length, "
                           "Math.round(s.getBoundingClientRect().width)])")
    segments = sum(1 for r in progress.rounds for value in r.statuses.values() if value)
    outcomes = sum(1 for d in progress.delegations for key in ("accepted", "rejected", "withdrawn", "merged", "pending")
                   if d.proposals.get(key))
    assert [c[:2] for c in counts] == [[len(progress.rounds), segments], [len(progress.delegations), outcomes]]
    assert all(texts > bars and width > 300 for bars, _, texts, width in counts)
    widths = page.evaluate("[...document.querySelectorAll('#chart-statuses g.bar')].map(g => "
                           "[...g.querySelectorAll('rect')].reduce((w, r) => w + r.getBBox().width, 0))")
    assert widths[0] < widths[-1]  # 60 paragraphs in the zero draft, 62 adopted
    page.close()


def test_a_chart_legend_of_long_words_wraps_within_the_chart() -> None:
    keys = [(f"k{n}", "procédure d’approbation tacite", "#000000") for n in range(4)]
    chart = bar_chart("c", "t", "d", [("Rev.1", {"k0": 1})], keys)
    rows = sorted({y for *_, y in chart.legend})
    assert len(rows) > 1 and chart.height >= rows[-1] + 8
    assert all(x + 22 + 7.5 * len(label) <= chart.width for _, label, _, x, _ in chart.legend)
