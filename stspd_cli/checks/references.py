"""Reference rules: every id a field points to is declared somewhere."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator

from stspd_cli.checks import CheckContext, check
from stspd_cli.findings import Path_
from stspd_cli.frameworks import frameworks, resolve_axis

# Comparisons of an unknown id with known ones, per check. A suggestion compares the id with
# every known one: thousands of unknown references against thousands of ids would cost their
# product (minutes); past this budget, unknown ids are still reported, without a suggestion.
SUGGESTION_BUDGET = 100_000


class _Suggestions:
    """« vouliez-vous dire » for unknown ids of one kind, within SUGGESTION_BUDGET."""

    def __init__(self, known: Iterable[str]) -> None:
        self.known = list(known)
        self.budget = SUGGESTION_BUDGET

    def __call__(self, ref: str) -> str:
        self.budget -= len(self.known)
        if self.budget < 0:
            return ""
        close = difflib.get_close_matches(ref, self.known, n=1, cutoff=0.6)
        return f" ; vouliez-vous dire « {close[0]} » ?" if close else ""


def _actor_refs(ctx: CheckContext) -> Iterator[tuple[str, str, Path_]]:
    """(field name, referenced actor id, path) for every actor reference."""
    doc = ctx.doc
    for p, _plan, a, action in doc.iter_actions():
        base: Path_ = ("plans", p, "actions", a)
        if action.pilote:
            yield "pilote", action.pilote, (*base, "pilote")
        for i, ref in enumerate(action.copilotes):
            yield "copilotes", ref, (*base, "copilotes", i)
        for i, ref in enumerate(action.partenaires):
            yield "partenaires", ref, (*base, "partenaires", i)
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
    suggest = _Suggestions(known)
    for field, ref, path in _actor_refs(ctx):
        if ref not in known:
            ctx.report("R001", path, champ=field, ref=ref, suggestion=suggest(ref))


@check("R002")
def objectives_exist(ctx: CheckContext) -> None:
    """Plans and actions serve declared objectives."""
    known = {o.id for o in ctx.doc.objectifs}
    suggest = _Suggestions(known)
    for p, plan in enumerate(ctx.doc.plans):
        for i, ref in enumerate(plan.objectifs):
            if ref not in known:
                ctx.report(
                    "R002",
                    ("plans", p, "objectifs", i),
                    champ="objectifs",
                    ref=ref,
                    suggestion=suggest(ref),
                )
        for a, action in enumerate(plan.actions):
            for i, ref in enumerate(action.objectifs):
                if ref not in known:
                    ctx.report(
                        "R002",
                        ("plans", p, "actions", a, "objectifs", i),
                        champ="objectifs",
                        ref=ref,
                        suggestion=suggest(ref),
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
    for p, _plan, a, action in ctx.doc.iter_actions():
        for j, ref in enumerate(action.axes):
            yield ref, ("plans", p, "actions", a, "axes", j)


@check("R004")
def axes_exist(ctx: CheckContext) -> None:
    """National axes are written `frame/axis` and exist in that frame."""
    suggest = _Suggestions(f"{f.id}/{x.id}" for f in frameworks().values() for x in f.axes)
    for ref, path in _axis_refs(ctx):
        frame, axis = resolve_axis(ref)
        if axis is not None:
            continue
        if frame is None:
            suggestion = suggest(ref)
        else:
            suggestion = " ; axes de ce référentiel : " + ", ".join(
                f"{frame.id}/{x.id}" for x in frame.axes
            )
        ctx.report("R004", path, champ="axes", ref=ref, suggestion=suggestion)


@check("R006")
def working_groups_exist(ctx: CheckContext) -> None:
    """An action's working group is declared in the governance."""
    gov = ctx.doc.gouvernance
    known = {g.id for g in gov.groupes_travail} if gov else set()
    suggest = _Suggestions(known)
    for p, _plan, a, action in ctx.doc.iter_actions():
        if action.groupe_travail and action.groupe_travail not in known:
            ctx.report(
                "R006",
                ("plans", p, "actions", a, "groupe_travail"),
                ref=action.groupe_travail,
                suggestion=suggest(action.groupe_travail),
            )
