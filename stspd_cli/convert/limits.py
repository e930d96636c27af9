"""What reading a document may cost, checked before it is read (documented in docs/convertir.md).

Text formats (txt, md, html) are held to the limit of a YAML strategy (``MAX_BYTES``). Word and
LibreOffice documents and PDFs carry images, so the file may weigh more, but the text drawn from
it is held to the same limit; a zip archive is checked from its own table of contents before a
byte is decompressed, as the partners' xlsx tables are.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from stspd_cli.archive import refused
from stspd_cli.errors import UnreadableInputError
from stspd_cli.fr import number_fr
from stspd_cli.source import MAX_BYTES

MAX_CONTAINER = 4 * MAX_BYTES  # a docx, odt or pdf with its images
MAX_PAGES = 500
MAX_TEXT = MAX_BYTES  # characters of text drawn from a document

_MAIN_PART = {"docx": "word/document.xml", "odt": "content.xml"}
_NAMES = {"docx": "document Word", "odt": "document LibreOffice"}
_EXTERNAL = re.compile(rb'TargetMode\s*=\s*"External"')
_MACROS = re.compile(r"(^|/)(vbaProject\.bin|Basic/|Scripts/)", re.IGNORECASE)


def size_text(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} Mio".replace(".", ",")


def unreadable(name: str, why: str, hint: str | None = None) -> UnreadableInputError:
    return UnreadableInputError(f"{name} : {why}", hint=hint)


def check_size(name: str, size: int, limit: int) -> None:
    if size > limit:
        why = f"fichier trop gros ({size_text(size)}, limite {size_text(limit)})"
        raise unreadable(name, why, hint="découpez le document, ou retirez-en les images")


@dataclass(slots=True)
class ArchiveFacts:
    """What the archive holds that is never followed nor run, told in the summary."""

    external_links: int = 0
    macros: list[str] = field(default_factory=list)


def check_archive(data: bytes, name: str, kind: str) -> ArchiveFacts:
    """Refuse a zip bomb, a damaged archive, or one that is not the document it claims to be."""
    label = _NAMES[kind]
    facts = ArchiveFacts()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            why = refused(members, label)
            if why is not None:
                raise unreadable(name, f"{label} refusé : {why}")
            names = {info.filename for info in members}
            if _MAIN_PART[kind] not in names:
                why = f"archive zip qui n'est pas un {label} (« {_MAIN_PART[kind]} » absent)"
                raise unreadable(name, why)
            for info in members:
                if info.filename.endswith(".rels"):
                    facts.external_links += len(_EXTERNAL.findall(archive.read(info)))
            facts.macros = sorted(n for n in names if _MACROS.search(n))
    except zipfile.BadZipFile:
        raise unreadable(
            name,
            f"{label} endommagé (archive zip illisible)",
            hint="ouvrez-le dans son logiciel et enregistrez-le de nouveau",
        ) from None
    return facts


def check_text(name: str, characters: int) -> None:
    if characters > MAX_TEXT:
        why = (
            f"plus de {number_fr(MAX_TEXT)} caractères de texte : c'est plus qu'une stratégie, "
            "le document est refusé"
        )
        raise unreadable(name, why, hint="convertissez la partie qui contient la stratégie")
