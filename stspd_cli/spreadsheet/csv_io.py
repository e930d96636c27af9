"""The table as one csv file: UTF-8 with BOM, « ; » between cells, as French Excel expects.

Layout of the file (every row keeps its place when Excel or LibreOffice saves it again):

1. the « Suivi » section: its header row (« Identifiant ; Plan ; ... »), one row per action;
2. an empty row, then the « Indicateurs » section: its header row (« Identifiant de
   l'action ; ... »), one row per indicator;
3. an empty row, then the identity rows, each starting with ``#stspd``.

A cell is named as the spreadsheet shows it when the file is opened (``Suivi!G4`` is column G
of line 4 of the file); the sheet name tells the section. Text that a spreadsheet would take for
a formula is written after an apostrophe, removed again on import
(:mod:`stspd_cli.spreadsheet.formulas`).
"""

from __future__ import annotations

import csv
import io

from stspd_cli.errors import UnreadableInputError
from stspd_cli.spreadsheet.cells import Cell, RawTable, Sheet
from stspd_cli.spreadsheet.formulas import csv_file, unguard
from stspd_cli.spreadsheet.layout import CSV_META_MARK, INDICATEURS, SUIVI, fold
from stspd_cli.spreadsheet.table import Table

MAX_ROWS = 20_000
_HEADERS = {
    fold("Identifiant"): SUIVI,
    fold("Identifiant de l'action"): INDICATEURS,
}


def write_csv(table: Table) -> bytes:
    rows: list[list[object]] = []
    for n, sheet in enumerate((SUIVI, INDICATEURS)):
        if n:
            rows.append([])
        cols = table.columns(sheet)
        rows.append([c.header for c in cols])
        rows.extend([row.get(c.key) for c in cols] for row in table.rows(sheet))
    rows.append([])
    rows.extend([CSV_META_MARK, *values] for values in table.identity.rows())
    return csv_file(rows)


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _decode(data: bytes, name: str) -> str:
    if data.startswith(_UTF16_BOMS):
        # Excel's « Texte Unicode » (.txt, tab-separated) and some exports: UTF-16 with its BOM.
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise UnreadableInputError(
                f"{name} : fichier texte UTF-16 abîmé",
                hint="enregistrez-le à nouveau depuis le tableur, en « CSV UTF-8 »",
            ) from None
    if b"\x00" in data:
        raise UnreadableInputError(
            f"{name} : ni classeur xlsx ni fichier csv (contenu binaire)",
            hint="donnez le tableau produit par « stspd export » (xlsx ou csv)",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # Excel's « CSV (séparateur : point-virgule) » writes Windows-1252 on a French Windows.
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise UnreadableInputError(
            f"{name} : fichier texte dans un encodage inconnu",
            hint="enregistrez-le en « CSV UTF-8 » depuis le tableur",
        ) from None


def _delimiter(text: str) -> str:
    """« ; » as written; « , » or tabulation if the file was saved again with another one."""
    for line in text.splitlines():
        if not line.strip():
            continue
        for delimiter in (";", ",", "\t"):
            first = next(csv.reader([line], delimiter=delimiter), [""])
            if any(fold(cell) in _HEADERS for cell in first):
                return delimiter
        break
    return ";"


def read_csv(data: bytes, name: str) -> RawTable:
    text = _decode(data, name)
    delimiter = _delimiter(text)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise UnreadableInputError(f"{name} : fichier csv illisible ({error})") from None
    if len(records) > MAX_ROWS:
        raise UnreadableInputError(f"{name} : plus de {MAX_ROWS} lignes")
    table = RawTable(name=name, kind="csv")
    current: Sheet | None = None
    for number, record in enumerate(records, start=1):
        values = [unguard(v) for v in record]
        if values and values[0].strip() == CSV_META_MARK:
            table.meta.append([v.strip() for v in values[1:]])
            continue
        if not any(v.strip() for v in values):
            continue  # empty rows separate the sections but never end one
        section = next((_HEADERS[fold(v)] for v in values if fold(v) in _HEADERS), None)
        cells = [
            Cell(section or (current.name if current else ""), number, c, v)
            for c, v in enumerate(values)
            if v.strip()
        ]
        if section is not None and section not in table.sheets:
            current = Sheet(name=section, header=cells)
            table.sheets[section] = current
        elif current is not None:
            current.rows.append(cells)
    return table
