"""New measures from the « Indicateurs » sheet: additions keyed by date.

A row with its three cells empty is nothing to do, whatever else it holds. A measure already
recorded at that date with the same value is skipped (the same table may be imported twice);
with another value, it is a conflict.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from stspd_cli.dates import PartialDate
from stspd_cli.fr import date_as_of, date_from, number_fr
from stspd_cli.model import Action, Indicateur
from stspd_cli.spreadsheet.cells import (
    Cell,
    CellError,
    Sheet,
    as_text,
    get,
    parse_date,
    parse_number,
    parse_text,
)
from stspd_cli.spreadsheet.changes import AddMeasure
from stspd_cli.spreadsheet.identity import clean_text
from stspd_cli.spreadsheet.layout import INDICATEURS_COLUMNS, fold

if TYPE_CHECKING:
    from collections.abc import Callable

    from stspd_cli.spreadsheet.merge import Context

REEXPORT = "réexportez le tableau (stspd export) et reportez-y les saisies du partenaire"


def _find_indicator(action: Action, libelle: str) -> Indicateur | None:
    for indicator in action.indicateurs:
        if indicator.libelle == libelle:
            return indicator
    wanted = fold(libelle)
    return next((i for i in action.indicateurs if fold(i.libelle) == wanted), None)


def read_measures(context: Context, sheet: Sheet) -> None:
    """The new measures of the « Indicateurs » sheet: one per indicator row, at most."""
    plan = context.plan
    cols = {c.key: sheet.find(c) for c in INDICATEURS_COLUMNS}
    for needed, header in (("action", "Identifiant de l'action"), ("libelle", "Indicateur")):
        if cols[needed] is None:
            plan.refuse(
                None,
                f"feuille « {sheet.name} » : colonne « {header} » introuvable, impossible de "
                "rattacher les nouvelles mesures",
                hint=REEXPORT,
            )
            return
    everything, visible = context.everything, context.visible
    seen: dict[tuple[str, str], str] = {}
    for row in sheet.rows:
        number = row[0].row
        cells = {
            k: get(row, cols[k], sheet.name, number) for k in ("date", "valeur", "commentaire")
        }
        if all(cell.empty for cell in cells.values()):
            continue
        ident = as_text(get(row, cols["action"], sheet.name, number).value)
        libelle_cell = get(row, cols["libelle"], sheet.name, number)
        libelle = clean_text(as_text(libelle_cell.value))
        measure = _read_measure(context, cells)
        if measure is None:
            continue
        when, value, comment = measure
        key = (ident, fold(libelle))
        if key in seen:
            plan.refuse(
                cells["date"].where,
                f"deux nouvelles mesures pour l'indicateur « {libelle} » (déjà en {seen[key]})",
                hint="une seule nouvelle mesure par indicateur et par import",
            )
            continue
        seen[key] = cells["date"].where
        action = visible.get(ident)
        if action is None:
            restricted = ident in everything
            plan.refuse(
                cells["date"].where,
                f"l'action « {ident} » est en diffusion restreinte : un tableau public ne la "
                "modifie pas"
                if restricted
                else f"identifiant d'action « {ident} » inconnu : aucune action de "
                f"{context.source} ne le porte",
                hint="exportez un tableau interne (stspd export --interne)"
                if restricted
                else "la colonne Identifiant de l'action ne se modifie pas",
            )
            continue
        indicator = _find_indicator(action, libelle)
        if indicator is None:
            plan.refuse(
                libelle_cell.where,
                f"indicateur « {libelle} » introuvable dans l'action « {ident} » (renommé, retiré "
                "ou en diffusion restreinte ?)",
                hint="ajoutez la mesure à la main dans la stratégie, ou " + REEXPORT,
            )
            continue
        _measure(
            context,
            action,
            indicator=indicator,
            when=when,
            value=value,
            comment=comment,
            cell=cells["date"],
        )


def _read_measure(
    context: Context, cells: dict[str, Cell]
) -> tuple[PartialDate, int | float, str | None] | None:
    plan = context.plan
    parsers: dict[str, Callable[[Cell], Any]] = {
        "date": lambda cell: parse_date(cell, context.today),
        "valeur": parse_number,
        "commentaire": parse_text,
    }
    parsed: dict[str, Any] = {}
    for key, parse in parsers.items():
        try:
            parsed[key] = parse(cells[key])
        except CellError as error:
            plan.refuse(cells[key].where, error.message)
    if len(parsed) < len(parsers):
        return None
    when, value, comment = parsed["date"], parsed["valeur"], parsed["commentaire"]
    if when is not None and value is None:
        plan.refuse(cells["valeur"].where, f"valeur manquante pour la mesure {date_from(when)}")
        return None
    if value is not None and when is None:
        plan.refuse(
            cells["date"].where, f"date manquante pour la mesure de valeur {number_fr(value)}"
        )
        return None
    if when is None or value is None:
        plan.refuse(
            cells["commentaire"].where,
            "commentaire de mesure sans date ni valeur",
            hint="donnez aussi la date et la valeur de la mesure, ou videz la cellule",
        )
        return None
    return when, value, comment


def _measure(
    context: Context,
    action: Action,
    *,
    indicator: Indicateur,
    when: PartialDate,
    value: int | float,
    comment: str | None,
    cell: Cell,
) -> None:
    existing = next((m for m in indicator.mesures if m.date == when), None)
    if existing is None:
        context.plan.edits.append(
            AddMeasure(action.id, indicator.libelle, when, value, comment, cell.where)
        )
    elif existing.valeur == value:
        context.plan.notes.append(
            f"{cell.where} : mesure {date_from(when)} déjà enregistrée pour "
            f"« {indicator.libelle} », ignorée"
        )
    else:
        context.plan.refuse(
            cell.where,
            f"conflit : l'indicateur « {indicator.libelle} » a déjà une mesure "
            f"{date_as_of(when)} ({number_fr(existing.valeur)}), le tableau dit {number_fr(value)}",
            hint="une seule mesure par date : corrigez la date ou la valeur, ou la stratégie à la "
            "main",
        )
