"""HTML to PDF through WeasyPrint (optional: the ``pdf`` extra; docs/rendu.md).

The PDF is tagged (PDF/UA-1) for screen readers; its title, author and language come from the
HTML's ``<title>``, ``<meta name="author">`` and ``<html lang>``. Nothing is fetched from the
network: only ``data:`` URIs (an inlined logo) are read. No date is written, so the same
strategy gives the same bytes.
"""

from __future__ import annotations

import contextlib
import importlib
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from stspd_cli.errors import DependencyError

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

# A worker process that imports WeasyPrint while this one builds the document (see ahead).
_PRINTER: ProcessPoolExecutor | None = None


def weasyprint_module() -> Any:
    from stspd_cli.installation import extra_hint, system_libraries_hint  # noqa: PLC0415
    from stspd_cli.native import quick_library_lookup  # noqa: PLC0415

    try:
        # Untyped, optional and slow to import: loaded by name, only for PDF.
        with quick_library_lookup():
            weasyprint = importlib.import_module("weasyprint")
    except ImportError:
        msg = "le format pdf demande WeasyPrint, qui n'est pas installé"
        hint = f"{extra_hint('pdf')} (docs/rendu.md)"
        raise DependencyError(msg, hint=hint) from None
    except OSError as error:  # WeasyPrint is there but the Pango library it needs is not
        msg = f"WeasyPrint ne trouve pas les bibliothèques Pango dont il a besoin ({error})"
        hint = system_libraries_hint(
            debian="apt-get install libpango-1.0-0 libpangoft2-1.0-0",
            macos="brew install pango",
            windows="installez MSYS2, puis « pacman -S mingw-w64-x86_64-pango » (docs/rendu.md)",
        )
        raise DependencyError(msg, hint=hint) from None
    return weasyprint


@contextmanager
def printer_ahead() -> Iterator[None]:
    """For one PDF: WeasyPrint is imported, and its fonts found, in a worker process while
    this one reads the strategy and builds its HTML; the worker then prints it. Importing
    WeasyPrint takes half a second, as long as everything stspd does before it: on two cores
    the two overlap (docs/performance.md). On one core, or where WeasyPrint is loaded already
    (nothing left to prepare ahead: the worker would only cost its start and its test print),
    everything stays in this process."""
    global _PRINTER  # noqa: PLW0603  (the printer of the command being run, if any)
    from stspd_cli.workers import cores  # noqa: PLC0415

    if cores() < 2 or _PRINTER is not None or _loaded():
        yield
        return
    import multiprocessing  # noqa: PLC0415
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415

    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
    pool.submit(_warm)
    _PRINTER = pool
    try:
        yield
    finally:
        _PRINTER = None
        pool.shutdown(cancel_futures=True)


def _loaded() -> bool:
    return "weasyprint" in sys.modules


def _warm() -> None:
    """WeasyPrint imported and its fonts set up, by printing a line (its errors are those of
    the real print that follows, said then). What the printer then holds is left out of the
    garbage collections of the real print (``gc.freeze``, as the workers of a folder do)."""
    import gc  # noqa: PLC0415

    with contextlib.suppress(Exception):  # the real print reports it
        _print("<p>stspd</p>")
    gc.collect()
    gc.freeze()


def html_to_pdf(html: str, *, public: bool = False) -> bytes:
    """The PDF of ``html``: printed by the worker of :func:`printer_ahead` when there is one.
    A ``public`` page printed before is given from the cache
    (:mod:`stspd_cli.render.document_cache`); a restricted one is always printed, and never
    kept."""

    def printed() -> bytes:
        return _PRINTER.submit(_print, html).result() if _PRINTER is not None else _print(html)

    if not public:
        return printed()
    from stspd_cli.render.document_cache import kept_or_made  # noqa: PLC0415

    return kept_or_made("pdf", [html.encode("utf-8", "surrogatepass")], printed)


def _print(html: str) -> bytes:
    weasyprint = weasyprint_module()
    fetcher_class = getattr(weasyprint, "URLFetcher", None)
    if fetcher_class is not None:
        fetcher = fetcher_class(allowed_protocols=["data"])
    else:  # WeasyPrint < 68 takes a function

        def fetcher(url: str) -> Any:
            if not url.startswith("data:"):
                msg = f"ressource externe refusée : {url}"
                raise ValueError(msg)
            return weasyprint.default_url_fetcher(url)

    document = weasyprint.HTML(string=html, url_fetcher=fetcher)
    pdf: bytes = document.write_pdf(pdf_variant="pdf/ua-1")
    return pdf
