"""Word (``.docx``), LibreOffice (``.odt``), Markdown and web pages through pandoc's document
tree (JSON AST): headings with their level, lists with their numbers, tables, emphasis.

pandoc comes with the ``pypandoc-binary`` wheel (extra ``office``) and runs with ``--sandbox``:
it reads only the file it is given, never an image or an include it names, and opens no
connection.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from stspd_cli.convert.blocks import HEADING, ITEM, PARA, TABLE, Block, Document
from stspd_cli.errors import ConversionError, DependencyError, UnreadableInputError
from stspd_cli.installation import extra_hint

_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
INPUT_FORMATS = {"docx": "docx", "odt": "odt", "md": "markdown-smart", "html": "html"}


def pandoc_tree(kind: str, name: str, *, path: Path | None = None, text: str = "") -> Any:
    """pandoc's JSON tree of a file (``path``, named on pandoc's command line: the sandbox lets
    it read that file and no other) or of a text already read (on its standard input)."""
    from stspd_cli import pandoc  # noqa: PLC0415  (pandoc only for these formats)

    args = [f"--from={INPUT_FORMATS[kind]}", "--to=json"]
    try:
        pandoc.pandoc_path()
    except DependencyError:
        raise DependencyError(
            "lire un document Word, LibreOffice, Markdown ou une page web demande pandoc, "
            "qui n'est pas installé",
            hint=f"{extra_hint('office')} (pandoc est fourni)",
        ) from None
    try:
        if path is not None:
            out = pandoc.run([*args, "--", str(path)])
        else:
            out = pandoc.run(args, text.encode("utf-8"))
    except ConversionError as error:
        msg = f"{name} : document illisible ({error.detail[:160]})"
        raise UnreadableInputError(
            msg, hint="ouvrez-le dans son logiciel et enregistrez-le de nouveau"
        ) from None
    return json.loads(out)


def read_pandoc(tree: Any, name: str, kind: str) -> Document:
    doc = Document(name=name, kind=kind)
    # A Word document's « Title » and « Subtitle » paragraphs are the document's metadata for
    # pandoc: they open the document again.
    meta = tree.get("meta", {})
    for key, level in (("title", 1), ("subtitle", 0)):
        value = meta.get(key, {})
        if value.get("t") == "MetaInlines":
            text = inline_text(value["c"])
            doc.blocks.append(Block(HEADING if level else PARA, text, level=level))
    _blocks(tree.get("blocks", []), doc.blocks, depth=0)
    return doc


def _blocks(items: list[Any], out: list[Block], depth: int) -> None:
    for item in items:
        _block(item, out, depth)


def _block(item: Any, out: list[Block], depth: int) -> None:
    kind, content = item.get("t"), item.get("c")
    if kind == "Header":
        level, _, inlines = content
        out.append(Block(HEADING, inline_text(inlines), level=level))
    elif kind in {"Para", "Plain"}:
        text = inline_text(content)
        if text:
            out.append(Block(PARA, text, strong=_all_strong(content)))
    elif kind == "LineBlock":
        out.extend(Block(PARA, t) for line in content if (t := inline_text(line)))
    elif kind == "BulletList":
        for entry in content:
            _item(entry, out, depth + 1, None)
    elif kind == "OrderedList":
        (start, _, _), entries = content
        for offset, entry in enumerate(entries):
            _item(entry, out, depth + 1, start + offset)
    elif kind == "DefinitionList":
        # « Pilote » / « Ville de Lille »: one labelled line when the definition is one line.
        for term, definitions in content:
            label = inline_text(term)
            blocks = [b for d in definitions for b in d]
            if len(blocks) == 1 and blocks[0].get("t") in {"Plain", "Para"}:
                out.append(Block(PARA, f"{label} : {inline_text(blocks[0]['c'])}"))
                continue
            out.append(Block(PARA, label, strong=True))
            _blocks(blocks, out, depth)
    elif kind == "Table":
        rows = _table_rows(content)
        if rows:
            out.append(Block(TABLE, rows=rows))
    elif kind in {"BlockQuote"}:
        _blocks(content, out, depth)
    elif kind == "Div":
        _blocks(content[1], out, depth)
    elif kind == "Figure":
        _blocks(content[2], out, depth)
    # HorizontalRule, RawBlock (raw HTML or LaTeX), Null: no text of the strategy.


def _item(entry: list[Any], out: list[Block], depth: int, number: int | None) -> None:
    """A list item: its first paragraph is the item, what follows goes below it."""
    rest = entry
    if entry and entry[0].get("t") in {"Plain", "Para"}:
        out.append(Block(ITEM, inline_text(entry[0]["c"]), level=depth, number=number))
        rest = entry[1:]
    _blocks(rest, out, depth)


def _cell_text(cell: Any) -> str:
    blocks = cell[4]
    parts: list[str] = []
    for block in blocks:
        if block.get("t") in {"Plain", "Para"}:
            parts.append(inline_text(block["c"]))
        elif block.get("t") in {"BulletList", "OrderedList"}:
            entries = block["c"] if block["t"] == "BulletList" else block["c"][1]
            parts.extend(
                inline_text(b["c"]) for e in entries for b in e if b.get("t") in {"Plain", "Para"}
            )
    return "\n".join(p for p in parts if p)


def _table_rows(content: list[Any]) -> list[list[str]]:
    _, _, _, head, bodies, foot = content
    rows: list[list[str]] = []
    groups = [head[1]]
    for body in bodies:
        groups += [body[2], body[3]]
    groups.append(foot[1])
    for group in groups:
        for row in group:
            cells = [_cell_text(cell) for cell in row[1]]
            if any(c.strip() for c in cells):
                rows.append(cells)
    return rows


def _all_strong(inlines: list[Any]) -> bool:
    marked = [i for i in inlines if i.get("t") not in {"Space", "SoftBreak", "LineBreak"}]
    return bool(marked) and all(i.get("t") == "Strong" for i in marked)


_QUOTES = {"DoubleQuote": ("« ", " »"), "SingleQuote": ("‘", "’")}


def inline_text(inlines: list[Any]) -> str:
    """The text of inlines; a hard line break stays a line break (table cells use them)."""
    parts: list[str] = []
    _inline(inlines, parts)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _inline(inlines: list[Any], parts: list[str]) -> None:
    for node in inlines:
        kind, content = node.get("t"), node.get("c")
        if kind == "Str":
            parts.append(content)
        elif kind in {"Space", "SoftBreak"}:
            parts.append(" ")
        elif kind == "LineBreak":
            parts.append("\n")
        elif kind in {"Emph", "Strong", "Underline", "Strikeout", "Superscript", "Subscript",
                      "SmallCaps"}:  # fmt: skip
            _inline(content, parts)
        elif kind in {"Span", "Link"} or kind == "Cite":
            _inline(content[1], parts)
        elif kind == "Quoted":
            opening, closing = _QUOTES.get(content[0]["t"], ("« ", " »"))
            parts.append(opening)
            _inline(content[1], parts)
            parts.append(closing)
        elif kind in {"Code", "Math"}:
            parts.append(content[1])
        elif kind == "Note":
            parts.append(" (")
            for block in content:
                if block.get("t") in {"Para", "Plain"}:
                    _inline(block["c"], parts)
            parts.append(")")
        elif kind == "RawInline" and content[0] == "html" and _BREAK.fullmatch(content[1]):
            parts.append("\n")  # « <br> », the line break of a Markdown table's cell
        # Image, other raw HTML: no text of the strategy.
