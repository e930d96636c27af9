"""Load one strategy for a command that needs a valid model (render, diff, report, export).

Validation findings become an :class:`InvalidStrategyError` that points at the first problem and
at ``stspd validate`` for the full list.
"""

from __future__ import annotations

from pathlib import Path

from stspd_cli.errors import InvalidStrategyError, UnreadableInputError
from stspd_cli.load import Loaded, load_bytes, load_file
from stspd_cli.model import Document
from stspd_cli.validate import display_name


def model_from_loaded(loaded: Loaded) -> Document:
    from stspd_cli.checks.structure import build_model  # noqa: PLC0415

    findings = loaded.findings
    model = None
    if loaded.data is not None and not findings:
        model, findings = build_model(loaded)
    if model is not None:
        return model
    first = sorted(findings)[0]
    more = len(findings) - 1
    suffix = f" (et {more} autre{'s' if more > 1 else ''} problème{'s' if more > 1 else ''})"
    message = f"{first.location}: {first.code} {first.message}{suffix if more else ''}"
    hint = f"stspd validate {loaded.file} liste tous les problèmes à corriger."
    if first.unreadable:
        raise UnreadableInputError(message, hint=hint)
    raise InvalidStrategyError(message, hint=hint)


def load_model(path: Path) -> Document:
    return model_from_loaded(load_file(path, display_name(path)))


def load_model_bytes(data: bytes, name: str) -> Document:
    return model_from_loaded(load_bytes(data, name))
