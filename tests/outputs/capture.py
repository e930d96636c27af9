"""What every output of stspd says about the strategies of this repository, as rows of text.

Each output (feuille de route in HTML, Markdown and PDF, bilan, note de modification, ``stspd
texte``, tableau de suivi) is cut into *rows*: a table row is the tuple of its cells, any other
block of text is cut into sentences, one row each. The rows of the outputs as they were before
the model grew (issue 14) are committed in ``avant/``; ``test_kept.py`` checks that every one of
them is still said by today's outputs. Regenerate them only on purpose, never to make a test pass:

    .venv/bin/python tests/outputs/capture.py
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date, datetime
from functools import partial
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
BEFORE = HERE / "avant"
# The demo as it was when the outputs were captured: the live one grows to show each new field
# of the model, and the outputs of a file that did not change are what must not change.
FROZEN_DEMO = HERE / "entrees" / "demo-fictive.yaml"
LOOS = Path("strategies/cispd-loos-haubourdin-emmerin.yaml")
LILLE = Path("strategies/clspd-lille.yaml")
DEMO = Path("examples/demo-fictive.yaml")
DEMO_BEFORE = Path("tests/outputs/demo-version-precedente.yaml")
SOURCES = {"loos": LOOS, "lille": LILLE, "demo": DEMO}
TODAY = date(2026, 1, 15)  # the reference date of the examples (tests/examples/README.md)

Row = tuple[str, ...]
_SENTENCE_END = re.compile(r"(?<=[.!?…;])\s+")
_BOX = re.compile("[\u2500-\u257f]")


def normalise(text: str) -> str:
    """One space for every run of whitespace (no-break ones included), typed apostrophes: the
    typography of an output changes no word."""
    return " ".join(text.replace("\u2019", "'").replace("\u00ad", "").split())


def sentences(text: str) -> list[Row]:
    return [(s,) for s in (normalise(p) for p in _SENTENCE_END.split(normalise(text))) if s]


class _Blocks(HTMLParser):
    """Visible text of a page as lines: one per block, table rows as tab-separated cells."""

    BLOCKS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "div", "caption",
                        "title", "tr", "ul", "ol", "dl", "table", "section", "article", "nav",
                        "header", "main", "blockquote", "pre", "br"})  # fmt: skip
    CELLS = frozenset({"td", "th"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.svg = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"style", "script"}:
            self.skip += 1
        elif tag == "svg":
            self.svg += 1
        if tag in self.BLOCKS:
            self.parts.append("\n")
        elif tag in self.CELLS:
            self.parts.append("\t")
        elif tag in {"dt", "dd"}:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in {"style", "script"}:
            self.skip -= 1
        elif tag == "svg":
            self.svg -= 1
        if tag in self.BLOCKS:
            self.parts.append("\n")
        elif tag in {"dt", "dd"}:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        # Inside a chart, only its title (the text alternative) is text for the reader.
        if not self.skip and (not self.svg or self.lasttag == "title"):
            self.parts.append(data.replace("\n", " ").replace("\t", " "))


def _rows_of_lines(lines: list[str], split: Callable[[str], list[str] | None]) -> list[Row]:
    rows: list[Row] = []
    for line in lines:
        cells = split(line)
        if cells is None:
            rows += sentences(line)
        else:
            kept = tuple(normalise(c) for c in cells)
            if any(kept):
                rows.append(kept)
    return rows


def html_rows(html: str) -> list[Row]:
    parser = _Blocks()
    parser.feed(html)
    parser.close()
    lines = "".join(parser.parts).split("\n")
    return _rows_of_lines(lines, lambda line: line.split("\t")[1:] if "\t" in line else None)


def html_flat(html: str) -> str:
    parser = _Blocks()
    parser.feed(html)
    parser.close()
    return normalise("".join(parser.parts))


_MD_CELL = re.compile(r"(?<!\\)\|")
_MD_SEPARATOR = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")
_MD_MARKER = re.compile(r"^\s*(?:#{1,6}\s+|[-*+]\s+|>\s*|\d+\.\s+)")


def _md_split(line: str) -> list[str] | None:
    stripped = line.strip()
    if not stripped.startswith("|"):
        return None
    return _MD_CELL.split(stripped.strip("|"))


def markdown_rows(text: str) -> list[Row]:
    lines = []
    for line in text.splitlines():
        if _MD_SEPARATOR.match(line.strip()):
            continue
        lines.append(line if line.strip().startswith("|") else _MD_MARKER.sub("", line))
    return _rows_of_lines(lines, _md_split)


def markdown_flat(text: str) -> str:
    return normalise(" ".join(_MD_MARKER.sub("", line) for line in text.splitlines()))


def _rich_split(line: str) -> list[str] | None:
    if "│" not in line and "┃" not in line:
        return None
    return re.split(r"[│┃]", line)[1:-1]


def console_rows(text: str) -> list[Row]:
    """Rows of a text output: table rows split at their column rules, every other line with its
    box-drawing characters (table borders, section rules) taken out."""
    lines = [line if _rich_split(line) else _BOX.sub(" ", line) for line in text.splitlines()]
    return _rows_of_lines(lines, _rich_split)


def json_rows(value: Any, path: str = "") -> list[Row]:
    """Every leaf as ``(path, value)``; list items that have an identity are named by it."""
    if isinstance(value, dict):
        return [row for key, item in value.items() for row in json_rows(item, f"{path}.{key}")]
    if isinstance(value, list):
        rows: list[Row] = []
        for i, item in enumerate(value):
            name = str(i)
            if isinstance(item, dict):
                for key in ("id", "acteur", "axe", "territoire", "libelle"):
                    if isinstance(item.get(key), str):
                        name = f"{key}={item[key]}"
                        if key == "libelle" and isinstance(item.get("action"), str):
                            name = f"{item['action']}/{name}"
                        break
            rows += json_rows(item, f"{path}[{name}]")
        return rows or [(path, "[]")]
    return [(path, json.dumps(value, ensure_ascii=False))]


def csv_rows(data: bytes) -> list[Row]:
    import csv  # noqa: PLC0415

    text = data.decode("utf-8-sig")
    return [
        tuple(normalise(c) for c in record)
        for record in csv.reader(io.StringIO(text, newline=""), delimiter=";")
        if any(c.strip() for c in record)
    ]


def xlsx_rows(data: bytes) -> list[Row]:
    from openpyxl import load_workbook  # noqa: PLC0415

    workbook = load_workbook(io.BytesIO(data), data_only=True)
    rows: list[Row] = []
    for sheet in workbook.worksheets:
        for values in sheet.iter_rows(values_only=True):
            cells = [sheet.title]
            for value in values:
                if isinstance(value, datetime):
                    cells.append(value.strftime("%d/%m/%Y"))
                else:
                    cells.append("" if value is None else normalise(str(value)))
            if any(cells[1:]):
                rows.append(tuple(cells))
    return rows


_TOC_LEADER = re.compile(r"(?:\s*\.)+\s*\d+\s*$")
_PDF_FURNITURE = re.compile(r"^page \d+ / \d+$|^(CLSPD|CISPD|CMSPD) .+$|^Diffusion restreinte$")


def pdf_lines(pdf: bytes) -> list[str]:
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode("utf-8")
    lines = []
    for line in out.replace("\f", "\n").splitlines():
        # Leader dots and page numbers of the table of contents depend on the page layout.
        text = _TOC_LEADER.sub("", line).strip()
        if text and not text.isdigit() and not _PDF_FURNITURE.match(text):
            lines.append(text)
    return lines


def pdf_rows(pdf: bytes) -> list[Row]:
    # pdftotext joins a word broken at a hyphen with the next line: words are compared without
    # hyphens, and a PDF line is a row (the layout of a page decides where lines end).
    return [(normalise(line).replace("-", ""),) for line in pdf_lines(pdf) if normalise(line)]


def pdf_flat(pdf: bytes) -> str:
    return normalise(" ".join(pdf_lines(pdf))).replace("-", "")


@contextlib.contextmanager
def wide_console() -> Iterator[None]:
    """Text outputs drawn 400 columns wide: no table cell is wrapped, so that a row of a table
    is one line whatever the other columns hold (by rich, and by the bilan's own layout)."""
    import rich.console  # noqa: PLC0415

    from stspd_cli.report import textlayout  # noqa: PLC0415

    original = rich.console.Console

    class Wide(original):  # type: ignore[misc, valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["width"] = 400
            super().__init__(*args, **kwargs)

    rich.console.Console = Wide  # type: ignore[misc]
    width, textlayout.WIDTH = textlayout.WIDTH, 400
    try:
        yield
    finally:
        rich.console.Console = original  # type: ignore[misc]
        textlayout.WIDTH = width


class Output:
    """One output: how to make it, how to cut it into rows, and its text as one string."""

    def __init__(
        self,
        name: str,
        make: Callable[[], Any],
        rows: Callable[[Any], list[Row]],
        flat: Callable[[Any], str] | None = None,
    ) -> None:
        self.name = name
        self.make = make
        self.rows_of = rows
        self.flat_of = flat

    def produce(self) -> tuple[list[Row], str | None]:
        value = self.make()
        return self.rows_of(value), self.flat_of(value) if self.flat_of else None


def _render(path: Path, fmt: str, *, interne: bool = False) -> bytes:
    from shared_renders import shared_render  # noqa: PLC0415  (tests/ on the path, as pytest)

    return shared_render(path, fmt, interne=interne)


def _report(paths: list[Path], fmt: str, *, interne: bool = False) -> str | bytes:
    from stspd_cli.report import build_report  # noqa: PLC0415
    from stspd_cli.report.formats import FORMATS  # noqa: PLC0415

    with wide_console():
        return FORMATS[fmt](build_report(paths, TODAY, interne=interne), False)


def _diff(old: Path, new: Path, fmt: str, *, interne: bool = False) -> str:
    from stspd_cli.diff import diff_versions  # noqa: PLC0415
    from stspd_cli.diff.formats import FORMATS, DiffOutput  # noqa: PLC0415

    changes, presentation = diff_versions(str(old), str(new), interne=interne)
    with wide_console():
        out = FORMATS[fmt](DiffOutput(changes, presentation, interne=interne))
    assert isinstance(out, str)  # a text format (pdf, docx and odt write bytes)
    return out


def _texte(path: Path) -> str:
    from stspd_cli.diff.textconv import as_text  # noqa: PLC0415
    from stspd_cli.strategy_io import load_model  # noqa: PLC0415

    return as_text(load_model(path))


def _export(path: Path, fmt: str) -> bytes:
    from stspd_cli.spreadsheet.csv_io import write_csv  # noqa: PLC0415
    from stspd_cli.spreadsheet.identity import file_fingerprint  # noqa: PLC0415
    from stspd_cli.spreadsheet.table import build_table  # noqa: PLC0415
    from stspd_cli.spreadsheet.xlsx_write import write_xlsx  # noqa: PLC0415
    from stspd_cli.strategy_io import load_model  # noqa: PLC0415

    data = path.read_bytes()
    table = build_table(
        load_model(path),
        source=path.name,
        fingerprint=file_fingerprint(data),
        interne=False,
        today=TODAY,
    )
    return write_csv(table) if fmt == "csv" else write_xlsx(table)


def _no_fingerprint(rows: list[Row]) -> list[Row]:
    """The fingerprint of the strategy's bytes changes with any edit of the file: not content."""
    return [row for row in rows if "empreinte" not in row]


def _text_rows(value: str | bytes) -> list[Row]:
    return console_rows(value if isinstance(value, str) else value.decode())


def _line_rows(text: str) -> list[Row]:
    return [(normalise(line),) for line in text.splitlines() if line.strip()]


def _decoded(make: Callable[[], bytes]) -> str:
    return make().decode()


def _json(make: Callable[[], str | bytes]) -> Any:
    return json.loads(make())


def _export_rows(data: bytes, reader: Callable[[bytes], list[Row]]) -> list[Row]:
    return _no_fingerprint(reader(data))


def outputs() -> list[Output]:
    items: list[Output] = []
    for key, path in SOURCES.items():
        html = partial(_decoded, partial(_render, path, "html"))
        internal = partial(_decoded, partial(_render, path, "html", interne=True))
        report = partial(_report, [path])
        items += [
            Output(f"{key}.html", html, html_rows, html_flat),
            Output(f"{key}.html-interne", internal, html_rows, html_flat),
            Output(
                f"{key}.md",
                partial(_decoded, partial(_render, path, "md")),
                markdown_rows,
                markdown_flat,
            ),
            Output(f"{key}.pdf", partial(_render, path, "pdf"), pdf_rows, pdf_flat),
            Output(f"{key}.bilan-texte", partial(report, "text"), _text_rows),
            Output(f"{key}.bilan-json", partial(_json, partial(report, "json")), json_rows),
            Output(
                f"{key}.bilan-json-interne",
                partial(_json, partial(report, "json", interne=True)),
                json_rows,
            ),
            Output(f"{key}.bilan-md", partial(report, "md"), markdown_rows),
            Output(f"{key}.bilan-html", partial(report, "html"), html_rows, html_flat),
            Output(f"{key}.bilan-csv", partial(report, "csv"), csv_rows),
            Output(f"{key}.texte", partial(_texte, path), _line_rows),
            Output(
                f"{key}.suivi-csv",
                partial(_export, path, "csv"),
                partial(_export_rows, reader=csv_rows),
            ),
            Output(
                f"{key}.suivi-xlsx",
                partial(_export, path, "xlsx"),
                partial(_export_rows, reader=xlsx_rows),
            ),
        ]
    every = partial(_report, list(SOURCES.values()))
    items += [
        Output("consolide.bilan-texte", partial(every, "text"), _text_rows),
        Output("consolide.bilan-json", partial(_json, partial(every, "json")), json_rows),
        Output("consolide.bilan-md", partial(every, "md"), markdown_rows),
    ]
    for key, (old, new) in {
        "lille-loos": (LILLE, LOOS),
        "demo": (DEMO_BEFORE, DEMO),
    }.items():
        note = partial(_diff, old, new)
        items += [
            Output(f"{key}.note-texte", partial(note, "text"), _text_rows),
            Output(f"{key}.note-texte-interne", partial(note, "text", interne=True), _text_rows),
            Output(f"{key}.note-json", partial(_json, partial(note, "json")), json_rows),
            Output(f"{key}.note-md", partial(note, "md"), markdown_rows),
            Output(f"{key}.note-html", partial(note, "html"), html_rows, html_flat),
        ]
    return items


def dump(rows: list[Row]) -> str:
    return "".join("\t".join(row) + "\n" for row in rows)


def load(text: str) -> list[Row]:
    return [tuple(line.split("\t")) for line in text.splitlines()]


def prepare_inputs(folder: Path) -> Path:
    """A working folder where the outputs are made, their file names as in the repository: the
    real strategies as they are, the demo as it was (``entrees/``)."""
    (folder / "examples").mkdir(parents=True, exist_ok=True)
    (folder / "tests" / "outputs").mkdir(parents=True, exist_ok=True)
    (folder / "strategies").symlink_to(ROOT / "strategies", target_is_directory=True)
    (folder / DEMO).write_bytes(FROZEN_DEMO.read_bytes())
    (folder / DEMO_BEFORE).write_bytes((ROOT / DEMO_BEFORE).read_bytes())
    return folder


def write() -> None:
    """Capture every output into ``avant/`` (on purpose only: see the module's docstring)."""
    import tempfile  # noqa: PLC0415

    os.chdir(prepare_inputs(Path(tempfile.mkdtemp())))
    BEFORE.mkdir(exist_ok=True)
    for output in outputs():
        rows, _flat = output.produce()
        (BEFORE / f"{output.name}.txt").write_text(dump(rows), encoding="utf-8")
        print(f"{output.name}: {len(rows)} lignes", file=sys.stderr)


if __name__ == "__main__":
    sys.path[:0] = [str(ROOT), str(ROOT / "tests")]  # stspd_cli, and the tests' helpers
    write()
