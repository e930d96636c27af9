"""The figures of one territory's report, as plain data (the JSON format is this structure).

Every count comes with its share, and every roll-up with the counts it comes from. Unknown is
said to be unknown: an action without a status counts as « non renseigné », never as « prévue ».

Roll-up rule (documented in docs/rapport.md): for a plan or an objective,
- ``part_realisees`` = actions ``realisee`` / actions that are not ``abandonnee``;
- ``part_partiellement_realisees`` = actions ``partiellement_realisee`` / the same actions: they
  are counted apart, never as done nor as in progress;
- ``avancement_moyen`` = mean of ``avancement`` over the actions that give one, with their number.

Dates are given as the strategy writes them (``"2026-09"``); where a figure compares one with the
report's date, the days it stands for come with it (``echeance_intervalle``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from stspd_cli.fr import PERCENT_DECIMALS
from stspd_cli.frameworks import frameworks, resolve_axis
from stspd_cli.labels import ActionNames
from stspd_cli.period import effective_period
from stspd_cli.progress import DONE, PARTLY_DONE, UNKNOWN_STATUS, days_late, deadline, has_calendar
from stspd_cli.proposals import proposal_counts
from stspd_cli.vocabulary import vocabulary

if TYPE_CHECKING:  # the report reads the records of the model without importing pydantic
    from stspd_cli.model import Action, ActionRef, Document, Indicateur, Plan

STALE_AFTER = timedelta(days=365)


def percentage(value: float) -> float | int:
    """A percentage at the one precision of every output (:data:`fr.PERCENT_DECIMALS`)."""
    rounded = round(value, PERCENT_DECIMALS)
    return int(rounded) if rounded.is_integer() else rounded


def share(count: int, total: int) -> float | None:
    """Percentage at the one precision, or None when there is nothing to divide by."""
    return float(round(100 * count / total, PERCENT_DECIMALS)) if total else None


def counted(count: int, total: int) -> dict[str, Any]:
    return {"nombre": count, "pourcentage": share(count, total)}


def _number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(value, 2)


def status_counts(actions: Iterable[Action]) -> dict[str, dict[str, Any]]:
    listed = list(actions)
    counts = Counter(a.statut or UNKNOWN_STATUS for a in listed)
    keys = [*vocabulary("statut"), UNKNOWN_STATUS]
    return {k: counted(counts.get(k, 0), len(listed)) for k in keys}


def rollup(actions: list[Action]) -> dict[str, Any]:
    """Progress of a group of actions, with the counts it is computed from."""
    considered = [a for a in actions if a.statut != "abandonnee"]
    done = sum(a.statut == DONE for a in considered)
    partly = sum(a.statut == PARTLY_DONE for a in considered)
    known = sum(a.statut is not None for a in considered)
    progress = [a.avancement for a in considered if a.avancement is not None]
    return {
        "actions": len(actions),
        "hors_abandonnees": len(considered),
        "statut_renseigne": known,
        "realisees": done if known else None,
        "part_realisees": share(done, len(considered)) if known else None,
        "partiellement_realisees": partly if known else None,
        "part_partiellement_realisees": share(partly, len(considered)) if known else None,
        "avancement_renseigne": len(progress),
        "avancement_moyen": percentage(sum(progress) / len(progress)) if progress else None,
        "par_statut": status_counts(actions),
    }


def _objectives_of(action: Action, plan: Plan | None) -> list[str]:
    return list(action.objectifs or (plan.objectifs if plan else []))


def _names(names: ActionNames, ref: ActionRef) -> dict[str, Any]:
    """How the outputs name an action: « Action n°1.2 », « n°1.2 », the title when unnumbered."""
    return {
        "numero_affiche": names.number(ref.action, ref.plan),
        "libelle": names.label(ref.action, ref.plan),
        "reference": names.short(ref.action, ref.plan),
    }


def listed(row: dict[str, Any]) -> str:
    """``n°1.2 Titre``, or the title alone for an unnumbered action: a row of a table."""
    return f"{row['reference']} {row['titre']}" if row["numero_affiche"] else str(row["titre"])


def _indicator_row(
    ref: ActionRef, indicator: Indicateur, today: date, names: ActionNames
) -> dict[str, Any]:
    action = ref.action
    measures = sorted(indicator.mesures, key=lambda m: m.date)
    latest = measures[-1] if measures else None
    baseline, target = indicator.valeur_initiale, indicator.cible
    direction = indicator.sens
    if direction is None and baseline is not None and target is not None and target != baseline:
        direction = "hausse" if target > baseline else "baisse"
    rate = None
    if latest is not None and baseline is not None and target is not None and target != baseline:
        rate = float(percentage(100 * (latest.valeur - baseline) / (target - baseline)))
    return {
        "action": action.id,
        "action_numero": action.numero,
        "action_titre": action.titre,
        "action_libelle": names.label(action, ref.plan),
        "action_reference": names.short(action, ref.plan),
        "libelle": indicator.libelle,
        "unite": indicator.unite,
        "valeur_initiale": _number(baseline),
        "cible": _number(target),
        "sens": direction,
        "derniere_valeur": _number(latest.valeur) if latest else None,
        "date_derniere_mesure": latest.date.isoformat() if latest else None,
        "nombre_mesures": len(measures),
        "taux_atteinte": rate,
        "perime": latest is None or today - latest.date.last_day > STALE_AFTER,
    }


# The states of a funding line (docs/rapport.md, « Financement »): notified, requested and not
# yet granted, or not said. They are totalled apart, never added into one figure that would
# count a request as money obtained.
FUNDING_STATES = ("acquis", "demande", "non_precise")


def funding_state(acquired: bool | None) -> str:
    """``acquis: true`` -> acquis, ``false`` -> demande, absent -> non_precise."""
    if acquired is None:
        return "non_precise"
    return "acquis" if acquired else "demande"


def _amounts(by_state: dict[str, float]) -> dict[str, float | int | None]:
    """``{"acquis": 12000, "demande": 0, "non_precise": 500, "total": 12500}``."""
    amounts = {state: _number(by_state.get(state, 0.0)) for state in FUNDING_STATES}
    return {**amounts, "total": _number(sum(by_state.values()))}


def funding_amounts(lines: Iterable[tuple[str, float]]) -> dict[str, float | int | None]:
    """The amounts of (state, amount) lines, totalled per state and together."""
    by_state: dict[str, float] = defaultdict(float)
    for state, amount in lines:
        by_state[state] += amount
    return _amounts(by_state)


def _funding(doc: Document) -> dict[str, Any]:
    """Totals per state, and per source, per year, per plan: each an object of
    :func:`funding_amounts`, so that every output shows obtained and requested money apart."""
    every: list[tuple[str, float]] = []
    by_source: dict[str, list[tuple[str, float]]] = defaultdict(list)
    by_year: dict[str, list[tuple[str, float]]] = defaultdict(list)
    by_plan: dict[str | None, list[tuple[str, float]]] = defaultdict(list)
    without_amount = 0
    for ref in doc.iter_actions():
        for line in ref.action.financement:
            if line.montant is None:
                without_amount += 1
                continue
            entry = (funding_state(line.acquis), float(line.montant))
            every.append(entry)
            by_source[line.source].append(entry)
            by_year[str(line.annee) if line.annee else "non précisée"].append(entry)
            by_plan[ref.plan.id if ref.plan else None].append(entry)
    sources = {k: funding_amounts(v) for k, v in by_source.items()}
    return {
        **funding_amounts(every),
        "par_source": dict(sorted(sources.items(), key=lambda x: -(x[1]["total"] or 0))),
        "par_annee": {k: funding_amounts(v) for k, v in sorted(by_year.items())},
        "par_plan": {p.id: funding_amounts(by_plan.get(p.id, [])) for p in doc.plans},
        "hors_plan": funding_amounts(by_plan.get(None, [])) if doc.actions else None,
        "lignes_sans_montant": without_amount,
    }


def _who_does_what(doc: Document) -> dict[str, Any]:
    roles: dict[str, dict[str, list[str]]] = {
        a.id: {"pilote": [], "partenaire": []} for a in doc.acteurs
    }
    for ref in doc.iter_actions():
        action = ref.action
        for pilot in [action.pilote, *action.copilotes]:
            if pilot:
                roles.setdefault(pilot, {"pilote": [], "partenaire": []})["pilote"].append(
                    action.id
                )
        for partner in action.partenaires:
            roles.setdefault(partner, {"pilote": [], "partenaire": []})["partenaire"].append(
                action.id
            )
    names = {a.id: a.nom for a in doc.acteurs}
    matrix = [
        {
            "acteur": ident,
            "nom": names.get(ident, ident),
            "pilote": r["pilote"],
            "partenaire": r["partenaire"],
            "charge": len(r["pilote"]) + len(r["partenaire"]),
        }
        for ident, r in roles.items()
        if r["pilote"] or r["partenaire"]
    ]
    return {"matrice": sorted(matrix, key=lambda row: (-row["charge"], row["nom"]))}


def _alignment(doc: Document) -> dict[str, Any]:
    frame_id = doc.strategie.referentiel
    frame = frameworks().get(frame_id) if frame_id else None
    covered: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"objectifs": [], "actions": []})
    objective_axes = {o.id: list(o.axes) for o in doc.objectifs}
    for objective in doc.objectifs:
        for ref in objective.axes:
            covered[ref]["objectifs"].append(objective.id)
    for place in doc.iter_actions():
        refs = set(place.action.axes)
        for objective_id in _objectives_of(place.action, place.plan):
            refs.update(objective_axes.get(objective_id, []))
        for ref in sorted(refs):
            covered[ref]["actions"].append(place.action.id)
    axes = []
    if frame is not None:
        for axis in frame.axes:
            ref = f"{frame.id}/{axis.id}"
            axes.append({"axe": ref, "numero": axis.numero, "titre": axis.titre, **covered[ref]})
    others = [
        {"axe": ref, "titre": (resolve_axis(ref)[1] or _NoAxis()).titre, **where}
        for ref, where in sorted(covered.items())
        if frame is None or not ref.startswith(f"{frame.id}/")
    ]
    return {
        "referentiel": frame_id,
        "titre_referentiel": frame.titre if frame else None,
        "axes": axes,
        "axes_non_couverts": [a["axe"] for a in axes if not a["objectifs"] and not a["actions"]],
        "autres_axes": others,
    }


class _NoAxis:
    titre = "axe inconnu"


def _action_line(doc: Document, ref: ActionRef, names: ActionNames) -> dict[str, Any]:
    actors = {a.id: a.nom for a in doc.acteurs}
    action, plan = ref.action, ref.plan
    due = deadline(action)
    start = action.calendrier.debut if action.calendrier else None
    amounts = [
        (funding_state(line.acquis), float(line.montant))
        for line in action.financement
        if line.montant is not None
    ]
    return {
        "id": action.id,
        "numero": action.numero,
        **_names(names, ref),
        "plan": plan.titre if plan else None,
        "plan_id": plan.id if plan else None,
        "titre": action.titre,
        "pilote": actors.get(action.pilote, action.pilote) if action.pilote else None,
        "statut": action.statut or UNKNOWN_STATUS,
        "avancement": action.avancement,
        "echeance": due.isoformat() if due else None,
        "echeance_intervalle": due.interval() if due else None,
        "debut": start.isoformat() if start else None,
        "fin": due.isoformat() if due else None,
        "indicateurs": len(action.indicateurs),
        "financement": funding_amounts(amounts) if amounts else None,
    }


def territory_report(doc: Document, today: date, source: str) -> dict[str, Any]:
    """Every figure of the report for one strategy (already filtered for its audience)."""
    names = ActionNames(doc)
    refs = doc.iter_actions()
    all_actions = [r.action for r in refs]
    total = len(all_actions)
    late = []
    for ref in refs:
        action = ref.action
        days = days_late(action, today)
        due = deadline(action)
        if days is not None and due is not None:
            late.append(
                {
                    "id": action.id,
                    "numero": action.numero,
                    **_names(names, ref),
                    "titre": action.titre,
                    "plan": ref.plan.id if ref.plan else None,
                    "echeance": due.isoformat(),
                    "echeance_intervalle": due.interval(),
                    "jours_de_retard": days,
                    "statut": action.statut or UNKNOWN_STATUS,
                    "pilote": action.pilote,
                }
            )
    by_objective = []
    for objective in doc.objectifs:
        members = [r.action for r in refs if objective.id in _objectives_of(r.action, r.plan)]
        by_objective.append({"id": objective.id, "titre": objective.titre, **rollup(members)})
    pilots = Counter(a.pilote or "sans_pilote" for a in all_actions)
    indicators = [_indicator_row(r, i, today, names) for r in refs for i in r.action.indicateurs]
    period = effective_period(doc)
    return {
        "source": source,
        "territoire": doc.territoire.nom,
        "instance": doc.territoire.instance,
        "communes": list(doc.territoire.communes),
        "strategie": doc.strategie.titre,
        "libelles": names.labels.as_json(),
        "periode": period.as_json(today) if period else None,
        "actions": {
            "total": total,
            "par_statut": status_counts(all_actions),
            "par_plan": [
                {"id": p.id, "titre": p.titre, **rollup(list(p.actions))} for p in doc.plans
            ],
            "hors_plan": rollup(list(doc.actions)) if doc.actions else None,
            "par_objectif": by_objective,
            "par_pilote": {k: counted(v, total) for k, v in sorted(pilots.items())},
            "progression": rollup(all_actions),
        },
        "lignes_actions": [_action_line(doc, ref, names) for ref in refs],
        "en_retard": sorted(late, key=lambda row: -row["jours_de_retard"]),
        "sans_calendrier": [a.id for a in all_actions if not has_calendar(a)],
        "indicateurs": indicators,
        "indicateurs_perimes": [f"{r['action']}/{r['libelle']}" for r in indicators if r["perime"]],
        "actions_sans_indicateur": [a.id for a in all_actions if not a.indicateurs],
        "financement": _funding(doc),
        "qui_fait_quoi": _who_does_what(doc),
        "alignement": _alignment(doc),
        "propositions": proposal_counts(doc).as_json() if doc.propositions else None,
        "qualite": {
            "pilote": counted(sum(a.pilote is not None for a in all_actions), total),
            "calendrier": counted(sum(has_calendar(a) for a in all_actions), total),
            "indicateurs": counted(sum(bool(a.indicateurs) for a in all_actions), total),
            "financement": counted(sum(bool(a.financement) for a in all_actions), total),
            "statut": counted(sum(a.statut is not None for a in all_actions), total),
        },
    }
