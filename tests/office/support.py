"""Office documents read back by libraries independent of pandoc (python-docx, odfpy, zipfile
with an XML parser), and converted by the real LibreOffice."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from defusedxml import ElementTree as ET
from docx import Document as WordDocument
from libreoffice import libreoffice_convert
from odf import office, teletype
from odf import text as odf_text
from odf.opendocument import load as load_odt
from render.support import normalise, require_tool

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_text(data: bytes) -> str:
    """The body's text in document order, one paragraph a line (zipfile and ElementTree)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = ET.fromstring(archive.read("word/document.xml"))
    lines = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")]
    return "\n".join(lines)


def docx_headings(data: bytes) -> list[tuple[str, str]]:
    """(style name, text) of each heading-styled paragraph, through python-docx."""
    doc = WordDocument(io.BytesIO(data))
    return [
        (p.style.name, p.text)
        for p in doc.paragraphs
        if p.style is not None and p.style.name.lower().startswith("heading")
    ]


def odt_text(data: bytes) -> str:
    """The text of every paragraph and heading in document order (odfpy)."""
    doc = load_odt(io.BytesIO(data))
    body = doc.getElementsByType(office.Text)[0]
    return "\n".join(teletype.extractText(node) for node in _walk(body))


TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_PARAGRAPHS = {(TEXT_NS, "p"), (TEXT_NS, "h")}


def _walk(node: object) -> list[object]:
    found: list[object] = []
    for child in getattr(node, "childNodes", []):
        qname = getattr(child, "qname", None)
        if qname in _PARAGRAPHS:
            found.append(child)
        else:
            found.extend(_walk(child))
    return found


def odt_headings(data: bytes) -> list[tuple[str, str]]:
    doc = load_odt(io.BytesIO(data))
    style = ("urn:oasis:names:tc:opendocument:xmlns:text:1.0", "style-name")
    return [
        (h.attributes.get(style, ""), teletype.extractText(h))
        for h in doc.getElementsByType(odf_text.H)
    ]


def part(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name).decode("utf-8")


def all_xml(data: bytes) -> str:
    """Every XML part of an office file, one after the other (what any reader may show)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "\n".join(
            archive.read(n).decode("utf-8")
            for n in archive.namelist()
            if n.endswith((".xml", ".rels"))
        )


def order_of(sentences: list[str], text: str) -> list[str]:
    """The sentences found in ``text``, in the order they first appear there."""
    flat = normalise(text)
    found = [(flat.find(s), s) for s in sentences if s in flat]
    return [s for _, s in sorted(found)]


def libreoffice_pdfs(files: dict[str, bytes], folder: Path) -> dict[str, bytes]:
    """Each office file converted to PDF by LibreOffice headless, in one run."""
    require_tool("soffice")
    for name, data in files.items():
        (folder / name).write_bytes(data)
    libreoffice_convert([folder / n for n in files], folder / "pdf", "pdf")
    return {n: (folder / "pdf" / Path(n).with_suffix(".pdf").name).read_bytes() for n in files}
