"""Write data and its comments in the canonical layout.

Block style only; two spaces per level; list items indented under their key (``  - id: ...``);
keys in the model's order; one blank line before each top-level section; comments re-indented
to the entry they belong to, end-of-line comments two spaces after the value.
"""

from __future__ import annotations

from typing import Any

from stspd_cli.edit.comments import BLANK, Layout
from stspd_cli.edit.scalars import INDENT, WIDTH, block_lines, folded_lines, inline
from stspd_cli.edit.shape import Shape
from stspd_cli.findings import Path_


def emit(data: dict[str, Any], layout: Layout, shape: Shape) -> list[str]:
    """The lines of the document (without line ends)."""
    writer = _Writer(layout)
    writer.comments(layout.head, 0, first=True)
    if data:
        writer.mapping(data, (), 0, shape)
    else:
        writer.add("{}")
    return writer.lines


class _Writer:
    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.lines: list[str] = []
        # Entries written on the line of the list item that holds them (``- id: ...``): their
        # comments go above the item, and the item's end-of-line comment goes to them.
        self.hoisted: set[Path_] = set()
        self.moved_eol: dict[Path_, list[str]] = {}
        # After a literal block kept with its final blank lines (``|+``), a blank line would
        # become part of the text: none is written there.
        self.after_kept_block = False

    def add(self, line: str) -> None:
        if line == BLANK and (self.after_kept_block or not self.lines or self.lines[-1] == BLANK):
            return
        self.after_kept_block = False
        self.lines.append(line)

    def comments(self, lines: list[str], indent: int, *, first: bool = False) -> None:
        for line in lines:
            if line == BLANK and first:
                continue  # no blank line opens a block
            first = first and line == BLANK
            self.add(line and " " * indent + line)

    def before(self, path: Path_) -> list[str]:
        return [] if path in self.hoisted else self.layout.of(path).before

    def mapping(self, value: dict[str, Any], path: Path_, indent: int, shape: Shape) -> None:
        for position, key in enumerate(shape.order(value)):
            child = (*path, key)
            before = self.before(child)
            if path == () and position > 0 and (not before or before[0] != BLANK):
                before = [BLANK, *before]
            self.comments(before, indent, first=position == 0)
            prefix = " " * indent + inline(key) + ":"
            self.value(
                prefix, value[key], child, indent, shape.child(key), is_date=shape.is_date(key)
            )
        self.comments(self.layout.of(path).feet, indent)

    def sequence(self, value: list[Any], path: Path_, indent: int, shape: Shape) -> None:
        for index, item in enumerate(value):
            child = (*path, index)
            before = self.before(child) + self.hoist(item, child, shape)
            self.comments(before, indent, first=index == 0)
            self.item(item, child, indent, shape)
        self.comments(self.layout.of(path).feet, indent)

    def hoist(self, value: Any, path: Path_, shape: Shape) -> list[str]:
        """Comments of the entries that share the item's first line, and its end-of-line
        comment handed to the last of them."""
        if not (isinstance(value, dict | list) and value):
            return []
        lines: list[str] = []
        eol = self.eol(path)
        while isinstance(value, dict | list) and value:
            if isinstance(value, dict):
                key = shape.order(value)[0]
                path, value, shape = (*path, key), value[key], shape.child(key)
                stop = True
            else:
                path, value, stop = (*path, 0), value[0], False
            lines += self.before(path)
            self.hoisted.add(path)
            if stop:
                break
        if eol:
            self.moved_eol[path] = eol + self.moved_eol.get(path, [])
        return lines

    def eol(self, path: Path_) -> list[str]:
        return self.moved_eol.pop(path, []) + self.layout.of(path).eol

    def item(self, value: Any, path: Path_, indent: int, shape: Shape) -> None:
        dash = " " * indent + "-"
        if isinstance(value, dict | list) and value:
            start = len(self.lines)
            if isinstance(value, dict):
                self.mapping(value, path, indent + INDENT, shape)
            else:
                self.sequence(value, path, indent + INDENT, shape)
            line = self.lines[start]
            self.lines[start] = dash + line[indent + 1 :]
        else:
            self.value(dash, value, path, indent, shape, is_date=False)

    def value(
        self, prefix: str, value: Any, path: Path_, indent: int, shape: Shape, *, is_date: bool
    ) -> None:
        # One end-of-line comment per line: more (a value written on several lines had one on
        # each) follow on their own lines, where they are read back at the same place.
        comments = self.eol(path)
        eol, more = (f"  {comments[0]}", comments[1:]) if comments else ("", [])
        if isinstance(value, dict | list) and value:
            self.add(prefix + eol)
            self.comments(more, indent + INDENT)
            if isinstance(value, dict):
                self.mapping(value, path, indent + INDENT, shape)
            else:
                self.sequence(value, path, indent + INDENT, shape)
            return
        if isinstance(value, dict | list):
            self.add(f"{prefix} {'{}' if isinstance(value, dict) else '[]'}{eol}")
        elif value is None and not prefix.endswith("-"):
            self.add(prefix + eol)
        elif isinstance(value, str) and (block := block_lines(value)) is not None:
            header, body = block
            self.add(f"{prefix} {header}{eol}")
            margin = " " * (indent + INDENT)
            self.lines.extend(margin + line if line else BLANK for line in body)
            self.after_kept_block = header.endswith("+")
        else:
            self.scalar(prefix, value, indent, eol, is_date=is_date)
        self.comments(more, indent)

    def scalar(self, prefix: str, value: Any, indent: int, eol: str, *, is_date: bool) -> None:
        line = f"{prefix} {inline(value, is_date=is_date)}"
        folded = None
        if isinstance(value, str) and len(line) > WIDTH and not is_date:
            folded = folded_lines(value, indent + INDENT)
        if folded is None:
            self.add(line + eol)
            return
        self.add(f"{prefix} >-{eol}")
        margin = " " * (indent + INDENT)
        self.lines.extend(margin + part for part in folded)
