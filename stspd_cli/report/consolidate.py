"""One report over several territories: each territory, plus the consolidated view."""

from __future__ import annotations

from collections import defaultdict
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
    """The report of ``files``: each territory in worker processes, one per available core,
    from PARALLEL_FROM strategies on (in order; the first strategy that cannot be read stops
    it, as one after the other)."""
    from stspd_cli.discovery import STDIN  # noqa: PLC0415
    from stspd_cli.workers import in_order  # noqa: PLC0415

    work = [(path, today, interne) for path in files]
    if STDIN in files:  # standard input is read in this process
        territories = [_territory(item) for item in work]
    else:
        territories = in_order(_territory, work, at_least=PARALLEL_FROM, preload=_preload)
    report: dict[str, Any] = {
        "date": today.isoformat(),
        "diffusion": "interne" if interne else "publique",
        "territoires": territories,
    }
    if len(territories) > 1:
        report["consolide"] = consolidate(territories)
    return report


def _territory(work: tuple[Path, date, bool]) -> dict[str, Any]:
    from stspd_cli.confidentiality import view  # noqa: PLC0415
    from stspd_cli.inputs import display_name  # noqa: PLC0415
    from stspd_cli.strategy_io import load_model  # noqa: PLC0415

    path, today, interne = work
    return territory_report(
        view(load_model(path, today), interne=interne), today, display_name(path)
    )


def _preload() -> None:
    """Import the model and the rules, and build pydantic's validator, before the workers
    fork: each would otherwise do it again (its start-up cost)."""
    from stspd_cli import confidentiality, inputs, strategy_io  # noqa: F401, PLC0415
    from stspd_cli.checks import all_checks  # noqa: PLC0415
    from stspd_cli.model import Document  # noqa: PLC0415

    all_checks()
    Document.model_rebuild(force=True)


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
