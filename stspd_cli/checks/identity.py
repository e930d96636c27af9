"""Identity rules: ids unique in the document, numbers unique in their scope, no gaps."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from stspd_cli.checks import CheckContext, check
from stspd_cli.findings import Path_


def _ids(ctx: CheckContext) -> Iterator[tuple[str, str, Path_]]:
    """Every declared id with the kind of entity it names and where it is."""
    doc = ctx.doc
    if doc.cadre:
        for i, ref in enumerate(doc.cadre.references):
            yield ref.id, "référence", ("cadre", "references", i, "id")
    if doc.principes:
        for i, principe in enumerate(doc.principes.liste):
            if principe.id:
                yield principe.id, "principe", ("principes", "liste", i, "id")
    for i, obj in enumerate(doc.objectifs):
        yield obj.id, "objectif", ("objectifs", i, "id")
        for j, sub in enumerate(obj.sous_objectifs):
            yield sub.id, "sous-objectif", ("objectifs", i, "sous_objectifs", j, "id")
    for i, plan in enumerate(doc.plans):
        yield plan.id, "plan", ("plans", i, "id")
        for j, action in enumerate(plan.actions):
            yield action.id, "action", ("plans", i, "actions", j, "id")
    for i, acteur in enumerate(doc.acteurs):
        yield acteur.id, "acteur", ("acteurs", i, "id")
    if doc.gouvernance:
        for i, avenant in enumerate(doc.gouvernance.avenants):
            yield avenant.id, "avenant", ("gouvernance", "avenants", i, "id")
        for i, groupe in enumerate(doc.gouvernance.groupes_travail):
            yield groupe.id, "groupe de travail", ("gouvernance", "groupes_travail", i, "id")


@check("I001")
def unique_ids(ctx: CheckContext) -> None:
    """Two entities never share an id, whatever their kinds."""
    first: dict[str, tuple[str, Path_]] = {}
    for ident, kind, path in _ids(ctx):
        if ident in first:
            other_kind, other_path = first[ident]
            ctx.report("I001", path, id=ident, ligne=ctx.line_of(other_path), entite=other_kind)
        else:
            first[ident] = (kind, path)


def _numbers(
    ctx: CheckContext, entity: str, items: Sequence[tuple[int, Path_]], scope: str
) -> None:
    seen: dict[int, Path_] = {}
    for numero, path in items:
        if numero in seen:
            ctx.report(
                "I002",
                path,
                entite=entity,
                numero=numero,
                ligne=ctx.line_of(seen[numero]),
                portee=scope,
            )
        else:
            seen[numero] = path
    if not seen:
        return
    present = sorted(seen)
    missing = sorted(set(range(1, present[-1] + 1)) - set(present))
    if missing:
        shown = ", ".join(str(n) for n in missing[:10]) + (" ..." if len(missing) > 10 else "")
        plural = "s" if len(missing) > 1 else ""
        first_path = min(seen.values(), key=ctx.line_of)
        ctx.report(
            "I003",
            first_path,
            portee=f" des {entity}s{scope}",
            detail=f"numéro{plural} manquant{plural} : {shown}",
        )


@check("I002", "I003")
def numbering(ctx: CheckContext) -> None:
    """Action numbers are unique (globally or per plan, as `numerotation` says), without gaps."""
    doc = ctx.doc
    if doc.strategie.numerotation == "par_plan":
        for p, plan in enumerate(doc.plans):
            items = [
                (a.numero, ("plans", p, "actions", i, "numero")) for i, a in enumerate(plan.actions)
            ]
            _numbers(ctx, "action", items, f" dans le plan « {plan.titre} »")
    else:
        items = [
            (action.numero, ("plans", p, "actions", a, "numero"))
            for p, _plan, a, action in doc.iter_actions()
        ]
        _numbers(ctx, "action", items, "")
    objectives = [
        (o.numero, ("objectifs", i, "numero")) for i, o in enumerate(doc.objectifs) if o.numero
    ]
    _numbers(ctx, "objectif", objectives, "")
    plans = [(p.numero, ("plans", i, "numero")) for i, p in enumerate(doc.plans) if p.numero]
    _numbers(ctx, "plan", plans, "")
