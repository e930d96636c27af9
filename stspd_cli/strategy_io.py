"""Load one strategy for a command that needs a valid model (render, diff, report, export).

Every command reads strategies through here, so they all agree on what is usable: a strategy
with an error (structure or semantic rule) is refused with an :class:`InvalidStrategyError` that
points at the first problem and at ``stspd validate`` for the full list; warnings do not stop.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stspd_cli.errors import InvalidStrategyError, UnreadableInputError
from stspd_cli.findings import Finding, Severity
from stspd_cli.fr import plural
from stspd_cli.inputs import display_name
from stspd_cli.load import Loaded, load_bytes

if TYPE_CHECKING:  # a file that fits the model is read without pydantic
    from stspd_cli.model import Document


def model_from_loaded(
    loaded: Loaded, today: date | None = None, *, records: bool = False
) -> Document:
    """The model of a strategy that holds no error (warnings do not stop a command); ``today``
    is the reference date of the rules that depend on it (today by default).

    ``records``: for an output that only reads the fields (``report``), a file the compiled
    model accepts is read into plain records, without pydantic, as ``validate`` reads it
    (:mod:`stspd_cli.model.plain`); the others need pydantic's models (its dumps, its fields)."""
    from stspd_cli.checks import run_checks  # noqa: PLC0415

    findings = loaded.findings
    model = None
    pruned = None
    if loaded.data is not None and not findings:
        if records:
            from stspd_cli.model.plain import read_plain  # noqa: PLC0415

            model = read_plain(loaded.data)
        if model is None:
            from stspd_cli.checks.structure import build_model  # noqa: PLC0415  (pydantic)

            built = build_model(loaded)
            findings, model, pruned = built.findings, built.model, built.pruned
        if model is not None:
            # The reference date only matters to warnings, which do not stop a command.
            findings = [*findings, *run_checks(loaded, model, today or date.today(), pruned)]
    errors = sorted(f for f in findings if f.severity is Severity.ERROR)
    if model is not None and not errors:
        return model
    first = errors[0]
    more = f" (et {plural(len(errors) - 1, 'autre')})" if len(errors) > 1 else ""
    hint = f"la commande « stspd validate {loaded.file} » liste chaque problème"
    if first.unreadable:
        raise UnreadableInputError(f"{first.location}: {first.code} {first.message}", hint=hint)
    message = (
        f"{loaded.file} n'est pas une stratégie valide : "
        f"{first.location}: {first.code} {first.message}{more}"
    )
    raise InvalidStrategyError(message, hint=hint)


@dataclass(frozen=True, slots=True)
class DraftSource:
    """A strategy read for a draft: its model (of what can be read), every finding, and the
    file's data (to place each finding)."""

    doc: Document
    findings: list[Finding]
    data: dict[str, Any]
    file: str


def load_draft(path: Path, today: date | None = None) -> DraftSource:
    """A strategy and its findings, errors included, for ``render --brouillon``; only a file
    nothing can be read from is refused (syntax, schema), as :func:`model_from_loaded` does."""
    from stspd_cli.checks import run_checks  # noqa: PLC0415
    from stspd_cli.checks.structure import build_model  # noqa: PLC0415

    loaded = _load_input(path)
    if loaded.data is None or loaded.findings:
        model_from_loaded(loaded, today)  # raises with the reason
    assert loaded.data is not None
    built = build_model(loaded)
    if built.model is None:
        model_from_loaded(loaded, today)
        raise AssertionError  # pragma: no cover  (model_from_loaded raised)
    semantic = run_checks(loaded, built.model, today or date.today(), built.pruned)
    findings = sorted({*built.findings, *semantic})
    return DraftSource(built.model, findings, loaded.data, loaded.file)


def load_model(path: Path, today: date | None = None, *, records: bool = False) -> Document:
    """The model of a strategy file, or of standard input (``-``); ``records``: see
    :func:`model_from_loaded`."""
    return model_from_loaded(_load_input(path), today, records=records)


def _load_input(path: Path) -> Loaded:
    from stspd_cli.inputs import read_input  # noqa: PLC0415
    from stspd_cli.load import loaded_from  # noqa: PLC0415

    return loaded_from(read_input(path, display_name(path)))


def load_model_bytes(data: bytes, name: str) -> Document:
    return model_from_loaded(load_bytes(data, name))
