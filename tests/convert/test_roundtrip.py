"""Round trip through our own documents: each strategy rendered to a format, converted back,
compared with the original (stspd_cli.convert.compare). The levels are those reached and
measured by benchmarks/convertir.py; a drop fails here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from libreoffice import SOFFICE

from stspd_cli.convert.compare import recovered
from stspd_cli.convert.rules.fields import field_of

from .documents import (
    DEMO,
    LILLE,
    LOOS,
    OFFICE,
    RENDERED,
    convert,
    make_document,
    original,
    rendered_again,
)

# (strategy, format) -> share of the structure recovered, at least.
LEVELS = {
    (DEMO, "html"): 1.0, (DEMO, "md"): 1.0, (DEMO, "pdf"): 1.0,
    (DEMO, "docx"): 1.0, (DEMO, "odt"): 1.0,
    (DEMO, "docx-libreoffice"): 1.0, (DEMO, "odt-libreoffice"): 1.0,
    (LOOS, "html"): 1.0, (LOOS, "md"): 1.0, (LOOS, "pdf"): 1.0,
    (LOOS, "docx"): 1.0, (LOOS, "odt"): 1.0,
    (LOOS, "docx-libreoffice"): 1.0, (LOOS, "odt-libreoffice"): 1.0,
    (LILLE, "html"): 1.0, (LILLE, "md"): 1.0, (LILLE, "pdf"): 1.0,
    (LILLE, "docx"): 1.0, (LILLE, "odt"): 1.0,
    (LILLE, "docx-libreoffice"): 1.0, (LILLE, "odt-libreoffice"): 1.0,
}  # fmt: skip
_NAMES = {DEMO: "demo", LOOS: "loos", LILLE: "lille"}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("aller-retour")


def _case(strategy: Path, fmt: str) -> object:
    marks = []
    if fmt in OFFICE:
        marks.append(pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) absent"))
    return pytest.param(strategy, fmt, id=f"{_NAMES[strategy]}-{fmt}", marks=marks)


@pytest.mark.parametrize(
    ("strategy", "fmt"), [_case(s, f) for s in (DEMO, LOOS, LILLE) for f in RENDERED + OFFICE]
)
def test_structure_comes_back(strategy: Path, fmt: str, folder: Path) -> None:
    document = make_document(strategy, fmt, folder / fmt)
    done = convert(document)
    share, missing = recovered(original(strategy), done.data)
    assert share >= LEVELS[strategy, fmt], sorted(missing, key=str)
    assert not done.errors, [f.message for f in done.errors]


def test_the_demo_fiche_comes_back_field_by_field(folder: Path) -> None:
    """One fiche read from Markdown: pilot, partners, dates at their precision, amounts."""
    data = convert(make_document(DEMO, "md", folder / "md")).data
    plan = data["plans"][0]
    fiche = plan["actions"][0]
    names = {a["id"]: a["nom"] for a in data["acteurs"]}
    assert (plan["numero"], plan["type"], fiche["numero"]) == (1, "plan", 1)
    assert fiche["titre"] == "Présence éducative de soirée"
    assert names[fiche["pilote"]] == "Ville de Val-Fictif"
    assert [names[p] for p in fiche["partenaires"]] == [
        "Commissariat de police de Val-Fictif",
        "Police municipale de Val-Fictif",
        "Habitat Fictif",
    ]
    calendar = {k: str(v) for k, v in fiche["calendrier"].items()}
    assert calendar == {
        "debut": "2024-09-06",
        "fin": "2027-06-30",
        "echeance": "2027-06-30",
        "precision": "chaque vendredi et samedi soir, de 19 h à 23 h",
    }
    assert [(f["source"], f.get("annee"), f["montant"]) for f in fiche["financement"]] == [
        ("FIPD", 2025, 12000),
        ("FIPD", 2026, 12500),
        ("Ville de Val-Fictif", 2025, 8000),
        ("Contrat de ville", 2026, 4500.5),
    ]
    assert (fiche["statut"], fiche["avancement"]) == ("en_cours", 60)
    assert data["strategie"]["numerotation"] == "par_plan"
    # « Plan » is stspd's own word; « Action » is written all the same: it also chooses the
    # word of running text (« dont 2 reprises dans une action », not « fiche-action »).
    assert data["strategie"]["libelles"] == {"objectif": "Priorité", "action": "Action"}


@pytest.mark.parametrize("fmt", ["html", "md", "docx", "odt"])
def test_a_fiche_label_never_stays_as_its_text(fmt: str, folder: Path) -> None:
    """« Financement » above its table (a table's caption, in LibreOffice) routes what follows:
    it is never left as a line of a fiche's description."""
    data = convert(make_document(DEMO, fmt, folder / fmt)).data
    texts = [
        str(action.get(key, ""))
        for plan in data["plans"]
        for action in plan["actions"]
        for key in ("constat", "description", "moyens", "commentaire")
    ]
    lines = {line.strip() for text in texts for line in text.split("\n") if line.strip()}
    assert [line for line in lines if field_of(line.rstrip(" :")) is not None] == []


def _names(data: dict[str, Any], refs: list[str]) -> list[str]:
    names = {a["id"]: a["nom"] for a in data["acteurs"]}
    return [names[ref] for ref in refs]


def test_a_page_framed_as_a_table_is_read_as_text(folder: Path) -> None:
    """The demo's governance page: pdfplumber finds one table from the rule under its title
    to the table of sittings at its foot. Only that table is one; the rest is the page's text,
    read as the governance it is (presidency, instances by level with their rhythm and
    members, sittings), and its working groups are no actions."""
    data = convert(make_document(DEMO, "pdf", folder / "pdf")).data
    gouvernance = data["gouvernance"]
    assert _names(data, [gouvernance["president"]]) == ["Ville de Val-Fictif"]
    assert [(i["nom"], i["niveau"], i["rythme"]) for i in gouvernance["instances"]] == [
        ("Séance plénière du CLSPD", "decisionnel", "au moins une fois par an"),
        ("Cellule de veille du quartier de la gare", "operationnel", "tous les quinze jours"),
        ("Conseil restreint", "executif", "chaque trimestre"),
    ]
    assert _names(data, gouvernance["instances"][2]["membres"])[:2] == [
        "Ville de Val-Fictif",
        "Préfecture du Département-Fictif",
    ]
    assert [(str(s["date"]), s.get("type")) for s in gouvernance["seances"]][:2] == [
        ("2024-06-20", "pleniere"),
        ("2025-06-19", "pleniere"),
    ]
    (group,) = gouvernance["groupes_travail"]
    assert (group["titre"], _names(data, [group["pilote"]])) == (
        "Groupe de travail jeunesse",
        ["Ville de Val-Fictif"],
    )
    assert not [c for c in data.get("chapitres", []) if c["titre"] == "La gouvernance"]
    titles = [a["titre"] for p in data["plans"] for a in p.get("actions", [])]
    titles += [a["titre"] for a in data.get("actions", [])]  # the transversal ones
    assert "Groupes de travail" not in titles
    assert len(titles) == 8  # the demo's nine, less the restricted one


def test_a_list_set_in_two_columns_gives_an_item_an_entry(folder: Path) -> None:
    """Lille's members of the council, a bulleted list in two columns: one item each, row
    after row; the demo's sub-objective keeps its own text, set in grey below its title."""
    lille = convert(make_document(LILLE, "pdf", folder / "pdf")).data
    members = _names(lille, lille["gouvernance"]["membres"])
    assert members == [  # the sentence's order, then the list's items, each once and whole
        "Ville de Lille", "Préfecture", "Police Nationale", "Justice", "éducation Nationale",
        "Conseil Départemental", "bailleurs sociaux", "Keolis-Transpole", "SNCF",
        "associations de prévention et d’aide aux victimes",
    ]  # fmt: skip
    demo = convert(make_document(DEMO, "pdf", folder / "pdf")).data
    first = demo["objectifs"][0]["sous_objectifs"][0]
    assert (first["titre"], first.get("texte")) == (
        "Repérer plus tôt les jeunes en difficulté",
        "Avec le collège et les éducateurs de prévention spécialisée.",
    )


def test_two_tables_of_a_page_stay_two_tables(folder: Path) -> None:
    """The demo's annex page: the funding table, the heading « Textes de référence », then
    their table, on a page whose body WeasyPrint paints white. The white rectangle draws no
    rule: the two tables are not read as one, and each reference text keeps the date, the
    address and the kind its row gives."""
    data = convert(make_document(DEMO, "pdf", folder / "pdf")).data
    texts = {r["titre"]: r for r in data["cadre"]["references"]}
    town = texts["Contrat de ville du Val-Fictif 2024-2030"]
    assert (town["type"], str(town["date"])) == ("contrat", "2024-04-02")
    assert town["url"] == "https://www.val-fictif.example/contrat-de-ville"
    diagnosis = texts["Diagnostic local de sécurité de Val-Fictif"]
    assert (diagnosis["type"], str(diagnosis["date"])) == ("autre", "2023-11")
    # The table leaves the law's date cell empty: no date read in its title either.
    law = texts["Loi n° 2007-297 du 5 mars 2007 relative à la prévention de la délinquance"]
    assert (law["type"], law.get("date")) == ("loi", None)


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
@pytest.mark.parametrize("strategy", [LOOS, LILLE], ids=["loos", "lille"])
def test_a_seed_converted_then_rendered_again_reads_the_same(
    strategy: Path, fmt: str, folder: Path
) -> None:
    """The feuille de route of Loos or Lille, converted back from its page, its Word document
    or its PDF, then rendered again: the same text, line for line (nothing lost, nothing
    printed twice; the cover's territory name above the title is no chapter; Lille's chapter
    « STSPD et CLSPD : vous connaissez ? » stays after the presentation, its signatory LMH
    signs once, its territory is not read in the glossary)."""
    done = convert(make_document(strategy, fmt, folder / fmt))
    assert rendered_again(strategy, done) == []
