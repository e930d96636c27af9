"""``stspd init``: a strategies repository that validates, whose CI commands run as written and
whose pre-commit configuration works with the real pre-commit."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from cli_run import run

from stspd_cli.edit.init import TEMPLATES, TEXTCONV, init_repository
from stspd_cli.edit.skeleton import Answers
from stspd_cli.resources import data_dir
from stspd_cli.yamlparse import parse_yaml

from .support import ROOT

TODAY = date(2026, 3, 2)
BIN = Path(sys.executable).parent
STRATEGY = "strategies/clspd-lille.yaml"
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git absent")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    folder = tmp_path / "strategie-lille"
    init_repository(folder, Answers("Lille", "CLSPD"), TODAY)
    return folder


def _env() -> dict[str, str]:
    """The environment of a coordinator's terminal: stspd on the PATH, no colour."""
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "NO_COLOR": "1"}


def test_init_writes_every_file(repo: Path) -> None:
    expected = {*TEMPLATES, "schema/stspd-1.schema.json", STRATEGY}
    written = {str(p.relative_to(repo)) for p in repo.rglob("*") if p.is_file()}
    assert expected <= written
    readme = (repo / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# Stratégie territoriale de sécurité et de prévention de la")
    assert f"`{STRATEGY}`" in readme
    assert "${" not in readme  # every placeholder of the template filled
    assert (
        (repo / ".gitattributes")
        .read_text(encoding="utf-8")
        .endswith("strategies/*.yaml diff=stspd\n")
    )
    schema = json.loads((repo / "schema/stspd-1.schema.json").read_text(encoding="utf-8"))
    assert schema["$id"] == "urn:stspd:schema:stspd-1"
    strategy = (repo / STRATEGY).read_text(encoding="utf-8")
    assert strategy.startswith("# yaml-language-server: $schema=../schema/stspd-1.schema.json\n")
    settings = json.loads((repo / ".vscode/settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == {"./schema/stspd-1.schema.json": "strategies/*.yaml"}


def test_the_new_repository_validates(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    code, out, _err = run(capsys, "validate", "--date", "2026-03-02")
    assert code == 0
    # The frame in force for the period (from 1 April 2026) is provisional: one warning says so;
    # the others point at the skeleton's texts still « à compléter » (T001).
    lines = out.splitlines()
    assert [line for line in lines if " T001 " not in line] == [
        f"{STRATEGY}:52:16: avertissement R005 le référentiel « snpd-2025-2030 » est provisoire : "
        "annoncée avec cinq axes mais non publiée début 2026 ; intitulés des axes provisoires",
        f"1 fichier vérifié : 0 erreur, {len(lines) - 1} avertissements.",
    ]
    assert len(lines) > 3
    assert run(capsys, "fmt", "--check")[0] == 0


@pytest.mark.parametrize("name", ["gitlab-ci.yml", "github-workflow.yml"])
def test_ci_files_in_docs_are_the_shipped_ones(name: str) -> None:
    shipped = (data_dir() / "ci" / name).read_text(encoding="utf-8")
    assert (ROOT / "docs" / "ci" / name).read_text(encoding="utf-8") == shipped


def _yaml(path: Path) -> dict[str, Any]:
    """A CI file, read with stspd's safe parser (it is not a strategy)."""
    parsed = parse_yaml(path.read_text(encoding="utf-8"))
    assert not parsed.problems, parsed.problems
    assert isinstance(parsed.data, dict)
    return parsed.data


def _gitlab_commands(repo: Path) -> list[str]:
    ci = _yaml(repo / ".gitlab-ci.yml")
    assert ci["verifier"]["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert ci["feuille-de-route"]["artifacts"]["paths"] == ["public/"]
    assert "STSPD_SOURCE" in ci["variables"]
    return [*ci["verifier"]["script"], *ci["feuille-de-route"]["script"]]


def _github_commands(repo: Path) -> list[str]:
    workflow = _yaml(repo / ".github/workflows/stspd.yml")
    assert set(workflow["on"]) == {"push", "pull_request"}
    steps = workflow["jobs"]["verifier"]["steps"]
    assert steps[-1]["with"] == {"name": "feuille-de-route", "path": "public/"}
    return [step["run"] for step in steps if "run" in step and "pip install" not in step["run"]]


@pytest.mark.parametrize("forge", ["gitlab", "github"])
def test_ci_commands_run_in_the_new_repository(repo: Path, forge: str) -> None:
    """Each command of the CI job, installation aside, as the runner would run it."""
    commands = _gitlab_commands(repo) if forge == "gitlab" else _github_commands(repo)
    assert any(c.startswith("stspd validate") for c in commands)
    for command in commands:
        done = subprocess.run(  # noqa: S602 (the CI file's own shell lines, in a test)
            command, shell=True, cwd=repo, env=_env(), capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, f"{command}\n{done.stderr}"
    assert (repo / "public" / "clspd-lille.html").is_file()
    if forge == "gitlab":
        report = json.loads((repo / "gl-code-quality-report.json").read_text(encoding="utf-8"))
        assert isinstance(report, list)


def test_init_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "depot"
    folder.mkdir()
    (folder / "README.md").write_text("mon README\n", encoding="utf-8")
    (folder / "notes.txt").write_text("à garder\n", encoding="utf-8")
    code, _out, err = run(
        capsys, "init", str(folder), "--territoire", "Lille", "--instance", "CLSPD"
    )
    assert code == 2
    assert "stspd init n'écrase rien : README.md existe déjà" in err
    assert sorted(p.name for p in folder.iterdir()) == ["README.md", "notes.txt"]
    assert (folder / "README.md").read_text(encoding="utf-8") == "mon README\n"
    # Other files in the folder are no obstacle.
    (folder / "README.md").unlink()
    code, _out, err = run(
        capsys, "init", str(folder), "--territoire", "Lille", "--instance", "CLSPD"
    )
    assert code == 0, err
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "à garder\n"


@needs_git
def test_init_creates_the_git_repository_with_the_diff_driver(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "depot"
    code, _out, err = run(
        capsys, "init", str(folder), "--territoire", "Lille", "--instance", "clspd"
    )
    assert code == 0, err
    assert "dépôt git créé" in err
    assert f"stspd validate {STRATEGY}" in err
    textconv = subprocess.run(
        ["git", "-C", str(folder), "config", "diff.stspd.textconv"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert textconv.stdout.strip() == TEXTCONV
    # Outputs and internal versions stay out of git; the next steps never say « git add . ».
    for produced in ("build/clspd-lille.pdf", "lille-interne.pdf", "notes-interne/bilan.md"):
        ignored = subprocess.run(
            ["git", "-C", str(folder), "check-ignore", "-q", produced], check=False
        )
        assert ignored.returncode == 0, produced
    assert re.search(r"git add \.(\s|$)", err) is None
    assert "git add .gitattributes .github/ .gitignore" in err
    assert f"Ensuite :\n  cd {folder}\n  stspd validate {STRATEGY}\n" in err


def test_init_here_says_no_cd(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _out, err = run(capsys, "init", ".", "--territoire", "Lille", "--instance", "CLSPD")
    assert code == 0, err
    assert f"Ensuite :\n  stspd validate {STRATEGY}\n" in err


def _git_diff(repo: Path, path: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-C", str(repo), "diff", "--", STRATEGY],
        env={**os.environ, "PATH": path, "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        check=False,
    )


@needs_git
def test_git_diff_works_without_stspd_on_the_path(repo: Path) -> None:
    """A GUI client or pre-commit's own environment may not have stspd on its PATH: git diff
    then shows the YAML as it is, instead of failing entirely (exit 128)."""
    git = ["git", "-C", str(repo), "-c", "user.name=Test", "-c", "user.email=test@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "config", "diff.stspd.textconv", TEXTCONV], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "Squelette"], check=True)
    strategy = repo / STRATEGY
    text = strategy.read_text(encoding="utf-8")
    strategy.write_text(text.replace("statut: prevue", "statut: en_cours", 1), encoding="utf-8")
    tools = os.pathsep.join(
        str(Path(found).parent) for found in (shutil.which("git"), shutil.which("sh")) if found
    )
    assert shutil.which("stspd", path=tools) is None
    raw = _git_diff(repo, tools)
    assert raw.returncode == 0, raw.stderr
    lines = [line.replace(" ", "") for line in raw.stdout.splitlines()]
    assert "-statut:prevue" in lines
    assert "+statut:en_cours" in lines
    # With stspd on the PATH, the view of stspd texte.
    seen = _git_diff(repo, f"{BIN}{os.pathsep}{tools}")
    assert seen.returncode == 0, seen.stderr
    assert "statut : en_cours" in seen.stdout
    assert "+statut:en_cours" not in [line.replace(" ", "") for line in seen.stdout.splitlines()]
    # A version stspd cannot read is shown as it is too.
    strategy.write_text(text + "plans: [\n", encoding="utf-8")
    broken = _git_diff(repo, f"{BIN}{os.pathsep}{tools}")
    assert broken.returncode == 0, broken.stderr
    assert "+plans: [" in broken.stdout


@needs_git
@pytest.mark.skipif(shutil.which("pre-commit", path=str(BIN)) is None, reason="pre-commit absent")
def test_pre_commit_configuration_of_the_new_repository(repo: Path, tmp_path: Path) -> None:
    """The real pre-commit runs both hooks: a clean strategy passes; a messy one is formatted
    (the hook fails, as formatters do), an invalid one is refused with its position."""
    env = {**_env(), "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache")}
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org"]
    subprocess.run([*git, "-C", str(repo), "add", "-A"], check=True)  # init made the repository

    def pre_commit() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(BIN / "pre-commit"), "run", "--all-files", "--color", "never"],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )

    done = pre_commit()
    assert done.returncode == 0, done.stdout + done.stderr
    assert "stspd fmt (mise en forme des stratégies)" in done.stdout
    strategy = repo / STRATEGY
    clean = strategy.read_text(encoding="utf-8")
    strategy.write_text(
        clean.replace("  nom: Lille\n  instance: CLSPD\n", "  instance: CLSPD\n  nom: Lille\n"),
        encoding="utf-8",
    )
    done = pre_commit()
    assert done.returncode == 1
    assert "files were modified by this hook" in done.stdout
    assert strategy.read_text(encoding="utf-8") == clean
    strategy.write_text(clean.replace("statut: prevue", "statut: commencee"), encoding="utf-8")
    done = pre_commit()
    assert done.returncode == 1
    assert f"{STRATEGY}:" in done.stdout
    assert "M003" in done.stdout


@needs_git
def test_init_inside_an_existing_repository_leaves_git_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    code, _out, err = run(
        capsys, "init", str(tmp_path / "cispd"), "--territoire", "Loos", "--instance", "CISPD"
    )
    assert code == 0, err
    assert "dépôt git existant" in err
    assert not (tmp_path / "cispd" / ".git").exists()
    config = subprocess.run(
        ["git", "-C", str(tmp_path), "config", "diff.stspd.textconv"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert config.stdout == ""
