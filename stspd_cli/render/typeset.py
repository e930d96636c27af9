"""French typography for what the HTML templates write themselves, and for the finished page.

The strategy's text gets its typography when a template writes it (``environment._finalize``);
the words written in the templates (« Point d'étape », « Bilan d'avancement ») get the same, at
the root: :class:`TypographyExtension` rewrites the text of an HTML template, outside its tags,
comments and ``<style>``/``<script>`` elements, before Jinja compiles it. A commune's template
gets it too.

Then :func:`finish_html` sets what only a finished page can: « 1er » with its superscript
(« 1<sup>er</sup> »), and a day kept with its month (« 18 juin » never breaks), in the text of
the page only (never in a tag, the ``<title>``, a style, a script or a drawing).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from jinja2 import Template
from jinja2.ext import Extension
from jinja2.lexer import Token, TokenStream

from stspd_cli.fr import NBSP, typography

if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any

# Elements whose content is not running text.
_RAW = ("style", "script")
_NO_TYPESETTING = ("title", "style", "script", "svg", "textarea", "pre", "code")
_MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
_DAY_MONTH = re.compile(rf"\b(1er|[12]?\d|3[01]) (?=(?:{_MONTHS})\b)")
_FIRST = re.compile(r"\b1er\b")
_DIGIT = re.compile(r"\d")  # what both need: most of a page's texts have none
_PARTS = re.compile(r"(<!--.*?-->|<[^>]*>)", re.DOTALL)
_TAG_NAME = re.compile(r"</?\s*([a-zA-Z][a-zA-Z0-9-]*)")


class _Scanner:
    """Where the text of an HTML template stands, across the pieces Jinja's lexer cuts it in:
    in running text, inside a tag (and its quoted attribute), in a comment or a style."""

    def __init__(self) -> None:
        self.mode = "text"  # text | tag | comment | raw
        self.quote = ""
        self.tag = ""  # the name of the tag being read
        self.raw = ""  # the element whose content is not text (style, script)

    def feed(self, data: str) -> str:
        out: list[str] = []
        i = 0
        while i < len(data):
            if self.mode == "text":
                j = data.find("<", i)
                end = len(data) if j == -1 else j
                out.append(typography(data[i:end]) if data[i:end].strip() else data[i:end])
                if j == -1:
                    break
                i = self._open(data, j, out)
            elif self.mode == "tag":
                i = self._in_tag(data, i, out)
            else:
                closing = "-->" if self.mode == "comment" else f"</{self.raw}"
                j = data.lower().find(closing, i)
                if j == -1:
                    out.append(data[i:])
                    break
                out.append(data[i:j])
                if self.mode == "comment":
                    out.append("-->")
                    self.mode, i = "text", j + 3
                else:
                    self.mode, self.raw, i = "tag", "", j
                    self.tag = "/"
        return "".join(out)

    def _open(self, data: str, j: int, out: list[str]) -> int:
        if data.startswith("<!--", j):
            out.append("<!--")
            self.mode = "comment"
            return j + 4
        match = _TAG_NAME.match(data, j)
        self.tag = match.group(1).lower() if match and not data.startswith("</", j) else "/"
        self.mode = "tag"
        out.append("<")
        return j + 1

    def _in_tag(self, data: str, i: int, out: list[str]) -> int:
        while i < len(data):
            ch = data[i]
            out.append(ch)
            i += 1
            if self.quote:
                if ch == self.quote:
                    self.quote = ""
            elif ch in "\"'":
                self.quote = ch
            elif ch == ">":
                self.mode = "raw" if self.tag in _RAW else "text"
                self.raw = self.tag if self.tag in _RAW else ""
                return i
        return i


class TypographyExtension(Extension):
    """The text an HTML template writes itself gets French typography before compilation."""

    def filter_stream(self, stream: TokenStream) -> Iterable[Token]:
        if not (stream.name or "").endswith((".html", ".htm")):
            return stream
        return _typeset(stream)


def _typeset(stream: TokenStream) -> Iterator[Token]:
    scanner = _Scanner()
    for token in stream:
        if token.type == "data":
            yield Token(token.lineno, token.type, scanner.feed(token.value))
        else:
            yield token


def finish_html(html: str) -> str:
    """« 1er » in superscript and a day joined to its month, in the page's text only."""
    out: list[str] = []
    skip: list[str] = []  # the elements being skipped, innermost last
    for part in _PARTS.split(html):
        if part.startswith("<"):
            match = _TAG_NAME.match(part)
            name = match.group(1).lower() if match else ""
            if name in _NO_TYPESETTING and not part.endswith("/>"):
                if part.startswith("</"):
                    if skip and skip[-1] == name:
                        skip.pop()
                else:
                    skip.append(name)
            out.append(part)
        elif skip or not part or not _DIGIT.search(part):
            out.append(part)
        else:
            text = _DAY_MONTH.sub(lambda m: m.group(1) + NBSP, part)
            out.append(_FIRST.sub("1<sup>er</sup>", text))
    return "".join(out)


class TypesetTemplate(Template):
    """A template whose HTML page is finished by :func:`finish_html` once rendered."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        page = super().render(*args, **kwargs)
        return finish_html(page) if (self.name or "").endswith((".html", ".htm")) else page
