"""The files partners send back as their spreadsheets write them (issue 16): dates with
two-digit years (LibreOffice in French), Excel's « Texte Unicode » (UTF-16, tabs); and the
preview of an import shows everything --apply writes, a new measure's comment included."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from cli_run import run

from stspd_cli.spreadsheet.cells import Cell, parse_date

from .support import DEMO, copy_strategy, export, read_csv_rows, row_of, write_csv_rows

TODAY = date(2026, 12, 1)
INDICATOR = ("permanence-aide-victimes", "Nombre de personnes reçues")


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("15/11/26", date(2026, 11, 15)),
        ("1/2/29", date(2029, 2, 1)),
        ("15.11.30", date(1930, 11, 15)),
        ("31/12/99", date(1999, 12, 31)),
        ("15/11/2026", date(2026, 11, 15)),
    ],
)
def test_two_digit_years_as_libreoffice_reads_them(text: str, day: date) -> None:
    found = parse_date(Cell("Indicateurs", 3, 8, text), date(2030, 1, 1))
    assert found is not None
    assert (found.year, found.month, found.day) == (day.year, day.month, day.day)


def _filled(capsys: pytest.CaptureFixture[str], work: Path, when: str, comment: str) -> Path:
    strategy = copy_strategy(DEMO, work)
    rows = read_csv_rows(export(capsys, strategy, "-f", "csv", "--date", "2026-11-20"))
    row_of(rows, *INDICATOR)[8:11] = [when, "38", comment]
    for row in rows:
        if row and row[0] == "#stspd" and row[1] == "date_export":
            row[2] = "20/11/26"  # the export date comes back in the same form
    return write_csv_rows(rows, work / "rempli.csv")


def test_a_measure_dated_15_11_26_is_imported(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = _filled(capsys, work, "15/11/26", "")
    code, out, err = run(capsys, "import", "demo-fictive.yaml", str(table), "--date", "2026-12-01")
    assert (code, err) == (0, ""), err
    assert "« Nombre de personnes reçues » ajoutée : 38 au 15 novembre 2026" in out


def test_the_preview_shows_the_comment_apply_writes(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = _filled(capsys, work, "15/11/2026", "chiffre provisoire, hors permanences mobiles")
    code, out, _err = run(capsys, "import", "demo-fictive.yaml", str(table), "--date", "2026-12-01")
    assert code == 0
    preview = [line for line in out.splitlines() if "15 novembre 2026" in line]
    assert preview, out
    assert "(chiffre provisoire, hors permanences mobiles)" in preview[0]
    code, out, _err = run(
        capsys, "import", "demo-fictive.yaml", str(table), "--apply", "--date", "2026-12-01"
    )
    assert code == 0
    text = (work / "demo-fictive.yaml").read_text(encoding="utf-8")
    assert "commentaire: chiffre provisoire, hors permanences mobiles" in text


def test_excel_unicode_text_is_read(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Excel's « Texte Unicode » is UTF-16 with its BOM, cells separated by tabulations."""
    strategy = copy_strategy(DEMO, work)
    rows = read_csv_rows(export(capsys, strategy, "-f", "csv", "--date", "2026-11-20"))
    row_of(rows, "presence-educative-soiree")[6] = "Réalisée"
    row_of(rows, "presence-educative-soiree")[7] = "100"
    table = write_csv_rows(rows, work / "rempli.txt", encoding="utf-16", delimiter="\t")
    assert table.read_bytes().startswith(b"\xff\xfe")
    code, out, err = run(capsys, "import", str(strategy), str(table), "--date", "2026-12-01")
    assert (code, err) == (0, ""), err
    assert "en cours → réalisée" in out
