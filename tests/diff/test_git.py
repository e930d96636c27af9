"""`stspd diff` against real git repositories made in temporary folders, through the in-process
runner (tests/cli_run.py); git itself runs stspd as a textconv driver in a process of its own."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cli_run import Done, run_in

from stspd_cli.diff import sources
from stspd_cli.errors import UnreadableInputError

ROOT = Path(__file__).parents[2]
DEMO = ROOT / "examples" / "demo-fictive.yaml"


def git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.invalid",
    }
    done = subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, env=env, check=True
    )
    return done.stdout


Stspd = Callable[..., Done]


@pytest.fixture
def stspd(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Stspd:
    """``stspd(folder, *args)``: the command line run in ``folder``, without colour."""
    monkeypatch.setenv("NO_COLOR", "1")

    def command(cwd: Path, *args: str) -> Done:
        return run_in(capsys, monkeypatch, cwd, *args)

    return command


@pytest.fixture(scope="module")
def repo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A strategies repository with two tagged versions of one strategy (made once: each test
    has a copy)."""
    folder = tmp_path_factory.mktemp("depot")
    git(folder, "init", "-q", "-b", "main")
    target = folder / "strategies" / "val-fictif.yaml"
    target.parent.mkdir()
    shutil.copy(DEMO, target)
    git(folder, "add", ".")
    git(folder, "commit", "-qm", "Stratégie adoptée")
    git(folder, "tag", "v2024")
    text = target.read_text(encoding="utf-8")
    text = text.replace("statut: en_cours\n", "statut: realisee\n", 1)
    target.write_text(text, encoding="utf-8")
    git(folder, "commit", "-qam", "Bilan annuel")
    return folder


@pytest.fixture
def repo(repo_template: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "depot"
    shutil.copytree(repo_template, folder)
    return folder


def test_tag_against_working_file(repo: Path, stspd: Stspd) -> None:
    done = stspd(
        repo, "diff", "v2024:strategies/val-fictif.yaml", "strategies/val-fictif.yaml", "-f", "json"
    )
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert [(c["kind"], c["field"], c["old"], c["new"]) for c in payload["changes"]] == [
        ("modified", "statut", "en_cours", "realisee")
    ]
    assert payload["old"]["source"] == "v2024:strategies/val-fictif.yaml"


def test_head_relative_revision_and_exit_code(repo: Path, stspd: Stspd) -> None:
    same = stspd(repo, "diff", "HEAD:strategies/val-fictif.yaml", "strategies/val-fictif.yaml")
    assert same.returncode == 0
    assert "Aucune modification." in same.stdout
    changed = stspd(
        repo, "diff", "HEAD~1:strategies/val-fictif.yaml", "HEAD:strategies/val-fictif.yaml",
        "--exit-code",
    )  # fmt: skip
    assert changed.returncode == 1
    assert "en cours → réalisée" in changed.stdout


@pytest.mark.parametrize(
    "revision",
    ["--output=/tmp/pwned", "-p", "HEAD;touch x", "a..b", "HEAD$(id)", "HEAD\nx", ""],
)
def test_revisions_that_are_not_plain_are_refused(repo: Path, revision: str, stspd: Stspd) -> None:
    # "--" lets a leading dash through the option parser, so that stspd's own check is tested.
    old = f"{revision}:strategies/val-fictif.yaml"
    done = stspd(repo, "diff", "--", old, "strategies/val-fictif.yaml")
    assert done.returncode == 2
    assert "refusée" in done.stderr or "indiquez" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (repo / "x").exists()


def test_unknown_revision_and_missing_file(repo: Path, stspd: Stspd) -> None:
    unknown = stspd(repo, "diff", "v1999:strategies/val-fictif.yaml", "strategies/val-fictif.yaml")
    assert unknown.returncode == 2
    assert "introuvable" in unknown.stderr
    missing = stspd(repo, "diff", "v2024:strategies/absent.yaml", "strategies/val-fictif.yaml")
    assert missing.returncode == 2
    assert "n'existe pas dans la version" in missing.stderr


def test_outside_a_repository(tmp_path: Path, stspd: Stspd) -> None:
    shutil.copy(DEMO, tmp_path / "a.yaml")
    done = stspd(tmp_path, "diff", "HEAD:a.yaml", "a.yaml")
    assert done.returncode == 2
    assert "dépôt git" in done.stderr
    assert "Traceback" not in done.stderr


def test_textconv_driver_in_git_diff_and_log(repo: Path) -> None:
    (repo / ".gitattributes").write_text("strategies/*.yaml diff=stspd\n", encoding="utf-8")
    command = f"{sys.executable} -m stspd_cli texte"
    git(repo, "config", "diff.stspd.textconv", command)
    shown = git(repo, "diff", "v2024", "HEAD", "--", "strategies/val-fictif.yaml")
    assert "-[action presence-educative-soiree] statut : en_cours" in shown
    assert "+[action presence-educative-soiree] statut : realisee" in shown
    log = git(repo, "log", "-p", "-1", "--", "strategies/val-fictif.yaml")
    assert "+[action presence-educative-soiree] statut : realisee" in log


def test_blob_over_the_size_limit_is_refused_before_it_is_read(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """git says the size of a blob without unpacking it: a 9 Mio blob never comes out whole."""
    big = repo / "strategies" / "enorme.yaml"
    big.write_bytes(b"schema: stspd/1\n" + b"#" * (9 << 20))
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "Fichier enorme")
    asked: list[list[str]] = []
    real_run = subprocess.run

    def spy(command: list[str], **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
        asked.append(command[1:])
        return real_run(command, **kwargs)

    monkeypatch.chdir(repo)
    monkeypatch.setattr(subprocess, "run", spy)
    with pytest.raises(UnreadableInputError) as refused:
        sources.read_git_object("HEAD:strategies/enorme.yaml")
    assert refused.value.message == (
        "HEAD:strategies/enorme.yaml : fichier de 9,0 Mio : la limite est de 8,0 Mio par stratégie"
    )
    assert [c[:2] for c in asked if c[0] == "cat-file"] == [["cat-file", "-s"]]
