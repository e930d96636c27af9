"""The feuille de route in docx and odt, read back without pandoc: every sentence of the real
strategies in the HTML's order, real heading styles, a table of contents field, properties,
text alternatives, header rows, the running header, and restricted parts as in HTML."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from render.support import (
    DEMO,
    LILLE,
    LOOS,
    SEED_OF,
    html_text,
    missing_sentences,
    normalise,
    rendered,
    seed_sentences,
)

from .support import all_xml, docx_headings, docx_text, odt_headings, odt_text, order_of, part

REAL = [pytest.param(LOOS, id="loos"), pytest.param(LILLE, id="lille")]
KINDS = ["docx", "odt"]
TEXT = {"docx": docx_text, "odt": odt_text}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("path", REAL)
def test_every_seed_sentence_in_the_order_of_the_html(path: Path, kind: str) -> None:
    sentences = seed_sentences(SEED_OF[path])
    text = TEXT[kind](rendered(path, kind))
    assert missing_sentences(sentences, text) == []
    html = html_text(rendered(path, "html").decode())
    assert order_of(sentences, text) == order_of(sentences, html)


@pytest.mark.parametrize("path", REAL)
def test_docx_and_odt_say_the_same(path: Path) -> None:
    docx = [line for line in docx_text(rendered(path, "docx")).split("\n") if line.strip()]
    odt = [line for line in odt_text(rendered(path, "odt")).split("\n") if line.strip()]
    assert docx == odt


def test_headings_use_heading_styles() -> None:
    docx = docx_headings(rendered(LOOS, "docx"))
    assert ("Heading 1", "Les plans d'action") in [(s, t.replace("’", "'")) for s, t in docx]
    assert {s for s, _ in docx} <= {"Heading 1", "Heading 2", "Heading 3", "Heading 4"}
    fiches = [
        normalise(t) for s, t in docx if s == "Heading 3" and normalise(t).startswith("Action n°1 ")
    ]
    assert fiches == [
        "Action n°1 : Comité de Prévention Jeunes pour repérer et intervenir auprès des jeunes "
        "exposés"
    ]
    odt = odt_headings(rendered(LOOS, "odt"))
    assert [t for _, t in odt] == [t for _, t in docx]
    assert {s for s, _ in odt} <= {f"Heading_20_{n}" for n in range(1, 5)}


def test_table_of_contents_is_a_field_with_the_parts() -> None:
    docx = part(rendered(LOOS, "docx"), "word/document.xml")
    assert re.search(r'<w:instrText xml:space="preserve"> TOC \\o "1-3"', docx)
    assert '<w:pStyle w:val="TOC3"/>' in docx
    odt = part(rendered(LOOS, "odt"), "content.xml")
    assert '<text:table-of-content text:name="Sommaire"' in odt
    assert 'text:style-name="Contents_20_3"' in odt


@pytest.mark.parametrize("kind", KINDS)
def test_properties_language_title_author(kind: str) -> None:
    data = rendered(LILLE, kind)
    props = part(data, "docProps/core.xml" if kind == "docx" else "meta.xml")
    assert "<dc:language>fr-FR</dc:language>" in props
    assert (
        "<dc:title>Stratégie territoriale de sécurité et de prévention de la délinquance" in props
    )
    assert "<dc:creator>CLSPD Lille</dc:creator>" in props
    styles = part(data, "word/styles.xml" if kind == "docx" else "styles.xml")
    language = r'<w:lang [^>]*w:val="fr-FR"' if kind == "docx" else 'fo:language="fr"'
    assert re.search(language, styles)


def test_running_header_and_page_numbers() -> None:
    docx = rendered(LILLE, "docx")
    header = part(docx, "word/header1.xml")
    assert "CLSPD Lille" in header
    footer = part(docx, "word/footer1.xml")
    assert 'w:instr=" PAGE "' in footer and 'w:instr=" NUMPAGES "' in footer
    assert "<w:titlePg/>" in part(docx, "word/document.xml").replace(" />", "/>")
    styles = part(rendered(LILLE, "odt"), "styles.xml")
    assert "<text:subject>CLSPD Lille</text:subject>" in styles
    assert "<text:page-number" in styles and "<text:page-count" in styles


def test_tables_mark_their_header_rows() -> None:
    docx = part(rendered(DEMO, "docx"), "word/document.xml")
    assert docx.count("<w:tblHeader") >= docx.count("<w:tbl>") > 5
    odt = part(rendered(DEMO, "odt"), "content.xml")
    assert odt.count("<table:table-header-rows>") == odt.count("<table:table ") > 5


def test_fiche_fields_are_a_labelled_table() -> None:
    text = docx_text(rendered(DEMO, "docx"))
    assert re.search(r"\nRubrique\nContenu\nStatut\nen cours\n(?:[^\n]+\n[^\n]+\n)*?Pilote\n", text)


@pytest.mark.parametrize("kind", KINDS)
def test_restricted_parts_as_in_html(kind: str) -> None:
    public = all_xml(rendered(DEMO, kind))
    internal = all_xml(rendered(DEMO, kind, interne=True))
    html_public = rendered(DEMO, "html").decode()
    for secret in ("Cellule de suivi des situations individuelles", "Consignes internes"):
        assert secret not in html_public
        assert secret not in public
        assert secret in internal
    assert "Diffusion restreinte" not in public
    style = "Mention-restreinte"
    assert re.search(style + r".{0,200}Diffusion restreinte", internal, re.DOTALL)
