"""A PDF with a text layer, through pdfplumber (pdfminer.six): each line with its font size and
weight. Lines larger than the body text are headings, the largest size level 1; a line written
wholly in bold is marked ``strong``. Running headers, footers and page numbers -- the same line at
the top or the bottom of most pages -- are page furniture. Ruled tables come out as tables."""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from stspd_cli.convert import columns
from stspd_cli.convert.blocks import HEADING, ITEM, PARA, TABLE, Block, Document
from stspd_cli.convert.limits import MAX_PAGES, check_text, unreadable
from stspd_cli.convert.words import fold, folded, folded_table
from stspd_cli.errors import DependencyError, StspdError
from stspd_cli.fr import number_fr
from stspd_cli.installation import extra_hint

_BULLET = re.compile(r"^([•▪◦●○·\-–—*\u2022\uf0b7])\s*(\S.*)$")
_NUMBERED = re.compile(r"^(\d{1,3})[.)]\s+(\S.*)$")
_PAGE_NUMBER = re.compile(r"^(page\s*)?\d{1,4}(\s*(/|sur)\s*\d{1,4})?$", re.IGNORECASE)
_BOLD = ("bold", "black", "heavy", "semibold", "demi")
MARGIN = 0.1  # the top and bottom tenth of a page: where running headers and footers sit
HEADING_STEP = 0.3  # points above the body size
GUTTER = 1.2  # the narrowest space between two columns, in body sizes...
MIN_GUTTER = 6.0  # ...and in points, whatever the body size a page declares
_PARAGRAPH_GAP = 0.8  # space above a line, in its sizes, that starts a new paragraph


@dataclass(slots=True)
class _Line:
    page: int
    top: float
    bottom: float
    x0: float
    text: str
    size: float
    bold: bool
    table: list[list[str]] | None = None
    color: str = ""  # the colour of most of its letters: a line in another colour is another block


def _pdfplumber() -> Any:
    try:
        import pdfplumber  # noqa: PLC0415
    except ImportError:
        raise DependencyError(
            "lire un PDF demande pdfplumber, qui n'est pas installé",
            hint=extra_hint("convertir"),
        ) from None
    return pdfplumber


def read_pdf(data: bytes, name: str) -> Document:
    pdfplumber = _pdfplumber()
    doc = Document(name=name, kind="pdf")
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = len(pdf.pages)
            if pages > MAX_PAGES:
                why = f"PDF de {number_fr(pages)} pages (limite {number_fr(MAX_PAGES)})"
                raise unreadable(name, why, hint="convertissez la partie qui est la stratégie")
            lines = _all_lines(pdf)
            heights = [float(page.height) for page in pdf.pages]
    except StspdError:
        raise
    # pdfminer may fail anywhere on a damaged file, with any exception.
    except Exception as error:
        detail = str(error) if isinstance(error, _Damaged) else _detail(error)
        raise unreadable(
            name,
            f"PDF illisible ou endommagé (détail technique : {detail})",
            hint="enregistrez-le de nouveau depuis le logiciel qui l'a produit",
        ) from None
    check_text(name, sum(len(line.text) for line in lines))
    if not any(line.text.strip() for line in lines):
        raise unreadable(
            name,
            "ce PDF n'a pas de texte (pages scannées ?)",
            hint="il faut un PDF avec une couche texte : passez-le d'abord par une reconnaissance "
            "de caractères (OCR), ou partez du document Word d'origine",
        )
    kept, doc.left_out = _without_furniture(lines, heights)
    doc.blocks = _blocks(kept)
    return doc


# Pages from which they are read on every core: a page costs pdfminer a quarter of a second,
# a worker forked after the file is open about a hundredth (benchmarks/convertir.py).
PARALLEL_FROM = 4
_OPEN: Any = None  # the PDF being read, for the pages' workers (forked: they inherit it)


def _all_lines(pdf: Any) -> list[_Line]:
    """The lines of every page, in order: the pages shared among worker processes, each
    given by its number (the file is open once, here; the workers inherit it)."""
    from stspd_cli.workers import in_order  # noqa: PLC0415

    global _OPEN  # noqa: PLW0603 -- read by the forked workers, as they inherit it
    _OPEN = pdf
    try:
        pages = in_order(_lines_of_page, range(len(pdf.pages)), at_least=PARALLEL_FROM)
    finally:
        _OPEN = None
    lines: list[_Line] = []
    for page in pages:
        if isinstance(page, str):  # what stopped pdfminer on that page, said as for the file
            raise _Damaged(page)
        lines += page
    return lines


