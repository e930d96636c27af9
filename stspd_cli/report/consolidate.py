"""One report over several territories: each territory, plus the consolidated view."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from stspd_cli.report.compute import (
    FUNDING_STATES,
    counted,
    funding_amounts,
    share,
    territory_report,
)


def build_report(paths: list[Path] | None, today: date, *, interne: bool) -> dict[str, Any]:
    """The report of the strategies ``paths`` name (files, folders, ``-``; strategies/ when
    empty), at ``today``, public unless ``interne``."""
    from stspd_cli.discovery import select  # noqa: PLC0415

    return report_of(select(paths, stdin=True).files, today, interne=interne)


# Below this many strategies, starting worker processes costs more than it saves.
PARALLEL_FROM = 8


def report_of(files: list[Path], today: date, *, interne: bool) -> dict[str, Any]:
    """The report of ``files`` (see :func:`report_and_pieces`)."""
    return report_and_pieces(files, today, interne=interne)[0]


# What a format makes of one territory, in the worker that computed it (report/formats.py).
Prepare = Callable[[dict[str, Any], date], Any]


def report_and_pieces(
    files: list[Path], today: date, *, interne: bool, prepare: Prepare | None = None
) -> tuple[dict[str, Any], list[Any]]:
    """The report of ``files``, and what ``prepare`` makes of each territory (none without
    it): each territory in worker processes, one per available core, from PARALLEL_FROM
    strategies on (in order; the first strategy that cannot be read stops it, as one after
    the other)."""
    from stspd_cli.discovery import STDIN  # noqa: PLC0415
    from stspd_cli.workers import in_order  # noqa: PLC0415

    work = [(path, today, interne, prepare) for path in files]
    if STDIN in files:  # standard input is read in this process
        done = [_territory(item) for item in work]
    else:
        done = in_order(_territory, work, at_least=PARALLEL_FROM, preload=_preload)
    territories = [territory for territory, _piece in done]
    report: dict[str, Any] = {
        "date": today.isoformat(),
        "diffusion": "interne" if interne else "publique",
        "territoires": territories,
    }
    if len(territories) > 1:
        report["consolide"] = consolidate(territories)
    return report, [piece for _territory, piece in done] if prepare is not None else []


def _territory(work: tuple[Path, date, bool, Prepare | None]) -> tuple[dict[str, Any], Any]:
    from stspd_cli.confidentiality import view  # noqa: PLC0415
    from stspd_cli.inputs import display_name  # noqa: PLC0415
    from stspd_cli.strategy_io import load_model  # noqa: PLC0415

    path, today, interne, prepare = work
    doc = view(load_model(path, today, records=True), interne=interne)
    territory = territory_report(doc, today, display_name(path))
    return territory, None if prepare is None else prepare(territory, today)


def _preload() -> None:
    """Import the rules and build the compiled model's validator before the workers fork:
    each would otherwise do it again (its start-up cost). pydantic is not imported: a file the
    compiled model accepts is read without it, like ``validate`` reads it; a worker that meets
    one it does not accept imports pydantic then."""
    from stspd_cli import confidentiality, inputs, strategy_io  # noqa: F401, PLC0415
    from stspd_cli.checks import all_checks  # noqa: PLC0415
    from stspd_cli.model.plain import read_plain  # noqa: PLC0415

    all_checks()
    read_plain({})


def consolidate(territories: list[dict[str, Any]]) -> dict[str, Any]:
    total = sum(t["actions"]["total"] for t in territories)
    statuses: dict[str, int] = defaultdict(int)
    for t in territories:
        for key, value in t["actions"]["par_statut"].items():
            statuses[key] += value["nombre"]
    every: list[tuple[str, float]] = []
    sources: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for t in territories:
        for source, amounts in t["financement"]["par_source"].items():
            lines = [(state, float(amounts[state] or 0)) for state in FUNDING_STATES]
            sources[source] += lines
            every += lines
    by_source = {k: funding_amounts(v) for k, v in sources.items()}
    late = sum(len(t["en_retard"]) for t in territories)
    return {
        "territoires": len(territories),
        "actions": {
            "total": total,
            "par_statut": {k: counted(v, total) for k, v in statuses.items()},
            "par_territoire": [
                {"territoire": t["territoire"], "total": t["actions"]["total"]} for t in territories
            ],
        },
        "en_retard": {"nombre": late, "pourcentage": share(late, total)},
        "financement": {
            **funding_amounts(every),
            "par_source": dict(sorted(by_source.items(), key=lambda x: -(x[1]["total"] or 0))),
        },
        "axes_non_couverts": {
            t["territoire"]: t["alignement"]["axes_non_couverts"] for t in territories
        },
    }
