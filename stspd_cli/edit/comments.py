"""Where the comments and blank lines of a strategy belong, so that ``fmt`` can move them with
the keys they describe.

ruamel.yaml attaches the comment lines that follow a value to that value (and those at the end
of a nested block to its deepest last item): reordering keys in its tree moves a comment away
from the key it was written above. Here every comment is found in the text (outside scalars,
whose exact spans libyaml gives) and anchored to an entry of the data -- a mapping key or a list
item -- by its place:

- a comment at the end of a line belongs to the outermost entry written entirely on that line
  (``communes: [Loos, Emmerin]  # ...`` describes ``communes``), else to the last entry there;
- a comment on its own line is a *head* comment of the entry that follows, unless it is indented
  deeper than that entry: then it closes the block above (a *foot* comment of the deepest
  enclosing mapping or list it is indented for), like a commented-out last item;
- blank lines go with the entry that follows; comments and blank lines before the first entry,
  up to the last blank line among them, are the document's header.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

from stspd_cli.findings import Path_
from stspd_cli.positions import Positions

BLANK = ""
_BLOCK_HEADER = re.compile(r"[|>][0-9+-]*")


@dataclass(slots=True)
class Notes:
    """The comments of one entry, or of one mapping or list (``feet``)."""

    before: list[str] = field(default_factory=list)
    eol: list[str] = field(default_factory=list)
    feet: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Layout:
    head: list[str] = field(default_factory=list)
    notes: dict[Path_, Notes] = field(default_factory=dict)

    def of(self, path: Path_) -> Notes:
        return self.notes.get(path) or Notes()

    def _at(self, path: Path_) -> Notes:
        return self.notes.setdefault(path, Notes())

    def comments(self) -> list[str]:
        """Every comment, in no particular order (for the keep-every-comment check)."""
        found = [line for line in self.head if line != BLANK]
        for notes in self.notes.values():
            found += [line for line in notes.before + notes.feet if line != BLANK]
            found += notes.eol
        return found


@dataclass(frozen=True, slots=True)
class _Node:
    line: int
    column: int
    path: Path_


@dataclass(frozen=True, slots=True)
class _Mark:
    """A comment or a blank line of the text."""

    line: int
    column: int
    text: str  # BLANK or "# ..."
    kind: str  # "own" (on its own line), "eol" (after code), "dash" (after a lone "-")


def comment_lines(text: str) -> list[tuple[int, int, str, str]]:
    """(line, column, text, kind) of every comment and blank line outside scalars."""
    lines = text.splitlines()
    spans = _scalar_spans(text, lines)
    found: list[tuple[int, int, str, str]] = []
    for number, line in enumerate(lines):
        inside = spans.get(number, [])
        if any(start == 0 and end is None for start, end in inside):
            continue  # a line of a scalar (block text, or a quoted text on several lines)
        if not line.strip() and not inside:
            found.append((number, 0, BLANK, "own"))
            continue
        start = _comment_start(line, inside)
        if start is None:
            continue
        before = line[:start]
        code = bool(before.strip()) or any(s < start for s, _ in inside)
        kind = "own"
        if code:
            kind = "dash" if not inside and not before.strip(" \t-") else "eol"
        found.append((number, start, line[start:].rstrip(), kind))
    return found


def _comment_start(line: str, inside: list[tuple[int, int | None]]) -> int | None:
    for index, char in enumerate(line):
        if char != "#" or (index > 0 and line[index - 1] not in " \t"):
            continue
        if not any(s <= index and (e is None or index < e) for s, e in inside):
            return index
    return None


def _scalar_spans(text: str, lines: list[str]) -> dict[int, list[tuple[int, int | None]]]:
    """Line -> column ranges (end None: to the end of the line) that belong to a scalar."""
    from _ruamel_yaml import CParser  # noqa: PLC0415
    from ruamel.yaml.events import ScalarEvent, StreamEndEvent  # noqa: PLC0415

    spans: dict[int, list[tuple[int, int | None]]] = {}

    def add(line: int, start: int, end: int | None) -> None:
        spans.setdefault(line, []).append((start, end))

    parser = CParser(text)
    try:
        while True:
            event = parser.get_event()
            if isinstance(event, StreamEndEvent):
                break
            if not isinstance(event, ScalarEvent):
                continue
            first, first_col = event.start_mark.line, event.start_mark.column
            last, last_col = event.end_mark.line, event.end_mark.column
            if event.style in ("|", ">"):
                header = _BLOCK_HEADER.match(lines[first], first_col)
                add(first, first_col, header.end() if header else first_col + 1)
                end = last if last_col else last - 1
                if not event.value.endswith("\n\n"):  # trailing blank lines are not content
                    while end > first and not lines[end].strip():
                        end -= 1
                for number in range(first + 1, end + 1):
                    add(number, 0, None)
            elif first == last:
                add(first, first_col, last_col)
            else:
                add(first, first_col, None)
                for number in range(first + 1, last):
                    add(number, 0, None)
                add(last, 0, last_col)
    finally:
        parser.dispose()
    return spans


def _nodes(data: Any, positions: Positions, lines: list[str]) -> list[_Node]:
    nodes: list[_Node] = []

    def walk(value: Any, path: Path_) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                child = (*path, key)
                line, column = positions.keys.get(child) or positions.value(child)
                nodes.append(_Node(line, column, child))
                walk(item, child)
        elif isinstance(value, list):
            line, column = positions.value(path)
            flow = path != () and column < len(lines[line]) and lines[line][column] == "["
            for index, item in enumerate(value):
                child = (*path, index)
                line, column = positions.value(child)
                if not flow:
                    column = _dash_column(lines[line], column)
                nodes.append(_Node(line, column, child))
                walk(item, child)

    walk(data, ())
    nodes.sort(key=lambda n: (n.line, n.column, len(n.path)))
    return nodes


def _dash_column(line: str, column: int) -> int:
    """Column of the ``-`` of a block list item whose value starts at ``column``."""
    before = line[:column].rstrip()
    if before.endswith("-") and (len(before) == 1 or before[-2] in " \t-"):
        return len(before) - 1
    return max(column - 2, 0)


def layout_of(text: str, data: Any, positions: Positions) -> Layout:
    """Anchor every comment and blank line of ``text`` (already parsed into ``data``)."""
    lines = text.splitlines()
    nodes = _nodes(data, positions, lines)
    by_path = {node.path: node for node in nodes}
    starts = [(node.line, node.column) for node in nodes]
    layout = Layout()
    last_lines = _last_lines(nodes)
    for line, column, comment, kind in comment_lines(text):
        if kind == "eol":
            index = bisect.bisect_left(starts, (line, column)) - 1
            if index < 0:
                layout.head.append(comment)
            else:
                owner = _eol_owner(nodes, index, line, last_lines)
                layout._at(owner).eol.append(comment)
            continue
        index = bisect.bisect_left(starts, (line + 1, -1))
        following = nodes[index] if index < len(nodes) else None
        previous = nodes[index - 1] if index > 0 else None
        if comment == BLANK:
            if following is not None:
                layout._at(following.path).before.append(BLANK)
            continue
        if kind == "own" and previous is not None:
            floor = following.column if following is not None else -1
            if column > floor:
                block = _foot_owner(previous, by_path, floor, column)
                if block is not None:
                    layout._at(block).feet.append(comment)
                    continue
        if following is None:
            layout._at(()).feet.append(comment)
        else:
            layout._at(following.path).before.append(comment)
    _split_header(layout, nodes)
    return layout


def _last_lines(nodes: list[_Node]) -> dict[Path_, int]:
    """Entry -> the last line on which an entry inside it starts."""
    last = {node.path: node.line for node in nodes}
    for node in nodes:
        for depth in range(1, len(node.path)):
            ancestor = node.path[:depth]
            last[ancestor] = max(last[ancestor], node.line)
    return last


def _eol_owner(nodes: list[_Node], index: int, line: int, last_lines: dict[Path_, int]) -> Path_:
    """The entry an end-of-line comment describes: the outermost entry written entirely on its
    line (``communes: [Loos, Emmerin]  # ...`` is about ``communes``), else the last one there."""
    on_line = index
    while on_line > 0 and nodes[on_line - 1].line == line:
        on_line -= 1
    for node in nodes[on_line : index + 1]:
        if node.line == line and last_lines[node.path] == line:
            return node.path
    return nodes[index].path


def _foot_owner(
    previous: _Node, by_path: dict[Path_, _Node], floor: int, column: int
) -> Path_ | None:
    """The mapping or list a deeper-indented comment closes: that of the deepest entry above it
    indented no deeper than the comment (and deeper than what follows)."""
    for depth in range(len(previous.path), 0, -1):
        entry = by_path[previous.path[:depth]]
        if floor < entry.column <= column:
            return entry.path[:-1]
    return None


def _split_header(layout: Layout, nodes: list[_Node]) -> None:
    """Lines before the first entry, up to the last blank one, describe the whole file."""
    if not nodes:
        return
    first = layout.notes.get(nodes[0].path)
    if first is None or BLANK not in first.before:
        layout.head += first.before if first is not None else []
        if first is not None:
            first.before = []
        return
    cut = len(first.before) - first.before[::-1].index(BLANK)
    layout.head += first.before[:cut]
    first.before = first.before[cut:]
