"""Containers in the model and the store: Articles, options, tables, and notices kept with a round."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drafttool.model import Kind, Paragraph, Round, Scope
from drafttool.records import RecordError, paragraph_from_dict, paragraph_to_dict
from drafttool.store import add_round, load_store


def _agreement() -> Round:
    return Round("Zero draft", (
        Paragraph("art-4", "Use of terms", Kind.CONTAINER, "Article 4", scope=Scope.ARTICLE),
        Paragraph("art-4.p1", "For the purposes of this Agreement:", Kind.OPERATIVE, "1.", parent="art-4"),
        Paragraph("art-4.p1.a", "“Party” means a State;", Kind.SUBPARAGRAPH, "(a)", parent="art-4.p1", level=1),
        Paragraph("art-4.opt-1", "", Kind.CONTAINER, "Option 1:", parent="art-4", scope=Scope.OPTION),
        Paragraph("tbl-1", "", Kind.CONTAINER, scope=Scope.TABLE),
        Paragraph("tbl-1.r1", "", Kind.CONTAINER, parent="tbl-1", scope=Scope.ROW),
        Paragraph("tbl-1.r1.c1", "", Kind.CONTAINER, parent="tbl-1.r1", scope=Scope.CELL),
        Paragraph("tbl-1.r1.c1.p1", "Vintages", Kind.TEXT, parent="tbl-1.r1.c1"),
    ), notices=("agreement.md:12: warning: numbering goes from '2.' to '4.'",))


def test_containers_and_reader_notices_load_back_exactly_from_the_store(empty_store: Path):
    add_round(empty_store, _agreement())
    assert load_store(empty_store).rounds == (_agreement(),)


def test_a_store_written_before_containers_loads_with_no_scope_and_no_notices(empty_store: Path):
    add_round(empty_store, Round("Zero draft", (Paragraph("p1", "Decides.", label="1."),)))
    file = next((empty_store / "rounds").glob("*.jsonl"))
    assert "scope" not in file.read_text(encoding="utf-8") and "notices" not in file.read_text(encoding="utf-8")
    loaded = load_store(empty_store).rounds[0]
    assert loaded.paragraphs[0].scope is None and loaded.notices == ()


def test_scope_is_written_for_containers_only_even_in_full_exports():
    assert paragraph_to_dict(_agreement().paragraphs[0], full=True)["scope"] == "article"
    assert "scope" not in paragraph_to_dict(_agreement().paragraphs[1], full=True)


@pytest.mark.parametrize("record, message", [
    ({"id": "art-4", "kind": "container", "text": ""},
     "paragraph field 'scope' is set for containers, and only for them (kind 'container', scope None)"),
    ({"id": "p1", "kind": "operative", "scope": "article", "text": ""},
     "paragraph field 'scope' is set for containers, and only for them (kind 'operative', scope 'article')"),
    ({"id": "x", "kind": "container", "scope": "clause", "text": ""},
     "paragraph field 'scope' must be one of part, chapter, section, article, annex, decision, option, table, "
     "row, cell, but got 'clause' instead"),
])
def test_a_stored_container_without_its_scope_or_a_scope_elsewhere_is_refused(record, message):
    with pytest.raises(RecordError) as error:
        paragraph_from_dict(json.loads(json.dumps(record)))
    assert str(error.value) == message


def test_each_scope_has_a_short_step_for_ids():
    assert [scope.step for scope in Scope] == ["part", "chap", "section", "art", "annex", "dec", "opt", "tbl", "r", "c"]
