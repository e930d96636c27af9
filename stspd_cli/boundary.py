"""The one place where errors become messages and exit codes, and where a command's outcome is
written: used by both ways in, typer's command line (:mod:`stspd_cli.cli`) and the express way
of the one-file validation (:mod:`stspd_cli.express`). Imports nothing of typer."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, NoReturn

from stspd_cli.errors import EXIT_INTERNAL, EXIT_INTERRUPTED, StspdError, UsageError

if TYPE_CHECKING:
    from stspd_cli.outcome import Outcome


def write_outcome(outcome: Outcome) -> int:
    """Write what a command gave back: its document on standard output (one piece after the
    other when it comes in pieces), its messages on the error output, then its errors; return
    its exit code (read once the document is written: a document in pieces may set it)."""
    if outcome.stdout is not None:
        from stspd_cli.output import write_output  # noqa: PLC0415

        # Standard output: shown, never obeyed, on a terminal (see stspd_cli.terminal).
        pieces = [outcome.stdout] if isinstance(outcome.stdout, str | bytes) else outcome.stdout
        for piece in pieces:
            write_output(piece, None)
    if outcome.raw_stderr:
        say(outcome.raw_stderr)
    for line in outcome.messages:
        say(line + "\n" if line.startswith(" ") else f"stspd : {line}\n")
    for error in outcome.errors:
        print_error(error)
    return max([outcome.exit_code, *(e.exit_code for e in outcome.errors)])


def say(text: str) -> None:
    """The error output, always read by a person: what a value holds is shown, never obeyed."""
    from stspd_cli.terminal import visible  # noqa: PLC0415

    sys.stderr.write(visible(text))
    sys.stderr.flush()


def print_error(error: StspdError) -> None:
    say(f"stspd : {error.message}\n")
    if error.hint:
        say(f"  conseil : {error.hint}\n")


def _report_bug(error: BaseException) -> None:
    say(
        "stspd : erreur interne inattendue "
        f"({type(error).__name__}). Relancez la commande avec --debug pour voir la trace, "
        "puis signalez-la aux mainteneurs avec le fichier en cause si possible.\n"
    )


def guarded(run: Callable[[], int], args: list[str], usage_hint: Callable[[], str]) -> NoReturn:
    """Run a command line and exit: a user error prints its French message (a usage error with
    ``usage_hint``) and exits with its code; an interruption exits with 130; a bug says so in
    one line, with its trace only under ``--debug``."""
    try:
        code = run()
    except StspdError as error:
        if error.hint is None and isinstance(error, UsageError):
            error.hint = usage_hint()
        print_error(error)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        say("stspd : interrompu.\n")
        sys.exit(EXIT_INTERRUPTED)
    except Exception as error:
        if "--debug" in args:
            raise
        _report_bug(error)
        sys.exit(EXIT_INTERNAL)
    sys.exit(code)
