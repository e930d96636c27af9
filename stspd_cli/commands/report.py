"""``stspd report``: the progress report of one or several strategies."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
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
    from stspd_cli.report.consolidate import head, report_of, territories  # noqa: PLC0415
    from stspd_cli.report.formats import FORMATS, STREAMED, streamed  # noqa: PLC0415
    from stspd_cli.target import audience, use_color  # noqa: PLC0415

    target = target_for("report", format_name, output)
    reference = parse_date(today)
    selection = select(paths, stdin=True)
    name, color = target.spec.name, target.to_stdout and use_color()
    document: str | bytes | Iterator[str]
    fmt = None if color else STREAMED.get(name)
    if fmt is None:
        data = report_of(selection.files, reference, interne=interne)
        document = FORMATS[name](data, color)
    else:
        # Written as the territories come, each one's text made by its worker: memory stays
        # that of a few strategies whatever their number (docs/performance.md).
        done = territories(selection.files, reference, interne=interne, prepare=fmt.territory)
        pieces = streamed(fmt, head(reference, interne=interne), done)
        document = _primed(pieces, to_stdout=target.to_stdout)
    outcome = Outcome()
    deliver(outcome, target.file_for(NAME, interne=interne), document, audience(interne))
    outcome.say(selection.skipped_line())
    return outcome


def _primed(pieces: Iterator[str], *, to_stdout: bool) -> Iterator[str]:
    """``pieces``, the first two read now: the head and the first territory, before anything
    is written (what goes wrong with the first strategy is said on an empty output, as when
    the whole report was made first). A strategy further on that cannot be read stops the
    bilan where it is: a file is then not written at all; standard output has had the
    territories before it, and the message says so."""
    from stspd_cli.errors import StspdError  # noqa: PLC0415

    first = list(itertools.islice(pieces, 2))

    def written() -> Iterator[str]:
        yield from first
        try:
            yield from pieces
        except StspdError as error:
            if to_stdout:
                error.message += (
                    " (le bilan écrit sur la sortie standard s'arrête avant cette stratégie)"
                )
            raise

    return written()
