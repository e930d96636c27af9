"""``stspd validate``: every finding of every strategy, in one report."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from stspd_cli.commands import deliver, parse_date
from stspd_cli.outcome import Outcome

if TYPE_CHECKING:
    from stspd_cli.validate import FileResult


def validate_command(
    paths: list[Path] | None,
    *,
    format_name: str | None = None,
    output: str | None = None,
    strict: bool = False,
    today: str | None = None,
    use_cache: bool = True,
) -> Outcome:
    """The report is written as the files are checked, in the order of their names (the
    order of the sorted report), to standard output or to its file, in every format: the
    files are found as they are checked, and only the counts are kept, so that memory stays
    that of a few files whatever their number (docs/performance.md). The exit code is known
    once everything is written."""
    from stspd_cli.discovery import Stream  # noqa: PLC0415
    from stspd_cli.formats.findings import WRITERS, OutputOptions  # noqa: PLC0415
    from stspd_cli.formats.registries import target_for  # noqa: PLC0415
    from stspd_cli.target import use_color  # noqa: PLC0415
    from stspd_cli.validate import Tally, iter_results  # noqa: PLC0415

    target = target_for("validate", format_name, output)
    options = OutputOptions(color=target.to_stdout and use_color(), strict=strict)
    day = parse_date(today)
    selection = Stream(paths, stdin=True)
    tally = Tally(selection.skipped)  # complete once the files are all read
    results = _primed(iter_results(selection, day, use_cache=use_cache))
    outcome = Outcome()

    def written() -> Iterator[str]:
        yield from WRITERS[target.spec.name](results, tally, options)
        outcome.exit_code = tally.exit_code(strict=strict)

    deliver(outcome, target.file_for("validation"), written())
    return outcome


def _primed(results: Iterator[FileResult]) -> Iterator[FileResult]:
    """``results``, the first one read now: an error about the files named (a folder without
    any strategy) is raised before anything is written, as when the whole report was made
    first."""
    first = next(results, None)
    return results if first is None else itertools.chain((first,), results)
