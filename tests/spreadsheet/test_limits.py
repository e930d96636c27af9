"""A hostile workbook is refused at the limit, before or while it streams, never after.

The zip's table of contents is checked before anything is decompressed (members, sizes, ratio);
rows are counted as they are read, whatever the sheet's declared dimensions say.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from cli_run import run
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from stspd_cli.spreadsheet import xlsx_read

SHEET = "xl/worksheets/sheet1.xml"  # « Suivi » in the tables stspd exports


def _rewrite(
    table: Path,
    target: Path,
    sheet: Callable[[bytes], bytes] = lambda data: data,
    extra: dict[str, bytes] | None = None,
) -> Path:
    """The exported workbook with « Suivi » changed, and more members, as a crafted file."""
    with (
        zipfile.ZipFile(table) as source,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for item in source.infolist():
            data = source.read(item)
            out.writestr(item.filename, sheet(data) if item.filename == SHEET else data)
        for name, data in (extra or {}).items():
            out.writestr(name, data)
    return target


def _refused(capsys: pytest.CaptureFixture[str], strategy: Path, table: Path) -> str:
    original = strategy.read_bytes()
    code, out, err = run(capsys, "import", str(strategy), str(table))
    assert (code, out) == (2, "")
    assert strategy.read_bytes() == original
    assert "Traceback" not in err
    first = err.splitlines()[0]
    assert first.startswith(f"stspd : {table} : ")
    return first.removeprefix(f"stspd : {table} : ")


@pytest.fixture
def rows_read(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many rows openpyxl hands over, per sheet read."""
    counts: list[int] = []
    original = getattr(ReadOnlyWorksheet, "_cells_by_row")  # noqa: B009  (private, untyped)

    def counting(self: Any, *args: Any, **kwargs: Any) -> Iterator[Any]:
        counts.append(0)
        for row in original(self, *args, **kwargs):
            counts[-1] += 1
            yield row

    monkeypatch.setattr(ReadOnlyWorksheet, "_cells_by_row", counting)
    return counts


def test_declared_rows_over_the_limit_are_refused_before_reading_one(
    demo: Path,
    table: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    rows_read: list[int],
) -> None:
    monkeypatch.setattr(xlsx_read, "MAX_ROWS", 3)  # the demo's « Suivi » has 7 rows
    assert _refused(capsys, demo, table).startswith("feuille « Suivi » de plus de 3 lignes")
    assert rows_read == []


def _many_rows(count: int) -> Callable[[bytes], bytes]:
    """« Suivi » with ``count`` more rows, and a dimension that claims a single cell."""
    rows = "".join(
        f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>action-{n}</t></is></c></row>'
        for n in range(8, 8 + count)
    ).encode()

    def change(data: bytes) -> bytes:
        data = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1"/>', data)
        return data.replace(b"</sheetData>", rows + b"</sheetData>")

    return change


def test_rows_stop_at_the_limit_whatever_the_dimension_says(
    demo: Path,
    table: Path,
    work: Path,
    capsys: pytest.CaptureFixture[str],
    *,
    monkeypatch: pytest.MonkeyPatch,
    rows_read: list[int],
) -> None:
    """A sheet of 15 times the limit, that claims one cell: reading stops at the first row over
    (benchmarks/hostile.py measures the real limit against 300,000 rows)."""
    monkeypatch.setattr(xlsx_read, "MAX_ROWS", 1_000)
    crafted = _rewrite(table, work / "immense.xlsx", _many_rows(15_000))
    assert _refused(capsys, demo, crafted).startswith(
        "feuille « Suivi » de plus de 1\u202f000 lignes"
    )
    assert rows_read == [1_001]


def test_a_row_wider_than_the_limit_is_refused(
    demo: Path, table: Path, work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A row after the last one of the table (the demo's Suivi sheet ends well before row 40).
    far = b'<row r="40"><c r="XFD40" t="inlineStr"><is><t>loin</t></is></c></row></sheetData>'
    crafted = _rewrite(table, work / "large.xlsx", lambda d: d.replace(b"</sheetData>", far))
    assert _refused(capsys, demo, crafted).startswith(
        "feuille « Suivi », ligne 40 : plus de 1\u202f000 colonnes"
    )


@pytest.mark.parametrize(
    ("extra", "why"),
    [
        (
            {"xl/media/bombe.bin": bytes(8 << 20)},
            "archive suspecte (bombe de décompression) : « xl/media/bombe.bin » se décompresse",
        ),
        (
            {f"xl/media/{n}.bin": b"" for n in range(1_001)},
            "archive de plus de 1\u202f000 fichiers",
        ),
        (
            {f"xl/media/{n}.bin": bytes(1 << 20) for n in range(65)},
            "classeur trop gros une fois décompressé",
        ),
    ],
    ids=["bombe", "membres", "decompresse"],
)
def test_zip_bombs_are_refused_before_decompressing(
    demo: Path,
    table: Path,
    work: Path,
    capsys: pytest.CaptureFixture[str],
    *,
    rows_read: list[int],
    extra: dict[str, bytes],
    why: str,
) -> None:
    crafted = _rewrite(table, work / "bombe.xlsx", extra=extra)
    assert _refused(capsys, demo, crafted).startswith(why)
    assert rows_read == []


def _progress(digits: int) -> Callable[[bytes], bytes]:
    """« Avancement » of the first action (H2) written with ``digits`` digits."""
    return lambda data: data.replace(
        b'<c r="H2" s="8" t="n"><v>60</v>', b'<c r="H2" s="8" t="n"><v>' + b"1" * digits + b"</v>"
    )


@pytest.mark.parametrize(
    ("digits", "why"),
    [
        (400, "Suivi!H2 : nombre de plus de 308 chiffres, qu'aucun tableur ne peut contenir"),
        (5_000, "feuille « Suivi », ligne 2 : nombre de plus de 4\u202f300 chiffres"),
    ],
)
def test_numbers_no_spreadsheet_can_hold_are_refused_at_their_cell(
    demo: Path,
    table: Path,
    work: Path,
    capsys: pytest.CaptureFixture[str],
    *,
    digits: int,
    why: str,
) -> None:
    crafted = _rewrite(table, work / "nombre.xlsx", _progress(digits))
    assert _refused(capsys, demo, crafted) == why


def test_a_long_number_excel_could_show_is_a_cell_error(
    demo: Path, table: Path, work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    crafted = _rewrite(table, work / "nombre.xlsx", _progress(30))
    code, _out, err = run(capsys, "import", str(demo), str(crafted))
    assert code == 1
    assert err.splitlines()[0].startswith("Suivi!H2 : avancement « ")
