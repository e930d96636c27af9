"""Run ``stspd`` in-process through ``main()`` of the console script (the express way or typer),
the error boundary included."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import NamedTuple

import pytest

from stspd_cli.entry import main


def run(
    capsys: pytest.CaptureFixture[str], *args: str, stdin: bytes | None = None
) -> tuple[int, str, str]:
    """``stspd ARGS`` through ``main()``: (exit code, stdout, stderr); ``stdin``: the bytes
    standard input holds (a pipe, not a terminal)."""
    capsys.readouterr()
    with pytest.MonkeyPatch.context() as patch:
        if stdin is not None:
            patch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
        with pytest.raises(SystemExit) as done:
            main(list(args))
    out, err = capsys.readouterr()
    code = done.value.code
    return (code if isinstance(code, int) else 0), out, err


class Done(NamedTuple):
    """What a command gave back, as ``subprocess.run`` names it."""

    returncode: int
    stdout: str
    stderr: str


def run_in(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, cwd: Path, *args: str
) -> Done:
    """``stspd ARGS`` through ``main()``, in the folder ``cwd`` (the test's folder after it)."""
    with monkeypatch.context() as here:
        here.chdir(cwd)
        return Done(*run(capsys, *args))
