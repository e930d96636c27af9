"""``stspd export``: the tracking table of a strategy, to send to the partners."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from stspd_cli.errors import UnreadableInputError, UsageError
from stspd_cli.findings import Finding
from stspd_cli.load import load_source
from stspd_cli.output import refuse_strategy_target, write_atomic
from stspd_cli.source import read_source
from stspd_cli.strategy_io import model_from_loaded
from stspd_cli.validate import display_name

FORMATS = ("xlsx", "csv")


@dataclass(frozen=True, slots=True)
class Exported:
    data: bytes
    target: Path | None  # None: standard output
    actions: int
    indicators: int
    interne: bool


def _format(format_name: str | None, output: str | None) -> str:
    suffix = Path(output).suffix.lower().lstrip(".") if output and output != "-" else ""
    if format_name is None:
        return suffix if suffix in FORMATS else "xlsx"
    if format_name not in FORMATS:
        msg = f"format « {format_name} » inconnu ; formats possibles : {', '.join(FORMATS)}"
        raise UsageError(msg)
    if suffix in FORMATS and suffix != format_name:
        msg = f"--format {format_name} mais la sortie « {output} » porte l'extension .{suffix}"
        raise UsageError(msg, hint="accordez l'extension de -o et le format")
    return format_name


def default_target(strategy: Path, format_name: str, *, interne: bool) -> Path:
    """``<stem>-suivi.xlsx`` in the current folder (``-suivi-interne`` for an internal table):
    the table is sent away, it does not belong next to the strategies under version control."""
    return Path(f"{strategy.stem}-suivi{'-interne' if interne else ''}.{format_name}")


def export_table(
    strategy: Path,
    *,
    format_name: str | None,
    output: str | None,
    interne: bool,
    today: date,
) -> Exported:
    from stspd_cli.spreadsheet.identity import file_fingerprint  # noqa: PLC0415
    from stspd_cli.spreadsheet.table import build_table  # noqa: PLC0415

    chosen = _format(format_name, output)
    target: Path | None
    if output == "-":
        if chosen == "xlsx":
            msg = "un classeur xlsx ne s'écrit pas sur la sortie standard"
            raise UsageError(msg, hint="donnez un fichier avec -o, ou --format csv")
        target = None
    else:
        target = Path(output) if output else default_target(strategy, chosen, interne=interne)
        refuse_strategy_target(target)
    source = read_source(strategy, display_name(strategy))
    if isinstance(source, Finding):
        raise UnreadableInputError(f"{source.location}: {source.code} {source.message}")
    doc = model_from_loaded(load_source(source))
    table = build_table(
        doc,
        source=strategy.name,
        fingerprint=file_fingerprint(source.data),
        interne=interne,
        today=today,
    )
    if chosen == "xlsx":
        from stspd_cli.spreadsheet.xlsx_write import write_xlsx  # noqa: PLC0415

        data = write_xlsx(table)
    else:
        from stspd_cli.spreadsheet.csv_io import write_csv  # noqa: PLC0415

        data = write_csv(table)
    if target is not None:
        write_atomic(target, data)
    return Exported(data, target, len(table.suivi), len(table.indicateurs), interne)
