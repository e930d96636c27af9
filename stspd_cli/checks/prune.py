"""A model from what can still be read, so that every rule runs in one pass.

When the file does not fit the model, the structure findings are kept, and a copy of the data
is pruned of what failed, then validated again (a few passes at most):

- an unknown key is dropped;
- a wrong value of an optional field is dropped (the field is then absent);
- a list item that lacks a required field, or has a wrong one, is dropped whole (an action
  without ``id``, an actor whose ``nom`` is a list);
- a required part of the document outside any list (``territoire.nom``, ``strategie``) gets a
  placeholder of its type, that no rule reports on.

The semantic rules then run on that model. Their findings are placed in the file as it is
(:meth:`Pruned.original` maps a path of the pruned data back, list items removed before it
counted), and those that depend on a pruned part are dropped: a finding inside a placeholder,
a reference to an item that was pruned (its own finding says what is wrong with it). A wrong
or absent ``schema`` stops here: another version of the model cannot be guessed.
"""

from __future__ import annotations

import bisect
import copy
import typing
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from stspd_cli.checks.pruned import Pruned
from stspd_cli.findings import Path_
from stspd_cli.model import Document
from stspd_cli.model.introspect import error_path, fields_by_key, inner_model, model_at

MAX_PASSES = 5
PLACEHOLDER_TEXT = "(manquant)"
# The lists whose items others name by id, and the kind of reference that names them.
_NAMED = {
    "acteurs": "acteur",
    "objectifs": "objectif",
    "groupes_travail": "groupe",
    "instances": "groupe",
    "actions": "action",
}


def prune_and_validate(data: dict[str, Any], errors: list[Any]) -> tuple[Document | None, Pruned]:
    """A model from ``data`` without the parts that fail, or None when it cannot be had."""
    pruned = Pruned()
    if any(error_path(err)[:1] == ("schema",) for err in errors):
        return None, pruned
    work = copy.deepcopy(data)
    for _ in range(MAX_PASSES):
        if not _prune(work, errors, pruned):
            return None, pruned
        try:
            return Document.model_validate(work), pruned
        except ValidationError as error:
            errors = error.errors(include_url=False)
    return None, pruned


def _existing(data: Any, loc: Path_) -> Path_:
    """The longest start of ``loc`` that is in the data (pydantic adds the names of union
    branches and validators to its locations)."""
    node, found = data, []
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        found.append(part)
    return tuple(found)


def _target(data: Any, err: Any) -> tuple[str, Path_] | None:
    """What to do for one error: ("drop", path) or ("fill", path of a required field)."""
    loc = error_path(err)
    if err["type"] == "missing":
        parent = _existing(data, loc[:-1])
        if parent != loc[:-1]:
            return None
        return _drop_or_fill(parent, loc[-1])
    where = _existing(data, loc)
    if not where:
        return None
    if err["type"] == "extra_forbidden" or isinstance(where[-1], int):
        return "drop", where  # an unknown key; a wrong item of a list of values
    return _drop_or_fill(where[:-1], where[-1])


def _drop_or_fill(parent: Path_, key: str | int) -> tuple[str, Path_]:
    model = _model_at(parent)
    info = fields_by_key(model).get(str(key)) if model else None
    if info is not None and not info.is_required():
        return "drop", (*parent, key)
    items = [i for i, part in enumerate(parent) if isinstance(part, int)]
    if items:
        return "drop", parent[: items[-1] + 1]  # the list item that cannot be read
    return "fill", (*parent, key)


def _prune(work: dict[str, Any], errors: list[Any], pruned: Pruned) -> bool:
    """Apply one pass of drops and placeholders; False when nothing could be done."""
    targets = {t for err in errors if (t := _target(work, err)) is not None}
    drops = sorted({p for action, p in targets if action == "drop"}, key=_order, reverse=True)
    fills = sorted({p for action, p in targets if action == "fill"}, key=_order)
    if not drops and not fills:
        return False
    kept: set[Path_] = set()
    removed: list[tuple[Path_, int]] = []
    for path in drops:  # the deepest and the last first: earlier indices stay right
        if any(path[:n] in kept for n in range(1, len(path))):
            continue  # inside a part already dropped
        kept.add(path)
        # Placed with the removals of earlier passes only: this pass's paths are all read
        # in the same (current) data.
        original = pruned.original(path)
        pruned.add(original)
        if isinstance(path[-1], int):
            removed.append((original[:-1], int(original[-1])))
            _name(_node(work, path), path, pruned)
        del _node(work, path[:-1])[path[-1]]
    for container, index in removed:
        bisect.insort(pruned.removed.setdefault(container, []), index)
    for path in fills:
        pruned.add(pruned.original(path))
        _node(work, path[:-1])[path[-1]] = _placeholder(path)
    return True


def _order(path: Path_) -> list[tuple[int, int | str]]:
    """Paths in document order, list indices as numbers (``[10]`` after ``[9]``)."""
    return [(0, part) if isinstance(part, int) else (1, part) for part in path]


def _name(item: Any, path: Path_, pruned: Pruned) -> None:
    """Keep the id of a removed item that others may name (an actor, an objective...)."""
    kind = _NAMED.get(str(path[-2])) if len(path) > 1 else None
    if kind and isinstance(item, dict) and isinstance(item.get("id"), str):
        pruned.ids.setdefault(kind, set()).add(item["id"])


def _node(data: Any, path: Path_) -> Any:
    for part in path:
        data = data[part]
    return data


def _model_at(loc: Path_) -> type[BaseModel] | None:
    """The model whose fields are allowed at ``loc`` (a mapping's path of the document)."""
    return model_at(Document, loc)


def _placeholder(path: Path_) -> Any:
    model = _model_at(path[:-1])
    info = fields_by_key(model).get(str(path[-1])) if model else None
    return _value_of(info.annotation) if info is not None else PLACEHOLDER_TEXT


def _value_of(annotation: Any) -> Any:
    """A valid value of a type, that says nothing: a placeholder text, the first choice of a
    closed list, zero, an empty list, a block with placeholders for its required fields."""
    model = inner_model(annotation)
    if model is not None and typing.get_origin(annotation) is not list:
        return {
            key: _value_of(info.annotation)
            for key, info in fields_by_key(model).items()
            if info.is_required()
        }
    adapter: TypeAdapter[Any] = TypeAdapter(annotation)
    for candidate in (PLACEHOLDER_TEXT, "manquant", *_choices(annotation), 0, []):
        try:
            adapter.validate_python(candidate)
        except ValidationError:
            continue
        return candidate
    return PLACEHOLDER_TEXT


def _choices(annotation: Any) -> list[str]:
    """The texts a closed list (``Literal``) allows, wherever it sits in the annotation."""
    if typing.get_origin(annotation) is typing.Literal:
        return [a for a in typing.get_args(annotation) if isinstance(a, str)]
    return [c for arg in typing.get_args(annotation) for c in _choices(arg)]
