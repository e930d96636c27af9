"""Markdown in text fields: rendered to safe HTML, or kept as safe Markdown source.

Text fields come from a strategy file, so they are data: raw HTML is never passed through,
links keep only safe schemes, images become links (a self-contained document fetches nothing),
and headings written inside a text are shifted below the heading that holds them.
"""

from __future__ import annotations

import itertools
import re
from functools import cache
from html import escape
from typing import TYPE_CHECKING

from stspd_cli.fr import typography

if TYPE_CHECKING:
    from collections.abc import Sequence

    from markdown_it import MarkdownIt
    from markdown_it.token import Token
    from markdown_it.utils import EnvType, OptionsDict

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.\-]*):")


def is_safe_url(url: str) -> bool:
    """Relative links and anchors, or an absolute URL with a scheme of :data:`SAFE_SCHEMES`."""
    # Browsers ignore control characters and whitespace inside a scheme ("java\tscript:").
    cleaned = "".join(ch for ch in url if ch.isprintable() and not ch.isspace())
    match = _SCHEME.match(cleaned)
    return match is None or match.group(1).lower() in SAFE_SCHEMES


def _render_image(
    renderer: object, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    """Images become links to the picture: a self-contained document fetches nothing."""
    token = tokens[idx]
    alt = escape(token.content or "image")
    src = str(token.attrs.get("src", ""))
    if not is_safe_url(src):
        return alt
    return f'<a href="{escape(src)}">{alt}</a>'


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt  # noqa: PLC0415  (only the render path needs it)

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    md.validateLink = is_safe_url  # type: ignore[method-assign]
    md.add_render_rule("image", _render_image)
    return md


def _adjust(tokens: list[Token], level: int) -> None:
    """Shift headings under ``level`` without gaps; give table headers a scope."""
    heading_levels = sorted({int(t.tag[1]) for t in tokens if t.type == "heading_open"})
    shift = {h: min(6, level + 1 + i) for i, h in enumerate(heading_levels)}
    for token in tokens:
        if token.type in {"heading_open", "heading_close"}:
            token.tag = f"h{shift[int(token.tag[1])]}"
        elif token.type == "th_open":
            token.attrSet("scope", "col")
        elif token.type == "inline" and token.children:
            _mark_bare_urls(token.children)
            _french_typography(token.children)


def _french_typography(children: list[Token]) -> None:
    """French typography in the words of a paragraph; code and bare addresses are kept."""
    in_address = False
    for token in children:
        if token.type == "link_open":
            in_address = token.attrGet("class") == "url"
        elif token.type == "link_close":
            in_address = False
        elif token.type == "text" and not in_address:
            token.content = typography(token.content)


def _mark_bare_urls(children: list[Token]) -> None:
    """A link whose text is its address gets class ``url``: print does not repeat it."""
    for link, text in itertools.pairwise(children):
        if (
            link.type == "link_open"
            and text.type == "text"
            and text.content == link.attrGet("href")
        ):
            link.attrSet("class", "url")


def to_html(text: str, level: int = 2) -> str:
    """Block HTML for a Markdown text held under a heading of ``level``."""
    md = _parser()
    tokens = md.parse(text)
    _adjust(tokens, level)
    return str(md.renderer.render(tokens, md.options, {}))


def to_html_compact(text: str, level: int = 2) -> str:
    """Like :func:`to_html`, without the ``<p>`` around a text of one paragraph (list items)."""
    md = _parser()
    tokens = md.parse(text)
    _adjust(tokens, level)
    if [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]:
        return str(md.renderer.render(tokens[1:2], md.options, {}))
    return str(md.renderer.render(tokens, md.options, {}))


# Markdown output keeps the source, minus what a later Markdown renderer would turn into
# HTML or into a dangerous link.
_RAW_HTML = re.compile(r"<(?!(?:https?|mailto):[^\s<>]*>)(?=[A-Za-z/!?])")
_UNSAFE_TARGET = re.compile(
    r"(\]\(\s*<?|^\s{0,3}\[[^\]]+\]:\s*<?)\s*(?:javascript|vbscript|data|file)\s*:",
    re.IGNORECASE | re.MULTILINE,
)
_MD_SPECIAL = re.compile(r"([\\`*_\[\]])")


def safe_source(text: str) -> str:
    """A Markdown text as Markdown, with raw HTML and unsafe links neutralised."""
    text = _UNSAFE_TARGET.sub(r"\1#", text)
    return _RAW_HTML.sub("&lt;", text)


def escape_text(text: str) -> str:
    """Plain text (a title, a name) written inside a Markdown line so that it reads as plain
    text. Templates never start a line with such a text, so list and heading markers are safe."""
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _RAW_HTML.sub("&lt;", text)


def escape_cell(text: str) -> str:
    """Plain text for a Markdown table cell: one line, pipes escaped."""
    return " ".join(escape_text(text).replace("|", "\\|").split())
