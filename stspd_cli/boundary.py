"""The one place where errors become messages and exit codes, and where a command's outcome is
written: used by both ways in, typer's command line (:mod:`stspd_cli.cli`) and the express way
of the one-file validation (:mod:`stspd_cli.express`). Imports nothing of typer."""

from __future__ import annotations

import errno
import io
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, NoReturn

from stspd_cli.errors import EXIT_INTERNAL, EXIT_INTERRUPTED, OutputError, StspdError, UsageError

if TYPE_CHECKING:
    from stspd_cli.outcome import Outcome


def write_outcome(outcome: Outcome) -> int:
    """Write what a command gave back: its document on standard output (one piece after the
    other when it comes in pieces), its messages on the error output, then its errors; return
    its exit code (read once the document is written: a document in pieces may set it)."""
    if outcome.stdout is not None:
        from stspd_cli.output import write_output  # noqa: PLC0415

        # Standard output: shown, never obeyed, on a terminal (see stspd_cli.terminal).
        write_output(outcome.stdout, None)  # one piece after the other, as they come
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


# What writing to a standard stream can meet that is not a bug: a full disk (``> /dev/full``),
# a closed descriptor (``>&-``), a device error. (A closed pipe is a reader that stopped: see
# the commands.) A file stspd opens by name carries its name in the error: never one of these.
_STREAM_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EBADF})


class _ClosedRaw(io.RawIOBase):
    """A standard stream the shell closed (``>&-``, ``<&-``): Python leaves ``None`` there;
    this one refuses to be read or written, as the closed descriptor would."""

    def readable(self) -> bool:
        return True

    def writable(self) -> bool:
        return True

    def readinto(self, buffer: object) -> int:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))

    def write(self, data: object) -> int:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))


def _closed_stream(*, reading: bool) -> io.TextIOWrapper:
    raw = _ClosedRaw()
    buffered = io.BufferedReader(raw) if reading else io.BufferedWriter(raw)
    return io.TextIOWrapper(buffered, encoding="utf-8")


def _nowhere() -> io.TextIOWrapper:
    from pathlib import Path  # noqa: PLC0415

    return Path(os.devnull).open("w", encoding="utf-8")


def _standard_streams() -> None:
    """Closed standard streams stand in for themselves (a command that writes or reads one
    says so); a closed error output goes nowhere, as there is no one to tell."""
    if sys.stdin is None:
        sys.stdin = _closed_stream(reading=True)
    if sys.stdout is None:
        sys.stdout = _closed_stream(reading=False)
    if sys.stderr is None:
        sys.stderr = _nowhere()


def _stream_failure(error: OSError) -> OutputError | None:
    """The message for a standard output that cannot be written, None for any other error."""
    if error.filename is not None or error.errno not in _STREAM_ERRNOS:
        return None
    from stspd_cli.output import reason  # noqa: PLC0415

    why = "fermée" if error.errno == errno.EBADF else reason(error)
    # Nothing more goes to it, not even what is left to flush at exit.
    sys.stdout = _nowhere()
    return OutputError(f"impossible d'écrire sur la sortie standard : {why}")


def guarded(run: Callable[[], int], args: list[str], usage_hint: Callable[[], str]) -> NoReturn:
    """Run a command line and exit: a user error prints its French message (a usage error with
    ``usage_hint``) and exits with its code; an interruption exits with 130; a standard output
    that cannot be written (full disk, closed) says so and exits with 2; a bug says so in one
    line, with its trace only under ``--debug``."""
    _standard_streams()
    try:
        code = run()
        sys.stdout.flush()  # what is still buffered: its failure is the command's
    except OSError as error:
        failure = _stream_failure(error)
        if failure is None:
            if "--debug" in args:
                raise
            _report_bug(error)
            sys.exit(EXIT_INTERNAL)
        print_error(failure)
        sys.exit(failure.exit_code)
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
