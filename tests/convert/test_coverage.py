"""The share of the source's sentences placed in the YAML (stspd_cli/convert/coverage.py): a
cover line whose label became a key (« Adoption : », « Cadre national : ») counts by its value,
and a national framework's identifier is read as its title; an indicator's table counts as it
writes its figures; a fact the YAML does not hold is still reported, with its sentence."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from shared_renders import shared_render

from stspd_cli.convert.blocks import Document
from stspd_cli.convert.coverage import measure, sentences
from stspd_cli.convert.pipeline import Conversion, convert_document
from stspd_cli.convert.read_text import read_text
from stspd_cli.convert.readers import read_document

from .documents import DEMO

ADOPTION = "Adoption : le 27 juin 2017, en séance plénière du CLSPD"
FRAME = "Cadre national : Stratégie nationale de prévention de la délinquance 2013-2017"
COVER = f"""Stratégie territoriale de sécurité et de prévention de la délinquance

{ADOPTION}

{FRAME}

Objectif 1 : Prévenir la délinquance des jeunes

La ville agit avec ses partenaires.
"""


def test_the_cover_facts_are_placed_where_they_became_keys() -> None:
    doc = read_text(COVER, "couverture.txt")
    done = convert_document(doc, shown_as="couverture.yaml", today=date(2026, 12, 2))
    adoption = done.data["strategie"]["adoption"]
    assert (str(adoption["date"]), adoption["instance"]) == (
        "2017-06-27",
        "séance plénière du CLSPD",
    )
    assert done.data["strategie"]["referentiel"] == "snpd-2013-2017"
    assert done.coverage.missing == []
    assert done.coverage.sentences == 5


def test_a_cover_fact_the_yaml_lost_is_reported() -> None:
    doc = read_text(COVER, "couverture.txt")
    data = convert_document(doc, shown_as="couverture.yaml", today=date(2026, 12, 2)).data
    before = measure(doc, data).missing
    strategie = data["strategie"]
    del strategie["adoption"]
    strategie["referentiel"] = "snpd-2020-2024"  # another framework than the one written
    after = measure(doc, data).missing
    assert [sentence for sentence in after if sentence not in before] == [ADOPTION, FRAME]


def _demo_in_markdown(tmp_path: Path) -> tuple[Document, Conversion]:
    source = tmp_path / "demo-fictive.md"
    source.write_bytes(shared_render(DEMO, "md", interne=False))
    doc = read_document(source, source.name)
    return doc, convert_document(doc, shown_as="demo.yaml", today=date(2026, 12, 2))


# The sentences of the demo's indicator tables: figures with their unit, column headers.
_INDICATOR_TEXT = re.compile(r"^\d[\d,]* (jeunes|%|marches|habitants)|^(Valeur initiale|Mesures)$")


def test_an_indicator_is_placed_as_its_table_writes_it(tmp_path: Path) -> None:
    """« 0 jeunes au 6 septembre 2024 », « 150 jeunes (à la hausse) », « 62 jeunes au 30 juin
    2025 », the column headers: the value with its unit, the measure's value before its date;
    each measure of a cell on its own line (« <br> » in Markdown)."""
    doc, done = _demo_in_markdown(tmp_path)
    shown = [s for s in sentences(doc) if _INDICATOR_TEXT.search(s)]
    assert "Valeur initiale" in shown
    assert "62 jeunes au 30 juin 2025" in shown
    assert "104 jeunes au 31 décembre 2025" in shown
    assert len(shown) > 20
    assert [s for s in done.coverage.missing if _INDICATOR_TEXT.search(s)] == []


def test_a_measure_the_yaml_holds_otherwise_is_reported(tmp_path: Path) -> None:
    doc, done = _demo_in_markdown(tmp_path)
    data: dict[str, Any] = done.data
    before = measure(doc, data).missing
    [indicator] = [
        i
        for plan in data["plans"]
        for action in plan["actions"]
        for i in action.get("indicateurs", [])
        if i["libelle"] == "Nombre de jeunes rencontrés"
    ]
    indicator["mesures"][0]["valeur"] = 61  # the document says 62
    after = measure(doc, data).missing
    assert [s for s in after if s not in before] == ["62 jeunes au 30 juin 2025"]


def test_two_cover_fields_on_one_line_are_placed_each() -> None:
    """A PDF's line « Département : … Intercommunalité : … », read as two fields."""
    text = COVER.replace(
        FRAME,
        "Département : Département-Test Intercommunalité : Communauté de communes du Val-Test",
    )
    done = convert_document(read_text(text, "c.txt"), shown_as="c.yaml", today=date(2026, 12, 2))
    assert done.data["territoire"]["epci"] == "Communauté de communes du Val-Test"
    assert done.coverage.missing == []
    doc = read_text(text, "c.txt")
    before = measure(doc, done.data).missing
    del done.data["territoire"]["epci"]  # the second field lost: the line is no longer placed
    after = measure(doc, done.data).missing
    assert [s for s in after if s not in before] == [text.split("\n\n")[2]]


def _fiche_with_totals(tmp_path: Path, total: str) -> Conversion:
    source = tmp_path / "fiche.md"
    source.write_text(
        f"""# Stratégie territoriale de sécurité et de prévention de la délinquance de Val-Fictif

## Les plans d'action

### Plan 1 : Prévenir la délinquance des jeunes

#### Action n°1 : Médiation de soirée

| Source | Année | Montant | Acquis |
| --- | --- | --- | --- |
| FIPD | 2025 | 12 000 € | oui |
| Ville de Val-Fictif | 2025 | 8 000 € | non |
| Total | | {total} | |
| dont acquis | | 12 000 € | |
| dont FIPD | | 12 000 € | |
""",
        encoding="utf-8",
    )
    doc = read_document(source, source.name)
    return convert_document(doc, shown_as="fiche.yaml", today=date(2026, 12, 2))


def test_a_total_its_lines_make_is_placed(tmp_path: Path) -> None:
    """« Total » and « dont acquis » are what stspd computes again from the lines: counted as
    placed, never copied; a part the model does not name (« dont FIPD ») is a total row too,
    not a line of funding."""
    done = _fiche_with_totals(tmp_path, "20 000 €")
    fiche = done.data["plans"][0]["actions"][0]
    assert [(f["source"], f["montant"], f["acquis"]) for f in fiche["financement"]] == [
        ("FIPD", 12000, True),
        ("Ville de Val-Fictif", 8000, False),
    ]
    assert "Total" not in done.coverage.missing
    assert "20 000 €" not in done.coverage.missing
    assert "à vérifier : le document écrit" not in done.text


def test_a_total_its_lines_do_not_make_is_said(tmp_path: Path) -> None:
    """The document's total is wrong: stspd will print the sum of the lines; the YAML says
    it above the funding, with both figures, and the summary cites the figure as not placed."""
    done = _fiche_with_totals(tmp_path, "21 000 €")
    check = (  # the comment's spaces are plain ones, the amounts' too
        "# à vérifier : le document écrit « Total : 21 000 € », ses lignes font 20 000 € : "
        "stspd imprimera 20 000 €\n        financement:"
    )
    assert check in done.text
    assert "21 000 €" in done.coverage.missing
    assert "dont acquis" not in done.coverage.missing  # that one is right
