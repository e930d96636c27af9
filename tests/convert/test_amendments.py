"""Amendments (stspd_cli.convert.rules.amendments, FrameRules.amendment): a line « Avenant … »
with its dates is an entry of gouvernance.avenants, merged with the one the cover's
« prorogée … par l'avenant du … » made; its object is the text below it, or the line itself
when it says more than its dates; nothing of the source is lost or made up."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from stspd_cli.convert.pipeline import Conversion, convert_document
from stspd_cli.convert.readers import read_document
from stspd_cli.convert.rules.amendments import amendment_line

from .documents import DEMO, convert, make_document


@pytest.mark.parametrize(
    ("line", "signed", "new_end", "title_only"),
    [
        (
            "Avenant du 18 juin 2026 – nouvelle fin de la stratégie : 31 décembre 2027",
            "2026-06-18",
            "2027-12-31",
            True,
        ),
        (
            "Avenant n°1 signé le 12 mars 2023 : prorogation de la stratégie jusqu'en "
            "septembre 2026",
            "2023-03-12",
            "2026-09",
            False,
        ),
        ("Avenant n°2 du 3 février 2025", "2025-02-03", None, True),
        ("AVENANT N° 3 DU 5 MAI 2025 : ajout d'une action", "2025-05-05", None, False),
    ],
)
def test_an_amendment_line(line: str, signed: str, new_end: str | None, title_only: bool) -> None:
    found = amendment_line(line)
    assert found is not None
    assert str(found.date) == signed
    assert (str(found.new_end) if found.new_end else None) == new_end
    assert found.title_only is title_only


@pytest.mark.parametrize(
    "line",
    [
        "Avenant",  # a heading: no date
        "Avenants aux conventions de 2019",  # the plural opens no amendment
        "L'avenant du 18 juin 2026 proroge la stratégie.",  # a sentence about one
        "Avenant " + "très long " * 40 + "du 18 juin 2026",
    ],
)
def test_not_an_amendment_line(line: str) -> None:
    assert amendment_line(line) is None


def _converted(tmp_path: Path, text: str) -> Conversion:
    source = tmp_path / "strategie.md"
    source.write_text(text, encoding="utf-8")
    doc = read_document(source, source.name)
    return convert_document(doc, shown_as="strategie.yaml", today=date(2026, 12, 2))


TOWN = """# Stratégie territoriale de sécurité et de prévention de la délinquance de Val-Fictif

Période : 2021-2024, prorogée jusqu'en septembre 2026 par l'avenant du 12 mars 2024

## La gouvernance

Le conseil se réunit en séance plénière une fois par an.

### Avenants

Avenant n°1 du 12 mars 2024

Prorogation de la stratégie de deux ans, le temps du nouveau diagnostic.

Avenant n°2 signé le 3 février 2025 : ajout d'une action de médiation de soirée.

### Groupes de travail

Un groupe jeunesse se réunit chaque trimestre.
"""


def _amendments(done: Conversion) -> list[dict[str, Any]]:
    found = done.data["gouvernance"]["avenants"]
    assert isinstance(found, list)
    return found


def test_the_amendments_of_a_governance(tmp_path: Path) -> None:
    done = _converted(tmp_path, TOWN)
    first, second = _amendments(done)
    assert (str(first["date"]), str(first["nouvelle_fin"])) == ("2024-03-12", "2026-09")
    assert (
        first["objet"] == "Prorogation de la stratégie de deux ans, le temps du nouveau diagnostic."
    )
    assert str(second["date"]) == "2025-02-03" and "nouvelle_fin" not in second
    assert (
        second["objet"]
        == "Avenant n°2 signé le 3 février 2025 : ajout d'une action de médiation de soirée."
    )
    # What follows the amendments goes back where it went: the governance's chapter.
    chapters = {c["titre"]: c.get("texte", "") for c in done.data["chapitres"]}
    assert "Un groupe jeunesse se réunit chaque trimestre." in chapters["La gouvernance"]
    assert "Avenant" not in chapters["La gouvernance"]
    assert str(done.data["strategie"]["periode"]["fin"]) == "2024"
    assert done.coverage.missing == []
    assert not done.errors, [f.message for f in done.errors]


def test_an_amendment_only_the_cover_names(tmp_path: Path) -> None:
    """Without its own page, the cover's line is the amendment's object: as written."""
    cover_only = TOWN.split("### Avenants", maxsplit=1)[0]
    (entry,) = _amendments(_converted(tmp_path, cover_only))
    assert (str(entry["date"]), str(entry["nouvelle_fin"])) == ("2024-03-12", "2026-09")
    assert entry["objet"] == "Prorogée jusqu'en septembre 2026 par l'avenant du 12 mars 2024"


def test_the_demo_amendment_comes_back_from_its_pdf(tmp_path: Path) -> None:
    """The feuille de route's page: « Avenant du 18 juin 2026 – nouvelle fin de la stratégie :
    31 décembre 2027 » then its object; one entry with the cover's, no chapter of its own."""
    done = convert(make_document(DEMO, "pdf", tmp_path / "pdf"))
    (entry,) = _amendments(done)
    assert (str(entry["date"]), str(entry["nouvelle_fin"])) == ("2026-06-18", "2027-12-31")
    assert entry["objet"].startswith("Prorogation de la stratégie jusqu’au 31 décembre 2027")
    assert not [c for c in done.data["chapitres"] if "Avenant" in c["titre"]]
    assert not [m for m in done.coverage.missing if "avenant" in m]
