"""Which formats each command writes: the registry of each, read where it is needed.

The command line shows and completes ``--format`` from here, and :mod:`stspd_cli.target` checks
``-o`` and ``--format`` against the same registry: a format added to a registry is offered,
completed and accepted everywhere, with nothing else to edit. A registry is imported only when
its command runs or its help is shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import import_module

from stspd_cli.target import FormatSpec, Target, resolve, specs

# Command -> (module, name of its registry of formats).
REGISTRIES = {
    "validate": ("stspd_cli.formats.findings", "FORMATS"),
    "render": ("stspd_cli.render.formats", "FORMATS"),
    "report": ("stspd_cli.report.formats", "FORMATS"),
    "diff": ("stspd_cli.diff.formats", "FORMATS"),
    "export": ("stspd_cli.spreadsheet.export", "FORMATS"),
    "regles": ("stspd_cli.rulesdoc", "RULE_FORMATS"),
}

# The format of each command when neither --format nor the extension of -o says.
DEFAULTS = {
    "validate": "text",
    "render": "html",
    "report": "text",
    "diff": "text",
    "export": "xlsx",
    "regles": "text",
}

# Commands whose output is a file to keep or send even without -o (into build/): the tracking
# table goes to the partners, it is not read in a terminal.
TO_FILE = frozenset({"export"})


def registry(command: str) -> Mapping[str, object]:
    """The formats of ``command``, by name, with their registry entries."""
    module, name = REGISTRIES[command]
    found = getattr(import_module(module), name)
    if isinstance(found, Mapping):
        return found
    return dict.fromkeys(found)


def formats_of(command: str) -> dict[str, FormatSpec]:
    return specs(registry(command))


def target_for(
    command: str, format_name: str | None, output: str | None, *, many: bool = False
) -> Target:
    """Where ``stspd COMMAND`` writes, by the one output rule, with its formats and default."""
    return resolve(
        command,
        formats_of(command),
        format_name=format_name,
        output=output,
        default=DEFAULTS[command],
        many=many,
        to_file=command in TO_FILE,
    )
