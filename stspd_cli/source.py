"""Read a strategy file's bytes into text, refusing what is not UTF-8 text, with the place why."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from stspd_cli.findings import Finding

MAX_BYTES = 8 * 1024 * 1024  # documented in docs/limites.md

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


@dataclass(slots=True)
class Source:
    file: str  # the name findings use
    text: str
    data: bytes


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} Mio".replace(".", ",")


def read_source(path: Path, display: str | None = None) -> Source | Finding:
    """Return the decoded text, or the one finding that says why it cannot be read."""
    name = display or str(path)
    try:
        if path.is_dir():
            return make_finding("S013", name, 0, 0, detail="c'est un dossier, pas un fichier")
        size = path.stat().st_size
        if size > MAX_BYTES:
            return make_finding("S007", name, 0, 0, taille=_size(size), limite=_size(MAX_BYTES))
        data = path.read_bytes()
    except FileNotFoundError:
        return make_finding("S013", name, 0, 0, detail="fichier introuvable")
    except PermissionError:
        return make_finding("S013", name, 0, 0, detail="lecture refusée (droits d'accès)")
    except OSError as error:
        return make_finding("S013", name, 0, 0, detail=f"lecture impossible ({error.strerror})")
    return decode_source(data, name)


def decode_source(data: bytes, name: str) -> Source | Finding:
    if len(data) > MAX_BYTES:
        return make_finding("S007", name, 0, 0, taille=_size(len(data)), limite=_size(MAX_BYTES))
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
