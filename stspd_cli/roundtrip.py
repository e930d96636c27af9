"""Comment-preserving reads and writes of strategy files, for the commands that write (fmt, import).

Read-only commands use the fast positioned parser (yamlparse); this module uses ruamel.yaml's
round-trip loader, which keeps comments, key order and quoting, so that a write changes only
what it means to change. Writes keep the file's line endings and BOM and are atomic.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stspd_cli.errors import InvalidStrategyError, UnreadableInputError
from stspd_cli.output import write_atomic
from stspd_cli.source import Source, read_source

BOM = b"\xef\xbb\xbf"
WIDTH = 100


@dataclass(slots=True)
class RoundTrip:
    """A strategy loaded for editing: the ruamel tree plus how the file was written."""

    path: Path
    tree: Any  # ruamel CommentedMap
    original: bytes
    newline: str
    bom: bool


def yaml_rt(*, faithful: bool = True) -> Any:
    """ruamel's round-trip YAML. ``faithful`` keeps quotes and never refolds long lines, so that
    an unchanged tree writes back byte for byte; otherwise the canonical layout of ``fmt``."""
    from ruamel.yaml import YAML  # noqa: PLC0415

    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096 if faithful else WIDTH
    yaml.preserve_quotes = faithful
    yaml.allow_duplicate_keys = False
    return yaml


def _source(path: Path) -> Source:
    from stspd_cli.findings import Finding  # noqa: PLC0415

    source = read_source(path, str(path))
    if isinstance(source, Finding):
        raise UnreadableInputError(f"{source.location}: {source.code} {source.message}")
    return source


def load_rt(path: Path) -> RoundTrip:
    """Load for editing. The file must first parse with stspd's own safe parser."""
    from stspd_cli.load import load_source  # noqa: PLC0415

    source = _source(path)
    checked = load_source(source)
    if checked.findings:
        first = sorted(checked.findings)[0]
        raise InvalidStrategyError(
            f"{first.location}: {first.code} {first.message}",
            hint=f"stspd validate {path} liste tous les problèmes à corriger.",
        )
    newline = "\r\n" if b"\r\n" in source.data else "\n"
    tree = yaml_rt().load(source.text.removeprefix("\ufeff").replace("\r\n", "\n"))
    return RoundTrip(
        path=path, tree=tree, original=source.data, newline=newline, bom=source.data.startswith(BOM)
    )


def dump_rt(doc: RoundTrip, *, faithful: bool = True) -> bytes:
    """The bytes the tree writes to, with the file's own line endings and BOM."""
    stream = io.StringIO()
    yaml_rt(faithful=faithful).dump(doc.tree, stream)
    text = stream.getvalue()
    if doc.newline != "\n":
        text = text.replace("\n", doc.newline)
    data = text.encode("utf-8")
    return BOM + data if doc.bom else data


def save_rt(doc: RoundTrip, data: bytes | None = None) -> bool:
    """Write atomically if the content changed; return whether it did."""
    content = dump_rt(doc) if data is None else data
    if content == doc.original:
        return False
    write_atomic(doc.path, content)
    return True
