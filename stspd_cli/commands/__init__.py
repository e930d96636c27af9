"""The commands, as library functions: each takes the options of its command line, reads its
inputs through :mod:`stspd_cli.discovery`, writes through :mod:`stspd_cli.target`, and gives an
:class:`~stspd_cli.outcome.Outcome` back. ``cli.py`` only declares options and calls one of them;
each can be called from Python without typer."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

from stspd_cli.errors import UsageError
from stspd_cli.outcome import Outcome


def parse_date(value: str | None) -> date:
    """``--date AAAA-MM-JJ``, today when absent."""
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        msg = f"date « {value} » invalide pour --date : écrivez AAAA-MM-JJ, par exemple 2026-06-30"
        raise UsageError(msg) from None


def deliver(
    outcome: Outcome, path: Path | None, data: str | bytes | Iterator[str], detail: str = ""
) -> None:
    """One output: to standard output (``path`` None, written by the command line), or to its
    file, said on the error output. Text in pieces is written as the pieces come."""
    if path is None:
        outcome.stdout = data
        return
    from stspd_cli.target import write, wrote  # noqa: PLC0415

    write(path, data)
    outcome.say(wrote(path, detail))
