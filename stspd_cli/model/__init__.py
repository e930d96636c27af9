"""The stspd/1 data model (pydantic v2): one class per section of a strategy.

The model modules do without ``from __future__ import annotations``: pydantic would evaluate each
annotation from its string at every start (900 compilations, 10 ms), and its validators are built
once, for the document, when first used (``defer_build``)."""

from stspd_cli.model.actions import Action, Calendrier, Financement, Indicateur, Mesure
from stspd_cli.model.strategy import Acteur, ActionRef, Document, Objectif, Plan

__all__ = [
    "Acteur",
    "Action",
    "ActionRef",
    "Calendrier",
    "Document",
    "Financement",
    "Indicateur",
    "Mesure",
    "Objectif",
    "Plan",
]
