"""Progress report for the council and funders: figures computed from one or more strategies."""

from stspd_cli.report.compute import territory_report
from stspd_cli.report.consolidate import build_report

__all__ = ["build_report", "territory_report"]
