"""Where a command's output goes: the one output path of every command that writes.

One rule for ``-o CHEMIN`` everywhere (render, report, diff, export, texte, validate):

- without ``--format``, the extension of ``-o`` chooses the format among those the command can
  write (its registry of formats); an extension that contradicts ``--format``, or that names a
  format the command cannot write, is refused (exit 2) with the formats it can write;
- ``-o -`` is standard output; ``-o DOSSIER/`` (or an existing folder) receives files named by
  stspd; a ``.yaml``/``.yml`` file is never an output (that is where strategies live);
- without ``-o``, a text document goes to standard output; a binary format (pdf, xlsx...), one
  document per strategy, or the partners' tracking table (export) goes into ``build/`` at the
  repository root (ignored by the ``.gitignore`` of ``stspd init``);
- a name stspd chooses for an internal output (``--interne``) ends in ``-interne``, so that it
  never overwrites the public one and stays out of git;
- every file written is said on the error output (« stspd : build/x.html écrit »).

The formats come from each command's registry: a format added there is accepted here, with the
extension and nature given by its registry entry (``suffix``, ``binary``), else by
``data/formats.json``, else ``.<name>``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import NamedTuple

from stspd_cli.errors import OutputError, UsageError
from stspd_cli.output import refuse_strategy_target

STDOUT = "-"
INTERNAL_MARK = "-interne"


class FormatSpec(NamedTuple):
    name: str
    suffixes: tuple[str, ...]  # the first is the one of names stspd chooses
    binary: bool  # cannot go to a terminal

    @property
    def suffix(self) -> str:
        return self.suffixes[0]


@cache
def _table() -> dict[str, FormatSpec]:
    """``data/formats.json``: JSON, read without the YAML parser, that the cached validation
    path never imports."""
    import json  # noqa: PLC0415

    from stspd_cli.resources import data_dir  # noqa: PLC0415

    raw = json.loads((data_dir() / "formats.json").read_text(encoding="utf-8"))
    return {
        name: FormatSpec(name, tuple(entry["extensions"]), bool(entry["binaire"]))
        for name, entry in raw.items()
        if not name.startswith("_")
    }


def spec_of(name: str, entry: object = None) -> FormatSpec:
    """A format's extensions and nature: from its registry entry, the table, or its name."""
    known = _table().get(name)
    suffix = getattr(entry, "suffix", None)
    binary = getattr(entry, "binary", None)
    suffixes = known.suffixes if known else (f".{name}",)
    if isinstance(suffix, str) and suffix not in suffixes:
        suffixes = (suffix, *suffixes)
    elif isinstance(suffix, str):
        suffixes = (suffix, *(s for s in suffixes if s != suffix))
    if not isinstance(binary, bool):
        binary = known.binary if known else False
    return FormatSpec(name, suffixes, binary)


def specs(registry: Mapping[str, object]) -> dict[str, FormatSpec]:
    """The formats a command writes, in its registry's order."""
    return {name: spec_of(name, entry) for name, entry in registry.items()}


def formats_phrase(formats: Mapping[str, FormatSpec]) -> str:
    """« html (.html), md (.md), pdf (.pdf) »."""
    return ", ".join(f"{s.name} ({s.suffix})" for s in formats.values())


def _format_by_suffix(suffix: str, formats: Mapping[str, FormatSpec]) -> FormatSpec | None:
    return next((s for s in formats.values() if suffix in s.suffixes), None)


def _known_suffix(suffix: str) -> FormatSpec | None:
    return next((s for s in _table().values() if suffix in s.suffixes), None)


class Target(NamedTuple):
    """Where one command writes: standard output (``path`` and ``folder`` None), one file
    (``path``), or files named by stspd in ``folder``. (Named tuples, not dataclasses: they are
    built on every run, and a dataclass costs four times as much to define.)"""

    spec: FormatSpec
    path: Path | None = None
    folder: Path | None = None

    @property
    def to_stdout(self) -> bool:
        return self.path is None and self.folder is None

    def file_for(self, stem: str, *, interne: bool = False, tail: str = "") -> Path | None:
        """The file of one output: ``-o FICHIER`` as given, else ``<stem><tail>[-interne]<ext>``
        in the folder; None for standard output."""
        if self.path is not None:
            return self.path
        if self.folder is None:
            return None
        mark = INTERNAL_MARK if interne else ""
        return self.folder / f"{stem}{tail}{mark}{self.spec.suffix}"


