"""Changes told in French, grouped by plan: what every diff output (text, md, html) shows.

A renumbering that only follows from another action's move (``Change.cause``) is told under
that move, not as a change of its own; an avenant that moves the strategy's end says so in
words (« période prorogée du 31 décembre 2024 au 30 septembre 2026 »)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from pydantic import BaseModel

from stspd_cli.dates import PartialDate
from stspd_cli.diff.engine import Change
from stspd_cli.diff.items import WORDED, item_words
from stspd_cli.diff.words import Segment, is_long, word_diff
from stspd_cli.fr import date_as_of, date_fr, date_on, euros_fr, number_fr, quoted
from stspd_cli.labels import ActionNames, labels_of
from stspd_cli.model import Document
from stspd_cli.model.actions import Action, Indicateur, Mesure
from stspd_cli.model.introspect import field_at, holds_date, vocabulary_of
from stspd_cli.model.strategy import (
    Acteur,
    Avenant,
    Cadre,
    Chapitre,
    Gouvernance,
    GroupeTravail,
    InstanceGouvernance,
    Objectif,
    Plan,
    Principe,
    Principes,
    Proposition,
    Reference,
    Seance,
    Sections,
    Signataire,
    SousObjectif,
    Strategie,
    Territoire,
)
from stspd_cli.nouns import lower_first
from stspd_cli.period import effective_period, extension_words
from stspd_cli.report.compute import funding_amounts, funding_state
from stspd_cli.report.funding import funding_sentence
from stspd_cli.resources import load_data
from stspd_cli.vocabulary import label

TRANSVERSAL = "__actions-transversales__"  # the group of the actions outside any plan

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
    "instance": InstanceGouvernance,
    "proposition": Proposition,
    "chapitre": Chapitre,
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
    # Renumberings this change caused (an action moved: the ones after it took its number).
    consequences: list[Item] = field(default_factory=list)
    # What an added or removed action holds: « Pilote : Ville », « Échéance : 30 juin 2027 ».
    details: list[str] = field(default_factory=list)


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
    def old_side(self) -> str:
        """« la version juin 2025 (adoptée le 20 juin 2024) », or the file's name."""
        return f"la {self.old_version}" if self.old_version else self.old_name

    @property
    def new_side(self) -> str:
        return f"la {self.new_version}" if self.new_version else self.new_name

    @property
    def kinds(self) -> list[tuple[str, str, int]]:
        """(singular word, plural word, count) for each kind that occurs."""
        one, many = words()["genres"], words()["genres_pluriel"]
        return [(one[k], many[k], n) for k, n in self.counts.items() if n]


def version_label(doc: Document) -> str:
    """``version juin 2026 (adoptée le 20 juin 2024)``, ``version adoptée le 20 juin 2024``, or
    nothing when the file says neither: how the note names a version, in words."""
    label = doc.strategie.version
    adopted = doc.strategie.adoption.date if doc.strategie.adoption else None
    when = f"adoptée {date_on(adopted)}" if adopted else ""
    if label and when:
        return f"version {label} ({when})"
    if label or when:
        return f"version {label or when}"
    return ""


