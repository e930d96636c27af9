"""Action rules: every action has a pilote, plans are not empty, status and progress agree."""

from __future__ import annotations

from stspd_cli.checks import CheckContext, check
from stspd_cli.vocabulary import label


@check("A001")
def has_pilote(ctx: CheckContext) -> None:
    """Every action has a pilote."""
    names = ctx.names
    for ref in ctx.doc.iter_actions():
        if not ref.action.pilote:
            ctx.report("A001", ref.path, action=names.named(ref.action, ref.plan))


@check("A002")
def plan_not_empty(ctx: CheckContext) -> None:
    """A plan holds at least one action."""
    labels = ctx.names.labels
    for p, plan in enumerate(ctx.doc.plans):
        if not plan.actions and not ctx.lost(("plans", p, "actions")):
            ctx.report(
                "A002",
                ("plans", p),
                plan=labels.plan.word(),
                titre=plan.titre,
                action=labels.action.word(),
            )


@check("A003")
def progress_matches_status(ctx: CheckContext) -> None:
    """A done action is at 100 %, a planned one at 0 %."""
    for ref in ctx.doc.iter_actions():
        action = ref.action
        if action.avancement is None or action.statut is None:
            continue
        if (action.statut == "realisee" and action.avancement < 100) or (
            action.statut == "prevue" and action.avancement > 0
        ):
            ctx.report(
                "A003",
                (*ref.path, "avancement"),
                statut=label("statut", action.statut),
                avancement=action.avancement,
            )


@check("A004")
def pilote_not_partner(ctx: CheckContext) -> None:
    """The pilote of an action is not also listed among its partners."""
    for ref in ctx.doc.iter_actions():
        action = ref.action
        if action.pilote and action.pilote in action.partenaires:
            i = action.partenaires.index(action.pilote)
            ctx.report("A004", (*ref.path, "partenaires", i), ref=action.pilote)


@check("A005")
def proposal_kept_or_dropped(ctx: CheckContext) -> None:
    """A proposal said to be dropped did not become an action."""
    for i, proposal in enumerate(ctx.doc.propositions):
        if proposal.retenue is False and proposal.actions:
            ctx.report("A005", ("propositions", i, "retenue"), id=proposal.id)
