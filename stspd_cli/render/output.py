"""Where rendered documents go: standard output, a file, or a folder for a folder of strategies.

A source strategy is never written over: an output named ``*.yaml``/``*.yml``, or that is one of
the strategy files being rendered, is refused before anything is written.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from stspd_cli.discovery import SUFFIXES, strategy_files
from stspd_cli.errors import InvalidStrategyError, OutputError, StspdError, UnreadableInputError
from stspd_cli.findings import Severity
from stspd_cli.fr import plural
from stspd_cli.output import write_atomic

if TYPE_CHECKING:
    from stspd_cli.render.formats import Format

STDOUT = "-"


class Job(NamedTuple):
    source: Path
    target: Path | None  # None: standard output


@dataclass(eq=False)
class RenderResult:
    stdout: bytes | None = None
    written: list[Path] = field(default_factory=list)
    failed: list[tuple[Path, StspdError]] = field(default_factory=list)
    # Drafts of strategies with errors (--brouillon): written, and still invalid (exit 1).
    drafts: list[tuple[str, int]] = field(default_factory=list)

    def raise_failures(self) -> None:
        """One error for every strategy that could not be rendered (others were written), or,
        for drafts of invalid strategies, one that says they are still invalid (exit 1)."""
        if not self.failed and self.drafts:
            name, errors = self.drafts[0]
            more = f" (et {plural(len(self.drafts) - 1, 'autre')})" if len(self.drafts) > 1 else ""
            msg = (
                f"{name} rendu en brouillon{more} : la stratégie n'est pas valide "
                f"({plural(errors, 'erreur')})"
            )
            raise InvalidStrategyError(msg, hint=f"« stspd validate {name} » liste chaque problème")
        if not self.failed:
            return
        if len(self.failed) == 1:
            raise self.failed[0][1]
        first = self.failed[0][1]
        msg = f"{len(self.failed)} stratégies non rendues ; la première : {first.message}"
        kind = type(first) if isinstance(first, InvalidStrategyError) else StspdError
        error = kind(msg, hint=first.hint)
        error.exit_code = max(e.exit_code for _, e in self.failed)
        raise error


def plan_jobs(source: Path, output: str | None, fmt: Format) -> list[Job]:
    """The (strategy, output) pairs for ``stspd render SOURCE -o OUTPUT``; refuse unsafe ones."""
    if source.is_dir():
        jobs = _folder_jobs(source, output, fmt)
    else:
        if not source.exists():
            msg = f"{source} : fichier introuvable"
            raise UnreadableInputError(msg)
        jobs = [Job(source, _file_target(source, output, fmt))]
    sources = {j.source.resolve() for j in jobs}
    for job in jobs:
        _check_target(job.target, sources)
    return jobs


def _file_target(source: Path, output: str | None, fmt: Format) -> Path | None:
    if output is None or output == STDOUT:
        if fmt.binary and output is None:
            msg = f"le format {fmt.name} s'écrit dans un fichier"
            raise OutputError(msg, hint=f"ajoutez par exemple -o {source.stem}{fmt.suffix}")
        return None
    target = Path(output)
    # "-o build/" names a folder, even one that does not exist yet.
    if target.is_dir() or output.endswith(("/", os.sep)):
        return target / f"{source.stem}{fmt.suffix}"
    return target


def guess_format(output: str | None) -> str:
    """The format an output file's suffix names (``-o lille.pdf``), html otherwise."""
    from stspd_cli.render.formats import FORMATS  # noqa: PLC0415

    if output and output != STDOUT:
        suffix = Path(output).suffix.lower()
        for fmt in FORMATS.values():
            if suffix == fmt.suffix:
                return fmt.name
    return "html"


def _folder_jobs(source: Path, output: str | None, fmt: Format) -> list[Job]:
    if output is None or output == STDOUT:
        msg = f"« {source} » est un dossier : indiquez un dossier de sortie"
        raise OutputError(msg, hint=f"par exemple : stspd render {source} -o build/")
    folder = Path(output)
    if folder.exists() and not folder.is_dir():
        msg = (
            f"« {output} » n'est pas un dossier : un dossier de stratégies se rend dans un dossier"
        )
        raise OutputError(msg)
    return [
        Job(path, folder / path.relative_to(source).with_suffix(fmt.suffix))
        for path in strategy_files([source])
    ]


def _check_target(target: Path | None, sources: set[Path]) -> None:
    if target is None:
        return
    if target.suffix.lower() in SUFFIXES or target.resolve() in sources:
        msg = f"refus d'écrire dans « {target} » : ce serait écraser une stratégie YAML"
        raise OutputError(msg, hint="choisissez un fichier de sortie .html, .md ou .pdf")
    if target.is_dir():
        msg = f"« {target} » est un dossier"
        raise OutputError(msg)


def render_paths(
    source: Path,
    *,
    output: str | None,
    format_name: str | None = None,
    interne: bool = False,
    templates: Path | None = None,
    brouillon: bool = False,
) -> RenderResult:
    """Render one strategy, or every strategy of a folder, to where ``output`` says.

    Without a format, the output file's suffix chooses it (html by default). A strategy that
    cannot be rendered does not stop the others; see :meth:`RenderResult.raise_failures`. With
    ``brouillon``, a strategy with errors is rendered as a draft (:mod:`stspd_cli.render.draft`)
    and still counts as invalid.
    """
    from stspd_cli.render import get_format, load_strategy, render_document  # noqa: PLC0415
    from stspd_cli.render.draft import draft_of  # noqa: PLC0415
    from stspd_cli.render.settings import template_dirs  # noqa: PLC0415
    from stspd_cli.strategy_io import load_draft  # noqa: PLC0415
    from stspd_cli.validate import display_name  # noqa: PLC0415

    fmt = get_format(format_name or guess_format(output))
    jobs = plan_jobs(source, output, fmt)
    result = RenderResult()
    for job in jobs:
        try:
            name = display_name(job.source)
            dirs = template_dirs(templates, job.source)
            if brouillon:
                read = load_draft(job.source, name)
                draft = draft_of(read.findings, read.data, read.file, interne=interne)
                data = render_document(
                    read.doc, fmt.name, interne=interne, templates=dirs, draft=draft
                )
                errors = sum(f.severity is Severity.ERROR for f in read.findings)
                if errors:
                    result.drafts.append((name, errors))
            else:
                doc = load_strategy(job.source, name)
                data = render_document(doc, fmt.name, interne=interne, templates=dirs)
        except (InvalidStrategyError, UnreadableInputError) as error:
            result.failed.append((job.source, error))
            continue
        if job.target is None:
            result.stdout = data
        else:
            write_atomic(job.target, data)
            result.written.append(job.target)
    return result
