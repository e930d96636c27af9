"""Fixtures of the spreadsheet tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from .support import DEMO, copy_strategy, export


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working folder: tables are written there by default, names stay short."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    return tmp_path


@pytest.fixture
def demo(work: Path) -> Path:
    """A copy of the demonstration strategy, in the working folder."""
    return copy_strategy(DEMO, work)


@pytest.fixture
def table(demo: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The table exported from ``demo`` (xlsx)."""
    return export(capsys, demo)
