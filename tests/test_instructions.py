"""UN amendment documents ('X: amendment to draft resolution …') read as proposals.

The draft and the amendment documents are written here, in the shapes the General
Assembly's are printed in (heading with the delegation and the symbol, instructions by
paragraph position, the new paragraphs quoted after a colon), in English and French.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from drafttool.cli import main
from drafttool.errors import InputError
from drafttool.model import Delegation, ProposalOp
from drafttool.negotiate.instructions import ordinal, read_amendment_document
from drafttool.negotiate.proposals import apply_proposals
from drafttool.operations import add_delegation, import_round
from drafttool.store import create_store, load_store

DRAFT_EN = """---
symbol: A/80/L.3
---

# Persistent legacy of the Chernobyl disaster

*The General Assembly*,

*Recalling* its resolutions on the Chernobyl disaster,

*Noting* the work of the Chernobyl nuclear power plant staff,

*Aware* of the long-term consequences,

1. *Takes note* of the report of the Secretary-General;

2. *Requests* the Secretary-General to continue to report;

3. *Decides* to include in the provisional agenda of its eighty-third session the item.
"""

AMENDMENT_EN = """---
symbol: A/80/L.28
other: Ukraine: amendment to draft resolution A/80/L.3
---

# Persistent legacy of the Chernobyl disaster

1. Replace “Chernobyl” with “Chornobyl” in the title, the preambular paragraphs and the operative paragraphs.

2. In the second preambular paragraph, insert “of Ukraine” after “Chornobyl nuclear power plant”.

3. After the third preambular paragraph, insert a new preambular paragraph reading:

*Stressing* the fortieth anniversary in 2026,

4. In operative paragraph 1, replace “*Takes note*” with “*Welcomes*”.

5. Delete operative paragraph 2.

6. Replace operative paragraph 3 with the following:

*Decides* to include the item in the provisional agenda of its eighty-first session.
"""

DRAFT_FR = """---
symbol: A/80/L.5
---

# Sécurité du personnel humanitaire

*L'Assemblée générale*,

*Rappelant* ses résolutions antérieures,

*Consciente* des risques que court le personnel,

1. *Prend note* du rapport du Secrétaire général ;

2. *Prie* le Secrétaire général de lui présenter un rapport ;
"""

AMENDMENT_FR = """---
symbol: A/80/L.6
other: Fédération de Russie : amendement au projet de résolution A/80/L.5
---

# Sécurité du personnel humanitaire

Au deuxième alinéa du préambule, supprimer « des risques que court ».

Supprimer le paragraphe 2 du dispositif.

Après le paragraphe 1 du dispositif, insérer un nouveau paragraphe ainsi libellé :

