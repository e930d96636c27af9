"""Read a strategy file's bytes into text, refusing what is not UTF-8 text, with the place why."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import NamedTuple

from stspd_cli.findings import Finding

MAX_BYTES = 8 * 1024 * 1024  # documented in docs/securite.md

_BOMS = {
    b"\xff\xfe\x00\x00": "UTF-32",
    b"\x00\x00\xfe\xff": "UTF-32",
    b"\xff\xfe": "UTF-16",
    b"\xfe\xff": "UTF-16",
}


def make_finding(code: str, file: str, line: int, column: int, **values: str) -> Finding:
    """A finding of the rules registry, imported only when a file cannot be read."""
    from stspd_cli.rules import make_finding as from_registry  # noqa: PLC0415

    return from_registry(code, file, line, column, (), **values)


class Source(NamedTuple):
    """A file read and decoded. (A named tuple: every run defines it, and the dataclasses
    module costs the cached validation 6 ms.)"""

    file: str  # the name findings use
    text: str
    data: bytes


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} Mio".replace(".", ",")


class NotReadable(Exception):
    """A path that is not a regular file to read, or one bigger than the limit."""

    def __init__(self, detail: str, size: int | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.size = size  # set when the file is too big


# What each kind of file that is not a regular one is called.
_NOT_REGULAR = (
    (stat.S_ISDIR, "c'est un dossier, pas un fichier"),
    (stat.S_ISFIFO, "c'est un tube nommé (FIFO), pas un fichier ordinaire"),
    (stat.S_ISCHR, "c'est un périphérique (fichier spécial), pas un fichier ordinaire"),
    (stat.S_ISBLK, "c'est un périphérique de stockage, pas un fichier ordinaire"),
    (stat.S_ISSOCK, "c'est une socket, pas un fichier ordinaire"),
)


def _kind(mode: int) -> str | None:
    """Why a file of this mode is not read, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next(
        (why for test, why in _NOT_REGULAR if test(mode)), "ce n'est pas un fichier ordinaire"
    )


def read_regular(path: Path | str, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or :class:`NotReadable`.

    Every strategy and table is read here. A named pipe is opened without waiting for a writer
    (O_NONBLOCK), a device or a socket is refused before any byte is read, and at most ``limit``
    plus one byte is ever read: a file that grows, or that says it is empty (/proc), still
    costs no more. OSError (missing, permissions) is the caller's to translate."""
    # A socket cannot even be opened: refuse it first. (os.stat: the path may be text, see
    # stspd_cli.walk.child.)
    why = _kind(os.stat(path).st_mode)  # noqa: PTH116
    if why is not None:
        raise NotReadable(why)
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        why = _kind(info.st_mode)  # replaced between the two looks
        if why is not None:
            raise NotReadable(why)
        if info.st_size > limit:
            raise NotReadable("trop gros", size=info.st_size)
        chunks: list[bytes] = []
        read = 0
        while read <= limit:
            chunk = os.read(fd, min(limit + 1 - read, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            read += len(chunk)
    finally:
        os.close(fd)
    if read > limit:
        raise NotReadable("trop gros", size=read)
    return b"".join(chunks)


def read_source(path: Path | str, display: str | None = None) -> Source | Finding:
    """Return the decoded text, or the one finding that says why it cannot be read."""
    name = display or str(path)
    try:
        data = read_regular(path, MAX_BYTES)
    except NotReadable as refused:
        if refused.size is not None:
            return too_big(name, refused.size)
        return make_finding("S013", name, 0, 0, detail=refused.detail)
    except FileNotFoundError:
        return make_finding("S013", name, 0, 0, detail="fichier introuvable")
    except PermissionError:
        return make_finding("S013", name, 0, 0, detail="lecture refusée (droits d'accès)")
    except OSError as error:
        return make_finding("S013", name, 0, 0, detail=f"lecture impossible ({error.strerror})")
    return decode_source(data, name)


def too_big(name: str, size: int) -> Finding:
    """The finding for a strategy of ``size`` bytes, over the limit."""
    return make_finding("S007", name, 0, 0, taille=_size(size), limite=_size(MAX_BYTES))


def decode_source(data: bytes, name: str) -> Source | Finding:
    if len(data) > MAX_BYTES:
        return too_big(name, len(data))
    for bom, encoding in _BOMS.items():
        if data.startswith(bom):
            return make_finding(
                "S004", name, 0, 0, detail=f"fichier encodé en {encoding} : enregistrez-le en UTF-8"
            )
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = _place(data, nul)
        return make_finding(
            "S011",
            name,
            line,
            column,
            detail="octet nul : ce fichier est binaire (document Word, PDF ou archive ?)",
        )
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        offset = error.start + (len(data) - len(body))
        line, column = _place(data, offset)
        return make_finding("S004", name, line, column, detail=_encoding_detail(data, offset, name))
    return Source(file=name, text=text, data=data)


def _place(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters, as far as they decode) of a byte offset."""
    start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    column = len(data[start:offset].decode("utf-8", errors="replace")) + 1
    return line, column


def _encoding_detail(data: bytes, offset: int, name: str) -> str:
    byte = data[offset]
    start = data.rfind(b"\n", 0, offset) + 1
    end = data.find(b"\n", offset)
    line = data[start : end if end >= 0 else len(data)].rstrip(b"\r")
    guess = line.decode("cp1252", errors="replace").strip()
    if len(guess) > 60:
        guess = guess[:57] + "..."
    return (
        f"le fichier n'est pas en UTF-8 (octet 0x{byte:02X}) ; en Windows-1252 la ligne se lirait "
        f"« {guess} ». Convertissez-le : iconv -f WINDOWS-1252 -t UTF-8 {name} > converti.yaml"
    )
