"""Bounds on a zip archive (an xlsx table, a docx or odt document), checked from the archive's
own table of contents before a byte is decompressed: what it declares bounds what
decompressing may produce, since zipfile never returns more than a member's declared size
(documented in docs/securite.md)."""

from __future__ import annotations

import zipfile

from stspd_cli.fr import number_fr

MAX_UNZIPPED = 64 * 1024 * 1024
MAX_MEMBERS = 1_000
MAX_RATIO = 100  # uncompressed / compressed size of one member bigger than RATIO_FROM
RATIO_FROM = 1024 * 1024


def refused(members: list[zipfile.ZipInfo], what: str) -> str | None:
    """Why an archive is refused (``what``: « classeur », « document »), or None."""
    if len(members) > MAX_MEMBERS:
        return f"archive de plus de {number_fr(MAX_MEMBERS)} fichiers"
    if sum(info.file_size for info in members) > MAX_UNZIPPED:
        return f"{what} trop gros une fois décompressé"
    for info in members:
        ratio = info.file_size // max(info.compress_size, 1)
        if info.file_size > RATIO_FROM and ratio > MAX_RATIO:
            why = f"« {info.filename} » se décompresse {number_fr(ratio)} fois plus gros"
            return f"archive suspecte (bombe de décompression) : {why}"
    return None
