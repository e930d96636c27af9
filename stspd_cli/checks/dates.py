"""Date rules: periods that end after they start, calendars inside the strategy, deadlines.

Every comparison uses the days a date stands for: an end is before a start only when its last
day precedes the start's first day; a calendar is inside the period when all its days are.
"""

from __future__ import annotations

from stspd_cli.checks import CheckContext, check
from stspd_cli.fr import date_fr, date_from, plural
from stspd_cli.period import effective_period
from stspd_cli.progress import days_late, deadline
from stspd_cli.vocabulary import label


@check("D001")
def periods_in_order(ctx: CheckContext) -> None:
    """A period starts before it ends; a deadline does not precede the start."""
    periode = ctx.doc.strategie.periode
    if periode and periode.fin.last_day < periode.debut.first_day:
        ctx.report(
            "D001",
            ("strategie", "periode", "fin"),
            detail=f"la période de la stratégie finit ({date_fr(periode.fin)}) "
            f"avant de commencer ({date_fr(periode.debut)})",
        )
    names = ctx.names
    for ref in ctx.doc.iter_actions():
        cal = ref.action.calendrier
        if cal is None:
            continue
        base = (*ref.path, "calendrier")
        named = names.named(ref.action, ref.plan)
        if cal.debut and cal.fin and cal.fin.last_day < cal.debut.first_day:
            ctx.report(
                "D001",
                (*base, "fin"),
                detail=f"{named} : fin ({date_fr(cal.fin)}) avant le début ({date_fr(cal.debut)})",
            )
        if cal.debut and cal.echeance and cal.echeance.last_day < cal.debut.first_day:
            ctx.report(
                "D001",
                (*base, "echeance"),
                detail=f"{named} : échéance ({date_fr(cal.echeance)}) "
                f"avant le début ({date_fr(cal.debut)})",
            )


@check("D002")
def calendar_in_period(ctx: CheckContext) -> None:
    """Action dates fall inside the strategy's period, extended by its avenants."""
    period = effective_period(ctx.doc)
    if period is None or period.last_day < period.first_day:  # D001 reports a reversed period
        return
    fields = {"debut": "le début", "fin": "la fin", "echeance": "l'échéance"}
    names = ctx.names
    for ref in ctx.doc.iter_actions():
        if ref.action.calendrier is None:
            continue
        for field, name in fields.items():
            value = getattr(ref.action.calendrier, field)
            if value and not period.contains(value):
                ctx.report(
                    "D002",
                    (*ref.path, "calendrier", field),
                    detail=f"{names.named(ref.action, ref.plan)} : {name} ({date_fr(value)})",
                    debut=date_fr(period.debut),
                    fin=date_fr(period.fin),
                )


@check("D003")
def deadlines(ctx: CheckContext) -> None:
    """An action past its deadline (échéance, else fin) that is not closed."""
    noun = ctx.names.labels.action
    for ref in ctx.doc.iter_actions():
        action = ref.action
        late = days_late(action, ctx.today)
        due = deadline(action)
        if late is None or due is None:
            continue
        field = "echeance" if action.calendrier and action.calendrier.echeance else "fin"
        status = label("statut", action.statut) if action.statut else "non renseigné"
        ctx.report(
            "D003",
            (*ref.path, "calendrier", field),
            echeance=date_from(due),
            jours=plural(late, "jour"),
            action=noun.word(),
            realisee=noun.agree("réalisé"),
            statut=status,
        )


@check("D004")
def measures_not_in_future(ctx: CheckContext) -> None:
    """Indicator measures are not dated after the reference date."""
    for ref in ctx.doc.iter_actions():
        for i, indicator in enumerate(ref.action.indicateurs):
            for m, measure in enumerate(indicator.mesures):
                if measure.date.began_after(ctx.today):
                    ctx.report(
                        "D004",
                        (*ref.path, "indicateurs", i, "mesures", m, "date"),
                        date=date_from(measure.date),
                        reference=date_fr(ctx.today),
                    )
