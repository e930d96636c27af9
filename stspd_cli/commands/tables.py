"""``stspd export`` (the partners' tracking table) and ``stspd import`` (their updates)."""

from __future__ import annotations

from pathlib import Path

from stspd_cli.commands import parse_date
from stspd_cli.outcome import Outcome


def export_command(
    paths: list[Path] | None,
    *,
    format_name: str | None = None,
    output: str | None = None,
    today: str | None = None,
    interne: bool = False,
) -> Outcome:
    """One table per strategy: to ``-o``, or into ``build/`` (``<stratégie>-suivi.xlsx``)."""
    from stspd_cli.discovery import select  # noqa: PLC0415
    from stspd_cli.formats.registries import target_for  # noqa: PLC0415
    from stspd_cli.fr import plural  # noqa: PLC0415
    from stspd_cli.inputs import input_stem  # noqa: PLC0415
    from stspd_cli.spreadsheet.export import SUFFIX, export_table  # noqa: PLC0415
    from stspd_cli.target import audience, refuse_sources, wrote  # noqa: PLC0415

    selection = select(paths, stdin=True)
    many = selection.folders or len(selection.files) > 1
    target = target_for("export", format_name, output, many=many)
    outcome = Outcome()
    files = selection.files
    places = [target.file_for(input_stem(p), interne=interne, tail=SUFFIX) for p in files]
    refuse_sources(places, files)
    for path, place in zip(files, places, strict=True):
        done = export_table(
            path,
            format_name=target.spec.name,
            target=place,
            interne=interne,
            today=parse_date(today),
        )
        if place is None:
            outcome.stdout = done.data
            continue
        counts = f"{plural(done.actions, 'action')}, {plural(done.indicators, 'indicateur')}"
        outcome.say(wrote(place, f"{counts}, {audience(interne)}"))
    outcome.say(selection.skipped_line())
    return outcome


def import_command(
    strategy: Path, table: Path, *, apply: bool = False, today: str | None = None
) -> Outcome:
    from stspd_cli.spreadsheet.importer import import_table  # noqa: PLC0415
    from stspd_cli.spreadsheet.messages import diagnostics_text, report_text  # noqa: PLC0415
    from stspd_cli.target import use_color  # noqa: PLC0415

    done = import_table(strategy, table, apply=apply, today=parse_date(today))
    # What was written is said in the report itself: « 4 modifications écrites dans x.yaml. »
    return Outcome(
        stdout=report_text(done, color=use_color()),
        exit_code=done.exit_code,
        raw_stderr=diagnostics_text(done),
    )