class _Damaged(Exception):
    """pdfminer's failure on a page read by a worker, as its first line of text."""


def _lines_of_page(index: int) -> list[_Line] | str:
    """The lines of page ``index`` of the PDF being read; pdfminer's failure, as text, when it
    fails on it (any exception: a worker's may not cross back to the reading process)."""
    try:
        return _page_lines(_OPEN.pages[index], index)
    except Exception as error:  # a damaged file may make pdfminer fail anywhere
        return _detail(error)


def _detail(error: BaseException) -> str:
    return str(error).splitlines()[0][:100] if str(error) else type(error).__name__


def _grid(rows: list[list[str | None]]) -> list[list[str]] | None:
    """The rows of a real table: two rows at least with two cells filled. A frame drawn
    around a paragraph or a fiche is found as a one-column table: it is not one."""
    cells = [[_cell_text(cell) for cell in row] for row in rows]
    cells = [row for row in cells if any(row)]
    filled = sum(1 for row in cells if sum(bool(c) for c in row) >= 2)
    return cells if filled >= 2 and 2 * filled >= len(cells) else None


def _cell_text(cell: str | None) -> str:
    """A cell's lines as one text; a compound word cut at a line's end (« Jean- » then
    « Imaginaire ») written together again, as in running text."""
    text = ""
    for line in (cell or "").split("\n"):
        if line.strip():
            joint = "" if not text or _CUT_COMPOUND.search(text) else " "
            text += joint + line.strip()
    return " ".join(text.split())


def _table(table: Any) -> tuple[tuple[float, float, float, float], list[list[str]]] | None:
    """A table pdfplumber found, from its first row with two cells filled to its last: the
    rows of one cell above or below (a page's title over a rule, the whole page framed with
    the table at its foot) are the page's text, read as such."""
    rows = table.extract()
    kept = [i for i, row in enumerate(rows) if sum(bool((c or "").strip()) for c in row) >= 2]
    if not kept:
        return None
    first, last = kept[0], kept[-1]
    cells = _grid(rows[first : last + 1])
    if cells is None:
        return None
    x0, _, x1, _ = table.bbox
    top, bottom = float(table.rows[first].bbox[1]), float(table.rows[last].bbox[3])
    return (float(x0), top, float(x1), bottom), cells


def _page_lines(page: Any, index: int) -> list[_Line]:
    """The page's lines in reading order (column after column: :mod:`.columns`), each table in
    its place as one line holding its rows."""
    drawn = page.filter(_visible)
    tables = [found for table in drawn.find_tables() if (found := _table(table)) is not None]
    boxes = [bbox for bbox, _ in tables]
    words = [
        word
        for word in page.extract_words(extra_attrs=["size", "fontname", "non_stroking_color"])
        if not _in_table(word, boxes)
    ]
    rows = columns.rows_of(words, _same_line)
    sizes = Counter(round(float(w["size"]), 1) for w in words)
    body = sizes.most_common(1)[0][0] if sizes else 0.0
    gap = max(GUTTER * body, MIN_GUTTER)
    lines = [_line_of(row, index) for row in columns.reading_order(rows, gap)]
    for (x0, top, _, bottom), cells in sorted(tables, key=lambda table: table[0][1]):
        # Before the first line read after it that lies below it (tables span their page).
        at = next((i for i, line in enumerate(lines) if line.top > float(top)), len(lines))
        lines.insert(at, _Line(index, float(top), float(bottom), float(x0), "", 0, False, cells))
    return lines


# White in the colour spaces a PDF paints in: grey, RGB, CMYK.
_WHITE = ((1,), (1, 1, 1), (0, 0, 0, 0))


def _visible(obj: dict[str, Any]) -> bool:
    """Whether a drawn rectangle or line shows on the page: one filled with white and not
    stroked (the background a page's body or a section is painted with) draws no line, and its
    sides are no table's rules: they would join every table of the page, and the headings
    between them, into one. Letters and every other object are kept."""
    if obj.get("object_type") not in ("rect", "line", "curve"):
        return True
    if obj.get("stroke") and not _white(obj.get("stroking_color")):
        return True
    return bool(obj.get("fill")) and not _white(obj.get("non_stroking_color"))


def _white(color: Any) -> bool:
    if not isinstance(color, (tuple, list)) or not color:
        return False  # no colour said: black, the default; a pattern's name: painted
    try:
        return tuple(float(part) for part in color) in _WHITE
    except (TypeError, ValueError):
        return False


