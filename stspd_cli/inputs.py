"""Read one input of a command: a file, or standard input (``-``), with the same limits and
findings (:mod:`stspd_cli.source`); standard input is shown as « <entrée standard> »."""

from __future__ import annotations

import errno
import sys
from pathlib import Path

from stspd_cli.discovery import STDIN
from stspd_cli.findings import Finding
from stspd_cli.source import MAX_BYTES, Source, decode_source, read_source

STDIN_NAME = "<entrée standard>"


def display_name(path: Path) -> str:
    """Paths relative to the working directory when they are under it, as editors expect.
    Lexical (no symbolic link followed, no file system call): it runs once per file."""
    import os  # noqa: PLC0415

    if path == STDIN:
        return STDIN_NAME
    here = Path.cwd()
    absolute = Path(os.path.normpath(path.absolute()))
    if absolute == here or not absolute.is_relative_to(here):
        return printable_name(str(path))
    return printable_name(str(absolute.relative_to(here)))


def printable_name(name: str) -> str:
    """A file name as every output can write it: the bytes of a name that is not UTF-8 (the
    system hands them over as lone surrogates) shown escaped, « caf\\xe9.yaml »."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return name


def stdin_bytes() -> bytes:
    """Standard input, at most one byte past the size limit (the finding says it is too big
    without the rest being read). It can be read once: :func:`stspd_cli.discovery.select`
    accepts ``-`` once."""
    stream = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else None
    try:
        if stream is None:  # pragma: no cover - a text-only stream (embedding)
            return sys.stdin.read(MAX_BYTES + 1).encode("utf-8")
        return stream.read(MAX_BYTES + 1)
    except OSError as error:  # « <&- », a folder given as input (« < strategies/ »)
        from stspd_cli.errors import UnreadableInputError  # noqa: PLC0415
        from stspd_cli.output import reason  # noqa: PLC0415

        why = "fermée" if error.errno == errno.EBADF else reason(error)
        msg = f"impossible de lire l'entrée standard : {why}"
        raise UnreadableInputError(msg) from None


def read_input(path: Path | str, name: str | None = None) -> Source | Finding:
    """The decoded text of a file or of standard input, or the one finding that says why not."""
    if path == STDIN:
        return decode_source(stdin_bytes(), name or STDIN_NAME)
    return read_source(path, name or display_name(Path(path)))


def input_stem(path: Path) -> str:
    """The name an output made from this input takes (``clspd-lille`` for ``clspd-lille.yaml``)."""
    return "entree-standard" if path == STDIN else path.stem
