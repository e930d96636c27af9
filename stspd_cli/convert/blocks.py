"""The neutral document every reader gives: a list of blocks, whatever the format.

A block is a heading (with its level when the format has one), a paragraph, a list item (its
depth, and its number when the list is numbered) or a table (rows of cell texts). Inline
markup is gone; a paragraph written wholly in bold is marked ``strong``: documents often write
their headings so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

HEADING, PARA, ITEM, TABLE = "titre", "paragraphe", "puce", "tableau"


@dataclass(slots=True)
class Block:
    kind: str
    text: str = ""
    level: int = 0  # heading level (1 = top), list depth (1 = outer); 0 when the format has none
    number: int | None = None  # the number of a numbered list item (« 1. »)
    rows: list[list[str]] = field(default_factory=list)
    strong: bool = False

    def texts(self) -> list[str]:
        """The text the block holds: its own, or each cell of its rows."""
        if self.kind == TABLE:
            return [cell for row in self.rows for cell in row if cell.strip()]
        return [self.text] if self.text.strip() else []


@dataclass(slots=True)
class Document:
    """What a reader found: the blocks, and what it left out as page furniture."""

    name: str
    kind: str  # docx, odt, pdf, html, md, txt
    blocks: list[Block] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the reader wants the user to know