def _in_table(word: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    middle = (float(word["top"]) + float(word["bottom"])) / 2
    return any(x0 <= float(word["x0"]) <= x1 and top <= middle <= bottom
               for x0, top, x1, bottom in boxes)  # fmt: skip


def _same_line(word: dict[str, Any], row: columns.Row) -> bool:
    return abs(float(word["top"]) - row.top) < 0.4 * round(float(word["size"]), 1)


def _line_of(row: columns.Row, index: int) -> _Line:
    """One line of words read together."""
    first = row.words[0]
    line = _Line(
        index,
        float(first["top"]),
        float(first["bottom"]),
        float(first["x0"]),
        first["text"],
        round(float(first["size"]), 1),
        _is_bold(first),
        color=_main_color(row.words),
    )
    end = float(first["x1"])  # where the previous word ends
    for word in row.words[1:]:
        size = round(float(word["size"]), 1)
        # A word set in another size right against the previous one (the « er » of « 1er » in
        # superscript) is the same word: pdfplumber splits words where the size changes.
        touching = float(word["x0"]) - end < 0.15 * size
        line.text += ("" if touching else " ") + word["text"]
        end = float(word["x1"])
        line.size = max(line.size, size)
        line.bold = line.bold and _is_bold(word)
    return line


def _main_color(words: list[dict[str, Any]]) -> str:
    """The colour of most of the line's letters (a link inside a sentence does not make it
    another block)."""
    letters: Counter[str] = Counter()
    for word in words:
        letters[str(word.get("non_stroking_color"))] += len(str(word["text"]))
    return letters.most_common(1)[0][0]


def _is_bold(word: dict[str, Any]) -> bool:
    return any(mark in str(word["fontname"]).lower() for mark in _BOLD)


def _without_furniture(lines: list[_Line], heights: list[float]) -> tuple[list[_Line], list[str]]:
    """Lines in the margins seen on most pages (digits aside), and bare page numbers."""

    def key(line: _Line) -> str:
        return re.sub(r"\d+", "#", line.text.strip().lower())

    def in_margin(line: _Line) -> bool:
        height = heights[line.page]
        return line.top < MARGIN * height or line.bottom > (1 - MARGIN) * height

    pages = len(heights)
    once = {(line.page, key(line)) for line in lines if in_margin(line)}
    seen = Counter(text for _, text in once)
    repeated = {k for k, count in seen.items() if pages >= 3 and count >= max(2, pages // 2)}
    kept: list[_Line] = []
    left_out: list[str] = []
    for line in lines:
        if (
            line.table is None
            and in_margin(line)
            and (key(line) in repeated or _PAGE_NUMBER.match(line.text.strip()))
        ):
            if line.text.strip() not in left_out:
                left_out.append(line.text.strip())
            continue
        kept.append(line)
    return kept, left_out


_BULLET_ONLY = re.compile(r"^[•▪◦●○·\-–—*\u2022\uf0b7]$")


def _attach_bullets(lines: list[_Line]) -> list[_Line]:
    """A bullet drawn a little off its line's baseline is sorted apart from it: put it back in
    front of the line it stands before."""
    kept: list[_Line] = []
    for line in lines:
        if line.table is None and _BULLET_ONLY.match(line.text.strip()):
            near = [
                other
                for other in lines
                if other is not line
                and other.page == line.page
                and other.table is None
                and abs(other.top - line.top) < 0.8 * max(line.size, other.size)
                and other.x0 > line.x0
            ]
            if near:
                target = min(near, key=lambda other: other.x0)
                target.text = "• " + target.text.lstrip("• ")
                continue
        kept.append(line)
    return kept


def _field_labels() -> set[str]:
    return {phrase for phrase, _ in folded_table("champs")}


def _is_label(line: _Line) -> bool:
    text = line.text.strip()
    if line.table is not None or not line.bold or text != text.upper() or not 1 < len(text) <= 40:
        return False
    return fold(text) not in folded("intertitres")  # « SOUS-OBJECTIFS » heads a list


def _label_rows(lines: list[_Line], body: float) -> list[_Line]:
    """Fields laid out as a grid (« PILOTE » above its value, two columns side by side):
    each label with the value lines below it, in its column, as one « Label : value » line."""
    out: list[_Line] = []
    i = 0
    while i < len(lines):
        row = [lines[i]]
        while (
            i + len(row) < len(lines)
            and _is_label(lines[i])
            and _is_label(lines[i + len(row)])
            and lines[i + len(row)].page == lines[i].page
            and abs(lines[i + len(row)].top - lines[i].top) < 1
        ):
            row.append(lines[i + len(row)])
        if not _is_label(lines[i]):
            out.append(lines[i])
            i += 1
            continue
        columns = sorted(row, key=lambda line: line.x0)
        values: dict[int, list[str]] = {id(c): [] for c in columns}
        j = i + len(row)
        bottom = max(c.bottom for c in columns)
        while j < len(lines):
            line = lines[j]
            if line.page != lines[i].page or line.table is not None or _is_label(line):
                break
            if line.bold and line.size >= body - 0.2:  # a sub-heading (« Constat »)
                break
            if fold(line.text) in _field_labels():  # « Financement » alone: the next part
                break
            if line.size > body + 0.2 or line.top - bottom > _PARAGRAPH_GAP * max(line.size, 1):
                break
            left = [c for c in columns if c.x0 <= line.x0 + 2] or columns[:1]
            values[id(left[-1])].append(line.text.strip())
            bottom = max(bottom, line.bottom)
            j += 1
        if not any(values.values()):
            out.append(lines[i])
            i += 1
            continue
        for column in columns:
            text = " ".join(values[id(column)])
            label = column.text.strip()
            field = f"{label[:1]}{label[1:].lower()} : {text}"
            out.append(_Line(column.page, column.top, column.bottom, column.x0, field, body, False))
        i = j
    return out


def _blocks(lines: list[_Line]) -> list[Block]:
    lines = _attach_bullets(lines)
    sizes: Counter[float] = Counter()
    for line in lines:
        if line.table is None:
            sizes[line.size] += len(line.text)
    body = sizes.most_common(1)[0][0] if sizes else 0.0
    larger = sorted({s for s in sizes if s > body + HEADING_STEP}, reverse=True)
    levels = {size: i + 1 for i, size in enumerate(larger)}
    lines = _label_rows(lines, body)
    blocks: list[Block] = []
    previous: _Line | None = None
    for line in lines:
        if line.table is not None:
            blocks.append(Block(TABLE, rows=line.table))
            previous = None
            continue
        text = line.text.strip()
        joined = previous is not None and _continues(previous, line, blocks[-1] if blocks else None)
        if joined:
            blocks[-1].text += ("" if _CUT_COMPOUND.search(blocks[-1].text) else " ") + text
            blocks[-1].strong = blocks[-1].strong and line.bold
        elif line.size in levels:
            blocks.append(Block(HEADING, text, level=levels[line.size]))
        elif match := _BULLET.match(text):
            blocks.append(Block(ITEM, match.group(2), level=1))
        elif match := _NUMBERED.match(text):
            blocks.append(Block(ITEM, match.group(2), level=1, number=int(match.group(1))))
        else:
            blocks.append(Block(PARA, text, strong=line.bold))
        previous = line
    return blocks


def _continues(previous: _Line, line: _Line, block: Block | None) -> bool:
    """The line goes on the block above: same page, same size, close below, not a new item;
    or, at the top of the next column or page, the rest of a sentence cut there."""
    if block is None or block.kind == TABLE:
        return False
    if abs(previous.size - line.size) > 0.2 or previous.bold != line.bold:
        return False
    if previous.color != line.color:  # a sub-objective's text in grey below its title
        return False
    if previous.page != line.page or line.top < previous.top:
        return block.kind != HEADING and _sentence_goes_on(previous.text, line.text)
    gap = line.top - previous.bottom
    if gap > _PARAGRAPH_GAP * line.size or gap < -1:
        return False
    text = line.text.strip()
    if _BULLET.match(text) or (_NUMBERED.match(text) and block.kind != HEADING):
        return False
    return not (block.kind == ITEM and line.x0 < previous.x0 - 1 and block.number is None)


# A line that ends inside a compound word (« Sainte- » then « Fiction »): the hyphen is the
# word's, and the two halves are written together again. A hyphen of word division
# (« préven- », « tion ») stays too: the text keeps what the page shows.
_CUT_COMPOUND = re.compile(r"\w-$")
_SENTENCE_END = re.compile(r"[.!?:;…»)\]]\s*$")


def _sentence_goes_on(before: str, after: str) -> bool:
    """A line cut at the bottom of a column or a page, whose sentence the next one ends: no
    punctuation closes it, and the next begins in lower case."""
    text = after.strip()
    return bool(text) and text[0].islower() and not _SENTENCE_END.search(before)
