"""The text bilan laid out without rich, for a file or a pipe: the same characters rich writes.

A bilan over a thousand strategies holds thousands of tables; rich spent half of ``report``'s
time laying them out, colours or not (docs/performance.md). Without colours, this module lays
out the same tables (box ``HEAVY_HEAD``, one space of padding, titles centred above, columns
narrowed widest first when the table is wider than the page, words wrapped and folded as rich
does), section rules and paragraphs, with the same rules as rich 13 to 15, for texts made of
characters one cell wide. Any other text (a control character, a tab, a line break, a wide or
combining character) raises :class:`NotPlain`, and the bilan is written by rich instead:
``tests/report/test_text_layout.py`` compares both, on every example and on random tables.

The objects mimic the few calls ``report/formats.py`` makes of rich's (``Table``, ``Text``,
``Console.print`` and ``rule``), so that one function writes the bilan with either.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

WIDTH = 120
# Characters one cell wide for rich and shown as they are: printable ASCII, Latin-1 and Latin
# Extended (French letters, « », no-break space), typographic dashes, quotes and ellipsis,
# the narrow no-break space, the euro sign.
_PLAIN = re.compile(r"[\x20-\x7e\u00a0-\u024f\u2010-\u2022\u2026\u202f\u2030-\u203a\u20ac]*")
_WORD = re.compile(r"\s*\S+\s*")
_TRAILING_SPACE = re.compile(r"\s+$")


class NotPlain(Exception):
    """A text this layout does not measure as rich would: rich writes the bilan."""


def _plain(text: str) -> str:
    if _PLAIN.fullmatch(text) is None:
        raise NotPlain(text)
    return text


class Text:
    """A run of text; styles are dropped (no colours in a file)."""

    def __init__(self, text: str = "", style: str = "") -> None:
        self.plain = _plain(text)

    @classmethod
    def assemble(cls, *parts: str | tuple[str, str]) -> Text:
        return cls("".join(part if isinstance(part, str) else part[0] for part in parts))


def _text(value: Any) -> str:
    return value.plain if isinstance(value, Text) else _plain(str(value))


def wrap(text: str, width: int, *, fold: bool = True) -> list[str]:
    """Lines of at most ``width`` characters, broken between words (a word keeps the spaces
    after it), a word longer than a line cut into pieces (``fold``), or else alone on its line
    and cut with « … » (rich's ``divide_line``, and its overflow of table cells)."""
    breaks: list[int] = []
    offset = 0
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group()
        length = len(word.rstrip())
        if width - offset >= length:
            offset += len(word)
        elif length > width and not fold:
            if start:
                breaks.append(start)
            offset = len(word)
        elif length > width:
            pieces = [word[i : i + width] for i in range(0, len(word), width)]
            for n, piece in enumerate(pieces):
                if start:
                    breaks.append(start)
                if n == len(pieces) - 1:
                    offset = len(piece)
                else:
                    start += len(piece)
        elif offset and start:
            breaks.append(start)
            offset = len(word)
    bounds = [0, *breaks, len(text)]
    lines = [text[a:b] for a, b in itertools.pairwise(bounds)] or [""]
    return [_strip_beyond(line, width, fold) for line in lines]


def _strip_beyond(line: str, width: int, fold: bool) -> str:
    """Trailing spaces beyond ``width`` go (rich's ``rstrip_end``); then the line is cut, with
    « … » when words are not folded."""
    excess = len(line) - width
    if excess > 0:
        spaces = _TRAILING_SPACE.search(line)
        if spaces is not None:
            line = line[: len(line) - min(len(spaces.group()), excess)]
    if len(line) > width and not fold:
        return line[: width - 1] + "…"
    return line[:width]


class Table:
    """A table as rich draws it with its default options."""

    def __init__(self, *headers: Any, title: str | None = None) -> None:
        self.headers = [_text(h) for h in headers]
        self.title = None if title is None else _text(title)
        self.rows: list[list[str]] = []

    def add_row(self, *cells: Any, style: str | None = None) -> None:
        row = [_text(c) for c in cells]
        self.rows.append(row + [""] * (len(self.headers) - len(row)))

    def lines(self, width: int) -> list[str]:
        columns = len(self.headers)
        room = width - (columns + 1)  # the vertical rules
        cells = [self.headers, *self.rows]
        widths = [self._natural(cells, i, room) for i in range(columns)]
        if sum(widths) > room:
            widths = _collapse(widths, room)
            if sum(widths) > room:
                widths = _reduce(sum(widths) - room, [1] * columns, widths, widths)
            widths = [min(w, self._natural(cells, i, room)) for i, w in enumerate(widths)]
        total = sum(widths) + columns + 1
        out = [_center(line, total) for line in wrap(self.title, total)] if self.title else []
        out.append(_rule("┏", "━", "┳", "┓", widths))
        out += _row(self.headers, widths, "┃", bottom=True)
        out.append(_rule("┡", "━", "╇", "┩", widths))
        for row in self.rows:
            out += _row(row, widths, "│")
        out.append(_rule("└", "─", "┴", "┘", widths))
        return out

    @staticmethod
    def _natural(cells: list[list[str]], column: int, room: int) -> int:
        """The column's width with its padding: its longest line, at most ``room``."""
        longest = max(len(row[column]) for row in cells if column < len(row))
        return min(longest + 2, room) or 1


def _collapse(widths: list[int], room: int) -> list[int]:
    """Narrow the widest columns, together, down to the next widest, until the table fits
    (rich's ``Table._collapse_widths``)."""
    excess = sum(widths) - room
    while sum(widths) and excess > 0:
        widest = max(widths)
        next_widest = max((w for w in widths if w != widest), default=0)
        difference = widest - next_widest
        ratios = [1 if w == widest else 0 for w in widths]
        if not difference:
            break
        widths = _reduce(excess, ratios, [min(excess, difference)] * len(widths), widths)
        excess = sum(widths) - room
    return widths


def _reduce(total: int, ratios: list[int], maximums: list[int], values: list[int]) -> list[int]:
    """Take ``total`` from ``values`` in proportion to ``ratios`` (rich's ``ratio_reduce``)."""
    ratios = [r if m else 0 for r, m in zip(ratios, maximums, strict=True)]
    left_ratio, left = sum(ratios), total
    if not left_ratio:
        return values[:]
    result = []
    for ratio, maximum, value in zip(ratios, maximums, values, strict=True):
        if ratio and left_ratio > 0:
            taken = min(maximum, round(ratio * left / left_ratio))
            result.append(value - taken)
            left -= taken
            left_ratio -= ratio
        else:
            result.append(value)
    return result


def _center(line: str, width: int) -> str:
    line = line.rstrip()[:width]
    left = (width - len(line)) // 2
    return (" " * left + line).ljust(width)


def _rule(left: str, line: str, cross: str, right: str, widths: list[int]) -> str:
    return left + cross.join(line * w for w in widths) + right


def _row(cells: list[str], widths: list[int], rule: str, *, bottom: bool = False) -> list[str]:
    """The lines of one row; its cells at the top, the header's at the bottom, as rich."""
    if min(widths) < 3:
        raise NotPlain("colonne trop étroite")
    wrapped = [wrap(cell, w - 2, fold=False) for cell, w in zip(cells, widths, strict=True)]
    height = max(len(lines) for lines in wrapped)
    if bottom:
        wrapped = [[""] * (height - len(lines)) + lines for lines in wrapped]
    return [
        rule
        + rule.join(
            f" {(lines[n] if n < len(lines) else '').ljust(w - 2)[: w - 2]} "
            for lines, w in zip(wrapped, widths, strict=True)
        )
        + rule
        for n in range(height)
    ]


class Console:
    """Writes what the bilan prints: paragraphs wrapped at the width, rules, tables."""

    def __init__(self, width: int | None = None) -> None:
        self.width = WIDTH if width is None else width
        self.out: list[str] = []

    def print(self, item: Any = "") -> None:
        if isinstance(item, Table):
            self.out += item.lines(self.width)
        else:
            self.out += wrap(_text(item), self.width)

    def rule(self, title: Any) -> None:
        shown = _text(title)
        if not shown:
            self.out.append("─" * self.width)
            return
        if len(shown) > self.width - 4:
            raise NotPlain(shown)  # rich cuts it with an ellipsis
        side = (self.width - len(shown)) // 2
        line = "─" * (side - 1) + " " + shown + " "
        self.out.append(line + "─" * (self.width - len(line)))

    def text(self) -> str:
        return "".join(line + "\n" for line in self.out)
