"""Indicator rules: labels unique within an action, one measure per date."""

from __future__ import annotations

from stspd_cli.checks import CheckContext, check
from stspd_cli.findings import Path_
from stspd_cli.fr import date_on


@check("N001", "N002")
def indicators_identifiable(ctx: CheckContext) -> None:
    """Indicators are told apart by their label; measures by their date."""
    for ref in ctx.doc.iter_actions():
        seen: dict[str, Path_] = {}
        for i, indicator in enumerate(ref.action.indicateurs):
            path: Path_ = (*ref.path, "indicateurs", i)
            key = indicator.libelle.strip().casefold()
            if key in seen:
                ctx.report(
                    "N001",
                    (*path, "libelle"),
                    libelle=indicator.libelle,
                    ligne=ctx.line_of(seen[key]),
                )
            else:
                seen[key] = (*path, "libelle")
            dates = set()
            for m, measure in enumerate(indicator.mesures):
                if measure.date in dates:
                    ctx.report(
                        "N002",
                        (*path, "mesures", m, "date"),
                        libelle=indicator.libelle,
                        date=date_on(measure.date),
                    )
                dates.add(measure.date)
