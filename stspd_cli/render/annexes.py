"""Annexes computed from the whole document: who does what, and the funding summary."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, NamedTuple

from stspd_cli.render.views import Ref
from stspd_cli.report.compute import funding_state
from stspd_cli.report.funding import state_shares

if TYPE_CHECKING:
    from stspd_cli.report.compute import funding_state
from stspd_cli.render.views import ActionView, PlanView, Resolver


class ActorRoles(NamedTuple):
    """One row of the who-does-what table: what an actor leads, co-leads and joins."""

    acteur: Ref
    pilote: list[Ref]
    copilote: list[Ref]
    partenaire: list[Ref]


class WhoDoesWhat(NamedTuple):
    rows: list[ActorRoles]

    @property
    def has_copilotes(self) -> bool:
        return any(r.copilote for r in self.rows)


def who_does_what(
    plans: list[PlanView], transversal: list[ActionView], resolver: Resolver
) -> WhoDoesWhat | None:
    """Actors in the order the document declares them, then unknown ids in order of use."""
    roles: dict[str, ActorRoles] = {}

    def row(ident: str) -> ActorRoles:
        if ident not in roles:
            roles[ident] = ActorRoles(resolver.actor(ident), [], [], [])
        return roles[ident]

    def add(action: ActionView) -> None:
        item = Ref(action.designation, action.anchor)
        if action.model.pilote:
            row(action.model.pilote).pilote.append(item)
        for ident in action.model.copilotes:
            row(ident).copilote.append(item)
        for ident in action.model.partenaires:
            row(ident).partenaire.append(item)

    for plan in plans:
        if plan.model.pilote:
            row(plan.model.pilote).pilote.append(Ref(plan.model.titre, plan.anchor))
        for action in plan.actions:
            add(action)
    for action in transversal:
        add(action)
    if not roles:
        return None
    order = {ident: i for i, ident in enumerate(resolver.acteurs)}
    ordered = sorted(roles, key=lambda i: (order.get(i, len(order)), i))
    return WhoDoesWhat([roles[i] for i in ordered])


class FundingSummary(NamedTuple):
    """Amounts by source (rows, in order of first appearance) and year (columns); under the
    total, the share of each state (« dont acquis »...) when the money is of several."""

    annees: list[int | None]  # None: lines without a year
    lignes: list[tuple[str, list[float | None], float]]  # source, per year, total
    par_annee: list[float | None]
    total: float
    parts: list[tuple[str, list[float | None], float]]  # « dont acquis », per year, total


def funding_summary(actions: list[ActionView]) -> FundingSummary | None:
    cells: dict[str, dict[int | None, float]] = defaultdict(dict)
    states: dict[str, dict[int | None, float]] = defaultdict(dict)
    for action in actions:
        for line in action.financement.lignes if action.financement else []:
            if line.montant is None:
                continue
            for table, key in ((cells, line.source), (states, funding_state(line.acquis))):
                by_year = table[key]
                by_year[line.annee] = by_year.get(line.annee, 0.0) + line.montant
    if not cells:
        return None
    years = sorted({y for by_year in cells.values() for y in by_year}, key=lambda y: (y is None, y))

    def row(name: str, by_year: dict[int | None, float]) -> tuple[str, list[float | None], float]:
        return (name, [by_year.get(y) for y in years], sum(by_year.values()))

    rows = [row(source, by_year) for source, by_year in cells.items()]
    per_year: list[float | None] = [
        sum(by_year.get(y, 0.0) for by_year in cells.values()) for y in years
    ]
    totals = {state: sum(by_year.values()) for state, by_year in states.items()}
    parts = [row(words, states[state]) for state, words in state_shares(totals)]
    return FundingSummary(years, rows, per_year, sum(r[2] for r in rows), parts)
