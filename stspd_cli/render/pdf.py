"""HTML to PDF through WeasyPrint (optional: the ``pdf`` extra; docs/rendu.md).

The PDF is tagged (PDF/UA-1) for screen readers; its title, author and language come from the
HTML's ``<title>``, ``<meta name="author">`` and ``<html lang>``. Nothing is fetched from the
network: only ``data:`` URIs (an inlined logo) are read. No date is written, so the same
strategy gives the same bytes.
"""

from __future__ import annotations

import importlib
from typing import Any

from stspd_cli.errors import DependencyError


def weasyprint_module() -> Any:
    from stspd_cli.installation import extra_hint, system_libraries_hint  # noqa: PLC0415

    try:
        # Untyped, optional and slow to import: loaded by name, only for PDF.
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


def html_to_pdf(html: str) -> bytes:
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