class _Teller:
    def __init__(self, old: Document, new: Document) -> None:
        self.names = {a.id: a.nom for a in old.acteurs} | {a.id: a.nom for a in new.acteurs}
        self.groups = _groups(old) | _groups(new)
        self.plans = {p.id: p.titre for p in old.plans} | {p.id: p.titre for p in new.plans}
        self.labels = labels_of(new)
        self.numbers = {
            "old": (ActionNames(old), {r.action.id: r for r in old.iter_actions()}),
            "new": (ActionNames(new), {r.action.id: r for r in new.iter_actions()}),
        }
        self.extension = extension_words(effective_period(old), effective_period(new))

    def number(self, side: str, ident: str | None) -> str:
        """``n°1.2`` as the document showed the action in that version, « sans numéro »."""
        names, refs = self.numbers[side]
        ref = refs.get(ident or "")
        number = names.number(ref.action, ref.plan) if ref else None
        return f"n°{number}" if number else "sans numéro"

    def title(self, ident: str | None) -> str:
        refs = self.numbers["new"][1]
        ref = refs.get(ident or "") or self.numbers["old"][1].get(ident or "")
        return ref.action.titre if ref else str(ident)

    def place(self, plan: str | None) -> str:
        """``du plan « Titre »`` or ``des actions transversales``."""
        if plan is None:
            return f"des {lower_first(self.labels.transversal())}"
        return f"{self.labels.plan.of_the()} {quoted(self.plans.get(plan, plan))}"

    def destination(self, plan: str | None) -> str:
        if plan is None:
            return f"vers les {lower_first(self.labels.transversal())}"
        return f"vers {self.labels.plan.the()} {quoted(self.plans.get(plan, plan))}"

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
        if last == "groupe_travail":
            return self.groups.get(str(value), quoted(str(value)))
        if isinstance(value, bool):
            return "oui" if value else "non"
        if last == "montant" and isinstance(value, int | float):
            return euros_fr(value)
        if isinstance(value, int | float):
            return number_fr(value)
        if isinstance(value, str) and (
            (info is not None and holds_date(info.annotation)) or _looks_like_date(value)
        ):
            return date_fr(PartialDate.parse(value))
        if isinstance(value, dict):
            return item_words(entity, value, self.names)
        return quoted(str(value))

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
        elif change.entity == "signataire":  # named by its actor when the document gives no label
            subject = self.names.get(subject, subject)
        item = Item(change=change, entity=entity_word, subject=subject, text="")
        action = self.labels.action
        if change.entity == "action":
            entity_word = action.title()
            e = "e" if action.feminine else ""
        elif change.entity == "mesure" and detail:
            entity_word = f"{entity_word} de l'indicateur {quoted(detail.split(' — ')[0])}"
        elif detail and change.entity not in WORDED:  # said by its words when added or removed
            entity_word = _item_name(change.entity, detail)
        if change.kind in {"added", "removed"}:
            value = change.new if change.kind == "added" else change.old
            verb = "ajouté" if change.kind == "added" else "retiré"
            item.text = f"{entity_word} {verb}{e}" + self._detail(change.entity, value)
            if change.entity == "action" and isinstance(value, dict):
                item.details = self.action_content(value)
        elif change.kind == "moved":
            item.text = (
                f"{action.agree('déplacé')} {self.place(change.old)} {self.destination(change.new)}"
            )
        elif change.kind == "renumbered":
            before, after = self.number("old", change.id), self.number("new", change.id)
            item.text = f"{action.agree('renuméroté')} : {before} → {after}"
        else:
            self._modified(change, item, detail)
        if change.entity == "avenant" and self.extension and _moves_the_end(change):
            item.text += f" ; {self.extension}"
        return item

    def _modified(self, change: Change, item: Item, detail: str) -> None:
        name = self.field_name(change.entity, change.field or "")
        old, new = change.old, change.new
        if is_long(old) or is_long(new):
            item.text = f"{name} : texte modifié"
            item.segments = word_diff(old or "", new or "")
            item.old_text, item.new_text = old or "", new or ""
            return
        owned = _item_name(change.entity, detail) if detail else ""
        if owned:
            name = f"{owned} — {lower_first(name)}"
        if change.entity == "financement" and change.field == "montant":
            name = owned  # « Financement FIPD 2026 : 15 000 € → 18 000 € »
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
            # Everything a new measure holds: the import preview shows what --apply writes.
            shown = self.value("valeur", "mesure", value.get("valeur"))
            text = f" : {shown} {date_as_of(PartialDate.parse(value['date']))}"
            comment = value.get("commentaire")
            return f"{text} ({' '.join(str(comment).split())})" if comment else text
        if entity == "avenant" and isinstance(value, dict):
            return f" : {quoted(' '.join(str(value['objet']).split()))}"
        if entity in WORDED and isinstance(value, dict):
            return f" : {item_words(entity, value, self.names)}"
        return ""

    def action_content(self, action: dict[str, Any]) -> list[str]:
        """What the plenary reads of an added or removed action: its purpose, pilot, partners,
        deadline and budget (obtained and requested money apart)."""
        lines = []
        if action.get("finalite"):
            lines.append(f"Finalité : {action['finalite']}")
        for key, title in (("pilote", "Pilote"), ("partenaires", "Partenaires")):
            if action.get(key):
                lines.append(f"{title} : {self.value(key, 'action', action[key])}")
        calendar = action.get("calendrier") or {}
        due = calendar.get("echeance") or calendar.get("fin")
        if due:
            lines.append(f"Échéance : {date_fr(PartialDate.parse(str(due)))}")
        amounts = [
            (funding_state(line.get("acquis")), float(line["montant"]))
            for line in action.get("financement", [])
            if line.get("montant") is not None
        ]
        if amounts:
            lines.append(f"Budget : {funding_sentence(funding_amounts(amounts))}")
        return lines


