"""Run ``stspd`` in-process through ``main()``, the error boundary included."""

from __future__ import annotations

import pytest

from stspd_cli.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """``stspd ARGS`` through ``main()``: (exit code, stdout, stderr)."""
    capsys.readouterr()
    with pytest.raises(SystemExit) as done:
        main(list(args))
    out, err = capsys.readouterr()
    code = done.value.code
    return (code if isinstance(code, int) else 0), out, err
