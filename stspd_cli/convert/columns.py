"""The reading order of a PDF page whose text is set in columns.

A PDF holds words where they are drawn, not in the order they are read. Read row by row, two
columns side by side come out interleaved (« …the left column's line the right column's line… »).
Here the words of a page are grouped into rows, as before; then, top to bottom, the rows are
gathered into runs that all leave one band of the middle half of the text empty, a **gutter**
at least ``gap`` wide. A row across the middle (a title, an introduction across the page) ends
a run and is read in its place. In a run, from the row where both columns have begun, the
whole left column is read, then the right one, each looked at again for columns of its own --
when both sides read as running text: each has several rows, and most of its rows fill their
column up to the gutter. Labels beside their values (« Pilote : » and, further right, the
town; or values that start in the first two fifths of the text's width) are read row by row, as
before. A grid of short entries (signatories in two columns, a grid of fields) is read row by
row too, but each of its cells is a line of its own: « le Parquet » and « le Conseil
départemental » side by side are two lines, not one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

Word = dict[str, Any]  # a word of pdfplumber: text, x0, x1, top, bottom, size...

MIN_ROWS = 3  # rows each column holds, at the least
FILL = 0.25  # a row fills its column when it ends within this share of the column's width
FILLED = 0.5  # share of a column's rows that fill it, for running text
MIDDLE = (0.25, 0.75)  # where a gutter may be, as shares of the text's width
DEPTH = 3  # columns within columns: three levels at most
VALUES = 0.4  # values beside their labels start in this share of the text's width


@dataclass(slots=True)
class Row:
    """Words read together on one line, left to right."""

    words: list[Word] = field(default_factory=list)

    @property
    def top(self) -> float:
        return float(self.words[0]["top"])

    @property
    def x0(self) -> float:
        return min(float(w["x0"]) for w in self.words)

    @property
    def x1(self) -> float:
        return max(float(w["x1"]) for w in self.words)


def rows_of(words: Sequence[Word], same_line: Callable[[Word, Row], bool]) -> list[Row]:
    """Words in the order pdfplumber gives them, grouped into rows: a word goes on the row
    before it when ``same_line`` says so."""
    rows: list[Row] = []
    for word in words:
        if rows and same_line(word, rows[-1]):
            rows[-1].words.append(word)
        else:
            rows.append(Row([word]))
    return rows


def reading_order(rows: list[Row], gap: float) -> list[Row]:
    """``rows`` in the order they are read: top to bottom, column after column where the page
    is set in columns separated by a gutter ``gap`` wide at the least."""
    return _order(rows, gap, DEPTH)


def _order(rows: list[Row], gap: float, depth: int) -> list[Row]:
    rows = sorted(rows, key=lambda row: row.top)
    if depth == 0 or len(rows) < MIN_ROWS:
        return rows
    left = min(row.x0 for row in rows)
    width = max(row.x1 for row in rows) - left
    low, high = int(left + MIDDLE[0] * width), int(left + MIDDLE[1] * width) + 1
    everywhere = (1 << max(high - low, 0)) - 1
    out: list[Row] = []
    run: list[Row] = []
    free = 0  # the middle's points that no row of the run covers, a bit each
    for row in rows:
        empty = everywhere & ~_covered(row, gap, low, high)
        if run and _widest(free & empty)[1] >= gap:
            run.append(row)
            free &= empty
            continue
        out += _run(run, free, low, gap, depth)
        run, free = ([row], empty) if _widest(empty)[1] >= gap else ([], 0)
        if not run:
            out.append(row)  # a row across the middle: read in its place
    return out + _run(run, free, low, gap, depth)


def _run(run: list[Row], free: int, low: int, gap: float, depth: int) -> list[Row]:
    """Rows that leave a band of the middle empty: where both sides hold running text, the
    rows above both columns read first, then the left column, then the right one; in a grid
    of short entries, each cell a line, row after row; labels beside their values as they are."""
    if not run:
        return []
    first, length = _widest(free)
    start, end = float(low + first), float(low + first + length - 1)
    sides = [
        (i, [w for w in row.words if w["x1"] <= start], [w for w in row.words if w["x0"] >= end])
        for i, row in enumerate(run)
    ]
    on_left = [i for i, lefts, _ in sides if lefts]
    on_right = [i for i, _, rights in sides if rights]
    if not (on_left and on_right):
        return run
    # From the row where both columns have begun (what is above is read first) to the end.
    top = max(on_left[0], on_right[0])
    left = [Row(lefts) for _, lefts, _ in sides[top:] if lefts]
    right = [Row(rights) for _, _, rights in sides[top:] if rights]
    if _running_text(left, start, ends=True) and _running_text(right, end, ends=False):
        return run[:top] + _order(left, gap, depth - 1) + _order(right, gap, depth - 1)
    if len(left) < MIN_ROWS or len(right) < MIN_ROWS or _labels_and_values(sides, end):
        return run
    # A grid of short entries (signatories, fields): each row's cells are lines of their own,
    # read row after row.
    cells = [Row(words) for _, lefts, rights in sides[top:] for words in (lefts, rights) if words]
    return run[:top] + cells


def _labels_and_values(sides: list[tuple[int, list[Word], list[Word]]], end: float) -> bool:
    """Labels at the left, their values at the right: a label ends with « : », or the values
    start in the first two fifths of the text's width (a second column starts near the
    middle: « Conseil départemental » beside « Ville de Lille » in a list set in two columns)."""
    if any(lefts and rights and str(lefts[-1]["text"]).endswith(":") for _, lefts, rights in sides):
        return True
    left = min(float(w["x0"]) for _, lefts, _ in sides for w in lefts)
    right = max(float(w["x1"]) for _, _, rights in sides for w in rights)
    return end - left < VALUES * (right - left)


def _running_text(rows: list[Row], edge: float, *, ends: bool) -> bool:
    """Several rows, most of which fill the column: up to the gutter at ``edge`` for the left
    side (``ends``), up to the column's right edge for the right side."""
    if len(rows) < MIN_ROWS:
        return False
    if ends:
        inner, outer = edge, min(row.x0 for row in rows)
        filled = sum(1 for row in rows if inner - row.x1 <= FILL * (inner - outer))
    else:
        inner, outer = edge, max(row.x1 for row in rows)
        filled = sum(1 for row in rows if outer - row.x1 <= FILL * (outer - inner))
    return filled >= FILLED * len(rows)


