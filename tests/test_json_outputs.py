"""Machine outputs are a contract: every ``--format json`` names its format and version, and real
outputs validate against the JSON Schema committed under schema/ (docs/sorties.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from cli_run import run

# jsonschema ships no type information (see tests/test_schema.py).
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]

from stspd_cli.formats.registries import REGISTRIES, registry

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / "schema"
EXAMPLES = ROOT / "tests" / "examples"
DEMO = ROOT / "examples" / "demo-fictive.yaml"
BEFORE = ROOT / "tests" / "outputs" / "demo-version-precedente.yaml"
LILLE = ROOT / "strategies" / "clspd-lille.yaml"
FIXTURE = ROOT / "tests" / "report" / "fixtures" / "bourg-fictif.yaml"
JSON_COMMANDS = sorted(c for c in REGISTRIES if "json" in registry(c))


def _schema(command: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((SCHEMAS / f"stspd-{command}-1.schema.json").read_text())
    return schema


def _check(command: str, out: str) -> dict[str, Any]:
    payload: dict[str, Any] = json.loads(out)
    errors = sorted(Draft202012Validator(_schema(command)).iter_errors(payload), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])
    assert payload["format"] == f"stspd-{command}/1"
    assert next(iter(payload)) == "format", "la clé format vient en premier"
    return payload


def test_every_json_output_has_a_committed_schema() -> None:
    assert JSON_COMMANDS == ["diff", "report", "validate"]
    for command in JSON_COMMANDS:
        Draft202012Validator.check_schema(_schema(command))


@pytest.mark.parametrize(
    "args",
    [
        [str(EXAMPLES / "valides")],
        [str(EXAMPLES / "invalides")],
        [str(EXAMPLES / "invalides" / "racine-liste.yaml"), "--strict"],
        [str(ROOT / "strategies"), str(ROOT / "examples")],
    ],
    ids=["valides", "invalides", "illisible", "depot"],
)
def test_validate_json(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    _code, out, _err = run(capsys, "validate", *args, "-f", "json", "--date", "2026-01-15")
    payload = _check("validate", out)
    assert payload["summary"]["files"] >= 1


@pytest.mark.parametrize(
    "args",
    [
        [str(ROOT / "strategies")],
        [str(DEMO), "--interne"],
        [str(DEMO), str(ROOT / "strategies"), str(FIXTURE)],
        [str(LILLE), "--date", "2031-01-01"],
        [str(DEMO), "--date", "2027-09-01"],
    ],
    ids=["strategies", "interne", "consolide", "apres-la-periode", "en-retard"],
)
def test_report_json(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    has_date = "--date" in args
    day = [] if has_date else ["--date", "2026-03-02"]
    code, out, err = run(capsys, "report", *args, *day, "-f", "json")
    assert code == 0, err
    _check("report", out)


@pytest.mark.parametrize(
    ("old", "new", "options"),
    [
        (BEFORE, DEMO, []),
        (BEFORE, DEMO, ["--interne"]),
        (LILLE, LILLE, []),
        (DEMO, BEFORE, []),
    ],
    ids=["demo", "interne", "aucune", "a-rebours"],
)
def test_diff_json(
    old: Path, new: Path, options: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "diff", str(old), str(new), "-f", "json", *options)
    assert code == 0, err
    payload = _check("diff", out)
    assert payload["summary"]["total"] == len(payload["changes"])


def test_the_table_of_formats_of_the_docs_follows_the_registries() -> None:
    """docs/sorties.md lists each command's formats and default: as its registry says."""
    from stspd_cli.formats.registries import DEFAULTS  # noqa: PLC0415

    text = (ROOT / "docs" / "sorties.md").read_text(encoding="utf-8")
    rows = {
        cells[0].strip("` "): cells
        for line in text.splitlines()
        if line.startswith("| `")
        and len(cells := [c.strip() for c in line.strip("|").split("|")]) == 4
    }
    for command in REGISTRIES:
        assert command in rows, f"docs/sorties.md ne dit pas les formats de {command}"
        formats, default = rows[command][1], rows[command][2]
        assert formats.split(", ") == list(registry(command)), command
        assert default == DEFAULTS[command], command
