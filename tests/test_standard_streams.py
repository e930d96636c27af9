"""Standard streams a command cannot use: closed by the shell (``>&-``, ``<&-``) or full
(``> /dev/full``). Each says so in French and exits with 2, never « erreur interne »; a closed
error output leaves only the exit code. Real processes: the shell closes the descriptors."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STSPD = shlex.quote(str(Path(sys.executable).parent / "stspd"))
LILLE = shlex.quote(str(ROOT / "strategies" / "clspd-lille.yaml"))
STRATEGIES = shlex.quote(str(ROOT / "strategies"))
CLOSED_OUT = "impossible d'écrire sur la sortie standard : fermée"
FULL = "impossible d'écrire sur la sortie standard : plus de place sur le périphérique"
CLOSED_IN = "impossible de lire l'entrée standard : fermée"


def _shell(line: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-c", line],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (f"{STSPD} validate - <&-", CLOSED_IN),
        (f"{STSPD} texte - <&-", CLOSED_IN),
        (f"{STSPD} validate {STRATEGIES} >&-", CLOSED_OUT),
        (f"{STSPD} validate {LILLE} -f json >&-", CLOSED_OUT),
        (f"{STSPD} report {STRATEGIES} >&-", CLOSED_OUT),
        (f"{STSPD} render {LILLE} >&-", CLOSED_OUT),
        (f"{STSPD} --version > /dev/full", FULL),
        (f"{STSPD} validate {STRATEGIES} > /dev/full", FULL),
        (f"{STSPD} render {LILLE} -f md > /dev/full", FULL),
    ],
)
def test_a_stream_that_cannot_be_used_is_said(line: str, message: str) -> None:
    done = _shell(line)
    assert (done.returncode, done.stderr) == (2, f"stspd : {message}\n"), done.stderr


def test_a_closed_error_output_leaves_the_exit_code() -> None:
    done = _shell(f"{STSPD} validate {LILLE} >&- 2>&-")
    assert (done.returncode, done.stdout, done.stderr) == (2, "", "")
    assert _shell(f"{STSPD} validate {LILLE} 2>&-").returncode == 0
