"""Changes told in French, grouped by plan: what every diff output (text, md, html) shows."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from pydantic import BaseModel

from stspd_cli.diff.engine import Change
from stspd_cli.diff.words import Segment, is_long, word_diff
from stspd_cli.fr import date_fr, number_fr
from stspd_cli.model import Document
from stspd_cli.model.actions import Action, Indicateur, Mesure
from stspd_cli.model.introspect import field_at, vocabulary_of
from stspd_cli.model.strategy import (
    Acteur,
    Avenant,
    Cadre,
    Gouvernance,
    GroupeTravail,
    Objectif,
    Plan,
    Principe,
    Principes,
    Reference,
    Seance,
    Sections,
    Signataire,
    SousObjectif,
    Strategie,
    Territoire,
)
from stspd_cli.resources import load_data
from stspd_cli.vocabulary import label

_MODELS: dict[str, type[BaseModel]] = {
    "document": Document,
    "territoire": Territoire,
    "strategie": Strategie,
    "cadre": Cadre,
    "principes": Principes,
    "sections": Sections,
    "gouvernance": Gouvernance,
    "objectif": Objectif,
    "sous_objectif": SousObjectif,
    "plan": Plan,
    "action": Action,
    "acteur": Acteur,
    "reference": Reference,
    "signataire": Signataire,
    "avenant": Avenant,
    "groupe_travail": GroupeTravail,
    "seance": Seance,
    "indicateur": Indicateur,
    "mesure": Mesure,
    "principe": Principe,
}
# Fields whose values are actor ids, shown by the actor's name.
_ACTOR_FIELDS = {"pilote", "copilotes", "partenaires", "membres", "acteurs", "president", "acteur"}
_DASH = "—"


@cache
def words() -> dict[str, dict[str, str]]:
    table = load_data("diff.yaml")
    return {k: {str(a): str(b) for a, b in v.items()} for k, v in table.items()}


@dataclass(slots=True)
class Item:
    """One change, told: a heading (the entity), a sentence, and word-level segments if long."""

    change: Change
    entity: str  # "Action", "Objectif"...
    subject: str  # the entity's label
    text: str  # the French sentence
    segments: list[Segment] | None = None
    old_text: str = ""
    new_text: str = ""


@dataclass(slots=True)
class Group:
    id: str | None  # plan id, None for the document-level changes
    title: str
    items: list[Item] = field(default_factory=list)


@dataclass(slots=True)
class Presentation:
    old_name: str
    new_name: str
    old_version: str
    new_version: str
    groups: list[Group]
    counts: dict[str, int]
    total: int
    territoire: str = ""
    instance: str = ""
    titre: str = ""

    @property
    def kinds(self) -> list[tuple[str, str, int]]:
        """(singular word, plural word, count) for each kind that occurs."""
        one, many = words()["genres"], words()["genres_pluriel"]
        return [(one[k], many[k], n) for k, n in self.counts.items() if n]


def version_label(doc: Document) -> str:
    parts = []
    if doc.strategie.version:
        parts.append(f"version {doc.strategie.version}")
    if doc.strategie.adoption and doc.strategie.adoption.date:
        parts.append(f"adoptée le {date_fr(doc.strategie.adoption.date)}")
    return ", ".join(parts)


class _Teller:
    def __init__(self, old: Document, new: Document) -> None:
        self.names = {a.id: a.nom for a in old.acteurs} | {a.id: a.nom for a in new.acteurs}
        self.plans = {p.id: p.titre for p in old.plans} | {p.id: p.titre for p in new.plans}

    def value(self, info_field: str, entity: str, value: Any) -> str:
        if value is None or value == []:
            return _DASH
        model = _MODELS.get(entity)
        info = field_at(model, info_field) if model else None
        vocabulary = vocabulary_of(info) if info else None
        last = info_field.rsplit(".", 1)[-1]
        if isinstance(value, list):
            return ", ".join(self.value(info_field, entity, v) for v in value)
        if vocabulary:
            return label(vocabulary, str(value))
        if last in _ACTOR_FIELDS:
            return self.names.get(str(value), str(value))
        if isinstance(value, bool):
            return "oui" if value else "non"
        if isinstance(value, int | float):
            return number_fr(value)
        if isinstance(value, str) and _looks_like_date(value):
            return date_fr(date.fromisoformat(value))
        if isinstance(value, dict):
            return _summarise(value)
        return f"« {value} »"

    def field_name(self, entity: str, dotted: str) -> str:
        model = _MODELS.get(entity)
        names = []
        current = ""
        for part in dotted.split("."):
            current = f"{current}.{part}" if current else part
            info = field_at(model, current) if model else None
            names.append(info.title if info and info.title else part)
        return " — ".join(names)

    def tell(self, change: Change) -> Item:
        entity_word = words()["entites"].get(change.entity, change.entity)
        e = "e" if words()["feminin"].get(change.entity) == "oui" else ""
        subject, _, detail = change.label.partition(" — ")
        if change.id is None:  # a section of the document: named by its French title
            subject = entity_word
        item = Item(change=change, entity=entity_word, subject=subject, text="")
        if change.entity in {"indicateur", "mesure"} and detail:
            entity_word = f"{entity_word} de l'indicateur « {detail.split(' — ')[0]} »"
        if change.kind == "added":
            item.text = f"{entity_word} ajouté{e}" + self._detail(change.entity, change.new)
        elif change.kind == "removed":
            item.text = f"{entity_word} retiré{e}" + self._detail(change.entity, change.old)
        elif change.kind == "moved":
            item.text = (
                f"déplacée du plan « {self.plans.get(change.old, change.old)} » "
                f"vers le plan « {self.plans.get(change.new, change.new)} »"
            )
        elif change.kind == "renumbered":
            item.text = f"renumérotée : n°{change.old} → n°{change.new}"
        else:
            self._modified(change, item)
        return item

    def _modified(self, change: Change, item: Item) -> None:
        name = self.field_name(change.entity, change.field or "")
        old, new = change.old, change.new
        if is_long(old) or is_long(new):
            item.text = f"{name} : texte modifié"
            item.segments = word_diff(old or "", new or "")
            item.old_text, item.new_text = old or "", new or ""
            return
        if change.entity in {"indicateur", "mesure"}:
            _, _, detail = change.label.partition(" — ")
            name = f"indicateur « {detail.split(' — ')[0]} » — {name}"
        if isinstance(old, list) or isinstance(new, list):
            before, after = set(map(str, old or [])), set(map(str, new or []))
            parts = []
            added = sorted(after - before)
            removed = sorted(before - after)
            if added:
                parts.append("ajout de " + self.value(change.field or "", change.entity, added))
            if removed:
                parts.append("retrait de " + self.value(change.field or "", change.entity, removed))
            item.text = f"{name} : " + " ; ".join(parts)
            return
        before_text = self.value(change.field or "", change.entity, old)
        after_text = self.value(change.field or "", change.entity, new)
        item.text = f"{name} : {before_text} → {after_text}"

    def _detail(self, entity: str, value: Any) -> str:
        if entity == "mesure" and isinstance(value, dict):
            shown = self.value("valeur", "mesure", value.get("valeur"))
            return f" : {shown} au {date_fr(date.fromisoformat(value['date']))}"
        if entity in {"financement", "contact", "lieu", "note", "competence"} and isinstance(
            value, dict
        ):
            return f" : {_summarise(value)}"
        return ""


def _looks_like_date(text: str) -> bool:
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _summarise(value: dict[str, Any]) -> str:
    parts = []
    for key, item in value.items():
        if key == "diffusion":
            continue
        if isinstance(item, int | float) and key == "montant":
            parts.append(f"{number_fr(item)} €")
        else:
            parts.append(str(item))
    return ", ".join(parts)


def present(
    changes: list[Change], old: Document, new: Document, old_name: str, new_name: str
) -> Presentation:
    teller = _Teller(old, new)
    groups: dict[str | None, Group] = {None: Group(None, "Document et objectifs")}
    order = [p.id for p in new.plans] + [p.id for p in old.plans if p.id not in teller.plans]
    for plan_id in dict.fromkeys(order):
        groups[plan_id] = Group(plan_id, f"Plan « {teller.plans[plan_id]} »")
    for change in changes:
        target = change.plan if change.entity != "plan" else change.id
        group = groups.get(target) if target in groups else groups[None]
        assert group is not None
        group.items.append(teller.tell(change))
    counts = Counter(c.kind for c in changes)
    ordered = {k: counts.get(k, 0) for k in words()["genres"]}
    return Presentation(
        old_name=old_name,
        new_name=new_name,
        old_version=version_label(old),
        new_version=version_label(new),
        groups=[g for g in groups.values() if g.items],
        counts=ordered,
        total=len(changes),
        territoire=new.territoire.nom,
        instance=new.territoire.instance,
        titre=new.strategie.titre,
    )
