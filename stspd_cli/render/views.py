"""What templates show of the pieces of a strategy: names resolved, labels and totals computed.

Each view keeps its model (``.model``) so that a template can reach any field; the view adds
what a template should not have to compute (an actor's name from its id, a funding total, the
label of a status, the French heading of a fiche-action).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from stspd_cli.fr import NBSP, date_fr, date_since, date_span, date_until, excerpt
from stspd_cli.frameworks import axis_name, resolve_axis
from stspd_cli.labels import ActionNames, Labels
from stspd_cli.model.items import is_restricted
from stspd_cli.report.compute import FUNDING_STATES, funding_amounts, funding_state
from stspd_cli.report.funding import state_phrase, state_shares
from stspd_cli.vocabulary import label, short_label

if TYPE_CHECKING:
    from stspd_cli.model import (
        Acteur,
        Action,
        Calendrier,
        Document,
        Financement,
        Indicateur,
        Objectif,
        Plan,
    )


class Ref(NamedTuple):
    """A link to something described elsewhere in the document."""

    texte: str
    anchor: str | None = None


class AxisView(NamedTuple):
    texte: str  # "SNPD 2013-2017, programme 1 : Programme d'actions ..."
    provisoire: bool


class FundingView(NamedTuple):
    lignes: list[Financement]
    total: float | None  # None when no line gives an amount
    montants: dict[str, Any]  # per state and in all (report.compute.funding_amounts)

    @property
    def has_comments(self) -> bool:
        return any(line.commentaire for line in self.lignes)

    @property
    def has_states(self) -> bool:
        """A line says whether it is obtained: the table has an « Acquis » column."""
        return any(line.acquis is not None for line in self.lignes)

    def etat(self, line: Financement) -> str:
        """« oui », « demandé » or nothing: the « Acquis » cell of a line."""
        if line.acquis is None:
            return ""
        return "oui" if line.acquis else "demandé"

    @property
    def parts(self) -> list[tuple[str, float]]:
        """(« dont acquis », amount)... under the total, when its money is of several states."""
        return [(words, self.montants[state]) for state, words in state_shares(self.montants)]

    @property
    def has_years(self) -> bool:
        return any(line.annee is not None for line in self.lignes)


class IndicatorView(NamedTuple):
    model: Indicateur
    sens: str | None  # "à la hausse", given or deduced from the baseline and the target
    restreint: bool


class ActionView(NamedTuple):
    model: Action
    plan_anchor: str
    anchor: str
    numero: str | None  # "3", "1.2" when numbering restarts in each plan, None: unnumbered
    label: str  # "Action n°1.2", "Fiche-action n°3"; the title for an unnumbered action
    heading: str  # "Action n°1 : Titre pour finalité", as the source documents write it
    restreint: bool
    pilote: Ref | None
    copilotes: list[Ref]
    partenaires: list[Ref]
    objectifs: list[Ref]
    axes: list[AxisView]
    groupe_travail: Ref | None
    statut: str | None
    calendrier: list[str]
    financement: FundingView | None
    indicateurs: list[IndicatorView]
    propositions: list[Ref]

    @property
    def numero_label(self) -> str:
        return self.label

    @property
    def designation(self) -> str:
        """``Action n°1 : Titre`` in an annex's list; the title alone when unnumbered."""
        return f"{self.label}{NBSP}: {self.model.titre}" if self.numero else self.model.titre


class PlanView(NamedTuple):
    model: Plan
    anchor: str
    kicker: str | None  # "Programme n°2"; the kind alone when the title does not say it
    restreint: bool
    pilote: Ref | None
    objectifs: list[Ref]
    groupe_travail: Ref | None
    actions: list[ActionView]

    @property
    def toc_title(self) -> str:
        """``Programme n°2 – Titre`` in the table of contents; the title when unnumbered."""
        if self.model.numero is not None and self.kicker:
            return f"{self.kicker} – {self.model.titre}"
        return self.model.titre

    @property
    def total(self) -> float | None:
        totals = [a.financement.total for a in self.actions if a.financement]
        amounts = [t for t in totals if t is not None]
        return sum(amounts) if amounts else None

    @property
    def financement_mots(self) -> str:
        """« 48 000,50 € », with what is obtained and what is requested when both occur."""
        lines = [
            (state, float(amounts[state] or 0))
            for a in self.actions
            if a.financement
            for amounts in [a.financement.montants]
            for state in FUNDING_STATES
        ]
        return state_phrase(funding_amounts(lines))


