"""French for what the CLI library says itself: usage errors, help panel titles and the words
of every help page (usage line, --help, completion options, value types)."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any

import typer
from typer._click.core import Command
from typer._click.exceptions import UsageError as ClickUsageError
from typer._click.types import ParamType
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from stspd_cli.resources import load_data

if TYPE_CHECKING:
    from typer._click import Context, HelpFormatter, Parameter


@cache
def _error_patterns() -> list[tuple[re.Pattern[str], str, str]]:
    table = load_data("cli_fr.yaml")["erreurs"]
    return [(re.compile(e["motif"], re.DOTALL), e["texte"], e.get("suggestion", "")) for e in table]


def translate_error(message: str) -> str:
    """The French version of a typer/click usage error; the original if none matches."""
    text = message.strip()
    for pattern, template, suggestion in _error_patterns():
        match = pattern.match(text)
        if match is None:
            continue
        args = ["", *(g or "" for g in match.groups())]
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


class _FrenchType(ParamType):
    """A value type shown in the help under a French name (``CHEMIN``, ``CHEMIN...``); it reads
    and completes values exactly as the type it wraps."""

    def __init__(self, inner: ParamType, label: str) -> None:
        self.inner = inner
        self.label = label
        self.name = inner.name

    def get_metavar(self, param: Parameter, ctx: Context) -> str | None:
        return self.label or None

    def convert(self, value: Any, param: Parameter | None, ctx: Context | None) -> Any:
        return self.inner.convert(value, param, ctx)

    def shell_complete(self, ctx: Context, param: Parameter, incomplete: str) -> Any:
        return self.inner.shell_complete(ctx, param, incomplete)


class _FrenchArgument(TyperArgument):
    """An argument shown with a French name and type (``CHEMINS``, ``CHEMIN...``)."""

    def get_usage_pieces(self, ctx: Context) -> list[str]:
        name = self.metavar or self.name or ""
        if not self.required:
            name = f"[{name}]"
        return [name + ("..." if self.nargs != 1 else "")]


def _french_type(param: Parameter) -> str | None:
    """The French name of a parameter's value type, from the name typer shows (``<path>``);
    ``None`` when the data file has none, an empty string for a flag."""
    label = _texts()["types"].get(f"<{param.type.name}>")
    if label and param.nargs != 1:
        label += "..."
    return label if isinstance(label, str) else None


def _install_completion(ctx: Context, param: Parameter, value: Any) -> Any:
    """typer's --install-completion, saying what it did in French."""
    # Where typer's own --install-completion callback takes it from.
    from typer._completion_shared import install  # noqa: PLC0415

    if not value or ctx.resilient_parsing:
        return value
    shell, path = install(shell=value) if isinstance(value, str) else install()
    texts = _texts()
    typer.echo(texts["completion_installee"].format(shell=shell, chemin=path))
    typer.echo(texts["completion_active"])
    raise typer.Exit(0)


def _localise(param: Parameter) -> None:
    texts = _texts()
    if isinstance(param, _FrenchArgument):
        return
    if isinstance(param, TyperArgument):
        label = _french_type(param)
        if label is not None:
            param.type = _FrenchType(param.type, label)
        param.__class__ = _FrenchArgument
        param.metavar = texts["arguments"].get(param.name, (param.name or "").upper())
        return
    if not isinstance(param, TyperOption):
        return
    if param.name == "help":
        param.help = texts["option_aide"]
    elif param.name in texts["options_ajoutees"]:
        param.help = texts["options_ajoutees"][param.name]
    if param.metavar is None:
        param.metavar = _french_type(param)


class _FrenchHelp(Command):
    """What FrenchGroup and FrenchCommand change in the help page typer builds. A subclass of
    click's Command, so that typer's command objects can take the French class.

    The French words are put in place only when they can be seen: a help page, a usage error (the
    names in its message are read when it is formatted), shell completion. A command that runs
    normally never reads the data file."""

    def localise(self, ctx: Context) -> None:
        for param in super().get_params(ctx):
            _localise(param)

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        french_help()
        self.localise(ctx)
        super().format_help(ctx, formatter)

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        try:
            rest: list[str] = super().parse_args(ctx, args)
        except ClickUsageError:
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
