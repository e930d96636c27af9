"""Same input, same bytes: generated documents diff well in git."""

from __future__ import annotations

from pathlib import Path

import pytest

from stspd_cli.render import load_strategy, render_document

from .support import DEMO, LILLE, LOOS, rendered


@pytest.fixture(autouse=True)
def _printed_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each PDF here is printed by WeasyPrint, not given from the cache of PDFs printed before
    (stspd_cli/render/document_cache.py): the bytes compared are two prints."""
    monkeypatch.setenv("STSPD_NO_CACHE", "1")


@pytest.mark.parametrize("fmt", ["html", "md", "pdf"])
@pytest.mark.parametrize(
    "path",
    [pytest.param(LOOS, id="loos"), pytest.param(LILLE, id="lille"), pytest.param(DEMO, id="demo")],
)
def test_render_twice_gives_identical_bytes(path: Path, fmt: str) -> None:
    again = render_document(load_strategy(path), fmt)
    assert again == rendered(path, fmt)


def test_no_timestamp_in_the_pdf() -> None:
    pdf = rendered(LOOS, "pdf")
    assert b"/CreationDate" not in pdf
    assert b"/ModDate" not in pdf


def test_the_printer_ahead_prints_the_same_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    """One PDF printed by the worker that loaded WeasyPrint meanwhile (two cores) is the PDF
    printed here."""
    from stspd_cli.render import pdf  # noqa: PLC0415

    monkeypatch.setattr("stspd_cli.workers.cores", lambda: 2)
    monkeypatch.setattr(pdf, "_loaded", lambda: False)  # as in a command, WeasyPrint not loaded
    doc = load_strategy(LILLE)
    here = rendered(LILLE, "pdf")  # printed in a test process, as the test above checks
    with pdf.printer_ahead():
        assert pdf._PRINTER is not None
        ahead = render_document(doc, "pdf")
    assert pdf._PRINTER is None
    assert ahead == here


def test_no_printer_ahead_where_weasyprint_is_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing to prepare ahead once WeasyPrint is loaded: the PDF is printed here."""
    from stspd_cli.render import pdf  # noqa: PLC0415

    monkeypatch.setattr("stspd_cli.workers.cores", lambda: 2)
    pdf.weasyprint_module()
    with pdf.printer_ahead():
        assert pdf._PRINTER is None
