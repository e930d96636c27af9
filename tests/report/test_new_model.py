"""The bilan of strategies as real ones are written: partly achieved actions, actions outside
any plan, dates at their precision, the effective period, proposals, the document's words."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from stspd_cli.report import build_report
from stspd_cli.report.formats import FORMATS

VALID = Path(__file__).parents[1] / "examples" / "valides"
BULLETS = VALID / "actions-sans-numero.yaml"
CONVENTION = VALID / "gouvernance-propositions-chapitres.yaml"


def _territory(path: Path, today: date) -> dict[str, Any]:
    result: dict[str, Any] = build_report([path], today, interne=False)["territoires"][0]
    return result


def _text(name: str, path: Path, today: date) -> str:
    result = FORMATS[name](build_report([path], today, interne=False), False)
    assert isinstance(result, str)
    return result


def test_the_effective_period_and_whether_it_has_ended() -> None:
    running = _territory(BULLETS, date(2026, 1, 15))["periode"]
    assert running == {
        "debut": "2021",
        "fin": "2024",
        "fin_effective": "2026-09",
        "prorogee": True,
        "avenant": {"id": "prorogation", "date": "2024-12"},
        "intervalle": {"debut": "2021-01-01", "fin": "2026-09-30"},
        "terminee": False,
    }
    assert _territory(BULLETS, date(2026, 9, 30))["periode"]["terminee"] is False
    assert _territory(BULLETS, date(2026, 10, 1))["periode"]["terminee"] is True
    text = _text("text", BULLETS, date(2026, 10, 1))
    assert (
        "Période : de 2021 à 2024. Période prorogée jusqu'en septembre 2026 par l'avenant de "
        "décembre 2024, terminée en septembre 2026."
    ) in " ".join(text.split())


def test_partly_achieved_is_counted_apart_and_closed() -> None:
    territory = _territory(BULLETS, date(2026, 1, 15))
    statuses = {k: v["nombre"] for k, v in territory["actions"]["par_statut"].items()}
    assert (statuses["realisee"], statuses["partiellement_realisee"], statuses["en_cours"]) == (
        1,
        1,
        1,
    )
    [plan] = territory["actions"]["par_plan"]
    assert (plan["realisees"], plan["part_realisees"]) == (0, 0.0)
    assert (plan["partiellement_realisees"], plan["part_partiellement_realisees"]) == (1, 50.0)
    # Its end (August 2022) is long past: a closed action is not late.
    assert territory["en_retard"] == []
    outside = territory["actions"]["hors_plan"]
    assert (outside["actions"], outside["realisees"]) == (1, 1)
    markdown = _text("md", BULLETS, date(2026, 1, 15))
    assert (
        "| Fiches-actions transversales | 1 | 1 | 100\u00a0% | 0 | 100\u00a0% (sur 1) |"
    ) in markdown
    assert "| La jeunesse | 2 | 0 | 0\u00a0% | 1 | 80\u00a0% (sur 1) |" in markdown
    assert "### Progression par thème" in markdown


def test_a_month_deadline_is_late_only_after_its_last_day() -> None:
    assert _territory(BULLETS, date(2026, 6, 30))["en_retard"] == []
    [late] = _territory(BULLETS, date(2026, 7, 1))["en_retard"]
    assert (late["id"], late["echeance"], late["jours_de_retard"]) == (
        "cellule-veille",
        "2026-06",
        1,
    )
    assert late["echeance_intervalle"] == {"debut": "2026-06-01", "fin": "2026-06-30"}
    assert (late["libelle"], late["reference"], late["numero_affiche"]) == (
        "Cellule de veille",
        "Cellule de veille",
        None,
    )
    text = " ".join(_text("text", BULLETS, date(2026, 7, 1)).split())
    assert "│ Cellule de veille │ juin 2026 │ 1 jour │ en cours │" in text


def test_proposals_are_counted() -> None:
    territory = _territory(CONVENTION, date(2026, 1, 15))
    assert territory["propositions"] == {
        "total": 2,
        "retenues": 1,
        "reprises": 1,
        "non_retenues": 1,
        "non_renseignees": 0,
    }
    for name in ("md", "html", "text"):
        text = " ".join(_text(name, CONVENTION, date(2026, 1, 15)).split())
        assert (
            "Propositions : 1 proposition retenue sur 2, dont 1 reprise dans un chantier." in text
        )


def test_actions_are_named_as_the_document_names_them() -> None:
    territory = _territory(CONVENTION, date(2026, 1, 15))
    lines = {row["id"]: row for row in territory["lignes_actions"]}
    assert lines["eclairage-canal"]["libelle"] == "Chantier n°1"
    assert lines["marche-exploratoire"]["plan"] is None
    assert territory["libelles"]["action"] == {
        "singulier": "Chantier",
        "pluriel": "Chantiers",
        "feminin": False,
    }
    html = _text("html", CONVENTION, date(2026, 1, 15))
    assert '<h3 id="t1-statuts">2 chantiers par statut</h3>' in html
    assert '<h3 id="t1-plans">Progression par axe</h3>' in html
