"""The tracking table and the new model: dates at their precision, actions outside any plan.

A month-precise date goes out as a month (a date cell formatted ``MM/YYYY``, ``06/2025`` in a
csv file) and comes back as a month, never as the first of the month.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from cli_run import run

from stspd_cli.dates import PartialDate
from stspd_cli.strategy_io import load_model

from .support import DEMO, copy_strategy, edit_xlsx, export, read_csv_rows, row_of, write_csv_rows

MARCHES = "marches-exploratoires"
INDICATOR = "Nombre de marches organisées"


def _workbook(path: Path) -> Any:
    from openpyxl import load_workbook  # noqa: PLC0415

    return load_workbook(path)


def _row(sheet: Any, ident: str) -> list[Any]:
    return next(list(r) for r in sheet.iter_rows(min_row=2) if r[0].value == ident)


def test_xlsx_dates_keep_their_precision(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = _workbook(export(capsys, copy_strategy(DEMO, work)))
    suivi = book["Suivi"]
    marches = _row(suivi, MARCHES)
    assert marches[1].value == "Actions transversales"  # the plan column of an action outside
    assert marches[2].value is None  # no number: none is invented
    assert (marches[5].value, marches[5].number_format) == (datetime(2025, 6, 1), "MM/YYYY")
    observatoire = _row(suivi, "observatoire-tranquillite")
    assert (observatoire[5].value, observatoire[5].number_format) == (
        datetime(2027, 1, 1),
        "YYYY",
    )
    assert _row(suivi, "presence-educative-soiree")[2].value == "1.1"  # as the document says it
    assert book.properties.subject == (
        "Stratégie demo-fictive.yaml, version publique, période du 1er juillet 2024 au "
        "31 décembre 2027"
    )
    measure = _row(book["Indicateurs"], MARCHES)
    assert measure[1].value == "Marches exploratoires dans les quartiers"
    assert (measure[7].value, measure[7].number_format) == (datetime(2025, 6, 1), "MM/YYYY")


def test_csv_dates_keep_their_precision(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = read_csv_rows(export(capsys, copy_strategy(DEMO, work), "--format", "csv"))
    assert row_of(rows, MARCHES)[1:3] == ["Actions transversales", ""]
    assert row_of(rows, MARCHES)[5] == "06/2025"
    assert row_of(rows, "observatoire-tranquillite")[5] == "2027"
    assert row_of(rows, MARCHES, INDICATOR)[7] == "06/2025"
    # The table tells the partners the period the strategy runs for, prorogation included.
    assert ["#stspd", "periode", "du 1er juillet 2024 au 31 décembre 2027"] in rows
    assert ["#stspd", "fin_effective", "2027-12-31"] in rows


def _measures(strategy: Path) -> list[PartialDate]:
    doc = load_model(strategy)
    action = next(a for a in doc.actions if a.id == MARCHES)
    return [m.date for m in action.indicateurs[0].mesures]


def test_a_month_typed_in_a_csv_file_stays_a_month(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    strategy = copy_strategy(DEMO, work)
    table = export(capsys, strategy, "--format", "csv")
    untouched_code, out, _err = run(capsys, "import", str(strategy), str(table))
    assert (untouched_code, out.startswith("Aucune modification")) == (0, True)
    rows = read_csv_rows(table)
    row = row_of(rows, MARCHES, INDICATOR)
    row[8], row[9] = "09/2025", "5"
    row_of(rows, MARCHES)[6] = "réalisée"  # an action outside any plan is edited too
    row_of(rows, MARCHES)[7] = "100"
    filled = write_csv_rows(rows, work / "rempli.csv")
    code, out, err = run(capsys, "import", str(strategy), str(filled), "--apply")
    assert code == 0, err
    assert (
        "+ Mesure de l'indicateur « Nombre de marches organisées » ajoutée : 5 en septembre 2025"
        in out
    )
    assert "~ Statut : partiellement réalisée → réalisée" in out
    assert _measures(strategy) == [PartialDate(2025, 6), PartialDate(2025, 9)]
    text = strategy.read_text(encoding="utf-8")
    assert '          - date: "2025-09"\n            valeur: 5\n' in text
    assert "    statut: realisee\n    avancement: 100\n" in text
    code, _out, err = run(capsys, "validate", str(strategy), "--date", "2026-01-15")
    assert code == 0, err
    code, _out, _err = run(capsys, "fmt", "--check", str(strategy))
    assert code == 0


def test_a_month_cell_of_a_workbook_stays_a_month(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    strategy = copy_strategy(DEMO, work)

    def partner(workbook: Any) -> None:
        row = _row(workbook["Indicateurs"], MARCHES)
        row[8].value = datetime(2025, 9, 1)
        row[8].number_format = "mmm-yy"  # what Excel makes of « 09/2025 » typed in
        row[9].value = 5

    filled = edit_xlsx(export(capsys, strategy), work / "rempli.xlsx", partner)
    code, _out, err = run(capsys, "import", str(strategy), str(filled), "--apply")
    assert code == 0, err
    assert _measures(strategy) == [PartialDate(2025, 6), PartialDate(2025, 9)]