*Souligne* l'importance de la coordination ;
"""


def _store(tmp_path: Path, draft: str, delegations: tuple[Delegation, ...], *, seeded: bool = True) -> Path:
    from drafttool.negotiate.delegations import COMMON_GROUPS

    store = tmp_path / "store"
    create_store(store, title="Test", delegations=None if seeded else COMMON_GROUPS)
    for delegation in delegations:
        add_delegation(store, delegation)
    source = tmp_path / "draft.md"
    source.write_text(draft, encoding="utf-8")
    import_round(store, source, label="Draft")
    return store


def test_ordinals_are_read_in_words_and_figures_in_english_and_french() -> None:
    assert [ordinal(w) for w in ("first", "sixteenth", "twentieth", "twenty-third", "thirty-eighth", "forty-first",
                                 "38th", "2nd", "ninety-ninth")] == [1, 16, 20, 23, 38, 41, 38, 2, 99]
    assert [ordinal(w) for w in ("premier", "deuxième", "vingtième", "vingt et unième", "trente-huitième",
                                 "soixante-dixième", "quatre-vingt-onzième", "38e", "1er")] == [
        1, 2, 20, 21, 38, 70, 91, 38, 1]
    assert ordinal("paragraph") is None


def test_an_english_amendment_document_becomes_one_proposal_per_instruction(tmp_path: Path) -> None:
    store = _store(tmp_path, DRAFT_EN, (Delegation("UKR", "Ukraine"),))
    document = tmp_path / "A_80_L.28.md"
    document.write_text(AMENDMENT_EN, encoding="utf-8")
    imported = read_amendment_document(store, document, date="2025-12-04")
    assert imported is not None
    found = [(p.op, p.paragraph, p.anchor.quote, p.text) for p in imported.proposals]
    assert found == [
        (ProposalOp.REPLACE, "title", "Chernobyl", "Chornobyl"),
        (ProposalOp.REPLACE, "pp2", "Chernobyl", "Chornobyl"),
        (ProposalOp.REPLACE, "pp3", "Chernobyl", "Chornobyl"),
        (ProposalOp.INSERT, "pp3", "", "of Ukraine "),
        (ProposalOp.ADD_PARAGRAPH, "pp4", "", "*Stressing* the fortieth anniversary in 2026,"),
        (ProposalOp.REPLACE, "p1", "Takes note", "*Welcomes*"),
        (ProposalOp.DELETE_PARAGRAPH, "p2", "", ""),
        (ProposalOp.ALTERNATIVE, "p3", "", "*Decides* to include the item in the provisional agenda of its "
                                           "eighty-first session."),
    ]
    assert {p.by for p in imported.proposals} == {("UKR",)}
    assert len(load_store(store).proposals) == 8
    negotiation = load_store(store)
    amended = apply_proposals(negotiation.round(), [p for p in negotiation.proposals if p.paragraph != "pp3"
                                                    or p.op is not ProposalOp.REPLACE], label="Rev.1").round
    assert amended.paragraphs[0].text == "Persistent legacy of the Chornobyl disaster"
    assert any(p.text.startswith("*Welcomes* of the report") for p in amended.paragraphs)


def test_a_french_amendment_document_is_read_too(tmp_path: Path) -> None:
    store = _store(tmp_path, DRAFT_FR, (Delegation("RUS", "Russian Federation", ("Fédération de Russie",)),))
    document = tmp_path / "amendement.md"
    document.write_text(AMENDMENT_FR, encoding="utf-8")
    imported = read_amendment_document(store, document, date="2025-12-04")
    assert imported is not None
    assert [(p.op, p.paragraph, p.anchor.quote, p.text, p.by) for p in imported.proposals] == [
        (ProposalOp.DELETE, "pp3", "des risques que court", "", ("RUS",)),
        (ProposalOp.DELETE_PARAGRAPH, "p2", "", "", ("RUS",)),
        (ProposalOp.ADD_PARAGRAPH, "p1", "", "*Souligne* l'importance de la coordination ;", ("RUS",)),
    ]


def test_an_instruction_that_names_words_not_in_the_round_records_nothing(tmp_path: Path, runner) -> None:
    store = _store(tmp_path, DRAFT_EN, (Delegation("UKR", "Ukraine"),))
    document = tmp_path / "wrong.md"
    document.write_text(AMENDMENT_EN.replace("Delete operative paragraph 2.", "Delete operative paragraph 12."),
                        encoding="utf-8")
    result = runner.invoke(main, ["propose", str(store), "--from", str(document)], catch_exceptions=False)
    assert (result.exit_code, result.output) == (2, (
        f"drafttool: error: {document}: instruction 5 ('Delete operative paragraph 12.'): it names operative "
        "paragraph 12, but the round has 3 operative paragraphs; nothing recorded\n"))
    assert load_store(store).proposals == ()


def test_an_amendment_to_another_draft_is_refused(tmp_path: Path) -> None:
    store = _store(tmp_path, DRAFT_EN.replace("A/80/L.3", "A/80/L.4"), (Delegation("UKR", "Ukraine"),))
    document = tmp_path / "other.md"
    document.write_text(AMENDMENT_EN, encoding="utf-8")
    with pytest.raises(InputError, match=r"is an amendment to A/80/L\.3, but round 'Draft' is A/80/L\.4"):
        read_amendment_document(store, document)


def test_a_delegation_the_store_does_not_know_is_named(tmp_path: Path) -> None:
    store = _store(tmp_path, DRAFT_EN, (), seeded=False)  # a registry of groups alone
    document = tmp_path / "a.md"
    document.write_text(AMENDMENT_EN, encoding="utf-8")
    with pytest.raises(InputError, match="is tabled by 'Ukraine', who is not a delegation of this negotiation"):
        read_amendment_document(store, document)


def test_a_file_that_is_not_an_amendment_document_is_left_to_the_edited_copy_reader(tmp_path: Path) -> None:
    store = _store(tmp_path, DRAFT_EN, ())
    document = tmp_path / "copy.md"
    document.write_text(DRAFT_EN.replace("continue to report", "report"), encoding="utf-8")
    assert read_amendment_document(store, document) is None


def test_proposals_of_an_amendment_document_are_dated_by_the_document(tmp_path: Path, runner) -> None:
    store = _store(tmp_path, DRAFT_EN, (Delegation("UKR", "Ukraine"),))
    document = tmp_path / "A_80_L.28.md"
    document.write_text(AMENDMENT_EN.replace("symbol: A/80/L.28\n", "symbol: A/80/L.28\nmasthead-date: 2 December 2025\n"),
                        encoding="utf-8")
    result = runner.invoke(main, ["propose", str(store), "--from", str(document)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    proposals = load_store(store).proposals
    assert proposals and {(p.date, p.history[0].date) for p in proposals} == {("2025-12-02", "2025-12-02")}


def test_the_date_an_amendment_document_prints_is_read_in_each_language() -> None:
    from drafttool.model import Masthead, Round
    from drafttool.negotiate.instructions import document_date
    from drafttool.readers import Reading

    printed = ["2 December 2025", "1er décembre 2025", "2 de diciembre de 2025", "2 декабря 2025 г.", "2025年12月2日", ""]
    assert [document_date(Reading(Round("L.28", masthead=Masthead(date=text)))) for text in printed] == [
        "2025-12-02", "2025-12-01", "2025-12-02", "2025-12-02", "2025-12-02", ""]
    assert document_date(Reading(Round("L.28", date="2025-11-26"))) == "2025-11-26"
