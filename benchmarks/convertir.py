"""Benchmark (not a test): the round trip through our own documents.

Each strategy (the fictional demo and the two real ones) is rendered to HTML, Markdown and PDF
(``stspd render``) and to Word and LibreOffice (LibreOffice headless from the HTML), then read
back by ``stspd convertir``; the share of its structure recovered (tests/convert/documents.py,
``stspd_cli.convert.compare``: plans, actions, numbers, titles, purposes, pilots, partners,
dates, amounts, indicators and their measures, principles, references) and the time of the
conversion are printed per format.
In the same run, interleaved and repeated, the peer: pandoc itself turning the document into
Markdown (docx, odt, html, md) or pdfplumber extracting its text (pdf): what reading costs
without any recognition, the floor of what a conversion can cost.

Run: ``.venv/bin/python benchmarks/convertir.py``.
"""

from __future__ import annotations

import importlib.util
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from stspd_cli.convert.compare import recovered

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
    formats = DOCS.RENDERED + (DOCS.OFFICE if SOFFICE else ())
    if not SOFFICE:
        print("LibreOffice absent : docx et odt non mesurés")
    header = f"{'stratégie':34} {'format':16} {'retrouvé':>9} {'convertir':>10}"
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
                mine, theirs = statistics.median(ours), statistics.median(peer)
                print(
                    f"{strategy.name:34} {fmt:16} {share:9.1%} {mine:9.3f}s {theirs:7.3f}s "
                    f"{mine / theirs:7.1f}x"
                )
    print("par format (moyenne des trois stratégies) :")
    for fmt, values in shares.items():
        print(f"  {fmt:16} {statistics.mean(values):.1%}")


if __name__ == "__main__":
    main()
