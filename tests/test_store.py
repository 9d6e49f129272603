"""The drafts/<slug>/ store: create, load, save, validation errors with file and line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drafttool.errors import NotFoundError, StoreError
from drafttool.model import Anchor, Paragraph, Proposal, ProposalOp, Round, Status, StatusValue
from drafttool.store import add_round, create_store, load_store, save_proposal, write_atomic

from conftest import snapshot


def test_a_new_store_has_the_common_groups_and_no_rounds(empty_store: Path):
    negotiation = load_store(empty_store)
    assert negotiation.slug == "neg"
    assert negotiation.title == "Test negotiation"
    assert negotiation.rounds == ()
    codes = [d.code for d in negotiation.delegations]
    assert codes[:4] == ["Chair", "G77", "EU", "CANZ"]
    assert {"AOSIS", "LMDC", "GRULAC", "WEOG", "EEG", "AGN", "ArabG", "LDCs"} <= set(codes)
    assert {"USA", "FRA", "CHN", "VAT", "PSE"} <= set(codes)  # the Member and observer States


def test_rounds_and_proposals_load_back_exactly(empty_store: Path):
    first = Round("Zero draft", (
        Paragraph("p1", "Decides [to act].", label="1.", status=Status(StatusValue.AGREED_AD_REF, "informals",
                                                                       "2024-03-01", ("USA",), "Chair")),
        Paragraph("p1.a", "first*ly*;", kind=__import__("drafttool").Kind.SUBPARAGRAPH, label="a)", parent="p1",
                  level=1, split_from="old", merged_from=("x", "y")),
    ), date="2024-01-10", language="en")
    second = Round("Rev.1", (Paragraph("p1", "Decides.", label="1."),))
    add_round(empty_store, first)
    add_round(empty_store, second)
    proposal = Proposal("eu-1", "Rev.1", ProposalOp.REPLACE, ("EU",), "p1", Anchor("Decides", "", "."), "Resolves")
    save_proposal(empty_store, proposal, new=True)
    negotiation = load_store(empty_store)
    assert negotiation.rounds == (first, second)
    assert negotiation.proposals == (proposal,)
    assert negotiation.round("rev.1") == second
    assert negotiation.round("1") == first
    assert negotiation.round() == second
    files = sorted(p.name for p in (empty_store / "rounds").iterdir())
    assert files == ["001-zero-draft.jsonl", "002-rev-1.jsonl"]


def test_an_unknown_round_names_the_rounds_there_are(seed_store: Path):
    with pytest.raises(NotFoundError) as caught:
        load_store(seed_store).round("Rev.7")
    assert str(caught.value) == "no round 'Rev.7'; the rounds are 'Adopted'"


def test_a_second_round_with_the_same_label_is_refused_and_nothing_written(seed_store: Path):
    before = snapshot(seed_store)
    with pytest.raises(StoreError, match="a round labelled 'adopted' already exists"):
        add_round(seed_store, Round("adopted", (Paragraph("p1", "x"),)))
    assert snapshot(seed_store) == before


def round_file(store: Path) -> Path:
    return next((store / "rounds").glob("*.jsonl"))


def test_invalid_json_in_a_round_names_file_and_line(seed_store: Path):
    file = round_file(seed_store)
    lines = file.read_text().split("\n")
    lines[5] = lines[5][:-1]  # drop the closing brace
    file.write_text("\n".join(lines))
    with pytest.raises(StoreError) as caught:
        load_store(seed_store)
    assert str(caught.value) == (
        f"{file}:6: invalid JSON: Expecting ',' delimiter (column {len(lines[5]) + 1}); "
        "each line must be one JSON object"
    )


def test_duplicate_paragraph_ids_name_both_lines(seed_store: Path):
    file = round_file(seed_store)
    lines = file.read_text().split("\n")
    record = json.loads(lines[4])
    record["id"] = json.loads(lines[3])["id"]
    lines[4] = json.dumps(record, ensure_ascii=False)
    file.write_text("\n".join(lines))
    with pytest.raises(StoreError) as caught:
        load_store(seed_store)
    assert str(caught.value) == (
        f"{file}:5: paragraph id '{record['id']}' appears twice (first on line 4); give the second one a new id"
    )


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda r: r.update(kind="preamble"), "paragraph field 'kind' must be one of title, heading, preambular, "
                                              "operative, subparagraph, text, note, container, but got 'preamble' instead"),
        (lambda r: r.update(level="2"), "paragraph field 'level' must be a whole number from 0 to 9, but got '2' instead"),
        (lambda r: r.update(colour="red"), "paragraph has unknown field(s) colour"),
        (lambda r: r.pop("text"), "paragraph lacks text"),
        (lambda r: r.update(parent="nowhere"), "paragraph 'p1' has parent 'nowhere', which is not a paragraph of this round"),
    ],
)
def test_hand_edits_that_break_a_record_are_named(seed_store: Path, edit, message):
    file = round_file(seed_store)
    lines = file.read_text().split("\n")
    index = next(i for i, line in enumerate(lines) if '"id": "p1"' in line)
    record = json.loads(lines[index])
    edit(record)
    lines[index] = json.dumps(record, ensure_ascii=False)
    file.write_text("\n".join(lines))
    with pytest.raises(StoreError) as caught:
        load_store(seed_store)
    assert str(caught.value) == f"{file}:{index + 1}: {message}"


def test_a_newer_schema_version_is_named(seed_store: Path):
    file = seed_store / "negotiation.json"
    data = json.loads(file.read_text())
    data["version"] = 9
    file.write_text(json.dumps(data))
    with pytest.raises(StoreError) as caught:
        load_store(seed_store)
    assert str(caught.value) == (
        f"{file}: schema version 9 found, but this drafttool reads version 1; upgrade drafttool or convert the store"
    )


def test_not_a_store(tmp_path: Path):
    with pytest.raises(StoreError, match="no such folder; create a store with `drafttool init`"):
        load_store(tmp_path / "nothing")
    with pytest.raises(StoreError, match=r"not a drafttool store \(no negotiation.json\)"):
        load_store(tmp_path)


def test_init_refuses_a_folder_with_files(tmp_path: Path):
    (tmp_path / "x.txt").write_text("keep me")
    with pytest.raises(StoreError, match="exists and is not an empty folder"):
        create_store(tmp_path)
    assert (tmp_path / "x.txt").read_text() == "keep me"


def test_proposal_ids_never_become_paths_and_are_never_overwritten(empty_store: Path):
    for bad in ("../escape", "/etc/passwd", "a/b", ".hidden", ""):
        with pytest.raises(StoreError):
            save_proposal(empty_store, Proposal(bad, "r", ProposalOp.RETAIN, ("EU",)), new=True)
    save_proposal(empty_store, Proposal("eu-1", "r", ProposalOp.RETAIN, ("EU",)), new=True)
    with pytest.raises(StoreError, match="a proposal 'eu-1' already exists"):
        save_proposal(empty_store, Proposal("eu-1", "r", ProposalOp.RETAIN, ("USA",)), new=True)
    assert list((empty_store / "proposals").iterdir()) == [empty_store / "proposals" / "eu-1.json"]


def test_an_interrupted_write_leaves_the_old_file_and_no_temporary(tmp_path: Path):
    target = tmp_path / "f.txt"
    write_atomic(target, "old")

    class Boom(str):
        def encode(self, *args, **kwargs):  # fails while the temporary file is being written
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, Boom("new"))
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["f.txt"]
