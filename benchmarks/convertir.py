"""Benchmark (not a test): the round trip through our own documents.

Each strategy (the fictional demo and the two real ones) is rendered to HTML, Markdown and PDF
(``stspd render``) and to Word and LibreOffice (LibreOffice headless from the HTML), then read
back by ``stspd convertir``; the share of its structure recovered (tests/convert/documents.py,
``stspd_cli.convert.compare``: plans, actions, numbers, titles, purposes, pilots, partners,
dates, amounts, indicators and their measures, principles, references), the lines of text
that differ when the converted YAML is rendered again (« relu »: lines added or gone against
the strategy's own feuille de route, tests/convert/documents.py) and the time of the
conversion are printed per format.
In the same run, interleaved and repeated, the peer: pandoc itself turning the document into
Markdown (docx, odt, html, md) or pdfplumber extracting its text (pdf): what reading costs
without any recognition, the floor of what a conversion can cost.
Then, for the PDF of each strategy, the pages read on every core against the same conversion
in one process (``read_pdf.PARALLEL_FROM`` raised out of reach), with pdfplumber's text and
poppler's ``pdftotext`` as peers, in the same interleaved rounds.

Run: ``.venv/bin/python benchmarks/convertir.py`` (``--pages``: the PDF's pages only).
"""

from __future__ import annotations

import importlib.util
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from stspd_cli.convert import read_pdf
from stspd_cli.convert.compare import recovered
from stspd_cli.workers import cores

ROOT = Path(__file__).resolve().parents[1]


def _documents() -> Any:
    """tests/convert/documents.py, the one maker of the round trip's documents (loaded from its
    file: the tests are not an installed package)."""
    path = ROOT / "tests" / "convert" / "documents.py"
    sys.path.insert(0, str(ROOT / "tests"))  # its helpers (tests/libreoffice.py), as pytest does
    spec = importlib.util.spec_from_file_location("convert_documents", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


DOCS = _documents()
SOFFICE = importlib.import_module("libreoffice").SOFFICE  # tests/libreoffice.py, on the path now
RUNS = 5


def _peer(path: Path) -> None:
    if path.suffix == ".pdf":
        import pdfplumber  # noqa: PLC0415

        with pdfplumber.open(path) as pdf:
            "".join(page.extract_text() or "" for page in pdf.pages)
        return
    import pypandoc  # type: ignore[import-untyped]  # noqa: PLC0415

    kind = {".md": "markdown", ".html": "html"}.get(path.suffix, path.suffix[1:])
    pypandoc.convert_file(str(path), "markdown", format=kind, extra_args=["--sandbox"])


def main() -> None:
    if "--pages" in sys.argv:
        _pdf_pages()
        return
    formats = DOCS.RENDERED + (DOCS.OFFICE if SOFFICE else ())
    if not SOFFICE:
        print("LibreOffice absent : docx et odt non mesurés")
    header = f"{'stratégie':34} {'format':16} {'retrouvé':>9} {'relu':>5} {'convertir':>10}"
    print(f"{header} {'pair':>8} {'rapport':>8}")
    shares: dict[str, list[float]] = {f: [] for f in formats}
    with tempfile.TemporaryDirectory() as tmp:
        for strategy in DOCS.STRATEGIES:
            for fmt in formats:
                document = DOCS.make_document(strategy, fmt, Path(tmp) / fmt)
                ours: list[float] = []
                peer: list[float] = []
                done = None
                for _ in range(RUNS):  # interleaved: ours, then the peer, each round
                    start = time.perf_counter()
                    done = DOCS.convert(document)
                    ours.append(time.perf_counter() - start)
                    start = time.perf_counter()
                    _peer(document)
                    peer.append(time.perf_counter() - start)
                assert done is not None
                share, _ = recovered(DOCS.original(strategy), done.data)
                shares[fmt].append(share)
                again = len(DOCS.rendered_again(strategy, done))
                mine, theirs = statistics.median(ours), statistics.median(peer)
                print(
                    f"{strategy.name:34} {fmt:16} {share:9.1%} {again:5} {mine:9.3f}s "
                    f"{theirs:7.3f}s {mine / theirs:7.1f}x"
                )
    print("par format (moyenne des trois stratégies) :")
    for fmt, values in shares.items():
        print(f"  {fmt:16} {statistics.mean(values):.1%}")
    _pdf_pages()


def _one_process(document: Path) -> float:
    """The conversion with every page read in this process, as before the pages were shared."""
    shared, read_pdf.PARALLEL_FROM = read_pdf.PARALLEL_FROM, sys.maxsize
    try:
        start = time.perf_counter()
        DOCS.convert(document)
        return time.perf_counter() - start
    finally:
        read_pdf.PARALLEL_FROM = shared


def _pages(document: Path) -> int:
    import pdfplumber  # noqa: PLC0415

    with pdfplumber.open(document) as pdf:
        return len(pdf.pages)


def _timed(function: Any, argument: Any) -> float:
    start = time.perf_counter()
    function(argument)
    return time.perf_counter() - start


def _pdftotext(document: Path) -> None:
    subprocess.run(["pdftotext", str(document), "-"], check=True, capture_output=True)


def _pdf_pages() -> None:
    """The PDF's pages on every core (min/median/max over the rounds) against one process and
    the peers' text extraction."""
    pdftotext = shutil.which("pdftotext") is not None
    print(f"lecture des pages d'un PDF ({cores()} cœurs ; min / médiane / max, {RUNS} tours ;")
    print("rapport : médiane des pages partagées ÷ médiane de la ligne)")
    with tempfile.TemporaryDirectory() as tmp:
        for strategy in DOCS.STRATEGIES:
            document = DOCS.make_document(strategy, "pdf", Path(tmp) / strategy.stem)
            times: dict[str, list[float]] = {"partagées": [], "un processus": [], "pdfplumber": []}
            if pdftotext:
                times["pdftotext"] = []
            for _ in range(RUNS):  # interleaved: each way once per round
                times["partagées"].append(_timed(DOCS.convert, document))
                times["un processus"].append(_one_process(document))
                times["pdfplumber"].append(_timed(_peer, document))
                if pdftotext:
                    times["pdftotext"].append(_timed(_pdftotext, document))
            shared = statistics.median(times["partagées"])
            print(f"  {strategy.name} ({_pages(document)} pages)")
            for way, values in times.items():
                mid = statistics.median(values)
                print(
                    f"    {way:14} {min(values):6.3f} / {mid:6.3f} / {max(values):6.3f} s"
                    f"   {shared / mid:5.2f}x"
                )


if __name__ == "__main__":
    main()
