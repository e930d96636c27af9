"""Stage 1 of the pipeline: a file on disk -> plain data with positions, or findings."""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stspd_cli.findings import Finding, Severity
from stspd_cli.fr import number_fr
from stspd_cli.positions import LINE_BREAK, Positions
from stspd_cli.rules import make_finding
from stspd_cli.source import Source, decode_source, read_source
from stspd_cli.yamlparse import parse_yaml

# Findings kept per file (documented in docs/securite.md); the others are counted in one S015.
MAX_FINDINGS = 1000


@dataclass(slots=True)
class Loaded:
    """A strategy file as data. ``data`` is None when the file could not be read as a mapping."""

    file: str
    data: dict[str, Any] | None
    positions: Positions = field(default_factory=Positions)
    findings: list[Finding] = field(default_factory=list)
    text: str = ""
    # Where each line starts in ``text``, indexed on first use: a finding that quotes the text
    # at its place then costs what it quotes, not the length of the file.
    _starts: array[int] | None = field(default=None, repr=False, compare=False)

    def excerpt(self, line: int, column: int, width: int) -> str:
        """At most ``width`` characters of the text from the 1-based ``line`` and ``column`` to
        the end of that line ("" outside the file): its cost is ``width``, not the line's."""
        if self._starts is None:
            self._starts = array("q", [0])
            self._starts.extend(m.end() for m in LINE_BREAK.finditer(self.text))
        if not 0 < line <= len(self._starts) or column < 1:
            return ""
        start = self._starts[line - 1] + column - 1
        end = self._starts[line] if line < len(self._starts) else len(self.text)
        return LINE_BREAK.split(self.text[start : min(end, start + width)], 1)[0]

    def at(self, path: tuple[str | int, ...], *, key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of a value, or of its key with ``key=True``."""
        line, column = self.positions.key(path) if key else self.positions.value(path)
        return line + 1, column + 1


def load_file(path: Path, display: str | None = None) -> Loaded:
    return loaded_from(read_source(path, display))


def loaded_from(source: Source | Finding) -> Loaded:
    """A source read, or the finding that says why it could not be."""
    if isinstance(source, Finding):
        return Loaded(file=source.file, data=None, findings=[source])
    return load_source(source)


def load_bytes(data: bytes, name: str) -> Loaded:
    source = decode_source(data, name)
    if isinstance(source, Finding):
        return Loaded(file=name, data=None, findings=[source])
    return load_source(source)


def capped(findings: list[Finding], file: str, omitted: int = 0) -> list[Finding]:
    """At most MAX_FINDINGS findings, unreadable ones and errors first (the exit code stays
    the same), then in file order; ``omitted`` (problems a stage only counted) and those beyond
    the limit become one S015 finding."""
    if len(findings) <= MAX_FINDINGS and not omitted:
        return findings
    ordered = sorted(
        findings, key=lambda f: (not f.unreadable, f.severity is not Severity.ERROR, f)
    )
    kept = ordered[:MAX_FINDINGS]
    rest = omitted + len(ordered) - len(kept)
    summary = make_finding(
        "S015", file, 0, 0, nombre=number_fr(rest), limite=number_fr(MAX_FINDINGS)
    )
    return [*kept, summary]


def load_source(source: Source) -> Loaded:
    from stspd_cli.sniff import sniff  # noqa: PLC0415

    name = source.file
    head = sniff(source.text)
    if not head.strategy and not head.empty:
        # Only strategies are strategies: another YAML file gets this one finding, unparsed.
        finding = make_finding("S019", name, head.line, head.column, trouve=head.found)
        return Loaded(file=name, data=None, findings=[finding], text=source.text)
    # One place left for the problem that stops the reading, if one does (S010, S016...).
    parsed = parse_yaml(source.text, max_problems=MAX_FINDINGS - 1)
    findings = capped(
        [
            make_finding(p.code, name, p.line + 1, p.column + 1, p.path, **p.params)
            for p in parsed.problems
        ],
        name,
        parsed.omitted,
    )
    loaded = Loaded(file=name, data=None, positions=parsed.positions, text=source.text)
    if findings:
        loaded.findings = findings
        return loaded
    data = parsed.data
    if data is None:
        loaded.findings = [make_finding("S008", name, 0, 0)]
    elif not isinstance(data, dict):
        found = "une liste" if isinstance(data, list) else f"la valeur « {data} »"
        line, column = loaded.at(())
        loaded.findings = [make_finding("S009", name, line, column, trouve=found)]
    else:
        loaded.data = data
    return loaded
