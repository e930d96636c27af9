"""The period a strategy runs for, once its avenants are applied: one answer for every output.

The effective end is the ``nouvelle_fin`` of the last avenant (in the document's order) that
sets one; without such an avenant it is the period's own end. The period runs from the first day
of its start to the last day of its effective end: ``2021`` to ``2024`` is 1 January 2021 to
31 December 2024.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from stspd_cli.dates import PartialDate
from stspd_cli.fr import date_as_of, date_from, date_on, date_span, date_until

if TYPE_CHECKING:
    from stspd_cli.model import Document
    from stspd_cli.model.strategy import Avenant


@dataclass(frozen=True, slots=True)
class SettingAvenant:
    """The avenant that set the effective end: what the outputs say of it."""

    id: str
    date: PartialDate | None


@dataclass(frozen=True, slots=True)
class Period:
    debut: PartialDate
    fin: PartialDate  # the effective end
    fin_initiale: PartialDate
    avenant: SettingAvenant | None  # the avenant that set the effective end

    @property
    def first_day(self) -> date:
        return self.debut.first_day

    @property
    def last_day(self) -> date:
        return self.fin.last_day

    @property
    def extended(self) -> bool:
        return self.avenant is not None and self.fin != self.fin_initiale

    def ended(self, today: date) -> bool:
        return self.last_day < today

    def contains(self, value: PartialDate) -> bool:
        return value.within(self.first_day, self.last_day)

    def span(self) -> str:
        """``du 1er juillet 2024 au 31 décembre 2027``: the effective period, in words."""
        return date_span(self.debut, self.fin)

    def initial_span(self) -> str:
        return date_span(self.debut, self.fin_initiale)

    def extension(self) -> str | None:
        """``prorogée jusqu'au 31 décembre 2027 par l'avenant du 18 juin 2026`` (« raccourcie »
        when the avenant ends the strategy earlier), None without such an avenant."""
        if self.avenant is None or not self.extended:
            return None
        verb = "prorogée" if self.fin > self.fin_initiale else "raccourcie"
        return extension_text(self.fin, self.avenant.date, verb)

    def state(self, today: date) -> str:
        """``en cours au 15 janvier 2026``, ``terminée le 31 décembre 2024`` (``terminée en
        septembre 2026``), ``pas encore commencée au 15 janvier 2026``: where the period stands
        at the report's date."""
        if self.ended(today):
            return f"terminée {date_on(self.fin)}"
        if today < self.first_day:
            return f"pas encore commencée {date_as_of(today)}"
        return f"en cours {date_as_of(today)}"

    def as_json(self, today: date) -> dict[str, Any]:
        """The period as written, its effective end, the days it covers and whether it has
        ended at ``today``."""
        avenant = None
        if self.avenant is not None and self.extended:
            when = self.avenant.date.isoformat() if self.avenant.date else None
            avenant = {"id": self.avenant.id, "date": when}
        return {
            "debut": self.debut.isoformat(),
            "fin": self.fin_initiale.isoformat(),
            "fin_effective": self.fin.isoformat(),
            "prorogee": self.extended,
            "avenant": avenant,
            "intervalle": {"debut": self.first_day.isoformat(), "fin": self.last_day.isoformat()},
            "terminee": self.ended(today),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Period:
        """The period of a report's JSON (:meth:`as_json`), for the formats to tell it."""
        given = data.get("avenant")
        avenant = None
        if given:
            when = PartialDate.parse(given["date"]) if given.get("date") else None
            avenant = SettingAvenant(given["id"], when)
        return cls(
            PartialDate.parse(data["debut"]),
            PartialDate.parse(data["fin_effective"]),
            PartialDate.parse(data["fin"]),
            avenant,
        )


def extension_text(end: PartialDate, signed: PartialDate | None, verb: str) -> str:
    """``prorogée jusqu'au 31 décembre 2027 par l'avenant du 18 juin 2026``."""
    by = f" par l'avenant {date_from(signed)}" if signed else ""
    return f"{verb} {date_until(end)}{by}"


def end_set_by(avenants: list[Avenant]) -> Avenant | None:
    """The avenant whose ``nouvelle_fin`` holds: the last of the list that gives one."""
    return next((a for a in reversed(avenants) if a.nouvelle_fin is not None), None)


def effective_period(doc: Document) -> Period | None:
    periode = doc.strategie.periode
    if periode is None:
        return None
    avenant = end_set_by(doc.gouvernance.avenants if doc.gouvernance else [])
    if avenant is None or avenant.nouvelle_fin is None:
        return Period(periode.debut, periode.fin, periode.fin, None)
    setting = SettingAvenant(avenant.id, avenant.date)
    return Period(periode.debut, avenant.nouvelle_fin, periode.fin, setting)


def extension_words(before: Period | None, after: Period | None) -> str | None:
    """``période prorogée du 31 décembre 2024 au 30 septembre 2026`` when the effective end moved
    between two versions, None otherwise."""
    if before is None or after is None or before.fin == after.fin:
        return None
    verb = "prorogée" if after.fin > before.fin else "raccourcie"
    return f"période {verb} {date_span(before.fin, after.fin)}"
