"""The validation pipeline: load -> model -> checks, for each file; findings reported once."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from stspd_cli.errors import EXIT_INVALID, EXIT_OK, EXIT_USAGE
from stspd_cli.findings import Finding, Severity
from stspd_cli.load import Loaded, load_file


@dataclass(slots=True)
class FileResult:
    file: str
    findings: list[Finding]
    # False when structural errors stopped the file before the semantic rules ran.
    semantics_checked: bool

    @property
    def errors(self) -> int:
        return sum(f.severity is Severity.ERROR for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity is Severity.WARNING for f in self.findings)

    @property
    def unreadable(self) -> bool:
        return any(f.unreadable for f in self.findings)


@dataclass(slots=True)
class ValidationReport:
    files: list[FileResult] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        return sorted(f for result in self.files for f in result.findings)

    @property
    def errors(self) -> int:
        return sum(r.errors for r in self.files)

    @property
    def warnings(self) -> int:
        return sum(r.warnings for r in self.files)

    def exit_code(self, *, strict: bool = False) -> int:
        if any(r.unreadable for r in self.files):
            return EXIT_USAGE
        if self.errors or (strict and self.warnings):
            return EXIT_INVALID
        return EXIT_OK


def display_name(path: Path) -> str:
    """Paths relative to the working directory when they are under it, as editors expect."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def check_loaded(loaded: Loaded, today: date) -> FileResult:
    """Model and semantic stages for one loaded file."""
    from stspd_cli.checks import run_checks  # noqa: PLC0415  (pydantic only when needed)
    from stspd_cli.checks.structure import build_model  # noqa: PLC0415

    if loaded.data is None:
        return FileResult(loaded.file, loaded.findings, semantics_checked=False)
    model, findings = build_model(loaded)
    if model is None:
        return FileResult(loaded.file, findings, semantics_checked=False)
    return FileResult(loaded.file, run_checks(loaded, model, today), semantics_checked=True)


def validate_file(path: Path, today: date) -> FileResult:
    return check_loaded(load_file(path, display_name(path)), today)


def validate_paths(paths: Iterable[Path], today: date) -> ValidationReport:
    from stspd_cli.discovery import strategy_files  # noqa: PLC0415

    report = ValidationReport()
    for path in strategy_files(paths):
        report.files.append(validate_file(path, today))
    return report
