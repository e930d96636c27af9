"""Public and internal views of a strategy (CSI L132-5: restricted content stays in the council).

Every output (render, report, diff, export) works on :func:`view`: the public version by default,
with every item marked ``diffusion: restreinte`` removed entirely; ``interne=True`` keeps them.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

from stspd_cli.model import Document
from stspd_cli.model.types import Diffusable

M = TypeVar("M", bound=BaseModel)


def is_restricted(item: object) -> bool:
    return isinstance(item, Diffusable) and item.diffusion == "restreinte"


def view(doc: Document, *, interne: bool) -> Document:
    """The document as a given audience may see it."""
    return doc if interne else public(doc)


def public(model: M) -> M:
    """A copy of ``model`` without any restricted item, at any depth."""
    changes: dict[str, Any] = {}
    for name in type(model).model_fields:
        value = getattr(model, name)
        cleaned = _clean(value)
        if cleaned is not value:
            changes[name] = cleaned
    return model.model_copy(update=changes) if changes else model


def _clean(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return None if is_restricted(value) else public(value)
    if isinstance(value, list):
        kept = [_clean(v) for v in value if not is_restricted(v)]
        if len(kept) == len(value) and all(a is b for a, b in zip(kept, value, strict=True)):
            return value
        return kept
    return value


def restricted_texts(doc: Document) -> list[str]:
    """Every string that only restricted items hold: what a public output must never show."""
    public_strings = set(_strings(public(doc)))
    return sorted({s for s in _strings(doc) if s not in public_strings})


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, BaseModel):
        return [s for name in type(value).model_fields for s in _strings(getattr(value, name))]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []
