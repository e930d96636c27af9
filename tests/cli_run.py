"""Run ``stspd`` in-process through ``main()``, the error boundary included."""

from __future__ import annotations

import io
import sys

import pytest

from stspd_cli.cli import main


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
