"""Cross-references a feuille de route writes below an objective, a plan or a fiche (``renvois``
in data/convertir.yaml), read once the whole document is walked, since what they name may come
later (a working group of the governance, a proposition of the annexes): « Mis en œuvre par : »
ties the plans to the objective, « Suivi par : » and « Groupe de travail : » name a working
group, « Proposition à l'origine : » a proposition; « Financement des actions : » is the sum
stspd makes of the plan's fiches, checked. A line that names nothing known stays as written."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from stspd_cli.convert.rules.draft import Draft
from stspd_cli.convert.rules.values import split_names
from stspd_cli.convert.words import fold, folded

_TEXT_KEYS = ("texte", "description")


def _owners(data: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for objective in data.get("objectifs", []):
        yield "objectif", objective
    for plan in data.get("plans", []):
        yield "plan", plan
        for action in plan.get("actions", []):
            yield "action", action
    for action in data.get("actions", []):
        yield "action", action


def _kind(label: str) -> str | None:
    wanted = fold(label)
    return next((k for k in ("plans", "groupe", "propositions", "financement")
                 if wanted in folded("renvois", k)), None)  # fmt: skip


def resolve_links(draft: Draft) -> None:
    data = draft.data
    for level, owner in _owners(data):
        for key in _TEXT_KEYS:
            text = owner.get(key)
            if not isinstance(text, str) or (":" not in text and "|" not in text):
                continue
            kept = []
            for paragraph in text.split("\n\n"):
                lines = paragraph.split("\n")
                lines = [line for line in lines if not _read(line, level, owner, draft)]
                if lines:
                    kept.append("\n".join(lines))
            if kept:
                owner[key] = "\n\n".join(kept)
            else:
                del owner[key]


def _read(line: str, level: str, owner: dict[str, Any], draft: Draft) -> bool:
    """Whether ``line`` (« Suivi par : … », as a paragraph or a list item) was read."""
    bare = line.removeprefix("- ")
    label, colon, value = bare.partition(" : ")
    if not colon:  # a row of a two-column table kept as text (« Suivi par | … », Word)
        label, colon, value = bare.partition(" | ")
    kind = _kind(label) if colon else None
    if kind is None or not _apply(kind, level, owner, value.strip(), draft.data):
        return False
    draft.structure.update((bare, label, value))  # a label above its value: two sentences
    return True


def _apply(kind: str, level: str, owner: dict[str, Any], value: str, data: dict[str, Any]) -> bool:
    if kind == "plans" and level == "objectif":
        return _serving(owner["id"], value, data)
    if kind == "groupe" and "groupe_travail" not in owner:
        gouvernance = data.get("gouvernance", {})
        named = {fold(g["titre"]): g["id"] for g in gouvernance.get("groupes_travail", [])}
        named.update((fold(i["nom"]), i["id"]) for i in gouvernance.get("instances", []))
        found = named.get(fold(value))  # a working group, or the instance that follows it
        if found is None:
            return False
        owner["groupe_travail"] = found
        return True
    if kind == "propositions" and level == "action":
        return _propositions(owner, value, data)
    if kind == "financement" and level == "plan":
        return _plan_funding(owner, value)
    return False


def _serving(objective: str, value: str, data: dict[str, Any]) -> bool:
    """« Mis en œuvre par : Plan A, Action B »: what stspd writes from the links the fiches
    gave (a plan serves an objective itself or through one of its actions; an action outside
    any plan, itself). A name these links do not make leaves the line as written: the walk
    does not guess which of a plan's actions it meant."""
    serving: set[str] = set()
    for plan in data.get("plans", []):
        actions = plan.get("actions", [])
        if objective in plan.get("objectifs", []) or any(
            objective in a.get("objectifs", []) for a in actions
        ):
            serving.add(fold(plan["titre"]))
    for action in data.get("actions", []):
        if objective in action.get("objectifs", []):
            serving.add(fold(action["titre"]))
    titles = [fold(p["titre"]) for p in data.get("plans", [])]
    titles += [fold(a["titre"]) for a in data.get("actions", [])]
    named = set(_titles_in(fold(value), titles) or map(fold, split_names(value)))
    return bool(named) and named == serving


def _titles_in(value: str, titles: list[str]) -> list[str] | None:
    """« plan a, plan b » (folded) -> the known titles it lists, a title with commas of its own
    kept whole (« …des violences faites aux femmes, des violences intra-familiales… »); None
    when the list is not made of known titles."""
    found: list[str] = []
    rest = value
    while rest:
        title = next((t for t in sorted(titles, key=len, reverse=True)
                      if t and (rest == t or rest.startswith(t + " "))), None)  # fmt: skip
        if title is None:
            return None
        found.append(title)
        rest = rest[len(title) :].strip()
    return found


def _propositions(action: dict[str, Any], value: str, data: dict[str, Any]) -> bool:
    """The proposition the fiche names, by its text: the action is among those that took it
    up."""
    entries = data.get("propositions", [])
    found = next((e for e in entries if fold(e["texte"]) == fold(value)), None)
    if found is None:
        return False
    refs = found.setdefault("actions", [])
    if action["id"] not in refs:
        refs.append(action["id"])
    return True


def _plan_funding(plan: dict[str, Any], value: str) -> bool:
    """« 48 000,50 € : 38 500 € acquis ; … »: what stspd writes from the plan's fiches."""
    from stspd_cli.report.compute import FUNDING_STATES, funding_state  # noqa: PLC0415
    from stspd_cli.report.funding import state_phrase  # noqa: PLC0415

    amounts: dict[str, float] = {"total": 0.0, **dict.fromkeys(FUNDING_STATES, 0.0)}
    for action in plan.get("actions", []):
        for line in action.get("financement", []):
            money = float(line.get("montant", 0))
            amounts["total"] += money
            amounts[funding_state(line.get("acquis"))] += money
    if not amounts["total"]:
        return False
    return fold(state_phrase(amounts)) == fold(value)
