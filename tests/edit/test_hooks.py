"""The pre-commit hooks this repository offers (.pre-commit-hooks.yaml), run by the real
pre-commit from a git copy of the working tree, on a strategies repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from .support import ROOT

BIN = Path(sys.executable).parent
GIT = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org"]
MESSY = (
    "territoire:\n  nom: Lille\n  instance: CLSPD\nschema: stspd/1\n"
    "strategie:\n  numerotation: continue\n  titre: Stratégie\n"
)


def test_hooks_are_declared() -> None:
    hooks = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    by_id = {hook["id"]: hook for hook in hooks}
    assert set(by_id) == {"stspd-fmt", "stspd-validate"}
    for ident, command in (("stspd-fmt", "stspd fmt"), ("stspd-validate", "stspd validate")):
        hook = by_id[ident]
        assert hook["entry"] == command
        assert hook["language"] == "python"
        assert hook["types"] == ["yaml"]
        assert hook["files"] == r"^strategies/.*\.ya?ml$"


def _working_tree_copy(target: Path) -> None:
    """The files git would commit (tracked or not ignored), as a one-commit repository."""
    listed = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    subprocess.run([*GIT, "init", "-q", str(target)], check=True)
    subprocess.run([*GIT, "-C", str(target), "add", "-A"], check=True)
    subprocess.run([*GIT, "-C", str(target), "commit", "-q", "-m", "copie"], check=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git absent")
@pytest.mark.skipif(shutil.which("pre-commit", path=str(BIN)) is None, reason="pre-commit absent")
def test_real_pre_commit_runs_the_hooks_from_this_repository(tmp_path: Path) -> None:
    if not (ROOT / ".git").exists():
        pytest.skip("pas un dépôt git : impossible de lister les fichiers")
    tool = tmp_path / "stspd"
    _working_tree_copy(tool)
    user = tmp_path / "strategies-repo"
    (user / "strategies").mkdir(parents=True)
    shutil.copy2(ROOT / "strategies" / "clspd-lille.yaml", user / "strategies")
    (user / "strategies" / "brouillon.yaml").write_text(MESSY, encoding="utf-8")
    (user / "ci.yml").write_text("pas: [une, stratégie]\n", encoding="utf-8")  # not a strategy
    subprocess.run([*GIT, "init", "-q", str(user)], check=True)
    subprocess.run([*GIT, "-C", str(user), "add", "-A"], check=True)
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        # Not what is tested, and slow: virtualenv's background update of the wheels it seeds
        # (two « pip download » at each run, its data folder being new), and the compilation
        # of every module pip installs (stspd's hooks compile what they import as they run).
        # Not PIP_NO_COMPILE=1: pip gives a « --no-x » option the variable's value as is, so
        # that one asks for the compilation (2 s of the test).
        "VIRTUALENV_NO_PERIODIC_UPDATE": "1",
        "PIP_COMPILE": "0",
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
    }

    # Every hook of the repository, in the order it declares them (fmt, then validate), in
    # one environment: what a .pre-commit-config.yaml listing both does at each commit.
    started = time.monotonic()
    done = subprocess.run(
        [str(BIN / "pre-commit"), "try-repo", str(tool), "--all-files", "--color", "never"],
        cwd=user,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    installed_in = time.monotonic() - started
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stdout.index("- hook id: stspd-fmt") < done.stdout.index(
        "- hook id: stspd-validate"
    )
    formatting, validation = done.stdout.split("- hook id: stspd-validate")
    assert "files were modified by this hook" in formatting
    formatted = (user / "strategies" / "brouillon.yaml").read_text(encoding="utf-8")
    assert formatted.startswith("schema: stspd/1\n\nterritoire:\n")
    # Validated as formatted: « numerotation: continue » moved, and its position with it.
    [line] = [n for n, text in enumerate(formatted.splitlines(), 1) if "numerotation" in text]
    assert line != 6
    assert f"strategies/brouillon.yaml:{line}:17: erreur M003" in validation
    assert "exit code: 1" in validation
    assert "ci.yml" not in done.stdout
    assert (user / "strategies" / "clspd-lille.yaml").read_bytes() == (
        ROOT / "strategies" / "clspd-lille.yaml"
    ).read_bytes()
    assert installed_in < 600, f"installation du crochet : {installed_in:.0f} s"
