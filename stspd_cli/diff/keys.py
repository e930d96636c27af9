"""What identifies a listed item from one version to the next: its id, or its natural key.

Entities with an id (actions, plans, actors...) are matched by it. Items without one are matched
by what names them, so that changing a funding line's amount is one modification of « FIPD
2026 », not a removal plus an addition:

- a funding line by its source and year; an indicator by its label; a measure by its date;
- a contact by its name, else its function, else its e-mail; a place by its name;
- a signatory by its actor; a meeting by its date; a note by its title, else its text;
- a row of the division of competences by its domain.

Two items of one list with the same key are paired in their order (the first with the first).
Lists of plain values are sets (see :mod:`stspd_cli.diff.engine`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from pydantic import BaseModel

from stspd_cli.dates import PartialDate
from stspd_cli.fr import date_from, excerpt, quoted
from stspd_cli.model import Action
from stspd_cli.model.actions import Contact, Financement, Indicateur, Lieu, Mesure
from stspd_cli.model.strategy import (
    Acteur,
    Avenant,
    Chapitre,
    GroupeTravail,
    InstanceGouvernance,
    Note,
    Objectif,
    Plan,
    Principe,
    Proposition,
    Reference,
    Repartition,
    Seance,
    Signataire,
    SousObjectif,
)

Key = Callable[[Any], Any]


def _attr(name: str) -> Key:
    return lambda item: getattr(item, name)


def _first(*names: str) -> Key:
    return lambda item: next((getattr(item, n) for n in names if getattr(item, n)), None)


# Entity name (stable, used in JSON) and key of each kind of listed item.
KEYED: dict[type[BaseModel], tuple[str, Key]] = {
    Objectif: ("objectif", _attr("id")),
    SousObjectif: ("sous_objectif", _attr("id")),
    Plan: ("plan", _attr("id")),
    Action: ("action", _attr("id")),
    Acteur: ("acteur", _attr("id")),
    Reference: ("reference", _attr("id")),
    Signataire: ("signataire", _attr("acteur")),
    Avenant: ("avenant", _attr("id")),
    GroupeTravail: ("groupe_travail", _attr("id")),
    InstanceGouvernance: ("instance", _attr("id")),
    Proposition: ("proposition", _attr("id")),
    Chapitre: ("chapitre", _attr("id")),
    Seance: ("seance", _attr("date")),
    Indicateur: ("indicateur", _attr("libelle")),
    Mesure: ("mesure", _attr("date")),
    Principe: ("principe", _first("id", "texte")),
    Financement: ("financement", lambda line: (line.source, line.annee)),
    Contact: ("contact", _first("nom", "fonction", "courriel", "telephone")),
    Lieu: ("lieu", _attr("nom")),
    Note: ("note", _first("titre", "texte")),
    Repartition: ("competence", _attr("domaine")),
}
# Items told under the entity that holds them (an action's funding line is said under the
# action): their label is « owner — item ».
NESTED = frozenset({"indicateur", "mesure", "sous_objectif", "financement", "contact", "lieu"})


def is_keyed(item: object) -> bool:
    return type(item) in KEYED


def entity_of(item: BaseModel) -> str:
    return KEYED[type(item)][0]


def key_of(item: BaseModel) -> Any:
    return KEYED[type(item)][1](item)


def key_text(key: Any) -> str:
    """A key as a line of text names it: ``FIPD 2026``, ``2026-06-30``, ``comite-jeunes``."""
    if isinstance(key, tuple):
        return " ".join(key_text(part) for part in key if part is not None)
    if isinstance(key, date | PartialDate):
        return key.isoformat()
    return "" if key is None else str(key)


def paired(
    before: Sequence[BaseModel], after: Sequence[BaseModel]
) -> tuple[dict[Any, tuple[int, BaseModel]], dict[Any, tuple[int, BaseModel]]]:
    """Each side's items by (key, rank among the items of that key), with their positions: the
    n-th « FIPD 2026 » line of one version is matched with the n-th of the other."""

    def ranked(items: Sequence[BaseModel]) -> dict[Any, tuple[int, BaseModel]]:
        seen: dict[Any, int] = {}
        out: dict[Any, tuple[int, BaseModel]] = {}
        for i, item in enumerate(items):
            key = key_of(item)
            rank = seen.get(key, 0)
            seen[key] = rank + 1
            out[(key, rank)] = (i, item)
        return out

    return ranked(before), ranked(after)


def label_of(item: BaseModel) -> str:
    """How a councillor names the item: a title, a date, « FIPD 2026 »."""
    if isinstance(item, Action):  # without its document (a nested item): its own number
        return f"Action n°{item.numero} {quoted(item.titre)}" if item.numero else quoted(item.titre)
    if isinstance(item, Avenant):
        return f"Avenant {date_from(item.date)}" if item.date else f"Avenant {quoted(item.id)}"
    if isinstance(item, Seance):
        return f"Séance {date_from(item.date)}"
    if isinstance(item, Proposition):
        return f"Proposition {quoted(excerpt(item.texte, 60))}"
    if isinstance(item, Note):
        return f"Note {quoted(item.titre or excerpt(item.texte, 60))}"
    if isinstance(item, Financement | Contact):
        return key_text(key_of(item))
    for attr in ("titre", "nom", "libelle", "domaine"):
        text = getattr(item, attr, None)
        if isinstance(text, str):
            return text
    if isinstance(item, Signataire):
        return item.libelle or item.acteur
    if isinstance(item, Mesure):
        return item.date.isoformat()
    if isinstance(item, Principe):
        return item.texte[:60]
    return type(item).__name__.lower()
