"""Reference rules: every id a field points to is declared somewhere."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator

from stspd_cli.checks import CheckContext, check
from stspd_cli.findings import Path_
from stspd_cli.frameworks import frameworks, resolve_axis


def _suggest(ref: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(ref, list(known), n=1, cutoff=0.6)
    return f" ; vouliez-vous dire « {close[0]} » ?" if close else ""


def _actor_refs(ctx: CheckContext) -> Iterator[tuple[str, str, Path_]]:
    """(field name, referenced actor id, path) for every actor reference."""
    doc = ctx.doc
    for place in doc.iter_actions():
        action, base = place.action, place.path
        if action.pilote:
            yield "pilote", action.pilote, (*base, "pilote")
        for i, ident in enumerate(action.copilotes):
            yield "copilotes", ident, (*base, "copilotes", i)
        for i, ident in enumerate(action.partenaires):
            yield "partenaires", ident, (*base, "partenaires", i)
        for i, contact in enumerate(action.contacts):
            if contact.acteur:
                yield "acteur", contact.acteur, (*base, "contacts", i, "acteur")
    for p, plan in enumerate(doc.plans):
        if plan.pilote:
            yield "pilote", plan.pilote, ("plans", p, "pilote")
    if doc.cadre and doc.cadre.competences:
        for i, rep in enumerate(doc.cadre.competences.repartition):
            for j, ref in enumerate(rep.acteurs):
                yield "acteurs", ref, ("cadre", "competences", "repartition", i, "acteurs", j)
    gov = doc.gouvernance
    if gov:
        if gov.president:
            yield "president", gov.president, ("gouvernance", "president")
        for i, ref in enumerate(gov.membres):
            yield "membres", ref, ("gouvernance", "membres", i)
        for i, instance in enumerate(gov.instances):
            for j, ref in enumerate(instance.membres):
                yield "membres", ref, ("gouvernance", "instances", i, "membres", j)
        for i, sig in enumerate(gov.signataires):
            yield "acteur", sig.acteur, ("gouvernance", "signataires", i, "acteur")
        for i, group in enumerate(gov.groupes_travail):
            if group.pilote:
                yield "pilote", group.pilote, ("gouvernance", "groupes_travail", i, "pilote")
            for j, ref in enumerate(group.membres):
                yield "membres", ref, ("gouvernance", "groupes_travail", i, "membres", j)


@check("R001")
def actors_exist(ctx: CheckContext) -> None:
    """Pilotes, partenaires, members and signatories name declared actors."""
    known = {a.id for a in ctx.doc.acteurs}
    for field, ref, path in _actor_refs(ctx):
        if ref not in known:
            ctx.report("R001", path, champ=field, ref=ref, suggestion=_suggest(ref, known))


@check("R002")
def objectives_exist(ctx: CheckContext) -> None:
    """Plans and actions serve declared objectives."""
    known = {o.id for o in ctx.doc.objectifs}
    places: list[tuple[list[str], Path_]] = [
        (plan.objectifs, ("plans", p)) for p, plan in enumerate(ctx.doc.plans)
    ]
    places += [(ref.action.objectifs, ref.path) for ref in ctx.doc.iter_actions()]
    for refs, base in places:
        for i, ref in enumerate(refs):
            if ref not in known:
                ctx.report(
                    "R002",
                    (*base, "objectifs", i),
                    champ="objectifs",
                    ref=ref,
                    suggestion=_suggest(ref, known),
                )


@check("R003", "R005")
def frameworks_exist(ctx: CheckContext) -> None:
    """The national frame named by the strategy and by references is one stspd knows."""
    known = frameworks()
    refs: list[tuple[str, Path_]] = []
    if ctx.doc.strategie.referentiel:
        refs.append((ctx.doc.strategie.referentiel, ("strategie", "referentiel")))
    if ctx.doc.cadre:
        refs += [
            (r.referentiel, ("cadre", "references", i, "referentiel"))
            for i, r in enumerate(ctx.doc.cadre.references)
            if r.referentiel
        ]
    for ref, path in refs:
        frame = known.get(ref)
        if frame is None:
            ctx.report("R003", path, champ="referentiel", ref=ref, possibles=", ".join(known))
        elif frame.provisional and path == ("strategie", "referentiel"):
            ctx.report("R005", path, ref=ref, detail=frame.note)


def _axis_refs(ctx: CheckContext) -> Iterator[tuple[str, Path_]]:
    for i, obj in enumerate(ctx.doc.objectifs):
        for j, ref in enumerate(obj.axes):
            yield ref, ("objectifs", i, "axes", j)
    for action_ref in ctx.doc.iter_actions():
        for j, ref in enumerate(action_ref.action.axes):
            yield ref, (*action_ref.path, "axes", j)


@check("R004")
def axes_exist(ctx: CheckContext) -> None:
    """National axes are written `frame/axis` and exist in that frame."""
    for ref, path in _axis_refs(ctx):
        frame, axis = resolve_axis(ref)
        if axis is not None:
            continue
        if frame is None:
            every = [f"{f.id}/{x.id}" for f in frameworks().values() for x in f.axes]
            suggestion = _suggest(ref, every)
        else:
            suggestion = " ; axes de ce référentiel : " + ", ".join(
                f"{frame.id}/{x.id}" for x in frame.axes
            )
        ctx.report("R004", path, champ="axes", ref=ref, suggestion=suggestion)


@check("R006")
def working_groups_exist(ctx: CheckContext) -> None:
    """The working group that follows an objective, a plan or an action is declared in the
    governance, as a working group or as one of the council's instances."""
    gov = ctx.doc.gouvernance
    known = {g.id for g in gov.groupes_travail} | {i.id for i in gov.instances} if gov else set()
    places: list[tuple[str | None, Path_]] = [
        (o.groupe_travail, ("objectifs", i)) for i, o in enumerate(ctx.doc.objectifs)
    ]
    places += [(p.groupe_travail, ("plans", i)) for i, p in enumerate(ctx.doc.plans)]
    places += [(r.action.groupe_travail, r.path) for r in ctx.doc.iter_actions()]
    for group, base in places:
        if group and group not in known:
            ctx.report(
                "R006",
                (*base, "groupe_travail"),
                ref=group,
                suggestion=_suggest(group, known),
            )


@check("R007")
def proposal_actions_exist(ctx: CheckContext) -> None:
    """A proposal names the actions it became by their ids."""
    known = {r.action.id for r in ctx.doc.iter_actions()}
    for i, proposal in enumerate(ctx.doc.propositions):
        for j, ident in enumerate(proposal.actions):
            if ident not in known:
                ctx.report(
                    "R007",
                    ("propositions", i, "actions", j),
                    ref=ident,
                    suggestion=_suggest(ident, known),
                )
