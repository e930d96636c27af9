"""Our page, as pandoc read it, shaped into an office document: styles, cover, table of contents.

Everything here works on the Pandoc AST, the one intermediate of the docx and the odt, so both
say the same thing. What the data says only ever comes in as words (``Str``): this pass adds
styles around them, never markup made of them. It keeps out what an office document must not
carry from a page: raw markup, links other than to a part of the document or to a web, mail or
telephone address, and pictures other than inlined ones (``data:``); a text stays in their place.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from stspd_cli.office import toc
from stspd_cli.office.nodes import Node, attr, para, plain, span, styled, table, text_of, words
from stspd_cli.render.markdown import is_safe_url

# Paragraph styles of the lines of a cover and of the page's classed paragraphs.
PARAGRAPH_STYLES = {
    "instance": "Couverture-Instance",
    "territoire": "Couverture-Territoire",
    "communes": "Couverture-Detail",
    "rattachement": "Couverture-Detail",
    "sous-titre": "Subtitle",
    "surtitre": "Surtitre",
    "bandeau-restreint": "Bandeau-restreint",
    "regle": "Note-de-methode",
}
# Character styles of the page's classed words.
CHARACTER_STYLES = {"restreint": "Mention-restreinte", "numero": "Numero-fiche"}
FIELD_HEAD = ("Rubrique", "Contenu")
SAFE_PICTURES = ("data:image/png;", "data:image/jpeg;", "data:image/gif;")


class Shaped(NamedTuple):
    blocks: list[Node]
    title: str  # the text of the document's first level-1 heading
    alts: tuple[str, ...]  # the text alternative of each picture, in order


class _Shaper:
    def __init__(self, kind: str, shift: int) -> None:
        self.kind = kind
        self.shift = shift
        self.title: str | None = None
        self.in_cover = False
        self.alts: list[str] = []

    # ----- blocks -----
    def blocks(self, blocks: list[Node]) -> list[Node]:
        out: list[Node] = []
        for block in blocks:
            out.extend(self.block(block))
        return out

    def block(self, node: Node) -> list[Node]:
        kind = node["t"]
        c: Any = node.get("c")
        if kind in ("RawBlock", "HorizontalRule"):
            return []
        if kind == "Div":
            return self.div(c[0], c[1])
        if kind == "Header":
            return self.header(c[0], c[1], c[2])
        if kind in ("Para", "Plain"):
            return [{"t": kind, "c": self.inlines(c)}]
        if kind == "LineBlock":
            return [{"t": kind, "c": [self.inlines(line) for line in c]}]
        if kind == "BlockQuote":
            return [{"t": kind, "c": self.blocks(c)}]
        if kind == "BulletList":
            return [{"t": kind, "c": [self.blocks(item) for item in c]}]
        if kind == "OrderedList":
            return [{"t": kind, "c": [c[0], [self.blocks(item) for item in c[1]]]}]
        if kind == "DefinitionList":
            return self.fields(c)
        if kind == "Table":
            return [self.table(c)]
        if kind == "Figure":
            caption = [c[1][0], self.blocks(c[1][1])]
            return [{"t": kind, "c": [c[0], caption, self.blocks(c[2])]}]
        if kind == "CodeBlock":  # shown as the text it is
            return [para(words(c[1]))]
        return [node]

    def div(self, a: list[Any], content: list[Node]) -> list[Node]:
        ident, classes, pairs = a
        if ident == "sommaire" or "sommaire" in classes:
            return toc.block(self.kind, content)
        if "couverture" in classes:
            self.in_cover = True
            try:
                inner = self.blocks(content)
            finally:
                self.in_cover = False
            return [{"t": "Div", "c": [attr(ident, classes), inner]}]
        inner = self.blocks(content)
        # A paragraph of the page and its class (htmlprep); pandoc drops the ``data-`` prefix.
        paragraph = dict(pairs).get("paragraphe")
        if paragraph is not None:
            names = paragraph.split()
            style = next((PARAGRAPH_STYLES[c] for c in names if c in PARAGRAPH_STYLES), None)
            return [styled(style, inner)] if style else inner
        return [{"t": "Div", "c": [attr(ident, classes), inner]}]

    def header(self, level: int, a: list[Any], inlines: list[Node]) -> list[Node]:
        content = self.inlines(inlines)
        if level == 1 and self.title is None:
            self.title = text_of(content)
            return [styled("Title", [para(content)])]
        if self.in_cover:  # « Signataires »: a line of the cover, not a part of the document
            return [styled("Couverture-Intertitre", [para(content)])]
        return [{"t": "Header", "c": [max(1, level - self.shift), a, content]}]

    def fields(self, items: list[Any]) -> list[Node]:
        """A list of labelled fields (« Pilote : … »): a two-column table, as towns lay out a
        fiche; on a cover, lines « Période : … »."""
        if self.in_cover:
            lines = []
            for term, definitions in items:
                value = [b for d in definitions for b in self.blocks(d)]
                label = [*self.inlines(term), {"t": "Str", "c": "\u00a0:"}, {"t": "Space"}]
                lines.append(styled("Couverture-Detail", [para(label + _inline_of(value))]))
            return lines
        rows = [
            [[plain(self.inlines(term))], [b for d in definitions for b in self.blocks(d)]]
            for term, definitions in items
        ]
        head = [[plain(words(h))] for h in FIELD_HEAD]
        return [table(["champs"], head, rows, [0.28, 0.72])]

    def table(self, c: list[Any]) -> Node:
        a, caption, colspecs, head, bodies, foot = c

        def rows(rs: list[Any]) -> list[Any]:
            return [[r[0], [[*cl[:4], self.blocks(cl[4])] for cl in r[1]]] for r in rs]

        return {
            "t": "Table",
            "c": [
                a,
                [caption[0], self.blocks(caption[1])],
                colspecs,
                [head[0], rows(head[1])],
                [[b[0], b[1], rows(b[2]), rows(b[3])] for b in bodies],
                [foot[0], rows(foot[1])],
            ],
        }

    # ----- inlines -----
    def inlines(self, inlines: list[Node]) -> list[Node]:
        out: list[Node] = []
        for node in inlines:
            out.extend(self.inline(node))
        return out

    def inline(self, node: Node) -> list[Node]:
        kind = node["t"]
        c: Any = node.get("c")
        if kind == "RawInline":
            return []
        if kind in ("Code", "Math"):  # their text, as text
            return words(c[1])
        if kind == "Link":
            content = self.inlines(c[1])
            target = c[2][0]
            if target.startswith("#") or (":" in target and is_safe_url(target)):
                return [{"t": "Link", "c": [attr(), content, [target, ""]]}]
            return content
        if kind == "Image":
            return self.image(c)
        if kind == "Span":
            a, content = c
            content = self.inlines(content)
            style = next((CHARACTER_STYLES[k] for k in a[1] if k in CHARACTER_STYLES), None)
            return [span(style, content)] if style else content
        if kind == "Strikeout":
            return [span("Suppression", self.inlines(c))]
        if kind == "Underline":
            return [span("Ajout", self.inlines(c))]
        if kind in ("Emph", "Strong", "SmallCaps", "Superscript", "Subscript"):
            return [{"t": kind, "c": self.inlines(c)}]
        if kind == "Quoted":
            return [{"t": kind, "c": [c[0], self.inlines(c[1])]}]
        if kind == "Note":
            return [{"t": kind, "c": self.blocks(c)}]
        if kind == "Cite":
            return self.inlines(c[1])
        return [node]

    def image(self, c: list[Any]) -> list[Node]:
        a, alt, (src, _title) = c
        alt_text = text_of(alt)
        if not src.startswith(SAFE_PICTURES):
            return words(alt_text)
        classes = a[1]
        if not alt_text:
            alt_text = "Logo" if "logo" in classes else "Image"
        self.alts.append(alt_text)
        pairs = [[k, v] for k, v in a[2] if k in ("width", "height")]
        if "graphique" in classes:
            pairs = [["width", "100%"]]
        elif "logo" in classes:
            pairs = [["height", "2.5cm"]]
        return [{"t": "Image", "c": [[a[0], classes, pairs], words(alt_text), [src, ""]]}]


def _inline_of(blocks: list[Node]) -> list[Node]:
    """The inlines of a few paragraphs, one after the other (a cover's field value)."""
    out: list[Node] = []
    for block in blocks:
        if block["t"] in ("Para", "Plain"):
            if out:
                out.append({"t": "Space"})
            out.extend(block["c"])
        else:
            out.extend(words(text_of(block)))
    return out


def shape(document: dict[str, Any], kind: str) -> Shaped:
    """The blocks of ``document`` (pandoc's reading of our page) for a ``kind`` document."""
    # A document with a cover (the feuille de route) has its parts at level 2 of the page:
    # they become Heading 1, each on a new page. A bilan or a note, titled on its first page,
    # keeps its levels: its sections follow the title on the same page.
    covered = any(
        b["t"] == "Div" and "couverture" in b["c"][0][1]
        for top in document["blocks"]
        for b in ([top, *top["c"][1]] if top["t"] == "Div" else [top])
    )
    shaper = _Shaper(kind, 1 if covered else 0)
    blocks = shaper.blocks(document["blocks"])
    return Shaped(blocks, shaper.title or "", tuple(shaper.alts))
