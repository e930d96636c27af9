"""Cells as read back from a filled-in table, and what each editable cell may hold.

A parser returns the value, ``None`` for an empty cell, or raises :class:`CellError` with the
French reason; the caller adds the place (``Suivi!G4``). Every bad cell is collected, none stops
the reading of the others.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from stspd_cli.dates import PartialDate
from stspd_cli.fr import date_fr, number_fr
from stspd_cli.spreadsheet.layout import Column, fold, letter
from stspd_cli.terminal import visible


@dataclass(frozen=True, slots=True)
class Cell:
    sheet: str
    row: int  # 1-based, as the spreadsheet shows it
    column: int  # 0-based
    value: object  # str, int, float, bool, date, datetime or None
    number_format: str = "General"

    @property
    def where(self) -> str:
        return f"{self.sheet}!{letter(self.column)}{self.row}"

    @property
    def empty(self) -> bool:
        return self.value is None or (isinstance(self.value, str) and not self.value.strip())


@dataclass(slots=True)
class Sheet:
    """One sheet (one section of a csv file): its header cells and its rows of cells."""

    name: str
    header: list[Cell] = field(default_factory=list)
    rows: list[list[Cell]] = field(default_factory=list)

    def find(self, column: Column) -> int | None:
        """Index of the column whose header reads as ``column.header``."""
        wanted = fold(column.header)
        for cell in self.header:
            if isinstance(cell.value, str) and fold(cell.value) == wanted:
                return cell.column
        return None


@dataclass(slots=True)
class RawTable:
    """A filled-in table, whatever its format."""

    name: str
    kind: str  # "xlsx" or "csv"
    sheets: dict[str, Sheet] = field(default_factory=dict)
    meta: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the reader noticed on the way


def get(row: list[Cell], index: int | None, sheet: str, row_number: int) -> Cell:
    """The cell at ``index`` of a row, or an empty one (the readers keep only filled cells)."""
    if index is not None:
        for cell in row:
            if cell.column == index:
                return cell
    return Cell(sheet, row_number, index or 0, None)


def as_text(value: object) -> str:
    """Any cell value as text, for identity rows and identifiers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "VRAI" if value else "FAUX"
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


