"""Output formats for validation findings: ``text``, ``json``, ``github``, ``gitlab``.

Each format is written as the results come, file after file in the order of their names (the
order of the sorted report), keeping nothing but the counts (:class:`Tally`): 10,000 files take
the memory of one, in every format (``WRITERS``). ``FORMATS`` gives the same characters for a
whole :class:`ValidationReport` at once (the registry of the command's formats).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from operator import attrgetter
from typing import NamedTuple

from stspd_cli.discovery import skipped_sentence
from stspd_cli.findings import Finding, Severity
from stspd_cli.fr import plural
from stspd_cli.terminal import console as terminal_console
from stspd_cli.terminal import json_items, json_part, rendered, visible
from stspd_cli.validate import FileResult, Tally, ValidationReport

# Each line says its severity in words, as yamllint says error and warning: a CI log or a
# pre-commit output has no colour.
SEVERITY_WORDS = {Severity.ERROR: "erreur", Severity.WARNING: "avertissement"}


class OutputOptions(NamedTuple):
    color: bool = False
    strict: bool = False


# The name and version of the JSON output (docs/sorties.md, schema/stspd-validate-1.schema.json).
JSON_FORMAT = "stspd-validate/1"

# A format: the results in the order of their file names, the counts to keep up to date (the
# summary at the end reads them), the options; the text, in pieces.
Writer = Callable[[Iterable[FileResult], Tally, OutputOptions], Iterator[str]]
Formatter = Callable[[ValidationReport, OutputOptions], str]
WRITERS: dict[str, Writer] = {}
FORMATS: dict[str, Formatter] = {}


def formatter(name: str) -> Callable[[Writer], Writer]:
    def register(fn: Writer) -> Writer:
        WRITERS[name] = fn
        FORMATS[name] = _whole(fn)
        return fn

    return register


def _whole(writer: Writer) -> Formatter:
    def whole(report: ValidationReport, options: OutputOptions) -> str:
        # Sorted by name, stably: a file named twice keeps its results together, in order.
        results = sorted(report.files, key=attrgetter("file"))
        return "".join(writer(results, Tally(report.skipped), options))

    return whole


def by_file(results: Iterable[FileResult], tally: Tally) -> Iterator[list[Finding]]:
    """The findings of each file, sorted, for results in the order of their file names: the
    findings of the sorted report, file after file. Results of a file named twice come one
    after the other and are merged, as the sorted report merges them. Each result is counted
    in ``tally``, then dropped."""
    name: str | None = None
    group: list[Finding] = []
    for result in results:
        if name is not None and result.file != name:
            yield sorted(group)
            group = []
        name = result.file
        group.extend(result.findings)
        tally.add(result)
    if name is not None:
        yield sorted(group)


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
def as_text(results: Iterable[FileResult], tally: Tally, options: OutputOptions) -> Iterator[str]:
    """One finding per line: what a location or a message quotes is shown, never obeyed, and
    stays on its line (``⏎``), so that no value can fake another finding or the summary."""
    if not options.color:
        # Plain text needs no terminal library (and starts faster without one).
        for findings in by_file(results, tally):
            if findings:
                yield visible("".join(_line(f) + "\n" for f in findings))
        yield visible(summary(tally) + "\n")
        return
    from rich.text import Text  # noqa: PLC0415

    console, buffer = terminal_console(color=options.color, width=200, soft_wrap=True)
    styles = {Severity.ERROR: "bold red", Severity.WARNING: "yellow"}
    for findings in by_file(results, tally):
        for f in findings:
            line = Text()
            line.append(visible(f.location, one_line=True), style="bold")
            line.append(": ")
            line.append(f"{SEVERITY_WORDS[f.severity]} {f.code}", style=styles[f.severity])
            line.append(" ")
            line.append(visible(f.message, one_line=True))
            console.print(line)
        if findings:
            yield rendered(buffer)
            buffer.seek(0)
            buffer.truncate()
    failed = tally.exit_code(strict=options.strict) != 0
    console.print(Text(summary(tally), style="bold red" if failed else "bold green"))
    yield rendered(buffer)


@formatter("json")
def as_json(results: Iterable[FileResult], tally: Tally, options: OutputOptions) -> Iterator[str]:
    """``{"format", "findings", "skipped", "summary"}``, indented, each finding written as it
    comes: the characters ``json.dumps`` gives for the whole (:func:`json_part`)."""
    yield f'{{\n  "format": {json_part(JSON_FORMAT)},\n  "findings": ['
    written = False
    for findings in by_file(results, tally):
        if findings:
            items = json_items([f.as_dict() for f in findings], 1)
            yield (",\n    " if written else "\n    ") + items
            written = True
    end = "\n  ]" if written else "]"
    counts = {
        "files": tally.checked,
        "errors": tally.errors,
        "warnings": tally.warnings,
        "skipped": len(tally.skipped),
        "exit_code": tally.exit_code(strict=options.strict),
        "message": summary(tally),
    }
    yield (
        f'{end},\n  "skipped": {json_part(tally.skipped, 1)},\n'
        f'  "summary": {json_part(counts, 1)}\n}}\n'
    )


def _escape_github(text: str, *, prop: bool = False) -> str:
    # https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts; the log shows
    # annotations as text and obeys terminal escapes: those are shown instead.
    text = visible(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


@formatter("github")
def as_github(results: Iterable[FileResult], tally: Tally, options: OutputOptions) -> Iterator[str]:
    """GitHub Actions workflow commands: one annotation per finding, shown on the diff."""
    for findings in by_file(results, tally):
        lines = []
        for f in findings:
            level = "error" if f.severity is Severity.ERROR else "warning"
            props = [f"file={_escape_github(f.file, prop=True)}"]
            if f.line:
                props += [f"line={f.line}", f"col={f.column}"]
            props.append(f"title={_escape_github(f.code, prop=True)}")
            lines.append(f"::{level} {','.join(props)}::{_escape_github(f.message)}\n")
        if lines:
            yield "".join(lines)
    yield summary(tally) + "\n"


def _data_path(path: tuple[str | int, ...]) -> str:
    """``plans[0].actions[2].echeance``: where a finding is in the data, whatever its line."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else part
    return text


@formatter("gitlab")
def as_gitlab(results: Iterable[FileResult], tally: Tally, options: OutputOptions) -> Iterator[str]:
    """A GitLab Code Quality report (JSON array), for merge request widgets."""
    import hashlib  # noqa: PLC0415

    written = False
    for findings in by_file(results, tally):
        issues = []
        # The rank of a repeated finding: findings of one file come together, and the key
        # holds the file.
        seen: dict[str, int] = {}
        for f in findings:
            # Stable from one day to the next and when lines move: the code, the file and the
            # place in the data (``plans[0].actions[2].echeance``), plus the rank of a repeated
            # finding; never the message, which may count days (D003) or quote a value.
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
        if issues:
            yield (",\n  " if written else "[\n  ") + json_items(issues, 0)
            written = True
    yield "\n]\n" if written else "[]\n"
