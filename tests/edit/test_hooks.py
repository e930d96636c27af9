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
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
    }

    def try_repo(hook: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [
                str(BIN / "pre-commit"),
                "try-repo",
                str(tool),
                hook,
                "--all-files",
                "--color",
                "never",
            ],
            cwd=user,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )

    started = time.monotonic()
    done = try_repo("stspd-validate")  # installs stspd in pre-commit's own environment
    installed_in = time.monotonic() - started
    assert done.returncode == 1, done.stdout + done.stderr
    assert "strategies/brouillon.yaml:6:17: erreur M003" in done.stdout  # numerotation: continue
    assert "ci.yml" not in done.stdout
    done = try_repo("stspd-fmt")
    assert done.returncode == 1
    assert "files were modified by this hook" in done.stdout
    assert (
        (user / "strategies" / "brouillon.yaml")
        .read_text(encoding="utf-8")
        .startswith("schema: stspd/1\n\nterritoire:\n")
    )
    assert (user / "strategies" / "clspd-lille.yaml").read_bytes() == (
        ROOT / "strategies" / "clspd-lille.yaml"
    ).read_bytes()
    assert installed_in < 600, f"installation du crochet : {installed_in:.0f} s"