class ObjectiveView(NamedTuple):
    model: Objectif
    anchor: str
    origine: str | None
    axes: list[AxisView]
    plans: list[Ref]
    restreint: bool
    kicker: str | None  # "Enjeu n°1" when the document names its objectives
    groupe_travail: Ref | None

    @property
    def toc_title(self) -> str:
        if self.kicker and self.model.numero is not None:
            return f"{self.kicker} – {self.model.titre}"
        return objective_title(self.model)


def anchor(kind: str, ident: str) -> str:
    return f"{kind}-{ident}"


class Resolver:
    """Turns ids into names and links, for one document."""

    def __init__(self, doc: Document) -> None:
        self.acteurs: dict[str, Acteur] = {a.id: a for a in doc.acteurs}
        self.objectifs = {o.id: o for o in doc.objectifs}
        gov = doc.gouvernance
        self.groupes = (
            {g.id: Ref(g.titre, anchor("groupe", g.id)) for g in gov.groupes_travail} if gov else {}
        )
        if gov:
            self.groupes |= {i.id: Ref(i.nom, anchor("instance", i.id)) for i in gov.instances}
        self.propositions = {p.id: p for p in doc.propositions}

    def actor(self, ident: str) -> Ref:
        acteur = self.acteurs.get(ident)
        if acteur is None:  # validate reports it (R001); the document still names it
            return Ref(ident)
        return Ref(acteur.nom, anchor("acteur", ident))

    def actors(self, idents: list[str]) -> list[Ref]:
        return [self.actor(i) for i in idents]

    def objective(self, ident: str) -> Ref:
        objectif = self.objectifs.get(ident)
        if objectif is None:
            return Ref(ident)
        return Ref(objective_title(objectif), anchor("objectif", ident))

    def group(self, ident: str | None) -> Ref | None:
        """The working group or instance that follows an item; None when it names none."""
        if ident is None:
            return None
        return self.groupes.get(ident, Ref(ident))

    def proposals_of(self, action: Action) -> list[Ref]:
        """The proposals that fed an action, linked to the annex that lists them."""
        return [
            Ref(excerpt(p.texte, 160), anchor("proposition", p.id))
            for p in self.propositions.values()
            if action.id in p.actions
        ]


def objective_title(objectif: Objectif) -> str:
    return f"{objectif.numero}. {objectif.titre}" if objectif.numero else objectif.titre


def axis_view(ref: str) -> AxisView:
    frame, axis = resolve_axis(ref)
    if frame is None or axis is None:
        return AxisView(ref, provisoire=False)
    return AxisView(f"{axis_name(frame, axis)}{NBSP}: {axis.titre}", frame.provisional)


def funding_view(lines: list[Financement]) -> FundingView | None:
    if not lines:
        return None
    amounts = [line.montant for line in lines if line.montant is not None]
    states = [
        (funding_state(line.acquis), float(line.montant))
        for line in lines
        if line.montant is not None
    ]
    return FundingView(lines, sum(amounts) if amounts else None, funding_amounts(states))


def indicator_view(model: Indicateur) -> IndicatorView:
    sens = model.sens
    if sens is None and model.cible is not None and model.valeur_initiale is not None:
        if model.cible > model.valeur_initiale:
            sens = "hausse"
        elif model.cible < model.valeur_initiale:
            sens = "baisse"
    short = short_label("sens", sens) if sens else None  # a table cell: the first words
    return IndicatorView(model, short, is_restricted(model))


