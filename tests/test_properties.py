"""Properties over generated documents: nothing is lost on the way through the store."""

from __future__ import annotations

import json
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafttool.text import markup
from drafttool.text.markup import Run
from drafttool.readers.markdown import read_markdown
from drafttool.renderers.json import render_round_json, round_from_json_data
from drafttool.renderers.markdown import render_round_markdown
from drafttool.store import add_round, create_store, load_store

from strategies import rounds

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@given(st.lists(st.builds(Run, st.text(max_size=8), st.booleans(), st.booleans())))
def test_markup_is_canonical(runs):
    text = markup.to_markup(runs)
    assert markup.to_markup(markup.parse(text)) == text
    assert markup.plain(text) == "".join(r.text for r in runs)


@SETTINGS
@given(rounds())
def test_markdown_to_store_to_markdown_loses_nothing(tmp_path_factory, round_):
    """A document read from Markdown, stored, loaded and written again reads back the same."""
    first = read_markdown(render_round_markdown(round_), path="a.md").round
    assert first == round_
    store = tmp_path_factory.mktemp("store") / "neg"
    create_store(store)
    add_round(store, first)
    loaded = load_store(store).rounds[0]
    assert loaded == first
    again = render_round_markdown(loaded)
    assert again == render_round_markdown(round_)
    assert read_markdown(again, path="b.md").round == first


@SETTINGS
@given(rounds())
def test_json_export_carries_the_whole_round(round_):
    data = json.loads(render_round_json(round_))
    assert round_from_json_data(data) == round_
    assert len(data["paragraphs"]) == len(round_.paragraphs)


@SETTINGS
@given(rounds())
def test_docx_to_store_to_json_loses_nothing(tmp_path_factory, round_):
    """A Word file read, stored, loaded and exported as JSON gives back what was read."""
    from drafttool.readers.docx import read_docx
    from drafttool.renderers.docx import render_round_docx

    read = read_docx(render_round_docx(round_), path="r.docx").round
    assert read.paragraphs == round_.paragraphs and read.footnotes == round_.footnotes
    store = tmp_path_factory.mktemp("store") / "neg"
    create_store(store)
    add_round(store, replace(read, label=read.label or "Round"))
    loaded = load_store(store).rounds[0]
    assert round_from_json_data(json.loads(render_round_json(loaded))) == loaded
    assert (loaded.paragraphs, loaded.footnotes, loaded.masthead) == (read.paragraphs, read.footnotes, read.masthead)
