"""Markdown: text fields rendered safely, and the Markdown output format, exact text."""

from __future__ import annotations

from pathlib import Path

import pytest

from stspd_cli.render import render_document
from stspd_cli.render.markdown import (
    escape_cell,
    escape_text,
    safe_source,
    to_html,
    to_html_compact,
)

from .support import document

EXAMPLES = Path(__file__).parent / "examples"


def test_markdown_output_exact() -> None:
    """A small strategy and the exact Markdown it gives (examples/petite-strategie.md)."""
    expected = (EXAMPLES / "petite-strategie.md").read_text(encoding="utf-8")
    assert render_document(document(EXAMPLES / "petite-strategie.yaml"), "md").decode() == expected


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("Un **mot**.", "<p>Un <strong>mot</strong>.</p>\n"),
        ("- un\n- deux", "<ul>\n<li>un</li>\n<li>deux</li>\n</ul>\n"),
        ("a <b>gras</b>", "<p>a &lt;b&gt;gras&lt;/b&gt;</p>\n"),
        ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"),
        ("[site](https://a.example)", '<p><a href="https://a.example">site</a></p>\n'),
        ("[clic](javascript:alert(1))", "<p>[clic](javascript:alert(1))</p>\n"),
        ("[clic](JaVaScRiPt:alert(1))", "<p>[clic](JaVaScRiPt:alert(1))</p>\n"),
        ("[clic](data:text/html,x)", "<p>[clic](data:text/html,x)</p>\n"),
        ("[note](#cadre)", '<p><a href="#cadre">note</a></p>\n'),
        ("[écrire](mailto:a@b.example)", '<p><a href="mailto:a@b.example">écrire</a></p>\n'),
        ("![plan](https://a.example/p.png)", '<p><a href="https://a.example/p.png">plan</a></p>\n'),
    ],
)
def test_text_fields_render_safely(text: str, html: str) -> None:
    assert to_html(text) == html


def test_headings_in_text_go_below_their_section_without_gaps() -> None:
    html = to_html("# Un\n\n### Deux\n\ntexte\n\n# Trois", level=4)
    assert html == "<h5>Un</h5>\n<h6>Deux</h6>\n<p>texte</p>\n<h5>Trois</h5>\n"


def test_tables_in_text_have_header_scopes() -> None:
    html = to_html("| a | b |\n|---|---|\n| 1 | 2 |")
    assert '<th scope="col">a</th>' in html
    assert "<th>" not in html


def test_links_that_show_their_address_are_not_repeated_in_print() -> None:
    html = to_html("voir <https://a.example/x> et [le site](https://b.example)")
    assert '<a href="https://a.example/x" class="url">' in html
    assert '<a href="https://b.example">le site</a>' in html
    assert 'class="url"' in to_html_compact("<https://a.example/x>")


def test_compact_unwraps_a_single_paragraph() -> None:
    assert to_html_compact("Le principe *de proximité*") == "Le principe <em>de proximité</em>"
    assert to_html_compact("un\n\ndeux") == "<p>un</p>\n<p>deux</p>\n"


def test_markdown_source_is_kept_but_neutralised() -> None:
    assert safe_source("Un **mot** et [un lien](https://a.example).") == (
        "Un **mot** et [un lien](https://a.example)."
    )
    assert safe_source("a <img src=x onerror=alert(1)> b") == "a &lt;img src=x onerror=alert(1)> b"
    assert "javascript:" not in safe_source("[clic](javascript:alert(1))").lower()
    assert "javascript:" not in safe_source("[x]: JavaScript:alert(1)").lower()
    assert safe_source("voir <https://a.example>") == "voir <https://a.example>"
    assert safe_source("moins de 5 < 10") == "moins de 5 < 10"


def test_plain_text_is_escaped_for_markdown() -> None:
    assert escape_text("*fictif* _x_ [a] `b` \\") == "\\*fictif\\* \\_x\\_ \\[a\\] \\`b\\` \\\\"
    assert escape_text("<script>") == "&lt;script>"
    assert escape_cell("a | b\nc") == "a \\| b c"
