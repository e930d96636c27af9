"""The table of contents: a real field (docx) or index (odt) that Word and LibreOffice update.

The page's « Sommaire » (a list of links) becomes the field, and its entries become the field's
current result, so that the document shows them before anyone updates it; Word and LibreOffice
add the page numbers when they update it. Entries are written escaped: a title is never markup.
"""

from __future__ import annotations

from typing import NamedTuple
from xml.sax.saxutils import escape, quoteattr

from stspd_cli.office.nodes import Node, raw, text_of

DEPTH = 3  # parts, then plans and objectives, then fiches: the heading levels 1 to 3


class Entry(NamedTuple):
    level: int
    text: str
    anchor: str


def _entries(blocks: list[Node], level: int = 1) -> list[Entry]:
    out: list[Entry] = []
    for block in blocks:
        if block["t"] in ("OrderedList", "BulletList"):
            items = block["c"][1] if block["t"] == "OrderedList" else block["c"]
            for item in items:
                out.extend(_item(item, level))
        elif block["t"] == "Div":
            out.extend(_entries(block["c"][1], level))
    return out


def _item(item: list[Node], level: int) -> list[Entry]:
    out: list[Entry] = []
    heads = [b for b in item if b["t"] in ("Plain", "Para")]
    if heads and level <= DEPTH:
        links = [i for i in heads[0]["c"] if i["t"] == "Link"]
        anchor = links[0]["c"][2][0].lstrip("#") if links else ""
        out.append(Entry(level, text_of(heads[0]), anchor))
    out.extend(_entries([b for b in item if b["t"] not in ("Plain", "Para")], level + 1))
    return out


def block(kind: str, content: list[Node]) -> list[Node]:
    """The table of contents of a ``kind`` document, from the page's « Sommaire » blocks."""
    titles = [b for b in content if b["t"] == "Header"]
    title = text_of(titles[0]) if titles else "Sommaire"
    entries = _entries(content)
    if kind == "docx":
        return [raw("openxml", _docx(title, entries))]
    return [raw("opendocument", _odt(title, entries))]


def _docx(title: str, entries: list[Entry]) -> str:
    begin = (
        '<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    )
    end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    paragraphs = []
    for i, e in enumerate(entries):
        run = f'<w:r><w:t xml:space="preserve">{escape(e.text)}</w:t></w:r>'
        link = (
            f"<w:hyperlink w:anchor={quoteattr(e.anchor)}>{run}</w:hyperlink>" if e.anchor else run
        )
        paragraphs.append(
            f'<w:p><w:pPr><w:pStyle w:val="TOC{e.level}"/></w:pPr>{begin if i == 0 else ""}'
            f"{link}</w:p>"
        )
    if not paragraphs:
        paragraphs.append(f"<w:p>{begin}</w:p>")
    paragraphs.append(f"<w:p>{end}</w:p>")
    heading = (
        '<w:p><w:pPr><w:pStyle w:val="TOCHeading"/></w:pPr>'
        f'<w:r><w:t xml:space="preserve">{escape(title)}</w:t></w:r></w:p>'
    )
    return (
        '<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>'
        f"<w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent>{heading}"
        f"{''.join(paragraphs)}</w:sdtContent></w:sdt>"
    )


def _odt(title: str, entries: list[Entry]) -> str:
    templates = "".join(
        f'<text:table-of-content-entry-template text:outline-level="{n}" '
        f'text:style-name="Contents_20_{n}">'
        '<text:index-entry-link-start text:style-name="Index_20_Link"/>'
        "<text:index-entry-chapter/><text:index-entry-text/>"
        '<text:index-entry-tab-stop style:type="right" style:leader-char="."/>'
        "<text:index-entry-page-number/><text:index-entry-link-end/>"
        "</text:table-of-content-entry-template>"
        for n in range(1, DEPTH + 1)
    )
    body = "".join(
        f'<text:p text:style-name="Contents_20_{e.level}">'
        + (
            f'<text:a xlink:type="simple" text:style-name="Index_20_Link" '
            f"xlink:href={quoteattr('#' + e.anchor)}>"
            f"{escape(e.text)}</text:a>"
            if e.anchor
            else escape(e.text)
        )
        + "</text:p>"
        for e in entries
    )
    return (
        '<text:table-of-content text:name="Sommaire" text:protected="true">'
        f'<text:table-of-content-source text:outline-level="{DEPTH}">'
        '<text:index-title-template text:style-name="Contents_20_Heading">'
        f"{escape(title)}</text:index-title-template>{templates}"
        "</text:table-of-content-source><text:index-body>"
        '<text:index-title text:name="Sommaire_titre">'
        f'<text:p text:style-name="Contents_20_Heading">{escape(title)}</text:p>'
        f"</text:index-title>{body}</text:index-body></text:table-of-content>"
    )
