"""Public and internal views of a strategy (CSI L132-5: restricted content stays in the council).

Every output (render, report, diff, texte, export) works on :func:`view`: the public version by
default, with every item marked ``diffusion: restreinte`` removed entirely; ``interne=True`` keeps
them. A public item that names a removed one (an action piloted by a restricted actor) keeps the
reference, but its identifier gives way to « acteur non public » (``data/confidentialite.yaml``):
every output shows that text where it would have shown the name or the identifier (R007 warns).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

from stspd_cli.model.items import fields_of, is_restricted, kind_of
from stspd_cli.model.references import declared, reference_kind

if TYPE_CHECKING:  # the rules (R007) read the labels below without pydantic
    from pydantic import BaseModel

    from stspd_cli.model import Document

M = TypeVar("M", bound="BaseModel")


def view(doc: Document, *, interne: bool) -> Document:
    """The document as a given audience may see it."""
    return doc if interne else public(doc)


def public(model: M) -> M:
    """A copy of ``model`` without any restricted item, at any depth; in a document, references
    to the removed items read :func:`hidden_label`."""
    cleaned = _public(model)
    if kind_of(model) != "Document" or kind_of(cleaned) != "Document":
        return cleaned
    before, after = declared(model), declared(cleaned)
    hidden = {kind: set(before[kind]) - set(after[kind]) for kind in before}
    if not any(hidden.values()):
        return cleaned
    return _mask(cleaned, hidden)


@cache
def _labels() -> dict[str, dict[str, str]]:
    from stspd_cli.resources import load_data  # noqa: PLC0415

    table: dict[str, dict[str, str]] = load_data("confidentialite.yaml")
    return table


def hidden_label(kind: str) -> str:
    """What a public document writes for a restricted item of ``kind`` (« acteur non public »)."""
    return _labels()[kind]["masque"]


def kind_name(kind: str) -> str:
    """How a message names an item of ``kind`` (« groupe de travail »)."""
    return _labels()[kind]["nom"]


def _public(model: M) -> M:
    changes: dict[str, Any] = {}
    for name, _ in fields_of(model) or ():
        value = getattr(model, name)
        cleaned = _clean(value)
        if cleaned is not value:
            changes[name] = cleaned
    return model.model_copy(update=changes) if changes else model


def _clean(value: Any) -> Any:
    if fields_of(value) is not None:
        return None if is_restricted(value) else _public(value)
    if isinstance(value, list):
        kept = [_clean(v) for v in value if not is_restricted(v)]
        if len(kept) == len(value) and all(a is b for a, b in zip(kept, value, strict=True)):
            return value
        return kept
    return value


def _mask(model: M, hidden: dict[str, set[str]]) -> M:
    """``model`` with every reference to a hidden item replaced by its label (once in a list)."""
    changes: dict[str, Any] = {}
    for name, _ in fields_of(model) or ():
        value = getattr(model, name)
        kind = reference_kind(type(model), name)
        masked: Any = value
        if kind is not None:
            masked = _masked_reference(value, hidden[kind], hidden_label(kind))
        elif fields_of(value) is not None:
            masked = _mask(value, hidden)
        elif isinstance(value, list) and any(fields_of(v) is not None for v in value):
            items = [_mask(v, hidden) if fields_of(v) is not None else v for v in value]
            if any(a is not b for a, b in zip(items, value, strict=True)):
                masked = items
        if masked is not value:
            changes[name] = masked
    return model.model_copy(update=changes) if changes else model


def _masked_reference(value: Any, hidden: set[str], label: str) -> Any:
    if isinstance(value, str) and value in hidden:
        return label
    if isinstance(value, list) and hidden.intersection(value):
        shown = [ident for ident in value if ident not in hidden]
        shown.insert(next(i for i, ident in enumerate(value) if ident in hidden), label)
        return shown
    return value


def restricted_texts(doc: Document) -> list[str]:
    """Every string that only restricted items hold: what a public output must never show."""
    public_strings = set(_strings(public(doc)))
    return sorted({s for s in _strings(doc) if s not in public_strings})


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    fields = fields_of(value)
    if fields is not None:
        return [s for name, _ in fields for s in _strings(getattr(value, name))]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []
