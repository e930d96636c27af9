"""Helpers of the editing tests: run the real entry point, find the repository's files."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).parents[2]
REAL_FILES = sorted((ROOT / "strategies").glob("*.yaml")) + sorted(
    (ROOT / "examples").glob("*.yaml")
)
