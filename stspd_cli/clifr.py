"""French for what the CLI library says itself: usage errors, help panel titles and the words
of every help page (usage line, --help, completion options, value names, format choices).

Only typer's public names are used at run time (``typer.TyperException``, ``typer.core``'s
command and parameter classes, ``typer.rich_utils``' documented help constants), so that the
French holds on every typer from 0.28 on. typer's copy of click writes its usage errors in
English f-strings (no gettext catalogue to bind): they are translated from their English form
by the patterns of ``data/cli_fr.yaml``, and ``tests/test_cli_french.py`` checks that every
message typer can write has one."""

from __future__ import annotations

import copy
import re
from functools import cache
from typing import TYPE_CHECKING, Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from stspd_cli.resources import load_data

if TYPE_CHECKING:
    from typer._click import Context, HelpFormatter, Parameter

    _Base = TyperCommand
else:
    # click's Command, the base of typer's command classes, reached through typer's public one:
    # the French mixin must share its layout for typer's objects to take the French class.
    _Base = TyperCommand.__mro__[1]


@cache
def _error_patterns() -> list[tuple[re.Pattern[str], str, str, int]]:
    table = load_data("cli_fr.yaml")["erreurs"]
    return [
        (
            re.compile(e["motif"], re.DOTALL),
            e["texte"],
            e.get("suggestion", ""),
            int(e.get("traduire", 0)),
        )
        for e in table
    ]


def translate_error(message: str) -> str:
    """The French version of a typer/click usage error; the original if none matches."""
    text = message.strip()
    for pattern, template, suggestion, inner in _error_patterns():
        match = pattern.match(text)
        if match is None:
            continue
        args = ["", *(g or "" for g in match.groups())]
        if inner:  # what a refused value says, translated in turn
            args[inner] = translate_error(args[inner])
        result = template.format(*args)
        if suggestion and any(args[2:]):
            result += suggestion.format(*args)
        return result
    return text


@cache
def french_help() -> None:
    """Set typer's documented help constants to French; called just before a help page is
    drawn, so that commands that show no help never import typer's rich help module."""
    from typer import rich_utils  # noqa: PLC0415

    for name, text in load_data("cli_fr.yaml")["aide"].items():
        setattr(rich_utils, name, text)


# --- Help pages ------------------------------------------------------------------------------
# typer writes some words of every help page itself (usage line, --help, completion options,
# value types). FrenchGroup, given to typer.Typer(cls=...), puts them in French from the data
# file. typer builds the command and argument objects itself: FrenchGroup gives its commands the
# class FrenchCommand, and arguments get _FrenchArgument, subclasses that add no state (so the
# switch is safe) and only change what the help shows.


def _texts() -> dict[str, Any]:
    table = load_data("cli_fr.yaml")["commandes"]
    assert isinstance(table, dict)
    return table


class _FrenchArgument(TyperArgument):
    """An argument shown by its French name (``CHEMINS``); its name says its type, so no type
    column is drawn."""

    def get_usage_pieces(self, ctx: Context) -> list[str]:
        name = self.metavar or self.name or ""
        if not self.required:
            name = f"[{name}]"
        return [name + ("..." if self.nargs != 1 else "")]

    def display_type_rich(self, ctx: Context) -> str | None:  # typer 0.29 and later
        return None


def _without_type_column(param: Parameter) -> None:
    """typer 0.28 draws an argument's type from ``param.type.get_metavar``: a copy of the type
    (click's types may be shared) answers nothing there."""
    kind = getattr(param, "type", None)
    if kind is not None and hasattr(kind, "get_metavar"):
        quiet = copy.copy(kind)
        quiet.get_metavar = lambda *args, **kwargs: ""
        param.type = quiet


def _format_help(command: str, texts: dict[str, Any]) -> tuple[str, str] | None:
    """(metavar, help) of the --format option of ``command``, from its registry of formats."""
    from stspd_cli.formats.registries import DEFAULTS, REGISTRIES, registry  # noqa: PLC0415

    if command not in REGISTRIES:
        return None
    names = list(registry(command))
    help_text = texts["aide_format"].format(formats=", ".join(names), defaut=DEFAULTS[command])
    return f"[{'|'.join(names)}]", help_text


def _install_completion(ctx: Context, param: Parameter, value: Any) -> Any:
    """typer's --install-completion, saying what it did in French."""
    if not value or ctx.resilient_parsing:
        return value
    try:  # where typer's own --install-completion callback takes it from
        from typer._completion_shared import install  # noqa: PLC0415
    except ImportError:  # pragma: no cover - a typer that moved it: its own words then
        return value
    shell, path = install(shell=value) if isinstance(value, str) else install()
    texts = _texts()
    shell = getattr(shell, "value", shell)  # typer 0.29 names shells by an Enum
    typer.echo(texts["completion_installee"].format(shell=shell, chemin=path))
    typer.echo(texts["completion_active"])
    raise typer.Exit(0)


def _localise(param: Parameter, command: str) -> None:
    texts = _texts()
    if isinstance(param, _FrenchArgument):
        return
    if isinstance(param, TyperArgument):
        _without_type_column(param)
        param.__class__ = _FrenchArgument
        param.metavar = texts["arguments"].get(param.name, (param.name or "").upper())
        return
    if not isinstance(param, TyperOption):
        return
    if param.name == "help":
        param.help = texts["option_aide"]
    elif param.name in texts["options_ajoutees"]:
        param.help = texts["options_ajoutees"][param.name]
    found = _format_help(command, texts) if param.name == "format_" else None
    if found is not None:
        param.metavar, param.help = found
    elif param.metavar is None and param.name in texts["valeurs"]:
        param.metavar = texts["valeurs"][param.name]
    elif param.metavar is None and getattr(param, "is_flag", False):
        param.metavar = ""  # a flag takes no value: no type shown


class _FrenchHelp(_Base):
    """What FrenchGroup and FrenchCommand change in the help page typer builds.

    The French words are put in place only when they can be seen: a help page, a usage error (the
    names in its message are read when it is formatted), shell completion. A command that runs
    normally never reads the data file."""

    def localise(self, ctx: Context) -> None:
        for param in super().get_params(ctx):
            _localise(param, self.name or "")

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        french_help()
        self.localise(ctx)
        super().format_help(ctx, formatter)

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        try:
            rest: list[str] = super().parse_args(ctx, args)
        except typer.TyperException:
            self.localise(ctx)
            raise
        return rest

    def get_params(self, ctx: Context) -> list[Parameter]:
        params: list[Parameter] = super().get_params(ctx)
        for param in params:
            if param.name == "install_completion":
                param.callback = _install_completion
        if ctx.resilient_parsing:  # shell completion shows the options' help
            self.localise(ctx)
        return params

    def collect_usage_pieces(self, ctx: Context) -> list[str]:
        pieces: list[str] = super().collect_usage_pieces(ctx)
        texts = _texts()
        return [texts["options"] if p == "[OPTIONS]" else p for p in pieces]

    def format_usage(self, ctx: Context, formatter: HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces), _texts()["utilisation"])


class FrenchCommand(_FrenchHelp, TyperCommand):
    """A command whose help page is entirely in French."""


class FrenchGroup(_FrenchHelp, TyperGroup):
    """The ``stspd`` group: French help, for itself and each of its commands."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for command in self.commands.values():
            if type(command) is TyperCommand:
                command.__class__ = FrenchCommand

    def collect_usage_pieces(self, ctx: Context) -> list[str]:
        # Read here, not in __init__: the texts are only loaded when a usage line is shown.
        self.subcommand_metavar = _texts()["sous_commande"]
        return super().collect_usage_pieces(ctx)
