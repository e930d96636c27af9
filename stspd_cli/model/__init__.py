"""The stspd/1 data model (pydantic v2): one class per section of a strategy."""

from stspd_cli.model.actions import Action, Calendrier, Financement, Indicateur, Mesure
from stspd_cli.model.strategy import Acteur, Document, Objectif, Plan

__all__ = [
    "Acteur",
    "Action",
    "Calendrier",
    "Document",
    "Financement",
    "Indicateur",
    "Mesure",
    "Objectif",
    "Plan",
]
