"""The repository's own strategies (and the demonstration examples) pass validation.

Warnings are allowed: a real strategy may have actions without a pilote, or deadlines passed.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from stspd_cli.findings import Severity
from stspd_cli.validate import validate_file

ROOT = Path(__file__).parents[1]
STRATEGIES = sorted((ROOT / "strategies").glob("*.yaml"))
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def test_there_are_strategies() -> None:
    assert STRATEGIES, "strategies/ ne contient aucune stratégie"


@pytest.mark.parametrize("path", STRATEGIES + EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_strategy_has_no_error(path: Path) -> None:
    result = validate_file(path, date.today())
    errors = [f for f in result.findings if f.severity is Severity.ERROR]
    assert not errors, "\n".join(f"{f.location}: {f.code} {f.message}" for f in errors)
    assert result.semantics_checked
