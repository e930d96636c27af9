"""Texts that a spreadsheet would run as formulas, for every csv and xlsx file stspd writes.

A cell whose text starts with ``=``, ``+``, ``-`` or ``@`` (also a tabulation, a line break or a
null character, and the full-width ``＝ ＋ － ＠`` that some spreadsheets read as the same
signs, even after spaces) is taken for a formula when the file is opened: ``=HYPERLINK(...)``
or ``=cmd|...`` in an action's title would run on the machine of whoever opens the table
(OWASP « CSV injection », ASVS 1.2.10). So:

- in a csv file, such a text is written after an apostrophe (:func:`guard`), and the import
  takes it off again (:func:`unguard`), exactly: ``unguard(guard(t)) == t`` for every text;
- in an xlsx file, the cell is a text cell with Excel's own « quote prefix » (the apostrophe of
  the formula bar, not part of the value): the value read back is the text itself.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import TYPE_CHECKING, Any

from stspd_cli.dates import PartialDate
from stspd_cli.fr import number_fr
from stspd_cli.spreadsheet.layout import date_text

if TYPE_CHECKING:
    from collections.abc import Iterable

GUARD = "'"
_STARTS = frozenset("=+-@\t\r\n\0\uff1d\uff0b\uff0d\uff20")
_SPACES = " \u00a0\u202f"


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet could take ``text`` for a formula."""
    rest = text.lstrip(_SPACES)
    return bool(rest) and rest[0] in _STARTS


def needs_guard(text: str) -> bool:
    """A formula-like text, or one that reads as an already guarded text (``'=x`` typed as
    such): both get an apostrophe, so that :func:`unguard` never takes one the user wrote."""
    return looks_like_formula(text.lstrip(GUARD))


def guard(text: str) -> str:
    """The text as a csv cell holds it."""
    return GUARD + text if needs_guard(text) else text


def unguard(text: str) -> str:
    """The text :func:`guard` was given."""
    if text.startswith(GUARD) and needs_guard(text[1:]):
        return text[1:]
    return text


def csv_cell(value: Any) -> str:
    """A value as every csv file of stspd writes it (the table and the bilan): French numbers
    and dates, texts guarded."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, int | float):
        return number_fr(value).replace("\u202f", "")
    if isinstance(value, PartialDate):
        return date_text(value)  # « 06/2026 » for a month: read back as a month
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return guard(str(value))


def csv_file(rows: Iterable[Iterable[Any]]) -> bytes:
    """A csv file as French Excel and LibreOffice open it: UTF-8 with BOM, « ; » between
    cells, every cell through :func:`csv_cell`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerows([csv_cell(value) for value in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
