"""Progress facts about actions, shared by the checks and the report: deadlines, lateness."""

from __future__ import annotations

from datetime import date

from stspd_cli.model import Action

# Statuses for which a passed deadline is not a delay.
CLOSED_STATUSES = frozenset({"realisee", "abandonnee"})
DONE = "realisee"
UNKNOWN_STATUS = "non_renseigne"


def deadline(action: Action) -> date | None:
    """The date the action is due: its ``echeance``, else its ``fin``."""
    cal = action.calendrier
    if cal is None:
        return None
    return cal.echeance or cal.fin


def days_late(action: Action, today: date) -> int | None:
    """Days past the deadline for an action neither done nor abandoned; None if not late."""
    due = deadline(action)
    if due is None or due >= today or action.statut in CLOSED_STATUSES:
        return None
    return (today - due).days


def has_calendar(action: Action) -> bool:
    cal = action.calendrier
    return cal is not None and any((cal.debut, cal.fin, cal.echeance))
