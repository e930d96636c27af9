"""``stspd validate``: every finding of every strategy, in one report."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
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
    options = OutputOptions(color=target.to_stdout and use_color(), strict=strict)
    if target.spec.name == "text" and not options.color and target.file_for("validation") is None:
        return _streamed(paths, parse_date(today), use_cache=use_cache, strict=strict)
    report = validate_paths(paths, parse_date(today), use_cache=use_cache)
    outcome = Outcome(exit_code=report.exit_code(strict=strict))
    deliver(outcome, target.file_for("validation"), FORMATS[target.spec.name](report, options))
    return outcome


def _streamed(paths: list[Path] | None, today: date, *, use_cache: bool, strict: bool) -> Outcome:
    """Plain text on standard output, written as the files are checked, in the order of their
    names (the order of the sorted report): memory stays that of one file whatever their
    number (docs/performance.md). The exit code is known once everything is written."""
    from stspd_cli.discovery import select  # noqa: PLC0415
    from stspd_cli.formats.findings import text_stream  # noqa: PLC0415
    from stspd_cli.inputs import display_name  # noqa: PLC0415
    from stspd_cli.validate import Tally, iter_results  # noqa: PLC0415

    selection = select(list(paths or []), stdin=True)
    files = sorted(selection.files, key=display_name)
    tally = Tally([display_name(p) for p in selection.skipped])
    outcome = Outcome()

    def written() -> Iterator[str]:
        yield from text_stream(iter_results(files, today, use_cache=use_cache), tally)
        outcome.exit_code = tally.exit_code(strict=strict)

    outcome.stdout = written()
    return outcome