class CellError(ValueError):
    """A cell that cannot be read as what its column holds."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _shown(value: object) -> str:
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float):
        return number_fr(value).replace("\u202f", " ")
    return str(value).strip()


def parse_status(cell: Cell, statuses: dict[str, str]) -> str | None:
    """A status key from its label or its key, whatever the case and accents."""
    if cell.empty:
        return None
    text = _shown(cell.value)
    wanted = fold(text)
    for key, shown in statuses.items():
        if wanted in {fold(key), fold(shown)}:
            return key
    labels = ", ".join(statuses.values())
    raise CellError(f"statut « {text} » inconnu ; valeurs possibles : {labels}")


_PERCENT = re.compile(r"^\s*(-?\d+(?:[.,]\d+)?)\s*%?\s*$")


def _is_percent_format(number_format: str) -> bool:
    # A percent sign outside quotes: the cell shows 0.4 as « 40 % » (Excel's own % input).
    return "%" in re.sub(r'"[^"]*"', "", number_format)


def parse_progress(cell: Cell) -> int | None:
    """0 to 100: ``40``, ``40.0``, ``"40"``, ``"40 %"``, or 0.4 in a cell formatted as a %."""
    if cell.empty:
        return None
    value = cell.value
    number: float | None = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value) * (100 if _is_percent_format(cell.number_format) else 1)
        number = round(number, 9)
    elif isinstance(value, str):
        match = _PERCENT.match(value.replace("\u202f", " ").replace("\u00a0", " "))
        if match:
            number = float(match.group(1).replace(",", "."))
    if number is None or not number.is_integer() or not 0 <= number <= 100:
        shown = _shown(value if number is None or isinstance(value, str) else number)
        msg = f"avancement « {shown} » refusé : écrivez un nombre entier de 0 à 100, par exemple 40"
        raise CellError(msg)
    return int(number)


_DATE_FR = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})$")
# LibreOffice in French writes csv dates with two-digit years (15/11/26); it reads them as
# 1930 to 2029 (its default « années à deux chiffres »), and so does the import.
_CENTURY_FROM = 30
_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_MONTH_FR = re.compile(r"^(\d{1,2})[/.](\d{4})$")
_MONTH_ISO = re.compile(r"^(\d{4})-(\d{1,2})$")
_YEAR = re.compile(r"^\d{4}$")


def _cell_precision(value: date, number_format: str) -> PartialDate:
    """A date cell at the precision its format shows: « MM/AAAA » is a month, « AAAA » a year
    (the export writes a month-precise date so, and reads it back as a month)."""
    shown = re.sub(r'"[^"]*"|\[[^]]*\]', "", number_format).lower()
    if "d" not in shown and "y" in shown:
        return PartialDate(value.year, value.month) if "m" in shown else PartialDate(value.year)
    return PartialDate.of(value)


def _text_date(text: str) -> PartialDate | None:
    """JJ/MM/AAAA (or JJ/MM/AA), AAAA-MM-JJ, MM/AAAA, AAAA-MM or AAAA; None when none of them."""
    for pattern, parts in (
        (_DATE_FR, (3, 2, 1)),
        (_DATE_ISO, (1, 2, 3)),
        (_MONTH_FR, (2, 1)),
        (_MONTH_ISO, (1, 2)),
    ):
        match = pattern.match(text)
        if match:
            numbers = [int(match[i]) for i in parts]
            if len(match[parts[0]]) == 2:  # 15/11/26
                numbers[0] += 1900 if numbers[0] >= _CENTURY_FROM else 2000
            try:
                return PartialDate(*numbers)
            except ValueError:
                raise CellError(f"date « {text} » impossible (ce jour n'existe pas)") from None
    return PartialDate(int(text)) if _YEAR.match(text) else None


def parse_date(cell: Cell, today: date) -> PartialDate | None:
    """A date cell, or a text JJ/MM/AAAA or AAAA-MM-JJ, or a month (MM/AAAA, AAAA-MM) or a year
    (AAAA) when the measure is known at that precision only; never after ``today``."""
    if cell.empty:
        return None
    value = cell.value
    found: PartialDate | None = None
    if isinstance(value, datetime):
        found = _cell_precision(value.date(), cell.number_format)
    elif isinstance(value, date):
        found = _cell_precision(value, cell.number_format)
    elif isinstance(value, str):
        found = _text_date(value.strip())
    if found is None:
        msg = f"date « {_shown(value)} » illisible : écrivez JJ/MM/AAAA, par exemple 30/06/2026"
        raise CellError(msg)
    if found.began_after(today):
        msg = f"date {date_fr(found)} dans le futur : une mesure porte sur une date passée"
        raise CellError(msg)
    if found.year < 1900:
        raise CellError(f"date {date_fr(found)} invraisemblable")
    return found


_NUMBER = re.compile(r"^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)$")


def parse_number(cell: Cell) -> int | float | None:
    """A number cell, or a text with a decimal comma or point (spaces between thousands)."""
    if cell.empty:
        return None
    value = cell.value
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    elif isinstance(value, str):
        text = re.sub(r"[\s\u00a0\u202f]", "", value)
        if not _NUMBER.match(text):
            msg = f"valeur « {value.strip()} » refusée : écrivez un nombre, par exemple 42 ou 12,5"
            raise CellError(msg)
        number = float(text.replace(",", "."))
    else:
        msg = f"valeur « {_shown(value)} » refusée : écrivez un nombre, par exemple 42 ou 12,5"
        raise CellError(msg)
    if not math.isfinite(number):
        raise CellError("valeur refusée : écrivez un nombre fini")
    return int(number) if number.is_integer() else number


# What a strategy cannot hold as the cell shows it: controls (but tabulation and line ends),
# DEL, C1 controls (NEL, U+0085, is a line break to YAML), line and paragraph separators, lone
# UTF-16 halves and the two non-characters YAML refuses.
_UNWRITABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]"
)
_UNWRITABLE_NAMES = {
    0x85: "un passage à la ligne NEL",
    0x2028: "un séparateur de ligne",
    0x2029: "un séparateur de paragraphe",
}


def _unwritable(char: str) -> str:
    code = ord(char)
    if code in _UNWRITABLE_NAMES:
        name = _UNWRITABLE_NAMES[code]
    elif 0xD800 <= code <= 0xDFFF:
        name = "une moitié isolée de caractère UTF-16"
    elif code >= 0xFFFE:
        name = "un non-caractère"
    else:
        name = "un caractère de contrôle"
    return f"{name} (U+{code:04X})"


def parse_text(cell: Cell) -> str | None:
    """A free text, as the strategy will hold it: line ends made Unix, blanks at the end of
    lines and around the text removed (layout, not meaning); tabulations kept. A character the
    strategy could not hold as the cell shows it is refused, never dropped or changed."""
    if cell.empty:
        return None
    value = cell.value
    text = _shown(value) if not isinstance(value, str) else value
    found = _UNWRITABLE.search(text)
    if found:
        start = max(found.start() - 20, 0)
        excerpt = visible(text[start : found.start() + 20], one_line=True)
        msg = (
            f"texte « {excerpt} » refusé : il contient {_unwritable(found.group())}, invisible, "
            "qu'une stratégie ne peut pas garder tel quel ; remplacez-le par un retour à la "
            "ligne ou une espace, ou supprimez-le"
        )
        raise CellError(msg)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip() or None