def names_folder(output: str) -> bool:
    """``-o build/`` names a folder, even one that does not exist yet; so does an existing one."""
    return output.endswith(("/", os.sep)) or Path(output).is_dir()


def resolve(
    command: str,
    formats: Mapping[str, FormatSpec],
    *,
    format_name: str | None,
    output: str | None,
    default: str,
    many: bool = False,
    to_file: bool = False,
) -> Target:
    """The target of ``stspd COMMAND [-o OUTPUT] [--format FORMAT]``; ``many``: one output per
    input (a folder of strategies), which needs a folder; ``to_file``: without -o, the output
    is a file in build/ even in a text format."""
    if format_name is not None and format_name not in formats:
        msg = f"format « {format_name} » inconnu ; formats possibles : {', '.join(formats)}"
        raise UsageError(msg)
    chosen = formats[format_name or default]
    if output is None:
        if many or chosen.binary or to_file:
            from stspd_cli.repository import outputs_folder  # noqa: PLC0415

            return Target(chosen, folder=outputs_folder())
        return Target(chosen)
    if output == STDOUT:
        if many:
            msg = "plusieurs stratégies ne s'écrivent pas sur la sortie standard"
            raise OutputError(msg, hint=f"donnez un dossier : stspd {command} ... -o build/")
        if chosen.binary and sys.stdout.isatty():
            msg = f"le format {chosen.name} ne s'affiche pas dans un terminal"
            raise OutputError(msg, hint=f"donnez un fichier, par exemple -o sortie{chosen.suffix}")
        return Target(chosen)
    if names_folder(output) or (many and not Path(output).suffix and not Path(output).exists()):
        return Target(chosen, folder=Path(output))
    path = Path(output)
    if many:
        msg = (
            f"« {output} » n'est pas un dossier : un dossier de stratégies s'écrit dans un dossier"
        )
        raise OutputError(msg, hint=f"par exemple : stspd {command} ... -o build/")
    refuse_strategy_target(path)
    return Target(_format_for(command, formats, format_name, chosen, path), path=path)


def _format_for(
    command: str,
    formats: Mapping[str, FormatSpec],
    format_name: str | None,
    chosen: FormatSpec,
    path: Path,
) -> FormatSpec:
    """The format of ``-o FICHIER``: its extension's, which must agree with ``--format``."""
    suffix = path.suffix.lower()
    if not suffix:
        return chosen
    possible = formats_phrase(formats)
    if format_name is not None:
        announced = _known_suffix(suffix)
        if suffix in chosen.suffixes or announced is None:
            return chosen  # an extension that names no format (.log) obeys --format
        msg = (
            f"sortie « {path} » refusée : l'extension {suffix} annonce le format "
            f"{announced.name}, pas {chosen.name} (--format {chosen.name})"
        )
        raise UsageError(msg, hint=f"nommez le fichier en {chosen.suffix}, ou changez --format")
    found = _format_by_suffix(suffix, formats)
    if found is not None:
        return found
    msg = f"stspd {command} ne sait pas écrire de fichier {suffix} (« {path} »)"
    raise UsageError(msg, hint=f"formats possibles : {possible} ; ou précisez --format")


def refuse_sources(targets: list[Path | None], sources: list[Path]) -> None:
    """No output may be one of the strategies read, nor a folder."""
    read = {s.resolve() for s in sources if s != Path(STDOUT)}
    for target in targets:
        if target is None:
            continue
        if target.resolve() in read:
            msg = f"refus d'écrire dans « {target} » : ce serait écraser une stratégie YAML"
            raise OutputError(msg, hint="choisissez un autre nom de fichier de sortie.")
        if target.is_dir():
            msg = f"« {target} » est un dossier"
            raise OutputError(msg, hint="donnez un nom de fichier, ou un dossier avec -o DOSSIER/")


def wrote(path: Path, detail: str = "") -> str:
    """The line that says a file was written (without the « stspd : » prefix)."""
    return f"{path} écrit ({detail})" if detail else f"{path} écrit"


def audience(interne: bool) -> str:
    return "version interne" if interne else "version publique"


def use_color() -> bool:
    """Colours on a terminal, unless NO_COLOR is set (https://no-color.org)."""
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def write(path: Path, data: str | bytes | Iterable[str]) -> None:
    """Write one output file, through :mod:`stspd_cli.output` (atomic, device-safe)."""
    from stspd_cli.output import write_output  # noqa: PLC0415

    write_output(data, path)
