"""The table as spreadsheets give it back: csv saved by Excel, files saved again by LibreOffice."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from cli_run import run
from libreoffice import SOFFICE, libreoffice_convert

from stspd_cli.diff import diff_documents
from stspd_cli.strategy_io import load_model

from .support import DEMO, copy_strategy, edit_xlsx, export, read_csv_rows, row_of, write_csv_rows


def _changes(before: Any, strategy: Path) -> set[tuple[str, str | None, str | None]]:
    return {(c.kind, c.id, c.field) for c in diff_documents(before, load_model(strategy))}


def _partner_csv(rows: list[list[str]]) -> None:
    row_of(rows, "presence-educative-soiree")[6] = "Réalisée"
    row_of(rows, "presence-educative-soiree")[7] = "100"
    row_of(rows, "permanence-aide-victimes")[8] = "- local retrouvé\n- reprise en janvier"
    measure = row_of(rows, "permanence-aide-victimes", "Nombre de personnes reçues")
    measure[8:10] = ["15/10/2025", "38,5"]


@pytest.mark.parametrize(
    ("encoding", "delimiter", "pad"),
    [
        ("cp1252", ";", True),  # Excel, « CSV (séparateur : point-virgule) », French Windows
        ("utf-8-sig", ";", False),  # Excel « CSV UTF-8 », LibreOffice
        ("utf-8", ",", False),  # saved again with commas
    ],
)
def test_csv_round_trip(
    work: Path, capsys: pytest.CaptureFixture[str], encoding: str, delimiter: str, pad: bool
) -> None:
    strategy = copy_strategy(DEMO, work)
    table = export(capsys, strategy, "-f", "csv")
    rows = read_csv_rows(table)
    _partner_csv(rows)
    for row in rows:
        if row and row[0] == "#stspd" and row[1] == "date_export":
            row[2] = date.today().strftime("%d/%m/%Y")  # how French Excel writes a date back
    if pad:  # Excel writes every row as wide as the widest one
        width = max(map(len, rows))
        rows = [row + [""] * (width - len(row)) for row in rows]
    filled = write_csv_rows(rows, work / "rempli.csv", encoding=encoding, delimiter=delimiter)
    before = load_model(strategy)
    code, out, err = run(capsys, "import", str(strategy), str(filled), "--apply")
    assert code == 0, err
    assert err == ""
    assert "4 modifications écrites" in out
    assert _changes(before, strategy) == {
        ("modified", "presence-educative-soiree", "statut"),
        ("modified", "presence-educative-soiree", "avancement"),
        ("modified", "permanence-aide-victimes", "commentaire"),
        ("added", "permanence-aide-victimes/Nombre de personnes reçues/2025-10-15", None),
    }
    text = strategy.read_text(encoding="utf-8")
    assert (
        "        commentaire: |-\n          - local retrouvé\n          - reprise en janvier\n\n"
        in text
    )
    assert "              - date: 2025-10-15\n                valeur: 38.5\n" in text


def test_bad_csv_cell_is_named_as_the_spreadsheet_shows_it(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    strategy = copy_strategy(DEMO, work)
    rows = read_csv_rows(export(capsys, strategy, "-f", "csv"))
    row_of(rows, "chantier-educatif-printemps")[6] = "fini"
    measure = row_of(rows, "accueil-collegiens-exclus", "Taux de nouvelle exclusion dans l'année")
    measure[9] = "douze"
    filled = write_csv_rows(rows, work / "rempli.csv")
    original = strategy.read_bytes()
    code, _out, err = run(capsys, "import", str(strategy), str(filled), "--apply")
    assert code == 1
    assert strategy.read_bytes() == original
    lines = err.splitlines()
    assert lines[0].startswith("Suivi!G4 : statut « fini » inconnu")
    # Line 13 of the file: header, 8 actions, a blank line, header, then the second indicator.
    assert lines[1].startswith("Indicateurs!J13 : valeur « douze » refusée")


def _soffice(source: Path, out: Path, target: str, *infilter: str) -> Path:
    libreoffice_convert([source], out, target, *infilter)
    return out / source.name


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) n'est pas installé")
def test_tables_saved_again_by_libreoffice(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    strategy = copy_strategy(DEMO, work)
    table = export(capsys, strategy)

    def partner(workbook: Any) -> None:
        workbook["Suivi"]["G2"] = "réalisée"
        workbook["Suivi"]["H2"] = 100
        workbook["Indicateurs"]["I4"] = date(2025, 10, 15)
        workbook["Indicateurs"]["J4"] = 4

    filled = edit_xlsx(table, work / "rempli.xlsx", partner)
    saved = _soffice(filled, work / "lo", "xlsx")
    code, out, err = run(capsys, "import", str(strategy), str(saved))
    assert code == 0, err
    assert "3 modifications à appliquer" in out

    rows = read_csv_rows(export(capsys, strategy, "-f", "csv"))
    _partner_csv(rows)
    filled_csv = write_csv_rows(rows, work / "rempli.csv")
    saved_csv = _soffice(
        filled_csv,
        work / "lo-csv",
        "csv:Text - txt - csv (StarCalc):59,34,76,1",
        "--infilter=CSV:59,34,76,1",
    )
    assert saved_csv.read_bytes() != filled_csv.read_bytes()  # quoted, padded by LibreOffice
    before = load_model(strategy)
    code, out, err = run(capsys, "import", str(strategy), str(saved_csv), "--apply")
    assert code == 0, err
    assert len(_changes(before, strategy)) == 4
