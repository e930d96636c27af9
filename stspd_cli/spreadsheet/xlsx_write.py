"""The table as an xlsx workbook (openpyxl): what a partner opens in Excel or LibreOffice.

- sheet « Suivi » (one row per action) and sheet « Indicateurs » (one row per indicator, with
  empty cells for a new measure);
- French headers, frozen header row, column widths, filters, landscape printing;
- only the editable cells are unlocked; the sheets are protected without a password, so that
  nobody breaks an identifier by accident (protection, not security: anyone may lift it);
- a drop-down list of the statuses' French labels, whole numbers 0 to 100 for progress;
- a hidden sheet « _stspd » and custom document properties that record where the table comes
  from (see :mod:`stspd_cli.spreadsheet.identity`).
"""

from __future__ import annotations

import io
import math
from datetime import datetime, time
from typing import TYPE_CHECKING, Any

from stspd_cli.dates import PartialDate
from stspd_cli.spreadsheet.formulas import looks_like_formula
from stspd_cli.spreadsheet.layout import INDICATEURS, META, SUIVI, Column, date_format, letter
from stspd_cli.spreadsheet.table import Table

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

STATUS_RANGE = "stspd_statuts"
DATE_FORMAT = "DD/MM/YYYY"
_HEADER_FILL = "D9D9D9"
_EDITABLE_HEADER_FILL = "FFE699"
_EDITABLE_FILL = "FFF8E1"
_LINE_HEIGHT = 15.0  # points, for the default font (Calibri 11)
_MAX_HEIGHT = 300.0

_PROMPTS = {
    "statut": ("Statut", "Choisissez le statut dans la liste."),
    "avancement": ("Avancement", "Un nombre entier de 0 à 100 (pourcentage réalisé)."),
    "date": ("Date de la mesure", "Une date, par exemple 30/06/2026."),
    "valeur": ("Valeur mesurée", "Un nombre, par exemple 42 ou 12,5."),
}


def write_xlsx(table: Table) -> bytes:
    from openpyxl import Workbook  # noqa: PLC0415
    from openpyxl.workbook.protection import WorkbookProtection  # noqa: PLC0415

    workbook = Workbook()
    suivi = workbook.active
    assert suivi is not None
    suivi.title = SUIVI
    indicateurs = workbook.create_sheet(INDICATEURS)
    meta = workbook.create_sheet(META)
    status_cells = _write_meta(meta, table)
    _define_status_range(workbook, status_cells)
    for sheet, name in ((suivi, SUIVI), (indicateurs, INDICATEURS)):
        _write_sheet(sheet, table.columns(name), table.rows(name))
        _validate(sheet, table.columns(name), len(table.rows(name)))
    # Partners may neither unhide, rename nor delete sheets; no password (see docs/tableur.md).
    workbook.security = WorkbookProtection(lockStructure=True)
    workbook.active = 0
    _properties(workbook, table)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _set(cell: Any, value: object) -> None:
    if isinstance(value, str):
        cell.value = value
        cell.data_type = "s"  # text stays text, even when it starts with « = »
        if looks_like_formula(value):
            # Excel's quote prefix: the text stays text when a partner edits the cell.
            cell.quotePrefix = True
    elif isinstance(value, PartialDate):
        # A date cell at the date's precision: a month shows « 09/2026 » and is read back as
        # a month (spreadsheet/cells.py), never as its first day.
        cell.value = value.first_day
        cell.number_format = date_format(value)
    else:
        cell.value = value


def _write_sheet(sheet: Worksheet, cols: tuple[Column, ...], rows: list[dict[str, Any]]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill, Protection  # noqa: PLC0415

    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor=_HEADER_FILL)
    editable_header_fill = PatternFill("solid", fgColor=_EDITABLE_HEADER_FILL)
    editable_fill = PatternFill("solid", fgColor=_EDITABLE_FILL)
    top = Alignment(vertical="top")
    wrapped = Alignment(vertical="top", wrap_text=True)
    unlocked = Protection(locked=False)
    for c, column in enumerate(cols, start=1):
        cell = sheet.cell(row=1, column=c)
        _set(cell, column.header)
        cell.font = bold
        cell.fill = editable_header_fill if column.editable else header_fill
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        sheet.column_dimensions[letter(c - 1)].width = column.width
    sheet.row_dimensions[1].height = _height([c.header for c in cols], cols)
    for r, row in enumerate(rows, start=2):
        sheet.row_dimensions[r].height = _height([row.get(c.key) for c in cols], cols)
        for c, column in enumerate(cols, start=1):
            cell = sheet.cell(row=r, column=c)
            value = row.get(column.key)
            _set(cell, value)
            cell.alignment = wrapped if column.wrap or column.editable else top
            if column.kind == "date" and not isinstance(value, PartialDate):
                cell.number_format = DATE_FORMAT
            elif column.kind in {"int", "progress"}:
                cell.number_format = "0"
            if column.editable:
                cell.protection = unlocked
                cell.fill = editable_fill
    last = f"{letter(len(cols) - 1)}{max(len(rows) + 1, 2)}"
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{last}"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    protection = sheet.protection
    protection.sheet = True
    # False allows: partners may widen columns, heighten rows and filter their own actions.
    protection.formatColumns = False
    protection.formatRows = False
    protection.autoFilter = False


