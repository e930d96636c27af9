"""The stspd/1 data model (pydantic v2): one class per section of a strategy.

The model modules do without ``from __future__ import annotations``: pydantic would evaluate each
annotation from its string at every start (900 compilations, 10 ms), and its validators are built
once, for the document, when first used (``defer_build``).

The classes are imported on first use (``stspd_cli.model.Document``): the modules of this package
that do without pydantic (``plain``, ``places``, ``items``, ``compile``) can be imported without
paying for it (docs/performance.md)."""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from stspd_cli.model.actions import Action, Calendrier, Financement, Indicateur, Mesure
    from stspd_cli.model.places import ActionRef
    from stspd_cli.model.strategy import Acteur, Document, Objectif, Plan

_HOMES = {
    "Action": "actions",
    "Calendrier": "actions",
    "Financement": "actions",
    "Indicateur": "actions",
    "Mesure": "actions",
    "ActionRef": "places",
    "Acteur": "strategy",
    "Document": "strategy",
    "Objectif": "strategy",
    "Plan": "strategy",
}

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


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        msg = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(msg)
    from importlib import import_module  # noqa: PLC0415

    value = getattr(import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
