"""The pages of a PDF read on every core (stspd_cli.convert.read_pdf): the same document as
when this process reads them one after the other."""

from __future__ import annotations

import io
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest

from stspd_cli import workers
from stspd_cli.convert.read_pdf import PARALLEL_FROM, read_pdf

EXAMPLES = Path(__file__).with_name("exemples")


def _pages_of_the_examples() -> bytes:
    """The examples' PDFs one after the other (tables, two columns, three levels), enough
    pages for workers."""
    from pypdf import PdfWriter  # noqa: PLC0415

    writer = PdfWriter()
    for name in ("axes-fiches-tableaux.pdf", "deux-colonnes.pdf", "trois-niveaux.pdf"):
        writer.append(str(EXAMPLES / name))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_pages_read_by_workers_give_the_document_one_process_reads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = _pages_of_the_examples()
    forked: list[int] = []
    real_pool = workers._pool

    def counted(count: int) -> AbstractContextManager[Any]:
        forked.append(count)
        return real_pool(count)

    monkeypatch.setattr(workers, "cores", lambda: 2)
    monkeypatch.setattr(workers, "_pool", counted)
    shared = read_pdf(data, "exemples.pdf")
    assert forked == [2]  # the pages went to two workers
    monkeypatch.setattr(workers, "cores", lambda: 1)
    alone = read_pdf(data, "exemples.pdf")
    assert forked == [2]
    assert len(alone.blocks) > 20
    assert shared == alone


def test_a_short_pdf_is_read_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(count: int) -> None:
        raise AssertionError("no worker for a short PDF")

    monkeypatch.setattr(workers, "_pool", refused)
    data = (EXAMPLES / "deux-colonnes.pdf").read_bytes()
    assert read_pdf(data, "deux-colonnes.pdf").blocks
    assert PARALLEL_FROM > 2
