"""Benchmark (not a test): the CPU of one pandoc conversion, with the heap its build asks for
(``-H64m``) and with the 16 MiB stspd starts it with (``+RTS -H16m``, stspd_cli/pandoc.py).

The four conversions stspd makes of the fictional demo: its HTML page read (render docx/odt),
that document written as docx and as odt, and the docx read again (``stspd convertir``). Each
is run with both heaps in turn, ROUNDS times; the CPU of each run (user + system, from the
kernel) is printed as min / median / max with the ratio of the medians.

Run: ``.venv/bin/python benchmarks/pandoc_heap.py [ROUNDS]`` (default 15).
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
from pathlib import Path

from timing import ROOT, load, spread

from stspd_cli.load import load_file
from stspd_cli.model import Document
from stspd_cli.pandoc import RUNTIME_OPTIONS, pandoc_path
from stspd_cli.render import render_document

HEAPS: dict[str, list[str]] = {
    "-H64m (sa compilation)": [],
    "-H16m (stspd)": list(RUNTIME_OPTIONS),
}


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def main(rounds: int) -> None:
    binary = pandoc_path()
    data = load_file(ROOT / "examples" / "demo-fictive.yaml").data
    document = Document.model_validate(data)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        (work / "page.html").write_bytes(render_document(document, "html"))
        subprocess.run([binary, "page.html", "-t", "json", "-o", "doc.json"], cwd=work, check=True)
        subprocess.run([binary, "doc.json", "-o", "doc.docx"], cwd=work, check=True)
        jobs = {
            "lire la page HTML": ["--from=html-raw_html", "--to=json", "page.html"],
            "écrire le docx": ["--from=json", "--to=docx", "doc.json", "-o", "x.docx"],
            "écrire l'odt": ["--from=json", "--to=odt", "doc.json", "-o", "x.odt"],
            "lire un docx (convertir)": ["--from=docx", "--to=json", "doc.docx"],
        }
        cpu: dict[tuple[str, str], list[float]] = {}
        for _ in range(rounds):
            for job, args in jobs.items():
                for heap, options in HEAPS.items():
                    before = _cpu()
                    command = [binary, *options, "--sandbox", *args]
                    subprocess.run(command, cwd=work, check=True, capture_output=True)
                    cpu.setdefault((job, heap), []).append(_cpu() - before)
    print(f"pandoc, calcul d'une conversion ({rounds} tours alternés, {load()})")
    for job in jobs:
        medians = []
        for heap in HEAPS:
            low, median, high = spread(cpu[(job, heap)])
            medians.append(median)
            print(f"  {job:<26} {heap:<24} {low:.3f} / {median:.3f} / {high:.3f} s")
        print(f"  {'':<26} rapport des médianes : {medians[1] / medians[0]:.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
