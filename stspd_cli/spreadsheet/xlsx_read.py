"""Read a filled-in xlsx table (saved by Excel, LibreOffice or openpyxl) into a RawTable."""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from typing import Any

from stspd_cli.errors import UnreadableInputError
from stspd_cli.spreadsheet.cells import Cell, RawTable, Sheet, as_text
from stspd_cli.spreadsheet.layout import INDICATEURS, META, SUIVI, fold

# An xlsx file is a zip archive; these bound what reading it may cost (a zip bomb is refused).
MAX_UNZIPPED = 200 * 1024 * 1024
MAX_ROWS = 20_000
# openpyxl warns about parts of a workbook it does not keep (extensions written by Excel or
# LibreOffice, missing default style, headers and footers, images). The import only reads values
# and never writes the partner's workbook back, so these say nothing about the data.
_HARMLESS = re.compile(
    r"extension is not supported|contains no default style|Cannot parse header or footer"
    r"|image format is not supported|Print area|Print titles",
    re.IGNORECASE,
)


def _unreadable(name: str, why: str) -> UnreadableInputError:
    return UnreadableInputError(
        f"{name} : {why}",
        hint="donnez le tableau produit par « stspd export » et rempli par les partenaires",
    )


def _check_archive(data: bytes, name: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and b"opendocument" in archive.read("mimetype"):
                msg = (
                    "classeur OpenDocument (.ods) : enregistrez-le au format Excel (.xlsx) "
                    "ou CSV, puis relancez"
                )
                raise _unreadable(name, msg)
            if "xl/workbook.xml" not in names:
                raise _unreadable(name, "archive zip qui n'est pas un classeur xlsx")
            if sum(info.file_size for info in archive.infolist()) > MAX_UNZIPPED:
                raise _unreadable(name, "classeur trop gros une fois décompressé")
    except zipfile.BadZipFile:
        raise _unreadable(name, "classeur xlsx endommagé (archive zip illisible)") from None


def read_xlsx(data: bytes, name: str) -> RawTable:
    from openpyxl import load_workbook  # noqa: PLC0415

    _check_archive(data, name)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            workbook = load_workbook(io.BytesIO(data), data_only=True, keep_links=False)
        # A damaged file may fail anywhere inside openpyxl, with any exception.
        except Exception as error:
            detail = str(error).splitlines()[0][:100] if str(error) else type(error).__name__
            why = f"classeur xlsx illisible, endommagé ou incomplet (détail technique : {detail})"
            raise UnreadableInputError(
                f"{name} : {why}",
                hint="ouvrez-le dans le tableur et enregistrez-le de nouveau au format xlsx",
            ) from None
    table = RawTable(name=name, kind="xlsx")
    table.notes.extend(
        f"{name} : remarque de lecture : {w.message}"
        for w in caught
        if not _HARMLESS.search(str(w.message))
    )
    by_name = {fold(title): title for title in workbook.sheetnames}
    for wanted in (SUIVI, INDICATEURS):
        title = by_name.get(fold(wanted))
        if title is not None:
            table.sheets[wanted] = _sheet(workbook[title], wanted, name)
    meta_title = by_name.get(fold(META))
    if meta_title is not None:
        rows = workbook[meta_title].iter_rows(min_row=2, values_only=True)
        table.meta = [[as_text(v) for v in row] for row in rows if any(v is not None for v in row)]
    workbook.close()
    return table


def _sheet(worksheet: Any, title: str, name: str) -> Sheet:
    if worksheet.max_row > MAX_ROWS:
        raise _unreadable(name, f"feuille « {title} » de plus de {MAX_ROWS} lignes")
    sheet = Sheet(name=title)
    for cells in worksheet.iter_rows():
        row = [
            Cell(title, cell.row, cell.column - 1, cell.value, cell.number_format or "General")
            for cell in cells
            if cell.value is not None
        ]
        if not row:
            continue
        if not sheet.header:
            sheet.header = row
        else:
            sheet.rows.append(row)
    return sheet
