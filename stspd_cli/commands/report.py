"""``stspd report``: the progress report of one or several strategies."""

from __future__ import annotations

from pathlib import Path

from stspd_cli.commands import deliver, parse_date
from stspd_cli.outcome import Outcome

NAME = "bilan"  # build/bilan.pdf, build/bilan-interne.pdf


def report_command(
    paths: list[Path] | None,
    *,
    format_name: str | None = None,
    output: str | None = None,
    today: str | None = None,
    interne: bool = False,
) -> Outcome:
    from stspd_cli.discovery import select  # noqa: PLC0415
    from stspd_cli.formats.registries import target_for  # noqa: PLC0415
    from stspd_cli.report.consolidate import report_of  # noqa: PLC0415
    from stspd_cli.report.formats import FORMATS  # noqa: PLC0415
    from stspd_cli.target import audience, use_color  # noqa: PLC0415

    target = target_for("report", format_name, output)
    reference = parse_date(today)
    selection = select(paths, stdin=True)
    data = report_of(selection.files, reference, interne=interne)
    document = FORMATS[target.spec.name](data, target.to_stdout and use_color())
    outcome = Outcome()
    deliver(outcome, target.file_for(NAME, interne=interne), document, audience(interne))
    outcome.say(selection.skipped_line())
    return outcome
