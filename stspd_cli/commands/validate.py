"""``stspd validate``: every finding of every strategy, in one report."""

from __future__ import annotations

from pathlib import Path

from stspd_cli.commands import deliver, parse_date
from stspd_cli.outcome import Outcome


def validate_command(
    paths: list[Path] | None,
    *,
    format_name: str | None = None,
    output: str | None = None,
    strict: bool = False,
    today: str | None = None,
    use_cache: bool = True,
) -> Outcome:
    from stspd_cli.formats.findings import FORMATS, OutputOptions  # noqa: PLC0415
    from stspd_cli.formats.registries import target_for  # noqa: PLC0415
    from stspd_cli.target import use_color  # noqa: PLC0415
    from stspd_cli.validate import validate_paths  # noqa: PLC0415

    target = target_for("validate", format_name, output)
    report = validate_paths(paths, parse_date(today), use_cache=use_cache)
    options = OutputOptions(color=target.to_stdout and use_color(), strict=strict)
    outcome = Outcome(exit_code=report.exit_code(strict=strict))
    deliver(outcome, target.file_for("validation"), FORMATS[target.spec.name](report, options))
    return outcome
