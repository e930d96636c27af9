"""The example files of tests/examples/ give exactly the findings they declare.

One harness for every rule: a new rule adds an example file (see tests/examples/README.md), and
``test_every_rule_has_an_example`` fails until it does.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from example_files import (
    INVALID_DIR,
    TODAY,
    VALID_DIR,
    Expected,
    example_files,
    expected_findings,
    sidecar,
)

from stspd_cli.findings import Finding
from stspd_cli.formats.findings import FORMATS, OutputOptions
from stspd_cli.load import MAX_FINDINGS
from stspd_cli.rules import all_rules
from stspd_cli.source import MAX_BYTES
from stspd_cli.validate import FileResult, ValidationReport, validate_file
from stspd_cli.yamlparse import MAX_DEPTH, MAX_VALUES

# Rules that no input can trigger today, with the reason. If an example ever triggers one, the
# coverage test fails so that the entry is removed.
UNREACHABLE: dict[str, str] = {
    "S009": "a root that is a list or a plain value never starts with « schema: stspd/… »: "
    "S019 says the file is not a strategy first",
}

# Words of libyaml's English messages: a finding that contains one was not translated.
_ENGLISH = re.compile(
    r"\b(while|found|expected|could not|did not|not allowed|unacceptable|scanning)\b"
)

DEEP = 100_000


@dataclass(frozen=True)
class Generated:
    """A case too big to commit, or that is not a regular file: built in a temporary folder."""

    make: Callable[[Path], Path]
    expected: Expected


def _too_big(folder: Path) -> Path:
    path = folder / "trop-gros.yaml"
    with path.open("wb") as stream:
        stream.write(b"schema: stspd/1\n")
        stream.truncate(MAX_BYTES + 1)  # sparse: the size is what matters, not the content
    return path


def _deep_flow(folder: Path) -> Path:
    path = folder / "imbrication-crochets.yaml"
    path.write_text("schema: stspd/1\nx: " + "[" * DEEP + "]" * DEEP + "\n", encoding="utf-8")
    return path


def _deep_block(folder: Path) -> Path:
    path = folder / "imbrication-tirets.yaml"
    path.write_text("schema: stspd/1\nx:\n" + "- " * DEEP + "x\n", encoding="utf-8")
    return path


def _missing(folder: Path) -> Path:
    return folder / "introuvable.yaml"


def _directory(folder: Path) -> Path:
    path = folder / "dossier.yaml"
    path.mkdir()
    return path


_MINIMAL = (
    "schema: stspd/1\nterritoire:\n  nom: Bourg-les-Vignes\n  instance: CLSPD\n"
    "strategie:\n  titre: Stratégie\nacteurs:\n"
)
_FIRST_ITEM = _MINIMAL.count("\n") + 1  # the line of the first list item below « acteurs: »
MANY = MAX_FINDINGS + 500


def _many_findings(folder: Path) -> Path:
    path = folder / "problemes-innombrables.yaml"
    path.write_text(_MINIMAL + "  - 1\n" * MANY, encoding="utf-8")
    return path


def _too_many_values(folder: Path) -> Path:
    path = folder / "valeurs-innombrables.yaml"
    path.write_text("schema: stspd/1\nx:\n" + "- 1\n" * MAX_VALUES, encoding="utf-8")
    return path


def _fifo(folder: Path) -> Path:
    path = folder / "tube.yaml"
    os.mkfifo(path)
    return path


def _device(_folder: Path) -> Path:
    return Path("/dev/zero")


GENERATED = {
    "trop-gros": Generated(_too_big, {(0, 0, "S007")}),
    # The root mapping is level 1; the bracket that opens level MAX_DEPTH + 1 is refused.
    "imbrication-crochets": Generated(_deep_flow, {(2, len("x: ") + MAX_DEPTH, "S010")}),
    "imbrication-tirets": Generated(_deep_block, {(3, 2 * MAX_DEPTH - 1, "S010")}),
    "introuvable": Generated(_missing, {(0, 0, "S013")}),
    "dossier": Generated(_directory, {(0, 0, "S013")}),
    "tube-nomme": Generated(_fifo, {(0, 0, "S013")}),
    "peripherique": Generated(_device, {(0, 0, "S013")}),
    # Each item is an error; the first MAX_FINDINGS are kept, the others counted in one S015.
    "problemes-innombrables": Generated(
        _many_findings,
        {(_FIRST_ITEM + i, 5, "M002") for i in range(MAX_FINDINGS)} | {(0, 0, "S015")},
    ),
    # The root mapping, the schema and the list are values 1 to 3: item n is value n + 3, on
    # line n + 2; the item that reaches the limit is on line MAX_VALUES.
    "valeurs-innombrables": Generated(_too_many_values, {(MAX_VALUES, 3, "S016")}),
}


def _actual(result: FileResult) -> Expected:
    return {(f.line, f.column, f.code) for f in result.findings}


def _describe(findings: list[Finding]) -> str:
    return "\n".join(f"  {f.line}:{f.column} {f.code} {f.message}" for f in sorted(findings))


def _check_findings_are_well_formed(result: FileResult) -> None:
    rules = all_rules()
    keys = [(f.line, f.column, f.code) for f in result.findings]
    assert len(keys) == len(set(keys)), "un même problème est signalé deux fois"
    for f in result.findings:
        info = rules[f.code]
        assert f.severity == info.severity
        assert f.unreadable == info.unreadable
        assert f.message.strip(), f"{f.code} : message vide"
        assert _ENGLISH.search(f.message) is None, f"message non traduit : {f.message}"
        assert (f.line == 0) == (f.column == 0), "0:0 désigne le fichier entier, ou rien"
        assert f.line >= 0
        assert f.column >= 0
        assert all(isinstance(part, str | int) for part in f.path)
    # Every output format renders the findings without raising.
    report = ValidationReport(files=[result])
    for name, render in FORMATS.items():
        out = render(report, OutputOptions(color=name == "text"))
        assert out.endswith("\n")
    payload = json.loads(FORMATS["json"](report, OutputOptions()))
    assert len(payload["findings"]) == len(result.findings)


@pytest.mark.parametrize("path", example_files(VALID_DIR), ids=lambda p: p.name)
def test_valid_example(path: Path) -> None:
    assert expected_findings(path) == set(), "un exemple valide n'annonce aucun problème"
    result = validate_file(path, TODAY)
    assert result.findings == [], "problèmes inattendus :\n" + _describe(result.findings)
    assert result.semantics_checked
    _check_findings_are_well_formed(result)


@pytest.mark.parametrize("path", example_files(INVALID_DIR), ids=lambda p: p.name)
def test_invalid_example(path: Path) -> None:
    expected = expected_findings(path)
    assert expected, "un exemple invalide annonce au moins un problème (# attendu: L:C CODE)"
    result = validate_file(path, TODAY)
    actual = _actual(result)
    assert actual == expected, (
        f"en trop : {sorted(actual - expected)}\nmanquants : {sorted(expected - actual)}\n"
        f"trouvés :\n{_describe(result.findings)}"
    )
    _check_findings_are_well_formed(result)


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_example(name: str, tmp_path: Path) -> None:
    case = GENERATED[name]
    path = case.make(tmp_path)
    result = validate_file(path, TODAY)
    assert _actual(result) == case.expected, _describe(result.findings)
    _check_findings_are_well_formed(result)


def test_every_rule_has_an_example() -> None:
    covered: set[str] = set()
    for path in example_files(INVALID_DIR):
        covered |= {code for _line, _column, code in expected_findings(path)}
    for case in GENERATED.values():
        covered |= {code for _line, _column, code in case.expected}
    codes = set(all_rules())
    assert set(UNREACHABLE) <= codes
    missing = codes - covered - set(UNREACHABLE)
    assert not missing, f"règles sans exemple dans tests/examples/invalides/ : {sorted(missing)}"
    reached = covered & set(UNREACHABLE)
    assert not reached, f"retirez {sorted(reached)} de UNREACHABLE : un exemple les déclenche"
    assert covered <= codes, f"codes inconnus annoncés : {sorted(covered - codes)}"


def test_sidecars_belong_to_an_example() -> None:
    for folder in (VALID_DIR, INVALID_DIR):
        for side in folder.glob("*.attendu"):
            example = side.with_name(side.name.removesuffix(".attendu"))
            assert example.is_file(), f"{side.name} n'accompagne aucun exemple"
            assert sidecar(example) == side


def test_examples_are_strategy_files() -> None:
    """Every example is found by `stspd validate <dossier>` (suffix .yaml or .yml)."""
    for folder in (VALID_DIR, INVALID_DIR):
        for path in example_files(folder):
            assert path.suffix in {".yaml", ".yml"}, path.name
