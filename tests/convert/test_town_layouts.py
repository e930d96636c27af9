"""Documents laid out as towns write their strategies (tests/convert/exemples/, made by
fabriquer.py): what comes out of each, and the same from the Word file and its PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .documents import convert

EXAMPLES = Path(__file__).parent / "exemples"


def _names(data: dict[str, Any]) -> dict[str, str]:
    return {a["id"]: a["nom"] for a in data["acteurs"]}


def _plans(data: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [
        (p.get("numero"), p["titre"], p.get("type"),
         [(a.get("numero"), a["titre"], a.get("finalite")) for a in p.get("actions", [])])
        for p in data.get("plans", [])
    ]  # fmt: skip


@pytest.mark.parametrize("name", ["axes-fiches-tableaux.docx", "axes-fiches-tableaux.pdf"])
def test_axes_with_numbering_restarting_and_fiches_as_tables(name: str) -> None:
    done = convert(EXAMPLES / name)
    data = done.data
    assert data["strategie"]["numerotation"] == "par_plan"
    assert data["strategie"]["libelles"] == {"action": "Fiche action"}
    assert _plans(data) == [
        (1, "Prévenir la délinquance des jeunes", "axe", [
            (1, "Médiation aux abords des collèges", "apaiser les sorties"),
            (2, "Chantiers éducatifs d'été", None)]),
        (2, "Protéger les victimes", "axe", [
            (1, "Permanence d'aide aux victimes", "orienter les victimes")]),
    ]  # fmt: skip
    first, second = data["plans"][0]["actions"]
    names = _names(data)
    assert names[first["pilote"]] == "Ville de Sainte-Fiction"
    assert [names[p] for p in first["partenaires"]] == ["Collège Jules-Fiction", "Police nationale"]
    assert {k: str(v) for k, v in first["calendrier"].items()} == {
        "debut": "2022", "fin": "2025", "echeance": "2024-09"
    }  # fmt: skip
    assert first["financement"] == [
        {"source": "FIPD", "montant": 12000, "annee": 2023},
        {"source": "Ville de Sainte-Fiction", "montant": 4500.5},
    ]
    assert [i["libelle"] for i in first["indicateurs"]] == [
        "Nombre de médiations", "Nombre d'incidents signalés"
    ]  # fmt: skip
    assert (first["statut"], second["statut"]) == ("en_cours", "realisee")
    assert second["quartiers"] == ["Les Lilas", "Le Moulin"]
    assert {k: str(v) for k, v in second["calendrier"].items()} == {
        "debut": "2023-07-01", "fin": "2023-08-31"
    }  # fmt: skip
    assert second["description"] == "Budget : 8 000 €"  # no source named: kept as text
    assert done.coverage.share == 1.0
    assert not done.errors


def test_the_word_title_style_is_the_title() -> None:
    data = convert(EXAMPLES / "axes-fiches-tableaux.docx").data
    title = "Stratégie territoriale de sécurité et de prévention de la délinquance 2022-2025"
    assert data["strategie"]["titre"] == title


@pytest.mark.parametrize("name", ["trois-niveaux.docx", "trois-niveaux.pdf"])
def test_three_levels_written_in_bold_paragraphs(name: str) -> None:
    """Orientation > Axe > Dispositif with no heading style: orientations are the objectives,
    axes the plans (tied to their orientation), dispositifs the actions."""
    done = convert(EXAMPLES / name)
    data = done.data
    assert [(o.get("numero"), o["titre"]) for o in data["objectifs"]] == [
        (1, "Agir plus tôt auprès des jeunes"), (2, "Apaiser l'espace public")
    ]  # fmt: skip
    assert [(p["titre"], p["objectifs"]) for p in data["plans"]] == [
        ("Repérer les situations de décrochage", ["agir-plus-tot-aupres-jeunes"]),
        ("Occuper les vacances", ["agir-plus-tot-aupres-jeunes"]),
        ("Prévention situationnelle", ["apaiser-espace-public"]),
    ]
    actions = [a for p in data["plans"] for a in p["actions"]]
    assert [(a["numero"], a["titre"], a.get("finalite")) for a in actions] == [
        (1, "Cellule de veille éducative", "repérer les décrocheurs"),
        (2, "Accueil des exclus temporaires", None),
        (1, "Séjours sportifs", "éviter l'errance estivale"),
        (1, "Diagnostic de l'éclairage public", None),
    ]
    assert data["strategie"]["libelles"] == {"objectif": "Orientation", "action": "Dispositif"}
    assert str(actions[0]["calendrier"]["debut"]) == "2022-09"
    assert str(actions[2]["calendrier"]["echeance"]) == "2025-08"
    assert actions[3]["financement"] == [{"source": "FIPD", "montant": 15000, "annee": 2024}]
    assert not done.errors


def test_enjeux_holding_unnumbered_bullet_actions() -> None:
    done = convert(EXAMPLES / "enjeux-puces.odt")
    data = done.data
    assert data["strategie"]["numerotation"] == "aucune"
    assert _plans(data) == [
        (1, "La tranquillité publique", "enjeu", [
            (None, "Médiation sociale de soirée", "apaiser les halls"),
            (None, "Marches exploratoires avec les habitantes", None),
            (None, "Diagnostic de sûreté des parkings", None)]),
        (2, "La prévention de la récidive", "enjeu", [
            (None, "Travail d'intérêt général à la ville", None),
            (None, "Accompagnement des sortants de détention", None)]),
    ]  # fmt: skip
    assert done.text.count("# à vérifier : élément de liste lu comme une action") == 5
    assert data["plans"][0]["description"] == "Les habitants signalent des rassemblements."
    assert done.coverage.share == 1.0


def test_two_columns_read_column_after_column() -> None:
    """Title and introduction across the page, then the axes in two columns: the PDF reads
    the left column, then the right one, and gives what the Word file gives."""
    from_word, from_pdf = (convert(EXAMPLES / f"deux-colonnes.{kind}") for kind in ("docx", "pdf"))
    assert from_pdf.data == from_word.data
    assert _plans(from_pdf.data) == [
        (1, "Prévenir la délinquance des jeunes", "axe", [
            (1, "Chantiers éducatifs d'été", None),
            (2, "Médiation aux abords des collèges", None)]),
        (2, "Protéger les victimes", "axe", [
            (1, "Permanence d'aide aux victimes", None),
            (2, "Intervenant social en commissariat", None)]),
    ]  # fmt: skip
    fiche = from_pdf.data["plans"][0]["actions"][1]
    assert fiche["description"] == (
        "Deux médiateurs sont présents aux heures de sortie, du lundi au vendredi, et signalent "
        "à la cellule de veille les tensions qu'ils observent devant les établissements et sur le "
        "trajet des bus scolaires. Ils rencontrent chaque trimestre les parents d'élèves, les "
        "principaux et les conducteurs des lignes scolaires pour faire le point sur les incidents "
        "et sur les trajets à risque."
    )  # cut at the foot of the left column: one paragraph again
    assert from_pdf.data["territoire"]["nom"] == "Sainte-Fiction"  # « Sainte- » ended a line
    assert from_pdf.coverage.share == 1.0
    assert not from_pdf.errors
