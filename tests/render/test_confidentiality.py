"""Public and internal versions: restricted content only with --interne, and marked."""

from __future__ import annotations

import re

import pytest

from stspd_cli.confidentiality import restricted_texts
from stspd_cli.render.markdown import to_html

from .support import DEMO, document, html_text, normalise, pdf_text, rendered


def _restricted() -> list[str]:
    texts = restricted_texts(document(DEMO))
    assert len(texts) > 10  # the demo holds restricted items of every kind
    return texts


def _present(needle: str, haystack: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", haystack) is not None


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_public_output_holds_no_restricted_text(fmt: str) -> None:
    raw = rendered(DEMO, fmt).decode()
    text = html_text(raw) if fmt == "html" else normalise(raw)
    for secret in _restricted():
        shown = normalise(html_text(to_html(secret)))
        assert not _present(secret, raw), secret
        assert not _present(shown, text), secret
    assert "Diffusion restreinte" not in raw
    assert "Cellule de suivi" not in raw


def test_public_pdf_holds_no_restricted_text() -> None:
    text = pdf_text(rendered(DEMO, "pdf"))
    for secret in _restricted():
        shown = normalise(html_text(to_html(secret)))
        assert not _present(shown, text), secret


def test_internal_output_shows_and_marks_restricted_items() -> None:
    html = rendered(DEMO, "html", interne=True).decode()
    text = html_text(html)
    assert "Cellule de suivi des situations individuelles" in text
    assert "Camille Exemple" in text
    # Marked on each restricted item...
    marks = html.count('<span class="restreint">Diffusion restreinte</span>')
    assert marks >= 15
    start = html.index('id="action-cellule-situations-individuelles"')
    fiche = html[start : html.index("</article>", start)]
    assert '<span class="restreint">Diffusion restreinte</span>' in fiche.split("</h4>", 1)[0]
    # ...on the cover, and on every printed page (running header).
    assert "Diffusion restreinte – document interne" in text
    top_right = html.split("@top-right", 1)[1].split("}", 1)[0]
    assert "Diffusion" in top_right
    # ...and in the table of contents, on the restricted action and chapter only.
    toc = html[html.index('<nav class="sommaire"') : html.index("</nav>")]
    for anchor in ("action-cellule-situations-individuelles", "chapitre-consignes-internes"):
        entry = toc.split(f'href="#{anchor}"', 1)[1].split("</li>")[0]
        assert '<span class="restreint">Diffusion restreinte</span>' in entry
    assert toc.count('class="restreint"') == 2
    # Public items carry no mark.
    start = html.index('id="action-presence-educative-soiree"')
    public_heading = html[start : html.index("</h4>", start)]
    assert "restreint" not in public_heading


def test_internal_markdown_marks_restricted_items() -> None:
    markdown = rendered(DEMO, "md", interne=True).decode()
    assert "> **Diffusion restreinte** – document interne" in markdown
    assert (
        "#### Action n°2.2\u00a0: Cellule de suivi des situations individuelles pour coordonner "
        "l'accompagnement de personnes signalées par les partenaires *(Diffusion restreinte)*"
    ) in markdown
    assert "(#action-cellule-situations-individuelles) *(Diffusion restreinte)*" in markdown


def test_public_version_is_the_default() -> None:
    html = rendered(DEMO, "html").decode()
    assert "@top-right" not in html
    assert 'class="interne"' not in html
