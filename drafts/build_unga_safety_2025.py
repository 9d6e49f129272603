"""Build the example negotiation drafts/unga-safety-2025/ from the General Assembly's own PDFs.

Every round and proposal is real, read from the documents as the United Nations published
them (the PDFs in ../shared/corpus/unga, next to the repository; they are not copied into
it): "Safety and security of humanitarian personnel and protection of United Nations
personnel", eightieth session.

- 'A/RES/79/138': last year's resolution, where this year's negotiation starts;
- 'A/80/L.18': this year's draft, tabled by its sponsors (their list is in the masthead);
- the two amendments the Russian Federation tabled to it, A/80/L.19 (delete the
  thirty-eighth preambular paragraph) and A/80/L.20 (delete operative paragraph 9), read
  from their PDFs as proposals of the Russian Federation, and marked rejected: the
  adopted text keeps both paragraphs;
- 'A/RES/80/112': the resolution the General Assembly adopted.

Run from the repository root:  .venv/bin/python drafts/build_unga_safety_2025.py
It replaces drafts/unga-safety-2025/ entirely.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drafttool.model import Delegation, ProposalStatus  # noqa: E402
from drafttool.negotiate.instructions import read_amendment_document  # noqa: E402
from drafttool.operations import add_delegation, decide, import_round  # noqa: E402
from drafttool.store import create_store  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "unga"
PDF = Path(".")  # the build runs in CORPUS
STORE = ROOT / "drafts" / "unga-safety-2025"

NOTE = (
    "Real documents: every round is read by drafttool's PDF reader from the General Assembly's published PDFs "
    "(A/RES/79/138, A/80/L.18, A/RES/80/112), and the proposals from the Russian Federation's amendment documents "
    "A/80/L.19 and A/80/L.20; the adopted resolution keeps both paragraphs they would have deleted, so they are "
    "marked rejected. Built by drafts/build_unga_safety_2025.py."
)


def build(target: Path) -> None:
    create_store(target, title="Safety and security of humanitarian personnel and protection of United Nations "
                               "personnel", symbol="A/80/L.18", language="en", note=NOTE)
    add_delegation(target, Delegation("RUS", "Russian Federation", ("Russia",)))
    import_round(target, PDF / "A_RES_79_138.pdf", label="A/RES/79/138", date="2024-12-09",
                 note="Resolution 79/138, adopted on 9 December 2024 without a vote: where this year's text starts.")
    import_round(target, PDF / "A_80_L.18.pdf", label="A/80/L.18", date="2025-11-26",
                 note="Draft resolution, eightieth session.")
    rejected = []
    for name in ("A_80_L.19.pdf", "A_80_L.20.pdf"):
        imported = read_amendment_document(target, PDF / name, round_name="A/80/L.18", date="2025-11-26")
        assert imported is not None, name
        rejected += [p.id for p in imported.proposals]
    decide(target, rejected, ProposalStatus.REJECTED, date="2025-12-08",
           note="not in the adopted text: A/RES/80/112 keeps the paragraph")
    import_round(target, PDF / "A_RES_80_112.pdf", label="A/RES/80/112", date="2025-12-08",
                 note="Resolution 80/112 as adopted.")


def main() -> None:
    if not CORPUS.is_dir():
        raise SystemExit(f"the General Assembly's PDFs are not at {CORPUS}: nothing to build from")
    building = STORE.with_name(STORE.name + ".building")
    shutil.rmtree(building, ignore_errors=True)
    os.chdir(CORPUS)  # the notices kept with each round name the PDF, not this machine's folders
    build(building)
    shutil.rmtree(STORE, ignore_errors=True)
    building.rename(STORE)
    (STORE / ".lock").unlink(missing_ok=True)
    print(f"built {STORE}")


if __name__ == "__main__":
    main()
