"""The example strategies of tests/examples/ and the findings each one declares.

See tests/examples/README.md for the conventions: ``# attendu: LIGNE:COLONNE CODE`` comment lines,
or a ``<name>.attendu`` sidecar for files that cannot carry comments.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

EXAMPLES_DIR = Path(__file__).parent / "examples"
VALID_DIR = EXAMPLES_DIR / "valides"
INVALID_DIR = EXAMPLES_DIR / "invalides"
SIDECAR_SUFFIX = ".attendu"

# The reference date every example is checked at (documented in tests/examples/README.md).
TODAY = date(2026, 1, 15)

Expected = set[tuple[int, int, str]]

_COMMENT = re.compile(r"^#\s*attendu\b")
_COMMENT_ENTRY = re.compile(r"^# attendu: (\d+):(\d+) ([A-Z]\d{3})$")
_SIDECAR_ENTRY = re.compile(r"^(\d+):(\d+) ([A-Z]\d{3})$")


def example_files(folder: Path) -> list[Path]:
    """Every example in ``folder``: all files but the sidecars."""
    return sorted(
        p for p in folder.iterdir() if p.is_file() and not p.name.endswith(SIDECAR_SUFFIX)
    )


def sidecar(path: Path) -> Path:
    return path.with_name(path.name + SIDECAR_SUFFIX)


def expected_findings(path: Path) -> Expected:
    """The (line, column, code) triples ``path`` declares; a malformed declaration fails loudly."""
    side = sidecar(path)
    if side.exists():
        lines = side.read_text(encoding="utf-8").splitlines()
        pattern = _SIDECAR_ENTRY
        declared = [line.strip() for line in lines if line.strip()]
    else:
        text = path.read_bytes().decode("utf-8-sig")
        pattern = _COMMENT_ENTRY
        declared = [line.rstrip("\r") for line in text.split("\n") if _COMMENT.match(line)]
    expected: Expected = set()
    for entry in declared:
        match = pattern.match(entry)
        if match is None:
            msg = f"{path.name}: déclaration mal formée {entry!r}"
            raise ValueError(msg)
        triple = (int(match[1]), int(match[2]), match[3])
        if triple in expected:
            msg = f"{path.name}: déclaration répétée {entry!r}"
            raise ValueError(msg)
        expected.add(triple)
    return expected
