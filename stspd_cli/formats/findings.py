"""Output formats for validation findings: ``text`` and ``json`` (registry ``FORMATS``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple

from stspd_cli.discovery import skipped_sentence
from stspd_cli.findings import Finding, Severity
from stspd_cli.fr import plural
from stspd_cli.terminal import console as terminal_console
from stspd_cli.terminal import json_text, rendered, visible
from stspd_cli.validate import FileResult, Tally, ValidationReport

# Each line says its severity in words, as yamllint says error and warning: a CI log or a
# pre-commit output has no colour.
SEVERITY_WORDS = {Severity.ERROR: "erreur", Severity.WARNING: "avertissement"}


class OutputOptions(NamedTuple):
    color: bool = False
    strict: bool = False


# The name and version of the JSON output (docs/sorties.md, schema/stspd-validate-1.schema.json).
JSON_FORMAT = "stspd-validate/1"

Formatter = Callable[[ValidationReport, OutputOptions], str]
FORMATS: dict[str, Formatter] = {}


def formatter(name: str) -> Callable[[Formatter], Formatter]:
    def register(fn: Formatter) -> Formatter:
        FORMATS[name] = fn
        return fn

    return register


def summary(report: ValidationReport | Tally) -> str:
    files = plural(report.checked, "fichier vérifié", "fichiers vérifiés")
    if not report.errors and not report.warnings:
        text = f"{files} : aucun problème."
    else:
        text = (
            # Plurals given: the word list of stspd_cli.nouns is YAML, that the cached
            # validation never parses (docs/performance.md).
            f"{files} : {plural(report.errors, 'erreur', 'erreurs')}, "
            f"{plural(report.warnings, 'avertissement', 'avertissements')}."
        )
    skipped = report.unchecked
    if skipped:
        text += (
            f" Règles de cohérence non vérifiées pour {plural(skipped, 'fichier', 'fichiers')} : "
            "rien n'a pu être lu comme une stratégie (syntaxe, schéma) ; corrigez d'abord ces "
            "erreurs."
        )
    others = skipped_sentence(report.skipped)
    if others:
        text += f" {others[0].upper()}{others[1:]}."
    return text


def _line(f: Finding) -> str:
    return (
        f"{visible(f.location, one_line=True)}: {SEVERITY_WORDS[f.severity]} {f.code} "
        f"{visible(f.message, one_line=True)}"
    )


@formatter("text")
def as_text(report: ValidationReport, options: OutputOptions) -> str:
    """One finding per line: what a location or a message quotes is shown, never obeyed, and
    stays on its line (``⏎``), so that no value can fake another finding or the summary."""
    if not options.color:
        # Plain text needs no terminal library (and starts faster without one).
        lines = [_line(f) for f in report.findings]
        return visible("\n".join([*lines, summary(report)]) + "\n")
    from rich.text import Text  # noqa: PLC0415

    console, buffer = terminal_console(color=options.color, width=200, soft_wrap=True)
    styles = {Severity.ERROR: "bold red", Severity.WARNING: "yellow"}
    for f in report.findings:
        line = Text()
        line.append(visible(f.location, one_line=True), style="bold")
        line.append(": ")
        line.append(f"{SEVERITY_WORDS[f.severity]} {f.code}", style=styles[f.severity])
        line.append(" ")
        line.append(visible(f.message, one_line=True))
        console.print(line)
    failed = report.exit_code(strict=options.strict) != 0
    console.print(Text(summary(report), style="bold red" if failed else "bold green"))
    return rendered(buffer)


@formatter("json")
def as_json(report: ValidationReport, options: OutputOptions) -> str:
    payload = {
        "format": JSON_FORMAT,
        "findings": [f.as_dict() for f in report.findings],
        "skipped": report.skipped,
        "summary": {
            "files": len(report.files),
            "errors": report.errors,
            "warnings": report.warnings,
            "skipped": len(report.skipped),
            "exit_code": report.exit_code(strict=options.strict),
            "message": summary(report),
        },
    }
    return json_text(payload)


def _escape_github(text: str, *, prop: bool = False) -> str:
    # https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts; the log shows
    # annotations as text and obeys terminal escapes: those are shown instead.
    text = visible(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


@formatter("github")
def as_github(report: ValidationReport, options: OutputOptions) -> str:
    """GitHub Actions workflow commands: one annotation per finding, shown on the diff."""
    lines = []
    for f in report.findings:
        level = "error" if f.severity is Severity.ERROR else "warning"
        props = [f"file={_escape_github(f.file, prop=True)}"]
        if f.line:
            props += [f"line={f.line}", f"col={f.column}"]
        props.append(f"title={_escape_github(f.code, prop=True)}")
        lines.append(f"::{level} {','.join(props)}::{_escape_github(f.message)}")
    lines.append(summary(report))
    return "\n".join(lines) + "\n"


def _data_path(path: tuple[str | int, ...]) -> str:
    """``plans[0].actions[2].echeance``: where a finding is in the data, whatever its line."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else part
    return text


@formatter("gitlab")
def as_gitlab(report: ValidationReport, options: OutputOptions) -> str:
    """A GitLab Code Quality report (JSON array), for merge request widgets."""
    import hashlib  # noqa: PLC0415

    issues = []
    seen: dict[str, int] = {}
    for f in report.findings:
        # Stable from one day to the next and when lines move: the code, the file and the place
        # in the data (``plans[0].actions[2].echeance``), plus the rank of a repeated finding;
        # never the message, which may count days (D003) or quote a value.
        base = f"{f.code}:{f.file}:{_data_path(f.path)}"
        seen[base] = seen.get(base, 0) + 1
        key = f"{base}:{seen[base]}"
        issues.append(
            {
                "description": f"{f.code} {f.message}",
                "check_name": f.code,
                "fingerprint": hashlib.sha256(key.encode("utf-8")).hexdigest(),
                "severity": "major" if f.severity is Severity.ERROR else "minor",
                "location": {"path": f.file, "lines": {"begin": max(f.line, 1)}},
            }
        )
    return json_text(issues)


def text_stream(results: Iterable[FileResult], tally: Tally) -> Iterator[str]:
    """The plain ``text`` format written as the results come (:func:`as_text` without colours,
    the same characters), for results in the order of their file names: nothing is kept but
    the counts (``tally``), so that 10,000 files take the memory of one. Results of a file
    named twice come one after the other and are merged, as the sorted report merges them."""
    group: list[FileResult] = []
    for result in results:
        if group and result.file != group[0].file:
            yield _group_text(group)
            group = []
        group.append(result)
        tally.add(result)
    if group:
        yield _group_text(group)
    yield visible(summary(tally) + "\n")


def _group_text(group: list[FileResult]) -> str:
    findings = sorted(f for result in group for f in result.findings)
    return visible("".join(_line(f) + "\n" for f in findings))
