"""One report over several territories: each territory, plus the consolidated view.

The territories are computed in worker processes and come back one at a time, in the order of
the files (:func:`territories`); the consolidated view is added up as they come
(:class:`Consolidation`). A format that writes each territory as it comes (the text bilan,
JSON: ``report/formats.py``, ``STREAMED``) keeps nothing of a territory once written: memory
stays that of a few strategies whatever their number. The others are given the whole report
(:func:`report_of`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
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

# What a format makes of one territory, in the worker that computed it (report/formats.py).
Prepare = Callable[[dict[str, Any], date], Any]


def head(today: date, *, interne: bool) -> dict[str, Any]:
    """What the report says before its territories: its date and its audience."""
    return {"date": today.isoformat(), "diffusion": "interne" if interne else "publique"}


def report_of(files: list[Path], today: date, *, interne: bool) -> dict[str, Any]:
    """The report of ``files``: its head, every territory, and the consolidated view when
    there are several."""
    totals = Consolidation()
    listed = []
    for territory, _piece in territories(files, today, interne=interne):
        totals.add(territory)
        listed.append(territory)
    report = {**head(today, interne=interne), "territoires": listed}
    consolidated = totals.result()
    if consolidated is not None:
        report["consolide"] = consolidated
    return report


def territories(
    files: list[Path], today: date, *, interne: bool, prepare: Prepare | None = None
) -> Iterator[tuple[dict[str, Any], Any]]:
    """Each territory of ``files``, in their order, one at a time as they are read, with what
    ``prepare`` makes of it (None without it), in worker processes, one per available core,
    from PARALLEL_FROM strategies on (:func:`stspd_cli.workers.lazily`: the first is computed
    here, before the workers fork, so that they inherit what it imports). The first strategy
    that cannot be read stops it, as one after the other."""
    from stspd_cli.discovery import STDIN  # noqa: PLC0415
    from stspd_cli.workers import lazily  # noqa: PLC0415

    work = [(path, today, interne, prepare) for path in files]
    if STDIN in files:  # standard input is read in this process
        return (_territory(item) for item in work)
    return lazily(_territory, work, known=work, at_least=PARALLEL_FROM)


def _territory(work: tuple[Path, date, bool, Prepare | None]) -> tuple[dict[str, Any], Any]:
    from stspd_cli.confidentiality import view  # noqa: PLC0415
    from stspd_cli.inputs import display_name  # noqa: PLC0415
    from stspd_cli.strategy_io import load_model  # noqa: PLC0415

    path, today, interne, prepare = work
    doc = view(load_model(path, today, records=True), interne=interne)
    territory = territory_report(doc, today, display_name(path))
    return territory, None if prepare is None else prepare(territory, today)


class Consolidation:
    """The consolidated view, added up one territory at a time: per territory, it keeps only
    its name, its count of actions and its uncovered axes. Amounts are added in the order of
    the territories, the same sums as over the whole list."""

    def __init__(self) -> None:
        self.count = 0
        self.total = 0
        self.late = 0
        self.undated = 0  # actions without a deadline (the text bilan says so)
        self.statuses: dict[str, int] = defaultdict(int)
        self.every: dict[str, float] = defaultdict(float)
        self.sources: dict[str, dict[str, float]] = {}
        self.per_territory: list[dict[str, Any]] = []
        self.uncovered: dict[str, Any] = {}

    def add(self, t: dict[str, Any]) -> None:
        self.count += 1
        self.total += t["actions"]["total"]
        for key, value in t["actions"]["par_statut"].items():
            self.statuses[key] += value["nombre"]
        for source, amounts in t["financement"]["par_source"].items():
            by_state = self.sources.setdefault(source, defaultdict(float))
            for state in FUNDING_STATES:
                amount = float(amounts[state] or 0)
                by_state[state] += amount
                self.every[state] += amount
        self.late += len(t["en_retard"])
        self.undated += len(t["sans_calendrier"])
        self.per_territory.append({"territoire": t["territoire"], "total": t["actions"]["total"]})
        self.uncovered[t["territoire"]] = t["alignement"]["axes_non_couverts"]

    def result(self) -> dict[str, Any] | None:
        """The consolidated view, or None for fewer than two territories."""
        if self.count < 2:
            return None
        total = self.total
        by_source = {k: funding_amounts(v.items()) for k, v in self.sources.items()}
        return {
            "territoires": self.count,
            "actions": {
                "total": total,
                "par_statut": {k: counted(v, total) for k, v in self.statuses.items()},
                "par_territoire": list(self.per_territory),
            },
            "en_retard": {"nombre": self.late, "pourcentage": share(self.late, total)},
            "financement": {
                **funding_amounts(self.every.items()),
                "par_source": dict(sorted(by_source.items(), key=lambda x: -(x[1]["total"] or 0))),
            },
            "axes_non_couverts": dict(self.uncovered),
        }
