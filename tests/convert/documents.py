"""Our own documents of a strategy in every format ``stspd convertir`` reads, for the round
trip (tests/convert/test_roundtrip.py and benchmarks/convertir.py): HTML, Markdown, PDF, Word
and LibreOffice from ``stspd render``; and Word and LibreOffice files as LibreOffice saves a
web page (``docx-libreoffice``, ``odt-libreoffice``: a definition list becomes a label
paragraph above its value, the title a plain paragraph), when LibreOffice is installed."""

from __future__ import annotations

import copy
import hashlib
import os
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


# Conversions made in this test process, by document name and bytes (in a test run only).
_CONVERTED: dict[tuple[str, str], Conversion] = {}


def convert(path: Path) -> Conversion:
    """The conversion of the document ``path``. In a test run (``STSPD_TEST_RENDERS``, as for
    :func:`shared_renders.shared_render`), a document converted before in this process is not
    read again: conversion is deterministic (the same bytes give the same YAML, whatever the
    process: tests/convert/test_pdf_pages.py), and each test gets its own copy to change. A
    benchmark, which times each conversion, converts each time."""
    if not os.environ.get("STSPD_TEST_RENDERS"):
        return _converted(path)
    key = (path.name, hashlib.sha256(path.read_bytes()).hexdigest())
    if key not in _CONVERTED:
        _CONVERTED[key] = _converted(path)
    return copy.deepcopy(_CONVERTED[key])


def _converted(path: Path) -> Conversion:
    return convert_document(read(path), shown_as=f"{path.stem}.yaml", today=TODAY)


def original(strategy: Path) -> dict[str, Any]:
    from stspd_cli.load import load_file  # noqa: PLC0415

    data = load_file(strategy).data
    assert data is not None
    return data


def page_lines(html: bytes) -> list[str]:
    """The visible text of a feuille de route, one line per paragraph, cell or item."""
    import html as entities  # noqa: PLC0415
    import re  # noqa: PLC0415

    text = re.sub(r"<style.*?</style>", " ", html.decode("utf-8"), flags=re.S)
    text = re.sub(r"<(?:br|/p|/li|/tr|/h\d|/dt|/dd|/div|/th|/td|/caption)\b[^>]*>", "\n", text)
    text = re.sub(r"<[^>]+>", " ", text)
    lines = (" ".join(entities.unescape(line).split()) for line in text.split("\n"))
    return [line for line in lines if line]


def rendered_again(strategy: Path, done: Conversion) -> list[str]:
    """The lines of the feuille de route of the conversion's YAML that differ from those of
    the strategy's own (a line added, a line gone: difflib)."""
    import difflib  # noqa: PLC0415

    from stspd_cli.render import render_document  # noqa: PLC0415
    from stspd_cli.strategy_io import load_model_bytes  # noqa: PLC0415

    original = page_lines(shared_render(strategy, "html", interne=False))
    again = page_lines(render_document(load_model_bytes(done.text.encode(), "relu.yaml")))
    diff = difflib.unified_diff(original, again, lineterm="", n=0)
    return [line for line in diff if not line.startswith(("@@", "---", "+++"))]
