"""Identity rules: ids unique in the document, numbers unique in their scope, no gaps."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from stspd_cli.checks import CheckContext, check
from stspd_cli.findings import Path_
from stspd_cli.fr import words_for
from stspd_cli.model.places import ActionRef
from stspd_cli.nouns import Noun, lower_first


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
    for place in doc.iter_actions():
        yield place.action.id, "action", (*place.path, "id")
    for i, acteur in enumerate(doc.acteurs):
        yield acteur.id, "acteur", ("acteurs", i, "id")
    if doc.gouvernance:
        for i, instance in enumerate(doc.gouvernance.instances):
            yield instance.id, "instance", ("gouvernance", "instances", i, "id")
        for i, avenant in enumerate(doc.gouvernance.avenants):
            yield avenant.id, "avenant", ("gouvernance", "avenants", i, "id")
        for i, groupe in enumerate(doc.gouvernance.groupes_travail):
            yield groupe.id, "groupe de travail", ("gouvernance", "groupes_travail", i, "id")
    for i, proposal in enumerate(doc.propositions):
        yield proposal.id, "proposition", ("propositions", i, "id")
    for i, chapter in enumerate(doc.chapitres):
        yield chapter.id, "chapitre", ("chapitres", i, "id")


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
    ctx: CheckContext,
    entity: Noun,
    items: Sequence[tuple[int, Path_]],
    scope: str,
    *,
    gaps: bool = True,
) -> None:
    seen: dict[int, Path_] = {}
    for numero, path in items:
        if numero in seen:
            ctx.report(
                "I002",
                path,
                entite=entity.word(),
                numero=numero,
                ligne=ctx.line_of(seen[numero]),
                portee=scope,
            )
        else:
            seen[numero] = path
    if not seen or not gaps:
        return
    present = sorted(seen)
    missing = sorted(set(range(1, present[-1] + 1)) - set(present))
    if missing:
        shown = ", ".join(str(n) for n in missing[:10]) + (" ..." if len(missing) > 10 else "")
        first_path = min(seen.values(), key=ctx.line_of)
        ctx.report(
            "I003",
            first_path,
            portee=f" {entity.of_the(plural=True)}{scope}",
            detail=f"{words_for(len(missing), 'numéro manquant')} : {shown}",
        )


def _numbered(actions: Sequence[ActionRef]) -> list[tuple[int, Path_]]:
    return [
        (ref.action.numero, (*ref.path, "numero"))
        for ref in actions
        if ref.action.numero is not None
    ]


@check("I002", "I003")
def numbering(ctx: CheckContext) -> None:
    """Action numbers are unique (globally or per plan, as `numerotation` says), without gaps;
    the rules apply to numbered actions only."""
    doc = ctx.doc
    labels = ctx.names.labels
    refs = doc.iter_actions()
    # A list that lost an item or a number to a structure error is not searched for gaps.
    lost = [ctx.lost(("plans", p, "actions"), "numero") for p in range(len(doc.plans))]
    lost_outside = ctx.lost(("actions",), "numero")
    if doc.strategie.numerotation == "par_plan":
        for p, plan in enumerate(doc.plans):
            scope = f" dans {labels.plan.the()} « {plan.titre} »"
            items = _numbered([r for r in refs if r.path[:2] == ("plans", p)])
            _numbers(ctx, labels.action, items, scope, gaps=not lost[p])
        outside = _numbered([r for r in refs if r.plan is None])
        scope = f" hors {labels.plan.word(plural=True)}"
        _numbers(ctx, labels.action, outside, scope, gaps=not lost_outside)
    elif doc.strategie.numerotation != "aucune":
        whole = not any(lost) and not lost_outside
        _numbers(ctx, labels.action, _numbered(refs), "", gaps=whole)
    objectives = [
        (o.numero, ("objectifs", i, "numero")) for i, o in enumerate(doc.objectifs) if o.numero
    ]
    _numbers(ctx, labels.objectif, objectives, "", gaps=not ctx.lost(("objectifs",), "numero"))
    plans = [(p.numero, ("plans", i, "numero")) for i, p in enumerate(doc.plans) if p.numero]
    _numbers(ctx, labels.plan, plans, "", gaps=not ctx.lost(("plans",), "numero"))


@check("I004")
def numbering_not_mixed(ctx: CheckContext) -> None:
    """Within a plan (or among the actions outside plans), actions are all numbered or none is."""
    labels = ctx.names.labels
    groups: list[tuple[str, list[ActionRef]]] = [
        (f"{labels.plan.word()} « {plan.titre} »", []) for plan in ctx.doc.plans
    ]
    outside: list[ActionRef] = []
    for ref in ctx.doc.iter_actions():
        (groups[int(ref.path[1])][1] if ref.plan is not None else outside).append(ref)
    groups.append((lower_first(labels.transversal()), outside))
    noun = labels.action
    containers = [("plans", p, "actions") for p in range(len(ctx.doc.plans))] + [("actions",)]
    for (where, refs), container in zip(groups, containers, strict=True):
        if ctx.lost(container, "numero"):
            continue  # an item or a number of that list could not be read
        numbered = sum(r.action.numero is not None for r in refs)
        if 0 < numbered < len(refs):
            first = next(r for r in refs if r.action.numero is None)
            ctx.report(
                "I004",
                first.path,
                ou=where,
                numerotees=f"{noun.count(numbered)} {noun.agree('numéroté', plural=numbered > 1)}",
                sans_numero=f"{noun.count(len(refs) - numbered)} sans numéro",
            )


@check("I005")
def no_numbers_without_numbering(ctx: CheckContext) -> None:
    """With ``numerotation: aucune``, actions carry no number."""
    if ctx.doc.strategie.numerotation != "aucune":
        return
    numbered = [r for r in ctx.doc.iter_actions() if r.action.numero is not None]
    if numbered:
        noun = ctx.names.labels.action
        verb = "portent" if len(numbered) > 1 else "porte"
        ctx.report(
            "I005",
            (*numbered[0].path, "numero"),
            detail=f"{noun.count(len(numbered))} {verb} un numéro (voici le premier)",
        )
