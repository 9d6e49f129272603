"""What a command loads at start: only the stages it runs.

Each module imported costs a start of the command (a `drafttool diff` of two short files
spent more time importing than comparing); these tests keep the commands from loading
what they never use again.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import drafttool.operations as operations

_LOADED = """
import json, sys
from drafttool.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def _modules_loaded_by(*args: str) -> set[str]:
    done = subprocess.run([sys.executable, "-c", _LOADED, *args], capture_output=True, text=True, check=True)
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def test_comparing_two_files_loads_only_what_it_uses(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("1. The Assembly decides.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("1. The Assembly decides today.\n", encoding="utf-8")
    loaded = _modules_loaded_by("diff", str(tmp_path / "a.md"), str(tmp_path / "b.md"), "--format", "json",
                                "-o", str(tmp_path / "out.json"))
    assert "drafttool.compare.diff" in loaded
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["changed"] is True
    never = {"drafttool.journal", "drafttool.negotiate.delegations", "drafttool.operations.proposals",
             "drafttool.operations.rounds", "drafttool.operations.negotiation", "secrets", "markdown_it", "lxml",
             "shutil"}
    assert loaded & never == set()


def test_every_name_the_operations_offer_is_found_in_its_module() -> None:
    for name in operations.__all__:
        value = getattr(operations, name)
        module = sys.modules[f"drafttool.operations.{operations._HOME[name]}"]
        assert getattr(module, name) is value, name
    assert set(operations.__all__) == set(operations._HOME)


def _program(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", "from drafttool.cli import run; run()", *args],
                          capture_output=True, text=True)


def test_the_program_exits_with_its_commands_code_and_writes_all_of_its_output(tmp_path: Path) -> None:
    old, new = tmp_path / "a.md", tmp_path / "b.md"
    old.write_text("".join(f"{n}. The Assembly decides {n}.\n\n" for n in range(1, 400)), encoding="utf-8")
    new.write_text("".join(f"{n}. The Assembly decides {n} today.\n\n" for n in range(1, 400)), encoding="utf-8")
    assert _program("diff", str(old), str(old), "--check").returncode == 0
    assert _program("diff", str(old), str(new), "--check").returncode == 1
    missing = _program("diff", str(tmp_path / "c.md"), str(new))
    assert (missing.returncode, missing.stderr) == (2, f"drafttool: error: {tmp_path / 'c.md'}: no such file\n")
    shown = _program("diff", str(old), str(new), "--format", "json")  # some 200 KB through a pipe
    assert shown.returncode == 0
    assert len(json.loads(shown.stdout)["changes"]) == 399


def test_the_program_whose_reader_has_gone_exits_quietly(tmp_path: Path) -> None:
    import os

    old, new = tmp_path / "a.md", tmp_path / "b.md"
    old.write_text("".join(f"{n}. The Assembly decides {n}.\n\n" for n in range(1, 4000)), encoding="utf-8")
    new.write_text("".join(f"{n}. The Assembly decides {n} today.\n\n" for n in range(1, 4000)), encoding="utf-8")
    read_end, write_end = os.pipe()
    os.close(read_end)
    result = subprocess.run([sys.executable, "-c", "from drafttool.cli import run; run()", "diff", str(old), str(new)],
                            stdout=write_end, stderr=subprocess.PIPE)
    os.close(write_end)
    assert (result.returncode, result.stderr.decode()) == (1, "")
