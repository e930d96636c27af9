"""A saved web page: page furniture (menus, header and footer of the site, forms and buttons,
cookie and sharing banners, scripts and styles) is taken out with selectolax, then what remains
is read by pandoc like any other document. What was taken out is listed in the summary."""

from __future__ import annotations

import re
from typing import Any

from stspd_cli.convert.blocks import Document
from stspd_cli.convert.read_pandoc import pandoc_tree, read_pandoc
from stspd_cli.convert.words import vocabulary
from stspd_cli.errors import DependencyError
from stspd_cli.installation import extra_hint

_SHOWN = 80  # characters of a left-out element named in the summary


def _parser() -> Any:
    try:
        from selectolax.lexbor import LexborHTMLParser  # noqa: PLC0415
    except ImportError:
        raise DependencyError(
            "lire une page web demande selectolax, qui n'est pas installé",
            hint=extra_hint("convertir"),
        ) from None
    return LexborHTMLParser


def strip_furniture(html: str) -> tuple[str, list[str]]:
    """The page without its furniture, and the text of each element left out."""
    tree = _parser()(html)
    words = vocabulary()["html"]
    left_out: list[str] = []
    tags = [str(t) for t in words["balises"]]
    marks = [str(w) for w in words["classes"]]
    silent = {"script", "style", "noscript", "template", "link", "meta", "svg", "canvas"}
    for node in list(tree.css(",".join(tags))):
        if node.parent is None:
            continue
        if node.tag == "header" and node.css_first("h1") is not None:
            continue  # the document's own cover, with its title
        if node.tag in {"header", "footer"} and _in_a_section(node):
            continue  # a section's own header (a plan's heading), not the site's banner
        _note(node, left_out, quiet=node.tag in silent)
        node.decompose()
    for node in list(tree.css("[class], [role]")):
        if node.parent is None or node.tag in {"html", "body", "main", "article"}:
            continue
        attrs = node.attributes
        # Words of the class, not any part of it: « share-buttons », « cookieconsent » are
        # furniture; « mediation-sociale » is not « social ». Identifiers are left alone: a
        # document's own ids are made from its titles.
        words = re.split(r"[\s_-]+", str(attrs.get("class") or "").lower())
        if attrs.get("role") in {"navigation", "banner", "contentinfo", "search", "dialog"} or any(
            word.startswith(mark) for word in words for mark in marks if word
        ):
            _note(node, left_out, quiet=False)
            node.decompose()
    # pandoc reads only the <main> element of a page that has one: what is kept around it (the
    # document's cover) would be lost, so <main> is unwrapped once the furniture is out.
    for node in list(tree.css("main")):
        node.unwrap()
    body = tree.body or tree.root
    return (body.html if body is not None else "") or "", left_out


_SECTIONS = {"main", "article", "section"}


def _in_a_section(node: Any) -> bool:
    """An element inside sectioning content: HTML gives its header and footer to that section."""
    parent = node.parent
    while parent is not None:
        if parent.tag in _SECTIONS:
            return True
        parent = parent.parent
    return False


def _note(node: Any, left_out: list[str], *, quiet: bool) -> None:
    if quiet:
        left_out.append(f"<{node.tag}>")
        return
    text = " ".join((node.text(separator=" ") or "").split())
    if text:
        shown = text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"
        left_out.append(f"<{node.tag}> {shown}")


def read_html(html: str, name: str) -> Document:
    cleaned, left_out = strip_furniture(html)
    doc = read_pandoc(pandoc_tree("html", name, text=cleaned), name, "html")
    doc.left_out.extend(left_out)
    return doc
