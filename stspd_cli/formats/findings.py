"""Output formats for validation findings: ``text`` and ``json`` (registry ``FORMATS``)."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass

from stspd_cli.findings import Severity
from stspd_cli.fr import plural
from stspd_cli.validate import ValidationReport


@dataclass(frozen=True, slots=True)
class OutputOptions:
    color: bool = False
    strict: bool = False


Formatter = Callable[[ValidationReport, OutputOptions], str]
FORMATS: dict[str, Formatter] = {}


def formatter(name: str) -> Callable[[Formatter], Formatter]:
    def register(fn: Formatter) -> Formatter:
        FORMATS[name] = fn
        return fn

    return register


def summary(report: ValidationReport) -> str:
    files = plural(len(report.files), "fichier vérifié", "fichiers vérifiés")
    if not report.errors and not report.warnings:
        text = f"{files} : aucun problème."
    else:
        text = (
            f"{files} : {plural(report.errors, 'erreur')}, "
            f"{plural(report.warnings, 'avertissement')}."
        )
    skipped = sum(not r.semantics_checked for r in report.files)
    if skipped:
        text += (
            f" Règles de cohérence non vérifiées pour {plural(skipped, 'fichier')} : "
            "corrigez d'abord les erreurs de structure."
        )
    return text


@formatter("text")
def as_text(report: ValidationReport, options: OutputOptions) -> str:
    from rich.console import Console  # noqa: PLC0415
    from rich.text import Text  # noqa: PLC0415

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=options.color,
        no_color=not options.color,
        highlight=False,
        soft_wrap=True,
        width=200,
    )
    styles = {Severity.ERROR: "bold red", Severity.WARNING: "yellow"}
    for f in report.findings:
        line = Text()
        line.append(f.location, style="bold")
        line.append(": ")
        line.append(f.code, style=styles[f.severity])
        line.append(" ")
        line.append(f.message)
        console.print(line)
    failed = report.exit_code(strict=options.strict) != 0
    console.print(Text(summary(report), style="bold red" if failed else "bold green"))
    return buffer.getvalue()


@formatter("json")
def as_json(report: ValidationReport, options: OutputOptions) -> str:
    payload = {
        "findings": [f.as_dict() for f in report.findings],
        "summary": {
            "files": len(report.files),
            "errors": report.errors,
            "warnings": report.warnings,
            "exit_code": report.exit_code(strict=options.strict),
            "message": summary(report),
        },
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
