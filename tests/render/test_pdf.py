"""The PDF (WeasyPrint): content, metadata, tags, page numbers, clickable table of contents."""

from __future__ import annotations

import io
import logging
import re
import socket
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from stspd_cli.errors import DependencyError
from stspd_cli.render import pdf as pdf_module
from stspd_cli.render import render_document

from .support import (
    DEMO,
    LILLE,
    LOOS,
    MINIMAL,
    SEED_OF,
    document,
    missing_sentences,
    pdf_pages,
    pdf_text,
    rendered,
    seed_sentences,
    write_strategy,
)

REAL = [pytest.param(LOOS, id="loos"), pytest.param(LILLE, id="lille")]


def _reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


@pytest.mark.parametrize("path", REAL)
def test_pdf_holds_every_seed_sentence(path: Path) -> None:
    text = pdf_text(rendered(path, "pdf"))
    # pdftotext joins a word broken after its hyphen ("Transpole-" / "Keolis"): compare
    # without hyphens.
    sentences = [s.replace("-", "") for s in seed_sentences(SEED_OF[path])]
    assert missing_sentences(sentences, text.replace("-", "")) == []


def test_pdf_metadata() -> None:
    reader = _reader(rendered(LOOS, "pdf"))
    meta = reader.metadata
    assert meta is not None
    assert meta.title == (
        "Stratégie territoriale de sécurité et de prévention de la délinquance – "
        "Loos, Haubourdin et Emmerin"
    )
    assert meta.author == "CISPD Loos, Haubourdin et Emmerin"
    # pypdf types PDF objects loosely; the structure is checked by the assertions.
    root: Any = reader.root_object
    assert root["/Lang"] == "fr"
    # Tagged for accessibility (PDF/UA-1).
    assert root["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in root
    xmp = root["/Metadata"].get_object().get_data()
    assert b"pdfuaid:part" in xmp


def test_pdf_pages_are_a4_numbered_with_running_header() -> None:
    pdf = rendered(DEMO, "pdf")
    reader = _reader(pdf)
    count = len(reader.pages)
    assert count >= 8
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert round(width * 25.4 / 72) == 210
        assert round(height * 25.4 / 72) == 297
    pages = pdf_pages(pdf)
    assert len(pages) == count
    # No running header nor number on the cover; then "page N / total" and the territory.
    assert "page 1 /" not in pages[0]
    for number, page_text in enumerate(pages[1:count], start=2):
        assert f"page {number} / {count}" in page_text
        assert "CLSPD Val-Fictif" in page_text


def test_pdf_table_of_contents_is_clickable_and_numbered() -> None:
    reader = _reader(rendered(LOOS, "pdf"))
    links = [
        annot.get_object()
        for annot in reader.pages[1].get("/Annots", [])
        if annot.get_object().get("/Subtype") == "/Link"
    ]
    assert len(links) >= 20  # sections, plans and the 19 actions
    assert all("/Dest" in link or "/A" in link for link in links)
    toc = pdf_text(rendered(LOOS, "pdf"))
    assert re.search(r"Le cadre institutionnel \.+ \d", toc)
    assert re.search(r"Action n°19 : Etude .+ \.+ \d", toc)
    # Bookmarks (the PDF reader's side panel) follow the headings.
    titles = _outline_titles(reader.outline)
    assert titles[0] == "Stratégie territoriale de sécurité et de prévention de la délinquance"
    assert "Le cadre institutionnel" in titles
    assert any(t.startswith("Action n°19") for t in titles)


def _outline_titles(outline: Sequence[object]) -> list[str]:
    titles: list[str] = []
    for item in outline:
        if isinstance(item, list):
            titles.extend(_outline_titles(item))
        else:
            titles.append(str(getattr(item, "title", "")))
    return titles


def test_internal_pdf_marks_every_page() -> None:
    pdf = rendered(DEMO, "pdf", interne=True)
    pages = pdf_pages(pdf)
    assert len(pages) == len(_reader(pdf).pages)
    assert all("Diffusion restreinte" in p for p in pages)


def test_missing_weasyprint_gives_a_french_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # makes "import weasyprint" fail
    with pytest.raises(DependencyError) as caught:
        pdf_module.html_to_pdf("<html></html>")
    assert "WeasyPrint" in caught.value.message
    assert caught.value.hint is not None
    assert f"{sys.executable} -m pip install 'weasyprint>=62'" in caught.value.hint


@pytest.mark.parametrize(
    ("prefix", "command"),
    [
        ("/home/a/.local/share/pipx/venvs/stspd-cli", "pipx inject stspd-cli 'weasyprint>=62'"),
        ("/home/a/.local/pipx/venvs/stspd-cli", "pipx inject stspd-cli 'weasyprint>=62'"),
        (
            "/home/a/.local/share/uv/tools/stspd-cli",
            "uv pip install --python /home/a/.local/share/uv/tools/stspd-cli/bin/python "
            "'weasyprint>=62'",
        ),
        ("/home/a/stspd/.venv", "/home/a/stspd/.venv/bin/python -m pip install 'weasyprint>=62'"),
    ],
)
def test_the_hint_names_the_installer_in_use(
    monkeypatch: pytest.MonkeyPatch, prefix: str, command: str
) -> None:
    monkeypatch.setattr(sys, "prefix", prefix)
    monkeypatch.setattr(sys, "executable", f"{prefix}/bin/python")
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    with pytest.raises(DependencyError) as caught:
        pdf_module.html_to_pdf("<html></html>")
    assert caught.value.hint == f"installez-le avec : {command} (docs/rendu.md)"


def test_pdf_fetches_nothing_from_the_network(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("connexion réseau tentée")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    (tmp_path / "couverture.html").write_text(
        '<header><h1>Titre</h1><img src="https://a.example/logo.png" alt="logo"></header>',
        encoding="utf-8",
    )
    # A short strategy: what is fetched depends on the templates, not on the strategy's length.
    small = document(write_strategy(tmp_path, MINIMAL))
    with caplog.at_level(logging.ERROR, logger="weasyprint"):
        pdf = render_document(small, "pdf", templates=[tmp_path])
    assert pdf.startswith(b"%PDF")
    assert "disallowed protocol" in caplog.text
