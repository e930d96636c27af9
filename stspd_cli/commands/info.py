"""``stspd schema``, ``stspd regles``, ``stspd referentiels``: what the tool knows."""

from __future__ import annotations

from stspd_cli.commands import deliver
from stspd_cli.outcome import Outcome

SCHEMA_FORMATS = {"json": None}


def schema_command(*, output: str | None = None) -> Outcome:
    from stspd_cli.schema import json_schema_text  # noqa: PLC0415
    from stspd_cli.target import resolve, specs  # noqa: PLC0415

    target = resolve(
        "schema", specs(SCHEMA_FORMATS), format_name=None, output=output, default="json"
    )
    outcome = Outcome()
    deliver(outcome, target.file_for("stspd-1.schema"), json_schema_text())
    return outcome


def regles_command(*, format_name: str | None = None, output: str | None = None) -> Outcome:
    from stspd_cli.formats.registries import target_for  # noqa: PLC0415
    from stspd_cli.rulesdoc import RULE_FORMATS  # noqa: PLC0415

    target = target_for("regles", format_name, output)
    outcome = Outcome()
    deliver(outcome, target.file_for("regles"), RULE_FORMATS[target.spec.name]())
    return outcome


def referentiels_command() -> Outcome:
    from datetime import date  # noqa: PLC0415

    from stspd_cli.fr import date_span  # noqa: PLC0415
    from stspd_cli.frameworks import frameworks  # noqa: PLC0415

    lines = []
    for frame in frameworks().values():
        state = ", provisoire" if frame.provisional else ""
        span = date_span(date.fromisoformat(frame.debut), date.fromisoformat(frame.fin))
        lines.append(f"{frame.id} : {frame.titre} ({span}{state})")
        lines.extend(f"  {frame.id}/{axis.id} : {axis.titre}" for axis in frame.axes)
    return Outcome(stdout="\n".join(lines) + "\n")
