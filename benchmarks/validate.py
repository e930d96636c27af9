"""Benchmark of `stspd validate` against its peers, measured in the same run.

Builds a corpus of about 1,000 strategies from the real ones in strategies/ (each made unique),
then times, as whole commands with their start-up, interleaved (a, b, c, a, b, c...) and
repeated, with min / median / max and the ratio of medians:

- one file: stspd validate (cache warm, and --no-cache) against yamllint -d relaxed, with the
  floors of Python's start-up and of an empty typer command taking one path;
- the corpus, cold (--no-cache) and warm (cache filled, nothing changed): stspd against
  yamllint, check-jsonschema (with stspd's own exported schema) and a parse of every file with
  ruamel.yaml's C loader;
- stspd render of one strategy to HTML, and stspd --help;
- peak memory of the cold corpus run (resident memory of the whole process tree, a run apart).

stspd's modules are byte-compiled first, as pip does when it installs a wheel. The paths of
issue 19 (PDF folders, bilan, memory at 10,000 files, fmt) are in benchmarks/waiting.py.
Run: .venv/bin/python benchmarks/validate.py [--files 1000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import timing as bench

STSPD = str(bench.BIN / "stspd")
ONE = bench.ROOT / "strategies" / "cispd-loos-haubourdin-emmerin.yaml"
EMPTY_TYPER = (
    "import sys, typer\n"
    "from pathlib import Path\n"
    "def command(path: Path) -> None:\n"
    "    pass\n"
    "typer.run(command)\n"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="stspd-bench-"))
    # The cache and the key that signs it: the run's own, not the user's.
    env = {**os.environ, "XDG_CACHE_HOME": str(work / "cache"), "XDG_DATA_HOME": str(work / "data")}
    env.pop("STSPD_NO_CACHE", None)
    try:
        corpus = bench.build_corpus(work / "corpus", args.files)
        files = [str(p) for p in corpus]
        folder = str(work / "corpus")
        schema = work / "schema.json"
        exported = subprocess.run([STSPD, "schema"], capture_output=True, check=True)
        schema.write_bytes(exported.stdout)
        size = sum(p.stat().st_size for p in corpus) / len(corpus) / 1024
        print(f"corpus : {len(corpus)} fichiers, {size:.1f} Kio en moyenne ; {bench.load()}")
        bench.byte_compile()

        bench.run([STSPD, "validate", str(ONE)], env=env)  # fill the cache for the cached runs
        bench.run([STSPD, "render", str(ONE), "-o", str(work / "x.html")], env=env)  # templates
        print(f"\nCommandes courtes, {args.repeat * 3} tours")
        short = bench.interleaved(
            {
                "stspd, 1 fichier (cache)": [STSPD, "validate", str(ONE)],
                "stspd, 1 fichier (--no-cache)": [STSPD, "validate", "--no-cache", str(ONE)],
                "yamllint, 1 fichier": [str(bench.BIN / "yamllint"), "-d", "relaxed", str(ONE)],
                "stspd render, 1 stratégie en HTML": [
                    STSPD,
                    "render",
                    str(ONE),
                    "-o",
                    str(work / "x.html"),
                ],
                "stspd --help": [STSPD, "--help"],
                "typer seul, commande vide (plancher)": [
                    sys.executable,
                    "-c",
                    EMPTY_TYPER,
                    str(ONE),
                ],
                "python seul, démarrage": [sys.executable, "-c", "pass"],
            },
            args.repeat * 3,
            env=env,
        )
        for name, values in short.items():
            bench.show(name, values)
        lint = short["yamllint, 1 fichier"]
        bench.ratio("1 fichier en cache / yamllint", short["stspd, 1 fichier (cache)"], lint, 0.5)
        cold_one = short["stspd, 1 fichier (--no-cache)"]
        bench.ratio("1 fichier --no-cache / yamllint", cold_one, lint, 1.0)
        bench.ratio("typer seul / yamllint", short["typer seul, commande vide (plancher)"], lint)

        bench.run([STSPD, "validate", folder], env=env)  # fill the cache for the warm runs
        print(f"\nCorpus, {args.repeat} tours ({bench.load()})")
        long = bench.interleaved(
            {
                "stspd, corpus à froid (--no-cache)": [STSPD, "validate", "--no-cache", folder],
                "stspd, corpus à chaud": [STSPD, "validate", folder],
                "yamllint, corpus": [str(bench.BIN / "yamllint"), "-d", "relaxed", folder],
                "check-jsonschema, corpus": [
                    str(bench.BIN / "check-jsonschema"),
                    "--schemafile",
                    str(schema),
                    *files,
                ],
                "chargeur C de ruamel, analyse seule du corpus": [
                    sys.executable,
                    "-c",
                    bench.C_FLOOR,
                    *files,
                ],
            },
            args.repeat,
            env=env,
        )
        for name, values in long.items():
            bench.show(name, values)
        cold = long["stspd, corpus à froid (--no-cache)"]
        bench.ratio("corpus à froid / yamllint", cold, long["yamllint, corpus"], 0.10)
        jsonschema = long["check-jsonschema, corpus"]
        bench.ratio("corpus à froid / check-jsonschema", cold, jsonschema, 0.5)
        floor = long["chargeur C de ruamel, analyse seule du corpus"]
        bench.ratio("corpus à froid / analyse C", cold, floor, 3)
        bench.ratio("corpus à chaud / à froid", long["stspd, corpus à chaud"], cold, 0.25)
        peak = bench.peak_memory_mib([STSPD, "validate", "--no-cache", folder], env=env)
        print(f"\n  mémoire maximale, corpus à froid : {peak:.1f} Mio (objectif < 150 Mio)")
        print(f"\nfin : {bench.load()}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
