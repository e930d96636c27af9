"""``stspd convertir``: an existing document (Word, LibreOffice, PDF, web page, text) becomes a
strategy file; its summary says what was recognised."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from stspd_cli.errors import EXIT_INVALID, UsageError
from stspd_cli.outcome import Outcome


def convertir_command(
    source: Path, *, output: str | None = None, format_name: str = "text"
) -> Outcome:
    """The strategy goes to ``-o`` (a .yaml file, never written over) or standard output
    (``-``); the summary to standard output, or to the error output when the strategy is
    there."""
    from stspd_cli.convert.pipeline import convert_file  # noqa: PLC0415
    from stspd_cli.convert.summary import FORMATS  # noqa: PLC0415

    if format_name not in FORMATS:
        msg = f"format « {format_name} » inconnu ; formats possibles : {', '.join(FORMATS)}"
        raise UsageError(msg)
    if output == "-" and format_name == "json":
        raise UsageError("--format json écrit le résumé sur la sortie standard : donnez -o")
    done = convert_file(source, output, today=date.today())
    summary = FORMATS[format_name](done)
    code = EXIT_INVALID if done.errors else 0
    if done.target is None:
        return Outcome(stdout=done.text, raw_stderr=summary, exit_code=code)
    return Outcome(stdout=summary, exit_code=code)
