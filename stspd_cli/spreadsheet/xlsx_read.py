"""Read a filled-in xlsx table (saved by Excel, LibreOffice or openpyxl) into a RawTable."""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from stspd_cli.archive import refused
from stspd_cli.errors import UnreadableInputError
from stspd_cli.fr import number_fr
from stspd_cli.spreadsheet.cells import Cell, RawTable, Sheet, as_text
from stspd_cli.spreadsheet.layout import INDICATEURS, META, SUIVI, fold

# An xlsx file is a zip archive; these bound what reading it may cost, checked before a byte is
# decompressed (a zip bomb is refused) and while the rows stream (documented in docs/securite.md).
# A table exported by stspd has 12 members, at most 13 columns and a few kilo-octets of XML.
MAX_ROWS = 20_000
MAX_COLUMNS = 1_000
# Excel keeps 15 significant digits: no integer it writes needs more bits than a float's 53.
_MAX_INT_BITS = 64
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
    """The zip's own table of contents, read before anything is decompressed: what it declares
    bounds what decompressing may produce (zipfile never returns more than a member's size)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            why = refused(members, "classeur")
            if why is not None:
                raise _unreadable(name, why)
            names = {info.filename for info in members}
            if "mimetype" in names and b"opendocument" in archive.read("mimetype"):
                msg = (
                    "classeur OpenDocument (.ods) : enregistrez-le au format Excel (.xlsx) "
                    "ou CSV, puis relancez"
                )
                raise _unreadable(name, msg)
            if "xl/workbook.xml" not in names:
                raise _unreadable(name, "archive zip qui n'est pas un classeur xlsx")
    except zipfile.BadZipFile:
        raise _unreadable(name, "classeur xlsx endommagé (archive zip illisible)") from None


def read_xlsx(data: bytes, name: str) -> RawTable:
    """The sheets of a workbook, streamed (openpyxl's read-only mode): a sheet is refused at its
    first row over MAX_ROWS or wider than MAX_COLUMNS, whatever its declared dimensions say."""
    from openpyxl import load_workbook  # noqa: PLC0415

    _check_archive(data, name)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            workbook = load_workbook(
                io.BytesIO(data), read_only=True, data_only=True, keep_links=False
            )
        # A damaged file may fail anywhere inside openpyxl, with any exception.
        except Exception as error:
            raise _damaged(name, error) from None
        try:
            table = _read_sheets(workbook, name)
        finally:
            workbook.close()
    table.notes.extend(
        f"{name} : remarque de lecture : {w.message}"
        for w in caught
        if not _HARMLESS.search(str(w.message))
    )
    return table


def _damaged(name: str, error: Exception) -> UnreadableInputError:
    detail = str(error).splitlines()[0][:100] if str(error) else type(error).__name__
    why = f"classeur xlsx illisible, endommagé ou incomplet (détail technique : {detail})"
    return UnreadableInputError(
        f"{name} : {why}",
        hint="ouvrez-le dans le tableur et enregistrez-le de nouveau au format xlsx",
    )


def _read_sheets(workbook: Any, name: str) -> RawTable:
    table = RawTable(name=name, kind="xlsx")
    by_name = {fold(title): title for title in workbook.sheetnames}
    for wanted in (SUIVI, INDICATEURS):
        title = by_name.get(fold(wanted))
        if title is not None:
            table.sheets[wanted] = _sheet(workbook[title], wanted, name)
    meta_title = by_name.get(fold(META))
    if meta_title is not None:
        for row in _rows(workbook[meta_title], META, name):
            if row[0].row >= 2:
                texts = [""] * (row[-1].column + 1)
                for cell in row:
                    texts[cell.column] = as_text(cell.value)
                table.meta.append(texts)
    return table


def _sheet(worksheet: Any, title: str, name: str) -> Sheet:
    sheet = Sheet(name=title)
    for row in _rows(worksheet, title, name):
        if not sheet.header:
            sheet.header = row
        else:
            sheet.rows.append(row)
    return sheet


def _rows(worksheet: Any, title: str, name: str) -> Iterator[list[Cell]]:
    """The cells that hold a value, row by row, read as the file goes: refused at the first row
    over MAX_ROWS or wider than MAX_COLUMNS, whatever the sheet's declared dimensions say."""
    too_long = f"feuille « {title} » de plus de {number_fr(MAX_ROWS)} lignes"
    number = 0
    try:
        if (worksheet.max_row or 0) > MAX_ROWS:
            raise _unreadable(name, too_long)  # declared: refused before reading a row
        # Declared dimensions can lie, both ways: read every row the sheet holds, and count.
        worksheet.reset_dimensions()
        for number, cells in enumerate(worksheet.iter_rows(), start=1):
            if number > MAX_ROWS:
                raise _unreadable(name, too_long)
            if len(cells) > MAX_COLUMNS:
                wide = f"plus de {number_fr(MAX_COLUMNS)} colonnes"
                raise _unreadable(name, f"feuille « {title} », ligne {number} : {wide}")
            row = [
                _number_checked(
                    Cell(title, number, cell.column - 1, cell.value, cell.number_format), name
                )
                for cell in cells
                if cell.value is not None
            ]
            if row:
                yield row
    except UnreadableInputError:
        raise
    except ValueError as error:
        if "digits" not in str(error):
            raise _damaged(name, error) from None
        # Python converts at most 4,300 digits; openpyxl asks it to, for any number cell.
        why = f"feuille « {title} », ligne {number + 1} : nombre de plus de 4\u202f300 chiffres"
        raise _unreadable(name, why) from None
    # A damaged sheet may fail anywhere inside openpyxl, with any exception.
    except Exception as error:
        raise _damaged(name, error) from None


def _number_checked(cell: Cell, name: str) -> Cell:
    """A cell whose integer no spreadsheet could hold (Excel keeps 15 significant digits, up to
    about 1.8e308) is read as the float Excel would show, or refused beyond that range."""
    value = cell.value
    if not isinstance(value, int) or value.bit_length() <= _MAX_INT_BITS:
        return cell
    try:
        return replace(cell, value=float(value))
    except OverflowError:
        why = f"{cell.where} : nombre de plus de 308 chiffres, qu'aucun tableur ne peut contenir"
        raise _unreadable(name, why) from None
