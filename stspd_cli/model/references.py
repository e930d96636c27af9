"""Which fields of the model name another item by its identifier, and which kind of item.

One table for every rule and output that follows a reference: the checks that the item exists
(R001, R002, R006, R009), the warning about a public text naming a restricted item (R007), and the
public view, where such a reference reads « acteur non public » instead of the identifier
(:mod:`stspd_cli.confidentiality`). A new reference field is one line here.
"""

from collections.abc import Iterator
from typing import Any, NamedTuple

from stspd_cli.model.items import fields_of, is_restricted, kind_of
from stspd_cli.model.places import iter_actions

ACTOR = "acteur"
OBJECTIVE = "objectif"
GROUP = "groupe"
ACTION = "action"

# (model name, field name) -> kind of the item the field names. By name, so that the plain
# records (stspd_cli.model.plain) and the pydantic models read the same table;
# tests/test_plain_model.py checks that every name is a field of the model.
REFERENCE_FIELDS: dict[tuple[str, str], str] = {
    ("Action", "pilote"): ACTOR,
    ("Action", "copilotes"): ACTOR,
    ("Action", "partenaires"): ACTOR,
    ("Action", "objectifs"): OBJECTIVE,
    ("Action", "groupe_travail"): GROUP,
    ("Contact", "acteur"): ACTOR,
    ("Plan", "pilote"): ACTOR,
    ("Plan", "objectifs"): OBJECTIVE,
    ("Plan", "groupe_travail"): GROUP,
    ("Objectif", "groupe_travail"): GROUP,
    ("Repartition", "acteurs"): ACTOR,
    ("Gouvernance", "president"): ACTOR,
    ("Gouvernance", "membres"): ACTOR,
    ("Signataire", "acteur"): ACTOR,
    ("GroupeTravail", "pilote"): ACTOR,
    ("GroupeTravail", "membres"): ACTOR,
    ("InstanceGouvernance", "membres"): ACTOR,
    ("Proposition", "actions"): ACTION,
}

Path = tuple[str | int, ...]


class Ref(NamedTuple):
    """One identifier written in a reference field."""

    kind: str
    field: str  # the YAML key: pilote, partenaires, objectifs...
    ident: str
    path: Path
    public: bool  # False when the item holding it, or one around it, is restricted


def declared(doc: Any, *, public: bool = False) -> dict[str, dict[str, Any]]:
    """The items a reference may name, by kind and identifier. A working group field may
    name one of the council's instances (cellule de veille, observatoire) as well. With
    ``public``, only those a public document keeps: none restricted, nor inside a restricted
    item (what :func:`stspd_cli.confidentiality.public` removes)."""

    def shown(items: list[Any]) -> list[Any]:
        return [item for item in items if not (public and is_restricted(item))]

    gov = doc.gouvernance if doc.gouvernance and shown([doc.gouvernance]) else None
    groups: dict[str, Any] = {i.id: i for i in shown(gov.instances)} if gov else {}
    groups.update({g.id: g for g in shown(gov.groupes_travail)} if gov else {})
    actions = [
        place.action
        for place in iter_actions(doc)
        if not (public and (is_restricted(place.action) or is_restricted(place.plan)))
    ]
    return {
        ACTOR: {a.id: a for a in shown(doc.acteurs)},
        OBJECTIVE: {o.id: o for o in shown(doc.objectifs)},
        GROUP: groups,
        ACTION: {action.id: action for action in actions},
    }


def reference_kind(model: Any, name: str) -> str | None:
    """The kind of item field ``name`` of ``model`` (a model item or class) names, if any."""
    model_name = model.__name__ if isinstance(model, type) else kind_of(model)
    return REFERENCE_FIELDS.get((model_name, name))


def references(doc: Any) -> Iterator[Ref]:
    """Every reference of ``doc``, in the order of the document."""
    yield from _walk(doc, (), public=True)


def _walk(model: Any, path: Path, *, public: bool) -> Iterator[Ref]:
    public = public and not is_restricted(model)
    for name, key, kind in _fields_and_kinds(model):
        value = getattr(model, name)
        if kind is not None:
            if isinstance(value, str):
                yield Ref(kind, key, value, (*path, key), public)
            elif isinstance(value, list):
                for i, ident in enumerate(value):
                    yield Ref(kind, key, ident, (*path, key, i), public)
        elif fields_of(value) is not None:
            yield from _walk(value, (*path, key), public=public)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if fields_of(item) is not None:
                    yield from _walk(item, (*path, key, i), public=public)


# Per class of item: each field (attribute, YAML key) and the kind of item it names, if any.
_KINDS: dict[type, tuple[tuple[str, str, str | None], ...]] = {}


def _fields_and_kinds(model: Any) -> tuple[tuple[str, str, str | None], ...]:
    cls = type(model)
    found = _KINDS.get(cls)
    if found is None:
        fields = fields_of(model) or ()
        found = _KINDS[cls] = tuple((n, k, reference_kind(model, n)) for n, k in fields)
    return found
