"""What the tracking table looks like: sheets, columns, headers, and which cells partners edit.

Both formats share this layout. Columns are found again on import by their header text, not
their position, so a partner who moves or adds a column in a csv file does not break the import.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stspd_cli.dates import PartialDate
    from stspd_cli.labels import Labels

FORMAT = "stspd-tableau/1"
SUIVI = "Suivi"
INDICATEURS = "Indicateurs"
META = "_stspd"
# First cell of every identity row in a csv file (the xlsx file keeps them in the hidden sheet).
CSV_META_MARK = "#stspd"


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    header: str
    width: float
    editable: bool = False
    kind: str = "text"  # text | long | int | number | date | status | progress

    @property
    def wrap(self) -> bool:
        return self.kind == "long"


SUIVI_COLUMNS: tuple[Column, ...] = (
    Column("id", "Identifiant", 30),
    Column("plan", "Plan", 32, kind="long"),
    Column("numero", "N°", 6, kind="int"),
    Column("titre", "Action", 45, kind="long"),
    Column("pilote", "Pilote", 26, kind="long"),
    Column("echeance", "Échéance", 12, kind="date"),
    Column("statut", "Statut", 14, editable=True, kind="status"),
    Column("avancement", "Avancement (%)", 15, editable=True, kind="progress"),
    Column("commentaire", "Commentaire", 60, editable=True, kind="long"),
    Column("partenaires", "Partenaires", 40, kind="long"),
    Column("indicateurs", "Dernières valeurs des indicateurs", 50, kind="long"),
)
INDICATEURS_COLUMNS: tuple[Column, ...] = (
    Column("action", "Identifiant de l'action", 30),
    Column("action_titre", "Action", 40, kind="long"),
    Column("libelle", "Indicateur", 40, kind="long"),
    Column("unite", "Unité", 12),
    Column("valeur_initiale", "Valeur initiale", 12, kind="number"),
    Column("cible", "Cible", 10, kind="number"),
    Column("derniere_valeur", "Dernière valeur", 13, kind="number"),
    Column("derniere_date", "Date de la dernière valeur", 14, kind="date"),
    Column("date", "Nouvelle mesure : date", 16, editable=True, kind="date"),
    Column("valeur", "Nouvelle mesure : valeur", 16, editable=True, kind="number"),
    Column("commentaire", "Nouvelle mesure : commentaire", 40, editable=True, kind="long"),
)
# Internal tables show which rows are restricted (CSI L132-5), as the internal documents do.
DIFFUSION = Column("diffusion", "Diffusion", 12)


def columns(sheet: str, *, interne: bool, labels: Labels | None = None) -> tuple[Column, ...]:
    """The columns of a sheet; with ``labels``, the read-only headers that name a level take the
    strategy's words (« Axe », « Fiche-action »). The import finds its columns by the headers
    that never change (identifiers and editable cells)."""
    base = SUIVI_COLUMNS if sheet == SUIVI else INDICATEURS_COLUMNS
    if labels is not None:
        words = {"plan": labels.plan.title(), "titre": labels.action.title()}
        words["action_titre"] = words["titre"]
        base = tuple(replace(c, header=words.get(c.key, c.header)) for c in base)
    return (*base, DIFFUSION) if interne else base


# How a cell shows a date, at the date's own precision, as French spreadsheets write it.
DAY_FORMAT, MONTH_FORMAT, YEAR_FORMAT = "DD/MM/YYYY", "MM/YYYY", "YYYY"


def date_text(value: PartialDate) -> str:
    """``30/06/2026``, ``06/2026`` or ``2026``."""
    if value.month is None:
        return f"{value.year:04d}"
    if value.day is None:
        return f"{value.month:02d}/{value.year:04d}"
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def date_format(value: PartialDate) -> str:
    """The number format of a date cell: a month shows no day, a year neither day nor month."""
    if value.month is None:
        return YEAR_FORMAT
    return MONTH_FORMAT if value.day is None else DAY_FORMAT


def letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: the column letters spreadsheets show."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def fold(text: str) -> str:
    """Lower case, no accents, one space between words: how headers and statuses are matched."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().replace("_", " ").split())
