"""The registry of rule descriptions: stable codes, severities and French messages.

The texts live in ``data/regles.yaml``; checks refer to rules by code only.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from stspd_cli.findings import Finding, Path_, Severity
from stspd_cli.resources import load_data


@dataclass(frozen=True, slots=True)
class RuleInfo:
    code: str
    name: str
    severity: Severity
    title: str
    message: str
    explanation: str
    unreadable: bool


@cache
def all_rules() -> dict[str, RuleInfo]:
    raw = load_data("regles.yaml")
    assert isinstance(raw, dict)
    rules: dict[str, RuleInfo] = {}
    for code, entry in raw.items():
        rules[code] = RuleInfo(
            code=code,
            name=entry["nom"],
            severity=Severity(entry["gravite"]),
            title=entry["titre"],
            message=entry["message"],
            explanation=entry["explication"],
            unreadable=bool(entry.get("illisible", False)),
        )
    return rules


def rule(code: str) -> RuleInfo:
    return all_rules()[code]


def make_finding(
    code: str,
    file: str,
    line: int,
    column: int,
    path: Path_ = (),
    **params: object,
) -> Finding:
    """Build a finding for ``code`` with its French message filled from ``params``."""
    info = rule(code)
    return Finding(
        file=file,
        line=line,
        column=column,
        code=code,
        severity=info.severity,
        message=info.message.format(**params),
        path=path,
        unreadable=info.unreadable,
    )
