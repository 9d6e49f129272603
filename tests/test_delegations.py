"""The delegations registry: every UN Member and observer State from the start, in the six
languages; members of groups as delegations in their own right; Word authors' ways of
naming a delegation; round labels that cannot be mistaken for round numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafttool.cli import main
from drafttool.errors import NotFoundError
from drafttool.negotiate.delegations import COMMON_GROUPS, resolve, resolve_all
from drafttool.negotiate.states import MEMBER_STATES, OBSERVER_STATES
from drafttool.operations import import_round
from drafttool.store import create_store, load_store

from conftest import snapshot


def test_a_new_negotiation_knows_every_member_and_observer_state_in_the_six_languages(tmp_path: Path):
    registry = create_store(tmp_path / "neg").delegations
    assert registry == load_store(tmp_path / "neg").delegations
    codes = {d.code for d in registry}
    assert len(MEMBER_STATES) == 193 and set(MEMBER_STATES) | set(OBSERVER_STATES) <= codes
    france = next(d for d in registry if d.code == "FRA")
    assert france.name == "France"
    assert {"République française", "Francia", "Франция", "فرنسا", "法国"} <= set(france.aliases)
    for name, code in [("Mexique", "MEX"), ("México", "MEX"), ("Мексика", "MEX"), ("المكسيك", "MEX"), ("墨西哥", "MEX"),
                       ("النرويج", "NOR"), ("United States of America", "USA"), ("U.S.", "USA"), ("UK", "GBR"),
                       ("Holy See", "VAT"), ("State of Palestine", "PSE"), ("Türkiye", "TUR"), ("AfG", "AFG"),
                       ("African Group", "AGN")]:
        found = resolve(registry, name)
        assert found is not None and found.code == code, name
    # No two delegations answer to one name: the store's own check passes.
    assert len({d.code.casefold() for d in registry}) == len(registry)


@pytest.mark.parametrize(("author", "code"), [
    ("Delegation of Mexico", "MEX"),
    ("the delegation of Norway", "NOR"),
    ("Délégation du Mexique", "MEX"),
    ("Mexico (on behalf of AILAC)", "AILAC"),
    ("Mexico on behalf of AILAC", "AILAC"),
    ("MEX - Maria López", "MEX"),
    ("Norway – John Smith", "NOR"),
    ("EU", "EU"),
    ("G-77 and China", "G77"),
])
def test_word_authors_name_their_delegation(tmp_path: Path, author: str, code: str):
    registry = create_store(tmp_path / "neg").delegations
    found = resolve(registry, author)
    assert found is not None and found.code == code


def test_a_member_of_a_group_proposes_in_its_own_right(tmp_path: Path, runner, seed_path: Path):
    # A registry of groups alone, as negotiations made before the States were seeded have.
    store = tmp_path / "old"
    create_store(store, delegations=COMMON_GROUPS)
    import_round(store, seed_path, label="Adopted")
    result = runner.invoke(main, ["propose", str(store), "--by", "FRA", "--para", "5", "--retain"])
    assert result.exit_code == 0, result.output
    assert load_store(store).proposals[0].by == ("FRA",)
    assert resolve_all(COMMON_GROUPS, ("fra", "Mexico")) == ("FRA", "MEX")  # EU and EIG list them


def test_an_unknown_delegation_is_refused_with_the_closest_codes(tmp_path: Path):
    registry = create_store(tmp_path / "neg").delegations
    with pytest.raises(NotFoundError) as raised:
        resolve_all(registry, ("Norwya",))
    assert str(raised.value) == (
        f"unknown delegation 'Norwya' (did you mean 'NOR'?); `drafttool delegations STORE` lists the "
        f"{len(registry)} known; add it with `drafttool delegations STORE --add CODE`")


def test_an_alias_is_added_to_a_seeded_state(tmp_path: Path, runner):
    store = tmp_path / "neg"
    create_store(store)
    result = runner.invoke(main, ["delegations", str(store), "--add", "USA", "--alias", "Jane Smith"])
    assert (result.exit_code, result.output) == (0, "added USA\n")
    assert resolve(load_store(store).delegations, "Jane Smith").code == "USA"  # type: ignore[union-attr]
    result = runner.invoke(main, ["delegations", str(store), "--add", "CAN", "--alias", "Jane Smith"])
    assert result.exit_code == 2
    assert result.output == f"drafttool: error: {store}: 'Jane Smith' already names delegation 'USA'; choose another " \
                            "code or alias\n"


@pytest.mark.parametrize("command", ["import", "next-round"])
def test_a_round_label_that_is_a_bare_number_is_refused(tmp_path: Path, runner, seed_path: Path, command: str):
    store = tmp_path / "neg"
    create_store(store)
    if command == "next-round":
        import_round(store, seed_path, label="Zero draft")
    before = snapshot(store)
    args = ["import", str(store), str(seed_path), "--label", "1"] if command == "import" else [
        "next-round", str(store), "--label", "1"]
    result = runner.invoke(main, args)
    assert result.exit_code == 2
    assert result.output == (f"drafttool: error: {store}: round label '1' is a bare number, which names a round by "
                             "its place in the order; give a label such as 'Rev.1'\n")
    assert snapshot(store) == before
