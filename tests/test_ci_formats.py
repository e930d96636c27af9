"""`stspd validate --format github|gitlab`: annotations and Code Quality reports for forges."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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
