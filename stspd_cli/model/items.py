"""Questions every rule asks of an item of the document, pydantic model or plain record
(:mod:`stspd_cli.model.plain`): its fields under their YAML keys, its kind, whether it is
restricted. Imports nothing of pydantic."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

Fields = tuple[tuple[str, str], ...]  # (attribute, YAML key) of each field, in model order

_FIELDS: dict[type, Fields | None] = {}
_VALUES = (str, int, float, list, type(None))


def fields_of(item: Any) -> Fields | None:
    """The fields of a model item, None for a value (a text, a number, a list, a date)."""
    if isinstance(item, _VALUES):
        return None
    cls = type(item)
    if cls not in _FIELDS:
        _FIELDS[cls] = _fields_of_class(cls)
    return _FIELDS[cls]


def _fields_of_class(cls: type) -> Fields | None:
    plain = getattr(cls, "_plain_fields", None)
    if plain is not None:
        fields: Fields = plain
        return fields
    model_fields = getattr(cls, "__pydantic_fields__", None)
    if model_fields is None:
        return None
    return tuple((name, info.alias or name) for name, info in model_fields.items())


def kind_of(item: Any) -> str:
    """The model's name (``Action``, ``Contact``): the same for both kinds of item."""
    return type(item).__name__


def is_restricted(item: object) -> bool:
    """A restricted item (``diffusion: restreinte``): only models that may be restricted
    (:class:`~stspd_cli.model.types.Diffusable`) have that field."""
    return getattr(item, "diffusion", None) == "restreinte" and fields_of(item) is not None


def strings_of(
    value: Any, path: tuple[str | int, ...] = (), *, restricted: bool = True
) -> Iterator[tuple[tuple[str | int, ...], str, Any]]:
    """Every text of ``value`` with its path and the item that holds it (None for a text of a
    list); with ``restricted=False``, none inside a restricted item."""
    fields = fields_of(value)
    if fields is not None:
        if not restricted and is_restricted(value):
            return
        for name, key in fields:
            child = getattr(value, name)
            if isinstance(child, str):
                yield (*path, key), child, value
            else:
                yield from strings_of(child, (*path, key), restricted=restricted)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, str):
                yield (*path, i), item, None
            else:
                yield from strings_of(item, (*path, i), restricted=restricted)
