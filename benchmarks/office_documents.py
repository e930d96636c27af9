"""Benchmark (not a test): office documents and a folder of PDFs, against the peer tools.

1. One feuille de route (the Loos strategy) to docx and to odt: ``stspd render`` (start-up,
   checks, HTML, pandoc twice, reference document, finishing) against the same work done from
   our HTML by pandoc alone (``pandoc page.html -o x.docx``, no styles, cover or field) and by
   LibreOffice's converter (``soffice --convert-to docx page.html``).
2. A folder of strategies to PDF: ``stspd render DIR -f pdf`` (worker processes, one per core)
   against the same strategies rendered one after another in one process (what it did before),
   LibreOffice converting their HTML, and pandoc with WeasyPrint as its PDF engine.

Runs are interleaved (one of each tool per round) and repeated; medians are printed with the
ratio to stspd. Run: ``.venv/bin/python benchmarks/office_documents.py [ROUNDS]``.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from stspd_cli.pandoc import pandoc_path

ROOT = Path(__file__).resolve().parents[1]
STRATEGY = ROOT / "strategies" / "cispd-loos-haubourdin-emmerin.yaml"
FOLDER_COPIES = 3  # the two real strategies and the demo, three times: nine PDFs


def _timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def _report(title: str, times: dict[str, list[float]]) -> None:
    ours = statistics.median(next(iter(times.values())))
    print(title)
    for name, values in times.items():
        median = statistics.median(values)
        print(f"  {name:<52} median {median:6.3f} s  ×{median / ours:5.2f}  (n={len(values)})")


def _rounds(tools: dict[str, Callable[[], float]], rounds: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {name: [] for name in tools}
    for _ in range(rounds):
        for name, tool in tools.items():
            times[name].append(tool())
    return times


def one_document(tmp: Path, stspd: str, soffice: str, rounds: int) -> None:
    html = tmp / "page.html"
    subprocess.run([stspd, "render", str(STRATEGY), "-o", str(html)], check=True)
    profile = f"-env:UserInstallation=file://{tmp / 'profil'}"
    for kind in ("docx", "odt"):
        lo = [soffice, profile, "--headless", "--convert-to", f"{kind}:{_filter(kind)}"]
        tools: dict[str, Callable[[], float]] = {
            f"stspd render -> {kind} (styles, cover, TOC field)": partial(
                _timed, [stspd, "render", str(STRATEGY), "-o", str(tmp / f"x.{kind}")]
            ),
            f"pandoc page.html -> {kind} (bare)": partial(
                _timed, [pandoc_path(), "--sandbox", str(html), "-o", str(tmp / f"p.{kind}")]
            ),
            f"soffice --convert-to {kind} page.html": partial(
                _timed, [*lo, "--outdir", str(tmp / "lo"), str(html)]
            ),
        }
        _report(f"One feuille de route ({STRATEGY.name}) to {kind}:", _rounds(tools, rounds))


def _filter(kind: str) -> str:
    return "MS Word 2007 XML" if kind == "docx" else "writer8"


def folder_to_pdf(tmp: Path, stspd: str, soffice: str, rounds: int) -> None:
    folder = tmp / "strategies"
    folder.mkdir()
    sources = [
        *sorted((ROOT / "strategies").glob("*.yaml")),
        ROOT / "examples" / "demo-fictive.yaml",
    ]
    for n in range(FOLDER_COPIES):
        for source in sources:
            shutil.copy(source, folder / f"{source.stem}-{n}.yaml")
    subprocess.run(
        [stspd, "render", str(folder), "-o", str(tmp / "html"), "-f", "html"], check=True
    )
    htmls = sorted(str(p) for p in (tmp / "html").glob("*.html"))
    weasyprint = str(Path(sys.executable).with_name("weasyprint"))
    sequential = (
        "import sys; from pathlib import Path; from stspd_cli.render.output import render_paths\n"
        "for p in sorted(Path(sys.argv[1]).glob('*.yaml')):\n"
        "    render_paths([p], output=sys.argv[2] + '/', format_name='pdf')"
    )
    profile = f"-env:UserInstallation=file://{tmp / 'profil'}"

    def pandoc_all() -> float:
        start = time.perf_counter()
        for page in htmls:
            subprocess.run(
                [pandoc_path(), page, f"--pdf-engine={weasyprint}", "-o", str(tmp / "pp.pdf")],
                check=True, capture_output=True,
            )  # fmt: skip
        return time.perf_counter() - start

    tools: dict[str, Callable[[], float]] = {
        f"stspd render DIR -f pdf ({len(os.sched_getaffinity(0))} workers)": lambda: _timed(
            [stspd, "render", str(folder), "-o", str(tmp / "pdf"), "-f", "pdf"]
        ),
        "stspd, one strategy after another (before)": lambda: _timed(
            [sys.executable, "-c", sequential, str(folder), str(tmp / "seq")]
        ),
        "soffice --convert-to pdf *.html": lambda: _timed(
            [
                soffice,
                profile,
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(tmp / "lo"),
                *htmls,
            ]
        ),
        "pandoc --pdf-engine=weasyprint, each page.html": pandoc_all,
    }
    count = len(list(folder.glob("*.yaml")))
    _report(f"A folder of {count} strategies to PDF:", _rounds(tools, rounds))


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    # Each document made at each round: none given from the cache of documents made before
    # (stspd_cli/render/document_cache.py); the commands timed inherit this.
    os.environ["STSPD_NO_CACHE"] = "1"
    stspd = str(Path(sys.executable).with_name("stspd"))
    soffice = shutil.which("soffice")
    if soffice is None:
        sys.exit("soffice introuvable : bash scripts/install-system-deps.sh")
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        # LibreOffice's first start creates its profile: once, before anything is timed.
        _timed(
            [
                soffice,
                f"-env:UserInstallation=file://{tmp / 'profil'}",
                "--headless",
                "--terminate_after_init",
            ]
        )
        one_document(tmp, stspd, soffice, rounds)
        folder_to_pdf(tmp, stspd, soffice, max(2, rounds // 2))


if __name__ == "__main__":
    main()
