"""The reference document that gives an office document its styles: the town's, or ours.

``modele.docx`` / ``modele.odt`` is looked up in the template folders (``--templates DIR``, then
the folder the repository's ``stspd.toml`` names), as every template is, confined to them; else
the sober default shipped in ``stspd_cli/data/office/`` (made by
``scripts/make_office_models.py``). A reference document found in a repository is data from
whoever wrote it: before pandoc opens it, it must be a small zip of plain parts, with no macro,
no embedded object, no link or template outside the file and no field that reads a file or an
address. Anything else is refused with the reason; nothing is silently dropped.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from stspd_cli.errors import TemplateError
from stspd_cli.render.loader import ChainLoader, FolderLoader

if TYPE_CHECKING:
    from jinja2 import Environment

MAX_FILE = 20 * 1024 * 1024
MAX_PARTS = 500
MAX_UNPACKED = 100 * 1024 * 1024
MAX_RATIO = 200  # a part that unpacks to more than 200 times its size is a zip bomb
MIMETYPE_ODT = b"application/vnd.oasis.opendocument.text"
# Parts that carry code or objects, whoever opens the file.
_ACTIVE_PARTS = re.compile(
    r"(vbaProject|vbaData|activeX|embeddings/|oleObject|/?Basic/|/?Scripts/|/?Object \d)",
    re.IGNORECASE,
)
# Fields that read a file, an address or another program (Word and LibreOffice alike).
_FETCHING_FIELDS = re.compile(
    r"\b(INCLUDETEXT|INCLUDEPICTURE|INCLUDE|LINK|DDE|DDEAUTO|IMPORT|MACROBUTTON"
    r"|DATABASE)\b"
)
_FIELD_TEXT = re.compile(
    r'(?:w:instr="([^"]*)"|<w:instrText[^>]*>([^<]*)</w:instrText>)', re.IGNORECASE
)
_EXTERNAL = re.compile(r'TargetMode\s*=\s*"External"', re.IGNORECASE)
_ODF_ACTIVE = re.compile(
    r"<(office:script\b|office:event-listeners|script:|draw:object|draw:applet|draw:plugin"
    r"|text:section-source|text:database|office:dde-source|text:dde-connection)",
)
_ODF_LINK = re.compile(r'xlink:href\s*=\s*"([^"]*)"')


def default_model(kind: str) -> Path:
    return Path(__file__).resolve().parent.parent / "data" / "office" / f"modele.{kind}"


def find_model(env: Environment, kind: str) -> Path:
    """The town's ``modele.KIND`` from the template folders of ``env``, checked; else ours."""
    loader = env.loader
    folders: list[FolderLoader] = loader.custom if isinstance(loader, ChainLoader) else []
    name = f"modele.{kind}"
    for folder in folders:
        found = folder.find(name)
        if found is not None:
            check_model(found, kind)
            return found
    return default_model(kind)


def _refuse(path: Path, why: str) -> TemplateError:
    return TemplateError(
        f"modèle de document « {path} » refusé : {why}",
        hint="enregistrez le modèle sans macro ni lien externe (docx ou odt ordinaire)",
    )


def check_model(path: Path, kind: str) -> None:
    """Refuse a reference document that is not a small, plain docx or odt (see module doc)."""
    if path.stat().st_size > MAX_FILE:
        raise _refuse(path, f"plus de {MAX_FILE // 2**20} Mio")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise _refuse(path, f"ce n'est pas un fichier {kind} lisible ({error})") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_PARTS:
            raise _refuse(path, f"plus de {MAX_PARTS} parties")
        if sum(i.file_size for i in infos) > MAX_UNPACKED:
            raise _refuse(path, f"plus de {MAX_UNPACKED // 2**20} Mio une fois décompressé")
        for info in infos:
            _check_part(path, archive, info, kind)
        if kind == "odt" and archive.read("mimetype").strip() != MIMETYPE_ODT:
            raise _refuse(path, "ce n'est pas un document texte OpenDocument (odt)")
        if kind == "docx" and "[Content_Types].xml" not in archive.namelist():
            raise _refuse(path, "ce n'est pas un document Word (docx)")


def _check_part(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo, kind: str) -> None:
    name = info.filename
    pure = PurePosixPath(name)
    if pure.is_absolute() or ".." in pure.parts or "\\" in name:
        raise _refuse(path, f"chemin de partie suspect « {name} »")
    if info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
        raise _refuse(path, f"partie « {name} » anormalement compressée (bombe zip ?)")
    if _ACTIVE_PARTS.search(name):
        raise _refuse(path, f"contient du code ou un objet incorporé (« {name} »)")
    if not name.endswith((".xml", ".rels", ".rdf")):
        return
    text = archive.read(info).decode("utf-8", "replace")
    if "macroEnabled" in text or "vbaProject" in text:
        raise _refuse(path, "contient des macros (document .docm ou .dotm)")
    if kind == "docx":
        if _EXTERNAL.search(text):
            raise _refuse(path, f"renvoie à une ressource extérieure au fichier (« {name} »)")
        if "attachedTemplate" in text:
            raise _refuse(path, "s'appuie sur un modèle extérieur (attachedTemplate)")
        for match in _FIELD_TEXT.finditer(text):
            instruction = (match.group(1) or match.group(2) or "").upper()
            if _FETCHING_FIELDS.search(instruction):
                raise _refuse(
                    path,
                    f"contient un champ qui lit un fichier ou une adresse : {instruction.strip()}",
                )
    else:
        active = _ODF_ACTIVE.search(text)
        if active:
            raise _refuse(
                path, f"contient un script, un objet ou une source extérieure ({active.group(1)})"
            )
        for target in _ODF_LINK.findall(text):
            if not target.startswith(("#", "Pictures/", "./Pictures/")):
                raise _refuse(path, f"renvoie à une ressource extérieure au fichier (« {target} »)")
