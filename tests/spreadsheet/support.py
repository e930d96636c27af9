"""Helpers of the ``stspd export`` / ``stspd import`` tests: run the CLI, play the partner."""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cli_run import run

ROOT = Path(__file__).parents[2]
DEMO = ROOT / "examples" / "demo-fictive.yaml"
LOOS = ROOT / "strategies" / "cispd-loos-haubourdin-emmerin.yaml"
STATUS_LABELS = "prévue, en cours, réalisée, partiellement réalisée, suspendue, abandonnée"


def copy_strategy(source: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / source.name
    shutil.copyfile(source, target)
    return target


def export(capsys: pytest.CaptureFixture[str], strategy: Path, *options: str) -> Path:
    """Export with the CLI; return the table written in the current folder."""
    code, _out, err = run(capsys, "export", str(strategy), *options)
    assert code == 0, err
    written = err.split("stspd : ", 1)[1].split(" écrit", 1)[0]
    return Path(written)


def edit_xlsx(path: Path, target: Path, change: Callable[[Any], None]) -> Path:
    """Open the workbook as a partner's spreadsheet would, change it, save it elsewhere."""
    from openpyxl import load_workbook  # noqa: PLC0415

    workbook = load_workbook(path)
    change(workbook)
    workbook.save(target)
    return target


def read_csv_rows(path: Path) -> list[list[str]]:
    text = path.read_bytes().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def write_csv_rows(
    rows: list[list[str]], target: Path, *, encoding: str = "utf-8-sig", delimiter: str = ";"
) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    target.write_bytes(buffer.getvalue().encode(encoding))
    return target


def row_of(rows: list[list[str]], first: str, third: str | None = None) -> list[str]:
    """The csv row whose first cell is ``first`` (and third cell ``third``, for indicators)."""
    for row in rows:
        if row and row[0] == first and (third is None or (len(row) > 2 and row[2] == third)):
            return row
    raise AssertionError(f"pas de ligne {first} {third or ''}")
