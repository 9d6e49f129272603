"""Shared fixtures: the seed document, a temporary store, the CLI runner, --update-golden."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "fixtures" / "cnd-2024-high-level-declaration.fr.md"
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLE_STORE = ROOT / "drafts" / "cnd-2024"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="Rewrite golden files from current output.")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def seed_path() -> Path:
    return SEED


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def empty_store(tmp_path: Path) -> Path:
    from drafttool.store import create_store

    path = tmp_path / "neg"
    create_store(path, title="Test negotiation", language="fr")
    return path


@pytest.fixture
def seed_store(tmp_path: Path) -> Path:
    """A store holding the seed as its one round, 'Adopted'."""
    from drafttool.operations import import_round
    from drafttool.store import create_store

    path = tmp_path / "cnd"
    create_store(path, title="CND 2024", language="fr")
    import_round(path, SEED, label="Adopted", date="2024-03-14")
    return path


@pytest.fixture
def example_copy(tmp_path: Path) -> Path:
    """A copy of the shipped example negotiation, safe to change."""
    target = tmp_path / "cnd-2024"
    shutil.copytree(EXAMPLE_STORE, target)
    return target


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under a folder and its bytes, to show that nothing changed."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# ---------------------------------------------------------------------------- hypothesis profiles
# tests/test_fuzz.py runs each fuzzer briefly by default.  The 'fuzz' profile runs them
# long: `pytest tests/test_fuzz.py --hypothesis-profile=fuzz`, or DRAFTTOOL_FUZZ=long.
@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    """Headless Chromium, one for each test module that loads pages in it."""
    from chromium import Chromium, ChromiumMissing

    try:
        chromium = Chromium()
    except ChromiumMissing as error:  # CI installs it: a missing browser is a failure, not a skip
        pytest.fail(str(error), pytrace=False)
    yield chromium
    chromium.close()


import os as _os  # noqa: E402

from hypothesis import HealthCheck as _HealthCheck  # noqa: E402
from hypothesis import settings as _hypothesis_settings  # noqa: E402

_hypothesis_settings.register_profile(
    "fuzz", max_examples=5_000, deadline=None,
    suppress_health_check=[_HealthCheck.too_slow, _HealthCheck.data_too_large, _HealthCheck.filter_too_much],
)
# CI runs every property on the same examples, so that a landing never depends on the draw;
# the examples found by a developer's random runs are kept in tests when they fail.
_hypothesis_settings.register_profile("ci", derandomize=True, database=None)
if _os.environ.get("DRAFTTOOL_FUZZ") == "long":
    _hypothesis_settings.load_profile("fuzz")
elif _os.environ.get("CI"):
    _hypothesis_settings.load_profile("ci")
