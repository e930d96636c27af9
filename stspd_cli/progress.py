"""Progress facts about actions, shared by the checks and the report: deadlines, lateness.

An action ``partiellement_realisee`` is closed, as a ``realisee`` or ``abandonnee`` one: its
work is over, only its outcome fell short, so a passed deadline is no delay (docs/rapport.md).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stspd_cli.dates import PartialDate
    from stspd_cli.model import Action

# Statuses for which a passed deadline is not a delay.
CLOSED_STATUSES = frozenset({"realisee", "partiellement_realisee", "abandonnee"})
DONE = "realisee"
PARTLY_DONE = "partiellement_realisee"
UNKNOWN_STATUS = "non_renseigne"


def deadline(action: Action) -> PartialDate | None:
    """The date the action is due: its ``echeance``, else its ``fin``."""
    cal = action.calendrier
    if cal is None:
        return None
    return cal.echeance or cal.fin


def days_late(action: Action, today: date) -> int | None:
    """Days past the last day of the deadline for an action not closed; None if not late.
    ``echeance: "2026-09"`` is late from 1 October 2026, by 1 day."""
    due = deadline(action)
    if due is None or not due.ended_before(today) or action.statut in CLOSED_STATUSES:
        return None
    return (today - due.last_day).days


def has_calendar(action: Action) -> bool:
    cal = action.calendrier
    return cal is not None and any((cal.debut, cal.fin, cal.echeance))
