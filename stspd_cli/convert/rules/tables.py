"""Tables with a header row: funding lines (Source, Année, Montant), indicators (Indicateur,
Valeur initiale, Cible, Mesures) and reference texts (Intitulé, Type, Date, Adresse web), as
fiches and our own documents lay them out."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from stspd_cli.convert.rules.values import amount, find_dates, number, one_date
from stspd_cli.convert.words import fold, folded_table
from stspd_cli.vocabulary import short_label, vocabulary

_FUNDING = {"source": "source", "financeur": "source", "annee": "annee", "montant": "montant",
            "acquis": "acquis", "commentaire": "commentaire"}  # fmt: skip
_OBTAINED = {"oui": True, "acquis": True, "non": False, "demande": False}
_INDICATOR = {"indicateur": "libelle", "valeur initiale": "valeur_initiale", "cible": "cible",
              "mesures": "mesures", "source": "source", "unite": "unite"}  # fmt: skip
_VALUE = re.compile(r"^\s*(-?\d[\d\s\u00a0\u202f]*(?:,\d+)?)\s*(.*)$")


# The columns of the table of reference texts (our annexes).
REFERENCE_COLUMNS = ("intitule", "type", "date", "adresse web")


def column_label(text: str) -> bool:
    """Whether ``text`` is the header of a column these tables read (it became a key)."""
    folded_text = fold(text)
    return folded_text in _INDICATOR or folded_text in _FUNDING or folded_text in REFERENCE_COLUMNS


def reference_rows(rows: list[list[str]]) -> list[tuple[str, dict[str, Any]]] | None:
    """« Intitulé | Type | Date | Adresse web » -> each text's title, with the date, web
    address and kind its row gives (a date cell left empty: ``date`` None, the table says the
    text has none to print); None for any other table."""
    from stspd_cli.vocabulary import fold as vocabulary_word  # noqa: PLC0415

    header = [fold(cell) for cell in rows[0]] if rows else []
    if "intitule" not in header or not {"date", "adresse web"} & set(header):
        return None
    kinds = {vocabulary_word(shown): kind for kind, shown in vocabulary("type_reference").items()}
    column = {name: header.index(name) for name in REFERENCE_COLUMNS if name in header}
    found = []
    for row in rows[1:]:
        cell = {name: row[i].strip() for name, i in column.items() if i < len(row)}
        fields: dict[str, Any] = {}
        when = one_date(cell.get("date", ""))
        if when is not None or ("date" in cell and not cell["date"]):
            fields["date"] = when
        address = "".join(cell.get("adresse web", "").split())  # a PDF breaks it at a space
        if address.startswith(("http://", "https://")):
            fields["url"] = address
        kind = kinds.get(vocabulary_word(cell.get("type", "")))
        if kind:
            fields["type"] = kind
        found.append((cell.get("intitule", ""), fields))
    return found


def _columns(header: list[str], names: dict[str, str]) -> dict[int, str] | None:
    columns = {i: names[fold(cell)] for i, cell in enumerate(header) if fold(cell) in names}
    return columns if len(columns) >= 2 else None


@dataclass(frozen=True, slots=True)
class FundingTotal:
    """A total row of a funding table: what it adds up (``tout`` or a state of the lines:
    ``acquis``, ``demande``, ``non_precise``; None for a part the model does not know, « dont
    FIPD »), the amount it writes, and the texts of its cells."""

    adds: str | None
    written: float | None
    cells: tuple[str, ...]

    def sum_of(self, lines: list[dict[str, Any]]) -> float | None:
        """What the lines it adds up make, as stspd will print it; None when it adds up
        something the model does not name."""
        if self.adds is None:
            return None
        return sum(float(line.get("montant", 0)) for line in lines_of_total(self.adds, lines))


def lines_of_total(adds: str, lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The funding lines a total adds up: all of them (``tout``), or those of one state
    (``acquis``, ``demande``, ``non_precise``, as the report counts them)."""
    from stspd_cli.report.compute import funding_state  # noqa: PLC0415

    return [line for line in lines if adds in ("tout", funding_state(line.get("acquis")))]


def _funding_columns(rows: list[list[str]]) -> dict[int, str] | None:
    columns = _columns(rows[0], _FUNDING) if rows else None
    if not columns or "source" not in columns.values() or "montant" not in columns.values():
        return None
    return columns


def _is_total(source: str) -> bool:
    """Whether a row named ``source`` is a total or a part of one (« dont acquis »), not a
    line of funding."""
    folded_source = fold(source)
    return _adds(source) is not None or folded_source.startswith("dont ")


def _adds(source: str) -> str | None:
    """What a total row named ``source`` adds up (:class:`FundingTotal`)."""
    folded_source = fold(source)
    return next((adds for phrase, adds in folded_table("totaux_financement")
                 if folded_source == phrase), None)  # fmt: skip


def total_kind(source: str) -> str | Literal[False] | None:
    """What a row named ``source`` adds up (:class:`FundingTotal`); False for a funding line."""
    return _adds(source) if _is_total(source) else False


def amount_of_row(cells: list[str]) -> float | None:
    """The one amount the cells write, None when they write none or several."""
    shown = [value for cell in cells if (value := amount(cell)) is not None]
    return shown[0] if len(shown) == 1 else None


