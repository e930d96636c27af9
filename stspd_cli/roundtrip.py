"""Comment-preserving reads and writes of strategy files, for the commands that write (fmt, import).

Read-only commands use the fast positioned parser (yamlparse); this module uses ruamel.yaml's
round-trip loader, which keeps comments, key order and quoting, so that a write changes only
what it means to change. Writes keep the file's line endings and BOM and are atomic.

``stspd fmt`` writes its own canonical layout (stspd_cli/edit/) but reads, keeps line endings and
replaces files through the helpers here (``read_checked``, ``encode_like``, ``replace_file``).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stspd_cli.errors import InvalidStrategyError, OutputError, UnreadableInputError
from stspd_cli.findings import Finding
from stspd_cli.output import write_atomic
from stspd_cli.source import Source, read_source

if TYPE_CHECKING:
    from stspd_cli.load import Loaded

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


def read_checked(path: Path, name: str | None = None) -> tuple[Source, Loaded]:
    """Read a strategy that parses with stspd's own safe parser, or raise: unreadable (exit 2)
    or not well-formed YAML (exit 1), with the first problem's place."""
    return checked(read_source(path, name or str(path)))


def checked(source: Source | Finding) -> tuple[Source, Loaded]:
    """A source read (or the finding that says why it could not be), parsed, or raise as
    :func:`read_checked` does."""
    if isinstance(source, Finding):
        raise UnreadableInputError(
            f"{source.location}: {source.code} {source.message}",
            hint="vérifiez le chemin, et que le fichier est une stratégie enregistrée en UTF-8.",
        )
    return source, check_source(source)


def check_source(source: Source) -> Loaded:
    """Parse a strategy's text with stspd's own safe parser, or raise with the first problem's
    place: unreadable (exit 2) or not well-formed YAML (exit 1)."""
    from stspd_cli.load import load_source  # noqa: PLC0415

    loaded = load_source(source)
    if loaded.findings:
        first = sorted(loaded.findings)[0]
        kind = UnreadableInputError if first.unreadable else InvalidStrategyError
        raise kind(
            f"{first.location}: {first.code} {first.message}",
            hint=f"stspd validate {source.file} liste tous les problèmes à corriger.",
        )
    assert loaded.data is not None
    return loaded


def line_ending(data: bytes) -> str:
    """The file's line ending: Windows (CRLF) if it has any, else Unix (LF)."""
    return "\r\n" if b"\r\n" in data else "\n"


def encode_like(text: str, original: bytes) -> bytes:
    """``text`` (LF line ends, no BOM) as bytes with the line endings and BOM of ``original``."""
    newline = line_ending(original)
    if newline != "\n":
        text = text.replace("\n", newline)
    data = text.encode("utf-8")
    return BOM + data if original.startswith(BOM) else data


def load_rt(path: Path) -> RoundTrip:
    """Load for editing. The file must first parse with stspd's own safe parser."""
    source, _ = read_checked(path)
    return round_trip(source, path)


def round_trip(source: Source, path: Path) -> RoundTrip:
    """The ruamel tree of a strategy already read (and parsed by :func:`read_checked`), to be
    written back to ``path``. ruamel's loader is slow (pure Python, comments kept): a command
    asks for it only once it knows it has something to write."""
    try:
        tree = yaml_rt().load(source.text.removeprefix("\ufeff").replace("\r\n", "\n"))
    except ValueError as error:
        # ruamel builds dates as it reads: an impossible date (2017-02-30) stops it here.
        msg = f"{path} : valeur illisible pour l'édition ({error})"
        raise InvalidStrategyError(
            msg, hint=f"stspd validate {path} indique la ligne à corriger."
        ) from None
    return RoundTrip(
        path=path,
        tree=tree,
        original=source.data,
        newline=line_ending(source.data),
        bom=source.data.startswith(BOM),
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


def replace_file(path: Path, original: bytes, content: bytes) -> bool:
    """Write ``content`` atomically over a file read as ``original``, if it differs; refuse if
    the file changed on disk meanwhile (an editor saved it). Return whether it was written."""
    if content == original:
        return False
    from stspd_cli.source import NotReadable, read_regular  # noqa: PLC0415

    try:
        # Read as every input is: a file replaced meanwhile by a pipe or a huge file costs
        # no more than the original's size.
        current = read_regular(path, len(original))
    except (OSError, NotReadable):
        current = None
    if current != original:
        msg = f"{path} a changé pendant la mise en forme : fichier laissé tel quel"
        raise OutputError(msg, hint="relancez la commande une fois le fichier enregistré.")
    write_atomic(path, content)
    return True


def save_rt(doc: RoundTrip, data: bytes | None = None) -> bool:
    """Write atomically if the content changed; return whether it did."""
    content = dump_rt(doc) if data is None else data
    return replace_file(doc.path, doc.original, content)
