"""Small constructors and readers of Pandoc's JSON AST (pandoc-types 1.23)."""

from __future__ import annotations

from typing import Any

Node = dict[str, Any]


def attr(ident: str = "", classes: list[str] | None = None, **pairs: str) -> list[Any]:
    return [ident, classes or [], [[k.replace("_", "-"), v] for k, v in pairs.items()]]


def words(text: str) -> list[Node]:
    """A text as inlines: words (``Str``) and spaces, nothing else, whatever it holds."""
    out: list[Node] = []
    for i, word in enumerate(text.split()):
        if i:
            out.append({"t": "Space"})
        out.append({"t": "Str", "c": word})
    return out


def para(inlines: list[Node]) -> Node:
    return {"t": "Para", "c": inlines}


def plain(inlines: list[Node]) -> Node:
    return {"t": "Plain", "c": inlines}


def styled(style: str, blocks: list[Node]) -> Node:
    """Blocks in the paragraph style ``style`` (pandoc's ``custom-style``)."""
    return {"t": "Div", "c": [attr(custom_style=style), blocks]}


def span(style: str, inlines: list[Node]) -> Node:
    """Inlines in the character style ``style``."""
    return {"t": "Span", "c": [attr(custom_style=style), inlines]}


def raw(fmt: str, text: str) -> Node:
    return {"t": "RawBlock", "c": [fmt, text]}


def text_of(nodes: list[Node] | Node) -> str:
    """The plain text of inlines or blocks."""
    out: list[str] = []
    _collect(nodes, out)
    return " ".join("".join(out).split())


def _collect(value: Any, out: list[str]) -> None:
    if isinstance(value, list):
        for item in value:
            _collect(item, out)
        return
    if not isinstance(value, dict):
        return
    kind = value.get("t")
    if kind == "Str":
        out.append(value["c"])
    elif kind in ("Space", "SoftBreak", "LineBreak"):
        out.append(" ")
    elif kind in ("Link", "Image", "Span"):
        _collect(value["c"][1], out)
    elif kind in ("Emph", "Strong", "Strikeout", "Underline", "SmallCaps", "Plain", "Para"):
        _collect(value["c"], out)
    elif kind in ("Superscript", "Subscript", "Quoted"):
        _collect(value["c"][-1] if kind == "Quoted" else value["c"], out)
    elif kind == "Header":
        _collect(value["c"][2], out)
    elif kind == "Div":
        _collect(value["c"][1], out)
    else:
        _collect(value.get("c"), out)


def cell(blocks: list[Node]) -> list[Any]:
    return [attr(), {"t": "AlignDefault"}, 1, 1, blocks]


def row(cells: list[list[Any]]) -> list[Any]:
    return [attr(), cells]


def table(
    classes: list[str], head: list[list[Node]], rows: list[list[list[Node]]], widths: list[float]
) -> Node:
    """A table with one header row (``head``: the blocks of each cell) and ``rows``."""
    colspecs = [[{"t": "AlignDefault"}, {"t": "ColWidth", "c": w}] for w in widths]
    return {
        "t": "Table",
        "c": [
            attr(classes=classes),
            [None, []],
            colspecs,
            [attr(), [row([cell(c) for c in head])]],
            [[attr(), 0, [], [row([cell(c) for c in r]) for r in rows]]],
            [attr(), []],
        ],
    }
