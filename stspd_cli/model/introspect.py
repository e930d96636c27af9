"""Questions about the model's fields: which model sits under a key, what a field is called."""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping, Sequence
from functools import cache, lru_cache
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from stspd_cli.vocabulary import Vocabulary


def inner_model(annotation: Any) -> type[BaseModel] | None:
    """Unwrap Optional, list and Annotated down to a model class, if there is one."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return inner_model(typing.get_args(annotation)[0])
    if origin in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            inner = inner_model(arg)
            if inner is not None:
                return inner
        return None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def holds_date(annotation: Any) -> bool:
    """Whether a field holds a date (a :class:`~stspd_cli.dates.PartialDate`), maybe optional."""
    from stspd_cli.dates import PartialDate  # noqa: PLC0415

    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return holds_date(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return any(holds_date(arg) for arg in typing.get_args(annotation))
    return annotation is PartialDate


@cache
def fields_by_key(model: type[BaseModel]) -> Mapping[str, FieldInfo]:
    """The model's fields under their YAML keys (aliases where set); read-only, made once per
    model (the checks of a file with thousands of errors ask it for each)."""
    return types.MappingProxyType(
        {info.alias or name: info for name, info in model.model_fields.items()}
    )


_PATH_PARTS = (str, int)


def error_path(error: Any) -> tuple[str | int, ...]:
    """The path of a pydantic error (``error["loc"]``) in the document: its keys and indices.
    Asked several times for each error of a file, which may have tens of thousands."""
    return tuple([part for part in error["loc"] if isinstance(part, _PATH_PARTS)])


def model_at(model: type[BaseModel], path: Sequence[str | int]) -> type[BaseModel] | None:
    """The model of the mapping at ``path`` below ``model`` (list indices are skipped), or
    None where the model does not go."""
    current: type[BaseModel] | None = model
    for part in path:
        if isinstance(part, int):
            continue
        if current is None:
            return None
        current = _model_under(current, part)
    return current


@lru_cache(maxsize=4096)  # bounded: the keys come from the file, a hostile one has thousands
def _model_under(model: type[BaseModel], key: str) -> type[BaseModel] | None:
    info = fields_by_key(model).get(key)
    return inner_model(info.annotation) if info is not None else None


def field_at(model: type[BaseModel], dotted: str) -> FieldInfo | None:
    """The field ``a.b.c`` below ``model``, following nested models."""
    *parents, last = dotted.split(".")
    parent = model_at(model, parents)
    return fields_by_key(parent).get(last) if parent is not None else None


def vocabulary_of(info: FieldInfo) -> str | None:
    """Name of the closed vocabulary a field takes its values from, if any."""
    for meta in info.metadata:
        if isinstance(meta, Vocabulary):
            return meta.name
    for arg in typing.get_args(info.annotation):
        for meta in getattr(arg, "__metadata__", ()):
            if isinstance(meta, Vocabulary):
                return meta.name
    return None
