"""What the model says about a mapping of a strategy: its key order and which keys hold dates.

The canonical key order is the order of the model's fields; keys the model does not know keep
their order, after the known ones (``stspd validate`` reports them; ``fmt`` never drops them).
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import BaseModel

from stspd_cli.model.introspect import fields_by_key, holds_date, inner_model


@dataclass(frozen=True, slots=True)
class Shape:
    """The model class of one mapping (None below keys the model does not know)."""

    model: type[BaseModel] | None

    def order(self, keys: typing.Iterable[str]) -> list[str]:
        present = list(keys)
        known = _known(self.model)
        return [k for k in known if k in present] + [k for k in present if k not in known]

    def child(self, key: str) -> Shape:
        """The shape of the mapping under ``key``, or of the items of the list under it."""
        return _child(self.model, key)

    def is_date(self, key: str) -> bool:
        return key in _dates(self.model)


@cache
def _known(model: type[BaseModel] | None) -> tuple[str, ...]:
    return tuple(fields_by_key(model)) if model is not None else ()


@cache
def _dates(model: type[BaseModel] | None) -> frozenset[str]:
    if model is None:
        return frozenset()
    return frozenset(
        key
        for key, info in fields_by_key(model).items()
        if info.annotation is not None and holds_date(info.annotation)
    )


@cache
def _child(model: type[BaseModel] | None, key: str) -> Shape:
    if model is None:
        return Shape(None)
    info = fields_by_key(model).get(key)
    return Shape(inner_model(info.annotation) if info is not None else None)


def document_shape() -> Shape:
    from stspd_cli.model import Document  # noqa: PLC0415

    return Shape(Document)


def normalise_dates(value: Any, shape: Shape) -> Any:
    """The data with every date field written in ISO form at its own precision (``2017-6-7`` ->
    ``2017-06-07``, ``2026-9`` -> ``2026-09``, a year given as text -> the year): the one change
    of value ``fmt`` makes. A month stays a month: no day is ever added."""
    from stspd_cli.edit.scalars import iso_date  # noqa: PLC0415

    if isinstance(value, dict):
        result: dict[str, Any] = {}
        for key, item in value.items():
            if shape.is_date(key) and isinstance(item, str):
                normal = iso_date(item)
                result[key] = int(normal) if normal and len(normal) == 4 else (normal or item)
            else:
                result[key] = normalise_dates(item, shape.child(key))
        return result
    if isinstance(value, list):
        return [normalise_dates(item, shape) for item in value]
    return value