def funding_totals(rows: list[list[str]]) -> list[FundingTotal]:
    """The total rows of a funding table (« Total », « dont acquis »...), in its order."""
    columns = _funding_columns(rows)
    if columns is None:
        return []
    found = []
    for row in rows[1:]:
        cells = {columns[i]: cell.strip() for i, cell in enumerate(row) if i in columns}
        source = cells.get("source", "")
        if source and _is_total(source):
            written = amount(cells.get("montant", ""))
            if written is None:  # a label over two columns (colspan) moves the amount left
                written = amount_of_row(row[1:])
            texts = tuple(cell.strip() for cell in row if cell.strip())
            found.append(FundingTotal(_adds(source), written, texts))
    return found


def funding_rows(rows: list[list[str]]) -> list[dict[str, Any]] | None:
    columns = _funding_columns(rows)
    if columns is None:
        return None
    lines = []
    for row in rows[1:]:
        cells = {columns[i]: cell.strip() for i, cell in enumerate(row) if i in columns}
        source = cells.get("source", "")
        if not source or _is_total(source):
            continue  # a total, or a part of it (« dont acquis »)
        line: dict[str, Any] = {"source": source}
        year = cells.get("annee", "")
        if year.isdigit():
            line["annee"] = int(year)
        total = amount(cells.get("montant", ""))
        if total is not None:
            line["montant"] = number(total)
        obtained = _OBTAINED.get(fold(cells.get("acquis", "")))
        if obtained is not None:
            line["acquis"] = obtained
        if cells.get("commentaire"):
            line["commentaire"] = cells["commentaire"]
        lines.append(line)
    return lines


def _measure(text: str) -> tuple[int | float | None, str, Any, str]:
    """« 62 jeunes au 30 juin 2025 (hausse liée…) » -> (62, « jeunes », date, comment)."""
    comment = ""
    paren = re.search(r"\(([^)]*)\)\s*$", text)
    if paren:
        comment, text = paren[1].strip(), text[: paren.start()].strip()
    match = _VALUE.match(text)
    if match is None:
        return None, "", None, text
    raw = re.sub(r"[\s\u00a0\u202f]", "", match[1]).replace(",", ".")
    value = number(float(raw))
    rest = match[2]
    dates = find_dates(rest)
    when = None
    if dates:
        when = dates[0].value
        rest = rest[: dates[0].start]
    unit = re.sub(r"(?:^|\s+)(?:au|le|en|du)\s*$", "", rest.strip()).strip()
    return value, unit, when, comment


_NEXT_VALUE = re.compile(r"\s+(?=-?\d)")


@cache
def _directions() -> dict[str, str]:
    """« a la hausse » (folded) -> hausse: the directions as the feuille de route writes them."""
    return {fold(short_label("sens", value)): value for value in vocabulary("sens")}


def _measure_lines(cell: str) -> list[str]:
    """The measures of a cell, one a line. A line that runs several together (a PDF's cell
    read as one line: « 62 jeunes au 30 juin 2025 104 jeunes au 31 décembre 2025 ») is cut
    after each date that a new value follows, outside parentheses (a comment's own figures)."""
    found = []
    for line in cell.split("\n"):
        start = 0
        for when in find_dates(line):
            before = line[: when.end]
            follow = _NEXT_VALUE.match(line, when.end)
            if follow and before.count("(") == before.count(")"):
                found.append(line[start : when.end])
                start = follow.end()
        found.append(line[start:])
    return [line.strip() for line in found if line.strip()]


def indicator_rows(rows: list[list[str]]) -> list[dict[str, Any]] | None:
    columns = _columns(rows[0], _INDICATOR) if rows else None
    if not columns or "libelle" not in columns.values():
        return None
    found = []
    for row in rows[1:]:
        cells = {columns[i]: cell.strip() for i, cell in enumerate(row) if i in columns}
        if not cells.get("libelle"):
            continue
        entry: dict[str, Any] = {"libelle": cells["libelle"]}
        value, unit, when, _ = _measure(" ".join(cells.get("valeur_initiale", "").split()))
        if value is not None:
            entry["valeur_initiale"] = value
            if when is not None:
                entry["date_initiale"] = when
        target_cell = cells.get("cible", "")
        folded_cell = fold(target_cell)
        direction = next((d for shown, d in _directions().items() if shown in folded_cell), None)
        if direction is not None:  # « 150 jeunes (à la hausse) »: the target's own words
            words = re.escape(short_label("sens", direction))
            target_cell = re.sub(rf"\(?\s*{words}\s*\)?", " ", target_cell, flags=re.I)
        target, target_unit, _, _ = _measure(" ".join(target_cell.split()))
        if target is not None:
            entry["cible"] = target
            if direction:
                entry["sens"] = direction
        if cells.get("source"):
            entry["source"] = cells["source"]
        measures, measure_units = [], []
        for line in _measure_lines(cells.get("mesures", "")):
            measured, measure_unit, day, comment = _measure(line)
            if measured is not None and day is not None:
                item: dict[str, Any] = {"date": day, "valeur": measured}
                if comment:
                    item["commentaire"] = comment
                measures.append(item)
                measure_units.append(measure_unit)
        if measures:
            entry["mesures"] = measures
        # The unit as the document writes it: its own column, else beside a value (an
        # indicator without initial value or target gives it with its measures only).
        written = [cells.get("unite", ""), unit, target_unit, *measure_units]
        shown = next((u for u in written if u), None)
        if shown:
            entry["unite"] = shown
        found.append(entry)
    return found
