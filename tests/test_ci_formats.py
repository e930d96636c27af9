"""`stspd validate --format github|gitlab`: annotations and Code Quality reports for forges."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from cli_run import run as cli_run

ROOT = Path(__file__).parent.parent
BAD = ROOT / "tests" / "examples" / "invalides" / "cle-inconnue.yaml"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "stspd_cli", "validate", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


def test_github_annotations() -> None:
    done = run("tests/examples/invalides/cle-inconnue.yaml", "-f", "github")
    assert done.returncode == 1
    first = done.stdout.splitlines()[0]
    assert first.startswith(
        "::error file=tests/examples/invalides/cle-inconnue.yaml,line=19,col=9,title=M004::"
    )
    assert "clé inconnue « partenaire »" in first


def test_gitlab_code_quality() -> None:
    done = run("tests/examples/invalides/cle-inconnue.yaml", "-f", "gitlab")
    assert done.returncode == 1
    issues = json.loads(done.stdout)
    assert issues
    for issue in issues:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["location"]["path"] == "tests/examples/invalides/cle-inconnue.yaml"
        assert issue["location"]["lines"]["begin"] >= 1
        assert len(issue["fingerprint"]) == 64
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert issues[0]["severity"] == "major"


def test_gitlab_report_of_valid_files_is_an_empty_list() -> None:
    done = run("tests/examples/valides/minimal.yaml", "-f", "gitlab")
    assert done.returncode == 0
    assert json.loads(done.stdout) == []


def _fingerprints(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, str]:
    """description -> fingerprint of ``stspd validate ARGS --format gitlab``, cache included."""
    _code, out, _err = cli_run(capsys, "validate", *args, "-f", "gitlab")
    return {issue["description"]: issue["fingerprint"] for issue in json.loads(out)}


def test_gitlab_fingerprints_stay_from_one_day_to_the_next(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The overdue warning counts days: its message changes every day, its fingerprint does
    not, nor when lines are added above it; GitLab sees the same problem, not a new one."""
    overdue = ROOT / "tests" / "examples" / "invalides" / "echeance-depassee.yaml"
    monkeypatch.chdir(tmp_path)
    strategy = tmp_path / "ville.yaml"
    strategy.write_bytes(overdue.read_bytes())
    monday = _fingerprints(capsys, "ville.yaml", "--date", "2026-01-15")
    tuesday = _fingerprints(capsys, "ville.yaml", "--date", "2026-01-16")
    assert not monday.keys() & tuesday.keys()  # each « dépassée de N jours » changed...
    assert set(monday.values()) <= set(tuesday.values())  # ...their fingerprints did not
    assert len(tuesday) == len(monday) + 1  # one more deadline passed on Tuesday
    strategy.write_text(
        "# Une ligne de plus en tête.\n" + overdue.read_text(encoding="utf-8"), encoding="utf-8"
    )
    moved = _fingerprints(capsys, "ville.yaml", "--date", "2026-01-15")
    assert sorted(moved.values()) == sorted(monday.values())
    # Another file, or another rule at the same place, is another problem.
    (tmp_path / "autre.yaml").write_bytes(overdue.read_bytes())
    other = _fingerprints(capsys, "autre.yaml", "--date", "2026-01-15")
    assert not set(other.values()) & set(monday.values())
