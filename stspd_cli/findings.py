"""Findings are data: every problem found in a file, collected, then reported once."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

Path_ = tuple[str | int, ...]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True, order=True)
class Finding:
    """One problem at one place. Lines and columns are 1-based; 0 means "the whole file"."""

    file: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str
    path: Path_ = field(default=(), compare=False)
    # Codes whose problem makes the file unreadable rather than invalid (exit code 2).
    unreadable: bool = field(default=False, compare=False)

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": str(self.severity),
            "code": self.code,
            "message": self.message,
        }

    @property
    def location(self) -> str:
        if self.line == 0:
            return self.file
        return f"{self.file}:{self.line}:{self.column}"
