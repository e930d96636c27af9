"""Questions every rule asks of an item of the document, pydantic model or plain record
(:mod:`stspd_cli.model.plain`): its fields under their YAML keys, its kind, whether it is
restricted. Imports nothing of pydantic."""

from __future__ import annotations

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
