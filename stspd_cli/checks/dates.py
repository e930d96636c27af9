"""Date rules: periods that end after they start, calendars inside the strategy, deadlines."""

from __future__ import annotations

from datetime import date

from stspd_cli.checks import CheckContext, check
from stspd_cli.fr import date_fr
from stspd_cli.progress import days_late, deadline
from stspd_cli.vocabulary import label


@check("D001")
def periods_in_order(ctx: CheckContext) -> None:
    """A period starts before it ends; a deadline does not precede the start."""
    periode = ctx.doc.strategie.periode
    if periode and periode.debut > periode.fin:
        ctx.report(
            "D001",
            ("strategie", "periode", "fin"),
            detail=f"la période de la stratégie finit ({date_fr(periode.fin)}) "
            f"avant de commencer ({date_fr(periode.debut)})",
        )
    for p, _plan, a, action in ctx.doc.iter_actions():
        cal = action.calendrier
        if cal is None:
            continue
        base = ("plans", p, "actions", a, "calendrier")
        if cal.debut and cal.fin and cal.debut > cal.fin:
            ctx.report(
                "D001",
                (*base, "fin"),
                detail=f"action n°{action.numero} : fin ({date_fr(cal.fin)}) "
                f"avant le début ({date_fr(cal.debut)})",
            )
        if cal.debut and cal.echeance and cal.echeance < cal.debut:
            ctx.report(
                "D001",
                (*base, "echeance"),
                detail=f"action n°{action.numero} : échéance ({date_fr(cal.echeance)}) "
                f"avant le début ({date_fr(cal.debut)})",
            )


def _period_end(ctx: CheckContext) -> date | None:
    """End of the strategy, extended by the latest avenant that prolongs it."""
    periode = ctx.doc.strategie.periode
    if periode is None:
        return None
    end = periode.fin
    if ctx.doc.gouvernance:
        for avenant in ctx.doc.gouvernance.avenants:
            if avenant.nouvelle_fin and avenant.nouvelle_fin > end:
                end = avenant.nouvelle_fin
    return end


@check("D002")
def calendar_in_period(ctx: CheckContext) -> None:
    """Action dates fall inside the strategy's period (extended by avenants)."""
    periode = ctx.doc.strategie.periode
    end = _period_end(ctx)
    if periode is None or end is None or periode.debut > end:  # D001 reports a reversed period
        return
    names = {"debut": "le début", "fin": "la fin", "echeance": "l'échéance"}
    for p, _plan, a, action in ctx.doc.iter_actions():
        if action.calendrier is None:
            continue
        for field, name in names.items():
            value = getattr(action.calendrier, field)
            if value and not periode.debut <= value <= end:
                ctx.report(
                    "D002",
                    ("plans", p, "actions", a, "calendrier", field),
                    detail=f"action n°{action.numero} : {name} ({date_fr(value)})",
                    debut=date_fr(periode.debut),
                    fin=date_fr(end),
                )


@check("D003")
def deadlines(ctx: CheckContext) -> None:
    """An action past its deadline (échéance, else fin) that is neither done nor abandoned."""
    for p, _plan, a, action in ctx.doc.iter_actions():
        late = days_late(action, ctx.today)
        due = deadline(action)
        if late is None or due is None:
            continue
        field = "echeance" if action.calendrier and action.calendrier.echeance else "fin"
        status = label("statut", action.statut) if action.statut else "non renseigné"
        ctx.report(
            "D003",
            ("plans", p, "actions", a, "calendrier", field),
            echeance=date_fr(due),
            jours=late,
            statut=status,
        )


@check("D004")
def measures_not_in_future(ctx: CheckContext) -> None:
    """Indicator measures are not dated after the reference date."""
    for p, _plan, a, action in ctx.doc.iter_actions():
        for i, indicator in enumerate(action.indicateurs):
            for m, measure in enumerate(indicator.mesures):
                if measure.date > ctx.today:
                    ctx.report(
                        "D004",
                        ("plans", p, "actions", a, "indicateurs", i, "mesures", m, "date"),
                        date=date_fr(measure.date),
                        reference=date_fr(ctx.today),
                    )