def _item_name(entity: str, detail: str) -> str:
    """An item told under its owner: « Indicateur « Jeunes suivis » », « Financement FIPD
    2026 », « Mesure de l'indicateur « Jeunes suivis » »."""
    word = words()["entites"].get(entity, entity)
    if entity == "mesure":
        indicator, _, when = detail.partition(" — ")
        return f"{word} {date_as_of(PartialDate.parse(when))} de l'indicateur {quoted(indicator)}"
    if entity == "financement":
        return f"{word} {detail}"
    return f"{word} {quoted(detail)}"


def _groups(doc: Document) -> dict[str, str]:
    """The names of the working groups and instances an item may be followed by."""
    gov = doc.gouvernance
    if gov is None:
        return {}
    return {g.id: g.titre for g in gov.groupes_travail} | {i.id: i.nom for i in gov.instances}


def _moves_the_end(change: Change) -> bool:
    """An avenant added or removed with a new end, or whose new end changed."""
    if change.kind == "modified":
        return change.field == "nouvelle_fin"
    value = change.new if change.kind == "added" else change.old
    return isinstance(value, dict) and value.get("nouvelle_fin") is not None


def _looks_like_date(text: str) -> bool:
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def present(
    changes: list[Change], old: Document, new: Document, old_name: str, new_name: str
) -> Presentation:
    teller = _Teller(old, new)
    groups: dict[str | None, Group] = {None: Group(None, "Document et objectifs")}
    order = [p.id for p in new.plans] + [p.id for p in old.plans if p.id not in teller.plans]
    for plan_id in dict.fromkeys(order):
        groups[plan_id] = Group(
            plan_id, f"{teller.labels.plan.title()} {quoted(teller.plans[plan_id])}"
        )
    groups[TRANSVERSAL] = Group(TRANSVERSAL, teller.labels.transversal())
    told: dict[tuple[str, str | None], Item] = {}
    for change in changes:
        item = teller.tell(change)
        if change.cause is not None:
            continue  # told under its cause, below
        target = change.plan if change.entity != "plan" else change.id
        if change.entity == "action" and change.plan is None:
            target = TRANSVERSAL
        group = groups.get(target) if target in groups else groups[None]
        assert group is not None
        group.items.append(item)
        told.setdefault((change.entity, change.id), item)
    for change in changes:
        cause = told.get(("action", change.cause)) if change.cause is not None else None
        if cause is not None:
            item = teller.tell(change)
            numbers = item.text.split(" : ", 1)[-1]
            item.text = f"{quoted(teller.title(change.id))} : {numbers}"
            cause.consequences.append(item)
        elif change.cause is not None:  # its cause is not told here: told on its own
            fallback = groups.get(change.plan) or groups[None]
            fallback.items.append(teller.tell(change))
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
