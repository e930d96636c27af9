"""The YAML text of a converted strategy, written by the project's own layout (``fmt``'s
emitter), with the « à vérifier » comments anchored to the entries they are about: the file
is already formatted (``stspd fmt --check`` finds nothing to change) and keeps them."""

from __future__ import annotations

from typing import Any

from stspd_cli.dates import PartialDate
from stspd_cli.edit.comments import Layout, Notes
from stspd_cli.edit.emit import emit
from stspd_cli.edit.fmt import format_text
from stspd_cli.edit.shape import document_shape
from stspd_cli.findings import Path_

CHECK = "# à vérifier : "


def plain(value: Any) -> Any:
    """Data as YAML writes it: a year as an integer, a month or a day as its ISO text."""
    if isinstance(value, PartialDate):
        return value.year if value.precision == "annee" else value.isoformat()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def _paths(value: Any, path: Path_, found: dict[int, Path_]) -> None:
    if isinstance(value, dict):
        found[id(value)] = path
        for key, child in value.items():
            _paths(child, (*path, key), found)
    elif isinstance(value, list):
        for index, child in enumerate(value):
            _paths(child, (*path, index), found)


def layout(
    data: dict[str, Any], checks: dict[int, list[tuple[str | None, str]]], head: list[str]
) -> Layout:
    where: dict[int, Path_] = {}
    _paths(data, (), where)
    result = Layout(head=head)
    for owner, entries in checks.items():
        if owner not in where:
            continue
        for key, text in entries:
            path = where[owner] if key is None else (*where[owner], key)
            if not path:
                continue
            notes = result.notes.setdefault(path, Notes())
            line = CHECK + " ".join(text.split())
            if line not in notes.before:
                notes.before.append(line)
    return result


def yaml_text(
    data: dict[str, Any],
    checks: dict[int, list[tuple[str | None, str]]],
    head: list[str],
    name: str,
) -> str:
    shown = layout(data, checks, head)
    text = "\n".join(emit(plain(data), shown, document_shape())) + "\n"
    return format_text(text, name)
