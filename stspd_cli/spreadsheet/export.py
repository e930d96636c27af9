"""``stspd export``: the tracking table of a strategy, to send to the partners."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from stspd_cli.errors import UnreadableInputError
from stspd_cli.findings import Finding
from stspd_cli.inputs import display_name, read_input
from stspd_cli.load import load_source
from stspd_cli.output import write_atomic
from stspd_cli.strategy_io import model_from_loaded

# The formats of the tracking table (registry of stspd_cli.formats.registries).
FORMATS = ("xlsx", "csv")
SUFFIX = "-suivi"  # clspd-lille-suivi.xlsx, clspd-lille-suivi-interne.xlsx


@dataclass(frozen=True, slots=True)
class Exported:
    data: bytes
    target: Path | None  # None: standard output
    actions: int
    indicators: int
    interne: bool


def export_table(
    strategy: Path,
    *,
    format_name: str,
    target: Path | None,
    interne: bool,
    today: date,
) -> Exported:
    """The tracking table of ``strategy`` in ``format_name``, written to ``target`` (None:
    given back for standard output); the place is chosen by :mod:`stspd_cli.target`."""
    from stspd_cli.spreadsheet.identity import file_fingerprint  # noqa: PLC0415
    from stspd_cli.spreadsheet.table import build_table  # noqa: PLC0415

    source = read_input(strategy, display_name(strategy))
    if isinstance(source, Finding):
        raise UnreadableInputError(f"{source.location}: {source.code} {source.message}")
    doc = model_from_loaded(load_source(source), today)
    table = build_table(
        doc,
        source=strategy.name,
        fingerprint=file_fingerprint(source.data),
        interne=interne,
        today=today,
    )
    if format_name == "xlsx":
        from stspd_cli.spreadsheet.xlsx_write import write_xlsx  # noqa: PLC0415

        data = write_xlsx(table)
    else:
        from stspd_cli.spreadsheet.csv_io import write_csv  # noqa: PLC0415

        data = write_csv(table)
    if target is not None:
        write_atomic(target, data)
    return Exported(data, target, len(table.suivi), len(table.indicateurs), interne)
