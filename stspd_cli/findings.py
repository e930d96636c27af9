"""Findings are data: every problem found in a file, collected, then reported once."""

from __future__ import annotations

from enum import StrEnum
from functools import total_ordering
from typing import Any

Path_ = tuple[str | int, ...]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@total_ordering
class Finding:
    """One problem at one place. Lines and columns are 1-based; 0 means "the whole file".

    Immutable; compared, ordered and hashed by file, line, column, code, severity and message
    (not by ``path`` nor ``unreadable``). Written by hand rather than as a dataclass: every run
    defines it, and the dataclasses module (with inspect) costs the cached validation 6 ms."""

    __slots__ = ("code", "column", "file", "line", "message", "path", "severity", "unreadable")
    _ORDER = ("file", "line", "column", "code", "severity", "message")

    file: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str
    path: Path_
    # Codes whose problem makes the file unreadable rather than invalid (exit code 2).
    unreadable: bool

    def __init__(  # noqa: PLR0917  (positional, as the dataclass it replaces allowed)
        self,
        file: str,
        line: int,
        column: int,
        code: str,
        severity: Severity,
        message: str,
        path: Path_ = (),
        unreadable: bool = False,
    ) -> None:
        setter = object.__setattr__
        setter(self, "file", file)
        setter(self, "line", line)
        setter(self, "column", column)
        setter(self, "code", code)
        setter(self, "severity", severity)
        setter(self, "message", message)
        setter(self, "path", path)
        setter(self, "unreadable", unreadable)

    def _key(self) -> tuple[str, int, int, str, Severity, str]:
        return (self.file, self.line, self.column, self.code, self.severity, self.message)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Finding)
        return self._key() == other._key()

    def __lt__(self, other: Finding) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() < other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __setattr__(self, name: str, value: object) -> None:
        msg = f"cannot assign to field {name!r}"
        raise AttributeError(msg)

    def __delattr__(self, name: str) -> None:
        msg = f"cannot delete field {name!r}"
        raise AttributeError(msg)

    def __reduce__(self) -> tuple[Any, ...]:
        # Sent from the worker processes: rebuilt through __init__ (the fields are frozen).
        return (Finding, (*self._key(), self.path, self.unreadable))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in (*self._ORDER, "path"))
        return f"Finding({shown}, unreadable={self.unreadable!r})"

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
