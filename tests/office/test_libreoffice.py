"""The real LibreOffice opens every office document stspd writes and prints it to PDF; the PDF
says what the HTML says. The OOXML (Open XML SDK rules) and ODF (OASIS RelaxNG) schemas accept
them."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import date
from functools import cache
from pathlib import Path

import pytest
from openxml_audit import OdfValidator, OpenXmlValidator
from pypdf import PdfReader
from render.support import (
    DEMO,
    LOOS,
    SEED_OF,
    STRATEGIES,
    document,
    html_text,
    missing_sentences,
    normalise,
    pdf_text,
    rendered,
    seed_sentences,
)

from stspd_cli.diff import diff_documents
from stspd_cli.diff.formats import FORMATS as DIFF_FORMATS
from stspd_cli.diff.formats import DiffOutput
from stspd_cli.diff.present import present
from stspd_cli.load import load_file
from stspd_cli.model import Document
from stspd_cli.report import build_report
from stspd_cli.report.formats import FORMATS as REPORT_FORMATS

from .support import libreoffice_pdfs


# The bilan and the note in each format, made once per test process (their making is checked
# elsewhere; here, what LibreOffice and the schemas make of them).
@cache
def _bilan(kind: str) -> bytes:
    data = build_report([STRATEGIES], date(2026, 12, 31), interne=False)
    out = REPORT_FORMATS[kind](data, False)
    return out if isinstance(out, bytes) else out.encode()


@cache
def _note(kind: str) -> bytes:
    data = load_file(DEMO).data
    assert data is not None
    data["plans"][0]["actions"][0]["titre"] = "Présence éducative"
    old = Document.model_validate(data)
    new = document(DEMO)
    changes = diff_documents(old, new)
    out = DIFF_FORMATS[kind](DiffOutput(changes, present(changes, old, new, "a.yaml", "b.yaml")))
    return out if isinstance(out, bytes) else out.encode()


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    files = {
        "loos-fdr.docx": rendered(LOOS, "docx"),
        "loos-fdr.odt": rendered(LOOS, "odt"),
        "demo-interne.docx": rendered(DEMO, "docx", interne=True),
        "bilan.docx": _bilan("docx"),
        "bilan.odt": _bilan("odt"),
        "note.docx": _note("docx"),
        "note.odt": _note("odt"),
    }
    return libreoffice_pdfs(files, tmp_path_factory.mktemp("libreoffice"))


@pytest.mark.parametrize("name", ["loos-fdr.docx", "loos-fdr.odt"])
def test_libreoffice_prints_every_sentence(converted: dict[str, bytes], name: str) -> None:
    text = pdf_text(converted[name])
    assert missing_sentences(seed_sentences(SEED_OF[LOOS]), text) == []


def test_libreoffice_shows_page_numbers_and_territory(converted: dict[str, bytes]) -> None:
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(converted["loos-fdr.docx"])).pages]
    assert len(pages) > 5
    assert "CISPD Loos, Haubourdin et Emmerin" not in pages[0].splitlines()[0]
    assert f"page 2 / {len(pages)}" in normalise(pages[1])
    assert "CISPD Loos, Haubourdin et Emmerin" in pages[1]
    # The public header: the territory alone (the diffusion property shows nothing).
    assert pages[1].splitlines()[0].strip() == "CISPD Loos, Haubourdin et Emmerin"
    assert "Diffusion restreinte" not in pages[1]
    internal = PdfReader(io.BytesIO(converted["demo-interne.docx"])).pages[1].extract_text()
    assert "Diffusion restreinte" in internal


@pytest.mark.parametrize("kind", ["docx", "odt"])
def test_bilan_and_note_say_what_their_html_says(converted: dict[str, bytes], kind: str) -> None:
    for name, html in (("bilan", _bilan("html")), ("note", _note("html"))):
        # Charts are pictures in an office document (their text is the picture's alternative).
        page = re.sub(r"<svg\b.*?</svg>", "", html.decode(), flags=re.DOTALL)
        # Compared without case: styles may set a line in capitals (« Surtitre »).
        words = normalise(html_text(page)).replace("\u2019", "'").lower().split()
        printed = normalise(_all_text(converted[f"{name}.{kind}"])).replace("\u2019", "'")
        printed = printed.replace("- ", "-").lower()  # a line broken after a hyphen
        # LibreOffice breaks lines and hyphenates nothing: every word of the page is printed.
        missing = [w for w in words if w not in printed]
        assert missing == [], (name, missing)


def test_bilan_and_note_in_pdf() -> None:
    for data in (_bilan("pdf"), _note("pdf")):
        assert data.startswith(b"%PDF")
    assert "Bilan d'avancement au 31 décembre 2026" in normalise(pdf_text(_bilan("pdf")))
    assert "Note de modification" in pdf_text(_note("pdf"))


def _all_text(pdf: bytes) -> str:
    """Every word of every page, running headers included."""
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


# Each office document, made when its test asks for it.
OFFICE_FILES: dict[str, Callable[[], bytes]] = {
    "demo.docx": lambda: rendered(DEMO, "docx", interne=True),
    "demo.odt": lambda: rendered(DEMO, "odt", interne=True),
    "bilan.docx": lambda: _bilan("docx"),
    "bilan.odt": lambda: _bilan("odt"),
    "note.docx": lambda: _note("docx"),
    "note.odt": lambda: _note("odt"),
}


@pytest.mark.parametrize("name", list(OFFICE_FILES))
def test_schemas_accept_the_documents(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(OFFICE_FILES[name]())
    if name.endswith(".docx"):
        result = OpenXmlValidator().validate(str(path))
        assert [str(e) for e in result.errors] == []
        return
    result = OdfValidator(relaxng_validation=True).validate(str(path))
    errors = [str(e) for e in result.errors if e.severity.name == "ERROR"]
    # manifest.rdf is RDF, outside the ODF RelaxNG schemas: the validator has no schema for it.
    assert [e for e in errors if "/manifest.rdf" not in e] == []
