"""The governance part read into ``gouvernance`` (stspd_cli.convert.rules.governance): levels,
instances with their rhythm and members, the council's members, the sittings' table, working
groups, the presidency; what it cannot read stays in the part's chapter, as written."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from stspd_cli.convert.pipeline import Conversion, convert_document
from stspd_cli.convert.readers import read_document

HEAD = "# Stratégie territoriale de sécurité et de prévention de la délinquance de Val-Fictif\n\n"


def _converted(tmp_path: Path, text: str) -> Conversion:
    source = tmp_path / "strategie.md"
    source.write_text(HEAD + text, encoding="utf-8")
    return convert_document(
        read_document(source, source.name), shown_as="strategie.yaml", today=date(2026, 12, 2)
    )


def _names(data: dict[str, Any], refs: list[str]) -> list[str]:
    names = {a["id"]: a["nom"] for a in data["acteurs"]}
    return [names[ref] for ref in refs]


STRUCTURED = """## La gouvernance

Présidence : Ville de Val-Fictif

### Niveau décisionnel

#### Séance plénière

Rythme : une fois par an

Elle adopte la stratégie et entend le bilan.

### Niveau opérationnel

#### Cellule de veille de la gare

Membres : Police municipale, Commissariat de police et Réseau de bus

### Membres du conseil

- Ville de Val-Fictif
- Préfecture

### Séances

| Date | Instance | Objet |
| --- | --- | --- |
| 20 juin 2024 | Séance plénière | adoption de la stratégie |
| septembre 2025 | Groupe de travail | réunion jeunesse |

### Groupes de travail

#### Groupe jeunesse

Pilote : Ville de Val-Fictif

Se réunit chaque trimestre.
"""


def test_a_governance_laid_out_as_the_feuille_de_route_lays_it(tmp_path: Path) -> None:
    done = _converted(tmp_path, STRUCTURED)
    data = done.data
    gouvernance = data["gouvernance"]
    assert _names(data, [gouvernance["president"]]) == ["Ville de Val-Fictif"]
    plenary, watch = gouvernance["instances"]
    assert (plenary["nom"], plenary["niveau"], plenary["rythme"]) == (
        "Séance plénière",
        "decisionnel",
        "une fois par an",
    )
    assert plenary["description"] == "Elle adopte la stratégie et entend le bilan."
    assert watch["niveau"] == "operationnel"
    assert _names(data, watch["membres"]) == [
        "Police municipale",
        "Commissariat de police",
        "Réseau de bus",
    ]
    assert _names(data, gouvernance["membres"]) == ["Ville de Val-Fictif", "Préfecture"]
    assert [(str(s["date"]), s["type"], s["objet"]) for s in gouvernance["seances"]] == [
        ("2024-06-20", "pleniere", "adoption de la stratégie"),
        ("2025-09", "groupe_travail", "réunion jeunesse"),
    ]
    (group,) = gouvernance["groupes_travail"]
    assert (group["titre"], group["description"]) == (
        "Groupe jeunesse",
        "Se réunit chaque trimestre.",
    )
    assert "chapitres" not in data  # all of it read: no chapter « La gouvernance » printed twice
    assert done.coverage.missing == []
    assert not done.errors, [f.message for f in done.errors]


def test_a_governance_told_in_sentences_stays_as_written(tmp_path: Path) -> None:
    prose = (
        "## La gouvernance\n\nLe CLSPD se réunit en séance plénière une fois par an, sous la "
        "présidence du maire. Un conseil restreint suit les actions chaque trimestre.\n"
    )
    data = _converted(tmp_path, prose).data
    (chapter,) = data["chapitres"]
    assert chapter["titre"] == "La gouvernance"
    assert chapter["texte"].startswith("Le CLSPD se réunit en séance plénière une fois par an")
    assert "instances" not in data.get("gouvernance", {})


def test_a_sittings_table_with_an_unknown_kind_stays_as_written(tmp_path: Path) -> None:
    """« Comité de pilotage » is no kind of the model: the table is kept whole, not half read."""
    table = (
        "## La gouvernance\n\n### Séances\n\n| Date | Instance | Objet |\n| --- | --- | --- |\n"
        "| 20 juin 2024 | Séance plénière | adoption |\n"
        "| 3 mars 2025 | Comité de pilotage | bilan |\n"
    )
    data = _converted(tmp_path, table).data
    assert "seances" not in data.get("gouvernance", {})
    (chapter,) = data["chapitres"]
    assert chapter["texte"].startswith("### Séances\n\n")  # its heading kept above it
    assert "3 mars 2025 | Comité de pilotage | bilan" in chapter["texte"]
