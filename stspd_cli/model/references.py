"""Which fields of the model name another item by its identifier, and which kind of item.

One table for every rule and output that follows a reference: the checks that the item exists
(R001, R002, R006, R009), the warning about a public text naming a restricted item (R007), and the
public view, where such a reference reads « acteur non public » instead of the identifier
(:mod:`stspd_cli.confidentiality`). A new reference field is one line here.
"""

from collections.abc import Iterator
from typing import Any, NamedTuple

from pydantic import BaseModel

from stspd_cli.model.actions import Action, Contact
from stspd_cli.model.strategy import (
    Document,
    Gouvernance,
    GroupeTravail,
    InstanceGouvernance,
    Objectif,
    Plan,
    Proposition,
    Repartition,
    Signataire,
)
from stspd_cli.model.types import Diffusable

ACTOR = "acteur"
OBJECTIVE = "objectif"
GROUP = "groupe"
ACTION = "action"

# (model, field name) -> kind of the item the field names.
REFERENCE_FIELDS: dict[tuple[type[BaseModel], str], str] = {
    (Action, "pilote"): ACTOR,
    (Action, "copilotes"): ACTOR,
    (Action, "partenaires"): ACTOR,
    (Action, "objectifs"): OBJECTIVE,
    (Action, "groupe_travail"): GROUP,
    (Contact, "acteur"): ACTOR,
    (Plan, "pilote"): ACTOR,
    (Plan, "objectifs"): OBJECTIVE,
    (Plan, "groupe_travail"): GROUP,
    (Objectif, "groupe_travail"): GROUP,
    (Repartition, "acteurs"): ACTOR,
    (Gouvernance, "president"): ACTOR,
    (Gouvernance, "membres"): ACTOR,
    (Signataire, "acteur"): ACTOR,
    (GroupeTravail, "pilote"): ACTOR,
    (GroupeTravail, "membres"): ACTOR,
    (InstanceGouvernance, "membres"): ACTOR,
    (Proposition, "actions"): ACTION,
}

Path = tuple[str | int, ...]


class Ref(NamedTuple):
    """One identifier written in a reference field."""

    kind: str
    field: str  # the YAML key: pilote, partenaires, objectifs...
    ident: str
    path: Path
    public: bool  # False when the item holding it, or one around it, is restricted


def declared(doc: Document) -> dict[str, dict[str, Any]]:
    """The items a reference may name, by kind and identifier. A working group field may
    name one of the council's instances (cellule de veille, observatoire) as well."""
    gov = doc.gouvernance
    groups: dict[str, Any] = {i.id: i for i in gov.instances} if gov else {}
    groups.update({g.id: g for g in gov.groupes_travail} if gov else {})
    return {
        ACTOR: {a.id: a for a in doc.acteurs},
        OBJECTIVE: {o.id: o for o in doc.objectifs},
        GROUP: groups,
        ACTION: {place.action.id: place.action for place in doc.iter_actions()},
    }


def reference_kind(model: type[BaseModel], name: str) -> str | None:
    return REFERENCE_FIELDS.get((model, name))


def references(doc: Document) -> Iterator[Ref]:
    """Every reference of ``doc``, in the order of the document."""
    yield from _walk(doc, (), public=True)


def _walk(model: BaseModel, path: Path, *, public: bool) -> Iterator[Ref]:
    public = public and not (isinstance(model, Diffusable) and model.diffusion == "restreinte")
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        key = info.alias or name
        kind = reference_kind(type(model), name)
        if kind is not None:
            if isinstance(value, str):
                yield Ref(kind, key, value, (*path, key), public)
            elif isinstance(value, list):
                for i, ident in enumerate(value):
                    yield Ref(kind, key, ident, (*path, key, i), public)
        elif isinstance(value, BaseModel):
            yield from _walk(value, (*path, key), public=public)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _walk(item, (*path, key, i), public=public)
