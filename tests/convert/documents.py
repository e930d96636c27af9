"""Our own documents of a strategy in every format ``stspd convertir`` reads, for the round
trip (tests/convert/test_roundtrip.py and benchmarks/convertir.py): HTML, Markdown, PDF, Word
and LibreOffice from ``stspd render``; and Word and LibreOffice files as LibreOffice saves a
web page (``docx-libreoffice``, ``odt-libreoffice``: a definition list becomes a label
paragraph above its value, the title a plain paragraph), when LibreOffice is installed."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from libreoffice import libreoffice_convert
from shared_renders import shared_render

from stspd_cli.convert.blocks import Document
from stspd_cli.convert.pipeline import Conversion, convert_document
from stspd_cli.convert.readers import read_document

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "examples" / "demo-fictive.yaml"
LOOS = ROOT / "strategies" / "cispd-loos-haubourdin-emmerin.yaml"
LILLE = ROOT / "strategies" / "clspd-lille.yaml"
STRATEGIES = (DEMO, LOOS, LILLE)
RENDERED = ("html", "md", "pdf", "docx", "odt")
OFFICE = ("docx-libreoffice", "odt-libreoffice")
TODAY = date(2026, 12, 1)
# An HTML file opens in Writer/Web, whose own export list has no Word filter: name it.
_FILTERS = {"docx-libreoffice": "docx:MS Word 2007 XML", "odt-libreoffice": "odt"}


def make_document(strategy: Path, fmt: str, folder: Path) -> Path:
    """``strategy`` as a document of format ``fmt`` in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    if fmt in RENDERED:
        target = folder / f"{strategy.stem}.{fmt}"
        target.write_bytes(shared_render(strategy, fmt, interne=False))
        return target
    target = folder / f"{strategy.stem}.{fmt.split('-', maxsplit=1)[0]}"
    if not target.is_file():
        # LibreOffice starts once for the pages of every strategy (a start costs a second).
        others = [s for s in STRATEGIES if s != strategy]
        pages = [make_document(s, "html", folder / "html") for s in (strategy, *others)]
        libreoffice_convert(pages, folder, _FILTERS[fmt])
    return target


def read(path: Path) -> Document:
    return read_document(path, path.name)


def convert(path: Path) -> Conversion:
    return convert_document(read(path), shown_as=f"{path.stem}.yaml", today=TODAY)


def original(strategy: Path) -> dict[str, Any]:
    from stspd_cli.load import load_file  # noqa: PLC0415

    data = load_file(strategy).data
    assert data is not None
    return data