def _height(values: list[object], cols: tuple[Column, ...]) -> float:
    """Row height in points for the wrapped texts of a row. Spreadsheets do not all fit the
    height of a row written without one (LibreOffice keeps one line), so it is written."""
    lines = 1
    for value, column in zip(values, cols, strict=True):
        if not isinstance(value, str):
            continue
        per_line = max(int(column.width) - 2, 1)  # a width unit holds about one character
        count = sum(max(1, math.ceil(len(part) / per_line)) for part in value.split("\n"))
        lines = max(lines, count)
    return min(_LINE_HEIGHT * lines + 3, _MAX_HEIGHT)


def _validate(sheet: Worksheet, cols: tuple[Column, ...], count: int) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation  # noqa: PLC0415

    if not count:
        return
    for c, column in enumerate(cols):
        if not column.editable or column.key == "commentaire":
            continue
        if column.kind == "status":
            labels = ", ".join(Table.statuses().values())
            rule = DataValidation(
                type="list",
                formula1=STATUS_RANGE,
                error=f"Choisissez un statut dans la liste : {labels}.",
            )
        elif column.kind == "progress":
            rule = DataValidation(
                type="whole",
                operator="between",
                formula1="0",
                formula2="100",
                error="Écrivez un nombre entier de 0 à 100, sans le signe %.",
            )
        elif column.kind == "date":
            # A warning, not a refusal: the import also reads dates typed as text.
            rule = DataValidation(
                type="date",
                operator="greaterThan",
                formula1="1",
                errorStyle="warning",
                error="Écrivez une date, par exemple 30/06/2026.",
            )
        else:
            rule = DataValidation(
                type="decimal",
                operator="between",
                formula1="-1E+15",
                formula2="1E+15",
                errorStyle="warning",
                error="Écrivez un nombre, par exemple 42 ou 12,5.",
            )
        rule.allow_blank = True
        rule.showErrorMessage = True
        rule.errorTitle = "Valeur refusée"
        title, prompt = _PROMPTS[column.key]
        rule.promptTitle = title
        rule.prompt = prompt
        rule.showInputMessage = True
        col = letter(c)
        rule.add(f"{col}2:{col}{count + 1}")
        sheet.add_data_validation(rule)


def _write_meta(sheet: Worksheet, table: Table) -> str:
    """Fill the hidden sheet; return the range of the status labels, for the drop-down list."""
    _set(
        sheet.cell(row=1, column=1), "Tableau de suivi stspd : feuille technique, à ne pas modifier"
    )
    row = 2
    first = row
    for key, shown in Table.statuses().items():
        for c, value in enumerate(("statut", shown, key), start=1):
            _set(sheet.cell(row=row, column=c), value)
        row += 1
    status_cells = f"'{META}'!$B${first}:$B${row - 1}"
    for values in table.identity.rows():
        for c, value in enumerate(values, start=1):
            _set(sheet.cell(row=row, column=c), value)
        row += 1
    sheet.column_dimensions["A"].width = 14
    sheet.column_dimensions["B"].width = 40
    sheet.sheet_state = "hidden"
    sheet.protection.sheet = True
    return status_cells


def _define_status_range(workbook: Any, cells: str) -> None:
    from openpyxl.workbook.defined_name import DefinedName  # noqa: PLC0415

    workbook.defined_names[STATUS_RANGE] = DefinedName(STATUS_RANGE, attr_text=cells)


def _properties(workbook: Any, table: Table) -> None:
    from openpyxl.packaging.custom import StringProperty  # noqa: PLC0415

    identity = table.identity
    audience = "version interne (diffusion restreinte)" if table.interne else "version publique"
    props = workbook.properties
    props.title = f"Tableau de suivi — {identity.territoire}"
    period = f", période {identity.periode}" if identity.periode else ""
    props.subject = f"Stratégie {identity.source}, {audience}{period}"
    props.creator = identity.outil or "stspd"
    props.lastModifiedBy = props.creator
    props.keywords = "stspd; tableau de suivi"
    props.description = (
        "Remplissez les colonnes sur fond jaune (statut, avancement, commentaire, nouvelle mesure) "
        "puis renvoyez le fichier au coordonnateur."
    )
    if identity.date_export is not None:
        stamp = datetime.combine(identity.date_export, time())
        props.created = stamp
        props.modified = stamp
    values = dict(row[:2] for row in identity.rows() if row[0] != "base")
    for key, value in values.items():
        if value:
            workbook.custom_doc_props.append(StringProperty(name=f"stspd_{key}", value=value))
