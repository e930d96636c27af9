"""Markdown: text fields rendered safely, and the Markdown output format, exact text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markupsafe import Markup

from stspd_cli.render import render_document
from stspd_cli.render.markdown import (
    active_content,
    escape_cell,
    escape_text,
    link_target,
    markdown_value,
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


# --- every value of a Markdown output is escaped (issue 13, item 8) -------------------------

_READER = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def _plain(source: str) -> str:
    """The text a Markdown reader shows for ``source``, and a sign for anything else."""
    out = []
    for token in _READER.parse(source):
        if token.type == "inline":
            for child in token.children or []:
                out.append(child.content if child.type == "text" else f"<{child.type}>")
        elif token.type not in {"paragraph_open", "paragraph_close"}:
            out.append(f"<{token.type}>")
    return "".join(out)


@given(
    st.text(alphabet=st.sampled_from("<>&\"'`[]()!*_#-+=|~\\:/;a1. é"), min_size=1).filter(
        lambda t: t.strip() == t and not re.match(r"\d+[.)]", t)
    )
)
def test_escaped_text_reads_as_the_same_text(text: str) -> None:
    assert _plain(escape_text(text)) == text


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("AT&amp;T", "AT\\&amp;T"),
        ("A & B", "A & B"),
        ("# titre", "\\# titre"),
        ("> cité", "\\> cité"),
        ("- point\n+ plus\n= égal\n2024. an", "\\- point\n\\+ plus\n\\= égal\n2024\\. an"),
        ("1. Prévenir", "1. Prévenir"),  # inside a line, as objective titles are written
        ("a | b ~~c~~", "a \\| b \\~\\~c\\~\\~"),
    ],
)
def test_plain_text_opens_no_block(text: str, escaped: str) -> None:
    assert escape_text(text) == escaped


@pytest.mark.parametrize(
    "source",
    [
        "[a\\]b]: javascript:alert(1)\n\n[a\\]b]",
        "[x](&#106;avascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "![i](data:text/html;base64,PHNjcmlwdD4=)",
        "<javascript:alert(1)>",
        "a <img src=x onerror=alert(1)> b",
    ],
)
def test_markdown_source_gives_no_active_content(source: str) -> None:
    shown = safe_source(source)
    assert active_content(shown) == []
    assert active_content(source)  # the check does see the hostile source


def test_addresses_are_links_only_when_plain_http() -> None:
    assert link_target("https://www.lille.fr/a_b?c=d&e") == "<https://www.lille.fr/a_b?c=d&e>"
    assert link_target("javascript:alert(1)") == "javascript:alert(1)"
    assert link_target('https://x.example/"><script>') == 'https://x.example/">&lt;script>'


def test_values_are_escaped_unless_made_safe() -> None:
    assert markdown_value("<b>*x*</b>") == "&lt;b>\\*x\\*&lt;/b>"
    assert markdown_value(escape_text("*x*")) == "\\*x\\*"
    assert markdown_value(-5) == -5
    assert markdown_value(Markup("<b>")) == "&lt;b>"  # HTML marked safe is not Markdown


def test_every_field_of_the_feuille_de_route_is_escaped() -> None:
    """Units and names (raw in the Markdown of earlier versions)."""
    doc = document(EXAMPLES / "petite-strategie.yaml")
    plan = doc.plans[0]
    action = plan.actions[0]
    indicator = action.indicateurs[0].model_copy(update={"unite": "<img src=x onerror=alert(1)>"})
    action = action.model_copy(update={"indicateurs": [indicator, *action.indicateurs[1:]]})
    doc = doc.model_copy(
        update={
            "plans": [plan.model_copy(update={"actions": [action, *plan.actions[1:]]})],
            "territoire": doc.territoire.model_copy(update={"nom": "Bourg <script>x</script>"}),
        }
    )
    text = render_document(doc, "md").decode()
    assert "<img" not in text and "<script" not in text
    assert "| 0\u00a0&lt;img src=x onerror=alert(1)> |" in text
    assert "**Bourg &lt;script>x&lt;/script>**" in text
