"""Our HTML page made ready for pandoc's HTML reader, which would otherwise lose parts of it.

The reader keeps only ``<main>`` when a page has one (the cover would be lost), unwraps
``<nav>`` (the table of contents would be a list like any other), drops the class of a
``<p>`` (the cover's lines, the kickers above headings), and writes an inline ``<svg>`` as an
SVG image whose attributes it lower-cases (``viewBox`` breaks). So, before it reads the page:
``<main>`` and ``<nav>`` become ``<div>``; a ``<p class>`` is wrapped in a ``<div>`` that names
its class (``data-paragraphe``); each chart becomes a PNG image whose text alternative is the
chart's ``<title>``; the « aller au contenu » link of screen pages goes. The page is re-written
tag by tag by Python's HTML parser: every text and attribute is escaped again, so nothing in the
data can turn into markup.
"""

from __future__ import annotations

import base64
import re
from html import escape, unescape
from html.parser import HTMLParser

from stspd_cli.office.images import svg_to_png

_SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL | re.IGNORECASE)
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title>", re.DOTALL | re.IGNORECASE)
_TAGS = re.compile(r"<[^>]*>")
# Parts of a screen page that a printed or office document has no use for.
_DROPPED = frozenset({"style", "script", "template"})
# Elements pandoc's reader unwraps or keeps alone (``<main>``): read as the ``<div>`` they are.
_BLOCKS_KEPT = frozenset({"main", "nav"})
_VOID = frozenset({"br", "img", "hr", "meta", "link", "input", "col", "wbr", "source"})


def _chart_image(match: re.Match[str]) -> str:
    svg = match.group(0)
    title = _TITLE.search(svg)
    alt = " ".join(unescape(_TAGS.sub("", title.group(1))).split()) if title else "Graphique"
    png = base64.b64encode(svg_to_png(svg)).decode("ascii")
    return f'<img class="graphique" src="data:image/png;base64,{png}" alt="{escape(alt)}">'


class _Rewriter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0  # depth inside an element left out
        self.skip_tag: str | None = None
        self.wrapped: list[bool] = []  # for each open <p>: wrapped in a div of its class

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]], end: str = ">") -> str:
        text = "".join(
            f' {name}="{escape(value)}"' if value is not None else f" {name}"
            for name, value in attrs
        )
        return f"<{tag}{text}{end}"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip:
            if tag == self.skip_tag:
                self.skip += 1
            return
        classes = (dict(attrs).get("class") or "").split()
        if tag in _DROPPED or (tag == "a" and "evitement" in classes):
            self.skip, self.skip_tag = 1, tag
            return
        if tag in _BLOCKS_KEPT:
            tag = "div"
        if tag == "p":
            wrap = bool(classes)
            self.wrapped.append(wrap)
            if wrap:
                self.out.append(f'<div data-paragraphe="{escape(" ".join(classes))}">')
                attrs = [(k, v) for k, v in attrs if k != "class"]
        self.out.append(self._tag(tag, attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.skip:
            self.out.append(self._tag(tag, attrs, " />"))

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            if tag == self.skip_tag:
                self.skip -= 1
            return
        if tag in _VOID:
            return
        if tag in _BLOCKS_KEPT:
            tag = "div"
        self.out.append(f"</{tag}>")
        if tag == "p" and self.wrapped and self.wrapped.pop():
            self.out.append("</div>")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.out.append(escape(data, quote=False))


def prepare(html: str) -> str:
    """``html`` as pandoc's reader should see it (see the module's docstring)."""
    rewriter = _Rewriter()
    rewriter.feed(_SVG.sub(_chart_image, html))
    rewriter.close()
    return "".join(rewriter.out)
