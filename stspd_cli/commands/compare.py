"""``stspd diff`` (what changed between two versions) and ``stspd texte`` (one fact a line, the
view ``git diff`` shows through the textconv driver)."""

from __future__ import annotations

from pathlib import Path

from stspd_cli.commands import deliver
from stspd_cli.errors import EXIT_INVALID
from stspd_cli.outcome import Outcome


def _stem(argument: str) -> str:
    """``clspd-lille`` for ``strategies/clspd-lille.yaml`` and ``v2017:strategies/...``."""
    from stspd_cli.diff.sources import is_git_object  # noqa: PLC0415
    from stspd_cli.inputs import input_stem  # noqa: PLC0415

    if is_git_object(argument):
        argument = argument.partition(":")[2]
    return input_stem(Path(argument))


def diff_command(
    old: str,
    new: str,
    *,
    format_name: str | None = None,
    output: str | None = None,
    exit_code: bool = False,
    interne: bool = False,
) -> Outcome:
    from stspd_cli.diff import diff_versions  # noqa: PLC0415
    from stspd_cli.diff.formats import FORMATS, DiffOutput  # noqa: PLC0415
    from stspd_cli.formats.registries import target_for  # noqa: PLC0415
    from stspd_cli.target import audience, use_color  # noqa: PLC0415

    target = target_for("diff", format_name, output)
    changes, presentation = diff_versions(old, new, interne=interne)
    color = target.to_stdout and use_color()
    document = FORMATS[target.spec.name](
        DiffOutput(changes, presentation, color=color, interne=interne)
    )
    outcome = Outcome(exit_code=EXIT_INVALID if exit_code and changes else 0)
    path = target.file_for(_stem(new), interne=interne, tail="-modifications")
    deliver(outcome, path, document, audience(interne))
    return outcome


TEXT_FORMATS = {"text": None}


def texte_command(path: str | None, *, output: str | None = None, interne: bool = False) -> Outcome:
    from stspd_cli.confidentiality import view  # noqa: PLC0415
    from stspd_cli.diff.sources import is_git_object, load_version  # noqa: PLC0415
    from stspd_cli.diff.textconv import as_text  # noqa: PLC0415
    from stspd_cli.discovery import select  # noqa: PLC0415
    from stspd_cli.target import audience, resolve, specs  # noqa: PLC0415

    target = resolve("texte", specs(TEXT_FORMATS), format_name=None, output=output, default="text")
    if path is None or not is_git_object(path):
        path = str(select([Path(path)] if path else None, stdin=True, single=True).files[0])
    outcome = Outcome()
    text = as_text(view(load_version(path), interne=interne))
    deliver(
        outcome,
        target.file_for(_stem(path), interne=interne, tail="-texte"),
        text,
        audience(interne),
    )
    return outcome
