"""The interpreter that makes the venv (scripts/choose-python.sh, the Makefile's PYTHON).

The distribution's Python comes first when it is fit (3.11 or newer, venv and ensurepip),
otherwise the python3 of the PATH; the venv is made again when the interpreter changes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
CHOOSE = ROOT / "scripts" / "choose-python.sh"
BASH = shutil.which("bash") or "/bin/bash"


def _choose(candidates: str, path: str) -> str:
    env = {**os.environ, "STSPD_PYTHON_CANDIDATES": candidates, "PATH": path}
    done = subprocess.run([BASH, str(CHOOSE)], env=env, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def _fake_python(folder: Path, minor: int) -> Path:
    """A python that answers the script's question as a 3.<minor> would."""
    folder.mkdir(parents=True, exist_ok=True)
    fake = folder / "python3"
    fake.write_text(f"#!/bin/sh\nexit {0 if minor >= 11 else 1}\n", encoding="utf-8")
    fake.chmod(0o755)
    return fake


def test_a_fit_candidate_comes_first(tmp_path: Path) -> None:
    system = _fake_python(tmp_path / "usr", 12)
    _fake_python(tmp_path / "path", 11)
    assert _choose(str(system), str(tmp_path / "path")) == str(system)


def test_an_old_or_missing_candidate_gives_the_python3_of_the_path(tmp_path: Path) -> None:
    old = _fake_python(tmp_path / "usr", 9)
    on_path = _fake_python(tmp_path / "path", 11)
    path = f"{tmp_path / 'path'}:/usr/bin:/bin"
    assert _choose(f"{old} {tmp_path / 'absent'}", path) == str(on_path)


def test_the_real_choice_can_make_a_venv() -> None:
    chosen = subprocess.run(
        [BASH, str(CHOOSE)], capture_output=True, text=True, check=True
    ).stdout.strip()
    done = subprocess.run(
        [chosen, "-c", "import sys, venv, ensurepip; print(sys.version_info >= (3, 11))"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "True"


@pytest.mark.skipif(shutil.which("make") is None, reason="make absent")
@pytest.mark.parametrize(
    ("recorded", "remade"), [(sys.executable, False), ("/autre/python3", True)]
)
def test_the_venv_is_made_again_when_the_interpreter_changes(
    tmp_path: Path, recorded: str, remade: bool
) -> None:
    venv = tmp_path / "venv"
    venv.mkdir()
    (venv / ".python").write_text(recorded + "\n", encoding="utf-8")
    stamp = venv / ".installed"
    stamp.touch()
    newer = max(
        (ROOT / name).stat().st_mtime for name in ("pyproject.toml", "requirements/constraints.txt")
    )
    os.utime(stamp, (newer + 10, newer + 10))
    plan = subprocess.run(
        ["make", "-n", "-C", str(ROOT), f"VENV={venv}", f"PYTHON={sys.executable}", str(stamp)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert (f"-m venv --clear {venv}" in plan) is remade, plan
