"""Stage 1 of the pipeline: a file on disk -> plain data with positions, or findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stspd_cli.findings import Finding
from stspd_cli.positions import Positions
from stspd_cli.rules import make_finding
from stspd_cli.source import Source, decode_source, read_source
from stspd_cli.yamlparse import parse_yaml


@dataclass(slots=True)
class Loaded:
    """A strategy file as data. ``data`` is None when the file could not be read as a mapping."""

    file: str
    data: dict[str, Any] | None
    positions: Positions = field(default_factory=Positions)
    findings: list[Finding] = field(default_factory=list)
    text: str = ""

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


def load_source(source: Source) -> Loaded:
    from stspd_cli.sniff import sniff  # noqa: PLC0415

    name = source.file
    head = sniff(source.text)
    if not head.strategy and not head.empty:
        # Only strategies are strategies: another YAML file gets this one finding, unparsed.
        finding = make_finding("S015", name, head.line, head.column, trouve=head.found)
        return Loaded(file=name, data=None, findings=[finding], text=source.text)
    parsed = parse_yaml(source.text)
    findings = [
        make_finding(p.code, name, p.line + 1, p.column + 1, p.path, **p.params)
        for p in parsed.problems
    ]
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
