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
from stspd_cli.model.types import URL_PATTERN

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

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


# --- Markdown output (render md, diff md, report md) -----------------------------------------
#
# Every value a Markdown template writes goes through :func:`markdown_value` (the environment's
# ``finalize``): a plain text is escaped, so that it reads as the same text and never becomes
# HTML, a link, a heading or a table cell of its own. Only what this module made is written as
# it is: :class:`MarkdownText`, returned by the filters below and by the template's own macros
# (:func:`markdown_macro`). A value nobody marked is escaped once more, never let through.


class MarkdownText(str):
    """Markdown that this module made safe: escaped text, neutralised source, a checked link."""

    __slots__ = ()


# What a later Markdown renderer (GitHub, GitLab, pandoc) would turn into HTML or a link.
_RAW_HTML = re.compile(r"<(?!(?:https?|mailto):[^\s<>]*>)(?=[A-Za-z/!?])")
_UNSAFE_TARGET = re.compile(
    r"(\]\(\s*<?|^\s{0,3}\[[^\]]+\]:\s*<?)\s*(?:javascript|vbscript|data|file)\s*:",
    re.IGNORECASE | re.MULTILINE,
)
# Inline marks (emphasis, code, links, strikethrough, table cells) and entities (``&lt;``).
_MD_SPECIAL = re.compile(r"([\\`*_\[\]~|])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# What opens a block at the start of a line: heading, quote, list, setext underline; a number
# and a point (« 1. Prévenir... », an ordered list) only after a line break within the text,
# since such a title mostly sits inside a line.
_BLOCK_MARK = re.compile(r"^([ \t]*)([#>+=-])|(?<=\n)([ \t]*\d{1,9})(?=[.)])", re.MULTILINE)
_SAFE_AUTOLINK = re.compile(URL_PATTERN)


def _block_mark(match: re.Match[str]) -> str:
    lead, mark, number = match.groups()
    return f"{number}\\" if number is not None else f"{lead}\\{mark}"


def escape_text(text: str) -> MarkdownText:
    """Plain text (a title, a name, a unit) written in Markdown so that it reads as the same
    text wherever a template puts it: marks escaped, no HTML, no entity, no block opened."""
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    text = _BLOCK_MARK.sub(_block_mark, text)
    return MarkdownText(_RAW_HTML.sub("&lt;", text))


def escape_cell(text: str) -> MarkdownText:
    """Plain text for a Markdown table cell: one line, pipes escaped."""
    return MarkdownText(" ".join(escape_text(text).split()))


def safe_source(text: str) -> MarkdownText:
    """A Markdown text as Markdown, with raw HTML and unsafe links neutralised. Whatever the
    neutralised text still holds for a permissive renderer (raw HTML enabled, any link
    accepted) is checked: a text that would still give HTML or an unsafe link is written as
    plain text instead."""
    text = _UNSAFE_TARGET.sub(r"\1#", text)
    text = _RAW_HTML.sub("&lt;", text)
    if active_content(text):
        return escape_text(text)
    return MarkdownText(text)


def link_target(url: str) -> MarkdownText:
    """An address as a Markdown autolink ``<https://...>``, or as plain text if it is not a plain
    http(s) address (the model refuses those, M008)."""
    if _SAFE_AUTOLINK.match(url):
        return MarkdownText(f"<{url}>")
    return escape_text(url)


def markdown_value(value: object) -> object:
    """What a Markdown template writes for ``{{ value }}``: see the comment above."""
    if isinstance(value, MarkdownText | int | float):
        return value
    return escape_text(str(value))


def markdown_macro(macro: Callable[..., str]) -> Callable[..., MarkdownText]:
    """A macro of a Markdown template, whose output the template itself wrote (its values went
    through :func:`markdown_value`): ``{% set lien = md_macro(lien) %}`` after the macro."""

    def call(*args: object, **kwargs: object) -> MarkdownText:
        return MarkdownText(macro(*args, **kwargs))

    return call


@cache
def _permissive() -> MarkdownIt:
    """How the least careful reader of a Markdown file would see it: raw HTML on, every link
    taken, GitHub's tables and strikethrough."""
    from markdown_it import MarkdownIt  # noqa: PLC0415

    md = MarkdownIt("commonmark", {"html": True, "linkify": False})
    md.enable(["table", "strikethrough"])
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


def active_content(text: str) -> list[str]:
    """What ``text`` would give a permissive Markdown renderer that is not plain text: raw HTML
    and links or images to an address that is not safe (:func:`is_safe_url`)."""
    found: list[str] = []
    stack = _permissive().parse(text)
    while stack:
        token = stack.pop()
        if token.type in {"html_inline", "html_block"}:
            found.append(token.content)
        for name in ("href", "src"):
            target = token.attrGet(name)
            if target is not None and not is_safe_url(str(target)):
                found.append(str(target))
        stack.extend(token.children or [])
    return found
