"""Exact report figures on a small fictional strategy, and honesty on the real ones."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from stspd_cli.report import build_report

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
TODAY = date(2026, 3, 1)


@pytest.fixture(scope="module")
def territory() -> dict[str, Any]:
    report = build_report([HERE / "fixtures" / "bourg-fictif.yaml"], TODAY, interne=False)
    assert "consolide" not in report
    result: dict[str, Any] = report["territoires"][0]
    return result


def test_counts_and_shares(territory: dict[str, Any]) -> None:
    actions = territory["actions"]
    assert actions["total"] == 5
    statuses = {k: (v["nombre"], v["pourcentage"]) for k, v in actions["par_statut"].items()}
    assert statuses == {
        "prevue": (0, 0.0),
        "en_cours": (2, 40.0),
        "realisee": (1, 20.0),
        "partiellement_realisee": (0, 0.0),
        "suspendue": (0, 0.0),
        "abandonnee": (1, 20.0),
        "non_renseigne": (1, 20.0),
    }
    assert actions["par_pilote"] == {
        "police": {"nombre": 2, "pourcentage": 40.0},
        "sans_pilote": {"nombre": 1, "pourcentage": 20.0},
        "ville": {"nombre": 2, "pourcentage": 40.0},
    }


def test_rollup_rule(territory: dict[str, Any]) -> None:
    jeunes, tranquillite = territory["actions"]["par_plan"]
    # 3 actions, 1 abandoned left out: 1 done of 2 considered; progress known for both.
    assert jeunes["hors_abandonnees"] == 2
    assert jeunes["realisees"] == 1
    assert jeunes["part_realisees"] == 50.0
    assert jeunes["avancement_moyen"] == 75
    assert jeunes["avancement_renseigne"] == 2
    # 1 status known of 2: 0 done of 2 considered; progress given by one action only.
    assert tranquillite["statut_renseigne"] == 1
    assert tranquillite["part_realisees"] == 0.0
    assert tranquillite["avancement_moyen"] == 20
    assert tranquillite["avancement_renseigne"] == 1
    by_objective = {o["id"]: o["actions"] for o in territory["actions"]["par_objectif"]}
    assert by_objective == {"jeunes": 3, "tranquillite": 2}


def test_late_and_without_calendar(territory: dict[str, Any]) -> None:
    late = territory["en_retard"]
    assert [(row["id"], row["jours_de_retard"], row["statut"]) for row in late] == [
        ("a-en-retard", 29, "en_cours")
    ]
    assert territory["sans_calendrier"] == ["a-sans-statut"]


def test_indicators_rates_directions_and_staleness(territory: dict[str, Any]) -> None:
    rows = {r["libelle"]: r for r in territory["indicateurs"]}
    rising = rows["Jeunes accompagnés"]
    assert (rising["derniere_valeur"], rising["date_derniere_mesure"]) == (40, "2025-06-30")
    assert rising["taux_atteinte"] == 80.0  # (40 - 0) / (50 - 0)
    assert rising["sens"] == "hausse"
    assert rising["perime"] is False  # 244 days old on 2026-03-01
    falling = rows["Cambriolages"]
    assert falling["taux_atteinte"] == 25.0  # (110 - 120) / (80 - 120)
    assert falling["sens"] == "baisse"
    assert falling["perime"] is True  # measured 425 days before
    assert territory["actions_sans_indicateur"] == ["a-en-retard", "a-abandonnee", "a-sans-statut"]


def test_funding(territory: dict[str, Any]) -> None:
    funding = territory["financement"]

    def unknown(amount: float) -> dict[str, float]:
        """Amounts of lines that do not say whether they are obtained (no ``acquis``)."""
        return {"acquis": 0, "demande": 0, "non_precise": amount, "total": amount}

    assert (funding["total"], funding["acquis"], funding["non_precise"]) == (17500.5, 0, 17500.5)
    assert funding["par_source"] == {"FIPD": unknown(15000), "Ville": unknown(2500.5)}
    assert funding["par_annee"] == {"2025": unknown(12500.5), "2026": unknown(5000)}
    assert funding["par_plan"] == {"plan-jeunes": unknown(17500.5), "plan-tranquillite": unknown(0)}
    assert funding["lignes_sans_montant"] == 1


def test_who_does_what_and_alignment(territory: dict[str, Any]) -> None:
    matrix = {row["acteur"]: row for row in territory["qui_fait_quoi"]["matrice"]}
    assert matrix["ville"]["pilote"] == ["a-realisee", "a-en-retard"]
    assert matrix["ville"]["partenaire"] == ["a-sans-statut"]
    assert matrix["police"]["charge"] == 4
    alignment = territory["alignement"]
    covered = {a["axe"]: a["actions"] for a in alignment["axes"]}
    assert covered["snpd-2020-2024/axe-1"] == ["a-realisee", "a-en-retard", "a-abandonnee"]
    assert alignment["axes_non_couverts"] == [
        "snpd-2020-2024/axe-2",
        "snpd-2020-2024/axe-3",
        "snpd-2020-2024/axe-4",
    ]


def test_data_quality(territory: dict[str, Any]) -> None:
    quality = {k: v["nombre"] for k, v in territory["qualite"].items()}
    assert quality == {
        "pilote": 4,
        "calendrier": 4,
        "indicateurs": 2,
        "financement": 2,
        "statut": 4,
    }


def test_real_strategies_say_what_is_unknown() -> None:
    report = build_report([ROOT / "strategies"], TODAY, interne=False)
    loos = next(t for t in report["territoires"] if t["instance"] == "CISPD")
    assert loos["actions"]["total"] == 19
    assert loos["actions"]["par_statut"]["non_renseigne"]["nombre"] == 19
    for plan in loos["actions"]["par_plan"]:
        assert plan["part_realisees"] is None
        assert plan["realisees"] is None
        assert plan["avancement_moyen"] is None
    assert loos["en_retard"] == []
    assert loos["financement"]["total"] == 0
    lille = next(t for t in report["territoires"] if t["instance"] == "CLSPD")
    assert lille["actions"]["total"] == 0
    assert report["consolide"]["territoires"] == 2
