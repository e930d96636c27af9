"""From a filled-in table to the edits it asks for, or the problems that refuse it.

Three values meet for every editable cell: what the table held at export (recorded in it),
what the partner wrote, and what the strategy says today. A cell the partner left as exported
is no change. A changed cell becomes an edit, unless the strategy itself changed that same
value since the export, to something else: that conflict is refused with the cell, so that a
coordinator who imports several partners' tables in turn never loses an update silently.

New measures are additions, keyed by date: one already recorded with the same value is skipped
(the same table may be imported twice); one recorded with another value is a conflict.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from stspd_cli.confidentiality import view
from stspd_cli.errors import UnreadableInputError
from stspd_cli.model import Action, Document
from stspd_cli.spreadsheet.cells import (
    Cell,
    CellError,
    RawTable,
    Sheet,
    as_text,
    get,
    parse_progress,
    parse_status,
    parse_text,
)
from stspd_cli.spreadsheet.changes import EDITABLE, ImportPlan, SetField
from stspd_cli.spreadsheet.identity import (
    Exported,
    Identity,
    IdentityError,
    identity_from_rows,
    text_fingerprint,
)
from stspd_cli.spreadsheet.layout import (
    FORMAT,
    INDICATEURS,
    SUIVI,
    SUIVI_COLUMNS,
    fold,
)
from stspd_cli.spreadsheet.measures import REEXPORT, read_measures
from stspd_cli.vocabulary import label, vocabulary

_FIELD_NAMES = {
    "statut": "le statut",
    "avancement": "l'avancement",
    "commentaire": "le commentaire",
}


@dataclass(slots=True)
class Context:
    """What every row is checked against."""

    table: RawTable
    doc: Document
    identity: Identity
    source: str
    today: date
    plan: ImportPlan

    @property
    def everything(self) -> dict[str, Action]:
        return {ref.action.id: ref.action for ref in self.doc.iter_actions()}

    @property
    def visible(self) -> dict[str, Action]:
        shown = view(self.doc, interne=self.identity.interne)
        return {ref.action.id: ref.action for ref in shown.iter_actions()}


def plan_import(
    table: RawTable, doc: Document, *, source: str, fingerprint: str, today: date
) -> ImportPlan:
    """Everything the table asks for, checked against ``doc`` (the strategy as it is today)."""
    plan = ImportPlan(notes=list(table.notes))
    suivi = table.sheets.get(SUIVI)
    if suivi is None or suivi.find(SUIVI_COLUMNS[0]) is None:
        raise UnreadableInputError(
            f"{table.name} : pas de feuille « {SUIVI} » avec une colonne « Identifiant » : "
            "ce n'est pas un tableau produit par stspd export",
            hint="exportez le tableau avec « stspd export STRATÉGIE » et faites-le remplir",
        )
    identity = _identity(table, doc, source, fingerprint, plan)
    if identity is None:
        return plan
    context = Context(table, doc, identity, source, today, plan)
    _suivi(context, suivi)
    indicateurs = table.sheets.get(INDICATEURS)
    if indicateurs is None:
        plan.notes.append(f"pas de feuille « {INDICATEURS} » : aucune nouvelle mesure lue")
    else:
        read_measures(context, indicateurs)
    return plan


def _identity(
    table: RawTable, doc: Document, source: str, fingerprint: str, plan: ImportPlan
) -> Identity | None:
    where = "la feuille cachée « _stspd »" if table.kind == "xlsx" else "les lignes « #stspd »"
    try:
        identity = identity_from_rows(table.meta)
    except IdentityError as error:
        plan.refuse(
            None,
            f"{table.name} : origine du tableau inconnue ({where} : {error})",
            hint=f"seul un tableau produit par stspd export peut être importé ; {REEXPORT}",
        )
        return None
    if identity.format != FORMAT:
        raise UnreadableInputError(
            f"{table.name} : tableau au format « {identity.format} », inconnu de cette version",
            hint="mettez stspd à jour, ou réexportez le tableau avec cette version",
        )
    here = f"« {source} » ({doc.territoire.instance} {doc.territoire.nom})"
    there = f"« {identity.source} » ({identity.instance} {identity.territoire})"
    same_place = fold(identity.territoire) == fold(doc.territoire.nom) and (
        not identity.instance or identity.instance == doc.territoire.instance
    )
    if not same_place:
        plan.refuse(
            None,
            f"{table.name} vient d'une autre stratégie : exporté de {there}, pas de {here}",
            hint=f"importez-le dans la stratégie dont il vient ({identity.source})",
        )
        return None
    if identity.source != source:
        plan.refuse(
            None,
            f"{table.name} a été exporté de « {identity.source} », pas de « {source} » (même "
            "territoire, autre fichier : une autre version de la stratégie ?)",
            hint=(
                f"importez-le dans {identity.source} ; si ce fichier a été renommé depuis, "
                f"{REEXPORT}"
            ),
        )
        return None
    if identity.empreinte != fingerprint:
        version = ""
        if identity.version != (doc.strategie.version or ""):
            version = (
                f" (version « {identity.version or '—'} » à l'export, "
                f"« {doc.strategie.version or '—'} » aujourd'hui)"
            )
        plan.notes.append(
            f"{source} a changé {identity.since}{version} : "
            "chaque cellule modifiée est comparée à sa valeur exportée ; seule une valeur "
            "modifiée des deux côtés est refusée"
        )
    return identity


def _value(action: Action, name: str) -> str | int | None:
    value = getattr(action, name)
    return text_fingerprint(value) if name == "commentaire" else value


def _exported_value(exported: Exported, name: str) -> str | int | None:
    value: str | int | None = getattr(exported, name)
    return value


def _shown(name: str, value: str | int | None) -> str:
    if value is None or value == "":
        return "vide"
    if name == "statut":
        return f"« {label('statut', str(value))} »"
    if name == "avancement":
        return f"{value} %"
    return "modifié"


Values = dict[str, tuple[Cell, str | int | None]]


def _read_row(
    context: Context, sheet: Sheet, row: list[Cell], cols: dict[str, int | None]
) -> Values:
    """The parsed editable cells of a « Suivi » row: {field: (cell, value)}; bad cells refused."""
    number = row[0].row
    parsers = {
        "statut": lambda cell: parse_status(cell, vocabulary("statut")),
        "avancement": parse_progress,
        "commentaire": parse_text,
    }
    values: Values = {}
    for name in EDITABLE:
        if cols[name] is None:
            continue
        cell = get(row, cols[name], sheet.name, number)
        try:
            values[name] = (cell, parsers[name](cell))
        except CellError as error:
            context.plan.refuse(cell.where, error.message)
    return values


def _suivi(context: Context, sheet: Sheet) -> None:
    plan = context.plan
    cols = {c.key: sheet.find(c) for c in SUIVI_COLUMNS}
    everything, visible = context.everything, context.visible
    seen: dict[str, str] = {}
    for row in sheet.rows:
        number = row[0].row
        id_cell = get(row, cols["id"], sheet.name, number)
        ident = as_text(id_cell.value)
        values = _read_row(context, sheet, row, cols)
        if not ident:
            if any(value is not None for _cell, value in values.values()):
                plan.refuse(
                    id_cell.where,
                    "ligne sans identifiant : impossible de savoir à quelle action elle se "
                    "rapporte",
                    hint="remettez l'identifiant de l'action (colonne A du tableau exporté)",
                )
            continue
        if ident in seen:
            plan.refuse(
                id_cell.where,
                f"identifiant « {ident} » en double (déjà en {seen[ident]})",
                hint="une seule ligne par action : supprimez l'une des deux après avoir reporté "
                "ses saisies dans l'autre",
            )
            continue
        seen[ident] = id_cell.where
        exported = context.identity.exported.get(ident)
        current = everything.get(ident)
        if current is None:
            _missing_action(context, ident, id_cell, exported, values)
            continue
        if exported is None:
            # A row the export did not write (typed into a csv file): compare with today's values.
            exported = Exported(
                current.statut, current.avancement, text_fingerprint(current.commentaire)
            )
        for name, (cell, value) in values.items():
            _field(
                context,
                current,
                visible=ident in visible,
                exported=exported,
                name=name,
                cell=cell,
                value=value,
            )


def _missing_action(
    context: Context,
    ident: str,
    id_cell: Cell,
    exported: Exported | None,
    values: Values,
) -> None:
    plan = context.plan
    if exported is None:
        plan.refuse(
            id_cell.where,
            f"identifiant « {ident} » inconnu : aucune action de {context.source} ne le porte",
            hint="la colonne Identifiant ne se modifie pas ; remettez la valeur exportée",
        )
        return
    changed = [
        name
        for name, (_cell, value) in values.items()
        if value is not None and _differs(name, value, _exported_value(exported, name))
    ]
    if changed:
        plan.refuse(
            id_cell.where,
            f"l'action « {ident} » a été retirée de {context.source} depuis l'export ; "
            "ses saisies ne peuvent pas être reprises",
            hint="reportez-les à la main si l'action a été remplacée",
        )
    else:
        plan.notes.append(
            f"{id_cell.where} : action « {ident} » retirée de {context.source} depuis l'export, "
            "ligne sans saisie ignorée"
        )


def _differs(name: str, value: str | int | None, reference: str | int | None) -> bool:
    if name == "commentaire":
        return text_fingerprint(str(value) if value is not None else None) != (reference or "")
    return value != reference


def _field(
    context: Context,
    current: Action,
    *,
    visible: bool,
    exported: Exported,
    name: str,
    cell: Cell,
    value: str | int | None,
) -> None:
    plan = context.plan
    before = _exported_value(exported, name)
    if value is None:
        if before not in {None, ""}:
            plan.notes.append(
                f"{cell.where} : cellule vidée, ignorée (une cellule vide n'efface rien)"
            )
        return
    if not _differs(name, value, before):
        return
    if not visible:
        plan.refuse(
            cell.where,
            f"l'action « {current.id} » est en diffusion restreinte : un tableau public ne la "
            "modifie pas",
            hint="exportez un tableau interne (stspd export --interne) pour les actions "
            "restreintes",
        )
        return
    now = _value(current, name)
    if not _differs(name, value, now):
        return  # the strategy already says so (a table imported twice)
    if now != before:
        detail = ""
        if name != "commentaire":
            detail = (
                f" : {_shown(name, before)} à l'export, {_shown(name, now)} dans la stratégie, "
                f"{_shown(name, value)} dans le tableau"
            )
        plan.refuse(
            cell.where,
            f"conflit : {_FIELD_NAMES[name]} de l'action « {current.id} » a changé dans la "
            f"stratégie {context.identity.since}, et dans le "
            f"tableau{detail}",
            hint="tranchez : remettez dans la cellule la valeur de la stratégie pour la garder, "
            "ou corrigez la stratégie à la main",
        )
        return
    plan.edits.append(SetField(current.id, name, value, cell.where))
