"""The test session itself (tests/conftest.py): with the objects of a test process frozen
after each test, a file a test leaves open in a reference cycle is still found, and reported
as the error of that test."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

LEAK = """
def test_leaves_a_file_open_in_a_cycle(tmp_path):
    class Holder:
        pass

    holder = Holder()
    holder.itself = holder
    holder.file = open(tmp_path / "x", "w")
    del holder


def test_the_next_one():
    pass
"""


def test_a_leaked_file_is_the_error_of_the_test_that_leaked_it(tmp_path: Path) -> None:
    shutil.copy(Path(__file__).with_name("conftest.py"), tmp_path / "conftest.py")
    (tmp_path / "test_leak.py").write_text(LEAK, encoding="utf-8")
    base = tmp_path / "base"
    options = ["-q", "-p", "no:xdist", "-p", "no:cacheprovider", "-W", "error"]
    done = subprocess.run(
        [sys.executable, "-m", "pytest", *options, f"--basetemp={base}", str(tmp_path)],
        cwd=tmp_path,
        # As a pytest started by a test of a pytest-xdist run inherits it: not a worker, it
        # keeps its shared folders in its own temporary folder (none is left beside it).
        env={**os.environ, "PYTEST_XDIST_TESTRUNUID": "essai"},
        capture_output=True,
        text=True,
        check=False,
    )
    folders = {p.name for p in tmp_path.iterdir() if p.is_dir()}
    assert folders - {"__pycache__"} == {"base"}, folders
    assert done.returncode == 1, done.stdout + done.stderr
    assert "ERROR at teardown of test_leaves_a_file_open_in_a_cycle" in done.stdout, done.stdout
    assert "unclosed file" in done.stdout
    assert "2 passed, 1 error" in done.stdout
