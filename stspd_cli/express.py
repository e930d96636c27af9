"""The express way in: ``stspd validate`` with plain arguments, served without importing typer.

Validating one edited file (at every save, in every pre-commit run) is the command people wait
for; importing typer and its copy of click takes a third of it (docs/performance.md). When the
command line is ``validate`` followed only by paths and the options below, each written whole
and at most once, it means one thing, whatever typer would do with it: this module reads it and
calls the same library function (:func:`stspd_cli.commands.validate.validate_command`) through
the same boundary (:mod:`stspd_cli.boundary`). Anything else (help, completion, another command
or option, ``--opt=value``, ``--``, a value that starts with « - », an unreadable path) goes to
typer, the command line of stspd. ``tests/test_express.py`` runs command lines both ways and
compares exit codes, standard output and error output.
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path
from typing import Any

from stspd_cli.errors import EXIT_INTERRUPTED

COMMAND = "validate"
# Shell completion asks typer through this variable (typer/core.py, _main_shell_completion).
COMPLETE_VAR = "_STSPD_COMPLETE"
_FLAGS = {"--no-cache": "no_cache", "--strict": "strict"}
_VALUED = {
    "--format": "format_name",
    "-f": "format_name",
    "--output": "output",
    "-o": "output",
    "--date": "today",
}


def usage_hint_for(command: str) -> str:
    """The hint after a usage error in a known command."""
    return f"stspd {command} --help décrit ses options, avec un exemple."


def parse(args: list[str]) -> dict[str, Any] | None:
    """The options of a plain ``validate`` command line, or None when typer must read it."""
    if not args or args[0] != COMMAND or COMPLETE_VAR in os.environ:
        return None
    options: dict[str, Any] = {}
    paths: list[Path] = []
    rest = iter(args[1:])
    for arg in rest:
        if arg in _FLAGS:
            name = _FLAGS[arg]
            if name in options:
                return None
            options[name] = True
        elif arg in _VALUED:
            name = _VALUED[arg]
            value = next(rest, None)
            if name in options or value is None or (value.startswith("-") and value != "-"):
                return None
            options[name] = value
        elif (arg == "-" or (arg and not arg.startswith("-"))) and _readable_or_absent(arg):
            paths.append(Path(arg))
        else:
            return None
    options["paths"] = paths or None
    return options


def _readable_or_absent(arg: str) -> bool:
    """What typer's path type accepts (typer/models.py, ``readable=True``): a path that does not
    exist, or one that can be read."""
    try:
        Path(arg).stat()
    except OSError:
        return True
    return os.access(arg, os.R_OK)


def main(args: list[str]) -> bool:
    """Serve ``args`` and exit if they are a plain validation; False when typer must."""
    options = parse(args)
    if options is None:
        return False
    from stspd_cli.boundary import guarded  # noqa: PLC0415

    guarded(lambda: _run(options), args, lambda: usage_hint_for(COMMAND))
    return True  # not reached: guarded exits


def _run(options: dict[str, Any]) -> int:
    """The command, with what typer's main does around a command (typer/core.py, ``_main``):
    an interruption during the command exits with 130 and no message, an end of input is an
    interruption, a closed pipe on output exits with 1."""
    from stspd_cli.boundary import write_outcome  # noqa: PLC0415
    from stspd_cli.commands.validate import validate_command  # noqa: PLC0415

    try:
        outcome = validate_command(
            options["paths"],
            format_name=options.get("format_name"),
            output=options.get("output"),
            strict=options.get("strict", False),
            today=options.get("today"),
            use_cache=not options.get("no_cache", False),
        )
        return write_outcome(outcome)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except EOFError:
        sys.stderr.write("\n")
        raise KeyboardInterrupt from None
    except OSError as error:
        if error.errno != errno.EPIPE:
            raise
        # As click does: nothing more is written to the closed pipe, not even at exit.
        sys.stdout = sys.stderr = Path(os.devnull).open("w", encoding="utf-8")  # noqa: SIM115
        return 1
