"""The structure of a strategy as a set of facts, to tell how much of it a conversion brought
back (the round trip of tests/convert and benchmarks/convertir.py): the département and EPCI,
the subtitle and how the presentation opens, objectives and their national axes, plans,
actions with their numbers, titles, purposes, the objectives and national axes they serve,
pilots and partners by name, dates, amounts, indicators with their unit, initial value and
date, target, direction, source and measures (with their comments), whether a funding line is
obtained, places with their address, signatories with their date, the governance (presidency,
members, instances, sittings, amendments, working groups), the actors as the annexes show
them (type, presentation, address, contacts), the propositions, the working group that follows
an objective, a plan or an action, who holds which competence, principles, and the reference
texts with their kind, date and address. Texts are compared folded (no case,
accents or punctuation)."""

from __future__ import annotations

from typing import Any

from stspd_cli.convert.rules.actors import bare_name
from stspd_cli.convert.words import fold

Fact = tuple[Any, ...]
_OPENING = 8  # words: how a presentation opens


def _date(value: Any) -> str:
    from stspd_cli.dates import PartialDate  # noqa: PLC0415

    return PartialDate.parse(value).isoformat()


def _actions(data: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    found = [(fold(p["titre"]), a) for p in data.get("plans", []) for a in p.get("actions", [])]
    return found + [("", a) for a in data.get("actions", [])]


def public_data(value: Any) -> Any:
    """The data a public document shows: every item in restricted distribution left out."""
    if isinstance(value, dict):
        return {k: public_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [
            public_data(v)
            for v in value
            if not (isinstance(v, dict) and v.get("diffusion") == "restreinte")
        ]
    return value


def facts(data: dict[str, Any]) -> set[Fact]:
    names = {a["id"]: fold(bare_name(a["nom"])) for a in data.get("acteurs", [])}
    found = _cover(data)
    for objective in data.get("objectifs", []):
        found.add(("objectif", objective.get("numero"), fold(objective["titre"])))
        found.update(("axe", fold(objective["titre"]), ref) for ref in objective.get("axes", []))
        for sub in objective.get("sous_objectifs", []):
            found.add(("sous_objectif", fold(objective["titre"]), fold(sub["titre"])))
    for plan in data.get("plans", []):
        found.add(("plan", plan.get("numero"), fold(plan["titre"]), plan.get("type")))
        if "pilote" in plan:
            found.add(("pilote_plan", fold(plan["titre"]), names.get(plan["pilote"])))
    objectives = {o["id"]: fold(o["titre"]) for o in data.get("objectifs", []) if "id" in o}
    for plan_title, action in _actions(data):
        found |= _action(plan_title, action, names, objectives)
    for signatory in data.get("gouvernance", {}).get("signataires", []):
        # As the document shows it: its own words (libelle), else the actor's name.
        shown = signatory.get("libelle")
        name = fold(bare_name(shown)) if shown else names.get(signatory.get("acteur"))
        when = signatory.get("date")
        found.add(("signataire", name, _date(when) if when is not None else None))
    found |= _governance(data.get("gouvernance", {}), names)
    found |= _annexes(data, names)
    found |= _links(data, names)
    for principle in data.get("principes", {}).get("liste", []):
        found.add(("principe", fold(principle["texte"])))
    for reference in data.get("cadre", {}).get("references", []):
        title = fold(reference["titre"])
        found.add(("reference", title))
        for field in ("type", "date", "url"):
            if field in reference:
                shown = reference[field]
                found.add((field, title, _date(shown) if field == "date" else str(shown)))
    return found


def _links(data: dict[str, Any], names: dict[str, str]) -> set[Fact]:
    """The working group that follows an objective, a plan or an action, and who holds which
    competence of the frame."""
    gouvernance = data.get("gouvernance", {})
    groups = {g["id"]: fold(g["titre"]) for g in gouvernance.get("groupes_travail", [])}
    groups.update((i["id"], fold(i["nom"])) for i in gouvernance.get("instances", []))
    owners = [*data.get("objectifs", []), *data.get("plans", [])]
    owners += [a for _, a in _actions(data)]
    found: set[Fact] = {
        ("suivi", fold(owner["titre"]), groups.get(owner["groupe_travail"]))
        for owner in owners
        if "groupe_travail" in owner
    }
    for row in data.get("cadre", {}).get("competences", {}).get("repartition", []):
        found.add(("competence", fold(row["domaine"]),
                   tuple(names.get(ref) for ref in row.get("acteurs", []))))  # fmt: skip
    return found


def _annexes(data: dict[str, Any], names: dict[str, str]) -> set[Fact]:
    """What the annexes show of the actors (type, presentation, address, contacts) and the
    propositions (origin, date, kept, the actions that took them up)."""
    found: set[Fact] = set()
    for actor in data.get("acteurs", []):
        name = names.get(actor["id"])
        found.add(("acteur", name, actor.get("type"), fold(actor.get("description", "")),
                   actor.get("url")))  # fmt: skip
        for person in actor.get("contacts", []):
            found.add(("contact", name, fold(person.get("nom", "")),
                       fold(person.get("fonction", "")), person.get("courriel")))  # fmt: skip
    titles = {a["id"]: fold(a["titre"]) for _, a in _actions(data)}
    for entry in data.get("propositions", []):
        when = entry.get("date")
        found.add(("proposition", fold(entry["texte"]), fold(entry.get("origine", "")),
                   _date(when) if when is not None else None, entry.get("retenue"),
                   tuple(titles.get(ref) for ref in entry.get("actions", []))))  # fmt: skip
    return found


def _governance(gouvernance: dict[str, Any], names: dict[str, str]) -> set[Fact]:
    """The presidency, the council's members, its instances with their level, rhythm and
    members, its sittings, amendments and working groups with their pilot and members."""
    found: set[Fact] = set()
    if "president" in gouvernance:
        found.add(("presidence", names.get(gouvernance["president"])))
    found.update(("membre", names.get(ref)) for ref in gouvernance.get("membres", []))
    for instance in gouvernance.get("instances", []):
        name = fold(instance["nom"])
        found.add(("instance", name, instance.get("niveau"), fold(instance.get("rythme", ""))))
        found.update(("membre", name, names.get(ref)) for ref in instance.get("membres", []))
    for sitting in gouvernance.get("seances", []):
        found.add(("seance", _date(sitting["date"]), sitting.get("type"),
                   fold(sitting.get("objet", ""))))  # fmt: skip
    for amendment in gouvernance.get("avenants", []):
        end = amendment.get("nouvelle_fin")
        found.add(("avenant", _date(amendment["date"]) if "date" in amendment else None,
                   _date(end) if end is not None else None))  # fmt: skip
    for group in gouvernance.get("groupes_travail", []):
        title = fold(group["titre"])
        found.add(("groupe", title, names.get(group.get("pilote", ""))))
        found.update(("membre", title, names.get(ref)) for ref in group.get("membres", []))
    return found


def _cover(data: dict[str, Any]) -> set[Fact]:
    found: set[Fact] = set()
    territoire = data.get("territoire", {})
    for key in ("nom", "instance", "departement", "epci"):
        if key in territoire:
            found.add((key, fold(territoire[key])))
    found.update(("commune", fold(c)) for c in territoire.get("communes", []))
    strategie = data.get("strategie", {})
    if "sous_titre" in strategie:
        found.add(("sous_titre", fold(strategie["sous_titre"])))
    if "presentation" in strategie:  # how it opens: no line of the cover before it
        found.add(("presentation", " ".join(fold(strategie["presentation"]).split()[:_OPENING])))
    for key in ("numerotation", "referentiel"):
        if key in strategie:
            found.add((key, strategie[key]))
    if "periode" in strategie:
        periode = strategie["periode"]
        found.add(("periode", _date(periode["debut"]), _date(periode["fin"])))
    if "date" in strategie.get("adoption", {}):
        found.add(("adoption", _date(strategie["adoption"]["date"])))
    return found


def _action(
    plan_title: str, action: dict[str, Any], names: dict[str, str], objectives: dict[str, str]
) -> set[Fact]:
    key = fold(action["titre"])
    found: set[Fact] = {("action", plan_title, action.get("numero"), key,
                         fold(action.get("finalite", "")))}  # fmt: skip
    found.update(("sert", key, objectives.get(ref)) for ref in action.get("objectifs", []))
    found.update(("axe", key, ref) for ref in action.get("axes", []))
    if "pilote" in action:
        found.add(("pilote", key, names.get(action["pilote"])))
    for role in ("copilotes", "partenaires"):
        found.update((role, key, names.get(ref)) for ref in action.get(role, []))
    for field, value in action.get("calendrier", {}).items():
        if field != "precision":
            found.add(("date", key, field, _date(value)))
    for line in action.get("financement", []):
        found.add(("montant", key, fold(line["source"]), line.get("montant"),
                   line.get("annee"), line.get("acquis")))  # fmt: skip
    if "statut" in action:
        found.add(("statut", key, action["statut"]))
    for where in action.get("lieux", []):
        found.add(("lieu", key, fold(where["nom"]), fold(where.get("adresse", ""))))
    for indicator in action.get("indicateurs", []):
        label = fold(indicator["libelle"])
        found.add(("indicateur", key, label, indicator.get("cible"),
                   indicator.get("valeur_initiale"), indicator.get("unite")))  # fmt: skip
        for field in ("sens", "source", "date_initiale"):
            if field in indicator:
                shown = indicator[field]
                shown = _date(shown) if field == "date_initiale" else fold(str(shown))
                found.add((field, key, label, shown))
        for value in indicator.get("mesures", []):
            found.add(("mesure", key, label, _date(value["date"]), value.get("valeur"),
                       fold(value.get("commentaire", ""))))  # fmt: skip
    return found


def recovered(original: dict[str, Any], converted: dict[str, Any]) -> tuple[float, set[Fact]]:
    """The share of the original's facts found in the conversion, and those missing."""
    expected = facts(public_data(original))
    missing = expected - facts(converted)
    share = 1.0 if not expected else 1 - len(missing) / len(expected)
    return share, missing
