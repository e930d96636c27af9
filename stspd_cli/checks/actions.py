"""Action rules: every action has a pilote, plans are not empty, status and progress agree."""

from __future__ import annotations

from stspd_cli.checks import CheckContext, check
from stspd_cli.vocabulary import label


@check("A001")
def has_pilote(ctx: CheckContext) -> None:
    """Every action has a pilote."""
    for p, _plan, a, action in ctx.doc.iter_actions():
        if not action.pilote:
            ctx.report("A001", ("plans", p, "actions", a), numero=action.numero, titre=action.titre)


@check("A002")
def plan_not_empty(ctx: CheckContext) -> None:
    """A plan holds at least one action."""
    for p, plan in enumerate(ctx.doc.plans):
        if not plan.actions:
            ctx.report("A002", ("plans", p), titre=plan.titre)


@check("A003")
def progress_matches_status(ctx: CheckContext) -> None:
    """A done action is at 100 %, a planned one at 0 %."""
    for p, _plan, a, action in ctx.doc.iter_actions():
        if action.avancement is None or action.statut is None:
            continue
        if (action.statut == "realisee" and action.avancement < 100) or (
            action.statut == "prevue" and action.avancement > 0
        ):
            ctx.report(
                "A003",
                ("plans", p, "actions", a, "avancement"),
                statut=label("statut", action.statut),
                avancement=action.avancement,
            )


@check("A004")
def pilote_not_partner(ctx: CheckContext) -> None:
    """The pilote of an action is not also listed among its partners."""
    for p, _plan, a, action in ctx.doc.iter_actions():
        if action.pilote and action.pilote in action.partenaires:
            i = action.partenaires.index(action.pilote)
            ctx.report("A004", ("plans", p, "actions", a, "partenaires", i), ref=action.pilote)
