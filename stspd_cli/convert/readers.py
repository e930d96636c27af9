"""One reader per format, chosen by the file's extension; each gives a neutral document."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from stspd_cli.convert.blocks import Document
from stspd_cli.convert.limits import (
    MAX_CONTAINER,
    ArchiveFacts,
    check_archive,
    check_size,
    check_text,
    unreadable,
)
from stspd_cli.errors import UnreadableInputError, UsageError
from stspd_cli.source import MAX_BYTES


def _text(data: bytes, name: str) -> str:
    from stspd_cli.findings import Finding  # noqa: PLC0415
    from stspd_cli.source import decode_source  # noqa: PLC0415

    source = decode_source(data, name)
    if isinstance(source, Finding):
        raise UnreadableInputError(f"{source.location}: {source.message}")
    return source.text


def _read_txt(path: Path, data: bytes, name: str) -> Document:
    from stspd_cli.convert.read_text import read_text  # noqa: PLC0415

    return read_text(_text(data, name), name)


def _read_md(path: Path, data: bytes, name: str) -> Document:
    from stspd_cli.convert.read_pandoc import pandoc_tree, read_pandoc  # noqa: PLC0415

    return read_pandoc(pandoc_tree("md", name, text=_text(data, name)), name, "md")


def _read_html(path: Path, data: bytes, name: str) -> Document:
    from stspd_cli.convert.read_html import read_html  # noqa: PLC0415

    return read_html(_text(data, name), name)


def _office(kind: str) -> Callable[[Path, bytes, str], Document]:
    def read(path: Path, data: bytes, name: str) -> Document:
        from stspd_cli.convert.read_pandoc import pandoc_tree, read_pandoc  # noqa: PLC0415

        facts = check_archive(data, name, kind)
        doc = read_pandoc(pandoc_tree(kind, name, path=path), name, kind)
        if kind == "docx":
            from stspd_cli.convert.docx_lists import continued_texts, rejoin  # noqa: PLC0415

            rejoin(doc.blocks, continued_texts(data))
        _tell(doc, facts)
        return doc

    return read


def _tell(doc: Document, facts: ArchiveFacts) -> None:
    if facts.external_links:
        doc.notes.append(
            f"{facts.external_links} lien(s) externe(s) du document ni suivi(s) ni ouvert(s)"
        )
    if facts.macros:
        doc.notes.append(
            f"macros du document ignorées, jamais exécutées ({', '.join(facts.macros)})"
        )


def _read_pdf(path: Path, data: bytes, name: str) -> Document:
    from stspd_cli.convert.read_pdf import read_pdf  # noqa: PLC0415

    return read_pdf(data, name)


# extension -> (reader, size limit of the file)
READERS: dict[str, tuple[Callable[[Path, bytes, str], Document], int]] = {
    ".docx": (_office("docx"), MAX_CONTAINER),
    ".odt": (_office("odt"), MAX_CONTAINER),
    ".pdf": (_read_pdf, MAX_CONTAINER),
    ".html": (_read_html, MAX_BYTES),
    ".htm": (_read_html, MAX_BYTES),
    ".md": (_read_md, MAX_BYTES),
    ".markdown": (_read_md, MAX_BYTES),
    ".txt": (_read_txt, MAX_BYTES),
}


def read_document(path: Path, name: str) -> Document:
    """The neutral document of ``path``, or a French error that says why it cannot be read."""
    suffix = path.suffix.lower()
    if suffix not in READERS:
        known = ", ".join(sorted({s for s in READERS if s not in {".htm", ".markdown"}}))
        msg = f"« {name} » : format non pris en charge ({suffix or 'sans extension'})"
        raise UsageError(msg, hint=f"formats lus : {known}")
    reader, limit = READERS[suffix]
    from stspd_cli.source import NotReadable, read_regular  # noqa: PLC0415

    try:
        data = read_regular(path, limit)  # the one reader of the user's files (source.py)
    except NotReadable as refusal:
        if refusal.size is not None:
            check_size(name, refusal.size, limit)
        raise unreadable(name, refusal.detail) from None
    except FileNotFoundError:
        raise unreadable(name, "fichier introuvable") from None
    except PermissionError:
        raise unreadable(name, "lecture refusée (droits d'accès)") from None
    except OSError as error:
        raise unreadable(name, f"lecture impossible ({error.strerror})") from None
    doc = reader(path, data, name)
    check_text(name, sum(len(t) for block in doc.blocks for t in block.texts()))
    return doc