def _covered(row: Row, gap: float, low: int, high: int) -> int:
    """The points of the middle (``low`` to ``high``) where the row has ink, the spaces
    narrower than ``gap`` between its words included: a bit each."""
    bits = 0
    for x0, x1 in _spans(row, gap):
        first, last = max(low, int(x0)), min(high - 1, int(x1))
        if first <= last:
            bits |= ((1 << (last - first + 1)) - 1) << (first - low)
    return bits


def _widest(bits: int) -> tuple[int, int]:
    """Where the longest run of set bits starts, and its length (0, 0 when none is set)."""
    length, runs = 0, bits
    while runs:
        length += 1
        last, runs = runs, runs & (runs >> 1)
    if not length:
        return 0, 0
    # ``last`` has a bit where a run of ``length`` set bits starts (the lowest such run).
    return (last & -last).bit_length() - 1, length


def _spans(row: Row, gap: float) -> list[tuple[float, float]]:
    """Where the row has ink, the spaces narrower than ``gap`` between its words included."""
    spans: list[tuple[float, float]] = []
    for word in sorted(row.words, key=lambda w: float(w["x0"])):
        x0, x1 = float(word["x0"]), float(word["x1"])
        if spans and x0 - spans[-1][1] < gap:
            spans[-1] = (spans[-1][0], max(spans[-1][1], x1))
        else:
            spans.append((x0, x1))
    return spans