def calendar_parts(cal: Calendrier | None) -> list[str]:
    """``["du 2 septembre 2024 au 30 juin 2025", "échéance : 30 juin 2025", ...]``."""
    if cal is None:
        return []
    parts = []
    if cal.debut and cal.fin:
        parts.append(date_span(cal.debut, cal.fin))
    elif cal.debut:
        parts.append(date_since(cal.debut))
    elif cal.fin:
        parts.append(date_until(cal.fin))
    if cal.echeance:
        parts.append(f"échéance{NBSP}: {date_fr(cal.echeance)}")
    if cal.precision:
        parts.append(cal.precision)
    return parts


def _kicker(kind: str, plan: Plan) -> str | None:
    if plan.numero is not None:
        return f"{kind} n°{plan.numero}"
    # "Programme intercommunal de ..." needs no "Programme" above it.
    return None if plan.titre.lower().startswith(kind.lower()) else kind


def action_view(
    action: Action, plan: Plan | None, plan_anchor: str, names: ActionNames, resolver: Resolver
) -> ActionView:
    return ActionView(
        model=action,
        plan_anchor=plan_anchor,
        anchor=anchor("action", action.id),
        numero=names.number(action, plan),
        label=names.label(action, plan),
        heading=names.heading(action, plan),
        restreint=is_restricted(action),
        pilote=resolver.actor(action.pilote) if action.pilote else None,
        copilotes=resolver.actors(action.copilotes),
        partenaires=resolver.actors(action.partenaires),
        objectifs=[resolver.objective(o) for o in action.objectifs],
        axes=[axis_view(a) for a in action.axes],
        groupe_travail=resolver.group(action.groupe_travail),
        statut=label("statut", action.statut) if action.statut else None,
        calendrier=calendar_parts(action.calendrier),
        financement=funding_view(action.financement),
        indicateurs=[indicator_view(i) for i in action.indicateurs],
        propositions=resolver.proposals_of(action),
    )


def plan_views(doc: Document, resolver: Resolver, names: ActionNames) -> list[PlanView]:
    views = []
    for plan in doc.plans:
        kind = (
            label("type_plan", plan.type).capitalize() if plan.type else names.labels.plan.title()
        )
        plan_anchor = anchor("plan", plan.id)
        view = PlanView(
            model=plan,
            anchor=plan_anchor,
            kicker=_kicker(kind, plan),
            restreint=is_restricted(plan),
            pilote=resolver.actor(plan.pilote) if plan.pilote else None,
            objectifs=[resolver.objective(o) for o in plan.objectifs],
            groupe_travail=resolver.group(plan.groupe_travail),
            actions=[],
        )
        view.actions.extend(
            action_view(action, plan, plan_anchor, names, resolver) for action in plan.actions
        )
        views.append(view)
    return views


TRANSVERSAL_ANCHOR = "actions-transversales"


def transversal_views(doc: Document, resolver: Resolver, names: ActionNames) -> list[ActionView]:
    """The actions outside any plan."""
    return [
        action_view(action, None, TRANSVERSAL_ANCHOR, names, resolver) for action in doc.actions
    ]


def objective_views(
    doc: Document,
    plans: list[PlanView],
    transversal: list[ActionView],
    resolver: Resolver,
    labels: Labels,
) -> list[ObjectiveView]:
    """The objectives, each with the plans that serve it, and the actions outside any plan that
    serve it directly."""
    result = []
    named = "objectif" in labels.given
    for objectif in doc.objectifs:
        serving = [
            Ref(p.model.titre, p.anchor)
            for p in plans
            if objectif.id in p.model.objectifs
            or any(objectif.id in a.model.objectifs for a in p.actions)
        ]
        serving += [
            Ref(a.designation, a.anchor) for a in transversal if objectif.id in a.model.objectifs
        ]
        kicker = None  # « Enjeu n°2 » above the title; an unnumbered one needs no word above it
        if named and objectif.numero is not None:
            kicker = f"{labels.objectif.title()} n°{objectif.numero}"
        result.append(
            ObjectiveView(
                model=objectif,
                anchor=anchor("objectif", objectif.id),
                origine=label("origine", objectif.origine) if objectif.origine else None,
                axes=[axis_view(a) for a in objectif.axes],
                plans=serving,
                restreint=is_restricted(objectif),
                kicker=kicker,
                groupe_travail=resolver.group(objectif.groupe_travail),
            )
        )
    return result
