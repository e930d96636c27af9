"""Property: no text of a strategy becomes active content in a Markdown output (issue 13, item 8).

Every free-text field of the fictional demo (each string the model accepts in place of a text
full of HTML and Markdown specials) gets a random text made of such specials; the feuille de
route (render md), the note de modification (diff md) and the bilan (report md) are then read
by the least careful reader there is: markdown-it with raw HTML on and every link accepted. No
HTML may come from the data (only the template's anchors and line breaks), and no link or image
may point anywhere but to an anchor, a relative address or an http(s), mailto or tel one.
"""

from __future__ import annotations

import copy
import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from stspd_cli.diff import diff_documents
from stspd_cli.diff.formats import FORMATS as DIFF_FORMATS
from stspd_cli.diff.formats import DiffOutput
from stspd_cli.diff.present import present
from stspd_cli.load import load_file
from stspd_cli.model import Document
from stspd_cli.render import render_document
from stspd_cli.report.compute import territory_report
from stspd_cli.report.formats import FORMATS as REPORT_FORMATS

DEMO = Path(__file__).parents[2] / "examples" / "demo-fictive.yaml"
_LOADED = load_file(DEMO).data
assert _LOADED is not None
BASE: dict[str, Any] = _LOADED
PROBE = "<b>x</b> [a](javascript:b) *c*"
# What the templates write themselves: anchors to link to, line breaks inside table cells.
TEMPLATE_HTML = re.compile(r'<a id="[a-z0-9-]+">(?:</a>)?\n?|</a>|<br>')
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


def _text_paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(node, str):
        return [path]
    if isinstance(node, dict):
        return [p for key, child in node.items() for p in _text_paths(child, (*path, key))]
    if isinstance(node, list):
        return [p for i, child in enumerate(node) for p in _text_paths(child, (*path, i))]
    return []


def _set(data: Any, path: tuple[Any, ...], value: str) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


@cache
def free_text_paths() -> list[tuple[Any, ...]]:
    """Strings of the demo that the model takes as free text: identifiers, vocabularies,
    addresses and dates refuse the probe (found once, by the test process that needs them)."""
    found = []
    for path in _text_paths(BASE):
        probe = copy.deepcopy(BASE)
        _set(probe, path, PROBE)
        try:
            Document.model_validate(probe)
        except ValueError:
            continue
        found.append(path)
    return found


BASE_DOCUMENT = Document.model_validate(BASE)

_PIECES = st.sampled_from(
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "javascript:alert(1)",
        "[clic](javascript:alert(1))",
        "[x]: javascript:alert(1)",
        "<javascript:alert(1)>",
        "![i](data:text/html,x)",
        "&lt;b&gt;",
        "&#106;avascript:",
        "<!-- c -->",
        "<?php ?>",
        "</a>",
        '" onmouseover="x',
        "\n\n<div>",
        "\n    code",
        "\n# titre",
        "\n1. liste",
        "`code`",
        "| a | b |",
        "\\",
        "<https://a.example>",
        "[lien](https://a.example)",
    ]
)
_SPECIALS = st.text(alphabet=st.sampled_from("<>&\"'`[]()!*_#-+=|~\\:/;\n aj1é"), min_size=1)
TEXTS = st.lists(
    st.lists(st.one_of(_PIECES, _SPECIALS), min_size=1, max_size=4).map("".join),
    min_size=1,
    max_size=12,
)


def _reader() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True})
    md.enable(["table", "strikethrough"])
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


READER = _reader()


def assert_inert(markdown: str) -> None:
    stack = READER.parse(markdown)
    while stack:
        token = stack.pop()
        if token.type in {"html_inline", "html_block"}:
            assert TEMPLATE_HTML.fullmatch(token.content), token.content
        for name in ("href", "src"):
            target = token.attrGet(name)
            if target is None:
                continue
            cleaned = "".join(c for c in str(target) if c.isprintable() and not c.isspace())
            scheme = _SCHEME.match(cleaned)
            assert scheme is None or scheme.group(1).lower() in SAFE_SCHEMES, target
        stack.extend(token.children or [])


def _outputs(doc: Document, base: Document) -> list[str]:
    changes = diff_documents(base, doc)
    note = DIFF_FORMATS["md"](
        DiffOutput(changes, present(changes, base, doc, "ancienne.yaml", "nouvelle.yaml"))
    )
    assert isinstance(note, str)  # a text format (pdf, docx and odt write bytes)
    report = {
        "date": "2026-01-15",
        "diffusion": "interne",
        "territoires": [territory_report(doc, date(2026, 1, 15), "demo")],
    }
    bilan = REPORT_FORMATS["md"](report, False)
    assert isinstance(bilan, str)
    return [
        render_document(doc, "md").decode("utf-8"),
        render_document(doc, "md", interne=True).decode("utf-8"),
        note,
        bilan,
    ]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_no_text_becomes_html_or_an_unsafe_link(texts: list[str]) -> None:
    data = copy.deepcopy(BASE)
    for n, path in enumerate(free_text_paths()):
        _set(data, path, texts[n % len(texts)])
    doc = Document.model_validate(data)
    for output in _outputs(doc, BASE_DOCUMENT):
        assert_inert(output)


def test_the_demo_has_many_free_text_fields() -> None:
    assert len(free_text_paths()) > 100


def test_the_reader_sees_what_escaping_prevents() -> None:
    """The check itself catches raw HTML and a javascript: link (it is not blind)."""
    for hostile in ("a <img src=x onerror=alert(1)> b", "[a](javascript:alert(1))", "<div>\n"):
        try:
            assert_inert(hostile)
        except AssertionError:
            continue
        raise AssertionError(f"not caught: {hostile}")
