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
    from stspd_cli.report.consolidate import report_and_pieces  # noqa: PLC0415
    from stspd_cli.report.formats import FORMATS, PREPARED, WITH_PIECES  # noqa: PLC0415
    from stspd_cli.target import audience, use_color  # noqa: PLC0415

    target = target_for("report", format_name, output)
    reference = parse_date(today)
    selection = select(paths, stdin=True)
    name, color = target.spec.name, target.to_stdout and use_color()
    # Without colours, a format may lay out each territory where it was computed (PREPARED).
    prepare = None if color else PREPARED.get(name)
    data, pieces = report_and_pieces(selection.files, reference, interne=interne, prepare=prepare)
    document = FORMATS[name](data, color) if prepare is None else WITH_PIECES[name](data, pieces)
    outcome = Outcome()
    deliver(outcome, target.file_for(NAME, interne=interne), document, audience(interne))
    outcome.say(selection.skipped_line())
    return outcome
