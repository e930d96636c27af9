"""A list item's second paragraph in a Word document: pandoc writes it numbered with a bullet
that prints nothing (« lvlText » a space), and reads it back as an item of its own. Found here
in the document's own numbering, it goes back under the item above it, as in LibreOffice's
files (a paragraph inside the item).

The XML is the document's, possibly hostile: read by defusedxml (no entity, no external
reference), after :func:`stspd_cli.convert.limits.check_archive` has bounded the archive.
"""

from __future__ import annotations

import io
import itertools
import zipfile
from typing import IO, Any

from stspd_cli.convert.blocks import ITEM, PARA, Block

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def continued_texts(data: bytes) -> set[str]:
    """The texts of the paragraphs of the docx ``data`` numbered with a bullet that prints
    nothing (spaces folded). The document is read as a stream, one paragraph held at a time.
    Numbering that cannot be read (damaged, or declaring entities) leaves the lists as pandoc
    read them."""
    from xml.etree.ElementTree import ParseError  # noqa: PLC0415

    from defusedxml import DefusedXmlException  # noqa: PLC0415
    from defusedxml.ElementTree import fromstring  # noqa: PLC0415

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "word/numbering.xml" not in archive.namelist():
                return set()
            blank = _blank_levels(fromstring(archive.read("word/numbering.xml")))
            if not blank:
                return set()
            with archive.open("word/document.xml") as document:
                return _numbered_with(document, blank)
    except (ParseError, DefusedXmlException, zipfile.BadZipFile, KeyError):
        return set()


def _numbered_with(document: IO[bytes], blank: set[tuple[str, str]]) -> set[str]:
    from defusedxml.ElementTree import iterparse  # noqa: PLC0415

    found = set()
    open_elements: list[Any] = []
    for event, element in iterparse(document, events=("start", "end")):
        if event == "start":
            open_elements.append(element)
            continue
        open_elements.pop()
        if element.tag != f"{_W}p":
            continue
        number = element.find(f"./{_W}pPr/{_W}numPr")
        if number is not None:
            num_id, level = _value(number, "numId"), _value(number, "ilvl") or "0"
            if (num_id, level) in blank:
                text = "".join(t.text or "" for t in element.iter(f"{_W}t"))
                found.add(" ".join(text.split()))
        if open_elements:  # read: let it go
            open_elements[-1].remove(element)
    return found


def _blank_levels(numbering: Any) -> set[tuple[str, str]]:
    """(numId, level) of every bullet level whose text prints nothing."""
    abstract: set[tuple[str, str]] = set()
    for definition in numbering.iter(f"{_W}abstractNum"):
        for level in definition.iter(f"{_W}lvl"):
            bullet = _value(level, "numFmt") == "bullet"
            if bullet and not (_value(level, "lvlText") or "").strip():
                abstract.add((definition.get(f"{_W}abstractNumId", ""), level.get(f"{_W}ilvl", "")))
    blank: set[tuple[str, str]] = set()
    for num in numbering.iter(f"{_W}num"):
        of = _value(num, "abstractNumId")
        blank.update((num.get(f"{_W}numId", ""), lvl) for a, lvl in abstract if a == of)
    return blank


def _value(element: Any, child: str) -> str | None:
    found = element.find(f"./{_W}{child}")
    return None if found is None else found.get(f"{_W}val")


def rejoin(blocks: list[Block], continued: set[str]) -> None:
    """An item whose text is one of ``continued``, after an item: a paragraph under it."""
    for previous, block in itertools.pairwise(blocks):
        below = block.kind == ITEM and previous.kind in {ITEM, PARA}
        if below and " ".join(block.text.split()) in continued:
            block.kind, block.level, block.number = PARA, 0, None
