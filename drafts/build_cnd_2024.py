"""Build the example negotiation drafts/cnd-2024/ from the adopted text of the seed.

The adopted text is real: the high-level declaration the Commission on Narcotic Drugs
adopted on 14 March 2024 (French version).  The history before it is illustrative: a zero
draft made by taking some of the adopted wording out again, proposals by delegations and
groups (some accepted, some rejected, one withdrawn, an alternative, a statement, identical
proposals by two groups, a moved paragraph, a split paragraph), two revisions built from the
accepted proposals, and the adopted text imported at the end as the chair's own text.

Run from the repository root:  .venv/bin/python drafts/build_cnd_2024.py
It replaces drafts/cnd-2024/ entirely.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drafttool.text import markup  # noqa: E402
from drafttool.model import (  # noqa: E402
    Anchor, Delegation, Kind, Proposal, ProposalOp, ProposalStatus, Status, StatusValue,
)
from drafttool.operations import (  # noqa: E402
    add_delegation, decide, endorse, import_round, next_round, propose, set_status,
)
from drafttool.negotiate.proposals import renumber  # noqa: E402
from drafttool.readers import read_document  # noqa: E402
from drafttool.renderers.markdown import render_round_markdown  # noqa: E402
from drafttool.negotiate.delegations import COMMON_GROUPS  # noqa: E402
from drafttool.store import create_store, load_store, replace_round  # noqa: E402

SEED = ROOT / "tests" / "fixtures" / "cnd-2024-high-level-declaration.fr.md"
STORE = ROOT / "drafts" / "cnd-2024"

NOTE = (
    "Illustrative history. The 'Adopted' round is the real text adopted by the Commission on Narcotic Drugs at "
    "its sixty-seventh session (Vienna, 14 March 2024), French version, imported from a PDF-to-Markdown "
    "conversion of the official document (the converted masthead does not print the symbol; E/CN.7/2024/L.2 is "
    "given as that of the draft declaration). The zero draft, Rev.1, Rev.2 and every proposal are invented for "
    "the example, by drafts/build_cnd_2024.py, to show how drafttool records a negotiation."
)

DELEGATIONS = (
    Delegation("USA", "United States of America", ("US", "U.S.", "United States", "États-Unis")),
    Delegation("RUS", "Russian Federation", ("Russia", "Fédération de Russie")),
    Delegation("CHN", "China", ("Chine",)),
    Delegation("MEX", "Mexico", ("Mexique",)),
    Delegation("COL", "Colombia", ("Colombie",)),
    Delegation("NOR", "Norway", ("Norvège",)),
    Delegation("EGY", "Egypt", ("Égypte",)),
    Delegation("JPN", "Japan", ("Japon",)),
)


def zero_draft_text() -> str:
    """The adopted text with some of its wording taken out again, as a zero draft."""
    adopted = read_document(SEED, label="Zero draft").round
    texts = {p.id: p.text for p in adopted.paragraphs}
    cut = {
        # Words delegations will propose to put back.
        "p5": ", saluons les efforts déployés par les États parties pour se conformer aux dispositions de ces "
              "instruments et veiller à leur bonne application,",
        "p18.a": " et la diversification",
        "p20.e": ", y compris, mais sans s'y limiter, ceux de la santé publique, du bien-être et de la sûreté",
        "p40": " et fonctionnel",
        # Words the chair will put in at the end.
        "p27": " selon qu'il convient et",
        "p41": "[^fn-12]",
    }
    for pid, words in cut.items():
        assert words in texts[pid], (pid, words)
        texts[pid] = texts[pid].replace(words, "", 1)
    texts["p3"] = texts["p3"].replace("'", "’")  # the zero draft's typography differs
    paragraphs = [replace(p, text=texts[p.id]) for p in adopted.paragraphs if p.id != "p12"]
    # Paragraph 31 sits in section II, after 26; paragraphs 37 and 38 are one.
    order = [p.id for p in paragraphs]
    p31 = paragraphs.pop(order.index("p31"))
    paragraphs.insert([p.id for p in paragraphs].index("p26") + 1, p31)
    by_id = {p.id: p for p in paragraphs}
    merged = replace(by_id["p37"], text=by_id["p37"].text + " " + by_id["p38"].text)
    paragraphs = [merged if p.id == "p37" else p for p in paragraphs if p.id != "p38"]
    footnotes = tuple(f for f in adopted.footnotes if f.id not in ("fn-9", "fn-12"))
    zero = renumber(replace(adopted, paragraphs=tuple(paragraphs), footnotes=footnotes, date="2024-01-12"))
    zero = replace(zero, masthead=replace(zero.masthead, date="12 janvier 2024"))
    return render_round_markdown(zero)


def build(target: Path) -> None:
    create_store(target, title="Déclaration de haut niveau de la Commission des stupéfiants (examen à mi-parcours "
                               "de 2024)", symbol="E/CN.7/2024/L.2", language="fr", note=NOTE,
                 delegations=COMMON_GROUPS)  # the example's registry: the groups and the States it adds
    for delegation in DELEGATIONS:
        add_delegation(target, delegation)
    with tempfile.TemporaryDirectory() as folder:
        zero = Path(folder) / "zero-draft.fr.md"
        zero.write_text(zero_draft_text(), encoding="utf-8")
        import_round(target, zero, label="Zero draft", date="2024-01-12",
                     note="Zero draft circulated by the Chair (illustrative).")

    def p(pid: str, op: ProposalOp, by: tuple[str, ...], para: str | None, *, quote: str = "",
          before: str = "", after: str = "", text: str = "", place: str | None = None, label: str = "",
          date: str = "2024-01-22", note: str = "", supra: bool = False) -> Proposal:
        return propose(target, Proposal(pid, "", op, by, para, Anchor(quote, before, after),
                                        markup.escape(text), before=supra, place=place, label=label, date=date,
                                        note=note))

    # Proposals on the zero draft.
    p("eu-1", ProposalOp.INSERT, ("EU",), "5", before="relatifs au contrôle des drogues", after=" et prions",
      text=", saluons les efforts déployés par les États parties pour se conformer aux dispositions de ces "
           "instruments et veiller à leur bonne application,")
    p("g77-1", ProposalOp.ADD_PARAGRAPH, ("G77",), "11", label="11 bis",
      text="Nous réaffirmons que les efforts déployés pour atteindre les objectifs de développement durable et "
           "pour combattre efficacement le problème mondial de la drogue sont complémentaires et se renforcent "
           "mutuellement.")
    p("afg-1", ProposalOp.ADD_PARAGRAPH, ("AfG",), "11", label="11 bis",
      text="Nous réaffirmons que les efforts déployés pour atteindre les objectifs de développement durable et "
           "pour combattre efficacement le problème mondial de la drogue sont complémentaires et se renforcent "
           "mutuellement.")
    p("afg-2", ProposalOp.MOVE_PARAGRAPH, ("AfG",), "26", place="30",
      note="Belongs with cooperation at all levels (section III.A).")
    p("mex-1", ProposalOp.INSERT, ("MEX", "COL"), "17 a)", before="L'expansion", after=" de l'éventail",
      text=" et la diversification")
    p("usa-1", ProposalOp.ALTERNATIVE, ("USA",), "12", label="OP12 alt",
      text="Nous décidons d'examiner en 2029 les progrès accomplis dans la mise en œuvre de l'ensemble des "
           "engagements pris concernant la politique internationale en matière de drogues.")
    p("rus-1", ProposalOp.DELETE, ("RUS",), "4", quote="tous les droits humains, toutes les libertés "
                                                        "fondamentales et ")
    p("canz-1", ProposalOp.REPLACE, ("CANZ",), "9", quote="réduire au minimum les conséquences néfastes",
      text="réduire les risques et les méfaits")
    p("eu-2", ProposalOp.INSERT, ("EU",), "19 e)", before="sous différents aspects", after=" ;",
      text=", y compris, mais sans s'y limiter, ceux de la santé publique, du bien-être et de la sûreté",
      date="2024-01-24")
    endorse(target, "eu-1", ("CANZ", "NOR"), date="2024-01-25")
    endorse(target, "usa-1", ("G77",), oppose=True, date="2024-01-25")
    endorse(target, "rus-1", ("EU", "CANZ"), oppose=True, date="2024-01-25")
    decide(target, ["eu-1", "g77-1", "afg-2", "mex-1"], ProposalStatus.ACCEPTED, date="2024-01-30",
           note="agreed in informal consultations")
    decide(target, ["usa-1", "rus-1"], ProposalStatus.REJECTED, date="2024-01-30", note="no consensus")
    decide(target, ["canz-1"], ProposalStatus.WITHDRAWN, by="CANZ", date="2024-01-30")
    next_round(target, label="Rev.1", date="2024-02-02")

    # Proposals on Rev.1 (eu-2 was carried over, still pending).
    p("eu-3", ProposalOp.ALTERNATIVE, ("EU",), "37", label="OP37 alt", date="2024-02-08",
      text="Nous réaffirmons notre engagement à continuer de mobiliser des ressources, notamment aux fins de la "
           "prestation de services d'assistance technique et de renforcement des capacités à tous les niveaux, "
           "de manière à faire en sorte que tous les États Membres puissent aborder et combattre efficacement les "
           "défis émergents et persistants liés à la drogue.",
      note="Split the paragraph in two: resources, then technical assistance.")
    p("eu-4", ProposalOp.ADD_PARAGRAPH, ("EU",), "37", label="37 bis", date="2024-02-08",
      text="Nous réaffirmons notre engagement à accroître la prestation de services d'assistance technique et de "
           "renforcement des capacités aux États Membres qui en font la demande, en particulier à ceux qui sont le "
           "plus durement touchés par le problème mondial de la drogue, notamment par la culture illicite et la "
           "production, le transit et la consommation.")
    p("chn-1", ProposalOp.INSERT, ("CHN",), "39", before="un appui technique", after=" accru",
      text=" et fonctionnel", date="2024-02-09")
    p("g77-2", ProposalOp.STATEMENT, ("G77",), "40", date="2024-02-12",
      text="Certaines délégations ont mentionné les recommandations relatives à la nécessité que le transfert de "
           "technologie se fasse selon des modalités arrêtées d'un commun accord, comme précisé au paragraphe 45 "
           "du Pacte de Bridgetown (TD/541/Add.2) du 7 octobre 2021.")
    p("usa-2", ProposalOp.RETAIN, ("USA",), "40", date="2024-02-12")
    decide(target, ["eu-2", "eu-3", "eu-4"], ProposalStatus.ACCEPTED, date="2024-02-20",
           note="agreed in informal consultations")
    next_round(target, label="Rev.2", date="2024-02-23")
    for label in ("1", "2", "3", "4", "5", "6", "7", "8"):
        set_status(target, label, Status(StatusValue.AGREED, "informals", "2024-02-28", (), "Chair"))
    set_status(target, "41", Status(StatusValue.AGREED_AD_REF, "informals", "2024-03-01", ("USA",), "Chair"))
    set_status(target, "13", Status(StatusValue.PENDING, "informals", "2024-03-01", ("RUS",), "Chair"))

    # The adopted text, issued by the chair: imported from outside and attributed by matching.
    decide(target, ["chn-1"], ProposalStatus.ACCEPTED, date="2024-03-13", note="taken up in the chair's text")
    decide(target, ["usa-2"], ProposalStatus.WITHDRAWN, by="USA", date="2024-03-13")
    import_round(target, SEED, label="Adopted", date="2024-03-14",
                 note="Adopted by consensus at the opening of the high-level segment.")
    negotiation = load_store(target)
    adopted = negotiation.round("Adopted")
    agreed = Status(StatusValue.AGREED, "plenary", "2024-03-14", (), "Chair")
    replace_round(target, replace(adopted, paragraphs=tuple(
        replace(q, status=agreed) if q.kind not in (Kind.TITLE, Kind.HEADING) else q for q in adopted.paragraphs)))


def main() -> None:
    building = STORE.with_name(STORE.name + ".building")
    shutil.rmtree(building, ignore_errors=True)
    build(building)
    shutil.rmtree(STORE, ignore_errors=True)
    building.rename(STORE)
    (STORE / ".lock").unlink(missing_ok=True)
    print(f"built {STORE}")


if __name__ == "__main__":
    main()
